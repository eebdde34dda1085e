package db

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// schedule is what the store keeps of a client's schedule.
type schedule struct {
	stage model.Stage
	next  string // next_due; "" for never
}

// mustSchedule reads a client's stored stage and next due day.
func mustSchedule(t *testing.T, db *DB, id int64) schedule {
	t.Helper()
	var s schedule
	if err := db.w.QueryRow("SELECT stage, coalesce(next_due, '') FROM clients WHERE id = ?", id).Scan(&s.stage, &s.next); err != nil {
		t.Fatalf("schedule of %d: %v", id, err)
	}
	return s
}

// allSchedules reads every client's stored schedule.
func allSchedules(t *testing.T, db *DB) map[int64]schedule {
	t.Helper()
	rows, err := db.w.Query("SELECT id, stage, coalesce(next_due, '') FROM clients")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int64]schedule{}
	for rows.Next() {
		var id int64
		var s schedule
		if err := rows.Scan(&id, &s.stage, &s.next); err != nil {
			t.Fatal(err)
		}
		out[id] = s
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// mustDueList builds the whole due list for day, and checks that its
// counts are those of its rows.
func mustDueList(t *testing.T, db *DB, day time.Time) []model.DueItem {
	t.Helper()
	page, err := db.DueList(context.Background(), day, model.DueQuery{})
	if err != nil {
		t.Fatalf("DueList(%s): %v", model.FormatDate(day), err)
	}
	if got := model.CountDue(page.Items); got != page.Counts {
		t.Fatalf("DueList(%s): counts %v, the rows make %v", model.FormatDate(day), page.Counts, got)
	}
	return page.Items
}

// findDue returns the due list's row of a client.
func findDue(items []model.DueItem, clientID int64) (model.DueItem, bool) {
	for _, it := range items {
		if it.ClientID == clientID {
			return it, true
		}
	}
	return model.DueItem{}, false
}

func slicesContains[T comparable](s []T, v T) bool { return slices.Contains(s, v) }

// reasonKinds lists the kinds of reasons of a due row.
func reasonKinds(it model.DueItem) []model.ReasonKind {
	var ks []model.ReasonKind
	for _, r := range it.Reasons {
		ks = append(ks, r.Kind)
	}
	return ks
}

// recomputedOn reads the day of the last full recompute.
func recomputedOn(t *testing.T, db *DB) string {
	t.Helper()
	var day string
	if err := db.w.QueryRow("SELECT coalesce((SELECT value FROM settings WHERE key = ?), '')", keyScheduleRecompute).Scan(&day); err != nil {
		t.Fatal(err)
	}
	return day
}

// mustPurchase records a purchase of amount on day (days from today).
func mustPurchase(t *testing.T, db *DB, clientID int64, day int, amount model.Money) *model.Purchase {
	t.Helper()
	return mustCreatePurchase(t, db, &model.Purchase{ClientID: clientID, Date: today.AddDate(0, 0, day), Item: "boots", Amount: amount})
}

func TestDueList(t *testing.T) {
	ctx := context.Background()

	t.Run("LogContactMovesTheClientOn", func(t *testing.T) {
		db := mustOpen(t)
		mustNoSpread(t, db)
		// A newbie since 100 days: the 90-day check-in was due 10 days ago.
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Phones: []string{"0722 111 222", "0213 000 000"},
			Channel: model.ChannelPhone, Since: today.AddDate(0, 0, -100)})
		mustCreatePreference(t, db, &model.Preference{ClientID: c.ID, Category: model.PrefProduct, Value: "linen shirts"})
		if got, want := mustSchedule(t, db, c.ID), (schedule{model.StageNewbie, "2026-11-13"}); got != want {
			t.Fatalf("schedule %+v, want %+v", got, want)
		}
		items := mustDueList(t, db, today)
		it, ok := findDue(items, c.ID)
		if !ok || len(items) != 1 {
			t.Fatalf("due list %+v, want Ana", items)
		}
		if it.Name != "Ana" || it.Phone != "0722 111 222" || it.Channel != model.ChannelPhone ||
			it.Section != model.SectionToday || !it.Due.Equal(today.AddDate(0, 0, -10)) || it.DaysOverdue != 10 ||
			!reflect.DeepEqual(reasonKinds(it), []model.ReasonKind{model.ReasonCheckIn}) {
			t.Errorf("row %+v", it)
		}
		if it.Suggestion.Data["Preference"] != "linen shirts" {
			t.Errorf("suggestion %+v, want one about linen shirts", it.Suggestion)
		}

		mustLogContact(t, db, c.ID, fixedNow.Add(-time.Minute))
		// Now a prospect: 60 days from today, past the 30-day horizon.
		if got, want := mustSchedule(t, db, c.ID), (schedule{model.StageProspect, "2027-01-22"}); got != want {
			t.Errorf("schedule after the contact %+v, want %+v", got, want)
		}
		if items := mustDueList(t, db, today); len(items) != 0 {
			t.Errorf("due list after the contact %+v, want empty", items)
		}
		// It comes back in its time.
		if _, ok := findDue(mustDueList(t, db, today.AddDate(0, 0, 31)), c.ID); !ok {
			t.Error("not due within the horizon 31 days later")
		}
	})

	t.Run("EmptyDatabase", func(t *testing.T) {
		db := mustOpen(t)
		if items := mustDueList(t, db, today); items == nil || len(items) != 0 {
			t.Errorf("DueList = %#v, want empty", items)
		}
	})

	t.Run("Snooze", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(0, 0, -100)})
		p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call", MadeOn: today.AddDate(0, 0, -9), DueBy: today.AddDate(0, 0, 40)})
		until := today.AddDate(0, 0, 35)
		if err := db.Snooze(ctx, c.ID, until.Add(15*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got := mustGetClient(t, db, c.ID).Plan.SnoozedUntil; !got.Equal(until) {
			t.Errorf("SnoozedUntil = %v, want %v", got, until)
		}
		if got, want := mustSchedule(t, db, c.ID), (schedule{model.StageNewbie, "2026-12-28"}); got != want {
			t.Errorf("snoozed schedule %+v, want %+v", got, want)
		}
		if _, ok := findDue(mustDueList(t, db, today), c.ID); ok {
			t.Error("due today while snoozed")
		}
		// The promise is not snoozed: it is due on its day.
		if got := mustSchedule(t, db, c.ID); got.next > model.FormatDate(p.DueBy) {
			t.Errorf("next due %s after the promise's %s", got.next, model.FormatDate(p.DueBy))
		}
		if err := db.Snooze(ctx, c.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if got := mustGetClient(t, db, c.ID).Plan.SnoozedUntil; !got.IsZero() {
			t.Errorf("SnoozedUntil after unsnoozing = %v", got)
		}
		if _, ok := findDue(mustDueList(t, db, today), c.ID); !ok {
			t.Error("not due again after unsnoozing")
		}
		wantErr(t, db.Snooze(ctx, 42, until), model.ErrNotFound)
	})

	t.Run("MarkLost", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(0, 0, -100),
			Birthday: model.Birthday{Day: today.Day(), Month: today.Month()}})
		mustPurchase(t, db, c.ID, -2, 1000) // and a follow-up in a day
		p := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call when the boots arrive", MadeOn: today, DueBy: today.AddDate(0, 0, 3)})
		before, _ := findDue(mustDueList(t, db, today), c.ID)
		if got := reasonKinds(before); !slicesContains(got, model.ReasonBirthday) || !slicesContains(got, model.ReasonCheckIn) ||
			!slicesContains(got, model.ReasonFollowUp) || !slicesContains(got, model.ReasonPromise) {
			t.Fatalf("reasons before %v, want birthday, check-in, follow-up and promise", got)
		}

		lost := model.Lost{Reason: model.LostCompetitor, On: today.AddDate(0, 0, -1)}
		if err := db.MarkLost(ctx, c.ID, lost); err != nil {
			t.Fatal(err)
		}
		if got := mustGetClient(t, db, c.ID).Lost; !reflect.DeepEqual(got, lost) {
			t.Errorf("Lost = %+v, want %+v", got, lost)
		}
		// Only what the owner still owes them is left.
		it, _ := findDue(mustDueList(t, db, today), c.ID)
		if got := reasonKinds(it); !reflect.DeepEqual(got, []model.ReasonKind{model.ReasonPromise}) {
			t.Errorf("reasons of a lost client %v, want the promise only", got)
		}
		if got := mustSchedule(t, db, c.ID).next; got != model.FormatDate(p.DueBy) {
			t.Errorf("next due %s, want the promise's day", got)
		}
		counts, err := db.LostCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[model.LostReason]int{model.LostCompetitor: 1}; !reflect.DeepEqual(counts, want) {
			t.Errorf("LostCounts = %v, want %v", counts, want)
		}

		if err := db.MarkLost(ctx, c.ID, model.Lost{}); err != nil {
			t.Fatal(err)
		}
		if got := mustGetClient(t, db, c.ID).Lost; got.IsLost() {
			t.Errorf("still lost: %+v", got)
		}
		after, _ := findDue(mustDueList(t, db, today), c.ID)
		if !reflect.DeepEqual(reasonKinds(after), reasonKinds(before)) {
			t.Errorf("reasons after undo %v, want %v", reasonKinds(after), reasonKinds(before))
		}
		if counts, _ := db.LostCounts(ctx); len(counts) != 0 {
			t.Errorf("LostCounts after undo = %v", counts)
		}
	})

	t.Run("MarkLostErrors", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		wantErr(t, db.MarkLost(ctx, 42, model.Lost{Reason: model.LostQuality, On: today}), model.ErrNotFound)
		wantValidation(t, db.MarkLost(ctx, c.ID, model.Lost{Reason: model.LostOther, On: today}), model.FieldLostText)
		wantValidation(t, db.MarkLost(ctx, c.ID, model.Lost{Text: "moved", On: today}), model.FieldLostReason)
		if got := mustGetClient(t, db, c.ID).Lost; got.IsLost() {
			t.Errorf("marked lost by an invalid mark: %+v", got)
		}
	})

	// A due list asked for a later day first recomputes every client as of
	// that day, and keeps the result when it is the store's today; asked
	// for an earlier day, it recomputes in a transaction it rolls back.
	t.Run("StaleDayRecomputes", func(t *testing.T) {
		db := mustOpen(t)
		loyal := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(-1, 0, 0)})
		for _, d := range []int{-60, -30, -1} {
			mustPurchase(t, db, loyal.ID, d, 1000)
		}
		mustLogContact(t, db, loyal.ID, fixedNow)
		debtor := mustCreateClient(t, db, &model.Client{Name: "Ion"})
		mustCreatePurchase(t, db, &model.Purchase{ClientID: debtor.ID, Date: today.AddDate(0, 0, -40), Item: "coat",
			Amount: 5000, Unpaid: 5000, DueDate: today.AddDate(0, 0, -10)})
		before := mustDueList(t, db, today)
		if got := recomputedOn(t, db); got != model.FormatDate(today) {
			t.Fatalf("recomputed on %q, want today", got)
		}
		if s1, s2 := mustSchedule(t, db, loyal.ID), mustSchedule(t, db, debtor.ID); s1.stage != model.StageLoyal || s2.stage != model.StageBuyer {
			t.Fatalf("stages %s, %s; want loyal, buyer", s1.stage, s2.stage)
		}

		// Two months later, without a write: Ana has lapsed (no purchase for
		// more than twice her usual gap of 29.5 days) and Ion's debt is 71
		// days overdue.
		later := fixedNow.AddDate(0, 0, 61)
		db.clock = func() time.Time { return later }
		mustDueList(t, db, model.Day(later))
		if got := recomputedOn(t, db); got != model.FormatDate(later) {
			t.Errorf("recomputed on %q, want %s", got, model.FormatDate(later))
		}
		if s1, s2 := mustSchedule(t, db, loyal.ID), mustSchedule(t, db, debtor.ID); s1.stage != model.StageBuyer || s2.stage != model.StageBlacklist {
			t.Errorf("stages %s, %s; want buyer (lapsed), blacklist", s1.stage, s2.stage)
		}

		// Looking back shows the list as it was, and does not store the
		// past.
		if items := mustDueList(t, db, today); !reflect.DeepEqual(items, before) {
			t.Errorf("looking back at %s:\n%+v\nwant as it was then:\n%+v", model.FormatDate(today), items, before)
		}
		if got := recomputedOn(t, db); got != model.FormatDate(later) {
			t.Errorf("recomputed on %q after a look back, want %s", got, model.FormatDate(later))
		}
		if s := mustSchedule(t, db, debtor.ID); s.stage != model.StageBlacklist {
			t.Errorf("stage after a look back %s, want blacklist still", s.stage)
		}
	})
}

