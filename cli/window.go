package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2/app"

	"clienttracker/db"
	"clienttracker/gui"
	"clienttracker/gui/autostart"
	"clienttracker/gui/instance"
	"clienttracker/model"
)

// runWindow opens the window: the command line without a sub-command.
func runWindow(args []string, stdout io.Writer, p Program) error {
	started := time.Now()
	fs := newFlags("clienttracker", "clienttracker [--db FILE] [--smoke] [--version]", stdout)
	path := fs.String("db", "", "database `FILE` to open (created if missing; default: the one opened last, else "+db.DefaultPath()+")")
	smoke := fs.Bool("smoke", false, "render every view once, print timings in ms and exit (for checks)")
	background := fs.Bool("background", false, "start in the system tray without a window (the start at login uses it)")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() { printUsage(stdout) }
	if err := parse(fs, args); err != nil {
		return err
	}
	if *showVersion {
		fmt.Fprintln(stdout, "Client Tracker", p.Version)
		return nil
	}
	return gui.Run(app.NewWithID(p.ID), Books{Locale: gui.WindowLocale()}, gui.StartOptions{
		Path: *path, DefaultPath: db.DefaultPath(), Smoke: *smoke, Stdout: stdout, Started: started,
		Background: *background, Version: p.Version,
		Autostart: autostart.Self(p.ID, "Client Tracker", "--background"),
	})
}

// Books gives the window's start the books on this computer (gui.Books),
// with the errors said as the command line says them.
type Books struct {
	// Locale is the OS locale, which the defaults of a book's settings
	// follow.
	Locale string
	// Now is the books' clock; nil means time.Now. Tests fix it.
	Now func() time.Time
	// Rendezvous is where a window on a book says how a later launch can
	// reach it (gui/instance); "" is the user's temporary folder.
	Rendezvous instance.Rendezvous
}

// Lock marks the book at path as edited by this window.
func (b Books) Lock(path string) (func() error, error) {
	unlock, err := db.Lock(path)
	if err != nil {
		return nil, describeOpenError(path, err)
	}
	return unlock, nil
}

// NeedsUpgrade says whether opening the book will change its schema.
func (b Books) NeedsUpgrade(ctx context.Context, path string) (bool, error) {
	upgrade, err := db.NeedsUpgrade(ctx, path)
	if err != nil {
		return upgrade, describeOpenError(path, err)
	}
	return upgrade, nil
}

// QuickCheck lists what is damaged in the book.
func (b Books) QuickCheck(ctx context.Context, path string) ([]string, error) {
	return db.QuickCheck(ctx, path)
}

// Open opens the book.
func (b Books) Open(ctx context.Context, path string, readOnly bool) (gui.Store, error) {
	opts := []db.Option{db.WithLocale(b.Locale)}
	if b.Now != nil {
		opts = append(opts, db.WithClock(b.Now))
	}
	open := db.Open
	if readOnly {
		open = db.OpenReadOnly
	}
	store, err := open(ctx, path, opts...)
	if err != nil {
		return nil, describeOpenError(path, err)
	}
	return store, nil
}

// Serve lets a later launch on the book at path bring this window to the
// front, and the installer end the app (the quit command).
func (b Books) Serve(path string, show, quit func()) (func(), error) {
	return b.Rendezvous.Serve(path, instance.Handlers{Show: show, Quit: quit})
}

// Activate asks the window that has the book at path open to come to the
// front.
func (b Books) Activate(path string) bool { return b.Rendezvous.Activate(path) }

// LatestBackup is the newest backup of the book at path.
func (b Books) LatestBackup(path string) (*model.BackupInfo, error) { return db.LatestBackup(path) }

// Restore puts backup in place of the book at path; the file it replaces
// is kept beside it.
func (b Books) Restore(ctx context.Context, backup, path string) error {
	_, err := db.Restore(ctx, backup, path)
	return err
}
