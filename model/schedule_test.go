package model

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// today0 is the calendar day of testToday, a Monday in a non-leap year.
var today0 = Day(testToday)

// rel returns the day n days after today0 (before it if n < 0).
func rel(n int) time.Time { return today0.AddDate(0, 0, n) }

// at returns day d at hh:mm in UTC, an instant as LastContact holds them.
func at(d time.Time, hh, mm int) time.Time {
	return d.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
}

// calmHistory is a Loyal client with nothing due soon but the check-in after
// yesterday's contact: no birthday, an anniversary months away, no purchase.
func calmHistory() History {
	return History{
		Client: Client{
			ID: 7, Name: "Ana Popa", Phones: []string{"+40 721 234 567", "+40 21 555 0101"}, Email: "ana@example.ro",
			Channel: ChannelPhone, Since: date(2025, 5, 10), CreatedAt: at(date(2025, 5, 10), 9, 0),
		},
		Stage:       StageLoyal,
		LastContact: at(rel(-1), 15, 0),
	}
}

// onlyRule is calmHistory with the check-in pushed out of sight, so one
// other rule can be watched alone.
func onlyRule() History {
	h := calmHistory()
	h.Client.Plan.CheckInDays = MaxCheckInDays
	return h
}

func reasonOf(it DueItem, k ReasonKind) (Reason, bool) {
	for _, r := range it.Reasons {
		if r.Kind == k {
			return r, true
		}
	}
	return Reason{}, false
}

func kindsOf(it DueItem) []ReasonKind {
	var ks []ReasonKind
	for _, r := range it.Reasons {
		ks = append(ks, r.Kind)
	}
	return ks
}

// want describes the one reason of a kind a test expects, or its absence.
type want struct {
	found   bool
	due     time.Time
	overdue bool
	text    string // "" to skip
}

func checkReason(t *testing.T, h History, s ScheduleSettings, today time.Time, k ReasonKind, w want) DueItem {
	t.Helper()
	it, ok := DueFor(h, s, today)
	r, found := reasonOf(it, k)
	if found != w.found {
		t.Fatalf("%s reason found = %v, want %v (row %v: %+v)", k, found, w.found, ok, it.Reasons)
	}
	if !found {
		return it
	}
	if !r.Due.Equal(w.due) || r.Overdue != w.overdue {
		t.Errorf("%s due %s overdue %v, want %s overdue %v", k, FormatDate(r.Due), r.Overdue, FormatDate(w.due), w.overdue)
	}
	if w.text != "" && r.Text() != w.text {
		t.Errorf("%s text %q, want %q", k, r.Text(), w.text)
	}
	return it
}

func TestDefaultScheduleSettings(t *testing.T) {
	s := DefaultScheduleSettings()
	want := map[Stage]int{StageVIP: 14, StageAdvocate: 30, StageLoyal: 30, StageBuyer: 45, StageProspect: 60, StageNewbie: 90, StageBlacklist: 0}
	if !reflect.DeepEqual(s.Intervals, want) || s.OverdueFactor != 1.5 || s.FollowUpDays != 3 || s.HorizonDays != 30 {
		t.Errorf("DefaultScheduleSettings() = %+v", s)
	}
	s.Intervals[StageVIP] = 1
	if DefaultScheduleSettings().Intervals[StageVIP] != 14 {
		t.Error("DefaultScheduleSettings shares its map between calls")
	}
}

func TestCheckIn(t *testing.T) {
	amt := time.FixedZone("AMT", 4*3600)
	noLoyal := DefaultScheduleSettings()
	delete(noLoyal.Intervals, StageLoyal)
	lowFactor := DefaultScheduleSettings()
	lowFactor.OverdueFactor = 0.5
	nanFactor, hugeFactor, hugeInterval := DefaultScheduleSettings(), DefaultScheduleSettings(), DefaultScheduleSettings()
	nanFactor.OverdueFactor = math.NaN()
	hugeFactor.OverdueFactor = math.Inf(1)
	hugeInterval.Intervals[StageNewbie] = math.MaxInt
	contact := func(n int) func(h *History) { return func(h *History) { h.LastContact = at(rel(-n), 11, 0) } }
	tests := []struct {
		name    string
		edit    func(h *History)
		s       *ScheduleSettings
		today   time.Time
		w       want
		section Section
	}{
		{"ContactToday", contact(0), nil, testToday, want{true, rel(30), false, "last contact today"}, SectionLater},
		{"ResetByContactYesterday", contact(1), nil, testToday, want{true, rel(29), false, "last contact yesterday"}, SectionLater},
		{"DueInAWeek", contact(23), nil, testToday, want{true, rel(7), false, "last contact 23 days ago"}, SectionThisWeek},
		{"DueInEightDays", contact(22), nil, testToday, want{true, rel(8), false, ""}, SectionLater},
		{"DueTomorrow", contact(29), nil, testToday, want{true, rel(1), false, ""}, SectionThisWeek},
		{"DueToday", contact(30), nil, testToday, want{true, rel(0), false, "last contact 30 days ago"}, SectionToday},
		{"PastDueNotOverdue", contact(40), nil, testToday, want{true, rel(-10), false, ""}, SectionToday},
		{"AtOverdueThreshold", contact(45), nil, testToday, want{true, rel(-15), false, ""}, SectionToday},
		{"JustOverdue", contact(46), nil, testToday, want{true, rel(-16), true, "last contact 46 days ago"}, SectionOverdue},
		// With no record day, a client never contacted counts from "since".
		{"NeverContacted", func(h *History) {
			h.LastContact, h.Client.CreatedAt = time.Time{}, time.Time{}
			h.Client.Since = rel(-91)
		}, nil, testToday,
			want{true, rel(-61), true, "never contacted"}, SectionOverdue},
		// A record made 10 days ago: the first check-in is spread over the
		// four weeks after it, by id (7: the 8th day), before the interval.
		{"NeverContactedNoSince", func(h *History) {
			h.LastContact, h.Client.Since = time.Time{}, time.Time{}
			h.Client.CreatedAt = at(rel(-10), 18, 0)
		}, nil, testToday,
			want{true, rel(-2), false, "never contacted"}, SectionToday},
		// A client since years ago, typed in (or imported) 3 days ago, is
		// not years late: due on the 8th day after the record.
		{"NeverContactedImported", func(h *History) {
			h.LastContact, h.Client.Since = time.Time{}, date(2019, 4, 2)
			h.Client.CreatedAt = at(rel(-3), 11, 0)
		}, nil, testToday,
			want{true, rel(5), false, "never contacted"}, SectionThisWeek},
		// A plan of their own is the owner's choice: no spreading.
		{"NeverContactedOwnPlan", func(h *History) {
			h.LastContact, h.Client.Since = time.Time{}, rel(-3)
			h.Client.CreatedAt = at(rel(-3), 11, 0)
			h.Client.Plan.CheckInDays = 20
		}, nil, testToday,
			want{true, rel(17), false, "never contacted"}, SectionLater},
		{"NoDayToCountFrom", func(h *History) {
			h.LastContact, h.Client.Since, h.Client.CreatedAt = time.Time{}, time.Time{}, time.Time{}
		}, nil, testToday,
			want{}, 0},
		{"ContactBeforeSinceStillCounts", func(h *History) { h.Client.Since = rel(-5); h.LastContact = at(rel(-20), 9, 0) }, nil, testToday,
			want{true, rel(10), false, ""}, SectionLater},
		{"OwnInterval", func(h *History) { h.Client.Plan.CheckInDays = 7; contact(7)(h) }, nil, testToday, want{true, rel(0), false, ""}, SectionToday},
		{"OwnIntervalThreshold", func(h *History) { h.Client.Plan.CheckInDays = 7; contact(10)(h) }, nil, testToday, want{true, rel(-3), false, ""}, SectionToday},
		{"OwnIntervalOverdue", func(h *History) { h.Client.Plan.CheckInDays = 7; contact(11)(h) }, nil, testToday, want{true, rel(-4), true, ""}, SectionOverdue},
		{"BuyerHalfDayThreshold", func(h *History) { h.Stage = StageBuyer; contact(67)(h) }, nil, testToday, want{true, rel(-22), false, ""}, SectionToday},
		{"BuyerPastHalfDay", func(h *History) { h.Stage = StageBuyer; contact(68)(h) }, nil, testToday, want{true, rel(-23), true, ""}, SectionOverdue},
		{"VIPDue", func(h *History) { h.Stage = StageVIP; contact(14)(h) }, nil, testToday, want{true, rel(0), false, ""}, SectionToday},
		{"VIPThreshold", func(h *History) { h.Stage = StageVIP; contact(21)(h) }, nil, testToday, want{true, rel(-7), false, ""}, SectionToday},
		{"VIPOverdue", func(h *History) { h.Stage = StageVIP; contact(22)(h) }, nil, testToday, want{true, rel(-8), true, ""}, SectionOverdue},
		{"NoStageCountsAsNewbie", func(h *History) { h.Stage = ""; contact(90)(h) }, nil, testToday, want{true, rel(0), false, ""}, SectionToday},
		{"StageWithoutInterval", contact(200), &noLoyal, testToday, want{}, 0},
		{"FactorBelowOneMeansOne", contact(31), &lowFactor, testToday, want{true, rel(-1), true, ""}, SectionOverdue},
		{"FactorBelowOneDueDayNotOverdue", contact(30), &lowFactor, testToday, want{true, rel(0), false, ""}, SectionToday},
		{"FactorNaNMeansOne", contact(31), &nanFactor, testToday, want{true, rel(-1), true, ""}, SectionOverdue},
		{"FactorHugeNeverOverdue", contact(3000), &hugeFactor, testToday, want{true, rel(-2970), false, ""}, SectionToday},
		{"IntervalHugeIsCapped", func(h *History) { h.Stage = StageNewbie; contact(0)(h) }, &hugeInterval, testToday, want{}, 0},
		// 01:30 on 23 November in Yerevan is still 22 November in UTC: the
		// contact counts on the day of its own location.
		{"ContactDayInOwnersZone", func(h *History) { h.LastContact = time.Date(2026, 11, 22, 21, 30, 0, 0, time.UTC).In(amt) },
			nil, testToday, want{true, rel(30), false, "last contact today"}, SectionLater},
		{"ContactDayInUTC", func(h *History) { h.LastContact = time.Date(2026, 11, 22, 21, 30, 0, 0, time.UTC) },
			nil, testToday, want{true, rel(29), false, "last contact yesterday"}, SectionLater},
		{"TodayAsLocalInstant", func(h *History) { h.LastContact = time.Date(2026, 11, 22, 21, 30, 0, 0, time.UTC).In(amt) },
			nil, time.Date(2026, 11, 23, 0, 10, 0, 0, amt), want{true, rel(30), false, "last contact today"}, SectionLater},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := calmHistory()
			tt.edit(&h)
			s := DefaultScheduleSettings()
			if tt.s != nil {
				s = *tt.s
			}
			it := checkReason(t, h, s, tt.today, ReasonCheckIn, tt.w)
			if tt.w.found && it.Section != tt.section {
				t.Errorf("section %s, want %s", it.Section.Label(), tt.section.Label())
			}
		})
	}
}

