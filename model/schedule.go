package model

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// The contact schedule
//
// Every rule below is a pure function of a client's History, the owner's
// ScheduleSettings and a day. All dates are calendar days (see Day). The
// last contact and the record's creation are instants; their calendar day
// is taken with Day, in their own location, so the store should hand them
// over in the owner's local time (t.In(time.Local)): a contact logged at
// 01:30 in Yerevan, stored as 21:30 UTC the day before, then counts for the
// day it happened.
//
// A client can be due for six kinds of reasons:
//
//   - Check-in: the client's own interval (Plan.CheckInDays), or else their
//     stage's (a client with no stage yet counts as a Newbie; an interval of
//     0, as the black list has, means never), after the last logged contact,
//     or after "client since" (or the day the record was created) if they
//     were never contacted. Any logged contact resets it. It is overdue once
//     more than OverdueFactor (at least 1) times the interval has passed.
//   - Follow-up: FollowUpDays (0: never) after the last purchase, unless a
//     contact was logged on a later day (a contact on the day of the sale is
//     usually the sale itself). Overdue the day after it is due.
//   - Birthday and relationship anniversary (yearly from "client since", from
//     the first year on): due on the day, overdue the day after, and met by
//     any contact on or after the day. Someone born, or who became a client,
//     on 29 February is remembered on 28 February in other years, so the
//     occasion never slips into March. Birthdays before the client came
//     ("client since", else the day the record was created) do not count.
//   - Open promise: due on its due day, overdue the day after.
//   - Open complaint: due the day it was made, overdue the day after; a row
//     with an open complaint is always at the top of the due list.
//
// A follow-up that has not been met FollowUpWindowDays after its day, and a
// birthday or anniversary not met OccasionWindowDays after it, lapses: a
// "happy birthday" two months late does more harm than good, and the
// regular check-in takes over.
//
// A client never contacted gets a first check-in spread over the
// FirstCheckInDays after their record was created (see firstCheckIn), so
// a new or imported book fills the coming weeks instead of listing years
// of lateness on its first day.
//
// Quiet periods and snoozing move the four contact kinds (check-in,
// follow-up, birthday, anniversary), never promises or complaints: first a
// day before Plan.SnoozedUntil moves to that day, then a day inside a quiet
// month or quiet range moves to the first day after it (repeatedly, so
// adjacent quiet periods, including December and January, are skipped
// together). The overdue threshold and the lapse move with the due day.
//
// Lost clients, clients on the black list and clients who asked not to be
// contacted get none of the contact kinds. Their open promises and
// complaints still show: the owner still owes them, and closing them is
// what removes the client from the list.

// LateLimitDays is how long after its day an unmet follow-up, birthday or
// anniversary stays on the due list by default.
const LateLimitDays = 30

// DefaultFirstCheckInDays is how many days the first check-ins of clients
// never contacted are spread over by default: four weeks.
const DefaultFirstCheckInDays = 28

// maxShiftSteps bounds the quiet-period walk; a plan that is still quiet
// after it (only possible with an invalid plan) gets no contact reasons.
const maxShiftSteps = 1000

// DefaultScheduleSettings returns the schedule of a new database.
func DefaultScheduleSettings() ScheduleSettings {
	return ScheduleSettings{
		Intervals: map[Stage]int{
			StageVIP:       14,
			StageAdvocate:  30,
			StageLoyal:     30,
			StageBuyer:     45,
			StageProspect:  60,
			StageNewbie:    90,
			StageBlacklist: 0, // never
		},
		OverdueFactor: 1.5,
		FollowUpDays:  3,
		HorizonDays:   30,
		DailyCapacity: DefaultDailyCapacity,

		FollowUpWindowDays: LateLimitDays,
		OccasionWindowDays: LateLimitDays,
		FirstCheckInDays:   DefaultFirstCheckInDays,
	}
}

