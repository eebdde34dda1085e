package gui

import (
	"context"
	"errors"
	"io/fs"
	"iter"
	"os"
	"path/filepath"

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
// for, the shop's country (phone numbers are read in it), and the ways to
// start: add a client, import the clients the owner already has, or try
// the app on a separate book of made-up clients.
type welcomeView struct {
	u       *UI
	country *countryChoice
	add     *widget.Button
	imp     *widget.Button
	sample  *widget.Button
	content fyne.CanvasObject
}

// SampleBookName is the file name of the book of made-up clients "Try it
// with sample clients" opens, next to the owner's own book: sample data
// never goes into a real book.
const SampleBookName = "sample-clients.db"

// OwnDatabaseKey is the preference under which the window keeps the path
// of the owner's own book while the sample book is open, for "Back to my
// own book".
const OwnDatabaseKey = "ownDatabase"

// isSampleBook reports whether path is a sample book.
func isSampleBook(path string) bool { return filepath.Base(path) == SampleBookName }

func newWelcomeView(u *UI) *welcomeView {
	v := &welcomeView{u: u}
	icon := canvas.NewImageFromResource(assets.Icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(96, 96))

	title := widget.NewLabel(lang.L("Welcome to Client Tracker"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameHeadingText
	title.Alignment = fyne.TextAlignCenter
	title.Wrapping = fyne.TextWrapWord

	intro := widget.NewLabel(lang.L("Two out of three customers who stop buying leave because nobody stayed in touch. " +
		"Keep your client book here: how to reach each client, what they like, what they bought and what they still owe, " +
		"so you can call them by name and offer exactly what they prefer."))
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter

	private := widget.NewLabel(lang.L("Everything stays on this computer, in one file you can back up."))
	private.Alignment = fyne.TextAlignCenter
	private.Wrapping = fyne.TextWrapWord

	v.country = newCountryChoice(u.settings.HomeCountry, v.onCountry)
	countryHint := widget.NewLabel(lang.L("Phone numbers written without a country code are read as numbers of this country."))
	countryHint.Wrapping = fyne.TextWrapWord
	countryHint.SizeName = theme.SizeNameCaptionText
	countryRow := container.NewBorder(nil, countryHint, widget.NewLabel(lang.L("Your shop's country")), nil, v.country.sel)

	v.add = widget.NewButtonWithIcon(lang.L("Add your first client"), theme.ContentAddIcon(), v.onAdd)
	v.add.Importance = widget.HighImportance
	v.imp = widget.NewButtonWithIcon(lang.L("Import my clients…"), theme.UploadIcon(), u.showImport)
	v.sample = widget.NewButtonWithIcon(lang.L("Try it with sample clients"), theme.DownloadIcon(), v.onSample)
	sampleHint := widget.NewLabel(lang.L("Sample clients go into a separate sample book, never into yours."))
	sampleHint.Wrapping = fyne.TextWrapWord
	sampleHint.Alignment = fyne.TextAlignCenter
	sampleHint.SizeName = theme.SizeNameCaptionText

	// The buttons wrap onto more lines where their labels are long.
	buttons := container.NewGridWithColumns(1, v.add, v.imp, v.sample)
	box := container.NewVBox(icon, title, intro, private, widget.NewSeparator(), countryRow, widget.NewSeparator(),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(340, buttons.MinSize().Height), buttons)), sampleHint)
	v.content = container.NewVScroll(container.New(&columnLayout{width: 600}, box))
	return v
}

// onCountry saves the shop's country as soon as it is chosen, so the first
// phone typed or imported is read in it.
func (v *welcomeView) onCountry(code string) {
	set := v.u.settings
	set.HomeCountry = code
	v.u.run(func(ctx context.Context) error {
		return v.u.storeWelcome().SaveSettings(ctx, set)
	}, func(err error) {
		if err != nil {
			v.u.showError(lang.L("Could not save the settings. Try again."), err)
			return
		}
		v.u.settings = set
	})
}

func (v *welcomeView) onAdd() {
	v.u.showClients()
	v.u.clients.onNewClient()
}

// onSample opens a separate book of made-up clients, next to the owner's
// own, so the owner can try every view before typing their own clients;
// the window's title and a strip above the views say it is the sample,
// with a button back to the owner's book. A sample book from an earlier
// try is started afresh. Without a way to switch books (tests), the
// sample goes into the book open now.
func (v *welcomeView) onSample() {
	u := v.u
	if u.opts.SwitchDatabase == nil {
		v.fill(u.store)
		return
	}
	own := u.storeWelcome().Path()
	if isSampleBook(own) { // an emptied sample book: fill it again
		v.fill(u.store)
		return
	}
	path := filepath.Join(filepath.Dir(own), SampleBookName)
	var store Store
	var set model.Settings
	u.run(func(ctx context.Context) (err error) {
		if err = removeBook(path); err != nil {
			return err
		}
		if store, err = u.opts.SwitchDatabase(path); err != nil {
			return err
		}
		// The sample book starts with the owner's settings (money, country).
		set = u.settings
		return store.SaveSettings(ctx, set)
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not open a sample book next to yours. Your book stays open as it was."), err)
			return
		}
		u.app.Preferences().SetString(OwnDatabaseKey, own)
		u.useStore(store, set)
		v.fill(store)
	})
}

// fill puts the made-up clients into store.
func (v *welcomeView) fill(store Store) {
	n := v.u.opts.SampleSize
	bar := widget.NewProgressBar()
	bar.Max = float64(n)
	d := dialog.NewCustomWithoutButtons(lang.L("Loading sample clients…"), bar, v.u.win)
	d.Resize(fyne.NewSize(360, d.MinSize().Height))
	d.Show()
	v.sample.Disable()
	today := v.u.today()
	v.u.run(func(ctx context.Context) error {
		_, err := store.InsertRecords(ctx, model.SampleRecords(n, today.Unix(), today), func(done int) {
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

// sampleBanner is the strip above the views of a sample book, with the way
// back to the owner's own book; nil for a real book.
func (u *UI) sampleBanner() fyne.CanvasObject {
	if !isSampleBook(u.storeWelcome().Path()) {
		return nil
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	// A label, so a long translation shortens with "…" instead of widening
	// the window; the button back stays whole.
	text := widget.NewLabel(lang.L("Sample book: these clients are made up. Your own book is not changed."))
	text.TextStyle.Bold = true
	text.Truncation = fyne.TextTruncateEllipsis
	back := widget.NewButtonWithIcon(lang.L("Back to my own book"), theme.NavigateBackIcon(), u.backToOwnBook)
	return container.NewStack(bg, container.NewBorder(nil, nil, nil, container.NewPadded(back), text))
}

// backToOwnBook leaves the sample book for the owner's own.
func (u *UI) backToOwnBook() {
	own := u.app.Preferences().String(OwnDatabaseKey)
	if own == "" || isSampleBook(own) {
		own = filepath.Join(filepath.Dir(u.storeWelcome().Path()), "clients.db")
	}
	u.switchDatabase(own)
}

// removeBook deletes the book at path with its -wal and -shm files; a
// book that is not there is no error.
func removeBook(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// welcomeStore is what the welcome screen needs.
type welcomeStore interface {
	InsertRecords(ctx context.Context, recs iter.Seq[model.ClientRecord], progress func(done int)) (int, error)
	Path() string
	SaveSettings(ctx context.Context, s model.Settings) error
}

// storeWelcome is the window's store as welcomeStore: what this file may call.
func (u *UI) storeWelcome() welcomeStore { return u.store }
