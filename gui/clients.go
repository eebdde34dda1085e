package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// pageSize is how many clients one query fetches for the virtual list:
// about four screens. Each keystroke of a search reads the first page, so
// it is kept small enough for that to stay under 2 ms on 100,000 clients
// (BenchmarkSearchNamePrefix in db); scrolling reads the next ones.
const pageSize = 50

// clientsView is the client book: a search box, a sort order, a virtual list
// of every matching client and, beside it, the selected client's page.
type clientsView struct {
	u *UI

	search      *textEntry
	sortBy      *widget.Select
	count       *widget.Label
	list        *widget.List
	newBtn      *widget.Button
	settingsBtn *widget.Button
	page        *clientPage
	content     fyne.CanvasObject
	ownChange   bool // changed is telling the other views of a change made here

	// Query state, touched only on the UI goroutine. gen identifies the
	// current query so that late answers to an older one are dropped.
	gen      int
	filter   model.ClientFilter
	total    int
	pages    map[int][]*model.Client
	loading  map[int]bool
	selected int64
	stale    bool // the list is to be read when next shown (invalidate)
}

func newClientsView(u *UI) *clientsView {
	// Stale until first shown: nothing has read the list yet.
	v := &clientsView{u: u, pages: map[int][]*model.Client{}, loading: map[int]bool{}, stale: true}
	v.filter.Sort = model.SortName

	v.search = newEntry()
	v.search.SetPlaceHolder(lang.L("Search by name, phone, email, city, tag or note"))
	v.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	v.search.OnChanged = v.onSearchChanged

	labels := make([]string, len(model.SortOrders))
	for i, s := range model.SortOrders {
		labels[i] = lang.L(s.Label())
	}
	v.sortBy = widget.NewSelect(labels, v.onSortChanged)
	v.sortBy.SetSelectedIndex(0)

	v.newBtn = widget.NewButtonWithIcon(lang.L("New client"), theme.ContentAddIcon(), v.onNewClient)
	v.newBtn.Importance = widget.HighImportance
	v.count = widget.NewLabel("")

	v.list = widget.NewList(v.length, v.createRow, v.updateRow)
	v.list.OnSelected = v.onSelected

	v.page = newClientPage(u, v)
	u.onChange(v.clientChanged)

	sortBox := container.NewHBox(widget.NewLabel(lang.L("Sort by")), v.sortBy)
	v.settingsBtn = widget.NewButtonWithIcon("", theme.SettingsIcon(), u.showSettings)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(sortBox, v.newBtn, v.settingsBtn), v.search)
	left := container.NewBorder(v.count, nil, nil, nil, v.list)
	split := container.NewHSplit(left, v.page.content)
	split.Offset = 0.34
	v.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	return v
}

func (v *clientsView) length() int { return v.total }

// clientRow is one line of the client list: the name in bold and, below it,
// how to reach the client and how they buy.
type clientRow struct {
	widget.BaseWidget
	name, detail *widget.Label
}

func newClientRow() *clientRow {
	r := &clientRow{name: boldLabel(""), detail: widget.NewLabel("")}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.detail.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *clientRow) CreateRenderer() fyne.WidgetRenderer {
	// Labels carry their own padding; tighten the pair so more rows fit.
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), r.name, r.detail))
}

func (r *clientRow) set(name, detail string) {
	r.name.SetText(name)
	r.detail.SetText(detail)
}

func (v *clientsView) createRow() fyne.CanvasObject { return newClientRow() }

func (v *clientsView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := o.(*clientRow)
	if c := v.row(id); c != nil {
		r.set(c.Name, v.rowDetail(c))
	} else {
		r.set("…", "")
	}
}

// rowDetail is the second line of a list row: how to reach the client and
// how they buy, so the owner can tell two "Ana Popescu"s apart.
func (v *clientsView) rowDetail(c *model.Client) string {
	var parts []string
	if len(c.Phones) > 0 {
		parts = append(parts, c.Phones[0])
	} else if c.Email != "" {
		parts = append(parts, c.Email)
	}
	if c.City != "" {
		parts = append(parts, c.City)
	}
	switch {
	case c.Summary.Count == 0:
		parts = append(parts, lang.L("no purchases yet"))
	case v.filter.Sort == model.SortTotalSpent:
		parts = append(parts, lang.L("spent {{.Amount}}", map[string]any{"Amount": v.u.money(c.Summary.Total)}))
	default:
		parts = append(parts, lang.L("last bought {{.Date}}", map[string]any{"Date": formatDate(c.Summary.Last)}))
	}
	return strings.Join(parts, " · ")
}

// row returns the client at list position id, starting a page load if it is
// not in memory yet.
func (v *clientsView) row(id int) *model.Client {
	p, i := id/pageSize, id%pageSize
	if rows, ok := v.pages[p]; ok {
		if i < len(rows) {
			return rows[i]
		}
		return nil
	}
	v.loadPage(p)
	return nil
}