// The messages of reasons and suggestions. They are English templates and
// translation keys; ScheduleMessages lists them all for translators.
const (
	msgNeverContacted    = "never contacted"
	msgContactToday      = "last contact today"
	msgContactYesterday  = "last contact yesterday"
	msgContactDaysAgo    = "last contact {{.Days}} days ago"
	msgFollowUpOneDay    = "1 day after purchase: {{.Item}}"
	msgFollowUpDays      = "{{.Days}} days after purchase: {{.Item}}"
	msgBirthday          = "birthday"
	msgAnniversaryOne    = "anniversary: 1 year"
	msgAnniversaryYears  = "anniversary: {{.Years}} years"
	msgPromise           = "promise due: {{.What}}"
	msgComplaint         = "open complaint: {{.What}}"
	msgPaymentDays       = "payment due {{.Days}} days ago: {{.Amount}}"
	msgPaymentOneDay     = "payment due yesterday: {{.Amount}}"
	sayPayment           = "Remind them kindly of the {{.Amount}} and offer a way to pay that suits them."
	sayFollowUp          = "Ask whether the {{.Item}} worked out and if they are happy with it."
	sayComplaint         = "Apologise, say what you will change, and offer more than one option."
	sayPromise           = "Keep your promise: {{.What}}."
	sayBirthday          = "Wish them a happy birthday."
	sayAnniversary       = "Thank them for {{.Years}} years with you and ask how you could serve them better."
	sayAnniversaryOne    = "Thank them for a year with you and ask how you could serve them better."
	sayCheckInPreference = "Tell them what is new in {{.Preference}}."
	sayCheckIn           = "Ask how they are and whether they need anything."
)

// ScheduleMessages lists every template a Reason's Message can hold, so the
// translations can be checked for completeness.
func ScheduleMessages() []string {
	return []string{
		msgNeverContacted, msgContactToday, msgContactYesterday, msgContactDaysAgo,
		msgFollowUpOneDay, msgFollowUpDays, msgBirthday, msgAnniversaryOne, msgAnniversaryYears,
		msgPromise, msgComplaint, msgPaymentDays, msgPaymentOneDay,
		sayFollowUp, sayPayment, sayComplaint, sayPromise, sayBirthday, sayAnniversary, sayAnniversaryOne,
		sayCheckInPreference, sayCheckIn,
	}
}

// Text returns the message with its placeholders filled in, as
// FieldError.Text does.
func (r Reason) Text() string {
	return FieldError{Message: r.Message, Data: r.Data}.Text()
}

// Label is the English name of the section, also its translation key.
func (s Section) Label() string {
	switch s {
	case SectionOverdue:
		return "Overdue"
	case SectionToday:
		return "Today"
	case SectionThisWeek:
		return "This week"
	}
	return "Later"
}

// Label is the English name of the kind of reason, also its translation key.
func (k ReasonKind) Label() string {
	switch k {
	case ReasonComplaint:
		return "Complaint"
	case ReasonPromise:
		return "Promise"
	case ReasonPayment:
		return "Payment"
	case ReasonFollowUp:
		return "Follow-up"
	case ReasonBirthday:
		return "Birthday"
	case ReasonAnniversary:
		return "Anniversary"
	}
	return "Check-in"
}

// Label is the English name of the signal, also its translation key.
func (s Signal) Label() string {
	switch s {
	case SignalBuyingLess:
		return "Buying less"
	case SignalOverdueContact:
		return "Overdue contact"
	case SignalBrokenPromise:
		return "Broken promise"
	case SignalOpenComplaint:
		return "Open complaint"
	}
	return "Negative feedback"
}

// rank orders the kinds of reasons as the constants are declared.
func (k ReasonKind) rank() int {
	switch k {
	case ReasonComplaint:
		return 0
	case ReasonPromise:
		return 1
	case ReasonPayment:
		return 2
	case ReasonFollowUp:
		return 3
	case ReasonBirthday:
		return 4
	case ReasonAnniversary:
		return 5
	}
	return 6
}

// candidate is a reason before it is dressed up for display.
type candidate struct {
	kind  ReasonKind
	due   time.Time
	grace int // days after due before it is overdue
	n     int // years of an anniversary, age at a birthday (0 unknown), index of a promise or complaint
}

// overdue reports whether c is overdue on day.
func (c candidate) overdue(day time.Time) bool {
	return day.After(addDays(c.due, c.grace))
}

// contactable reports whether the contact kinds of reasons apply to the client.
func contactable(h *History) bool {
	return !h.Client.Lost.IsLost() && h.Stage != StageBlacklist && !h.Client.Plan.DoNotContact
}

// lastContactDay is the calendar day of the last contact; zero if none.
func lastContactDay(h *History) time.Time { return toDay(h.LastContact) }

// maxSettingDays caps the day counts of the settings, so that a typing
// mistake of a million days cannot overflow the date arithmetic.
const maxSettingDays = 36500

