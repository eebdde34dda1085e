package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"clienttracker/model"
)

// Backups: a copy of the database made by SQLite from one snapshot (a
// plain copy of a live WAL database can miss the commits still in the
// log, or catch a half-written page), daily copies kept for a few weeks,
// an integrity check that only reads, and a restore that keeps what it
// replaces.

// ErrDamaged (model.ErrDamaged) is returned by Restore for a backup that
// fails Check, and wrapped by ErrEmpty and ErrTruncated.
var ErrDamaged = model.ErrDamaged

// Backup writes a copy of the database, as of one moment, to dest, a file
// that must not exist yet. The copy is made under a temporary name in
// dest's folder, flushed to disk and only then renamed to dest, so dest is
// either complete or absent. Writes by others go on during the copy.
//
// It returns an error wrapping fs.ErrExist if dest exists, ctx.Err()
// (wrapped) when cancelled, and wrapped I/O or SQLite errors otherwise.
func (db *DB) Backup(ctx context.Context, dest string) error {
	src, err := filepath.Abs(db.Path())
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := copyDatabase(ctx, src, dest); err != nil {
		return exportErr(ctx, "backup", err)
	}
	return nil
}

// copyDatabase copies the database at the absolute path src to dest, which
// must not exist, through a temporary file next to dest.
func copyDatabase(ctx context.Context, src, dest string) error {
	if err := mustNotExist(dest); err != nil {
		return err
	}
	c, err := copyAside(ctx, src, dest)
	if err != nil {
		return err
	}
	return c.place(dest)
}

// asideCopy is a copy of a database under a temporary name, claimed while
// this process lives (a killed one leaves it for removeLeftovers), not yet
// in its place.
type asideCopy struct {
	tmp     string
	release func() error
}

// copyAside copies the database at the absolute path src into a new
// temporary file next to dest, flushed to disk. The copy is of one
// snapshot: the last commit when it starts.
func copyAside(ctx context.Context, src, dest string) (_ *asideCopy, err error) {
	dir := filepath.Dir(dest)
	removeLeftovers(dir)
	f, err := os.CreateTemp(dir, tempPattern(dest))
	if err != nil {
		return nil, err
	}
	tmp := f.Name()
	if err := f.Close(); err != nil {
		return nil, errors.Join(err, os.Remove(tmp))
	}
	release, err := claimTemp(tmp)
	if err != nil {
		return nil, errors.Join(err, removeIfExists(tmp))
	}
	c := &asideCopy{tmp: tmp, release: release}
	if err := vacuumInto(ctx, src, tmp); err != nil {
		return nil, errors.Join(err, c.discard())
	}
	if err := syncFile(tmp); err != nil {
		return nil, errors.Join(err, c.discard())
	}
	return c, nil
}

// place renames the copy to dest, which must not exist. The copy is gone
// from its temporary name either way.
func (c *asideCopy) place(dest string) (err error) {
	defer func() {
		if err != nil {
			err = errors.Join(err, removeIfExists(c.tmp))
		}
	}()
	// Let go of the claim first: Windows renames no file that another
	// handle holds open.
	if err := c.release(); err != nil {
		return err
	}
	// Checked again: the copy took a while, and a rename would replace a
	// file that appeared meanwhile.
	if err := mustNotExist(dest); err != nil {
		return err
	}
	if err := os.Rename(c.tmp, dest); err != nil {
		return err
	}
	return syncDir(filepath.Dir(dest))
}

// discard removes the copy.
func (c *asideCopy) discard() error {
	return errors.Join(c.release(), removeIfExists(c.tmp))
}

// vacuumInto writes the database at src into the empty file dest with
// VACUUM INTO, through a read-only connection of its own: the store's read
// connections are query-only, which VACUUM INTO is refused on, and the
// write connection must stay free for the owner's edits. In WAL mode the
// copy reads one snapshot and blocks no writer.
func vacuumInto(ctx context.Context, src, dest string) (err error) {
	ro, err := sql.Open("sqlite3", dsn(src, roParams(src)+"&_busy_timeout=5000"))
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, ro.Close()) }()
	_, err = ro.ExecContext(ctx, "VACUUM INTO ?", dest)
	return err
}

