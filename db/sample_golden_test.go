package db

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"

	"clienttracker/model"
)

// sampleBookSums are the SHA-256 sums, per table, of a 1,000-client sample
// book of seed 11 made on fixedNow (see dumpTables): what the sample path
// stored before it was made faster. A change to the generator or to
// InsertRecords that changes what a sample book holds changes a sum; one
// that only makes it faster does not. The search index's own tables
// (client_fts_*, client_phone_fts_*) are compared through what a search
// finds instead, since how FTS5 lays its segments out is its own affair.
var sampleBookSums = map[string]string{
	"book_revision":   "550c2313f8e4fe885f4060812413ea45eb75f3a6b94f93d3c95c9bf4fc9c36ba",
	"client_phones":   "de404e6009ca7a7b662aa51fc7fab39c084c66725e269e7305a86407e0efe2d3",
	"client_tags":     "ad22bddba6381310396909fbabcbd43acd0b1597e926c62f37a0ce873bc9fef0",
	"clients":         "95eb30b386dcddaab1050041169095600eb1f945f90957ac0f6960d4f9a05000",
	"complaints":      "a12f86ca4fa78aa135ab4d53a1c5ab83ac08b41049c10095bb8905b08e314637",
	"day_plans":       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"import_undo":     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"interactions":    "95f79c48e1da77c1e13c246e527ea7611dbaed3210405456441418f4a7ef2b3c",
	"preferences":     "1618fb97f917d2a7924775e97133e7316874bee1880cdbeff98e71bbd2050cfb",
	"promises":        "2d19eeb26ba6f1e439a0ba2691f7d6e66817303c3e4821d7701c9b9beb5a8d1c",
	"purchase_months": "66d2f894b5a548372102a84d18adb9dffc6079a43d19ce49949b9949d28c760e",
	"purchases":       "be5c4a7593cb6a461e7b65a25d9d5fa500b0847cba8c61a78d0fe6a97552906e",
	"schema":          "56cbfb9319f6a229b19adcf8508bc086246310a999f87c870355a3bde6897db3",
	"search":          "757ba229f9c1eed8c97bb18b32d5c6ef483689bc48ce77cb047bf58c18b7a920",
	"settings":        "70fb9b4a18453d7a084a0ec6ae327c3e35e116ad3397ee41ba4e45be0f3d9005",
	"stage_changes":   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
}

// TestSampleBookUnchanged makes the seeded 1,000-client sample book and
// compares every table with the sums of the book as it was.
func TestSampleBookUnchanged(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	if _, err := db.InsertRecords(ctx, model.SampleRecords(1000, 11, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	got := dumpTables(t, db)
	for _, name := range slices.Sorted(mapKeys(got)) {
		want, ok := sampleBookSums[name]
		switch {
		case !ok:
			t.Errorf("table %s is new: %q", name, got[name])
		case want != got[name]:
			t.Errorf("table %s holds other rows: sum %s, want %s", name, got[name], want)
		}
	}
	for name := range sampleBookSums {
		if _, ok := got[name]; !ok {
			t.Errorf("table %s is gone", name)
		}
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// dumpTables returns, per table of db, the SHA-256 of its rows, each
// written as text and sorted; "schema" sums the schema's statements
// (sorted: a bulk insert re-creates indexes in its own order), and
// "search" what a few searches find.
func dumpTables(t *testing.T, db *DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	sum := func(lines []string) string {
		slices.Sort(lines)
		h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
		return hex.EncodeToString(h[:])
	}
	rowsOf := func(query string, args ...any) []string {
		t.Helper()
		rows, err := db.w.QueryContext(ctx, query, args...)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, v := range vals {
				if i > 0 {
					b.WriteByte('|')
				}
				switch v := v.(type) {
				case nil:
					b.WriteString("NULL")
				case []byte:
					fmt.Fprintf(&b, "x'%x'", v)
				default:
					fmt.Fprintf(&b, "%T:%v", v, v)
				}
			}
			lines = append(lines, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return lines
	}
	out := map[string]string{
		"schema": sum(rowsOf("SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema")),
	}
	var search []string
	for _, q := range []string{"ana", "Петров", "Երևան", "თბილისი", "vip", "linen", "0722", "555", "example.org"} {
		rows, _, err := db.ListClients(ctx, model.ClientFilter{Search: q, Sort: model.SortName})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if len(rows) == 0 {
			t.Errorf("search %q finds nobody; choose words the sample book holds", q)
		}
		line := q + ":"
		for _, r := range rows {
			line += fmt.Sprintf(" %d", r.ID)
		}
		search = append(search, line)
	}
	out["search"] = sum(search)
	for _, name := range rowsOf("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'") {
		name = strings.TrimPrefix(name, "string:")
		out[name] = sum(rowsOf(`SELECT * FROM "` + name + `"`))
	}
	return out
}
