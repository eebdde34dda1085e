package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"clienttracker/model"
)

// CreateComplaint normalizes and validates c (an empty status is open)
// and stores it for client c.ClientID, whose schedule then puts them first
// until it is resolved; it sets c.ID. It returns a *model.ValidationError
// for invalid input, model.ErrNotFound if there is no such client, and
// wrapped SQLite errors otherwise.
func (db *DB) CreateComplaint(ctx context.Context, c *model.Complaint) error {
	now := db.now()
	c.Normalize()
	if err := c.Validate(now); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("create complaint", err)
	}
	defer tx.Rollback()
	if err := mustExist(ctx, tx, "clients", c.ClientID); err != nil {
		return storeErr("create complaint", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO complaints
		(client_id, opened_on, what, options, apologised, status, resolution, resolved_on)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, complaintArgs(c)...)
	if err != nil {
		return storeErr("create complaint", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return storeErr("create complaint", err)
	}
	if err := db.refreshClient(ctx, tx, c.ClientID, now); err != nil {
		return storeErr("create complaint", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("create complaint", err)
	}
	c.ID = id
	return nil
}

// UpdateComplaint normalizes, validates and stores c over the complaint
// with its ID (an empty status is open). A zero c.ClientID keeps the
// complaint's client (and is set from the store); another moves it. It
// returns a *model.ValidationError for invalid input, model.ErrNotFound if
// there is no such complaint or client, and wrapped SQLite errors
// otherwise.
func (db *DB) UpdateComplaint(ctx context.Context, c *model.Complaint) error {
	now := db.now()
	c.Normalize()
	if err := c.Validate(now); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("update complaint", err)
	}
	defer tx.Rollback()
	var oldClient int64
	if err := tx.QueryRowContext(ctx, "SELECT client_id FROM complaints WHERE id = ?", c.ID).Scan(&oldClient); err != nil {
		return storeErr("update complaint", err)
	}
	if c.ClientID != 0 {
		if err := mustExist(ctx, tx, "clients", c.ClientID); err != nil {
			return storeErr("update complaint", err)
		}
	}
	var clientID int64
	err = tx.QueryRowContext(ctx, `UPDATE complaints SET client_id = coalesce(?, client_id),
		opened_on = ?, what = ?, options = ?, apologised = ?, status = ?, resolution = ?, resolved_on = ?
		WHERE id = ? RETURNING client_id`, append(complaintArgs(c), c.ID)...).Scan(&clientID)
	if err != nil {
		return storeErr("update complaint", err)
	}
	if err := db.refreshClients(ctx, tx, now, oldClient, clientID); err != nil {
		return storeErr("update complaint", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("update complaint", err)
	}
	c.ClientID = clientID
	return nil
}

// ListComplaints returns a client's complaints: open ones first, then
// newest first. It returns model.ErrNotFound if there is no such client,
// and wrapped SQLite errors otherwise.
func (db *DB) ListComplaints(ctx context.Context, clientID int64) ([]model.Complaint, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("list complaints", err)
	}
	defer tx.Rollback()
	cs, err := queryComplaints(ctx, tx, `WHERE client_id = ? ORDER BY status <> 'open', opened_on DESC, id DESC`, clientID)
	if err != nil {
		return nil, storeErr("list complaints", err)
	}
	if len(cs) == 0 {
		if err := mustExist(ctx, tx, "clients", clientID); err != nil {
			return nil, storeErr("list complaints", err)
		}
	}
	return cs, storeErr("list complaints", tx.Commit())
}

// complaintArgs are the values of client_id, opened_on, what, options,
// apologised, status, resolution and resolved_on, in order; the client is
// NULL when zero, for UpdateComplaint's coalesce.
func complaintArgs(c *model.Complaint) []any {
	options := c.Options
	if options == nil {
		options = []string{}
	}
	b, err := json.Marshal(options)
	if err != nil {
		panic(err) // strings always marshal
	}
	return []any{nullInt(c.ClientID), model.FormatDate(c.OpenedOn), c.What, string(b), c.Apologised,
		string(c.Status), c.Resolution, nullDate(c.ResolvedOn)}
}

// complaintColumns are what scanComplaint reads.
const complaintColumns = "id, client_id, opened_on, what, options, apologised, status, resolution, resolved_on"

// queryComplaints returns the complaints selected by the rest of a query
// (WHERE …, ORDER BY …) over complaints.
func queryComplaints(ctx context.Context, tx *sql.Tx, rest string, args ...any) ([]model.Complaint, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+complaintColumns+" FROM complaints "+rest, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cs := []model.Complaint{}
	for rows.Next() {
		c, err := scanComplaint(rows)
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// scanComplaint reads complaintColumns.
func scanComplaint(s scanner) (model.Complaint, error) {
	var c model.Complaint
	var opened, options, status string
	var resolved sql.NullString
	if err := s.Scan(&c.ID, &c.ClientID, &opened, &c.What, &options, &c.Apologised, &status, &c.Resolution, &resolved); err != nil {
		return c, err
	}
	c.Status = model.ComplaintStatus(status)
	var err error
	if c.OpenedOn, err = model.ParseDate(opened); err != nil {
		return c, fmt.Errorf("complaint %d: %w", c.ID, err)
	}
	if c.ResolvedOn, err = model.ParseDate(resolved.String); err != nil {
		return c, fmt.Errorf("complaint %d: %w", c.ID, err)
	}
	if c.Options, err = jsonStrings([]byte(options)); err != nil {
		return c, fmt.Errorf("complaint %d: options: %w", c.ID, err)
	}
	return c, nil
}
