package model

import "time"

// MonthLost is how many clients were marked lost in one month, by reason,
// beside the study's shares: the trend of why clients leave.
type MonthLost struct {
	Month time.Time
	Lost  []LostShare // LostReasons order, as LostReport
}

// Total is how many clients were marked lost in the month.
func (m MonthLost) Total() int {
	n := 0
	for _, l := range m.Lost {
		n += l.Count
	}
	return n
}

// NoContact is the month's line for lack of contact, the study's 67 %.
func (m MonthLost) NoContact() LostShare {
	for _, l := range m.Lost {
		if l.Reason == LostNoContact {
			return l
		}
	}
	return LostShare{Reason: LostNoContact, StudyPercent: LostNoContact.StudyPercent()}
}

// LostCount is how many clients were marked lost for a reason on days of
// one month, as the store counts them.
type LostCount struct {
	Month  time.Time // any day of the month
	Reason LostReason
	Count  int
}

// LostTrend returns one MonthLost per month of p from counts; counts of
// months outside p are ignored.
func LostTrend(p Period, counts []LostCount) []MonthLost {
	months := p.Months()
	byMonth := make([]map[LostReason]int, len(months))
	for _, c := range counts {
		d := Day(c.Month)
		if d.Before(p.From) && d.Year() == p.From.Year() && d.Month() == p.From.Month() {
			d = p.From // the first month of a period starting mid-month
		}
		i := p.MonthIndex(d)
		if i < 0 || i >= len(months) {
			continue
		}
		if byMonth[i] == nil {
			byMonth[i] = map[LostReason]int{}
		}
		byMonth[i][c.Reason] += c.Count
	}
	out := make([]MonthLost, len(months))
	for i, m := range months {
		out[i] = MonthLost{Month: m, Lost: LostReport(byMonth[i])}
	}
	return out
}
