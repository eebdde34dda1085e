package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"clienttracker/model"
)

// progressEvery is how many records InsertRecords inserts between calls of
// its progress function, checks of its context and writes of the search
// index.
const progressEvery = 1000

// searchBatch is how many clients' search rows a bulk insert holds before
// writing them: FTS5 keeps what it is given in memory (up to the 64 MB the
// insert allows it) and writes a segment when a statement with a savepoint
// follows, so larger runs mean fewer segments to merge.
const searchBatch = 20000

// msgReferrerNotInBatch is the message for a ReferrerIndex outside the batch.
const msgReferrerNotInBatch = "The referring client is not in the data; check the list."

// InsertRecords inserts clients with their preferences and purchases, as
// the sample data, the demo command and importers produce them, in one
// transaction: all of them or, on any error, none. It validates each
// record as the forms do; a record's ReferrerIndex (1-based within recs,
// earlier or later) becomes its client's referrer, and otherwise a
// non-zero Client.ReferredBy must name a stored client. progress, if not
// nil, is called with the count so far after every 1000 records. The
// transaction ends with a full recompute of every client's stage and next
// due day. It returns how many clients it inserted.
//
// A validation error comes back wrapped as "record N (name): …", so
// errors.As still finds the *model.ValidationError. Other errors are the
// context's error if it is cancelled, model.ErrConflict for a constraint
// the store enforces, and wrapped SQLite errors.
func (db *DB) InsertRecords(ctx context.Context, recs iter.Seq[model.ClientRecord], progress func(done int)) (int, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return 0, storeErr("insert records", err)
	}
	defer tx.Rollback()
	restore, err := setCache(ctx, tx, bulkCacheKiB)
	if err != nil {
		return 0, storeErr("insert records", err)
	}
	n, err := db.insertRecords(ctx, tx, recs, progress, nil)
	err = errors.Join(err, restore())
	if ctx.Err() != nil {
		// Cancelling rolls the transaction back at once, so the statement
		// that noticed reports that instead of the cause.
		err = ctx.Err()
	}
	if err != nil {
		return 0, storeErr("insert records", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, storeErr("insert records", err)
	}
	return n, nil
}

// bulkCacheKiB is the page cache of InsertRecords, in KiB: it keeps more
// of the indexes the purchases and contacts of a sample book touch in
// memory (256 MB took the 100,000-client demo from 48 s to 38 s). Set
// back when the insert ends, which lets SQLite free the pages.
const bulkCacheKiB = 256 << 10

// setCache sets the page cache of tx's connection to kib KiB and returns
// the function that sets it back, to call before tx ends; calling it
// again does nothing.
func setCache(ctx context.Context, tx *sql.Tx, kib int) (restore func() error, err error) {
	var was int64
	if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&was); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = "+strconv.Itoa(-kib)); err != nil {
		return nil, err
	}
	done := false
	return func() error {
		if done {
			return nil
		}
		done = true
		_, err := tx.ExecContext(context.WithoutCancel(ctx), "PRAGMA cache_size = "+strconv.FormatInt(was, 10))
		return err
	}, nil
}

// insertRecords implements InsertRecords in tx.
//
// Its statements run without ctx's cancellation, which the driver would
// watch with a goroutine per statement; ctx is checked every 1000 records
// instead, and cancelling it also rolls the transaction back.
//
// phones holds the numbers an import has already read (nil: none).
func (db *DB) insertRecords(ctx context.Context, tx *sql.Tx, recs iter.Seq[model.ClientRecord], progress func(int), phones phoneCache) (n int, err error) {
	b, err := db.startBulk(ctx, tx, phones, sampleHashBytes)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := b.close(); err == nil {
			err = cerr
		}
	}()
	if b.history, err = dropHistoryIndexes(ctx, tx); err != nil {
		return 0, err
	}
	// Nothing but this insert writes purchases until it ends: the months
	// can be summed from the records (see purchaseMonths).
	b.ins.months = newMonthRows()
	if b.ins.clients, err = newClientBatch(ctx, tx, b.ins); err != nil {
		return 0, err
	}
	if err := b.add(ctx, recs, progress); err != nil {
		return 0, err
	}
	return b.finish(ctx)
}

