package db

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"slices"

	"clienttracker/model"
)

// refreshFew is how many updated clients an import refreshes one by one;
// past it, one full recompute is cheaper.
const refreshFew = 500

// ImportClients writes the rows an importer read (model.Table.Clients,
// model.ReadVCards) into the book, in one transaction: all the accepted
// rows or nothing.
//
// A row with problems is never written. If there are any and
// opts.SkipInvalid is false, nothing is written and the error wraps
// model.ErrInvalidRows; the result still says what would have happened to
// every row, and lists the invalid ones in Problems.
//
// Every valid row is matched to a client already in the book, or to an
// earlier row of the same file, by these rules in order: the same client
// number (ImportRow.ID, from our own export), the same email ignoring case,
// the same phone number (model.PhoneKey in the home country: the whole
// E.164 number, never a suffix), exactly the same name (only when no
// email, phone or client number tells the two apart). A row that shares
// a phone with a client but differs in both name and email is another
// person: it is created, and its result names that client
// (SharesPhoneWith). A matched row is handled as opts.OnDuplicate says:
// update (the default; model.UpdateFrom, which keeps the stored name,
// email and phones unless opts.Replace, and lists what differed), skip,
// or create a new client anyway. A row whose update would make the stored
// client invalid (say, more than ten phones) is reported as invalid with
// the reason.
//
// Before an import writes anything it keeps a copy of the book, so that
// UndoImport can put it back (see keepForUndo).
//
// With opts.DryRun every step runs, constraints included, and the
// transaction is rolled back: the result is exactly what an import would
// do. progress, if not nil, is called with rows done and the total.
//
// Errors: model.ErrInvalidRows (wrapped), ctx.Err() when cancelled, and
// wrapped SQLite errors.
func (db *DB) ImportClients(ctx context.Context, rows []model.ImportRow, opts model.ImportOptions,
	progress func(done, total int)) (model.ImportResult, error) {
	res := model.ImportResult{DryRun: opts.DryRun, Rows: make([]model.ImportRowResult, len(rows))}
	if opts.OnDuplicate == "" {
		opts.OnDuplicate = model.DuplicateUpdate
	}
	if _, err := model.ParseDuplicateAction(string(opts.OnDuplicate)); err != nil {
		return res, fmt.Errorf("import: %w", err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return res, storeErr("import", err)
	}
	defer tx.Rollback()
	region, err := homeCountry(ctx, tx, db.locale)
	if err != nil {
		return res, storeErr("import", err)
	}
	imp := &importer{db: db, tx: tx, opts: opts, res: &res, rows: rows, progress: progress, region: region}
	if err := imp.run(ctx); err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return res, storeErr("import", err)
	}
	if res.Invalid > 0 && !opts.SkipInvalid {
		return res, fmt.Errorf("import: %d of %d rows: %w", res.Invalid, len(rows), model.ErrInvalidRows)
	}
	if opts.DryRun {
		return res, storeErr("import", tx.Rollback())
	}
	return res, storeErr("import", tx.Commit())
}

// importer holds one import's state.
type importer struct {
	db       *DB
	tx       *sql.Tx
	opts     model.ImportOptions
	res      *model.ImportResult
	rows     []model.ImportRow
	progress func(done, total int)
	region   string     // the home country phones are read in
	forms    phoneCache // the phones of the rows read so far, each once
	// storedKeys are the keys of the book's phones as typed (from their
	// stored E.164 form).
	storedKeys map[string]string

	// Reading a phone with the library costs about 20 µs, 2 s for an
	// import of 100,000 clients before it could start writing. Two
	// numbers can only be the same when the last six digits they were
	// typed with are (the end of a number is its national number, however
	// it is written), so a row's phone is read only when another phone
	// of the book or the file ends the same way; the rest are read while
	// the clients are written, beside SQLite (insertRecords' prepare).
	// suffixes holds the ends of every phone met so far; pending, by
	// end, the phones of rows to create not read yet, in file order.
	suffixes map[string]bool
	pending  map[string][]pendingPhone

	// The match keys of the stored clients and of the rows to create, to
	// a client id; a row to create has the id -(1 + its index in creates)
	// until it is inserted.
	ids    map[int64]bool
	emails map[string]int64
	phones map[string]int64
	names  map[string][]int64 // every client of a name, oldest first
	who    map[int64]identity // what tells each client apart

	// creates points at the caller's rows, which are never changed: a row
	// that a later row of the file updates gets a copy of its own. (A
	// copy of every row would be 60 MB more at 100,000 rows.)
	creates []*model.Client // in file order
	created []int           // the row of each entry of creates
	updates map[int64]int   // stored client id -> index in updated
	updated []model.Client  // stored clients as they will be written
	matched []int64         // the client each row updated (< 0: a row to create)
	done    int
}

