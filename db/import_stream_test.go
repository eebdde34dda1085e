package db

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"clienttracker/model"
)

// streamRows reads a CSV text row by row, as the import command does.
func streamRows(t *testing.T, text string) func(func(model.ImportRow, error) bool) {
	t.Helper()
	tr, err := model.NewTableReader(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return tr.Clients(model.GuessMapping(tr.Header), testNow)
}

// manyClients is a client list of n rows, client i with its own email
// and phone.
func manyClients(n int, extra string) string {
	var b strings.Builder
	b.WriteString("Name,Email,Phone,City\n")
	for i := range n {
		fmt.Fprintf(&b, "Client %d,c%d@example.ro,+40 721 %06d,Cluj\n", i, i, i)
	}
	b.WriteString(extra)
	return b.String()
}

// An import larger than a batch matches rows to clients that earlier
// batches created, and the search index ends up as if every client had
// been saved by hand.
func TestImportClientsFromAcrossBatches(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustSetHomeCountry(t, db, "RO")
	n := 2*importBatch + 500
	// The last rows update clients of the first batch: by email with a
	// second phone, and by phone with a new city.
	text := manyClients(n, "Client 7 again,c7@example.ro,+40 744 999 888,\nClient 9,,0721 000 009,Iași\n")
	res, err := db.ImportClientsFrom(ctx, streamRows(t, text), model.ImportOptions{Source: "many.csv"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != n || res.Updated != 2 || len(res.Rows) != n+2 {
		t.Fatalf("result %s with %d rows, want %d created and 2 updated", res.Summary(), len(res.Rows), n)
	}
	got := clientsByName(t, db)
	if len(got) != n {
		t.Fatalf("%d clients stored, want %d", len(got), n)
	}
	c7, c9 := got["Client 7"], got["Client 9"]
	if r := res.Rows[n]; r.Outcome != model.OutcomeUpdated || r.ClientID != c7.ID || r.Match != model.MatchEmail {
		t.Errorf("row of Client 7 again: %+v, want an update of %d", r, c7.ID)
	}
	if r := res.Rows[n+1]; r.Outcome != model.OutcomeUpdated || r.ClientID != c9.ID || r.Match != model.MatchPhone {
		t.Errorf("row of Client 9: %+v, want an update of %d", r, c9.ID)
	}
	for i, r := range res.Rows[:n] {
		if c := got[fmt.Sprintf("Client %d", i)]; r.ClientID != c.ID || r.Outcome != model.OutcomeCreated {
			t.Fatalf("row %d: %+v, stored as %d", i, r, c.ID)
		}
	}
	if len(c7.Phones) != 2 || c9.City != "Iași" {
		t.Errorf("updated clients: %v, %q", c7.Phones, c9.City)
	}
	for text, want := range map[string]int64{"0744 999 888": c7.ID, "Iași": c9.ID, "c4321@example.ro": got["Client 4321"].ID} {
		if ids := searchIDs(t, db, text); len(ids) != 1 || ids[0] != want {
			t.Errorf("search %q found %v, want %d", text, ids, want)
		}
	}
	if u, ok, err := db.LastImport(ctx); err != nil || !ok || u.Created != n || u.Updated != 0 {
		t.Errorf("LastImport = %+v, %v, %v; want %d created", u, ok, err, n)
	}
}

// Importing the same file again updates every client, changes nothing a
// person sees, and leaves the search index right; an update that replaces
// a name and a phone moves them in the index.
func TestImportClientsFromAgain(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustSetHomeCountry(t, db, "RO")
	n := importBatch + 300
	text := manyClients(n, "")
	if _, err := db.ImportClientsFrom(ctx, streamRows(t, text), model.ImportOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	before := exportBytes(t, db)
	res, err := db.ImportClientsFrom(ctx, streamRows(t, text), model.ImportOptions{Source: "again.csv"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Updated != n || res.Created != 0 || res.Kept != 0 {
		t.Fatalf("result %s, want %d updated and nothing kept", res.Summary(), n)
	}
	// Only the update times differ.
	if after := exportBytes(t, db); len(after) != len(before) {
		t.Errorf("export after importing the same file: %d bytes, before %d", len(after), len(before))
	}
	if u, ok, err := db.LastImport(ctx); err != nil || !ok || u.Updated != n {
		t.Errorf("LastImport = %+v, %v, %v; want %d updated", u, ok, err, n)
	}
	for _, q := range []string{"Client 1234", "c1500@example.ro", "0721 000 077"} {
		if ids := searchIDs(t, db, q); len(ids) != 1 {
			t.Errorf("search %q found %v, want one client", q, ids)
		}
	}

	changed := "Name,Email,Phone,City\nIoana Pop,c77@example.ro,+40 722 555 666,Brașov\n"
	res, err = db.ImportClientsFrom(ctx, streamRows(t, changed), model.ImportOptions{Replace: true}, nil)
	if err != nil || res.Updated != 1 || res.Replaced != 1 {
		t.Fatalf("replacing import: %s, %v", res.Summary(), err)
	}
	id := res.Rows[0].ClientID
	for q, want := range map[string]int{"Ioana": 1, "0722 555 666": 1, "0721 000 077": 0, "Brașov": 1} {
		ids := searchIDs(t, db, q)
		if len(ids) != want || (want == 1 && ids[0] != id) {
			t.Errorf("search %q found %v, want %d of client %d", q, ids, want, id)
		}
	}
	if ids := searchIDs(t, db, "Client 77"); slices.Contains(ids, id) {
		t.Errorf("search for the old name still finds client %d", id)
	}
	c, err := db.GetClient(ctx, id)
	if err != nil || c.Name != "Ioana Pop" || len(c.Phones) != 1 || c.Phones[0] != "+40 722 555 666" {
		t.Errorf("replaced client: %+v, %v", c, err)
	}
	// The list sorts by the new name: after every "Client …".
	cs, _, err := db.ListClients(ctx, model.ClientFilter{Offset: n - 1, Limit: 1, Sort: model.SortName})
	if err != nil || len(cs) != 1 || cs[0].ID != id {
		t.Errorf("last by name: %v, %v; want Ioana Pop", cs, err)
	}
}

// A file that turns out not to be a client list part way through (a row
// of thousands of cells) is refused with the reader's error, and nothing
// of the rows before it is written.
func TestImportClientsFromStopsAtAReadError(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	text := manyClients(importBatch+10, "Wide,"+strings.Repeat("x,", 1500)+"\n")
	_, err := db.ImportClientsFrom(ctx, streamRows(t, text), model.ImportOptions{}, nil)
	if !errors.Is(err, model.ErrNotClientList) {
		t.Fatalf("err = %v, want ErrNotClientList", err)
	}
	if len(clientsByName(t, db)) != 0 {
		t.Error("rows before the error were written")
	}
	if _, ok, _ := db.LastImport(ctx); ok {
		t.Error("a refused import can be undone")
	}
}

// Invalid rows in a later batch stop the whole import, and no row of the
// result names a client that was never written.
func TestImportClientsFromInvalidLate(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustCreateClient(t, db, &model.Client{Name: "Stored", Email: "c3@example.ro"})
	before := exportBytes(t, db)
	text := manyClients(importBatch+10, ",,,Cluj\n")
	res, err := db.ImportClientsFrom(ctx, streamRows(t, text), model.ImportOptions{}, nil)
	if !errors.Is(err, model.ErrInvalidRows) || res.Invalid != 1 {
		t.Fatalf("err = %v, %s; want one invalid row", err, res.Summary())
	}
	if !bytes.Equal(exportBytes(t, db), before) {
		t.Error("an import with an invalid row changed the book")
	}
	for i, r := range res.Rows {
		if r.Outcome == model.OutcomeCreated && r.ClientID != 0 {
			t.Fatalf("row %d names client %d, which was not written", i, r.ClientID)
		}
	}
	if r := res.Rows[3]; r.Outcome != model.OutcomeUpdated || r.ClientID == 0 {
		t.Errorf("row of the stored client: %+v", r)
	}
}

// The update's columns are read from its statement: one for each
// argument.
func TestUpdateColumns(t *testing.T) {
	args := updateClientArgs(&model.Client{ID: 1}, nil, testNow)
	if len(updateColumns) != len(args) || updateColumns[len(updateColumns)-1] != "id" || updateColumns[0] != "name" {
		t.Errorf("columns %v for %d arguments", updateColumns, len(args))
	}
}

// A client renamed twice by one import, in two of its batches, is found by
// the last name only: the search index holds one row per client however
// many of the import's updates touched them (writeSearch deletes each
// client's old rows before it writes the new ones).
func TestImportRenamesTwiceAcrossBatches(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustSetHomeCountry(t, db, "RO")
	stored := mustCreateClient(t, db, &model.Client{Name: "Maria Stan", Email: "maria@example.ro", Phones: []string{"+40 733 111 222"}})
	// Row 1 renames her, a batch of new clients follows, the last row
	// renames her again.
	text := manyClients(importBatch, "Maria Lungu,maria@example.ro,+40 733 111 222,Iași\n")
	text = strings.Replace(text, "Name,Email,Phone,City\n", "Name,Email,Phone,City\nMaria Dobre,maria@example.ro,+40 733 111 222,Sibiu\n", 1)
	res, err := db.ImportClientsFrom(ctx, streamRows(t, text), model.ImportOptions{Replace: true}, nil)
	if err != nil || res.Created != importBatch || res.Updated != 2 {
		t.Fatalf("import: %s, %v; want %d created, 2 rows updating Maria", res.Summary(), err, importBatch)
	}
	for q, want := range map[string]int{"Lungu": 1, "Iași": 1, "Dobre": 0, "Sibiu": 0, "Stan": 0, "733 111": 1, "Client 4999": 1} {
		ids := searchIDs(t, db, q)
		if len(ids) != want || (want == 1 && q != "Client 4999" && ids[0] != stored.ID) {
			t.Errorf("search %q found %v, want %d (Maria is %d)", q, ids, want, stored.ID)
		}
	}
}
