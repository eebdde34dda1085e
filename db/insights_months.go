package db

import (
	"context"
	"database/sql"
	"slices"

	"clienttracker/model"
)

// clientFiguresByMonths computes the per-client figures of period p
// (retention, revenue split and by month, revenue per rung, top spenders)
// from purchase_months, for a period that is whole months and whose
// previous period is too. Every figure is a sum over the months' rows in
// index order; only the top spenders of a period longer than a month group
// rows by client. See db/migrations for why each sum is what it says.
func clientFiguresByMonths(ctx context.Context, tx *sql.Tx, p model.Period, f *model.Figures) error {
	prev := p.Previous()
	from, to := model.FormatDate(p.From), model.FormatDate(p.To)
	m1, m2 := p.From.Format("2006-01"), p.To.Format("2006-01")
	q1, q2 := prev.From.Format("2006-01"), prev.To.Format("2006-01")
	prevFrom := model.FormatDate(prev.From)
	var t model.ClientTotals

	// A client's first row in the period is the one whose last visit
	// before its month is before the period (or who never bought before);
	// they came back if that visit is in the previous period, and then
	// what they spent there is one walk of purchase_months_by_client.
	var retained int
	var retainedSpend model.Money
	err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(prior_day IS NULL OR prior_day < ?3), 0), coalesce(sum(spend), 0),
			coalesce(sum(days - (prior_day IS NULL)), 0),
			coalesce(sum(CAST(julianday(last_day) - julianday(coalesce(prior_day, first_day)) AS INTEGER)), 0),
			coalesce(sum(prior_day >= ?4 AND prior_day < ?3), 0),
			coalesce(sum(CASE WHEN prior_day >= ?4 AND prior_day < ?3 THEN
				(SELECT sum(r.spend) FROM purchase_months r INDEXED BY purchase_months_by_client
				WHERE r.client_id = m.client_id AND r.month BETWEEN ?5 AND ?6) END), 0)
		FROM purchase_months m WHERE month BETWEEN ?1 AND ?2`, m1, m2, from, prevFrom, q1, q2).
		Scan(&t.Buyers, &t.Revenue, &t.Gaps, &t.GapDays, &retained, &retainedSpend)
	if err != nil {
		return err
	}
	// The previous period's buyers and spend; those who did not come
	// back are the lapsed.
	var prevSpend model.Money
	err = tx.QueryRowContext(ctx, `SELECT coalesce(sum(prior_day IS NULL OR prior_day < ?3), 0), coalesce(sum(spend), 0)
		FROM purchase_months WHERE month BETWEEN ?1 AND ?2`, q1, q2, prevFrom).Scan(&t.PrevBuyers, &prevSpend)
	if err != nil {
		return err
	}
	t.Lapsed, t.LapsedSpend = t.PrevBuyers-retained, prevSpend-retainedSpend

	// Revenue by month, and of it the new clients' (first purchase ever
	// in the period: a few thousand, each one walk of their months).
	f.ByMonth = model.EmptyMonths(p)
	err = queryEach(ctx, tx, `SELECT month, sum(spend) FROM purchase_months WHERE month BETWEEN ?1 AND ?2 GROUP BY month`,
		[]any{m1, m2}, func(r *sql.Rows) error {
			var m string
			var v model.Money
			if err := r.Scan(&m, &v); err != nil {
				return err
			}
			if day, ok := parseDay(m + "-01"); ok {
				if i := p.MonthIndex(day); i >= 0 && i < len(f.ByMonth) {
					f.ByMonth[i].Returning += v
				}
			}
			return nil
		})
	if err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM clients INDEXED BY clients_by_first_purchase
		WHERE first_purchase BETWEEN ? AND ?`, from, to).Scan(&t.New); err != nil {
		return err
	}
	err = queryEach(ctx, tx, `SELECT m.month, sum(m.spend) FROM clients c INDEXED BY clients_by_first_purchase
			JOIN purchase_months m INDEXED BY purchase_months_by_client ON m.client_id = c.id AND m.month BETWEEN ?3 AND ?4
		WHERE c.first_purchase BETWEEN ?1 AND ?2 GROUP BY m.month`, []any{from, to, m1, m2}, func(r *sql.Rows) error {
		var m string
		var v model.Money
		if err := r.Scan(&m, &v); err != nil {
			return err
		}
		t.RevenueNew += v
		if day, ok := parseDay(m + "-01"); ok {
			if i := p.MonthIndex(day); i >= 0 && i < len(f.ByMonth) {
				f.ByMonth[i].New += v
				f.ByMonth[i].Returning -= v
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	t.Summarize(f)

	// Revenue per rung of the clients standing on it now (lost clients
	// are on none), each client counted in their first month.
	f.ByRung = make([]model.RungSpend, len(model.Stages))
	for i, st := range model.Stages {
		f.ByRung[i].Stage = st
	}
	// A month or a quarter looks up each row's client; a longer period
	// has more rows than there are clients, so each client on the ladder
	// sums their months instead (one walk of purchase_months_by_client).
	long := len(f.ByMonth) > 3
	rungs := `SELECT c.stage, sum(m.prior_day IS NULL OR m.prior_day < ?3), sum(m.spend)
		FROM purchase_months m JOIN clients c INDEXED BY clients_rung ON c.id = m.client_id
		WHERE m.month BETWEEN ?1 AND ?2 AND c.lost_reason IS NULL GROUP BY c.stage`
	if long {
		rungs = `SELECT stage, count(spend), coalesce(sum(spend), 0) FROM (
				SELECT c.stage, (SELECT sum(m.spend) FROM purchase_months m INDEXED BY purchase_months_by_client
					WHERE m.client_id = c.id AND m.month BETWEEN ?1 AND ?2) AS spend
				FROM clients c INDEXED BY clients_ladder_totals WHERE c.lost_reason IS NULL)
			GROUP BY stage`
	}
	err = queryEach(ctx, tx, rungs, []any{m1, m2, from}, func(r *sql.Rows) error {
		var st string
		var rs model.RungSpend
		if err := r.Scan(&st, &rs.Clients, &rs.Spend); err != nil {
			return err
		}
		if i := slices.Index(model.Stages, model.Stage(st)); i >= 0 {
			f.ByRung[i].Clients, f.ByRung[i].Spend = rs.Clients, rs.Spend
		}
		return nil
	})
	if err != nil {
		return err
	}

	// The top spenders, ties to the older client: a month has one row a
	// client; a longer period sums each client's months.
	top := `SELECT t.client_id, c.name, t.spend, t.purchases FROM (
				SELECT client_id, spend, purchases FROM purchase_months
				WHERE month = ?1 ORDER BY spend DESC, client_id LIMIT ?3) t
			JOIN clients c ON c.id = t.client_id ORDER BY t.spend DESC, t.client_id`
	switch {
	case long: // walk every client's months in client order: no sort of the rows
		top = `SELECT t.client_id, c.name, t.spend, (SELECT sum(purchases) FROM purchase_months
					WHERE client_id = t.client_id AND month BETWEEN ?1 AND ?2) FROM (
				SELECT client_id, sum(spend) AS spend FROM purchase_months INDEXED BY purchase_months_by_client
				WHERE month BETWEEN ?1 AND ?2 GROUP BY client_id ORDER BY spend DESC, client_id LIMIT ?3) t
			JOIN clients c ON c.id = t.client_id ORDER BY t.spend DESC, t.client_id`
	case m1 != m2:
		top = `SELECT t.client_id, c.name, t.spend, t.purchases FROM (
				SELECT client_id, sum(spend) AS spend, sum(purchases) AS purchases FROM purchase_months
				WHERE month BETWEEN ?1 AND ?2 GROUP BY client_id ORDER BY spend DESC, client_id LIMIT ?3) t
			JOIN clients c ON c.id = t.client_id ORDER BY t.spend DESC, t.client_id`
	}
	f.Top = nil
	return queryEach(ctx, tx, top, []any{m1, m2, model.TopSpenders}, func(r *sql.Rows) error {
		var s model.Spender
		if err := r.Scan(&s.ClientID, &s.Name, &s.Spend, &s.Count); err != nil {
			return err
		}
		f.Top = append(f.Top, s)
		return nil
	})
}
