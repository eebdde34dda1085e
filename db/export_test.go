package db

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// The columns of each exported file, as an importer and the owner's
// spreadsheet will see them.
var wantExportHeaders = map[string][]string{
	"clients": {"id", "name", "phones", "email", "city", "address", "company", "channel", "since", "birthday",
		"language", "tags", "notes", "referred_by", "created_at", "updated_at", "lost_reason", "lost_text",
		"lost_on", "check_in_days", "do_not_contact", "quiet", "snoozed_until",
		"marked_vip", "marked_blacklist", "buys_only_here", "pinned_stage", "pin_reason", "stage", "last_contact",
		"next_check_in", "purchase_count", "total_spent", "balance_owed", "last_purchase"},
	"preferences":   {"id", "client_id", "attitude", "category", "value", "note"},
	"purchases":     {"id", "client_id", "date", "item", "category", "amount", "unpaid", "due_date", "note", "discount"},
	"interactions":  {"id", "client_id", "at", "channel", "summary", "feedback", "feedback_text", "promise_id"},
	"promises":      {"id", "client_id", "what", "made_on", "due_by", "status", "kept_on"},
	"complaints":    {"id", "client_id", "opened_on", "what", "options", "apologised", "status", "resolution", "resolved_on"},
	"stage_changes": {"id", "client_id", "from_stage", "to_stage", "at", "by_hand", "reason"},
	"settings":      {"key", "value"},
}

// exportFixture is a database with rows in every exported table, whose
// text is everything a CSV file and a spreadsheet find hard.
type exportFixture struct {
	db                 *DB
	ion, hov, nino, ob *model.Client
	purchase           *model.Purchase
	promise            *model.Promise
	contact            *model.Interaction
}

func newExportFixture(t *testing.T) *exportFixture {
	t.Helper()
	ctx := context.Background()
	db := mustOpen(t)
	f := &exportFixture{db: db}
	f.ion = mustCreateClient(t, db, &model.Client{
		Name:     `Popescu, Ion "Johnny"`,
		Phones:   []string{"+40 722 123 456", "0213 456 789"},
		Email:    "ion@example.ro",
		City:     "Cluj-Napoca",
		Company:  "Popescu & Fiii SRL",
		Channel:  model.ChannelMessage,
		Since:    time.Date(2019, 4, 2, 0, 0, 0, 0, time.UTC),
		Birthday: model.Birthday{Day: 29, Month: time.February},
		Language: "Romanian",
		Tags:     []string{"vip", "de sărbători"},
		Notes:    "Preferă plata în rate.\nSună după ora 18.",
	})
	f.hov = mustCreateClient(t, db, &model.Client{
		Name:     "Հովհաննես Սարգսյան",
		City:     "Երևան",
		Birthday: model.Birthday{Day: 31, Month: time.May, Year: 1990},
		Notes:    "=SUM(A1:A9)",
	})
	f.nino = mustCreateClient(t, db, &model.Client{
		Name:       "ნინო ბერიძე 👩🏽‍💼",
		Company:    "@home",
		Address:    "-1 floor",
		Notes:      "+40 call after six",
		ReferredBy: f.ion.ID,
	})
	f.ob = mustCreateClient(t, db, &model.Client{
		Name:    "Seán O'Brien",
		Address: "Str. Lungă 1; bl. 2, ap. 3",
		Notes:   "'quoted already",
	})
	if err := db.MarkLost(ctx, f.ob.ID, model.Lost{Reason: model.LostCompetitor, On: today}); err != nil {
		t.Fatal(err)
	}
	mustCreatePreference(t, db, &model.Preference{ClientID: f.ion.ID, Attitude: model.Likes, Category: model.PrefSize, Value: "38, narrow"})
	f.purchase = mustCreatePurchase(t, db, &model.Purchase{ClientID: f.ion.ID, Date: date(2026, 11, 2), Item: "boots",
		Amount: 123450, Unpaid: 50000, DueDate: date(2026, 12, 1), Note: "=cmd|' /C calc'!A0"})
	f.promise = mustCreatePromise(t, db, &model.Promise{ClientID: f.hov.ID, What: "call when the boots arrive",
		MadeOn: date(2026, 11, 20), DueBy: date(2026, 11, 30)})
	f.contact = &model.Interaction{At: fixedNow.Add(-2 * time.Hour), Channel: model.ContactCall,
		Summary: `said "thanks"` + "\nand more", Feedback: model.FeedbackPositive}
	if err := db.KeepPromise(ctx, f.promise.ID, f.contact); err != nil {
		t.Fatal(err)
	}
	mustCreateComplaint(t, db, &model.Complaint{ClientID: f.nino.ID, OpenedOn: date(2026, 11, 10),
		What: "the zip broke", Options: []string{"a refund", "an exchange"}, Apologised: true, Status: model.ComplaintOpen})
	return f
}

