package gui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// press types Ctrl+key (Cmd+key on macOS) on the window, as the owner would.
func press(u *UI, key fyne.KeyName) {
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(shortcut(key))
}

// typeKey sends key to the focused input or, with none, to the window.
func typeKey(t *testing.T, u *UI, key fyne.KeyName) {
	t.Helper()
	ev := &fyne.KeyEvent{Name: key}
	c := u.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if c.OnTypedKey() == nil {
		t.Fatal("the window does not handle keys")
	}
	c.OnTypedKey()(ev)
}

// menuItems returns the labels of a menu's items, without separators.
func menuItems(m *fyne.Menu) []string {
	var labels []string
	for _, it := range m.Items {
		if !it.IsSeparator {
			labels = append(labels, it.Label)
		}
	}
	return labels
}

func TestMenuHasFileEditViewHelp(t *testing.T) {
	u := newTestUI(t, newTestStore(t))
	menu := u.win.MainMenu()
	if menu == nil {
		t.Fatal("the window has no main menu")
	}
	want := map[string][]string{
		"File": {"New client", "Import…", "Undo last import…", "Export everything…", "Export this list…", "Back up now",
			"Restore from backup…", "Find duplicates…", "Settings…", "Daily reminder…"},
		"Edit": {"Undo", "Find", "Log contact"},
		"View": {"Check-ins", "Clients", "Ladder", "Insights"},
		"Help": {"Help", "About Client Tracker"},
	}
	var got []string
	for _, m := range menu.Items {
		got = append(got, m.Label)
		if w := strings.Join(want[m.Label], "|"); strings.Join(menuItems(m), "|") != w {
			t.Errorf("%s menu = %q, want %q", m.Label, menuItems(m), want[m.Label])
		}
		for _, it := range m.Items {
			if !it.IsSeparator && it.Action == nil {
				t.Errorf("%s > %s does nothing", m.Label, it.Label)
			}
		}
	}
	if strings.Join(got, "|") != "File|Edit|View|Help" {
		t.Errorf("menus = %q, want File, Edit, View, Help", got)
	}

	shortcuts := map[string]fyne.KeyName{
		"New client": fyne.KeyN, "Export everything…": fyne.KeyE, "Settings…": fyne.KeyComma,
		"Undo": fyne.KeyZ, "Find": fyne.KeyF, "Log contact": fyne.KeyL,
		"Check-ins": fyne.Key1, "Clients": fyne.Key2, "Ladder": fyne.Key3, "Insights": fyne.Key4,
	}
	for _, m := range menu.Items {
		for _, it := range m.Items {
			key, ok := shortcuts[it.Label]
			if !ok {
				if it.Shortcut != nil {
					t.Errorf("%s has an unexpected shortcut %s", it.Label, it.Shortcut.ShortcutName())
				}
				continue
			}
			s, isCustom := it.Shortcut.(*desktop.CustomShortcut)
			if !isCustom || s.KeyName != key || s.Modifier != fyne.KeyModifierShortcutDefault {
				t.Errorf("%s shortcut = %#v, want Ctrl/Cmd+%s", it.Label, it.Shortcut, key)
			}
		}
	}
}

func TestShortcutNewClientOpensForm(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)

	press(u, fyne.KeyN)
	f := u.clients.page.form
	if f == nil || u.tabs.Selected() != u.clientsTab {
		t.Fatal("Ctrl+N did not open the new client form in the client book")
	}
	if u.win.Canvas().Focused() != f.name {
		t.Error("the cursor is not in the name field")
	}
}

func TestShortcutFindFocusesSearch(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	mustCreate(t, store, model.Client{Name: "Ion Rusu"})
	u := newTestUI(t, store)
	if u.tabs.Selected() != u.dueTab {
		t.Fatal("the app should start on the check-ins")
	}
	u.clients.search.SetText("old")

	press(u, fyne.KeyF)
	if u.tabs.Selected() != u.clientsTab {
		t.Error("Ctrl+F did not show the client book")
	}
	if u.win.Canvas().Focused() != u.clients.search {
		t.Fatal("Ctrl+F did not put the cursor in the search box")
	}
	if u.clients.search.SelectedText() != "old" {
		t.Errorf("the old search should be selected so typing replaces it; selected %q", u.clients.search.SelectedText())
	}
	test.Type(u.clients.search, "Ion")
	if got := listed(u); u.clients.search.Text != "Ion" || len(got) != 1 || got[0] != "Ion Rusu" {
		t.Errorf("typing Ion after Ctrl+F searched %q and lists %q", u.clients.search.Text, got)
	}
}

func TestShortcutsSwitchViews(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	press(u, fyne.Key3)
	if u.tabs.Selected() != u.ladderTab {
		t.Error("Ctrl+3 did not show the ladder")
	}
	press(u, fyne.Key2)
	if u.tabs.Selected() != u.clientsTab {
		t.Error("Ctrl+2 did not show the clients")
	}
	press(u, fyne.Key1)
	if u.tabs.Selected() != u.dueTab {
		t.Error("Ctrl+1 did not show the check-ins")
	}
}