// bulkInsert is an insertRecords in progress: started, given records in
// one or more runs (an import gives its new clients a batch at a time,
// between its updates), finished, and closed.
type bulkInsert struct {
	db        *DB
	tx        *sql.Tx
	ins       *recordInserter
	rebuild   []string // the statements that make the dropped indexes again
	retrigger []string // the statements that make the dropped triggers again
	history   []string // those of the history tables' indexes (InsertRecords only)
}

// The search index holds the terms of the clients a bulk insert writes in
// memory (FTS5's hashsize) until it holds this many bytes, then writes
// them out as one more segment of the index, which it merges with the
// others now and then. A sample book's whole clients fit: its index is
// written out once, at the end. An import keeps less, for its memory: at
// 64 MB, importing 100,000 new clients with Armenian and Georgian names,
// birthdays and notes (11 MB of CSV) held 27 MB of terms, and the command
// took 256-265 MB at its peak; at 8 MB, 239-244 MB, in the same time.
const (
	sampleHashBytes = 64 << 20
	importHashBytes = 8 << 20
)

// startBulk prepares tx for inserting many clients, the search index
// holding hash bytes of their terms in memory at most.
func (db *DB) startBulk(ctx context.Context, tx *sql.Tx, phones phoneCache, hash int) (*bulkInsert, error) {
	s, err := pinSettings(ctx, tx, db.locale)
	if err != nil {
		return nil, err
	}
	// Foreign keys are checked at COMMIT instead of at each statement, so
	// that a record's purchases can go in before its client (see insert)
	// and a referral can name a client later in the batch. SQLite resets
	// this pragma when the transaction ends.
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return nil, err
	}
	ins := &recordInserter{
		ex:          &execer{tx: tx, prepare: true, region: s.HomeCountry, phones: phones},
		coll:        db.collator(s.SortLanguage),
		today:       db.now(),
		now:         timestamp(db.now()),
		max:         s.Money.Max(),
		purchases:   rowInserter{table: purchaseColumns, width: 9},
		preferences: rowInserter{table: preferenceColumns, width: 5},
		contacts:    rowInserter{table: "interactions (client_id, at, channel, summary, feedback, feedback_text, promise_id)", width: 7},
	}
	b := &bulkInsert{db: db, tx: tx, ins: ins}
	// The write transaction holds the write lock, so the ids after the
	// largest are free for the whole batch: record i gets base+i, known
	// before the record is inserted.
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM clients").Scan(&ins.base); err != nil {
		return nil, err
	}
	if b.rebuild, err = dropIndexesForBulk(ctx, tx); err != nil {
		return nil, err
	}
	if b.retrigger, err = dropTriggersForBulk(ctx, tx); err != nil {
		return nil, err
	}
	if ins.sched, ins.recomputed, err = loadScheduleSettings(ctx, tx); err != nil {
		return nil, err
	}
	if ins.ladder, err = loadLadderSettings(ctx, tx); err != nil {
		return nil, err
	}
	ins.day = db.today()
	ins.scanner = newScheduleScanner(loadFacts)

	if _, err := tx.ExecContext(ctx, "INSERT INTO client_fts (client_fts, rank) VALUES ('hashsize', ?)", hash); err != nil {
		return nil, err
	}
	return b, nil
}

// add inserts recs after those inserted so far.
func (b *bulkInsert) add(ctx context.Context, recs iter.Seq[model.ClientRecord], progress func(int)) error {
	ins := b.ins
	sctx := context.WithoutCancel(ctx)
	// The records are prepared (validated, their keys made) on a second
	// goroutine while this one writes: about a fifth of the work is Go's,
	// and the machine has a core for it.
	stop := make(chan struct{})
	prepared := ins.prepareAhead(recs, stop)
	defer func() {
		close(stop)
		for range prepared { // let the preparing goroutine end
		}
	}()
	for p := range prepared {
		ins.n++
		if err := ins.insert(sctx, p); err != nil {
			return err
		}
		if ins.n%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if ins.searchWaiting() >= searchBatch {
				if err := ins.flushSearch(sctx); err != nil {
					return err
				}
			}
			if progress != nil {
				progress(ins.n)
			}
		}
	}
	return nil
}