// mustNotExist returns an error wrapping fs.ErrExist if path exists.
func mustNotExist(path string) error {
	_, err := os.Lstat(path)
	switch {
	case err == nil:
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	case errors.Is(err, fs.ErrNotExist):
		return nil
	}
	return err
}

// removeIfExists removes path; a path already gone is not an error.
func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// syncFile flushes the file at path to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	return errors.Join(err, f.Close())
}

// Automatic backups go, unless the owner chose another folder, into a
// "backups" folder next to the database, one file a day named after the
// database: clients.db gives backups/clients-2026-11-23.db. The retention
// is the owner's (model.BackupSettings); these are the defaults, also used
// when the stored values are out of range.
const (
	backupFolder = "backups"
	keepDaily    = 7 // the newest copies kept whatever their age
	keepWeekly   = 4 // ISO weeks, up to today's, whose newest older copy is kept
)

// AutoBackup makes today's backup unless there is one: a copy of the
// database named after it and now's date (in now's time zone), in the
// owner's backup folder (by default a "backups" folder next to the
// database file), which it creates. made reports whether a copy was made
// now; path is today's copy either way.
//
// After making a copy it deletes old copies, keeping the KeepDaily newest
// (by default seven) and, among older ones, the newest of each of the last
// KeepWeekly ISO weeks (by default four: today's week and the three
// before). It only ever deletes files named like its own copies of this
// database, never anything else in the folder.
//
// Errors are those of Backup and Settings, and wrapped I/O errors from the
// folder.
func (db *DB) AutoBackup(ctx context.Context, now time.Time) (path string, made bool, err error) {
	p, err := db.backupPlace(ctx)
	if err != nil {
		return "", false, fmt.Errorf("auto backup: %w", err)
	}
	path = filepath.Join(p.dir, p.base+"-"+now.Format(model.DateLayout)+p.ext)
	switch err := mustNotExist(path); {
	case errors.Is(err, fs.ErrExist):
		return path, false, nil
	case err != nil:
		return "", false, fmt.Errorf("auto backup: %w", err)
	}
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return "", false, fmt.Errorf("auto backup: %w", err)
	}
	if err := db.Backup(ctx, path); err != nil {
		if errors.Is(err, fs.ErrExist) { // another window made it meanwhile
			return path, false, nil
		}
		return "", false, fmt.Errorf("auto backup: %w", err)
	}
	if err := rotateBackups(p.dir, p.base, p.ext, model.Day(now), p.keep); err != nil {
		return path, true, fmt.Errorf("auto backup: %w", err)
	}
	return path, true, nil
}

// backupName returns the parts of the name of the backups of the database
// at path: "clients" and ".db" for clients.db (".db" when it has none).
func backupName(path string) (base, ext string) {
	name := filepath.Base(path)
	ext = filepath.Ext(name)
	base = strings.TrimSuffix(name, ext)
	if ext == "" {
		ext = ".db"
	}
	return base, ext
}

// backupDay returns the date in the name of a backup named base-DATE+ext.
func backupDay(name, base, ext string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(name, base+"-")
	if !ok {
		return time.Time{}, false
	}
	date, ok := strings.CutSuffix(rest, ext)
	if !ok || len(date) != len(model.DateLayout) {
		return time.Time{}, false
	}
	d, err := time.Parse(model.DateLayout, date)
	return d, err == nil
}

