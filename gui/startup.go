package gui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/assets"
	"clienttracker/model"
)

// The windows main shows instead of the client book when the database
// cannot be used as it is: damaged, or already open in another window.
// Neither runs the app; main calls a.Run after showing one.

// Recovery is what ShowRecovery offers when the database is damaged.
type Recovery struct {
	Path     string            // the damaged database
	Problems []string          // what the integrity check found, in its words
	Latest   *model.BackupInfo // the newest backup copy; nil if there is none
	// Restore swaps the latest backup in; on success the window closes
	// and Continue opens the client book.
	Restore  func() error
	Continue func()
	Quit     func()
}

// The problems main lists in Recovery.Problems for a book that is empty or
// cut short, as a failed copy or sync leaves it; the window translates
// them. Other problems are SQLite's words and are shown as they are.
const (
	ProblemEmpty    = "the file is empty (0 bytes)"
	ProblemCutShort = "the file is cut short: its end is missing"
)

// problemText translates a problem main named; SQLite's are left as they are.
func problemText(p string) string {
	switch p {
	case ProblemEmpty:
		return lang.L("the file is empty (0 bytes)")
	case ProblemCutShort:
		return lang.L("the file is cut short: its end is missing")
	}
	return p
}

// recoveryShown is how many problems the window lists before "Details".
const recoveryShown = 3

// recoveryWindow is the window ShowRecovery opens.
type recoveryWindow struct {
	r       Recovery
	w       fyne.Window
	restore *widget.Button
	quit    *widget.Button
	status  *widget.Label
	busy    *widget.ProgressBarInfinite
	inline  bool // run Restore on the caller's goroutine (tests)
}

// ShowRecovery opens a window that says the database is damaged and offers
// to restore the latest backup, or to quit. It never runs the app itself.
func ShowRecovery(a fyne.App, r Recovery) { newRecoveryWindow(a, r, false).w.Show() }

func newRecoveryWindow(a fyne.App, r Recovery, inline bool) *recoveryWindow {
	a.Settings().SetTheme(NewTheme())
	addTranslations()
	problems := make([]string, len(r.Problems))
	for i, p := range r.Problems {
		problems[i] = problemText(p)
	}
	r.Problems = problems
	v := &recoveryWindow{r: r, inline: inline}
	if v.r.Quit == nil {
		v.r.Quit = a.Quit
	}
	v.w = a.NewWindow(lang.L("Client Tracker"))
	v.w.SetIcon(assets.WindowIcon)

	title := boldLabel(lang.L("The client book is damaged"))
	title.SizeName = theme.SizeNameSubHeadingText
	msg := widget.NewLabel(lang.L("Client Tracker checked {{.File}} (in {{.Folder}}) and found that it is damaged, so it cannot be opened safely. This can happen after a power cut or a full disk.",
		map[string]any{"File": filepath.Base(r.Path), "Folder": filepath.Dir(r.Path)}))
	msg.Wrapping = fyne.TextWrapWord

	first := r.Problems[:min(recoveryShown, len(r.Problems))]
	found := widget.NewLabel(strings.Join(first, "\n"))
	found.Wrapping = fyne.TextWrapBreak
	found.TextStyle.Monospace = true
	all := widget.NewLabel(strings.Join(r.Problems, "\n"))
	all.Wrapping = fyne.TextWrapBreak
	all.Selectable = true
	all.TextStyle.Monospace = true
	details := widget.NewAccordion(widget.NewAccordionItem(
		lang.LocalizePlural("All {{.Count}} problems found", len(r.Problems), map[string]any{"Count": len(r.Problems)}),
		container.NewGridWrap(fyne.NewSize(560, 140), container.NewScroll(all))))

	advice := widget.NewLabel("")
	advice.Wrapping = fyne.TextWrapWord
	v.quit = widget.NewButtonWithIcon(lang.L("Quit"), theme.CancelIcon(), v.onQuit)
	v.restore = widget.NewButtonWithIcon("", theme.HistoryIcon(), v.onRestore)
	v.restore.Importance = widget.HighImportance
	if r.Latest != nil && r.Restore != nil {
		v.restore.SetText(lang.L("Restore the backup of {{.Date}}", map[string]any{"Date": formatDate(r.Latest.Day)}))
		advice.SetText(lang.L("Restore the latest backup copy to go on working: the damaged file is kept next to it. Changes made after {{.Date}} are not in the backup.",
			map[string]any{"Date": formatDate(r.Latest.Day)}))
	} else {
		v.restore.Hide()
		advice.SetText(lang.L("There is no backup copy to restore. Quit, keep a copy of the file, and ask someone who knows computers to look at it."))
	}
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.status.Importance = widget.DangerImportance
	v.status.Hide()
	v.busy = widget.NewProgressBarInfinite()
	v.busy.Hide()

	body := container.NewVBox(msg, found, details, advice, v.busy, v.status)
	buttons := container.NewHBox(layout.NewSpacer(), v.quit, v.restore)
	v.w.SetContent(container.NewPadded(container.NewBorder(title, buttons, nil, nil, container.NewVScroll(body))))
	v.w.SetCloseIntercept(v.onQuit)
	v.w.Resize(fyne.NewSize(640, 420))
	v.w.CenterOnScreen()
	return v
}

