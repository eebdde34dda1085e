package gui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	xlang "golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"clienttracker/model"
)

// The shop's home country: phone numbers typed without their country code
// are read as numbers of it (model.Settings.HomeCountry).

// countryChoice is a choice of the shop's country, named in the window's
// language with its calling code ("Armenia (+374)"), in the order of those
// names; the countries of the app's languages come first.
type countryChoice struct {
	sel   *widget.Select // the widget to put on screen
	codes []string       // the country of each option
}

// firstCountries are offered first: the shops' own countries.
var firstCountries = []string{"AM", "GE", "MD", "RO", "RU", "UA"}

func newCountryChoice(selected string, changed func(code string)) *countryChoice {
	namer := display.Regions(xlang.Make(shownLanguage()))
	name := func(code string) string {
		n := ""
		if namer != nil {
			if r, err := xlang.ParseRegion(code); err == nil {
				n = namer.Name(r)
			}
		}
		if n == "" {
			n = code
		}
		return fmt.Sprintf("%s (+%d)", n, model.CallingCode(code))
	}
	rest := slices.DeleteFunc(model.Regions(), func(c string) bool { return slices.Contains(firstCountries, c) })
	names := map[string]string{}
	for _, c := range append(slices.Clone(firstCountries), rest...) {
		names[c] = name(c)
	}
	byName := func(a, b string) int { return strings.Compare(names[a], names[b]) }
	first := slices.Clone(firstCountries)
	slices.SortFunc(first, byName)
	slices.SortFunc(rest, byName)
	v := &countryChoice{codes: append(first, rest...)}
	opts := make([]string, len(v.codes))
	for i, c := range v.codes {
		opts[i] = names[c]
	}
	v.sel = widget.NewSelect(opts, nil)
	v.sel.PlaceHolder = lang.L("Choose the shop's country")
	v.set(selected)
	v.sel.OnChanged = func(string) {
		if changed != nil {
			changed(v.code())
		}
	}
	return v
}

// set shows code, or nothing for an unknown one.
func (v *countryChoice) set(code string) {
	if i := slices.Index(v.codes, model.NormalizeRegion(code)); i >= 0 {
		v.sel.SetSelectedIndex(i)
	}
}

// code is the country chosen, "" for none.
func (v *countryChoice) code() string {
	if i := v.sel.SelectedIndex(); i >= 0 {
		return v.codes[i]
	}
	return ""
}
