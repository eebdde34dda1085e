package db

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"clienttracker/model"
)

// TestRowInserterValues: what rowInserter writes through JSON reads back
// as the same values bound one by one would: texts in any script with
// quotes, backslashes and control characters, integers, NULL, bools.
func TestRowInserterValues(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	tx, err := db.beginWrite(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "CREATE TEMP TABLE rows_test (a, b, c)"); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Ана \"Мария\" Popescu", int64(-42), nil},
		{`C:\path\ and a tab	and a newline
`, 7, true},
		{"Հովհաննես, ნინო, Ştefan ß ø ё", int64(1) << 62, false},
		{"\x00\x01\x1f\x7f end", 0, ""},
		{"", int64(0), "2026-11-23"},
	}
	ex := &execer{tx: tx, prepare: true}
	defer ex.close()
	// The first and the last rows go in one at a time; the ones between
	// are encoded ahead, together, as a prepared record's are, and an
	// empty run between them adds nothing.
	ri := rowInserter{table: "rows_test (a, b, c)", width: 3}
	if err := ri.insert(ctx, ex, rows[0]); err != nil {
		t.Fatal(err)
	}
	var ahead, none encodedRows
	if err := ahead.encode(ri.width, append(append([]any{}, rows[1]...), rows[2]...)); err != nil {
		t.Fatal(err)
	}
	for _, e := range []*encodedRows{&ahead, &none} {
		if err := ri.insertEncoded(ctx, ex, e); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range rows[3:] {
		if err := ri.insert(ctx, ex, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := ri.flush(ctx, ex); err != nil {
		t.Fatal(err)
	}
	want := make([][]any, len(rows))
	for i, r := range rows {
		if _, err := tx.ExecContext(ctx, "INSERT INTO rows_test VALUES (?, ?, ?)", r...); err != nil {
			t.Fatal(err)
		}
		want[i] = r
	}
	var got [][]any
	err = queryEach(ctx, tx, "SELECT a, typeof(a), b, typeof(b), c, typeof(c) FROM rows_test ORDER BY rowid", nil, func(rs *sql.Rows) error {
		r := make([]any, 6)
		ptrs := make([]any, 6)
		for i := range r {
			ptrs[i] = &r[i]
		}
		err := rs.Scan(ptrs...)
		got = append(got, r)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2*len(rows) {
		t.Fatalf("%d rows, want %d", len(got), 2*len(rows))
	}
	for i := range rows {
		if !reflect.DeepEqual(got[i], got[len(rows)+i]) {
			t.Errorf("row %d: through JSON %q, bound %q", i, got[i], got[len(rows)+i])
		}
	}
	if err := ri.insert(ctx, ex, []any{1.5, 2, 3}); err == nil {
		t.Error("a float went in: want an error, not a value SQLite reads otherwise")
	}
	if err := ahead.encode(ri.width, []any{1, 2}); err == nil {
		t.Error("two values encoded as a row of three")
	}
}

// TestInsertRecordsKeepsTriggers: the triggers a bulk insert drops are
// back after it, so a purchase and a contact logged afterwards still move
// the client's figures.
func TestInsertRecordsKeepsTriggers(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	count := func() int {
		var n int
		if err := db.w.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	if _, err := db.InsertRecords(ctx, model.SampleRecords(50, 3, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	if after := count(); after != before || before == 0 {
		t.Fatalf("%d triggers after the insert, %d before", after, before)
	}
	c := mustGetClient(t, db, 1)
	if err := db.CreatePurchase(ctx, &model.Purchase{ClientID: c.ID, Date: fixedNow, Item: "scarf", Amount: 4500}); err != nil {
		t.Fatal(err)
	}
	if err := db.LogContact(ctx, &model.Interaction{ClientID: c.ID, Channel: model.ContactCall, Summary: "hello"}, nil); err != nil {
		t.Fatal(err)
	}
	var purchases, contacts int
	if err := db.w.QueryRowContext(ctx, "SELECT purchase_count, contact_count FROM clients WHERE id = ?", c.ID).Scan(&purchases, &contacts); err != nil {
		t.Fatal(err)
	}
	if purchases != c.Summary.Count+1 {
		t.Errorf("purchase_count %d after one more purchase, was %d", purchases, c.Summary.Count)
	}
	var logged int
	if err := db.w.QueryRowContext(ctx, "SELECT count(*) FROM interactions WHERE client_id = ?", c.ID).Scan(&logged); err != nil {
		t.Fatal(err)
	}
	if contacts != logged || logged == 0 {
		t.Errorf("contact_count %d, %d contacts logged", contacts, logged)
	}
}
