package model

import (
	"math"
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
	// Priority orders the rows of the overdue and today sections before
	// their due day (see DuePriority); 0 in the other sections.
	Priority int
	// Debt is what the client owes past its day when money owed sets the
	// row's priority (PriorityDebt): bigger debts come first.
	Debt Money
}

// DueRankFor returns the client's rank as of today, or false when DueFor
// would list nothing. It agrees with DueFor: same due day, section,
// complaint and at-risk signals.
func DueRankFor(h History, s ScheduleSettings, today time.Time) (DueRank, bool) {
	var b builder
	b.start(&s, today)
	var buf [8]candidate
	pl, reasons, ok := b.place(&h, &s, today, lastContactDay(&h), buf[:0])
	if !ok {
		return DueRank{}, false
	}
	var sig [5]Signal
	risk := len(atRisk(&h, b.day, pl.checkInOverdue, sig[:0])) > 0
	r := DueRank{
		Due:       pl.due,
		Section:   pl.section,
		Complaint: pl.complaint,
		AtRisk:    risk,
		Priority:  DuePriority(pl.section, reasonNow(reasons, ReasonPromise, b.day), reasonNow(reasons, ReasonPayment, b.day), risk, h.Stage),
	}
	if r.Priority == PriorityDebt {
		r.Debt = h.OverdueDebt
	}
	return r, true
}

// DueRankVersion changes whenever what DueRank.Key packs changes, so a
// store knows that the keys it holds were packed by an older version and
// computes them again.
const DueRankVersion = 3

// The first priorities of DuePriority.
const (
	PriorityPromise = 0 // a promise due: the owner's word
	PriorityDebt    = 1 // money owed past its day, bigger debts first
)

// DuePriority says how much a row of the overdue or today section matters,
// lower first; rows of the same priority go by how late they are (and
// debts by their size first). What the seeds say matters most comes first:
// a promise due (keep it, or the customer stops trusting you), then money
// owed past its day (the owner's money), then clients at risk, by the
// value of their rung (VIP, Advocate, Loyal, Buyer, Prospect, Newbie),
// then the rest by rung. Open complaints are ranked before all of these,
// by their own group. Later sections go by due day alone (priority 0).
func DuePriority(section Section, promiseDue, debtDue, atRisk bool, stage Stage) int {
	if section != SectionOverdue && section != SectionToday {
		return 0
	}
	if promiseDue {
		return PriorityPromise
	}
	if debtDue {
		return PriorityDebt
	}
	p := 2 + rungValue(stage)
	if !atRisk {
		p += 6
	}
	return p
}

// rungValue is 0 for the most valuable rung (VIP) to 5 for a Newbie (or a
// client with no rung yet).
func rungValue(st Stage) int {
	switch st {
	case StageVIP:
		return 0
	case StageAdvocate:
		return 1
	case StageLoyal:
		return 2
	case StageBuyer:
		return 3
	case StageProspect:
		return 4
	}
	return 5
}

// reasonNow reports whether a reason of kind k among cs is due on or
// before day.
func reasonNow(cs []candidate, k ReasonKind, day time.Time) bool {
	for _, c := range cs {
		if c.kind == k && !c.due.After(day) {
			return true
		}
	}
	return false
}

// DebtBand sorts debts by size on a logarithmic scale, four steps a decade
// (each step about 1.8 times the one before), whatever the currency: 0 for
// nothing owed, then higher for bigger debts. Among debts, a bigger band
// comes first; within a band, the older debt. So a small debt long past
// its day no longer heads the list over a large one just past its day,
// while debts of about the same size still go by how late they are.
func DebtBand(m Money) int {
	if m <= 0 {
		return 0
	}
	return 1 + int(4*math.Log10(float64(m)))
}

// DueGroup is a block of the due list: the rows with an open complaint
// (by section), then the other rows (by section). Groups are numbered in
// list order, 0 to 7.
type DueGroup int

// DueGroupBits is where the group starts in a key; below it are the
// priority (4 bits) and the day (36 bits).
const DueGroupBits = 40

// duePriorityBits is where the priority starts in a key.
const duePriorityBits = 36

// Group returns the rank's block of the list.
func (r DueRank) Group() DueGroup {
	g := DueGroup(r.Section & 3)
	if !r.Complaint {
		g += 4
	}
	return g
}

// Key packs the rank into a number that sorts as DueList orders rows,
// before the name: complaint first, then section, then priority, then (for
// debts) the bigger debt, then the longest overdue (which is the earliest
// due day), then the due day. A debt's band takes the top bits of the day's
// field; the day keeps 24 bits, some 45,000 years either side of 1970.
func (r DueRank) Key() int64 {
	day := (dayNumber(r.Due) + 1<<35) & (1<<duePriorityBits - 1)
	if r.Priority == PriorityDebt {
		day = int64(debtBandBits-1-min(DebtBand(r.Debt), debtBandBits-1))<<24 | (dayNumber(r.Due)+1<<23)&(1<<24-1)
	}
	return int64(r.Group())<<DueGroupBits | int64(r.Priority&15)<<duePriorityBits | day
}

// debtBandBits bounds the bands a key tells apart: the largest Money
// (about 9.2e18) is band 76.
const debtBandBits = 128

// GroupOfKey returns the group a key (from DueRank.Key) belongs to.
func GroupOfKey(key int64) DueGroup { return DueGroup(key >> DueGroupBits) }

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
	// Capacity and Done plan the day (PlanDay): the owner's daily capacity
	// and the clients contacted on the list's day, whatever the filter.
	Capacity int
	Done     int
}

// Plan splits the page's list into the day's list, the backlog and later
// (see PlanDay).
func (p DuePage) Plan() DayPlan { return PlanDay(p.Counts, p.Capacity, p.Done) }

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
	r := DueRank{Due: it.Due, Section: it.Section, Complaint: hasComplaint(it), AtRisk: len(it.AtRisk) > 0, Priority: it.Priority}
	if r.Priority == PriorityDebt {
		r.Debt = itemDebt(it)
	}
	return r
}

// itemDebt is what a row says the client owes past its day (0 if nothing).
func itemDebt(it *DueItem) Money {
	for _, rs := range it.Reasons {
		if rs.Kind == ReasonPayment {
			m, _ := rs.Data["Amount"].(Money)
			return m
		}
	}
	return 0
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