// finish writes what add left pending (the queued rows, the search
// index), puts the dropped triggers back and sums what they would have
// kept, computes the schedules left to the end, builds the dropped indexes
// again, and returns how many clients were inserted.
func (b *bulkInsert) finish(ctx context.Context) (int, error) {
	ins, tx := b.ins, b.tx
	sctx := context.WithoutCancel(ctx)
	if ins.clients != nil {
		if err := ins.clients.flush(sctx, ins.ex); err != nil {
			return 0, err
		}
	}
	for _, ri := range []*rowInserter{&ins.purchases, &ins.preferences, &ins.contacts} {
		if err := ri.flush(sctx, ins.ex); err != nil {
			return 0, err
		}
	}
	if err := ins.flushSearch(sctx); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO client_fts (client_fts, rank) VALUES ('hashsize', ?)", 1<<20); err != nil {
		return 0, err
	}
	if f := ins.forward; f.record != 0 && f.referrer > ins.n {
		return 0, recordErr(f.record, f.name, referrerError(msgReferrerNotInBatch))
	}
	if err := b.finishHistory(sctx); err != nil {
		return 0, err
	}
	for _, q := range b.retrigger {
		if _, err := tx.ExecContext(sctx, q); err != nil {
			return 0, fmt.Errorf("restore trigger: %w", err)
		}
	}
	if ins.months == nil {
		if err := fillPurchaseMonths(sctx, tx, ins.base); err != nil {
			return 0, err
		}
	}
	if err := ins.finishSchedules(sctx, b.db, tx); err != nil {
		return 0, err
	}
	if len(b.rebuild) > 0 {
		if _, err := tx.ExecContext(sctx, "PRAGMA threads = 2"); err != nil {
			return 0, err
		}
	}
	for _, q := range b.rebuild {
		if _, err := tx.ExecContext(sctx, q); err != nil {
			return 0, fmt.Errorf("rebuild index: %w", err)
		}
	}
	return ins.n, nil
}

// close closes the statements the insert prepared.
func (b *bulkInsert) close() error { return b.ins.ex.close() }

// bulkRebuildBelow: a bulk insert into a book of fewer clients drops the
// secondary indexes of the clients and client_phones tables and builds
// them again at the end. Ten indexes take an entry for every new client and move it again
// when the closing recompute sets its rung and due day; building an index
// from scratch sorts once. For 100,000 new clients that is the difference
// between about 7 s and 2 s; for a few clients into a small book, a few
// milliseconds either way. Into a larger book, the indexes stay.
const bulkRebuildBelow = 5000

// dropIndexesForBulk drops the secondary indexes of clients and their
// phones (an import matches phones in memory, not through them) when
// clients holds fewer than bulkRebuildBelow rows, and returns the
// statements that make them again. Inside the transaction: a rollback
// brings them back.
func dropIndexesForBulk(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&n); err != nil {
		return nil, err
	}
	if n >= bulkRebuildBelow {
		return nil, nil
	}
	return dropSchema(ctx, tx, "INDEX", "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('clients', 'client_phones') AND sql IS NOT NULL ORDER BY name", nil)
}

