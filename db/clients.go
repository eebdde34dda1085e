package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"clienttracker/model"
)

// timestampLayout is RFC 3339 in UTC with milliseconds, fixed width so
// that stored timestamps also sort as text.
const timestampLayout = "2006-01-02T15:04:05.000Z07:00"

// msgReferrerGone is the form message for a referral to a deleted client.
const msgReferrerGone = "The client who referred them no longer exists; choose another."

// CreateClient normalizes and validates c (its lost mark and contact plan
// included) and stores it with its phones and tags; the client and their
// referrer get their stage and next due day. It sets c.ID, c.CreatedAt
// and c.UpdatedAt. It returns a
// *model.ValidationError for invalid input, including a referrer that does
// not exist, and wrapped SQLite errors otherwise.
func (db *DB) CreateClient(ctx context.Context, c *model.Client) error {
	c.ID, c.Summary = 0, model.PurchaseSummary{}
	verr := normalizeClient(c, db.now())
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("create client", err)
	}
	defer tx.Rollback()
	if err := db.createClient(ctx, tx, c, verr); err != nil {
		c.ID = 0
		return storeErr("create client", err)
	}
	if err := readStanding(ctx, tx, c); err != nil {
		c.ID = 0
		return storeErr("create client", err)
	}
	if err := tx.Commit(); err != nil {
		c.ID = 0
		return storeErr("create client", err)
	}
	return nil
}

// UpdateClient normalizes, validates and stores c over the client with its
// ID, replacing its phones, tags and contact plan; the schedule of the
// client and of their old and new referrer follows. The lost mark and the
// snooze are kept as stored: MarkLost and Snooze own them, so a form opened
// before a snooze cannot undo it on save (c gets the stored values). It
// sets c.CreatedAt (from the store) and c.UpdatedAt, and leaves the
// purchase summary alone. It returns
// model.ErrNotFound if there is no such client, a *model.ValidationError
// for invalid input, and wrapped SQLite errors otherwise.
func (db *DB) UpdateClient(ctx context.Context, c *model.Client) error {
	verr := normalizeClient(c, db.now())
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("update client", err)
	}
	defer tx.Rollback()
	created, updated, err := db.updateClient(ctx, tx, c, verr)
	if err != nil {
		return storeErr("update client", err)
	}
	stored, err := scanClient(tx.QueryRowContext(ctx, "SELECT "+clientColumns+" FROM clients c "+referrerJoin+" WHERE c.id = ?", c.ID))
	if err != nil {
		return storeErr("update client", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("update client", err)
	}
	c.CreatedAt, c.UpdatedAt = created, updated
	c.Lost, c.Plan.SnoozedUntil, c.Pin = stored.Lost, stored.Plan.SnoozedUntil, stored.Pin
	c.Stage, c.AutoStage, c.Lapsed, c.Ready = stored.Stage, stored.AutoStage, stored.Lapsed, stored.Ready
	return nil
}

// DeleteClient deletes a client with their phones, tags, preferences,
// purchases, contact log, promises and complaints. Clients they referred
// stay, with no referrer; their referrer's stage follows. It returns
// model.ErrNotFound if there is no such client, and wrapped SQLite errors
// otherwise.
func (db *DB) DeleteClient(ctx context.Context, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("delete client", err)
	}
	defer tx.Rollback()
	if err := db.deleteClient(ctx, tx, id); err != nil {
		return storeErr("delete client", err)
	}
	return storeErr("delete client", tx.Commit())
}

// readStanding sets c's rung, the rules' rung, badge and hint as stored.
func readStanding(ctx context.Context, tx *sql.Tx, c *model.Client) error {
	var stage string
	var auto sql.NullString
	var ready int
	err := tx.QueryRowContext(ctx, "SELECT stage, auto_stage, lapsed, ready FROM clients WHERE id = ?", c.ID).Scan(&stage, &auto, &c.Lapsed, &ready)
	c.Stage, c.AutoStage, c.Ready = model.Stage(stage), model.Stage(auto.String), readyHint(ready)
	return err
}

