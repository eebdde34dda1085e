package db

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"clienttracker/model"
)

// Insights returns the figures of period p beside those of the period
// before it, the money owed today and the ladder now, all read in one
// transaction so that they agree. Days of contacts and ladder moves (which
// are stored as instants) are the owner's days in time.Local. Errors are
// wrapped SQLite errors.
func (db *DB) Insights(ctx context.Context, p model.Period) (model.Insights, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return model.Insights{}, storeErr("insights", err)
	}
	defer tx.Rollback()
	today := model.Day(db.now().In(time.Local))
	var in model.Insights
	var since string
	// Every client's rung is read only for a period purchase_months cannot
	// answer, and then once for both periods.
	var stages map[int64]model.Stage
	ladder := func() (map[int64]model.Stage, error) {
		if stages != nil {
			return stages, nil
		}
		var err error
		stages, err = ladderStages(ctx, tx)
		return stages, err
	}
	if in.Current, err = periodFigures(ctx, tx, p, today, ladder); err != nil {
		return model.Insights{}, storeErr("insights", err)
	}
	if in.Previous, err = periodFigures(ctx, tx, p.Previous(), today, ladder); err != nil {
		return model.Insights{}, storeErr("insights", err)
	}
	if in.Balances, err = balances(ctx, tx, today); err != nil {
		return model.Insights{}, storeErr("insights", err)
	}
	if in.Funnel, err = funnel(ctx, tx); err != nil {
		return model.Insights{}, storeErr("insights", err)
	}
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(min(day), '') FROM day_plans").Scan(&since); err != nil {
		return model.Insights{}, storeErr("insights", err)
	}
	in.CheckInsSince, _ = parseDay(since)
	return in, storeErr("insights", tx.Commit())
}

