package model

import (
	"math"
	"slices"
	"time"
)

// LadderSettings are the owner's thresholds for the customer-type ladder.
type LadderSettings struct {
	// VIPSpend12m is the spend over the last twelve months, in minor units,
	// at or above which a client is a VIP; 0 turns the rule off.
	VIPSpend12m Money
	// BlacklistDebtDays: a client whose oldest unpaid balance is overdue by
	// more than this many days goes on the black list; 0 turns the rule off.
	BlacklistDebtDays int
	// LapsedMinGapDays is how long a client with fewer than three purchase
	// days may go without buying before they count as lapsed.
	LapsedMinGapDays int
	// NearVIPPercent: a loyal client or advocate who has spent at least
	// this share of VIPSpend12m is "ready to move up"; 0 turns it off.
	NearVIPPercent int
	// Discounts is the loyalty discount in percent per rung; rungs absent
	// get none.
	Discounts map[Stage]int
}

// DefaultLadderSettings returns the thresholds of a new database.
func DefaultLadderSettings() LadderSettings {
	return LadderSettings{VIPSpend12m: 200000, BlacklistDebtDays: 60, LapsedMinGapDays: 180, NearVIPPercent: 75,
		Discounts: map[Stage]int{StageLoyal: 5, StageAdvocate: 7, StageVIP: 10}}
}

// StageFacts are what the ladder rules need to know about one client; the
// store loads them.
type StageFacts struct {
	Purchases             int // number of purchases
	Contacts              int // number of logged contacts
	Referrals             int // clients who name this one as "referred by"
	BuysOnlyHere          bool
	MarkedVIP             bool
	MarkedBlacklist       bool
	Spend12m              Money // spend over the twelve months up to today
	OldestOverdueDebtDays int   // days the oldest overdue unpaid balance is past its due date; 0 if none
	PurchaseDates         []time.Time
}

// ComputeStage places a client on the ladder as of today. The first rule
// that holds wins:
//   - Black list: marked, or an unpaid balance overdue by more than
//     BlacklistDebtDays;
//   - VIP: marked, or Spend12m at or above VIPSpend12m;
//   - Advocate: a Loyal client (below) who has also referred at least one
//     client, or buys only here: the rung sits above Loyal, so referrals
//     and the mark count once the client buys steadily;
//   - Loyal: three or more purchases and not Lapsed;
//   - Buyer: one or two purchases, or three or more but Lapsed;
//   - Prospect: at least one contact and no purchase;
//   - Newbie: neither purchase nor contact.
//
// It depends on nothing but its arguments, and not on the order of
// PurchaseDates.
func ComputeStage(f StageFacts, s LadderSettings, today time.Time) Stage {
	switch {
	case f.MarkedBlacklist || (s.BlacklistDebtDays > 0 && f.OldestOverdueDebtDays > s.BlacklistDebtDays):
		return StageBlacklist
	case f.MarkedVIP || (s.VIPSpend12m > 0 && f.Spend12m >= s.VIPSpend12m):
		return StageVIP
	case f.Purchases >= 3 && !Lapsed(f.PurchaseDates, today, s):
		if f.Referrals > 0 || f.BuysOnlyHere {
			return StageAdvocate
		}
		return StageLoyal
	case f.Purchases > 0:
		return StageBuyer
	case f.Contacts > 0:
		return StageProspect
	}
	return StageNewbie
}

// Lapsed reports whether a client has stopped buying as of today: with at
// least three purchase days, no purchase for more than twice the median gap
// between them; with fewer, no purchase for more than LapsedMinGapDays.
// Several purchases on one day count as one visit, so a single shopping trip
// does not make a rhythm. A client who never bought has not lapsed. The
// order of dates does not matter and dates is not modified.
func Lapsed(dates []time.Time, today time.Time, s LadderSettings) bool {
	r := rhythmOf(dates, today)
	switch {
	case r.days == 0:
		return false
	case r.days >= 3:
		return r.pastTwiceMedian
	}
	return r.since > int64(s.LapsedMinGapDays)
}

// rhythm is how a client buys as of a day: on how many distinct days, how
// many days ago the last one was, and, with at least three, whether that is
// more than twice the median gap between consecutive ones.
type rhythm struct {
	days            int
	since           int64
	pastTwiceMedian bool
}

func rhythmOf(dates []time.Time, today time.Time) rhythm {
	// Day numbers (then gaps), on the stack for the usual client.
	var buf [64]int64
	ds := buf[:0]
	for _, t := range dates {
		if !t.IsZero() {
			ds = append(ds, dayNumber(t))
		}
	}
	if len(ds) == 0 {
		return rhythm{}
	}
	if !slices.IsSorted(ds) { // the store usually hands them over in order
		slices.Sort(ds)
	}
	ds = slices.Compact(ds)
	r := rhythm{days: len(ds), since: dayNumber(today) - ds[len(ds)-1]}
	if len(ds) < 3 {
		return r
	}
	gaps := ds[:len(ds)-1]
	lo, hi := int64(math.MaxInt64), int64(0)
	for i := range gaps {
		g := ds[i+1] - ds[i]
		gaps[i] = g
		lo, hi = min(lo, g), max(hi, g)
	}
	// The median lies between the smallest and the largest gap, which
	// usually settles the question without sorting.
	switch {
	case r.since <= 2*lo:
	case r.since > 2*hi:
		r.pastTwiceMedian = true
	default:
		slices.Sort(gaps)
		m := len(gaps) / 2
		median := float64(gaps[m])
		if len(gaps)%2 == 0 {
			median = float64(gaps[m-1]+gaps[m]) / 2
		}
		r.pastTwiceMedian = float64(r.since) > 2*median
	}
	return r
}

// Valid reports whether s is one of Stages.
func (s Stage) Valid() bool { return slices.Contains(Stages, s) }

// Label is the English name of the rung, also its translation key.
func (s Stage) Label() string {
	switch s {
	case StageNewbie:
		return "Newbie"
	case StageProspect:
		return "Prospect"
	case StageBuyer:
		return "Buyer"
	case StageLoyal:
		return "Loyal"
	case StageAdvocate:
		return "Advocate"
	case StageVIP:
		return "VIP"
	case StageBlacklist:
		return "Black list"
	}
	return string(s)
}

// Advice is the seeds' one line on what to do with a client on the rung
// (SEEDS.md section 2), also its translation key; "" for an unknown stage.
func (s Stage) Advice() string {
	switch s {
	case StageNewbie:
		return "Inform them about what you offer."
	case StageProspect:
		return "Offer them your goods on advantageous terms."
	case StageBuyer:
		return "Sell to them a third time and beyond."
	case StageLoyal:
		return "Accompany them and keep them."
	case StageAdvocate:
		return "Show them you appreciate them."
	case StageVIP:
		return "Give them goods in exchange for help such as publicity."
	case StageBlacklist:
		return "Stop credit and recover what is owed."
	}
	return ""
}
