package gui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"

	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// dueLines is every line of the due list, as the list asks for them.
func dueLines(u *UI) []dueLine {
	lines := make([]dueLine, u.due.list.Length())
	for i := range lines {
		l, ok := u.due.line(i)
		if !ok {
			panic(fmt.Sprintf("line %d of %d is past the end", i, len(lines)))
		}
		lines[i] = l
	}
	return lines
}

// listLines reads the due list as the owner sees it: headings and names.
func listLines(u *UI) []string {
	var lines []string
	for _, line := range dueLines(u) {
		if line.item < 0 {
			lines = append(lines, "# "+line.heading)
		} else if it := u.due.item(line.item); it != nil {
			lines = append(lines, it.Name)
		}
	}
	return lines
}

// The owner works through the day's list: the badge, the header and the
// Today block agree at every step, each contact counts as done, and once
// the capacity is reached the day says it is finished while the backlog
// waits.
func TestWorkingThroughTheDay(t *testing.T) {
	store := newTestStore(t)
	s := model.DefaultScheduleSettings()
	s.DailyCapacity = 3
	store.mustSaveSchedule(t, s)
	for i := range 5 {
		clientSince(t, store, fmt.Sprintf("Client %d", i), 400+30*i)
	}
	u := newTestUI(t, store)
	for done := range 3 {
		left := 3 - done
		if want := fmt.Sprintf("Today %d", left); u.dueTab.Text != want {
			t.Fatalf("after %d contacts the navigation says %q, want %q", done, u.dueTab.Text, want)
		}
		if want := fmt.Sprintf("Done today: %d of 3 · Backlog: 2", done); u.due.summary.Text != want {
			t.Fatalf("after %d contacts the header says %q, want %q", done, u.due.summary.Text, want)
		}
		lines := listLines(u)
		if len(lines) < left+1 || lines[0] != "# Today" || lines[left+1] != "# Backlog" {
			t.Fatalf("after %d contacts the list reads %q, want %d under Today, then the backlog", done, lines, left)
		}
		// Log a contact with the first client of the day, as the owner does.
		r := dueRowFor(u, lines[1])
		if r == nil {
			t.Fatalf("%s is not shown", lines[1])
		}
		test.Tap(r.log)
		tapSave(t, u)
	}
	if u.dueTab.Text != "Check-ins" {
		t.Errorf("a finished day still has a badge: %q", u.dueTab.Text)
	}
	if want := "Today's list is done: 3 of 3 · Backlog: 2"; u.due.summary.Text != want {
		t.Errorf("the finished day's header says %q, want %q", u.due.summary.Text, want)
	}
	lines := listLines(u)
	if len(lines) != 4 || lines[0] != "# Today's list is done. Well done!" || lines[1] != "# Backlog" {
		t.Errorf("the finished day's list reads %q", lines)
	}
	// The highest-ranked clients were the day's: the longest overdue of
	// equal value first, so the two waiting are the least late.
	if lines[2] != "Client 1" || lines[3] != "Client 0" {
		t.Errorf("the backlog holds %q, want the two least late", lines[2:])
	}
}

// The capacity, the overdue point and the windows are settings on the
// Check-ins tab, saved with the schedule; the capacity applies to the list
// at once.
func TestSettingsDailyCapacity(t *testing.T) {
	store := newTestStore(t)
	for i := range 12 {
		clientSince(t, store, fmt.Sprintf("Client %02d", i), 400)
	}
	u, v := openTestSettings(t, store)
	if v.capacity.Text != "15" {
		t.Errorf("the capacity reads %q, want the default 15", v.capacity.Text)
	}
	retype(v.capacity, "0")
	v.capacity.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if msg := fieldError(t, v, model.FieldDailyCapacity); msg == "" {
		t.Fatal("a capacity of 0 was accepted")
	}
	retype(v.capacity, "10")
	retype(v.overdue, "1,8") // the way a Romanian or Russian owner writes it
	retype(v.followWin, "10")
	retype(v.occasion, "5")
	retype(v.firstDays, "14")
	v.capacity.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.dialog != nil {
		t.Fatal("the settings did not save")
	}
	if sc := store.mustSchedule(t); sc.DailyCapacity != 10 || sc.OverdueFactor != 1.8 || sc.FollowUpWindowDays != 10 ||
		sc.OccasionWindowDays != 5 || sc.FirstCheckInDays != 14 {
		t.Fatalf("schedule saved as %+v", sc)
	}
	if u.dueTab.Text != "Today 10" || u.due.summary.Text != "Done today: 0 of 10 · Backlog: 2" {
		t.Errorf("with a capacity of 10 the list says %q / %q", u.dueTab.Text, u.due.summary.Text)
	}
}