func TestFollowUp(t *testing.T) {
	boots := func(n int) Purchase { return Purchase{Date: rel(-n), Item: "winter boots", Amount: 18950} }
	tests := []struct {
		name     string
		purchase Purchase
		contact  time.Time
		days     int // FollowUpDays
		w        want
	}{
		{"DueToday", boots(3), at(rel(-20), 10, 0), 3, want{true, rel(0), false, "3 days after purchase: winter boots"}},
		{"DueTomorrow", boots(2), at(rel(-20), 10, 0), 3, want{true, rel(1), false, "3 days after purchase: winter boots"}},
		{"BoughtToday", boots(0), at(rel(-20), 10, 0), 3, want{true, rel(3), false, "3 days after purchase: winter boots"}},
		{"OverdueTheDayAfter", boots(4), at(rel(-20), 10, 0), 3, want{true, rel(-1), true, "4 days after purchase: winter boots"}},
		{"NeverContacted", boots(4), time.Time{}, 3, want{true, rel(-1), true, ""}},
		{"ContactOnALaterDayMeetsIt", boots(5), at(rel(-1), 10, 0), 3, want{}},
		{"ContactTheNextDayMeetsIt", boots(5), at(rel(-4), 10, 0), 3, want{}},
		{"ContactOnTheDayOfTheSaleDoesNot", boots(5), at(rel(-5), 18, 0), 3, want{true, rel(-2), true, ""}},
		{"OneDay", boots(1), at(rel(-20), 10, 0), 1, want{true, rel(0), false, "1 day after purchase: winter boots"}},
		{"SevenDays", boots(1), at(rel(-20), 10, 0), 7, want{true, rel(6), false, "7 days after purchase: winter boots"}},
		{"Off", boots(3), at(rel(-20), 10, 0), 0, want{}},
		{"NoPurchase", Purchase{}, at(rel(-20), 10, 0), 3, want{}},
		{"StillShownAtTheLateLimit", boots(3 + LateLimitDays), time.Time{}, 3, want{true, rel(-LateLimitDays), true, "33 days after purchase: winter boots"}},
		{"LapsedAfterTheLateLimit", boots(4 + LateLimitDays), time.Time{}, 3, want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := onlyRule()
			h.LastPurchase, h.LastContact = tt.purchase, tt.contact
			s := DefaultScheduleSettings()
			s.FollowUpDays = tt.days
			checkReason(t, h, s, testToday, ReasonFollowUp, tt.w)
		})
	}
}

func TestAnniversary(t *testing.T) {
	tests := []struct {
		name    string
		since   time.Time
		today   time.Time
		contact time.Time
		w       want
	}{
		{"OneYearToday", date(2025, 11, 23), testToday, time.Time{}, want{true, rel(0), false, "anniversary: 1 year"}},
		{"TwoYearsToday", date(2024, 11, 23), testToday, time.Time{}, want{true, rel(0), false, "anniversary: 2 years"}},
		{"InTwoWeeks", date(2023, 12, 7), testToday, time.Time{}, want{true, date(2026, 12, 7), false, "anniversary: 3 years"}},
		{"AtTheHorizon", date(2024, 12, 23), testToday, time.Time{}, want{true, rel(30), false, ""}},
		{"BeyondTheHorizon", date(2024, 12, 24), testToday, time.Time{}, want{}},
		{"NotAYearYet", date(2026, 1, 5), testToday, time.Time{}, want{}},
		{"SinceToday", today0, testToday, time.Time{}, want{}},
		{"SinceInTheFuture", rel(10), testToday, time.Time{}, want{}},
		{"NoSince", time.Time{}, testToday, time.Time{}, want{}},
		{"ThreeDaysLate", date(2023, 11, 20), testToday, time.Time{}, want{true, date(2026, 11, 20), true, "anniversary: 3 years"}},
		{"MetByContactOnTheDay", date(2023, 11, 20), testToday, at(date(2026, 11, 20), 17, 0), want{}},
		{"MetByContactAfter", date(2023, 11, 20), testToday, at(date(2026, 11, 21), 9, 0), want{}},
		{"ContactBeforeDoesNotMeetIt", date(2023, 11, 20), testToday, at(date(2026, 11, 19), 9, 0), want{true, date(2026, 11, 20), true, ""}},
		{"ContactLastYearDoesNotMeetIt", date(2023, 11, 20), testToday, at(date(2025, 11, 21), 9, 0), want{true, date(2026, 11, 20), true, ""}},
		{"StillShownAtTheLateLimit", date(2023, 10, 24), testToday, time.Time{}, want{true, date(2026, 10, 24), true, ""}},
		{"LapsedAfterTheLateLimit", date(2023, 10, 23), testToday, time.Time{}, want{}},
		// Became a client on 29 February: 28 February in other years.
		{"LeapSinceNonLeapYear", date(2024, 2, 29), date(2025, 2, 28), time.Time{}, want{true, date(2025, 2, 28), false, "anniversary: 1 year"}},
		{"LeapSinceDayBefore", date(2024, 2, 29), date(2025, 2, 27), time.Time{}, want{true, date(2025, 2, 28), false, ""}},
		{"LeapSinceFirstOfMarch", date(2024, 2, 29), date(2025, 3, 1), time.Time{}, want{true, date(2025, 2, 28), true, ""}},
		{"LeapSinceThreeYears", date(2024, 2, 29), date(2027, 2, 28), time.Time{}, want{true, date(2027, 2, 28), false, "anniversary: 3 years"}},
		{"LeapSinceLeapYearWaitsFor29th", date(2024, 2, 29), date(2028, 2, 28), time.Time{}, want{true, date(2028, 2, 29), false, "anniversary: 4 years"}},
		{"LeapSinceLeapYearOn29th", date(2024, 2, 29), date(2028, 2, 29), time.Time{}, want{true, date(2028, 2, 29), false, "anniversary: 4 years"}},
		{"TwentyEighthInLeapYear", date(2024, 2, 28), date(2028, 2, 28), time.Time{}, want{true, date(2028, 2, 28), false, ""}},
		{"LeapSinceMetOn28th", date(2024, 2, 29), date(2025, 3, 1), at(date(2025, 2, 28), 12, 0), want{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := onlyRule()
			h.Client.Since, h.LastContact = tt.since, tt.contact
			checkReason(t, h, DefaultScheduleSettings(), tt.today, ReasonAnniversary, tt.w)
		})
	}
}

func TestBirthday(t *testing.T) {
	tests := []struct {
		name     string
		birthday Birthday
		since    time.Time
		today    time.Time
		contact  time.Time
		w        want
		age      int // 0: no age in Data
	}{
		{"InThreeWeeks", Birthday{14, time.December, 1985}, date(2020, 1, 1), testToday, time.Time{}, want{true, date(2026, 12, 14), false, "birthday"}, 41},
		{"TodayNoYear", Birthday{23, time.November, 0}, date(2020, 1, 1), testToday, time.Time{}, want{true, rel(0), false, "birthday"}, 0},
		{"ThreeDaysLate", Birthday{20, time.November, 1990}, date(2020, 1, 1), testToday, time.Time{}, want{true, rel(-3), true, ""}, 36},
		{"MetByContact", Birthday{20, time.November, 1990}, date(2020, 1, 1), testToday, at(rel(-2), 10, 0), want{}, 0},
		{"BeyondTheHorizon", Birthday{24, time.December, 1990}, date(2020, 1, 1), testToday, time.Time{}, want{}, 0},
		{"NewYearAcrossTheHorizon", Birthday{2, time.January, 0}, date(2020, 1, 1), date(2026, 12, 20), at(date(2026, 12, 19), 9, 0), want{true, date(2027, 1, 2), false, ""}, 0},
		{"BeforeTheyBecameAClient", Birthday{18, time.November, 1990}, rel(-2), testToday, time.Time{}, want{}, 0},
		{"OnTheDayTheyBecameAClient", Birthday{18, time.November, 1990}, rel(-5), testToday, time.Time{}, want{true, rel(-5), true, ""}, 36},
		{"BeforeTheRecordWasCreated", Birthday{18, time.November, 1990}, time.Time{}, testToday, time.Time{}, want{}, 0},
		// Born on 29 February: 28 February in other years.
		{"LeapNonLeapYear", Birthday{29, time.February, 1992}, date(2020, 1, 1), date(2026, 2, 28), time.Time{}, want{true, date(2026, 2, 28), false, ""}, 34},
		{"LeapNonLeapYearLate", Birthday{29, time.February, 1992}, date(2020, 1, 1), date(2026, 3, 1), time.Time{}, want{true, date(2026, 2, 28), true, ""}, 34},
		{"LeapLeapYearTomorrow", Birthday{29, time.February, 1992}, date(2020, 1, 1), date(2028, 2, 28), time.Time{}, want{true, date(2028, 2, 29), false, ""}, 36},
		{"LeapLeapYearToday", Birthday{29, time.February, 1992}, date(2020, 1, 1), date(2028, 2, 29), time.Time{}, want{true, date(2028, 2, 29), false, ""}, 36},
		{"LeapNoYear", Birthday{29, time.February, 0}, date(2020, 1, 1), date(2027, 2, 28), time.Time{}, want{true, date(2027, 2, 28), false, ""}, 0},
		{"LeapMetOn28th", Birthday{29, time.February, 0}, date(2020, 1, 1), date(2027, 3, 2), at(date(2027, 2, 28), 19, 0), want{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := onlyRule()
			h.Client.Birthday, h.Client.Since, h.LastContact = tt.birthday, tt.since, tt.contact
			if tt.since.IsZero() {
				h.Client.CreatedAt = at(rel(-2), 12, 0)
			}
			it := checkReason(t, h, DefaultScheduleSettings(), tt.today, ReasonBirthday, tt.w)
			if r, ok := reasonOf(it, ReasonBirthday); ok {
				age, _ := r.Data["Age"].(int)
				if age != tt.age {
					t.Errorf("age %d, want %d", age, tt.age)
				}
			}
		})
	}
}