// dropSchema drops the indexes or triggers (kind "INDEX" or "TRIGGER")
// that query, with args, lists as (name, sql) rows from sqlite_schema,
// and returns their statements, which make them again.
func dropSchema(ctx context.Context, tx *sql.Tx, kind, query string, args []any) ([]string, error) {
	var names, create []string
	err := queryEach(ctx, tx, query, args, func(rows *sql.Rows) error {
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
		if _, err := tx.ExecContext(ctx, "DROP "+kind+` "`+strings.ReplaceAll(name, `"`, `""`)+`"`); err != nil {
			return nil, err
		}
	}
	return create, nil
}

// bulkTriggerTables are the tables whose triggers keep aggregates in the
// client row (purchase and contact figures). A bulk insert writes their
// rows only for clients of the batch, whose rows it writes with those
// figures already added up (see insert): the triggers would count every
// purchase and contact a second time. They would cost besides: SQLite
// runs a multi-row INSERT into a table with row triggers through a
// temporary table, and each row's trigger is a statement of its own.
// The clients' own trigger sums a new client's earlier purchases into
// purchase_months, which the bulk insert does at its end for all of them
// (fillPurchaseMonths). Dropping it and the phones' indexes (see
// dropIndexesForBulk) made a 100,000-client import 1.4 s faster.
var bulkTriggerTables = []string{"purchases", "interactions", "clients"}

// dropTriggersForBulk drops the triggers of bulkTriggerTables and returns
// the statements that make them again, which the bulk insert runs once its
// rows are in. Inside the transaction: a rollback brings them back, and
// no other connection ever sees the tables without them.
func dropTriggersForBulk(ctx context.Context, tx *sql.Tx) ([]string, error) {
	return dropSchema(ctx, tx, "TRIGGER", "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name IN (?, ?, ?) ORDER BY name",
		[]any{bulkTriggerTables[0], bulkTriggerTables[1], bulkTriggerTables[2]})
}

// recordInserter holds what inserting one batch of records needs.
type recordInserter struct {
	ex    *execer
	coll  *model.Collator
	today time.Time
	now   time.Time // created_at of every client in the batch
	max   model.Money

	base int64 // record i gets id base+i
	n    int   // records inserted so far

	// forward is the referral to the furthest record ahead in the batch,
	// to check once the batch is complete.
	forward struct {
		record, referrer int
		name             string
	}

	purchases, preferences, contacts rowInserter
	months                           *monthRows   // nil: fillPurchaseMonths sums them at the end
	clients                          *clientBatch // nil: each client is inserted at once

	// What computing a schedule before the insert needs (see schedule),
	// and the clients whose schedule is left to finishSchedules: those
	// with a history, and every referrer a client of the batch names.
	sched       model.ScheduleSettings
	ladder      model.LadderSettings
	recomputed  time.Time // the day of the last full recompute
	day         time.Time
	scanner     *scheduleScanner // the preparing goroutine's
	unscheduled []int64
	referrers   []int64

	// search holds the search rows of the clients inserted since the last
	// flushSearch. FTS5 writes the rows it holds in memory to disk at
	// every statement savepoint, and every multi-row insert opens one:
	// written with each client, the search index would be flushed, and
	// merged, after every batch of rows. (With a clientBatch, they wait in
	// it, encoded.)
	search []searchRows
}

// insert validates and inserts record ins.n.
//
// Its purchases, preferences and contacts are queued (see rowInserter)
// and its client row goes in once with the aggregates model.ComputeStats
// adds up, the same sums the purchases triggers make, and the contact
// figures the interactions trigger keeps. With the triggers on, each
// purchase would move the client's entries in two sort indexes: ten
// purchases, twenty index moves, most of the time of a bulk insert.
func (ins *recordInserter) insert(ctx context.Context, p *preparedRecord) error {
	if p.err != nil {
		return p.err
	}
	i, c, rec := p.i, &p.c, p.rec
	if rec.ReferrerIndex == 0 && c.ReferredBy != 0 {
		if ins.clients != nil && c.ReferredBy > ins.base {
			// A client of the batch named by id: in the table first.
			if err := ins.clients.clients.flush(ctx, ins.ex); err != nil {
				return fmt.Errorf("record %d: %w", i, err)
			}
		}
		if err := checkReferrer(ctx, ins.ex.tx, c, nil); err != nil {
			return recordErr(i, c.Name, err)
		}
	}
	if ins.months != nil {
		ins.months.add(p.months)
	}
	if cb := ins.clients; cb != nil {
		if err := cb.add(ctx, ins.ex, p); err != nil {
			return fmt.Errorf("record %d: %w", i, err)
		}
	} else if err := ins.insertOne(ctx, p); err != nil {
		return err
	}
	if p.sched == nil {
		ins.unscheduled = append(ins.unscheduled, c.ID)
	}
	if c.ReferredBy != 0 {
		ins.referrers = append(ins.referrers, c.ReferredBy)
	}
	if ins.clients != nil {
		return ins.clients.recordDone(ctx, ins.ex)
	}
	return nil
}

// insertOne inserts p when its client cannot wait for a batch (see
// clientBatch): its client row at once, its contact history with a
// statement a row but for the contacts. Its search rows wait in
// ins.search.
func (ins *recordInserter) insertOne(ctx context.Context, p *preparedRecord) error {
	i, c, rec := p.i, &p.c, p.rec
	if err := ins.purchases.insertEncoded(ctx, ins.ex, &p.purchases); err != nil {
		return fmt.Errorf("record %d: purchases: %w", i, err)
	}
	if err := ins.preferences.insertEncoded(ctx, ins.ex, &p.preferences); err != nil {
		return fmt.Errorf("record %d: preferences: %w", i, err)
	}
	// The client's contact figures are set once below, as the trigger
	// would have set them.
	last, err := ins.insertContacts(ctx, i, c, rec)
	if err != nil {
		return err
	}
	if err := insertClient(ctx, ins.ex, c, p.forms, p.sortKey, p.purchaseDates, p.sched); err != nil {
		return fmt.Errorf("record %d: %w", i, err)
	}
	if len(rec.Contacts) > 0 {
		if _, err := ins.ex.exec(ctx, "UPDATE clients SET contact_count = ?, last_contact = ?, last_feedback = ? WHERE id = ?",
			len(rec.Contacts), formatTimestamp(last.at), string(last.feedback), c.ID); err != nil {
			return fmt.Errorf("record %d: contacts: %w", i, err)
		}
	}
	ins.search = append(ins.search, p.search)
	return nil
}

// preparedRecord is record i made ready for insert: everything that needs
// no database (normalising, validating, sort and search keys, the
// purchase sums), done by prepare on its own goroutine while the previous
// records are written.
type preparedRecord struct {
	i                      int
	rec                    model.ClientRecord
	c                      model.Client
	err                    error // a validation error, already naming the record
	sortKey                []byte
	purchaseDates          string
	purchases, preferences encodedRows     // for ins.purchases and ins.preferences
	rows                   *recordRows     // all its rows, if ins.clients
	months                 []purchaseMonth // if ins.months
	search                 searchRows
	forms                  []model.PhoneForms // of c.Phones
	sched                  *scheduleChange    // nil: left to finishSchedules
}

// prepare makes record i ready. It reads only fields set before the
// insert starts (base, today, now, max, the collator, the row widths)
// and ins.forward, which only it writes until the records are done.
func (ins *recordInserter) prepare(i int, rec model.ClientRecord) *preparedRecord {
	p := &preparedRecord{i: i, rec: rec}
	c := rec.Client // a copy: the caller's record is left as it was
	c.ID = 0
	c.Normalize() // for the name in errors; normalizeClient below does the rest
	fail := func(err error) *preparedRecord {
		p.err = recordErr(i, c.Name, err)
		return p
	}
	switch ref := rec.ReferrerIndex; {
	case ref < 0:
		return fail(referrerError(msgReferrerNotInBatch))
	case ref == i:
		return fail(referrerError("A client cannot be referred by themselves."))
	case ref > 0:
		c.ReferredBy = ins.base + int64(ref)
		if ref > ins.forward.referrer {
			ins.forward.record, ins.forward.referrer, ins.forward.name = i, ref, c.Name
		}
	}
	if err := normalizeClient(&c, ins.today); err != nil {
		return fail(err)
	}
	c.ID = ins.base + int64(i)

	purchases := make([]model.Purchase, len(rec.Purchases))
	for j, pu := range rec.Purchases {
		pu.ClientID = c.ID
		pu.Normalize()
		if err := pu.Validate(ins.today, ins.max); err != nil {
			return fail(err)
		}
		purchases[j] = pu
		if err := p.purchases.encode(ins.purchases.width, purchaseArgs(&pu)); err != nil {
			return fail(err)
		}
	}
	for _, pr := range rec.Preferences {
		pr.ClientID = c.ID
		pr.Normalize()
		if err := pr.Validate(); err != nil {
			return fail(err)
		}
		if err := p.preferences.encode(ins.preferences.width, preferenceArgs(&pr)); err != nil {
			return fail(err)
		}
	}
	c.Summary = model.ComputeStats(purchases, ins.today).PurchaseSummary
	if ins.months != nil {
		p.months = purchaseMonths(c.ID, purchases)
	}
	c.CreatedAt, c.UpdatedAt = ins.now, ins.now
	p.sortKey = ins.coll.Key(c.Name)
	p.purchaseDates = purchaseDates(purchases)
	p.forms = ins.ex.phoneForms(c.Phones)
	p.search = newSearchRows(&c, p.forms)
	p.c = c
	if len(rec.Purchases) == 0 && len(rec.Contacts) == 0 && len(rec.Promises) == 0 && len(rec.Complaints) == 0 {
		p.sched = ins.schedule(&c)
	}
	if cb := ins.clients; cb != nil {
		var err error
		if p.rows, err = cb.prepare(ins, p); err != nil {
			return fail(err)
		}
	}
	return p
}

// schedule computes the schedule of c, a new client with no history (as
// an imported one), before it is inserted: by reading the row it will be
// through the scanner a full recompute reads rows with, so the rules see
// exactly what they would see after the insert. nil if that fails; the
// client is then left to finishSchedules.
func (ins *recordInserter) schedule(c *model.Client) *scheduleChange {
	// A new client was never contacted: the rules read created_at (see
	// scheduleColumns).
	created := c.CreatedAt.Format(timestampLayout)
	b := c.Birthday
	vals := make([]string, 0, 32) // the columns of scheduleColumns
	vals = append(vals, strconv.FormatInt(c.ID, 10), argText(nullDate(c.Since)), created,
		argText(nullInt(int64(b.Day))), argText(nullInt(int64(b.Month))), argText(nullInt(int64(b.Year))))
	for _, v := range lostPlanArgs(c) {
		vals = append(vals, argText(v))
	}
	m := c.Marks
	flags := boolInt(m.VIP)<<1 | boolInt(m.Blacklist)<<2 | boolInt(m.BuysOnlyHere)<<3
	vals = append(vals,
		"0", "", "", // purchase_count, last_purchase, purchase_dates
		"0", "", "", // contact_count, last_contact, last_feedback
		string(model.StageNewbie), "", "", "", "", // stage (the column's default), next_due, due_key, pinned_stage, auto_stage
		strconv.Itoa(flags), "") // flags, spend in the last twelve months
	var cs clientSchedule
	if err := ins.scanner.scan(&jsonRowScanner{vals: vals}, &cs); err != nil {
		return nil
	}
	ch := computeSchedule(&cs, ins.sched, ins.ladder, ins.day)
	return &ch
}

// argText is a bound value as a row of a JSON batch reads: "" for NULL,
// 1 and 0 for true and false.
func argText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.Itoa(boolInt(v))
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	}
	return fmt.Sprint(v)
}

