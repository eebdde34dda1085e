package model

import (
	"fmt"
	"testing"
	"time"
)

func TestPlanDay(t *testing.T) {
	// counts: complaints overdue, complaints today, -, -, overdue, today, this week, later
	mk := func(complaints, overdue, today, week, later int) DueCounts {
		return DueCounts{complaints, 0, 0, 0, overdue, today, week, later}
	}
	for _, tc := range []struct {
		name           string
		c              DueCounts
		capacity, done int
		today, backlog int
		later, planned int
		finished       bool
	}{
		{"FreshDay", mk(0, 400, 50, 30, 100), 15, 0, 15, 435, 130, 15, false},
		{"SomeDone", mk(0, 400, 50, 30, 100), 15, 6, 9, 441, 130, 15, false},
		{"CapacityReached", mk(0, 400, 50, 30, 100), 15, 15, 0, 450, 130, 15, true},
		{"MoreThanCapacityDone", mk(0, 10, 0, 0, 0), 15, 20, 0, 10, 0, 20, true},
		{"LessDueThanCapacity", mk(0, 3, 2, 4, 0), 15, 0, 5, 0, 4, 5, false},
		{"NothingDue", mk(0, 0, 0, 4, 9), 15, 2, 0, 0, 13, 2, true},
		{"ComplaintsFirst", mk(3, 10, 0, 0, 0), 5, 0, 5, 8, 0, 5, false},
		{"ComplaintsWaitWhenTheDayIsDone", mk(3, 10, 0, 0, 0), 15, 15, 0, 13, 0, 15, true},
		{"ZeroCapacityIsDefault", mk(0, 100, 0, 0, 0), 0, 0, DefaultDailyCapacity, 100 - DefaultDailyCapacity, 0, DefaultDailyCapacity, false},
		{"NegativeDone", mk(0, 100, 0, 0, 0), 10, -3, 10, 90, 0, 10, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := PlanDay(tc.c, tc.capacity, tc.done)
			if p.Today != tc.today || p.Backlog != tc.backlog || p.Later != tc.later || p.Planned() != tc.planned || p.Finished() != tc.finished {
				t.Errorf("PlanDay = %+v planned %d finished %v; want today %d backlog %d later %d planned %d finished %v",
					p, p.Planned(), p.Finished(), tc.today, tc.backlog, tc.later, tc.planned, tc.finished)
			}
			if p.Today+p.Backlog+p.Later != tc.c.Total() {
				t.Errorf("the plan's parts add up to %d, the list has %d", p.Today+p.Backlog+p.Later, tc.c.Total())
			}
		})
	}
}

