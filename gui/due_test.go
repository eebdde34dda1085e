package gui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// dueRowFor finds the drawn due-list row of the client called name, as the
// owner would find it on screen; nil if it is not listed.
func dueRowFor(u *UI, name string) *dueRow {
	u.tabs.Select(u.dueTab)
	u.due.list.Refresh()
	for _, o := range test.LaidOutObjects(u.due.list) {
		if r, ok := o.(*dueRow); ok && r.item != nil && r.item.Name == name && r.Visible() {
			return r
		}
	}
	return nil
}

// sectionOf returns the section the client called name is listed in.
func sectionOf(u *UI, name string) (model.Section, bool) {
	for _, p := range u.due.pages {
		for _, it := range p {
			if it.Name == name {
				return it.Section, true
			}
		}
	}
	return 0, false
}

// clientSince stores a client who became a client days ago, recorded
// that day, and was never contacted, so a check-in is overdue.
func clientSince(t *testing.T, s *testStore, name string, days int) *model.Client {
	t.Helper()
	was := s.clock()
	s.setNow(today.AddDate(0, 0, -days))
	c := mustCreate(t, s, model.Client{Name: name, Phones: []string{"+40 721 234 567"}, Channel: model.ChannelPhone,
		Since: today.AddDate(0, 0, -days)})
	s.setNow(was)
	// The days since, as a book that was open every day has them.
	if err := s.Recompute(t.Context()); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDueViewIsTheStartView(t *testing.T) {
	store := newTestStore(t)
	clientSince(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)
	if u.view != u.tabs || u.tabs.Selected() != u.dueTab {
		t.Fatal("the app should open on the due check-ins")
	}
	r := dueRowFor(u, "Ana Popescu")
	if r == nil {
		t.Fatal("a client never contacted in 400 days is not listed")
	}
	if r.why.Text == "" || r.say.Text == "" || r.how.Text == "" {
		t.Errorf("the row should say why, how to reach and what to say: %q / %q / %q", r.why.Text, r.how.Text, r.say.Text)
	}
	if u.dueTab.Text != "Today 1" {
		t.Errorf("the navigation says %q, want the count of clients to contact today", u.dueTab.Text)
	}
}

func TestLogContactFromDueViewLeavesToday(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 400)
	clientSince(t, store, "Ion Rusu", 400)
	u := newTestUI(t, store)
	r := dueRowFor(u, "Ana Popescu")
	if r == nil {
		t.Fatal("Ana is not listed")
	}
	test.Tap(r.log)
	tapSave(t, u) // the common case: two clicks

	contacts, _ := store.ListInteractions(t.Context(), c.ID)
	if len(contacts) != 1 || contacts[0].Channel != model.ContactCall || !contacts[0].At.Equal(today) {
		t.Fatalf("stored contacts %+v, want one call now (her preferred channel)", contacts)
	}
	if sec, listed := sectionOf(u, "Ana Popescu"); listed && sec <= model.SectionToday {
		t.Errorf("after the contact Ana is still in section %d", sec)
	}
	if _, listed := sectionOf(u, "Ion Rusu"); !listed {
		t.Error("Ion was not contacted and should still be listed")
	}
	if u.dueTab.Text != "Today 1" {
		t.Errorf("the navigation says %q after one of two contacts", u.dueTab.Text)
	}
}

func TestKeepPromiseFromDueView(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 10)
	if err := store.LogContact(t.Context(), &model.Interaction{ClientID: c.ID, At: today.Add(-time.Hour), Channel: model.ContactCall}, nil); err != nil {
		t.Fatal(err)
	}
	p := &model.Promise{ClientID: c.ID, What: "call when the boots arrive", MadeOn: today.AddDate(0, 0, -5), DueBy: model.Day(today)}
	if err := store.CreatePromise(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	r := dueRowFor(u, "Ana Popescu")
	if r == nil || !r.kept.Visible() {
		t.Fatal("a promise due today should be listed with a Promise kept button")
	}
	test.Tap(r.kept)
	ps, _ := store.ListPromises(t.Context(), c.ID)
	if len(ps) != 1 || ps[0].Status != model.PromiseKept || !ps[0].KeptOn.Equal(model.Day(today)) {
		t.Errorf("promise stored as %+v, want kept today", ps)
	}
	contacts, _ := store.ListInteractions(t.Context(), c.ID)
	if len(contacts) != 2 || contacts[0].PromiseID != p.ID {
		t.Errorf("keeping the promise should log a contact for it: %+v", contacts)
	}
	if _, listed := sectionOf(u, "Ana Popescu"); listed {
		t.Error("with the promise kept and a recent contact, Ana should leave the list")
	}
}

