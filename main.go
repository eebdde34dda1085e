// Command clienttracker is Client Tracker: a desktop client book for small
// shops. With no sub-command it opens the window; sub-commands work on a
// database without a window and print plain text.
//
//	clienttracker [--db FILE] [--smoke]
//	clienttracker demo --db FILE --clients N [--seed S]
//	clienttracker clients --db FILE [--search TEXT] [--csv]
//	clienttracker due --db FILE [--date YYYY-MM-DD] [--csv] [--all]
//	clienttracker owed --db FILE [--csv]
//	clienttracker log --db FILE --client ID --channel call [--summary TEXT]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"clienttracker/db"
	"clienttracker/gui"
	_ "clienttracker/gui/localeenv" // before fyne reads the locale
	"clienttracker/gui/winpos"
	"clienttracker/model"
)

// version is the app's version, shown by --version and in the About box.
const version = "0.1.0"

// appID identifies the app to the OS (preferences, notifications).
const appID = "app.clienttracker.desktop"

// Exit codes: 2 for anything the person running the command can fix (bad
// flags, a missing or unreadable file), 1 for everything else.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

func main() {
	attachConsole()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is a mistake in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(args []string, stdout, stderr io.Writer) int {
	var err error
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest := args[0], args[1:]
		switch cmd {
		case "demo":
			err = runDemo(rest, stdout)
		case "clients":
			err = runClients(rest, stdout)
		case "due":
			err = runDue(rest, stdout)
		case "owed":
			err = runOwed(rest, stdout)
		case "log":
			err = runLog(rest, stdout)
		case "export":
			err = runExport(rest, stdout)
		case "backup":
			err = runBackup(rest, stdout)
		case "check":
			err = runCheck(rest, stdout)
		case "import":
			err = runImport(rest, stdout)
		case "ladder":
			err = runLadder(rest, stdout)
		case "restore":
			err = runRestore(rest, stdout)
		case "insights":
			err = runInsights(rest, stdout)
		case "help":
			printUsage(stdout)
			return exitOK
		default:
			err = usageError{fmt.Sprintf("unknown command %q; run 'clienttracker --help' for the list", cmd)}
		}
	} else {
		err = runWindow(args, stdout)
	}
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return exitOK
	case db.IsBusy(err):
		fmt.Fprintln(stderr, "clienttracker: another import or Client Tracker window is writing to the book, and it did not finish within 5 seconds; nothing was changed. Try again when it has finished.")
		return exitFail
	case isUsage(err):
		fmt.Fprintln(stderr, "clienttracker:", err)
		return exitUsage
	default:
		fmt.Fprintln(stderr, "clienttracker:", err)
		return exitFail
	}
}

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u) || errors.Is(err, db.ErrNotDatabase) || errors.Is(err, db.ErrReadOnly) || errors.Is(err, db.ErrDamaged) ||
		errors.Is(err, db.ErrTooNew) || errors.Is(err, db.ErrNeedsUpgrade) || errors.Is(err, os.ErrNotExist)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `Client Tracker keeps your client book: whom to contact, what they like, what they bought.

Usage:
  clienttracker [--db FILE]                 open the window (default database: `+defaultDBPath()+`)
  clienttracker --db FILE --smoke           open the window, render every view once, print timings, exit
  clienttracker demo --db FILE --clients N [--seed S]
                                            create FILE with N sample clients and their histories
  clienttracker clients --db FILE [--search TEXT] [--csv]
                                            list clients, one a line
  clienttracker due --db FILE [--date YYYY-MM-DD] [--csv] [--all]
                                            the day's list: whom to contact and why (--all: the whole due list)
  clienttracker owed --db FILE [--csv]      who owes money: every open balance, with totals
  clienttracker log --db FILE --client ID --channel call [--summary TEXT] [--at TIME]
                                            log a contact (call, message, email, visit, in_shop)
  clienttracker export --db FILE --out DIR [--table NAME] [--sep ';'] [--no-bom]
                                            write every table (or one) as CSV files a spreadsheet opens
  clienttracker import --db FILE [--dry-run] [--on-duplicate update|skip|create] [--skip-invalid] FILE.csv|FILE.vcf|FOLDER
                                            add clients from a spreadsheet, Google/Outlook contacts or a phone's
                                            vCard file; or fill an empty book from an export folder
  clienttracker backup --db FILE --out FILE2
                                            copy the database, safely even while it is in use
  clienttracker check --db FILE             check the database for damage without changing it
  clienttracker restore --db FILE --from BACKUP
                                            put a backup copy in place of the database (the old file is kept)
  clienttracker ladder --db FILE [--clients] [--csv]
                                            clients and spend per rung of the ladder; --clients: one line a client
  clienttracker insights --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv]
                                            is the shop keeping its clients: the Insights figures of a period
                                            (default this month) beside the period before
  clienttracker --version                   print the version

Run 'clienttracker COMMAND --help' for a command's flags.
`)
}

