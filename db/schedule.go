package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"clienttracker/model"
)

// The contact schedule in the store
//
// Every client row carries its ladder stage and next_due, the earliest day
// anything about the client is due (model.NextDue), indexed. Every write
// that changes what they depend on (a contact, a purchase, a promise, a
// complaint, a lost mark, a snooze, the client's plan, a referral) calls
// refreshClient in the write's own transaction, for the client and, for a
// referral, the referrer. (The facts the rules read from the client row,
// last contact, contact count, last feedback and purchase dates, are kept
// by triggers: see 0002_contacts.sql.) With them, the row keeps the
// client's place in the due list (model.DueRank: due_key and due_risk), so
// the due list reads its counts and a page of ids in order from an index
// and describes only the clients of that page.
//
// Stage, next_due and the place in the list also depend on the day (the twelve-month spend, the
// age of a debt, lapsing), so the day of the last full recompute is kept
// in settings (schedule.recomputed_on). DueList recomputes every client
// first when asked about another day: as of today, it keeps the result; as
// of any other day (a look at the past or the future from the command
// line), it recomputes inside its transaction and rolls it back, so the
// stored schedule is always that of today or of the day it was last used.

// Keys of the schedule settings; the intervals are keyed by stage.
const (
	keyScheduleInterval  = "schedule.interval." // + stage
	keyScheduleOverdue   = "schedule.overdue_factor"
	keyScheduleFollowUp  = "schedule.follow_up_days"
	keyScheduleHorizon   = "schedule.horizon_days"
	keyScheduleCapacity  = "schedule.daily_capacity"
	keyScheduleFollowWin = "schedule.follow_up_window_days"
	keyScheduleOccasion  = "schedule.occasion_window_days"
	keyScheduleFirst     = "schedule.first_check_in_days"
	keyScheduleRecompute = "schedule.recomputed_on" // 'YYYY-MM-DD' of the last full recompute
)

// MarkLost records that a client was lost, when and why; a zero l makes
// them a client again. A lost client gets no check-ins (open promises and
// complaints still show). It returns a *model.ValidationError for invalid
// input, model.ErrNotFound if there is no such client, and wrapped SQLite
// errors otherwise.
func (db *DB) MarkLost(ctx context.Context, clientID int64, l model.Lost) error {
	now := db.now()
	l.Normalize()
	if err := l.Validate(now); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("mark lost", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE clients SET lost_reason = ?, lost_text = ?, lost_on = ? WHERE id = ?",
		append(lostArgs(l), clientID)...)
	if err := affectedOne(res, err); err != nil {
		return storeErr("mark lost", err)
	}
	if err := db.refreshClient(ctx, tx, clientID, now); err != nil {
		return storeErr("mark lost", err)
	}
	return storeErr("mark lost", tx.Commit())
}

