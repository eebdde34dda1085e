package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// owedView lists who owes money: every open balance, the largest sum past
// due first, with the totals; a click opens the client. SEEDS.md: stop
// credit and recover what is owed, which starts with seeing it.
type owedView struct {
	u        *UI
	balances []model.Balance
	totals   *widget.Label
	list     *widget.List
	d        dialog.Dialog
}

// showOwed reads the balances and shows them in a dialog.
func (u *UI) showOwed() {
	var bs []model.Balance
	today := u.today()
	u.run(func(ctx context.Context) (err error) {
		bs, err = u.storeOwed().Balances(ctx, today)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not read who owes money."), err)
			return
		}
		v := newOwedView(u, bs)
		v.d = dialog.NewCustom(lang.L("Who owes me"), lang.L("Close"), v.content(), u.win)
		v.d.Resize(fyne.NewSize(640, 480))
		v.d.Show()
		u.owed = v
	})
}

func newOwedView(u *UI, bs []model.Balance) *owedView {
	v := &owedView{u: u, balances: bs, totals: boldLabel("")}
	owed, past, n := model.BalanceTotals(bs)
	v.totals.SetText(lang.L("{{.Clients}} clients owe {{.Owed}}, of which {{.PastDue}} is past due", map[string]any{
		"Clients": model.GroupThousands(int64(n)), "Owed": u.money(owed), "PastDue": u.money(past)}))
	v.totals.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.balances) }, func() fyne.CanvasObject { return newOwedRow() }, v.updateRow)
	v.list.OnSelected = v.onSelected
	return v
}

func (v *owedView) content() fyne.CanvasObject {
	if len(v.balances) == 0 {
		msg := widget.NewLabel(lang.L("Nobody owes you money."))
		return container.NewGridWrap(fyne.NewSize(440, 60), msg)
	}
	return container.NewBorder(v.totals, nil, nil, nil, v.list)
}

func (v *owedView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	b := v.balances[id]
	r := o.(*owedRow)
	r.name.SetText(b.Name)
	detail := lang.L("nothing past due yet")
	if b.PastDue > 0 {
		detail = lang.L("past due: {{.Amount}} (since {{.Date}})", map[string]any{"Amount": v.u.money(b.PastDue), "Date": formatDate(b.Oldest)})
	}
	r.detail.SetText(detail)
	r.amount.SetText(v.u.money(b.Owed))
	// The amount's width changed: lay the row out again, or the amount
	// keeps the width of the row's last text.
	r.Refresh()
}

// owedRow draws one balance: who, what of it is past due, and how much.
type owedRow struct {
	widget.BaseWidget
	name, detail, amount *widget.Label
}

func newOwedRow() *owedRow {
	r := &owedRow{name: boldLabel(""), detail: widget.NewLabel(""), amount: boldLabel("")}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.detail.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *owedRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, r.amount, container.NewVBox(r.name, r.detail)))
}

// onSelected opens the client who owes.
func (v *owedView) onSelected(id widget.ListItemID) {
	v.list.Unselect(id)
	if id < 0 || id >= len(v.balances) {
		return
	}
	v.d.Hide()
	v.u.openClient(v.balances[id].ClientID)
}

// owedStore is what Who owes me reads.
type owedStore interface {
	Balances(ctx context.Context, today time.Time) ([]model.Balance, error)
}

// storeOwed is the window's store as owedStore: what this file may call.
func (u *UI) storeOwed() owedStore { return u.store }