// periodFigures computes the figures of one period.
func periodFigures(ctx context.Context, tx *sql.Tx, p model.Period, today time.Time, ladder func() (map[int64]model.Stage, error)) (model.Figures, error) {
	f := model.Figures{Period: p}
	prev := p.Previous()
	from, to := model.FormatDate(p.From), model.FormatDate(p.To)

	var err error
	if p.WholeMonths() && prev.WholeMonths() {
		err = clientFiguresByMonths(ctx, tx, p, &f)
	} else {
		err = clientFiguresByPurchases(ctx, tx, p, &f, ladder)
	}
	if err != nil {
		return f, err
	}

	start, end := p.Instants(time.Local)
	atFrom := timestamp(start).Format(timestampLayout)
	atTo := timestamp(end).Format(timestampLayout)

	// Contacts by channel, every channel listed even at zero. The channels
	// in use are found by skipping through interactions_by_channel_at (one
	// seek each), then each one's range of the period is counted there.
	counts := map[model.ContactChannel]int{}
	err = queryEach(ctx, tx, `WITH RECURSIVE used(channel) AS (
			SELECT min(channel) FROM interactions INDEXED BY interactions_by_channel_at
			UNION ALL
			SELECT (SELECT min(channel) FROM interactions INDEXED BY interactions_by_channel_at WHERE channel > used.channel)
			FROM used WHERE channel IS NOT NULL)
		SELECT channel, (SELECT count(*) FROM interactions INDEXED BY interactions_by_channel_at
			WHERE channel = used.channel AND at >= ?1 AND at < ?2)
		FROM used WHERE channel IS NOT NULL`, []any{atFrom, atTo}, func(r *sql.Rows) error {
		var ch string
		var n int
		if err := r.Scan(&ch, &n); err != nil {
			return err
		}
		if n > 0 {
			counts[model.ContactChannel(ch)] += n
		}
		return nil
	})
	if err != nil {
		return f, err
	}
	for _, ch := range model.ContactChannels {
		f.Contacts = append(f.Contacts, model.ChannelCount{Channel: ch, Count: counts[ch]})
		delete(counts, ch)
	}
	var other []model.ChannelCount
	for ch, n := range counts {
		other = append(other, model.ChannelCount{Channel: ch, Count: n})
	}
	slices.SortFunc(other, func(a, b model.ChannelCount) int {
		if a.Channel < b.Channel {
			return -1
		}
		return 1
	})
	f.Contacts = append(f.Contacts, other...)

	// Promises due in the period, by month of their day.
	f.Promises = make([]model.MonthPromises, len(f.ByMonth))
	for i := range f.Promises {
		f.Promises[i].Month = f.ByMonth[i].Month
	}
	err = queryEach(ctx, tx, `SELECT status, due_by, kept_on FROM promises INDEXED BY promises_by_status_due
		WHERE status IN ('open', 'kept', 'broken') AND due_by BETWEEN ? AND ?`, []any{from, to}, func(r *sql.Rows) error {
		var status, due string
		var kept sql.NullString
		if err := r.Scan(&status, &due, &kept); err != nil {
			return err
		}
		d, _ := parseDay(due)
		k, _ := parseDay(kept.String)
		model.AddPromise(f.Promises, p, model.PromiseStatus(status), d, k, today)
		return nil
	})
	if err != nil {
		return f, err
	}

	// Complaints: a few thousand in a busy shop's lifetime.
	var resolvedDays float64
	err = tx.QueryRowContext(ctx, `SELECT coalesce(sum(opened_on BETWEEN ?1 AND ?2), 0),
			coalesce(sum(status = 'resolved' AND resolved_on BETWEEN ?1 AND ?2), 0),
			total(CASE WHEN status = 'resolved' AND resolved_on BETWEEN ?1 AND ?2
				THEN julianday(resolved_on) - julianday(opened_on) END),
			coalesce(sum(status = 'open'), 0)
		FROM complaints`, from, to).Scan(&f.Complaints.Opened, &f.Complaints.Resolved, &resolvedDays, &f.Complaints.OpenNow)
	if err != nil {
		return f, err
	}
	if f.Complaints.Resolved > 0 {
		f.Complaints.AvgDaysToResolve = resolvedDays / float64(f.Complaints.Resolved)
	}

	// Clients marked lost in the period, by month and reason, from the
	// clients_lost index.
	var lost []model.LostCount
	err = queryEach(ctx, tx, `SELECT substr(lost_on, 1, 7), lost_reason, count(*) FROM clients INDEXED BY clients_lost
		WHERE lost_reason IS NOT NULL AND lost_on BETWEEN ? AND ? GROUP BY 1, 2`, []any{from, to}, func(r *sql.Rows) error {
		var month, reason string
		var c model.LostCount
		if err := r.Scan(&month, &reason, &c.Count); err != nil {
			return err
		}
		var ok bool
		if c.Month, ok = parseDay(month + "-01"); !ok {
			return fmt.Errorf("lost on %q", month)
		}
		c.Reason = model.LostReason(reason)
		lost = append(lost, c)
		return nil
	})
	if err != nil {
		return f, err
	}
	f.LostByMonth = model.LostTrend(p, lost)
	byReason := map[model.LostReason]int{}
	for _, c := range lost {
		byReason[c.Reason] += c.Count
	}
	f.Lost = model.LostReport(byReason)

	// Check-ins due (as the day's lists recorded them) and done, by week.
	days, err := dayRecords(ctx, tx, p)
	if err != nil {
		return f, err
	}
	f.CheckIns = model.CheckInWeeks(p, days)

	// Ladder moves, by the owner's month of the move.
	f.Moves = make([]model.MonthMoves, len(f.ByMonth))
	for i := range f.Moves {
		f.Moves[i].Month = f.ByMonth[i].Month
	}
	err = queryEach(ctx, tx, `SELECT at, from_stage, to_stage FROM stage_changes INDEXED BY stage_changes_by_at
		WHERE at >= ? AND at < ?`, []any{atFrom, atTo}, func(r *sql.Rows) error {
		var at, from, to string
		if err := r.Scan(&at, &from, &to); err != nil {
			return err
		}
		t, err := time.Parse(timestampLayout, at)
		if err != nil {
			return err
		}
		i := p.MonthIndex(t.In(time.Local))
		if i < 0 || i >= len(f.Moves) {
			return nil
		}
		if model.IsMoveUp(model.Stage(from), model.Stage(to)) {
			f.Moves[i].Up++
		} else {
			f.Moves[i].Down++
		}
		return nil
	})
	return f, err
}

