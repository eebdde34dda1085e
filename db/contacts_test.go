package db

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"clienttracker/model"
)

// today is the calendar day of the test clock.
var today = model.Day(fixedNow)

// mustLogContact logs a call with client id at the given time.
func mustLogContact(t *testing.T, db *DB, clientID int64, at time.Time) *model.Interaction {
	t.Helper()
	i := &model.Interaction{ClientID: clientID, At: at, Channel: model.ContactCall, Summary: "asked how the shoes fit"}
	if err := db.LogContact(context.Background(), i, nil); err != nil {
		t.Fatalf("LogContact(client %d): %v", clientID, err)
	}
	return i
}

// mustCreatePromise stores p and returns it with its ID set.
func mustCreatePromise(t *testing.T, db *DB, p *model.Promise) *model.Promise {
	t.Helper()
	if err := db.CreatePromise(context.Background(), p); err != nil {
		t.Fatalf("CreatePromise(%q): %v", p.What, err)
	}
	return p
}

// mustCreateComplaint stores c and returns it with its ID set.
func mustCreateComplaint(t *testing.T, db *DB, c *model.Complaint) *model.Complaint {
	t.Helper()
	if err := db.CreateComplaint(context.Background(), c); err != nil {
		t.Fatalf("CreateComplaint(%q): %v", c.What, err)
	}
	return c
}

// mustListInteractions lists a client's contacts.
func mustListInteractions(t *testing.T, db *DB, clientID int64) []model.Interaction {
	t.Helper()
	is, err := db.ListInteractions(context.Background(), clientID)
	if err != nil {
		t.Fatalf("ListInteractions(%d): %v", clientID, err)
	}
	return is
}

// mustListPromises lists a client's promises.
func mustListPromises(t *testing.T, db *DB, clientID int64) []model.Promise {
	t.Helper()
	ps, err := db.ListPromises(context.Background(), clientID)
	if err != nil {
		t.Fatalf("ListPromises(%d): %v", clientID, err)
	}
	return ps
}

// wantErr fails unless err is target.
func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error %v, want %v", err, target)
	}
}

func TestLogContact(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		yerevan := time.FixedZone("AMT", 4*3600)
		i := &model.Interaction{ClientID: c.ID, At: time.Date(2026, 11, 23, 12, 15, 30, 123456789, yerevan),
			Channel: model.ContactMessage, Summary: "  sent the new catalogue ", Feedback: model.FeedbackPositive, FeedbackText: "Mulțumesc! 🙏"}
		if err := db.LogContact(ctx, i, nil); err != nil {
			t.Fatal(err)
		}
		if i.ID == 0 {
			t.Fatal("ID not set")
		}
		want := model.Interaction{ID: i.ID, ClientID: c.ID, At: time.Date(2026, 11, 23, 8, 15, 30, 123000000, time.UTC),
			Channel: model.ContactMessage, Summary: "sent the new catalogue", Feedback: model.FeedbackPositive, FeedbackText: "Mulțumesc! 🙏"}
		if !reflect.DeepEqual(*i, want) {
			t.Errorf("logged\n%+v\nwant\n%+v", *i, want)
		}
		if got := mustListInteractions(t, db, c.ID); !reflect.DeepEqual(got, []model.Interaction{want}) {
			t.Errorf("ListInteractions =\n%+v\nwant\n%+v", got, want)
		}
	})

	t.Run("ZeroAtIsNow", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		i := mustLogContact(t, db, c.ID, time.Time{})
		if !i.At.Equal(fixedNow) {
			t.Errorf("At = %v, want %v", i.At, fixedNow)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		err := db.LogContact(ctx, &model.Interaction{ClientID: 42, At: fixedNow, Channel: model.ContactCall}, nil)
		wantErr(t, err, model.ErrNotFound)
	})

	t.Run("ErrPromiseOfAnotherClient", func(t *testing.T) {
		db := mustOpen(t)
		ana := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		ion := mustCreateClient(t, db, &model.Client{Name: "Ion"})
		p := mustCreatePromise(t, db, &model.Promise{ClientID: ion.ID, What: "call", MadeOn: today, DueBy: today})
		err := db.LogContact(ctx, &model.Interaction{ClientID: ana.ID, At: fixedNow, Channel: model.ContactCall, PromiseID: p.ID}, nil)
		wantErr(t, err, model.ErrNotFound)
		if n := rowCount(t, db, "interactions", "1"); n != 0 {
			t.Errorf("%d contacts stored", n)
		}
	})

	t.Run("ErrInvalidSavesNothing", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		for name, i := range map[string]model.Interaction{
			model.FieldChannel:  {ClientID: c.ID, At: fixedNow, Channel: "pigeon"},
			model.FieldAt:       {ClientID: c.ID, At: fixedNow.Add(time.Hour), Channel: model.ContactCall},
			model.FieldFeedback: {ClientID: c.ID, At: fixedNow, Channel: model.ContactCall, FeedbackText: "meh"},
		} {
			t.Run(name, func(t *testing.T) {
				wantValidation(t, db.LogContact(ctx, &i, nil), name)
			})
		}
		if n := rowCount(t, db, "interactions", "1"); n != 0 {
			t.Errorf("%d contacts stored", n)
		}
		if got := mustGetClient(t, db, c.ID); got == nil {
			t.Fatal("client gone")
		}
	})
}

