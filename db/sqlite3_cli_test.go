package db

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// systemSQLite returns the path of the system's sqlite3 shell. Outside CI
// a machine without it skips the test; in CI (CI=true) make test installs
// it, so its absence fails.
func systemSQLite(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("sqlite3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the sqlite3 shell is missing; make test installs Debian's sqlite3")
		}
		t.Skip("no sqlite3 shell on this machine (apt-get install sqlite3); make test installs it")
	}
	return bin
}

// allTableCounts returns the row count of every ordinary table of the file at
// path (the full-text index's own tables included, virtual tables not).
func allTableCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	raw, err := sql.Open("sqlite3", dsn(path, "mode=ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT name FROM sqlite_schema WHERE type = 'table'
		AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, n := range names {
		var c int
		if err := raw.QueryRow(`SELECT count(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		counts[n] = c
	}
	return counts
}

// TestSystemSQLiteReadsBook hands a sample book to the system's sqlite3
// (Debian 12's is 3.40, older than the app's, as the tools on an owner's
// computer often are): its integrity check says ok, and the usual manual
// rescue, `sqlite3 book .dump | sqlite3 copy`, keeps every row of every
// table.
func TestSystemSQLiteReadsBook(t *testing.T) {
	bin := systemSQLite(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "clients.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustSample(t, db, 300)
	// A client with quiet periods, and one without (NULL): the case old
	// SQLite got wrong.
	if _, err := db.w.Exec(`UPDATE clients SET quiet = '{"months":[7,8]}' WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	mustClose(t, db)

	out, err := exec.Command(bin, path, "PRAGMA integrity_check").CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Errorf("%s integrity_check: %v\n%s", bin, err, out)
	}

	var dump, stderr bytes.Buffer
	cmd := exec.Command(bin, path, ".dump")
	cmd.Stdout, cmd.Stderr = &dump, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf(".dump: %v %s", err, stderr.Bytes())
	}
	copyPath := filepath.Join(dir, "copy.db")
	load := exec.Command(bin, copyPath)
	load.Stdin = &dump
	if out, err := load.CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("loading the dump: %v\n%s", err, firstLines(string(out), 5))
	}
	want, got := allTableCounts(t, path), allTableCounts(t, copyPath)
	if want["clients"] != 300 {
		t.Fatalf("the book holds %d clients, want 300", want["clients"])
	}
	for table, n := range want {
		if got[table] != n {
			t.Errorf("%s: %d rows in the copy, %d in the book", table, got[table], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d tables in the copy, %d in the book", len(got), len(want))
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

// TestMigrateJSONChecks upgrades a book made before the JSON checks were
// loosened: every row is still there, the stored schema has the new
// check, the check still refuses text that is not JSON, and the book
// passes the integrity check.
func TestMigrateJSONChecks(t *testing.T) {
	at := -1
	for i, m := range migrations {
		if strings.Contains(m.name, "json_checks") {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no json_checks migration")
	}
	path := filepath.Join(t.TempDir(), "old.db")
	stmts := []string{}
	for _, m := range migrations[:at] {
		stmts = append(stmts, m.sql)
	}
	stmts = append(stmts, "PRAGMA user_version = "+strconv.Itoa(at),
		`INSERT INTO clients (id, name, since, sort_key, created_at, updated_at, quiet) VALUES
			(1, 'Ana', '2026-01-15', x'01', '2026-01-15T10:00:00.000Z', '2026-01-15T10:00:00.000Z', NULL),
			(2, 'Ion', '2026-01-16', x'02', '2026-01-16T10:00:00.000Z', '2026-01-16T10:00:00.000Z', '{"months":[7]}')`,
		`INSERT INTO purchases (client_id, date, item, amount) VALUES (1, '2026-11-01', 'coat', 5000)`,
		`INSERT INTO complaints (client_id, opened_on, what, options) VALUES (2, '2026-11-02', 'late', '["refund"]')`)
	rawExec(t, path, "_foreign_keys=on", stmts...)

	db := mustOpenPath(t, path)
	var schema string
	if err := db.w.QueryRow(`SELECT sql FROM sqlite_schema WHERE name = 'clients'`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(schema, "CHECK (quiet IS NULL OR json_valid(quiet))") || strings.Contains(schema, "CHECK (json_valid(quiet))") {
		t.Errorf("clients schema after the migration:\n%s", schema)
	}
	for table, want := range map[string]int{"clients": 2, "purchases": 1, "complaints": 1} {
		if n := rowCount(t, db, table, "1"); n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	if n := rowCount(t, db, "clients", "quiet IS NOT NULL"); n != 1 {
		t.Errorf("%d clients with quiet periods, want 1", n)
	}
	// Every connection sees the new schema and the check still holds.
	if _, err := db.w.Exec(`UPDATE clients SET quiet = 'not json' WHERE id = 1`); err == nil {
		t.Error("text that is not JSON was stored in quiet")
	}
	if problems, err := Check(context.Background(), path); err != nil || len(problems) > 0 {
		t.Errorf("integrity: %q, %v", problems, err)
	}
}
