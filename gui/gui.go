// Package gui is Client Tracker's window: the client book with search, the
// client page with preferences and purchases, and the forms that edit them.
// It depends on the small Store interface declared here, never on the
// database package; main.go wires the two together.
package gui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"clienttracker/assets"
	"clienttracker/gui/autostart"
	"clienttracker/model"
)

// Store is what the window needs from the client book: the union of the
// small interfaces each view declares at the end of its file, naming the
// store calls that view makes, shaped as its use cases (LogContact saves a
// contact and its promise; ClientPage is the whole page in one read).
// Each file calls the store only through its own interface (u.storeDue()
// in due.go, …), so the compiler holds a view to what it declares, and a
// test fake of one view needs only those methods. *db.DB satisfies it.
// Every method may be slow on a large book, so the views call it off the
// UI goroutine.
type Store interface {
	windowStore       // gui.go
	clientsStore      // clients.go
	clientFormStore   // client_form.go
	clientPageStore   // client_page.go
	contactStore      // contact_dialogs.go
	contactEditStore  // contact_open.go
	dueStore          // due.go
	duplicatesStore   // duplicates.go
	exportStore       // export.go
	importStore       // import.go
	importUndoStore   // import_undo.go
	ladderStore       // ladder.go
	lostStore         // lost_report.go
	owedStore         // owed.go
	recordStore       // record_dialogs.go
	recordDeleteStore // record_delete.go
	reachStore        // reach.go
	settingsStore     // settings_dialog.go
	timelineStore     // timeline.go
	trayStore         // tray.go
	undoStore         // undo.go
	welcomeStore      // welcome.go
	backupStore       // backup.go
	damagedStore      // damaged.go
	smokeStore        // smoke.go
	languageStore     // i18n.go
	aboutStore        // about.go
	insightsStore     // insights.go
}

// Options tune the window; the zero value is fine.
type Options struct {
	// Now is the clock; nil means time.Now. Tests fix it.
	Now func() time.Time
	// SampleSize is how many clients "Load sample data" creates.
	SampleSize int
	// Version is the app's version, shown in the About box.
	Version string
	// SwitchDatabase opens the database at path for "Open another
	// database…" and returns its store; the window then works on it. main
	// closes the store it replaces. nil hides the button.
	SwitchDatabase func(path string) (Store, error)
	// Placer keeps the window where the owner left it; nil leaves the
	// position to the system.
	Placer WindowPlacer
	// Autostart is the program to start at login when the owner keeps the
	// app in the tray (tray.go); a zero Exe leaves login alone (tests).
	Autostart autostart.App
	// Background is a start at login: the app waits in the tray, and the
	// reminder, not the start, tells the owner about the day.
	Background bool
	// ReadOnlyFile says a read-only store is so because its file cannot be
	// written (read-only media), not because another window edits it.
	ReadOnlyFile bool
	// OpenURL opens a link with the system's program for it (a phone,
	// WhatsApp, mail); nil is the app's OpenURL. Tests record instead.
	OpenURL func(*url.URL) error
	// Inline runs the store calls on the caller's goroutine, for a driver
	// with no UI goroutine to hand results back to (Fyne's test driver).
	Inline bool
	// NewDay is called on the UI goroutine when the window notices a new
	// day (checkDay): the session checks the book again and makes the
	// day's backup, as at a start. nil: nothing more.
	NewDay func()
}

// UI is the main window and the views in it.
type UI struct {
	app   fyne.App
	win   fyne.Window
	store Store
	now   func() time.Time
	opts  Options

	settings model.Settings

	clients  *clientsView
	due      *dueView
	owed     *owedView // the "Who owes me" dialog last opened; nil before
	ladder   *ladderView
	welcome  *welcomeView
	insights *insightsView

	lastStep *undoStep // what Edit › Undo takes back; nil for nothing
	toast    *toast    // the note shown over the views other than the check-ins (undo.go)
	noteGen  int       // the note shown last, so an older timer does not clear a newer note

	notSamePairs map[pairKey]bool       // Find duplicates' "not the same person" answers (duplicates.go)
	listeners    []func(clientID int64) // what changed calls (changes.go)

	// The main view: the due list, the client book and the ladder as tabs.
	tabs        *container.AppTabs
	dueTab      *container.TabItem
	clientsTab  *container.TabItem
	ladderTab   *container.TabItem
	insightsTab *container.TabItem
	notified    bool // the "N clients to contact today" notification was sent

	trayShown      bool                  // the tray icon and menu are up (tray.go)
	winShown       bool                  // the window is up: shown, not hidden in the tray
	day            time.Time             // the day the views were last read for (checkDay)
	reminderDialog *dialog.ConfirmDialog // the "Daily reminder" dialog last shown, for tests

	view    fyne.CanvasObject // the view shown now
	probe   *frameProbe
	lastErr error         // the last error shown, for Smoke
	dialog  *recordDialog // the record dialog open now, if any

	busy atomic.Int32 // store calls under way, for waitIdle
}

