package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"clienttracker/model"
)

// recordDayPlan stores the day's list as it stands if day is the store's
// today and has none yet. Every full recompute calls it inside its write
// transaction, so the first one of a day (the window's first check-ins
// list of a new day, an import, a settings change) records the list the
// owner was given that day, and no list ever waits for the write lock to
// record one. A recompute for another day records nothing.
func (db *DB) recordDayPlan(ctx context.Context, tx *sql.Tx, day time.Time) error {
	day = model.Day(day)
	if !day.Equal(db.today()) {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM day_plans WHERE day = ?", model.FormatDate(day)).Scan(&n); err != nil || n > 0 {
		return err
	}
	return writeDayPlan(ctx, tx, day)
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
