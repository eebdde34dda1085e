package db

import (
	"context"
	"errors"
	"reflect"
	"testing"

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