// New builds the main window over store. Call Show to put it on screen.
func New(a fyne.App, store Store, opts Options) *UI {
	return newUI(a, store, opts)
}

// newUI builds the window.
func newUI(a fyne.App, store Store, opts Options) *UI {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.OpenURL == nil {
		opts.OpenURL = a.OpenURL
	}
	if opts.SampleSize <= 0 {
		opts.SampleSize = 500
	}
	a.Settings().SetTheme(NewTheme())
	if err := loadTranslations(savedLanguage(store)); err != nil {
		fyne.LogError("load translations", err)
	}
	u := &UI{app: a, store: store, now: opts.Now, opts: opts, notified: opts.Background}
	u.win = a.NewWindow(windowTitle(store.Path()))
	u.win.SetIcon(assets.WindowIcon)
	u.win.Resize(u.savedWindowSize())
	u.win.SetOnClosed(u.saveWindowSize)

	u.settings = model.DefaultSettings("")
	if s, err := store.Settings(context.Background()); err == nil {
		u.settings = s
	} else {
		fyne.LogError("load settings", err)
	}
	u.applyTheme()
	u.clients = newClientsView(u)
	u.due = newDueView(u)
	u.ladder = newLadderView(u)
	u.welcome = newWelcomeView(u)
	u.dueTab = container.NewTabItemWithIcon(lang.L("Check-ins"), theme.ConfirmIcon(), u.due.content)
	u.clientsTab = container.NewTabItemWithIcon(lang.L("Clients"), theme.AccountIcon(), u.clients.content)
	u.ladderTab = container.NewTabItemWithIcon(lang.L("Ladder"), theme.MoveUpIcon(), u.ladder.content)
	u.insights = newInsightsView(u)
	u.insightsTab = container.NewTabItemWithIcon(lang.L("Insights"), theme.GridIcon(), u.insights.content)
	u.tabs = container.NewAppTabs(u.dueTab, u.clientsTab, u.ladderTab, u.insightsTab)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.tabs.OnSelected = u.onTabSelected
	u.probe = newFrameProbe()
	u.setUpKeyboard()
	u.setContent(u.tabs)
	u.refreshStart()
	u.day = u.today()
	u.watchChanges()
	u.setUpTray()
	return u
}

