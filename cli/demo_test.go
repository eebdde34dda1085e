package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clienttracker/db"
)

// TestDemoNewFileLeavesOnlyTheBook: a sample book into a new file is built
// beside it and renamed, and nothing else is left in the folder.
func TestDemoNewFileLeavesOnlyTheBook(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	code, out, errOut := runCLI(t, "demo", "--db", path, "--clients", "30", "--seed", "3")
	if code != 0 || !strings.Contains(out, "with 30 sample clients") {
		t.Fatalf("demo exited %d: %s%s", code, out, errOut)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "shop.db" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %q, want only shop.db", names)
	}
	code, out, _ = runCLI(t, "clients", "--db", path, "--csv")
	if code != 0 || strings.Count(out, "\n") != 31 {
		t.Errorf("clients exited %d with %d lines", code, strings.Count(out, "\n"))
	}
}

// TestDemoIntoAnEmptyBook: a book that exists but holds no clients gets
// the sample clients in place, its settings kept.
func TestDemoIntoAnEmptyBook(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	store, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.HomeCountry = "GE"
	if err := store.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runCLI(t, "demo", "--db", path, "--clients", "12"); code != 0 {
		t.Fatalf("demo exited %d: %s%s", code, out, errOut)
	}
	store, err = db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if n, err := store.CountClients(ctx); err != nil || n != 12 {
		t.Errorf("%d clients (%v), want 12", n, err)
	}
	if s, err := store.Settings(ctx); err != nil || s.HomeCountry != "GE" {
		t.Errorf("home country %q (%v), want GE kept", s.HomeCountry, err)
	}
}
