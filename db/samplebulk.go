package db

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"clienttracker/model"
)

// sampleHistoryTables are the tables of a client's history, which InsertRecords
// fills for new clients only.
var sampleHistoryTables = []string{"purchases", "interactions", "preferences", "promises", "complaints", "client_tags"}

// dropHistoryIndexes drops the secondary indexes of sampleHistoryTables
// that do not lead with a foreign key column, when the book holds fewer
// than bulkRebuildBelow clients (as dropIndexesForBulk does those of the
// clients), and returns the statements that make them again. Rows arrive
// in client order, which the indexes by client follow, but those by date,
// by time, by channel or by status take each row at a scattered place:
// built once at the end, each is one sort. The indexes that lead with a
// foreign key stay: with the keys deferred, SQLite looks a new client's
// (or promise's) rows up through them, and without them it would scan the
// whole table once per client.
//
// Only InsertRecords drops them: nothing reads these tables until its
// rows are in, whereas an import reads them for the clients it updates
// between batches. Inside the transaction: a rollback brings them back.
func dropHistoryIndexes(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&n); err != nil {
		return nil, err
	}
	if n >= bulkRebuildBelow {
		return nil, nil
	}
	var names, create []string
	args := make([]any, len(sampleHistoryTables))
	for i, t := range sampleHistoryTables {
		args[i] = t
	}
	err := queryEach(ctx, tx, `SELECT m.name, m.sql FROM sqlite_schema AS m
		WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.tbl_name IN (?`+strings.Repeat(", ?", len(sampleHistoryTables)-1)+`)
			AND (SELECT i.name FROM pragma_index_info(m.name) AS i WHERE i.seqno = 0)
				NOT IN (SELECT f."from" FROM pragma_foreign_key_list(m.tbl_name) AS f)
		ORDER BY m.name`, args, func(rows *sql.Rows) error {
		var name, q string
		err := rows.Scan(&name, &q)
		names, create = append(names, name), append(create, q)
		return err
	})
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		// The names come from the schema itself.
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+strings.ReplaceAll(name, `"`, `""`)+`"`); err != nil {
			return nil, err
		}
	}
	return create, nil
}

// rebuildHistory makes the indexes dropHistoryIndexes dropped again, once
// the rows are in and before anything reads them.
func (b *bulkInsert) rebuildHistory(ctx context.Context) error {
	if len(b.history) == 0 {
		return nil
	}
	if _, err := b.tx.ExecContext(ctx, "PRAGMA threads = 2"); err != nil {
		return err
	}
	for _, q := range b.history {
		if _, err := b.tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
	}
	b.history = nil
	return nil
}

// purchaseMonthsColumns are the columns of purchase_months, in the order
// purchaseMonthArgs gives them.
const purchaseMonthsColumns = "purchase_months (month, client_id, purchases, spend, days, first_day, last_day, prior_day)"

// purchaseMonthArgs returns the purchase_months rows of a new client whose
// purchases are ps, as fillPurchaseMonths sums them from the stored rows:
// per calendar month the count, the spend, the distinct days, the first
// and last day, and the client's last day of an earlier month. Summed in
// SQL, count(DISTINCT date) opened an ephemeral table per client and
// month: a sixth of a sample book's time.
func purchaseMonthArgs(clientID int64, ps []model.Purchase) []any {
	type sale struct {
		date   string
		amount int64
	}
	sales := make([]sale, len(ps))
	for i := range ps {
		sales[i] = sale{model.FormatDate(ps[i].Date), int64(ps[i].Amount)}
	}
	slices.SortFunc(sales, func(a, b sale) int { return strings.Compare(a.date, b.date) })
	var args []any
	var prior any // NULL before the first month
	for i := 0; i < len(sales); {
		month := sales[i].date[:7]
		first, count, spend, days := sales[i].date, 0, int64(0), 0
		last := ""
		for ; i < len(sales) && sales[i].date[:7] == month; i++ {
			if sales[i].date != last {
				days++
				last = sales[i].date
			}
			count++
			spend += sales[i].amount
		}
		args = append(args, month, clientID, count, spend, days, first, last, prior)
		prior = last
	}
	return args
}
