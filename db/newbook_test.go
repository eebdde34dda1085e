package db

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// TestBuildNewBook builds books through BuildNewBook: a complete one
// gets its name and opens as any other; a failed one leaves nothing.
func TestBuildNewBook(t *testing.T) {
	ctx := context.Background()
	clock := WithClock(func() time.Time { return fixedNow })
	t.Run("Settings", func(t *testing.T) {
		for _, want := range []string{"_journal_mode=OFF", "_synchronous=OFF"} {
			if !strings.Contains(unjournaledParams, want) {
				t.Errorf("unjournaledParams %q lacks %s: writeParams changed", unjournaledParams, want)
			}
		}
	})
	t.Run("OK", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "sample.db")
		err := BuildNewBook(ctx, path, func(db *DB) error {
			var mode string
			if err := db.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
				return err
			}
			var sync int
			if err := db.w.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
				return err
			}
			if mode != "off" || sync != 0 {
				t.Errorf("while building: journal mode %q, synchronous %d; want off, 0", mode, sync)
			}
			_, err := db.InsertRecords(ctx, model.SampleRecords(50, 3, fixedNow), nil)
			return err
		}, clock)
		if err != nil {
			t.Fatal(err)
		}
		if got := dirNames(t, dir); len(got) != 1 || got[0] != "sample.db" {
			t.Errorf("files left: %q, want only sample.db", got)
		}
		// The mode is in the file: bytes 18 and 19 are 2 for WAL.
		if b, err := os.ReadFile(path); err != nil || len(b) < 20 || b[18] != 2 || b[19] != 2 {
			t.Errorf("the file is not in WAL mode (%v)", err)
		}
		db := mustOpenPath(t, path)
		if n, err := db.CountClients(ctx); err != nil || n != 50 {
			t.Errorf("the book holds %d clients (%v), want 50", n, err)
		}
		var mode string
		if err := db.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal mode once opened: %q (%v), want wal", mode, err)
		}
		if problems, err := Check(ctx, path); err != nil || len(problems) > 0 {
			t.Errorf("check: %q, %v", problems, err)
		}
	})
	t.Run("ErrExist", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "sample.db")
		if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
			t.Fatal(err)
		}
		called := false
		err := BuildNewBook(ctx, path, func(*DB) error { called = true; return nil }, clock)
		if !errors.Is(err, fs.ErrExist) || called {
			t.Errorf("err %v, fill called %v; want fs.ErrExist before any fill", err, called)
		}
		if b, _ := os.ReadFile(path); string(b) != "mine" {
			t.Errorf("the file now holds %q", b)
		}
	})
	t.Run("FillFails", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "sample.db")
		boom := errors.New("boom")
		err := BuildNewBook(ctx, path, func(db *DB) error {
			if _, err := db.InsertRecords(ctx, model.SampleRecords(20, 3, fixedNow), nil); err != nil {
				return err
			}
			return boom
		}, clock)
		if !errors.Is(err, boom) {
			t.Errorf("err %v, want fill's", err)
		}
		if got := dirNames(t, dir); len(got) != 0 {
			t.Errorf("files left: %q", got)
		}
	})
}
