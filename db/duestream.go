package db

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"clienttracker/model"
)

// EachDue is DueList for a list too long to hold: instead of returning
// the rows, it calls fn with each, in list order, as it is described,
// and returns the page (counts, capacity, done today, offset) without
// Items. fn also gets that page, filled before the first row. Memory does
// not grow with the number of rows: the `due --all` command of a book of
// any size streams through it. An error from fn ends the walk and is
// returned as it is. Other errors are wrapped SQLite errors.
func (db *DB) EachDue(ctx context.Context, today time.Time, q model.DueQuery, fn func(page *model.DuePage, it *model.DueItem) error) (model.DuePage, error) {
	var page model.DuePage
	var fnErr error
	err := db.asOf(ctx, today, func(tx *sql.Tx, s model.ScheduleSettings) (err error) {
		page, err = eachDue(ctx, tx, s, model.Day(today), q, func(p *model.DuePage, it *model.DueItem) error {
			if fnErr = fn(p, it); fnErr != nil {
				return fnErr
			}
			return nil
		})
		return err
	})
	if fnErr != nil {
		return page, fnErr
	}
	return page, storeErr("due list", err)
}

// dueStreamFrom is the length from which eachDue reads the rows in one
// sorted pass rather than as DueList does, client by client (a variable
// so that a test can stream a short list).
var dueStreamFrom = dueBulk

// dueStreamColumns is what eachDue reads of a client of the list: the
// columns of a due list's history (the driver reads a row's values in one
// trip through cgo), then the one preference the row's
// suggestion can use (model's likedTopic: the first liked product, else
// the first liked brand, in the order entered), picked here from the
// client's few rather than read into Go with all of them.
const dueStreamColumns = scheduleColumns + detailColumns + `,
	(SELECT value FROM preferences WHERE client_id = c.id AND category IN ('` + string(model.PrefProduct) + `', '` + string(model.PrefBrand) + `')
		AND attitude <> '` + string(model.Dislikes) + `' AND value <> ''
		ORDER BY category = '` + string(model.PrefBrand) + `', id LIMIT 1)`