// newFlags returns a flag set that reports errors instead of exiting, and
// prints its help to stdout only when asked.
func newFlags(name, synopsis string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fs.SetOutput(out)
		fmt.Fprintf(out, "Usage: %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses args, turning flag errors into one-line usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	// The flag package prints the usage on any error; only -h should.
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return err
		}
		return usageError{fmt.Sprintf("%s: %v (see '%s --help')", fs.Name(), err, fs.Name())}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q (see '%s --help')", fs.Name(), fs.Arg(0), fs.Name())}
	}
	return nil
}

// defaultDBPath is the per-user database: %AppData%\ClientTracker on
// Windows, ~/Library/Application Support/ClientTracker on macOS,
// ~/.config/ClientTracker elsewhere.
func defaultDBPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "ClientTracker", "clients.db")
}

// openStore opens path; mustExist refuses to create a new file, for the
// sub-commands that only read. The defaults of the book's settings (money,
// sort order, the home country of phone numbers) follow the environment's
// locale; openStoreIn gives another.
func openStore(ctx context.Context, path string, mustExist bool) (*db.DB, error) {
	return openStoreIn(ctx, path, mustExist, envLocale())
}

// openStoreIn is openStore with the OS locale given.
func openStoreIn(ctx context.Context, path string, mustExist bool, locale string) (*db.DB, error) {
	if path == "" {
		return nil, usageError{"--db FILE is required"}
	}
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("%s: no such database file: %w", path, os.ErrNotExist)
		}
	}
	store, err := db.Open(ctx, path, db.WithLocale(locale))
	if err != nil {
		return nil, describeOpenError(path, err)
	}
	return store, nil
}

// windowLocale is the OS locale for the window: the environment's, or
// Fyne's reading of the Windows and macOS settings.
func windowLocale() string {
	if l := envLocale(); l != "" {
		return l
	}
	return lang.SystemLocale().String()
}

// envLocale reads the locale from the environment as POSIX systems set it
// ("ro_RO.UTF-8"); "" when unset or "C". The window asks Fyne instead, which
// also knows the Windows and macOS settings.
func envLocale() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" && v != "C" && v != "POSIX" && !strings.HasPrefix(v, "C.") {
			return strings.ReplaceAll(strings.SplitN(v, ".", 2)[0], "_", "-")
		}
	}
	return ""
}

// openExisting parses a command's flags and opens the existing database its
// --db flag (path) names, for the commands that only read it.
func openExisting(fs *flag.FlagSet, args []string, path *string) (*db.DB, error) {
	if err := parse(fs, args); err != nil {
		return nil, err
	}
	return openForReading(context.Background(), *path)
}

// openForReading opens the existing book at path for a command that only
// reads it. A writable book opens as the window opens it (the day's
// schedule is computed and stored); a read-only one (on a CD, a locked
// share, made read-only) opens read-only instead of being refused.
func openForReading(ctx context.Context, path string) (*db.DB, error) {
	store, err := openStore(ctx, path, true)
	if !errors.Is(err, db.ErrReadOnly) {
		return store, err
	}
	if store, err = db.OpenReadOnly(ctx, path); err != nil {
		return nil, describeOpenError(path, err)
	}
	store.Locale = envLocale()
	return store, nil
}