// rotateBackups deletes the backups in dir that keepBackups does not keep
// with keep's retention.
func rotateBackups(dir, base, ext string, today time.Time, keep model.BackupSettings) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	byDay := map[time.Time]string{}
	sizes := map[time.Time]int64{}
	var days []time.Time
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		if d, ok := backupDay(e.Name(), base, ext); ok {
			info, err := e.Info()
			if err != nil {
				continue // deleted meanwhile
			}
			byDay[d] = e.Name()
			sizes[d] = info.Size()
			if checkComplete(filepath.Join(dir, e.Name())) != nil {
				sizes[d] = 0 // an empty or cut-short copy is no copy
			}
			days = append(days, d)
		}
	}
	kept := keepFullCopy(keepBackups(days, today, keep.KeepDaily, keep.KeepWeekly), days, sizes)
	var errs []error
	for _, d := range days {
		if !slices.ContainsFunc(kept, d.Equal) {
			errs = append(errs, removeIfExists(filepath.Join(dir, byDay[d])))
		}
	}
	return errors.Join(errs...)
}

// keepFullCopy adds to kept, when every copy in it is less than half the
// size of the largest copy of all, the newest copy that is at least half
// that size: a book emptied by accident, or by a failed sync, would
// otherwise push the last good copy out within a few weeks of daily
// copies. The price is one old copy kept after the owner really did
// delete most of the book.
func keepFullCopy(kept, days []time.Time, sizes map[time.Time]int64) []time.Time {
	var largest int64
	for _, d := range days {
		largest = max(largest, sizes[d])
	}
	full := func(d time.Time) bool { return sizes[d] > 0 && sizes[d] >= largest/2 }
	if slices.ContainsFunc(kept, full) {
		return kept
	}
	var newest time.Time
	for _, d := range days {
		if full(d) && d.After(newest) {
			newest = d
		}
	}
	if newest.IsZero() {
		return kept
	}
	return append(kept, newest)
}

// keepBackups returns, newest first, which of the backups made on days
// (calendar days, at midnight UTC) to keep on today: the daily newest
// whatever their age, so that an owner back after a long break still has
// copies from before it; and, among the older ones, the newest of each of
// the weekly ISO weeks that end with today's week. Today's copy is always
// kept, even behind copies dated in the future by a clock that was once
// set wrong.
func keepBackups(days []time.Time, today time.Time, daily, weekly int) []time.Time {
	sorted := slices.Clone(days)
	slices.SortFunc(sorted, func(a, b time.Time) int { return b.Compare(a) })
	sorted = slices.CompactFunc(sorted, time.Time.Equal)
	n := min(daily, len(sorted))
	keep := slices.Clone(sorted[:n])
	type week struct{ year, week int }
	weeks := map[week]bool{}
	for i := range weekly {
		y, w := today.AddDate(0, 0, -7*i).ISOWeek()
		weeks[week{y, w}] = true
	}
	for _, d := range sorted[n:] {
		y, w := d.ISOWeek()
		switch {
		case weeks[week{y, w}]:
			keep = append(keep, d) // the newest of its week: sorted is newest first
			delete(weeks, week{y, w})
		case d.Equal(today):
			keep = append(keep, d)
		}
	}
	return keep
}

// Check reads the database file at path without changing it and returns
// what is wrong with it, one problem a line: SQLite's integrity check
// (damaged pages, broken indexes) and rows that refer to a missing row
// (foreign keys). No problems means the file is sound. A file too damaged
// to be read is one problem, "the file is damaged: ...". Check works on a
// database another program has open.
//
// It returns an error wrapping fs.ErrNotExist for a missing file,
// ErrEmpty or ErrTruncated for a file left empty or cut short (a failed
// copy), ErrNotDatabase for a file that is not a Client Tracker database, and
// wrapped I/O or SQLite errors.
func Check(ctx context.Context, path string) ([]string, error) {
	_, problems, err := checkDatabase(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", path, err)
	}
	return problems, nil
}

// QuickCheck is the check the window runs at every start: SQLite's
// quick_check, which reads every page once and finds damaged pages and
// records (but not an index that disagrees with its table, which Check
// also finds). A missing file has no problems: it is a new book. An empty
// or cut-short one is ErrEmpty or ErrTruncated, as for Check.
// Errors are as for Check.
func QuickCheck(ctx context.Context, path string) ([]string, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	_, problems, err := checkWith(ctx, path, true)
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", path, err)
	}
	return problems, nil
}