func TestShift(t *testing.T) {
	r := func(a, b time.Time) DateRange { return DateRange{From: a, To: b} }
	tests := []struct {
		name   string
		plan   ContactPlan
		in     time.Time
		out    time.Time
		closed bool // quiet for good
	}{
		{"NoPlan", ContactPlan{}, date(2026, 12, 5), date(2026, 12, 5), false},
		{"QuietMonth", ContactPlan{QuietMonths: []time.Month{time.December}}, date(2026, 12, 5), date(2027, 1, 1), false},
		{"QuietMonthFirstDay", ContactPlan{QuietMonths: []time.Month{time.December}}, date(2026, 12, 1), date(2027, 1, 1), false},
		{"QuietMonthLastDay", ContactPlan{QuietMonths: []time.Month{time.December}}, date(2026, 12, 31), date(2027, 1, 1), false},
		{"DayBeforeQuietMonth", ContactPlan{QuietMonths: []time.Month{time.December}}, date(2026, 11, 30), date(2026, 11, 30), false},
		{"QuietMonthsAcrossNewYear", ContactPlan{QuietMonths: []time.Month{time.January, time.December}}, date(2026, 12, 5), date(2027, 2, 1), false},
		{"QuietFebruaryInLeapYear", ContactPlan{QuietMonths: []time.Month{time.February}}, date(2028, 2, 29), date(2028, 3, 1), false},
		{"QuietRange", ContactPlan{QuietRanges: []DateRange{r(date(2026, 12, 20), date(2027, 1, 10))}}, date(2026, 12, 25), date(2027, 1, 11), false},
		{"QuietRangeFirstDay", ContactPlan{QuietRanges: []DateRange{r(date(2026, 12, 20), date(2027, 1, 10))}}, date(2026, 12, 20), date(2027, 1, 11), false},
		{"QuietRangeLastDay", ContactPlan{QuietRanges: []DateRange{r(date(2026, 12, 20), date(2027, 1, 10))}}, date(2027, 1, 10), date(2027, 1, 11), false},
		{"DayBeforeQuietRange", ContactPlan{QuietRanges: []DateRange{r(date(2026, 12, 20), date(2027, 1, 10))}}, date(2026, 12, 19), date(2026, 12, 19), false},
		{"DayAfterQuietRange", ContactPlan{QuietRanges: []DateRange{r(date(2026, 12, 20), date(2027, 1, 10))}}, date(2027, 1, 11), date(2027, 1, 11), false},
		{"OneDayRange", ContactPlan{QuietRanges: []DateRange{r(date(2026, 12, 20), date(2026, 12, 20))}}, date(2026, 12, 20), date(2026, 12, 21), false},
		{"OverlappingRanges", ContactPlan{QuietRanges: []DateRange{r(date(2026, 12, 5), date(2026, 12, 20)), r(date(2026, 12, 1), date(2026, 12, 10))}}, date(2026, 12, 2), date(2026, 12, 21), false},
		{"RangeIntoQuietMonth", ContactPlan{QuietMonths: []time.Month{time.December}, QuietRanges: []DateRange{r(date(2026, 11, 25), date(2026, 11, 30))}}, date(2026, 11, 26), date(2027, 1, 1), false},
		{"QuietMonthIntoRange", ContactPlan{QuietMonths: []time.Month{time.December}, QuietRanges: []DateRange{r(date(2027, 1, 1), date(2027, 1, 3))}}, date(2026, 12, 10), date(2027, 1, 4), false},
		{"RangeWithoutEndIgnored", ContactPlan{QuietRanges: []DateRange{{From: date(2026, 12, 1)}}}, date(2026, 12, 5), date(2026, 12, 5), false},
		{"Snoozed", ContactPlan{SnoozedUntil: date(2026, 12, 1)}, date(2026, 11, 20), date(2026, 12, 1), false},
		{"SnoozeEndsThatDay", ContactPlan{SnoozedUntil: date(2026, 12, 1)}, date(2026, 12, 1), date(2026, 12, 1), false},
		{"DueAfterSnooze", ContactPlan{SnoozedUntil: date(2026, 12, 1)}, date(2026, 12, 5), date(2026, 12, 5), false},
		{"SnoozedIntoQuietMonth", ContactPlan{SnoozedUntil: date(2026, 12, 15), QuietMonths: []time.Month{time.December}}, date(2026, 11, 20), date(2027, 1, 1), false},
		{"QuietAllYear", ContactPlan{QuietMonths: []time.Month{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}, date(2026, 11, 20), time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := shifter{plan: &tt.plan}.apply(tt.in)
			if ok == tt.closed || !got.Equal(tt.out) {
				t.Errorf("apply(%s) = %s, %v; want %s, %v", FormatDate(tt.in), FormatDate(got), ok, FormatDate(tt.out), !tt.closed)
			}
		})
	}
}

func TestQuietPeriodsAndSnooze(t *testing.T) {
	dec := []time.Month{time.December}
	tests := []struct {
		name  string
		edit  func(h *History)
		today time.Time
		kind  ReasonKind
		w     want
	}{
		// Contact on 5 November: the check-in falls on 5 December.
		{"CheckInMovedOutOfQuietMonth", func(h *History) { h.LastContact = at(date(2026, 11, 5), 10, 0); h.Client.Plan.QuietMonths = dec },
			date(2026, 12, 20), ReasonCheckIn, want{true, date(2027, 1, 1), false, "last contact 45 days ago"}},
		{"OverdueMovesWithTheDueDay", func(h *History) { h.LastContact = at(date(2026, 11, 5), 10, 0); h.Client.Plan.QuietMonths = dec },
			date(2027, 1, 16), ReasonCheckIn, want{true, date(2027, 1, 1), false, ""}},
		{"OverdueAfterTheMovedThreshold", func(h *History) { h.LastContact = at(date(2026, 11, 5), 10, 0); h.Client.Plan.QuietMonths = dec },
			date(2027, 1, 17), ReasonCheckIn, want{true, date(2027, 1, 1), true, ""}},
		{"CheckInOutsideQuietMonth", func(h *History) { h.LastContact = at(date(2026, 10, 5), 10, 0); h.Client.Plan.QuietMonths = dec },
			testToday, ReasonCheckIn, want{true, date(2026, 11, 4), true, ""}},
		{"CheckInMovedOutOfRangeOverNewYear", func(h *History) {
			h.LastContact = at(date(2026, 11, 25), 10, 0)
			h.Client.Plan.QuietRanges = []DateRange{{From: date(2026, 12, 20), To: date(2027, 1, 10)}}
		}, date(2026, 12, 30), ReasonCheckIn, want{true, date(2027, 1, 11), false, ""}},
		{"BirthdayMovedOutOfQuietMonth", func(h *History) {
			h.Client.Birthday = Birthday{Day: 3, Month: time.December}
			h.Client.Plan.QuietMonths = dec
		}, testToday, ReasonBirthday, want{}},
		{"BirthdayMovedIntoView", func(h *History) {
			h.Client.Birthday = Birthday{Day: 3, Month: time.December}
			h.Client.Plan.QuietMonths = dec
		}, date(2026, 12, 15), ReasonBirthday, want{true, date(2027, 1, 1), false, ""}},
		{"FollowUpMovedOutOfRange", func(h *History) {
			h.LastPurchase = Purchase{Date: rel(-1), Item: "scarf"}
			h.Client.Plan.QuietRanges = []DateRange{{From: rel(0), To: rel(5)}}
		}, testToday, ReasonFollowUp, want{true, rel(6), false, ""}},
		{"AnniversaryMovedOutOfQuietMonth", func(h *History) {
			h.Client.Since = date(2024, 12, 10)
			h.Client.Plan.QuietMonths = dec
		}, date(2026, 12, 20), ReasonAnniversary, want{true, date(2027, 1, 1), false, "anniversary: 2 years"}},
		{"PromiseNotMoved", func(h *History) {
			h.OpenPromises = []Promise{{What: "call back", DueBy: date(2026, 12, 10), Status: PromiseOpen}}
			h.Client.Plan.QuietMonths = dec
			h.Client.Plan.SnoozedUntil = date(2026, 12, 31)
		}, testToday, ReasonPromise, want{true, date(2026, 12, 10), false, "promise due: call back"}},
		{"ComplaintNotMoved", func(h *History) {
			h.OpenComplaints = []Complaint{{What: "torn seam", OpenedOn: rel(-2), Status: ComplaintOpen}}
			h.Client.Plan.QuietMonths = []time.Month{time.November}
			h.Client.Plan.SnoozedUntil = rel(10)
		}, testToday, ReasonComplaint, want{true, rel(-2), true, "open complaint: torn seam"}},
		{"SnoozeMovesOverdueCheckIn", func(h *History) {
			h.LastContact = at(rel(-60), 10, 0)
			h.Client.Plan.SnoozedUntil = rel(3)
		}, testToday, ReasonCheckIn, want{true, rel(3), false, "last contact 60 days ago"}},
		{"SnoozeMovesFollowUp", func(h *History) {
			h.LastPurchase = Purchase{Date: rel(-5), Item: "scarf"}
			h.LastContact = at(rel(-20), 9, 0)
			h.Client.Plan.SnoozedUntil = rel(7)
		}, testToday, ReasonFollowUp, want{true, rel(7), false, ""}},
		{"SnoozeLeavesLaterCheckIn", func(h *History) { h.Client.Plan.SnoozedUntil = rel(3) },
			testToday, ReasonCheckIn, want{true, rel(29), false, ""}},
		{"SnoozeBeforeTheDueDayDoesNothing", func(h *History) {
			h.LastContact = at(rel(-60), 10, 0)
			h.Client.Plan.SnoozedUntil = rel(-40)
		}, testToday, ReasonCheckIn, want{true, rel(-30), true, ""}},
		// The snoozed-to day is the new due day, overdue as any other.
		{"SnoozeEndedYesterday", func(h *History) {
			h.LastContact = at(rel(-60), 10, 0)
			h.Client.Plan.SnoozedUntil = rel(-1)
		}, testToday, ReasonCheckIn, want{true, rel(-1), false, ""}},
		{"SnoozeEndedLongAgo", func(h *History) {
			h.LastContact = at(rel(-60), 10, 0)
			h.Client.Plan.SnoozedUntil = rel(-16)
		}, testToday, ReasonCheckIn, want{true, rel(-16), true, ""}},
		{"SnoozeEndsToday", func(h *History) {
			h.LastContact = at(rel(-60), 10, 0)
			h.Client.Plan.SnoozedUntil = rel(0)
		}, testToday, ReasonCheckIn, want{true, rel(0), false, ""}},
		{"SnoozeLeavesPromise", func(h *History) {
			h.OpenPromises = []Promise{{What: "call back", DueBy: rel(-1), Status: PromiseOpen}}
			h.Client.Plan.SnoozedUntil = rel(7)
		}, testToday, ReasonPromise, want{true, rel(-1), true, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := calmHistory()
			if tt.kind != ReasonCheckIn {
				h = onlyRule()
			}
			tt.edit(&h)
			checkReason(t, h, DefaultScheduleSettings(), tt.today, tt.kind, tt.w)
		})
	}
}

