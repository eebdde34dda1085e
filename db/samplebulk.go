package db

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"clienttracker/model"
)

// sampleHistoryTables are the tables of a client's history, which InsertRecords
// fills for new clients only.
var sampleHistoryTables = []string{"purchases", "purchase_months", "interactions", "preferences", "promises", "complaints", "client_tags"}

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
	args := make([]any, len(sampleHistoryTables))
	for i, t := range sampleHistoryTables {
		args[i] = t
	}
	return dropSchema(ctx, tx, "INDEX", `SELECT m.name, m.sql FROM sqlite_schema AS m
		WHERE m.type = 'index' AND m.sql IS NOT NULL AND m.tbl_name IN (?`+strings.Repeat(", ?", len(sampleHistoryTables)-1)+`)
			AND (SELECT i.name FROM pragma_index_info(m.name) AS i WHERE i.seqno = 0)
				NOT IN (SELECT f."from" FROM pragma_foreign_key_list(m.tbl_name) AS f)
		ORDER BY m.name`, args)
}

// finishHistory writes the purchase months InsertRecords summed, in the
// order of the table's key, and makes the indexes dropHistoryIndexes
// dropped again, once the rows are in and before anything reads them.
func (b *bulkInsert) finishHistory(ctx context.Context) error {
	if m := b.ins.months; m != nil {
		if err := m.write(ctx, b.ins.ex); err != nil {
			return fmt.Errorf("purchase months: %w", err)
		}
	}
	if len(b.history) == 0 {
		return nil
	}
	if _, err := b.tx.ExecContext(ctx, "PRAGMA threads = 2"); err != nil {
		return err
	}
	restore, err := setCache(ctx, b.tx, sortCacheKiB)
	if err != nil {
		return err
	}
	for _, q := range b.history {
		if _, err := b.tx.ExecContext(ctx, q); err != nil {
			return errors.Join(fmt.Errorf("rebuild index: %w", err), restore())
		}
	}
	b.history = nil
	return restore()
}

// sortCacheKiB is the page cache while the history tables' indexes are
// built, in KiB. SQLite sorts an index's entries in runs of at most the
// page cache, each run on a thread of its own (PRAGMA threads), and then
// merges them: with the bulk insert's 256 MB, the million purchases and
// half a million contacts of a 100,000-client sample book were each one
// run, sorted on the writing thread alone. In runs of 4 MB both cores
// sort: the six indexes took 1.72-2.29 s instead of 2.33-3.53 s (three
// alternating pairs). The clients' indexes, built at the end of every
// bulk insert, gained nothing measurable and keep the bulk cache.
const sortCacheKiB = 4 << 10

// purchaseMonthsColumns are the columns of purchase_months, in the order
// purchaseMonth.appendArgs gives them.
const purchaseMonthsColumns = "purchase_months (month, client_id, purchases, spend, days, first_day, last_day, prior_day)"

// monthRows holds the purchase_months rows of the records InsertRecords
// writes, each month's apart. The records come in the order of their
// ids, so each month's rows are in the order of the table's (month,
// client) key as they arrive, and written a month after the other they
// are appended (in client order, each row went to one of a hundred places
// and moved pages about: a third more time). Held in one slice and sorted
// at the end, the 880,000 rows of a 100,000-client sample book were
// copied into a larger slice again and again as it grew, each time into
// memory new to the process: 1.5 s of page faults and copying on the
// writing goroutine, and 0.25 s of sorting.
type monthRows struct {
	byMonth map[int32][]purchaseMonth
}

func newMonthRows() *monthRows { return &monthRows{byMonth: make(map[int32][]purchaseMonth)} }

// add holds rows, a record's.
func (mr *monthRows) add(rows []purchaseMonth) {
	for _, r := range rows {
		mr.byMonth[r.month] = append(mr.byMonth[r.month], r)
	}
}

