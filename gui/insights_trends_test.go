package gui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"clienttracker/model"
)

// The Insights view over the real store, for what is known only since the
// store started recording the day's lists: an empty book says nothing is
// recorded yet; once the check-ins list has been open today, the week's
// bars read what the list asked for and the clients contacted, the note
// says since when, and a client marked lost for lack of contact is this
// month's bar in the lost chart.
func TestInsightsCheckInsAndLostTrend(t *testing.T) {
	ctx := context.Background()
	// The book was made the day before: today's first check-ins list is
	// the first full recompute of the day, which records it.
	now := today.AddDate(0, 0, -1)
	store := openRealDB(t, filepath.Join(t.TempDir(), "shop.db"), "", func() time.Time { return now }, false)
	now = today

	u := newTestUI(t, store)
	v := u.insights
	// A book with no recorded day.
	p := model.MonthOf(today)
	v.show(model.Insights{Current: model.Figures{Period: p}, Previous: model.Figures{Period: p.Previous()}})
	if !strings.Contains(v.checkNote.Text, "nothing is recorded yet") || len(v.checkIns.labels) != 0 {
		t.Errorf("nothing recorded: note %q, %d weeks", v.checkNote.Text, len(v.checkIns.labels))
	}

	var ids []int64
	for _, name := range []string{"Անի", "ნინო", "Ion"} {
		c := &model.Client{Name: name, Since: day("2025-01-01")}
		if err := store.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
		// A promised call due today puts the client on today's list.
		if err := store.CreatePromise(ctx, &model.Promise{ClientID: c.ID, What: "call back", MadeOn: day("2026-11-16"),
			DueBy: day("2026-11-23"), Status: model.PromiseOpen}); err != nil {
			t.Fatal(err)
		}
	}
	// The check-ins list as the window shows it: today's list is recorded.
	page, err := store.DueList(ctx, today, model.DueQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	planned := page.Plan().Planned()
	if planned == 0 {
		t.Fatalf("nobody is due: the book does not test the check-ins chart: %+v %+v", page.Counts, page.Plan())
	}
	if err := store.LogContact(ctx, &model.Interaction{ClientID: ids[0], At: today, Channel: model.ContactCall}, nil); err != nil {
		t.Fatal(err)
	}
	if err := store.MarkLost(ctx, ids[2], model.Lost{Reason: model.LostNoContact, On: day("2026-11-20")}); err != nil {
		t.Fatal(err)
	}

	press(u, fyne.Key4)
	v.show(mustInsights(t, store))
	if want := "since 2026-11-23"; !strings.Contains(v.checkNote.Text, want) {
		t.Errorf("note %q, want it to say %q", v.checkNote.Text, want)
	}
	if len(v.checkIns.labels) != 1 || v.checkIns.labels[0] != "11-23" {
		t.Fatalf("weeks %v, want the week of Monday 23 November", v.checkIns.labels)
	}
	if got := [2]string{v.checkIns.series[0].Texts[0], v.checkIns.series[1].Texts[0]}; got[0] != countText(planned) || !strings.HasPrefix(got[1], "1 (") {
		t.Errorf("due / done bars read %v, want %d due and 1 done", got, planned)
	}
	if row := shownRow(t, v, "Check-ins due · 2026-11-23"); row[0] != countText(planned) {
		t.Errorf("table row check-ins due: %v", row)
	}

	// The lost chart: hovering November's lack-of-contact bar reads it.
	c := v.lost
	c.Resize(fyne.NewSize(400, 240))
	x, _, w, h := chartArea(c.Size())
	c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x+w*0.2, h)}})
	if !strings.Contains(c.shown, "No contact / indifference: 1 (100 %; study: 67 %)") {
		t.Errorf("hovering the lack-of-contact bar shows %q", c.shown)
	}
}

func mustInsights(t *testing.T, store realDB) model.Insights {
	t.Helper()
	in, err := store.Insights(context.Background(), model.MonthOf(today))
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func countText(n int) string { return model.GroupThousands(int64(n)) }
