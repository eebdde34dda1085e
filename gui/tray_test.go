package gui

import (
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clienttracker/gui/autostart"
	"clienttracker/model"
)

// newReminderUI is a window over a book with one client who was promised
// a call today: one client to contact, one promise due.
func newReminderUI(t *testing.T, now time.Time, opts Options) (*UI, *testStore) {
	t.Helper()
	s := newTestStoreAt(t, now)
	c := mustCreate(t, s, model.Client{Name: "Ioana Popescu"})
	day := model.Day(now)
	if err := s.CreatePromise(t.Context(), &model.Promise{ClientID: c.ID, What: "call when the boots arrive",
		MadeOn: day.AddDate(0, 0, -3), DueBy: day}); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	opts.Now = func() time.Time { return now }
	u := newUI(a, s, inline(opts))
	u.win.Resize(fyne.NewSize(1100, 720))
	u.win.Show()
	t.Cleanup(u.win.Close)
	return u, s
}

func TestReminderSentOnceAtTheHour(t *testing.T) {
	now := time.Date(2026, 11, 23, 8, 30, 0, 0, time.Local)
	u, _ := newReminderUI(t, now, Options{})
	prefs := u.app.Preferences()
	prefs.SetBool(prefKeepInTray, true)
	prefs.SetInt(prefReminderHour, 9)
	prefs.SetString(prefLastReminder, "2026-11-22")

	// Before the hour: nothing.
	test.AssertNotificationSent(t, nil, u.checkReminder)

	// At the hour: the day's news, once.
	now = now.Add(30 * time.Minute)
	u.now = func() time.Time { return now }
	want := fyne.NewNotification("Client Tracker", "1 client to contact today; 1 promise due")
	test.AssertNotificationSent(t, want, u.checkReminder)
	if got := prefs.String(prefLastReminder); got != "2026-11-23" {
		t.Errorf("last reminder = %q, want today", got)
	}
	now = now.Add(3 * time.Hour)
	test.AssertNotificationSent(t, nil, u.checkReminder)

	// The next morning again.
	now = now.Add(21 * time.Hour)
	test.AssertNotificationSent(t, want, u.checkReminder)
}

func TestReminderOffSendsNothing(t *testing.T) {
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.Local)
	u, _ := newReminderUI(t, now, Options{})
	u.app.Preferences().SetBool(prefKeepInTray, false)
	test.AssertNotificationSent(t, nil, u.checkReminder)
}