// busyHistory has every contact kind of reason due today or overdue.
func busyHistory() History {
	h := calmHistory()
	h.LastContact = at(rel(-60), 10, 0)
	h.LastPurchase = Purchase{Date: rel(-70), Item: "coat"} // before the contact: no follow-up
	h.Client.Birthday = Birthday{Day: 23, Month: time.November, Year: 1980}
	h.Client.Since = date(2024, 11, 23)
	return h
}

func TestNoContactFor(t *testing.T) {
	promise := []Promise{{What: "send the catalogue", DueBy: rel(2), Status: PromiseOpen}}
	complaint := []Complaint{{What: "wrong size", OpenedOn: rel(-1), Status: ComplaintOpen}}
	tests := []struct {
		name  string
		edit  func(h *History)
		kinds []ReasonKind // nil: no row
	}{
		{"Contactable", func(h *History) {}, []ReasonKind{ReasonBirthday, ReasonAnniversary, ReasonCheckIn}},
		{"Lost", func(h *History) { h.Client.Lost = Lost{Reason: LostCompetitor, On: rel(-3)} }, nil},
		{"Blacklist", func(h *History) { h.Stage = StageBlacklist }, nil},
		{"BlacklistWithOwnInterval", func(h *History) { h.Stage = StageBlacklist; h.Client.Plan.CheckInDays = 7 }, nil},
		{"DoNotContact", func(h *History) { h.Client.Plan.DoNotContact = true }, nil},
		{"DoNotContactStillOwedAPromise", func(h *History) { h.Client.Plan.DoNotContact = true; h.OpenPromises = promise }, []ReasonKind{ReasonPromise}},
		{"LostStillOwedAPromise", func(h *History) { h.Client.Lost = Lost{Reason: LostQuality, On: rel(-3)}; h.OpenPromises = promise }, []ReasonKind{ReasonPromise}},
		{"LostWithOpenComplaint", func(h *History) { h.Client.Lost = Lost{Reason: LostQuality, On: rel(-3)}; h.OpenComplaints = complaint }, []ReasonKind{ReasonComplaint}},
		{"BlacklistWithBoth", func(h *History) { h.Stage = StageBlacklist; h.OpenPromises = promise; h.OpenComplaints = complaint },
			[]ReasonKind{ReasonComplaint, ReasonPromise}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := busyHistory()
			tt.edit(&h)
			s := DefaultScheduleSettings()
			it, ok := DueFor(h, s, testToday)
			if got := kindsOf(it); !reflect.DeepEqual(got, tt.kinds) || ok != (tt.kinds != nil) {
				t.Errorf("reasons %v (row %v), want %v", got, ok, tt.kinds)
			}
			if nd := NextDue(h, s, testToday); nd.IsZero() != (tt.kinds == nil) {
				t.Errorf("NextDue = %s, want zero: %v", FormatDate(nd), tt.kinds == nil)
			}
		})
	}
}

func TestPromiseAndComplaintReasons(t *testing.T) {
	p := func(n int, st PromiseStatus) Promise {
		return Promise{ID: int64(n + 100), What: "call when the shoes arrive", MadeOn: rel(-40), DueBy: rel(n), Status: st}
	}
	c := func(n int, st ComplaintStatus) Complaint {
		return Complaint{What: "heel broke", OpenedOn: rel(n), Status: st}
	}
	tests := []struct {
		name       string
		promises   []Promise
		complaints []Complaint
		kind       ReasonKind
		w          want
		section    Section
	}{
		{"PromiseOverdue", []Promise{p(-1, PromiseOpen)}, nil, ReasonPromise, want{true, rel(-1), true, "promise due: call when the shoes arrive"}, SectionOverdue},
		{"PromiseToday", []Promise{p(0, PromiseOpen)}, nil, ReasonPromise, want{true, rel(0), false, ""}, SectionToday},
		{"PromiseThisWeek", []Promise{p(3, PromiseOpen)}, nil, ReasonPromise, want{true, rel(3), false, ""}, SectionThisWeek},
		{"PromiseLater", []Promise{p(30, PromiseOpen)}, nil, ReasonPromise, want{true, rel(30), false, ""}, SectionLater},
		{"PromiseBeyondHorizon", []Promise{p(31, PromiseOpen)}, nil, ReasonPromise, want{}, 0},
		{"PromiseLongOverdueStays", []Promise{p(-400, PromiseOpen)}, nil, ReasonPromise, want{true, rel(-400), true, ""}, SectionOverdue},
		{"PromiseWithoutStatusIsOpen", []Promise{p(0, "")}, nil, ReasonPromise, want{true, rel(0), false, ""}, SectionToday},
		{"KeptPromiseIgnored", []Promise{p(0, PromiseKept)}, nil, ReasonPromise, want{}, 0},
		{"BrokenPromiseIgnored", []Promise{p(0, PromiseBroken)}, nil, ReasonPromise, want{}, 0},
		{"CancelledPromiseIgnored", []Promise{p(0, PromiseCancelled)}, nil, ReasonPromise, want{}, 0},
		{"PromiseWithoutDueDayIgnored", []Promise{{What: "x", Status: PromiseOpen}}, nil, ReasonPromise, want{}, 0},
		{"EarliestPromiseFirst", []Promise{p(5, PromiseOpen), p(2, PromiseOpen)}, nil, ReasonPromise, want{true, rel(2), false, ""}, SectionThisWeek},
		{"ComplaintToday", nil, []Complaint{c(0, ComplaintOpen)}, ReasonComplaint, want{true, rel(0), false, "open complaint: heel broke"}, SectionToday},
		{"ComplaintYesterday", nil, []Complaint{c(-1, ComplaintOpen)}, ReasonComplaint, want{true, rel(-1), true, ""}, SectionOverdue},
		{"ComplaintMonthsOld", nil, []Complaint{c(-200, "")}, ReasonComplaint, want{true, rel(-200), true, ""}, SectionOverdue},
		{"ResolvedComplaintIgnored", nil, []Complaint{c(-1, ComplaintResolved)}, ReasonComplaint, want{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := onlyRule()
			h.OpenPromises, h.OpenComplaints = tt.promises, tt.complaints
			it := checkReason(t, h, DefaultScheduleSettings(), testToday, tt.kind, tt.w)
			if tt.w.found && it.Section != tt.section {
				t.Errorf("section %s, want %s", it.Section.Label(), tt.section.Label())
			}
		})
	}
}