func TestListInteractions(t *testing.T) {
	t.Run("NewestFirst", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		other := mustCreateClient(t, db, &model.Client{Name: "Ion"})
		mid := mustLogContact(t, db, c.ID, fixedNow.Add(-48*time.Hour))
		newest := mustLogContact(t, db, c.ID, fixedNow.Add(-time.Hour))
		oldest := mustLogContact(t, db, c.ID, fixedNow.Add(-300*24*time.Hour))
		mustLogContact(t, db, other.ID, fixedNow)
		var ids []int64
		for _, i := range mustListInteractions(t, db, c.ID) {
			ids = append(ids, i.ID)
		}
		if want := []int64{newest.ID, mid.ID, oldest.ID}; !reflect.DeepEqual(ids, want) {
			t.Errorf("ids %v, want %v", ids, want)
		}
	})

	t.Run("NoneIsEmpty", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		if got := mustListInteractions(t, db, c.ID); got == nil || len(got) != 0 {
			t.Errorf("ListInteractions = %#v, want empty", got)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		_, err := db.ListInteractions(context.Background(), 42)
		wantErr(t, err, model.ErrNotFound)
	})
}

func TestDeleteInteraction(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(0, 0, -100)})
		before := mustSchedule(t, db, c.ID)
		older := mustLogContact(t, db, c.ID, fixedNow.Add(-20*24*time.Hour))
		newer := mustLogContact(t, db, c.ID, fixedNow.Add(-time.Hour))
		if err := db.DeleteInteraction(ctx, newer.ID); err != nil {
			t.Fatal(err)
		}
		if got := mustListInteractions(t, db, c.ID); len(got) != 1 || got[0].ID != older.ID {
			t.Errorf("left %+v, want only the older contact", got)
		}
		// The clock runs from the remaining contact again (a prospect:
		// 60 days).
		if got, want := mustSchedule(t, db, c.ID), (schedule{model.StageProspect, "2027-01-02"}); got != want {
			t.Errorf("schedule %+v, want %+v", got, want)
		}
		if err := db.DeleteInteraction(ctx, older.ID); err != nil {
			t.Fatal(err)
		}
		if got := mustSchedule(t, db, c.ID); got != before {
			t.Errorf("schedule after deleting every contact %+v, want %+v as before any", got, before)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		wantErr(t, db.DeleteInteraction(ctx, 42), model.ErrNotFound)
	})
}

