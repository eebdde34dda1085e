package gui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// exportStore is a book of three clients, one with a purchase.
func exportStore(t *testing.T) *testStore {
	t.Helper()
	store := newTestStore(t)
	ana := mustCreate(t, store, model.Client{Name: "Ana Popescu", Email: "ana@example.com"})
	mustCreate(t, store, model.Client{Name: "Anahit Sargsyan", City: "Yerevan"})
	mustCreate(t, store, model.Client{Name: "Ion Rusu", Tags: []string{"wholesale"}})
	if err := store.CreatePurchase(t.Context(), &model.Purchase{ClientID: ana.ID, Date: today, Item: "coat", Amount: 12050}); err != nil {
		t.Fatal(err)
	}
	return store
}

func TestExportEverythingToANewFolder(t *testing.T) {
	u := newTestUI(t, exportStore(t))
	v := u.openExport()
	// The test book's settings are Romanian: amounts with a decimal comma,
	// so Excel there expects semicolons.
	if v.sep.Selected != "Semicolon (;)" || !v.bom.Checked {
		t.Errorf("defaults: separator %q, BOM %v; want semicolon and BOM", v.sep.Selected, v.bom.Checked)
	}
	if !strings.Contains(shownText(u), "Needed for Excel on Windows") {
		t.Error("the BOM option does not say what it is for")
	}
	v.sep.SetSelected("Comma (,)")
	parent := t.TempDir()
	v.exportTo(parent)

	dir := filepath.Join(parent, "Client Tracker 2026-11-23")
	data, err := os.ReadFile(filepath.Join(dir, "clients.csv"))
	if err != nil {
		t.Fatalf("clients.csv not written: %v", err)
	}
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbfid,name,")) {
		t.Errorf("clients.csv starts %q, want a BOM and commas", data[:min(20, len(data))])
	}
	if !bytes.Contains(data, []byte("Anahit Sargsyan")) {
		t.Error("clients.csv misses a client")
	}
	if _, err := os.Stat(filepath.Join(dir, "purchases.csv")); err != nil {
		t.Errorf("purchases.csv not written: %v", err)
	}
	want := "Exported 3 clients, 0 preferences, 1 purchase, 0 contacts, 0 promises, 0 complaints, 1 ladder move, 12 settings to " + dir
	if v.status.Text != want {
		t.Errorf("status %q, want %q", v.status.Text, want)
	}
	if len(buttonsLabelled(t, u, "Open the folder")) != 1 || len(buttonsLabelled(t, u, "Choose a folder and export…")) != 0 ||
		v.cancel.Text != "Close" {
		t.Error("after the export the dialog should offer to open the folder and to close")
	}

	// A second export never overwrites the first.
	w := u.openExport()
	test.Tap(w.bom)
	w.exportTo(parent)
	data, err = os.ReadFile(filepath.Join(parent, "Client Tracker 2026-11-23 (2)", "clients.csv"))
	if err != nil {
		t.Fatalf("second export: %v", err)
	}
	if !bytes.HasPrefix(data, []byte("id;name;")) {
		t.Errorf("without BOM, with semicolons, clients.csv starts %q", data[:min(20, len(data))])
	}
}

func TestExportCancelStopsAndLeavesNothing(t *testing.T) {
	store := &exportHook{testStore: exportStore(t)}
	u := newTestUI(t, store)
	v := u.openExport()
	store.onProgress = func(done int) {
		if done == 0 {
			test.Tap(v.cancel) // the owner presses Cancel once it has started
		}
	}
	parent := t.TempDir()
	v.exportTo(parent)
	if !strings.Contains(v.status.Text, "cancelled") {
		t.Errorf("status %q, want it to say the export was cancelled", v.status.Text)
	}
	left, _ := os.ReadDir(parent)
	if len(left) != 0 {
		t.Errorf("a cancelled export left %d entries behind", len(left))
	}
	if len(buttonsLabelled(t, u, "Open the folder")) != 0 {
		t.Error("a cancelled export offers to open its folder")
	}
	test.Tap(v.cancel)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("Close did not close the export dialog")
	}
}

func TestExportListAsSearched(t *testing.T) {
	u := newTestUI(t, exportStore(t))
	u.tabs.Select(u.clientsTab)
	test.Type(u.clients.search, "ana")
	path := filepath.Join(t.TempDir(), "clients-2026-11-23.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	u.exportListTo(path, f)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(data), "\xef\xbb\xbf")), "\r\n")
	if len(got) != 3 || !strings.Contains(got[1], "Ana Popescu") || !strings.Contains(got[2], "Anahit Sargsyan") {
		t.Errorf("the file holds %q, want the header and the two clients listed, in order", got)
	}
	if !strings.Contains(shownText(u), "Exported 2 clients, in the order shown, to:") || !strings.Contains(shownText(u), path) {
		t.Error("the owner is not told how many clients went where")
	}
}

// exportHook is the real store with a hook on its export's progress, so a
// test can press Cancel while the export runs.
type exportHook struct {
	*testStore
	onProgress func(done int)
}

func (s *exportHook) Export(ctx context.Context, dir string, opts model.ExportOptions, progress func(done, total int)) (model.ExportResult, error) {
	return s.testStore.Export(ctx, dir, opts, func(done, total int) {
		s.onProgress(done)
		if progress != nil {
			progress(done, total)
		}
	})
}