// exportedFile is a file read back as the importer reads it.
type exportedFile struct {
	raw   []byte
	table *model.Table
	rows  map[string][]string // by id, cells unescaped
}

// cell returns the cell of the row with id in the named column.
func (f *exportedFile) cell(t *testing.T, id int64, col string) string {
	t.Helper()
	i := slices.Index(f.table.Header, col)
	row, ok := f.rows[strconv.FormatInt(id, 10)]
	if i < 0 || !ok {
		t.Fatalf("no column %q or no row %d in %v", col, id, f.table.Header)
	}
	return row[i]
}

// readExported reads an exported file with model.ReadTable and undoes
// EscapeCell, as the importer does for the program's own files.
func readExported(t *testing.T, path string) *exportedFile {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tab, err := model.ReadTable(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("ReadTable(%s): %v", path, err)
	}
	f := &exportedFile{raw: raw, table: tab, rows: map[string][]string{}}
	for _, r := range tab.Rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = model.UnescapeCell(c)
		}
		f.rows[cells[0]] = cells
	}
	return f
}

// mustExport exports into a new folder and returns it.
func mustExport(t *testing.T, db *DB, opts ExportOptions) (string, ExportResult) {
	t.Helper()
	dir := t.TempDir()
	res, err := db.Export(context.Background(), dir, opts, nil)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	return dir, res
}

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestExport(t *testing.T) {
	f := newExportFixture(t)
	db := f.db

	t.Run("EveryTable", func(t *testing.T) {
		var calls [][2]int
		dir := t.TempDir()
		res, err := db.Export(context.Background(), dir, ExportOptions{CSV: model.DefaultCSVOptions(",")},
			func(done, total int) { calls = append(calls, [2]int{done, total}) })
		if err != nil {
			t.Fatal(err)
		}
		wantRows := map[string]int{"clients": 4, "preferences": 1, "purchases": 1, "interactions": 1, "promises": 1, "complaints": 1,
			// The fixture's purchases move clients up the ladder; every
			// stored setting is a row.
			"stage_changes": rowCount(t, db, "stage_changes", "1"), "settings": rowCount(t, db, "settings", "1")}
		if wantRows["stage_changes"] == 0 || wantRows["settings"] == 0 {
			t.Fatalf("the fixture should have moves and settings: %v", wantRows)
		}
		total := 0
		for _, n := range wantRows {
			total += n
		}
		if !maps.Equal(res.Rows, wantRows) {
			t.Errorf("rows %v, want %v", res.Rows, wantRows)
		}
		var wantFiles []string
		for _, name := range ExportTables() {
			wantFiles = append(wantFiles, filepath.Join(dir, name+".csv"))
		}
		if !slices.Equal(res.Files, wantFiles) {
			t.Errorf("files %v, want %v", res.Files, wantFiles)
		}
		if names := dirNames(t, dir); len(names) != len(wantFiles) {
			t.Errorf("folder holds %v, want only the %d files", names, len(wantFiles))
		}
		for name, header := range wantExportHeaders {
			got := readExported(t, filepath.Join(dir, name+".csv"))
			if !slices.Equal(got.table.Header, header) {
				t.Errorf("%s header\n%q, want\n%q", name, got.table.Header, header)
			}
			if len(got.table.Rows) != wantRows[name] {
				t.Errorf("%s has %d rows, want %d", name, len(got.table.Rows), wantRows[name])
			}
		}
		if len(calls) < 2 || calls[len(calls)-1] != [2]int{total, total} || calls[0] != [2]int{0, total} {
			t.Errorf("progress calls %v, want (0, %d) first and (%[2]d, %[2]d) last", calls, total)
		}
	})

	t.Run("Clients", func(t *testing.T) {
		dir, _ := mustExport(t, db, ExportOptions{CSV: model.DefaultCSVOptions(".")})
		got := readExported(t, filepath.Join(dir, "clients.csv"))
		for _, c := range []*model.Client{f.ion, f.hov, f.nino, f.ob} {
			stored := mustGetClient(t, db, c.ID)
			want := map[string]string{
				"id":            strconv.FormatInt(c.ID, 10),
				"name":          stored.Name,
				"phones":        strings.Join(stored.Phones, "; "),
				"email":         stored.Email,
				"city":          stored.City,
				"address":       stored.Address,
				"company":       stored.Company,
				"channel":       string(stored.Channel),
				"since":         model.FormatDate(stored.Since),
				"birthday":      stored.Birthday.String(),
				"language":      stored.Language,
				"tags":          strings.Join(stored.Tags, "; "),
				"notes":         stored.Notes,
				"created_at":    stored.CreatedAt.Format(timestampLayout),
				"updated_at":    stored.UpdatedAt.Format(timestampLayout),
				"lost_reason":   string(stored.Lost.Reason),
				"lost_on":       model.FormatDate(stored.Lost.On),
				"stage":         string(stored.Stage),
				"last_purchase": model.FormatDate(stored.Summary.Last),
			}
			for col, w := range want {
				if g := got.cell(t, c.ID, col); g != w {
					t.Errorf("client %d %s = %q, want %q", c.ID, col, g, w)
				}
			}
		}
		for _, tc := range []struct {
			id        int64
			col, want string
		}{
			{f.ion.ID, "name", `Popescu, Ion "Johnny"`},
			{f.ion.ID, "phones", "+40 722 123 456; 0213 456 789"},
			{f.ion.ID, "tags", "vip; de sărbători"},
			{f.ion.ID, "birthday", "--02-29"},
			{f.ion.ID, "since", "2019-04-02"},
			{f.ion.ID, "purchase_count", "1"},
			{f.ion.ID, "total_spent", "1234.50"},
			{f.ion.ID, "balance_owed", "500.00"},
			{f.ion.ID, "referred_by", ""},
			{f.hov.ID, "name", "Հովհաննես Սարգսյան"},
			{f.hov.ID, "birthday", "1990-05-31"},
			{f.hov.ID, "notes", "=SUM(A1:A9)"},
			{f.hov.ID, "total_spent", "0.00"},
			{f.hov.ID, "last_contact", f.contact.At.UTC().Format(timestampLayout)},
			{f.nino.ID, "name", "ნინო ბერიძე 👩🏽‍💼"},
			{f.nino.ID, "referred_by", strconv.FormatInt(f.ion.ID, 10)},
			{f.nino.ID, "company", "@home"},
			{f.nino.ID, "address", "-1 floor"},
			{f.nino.ID, "notes", "+40 call after six"},
			{f.ob.ID, "notes", "'quoted already"},
			{f.ob.ID, "lost_reason", "competitor"},
			{f.ob.ID, "lost_on", "2026-11-23"},
			{f.ob.ID, "do_not_contact", "0"},
			{f.ob.ID, "check_in_days", "0"},
		} {
			if g := got.cell(t, tc.id, tc.col); g != tc.want {
				t.Errorf("client %d %s = %q, want %q", tc.id, tc.col, g, tc.want)
			}
		}
		// Formula-like cells are neutralised in the file itself.
		for _, s := range []string{`'=SUM(A1:A9)`, `'+40 call after six`, `'@home`, `'-1 floor`, `''quoted already`} {
			if !bytes.Contains(got.raw, []byte(s)) {
				t.Errorf("file does not contain the neutralised cell %s", s)
			}
		}
	})

	t.Run("OtherTables", func(t *testing.T) {
		dir, _ := mustExport(t, db, ExportOptions{CSV: model.DefaultCSVOptions(".")})
		pur := readExported(t, filepath.Join(dir, "purchases.csv"))
		p := f.purchase
		for col, want := range map[string]string{
			"client_id": strconv.FormatInt(f.ion.ID, 10), "date": "2026-11-02", "item": "boots",
			"amount": "1234.50", "unpaid": "500.00", "due_date": "2026-12-01", "note": "=cmd|' /C calc'!A0",
		} {
			if g := pur.cell(t, p.ID, col); g != want {
				t.Errorf("purchase %s = %q, want %q", col, g, want)
			}
		}
		if !bytes.Contains(pur.raw, []byte(`'=cmd|`)) {
			t.Error("the formula in the purchase note is not neutralised")
		}
		in := readExported(t, filepath.Join(dir, "interactions.csv"))
		for col, want := range map[string]string{
			"client_id": strconv.FormatInt(f.hov.ID, 10), "at": f.contact.At.UTC().Format(timestampLayout),
			"channel": "call", "summary": "said \"thanks\"\nand more", "feedback": "positive",
			"promise_id": strconv.FormatInt(f.promise.ID, 10),
		} {
			if g := in.cell(t, f.contact.ID, col); g != want {
				t.Errorf("interaction %s = %q, want %q", col, g, want)
			}
		}
		pr := readExported(t, filepath.Join(dir, "promises.csv"))
		for col, want := range map[string]string{"made_on": "2026-11-20", "due_by": "2026-11-30", "status": "kept", "kept_on": "2026-11-23"} {
			if g := pr.cell(t, f.promise.ID, col); g != want {
				t.Errorf("promise %s = %q, want %q", col, g, want)
			}
		}
		co := readExported(t, filepath.Join(dir, "complaints.csv"))
		if row := co.table.Rows[0]; !slices.Equal(row[1:], []string{strconv.FormatInt(f.nino.ID, 10), "2026-11-10",
			"the zip broke", "a refund; an exchange", "1", "open", "", ""}) {
			t.Errorf("complaint row %q", row)
		}
		pf := readExported(t, filepath.Join(dir, "preferences.csv"))
		if row := pf.table.Rows[0]; !slices.Equal(row[1:], []string{strconv.FormatInt(f.ion.ID, 10), "likes", "size", "38, narrow", ""}) {
			t.Errorf("preference row %q", row)
		}
	})

	t.Run("Separators", func(t *testing.T) {
		for _, tc := range []struct {
			name    string
			opts    model.CSVOptions
			enc     string
			amount  string // as read back
			rawCell string // as written
		}{
			{"SemicolonDecimalComma", model.CSVOptions{Sep: ';', BOM: true, DecimalComma: true}, model.EncodingUTF8BOM, "1234,50", ";1234,50;"},
			{"CommaNoBOM", model.CSVOptions{Sep: ',', BOM: false}, model.EncodingUTF8, "1234.50", ",1234.50,"},
			{"CommaDecimalComma", model.CSVOptions{Sep: ',', DecimalComma: true}, model.EncodingUTF8, "1234,50", `,"1234,50",`},
			{"Tab", model.CSVOptions{Sep: '\t', BOM: true}, model.EncodingUTF8BOM, "1234.50", "\t1234.50\t"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				dir, _ := mustExport(t, db, ExportOptions{CSV: tc.opts})
				for _, name := range ExportTables() {
					got := readExported(t, filepath.Join(dir, name+".csv"))
					sep := tc.opts.Sep
					if got.table.Sep != sep || got.table.Encoding != tc.enc {
						t.Errorf("%s: separator %q, encoding %s; want %q, %s", name, got.table.Sep, got.table.Encoding, sep, tc.enc)
					}
					if hasBOM := bytes.HasPrefix(got.raw, []byte("\ufeff")); hasBOM != tc.opts.BOM {
						t.Errorf("%s: byte order mark %v, want %v", name, hasBOM, tc.opts.BOM)
					}
					if !bytes.HasSuffix(got.raw, []byte("\r\n")) {
						t.Errorf("%s: does not end with CRLF", name)
					}
				}
				pur := readExported(t, filepath.Join(dir, "purchases.csv"))
				if g := pur.cell(t, f.purchase.ID, "amount"); g != tc.amount {
					t.Errorf("amount %q, want %q", g, tc.amount)
				}
				if !bytes.Contains(pur.raw, []byte(tc.rawCell)) {
					t.Errorf("purchases.csv does not contain %q:\n%s", tc.rawCell, pur.raw)
				}
				cl := readExported(t, filepath.Join(dir, "clients.csv"))
				for _, c := range []*model.Client{f.ion, f.hov, f.nino, f.ob} {
					if g := cl.cell(t, c.ID, "name"); g != mustGetClient(t, db, c.ID).Name {
						t.Errorf("name %q read back as %q", c.Name, g)
					}
				}
			})
		}
	})

	t.Run("Subset", func(t *testing.T) {
		dir, res := mustExport(t, db, ExportOptions{Tables: []string{"purchases", "clients", "purchases"}})
		if want := []string{filepath.Join(dir, "clients.csv"), filepath.Join(dir, "purchases.csv")}; !slices.Equal(res.Files, want) {
			t.Errorf("files %v, want %v", res.Files, want)
		}
		if len(res.Rows) != 2 || res.Rows["clients"] != 4 || res.Rows["purchases"] != 1 {
			t.Errorf("rows %v", res.Rows)
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"clients.csv", "purchases.csv"}) {
			t.Errorf("folder holds %v", names)
		}
	})

	t.Run("ErrUnknownTable", func(t *testing.T) {
		dir := t.TempDir()
		_, err := db.Export(context.Background(), dir, ExportOptions{Tables: []string{"clients", "orders"}}, nil)
		if !errors.Is(err, ErrUnknownTable) || !strings.Contains(err.Error(), `"orders"`) {
			t.Errorf("error %v, want ErrUnknownTable naming orders", err)
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("folder holds %v", names)
		}
	})

	t.Run("NoFolder", func(t *testing.T) {
		_, err := db.Export(context.Background(), filepath.Join(t.TempDir(), "none"), ExportOptions{}, nil)
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("error %v, want os.ErrNotExist", err)
		}
	})
}

