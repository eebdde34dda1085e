package db

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

func TestBackupNowAndBackups(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpenPath(t, filepath.Join(dir, "shop.db"))
	day := time.Date(2026, 11, 23, 15, 0, 0, 0, time.Local)
	db.clock = func() time.Time { return day }
	if list, err := db.Backups(ctx); err != nil || len(list) != 0 {
		t.Fatalf("Backups on a new database = %v, %v; want none", list, err)
	}
	mustCreateClient(t, db, &model.Client{Name: "Ana"})
	first, err := db.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "backups", "shop-2026-11-23.db"); first != want {
		t.Errorf("BackupNow wrote %s, want %s", first, want)
	}
	// A second "Back up now" the same day replaces the copy with one that
	// has the newer data.
	mustCreateClient(t, db, &model.Client{Name: "Bogdan"})
	second, err := db.BackupNow(ctx)
	if err != nil || second != first {
		t.Fatalf("second BackupNow = %s, %v", second, err)
	}
	copyDB := mustOpenPath(t, second)
	if n, _ := copyDB.CountClients(ctx); n != 2 {
		t.Errorf("the copy holds %d clients, want 2", n)
	}
	// An earlier day's copy, a copy from before an upgrade and a stranger.
	older := filepath.Join(dir, "backups", "shop-2026-11-20.db")
	upgrade := filepath.Join(dir, "backups", "shop-before-v3-2026-11-21.db")
	for _, f := range []string{older, upgrade, filepath.Join(dir, "backups", "notes.txt")} {
		if err := os.WriteFile(f, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.Backups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range list {
		got = append(got, filepath.Base(b.Path)+" "+b.Day.Format(model.DateLayout))
	}
	want := "shop-2026-11-23.db 2026-11-23,shop-before-v3-2026-11-21.db 2026-11-21,shop-2026-11-20.db 2026-11-20"
	if strings.Join(got, ",") != want {
		t.Errorf("Backups = %q, want %q", strings.Join(got, ","), want)
	}
	if list[0].Size == 0 {
		t.Error("the size of a copy is 0")
	}
}

func TestRestoreBackupReopens(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpenPath(t, filepath.Join(dir, "shop.db"))
	mustCreateClient(t, db, &model.Client{Name: "Ana"})
	backup, err := db.BackupNow(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustCreateClient(t, db, &model.Client{Name: "Bogdan"})
	v0, err := db.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}

	kept, err := db.RestoreBackup(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	// The same store now reads and writes the restored data.
	if n, _ := db.CountClients(ctx); n != 1 {
		t.Errorf("%d clients after restoring a copy with 1", n)
	}
	mustCreateClient(t, db, &model.Client{Name: "Carla"})
	if n, _ := db.CountClients(ctx); n != 2 {
		t.Errorf("%d clients after adding one to the restored book, want 2", n)
	}
	if _, err := db.DataVersion(ctx); err != nil {
		t.Errorf("DataVersion after restore: %v (was %d)", err, v0)
	}
	keptDB := mustOpenPath(t, kept)
	if n, _ := keptDB.CountClients(ctx); n != 2 {
		t.Errorf("the kept copy holds %d clients, want 2 (Ana and Bogdan)", n)
	}

	// A file that is not a database changes nothing, and the store stays
	// usable.
	bad := filepath.Join(dir, "bad.db")
	if err := os.WriteFile(bad, []byte("not a database at all, not even close to one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RestoreBackup(ctx, bad); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("restoring a text file: %v, want ErrNotDatabase", err)
	}
	if n, err := db.CountClients(ctx); n != 2 || err != nil {
		t.Errorf("after a refused restore: %d clients, %v; want 2", n, err)
	}
}

func TestBackupBeforeUpgrade(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "old.db")
	rawExec(t, path, "_foreign_keys=on", migrations[0].sql, migrations[1].sql, migrations[2].sql, "PRAGMA user_version = 3",
		`INSERT INTO clients (id, name, since, sort_key, created_at, updated_at, purchase_count, total_spent, last_purchase, purchase_dates) VALUES
			(1, 'Ana', '2026-01-15', x'01', '2026-01-15T10:00:00.000Z', '2026-01-15T10:00:00.000Z', 0, 0, NULL, NULL)`)
	db := mustOpenPath(t, path)
	list, err := db.Backups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || !strings.HasPrefix(filepath.Base(list[0].Path), "old-before-v3-") {
		t.Fatalf("backups after an upgrade: %+v, want one old-before-v3-DATE.db", list)
	}
	v, problems, err := checkDatabase(context.Background(), list[0].Path)
	if err != nil || len(problems) > 0 || v != 3 {
		t.Errorf("the copy is at version %d (%v, %v), want an intact version 3", v, problems, err)
	}
	// A new, empty database is not copied.
	fresh := mustOpenPath(t, filepath.Join(dir, "new.db"))
	if list, _ := fresh.Backups(context.Background()); len(list) != 0 {
		t.Errorf("a new database was backed up: %v", list)
	}
}

func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	w := mustOpenPath(t, path)
	mustCreateClient(t, w, &model.Client{Name: "Ana"})
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly() || w.ReadOnly() {
		t.Error("ReadOnly() is wrong")
	}
	if n, err := ro.CountClients(ctx); n != 1 || err != nil {
		t.Errorf("read-only store reads %d clients, %v", n, err)
	}
	if err := ro.CreateClient(ctx, &model.Client{Name: "Bogdan"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a write through a read-only store: %v, want ErrReadOnly", err)
	}
	// The writer's change is seen, and the data version says so.
	v1, err := ro.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustCreateClient(t, w, &model.Client{Name: "Carla"})
	v2, err := ro.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v1 == v2 {
		t.Error("DataVersion did not change after another connection wrote")
	}
	if n, _ := ro.CountClients(ctx); n != 2 {
		t.Errorf("read-only store reads %d clients after the write, want 2", n)
	}
	if _, err := OpenReadOnly(ctx, filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("OpenReadOnly of a missing file succeeded")
	}
}

// The start-up check finds a damaged file, and the newest backup is
// found without opening it.
func TestQuickCheckAndLatestBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if problems, err := QuickCheck(ctx, filepath.Join(dir, "new.db")); err != nil || len(problems) > 0 {
		t.Errorf("QuickCheck of a missing file: %v, %v; want nothing to report", problems, err)
	}
	good := mustOpenPath(t, filepath.Join(dir, "good.db"))
	mustCreateClient(t, good, &model.Client{Name: "Ana"})
	if problems, err := QuickCheck(ctx, good.Path()); err != nil || len(problems) > 0 {
		t.Errorf("QuickCheck of a sound file: %v, %v", problems, err)
	}
	path := damagedCopy(t, dir)
	problems, err := QuickCheck(ctx, path)
	if err == nil && len(problems) == 0 {
		t.Error("QuickCheck found nothing wrong with a damaged file")
	}
	if b, err := LatestBackup(path); err != nil || b != nil {
		t.Errorf("LatestBackup with no backups folder: %v, %v", b, err)
	}
	for _, name := range []string{"damaged-2026-11-20.db", "damaged-2026-11-22.db", "other-2026-11-23.db"} {
		if err := os.MkdirAll(filepath.Join(dir, "backups"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "backups", name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	b, err := LatestBackup(path)
	if err != nil || b == nil || filepath.Base(b.Path) != "damaged-2026-11-22.db" {
		t.Errorf("LatestBackup = %+v, %v; want damaged-2026-11-22.db", b, err)
	}
}

func TestNeedsUpgrade(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old := filepath.Join(dir, "old.db")
	rawExec(t, old, "_foreign_keys=on", migrations[0].sql, migrations[1].sql, migrations[2].sql, "PRAGMA user_version = 3")
	current := filepath.Join(dir, "current.db")
	mustOpenPath(t, current)
	text := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(text, []byte("not a database, just notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want bool
		err  error
	}{
		{filepath.Join(dir, "missing.db"), false, nil},
		{current, false, nil},
		{old, true, nil},
		{text, false, ErrNotDatabase},
	} {
		got, err := NeedsUpgrade(ctx, tc.path)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("NeedsUpgrade(%s) = %v, %v; want %v, %v", filepath.Base(tc.path), got, err, tc.want, tc.err)
		}
	}
	if v, err := NeedsUpgrade(ctx, old); err != nil || !v {
		t.Fatal("checking changed the old file")
	}
}
