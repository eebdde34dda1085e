package db

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"clienttracker/model"
)

// mustCreatePurchase stores p and returns it with its ID set.
func mustCreatePurchase(t *testing.T, db *DB, p *model.Purchase) *model.Purchase {
	t.Helper()
	if err := db.CreatePurchase(context.Background(), p); err != nil {
		t.Fatalf("CreatePurchase(%+v): %v", p, err)
	}
	return p
}

// mustListPurchases lists a client's purchases.
func mustListPurchases(t *testing.T, db *DB, clientID int64) []model.Purchase {
	t.Helper()
	ps, err := db.ListPurchases(context.Background(), clientID)
	if err != nil {
		t.Fatalf("ListPurchases(%d): %v", clientID, err)
	}
	return ps
}

// wantSummary fails unless the stored aggregates of client id are what its
// purchases add up to, and equal want.
func wantSummary(t *testing.T, db *DB, id int64, want model.PurchaseSummary) {
	t.Helper()
	got := mustGetClient(t, db, id).Summary
	computed := model.ComputeStats(mustListPurchases(t, db, id), fixedNow).PurchaseSummary
	if got != computed {
		t.Errorf("client %d: stored summary %+v, purchases add up to %+v", id, got, computed)
	}
	if got != want {
		t.Errorf("client %d: summary %+v, want %+v", id, got, want)
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestCreatePurchase(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		wantSummary(t, db, c.ID, model.PurchaseSummary{})
		p := mustCreatePurchase(t, db, &model.Purchase{
			ClientID: c.ID, Date: time.Date(2026, 5, 3, 23, 59, 0, 0, time.UTC), Item: " Winter boots ",
			Category: "Shoes", Amount: 45000, Unpaid: 15000, DueDate: date(2026, 6, 1), Note: "in 2 rate",
		})
		if p.ID == 0 {
			t.Fatal("ID not set")
		}
		mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: date(2026, 1, 10), Item: "Scarf", Amount: 5000})
		mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: date(2026, 8, 10), Item: "Hat", Amount: 0})
		wantSummary(t, db, c.ID, model.PurchaseSummary{
			Count: 3, Total: 50000, Owed: 15000, First: date(2026, 1, 10), Last: date(2026, 8, 10)})

		got := mustListPurchases(t, db, c.ID)[1]
		want := model.Purchase{ID: p.ID, ClientID: c.ID, Date: date(2026, 5, 3), Item: "Winter boots",
			Category: "Shoes", Amount: 45000, Unpaid: 15000, DueDate: date(2026, 6, 1), Note: "in 2 rate"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("stored %+v, want %+v", got, want)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		err := db.CreatePurchase(ctx, &model.Purchase{ClientID: 5, Date: fixedNow, Item: "Hat", Amount: 100})
		if !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("CreatePurchase: %v, want ErrNotFound", err)
		}
	})

	t.Run("ErrInvalidSavesNothing", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: fixedNow, Item: "Hat", Amount: 100})
		max := model.MoneyFormatForLocale("ro-RO").Max()
		for _, tt := range []struct {
			field string
			p     model.Purchase
		}{
			{model.FieldAmount, model.Purchase{Date: fixedNow, Item: "Car", Amount: max + 1}},
			{model.FieldAmount, model.Purchase{Date: fixedNow, Item: "Refund", Amount: -100}},
			{model.FieldUnpaid, model.Purchase{Date: fixedNow, Item: "Hat", Amount: 100, Unpaid: 101}},
			{model.FieldDate, model.Purchase{Date: fixedNow.AddDate(0, 0, 1), Item: "Hat", Amount: 100}},
			{model.FieldItem, model.Purchase{Date: fixedNow, Item: "  ", Amount: 100}},
		} {
			p := tt.p
			p.ClientID = c.ID
			wantValidation(t, db.CreatePurchase(ctx, &p), tt.field)
		}
		wantSummary(t, db, c.ID, model.PurchaseSummary{Count: 1, Total: 100, First: model.Day(fixedNow), Last: model.Day(fixedNow)})
		if n := rowCount(t, db, "purchases", "1"); n != 1 {
			t.Errorf("%d purchases stored, want 1", n)
		}
	})
}

