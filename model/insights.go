package model

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is how the owner picked the period of the Insights view.
type PeriodKind string

// The kinds of period: a calendar month, quarter or year, or any range of
// days.
const (
	PeriodMonth   PeriodKind = "month"
	PeriodQuarter PeriodKind = "quarter"
	PeriodYear    PeriodKind = "year"
	PeriodCustom  PeriodKind = "custom"
)

// Period is an inclusive range of calendar days (midnight UTC, as Day
// returns) the insights are computed for.
type Period struct {
	Kind     PeriodKind
	From, To time.Time
}

// MonthOf returns the calendar month holding day d. d's calendar date is
// taken in d's own location, so 00:30 on 1 May in Yerevan is in May.
func MonthOf(d time.Time) Period {
	d = Day(d)
	from := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	return Period{Kind: PeriodMonth, From: from, To: from.AddDate(0, 1, -1)}
}

// QuarterOf returns the calendar quarter holding day d.
func QuarterOf(d time.Time) Period {
	d = Day(d)
	m := time.Month((int(d.Month())-1)/3*3 + 1)
	from := time.Date(d.Year(), m, 1, 0, 0, 0, 0, time.UTC)
	return Period{Kind: PeriodQuarter, From: from, To: from.AddDate(0, 3, -1)}
}

// YearOf returns the calendar year holding day d.
func YearOf(d time.Time) Period {
	d = Day(d)
	from := time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	return Period{Kind: PeriodYear, From: from, To: from.AddDate(1, 0, -1)}
}

// ErrPeriodOrder is returned by RangePeriod when the range ends before it
// starts.
var ErrPeriodOrder = errors.New("the period ends before it starts: put the earlier day first")

// RangePeriod returns the days from..to, both included. A range that is
// exactly a calendar month, quarter or year is given that kind, so that its
// previous period is the calendar one before it.
func RangePeriod(from, to time.Time) (Period, error) {
	from, to = Day(from), Day(to)
	if from.IsZero() || to.IsZero() {
		return Period{}, errors.New("a period needs a first and a last day")
	}
	if to.Before(from) {
		return Period{}, ErrPeriodOrder
	}
	for _, p := range []Period{MonthOf(from), QuarterOf(from), YearOf(from)} {
		if p.From.Equal(from) && p.To.Equal(to) {
			return p, nil
		}
	}
	return Period{Kind: PeriodCustom, From: from, To: to}, nil
}

// Days is the number of days in the period.
func (p Period) Days() int { return DaysBetween(p.From, p.To) + 1 }

// Contains reports whether calendar day d falls in the period.
func (p Period) Contains(d time.Time) bool {
	return DateRange{From: p.From, To: p.To}.Contains(d)
}

// Previous returns the period just before p: the calendar month, quarter
// or year before, or for a custom range the same number of days ending the
// day before p starts.
func (p Period) Previous() Period {
	switch p.Kind {
	case PeriodMonth:
		return MonthOf(p.From.AddDate(0, 0, -1))
	case PeriodQuarter:
		return QuarterOf(p.From.AddDate(0, 0, -1))
	case PeriodYear:
		return YearOf(p.From.AddDate(0, 0, -1))
	}
	to := p.From.AddDate(0, 0, -1)
	return Period{Kind: PeriodCustom, From: to.AddDate(0, 0, -(p.Days() - 1)), To: to}
}

// Instants returns the period as a half-open range of instants [start, end)
// in loc: from midnight of the first day to midnight after the last, so
// that a contact logged at 23:59 on the last day in the owner's time zone
// is inside and one at 00:00 the day after is not.
func (p Period) Instants(loc *time.Location) (start, end time.Time) {
	start = time.Date(p.From.Year(), p.From.Month(), p.From.Day(), 0, 0, 0, 0, loc)
	last := p.To.AddDate(0, 0, 1)
	end = time.Date(last.Year(), last.Month(), last.Day(), 0, 0, 0, 0, loc)
	return start, end
}

// Months returns the first day of every calendar month the period touches,
// in order: the buckets of the monthly figures.
func (p Period) Months() []time.Time {
	var out []time.Time
	for m := MonthOf(p.From).From; !m.After(p.To); m = m.AddDate(0, 1, 0) {
		out = append(out, m)
	}
	return out
}