// eachDue implements EachDue in tx. A short list (a page, the day's list)
// is read as dueList reads it. A long one is cut into segments of
// dueSegment rows in list order, whose bounds are read from
// clients_by_due; each segment's clients are read in rowid order, which
// visits their rows, phones, preferences and purchases front to back, and
// sorted here into list order. Walking clients_by_due row by row instead
// reads a random page for each client, three times the work; one sorted
// query makes SQLite sort every row with its history. What only some
// clients have (open promises and complaints, debts, broken promises) is
// read first into a map, as for a full recompute: a few rows per hundred
// clients.
func eachDue(ctx context.Context, tx *sql.Tx, s model.ScheduleSettings, today time.Time, q model.DueQuery, fn func(*model.DuePage, *model.DueItem) error) (model.DuePage, error) {
	page, where, err := dueHead(ctx, tx, s, today, q)
	if err != nil {
		return page, err
	}
	rows := page.Counts.Total() - page.Offset
	if q.Limit > 0 {
		rows = min(rows, q.Limit)
	}
	if rows < dueStreamFrom {
		p, err := dueList(ctx, tx, s, today, q)
		if err != nil {
			return page, err
		}
		for i := range p.Items {
			if err := fn(&page, &p.Items[i]); err != nil {
				return page, err
			}
		}
		return page, nil
	}

	sc := scope{cond: where, ids: "SELECT id FROM clients WHERE " + where}
	qs := scheduleQueries(sc, today, loadDetail)
	// Every query but the clients' and the preferences', which the clients
	// query reads client by client.
	qs = slices.DeleteFunc(qs[:len(qs)-1], func(q scheduleQuery) bool { return q.name == "preferences" })
	children, err := loadChildren(ctx, tx, qs, today)
	if err != nil {
		return page, err
	}
	// The list in segments of dueSegment rows, each read in one pass over
	// the table and sorted here: bounds[i] is the first row of segment i
	// (nil past the end).
	var bounds []*dueListKey
	for pos := page.Offset; ; pos += dueSegment {
		k, err := dueKeyAt(ctx, tx, where, min(pos, page.Offset+rows))
		if err != nil {
			return page, err
		}
		bounds = append(bounds, k)
		if k == nil || pos >= page.Offset+rows {
			break
		}
	}
	query := "SELECT " + dueStreamColumns + ", c.sort_key FROM clients AS c NOT INDEXED" + detailJoin +
		" WHERE " + where + " AND (c.due_key, c.sort_key, c.id) >= (?, ?, ?)"
	sc1 := newScheduleScanner(loadDetail)
	maker := model.NewDueRowMaker(s, today)
	var liked sql.NullString
	var sortKey []byte
	row := &extraColumns{extra: []any{&liked, &sortKey}}
	var seg []dueListRow
	for i := 0; i+1 < len(bounds) && bounds[i] != nil; i++ {
		lo, hi := bounds[i], bounds[i+1]
		// The segment's clients are found in clients_by_due by their due
		// keys (a boundary key may be shared by rows either side, which
		// the row-value conditions then tell apart) and read in rowid
		// order: in a large book a segment is a small part of the table.
		q, args := query, []any{lo.due, lo.sort, lo.id}
		upper := int64(math.MaxInt64)
		if hi != nil {
			q += " AND (c.due_key, c.sort_key, c.id) < (?, ?, ?)"
			args = append(args, hi.due, hi.sort, hi.id)
			upper = hi.due
		}
		q += " AND c.id IN (SELECT id FROM clients WHERE " + where + " AND due_key >= ? AND due_key <= ?)"
		args = append(args, lo.due, upper)
		seg = seg[:0]
		err = queryEach(ctx, tx, q, args, func(rs *sql.Rows) error {
			row.row = rs
			var c clientSchedule
			sc1.dates = nil // the row may keep them
			if err := sc1.scan(row, &c); err != nil {
				return err
			}
			children[c.h.Client.ID].apply(&c)
			// The history is this row's alone: the one preference stands
			// for all of them.
			c.h.Preferences = nil
			if liked.Valid {
				c.h.Preferences = []model.Preference{{ClientID: c.h.Client.ID, Attitude: model.Likes,
					Category: model.PrefProduct, Value: liked.String}}
			}
			if it, ok := maker.Row(&c.h); ok {
				seg = append(seg, dueListRow{key: dueListKey{c.storedKey.Int64, slices.Clone(sortKey), c.h.Client.ID}, item: it})
			}
			return nil
		})
		if err != nil {
			return page, fmt.Errorf("due rows: %w", err)
		}
		slices.SortFunc(seg, func(a, b dueListRow) int { return a.key.compare(&b.key) })
		for j := range seg {
			if err := fn(&page, &seg[j].item); err != nil {
				return page, err
			}
			seg[j] = dueListRow{} // let the row go
		}
	}
	return page, nil
}

// dueSegment is how many rows of a long due list eachDue holds at once:
// each segment costs a search of clients_by_due and a walk over its rows
// in the table, and its rows about 1.5 KB each while held. At 5,000 the
// `due --csv --all` command peaks at about 82 MB on the 100,000-client
// sample and 100 MB on a 300,000-client one (at 10,000: 96 and 113 MB,
// a tenth less processor time). A variable so that a test can cut a
// short list into many.
var dueSegment = 5000

// extraColumns scans a row whose last columns go to extra, after the
// destinations Scan is given.
type extraColumns struct {
	row   rowScanner
	extra []any
}

func (e *extraColumns) Scan(dest ...any) error {
	return e.row.Scan(append(dest[:len(dest):len(dest)], e.extra...)...)
}

// dueListKey is where a row stands in the due list: its due_key, the sort
// key of its name and its id, the order of clients_by_due.
type dueListKey struct {
	due  int64
	sort []byte
	id   int64
}

// compare orders keys as SQLite orders them: integers, then blobs byte by
// byte (a shorter one first when one is the start of the other).
func (k *dueListKey) compare(o *dueListKey) int {
	return cmp.Or(cmp.Compare(k.due, o.due), bytes.Compare(k.sort, o.sort), cmp.Compare(k.id, o.id))
}

// dueListRow is a described row of a segment with its place in the list.
type dueListRow struct {
	key  dueListKey
	item model.DueItem
}

// dueKeyAt returns the key of the row at position pos (0-based) of the
// due list where selects, read from clients_by_due; nil past the end.
func dueKeyAt(ctx context.Context, tx *sql.Tx, where string, pos int) (*dueListKey, error) {
	var k dueListKey
	err := tx.QueryRowContext(ctx, "SELECT due_key, sort_key, id FROM clients WHERE "+where+
		" ORDER BY due_key, sort_key, id LIMIT 1 OFFSET ?", pos).Scan(&k.due, &k.sort, &k.id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("due list bounds: %w", err)
	}
	return &k, nil
}
