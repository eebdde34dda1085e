package model

import "time"

// Check-ins due versus done
//
// How many check-ins were due on a past day cannot be computed again: the
// due list of that day depended on the schedule settings, the contacts and
// the purchases as they stood then. So the store records the day's list as
// it first stood each day (DayRecord) and the insights compare, week by
// week, the check-ins the day's lists asked for with the clients contacted
// on those same days. Days before the recording started, and days the app
// was not opened, have no record and count in neither.

// DayRecord is the day's list as it first stood on a day, and how many
// clients were contacted that day.
type DayRecord struct {
	Day     time.Time // the owner's calendar day
	Planned int       // check-ins the day's list asked for (DayPlan.Planned)
	Done    int       // clients contacted that day
}

// WeekCheckIns is one week (Monday to Sunday) of recorded days.
type WeekCheckIns struct {
	Week time.Time // the Monday
	Days int       // days of the week with a record, inside the period
	Due  int       // check-ins the day's lists asked for on those days
	Done int       // clients contacted on those days
}

// DonePercent is Done of Due, capped at 100: more contacts than the list
// asked for is a week kept up with, not more than kept up with. 0 when
// nothing was due.
func (w WeekCheckIns) DonePercent() float64 {
	if w.Due == 0 {
		return 0
	}
	return min(100, 100*float64(w.Done)/float64(w.Due))
}

// WeekOf returns the Monday of day d's week.
func WeekOf(d time.Time) time.Time {
	d = Day(d)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// CheckInWeeks sums the records of the days of period p into weeks, from
// the week of the first record in p to the week of the last (a week
// between them with no record has Days 0); records outside p are ignored.
// No record in p: no weeks.
func CheckInWeeks(p Period, days []DayRecord) []WeekCheckIns {
	var first, last time.Time
	for _, r := range days {
		if !p.Contains(r.Day) {
			continue
		}
		d := Day(r.Day)
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	if first.IsZero() {
		return nil
	}
	var out []WeekCheckIns
	for w := WeekOf(first); !w.After(last); w = w.AddDate(0, 0, 7) {
		out = append(out, WeekCheckIns{Week: w})
	}
	for _, r := range days {
		if !p.Contains(r.Day) {
			continue
		}
		i := DaysBetween(out[0].Week, Day(r.Day)) / 7
		out[i].Days++
		out[i].Due += r.Planned
		out[i].Done += r.Done
	}
	return out
}
