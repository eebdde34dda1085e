package db

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"clienttracker/model"
)

// EachDue is DueList for a list too long to hold: instead of returning
// the rows, it calls fn with each, in list order, as it is described,
// and returns the page (counts, capacity, done today, offset) without
// Items. fn also gets that page, filled before the first row; *it is
// fn's only until it returns (a row it keeps is a copy). Memory does
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
// sorted query rather than as DueList does, client by client (a variable
// so that a test can stream a short list).
var dueStreamFrom = dueBulk

// dueStreamColumns is what eachDue reads of a client of the list, after
// the schedule columns: what a row shows (name, channel, email, the first
// phone), the item of the last purchase, and the one preference the
// row's suggestion can use (model's likedTopic: the first liked product,
// else the first liked brand, in the order entered), picked here from the
// client's few rather than read into Go with all of them. The item is
// looked up only for a client whose last purchase may be due a follow-up:
// model's collect offers one only when the last contact was not after the
// purchase day; three days of margin cover the owner's time zone. Of the
// 72,072 clients listed in the 100,000-client benchmark book, 12,323 are
// looked up.
var dueStreamColumns = scheduleColumns + `, c.name, c.channel, c.email,
	(SELECT phone FROM client_phones WHERE client_id = c.id ORDER BY position LIMIT 1),
	CASE WHEN c.last_purchase IS NOT NULL AND (c.last_contact IS NULL OR c.last_contact < date(c.last_purchase, '+3 days'))
		THEN (SELECT item FROM purchases WHERE id =
			(SELECT max(id) FROM purchases WHERE client_id = c.id AND date = c.last_purchase)) END,
	coalesce(` + likedPref(model.PrefProduct) + `, ` + likedPref(model.PrefBrand) + `)`

// likedPref is a subquery for the value of client c's first liked
// preference of category cat: one step into preferences_liked, whose
// WHERE its own must repeat for SQLite to use it, in id order, so that
// SQLite need not sort the client's preferences nor read their rows.
func likedPref(cat model.PrefCategory) string {
	return `(SELECT value FROM preferences WHERE client_id = c.id AND category = '` + string(cat) + `'
		AND attitude <> '` + string(model.Dislikes) + `' AND value <> '' ORDER BY id LIMIT 1)`
}

// eachDue implements EachDue in tx. A short list (a page, the day's list)
// is read as dueList reads it. A long one is read in one query: SQLite
// reads the listed clients in rowid order, which visits their rows,
// phones, preferences and purchases front to back, and sorts them into
// list order. Its sorter keeps at most the cache's size in memory and
// spills the rest to a temporary file, so memory does not grow with the
// list. Each row comes as one JSON array (see queryJSONBatches for why),
// stepped through by a goroutine while others describe the rows before
// (describeAhead: 0.84 → 0.70 s for the whole list of the 100,000-client
// benchmark book on 2 cores, median of 5 alternating runs).
// Measured through the driver on the 100,000-client benchmark book
// (72,072 rows), the query took 0.81 cpu-s; walking clients_by_due
// instead, which needs no sort but reads a random page for each client and
// each of its phones, preferences and purchases, took 1.33.
// What only some clients have (open promises and complaints, debts,
// broken promises) is read first into a map, as for a full recompute: a
// few rows per hundred clients.
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
	restore, err := setCache(ctx, tx, dueCacheKiB)
	if err != nil {
		return page, err
	}
	chunks := make(chan []string, 4)
	stop := make(chan struct{})
	read := make(chan error, 1)
	go func() {
		defer close(chunks)
		read <- readDueRows(ctx, tx, where, page.Offset, rows, chunks, stop)
	}()
	// Closing stop ends the reader, also when fn panics.
	stopped := false
	halt := func() {
		if !stopped {
			stopped = true
			close(stop)
		}
	}
	defer halt()

	// The rows are described on describers' goroutines, a chunk each at
	// a time, and handed to fn here in list order.
	free := make(chan []model.DueItem, 2*dueDescribers)
	for res := range describeAhead(chunks, stop, free, func() *dueDescriber { return newDueDescriber(s, today, children) }) {
		done := <-res
		if err == nil {
			err = cmp.Or(ctx.Err(), done.err) // a cancelled walk ends at the next chunk
		}
		for i := 0; err == nil && i < len(done.items); i++ {
			err = fn(&page, &done.items[i])
		}
		clear(done.items)
		select {
		case free <- done.items[:0]:
		default:
		}
		if err != nil {
			halt() // and drain, so that the goroutines end
		}
	}
	if rerr := <-read; err == nil {
		err = rerr
	}
	if rerr := restore(); err == nil {
		err = rerr
	}
	return page, err
}