func TestSnoozeMovesTheCheckInWithoutAContact(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)
	r := dueRowFor(u, "Ana Popescu")
	if r == nil {
		t.Fatal("Ana is not listed")
	}
	u.due.snooze(r.item.ClientID, model.Day(today).AddDate(0, 0, 7))
	if sec, listed := sectionOf(u, "Ana Popescu"); listed && sec <= model.SectionToday {
		t.Errorf("snoozed a week, Ana is still in section %d", sec)
	}
	if contacts, _ := store.ListInteractions(t.Context(), c.ID); len(contacts) != 0 {
		t.Errorf("snoozing must not log a contact: %+v", contacts)
	}
	if got, _ := store.GetClient(t.Context(), c.ID); !got.Plan.SnoozedUntil.Equal(model.Day(today).AddDate(0, 0, 7)) {
		t.Errorf("snoozed until %v", got.Plan.SnoozedUntil)
	}
}

func TestNothingDueSaysSo(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 2)
	if err := store.LogContact(t.Context(), &model.Interaction{ClientID: c.ID, At: today, Channel: model.ContactInShop}, nil); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	if len(u.due.body.Objects) != 1 || u.due.body.Objects[0] != u.due.empty {
		t.Error("with nobody due the view should say so instead of an empty list")
	}
	if u.dueTab.Text != "Check-ins" {
		t.Errorf("navigation says %q with nobody due", u.dueTab.Text)
	}
}

func TestLostReportComparesWithTheStudy(t *testing.T) {
	store := newTestStore(t)
	for i, r := range []model.LostReason{model.LostNoContact, model.LostNoContact, model.LostQuality, model.LostCompetitor} {
		c := clientSince(t, store, fmt.Sprintf("Client %d", i), 300)
		if err := store.MarkLost(t.Context(), c.ID, model.Lost{Reason: r, On: model.Day(today)}); err != nil {
			t.Fatal(err)
		}
	}
	clientSince(t, store, "Still here", 300)
	u := newTestUI(t, store)
	test.Tap(u.due.lostBtn)
	shown := shownText(u)
	for _, want := range []string{"Why clients left", "No contact / indifference", "2 (50 %)", "67 %", "1 (25 %)"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the report does not show %q", want)
		}
	}
}

func TestContactPlanIsSavedFromTheClientForm(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)
	u.openClient(c.ID)
	u.clients.page.editClient(u.clients.page.client)
	f := u.clients.page.form
	test.Type(f.checkIn, "abc")
	test.Tap(f.save)
	if e := f.fields.field(model.FieldCheckInDays).err; !e.Visible() {
		t.Error("letters in the interval should be refused next to the field")
	}
	f.checkIn.SetText("")
	test.Type(f.checkIn, "21")
	test.Tap(f.quietMonths[6])
	test.Tap(f.quietMonths[7])
	test.Tap(f.save)
	got, _ := store.GetClient(t.Context(), c.ID)
	if got.Plan.CheckInDays != 21 || len(got.Plan.QuietMonths) != 2 || got.Plan.QuietMonths[0] != time.July || got.Plan.DoNotContact {
		t.Errorf("stored plan %+v", got.Plan)
	}

	// Opting out takes the client off the check-ins.
	u.clients.page.editClient(u.clients.page.client)
	test.Tap(u.clients.page.form.noContact)
	test.Tap(u.clients.page.form.save)
	if got, _ := store.GetClient(t.Context(), c.ID); !got.Plan.DoNotContact {
		t.Fatal("do not contact was not stored")
	}
	u.due.reload()
	if _, listed := sectionOf(u, "Ana Popescu"); listed {
		t.Error("a client who asked not to be contacted is still due")
	}
}

func TestClientPageShowsStandingAndRisk(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 400)
	if err := store.CreateComplaint(t.Context(), &model.Complaint{ClientID: c.ID, OpenedOn: model.Day(today), What: "zip broke"}); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.openClient(c.ID)
	p := u.clients.page
	if p.stage == nil || !strings.Contains(p.stage.Text, "Newbie") || !strings.Contains(p.stage.Text, "due for contact") {
		t.Errorf("standing says %q", p.stage.Text)
	}
	if !p.risk.Visible() || !strings.Contains(p.risk.Text, "open complaint") {
		t.Errorf("risk says %q (visible %v)", p.risk.Text, p.risk.Visible())
	}
}

func TestDailyNotificationOnceADay(t *testing.T) {
	store := newTestStore(t)
	clientSince(t, store, "Ana Popescu", 400)
	clientSince(t, store, "Ion Rusu", 400)
	a := test.NewTempApp(t)
	want := fyne.NewNotification("Client Tracker", "2 clients to contact today")
	var u *UI
	test.AssertNotificationSent(t, want, func() {
		u = newUI(a, store, inline(Options{Now: func() time.Time { return today }}))
	})
	t.Cleanup(u.win.Close)
	// Starting again the same day says nothing more.
	test.AssertNotificationSent(t, nil, func() {
		u2 := newUI(a, store, inline(Options{Now: func() time.Time { return today }}))
		u2.win.Close()
	})
}

