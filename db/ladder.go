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

// The customer-type ladder in the store
//
// The rules (model.ComputeStage) place every client on a rung when their
// schedule is computed (see schedule.go): auto_stage is the rules' rung,
// stage the one they stand on (a pin, else auto_stage), with the Lapsed
// badge and the "ready to move up" hint. A change of stage is recorded in
// stage_changes in the same transaction, by hand for a pin or an unpin,
// otherwise as the rules' move. The ladder view reads its counts and pages
// from clients_by_stage.

// Keys of the ladder settings.
const (
	keyLadderVIPSpend = "ladder.vip_spend"
	keyLadderDebtDays = "ladder.blacklist_debt_days"
	keyLadderLapsed   = "ladder.lapsed_days"
	keyLadderNearVIP  = "ladder.near_vip_percent"
	keyLadderDiscount = "ladder.discount." // + stage
)

// readyHints are the values of clients.ready: the index of the hint, 0 for
// none. New hints go at the end: the numbers are stored.
var readyHints = []string{"", model.HintSecondSale, model.HintThirdSale, model.HintFirstSale, model.HintNearVIP}

func readyCode(hint string) int {
	for i, h := range readyHints {
		if h == hint {
			return i
		}
	}
	return 0
}

func readyHint(code int) string {
	if code <= 0 || code >= len(readyHints) {
		return ""
	}
	return readyHints[code]
}

// ladderClientColumns are the ladder columns every client read carries,
// scanned by ladderColumns.
const ladderClientColumns = `c.marked_vip, c.marked_blacklist, c.buys_only_here, c.pinned_stage, c.pin_reason,
		c.stage, c.auto_stage, c.lapsed, c.ready`

// ladderColumns scans ladderClientColumns.
type ladderColumns struct {
	vip, black, only, lapsed bool
	pinned, auto             sql.NullString
	reason, stage            string
	ready                    int
}

func (l *ladderColumns) dest() []any {
	return []any{&l.vip, &l.black, &l.only, &l.pinned, &l.reason, &l.stage, &l.auto, &l.lapsed, &l.ready}
}

// decode fills c's marks, pin and standing.
func (l *ladderColumns) decode(c *model.Client) {
	c.Marks = model.Marks{VIP: l.vip, Blacklist: l.black, BuysOnlyHere: l.only}
	c.Pin = model.Pin{Stage: model.Stage(l.pinned.String), Reason: l.reason}
	c.Stage, c.AutoStage = model.Stage(l.stage), model.Stage(l.auto.String)
	if c.AutoStage == "" {
		c.AutoStage = c.Stage
	}
	c.Lapsed, c.Ready = l.lapsed, readyHint(l.ready)
}

// marksArgs are the values of marked_vip, marked_blacklist and
// buys_only_here.
func marksArgs(m model.Marks) []any { return []any{m.VIP, m.Blacklist, m.BuysOnlyHere} }

// PinStage pins a client to pin.Stage, with pin.Reason; a zero pin returns
// them to the rules. A move it makes is recorded as made by hand. It
// returns a *model.ValidationError for an unknown rung or an overlong
// reason, model.ErrNotFound if there is no such client, and wrapped SQLite
// errors otherwise.
func (db *DB) PinStage(ctx context.Context, clientID int64, pin model.Pin) error {
	pin.Normalize()
	if err := pin.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("pin stage", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE clients SET pinned_stage = ?, pin_reason = ? WHERE id = ?",
		nullString(string(pin.Stage)), pin.Reason, clientID)
	if err := affectedOne(res, err); err != nil {
		return storeErr("pin stage", err)
	}
	now := db.now()
	if err := computeSchedules(ctx, tx, oneClient(clientID), model.Day(now), moveCause{at: now, byHand: true, reason: pin.Reason}); err != nil {
		return storeErr("pin stage", err)
	}
	return storeErr("pin stage", tx.Commit())
}

// ListStageChanges returns a client's moves on the ladder, newest first.
// Errors are wrapped SQLite errors.
func (db *DB) ListStageChanges(ctx context.Context, clientID int64) ([]model.StageChange, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("list stage changes", err)
	}
	defer tx.Rollback()
	out, err := listStageChanges(ctx, tx, clientID)
	if err != nil {
		return nil, storeErr("list stage changes", err)
	}
	return out, storeErr("list stage changes", tx.Commit())
}

