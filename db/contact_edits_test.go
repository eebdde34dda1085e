package db

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// countRows counts the rows of table for a client.
func countRows(t *testing.T, db *DB, table string, clientID int64) int {
	t.Helper()
	var n int
	if err := db.w.QueryRow("SELECT count(*) FROM "+table+" WHERE client_id = ?", clientID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLogContactWithPromise(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		i := &model.Interaction{ClientID: c.ID, At: fixedNow.Add(-26 * time.Hour), Channel: model.ContactCall}
		p := &model.Promise{What: " call when the boots arrive "}
		if err := db.LogContact(ctx, i, p); err != nil {
			t.Fatal(err)
		}
		if i.ID == 0 || p.ID == 0 {
			t.Fatalf("ids not set: contact %d, promise %d", i.ID, p.ID)
		}
		ps := mustListPromises(t, db, c.ID)
		if len(ps) != 1 {
			t.Fatalf("promises %+v", ps)
		}
		// Made on the day of the contact (yesterday), due a week later.
		made := today.AddDate(0, 0, -1)
		want := model.Promise{ID: p.ID, ClientID: c.ID, What: "call when the boots arrive", MadeOn: made,
			DueBy: made.AddDate(0, 0, model.PromiseDueDays), Status: model.PromiseOpen}
		if ps[0] != want {
			t.Errorf("stored %+v, want %+v", ps[0], want)
		}
		if got := mustListInteractions(t, db, c.ID); len(got) != 1 || got[0].ID != i.ID {
			t.Errorf("contacts %+v", got)
		}
	})

	t.Run("ErrInvalidPromiseSavesNothing", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		i := &model.Interaction{ClientID: c.ID, At: fixedNow, Channel: model.ContactCall}
		p := &model.Promise{What: "call back", DueBy: today.AddDate(0, 0, -3)}
		wantValidation(t, db.LogContact(ctx, i, p), model.FieldDueBy)
		if n := countRows(t, db, "interactions", c.ID); n != 0 {
			t.Errorf("%d contacts stored though the promise was refused", n)
		}
		if n := countRows(t, db, "promises", c.ID); n != 0 {
			t.Errorf("%d promises stored", n)
		}
	})

	t.Run("ErrNoClient", func(t *testing.T) {
		db := mustOpen(t)
		i := &model.Interaction{ClientID: 42, At: fixedNow, Channel: model.ContactCall}
		wantErr(t, db.LogContact(ctx, i, &model.Promise{What: "call back"}), model.ErrNotFound)
	})
}

func TestUndoLogContact(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(0, 0, -100)})
		before := mustSchedule(t, db, c.ID)
		i := &model.Interaction{ClientID: c.ID, At: fixedNow, Channel: model.ContactCall}
		p := &model.Promise{What: "call when the boots arrive"}
		if err := db.LogContact(ctx, i, p); err != nil {
			t.Fatal(err)
		}
		if mustSchedule(t, db, c.ID) == before {
			t.Fatal("the contact did not move the schedule on")
		}
		if err := db.UndoLogContact(ctx, i.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		if n := countRows(t, db, "interactions", c.ID) + countRows(t, db, "promises", c.ID); n != 0 {
			t.Errorf("%d rows left after undo", n)
		}
		if got := mustSchedule(t, db, c.ID); got != before {
			t.Errorf("schedule after undo %+v, want %+v", got, before)
		}
	})

	t.Run("ErrOtherClientsPromiseChangesNothing", func(t *testing.T) {
		db := mustOpen(t)
		ana := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		bob := mustCreateClient(t, db, &model.Client{Name: "Bob"})
		i := mustLogContact(t, db, ana.ID, fixedNow)
		p := mustCreatePromise(t, db, &model.Promise{ClientID: bob.ID, What: "call", MadeOn: today, DueBy: today})
		wantErr(t, db.UndoLogContact(ctx, i.ID, p.ID), model.ErrNotFound)
		if countRows(t, db, "interactions", ana.ID) != 1 || countRows(t, db, "promises", bob.ID) != 1 {
			t.Error("a failed undo deleted something")
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		wantErr(t, mustOpen(t).UndoLogContact(ctx, 42, 0), model.ErrNotFound)
	})
}

