package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"clienttracker/model"
)

// refreshFew is how many updated clients an import refreshes one by one;
// past it, one full recompute is cheaper.
const refreshFew = 500

// ImportClients writes the rows an importer read (model.Table.Clients,
// model.ReadVCards) into the book, in one transaction: all the accepted
// rows or nothing. It is ImportClientsFrom over a slice; progress, if not
// nil, is called with the rows done and len(rows).
func (db *DB) ImportClients(ctx context.Context, rows []model.ImportRow, opts model.ImportOptions,
	progress func(done, total int)) (model.ImportResult, error) {
	seq := func(yield func(model.ImportRow, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
	var p func(int)
	if progress != nil {
		p = func(done int) { progress(done, len(rows)) }
	}
	return db.importClients(ctx, seq, len(rows), opts, p)
}

// ImportClientsFrom writes the rows an importer reads
// (model.TableReader.Clients) into the book as they come, in one
// transaction: all the accepted rows or nothing. It reads, matches and
// writes them a batch at a time, so that what it holds grows with the
// file only by what every row leaves (its result line and the keys that
// match later rows to it), not by the rows themselves. An error that
// rows yields stops the import (nothing is written) and is returned.
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
// Before an import commits it keeps a copy of the book as it was, so
// that UndoImport can put it back (see startUndoCopy).
//
// With opts.DryRun every step runs, constraints included, and the
// transaction is rolled back: the result is exactly what an import would
// do. progress, if not nil, is called with the rows done after every
// batch.
//
// Errors: model.ErrInvalidRows (wrapped), ctx.Err() when cancelled, the
// error rows yielded, and wrapped SQLite errors.
func (db *DB) ImportClientsFrom(ctx context.Context, rows iter.Seq2[model.ImportRow, error], opts model.ImportOptions,
	progress func(done int)) (model.ImportResult, error) {
	return db.importClients(ctx, rows, 0, opts, progress)
}

// importClients is ImportClientsFrom of about n rows (0: not known).
func (db *DB) importClients(ctx context.Context, rows iter.Seq2[model.ImportRow, error], n int, opts model.ImportOptions,
	progress func(done int)) (res model.ImportResult, err error) {
	res = model.ImportResult{DryRun: opts.DryRun, Rows: make([]model.ImportRowResult, 0, n)}
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
	restore, err := setCache(ctx, tx, importCacheKiB)
	if err != nil {
		return res, storeErr("import", err)
	}
	defer func() { err = errors.Join(err, restore()) }()
	// Rows of a slice stay in the caller's memory anyway; rows read as
	// they come are let go once written, but for the keys kept of them.
	imp := &importer{db: db, tx: tx, opts: opts, res: &res, progress: progress, region: region, copyKeys: n == 0}
	if !opts.DryRun {
		imp.undo = db.startUndoCopy(ctx)
		defer imp.undo.drop()
	}
	err = imp.run(ctx, rows)
	if cerr := imp.close(); err == nil {
		err = cerr
	}
	if err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		var ie *model.ImportError
		if errors.As(err, &ie) {
			return res, err // the reader's, which says what to fix
		}
		return res, storeErr("import", err)
	}
	if res.Invalid > 0 && !opts.SkipInvalid {
		return res, fmt.Errorf("import: %d of %d rows: %w", res.Invalid, len(res.Rows), model.ErrInvalidRows)
	}
	if err := restore(); err != nil {
		return res, storeErr("import", err)
	}
	if opts.DryRun {
		return res, storeErr("import", tx.Rollback())
	}
	return res, storeErr("import", tx.Commit())
}

// importCacheKiB is the page cache of an import, in KiB: twice the write
// connection's own (writeParams). An import of 100,000 clients was no
// faster with the 256 MB a sample book gets (bulkCacheKiB), which were half
// of the memory it took; with the connection's own 16 MB, the import
// command took 21-30 s instead of 13-14 for the benchmark book's
// clients.csv into a new book.
const importCacheKiB = 32 << 10

// importBatch is how many rows an import matches before it writes them.
const importBatch = 5000

// importer holds one import's state.
type importer struct {
	db       *DB
	tx       *sql.Tx
	copyKeys bool // keep copies of the strings of rows (see ids below)
	opts     model.ImportOptions
	res      *model.ImportResult
	progress func(done int)
	undo     *undoCopy  // the copy of the book kept for undo; nil in a dry run
	region   string     // the home country phones are read in
	forms    phoneCache // the phones of the rows read so far, each once
	// storedKeys are the keys of the book's phones as typed (from their
	// stored E.164 form).
	storedKeys map[string]string

	// Reading a phone with the library costs about 20 µs, 2 s for an
	// import of 100,000 clients. Two numbers can only be the same when
	// the last six digits they were typed with are (the end of a number
	// is its national number, however it is written), so a row's phone is
	// read only when another phone of the book or the file ends the same
	// way; the rest are read while the clients are written, beside SQLite
	// (insertRecords' prepare). pending holds the end of every phone met
	// so far, each with the phones of rows to create that end so and were
	// not read yet, in file order (none: all read, or the book's).
	pending map[string][]pendingPhone

	// The match keys of the stored clients and of the rows to create, to
	// a client id. With copyKeys the strings are copies: a row's strings
	// share the memory of its whole record, which would otherwise stay
	// for as long as the import.
	ids    map[int64]bool
	emails map[string]int64
	phones map[string]int64
	who    map[int64]identity // what tells each client apart
	// names holds the oldest client of each name; sameName the others
	// of a name, oldest first: few names have more than one (a slice
	// for each name took 8 MB of 100,000 new clients).
	names    map[string]int64
	sameName map[string][]int64

	// The statements run without the context's cancellation: go-sqlite3
	// watches a cancellable context with a goroutine per statement, which
	// at 100,000 updates was a fifth of the time. ctx is checked between
	// batches instead, and cancelling it rolls the transaction back.
	sctx    context.Context
	ex      *execer                 // prepared statements of the updates
	get     *sql.Stmt               // reads a stored client
	getAll  *sql.Stmt               // reads the stored clients of a JSON array of ids
	fetched map[int64]*model.Client // the batch's clients read ahead, by id
	sort    *model.Collator

	// The k-th client the import creates gets the id base+k: the write
	// transaction holds the write lock, and insertRecords gives ids in
	// order after the largest.
	base, next int64

	// The batch being matched: the rows to create (ids from first on)
	// and the stored clients to update, as they will be written.
	first   int64
	creates []model.Client
	updates map[int64]int // client id -> index in updated
	updated []model.Client
	orig    []model.Client // each of updated as it was stored

	bulk    *bulkInsert    // the insert of new clients, from the first batch with any
	search  []importSearch // search rows not written yet, in order
	touched []int64        // updated clients and their referrers, for their schedules
	stored  map[int64]bool // stored clients updated, for undo
	done    int            // rows read
	created int            // clients created
}

// importSearch is a client's search rows to write: its words, its
// phones' digits or both; replace: the client had rows, to delete first.
type importSearch struct {
	rows          searchRows
	words, digits bool
	replace       bool
}

func (imp *importer) run(ctx context.Context, rows iter.Seq2[model.ImportRow, error]) error {
	imp.forms = phoneCache{}
	imp.pending = map[string][]pendingPhone{}
	imp.updates = map[int64]int{}
	imp.stored = map[int64]bool{}
	imp.sctx = context.WithoutCancel(ctx)
	if err := imp.loadKeys(ctx); err != nil {
		return err
	}
	if err := imp.tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM clients").Scan(&imp.base); err != nil {
		return err
	}
	imp.next, imp.first = imp.base+1, imp.base+1
	s, err := pinSettings(ctx, imp.tx, imp.db.locale)
	if err != nil {
		return err
	}
	imp.sort = imp.db.collator(s.SortLanguage)
	imp.ex = &execer{tx: imp.tx, prepare: true, region: s.HomeCountry, phones: imp.forms}
	if imp.get, err = imp.tx.PrepareContext(ctx, "SELECT "+clientColumns+" FROM clients c "+referrerJoin+" WHERE c.id = ?"); err != nil {
		return err
	}
	if imp.getAll, err = imp.tx.PrepareContext(ctx, "SELECT "+clientColumns+" FROM clients c "+referrerJoin+
		" WHERE c.id IN (SELECT value FROM json_each(?))"); err != nil {
		return err
	}
	imp.fetched = map[int64]*model.Client{}
	batch := make([]model.ImportRow, 0, importBatch)
	for row, err := range rows {
		if err != nil {
			return err
		}
		if batch = append(batch, row); len(batch) == importBatch {
			if err := imp.addBatch(ctx, batch); err != nil {
				return err
			}
			clear(batch)
			batch = batch[:0]
		}
	}
	if err := imp.addBatch(ctx, batch); err != nil {
		return err
	}
	imp.res.Created = imp.created
	if imp.res.Invalid > 0 && !imp.opts.SkipInvalid {
		// Nothing will be written: no row names a client.
		for i := range imp.res.Rows {
			if r := &imp.res.Rows[i]; r.ClientID > imp.base || r.Outcome == model.OutcomeCreated {
				r.ClientID = 0
			}
		}
		return nil
	}
	return imp.finish(ctx)
}

