package model

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestPropertyDueRankAgreesWithDueFor: a store that lists clients by their
// rank's key shows them where DueList would, so the rank must say exactly
// what the row says: listed or not, due day, section, complaint, at risk.
func TestPropertyDueRankAgreesWithDueFor(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	listed := map[Section]int{}
	complaints, risky := 0, 0
	for i := range 6000 {
		today := randomToday(r)
		h := randomHistory(r, today)
		s := randomSettings(r)
		rank, rok := DueRankFor(h, s, today)
		it, ok := DueFor(h, s, today)
		if rok != ok {
			t.Fatalf("case %d: DueRankFor listed %v, DueFor %v\nhistory %+v", i, rok, ok, h)
		}
		if !ok {
			continue
		}
		want := rankOfItem(&it)
		if !rank.Due.Equal(want.Due) || rank.Section != want.Section || rank.Complaint != want.Complaint || rank.AtRisk != want.AtRisk {
			t.Fatalf("case %d: rank %+v, row says %+v", i, rank, want)
		}
		listed[rank.Section]++
		if rank.Complaint {
			complaints++
		}
		if rank.AtRisk {
			risky++
		}
	}
	// The generator must reach every case the rank distinguishes.
	for _, sec := range []Section{SectionOverdue, SectionToday, SectionThisWeek, SectionLater} {
		if listed[sec] < 20 {
			t.Errorf("only %d rows in section %d; the generator is too quiet", listed[sec], sec)
		}
	}
	if complaints < 20 || risky < 20 {
		t.Errorf("only %d rows with a complaint and %d at risk checked", complaints, risky)
	}
}

// TestDueRankKeyOrder: sorting by key orders rows as DueList does, up to
// the name: complaints first, then section, then the earliest due day.
func TestDueRankKeyOrder(t *testing.T) {
	day := func(s string) time.Time { d, _ := ParseDate(s); return d }
	ranks := []DueRank{
		{Due: day("2026-11-01"), Section: SectionOverdue, Complaint: true},
		{Due: day("2026-11-20"), Section: SectionToday, Complaint: true},
		{Due: day("1900-01-01"), Section: SectionOverdue},
		{Due: day("2026-09-01"), Section: SectionOverdue},
		{Due: day("2026-11-22"), Section: SectionOverdue},
		{Due: day("2026-10-01"), Section: SectionToday},
		{Due: day("2026-11-23"), Section: SectionToday},
		{Due: day("2026-11-24"), Section: SectionThisWeek},
		{Due: day("2026-12-20"), Section: SectionLater},
		{Due: day("2999-12-31"), Section: SectionLater},
	}
	keys := make([]int64, len(ranks))
	for i, r := range ranks {
		keys[i] = r.Key()
		if g := GroupOfKey(keys[i]); g != r.Group() || g.Complaint() != r.Complaint || g.Section() != r.Section {
			t.Errorf("rank %+v: key %d says group %d", r, keys[i], g)
		}
	}
	if !slices.IsSorted(keys) {
		t.Errorf("keys %v are not in list order", keys)
	}
}

func TestDueCounts(t *testing.T) {
	var hs []History
	today := Day(time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	r := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		hs = append(hs, randomHistory(r, today))
	}
	items := DueList(hs, DefaultScheduleSettings(), today)
	c := CountDue(items)
	if c.Total() != len(items) {
		t.Fatalf("counts total %d, %d rows", c.Total(), len(items))
	}
	// The groups are contiguous and in order in the list.
	at := 0
	for g := range DueGroup(8) {
		for i := at; i < at+c[g]; i++ {
			if got := rankOfItem(&items[i]).Group(); got != g {
				t.Fatalf("row %d is in group %d, the counts put it in %d", i, got, g)
			}
		}
		at += c[g]
	}
	now := 0
	for i := range items {
		if items[i].Section <= SectionToday {
			now++
		}
	}
	if c.Now() != now || c.Complaints() == 0 {
		t.Errorf("Now %d, want %d; complaints %d", c.Now(), now, c.Complaints())
	}
}
