package gui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"clienttracker/gui/autostart"
	"clienttracker/gui/localeenv"
	"clienttracker/gui/winpos"
	"clienttracker/model"
)

// Books is what the window's start needs from the storage: whether another
// window edits a book, whether it must be upgraded or is damaged, opening
// it, and the backups that rescue a damaged one. Its errors are sentences
// for the owner that wrap model's (model.ErrLocked, model.ErrDamaged…).
type Books interface {
	// Lock marks the book at path as edited by this window;
	// model.ErrLocked when another window edits it.
	Lock(path string) (unlock func() error, err error)
	// NeedsUpgrade says whether opening the book will change its schema;
	// model.ErrDamaged for a file that is empty or cut short.
	NeedsUpgrade(ctx context.Context, path string) (bool, error)
	// QuickCheck lists what is damaged in the book; none when it is sound.
	QuickCheck(ctx context.Context, path string) ([]string, error)
	// Open opens the book, for reading only when readOnly is set.
	Open(ctx context.Context, path string, readOnly bool) (Store, error)
	// LatestBackup is the newest backup of the book; nil when none.
	LatestBackup(path string) (*model.BackupInfo, error)
	// Restore puts backup in place of the book at path.
	Restore(ctx context.Context, backup, path string) error
	// Serve lets a later launch of the app on the book at path bring this
	// window to the front (Activate), and the installer end the app before
	// it replaces the program: show or quit is called, on any goroutine,
	// each time one asks, until stop. An error leaves the window as it is.
	Serve(path string, show, quit func()) (stop func(), err error)
	// Activate asks the window that has the book at path open to come to
	// the front, and reports whether it did.
	Activate(path string) bool
}

// dailyBackup is the store's automatic backup, made once the check behind
// the window found the book sound.
type dailyBackup interface {
	AutoBackup(ctx context.Context, now time.Time) (path string, made bool, err error)
}

// StartOptions say which book the window opens and how.
type StartOptions struct {
	// Path is the book; "" is the one opened last, else DefaultPath.
	Path        string
	DefaultPath string
	// Smoke renders every view once, writes timings to Stdout and quits.
	Smoke  bool
	Stdout io.Writer
	// Started is when the program started, for the first frame's timing.
	Started time.Time
	// Background starts in the tray without a window (the start at login).
	Background bool
	// Version is the app's version, for the About box.
	Version string
	// Autostart is what the tray option starts at login; zero leaves login
	// alone.
	Autostart autostart.App
	// Inline runs the window's store calls on the caller's goroutine
	// (Options.Inline), for Fyne's test driver.
	Inline bool
	// Now is the window's clock (Options.Now); nil is time.Now. Tests
	// move it.
	Now func() time.Time
}

// Session is one run of the app's window: the book it edits, the lock that
// says so, and the store. Close it when the app has ended.
type Session struct {
	app   fyne.App
	books Books
	opts  StartOptions
	path  string

	unlock    func() error
	store     Store
	ui        *UI
	checked   chan checkResult // the start's quick check, once done
	stopServe func()           // ends Books.Serve for the book open now
	activated bool             // another window on the book came to the front instead

	// A later launch may ask for the window (front) before open has made
	// it: frontAsked then has open show it, even in the tray. mu guards
	// ui and frontAsked for that ask, which comes on another goroutine.
	mu         sync.Mutex
	frontAsked bool

	readOnlyFile bool // the book is read-only because its file cannot be written
	smokeErr     error

	// The check behind the window of the book open now: Close cancels it
	// and waits, so it never works on a closed store. checkDone is closed
	// when the latest check has ended: a new one waits for it, so the
	// backups folder never has two writers.
	stopCheck context.CancelFunc
	checks    sync.WaitGroup
	checkDone chan struct{}
}

// checkResult is what the quick check run after opening found.
type checkResult struct {
	problems []string
	took     time.Duration
	err      error
}

