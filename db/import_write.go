package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"time"

	"clienttracker/model"
)

// Writing an import, a batch of rows at a time (see ImportClientsFrom).
//
// The search index is written apart from the clients, in runs of
// searchBatch clients: FTS5 keeps what it is given in memory and writes it
// out, merging it into its index, at every statement that opens a
// savepoint, as an update of a client does. Written with each client, a
// re-import of 100,000 clients flushed and merged the index 100,000 times
// (a third of its two minutes).

// flush writes the batch: the updated clients, then the new ones.
//
// It writes before the next batch is matched, not beside it. Handing the
// batch to a writer goroutine and matching the next meanwhile (waiting
// for the writer before any read of the book) was measured at 100,000 new
// clients on 2 cores: the matcher then waited for the writer 5.6-7.7 s of
// the import and the writer for its prepared records about 0.9 s, yet the
// import was no faster (medians of 5 alternating runs: 10.3 s pipelined,
// 9.6 s as here). While the writer is inside SQLite its thread keeps
// running and Go gives its processor to the other goroutines, so matching,
// preparing and the collector take turns with the writer on two cores.
func (imp *importer) flush(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := timestamp(imp.db.now())
	for k := range imp.updated {
		c := &imp.updated[k]
		search, err := imp.rewrite(c, &imp.orig[k], now)
		if err != nil {
			return fmt.Errorf("update client %d (%s): %w", c.ID, c.Name, err)
		}
		if search.words || search.digits {
			imp.search = append(imp.search, search)
		}
		imp.touched = append(imp.touched, c.ID, c.ReferredBy)
		if c.ID <= imp.base {
			imp.stored[c.ID] = true
		}
	}
	if len(imp.creates) > 0 {
		if imp.bulk == nil {
			b, err := imp.db.startBulk(ctx, imp.tx, imp.forms, importHashBytes)
			if err != nil {
				return err
			}
			imp.bulk = b
			if b.ins.base != imp.base {
				return fmt.Errorf("new clients would start at id %d, not %d", b.ins.base+1, imp.base+1)
			}
		}
		// The new clients' phones not read for matching are read while
		// the clients are prepared, on the goroutine that prepares them
		// ahead of the inserts (records.go, prepareAhead). Measured at
		// 100,000 new clients on 2 cores, that is 0.8 s faster than
		// reading them first on both cores while the inserts wait: the
		// inserts are most of the work, and the reading fits beside them.
		if err := imp.bulk.add(ctx, imp.records(), nil); err != nil {
			return err
		}
		for _, r := range imp.bulk.ins.search {
			imp.search = append(imp.search, importSearch{rows: r, words: true, digits: true})
		}
		clear(imp.bulk.ins.search)
		imp.bulk.ins.search = imp.bulk.ins.search[:0]
	}
	if len(imp.search) >= searchBatch {
		if err := imp.writeSearch(); err != nil {
			return err
		}
	}
	// The batch's rows are written: let go of them.
	clear(imp.creates)
	clear(imp.updated)
	clear(imp.orig)
	clear(imp.updates)
	imp.creates, imp.updated, imp.orig = imp.creates[:0], imp.updated[:0], imp.orig[:0]
	imp.first = imp.next
	if imp.progress != nil {
		imp.progress(imp.done)
	}
	return nil
}

