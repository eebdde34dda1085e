package gui

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dateField is the date input of every form: a text field with a calendar
// drop-down that writes and reads the day the way the pages show dates,
// in the owner's language ("6 Dec 2026", "6 дек. 2026 г."). Fyne's
// DateEntry writes the operating system's numeric format (12/06/2026),
// so a form and the page it leads to would disagree on what a date looks
// like, and 12/06 reads as June in half the world.
//
// Typed dates are read in that format, as ISO 2026-12-06, and as day,
// month and year in numbers (6.12.2026, 6/12/2026).
type dateField struct {
	textEntry
	Date  *time.Time // the day shown; nil when empty or not a date
	popUp *widget.PopUp
}

var errNotADate = errors.New("not a date")

func newDateField() *dateField {
	e := &dateField{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, ok := parseLocalDate(s); !ok {
			return errNotADate
		}
		return nil
	}
	e.OnChanged = func(s string) {
		if d, ok := parseLocalDate(s); ok {
			e.Date = &d
		} else {
			e.Date = nil
		}
	}
	cal := widget.NewButtonWithIcon("", theme.CalendarIcon(), e.openCalendar)
	cal.Importance = widget.LowImportance
	e.ActionItem = cal
	return e
}

// SetDate shows day d, or empties the field for nil.
func (e *dateField) SetDate(d *time.Time) {
	if d == nil {
		e.SetText("")
		e.Date = nil
		return
	}
	day := *d
	e.SetText(localDate(day))
	e.Date = &day
}

func (e *dateField) openCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	start := time.Now()
	if e.Date != nil {
		start = *e.Date
	}
	cal := widget.NewCalendar(start, func(t time.Time) {
		e.SetDate(&t)
		if e.popUp != nil {
			e.popUp.Hide()
		}
	})
	e.popUp = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(fyne.NewPos(0, e.Size().Height))
	e.popUp.ShowAtPosition(pos)
	e.popUp.Resize(fyne.NewSize(max(e.Size().Width, cal.MinSize().Width), cal.MinSize().Height))
}

// parseLocalDate reads a day as the owner may type it: as the window
// writes dates in any of its languages, as ISO, or as day.month.year in
// numbers.
func parseLocalDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true
	}
	var parts []string
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("./-,", r)
	}) {
		if f == "г" || f == "թ" { // "2026 г.", "2026 թ."
			continue
		}
		parts = append(parts, f)
	}
	if len(parts) != 3 {
		return time.Time{}, false
	}
	day, err := strconv.Atoi(parts[0])
	if err != nil {
		return time.Time{}, false
	}
	month, ok := monthNumber(parts[1])
	if !ok {
		return time.Time{}, false
	}
	year, err := strconv.Atoi(parts[2])
	if err != nil || year < 1000 || year > 9999 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return time.Time{}, false // 31 Feb
	}
	return t, true
}

// monthNumber reads a month as a number or by its name (short or as a
// date says it) in any of the window's languages.
func monthNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 1 && n <= 12
	}
	for _, names := range []map[string][12]string{monthsShort, monthsOfDay} {
		for _, months := range names {
			for i, m := range months {
				if strings.TrimSuffix(strings.ToLower(m), ".") == s {
					return i + 1, true
				}
			}
		}
	}
	return 0, false
}
