package db

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clienttracker/model"
)

// Round trip: export everything, import the folder into an empty book,
// export again: the files are identical, byte for byte. The book has the
// export fixture's hard text (commas, quotes, newlines, Armenian and
// Georgian, emoji, cells starting with = and +), sample clients with a
// year of history, a pinned client, and settings that are not the
// defaults (no decimals, other check-in intervals).
func TestImportFolderRoundTrip(t *testing.T) {
	ctx := context.Background()
	f := newExportFixture(t)
	src := f.db
	if _, err := src.InsertRecords(ctx, model.SampleRecords(300, 5, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	set, err := src.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Money.Decimals, set.Money.Symbol = 0, "֏"
	if err := src.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	sched, err := src.ScheduleSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sched.FollowUpDays = 5
	if err := src.SaveScheduleSettings(ctx, sched); err != nil {
		t.Fatal(err)
	}
	if err := src.PinStage(ctx, f.hov.ID, model.Pin{Stage: model.StageVIP, Reason: "brings friends"}); err != nil {
		t.Fatal(err)
	}

	for _, opts := range []model.CSVOptions{model.DefaultCSVOptions("."), model.DefaultCSVOptions(",")} {
		first, _ := mustExport(t, src, ExportOptions{CSV: opts})
		dst := mustOpen(t)
		counts, err := dst.ImportFolder(ctx, first, nil)
		if err != nil {
			t.Fatal(err)
		}
		if counts["clients"] != 304 || counts["purchases"] == 0 || counts["stage_changes"] == 0 {
			t.Errorf("rows read %v", counts)
		}
		second, _ := mustExport(t, dst, ExportOptions{CSV: opts})
		for _, name := range ExportTables() {
			a, err := os.ReadFile(filepath.Join(first, name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(second, name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("sep %q: %s.csv differs after the round trip:\n%s", opts.Sep, name, firstDiff(string(a), string(b)))
			}
		}
		// A folder import can be undone like any other.
		if u, ok, err := dst.LastImport(ctx); err != nil || !ok || u.Created != 304 {
			t.Fatalf("LastImport = %+v, %v, %v", u, ok, err)
		}
		if _, _, err := dst.UndoImport(ctx); err != nil {
			t.Fatal(err)
		}
		if n, _ := dst.CountClients(ctx); n != 0 {
			t.Errorf("%d clients after undoing the folder import, want 0", n)
		}
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return "line " + itoa(int64(i+1)) + ":\n  " + la[i] + "\n  " + lb[i]
		}
	}
	return "lengths " + itoa(int64(len(la))) + " and " + itoa(int64(len(lb)))
}

func TestImportFolderRefuses(t *testing.T) {
	ctx := context.Background()
	f := newExportFixture(t)
	dir, _ := mustExport(t, f.db, ExportOptions{CSV: model.DefaultCSVOptions(".")})
	if _, err := f.db.ImportFolder(ctx, dir, nil); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("import into a book with clients: %v, want ErrNotEmpty", err)
	}
	// A purchase of a client who is not in clients.csv: nothing is written.
	bad := t.TempDir()
	b, err := os.ReadFile(filepath.Join(dir, "clients.csv"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"clients.csv":   string(b),
		"purchases.csv": "id,client_id,date,item,category,amount,unpaid,due_date,note,discount\n1,99999,2026-01-05,Coat,,10.00,0.00,,,0\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(bad, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	empty := mustOpen(t)
	if _, err := empty.ImportFolder(ctx, bad, nil); err == nil {
		t.Error("a purchase of a missing client was accepted")
	} else if _, err := empty.ImportFolder(ctx, bad, nil); !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("refused for another reason: %v", err)
	}
	if n, _ := empty.CountClients(ctx); n != 0 {
		t.Errorf("%d clients written by a failed import", n)
	}
	// Not an export: a spreadsheet's clients.csv.
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "clients.csv"), []byte("Name,Phone\nAna,0721 000 111\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := empty.ImportFolder(ctx, other, nil); err == nil || !strings.Contains(err.Error(), "client list") {
		t.Errorf("a spreadsheet as a folder: %v, want advice to import it as a client list", err)
	}
	// A row cut short.
	short := t.TempDir()
	header := strings.Join(wantExportHeaders["clients"], ",")
	if err := os.WriteFile(filepath.Join(short, "clients.csv"), []byte(header+"\n1,Ana\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := empty.ImportFolder(ctx, short, nil); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("a short row: %v, want an error naming line 2", err)
	}
}