// balances sums what clients owe today, from the purchases_owed index.
func balances(ctx context.Context, tx *sql.Tx, today time.Time) (model.Balances, error) {
	var b model.Balances
	err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(unpaid), 0),
			coalesce(sum(CASE WHEN due_date < ? THEN unpaid ELSE 0 END), 0), count(DISTINCT client_id)
		FROM purchases INDEXED BY purchases_owed WHERE unpaid > 0`, model.FormatDate(today)).Scan(&b.Owed, &b.Overdue, &b.Clients)
	return b, err
}

// funnel counts the clients on each rung now, as the ladder view does.
func funnel(ctx context.Context, tx *sql.Tx) ([]model.RungStat, error) {
	out := make([]model.RungStat, len(model.Stages))
	for i, st := range model.Stages {
		out[i].Stage = st
	}
	err := queryEach(ctx, tx, `SELECT stage, count(*), sum(total_spent), sum(lapsed), sum(ready <> 0)
		FROM clients INDEXED BY clients_ladder_totals WHERE lost_reason IS NULL GROUP BY stage`, nil, func(rows *sql.Rows) error {
		var st string
		var r model.RungStat
		if err := rows.Scan(&st, &r.Clients, &r.Spend, &r.Lapsed, &r.Ready); err != nil {
			return err
		}
		r.Stage = model.Stage(st)
		if i := slices.Index(model.Stages, r.Stage); i >= 0 {
			out[i] = r
		}
		return nil
	})
	return out, err
}

// ladderStages maps every client on the ladder (lost clients are not) to
// their rung, from clients_ladder_totals: its entries carry the rowid.
func ladderStages(ctx context.Context, tx *sql.Tx) (map[int64]model.Stage, error) {
	out := map[int64]model.Stage{}
	err := queryEach(ctx, tx, `SELECT id, stage FROM clients INDEXED BY clients_ladder_totals
		WHERE lost_reason IS NULL`, nil, func(r *sql.Rows) error {
		var id int64
		var st string
		if err := r.Scan(&id, &st); err != nil {
			return err
		}
		out[id] = model.Stage(st)
		return nil
	})
	return out, err
}

// clientFiguresByPurchases computes the per-client figures of any period
// (retention, revenue split, revenue per rung, top spenders) from the
// purchases themselves: the way for a period that does not start and end
// on whole months, which purchase_months cannot answer.
func clientFiguresByPurchases(ctx context.Context, tx *sql.Tx, p model.Period, f *model.Figures, ladder func() (map[int64]model.Stage, error)) error {
	prev := p.Previous()
	from, to, prevFrom := model.FormatDate(p.From), model.FormatDate(p.To), model.FormatDate(prev.From)
	stages, err := ladder()
	if err != nil {
		return err
	}
	// A short period reads its own entries of purchases_by_date and sorts
	// them by client; for a long one (two years with the previous) that
	// sort costs more than reading every purchase in client order.
	index := "purchases_by_date"
	if p.Days() > 92 {
		index = "purchases_by_client_date_amount"
	}

	// The clients whose first purchase ever is in the period, from
	// clients_by_first_purchase: a few thousand a month.
	newClients := map[int64]bool{}
	err = queryEach(ctx, tx, `SELECT id FROM clients INDEXED BY clients_by_first_purchase
		WHERE first_purchase BETWEEN ? AND ?`, []any{from, to}, func(r *sql.Rows) error {
		var id int64
		if err := r.Scan(&id); err != nil {
			return err
		}
		newClients[id] = true
		return nil
	})
	if err != nil {
		return err
	}

	// The clients who bought in the period or the one before, with their
	// sums in each, from purchases_by_date alone: reading each client's
	// row instead cost five times as much at 100,000 clients.
	var rows []model.ClientPeriod
	err = queryEach(ctx, tx, `SELECT client_id, sum(date >= ?1), sum(CASE WHEN date >= ?1 THEN amount ELSE 0 END),
			sum(date < ?1), sum(CASE WHEN date < ?1 THEN amount ELSE 0 END)
		FROM purchases INDEXED BY `+index+`
		WHERE date BETWEEN ?2 AND ?3 GROUP BY client_id`, []any{from, prevFrom, to}, func(r *sql.Rows) error {
		var c model.ClientPeriod
		if err := r.Scan(&c.ClientID, &c.Count, &c.Spend, &c.PrevCount, &c.PrevSpend); err != nil {
			return err
		}
		c.New = newClients[c.ClientID]
		c.Stage = stages[c.ClientID]
		rows = append(rows, c)
		return nil
	})
	if err != nil {
		return err
	}

	// Days from each visit of the period (a client's purchases on one day
	// are one visit) back to the client's visit before it. Per client the
	// gaps add up to their last visit less the visit before their first
	// one in the period (one index seek), or less that first one when
	// there is none: one seek a client rather than one a visit, which took
	// seconds for a year.
	var gaps int
	var gapDays int64
	err = tx.QueryRowContext(ctx, `SELECT coalesce(sum(CASE WHEN prior IS NULL THEN days - 1 ELSE days END), 0),
			coalesce(sum(CAST(julianday(last) - julianday(coalesce(prior, first)) AS INTEGER)), 0) FROM (
			SELECT count(DISTINCT date) AS days, min(date) AS first, max(date) AS last,
				(SELECT max(q.date) FROM purchases q WHERE q.client_id = p.client_id AND q.date < ?1) AS prior
			FROM purchases p INDEXED BY `+index+`
			WHERE date BETWEEN ?1 AND ?2 GROUP BY client_id)`, from, to).Scan(&gaps, &gapDays)
	if err != nil {
		return err
	}
	model.SummarizeClients(f, rows, gaps, gapDays)
	for i := range f.Top {
		if err := tx.QueryRowContext(ctx, "SELECT name FROM clients WHERE id = ?", f.Top[i].ClientID).Scan(&f.Top[i].Name); err != nil {
			return err
		}
	}

	// Revenue by month: all of it from purchases_by_date, that of new
	// clients from their purchases; the rest is returning clients'.
	f.ByMonth = model.EmptyMonths(p)
	byMonth := func(query string, add func(m *model.MonthRevenue, v model.Money)) error {
		return queryEach(ctx, tx, query, []any{from, to}, func(r *sql.Rows) error {
			var d string
			var v model.Money
			if err := r.Scan(&d, &v); err != nil {
				return err
			}
			day, _ := parseDay(d + "-01")
			if day.Before(p.From) { // a custom period starting mid-month
				day = p.From
			}
			if i := p.MonthIndex(day); i >= 0 && i < len(f.ByMonth) {
				add(&f.ByMonth[i], v)
			}
			return nil
		})
	}
	err = byMonth(`SELECT substr(date, 1, 7), sum(amount) FROM purchases INDEXED BY purchases_by_date
		WHERE date BETWEEN ?1 AND ?2 GROUP BY 1`, func(m *model.MonthRevenue, v model.Money) { m.Returning += v })
	if err != nil {
		return err
	}
	return byMonth(`SELECT substr(p.date, 1, 7), sum(p.amount) FROM clients c INDEXED BY clients_by_first_purchase
		JOIN purchases p ON p.client_id = c.id AND p.date BETWEEN ?1 AND ?2
		WHERE c.first_purchase BETWEEN ?1 AND ?2 GROUP BY 1`, func(m *model.MonthRevenue, v model.Money) { m.New += v; m.Returning -= v })
}
