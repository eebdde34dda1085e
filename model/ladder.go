package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// The customer-type ladder (SEEDS.md section 2): ComputeStage places a
// client on a rung from their history; the owner adds what the history
// cannot show (Marks) and may pin a client to a rung by hand (Pin), the
// computed rung then staying a suggestion. Every move is kept as a
// StageChange.

// Marks are what the owner knows about a client that the ladder rules
// cannot see in the history.
type Marks struct {
	VIP          bool // a VIP whatever they spend, e.g. for the publicity they bring
	Blacklist    bool // on the black list whatever they owe
	BuysOnlyHere bool // buys this kind of goods only from you: an advocate
}

// Pin is a rung the owner chose by hand, with why; the zero Pin leaves the
// client to the rules.
type Pin struct {
	Stage  Stage
	Reason string
}

// FieldPin names the pin in validation errors.
const FieldPin = "pin"

// IsZero reports whether the client is placed by the rules.
func (p Pin) IsZero() bool { return p.Stage == "" }

// Normalize trims the reason, and drops it with the stage.
func (p *Pin) Normalize() {
	p.Reason = strings.TrimSpace(p.Reason)
	if p.Stage == "" {
		p.Reason = ""
	}
}

// Validate returns a *ValidationError for an unknown rung or an overlong
// reason, or nil.
func (p Pin) Validate() error {
	ve := &ValidationError{}
	if p.Stage != "" && !p.Stage.Valid() {
		ve.add(FieldPin, "Choose a rung of the ladder.")
	}
	if utf8.RuneCountInString(p.Reason) > MaxLongLen {
		ve.add(FieldPin, "The reason is too long; keep it under {{.Max}} characters.", "Max", MaxLongLen)
	}
	return ve.err()
}

// EffectiveStage is the rung a client stands on: the pinned one if the
// owner pinned them, else the computed one.
func EffectiveStage(computed Stage, p Pin) Stage {
	if p.Stage != "" {
		return p.Stage
	}
	return computed
}

// StageChange is one move of a client on the ladder.
type StageChange struct {
	ID       int64
	ClientID int64
	From, To Stage
	At       time.Time // when the move was made (an instant)
	ByHand   bool      // pinned or unpinned by the owner; else the rules moved them
	Reason   string    // the owner's reason for a pin
}

// Discount is the loyalty discount in percent for a client on rung st
// ("the more they buy, the bigger the discount"); 0 for none.
func (s LadderSettings) Discount(st Stage) int { return s.Discounts[st] }

// Field names of the ladder settings in validation errors.
const (
	FieldVIPSpend     = "vip_spend"
	FieldDebtDays     = "blacklist_debt_days"
	FieldLapsedDays   = "lapsed_days"
	FieldDiscounts    = "discounts"
	FieldNearVIPShare = "near_vip_percent"
)

// Validate returns a *ValidationError listing every setting out of range,
// or nil.
func (s LadderSettings) Validate() error {
	ve := &ValidationError{}
	if s.VIPSpend12m < 0 {
		ve.add(FieldVIPSpend, "The VIP threshold cannot be negative; use 0 to turn the rule off.")
	}
	if s.BlacklistDebtDays < 0 || s.BlacklistDebtDays > maxSettingDays {
		ve.add(FieldDebtDays, "Enter a number of days from 0 (rule off) to {{.Max}}.", "Max", maxSettingDays)
	}
	if s.LapsedMinGapDays < 1 || s.LapsedMinGapDays > maxSettingDays {
		ve.add(FieldLapsedDays, "Enter a number of days from 1 to {{.Max}}.", "Max", maxSettingDays)
	}
	if s.NearVIPPercent < 0 || s.NearVIPPercent > 100 {
		ve.add(FieldNearVIPShare, "Enter a percentage from 0 to 100.")
	}
	for st, d := range s.Discounts {
		if !st.Valid() || d < 0 || d > 100 {
			ve.add(FieldDiscounts, "A discount is a percentage from 0 to 100.")
			break
		}
	}
	return ve.err()
}

// The "ready to move up" hints, also their translation keys.
const (
	HintSecondSale = "One purchase so far: sell them a second."
	HintThirdSale  = "Two purchases: sell them the third."
	HintFirstSale  = "Contacted but never bought: make the first sale."
	HintNearVIP    = "Close to the VIP threshold."
)

// ReadyToMoveUp returns what would take a client on rung st one step up,
// when they are close to it, or "" when they are not:
//   - Prospects: contacted but never bought;
//   - Buyers with one or two purchases, not lapsed: the next sale;
//   - Loyal clients and advocates whose twelve-month spend is at least
//     NearVIPPercent of the VIP threshold.
func ReadyToMoveUp(st Stage, f StageFacts, s LadderSettings, today time.Time) string {
	switch st {
	case StageProspect:
		if f.Purchases == 0 && f.Contacts > 0 {
			return HintFirstSale
		}
	case StageBuyer:
		if Lapsed(f.PurchaseDates, today, s) {
			return ""
		}
		switch f.Purchases {
		case 1:
			return HintSecondSale
		case 2:
			return HintThirdSale
		}
	case StageLoyal, StageAdvocate:
		if s.VIPSpend12m > 0 && s.NearVIPPercent > 0 && f.Spend12m < s.VIPSpend12m &&
			int64(f.Spend12m)*100 >= int64(s.VIPSpend12m)*int64(s.NearVIPPercent) {
			return HintNearVIP
		}
	}
	return ""
}

// RungStat is one rung of the ladder view.
type RungStat struct {
	Stage   Stage
	Clients int
	Spend   Money // what its clients have spent in all
	Lapsed  int   // clients with the Lapsed badge
	Ready   int   // clients ready to move up (ReadyToMoveUp)
}

// MoveCount counts the moves from one rung to another.
type MoveCount struct {
	From, To Stage
	Count    int
}

// LadderSummary is the ladder at a glance: every rung in Stages order,
// and the moves of the last days.
type LadderSummary struct {
	Rungs    []RungStat
	MoveDays int
	Moves    []MoveCount // most frequent first
}

// LadderQuery asks a store for the clients on one rung, biggest spenders
// first.
type LadderQuery struct {
	Stage      Stage
	ReadyOnly  bool // only those ready to move up
	LapsedOnly bool // only those with the Lapsed badge
	Offset     int
	Limit      int // 0 for all
}
