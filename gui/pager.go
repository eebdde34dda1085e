package gui

import (
	"context"

	"fyne.io/fyne/v2/widget"
)

// pager holds the rows of a virtual list that is read a page at a time off
// the UI goroutine, as the rows scroll into view: the due list and the
// ladder's cards. It is touched only on the UI goroutine.
type pager[T any] struct {
	size     int          // rows per page
	pages    map[int][]T  // loaded pages, by number
	loading  map[int]bool // pages asked for and not back yet
	gen      int          // bumped by each reload of the view; older answers are dropped
	updating bool         // inside a list's update callback: do not refresh the list
}

// reset starts a new list whose first page is first.
func (p *pager[T]) reset(first []T) {
	p.pages = map[int][]T{0: first}
	p.loading = map[int]bool{}
}

// at returns row i if its page is loaded, else nil.
func (p *pager[T]) at(i int) *T {
	rows := p.pages[i/p.size]
	if j := i % p.size; j < len(rows) {
		return &rows[j]
	}
	return nil
}

// fill returns row i for a list's update callback, asking for its page with
// load if need be; nil while the page loads. Tests run the store inline, so
// the page may be there on return.
func (p *pager[T]) fill(i int, load func(n int)) *T {
	if it := p.at(i); it != nil {
		return it
	}
	p.updating = true
	load(i / p.size)
	p.updating = false
	return p.at(i)
}

// load reads page n once, with fetch off the UI goroutine. fetch returns
// the page's rows and whether the list is still the one the view counted;
// if it is not (another copy of the app or the command line wrote), changed
// is called to read the list again, else list is redrawn with the rows. A
// failure is shown with the sentence failed.
func (p *pager[T]) load(u *UI, n int, fetch func(ctx context.Context) (rows []T, same bool, err error),
	failed string, changed func(), list *widget.List) {
	if p.loading[n] || p.pages[n] != nil {
		return
	}
	p.loading[n] = true
	gen := p.gen
	var rows []T
	var same bool
	u.run(func(ctx context.Context) (err error) {
		rows, same, err = fetch(ctx)
		return err
	}, func(err error) {
		if gen != p.gen {
			return
		}
		delete(p.loading, n)
		switch {
		case err != nil:
			u.showError(failed, err)
		case !same:
			changed()
		default:
			p.pages[n] = rows
			if !p.updating {
				list.Refresh()
			}
		}
	})
}