// checkDatabase checks the database at path as Check does and also
// returns its schema version.
func checkDatabase(ctx context.Context, path string) (version int, problems []string, err error) {
	return checkWith(ctx, path, false)
}

// checkWith checks as Check does, or as QuickCheck does when quick.
func checkWith(ctx context.Context, path string, quick bool) (version int, problems []string, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return 0, nil, err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return 0, nil, err
	}
	if !fi.Mode().IsRegular() {
		return 0, nil, ErrNotDatabase
	}
	if err := checkComplete(abs); err != nil {
		return 0, nil, err
	}
	if err := checkHeader(abs); err != nil {
		return 0, nil, err
	}
	// mode=ro: never a write, not even the switch to WAL; the checks only
	// read.
	params := roParams(abs) + "&_busy_timeout=5000"
	if quick {
		// quick_check reads every page once, so a page cache only holds
		// what it will not read again: SQLite's default 2 MB of it, filled
		// while the window opens, took as long (2.4 s on the 100,000-client
		// book) as 256 KB. The full check looks every row up in each index
		// and keeps the default.
		params += "&_cache_size=-256"
	}
	ro, err := sql.Open("sqlite3", dsn(abs, params))
	if err != nil {
		return 0, nil, err
	}
	defer func() { err = errors.Join(err, ro.Close()) }()
	ro.SetMaxOpenConns(1)

	var appID int
	if err := ro.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		problems, err = damaged(nil, err)
		return 0, problems, err
	}
	if appID != applicationID {
		return 0, nil, ErrNotDatabase
	}
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		problems, err = damaged(nil, err)
		return 0, problems, err
	}
	if quick {
		problems, err = checkProblems(ctx, ro, "PRAGMA quick_check")
		problems, err = damaged(problems, err)
		return version, problems, err
	}
	if problems, err = integrityProblems(ctx, ro); err != nil {
		problems, err = damaged(problems, err)
		return version, problems, err
	}
	fk, err := foreignKeyProblems(ctx, ro)
	if problems = append(problems, fk...); err != nil {
		problems, err = damaged(problems, err)
	}
	return version, problems, err
}

// damaged turns an error SQLite returns for a damaged file into one more
// problem; any other error is returned as it is.
func damaged(problems []string, err error) ([]string, error) {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB) {
		return append(problems, "the file is damaged: "+se.Error()), nil
	}
	return problems, err
}

// integrityProblems runs PRAGMA integrity_check, which reports "ok" alone
// or up to 100 problems. A row may hold several lines under a heading
// ("*** in database main ***"); each line is one problem.
func integrityProblems(ctx context.Context, ro *sql.DB) ([]string, error) {
	return checkProblems(ctx, ro, "PRAGMA integrity_check")
}

// checkProblems runs an integrity check pragma and returns its problems.
func checkProblems(ctx context.Context, ro *sql.DB, pragma string) ([]string, error) {
	rows, err := ro.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return problems, err
		}
		for _, line := range strings.Split(text, "\n") {
			if line != "ok" && line != "" && !strings.HasPrefix(line, "*** ") {
				problems = append(problems, line)
			}
		}
	}
	return problems, rows.Err()
}

// foreignKeyProblems runs PRAGMA foreign_key_check and describes each row
// that refers to a missing one.
func foreignKeyProblems(ctx context.Context, ro *sql.DB) ([]string, error) {
	rows, err := ro.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var (
			table, parent string
			rowid         sql.NullInt64 // NULL in a WITHOUT ROWID table
			fkid          int
		)
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return problems, err
		}
		if rowid.Valid {
			problems = append(problems, fmt.Sprintf("%s row %d refers to a missing row of %s (foreign key %d)", table, rowid.Int64, parent, fkid))
		} else {
			problems = append(problems, fmt.Sprintf("a row of %s refers to a missing row of %s (foreign key %d)", table, parent, fkid))
		}
	}
	return problems, rows.Err()
}

