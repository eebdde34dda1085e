package db

import (
	"context"
	"testing"
	"time"

	"clienttracker/model"
)

// dayPlanRow reads the recorded day's list of day; ok is false if none.
func dayPlanRow(t *testing.T, db *DB, day time.Time) (planned, due, done int, ok bool) {
	t.Helper()
	rows, err := db.w.Query("SELECT planned, due, done FROM day_plans WHERE day = ?", model.FormatDate(day))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&planned, &due, &done); err != nil {
			t.Fatal(err)
		}
		ok = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return planned, due, done, ok
}

// TestDayPlans: the first full recompute of a day records the day's list
// as the check-ins view shows it; later ones that day, and a look at
// another day, change nothing; Insights then shows the week's check-ins
// due beside the clients contacted on those days.
func TestDayPlans(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	clock := fixedNow // a Monday
	db.clock = func() time.Time { return clock }
	if _, err := db.InsertRecords(ctx, model.SampleRecords(400, 3, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	page, err := db.DueList(ctx, today, model.DueQuery{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	plan := page.Plan()
	planned, due, done, ok := dayPlanRow(t, db, today)
	if !ok {
		t.Fatal("the sample book's recompute recorded no day's list")
	}
	if planned != plan.Planned() || due != page.Counts.Now() || done != plan.Done || planned == 0 {
		t.Fatalf("recorded planned %d, due %d, done %d; the list shows %+v (%d due now)", planned, due, done, plan, page.Counts.Now())
	}

	// Two more clients contacted today: the record keeps the morning's
	// list, even after a settings change recomputes every client.
	for _, it := range page.Items[:2] {
		if err := db.LogContact(ctx, &model.Interaction{ClientID: it.ClientID, At: clock, Channel: model.ContactCall}, nil); err != nil {
			t.Fatal(err)
		}
	}
	s, err := db.ScheduleSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.DailyCapacity += 5
	if err := db.SaveScheduleSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if p2, _, _, _ := dayPlanRow(t, db, today); p2 != planned {
		t.Errorf("a later recompute changed the day's record from %d to %d", planned, p2)
	}
	endOfMonday, err := db.DueList(ctx, today, model.DueQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}

	// Looking at last week's list records nothing for it.
	if _, err := db.DueList(ctx, today.AddDate(0, 0, -7), model.DueQuery{Limit: 1}); err != nil {
		t.Fatal(err)
	}
	if _, _, _, ok := dayPlanRow(t, db, today.AddDate(0, 0, -7)); ok {
		t.Error("a look at another day recorded its list")
	}

	// Tuesday: the first list of the day is recorded.
	clock = fixedNow.AddDate(0, 0, 1)
	tuesday, err := db.DueList(ctx, model.Day(clock), model.DueQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	tuePlanned, _, _, ok := dayPlanRow(t, db, model.Day(clock))
	if !ok || tuePlanned != tuesday.Plan().Planned() {
		t.Fatalf("Tuesday recorded %d (%v), the list shows %+v", tuePlanned, ok, tuesday.Plan())
	}

	in, err := db.Insights(ctx, model.MonthOf(fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	if !in.CheckInsSince.Equal(today) {
		t.Errorf("check-ins recorded since %v, want %v", in.CheckInsSince, today)
	}
	want := []model.WeekCheckIns{{Week: today, Days: 2, Due: planned + tuePlanned, Done: endOfMonday.Done}}
	if got := in.Current.CheckIns; len(got) != 1 || got[0] != want[0] {
		t.Errorf("check-ins by week %+v, want %+v", got, want)
	}
	if len(in.Previous.CheckIns) != 0 {
		t.Errorf("October has no recorded day, got %+v", in.Previous.CheckIns)
	}
}

// TestInsightsLostByMonth: clients marked lost are counted in the month
// of the day they were marked, by reason, beside the study's share.
func TestInsightsLostByMonth(t *testing.T) {
	b := mustInsightsBook(t) // Ion lost for lack of contact on 3 November
	ctx := context.Background()
	if err := b.db.MarkLost(ctx, b.giorgi, model.Lost{Reason: model.LostCompetitor, On: d("2026-10-31")}); err != nil {
		t.Fatal(err)
	}
	in, err := b.db.Insights(ctx, model.QuarterOf(d("2026-11-20")))
	if err != nil {
		t.Fatal(err)
	}
	trend := in.Current.LostByMonth
	if len(trend) != 3 {
		t.Fatalf("%d months, want October to December", len(trend))
	}
	if trend[0].Total() != 1 || trend[0].NoContact().Count != 0 || trend[0].Lost[2].Reason != model.LostCompetitor || trend[0].Lost[2].Count != 1 {
		t.Errorf("October %+v: want one lost to a competitor", trend[0])
	}
	if nc := trend[1].NoContact(); trend[1].Total() != 1 || nc.Count != 1 || nc.Percent != 100 || nc.StudyPercent != 67 {
		t.Errorf("November %+v: want one lost for lack of contact", trend[1])
	}
	if trend[2].Total() != 0 {
		t.Errorf("December %+v: want none", trend[2])
	}
	var total int
	for _, l := range in.Current.Lost {
		total += l.Count
	}
	if total != 2 {
		t.Errorf("the quarter's report counts %d lost, want 2", total)
	}
}
