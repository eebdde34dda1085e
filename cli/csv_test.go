package cli

import (
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"clienttracker/db"
	"clienttracker/model"
)

// TestCSVOutputNeverRunsFormulas: every command that prints CSV writes
// cells a spreadsheet could run (= + - @) with the apostrophe export puts
// before them, through the one CSV writer.
func TestCSVOutputNeverRunsFormulas(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.db")
	store, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{`=HYPERLINK("http://evil","Ana")`, `+cmd|' /C calc'!A0`, `@SUM(1+1)`, `-2+3`}
	for _, n := range names {
		if err := store.CreateClient(ctx, &model.Client{Name: n, Email: "=1+1@x.ro"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"clients", "--db", path, "--csv"},
		{"due", "--db", path, "--csv", "--date", "2040-01-01"},
		{"ladder", "--db", path, "--clients", "--csv"},
	} {
		code, out, errOut := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", args[0], code, errOut)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", args[0], err)
		}
		seen := 0
		for _, r := range recs[1:] {
			for _, cell := range r {
				if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
					t.Errorf("%s: cell %q can run as a formula", args[0], cell)
				}
				for _, n := range names {
					if cell == "'"+n {
						seen++
					}
				}
			}
		}
		if seen != len(names) {
			t.Errorf("%s: %d of the %d names printed with the guard:\n%s", args[0], seen, len(names), out)
		}
	}
}
