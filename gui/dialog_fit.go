package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"clienttracker/model"
)

// recordDialogWidth is the width of a record dialog: room for a sentence
// of a validation message beside the labels in every language.
const recordDialogWidth = 560

// body lays out a record dialog: its fields scroll when the window is too
// short for them, and the buttons stay below the fields however long the
// messages under the fields grow.
func (r *recordDialog) body(buttons fyne.CanvasObject) fyne.CanvasObject {
	r.form = r.fields.layout()
	r.scroll = container.NewVScroll(r.form)
	r.buttons = buttons
	return container.NewBorder(nil, buttons, nil, nil, r.scroll)
}

// fit sizes the dialog to show every field and message whole, within the
// window: a message shown or hidden changes the height the fields need.
func (r *recordDialog) fit() {
	if r.d == nil || r.form == nil {
		return
	}
	win := r.u.win.Canvas().Size()
	pad := theme.Padding()
	// The dialog's own title and margins: what it needs beyond its content.
	chrome := r.d.MinSize().Height - r.scroll.MinSize().Height - r.buttons.MinSize().Height - pad
	h := chrome + r.form.MinSize().Height + r.buttons.MinSize().Height + pad
	w := max(float32(recordDialogWidth), r.form.MinSize().Width+8*pad)
	r.d.Resize(fyne.NewSize(min(w, win.Width-8*pad), min(h, win.Height-8*pad)))
}

// watch checks a field again as the owner fixes it: its message goes as
// soon as what is typed is right, or changes to the next thing to fix.
// Only fields that show a message are checked, so nothing is flagged
// before the first Save.
func (r *recordDialog) watch(validate func() error) {
	for _, f := range r.fields {
		f := f
		recheck := func() {
			if !f.err.Visible() {
				return
			}
			msg := ""
			if ve, ok := model.AsValidation(validate()); ok {
				if fe, found := ve.For(f.name); found {
					msg = tr(fe)
				}
			}
			if msg != f.err.Text {
				f.setError(msg)
				r.fit()
			}
		}
		switch e := f.input.(type) {
		case *dateField:
			prev := e.OnChanged
			e.OnChanged = func(s string) { prev(s); recheck() }
		case *textEntry:
			prev := e.OnChanged
			e.OnChanged = func(s string) {
				if prev != nil {
					prev(s)
				}
				recheck()
			}
		}
	}
}
