package db

import (
	"context"
	"database/sql"

	"clienttracker/model"
)

// UndoPin takes back a PinStage: the client's pin is was again (a zero was
// returns them to the rules), in one transaction. When that moves them
// back to the rung they came from, the move taken back and the move back
// cancel out: neither is kept in their moves on the ladder, since neither
// happened. It returns a *model.ValidationError for an invalid pin,
// model.ErrNotFound if there is no such client, and wrapped SQLite errors
// otherwise.
func (db *DB) UndoPin(ctx context.Context, clientID int64, was model.Pin) error {
	was.Normalize()
	if err := was.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("undo pin", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE clients SET pinned_stage = ?, pin_reason = ? WHERE id = ?",
		nullString(string(was.Stage)), was.Reason, clientID)
	if err := affectedOne(res, err); err != nil {
		return storeErr("undo pin", err)
	}
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM stage_changes WHERE client_id = ?", clientID).Scan(&last); err != nil {
		return storeErr("undo pin", err)
	}
	now := db.now()
	if err := computeSchedules(ctx, tx, oneClient(clientID), model.Day(now), moveCause{at: now, byHand: true, reason: was.Reason}); err != nil {
		return storeErr("undo pin", err)
	}
	if err := dropCancelledMoves(ctx, tx, clientID, last); err != nil {
		return storeErr("undo pin", err)
	}
	return storeErr("undo pin", tx.Commit())
}

// dropCancelledMoves deletes the client's two newest moves when the newer
// one was just recorded (after the move with id last), both were made by
// hand and the newer one took the older one back (A → B, then B → A).
func dropCancelledMoves(ctx context.Context, tx *sql.Tx, clientID, last int64) error {
	type mv struct {
		id       int64
		from, to string
		byHand   bool
	}
	var ms []mv
	err := queryEach(ctx, tx, `SELECT id, from_stage, to_stage, by_hand FROM stage_changes
		WHERE client_id = ? ORDER BY id DESC LIMIT 2`, []any{clientID}, func(rows *sql.Rows) error {
		var m mv
		ms = append(ms, m)
		return rows.Scan(&ms[len(ms)-1].id, &ms[len(ms)-1].from, &ms[len(ms)-1].to, &ms[len(ms)-1].byHand)
	})
	if err != nil || len(ms) < 2 {
		return err
	}
	back, there := ms[0], ms[1]
	if back.id <= last || !back.byHand || !there.byHand || back.from != there.to || back.to != there.from {
		return nil
	}
	_, err = tx.ExecContext(ctx, "DELETE FROM stage_changes WHERE id IN (?, ?)", back.id, there.id)
	return err
}
