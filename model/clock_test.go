package model

import (
	"testing"
	"time"
)

func TestContactTime(t *testing.T) {
	day := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	yerevan := time.FixedZone("AMT", 4*3600)
	for _, tc := range []struct {
		clock string
		want  time.Time
		ok    bool
	}{
		{"16:30", time.Date(2026, 11, 22, 16, 30, 0, 0, yerevan), true},
		{" 9:05 ", time.Date(2026, 11, 22, 9, 5, 0, 0, yerevan), true},
		{"9.05", time.Date(2026, 11, 22, 9, 5, 0, 0, yerevan), true},
		{"00:00", time.Date(2026, 11, 22, 0, 0, 0, 0, yerevan), true},
		{"24:00", time.Time{}, false},
		{"12:60", time.Time{}, false},
		{"1630", time.Time{}, false},
		{"12:5", time.Time{}, false},
		{"noon", time.Time{}, false},
		{"", time.Time{}, false},
		{"-1:30", time.Time{}, false},
	} {
		got, ok := ContactTime(day, tc.clock, yerevan)
		if ok != tc.ok || !got.Equal(tc.want) {
			t.Errorf("ContactTime(%q) = %v %v, want %v %v", tc.clock, got, ok, tc.want, tc.ok)
		}
	}
	if _, ok := ContactTime(time.Time{}, "10:00", yerevan); ok {
		t.Error("no day, yet a time")
	}
	// A contact typed for later today is refused by the contact's rule.
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, yerevan)
	at, _ := ContactTime(day, "18:00", yerevan)
	i := Interaction{ClientID: 1, At: at, Channel: ContactCall}
	if err := i.Validate(now); err == nil {
		t.Error("a contact six hours ahead was accepted")
	}
}
