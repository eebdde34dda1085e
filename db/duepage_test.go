package db

import (
	"context"
	"reflect"
	"testing"

	"clienttracker/model"
)

// TestDueListPages: on a sample shop of 1,500 clients with a year of
// contacts, promises and complaints, the due list read page by page (as
// the view scrolls) is the whole list read at once (as the command line
// reads it, in one pass), in list order, with the counts of its rows; the
// at-risk filter keeps exactly the rows with signals; and every row is
// the one the model makes from the client's history.
func TestDueListPages(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if _, err := db.InsertRecords(ctx, model.SampleRecords(1500, 7, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	whole, err := db.DueList(ctx, today, model.DueQuery{})
	if err != nil {
		t.Fatal(err)
	}
	all := whole.Items
	if len(all) < dueBulk {
		t.Fatalf("only %d rows due: too few to read the whole list in one pass", len(all))
	}
	if model.CountDue(all) != whole.Counts {
		t.Fatalf("counts %v, the rows make %v", whole.Counts, model.CountDue(all))
	}
	for i := 1; i < len(all); i++ {
		a, _ := model.DueRankFor(mustHistory(t, db, all[i-1].ClientID), model.DefaultScheduleSettings(), today)
		b, _ := model.DueRankFor(mustHistory(t, db, all[i].ClientID), model.DefaultScheduleSettings(), today)
		if a.Key() > b.Key() {
			t.Fatalf("rows %d and %d out of order: %+v before %+v", i-1, i, a, b)
		}
	}

	var paged []model.DueItem
	for off := 0; off < len(all); off += 100 {
		p, err := db.DueList(ctx, today, model.DueQuery{Offset: off, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if p.Counts != whole.Counts || p.Offset != off {
			t.Fatalf("page at %d: counts %v offset %d, want %v", off, p.Counts, p.Offset, whole.Counts)
		}
		paged = append(paged, p.Items...)
	}
	if !reflect.DeepEqual(paged, all) {
		t.Fatal("the pages put together are not the whole list")
	}

	risky, err := db.DueList(ctx, today, model.DueQuery{AtRiskOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var want []model.DueItem
	for _, it := range all {
		if len(it.AtRisk) > 0 {
			want = append(want, it)
		}
	}
	if len(want) == 0 || !reflect.DeepEqual(risky.Items, want) || risky.Counts != model.CountDue(want) {
		t.Errorf("at-risk filter: %d rows, want the %d of the whole list with signals", len(risky.Items), len(want))
	}

	listed := map[int64]model.DueItem{}
	for _, it := range all {
		listed[it.ClientID] = it
	}
	s := model.DefaultScheduleSettings()
	for id := int64(1); id <= 1500; id++ {
		want, ok := model.DueFor(mustHistory(t, db, id), s, today)
		got, inList := listed[id]
		if ok != inList {
			t.Fatalf("client %d: the model says due %v, the store's list %v", id, ok, inList)
		}
		if ok && !reflect.DeepEqual(got, want) {
			t.Fatalf("client %d: the store lists\n%+v\nthe model makes\n%+v", id, got, want)
		}
	}
}

// mustHistory loads a client's history as the schedule rules see it.
func mustHistory(t *testing.T, db *DB, id int64) model.History {
	t.Helper()
	h, err := db.History(context.Background(), id)
	if err != nil {
		t.Fatalf("History(%d): %v", id, err)
	}
	return h
}