func TestCreatePromise(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "  call when the boots arrive ",
			MadeOn: fixedNow, DueBy: today.AddDate(0, 0, 5)})
		want := model.Promise{ID: p.ID, ClientID: c.ID, What: "call when the boots arrive", MadeOn: today,
			DueBy: today.AddDate(0, 0, 5), Status: model.PromiseOpen}
		if p.ID == 0 || !reflect.DeepEqual(*p, want) {
			t.Errorf("created %+v, want %+v", *p, want)
		}
		if got := mustListPromises(t, db, c.ID); !reflect.DeepEqual(got, []model.Promise{want}) {
			t.Errorf("ListPromises = %+v", got)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		err := db.CreatePromise(ctx, &model.Promise{ClientID: 42, What: "call", MadeOn: today, DueBy: today})
		wantErr(t, err, model.ErrNotFound)
	})

	t.Run("ErrInvalidSavesNothing", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		wantValidation(t, db.CreatePromise(ctx, &model.Promise{ClientID: c.ID, MadeOn: today, DueBy: today}), model.FieldWhat)
		wantValidation(t, db.CreatePromise(ctx, &model.Promise{ClientID: c.ID, What: "x", MadeOn: today, DueBy: today.AddDate(0, 0, -1)}), model.FieldDueBy)
		if n := rowCount(t, db, "promises", "1"); n != 0 {
			t.Errorf("%d promises stored", n)
		}
	})
}

func TestUpdatePromise(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call", MadeOn: today, DueBy: today})
		edit := *p
		edit.ClientID = 0 // keeps the client
		edit.What = "call back"
		edit.Status = model.PromiseBroken
		if err := db.UpdatePromise(ctx, &edit); err != nil {
			t.Fatal(err)
		}
		if edit.ClientID != c.ID {
			t.Errorf("ClientID = %d, want %d", edit.ClientID, c.ID)
		}
		if got := mustListPromises(t, db, c.ID); !reflect.DeepEqual(got, []model.Promise{edit}) {
			t.Errorf("ListPromises = %+v, want %+v", got, edit)
		}
	})

	t.Run("MovesToAnotherClient", func(t *testing.T) {
		db := mustOpen(t)
		ana := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		ion := mustCreateClient(t, db, &model.Client{Name: "Ion"})
		p := mustCreatePromise(t, db, &model.Promise{ClientID: ana.ID, What: "call", MadeOn: today, DueBy: today})
		p.ClientID = ion.ID
		if err := db.UpdatePromise(ctx, p); err != nil {
			t.Fatal(err)
		}
		if a, i := len(mustListPromises(t, db, ana.ID)), len(mustListPromises(t, db, ion.ID)); a != 0 || i != 1 {
			t.Errorf("Ana has %d promises, Ion %d; want 0, 1", a, i)
		}
		// Ana is owed nothing any more: only her first check-in, spread over
		// the weeks after she was added (id 1: on the second day); Ion is
		// owed a call today.
		if s := mustSchedule(t, db, ana.ID); s.next != "2026-11-25" {
			t.Errorf("Ana next due %q, want her first check-in on 2026-11-25", s.next)
		}
		if s := mustSchedule(t, db, ion.ID); s.next != model.FormatDate(today) {
			t.Errorf("Ion next due %q, want today", s.next)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		wantErr(t, db.UpdatePromise(ctx, &model.Promise{ID: 42, What: "call", MadeOn: today, DueBy: today}), model.ErrNotFound)
		p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call", MadeOn: today, DueBy: today})
		p.ClientID = 42
		wantErr(t, db.UpdatePromise(ctx, p), model.ErrNotFound)
	})

	t.Run("ErrInvalidLeavesPromise", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call", MadeOn: today, DueBy: today})
		edit := *p
		edit.Status = model.PromiseKept // without a day
		wantValidation(t, db.UpdatePromise(ctx, &edit), model.FieldKeptOn)
		if got := mustListPromises(t, db, c.ID); !reflect.DeepEqual(got, []model.Promise{*p}) {
			t.Errorf("stored %+v, want %+v", got, *p)
		}
	})
}