func TestReminderText(t *testing.T) {
	for _, tt := range []struct {
		n    model.DailyNews
		want string
	}{
		{model.DailyNews{Clients: 15, Promises: 2}, "15 clients to contact today; 2 promises due"},
		{model.DailyNews{Clients: 1}, "1 client to contact today"},
		{model.DailyNews{Promises: 1}, "1 promise due"},
	} {
		if got := reminderText(tt.n); got != tt.want {
			t.Errorf("reminderText(%+v) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestTrayMenuOpensCheckIns uses the tray menu as the owner does after
// closing the window to the tray: "Open check-ins" brings back the list.
func TestTrayMenuOpensCheckIns(t *testing.T) {
	u, _ := newReminderUI(t, today, Options{})
	menu := u.trayMenu()
	if got := menuItems(menu); len(got) != 2 || got[0] != "Open check-ins" || got[1] != "Daily reminder…" {
		t.Fatalf("tray menu = %q", got)
	}
	u.tabs.Select(u.clientsTab)
	u.app.Preferences().SetBool(prefKeepInTray, true)
	u.trayShown = true // the test app has no tray; the real one sets it
	u.onCloseWindow()
	menu.Items[0].Action()
	if u.tabs.Selected() != u.dueTab {
		t.Errorf("Open check-ins shows %q, want the check-ins", u.tabs.Selected().Text)
	}
	if got := u.due.today; got != 1 {
		t.Errorf("the check-ins list %d clients for today, want 1", got)
	}
}

// TestLaterLaunchBringsTheWindowBack is the owner opening the app from its
// shortcut while it runs: from the tray, the window comes back on the
// check-ins, as a new start shows it; already up, it stays where the
// owner is.
func TestLaterLaunchBringsTheWindowBack(t *testing.T) {
	u, _ := newReminderUI(t, today, Options{})
	u.Show()
	u.tabs.Select(u.clientsTab)
	u.app.Preferences().SetBool(prefKeepInTray, true)
	u.trayShown = true // the test app has no tray; the real one sets it
	u.onCloseWindow()
	if u.winShown {
		t.Fatal("closing to the tray left the window marked as up")
	}
	u.bringToFront()
	if !u.winShown {
		t.Error("the window did not come back")
	}
	if u.tabs.Selected() != u.dueTab {
		t.Errorf("back from the tray on %q, want the check-ins", u.tabs.Selected().Text)
	}
	if got := u.due.today; got != 1 {
		t.Errorf("the check-ins list %d clients for today, want 1", got)
	}

	u.tabs.Select(u.clientsTab)
	u.bringToFront()
	if u.tabs.Selected() != u.clientsTab {
		t.Errorf("a window already up moved to %q; the owner was on the clients", u.tabs.Selected().Text)
	}
}

// TestNewDayReadsTheListAgain leaves the window open overnight: the next
// morning's tick shows the new day's list without the owner doing
// anything. The client was promised a call two days on: not on the list
// the first day, on it the day the promise falls due.
func TestNewDayReadsTheListAgain(t *testing.T) {
	now := time.Date(2026, 11, 23, 18, 0, 0, 0, time.Local)
	s := newTestStoreAt(t, now)
	c := mustCreate(t, s, model.Client{Name: "Ioana Popescu"})
	if err := s.CreatePromise(t.Context(), &model.Promise{ClientID: c.ID, What: "call when the boots arrive",
		MadeOn: model.Day(now), DueBy: model.Day(now).AddDate(0, 0, 2)}); err != nil {
		t.Fatal(err)
	}
	if err := s.LogContact(t.Context(), &model.Interaction{ClientID: c.ID, Channel: model.ContactChannel("call"), At: now.Add(-time.Hour)}, nil); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	u := newUI(a, s, inline(Options{Now: func() time.Time { return now }}))
	u.win.Resize(fyne.NewSize(1100, 720))
	u.Show()
	t.Cleanup(u.win.Close)
	if u.due.today != 0 {
		t.Fatalf("%d clients on the first day's list, want none", u.due.today)
	}

	now = now.Add(6 * time.Hour) // past midnight: nothing due yet
	s.setNow(now)
	u.checkDay()
	if u.due.today != 0 {
		t.Fatalf("%d clients on the next day's list, want none", u.due.today)
	}
	now = now.Add(24 * time.Hour)
	s.setNow(now)
	if u.due.today != 0 {
		t.Fatal("the list changed before the window looked at the day")
	}
	u.checkDay()
	if u.due.today != 1 {
		t.Errorf("%d clients on the list the day the promise falls due, want 1", u.due.today)
	}
}

// TestNewDayBacksTheBookUp keeps the window open across midnight, as the
// app waiting in the tray does for days: the new day gets its own check
// and automatic backup, as a start would give it.
func TestNewDayBacksTheBookUp(t *testing.T) {
	var clock atomic.Int64
	clock.Store(time.Date(2026, 11, 23, 18, 0, 0, 0, time.Local).UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	path := filepath.Join(t.TempDir(), "shop.db")
	books := testBooks("en-US", now)
	store, err := books.Open(t.Context(), path, false)
	if err != nil {
		t.Fatal(err)
	}
	mustCreate(t, store, model.Client{Name: "Ioana Popescu"})
	if err := store.(io.Closer).Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Start(test.NewTempApp(t), books, StartOptions{Path: path, Inline: true, Now: now})
	t.Cleanup(s.Close)
	if err != nil || s.UI() == nil {
		t.Fatalf("the book did not open: %v", err)
	}
	backups := func() int {
		t.Helper()
		s.checks.Wait() // the check behind the window, then the backup
		list, err := s.store.(backupStore).Backups(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	if n := backups(); n != 1 {
		t.Fatalf("%d backups after the start, want today's", n)
	}
	s.UI().checkDay() // the minute's tick, later the same day
	if n := backups(); n != 1 {
		t.Fatalf("%d backups later the same day, want still one", n)
	}
	clock.Add(int64(24 * time.Hour))
	s.UI().checkDay()
	if n := backups(); n != 2 {
		t.Errorf("%d backups the next day, want one for each day", n)
	}
}

// TestReminderDialogInstallsAndRemovesAutostart turns the option on and
// off in the dialog and looks at the login entry it writes and removes.
func TestReminderDialogInstallsAndRemovesAutostart(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	app := autostart.App{ID: "app.clienttracker.desktop", Name: "Client Tracker", Exe: "/opt/clienttracker", Args: []string{"--background"}}
	entry := filepath.Join(cfg, "autostart", "app.clienttracker.desktop.desktop")
	u, _ := newReminderUI(t, today, Options{Autostart: app})
	u.app.Preferences().SetBool(prefKeepInTray, false)

	setReminder := func(on bool, hour string) {
		t.Helper()
		u.showReminderSettings()
		var check *widget.Check
		var sel *widget.Select
		for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
			switch w := o.(type) {
			case *widget.Check:
				check = w
			case *widget.Select:
				sel = w
			}
		}
		if check == nil || sel == nil {
			t.Fatal("the dialog has no check box or hour")
		}
		if check.Checked != on {
			test.Tap(check)
		}
		sel.SetSelected(hour)
		tapButton(t, u, "Save")
	}

	setReminder(true, "07:00")
	if _, err := os.Stat(entry); err != nil {
		t.Fatalf("turning the option on wrote no login entry: %v", err)
	}
	if got := u.reminder().Hour; got != 7 || !u.keepInTray() {
		t.Errorf("saved hour %d, keep %v; want 7, true", got, u.keepInTray())
	}
	setReminder(false, "07:00")
	if _, err := os.Stat(entry); !os.IsNotExist(err) {
		t.Errorf("turning the option off left %s (%v)", entry, err)
	}
	if u.keepInTray() {
		t.Error("the option is still on")
	}
}