// addTranslations loads the app's texts: the startup windows open before
// the main window, which would otherwise load them.
func addTranslations() {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fyne.LogError("load translations", err)
	}
}

func (v *recoveryWindow) onQuit() {
	v.w.Close()
	v.r.Quit()
}

// onRestore restores the backup off the UI goroutine; on success the
// client book opens, on failure the window says why and stays.
func (v *recoveryWindow) onRestore() {
	v.restore.Disable()
	v.quit.Disable()
	v.status.Hide()
	v.busy.Show()
	v.busy.Start()
	finish := func(err error) {
		v.busy.Stop()
		v.busy.Hide()
		v.quit.Enable()
		if err != nil {
			fyne.LogError("restore backup", err)
			v.restore.Enable()
			v.status.SetText(lang.L("The backup could not be restored: {{.Error}}. Quit, and keep both files for someone who knows computers.",
				map[string]any{"Error": err.Error()}))
			v.status.Show()
			return
		}
		if v.r.Continue != nil {
			v.r.Continue() // opens the main window before this one closes, so the app goes on
		}
		v.w.Close()
	}
	if v.inline {
		finish(v.safeRestore())
		return
	}
	go func() {
		err := v.safeRestore()
		fyne.Do(func() { finish(err) })
	}()
}

// safeRestore calls Restore, turning a panic into an error: this window
// exists because something already went wrong, and must not crash.
func (v *recoveryWindow) safeRestore() (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("restore failed: %v", p)
		}
	}()
	return v.r.Restore()
}

// alreadyOpenWindow is the window ShowAlreadyOpen opens.
type alreadyOpenWindow struct {
	w        fyne.Window
	readOnly *widget.Button
	quit     *widget.Button
}

// ShowAlreadyOpen opens a window that says the database at path is open in
// another Client Tracker window, offering to open it read-only (readOnly
// opens the main window) or to quit. It never runs the app itself.
func ShowAlreadyOpen(a fyne.App, path string, readOnly func(), quit func()) {
	newAlreadyOpenWindow(a, path, readOnly, quit).w.Show()
}

func newAlreadyOpenWindow(a fyne.App, path string, readOnly func(), quit func()) *alreadyOpenWindow {
	a.Settings().SetTheme(NewTheme())
	addTranslations()
	if quit == nil {
		quit = a.Quit
	}
	v := &alreadyOpenWindow{w: a.NewWindow(lang.L("Client Tracker"))}
	v.w.SetIcon(assets.WindowIcon)
	title := boldLabel(lang.L("{{.File}} is already open in another Client Tracker window.", map[string]any{"File": filepath.Base(path)}))
	title.Wrapping = fyne.TextWrapWord
	msg := widget.NewLabel(lang.L("Only one window can change it at a time. You can open it here read-only, to look things up, or quit and use the other window.\n\n{{.Path}}",
		map[string]any{"Path": path}))
	msg.Wrapping = fyne.TextWrapWord
	onQuit := func() {
		v.w.Close()
		quit()
	}
	v.quit = widget.NewButtonWithIcon(lang.L("Quit"), theme.CancelIcon(), onQuit)
	v.readOnly = widget.NewButtonWithIcon(lang.L("Open read-only"), theme.VisibilityIcon(), func() {
		if readOnly != nil {
			readOnly() // the main window opens before this one closes, so the app goes on
		}
		v.w.Close()
	})
	v.readOnly.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), v.quit, v.readOnly)
	v.w.SetContent(container.NewPadded(container.NewBorder(nil, buttons, nil, nil, container.NewVBox(title, msg))))
	v.w.SetCloseIntercept(onQuit)
	v.w.Resize(fyne.NewSize(560, 240))
	v.w.CenterOnScreen()
	return v
}
