package db

import (
	"context"
	"testing"
	"time"

	"clienttracker/model"
)

// TestDayList: on a sample shop of 1,500 clients, the day's list is the
// owner's capacity from the top of the due list; every contact logged
// today counts as done and takes its client off the list, so the day's
// list shrinks until the day is finished, with the backlog waiting.
func TestDayList(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if _, err := db.InsertRecords(ctx, model.SampleRecords(1500, 7, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	page, err := db.DueList(ctx, today, model.DueQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	done0 := page.Done // the sample logs some contacts today
	if page.Capacity != model.DefaultDailyCapacity {
		t.Fatalf("capacity %d, want the default %d", page.Capacity, model.DefaultDailyCapacity)
	}
	s, err := db.ScheduleSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.DailyCapacity = done0 + 4
	if err := db.SaveScheduleSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if page, err = db.DueList(ctx, today, model.DueQuery{Limit: 500}); err != nil {
		t.Fatal(err)
	}
	plan := page.Plan()
	if page.Capacity != done0+4 || page.Done != done0 {
		t.Fatalf("capacity %d done %d, want the saved %d and %d", page.Capacity, page.Done, done0+4, done0)
	}
	if plan.Today != 4 || plan.Backlog == 0 {
		t.Fatalf("plan %+v: want 4 to do today and a backlog", plan)
	}
	// Log contacts as the owner would, from the top of the list, a minute
	// apart, until the day is done.
	at := fixedNow.Add(-time.Hour)
	for i := 0; !plan.Finished(); i++ {
		if i > 10 {
			t.Fatalf("the day never finishes: %+v", plan)
		}
		// The first row a contact settles: it closes no complaint, keeps
		// no promise and collects no money.
		var top model.DueItem
	rows:
		for _, it := range page.Items {
			for _, r := range it.Reasons {
				if r.Kind == model.ReasonComplaint || r.Kind == model.ReasonPromise || r.Kind == model.ReasonPayment {
					continue rows
				}
			}
			top = it
			break
		}
		at = at.Add(time.Minute)
		if err := db.LogContact(ctx, &model.Interaction{ClientID: top.ClientID, At: at, Channel: model.ContactCall}, nil); err != nil {
			t.Fatal(err)
		}
		page, err = db.DueList(ctx, today, model.DueQuery{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		next := page.Plan()
		if page.Done != done0+i+1 {
			t.Errorf("after %d contacts: done %d, want %d", i+1, page.Done, done0+i+1)
		}
		for _, it := range page.Items {
			if it.ClientID == top.ClientID && it.Section <= model.SectionToday {
				t.Errorf("client %d was contacted but is still due", top.ClientID)
			}
		}
		if next.Today > plan.Today || next.Planned() < plan.Planned() {
			t.Errorf("the day's list grew: %+v after %+v", next, plan)
		}
		plan = next
	}
	if plan.Done != done0+4 || plan.Backlog == 0 {
		t.Errorf("finished day %+v: want at least the capacity done and the backlog kept", plan)
	}

	// Tomorrow the count starts again.
	tomorrow, err := db.DueList(ctx, today.AddDate(0, 0, 1), model.DueQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if tomorrow.Done != 0 || tomorrow.Plan().Today == 0 {
		t.Errorf("tomorrow: %+v, want a fresh day", tomorrow.Plan())
	}
}

// TestDayListDefaultCapacity: a new book plans 15 a day, and the setting
// is saved with the schedule.
func TestDayListDefaultCapacity(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s, err := db.ScheduleSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.DailyCapacity != model.DefaultDailyCapacity {
		t.Fatalf("capacity %d, want %d", s.DailyCapacity, model.DefaultDailyCapacity)
	}
	s.DailyCapacity = 30
	if err := db.SaveScheduleSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if s, err = db.ScheduleSettings(ctx); err != nil || s.DailyCapacity != 30 {
		t.Fatalf("capacity read back %d (%v), want 30", s.DailyCapacity, err)
	}
}

// mustNoSpread turns off the spreading of first check-ins (see
// model.ScheduleSettings.FirstCheckInDays), for tests of clients "since
// N days" who were never contacted and are meant to be as late as that.
func mustNoSpread(t *testing.T, db *DB) {
	t.Helper()
	s, err := db.ScheduleSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.FirstCheckInDays = 0
	if err := db.SaveScheduleSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}