// String writes the period as "2026-11-01 – 2026-11-30".
func (p Period) String() string {
	return FormatDate(p.From) + " – " + FormatDate(p.To)
}

// ClientPeriod is one client's purchases seen from a period and the period
// before it; the store sums them per client. A client who bought in neither
// is left out.
type ClientPeriod struct {
	ClientID  int64
	Name      string
	Stage     Stage // the rung the client stands on now; "" for a lost client
	New       bool  // the client's first purchase ever is in the period
	Count     int   // purchases in the period
	Spend     Money // spent in the period (zero-amount sales count as purchases)
	PrevCount int   // purchases in the previous period
	PrevSpend Money
}

// Retention is the "keeping clients" part of the insights for one period.
type Retention struct {
	Buyers    int // clients who bought in the period
	New       int // of them, clients whose first purchase ever is in the period
	Returning int // Buyers - New
	// PrevBuyers bought in the previous period; Retained of them bought
	// again in this one; RetentionPercent is Retained of PrevBuyers (0 when
	// nobody bought before).
	PrevBuyers       int
	Retained         int
	RetentionPercent float64
	// Lapsed bought in the previous period and not in this one;
	// LapsedSpend is what they spent in the previous period.
	Lapsed      int
	LapsedSpend Money
	// AvgDaysBetween is the mean number of days from a purchase in the
	// period to the same client's purchase before it (any time before);
	// Gaps is how many such pairs there were (0: AvgDaysBetween is 0).
	AvgDaysBetween float64
	Gaps           int
}

// Spender is one line of the top spenders.
type Spender struct {
	ClientID int64
	Name     string
	Spend    Money
	Count    int
}

// RungSpend is the revenue of the period from the clients standing on one
// rung now. Lost clients are not on the ladder, so the rungs add up to the
// revenue less what lost clients spent.
type RungSpend struct {
	Stage   Stage
	Clients int
	Spend   Money
}

// MonthRevenue is one month's revenue split between new clients (whose
// first purchase ever is in the period) and returning ones.
type MonthRevenue struct {
	Month          time.Time // first day of the month
	New, Returning Money
}

// ChannelCount is how many contacts went through one channel.
type ChannelCount struct {
	Channel ContactChannel
	Count   int
}

// MonthPromises is how the promises due in one month fared.
type MonthPromises struct {
	Month         time.Time
	Due           int     // promises due that month (cancelled ones left out)
	KeptOnTime    int     // kept on or before their day
	KeptLate      int     // kept after it
	Broken        int     // marked broken, or still open past their day
	OnTimePercent float64 // KeptOnTime of Due; 0 when none were due
}

// ComplaintStats counts the complaints of a period.
type ComplaintStats struct {
	Opened   int // opened in the period
	Resolved int // resolved in the period (whenever opened)
	// AvgDaysToResolve is the mean days from opening to resolution of the
	// complaints resolved in the period; 0 when none were.
	AvgDaysToResolve float64
	OpenNow          int // still open today, whenever opened
}

// MonthMoves counts the moves on the ladder in one month: up is toward VIP,
// down toward Newbie; every move onto the black list is down and every
// move off it up.
type MonthMoves struct {
	Month    time.Time
	Up, Down int
}

// Balances are the money clients owe today.
type Balances struct {
	Owed    Money // all unpaid parts
	Overdue Money // of which the due day has passed
	Clients int   // clients who owe anything
}

// Figures are the insights of one period.
type Figures struct {
	Period    Period
	Retention Retention
	Revenue   Money // all purchases of the period
	// RevenueNew and RevenueReturning split Revenue between new and
	// returning clients.
	RevenueNew, RevenueReturning Money
	ByMonth                      []MonthRevenue // one per month of the period
	ByRung                       []RungSpend    // model.Stages order
	Top                          []Spender      // the ten who spent most, most first (ties: older client first)
	Contacts                     []ChannelCount // ContactChannels order, then any other
	Promises                     []MonthPromises
	Complaints                   ComplaintStats
	Lost                         []LostShare // clients marked lost in the period, by reason
	LostByMonth                  []MonthLost // the same, month by month
	Moves                        []MonthMoves
	// CheckIns are the recorded days of the period, week by week: what the
	// day's lists asked for and what was done (see WeekCheckIns).
	CheckIns []WeekCheckIns
}

