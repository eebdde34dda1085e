package model

import "testing"

func TestLateness(t *testing.T) {
	for _, tc := range []struct {
		days  int
		tmpl  string
		count int
	}{
		{0, "", 0}, {-3, "", 0},
		{1, LateDays, 1}, {13, LateDays, 13},
		{14, LateWeeks, 2}, {21, LateWeeks, 3}, {27, LateWeeks, 3}, {59, LateWeeks, 8},
		{60, LateMonths, 2}, {95, LateMonths, 3}, {364, LateMonths, 12},
		{365, LateOverAYear, 0}, {2136, LateOverAYear, 0},
	} {
		if tmpl, n := Lateness(tc.days); tmpl != tc.tmpl || n != tc.count {
			t.Errorf("Lateness(%d) = %q %d, want %q %d", tc.days, tmpl, n, tc.tmpl, tc.count)
		}
	}
}