func TestListPromises(t *testing.T) {
	t.Run("OpenFirstThenByDueDay", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		mk := func(what string, due int, status model.PromiseStatus) {
			p := &model.Promise{ClientID: c.ID, What: what, MadeOn: today.AddDate(0, 0, -30), DueBy: today.AddDate(0, 0, due), Status: status}
			if status == model.PromiseKept {
				p.KeptOn = p.DueBy
			}
			mustCreatePromise(t, db, p)
		}
		mk("kept early", -20, model.PromiseKept)
		mk("open later", 9, model.PromiseOpen)
		mk("broken", -25, model.PromiseBroken)
		mk("open sooner", 2, model.PromiseOpen)
		var got []string
		for _, p := range mustListPromises(t, db, c.ID) {
			got = append(got, p.What)
		}
		if want := []string{"open sooner", "open later", "broken", "kept early"}; !reflect.DeepEqual(got, want) {
			t.Errorf("order %q, want %q", got, want)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		_, err := db.ListPromises(context.Background(), 42)
		wantErr(t, err, model.ErrNotFound)
	})
}

func TestKeepPromise(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(0, 0, -10)})
		p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call when the boots arrive",
			MadeOn: today.AddDate(0, 0, -3), DueBy: today})
		if it, ok := findDue(mustDueList(t, db, today), c.ID); !ok || it.Reasons[0].Kind != model.ReasonPromise {
			t.Fatalf("before: due item %+v (%v), want a promise", it, ok)
		}
		contact := &model.Interaction{At: fixedNow.Add(-time.Hour), Channel: model.ContactCall, Summary: "the boots are here"}
		if err := db.KeepPromise(ctx, p.ID, contact); err != nil {
			t.Fatal(err)
		}
		if contact.ID == 0 || contact.ClientID != c.ID || contact.PromiseID != p.ID {
			t.Errorf("contact %+v, want an ID, client %d and promise %d", contact, c.ID, p.ID)
		}
		want := *p
		want.Status, want.KeptOn = model.PromiseKept, today
		if got := mustListPromises(t, db, c.ID); !reflect.DeepEqual(got, []model.Promise{want}) {
			t.Errorf("promises %+v, want %+v", got, want)
		}
		if got := mustListInteractions(t, db, c.ID); len(got) != 1 || !reflect.DeepEqual(got[0], *contact) {
			t.Errorf("contacts %+v, want %+v", got, *contact)
		}
		if it, ok := findDue(mustDueList(t, db, today), c.ID); ok {
			t.Errorf("still due after keeping the promise: %+v", it)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		err := db.KeepPromise(ctx, 42, &model.Interaction{At: fixedNow, Channel: model.ContactCall})
		wantErr(t, err, model.ErrNotFound)
	})

	t.Run("ErrConflictWhenNotOpen", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		for _, status := range []model.PromiseStatus{model.PromiseKept, model.PromiseBroken, model.PromiseCancelled} {
			t.Run(string(status), func(t *testing.T) {
				p := &model.Promise{ClientID: c.ID, What: "call", MadeOn: today, DueBy: today, Status: status}
				if status == model.PromiseKept {
					p.KeptOn = today
				}
				mustCreatePromise(t, db, p)
				err := db.KeepPromise(ctx, p.ID, &model.Interaction{At: fixedNow, Channel: model.ContactCall})
				wantErr(t, err, model.ErrConflict)
			})
		}
		if n := rowCount(t, db, "interactions", "1"); n != 0 {
			t.Errorf("%d contacts logged", n)
		}
	})

	t.Run("ErrKeptBeforeMade", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call", MadeOn: today, DueBy: today})
		err := db.KeepPromise(ctx, p.ID, &model.Interaction{At: fixedNow.Add(-48 * time.Hour), Channel: model.ContactCall})
		wantValidation(t, err, model.FieldKeptOn)
		if got := mustListPromises(t, db, c.ID); got[0].Status != model.PromiseOpen {
			t.Errorf("promise %+v, want still open", got[0])
		}
	})

	t.Run("ErrInvalidContactSavesNothing", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call", MadeOn: today, DueBy: today})
		wantValidation(t, db.KeepPromise(ctx, p.ID, &model.Interaction{At: fixedNow, Channel: "pigeon"}), model.FieldChannel)
		if got := mustListPromises(t, db, c.ID); got[0].Status != model.PromiseOpen {
			t.Errorf("promise %+v, want still open", got[0])
		}
		if n := rowCount(t, db, "interactions", "1"); n != 0 {
			t.Errorf("%d contacts logged", n)
		}
	})
}

