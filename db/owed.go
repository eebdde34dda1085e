package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"clienttracker/model"
)

// Balances returns every client who owes anything as of today, the
// largest sum past due first, then the largest balance, then by name in
// the owner's language's order. It reads the unpaid purchases alone
// (purchases_owed). Errors are wrapped SQLite errors.
func (db *DB) Balances(ctx context.Context, today time.Time) ([]model.Balance, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("balances", err)
	}
	defer tx.Rollback()
	var out []model.Balance
	err = queryEach(ctx, tx, `SELECT c.id, c.name, o.owed, o.past_due, coalesce(o.oldest, '')
		FROM (SELECT client_id, sum(unpaid) AS owed,
				sum(CASE WHEN due_date < ? THEN unpaid ELSE 0 END) AS past_due, min(due_date) AS oldest
			FROM purchases WHERE unpaid > 0 GROUP BY client_id) o
		JOIN clients c ON c.id = o.client_id
		ORDER BY o.past_due DESC, o.owed DESC, c.sort_key, c.id`,
		[]any{model.FormatDate(model.Day(today))}, func(rows *sql.Rows) error {
			var b model.Balance
			var oldest string
			if err := rows.Scan(&b.ClientID, &b.Name, &b.Owed, &b.PastDue, &oldest); err != nil {
				return err
			}
			d, ok := parseDay(oldest)
			if !ok {
				return fmt.Errorf("client %d: bad due date %q", b.ClientID, oldest)
			}
			b.Oldest = d
			out = append(out, b)
			return nil
		})
	if err != nil {
		return nil, storeErr("balances", err)
	}
	return out, storeErr("balances", tx.Commit())
}
