package model

// The day's list
//
// A due list of hundreds of clients cannot be finished, and a list that is
// never finished stops being read. So the owner says how many clients they
// can contact in a day (ScheduleSettings.DailyCapacity) and the check-ins
// view shows that many from the top of the due list: the day's list. The
// rest of what is due waits in the backlog and moves up as the days pass
// (its rows rank higher the later they get). Every client contacted today
// counts towards the day, so the list shrinks as the owner works and the
// day ends when it is empty.

// DefaultDailyCapacity is the size of the day's list of a new database.
const DefaultDailyCapacity = 15

// MaxDailyCapacity bounds the setting: more than this is not a day's work
// for one person.
const MaxDailyCapacity = 500

// FieldDailyCapacity names the capacity in validation errors.
const FieldDailyCapacity = "daily_capacity"

// DayPlan is how the due list splits as of a day.
type DayPlan struct {
	Capacity int // clients the owner can contact in a day
	Done     int // clients contacted today
	Today    int // the first Today rows of the list are still to do today
	Backlog  int // rows due or overdue that wait for another day
	Later    int // rows due in the coming days (this week and later)
}

// PlanDay splits a due list with counts c for an owner who can contact
// capacity clients a day and has contacted done of them today. The day's
// list is the top of the due list (open complaints first): as many rows as
// are left of the capacity, and never more than is due. A complaint that
// outlasts the day stays at the top of the backlog, and so of tomorrow's
// list. A capacity below 1 counts as the default.
func PlanDay(c DueCounts, capacity, done int) DayPlan {
	if capacity < 1 {
		capacity = DefaultDailyCapacity
	}
	done = max(done, 0)
	now := c.Now()
	today := min(now, max(capacity-done, 0))
	return DayPlan{
		Capacity: capacity,
		Done:     done,
		Today:    today,
		Backlog:  now - today,
		Later:    c.Total() - now,
	}
}

// Planned is the size of the whole day: what is done and what is left.
func (p DayPlan) Planned() int { return p.Done + p.Today }

// Finished reports whether nothing is left to do today.
func (p DayPlan) Finished() bool { return p.Today == 0 }