// write inserts the rows held, month by month. They are made into batches
// on a goroutine of their own while SQLite writes the last one: the
// insert's other goroutine, which prepared the records, is done, and the
// two take about as long.
func (mr *monthRows) write(ctx context.Context, ex *execer) error {
	months := slices.Sorted(maps.Keys(mr.byMonth))
	batches := make(chan string, 2)
	stop := make(chan struct{})
	encoded := make(chan error, 1)
	go func() {
		defer close(batches)
		enc := rowInserter{table: purchaseMonthsColumns, width: 8, held: true}
		args := make([]any, 0, enc.width)
		send := func() bool {
			select {
			case batches <- enc.take():
				return true
			case <-stop:
				return false
			}
		}
		for _, month := range months {
			for _, m := range mr.byMonth[month] {
				args = m.appendArgs(args[:0])
				if err := enc.insert(ctx, ex, args); err != nil {
					encoded <- err
					return
				}
				if enc.rows >= rowBatch && !send() {
					encoded <- nil
					return
				}
			}
			delete(mr.byMonth, month) // its rows can go
		}
		if enc.rows > 0 {
			send()
		}
		encoded <- nil
	}()
	ins := rowInserter{table: purchaseMonthsColumns, width: 8}
	var err error
	for batch := range batches {
		if err != nil {
			continue // drain, so the encoder ends
		}
		if err = ins.write(ctx, ex, batch); err != nil {
			close(stop)
		}
	}
	return errors.Join(err, <-encoded)
}

// purchaseMonth is a row of purchase_months, held small (32 bytes) from a
// record's insert to the end of the batch: 8.8 of them per sample client.
type purchaseMonth struct {
	client      int64
	spend       int64
	month       int32 // year*100 + month
	prior       int32 // the client's last earlier purchase as yyyymmdd; 0: none
	count, days int32
	first, last uint8 // days of the month
}

// purchaseMonths returns the purchase_months rows of a new client whose
// purchases are ps, as fillPurchaseMonths sums them from the stored rows:
// per calendar month the count, the spend, the distinct days, the first
// and last day, and the client's last day of an earlier month. Summed in
// SQL, count(DISTINCT date) opened an ephemeral table per client and
// month: about a sixth of a sample book's time.
func purchaseMonths(clientID int64, ps []model.Purchase) []purchaseMonth {
	type sale struct {
		day    int32 // yyyymmdd
		amount int64
	}
	sales := make([]sale, len(ps))
	for i := range ps {
		y, m, d := ps[i].Date.Date()
		sales[i] = sale{int32(y*10000 + int(m)*100 + d), int64(ps[i].Amount)}
	}
	slices.SortFunc(sales, func(a, b sale) int { return int(a.day - b.day) })
	var out []purchaseMonth
	var prior int32
	for i := 0; i < len(sales); {
		m := purchaseMonth{client: clientID, month: sales[i].day / 100, prior: prior, first: uint8(sales[i].day % 100)}
		var last int32
		for ; i < len(sales) && sales[i].day/100 == m.month; i++ {
			if sales[i].day != last {
				m.days++
				last = sales[i].day
			}
			m.count++
			m.spend += sales[i].amount
		}
		m.last = uint8(last % 100)
		out = append(out, m)
		prior = last
	}
	return out
}

// appendArgs appends m's values in the order of purchaseMonthsColumns.
func (m *purchaseMonth) appendArgs(args []any) []any {
	day := func(d int32) string {
		b := make([]byte, 0, 10)
		b = append(b, byte('0'+d/10000000), byte('0'+d/1000000%10), byte('0'+d/100000%10), byte('0'+d/10000%10),
			'-', byte('0'+d/1000%10), byte('0'+d/100%10))
		if d%100 != 0 {
			b = append(b, '-', byte('0'+d/10%10), byte('0'+d%10))
		}
		return string(b)
	}
	var prior any // NULL: no earlier purchase
	if m.prior != 0 {
		prior = day(m.prior)
	}
	return append(args, day(m.month*100), m.client, int(m.count), m.spend, int(m.days),
		day(m.month*100+int32(m.first)), day(m.month*100+int32(m.last)), prior)
}

// clientBatch writes the clients rows of InsertRecords with their phones,
// tags, promises and complaints a few thousand at a time, as rowInserter
// writes the rest of the history: a statement per client, phone, tag,
// promise and complaint, and one more to set the contact figures, were
// about six trips through database/sql and cgo per client, an eighth of
// a sample book's time. The ids are known (base+i, and the promises'
// from the largest before), so nothing reads a row before the batch is
// written but checkReferrer, for a client named by id (insert flushes
// first).
//
// The batch writes whole records, each client before its rows: while a
// row waits for its client, SQLite counts a deferred foreign key
// violation, and inserting any client then looks for its rows in every
// table that refers to clients, even the clients themselves, whose index
// by referrer the bulk insert has dropped: a scan per client.
type clientBatch struct {
	clients, phones, tags, promises, complaints rowInserter
	search, phoneSearch                         rowInserter  // see flushSearch
	purchases, preferences, contacts            *rowInserter // the recordInserter's

	rows      []*rowInserter // every one of a record's, in the order they are written
	promiseID int64          // the last promise's; only prepare uses it once the batch has started
}

