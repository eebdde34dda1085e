package db

import (
	"context"
	"database/sql"
	"fmt"

	"clienttracker/model"
)

// Fixing mistakes on the check-ins: every action the owner can take back
// (Edit › Undo) or correct from a client's timeline is one method and one
// transaction here, so that an undo never half happens.

// UpdateInteraction normalizes, validates and stores i over the logged
// contact with its ID: when it happened, the channel, the summary and the
// feedback. The client and the promise the contact kept stay as stored
// (and are set in i from the store). The client's schedule follows the
// new time. It returns a *model.ValidationError for invalid input (a
// contact in the future among others), model.ErrNotFound if there is no
// such contact, and wrapped SQLite errors otherwise.
func (db *DB) UpdateInteraction(ctx context.Context, i *model.Interaction) error {
	now := db.now()
	i.Normalize()
	i.At = timestamp(i.At)
	if err := i.Validate(now); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("update interaction", err)
	}
	defer tx.Rollback()
	var promise sql.NullInt64
	err = tx.QueryRowContext(ctx, `UPDATE interactions SET at = ?, channel = ?, summary = ?, feedback = ?, feedback_text = ?
		WHERE id = ? RETURNING client_id, promise_id`,
		formatTimestamp(i.At), string(i.Channel), i.Summary, string(i.Feedback), i.FeedbackText, i.ID).Scan(&i.ClientID, &promise)
	if err != nil {
		return storeErr("update interaction", err)
	}
	i.PromiseID = promise.Int64
	if err := db.refreshClient(ctx, tx, i.ClientID, now); err != nil {
		return storeErr("update interaction", err)
	}
	return storeErr("update interaction", tx.Commit())
}

// UndoLogContact takes back a LogContact: it deletes the contact and, when
// promiseID is not 0, the promise made with it, in one transaction; the
// client's schedule goes back to what the rest of their record says. It
// returns model.ErrNotFound if there is no such contact, or the promise is
// not the same client's, and wrapped SQLite errors otherwise.
func (db *DB) UndoLogContact(ctx context.Context, contactID, promiseID int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("undo contact", err)
	}
	defer tx.Rollback()
	var clientID int64
	if err := tx.QueryRowContext(ctx, "DELETE FROM interactions WHERE id = ? RETURNING client_id", contactID).Scan(&clientID); err != nil {
		return storeErr("undo contact", err)
	}
	if promiseID != 0 {
		res, err := tx.ExecContext(ctx, "DELETE FROM promises WHERE id = ? AND client_id = ?", promiseID, clientID)
		if err := affectedOne(res, err); err != nil {
			return storeErr("undo contact", err)
		}
	}
	if err := db.refreshClient(ctx, tx, clientID, db.now()); err != nil {
		return storeErr("undo contact", err)
	}
	return storeErr("undo contact", tx.Commit())
}

// UndoKeepPromise takes back a KeepPromise: the promise the contact kept
// is open again and the contact is deleted, in one transaction. It
// returns model.ErrNotFound if there is no such contact, model.ErrConflict
// if it kept no promise (or that promise is no longer kept), and wrapped
// SQLite errors otherwise.
func (db *DB) UndoKeepPromise(ctx context.Context, contactID int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("undo kept promise", err)
	}
	defer tx.Rollback()
	var clientID int64
	var promise sql.NullInt64
	if err := tx.QueryRowContext(ctx, "DELETE FROM interactions WHERE id = ? RETURNING client_id, promise_id",
		contactID).Scan(&clientID, &promise); err != nil {
		return storeErr("undo kept promise", err)
	}
	if !promise.Valid {
		return fmt.Errorf("undo kept promise: contact %d kept no promise: %w", contactID, model.ErrConflict)
	}
	res, err := tx.ExecContext(ctx, "UPDATE promises SET status = 'open', kept_on = NULL WHERE id = ? AND status = 'kept'", promise.Int64)
	if err := affectedOne(res, err); err != nil {
		if err == sql.ErrNoRows {
			return fmt.Errorf("undo kept promise: promise %d is not kept: %w", promise.Int64, model.ErrConflict)
		}
		return storeErr("undo kept promise", err)
	}
	if err := db.refreshClient(ctx, tx, clientID, db.now()); err != nil {
		return storeErr("undo kept promise", err)
	}
	return storeErr("undo kept promise", tx.Commit())
}

