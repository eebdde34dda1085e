package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clienttracker/model"
)

// fixedNow is the clock of every test database: 23 November 2026, morning.
var fixedNow = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

// mustOpen opens a new database in a temporary folder, with a fixed clock
// and a Romanian locale, and closes it when the test ends.
func mustOpen(t *testing.T) *DB {
	t.Helper()
	return mustOpenPath(t, filepath.Join(t.TempDir(), "clients.db"))
}

// mustSetHomeCountry makes region the shop's home country, which phones
// typed without their country code are read in.
func mustSetHomeCountry(t *testing.T, db *DB, region string) {
	t.Helper()
	s, err := db.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.HomeCountry = region
	if err := db.SaveSettings(context.Background(), s); err != nil {
		t.Fatal(err)
	}
}

// mustOpenPath opens the database at path like mustOpen.
func mustOpenPath(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path, WithClock(func() time.Time { return fixedNow }), WithLocale("ro-RO"))
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

// fileSum returns the SHA-256 of the file at path.
func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// rawExec runs statements on the file at path through a plain connection
// with the given DSN parameters, bypassing Open's checks.
func rawExec(t *testing.T, path, params string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", dsn(path, params))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// pragmaInt reads an integer PRAGMA through the write connection.
func pragmaInt(t *testing.T, db *DB, name string) int {
	t.Helper()
	var n int
	if err := db.w.QueryRow("PRAGMA " + name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpen(t *testing.T) {
	ctx := context.Background()

	t.Run("NewFileInNewFolder", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "a", "b", "clients.db")
		db := mustOpenPath(t, path)
		if got := db.Path(); got != path {
			t.Errorf("Path() = %q, want %q", got, path)
		}
		if got := pragmaInt(t, db, "user_version"); got != len(migrations) {
			t.Errorf("user_version = %d, want %d", got, len(migrations))
		}
		if got := pragmaInt(t, db, "application_id"); got != applicationID {
			t.Errorf("application_id = %#x, want %#x", got, applicationID)
		}
		var mode string
		if err := db.w.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v; want wal", mode, err)
		}
		if got := pragmaInt(t, db, "foreign_keys"); got != 1 {
			t.Errorf("foreign_keys = %d on the write connection", got)
		}
		var fk int
		if err := db.r.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
			t.Errorf("foreign_keys = %d, %v on a read connection", fk, err)
		}
	})

	t.Run("ReopenIsNoOp", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "clients.db")
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		db.clock = func() time.Time { return fixedNow }
		c := &model.Client{Name: "Ana Popescu"}
		if err := db.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		schema := func(db *DB) string {
			var s string
			if err := db.w.QueryRow("SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)").Scan(&s); err != nil {
				t.Fatal(err)
			}
			return s
		}
		before := schema(db)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		sum := fileSum(t, path)

		db = mustOpenPath(t, path)
		if got := schema(db); got != before {
			t.Errorf("schema changed on reopen:\n%s\n%s", before, got)
		}
		if got := pragmaInt(t, db, "user_version"); got != len(migrations) {
			t.Errorf("user_version = %d, want %d", got, len(migrations))
		}
		if got, err := db.GetClient(ctx, c.ID); err != nil || got.Name != "Ana Popescu" {
			t.Errorf("GetClient after reopen = %v, %v", got, err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if fileSum(t, path) != sum {
			t.Error("opening and closing an up-to-date database changed the file")
		}
	})

	t.Run("EmptyFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "clients.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		// A failed copy leaves a file of 0 bytes: it is not a new book.
		if db, err := Open(ctx, path); !errors.Is(err, ErrEmpty) {
			t.Errorf("Open of an empty file = %v, want ErrEmpty", err)
			if err == nil {
				mustClose(t, db)
			}
		}
	})

	t.Run("OddPath", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "Dosar clienți #1 ?100%")
		path := filepath.Join(dir, "Ștefan & Հովհաննես?x=1#frag%20.db")
		db := mustOpenPath(t, path)
		if err := db.CreateClient(ctx, &model.Client{Name: "Ana"}); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("database not at the path given: %v", err)
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			switch e.Name() {
			case filepath.Base(path), filepath.Base(path) + "-wal", filepath.Base(path) + "-shm":
			default:
				t.Errorf("unexpected file %q next to the database", e.Name())
			}
		}
	})

	// Each refusal must leave the file exactly as it was.
	refuse := func(t *testing.T, path string, want error) {
		t.Helper()
		sum := fileSum(t, path)
		db, err := Open(ctx, path)
		if err == nil {
			db.Close()
			t.Fatalf("Open succeeded, want %v", want)
		}
		if !errors.Is(err, want) {
			t.Fatalf("Open: %v, want %v", err, want)
		}
		if fileSum(t, path) != sum {
			t.Error("the refused file was changed")
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Error("a -wal file was created next to the refused file")
		}
	}

	t.Run("ErrNotDatabase", func(t *testing.T) {
		for name, content := range map[string]string{
			"text":  "name,phone\nAna,0722 123 456\n",
			"short": "SQLite",
			"fake":  "SQLite format 3\x00" + string(make([]byte, 200)),
		} {
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "clients.db")
				if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
				refuse(t, path, ErrNotDatabase)
			})
		}
	})

	t.Run("ErrNotDatabaseOtherApp", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "photos.db")
		rawExec(t, path, "_journal_mode=DELETE", "CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
		refuse(t, path, ErrNotDatabase)
	})

	t.Run("ErrNotDatabaseFolder", func(t *testing.T) {
		_, err := Open(ctx, t.TempDir())
		if !errors.Is(err, ErrNotDatabase) {
			t.Fatalf("Open(folder): %v, want ErrNotDatabase", err)
		}
	})

	// newDatabaseFile makes a Client Tracker database with one client in
	// rollback-journal mode, so that opening it in WAL mode by mistake
	// would change its header.
	newDatabaseFile := func(t *testing.T) string {
		t.Helper()
		path := filepath.Join(t.TempDir(), "clients.db")
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		db.clock = func() time.Time { return fixedNow }
		if err := db.CreateClient(ctx, &model.Client{Name: "Ana"}); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		rawExec(t, path, "_journal_mode=DELETE")
		return path
	}

	// Permission bits are honoured even by root, who could write anyway.
	t.Run("ErrReadOnly", func(t *testing.T) {
		path := newDatabaseFile(t)
		if err := os.Chmod(path, 0o444); err != nil {
			t.Fatal(err)
		}
		refuse(t, path, ErrReadOnly)
	})

	// An empty file is refused as empty whatever its permissions: it is
	// what a failed copy leaves, not a new book.
	t.Run("ErrEmptyReadOnlyFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "clients.db")
		if err := os.WriteFile(path, nil, 0o444); err != nil {
			t.Fatal(err)
		}
		refuse(t, path, ErrEmpty)
	})

	t.Run("ErrReadOnlyFolder", func(t *testing.T) {
		path := newDatabaseFile(t)
		dir := filepath.Dir(path)
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		refuse(t, path, ErrReadOnly)
		if _, err := Open(ctx, filepath.Join(dir, "new.db")); !errors.Is(err, ErrReadOnly) {
			t.Errorf("Open(new file in read-only folder): %v, want ErrReadOnly", err)
		}
	})

	t.Run("ErrTooNew", func(t *testing.T) {
		path := newDatabaseFile(t)
		rawExec(t, path, "_journal_mode=DELETE", "PRAGMA user_version = 99")
		refuse(t, path, ErrTooNew)
	})
}

