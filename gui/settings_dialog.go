package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// sortLanguages are the alphabets the client list can follow; "" is the
// Unicode default, which already sorts every script sensibly.
var sortLanguages = []struct{ tag, name string }{
	{"", "Standard (all scripts)"},
	{"ro", "Romanian"},
	{"hy", "Armenian"},
	{"ka", "Georgian"},
	{"ru", "Russian"},
	{"en", "English"},
}

// showSettings opens the shop's settings: how money is written and the
// alphabet names sort by.
func (u *UI) showSettings() {
	s := u.settings
	symbol := widget.NewEntry()
	symbol.SetText(s.Money.Symbol)
	symbol.SetPlaceHolder(lang.L("e.g. lei, €, ֏, ₾"))
	position := widget.NewRadioGroup([]string{lang.L("after the amount"), lang.L("before the amount")}, nil)
	position.Horizontal = true
	position.SetSelected(lang.L("after the amount"))
	if s.Money.SymbolFirst {
		position.SetSelected(lang.L("before the amount"))
	}
	decimal := widget.NewRadioGroup([]string{lang.L("comma: 12,50"), lang.L("dot: 12.50")}, nil)
	decimal.Horizontal = true
	decimal.SetSelected(lang.L("dot: 12.50"))
	if s.Money.Decimal == "," {
		decimal.SetSelected(lang.L("comma: 12,50"))
	}
	names := make([]string, len(sortLanguages))
	for i, l := range sortLanguages {
		names[i] = lang.L(l.name)
	}
	sortBy := widget.NewSelect(names, nil)
	sortBy.SetSelectedIndex(0)
	for i, l := range sortLanguages {
		if l.tag == s.SortLanguage {
			sortBy.SetSelectedIndex(i)
		}
	}
	preview := widget.NewLabel("")
	read := func() model.Settings {
		n := s
		n.Money.Symbol = strings.TrimSpace(symbol.Text)
		n.Money.SymbolFirst = position.Selected == lang.L("before the amount")
		n.Money.Decimal = "."
		if decimal.Selected == lang.L("comma: 12,50") {
			n.Money.Decimal = ","
		}
		if i := sortBy.SelectedIndex(); i >= 0 {
			n.SortLanguage = sortLanguages[i].tag
		}
		return n
	}
	update := func() { preview.SetText(read().Money.Format(123456)) }
	symbol.OnChanged = func(string) { update() }
	position.OnChanged = func(string) { update() }
	decimal.OnChanged = func(string) { update() }
	update()

	fields := fieldSet{
		newFormField("symbol", lang.L("Currency symbol"), symbol),
		newFormField("position", lang.L("Symbol goes"), position),
		newFormField("decimal", lang.L("Decimal separator"), decimal),
		newFormField("preview", lang.L("Amounts look like"), preview),
		newFormField("sort", lang.L("Sort names as in"), sortBy),
	}
	var saved model.Settings
	validate := func() error {
		saved = read()
		if len([]rune(saved.Money.Symbol)) > 8 {
			return &model.ValidationError{Fields: []model.FieldError{{Field: "symbol", Message: "Keep the currency symbol short: at most 8 characters."}}}
		}
		return nil
	}
	save := func(ctx context.Context) error { return u.store.SaveSettings(ctx, saved) }
	done := func() {
		u.settings = saved
		u.clients.reload()
		u.clients.page.redraw()
	}
	newRecordDialog(u, lang.L("Settings"), fields, validate, save, nil, done).show()
}
