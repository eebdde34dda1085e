package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"clienttracker/model"
)

// clientSchedule is what the schedule rules need to know about one client,
// as eachSchedule loads it.
type clientSchedule struct {
	h     model.History    // Stage is the stored one until computeSchedule
	facts model.StageFacts // for model.ComputeStage; only with loadFacts

	// The stored values, so that only changes are written.
	storedStage model.Stage
	storedNext  time.Time     // zero for never
	storedKey   sql.NullInt64 // due_key
	storedRisk  bool          // due_risk
	storedAuto  sql.NullString
	storedLaps  bool
	storedReady int
	pin         model.Stage // pinned_stage; "" for none
}

// scope selects the clients a bulk load reads: cond (with args) is a
// condition on clients aliased c.
type scope struct {
	cond string
	args []any
	one  int64  // the client, when there is just one
	ids  string // a query or list of the clients' ids (with args), when there are many
	list bool   // ids is a short list of placeholders
}

// allClients is every client, for a full recompute.
func allClients() scope { return scope{cond: "1", ids: "SELECT id FROM clients"} }

// oneClient is client id, for refreshClient and History.
func oneClient(id int64) scope { return scope{cond: "c.id = ?", args: []any{id}, one: id} }

// listed is the clients of ids (a page of the due list: a few hundred at
// most), searched by id in every table.
func listed(ids []int64) scope {
	ph := strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return scope{cond: "c.id IN (" + ph + ")", args: args, ids: ph, list: true}
}

// child returns the condition on a column holding a client id that selects
// the rows of the scope's clients in another table. For a single client or
// a short list it is an index search per client. Otherwise it selects
// every row of the set: the sets
// read that way (open promises and complaints, promises broken lately,
// unpaid purchases, referrals) are a few rows per hundred clients, each
// read from an index of its own, which costs less than searching them by
// tens of thousands of ids; rows of clients not loaded are dropped.
func (sc scope) child(col string) (string, []any) {
	if sc.one != 0 {
		return col + " = ?", []any{sc.one}
	}
	if sc.list {
		return col + " IN (" + sc.ids + ")", sc.args
	}
	return "1", nil
}

// What eachSchedule loads besides what model.NextDue needs.
const (
	loadFacts  = 1 << iota // model.StageFacts, to compute the stage
	loadDetail             // what the due list shows and History returns
)

// promiseWindowDays is how far back a broken promise counts against a
// client (History.BrokenPromises), as for the promise-keeping score.
const promiseWindowDays = promiseScoreDays

// scheduleQuery is one of the queries of eachSchedule.
type scheduleQuery struct {
	name  string // what it loads
	query string
	args  []any
}

