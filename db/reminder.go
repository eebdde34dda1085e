package db

import (
	"context"
	"time"

	"clienttracker/model"
)

// CountPromisesDue counts the open promises due on or before today, for
// the daily reminder ("2 promises due"). It returns wrapped SQLite errors.
func (db *DB) CountPromisesDue(ctx context.Context, today time.Time) (int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return 0, storeErr("count promises due", err)
	}
	defer tx.Rollback()
	var n int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM promises WHERE status = 'open' AND due_by <= ?`,
		model.FormatDate(model.Day(today))).Scan(&n)
	if err != nil {
		return 0, storeErr("count promises due", err)
	}
	return n, storeErr("count promises due", tx.Commit())
}
