package model

import (
	"strconv"
	"strings"
	"time"
)

// ContactTime returns the instant a person means by a calendar day (as a
// date input gives it) and a clock time typed as "16:30", "9:05" or "9.05",
// in loc; false when the clock is not a time of day. Whether the instant
// is acceptable (not in the future) is Interaction.Validate's to say.
func ContactTime(day time.Time, clock string, loc *time.Location) (time.Time, bool) {
	clock = strings.TrimSpace(clock)
	hs, ms, ok := strings.Cut(clock, ":")
	if !ok {
		hs, ms, ok = strings.Cut(clock, ".")
	}
	if !ok || day.IsZero() || len(ms) != 2 || len(hs) < 1 || len(hs) > 2 {
		return time.Time{}, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return time.Time{}, false
	}
	y, mo, d := day.Date()
	return time.Date(y, mo, d, h, m, 0, 0, loc), true
}