// GetClient returns a client with their phones (in the order entered),
// tags, referrer's name and purchase summary. It returns model.ErrNotFound
// if there is no such client, and wrapped SQLite errors otherwise.
func (db *DB) GetClient(ctx context.Context, id int64) (*model.Client, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("get client", err)
	}
	defer tx.Rollback()
	c, err := scanClient(tx.QueryRowContext(ctx, "SELECT "+clientColumns+" FROM clients c "+referrerJoin+" WHERE c.id = ?", id))
	if err != nil {
		return nil, storeErr("get client", err)
	}
	return c, storeErr("get client", tx.Commit())
}

// ListClients returns one page of the clients that match f.Search, in
// f.Sort order, and how many match in all; both come from one snapshot.
// Each client has phones, tags, referrer's name and purchase summary.
// Errors are wrapped SQLite errors.
func (db *DB) ListClients(ctx context.Context, f model.ClientFilter) ([]*model.Client, int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, 0, storeErr("list clients", err)
	}
	defer tx.Rollback()
	cs, total, err := listClients(ctx, tx, f)
	if err != nil {
		return nil, 0, storeErr("list clients", err)
	}
	return cs, total, storeErr("list clients", tx.Commit())
}

// CountClients returns how many clients there are. Errors are wrapped
// SQLite errors.
func (db *DB) CountClients(ctx context.Context) (int, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return 0, storeErr("count clients", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&n); err != nil {
		return 0, storeErr("count clients", err)
	}
	return n, storeErr("count clients", tx.Commit())
}

// HasClients reports whether the book holds a client: one row read,
// where CountClients walks an index of every client (0.9 MB of pages at
// 100,000 clients). Errors are wrapped SQLite errors.
func (db *DB) HasClients(ctx context.Context) (bool, error) {
	var has bool
	err := db.r.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM clients)").Scan(&has)
	return has, storeErr("look for clients", err)
}

