package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"clienttracker/model"
)

// LogContact normalizes and validates i (a zero i.At means now) and stores
// it in the contact log of client i.ClientID, then moves the client's
// schedule on: any logged contact resets their check-in clock. A non-nil
// promise is an update promised during the contact: it is stored for the
// same client in the same transaction (an empty MadeOn is the day of the
// contact, an empty DueBy model.DefaultPromiseDue of it), so both are
// saved or neither. It sets i.ID and i.At as stored (UTC, to the
// millisecond) and promise.ID. It returns a *model.ValidationError for
// invalid input (of either), model.ErrNotFound if there is no such client
// (or i.PromiseID names no promise of theirs), and wrapped SQLite errors
// otherwise.
func (db *DB) LogContact(ctx context.Context, i *model.Interaction, promise *model.Promise) error {
	now := db.now()
	if i.At.IsZero() {
		i.At = now
	}
	var perr error
	if promise != nil {
		promise.ClientID = i.ClientID
		if promise.MadeOn.IsZero() {
			promise.MadeOn = model.Day(i.At)
		}
		if promise.DueBy.IsZero() {
			promise.DueBy = model.DefaultPromiseDue(promise.MadeOn)
		}
		promise.Normalize()
		perr = promise.Validate(now)
	}
	i.Normalize()
	i.At = timestamp(i.At)
	if err := joinValidation(i.Validate(now), perr); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("log contact", err)
	}
	defer tx.Rollback()
	if err := mustExist(ctx, tx, "clients", i.ClientID); err != nil {
		return storeErr("log contact", err)
	}
	if i.PromiseID != 0 {
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM promises WHERE id = ? AND client_id = ?", i.PromiseID, i.ClientID).Scan(&one)
		if err != nil {
			return storeErr("log contact", err)
		}
	}
	id, err := insertInteraction(ctx, tx, i)
	if err != nil {
		return storeErr("log contact", err)
	}
	var promiseID int64
	if promise != nil {
		if promiseID, err = insertPromise(ctx, tx, promise); err != nil {
			return storeErr("log contact", err)
		}
	}
	if err := db.refreshClient(ctx, tx, i.ClientID, now); err != nil {
		return storeErr("log contact", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("log contact", err)
	}
	i.ID = id
	if promise != nil {
		promise.ID = promiseID
	}
	return nil
}

// ListInteractions returns a client's contact log, newest first. It
// returns model.ErrNotFound if there is no such client, and wrapped SQLite
// errors otherwise.
func (db *DB) ListInteractions(ctx context.Context, clientID int64) ([]model.Interaction, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("list interactions", err)
	}
	defer tx.Rollback()
	is, err := listInteractions(ctx, tx, clientID)
	if err != nil {
		return nil, storeErr("list interactions", err)
	}
	if len(is) == 0 {
		if err := mustExist(ctx, tx, "clients", clientID); err != nil {
			return nil, storeErr("list interactions", err)
		}
	}
	return is, storeErr("list interactions", tx.Commit())
}

// DeleteInteraction deletes a logged contact; the client's schedule goes
// back to what the remaining contacts say. A promise the contact kept stays
// kept. It returns model.ErrNotFound if there is no such contact, and
// wrapped SQLite errors otherwise.
func (db *DB) DeleteInteraction(ctx context.Context, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("delete interaction", err)
	}
	defer tx.Rollback()
	var clientID int64
	if err := tx.QueryRowContext(ctx, "DELETE FROM interactions WHERE id = ? RETURNING client_id", id).Scan(&clientID); err != nil {
		return storeErr("delete interaction", err)
	}
	if err := db.refreshClient(ctx, tx, clientID, db.now()); err != nil {
		return storeErr("delete interaction", err)
	}
	return storeErr("delete interaction", tx.Commit())
}