func TestStage(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	want := func(name string, stage model.Stage) {
		t.Helper()
		t.Run(name, func(t *testing.T) {
			t.Helper()
			if got := mustSchedule(t, db, c.ID).stage; got != stage {
				t.Errorf("stage %s, want %s", got, stage)
			}
		})
	}
	want("NoPurchaseNoContact", model.StageNewbie)
	contact := mustLogContact(t, db, c.ID, fixedNow.Add(-48*time.Hour))
	want("Contacted", model.StageProspect)
	p1 := mustPurchase(t, db, c.ID, -70, 1000)
	want("OnePurchase", model.StageBuyer)
	mustPurchase(t, db, c.ID, -30, 1000)
	want("TwoPurchases", model.StageBuyer)
	p3 := mustPurchase(t, db, c.ID, -1, 1000)
	want("ThreeAtTheirRhythm", model.StageLoyal)

	ref := mustCreateClient(t, db, &model.Client{Name: "Ion", ReferredBy: c.ID})
	want("ReferredSomeone", model.StageAdvocate)
	ref.ReferredBy = 0
	if err := db.UpdateClient(ctx, ref); err != nil {
		t.Fatal(err)
	}
	want("ReferralRemoved", model.StageLoyal)
	ref.ReferredBy = c.ID
	if err := db.UpdateClient(ctx, ref); err != nil {
		t.Fatal(err)
	}
	want("ReferralAdded", model.StageAdvocate)
	if err := db.DeleteClient(ctx, ref.ID); err != nil {
		t.Fatal(err)
	}
	want("ReferredClientDeleted", model.StageLoyal)

	p3.Amount = 250000 // over the VIP threshold this year
	if err := db.UpdatePurchase(ctx, p3); err != nil {
		t.Fatal(err)
	}
	want("BigSpender", model.StageVIP)
	if err := db.DeletePurchase(ctx, p3.ID); err != nil {
		t.Fatal(err)
	}
	want("PurchaseDeleted", model.StageBuyer)
	p1.Unpaid, p1.DueDate = 1000, today.AddDate(0, 0, -61)
	if err := db.UpdatePurchase(ctx, p1); err != nil {
		t.Fatal(err)
	}
	want("DebtOverdue", model.StageBlacklist)
	// No more check-ins, but the debt itself is a reason to call from
	// its due day: "stop credit, recover what is owed".
	if got, want := mustSchedule(t, db, c.ID).next, model.FormatDate(today.AddDate(0, 0, -61)); got != want {
		t.Errorf("a black-listed client who owes is due on %q, want the debt's day %s", got, want)
	}

	// Moving a purchase to another client changes both.
	other := mustCreateClient(t, db, &model.Client{Name: "Maria"})
	p1.ClientID = other.ID
	if err := db.UpdatePurchase(ctx, p1); err != nil {
		t.Fatal(err)
	}
	want("DebtMovedAway", model.StageBuyer)
	if got := mustSchedule(t, db, other.ID).stage; got != model.StageBlacklist {
		t.Errorf("the other client's stage %s, want blacklist", got)
	}
	if err := db.DeleteInteraction(ctx, contact.ID); err != nil {
		t.Fatal(err)
	}
	want("ContactDeleted", model.StageBuyer)
}

