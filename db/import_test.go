package db

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// readRows reads a CSV text as an importer does, with the guessed mapping.
func readRows(t *testing.T, text string) []model.ImportRow {
	t.Helper()
	tab, err := model.ReadTable(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return tab.Clients(model.GuessMapping(tab.Header), testNow)
}

// allClients returns every stored client by name.
func clientsByName(t *testing.T, db *DB) map[string]*model.Client {
	t.Helper()
	cs, _, err := db.ListClients(context.Background(), model.ClientFilter{})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]*model.Client{}
	for _, c := range cs {
		m[c.Name] = c
	}
	return m
}

func TestImportClientsCreatesAndReports(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	rows := readRows(t, "Name,Phone,Email,Tags\n"+
		"Ana Popescu,+40 721 000 111,ana@example.ro,vip; rochii\n"+
		"Արամ Պետրոսյան,+374 10 123456,,\n"+
		"ნინო ბერიძე,,nino@example.ge,\n")
	var calls [][2]int
	res, err := db.ImportClients(ctx, rows, model.ImportOptions{}, func(done, total int) {
		calls = append(calls, [2]int{done, total})
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 3 || res.Updated != 0 || res.Skipped != 0 || res.Invalid != 0 {
		t.Fatalf("result %s, want 3 created", res.Summary())
	}
	if got := res.Summary(); got != "imported 3, updated 0, skipped 0" {
		t.Errorf("Summary() = %q", got)
	}
	if len(calls) == 0 || calls[len(calls)-1] != [2]int{3, 3} {
		t.Errorf("progress calls %v, want to end with [3 3]", calls)
	}
	got := clientsByName(t, db)
	ana := got["Ana Popescu"]
	if ana == nil || ana.Email != "ana@example.ro" || !slices.Equal(ana.Tags, []string{"vip", "rochii"}) ||
		!slices.Equal(ana.Phones, []string{"+40 721 000 111"}) {
		t.Fatalf("Ana stored as %+v", ana)
	}
	if got["Արամ Պետրոսյան"] == nil || got["ნინო ბერიძე"] == nil {
		t.Fatalf("Armenian and Georgian names not stored: %v", got)
	}
	for i, r := range res.Rows {
		if r.Outcome != model.OutcomeCreated || got[r.Name] == nil || got[r.Name].ID != r.ClientID {
			t.Errorf("row %d: %+v, stored %+v", i, r, got[r.Name])
		}
	}
	// The new clients are on the ladder and in the search.
	if ana.Stage != model.StageNewbie {
		t.Errorf("Ana's stage = %q, want newbie", ana.Stage)
	}
	found, _, err := db.ListClients(ctx, model.ClientFilter{Search: "0721 000 111"})
	if err != nil || len(found) != 1 || found[0].ID != ana.ID {
		t.Errorf("phone search found %v, %v", found, err)
	}
}

func TestImportClientsInvalidRowsWriteNothing(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	// Row 3 has nothing to know the client by (its only email cannot be
	// read); row 4's name is too long. A bad field alone is left out
	// instead (TestImportClientsLeavesOutUnreadableFields).
	rows := readRows(t, "Name,Email\nAna,ana@example.ro\n,bob@\n"+strings.Repeat("x", 1000)+",\nCarla,carla@example.com\n")
	res, err := db.ImportClients(ctx, rows, model.ImportOptions{}, nil)
	if !errors.Is(err, model.ErrInvalidRows) {
		t.Fatalf("err = %v, want ErrInvalidRows", err)
	}
	if res.Invalid != 2 || res.Created != 2 {
		t.Errorf("plan %s, want 2 to create and 2 invalid", res.Summary())
	}
	if len(res.Problems) != 2 || res.Problems[0].Line != 3 || res.Problems[1].Line != 4 {
		t.Fatalf("problems %+v, want lines 3 and 4", res.Problems)
	}
	if txt := res.Problems[0].ProblemText() + res.Problems[0].WarningText(); !strings.Contains(txt, "row 3") || !strings.Contains(txt, "bob@") {
		t.Errorf("problem text %q should name row 3 and the bad email", txt)
	}
	if n, _ := db.CountClients(ctx); n != 0 {
		t.Fatalf("%d clients stored after a refused import, want 0", n)
	}

	res, err = db.ImportClients(ctx, rows, model.ImportOptions{SkipInvalid: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 2 || res.Invalid != 2 {
		t.Errorf("with skip invalid: %s", res.Summary())
	}
	got := clientsByName(t, db)
	if len(got) != 2 || got["Ana"] == nil || got["Carla"] == nil {
		t.Errorf("stored %v, want Ana and Carla", got)
	}
}

func TestImportClientsDryRun(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	mustCreateClient(t, db, &model.Client{Name: "Ana Popescu", Email: "Ana@Example.ro"})
	rows := readRows(t, "Name,Email,City\nAna P.,ana@example.ro,Iași\nDan,dan@example.ro,Cluj\n")
	res, err := db.ImportClients(ctx, rows, model.ImportOptions{DryRun: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.DryRun || res.Created != 1 || res.Updated != 1 {
		t.Errorf("dry run %s, want 1 new and 1 updated", res.Summary())
	}
	got := clientsByName(t, db)
	if len(got) != 1 || got["Ana Popescu"] == nil || got["Ana Popescu"].City != "" {
		t.Errorf("a dry run changed the book: %v", got)
	}
}

func TestImportClientsDuplicateRules(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*DB, map[string]int64) {
		db := mustOpen(t)
		mustSetHomeCountry(t, db, "MD")
		ids := map[string]int64{}
		for _, c := range []*model.Client{
			{Name: "Ana Popescu", Email: "ana@example.ro", Phones: []string{"0721 000 111"}, Tags: []string{"rochii"}, Notes: "likes blue"},
			{Name: "Bogdan Ionescu", Phones: []string{"+373 69 123 456"}},
			{Name: "Cristina Rusu"},
			{Name: "Dan Matei", Email: "dan@example.ro"},
		} {
			mustCreateClient(t, db, c)
			ids[c.Name] = c.ID
		}
		return db, ids
	}
	// Each row matches by a different rule; the last one matches nobody.
	text := "id,name,email,phones,city,tags,notes\n" +
		"%DAN%,Daniel Matei,,,Brașov,,\n" + // same id as Dan: id rule
		",Ana P.,ANA@example.ro,,Iași,Rochii; pantofi,likes blue\n" + // email, case aside
		",Bogdan I.,,069123456,Chișinău,,\n" + // phone without country code, in a Moldovan shop
		",Cristina Rusu,,,Cluj,,new note\n" + // exact name
		",Elena Vasile,,,Sibiu,,\n"

	t.Run("update", func(t *testing.T) {
		db, ids := setup(t)
		rows := readRows(t, strings.Replace(text, "%DAN%", itoa(ids["Dan Matei"]), 1))
		res, err := db.ImportClients(ctx, rows, model.ImportOptions{OnDuplicate: model.DuplicateUpdate}, nil)
		if err != nil {
			t.Fatal(err)
		}
		wantRules := []model.MatchRule{model.MatchID, model.MatchEmail, model.MatchPhone, model.MatchName, model.MatchNone}
		for i, r := range res.Rows {
			if r.Match != wantRules[i] {
				t.Errorf("row %d matched by %q, want %q", r.Line, r.Match, wantRules[i])
			}
		}
		if res.Updated != 4 || res.Created != 1 || res.Kept != 3 {
			t.Fatalf("%s, want 4 updated (3 keeping a stored name) and 1 new", res.Summary())
		}
		got := clientsByName(t, db)
		if len(got) != 5 {
			t.Fatalf("%d clients, want 5: %v", len(got), got)
		}
		// Who the client is stays as stored; the other name is kept in the notes.
		ana := got["Ana Popescu"]
		if ana == nil || ana.ID != ids["Ana Popescu"] || ana.City != "Iași" || ana.Email != "ana@example.ro" {
			t.Fatalf("Ana after update: %+v", ana)
		}
		if !slices.Equal(ana.Tags, []string{"rochii", "pantofi"}) || ana.Notes != "likes blue\nOther name: Ana P." ||
			!slices.Equal(ana.Phones, []string{"0721 000 111"}) {
			t.Errorf("Ana's tags %q, notes %q, phones %q: tags merged ignoring case, notes not repeated, phones kept",
				ana.Tags, ana.Notes, ana.Phones)
		}
		if ch := res.Rows[1].Changes; len(ch) != 1 || ch[0] != (model.FieldChange{Field: model.FieldName, Old: "Ana Popescu", New: "Ana P."}) {
			t.Errorf("row 3 changes %+v, want the name, kept", ch)
		}
		if b := got["Bogdan Ionescu"]; b == nil || b.ID != ids["Bogdan Ionescu"] || len(b.Phones) != 1 {
			t.Errorf("Bogdan after update: %+v (the same number must not be added twice)", b)
		}
		if c := got["Cristina Rusu"]; c.City != "Cluj" || c.Notes != "new note" {
			t.Errorf("Cristina after update: %+v", c)
		}
		if d := got["Dan Matei"]; d == nil || d.ID != ids["Dan Matei"] || d.Email != "dan@example.ro" || d.City != "Brașov" {
			t.Errorf("Dan after update: %+v (an empty cell must not clear the email)", d)
		}
	})
	t.Run("replace", func(t *testing.T) {
		db, ids := setup(t)
		rows := readRows(t, strings.Replace(text, "%DAN%", itoa(ids["Dan Matei"]), 1))
		res, err := db.ImportClients(ctx, rows, model.ImportOptions{Replace: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Replaced != 3 || res.Kept != 0 {
			t.Errorf("%s, want 3 replaced", res.Summary())
		}
		got := clientsByName(t, db)
		if a := got["Ana P."]; a == nil || a.ID != ids["Ana Popescu"] || a.Notes != "likes blue" {
			t.Errorf("Ana after replace: %+v", a)
		}
		if d := got["Daniel Matei"]; d == nil || d.ID != ids["Dan Matei"] {
			t.Errorf("Dan after replace: %+v", d)
		}
	})
	t.Run("skip", func(t *testing.T) {
		db, ids := setup(t)
		rows := readRows(t, strings.Replace(text, "%DAN%", itoa(ids["Dan Matei"]), 1))
		res, err := db.ImportClients(ctx, rows, model.ImportOptions{OnDuplicate: model.DuplicateSkip}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Skipped != 4 || res.Created != 1 || res.Updated != 0 {
			t.Fatalf("%s, want 4 skipped, 1 new", res.Summary())
		}
		got := clientsByName(t, db)
		if len(got) != 5 || got["Ana Popescu"].City != "" || got["Elena Vasile"] == nil {
			t.Errorf("after skip: %v", got)
		}
		if res.Rows[0].ClientID != ids["Dan Matei"] {
			t.Errorf("a skipped row names the client it matched: %+v", res.Rows[0])
		}
	})
	t.Run("create", func(t *testing.T) {
		db, ids := setup(t)
		rows := readRows(t, strings.Replace(text, "%DAN%", itoa(ids["Dan Matei"]), 1))
		res, err := db.ImportClients(ctx, rows, model.ImportOptions{OnDuplicate: model.DuplicateCreate}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created != 5 {
			t.Fatalf("%s, want 5 new", res.Summary())
		}
		if n, _ := db.CountClients(ctx); n != 9 {
			t.Errorf("%d clients, want 9", n)
		}
	})
}

// Two people with the same name are told apart by an email or phone that
// differs, or by their numbers in our own export; without anything to
// tell them apart, the name matches.
func TestImportClientsSameNameDifferentPeople(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	maria := mustCreateClient(t, db, &model.Client{Name: "Maria Popescu", Email: "maria@example.ro", Phones: []string{"0721 000 111"}})
	rows := readRows(t, "Name,Email,Phone,City\n"+
		"Maria Popescu,maria.p@example.com,0755 111 222,Iași\n"+ // another email: another Maria
		"Maria Popescu,,0744 999 888,Cluj\n"+ // another phone than both: a third Maria
		"Maria Popescu,,,Brașov\n") // nothing says otherwise: the first Maria
	res, err := db.ImportClients(ctx, rows, model.ImportOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 2 || res.Updated != 1 || res.Rows[2].ClientID != maria.ID || res.Rows[2].Match != model.MatchName {
		t.Errorf("%s, rows %+v: want two new Marias and the third row matched to client %d", res.Summary(), res.Rows, maria.ID)
	}
	// Our own export: different numbers are different clients, whatever
	// their names.
	other := mustOpen(t)
	rows = readRows(t, "id,name\n1,Ion Rusu\n2,Ion Rusu\n")
	res, err = other.ImportClients(ctx, rows, model.ImportOptions{}, nil)
	if err != nil || res.Created != 2 {
		t.Errorf("%s, %v: want both Ions created", res.Summary(), err)
	}
}

func TestImportClientsDuplicatesWithinFile(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	rows := readRows(t, "Name,Email,Phone,City\n"+
		"Ana Popescu,ana@example.ro,,\n"+
		"Ana,ana@example.ro,0721 000 111,Iași\n"+
		"Ion,,,\n")
	res, err := db.ImportClients(ctx, rows, model.ImportOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 2 || res.Updated != 1 {
		t.Fatalf("%s, want 2 new and the second Ana row merged into the first", res.Summary())
	}
	got := clientsByName(t, db)
	ana := got["Ana Popescu"]
	if ana == nil || ana.City != "Iași" || len(ana.Phones) != 1 || len(got) != 2 {
		t.Fatalf("stored %v; Ana %+v", got, ana)
	}
	if res.Rows[0].ClientID != ana.ID || res.Rows[1].ClientID != ana.ID {
		t.Errorf("both Ana rows should name client %d: %+v", ana.ID, res.Rows)
	}
}

func TestImportClientsUpdateThatWouldBeInvalid(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	phones := make([]string, model.MaxPhones)
	for i := range phones {
		phones[i] = "0721 000 " + itoa(int64(100+i))
	}
	mustCreateClient(t, db, &model.Client{Name: "Ana", Email: "ana@example.ro", Phones: phones})
	// A valid row that adds an eleventh phone: the update is refused
	// with the reason, not cut short.
	rows := readRows(t, "Name,Email,Phone\nAna,ana@example.ro,0721 999 999\n")
	res, err := db.ImportClients(ctx, rows, model.ImportOptions{}, nil)
	if res.Invalid != 1 || !errors.Is(err, model.ErrInvalidRows) {
		t.Fatalf("%s, %v: want the merged client's problem reported as the row's", res.Summary(), err)
	}
}

func TestImportRealFiles(t *testing.T) {
	want := map[string]int{
		"google-legacy.csv": 3, "google.csv": 4, "thunderbird.csv": 2,
		"thunderbird-semicolon.csv": 2, "monica-stub.vcf": 3,
	}
	for name, n := range want {
		t.Run(name, func(t *testing.T) {
			db := mustOpen(t)
			f, err := os.Open(filepath.Join("..", "testdata", "import", name))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var rows []model.ImportRow
			if strings.HasSuffix(name, ".vcf") {
				rows, err = model.ReadVCards(f, testNow)
			} else {
				var tab *model.Table
				if tab, err = model.ReadTable(f); err == nil {
					rows = tab.Clients(model.GuessMapping(tab.Header), testNow)
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			res, err := db.ImportClients(context.Background(), rows, model.ImportOptions{OnDuplicate: model.DuplicateCreate}, nil)
			if err != nil {
				t.Fatalf("%v; problems: %v", err, res.Problems)
			}
			if got, _ := db.CountClients(context.Background()); got != n || res.Created != n {
				t.Errorf("%d clients stored (%s), want %d", got, res.Summary(), n)
			}
			if name == "monica-stub.vcf" && clientsByName(t, db)["Johnny"] == nil {
				t.Errorf("the card with only a nickname should be named Johnny: %v", clientsByName(t, db))
			}
		})
	}
}

func TestImportClientsCancelled(t *testing.T) {
	db := mustOpen(t)
	ctx, cancel := context.WithCancel(context.Background())
	var b strings.Builder
	b.WriteString("Name\n")
	for i := range 3000 {
		b.WriteString("Client " + itoa(int64(i)) + "\n")
	}
	rows := readRows(t, b.String())
	_, err := db.ImportClients(ctx, rows, model.ImportOptions{}, func(done, total int) {
		if done >= 1000 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n, _ := db.CountClients(context.Background()); n != 0 {
		t.Errorf("%d clients after a cancelled import, want 0", n)
	}
}

// testNow is "today" for the importers in these tests.
var testNow = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
