package db

import (
	"bufio"
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"clienttracker/model"
)

// Export writes the owner's data as CSV files a spreadsheet opens: one file
// per table, every table read from one snapshot, and a file appears under
// its final name only once it is complete.

// ErrUnknownTable is returned by Export for a table name that is not one of
// ExportTables.
var ErrUnknownTable = errors.New("unknown table")

// ExportOptions says what Export writes and how; see model.ExportOptions.
type ExportOptions = model.ExportOptions

// ExportResult is what Export wrote; see model.ExportResult.
type ExportResult = model.ExportResult

// cellKind says how a column's stored value becomes a cell.
type cellKind uint8

const (
	cellText     cellKind = iota // as stored; NULL is an empty cell
	cellMoney                    // minor units, written with the money format's decimals
	cellBirthday                 // year*10000 + month*100 + day, written as model.Birthday does
)

// exportColumn is one column of an exported file.
type exportColumn struct {
	name string // the header: snake_case, as an importer will look for it
	expr string // SQL over the table, which is aliased t
	kind cellKind
}

// exportTable is one exported file: the table name is also the file name.
type exportTable struct {
	name    string
	columns []exportColumn
	source  string // the table or subquery the rows come from; "" is name
}

// from is the table or subquery t's rows come from.
func (t *exportTable) from() string { return cmp.Or(t.source, t.name) }

// col is a column exported as stored, under its own name.
func col(name string) exportColumn { return exportColumn{name: name, expr: "t." + name} }

// money is an amount column.
func money(name string) exportColumn {
	return exportColumn{name: name, expr: "t." + name, kind: cellMoney}
}

// clientExportColumns are the columns of clients.csv, both for Export and
// ExportClients. The client's own fields come first, named as the
// importer's fields (model.ImportField) so that a file exported here maps
// itself when imported; then the rest of the stored client; then what the
// store computes, which a spreadsheet cannot.
var clientExportColumns = []exportColumn{
	col("id"),
	col("name"),
	// Phones and tags in the order the owner typed them, separated by
	// "; ", which the importer splits lists at. A tag typed in the form
	// cannot contain ';' (model.SplitList splits at it), so it reads back
	// as one tag.
	{name: "phones", expr: "(SELECT group_concat(phone, '; ' ORDER BY position) FROM client_phones WHERE client_id = t.id)"},
	col("email"),
	col("city"),
	col("address"),
	col("company"),
	col("channel"),
	col("since"),
	{name: "birthday", kind: cellBirthday,
		expr: "CASE WHEN t.birth_day IS NULL THEN NULL ELSE coalesce(t.birth_year, 0) * 10000 + t.birth_month * 100 + t.birth_day END"},
	col("language"),
	{name: "tags", expr: "(SELECT group_concat(tag, '; ' ORDER BY rowid) FROM client_tags WHERE client_id = t.id)"},
	col("notes"),
	col("referred_by"),
	col("created_at"),
	col("updated_at"),
	col("lost_reason"),
	col("lost_text"),
	col("lost_on"),
	col("check_in_days"),
	col("do_not_contact"),
	col("quiet"), // JSON, as stored: {"months":[7,8],"ranges":[...]}
	col("snoozed_until"),
	col("marked_vip"),
	col("marked_blacklist"),
	col("buys_only_here"),
	col("pinned_stage"),
	col("pin_reason"),
	col("stage"),
	col("last_contact"),
	{name: "next_check_in", expr: "t.next_due"},
	col("purchase_count"),
	money("total_spent"),
	money("balance_owed"),
	col("last_purchase"),
}

