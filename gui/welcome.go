package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/assets"
	"clienttracker/model"
)

// welcomeView is the first-run screen of an empty database: what the app is
// for, and the two ways to start.
type welcomeView struct {
	u       *UI
	add     *widget.Button
	sample  *widget.Button
	content fyne.CanvasObject
}

func newWelcomeView(u *UI) *welcomeView {
	v := &welcomeView{u: u}
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))

	title := widget.NewLabel(lang.L("Welcome to Client Tracker"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameHeadingText
	title.Alignment = fyne.TextAlignCenter

	intro := widget.NewLabel(lang.L("Two out of three customers who stop buying leave because nobody stayed in touch. " +
		"Keep your client book here: how to reach each client, what they like, what they bought and what they still owe, " +
		"so you can call them by name and offer exactly what they prefer."))
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter

	private := widget.NewLabel(lang.L("Everything stays on this computer, in one file you can back up."))
	private.Alignment = fyne.TextAlignCenter
	private.TextStyle.Italic = true

	v.add = widget.NewButtonWithIcon(lang.L("Add your first client"), theme.ContentAddIcon(), v.onAdd)
	v.add.Importance = widget.HighImportance
	v.sample = widget.NewButtonWithIcon(lang.L("Load sample data"), theme.DownloadIcon(), v.onSample)

	box := container.NewVBox(icon, title, intro, private, container.NewCenter(container.NewHBox(v.add, v.sample)))
	v.content = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, box.MinSize().Height+40), box))
	return v
}

func (v *welcomeView) onAdd() {
	v.u.showClients()
	v.u.clients.onNewClient()
}

// onSample fills the database with made-up clients so the owner can try
// every view before typing their own.
func (v *welcomeView) onSample() {
	n := v.u.opts.SampleSize
	bar := widget.NewProgressBar()
	bar.Max = float64(n)
	d := dialog.NewCustomWithoutButtons(lang.L("Loading sample clients…"), bar, v.u.win)
	d.Resize(fyne.NewSize(360, d.MinSize().Height))
	d.Show()
	v.sample.Disable()
	today := v.u.today()
	v.u.run(func(ctx context.Context) error {
		_, err := v.u.store.InsertRecords(ctx, model.SampleRecords(n, today.Unix(), today), func(done int) {
			fyne.Do(func() { bar.SetValue(float64(done)) })
		})
		return err
	}, func(err error) {
		d.Hide()
		v.sample.Enable()
		if err != nil {
			v.u.showError(lang.L("Could not load the sample data; the database was left as it was."), err)
			return
		}
		v.u.refreshStart()
	})
}
