package db

import (
	"context"
	"testing"
	"time"

	"clienttracker/model"
)

func d(s string) time.Time {
	t, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// insightsBook is a hand-made book whose November 2026 figures are known,
// in an owner's time zone four hours east of UTC:
//   - Ani bought on 5 October (10.00) and on 1 November (20.00, 5.00 of it
//     unpaid until 30 November): returning, retained, a gap of 27 days;
//   - Nino's first purchases are on 1 November, the period's first day
//     (5.00 and a zero-amount gift the same day), then 3.00 unpaid on 11
//     November, due on the 15th: new, one gap of 10 days;
//   - Ion bought on 20 October only and was marked lost for lack of
//     contact on 3 November: lapsed, 7.00 of spend lost;
//   - Giorgi bought on 1 September only; Eka never bought.
type insightsBook struct {
	db                  *DB
	ani, nino, ion, eka int64
	giorgi              int64
}

func mustInsightsBook(t *testing.T) insightsBook {
	t.Helper()
	tbilisi := time.FixedZone("Tbilisi", 4*60*60)
	old := time.Local
	time.Local = tbilisi
	t.Cleanup(func() { time.Local = old })

	db := mustOpen(t)
	// Built on a December clock, so that the ladder moves the store records
	// while the book is written fall outside October and November.
	db.clock = func() time.Time { return time.Date(2026, 12, 15, 12, 0, 0, 0, tbilisi) }
	b := insightsBook{db: db}
	client := func(name string) int64 {
		return mustCreateClient(t, db, &model.Client{Name: name, Since: d("2025-01-01")}).ID
	}
	b.ani, b.nino, b.ion = client("Անի Պետրոսյան"), client("ნინო ბერიძე"), client("Ion Popescu")
	b.giorgi, b.eka = client("Giorgi"), client("Eka")
	buy := func(id int64, day string, amount, unpaid model.Money, due string) {
		p := &model.Purchase{ClientID: id, Date: d(day), Item: "boots", Amount: amount, Unpaid: unpaid}
		if due != "" {
			p.DueDate = d(due)
		}
		mustCreatePurchase(t, db, p)
	}
	buy(b.ani, "2026-10-05", 1000, 0, "")
	buy(b.ani, "2026-11-01", 2000, 500, "2026-11-30")
	buy(b.nino, "2026-11-01", 500, 0, "")
	buy(b.nino, "2026-11-01", 0, 0, "")
	buy(b.nino, "2026-11-11", 300, 300, "2026-11-15")
	buy(b.ion, "2026-10-20", 700, 0, "")
	buy(b.giorgi, "2026-09-01", 100, 0, "")
	if err := db.MarkLost(context.Background(), b.ion, model.Lost{Reason: model.LostNoContact, On: d("2026-11-03")}); err != nil {
		t.Fatal(err)
	}

	// 00:30 on 1 November in Tbilisi is still 31 October in UTC; 23:30
	// on 31 October is in October either way.
	contact := func(id int64, at time.Time, ch model.ContactChannel) {
		if err := db.LogContact(context.Background(), &model.Interaction{ClientID: id, At: at, Channel: ch}, nil); err != nil {
			t.Fatal(err)
		}
	}
	contact(b.eka, time.Date(2026, 11, 1, 0, 30, 0, 0, tbilisi), model.ContactCall)
	contact(b.eka, time.Date(2026, 10, 31, 23, 30, 0, 0, tbilisi), model.ContactMessage)
	contact(b.ani, time.Date(2026, 11, 30, 23, 59, 0, 0, tbilisi), model.ContactInShop)

	promise := func(due string, st model.PromiseStatus, kept string) {
		p := &model.Promise{ClientID: b.eka, What: "call back", MadeOn: d("2026-10-01"), DueBy: d(due), Status: st}
		if kept != "" {
			p.KeptOn = d(kept)
		}
		mustCreatePromise(t, db, p)
	}
	promise("2026-11-10", model.PromiseKept, "2026-11-09")
	promise("2026-11-10", model.PromiseKept, "2026-11-12")
	promise("2026-11-15", model.PromiseOpen, "")
	promise("2026-11-25", model.PromiseOpen, "")
	promise("2026-11-05", model.PromiseCancelled, "")
	promise("2026-10-20", model.PromiseBroken, "")

	mustCreateComplaint(t, db, &model.Complaint{ClientID: b.ani, OpenedOn: d("2026-10-28"), What: "heel broke",
		Status: model.ComplaintResolved, ResolvedOn: d("2026-11-02"), Resolution: "new pair"})
	mustCreateComplaint(t, db, &model.Complaint{ClientID: b.nino, OpenedOn: d("2026-11-05"), What: "late delivery"})

	// Ladder moves at instants either side of local midnight.
	tx, err := db.beginWrite(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, m := range []struct{ at, from, to string }{
		{"2026-10-31T20:30:00.000Z", "newbie", "buyer"},    // 1 Nov 00:30 local: up
		{"2026-10-31T19:00:00.000Z", "buyer", "loyal"},     // 31 Oct 23:00 local: up
		{"2026-11-10T10:00:00.000Z", "loyal", "blacklist"}, // down
		{"2026-11-12T10:00:00.000Z", "blacklist", "buyer"}, // up
	} {
		if _, err := tx.Exec("INSERT INTO stage_changes (client_id, from_stage, to_stage, at) VALUES (?, ?, ?, ?)", b.eka, m.from, m.to, m.at); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	db.clock = func() time.Time { return time.Date(2026, 11, 20, 12, 0, 0, 0, tbilisi) }
	return b
}

func TestInsights(t *testing.T) {
	b := mustInsightsBook(t)
	in, err := b.db.Insights(context.Background(), model.MonthOf(d("2026-11-20")))
	if err != nil {
		t.Fatal(err)
	}
	cur, prev := in.Current, in.Previous

	t.Run("Retention", func(t *testing.T) {
		want := model.Retention{Buyers: 2, New: 1, Returning: 1, PrevBuyers: 2, Retained: 1, RetentionPercent: 50,
			Lapsed: 1, LapsedSpend: 700, AvgDaysBetween: 18.5, Gaps: 2}
		if cur.Retention != want {
			t.Errorf("November\n got %+v\nwant %+v", cur.Retention, want)
		}
		// October: Ani and Ion both new; Giorgi (September) lapsed; no gaps.
		wantPrev := model.Retention{Buyers: 2, New: 2, PrevBuyers: 1, Lapsed: 1, LapsedSpend: 100}
		if prev.Retention != wantPrev {
			t.Errorf("October\n got %+v\nwant %+v", prev.Retention, wantPrev)
		}
	})
	t.Run("Revenue", func(t *testing.T) {
		if cur.Revenue != 2800 || cur.RevenueNew != 800 || cur.RevenueReturning != 2000 {
			t.Errorf("revenue %d = %d new + %d returning, want 2800 = 800 + 2000", cur.Revenue, cur.RevenueNew, cur.RevenueReturning)
		}
		if len(cur.ByMonth) != 1 || cur.ByMonth[0].New != 800 || cur.ByMonth[0].Returning != 2000 {
			t.Errorf("by month %+v", cur.ByMonth)
		}
		if prev.Revenue != 1700 || prev.RevenueNew != 1700 {
			t.Errorf("October revenue %d (new %d), want 1700 (1700)", prev.Revenue, prev.RevenueNew)
		}
		if len(cur.Top) != 2 || cur.Top[0].ClientID != b.ani || cur.Top[0].Spend != 2000 ||
			cur.Top[1].ClientID != b.nino || cur.Top[1].Count != 3 {
			t.Errorf("top %+v", cur.Top)
		}
		var rungs model.Money
		for _, r := range cur.ByRung {
			rungs += r.Spend
		}
		if rungs != cur.Revenue {
			t.Errorf("rungs sum to %d, revenue %d", rungs, cur.Revenue)
		}
		if in.Balances != (model.Balances{Owed: 800, Overdue: 300, Clients: 2}) {
			t.Errorf("balances %+v", in.Balances)
		}
	})
	t.Run("Contacts", func(t *testing.T) {
		got := map[model.ContactChannel]int{}
		for _, c := range cur.Contacts {
			got[c.Channel] = c.Count
		}
		if got[model.ContactCall] != 1 || got[model.ContactInShop] != 1 || got[model.ContactMessage] != 0 {
			t.Errorf("November contacts %+v", cur.Contacts)
		}
		if len(cur.Contacts) != len(model.ContactChannels) {
			t.Errorf("%d channels listed, want every one", len(cur.Contacts))
		}
		for _, c := range prev.Contacts {
			if (c.Channel == model.ContactMessage) != (c.Count == 1) {
				t.Errorf("October contacts %+v", prev.Contacts)
			}
		}
	})
	t.Run("Promises", func(t *testing.T) {
		want := model.MonthPromises{Month: d("2026-11-01"), Due: 3, KeptOnTime: 1, KeptLate: 1, Broken: 1, OnTimePercent: 100.0 / 3}
		if len(cur.Promises) != 1 || cur.Promises[0] != want {
			t.Errorf("November promises %+v, want %+v", cur.Promises, want)
		}
		if len(prev.Promises) != 1 || prev.Promises[0].Broken != 1 || prev.Promises[0].Due != 1 {
			t.Errorf("October promises %+v", prev.Promises)
		}
	})
	t.Run("Complaints", func(t *testing.T) {
		if want := (model.ComplaintStats{Opened: 1, Resolved: 1, AvgDaysToResolve: 5, OpenNow: 1}); cur.Complaints != want {
			t.Errorf("November %+v, want %+v", cur.Complaints, want)
		}
		if want := (model.ComplaintStats{Opened: 1, OpenNow: 1}); prev.Complaints != want {
			t.Errorf("October %+v, want %+v", prev.Complaints, want)
		}
	})
	t.Run("Lost", func(t *testing.T) {
		for _, l := range cur.Lost {
			if (l.Reason == model.LostNoContact) != (l.Count == 1) {
				t.Errorf("November lost %+v", cur.Lost)
			}
			if l.Reason == model.LostNoContact && (l.Percent != 100 || l.StudyPercent != 67) {
				t.Errorf("no-contact line %+v", l)
			}
		}
		for _, l := range prev.Lost {
			if l.Count != 0 {
				t.Errorf("October lost %+v", prev.Lost)
			}
		}
	})
	t.Run("Moves", func(t *testing.T) {
		if len(cur.Moves) != 1 || cur.Moves[0].Up != 2 || cur.Moves[0].Down != 1 {
			t.Errorf("November moves %+v, want 2 up, 1 down", cur.Moves)
		}
		if len(prev.Moves) != 1 || prev.Moves[0].Up != 1 || prev.Moves[0].Down != 0 {
			t.Errorf("October moves %+v, want 1 up", prev.Moves)
		}
	})
	t.Run("LongPeriod", func(t *testing.T) {
		// Over 92 days the sums read purchases in client order instead:
		// September to December holds every purchase of the book.
		long, err := model.RangePeriod(d("2026-09-01"), d("2026-12-31"))
		if err != nil {
			t.Fatal(err)
		}
		in, err := b.db.Insights(context.Background(), long)
		if err != nil {
			t.Fatal(err)
		}
		want := model.Retention{Buyers: 4, New: 4, AvgDaysBetween: 18.5, Gaps: 2}
		if in.Current.Retention != want || in.Current.Revenue != 4600 {
			t.Errorf("got %+v, revenue %d\nwant %+v, revenue 4600", in.Current.Retention, in.Current.Revenue, want)
		}
	})
	t.Run("Funnel", func(t *testing.T) {
		n := 0
		for _, r := range in.Funnel {
			n += r.Clients
		}
		if n != 4 {
			t.Errorf("funnel holds %d clients, want the 4 not lost: %+v", n, in.Funnel)
		}
	})
}

func TestInsightsEmpty(t *testing.T) {
	db := mustOpen(t)
	p, err := model.RangePeriod(d("2026-01-15"), d("2026-03-14"))
	if err != nil {
		t.Fatal(err)
	}
	in, err := db.Insights(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if in.Current.Retention != (model.Retention{}) || in.Current.Revenue != 0 || len(in.Current.Top) != 0 {
		t.Errorf("empty book: %+v", in.Current)
	}
	if len(in.Current.ByMonth) != 3 || len(in.Current.Promises) != 3 || len(in.Current.Moves) != 3 {
		t.Errorf("want three empty months, got %d/%d/%d", len(in.Current.ByMonth), len(in.Current.Promises), len(in.Current.Moves))
	}
	if in.Previous.Period.To != d("2026-01-14") || in.Previous.Period.Days() != p.Days() {
		t.Errorf("previous period %v", in.Previous.Period)
	}
}