func TestMigrations(t *testing.T) {
	if len(migrations) == 0 {
		t.Fatal("no migrations embedded")
	}
	for i, m := range migrations {
		if want := fmt.Sprintf("%04d_", i+1); !strings.HasPrefix(m.name, want) {
			t.Errorf("migration %d is %s", i+1, m.name)
		}
	}
}

func TestDSN(t *testing.T) {
	for _, tt := range []struct{ path, want string }{
		{"/home/ana/clients.db", "file:///home/ana/clients.db?x"},
		{"/a b/c?d#e%f.db", "file:///a%20b/c%3Fd%23e%25f.db?x"},
		{"/ș.db", "file:///%C8%99.db?x"},
	} {
		if got := dsn(tt.path, "x"); got != tt.want {
			t.Errorf("dsn(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestIdleConnectionsClose: a connection left unused for idleConnTime is
// closed, giving back its page cache, and the store works on afterwards.
func TestIdleConnectionsClose(t *testing.T) {
	defer func(d time.Duration) { idleConnTime = d }(idleConnTime)
	idleConnTime = 100 * time.Millisecond
	ctx := context.Background()
	db := mustOpen(t)
	c := &model.Client{Name: "Ana"}
	mustCreateClient(t, db, c)
	if _, err := db.GetClient(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for db.w.Stats().OpenConnections > 0 || db.r.Stats().OpenConnections > 1 { // DataVersion keeps one
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s unused: %d write and %d read connections open",
				db.w.Stats().OpenConnections, db.r.Stats().OpenConnections)
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.City = "Iași"
	if err := db.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := db.GetClient(ctx, c.ID)
	if err != nil || got.City != "Iași" {
		t.Fatalf("after the connections closed: %+v, %v", got, err)
	}
}