func TestExportMoneyDecimals(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Money = model.MoneyFormat{Symbol: "֏", Decimal: ".", Decimals: 0}
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	c := mustCreateClient(t, db, &model.Client{Name: "Արամ"})
	p := mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: date(2026, 11, 1), Item: "coat", Amount: 45000})
	dir, _ := mustExport(t, db, ExportOptions{})
	if g := readExported(t, filepath.Join(dir, "purchases.csv")).cell(t, p.ID, "amount"); g != "45000" {
		t.Errorf("amount %q, want 45000 (no decimals in this money format)", g)
	}
	if g := readExported(t, filepath.Join(dir, "clients.csv")).cell(t, c.ID, "total_spent"); g != "45000" {
		t.Errorf("total_spent %q, want 45000", g)
	}
}

// mustSample fills db with n sample clients and their histories.
func mustSample(t *testing.T, db *DB, n int) {
	t.Helper()
	if _, err := db.InsertRecords(context.Background(), model.SampleRecords(n, 7, fixedNow), nil); err != nil {
		t.Fatal(err)
	}
}

func TestExportCancel(t *testing.T) {
	db := mustOpen(t)
	mustSample(t, db, 300) // a few thousand purchases: several batches

	t.Run("Before", func(t *testing.T) {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := db.Export(ctx, dir, ExportOptions{}, nil); !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
		if names := dirNames(t, dir); len(names) != 0 {
			t.Errorf("folder holds %v", names)
		}
	})

	t.Run("Midway", func(t *testing.T) {
		dir := t.TempDir()
		// A file from an earlier export stays as it was.
		old := filepath.Join(dir, "clients.csv")
		if err := os.WriteFile(old, []byte("id,name\r\n1,Ana\r\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var last [2]int
		_, err := db.Export(ctx, dir, ExportOptions{}, func(done, total int) {
			last = [2]int{done, total}
			if done >= 2000 {
				cancel() // in the middle of the purchases
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error %v, want context.Canceled", err)
		}
		if last[0] < 2000 || last[0] >= last[1] {
			t.Errorf("cancelled at %d of %d rows, want in the middle", last[0], last[1])
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"clients.csv"}) {
			t.Errorf("folder holds %v, want only the earlier clients.csv", names)
		}
		if b, _ := os.ReadFile(old); string(b) != "id,name\r\n1,Ana\r\n" {
			t.Errorf("the earlier clients.csv became %q", b)
		}
	})

	t.Run("Progress", func(t *testing.T) {
		var calls [][2]int
		_, err := db.Export(context.Background(), t.TempDir(), ExportOptions{}, func(done, total int) {
			calls = append(calls, [2]int{done, total})
		})
		if err != nil {
			t.Fatal(err)
		}
		total := calls[0][1]
		for i, c := range calls {
			// About every exportEvery rows: a batch is at most that many.
			step := c[0] - calls[max(i-1, 0)][0]
			if c[1] != total || step < 0 || step >= 2*exportEvery || (i > 0 && i < len(calls)-1 && step < exportEvery) {
				t.Fatalf("progress call %d is %v after %v", i, c, calls[max(i-1, 0)])
			}
		}
		if calls[len(calls)-1] != [2]int{total, total} || total < 3000 {
			t.Errorf("last progress %v of %d rows", calls[len(calls)-1], total)
		}
	})
}

// TestExportGaps exports a table whose ids have gaps of every size, as
// deletes and imports with explicit ids leave them.
func TestExportGaps(t *testing.T) {
	db := mustOpen(t)
	mustSample(t, db, 300)
	for _, q := range []string{
		"DELETE FROM purchases WHERE id % 3000 BETWEEN 1 AND 2500",
		"INSERT INTO purchases (id, client_id, date, item, amount) VALUES (-5, 1, '2026-01-01', 'first', 1)",
		"INSERT INTO purchases (id, client_id, date, item, amount) VALUES (1000000000000, 1, '2026-01-02', 'last', 2)",
	} {
		if _, err := db.w.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	rows, err := db.w.Query("SELECT id FROM purchases ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		want = append(want, id)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	dir, res := mustExport(t, db, ExportOptions{Tables: []string{"purchases"}})
	var got []string
	for _, r := range readExported(t, filepath.Join(dir, "purchases.csv")).table.Rows {
		got = append(got, model.UnescapeCell(r[0]))
	}
	if !slices.Equal(got, want) || res.Rows["purchases"] != len(want) {
		t.Errorf("exported %d ids (%d counted), want %d: first %q, last %q", len(got), res.Rows["purchases"], len(want), got[:min(3, len(got))], got[max(0, len(got)-3):])
	}
}

func TestExportClients(t *testing.T) {
	ctx := context.Background()

	t.Run("InOrder", func(t *testing.T) {
		f := newExportFixture(t)
		var buf bytes.Buffer
		ids := []int64{f.nino.ID, f.ion.ID, 999, f.hov.ID}
		if err := f.db.ExportClients(ctx, &buf, ids, model.DefaultCSVOptions(",")); err != nil {
			t.Fatal(err)
		}
		tab, err := model.ReadTable(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(tab.Header, wantExportHeaders["clients"]) {
			t.Errorf("header %q", tab.Header)
		}
		var got, want []string
		for _, r := range tab.Rows {
			got = append(got, model.UnescapeCell(r[1]))
		}
		for _, id := range []int64{f.nino.ID, f.ion.ID, f.hov.ID} {
			want = append(want, mustGetClient(t, f.db, id).Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("names %q, want %q (the given order, without the missing id)", got, want)
		}
		if tab.Sep != ';' {
			t.Errorf("separator %q, want ';'", tab.Sep)
		}
	})

	t.Run("ManyBatches", func(t *testing.T) {
		db := mustOpen(t)
		mustSample(t, db, 2500)
		ids := make([]int64, 0, 2500)
		for id := int64(2500); id >= 1; id-- {
			if id%7 != 0 {
				ids = append(ids, id)
			}
		}
		var buf bytes.Buffer
		if err := db.ExportClients(ctx, &buf, ids, model.CSVOptions{}); err != nil {
			t.Fatal(err)
		}
		tab, err := model.ReadTable(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if len(tab.Rows) != len(ids) {
			t.Fatalf("%d rows, want %d", len(tab.Rows), len(ids))
		}
		for i, r := range tab.Rows {
			if r[0] != strconv.FormatInt(ids[i], 10) {
				t.Fatalf("row %d is client %s, want %d", i, r[0], ids[i])
			}
		}
	})

	t.Run("Empty", func(t *testing.T) {
		var buf bytes.Buffer
		if err := mustOpen(t).ExportClients(ctx, &buf, nil, model.CSVOptions{}); err != nil {
			t.Fatal(err)
		}
		if want := strings.Join(wantExportHeaders["clients"], ",") + "\r\n"; buf.String() != want {
			t.Errorf("got %q, want the header alone", buf.String())
		}
	})
}

// TestExportTableColumns checks that every exported table's SQL runs and
// that clients.csv names the client fields as the importer does.
func TestExportTableColumns(t *testing.T) {
	for _, tab := range exportTables {
		if want, ok := wantExportHeaders[tab.name]; !ok || !slices.Equal(tab.header(), want) {
			t.Errorf("%s: header %q, want %q", tab.name, tab.header(), want)
		}
	}
	fields := model.GuessMapping(wantExportHeaders["clients"])
	for i, h := range wantExportHeaders["clients"][:13] {
		if h == "phones" {
			continue // the importer's field is "phone"; it reads "phones" as ours
		}
		if string(fields[i]) != h {
			t.Errorf("column %q maps to import field %q", h, fields[i])
		}
	}
}

func TestJSONRows(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		width    int
		want     [][]string
		err      bool
	}{
		{"Empty", `[]`, 2, nil, false},
		{"Values", `[[1,"a",null,-2.5e3],[2,"",null,0]]`, 4, [][]string{{"1", "a", "", "-2.5e3"}, {"2", "", "", "0"}}, false},
		{"Escapes", `[[1,"q\"b\\s\/n\nt\tr\rb\bf\fu\u00e9\u0000"]]`, 2, [][]string{{"1", "q\"b\\s/n\nt\tr\rb\bf\fué\x00"}}, false},
		{"Surrogates", `[[1,"\ud83d\ude00 \ud83d x \ude00\u0041"]]`, 2, [][]string{{"1", "😀 \uFFFD x \uFFFDA"}}, false},
		{"Space", " [ [ 1 , \"a\" ] , [2,\"b\"] ] ", 2, [][]string{{"1", "a"}, {"2", "b"}}, false},
		{"Raw", "[[1,\"Հով ნინო 👩🏽‍💼\"]]", 2, [][]string{{"1", "Հով ნინო 👩🏽‍💼"}}, false},
		{"Width", `[[1,"a"]]`, 3, nil, true},
		{"Unterminated", `[[1,"a]]`, 2, nil, true},
		{"Trailing", `[[1,"a"]]x`, 2, nil, true},
		{"Nested", `[[1,[2]]]`, 2, nil, true},
		{"BadEscape", `[[1,"\x"]]`, 2, nil, true},
		{"Truncated", `[[1,"a"],`, 2, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got [][]string
			err := jsonRows(tc.in, tc.width, func(r []string) error {
				got = append(got, slices.Clone(r))
				return nil
			})
			if (err != nil) != tc.err {
				t.Fatalf("error %v, want error %v", err, tc.err)
			}
			if !tc.err && !slices.EqualFunc(got, tc.want, slices.Equal) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSortedRows(t *testing.T) {
	vals := []string{"3", "c", "1", "a", "2", "b", "1", "a2"}
	_, order, err := sortedRows(vals, 2, nil, nil)
	if err != nil || !slices.Equal(order, []int{1, 3, 2, 0}) {
		t.Errorf("order %v, err %v; want [1 3 2 0]", order, err)
	}
	if _, _, err := sortedRows([]string{"x", "a"}, 2, nil, nil); err == nil {
		t.Error("a key that is not a number: no error")
	}
}

// FuzzExportJSON checks that any text SQLite's json_array writes is read
// back exactly, whatever it holds.
func FuzzExportJSON(f *testing.F) {
	for _, s := range []string{"", "plain", `"quoted"`, "back\\slash", "line\nbreak\r\n", "\x00\x01\x1f\x7f",
		"Հովհաննես", "👩🏽‍💼", "\u2028\u2029", "\xff\xfe invalid", "=SUM(A1)"} {
		f.Add(s, int64(42))
	}
	db, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	f.Fuzz(func(t *testing.T, s string, n int64) {
		var js string
		if err := db.r.QueryRow("SELECT json_group_array(json_array(?, ?, NULL))", n, s).Scan(&js); err != nil {
			t.Skip(err) // text SQLite will not take
		}
		var got []string
		if err := jsonRows(js, 3, func(r []string) error {
			got = slices.Clone(r)
			return nil
		}); err != nil {
			t.Fatalf("jsonRows(%q): %v", js, err)
		}
		if want := []string{strconv.FormatInt(n, 10), s, ""}; !slices.Equal(got, want) {
			// SQLite may turn invalid UTF-8 into something else: then
			// encoding/json must read the same as jsonRows.
			var std [][]any
			if err := json.Unmarshal([]byte(js), &std); err != nil || len(std) != 1 || std[0][1] != got[1] {
				t.Errorf("text %q: json %q read as %q (encoding/json: %v, %v)", s, js, got, std, err)
			}
		}
	})
}

// The importer knows every column of our clients.csv as our own, so it
// reads the escaped cells back exactly.
func TestExportClientsHeaderIsOwn(t *testing.T) {
	if h := wantExportHeaders["clients"]; !model.IsOwnExport(h) {
		for _, c := range h {
			if !model.IsOwnExport([]string{c}) {
				t.Errorf("the importer does not know clients.csv column %q (model.OwnExportExtraColumns)", c)
			}
		}
	}
}
