package db

import (
	"context"
	"testing"

	"clienttracker/model"
)

// BenchmarkInsights computes the whole Insights view (a period and the one
// before it, balances and the funnel) on the 100,000-client book, for the
// month, quarter and year holding the sample's today.
func BenchmarkInsights(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		p    model.Period
	}{
		{"Month", model.MonthOf(fixedNow)},
		{"Quarter", model.QuarterOf(fixedNow)},
		{"Year", model.YearOf(fixedNow)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var in model.Insights
			for b.Loop() {
				var err error
				if in, err = db.Insights(ctx, tc.p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(in.Current.Retention.Buyers), "buyers")
		})
	}
}