// newClientBatch returns an empty batch for ins, whose rows it makes
// wait for their clients.
func newClientBatch(ctx context.Context, tx *sql.Tx, ins *recordInserter) (*clientBatch, error) {
	cb := &clientBatch{
		clients: rowInserter{table: `clients (id, name, email, city, address, company, channel, since,
			birth_day, birth_month, birth_year, language, referred_by, notes, sort_key, created_at, updated_at,
			purchase_count, total_spent, balance_owed, first_purchase, last_purchase, purchase_dates,
			lost_reason, lost_text, lost_on, check_in_days, do_not_contact, quiet, snoozed_until,
			marked_vip, marked_blacklist, buys_only_here,
			stage, auto_stage, lapsed, ready, next_due, due_key, due_risk,
			contact_count, last_contact, last_feedback)`, width: 43},
		phones:     rowInserter{table: "client_phones (client_id, position, phone, digits, e164)", width: 5},
		tags:       rowInserter{table: "client_tags (client_id, tag)", width: 2},
		promises:   rowInserter{table: "promises (id, client_id, what, made_on, due_by, status, kept_on)", width: 7},
		complaints: rowInserter{table: "complaints (client_id, opened_on, what, options, apologised, status, resolution, resolved_on)", width: 8},
	}
	cb.search = rowInserter{table: "client_fts (rowid, name, email, city, company, address, tags, notes, alt)", width: 9, held: true}
	cb.phoneSearch = rowInserter{table: "client_phone_fts (rowid, digits)", width: 2, held: true}
	// The sort key is bytes, which JSON carries as hex.
	cb.clients.exprs = map[int]string{14: "unhex(j.value ->> 14)"}
	// The contacts after the promises they name.
	cb.purchases, cb.preferences, cb.contacts = &ins.purchases, &ins.preferences, &ins.contacts
	cb.rows = []*rowInserter{&cb.clients, &cb.phones, &cb.tags, &cb.promises, &cb.complaints,
		cb.purchases, cb.preferences, cb.contacts}
	for _, ri := range cb.rows {
		ri.held = true
	}
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM promises").Scan(&cb.promiseID); err != nil {
		return nil, err
	}
	return cb, nil
}

// recordRows are the rows of a record for a clientBatch but its
// purchases and preferences (see preparedRecord), encoded.
type recordRows struct {
	clients, phones, tags, promises, complaints, contacts encodedRows
	search, phoneSearch                                   encodedRows
}

// prepare validates p's promises, contacts and complaints and encodes
// the rows of p's record, on the goroutine that prepares the records
// (see recordInserter.prepare), which gives the promises their ids: the
// ones SQLite would give them, the next after the largest, in the order
// of the records. The writing goroutine then only appends them (see add):
// encoded there, they took a seventh of its time.
func (cb *clientBatch) prepare(ins *recordInserter, p *preparedRecord) (*recordRows, error) {
	c, rec := &p.c, p.rec
	r := &recordRows{}
	promises, err := ins.checkPromises(c.ID, rec.Promises)
	if err != nil {
		return nil, err
	}
	promiseIDs := make([]int64, len(promises))
	for j := range promises {
		cb.promiseID++
		promiseIDs[j] = cb.promiseID
		if err := r.promises.encode(cb.promises.width, append([]any{cb.promiseID}, promiseArgs(&promises[j])...)); err != nil {
			return nil, err
		}
	}
	args, last, err := ins.contactArgs(c.ID, rec.Contacts, promiseIDs)
	if err != nil {
		return nil, err
	}
	if err := r.contacts.encode(ins.contacts.width, args); err != nil {
		return nil, err
	}
	complaints, err := ins.checkComplaints(c.ID, rec.Complaints)
	if err != nil {
		return nil, err
	}
	for j := range complaints {
		if err := r.complaints.encode(cb.complaints.width, complaintArgs(&complaints[j])); err != nil {
			return nil, err
		}
	}
	if err := r.clients.encode(cb.clients.width, clientRowArgs(p, len(rec.Contacts), last)); err != nil {
		return nil, err
	}
	for i, ph := range c.Phones {
		if err := r.phones.encode(cb.phones.width, []any{c.ID, i, ph, model.PhoneDigits(ph), p.forms[i].E164}); err != nil {
			return nil, err
		}
	}
	for _, t := range c.Tags {
		if err := r.tags.encode(cb.tags.width, []any{c.ID, t}); err != nil {
			return nil, err
		}
	}
	if err := r.search.encode(cb.search.width, append([]any{p.search.id}, p.search.words...)); err != nil {
		return nil, err
	}
	if p.search.digits != "" {
		if err := r.phoneSearch.encode(cb.phoneSearch.width, []any{p.search.id, p.search.digits}); err != nil {
			return nil, err
		}
	}
	p.search = searchRows{} // in r
	return r, nil
}