func TestComplaints(t *testing.T) {
	ctx := context.Background()

	t.Run("CreateListUpdate", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		old := mustCreateComplaint(t, db, &model.Complaint{ClientID: c.ID, OpenedOn: today.AddDate(0, 0, -40),
			What: "wrong size", Options: []string{"exchange", "refund"}, Apologised: true,
			Status: model.ComplaintResolved, Resolution: "exchanged", ResolvedOn: today.AddDate(0, 0, -38)})
		open := mustCreateComplaint(t, db, &model.Complaint{ClientID: c.ID, OpenedOn: today.AddDate(0, 0, -50),
			What: " the zip broke ", Options: []string{" repair ", "", "replace", "refund"}})
		newer := mustCreateComplaint(t, db, &model.Complaint{ClientID: c.ID, OpenedOn: today.AddDate(0, 0, -2),
			What: "late delivery"})
		wantOpen := model.Complaint{ID: open.ID, ClientID: c.ID, OpenedOn: today.AddDate(0, 0, -50), What: "the zip broke",
			Options: []string{"repair", "replace", "refund"}, Status: model.ComplaintOpen}
		if !reflect.DeepEqual(*open, wantOpen) {
			t.Errorf("created %+v, want %+v", *open, wantOpen)
		}
		got, err := db.ListComplaints(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := []model.Complaint{*newer, wantOpen, *old}; !reflect.DeepEqual(got, want) {
			t.Errorf("ListComplaints =\n%+v\nwant (open first, newest first)\n%+v", got, want)
		}

		open.Status, open.Resolution, open.ResolvedOn = model.ComplaintResolved, "repaired", today
		open.ClientID = 0
		if err := db.UpdateComplaint(ctx, open); err != nil {
			t.Fatal(err)
		}
		if open.ClientID != c.ID {
			t.Errorf("ClientID = %d", open.ClientID)
		}
		got, _ = db.ListComplaints(ctx, c.ID)
		if want := []model.Complaint{*newer, *old, *open}; !reflect.DeepEqual(got, want) {
			t.Errorf("after resolving, ListComplaints =\n%+v\nwant\n%+v", got, want)
		}
	})

	t.Run("OpenComplaintTopsTheDueList", func(t *testing.T) {
		db := mustOpen(t)
		calm := mustCreateClient(t, db, &model.Client{Name: "Aaron", Since: today.AddDate(0, 0, -200)}) // overdue check-in
		c := mustCreateClient(t, db, &model.Client{Name: "Zoe"})
		mustLogContact(t, db, c.ID, fixedNow.Add(-time.Hour))
		cp := mustCreateComplaint(t, db, &model.Complaint{ClientID: c.ID, OpenedOn: today, What: "the zip broke"})
		items := mustDueList(t, db, today)
		if len(items) != 2 || items[0].ClientID != c.ID || items[1].ClientID != calm.ID {
			t.Fatalf("due list %+v, want Zoe (complaint) then Aaron", items)
		}
		if !slicesContains(items[0].AtRisk, model.SignalOpenComplaint) {
			t.Errorf("at risk %v, want an open complaint", items[0].AtRisk)
		}
		cp.Status, cp.Resolution, cp.ResolvedOn = model.ComplaintResolved, "replaced", today
		if err := db.UpdateComplaint(ctx, cp); err != nil {
			t.Fatal(err)
		}
		if _, ok := findDue(mustDueList(t, db, today), c.ID); ok {
			t.Error("still due once the complaint is resolved")
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		wantErr(t, db.CreateComplaint(ctx, &model.Complaint{ClientID: 42, OpenedOn: today, What: "x"}), model.ErrNotFound)
		wantErr(t, db.UpdateComplaint(ctx, &model.Complaint{ID: 42, OpenedOn: today, What: "x"}), model.ErrNotFound)
		_, err := db.ListComplaints(ctx, 42)
		wantErr(t, err, model.ErrNotFound)
	})

	t.Run("ErrInvalidSavesNothing", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		wantValidation(t, db.CreateComplaint(ctx, &model.Complaint{ClientID: c.ID, OpenedOn: today}), model.FieldWhat)
		wantValidation(t, db.CreateComplaint(ctx, &model.Complaint{ClientID: c.ID, OpenedOn: today, What: "x",
			Status: model.ComplaintResolved}), model.FieldResolution)
		if n := rowCount(t, db, "complaints", "1"); n != 0 {
			t.Errorf("%d complaints stored", n)
		}
	})
}