// Run opens the window on the book o names (or the window that says why it
// cannot) and runs the app until it quits. For a smoke run it returns what
// the smoke run found.
func Run(a fyne.App, books Books, o StartOptions) error {
	s, err := Start(a, books, o)
	if err != nil {
		s.Close() // a session that failed may still hold the lock
		if !o.Smoke {
			ShowStartupError(a, err.Error())
		}
		return err
	}
	defer s.Close()
	if s.Activated() {
		return nil // the window that has the book open is in front now
	}
	a.Run()
	return s.smokeErr
}

// Start decides what the first window is: the client book; the "already
// open" question when another window edits the file; the recovery window
// when the file is damaged. It does not run the app. It returns an error
// only when nothing can be shown but that error.
func Start(a fyne.App, books Books, o StartOptions) (*Session, error) {
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	if o.Smoke {
		o.Background = false
	}
	s := &Session{app: a, books: books, opts: o, path: o.Path}
	if s.path == "" {
		s.path = lastDatabase(a, o.DefaultPath)
	}
	return s, s.start()
}

// Path is the book the session has open, or tries to.
func (s *Session) Path() string { return s.path }

// UI is the client book's window; nil while a start-up window asks first.
func (s *Session) UI() *UI { return s.ui }

// Activated reports whether the book was open in another window of the
// app, which came to the front when asked: this one has nothing to show
// and should end. That is how an owner opens the app from its shortcut
// while it waits in the tray (gui/instance).
func (s *Session) Activated() bool { return s.activated }

// lastDatabase is the database the window had open when it last closed,
// if the file is still there (the window stores it after "Open another
// database…" and "Move database…"); else def.
func lastDatabase(a fyne.App, def string) string {
	if p := a.Preferences().String(LastDatabaseKey); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return def
}

// WindowLocale is the OS locale for the window: the environment's, or
// Fyne's reading of the Windows and macOS settings.
func WindowLocale() string {
	if l := localeenv.Locale(); l != "" {
		return l
	}
	return lang.SystemLocale().String()
}

func (s *Session) start() error {
	unlock, err := s.books.Lock(s.path)
	switch {
	case errors.Is(err, model.ErrLocked):
		if s.opts.Smoke {
			return err
		}
		if s.books.Activate(s.path) {
			s.activated = true
			return nil
		}
		ShowAlreadyOpen(s.app, s.path, func() { s.openOrFail(true) }, nil)
		return nil
	case err != nil:
		return err
	}
	s.unlock = unlock
	s.serve()

	ctx := context.Background()
	// A book about to be upgraded is checked before anything is written to
	// it; any other opens at once and is checked behind the window (a
	// large one takes most of a second), see checkBehind.
	upgrade, err := s.books.NeedsUpgrade(ctx, s.path)
	if errors.Is(err, model.ErrDamaged) { // empty or cut short: nothing may write to it
		if s.opts.Smoke {
			return err
		}
		s.showRecovery([]string{incompleteProblem(err)})
		return nil
	}
	if err != nil && !errors.Is(err, model.ErrNotDatabase) {
		return err
	}
	if upgrade {
		return s.checkThenOpen(ctx)
	}
	err = s.open(false)
	if errors.Is(err, model.ErrReadOnly) {
		// On read-only media (a CD, a locked share) the book can still be
		// looked up, as the command line does.
		s.readOnlyFile = true
		err = s.open(true)
	}
	if err != nil {
		// Too damaged to open at all? Then say what is wrong and offer
		// the latest backup.
		if problems, cerr := s.books.QuickCheck(ctx, s.path); cerr == nil && len(problems) > 0 && !s.opts.Smoke {
			s.showRecovery(problems)
			return nil
		}
		return err
	}
	return nil
}

// incompleteProblem is the one problem the recovery window lists for a book
// that is empty or cut short.
func incompleteProblem(err error) string {
	if errors.Is(err, model.ErrEmpty) {
		return ProblemEmpty
	}
	return ProblemCutShort
}

// checkThenOpen runs the quick check and opens the book if it passes, else
// shows the recovery window.
func (s *Session) checkThenOpen(ctx context.Context) error {
	problems, err := s.books.QuickCheck(ctx, s.path)
	if err != nil && !errors.Is(err, model.ErrNotDatabase) {
		return err
	}
	if len(problems) > 0 {
		if s.opts.Smoke {
			return fmt.Errorf("%s is damaged: %s", s.path, problems[0])
		}
		s.showRecovery(problems)
		return nil
	}
	return s.open(false)
}

