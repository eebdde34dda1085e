package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"clienttracker/model"
)

// recordDayPlan stores the day's list as it stands if day is the store's
// today and has none yet: DueList calls it, so the first list of a day (the
// window's check-ins view, the tray's reminder, the due command) is the
// one recorded. A read-only store records nothing.
func (db *DB) recordDayPlan(ctx context.Context, day time.Time) error {
	day = model.Day(day)
	if db.readOnly || !day.Equal(db.today()) {
		return nil
	}
	recorded := func(tx *sql.Tx) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx, "SELECT count(*) FROM day_plans WHERE day = ?", model.FormatDate(day)).Scan(&n)
		return n > 0, err
	}
	// Every later list of the day costs one read of the primary key.
	rtx, err := db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer rtx.Rollback()
	if done, err := recorded(rtx); err != nil || done {
		return err
	}
	if err := rtx.Rollback(); err != nil {
		return err
	}
	tx, err := db.beginQuietWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if done, err := recorded(tx); err != nil || done { // another caller was first
		return err
	}
	if err := writeDayPlan(ctx, tx, day); err != nil {
		return err
	}
	return tx.Commit()
}

// writeDayPlan records the day's list of day as the store holds it now.
func writeDayPlan(ctx context.Context, tx *sql.Tx, day time.Time) error {
	s, _, err := loadScheduleSettings(ctx, tx)
	if err != nil {
		return err
	}
	var counts model.DueCounts
	err = queryEach(ctx, tx, dueCountsQuery("due_key IS NOT NULL"), nil, func(rows *sql.Rows) error {
		var g, n int
		if err := rows.Scan(&g, &n); err != nil {
			return err
		}
		if g < 0 || g >= len(counts) {
			return fmt.Errorf("due key group %d out of range", g)
		}
		counts[g] = n
		return nil
	})
	if err != nil {
		return err
	}
	done, err := doneOn(ctx, tx, day)
	if err != nil {
		return err
	}
	plan := model.PlanDay(counts, s.DailyCapacity, done)
	_, err = tx.ExecContext(ctx, "INSERT INTO day_plans (day, planned, due, capacity, done) VALUES (?, ?, ?, ?, ?)",
		model.FormatDate(day), plan.Planned(), counts.Now(), plan.Capacity, done)
	return err
}

// dayRecords returns the recorded days of period p with the clients
// contacted on each (the owner's days, in time.Local).
func dayRecords(ctx context.Context, tx *sql.Tx, p model.Period) ([]model.DayRecord, error) {
	var out []model.DayRecord
	err := queryEach(ctx, tx, "SELECT day, planned FROM day_plans WHERE day BETWEEN ? AND ? ORDER BY day",
		[]any{model.FormatDate(p.From), model.FormatDate(p.To)}, func(r *sql.Rows) error {
			var day string
			var rec model.DayRecord
			if err := r.Scan(&day, &rec.Planned); err != nil {
				return err
			}
			var ok bool
			if rec.Day, ok = parseDay(day); !ok {
				return fmt.Errorf("day plan of %q", day)
			}
			out = append(out, rec)
			return nil
		})
	if err != nil {
		return nil, err
	}
	// One count a recorded day: the contacts of a day are a handful in a
	// shop (and a few thousand in the benchmark's book).
	for i := range out {
		from, to := model.Period{From: out[i].Day, To: out[i].Day}.Instants(time.Local)
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT client_id) FROM interactions INDEXED BY interactions_by_at
			WHERE at >= ? AND at < ?`, formatTimestamp(from), formatTimestamp(to)).Scan(&out[i].Done); err != nil {
			return nil, err
		}
	}
	return out, nil
}