// listStageChanges returns a client's moves on the ladder, newest first.
func listStageChanges(ctx context.Context, tx *sql.Tx, clientID int64) ([]model.StageChange, error) {
	out := []model.StageChange{}
	err := queryEach(ctx, tx, `SELECT id, client_id, from_stage, to_stage, at, by_hand, reason FROM stage_changes
		WHERE client_id = ? ORDER BY at DESC, id DESC`, []any{clientID}, func(rows *sql.Rows) error {
		var ch model.StageChange
		var from, to, at string
		if err := rows.Scan(&ch.ID, &ch.ClientID, &from, &to, &at, &ch.ByHand, &ch.Reason); err != nil {
			return err
		}
		ch.From, ch.To = model.Stage(from), model.Stage(to)
		var err error
		if ch.At, err = parseTimestamp(at); err != nil {
			return fmt.Errorf("stage change %d: %w", ch.ID, err)
		}
		ch.At = ch.At.In(time.Local)
		out = append(out, ch)
		return nil
	})
	return out, err
}

// LadderSummary returns every rung in model.Stages order with its clients,
// their spend, and how many are lapsed or ready to move up (lost clients
// are not on the ladder), and the moves of the last moveDays days, most
// frequent first. Errors are wrapped SQLite errors.
func (db *DB) LadderSummary(ctx context.Context, moveDays int) (model.LadderSummary, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return model.LadderSummary{}, storeErr("ladder summary", err)
	}
	defer tx.Rollback()
	sum := model.LadderSummary{MoveDays: moveDays, Rungs: make([]model.RungStat, len(model.Stages))}
	at := map[model.Stage]int{}
	for i, st := range model.Stages {
		sum.Rungs[i].Stage = st
		at[st] = i
	}
	// From clients_ladder_totals alone: its entries carry the spend, the
	// badge and the hint.
	err = queryEach(ctx, tx, `SELECT stage, count(*), sum(total_spent), sum(lapsed), sum(ready <> 0)
		FROM clients INDEXED BY clients_ladder_totals WHERE lost_reason IS NULL GROUP BY stage`, nil, func(rows *sql.Rows) error {
		var st string
		var r model.RungStat
		if err := rows.Scan(&st, &r.Clients, &r.Spend, &r.Lapsed, &r.Ready); err != nil {
			return err
		}
		if i, ok := at[model.Stage(st)]; ok {
			r.Stage = model.Stage(st)
			sum.Rungs[i] = r
		}
		return nil
	})
	if err != nil {
		return model.LadderSummary{}, storeErr("ladder summary", err)
	}
	if moveDays > 0 {
		since := timestamp(db.now().AddDate(0, 0, -moveDays)).Format(timestampLayout)
		err = queryEach(ctx, tx, `SELECT from_stage, to_stage, count(*) AS n FROM stage_changes
			WHERE at >= ? GROUP BY from_stage, to_stage ORDER BY n DESC, from_stage, to_stage`, []any{since}, func(rows *sql.Rows) error {
			var m model.MoveCount
			var from, to string
			if err := rows.Scan(&from, &to, &m.Count); err != nil {
				return err
			}
			m.From, m.To = model.Stage(from), model.Stage(to)
			sum.Moves = append(sum.Moves, m)
			return nil
		})
		if err != nil {
			return model.LadderSummary{}, storeErr("ladder summary", err)
		}
	}
	return sum, storeErr("ladder summary", tx.Commit())
}

