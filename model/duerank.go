package model

import (
	"time"
)

// The due list of a shop with a hundred thousand clients can hold tens of
// thousands of rows, too many to describe every time the view opens. So a
// store keeps, for each client, where they stand in the list as of its
// day (DueRank, packed into one sortable number by Key), reads the counts
// and one page of clients in order from an index, and describes only the
// clients of that page (DueRows).

// DueRank is where a client stands in the due list as of a day: what
// DueFor's row would say about its order and filters, without the words.
type DueRank struct {
	Due       time.Time // the earliest due day among the reasons
	Section   Section
	Complaint bool // an open complaint is among the reasons: listed first
	AtRisk    bool // the row carries at-risk signals
}

// DueRankFor returns the client's rank as of today, or false when DueFor
// would list nothing. It agrees with DueFor: same due day, section,
// complaint and at-risk signals.
func DueRankFor(h History, s ScheduleSettings, today time.Time) (DueRank, bool) {
	var b builder
	b.start(&s, today)
	var buf [8]candidate
	pl, ok := b.place(&h, &s, today, lastContactDay(&h), buf[:0])
	if !ok {
		return DueRank{}, false
	}
	var sig [5]Signal
	return DueRank{
		Due:       pl.due,
		Section:   pl.section,
		Complaint: pl.complaint,
		AtRisk:    len(atRisk(&h, b.day, pl.checkInOverdue, sig[:0])) > 0,
	}, true
}

// DueGroup is a block of the due list: the rows with an open complaint
// (by section), then the other rows (by section). Groups are numbered in
// list order, 0 to 7.
type DueGroup int

// dueGroupBits is where the group starts in a key; below it is the day.
const dueGroupBits = 36

// Group returns the rank's block of the list.
func (r DueRank) Group() DueGroup {
	g := DueGroup(r.Section & 3)
	if !r.Complaint {
		g += 4
	}
	return g
}

// Key packs the rank into a number that sorts as DueList orders rows,
// before the name: complaint first, then section, then the longest overdue
// (which is the earliest due day), then the due day.
func (r DueRank) Key() int64 {
	return int64(r.Group())<<dueGroupBits | (dayNumber(r.Due)+1<<35)&(1<<dueGroupBits-1)
}

// GroupOfKey returns the group a key (from DueRank.Key) belongs to.
func GroupOfKey(key int64) DueGroup { return DueGroup(key >> dueGroupBits) }

// Complaint reports whether the group holds rows with an open complaint.
func (g DueGroup) Complaint() bool { return g < 4 }

// Section is the section of the group's rows.
func (g DueGroup) Section() Section { return Section(g & 3) }

// DueCounts counts the rows of a due list by group.
type DueCounts [8]int

// Total is the number of rows.
func (c DueCounts) Total() int {
	n := 0
	for _, k := range c {
		n += k
	}
	return n
}

// Complaints is the number of rows with an open complaint, listed first.
func (c DueCounts) Complaints() int { return c[0] + c[1] + c[2] + c[3] }

// Section is the number of rows in section s, with or without a complaint.
func (c DueCounts) Section(s Section) int { return c[s&3] + c[4+s&3] }

// Now is the number of clients to contact today: due today or overdue.
func (c DueCounts) Now() int { return c.Section(SectionOverdue) + c.Section(SectionToday) }

// DueQuery asks a store for part of the due list.
type DueQuery struct {
	AtRiskOnly bool // only rows with at-risk signals
	Offset     int  // rows to skip, in list order
	Limit      int  // rows to return; 0 for all
}

// DuePage is part of the due list, and the counts of the whole of it (as
// filtered by the query).
type DuePage struct {
	Counts DueCounts
	Offset int
	Items  []DueItem
}

// CountDue counts the rows of items by group.
func CountDue(items []DueItem) DueCounts {
	var c DueCounts
	for i := range items {
		c[rankOfItem(&items[i]).Group()]++
	}
	return c
}

// rankOfItem is the rank of a row DueFor made.
func rankOfItem(it *DueItem) DueRank {
	return DueRank{Due: it.Due, Section: it.Section, Complaint: hasComplaint(it), AtRisk: len(it.AtRisk) > 0}
}

// DueRows returns the rows of the clients in hs that are due as of today,
// in the order of hs (a store reads them in list order), sharing what
// DueList shares between rows.
func DueRows(hs []History, s ScheduleSettings, today time.Time) []DueItem {
	var b builder
	b.start(&s, today)
	rows := make([]DueItem, 0, len(hs))
	for i := range hs {
		if it, ok := b.dueFor(&hs[i], &s, today); ok {
			rows = append(rows, it)
		}
	}
	return rows
}