// exportTables lists the exported tables in the order they are written.
// A new table is one more entry here.
var exportTables = []exportTable{
	{name: "clients", columns: clientExportColumns},
	{name: "preferences", columns: []exportColumn{
		col("id"), col("client_id"), col("attitude"), col("category"), col("value"), col("note"),
	}},
	{name: "purchases", columns: []exportColumn{
		col("id"), col("client_id"), col("date"), col("item"), col("category"),
		money("amount"), money("unpaid"), col("due_date"), col("note"), col("discount"),
	}},
	{name: "interactions", columns: []exportColumn{
		col("id"), col("client_id"), col("at"), col("channel"), col("summary"),
		col("feedback"), col("feedback_text"), col("promise_id"),
	}},
	{name: "promises", columns: []exportColumn{
		col("id"), col("client_id"), col("what"), col("made_on"), col("due_by"), col("status"), col("kept_on"),
	}},
	{name: "complaints", columns: []exportColumn{
		col("id"), col("client_id"), col("opened_on"), col("what"),
		// The offers made, stored as a JSON array, listed like phones.
		{name: "options", expr: "(SELECT group_concat(value, '; ' ORDER BY key) FROM json_each(t.options))"},
		col("apologised"), col("status"), col("resolution"), col("resolved_on"),
	}},
	{name: "stage_changes", columns: []exportColumn{
		col("id"), col("client_id"), col("from_stage"), col("to_stage"), col("at"), col("by_hand"), col("reason"),
	}},
	// The owner's settings (money format, check-in intervals, ladder
	// thresholds...), so that a folder imported into an empty book reads
	// its amounts and plans its check-ins as the exported one did. The
	// table has no id: the rows are numbered in key order.
	{name: "settings", source: "(SELECT row_number() OVER (ORDER BY key) AS id, key, value FROM settings)",
		columns: []exportColumn{col("key"), col("value")}},
}

// ExportTables returns the names of the tables Export can write, in the
// order it writes them; each is written to NAME.csv.
func ExportTables() []string {
	names := make([]string, len(exportTables))
	for i, t := range exportTables {
		names[i] = t.name
	}
	return names
}

// header returns the column names of t.
func (t *exportTable) header() []string {
	h := make([]string, len(t.columns))
	for i, c := range t.columns {
		h[i] = c.name
	}
	return h
}

// selectList returns the SQL expressions of t's columns.
func (t *exportTable) selectList() string {
	exprs := make([]string, len(t.columns))
	for i, c := range t.columns {
		exprs[i] = c.expr
	}
	return strings.Join(exprs, ", ")
}

// exportEvery is how many rows are written between two looks at the
// context and two progress reports.
const exportEvery = 1000

