package model

import "time"

// Stage is a rung of the customer-type ladder (SEEDS.md section 2).
type Stage string

// The rungs of the ladder, lowest first, and the black list.
const (
	StageNewbie    Stage = "newbie"
	StageProspect  Stage = "prospect"
	StageBuyer     Stage = "buyer"
	StageLoyal     Stage = "loyal"
	StageAdvocate  Stage = "advocate"
	StageVIP       Stage = "vip"
	StageBlacklist Stage = "blacklist"
)

// Stages lists the rungs in ladder order, the black list last.
var Stages = []Stage{StageNewbie, StageProspect, StageBuyer, StageLoyal, StageAdvocate, StageVIP, StageBlacklist}

// ScheduleSettings are the owner's choices for the contact schedule.
type ScheduleSettings struct {
	// Intervals is the default number of days between check-ins per stage.
	Intervals map[Stage]int
	// OverdueFactor: a check-in is "due" at the interval and "overdue" past
	// OverdueFactor times it.
	OverdueFactor float64
	// FollowUpDays after a purchase with no contact since, ask how it went.
	FollowUpDays int
	// HorizonDays is how far ahead the "Later" section of the due list looks.
	HorizonDays int
	// DailyCapacity is how many clients the owner can contact in a day:
	// the size of the day's list (see PlanDay).
	DailyCapacity int
	// FollowUpWindowDays and OccasionWindowDays are how long after its day
	// an unmet follow-up, or birthday and anniversary, stays listed.
	FollowUpWindowDays int
	OccasionWindowDays int
	// FirstCheckInDays spreads the first check-ins of clients never
	// contacted over that many days after their record was created; 0
	// counts them from "client since" like any other check-in.
	FirstCheckInDays int
}

// History is what the schedule rules need to know about one client; the
// store loads it, the rules in this package decide what is due.
type History struct {
	Client         Client // Name, Since, Birthday, Lost, Plan, Channel, Phones, Email are used
	Stage          Stage
	LastContact    time.Time // the latest logged contact (an instant); zero if never
	LastFeedback   Feedback  // the feedback of the latest contact that had any
	LastPurchase   Purchase  // the latest purchase; zero Date if none
	PurchaseDates  []time.Time
	OpenPromises   []Promise
	BrokenPromises int // promises broken in the last 90 days
	// OverdueDebt is what the client owes past its due day, and
	// DebtDueSince the oldest of those due days (zero if none).
	OverdueDebt    Money
	DebtDueSince   time.Time
	OpenComplaints []Complaint
	Preferences    []Preference // for the suggested line
}

// ReasonKind says why a client is due for contact.
type ReasonKind string

// The reasons a client can be due, in the order the due list ranks them.
const (
	ReasonComplaint   ReasonKind = "complaint"
	ReasonPromise     ReasonKind = "promise"
	ReasonPayment     ReasonKind = "payment"
	ReasonFollowUp    ReasonKind = "follow_up"
	ReasonBirthday    ReasonKind = "birthday"
	ReasonAnniversary ReasonKind = "anniversary"
	ReasonCheckIn     ReasonKind = "check_in"
)

// Reason is one reason to contact a client, due on a day. Message is an
// English template (also the translation key) filled from Data, e.g.
// "promise due: {{.What}}".
type Reason struct {
	Kind    ReasonKind
	Due     time.Time
	Overdue bool
	Message string
	Data    map[string]any
}

// Section is a part of the due list.
type Section int

// The sections of the due list, in display order.
const (
	SectionOverdue Section = iota
	SectionToday
	SectionThisWeek
	SectionLater
)

// Signal is an at-risk sign shown as a badge.
type Signal string

// The at-risk signals.
const (
	SignalBuyingLess       Signal = "buying_less"
	SignalOverdueContact   Signal = "overdue_contact"
	SignalBrokenPromise    Signal = "broken_promise"
	SignalOpenComplaint    Signal = "open_complaint"
	SignalNegativeFeedback Signal = "negative_feedback"
)

// DueItem is one row of the due list: a client, every reason to contact
// them, and what to say.
type DueItem struct {
	ClientID    int64
	Name        string
	Channel     Channel
	Phone       string // the first phone, if any
	Email       string
	Due         time.Time // the earliest due day among the reasons
	DaysOverdue int       // days past Due; 0 when not yet due
	Section     Section
	Priority    int // order within the overdue or today section, lower first (DuePriority)
	Reasons     []Reason
	Suggestion  Reason // one line of what to say (Message/Data as in Reason)
	AtRisk      []Signal
}
