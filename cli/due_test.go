package cli

import (
	"encoding/csv"
	"strings"
	"testing"
)

// TestDueDayList: the due command prints the day's list (at most the
// capacity, 15 by default) unless --all asks for the whole list, whose
// first rows are the same day's list and whose others wait.
func TestDueDayList(t *testing.T) {
	path := mustDemo(t, "300")
	read := func(args ...string) [][]string {
		t.Helper()
		code, out, errOut := runCLI(t, append([]string{"due", "--db", path, "--csv"}, args...)...)
		if code != 0 {
			t.Fatalf("due %v exited %d: %s", args, code, errOut)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(recs) == 0 {
			t.Fatalf("due %v printed %q (%v)", args, out, err)
		}
		return recs[1:]
	}
	day := read()
	whole := read("--all")
	if len(day) == 0 || len(day) > 15 {
		t.Fatalf("the day's list has %d rows, want 1 to 15", len(day))
	}
	if len(whole) <= len(day) {
		t.Fatalf("--all printed %d rows, the day's list %d: want more", len(whole), len(day))
	}
	for i, r := range day {
		if r[2] != "today" || strings.Join(r, ",") != strings.Join(whole[i], ",") {
			t.Errorf("row %d of the day %q, of --all %q", i, r, whole[i])
		}
	}
	for _, r := range whole[len(day):] {
		if r[2] == "today" {
			t.Errorf("a row past the day's list is marked today: %q", r)
		}
	}
	code, out, _ := runCLI(t, "due", "--db", path)
	if code != 0 || !strings.Contains(out, "done today: ") {
		t.Errorf("the table should end with how far the day is: %q", out)
	}
}
