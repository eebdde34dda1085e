package cli

import (
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"clienttracker/db"
	"clienttracker/model"
)

// The insights command prints exactly the figures the store computes for
// the period (the ones the window shows), and says what to fix when the
// dates are wrong.
func TestInsightsCommand(t *testing.T) {
	path := mustDemo(t, "80")
	code, out, errOut := runCLI(t, "insights", "--db", path, "--from", "2026-01-01", "--to", "2026-03-31", "--csv")
	if code != 0 {
		t.Fatalf("insights exited %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(recs[0], ",") != "section,figure,detail,current,previous" {
		t.Fatalf("header %v", recs[0])
	}

	ctx := context.Background()
	store, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	feb, _ := model.ParseDate("2026-02-10")
	p := model.QuarterOf(feb)
	in, err := store.Insights(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	set, err := store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := in.Rows(set.Money)
	if len(recs)-1 != len(want) {
		t.Fatalf("%d lines, the store has %d figures", len(recs)-1, len(want))
	}
	for i, w := range want {
		if got := recs[i+1]; got[1] != w.Figure || got[2] != w.Detail || got[3] != w.Current || got[4] != w.Previous {
			t.Errorf("line %d: %v, want %+v", i+1, got, w)
		}
	}
	// The range is exactly a quarter, so it is compared with the quarter before.
	if recs[1][2] != "quarter" || recs[1][4] != "2025-10-01 – 2025-12-31" {
		t.Errorf("period line %v", recs[1])
	}
	if in.Current.Retention.Buyers == 0 {
		t.Error("the demo book has no buyers in the first quarter; the comparison proves nothing")
	}

	for _, bad := range [][]string{
		{"--from", "2026-13-01"},
		{"--from", "2026-03-01", "--to", "2026-02-01"},
	} {
		code, _, errOut := runCLI(t, append([]string{"insights", "--db", path}, bad...)...)
		if code != 2 || !strings.Contains(errOut, "insights: --") {
			t.Errorf("%v: exit %d, %q", bad, code, errOut)
		}
	}
}