func TestUndoKeepPromise(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call", MadeOn: today.AddDate(0, 0, -3), DueBy: today})
	contact := model.KeptPromiseContact(*p, fixedNow, model.ChannelEmail)
	if err := db.KeepPromise(ctx, p.ID, &contact); err != nil {
		t.Fatal(err)
	}
	if got := mustListInteractions(t, db, c.ID); len(got) != 1 || got[0].PromiseID != p.ID || got[0].Summary != "" ||
		got[0].Channel != model.ContactEmail {
		t.Fatalf("kept-promise contact stored as %+v", got)
	}
	if err := db.UndoKeepPromise(ctx, contact.ID); err != nil {
		t.Fatal(err)
	}
	if ps := mustListPromises(t, db, c.ID); len(ps) != 1 || ps[0].Status != model.PromiseOpen || !ps[0].KeptOn.IsZero() {
		t.Errorf("promise after undo %+v, want open", ps)
	}
	if n := countRows(t, db, "interactions", c.ID); n != 0 {
		t.Errorf("%d contacts left", n)
	}

	t.Run("ErrNotAKeptPromise", func(t *testing.T) {
		i := mustLogContact(t, db, c.ID, fixedNow)
		wantErr(t, db.UndoKeepPromise(ctx, i.ID), model.ErrConflict)
		if n := countRows(t, db, "interactions", c.ID); n != 1 {
			t.Errorf("a refused undo left %d contacts, want 1", n)
		}
	})
}

func TestUpdateInteraction(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		mustNoSpread(t, db)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(0, 0, -400)})
		i := mustLogContact(t, db, c.ID, fixedNow)
		logged := mustSchedule(t, db, c.ID)
		edit := model.Interaction{ID: i.ID, At: fixedNow.AddDate(0, 0, -30), Channel: model.ContactVisit,
			Summary: " brought the catalogue ", Feedback: model.FeedbackNegative, FeedbackText: "too dear"}
		if err := db.UpdateInteraction(ctx, &edit); err != nil {
			t.Fatal(err)
		}
		got := mustListInteractions(t, db, c.ID)
		want := model.Interaction{ID: i.ID, ClientID: c.ID, At: fixedNow.AddDate(0, 0, -30), Channel: model.ContactVisit,
			Summary: "brought the catalogue", Feedback: model.FeedbackNegative, FeedbackText: "too dear"}
		if len(got) != 1 || got[0] != want {
			t.Fatalf("stored %+v, want %+v", got, want)
		}
		// The check-in clock now runs from a month ago.
		if s := mustSchedule(t, db, c.ID); s.next >= logged.next {
			t.Errorf("next check-in %s, want earlier than %s once the contact is a month old", s.next, logged.next)
		}
	})

	t.Run("ErrFuture", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		i := mustLogContact(t, db, c.ID, fixedNow)
		edit := *i
		edit.At = fixedNow.Add(2 * time.Hour)
		wantValidation(t, db.UpdateInteraction(ctx, &edit), model.FieldAt)
		if got := mustListInteractions(t, db, c.ID); !got[0].At.Equal(i.At) {
			t.Errorf("a refused edit changed the time to %v", got[0].At)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		i := model.Interaction{ID: 42, At: fixedNow, Channel: model.ContactCall}
		wantErr(t, db.UpdateInteraction(ctx, &i), model.ErrNotFound)
	})
}

