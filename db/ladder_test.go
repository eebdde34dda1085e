package db

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"clienttracker/model"
)

// mustMoves returns a client's moves, newest first.
func mustMoves(t *testing.T, db *DB, id int64) []model.StageChange {
	t.Helper()
	ms, err := db.ListStageChanges(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// rung returns the stored rung of a client.
func rung(t *testing.T, db *DB, id int64) model.Stage {
	t.Helper()
	return mustGetClient(t, db, id).Stage
}

func TestLadderMoves(t *testing.T) {
	ctx := context.Background()

	t.Run("ThirdPurchaseMakesLoyalAndIsRecorded", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana", Since: today.AddDate(-1, 0, 0)})
		if got := rung(t, db, c.ID); got != model.StageNewbie {
			t.Fatalf("new client on %s", got)
		}
		if ms := mustMoves(t, db, c.ID); len(ms) != 0 {
			t.Fatalf("a new client arrived, she did not move: %+v", ms)
		}
		mustPurchase(t, db, c.ID, -60, 1000)
		mustPurchase(t, db, c.ID, -30, 1000)
		mustPurchase(t, db, c.ID, -2, 1000)
		if got := rung(t, db, c.ID); got != model.StageLoyal {
			t.Fatalf("after three purchases at her rhythm: %s, want loyal", got)
		}
		ms := mustMoves(t, db, c.ID)
		if len(ms) != 2 || ms[0].From != model.StageBuyer || ms[0].To != model.StageLoyal || ms[0].ByHand ||
			ms[1].From != model.StageNewbie || ms[1].To != model.StageBuyer || !ms[0].At.Equal(fixedNow) {
			t.Errorf("moves %+v, want newbie→buyer then buyer→loyal, by the rules, now", ms)
		}
	})

	t.Run("PinAndUnpin", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ion"})
		mustPurchase(t, db, c.ID, -5, 1000)
		if err := db.PinStage(ctx, c.ID, model.Pin{Stage: model.StageVIP, Reason: " brings the whole street "}); err != nil {
			t.Fatal(err)
		}
		got := mustGetClient(t, db, c.ID)
		if got.Stage != model.StageVIP || got.AutoStage != model.StageBuyer || got.Pin.Reason != "brings the whole street" {
			t.Fatalf("pinned: stage %s auto %s pin %+v", got.Stage, got.AutoStage, got.Pin)
		}
		if ms := mustMoves(t, db, c.ID); len(ms) == 0 || !ms[0].ByHand || ms[0].To != model.StageVIP || ms[0].Reason != "brings the whole street" {
			t.Fatalf("the pin is not recorded as a move by hand: %+v", ms)
		}
		// A purchase does not move a pinned client, and an edit of the
		// client form (which carries no pin) keeps the pin.
		mustPurchase(t, db, c.ID, -1, 1000)
		got.Pin = model.Pin{}
		if err := db.UpdateClient(ctx, got); err != nil {
			t.Fatal(err)
		}
		if got.Pin.Stage != model.StageVIP || rung(t, db, c.ID) != model.StageVIP {
			t.Fatalf("saving the form undid the pin: %+v", got.Pin)
		}
		if err := db.PinStage(ctx, c.ID, model.Pin{}); err != nil {
			t.Fatal(err)
		}
		if got := rung(t, db, c.ID); got != model.StageBuyer {
			t.Errorf("unpinned: %s, want back to the rules' buyer", got)
		}
		if ms := mustMoves(t, db, c.ID); !ms[0].ByHand || ms[0].From != model.StageVIP || ms[0].To != model.StageBuyer {
			t.Errorf("the unpin is not recorded: %+v", ms[0])
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := mustOpen(t)
		if err := db.PinStage(ctx, 99, model.Pin{Stage: model.StageVIP}); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("unknown client: %v", err)
		}
		c := mustCreateClient(t, db, &model.Client{Name: "Ion"})
		if err := db.PinStage(ctx, c.ID, model.Pin{Stage: "gold"}); err == nil {
			t.Error("an unknown rung was accepted")
		}
		if got := mustGetClient(t, db, c.ID); !got.Pin.IsZero() {
			t.Errorf("a refused pin was stored: %+v", got.Pin)
		}
	})

	t.Run("MarksFeedTheRules", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Maria", Marks: model.Marks{BuysOnlyHere: true}})
		if got := rung(t, db, c.ID); got != model.StageNewbie {
			t.Fatalf("buys only here, never bought: %s, want newbie (Advocate sits above Loyal)", got)
		}
		for _, months := range []int{-3, -2, -1} {
			mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: model.Day(fixedNow.AddDate(0, months, 0)), Item: "rochie", Amount: 10000})
		}
		if got := rung(t, db, c.ID); got != model.StageAdvocate {
			t.Fatalf("buys only here, three purchases: %s, want advocate", got)
		}
		c.Marks = model.Marks{Blacklist: true}
		if err := db.UpdateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		got := mustGetClient(t, db, c.ID)
		if got.Stage != model.StageBlacklist || !got.Marks.Blacklist || got.Marks.BuysOnlyHere {
			t.Errorf("marked black list: %s %+v", got.Stage, got.Marks)
		}
		if ms := mustMoves(t, db, c.ID); len(ms) == 0 || ms[0].ByHand || ms[0].To != model.StageBlacklist || ms[0].From != model.StageAdvocate {
			t.Errorf("moves %+v", ms)
		}
	})

	t.Run("DeleteTakesTheMoves", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ion"})
		if err := db.PinStage(ctx, c.ID, model.Pin{Stage: model.StageVIP}); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteClient(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if n := rowCount(t, db, "stage_changes", "1"); n != 0 {
			t.Errorf("%d moves left of a deleted client", n)
		}
	})
}

