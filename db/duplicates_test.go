package db

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"clienttracker/model"
)

func TestFindDuplicates(t *testing.T) {
	db := mustOpen(t)
	mustSetHomeCountry(t, db, "MD")
	ana := mustCreateClient(t, db, &model.Client{Name: "Ana Popescu", Email: "ana@example.ro"})
	ana2 := mustCreateClient(t, db, &model.Client{Name: "Ana P.", Email: "ANA@example.ro "})
	bog := mustCreateClient(t, db, &model.Client{Name: "Bogdan", Phones: []string{"+373 69 123 456"}})
	bog2 := mustCreateClient(t, db, &model.Client{Name: "Bogdan Ionescu", Phones: []string{"069-123-456"}})
	ion := mustCreateClient(t, db, &model.Client{Name: "Ion Rusu"})
	ion2 := mustCreateClient(t, db, &model.Client{Name: "Ion Rusu"})
	ion3 := mustCreateClient(t, db, &model.Client{Name: "Ion Rusu", Email: "ana@example.ro"}) // also Ana's email
	// Same name, different emails: two people.
	mustCreateClient(t, db, &model.Client{Name: "Pavel Lungu", Email: "pavel@example.md"})
	mustCreateClient(t, db, &model.Client{Name: "Pavel Lungu", Email: "p.lungu@example.md"})
	mustCreateClient(t, db, &model.Client{Name: "Elena", Phones: []string{"0721 555 001"}})    // the same last
	mustCreateClient(t, db, &model.Client{Name: "Elena V.", Phones: []string{"0721 555 002"}}) // seven digits only
	// Two countries' numbers with the same last eight digits: two people.
	mustCreateClient(t, db, &model.Client{Name: "Ioana", Phones: []string{"+40 721 123 456"}})
	mustCreateClient(t, db, &model.Client{Name: "Inès", Phones: []string{"+33 6 21 12 34 56"}})
	mustCreateClient(t, db, &model.Client{Name: "Արամ", Phones: []string{"+374 95 430752"}})
	mustCreateClient(t, db, &model.Client{Name: "ნიკა", Phones: []string{"+995 595 430 752"}})

	pairs, err := db.FindDuplicates(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	type p struct {
		a, b int64
		why  model.MatchRule
	}
	var got []p
	for _, d := range pairs {
		got = append(got, p{d.A.ID, d.B.ID, d.Reason})
	}
	want := []p{
		{ana.ID, ana2.ID, model.MatchEmail}, {ana.ID, ion3.ID, model.MatchEmail},
		{bog.ID, bog2.ID, model.MatchPhone},
		{ion.ID, ion2.ID, model.MatchName}, {ion.ID, ion3.ID, model.MatchName},
	}
	if !slices.Equal(got, want) {
		t.Errorf("pairs %v, want %v", got, want)
	}
	if pairs[0].A.Name != "Ana Popescu" || pairs[0].B.Name != "Ana P." {
		t.Errorf("a pair carries both clients: %+v", pairs[0])
	}
	if two, _ := db.FindDuplicates(context.Background(), 2); len(two) != 2 {
		t.Errorf("limit 2 gave %d pairs", len(two))
	}
}

func TestMergeClients(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	referrer := mustCreateClient(t, db, &model.Client{Name: "Maria"})
	keep := mustCreateClient(t, db, &model.Client{Name: "Ana Popescu", Email: "ana@example.ro",
		Phones: []string{"0721 000 111"}, Tags: []string{"rochii"}, Notes: "size 38"})
	other := mustCreateClient(t, db, &model.Client{Name: "Ana P.", City: "Iași", ReferredBy: referrer.ID,
		Phones: []string{"+40 721 000 111", "0744 222 333"}, Tags: []string{"Rochii", "pantofi"}, Notes: "likes blue",
		Marks: model.Marks{BuysOnlyHere: true}})
	friend := mustCreateClient(t, db, &model.Client{Name: "Friend", ReferredBy: other.ID})
	day := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	mustCreatePurchase(t, db, &model.Purchase{ClientID: keep.ID, Date: day, Item: "Coat", Amount: 30000})
	mustCreatePurchase(t, db, &model.Purchase{ClientID: other.ID, Date: day.AddDate(0, 0, 10), Item: "Shoes", Amount: 12000, Unpaid: 2000})
	mustCreatePreference(t, db, &model.Preference{ClientID: other.ID, Value: "linen shirts"})
	mustLogContact(t, db, other.ID, day.AddDate(0, 0, 12))
	mustCreatePromise(t, db, &model.Promise{ClientID: other.ID, What: "call when the boots arrive", MadeOn: day, DueBy: day.AddDate(0, 1, 0)})
	mustCreateComplaint(t, db, &model.Complaint{ClientID: other.ID, OpenedOn: day, What: "zip broke"})

	if err := db.MergeClients(ctx, keep.ID, other.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GetClient(ctx, other.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the merged client is still there: %v", err)
	}
	got := mustGetClient(t, db, keep.ID)
	if got.Name != "Ana Popescu" || got.City != "Iași" || got.Email != "ana@example.ro" || got.ReferredBy != referrer.ID {
		t.Errorf("survivor %+v: keeps its fields, fills the empty ones", got)
	}
	if !slices.Equal(got.Phones, []string{"0721 000 111", "0744 222 333"}) || !slices.Equal(got.Tags, []string{"rochii", "pantofi"}) {
		t.Errorf("phones %q, tags %q", got.Phones, got.Tags)
	}
	if got.Notes != "size 38\nlikes blue" || !got.Marks.BuysOnlyHere {
		t.Errorf("notes %q, marks %+v", got.Notes, got.Marks)
	}
	if got.Summary.Count != 2 || got.Summary.Total != 42000 || got.Summary.Owed != 2000 {
		t.Errorf("purchase summary %+v, want both purchases", got.Summary)
	}
	for table, want := range map[string]int{"preferences": 1, "purchases": 2, "interactions": 1, "promises": 1, "complaints": 1} {
		if n := rowCount(t, db, table, "client_id = ?", keep.ID); n != want {
			t.Errorf("%s of the survivor: %d, want %d", table, n, want)
		}
		if n := rowCount(t, db, table, "client_id = ?", other.ID); n != 0 {
			t.Errorf("%s left on the merged client: %d", table, n)
		}
	}
	if f := mustGetClient(t, db, friend.ID); f.ReferredBy != keep.ID {
		t.Errorf("the friend's referrer is %d, want the survivor %d", f.ReferredBy, keep.ID)
	}
	h, err := db.History(ctx, keep.ID)
	if err != nil || h.LastContact.IsZero() {
		t.Errorf("the survivor's history has no contact: %+v, %v", h.LastContact, err)
	}
	if err := db.MergeClients(ctx, keep.ID, keep.ID); err == nil {
		t.Error("merging a client into itself was accepted")
	}
	if err := db.MergeClients(ctx, keep.ID, 9999); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("merging a missing client: %v, want ErrNotFound", err)
	}
}