func TestAtRiskFilter(t *testing.T) {
	store := newTestStore(t)
	risky := clientSince(t, store, "Ana Popescu", 400)
	if err := store.CreateComplaint(t.Context(), &model.Complaint{ClientID: risky.ID, OpenedOn: model.Day(today), What: "zip broke"}); err != nil {
		t.Fatal(err)
	}
	calm := clientSince(t, store, "Ion Rusu", 50)
	if err := store.LogContact(t.Context(), &model.Interaction{ClientID: calm.ID, At: today.AddDate(0, 0, -89), Channel: model.ContactCall}, nil); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	if _, listed := sectionOf(u, "Ion Rusu"); !listed {
		t.Fatal("Ion should be due before filtering")
	}
	test.Tap(u.due.riskOnly)
	if _, listed := sectionOf(u, "Ion Rusu"); listed {
		t.Error("the at-risk filter still lists Ion")
	}
	if _, listed := sectionOf(u, "Ana Popescu"); !listed {
		t.Error("the at-risk filter hides Ana, who has an open complaint")
	}
	test.Tap(u.due.riskOnly)
	if _, listed := sectionOf(u, "Ion Rusu"); !listed {
		t.Error("turning the filter off did not bring Ion back")
	}
}

func TestSavingAnOpenFormKeepsASnoozeMadeMeanwhile(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)
	u.openClient(c.ID)
	u.clients.page.editClient(u.clients.page.client)
	f := u.clients.page.form
	u.due.snooze(c.ID, model.Day(today).AddDate(0, 0, 7)) // from the check-ins, while the form is open
	test.Type(f.city, "Iași")
	test.Tap(f.save)
	got, _ := store.GetClient(t.Context(), c.ID)
	if got.City != "Iași" {
		t.Errorf("the edit was not saved: city %q", got.City)
	}
	if !got.Plan.SnoozedUntil.Equal(model.Day(today).AddDate(0, 0, 7)) {
		t.Errorf("saving the form undid the snooze: snoozed until %v", got.Plan.SnoozedUntil)
	}
}

// A due list longer than a page loads the rest as the owner scrolls: the
// last client is reachable, in the backlog, and the badge counts the
// day's list.
func TestLongDueListLoadsAsItScrolls(t *testing.T) {
	store := newTestStore(t)
	const n = 2*duePageRows + 37
	for i := range n {
		clientSince(t, store, fmt.Sprintf("Client %03d", i), 400)
	}
	u := newTestUI(t, store)
	if len(u.due.pages) != 1 {
		t.Errorf("%d pages loaded on opening, want only the first", len(u.due.pages))
	}
	if got, want := u.due.summary.Text, fmt.Sprintf("Done today: 0 of 15 · Backlog: %d", n-15); got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if u.dueTab.Text != "Today 15" {
		t.Errorf("navigation %q", u.dueTab.Text)
	}
	if first := u.due.item(dueLines(u)[1].item); first == nil || dueRowFor(u, first.Name) == nil {
		t.Fatal("the first client is not shown")
	}
	u.due.list.ScrollToBottom()
	u.due.list.Refresh()
	test.LaidOutObjects(u.due.list) // draws the bottom rows, which loads their page
	var last *dueRow
	if it := u.due.item(dueLines(u)[len(dueLines(u))-1].item); it != nil {
		last = dueRowFor(u, it.Name)
	}
	if last == nil {
		t.Fatal("scrolled to the bottom, the last client is not shown")
	}
	if last.why.Text == "" || last.log.Hidden {
		t.Errorf("the last row is not complete: why %q", last.why.Text)
	}
	test.Tap(last.log)
	tapSave(t, u)
	if got, want := u.due.summary.Text, fmt.Sprintf("Done today: 1 of 15 · Backlog: %d", n-15); got != want {
		t.Errorf("after logging a contact the summary says %q, want %q", got, want)
	}
}