func TestLadderSummaryAndList(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	// Two buyers (one of them with two purchases: ready for a third), a
	// loyal client, a prospect, a lapsed buyer and a lost client.
	a := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	mustPurchase(t, db, a.ID, -20, 5000)
	mustPurchase(t, db, a.ID, -10, 5000)
	b := mustCreateClient(t, db, &model.Client{Name: "Bogdan"})
	mustPurchase(t, db, b.ID, -3, 2000)
	l := mustCreateClient(t, db, &model.Client{Name: "Lia"})
	for _, d := range []int{-90, -60, -30, -1} {
		mustPurchase(t, db, l.ID, d, 10000)
	}
	p := mustCreateClient(t, db, &model.Client{Name: "Petru"})
	mustLogContact(t, db, p.ID, fixedNow)
	old := mustCreateClient(t, db, &model.Client{Name: "Olga"})
	mustPurchase(t, db, old.ID, -400, 700)
	gone := mustCreateClient(t, db, &model.Client{Name: "Gone"})
	mustPurchase(t, db, gone.ID, -5, 99999)
	if err := db.MarkLost(ctx, gone.ID, model.Lost{Reason: model.LostMovedOrDied, On: today}); err != nil {
		t.Fatal(err)
	}

	sum, err := db.LadderSummary(ctx, 30)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Rungs) != len(model.Stages) {
		t.Fatalf("%d rungs", len(sum.Rungs))
	}
	byStage := map[model.Stage]model.RungStat{}
	for i, r := range sum.Rungs {
		if r.Stage != model.Stages[i] {
			t.Errorf("rung %d is %s, want %s", i, r.Stage, model.Stages[i])
		}
		byStage[r.Stage] = r
	}
	if got := byStage[model.StageBuyer]; got.Clients != 3 || got.Spend != 12700 || got.Lapsed != 1 || got.Ready != 2 {
		t.Errorf("buyers %+v, want 3 (the lost one excluded), 127.00 spent, 1 lapsed, 2 ready", got)
	}
	if got := byStage[model.StageLoyal]; got.Clients != 1 || got.Spend != 40000 {
		t.Errorf("loyal %+v", got)
	}
	if got := byStage[model.StageProspect]; got.Clients != 1 || got.Ready != 1 {
		t.Errorf("prospects %+v", got)
	}
	if len(sum.Moves) == 0 || sum.Moves[0].Count < sum.Moves[len(sum.Moves)-1].Count {
		t.Errorf("moves %+v", sum.Moves)
	}

	names := func(q model.LadderQuery) ([]string, int) {
		t.Helper()
		cs, total, err := db.ListLadder(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return out, total
	}
	if got, total := names(model.LadderQuery{Stage: model.StageBuyer}); total != 3 || len(got) != 3 || got[0] != "Ana" || got[2] != "Olga" {
		t.Errorf("buyers %v (%d), want the biggest spender first, the lost one out", got, total)
	}
	if got, _ := names(model.LadderQuery{Stage: model.StageBuyer, Limit: 1, Offset: 1}); len(got) != 1 || got[0] != "Bogdan" {
		t.Errorf("second page of one: %v", got)
	}
	if got, _ := names(model.LadderQuery{Stage: model.StageBuyer, LapsedOnly: true}); len(got) != 1 || got[0] != "Olga" {
		t.Errorf("lapsed buyers %v", got)
	}
	cs, _, _ := db.ListLadder(ctx, model.LadderQuery{Stage: model.StageBuyer, ReadyOnly: true})
	if len(cs) != 2 || cs[0].Ready != model.HintThirdSale || cs[1].Ready != model.HintSecondSale {
		t.Errorf("ready buyers %+v", cs)
	}
}