func TestUpdatePurchase(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		ana := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		ion := mustCreateClient(t, db, &model.Client{Name: "Ion"})
		first := mustCreatePurchase(t, db, &model.Purchase{ClientID: ana.ID, Date: date(2026, 1, 1), Item: "A", Amount: 100, Unpaid: 50})
		mustCreatePurchase(t, db, &model.Purchase{ClientID: ana.ID, Date: date(2026, 3, 1), Item: "B", Amount: 200})

		// Moving the first purchase later changes First and Last.
		first.Date, first.Amount, first.Unpaid = date(2026, 4, 1), 300, 0
		if err := db.UpdatePurchase(ctx, first); err != nil {
			t.Fatal(err)
		}
		wantSummary(t, db, ana.ID, model.PurchaseSummary{Count: 2, Total: 500, First: date(2026, 3, 1), Last: date(2026, 4, 1)})

		// A zero ClientID keeps the client.
		first.ClientID = 0
		first.Item = "A2"
		if err := db.UpdatePurchase(ctx, first); err != nil {
			t.Fatal(err)
		}
		if first.ClientID != ana.ID {
			t.Errorf("ClientID = %d after update, want %d", first.ClientID, ana.ID)
		}

		// Moving it to another client updates both.
		first.ClientID = ion.ID
		if err := db.UpdatePurchase(ctx, first); err != nil {
			t.Fatal(err)
		}
		wantSummary(t, db, ana.ID, model.PurchaseSummary{Count: 1, Total: 200, First: date(2026, 3, 1), Last: date(2026, 3, 1)})
		wantSummary(t, db, ion.ID, model.PurchaseSummary{Count: 1, Total: 300, First: date(2026, 4, 1), Last: date(2026, 4, 1)})
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: fixedNow, Item: "Hat", Amount: 100})
		missing := *p
		missing.ID = p.ID + 1
		if err := db.UpdatePurchase(ctx, &missing); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("UpdatePurchase(missing purchase): %v, want ErrNotFound", err)
		}
		moved := *p
		moved.ClientID = c.ID + 1
		if err := db.UpdatePurchase(ctx, &moved); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("UpdatePurchase(missing client): %v, want ErrNotFound", err)
		}
	})

	t.Run("ErrInvalidLeavesPurchase", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		p := mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: fixedNow, Item: "Hat", Amount: 100})
		bad := *p
		bad.Unpaid = 500
		wantValidation(t, db.UpdatePurchase(ctx, &bad), model.FieldUnpaid)
		if got := mustListPurchases(t, db, c.ID); len(got) != 1 || got[0].Unpaid != 0 {
			t.Errorf("stored purchases changed: %+v", got)
		}
	})
}

func TestDeletePurchase(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		a := mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: date(2026, 1, 1), Item: "A", Amount: 100, Unpaid: 40})
		b := mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: date(2026, 2, 1), Item: "B", Amount: 200})
		if err := db.DeletePurchase(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		wantSummary(t, db, c.ID, model.PurchaseSummary{Count: 1, Total: 100, Owed: 40, First: date(2026, 1, 1), Last: date(2026, 1, 1)})
		if err := db.DeletePurchase(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		wantSummary(t, db, c.ID, model.PurchaseSummary{})
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		if err := db.DeletePurchase(ctx, 3); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("DeletePurchase: %v, want ErrNotFound", err)
		}
	})
}

func TestListPurchases(t *testing.T) {
	t.Run("NewestFirst", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		for _, p := range []model.Purchase{
			{Date: date(2026, 2, 1), Item: "feb"},
			{Date: date(2026, 3, 1), Item: "mar-1"},
			{Date: date(2025, 12, 24), Item: "dec"},
			{Date: date(2026, 3, 1), Item: "mar-2"},
		} {
			p.ClientID = c.ID
			mustCreatePurchase(t, db, &p)
		}
		var items []string
		for _, p := range mustListPurchases(t, db, c.ID) {
			items = append(items, p.Item)
		}
		if want := []string{"mar-2", "mar-1", "feb", "dec"}; !reflect.DeepEqual(items, want) {
			t.Errorf("items %q, want %q", items, want)
		}
	})

	t.Run("Empty", func(t *testing.T) {
		db := mustOpen(t)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		if ps := mustListPurchases(t, db, c.ID); ps == nil || len(ps) != 0 {
			t.Errorf("ListPurchases = %#v, want an empty slice", ps)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := mustOpen(t)
		if _, err := db.ListPurchases(context.Background(), 9); !errors.Is(err, model.ErrNotFound) {
			t.Fatalf("ListPurchases: %v, want ErrNotFound", err)
		}
	})
}

// The CHECK constraints catch what validation would: a write that skips
// the model comes back as ErrConflict, still wrapping the SQLite error.
func TestConstraintsAreConflicts(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
	for name, stmt := range map[string]string{
		"NegativeAmount": "INSERT INTO purchases (client_id, date, item, amount) VALUES (?, '2026-01-01', 'x', -1)",
		"UnpaidTooLarge": "INSERT INTO purchases (client_id, date, item, amount, unpaid) VALUES (?, '2026-01-01', 'x', 1, 2)",
		"BadDate":        "INSERT INTO purchases (client_id, date, item, amount) VALUES (?, '1.1.2026', 'x', 1)",
		"BlankName":      "UPDATE clients SET name = '  ' WHERE id = ?",
		"BadAttitude":    "INSERT INTO preferences (client_id, attitude, category, value) VALUES (?, 'loves', 'other', 'x')",
		"NoClient":       "INSERT INTO purchases (client_id, date, item, amount) VALUES (? + 100, '2026-01-01', 'x', 1)",
	} {
		t.Run(name, func(t *testing.T) {
			tx, err := db.beginWrite(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			_, err = tx.ExecContext(ctx, stmt, c.ID)
			err = storeErr("test", err)
			var se sqlite3.Error
			if !errors.Is(err, model.ErrConflict) || !errors.As(err, &se) {
				t.Errorf("error %v, want ErrConflict wrapping a sqlite3.Error", err)
			}
		})
	}
}