// Snooze moves the client's check-ins, follow-ups and occasions to the day
// until at the earliest, without logging a contact; a zero until ends the
// snooze. Promises and complaints are never snoozed. It returns a
// *model.ValidationError for a day that is not after today
// (model.ValidateSnooze), model.ErrNotFound if there is no such client,
// and wrapped SQLite errors otherwise.
func (db *DB) Snooze(ctx context.Context, clientID int64, until time.Time) error {
	if err := model.ValidateSnooze(until, db.today()); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("snooze", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE clients SET snoozed_until = ? WHERE id = ?", nullDate(model.Day(until)), clientID)
	if err := affectedOne(res, err); err != nil {
		return storeErr("snooze", err)
	}
	if err := db.refreshClient(ctx, tx, clientID, db.now()); err != nil {
		return storeErr("snooze", err)
	}
	return storeErr("snooze", tx.Commit())
}

// LostCounts returns how many clients are marked lost for each reason
// (reasons with none are absent). Errors are wrapped SQLite errors.
func (db *DB) LostCounts(ctx context.Context) (map[model.LostReason]int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("lost counts", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT lost_reason, count(*) FROM clients
		WHERE lost_reason IS NOT NULL GROUP BY lost_reason`)
	if err != nil {
		return nil, storeErr("lost counts", err)
	}
	defer rows.Close()
	out := map[model.LostReason]int{}
	for rows.Next() {
		var r string
		var n int
		if err := rows.Scan(&r, &n); err != nil {
			return nil, storeErr("lost counts", err)
		}
		out[model.LostReason(r)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("lost counts", err)
	}
	return out, storeErr("lost counts", tx.Commit())
}

// ScheduleSettings returns the owner's schedule settings; those never
// saved come from model.DefaultScheduleSettings. Errors are wrapped SQLite
// errors.
func (db *DB) ScheduleSettings(ctx context.Context) (model.ScheduleSettings, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return model.ScheduleSettings{}, storeErr("schedule settings", err)
	}
	defer tx.Rollback()
	s, _, err := loadScheduleSettings(ctx, tx)
	if err != nil {
		return model.ScheduleSettings{}, storeErr("schedule settings", err)
	}
	return s, storeErr("schedule settings", tx.Commit())
}

// SaveScheduleSettings stores the owner's schedule settings and, in the
// same transaction, recomputes every client's schedule with them (unless
// only the daily capacity changed). Stages
// missing from s.Intervals keep their default interval. Errors are wrapped
// SQLite errors.
func (db *DB) SaveScheduleSettings(ctx context.Context, s model.ScheduleSettings) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("save schedule settings", err)
	}
	defer tx.Rollback()
	old, _, err := loadScheduleSettings(ctx, tx)
	if err != nil {
		return storeErr("save schedule settings", err)
	}
	if err := saveScheduleSettings(ctx, tx, s); err != nil {
		return storeErr("save schedule settings", err)
	}
	// The daily capacity only splits the list as it is read: a change of
	// it alone places nobody again.
	old.DailyCapacity = s.DailyCapacity
	if !reflect.DeepEqual(old, s) {
		if err := db.recompute(ctx, tx, db.today()); err != nil {
			return storeErr("save schedule settings", err)
		}
	}
	return storeErr("save schedule settings", tx.Commit())
}

// Recompute computes every client's stage and next due day again, as of
// today by the store's clock. Writes keep them current, and DueList runs
// it when the day has changed; this is for settings changes and repairs.
// Errors are wrapped SQLite errors.
func (db *DB) Recompute(ctx context.Context) error {
	tx, err := db.beginQuietWrite(ctx)
	if err != nil {
		return storeErr("recompute", err)
	}
	defer tx.Rollback()
	if err := db.recompute(ctx, tx, db.today()); err != nil {
		return storeErr("recompute", err)
	}
	return storeErr("recompute", tx.Commit())
}

// DueList returns the rows q asks for of the due list as of today, in
// list order (open complaints first, then by section and earliest due
// day, then by name in the owner's language's order), with reasons,
// contact details and a suggested line, and the counts of the whole list.
// With q.AtRiskOnly, the list holds only the rows with at-risk signals.
//
// If the schedule was last recomputed for another day, every client is
// recomputed first: kept when today is the store's today, rolled back
// otherwise (see the top of this file). Errors are wrapped SQLite errors.
func (db *DB) DueList(ctx context.Context, today time.Time, q model.DueQuery) (model.DuePage, error) {
	var page model.DuePage
	err := db.asOf(ctx, today, func(tx *sql.Tx, s model.ScheduleSettings) (err error) {
		page, err = dueList(ctx, tx, s, model.Day(today), q)
		return err
	})
	return page, storeErr("due list", err)
}

// asOf calls fn in a transaction where every client's schedule is that of
// day: a read transaction if it already is, else a write transaction that
// recomputes it first, committed if day is the store's today and rolled
// back otherwise.
func (db *DB) asOf(ctx context.Context, day time.Time, fn func(*sql.Tx, model.ScheduleSettings) error) error {
	day = model.Day(day)
	tx, err := db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, recomputed, err := loadScheduleSettings(ctx, tx)
	if err != nil {
		return err
	}
	// A read-only store cannot recompute: it shows the schedule as the
	// window that has the file open for writing last stored it.
	if recomputed.Equal(day) || db.readOnly {
		if err := fn(tx, s); err != nil {
			return err
		}
		return tx.Commit()
	}
	if err := tx.Rollback(); err != nil {
		return err
	}

	// The recompute of a new day changes only what the store derives:
	// it leaves the book's revision alone.
	wtx, err := db.beginQuietWrite(ctx)
	if err != nil {
		return err
	}
	defer wtx.Rollback()
	// Another caller may have recomputed while this one waited for the
	// write lock.
	if s, recomputed, err = loadScheduleSettings(ctx, wtx); err != nil {
		return err
	}
	if !recomputed.Equal(day) {
		if err := db.recompute(ctx, wtx, day); err != nil {
			return err
		}
	}
	if err := fn(wtx, s); err != nil {
		return err
	}
	if !day.Equal(db.today()) {
		return wtx.Rollback()
	}
	return wtx.Commit()
}

// History returns what the schedule rules know about a client, as the due
// list loads it: the client, their stage, last contact and feedback, last
// purchase and purchase days, open promises and complaints, promises broken
// in the last 90 days, and preferences (in the order entered). It returns
// model.ErrNotFound if there is no such client, and wrapped SQLite errors
// otherwise.
func (db *DB) History(ctx context.Context, clientID int64) (model.History, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return model.History{}, storeErr("history", err)
	}
	defer tx.Rollback()
	c, err := scanClient(tx.QueryRowContext(ctx, "SELECT "+clientColumns+" FROM clients c "+referrerJoin+" WHERE c.id = ?", clientID))
	if err != nil {
		return model.History{}, storeErr("history", err)
	}
	h, err := history(ctx, tx, c, db.today())
	if err != nil {
		return model.History{}, storeErr("history", err)
	}
	return h, storeErr("history", tx.Commit())
}

// history is what the schedule rules know of client c as of today.
func history(ctx context.Context, tx *sql.Tx, c *model.Client, today time.Time) (model.History, error) {
	var h model.History
	err := eachSchedule(ctx, tx, oneClient(c.ID), today, loadDetail, func(s *clientSchedule) error {
		h = s.h
		return nil
	})
	h.Client = *c
	return h, err
}

// today is the store's calendar day: the date of its clock, as a day
// (model.Day), the form the GUI passes to DueList.
func (db *DB) today() time.Time { return model.Day(db.now()) }

// duePageSize is how many clients dueList describes per round: the ids
// are searched one by one in every table, and a statement takes at most
// 32,766 parameters.
const duePageSize = 500

// dueCountsQuery counts the rows of each of the eight groups of due keys
// (model.GroupOfKey) that match where.
func dueCountsQuery(where string) string {
	var b strings.Builder
	for g := range 8 {
		if g > 0 {
			b.WriteString(" UNION ALL ")
		}
		fmt.Fprintf(&b, "SELECT %d, count(*) FROM clients WHERE %s AND due_key >= %d AND due_key < %d",
			g, where, int64(g)<<model.DueGroupBits, int64(g+1)<<model.DueGroupBits)
	}
	return b.String()
}

// dueHead reads what a page of the due list says besides its rows: the
// counts of the list q asks for, the capacity and the clients done today.
// It returns the condition on clients that selects the list's rows.
func dueHead(ctx context.Context, tx *sql.Tx, s model.ScheduleSettings, today time.Time, q model.DueQuery) (model.DuePage, string, error) {
	page := model.DuePage{Offset: max(q.Offset, 0)}
	where := "due_key IS NOT NULL"
	if q.AtRiskOnly {
		where += " AND due_risk = 1"
	}
	// A count per group, each an index range: half the time of one GROUP BY
	// over the whole index, which sorts what it counts.
	err := queryEach(ctx, tx, dueCountsQuery(where), nil, func(rows *sql.Rows) error {
		var g, n int
		if err := rows.Scan(&g, &n); err != nil {
			return err
		}
		if g < 0 || g >= len(page.Counts) {
			return fmt.Errorf("due key group %d out of range", g)
		}
		page.Counts[g] = n
		return nil
	})
	if err != nil {
		return page, where, fmt.Errorf("counts: %w", err)
	}
	page.Capacity = s.DailyCapacity
	if page.Done, err = doneOn(ctx, tx, today); err != nil {
		return page, where, fmt.Errorf("done today: %w", err)
	}
	return page, where, nil
}

// dueList reads the counts and the ids of the page from clients_by_due
// (or clients_at_risk_by_due), in order, then loads those clients'
// histories and lets the model describe them. The stored ranks are those
// of today (see asOf), so the model lists every client of the page.
func dueList(ctx context.Context, tx *sql.Tx, s model.ScheduleSettings, today time.Time, q model.DueQuery) (model.DuePage, error) {
	page, where, err := dueHead(ctx, tx, s, today, q)
	if err != nil {
		return page, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	ids := make([]int64, 0, min(page.Counts.Total(), max(q.Limit, 0)))
	err = queryEach(ctx, tx, "SELECT id FROM clients WHERE "+where+" ORDER BY due_key, sort_key, id LIMIT ? OFFSET ?",
		[]any{limit, page.Offset}, func(rows *sql.Rows) error {
			var id int64
			err := rows.Scan(&id)
			ids = append(ids, id)
			return err
		})
	if err != nil {
		return page, fmt.Errorf("page: %w", err)
	}
	hs, err := dueHistories(ctx, tx, where, ids, today)
	if err != nil {
		return page, err
	}
	page.Items = model.DueRows(hs, s, today)
	return page, nil
}

// doneOn counts the clients contacted on day (a calendar day, in the
// owner's local time): those whose last contact falls on it, read from
// clients_by_last_contact. A contact is never in the future, so every
// client contacted on the store's today has their last contact then.
func doneOn(ctx context.Context, tx *sql.Tx, day time.Time) (int, error) {
	y, m, d := day.Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, time.Local)
	to := time.Date(y, m, d+1, 0, 0, 0, 0, time.Local)
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients WHERE last_contact >= ? AND last_contact < ?",
		formatTimestamp(from), formatTimestamp(to)).Scan(&n)
	return n, err
}

// dueBulk is the number of rows from which dueHistories reads every
// listed client in one pass rather than searching them page by page.
const dueBulk = 2 * duePageSize

// dueHistories loads the histories of the clients ids (listed in order by
// where), in that order. A page is searched client by client; a long list
// (the whole of it, for the command line) is read in one pass over every
// listed client, in id order, which visits the tables front to back.
func dueHistories(ctx context.Context, tx *sql.Tx, where string, ids []int64, today time.Time) ([]model.History, error) {
	hs := make([]model.History, len(ids))
	found := make([]bool, len(ids))
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	keep := func(c *clientSchedule) error {
		if i, ok := pos[c.h.Client.ID]; ok {
			hs[i], found[i] = c.h, true
		}
		return nil
	}
	if len(ids) >= dueBulk {
		sub := "SELECT id FROM clients WHERE " + where
		if err := eachSchedule(ctx, tx, scope{cond: "c.id IN (" + sub + ")", ids: sub}, today, loadDetail, keep); err != nil {
			return nil, err
		}
	} else {
		for chunk := range slices.Chunk(ids, duePageSize) {
			if err := eachSchedule(ctx, tx, listed(chunk), today, loadDetail, keep); err != nil {
				return nil, err
			}
		}
	}
	n := 0
	for i := range hs {
		if found[i] { // a client is always found: the ids were read in this transaction
			hs[n] = hs[i]
			n++
		}
	}
	return hs[:n], nil
}

// refreshClients refreshes each distinct non-zero client id.
func (db *DB) refreshClients(ctx context.Context, tx *sql.Tx, now time.Time, ids ...int64) error {
	for i, id := range ids {
		if id == 0 || containsID(ids[:i], id) {
			continue
		}
		if err := db.refreshClient(ctx, tx, id, now); err != nil {
			return err
		}
	}
	return nil
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// refreshClient computes client id's stage and next due day again, as of
// the day of now, and stores them if they changed. A client that does not
// exist (deleted in the same transaction) is skipped.
func (db *DB) refreshClient(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	return computeSchedules(ctx, tx, oneClient(id), model.Day(now), moveCause{at: now})
}

// recompute computes every client's schedule as of today, stores what
// changed and records the day's list (recordDayPlan).
func (db *DB) recompute(ctx context.Context, tx *sql.Tx, today time.Time) error {
	if err := db.recomputeQuietly(ctx, tx, today); err != nil {
		return err
	}
	return db.recordDayPlan(ctx, tx, model.Day(today))
}

// recomputeQuietly is recompute without recording the day's list, for a
// bulk insert: the list of a book being filled is not one the owner saw.
func (db *DB) recomputeQuietly(ctx context.Context, tx *sql.Tx, today time.Time) error {
	today = model.Day(today)
	if err := computeSchedules(ctx, tx, allClients(), today, moveCause{at: db.now()}); err != nil {
		return fmt.Errorf("recompute: %w", err)
	}
	return putSetting(ctx, tx, keyScheduleRecompute, model.FormatDate(today))
}

// scheduleChange is a client's new schedule: rung (and the rules' rung,
// badge and hint), next due day (zero for never) and place in the due
// list.
type scheduleChange struct {
	id      int64
	stage   model.Stage
	auto    model.Stage
	lapsed  bool
	ready   int
	next    time.Time
	key     sql.NullInt64
	risk    bool
	changed scheduleSet // which of them differ from what is stored
}

// scheduleSet is a set of the columns a schedule is stored in, in the
// order of scheduleColumnNames.
type scheduleSet uint8

// scheduleColumnNames are the columns of a client a schedule sets.
var scheduleColumnNames = [...]string{"stage", "auto_stage", "lapsed", "ready", "next_due", "due_key", "due_risk"}

// scheduleChanged returns the columns where ch differs from c's stored
// schedule.
func scheduleChanged(ch *scheduleChange, c *clientSchedule) scheduleSet {
	var set scheduleSet
	for i, differs := range [...]bool{
		ch.stage != c.storedStage,
		ch.auto != model.Stage(c.storedAuto.String) || !c.storedAuto.Valid,
		ch.lapsed != c.storedLaps,
		ch.ready != c.storedReady,
		!ch.next.Equal(c.storedNext),
		ch.key != c.storedKey,
		ch.risk != c.storedRisk,
	} {
		if differs {
			set |= 1 << i
		}
	}
	return set
}

// values returns ch's values for the columns of scheduleColumnNames.
func (ch *scheduleChange) values() [len(scheduleColumnNames)]any {
	var next any
	if !ch.next.IsZero() {
		next = model.FormatDate(ch.next)
	}
	return [...]any{string(ch.stage), string(ch.auto), ch.lapsed, ch.ready, next, ch.key, ch.risk}
}

// move is a client's change of rung.
type move struct {
	id       int64
	from, to model.Stage
}

// computeSchedules computes the schedule of the clients in sc as of today
// and stores those that changed, and records their moves on the ladder as
// made by cause. A client the rules never placed (auto_stage NULL: just
// inserted, or just migrated) gets no move: they did not move, they
// arrived.
//
// A table should not be written while a query over it is still stepping,
// so the changes are written once all are computed; but when every client
// is read in batches (readsInBatches), a full batch of changes is written
// as soon as it is complete. The changes held then stay under
// scheduleBatch whatever the number of clients: the first recompute after
// two weeks away changed 45,000 of 100,000 clients, and holding them all
// (with 1,024 clients a batch, below) took the day's first command to
// 93-106 MiB.
func computeSchedules(ctx context.Context, tx *sql.Tx, sc scope, today time.Time, cause moveCause) error {
	s, _, err := loadScheduleSettings(ctx, tx)
	if err != nil {
		return err
	}
	ladder, err := loadLadderSettings(ctx, tx)
	if err != nil {
		return err
	}
	wctx := context.WithoutCancel(ctx)
	var changes []scheduleChange
	var moves []move
	var werr error // of a batch written early; the rest is then only read
	early := sc.one == 0 && readsInBatches(sc, loadFacts)
	compute := func(c *clientSchedule) {
		ch := computeSchedule(c, s, ladder, today)
		ch.changed = scheduleChanged(&ch, c)
		if ch.changed != 0 && werr == nil {
			changes = append(changes, ch)
			if early && len(changes) == scheduleBatch {
				werr = writeSchedules(ctx, wctx, tx, changes)
				changes = changes[:0]
			}
		}
		if ch.stage != c.storedStage && c.storedAuto.Valid {
			moves = append(moves, move{ch.id, c.storedStage, ch.stage})
		}
	}
	if sc.one != 0 {
		err = eachSchedule(ctx, tx, sc, today, loadFacts, func(c *clientSchedule) error {
			compute(c)
			return nil
		})
	} else {
		err = eachScheduleParallel(ctx, tx, sc, today, compute)
	}
	if err != nil || werr != nil {
		return errors.Join(err, werr)
	}
	if err := writeSchedules(ctx, wctx, tx, changes); err != nil {
		return err
	}
	return recordMoves(wctx, tx, moves, cause)
}

// scheduleBatch is how many changed schedules one UPDATE writes.
const scheduleBatch = 2048

// writeSchedules stores the changed schedules, a batch per statement: the
// changes go in as one JSON array, which SQLite reads row by row and
// joins to clients by id. After a bulk insert or a change of settings
// every client changes, and a statement per client costs a trip through
// database/sql and cgo and eight bound values each. The context is checked
// between batches (the driver would watch a cancellable one with a
// goroutine per statement); wctx is ctx without its cancel.
func writeSchedules(ctx, wctx context.Context, tx *sql.Tx, changes []scheduleChange) error {
	if len(changes) <= scheduleFew {
		return writeFewSchedules(wctx, tx, changes)
	}
	var b []byte
	for len(changes) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(len(changes), scheduleBatch)
		b = append(b[:0], '[')
		for i, ch := range changes[:n] {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendScheduleJSON(b, ch)
		}
		b = append(b, ']')
		if _, err := tx.ExecContext(wctx, sqlWriteSchedules, string(b)); err != nil {
			return err
		}
		changes = changes[n:]
	}
	return nil
}

// scheduleFew is how many changed schedules are written a statement each,
// setting only the columns that changed: SQLite moves a row's entries in
// every index on a column an UPDATE sets, and six indexes hold a schedule
// column. A contact logged changes a client's next due day, and only
// three of them need to move.
const scheduleFew = 8

// writeFewSchedules writes each of changes with an UPDATE of the columns
// that changed.
func writeFewSchedules(wctx context.Context, tx *sql.Tx, changes []scheduleChange) error {
	var cols []string
	var args []any
	for i := range changes {
		ch := &changes[i]
		vals := ch.values()
		cols, args = cols[:0], args[:0]
		for c, name := range scheduleColumnNames {
			if ch.changed&(1<<c) != 0 {
				cols = append(cols, name)
				args = append(args, vals[c])
			}
		}
		if _, err := tx.ExecContext(wctx, sqlUpdateClientColumns(cols), append(args, ch.id)...); err != nil {
			return err
		}
	}
	return nil
}

// sqlWriteSchedules writes a JSON array of schedules (appendScheduleJSON).
// It and sqlRecordMove run through tx.ExecContext, not a statement
// prepared for the call: the connection keeps its recent statements
// prepared (_stmt_cache_size, see db.go) only for those, and preparing
// them again was a tenth of logging a contact.
const sqlWriteSchedules = `UPDATE clients SET stage = j.value ->> 1, auto_stage = j.value ->> 2,
	lapsed = j.value ->> 3, ready = j.value ->> 4, next_due = j.value ->> 5, due_key = j.value ->> 6,
	due_risk = j.value ->> 7
	FROM json_each(?) AS j WHERE clients.id = j.value ->> 0`

// appendScheduleJSON appends ch as [id, stage, auto, lapsed, ready, next,
// key, risk]; the stages are plain ASCII words and the day is ISO, so
// none needs escaping.
func appendScheduleJSON(b []byte, ch scheduleChange) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, ch.id, 10)
	b = append(b, `,"`...)
	b = append(b, ch.stage...)
	b = append(b, `","`...)
	b = append(b, ch.auto...)
	b = append(b, `",`...)
	b = strconv.AppendInt(b, int64(boolInt(ch.lapsed)), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(ch.ready), 10)
	if ch.next.IsZero() {
		b = append(b, ",null,"...)
	} else {
		b = append(b, `,"`...)
		b = append(b, model.FormatDate(ch.next)...)
		b = append(b, `",`...)
	}
	if ch.key.Valid {
		b = strconv.AppendInt(b, ch.key.Int64, 10)
	} else {
		b = append(b, "null"...)
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(boolInt(ch.risk)), 10)
	return append(b, ']')
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}

const sqlRecordMove = `INSERT INTO stage_changes (client_id, from_stage, to_stage, at, by_hand, reason)
	VALUES (?, ?, ?, ?, ?, ?)`

// recordMoves stores the moves on the ladder made by cause.
func recordMoves(ctx context.Context, tx *sql.Tx, moves []move, cause moveCause) error {
	if len(moves) == 0 {
		return nil
	}
	at := timestamp(cause.at).Format(timestampLayout)
	for _, m := range moves {
		if _, err := tx.ExecContext(ctx, sqlRecordMove, m.id, string(m.from), string(m.to), at, cause.byHand, cause.reason); err != nil {
			return err
		}
	}
	return nil
}

// eachScheduleParallel calls fn for each client in sc, as eachSchedule
// with loadFacts does, but on another goroutine, in batches: reading the
// rows and running the rules then take a core each. fn is never called
// concurrently with itself, and has run for every client when this
// returns. Three batches are in hand at once, each slot holding a client
// with their purchase dates (about 2 KB): 256 clients a batch ran as fast
// as 1,024, with 5 MB less held.
func eachScheduleParallel(ctx context.Context, tx *sql.Tx, sc scope, today time.Time, fn func(c *clientSchedule)) error {
	const batchSize = 256
	type slot struct {
		c     clientSchedule
		dates []time.Time // c's purchase dates, reused by the next client in this slot
	}
	full := make(chan []slot, 2)
	free := make(chan []slot, 3)
	for range cap(free) {
		free <- make([]slot, 0, batchSize)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range full {
			for i := range b {
				fn(&b[i].c)
			}
			free <- b[:0]
		}
	}()
	b := <-free
	err := eachSchedule(ctx, tx, sc, today, loadFacts, func(c *clientSchedule) error {
		b = b[:len(b)+1]
		sl := &b[len(b)-1]
		sl.dates = append(sl.dates[:0], c.h.PurchaseDates...)
		sl.c = *c
		sl.c.h.PurchaseDates, sl.c.facts.PurchaseDates = sl.dates, sl.dates
		if len(b) == batchSize {
			full <- b
			b = <-free
		}
		return nil
	})
	if len(b) > 0 {
		full <- b
	}
	close(full)
	<-done
	return err
}

// computeSchedule returns a client's schedule as of today, and sets
// c.h.Stage to the rung they stand on.
func computeSchedule(c *clientSchedule, s model.ScheduleSettings, ls model.LadderSettings, today time.Time) scheduleChange {
	auto := model.ComputeStage(c.facts, ls, today)
	stage := model.EffectiveStage(auto, model.Pin{Stage: c.pin})
	c.h.Stage = stage
	ch := scheduleChange{id: c.h.Client.ID, stage: stage, auto: auto,
		lapsed: model.Lapsed(c.facts.PurchaseDates, today, ls),
		ready:  readyCode(model.ReadyToMoveUp(stage, c.facts, ls, today)),
		next:   model.Day(model.NextDue(c.h, s, today))}
	if rank, ok := model.DueRankFor(c.h, s, today); ok {
		ch.key, ch.risk = sql.NullInt64{Int64: rank.Key(), Valid: true}, rank.AtRisk
	}
	return ch
}

// nullString stores "" as NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// loadScheduleSettings reads the schedule settings over the defaults, and
// the day of the last full recompute (zero if none).
func loadScheduleSettings(ctx context.Context, tx *sql.Tx) (s model.ScheduleSettings, recomputed time.Time, err error) {
	s = model.DefaultScheduleSettings()
	// The settings' primary key serves the prefix as a range.
	rows, err := tx.QueryContext(ctx, "SELECT key, value FROM settings WHERE key >= 'schedule.' AND key < 'schedule/'")
	if err != nil {
		return s, recomputed, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return s, recomputed, err
		}
		var err error
		switch {
		case strings.HasPrefix(k, keyScheduleInterval):
			var n int
			n, err = strconv.Atoi(v)
			s.Intervals[model.Stage(strings.TrimPrefix(k, keyScheduleInterval))] = n
		case k == keyScheduleOverdue:
			s.OverdueFactor, err = strconv.ParseFloat(v, 64)
		case k == keyScheduleFollowUp:
			s.FollowUpDays, err = strconv.Atoi(v)
		case k == keyScheduleHorizon:
			s.HorizonDays, err = strconv.Atoi(v)
		case k == keyScheduleCapacity:
			s.DailyCapacity, err = strconv.Atoi(v)
		case k == keyScheduleFollowWin:
			s.FollowUpWindowDays, err = strconv.Atoi(v)
		case k == keyScheduleOccasion:
			s.OccasionWindowDays, err = strconv.Atoi(v)
		case k == keyScheduleFirst:
			s.FirstCheckInDays, err = strconv.Atoi(v)
		case k == keyScheduleRecompute:
			recomputed, err = model.ParseDate(v)
		}
		if err != nil {
			return s, recomputed, fmt.Errorf("setting %s: %w", k, err)
		}
	}
	return s, recomputed, rows.Err()
}

// saveScheduleSettings writes every schedule setting, replacing the
// intervals stored before.
func saveScheduleSettings(ctx context.Context, tx *sql.Tx, s model.ScheduleSettings) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key >= ? AND key < ?",
		keyScheduleInterval, strings.TrimSuffix(keyScheduleInterval, ".")+"/"); err != nil {
		return err
	}
	for stage, days := range s.Intervals {
		if err := putSetting(ctx, tx, keyScheduleInterval+string(stage), strconv.Itoa(days)); err != nil {
			return err
		}
	}
	for _, kv := range [][2]string{
		{keyScheduleOverdue, strconv.FormatFloat(s.OverdueFactor, 'g', -1, 64)},
		{keyScheduleFollowUp, strconv.Itoa(s.FollowUpDays)},
		{keyScheduleHorizon, strconv.Itoa(s.HorizonDays)},
		{keyScheduleCapacity, strconv.Itoa(s.DailyCapacity)},
		{keyScheduleFollowWin, strconv.Itoa(s.FollowUpWindowDays)},
		{keyScheduleOccasion, strconv.Itoa(s.OccasionWindowDays)},
		{keyScheduleFirst, strconv.Itoa(s.FirstCheckInDays)},
	} {
		if err := putSetting(ctx, tx, kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// putSetting stores one setting.
func putSetting(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx,
		"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	return err
}