// KeepPromise marks a promise kept and logs contact, the update that kept
// it, in one transaction: the promise is kept on the day of contact.At (a
// zero At means now), and the contact is logged for the promise's client
// with its PromiseID. It sets contact.ID, ClientID, PromiseID and At as
// stored. It returns model.ErrNotFound if there is no such promise,
// model.ErrConflict if the promise is not open, a *model.ValidationError
// for an invalid contact, and wrapped SQLite errors otherwise.
func (db *DB) KeepPromise(ctx context.Context, promiseID int64, contact *model.Interaction) error {
	now := db.now()
	if contact.At.IsZero() {
		contact.At = now
	}
	// The day as the owner sees it, before Normalize moves At to UTC.
	keptOn := model.Day(contact.At)
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("keep promise", err)
	}
	defer tx.Rollback()
	p, err := scanPromise(tx.QueryRowContext(ctx, "SELECT "+promiseColumns+" FROM promises WHERE id = ?", promiseID))
	if err != nil {
		return storeErr("keep promise", err)
	}
	if p.Status != model.PromiseOpen {
		return fmt.Errorf("keep promise: promise %d is %s: %w", promiseID, p.Status, model.ErrConflict)
	}
	contact.ClientID, contact.PromiseID = p.ClientID, promiseID
	contact.Normalize()
	contact.At = timestamp(contact.At)
	// The kept promise must be valid too: not kept before it was made.
	p.Status, p.KeptOn = model.PromiseKept, keptOn
	if err := joinValidation(contact.Validate(now), p.Validate(now)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE promises SET status = ?, kept_on = ? WHERE id = ?",
		string(p.Status), model.FormatDate(p.KeptOn), promiseID); err != nil {
		return storeErr("keep promise", err)
	}
	id, err := insertInteraction(ctx, tx, contact)
	if err != nil {
		return storeErr("keep promise", err)
	}
	if err := db.refreshClient(ctx, tx, p.ClientID, now); err != nil {
		return storeErr("keep promise", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("keep promise", err)
	}
	contact.ID = id
	return nil
}

// insertInteraction stores i and returns its id.
func insertInteraction(ctx context.Context, tx *sql.Tx, i *model.Interaction) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO interactions
		(client_id, at, channel, summary, feedback, feedback_text, promise_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		i.ClientID, formatTimestamp(i.At), string(i.Channel), i.Summary, string(i.Feedback), i.FeedbackText, nullInt(i.PromiseID))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// listInteractions returns a client's contacts newest first, read in order
// from interactions_by_client_at.
func listInteractions(ctx context.Context, tx *sql.Tx, clientID int64) ([]model.Interaction, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, client_id, at, channel, summary, feedback, feedback_text, promise_id
		FROM interactions WHERE client_id = ? ORDER BY at DESC, id DESC`, clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	is := []model.Interaction{}
	for rows.Next() {
		var i model.Interaction
		var at, channel, feedback string
		var promise sql.NullInt64
		if err := rows.Scan(&i.ID, &i.ClientID, &at, &channel, &i.Summary, &feedback, &i.FeedbackText, &promise); err != nil {
			return nil, err
		}
		if i.At, err = parseTimestamp(at); err != nil {
			return nil, fmt.Errorf("interaction %d: %w", i.ID, err)
		}
		i.Channel, i.Feedback, i.PromiseID = model.ContactChannel(channel), model.Feedback(feedback), promise.Int64
		is = append(is, i)
	}
	return is, rows.Err()
}

// formatTimestamp writes an instant as stored: RFC 3339 in UTC with
// milliseconds, fixed width so that it sorts as text.
func formatTimestamp(t time.Time) string { return timestamp(t).Format(timestampLayout) }

// parseTimestamp reads what formatTimestamp writes.
func parseTimestamp(s string) (time.Time, error) {
	if t, ok := parseStoredTimestamp(s); ok {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	return t.UTC(), err
}

// parseStoredTimestamp reads exactly the stored form,
// "2026-11-23T09:30:00.000Z", without time.Parse's generality: a full
// recompute reads one per client.
func parseStoredTimestamp(s string) (time.Time, bool) {
	if len(s) != 24 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return time.Time{}, false
	}
	d, ok := parseDay(s[:10])
	if !ok {
		return time.Time{}, false
	}
	var n [4]int
	for i, part := range [4]string{s[11:13], s[14:16], s[17:19], s[20:23]} {
		for _, c := range []byte(part) {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	if n[0] > 23 || n[1] > 59 || n[2] > 59 {
		return time.Time{}, false
	}
	return d.Add(time.Duration(n[0])*time.Hour + time.Duration(n[1])*time.Minute +
		time.Duration(n[2])*time.Second + time.Duration(n[3])*time.Millisecond), true
}
