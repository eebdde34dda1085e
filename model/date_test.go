package model

import (
	"testing"
	"time"
)

func TestDay(t *testing.T) {
	yerevan := time.FixedZone("AMT", 4*3600)
	tests := []struct {
		name string
		in   time.Time
		want time.Time
	}{
		{"Zero", time.Time{}, time.Time{}},
		{"UTCMidnight", time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC)},
		{"LateEvening", time.Date(2026, 5, 3, 23, 59, 59, 999, time.UTC), time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC)},
		// The calendar day where the time was recorded, not the UTC instant's day.
		{"EarlyMorningEastOfUTC", time.Date(2026, 5, 3, 1, 0, 0, 0, yerevan), time.Date(2026, 5, 3, 0, 0, 0, 0, time.UTC)},
		{"LeapDay", time.Date(2024, 2, 29, 12, 0, 0, 0, yerevan), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Day(tt.in); !got.Equal(tt.want) || got.Location() != tt.want.Location() {
				t.Errorf("Day(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseFormatDate(t *testing.T) {
	tests := []struct {
		s       string
		want    time.Time
		wantErr bool
	}{
		{"", time.Time{}, false},
		{"2026-11-23", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC), false},
		{"2024-02-29", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), false},
		{"2023-02-29", time.Time{}, true},
		{"23.11.2026", time.Time{}, true},
		{"2026-1-2", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			got, err := ParseDate(tt.s)
			if (err != nil) != tt.wantErr || !got.Equal(tt.want) {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v, error %v", tt.s, got, err, tt.want, tt.wantErr)
			}
			if !tt.wantErr {
				if back := FormatDate(got); back != tt.s {
					t.Errorf("FormatDate(ParseDate(%q)) = %q", tt.s, back)
				}
			}
		})
	}
}

func TestDaysBetween(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		a, b time.Time
		want int
	}{
		{"SameDay", d(2026, 5, 3), d(2026, 5, 3).Add(23 * time.Hour), 0},
		{"NextDay", d(2026, 5, 3).Add(23 * time.Hour), d(2026, 5, 4), 1},
		{"Backwards", d(2026, 5, 4), d(2026, 5, 1), -3},
		{"OverLeapDay", d(2024, 2, 28), d(2024, 3, 1), 2},
		{"NoLeapDay", d(2023, 2, 28), d(2023, 3, 1), 1},
		{"Year", d(2025, 1, 1), d(2026, 1, 1), 365},
		// Romania moves its clocks on the last Sunday of March: still one day.
		{"OverDSTInLocalZone", time.Date(2026, 3, 28, 12, 0, 0, 0, time.FixedZone("EET", 2*3600)), time.Date(2026, 3, 29, 12, 0, 0, 0, time.FixedZone("EEST", 3*3600)), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DaysBetween(tt.a, tt.b); got != tt.want {
				t.Errorf("DaysBetween(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestDaysIn(t *testing.T) {
	tests := []struct {
		name  string
		month time.Month
		year  int
		want  int
	}{
		{"JanuaryAnyYear", time.January, 0, 31},
		{"FebruaryAnyYear", time.February, 0, 29},
		{"FebruaryLeap", time.February, 2024, 29},
		{"FebruaryCommon", time.February, 2026, 28},
		{"February1900", time.February, 1900, 28},
		{"February2000", time.February, 2000, 29},
		{"April", time.April, 2026, 30},
		{"AprilAnyYear", time.April, 0, 30},
		{"December", time.December, 2026, 31},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DaysIn(tt.month, tt.year); got != tt.want {
				t.Errorf("DaysIn(%v, %d) = %d, want %d", tt.month, tt.year, got, tt.want)
			}
		})
	}
}