func TestDeleteRestorePromise(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call", MadeOn: today.AddDate(0, 0, -3), DueBy: today})
	kept := model.KeptPromiseContact(*p, fixedNow, model.ChannelPhone)
	if err := db.KeepPromise(ctx, p.ID, &kept); err != nil {
		t.Fatal(err)
	}
	was := mustListPromises(t, db, c.ID)[0]
	d, err := db.DeletePromise(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Promise != was || len(d.KeptBy) != 1 || d.KeptBy[0] != kept.ID {
		t.Errorf("deleted %+v, want %+v kept by %d", d, was, kept.ID)
	}
	if ps := mustListPromises(t, db, c.ID); len(ps) != 0 {
		t.Fatalf("promises after delete %+v", ps)
	}
	if got := mustListInteractions(t, db, c.ID); len(got) != 1 || got[0].PromiseID != 0 {
		t.Fatalf("the contact that kept it: %+v, want kept, unlinked", got)
	}
	if err := db.RestorePromise(ctx, d); err != nil {
		t.Fatal(err)
	}
	if ps := mustListPromises(t, db, c.ID); len(ps) != 1 || ps[0] != was {
		t.Errorf("restored %+v, want %+v", ps, was)
	}
	if got := mustListInteractions(t, db, c.ID); got[0].PromiseID != p.ID {
		t.Errorf("contact linked to %d after restore, want %d", got[0].PromiseID, p.ID)
	}
	wantErr(t, db.RestorePromise(ctx, d), model.ErrConflict)
	_, err = db.DeletePromise(ctx, 4242)
	wantErr(t, err, model.ErrNotFound)
}

func TestDeleteRestoreComplaint(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(0, 0, -10)})
	mustLogContact(t, db, c.ID, fixedNow)
	calm := mustSchedule(t, db, c.ID)
	k := mustCreateComplaint(t, db, &model.Complaint{ClientID: c.ID, What: "the heel broke", OpenedOn: today,
		Options: []string{"a refund", "a repair"}, Apologised: true})
	if !hasReason(mustDueList(t, db, today), c.ID, model.ReasonComplaint) {
		t.Fatal("an open complaint is not on today's list")
	}
	got, err := db.DeleteComplaint(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != k.ID || got.What != k.What || len(got.Options) != 2 || !got.Apologised {
		t.Errorf("deleted %+v, want %+v", got, k)
	}
	if s := mustSchedule(t, db, c.ID); s != calm {
		t.Errorf("schedule after delete %+v, want %+v", s, calm)
	}
	if err := db.RestoreComplaint(ctx, got); err != nil {
		t.Fatal(err)
	}
	cs, err := db.ListComplaints(ctx, c.ID)
	if err != nil || len(cs) != 1 || cs[0].ID != k.ID || cs[0].Status != model.ComplaintOpen {
		t.Fatalf("restored %+v, %v", cs, err)
	}
	if !hasReason(mustDueList(t, db, today), c.ID, model.ReasonComplaint) {
		t.Error("the restored complaint is not on today's list")
	}
	_, err = db.DeleteComplaint(ctx, 4242)
	wantErr(t, err, model.ErrNotFound)
}

func TestUndoPin(t *testing.T) {
	ctx := context.Background()

	t.Run("MoveAndUndoLeaveNoTrace", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(-1, 0, 0)})
		mustPurchase(t, db, c.ID, -60, 1000)
		from := rung(t, db, c.ID)
		movesBefore := len(mustMoves(t, db, c.ID))
		if err := db.PinStage(ctx, c.ID, model.Pin{Stage: model.StageVIP, Reason: "sends us customers"}); err != nil {
			t.Fatal(err)
		}
		if rung(t, db, c.ID) != model.StageVIP || len(mustMoves(t, db, c.ID)) != movesBefore+1 {
			t.Fatal("the pin did not move her")
		}
		if err := db.UndoPin(ctx, c.ID, model.Pin{}); err != nil {
			t.Fatal(err)
		}
		got := mustGetClient(t, db, c.ID)
		if got.Stage != from || !got.Pin.IsZero() {
			t.Errorf("after undo on %s pinned %+v, want %s by the rules", got.Stage, got.Pin, from)
		}
		if ms := mustMoves(t, db, c.ID); len(ms) != movesBefore {
			t.Errorf("moves after undo %+v, want the %d from before", ms, movesBefore)
		}
	})

	t.Run("BackToAnEarlierPin", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		first := model.Pin{Stage: model.StageLoyal, Reason: "old friend"}
		if err := db.PinStage(ctx, c.ID, first); err != nil {
			t.Fatal(err)
		}
		if err := db.PinStage(ctx, c.ID, model.Pin{Stage: model.StageBlacklist}); err != nil {
			t.Fatal(err)
		}
		if err := db.UndoPin(ctx, c.ID, first); err != nil {
			t.Fatal(err)
		}
		got := mustGetClient(t, db, c.ID)
		if got.Stage != model.StageLoyal || got.Pin != first {
			t.Errorf("after undo on %s pinned %+v, want %+v", got.Stage, got.Pin, first)
		}
		ms := mustMoves(t, db, c.ID)
		if len(ms) != 1 || ms[0].To != model.StageLoyal || !ms[0].ByHand {
			t.Errorf("moves %+v, want only the first pin", ms)
		}
	})

	t.Run("UndoOfAReasonKeepsTheMoves", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		vip := model.Pin{Stage: model.StageVIP}
		for _, p := range []model.Pin{vip, {}, vip, {Stage: model.StageVIP, Reason: "PR"}} {
			if err := db.PinStage(ctx, c.ID, p); err != nil {
				t.Fatal(err)
			}
		}
		before := mustMoves(t, db, c.ID)
		if err := db.UndoPin(ctx, c.ID, vip); err != nil {
			t.Fatal(err)
		}
		if got := mustMoves(t, db, c.ID); len(got) != len(before) {
			t.Errorf("undoing a new reason dropped moves: %+v, had %+v", got, before)
		}
		if got := mustGetClient(t, db, c.ID).Pin; got != vip {
			t.Errorf("pin %+v, want %+v", got, vip)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		wantErr(t, mustOpen(t).UndoPin(ctx, 42, model.Pin{}), model.ErrNotFound)
	})
}

