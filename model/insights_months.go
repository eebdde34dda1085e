package model

// WholeMonths reports whether the period starts on the first of a month
// and ends on the last day of one: the periods whose figures can be summed
// from monthly summaries.
func (p Period) WholeMonths() bool {
	return !p.From.IsZero() && p.From.Day() == 1 && p.To.AddDate(0, 0, 1).Day() == 1
}

// ClientTotals are the per-client figures of a period already summed over
// its clients, as a store computes them from monthly summaries without
// listing every client: the counterpart of the rows SummarizeClients takes.
type ClientTotals struct {
	Buyers     int   // clients who bought in the period
	New        int   // of them, first purchase ever in the period
	Revenue    Money // all purchases of the period
	RevenueNew Money // of it, the new clients'
	PrevBuyers int   // clients who bought in the period before
	Lapsed     int   // of them, clients who did not buy in this period
	// LapsedSpend is what the lapsed clients spent in the period before.
	LapsedSpend Money
	Gaps        int   // visits of the period with an earlier visit
	GapDays     int64 // days from each of those visits back to the one before
}

// Summarize fills the retention figures and the revenue split of f from
// t; the same figures SummarizeClients computes from one row a client.
func (t ClientTotals) Summarize(f *Figures) {
	r := Retention{
		Buyers:      t.Buyers,
		New:         t.New,
		Returning:   t.Buyers - t.New,
		PrevBuyers:  t.PrevBuyers,
		Retained:    t.PrevBuyers - t.Lapsed,
		Lapsed:      t.Lapsed,
		LapsedSpend: t.LapsedSpend,
		Gaps:        t.Gaps,
	}
	if t.Gaps > 0 {
		r.AvgDaysBetween = float64(t.GapDays) / float64(t.Gaps)
	}
	if r.PrevBuyers > 0 {
		r.RetentionPercent = 100 * float64(r.Retained) / float64(r.PrevBuyers)
	}
	f.Retention = r
	f.Revenue = t.Revenue
	f.RevenueNew = t.RevenueNew
	f.RevenueReturning = t.Revenue - t.RevenueNew
}
