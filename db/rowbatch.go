package db

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// rowInserter inserts many rows into one table with few statements: it
// gathers the rows of many records as one JSON array and inserts them
// with one INSERT … SELECT over jsonb_each, every rowBatch rows and at
// flush. One statement per record (or per row) cost a trip through
// database/sql and cgo for every value, and SQLite runs each statement
// that writes many rows into a table with a foreign key (all of these
// have one) with a statement journal and, for a CHECK with an IN list, an
// ephemeral table of its own: the pages those use were written to a
// temporary file and freed and faulted in again per statement, most of
// the time of a sample book. Per few thousand rows, they cost nothing.
// jsonb_each rather than json_each: json_each gives each row back as JSON
// text, which ->> parses again for every column (6 % of a sample book's
// CPU time); jsonb_each gives it in SQLite's binary form, read in place.
//
// The rows go in at flush, in the order given: nothing may read the table
// in between, and no trigger may rely on rows of other tables written
// after them (a bulk insert drops the triggers; see dropTriggersForBulk).
type rowInserter struct {
	table string         // "t (a, b, c)"
	width int            // columns per row
	exprs map[int]string // a column's expression other than "j.value ->> i"
	held  bool           // insert leaves the flush to the owner (see clientBatch)
	query string
	rows  int
	buf   []byte // "[[…],[…]" without the closing bracket
}

// rowBatch is how many rows a statement of rowInserter writes at most.
const rowBatch = 4096

// insert adds the rows whose values are args, width values a row, and
// writes them once rowBatch are waiting. A value is a string, an integer,
// a bool or nil.
func (ri *rowInserter) insert(ctx context.Context, ex *execer, args []any) error {
	var rows encodedRows
	rows.json = ri.buf
	if ri.rows == 0 {
		rows.json = append(rows.json[:0], '[')
	}
	if err := rows.encode(ri.width, args); err != nil {
		return fmt.Errorf("insert into %s: %w", ri.table, err)
	}
	ri.buf = rows.json
	ri.rows += rows.n
	return ri.rowsAdded(ctx, ex)
}

// insertEncoded adds rows, encoded for a rowInserter of the same table,
// as insert adds them.
func (ri *rowInserter) insertEncoded(ctx context.Context, ex *execer, rows *encodedRows) error {
	if rows.n == 0 {
		return nil
	}
	if ri.rows == 0 {
		ri.buf = append(ri.buf[:0], '[')
	} else {
		ri.buf = append(ri.buf, ',')
	}
	ri.buf = append(ri.buf, rows.json...)
	ri.rows += rows.n
	return ri.rowsAdded(ctx, ex)
}

// rowsAdded writes the rows waiting if there are rowBatch of them and
// the flush is not the owner's.
func (ri *rowInserter) rowsAdded(ctx context.Context, ex *execer) error {
	if ri.rows >= rowBatch && !ri.held {
		return ri.flush(ctx, ex)
	}
	return nil
}

// encodedRows are rows for a rowInserter encoded ahead, where the values
// are made (see recordInserter.prepare), rather than on the goroutine
// that writes.
type encodedRows struct {
	json []byte // the rows' JSON arrays, comma-separated
	n    int    // how many rows
}

// encode appends the rows whose values are args, width values a row.
func (e *encodedRows) encode(width int, args []any) error {
	if len(args)%width != 0 {
		return fmt.Errorf("%d values for rows of %d", len(args), width)
	}
	for ; len(args) > 0; args = args[width:] {
		if n := len(e.json); n > 0 && e.json[n-1] != '[' {
			e.json = append(e.json, ',')
		}
		e.json = append(e.json, '[')
		for i, v := range args[:width] {
			if i > 0 {
				e.json = append(e.json, ',')
			}
			var err error
			if e.json, err = appendJSONValue(e.json, v); err != nil {
				return err
			}
		}
		e.json = append(e.json, ']')
		e.n++
	}
	return nil
}

// flush writes the rows waiting.
func (ri *rowInserter) flush(ctx context.Context, ex *execer) error {
	if ri.rows == 0 {
		return nil
	}
	return ri.write(ctx, ex, ri.take())
}

// take returns the rows waiting as a batch for write, and forgets them.
func (ri *rowInserter) take() string {
	ri.buf = append(ri.buf, ']')
	ri.rows = 0
	return string(ri.buf)
}

// write inserts the rows of batch, which take returned (of this
// rowInserter or of another into the same table).
func (ri *rowInserter) write(ctx context.Context, ex *execer, batch string) error {
	if ri.query == "" {
		cols := make([]string, ri.width)
		for i := range cols {
			cols[i] = "j.value ->> " + strconv.Itoa(i)
			if e, ok := ri.exprs[i]; ok {
				cols[i] = e
			}
		}
		ri.query = "INSERT INTO " + ri.table + " SELECT " + strings.Join(cols, ", ") + " FROM jsonb_each(?) AS j"
	}
	if _, err := ex.exec(ctx, ri.query, batch); err != nil {
		return fmt.Errorf("insert into %s: %w", ri.table, err)
	}
	return nil
}

// appendJSONValue appends v as JSON that SQLite's ->> reads back as the
// value database/sql would have bound: a text, an integer or NULL (a bool
// as 1 or 0).
func appendJSONValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	case bool:
		return strconv.AppendInt(b, int64(boolInt(v)), 10), nil
	}
	return b, fmt.Errorf("no JSON form for a %T", v)
}

// appendJSONString appends s as a JSON string. Only the quote, the
// backslash and control characters are escaped: the other bytes, valid
// UTF-8 or not, reach SQLite as they are, as a bound text would.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