// openError says in a sentence why a database could not be opened and what
// to do; it unwraps to the store's error, so errors.Is still finds
// db.ErrNotDatabase and the others.
type openError struct {
	sentence string
	err      error
}

func (e *openError) Error() string { return e.sentence }
func (e *openError) Unwrap() error { return e.err }

func describeOpenError(path string, err error) error {
	var s string
	switch {
	case errors.Is(err, db.ErrEmpty):
		s = fmt.Sprintf("%s is empty (0 bytes), as a failed copy or sync leaves a file; nothing was changed. %s", path, damagedAdvice(path))
	case errors.Is(err, db.ErrTruncated):
		s = fmt.Sprintf("%s is cut short (the end of the file is missing), as a failed copy or sync leaves a file; nothing was changed. %s", path, damagedAdvice(path))
	case errors.Is(err, db.ErrNotDatabase):
		s = fmt.Sprintf("%s is not a Client Tracker database; nothing was changed. Choose another file, or move this one away to start a new database.", path)
	case errors.Is(err, db.ErrReadOnly):
		s = fmt.Sprintf("%s cannot be written (the file or its folder is read-only); nothing was changed. Copy it to a folder you can write to, or allow writing to it.", path)
	case errors.Is(err, db.ErrLocked):
		s = fmt.Sprintf("%s is open in another Client Tracker window; close it there first, or open it here read-only.", path)
	case errors.Is(err, db.ErrNeedsUpgrade):
		s = fmt.Sprintf("%s was saved by an older version of Client Tracker and cannot be written, so it cannot be upgraded; nothing was changed. Copy it to a folder you can write to and open the copy.", path)
	case errors.Is(err, db.ErrTooNew):
		s = fmt.Sprintf("%s was saved by a newer version of Client Tracker; nothing was changed. Install the newer version to open it.", path)
	default:
		s = fmt.Sprintf("Could not open %s: %v", path, err)
	}
	return &openError{sentence: s, err: err}
}

func runDemo(args []string, stdout io.Writer) error {
	fs := newFlags("demo", "clienttracker demo --db FILE --clients N [--seed S]", stdout)
	path := fs.String("db", "", "database `FILE` to create")
	n := fs.Int("clients", 1000, "how many sample clients to create")
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same clients")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *n < 1 || *n > 10_000_000 {
		return usageError{fmt.Sprintf("demo: --clients must be between 1 and 10000000, not %d", *n)}
	}
	ctx := context.Background()
	start := time.Now()
	store, err := openStore(ctx, *path, false)
	if err != nil {
		return err
	}
	defer store.Close()
	if have, err := store.CountClients(ctx); err != nil {
		return err
	} else if have > 0 {
		return usageError{fmt.Sprintf("demo: %s already holds %d clients; give a new file name so nothing is mixed", *path, have)}
	}
	today := model.Day(store.Now())
	done, err := store.InsertRecords(ctx, model.SampleRecords(*n, *seed, today), nil)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "created %s with %d sample clients in %.1f s\n", *path, done, time.Since(start).Seconds())
	return nil
}

func runClients(args []string, stdout io.Writer) error {
	fs := newFlags("clients", "clienttracker clients --db FILE [--search TEXT] [--csv]", stdout)
	path := fs.String("db", "", "database `FILE` to read")
	search := fs.String("search", "", "only clients matching `TEXT` (name, phone in any format, email, city, tag, note)")
	asCSV := fs.Bool("csv", false, "print CSV with a header row")
	store, err := openExisting(fs, args, path)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx := context.Background()
	rows, _, err := store.ListClients(ctx, model.ClientFilter{Search: *search, Sort: model.SortName})
	if err != nil {
		return fmt.Errorf("clients: %w", err)
	}
	header := []string{"id", "name", "phones", "email", "city"}
	table := make([][]string, len(rows))
	for i, c := range rows {
		table[i] = clientColumns(c)
	}
	return printTable(stdout, header, table, *asCSV)
}

