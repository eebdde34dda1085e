package model

import "time"

// DateLayout is how dates are written in files and on the command line.
const DateLayout = "2006-01-02"

// Day returns t's calendar date at midnight UTC. Dates in Client Tracker are
// calendar days, not instants: a purchase made "on 3 May" stays on 3 May
// whatever the time zone of the machine that reads it.
func Day(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDate reads an ISO date such as "2026-11-23"; "" is the zero time.
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(DateLayout, s)
}

// FormatDate writes an ISO date; the zero time is "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// DaysBetween returns the whole calendar days from a to b (negative if b is
// earlier).
func DaysBetween(a, b time.Time) int {
	return int(Day(b).Sub(Day(a)).Hours() / 24)
}

// DaysIn returns how many days month has in year; year 0 means "any year",
// so February has 29 days.
func DaysIn(month time.Month, year int) int {
	if month == time.February && year == 0 {
		return 29
	}
	if year == 0 {
		year = 2001
	}
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
