package db

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"clienttracker/model"
)

func TestMoveTo(t *testing.T) {
	ctx := context.Background()
	moved := ".moved-" + fixedNow.Format("20060102")

	t.Run("OK", func(t *testing.T) {
		dir := t.TempDir()
		old := filepath.Join(dir, "clients.db")
		db := mustOpenPath(t, old)
		ana := mustCreateClient(t, db, &model.Client{Name: "Ana Popescu"})
		set := model.DefaultSettings("ro-RO")
		set.Theme = model.ThemeDark
		if err := db.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(filepath.Join(dir, "synced"), 0o700); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(dir, "synced", "shop.db")

		if err := db.MoveTo(ctx, dest); err != nil {
			t.Fatalf("MoveTo: %v", err)
		}
		if got := db.Path(); got != dest {
			t.Errorf("Path() = %q, want %q", got, dest)
		}
		// The store goes on working, on the new file.
		if got := mustGetClient(t, db, ana.ID); got.Name != "Ana Popescu" {
			t.Errorf("after the move the client reads %q", got.Name)
		}
		if got, err := db.Settings(ctx); err != nil || got != set {
			t.Errorf("settings after the move = %+v, %v; want %+v", got, err, set)
		}
		mustCreateClient(t, db, &model.Client{Name: "Ion Rusu"})
		ro, err := OpenReadOnly(ctx, dest)
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		cs, _, err := ro.ListClients(ctx, model.ClientFilter{Sort: model.SortName})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := names(cs), []string{"Ana Popescu", "Ion Rusu"}; !slices.Equal(got, want) {
			t.Errorf("the new file holds %q, want %q", got, want)
		}
		// The old file is kept, renamed, with what it held.
		if _, err := os.Stat(old); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the old name is still there (%v)", err)
		}
		if got := dirNames(t, dir); !slices.Equal(got, []string{"clients.db" + moved, "synced"}) {
			t.Errorf("the old folder holds %q", got)
		}
		if problems, err := Check(ctx, old+moved); err != nil || len(problems) > 0 {
			t.Errorf("Check(old file) = %q, %v", problems, err)
		}
	})

	t.Run("ErrExist", func(t *testing.T) {
		dir := t.TempDir()
		old := filepath.Join(dir, "clients.db")
		db := mustOpenPath(t, old)
		mustCreateClient(t, db, &model.Client{Name: "Ana Popescu"})
		dest := filepath.Join(dir, "other.db")
		if err := os.WriteFile(dest, []byte("the owner's file"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := db.MoveTo(ctx, dest); !errors.Is(err, fs.ErrExist) {
			t.Fatalf("MoveTo onto an existing file = %v, want fs.ErrExist", err)
		}
		if got := db.Path(); got != old {
			t.Errorf("Path() = %q after a refused move", got)
		}
		if b, err := os.ReadFile(dest); err != nil || string(b) != "the owner's file" {
			t.Errorf("the existing file now holds %q (%v)", b, err)
		}
		mustCreateClient(t, db, &model.Client{Name: "Ion Rusu"}) // still writable
		if got := dirNames(t, dir); slices.ContainsFunc(got, func(n string) bool { return filepath.Ext(n) != ".db" && n != "clients.db-wal" && n != "clients.db-shm" }) {
			t.Errorf("a refused move left %q", got)
		}
	})

	t.Run("ErrMissingFolder", func(t *testing.T) {
		dir := t.TempDir()
		db := mustOpenPath(t, filepath.Join(dir, "clients.db"))
		if err := db.MoveTo(ctx, filepath.Join(dir, "no such folder", "shop.db")); err == nil {
			t.Fatal("MoveTo into a missing folder succeeded")
		}
		mustCreateClient(t, db, &model.Client{Name: "Ana Popescu"})
	})

	// A second move on the same day finds the first one's name taken.
	t.Run("OldNameTaken", func(t *testing.T) {
		dir := t.TempDir()
		old := filepath.Join(dir, "clients.db")
		if err := os.WriteFile(old+moved, []byte("an earlier move"), 0o600); err != nil {
			t.Fatal(err)
		}
		db := mustOpenPath(t, old)
		if err := db.MoveTo(ctx, filepath.Join(dir, "shop.db")); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(old + moved); err != nil || string(b) != "an earlier move" {
			t.Errorf("the earlier kept file now holds %q (%v)", b, err)
		}
		if problems, err := Check(ctx, old+moved+"-2"); err != nil || len(problems) > 0 {
			t.Errorf("Check(%s-2) = %q, %v", moved, problems, err)
		}
	})

	t.Run("ErrReadOnly", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "clients.db")
		mustOpenPath(t, path)
		ro, err := OpenReadOnly(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		if err := ro.MoveTo(ctx, filepath.Join(t.TempDir(), "shop.db")); !errors.Is(err, ErrReadOnly) {
			t.Errorf("MoveTo on a read-only store = %v, want ErrReadOnly", err)
		}
	})
}