// Export writes the chosen tables (opts.Tables; all when empty) as CSV
// files into the existing folder dir, one NAME.csv per table (see
// ExportTables), replacing files of those names. Every table is read in
// one read transaction, so the files agree with each other; rows are in
// id order; amounts are decimal numbers in the stored money format;
// every cell goes through model.CSVWriter, so no cell runs as a formula.
//
// Each file is written under a hidden temporary name in dir, flushed to
// disk, and renamed only when every table has been written, so a crash,
// an error or a cancelled ctx never leaves a partial file under a final
// name; the temporary files are removed on error.
//
// progress, if not nil, is called with the rows exported so far and the
// total (counted first): at the start, about every 1000 rows, and at the
// end. It is called on the goroutine that called Export.
//
// Export returns ErrUnknownTable (wrapped) for a name not in ExportTables,
// ctx.Err() (wrapped) when cancelled, and wrapped I/O or SQLite errors.
func (db *DB) Export(ctx context.Context, dir string, opts ExportOptions, progress func(done, total int)) (_ ExportResult, err error) {
	tables, err := chooseTables(opts.Tables)
	if err != nil {
		return ExportResult{}, fmt.Errorf("export: %w", err)
	}
	if fi, err := os.Stat(dir); err != nil {
		return ExportResult{}, fmt.Errorf("export: %w", err)
	} else if !fi.IsDir() {
		return ExportResult{}, fmt.Errorf("export: %s is not a folder", dir)
	}
	removeLeftovers(dir)
	tx, err := db.beginRead(ctx)
	if err != nil {
		return ExportResult{}, exportErr(ctx, "export", err)
	}
	defer tx.Rollback()
	set, _, err := loadSettings(ctx, tx, db.locale)
	if err != nil {
		return ExportResult{}, exportErr(ctx, "export", err)
	}
	total := 0
	for _, t := range tables {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM "+t.name).Scan(&n); err != nil {
			return ExportResult{}, exportErr(ctx, "export "+t.name, err)
		}
		total += n
	}

	p := &exportProgress{ctx: ctx, report: progress, total: total}
	p.show()
	var temps []string
	var releases []func() error // claims on temps, until they take their names
	// Claims go before a rename or removal: Windows does neither to a file
	// that another handle holds open.
	releaseAll := func() error {
		var errs []error
		for _, release := range releases {
			errs = append(errs, release())
		}
		releases = nil
		return errors.Join(errs...)
	}
	defer func() { err = errors.Join(err, releaseAll()) }()
	removeTemps := func() error {
		errs := []error{releaseAll()}
		for _, name := range temps {
			errs = append(errs, removeIfExists(name))
		}
		return errors.Join(errs...)
	}
	res := ExportResult{Rows: make(map[string]int, len(tables))}
	f := cellFormat{decimals: set.Money.Decimals, decimalComma: opts.CSV.DecimalComma}
	for _, t := range tables {
		tmp, release, n, err := exportToTemp(ctx, tx, dir, t, f, opts.CSV, p)
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if release != nil {
			releases = append(releases, release)
		}
		if err != nil {
			return ExportResult{}, errors.Join(exportErr(ctx, "export "+t.name, err), removeTemps())
		}
		res.Rows[t.name] = n
	}
	if err := tx.Commit(); err != nil {
		return ExportResult{}, errors.Join(exportErr(ctx, "export", err), removeTemps())
	}
	if err := releaseAll(); err != nil {
		return ExportResult{}, errors.Join(fmt.Errorf("export: %w", err), removeTemps())
	}
	// Only now do the files take their names: up to here, nothing the
	// owner sees has changed.
	for i, t := range tables {
		final := filepath.Join(dir, t.name+".csv")
		if err := os.Rename(temps[i], final); err != nil {
			return res, errors.Join(fmt.Errorf("export %s: %w", t.name, err), removeTemps())
		}
		res.Files = append(res.Files, final)
	}
	if err := syncDir(dir); err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	p.show()
	return res, nil
}

// ExportClients writes the clients with the given ids to w as one CSV
// file with the columns of Export's clients.csv, in the order of ids (the
// client list as the owner filtered and sorted it); ids of clients that no
// longer exist are skipped. It reads in one transaction. Errors are
// ctx.Err() (wrapped) when cancelled, and wrapped write or SQLite errors.
func (db *DB) ExportClients(ctx context.Context, w io.Writer, ids []int64, opts model.CSVOptions) error {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return exportErr(ctx, "export clients", err)
	}
	defer tx.Rollback()
	set, _, err := loadSettings(ctx, tx, db.locale)
	if err != nil {
		return exportErr(ctx, "export clients", err)
	}
	f := cellFormat{decimals: set.Money.Decimals, decimalComma: opts.DecimalComma}
	src := clientListSource(ids)
	p := &exportProgress{ctx: ctx}
	if _, err := writeTable(ctx, tx, w, &exportTable{name: "clients", columns: clientExportColumns}, src, f, opts, p); err != nil {
		return exportErr(ctx, "export clients", err)
	}
	return exportErr(ctx, "export clients", tx.Commit())
}

// chooseTables returns the tables named, in exportTables order; all of
// them for none.
func chooseTables(names []string) ([]*exportTable, error) {
	for _, n := range names {
		if !slices.ContainsFunc(exportTables, func(t exportTable) bool { return t.name == n }) {
			return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownTable, n, strings.Join(ExportTables(), ", "))
		}
	}
	var out []*exportTable
	for i := range exportTables {
		if len(names) == 0 || slices.Contains(names, exportTables[i].name) {
			out = append(out, &exportTables[i])
		}
	}
	return out, nil
}

// exportErr prefixes err with op, reporting a cancelled or expired ctx as
// such rather than as whichever SQLite or file error it caused.
func exportErr(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("%s: %w", op, cerr)
	}
	return storeErr(op, err)
}

