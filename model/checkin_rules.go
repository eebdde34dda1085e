package model

import "time"

// The rules of the check-in actions (log a contact, promise an update,
// keep a promise, snooze): the window offers them, and the store enforces
// them, so a rule lives here once.

// PromiseDueDays is how long a promised update has unless the owner says
// otherwise: a week is long enough to keep most promises and short enough
// to be remembered.
const PromiseDueDays = 7

// DefaultPromiseDue is the day a promise made on day made falls due unless
// the owner chooses another.
func DefaultPromiseDue(made time.Time) time.Time { return Day(made).AddDate(0, 0, PromiseDueDays) }

// FieldSnooze names the day a snooze lasts until in validation errors.
const FieldSnooze = "snoozed_until"

// ValidateSnooze checks a snooze until the day until, as of today: a zero
// until ends the snooze; any other day must be after today, since a
// snooze to today or earlier would hide nothing. It returns a
// *ValidationError, or nil.
func ValidateSnooze(until, today time.Time) error {
	ve := &ValidationError{}
	if !until.IsZero() && !Day(until).After(Day(today)) {
		ve.add(FieldSnooze, "Choose a day after today.")
	}
	return ve.err()
}

// ContactChannelFor turns a client's preferred channel into the channel a
// contact with them most likely had: a call unless they prefer messages,
// email or seeing you in person.
func ContactChannelFor(c Channel) ContactChannel {
	switch c {
	case ChannelMessage:
		return ContactMessage
	case ChannelEmail:
		return ContactEmail
	case ChannelInPerson:
		return ContactInShop
	}
	return ContactCall
}

// KeptPromiseContact is the contact that keeps promise p at the instant at,
// by the client's preferred channel: it names the promise (PromiseID)
// rather than carrying words about it, so the window says "Kept the
// promise: …" in the owner's language when it shows the contact.
func KeptPromiseContact(p Promise, at time.Time, preferred Channel) Interaction {
	return Interaction{ClientID: p.ClientID, PromiseID: p.ID, At: at, Channel: ContactChannelFor(preferred)}
}

// DeletedPromise is a promise as it was when deleted, with the contacts
// that kept it (their link to it is cleared by the delete): what a store
// needs to put it back when the owner undoes the delete.
type DeletedPromise struct {
	Promise Promise
	KeptBy  []int64 // ids of the contacts that kept it
}