// dueDescriber makes the due rows of the clients eachDue reads, one row
// of dueStreamColumns at a time, reusing its buffers from one to the next.
type dueDescriber struct {
	children *childFacts
	maker    *model.DueRowMaker
	sc       *scheduleScanner
	vals     jsonRowScanner
	row      extraColumns

	name, channel, email string
	phone, item, liked   sql.NullString

	c      clientSchedule
	it     model.DueItem
	phones []string
	prefs  []model.Preference
}

func newDueDescriber(s model.ScheduleSettings, today time.Time, children *childFacts) *dueDescriber {
	d := &dueDescriber{children: children, maker: model.NewDueRowMaker(s, today),
		sc: newScheduleScanner(0), phones: make([]string, 1), prefs: make([]model.Preference, 1)}
	d.row = extraColumns{row: &d.vals, extra: []any{&d.name, &d.channel, &d.email, &d.phone, &d.item, &d.liked}}
	return d
}

// describe returns the due row of the client of json, a row of
// dueStreamColumns as json_array writes it, or nil if nothing about them
// is due. The row is the describer's until the next call.
func (d *dueDescriber) describe(json string) (*model.DueItem, error) {
	var err error
	if d.vals.vals, err = jsonRow(json, d.vals.vals); err != nil {
		return nil, err
	}
	c := &d.c
	*c = clientSchedule{}
	if err := d.sc.scan(&d.row, c); err != nil {
		return nil, err
	}
	d.children.apply(c)
	cl := &c.h.Client
	cl.Name, cl.Channel, cl.Email = d.name, model.Channel(d.channel), d.email
	if d.phone.Valid {
		d.phones[0] = d.phone.String
		cl.Phones = d.phones
	}
	c.h.LastPurchase.Item = d.item.String
	// The one preference stands for all of them.
	if d.liked.Valid {
		d.prefs[0] = model.Preference{ClientID: cl.ID, Attitude: model.Likes, Category: model.PrefProduct, Value: d.liked.String}
		c.h.Preferences = d.prefs
	}
	var ok bool
	if d.it, ok = d.maker.Row(&c.h); !ok {
		return nil, nil
	}
	return &d.it, nil
}

// describedChunk is the due rows of a chunk of rows read, in order, or
// the error that describing one of them met.
type describedChunk struct {
	items []model.DueItem
	err   error
}

// dueDescribers is how many goroutines describe a long due list's rows.
// Describing is about a third of the work, and the reading goroutine
// needs little once SQLite has sorted the rows.
var dueDescribers = min(runtime.GOMAXPROCS(0), 4)

// describeAhead describes the chunks of rows read on dueDescribers
// goroutines, each with a describer of its own from newDescriber, and
// sends, in the order of the chunks, a channel on which each chunk's rows
// will come, in a slice from free when there is one. It stops taking
// chunks when stop is closed; the channel it returns is closed when every
// chunk taken is described.
func describeAhead(chunks <-chan []string, stop <-chan struct{}, free chan []model.DueItem, newDescriber func() *dueDescriber) <-chan chan describedChunk {
	type job struct {
		rows []string
		out  chan describedChunk
	}
	jobs := make(chan job)
	order := make(chan chan describedChunk, dueDescribers)
	var wg sync.WaitGroup
	for range dueDescribers {
		wg.Go(func() {
			var d *dueDescriber
			for j := range jobs {
				var done describedChunk
				select {
				case <-stop: // nobody reads the rows any more
				default:
					if d == nil {
						d = newDescriber()
					}
					var items []model.DueItem
					select {
					case items = <-free:
					default:
						items = make([]model.DueItem, 0, len(j.rows))
					}
					done = d.describeAll(j.rows, items)
				}
				j.out <- done
			}
		})
	}
	go func() {
		// order is closed once every describer has ended, so that none
		// outlives the walk.
		defer close(order)
		defer wg.Wait()
		defer close(jobs)
		for rows := range chunks {
			j := job{rows: rows, out: make(chan describedChunk, 1)}
			select {
			case jobs <- j:
			case <-stop:
				return
			}
			select {
			case order <- j.out:
			case <-stop: // also when fn panicked: nobody reads order
				return
			}
		}
	}()
	return order
}