// collect appends the reasons a client has as of at, whose last contact
// was on day lc (see lastContactDay): every open complaint
// and promise, and the contact kinds that are still alive on day. For
// birthdays and anniversaries it appends the first occurrence that is
// neither met nor lapsed, counting from the latest one on or before day,
// and any later ones due on or before limit. The due day of every reason
// that DueFor shows on a day on or after day is therefore at or after the
// earliest due day collected here, which is what makes NextDue safe to
// index.
func collect(h *History, s *ScheduleSettings, at, lc, limit time.Time, dst []candidate) []candidate {
	day := toDay(at)
	for i := range h.OpenComplaints {
		c := &h.OpenComplaints[i]
		if (c.Status == ComplaintOpen || c.Status == "") && !c.OpenedOn.IsZero() {
			dst = append(dst, candidate{kind: ReasonComplaint, due: toDay(c.OpenedOn), n: i})
		}
	}
	for i := range h.OpenPromises {
		p := &h.OpenPromises[i]
		if (p.Status == PromiseOpen || p.Status == "") && !p.DueBy.IsZero() {
			dst = append(dst, candidate{kind: ReasonPromise, due: toDay(p.DueBy), n: i})
		}
	}
	// Money owed past its day is a reason even on the black list: "stop
	// credit, recover what is owed".
	if h.OverdueDebt > 0 && !h.DebtDueSince.IsZero() {
		dst = append(dst, candidate{kind: ReasonPayment, due: toDay(h.DebtDueSince)})
	}
	if !contactable(h) {
		return dst
	}
	sh := shifter{plan: &h.Client.Plan}

	if c, ok := checkIn(h, s, at, lc, sh); ok {
		dst = append(dst, c)
	}
	if pd := toDay(h.LastPurchase.Date); s.FollowUpDays > 0 && !pd.IsZero() && !lc.After(pd) {
		if due, ok := sh.apply(addDays(pd, min(s.FollowUpDays, maxSettingDays))); ok && alive(due, day, s.followUpWindow()) {
			dst = append(dst, candidate{kind: ReasonFollowUp, due: due})
		}
	}
	since := toDay(h.Client.Since)
	if b := h.Client.Birthday; !b.IsZero() && b.Month >= time.January && b.Month <= time.December && b.Day >= 1 {
		start := since
		if start.IsZero() {
			start = toDay(h.Client.CreatedAt)
		}
		a := annual{month: b.Month, day: b.Day, firstYear: b.Year + 1, window: s.occasionWindow()}
		dst = a.collect(dst, ReasonBirthday, b.Year, day, limit, lc, start, sh)
	}
	if !since.IsZero() {
		a := annual{month: since.Month(), day: since.Day(), firstYear: since.Year() + 1, window: s.occasionWindow()}
		dst = a.collect(dst, ReasonAnniversary, since.Year(), day, limit, lc, time.Time{}, sh)
	}
	return dst
}

// alive reports whether a follow-up or occasion due on due has not lapsed
// on day, window days after it.
func alive(due, day time.Time, window int) bool { return !day.After(addDays(due, window)) }

// followUpWindow is how long an unmet follow-up stays listed.
func (s *ScheduleSettings) followUpWindow() int { return clampWindow(s.FollowUpWindowDays) }

// occasionWindow is how long an unmet birthday or anniversary stays listed.
func (s *ScheduleSettings) occasionWindow() int { return clampWindow(s.OccasionWindowDays) }

func clampWindow(d int) int { return min(max(d, 0), maxSettingDays) }

// checkIn returns the client's check-in as of at, if they have one.
func checkIn(h *History, s *ScheduleSettings, at time.Time, lc time.Time, sh shifter) (candidate, bool) {
	base := lc
	if base.IsZero() {
		base = toDay(h.Client.Since)
	}
	if base.IsZero() {
		base = toDay(h.Client.CreatedAt)
	}
	interval := h.Client.Plan.CheckInDays
	if interval <= 0 {
		st := h.Stage
		if st == "" {
			st = StageNewbie
		}
		interval = s.Intervals[st]
	}
	if base.IsZero() || interval <= 0 {
		return candidate{}, false
	}
	interval = min(interval, maxSettingDays)
	due := addDays(base, interval)
	if lc.IsZero() && h.Client.Plan.CheckInDays <= 0 {
		due = firstCheckIn(h, s, due)
	}
	due, ok := sh.apply(due)
	if !ok {
		return candidate{}, false
	}
	// Overdue past interval*factor days: with 45 days and 1.5, from day 68.
	factor := s.OverdueFactor
	if !(factor >= 1) { // also NaN
		factor = 1
	}
	limit := min(math.Floor(float64(interval)*factor+1e-9), 2*maxSettingDays) // also +Inf
	return candidate{kind: ReasonCheckIn, due: due, grace: int(limit) - interval}, true
}