func (imp *importer) run(ctx context.Context) error {
	imp.forms = phoneCache{}
	imp.suffixes = map[string]bool{}
	imp.pending = map[string][]pendingPhone{}
	if err := imp.loadKeys(ctx); err != nil {
		return err
	}
	imp.updates = map[int64]int{}
	imp.matched = make([]int64, len(imp.rows))
	imp.creates = make([]*model.Client, 0, len(imp.rows))
	imp.created = make([]int, 0, len(imp.rows))
	for i, row := range imp.rows {
		out := &imp.res.Rows[i]
		out.Line, out.Name = row.Line, row.Client.Name
		if row.Problems != nil {
			imp.invalid(i, row)
			continue
		}
		id, rule, shares := imp.match(row)
		out.Match = rule
		switch {
		case rule == model.MatchNone || imp.opts.OnDuplicate == model.DuplicateCreate:
			out.Outcome, out.Match = model.OutcomeCreated, rule
			if rule == model.MatchNone && shares > 0 {
				out.SharesPhoneWith, out.SharesPhoneName = shares, imp.who[shares].name
			}
			imp.warned(i, row)
			imp.creates = append(imp.creates, &imp.rows[i].Client)
			imp.created = append(imp.created, i)
			imp.remember(-int64(len(imp.creates)), row.Client, row.ID)
		case imp.opts.OnDuplicate == model.DuplicateSkip:
			out.Outcome, out.ClientID = model.OutcomeSkipped, max(id, 0)
			imp.res.Skipped++
		default:
			if err := imp.update(ctx, i, id, row); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	imp.res.Created = len(imp.creates)
	if imp.res.Invalid > 0 && !imp.opts.SkipInvalid {
		return nil // nothing will be written; the counts are the plan
	}
	if !imp.opts.DryRun && (len(imp.creates) > 0 || len(imp.updated) > 0) {
		if err := imp.db.keepForUndo(ctx, imp.tx, imp.opts.Source, len(imp.creates), len(imp.updated)); err != nil {
			return err
		}
	}
	return imp.write(ctx)
}

// phoneKey is model.PhoneKey of p in the home country: from the book's
// stored keys or the numbers read already, else read now (and kept).
func (imp *importer) phoneKey(p string) string {
	if k, ok := imp.storedKeys[p]; ok {
		return k
	}
	f, ok := imp.forms[p]
	if !ok {
		f = model.ReadPhone(p, imp.region)
		imp.forms[p] = f
	}
	return f.Key(p)
}

// pendingPhone is a phone of a row to create, not read yet.
type pendingPhone struct {
	typed string
	id    int64
}

// phoneEnd is the end of a phone that two of the same number share; ""
// for a number too short to match anything.
func phoneEnd(p string) string {
	d := model.PhoneDigits(p)
	if len(d) < 5 {
		return ""
	}
	return d[max(0, len(d)-6):]
}

// addPhone remembers that phone p belongs to client id, to be read if a
// later phone ends the same way.
func (imp *importer) addPhone(p string, id int64) {
	end := phoneEnd(p)
	if end == "" {
		return
	}
	imp.suffixes[end] = true
	imp.pending[end] = append(imp.pending[end], pendingPhone{p, id})
}

// lookPhone returns the client whose phone is the same number as p, if
// any: the phones that end like p are read first.
func (imp *importer) lookPhone(p string) (int64, bool) {
	end := phoneEnd(p)
	if end == "" || !imp.suffixes[end] {
		return 0, false
	}
	for _, q := range imp.pending[end] {
		addKey(imp.phones, imp.phoneKey(q.typed), q.id)
	}
	delete(imp.pending, end)
	id, ok := imp.phones[imp.phoneKey(p)]
	return id, ok
}

// warned records the fields left out of row i, which is imported.
func (imp *importer) warned(i int, row model.ImportRow) {
	if row.Warnings != nil {
		imp.res.Rows[i].Warnings = row.Warnings
		imp.res.LeftOut += len(row.Warnings.Fields)
	}
}

// identity is what says two clients of the same name are different
// people: emails or phones that differ, or different client numbers in
// our own export.
type identity struct {
	name   string
	email  string   // EmailMatchKey
	phones []string // as typed; their keys are read only when compared
	fileID int64    // for a row to create: its client number in the file
}

// contradicts reports whether a and b cannot be the same person: both
// have an email and they differ, both have phones and none is the same
// number (by key), or both come from our own export under different
// numbers.
func (a identity) contradicts(b identity, key func(string) string) bool {
	if a.email != "" && b.email != "" && a.email != b.email {
		return true
	}
	if a.fileID != 0 && b.fileID != 0 && a.fileID != b.fileID {
		return true
	}
	keys := func(phones []string) []string {
		var ks []string
		for _, p := range phones {
			if k := key(p); k != "" {
				ks = append(ks, k)
			}
		}
		return ks
	}
	if ka, kb := keys(a.phones), keys(b.phones); len(ka) > 0 && len(kb) > 0 {
		for _, k := range ka {
			if slices.Contains(kb, k) {
				return false
			}
		}
		return true
	}
	return false
}

// identityOf is c's identity, with its number in the file if any.
func identityOf(c model.Client, fileID int64) identity {
	return identity{name: c.Name, email: model.EmailMatchKey(c.Email), phones: c.Phones, fileID: fileID}
}

// otherPerson reports whether c, which shares a phone with a, is someone
// else all the same: both name and email differ (a family's one number).
func (a identity) otherPerson(c model.Client) bool {
	e := model.EmailMatchKey(c.Email)
	return !model.SameName(a.name, c.Name) && a.email != "" && e != "" && a.email != e
}

// invalid records row i as invalid.
func (imp *importer) invalid(i int, row model.ImportRow) {
	imp.res.Rows[i].Outcome, imp.res.Rows[i].ClientID = model.OutcomeInvalid, 0
	imp.res.Invalid++
	imp.res.Problems = append(imp.res.Problems, row)
}

// loadKeys reads the match keys of every stored client.
func (imp *importer) loadKeys(ctx context.Context) error {
	imp.ids = map[int64]bool{}
	imp.emails = map[string]int64{}
	imp.phones = map[string]int64{}
	imp.names = map[string][]int64{}
	imp.who = map[int64]identity{}
	rows, err := imp.tx.QueryContext(ctx, "SELECT id, name, email FROM clients ORDER BY id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name, email string
		if err := rows.Scan(&id, &name, &email); err != nil {
			return err
		}
		imp.ids[id] = true
		imp.names[name] = append(imp.names[name], id)
		addKey(imp.emails, model.EmailMatchKey(email), id)
		imp.who[id] = identity{name: name, email: model.EmailMatchKey(email)}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	imp.storedKeys = map[string]string{}
	return storedPhoneKeys(ctx, imp.tx, func(id int64, typed, k string) {
		imp.storedKeys[typed] = k
		addKey(imp.phones, k, id)
		if end := phoneEnd(typed); end != "" {
			imp.suffixes[end] = true
		}
		who := imp.who[id]
		who.phones = append(who.phones, typed)
		imp.who[id] = who
	})
}

// addKey maps a non-empty key to id unless it already names a client: the
// oldest client with a key is the one matched.
func addKey(m map[string]int64, key string, id int64) {
	if _, ok := m[key]; key != "" && !ok {
		m[key] = id
	}
}

// remember adds c's keys under id, so later rows of the file match it;
// fileID is its number in our own export, if the row had one.
func (imp *importer) remember(id int64, c model.Client, fileID int64) {
	if !slices.Contains(imp.names[c.Name], id) {
		imp.names[c.Name] = append(imp.names[c.Name], id)
	}
	addKey(imp.emails, model.EmailMatchKey(c.Email), id)
	for _, p := range c.Phones {
		imp.addPhone(p, id)
	}
	who := identityOf(c, fileID)
	if old, ok := imp.who[id]; ok && who.fileID == 0 {
		who.fileID = old.fileID
	}
	imp.who[id] = who
}

// match finds the client row stands for, by the rules in order. shares is
// a client the row shares a phone with but is not (identity.otherPerson).
func (imp *importer) match(row model.ImportRow) (id int64, rule model.MatchRule, shares int64) {
	if row.ID != 0 && imp.ids[row.ID] {
		return row.ID, model.MatchID, 0
	}
	// Rows of our own export under different numbers are different
	// clients, even if they share an email or a phone (a family's).
	numbered := func(id int64) bool {
		f := imp.who[id].fileID
		return row.ID != 0 && f != 0 && f != row.ID
	}
	if id, ok := imp.emails[model.EmailMatchKey(row.Client.Email)]; ok && !numbered(id) {
		return id, model.MatchEmail, 0
	}
	for _, p := range row.Client.Phones {
		id, ok := imp.lookPhone(p)
		switch {
		case !ok || numbered(id):
		case imp.who[id].otherPerson(row.Client):
			shares = id
		default:
			return id, model.MatchPhone, 0
		}
	}
	// The same name is the weakest rule: it matches only a client nothing
	// tells apart from the row (see identity.contradicts), so two people
	// who share a name but not an email or phone stay two clients.
	who := identityOf(row.Client, row.ID)
	for _, id := range imp.names[row.Client.Name] {
		if !who.contradicts(imp.who[id], imp.phoneKey) {
			return id, model.MatchName, 0
		}
	}
	return 0, model.MatchNone, shares
}

// update merges row i into the client id (a stored one, or a row to create
// when id < 0), or marks the row invalid if the result would be.
func (imp *importer) update(ctx context.Context, i int, id int64, row model.ImportRow) error {
	out := &imp.res.Rows[i]
	var base *model.Client
	switch k, ok := imp.updates[id]; {
	case id < 0:
		// A copy, which the merge below may change: the row it came from
		// is the caller's.
		c := *imp.creates[-id-1]
		imp.creates[-id-1] = &c
		base = &c
	case ok:
		base = &imp.updated[k]
	default:
		stored, err := scanClient(imp.tx.QueryRowContext(ctx, "SELECT "+clientColumns+" FROM clients c "+referrerJoin+" WHERE c.id = ?", id))
		if err != nil {
			return err
		}
		imp.updates[id] = len(imp.updated)
		imp.updated = append(imp.updated, *stored)
		base = &imp.updated[len(imp.updated)-1]
	}
	merged, changes := model.UpdateFrom(*base, row.Client, imp.phoneKey, imp.opts.Replace)
	if err := normalizeClient(&merged, imp.db.now()); err != nil {
		ve, ok := model.AsValidation(err)
		if !ok {
			return err
		}
		row.Problems = ve
		imp.invalid(i, row)
		return nil
	}
	*base = merged
	imp.remember(id, merged, row.ID)
	imp.matched[i] = id
	imp.warned(i, row)
	out.Outcome, out.Changes = model.OutcomeUpdated, changes
	switch {
	case len(changes) == 0:
	case imp.opts.Replace:
		imp.res.Replaced++
	default:
		imp.res.Kept++
	}
	if id > 0 {
		out.ClientID = id
	}
	imp.res.Updated++
	return nil
}

// write stores the updates, then inserts the new clients; the insert ends
// with a full recompute of the schedules, and without new clients the
// updated ones are refreshed.
func (imp *importer) write(ctx context.Context) error {
	total := len(imp.updated) + len(imp.creates)
	imp.report(total)
	ids := make([]int64, 0, len(imp.updated)*2)
	for k := range imp.updated {
		c := &imp.updated[k]
		_, _, referrer, err := imp.db.writeClient(ctx, imp.tx, c, nil, imp.forms)
		if err != nil {
			return fmt.Errorf("update client %d (%s): %w", c.ID, c.Name, err)
		}
		ids = append(ids, c.ID, referrer, c.ReferredBy)
		imp.done++
		if imp.done%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			imp.report(total)
		}
	}
	if len(imp.creates) > 0 {
		var base int64
		if err := imp.tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM clients").Scan(&base); err != nil {
			return err
		}
		n, err := imp.db.insertRecords(ctx, imp.tx, imp.records(), func(n int) {
			imp.done = len(imp.updated) + n
			imp.report(total)
		}, imp.forms)
		if err != nil {
			return err
		}
		if n != len(imp.creates) {
			return fmt.Errorf("inserted %d clients of %d", n, len(imp.creates))
		}
		for k, i := range imp.created {
			imp.res.Rows[i].ClientID = base + int64(k) + 1
		}
		// The rows that updated a row of this file name their client now.
		for i := range imp.res.Rows {
			if r := &imp.res.Rows[i]; r.Outcome == model.OutcomeUpdated && imp.matched[i] < 0 {
				r.ClientID = base - imp.matched[i]
			}
		}
	} else if len(ids) > 0 {
		if len(imp.updated) > refreshFew {
			if err := imp.db.recompute(ctx, imp.tx, imp.db.today()); err != nil {
				return err
			}
		} else if err := imp.db.refreshClients(ctx, imp.tx, imp.db.now(), ids...); err != nil {
			return err
		}
	}
	imp.done = total
	imp.report(total)
	return nil
}

// records yields the clients to create as records for insertRecords.
func (imp *importer) records() iter.Seq[model.ClientRecord] {
	return func(yield func(model.ClientRecord) bool) {
		for _, p := range imp.creates {
			c := *p
			c.ID = 0
			if !yield(model.ClientRecord{Client: c}) {
				return
			}
		}
	}
}

func (imp *importer) report(total int) {
	if imp.progress != nil {
		imp.progress(min(imp.done, total), total)
	}
}
