package model

import "time"

// DueRowMaker describes the rows of the due list one client at a time, as
// DueRows does for a slice, for a store that streams a long list instead
// of holding every client's history at once. It shares what DueRows
// shares between rows. The zero value is not ready: use NewDueRowMaker.
type DueRowMaker struct {
	b     builder
	s     ScheduleSettings
	today time.Time
}

// NewDueRowMaker returns a maker of the due rows as of today.
func NewDueRowMaker(s ScheduleSettings, today time.Time) *DueRowMaker {
	m := &DueRowMaker{s: s, today: today}
	m.b.start(&m.s, today)
	return m
}

// Row returns the row of the client of h, and false if nothing about them
// is due as of the maker's day. The row does not refer to h.
func (m *DueRowMaker) Row(h *History) (DueItem, bool) {
	return m.b.dueFor(h, &m.s, m.today)
}
