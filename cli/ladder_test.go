package cli

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
)

// The ladder command counts the clients of every rung; with --clients it
// lists each client once, on the rung the summary counted them on.
func TestLadderCommand(t *testing.T) {
	path := mustDemo(t, "60")
	code, out, errOut := runCLI(t, "ladder", "--db", path, "--recompute", "--csv")
	if code != 0 {
		t.Fatalf("ladder exited %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 8 || recs[0][0] != "stage" || recs[1][0] != "newbie" || recs[7][0] != "blacklist" {
		t.Fatalf("summary: %v\n%s", err, out)
	}
	counts := map[string]int{}
	total := 0
	for _, r := range recs[1:] {
		n, err := strconv.Atoi(r[1])
		if err != nil {
			t.Fatalf("count %q", r[1])
		}
		counts[r[0]] = n
		total += n
	}
	code, out, errOut = runCLI(t, "ladder", "--db", path, "--clients", "--csv")
	if code != 0 {
		t.Fatalf("ladder --clients exited %d: %s", code, errOut)
	}
	recs, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != total+1 || strings.Join(recs[0], ",") != "id,name,stage,computed,pinned,badges" {
		t.Fatalf("--clients: %d lines for %d clients on the ladder, err %v", len(recs), total, err)
	}
	got := map[string]int{}
	for _, r := range recs[1:] {
		got[r[2]]++
		if r[4] == "" && r[2] != r[3] {
			t.Errorf("client %s is on %s but the rules say %s and nobody pinned them", r[0], r[2], r[3])
		}
	}
	for st, n := range counts {
		if got[st] != n {
			t.Errorf("%s: %d lines, the summary counts %d", st, got[st], n)
		}
	}
	if code, _, errOut := runCLI(t, "ladder", "--db", path, "--bogus"); code != 2 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("bad flag: exit %d, %q", code, errOut)
	}
}