// The stage and next due day kept by the writes equal what a full
// recompute finds, whatever the writes were.
func TestRecomputeEqualsIncremental(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	if _, err := db.InsertRecords(ctx, model.SampleRecords(300, 11, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	cs := mustListAll(t, db)
	r := rand.New(rand.NewPCG(3, 5))
	client := func() int64 { return cs[r.IntN(len(cs))].ID }
	var contacts []int64
	var promises []*model.Promise
	var complaints []*model.Complaint
	var purchases []*model.Purchase
	deleted := map[int64]bool{}
	for step := range 1500 {
		id := client()
		if deleted[id] {
			continue
		}
		day := -r.IntN(400)
		var err error
		switch op := r.IntN(14); op {
		case 0, 1, 2:
			i := &model.Interaction{ClientID: id, At: fixedNow.Add(-time.Duration(r.IntN(400*24)) * time.Hour), Channel: model.ContactVisit,
				Feedback: []model.Feedback{"", model.FeedbackNegative, model.FeedbackPositive}[r.IntN(3)]}
			if err = db.LogContact(ctx, i, nil); err == nil {
				contacts = append(contacts, i.ID)
			}
		case 3:
			if len(contacts) > 0 {
				err = db.DeleteInteraction(ctx, contacts[r.IntN(len(contacts))])
			}
		case 4:
			p := &model.Promise{ClientID: id, What: "call", MadeOn: today.AddDate(0, 0, day), DueBy: today.AddDate(0, 0, day+r.IntN(60))}
			if err = db.CreatePromise(ctx, p); err == nil {
				promises = append(promises, p)
			}
		case 5:
			if len(promises) > 0 {
				p := promises[r.IntN(len(promises))]
				if r.IntN(2) == 0 {
					err = db.KeepPromise(ctx, p.ID, &model.Interaction{At: fixedNow, Channel: model.ContactCall})
				} else {
					p.Status = model.PromiseBroken
					err = db.UpdatePromise(ctx, p)
				}
			}
		case 6:
			c := &model.Complaint{ClientID: id, OpenedOn: today.AddDate(0, 0, day), What: "broken zip"}
			if err = db.CreateComplaint(ctx, c); err == nil {
				complaints = append(complaints, c)
			}
		case 7:
			if len(complaints) > 0 {
				c := complaints[r.IntN(len(complaints))]
				c.Status, c.Resolution, c.ResolvedOn = model.ComplaintResolved, "fixed", today
				err = db.UpdateComplaint(ctx, c)
			}
		case 8:
			l := model.Lost{}
			if r.IntN(2) == 0 {
				l = model.Lost{Reason: model.LostNoContact, On: today}
			}
			err = db.MarkLost(ctx, id, l)
		case 9:
			var until time.Time
			if r.IntN(3) > 0 {
				until = today.AddDate(0, 0, 1+r.IntN(40))
			}
			err = db.Snooze(ctx, id, until)
		case 10:
			p := &model.Purchase{ClientID: id, Date: today.AddDate(0, 0, day), Item: "hat", Amount: model.Money(r.IntN(300000))}
			if r.IntN(3) == 0 {
				p.Unpaid, p.DueDate = p.Amount/2, p.Date.AddDate(0, 0, 30)
			}
			if err = db.CreatePurchase(ctx, p); err == nil {
				purchases = append(purchases, p)
			}
		case 11:
			if len(purchases) > 0 {
				p := purchases[r.IntN(len(purchases))]
				if r.IntN(2) == 0 {
					err = db.DeletePurchase(ctx, p.ID)
				} else {
					p.ClientID = client()
					err = db.UpdatePurchase(ctx, p)
				}
			}
		case 12:
			c := mustGetClient(t, db, id)
			c.ReferredBy = client()
			c.Plan.CheckInDays = r.IntN(3) * 20
			c.Plan.QuietMonths = []time.Month{time.Month(1 + r.IntN(12))}
			c.Plan.DoNotContact = r.IntN(10) == 0
			if c.ReferredBy == c.ID || deleted[c.ReferredBy] {
				c.ReferredBy = 0
			}
			err = db.UpdateClient(ctx, c)
		case 13:
			if r.IntN(10) == 0 {
				if err = db.DeleteClient(ctx, id); err == nil {
					deleted[id] = true
				}
			} else {
				err = db.CreateClient(ctx, &model.Client{Name: fmt.Sprintf("New %d", step), ReferredBy: id})
			}
		}
		if err != nil && !errors.Is(err, model.ErrNotFound) && !errors.Is(err, model.ErrConflict) {
			if _, ok := model.AsValidation(err); !ok {
				t.Fatalf("step %d: %v", step, err)
			}
		}
	}
	incremental := allSchedules(t, db)
	if err := db.Recompute(ctx); err != nil {
		t.Fatal(err)
	}
	full := allSchedules(t, db)
	if len(full) < 300 {
		t.Fatalf("%d clients", len(full))
	}
	differ := 0
	for id, s := range full {
		if incremental[id] != s {
			differ++
			if differ <= 5 {
				t.Errorf("client %d: incremental %+v, full recompute %+v", id, incremental[id], s)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d clients differ", differ, len(full))
	}
	stages := map[model.Stage]int{}
	for _, s := range full {
		stages[s.stage]++
	}
	if len(stages) < 5 {
		t.Errorf("stages %v: the sample should reach most rungs", stages)
	}
}

func TestScheduleSettings(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	got, err := db.ScheduleSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := model.DefaultScheduleSettings(); !reflect.DeepEqual(got, want) {
		t.Errorf("defaults %+v, want %+v", got, want)
	}
	c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(0, 0, -100)})
	s := model.DefaultScheduleSettings()
	s.Intervals[model.StageNewbie] = 120
	delete(s.Intervals, model.StageVIP) // keeps its default
	s.OverdueFactor, s.FollowUpDays, s.HorizonDays = 2.25, 5, 14
	s.FollowUpWindowDays, s.OccasionWindowDays, s.FirstCheckInDays, s.DailyCapacity = 10, 7, 0, 25
	if err := db.SaveScheduleSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err = db.ScheduleSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Intervals[model.StageVIP] = model.DefaultScheduleSettings().Intervals[model.StageVIP]
	if !reflect.DeepEqual(got, s) {
		t.Errorf("saved %+v, read %+v", s, got)
	}
	// Every client follows the new interval at once.
	if got, want := mustSchedule(t, db, c.ID), (schedule{model.StageNewbie, "2026-12-13"}); got != want {
		t.Errorf("schedule %+v, want %+v", got, want)
	}
	if items := mustDueList(t, db, today); len(items) != 0 {
		t.Errorf("due list %+v, want empty (due in 20 days, horizon 14)", items)
	}
}

func TestHistory(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana", Phones: []string{"0722 111 222"}, Since: today.AddDate(-2, 0, 0)})
	ref := mustCreateClient(t, db, &model.Client{Name: "Ion", ReferredBy: c.ID})
	mustPurchase(t, db, c.ID, -90, 1000)
	last := mustPurchase(t, db, c.ID, -3, 2500)
	mustCreatePreference(t, db, &model.Preference{ClientID: c.ID, Category: model.PrefBrand, Value: "Zara"})
	first := mustLogContact(t, db, c.ID, fixedNow.Add(-72*time.Hour))
	if err := db.DeleteInteraction(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "call", MadeOn: today.AddDate(0, 0, -20), DueBy: today.AddDate(0, 0, -10),
		Status: model.PromiseBroken})
	open := mustCreatePromise(t, db, &model.Promise{ClientID: c.ID, What: "send photos", MadeOn: today, DueBy: today.AddDate(0, 0, 2)})
	cp := mustCreateComplaint(t, db, &model.Complaint{ClientID: c.ID, OpenedOn: today, What: "scratch"})
	i := &model.Interaction{ClientID: c.ID, At: fixedNow.Add(-24 * time.Hour), Channel: model.ContactCall, Feedback: model.FeedbackNegative, FeedbackText: "too slow"}
	if err := db.LogContact(ctx, i, nil); err != nil {
		t.Fatal(err)
	}
	mustLogContact(t, db, c.ID, fixedNow.Add(-time.Hour)) // no feedback: the last one that had any counts

	h, err := db.History(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantClient := mustGetClient(t, db, c.ID)
	switch {
	case !reflect.DeepEqual(h.Client, *wantClient):
		t.Errorf("Client = %+v, want %+v", h.Client, *wantClient)
	case h.Stage != model.StageBuyer: // two purchases; her referral counts once she buys steadily
		t.Errorf("Stage = %s", h.Stage)
	case !h.LastContact.Equal(fixedNow.Add(-time.Hour)):
		t.Errorf("LastContact = %v", h.LastContact)
	case h.LastFeedback != model.FeedbackNegative:
		t.Errorf("LastFeedback = %q", h.LastFeedback)
	case !reflect.DeepEqual(h.LastPurchase, *last):
		t.Errorf("LastPurchase = %+v, want %+v", h.LastPurchase, *last)
	case !reflect.DeepEqual(h.PurchaseDates, []time.Time{today.AddDate(0, 0, -90), today.AddDate(0, 0, -3)}):
		t.Errorf("PurchaseDates = %v", h.PurchaseDates)
	case !reflect.DeepEqual(h.OpenPromises, []model.Promise{*open}):
		t.Errorf("OpenPromises = %+v", h.OpenPromises)
	case h.BrokenPromises != 1:
		t.Errorf("BrokenPromises = %d", h.BrokenPromises)
	case !reflect.DeepEqual(h.OpenComplaints, []model.Complaint{*cp}):
		t.Errorf("OpenComplaints = %+v", h.OpenComplaints)
	case len(h.Preferences) != 1 || h.Preferences[0].Value != "Zara":
		t.Errorf("Preferences = %+v", h.Preferences)
	}
	if got := model.AtRisk(h, model.DefaultScheduleSettings(), today); !reflect.DeepEqual(got,
		[]model.Signal{model.SignalBrokenPromise, model.SignalOpenComplaint, model.SignalNegativeFeedback}) {
		t.Errorf("AtRisk = %v", got)
	}
	_ = ref

	_, err = db.History(ctx, 42)
	wantErr(t, err, model.ErrNotFound)
}

func TestPromiseScore(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	ana := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	ion := mustCreateClient(t, db, &model.Client{Name: "Ion"})
	mk := func(id int64, due int, status model.PromiseStatus, kept int) {
		p := &model.Promise{ClientID: id, What: "call", MadeOn: today.AddDate(0, 0, min(due, kept)-200), DueBy: today.AddDate(0, 0, due), Status: status}
		if status == model.PromiseKept {
			p.KeptOn = today.AddDate(0, 0, kept)
		}
		mustCreatePromise(t, db, p)
	}
	mk(ana.ID, -10, model.PromiseKept, -11)  // on time
	mk(ana.ID, -20, model.PromiseKept, -15)  // late
	mk(ana.ID, -5, model.PromiseBroken, 0)   // due, broken
	mk(ana.ID, -100, model.PromiseKept, -99) // before the window
	mk(ana.ID, 5, model.PromiseOpen, 0)      // not due yet
	mk(ana.ID, -95, model.PromiseKept, -80)  // due before the window, kept (late) in it
	mk(ana.ID, 10, model.PromiseBroken, 0)   // broken ahead of its day
	mk(ion.ID, -1, model.PromiseKept, -1)    // on time
	mk(ion.ID, -3, model.PromiseOpen, 0)     // overdue
	for _, tc := range []struct {
		name            string
		id              int64
		kept, due       int
		wantErrNotFound bool
	}{
		{"Client", ana.ID, 1, 5, false},
		{"OtherClient", ion.ID, 1, 2, false},
		{"Shop", 0, 2, 7, false},
		{"ErrNotFound", 42, 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kept, due, err := db.PromiseScore(ctx, tc.id, today)
			if tc.wantErrNotFound {
				wantErr(t, err, model.ErrNotFound)
				return
			}
			if err != nil || kept != tc.kept || due != tc.due {
				t.Errorf("PromiseScore = %d/%d, %v; want %d/%d", kept, due, err, tc.kept, tc.due)
			}
		})
	}
}

// Lost and Plan are stored with the client and read back by every read.
func TestClientLostAndPlan(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c := &model.Client{Name: "Ana",
		Lost: model.Lost{Reason: model.LostOther, Text: " closed the shop ", On: fixedNow.Add(-48 * time.Hour)},
		Plan: model.ContactPlan{CheckInDays: 21, DoNotContact: true, QuietMonths: []time.Month{8, 7, 8},
			QuietRanges:  []model.DateRange{{From: today.AddDate(0, 1, 0), To: today.AddDate(0, 1, 10)}, {From: today, To: today.AddDate(0, 0, 3)}},
			SnoozedUntil: today.AddDate(0, 0, 4)}}
	mustCreateClient(t, db, c)
	want := model.ContactPlan{CheckInDays: 21, DoNotContact: true, QuietMonths: []time.Month{7, 8},
		QuietRanges:  []model.DateRange{{From: today, To: today.AddDate(0, 0, 3)}, {From: today.AddDate(0, 1, 0), To: today.AddDate(0, 1, 10)}},
		SnoozedUntil: today.AddDate(0, 0, 4)}
	wantLost := model.Lost{Reason: model.LostOther, Text: "closed the shop", On: today.AddDate(0, 0, -2)}
	check := func(name string, got *model.Client) {
		t.Helper()
		if !reflect.DeepEqual(got.Plan, want) || !reflect.DeepEqual(got.Lost, wantLost) {
			t.Errorf("%s: Plan %+v, Lost %+v;\nwant %+v, %+v", name, got.Plan, got.Lost, want, wantLost)
		}
	}
	check("Create", c)
	check("GetClient", mustGetClient(t, db, c.ID))
	cs, _ := mustList(t, db, model.ClientFilter{})
	check("ListClients", cs[0])
	h, err := db.History(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	check("History", &h.Client)

	// UpdateClient saves the plan the form edits, but the lost mark and the
	// snooze belong to MarkLost and Snooze: a form holding an older copy
	// (here: cleared) must not undo them.
	edit := mustGetClient(t, db, c.ID)
	edit.Plan = model.ContactPlan{QuietMonths: []time.Month{12}}
	edit.Lost = model.Lost{}
	if err := db.UpdateClient(ctx, edit); err != nil {
		t.Fatal(err)
	}
	want = model.ContactPlan{QuietMonths: []time.Month{12}, SnoozedUntil: today.AddDate(0, 0, 4)}
	check("Update", mustGetClient(t, db, c.ID))
	check("UpdateResult", edit)

	t.Run("ErrInvalidPlan", func(t *testing.T) {
		bad := mustGetClient(t, db, c.ID)
		bad.Plan.QuietMonths = []time.Month{13}
		bad.Lost = model.Lost{Reason: model.LostQuality}
		ve := wantValidation(t, db.UpdateClient(ctx, bad), model.FieldQuietMonths)
		if _, ok := ve.For(model.FieldLostOn); !ok {
			t.Errorf("validation %v has nothing on the lost day", ve)
		}
		check("AfterInvalid", mustGetClient(t, db, c.ID))
	})

	t.Run("InsertRecords", func(t *testing.T) {
		rec := model.ClientRecord{Client: model.Client{Name: "Maria", Plan: model.ContactPlan{CheckInDays: 7}}}
		if _, err := db.InsertRecords(ctx, slices.Values([]model.ClientRecord{rec}), nil); err != nil {
			t.Fatal(err)
		}
		if got := mustFind(t, db, "Maria"); got.Plan.CheckInDays != 7 {
			t.Errorf("plan %+v", got.Plan)
		}
	})
}

// The aggregates the triggers keep on clients (purchase dates, contact
// count, last contact and feedback) equal a recount after any writes.
func TestClientAggregates(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	if _, err := db.InsertRecords(ctx, model.SampleRecords(200, 5, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	cs := mustListAll(t, db)
	var ids []int64
	for k := range 300 {
		c := cs[k*7%len(cs)]
		i := &model.Interaction{ClientID: c.ID, At: fixedNow.Add(-time.Duration(k*37%500) * time.Hour), Channel: model.ContactEmail,
			Feedback: []model.Feedback{"", "", model.FeedbackNeutral, model.FeedbackNegative}[k%4]}
		if err := db.LogContact(ctx, i, nil); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, i.ID)
		if k%3 == 0 {
			if err := db.DeleteInteraction(ctx, ids[k/2]); err != nil && !errors.Is(err, model.ErrNotFound) {
				t.Fatal(err)
			}
		}
		if k%5 == 0 {
			mustPurchase(t, db, c.ID, -k%200, 100)
		}
	}
	for name, q := range map[string]string{
		"purchase dates": `SELECT count(*) FROM clients c
			WHERE purchase_dates IS NOT (SELECT group_concat(date) FROM (SELECT date FROM purchases WHERE client_id = c.id ORDER BY date))`,
		"contacts": `SELECT count(*) FROM clients c
			WHERE (contact_count, last_contact) IS NOT (SELECT count(*), max(at) FROM interactions WHERE client_id = c.id)`,
		"feedback": `SELECT count(*) FROM clients c WHERE last_feedback IS NOT coalesce((SELECT feedback FROM interactions
			WHERE client_id = c.id AND feedback <> '' ORDER BY at DESC, id DESC LIMIT 1), '')`,
		"no contacts": "SELECT 100 > (SELECT count(*) FROM clients WHERE contact_count > 0)",
	} {
		var bad int
		if err := db.w.QueryRow(q).Scan(&bad); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if bad != 0 {
			t.Errorf("%s: %d clients differ from a recount", name, bad)
		}
	}
}

// A database written by the first version (migration 0001 only), as an
// existing user has it, keeps its data when Open migrates it, and every
// client gets their stage and next due day in the same step.
func TestMigrateFromVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	rawExec(t, path, "_foreign_keys=on", migrations[0].sql, "PRAGMA user_version = 1",
		`INSERT INTO clients (id, name, since, sort_key, created_at, updated_at) VALUES
			(1, 'Ana', '2024-03-01', x'01', '2024-03-01T10:00:00.000Z', '2024-03-01T10:00:00.000Z'),
			(2, 'Ion', '2025-05-05', x'02', '2025-05-05T10:00:00.000Z', '2025-05-05T10:00:00.000Z'),
			(3, 'Maria', '2026-08-15', x'03', '2026-08-15T10:00:00.000Z', '2026-08-15T10:00:00.000Z')`,
		"UPDATE clients SET referred_by = 1 WHERE id = 2",
		`INSERT INTO purchases (client_id, date, item, amount) VALUES
			(1, '2026-06-01', 'boots', 1000), (1, '2026-03-01', 'coat', 5000), (2, '2026-01-10', 'hat', 300)`,
		"INSERT INTO preferences (client_id, attitude, category, value) VALUES (1, 'likes', 'product', 'boots')",
		"INSERT INTO settings (key, value) VALUES ('sort.language', 'ro')")
	db := mustOpenPath(t, path)
	if v := pragmaInt(t, db, "user_version"); v != len(migrations) {
		t.Fatalf("user_version %d, want %d", v, len(migrations))
	}
	ana := mustGetClient(t, db, 1)
	if ana.Name != "Ana" || ana.Summary.Count != 2 || ana.Summary.Total != 6000 || ana.Lost.IsLost() || ana.Plan.CheckInDays != 0 {
		t.Errorf("Ana after the migration: %+v", ana)
	}
	if ps := mustListPurchases(t, db, 1); len(ps) != 2 || ps[0].Item != "boots" {
		t.Errorf("Ana's purchases %+v", ps)
	}
	if ps := mustListPreferences(t, db, 1); len(ps) != 1 {
		t.Errorf("Ana's preferences %+v", ps)
	}
	if got := mustGetClient(t, db, 2); got.ReferredByName != "Ana" {
		t.Errorf("Ion's referrer %q", got.ReferredByName)
	}
	for id, want := range map[int64]schedule{
		1: {model.StageBuyer, ""},            // two purchases: referring Ion counts once she buys steadily
		3: {model.StageNewbie, "2026-08-19"}, // never contacted: first check-in 4 days after her record (id 3)
	} {
		got := mustSchedule(t, db, id)
		if got.stage != want.stage || (want.next != "" && got.next != want.next) {
			t.Errorf("client %d: %+v, want %+v", id, got, want)
		}
	}
	if day := recomputedOn(t, db); day == "" {
		t.Error("no recompute recorded")
	}
	if n := rowCount(t, db, "clients", "purchase_dates IS NOT (SELECT group_concat(date) FROM (SELECT date FROM purchases WHERE client_id = clients.id ORDER BY date))"); n != 0 {
		t.Errorf("%d clients without their purchase dates", n)
	}
	if n := rowCount(t, db, "sqlite_schema", "name = 'purchases_by_client_date'"); n != 0 {
		t.Error("the replaced index is still there")
	}
	var integrity string
	if err := db.w.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity_check: %q, %v", integrity, err)
	}
	// And the migrated file works as a new one does.
	mustLogContact(t, db, 3, fixedNow)
	if got := mustSchedule(t, db, 3); got.stage != model.StageProspect {
		t.Errorf("Maria after a contact: %+v", got)
	}
}

// A database at version 2 (before the due list was paged) gets every
// client's place in the due list in the transaction of migration 3, and
// lists its due clients at once.
func TestMigrateFromVersion2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.db")
	rawExec(t, path, "_foreign_keys=on", migrations[0].sql, migrations[1].sql, "PRAGMA user_version = 2",
		`INSERT INTO clients (id, name, since, sort_key, created_at, updated_at) VALUES
			(1, 'Ana', '2026-08-15', x'01', '2026-08-15T10:00:00.000Z', '2026-08-15T10:00:00.000Z'),
			(2, 'Ion', '2026-11-20', x'02', '2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z')`,
		`INSERT INTO settings (key, value) VALUES ('schedule.recomputed_on', '2026-11-23')`)
	db := mustOpenPath(t, path)
	if v := pragmaInt(t, db, "user_version"); v != len(migrations) {
		t.Fatalf("user_version %d, want %d", v, len(migrations))
	}
	if n := rowCount(t, db, "clients", "due_key IS NOT NULL"); n != 2 {
		t.Errorf("%d clients with a place in the due list, want Ana and Ion", n)
	}
	// Neither was ever contacted: first check-ins fall in the weeks after
	// the record was made (by id: Ana on the 2nd day, Ion on the 3rd).
	items := mustDueList(t, db, today)
	if len(items) != 2 || items[0].ClientID != 1 || items[0].Section != model.SectionOverdue ||
		items[1].ClientID != 2 || items[1].Section != model.SectionToday {
		t.Errorf("due list after the migration: %+v, want Ana overdue, Ion due today", items)
	}
}

