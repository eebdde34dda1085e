package model

import (
	"sort"
	"time"
)

// TimelineKind says what a timeline entry records.
type TimelineKind string

// The kinds of entry a client's timeline mixes.
const (
	TimelineContact   TimelineKind = "contact"
	TimelinePurchase  TimelineKind = "purchase"
	TimelinePromise   TimelineKind = "promise"
	TimelineComplaint TimelineKind = "complaint"
	TimelineStage     TimelineKind = "stage"
)

// TimelineEntry is one event in a client's history. Exactly one of the
// pointers is set, matching Kind.
type TimelineEntry struct {
	Kind      TimelineKind
	At        time.Time // when it happened: a contact's instant, or a day
	Contact   *Interaction
	Purchase  *Purchase
	Promise   *Promise
	Complaint *Complaint
	Stage     *StageChange
}

// Timeline mixes a client's contacts, purchases, promises, complaints and
// moves on the ladder into one history, newest first. A promise is placed
// on the day it was made, a complaint on the day it was opened; on the
// same day, the entries that carry a time (contacts, moves) come first.
func Timeline(contacts []Interaction, purchases []Purchase, promises []Promise, complaints []Complaint, moves []StageChange) []TimelineEntry {
	out := make([]TimelineEntry, 0, len(contacts)+len(purchases)+len(promises)+len(complaints)+len(moves))
	for i := range moves {
		out = append(out, TimelineEntry{Kind: TimelineStage, At: moves[i].At, Stage: &moves[i]})
	}
	for i := range contacts {
		out = append(out, TimelineEntry{Kind: TimelineContact, At: contacts[i].At, Contact: &contacts[i]})
	}
	for i := range purchases {
		out = append(out, TimelineEntry{Kind: TimelinePurchase, At: Day(purchases[i].Date), Purchase: &purchases[i]})
	}
	for i := range promises {
		out = append(out, TimelineEntry{Kind: TimelinePromise, At: Day(promises[i].MadeOn), Promise: &promises[i]})
	}
	for i := range complaints {
		out = append(out, TimelineEntry{Kind: TimelineComplaint, At: Day(complaints[i].OpenedOn), Complaint: &complaints[i]})
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, dj := Day(out[i].At), Day(out[j].At)
		if !di.Equal(dj) {
			return di.After(dj)
		}
		return out[i].At.After(out[j].At)
	})
	return out
}
