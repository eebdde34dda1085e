package model

import "slices"

// LostShare is one line of the lost-clients report: how many clients were
// lost for a reason, their share of all lost clients, and the share the
// study behind the product found (SEEDS.md section 2).
type LostShare struct {
	Reason       LostReason
	Count        int
	Percent      float64 // of all lost clients; 0 when none were lost
	StudyPercent float64 // 0 for LostOther, which the study has no line for
}

// StudyPercent is the share of lost customers the study found for the
// reason: 4 / 5 / 9 / 15 / 67 %, and 0 for LostOther.
func (r LostReason) StudyPercent() float64 {
	switch r {
	case LostMovedOrDied:
		return 4
	case LostFriendsFamily:
		return 5
	case LostCompetitor:
		return 9
	case LostQuality:
		return 15
	case LostNoContact:
		return 67
	}
	return 0
}

// LostReport compares the owner's lost clients, counted by reason, with the
// study, one line per reason in LostReasons order. Counts under a reason
// that is not in LostReasons (an old or damaged record) are added to
// LostOther, so the total stays true.
func LostReport(counts map[LostReason]int) []LostShare {
	out := make([]LostShare, len(LostReasons))
	other := slices.Index(LostReasons, LostOther)
	total := 0
	for r, n := range counts {
		if n <= 0 {
			continue
		}
		total += n
		i := slices.Index(LostReasons, r)
		if i < 0 {
			i = other
		}
		out[i].Count += n
	}
	for i, r := range LostReasons {
		out[i].Reason = r
		out[i].StudyPercent = r.StudyPercent()
		if total > 0 {
			out[i].Percent = 100 * float64(out[i].Count) / float64(total)
		}
	}
	return out
}
