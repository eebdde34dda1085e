package gui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// formField is one labelled input of a form with room for its error message
// right below it, so the owner sees what to fix next to the field itself.
type formField struct {
	name  string // model.Field* name, matched against validation errors
	label *widget.Label
	input fyne.CanvasObject
	err   *widget.Label
}

func newFormField(name, label string, input fyne.CanvasObject) *formField {
	e := widget.NewLabel("")
	e.Importance = widget.DangerImportance
	e.Wrapping = fyne.TextWrapWord
	e.Hide()
	return &formField{name: name, label: widget.NewLabel(label), input: input, err: e}
}

// setError shows msg under the field, or hides the message when msg is "".
func (f *formField) setError(msg string) {
	f.err.SetText(msg)
	if msg == "" {
		f.err.Hide()
	} else {
		f.err.Show()
	}
}

// fieldSet is the fields of one form, laid out as label | input rows.
type fieldSet []*formField

func (fs fieldSet) layout() *fyne.Container {
	objs := make([]fyne.CanvasObject, 0, 2*len(fs))
	for _, f := range fs {
		objs = append(objs, f.label, container.NewVBox(f.input, f.err))
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// showErrors puts each validation message under its field and clears the
// others. It returns the messages that matched no field, for a dialog.
func (fs fieldSet) showErrors(err error) []string {
	ve, _ := model.AsValidation(err)
	var unplaced []string
	for _, f := range fs {
		f.setError("")
	}
	if ve == nil {
		return nil
	}
	shown := map[string]bool{}
	for _, fe := range ve.Fields {
		f := fs.field(fe.Field)
		switch {
		case f == nil:
			unplaced = append(unplaced, tr(fe))
		case !shown[fe.Field]: // one message per field: the first is what to fix first
			f.setError(tr(fe))
			shown[fe.Field] = true
		}
	}
	return unplaced
}

// field returns the field called name, or nil.
func (fs fieldSet) field(name string) *formField {
	for _, f := range fs {
		if f.name == name {
			return f
		}
	}
	return nil
}

// tr translates a validation message, filling in its data.
func tr(fe model.FieldError) string {
	if len(fe.Data) == 0 {
		return lang.L(fe.Message)
	}
	return lang.L(fe.Message, translateWhat(fe.Data))
}

// dateEntry returns a date input with a calendar drop-down, set to t (or
// empty when t is zero).
func dateEntry(t time.Time) *dateField {
	e := newDateField()
	if !t.IsZero() {
		d := t
		e.SetDate(&d)
	}
	return e
}

// dateOf reads a date input: the zero time when empty, ok=false when the
// text is not a date.
func dateOf(e *dateField) (time.Time, bool) {
	if strings.TrimSpace(e.Text) == "" {
		return time.Time{}, true
	}
	d, ok := parseLocalDate(e.Text)
	if !ok {
		return time.Time{}, false
	}
	return model.Day(d), true
}

// formatDate writes a calendar day for people to read.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return localDate(t)
}

// boldLabel is a label in bold type.
func boldLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	return l
}
