package db

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// purchaseMonthsFromPurchases is purchase_months as it should be, summed
// again from the purchases.
const purchaseMonthsFromPurchases = `SELECT month, client_id, purchases, spend, days, first_day, last_day,
		lag(last_day) OVER (PARTITION BY client_id ORDER BY month)
	FROM (SELECT substr(date, 1, 7) AS month, client_id, count(*) AS purchases, sum(amount) AS spend,
		count(DISTINCT date) AS days, min(date) AS first_day, max(date) AS last_day
	FROM purchases GROUP BY client_id, month)`

// checkPurchaseMonths fails the test when purchase_months differs from
// the purchases, listing the rows either side has alone.
func checkPurchaseMonths(t *testing.T, db *DB, step string) {
	t.Helper()
	const cols = `SELECT month, client_id, purchases, spend, days, first_day, last_day, prior_day FROM purchase_months`
	for _, q := range []struct{ name, sql string }{
		{"stored but wrong", cols + " EXCEPT " + purchaseMonthsFromPurchases},
		{"missing", purchaseMonthsFromPurchases + " EXCEPT " + cols},
	} {
		rows, err := db.w.Query(q.sql)
		if err != nil {
			t.Fatal(err)
		}
		var bad []string
		for rows.Next() {
			var month, first, last string
			var client, n, spend, days int64
			var prior *string
			if err := rows.Scan(&month, &client, &n, &spend, &days, &first, &last, &prior); err != nil {
				t.Fatal(err)
			}
			p := "NULL"
			if prior != nil {
				p = *prior
			}
			bad = append(bad, fmt.Sprintf("%s client %d: %d purchases, %d spent, %d days, %s..%s, prior %s", month, client, n, spend, days, first, last, p))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		if len(bad) > 0 {
			t.Errorf("after %s, purchase_months rows %s:\n%s", step, q.name, strings.Join(bad, "\n"))
		}
	}
}

// TestPurchaseMonths writes purchases the ways the app does (out of date
// order, two a day, zero amounts, edits that move a purchase to another
// month or client, deletes, a merge, a client deleted with its purchases) and
// checks the triggers' summary against the purchases after each.
func TestPurchaseMonths(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	a := mustCreateClient(t, db, &model.Client{Name: "Անի"}).ID
	b := mustCreateClient(t, db, &model.Client{Name: "ნინო"}).ID
	buy := func(id int64, day string, amount model.Money) *model.Purchase {
		return mustCreatePurchase(t, db, &model.Purchase{ClientID: id, Date: d(day), Item: "tea", Amount: amount})
	}
	p1 := buy(a, "2026-05-10", 1000)
	checkPurchaseMonths(t, db, "the first purchase")
	buy(a, "2026-07-02", 500)
	buy(a, "2026-03-31", 200) // before both: every later month's prior visit moves
	p4 := buy(a, "2026-05-10", 0)
	buy(a, "2026-05-20", 300)
	buy(b, "2026-05-01", 700)
	checkPurchaseMonths(t, db, "inserts out of order")

	p1.Date = d("2026-06-15") // from May to June: May keeps 10 May through p4
	p1.Amount = 1100
	if err := db.UpdatePurchase(ctx, p1); err != nil {
		t.Fatal(err)
	}
	checkPurchaseMonths(t, db, "a purchase moved to a later month")
	p4.ClientID = b
	if err := db.UpdatePurchase(ctx, p4); err != nil {
		t.Fatal(err)
	}
	checkPurchaseMonths(t, db, "a purchase moved to another client")
	if err := db.DeletePurchase(ctx, p4.ID); err != nil {
		t.Fatal(err)
	}
	checkPurchaseMonths(t, db, "a delete")
	var months int
	if err := db.w.QueryRow("SELECT count(*) FROM purchase_months WHERE client_id = ?", a).Scan(&months); err != nil {
		t.Fatal(err)
	}
	if months != 4 {
		t.Errorf("client a has %d months, want 4 (March, May, June, July)", months)
	}
	c := mustCreateClient(t, db, &model.Client{Name: "Ion"}).ID
	buy(c, "2026-05-15", 400)
	buy(c, "2026-02-01", 100)
	if err := db.MergeClients(ctx, a, c); err != nil {
		t.Fatal(err)
	}
	checkPurchaseMonths(t, db, "a merge of two clients")
	if err := db.DeleteClient(ctx, a); err != nil {
		t.Fatal(err)
	}
	checkPurchaseMonths(t, db, "a client deleted")
	if err := db.w.QueryRow("SELECT count(*) FROM purchase_months WHERE client_id = ?", a).Scan(&months); err != nil {
		t.Fatal(err)
	}
	if months != 0 {
		t.Errorf("a deleted client keeps %d months", months)
	}
}

// TestPurchaseMonthsSample checks the summary after the sample book's
// bulk insert, which writes purchases before their client.
func TestPurchaseMonthsSample(t *testing.T) {
	db := mustOpen(t)
	db.clock = func() time.Time { return fixedNow }
	if _, err := db.InsertRecords(context.Background(), model.SampleRecords(300, 7, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
	checkPurchaseMonths(t, db, "the sample book")
}

// TestMigratePurchaseMonths opens a book written before the summary and
// checks the migration filled it from the purchases already there.
func TestMigratePurchaseMonths(t *testing.T) {
	at := -1
	for i, m := range migrations {
		if strings.Contains(m.sql, "CREATE TABLE purchase_months") {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no migration creates purchase_months")
	}
	path := filepath.Join(t.TempDir(), "old.db")
	stmts := []string{}
	for _, m := range migrations[:at] {
		stmts = append(stmts, m.sql)
	}
	stmts = append(stmts, "PRAGMA user_version = "+strconv.Itoa(at),
		`INSERT INTO clients (id, name, sort_key, created_at, updated_at) VALUES
			(1, 'Ana', x'01', '2026-01-15T10:00:00.000Z', '2026-01-15T10:00:00.000Z'),
			(2, 'Ion', x'02', '2026-01-16T10:00:00.000Z', '2026-01-16T10:00:00.000Z')`,
		`INSERT INTO purchases (client_id, date, item, amount) VALUES
			(1, '2026-11-01', 'coat', 5000), (1, '2026-11-01', 'hat', 0), (1, '2026-09-30', 'scarf', 900),
			(1, '2026-11-20', 'gloves', 1200), (2, '2026-02-03', 'boots', 7000)`)
	rawExec(t, path, "_foreign_keys=on", stmts...)

	db := mustOpenPath(t, path)
	checkPurchaseMonths(t, db, "the migration")
	var n int
	if err := db.w.QueryRow("SELECT count(*) FROM purchase_months").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("%d months, want 3", n)
	}
}

// TestInsightsByMonthsMatchesPurchases computes the per-client figures of
// whole-month periods both ways, from purchase_months and from the
// purchases, on a random book, and wants the same figures.
func TestInsightsByMonthsMatchesPurchases(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(17, 17))
	start := d("2024-01-01")
	for i := range 80 {
		id := mustCreateClient(t, db, &model.Client{Name: "Client " + strconv.Itoa(i)}).ID
		for range r.IntN(12) {
			day := start.AddDate(0, 0, r.IntN(3*365))
			if day.After(fixedNow) {
				continue
			}
			amount := model.Money(r.IntN(5) * 250) // some zero
			mustCreatePurchase(t, db, &model.Purchase{ClientID: id, Date: day, Item: "tea", Amount: amount})
		}
		if r.IntN(10) == 0 {
			if err := db.MarkLost(ctx, id, model.Lost{Reason: model.LostCompetitor, On: fixedNow}); err != nil {
				t.Fatal(err)
			}
		}
	}
	periods := []model.Period{model.MonthOf(d("2025-03-01")), model.MonthOf(d("2026-01-31")),
		model.QuarterOf(d("2025-08-10")), model.YearOf(d("2025-06-01")), model.MonthOf(d("2023-06-01"))}
	for _, p := range periods {
		t.Run(p.String(), func(t *testing.T) {
			tx, err := db.beginRead(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			var byMonths, byPurchases model.Figures
			if err := clientFiguresByMonths(ctx, tx, p, &byMonths); err != nil {
				t.Fatal(err)
			}
			ladder := func() (map[int64]model.Stage, error) { return ladderStages(ctx, tx) }
			if err := clientFiguresByPurchases(ctx, tx, p, &byPurchases, ladder); err != nil {
				t.Fatal(err)
			}
			if byMonths.Retention != byPurchases.Retention {
				t.Errorf("retention\nby months    %+v\nby purchases %+v", byMonths.Retention, byPurchases.Retention)
			}
			if byMonths.Revenue != byPurchases.Revenue || byMonths.RevenueNew != byPurchases.RevenueNew {
				t.Errorf("revenue %d (new %d) by months, %d (new %d) by purchases",
					byMonths.Revenue, byMonths.RevenueNew, byPurchases.Revenue, byPurchases.RevenueNew)
			}
			if !reflect.DeepEqual(byMonths.ByMonth, byPurchases.ByMonth) {
				t.Errorf("by month\nby months    %+v\nby purchases %+v", byMonths.ByMonth, byPurchases.ByMonth)
			}
			if !reflect.DeepEqual(byMonths.ByRung, byPurchases.ByRung) {
				t.Errorf("by rung\nby months    %+v\nby purchases %+v", byMonths.ByRung, byPurchases.ByRung)
			}
			if !reflect.DeepEqual(byMonths.Top, byPurchases.Top) {
				t.Errorf("top\nby months    %+v\nby purchases %+v", byMonths.Top, byPurchases.Top)
			}
			if p.From.Year() >= 2025 && byMonths.Retention.Buyers == 0 {
				t.Error("no buyers: the book does not test this period")
			}
		})
	}
}
