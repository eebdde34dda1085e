package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/assets"
)

// showAbout names the app, its version and the database file open now,
// so the owner can tell support exactly what they run. It works offline
// and links nowhere.
func (u *UI) showAbout() {
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))

	name := boldLabel(lang.L("Client Tracker"))
	name.SizeName = theme.SizeNameSubHeadingText
	name.Alignment = fyne.TextAlignCenter
	version := u.opts.Version
	if version == "" {
		version = lang.L("development build")
	}
	ver := widget.NewLabel(lang.L("Version {{.Version}}", map[string]any{"Version": version}))
	ver.Alignment = fyne.TextAlignCenter

	// The path can be long; it wraps, and can be selected to copy it.
	path := widget.NewLabel(u.storeAbout().Path())
	path.Wrapping = fyne.TextWrapBreak
	path.Selectable = true
	copyright := widget.NewLabel(lang.L("© 2026 the Client Tracker authors"))
	copyright.Alignment = fyne.TextAlignCenter
	fonts := widget.NewLabel(lang.L("Fonts: Noto, under the SIL Open Font License 1.1"))
	fonts.Alignment = fyne.TextAlignCenter

	box := container.NewVBox(icon, name, ver, widget.NewSeparator(),
		boldLabel(lang.L("Database file")), path, widget.NewSeparator(), copyright, fonts)
	d := dialog.NewCustom(lang.L("About Client Tracker"), lang.L("Close"), box, u.win)
	d.Resize(fyne.NewSize(460, d.MinSize().Height))
	d.Show()
}

// aboutStore is what the About box shows.
type aboutStore interface {
	Path() string
}

// storeAbout is the window's store as aboutStore: what this file may call.
func (u *UI) storeAbout() aboutStore { return u.store }