// Insights are the figures of a period beside those of the period before,
// and what stands today.
type Insights struct {
	Current, Previous Figures
	Balances          Balances
	Funnel            []RungStat // the ladder now, model.Stages order
	// CheckInsSince is the first day with a recorded day's list (zero:
	// none yet); check-ins due are known from that day on.
	CheckInsSince time.Time
}

// TopSpenders is how many clients the top spenders list.
const TopSpenders = 10

// SummarizeClients computes the retention figures, the revenue split, the
// revenue per rung and the top spenders of period p from its clients' rows.
// gaps and gapDays are the count and sum of the days between each purchase
// of the period and the same client's purchase before it (the store reads
// them from the purchases). byMonth is filled with the months of p.
func SummarizeClients(f *Figures, rows []ClientPeriod, gaps int, gapDays int64) {
	r := Retention{Gaps: gaps}
	if gaps > 0 {
		r.AvgDaysBetween = float64(gapDays) / float64(gaps)
	}
	rung := map[Stage]*RungSpend{}
	f.ByRung = make([]RungSpend, len(Stages))
	for i, st := range Stages {
		f.ByRung[i].Stage = st
		rung[st] = &f.ByRung[i]
	}
	var top []Spender
	for _, c := range rows {
		if c.PrevCount > 0 {
			r.PrevBuyers++
			if c.Count == 0 {
				r.Lapsed++
				r.LapsedSpend += c.PrevSpend
			} else {
				r.Retained++
			}
		}
		if c.Count == 0 {
			continue
		}
		r.Buyers++
		f.Revenue += c.Spend
		if c.New {
			r.New++
			f.RevenueNew += c.Spend
		} else {
			r.Returning++
			f.RevenueReturning += c.Spend
		}
		if rs, ok := rung[c.Stage]; ok {
			rs.Clients++
			rs.Spend += c.Spend
		}
		top = append(top, Spender{ClientID: c.ClientID, Name: c.Name, Spend: c.Spend, Count: c.Count})
	}
	if r.PrevBuyers > 0 {
		r.RetentionPercent = 100 * float64(r.Retained) / float64(r.PrevBuyers)
	}
	slices.SortFunc(top, func(a, b Spender) int {
		switch {
		case a.Spend != b.Spend:
			if a.Spend > b.Spend {
				return -1
			}
			return 1
		case a.ClientID < b.ClientID:
			return -1
		case a.ClientID > b.ClientID:
			return 1
		}
		return 0
	})
	if len(top) > TopSpenders {
		top = top[:TopSpenders]
	}
	f.Top = top
	f.Retention = r
}

// EmptyMonths returns one zero MonthRevenue per month of p, to be filled.
func EmptyMonths(p Period) []MonthRevenue {
	ms := p.Months()
	out := make([]MonthRevenue, len(ms))
	for i, m := range ms {
		out[i].Month = m
	}
	return out
}

// MonthIndex returns the position of day d's month among p.Months(), or -1
// when d is outside p.
func (p Period) MonthIndex(d time.Time) int {
	if !p.Contains(d) {
		return -1
	}
	d = Day(d)
	return (d.Year()-p.From.Year())*12 + int(d.Month()) - int(p.From.Month())
}

// StageRank orders the rungs for ladder moves: Newbie lowest, VIP highest,
// the black list below them all.
func StageRank(s Stage) int {
	if s == StageBlacklist {
		return -1
	}
	return slices.Index(Stages, s)
}

// IsMoveUp reports whether a move from one rung to another is up the
// ladder.
func IsMoveUp(from, to Stage) bool { return StageRank(to) > StageRank(from) }

// PromiseOutcome classifies a promise due in the past or today for the
// trend, as of today: kept on time, kept late, broken (marked so, or still
// open after its day), or not counted (cancelled, or open and not yet due).
type PromiseOutcome int

// The outcomes of PromiseFate.
const (
	PromiseNotCounted PromiseOutcome = iota
	PromiseOnTime
	PromiseLate
	PromiseMissed
)