// timestamp is t in UTC to the millisecond, as stored.
func timestamp(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

// normalizeClient normalizes c with its lost mark and contact plan and
// validates all three as of today, as one validation error.
func normalizeClient(c *model.Client, today time.Time) error {
	c.Normalize()
	c.Lost.Normalize()
	c.Plan.Normalize()
	return joinValidation(c.Validate(today), c.Lost.Validate(today), c.Plan.Validate())
}

// joinValidation merges validation errors into one, in order; nil when
// all are nil. Any other error is returned as it is.
func joinValidation(errs ...error) error {
	var all *model.ValidationError
	for _, err := range errs {
		if err == nil {
			continue
		}
		ve, ok := model.AsValidation(err)
		if !ok {
			return err
		}
		if all == nil {
			all = &model.ValidationError{}
		}
		all.Fields = append(all.Fields, ve.Fields...)
	}
	if all == nil {
		return nil
	}
	return all
}

// checkReferrer adds to verr (c's validation result) an error if c names a
// referrer that does not exist, and returns the combined validation error.
func checkReferrer(ctx context.Context, tx *sql.Tx, c *model.Client, verr error) error {
	if c.ReferredBy != 0 {
		ok, err := exists(ctx, tx, "clients", c.ReferredBy)
		if err != nil {
			return err
		}
		if !ok {
			ve, isVE := model.AsValidation(verr)
			if !isVE {
				ve = &model.ValidationError{}
			}
			ve.Fields = append(ve.Fields, model.FieldError{Field: model.FieldReferredBy, Message: msgReferrerGone})
			return ve
		}
	}
	return verr
}

// exists reports whether table has a row with this id. table is always a
// constant of this package, never input.
func exists(ctx context.Context, tx *sql.Tx, table string, id int64) (bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM "+table+" WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// SQL that writes a client; InsertRecords prepares each once.
const (
	sqlInsertClient = `INSERT INTO clients (id, name, email, city, address, company, channel, since,
		birth_day, birth_month, birth_year, language, referred_by, notes, sort_key, created_at, updated_at,
		purchase_count, total_spent, balance_owed, first_purchase, last_purchase, purchase_dates,
		lost_reason, lost_text, lost_on, check_in_days, do_not_contact, quiet, snoozed_until,
		marked_vip, marked_blacklist, buys_only_here)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	// sqlInsertScheduledClient also stores the client's schedule, known
	// before the insert (see recordInserter.schedule).
	sqlInsertScheduledClient = `INSERT INTO clients (id, name, email, city, address, company, channel, since,
		birth_day, birth_month, birth_year, language, referred_by, notes, sort_key, created_at, updated_at,
		purchase_count, total_spent, balance_owed, first_purchase, last_purchase, purchase_dates,
		lost_reason, lost_text, lost_on, check_in_days, do_not_contact, quiet, snoozed_until,
		marked_vip, marked_blacklist, buys_only_here,
		stage, auto_stage, lapsed, ready, next_due, due_key, due_risk)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
		?, ?, ?, ?, ?, ?, ?)`
	sqlInsertPhone    = "INSERT INTO client_phones (client_id, position, phone, digits, e164) VALUES (?, ?, ?, ?, ?)"
	sqlInsertTag      = "INSERT INTO client_tags (client_id, tag) VALUES (?, ?)"
	sqlInsertFTS      = "INSERT INTO client_fts (rowid, name, email, city, company, address, tags, notes, alt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
	sqlInsertPhoneFTS = "INSERT INTO client_phone_fts (rowid, digits) VALUES (?, ?)"
)

// insertClient stores c, which must be valid, with its phones and tags
// (not its search rows: see insertSearchRows) and the sort key of its name. A zero c.ID gets the next
// free id, and c.ID is set to it. The purchase aggregates are stored from
// c.Summary and purchaseDates (clients.purchase_dates, "" for none): zero
// for a new client, and for InsertRecords those of the purchases it has
// already inserted.
func insertClient(ctx context.Context, ex *execer, c *model.Client, forms []model.PhoneForms, sortKey []byte, purchaseDates string, sched *scheduleChange) error {
	b, s := c.Birthday, c.Summary
	query, args := sqlInsertClient, slices.Concat([]any{nullInt(c.ID), c.Name, c.Email, c.City, c.Address, c.Company,
		string(c.Channel), nullDate(c.Since), nullInt(int64(b.Day)), nullInt(int64(b.Month)), nullInt(int64(b.Year)),
		c.Language, nullInt(c.ReferredBy), c.Notes, sortKey,
		c.CreatedAt.Format(timestampLayout), c.UpdatedAt.Format(timestampLayout),
		s.Count, int64(s.Total), int64(s.Owed), nullDate(s.First), nullDate(s.Last), nullString(purchaseDates)},
		lostPlanArgs(c), marksArgs(c.Marks))
	if sched != nil {
		query = sqlInsertScheduledClient
		args = append(args, string(sched.stage), string(sched.auto), sched.lapsed, sched.ready,
			nullDate(sched.next), sched.key, sched.risk)
	}
	res, err := ex.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return insertPhonesAndTags(ctx, ex, c, forms)
}

// insertPhonesAndTags stores c's phones, whose forms are forms (nil: read
// here), and tags.
func insertPhonesAndTags(ctx context.Context, ex *execer, c *model.Client, forms []model.PhoneForms) error {
	if forms == nil {
		forms = ex.phoneForms(c.Phones)
	}
	for i, p := range c.Phones {
		if _, err := ex.exec(ctx, sqlInsertPhone, c.ID, i, p, model.PhoneDigits(p), forms[i].E164); err != nil {
			return err
		}
	}
	for _, t := range c.Tags {
		if _, err := ex.exec(ctx, sqlInsertTag, c.ID, t); err != nil {
			return err
		}
	}
	return nil
}

// searchRows is what the two search tables hold for one client.
type searchRows struct {
	id     int64
	words  []any  // the text columns of client_fts, in order
	digits string // the phones' digits; "" for none
}

// newSearchRows makes c's search rows; forms are the forms of its phones.
func newSearchRows(c *model.Client, forms []model.PhoneForms) searchRows {
	return searchRows{id: c.ID, words: ftsColumns(c), digits: phoneDigitsRow(c.Phones, forms)}
}

// insertSearchRows stores a client's rows in the search tables.
func insertSearchRows(ctx context.Context, ex *execer, r searchRows) error {
	if _, err := ex.exec(ctx, sqlInsertFTS, append([]any{r.id}, r.words...)...); err != nil {
		return err
	}
	if r.digits != "" {
		if _, err := ex.exec(ctx, sqlInsertPhoneFTS, r.id, r.digits); err != nil {
			return err
		}
	}
	return nil
}

// deleteClientRows deletes the phones, tags and search rows of client id.
func deleteClientRows(ctx context.Context, tx *sql.Tx, id int64) error {
	for _, q := range []string{
		"DELETE FROM client_phones WHERE client_id = ?",
		"DELETE FROM client_tags WHERE client_id = ?",
		"DELETE FROM client_fts WHERE rowid = ?",
		"DELETE FROM client_phone_fts WHERE rowid = ?",
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return nil
}

// createClient stores the new client c, whose validation result is verr.
func (db *DB) createClient(ctx context.Context, tx *sql.Tx, c *model.Client, verr error) error {
	if err := checkReferrer(ctx, tx, c, verr); err != nil {
		return err
	}
	s, err := pinSettings(ctx, tx, db.locale)
	if err != nil {
		return err
	}
	c.CreatedAt = timestamp(db.now())
	c.UpdatedAt = c.CreatedAt
	ex := &execer{tx: tx, region: s.HomeCountry}
	forms := ex.phoneForms(c.Phones)
	if err := insertClient(ctx, ex, c, forms, db.collator(s.SortLanguage).Key(c.Name), "", nil); err != nil {
		return err
	}
	if err := insertSearchRows(ctx, ex, newSearchRows(c, forms)); err != nil {
		return err
	}
	// A referral can move the referrer up the ladder.
	return db.refreshClients(ctx, tx, db.now(), c.ID, c.ReferredBy)
}

// updateClient overwrites the stored client c.ID with c, whose validation
// result is verr, and returns its creation and new update times.
func (db *DB) updateClient(ctx context.Context, tx *sql.Tx, c *model.Client, verr error) (created, updated time.Time, err error) {
	created, updated, oldReferrer, err := db.writeClient(ctx, tx, c, verr, nil)
	if err != nil {
		return created, updated, err
	}
	// The plan may have changed, and so may the referral: the old and the
	// new referrer's stage follow.
	return created, updated, db.refreshClients(ctx, tx, db.now(), c.ID, oldReferrer, c.ReferredBy)
}

// writeClient is updateClient without the schedule refresh, which a bulk
// caller does once for all the clients it wrote. It also returns the
// referrer the client had before. phones holds numbers already read
// (nil: none).
func (db *DB) writeClient(ctx context.Context, tx *sql.Tx, c *model.Client, verr error, phones phoneCache) (created, updated time.Time, referrer int64, err error) {
	var createdText string
	var oldReferrer sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT created_at, referred_by FROM clients WHERE id = ?", c.ID).Scan(&createdText, &oldReferrer); err != nil {
		return created, updated, 0, err // sql.ErrNoRows: not found
	}
	if created, err = time.Parse(time.RFC3339, createdText); err != nil {
		return created, updated, 0, fmt.Errorf("created_at: %w", err)
	}
	if err := checkReferrer(ctx, tx, c, verr); err != nil {
		return created, updated, 0, err
	}
	s, err := pinSettings(ctx, tx, db.locale)
	if err != nil {
		return created, updated, 0, err
	}
	updated = timestamp(db.now())
	res, err := tx.ExecContext(ctx, sqlUpdateClient, updateClientArgs(c, db.collator(s.SortLanguage).Key(c.Name), updated)...)
	if err := affectedOne(res, err); err != nil {
		return created, updated, 0, err
	}
	if err := deleteClientRows(ctx, tx, c.ID); err != nil {
		return created, updated, 0, err
	}
	ex := &execer{tx: tx, region: s.HomeCountry, phones: phones}
	forms := ex.phoneForms(c.Phones)
	if err := insertPhonesAndTags(ctx, ex, c, forms); err != nil {
		return created, updated, 0, err
	}
	if err := insertSearchRows(ctx, ex, newSearchRows(c, forms)); err != nil {
		return created, updated, 0, err
	}
	return created, updated, oldReferrer.Int64, nil
}

// sqlUpdateClientColumns returns an UPDATE of one client that sets cols,
// one argument each, the client's id last. An UPDATE moves a row's
// entries in every index on a column it sets, changed or not: an import
// and a schedule that change a few columns set those alone.
func sqlUpdateClientColumns(cols []string) string {
	return "UPDATE clients SET " + strings.Join(cols, " = ?, ") + " = ? WHERE id = ?"
}

// sqlUpdateClient overwrites what an edit changes of a client; its
// arguments are updateClientArgs.
const sqlUpdateClient = `UPDATE clients SET name = ?, email = ?, city = ?, address = ?,
		company = ?, channel = ?, since = ?, birth_day = ?, birth_month = ?, birth_year = ?,
		language = ?, referred_by = ?, notes = ?, sort_key = ?, updated_at = ?,
		check_in_days = ?, do_not_contact = ?, quiet = ?, marked_vip = ?, marked_blacklist = ?, buys_only_here = ?
		WHERE id = ?`

// updateClientArgs are the arguments of sqlUpdateClient for c, whose name
// sorts by sortKey, updated at updated.
func updateClientArgs(c *model.Client, sortKey []byte, updated time.Time) []any {
	b := c.Birthday
	return slices.Concat([]any{c.Name, c.Email, c.City, c.Address, c.Company, string(c.Channel), nullDate(c.Since),
		nullInt(int64(b.Day)), nullInt(int64(b.Month)), nullInt(int64(b.Year)),
		c.Language, nullInt(c.ReferredBy), c.Notes, sortKey,
		updated.Format(timestampLayout), c.Plan.CheckInDays, c.Plan.DoNotContact, encodeQuiet(c.Plan)},
		marksArgs(c.Marks), []any{c.ID})
}

// deleteClient deletes client id; foreign keys cascade to the rows that
// belong to it and clear referred_by of those it referred. The client who
// referred them has one referral fewer, which can move them down the
// ladder.
func (db *DB) deleteClient(ctx context.Context, tx *sql.Tx, id int64) error {
	var referrer sql.NullInt64
	if err := tx.QueryRowContext(ctx, "DELETE FROM clients WHERE id = ? RETURNING referred_by", id).Scan(&referrer); err != nil {
		return err // sql.ErrNoRows: not found
	}
	if err := db.refreshClients(ctx, tx, db.now(), referrer.Int64); err != nil {
		return err
	}
	// The search tables are virtual: no foreign key reaches them.
	for _, q := range []string{
		"DELETE FROM client_fts WHERE rowid = ?",
		"DELETE FROM client_phone_fts WHERE rowid = ?",
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return nil
}

// affectedOne turns an UPDATE or DELETE that touched no row into
// sql.ErrNoRows, which storeErr reports as model.ErrNotFound.
func affectedOne(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return sql.ErrNoRows
	}
	return nil
}

// clientColumns select what scanClient reads, from clients c joined with
// referrerJoin. Phones and tags come along as JSON arrays, so that a page
// of clients is one query however many clients it has: each array is an
// index lookup inside SQLite instead of a query per client.
const (
	clientColumns = `c.id, c.name, c.email, c.city, c.address, c.company, c.channel, c.since,
		c.birth_day, c.birth_month, c.birth_year, c.language, c.referred_by, c.notes,
		c.created_at, c.updated_at, c.purchase_count, c.total_spent, c.balance_owed,
		c.first_purchase, c.last_purchase, r.name,
		c.lost_reason, c.lost_text, c.lost_on, c.check_in_days, c.do_not_contact, c.quiet, c.snoozed_until,
		` + ladderClientColumns + `,
		(SELECT json_group_array(phone ORDER BY position) FROM client_phones WHERE client_id = c.id),
		(SELECT json_group_array(tag ORDER BY rowid) FROM client_tags WHERE client_id = c.id)`
	referrerJoin = "LEFT JOIN clients r ON r.id = c.referred_by"
)

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanClient reads the columns of clientColumns.
func scanClient(s scanner) (*model.Client, error) {
	var (
		c                            model.Client
		channel, created, updated    string
		since, first, last, referrer sql.NullString
		day, month, year, referredBy sql.NullInt64
		phones, tags                 []byte
		lp                           lostPlanColumns
		lc                           ladderColumns
	)
	err := s.Scan(slices.Concat([]any{&c.ID, &c.Name, &c.Email, &c.City, &c.Address, &c.Company, &channel, &since,
		&day, &month, &year, &c.Language, &referredBy, &c.Notes,
		&created, &updated, &c.Summary.Count, &c.Summary.Total, &c.Summary.Owed,
		&first, &last, &referrer}, lp.dest(), lc.dest(), []any{&phones, &tags})...)
	if err != nil {
		return nil, err
	}
	if err := lp.decode(&c); err != nil {
		return nil, fmt.Errorf("client %d: %w", c.ID, err)
	}
	lc.decode(&c)
	c.Channel = model.Channel(channel)
	c.Birthday = model.Birthday{Day: int(day.Int64), Month: time.Month(month.Int64), Year: int(year.Int64)}
	c.ReferredBy = referredBy.Int64
	c.ReferredByName = referrer.String
	if c.CreatedAt, err = time.Parse(time.RFC3339, created); err != nil {
		return nil, fmt.Errorf("client %d: created_at: %w", c.ID, err)
	}
	if c.UpdatedAt, err = time.Parse(time.RFC3339, updated); err != nil {
		return nil, fmt.Errorf("client %d: updated_at: %w", c.ID, err)
	}
	for _, d := range []struct {
		dst *time.Time
		src sql.NullString
	}{{&c.Since, since}, {&c.Summary.First, first}, {&c.Summary.Last, last}} {
		if *d.dst, err = model.ParseDate(d.src.String); err != nil {
			return nil, fmt.Errorf("client %d: %w", c.ID, err)
		}
	}
	if c.Phones, err = jsonStrings(phones); err != nil {
		return nil, fmt.Errorf("client %d: phones: %w", c.ID, err)
	}
	if c.Tags, err = jsonStrings(tags); err != nil {
		return nil, fmt.Errorf("client %d: tags: %w", c.ID, err)
	}
	return &c, nil
}

// jsonStrings decodes a JSON array of strings; an empty one is nil, as
// Normalize leaves a client without phones or tags.
func jsonStrings(b []byte) ([]string, error) {
	var ss []string
	if err := json.Unmarshal(b, &ss); err != nil || len(ss) == 0 {
		return nil, err
	}
	return ss, nil
}

// sortOrder is how the client list is sorted: the ORDER BY clause, over
// clients aliased c, and the index that reads clients in that order.
type sortOrder struct {
	clause, index string
}

// sortOrders are the sorts of the list. Ties go to the name, then to the
// older client, so that paging is stable.
var sortOrders = map[model.SortBy]sortOrder{
	model.SortName: {"c.sort_key, c.id", "clients_by_name"},
	// DESC puts the NULLs of clients who never bought last.
	model.SortLastPurchase: {"c.last_purchase DESC, c.sort_key, c.id", "clients_by_last_purchase"},
	model.SortTotalSpent:   {"c.total_spent DESC, c.sort_key, c.id", "clients_by_total_spent"},
}

// listClients implements ListClients.
func listClients(ctx context.Context, tx *sql.Tx, f model.ClientFilter) ([]*model.Client, int, error) {
	p, err := clientPage(ctx, tx, f)
	if err != nil || p.empty() {
		return []*model.Client{}, p.total, err
	}
	page, args, order, limit, offset, total := p.sql, p.args, p.order, p.limit, p.offset, p.total

	query := fmt.Sprintf(`SELECT %s FROM (%s) AS page
		CROSS JOIN clients c ON c.id = page.id %s
		ORDER BY %s`, clientColumns, page, referrerJoin, order.clause)
	rows, err := tx.QueryContext(ctx, query, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	n := total - offset
	if limit > 0 {
		n = min(n, limit)
	}
	cs := make([]*model.Client, 0, n)
	for rows.Next() {
		c, err := scanClient(rows)
		if err != nil {
			return nil, 0, err
		}
		cs = append(cs, c)
	}
	return cs, total, rows.Err()
}

// pageQuery selects, in order, the ids of one page of the client list: sql
// takes args followed by limit and offset.
type pageQuery struct {
	sql           string
	args          []any
	order         sortOrder
	limit, offset int // limit -1: no limit
	total         int // how many clients match in all
}

// empty reports whether the page has no rows.
func (p pageQuery) empty() bool { return p.total == 0 || p.offset >= p.total }

// clientPage builds the query for the page of the client list f asks for.
func clientPage(ctx context.Context, tx *sql.Tx, f model.ClientFilter) (pageQuery, error) {
	order, ok := sortOrders[f.Sort]
	if !ok {
		order = sortOrders[model.SortName]
	}
	offset := max(f.Offset, 0)
	limit := f.Limit
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}

	// page selects the ids of the page, in order, from args, limit and
	// offset.
	var (
		page  string
		args  []any
		total int
	)
	if terms := model.ParseSearch(f.Search); terms.Empty() {
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&total); err != nil {
			return pageQuery{}, fmt.Errorf("count: %w", err)
		}
		// Read in order from the index alone, so that skipping to a far
		// offset does not read the rows it skips.
		page = fmt.Sprintf("SELECT c.id FROM clients c INDEXED BY %s ORDER BY %s LIMIT ? OFFSET ?", order.index, order.clause)
	} else {
		// The search runs once, and its ids come back as one JSON array
		// that selects the page: no row per match crosses into Go.
		var idsJSON string
		// A book with phones has its home country stored (fillPhoneKeys,
		// pinSettings), so no locale is needed here.
		region := ""
		if terms.Phone != "" {
			var err error
			if region, err = homeCountry(ctx, tx, ""); err != nil {
				return pageQuery{}, fmt.Errorf("search: %w", err)
			}
		}
		q, qargs := matchSQL(terms, region)
		err := tx.QueryRowContext(ctx, "SELECT count(*), json_group_array(id) FROM ("+q+")", qargs...).Scan(&total, &idsJSON)
		if err != nil {
			return pageQuery{}, fmt.Errorf("search: %w", err)
		}
		if total == 0 || offset >= total {
			return pageQuery{total: total, offset: offset}, nil // skip deciding a plan
		}
		args = []any{idsJSON}
		scan, err := scanIndex(ctx, tx, total, offset, limit)
		if err != nil {
			return pageQuery{}, err
		}
		if scan {
			page = fmt.Sprintf(`SELECT c.id FROM clients c INDEXED BY %s
				WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY %s LIMIT ? OFFSET ?`, order.index, order.clause)
		} else {
			page = fmt.Sprintf(`SELECT c.id FROM json_each(?) AS m CROSS JOIN clients c ON c.id = m.value
				ORDER BY %s LIMIT ? OFFSET ?`, order.clause)
		}
	}
	return pageQuery{sql: page, args: args, order: order, limit: limit, offset: offset, total: total}, nil
}

// scanIndex decides how to find a page of the matches of a search:
// reading the sort index in order and keeping the matches until the page
// is full, or reading every match and sorting them. Sorting costs about
// ten times as much per row as stepping through the index, and the index
// holds a page's worth of matches after about (offset+limit)·all/matches
// entries if matches are spread evenly. So a search that matches a few
// hundred clients sorts them (under a millisecond) and one that matches
// thousands steps through the index (a few milliseconds at worst, for
// 100,000 clients) instead of sorting them all.
func scanIndex(ctx context.Context, tx *sql.Tx, matches, offset, limit int) (bool, error) {
	if matches < 1000 {
		return false, nil
	}
	var all int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&all); err != nil {
		return false, fmt.Errorf("count: %w", err)
	}
	need := offset + limit
	if limit < 0 {
		need = matches
	}
	// Stepping costs ~1/10 of sorting; ask for a margin of 2.5 before
	// trusting the even spread.
	return float64(matches)*float64(matches)*4 > float64(need)*float64(all), nil
}

// nullInt stores 0 as NULL: "none" for referrers and birthdays.
func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// nullDate stores a calendar day as 'YYYY-MM-DD', the zero time as NULL.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return model.FormatDate(t)
}

// execer runs a transaction's statements, each prepared once when prepare
// is set: a bulk insert runs the same few statements a million times, and
// preparing costs more than running them.
type execer struct {
	tx      *sql.Tx
	prepare bool
	stmts   map[string]*sql.Stmt
	// region is the shop's home country, which phones written through
	// this execer are read in (model.ReadPhone); phones holds numbers
	// already read (nil: none). It is only read, never written, so the
	// goroutine that prepares records may read it too.
	region string
	phones phoneCache
}

func (e *execer) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if !e.prepare {
		return e.tx.ExecContext(ctx, query, args...)
	}
	st, ok := e.stmts[query]
	if !ok {
		var err error
		if st, err = e.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		if e.stmts == nil {
			e.stmts = map[string]*sql.Stmt{}
		}
		e.stmts[query] = st
	}
	return st.ExecContext(ctx, args...)
}

// close closes the prepared statements.
func (e *execer) close() error {
	var errs []error
	for _, st := range e.stmts {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// ClientIDs returns the ids of every client of the list f describes (its
// search and sort; Offset and Limit are ignored), in the list's order, as
// the owner sees it: for exporting the list as shown. Errors are wrapped
// SQLite errors.
func (db *DB) ClientIDs(ctx context.Context, f model.ClientFilter) ([]int64, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("list client ids", err)
	}
	defer tx.Rollback()
	f.Offset, f.Limit = 0, 0
	p, err := clientPage(ctx, tx, f)
	if err != nil {
		return nil, storeErr("list client ids", err)
	}
	ids := make([]int64, 0, p.total)
	if !p.empty() {
		rows, err := tx.QueryContext(ctx, p.sql, append(p.args, p.limit, p.offset)...)
		if err != nil {
			return nil, storeErr("list client ids", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, storeErr("list client ids", err)
			}
			ids = append(ids, id)
		}
		if err := rows.Err(); err != nil {
			return nil, storeErr("list client ids", err)
		}
	}
	return ids, storeErr("list client ids", tx.Commit())
}
