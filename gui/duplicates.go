package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// dupView is the "find duplicates" tool: pairs of clients who are probably
// the same person (typed twice, or imported from two address books), each
// with a way to merge them or to say they are different people.
type dupView struct {
	u       *UI
	pairs   []model.DuplicatePair
	list    *widget.List
	count   *widget.Label
	dlg     *dialog.CustomDialog
	chooser dialog.Dialog // the "which one to keep" dialog open now
}

// maxDuplicatePairs is how many pairs one search lists; after merging
// them the owner searches again.
const maxDuplicatePairs = 200

// notSamePairs are the pairs the owner said are different people, hidden
// for the rest of the session; keyed by the two client ids.
type pairKey [2]int64

// showDuplicates opens the "find duplicates" tool.
func (u *UI) showDuplicates() { u.openDuplicates() }

// openDuplicates searches for likely duplicates and lists them; it returns
// the view for tests.
func (u *UI) openDuplicates() *dupView {
	v := &dupView{u: u}
	v.count = widget.NewLabel("")
	v.count.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.pairs) }, func() fyne.CanvasObject { return newDupRow(v) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*dupRow).set(id) })
	again := widget.NewButtonWithIcon(lang.L("Search again"), theme.ViewRefreshIcon(), v.search)
	content := container.NewBorder(v.count, nil, nil, nil, v.list)
	v.dlg = dialog.NewCustomWithoutButtons(lang.L("Find duplicates"), content, u.win)
	v.dlg.SetButtons([]fyne.CanvasObject{again, widget.NewButton(lang.L("Close"), v.dlg.Hide)})
	v.dlg.Resize(fyne.NewSize(min(880, u.win.Canvas().Size().Width-40), min(560, u.win.Canvas().Size().Height-40)))
	v.dlg.Show()
	v.search()
	return v
}

// search asks the store for likely pairs, leaving out those the owner
// said are different people.
func (v *dupView) search() {
	v.count.SetText(lang.L("Looking for clients entered twice…"))
	var pairs []model.DuplicatePair
	v.u.run(func(ctx context.Context) (err error) {
		pairs, err = v.u.storeDuplicates().FindDuplicates(ctx, maxDuplicatePairs)
		return err
	}, func(err error) {
		if err != nil {
			v.count.SetText("")
			v.u.showError(lang.L("Could not look for duplicates."), err)
			return
		}
		v.pairs = v.pairs[:0]
		for _, p := range pairs {
			if !v.u.notSame()[pairKey{p.A.ID, p.B.ID}] {
				v.pairs = append(v.pairs, p)
			}
		}
		v.changed()
	})
}

// notSame returns the pairs of the open book the owner said are different
// people, for as long as the window has it open; touched only on the UI
// goroutine.
func (u *UI) notSame() map[pairKey]bool {
	if u.notSamePairs == nil {
		u.notSamePairs = map[pairKey]bool{}
	}
	return u.notSamePairs
}

// changed shows the pairs again after one was merged or hidden.
func (v *dupView) changed() {
	n := len(v.pairs)
	if n == 0 {
		v.count.SetText(lang.L("No likely duplicates found: every client has their own name, phone and email."))
	} else {
		v.count.SetText(lang.LocalizePlural("{{.Count}} pairs of clients may be the same person. Merge them, or say they are not.", n,
			map[string]any{"Count": model.GroupThousands(int64(n))}))
	}
	v.list.Refresh()
}

// reason says why a pair looks like one person.
func reason(p model.DuplicatePair) string {
	switch p.Reason {
	case model.MatchEmail:
		return lang.L("same email: {{.Email}}", map[string]any{"Email": p.A.Email})
	case model.MatchPhone:
		for _, a := range p.A.Phones {
			for _, b := range p.B.Phones {
				da, db := model.PhoneDigits(a), model.PhoneDigits(b)
				if da != "" && db != "" && (strings.HasSuffix(da, db) || strings.HasSuffix(db, da)) {
					return lang.L("same phone: {{.Phone}}", map[string]any{"Phone": a})
				}
			}
		}
		return lang.L("same phone")
	}
	return lang.L("same name")
}

// reach is how to reach a client, for a row: phones, then email.
func reachOf(c model.Client) string {
	return strings.Join(nonEmpty(strings.Join(c.Phones, ", "), c.Email, c.City), " · ")
}

// dupRow is one pair in the list: both names, how to reach each, why they
// look alike, and the two actions.
type dupRow struct {
	widget.BaseWidget
	v       *dupView
	id      int
	names   *widget.Label
	detail  *widget.Label
	why     *widget.Label
	merge   *widget.Button
	notSame *widget.Button
	box     *fyne.Container
}

func newDupRow(v *dupView) *dupRow {
	r := &dupRow{v: v, names: boldLabel(""), detail: widget.NewLabel(""), why: widget.NewLabel("")}
	r.names.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.detail.SizeName = theme.SizeNameCaptionText
	r.why.Importance = widget.WarningImportance
	r.merge = widget.NewButtonWithIcon(lang.L("Merge…"), theme.ContentCopyIcon(), func() { v.onMerge(r.id) })
	r.notSame = widget.NewButton(lang.L("Not the same person"), func() { v.onNotSame(r.id) })
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(r.why, r.merge, r.notSame),
		container.NewVBox(r.names, r.detail))
	r.ExtendBaseWidget(r)
	return r
}