// PromiseFate returns how a promise fared as of today.
func PromiseFate(status PromiseStatus, dueBy, keptOn, today time.Time) PromiseOutcome {
	switch status {
	case PromiseKept:
		if Day(keptOn).After(Day(dueBy)) {
			return PromiseLate
		}
		return PromiseOnTime
	case PromiseBroken:
		return PromiseMissed
	case PromiseOpen:
		if Day(today).After(Day(dueBy)) {
			return PromiseMissed
		}
	}
	return PromiseNotCounted
}

// AddPromise counts one promise into the month of its due day; promises
// due outside p, and those not counted, are ignored.
func AddPromise(ms []MonthPromises, p Period, status PromiseStatus, dueBy, keptOn, today time.Time) {
	i := p.MonthIndex(dueBy)
	if i < 0 || i >= len(ms) {
		return
	}
	m := &ms[i]
	switch PromiseFate(status, dueBy, keptOn, today) {
	case PromiseOnTime:
		m.KeptOnTime++
	case PromiseLate:
		m.KeptLate++
	case PromiseMissed:
		m.Broken++
	default:
		return
	}
	m.Due++
	m.OnTimePercent = 100 * float64(m.KeptOnTime) / float64(m.Due)
}

// InsightRow is one number of the insights as text, beside the previous
// period's: the lines of the command's table, of the CSV report and of
// the PDF. Section and Figure are English and also translation keys;
// Detail is a month, rung, channel, reason or client, never translated
// here. Previous is "" where the figure is about today.
type InsightRow struct {
	Section, Figure, Detail string
	Current, Previous       string
}

// The sections of the insights, also translation keys.
const (
	SectionPeriod  = "Period"
	SectionKeeping = "Keeping clients"
	SectionMoney   = "Money"
	SectionTouch   = "Staying in touch"
	SectionLeave   = "Why clients leave"
	SectionLadder  = "Ladder flow"
)