// firstCheckIn returns the due day of the first check-in of a client never
// contacted, whose regular check-in would be due on due. A book that
// starts with hundreds of clients nobody has contacted yet (typed in over
// the years, or imported from a phone) would otherwise list them all as
// years late on the first day. So, counted from the day their record was
// created, the first check-ins are spread over the next
// FirstCheckInDays days, by the client's id (clients imported together
// have consecutive ids): a few each day. One due sooner by their
// interval keeps that day. A client with no record day (or a spread of
// 0) keeps due; so does one with a plan of their own (checkIn does not
// ask), which the owner chose.
func firstCheckIn(h *History, s *ScheduleSettings, due time.Time) time.Time {
	created := toDay(h.Client.CreatedAt)
	spread := min(s.FirstCheckInDays, maxSettingDays)
	if created.IsZero() || spread <= 0 {
		return due
	}
	id := h.Client.ID % int64(spread)
	if id < 0 {
		id += int64(spread)
	}
	first := addDays(created, 1+int(id))
	if due.Before(created) || due.After(first) {
		return first
	}
	return due
}

// annual is a yearly occasion on a month and day, from firstYear on.
type annual struct {
	month     time.Month
	day       int
	firstYear int
	window    int // days after the day an unmet occasion lapses
}

// in returns the occasion in year y; 29 February falls on 28 February in
// other years (and a day past the end of any month on its last day).
func (a annual) in(y int) time.Time {
	return dayTime(civilDay(y, a.month, min(a.day, monthDays(a.month, y))))
}

// firstYearFrom returns the first year from which the occasion falls on or
// after d (after d if strict).
func (a annual) firstYearFrom(d time.Time, strict bool) int {
	y := d.Year()
	if o := a.in(y); o.Before(d) || (strict && o.Equal(d)) {
		y++
	}
	return y
}

// collect appends the occasions alive on day, as described at collect.
// origin is the year the occasion counts from (birth year, 0 if unknown, or
// the year they became a client); lc is the last contact day, which meets
// every occasion on or before it; occasions before notBefore do not count.
func (a annual) collect(dst []candidate, kind ReasonKind, origin int, day, limit, lc, notBefore time.Time, sh shifter) []candidate {
	// The latest occasion on or before day, or the first one ever.
	y := day.Year()
	if a.in(y).After(day) {
		y--
	}
	y = max(y, a.firstYear, 1)
	if !lc.IsZero() {
		y = max(y, a.firstYearFrom(lc, true))
	}
	if !notBefore.IsZero() {
		y = max(y, a.firstYearFrom(notBefore, false))
	}
	found := false
	for range maxShiftSteps {
		o := a.in(y)
		if found && o.After(limit) {
			break
		}
		due, ok := sh.apply(o)
		switch {
		case !ok:
			return dst
		case !alive(due, day, a.window):
		case found && due.After(limit):
			return dst
		default:
			n := 0
			if origin > 0 {
				n = y - origin
			}
			dst = append(dst, candidate{kind: kind, due: due, n: n})
			found = true
		}
		y++
	}
	return dst
}

// shifter moves a contact kind of reason out of the snooze and the quiet
// periods of a plan.
type shifter struct {
	plan *ContactPlan
}

// apply returns the day a reason due on d is really due, and false if the
// plan is quiet for good.
func (sh shifter) apply(d time.Time) (time.Time, bool) {
	p := sh.plan
	if s := toDay(p.SnoozedUntil); d.Before(s) {
		d = s
	}
	if len(p.QuietMonths) == 0 && len(p.QuietRanges) == 0 {
		return d, true
	}
	for range maxShiftSteps {
		moved := false
		if slices.Contains(p.QuietMonths, d.Month()) {
			d = time.Date(d.Year(), d.Month()+1, 1, 0, 0, 0, 0, time.UTC)
			moved = true
		}
		for _, r := range p.QuietRanges {
			if r.From.IsZero() || r.To.IsZero() {
				continue
			}
			if !d.Before(toDay(r.From)) && !d.After(toDay(r.To)) {
				d = addDays(toDay(r.To), 1)
				moved = true
			}
		}
		if !moved {
			return d, true
		}
	}
	return time.Time{}, false
}