// queryPlan returns the lines of EXPLAIN QUERY PLAN for a query.
func queryPlan(t *testing.T, db *DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.w.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return plan
}

// The queries of the due list, of a client's refresh and of a full
// recompute read through the indexes meant for them: no table is read
// whole, except the clients by a full recompute. Run with -v to see the
// plans.
func TestScheduleQueryPlans(t *testing.T) {
	db := mustOpen(t)
	page := make([]int64, 100)
	for i := range page {
		page[i] = int64(1 + i*97)
	}
	for _, tc := range []struct {
		name    string
		sc      scope
		what    int
		allowed string // the one table the queries may scan
	}{
		{"DueList", listed(page), loadDetail, ""},
		{"Refresh", oneClient(1), loadFacts, ""},
		{"History", oneClient(1), loadDetail, ""},
		{"Recompute", allClients(), loadFacts, "SCAN c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qs := scheduleQueries(tc.sc, today, tc.what)
			if tc.name == "DueList" {
				// The counts and the page's ids, with and without the
				// at-risk filter, as dueList asks for them.
				for _, where := range []string{"due_key IS NOT NULL", "due_key IS NOT NULL AND due_risk = 1"} {
					qs = append([]scheduleQuery{
						{"counts", dueCountsQuery(where), nil},
						{"page", "SELECT id FROM clients WHERE " + where + " ORDER BY due_key, sort_key, id LIMIT ? OFFSET ?", []any{100, 5000}},
					}, qs...)
				}
			}
			for _, q := range qs {
				plan := queryPlan(t, db, q.query, q.args...)
				t.Logf("%s:\n\t%s", q.name, strings.Join(plan, "\n\t"))
				for _, line := range plan {
					if q.name == "page" && strings.Contains(line, "TEMP B-TREE") {
						t.Errorf("the page is sorted instead of read in index order: %q", line)
					}
					if strings.HasPrefix(line, "SCAN ") && !strings.Contains(line, " USING ") && line != tc.allowed &&
						!strings.HasPrefix(line, "SCAN (subquery") {
						t.Errorf("%s reads a whole table: %q", q.name, line)
					}
				}
			}
		})
	}
}

