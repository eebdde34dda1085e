package db

import (
	"testing"
	"time"

	"clienttracker/model"
)

// A contact logged just after midnight in the owner's time zone belongs to
// that day, though in UTC it is still the day before: the birthday greeting
// made at 00:30 in Yerevan on the birthday itself meets the birthday.
func TestContactCountsOnTheOwnersDay(t *testing.T) {
	yerevan := time.FixedZone("Yerevan", 4*60*60)
	old := time.Local
	time.Local = yerevan
	t.Cleanup(func() { time.Local = old })

	db := mustOpen(t)
	greeted := time.Date(2026, 11, 23, 0, 30, 0, 0, yerevan) // 2026-11-22 20:30 UTC
	db.clock = func() time.Time { return greeted.Add(time.Hour) }
	day := model.Day(db.Now())
	c := mustCreateClient(t, db, &model.Client{Name: "Անի Պետրոսյան", Since: day.AddDate(-3, 0, 0),
		Birthday: model.Birthday{Day: 23, Month: time.November}})
	before := mustDueList(t, db, day)
	if !hasReason(before, c.ID, model.ReasonBirthday) {
		t.Fatalf("the birthday is not due on the day: %+v", before)
	}
	mustLogContact(t, db, c.ID, greeted)
	after := mustDueList(t, db, day)
	if hasReason(after, c.ID, model.ReasonBirthday) {
		t.Error("a greeting at 00:30 local time on the birthday did not count for that day")
	}
}

func hasReason(items []model.DueItem, clientID int64, kind model.ReasonKind) bool {
	for _, it := range items {
		if it.ClientID != clientID {
			continue
		}
		for _, r := range it.Reasons {
			if r.Kind == kind {
				return true
			}
		}
	}
	return false
}
