package model

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPeriods(t *testing.T) {
	yerevan := time.FixedZone("AMT", 4*3600)
	tests := []struct {
		name             string
		p                Period
		from, to         string
		prevFrom, prevTo string
		months           int
	}{
		{"Month", MonthOf(day("2026-11-17")), "2026-11-01", "2026-11-30", "2026-10-01", "2026-10-31", 1},
		{"MonthLeapFebruary", MonthOf(day("2028-02-10")), "2028-02-01", "2028-02-29", "2028-01-01", "2028-01-31", 1},
		{"MonthAtLocalMidnight", MonthOf(time.Date(2026, 5, 1, 0, 30, 0, 0, yerevan)), "2026-05-01", "2026-05-31", "2026-04-01", "2026-04-30", 1},
		{"QuarterAcrossYear", QuarterOf(day("2026-02-03")), "2026-01-01", "2026-03-31", "2025-10-01", "2025-12-31", 3},
		{"Year", YearOf(day("2026-07-01")), "2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31", 12},
		{"Custom", mustRange(t, "2026-11-10", "2026-11-19"), "2026-11-10", "2026-11-19", "2026-10-31", "2026-11-09", 1},
		{"CustomOneDay", mustRange(t, "2026-03-01", "2026-03-01"), "2026-03-01", "2026-03-01", "2026-02-28", "2026-02-28", 1},
		{"RangeThatIsAQuarter", mustRange(t, "2026-04-01", "2026-06-30"), "2026-04-01", "2026-06-30", "2026-01-01", "2026-03-31", 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatDate(tc.p.From) + ".." + FormatDate(tc.p.To); got != tc.from+".."+tc.to {
				t.Errorf("period %s, want %s..%s", got, tc.from, tc.to)
			}
			prev := tc.p.Previous()
			if got := FormatDate(prev.From) + ".." + FormatDate(prev.To); got != tc.prevFrom+".."+tc.prevTo {
				t.Errorf("previous %s, want %s..%s", got, tc.prevFrom, tc.prevTo)
			}
			if n := len(tc.p.Months()); n != tc.months {
				t.Errorf("%d months, want %d", n, tc.months)
			}
		})
	}
	if _, err := RangePeriod(day("2026-02-02"), day("2026-02-01")); err != ErrPeriodOrder {
		t.Errorf("backwards range: %v, want ErrPeriodOrder", err)
	}
}