func TestShortcutSettingsOpensSettings(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	press(u, fyne.KeyComma)
	if !strings.Contains(shownText(u), "Currency symbol") {
		t.Error("Ctrl+, did not show the settings")
	}
}

func TestShortcutLogContactForOpenClient(t *testing.T) {
	store := newTestStore(t)
	c := mustCreate(t, store, model.Client{Name: "Ana Popescu", Channel: model.ChannelMessage})
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)
	u.clients.selectRow(0)

	press(u, fyne.KeyL)
	if u.dialog == nil || !strings.Contains(shownText(u), "Log a contact with Ana Popescu") {
		t.Fatal("Ctrl+L did not open the log-contact dialog for the open client")
	}
	// Nothing to type in the common case: Enter saves with the client's
	// preferred channel.
	typeKey(t, u, fyne.KeyReturn)
	contacts, _ := store.ListInteractions(t.Context(), c.ID)
	if len(contacts) != 1 || contacts[0].Channel != model.ContactMessage {
		t.Fatalf("Enter stored %+v, want one message", contacts)
	}
	if u.dialog != nil {
		t.Error("the dialog stayed open after saving")
	}
}

func TestShortcutLogContactForSelectedCheckIn(t *testing.T) {
	store := newTestStore(t)
	clientSince(t, store, "Ana Popescu", 400)
	c := clientSince(t, store, "Ion Rusu", 400)
	u := newTestUI(t, store)
	for i, line := range dueLines(u) {
		if line.item < 0 {
			continue
		}
		if it := u.due.at(line.item); it != nil && it.Name == "Ion Rusu" {
			u.due.list.Select(i)
		}
	}
	press(u, fyne.KeyL)
	if !strings.Contains(shownText(u), "Log a contact with Ion Rusu") {
		t.Fatal("Ctrl+L did not open the log-contact dialog for the selected check-in")
	}
	tapSave(t, u)
	if contacts, _ := store.ListInteractions(t.Context(), c.ID); len(contacts) != 1 {
		t.Errorf("stored %d contacts for Ion, want 1", len(contacts))
	}
}

func TestShortcutLogContactWithoutClientSaysSo(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)
	press(u, fyne.KeyL)
	if u.dialog != nil {
		t.Fatal("a log-contact dialog opened with no client chosen")
	}
	if !strings.Contains(shownText(u), "Open a client first") {
		t.Error("Ctrl+L with no client chosen should say what to do")
	}
	typeKey(t, u, fyne.KeyEscape)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the message")
	}
}

func TestEscClosesDialogs(t *testing.T) {
	store := newTestStore(t)
	c := mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)
	u.clients.selectRow(0)

	press(u, fyne.KeyL)
	if u.dialog == nil {
		t.Fatal("no dialog to close")
	}
	typeKey(t, u, fyne.KeyEscape)
	if u.dialog != nil || u.win.Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the log-contact dialog")
	}
	if contacts, _ := store.ListInteractions(t.Context(), c.ID); len(contacts) != 0 {
		t.Errorf("Esc saved %+v", contacts)
	}

	// With the cursor in a field of the dialog: the field hands Esc to the
	// window, and nothing typed is saved.
	press(u, fyne.KeyL)
	summary := u.dialog.fields.field(model.FieldSummary).input.(*textEntry)
	u.win.Canvas().Focus(summary)
	test.Type(summary, "asked about boots")
	summary.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.dialog != nil || u.win.Canvas().Overlays().Top() != nil {
		t.Error("Esc in a text field did not close the log-contact dialog")
	}
	if contacts, _ := store.ListInteractions(t.Context(), c.ID); len(contacts) != 0 {
		t.Errorf("Esc from a field saved %+v", contacts)
	}

	for name, show := range map[string]func(){"About": u.showAbout, "Help": u.showHelp} {
		show()
		if u.win.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s did not open", name)
		}
		typeKey(t, u, fyne.KeyEscape)
		if u.win.Canvas().Overlays().Top() != nil {
			t.Errorf("Esc did not close %s", name)
		}
	}
}

func TestEnterSavesClientForm(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	press(u, fyne.KeyN)
	test.Type(u.win.Canvas().Focused(), "Ion Rusu")
	typeKey(t, u, fyne.KeyReturn)

	rows, _, _ := store.ListClients(t.Context(), model.ClientFilter{Search: "Ion"})
	if len(rows) != 1 || rows[0].Name != "Ion Rusu" {
		t.Fatalf("Enter in the form stored %v", rows)
	}
	if u.clients.page.form != nil {
		t.Error("the form stayed open after saving")
	}
}

func TestTabFollowsTheFormsOrder(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	press(u, fyne.KeyN)
	f := u.clients.page.form
	c := u.win.Canvas()
	for _, want := range []fyne.Focusable{f.phones, f.email, f.city, f.address, f.company, f.channel} {
		test.FocusNext(c)
		if c.Focused() != want {
			t.Fatalf("Tab went to %T, want the next field down (%T)", c.Focused(), want)
		}
	}
}