// addBatch matches the rows of a batch and writes them.
func (imp *importer) addBatch(ctx context.Context, rows []model.ImportRow) error {
	if err := imp.prefetch(rows); err != nil {
		return err
	}
	for _, row := range rows {
		if err := imp.add(row); err != nil {
			return err
		}
	}
	return imp.flush(ctx)
}

// prefetch reads the clients stored before the import that rows will
// update, as far as the rows match them now, in one query: read one by
// one, a client took 200 µs, ten times as long. (A row that updates a
// client an earlier batch created reads it alone.)
func (imp *importer) prefetch(rows []model.ImportRow) error {
	clear(imp.fetched)
	if imp.opts.OnDuplicate != model.DuplicateUpdate || imp.base == 0 {
		return nil // nothing to update, or nothing stored to read
	}
	ids := make([]string, 0, len(rows))
	for _, row := range rows {
		if row.Problems != nil {
			continue
		}
		if id, rule, _ := imp.match(row); rule != model.MatchNone && id <= imp.base {
			if _, ok := imp.updates[id]; !ok {
				ids = append(ids, strconv.FormatInt(id, 10))
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	list, err := imp.getAll.QueryContext(imp.sctx, "["+strings.Join(ids, ",")+"]")
	if err != nil {
		return err
	}
	defer list.Close()
	for list.Next() {
		c, err := scanClient(list)
		if err != nil {
			return err
		}
		imp.fetched[c.ID] = c
	}
	return list.Err()
}

// add matches one row and adds it to the batch.
func (imp *importer) add(row model.ImportRow) error {
	i := len(imp.res.Rows)
	name := row.Client.Name
	if imp.copyKeys {
		name = strings.Clone(name)
	}
	imp.res.Rows = append(imp.res.Rows, model.ImportRowResult{Line: row.Line, Name: name})
	imp.done++
	out := &imp.res.Rows[i]
	if row.Problems != nil {
		imp.invalid(i, row)
		return nil
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
		id := imp.next
		imp.next++
		imp.created++
		out.ClientID = id
		imp.creates = append(imp.creates, row.Client)
		imp.remember(id, row.Client, row.ID)
	case imp.opts.OnDuplicate == model.DuplicateSkip:
		out.Outcome, out.ClientID = model.OutcomeSkipped, max(id, 0)
		imp.res.Skipped++
	default:
		return imp.update(i, id, row)
	}
	return nil
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
		imp.forms[strings.Clone(p)] = f
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
	imp.pending[end] = append(imp.pending[end], pendingPhone{p, id})
}

// lookPhone returns the client whose phone is the same number as p, if
// any: the phones that end like p are read first.
func (imp *importer) lookPhone(p string) (int64, bool) {
	end := phoneEnd(p)
	pending, met := imp.pending[end]
	if end == "" || !met {
		return 0, false
	}
	for _, q := range pending {
		addKey(imp.phones, imp.phoneKey(q.typed), q.id)
	}
	if pending != nil {
		imp.pending[end] = nil
	}
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

// kept is a copy of who that shares no memory with the row it came from.
func (who identity) kept() identity {
	who.name, who.email = strings.Clone(who.name), strings.Clone(who.email)
	phones := make([]string, len(who.phones))
	for i, p := range who.phones {
		phones[i] = strings.Clone(p)
	}
	who.phones = phones
	return who
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
	imp.names = map[string]int64{}
	imp.sameName = map[string][]int64{}
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
		imp.addName(name, id)
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
			if _, met := imp.pending[end]; !met {
				imp.pending[end] = nil
			}
		}
		who := imp.who[id]
		who.phones = append(who.phones, typed)
		imp.who[id] = who
	})
}

// addName adds client id to those named name, after the others.
func (imp *importer) addName(name string, id int64) {
	first, ok := imp.names[name]
	switch {
	case !ok:
		imp.names[name] = id
	case first != id && !slices.Contains(imp.sameName[name], id):
		imp.sameName[name] = append(imp.sameName[name], id)
	}
}

// named yields the clients named name, oldest first.
func (imp *importer) named(name string) iter.Seq[int64] {
	return func(yield func(int64) bool) {
		first, ok := imp.names[name]
		if !ok || !yield(first) {
			return
		}
		for _, id := range imp.sameName[name] {
			if !yield(id) {
				return
			}
		}
	}
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
	who := identityOf(c, fileID)
	if imp.copyKeys {
		who = who.kept()
	}
	imp.addName(who.name, id)
	addKey(imp.emails, who.email, id)
	for _, p := range who.phones {
		imp.addPhone(p, id)
	}
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
	for id := range imp.named(row.Client.Name) {
		if !who.contradicts(imp.who[id], imp.phoneKey) {
			return id, model.MatchName, 0
		}
	}
	return 0, model.MatchNone, shares
}

// update merges row i into the client id (a row to create of this
// batch, or a client stored or created by an earlier batch), or marks the
// row invalid if the result would be.
func (imp *importer) update(i int, id int64, row model.ImportRow) error {
	out := &imp.res.Rows[i]
	var base *model.Client
	switch k, ok := imp.updates[id]; {
	case id >= imp.first:
		base = &imp.creates[id-imp.first]
	case ok:
		base = &imp.updated[k]
	default:
		stored, ok := imp.fetched[id]
		if ok {
			delete(imp.fetched, id)
		} else {
			var err error
			if stored, err = scanClient(imp.get.QueryRowContext(imp.sctx, id)); err != nil {
				return fmt.Errorf("read client %d: %w", id, err)
			}
		}
		imp.updates[id] = len(imp.updated)
		imp.updated = append(imp.updated, *stored)
		imp.orig = append(imp.orig, *stored)
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
	imp.warned(i, row)
	out.Outcome, out.Changes, out.ClientID = model.OutcomeUpdated, changes, id
	switch {
	case len(changes) == 0:
	case imp.opts.Replace:
		imp.res.Replaced++
	default:
		imp.res.Kept++
	}
	imp.res.Updated++
	return nil
}