// DeletePromise deletes a promise and returns it as it was, with the
// contacts that kept it (they stay, no longer linked to it), for
// RestorePromise. The client's schedule drops it. It returns
// model.ErrNotFound if there is no such promise, and wrapped SQLite errors
// otherwise.
func (db *DB) DeletePromise(ctx context.Context, id int64) (model.DeletedPromise, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return model.DeletedPromise{}, storeErr("delete promise", err)
	}
	defer tx.Rollback()
	p, err := scanPromise(tx.QueryRowContext(ctx, "SELECT "+promiseColumns+" FROM promises WHERE id = ?", id))
	if err != nil {
		return model.DeletedPromise{}, storeErr("delete promise", err)
	}
	d := model.DeletedPromise{Promise: p}
	err = queryEach(ctx, tx, "SELECT id FROM interactions WHERE promise_id = ? ORDER BY id", []any{id}, func(rows *sql.Rows) error {
		var k int64
		d.KeptBy = append(d.KeptBy, k)
		return rows.Scan(&d.KeptBy[len(d.KeptBy)-1])
	})
	if err != nil {
		return model.DeletedPromise{}, storeErr("delete promise", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM promises WHERE id = ?", id); err != nil {
		return model.DeletedPromise{}, storeErr("delete promise", err)
	}
	if err := db.refreshClient(ctx, tx, p.ClientID, db.now()); err != nil {
		return model.DeletedPromise{}, storeErr("delete promise", err)
	}
	return d, storeErr("delete promise", tx.Commit())
}

// RestorePromise puts back a promise DeletePromise deleted, with its id,
// and links it again to those of the contacts that kept it which are
// still there. It returns model.ErrNotFound if its client is gone,
// model.ErrConflict if its id has been taken since, and wrapped SQLite
// errors otherwise.
func (db *DB) RestorePromise(ctx context.Context, d model.DeletedPromise) error {
	p := d.Promise
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("restore promise", err)
	}
	defer tx.Rollback()
	if err := mustExist(ctx, tx, "clients", p.ClientID); err != nil {
		return storeErr("restore promise", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO promises (id, client_id, what, made_on, due_by, status, kept_on)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, append([]any{p.ID}, promiseArgs(&p)...)...); err != nil {
		return storeErr("restore promise", err)
	}
	for _, k := range d.KeptBy {
		if _, err := tx.ExecContext(ctx, "UPDATE interactions SET promise_id = ? WHERE id = ? AND client_id = ? AND promise_id IS NULL",
			p.ID, k, p.ClientID); err != nil {
			return storeErr("restore promise", err)
		}
	}
	if err := db.refreshClient(ctx, tx, p.ClientID, db.now()); err != nil {
		return storeErr("restore promise", err)
	}
	return storeErr("restore promise", tx.Commit())
}

// DeleteComplaint deletes a complaint and returns it as it was, for
// RestoreComplaint; the client's schedule drops it. It returns
// model.ErrNotFound if there is no such complaint, and wrapped SQLite
// errors otherwise.
func (db *DB) DeleteComplaint(ctx context.Context, id int64) (model.Complaint, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return model.Complaint{}, storeErr("delete complaint", err)
	}
	defer tx.Rollback()
	c, err := scanComplaint(tx.QueryRowContext(ctx, "DELETE FROM complaints WHERE id = ? RETURNING "+complaintColumns, id))
	if err != nil {
		return model.Complaint{}, storeErr("delete complaint", err)
	}
	if err := db.refreshClient(ctx, tx, c.ClientID, db.now()); err != nil {
		return model.Complaint{}, storeErr("delete complaint", err)
	}
	return c, storeErr("delete complaint", tx.Commit())
}

// RestoreComplaint puts back a complaint DeleteComplaint deleted, with its
// id. It returns model.ErrNotFound if its client is gone,
// model.ErrConflict if its id has been taken since, and wrapped SQLite
// errors otherwise.
func (db *DB) RestoreComplaint(ctx context.Context, c model.Complaint) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("restore complaint", err)
	}
	defer tx.Rollback()
	if err := mustExist(ctx, tx, "clients", c.ClientID); err != nil {
		return storeErr("restore complaint", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO complaints
		(id, client_id, opened_on, what, options, apologised, status, resolution, resolved_on)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, append([]any{c.ID}, complaintArgs(&c)...)...); err != nil {
		return storeErr("restore complaint", err)
	}
	if err := db.refreshClient(ctx, tx, c.ClientID, db.now()); err != nil {
		return storeErr("restore complaint", err)
	}
	return storeErr("restore complaint", tx.Commit())
}