// reload runs the current search again from the first page, e.g. after the
// search text, the sort order or a client changed.
func (v *clientsView) reload() {
	v.invalidate()
	v.stale = false
	v.loadPage(0)
}

// invalidate forgets the pages read and marks the list stale, to be read
// when it is next shown; an answer still coming is dropped.
func (v *clientsView) invalidate() {
	v.gen++
	v.pages = map[int][]*model.Client{}
	v.loading = map[int]bool{}
	v.stale = true
}

func (v *clientsView) loadPage(p int) {
	if v.loading[p] {
		return
	}
	v.loading[p] = true
	gen, f := v.gen, v.filter
	f.Offset, f.Limit = p*pageSize, pageSize
	var rows []*model.Client
	var total int
	v.u.run(func(ctx context.Context) (err error) {
		rows, total, err = v.u.storeClients().ListClients(ctx, f)
		return err
	}, func(err error) {
		if gen != v.gen {
			return // an older query; the list has moved on
		}
		delete(v.loading, p)
		if err != nil {
			v.u.showError(lang.L("Could not read the client list."), err)
			return
		}
		v.pages[p] = rows
		if total != v.total || p == 0 {
			v.total = total
			v.updateCount()
		}
		v.list.Refresh()
	})
}

func (v *clientsView) updateCount() {
	if v.filter.Search == "" {
		v.count.SetText(lang.LocalizePlural("{{.Count}} clients", v.total, map[string]any{"Count": model.GroupThousands(int64(v.total))}))
		return
	}
	if v.total == 0 {
		v.count.SetText(lang.L("No client matches \"{{.Search}}\".", map[string]any{"Search": v.filter.Search}))
		return
	}
	v.count.SetText(lang.LocalizePlural("{{.Count}} clients match", v.total, map[string]any{"Count": model.GroupThousands(int64(v.total))}))
}

func (v *clientsView) onSearchChanged(s string) {
	v.filter.Search = strings.TrimSpace(s)
	v.list.UnselectAll()
	v.list.ScrollToTop()
	v.reload()
}

func (v *clientsView) onSortChanged(string) {
	i := v.sortBy.SelectedIndex()
	if i < 0 || i >= len(model.SortOrders) {
		return
	}
	v.filter.Sort = model.SortOrders[i]
	if v.list == nil { // the initial selection, before the list exists
		return
	}
	v.list.UnselectAll()
	v.list.ScrollToTop()
	v.reload()
}

func (v *clientsView) onSelected(id widget.ListItemID) {
	c := v.row(id)
	if c == nil {
		return
	}
	v.selected = c.ID
	v.page.show(c.ID)
}

// selectRow selects the client at list position id, as a click would.
func (v *clientsView) selectRow(id int) { v.list.Select(id) }

func (v *clientsView) onNewClient() {
	v.u.showClients()
	v.list.UnselectAll()
	v.page.editClient(nil)
}

// changed is called after a client was added, edited or deleted, or
// something of theirs (a purchase, a preference, a contact) changed.
// The page has drawn itself already.
func (v *clientsView) changed() {
	id := int64(0)
	if c := v.page.client; c != nil {
		id = c.ID
	}
	v.ownChange = true
	defer func() { v.ownChange = false }()
	v.u.changed(id)
}

// clientChanged reads the list again (if it is not on screen, when it is
// next shown), and the page if it shows the client that changed (any, for
// 0) and the change was made elsewhere.
func (v *clientsView) clientChanged(clientID int64) {
	if v.shown() {
		v.reload()
	} else {
		v.invalidate() // read when shown, as the ladder is
	}
	if p := v.page; !v.ownChange && p.client != nil && p.form == nil && (clientID == 0 || clientID == p.client.ID) {
		p.show(p.client.ID)
	}
}

// shown reports whether the client list is on screen.
func (v *clientsView) shown() bool {
	return v.u.tabs != nil && v.u.view == v.u.tabs && v.u.tabs.Selected() == v.u.clientsTab
}

// focusSearch puts the cursor in the search box with its text selected, so
// typing starts a new search.
func (v *clientsView) focusSearch() {
	v.u.win.Canvas().Focus(v.search)
	v.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// closePage leaves the client page for the hint, as when the window moves
// to another book.
func (v *clientsView) closePage() {
	v.page.showHint()
	v.list.UnselectAll()
}

// clientsStore is what the client list reads.
type clientsStore interface {
	ListClients(ctx context.Context, f model.ClientFilter) ([]*model.Client, int, error)
}

// storeClients is the window's store as clientsStore: what this file may call.
func (u *UI) storeClients() clientsStore { return u.store }
