package model

import (
	"testing"
	"time"
)

func TestReminderDue(t *testing.T) {
	tbilisi := time.FixedZone("GET", 4*3600)
	at := func(day, hm string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", day+" "+hm, tbilisi)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	tests := []struct {
		name     string
		hour     int
		lastSent string
		now      time.Time
		due      bool
		next     time.Time
	}{
		{"BeforeTheHour", 9, "2026-12-05", at("2026-12-06", "08:59"), false, at("2026-12-06", "09:00")},
		{"AtTheHour", 9, "2026-12-05", at("2026-12-06", "09:00"), true, at("2026-12-07", "09:00")},
		{"LaterThatDayAfterSleep", 9, "2026-12-05", at("2026-12-06", "17:30"), true, at("2026-12-07", "09:00")},
		{"AlreadySentToday", 9, "2026-12-06", at("2026-12-06", "10:00"), false, at("2026-12-07", "09:00")},
		{"SentTodayBeforeTheHourAfterAChange", 18, "2026-12-06", at("2026-12-06", "10:00"), false, at("2026-12-07", "18:00")},
		{"NeverSent", 9, "", at("2026-12-06", "09:01"), true, at("2026-12-07", "09:00")},
		{"MidnightHour", 0, "2026-12-05", at("2026-12-06", "00:00"), true, at("2026-12-07", "00:00")},
		{"LastHourOfTheDay", 23, "2026-12-05", at("2026-12-06", "22:00"), false, at("2026-12-06", "23:00")},
		{"MonthEnd", 9, "2026-12-31", at("2026-12-31", "21:00"), false, at("2027-01-01", "09:00")},
		// Just after midnight local is still the previous day in UTC:
		// the day compared is the local one.
		{"LocalDayNotUTC", 0, "2026-12-05", at("2026-12-06", "00:30"), true, at("2026-12-07", "00:00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Reminder{Hour: tt.hour, LastSent: day(tt.lastSent)}
			if got := r.Due(tt.now); got != tt.due {
				t.Errorf("Due(%s) = %v, want %v", tt.now, got, tt.due)
			}
			if got := r.Next(tt.now); !got.Equal(tt.next) {
				t.Errorf("Next(%s) = %s, want %s", tt.now, got, tt.next)
			}
		})
	}
}

func TestReminderDaylightSaving(t *testing.T) {
	bucharest, err := time.LoadLocation("Europe/Bucharest")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	// Clocks go from 03:00 to 04:00 on 29 March 2026: a 03:00 reminder
	// comes at 04:00 that day, once.
	r := Reminder{Hour: 3}
	before := time.Date(2026, 3, 29, 2, 59, 0, 0, bucharest)
	next := r.Next(before)
	if next.Hour() != 4 || next.Day() != 29 {
		t.Fatalf("Next = %s, want 29 March 04:00", next)
	}
	if r.Due(before) || !r.Due(next) {
		t.Errorf("Due before = %v, at %s = %v", r.Due(before), next, r.Due(next))
	}
}

func TestReminderValidate(t *testing.T) {
	for _, h := range []int{0, 9, 23} {
		if err := (Reminder{Hour: h}).Validate(); err != nil {
			t.Errorf("hour %d: %v", h, err)
		}
	}
	for _, h := range []int{-1, 24} {
		if _, ok := AsValidation((Reminder{Hour: h}).Validate()); !ok {
			t.Errorf("hour %d: want a validation error", h)
		}
	}
}

func TestDailyNewsWorth(t *testing.T) {
	for _, tt := range []struct {
		n    DailyNews
		want bool
	}{{DailyNews{}, false}, {DailyNews{Clients: 15}, true}, {DailyNews{Promises: 2}, true}} {
		if got := tt.n.Worth(); got != tt.want {
			t.Errorf("%+v.Worth() = %v", tt.n, got)
		}
	}
}
