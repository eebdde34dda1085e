package db

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// testRecords yields n small records: client i is "Client i" with a phone,
// a preference and i%4 purchases, and every fifth client was referred by
// the one before it.
func testRecords(n int) iter.Seq[model.ClientRecord] {
	return func(yield func(model.ClientRecord) bool) {
		for i := 1; i <= n; i++ {
			r := model.ClientRecord{
				Client: model.Client{
					Name:   fmt.Sprintf("Client %d", i),
					Phones: []string{fmt.Sprintf("+40 7%08d", i)},
					Tags:   []string{"batch"},
				},
				Preferences: []model.Preference{{Value: "tea"}},
			}
			for j := range i % 4 {
				r.Purchases = append(r.Purchases, model.Purchase{
					Date: date(2026, 1, 1).AddDate(0, 0, i%300+j), Item: "item", Amount: model.Money(100 * (j + 1)), Unpaid: model.Money(10 * j),
				})
			}
			if i%5 == 0 {
				r.ReferrerIndex = i - 1
			}
			if !yield(r) {
				return
			}
		}
	}
}

// withRecord replaces record i (1-based) of seq by edit(record).
func withRecord(seq iter.Seq[model.ClientRecord], i int, edit func(*model.ClientRecord)) iter.Seq[model.ClientRecord] {
	return func(yield func(model.ClientRecord) bool) {
		n := 0
		for r := range seq {
			n++
			if n == i {
				edit(&r)
			}
			if !yield(r) {
				return
			}
		}
	}
}

// mustFind returns the client named name, found through the search.
func mustFind(t *testing.T, db *DB, name string) *model.Client {
	t.Helper()
	cs, _ := mustList(t, db, model.ClientFilter{Search: name})
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("search %q did not find %q among %d clients", name, name, len(cs))
	return nil
}