// describeAll describes rows (describe), appending the due rows to items.
func (d *dueDescriber) describeAll(rows []string, items []model.DueItem) describedChunk {
	for _, r := range rows {
		it, err := d.describe(r)
		if err != nil {
			return describedChunk{items: items, err: err}
		}
		if it != nil {
			items = append(items, *it)
		}
	}
	return describedChunk{items: items}
}

// readDueRows sends limit rows of the due list where selects, from
// position offset in list order, on chunks, dueChunk rows at a time, each
// row a JSON array, until stop is closed. The query has no LIMIT: with
// one, SQLite sorts into a b-tree, from which it can drop the rows past
// the limit, rather than with its sorter. For the whole list of the
// 100,000-client benchmark book, that doubled the query's time.
func readDueRows(ctx context.Context, tx *sql.Tx, where string, offset, limit int, chunks chan<- []string, stop <-chan struct{}) error {
	chunk := make([]string, 0, dueChunk)
	send := func() bool {
		select {
		case chunks <- chunk:
			chunk = make([]string, 0, dueChunk)
			return true
		case <-stop:
			return false
		}
	}
	pos := 0
	err := queryEach(ctx, tx, "SELECT json_array("+dueStreamColumns+") FROM clients AS c NOT INDEXED WHERE "+where+
		" ORDER BY c.due_key, c.sort_key, c.id", nil, func(rs *sql.Rows) error {
		if pos++; pos <= offset {
			return nil
		}
		var row string
		if err := rs.Scan(&row); err != nil {
			return err
		}
		chunk = append(chunk, row)
		if len(chunk) == dueChunk && !send() || pos == offset+limit {
			return errStopped
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStopped) {
		return fmt.Errorf("due rows: %w", err)
	}
	if len(chunk) > 0 {
		send()
	}
	return nil
}

// jsonRow reads a row SQLite wrote with json_array into row's buffer.
func jsonRow(s string, row []string) ([]string, error) {
	d := jsonReader{s: s}
	row, err := d.array(row[:0])
	if err != nil {
		return row, err
	}
	return row, d.end()
}

// dueCacheKiB is the page cache, in KiB, of the connection that reads a
// long due list. SQLite's sorter holds as much in memory before it spills
// to a temporary file, so it bounds the memory of the sort whatever the
// connection (a read connection's cache is 16 MB). The rows are read
// front to back: at 4, 8 and 16 MB the whole list of the 100,000-client
// benchmark book took the same time, within the noise, and the
// `due --csv --all` command of a 300,000-client book peaked at 95, 103
// and 118 MB. With the rows described on two goroutines (describeAhead),
// which hold a few more rows at a time, 2 MB kept that command at 96-98 MB
// (4 MB: 99-102).
const dueCacheKiB = 2 << 10

// errStopped ends a walk over rows that nobody reads any more.
var errStopped = errors.New("stopped")

// dueChunk is how many rows eachDue hands from the reading goroutine to
// a describing one at a time.
const dueChunk = 128

// extraColumns scans a row whose last columns go to extra, after the
// destinations Scan is given.
type extraColumns struct {
	row   rowScanner
	extra []any
	all   []any // Scan's destinations and extra, reused from row to row
}

func (e *extraColumns) Scan(dest ...any) error {
	e.all = append(append(e.all[:0], dest...), e.extra...)
	return e.row.Scan(e.all...)
}