// scheduleQueries returns the queries eachSchedule runs, in order: a few
// over the other tables, whose rows only some clients have (open promises
// and complaints, promises broken lately, money owed past its day; with
// loadFacts referral counts; with loadDetail preferences), and last the one over
// the clients themselves, whose rows carry the contact aggregates and
// purchase dates the triggers keep, and which sums each client's spend
// from an index (loadFacts) and adds the first phone and the last purchase
// (loadDetail).
func scheduleQueries(sc scope, today time.Time, what int) []scheduleQuery {
	day := model.Day(today)
	child := func(name, col, query string, args ...any) scheduleQuery {
		cond, cargs := sc.child(col)
		return scheduleQuery{name, strings.ReplaceAll(query, "$child", cond), append(args, cargs...)}
	}
	qs := []scheduleQuery{
		child("promises", "client_id", `SELECT `+promiseColumns+` FROM promises WHERE status = 'open' AND $child`),
		child("complaints", "client_id", `SELECT `+complaintColumns+` FROM complaints WHERE status = 'open' AND $child`),
	}
	if what&loadFacts != 0 {
		qs = append(qs,
			// From clients_by_referrer alone.
			child("referrals", "referred_by", `SELECT referred_by, count(*) FROM clients
				WHERE referred_by IS NOT NULL AND $child GROUP BY referred_by`))
	}
	// Money owed past its day is a reason to call (every load) and, by its
	// age, a ladder fact. Only unpaid purchases are in purchases_owed.
	qs = append(qs, child("debts", "client_id", `SELECT client_id, min(due_date), sum(unpaid) FROM purchases
		WHERE unpaid > 0 AND due_date < ? AND $child GROUP BY client_id`, model.FormatDate(day)))
	if what&loadDetail != 0 {
		// Three or four per client: searched by client, in the order
		// entered.
		prefs := scheduleQuery{"preferences", `SELECT id, client_id, attitude, category, value, note FROM preferences
			WHERE client_id = ? ORDER BY client_id, id`, []any{sc.one}}
		if sc.one == 0 {
			prefs.query = strings.Replace(prefs.query, "client_id = ?", "client_id IN ("+sc.ids+")", 1)
			prefs.args = sc.args
		}
		qs = append(qs, prefs)
	}
	// A promise broken lately puts a client at risk, which the stored rank
	// says (due_risk), so every load reads them. For a few clients, from
	// their entries of promises_by_client_status: SQLite would rather
	// read every promise broken in the window from promises_by_status_due
	// (a range, then each row for its client), which made logging a
	// contact at 100,000 clients twice as slow.
	by := ""
	if sc.one != 0 || sc.list {
		by = " INDEXED BY promises_by_client_status"
	}
	qs = append(qs, child("broken promises", "client_id", `SELECT client_id, count(*) FROM promises`+by+`
		WHERE status = 'broken' AND due_by > ? AND $child GROUP BY client_id`,
		model.FormatDate(day.AddDate(0, 0, -promiseWindowDays))))

	query, args := "SELECT "+scheduleColumns, []any{}
	if what&loadFacts != 0 {
		query += factsColumns
		args = append(args, model.FormatDate(day.AddDate(0, 0, -365)))
	}
	from := " FROM clients c"
	if what&loadDetail != 0 {
		query += detailColumns
		from += detailJoin
	}
	return append(qs, scheduleQuery{"clients", query + from + " WHERE " + sc.cond, append(args, sc.args...)})
}

// eachSchedule loads what model.NextDue needs as of today for each client
// in sc, and what model.ComputeStage (loadFacts) or the due list
// (loadDetail) needs, and calls fn with it, client by client. It runs the
// few set-based queries of scheduleQueries, whatever the number of
// clients: the rows of the other tables are kept in a map, then the
// clients are read and completed from it one by one.
//
// Without loadDetail, *c and its slices are reused from one client to the
// next (a full recompute allocates almost nothing per client): fn must not
// keep them. With it, each client's History is fn's to keep.
func eachSchedule(ctx context.Context, tx *sql.Tx, sc scope, today time.Time, what int, fn func(c *clientSchedule) error) error {
	qs := scheduleQueries(sc, today, what)
	children, err := loadChildren(ctx, tx, qs[:len(qs)-1], today)
	if err != nil {
		return err
	}

	clients := qs[len(qs)-1]
	var c clientSchedule
	sc1 := newScheduleScanner(what)
	each := func(rows rowScanner) error {
		if what&loadDetail != 0 {
			sc1.dates = nil // fn keeps the History
		}
		c = clientSchedule{}
		if err := sc1.scan(rows, &c); err != nil {
			return err
		}
		children.apply(&c)
		return fn(&c)
	}
	if readsInBatches(sc, what) {
		err = queryJSONBatches(ctx, tx, clients.query, clients.args, len(sc1.dest), each)
	} else {
		err = queryEach(ctx, tx, clients.query, clients.args, func(rows *sql.Rows) error { return each(rows) })
	}
	if err != nil {
		return fmt.Errorf("clients: %w", err)
	}
	return nil
}

// readsInBatches reports whether eachSchedule reads the clients of sc a
// batch statement at a time (queryJSONBatches), each one's rows computed
// whole by its first step: between two clients no query over clients is
// stepping, so the table may be written then.
func readsInBatches(sc scope, what int) bool {
	return sc.cond == allClients().cond && what&loadDetail == 0
}

// childFacts is what the other tables add to the clients, for the few
// that have any: a map of each kind of fact, by client. A quarter of the
// clients have one fact or another (at 300,000 clients, 80,800 of them:
// 47,000 owe money, 25,000 brought others, 18,000 were promised
// something), most of them one kind only; one map of every kind of fact
// by client took about 150 bytes for each of them, 12 MB held through a
// whole recompute.
type childFacts struct {
	day         time.Time // the day the debts' ages count to
	promises    map[int64][]model.Promise
	complaints  map[int64][]model.Complaint
	preferences map[int64][]model.Preference
	referrals   map[int64]int
	broken      map[int64]int
	debts       map[int64]debtFact
}

