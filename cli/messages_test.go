package cli

import (
	"database/sql"
	"strings"
	"testing"
)

// TestCheckSaysOneProblem: a book with one orphan row reads "1 problem",
// not "1 problems".
func TestCheckSaysOneProblem(t *testing.T) {
	path := mustDemo(t, "3")
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=off")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO purchases (client_id, date, item, amount) VALUES (999, '2026-01-01', 'hat', 100)`); err != nil {
		t.Fatal(err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "check", "--db", path)
	if code != exitFail || strings.Count(stdout, "\n") != 1 || !strings.Contains(stderr, "has 1 problem;") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
