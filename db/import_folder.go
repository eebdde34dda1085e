package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"clienttracker/model"
)

// Importing a whole export folder: the files Export wrote, read back into
// an empty book with their ids, so that the book is the same and exporting
// it again writes the same files.

// ErrNotEmpty is returned by ImportFolder for a book that already has
// clients: a folder brings its own ids, which would collide.
var ErrNotEmpty = errors.New("the client book is not empty")

// folderOrder is the order ImportFolder reads the tables in: every row
// after the rows it refers to (a contact may name the promise it kept).
var folderOrder = []string{"settings", "clients", "preferences", "purchases", "promises", "interactions", "complaints", "stage_changes"}

// folderColumn says how a cell of an export file becomes a stored value.
type folderColumn uint8

const (
	asText     folderColumn = iota // as written
	asNullable                     // an empty cell is NULL
	asMoney                        // an amount in the settings' money format
	asList                         // "a; b" becomes the JSON array ["a","b"]
)

// folderColumns are the columns of each table that are not plain text.
var folderColumns = map[string]map[string]folderColumn{
	"purchases":    {"amount": asMoney, "unpaid": asMoney, "due_date": asNullable},
	"promises":     {"kept_on": asNullable},
	"interactions": {"promise_id": asNullable},
	"complaints":   {"options": asList, "resolved_on": asNullable},
}

