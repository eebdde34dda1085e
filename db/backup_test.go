package db

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// tableCounts counts the rows of every exported table of the database at
// path, through a read-only connection.
func tableCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	ro, err := sql.Open("sqlite3", dsn(path, "mode=ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	counts := map[string]int{}
	for _, name := range ExportTables() {
		var n int
		if err := ro.QueryRow("SELECT count(*) FROM " + name).Scan(&n); err != nil {
			t.Fatalf("count %s in %s: %v", name, path, err)
		}
		counts[name] = n
	}
	return counts
}

// mustClose closes db, checkpointing its log into the file.
func mustClose(t *testing.T, db *DB) {
	t.Helper()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// openUnmanaged opens the database at path without closing it at the
// end of the test: for tests that close it themselves.
func openUnmanaged(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	db.clock = func() time.Time { return fixedNow }
	db.locale = "ro-RO"
	return db
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustSample(t, db, 50)
	dir := t.TempDir()

	t.Run("OK", func(t *testing.T) {
		dest := filepath.Join(dir, "copy.db")
		if err := db.Backup(ctx, dest); err != nil {
			t.Fatal(err)
		}
		if names := dirNames(t, dir); !slices.Equal(names, []string{"copy.db"}) {
			t.Errorf("folder holds %v, want the backup alone", names)
		}
		want := tableCounts(t, db.Path())
		if got := tableCounts(t, dest); !maps.Equal(got, want) || want["purchases"] == 0 {
			t.Errorf("backup has %v, database %v", got, want)
		}
		// The copy is a database Open accepts, with the same clients.
		cp := mustOpenPath(t, dest)
		if n := mustCount(t, cp); n != 50 {
			t.Errorf("backup has %d clients, want 50", n)
		}
	})

	t.Run("ErrExist", func(t *testing.T) {
		dest := filepath.Join(dir, "taken.db")
		if err := os.WriteFile(dest, []byte("keep me"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := db.Backup(ctx, dest); !errors.Is(err, fs.ErrExist) {
			t.Errorf("error %v, want fs.ErrExist", err)
		}
		if b, _ := os.ReadFile(dest); string(b) != "keep me" {
			t.Errorf("the existing file became %q", b)
		}
	})

	t.Run("NoFolder", func(t *testing.T) {
		if err := db.Backup(ctx, filepath.Join(dir, "none", "copy.db")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error %v, want fs.ErrNotExist", err)
		}
	})

	t.Run("Cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		dest := filepath.Join(t.TempDir(), "copy.db")
		if err := db.Backup(cctx, dest); !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
		if names := dirNames(t, filepath.Dir(dest)); len(names) != 0 {
			t.Errorf("folder holds %v", names)
		}
	})
}

func TestAutoBackup(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpenPath(t, filepath.Join(dir, "shop.db"))
	mustCreateClient(t, db, &model.Client{Name: "Ana"})
	backups := filepath.Join(dir, "backups")
	day := time.Date(2026, 11, 23, 8, 0, 0, 0, time.Local)

	path, made, err := db.AutoBackup(ctx, day)
	if err != nil || !made || path != filepath.Join(backups, "shop-2026-11-23.db") {
		t.Fatalf("first backup: %q, made %v, error %v", path, made, err)
	}
	if n := tableCounts(t, path)["clients"]; n != 1 {
		t.Errorf("backup has %d clients, want 1", n)
	}
	// Later the same day: nothing new.
	mustCreateClient(t, db, &model.Client{Name: "Bogdan"})
	again, made, err := db.AutoBackup(ctx, day.Add(10*time.Hour))
	if err != nil || made || again != path {
		t.Errorf("same day: %q, made %v, error %v; want %q, not made", again, made, err, path)
	}
	if n := tableCounts(t, path)["clients"]; n != 1 {
		t.Errorf("today's backup changed: %d clients", n)
	}
	// The next day: a new copy.
	next, made, err := db.AutoBackup(ctx, day.AddDate(0, 0, 1))
	if err != nil || !made || next != filepath.Join(backups, "shop-2026-11-24.db") {
		t.Errorf("next day: %q, made %v, error %v", next, made, err)
	}
	if n := tableCounts(t, next)["clients"]; n != 2 {
		t.Errorf("next day's backup has %d clients, want 2", n)
	}
	if names := dirNames(t, backups); !slices.Equal(names, []string{"shop-2026-11-23.db", "shop-2026-11-24.db"}) {
		t.Errorf("backups folder holds %v", names)
	}
}

func TestAutoBackupRotation(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpenPath(t, filepath.Join(dir, "clients.db"))
	backups := filepath.Join(dir, "backups")
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	// Sixty days of daily copies (empty stand-ins) and things that are not
	// this database's copies.
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= 60; i++ {
		name := "clients-" + model.FormatDate(today.AddDate(0, 0, -i)) + ".db"
		if err := os.WriteFile(filepath.Join(backups, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	others := []string{"notes.txt", "clients-2026-13-45.db", "shop-2026-10-01.db", "clients-2026-10-01.db.bak",
		"clients-2026-10-1.db", "clients-2026-10-01.sqlite"}
	for _, name := range others {
		if err := os.WriteFile(filepath.Join(backups, name), []byte("mine"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(backups, "clients-2026-09-01.db"), 0o700); err != nil {
		t.Fatal(err)
	}
	others = append(others, "clients-2026-09-01.db")

	if _, made, err := db.AutoBackup(ctx, today.Add(9*time.Hour)); err != nil || !made {
		t.Fatalf("made %v, error %v", made, err)
	}
	// Monday 23 November 2026 (ISO week 48): the seven newest, 17–23
	// November, and the newest older copy of weeks 47 (the 16th), 46 (the
	// 15th) and 45 (the 8th).
	want := append([]string{}, others...)
	for _, d := range []string{"2026-11-08", "2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18",
		"2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"} {
		want = append(want, "clients-"+d+".db")
	}
	slices.Sort(want)
	if got := dirNames(t, backups); !slices.Equal(got, want) {
		t.Errorf("backups folder holds\n%q, want\n%q", got, want)
	}
}

func TestKeepBackups(t *testing.T) {
	day := func(s string) time.Time {
		d, err := model.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	days := func(ss ...string) []time.Time {
		var ds []time.Time
		for _, s := range ss {
			ds = append(ds, day(s))
		}
		return ds
	}
	format := func(ds []time.Time) []string {
		var ss []string
		for _, d := range ds {
			ss = append(ss, model.FormatDate(d))
		}
		return ss
	}
	for _, tc := range []struct {
		name  string
		have  []time.Time
		today string
		want  []string // newest first
	}{
		{"None", nil, "2026-11-23", nil},
		{"FewerThanSeven", days("2026-11-20", "2026-11-22", "2026-11-21"), "2026-11-23",
			[]string{"2026-11-22", "2026-11-21", "2026-11-20"}},
		{"Duplicates", days("2026-11-22", "2026-11-22"), "2026-11-23", []string{"2026-11-22"}},
		{"NewestOfEachWeek", days(
			"2026-11-23", "2026-11-22", "2026-11-21", "2026-11-20", "2026-11-19", "2026-11-18", "2026-11-17",
			"2026-11-16", "2026-11-10", "2026-11-09", // week 47, week 46
			"2026-11-05", "2026-11-03", "2026-10-28", // week 45, week 44 is too old
		), "2026-11-23", []string{
			"2026-11-23", "2026-11-22", "2026-11-21", "2026-11-20", "2026-11-19", "2026-11-18", "2026-11-17",
			"2026-11-16", "2026-11-10", "2026-11-05"}},
		// Back after two months away: the copies from before the break
		// stay, though older than four weeks.
		{"AfterABreak", days("2026-11-23", "2026-09-20", "2026-09-19", "2026-09-18", "2026-09-17",
			"2026-09-16", "2026-09-15", "2026-09-14", "2026-09-13"), "2026-11-23", []string{
			"2026-11-23", "2026-09-20", "2026-09-19", "2026-09-18", "2026-09-17", "2026-09-16", "2026-09-15"}},
		// Copies dated ahead by a wrong clock do not push today's out.
		{"FutureDates", days("2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04", "2027-03-05", "2027-03-06",
			"2027-03-07", "2026-11-24", "2026-11-23", "2026-11-22"), "2026-11-23", []string{
			"2027-03-07", "2027-03-06", "2027-03-05", "2027-03-04", "2027-03-03", "2027-03-02", "2027-03-01",
			"2026-11-24", "2026-11-23", "2026-11-22"}},
		// ISO weeks across a new year: 2027-01-04 is in week 1 of 2027,
		// 2026-12-31 in week 53 of 2026.
		{"NewYear", days("2027-01-10", "2027-01-09", "2027-01-08", "2027-01-07", "2027-01-06", "2027-01-05",
			"2027-01-04", "2027-01-03", "2027-01-02", "2026-12-27", "2026-12-20", "2026-12-13"), "2027-01-10", []string{
			"2027-01-10", "2027-01-09", "2027-01-08", "2027-01-07", "2027-01-06", "2027-01-05", "2027-01-04",
			"2027-01-03", "2026-12-27", "2026-12-20"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := format(keepBackups(tc.have, day(tc.today), keepDaily, keepWeekly)); !slices.Equal(got, tc.want) {
				t.Errorf("kept\n%q, want\n%q", got, tc.want)
			}
		})
	}

	// Sixty days of one backup a day, each followed by the rotation: after
	// the first days the folder settles at ten copies.
	t.Run("SixtyDays", func(t *testing.T) {
		var have []time.Time
		start := day("2026-09-25")
		for i := range 60 {
			today := start.AddDate(0, 0, i)
			have = keepBackups(append(have, today), today, keepDaily, keepWeekly)
			if i >= 30 && len(have) != 10 && len(have) != 11 {
				t.Errorf("%s: %d copies kept: %q", model.FormatDate(today), len(have), format(have))
			}
		}
		want := []string{"2026-11-23", "2026-11-22", "2026-11-21", "2026-11-20", "2026-11-19", "2026-11-18",
			"2026-11-17", "2026-11-16", "2026-11-15", "2026-11-08"}
		if got := format(have); !slices.Equal(got, want) {
			t.Errorf("after sixty days\n%q, want\n%q", got, want)
		}
	})
}

func TestCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(dir, "good.db")
		db := openUnmanaged(t, path)
		mustSample(t, db, 30)
		mustClose(t, db)
		before, fi := fileSum(t, path), mustStat(t, path)
		problems, err := Check(ctx, path)
		if err != nil || len(problems) != 0 {
			t.Errorf("problems %q, error %v; want none", problems, err)
		}
		if fileSum(t, path) != before || !mustStat(t, path).ModTime().Equal(fi.ModTime()) {
			t.Error("Check changed the file")
		}
	})

	t.Run("WhileOpen", func(t *testing.T) {
		db := mustOpen(t)
		mustCreateClient(t, db, &model.Client{Name: "Ana"})
		if problems, err := Check(ctx, db.Path()); err != nil || len(problems) != 0 {
			t.Errorf("problems %q, error %v; want none", problems, err)
		}
	})

	t.Run("ForeignKeys", func(t *testing.T) {
		path := filepath.Join(dir, "orphans.db")
		db := openUnmanaged(t, path)
		c := mustCreateClient(t, db, &model.Client{Name: "Ana"})
		mustCreatePurchase(t, db, &model.Purchase{ClientID: c.ID, Date: date(2026, 11, 1), Item: "hat", Amount: 100})
		mustClose(t, db)
		rawExec(t, path, "_foreign_keys=off", "DELETE FROM clients")
		problems, err := Check(ctx, path)
		if err != nil || len(problems) == 0 || !strings.Contains(strings.Join(problems, "\n"), "purchases row 1 refers to a missing row of clients") {
			t.Errorf("problems %q, error %v; want the orphan purchase", problems, err)
		}
	})

	t.Run("ErrNotDatabase", func(t *testing.T) {
		for name, content := range map[string][]byte{
			"notes.db": []byte("shopping list: milk, bread\n"),
			"short.db": []byte("SQLite"),
		} {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := Check(ctx, path); !errors.Is(err, ErrNotDatabase) {
				t.Errorf("%s: error %v, want ErrNotDatabase", name, err)
			}
		}
		other := filepath.Join(dir, "other.db")
		rawExec(t, other, "", "CREATE TABLE notes (body TEXT)")
		if _, err := Check(ctx, other); !errors.Is(err, ErrNotDatabase) {
			t.Errorf("another program's database: error %v, want ErrNotDatabase", err)
		}
	})

	t.Run("NoFile", func(t *testing.T) {
		if _, err := Check(ctx, filepath.Join(dir, "none.db")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("error %v, want fs.ErrNotExist", err)
		}
	})
}

func mustStat(t *testing.T, path string) fs.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// damagedCopy returns a database of a few hundred sample clients with
// junk written over the middle of a leaf page of the purchases table's
// b-tree: the cells' headers and data.
func damagedCopy(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "damaged.db")
	db := openUnmanaged(t, path)
	mustSample(t, db, 300)
	var root, pageSize int
	if err := db.r.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'purchases'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := db.r.QueryRow("PRAGMA page_size").Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	mustClose(t, db)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The root of a table of thousands of rows is an interior page (type
	// 5); its first cell starts with the page number of the first leaf.
	page := data[(root-1)*pageSize : root*pageSize]
	if page[0] != 5 {
		t.Fatalf("root page %d of purchases has type %d, want an interior page", root, page[0])
	}
	cell := int(binary.BigEndian.Uint16(page[12:]))
	leaf := int(binary.BigEndian.Uint32(page[cell:]))
	junk := []byte(strings.Repeat("\xa5junk\x00\xff", pageSize))[:pageSize-200]
	copy(data[(leaf-1)*pageSize+100:], junk)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckDamaged(t *testing.T) {
	path := damagedCopy(t, t.TempDir())
	before := fileSum(t, path)
	problems, err := Check(context.Background(), path)
	switch {
	case err != nil && !strings.Contains(err.Error(), "malformed") && !errors.Is(err, ErrNotDatabase):
		t.Errorf("error %v, want problems or an error that says the file is damaged", err)
	case err == nil && len(problems) == 0:
		t.Error("no problems found in a damaged file")
	}
	for _, p := range problems {
		if strings.Contains(p, "\n") || p == "" {
			t.Errorf("problem %q is not one line", p)
		}
	}
	if fileSum(t, path) != before {
		t.Error("Check changed the file")
	}

	// Junk at the same place in other pages, whatever they hold: Check
	// reports or fails, and never panics.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(binary.BigEndian.Uint16(data[16:])) // from the file's header
	for page := range 12 {
		bad := slices.Clone(data)
		copy(bad[pageSize*page+100:], strings.Repeat("\xde\xad\xbe\xef", 16))
		p := filepath.Join(t.TempDir(), "bad.db")
		if err := os.WriteFile(p, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := Check(context.Background(), p); err != nil && !errors.Is(err, ErrNotDatabase) {
			t.Logf("page %d: %v", page+1, err)
		}
	}
}

func TestRestore(t *testing.T) {
	ctx := context.Background()

	// setup makes a database with Ana, a backup of it, and then adds
	// Bogdan to the database, which it closes.
	setup := func(t *testing.T) (dir, path, backup string) {
		dir = t.TempDir()
		path = filepath.Join(dir, "clients.db")
		backup = filepath.Join(dir, "backup.db")
		db := openUnmanaged(t, path)
		mustCreateClient(t, db, &model.Client{Name: "Ana"})
		if err := db.Backup(ctx, backup); err != nil {
			t.Fatal(err)
		}
		mustCreateClient(t, db, &model.Client{Name: "Bogdan"})
		mustClose(t, db)
		return dir, path, backup
	}

	t.Run("OK", func(t *testing.T) {
		dir, path, backup := setup(t)
		// What a crash leaves next to a database: they must go with it.
		for _, s := range []string{"-wal", "-shm"} {
			if err := os.WriteFile(path+s, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		started := time.Now().Truncate(time.Second)
		kept, err := Restore(ctx, backup, path)
		if err != nil {
			t.Fatal(err)
		}
		stamp := strings.TrimPrefix(kept, path+".before-restore-")
		if at, err := time.ParseInLocation("20060102-150405", stamp, time.Local); err != nil || at.Before(started) {
			t.Errorf("kept %q, want %s.before-restore-YYYYMMDD-HHMMSS of now", kept, path)
		}
		if n := tableCounts(t, path)["clients"]; n != 1 {
			t.Errorf("restored database has %d clients, want 1", n)
		}
		if n := tableCounts(t, kept)["clients"]; n != 2 {
			t.Errorf("kept database has %d clients, want 2", n)
		}
		want := []string{"backup.db", "clients.db", filepath.Base(kept), filepath.Base(kept) + "-shm", filepath.Base(kept) + "-wal"}
		slices.Sort(want)
		if names := dirNames(t, dir); !slices.Equal(names, want) {
			t.Errorf("folder holds %q, want %q", names, want)
		}
		db := mustOpenPath(t, path)
		if n := mustCount(t, db); n != 1 {
			t.Errorf("Open finds %d clients, want 1", n)
		}
		mustCreateClient(t, db, &model.Client{Name: "Cezar"}) // and it can be written
	})

	t.Run("NoDatabaseYet", func(t *testing.T) {
		_, _, backup := setup(t)
		path := filepath.Join(t.TempDir(), "new.db")
		kept, err := Restore(ctx, backup, path)
		if err != nil || kept != "" {
			t.Fatalf("kept %q, error %v", kept, err)
		}
		if n := tableCounts(t, path)["clients"]; n != 1 {
			t.Errorf("restored database has %d clients, want 1", n)
		}
	})

	t.Run("Refuses", func(t *testing.T) {
		dir, path, backup := setup(t)
		notes := filepath.Join(dir, "notes.db")
		if err := os.WriteFile(notes, []byte("shopping list: milk, bread\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		other := filepath.Join(dir, "other.db")
		rawExec(t, other, "", "CREATE TABLE notes (body TEXT)")
		newer := filepath.Join(dir, "newer.db")
		if err := copyDatabase(ctx, backup, newer); err != nil {
			t.Fatal(err)
		}
		rawExec(t, newer, "", "PRAGMA user_version = 999")
		damaged := damagedCopy(t, t.TempDir())
		names := dirNames(t, dir)
		before := fileSum(t, path)
		for _, tc := range []struct {
			name, backup string
			want         error
		}{
			{"NotSQLite", notes, ErrNotDatabase},
			{"OtherProgram", other, ErrNotDatabase},
			{"TooNew", newer, ErrTooNew},
			{"Damaged", damaged, ErrDamaged},
			{"Missing", filepath.Join(dir, "none.db"), fs.ErrNotExist},
			{"Itself", path, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				kept, err := Restore(ctx, tc.backup, path)
				if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) || kept != "" {
					t.Errorf("kept %q, error %v; want %v", kept, err, tc.want)
				}
				if fileSum(t, path) != before {
					t.Error("the database was changed")
				}
				if got := dirNames(t, dir); !slices.Equal(got, names) {
					t.Errorf("folder holds %q, want %q", got, names)
				}
			})
		}
	})
}

func TestSwapInPutsBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "clients.db")
	for name, content := range map[string]string{"clients.db": "old", "clients.db-wal": "log"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// The new file is missing, so the last rename fails.
	if _, err := swapIn(filepath.Join(dir, "gone.tmp"), path, fixedNow); err == nil {
		t.Fatal("no error")
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"clients.db", "clients.db-wal"}) {
		t.Errorf("folder holds %q", names)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("database is %q", b)
	}
	if b, _ := os.ReadFile(path + "-wal"); string(b) != "log" {
		t.Errorf("log is %q", b)
	}
}