// debtFact is what a client owes past its day: the sum, and the day the
// oldest of it fell due.
type debtFact struct {
	since  time.Time
	amount model.Money
}

// apply completes c with f's facts of c's client.
func (f *childFacts) apply(c *clientSchedule) {
	id := c.h.Client.ID
	c.h.OpenPromises, c.h.OpenComplaints, c.h.Preferences = f.promises[id], f.complaints[id], f.preferences[id]
	c.facts.Referrals, c.h.BrokenPromises = f.referrals[id], f.broken[id]
	if d, ok := f.debts[id]; ok {
		c.facts.OldestOverdueDebtDays = model.DaysBetween(d.since, f.day)
		c.h.OverdueDebt, c.h.DebtDueSince = d.amount, d.since
	}
}

// loadChildren runs the queries of scheduleQueries over the other tables
// (qs, without the clients query) and returns their facts by client.
func loadChildren(ctx context.Context, tx *sql.Tx, qs []scheduleQuery, today time.Time) (*childFacts, error) {
	f := &childFacts{day: model.Day(today),
		promises: map[int64][]model.Promise{}, complaints: map[int64][]model.Complaint{},
		preferences: map[int64][]model.Preference{}, referrals: map[int64]int{},
		broken: map[int64]int{}, debts: map[int64]debtFact{}}
	// count reads a client id and a count into counts.
	count := func(counts map[int64]int) func(*sql.Rows) error {
		return func(rows *sql.Rows) error {
			var id int64
			var n int
			err := rows.Scan(&id, &n)
			counts[id] = n
			return err
		}
	}
	scans := map[string]func(*sql.Rows) error{
		"promises": func(rows *sql.Rows) error {
			p, err := scanPromise(rows)
			f.promises[p.ClientID] = append(f.promises[p.ClientID], p)
			return err
		},
		"complaints": func(rows *sql.Rows) error {
			c, err := scanComplaint(rows)
			f.complaints[c.ClientID] = append(f.complaints[c.ClientID], c)
			return err
		},
		"referrals": count(f.referrals),
		"debts": func(rows *sql.Rows) error {
			var id, unpaid int64
			var due string
			if err := rows.Scan(&id, &due, &unpaid); err != nil {
				return err
			}
			d, ok := parseDay(due)
			if !ok {
				return fmt.Errorf("client %d: bad due date %q", id, due)
			}
			f.debts[id] = debtFact{since: d, amount: model.Money(unpaid)}
			return nil
		},
		"preferences": func(rows *sql.Rows) error {
			var p model.Preference
			var attitude, category string
			if err := rows.Scan(&p.ID, &p.ClientID, &attitude, &category, &p.Value, &p.Note); err != nil {
				return err
			}
			p.Attitude, p.Category = model.Attitude(attitude), model.PrefCategory(category)
			f.preferences[p.ClientID] = append(f.preferences[p.ClientID], p)
			return nil
		},
		"broken promises": count(f.broken),
	}
	for _, q := range qs {
		if err := queryEach(ctx, tx, q.query, q.args, scans[q.name]); err != nil {
			return nil, fmt.Errorf("%s: %w", q.name, err)
		}
	}
	return f, nil
}

