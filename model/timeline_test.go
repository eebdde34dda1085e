package model

import (
	"testing"
	"time"
)

func TestTimelineNewestFirst(t *testing.T) {
	d := func(day, hour int) time.Time { return time.Date(2026, 11, day, hour, 0, 0, 0, time.UTC) }
	contacts := []Interaction{{ID: 1, At: d(20, 15)}, {ID: 2, At: d(22, 9)}}
	purchases := []Purchase{{ID: 3, Date: d(20, 0)}, {ID: 4, Date: d(23, 0)}}
	promises := []Promise{{ID: 5, MadeOn: d(21, 0)}}
	complaints := []Complaint{{ID: 6, OpenedOn: d(19, 0)}}
	moves := []StageChange{{ID: 7, From: StageBuyer, To: StageLoyal, At: d(20, 16)}}
	got := Timeline(contacts, purchases, promises, complaints, moves)
	want := []struct {
		kind TimelineKind
		id   int64
	}{{TimelinePurchase, 4}, {TimelineContact, 2}, {TimelinePromise, 5}, {TimelineStage, 7}, {TimelineContact, 1}, {TimelinePurchase, 3}, {TimelineComplaint, 6}}
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d", len(got), len(want))
	}
	for i, w := range want {
		var id int64
		switch e := got[i]; e.Kind {
		case TimelineContact:
			id = e.Contact.ID
		case TimelinePurchase:
			id = e.Purchase.ID
		case TimelinePromise:
			id = e.Promise.ID
		case TimelineComplaint:
			id = e.Complaint.ID
		case TimelineStage:
			id = e.Stage.ID
		}
		if got[i].Kind != w.kind || id != w.id {
			t.Errorf("entry %d = %s %d, want %s %d", i, got[i].Kind, id, w.kind, w.id)
		}
	}
	if len(Timeline(nil, nil, nil, nil, nil)) != 0 {
		t.Error("an empty history should give an empty timeline")
	}
}

func TestValidationErrorMergeAddErr(t *testing.T) {
	ve := &ValidationError{}
	if ve.Err() != nil {
		t.Fatal("an empty ValidationError must be no error")
	}
	ve.Add(FieldDate, "This is not a date; pick it from the calendar.")
	ve.Merge(nil)
	ve.Merge((&Preference{Attitude: Likes, Category: PrefBrand}).Validate())
	ve.Merge(ErrConflict)
	if len(ve.Fields) != 3 || ve.Fields[0].Field != FieldDate || ve.Fields[1].Field != FieldValue || ve.Fields[2].Message != "conflict" {
		t.Errorf("fields %+v", ve.Fields)
	}
	if err := ve.Err(); err == nil {
		t.Error("a ValidationError with fields must be an error")
	}
}