// exportToTemp writes table t to a new temporary file in dir, synced and
// closed, and returns its name (set whenever the file was created, also on
// error, so that the caller removes it), the claim that keeps other
// processes' removeLeftovers off it until it takes its name (release it
// whenever it is not nil), and the rows written.
func exportToTemp(ctx context.Context, tx *sql.Tx, dir string, t *exportTable, f cellFormat, o model.CSVOptions, p *exportProgress) (string, func() error, int, error) {
	file, err := os.CreateTemp(dir, tempPattern(t.name+".csv"))
	if err != nil {
		return "", nil, 0, err
	}
	release, err := claimTemp(file.Name())
	if err != nil {
		return file.Name(), nil, 0, errors.Join(err, file.Close())
	}
	// A big buffer: a million rows go out in a few hundred writes.
	bw := bufio.NewWriterSize(file, 1<<20)
	n, err := writeTable(ctx, tx, bw, t, tableSource(t.from()), f, o, p)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	return file.Name(), release, n, err
}

// exportProgress counts rows across the tables of one export, looks at the
// context after each batch and reports progress every exportEvery rows.
type exportProgress struct {
	ctx    context.Context
	report func(done, total int)
	done   int
	total  int
	shown  int // done when last reported
}

// tick adds n rows and reports them if exportEvery more rows were written
// since the last report; it returns ctx's error once the export is
// cancelled.
func (p *exportProgress) tick(n int) error {
	p.done += n
	if err := p.ctx.Err(); err != nil {
		return err
	}
	if p.done-p.shown >= exportEvery {
		p.show()
	}
	return nil
}

// show reports the rows written so far.
func (p *exportProgress) show() {
	p.shown = p.done
	if p.report != nil {
		p.report(p.done, p.total)
	}
}

// cellFormat is how stored values become cells.
type cellFormat struct {
	decimals     int
	decimalComma bool
}

// cell returns the cell for the stored value v (as text; "" for NULL) of
// a column of kind k.
func (f cellFormat) cell(k cellKind, v string) (string, error) {
	if v == "" || k == cellText {
		return v, nil
	}
	n, err := parseInt(v)
	if err != nil {
		return "", err
	}
	if k == cellMoney {
		return model.FormatAmount(model.Money(n), f.decimals, f.decimalComma), nil
	}
	return model.Birthday{Year: int(n / 10000), Month: time.Month(n / 100 % 100), Day: int(n % 100)}.String(), nil
}

// Rows are read in batches of exportEvery, each made by SQLite into one
// JSON array of rows: a value read through database/sql costs more than
// SQLite takes to write it as JSON, and the 100,000-client sample database
// has 2.6 million rows of 6 to 30 columns. A batch is one query, so the
// context is looked at and progress reported after each.

// rowSource is where the rows of an export come from, one batch at a time.
type rowSource struct {
	// from is the FROM clause (and WHERE) of a batch, naming the table t;
	// its one parameter is the batch's argument.
	from string
	// order is the integer that orders the rows of a batch.
	order string
	// next returns the argument of the next batch, given how many rows the
	// last one had, or false when there are no more batches.
	next func(ctx context.Context, tx *sql.Tx, rows int) (arg any, ok bool, err error)
}

// tableSource reads the whole of table name, in id order, by ranges of
// exportEvery ids: a range scan of the primary key (every exported table
// has an INTEGER PRIMARY KEY id), which SQLite runs faster than a LIMIT.
// After an empty range (at the start, past deleted rows, at the end) the
// next id is looked up, so gaps cost one query and the end is found.
func tableSource(name string) rowSource {
	var lo int64 // a batch is lo < id <= lo + exportEvery
	first := true
	return rowSource{
		from:  name + " t WHERE t.id > ?1 AND t.id <= ?1 + " + strconv.Itoa(exportEvery),
		order: "t.id",
		next: func(ctx context.Context, tx *sql.Tx, rows int) (any, bool, error) {
			if !first {
				lo += exportEvery
				if rows > 0 {
					return lo, true, nil
				}
			}
			q, args := "SELECT min(id) FROM "+name+" WHERE id > ?", []any{lo}
			if first {
				q, args = "SELECT min(id) FROM "+name, nil
			}
			var id sql.NullInt64
			if err := tx.QueryRowContext(ctx, q, args...).Scan(&id); err != nil || !id.Valid {
				return nil, false, err // no id left: the end of the table
			}
			lo, first = id.Int64-1, false
			return lo, true, nil
		},
	}
}

