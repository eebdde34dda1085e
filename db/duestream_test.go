package db

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// TestEachDueMatchesDueList: the streamed due list is DueList's, row for
// row and with the same counts, for the whole list, the at-risk list, a
// window from the middle and the day's list, on a book long enough for
// the streamed read.
func TestEachDueMatchesDueList(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if _, err := db.InsertRecords(ctx, model.SampleRecords(3000, 7, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	today := model.Day(fixedNow)
	defer func(n int) { dueStreamFrom = n }(dueStreamFrom)
	// The at-risk list is shorter than the default.
	dueStreamFrom = 500
	for _, tc := range []struct {
		name string
		q    model.DueQuery
	}{
		{"Whole", model.DueQuery{}},
		{"AtRisk", model.DueQuery{AtRiskOnly: true}},
		{"Window", model.DueQuery{Offset: 100, Limit: 1500}},
		{"Day", model.DueQuery{Limit: 15}}, // read as DueList reads it
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := db.DueList(ctx, today, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []model.DueItem
			var seen model.DuePage
			page, err := db.EachDue(ctx, today, tc.q, func(p *model.DuePage, it *model.DueItem) error {
				seen = *p
				got = append(got, *it)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if tc.q.Limit != 15 && len(got) < dueStreamFrom {
				t.Fatalf("%d rows: too few to take the streamed read", len(got))
			}
			if len(got) != len(want.Items) {
				t.Fatalf("EachDue gave %d rows, DueList %d", len(got), len(want.Items))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], want.Items[i]) {
					t.Fatalf("row %d:\nEachDue %+v\nDueList %+v", i, got[i], want.Items[i])
				}
			}
			want.Items = nil
			if !reflect.DeepEqual(page, want) || !reflect.DeepEqual(seen, want) {
				t.Errorf("page %+v, fn saw %+v; DueList %+v", page, seen, want)
			}
		})
	}
	t.Run("StopsWhenCancelled", func(t *testing.T) {
		// Every goroutine of the walk (the reader, the describers) ends
		// before EachDue returns: none is left behind a cancelled list.
		before := runtime.NumGoroutine()
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		n := 0
		_, err := db.EachDue(cctx, today, model.DueQuery{}, func(*model.DuePage, *model.DueItem) error {
			if n++; n == 3 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("after %d rows: %v, want context.Canceled", n, err)
		}
		if n > 3+dueChunk {
			t.Errorf("%d rows after cancelling at the third: more than the chunk being handed", n)
		}
		// A goroutine that has done its last step may take a moment to
		// be gone; one still running after a second is left behind.
		after := runtime.NumGoroutine()
		for wait := time.Now(); after > before && time.Since(wait) < time.Second; after = runtime.NumGoroutine() {
			time.Sleep(10 * time.Millisecond)
		}
		if after > before {
			t.Errorf("%d goroutines before the walk, %d after", before, after)
		}
	})
	t.Run("StopsAtError", func(t *testing.T) {
		stop := errors.New("enough")
		n := 0
		_, err := db.EachDue(ctx, today, model.DueQuery{}, func(*model.DuePage, *model.DueItem) error {
			if n++; n == 3 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 3 {
			t.Errorf("after %d rows: %v, want the callback's error after 3", n, err)
		}
	})
}

// TestEachDueFollowUpItemAcrossTimeZones: the streamed list looks up the
// item of a client's last purchase only when a follow-up can be due,
// judging by the stored UTC timestamp of the last contact; the owner's
// calendar day of that contact decides. A contact late on the purchase day
// (the next day in UTC west of Greenwich) leaves the follow-up due, with
// its item; one early the next day (still the purchase day in UTC east of
// it) meets it. The rows are DueList's in either zone.
func TestEachDueFollowUpItemAcrossTimeZones(t *testing.T) {
	defer func(n int) { dueStreamFrom = n }(dueStreamFrom)
	dueStreamFrom = 1
	for _, zone := range []*time.Location{time.FixedZone("Kiritimati", 14*3600), time.FixedZone("Pago Pago", -11*3600)} {
		t.Run(zone.String(), func(t *testing.T) {
			old := time.Local
			time.Local = zone
			t.Cleanup(func() { time.Local = old })
			ctx := context.Background()
			db := mustOpen(t)
			bought := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
			today := bought.AddDate(0, 0, 3) // the follow-up's day
			db.clock = func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, zone) }
			late := mustCreateClient(t, db, &model.Client{Name: "Ana Popescu", Since: bought.AddDate(-1, 0, 0)})
			early := mustCreateClient(t, db, &model.Client{Name: "Նինա Սարգսյան", Since: bought.AddDate(-1, 0, 0)})
			for _, c := range []*model.Client{late, early} {
				mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: bought, Item: "umbrella", Amount: 4500})
			}
			mustLogContact(t, db, late.ID, time.Date(2026, 11, 20, 23, 30, 0, 0, zone))
			mustLogContact(t, db, early.ID, time.Date(2026, 11, 21, 0, 30, 0, 0, zone))

			want, err := db.DueList(ctx, today, model.DueQuery{})
			if err != nil {
				t.Fatal(err)
			}
			var got []model.DueItem
			if _, err := db.EachDue(ctx, today, model.DueQuery{}, func(_ *model.DuePage, it *model.DueItem) error {
				got = append(got, *it)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want.Items) {
				t.Errorf("EachDue:\n%+v\nDueList:\n%+v", got, want.Items)
			}
			followUp := func(id int64) *model.Reason {
				for _, it := range got {
					for i, r := range it.Reasons {
						if it.ClientID == id && r.Kind == model.ReasonFollowUp {
							return &it.Reasons[i]
						}
					}
				}
				return nil
			}
			if r := followUp(late.ID); r == nil || r.Data["Item"] != "umbrella" {
				t.Errorf("contacted late on the purchase day: follow-up %+v, want one about the umbrella", r)
			}
			if r := followUp(early.ID); r != nil {
				t.Errorf("contacted early the next day: follow-up %+v, want none", r)
			}
		})
	}
}

// The long due list's query finds each client's liked preference in
// preferences_liked alone (migration 0015): its subqueries must keep
// repeating that index's WHERE, or SQLite reads every preference of every
// listed client from the table again. And what the clients owe is summed
// from purchases_owed alone.
func TestDueStreamReadsFromIndexesAlone(t *testing.T) {
	db := mustOpen(t)
	for _, q := range scheduleQueries(allClients(), today, loadDetail) {
		if q.name != "debts" {
			continue
		}
		plan := queryPlan(t, db, q.query, q.args...)
		if !slices.ContainsFunc(plan, func(line string) bool { return strings.Contains(line, "COVERING INDEX purchases_owed") }) {
			t.Errorf("debts read by\n%s", strings.Join(plan, "\n"))
		}
	}
	plan := queryPlan(t, db, "SELECT json_array("+dueStreamColumns+") FROM clients AS c NOT INDEXED WHERE c.due_key IS NOT NULL ORDER BY c.due_key, c.sort_key, c.id")
	var prefs int
	for _, line := range plan {
		if !strings.Contains(line, "preferences") {
			continue
		}
		prefs++
		if !strings.Contains(line, "COVERING INDEX preferences_liked") {
			t.Errorf("preferences read by %q", line)
		}
	}
	if prefs != 2 {
		t.Errorf("%d lookups of preferences, want 2 (a liked product, a liked brand); plan:\n%s", prefs, strings.Join(plan, "\n"))
	}
}