func TestDueItem(t *testing.T) {
	h := busyHistory()
	h.OpenPromises = []Promise{{What: "call back", DueBy: rel(4), Status: PromiseOpen}, {What: "send photos", DueBy: rel(-2), Status: PromiseOpen}}
	h.OpenComplaints = []Complaint{{What: "stain", OpenedOn: rel(-5), Status: ComplaintOpen}}
	h.LastFeedback = FeedbackNegative
	it, ok := DueFor(h, DefaultScheduleSettings(), testToday)
	if !ok {
		t.Fatal("no row")
	}
	if it.ClientID != 7 || it.Name != "Ana Popa" || it.Phone != "+40 721 234 567" || it.Email != "ana@example.ro" || it.Channel != ChannelPhone {
		t.Errorf("client fields %+v", it)
	}
	var texts []string
	for _, r := range it.Reasons {
		texts = append(texts, r.Text())
	}
	// Due by today first, by kind; then the promise still to come.
	wantTexts := []string{"open complaint: stain", "promise due: send photos", "birthday", "anniversary: 2 years", "last contact 60 days ago", "promise due: call back"}
	if !reflect.DeepEqual(texts, wantTexts) {
		t.Errorf("reasons\n %q\nwant\n %q", texts, wantTexts)
	}
	if !it.Due.Equal(rel(-30)) || it.DaysOverdue != 30 || it.Section != SectionOverdue {
		t.Errorf("due %s, %d days overdue, section %s", FormatDate(it.Due), it.DaysOverdue, it.Section.Label())
	}
	if it.Suggestion.Kind != ReasonComplaint || it.Suggestion.Text() != "Apologise, say what you will change, and offer more than one option." {
		t.Errorf("suggestion %+v", it.Suggestion)
	}
	wantRisk := []Signal{SignalOverdueContact, SignalBrokenPromise, SignalOpenComplaint, SignalNegativeFeedback}
	if !reflect.DeepEqual(it.AtRisk, wantRisk) {
		t.Errorf("at risk %v, want %v", it.AtRisk, wantRisk)
	}
	if !reflect.DeepEqual(it.AtRisk, AtRisk(h, DefaultScheduleSettings(), testToday)) {
		t.Errorf("DueItem.AtRisk %v differs from AtRisk %v", it.AtRisk, AtRisk(h, DefaultScheduleSettings(), testToday))
	}
}

func TestSections(t *testing.T) {
	s := DefaultScheduleSettings()
	tests := []struct {
		name        string
		promiseDue  int
		contactAgo  int // check-in due at 30 - contactAgo, overdue past 45
		section     Section
		due         time.Time
		daysOverdue int
	}{
		{"OverdueBecauseOfAnyReason", 20, 46, SectionOverdue, rel(-16), 16},
		{"OverduePromiseEvenIfCheckInEarlier", -1, 44, SectionOverdue, rel(-14), 14},
		{"PastDueNotOverdueIsToday", 20, 44, SectionToday, rel(-14), 14},
		{"DueToday", 0, 1, SectionToday, rel(0), 0},
		{"Tomorrow", 1, 1, SectionThisWeek, rel(1), 0},
		{"SevenDaysAhead", 7, 1, SectionThisWeek, rel(7), 0},
		{"EightDaysAhead", 8, 1, SectionLater, rel(8), 0},
		{"AtTheHorizon", 30, -5, SectionLater, rel(30), 0}, // check-in at 35, past the horizon
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := calmHistory()
			h.LastContact = at(rel(-tt.contactAgo), 9, 0)
			h.OpenPromises = []Promise{{What: "x", DueBy: rel(tt.promiseDue), Status: PromiseOpen}}
			it, ok := DueFor(h, s, testToday)
			if !ok || it.Section != tt.section || !it.Due.Equal(tt.due) || it.DaysOverdue != tt.daysOverdue {
				t.Errorf("row %v: section %s, due %s, %d days overdue; want %s, %s, %d",
					ok, it.Section.Label(), FormatDate(it.Due), it.DaysOverdue, tt.section.Label(), FormatDate(tt.due), tt.daysOverdue)
			}
		})
	}
	t.Run("ZeroHorizonOnlyDueByToday", func(t *testing.T) {
		s := DefaultScheduleSettings()
		s.HorizonDays = 0
		h := onlyRule()
		h.OpenPromises = []Promise{{What: "x", DueBy: rel(1), Status: PromiseOpen}}
		if it, ok := DueFor(h, s, testToday); ok {
			t.Errorf("row %+v with a promise due tomorrow and no horizon", it)
		}
		h.OpenPromises[0].DueBy = rel(0)
		if _, ok := DueFor(h, s, testToday); !ok {
			t.Error("no row with a promise due today")
		}
	})
	labels := map[string]bool{}
	for _, sec := range []Section{SectionOverdue, SectionToday, SectionThisWeek, SectionLater} {
		labels[sec.Label()] = true
	}
	if len(labels) != 4 || !labels["This week"] {
		t.Errorf("section labels %v", labels)
	}
}

func TestSuggestion(t *testing.T) {
	likes := func(cat PrefCategory, v string) Preference {
		return Preference{Attitude: Likes, Category: cat, Value: v}
	}
	tests := []struct {
		name string
		edit func(h *History)
		kind ReasonKind
		text string
	}{
		{"FollowUp", func(h *History) {
			h.LastPurchase = Purchase{Date: rel(-3), Item: "winter boots"}
			h.LastContact = at(rel(-4), 9, 0)
		},
			ReasonFollowUp, "Ask whether the winter boots worked out and if they are happy with it."},
		{"Complaint", func(h *History) {
			h.OpenComplaints = []Complaint{{What: "x", OpenedOn: rel(-1), Status: ComplaintOpen}}
		},
			ReasonComplaint, "Apologise, say what you will change, and offer more than one option."},
		{"Promise", func(h *History) {
			h.OpenPromises = []Promise{{What: "call when the shoes arrive", DueBy: rel(0), Status: PromiseOpen}}
		},
			ReasonPromise, "Keep your promise: call when the shoes arrive."},
		{"Birthday", func(h *History) { h.Client.Birthday = Birthday{Day: 23, Month: time.November} },
			ReasonBirthday, "Wish them a happy birthday."},
		{"Anniversary", func(h *History) { h.Client.Since = date(2023, 11, 23) },
			ReasonAnniversary, "Thank them for 3 years with you and ask how you could serve them better."},
		{"FirstAnniversary", func(h *History) { h.Client.Since = date(2025, 11, 23) },
			ReasonAnniversary, "Thank them for a year with you and ask how you could serve them better."},
		{"CheckIn", func(h *History) { h.LastContact = at(rel(-30), 9, 0) },
			ReasonCheckIn, "Ask how they are and whether they need anything."},
		{"CheckInWithLikedCategory", func(h *History) {
			h.LastContact = at(rel(-30), 9, 0)
			h.Preferences = []Preference{likes(PrefSize, "M"), likes(PrefBrand, "Geox"), likes(PrefProduct, "linen shirts")}
		}, ReasonCheckIn, "Tell them what is new in linen shirts."},
		{"CheckInWithLikedBrand", func(h *History) {
			h.LastContact = at(rel(-30), 9, 0)
			h.Preferences = []Preference{likes(PrefColour, "red"), likes(PrefBrand, "Geox")}
		}, ReasonCheckIn, "Tell them what is new in Geox."},
		{"CheckInNothingToTellAbout", func(h *History) {
			h.LastContact = at(rel(-30), 9, 0)
			h.Preferences = []Preference{likes(PrefSize, "M"), likes(PrefPayment, "card"), {Attitude: Dislikes, Category: PrefProduct, Value: "wool"}}
		}, ReasonCheckIn, "Ask how they are and whether they need anything."},
		// What is due now outranks a more important kind that is not due yet.
		{"BirthdayTodayBeforePromiseNextWeek", func(h *History) {
			h.Client.Birthday = Birthday{Day: 23, Month: time.November}
			h.OpenPromises = []Promise{{What: "x", DueBy: rel(5), Status: PromiseOpen}}
		}, ReasonBirthday, "Wish them a happy birthday."},
		{"PromiseBeforeBirthdayBothToday", func(h *History) {
			h.Client.Birthday = Birthday{Day: 23, Month: time.November}
			h.OpenPromises = []Promise{{What: "ring", DueBy: rel(0), Status: PromiseOpen}}
		}, ReasonPromise, "Keep your promise: ring."},
		{"NothingDueYetTakesTheFirstKind", func(h *History) {
			h.OpenPromises = []Promise{{What: "ring", DueBy: rel(12), Status: PromiseOpen}}
		}, ReasonPromise, "Keep your promise: ring."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := calmHistory()
			tt.edit(&h)
			it, ok := DueFor(h, DefaultScheduleSettings(), testToday)
			if !ok {
				t.Fatal("no row")
			}
			if it.Suggestion.Kind != tt.kind || it.Suggestion.Text() != tt.text {
				t.Errorf("suggestion %s %q, want %s %q", it.Suggestion.Kind, it.Suggestion.Text(), tt.kind, tt.text)
			}
		})
	}
}

func TestDueList(t *testing.T) {
	mk := func(id int64, name string, edit func(h *History)) History {
		h := onlyRule()
		h.Client.ID, h.Client.Name = id, name
		edit(&h)
		return h
	}
	promise := func(n int) func(h *History) {
		return func(h *History) { h.OpenPromises = []Promise{{What: "x", DueBy: rel(n), Status: PromiseOpen}} }
	}
	hs := []History{
		mk(1, "Nothing due", func(h *History) {}),
		mk(2, "Long overdue", promise(-100)),
		mk(3, "Zara today", promise(0)),
		mk(4, "Ana today", promise(0)),
		mk(5, "Complaint today", func(h *History) {
			h.OpenComplaints = []Complaint{{What: "x", OpenedOn: rel(0), Status: ComplaintOpen}}
		}),
		mk(6, "Next week", promise(3)),
		mk(7, "Later", promise(20)),
		mk(8, "A little overdue", promise(-5)),
		mk(9, "Old complaint", func(h *History) {
			h.OpenComplaints = []Complaint{{What: "x", OpenedOn: rel(-3), Status: ComplaintOpen}}
		}),
		mk(10, "Sooner next week", promise(2)),
		mk(11, "Ana today", promise(0)), // same name: by id
		mk(12, "Due but not overdue", func(h *History) {
			h.Client.Plan.CheckInDays = 30
			h.LastContact = at(rel(-40), 9, 0)
		}),
	}
	got := DueList(hs, DefaultScheduleSettings(), testToday)
	var ids []int64
	for _, it := range got {
		ids = append(ids, it.ClientID)
	}
	// In the today section the promises due today come before the
	// check-in due ten days ago: a promise ranks first (DuePriority).
	want := []int64{9, 5, 2, 8, 4, 11, 3, 12, 10, 6, 7}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("DueList order %v, want %v", ids, want)
	}
	if DueList(nil, DefaultScheduleSettings(), testToday) != nil {
		t.Error("DueList(nil) is not nil")
	}
}