// DueFor returns the due-list row of a client as of today: every reason due
// on or before today+HorizonDays, the earliest of those days, the section,
// one suggested line of what to say and the at-risk signals. It returns false
// when nothing is due within the horizon.
//
// Sections: Overdue if any reason is overdue; Today if the earliest reason is
// due today or earlier; This week if it is due in the next seven days
// (tomorrow to today+7: a rolling week, so Friday's list looks as far ahead
// as Monday's); Later otherwise, up to the horizon.
//
// Reasons are ranked with those due by today first, then by kind (complaint,
// promise, follow-up, birthday, anniversary, check-in), then by day; the
// suggestion is that of the first. The Data maps of reasons may be shared
// with the suggestion and, in DueList, between rows: treat them as
// read-only.
func DueFor(h History, s ScheduleSettings, today time.Time) (DueItem, bool) {
	var b builder
	b.start(&s, today)
	return b.dueFor(&h, &s, today)
}

// builder makes due-list rows, sharing backing arrays and read-only Data
// maps between them so a list of many rows costs few allocations.
type builder struct {
	day, limit time.Time // today and the last day of the horizon
	reasons    []Reason
	signals    []Signal
	shared     map[dataKey]map[string]any
}

// dataKey identifies a Data map of one or two entries.
type dataKey struct {
	key1, key2 string
	n          int
	s          string
}

// start prepares the builder for rows as of today.
func (b *builder) start(s *ScheduleSettings, today time.Time) {
	b.day = toDay(today)
	b.limit = addDays(b.day, min(max(s.HorizonDays, 0), maxSettingDays))
}

// data returns a map holding key: n, shared with every other request for
// the same pair.
func (b *builder) data(key string, n int) map[string]any {
	return b.share(dataKey{key1: key, n: n})
}

// text returns a map holding key: s, shared likewise.
func (b *builder) text(key, s string) map[string]any {
	return b.share(dataKey{key2: key, s: s})
}

func (b *builder) share(k dataKey) map[string]any {
	if m, ok := b.shared[k]; ok {
		return m
	}
	if b.shared == nil {
		b.shared = map[dataKey]map[string]any{}
	}
	m := make(map[string]any, 2)
	if k.key1 != "" {
		m[k.key1] = k.n
	}
	if k.key2 != "" {
		m[k.key2] = k.s
	}
	b.shared[k] = m
	return m
}

// take returns n zero values carved from *pool, which grows in chunks.
func take[T any](pool *[]T, n int) []T {
	if cap(*pool)-len(*pool) < n {
		*pool = make([]T, 0, max(n, 1024))
	}
	l := len(*pool)
	*pool = (*pool)[:l+n]
	return (*pool)[l : l+n : l+n]
}

func (b *builder) dueFor(h *History, s *ScheduleSettings, today time.Time) (DueItem, bool) {
	day := b.day
	lc := lastContactDay(h)
	var buf [8]candidate
	pl, cs, ok := b.place(h, s, today, lc, buf[:0])
	if !ok {
		return DueItem{}, false
	}
	if len(cs) > 1 {
		slices.SortFunc(cs, func(a, b candidate) int {
			aNow, bNow := !a.due.After(day), !b.due.After(day)
			if aNow != bNow {
				if aNow {
					return -1
				}
				return 1
			}
			return cmp.Or(cmp.Compare(a.kind.rank(), b.kind.rank()), a.due.Compare(b.due), cmp.Compare(a.n, b.n))
		})
	}

	it := DueItem{
		ClientID:    h.Client.ID,
		Name:        h.Client.Name,
		Channel:     h.Client.Channel,
		Email:       h.Client.Email,
		Due:         pl.due,
		DaysOverdue: max(0, daysFrom(pl.due, day)),
		Section:     pl.section,
		Reasons:     take(&b.reasons, len(cs)),
	}
	if len(h.Client.Phones) > 0 {
		it.Phone = h.Client.Phones[0]
	}
	for i, c := range cs {
		it.Reasons[i] = b.describe(h, s, c, day, lc)
	}
	it.Suggestion = b.suggest(h, cs[0], it.Reasons[0])
	var sig [5]Signal
	got := atRisk(h, day, pl.checkInOverdue, sig[:0])
	if len(got) > 0 {
		it.AtRisk = take(&b.signals, len(got))
		copy(it.AtRisk, got)
	}
	it.Priority = DuePriority(pl.section, reasonNow(cs, ReasonPromise, day), reasonNow(cs, ReasonPayment, day), len(got) > 0, h.Stage)
	return it, true
}