// ImportFolder reads the CSV files Export wrote into dir back into this
// book, which must have no clients (ErrNotEmpty otherwise): every client
// with their history, moves on the ladder and the settings, keeping every
// id, in one transaction. clients.csv is required; a missing file of
// another table is an empty table. Each file must have exactly the header
// Export writes; the computed columns of clients.csv (stage, totals, next
// check-in...) are computed again, not read. progress, if not nil, is
// called with the files done and their number. It returns the rows read
// per table.
//
// A file that is not an export (another header), a cell that does not
// read back (a bad amount or birthday), or rows that break the schema
// (a purchase of a client that is not in clients.csv) are errors naming
// the file and line; nothing is written then.
func (db *DB) ImportFolder(ctx context.Context, dir string, progress func(done, total int)) (map[string]int, error) {
	tables := map[string]*exportTable{}
	for i := range exportTables {
		tables[exportTables[i].name] = &exportTables[i]
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, storeErr("import folder", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM clients").Scan(&n); err != nil {
		return nil, storeErr("import folder", err)
	}
	if n > 0 {
		return nil, fmt.Errorf("import folder: %w (%d clients): a folder can only fill an empty book", ErrNotEmpty, n)
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return nil, storeErr("import folder", err)
	}
	// Like every import, this one can be undone (UndoImport).
	undo := db.startUndoCopy(ctx)
	defer undo.drop()
	counts := map[string]int{}
	for i, name := range folderOrder {
		tab, err := readExportFile(dir, tables[name])
		if err != nil {
			return nil, fmt.Errorf("import folder: %w", err)
		}
		if tab != nil {
			if err := db.importTable(ctx, tx, tables[name], tab); err != nil {
				if ctx.Err() != nil {
					err = ctx.Err()
				}
				return nil, storeErr("import folder", err)
			}
			counts[name] = len(tab.Rows)
		}
		if progress != nil {
			progress(i+1, len(folderOrder))
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("import folder: %w", err)
		}
	}
	if err := db.recompute(ctx, tx, db.today()); err != nil {
		return nil, storeErr("import folder", err)
	}
	if err := undo.keep(ctx, tx, filepath.Base(dir), counts["clients"], 0); err != nil {
		return nil, storeErr("import folder", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, storeErr("import folder", err)
	}
	return counts, nil
}

// readExportFile reads dir/NAME.csv for table t and checks its header; nil
// for a missing file other than clients.csv.
func readExportFile(dir string, t *exportTable) (*model.Table, error) {
	path := filepath.Join(dir, t.name+".csv")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && t.name != "clients" {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tab, err := model.ReadTable(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !slices.Equal(tab.Header, t.header()) {
		return nil, fmt.Errorf("%s: the columns are not those of a Client Tracker export of this version; import it as a client list instead", path)
	}
	for k, row := range tab.Rows {
		if len(row) != len(tab.Header) {
			return nil, fmt.Errorf("%s line %d: %d cells, want %d; the file was changed after the export", path, tab.Lines[k], len(row), len(tab.Header))
		}
		for i, c := range row {
			row[i] = model.UnescapeCell(c)
		}
	}
	return tab, nil
}

// importTable inserts the rows of one export file.
func (db *DB) importTable(ctx context.Context, tx *sql.Tx, t *exportTable, tab *model.Table) error {
	switch t.name {
	case "settings":
		for _, r := range tab.Rows {
			if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", r[0], r[1]); err != nil {
				return err
			}
		}
		return nil
	case "clients":
		return db.importClientRows(ctx, tx, tab)
	}
	set, _, err := loadSettings(ctx, tx, db.locale)
	if err != nil {
		return err
	}
	kinds := folderColumns[t.name]
	cols := t.header()
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+t.name+" ("+strings.Join(cols, ", ")+") VALUES ("+marks+")")
	if err != nil {
		return err
	}
	defer stmt.Close()
	args := make([]any, len(cols))
	for i, r := range tab.Rows {
		for j, name := range cols {
			v, err := folderValue(kinds[name], r[j], set.Money.Decimals)
			if err != nil {
				return fmt.Errorf("%s.csv line %d, %s: %w", t.name, tab.Lines[i], name, err)
			}
			args[j] = v
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("%s.csv line %d: %w", t.name, tab.Lines[i], err)
		}
	}
	return nil
}

// folderValue is the stored value of cell v of a column of kind k.
func folderValue(k folderColumn, v string, decimals int) (any, error) {
	switch k {
	case asNullable:
		return nullString(v), nil
	case asMoney:
		m, err := model.ParseAmount(v, decimals)
		return int64(m), err
	case asList:
		items := []string{}
		if v != "" {
			items = strings.Split(v, "; ")
		}
		b, err := json.Marshal(items)
		return string(b), err
	}
	return v, nil
}

// importClientRows inserts the clients of clients.csv with their phones,
// tags and search rows. The computed columns are left to the triggers and
// the recompute.
func (db *DB) importClientRows(ctx context.Context, tx *sql.Tx, tab *model.Table) error {
	s, err := pinSettings(ctx, tx, db.locale)
	if err != nil {
		return err
	}
	coll := db.collator(s.SortLanguage)
	col := map[string]int{}
	for i, h := range tab.Header {
		col[h] = i
	}
	ex := &execer{tx: tx, prepare: true, region: s.HomeCountry}
	defer ex.close()
	stored := []string{"id", "name", "email", "city", "address", "company", "channel", "since", "language",
		"referred_by", "notes", "created_at", "updated_at", "lost_reason", "lost_text", "lost_on",
		"check_in_days", "do_not_contact", "quiet", "snoozed_until", "marked_vip", "marked_blacklist",
		"buys_only_here", "pinned_stage", "pin_reason"}
	nullable := map[string]bool{"since": true, "referred_by": true, "lost_reason": true, "lost_on": true,
		"quiet": true, "snoozed_until": true, "pinned_stage": true}
	insert := "INSERT INTO clients (" + strings.Join(stored, ", ") +
		", birth_day, birth_month, birth_year, sort_key) VALUES (" + strings.Repeat("?, ", len(stored)+3) + "?)"
	args := make([]any, len(stored)+4)
	for i, r := range tab.Rows {
		fail := func(what string, err error) error {
			return fmt.Errorf("clients.csv line %d, %s: %w", tab.Lines[i], what, err)
		}
		for j, name := range stored {
			v := r[col[name]]
			if nullable[name] {
				args[j] = nullString(v)
			} else {
				args[j] = v
			}
		}
		var b model.Birthday
		if v := r[col["birthday"]]; v != "" {
			var ok bool
			if b, ok = model.ParseBirthday(v); !ok {
				return fail("birthday", fmt.Errorf("%q is not a birthday", v))
			}
		}
		k := len(stored)
		args[k], args[k+1], args[k+2] = nullInt(int64(b.Day)), nullInt(int64(b.Month)), nullInt(int64(b.Year))
		name := r[col["name"]]
		args[k+3] = coll.Key(name)
		if _, err := ex.exec(ctx, insert, args...); err != nil {
			return fail("client", err)
		}
		id, err := strconv.ParseInt(r[col["id"]], 10, 64)
		if err != nil {
			return fail("id", err)
		}
		c := &model.Client{ID: id, Name: name, Email: r[col["email"]], City: r[col["city"]], Address: r[col["address"]],
			Company: r[col["company"]], Notes: r[col["notes"]],
			Phones: splitExported(r[col["phones"]]), Tags: splitExported(r[col["tags"]])}
		forms := ex.phoneForms(c.Phones)
		if err := insertPhonesAndTags(ctx, ex, c, forms); err != nil {
			return fail("phones and tags", err)
		}
		if err := insertSearchRows(ctx, ex, newSearchRows(c, forms)); err != nil {
			return fail("search", err)
		}
		if i%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitExported splits a list cell of an export ("a; b").
func splitExported(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, "; ")
}
