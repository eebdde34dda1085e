package db

import (
	"context"
	"math/rand/v2"
	"testing"

	"clienttracker/model"
)

// TestPromiseScoreMatchesRule: the score counted in SQL is the one
// model.PromiseScore decides over the same promises, for every client and
// for the shop, with promises of every status due and kept around both
// edges of the window.
func TestPromiseScoreMatchesRule(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	r := rand.New(rand.NewPCG(19, 1))
	var ids []int64
	for _, name := range []string{"Ana", "Ion", "Mariam", "Nino"} {
		ids = append(ids, mustCreateClient(t, db, &model.Client{Name: name}).ID)
	}
	statuses := []model.PromiseStatus{model.PromiseOpen, model.PromiseKept, model.PromiseBroken, model.PromiseCancelled}
	// Days near the window's edges (-89 is its first day, 0 today) and
	// well inside and outside it.
	days := []int{-200, -95, -91, -90, -89, -88, -45, -2, -1, 0, 1, 2, 30}
	for range 400 {
		due := days[r.IntN(len(days))]
		status := statuses[r.IntN(len(statuses))]
		var kept any
		if status == model.PromiseKept {
			kept = model.FormatDate(today.AddDate(0, 0, min(days[r.IntN(len(days))], 0)))
		}
		if _, err := db.w.ExecContext(ctx, `INSERT INTO promises (client_id, what, made_on, due_by, status, kept_on)
			VALUES (?, 'call back', ?, ?, ?, ?)`, ids[r.IntN(len(ids))], model.FormatDate(today.AddDate(0, 0, -300)),
			model.FormatDate(today.AddDate(0, 0, due)), string(status), kept); err != nil {
			t.Fatal(err)
		}
	}
	var all []model.Promise
	check := func(name string, id int64, ps []model.Promise) {
		t.Helper()
		wantKept, wantDue := model.PromiseScore(ps, today, promiseScoreDays)
		kept, due, err := db.PromiseScore(ctx, id, today)
		if err != nil || kept != wantKept || due != wantDue {
			t.Errorf("%s: PromiseScore = %d/%d, %v; the rule says %d/%d", name, kept, due, err, wantKept, wantDue)
		}
		if wantDue == 0 {
			t.Errorf("%s: no promise counts: the test proves nothing", name)
		}
	}
	for _, id := range ids {
		ps, err := db.ListPromises(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ps...)
		check("client", id, ps)
	}
	check("shop", 0, all)
}