func TestInsertRecords(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		var calls []int
		n, err := db.InsertRecords(ctx, testRecords(2500), func(done int) { calls = append(calls, done) })
		if err != nil {
			t.Fatal(err)
		}
		if n != 2500 || mustCount(t, db) != 2500 {
			t.Errorf("inserted %d, stored %d; want 2500", n, mustCount(t, db))
		}
		if !slices.Equal(calls, []int{1000, 2000}) {
			t.Errorf("progress calls %v, want [1000 2000]", calls)
		}
		c := mustFind(t, db, "Client 15")
		if c.ReferredByName != "Client 14" {
			t.Errorf("Client 15 referred by %q, want Client 14", c.ReferredByName)
		}
		wantSummary(t, db, c.ID, model.PurchaseSummary{Count: 3, Total: 600, Owed: 30, First: date(2026, 1, 16), Last: date(2026, 1, 18)})
		if got := mustListPreferences(t, db, c.ID); len(got) != 1 || got[0].Value != "tea" {
			t.Errorf("preferences %+v", got)
		}
		wantSearch(t, db, "+40 700 000 015", []string{"Client 15"})
		if n := rowCount(t, db, "purchases", "1"); n != 2500/4*6 {
			t.Errorf("%d purchases, want %d", n, 2500/4*6)
		}
	})

	t.Run("ReferrerLaterInBatch", func(t *testing.T) {
		db := mustOpen(t)
		recs := withRecord(testRecords(3), 1, func(r *model.ClientRecord) { r.ReferrerIndex = 3 })
		if _, err := db.InsertRecords(ctx, recs, nil); err != nil {
			t.Fatal(err)
		}
		if c := mustFind(t, db, "Client 1"); c.ReferredByName != "Client 3" {
			t.Errorf("Client 1 referred by %q, want Client 3", c.ReferredByName)
		}
	})

	t.Run("ExistingReferrer", func(t *testing.T) {
		db := mustOpen(t)
		ana := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		recs := withRecord(testRecords(2), 2, func(r *model.ClientRecord) { r.Client.ReferredBy = ana.ID })
		if _, err := db.InsertRecords(ctx, recs, nil); err != nil {
			t.Fatal(err)
		}
		if c := mustFind(t, db, "Client 2"); c.ReferredBy != ana.ID {
			t.Errorf("Client 2 referred by %d, want %d", c.ReferredBy, ana.ID)
		}
	})

	// Any invalid record rolls back the whole batch.
	for _, tt := range []struct {
		name, field string
		edit        func(*model.ClientRecord)
	}{
		{"ErrNameRequired", model.FieldName, func(r *model.ClientRecord) { r.Client.Name = " " }},
		{"ErrPurchase", model.FieldAmount, func(r *model.ClientRecord) {
			r.Purchases = append(r.Purchases, model.Purchase{Date: fixedNow, Item: "x", Amount: -1})
		}},
		{"ErrPreference", model.FieldValue, func(r *model.ClientRecord) { r.Preferences = []model.Preference{{}} }},
		{"ErrReferrerSelf", model.FieldReferredBy, func(r *model.ClientRecord) { r.ReferrerIndex = 1500 }},
		{"ErrReferrerOutside", model.FieldReferredBy, func(r *model.ClientRecord) { r.ReferrerIndex = 5000 }},
		{"ErrReferrerNegative", model.FieldReferredBy, func(r *model.ClientRecord) { r.ReferrerIndex = -1 }},
		{"ErrReferrerGone", model.FieldReferredBy, func(r *model.ClientRecord) { r.ReferrerIndex, r.Client.ReferredBy = 0, 99999 }},
		// The contact history, validated where the record is prepared.
		{"ErrPromise", model.FieldWhat, func(r *model.ClientRecord) {
			r.Promises = append(r.Promises, model.Promise{MadeOn: fixedNow, DueBy: fixedNow})
		}},
		{"ErrContact", model.FieldAt, func(r *model.ClientRecord) {
			r.Contacts = append(r.Contacts, model.Interaction{At: fixedNow.AddDate(0, 0, 2), Channel: model.ContactCall})
		}},
		{"ErrContactPromise", model.FieldWhat, func(r *model.ClientRecord) {
			r.Contacts = append(r.Contacts, model.Interaction{At: fixedNow.AddDate(0, 0, -1), Channel: model.ContactCall,
				PromiseID: int64(len(r.Promises) + 1)})
		}},
		{"ErrComplaint", model.FieldOpenedOn, func(r *model.ClientRecord) {
			r.Complaints = append(r.Complaints, model.Complaint{What: "late", OpenedOn: fixedNow.AddDate(0, 0, 2)})
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			n, err := db.InsertRecords(ctx, withRecord(testRecords(2000), 1500, tt.edit), nil)
			wantValidation(t, err, tt.field)
			if !strings.Contains(err.Error(), "record 1500 (") {
				t.Errorf("error %q does not name record 1500", err)
			}
			if n != 0 || mustCount(t, db) != 0 || rowCount(t, db, "purchases", "1") != 0 {
				t.Errorf("returned %d, stored %d clients after a failed batch", n, mustCount(t, db))
			}
			wantSearch(t, db, "client", nil)
		})
	}

	t.Run("Cancelled", func(t *testing.T) {
		db := mustOpen(t)
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		_, err := db.InsertRecords(ctx, testRecords(5000), func(done int) {
			if done == 2000 {
				cancel()
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("InsertRecords: %v, want context.Canceled", err)
		}
		if n := mustCount(t, db); n != 0 {
			t.Errorf("%d clients stored after cancelling", n)
		}
	})

	// Reads use their own connections and see the last commit while a
	// batch is being written.
	t.Run("ReadsDuringWrite", func(t *testing.T) {
		db := mustOpen(t)
		mustCreateClient(t, db, &model.Client{Name: "Ana"})
		var seen []int
		_, err := db.InsertRecords(ctx, testRecords(2000), func(int) {
			ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			defer cancel()
			n, err := db.CountClients(ctx)
			if err != nil {
				t.Errorf("CountClients during insert: %v", err)
			}
			seen = append(seen, n)
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(seen, []int{1, 1}) {
			t.Errorf("counts seen during the insert %v, want [1 1]", seen)
		}
		if n := mustCount(t, db); n != 2001 {
			t.Errorf("%d clients after the insert, want 2001", n)
		}
	})
}

// The aggregates InsertRecords stores with each client are what the
// purchases triggers compute, and every search row is in place.
func TestInsertRecordsSample(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	n, err := db.InsertRecords(ctx, model.SampleRecords(3000, 7, fixedNow), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3000 {
		t.Fatalf("inserted %d", n)
	}
	for name, q := range map[string]string{
		"aggregates differ from the purchases": `SELECT count(*) FROM clients c
			WHERE (purchase_count, total_spent, balance_owed, first_purchase, last_purchase) IS NOT
			(SELECT count(*), coalesce(sum(amount), 0), coalesce(sum(unpaid), 0), min(date), max(date)
			 FROM purchases p WHERE p.client_id = c.id)`,
		"clients without a search row":      "SELECT (SELECT count(*) FROM clients) - (SELECT count(*) FROM client_fts)",
		"clients with phones but no digits": "SELECT (SELECT count(DISTINCT client_id) FROM client_phones) - (SELECT count(*) FROM client_phone_fts)",
		"foreign keys broken":               "SELECT count(*) FROM pragma_foreign_key_check",
		"referrals lost":                    "SELECT 250 > (SELECT count(*) FROM clients WHERE referred_by IS NOT NULL)",
		"no purchases":                      "SELECT 20000 > (SELECT count(*) FROM purchases)",
	} {
		var bad int
		if err := db.w.QueryRow(q).Scan(&bad); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if bad != 0 {
			t.Errorf("%s: %d", name, bad)
		}
	}
	var integrity string
	if err := db.w.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity_check: %q, %v", integrity, err)
	}
	// A purchase added later goes through the trigger, on top of the
	// stored sums.
	c := mustListAll(t, db)[1500]
	before := mustGetClient(t, db, c.ID).Summary
	mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: fixedNow, Item: "Gloves", Amount: 1234})
	after := mustGetClient(t, db, c.ID).Summary
	if after.Count != before.Count+1 || after.Total != before.Total+1234 || !after.Last.Equal(model.Day(fixedNow)) {
		t.Errorf("summary %+v after adding a purchase to %+v", after, before)
	}
}

// A batch gives its promises the ids SQLite would, after those already
// in the book, and each contact that kept a promise names its own
// client's promise.
func TestInsertRecordsPromiseIDs(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	var promises, kept int
	for _, seed := range []int64{7, 8} {
		recs := model.SampleRecords(1000, seed, fixedNow)
		for r := range recs {
			promises += len(r.Promises)
			for _, k := range r.Contacts {
				if k.PromiseID != 0 {
					kept++
				}
			}
		}
		if _, err := db.InsertRecords(ctx, recs, nil); err != nil {
			t.Fatal(err)
		}
	}
	if promises == 0 || kept == 0 {
		t.Fatalf("the sample records have %d promises, %d contacts naming one", promises, kept)
	}
	if got := rowCount(t, db, "promises", "1"); got != promises {
		t.Errorf("%d promises stored, want %d", got, promises)
	}
	if got := rowCount(t, db, "promises", "id > ?", promises); got != 0 {
		t.Errorf("%d promises with an id beyond the %d given", got, promises)
	}
	if got := rowCount(t, db, "interactions i JOIN promises p ON p.id = i.promise_id", "p.client_id = i.client_id"); got != kept {
		t.Errorf("%d contacts name a promise of their client, want %d", got, kept)
	}
}

// schedules reads every client's stored schedule, in id order.
func schedules(t *testing.T, db *DB) []string {
	t.Helper()
	rows, err := db.w.Query(`SELECT id, stage, coalesce(auto_stage, '-'), lapsed, ready, coalesce(next_due, '-'),
		coalesce(due_key, -1), due_risk FROM clients ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, lapsed, ready, key, risk int64
		var stage, auto, next string
		if err := rows.Scan(&id, &stage, &auto, &lapsed, &ready, &next, &key, &risk); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s %s %d %d %s %d %d", id, stage, auto, lapsed, ready, next, key, risk))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// bareRecords are the sample's clients without their histories, as an
// import brings them: referrals, marks, lost marks and contact plans kept.
func bareRecords(n int, seed int64) iter.Seq[model.ClientRecord] {
	return func(yield func(model.ClientRecord) bool) {
		for r := range model.SampleRecords(n, seed, fixedNow) {
			if !yield(model.ClientRecord{Client: r.Client, ReferrerIndex: r.ReferrerIndex}) {
				return
			}
		}
	}
}

// TestBulkSchedulesMatchRecompute: the schedules a bulk insert stores with
// clients that have no history yet are the ones a full recompute gives
// them, and arriving records no move on the ladder, into an empty book
// and into one that already has clients.
func TestBulkSchedulesMatchRecompute(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	check := func(step string) {
		t.Helper()
		stored := schedules(t, db)
		if err := db.Recompute(ctx); err != nil {
			t.Fatal(err)
		}
		again := schedules(t, db)
		if len(stored) != len(again) {
			t.Fatalf("%s: %d clients, %d after recompute", step, len(stored), len(again))
		}
		bad := 0
		for i := range stored {
			if stored[i] != again[i] {
				if bad++; bad <= 5 {
					t.Errorf("%s: stored %q, recompute makes it %q", step, stored[i], again[i])
				}
			}
		}
		var moves int
		if err := db.w.QueryRow("SELECT count(*) FROM stage_changes").Scan(&moves); err != nil || moves != 0 {
			t.Errorf("%s: %d moves recorded (%v), want none for clients who just arrived", step, moves, err)
		}
	}
	if _, err := db.InsertRecords(ctx, bareRecords(1500, 3), nil); err != nil {
		t.Fatal(err)
	}
	check("into an empty book")
	// Into a book of clients (recomputed today): the new clients and the
	// referrers they name are computed by id.
	if _, err := db.InsertRecords(ctx, bareRecords(300, 4), nil); err != nil {
		t.Fatal(err)
	}
	check("into a book")
	var referred int
	if err := db.w.QueryRow("SELECT count(*) FROM clients WHERE referred_by IS NOT NULL").Scan(&referred); err != nil || referred == 0 {
		t.Fatalf("%d referred clients (%v): the test covers no referral", referred, err)
	}
	// Referrals count once the referrer buys steadily (Advocate sits above
	// Loyal): with purchase histories, the referrers named are placed.
	if _, err := db.InsertRecords(ctx, model.SampleRecords(600, 5, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	var advocates int
	if err := db.w.QueryRow("SELECT count(*) FROM clients WHERE auto_stage = 'advocate'").Scan(&advocates); err != nil || advocates == 0 {
		t.Fatalf("%d advocates (%v): referrers were not placed", advocates, err)
	}
	stored := schedules(t, db)
	if err := db.Recompute(ctx); err != nil {
		t.Fatal(err)
	}
	if again := schedules(t, db); !slices.Equal(stored, again) {
		t.Error("with histories: the stored schedules differ from a recompute")
	}
}