// placement is where a client stands in the due list as of the builder's
// day: the earliest day of the reasons due within the horizon, the section,
// and whether the check-in among them is overdue.
type placement struct {
	due            time.Time
	section        Section
	complaint      bool
	checkInOverdue bool
}

// place works out the placement of a client whose last contact was on day
// lc and the reasons due within the horizon (unsorted, in buf when they
// fit); false when nothing is due within it. dueFor and DueRankFor both
// rest on it, so a row is always listed where its rank says. The reasons
// are returned apart: the compiler follows a struct as one value, and a
// placement holding them made every caller's buf escape to the heap (an
// allocation per client of a due list and of a recompute).
func (b *builder) place(h *History, s *ScheduleSettings, today, lc time.Time, buf []candidate) (placement, []candidate, bool) {
	day, limit := b.day, b.limit
	cs := collect(h, s, today, lc, limit, buf)
	n := 0
	for _, c := range cs {
		if !c.due.After(limit) {
			cs[n] = c
			n++
		}
	}
	if n == 0 {
		return placement{}, nil, false
	}
	cs = cs[:n]
	var pl placement
	overdue := false
	for i, c := range cs {
		if i == 0 || c.due.Before(pl.due) {
			pl.due = c.due
		}
		if c.overdue(day) {
			overdue = true
			pl.checkInOverdue = pl.checkInOverdue || c.kind == ReasonCheckIn
		}
		pl.complaint = pl.complaint || c.kind == ReasonComplaint
	}
	switch {
	case overdue:
		pl.section = SectionOverdue
	case !pl.due.After(day):
		pl.section = SectionToday
	case !pl.due.After(addDays(day, 7)):
		pl.section = SectionThisWeek
	default:
		pl.section = SectionLater
	}
	return pl, cs, true
}

// describe dresses a candidate as a Reason as of day; lc is the day of the
// last contact.
func (b *builder) describe(h *History, s *ScheduleSettings, c candidate, day, lc time.Time) Reason {
	r := Reason{Kind: c.kind, Due: c.due, Overdue: c.overdue(day)}
	switch c.kind {
	case ReasonComplaint:
		r.Message, r.Data = msgComplaint, map[string]any{"What": h.OpenComplaints[c.n].What}
	case ReasonPromise:
		// PromiseID lets the due list offer "Promise kept" for this promise.
		pr := h.OpenPromises[c.n]
		r.Message, r.Data = msgPromise, map[string]any{"What": pr.What, "PromiseID": pr.ID}
	case ReasonPayment:
		days := daysFrom(c.due, day)
		r.Message = msgPaymentDays
		if days == 1 {
			r.Message = msgPaymentOneDay
		}
		r.Data = map[string]any{"Days": days, "Amount": h.OverdueDebt}
	case ReasonFollowUp:
		days := max(daysFrom(toDay(h.LastPurchase.Date), day), s.FollowUpDays)
		r.Message = msgFollowUpDays
		if days == 1 {
			r.Message = msgFollowUpOneDay
		}
		r.Data = b.share(dataKey{key1: "Days", n: days, key2: "Item", s: h.LastPurchase.Item})
	case ReasonBirthday:
		r.Message = msgBirthday
		if c.n > 0 {
			r.Data = b.data("Age", c.n)
		}
	case ReasonAnniversary:
		r.Message = msgAnniversaryYears
		if c.n == 1 {
			r.Message = msgAnniversaryOne
		}
		r.Data = b.data("Years", c.n)
	case ReasonCheckIn:
		switch days := daysFrom(lc, day); {
		case lc.IsZero():
			r.Message = msgNeverContacted
		case days <= 0:
			r.Message = msgContactToday
		case days == 1:
			r.Message = msgContactYesterday
		default:
			r.Message, r.Data = msgContactDaysAgo, b.data("Days", days)
		}
	}
	return r
}