func TestLadderSettingsRoundTripAndRecompute(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	mustPurchase(t, db, c.ID, -10, 50000)
	s, err := db.LadderSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.VIPSpend12m != model.DefaultLadderSettings().VIPSpend12m {
		t.Fatalf("defaults %+v", s)
	}
	s.VIPSpend12m = 40000
	s.Discounts = map[model.Stage]int{model.StageVIP: 12, model.StageBuyer: 2}
	if err := db.SaveLadderSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	got, err := db.LadderSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.VIPSpend12m != 40000 || got.Discount(model.StageVIP) != 12 || got.Discount(model.StageBuyer) != 2 || got.Discount(model.StageLoyal) != 0 {
		t.Errorf("stored %+v", got)
	}
	if r := rung(t, db, c.ID); r != model.StageVIP {
		t.Errorf("after lowering the VIP threshold: %s", r)
	}
	bad := got
	bad.LapsedMinGapDays = 0
	if err := db.SaveLadderSettings(ctx, bad); err == nil {
		t.Error("invalid settings saved")
	}
	if again, _ := db.LadderSettings(ctx); again.LapsedMinGapDays != got.LapsedMinGapDays {
		t.Error("a refused save changed the settings")
	}
}

func TestPurchaseDiscount(t *testing.T) {
	db := mustOpen(t)
	c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	p := mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: today, Item: "coat", Amount: 9500, Discount: 5})
	if ps := mustListPurchases(t, db, c.ID); len(ps) != 1 || ps[0].Discount != 5 {
		t.Fatalf("stored %+v", ps)
	}
	p.Discount = 101
	if err := db.UpdatePurchase(context.Background(), p); err == nil {
		t.Error("a 101 % discount was accepted")
	}
}

// A database at version 3 gets every client's rung from the rules in the
// transaction of migration 4, without recording moves: nobody moved.
func TestMigrateFromVersion3(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v3.db")
	rawExec(t, path, "_foreign_keys=on", migrations[0].sql, migrations[1].sql, migrations[2].sql, "PRAGMA user_version = 3",
		`INSERT INTO clients (id, name, since, sort_key, created_at, updated_at, purchase_count, total_spent, last_purchase, purchase_dates) VALUES
			(1, 'Ana', '2026-01-15', x'01', '2026-01-15T10:00:00.000Z', '2026-01-15T10:00:00.000Z', 0, 0, NULL, NULL)`,
		`INSERT INTO purchases (client_id, date, item, amount) VALUES (1, '2026-11-01', 'coat', 5000)`)
	db := mustOpenPath(t, path)
	got := mustGetClient(t, db, 1)
	if got.Stage != model.StageBuyer || got.AutoStage != model.StageBuyer {
		t.Errorf("after the migration: %s / %s, want buyer", got.Stage, got.AutoStage)
	}
	if n := rowCount(t, db, "stage_changes", "1"); n != 0 {
		t.Errorf("%d moves recorded by the migration", n)
	}
	if n := rowCount(t, db, "clients", "auto_stage IS NULL"); n != 0 {
		t.Errorf("%d clients without the rules' rung", n)
	}
}

// Inserting sample clients records no moves: they arrive on their rungs.
func TestInsertRecordsRecordsNoMoves(t *testing.T) {
	db := mustOpen(t)
	if _, err := db.InsertRecords(context.Background(), model.SampleRecords(200, 3, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	if n := rowCount(t, db, "stage_changes", "1"); n != 0 {
		t.Errorf("%d moves recorded by a bulk insert", n)
	}
	if n := rowCount(t, db, "clients", "auto_stage IS NULL OR stage <> auto_stage"); n != 0 {
		t.Errorf("%d clients with no rung or a rung the rules did not give", n)
	}
}