func TestSnoozeAfterToday(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	for _, d := range []time.Time{today, today.AddDate(0, 0, -1)} {
		wantValidation(t, db.Snooze(ctx, c.ID, d), model.FieldSnooze)
	}
	if got := mustGetClient(t, db, c.ID).Plan.SnoozedUntil; !got.IsZero() {
		t.Errorf("a refused snooze stored %v", got)
	}
	for _, d := range []time.Time{today.AddDate(0, 0, 1), {}} {
		if err := db.Snooze(ctx, c.ID, d); err != nil {
			t.Errorf("Snooze(%v): %v", d, err)
		}
	}
}

// A book from before contacts named the promise they kept loses the words
// "Kept the promise: …" stored in any of the five languages (and the
// sample book's English), and keeps a summary the owner wrote.
func TestMigrateKeptPromiseContacts(t *testing.T) {
	at := -1
	for i, m := range migrations {
		if strings.HasSuffix(m.name, "_kept_promise_contacts.sql") {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no kept_promise_contacts migration")
	}
	path := filepath.Join(t.TempDir(), "old.db")
	stmts := []string{}
	for _, m := range migrations[:at] {
		stmts = append(stmts, m.sql)
	}
	stmts = append(stmts, fmt.Sprintf("PRAGMA user_version = %d", at),
		`INSERT INTO clients (id, name, since, sort_key, created_at, updated_at) VALUES
			(1, 'Ana', '2026-01-15', x'01', '2026-01-15T10:00:00.000Z', '2026-01-15T10:00:00.000Z')`,
		`INSERT INTO promises (id, client_id, what, made_on, due_by, status, kept_on) VALUES
			(1, 1, 'call about the boots', '2026-11-01', '2026-11-08', 'kept', '2026-11-05')`,
		`INSERT INTO interactions (id, client_id, at, channel, summary, promise_id) VALUES
			(1, 1, '2026-11-05T10:00:00.000Z', 'call', 'Kept the promise: call about the boots', 1),
			(2, 1, '2026-11-05T10:00:00.000Z', 'call', 'Խոստումը կատարված է՝ call about the boots', 1),
			(3, 1, '2026-11-05T10:00:00.000Z', 'call', 'Обещание выполнено: call about the boots', 1),
			(4, 1, '2026-11-05T10:00:00.000Z', 'call', 'kept the promise: call about the boots', 1),
			(5, 1, '2026-11-05T10:00:00.000Z', 'call', 'she was delighted', 1),
			(6, 1, '2026-11-05T10:00:00.000Z', 'call', 'Kept the promise: call about the boots', NULL)`)
	rawExec(t, path, "_foreign_keys=on", stmts...)
	db := mustOpenPath(t, path)
	want := map[int64]string{1: "", 2: "", 3: "", 4: "", 5: "she was delighted", 6: "Kept the promise: call about the boots"}
	for _, i := range mustListInteractions(t, db, 1) {
		if i.Summary != want[i.ID] {
			t.Errorf("contact %d: summary %q, want %q", i.ID, i.Summary, want[i.ID])
		}
	}
}