func (r *dupRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.box)
}

func (r *dupRow) set(id int) {
	r.id = id
	if id >= len(r.v.pairs) {
		return
	}
	p := r.v.pairs[id]
	r.names.SetText(p.A.Name + "  ⟷  " + p.B.Name)
	r.detail.SetText(reachOf(p.A) + "   |   " + reachOf(p.B))
	r.why.SetText(reason(p))
	r.box.Refresh() // the reason's width changed: lay the row out again
}

// onNotSame hides the pair for the rest of the session.
func (v *dupView) onNotSame(i int) {
	if i >= len(v.pairs) {
		return
	}
	p := v.pairs[i]
	v.u.notSame()[pairKey{p.A.ID, p.B.ID}] = true
	v.pairs = append(v.pairs[:i:i], v.pairs[i+1:]...)
	v.changed()
}

// onMerge shows both clients side by side to choose the one to keep.
func (v *dupView) onMerge(i int) {
	if i >= len(v.pairs) || v.u.refuseReadOnly() {
		return
	}
	p := v.pairs[i]
	hint := widget.NewLabel(lang.L("Which record do you keep? The other one's purchases, preferences, contacts, promises and complaints move to it, with its phones, tags and any details the kept one lacks; then the other record is deleted."))
	hint.Wrapping = fyne.TextWrapWord
	cards := container.NewGridWithColumns(2, v.card(p.A, p.B), v.card(p.B, p.A))
	d := dialog.NewCustom(lang.L("Merge two clients"), lang.L("Cancel"), container.NewBorder(hint, nil, nil, nil, cards), v.u.win)
	d.Resize(fyne.NewSize(min(760, v.u.win.Canvas().Size().Width-40), 0))
	v.chooser = d
	d.Show()
}

// card shows one client of a pair with the button that keeps it.
func (v *dupView) card(c, other model.Client) fyne.CanvasObject {
	name := boldLabel(c.Name)
	name.Wrapping = fyne.TextWrapWord
	lines := nonEmpty(
		lang.L("Client number {{.ID}}", map[string]any{"ID": c.ID}),
		strings.Join(c.Phones, ", "), c.Email, strings.Join(nonEmpty(c.City, c.Company), " · "),
		strings.Join(c.Tags, ", "),
	)
	purchases := lang.L("no purchases yet")
	if n := c.Summary.Count; n > 0 {
		purchases = lang.LocalizePlural("{{.Count}} purchases", n, map[string]any{"Count": model.GroupThousands(int64(n))}) +
			" · " + v.u.money(c.Summary.Total)
	}
	info := widget.NewLabel(strings.Join(append(lines, purchases), "\n"))
	info.Wrapping = fyne.TextWrapWord
	keep := widget.NewButtonWithIcon(lang.L("Keep this one"), theme.ConfirmIcon(), func() { v.confirmMerge(c, other) })
	keep.Importance = widget.HighImportance
	return widget.NewCard("", "", container.NewBorder(name, keep, nil, nil, info))
}

// confirmMerge says what merging does and merges once the owner agrees.
func (v *dupView) confirmMerge(keep, merge model.Client) {
	if v.chooser != nil {
		v.chooser.Hide()
		v.chooser = nil
	}
	msg := widget.NewLabel(lang.L("Merge client number {{.Merge}} into client number {{.Keep}}, {{.Name}}? Everything of {{.Merge}} moves to {{.Keep}}, and {{.Merge}} is deleted. This cannot be undone, except by restoring a backup.",
		map[string]any{"Keep": keep.ID, "Merge": merge.ID, "Name": keep.Name}))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.L("Merge two clients"), lang.L("Merge"), lang.L("Cancel"), msg, func(ok bool) {
		if ok {
			v.merge(keep.ID, merge.ID)
		}
	}, v.u.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// merge merges the two clients and takes every pair with the merged one
// off the list.
func (v *dupView) merge(keepID, mergeID int64) {
	u := v.u
	u.run(func(ctx context.Context) error {
		return u.storeDuplicates().MergeClients(ctx, keepID, mergeID)
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not merge the two clients. Nothing was changed."), err)
			return
		}
		kept := v.pairs[:0]
		for _, p := range v.pairs {
			if p.A.ID != mergeID && p.B.ID != mergeID {
				kept = append(kept, p)
			}
		}
		v.pairs = kept
		v.changed()
		u.changed(keepID)
		u.changed(mergeID) // a page showing them closes
	})
}

// duplicatesStore is what Find duplicates needs.
type duplicatesStore interface {
	// FindDuplicates lists up to limit pairs of clients who are probably
	// the same person.
	FindDuplicates(ctx context.Context, limit int) ([]model.DuplicatePair, error)
	// MergeClients moves all of mergeID's history (purchases, preferences,
	// contacts, promises, complaints, moves, referrals) to keepID, fills
	// keepID's empty fields from mergeID, adds its phones and tags, and
	// deletes mergeID; one transaction.
	MergeClients(ctx context.Context, keepID, mergeID int64) error
}

// storeDuplicates is the window's store as duplicatesStore: what this file may call.
func (u *UI) storeDuplicates() duplicatesStore { return u.store }