// The due list's counts read clients_due_keys (migration 0016), whose rows
// hold the due key alone, and the list's rows still come in order from
// clients_by_due: counting through the wider index read 7.2 MB at 100,000
// clients, six times as much.
func TestDueCountsReadTheNarrowIndex(t *testing.T) {
	db := mustOpen(t)
	for _, where := range []string{"due_key IS NOT NULL", "due_key IS NOT NULL AND due_risk = 1"} {
		plan := queryPlan(t, db, dueCountsQuery(where))
		var counts int
		for _, line := range plan {
			if !strings.Contains(line, "clients") {
				continue
			}
			counts++
			if where == "due_key IS NOT NULL" && !strings.Contains(line, "COVERING INDEX clients_due_keys") {
				t.Errorf("%s: counted by %q", where, line)
			}
		}
		if counts != 8 {
			t.Errorf("%s: %d counts in the plan, want one per group (8):\n%s", where, counts, strings.Join(plan, "\n"))
		}
	}
	plan := queryPlan(t, db, "SELECT id FROM clients WHERE due_key IS NOT NULL ORDER BY due_key, sort_key, id LIMIT 100")
	if !slices.ContainsFunc(plan, func(l string) bool { return strings.Contains(l, "INDEX clients_by_due") }) ||
		slices.ContainsFunc(plan, func(l string) bool { return strings.Contains(l, "TEMP B-TREE") }) {
		t.Errorf("a page of the list read by\n%s", strings.Join(plan, "\n"))
	}
}