func TestDuePriority(t *testing.T) {
	for _, tc := range []struct {
		name    string
		section Section
		promise bool
		debt    bool
		risk    bool
		stage   Stage
		want    int
	}{
		{"PromiseFirst", SectionOverdue, true, true, false, StageNewbie, 0},
		{"DebtNext", SectionOverdue, false, true, false, StageNewbie, 1},
		{"AtRiskVIP", SectionOverdue, false, false, true, StageVIP, 2},
		{"AtRiskBuyer", SectionOverdue, false, false, true, StageBuyer, 5},
		{"AtRiskNewbie", SectionToday, false, false, true, StageNewbie, 7},
		{"NoRung", SectionToday, false, false, true, "", 7},
		{"CalmVIP", SectionToday, false, false, false, StageVIP, 8},
		{"CalmNewbie", SectionToday, false, false, false, StageNewbie, 13},
		{"LaterByDayAlone", SectionThisWeek, true, true, true, StageVIP, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DuePriority(tc.section, tc.promise, tc.debt, tc.risk, tc.stage); got != tc.want {
				t.Errorf("DuePriority = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestDebtBand(t *testing.T) {
	for _, tc := range []struct {
		m    Money
		want int
	}{
		{0, 0}, {-500, 0}, {1, 1}, {9, 4}, {10, 5}, {17, 5}, {18, 6}, {100_00, 17}, {150_00, 17}, {200_00, 18},
		{1<<63 - 1, 76},
	} {
		if got := DebtBand(tc.m); got != tc.want {
			t.Errorf("DebtBand(%d) = %d, want %d", tc.m, got, tc.want)
		}
	}
}

// TestDayListRanksDebtsBySize: of the clients who owe money past its day,
// a large debt just due comes before a small one years old; debts of about
// the same size go by how late they are; a promise due comes before any
// debt, and any debt before a client at risk. The keys a store sorts by
// agree with the list.
func TestDayListRanksDebtsBySize(t *testing.T) {
	today := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	s := DefaultScheduleSettings()
	old := today.AddDate(-6, 0, 0)
	owes := func(id int64, name string, debt Money, daysLate int) History {
		return History{Client: Client{ID: id, Name: name, Since: old, CreatedAt: old}, Stage: StageBuyer,
			LastContact: today.AddDate(0, 0, -10), OverdueDebt: debt, DebtDueSince: today.AddDate(0, 0, -daysLate)}
	}
	tiny := owes(1, "A tiny, years late", 5_00, 1500)
	large := owes(2, "B large, just due", 400_00, 2)
	sameOld := owes(3, "C 120.00, a month late", 120_00, 30)
	sameNew := owes(4, "D 150.00, a week late", 150_00, 7)
	promised := History{Client: Client{ID: 5, Name: "E promised", Since: old, CreatedAt: old}, Stage: StageNewbie,
		LastContact:  today.AddDate(0, 0, -1),
		OpenPromises: []Promise{{ID: 9, ClientID: 5, What: "call back", DueBy: today.AddDate(0, 0, -1), Status: PromiseOpen}}}
	vip := History{Client: Client{ID: 6, Name: "F vip at risk", Since: old, CreatedAt: old}, Stage: StageVIP,
		LastContact: today.AddDate(-1, 0, 0)}
	hs := []History{tiny, large, sameOld, sameNew, promised, vip}
	list := DueList(hs, s, today)
	var got []int64
	for _, it := range list {
		got = append(got, it.ClientID)
	}
	want := []int64{5, 2, 3, 4, 1, 6}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
	var keys []int64
	for _, id := range want {
		r, ok := DueRankFor(hs[id-1], s, today)
		if !ok {
			t.Fatalf("client %d has no rank", id)
		}
		keys = append(keys, r.Key())
	}
	for i := 1; i < len(keys); i++ {
		if keys[i-1] >= keys[i] {
			t.Errorf("key of client %d (%x) not below client %d's (%x)", want[i-1], keys[i-1], want[i], keys[i])
		}
	}
}

// TestDayListRanksByValue: of two clients equally late, the VIP comes
// before the newbie; a newbie never contacted for years comes after a
// buyer a few weeks late; a promise due comes before both.
func TestDayListRanksByValue(t *testing.T) {
	today := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	s := DefaultScheduleSettings()
	hist := func(id int64, name string, st Stage, since time.Time, last time.Time) History {
		return History{Client: Client{ID: id, Name: name, Since: since, CreatedAt: since}, Stage: st, LastContact: last}
	}
	old := today.AddDate(-6, 0, 0)
	newbie := hist(1, "A newbie", StageNewbie, old, time.Time{})
	vip := hist(2, "B vip", StageVIP, old, today.AddDate(0, 0, -40))
	buyer := hist(3, "C buyer", StageBuyer, old, today.AddDate(0, 0, -75))
	promised := hist(4, "D promised", StageNewbie, old, today.AddDate(0, 0, -1))
	promised.OpenPromises = []Promise{{ID: 9, ClientID: 4, What: "call back", DueBy: today.AddDate(0, 0, -1), Status: PromiseOpen}}
	list := DueList([]History{newbie, vip, buyer, promised}, s, today)
	var got []int64
	for _, it := range list {
		got = append(got, it.ClientID)
	}
	want := []int64{4, 2, 3, 1}
	if len(got) != len(want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("listed %v, want %v", got, want)
		}
	}
	for _, h := range []History{newbie, vip, buyer, promised} {
		r, ok := DueRankFor(h, s, today)
		it, _ := DueFor(h, s, today)
		if !ok || r.Priority != it.Priority {
			t.Errorf("client %d: rank priority %d, row priority %d", h.Client.ID, r.Priority, it.Priority)
		}
	}
}
