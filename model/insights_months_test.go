package model

import "testing"

func TestWholeMonths(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Period
		want bool
	}{
		{"Month", MonthOf(day("2026-02-10")), true},
		{"LeapFebruary", MonthOf(day("2028-02-10")), true},
		{"Quarter", QuarterOf(day("2026-05-01")), true},
		{"Year", YearOf(day("2026-05-01")), true},
		{"TwoWholeMonths", mustRange(t, "2026-03-01", "2026-04-30"), true},
		{"StartsMidMonth", mustRange(t, "2026-03-02", "2026-04-30"), false},
		{"EndsMidMonth", mustRange(t, "2026-03-01", "2026-04-29"), false},
		{"Empty", Period{}, false},
	} {
		if got := tc.p.WholeMonths(); got != tc.want {
			t.Errorf("%s %v: WholeMonths %v, want %v", tc.name, tc.p, got, tc.want)
		}
	}
}

// TestClientTotalsSummarize: the figures summed by the store give the same
// retention and revenue split as SummarizeClients over one row a client.
func TestClientTotalsSummarize(t *testing.T) {
	rows := []ClientPeriod{
		{ClientID: 1, New: true, Count: 2, Spend: 500},
		{ClientID: 2, Count: 1, Spend: 0, PrevCount: 1, PrevSpend: 300}, // a zero-amount sale still counts
		{ClientID: 3, PrevCount: 2, PrevSpend: 700},                     // lapsed
		{ClientID: 4, Count: 3, Spend: 900, PrevCount: 1, PrevSpend: 100},
	}
	var want Figures
	SummarizeClients(&want, rows, 3, 40)
	var got Figures
	ClientTotals{Buyers: 3, New: 1, Revenue: 1400, RevenueNew: 500, PrevBuyers: 3, Lapsed: 1, LapsedSpend: 700,
		Gaps: 3, GapDays: 40}.Summarize(&got)
	if got.Retention != want.Retention {
		t.Errorf("retention\n got %+v\nwant %+v", got.Retention, want.Retention)
	}
	if got.Revenue != want.Revenue || got.RevenueNew != want.RevenueNew || got.RevenueReturning != want.RevenueReturning {
		t.Errorf("revenue %d/%d/%d, want %d/%d/%d", got.Revenue, got.RevenueNew, got.RevenueReturning,
			want.Revenue, want.RevenueNew, want.RevenueReturning)
	}
	var empty Figures
	ClientTotals{}.Summarize(&empty)
	if empty.Retention != (Retention{}) {
		t.Errorf("nobody bought: %+v", empty.Retention)
	}
}
