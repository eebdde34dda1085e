package model

import "time"

// ContactChannel is how a contact with a client happened.
type ContactChannel string

// The channels a logged contact can have.
const (
	ContactCall    ContactChannel = "call"
	ContactMessage ContactChannel = "message" // SMS or a messenger
	ContactEmail   ContactChannel = "email"
	ContactVisit   ContactChannel = "visit"   // you went to them
	ContactInShop  ContactChannel = "in_shop" // they came to you
)

// ContactChannels lists the channels in the order a form offers them.
var ContactChannels = []ContactChannel{ContactCall, ContactMessage, ContactEmail, ContactVisit, ContactInShop}

// Feedback is what the client said of you during a contact.
type Feedback string

// The kinds of feedback a contact can carry; FeedbackNone when none was given.
const (
	FeedbackNone     Feedback = ""
	FeedbackPositive Feedback = "positive"
	FeedbackNeutral  Feedback = "neutral"
	FeedbackNegative Feedback = "negative"
)

// Interaction is one logged contact with a client. Any logged contact resets
// the client's check-in clock.
type Interaction struct {
	ID           int64
	ClientID     int64
	At           time.Time // an instant, in UTC
	Channel      ContactChannel
	Summary      string
	Feedback     Feedback
	FeedbackText string // the client's own words
	PromiseID    int64  // the promise this contact kept, if any
}

// PromiseStatus is where a promised update stands.
type PromiseStatus string

// The states of a promise.
const (
	PromiseOpen      PromiseStatus = "open"
	PromiseKept      PromiseStatus = "kept"
	PromiseBroken    PromiseStatus = "broken"
	PromiseCancelled PromiseStatus = "cancelled"
)

// Promise is an update promised to a client ("I'll call you when the new
// stock arrives"). Keeping a promise is itself a contact.
type Promise struct {
	ID       int64
	ClientID int64
	What     string
	MadeOn   time.Time // a calendar day
	DueBy    time.Time // a calendar day
	Status   PromiseStatus
	KeptOn   time.Time // the day it was kept; zero unless Status is PromiseKept
}

// ComplaintStatus is where a complaint stands.
type ComplaintStatus string

// The states of a complaint.
const (
	ComplaintOpen     ComplaintStatus = "open"
	ComplaintResolved ComplaintStatus = "resolved"
)

// Complaint records something that went wrong for a client and how it was
// handled: apologise, offer more than one option, fix it promptly.
type Complaint struct {
	ID         int64
	ClientID   int64
	OpenedOn   time.Time // a calendar day
	What       string
	Options    []string // the alternatives offered to the client
	Apologised bool
	Status     ComplaintStatus
	Resolution string
	ResolvedOn time.Time // zero while open
}

// LostReason is why a client stopped buying, in the categories of the study
// the product is built on (4 / 5 / 9 / 15 / 67 %).
type LostReason string

// The reasons a client can be marked lost for.
const (
	LostMovedOrDied   LostReason = "moved_or_died"
	LostFriendsFamily LostReason = "friends_family"
	LostCompetitor    LostReason = "competitor"
	LostQuality       LostReason = "quality"
	LostNoContact     LostReason = "no_contact"
	LostOther         LostReason = "other"
)

// LostReasons lists the reasons in the order a form offers them.
var LostReasons = []LostReason{LostMovedOrDied, LostFriendsFamily, LostCompetitor, LostQuality, LostNoContact, LostOther}

// Lost records that a client was lost, when and why. The zero value means
// the client is not lost.
type Lost struct {
	Reason LostReason
	Text   string // the details, required for LostOther
	On     time.Time
}

// IsLost reports whether a reason is recorded.
func (l Lost) IsLost() bool { return l.Reason != "" }

// DateRange is an inclusive range of calendar days.
type DateRange struct {
	From, To time.Time
}

// Contains reports whether day d falls in the range.
func (r DateRange) Contains(d time.Time) bool {
	d = Day(d)
	return !d.Before(Day(r.From)) && !d.After(Day(r.To))
}

// ContactPlan is a client's own contact schedule: how often to check in,
// when not to, and until when the next check-in is snoozed.
type ContactPlan struct {
	CheckInDays  int          // 0: the default interval of the client's stage
	DoNotContact bool         // the client opted out of check-ins
	QuietMonths  []time.Month // months they are busy every year
	QuietRanges  []DateRange  // one-off busy periods
	SnoozedUntil time.Time    // check-ins wait until this day; zero for none
}