// showRecovery opens the window that offers the latest backup of a book
// that is damaged.
func (s *Session) showRecovery(problems []string) {
	latest, _ := s.books.LatestBackup(s.path)
	ShowRecovery(s.app, Recovery{
		Path: s.path, Problems: problems, Latest: latest,
		Restore: func() error {
			return s.books.Restore(context.Background(), latest.Path, s.path)
		},
		Continue: func() { s.openOrFail(false) },
	})
}

// checkBehind runs the start's quick check while the window is already
// up: damage found gets ui.ShowDamaged (the latest backup offered), and
// only a book that passed gets today's automatic backup, so a damaged
// book never pushes a good copy out of the backups folder.
func (s *Session) checkBehind(ctx context.Context, ui *UI, store Store, path string) {
	start := time.Now()
	problems, err := s.books.QuickCheck(ctx, path)
	if ctx.Err() != nil { // the book was closed meanwhile
		return
	}
	select { // the first check's result, for the smoke run
	case s.checked <- checkResult{problems: problems, took: time.Since(start), err: err}:
	default:
	}
	switch {
	case err != nil:
		fyne.LogError("quick check", err)
	case len(problems) > 0:
		fyne.Do(func() { ui.ShowDamaged(problems) })
	case !s.opts.Smoke:
		// Today's backup, at most one a day.
		if b, ok := store.(dailyBackup); ok {
			if _, _, err := b.AutoBackup(ctx, ui.now()); err != nil && ctx.Err() == nil {
				fyne.LogError("automatic backup", err)
			}
		}
	}
	// The first minute's work (this check of the whole file, the day's
	// backup, the recompute of every client for a new day) leaves garbage
	// the Go runtime would hand back to the system only over minutes: the
	// window then sat idle at 280 MB on a 100,000-client book instead of
	// 245 MB. Hand it back now, once.
	debug.FreeOSMemory()
}