// Open complaints come first under their own heading, and the badge keeps
// counting every client due while the at-risk filter is on.
func TestComplaintsHeadTheListAndFilterKeepsTheBadge(t *testing.T) {
	store := newTestStore(t)
	clientSince(t, store, "Ana Popescu", 400)
	upset := clientSince(t, store, "Ion Rusu", 400)
	if err := store.CreateComplaint(t.Context(), &model.Complaint{ClientID: upset.ID, OpenedOn: model.Day(today), What: "zip broke"}); err != nil {
		t.Fatal(err)
	}
	calm := clientSince(t, store, "Maria Ionescu", 50)
	if err := store.LogContact(t.Context(), &model.Interaction{ClientID: calm.ID, At: today.AddDate(0, 0, -48), Channel: model.ContactCall}, nil); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	var order []string
	for _, line := range dueLines(u) {
		if line.item < 0 {
			order = append(order, line.heading)
		} else {
			order = append(order, u.due.item(line.item).Name)
		}
	}
	want := []string{"Open complaints", "Ion Rusu", "Today", "Ana Popescu"}
	if len(order) < len(want) || strings.Join(order[:len(want)], "|") != strings.Join(want, "|") {
		t.Errorf("the list reads %q, want it to start %q", order, want)
	}
	badge := u.dueTab.Text
	test.Tap(u.due.riskOnly)
	if u.dueTab.Text != badge {
		t.Errorf("the filter changed the badge from %q to %q", badge, u.dueTab.Text)
	}
}

// A block heading is drawn lower than a client's row. When a contact
// moves the headings up the list, the line that held a heading before
// holds a client now, drawn at a client's height.
func TestRowsKeepTheirHeightAsHeadingsMove(t *testing.T) {
	store := newTestStore(t)
	for i := range 20 {
		clientSince(t, store, fmt.Sprintf("Client %02d", i), 400)
	}
	u := newTestUI(t, store)
	heading := -1
	for i, l := range dueLines(u) {
		if i > 0 && l.item < 0 {
			heading = i
			break
		}
	}
	if heading < 0 {
		t.Fatalf("one block only: %+v", dueLines(u))
	}
	first := u.due.item(dueLines(u)[1].item)
	if first == nil {
		t.Fatal("the first client is not loaded")
	}
	r := dueRowFor(u, first.Name)
	if r == nil {
		t.Fatal("the first client is not shown")
	}
	test.Tap(r.log)
	tapSave(t, u)
	if dueLines(u)[heading].item < 0 {
		t.Fatalf("line %d still holds a heading after the contact: %+v", heading, dueLines(u))
	}
	it := u.due.item(dueLines(u)[heading].item)
	if it == nil {
		t.Fatalf("line %d: its client is not loaded", heading)
	}
	u.due.list.ScrollTo(heading)
	u.due.list.Refresh()
	row := dueRowFor(u, it.Name)
	if row == nil {
		t.Fatalf("%s, on line %d, is not shown", it.Name, heading)
	}
	if got, want := row.Size().Height, row.MinSize().Height; got < want {
		t.Errorf("%s, on the line that held a heading, is drawn %.0f high, want at least %.0f", it.Name, got, want)
	}
}

// The view holds blocks, not a line a client: each line maps to its
// heading or its row's offset, in order, and nothing past the end.
func TestDueLinesFromBlocks(t *testing.T) {
	v := &dueView{}
	v.addBlock("Done", 0, true)
	v.addBlock("Empty", 0, false) // left out: no rows
	v.addBlock("Today", 2, false)
	v.addBlock("Backlog", 3, false)
	want := []dueLine{{"Done", -1}, {"Today", -1}, {"", 0}, {"", 1}, {"Backlog", -1}, {"", 2}, {"", 3}, {"", 4}}
	if v.lines != len(want) {
		t.Fatalf("%d lines, want %d", v.lines, len(want))
	}
	for i, w := range want {
		if got, ok := v.line(i); !ok || got != w {
			t.Errorf("line %d = %+v, %v; want %+v", i, got, ok, w)
		}
	}
	for _, id := range []int{-1, len(want), len(want) + 5} {
		if got, ok := v.line(id); ok {
			t.Errorf("line %d = %+v, want none", id, got)
		}
	}
}

// The promise-keeping score shows only once a promise has fallen due:
// before that the list starts right under the day's summary, with no
// blank line between.
func TestPromiseScoreShownOnceAPromiseFallsDue(t *testing.T) {
	store := newTestStore(t)
	c := clientSince(t, store, "Ana Popescu", 400)
	u := newTestUI(t, store)
	if u.due.score.Visible() {
		t.Fatalf("no promise yet, but the score line shows %q", u.due.score.Text)
	}
	p := &model.Promise{ClientID: c.ID, What: "call when the boots arrive", MadeOn: today.AddDate(0, 0, -5), DueBy: model.Day(today)}
	if err := store.CreatePromise(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	u.due.reload()
	r := dueRowFor(u, "Ana Popescu")
	if r == nil || !r.kept.Visible() {
		t.Fatal("a promise due today should be listed with a Promise kept button")
	}
	test.Tap(r.kept)
	if want := "Promises kept on time: 1 of 1 (90 days)"; !u.due.score.Visible() || u.due.score.Text != want {
		t.Errorf("score line visible %v, %q; want %q", u.due.score.Visible(), u.due.score.Text, want)
	}
}
