package model

import "time"

// The daily reminder: with the window closed, the app kept in the system
// tray (or menu bar) tells the owner once a day, at an hour they pick, how
// many clients to contact and how many promises fall due, because a client
// nobody contacts is the one who leaves (SEEDS §2: 67 % leave for lack of
// contact). These are its rules; the tray and the notification are in gui.

// DefaultReminderHour is the hour the reminder comes unless the owner picks
// another: the start of a shop's morning.
const DefaultReminderHour = 9

// Reminder is the owner's choice about the daily reminder.
type Reminder struct {
	// Hour is the hour of the day, 0-23 in local time, the reminder comes at.
	Hour int
	// LastSent is the day (as Day returns it) the reminder was last sent;
	// zero if never.
	LastSent time.Time
}

// Validate reports an hour outside 0-23.
func (r Reminder) Validate() error {
	if r.Hour < 0 || r.Hour > 23 {
		return &ValidationError{Fields: []FieldError{{Field: "hour", Message: "Choose an hour from 0 to 23."}}}
	}
	return nil
}

// at is the reminder time days after now's date, in now's location. On a
// day the clocks skip that hour, time.Date moves it forward by the gap.
func (r Reminder) at(now time.Time, days int) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d+days, r.Hour, 0, 0, 0, now.Location())
}

// Due reports whether the reminder should be sent at now: it is the
// reminder's hour or later today, and none was sent today. A computer
// asleep or off at the hour gets it when it wakes, later the same day; a
// day missed entirely is not made up.
func (r Reminder) Due(now time.Time) bool {
	return !now.Before(r.at(now, 0)) && !sameDay(r.LastSent, now)
}

// Next is when to look again after now: today's hour if it is still to
// come and unsent, else tomorrow's.
func (r Reminder) Next(now time.Time) time.Time {
	if t := r.at(now, 0); now.Before(t) && !sameDay(r.LastSent, now) {
		return t
	}
	return r.at(now, 1)
}

// sameDay reports whether the calendar day a (as Day returns it) is b's
// local date.
func sameDay(a, b time.Time) bool {
	if a.IsZero() {
		return false
	}
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// DailyNews is what the reminder says: clients to contact today (due today
// or overdue) and open promises due by today.
type DailyNews struct {
	Clients  int
	Promises int
}

// Worth reports whether there is anything to say: a reminder of nothing
// teaches the owner to ignore it.
func (n DailyNews) Worth() bool { return n.Clients > 0 || n.Promises > 0 }