// Restore replaces the database at path with a copy of the database at
// backup, and keeps the replaced file as path.before-restore-YYYYMMDD-HHMMSS
// (local time), whose path it returns ("" when there was no database at
// path). Its -wal and -shm files, if any, move with it: the kept file opens
// with every commit it had.
//
// The store of path must be closed first (and no other Client Tracker
// have it open): Restore moves files under it.
//
// The backup must be a Client Tracker database this version can open that
// passes Check; otherwise Restore returns ErrNotDatabase, ErrTooNew or
// ErrDamaged (wrapped) and changes nothing. The copy is made next to path
// first; path is never left missing: if a step fails, what was moved is
// put back. Other errors are wrapped I/O or SQLite errors.
func Restore(ctx context.Context, backup, path string) (kept string, err error) {
	src, err := filepath.Abs(backup)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	dst, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if same, err := sameFile(src, dst); err != nil || same {
		if err == nil {
			err = errors.New("the backup is the database itself")
		}
		return "", fmt.Errorf("restore: %w", err)
	}
	version, problems, err := checkDatabase(ctx, src)
	switch {
	case err != nil:
		return "", fmt.Errorf("restore from %s: %w", backup, err)
	case version > len(migrations):
		return "", fmt.Errorf("restore from %s: %w", backup, ErrTooNew)
	case len(problems) > 0:
		return "", fmt.Errorf("restore from %s: %w: %s", backup, ErrDamaged, problems[0])
	}

	// The copy is made next to path, so that the final rename stays on
	// one file system and is atomic.
	tmp := filepath.Join(filepath.Dir(dst), "."+filepath.Base(dst)+"-restore-"+time.Now().Format("20060102-150405.000000000")+tempExt)
	if err := copyDatabase(ctx, src, tmp); err != nil {
		return "", exportErr(ctx, "restore", err)
	}
	kept, err = swapIn(tmp, dst, time.Now())
	if err != nil {
		return kept, fmt.Errorf("restore: %w", errors.Join(err, removeIfExists(tmp)))
	}
	return kept, nil
}

// sameFile reports whether a and b are the same existing file.
func sameFile(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

// freeName returns base, or base-2, base-3… : the first name no file has.
func freeName(base string) (string, error) {
	name := base
	for i := 2; ; i++ {
		err := mustNotExist(name)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
}

// swapIn moves the database at dst and its -wal and -shm files aside and
// renames tmp to dst; on failure it puts them back. It returns the kept
// path of the old database, "" if there was none.
func swapIn(tmp, dst string, now time.Time) (kept string, err error) {
	if kept, err = freeName(dst + ".before-restore-" + now.Format("20060102-150405")); err != nil {
		return "", err
	}

	// The main file is hard-linked to its kept name, so that dst exists
	// until the rename below replaces it in one step; where links are not
	// possible (FAT, some network drives) it is renamed.
	hasMain, linked := false, false
	if _, err := os.Lstat(dst); err == nil {
		hasMain = true
		if os.Link(dst, kept) == nil {
			linked = true
		} else if err := os.Rename(dst, kept); err != nil {
			return "", err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	var moved []string // the suffixes moved so far
	undo := func() error {
		var errs []error
		for _, s := range slices.Backward(moved) {
			errs = append(errs, os.Rename(kept+s, dst+s))
		}
		switch {
		case linked:
			errs = append(errs, os.Remove(kept))
		case hasMain:
			errs = append(errs, os.Rename(kept, dst))
		}
		return errors.Join(errs...)
	}
	// A log left next to the new file would be replayed into it.
	for _, s := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(dst + s); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := os.Rename(dst+s, kept+s); err != nil {
			return "", errors.Join(err, undo())
		}
		moved = append(moved, s)
	}
	if err := os.Rename(tmp, dst); err != nil {
		return "", errors.Join(err, undo())
	}
	if !hasMain {
		kept = ""
	}
	// The swap is done; a failed sync only means it may not survive a
	// power cut yet.
	return kept, syncDir(filepath.Dir(dst))
}