// suggest returns the line to say for the top-ranked reason c, described
// as top, whose Data it shares.
func (b *builder) suggest(h *History, c candidate, top Reason) Reason {
	r := Reason{Kind: c.kind}
	switch c.kind {
	case ReasonComplaint:
		r.Message = sayComplaint
	case ReasonPromise:
		r.Message, r.Data = sayPromise, top.Data
	case ReasonPayment:
		r.Message, r.Data = sayPayment, top.Data
	case ReasonFollowUp:
		r.Message, r.Data = sayFollowUp, top.Data
	case ReasonBirthday:
		r.Message = sayBirthday
	case ReasonAnniversary:
		r.Message, r.Data = sayAnniversary, top.Data
		if c.n == 1 {
			r.Message, r.Data = sayAnniversaryOne, nil
		}
	default:
		if p, ok := likedTopic(h.Preferences); ok {
			r.Message, r.Data = sayCheckInPreference, b.text("Preference", p)
		} else {
			r.Message = sayCheckIn
		}
	}
	return r
}

// likedTopic returns something the client likes that "what is new in ..."
// reads well with: a product category, else a brand. Sizes, colours, prices
// and payment methods do not.
func likedTopic(ps []Preference) (string, bool) {
	for _, cat := range []PrefCategory{PrefProduct, PrefBrand} {
		for i := range ps {
			if p := &ps[i]; p.Category == cat && p.Attitude != Dislikes && p.Value != "" {
				return p.Value, true
			}
		}
	}
	return "", false
}