// clientListSource reads the clients with ids, in that order, skipping
// ids that no longer exist: each batch is the clients of the next
// exportEvery ids, passed as a JSON array.
func clientListSource(ids []int64) rowSource {
	start := -exportEvery
	return rowSource{
		// json_each numbers the ids in key; CROSS JOIN makes SQLite walk the
		// list and look each client up by id.
		from:  "json_each(?1) j CROSS JOIN clients t ON t.id = j.value",
		order: "j.key",
		next: func(context.Context, *sql.Tx, int) (any, bool, error) {
			start += exportEvery
			if start >= len(ids) {
				return nil, false, nil
			}
			chunk := ids[start:min(start+exportEvery, len(ids))]
			list := make([]byte, 0, 2+8*len(chunk))
			list = append(list, '[')
			for i, id := range chunk {
				if i > 0 {
					list = append(list, ',')
				}
				list = strconv.AppendInt(list, id, 10)
			}
			return string(append(list, ']')), true, nil
		},
	}
}

// writeTable writes table t's header and the rows of src to w through a
// model.CSVWriter, and returns the rows written.
//
// The work is split in three about equal parts that run at once, on
// goroutines joined by channels: this one runs the queries (it owns the
// transaction) and passes each batch on as SQLite wrote it; the second
// makes a batch into cells; the third writes them as CSV.
func writeTable(ctx context.Context, tx *sql.Tx, w io.Writer, t *exportTable, src rowSource,
	f cellFormat, o model.CSVOptions, p *exportProgress) (n int, err error) {
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	batches := make(chan string, 4)
	cells := make(chan []string, 4)
	// Cell batches come back for reuse, so a table costs a few batches of
	// memory however long it is.
	free := make(chan []string, cap(cells)+2)
	made, written := make(chan error, 1), make(chan error, 1)
	go func() {
		err := t.makeCells(f, batches, cells, free)
		close(cells)
		if err != nil {
			stop(err) // stops the reader
			for range batches {
			}
		}
		made <- err
	}()
	go func() {
		err := t.writeCells(w, o, cells, free)
		if err != nil {
			stop(err)
			for range cells {
			}
		}
		written <- err
	}()
	n, err = t.readBatches(ctx, tx, src, p, batches)
	close(batches)
	// An error of the other two is the cause; the reader's is then only
	// that it was stopped.
	return n, cmp.Or(<-made, <-written, err)
}

// readBatches runs the batches of src and sends each, as a JSON array of
// rows, to batches. Each row starts with its place in the order, which
// makeCells checks: SQLite promises no order in an aggregate's input
// without an ORDER BY in the aggregate, which would cost a temporary
// index per batch.
func (t *exportTable) readBatches(ctx context.Context, tx *sql.Tx, src rowSource, p *exportProgress, batches chan<- string) (int, error) {
	q := "SELECT json_group_array(json_array(" + src.order + ", " + t.selectList() + ")), count(*) FROM " + src.from
	stmt, err := tx.PrepareContext(ctx, q)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	n, rows := 0, 0
	for {
		arg, ok, err := src.next(ctx, tx, rows)
		if err != nil || !ok {
			return n, err
		}
		var js string
		if err := stmt.QueryRowContext(ctx, arg).Scan(&js, &rows); err != nil {
			return n, err
		}
		if rows > 0 {
			batches <- js
		}
		n += rows
		if err := p.tick(rows); err != nil {
			return n, err
		}
	}
}

