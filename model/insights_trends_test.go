package model

import (
	"reflect"
	"testing"
)

func TestWeekOf(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-23": "2026-11-23", // a Monday
		"2026-11-29": "2026-11-23", // Sunday
		"2026-11-01": "2026-10-26", // Sunday, week starts in October
		"2027-01-01": "2026-12-28", // across the year
	} {
		if got := FormatDate(WeekOf(day(in))); got != want {
			t.Errorf("WeekOf(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestCheckInWeeks(t *testing.T) {
	p := MonthOf(day("2026-11-10"))
	days := []DayRecord{
		{Day: day("2026-10-31"), Planned: 9, Done: 9}, // before the period: ignored
		{Day: day("2026-11-03"), Planned: 15, Done: 12},
		{Day: day("2026-11-04"), Planned: 15, Done: 20}, // more done than asked
		{Day: day("2026-11-20"), Planned: 10, Done: 0},
	}
	want := []WeekCheckIns{
		{Week: day("2026-11-02"), Days: 2, Due: 30, Done: 32},
		{Week: day("2026-11-09")}, // the app was not opened: no record, not a zero
		{Week: day("2026-11-16"), Days: 1, Due: 10},
	}
	got := CheckInWeeks(p, days)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("weeks\n got %+v\nwant %+v", got, want)
	}
	if got[0].DonePercent() != 100 || got[1].DonePercent() != 0 || got[2].DonePercent() != 0 {
		t.Errorf("done %% %v / %v / %v, want 100 (capped), 0, 0", got[0].DonePercent(), got[1].DonePercent(), got[2].DonePercent())
	}
	if w := (WeekCheckIns{Due: 8, Done: 2}); w.DonePercent() != 25 {
		t.Errorf("2 of 8: %v %%", w.DonePercent())
	}
	if got := CheckInWeeks(p, days[:1]); got != nil {
		t.Errorf("no record in the period: %+v", got)
	}
	if got := CheckInWeeks(p, nil); got != nil {
		t.Errorf("nothing recorded: %+v", got)
	}
}

func TestLostTrend(t *testing.T) {
	p := QuarterOf(day("2026-11-10"))
	trend := LostTrend(p, []LostCount{
		{Month: day("2026-10-01"), Reason: LostNoContact, Count: 3},
		{Month: day("2026-10-01"), Reason: LostCompetitor, Count: 1},
		{Month: day("2026-12-01"), Reason: LostQuality, Count: 2},
		{Month: day("2026-12-01"), Reason: "gone", Count: 1},         // an unknown reason counts as other
		{Month: day("2026-09-01"), Reason: LostNoContact, Count: 50}, // outside: ignored
	})
	if len(trend) != 3 {
		t.Fatalf("%d months, want 3", len(trend))
	}
	oct, nov, dec := trend[0], trend[1], trend[2]
	if !oct.Month.Equal(day("2026-10-01")) || oct.Total() != 4 || oct.NoContact().Count != 3 || oct.NoContact().Percent != 75 {
		t.Errorf("October %+v: want 4 lost, 3 (75 %%) for lack of contact", oct)
	}
	if oct.NoContact().StudyPercent != 67 {
		t.Errorf("study share %v, want 67", oct.NoContact().StudyPercent)
	}
	if nov.Total() != 0 || nov.NoContact().Percent != 0 || len(nov.Lost) != len(LostReasons) {
		t.Errorf("November %+v: want none lost, every reason listed", nov)
	}
	for _, l := range dec.Lost {
		if want := map[LostReason]int{LostQuality: 2, LostOther: 1}[l.Reason]; l.Count != want {
			t.Errorf("December %s: %d, want %d", l.Reason, l.Count, want)
		}
	}

	// A custom period from mid-month: the first month's counts are its own.
	custom := mustRange(t, "2026-10-15", "2026-11-14")
	got := LostTrend(custom, []LostCount{{Month: day("2026-10-01"), Reason: LostNoContact, Count: 2}})
	if len(got) != 2 || got[0].Total() != 2 || !got[0].Month.Equal(day("2026-10-01")) {
		t.Errorf("custom period %+v", got)
	}
}

// TestRowsCheckInsAndLostTrend: the report lists each week's check-ins due
// and done and each month's lost clients, beside the previous period's.
func TestRowsCheckInsAndLostTrend(t *testing.T) {
	p := MonthOf(day("2026-11-10"))
	in := Insights{
		Current: Figures{Period: p,
			CheckIns:    []WeekCheckIns{{Week: day("2026-11-02"), Days: 2, Due: 30, Done: 27}},
			LostByMonth: LostTrend(p, []LostCount{{Month: day("2026-11-01"), Reason: LostNoContact, Count: 2}, {Month: day("2026-11-01"), Reason: LostQuality, Count: 2}}),
		},
		Previous: Figures{Period: p.Previous(), LostByMonth: LostTrend(p.Previous(), nil)},
	}
	want := map[string]InsightRow{
		"Check-ins due":  {Section: SectionTouch, Figure: "Check-ins due", Detail: "2026-11-02", Current: "30"},
		"Check-ins done": {Section: SectionTouch, Figure: "Check-ins done", Detail: "2026-11-02", Current: "27"},
		"Clients lost by month": {Section: SectionLeave, Figure: "Clients lost by month", Detail: "2026-11",
			Current: "4", Previous: "0"},
		"Lost for lack of contact by month (study: 67 %)": {Section: SectionLeave, Figure: "Lost for lack of contact by month (study: 67 %)",
			Detail: "2026-11", Current: "2 (50 %)", Previous: "0 (0 %)"},
	}
	got := map[string]InsightRow{}
	for _, r := range in.Rows(MoneyFormat{}) {
		if _, ok := want[r.Figure]; ok {
			if _, dup := got[r.Figure]; dup {
				t.Errorf("%q listed twice", r.Figure)
			}
			got[r.Figure] = r
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n got %+v\nwant %+v", got, want)
	}
}
