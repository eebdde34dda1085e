package db

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"clienttracker/model"
)

// The backups the owner asks for in the window: "Back up now", the list of
// copies, and restoring one into the open store.

// backupPlace is where the copies of this database go, how they are named
// (base-DATE+ext) and how many are kept: the owner's settings, with the
// defaults for values out of range.
type backupPlace struct {
	dir, base, ext string
	keep           model.BackupSettings
}

func (db *DB) backupPlace(ctx context.Context) (backupPlace, error) {
	abs, err := filepath.Abs(db.Path())
	if err != nil {
		return backupPlace{}, err
	}
	set, err := db.Settings(ctx)
	if err != nil {
		return backupPlace{}, err
	}
	p := backupPlace{keep: set.Backup}
	if p.keep.KeepDaily < 1 || p.keep.KeepDaily > model.MaxKeepDaily {
		p.keep.KeepDaily = keepDaily
	}
	if p.keep.KeepWeekly < 0 || p.keep.KeepWeekly > model.MaxKeepWeekly {
		p.keep.KeepWeekly = keepWeekly
	}
	p.dir = p.keep.Dir
	if p.dir == "" || !filepath.IsAbs(p.dir) {
		p.dir = filepath.Join(filepath.Dir(abs), backupFolder)
	}
	p.base, p.ext = backupName(abs)
	return p, nil
}

// BackupNow makes today's copy in the backups folder now, replacing a copy
// made earlier today, and then deletes old copies as AutoBackup does. It
// returns the copy's path. The copy is complete before it replaces the old
// one, so a failure leaves the earlier copy as it was.
func (db *DB) BackupNow(ctx context.Context) (string, error) {
	p, err := db.backupPlace(ctx)
	if err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	now := db.now()
	path := filepath.Join(p.dir, p.base+"-"+now.Format(model.DateLayout)+p.ext)
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	tmp := filepath.Join(p.dir, "."+filepath.Base(path)+"-now"+tempExt)
	if err := removeIfExists(tmp); err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	if err := db.Backup(ctx, tmp); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("back up: %w", errors.Join(err, removeIfExists(tmp)))
	}
	if err := syncDir(p.dir); err != nil {
		return path, fmt.Errorf("back up: %w", err)
	}
	if err := rotateBackups(p.dir, p.base, p.ext, model.Day(now), p.keep); err != nil {
		return path, fmt.Errorf("back up: %w", err)
	}
	return path, nil
}

// Backups lists the copies of this database in its backups folder, newest
// first: the daily copies, and the copies made before a schema upgrade
// (NAME-before-vN-DATE.db). A missing folder is an empty list.
func (db *DB) Backups(ctx context.Context) ([]model.BackupInfo, error) {
	p, err := db.backupPlace(ctx)
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	list, err := listBackups(p.dir, p.base, p.ext)
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	return list, nil
}

// LatestBackup returns the newest whole copy of the database at path in
// the "backups" folder next to it, without opening the database (it may be
// the damaged one): nil if there is none. Copies that are empty or cut
// short (checkComplete) are passed over.
func LatestBackup(path string) (*model.BackupInfo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	base, ext := backupName(abs)
	list, err := listBackups(filepath.Join(filepath.Dir(abs), backupFolder), base, ext)
	if err != nil {
		return nil, err
	}
	for _, b := range list {
		if checkComplete(b.Path) == nil {
			return &b, nil
		}
	}
	return nil, nil
}

// listBackups lists the copies named base-DATE+ext and
// base-before-vN-DATE+ext in dir, newest first.
func listBackups(dir, base, ext string) ([]model.BackupInfo, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var list []model.BackupInfo
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, base+"-") || !strings.HasSuffix(name, ext) {
			continue
		}
		day, ok := backupDay(name, base, ext)
		if !ok {
			day, ok = upgradeBackupDay(name, base, ext)
		}
		if !ok {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // deleted meanwhile
		}
		list = append(list, model.BackupInfo{Path: filepath.Join(dir, name), Day: day, Size: info.Size()})
	}
	slices.SortStableFunc(list, func(a, b model.BackupInfo) int {
		if c := b.Day.Compare(a.Day); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return list, nil
}

// upgradeBackupDay returns the date in the name of a copy made before a
// schema upgrade, base-before-vN-DATE+ext.
func upgradeBackupDay(name, base, ext string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(name, base+"-before-v")
	if !ok {
		return time.Time{}, false
	}
	_, dated, ok := strings.Cut(rest, "-")
	if !ok {
		return time.Time{}, false
	}
	date, ok := strings.CutSuffix(dated, ext)
	if !ok {
		return time.Time{}, false
	}
	d, err := time.Parse(model.DateLayout, date)
	return d, err == nil
}

// backupBeforeUpgrade copies the database at abs, at schema version from,
// to NAME-before-vFROM-DATE.db in the default backups folder next to it,
// before a migration changes it. Rotation never deletes these copies. An
// existing copy of the same name (a second start on the same day, after
// an upgrade that failed) is kept.
func backupBeforeUpgrade(ctx context.Context, abs string, from int, now time.Time) error {
	dir := filepath.Join(filepath.Dir(abs), backupFolder)
	base, ext := backupName(abs)
	dest := filepath.Join(dir, fmt.Sprintf("%s-before-v%d-%s%s", base, from, now.Format(model.DateLayout), ext))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("backup before upgrade: %w", err)
	}
	if err := copyDatabase(ctx, abs, dest); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("backup before upgrade: %w", err)
	}
	return nil
}

// RestoreBackup replaces the open database with the backup at path, as
// Restore does (the backup is checked first, the current file is kept
// beside it, and it is never left missing), and then reopens the store on
// the restored data. It returns the path of the kept copy.
//
// It closes the store's connections while it works: call it when nothing
// else uses the store. If the swap fails, the store is reopened on the
// file as it was.
func (db *DB) RestoreBackup(ctx context.Context, path string) (kept string, err error) {
	if db.readOnly {
		return "", fmt.Errorf("restore: %w", ErrReadOnly)
	}
	abs, err := filepath.Abs(db.Path())
	if err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	db.poolMu.Lock()
	defer db.poolMu.Unlock()
	if err := db.closePools(); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	kept, rerr := Restore(ctx, path, abs)
	// Reopen whatever is there now: the backup, or the file as it was.
	n := &DB{clock: db.clock, locale: db.locale, path: db.path}
	if err := n.openPools(ctx, abs); err != nil {
		return kept, errors.Join(rerr, fmt.Errorf("restore: reopen: %w", err))
	}
	db.w, db.r = n.w, n.r
	return kept, rerr
}