func TestNextDue(t *testing.T) {
	s := DefaultScheduleSettings()
	tests := []struct {
		name string
		edit func(h *History)
		want time.Time
	}{
		{"CheckIn", func(h *History) {}, rel(29)},
		{"AlreadyOverdue", func(h *History) { h.LastContact = at(rel(-100), 9, 0) }, rel(-70)},
		{"IgnoresTheHorizon", func(h *History) { h.Client.Plan.CheckInDays = 400 }, date(2027, 5, 10)}, // the anniversary
		{"EarliestOfAll", func(h *History) { h.OpenPromises = []Promise{{What: "x", DueBy: rel(5), Status: PromiseOpen}} }, rel(5)},
		{"OpenComplaint", func(h *History) { h.OpenComplaints = []Complaint{{What: "x", OpenedOn: rel(-9)}} }, rel(-9)},
		{"QuietMonth", func(h *History) {
			h.LastContact = at(date(2026, 11, 5), 10, 0)
			h.Client.Plan.QuietMonths = []time.Month{time.December}
		}, date(2027, 1, 1)},
		{"BirthdayNextYear", func(h *History) {
			h.Client.Plan.CheckInDays = MaxCheckInDays
			h.Client.Since = date(2020, 11, 24) // anniversary tomorrow
			h.LastContact = at(rel(1), 9, 0)    // met in advance (a contact logged ahead of the clock)
			h.Client.Birthday = Birthday{Day: 1, Month: time.March}
		}, date(2027, 3, 1)},
		{"LapsedOccasionSkipped", func(h *History) {
			h.Client.Plan.CheckInDays = MaxCheckInDays
			h.Client.Since = date(2020, 1, 1)
			h.LastContact = time.Time{}
			h.Client.Birthday = Birthday{Day: 1, Month: time.September}
		}, date(2027, 1, 1)}, // 1 September lapsed; the anniversary comes first
		{"LostNeverDue", func(h *History) { h.Client.Lost = Lost{Reason: LostOther, Text: "x", On: rel(-1)} }, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := calmHistory()
			tt.edit(&h)
			if got := NextDue(h, s, testToday); !got.Equal(tt.want) {
				t.Errorf("NextDue = %s, want %s", FormatDate(got), FormatDate(tt.want))
			}
		})
	}
}

func TestAtRisk(t *testing.T) {
	s := DefaultScheduleSettings()
	// gaps of 10 days; the last purchase n days before today.
	rhythm := func(n int, count int) []time.Time {
		var ds []time.Time
		for i := range count {
			ds = append(ds, rel(-n-10*i))
		}
		return ds
	}
	tests := []struct {
		name string
		edit func(h *History)
		want []Signal
	}{
		{"None", func(h *History) {}, nil},
		{"BuyingLessPastTwiceTheMedianGap", func(h *History) { h.PurchaseDates = rhythm(21, 3) }, []Signal{SignalBuyingLess}},
		{"NotBuyingLessAtTwiceTheGap", func(h *History) { h.PurchaseDates = rhythm(20, 3) }, nil},
		{"BuyingLessNeedsThreePurchases", func(h *History) { h.PurchaseDates = rhythm(300, 2) }, nil},
		{"SameDayPurchasesAreOneVisit", func(h *History) { h.PurchaseDates = append(rhythm(300, 2), rel(-300)) }, nil},
		{"MedianNotMean", func(h *History) {
			// gaps 5, 5, 100: the median is 5, so 11 days is buying less.
			h.PurchaseDates = []time.Time{rel(-121), rel(-21), rel(-16), rel(-11)}
		}, []Signal{SignalBuyingLess}},
		{"EvenCountMedian", func(h *History) {
			// gaps 4, 6, 10, 20: median 8; 16 days is not more than twice, 17 is.
			h.PurchaseDates = []time.Time{rel(-56), rel(-36), rel(-26), rel(-20), rel(-16)}
		}, nil},
		{"EvenCountMedianPast", func(h *History) {
			h.PurchaseDates = []time.Time{rel(-57), rel(-37), rel(-27), rel(-21), rel(-17)}
		}, []Signal{SignalBuyingLess}},
		{"UnsortedDates", func(h *History) { h.PurchaseDates = []time.Time{rel(-41), rel(-21), rel(-31)} }, []Signal{SignalBuyingLess}},
		{"OverdueContact", func(h *History) { h.LastContact = at(rel(-46), 9, 0) }, []Signal{SignalOverdueContact}},
		{"ContactDueIsNotOverdue", func(h *History) { h.LastContact = at(rel(-45), 9, 0) }, nil},
		{"SnoozedContactIsNotOverdue", func(h *History) { h.LastContact = at(rel(-46), 9, 0); h.Client.Plan.SnoozedUntil = rel(1) }, nil},
		{"DoNotContactIsNeverOverdue", func(h *History) { h.LastContact = at(rel(-460), 9, 0); h.Client.Plan.DoNotContact = true }, nil},
		{"BrokenLately", func(h *History) { h.BrokenPromises = 1 }, []Signal{SignalBrokenPromise}},
		{"OpenPromisePastDue", func(h *History) { h.OpenPromises = []Promise{{What: "x", DueBy: rel(-1), Status: PromiseOpen}} }, []Signal{SignalBrokenPromise}},
		{"OpenPromiseDueToday", func(h *History) { h.OpenPromises = []Promise{{What: "x", DueBy: rel(0), Status: PromiseOpen}} }, nil},
		{"OpenComplaint", func(h *History) { h.OpenComplaints = []Complaint{{What: "x", OpenedOn: rel(0), Status: ComplaintOpen}} }, []Signal{SignalOpenComplaint}},
		{"ResolvedComplaint", func(h *History) {
			h.OpenComplaints = []Complaint{{What: "x", OpenedOn: rel(0), Status: ComplaintResolved}}
		}, nil},
		{"NegativeFeedback", func(h *History) { h.LastFeedback = FeedbackNegative }, []Signal{SignalNegativeFeedback}},
		{"NeutralFeedback", func(h *History) { h.LastFeedback = FeedbackNeutral }, nil},
		{"AllInOrder", func(h *History) {
			h.LastFeedback = FeedbackNegative
			h.OpenComplaints = []Complaint{{What: "x", OpenedOn: rel(0)}, {What: "y", OpenedOn: rel(0)}}
			h.BrokenPromises = 2
			h.LastContact = time.Time{}
			h.PurchaseDates = rhythm(100, 5)
		}, []Signal{SignalBuyingLess, SignalOverdueContact, SignalBrokenPromise, SignalOpenComplaint, SignalNegativeFeedback}},
		{"LostIsPastRisk", func(h *History) {
			h.Client.Lost = Lost{Reason: LostQuality, On: rel(-1)}
			h.LastFeedback = FeedbackNegative
			h.PurchaseDates = rhythm(100, 5)
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := calmHistory()
			tt.edit(&h)
			if got := AtRisk(h, s, testToday); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("AtRisk = %v, want %v", got, tt.want)
			}
		})
	}
	seen := map[string]bool{}
	for _, sig := range []Signal{SignalBuyingLess, SignalOverdueContact, SignalBrokenPromise, SignalOpenComplaint, SignalNegativeFeedback} {
		seen[sig.Label()] = true
	}
	if len(seen) != 5 {
		t.Errorf("signal labels are not distinct: %v", seen)
	}
}

func TestPromiseScore(t *testing.T) {
	p := func(due int, st PromiseStatus, kept int) Promise {
		pr := Promise{What: "x", MadeOn: rel(-200), DueBy: rel(due), Status: st}
		if st == PromiseKept {
			pr.KeptOn = rel(kept)
		}
		return pr
	}
	tests := []struct {
		name      string
		ps        []Promise
		days      int
		kept, due int
	}{
		{"None", nil, 90, 0, 0},
		{"KeptOnTheDay", []Promise{p(-10, PromiseKept, -10)}, 90, 1, 1},
		{"KeptEarly", []Promise{p(-10, PromiseKept, -12)}, 90, 1, 1},
		{"KeptLate", []Promise{p(-10, PromiseKept, -9)}, 90, 0, 1},
		{"Broken", []Promise{p(-10, PromiseBroken, 0)}, 90, 0, 1},
		{"Cancelled", []Promise{p(-10, PromiseCancelled, 0)}, 90, 0, 0},
		{"OpenPastDue", []Promise{p(-1, PromiseOpen, 0)}, 90, 0, 1},
		{"OpenDueTodayNotYetCounted", []Promise{p(0, PromiseOpen, 0)}, 90, 0, 0},
		{"OpenNotDue", []Promise{p(5, PromiseOpen, 0)}, 90, 0, 0},
		{"KeptToday", []Promise{p(0, PromiseKept, 0)}, 90, 1, 1},
		{"KeptAheadOfAFutureDueDay", []Promise{p(20, PromiseKept, -1)}, 90, 1, 1},
		{"BrokenAheadOfAFutureDueDay", []Promise{p(20, PromiseBroken, 0)}, 90, 0, 1},
		{"FirstDayOfWindow", []Promise{p(-89, PromiseBroken, 0)}, 90, 0, 1},
		{"BeforeTheWindow", []Promise{p(-90, PromiseBroken, 0)}, 90, 0, 0},
		{"OpenBeforeTheWindow", []Promise{p(-90, PromiseOpen, 0)}, 90, 0, 0},
		{"DueBeforeWindowKeptLateInIt", []Promise{p(-100, PromiseKept, -50)}, 90, 0, 1},
		{"DueAndKeptBeforeTheWindow", []Promise{p(-100, PromiseKept, -95)}, 90, 0, 0},
		{"ShortWindow", []Promise{p(-1, PromiseKept, -1), p(-7, PromiseKept, -7)}, 8, 2, 2},
		{"ShortWindowEdge", []Promise{p(-1, PromiseKept, -1), p(-7, PromiseKept, -7)}, 7, 1, 1},
		{"OneDayWindow", []Promise{p(0, PromiseKept, 0), p(-1, PromiseBroken, 0)}, 1, 1, 1},
		{"NoWindow", []Promise{p(0, PromiseKept, 0)}, 0, 0, 0},
		{"Mixed", []Promise{
			p(-3, PromiseKept, -4), p(-20, PromiseKept, -20), p(-30, PromiseKept, -25),
			p(-40, PromiseBroken, 0), p(-2, PromiseOpen, 0), p(-5, PromiseCancelled, 0), p(-200, PromiseBroken, 0),
		}, 90, 2, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kept, due := PromiseScore(tt.ps, testToday, tt.days)
			if kept != tt.kept || due != tt.due {
				t.Errorf("PromiseScore = %d/%d, want %d/%d", kept, due, tt.kept, tt.due)
			}
		})
	}
}

