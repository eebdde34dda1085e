package db

import (
	"context"
	"testing"

	"clienttracker/model"
)

func TestCountPromisesDue(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	today := model.Day(db.Now())
	c := mustCreateClient(t, db, &model.Client{Name: "Անահիտ Սարգսյան"})
	promise := func(what string, madeDaysAgo, dueInDays int) *model.Promise {
		t.Helper()
		p := &model.Promise{ClientID: c.ID, What: what, MadeOn: today.AddDate(0, 0, -madeDaysAgo),
			DueBy: today.AddDate(0, 0, dueInDays)}
		if err := db.CreatePromise(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	promise("overdue: call about the boots", 10, -3)
	promise("due today: the size 38", 2, 0)
	promise("due next week", 1, 7)
	kept := promise("kept: the blue scarf", 5, 0)
	if err := db.KeepPromise(ctx, kept.ID, &model.Interaction{ClientID: c.ID, Channel: model.ContactChannel("call"), At: db.Now()}); err != nil {
		t.Fatal(err)
	}
	n, err := db.CountPromisesDue(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("CountPromisesDue = %d, want 2 (the overdue one and today's; not next week's, not the kept one)", n)
	}
}