// queryEach runs query and calls scan for each row.
func queryEach(ctx context.Context, tx *sql.Tx, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Columns loadClientRows reads. created_at is read only for clients
// without "client since" or never contacted: the rules count from it only
// then (the first check-in of a client never contacted is spread over the
// weeks after their record was made).
const (
	scheduleColumns = `c.id, c.since, CASE WHEN c.since IS NULL OR c.last_contact IS NULL THEN c.created_at END,
		c.birth_day, c.birth_month, c.birth_year,
		c.lost_reason, c.lost_text, c.lost_on, c.check_in_days, c.do_not_contact, c.quiet, c.snoozed_until,
		c.purchase_count, c.last_purchase, c.purchase_dates, c.contact_count, c.last_contact, c.last_feedback,
		c.stage, c.next_due, c.due_key, c.pinned_stage, c.auto_stage,
		-- In SQLite | and << bind alike, left to right: hence the brackets.
		c.due_risk | (c.marked_vip << 1) | (c.marked_blacklist << 2) | (c.buys_only_here << 3) | (c.lapsed << 4) | (c.ready << 5)`
	// The spend of the twelve months up to today, from
	// purchases_by_client_date_amount alone; not even looked up for a
	// client whose last purchase is older.
	factsColumns = `, CASE WHEN c.last_purchase > ?1
		THEN (SELECT sum(amount) FROM purchases WHERE client_id = c.id AND date > ?1) END`
	// Name and contact details, and the last purchase (the latest entered
	// on the last purchase day).
	detailColumns = `, c.name, c.channel, c.email,
		(SELECT phone FROM client_phones WHERE client_id = c.id ORDER BY position LIMIT 1),
		lp.id, lp.item, lp.category, lp.amount, lp.unpaid, lp.due_date, lp.note`
	detailJoin = ` LEFT JOIN purchases lp ON lp.id =
		(SELECT max(id) FROM purchases WHERE client_id = c.id AND date = c.last_purchase)`
)

// scheduleScanner reads the rows of the clients query of eachSchedule. It
// is made once per query: Scan's destinations are its fields, so a row
// costs no allocation beyond the driver's.
type scheduleScanner struct {
	what int
	dest []any

	since, created, lastPurchase, last, next sql.NullString
	dateList                                 sql.RawBytes // parsed in place
	day, month, year                         sql.NullInt64
	lp                                       lostPlanColumns
	purchases, contacts                      int
	stage, feedback                          string
	spend, dueKey                            sql.NullInt64
	pinned, auto                             sql.NullString
	flags                                    int64 // packed in SQL: a column costs a trip through cgo per row

	name, channel, email                string
	phone, lpDue, lpItem, lpCat, lpNote sql.NullString
	lpID, lpAmount, lpUnpaid            sql.NullInt64

	dates []time.Time // the purchase dates' buffer, reused without loadDetail
}

func newScheduleScanner(what int) *scheduleScanner {
	s := &scheduleScanner{what: what}
	s.dest = append([]any{new(int64), &s.since, &s.created, &s.day, &s.month, &s.year}, s.lp.dest()...)
	s.dest = append(s.dest, &s.purchases, &s.lastPurchase, &s.dateList, &s.contacts, &s.last, &s.feedback, &s.stage, &s.next, &s.dueKey, &s.pinned, &s.auto, &s.flags)
	if what&loadFacts != 0 {
		s.dest = append(s.dest, &s.spend)
	}
	if what&loadDetail != 0 {
		s.dest = append(s.dest, &s.name, &s.channel, &s.email, &s.phone,
			&s.lpID, &s.lpItem, &s.lpCat, &s.lpAmount, &s.lpUnpaid, &s.lpDue, &s.lpNote)
	}
	return s
}

// stages interns the stored stage names.
var stages = func() map[string]model.Stage {
	m := map[string]model.Stage{}
	for _, s := range model.Stages {
		m[string(s)] = s
	}
	return m
}()

// rowScanner is a row to scan: *sql.Rows, or a row of a JSON batch.
type rowScanner interface{ Scan(dest ...any) error }

// scan reads the current row into c.
func (s *scheduleScanner) scan(rows rowScanner, c *clientSchedule) error {
	if err := rows.Scan(s.dest...); err != nil {
		return err
	}
	cl := &c.h.Client
	cl.ID = *s.dest[0].(*int64)
	if err := s.lp.decode(cl); err != nil {
		return fmt.Errorf("client %d: %w", cl.ID, err)
	}
	cl.Birthday = model.Birthday{Day: int(s.day.Int64), Month: time.Month(s.month.Int64), Year: int(s.year.Int64)}
	var ok1, ok2, ok3 bool
	cl.Since, ok1 = parseDay(s.since.String)
	c.h.LastPurchase.Date, ok2 = parseDay(s.lastPurchase.String)
	c.storedNext, ok3 = parseDay(s.next.String)
	if !ok1 || !ok2 || !ok3 {
		return fmt.Errorf("client %d: bad date %q, %q or %q", cl.ID, s.since.String, s.lastPurchase.String, s.next.String)
	}
	var err error
	if s.created.Valid {
		if cl.CreatedAt, err = parseTimestamp(s.created.String); err != nil {
			return fmt.Errorf("client %d: created_at: %w", cl.ID, err)
		}
		cl.CreatedAt = cl.CreatedAt.In(time.Local)
	}
	if s.last.Valid {
		if c.h.LastContact, err = parseTimestamp(s.last.String); err != nil {
			return fmt.Errorf("client %d: last_contact: %w", cl.ID, err)
		}
		// The rules count a contact on the owner's calendar day, the day of
		// the instant in its own location: a call at 01:00 in Yerevan is
		// that day's, not the day before's as in UTC.
		c.h.LastContact = c.h.LastContact.In(time.Local)
	}
	if s.dates, err = appendDayList(s.dates[:0], s.dateList); err != nil {
		return fmt.Errorf("client %d: purchase_dates: %w", cl.ID, err)
	}
	c.h.PurchaseDates, c.facts.PurchaseDates = s.dates, s.dates
	c.facts.Purchases, c.facts.Contacts = s.purchases, s.contacts
	c.facts.Spend12m = model.Money(s.spend.Int64)
	c.h.LastFeedback = model.Feedback(s.feedback)
	if c.storedStage = stages[s.stage]; c.storedStage == "" {
		c.storedStage = model.Stage(s.stage)
	}
	c.h.Stage = c.storedStage
	bit := func(i uint) bool { return s.flags&(1<<i) != 0 }
	c.storedKey, c.storedRisk = s.dueKey, bit(0)
	c.storedAuto, c.storedLaps, c.storedReady = s.auto, bit(4), int(s.flags>>5)
	c.pin = model.Stage(s.pinned.String)
	c.facts.MarkedVIP, c.facts.MarkedBlacklist, c.facts.BuysOnlyHere = bit(1), bit(2), bit(3)
	if s.what&loadDetail == 0 {
		return nil
	}
	cl.Name, cl.Channel, cl.Email = s.name, model.Channel(s.channel), s.email
	if s.phone.Valid {
		cl.Phones = []string{s.phone.String}
	}
	if s.lpID.Valid {
		p := &c.h.LastPurchase
		p.ID, p.ClientID, p.Item, p.Category, p.Note = s.lpID.Int64, cl.ID, s.lpItem.String, s.lpCat.String, s.lpNote.String
		p.Amount, p.Unpaid = model.Money(s.lpAmount.Int64), model.Money(s.lpUnpaid.Int64)
		if p.DueDate, ok1 = parseDay(s.lpDue.String); !ok1 {
			return fmt.Errorf("purchase %d: bad due date %q", p.ID, s.lpDue.String)
		}
	}
	return nil
}

// appendDayList appends the days of clients.purchase_dates ('YYYY-MM-DD'
// separated by commas; empty for none) to dates.
func appendDayList(dates []time.Time, b []byte) ([]time.Time, error) {
	for len(b) > 0 {
		end := min(len(b), 10)
		d, ok := parseDayBytes(b[:end])
		if !ok {
			return dates, fmt.Errorf("bad date %q", b[:end])
		}
		dates = append(dates, d)
		b = b[min(len(b), 11):]
	}
	return dates, nil
}

// parseDay reads a stored 'YYYY-MM-DD' day; "" is the zero time. It is
// model.ParseDate without time.Parse's generality, for the million dates
// of a full recompute.
func parseDay(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	return parseDayBytes([]byte(s))
}

func parseDayBytes(b []byte) (time.Time, bool) {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return time.Time{}, false
	}
	n := 0
	for i, c := range b {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return time.Time{}, false
		}
		n = n*10 + int(c-'0')
	}
	y, m, d := n/10000, n/100%100, n%100
	if m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return time.Time{}, false
	}
	return time.Unix(daysFromCivil(y, m, d)*86400, 0).UTC(), true
}

// daysIn is the length of month m of year y.
func daysIn(m, y int) int {
	switch {
	case m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0):
		return 29
	case m == 2:
		return 28
	case m == 4 || m == 6 || m == 9 || m == 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days from 1970-01-01 to y-m-d in the proleptic
// Gregorian calendar (H. Hinnant's algorithm): time.Date's normalisation
// costs more than the rest of reading a date.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
