package db

import (
	"context"
	"database/sql"
	"fmt"
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
// by triggers: see 0002_contacts.sql.) The due list then reads only the
// clients whose next_due is within the horizon, and model.DueList decides
// the rest.
//
// Stage and next_due also depend on the day (the twelve-month spend, the
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
// snooze. Promises and complaints are never snoozed. It returns
// model.ErrNotFound if there is no such client, and wrapped SQLite errors
// otherwise.
func (db *DB) Snooze(ctx context.Context, clientID int64, until time.Time) error {
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
// same transaction, recomputes every client's schedule with them. Stages
// missing from s.Intervals keep their default interval. Errors are wrapped
// SQLite errors.
func (db *DB) SaveScheduleSettings(ctx context.Context, s model.ScheduleSettings) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("save schedule settings", err)
	}
	defer tx.Rollback()
	if err := saveScheduleSettings(ctx, tx, s); err != nil {
		return storeErr("save schedule settings", err)
	}
	if err := db.recompute(ctx, tx, db.today()); err != nil {
		return storeErr("save schedule settings", err)
	}
	return storeErr("save schedule settings", tx.Commit())
}

// Recompute computes every client's stage and next due day again, as of
// today by the store's clock. Writes keep them current, and DueList runs
// it when the day has changed; this is for settings changes and repairs.
// Errors are wrapped SQLite errors.
func (db *DB) Recompute(ctx context.Context) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("recompute", err)
	}
	defer tx.Rollback()
	if err := db.recompute(ctx, tx, db.today()); err != nil {
		return storeErr("recompute", err)
	}
	return storeErr("recompute", tx.Commit())
}

// DueList returns the due list as of today (model.DueList): every client
// with something due by today plus the horizon, with reasons, contact
// details and a suggested line. If the schedule was last recomputed for
// another day, every client is recomputed first: kept when today is the
// store's today, rolled back otherwise (see the top of this file). Errors
// are wrapped SQLite errors.
func (db *DB) DueList(ctx context.Context, today time.Time) ([]model.DueItem, error) {
	day := model.Day(today)
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("due list", err)
	}
	defer tx.Rollback()
	s, recomputed, err := loadScheduleSettings(ctx, tx)
	if err != nil {
		return nil, storeErr("due list", err)
	}
	if recomputed.Equal(day) {
		items, err := dueList(ctx, tx, s, today)
		if err != nil {
			return nil, storeErr("due list", err)
		}
		return items, storeErr("due list", tx.Commit())
	}
	if err := tx.Rollback(); err != nil {
		return nil, storeErr("due list", err)
	}

	wtx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, storeErr("due list", err)
	}
	defer wtx.Rollback()
	// Another due list may have recomputed while this one waited for the
	// write lock.
	if s, recomputed, err = loadScheduleSettings(ctx, wtx); err != nil {
		return nil, storeErr("due list", err)
	}
	if !recomputed.Equal(day) {
		if err := db.recompute(ctx, wtx, day); err != nil {
			return nil, storeErr("due list", err)
		}
	}
	items, err := dueList(ctx, wtx, s, today)
	if err != nil {
		return nil, storeErr("due list", err)
	}
	if !day.Equal(db.today()) {
		return items, storeErr("due list", wtx.Rollback())
	}
	return items, storeErr("due list", wtx.Commit())
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
	var h model.History
	err = eachSchedule(ctx, tx, oneClient(clientID), db.today(), loadDetail, func(s *clientSchedule) error {
		h = s.h
		return nil
	})
	if err != nil {
		return model.History{}, storeErr("history", err)
	}
	h.Client = *c
	return h, storeErr("history", tx.Commit())
}

// today is the store's calendar day: the date of its clock, as a day
// (model.Day), the form the GUI passes to DueList.
func (db *DB) today() time.Time { return model.Day(db.now()) }

