package db

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"clienttracker/model"
)

// mustSampleBook writes a closed book of n sample clients at path, with no
// write-ahead log left beside it, and returns its bytes.
func mustSampleBook(t *testing.T, path string, n int) []byte {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.InsertRecords(context.Background(), model.SampleRecords(n, 3, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	mustClose(t, db)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestIncompleteBookRefused gives every way in to a book the files a
// failed copy or sync leaves (0 bytes, half a file, the header alone) and
// checks that each refuses with ErrEmpty or ErrTruncated, both ErrDamaged,
// and that the file is exactly as it was, with no log or index beside it.
func TestIncompleteBookRefused(t *testing.T) {
	ctx := context.Background()
	whole := mustSampleBook(t, filepath.Join(t.TempDir(), "whole.db"), 200)
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"Empty", nil, ErrEmpty},
		{"Half", whole[:len(whole)/2], ErrTruncated},
		{"HeaderOnly", whole[:50], ErrTruncated},
		{"OnePage", whole[:4096], ErrTruncated},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "clients.db")
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			ways := map[string]func() error{
				"Open": func() error {
					db, err := Open(ctx, path)
					if err == nil {
						mustClose(t, db)
					}
					return err
				},
				"OpenReadOnly": func() error {
					db, err := OpenReadOnly(ctx, path)
					if err == nil {
						mustClose(t, db)
					}
					return err
				},
				"Check":        func() error { _, err := Check(ctx, path); return err },
				"QuickCheck":   func() error { _, err := QuickCheck(ctx, path); return err },
				"NeedsUpgrade": func() error { _, err := NeedsUpgrade(ctx, path); return err },
			}
			for way, f := range ways {
				if err := f(); !errors.Is(err, c.want) || !errors.Is(err, ErrDamaged) {
					t.Errorf("%s = %v, want %v", way, err, c.want)
				}
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != string(c.data) {
				t.Errorf("the file changed: %d bytes, want %d (%v)", len(got), len(c.data), err)
			}
			if names := dirNames(t, dir); !slices.Equal(names, []string{"clients.db"}) {
				t.Errorf("the folder holds %q", names)
			}
		})
	}

	t.Run("WholeWithLog", func(t *testing.T) {
		// A book in use: the main file may lag behind its log.
		path := filepath.Join(t.TempDir(), "clients.db")
		db := mustOpenPath(t, path)
		mustSample(t, db, 50)
		if err := checkComplete(path); err != nil {
			t.Errorf("checkComplete on an open book = %v", err)
		}
	})
}

// TestLatestBackupSkipsIncomplete: the backup offered for a damaged book is
// the newest whole one, not an empty copy made after a failed sync.
func TestLatestBackupSkipsIncomplete(t *testing.T) {
	dir := t.TempDir()
	backups := filepath.Join(dir, "backups")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(backups, "clients-2026-11-20.db")
	whole := mustSampleBook(t, good, 20)
	for name, data := range map[string][]byte{
		"clients-2026-11-21.db": whole[:len(whole)/3],
		"clients-2026-11-22.db": nil,
	} {
		if err := os.WriteFile(filepath.Join(backups, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	latest, err := LatestBackup(filepath.Join(dir, "clients.db"))
	if err != nil || latest == nil || latest.Path != good {
		t.Fatalf("LatestBackup = %+v, %v; want %s", latest, err, good)
	}
}

// TestRotationKeepsLastFullCopy: a month of daily copies of a book that
// was emptied by accident must not push out the last copy of the full
// book.
func TestRotationKeepsLastFullCopy(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpenPath(t, filepath.Join(dir, "clients.db")) // an empty book
	backups := filepath.Join(dir, "backups")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= 60; i++ {
		size := int64(40 << 20) // copies of the full book (sparse stand-ins)
		if i <= 30 {
			size = 1 << 10
		}
		f, err := os.Create(filepath.Join(backups, "clients-"+model.FormatDate(today.AddDate(0, 0, -i))+".db"))
		if err != nil {
			t.Fatal(err)
		}
		if err := errors.Join(f.Truncate(size), f.Close()); err != nil {
			t.Fatal(err)
		}
	}
	if _, made, err := db.AutoBackup(ctx, today.Add(9*time.Hour)); err != nil || !made {
		t.Fatalf("made %v, error %v", made, err)
	}
	names := dirNames(t, backups)
	last := "clients-" + model.FormatDate(today.AddDate(0, 0, -31)) + ".db"
	if !slices.Contains(names, last) {
		t.Errorf("the last copy of the full book, %s, was deleted; left: %q", last, names)
	}
	if older := "clients-" + model.FormatDate(today.AddDate(0, 0, -32)) + ".db"; slices.Contains(names, older) {
		t.Errorf("%s was kept too; only the newest full copy should be", older)
	}
	// The usual seven daily and four weekly copies, plus the full one.
	if len(names) != 11 {
		t.Errorf("%d copies kept, want 11: %q", len(names), names)
	}
}
