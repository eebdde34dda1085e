package model

import (
	"math"
	"testing"
)

func TestLostReport(t *testing.T) {
	tests := []struct {
		name    string
		counts  map[LostReason]int
		count   []int     // per LostReasons
		percent []float64 // per LostReasons
	}{
		{"NoneLost", nil, []int{0, 0, 0, 0, 0, 0}, []float64{0, 0, 0, 0, 0, 0}},
		{"AllForLackOfContact", map[LostReason]int{LostNoContact: 3}, []int{0, 0, 0, 0, 3, 0}, []float64{0, 0, 0, 0, 100, 0}},
		{"Mixed", map[LostReason]int{LostMovedOrDied: 1, LostCompetitor: 2, LostQuality: 1, LostNoContact: 4, LostOther: 2},
			[]int{1, 0, 2, 1, 4, 2}, []float64{10, 0, 20, 10, 40, 20}},
		{"Thirds", map[LostReason]int{LostFriendsFamily: 1, LostCompetitor: 1, LostQuality: 1},
			[]int{0, 1, 1, 1, 0, 0}, []float64{0, 100.0 / 3, 100.0 / 3, 100.0 / 3, 0, 0}},
		{"UnknownCountsAsOther", map[LostReason]int{"bankrupt": 1, LostOther: 1, LostQuality: 2}, []int{0, 0, 0, 2, 0, 2}, []float64{0, 0, 0, 50, 0, 50}},
		{"ZeroAndNegativeIgnored", map[LostReason]int{LostQuality: 0, LostCompetitor: -3, LostNoContact: 1}, []int{0, 0, 0, 0, 1, 0}, []float64{0, 0, 0, 0, 100, 0}},
	}
	study := []float64{4, 5, 9, 15, 67, 0}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LostReport(tt.counts)
			if len(got) != len(LostReasons) {
				t.Fatalf("%d lines, want %d", len(got), len(LostReasons))
			}
			for i, l := range got {
				if l.Reason != LostReasons[i] || l.Count != tt.count[i] || math.Abs(l.Percent-tt.percent[i]) > 1e-9 || l.StudyPercent != study[i] {
					t.Errorf("line %d = %+v, want %s %d %.2f%% (study %.0f%%)", i, l, LostReasons[i], tt.count[i], tt.percent[i], study[i])
				}
			}
		})
	}
	sum := 0.0
	for _, r := range LostReasons {
		sum += r.StudyPercent()
	}
	if sum != 100 {
		t.Errorf("the study's figures add up to %.0f%%", sum)
	}
}
