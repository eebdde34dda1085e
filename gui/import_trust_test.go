package gui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// mustOpenStore opens a real book in a temporary folder, with home country
// region.
func mustOpenStore(t *testing.T, region string) realDB {
	t.Helper()
	s := openRealDB(t, filepath.Join(t.TempDir(), "clients.db"), "en-US", nil, false)
	set, err := s.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	set.HomeCountry = region
	if err := s.SaveSettings(context.Background(), set); err != nil {
		t.Fatal(err)
	}
	return s
}

// An owner imports Outlook's file into a book that already has Ana: the
// check shows what differs and what is left out, the import keeps Ana as
// she is, and Undo this import puts the book back.
func TestImportShowsChangesAndUndoes(t *testing.T) {
	store := mustOpenStore(t, "RO")
	ctx := context.Background()
	ana := &model.Client{Name: "Ana Pop", Email: "ana.popescu@example.ro", Phones: []string{"0744 000 111"}}
	if err := store.CreateClient(ctx, ana); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	v := openImport(t, u, "../testdata/import/outlook.csv")
	test.Tap(v.checkBtn)
	if got := v.summary.Text; got != "4 new, 1 updated, 0 skipped" {
		t.Errorf("the check says %q", got)
	}
	shown := strings.Join(v.problems, "\n")
	for _, want := range []string{
		`the file says "Ana Popescu"; the name in the book, "Ana Pop", is kept`,
		`"+40 721 123 456" is added beside "0744 000 111", which is kept`,
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the check does not show %q:\n%s", want, shown)
		}
	}
	if !strings.Contains(shownText(u), "Ana Pop") {
		t.Error("the notes are not on screen")
	}
	test.Tap(v.importBtn)
	if n, _ := store.CountClients(ctx); n != 5 {
		t.Fatalf("%d clients after the import, want 5", n)
	}
	got, err := store.GetClient(ctx, ana.ID)
	if err != nil || got.Name != "Ana Pop" || len(got.Phones) != 2 {
		t.Fatalf("Ana after the import: %+v, %v", got, err)
	}
	// Two countries' numbers with the same last eight digits: two clients.
	if cs, _, _ := store.ListClients(ctx, model.ClientFilter{Search: "+33 6 21 12 34 56"}); len(cs) != 1 || cs[0].Name != "Inès Martin" {
		t.Errorf("Inès: %v", cs)
	}

	test.Tap(v.undoBtn)
	confirm := buttonsLabelled(t, u, "Undo the import")
	if len(confirm) != 1 {
		t.Fatalf("%d Undo the import buttons in the dialog", len(confirm))
	}
	test.Tap(confirm[0])
	if n, _ := store.CountClients(ctx); n != 1 {
		t.Fatalf("%d clients after undo, want 1", n)
	}
	if got, _ := store.GetClient(ctx, ana.ID); got.Name != "Ana Pop" || len(got.Phones) != 1 {
		t.Errorf("Ana after undo: %+v", got)
	}
	if _, ok, _ := store.LastImport(ctx); ok {
		t.Error("the undone import is still offered")
	}
}

// Replacing is the owner's choice, made on the check screen.
func TestImportReplaceIsAChoice(t *testing.T) {
	store := mustOpenStore(t, "RO")
	ctx := context.Background()
	ana := &model.Client{Name: "Ana Pop", Email: "ana.popescu@example.ro"}
	if err := store.CreateClient(ctx, ana); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	v := openImport(t, u, "../testdata/import/outlook.csv")
	test.Tap(v.checkBtn)
	test.Tap(v.replace)
	if !strings.Contains(strings.Join(v.problems, "\n"), `Name "Ana Pop" is replaced by "Ana Popescu"`) {
		t.Errorf("with Replace ticked the check says:\n%s", strings.Join(v.problems, "\n"))
	}
	test.Tap(v.importBtn)
	if got, _ := store.GetClient(ctx, ana.ID); got.Name != "Ana Popescu" {
		t.Errorf("Ana after a replacing import: %q", got.Name)
	}
}