// startCheck runs checkBehind on the book just opened, or again on a new
// day. A check still running is cancelled, and this one starts once it has
// ended, on its own goroutine: the UI goroutine never waits for a check.
func (s *Session) startCheck(ui *UI, store Store, path string) {
	if s.stopCheck != nil {
		s.stopCheck()
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.stopCheck = cancel
	prev, done := s.checkDone, make(chan struct{})
	s.checkDone = done
	s.checks.Add(1)
	go func() {
		defer s.checks.Done()
		defer close(done)
		if prev != nil {
			<-prev
		}
		s.checkBehind(ctx, ui, store, path)
	}()
}

// newDay gives a window that stays open for days what a start gives a
// day: the quick check of the book and, if it is sound, the day's
// automatic backup (checkBehind). Without it an app that waits in the
// tray from one login to the next, often weeks on a laptop that sleeps,
// would back the book up only on the day it started.
func (s *Session) newDay() { s.startCheck(s.ui, s.store, s.path) }

// openOrFail opens the client book from a callback of a first window; on
// error it shows why, in a window whose Quit ends the app.
func (s *Session) openOrFail(readOnly bool) {
	if err := s.open(readOnly); err != nil {
		StartupErrorWindow(s.app, err.Error()).Show()
	}
}

// open opens the store and shows the client book.
func (s *Session) open(readOnly bool) error {
	store, err := s.books.Open(context.Background(), s.path, readOnly)
	if err != nil {
		return err
	}
	s.store = store
	opts := Options{Version: s.opts.Version, SwitchDatabase: s.Switch, Background: s.opts.Background, Inline: s.opts.Inline,
		ReadOnlyFile: s.readOnlyFile, Now: s.opts.Now}
	if !readOnly {
		opts.NewDay = s.newDay
	}
	if !s.opts.Smoke { // a check run leaves the login items alone
		opts.Autostart = s.opts.Autostart
	}
	if winpos.Native {
		opts.Placer = winpos.Placer{}
	}
	ui := New(s.app, store, opts)
	s.mu.Lock()
	s.ui = ui
	asked := s.frontAsked
	s.mu.Unlock()
	if !readOnly {
		s.checked = make(chan checkResult, 1)
		s.startCheck(ui, store, s.path)
	}
	if s.opts.Smoke {
		s.app.Lifecycle().SetOnStarted(func() {
			go func() {
				s.smokeErr = runSmoke(ui, s.opts.Started, s.opts.Stdout, s.checked)
				fyne.Do(s.app.Quit)
			}()
		})
	}
	if !s.opts.Background || !ui.InTray() || asked {
		ui.Show()
	}
	return nil
}

// serve lets a later launch on the book this session has locked bring
// its window to the front (Books.Serve), from the moment it holds the
// lock: a launch a moment after this one (a double click) finds it while
// it still opens the book. Not for a check run, which ends by itself.
func (s *Session) serve() {
	if s.opts.Smoke {
		return
	}
	stop, err := s.books.Serve(s.path, s.front, func() { fyne.Do(s.app.Quit) })
	if err != nil {
		fyne.LogError("listen for later launches", err)
		return
	}
	s.stopServe = stop
}

// front is a later launch's ask: the client book's window comes forward,
// or, not made yet, is shown once it is. A start-up window that asks
// something first (recovery, upgrade) is already up.
func (s *Session) front() {
	s.mu.Lock()
	ui := s.ui
	if ui == nil {
		s.frontAsked = true
	}
	s.mu.Unlock()
	if ui != nil {
		fyne.Do(ui.bringToFront)
	}
}

// Switch is "Open another database…": it locks and opens the file at path,
// and only then lets go of the one open now, whose store it closes. The
// window then works on the store it returns.
func (s *Session) Switch(path string) (Store, error) {
	unlock, err := s.books.Lock(path)
	if err != nil {
		return nil, err
	}
	store, err := s.books.Open(context.Background(), path, false)
	if err != nil {
		return nil, errors.Join(err, unlock())
	}
	s.Close()
	s.path, s.store, s.unlock = path, store, unlock
	s.startCheck(s.ui, store, path)
	s.serve()
	return store, nil
}

// Close stops the check behind the window, closes the store and lets go
// of the lock.
func (s *Session) Close() {
	if s.stopServe != nil {
		s.stopServe()
		s.stopServe = nil
	}
	if s.stopCheck != nil {
		s.stopCheck()
		s.checks.Wait()
		s.stopCheck = nil
	}
	if s.store != nil {
		if c, ok := s.store.(io.Closer); ok {
			if err := c.Close(); err != nil {
				fyne.LogError("close database", err)
			}
		}
		s.store = nil
	}
	if s.unlock != nil {
		if err := s.unlock(); err != nil {
			fyne.LogError("unlock database", err)
		}
		s.unlock = nil
	}
}

// runSmoke renders every view once in the real window and prints timings.
func runSmoke(ui *UI, started time.Time, stdout io.Writer, checked <-chan checkResult) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	first, err := ui.FirstFrame(ctx)
	if err != nil {
		return fmt.Errorf("smoke: %w", err)
	}
	fmt.Fprintf(stdout, "first frame: %d ms\n", first.Sub(started).Milliseconds())
	steps, err := ui.Smoke(ctx)
	for _, s := range steps {
		fmt.Fprintf(stdout, "view %s: %d ms\n", s.View, s.Duration.Milliseconds())
	}
	if err != nil {
		return fmt.Errorf("smoke: %w", err)
	}
	if winpos.Native {
		fmt.Fprintln(stdout, "window position: read and set")
	}
	select {
	case c := <-checked:
		if c.err != nil || len(c.problems) > 0 {
			return fmt.Errorf("smoke: quick check: %v %q", c.err, c.problems)
		}
		fmt.Fprintf(stdout, "quick check behind the window: %d ms\n", c.took.Milliseconds())
	case <-ctx.Done():
		return errors.New("smoke: the quick check did not end")
	}
	fmt.Fprintln(stdout, "smoke: ok")
	return nil
}
