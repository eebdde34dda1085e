package model

import (
	"testing"
	"time"
)

// TestFirstCheckInsSpread: 500 contacts imported today from a phone, none
// ever contacted, fill the next four weeks evenly rather than all falling
// due at once (or years late).
func TestFirstCheckInsSpread(t *testing.T) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	s := DefaultScheduleSettings()
	perDay := map[time.Time]int{}
	for id := int64(1001); id <= 1500; id++ {
		h := History{Client: Client{ID: id, Name: "x", CreatedAt: today.Add(14 * time.Hour)}}
		r, ok := DueRankFor(h, s, today.AddDate(0, 0, 40))
		if !ok {
			t.Fatalf("client %d is never due", id)
		}
		perDay[r.Due]++
		if d := DaysBetween(today, r.Due); d < 1 || d > s.FirstCheckInDays {
			t.Fatalf("client %d due %d days after the import, want 1 to %d", id, d, s.FirstCheckInDays)
		}
	}
	if len(perDay) != s.FirstCheckInDays {
		t.Errorf("first check-ins fall on %d days, want every one of %d", len(perDay), s.FirstCheckInDays)
	}
	for d, n := range perDay {
		if n > 500/s.FirstCheckInDays+1 {
			t.Errorf("%d first check-ins on %s: not spread", n, FormatDate(d))
		}
	}
}

// TestReasonWindows: the follow-up and the occasions lapse after the
// windows of the settings.
func TestReasonWindows(t *testing.T) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	base := func() History {
		return History{Client: Client{ID: 1, Name: "x", Since: today.AddDate(-3, 0, -10), Plan: ContactPlan{CheckInDays: MaxCheckInDays}},
			LastContact: today.AddDate(-3, 0, -9)}
	}
	for _, tc := range []struct {
		name   string
		edit   func(h *History, s *ScheduleSettings)
		kind   ReasonKind
		listed bool
	}{
		{"FollowUpInWindow", func(h *History, s *ScheduleSettings) {
			h.LastPurchase = Purchase{Item: "boots", Date: today.AddDate(0, 0, -12)}
			s.FollowUpWindowDays = 7
		}, ReasonFollowUp, false},
		{"FollowUpWiderWindow", func(h *History, s *ScheduleSettings) {
			h.LastPurchase = Purchase{Item: "boots", Date: today.AddDate(0, 0, -12)}
			s.FollowUpWindowDays = 14
		}, ReasonFollowUp, true},
		{"AnniversaryLapsed", func(h *History, s *ScheduleSettings) { s.OccasionWindowDays = 7 }, ReasonAnniversary, false},
		{"AnniversaryInWindow", func(h *History, s *ScheduleSettings) { s.OccasionWindowDays = 10 }, ReasonAnniversary, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, s := base(), DefaultScheduleSettings()
			tc.edit(&h, &s)
			it, ok := DueFor(h, s, today)
			_, listed := reasonOf(it, tc.kind)
			if (ok && listed) != tc.listed {
				t.Errorf("%s listed %v, want %v (%+v)", tc.kind, ok && listed, tc.listed, it.Reasons)
			}
		})
	}
}