func TestAboutShowsVersionAndDatabase(t *testing.T) {
	store := newTestStore(t)
	a := test.NewTempApp(t)
	u := newUI(a, store, inline(Options{Now: func() time.Time { return today }, Version: "1.2.3"}))
	u.win.Resize(fyne.NewSize(1100, 720))
	u.showAbout()
	// The path wraps where it must: its pieces, put together, are the path.
	shown := shownText(u) + strings.Join(shownTexts(u.win.Canvas().Overlays().Top()), "")
	for _, want := range []string{"Version 1.2.3", store.Path(), "Noto", "SIL Open Font License"} {
		if !strings.Contains(shown, want) {
			t.Errorf("About does not show %q", want)
		}
	}
}

func TestWindowSizeIsRemembered(t *testing.T) {
	store := newTestStore(t)
	a := test.NewTempApp(t)
	opts := Options{Now: func() time.Time { return today }}
	u := newUI(a, store, inline(opts))
	if got := u.win.Canvas().Size(); got != defaultWindowSize {
		t.Errorf("first start: window is %v, want %v", got, defaultWindowSize)
	}
	u.win.Resize(fyne.NewSize(1280, 800))
	u.win.Close()

	again := newUI(a, store, inline(opts))
	t.Cleanup(again.win.Close)
	if got := again.win.Canvas().Size(); got != fyne.NewSize(1280, 800) {
		t.Errorf("next start: window is %v, want the size it was closed at", got)
	}
}

// fakePlacer stands in for the platform's window placement, which the test
// driver has none of: a window at x, y on a screen of the given size.
type fakePlacer struct {
	x, y          int
	width, height int
	moves         [][2]int
}

func (p *fakePlacer) Position(fyne.Window) (int, int, bool) { return p.x, p.y, true }

func (p *fakePlacer) Move(_ fyne.Window, x, y int) bool {
	if x < 0 || y < 0 || x >= p.width || y >= p.height {
		return false
	}
	p.x, p.y = x, y
	p.moves = append(p.moves, [2]int{x, y})
	return true
}

func TestWindowPositionIsRemembered(t *testing.T) {
	store := newTestStore(t)
	a := test.NewTempApp(t)
	placer := &fakePlacer{x: 200, y: 150, width: 1920, height: 1080}
	opts := Options{Now: func() time.Time { return today }, Placer: placer}
	u := newUI(a, store, inline(opts))
	u.Show()
	if len(placer.moves) != 0 {
		t.Errorf("first start moved the window to %v; the system should place it", placer.moves)
	}
	placer.x, placer.y = 340, 95 // the owner drags the window there
	u.win.Resize(fyne.NewSize(1200, 760))
	u.win.Close()

	placer.x, placer.y = 0, 0 // where the system would open it
	again := newUI(a, store, inline(opts))
	again.Show()
	if want := [][2]int{{340, 95}}; !reflect.DeepEqual(placer.moves, want) {
		t.Errorf("next start moved the window %v, want %v", placer.moves, want)
	}
	if got := again.win.Canvas().Size(); got != fyne.NewSize(1200, 760) {
		t.Errorf("next start: window is %v, want the size it was closed at", got)
	}

	// A smaller screen now (a monitor unplugged): the placer refuses the
	// spot and the window opens where the system puts it, at the same size.
	placer.x, placer.y = 1700, 900
	again.win.Close()
	small := &fakePlacer{width: 1366, height: 768}
	third := newUI(a, store, inline(Options{Now: opts.Now, Placer: small}))
	third.Show()
	t.Cleanup(third.win.Close)
	if small.x != 0 || small.y != 0 || len(small.moves) != 0 {
		t.Errorf("the window was moved off the smaller screen: %v", small.moves)
	}
	if got := third.win.Canvas().Size(); got != fyne.NewSize(1200, 760) {
		t.Errorf("window is %v after a refused move, want 1200x760", got)
	}
}

// TestViewsFitSmallWindow keeps every view usable in a 1024x700 window (a
// small laptop): no view may ask for more room than that leaves, or the
// window grows past the screen and cuts its right side off.
func TestViewsFitSmallWindow(t *testing.T) {
	u := newTestUI(t, newTestStore(t))
	u.welcome.onSample()
	// Room left by the window's padding and, on Windows and Linux, the menu bar.
	room := fyne.NewSize(1024-16, 700-48)
	check := func(view string) {
		t.Helper()
		if m := u.win.Content().MinSize(); m.Width > room.Width || m.Height > room.Height {
			t.Errorf("%s needs %v, more than a 1024x700 window has", view, m)
		}
	}
	press(u, fyne.Key1)
	check("check-ins")
	press(u, fyne.Key3)
	check("ladder")
	press(u, fyne.Key2)
	u.clients.selectRow(0)
	check("client page")
	press(u, fyne.KeyN)
	check("client form")
}
