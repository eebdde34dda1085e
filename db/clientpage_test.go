package db

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"clienttracker/model"
)

// The client page in one read holds what the separate reads return, and
// says when the client is gone.
func TestClientPageIsOneReadOfEverything(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	today := model.Day(fixedNow)
	c := mustCreateClient(t, db, &model.Client{Name: "Նարե Սարգսյան", Phones: []string{"+374 95 430752"}})
	mustCreateClient(t, db, &model.Client{Name: "Ion Rusu"}) // another client's rows stay out
	mustCreatePreference(t, db, &model.Preference{ClientID: c.ID, Category: model.PrefColour, Value: "navy", Attitude: model.Likes})
	mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: today.AddDate(0, 0, -40), Item: "winter boots", Amount: 45000})
	if err := db.LogContact(ctx, &model.Interaction{ClientID: c.ID, At: fixedNow.AddDate(0, 0, -2), Channel: model.ContactCall, Summary: "sizes"}, nil); err != nil {
		t.Fatal(err)
	}
	mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call when size 38 arrives", MadeOn: today.AddDate(0, 0, -2), DueBy: today.AddDate(0, 0, 5)})
	mustCreateComplaint(t, db, &model.Complaint{ClientID: c.ID, OpenedOn: today.AddDate(0, 0, -1), What: "heel came off"})
	if err := db.PinStage(ctx, c.ID, model.Pin{Stage: model.StageVIP, Reason: "family"}); err != nil {
		t.Fatal(err)
	}

	p, err := db.ClientPage(ctx, c.ID, today)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := db.GetClient(ctx, c.ID)
	prefs, _ := db.ListPreferences(ctx, c.ID)
	purchases, _ := db.ListPurchases(ctx, c.ID)
	contacts, _ := db.ListInteractions(ctx, c.ID)
	promises, _ := db.ListPromises(ctx, c.ID)
	complaints, _ := db.ListComplaints(ctx, c.ID)
	moves, _ := db.ListStageChanges(ctx, c.ID)
	kept, due, _ := db.PromiseScore(ctx, c.ID, today)
	hist, _ := db.History(ctx, c.ID)
	sched, _ := db.ScheduleSettings(ctx)
	ladder, _ := db.LadderSettings(ctx)
	for _, tc := range []struct {
		what      string
		got, want any
	}{
		{"client", p.Client, got},
		{"preferences", p.Preferences, prefs},
		{"purchases", p.Purchases, purchases},
		{"contacts", p.Contacts, contacts},
		{"promises", p.Promises, promises},
		{"complaints", p.Complaints, complaints},
		{"moves", p.Moves, moves},
		{"score", [2]int{p.PromisesKept, p.PromisesDue}, [2]int{kept, due}},
		{"history", p.History, hist},
		{"schedule", p.Schedule, sched},
		{"ladder", p.Ladder, ladder},
	} {
		if !reflect.DeepEqual(tc.got, tc.want) {
			t.Errorf("%s: page has %+v, the single read %+v", tc.what, tc.got, tc.want)
		}
	}
	if len(p.Preferences) != 1 || len(p.Purchases) != 1 || len(p.Contacts) != 1 || len(p.Promises) != 1 ||
		len(p.Complaints) != 1 || len(p.Moves) == 0 {
		t.Errorf("the page misses rows: %+v", p)
	}

	if err := db.DeleteClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ClientPage(ctx, c.ID, today); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the page of a deleted client: %v, want ErrNotFound", err)
	}
}