// finishSchedules computes the schedules the batch left: of its clients
// with a history, of the clients its clients name as referrers (whose
// rung may change), and, on a new day, of everyone. A few hundred are
// computed by id; more get one full recompute, whose cost does not grow
// with the batch (under a second for 100,000 clients). A client of the
// batch whose schedule was stored before its insert and who is computed
// again arrives on their rung: no move is recorded for them.
func (ins *recordInserter) finishSchedules(ctx context.Context, db *DB, tx *sql.Tx) error {
	stored := ins.base > 0 // clients before the batch: their day may be old
	if !ins.recomputed.Equal(ins.day) && stored {
		return db.recomputeQuietly(ctx, tx, ins.day)
	}
	if !ins.recomputed.Equal(ins.day) {
		// Every client is of the batch and computed as of today.
		if err := putSetting(ctx, tx, keyScheduleRecompute, model.FormatDate(ins.day)); err != nil {
			return err
		}
	}
	ids := slices.Concat(ins.unscheduled, ins.referrers)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	switch {
	case len(ids) == 0:
		return nil
	case len(ids) > refreshFew:
		return db.recomputeQuietly(ctx, tx, ins.day)
	}
	// Referrers of the batch whose schedule went in with them: as if
	// never placed, so computing them again records no move.
	for _, id := range ids {
		if id > ins.base {
			if _, err := ins.ex.exec(ctx, "UPDATE clients SET auto_stage = NULL WHERE id = ?", id); err != nil {
				return err
			}
		}
	}
	return computeSchedules(ctx, tx, listed(ids), ins.day, moveCause{at: db.now()})
}

