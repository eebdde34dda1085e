package model

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Field names used in the validation errors of contacts, promises,
// complaints, lost clients and contact plans. A contact's channel uses
// FieldChannel, like the client's preferred channel.
const (
	FieldAt           = "at"
	FieldSummary      = "summary"
	FieldFeedback     = "feedback"
	FieldFeedbackText = "feedback_text"

	FieldWhat   = "what" // of a promise or a complaint
	FieldMadeOn = "made_on"
	FieldDueBy  = "due_by"
	FieldStatus = "status" // of a promise or a complaint
	FieldKeptOn = "kept_on"

	FieldOpenedOn   = "opened_on"
	FieldOptions    = "options"
	FieldResolution = "resolution"
	FieldResolvedOn = "resolved_on"

	FieldLostReason = "lost_reason"
	FieldLostOn     = "lost_on"
	FieldLostText   = "lost_text"

	FieldCheckInDays = "check_in_days"
	FieldQuietMonths = "quiet_months"
	FieldQuietRanges = "quiet_ranges"
)

// Limits of the contact records, in characters (runes) unless said otherwise.
const (
	MaxDetailLen     = 1000 // a client's feedback in their words, a complaint's resolution
	MaxOptions       = 20   // alternatives offered for one complaint
	MaxQuietRanges   = 50
	MaxCheckInDays   = 3650            // ten years
	MaxFutureContact = 5 * time.Minute // how far ahead of the clock a contact may be logged
	minRecordYear    = 1900
)

// Label is the English name of the channel, also its translation key.
func (c ContactChannel) Label() string {
	switch c {
	case ContactCall:
		return "Call"
	case ContactMessage:
		return "Message"
	case ContactEmail:
		return "Email"
	case ContactVisit:
		return "Visit"
	case ContactInShop:
		return "In shop"
	}
	return "Other"
}

// Valid reports whether c is one of ContactChannels.
func (c ContactChannel) Valid() bool { return slices.Contains(ContactChannels, c) }

// Feedbacks lists the kinds of feedback in the order a form offers them,
// "none" first.
var Feedbacks = []Feedback{FeedbackNone, FeedbackPositive, FeedbackNeutral, FeedbackNegative}

// Label is the English name of the feedback, also its translation key.
func (f Feedback) Label() string {
	switch f {
	case FeedbackPositive:
		return "Positive"
	case FeedbackNeutral:
		return "Neutral"
	case FeedbackNegative:
		return "Negative"
	}
	return "No feedback"
}

// Valid reports whether f is one of Feedbacks.
func (f Feedback) Valid() bool { return slices.Contains(Feedbacks, f) }

// PromiseStatuses lists the states of a promise in the order a form offers them.
var PromiseStatuses = []PromiseStatus{PromiseOpen, PromiseKept, PromiseBroken, PromiseCancelled}

// Label is the English name of the status, also its translation key.
func (s PromiseStatus) Label() string {
	switch s {
	case PromiseOpen:
		return "Open"
	case PromiseKept:
		return "Kept"
	case PromiseBroken:
		return "Broken"
	case PromiseCancelled:
		return "Cancelled"
	}
	return "Unknown"
}

// Valid reports whether s is one of PromiseStatuses.
func (s PromiseStatus) Valid() bool { return slices.Contains(PromiseStatuses, s) }

// ComplaintStatuses lists the states of a complaint in the order a form offers them.
var ComplaintStatuses = []ComplaintStatus{ComplaintOpen, ComplaintResolved}

// Label is the English name of the status, also its translation key.
func (s ComplaintStatus) Label() string {
	switch s {
	case ComplaintOpen:
		return "Open"
	case ComplaintResolved:
		return "Resolved"
	}
	return "Unknown"
}

// Valid reports whether s is one of ComplaintStatuses.
func (s ComplaintStatus) Valid() bool { return slices.Contains(ComplaintStatuses, s) }

// Label is the English name of the reason, also its translation key.
func (r LostReason) Label() string {
	switch r {
	case LostMovedOrDied:
		return "Moved away or died"
	case LostFriendsFamily:
		return "Friends or family elsewhere"
	case LostCompetitor:
		return "Went to a competitor"
	case LostQuality:
		return "Unhappy with quality"
	case LostNoContact:
		return "No contact / indifference"
	}
	return "Other"
}

// Valid reports whether r is one of LostReasons.
func (r LostReason) Valid() bool { return slices.Contains(LostReasons, r) }

// Normalize trims the text fields and stores the time of the contact in UTC.
func (i *Interaction) Normalize() {
	i.Summary = strings.TrimSpace(i.Summary)
	i.FeedbackText = strings.TrimSpace(i.FeedbackText)
	if !i.At.IsZero() {
		i.At = i.At.UTC()
	}
}

