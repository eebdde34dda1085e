package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Reading every client's schedule facts as JSON batches is speed code: it
// reads worse than rows.Scan and stays only because it pays. Measured on 2
// shared, busy cores (Debian 12), five runs alternating with the same
// queries read by rows.Scan into strings: a full recompute of the
// 100,000-client benchmark book (BenchmarkRecompute) takes a median
// 1.12 s against 1.43 s. BenchmarkDueList's pages and whole list showed
// no difference above the noise either way.

// jsonBatchSize is how many ids a batch of queryJSONBatches covers.
const jsonBatchSize = 2048

// queryJSONBatches runs query, a "SELECT columns FROM clients c WHERE 1"
// over every client, a range of ids at a time, each range's rows coming
// back as one JSON array of arrays, and calls scan for each row. Read one
// value at a time, a row of 28 columns costs 28 trips through cgo: for
// the 100,000 clients of a full recompute, most of its time. In JSON,
// SQLite writes a whole batch in one trip, and Go reads it back faster
// than the driver hands over the values. The rows' values are as the
// JSON has them; NULL reads as an empty text (see jsonRowScanner).
func queryJSONBatches(ctx context.Context, tx *sql.Tx, query string, args []any, width int, scan func(rowScanner) error) error {
	cols, rest, ok := strings.Cut(strings.TrimPrefix(query, "SELECT "), " FROM clients c")
	if !ok || !strings.HasSuffix(rest, " WHERE 1") {
		return fmt.Errorf("queryJSONBatches: not a query over every client: %q", query)
	}
	var maxID sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT max(id) FROM clients").Scan(&maxID); err != nil {
		return err
	}
	// The batch's own bounds come after the query's numbered arguments.
	lo := "?" + strconv.Itoa(len(args)+1)
	stmt, err := tx.PrepareContext(ctx, "SELECT json_group_array(json_array("+cols+")) FROM clients c WHERE c.id > "+lo+
		" AND c.id <= "+lo+" + "+strconv.Itoa(jsonBatchSize))
	if err != nil {
		return err
	}
	defer stmt.Close()
	// SQLite writes the next batch on a goroutine of its own while this
	// one reads the last: the two take about as long.
	batches := make(chan string, 2)
	stop := make(chan struct{})
	read := make(chan error, 1)
	go func() {
		defer close(batches)
		for from := int64(0); from < maxID.Int64; from += jsonBatchSize {
			var batch string
			if err := stmt.QueryRowContext(ctx, append(args[:len(args):len(args)], from)...).Scan(&batch); err != nil {
				read <- err
				return
			}
			select {
			case batches <- batch:
			case <-stop:
				read <- nil
				return
			}
		}
		read <- nil
	}()
	row := &jsonRowScanner{}
	err = nil
	for batch := range batches {
		if err != nil {
			continue // drain, so the reader ends
		}
		err = jsonRows(batch, width, func(vals []string) error {
			row.vals = vals
			return scan(row)
		})
		if err != nil {
			close(stop)
		}
	}
	return errors.Join(err, <-read)
}

// jsonRowScanner scans a row of a JSON batch into the destinations
// *sql.Rows.Scan takes here. An empty value is NULL: none of the columns
// read this way stores an empty text that must differ from NULL.
type jsonRowScanner struct{ vals []string }

func (r *jsonRowScanner) Scan(dest ...any) error {
	if len(dest) != len(r.vals) {
		return fmt.Errorf("scan %d values into %d destinations", len(r.vals), len(dest))
	}
	for i, d := range dest {
		v := r.vals[i]
		var err error
		switch d := d.(type) {
		case *string:
			*d = v
		case *sql.RawBytes:
			*d = append((*d)[:0], v...)
		case *sql.NullString:
			*d = sql.NullString{String: v, Valid: v != ""}
		case *int64:
			*d, err = jsonInt(v)
		case *int:
			var n int64
			n, err = jsonInt(v)
			*d = int(n)
		case *bool:
			var n int64
			n, err = jsonInt(v)
			*d = n != 0
		case *sql.NullInt64:
			var n int64
			n, err = jsonInt(v)
			*d = sql.NullInt64{Int64: n, Valid: v != ""}
		default:
			return fmt.Errorf("scan into %T", d)
		}
		if err != nil {
			return fmt.Errorf("column %d: %w", i, err)
		}
	}
	return nil
}

// jsonInt reads an integer of a JSON batch; "" (NULL) is 0.
func jsonInt(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	return strconv.ParseInt(v, 10, 64)
}