// makeCells parses each batch into its rows' cells, in order, and sends
// them to cells, len(t.columns) a row, in a slice from free if there is
// one. After an error it returns at once; the caller drains batches.
func (t *exportTable) makeCells(f cellFormat, batches <-chan string, cells chan<- []string, free <-chan []string) error {
	width := 1 + len(t.columns) // the order key, then the cells
	var (
		vals  []string // a batch's rows, width values each
		keys  []int64  // their order keys
		order []int    // their indexes in key order
		row   int
	)
	for batch := range batches {
		vals = vals[:0]
		err := jsonRows(batch, width, func(r []string) error {
			vals = append(vals, r...)
			return nil
		})
		if err != nil {
			return err
		}
		if keys, order, err = sortedRows(vals, width, keys, order); err != nil {
			return err
		}
		var out []string
		select {
		case out = <-free:
			out = out[:0]
		default:
			out = make([]string, 0, len(order)*len(t.columns))
		}
		for _, i := range order {
			row++
			rec := vals[i*width+1 : (i+1)*width]
			for j, c := range t.columns {
				cell, err := f.cell(c.kind, rec[j])
				if err != nil {
					return fmt.Errorf("row %d: %s: %w", row, c.name, err)
				}
				out = append(out, cell)
			}
		}
		cells <- out
	}
	return nil
}

// writeCells writes the header and then the rows of each batch of cells,
// and hands the batch back to free. After an error it returns at once; the
// caller drains cells.
func (t *exportTable) writeCells(w io.Writer, o model.CSVOptions, cells <-chan []string, free chan<- []string) error {
	cw := model.NewCSVWriter(w, o)
	if err := cw.Write(t.header()); err != nil {
		return err
	}
	width := len(t.columns)
	for batch := range cells {
		for i := 0; i+width <= len(batch); i += width {
			if err := cw.Write(batch[i : i+width]); err != nil {
				return err
			}
		}
		select {
		case free <- batch:
		default:
		}
	}
	return cw.Flush()
}

// sortedRows returns the keys of the rows of vals (width values each, the
// first an integer key) and the rows' indexes in key order: 0, 1, 2...
// unless SQLite handed them out of order. It reuses keys and order.
func sortedRows(vals []string, width int, keys []int64, order []int) ([]int64, []int, error) {
	n := len(vals) / width
	keys, order = keys[:0], order[:0]
	sorted := true
	for i := range n {
		k, err := parseInt(vals[i*width])
		if err != nil {
			return keys, order, fmt.Errorf("row key: %w", err)
		}
		sorted = sorted && (i == 0 || k >= keys[i-1])
		keys = append(keys, k)
		order = append(order, i)
	}
	if !sorted {
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
	}
	return keys, order, nil
}

// jsonRows calls fn for each row of s, a JSON array of arrays of width
// strings, numbers and nulls, as SQLite's json_group_array(json_array())
// writes it, with the values as text (null as "") in a slice that fn may
// change and that is reused for the next row. Strings without escapes are
// not copied.
func jsonRows(s string, width int, fn func(row []string) error) error {
	d := jsonReader{s: s}
	row := make([]string, 0, width)
	if !d.consume('[') {
		return d.fail("'['")
	}
	if d.consume(']') {
		return d.end()
	}
	for {
		var err error
		if row, err = d.array(row[:0]); err != nil {
			return err
		}
		if len(row) != width {
			return fmt.Errorf("export row has %d values, want %d", len(row), width)
		}
		if err := fn(row); err != nil {
			return err
		}
		switch {
		case d.consume(','):
		case d.consume(']'):
			return d.end()
		default:
			return d.fail("',' or ']'")
		}
	}
}

// jsonReader reads the JSON SQLite writes, from the start of s.
type jsonReader struct {
	s string
	i int
}

// array reads an array of strings, numbers and nulls, appending its
// values to row as jsonRows gives them.
func (d *jsonReader) array(row []string) ([]string, error) {
	if !d.consume('[') {
		return row, d.fail("'['")
	}
	for closed := d.consume(']'); !closed; {
		v, err := d.value()
		if err != nil {
			return row, err
		}
		row = append(row, v)
		switch {
		case d.consume(','):
		case d.consume(']'):
			closed = true
		default:
			return row, d.fail("',' or ']'")
		}
	}
	return row, nil
}