// prepareAhead runs prepare over recs on a goroutine of its own and sends
// the records in order; it stops at the first invalid record (sent too)
// or when stop is closed. The channel is closed at the end.
func (ins *recordInserter) prepareAhead(recs iter.Seq[model.ClientRecord], stop <-chan struct{}) <-chan *preparedRecord {
	// The writer takes records in bursts: between two, it writes the
	// rows of a few hundred at once. With 256 records in hand it then
	// waited 0.6-0.7 s in all for the next ones in a 100,000-client
	// sample book, with 1024, 50-140 ms; each costs 20-25 KB until written.
	out := make(chan *preparedRecord, 1024)
	i := ins.n // the records before these were inserted by earlier runs
	go func() {
		defer close(out)
		for rec := range recs {
			i++
			p := ins.prepare(i, rec)
			select {
			case out <- p:
			case <-stop:
				return
			}
			if p.err != nil {
				return
			}
		}
	}()
	return out
}

// lastContact is what clients keeps of a client's contacts.
type lastContact struct {
	at       time.Time
	feedback model.Feedback // of the latest contact that had any
}

// insertContacts validates and inserts a record's promises and
// complaints and queues its contacts, and returns what the client row
// keeps of them (the count is theirs). A contact's PromiseID is the
// 1-based index of a promise of the same record.
func (ins *recordInserter) insertContacts(ctx context.Context, i int, c *model.Client, rec model.ClientRecord) (last lastContact, err error) {
	promises, err := ins.checkPromises(c.ID, rec.Promises)
	if err != nil {
		return last, recordErr(i, c.Name, err)
	}
	promiseIDs := make([]int64, len(promises))
	for j := range promises {
		res, err := ins.ex.exec(ctx, `INSERT INTO promises (client_id, what, made_on, due_by, status, kept_on)
			VALUES (?, ?, ?, ?, ?, ?)`, promiseArgs(&promises[j])...)
		if err != nil {
			return last, fmt.Errorf("record %d: promises: %w", i, err)
		}
		if promiseIDs[j], err = res.LastInsertId(); err != nil {
			return last, fmt.Errorf("record %d: promises: %w", i, err)
		}
	}
	args, last, err := ins.contactArgs(c.ID, rec.Contacts, promiseIDs)
	if err != nil {
		return last, recordErr(i, c.Name, err)
	}
	if err := ins.contacts.insert(ctx, ins.ex, args); err != nil {
		return last, fmt.Errorf("record %d: contacts: %w", i, err)
	}
	complaints, err := ins.checkComplaints(c.ID, rec.Complaints)
	if err != nil {
		return last, recordErr(i, c.Name, err)
	}
	for j := range complaints {
		if _, err := ins.ex.exec(ctx, `INSERT INTO complaints
			(client_id, opened_on, what, options, apologised, status, resolution, resolved_on)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, complaintArgs(&complaints[j])...); err != nil {
			return last, fmt.Errorf("record %d: complaints: %w", i, err)
		}
	}
	return last, nil
}

// checkHistory returns items, a record's promises or complaints, each
// given to its client by own, normalised and validated as of today, or
// the first one's validation error.
func checkHistory[T any, P interface {
	*T
	Normalize()
	Validate(today time.Time) error
}](items []T, today time.Time, own func(P)) ([]T, error) {
	out := slices.Clone(items)
	for j := range out {
		it := P(&out[j])
		own(it)
		it.Normalize()
		if err := it.Validate(today); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkPromises is checkHistory for the promises of client id.
func (ins *recordInserter) checkPromises(id int64, promises []model.Promise) ([]model.Promise, error) {
	return checkHistory(promises, ins.today, func(p *model.Promise) { p.ClientID = id })
}

// checkComplaints is checkHistory for the complaints of client id.
func (ins *recordInserter) checkComplaints(id int64, complaints []model.Complaint) ([]model.Complaint, error) {
	return checkHistory(complaints, ins.today, func(k *model.Complaint) { k.ClientID = id })
}

// contactArgs validates contacts, those of client id, and returns their
// values for ins.contacts and what the client row keeps of them;
// promiseIDs are the ids of the record's promises, which a contact's
// PromiseID numbers from 1.
func (ins *recordInserter) contactArgs(id int64, contacts []model.Interaction, promiseIDs []int64) (args []any, last lastContact, err error) {
	args = make([]any, 0, ins.contacts.width*len(contacts))
	var lastFeedbackAt time.Time
	for _, k := range contacts {
		k.ClientID = id
		k.Normalize()
		if err := k.Validate(ins.now); err != nil {
			return nil, last, err
		}
		if k.PromiseID != 0 {
			if k.PromiseID < 0 || k.PromiseID > int64(len(promiseIDs)) {
				return nil, last, &model.ValidationError{Fields: []model.FieldError{{Field: model.FieldWhat,
					Message: "The contact names a promise that is not in the data."}}}
			}
			k.PromiseID = promiseIDs[k.PromiseID-1]
		}
		if !k.At.Before(last.at) {
			last.at = k.At
		}
		if k.Feedback != model.FeedbackNone && !k.At.Before(lastFeedbackAt) {
			last.feedback, lastFeedbackAt = k.Feedback, k.At
		}
		args = append(args, k.ClientID, formatTimestamp(k.At), string(k.Channel), k.Summary, string(k.Feedback), k.FeedbackText, nullInt(k.PromiseID))
	}
	return args, last, nil
}

// searchWaiting is how many clients' search rows flushSearch would write.
func (ins *recordInserter) searchWaiting() int {
	if ins.clients != nil {
		return ins.clients.search.rows
	}
	return len(ins.search)
}

// flushSearch writes the pending search rows.
func (ins *recordInserter) flushSearch(ctx context.Context) error {
	if ins.clients != nil {
		if err := ins.clients.flushSearch(ctx, ins.ex); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		return nil
	}
	for _, r := range ins.search {
		if err := insertSearchRows(ctx, ins.ex, r); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	ins.search = ins.search[:0]
	return nil
}

// placeholders returns "(?, ?, …)" with n question marks.
func placeholders(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

// recordErr says which record of a batch was invalid.
func recordErr(i int, name string, err error) error {
	return fmt.Errorf("record %d (%s): %w", i, name, err)
}

// referrerError is a validation error on the referrer field.
func referrerError(msg string) error {
	return &model.ValidationError{Fields: []model.FieldError{{Field: model.FieldReferredBy, Message: msg}}}
}

// purchaseDates is clients.purchase_dates for ps: their dates in order,
// comma-separated, as the purchases_dates_* triggers list them.
func purchaseDates(ps []model.Purchase) string {
	dates := make([]string, len(ps))
	for i, p := range ps {
		dates[i] = model.FormatDate(p.Date)
	}
	slices.Sort(dates)
	return strings.Join(dates, ",")
}

// fillPurchaseMonths sums the purchases of the clients after id base into
// purchase_months, the Insights summary the purchases triggers keep, which
// a bulk insert drops (dropTriggersForBulk). Months the clients' own
// trigger already wrote are written again, whole.
func fillPurchaseMonths(ctx context.Context, tx *sql.Tx, base int64) error {
	_, err := tx.ExecContext(ctx, `
		INSERT OR REPLACE INTO purchase_months (month, client_id, purchases, spend, days, first_day, last_day, prior_day)
		SELECT month, client_id, purchases, spend, days, first_day, last_day,
			lag(last_day) OVER (PARTITION BY client_id ORDER BY month)
		FROM (SELECT substr(date, 1, 7) AS month, client_id, count(*) AS purchases, sum(amount) AS spend,
				count(DISTINCT date) AS days, min(date) AS first_day, max(date) AS last_day
			FROM purchases WHERE client_id > ? GROUP BY client_id, month)`, base)
	if err != nil {
		return fmt.Errorf("purchase months: %w", err)
	}
	return nil
}