// Validate checks a logged contact (after Normalize) and returns a
// *ValidationError listing every problem, or nil. now is the current instant:
// a contact may be logged up to MaxFutureContact ahead of it, to forgive a
// clock a little fast, but not for later.
func (i *Interaction) Validate(now time.Time) error {
	ve := &ValidationError{}
	switch {
	case i.At.IsZero():
		ve.add(FieldAt, "Enter when the contact happened.")
	case i.At.After(now.Add(MaxFutureContact)):
		ve.add(FieldAt, "The contact is in the future; log a contact once it has happened.")
	case i.At.Year() < minRecordYear:
		ve.add(FieldAt, "The contact date is too far in the past; check the year.")
	}
	if !i.Channel.Valid() {
		ve.add(FieldChannel, "Choose how the contact happened from the list.")
	}
	checkLen(ve, FieldSummary, "summary", i.Summary, MaxLongLen)
	switch {
	case !i.Feedback.Valid():
		ve.add(FieldFeedback, "Choose the client's feedback from the list.")
	case i.Feedback == FeedbackNone && i.FeedbackText != "":
		ve.add(FieldFeedback, "Choose whether the client's feedback was positive, neutral or negative.")
	}
	checkLen(ve, FieldFeedbackText, "feedback", i.FeedbackText, MaxDetailLen)
	return ve.err()
}

// Normalize trims the text, reduces the dates to calendar days and makes a
// promise without a status open.
func (p *Promise) Normalize() {
	p.What = strings.TrimSpace(p.What)
	p.MadeOn = Day(p.MadeOn)
	p.DueBy = Day(p.DueBy)
	p.KeptOn = Day(p.KeptOn)
	if p.Status == "" {
		p.Status = PromiseOpen
	}
}

// Validate checks a promise (after Normalize) as of today and returns a
// *ValidationError listing every problem, or nil.
func (p *Promise) Validate(today time.Time) error {
	today = Day(today)
	ve := &ValidationError{}
	if p.What == "" {
		ve.add(FieldWhat, "Write what you promised, for example \"call when the order arrives\".")
	} else {
		checkLen(ve, FieldWhat, "promise", p.What, MaxShortLen)
	}
	made := Day(p.MadeOn)
	switch {
	case made.IsZero():
		ve.add(FieldMadeOn, "Enter the day the promise was made.")
	case made.After(today):
		ve.add(FieldMadeOn, "The day the promise was made cannot be in the future.")
	case made.Year() < minRecordYear:
		ve.add(FieldMadeOn, "The day the promise was made is too far in the past; check the year.")
	}
	switch due := Day(p.DueBy); {
	case due.IsZero():
		ve.add(FieldDueBy, "Enter the day the promise is due.")
	case !made.IsZero() && due.Before(made):
		ve.add(FieldDueBy, "A promise cannot be due before the day it was made.")
	}
	if !p.Status.Valid() {
		ve.add(FieldStatus, "Choose the status of the promise from the list.")
	}
	kept := Day(p.KeptOn)
	switch {
	case p.Status == PromiseKept && kept.IsZero():
		ve.add(FieldKeptOn, "Enter the day the promise was kept.")
	case p.Status != PromiseKept && !kept.IsZero():
		ve.add(FieldKeptOn, "Only a kept promise has a day it was kept; clear that day or mark the promise kept.")
	case kept.IsZero():
	case !made.IsZero() && kept.Before(made):
		ve.add(FieldKeptOn, "A promise cannot be kept before the day it was made.")
	case kept.After(today):
		ve.add(FieldKeptOn, "The day the promise was kept cannot be in the future.")
	}
	return ve.err()
}

// Normalize trims the text, drops empty options, reduces the dates to
// calendar days and makes a complaint without a status open.
func (c *Complaint) Normalize() {
	c.What = strings.TrimSpace(c.What)
	c.Resolution = strings.TrimSpace(c.Resolution)
	c.Options = cleanList(c.Options, false)
	c.OpenedOn = Day(c.OpenedOn)
	c.ResolvedOn = Day(c.ResolvedOn)
	if c.Status == "" {
		c.Status = ComplaintOpen
	}
}

// Validate checks a complaint (after Normalize) as of today and returns a
// *ValidationError listing every problem, or nil. A resolved complaint needs
// the day it was resolved and how; an open one has no resolution day, though
// notes on the resolution may be written while it is worked on.
func (c *Complaint) Validate(today time.Time) error {
	today = Day(today)
	ve := &ValidationError{}
	opened := Day(c.OpenedOn)
	switch {
	case opened.IsZero():
		ve.add(FieldOpenedOn, "Enter the day the client complained.")
	case opened.After(today):
		ve.add(FieldOpenedOn, "The day of the complaint cannot be in the future.")
	case opened.Year() < minRecordYear:
		ve.add(FieldOpenedOn, "The day of the complaint is too far in the past; check the year.")
	}
	if c.What == "" {
		ve.add(FieldWhat, "Write what went wrong.")
	} else {
		checkLen(ve, FieldWhat, "complaint", c.What, MaxLongLen)
	}
	if len(c.Options) > MaxOptions {
		ve.add(FieldOptions, "Keep at most {{.Max}} options.", "Max", MaxOptions)
	} else {
		for n, o := range c.Options {
			if o != "" && !validText(o, MaxShortLen) {
				ve.add(FieldOptions, "Option {{.N}} is too long or unreadable; keep each option under {{.Max}} characters.", "N", n+1, "Max", MaxShortLen)
				break
			}
		}
	}
	if !c.Status.Valid() {
		ve.add(FieldStatus, "Choose the status of the complaint from the list.")
	}
	resolved := Day(c.ResolvedOn)
	if c.Status == ComplaintResolved && c.Resolution == "" {
		ve.add(FieldResolution, "Write how the complaint was resolved.")
	} else {
		checkLen(ve, FieldResolution, "resolution", c.Resolution, MaxDetailLen)
	}
	switch {
	case c.Status == ComplaintResolved && resolved.IsZero():
		ve.add(FieldResolvedOn, "Enter the day the complaint was resolved.")
	case c.Status != ComplaintResolved && !resolved.IsZero():
		ve.add(FieldResolvedOn, "An open complaint has no day it was resolved; clear that day or mark the complaint resolved.")
	case resolved.IsZero():
	case !opened.IsZero() && resolved.Before(opened):
		ve.add(FieldResolvedOn, "A complaint cannot be resolved before the day it was made.")
	case resolved.After(today):
		ve.add(FieldResolvedOn, "The day the complaint was resolved cannot be in the future.")
	}
	return ve.err()
}