// consume skips white space and then c, reporting whether c was there.
func (d *jsonReader) consume(c byte) bool {
	d.space()
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *jsonReader) space() {
	for d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t' || d.s[d.i] == '\n' || d.s[d.i] == '\r') {
		d.i++
	}
}

// end returns an error unless only white space is left.
func (d *jsonReader) end() error {
	if d.space(); d.i < len(d.s) {
		return d.fail("the end")
	}
	return nil
}

func (d *jsonReader) fail(want string) error {
	return fmt.Errorf("export json at byte %d of %d: want %s", d.i, len(d.s), want)
}

// value reads a string, a number or null.
func (d *jsonReader) value() (string, error) {
	switch {
	case d.consume('"'):
		return d.str()
	case strings.HasPrefix(d.s[d.i:], "null"):
		d.i += len("null")
		return "", nil
	}
	start := d.i
	for d.i < len(d.s) && isNumberByte(d.s[d.i]) {
		d.i++
	}
	if d.i == start {
		return "", d.fail("a string, number or null")
	}
	return d.s[start:d.i], nil
}

func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// str reads the rest of a string after its opening quote.
func (d *jsonReader) str() (string, error) {
	start := d.i
	end := quoteOrEscape(d.s[start:])
	if end < 0 {
		return "", d.fail("'\"'")
	}
	if d.s[start+end] == '"' { // no escapes: a slice of the batch
		d.i = start + end + 1
		return d.s[start : start+end], nil
	}
	var b strings.Builder
	for {
		end := quoteOrEscape(d.s[d.i:])
		if end < 0 {
			return "", d.fail("'\"'")
		}
		b.WriteString(d.s[d.i : d.i+end])
		d.i += end
		if d.s[d.i] == '"' {
			d.i++
			return b.String(), nil
		}
		if d.i+1 >= len(d.s) {
			return "", d.fail("an escape")
		}
		c := d.s[d.i+1]
		d.i += 2
		switch c {
		case '"', '\\', '/':
			b.WriteByte(c)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := d.hex4()
			if !ok {
				return "", d.fail("four hex digits")
			}
			if utf16.IsSurrogate(r) {
				// A pair stands for one rune beyond the BMP; a lone half
				// cannot be written in UTF-8 (WriteRune makes it U+FFFD).
				if save := d.i; strings.HasPrefix(d.s[d.i:], "\\u") {
					d.i += 2
					lo, ok := d.hex4()
					if dr := utf16.DecodeRune(r, lo); ok && dr != utf8.RuneError {
						r = dr
					} else {
						d.i = save
					}
				}
			}
			b.WriteRune(r)
		default:
			return "", d.fail("an escape")
		}
	}
}

// quoteOrEscape returns the index of the first '"' or '\\' in s, or -1.
// Two IndexByte calls, which use vector instructions, beat IndexAny.
func quoteOrEscape(s string) int {
	q := strings.IndexByte(s, '"')
	if q < 0 {
		q = len(s)
	}
	if e := strings.IndexByte(s[:q], '\\'); e >= 0 {
		return e
	}
	if q == len(s) {
		return -1
	}
	return q
}

// hex4 reads the four hex digits of a \u escape.
func (d *jsonReader) hex4() (rune, bool) {
	if d.i+4 > len(d.s) {
		return 0, false
	}
	n, err := strconv.ParseUint(d.s[d.i:d.i+4], 16, 32)
	if err != nil {
		return 0, false
	}
	d.i += 4
	return rune(n), true
}

// parseInt reads a decimal integer as SQLite writes one.
func parseInt(b string) (int64, error) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 {
		return 0, fmt.Errorf("%q is not an integer", b)
	}
	var n int64
	for _, c := range []byte(b) {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not an integer", b)
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, nil
}

// syncDir flushes dir's entries (the renames) to disk. Windows cannot open
// a folder for syncing, and its renames are durable on their own.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