// Deleting a client deletes their contact log, promises and complaints.
func TestDeleteClientCascades(t *testing.T) {
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	other := mustCreateClient(t, db, &model.Client{Name: "Ion"})
	for _, id := range []int64{c.ID, other.ID} {
		p := mustCreatePromise(t, db, &model.Promise{ClientID: id, What: "call", MadeOn: today, DueBy: today})
		if err := db.KeepPromise(context.Background(), p.ID, &model.Interaction{At: fixedNow, Channel: model.ContactCall}); err != nil {
			t.Fatal(err)
		}
		mustLogContact(t, db, id, fixedNow)
		mustCreateComplaint(t, db, &model.Complaint{ClientID: id, OpenedOn: today, What: "x"})
	}
	if err := db.DeleteClient(context.Background(), c.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"interactions", "promises", "complaints"} {
		if n := rowCount(t, db, table, "client_id = ?", c.ID); n != 0 {
			t.Errorf("%d %s left", n, table)
		}
		if n := rowCount(t, db, table, "client_id = ?", other.ID); n == 0 {
			t.Errorf("the other client's %s went too", table)
		}
	}
}

// TestLogContactStoresTheScheduleAsARecompute: a contact rewrites only
// the schedule columns that changed, a statement of its own
// (writeFewSchedules); what it stores, values and SQL types, is what a
// recompute of every client (the batch statement) stores, so the due
// list sorts the client the same either way.
func TestLogContactStoresTheScheduleAsARecompute(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	var ids []int64
	// More clients than writeFewSchedules takes, for the recompute.
	for i := range scheduleFew + 2 {
		c := &model.Client{Name: fmt.Sprintf("Client %d", i), Since: fixedNow.AddDate(0, -3, 0)}
		ids = append(ids, mustCreateClient(t, db, c).ID)
	}
	schedule := func(id int64) string {
		t.Helper()
		var s string
		err := db.r.QueryRowContext(ctx, `SELECT concat_ws('|', stage, typeof(stage), auto_stage, typeof(auto_stage),
			lapsed, typeof(lapsed), ready, typeof(ready), next_due, typeof(next_due), due_key, typeof(due_key),
			due_risk, typeof(due_risk)) FROM clients WHERE id = ?`, id).Scan(&s)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	before := schedule(ids[1])
	if err := db.LogContact(ctx, &model.Interaction{ClientID: ids[1], Channel: model.ContactCall}, nil); err != nil {
		t.Fatal(err)
	}
	logged := schedule(ids[1])
	if logged == before {
		t.Fatalf("logging a contact left the schedule as it was: %s", logged)
	}
	// Clear what was stored, so that the recompute writes every client
	// again through the batch statement.
	if _, err := db.w.ExecContext(ctx, `UPDATE clients SET stage = 'newbie', auto_stage = NULL, lapsed = 0, ready = 0,
		next_due = NULL, due_key = NULL, due_risk = 0`); err != nil {
		t.Fatal(err)
	}
	if err := db.Recompute(ctx); err != nil {
		t.Fatal(err)
	}
	if got := schedule(ids[1]); got != logged {
		t.Errorf("after logging a contact the schedule was stored as\n%s\na recompute stores\n%s", logged, got)
	}
}