func TestReasonText(t *testing.T) {
	r := Reason{Message: "{{.Days}} days after purchase: {{.Item}}", Data: map[string]any{"Days": 3, "Item": "ձմեռային կոշիկներ"}}
	if got := r.Text(); got != "3 days after purchase: ձմեռային կոշիկներ" {
		t.Errorf("Text() = %q", got)
	}
	if got := (Reason{Message: "birthday"}).Text(); got != "birthday" {
		t.Errorf("Text() = %q", got)
	}
	// Every template's placeholders are filled by the data the rules give it.
	for _, m := range ScheduleMessages() {
		if m == "" || strings.Count(m, "{{") != strings.Count(m, "}}") {
			t.Errorf("malformed message %q", m)
		}
	}
	kinds := []ReasonKind{ReasonComplaint, ReasonPromise, ReasonPayment, ReasonFollowUp, ReasonBirthday, ReasonAnniversary, ReasonCheckIn}
	for i, k := range kinds {
		if k.rank() != i || k.Label() == "" {
			t.Errorf("kind %s: rank %d, label %q", k, k.rank(), k.Label())
		}
	}
}

// TestReasonMessagesComplete checks that every reason and suggestion the
// rules produce fills all its placeholders and uses a listed template.
func TestReasonMessagesComplete(t *testing.T) {
	known := map[string]bool{}
	for _, m := range ScheduleMessages() {
		known[m] = true
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 3000 {
		today := randomToday(r)
		h := randomHistory(r, today)
		it, ok := DueFor(h, randomSettings(r), today)
		if !ok {
			continue
		}
		for _, x := range append(it.Reasons, it.Suggestion) {
			if !known[x.Message] {
				t.Fatalf("message %q is not in ScheduleMessages", x.Message)
			}
			if txt := x.Text(); strings.Contains(txt, "{{") {
				t.Fatalf("unfilled placeholder in %q (data %v)", txt, x.Data)
			}
		}
	}
}

// Random histories for the property tests.

func randomToday(r *rand.Rand) time.Time {
	zones := []*time.Location{time.UTC, time.FixedZone("AMT", 4*3600), time.FixedZone("EST", -5*3600)}
	d := date(2023, 1, 1).AddDate(0, 0, r.IntN(8*365))
	return time.Date(d.Year(), d.Month(), d.Day(), r.IntN(24), r.IntN(60), 0, 0, zones[r.IntN(len(zones))])
}

func randomHistory(r *rand.Rand, today time.Time) History {
	day := Day(today)
	rd := func(lo, hi int) time.Time { return day.AddDate(0, 0, lo+r.IntN(hi-lo+1)) }
	instant := func(d time.Time) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), r.IntN(24), r.IntN(60), 0, 0, today.Location())
	}
	stages := append([]Stage{""}, Stages...)
	h := History{Client: Client{ID: r.Int64N(1_000_000) + 1, Name: "Client " + itoa(r.Int64N(1000))}}
	h.Stage = stages[r.IntN(len(stages))]
	switch n := r.IntN(20); {
	case n == 0:
	case n == 1:
		h.Client.Since = date(2020+4*r.IntN(2), 2, 29)
	default:
		h.Client.Since = rd(-2500, 0)
	}
	if r.IntN(10) > 0 {
		h.Client.CreatedAt = instant(rd(-2500, 0))
	}
	switch n := r.IntN(10); {
	case n < 3:
	case n == 3:
		h.Client.Birthday = Birthday{Day: 29, Month: time.February, Year: []int{0, 1984, 2000}[r.IntN(3)]}
	default:
		m := time.Month(1 + r.IntN(12))
		y := 0
		if r.IntN(2) == 0 {
			y = 1940 + r.IntN(60)
		}
		h.Client.Birthday = Birthday{Day: 1 + r.IntN(DaysIn(m, y)), Month: m, Year: y}
	}
	if r.IntN(5) > 0 {
		h.LastContact = instant(rd(-400, 3))
	}
	h.LastFeedback = Feedbacks[r.IntN(len(Feedbacks))]
	if r.IntN(3) > 0 {
		h.LastPurchase = Purchase{Date: rd(-800, 0), Item: "boots"}
	}
	for range r.IntN(12) {
		h.PurchaseDates = append(h.PurchaseDates, rd(-1500, 0))
	}
	for range r.IntN(3) {
		h.OpenPromises = append(h.OpenPromises, Promise{What: "call", DueBy: rd(-60, 60), Status: PromiseStatuses[r.IntN(len(PromiseStatuses))]})
	}
	h.BrokenPromises = r.IntN(2)
	if r.IntN(5) == 0 {
		h.OpenComplaints = append(h.OpenComplaints, Complaint{What: "seam", OpenedOn: rd(-60, 0), Status: ComplaintStatuses[r.IntN(2)]})
	}
	if r.IntN(20) == 0 {
		h.Client.Lost = Lost{Reason: LostReasons[r.IntN(len(LostReasons))], On: rd(-100, 0)}
	}
	p := &h.Client.Plan
	if r.IntN(5) == 0 {
		p.CheckInDays = 1 + r.IntN(400)
	}
	p.DoNotContact = r.IntN(20) == 0
	if r.IntN(5) == 0 {
		for range 1 + r.IntN(4) {
			p.QuietMonths = append(p.QuietMonths, time.Month(1+r.IntN(12)))
		}
	}
	if r.IntN(6) == 0 {
		for range 1 + r.IntN(2) {
			from := rd(-100, 200)
			p.QuietRanges = append(p.QuietRanges, DateRange{From: from, To: from.AddDate(0, 0, r.IntN(60))})
		}
	}
	if r.IntN(6) == 0 {
		p.SnoozedUntil = rd(-30, 60)
	}
	p.Normalize()
	return h
}

func randomSettings(r *rand.Rand) ScheduleSettings {
	s := DefaultScheduleSettings()
	if r.IntN(2) == 0 {
		return s
	}
	for _, st := range Stages {
		s.Intervals[st] = r.IntN(200)
	}
	s.OverdueFactor = 0.5 + r.Float64()*2.5
	s.FollowUpDays = r.IntN(10)
	s.HorizonDays = r.IntN(90)
	return s
}

// TestPropertyContactLeavesNothingDue: once a contact is logged today, a
// client without open promises or complaints is not overdue and has nothing
// due today, whatever the rest of their history and the settings.
func TestPropertyContactLeavesNothingDue(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 11))
	for i := range 5000 {
		today := randomToday(r)
		h := randomHistory(r, today)
		s := randomSettings(r)
		h.OpenPromises, h.OpenComplaints, h.BrokenPromises = nil, nil, 0
		h.LastContact = today
		it, ok := DueFor(h, s, today)
		if slices.Contains(AtRisk(h, s, today), SignalOverdueContact) {
			t.Fatalf("case %d: overdue contact right after a contact: %+v", i, h)
		}
		if !ok {
			continue
		}
		if it.Section == SectionOverdue || it.Section == SectionToday || it.DaysOverdue != 0 {
			t.Fatalf("case %d (%s): section %s after a contact today; reasons %+v\nhistory %+v", i, today, it.Section.Label(), it.Reasons, h)
		}
		for _, rs := range it.Reasons {
			if rs.Overdue || !rs.Due.After(Day(today)) {
				t.Fatalf("case %d: reason %+v due by today after a contact today", i, rs)
			}
		}
	}
}

// TestPropertyNextDue: the day the store indexes never hides a row. For any
// today on or after from, a row from DueFor means NextDue(from) is on or
// before the row's due day (so within today+horizon); on from itself the
// two agree exactly.
func TestPropertyNextDue(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 2026))
	rows := 0
	for i := range 4000 {
		from := randomToday(r)
		h := randomHistory(r, from)
		s := randomSettings(r)
		next := NextDue(h, s, from)
		horizon := max(s.HorizonDays, 0)
		it, ok := DueFor(h, s, from)
		if ok != (!next.IsZero() && !next.After(Day(from).AddDate(0, 0, horizon))) {
			t.Fatalf("case %d: on from, DueFor %v but NextDue %s (horizon %d)\nhistory %+v", i, ok, FormatDate(next), horizon, h)
		}
		if ok && !it.Due.Equal(next) {
			t.Fatalf("case %d: on from, row due %s but NextDue %s", i, FormatDate(it.Due), FormatDate(next))
		}
		for _, step := range []int{1, 2, 7, 30, 31, 200, 366, 400 + r.IntN(800)} {
			today := from.AddDate(0, 0, step)
			it, ok := DueFor(h, s, today)
			if !ok {
				continue
			}
			rows++
			if next.IsZero() || next.After(it.Due) || next.After(Day(today).AddDate(0, 0, horizon)) {
				t.Fatalf("case %d: DueFor(%s) has a row due %s (%v) but NextDue(%s) = %s\nhistory %+v\nsettings %+v",
					i, FormatDate(Day(today)), FormatDate(it.Due), kindsOf(it), FormatDate(Day(from)), FormatDate(next), h, s)
			}
		}
	}
	if rows < 1000 {
		t.Errorf("only %d rows checked; the generator is too quiet", rows)
	}
}