// Rows lists every figure of the insights as text, money written with mf,
// in the order the report prints them.
func (in Insights) Rows(mf MoneyFormat) []InsightRow {
	cur, prev := in.Current, in.Previous
	var out []InsightRow
	add := func(section, figure, detail, c, p string) {
		out = append(out, InsightRow{Section: section, Figure: figure, Detail: detail, Current: c, Previous: p})
	}
	n := func(v int) string { return itoa(int64(v)) }
	pct := func(v float64) string { return formatFloat(v) + " %" }
	add(SectionPeriod, "Period", string(cur.Period.Kind), cur.Period.String(), prev.Period.String())
	cr, pr := cur.Retention, prev.Retention
	add(SectionKeeping, "Clients who bought", "", n(cr.Buyers), n(pr.Buyers))
	add(SectionKeeping, "New clients", "", n(cr.New), n(pr.New))
	add(SectionKeeping, "Returning clients", "", n(cr.Returning), n(pr.Returning))
	add(SectionKeeping, "Retention", "", pct(cr.RetentionPercent), pct(pr.RetentionPercent))
	add(SectionKeeping, "Bought again, of the previous period's buyers", "", n(cr.Retained)+" / "+n(cr.PrevBuyers), n(pr.Retained)+" / "+n(pr.PrevBuyers))
	add(SectionKeeping, "Average days between purchases", "", formatFloat(cr.AvgDaysBetween), formatFloat(pr.AvgDaysBetween))
	add(SectionKeeping, "Lapsed clients", "", n(cr.Lapsed), n(pr.Lapsed))
	add(SectionKeeping, "What lapsed clients used to spend", "", mf.Format(cr.LapsedSpend), mf.Format(pr.LapsedSpend))

	add(SectionMoney, "Revenue", "", mf.Format(cur.Revenue), mf.Format(prev.Revenue))
	add(SectionMoney, "Revenue from new clients", "", mf.Format(cur.RevenueNew), mf.Format(prev.RevenueNew))
	add(SectionMoney, "Revenue from returning clients", "", mf.Format(cur.RevenueReturning), mf.Format(prev.RevenueReturning))
	for i, m := range cur.ByMonth {
		pn, prt := "", ""
		if i < len(prev.ByMonth) {
			pn, prt = mf.Format(prev.ByMonth[i].New), mf.Format(prev.ByMonth[i].Returning)
		}
		month := m.Month.Format("2006-01")
		add(SectionMoney, "Revenue from new clients by month", month, mf.Format(m.New), pn)
		add(SectionMoney, "Revenue from returning clients by month", month, mf.Format(m.Returning), prt)
	}
	for i, r := range cur.ByRung {
		p := ""
		if i < len(prev.ByRung) {
			p = mf.Format(prev.ByRung[i].Spend)
		}
		add(SectionMoney, "Revenue per rung", string(r.Stage), mf.Format(r.Spend), p)
	}
	for i, s := range cur.Top {
		add(SectionMoney, "Top spenders", itoa(int64(i+1))+". "+s.Name, mf.Format(s.Spend), "")
	}
	add(SectionMoney, "Open balances", "", mf.Format(in.Balances.Owed), "")
	add(SectionMoney, "Overdue", "", mf.Format(in.Balances.Overdue), "")
	add(SectionMoney, "Clients who owe", "", n(in.Balances.Clients), "")

	for i, c := range cur.Contacts {
		p := ""
		if i < len(prev.Contacts) && prev.Contacts[i].Channel == c.Channel {
			p = n(prev.Contacts[i].Count)
		}
		add(SectionTouch, "Contacts by channel", string(c.Channel), n(c.Count), p)
	}
	for i, m := range cur.Promises {
		p := ""
		if i < len(prev.Promises) {
			pm := prev.Promises[i]
			p = n(pm.KeptOnTime) + " / " + n(pm.Due)
		}
		add(SectionTouch, "Promises kept on time", m.Month.Format("2006-01"), n(m.KeptOnTime)+" / "+n(m.Due), p)
	}
	for _, w := range cur.CheckIns {
		add(SectionTouch, "Check-ins due", FormatDate(w.Week), n(w.Due), "")
		add(SectionTouch, "Check-ins done", FormatDate(w.Week), n(w.Done), "")
	}
	cc, pc := cur.Complaints, prev.Complaints
	add(SectionTouch, "Complaints opened", "", n(cc.Opened), n(pc.Opened))
	add(SectionTouch, "Complaints resolved", "", n(cc.Resolved), n(pc.Resolved))
	add(SectionTouch, "Average days to resolve", "", formatFloat(cc.AvgDaysToResolve), formatFloat(pc.AvgDaysToResolve))
	add(SectionTouch, "Complaints open now", "", n(cc.OpenNow), "")

	for i, l := range cur.Lost {
		p := ""
		if i < len(prev.Lost) {
			p = n(prev.Lost[i].Count) + " (" + pct(prev.Lost[i].Percent) + ")"
		}
		add(SectionLeave, "Clients lost (study)", string(l.Reason)+" ("+pct(l.StudyPercent)+")", n(l.Count)+" ("+pct(l.Percent)+")", p)
	}

	for i, m := range cur.LostByMonth {
		pt, pn := "", ""
		if i < len(prev.LostByMonth) {
			pm := prev.LostByMonth[i]
			pt, pn = n(pm.Total()), n(pm.NoContact().Count)+" ("+pct(pm.NoContact().Percent)+")"
		}
		month := m.Month.Format("2006-01")
		add(SectionLeave, "Clients lost by month", month, n(m.Total()), pt)
		add(SectionLeave, "Lost for lack of contact by month (study: 67 %)", month,
			n(m.NoContact().Count)+" ("+pct(m.NoContact().Percent)+")", pn)
	}

	for i, m := range cur.Moves {
		pu, pd := "", ""
		if i < len(prev.Moves) {
			pu, pd = n(prev.Moves[i].Up), n(prev.Moves[i].Down)
		}
		month := m.Month.Format("2006-01")
		add(SectionLadder, "Moves up", month, n(m.Up), pu)
		add(SectionLadder, "Moves down", month, n(m.Down), pd)
	}
	for _, r := range in.Funnel {
		add(SectionLadder, "Clients on the rung now", string(r.Stage), n(r.Clients), "")
	}
	return out
}

// formatFloat writes v with one decimal, "12.5"; whole numbers without
// one, "50".
func formatFloat(v float64) string {
	return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
}