// validText reports whether s is readable UTF-8 of at most limit runes.
func validText(s string, limit int) bool {
	return utf8.ValidString(s) && utf8.RuneCountInString(s) <= limit
}

// Normalize trims the details and reduces the day to a calendar day.
func (l *Lost) Normalize() {
	l.Text = strings.TrimSpace(l.Text)
	l.On = Day(l.On)
}

// Validate checks a lost mark (after Normalize) as of today and returns a
// *ValidationError listing every problem, or nil. The zero Lost (the client
// is not lost) is valid; details without a reason are not.
func (l *Lost) Validate(today time.Time) error {
	if *l == (Lost{}) {
		return nil
	}
	ve := &ValidationError{}
	if !l.Reason.Valid() {
		ve.add(FieldLostReason, "Choose why the client was lost from the list.")
	}
	switch on := Day(l.On); {
	case on.IsZero():
		ve.add(FieldLostOn, "Enter the day the client was lost.")
	case on.After(Day(today)):
		ve.add(FieldLostOn, "The day the client was lost cannot be in the future.")
	case on.Year() < minRecordYear:
		ve.add(FieldLostOn, "The day the client was lost is too far in the past; check the year.")
	}
	if l.Reason == LostOther && l.Text == "" {
		ve.add(FieldLostText, "Write why the client was lost.")
	} else {
		checkLen(ve, FieldLostText, "reason", l.Text, MaxLongLen)
	}
	return ve.err()
}

// Normalize sorts the quiet months and drops repeated ones, reduces the
// dates to calendar days, drops quiet periods with no dates at all and sorts
// the rest by their first day.
func (p *ContactPlan) Normalize() {
	if len(p.QuietMonths) == 0 {
		p.QuietMonths = nil
	} else {
		p.QuietMonths = slices.Compact(slices.Sorted(slices.Values(p.QuietMonths)))
	}
	var ranges []DateRange
	for _, r := range p.QuietRanges {
		r = DateRange{From: Day(r.From), To: Day(r.To)}
		if r.From.IsZero() && r.To.IsZero() {
			continue
		}
		ranges = append(ranges, r)
	}
	slices.SortStableFunc(ranges, func(a, b DateRange) int { return a.From.Compare(b.From) })
	p.QuietRanges = ranges
	p.SnoozedUntil = Day(p.SnoozedUntil)
}

// Validate checks a contact plan (after Normalize) and returns a
// *ValidationError listing every problem, or nil. A plan cannot be quiet all
// year: that is what DoNotContact is for.
func (p *ContactPlan) Validate() error {
	ve := &ValidationError{}
	if p.CheckInDays < 0 || p.CheckInDays > MaxCheckInDays {
		ve.add(FieldCheckInDays, "The check-in interval should be between 1 and {{.Max}} days, or 0 for the usual interval of the client's stage.", "Max", MaxCheckInDays)
	}
	months := map[time.Month]bool{}
	for _, m := range p.QuietMonths {
		if m < time.January || m > time.December {
			ve.add(FieldQuietMonths, "Choose quiet months from the list.")
			break
		}
		months[m] = true
	}
	if len(months) == 12 {
		ve.add(FieldQuietMonths, "A client cannot be quiet all year; choose \"Do not contact\" instead.")
	}
	if len(p.QuietRanges) > MaxQuietRanges {
		ve.add(FieldQuietRanges, "Keep at most {{.Max}} quiet periods.", "Max", MaxQuietRanges)
	} else {
		for _, r := range p.QuietRanges {
			if r.From.IsZero() || r.To.IsZero() {
				ve.add(FieldQuietRanges, "Enter both the first and the last day of each quiet period.")
				break
			}
			if Day(r.To).Before(Day(r.From)) {
				ve.add(FieldQuietRanges, "A quiet period cannot end before it starts; check its days.")
				break
			}
		}
	}
	return ve.err()
}
