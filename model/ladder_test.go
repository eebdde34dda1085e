package model

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func TestEffectiveStageAndPin(t *testing.T) {
	if got := EffectiveStage(StageBuyer, Pin{}); got != StageBuyer {
		t.Errorf("unpinned: %s, want the computed rung", got)
	}
	if got := EffectiveStage(StageBuyer, Pin{Stage: StageVIP, Reason: "brings publicity"}); got != StageVIP {
		t.Errorf("pinned: %s, want the pin", got)
	}
	p := Pin{Reason: "  stray  "}
	p.Normalize()
	if p.Reason != "" {
		t.Errorf("a reason without a rung should be dropped, got %q", p.Reason)
	}
	for _, tc := range []struct {
		name string
		pin  Pin
		ok   bool
	}{
		{"OK", Pin{Stage: StageLoyal, Reason: "old friend"}, true},
		{"Unpinned", Pin{}, true},
		{"ErrUnknownRung", Pin{Stage: "gold"}, false},
		{"ErrLongReason", Pin{Stage: StageVIP, Reason: string(make([]byte, MaxLongLen+1))}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.pin.Validate()
			if (err == nil) != tc.ok {
				t.Fatalf("Validate() = %v", err)
			}
			if err != nil {
				if ve, ok := AsValidation(err); !ok || len(ve.Fields) == 0 || ve.Fields[0].Field != FieldPin {
					t.Errorf("error %v should name the pin", err)
				}
			}
		})
	}
}

func TestLadderSettingsValidateAndDiscount(t *testing.T) {
	s := DefaultLadderSettings()
	if err := s.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	if s.Discount(StageLoyal) != 5 || s.Discount(StageAdvocate) != 7 || s.Discount(StageVIP) != 10 || s.Discount(StageBuyer) != 0 {
		t.Errorf("default discounts %v", s.Discounts)
	}
	for name, mutate := range map[string]func(*LadderSettings){
		"NegativeVIP":      func(s *LadderSettings) { s.VIPSpend12m = -1 },
		"NegativeDebtDays": func(s *LadderSettings) { s.BlacklistDebtDays = -3 },
		"ZeroLapsedDays":   func(s *LadderSettings) { s.LapsedMinGapDays = 0 },
		"DiscountOver100":  func(s *LadderSettings) { s.Discounts = map[Stage]int{StageVIP: 101} },
		"DiscountUnknown":  func(s *LadderSettings) { s.Discounts = map[Stage]int{"gold": 5} },
		"NearVIPOver100":   func(s *LadderSettings) { s.NearVIPPercent = 120 },
	} {
		t.Run(name, func(t *testing.T) {
			bad := DefaultLadderSettings()
			mutate(&bad)
			if bad.Validate() == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestReadyToMoveUp(t *testing.T) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	ago := func(days ...int) []time.Time {
		var ds []time.Time
		for _, d := range days {
			ds = append(ds, today.AddDate(0, 0, -d))
		}
		return ds
	}
	s := DefaultLadderSettings() // VIP at 2,000.00, near at 75 %
	for _, tc := range []struct {
		name  string
		stage Stage
		f     StageFacts
		want  string
	}{
		{"ProspectNeverBought", StageProspect, StageFacts{Contacts: 2}, HintFirstSale},
		{"NewbieIsNotReady", StageNewbie, StageFacts{}, ""},
		{"BuyerOnePurchase", StageBuyer, StageFacts{Purchases: 1, PurchaseDates: ago(10)}, HintSecondSale},
		{"BuyerTwoPurchases", StageBuyer, StageFacts{Purchases: 2, PurchaseDates: ago(40, 10)}, HintThirdSale},
		{"BuyerLapsed", StageBuyer, StageFacts{Purchases: 2, PurchaseDates: ago(400, 200)}, ""},
		{"BuyerThreeLapsed", StageBuyer, StageFacts{Purchases: 3, PurchaseDates: ago(300, 290, 280)}, ""},
		{"LoyalAt75Percent", StageLoyal, StageFacts{Purchases: 5, Spend12m: 150000}, HintNearVIP},
		{"LoyalJustBelow", StageLoyal, StageFacts{Purchases: 5, Spend12m: 149999}, ""},
		{"AdvocateNear", StageAdvocate, StageFacts{Referrals: 1, Spend12m: 190000}, HintNearVIP},
		{"VIPIsTop", StageVIP, StageFacts{Spend12m: 500000}, ""},
		{"BlacklistNever", StageBlacklist, StageFacts{Purchases: 2}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ReadyToMoveUp(tc.stage, tc.f, s, today); got != tc.want {
				t.Errorf("ReadyToMoveUp = %q, want %q", got, tc.want)
			}
		})
	}
	off := s
	off.NearVIPPercent = 0
	if got := ReadyToMoveUp(StageLoyal, StageFacts{Spend12m: 190000}, off, today); got != "" {
		t.Errorf("near-VIP hint with the rule off: %q", got)
	}
}

// TestPropertyStageDependsOnlyOnHistory: the computed rung is a function of
// the client's history and the settings alone: the same facts give the
// same rung whatever the order of the purchase dates, and computing it
// leaves the facts as they were.
func TestPropertyStageDependsOnlyOnHistory(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	seen := map[Stage]int{}
	for i := range 5000 {
		f := StageFacts{
			Purchases:             r.IntN(6),
			Contacts:              r.IntN(3),
			Referrals:             r.IntN(4) / 3,
			BuysOnlyHere:          r.IntN(20) == 0,
			MarkedVIP:             r.IntN(30) == 0,
			MarkedBlacklist:       r.IntN(30) == 0,
			Spend12m:              Money(r.IntN(300000)),
			OldestOverdueDebtDays: r.IntN(100) * r.IntN(2),
		}
		for range f.Purchases {
			f.PurchaseDates = append(f.PurchaseDates, today.AddDate(0, 0, -r.IntN(900)))
		}
		s := DefaultLadderSettings()
		s.VIPSpend12m = Money(100000 + r.IntN(200000))
		want := ComputeStage(f, s, today)
		seen[want]++
		before := slices.Clone(f.PurchaseDates)
		shuffled := f
		shuffled.PurchaseDates = slices.Clone(f.PurchaseDates)
		r.Shuffle(len(shuffled.PurchaseDates), func(a, b int) {
			shuffled.PurchaseDates[a], shuffled.PurchaseDates[b] = shuffled.PurchaseDates[b], shuffled.PurchaseDates[a]
		})
		if got := ComputeStage(shuffled, s, today); got != want {
			t.Fatalf("case %d: %s with the dates in another order, %s before", i, got, want)
		}
		if again := ComputeStage(f, s, today); again != want || !slices.Equal(f.PurchaseDates, before) {
			t.Fatalf("case %d: a second computation gave %s or changed the facts", i, again)
		}
	}
	for _, st := range Stages {
		if seen[st] == 0 {
			t.Errorf("no case reached %s; the generator is too narrow", st)
		}
	}
}