// windowTitle names the open file, so an owner with two shops' databases
// always knows which one they are editing.
func windowTitle(path string) string {
	if isSampleBook(path) {
		return fmt.Sprintf("%s — %s (%s)", lang.L("Client Tracker"), lang.L("Sample book of made-up clients"), filepath.Dir(path))
	}
	return fmt.Sprintf("%s — %s (%s)", lang.L("Client Tracker"), filepath.Base(path), filepath.Dir(path))
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

func (u *UI) today() time.Time { return model.Day(u.now()) }

// checkDay reads the view on screen again once the day has changed since
// the views were read: a window left open overnight, or waiting in the
// tray for days, shows the new day's list in the morning, not yesterday's,
// and the day gets its check and backup (Options.NewDay).
// It runs on the UI goroutine: once a minute, and when the window comes to
// the front.
func (u *UI) checkDay() {
	today := u.today()
	if today.Equal(u.day) {
		return
	}
	u.day = today
	u.reloadShown()
	if u.opts.NewDay != nil {
		u.opts.NewDay()
	}
}

func (u *UI) money(m model.Money) string { return u.settings.Money.Format(m) }

// refreshStart shows the welcome screen on an empty database and the client
// book otherwise.
func (u *UI) refreshStart() {
	var has bool
	u.run(func(ctx context.Context) (err error) {
		has, err = u.storeWindow().HasClients(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not read the client list."), err)
			return
		}
		if !has {
			u.setContent(u.welcome.content)
			return
		}
		u.setContent(u.tabs)
		u.tabs.Select(u.dueTab)
		u.due.reload()
		// The client list is read when it is first shown (onTabSelected):
		// the window opens on the check-ins, and reading a page the owner
		// may not look at kept its pages in memory.
		u.clients.invalidate()
	})
}

// showClients switches to the client book, e.g. after the first client is added.
func (u *UI) showClients() { u.showTab(u.clientsTab) }

// showTab shows tab t of the client book. Back from another screen (the
// welcome or import screen), where the tabs read no change, the
// check-ins are read again and the client list when it is shown; a tab
// that stayed selected behind that screen is then read here as a change
// of tab would read it, since Fyne calls OnSelected only when the
// selection changes.
func (u *UI) showTab(t *container.TabItem) {
	if u.view != u.tabs {
		u.setContent(u.tabs)
		u.due.reload()
		u.clients.invalidate()
		if u.tabs.Selected() == t {
			u.onTabSelected(t)
			return
		}
	}
	u.tabs.Select(t)
}

// onTabSelected reads the ladder whenever it is shown: it is not kept up
// to date while hidden, as every purchase and contact may move a client.
// It reads the client list when it is first shown after a (re)start.
func (u *UI) onTabSelected(t *container.TabItem) {
	if t == u.clientsTab && u.clients.stale {
		u.clients.reload()
	}
	if t == u.ladderTab {
		u.ladder.reload()
	}
	if t == u.insightsTab {
		u.insights.reload()
	}
}

// openClient shows a client's page in the client book.
func (u *UI) openClient(id int64) {
	u.showClients()
	if u.clients.selectClient(id) {
		return
	}
	u.clients.list.UnselectAll()
	u.clients.page.show(id)
}

// updateNav puts the number of clients to contact today on the tab, and
// tells the owner once a day when the app starts.
func (u *UI) updateNav() {
	n := u.due.today
	u.dueTab.Text = lang.L("Check-ins")
	if n > 0 {
		u.dueTab.Text = lang.L("Today {{.Count}}", map[string]any{"Count": model.GroupThousands(int64(n))})
	}
	u.tabs.Refresh()
	if !u.notified {
		u.notified = true
		u.notifyDaily(n)
	}
}

// notifyDaily sends "N clients to contact today" at most once a day.
func (u *UI) notifyDaily(n int) {
	if n == 0 {
		return
	}
	const key = "lastDueNotification"
	day := model.FormatDate(u.today())
	prefs := u.app.Preferences()
	if prefs.String(key) == day {
		return
	}
	prefs.SetString(key, day)
	u.app.SendNotification(fyne.NewNotification(lang.L("Client Tracker"),
		lang.LocalizePlural("{{.Count}} clients to contact today", n, map[string]any{"Count": n})))
}

// setContent shows view in the window.
func (u *UI) setContent(view fyne.CanvasObject) {
	u.view = view
	if b := u.readOnlyBanner(); b != nil {
		view = container.NewBorder(b, nil, nil, nil, view)
	}
	if b := u.sampleBanner(); b != nil {
		view = container.NewBorder(b, nil, nil, nil, view)
	}
	u.win.SetContent(u.probe.wrap(container.NewStack(view, u.toastLayer())))
}

// showError tells the owner what went wrong in a sentence; the technical
// detail is logged, not shown.
func (u *UI) showError(msg string, err error) {
	fyne.LogError(msg, err)
	u.lastErr = err
	dialog.ShowError(fmt.Errorf("%s", msg), u.win)
}

// run calls work off the UI goroutine (store calls may be slow on a big
// database) and then done with its error on the UI goroutine. In tests it
// runs both in turn on the caller's goroutine, as Fyne's test driver has no
// UI goroutine to hand back to.
func (u *UI) run(work func(ctx context.Context) error, done func(err error)) {
	if u.opts.Inline {
		done(work(context.Background()))
		return
	}
	u.busy.Add(1)
	go func() {
		defer u.busy.Add(-1)
		err := work(context.Background())
		fyne.DoAndWait(func() { done(err) })
	}()
}

// waitIdle blocks until no store call is under way, for Smoke.
func (u *UI) waitIdle(ctx context.Context) error {
	for u.busy.Load() > 0 {
		select {
		case <-ctx.Done():
			return errors.New("timed out waiting for the database")
		case <-time.After(5 * time.Millisecond):
		}
	}
	return nil
}

// windowStore is what the window itself needs: the book's path, whether it is empty, its settings.
type windowStore interface {
	HasClients(ctx context.Context) (bool, error)
	Path() string
	Settings(ctx context.Context) (model.Settings, error)
}

// openURL opens a link with the system's program for it.
func (u *UI) openURL(l *url.URL) error { return u.opts.OpenURL(l) }

// storeWindow is the window's store as windowStore: what this file may call.
func (u *UI) storeWindow() windowStore { return u.store }