// clientRowArgs are the values of p's clients row, whose contacts'
// figures are contacts and last: the same values insertClient and the
// update of the contact figures store.
func clientRowArgs(p *preparedRecord, contacts int, last lastContact) []any {
	c := &p.c
	b, s := c.Birthday, c.Summary
	args := make([]any, 0, 43)
	args = append(args, c.ID, c.Name, c.Email, c.City, c.Address, c.Company,
		string(c.Channel), nullDate(c.Since), nullInt(int64(b.Day)), nullInt(int64(b.Month)), nullInt(int64(b.Year)),
		c.Language, nullInt(c.ReferredBy), c.Notes, hex.EncodeToString(p.sortKey),
		c.CreatedAt.Format(timestampLayout), c.UpdatedAt.Format(timestampLayout),
		s.Count, int64(s.Total), int64(s.Owed), nullDate(s.First), nullDate(s.Last), nullString(p.purchaseDates))
	args = append(args, lostPlanArgs(c)...)
	args = append(args, marksArgs(c.Marks)...)
	if sc := p.sched; sc != nil {
		var key any
		if sc.key.Valid {
			key = sc.key.Int64
		}
		args = append(args, string(sc.stage), string(sc.auto), sc.lapsed, sc.ready, nullDate(sc.next), key, sc.risk)
	} else {
		// The columns' defaults, as sqlInsertClient leaves them.
		args = append(args, string(model.StageNewbie), nil, false, 0, nil, nil, false)
	}
	if contacts > 0 {
		args = append(args, contacts, formatTimestamp(last.at), string(last.feedback))
	} else {
		args = append(args, 0, nil, "")
	}
	return args
}

// add queues the rows of p, which prepare made.
func (cb *clientBatch) add(ctx context.Context, ex *execer, p *preparedRecord) error {
	r := p.rows
	for _, q := range []struct {
		to   *rowInserter
		rows *encodedRows
	}{
		{&cb.clients, &r.clients}, {&cb.phones, &r.phones}, {&cb.tags, &r.tags},
		{&cb.promises, &r.promises}, {&cb.complaints, &r.complaints},
		{cb.purchases, &p.purchases}, {cb.preferences, &p.preferences}, {cb.contacts, &r.contacts},
		{&cb.search, &r.search}, {&cb.phoneSearch, &r.phoneSearch},
	} {
		if err := q.to.insertEncoded(ctx, ex, q.rows); err != nil {
			return err
		}
	}
	return nil
}

// recordDone writes the rows queued once a kind of row has rowBatch
// waiting; the insert calls it after each whole record.
func (cb *clientBatch) recordDone(ctx context.Context, ex *execer) error {
	for _, ri := range cb.rows {
		if ri.rows >= rowBatch {
			return cb.flush(ctx, ex)
		}
	}
	return nil
}

// flush writes the rows queued.
func (cb *clientBatch) flush(ctx context.Context, ex *execer) error {
	for _, ri := range cb.rows {
		if err := ri.flush(ctx, ex); err != nil {
			return err
		}
	}
	return nil
}

// flushSearch writes the search rows waiting with one statement for each
// search table, where insertSearchRows takes two per client. FTS5 holds
// what one statement gives it and writes it as one segment, as it did the
// run of single-row inserts (see recordInserter.search).
func (cb *clientBatch) flushSearch(ctx context.Context, ex *execer) error {
	if err := cb.search.flush(ctx, ex); err != nil {
		return err
	}
	return cb.phoneSearch.flush(ctx, ex)
}