// TestRecomputeWritesInBatchesAsItGoes: a full recompute that changes more
// clients than one batch of changes holds (scheduleBatch) writes each full
// batch while it still reads, and stores what computing each client alone
// stores: refreshing every client one by one afterwards changes nothing,
// and the moves on the ladder are recorded once each.
func TestRecomputeWritesInBatchesAsItGoes(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if _, err := db.InsertRecords(ctx, model.SampleRecords(6000, 7, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	before := schedules(t, db)
	// Ten weeks on: check-ins fall due, rungs lapse.
	later := fixedNow.AddDate(0, 0, 70)
	db.clock = func() time.Time { return later }
	if err := db.Recompute(ctx); err != nil {
		t.Fatal(err)
	}
	after := schedules(t, db)
	changed := 0
	for i := range before {
		if before[i] != after[i] {
			changed++
		}
	}
	if changed <= 2*scheduleBatch {
		t.Fatalf("%d of %d clients changed: the test needs more than two batches of changes", changed, len(before))
	}
	var moves int
	if err := db.w.QueryRow("SELECT count(*) FROM stage_changes").Scan(&moves); err != nil {
		t.Fatal(err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, c := range mustListAll(t, db) {
		if err := db.refreshClient(ctx, tx, c.ID, later); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	again := schedules(t, db)
	bad := 0
	for i := range after {
		if after[i] != again[i] {
			if bad++; bad <= 5 {
				t.Errorf("recompute stored %q, the client alone %q", after[i], again[i])
			}
		}
	}
	var movesAgain int
	if err := db.w.QueryRow("SELECT count(*) FROM stage_changes").Scan(&movesAgain); err != nil {
		t.Fatal(err)
	}
	if moves == 0 || movesAgain != moves {
		t.Errorf("%d moves recorded by the recompute, %d after refreshing each client; want some, and no more", moves, movesAgain)
	}
}
