package db

import (
	"context"
	"database/sql"
	"fmt"

	"clienttracker/model"
)

// CreatePurchase normalizes and validates p (no future date, no amount
// above the money format's maximum), stores it for client p.ClientID and
// sets p.ID; the client's purchase summary, stage and next due day follow.
// It returns a *model.ValidationError for invalid input,
// model.ErrNotFound if there is no such client, and wrapped SQLite errors
// otherwise.
func (db *DB) CreatePurchase(ctx context.Context, p *model.Purchase) error {
	p.Normalize()
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("create purchase", err)
	}
	defer tx.Rollback()
	s, err := pinSettings(ctx, tx, db.locale)
	if err != nil {
		return storeErr("create purchase", err)
	}
	if err := p.Validate(db.now(), s.Money.Max()); err != nil {
		return err
	}
	if err := mustExist(ctx, tx, "clients", p.ClientID); err != nil {
		return storeErr("create purchase", err)
	}
	res, err := tx.ExecContext(ctx, sqlInsertPurchase, purchaseArgs(p)...)
	if err != nil {
		return storeErr("create purchase", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return storeErr("create purchase", err)
	}
	if err := db.refreshClient(ctx, tx, p.ClientID, db.now()); err != nil {
		return storeErr("create purchase", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("create purchase", err)
	}
	p.ID = id
	return nil
}

// UpdatePurchase normalizes, validates and stores p over the purchase with
// its ID. A zero p.ClientID keeps the purchase's client (and is set from
// the store); another moves it, and both clients' summaries follow. It
// returns a *model.ValidationError for invalid input, model.ErrNotFound if
// there is no such purchase or client, and wrapped SQLite errors otherwise.
func (db *DB) UpdatePurchase(ctx context.Context, p *model.Purchase) error {
	p.Normalize()
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("update purchase", err)
	}
	defer tx.Rollback()
	s, err := pinSettings(ctx, tx, db.locale)
	if err != nil {
		return storeErr("update purchase", err)
	}
	if err := p.Validate(db.now(), s.Money.Max()); err != nil {
		return err
	}
	var oldClient int64
	if err := tx.QueryRowContext(ctx, "SELECT client_id FROM purchases WHERE id = ?", p.ID).Scan(&oldClient); err != nil {
		return storeErr("update purchase", err)
	}
	if p.ClientID != 0 {
		if err := mustExist(ctx, tx, "clients", p.ClientID); err != nil {
			return storeErr("update purchase", err)
		}
	}
	var clientID int64
	err = tx.QueryRowContext(ctx, `UPDATE purchases SET client_id = coalesce(?, client_id),
		date = ?, item = ?, category = ?, amount = ?, unpaid = ?, due_date = ?, note = ?, discount = ?
		WHERE id = ? RETURNING client_id`,
		append(purchaseArgs(p), p.ID)...).Scan(&clientID)
	if err != nil {
		return storeErr("update purchase", err)
	}
	if err := db.refreshClients(ctx, tx, db.now(), oldClient, clientID); err != nil {
		return storeErr("update purchase", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("update purchase", err)
	}
	p.ClientID = clientID
	return nil
}

// DeletePurchase deletes a purchase; the client's summary follows. It
// returns model.ErrNotFound if there is no such purchase, and wrapped
// SQLite errors otherwise.
func (db *DB) DeletePurchase(ctx context.Context, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("delete purchase", err)
	}
	defer tx.Rollback()
	var clientID int64
	if err := tx.QueryRowContext(ctx, "DELETE FROM purchases WHERE id = ? RETURNING client_id", id).Scan(&clientID); err != nil {
		return storeErr("delete purchase", err)
	}
	if err := db.refreshClient(ctx, tx, clientID, db.now()); err != nil {
		return storeErr("delete purchase", err)
	}
	return storeErr("delete purchase", tx.Commit())
}

// ListPurchases returns a client's purchases, newest first. It returns
// model.ErrNotFound if there is no such client, and wrapped SQLite errors
// otherwise.
func (db *DB) ListPurchases(ctx context.Context, clientID int64) ([]model.Purchase, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("list purchases", err)
	}
	defer tx.Rollback()
	ps, err := listPurchases(ctx, tx, clientID)
	if err != nil {
		return nil, storeErr("list purchases", err)
	}
	if len(ps) == 0 {
		if err := mustExist(ctx, tx, "clients", clientID); err != nil {
			return nil, storeErr("list purchases", err)
		}
	}
	return ps, storeErr("list purchases", tx.Commit())
}

// purchaseColumns are the columns purchaseArgs fills, in order.
const purchaseColumns = "purchases (client_id, date, item, category, amount, unpaid, due_date, note, discount)"

var sqlInsertPurchase = "INSERT INTO " + purchaseColumns + " VALUES " + placeholders(9)

// purchaseArgs are the values of sqlInsertPurchase, in order; the client is
// NULL when zero, for UpdatePurchase's coalesce.
func purchaseArgs(p *model.Purchase) []any {
	return []any{nullInt(p.ClientID), model.FormatDate(p.Date), p.Item, p.Category,
		int64(p.Amount), int64(p.Unpaid), nullDate(p.DueDate), p.Note, p.Discount}
}

// listPurchases returns a client's purchases, newest first; the index on
// (client_id, date) reads them in that order.
func listPurchases(ctx context.Context, tx *sql.Tx, clientID int64) ([]model.Purchase, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, client_id, date, item, category, amount, unpaid, due_date, note, discount
		FROM purchases WHERE client_id = ? ORDER BY date DESC, id DESC`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ps := []model.Purchase{}
	for rows.Next() {
		var p model.Purchase
		var date string
		var due sql.NullString
		if err := rows.Scan(&p.ID, &p.ClientID, &date, &p.Item, &p.Category, &p.Amount, &p.Unpaid, &due, &p.Note, &p.Discount); err != nil {
			return nil, err
		}
		if p.Date, err = model.ParseDate(date); err != nil {
			return nil, fmt.Errorf("purchase %d: %w", p.ID, err)
		}
		if p.DueDate, err = model.ParseDate(due.String); err != nil {
			return nil, fmt.Errorf("purchase %d: %w", p.ID, err)
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}