// TestPropertyDueListIsSortedDueFor: DueList holds exactly the rows of
// DueFor, in its documented order.
func TestPropertyDueListIsSortedDueFor(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	today := randomToday(r)
	var hs []History
	for range 2000 {
		hs = append(hs, randomHistory(r, today))
	}
	s := DefaultScheduleSettings()
	list := DueList(hs, s, today)
	n := 0
	for _, h := range hs {
		if _, ok := DueFor(h, s, today); ok {
			n++
		}
	}
	if len(list) != n {
		t.Fatalf("DueList has %d rows, DueFor gives %d", len(list), n)
	}
	for i := 1; i < len(list); i++ {
		if compareDue(&list[i-1], &list[i]) > 0 {
			t.Fatalf("rows %d and %d out of order", i-1, i)
		}
		if hasComplaint(&list[i]) && !hasComplaint(&list[i-1]) {
			t.Fatalf("row %d has a complaint but follows one without", i)
		}
	}
}

// sampleHistories turns the sample database into histories as the store
// would load them, for a shop that uses the schedule: most clients were last
// contacted within about their check-in interval, most of them again a few
// days after their last purchase, one in ten never; one in twenty is owed a promise,
// one in two hundred has an open complaint, one in fifty was lost.
func sampleHistories(tb testing.TB, n int, today time.Time) []History {
	tb.Helper()
	r := rand.New(rand.NewPCG(99, 100))
	day := Day(today)
	ladder := DefaultLadderSettings()
	intervals := DefaultScheduleSettings().Intervals
	hs := make([]History, 0, n)
	for rec := range SampleRecords(n, 1, today) {
		c := rec.Client
		c.ID = int64(len(hs) + 1)
		c.CreatedAt = c.Since.Add(10 * time.Hour)
		h := History{Client: c, Preferences: rec.Preferences}
		f := StageFacts{Purchases: len(rec.Purchases), Referrals: r.IntN(20) / 19}
		for _, p := range rec.Purchases {
			h.PurchaseDates = append(h.PurchaseDates, p.Date)
			if DaysBetween(p.Date, day) < 365 {
				f.Spend12m += p.Amount
			}
			if p.Unpaid > 0 && p.DueDate.Before(day) {
				f.OldestOverdueDebtDays = max(f.OldestOverdueDebtDays, DaysBetween(p.DueDate, day))
			}
		}
		if len(rec.Purchases) > 0 {
			h.LastPurchase = rec.Purchases[len(rec.Purchases)-1]
		}
		contacted := r.IntN(10) > 0
		if contacted {
			f.Contacts = 1
		}
		h.Stage = ComputeStage(f, ladder, today)
		if contacted {
			iv := max(intervals[h.Stage], 30)
			lc := day.AddDate(0, 0, -r.IntN(iv*13/10+1))
			// Most follow-ups are done a few days after the sale.
			if followUp := h.LastPurchase.Date.AddDate(0, 0, 1+r.IntN(5)); len(rec.Purchases) > 0 && followUp.After(lc) && r.IntN(5) > 0 {
				lc = followUp
			}
			if lc.After(day) {
				lc = day
			}
			if !lc.Before(c.Since) {
				h.LastContact = lc.Add(time.Duration(9+r.IntN(9)) * time.Hour)
				h.LastFeedback = Feedbacks[r.IntN(len(Feedbacks))]
			}
		}
		if r.IntN(20) == 0 {
			h.OpenPromises = []Promise{{ID: c.ID, ClientID: c.ID, What: "call when the new stock arrives", MadeOn: day.AddDate(0, 0, -20), DueBy: day.AddDate(0, 0, r.IntN(30)-10), Status: PromiseOpen}}
		}
		if r.IntN(200) == 0 {
			h.OpenComplaints = []Complaint{{ID: c.ID, ClientID: c.ID, What: "the zip broke", OpenedOn: day.AddDate(0, 0, -r.IntN(10)), Status: ComplaintOpen}}
		}
		if r.IntN(50) == 0 {
			h.Client.Lost = Lost{Reason: LostReasons[r.IntN(len(LostReasons))], On: day.AddDate(0, 0, -r.IntN(300))}
		}
		hs = append(hs, h)
	}
	return hs
}

func TestSampleDueList(t *testing.T) {
	hs := sampleHistories(t, 5000, sampleToday)
	list := DueList(hs, DefaultScheduleSettings(), sampleToday)
	sections := map[Section]int{}
	kinds := map[ReasonKind]int{}
	for _, it := range list {
		sections[it.Section]++
		for _, r := range it.Reasons {
			kinds[r.Kind]++
		}
	}
	t.Logf("%d of %d clients due; sections %v; reasons %v", len(list), len(hs), sections, kinds)
	for _, k := range []ReasonKind{ReasonComplaint, ReasonPromise, ReasonFollowUp, ReasonBirthday, ReasonAnniversary, ReasonCheckIn} {
		if kinds[k] == 0 {
			t.Errorf("no %s reason in the sample due list", k)
		}
	}
	for sec := SectionOverdue; sec <= SectionLater; sec++ {
		if sections[sec] == 0 {
			t.Errorf("nobody in section %s", sec.Label())
		}
	}
}

// BenchmarkDueList builds the due list over the 100,000-client sample
// database. With the default 30-day horizon most clients have a check-in
// within reach (a Loyal client's interval is 30 days), so the list holds
// most of them; a store that shows Overdue, Today and This week first can
// ask for a 7-day horizon (or load only NextDue <= today) and fill in Later
// on demand.
func BenchmarkDueList(b *testing.B) {
	all := sampleHistories(b, 100_000, sampleToday)
	for _, horizon := range []int{30, 7, 0} {
		s := DefaultScheduleSettings()
		s.HorizonDays = horizon
		// What a store indexing NextDue (computed when each history last
		// changed, here a week ago) loads for the day.
		var indexed []History
		limit := Day(sampleToday).AddDate(0, 0, horizon)
		for _, h := range all {
			if nd := NextDue(h, s, sampleToday.AddDate(0, 0, -7)); !nd.IsZero() && !nd.After(limit) {
				indexed = append(indexed, h)
			}
		}
		for _, set := range []struct {
			name string
			hs   []History
		}{{"all", all}, {"indexed", indexed}} {
			b.Run(set.name+"/horizon="+itoa(int64(horizon)), func(b *testing.B) {
				rows := 0
				for b.Loop() {
					rows = len(DueList(set.hs, s, sampleToday))
				}
				b.ReportMetric(float64(len(set.hs)), "histories")
				b.ReportMetric(float64(rows), "rows")
			})
		}
	}
}

// BenchmarkDueRankFor ranks 10,000 sample clients, as a full recompute
// does for each client; allocs/op counts what ranking the 10,000
// allocates (the reasons' buffer stays on the stack: see builder.place).
func BenchmarkDueRankFor(b *testing.B) {
	hs := sampleHistories(b, 10_000, sampleToday)
	s := DefaultScheduleSettings()
	b.ReportAllocs()
	for b.Loop() {
		for i := range hs {
			DueRankFor(hs[i], s, sampleToday)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(hs)), "ns/client")
}

func BenchmarkNextDue(b *testing.B) {
	hs := sampleHistories(b, 10_000, sampleToday)
	s := DefaultScheduleSettings()
	for b.Loop() {
		for i := range hs {
			NextDue(hs[i], s, sampleToday)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(hs)), "ns/client")
}

func TestCalendarHelpers(t *testing.T) {
	for d := date(1899, 1, 1); d.Before(date(2101, 1, 1)); d = d.AddDate(0, 0, 1) {
		n := civilDay(d.Year(), d.Month(), d.Day())
		if n != dayNumber(d) || !dayTime(n).Equal(d) || dayTime(n).Location() != time.UTC {
			t.Fatalf("%s: civilDay %d, dayNumber %d, dayTime %v", FormatDate(d), n, dayNumber(d), dayTime(n))
		}
		if d.Day() == 1 && monthDays(d.Month(), d.Year()) != DaysIn(d.Month(), d.Year()) {
			t.Fatalf("monthDays(%s, %d) = %d", d.Month(), d.Year(), monthDays(d.Month(), d.Year()))
		}
		if got := addDays(d, 1); !got.Equal(d.AddDate(0, 0, 1)) {
			t.Fatalf("addDays(%s, 1) = %s", FormatDate(d), FormatDate(got))
		}
	}
	if civilDay(1, time.January, 1) != dayNumber(date(1, 1, 1)) || civilDay(-1, time.March, 1) != dayNumber(date(-1, 3, 1)) {
		t.Error("civilDay wrong far in the past")
	}
	amt := time.FixedZone("AMT", 4*3600)
	zones := []*time.Location{time.UTC, time.Local, amt, time.FixedZone("NST", -(3*3600 + 1800))}
	if bucharest, err := time.LoadLocation("Europe/Bucharest"); err == nil {
		zones = append(zones, bucharest) // daylight saving time
	}
	times := []time.Time{{}, today0, testToday, time.Date(2026, 11, 23, 1, 0, 0, 0, amt), time.Date(1960, 5, 3, 23, 0, 0, 0, amt)}
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		times = append(times, time.Unix(r.Int64N(6e9)-3e9, r.Int64N(1e9)).In(zones[r.IntN(len(zones))]))
	}
	for _, tm := range times {
		if got := toDay(tm); !got.Equal(Day(tm)) || got.Location() != time.UTC || got.IsZero() != tm.IsZero() {
			t.Fatalf("toDay(%v) = %v, want %v", tm, got, Day(tm))
		}
	}
	if daysFrom(date(2024, 2, 28), date(2024, 3, 1)) != 2 || daysFrom(date(2024, 3, 1), date(2024, 2, 28)) != -2 {
		t.Error("daysFrom wrong across 29 February")
	}
}