func mustRange(t *testing.T, from, to string) Period {
	t.Helper()
	p, err := RangePeriod(day(from), day(to))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPeriodInstants(t *testing.T) {
	tbilisi := time.FixedZone("GET", 4*3600)
	p := MonthOf(day("2026-11-05"))
	start, end := p.Instants(tbilisi)
	// 00:00 on 1 November in Tbilisi is 20:00 UTC on 31 October.
	if want := time.Date(2026, 10, 31, 20, 0, 0, 0, time.UTC); !start.Equal(want) {
		t.Errorf("start %v, want %v", start.UTC(), want)
	}
	if want := time.Date(2026, 11, 30, 20, 0, 0, 0, time.UTC); !end.Equal(want) {
		t.Errorf("end %v, want %v", end.UTC(), want)
	}
}

func TestSummarizeClients(t *testing.T) {
	p := MonthOf(day("2026-11-01"))
	tests := []struct {
		name string
		rows []ClientPeriod
		want Retention
		rev  [3]Money // all, new, returning
		top  []string
	}{
		{name: "Empty", want: Retention{}},
		{
			name: "NewClient",
			rows: []ClientPeriod{{ClientID: 1, Name: "Anna", Stage: StageBuyer, New: true, Count: 1, Spend: 500}},
			want: Retention{Buyers: 1, New: 1},
			rev:  [3]Money{500, 500, 0},
			top:  []string{"Anna"},
		},
		{
			name: "ReturningClient",
			rows: []ClientPeriod{{ClientID: 1, Name: "Anna", Stage: StageBuyer, Count: 1, Spend: 500, PrevCount: 1, PrevSpend: 100}},
			want: Retention{Buyers: 1, Returning: 1, PrevBuyers: 1, Retained: 1, RetentionPercent: 100},
			rev:  [3]Money{500, 0, 500},
			top:  []string{"Anna"},
		},
		{
			name: "RetainedLapsedAndZeroAmount",
			rows: []ClientPeriod{
				{ClientID: 1, Name: "Ani", Stage: StageLoyal, Count: 2, Spend: 0, PrevCount: 1, PrevSpend: 300},
				{ClientID: 2, Name: "Bela", Stage: StageLoyal, PrevCount: 2, PrevSpend: 700},
				{ClientID: 3, Name: "Gio", Stage: StageVIP, PrevCount: 1, PrevSpend: 50},
				{ClientID: 4, Name: "Dato", Stage: StageBuyer, New: true, Count: 1, Spend: 900},
			},
			want: Retention{Buyers: 2, New: 1, Returning: 1, PrevBuyers: 3, Retained: 1, RetentionPercent: 100.0 / 3, Lapsed: 2, LapsedSpend: 750},
			rev:  [3]Money{900, 900, 0},
			top:  []string{"Dato", "Ani"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Figures{Period: p}
			SummarizeClients(&f, tc.rows, 0, 0)
			if f.Retention != tc.want {
				t.Errorf("retention\n got %+v\nwant %+v", f.Retention, tc.want)
			}
			if got := [3]Money{f.Revenue, f.RevenueNew, f.RevenueReturning}; got != tc.rev {
				t.Errorf("revenue %v, want %v", got, tc.rev)
			}
			var names []string
			for _, s := range f.Top {
				names = append(names, s.Name)
			}
			if len(names) != len(tc.top) {
				t.Fatalf("top %v, want %v", names, tc.top)
			}
			for i := range names {
				if names[i] != tc.top[i] {
					t.Errorf("top %v, want %v", names, tc.top)
				}
			}
			var rungSum Money
			for _, r := range f.ByRung {
				rungSum += r.Spend
			}
			if rungSum != f.Revenue {
				t.Errorf("rungs add up to %d, revenue is %d", rungSum, f.Revenue)
			}
		})
	}
}

func TestSummarizeTopTen(t *testing.T) {
	var rows []ClientPeriod
	for i := range 15 {
		rows = append(rows, ClientPeriod{ClientID: int64(i + 1), Name: string(rune('a' + i)), Stage: StageBuyer, Count: 1, Spend: Money(100 * (i % 5))})
	}
	f := Figures{Period: MonthOf(day("2026-11-01"))}
	SummarizeClients(&f, rows, 4, 30)
	if len(f.Top) != TopSpenders {
		t.Fatalf("%d top spenders, want %d", len(f.Top), TopSpenders)
	}
	// Spend 400 for e, j, o; ties by client ID.
	if f.Top[0].Name != "e" || f.Top[1].Name != "j" || f.Top[2].Name != "o" || f.Top[3].Spend != 300 {
		t.Errorf("top starts %+v", f.Top[:4])
	}
	if f.Retention.AvgDaysBetween != 7.5 {
		t.Errorf("average gap %v, want 7.5", f.Retention.AvgDaysBetween)
	}
}

func TestPromiseFate(t *testing.T) {
	today := day("2026-11-20")
	tests := []struct {
		name      string
		status    PromiseStatus
		due, kept string
		want      PromiseOutcome
	}{
		{"KeptOnTheDay", PromiseKept, "2026-11-10", "2026-11-10", PromiseOnTime},
		{"KeptEarly", PromiseKept, "2026-11-10", "2026-11-01", PromiseOnTime},
		{"KeptLate", PromiseKept, "2026-11-10", "2026-11-11", PromiseLate},
		{"Broken", PromiseBroken, "2026-11-10", "", PromiseMissed},
		{"OpenPastDue", PromiseOpen, "2026-11-19", "", PromiseMissed},
		{"OpenDueToday", PromiseOpen, "2026-11-20", "", PromiseNotCounted},
		{"Cancelled", PromiseCancelled, "2026-11-01", "", PromiseNotCounted},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var kept time.Time
			if tc.kept != "" {
				kept = day(tc.kept)
			}
			if got := PromiseFate(tc.status, day(tc.due), kept, today); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	p := QuarterOf(day("2026-11-01"))
	ms := make([]MonthPromises, 3)
	AddPromise(ms, p, PromiseKept, day("2026-10-31"), day("2026-10-30"), today)
	AddPromise(ms, p, PromiseBroken, day("2026-10-01"), time.Time{}, today)
	AddPromise(ms, p, PromiseKept, day("2026-12-01"), day("2026-11-01"), today)
	AddPromise(ms, p, PromiseKept, day("2026-09-30"), day("2026-09-30"), today) // outside
	if ms[0].Due != 2 || ms[0].KeptOnTime != 1 || ms[0].OnTimePercent != 50 || ms[2].Due != 1 || ms[1].Due != 0 {
		t.Errorf("months %+v", ms)
	}
}

func TestMoves(t *testing.T) {
	tests := []struct {
		from, to Stage
		up       bool
	}{
		{StageNewbie, StageProspect, true},
		{StageLoyal, StageBuyer, false},
		{StageVIP, StageBlacklist, false},
		{StageBlacklist, StageNewbie, true},
	}
	for _, tc := range tests {
		if got := IsMoveUp(tc.from, tc.to); got != tc.up {
			t.Errorf("%s→%s up=%v, want %v", tc.from, tc.to, got, tc.up)
		}
	}
}

func TestInsightRows(t *testing.T) {
	p := MonthOf(day("2026-11-01"))
	in := Insights{Current: Figures{Period: p, ByMonth: EmptyMonths(p)}, Previous: Figures{Period: p.Previous(), ByMonth: EmptyMonths(p.Previous())}}
	SummarizeClients(&in.Current, []ClientPeriod{
		{ClientID: 1, Name: "Ani", Stage: StageBuyer, Count: 1, Spend: 1250, PrevCount: 1, PrevSpend: 100},
		{ClientID: 2, Name: "Gio", Stage: StageBuyer, PrevCount: 2, PrevSpend: 400},
	}, 3, 50)
	SummarizeClients(&in.Previous, nil, 0, 0)
	rows := in.Rows(DefaultMoneyFormat)
	got := map[string]InsightRow{}
	for _, r := range rows {
		got[r.Figure+"|"+r.Detail] = r
	}
	for key, want := range map[string][2]string{
		"Retention|":                      {"50 %", "0 %"},
		"Average days between purchases|": {"16.7", "0"},
		"Revenue|":                        {"12.50", "0.00"},
		"Top spenders|1. Ani":             {"12.50", ""},
		"Revenue per rung|buyer":          {"12.50", "0.00"},
	} {
		r, ok := got[key]
		if !ok {
			t.Errorf("no row %q", key)
			continue
		}
		if r.Current != want[0] || r.Previous != want[1] {
			t.Errorf("%s: %q / %q, want %q / %q", key, r.Current, r.Previous, want[0], want[1])
		}
	}
}
