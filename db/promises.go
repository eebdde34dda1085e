package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"clienttracker/model"
)

// promiseScoreDays is the window of the promise-keeping score.
const promiseScoreDays = 90

// CreatePromise normalizes and validates p (an empty status is open) and
// stores it for client p.ClientID, whose schedule then includes it; it
// sets p.ID. It returns a *model.ValidationError for invalid input,
// model.ErrNotFound if there is no such client, and wrapped SQLite errors
// otherwise.
func (db *DB) CreatePromise(ctx context.Context, p *model.Promise) error {
	now := db.now()
	p.Normalize()
	if err := p.Validate(now); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("create promise", err)
	}
	defer tx.Rollback()
	if err := mustExist(ctx, tx, "clients", p.ClientID); err != nil {
		return storeErr("create promise", err)
	}
	id, err := insertPromise(ctx, tx, p)
	if err != nil {
		return storeErr("create promise", err)
	}
	if err := db.refreshClient(ctx, tx, p.ClientID, now); err != nil {
		return storeErr("create promise", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("create promise", err)
	}
	p.ID = id
	return nil
}

// UpdatePromise normalizes, validates and stores p over the promise with
// its ID (an empty status is open). A zero p.ClientID keeps the promise's
// client (and is set from the store); another moves it. Marking a promise
// kept here logs no contact: KeepPromise does. It returns a
// *model.ValidationError for invalid input, model.ErrNotFound if there is
// no such promise or client, and wrapped SQLite errors otherwise.
func (db *DB) UpdatePromise(ctx context.Context, p *model.Promise) error {
	now := db.now()
	p.Normalize()
	if err := p.Validate(now); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("update promise", err)
	}
	defer tx.Rollback()
	var oldClient int64
	if err := tx.QueryRowContext(ctx, "SELECT client_id FROM promises WHERE id = ?", p.ID).Scan(&oldClient); err != nil {
		return storeErr("update promise", err)
	}
	if p.ClientID != 0 {
		if err := mustExist(ctx, tx, "clients", p.ClientID); err != nil {
			return storeErr("update promise", err)
		}
	}
	var clientID int64
	err = tx.QueryRowContext(ctx, `UPDATE promises SET client_id = coalesce(?, client_id),
		what = ?, made_on = ?, due_by = ?, status = ?, kept_on = ? WHERE id = ? RETURNING client_id`,
		append(promiseArgs(p), p.ID)...).Scan(&clientID)
	if err != nil {
		return storeErr("update promise", err)
	}
	if err := db.refreshClients(ctx, tx, now, oldClient, clientID); err != nil {
		return storeErr("update promise", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("update promise", err)
	}
	p.ClientID = clientID
	return nil
}

// insertPromise stores p and returns its id.
func insertPromise(ctx context.Context, tx *sql.Tx, p *model.Promise) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO promises (client_id, what, made_on, due_by, status, kept_on)
		VALUES (?, ?, ?, ?, ?, ?)`, promiseArgs(p)...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// ListPromises returns a client's promises: open ones first, then by the
// day they are (or were) due. It returns model.ErrNotFound if there is no
// such client, and wrapped SQLite errors otherwise.
func (db *DB) ListPromises(ctx context.Context, clientID int64) ([]model.Promise, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("list promises", err)
	}
	defer tx.Rollback()
	ps, err := queryPromises(ctx, tx, `WHERE client_id = ? ORDER BY status <> 'open', due_by, id`, clientID)
	if err != nil {
		return nil, storeErr("list promises", err)
	}
	if len(ps) == 0 {
		if err := mustExist(ctx, tx, "clients", clientID); err != nil {
			return nil, storeErr("list promises", err)
		}
	}
	return ps, storeErr("list promises", tx.Commit())
}

// PromiseScore returns how many promises fell due in the 90 days up to
// today and how many of those were kept on time (model.PromiseScore), for
// one client or, with clientID 0, the whole shop. It returns
// model.ErrNotFound if there is no such client, and wrapped SQLite errors
// otherwise.
func (db *DB) PromiseScore(ctx context.Context, clientID int64, today time.Time) (keptOnTime, due int, err error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return 0, 0, storeErr("promise score", err)
	}
	defer tx.Rollback()
	if clientID != 0 {
		if err := mustExist(ctx, tx, "clients", clientID); err != nil {
			return 0, 0, storeErr("promise score", err)
		}
	}
	if keptOnTime, due, err = countPromiseScore(ctx, tx, clientID, today, promiseScoreDays); err != nil {
		return 0, 0, storeErr("promise score", err)
	}
	return keptOnTime, due, storeErr("promise score", tx.Commit())
}

// promiseArgs are the values of client_id, what, made_on, due_by, status
// and kept_on, in order; the client is NULL when zero, for UpdatePromise's
// coalesce.
func promiseArgs(p *model.Promise) []any {
	return []any{nullInt(p.ClientID), p.What, model.FormatDate(p.MadeOn), model.FormatDate(p.DueBy),
		string(p.Status), nullDate(p.KeptOn)}
}

// promiseColumns are what scanPromise reads.
const promiseColumns = "id, client_id, what, made_on, due_by, status, kept_on"

// queryPromises returns the promises selected by the rest of a query
// (WHERE …, ORDER BY …) over promises.
func queryPromises(ctx context.Context, tx *sql.Tx, rest string, args ...any) ([]model.Promise, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+promiseColumns+" FROM promises "+rest, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ps := []model.Promise{}
	for rows.Next() {
		p, err := scanPromise(rows)
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// scanPromise reads promiseColumns.
func scanPromise(s scanner) (model.Promise, error) {
	var p model.Promise
	var made, due, status string
	var kept sql.NullString
	if err := s.Scan(&p.ID, &p.ClientID, &p.What, &made, &due, &status, &kept); err != nil {
		return p, err
	}
	p.Status = model.PromiseStatus(status)
	var errs [3]error
	p.MadeOn, errs[0] = model.ParseDate(made)
	p.DueBy, errs[1] = model.ParseDate(due)
	p.KeptOn, errs[2] = model.ParseDate(kept.String)
	for _, err := range errs {
		if err != nil {
			return p, fmt.Errorf("promise %d: %w", p.ID, err)
		}
	}
	return p, nil
}