// dueList loads the histories of the clients due by today plus the horizon
// and lets the model decide what is due. The clients come from the
// clients_by_next_due index; see eachSchedule for the rest.
func dueList(ctx context.Context, tx *sql.Tx, s model.ScheduleSettings, today time.Time) ([]model.DueItem, error) {
	limit := model.Day(today).AddDate(0, 0, max(s.HorizonDays, 0))
	// A History is large: growing the slice by appending would copy each
	// several times. Counting first is an index range.
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients WHERE next_due <= ?", model.FormatDate(limit)).Scan(&n); err != nil {
		return nil, err
	}
	hs := make([]model.History, 0, n)
	err := eachSchedule(ctx, tx, dueBy(limit), today, loadDetail, func(c *clientSchedule) error {
		hs = append(hs, c.h)
		return nil
	})
	if err != nil {
		return nil, err
	}
	items := model.DueList(hs, s, today)
	if items == nil {
		items = []model.DueItem{}
	}
	return items, nil
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
	return computeSchedules(ctx, tx, oneClient(id), model.Day(now))
}

// recompute computes every client's schedule as of today, stores what
// changed and records the day.
func (db *DB) recompute(ctx context.Context, tx *sql.Tx, today time.Time) error {
	today = model.Day(today)
	if err := computeSchedules(ctx, tx, allClients(), today); err != nil {
		return fmt.Errorf("recompute: %w", err)
	}
	return putSetting(ctx, tx, keyScheduleRecompute, model.FormatDate(today))
}

// ladderSettings are the ladder's thresholds. They are not stored yet, so
// they are the defaults.
func ladderSettings() model.LadderSettings { return model.DefaultLadderSettings() }

// scheduleChange is a client's new stage and next due day (zero for
// never).
type scheduleChange struct {
	id    int64
	stage model.Stage
	next  time.Time
}

// computeSchedules computes the stage and next due day of the clients in
// sc as of today and stores those that changed, with one prepared
// statement once all are computed (a table should not be written while a
// query over it is still stepping).
func computeSchedules(ctx context.Context, tx *sql.Tx, sc scope, today time.Time) error {
	s, _, err := loadScheduleSettings(ctx, tx)
	if err != nil {
		return err
	}
	ladder := ladderSettings()
	var changes []scheduleChange
	compute := func(c *clientSchedule) {
		stage, next := computeSchedule(c, s, ladder, today)
		if stage != c.storedStage || !next.Equal(c.storedNext) {
			changes = append(changes, scheduleChange{c.h.Client.ID, stage, next})
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
	if err != nil || len(changes) == 0 {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, "UPDATE clients SET stage = ?, next_due = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer stmt.Close()
	// After a bulk insert or a change of settings every client changes.
	// The driver would watch a cancellable context with a goroutine per
	// statement, so it is checked every thousand rows instead.
	wctx := context.WithoutCancel(ctx)
	for i, ch := range changes {
		if i%1000 == 999 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if _, err := stmt.ExecContext(wctx, string(ch.stage), nullDate(ch.next), ch.id); err != nil {
			return err
		}
	}
	return nil
}

// eachScheduleParallel calls fn for each client in sc, as eachSchedule
// with loadFacts does, but on another goroutine, in batches: reading the
// rows and running the rules then take a core each. fn is never called
// concurrently with itself, and has run for every client when this
// returns.
func eachScheduleParallel(ctx context.Context, tx *sql.Tx, sc scope, today time.Time, fn func(c *clientSchedule)) error {
	const batchSize = 1024
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

// computeSchedule returns a client's stage and next due day (zero for
// never) as of today, and sets c.h.Stage.
func computeSchedule(c *clientSchedule, s model.ScheduleSettings, ls model.LadderSettings, today time.Time) (model.Stage, time.Time) {
	stage := model.ComputeStage(c.facts, ls, today)
	c.h.Stage = stage
	return stage, model.Day(model.NextDue(c.h, s, today))
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