// ListLadder returns one page of the clients standing on q.Stage (lost
// clients excepted), biggest spenders first, then by name, and how many
// there are in all. Errors are wrapped SQLite errors.
func (db *DB) ListLadder(ctx context.Context, q model.LadderQuery) ([]*model.Client, int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, storeErr("list ladder", err)
	}
	defer tx.Rollback()
	where := "c.stage = ? AND c.lost_reason IS NULL"
	if q.ReadyOnly {
		where += " AND c.ready <> 0"
	}
	if q.LapsedOnly {
		where += " AND c.lapsed = 1"
	}
	var total int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients c INDEXED BY clients_by_stage WHERE "+where,
		string(q.Stage)).Scan(&total); err != nil {
		return nil, 0, storeErr("list ladder", err)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = -1
	}
	offset := max(q.Offset, 0)
	cs := []*model.Client{}
	if offset < total {
		// The page's ids in order from the index alone, then their rows.
		page := "SELECT c.id FROM clients c INDEXED BY clients_by_stage WHERE " + where +
			" ORDER BY c.total_spent DESC, c.sort_key, c.id LIMIT ? OFFSET ?"
		query := "SELECT " + clientColumns + " FROM (" + page + ") AS page CROSS JOIN clients c ON c.id = page.id " +
			referrerJoin + " ORDER BY c.total_spent DESC, c.sort_key, c.id"
		err = queryEach(ctx, tx, query, []any{string(q.Stage), limit, offset}, func(rows *sql.Rows) error {
			c, err := scanClient(rows)
			cs = append(cs, c)
			return err
		})
		if err != nil {
			return nil, 0, storeErr("list ladder", err)
		}
	}
	return cs, total, storeErr("list ladder", tx.Commit())
}

// LadderSettings returns the ladder's thresholds and discounts; those
// never saved come from model.DefaultLadderSettings. Errors are wrapped
// SQLite errors.
func (db *DB) LadderSettings(ctx context.Context) (model.LadderSettings, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return model.LadderSettings{}, storeErr("ladder settings", err)
	}
	defer tx.Rollback()
	s, err := loadLadderSettings(ctx, tx)
	if err != nil {
		return model.LadderSettings{}, storeErr("ladder settings", err)
	}
	return s, storeErr("ladder settings", tx.Commit())
}

// SaveLadderSettings stores the ladder's thresholds and discounts and, in
// the same transaction, places every client again with them (the moves
// are recorded as the rules'). It returns a *model.ValidationError for
// settings out of range and wrapped SQLite errors otherwise.
func (db *DB) SaveLadderSettings(ctx context.Context, s model.LadderSettings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("save ladder settings", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key >= 'ladder.' AND key < 'ladder/'"); err != nil {
		return storeErr("save ladder settings", err)
	}
	kvs := [][2]string{
		{keyLadderVIPSpend, strconv.FormatInt(int64(s.VIPSpend12m), 10)},
		{keyLadderDebtDays, strconv.Itoa(s.BlacklistDebtDays)},
		{keyLadderLapsed, strconv.Itoa(s.LapsedMinGapDays)},
		{keyLadderNearVIP, strconv.Itoa(s.NearVIPPercent)},
	}
	for _, st := range model.Stages {
		kvs = append(kvs, [2]string{keyLadderDiscount + string(st), strconv.Itoa(s.Discounts[st])})
	}
	for _, kv := range kvs {
		if err := putSetting(ctx, tx, kv[0], kv[1]); err != nil {
			return storeErr("save ladder settings", err)
		}
	}
	if err := db.recompute(ctx, tx, db.today()); err != nil {
		return storeErr("save ladder settings", err)
	}
	return storeErr("save ladder settings", tx.Commit())
}

// loadLadderSettings reads the ladder settings over the defaults.
func loadLadderSettings(ctx context.Context, tx *sql.Tx) (model.LadderSettings, error) {
	s := model.DefaultLadderSettings()
	err := queryEach(ctx, tx, "SELECT key, value FROM settings WHERE key >= 'ladder.' AND key < 'ladder/'", nil, func(rows *sql.Rows) error {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("setting %s: %w", k, err)
		}
		switch {
		case k == keyLadderVIPSpend:
			s.VIPSpend12m = model.Money(n)
		case k == keyLadderDebtDays:
			s.BlacklistDebtDays = int(n)
		case k == keyLadderLapsed:
			s.LapsedMinGapDays = int(n)
		case k == keyLadderNearVIP:
			s.NearVIPPercent = int(n)
		case strings.HasPrefix(k, keyLadderDiscount):
			st := model.Stage(strings.TrimPrefix(k, keyLadderDiscount))
			if n == 0 {
				delete(s.Discounts, st)
			} else {
				s.Discounts[st] = int(n)
			}
		}
		return nil
	})
	return s, err
}

// moveCause is who moved a client on the ladder, for the record.
type moveCause struct {
	at     time.Time // when
	byHand bool      // a pin or an unpin; else the rules
	reason string    // the pin's reason
}
