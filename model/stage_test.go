package model

import (
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// every returns count purchase days gap days apart, the last one lastAgo
// days before today0, oldest first.
func every(gap, count, lastAgo int) []time.Time {
	var ds []time.Time
	for i := count - 1; i >= 0; i-- {
		ds = append(ds, rel(-lastAgo-gap*i))
	}
	return ds
}

func TestDefaultLadderSettings(t *testing.T) {
	want := LadderSettings{VIPSpend12m: 200000, BlacklistDebtDays: 60, LapsedMinGapDays: 180, NearVIPPercent: 75,
		Discounts: map[Stage]int{StageLoyal: 5, StageAdvocate: 7, StageVIP: 10}}
	if got := DefaultLadderSettings(); !reflect.DeepEqual(got, want) {
		t.Errorf("DefaultLadderSettings() = %+v, want %+v", got, want)
	}
}

func TestComputeStage(t *testing.T) {
	def := DefaultLadderSettings()
	noAuto := LadderSettings{LapsedMinGapDays: 180} // VIP and black list by hand only
	buyer := func(n int) StageFacts { return StageFacts{Purchases: n, Contacts: 2, PurchaseDates: every(10, n, 5)} }
	with := func(f StageFacts, edit func(f *StageFacts)) StageFacts { edit(&f); return f }
	tests := []struct {
		name  string
		facts StageFacts
		s     LadderSettings
		want  Stage
	}{
		{"NewbieKnowsNothing", StageFacts{}, def, StageNewbie},
		{"ProspectWasContacted", StageFacts{Contacts: 1}, def, StageProspect},
		{"BuyerOnce", buyer(1), def, StageBuyer},
		{"BuyerOnceWithoutContact", StageFacts{Purchases: 1, PurchaseDates: every(1, 1, 0)}, def, StageBuyer},
		{"BuyerTwice", buyer(2), def, StageBuyer},
		{"LoyalThreeTimes", buyer(3), def, StageLoyal},
		{"LoyalManyTimes", buyer(30), def, StageLoyal},
		{"LoyalAtTwiceTheGap", with(buyer(3), func(f *StageFacts) { f.PurchaseDates = every(10, 3, 20) }), def, StageLoyal},
		{"LapsedLoyalIsBuyer", with(buyer(3), func(f *StageFacts) { f.PurchaseDates = every(10, 3, 21) }), def, StageBuyer},
		{"LapsedBuyerStaysBuyer", with(buyer(2), func(f *StageFacts) { f.PurchaseDates = every(10, 2, 500) }), def, StageBuyer},
		{"ThreePurchasesOnTwoDays", StageFacts{Purchases: 3, PurchaseDates: []time.Time{rel(-200), rel(-180), rel(-180)}}, def, StageLoyal},
		{"ThreePurchasesOnTwoDaysLapsed", StageFacts{Purchases: 3, PurchaseDates: []time.Time{rel(-200), rel(-181), rel(-181)}}, def, StageBuyer},
		{"ThreePurchasesNoDatesGiven", StageFacts{Purchases: 3}, def, StageLoyal},
		// Advocate sits above Loyal: referrals and the mark count once the
		// client buys steadily.
		{"ReferredButNeverBoughtIsNoAdvocate", StageFacts{Referrals: 1}, def, StageNewbie},
		{"ReferredAndContactedIsProspect", StageFacts{Referrals: 2, Contacts: 1}, def, StageProspect},
		{"BuysOnlyHereOnceIsBuyer", with(buyer(1), func(f *StageFacts) { f.BuysOnlyHere = true }), def, StageBuyer},
		{"ReferredAfterTwoPurchasesIsBuyer", with(buyer(2), func(f *StageFacts) { f.Referrals = 1 }), def, StageBuyer},
		{"AdvocateBuysOnlyHere", with(buyer(3), func(f *StageFacts) { f.BuysOnlyHere = true }), def, StageAdvocate},
		{"AdvocateAboveLoyal", with(buyer(5), func(f *StageFacts) { f.Referrals = 3 }), def, StageAdvocate},
		{"LapsedAdvocateIsBuyer", with(buyer(5), func(f *StageFacts) { f.Referrals = 1; f.PurchaseDates = every(10, 5, 400) }), def, StageBuyer},
		{"VIPAtTheThreshold", with(buyer(3), func(f *StageFacts) { f.Spend12m = 200000 }), def, StageVIP},
		{"JustUnderVIP", with(buyer(3), func(f *StageFacts) { f.Spend12m = 199999 }), def, StageLoyal},
		{"VIPMarked", StageFacts{MarkedVIP: true}, def, StageVIP},
		{"VIPAboveAdvocate", with(buyer(3), func(f *StageFacts) { f.Spend12m = 500000; f.Referrals = 2 }), def, StageVIP},
		{"VIPRuleOff", with(buyer(3), func(f *StageFacts) { f.Spend12m = 9_000_000 }), noAuto, StageLoyal},
		{"VIPMarkedWithRuleOff", StageFacts{MarkedVIP: true}, noAuto, StageVIP},
		{"DebtAtTheLimit", with(buyer(3), func(f *StageFacts) { f.OldestOverdueDebtDays = 60 }), def, StageLoyal},
		{"BlacklistPastTheLimit", with(buyer(3), func(f *StageFacts) { f.OldestOverdueDebtDays = 61 }), def, StageBlacklist},
		{"BlacklistMarked", StageFacts{MarkedBlacklist: true}, def, StageBlacklist},
		{"BlacklistAboveMarkedVIP", StageFacts{MarkedVIP: true, Spend12m: 900000, OldestOverdueDebtDays: 100}, def, StageBlacklist},
		{"BlacklistMarkedAboveVIP", StageFacts{MarkedVIP: true, MarkedBlacklist: true}, def, StageBlacklist},
		{"BlacklistRuleOff", with(buyer(3), func(f *StageFacts) { f.OldestOverdueDebtDays = 1000 }), noAuto, StageLoyal},
		{"ShortLapse", with(buyer(2), func(f *StageFacts) {}), LadderSettings{LapsedMinGapDays: 1}, StageBuyer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ComputeStage(tt.facts, tt.s, testToday); got != tt.want {
				t.Errorf("ComputeStage = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestLapsed(t *testing.T) {
	def := DefaultLadderSettings()
	amt := time.FixedZone("AMT", 4*3600)
	tests := []struct {
		name  string
		dates []time.Time
		today time.Time
		s     LadderSettings
		want  bool
	}{
		{"NeverBought", nil, testToday, def, false},
		{"OnlyZeroDates", []time.Time{{}, {}}, testToday, def, false},
		{"OnceAtTheLimit", every(1, 1, 180), testToday, def, false},
		{"OncePastTheLimit", every(1, 1, 181), testToday, def, true},
		{"TwiceAtTheLimit", every(30, 2, 180), testToday, def, false},
		{"TwicePastTheLimit", every(30, 2, 181), testToday, def, true},
		{"OwnLimit", every(30, 2, 31), testToday, LadderSettings{LapsedMinGapDays: 30}, true},
		{"RhythmAtTwiceTheGap", every(10, 3, 20), testToday, def, false},
		{"RhythmPastTwiceTheGap", every(10, 3, 21), testToday, def, true},
		{"WeeklyBuyerMissedTwoWeeks", every(7, 10, 15), testToday, def, true},
		{"SlowBuyerWithinRhythm", every(200, 4, 390), testToday, def, false},
		{"SlowBuyerLongerThan180Days", every(200, 4, 401), testToday, def, true},
		{"EvenCountMedian", []time.Time{rel(-56), rel(-36), rel(-26), rel(-20), rel(-16)}, testToday, def, false},
		{"EvenCountMedianPast", []time.Time{rel(-57), rel(-37), rel(-27), rel(-21), rel(-17)}, testToday, def, true},
		{"Unsorted", []time.Time{rel(-21), rel(-41), rel(-31)}, testToday, def, true},
		{"SameDayCountsOnce", []time.Time{rel(-100), rel(-100), rel(-100)}, testToday, def, false},
		{"ZeroDatesIgnored", []time.Time{{}, rel(-21), rel(-31), {}, rel(-41)}, testToday, def, true},
		{"TimeOfDayIgnored", []time.Time{at(rel(-41), 23, 0), at(rel(-31), 1, 0), at(rel(-21), 12, 0)}, testToday, def, true},
		{"TodayInAnotherZone", every(10, 3, 21), time.Date(2026, 11, 23, 1, 0, 0, 0, amt), def, true},
		{"BoughtToday", every(10, 3, 0), testToday, def, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Lapsed(tt.dates, tt.today, tt.s); got != tt.want {
				t.Errorf("Lapsed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRhythmOf(t *testing.T) {
	// More purchase days than fit on the stack.
	if r := rhythmOf(every(3, 500, 2), testToday); r != (rhythm{days: 500, since: 2}) {
		t.Errorf("rhythmOf(500 days) = %+v", r)
	}
	if r := rhythmOf(every(3, 500, 7), testToday); r != (rhythm{days: 500, since: 7, pastTwiceMedian: true}) {
		t.Errorf("rhythmOf(500 days, 7 since) = %+v", r)
	}
	// The shortcut through the smallest and largest gap agrees with the
	// median computed the long way.
	r := rand.New(rand.NewPCG(8, 9))
	for range 20000 {
		var ds []time.Time
		for range 3 + r.IntN(12) {
			ds = append(ds, rel(-r.IntN(400)))
		}
		days := map[int64]bool{}
		var last int64 = math.MinInt64
		for _, d := range ds {
			days[dayNumber(d)] = true
			last = max(last, dayNumber(d))
		}
		sorted := slices.Sorted(maps.Keys(days))
		var gaps []float64
		for i := 1; i < len(sorted); i++ {
			gaps = append(gaps, float64(sorted[i]-sorted[i-1]))
		}
		slices.Sort(gaps)
		want := rhythm{days: len(sorted), since: dayNumber(today0) - last}
		if len(gaps) >= 2 {
			m := len(gaps) / 2
			median := gaps[m]
			if len(gaps)%2 == 0 {
				median = (gaps[m-1] + gaps[m]) / 2
			}
			want.pastTwiceMedian = float64(want.since) > 2*median
		}
		if got := rhythmOf(ds, testToday); got != want {
			t.Fatalf("rhythmOf(%v) = %+v, want %+v", ds, got, want)
		}
	}
}

// TestPropertyComputeStage: the rung depends only on the facts, settings and
// day: the same facts give the same rung, the order of the purchase dates
// does not matter, and the facts are not modified.
func TestPropertyComputeStage(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2026))
	counts := map[Stage]int{}
	for i := range 5000 {
		today := randomToday(r)
		day := Day(today)
		f := StageFacts{
			Purchases:             r.IntN(8),
			Contacts:              r.IntN(3),
			Referrals:             r.IntN(10) / 9,
			BuysOnlyHere:          r.IntN(15) == 0,
			MarkedVIP:             r.IntN(30) == 0,
			MarkedBlacklist:       r.IntN(40) == 0,
			Spend12m:              Money(r.IntN(300000)),
			OldestOverdueDebtDays: r.IntN(200) * (r.IntN(8) / 7),
		}
		for range f.Purchases {
			f.PurchaseDates = append(f.PurchaseDates, day.AddDate(0, 0, -r.IntN(400)))
		}
		s := DefaultLadderSettings()
		if r.IntN(3) == 0 {
			s = LadderSettings{VIPSpend12m: Money(r.IntN(300000)), BlacklistDebtDays: r.IntN(120), LapsedMinGapDays: r.IntN(365)}
		}
		orig := slices.Clone(f.PurchaseDates)
		got := ComputeStage(f, s, today)
		counts[got]++
		if !reflect.DeepEqual(f.PurchaseDates, orig) {
			t.Fatalf("case %d: ComputeStage modified the purchase dates", i)
		}
		if again := ComputeStage(f, s, today); again != got {
			t.Fatalf("case %d: %s then %s for the same facts", i, got, again)
		}
		shuffled := f
		shuffled.PurchaseDates = slices.Clone(f.PurchaseDates)
		r.Shuffle(len(shuffled.PurchaseDates), func(a, b int) {
			shuffled.PurchaseDates[a], shuffled.PurchaseDates[b] = shuffled.PurchaseDates[b], shuffled.PurchaseDates[a]
		})
		if sh := ComputeStage(shuffled, s, today); sh != got {
			t.Fatalf("case %d: %s, but %s with the purchase dates shuffled", i, got, sh)
		}
		// The same day at another time or in another zone gives the same rung.
		if other := ComputeStage(f, s, time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 0, 0, time.FixedZone("X", -3*3600))); other != got {
			t.Fatalf("case %d: %s, but %s later the same day", i, got, other)
		}
	}
	for _, st := range Stages {
		if counts[st] == 0 {
			t.Errorf("the generator never produced %s", st)
		}
	}
}

func TestStageLabelAndAdvice(t *testing.T) {
	wantLabels := []string{"Newbie", "Prospect", "Buyer", "Loyal", "Advocate", "VIP", "Black list"}
	advice := map[string]bool{}
	for i, s := range Stages {
		if s.Label() != wantLabels[i] {
			t.Errorf("%s.Label() = %q, want %q", s, s.Label(), wantLabels[i])
		}
		a := s.Advice()
		if a == "" || advice[a] || a[len(a)-1] != '.' {
			t.Errorf("%s.Advice() = %q", s, a)
		}
		advice[a] = true
	}
	if StageNewbie.Advice() != "Inform them about what you offer." || StageBlacklist.Advice() != "Stop credit and recover what is owed." {
		t.Error("advice changed; it is a translation key")
	}
	if Stage("x").Advice() != "" || Stage("x").Label() != "x" {
		t.Error("unknown stage has advice or a made-up label")
	}
}

func BenchmarkComputeStage(b *testing.B) {
	hs := sampleHistories(b, 100_000, sampleToday)
	facts := make([]StageFacts, len(hs))
	for i, h := range hs {
		facts[i] = StageFacts{Purchases: len(h.PurchaseDates), Contacts: 1, PurchaseDates: h.PurchaseDates, Spend12m: Money(i * 7 % 300000)}
	}
	s := DefaultLadderSettings()
	for b.Loop() {
		for _, f := range facts {
			ComputeStage(f, s, sampleToday)
		}
	}
}
