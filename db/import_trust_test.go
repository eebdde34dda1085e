package db

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"clienttracker/model"
)

// readFixture reads a file of ../testdata/import as its program wrote it.
func readFixture(t *testing.T, name string) []model.ImportRow {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if strings.HasSuffix(name, ".vcf") {
		rows, err := model.ReadVCards(f, testNow)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	tab, err := model.ReadTable(f)
	if err != nil {
		t.Fatal(err)
	}
	return tab.Clients(model.GuessMapping(tab.Header), testNow)
}

// A Romanian and a French client whose numbers end in the same eight
// digits, an Armenian and a Georgian one: four people, whatever the order
// they come in, and a dry run says so.
func TestImportNeverMergesTwoCountries(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustSetHomeCountry(t, db, "RO")
	ana := mustCreateClient(t, db, &model.Client{Name: "Ana Popescu", Email: "ana@example.ro", Phones: []string{"+40 721 123 456"}})
	aram := mustCreateClient(t, db, &model.Client{Name: "Արամ Պետրոսյան", Phones: []string{"+374 95 430752"}})
	rows := readRows(t, "Name,Email,Phone\n"+
		"Inès Martin,ines@example.fr,+33 6 21 12 34 56\n"+
		"ნინო ბერიძე,,+995 595 430 752\n")
	res, err := db.ImportClients(ctx, rows, model.ImportOptions{DryRun: true}, nil)
	if err != nil || res.Created != 2 || res.Updated != 0 {
		t.Fatalf("dry run %s, %v: want 2 new, none updated", res.Summary(), err)
	}
	if _, err := db.ImportClients(ctx, rows, model.ImportOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	got := clientsByName(t, db)
	if len(got) != 4 {
		t.Fatalf("%d clients, want 4: %v", len(got), got)
	}
	if a := got["Ana Popescu"]; a.ID != ana.ID || a.Email != "ana@example.ro" || len(a.Phones) != 1 {
		t.Errorf("Ana changed: %+v", a)
	}
	if a := got["Արամ Պետրոսյան"]; a.ID != aram.ID || len(a.Phones) != 1 {
		t.Errorf("Aram changed: %+v", a)
	}
}

// The files that refused to import, or lost clients, as their programs
// write them.
func TestImportRealExports(t *testing.T) {
	ctx := context.Background()
	t.Run("Outlook", func(t *testing.T) {
		db := mustOpen(t)
		mustSetHomeCountry(t, db, "AM")
		rows := readFixture(t, "outlook.csv")
		res, err := db.ImportClients(ctx, rows, model.ImportOptions{}, nil)
		if err != nil || res.Created != 5 {
			t.Fatalf("%s, %v: want 5 clients", res.Summary(), err)
		}
		got := clientsByName(t, db)
		for name, c := range got {
			if name != "Արամ Պետրոսյան" && !c.Birthday.IsZero() {
				t.Errorf("%s has birthday %v from a placeholder", name, c.Birthday)
			}
		}
		if b := got["Արամ Պետրոսյան"].Birthday; b != (model.Birthday{Day: 31, Month: 5, Year: 1988}) {
			t.Errorf("Aram's birthday %+v, want 1988-05-31", b)
		}
		if c := got["Magazin Elena SRL"]; c == nil || c.City != "Iași" {
			t.Errorf("a company without a person's name: %+v", c)
		}
		// 095 430752 typed nationally in an Armenian shop is +374 95 430752.
		if ids := searchIDs(t, db, "+374 95 430752"); len(ids) != 1 || ids[0] != got["Արամ Պետրոսյան"].ID {
			t.Errorf("search +374 95 430752 found %v", ids)
		}
	})
	t.Run("Apple", func(t *testing.T) {
		db := mustOpen(t)
		res, err := db.ImportClients(ctx, readFixture(t, "apple.vcf"), model.ImportOptions{}, nil)
		if err != nil || res.Created != 2 {
			t.Fatalf("%s, %v", res.Summary(), err)
		}
		if b := clientsByName(t, db)["Aram Petrosyan"].Birthday; b != (model.Birthday{Day: 31, Month: 5}) {
			t.Errorf("birthday %+v, want 31 May without a year", b)
		}
	})
	t.Run("Android", func(t *testing.T) {
		db := mustOpen(t)
		mustSetHomeCountry(t, db, "RU")
		res, err := db.ImportClients(ctx, readFixture(t, "android.vcf"), model.ImportOptions{}, nil)
		if err != nil || res.Created != 2 {
			t.Fatalf("%s, %v", res.Summary(), err)
		}
		got := clientsByName(t, db)
		if b := got["Ion Rusu"].Birthday; b != (model.Birthday{Day: 15, Month: 4}) {
			t.Errorf("birthday %+v, want 15 April", b)
		}
		if ids := searchIDs(t, db, "+7 915 018 27 52"); len(ids) != 1 || ids[0] != got["Пётр Иванов"].ID {
			t.Errorf("search +7 915 018 27 52 found %v, want Пётр", ids)
		}
	})
}

func searchIDs(t *testing.T, db *DB, text string) []int64 {
	t.Helper()
	cs, _, err := db.ListClients(context.Background(), model.ClientFilter{Search: text})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

// A number is found whichever way it was typed and is searched for.
func TestSearchPhoneBothWays(t *testing.T) {
	for _, tt := range []struct {
		region, stored, search string
	}{
		{"RU", "+7 915 018 27 52", "8 915 018-27-52"},
		{"RU", "8 915 018-27-52", "+7 915 018 27 52"},
		{"AM", "+374 95 430752", "095430752"},
		{"AM", "095430752", "+374 95 430752"},
		{"AM", "095430752", "00374 95 43 07 52"},
		{"GE", "555 12 34 56", "+995555123456"},
		{"RO", "+40 721 123 456", "0721 123 456"},
		{"MD", "069 123 456", "+373 69 123 456"},
		{"UA", "+380 67 123 4567", "067 123 45 67"},
		{"FR", "06 21 12 34 56", "+33621123456"},
		{"US", "(212) 555-0100", "+1 212 555 0100"},
		{"GB", "+44 7911 123456", "07911 123456"},
		// Part of a number, in the other form: the national digits are indexed too.
		{"AM", "+374 95 430752", "095 43"},
		{"AM", "095430752", "37495 43"},
		// Longer parts: checked against every form, not just the stored ones.
		{"AM", "+374 95 430752", "095 43075"},
		{"AM", "+374 95 430752", "095 430 75"},
		{"RU", "+7 915 018 27 52", "8 915 018 27"},
		{"AM", "095430752", "3749543075"},
		// Where they are the end of the international digits, only those
		// are: a part of either form is a part of them.
		{"GE", "+995 597 189 385", "597 18"},
		{"GE", "597 18 93 85", "995 597"},
		{"RO", "+40 721 123 456", "0721 12"},
		{"RO", "0721 123 456", "40 721"},
	} {
		t.Run(tt.region+"/"+tt.search, func(t *testing.T) {
			db := mustOpen(t)
			mustSetHomeCountry(t, db, tt.region)
			c := mustCreateClient(t, db, &model.Client{Name: "Client", Phones: []string{tt.stored}})
			mustCreateClient(t, db, &model.Client{Name: "Other", Phones: []string{"+1 202 555 0199"}})
			if ids := searchIDs(t, db, tt.search); len(ids) != 1 || ids[0] != c.ID {
				t.Errorf("%q stored, search %q found %v", tt.stored, tt.search, ids)
			}
		})
	}
}

// Changing the home country reads every phone again; a book from before
// phone keys gets them when it is opened.
func TestPhoneKeysFollowHomeCountry(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "clients.db")
	db := mustOpenPath(t, path)
	mustSetHomeCountry(t, db, "GE")
	c := mustCreateClient(t, db, &model.Client{Name: "Aram", Phones: []string{"095 430752"}})
	if ids := searchIDs(t, db, "+374 95 430752"); len(ids) != 0 {
		t.Errorf("in Georgia 095 430752 is not Armenian, found %v", ids)
	}
	mustSetHomeCountry(t, db, "AM")
	if ids := searchIDs(t, db, "+374 95 430752"); len(ids) != 1 || ids[0] != c.ID {
		t.Errorf("after moving the shop to Armenia, found %v", ids)
	}
	// As a book from before phone keys: nothing known.
	if _, err := db.w.ExecContext(ctx, "UPDATE client_phones SET e164 = NULL; DELETE FROM client_phone_fts"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if ids := searchIDs(t, db2, "+374 95 430752"); len(ids) != 1 || ids[0] != c.ID {
		t.Errorf("after reopening, found %v", ids)
	}
	var unread int
	if err := db2.w.QueryRowContext(ctx, "SELECT count(*) FROM client_phones WHERE e164 IS NULL").Scan(&unread); err != nil || unread != 0 {
		t.Errorf("%d phones unread, %v", unread, err)
	}
}

// A row that shares a client's phone but neither their name nor email is
// someone else: created, and said so.
func TestImportSharedPhoneIsAnotherPerson(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustSetHomeCountry(t, db, "RO")
	ana := mustCreateClient(t, db, &model.Client{Name: "Ana Popescu", Email: "ana@example.ro", Phones: []string{"0721 123 456"}})
	rows := readRows(t, "Name,Email,Phone\nMihai Popescu,mihai@example.ro,+40 721 123 456\nAna P.,,+40721123456\n")
	res, err := db.ImportClients(ctx, rows, model.ImportOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Rows[0]; r.Outcome != model.OutcomeCreated || r.SharesPhoneWith != ana.ID {
		t.Errorf("Mihai: %+v, want created, sharing Ana's phone", r)
	}
	// Only the name differs: the same person, the stored name kept.
	if r := res.Rows[1]; r.Outcome != model.OutcomeUpdated || r.ClientID != ana.ID || len(r.Changes) != 1 || r.Changes[0].Replaced {
		t.Errorf("Ana P.: %+v, want Ana updated with her name kept", r)
	}
	if a := clientsByName(t, db)["Ana Popescu"]; a == nil || a.Email != "ana@example.ro" || len(a.Phones) != 1 {
		t.Errorf("Ana: %+v", a)
	}
}

// An import can be undone in one step while nothing else changed, and the
// book is then exactly as before: its export is the same byte for byte.
func TestUndoImport(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustSetHomeCountry(t, db, "RO")
	mustCreateClient(t, db, &model.Client{Name: "Ana Popescu", Email: "ana@example.ro", Phones: []string{"0721 123 456"}})
	before := exportBytes(t, db)
	if _, ok, err := db.LastImport(ctx); err != nil || ok {
		t.Fatalf("LastImport before any import: %v, %v", ok, err)
	}
	if _, _, err := db.UndoImport(ctx); !errors.Is(err, model.ErrNoImport) {
		t.Errorf("undo with no import: %v", err)
	}
	rows := readRows(t, "Name,Email,Phone,City\nAna P.,ana@example.ro,0744 111 222,Cluj\nDan,dan@example.ro,,Iași\n")
	if _, err := db.ImportClients(ctx, rows, model.ImportOptions{Source: "clients.csv"}, nil); err != nil {
		t.Fatal(err)
	}
	u, ok, err := db.LastImport(ctx)
	if err != nil || !ok || u.Source != "clients.csv" || u.Created != 1 || u.Updated != 1 {
		t.Fatalf("LastImport = %+v, %v, %v", u, ok, err)
	}
	// The copy holds the owner's clients: private, as a backup is.
	if fi, err := os.Stat(u.Snapshot); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Errorf("the copy kept for undo: %v, %v", fi.Mode(), err)
	}
	if bytes.Equal(exportBytes(t, db), before) {
		t.Fatal("the import changed nothing")
	}
	if _, _, err := db.UndoImport(ctx); err != nil {
		t.Fatal(err)
	}
	if after := exportBytes(t, db); !bytes.Equal(after, before) {
		t.Errorf("export after undo differs from before the import:\n%s\n---\n%s", before, after)
	}
	if _, ok, _ := db.LastImport(ctx); ok {
		t.Error("an undone import can be undone again")
	}

	t.Run("NotAfterAChange", func(t *testing.T) {
		if _, err := db.ImportClients(ctx, rows, model.ImportOptions{}, nil); err != nil {
			t.Fatal(err)
		}
		mustCreateClient(t, db, &model.Client{Name: "Typed after the import"})
		if _, ok, _ := db.LastImport(ctx); ok {
			t.Error("LastImport offers an undo after a change")
		}
		if _, _, err := db.UndoImport(ctx); !errors.Is(err, model.ErrImportChanged) {
			t.Errorf("undo after a change: %v, want ErrImportChanged", err)
		}
		if got := clientsByName(t, db); got["Typed after the import"] == nil || got["Dan"] == nil {
			t.Errorf("a refused undo changed the book: %v", got)
		}
	})
	t.Run("DryRunKeepsNoCopy", func(t *testing.T) {
		db := mustOpen(t)
		if _, err := db.ImportClients(ctx, rows, model.ImportOptions{DryRun: true}, nil); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := db.LastImport(ctx); ok {
			t.Error("a dry run can be undone")
		}
	})
	// The copy for undo is made while an import writes: an import that
	// fails leaves the last import's copy, still undoable, and no copy of
	// its own.
	t.Run("FailedImportKeepsTheLastUndo", func(t *testing.T) {
		db := mustOpen(t)
		mustCreateClient(t, db, &model.Client{Name: "Ana Popescu", Email: "ana@example.ro"})
		before := exportBytes(t, db)
		if _, err := db.ImportClients(ctx, rows, model.ImportOptions{Source: "first.csv"}, nil); err != nil {
			t.Fatal(err)
		}
		first, ok, err := db.LastImport(ctx)
		if err != nil || !ok {
			t.Fatalf("LastImport = %v, %v", ok, err)
		}
		bad := readRows(t, "Name,Email,Birthday\nIon,ion@example.ro,\n,,31/02/1990\n")
		if _, err := db.ImportClients(ctx, bad, model.ImportOptions{Source: "bad.csv"}, nil); !errors.Is(err, model.ErrInvalidRows) {
			t.Fatalf("import with an invalid row: %v, want ErrInvalidRows", err)
		}
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := db.ImportClients(cancelled, rows, model.ImportOptions{Source: "cancelled.csv"}, nil); err == nil {
			t.Fatal("a cancelled import succeeded")
		}
		u, ok, err := db.LastImport(ctx)
		if err != nil || !ok || u != first {
			t.Fatalf("LastImport after two failed imports = %+v, %v, %v; want %+v", u, ok, err, first)
		}
		entries, err := os.ReadDir(filepath.Dir(u.Snapshot))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if len(names) != 1 || names[0] != filepath.Base(u.Snapshot) {
			t.Errorf("backups folder holds %q, want only %s", names, filepath.Base(u.Snapshot))
		}
		if _, _, err := db.UndoImport(ctx); err != nil {
			t.Fatal(err)
		}
		if after := exportBytes(t, db); !bytes.Equal(after, before) {
			t.Errorf("export after undo differs from before the first import:\n%s\n---\n%s", before, after)
		}
	})
}

// exportBytes exports every table and returns the files' bytes, in order.
func exportBytes(t *testing.T, db *DB) []byte {
	t.Helper()
	dir := t.TempDir()
	res, err := db.Export(context.Background(), dir, ExportOptions{CSV: model.DefaultCSVOptions(",")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var all bytes.Buffer
	for _, f := range res.Files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&all, "== %s\n", filepath.Base(f))
		all.Write(b)
	}
	return all.Bytes()
}