func clientColumns(c *model.Client) []string {
	return []string{strconv.FormatInt(c.ID, 10), c.Name, strings.Join(c.Phones, ", "), c.Email, c.City}
}

func runWindow(args []string, stdout io.Writer) error {
	started := time.Now()
	fs := newFlags("clienttracker", "clienttracker [--db FILE] [--smoke] [--version]", stdout)
	path := fs.String("db", "", "database `FILE` to open (created if missing; default: the one opened last, else "+defaultDBPath()+")")
	smoke := fs.Bool("smoke", false, "render every view once, print timings in ms and exit (for checks)")
	background := fs.Bool("background", false, "start in the system tray without a window (the start at login uses it)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() { printUsage(stdout) }
	if err := parse(fs, args); err != nil {
		return err
	}
	if *showVersion {
		fmt.Fprintln(stdout, "Client Tracker", version)
		return nil
	}
	a := app.NewWithID(appID)
	w := &window{app: a, path: *path, smoke: *smoke, background: *background && !*smoke, started: started, stdout: stdout}
	if w.path == "" {
		w.path = lastDatabase(a)
	}
	defer w.close()
	if err := w.start(); err != nil {
		if w.smoke {
			return err
		}
		gui.ShowStartupError(a, err.Error())
		return err
	}
	a.Run()
	return w.smokeErr
}

// lastDatabase is the database the window had open when it last closed,
// if the file is still there (the window stores it after "Open another
// database…" and "Move database…"); else the default database.
func lastDatabase(a fyne.App) string {
	if p := a.Preferences().String(gui.LastDatabaseKey); p != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return defaultDBPath()
}

// window is one run of the app's window: the database it edits, the lock
// that says so, and the store.
type window struct {
	app     fyne.App
	path    string
	smoke   bool
	started time.Time
	stdout  io.Writer

	unlock   func() error
	store    *db.DB
	smokeErr error
	checked  chan checkResult // the start's quick check, once done
	ui       *gui.UI

	background bool // started at login (--background): the window stays hidden, the app in the tray
}

// checkResult is what the quick check run after opening found.
type checkResult struct {
	problems []string
	took     time.Duration
	err      error
}

// start decides what the first window is: the client book; the "already
// open" question when another window edits the file; the recovery window
// when the file is damaged. It returns an error only when nothing can be
// shown but that error.
func (w *window) start() error {
	unlock, err := db.Lock(w.path)
	switch {
	case errors.Is(err, db.ErrLocked):
		if w.smoke {
			return err
		}
		gui.ShowAlreadyOpen(w.app, w.path, func() { w.openOrFail(true) }, nil)
		return nil
	case err != nil:
		return describeOpenError(w.path, err)
	}
	w.unlock = unlock

	ctx := context.Background()
	// A book about to be upgraded is checked before anything is written to
	// it; any other opens at once and is checked behind the window (a
	// large one takes most of a second), see checkBehind.
	upgrade, err := db.NeedsUpgrade(ctx, w.path)
	if errors.Is(err, db.ErrDamaged) { // empty or cut short: nothing may write to it
		if w.smoke {
			return describeOpenError(w.path, err)
		}
		w.showRecovery([]string{incompleteProblem(err)})
		return nil
	}
	if err != nil && !errors.Is(err, db.ErrNotDatabase) {
		return describeOpenError(w.path, err)
	}
	if upgrade {
		return w.checkThenOpen(ctx)
	}
	if err := w.open(false); err != nil {
		// Too damaged to open at all? Then say what is wrong and offer
		// the latest backup.
		if problems, cerr := db.QuickCheck(ctx, w.path); cerr == nil && len(problems) > 0 && !w.smoke {
			w.showRecovery(problems)
			return nil
		}
		return err
	}
	return nil
}

// checkThenOpen runs the quick check and opens the book if it passes, else
// shows the recovery window.
func (w *window) checkThenOpen(ctx context.Context) error {
	problems, err := db.QuickCheck(ctx, w.path)
	if err != nil && !errors.Is(err, db.ErrNotDatabase) {
		return describeOpenError(w.path, err)
	}
	if len(problems) > 0 {
		if w.smoke {
			return fmt.Errorf("%s is damaged: %s", w.path, problems[0])
		}
		w.showRecovery(problems)
		return nil
	}
	return w.open(false)
}

// showRecovery opens the window that offers the latest backup of a book
// that is damaged.
func (w *window) showRecovery(problems []string) {
	latest, _ := db.LatestBackup(w.path)
	gui.ShowRecovery(w.app, gui.Recovery{
		Path: w.path, Problems: problems, Latest: latest,
		Restore: func() error {
			_, err := db.Restore(context.Background(), latest.Path, w.path)
			return err
		},
		Continue: func() { w.openOrFail(false) },
	})
}

// checkBehind runs the start's quick check while the window is already
// up: damage found gets ui.ShowDamaged (the latest backup offered), and
// only a book that passed gets today's automatic backup, so a damaged
// book never pushes a good copy out of the backups folder.
func (w *window) checkBehind(ui *gui.UI, store *db.DB, path string) {
	start := time.Now()
	problems, err := db.QuickCheck(context.Background(), path)
	select { // the first check's result, for the smoke run
	case w.checked <- checkResult{problems: problems, took: time.Since(start), err: err}:
	default:
	}
	switch {
	case err != nil:
		fyne.LogError("quick check", err)
	case len(problems) > 0:
		fyne.Do(func() { ui.ShowDamaged(problems) })
	case !w.smoke:
		// Today's backup, at most one a day.
		if _, _, err := store.AutoBackup(context.Background(), time.Now()); err != nil {
			fyne.LogError("automatic backup", err)
		}
	}
}

// openOrFail opens the client book from a callback of a first window; on
// error it shows why, in a window whose Quit ends the app.
func (w *window) openOrFail(readOnly bool) {
	if err := w.open(readOnly); err != nil {
		gui.StartupErrorWindow(w.app, err.Error()).Show()
	}
}

// open opens the store and shows the client book.
func (w *window) open(readOnly bool) error {
	ctx := context.Background()
	var err error
	if readOnly {
		w.store, err = db.OpenReadOnly(ctx, w.path)
		if err != nil {
			return describeOpenError(w.path, err)
		}
	} else if w.store, err = openStoreIn(ctx, w.path, false, windowLocale()); err != nil {
		return err
	}
	w.store.Locale = windowLocale()
	opts := gui.Options{Version: version, SwitchDatabase: w.switchDatabase, Background: w.background}
	if !w.smoke { // a check run leaves the login items alone
		opts.Autostart = loginItem()
	}
	if winpos.Native {
		opts.Placer = winpos.Placer{}
	}
	ui := gui.New(w.app, w.store, opts)
	w.ui = ui
	if !readOnly {
		w.checked = make(chan checkResult, 1)
		go w.checkBehind(ui, w.store, w.path)
	}
	if w.smoke {
		w.app.Lifecycle().SetOnStarted(func() {
			go func() {
				w.smokeErr = runSmoke(ui, w.started, w.stdout, w.checked)
				fyne.Do(w.app.Quit)
			}()
		})
	}
	if !w.background || !ui.InTray() {
		ui.Show()
	}
	return nil
}

// switchDatabase is "Open another database…": it locks and opens the file
// at path, and only then lets go of the one open now.
func (w *window) switchDatabase(path string) (gui.Store, error) {
	unlock, err := db.Lock(path)
	if err != nil {
		return nil, describeOpenError(path, err)
	}
	store, err := openStoreIn(context.Background(), path, false, windowLocale())
	if err != nil {
		return nil, errors.Join(err, unlock())
	}
	w.close()
	w.path, w.store, w.unlock = path, store, unlock
	go w.checkBehind(w.ui, store, path)
	return store, nil
}

// close closes the store and lets go of the lock.
func (w *window) close() {
	if w.store != nil {
		if err := w.store.Close(); err != nil {
			fyne.LogError("close database", err)
		}
		w.store = nil
	}
	if w.unlock != nil {
		if err := w.unlock(); err != nil {
			fyne.LogError("unlock database", err)
		}
		w.unlock = nil
	}
}

// runSmoke renders every view once in the real window and prints timings.
func runSmoke(ui *gui.UI, started time.Time, stdout io.Writer, checked <-chan checkResult) error {
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

func runDue(args []string, stdout io.Writer) error {
	fs := newFlags("due", "clienttracker due --db FILE [--date YYYY-MM-DD] [--csv] [--all]", stdout)
	path := fs.String("db", "", "database `FILE` to read")
	date := fs.String("date", "", "the day to plan for, as `YYYY-MM-DD` (default today)")
	asCSV := fs.Bool("csv", false, "print CSV with a header row")
	all := fs.Bool("all", false, "print the whole due list (backlog, this week, later), not only the day's list")
	store, err := openExisting(fs, args, path)
	if err != nil {
		return err
	}
	defer store.Close()
	ctx := context.Background()
	day := model.Day(store.Now())
	if *date != "" {
		if day, err = model.ParseDate(*date); err != nil {
			return usageError{fmt.Sprintf("due: --date %q is not a date; write it as YYYY-MM-DD", *date)}
		}
	}
	q := model.DueQuery{}
	if !*all {
		// The day's list is at most the capacity from the top.
		s, err := store.ScheduleSettings(ctx)
		if err != nil {
			return fmt.Errorf("due: %w", err)
		}
		q.Limit = max(s.DailyCapacity, 1)
	}
	set, err := store.Settings(ctx)
	if err != nil {
		return fmt.Errorf("due: %w", err)
	}
	// The columns of a row in the window: who, which list, why, when, how
	// to reach them, what to say, and the at-risk badges. The rows are
	// streamed (the whole list of a large book is tens of thousands): CSV
	// is written as they come, the table once they are all in.
	header := []string{"id", "name", "list", "reasons", "due", "days_overdue", "channel", "phone", "email", "say", "at_risk"}
	var cw *model.CSVWriter
	if *asCSV {
		cw = model.NewCSVWriter(stdout, model.CSVOptions{})
		if err := cw.Write(header); err != nil {
			return err
		}
	}
	var rows [][]string
	var plan model.DayPlan
	n := 0
	page, err := store.EachDue(ctx, day, q, func(page *model.DuePage, it *model.DueItem) error {
		if n == 0 {
			plan = page.Plan()
		}
		pos := page.Offset + n
		n++
		if !*all && pos >= plan.Today {
			return nil
		}
		r := dueRow(it, set.Money, pos, plan)
		if cw != nil {
			return cw.Write(r)
		}
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		return fmt.Errorf("due: %w", err)
	}
	if *asCSV {
		return cw.Flush()
	}
	if err := printTable(stdout, header, rows, false); err != nil {
		return err
	}
	plan = page.Plan()
	done := "done today"
	if plan.Finished() {
		done = "the day's list is done"
	}
	_, err = fmt.Fprintf(stdout, "\n%s: %d of %d; backlog %d, later %d\n", done, plan.Done, plan.Planned(), plan.Backlog, plan.Later)
	return err
}

// dueRow is the due command's row of it, the pos-th (0-based) of the
// list planned as plan.
func dueRow(it *model.DueItem, mf model.MoneyFormat, pos int, plan model.DayPlan) []string {
	reasons := make([]string, len(it.Reasons))
	for j, r := range it.Reasons {
		reasons[j] = reasonLine(r, mf)
	}
	risk := make([]string, len(it.AtRisk))
	for j, sg := range it.AtRisk {
		risk[j] = string(sg)
	}
	list := sectionName(it.Section)
	if it.Section <= model.SectionToday {
		list = "today"
		if pos >= plan.Today {
			list = "backlog"
		}
	}
	return []string{strconv.FormatInt(it.ClientID, 10), it.Name, list, strings.Join(reasons, "; "),
		model.FormatDate(it.Due), strconv.Itoa(it.DaysOverdue), string(it.Channel), it.Phone, it.Email,
		reasonLine(it.Suggestion, mf), strings.Join(risk, " ")}
}

// reasonLine is a reason's English text, with amounts in the book's money
// format.
func reasonLine(r model.Reason, mf model.MoneyFormat) string {
	if m, ok := r.Data["Amount"].(model.Money); ok {
		r.Data = maps.Clone(r.Data)
		r.Data["Amount"] = mf.Format(m)
	}
	return r.Text()
}

func sectionName(s model.Section) string {
	switch s {
	case model.SectionOverdue:
		return "overdue"
	case model.SectionToday:
		return "today"
	case model.SectionThisWeek:
		return "this week"
	}
	return "later"
}

func runLog(args []string, stdout io.Writer) error {
	fs := newFlags("log", "clienttracker log --db FILE --client ID --channel call [--summary TEXT] [--at TIME]", stdout)
	path := fs.String("db", "", "database `FILE` to write")
	client := fs.Int64("client", 0, "the client's `ID` (see 'clienttracker clients')")
	channel := fs.String("channel", "call", "how: call, message, email, visit or in_shop")
	summary := fs.String("summary", "", "what you talked about")
	at := fs.String("at", "", "when, as `YYYY-MM-DD HH:MM` (local time) or RFC 3339 (default now)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *client <= 0 {
		return usageError{"log: --client ID is required"}
	}
	i := model.Interaction{ClientID: *client, Channel: model.ContactChannel(*channel), Summary: *summary}
	ctx := context.Background()
	store, err := openStore(ctx, *path, true)
	if err != nil {
		return err
	}
	defer store.Close()
	i.At = store.Now()
	if *at != "" {
		if i.At, err = parseWhen(*at); err != nil {
			return usageError{fmt.Sprintf("log: --at %q is not a time; write it as YYYY-MM-DD HH:MM", *at)}
		}
	}
	if err := store.LogContact(ctx, &i); err != nil {
		if ve, ok := model.AsValidation(err); ok {
			return usageError{"log: " + ve.Fields[0].Text()}
		}
		if errors.Is(err, model.ErrNotFound) {
			return usageError{fmt.Sprintf("log: there is no client %d", *client)}
		}
		return fmt.Errorf("log: %w", err)
	}
	fmt.Fprintf(stdout, "logged contact %d with client %d at %s\n", i.ID, i.ClientID, i.At.Local().Format("2006-01-02 15:04"))
	return nil
}

// parseWhen reads a time typed on the command line.
func parseWhen(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", model.DateLayout} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Parse(time.RFC3339, s)
}

// printTable prints rows as aligned text, one a line, or as CSV through
// the writer export uses, so that a cell such as =HYPERLINK(…) typed into a
// client's name never runs as a formula in the spreadsheet it is piped to.
func printTable(w io.Writer, header []string, rows [][]string, asCSV bool) error {
	if asCSV {
		cw := model.NewCSVWriter(w, model.CSVOptions{})
		if err := cw.Write(header); err != nil {
			return err
		}
		for _, r := range rows {
			if err := cw.Write(r); err != nil {
				return err
			}
		}
		return cw.Flush()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, cols := range rows {
		for i, s := range cols { // one record, one line: tabs and newlines inside must not break it
			cols[i] = strings.Map(func(r rune) rune {
				if r == '\t' || r == '\n' || r == '\r' {
					return ' '
				}
				return r
			}, s)
		}
		fmt.Fprintln(tw, strings.Join(cols, "\t"))
	}
	return tw.Flush()
}