// DueList returns the rows due as of today (see DueFor): rows with an open
// complaint first, then by section, then by priority (DuePriority), then the longest overdue, then by due
// day, then by name (byte order; the view may collate), then by client ID.
func DueList(hs []History, s ScheduleSettings, today time.Time) []DueItem {
	rows := DueRows(hs, s, today)
	switch len(rows) {
	case 0:
		return nil
	case 1:
		return rows
	}
	// Sort small keys, then move the rows into place along the cycles of
	// the permutation, rather than swapping whole rows while sorting.
	keys := make([]dueKey, len(rows))
	for i := range rows {
		keys[i] = keyOf(&rows[i], int32(i))
	}
	slices.SortFunc(keys, func(a, b dueKey) int {
		if a.order != b.order {
			return cmp.Compare(a.order, b.order)
		}
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for i := range keys {
		if keys[i].row < 0 {
			continue
		}
		tmp := rows[i]
		j := i
		for {
			k := int(keys[j].row)
			keys[j].row = -1
			if k == i {
				rows[j] = tmp
				break
			}
			rows[j] = rows[k]
			j = k
		}
	}
	return rows
}

// dueKey is what DueList sorts rows by; compareDue states the same order.
type dueKey struct {
	order uint64 // complaint, section and due day, packed (DueRank.Key)
	name  string
	id    int64
	row   int32 // index in the unsorted rows; -1 once moved
}

// keyOf is the sort key of a row: its rank's key (see DueRank.Key), then
// name and id.
func keyOf(it *DueItem, row int32) dueKey {
	return dueKey{order: uint64(rankOfItem(it).Key()), name: it.Name, id: it.ClientID, row: row}
}

func hasComplaint(it *DueItem) bool {
	for _, r := range it.Reasons {
		if r.Kind == ReasonComplaint {
			return true
		}
	}
	return false
}

// compareDue orders two rows as DueList does.
func compareDue(a, b *DueItem) int {
	if ac, bc := hasComplaint(a), hasComplaint(b); ac != bc {
		if ac {
			return -1
		}
		return 1
	}
	return cmp.Or(
		cmp.Compare(a.Section, b.Section),
		cmp.Compare(a.Priority, b.Priority),
		cmp.Compare(debtOrder(a), debtOrder(b)),
		cmp.Compare(b.DaysOverdue, a.DaysOverdue),
		a.Due.Compare(b.Due),
		cmp.Compare(a.Name, b.Name),
		cmp.Compare(a.ClientID, b.ClientID),
	)
}

// debtOrder orders rows of priority PriorityDebt by the size of the debt,
// bigger first (0 for other rows).
func debtOrder(it *DueItem) int {
	if it.Priority != PriorityDebt {
		return 0
	}
	return -DebtBand(itemDebt(it))
}

// NextDue returns the earliest due day of any reason the client has as of
// from, which may be before from when something is already due, or the zero
// time if the client can never be due (lost, black-listed or not to be
// contacted, with no open promise or complaint, or with no date to count
// from). It ignores the horizon. For every today on or after from,
// DueFor(h, s, today) returns a row only if NextDue(h, s, from) is on or
// before today+HorizonDays (indeed on or before the row's Due), so a store
// may index this day and load only the clients with NextDue <= date+horizon.
// The store must compute it again when the history or the settings change;
// as days pass without a change, it only becomes more conservative.
func NextDue(h History, s ScheduleSettings, from time.Time) time.Time {
	var buf [8]candidate
	var next time.Time
	lc := lastContactDay(&h)
	for _, c := range collect(&h, &s, from, lc, toDay(from), buf[:0]) {
		if next.IsZero() || c.due.Before(next) {
			next = c.due
		}
	}
	return next
}

// AtRisk returns the at-risk signals of a client as of today, in the order
// the Signal constants are declared:
//   - buying less: at least three purchase days, and more days since the
//     last than twice the median gap between them;
//   - overdue contact: the check-in is overdue;
//   - broken promise: a promise was broken lately, or an open one is past
//     its due day;
//   - open complaint;
//   - negative feedback at the last contact that had any.
//
// A lost client has no signals: they are past risk.
func AtRisk(h History, s ScheduleSettings, today time.Time) []Signal {
	if h.Client.Lost.IsLost() {
		return nil
	}
	day := toDay(today)
	overdue := false
	if contactable(&h) {
		c, ok := checkIn(&h, &s, today, lastContactDay(&h), shifter{plan: &h.Client.Plan})
		overdue = ok && c.overdue(day)
	}
	return atRisk(&h, day, overdue, nil)
}

// atRisk appends the signals to dst, as AtRisk describes them.
func atRisk(h *History, day time.Time, checkInOverdue bool, dst []Signal) []Signal {
	if h.Client.Lost.IsLost() {
		return dst
	}
	if buyingLess(h.PurchaseDates, day) {
		dst = append(dst, SignalBuyingLess)
	}
	if checkInOverdue {
		dst = append(dst, SignalOverdueContact)
	}
	broken := h.BrokenPromises > 0
	for i := range h.OpenPromises {
		p := &h.OpenPromises[i]
		broken = broken || ((p.Status == PromiseOpen || p.Status == "") && !p.DueBy.IsZero() && toDay(p.DueBy).Before(day))
	}
	if broken {
		dst = append(dst, SignalBrokenPromise)
	}
	for i := range h.OpenComplaints {
		if st := h.OpenComplaints[i].Status; st == ComplaintOpen || st == "" {
			dst = append(dst, SignalOpenComplaint)
			break
		}
	}
	if h.LastFeedback == FeedbackNegative {
		dst = append(dst, SignalNegativeFeedback)
	}
	return dst
}

// buyingLess reports whether a client with at least three purchase days has
// gone more than twice their median gap without buying.
func buyingLess(dates []time.Time, day time.Time) bool {
	if len(dates) < 3 {
		return false
	}
	r := rhythmOf(dates, day)
	return r.days >= 3 && r.pastTwiceMedian
}

// PromiseScore counts, for the promise-keeping score, the promises due in
// the window of `days` days that ends today (today and the days-1 before it)
// and how many of them were kept on time (kept on or before their due day).
// An open promise counts once its due day has passed; a kept promise also
// counts if it was kept within the window (early or late), and a broken one
// if its due day is still ahead. Cancelled promises never count.
func PromiseScore(ps []Promise, today time.Time, days int) (keptOnTime, due int) {
	if days <= 0 {
		return 0, 0
	}
	day := toDay(today)
	from := addDays(day, -(min(days, maxSettingDays) - 1))
	in := func(d time.Time) bool { return !d.IsZero() && !d.Before(from) && !d.After(day) }
	for _, p := range ps {
		dueBy, kept := toDay(p.DueBy), toDay(p.KeptOn)
		var counts bool
		switch p.Status {
		case PromiseCancelled:
		case PromiseKept:
			counts = in(dueBy) || in(kept)
		case PromiseBroken:
			counts = in(dueBy) || dueBy.After(day)
		default: // open
			counts = in(dueBy) && dueBy.Before(day)
		}
		if !counts {
			continue
		}
		due++
		if p.Status == PromiseKept && !kept.IsZero() && !kept.After(dueBy) {
			keptOnTime++
		}
	}
	return keptOnTime, due
}
