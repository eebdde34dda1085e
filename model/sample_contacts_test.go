package model

import (
	"testing"
	"time"
)

func TestSampleContactHistoryIsValidAndRealistic(t *testing.T) {
	now := time.Date(2026, 11, 23, 16, 30, 0, 0, time.UTC)
	today := Day(now)
	var clients, withContacts, openPromises, keptPromises, complaints, lost, dueToday int
	for rec := range SampleRecords(5000, 11, now) {
		clients++
		c := rec.Client
		if len(rec.Contacts) > 0 {
			withContacts++
		}
		for i := range rec.Contacts {
			k := rec.Contacts[i]
			k.Normalize()
			if err := k.Validate(now); err != nil {
				t.Fatalf("%s: contact %+v: %v", c.Name, k, err)
			}
			if Day(k.At).Before(Day(c.Since)) {
				t.Fatalf("%s: contact on %v before they became a client on %v", c.Name, k.At, c.Since)
			}
			if k.PromiseID != 0 && (k.PromiseID > int64(len(rec.Promises)) || rec.Promises[k.PromiseID-1].Status != PromiseKept) {
				t.Fatalf("%s: contact points at promise %d of %d", c.Name, k.PromiseID, len(rec.Promises))
			}
			if i > 0 && k.At.Before(rec.Contacts[i-1].At) {
				t.Fatalf("%s: contacts out of order", c.Name)
			}
		}
		for _, p := range rec.Promises {
			p.Normalize()
			if err := p.Validate(today); err != nil {
				t.Fatalf("%s: promise %+v: %v", c.Name, p, err)
			}
			switch p.Status {
			case PromiseOpen:
				openPromises++
			case PromiseKept:
				keptPromises++
			}
		}
		for _, k := range rec.Complaints {
			k.Normalize()
			if err := k.Validate(today); err != nil {
				t.Fatalf("%s: complaint %+v: %v", c.Name, k, err)
			}
			complaints++
		}
		if c.Lost.IsLost() {
			lost++
			if err := c.Lost.Validate(today); err != nil {
				t.Fatalf("%s: lost %+v: %v", c.Name, c.Lost, err)
			}
		}
		var last time.Time
		for _, k := range rec.Contacts {
			last = k.At
		}
		h := History{Client: c, Stage: StageLoyal, LastContact: last, OpenPromises: nil}
		if it, ok := DueFor(h, DefaultScheduleSettings(), today); ok && it.Section <= SectionToday {
			dueToday++
		}
	}
	// The owner has been mostly attentive: most clients were contacted, and
	// the due list for today is a day's work, not the whole client book.
	if share := withContacts * 100 / clients; share < 60 || share > 95 {
		t.Errorf("%d %% of clients have contacts, want most but not all", share)
	}
	if openPromises == 0 || keptPromises == 0 || complaints == 0 || lost == 0 {
		t.Errorf("open promises %d, kept %d, complaints %d, lost %d: each should occur", openPromises, keptPromises, complaints, lost)
	}
	if share := dueToday * 100 / clients; share > 60 {
		t.Errorf("%d %% of clients due today or overdue: the sample owner looks negligent", share)
	}
}