// finish writes the search rows left, ends the insert of the new clients,
// brings the updated clients' schedules up to date and keeps a copy of
// the book for undo.
func (imp *importer) finish(ctx context.Context) error {
	if err := imp.writeSearch(); err != nil {
		return err
	}
	if imp.bulk != nil {
		n, err := imp.bulk.finish(ctx)
		if err != nil {
			return err
		}
		if n != imp.created {
			return fmt.Errorf("inserted %d clients of %d", n, imp.created)
		}
	}
	if len(imp.touched) > 0 {
		slices.Sort(imp.touched)
		ids := slices.Compact(imp.touched)
		if len(ids) > refreshFew {
			if err := imp.db.recompute(imp.sctx, imp.tx, imp.db.today()); err != nil {
				return err
			}
		} else if err := imp.db.refreshClients(imp.sctx, imp.tx, imp.db.now(), ids...); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// The copy made beside the import (startUndoCopy) is kept once the
	// import is known to be written whole, and only if it wrote anything.
	if imp.undo != nil && (imp.created > 0 || len(imp.stored) > 0) {
		return imp.undo.keep(ctx, imp.tx, imp.opts.Source, imp.created, len(imp.stored))
	}
	return nil
}

// close closes the statements the import prepared.
func (imp *importer) close() error {
	var errs []error
	if imp.bulk != nil {
		errs = append(errs, imp.bulk.close())
	}
	if imp.ex != nil {
		errs = append(errs, imp.ex.close())
	}
	for _, st := range []*sql.Stmt{imp.get, imp.getAll} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

// rewrite overwrites the stored client c.ID, which was orig, with c, as
// writeClient does, and returns what its search rows need, which it
// leaves to writeSearch. Phones, tags and search rows that the update
// leaves as they were are not written again: most rows of a file imported
// again change nothing.
func (imp *importer) rewrite(c, orig *model.Client, now time.Time) (importSearch, error) {
	ctx, ex := imp.sctx, imp.ex
	s := importSearch{replace: true}
	if err := checkReferrer(ctx, imp.tx, c, nil); err != nil {
		return s, err
	}
	q, args := imp.changedColumns(c, orig, now)
	res, err := ex.exec(ctx, q, args...)
	if err := affectedOne(res, err); err != nil {
		return s, err
	}
	var forms []model.PhoneForms
	if !slices.Equal(c.Phones, orig.Phones) {
		s.digits = true
		if _, err := ex.exec(ctx, "DELETE FROM client_phones WHERE client_id = ?", c.ID); err != nil {
			return s, err
		}
		forms = ex.phoneForms(c.Phones)
		for i, p := range c.Phones {
			if _, err := ex.exec(ctx, sqlInsertPhone, c.ID, i, p, model.PhoneDigits(p), forms[i].E164); err != nil {
				return s, err
			}
		}
	}
	if !slices.Equal(c.Tags, orig.Tags) {
		if _, err := ex.exec(ctx, "DELETE FROM client_tags WHERE client_id = ?", c.ID); err != nil {
			return s, err
		}
		for _, t := range c.Tags {
			if _, err := ex.exec(ctx, sqlInsertTag, c.ID, t); err != nil {
				return s, err
			}
		}
	}
	s.words = !sameWords(c, orig)
	s.rows.id = c.ID
	if s.words {
		s.rows.words = ftsColumns(c)
	}
	if s.digits {
		s.rows.digits = phoneDigitsRow(c.Phones, forms)
	}
	return s, nil
}

// updateColumns are the columns sqlUpdateClient sets, in the order of
// updateClientArgs, and last the id of its WHERE.
var updateColumns = func() []string {
	var cols []string
	for _, m := range regexp.MustCompile(`(\w+) = \?`).FindAllStringSubmatch(sqlUpdateClient, -1) {
		cols = append(cols, m[1])
	}
	return cols
}()

// changedColumns returns an UPDATE of client c, stored as orig, that sets
// only the columns whose values differ, and updated_at, with its
// arguments. SQLite moves a row's entries in every index on a column an
// UPDATE sets, whether its value changes or not, and the sort key alone
// is in six indexes.
func (imp *importer) changedColumns(c, orig *model.Client, now time.Time) (string, []any) {
	var key, origKey []byte
	if c.Name != orig.Name {
		key = imp.sort.Key(c.Name)
	}
	args, was := updateClientArgs(c, key, now), updateClientArgs(orig, origKey, now)
	var set []string
	var vals []any
	for i, col := range updateColumns[:len(updateColumns)-1] {
		same := false
		switch a := args[i].(type) {
		case []byte:
			same = col == "sort_key" && key == nil
		default:
			same = col != "updated_at" && a == was[i]
		}
		if !same {
			set = append(set, col)
			vals = append(vals, args[i])
		}
	}
	return sqlUpdateClientColumns(set), append(vals, c.ID)
}

// sameWords reports whether a and b have the same words to search by
// (ftsColumns).
func sameWords(a, b *model.Client) bool {
	return a.Name == b.Name && a.Email == b.Email && a.City == b.City && a.Company == b.Company &&
		a.Address == b.Address && a.Notes == b.Notes && slices.Equal(a.Tags, b.Tags)
}

// writeSearch writes the search rows held, in the order they came.
func (imp *importer) writeSearch() error {
	ctx, ex := imp.sctx, imp.ex
	write := func(s importSearch) error {
		id := s.rows.id
		if s.words {
			if s.replace {
				if _, err := ex.exec(ctx, "DELETE FROM client_fts WHERE rowid = ?", id); err != nil {
					return err
				}
			}
			if _, err := ex.exec(ctx, sqlInsertFTS, append([]any{id}, s.rows.words...)...); err != nil {
				return err
			}
		}
		if s.digits {
			if s.replace {
				if _, err := ex.exec(ctx, "DELETE FROM client_phone_fts WHERE rowid = ?", id); err != nil {
					return err
				}
			}
			if s.rows.digits != "" {
				if _, err := ex.exec(ctx, sqlInsertPhoneFTS, id, s.rows.digits); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, s := range imp.search {
		if err := write(s); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	clear(imp.search)
	imp.search = imp.search[:0]
	return nil
}

// records yields the batch's clients to create as records for the bulk
// insert.
func (imp *importer) records() iter.Seq[model.ClientRecord] {
	return func(yield func(model.ClientRecord) bool) {
		for _, c := range imp.creates {
			c.ID = 0
			if !yield(model.ClientRecord{Client: c}) {
				return
			}
		}
	}
}
