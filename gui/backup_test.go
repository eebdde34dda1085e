package gui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

func TestBackupNowSaysWhere(t *testing.T) {
	store := newMemStore(today)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	u.backupNow()
	bs, _ := store.Backups(t.Context())
	if len(bs) != 1 {
		t.Fatalf("%d backups made, want 1", len(bs))
	}
	if shown := shownText(u); !strings.Contains(shown, "A copy of the client book was saved as:") || !strings.Contains(shown, bs[0].Path) {
		t.Error("the owner is not told where the backup copy is")
	}
}

func TestRestoreAsksThenReloads(t *testing.T) {
	store := newMemStore(today)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	store.data.backups = []model.BackupInfo{
		{Path: "/tmp/shop/backups/clients-2026-11-20.db", Day: day(20), Size: 2 << 20},
		{Path: "/tmp/shop/backups/clients-2026-11-22.db", Day: day(22), Size: 40 << 10},
	}
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)

	v := u.openRestore()
	if len(v.backups) != 2 || !v.backups[0].Day.Equal(day(22)) {
		t.Fatalf("backups listed %+v, want the newest first", v.backups)
	}
	shown := shownText(u)
	for _, want := range []string{"22 Nov 2026", "40 KB", "2.0 MB", "Choose another file…"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the backup list does not show %q", want)
		}
	}
	if !v.restore.Disabled() {
		t.Error("Restore is offered before a backup is chosen")
	}
	v.list.Select(0)
	test.Tap(v.restore)
	if !strings.Contains(shownText(u), "Restore the backup of 22 Nov 2026?") || !strings.Contains(shownText(u), "kept as a copy") {
		t.Fatal("restoring does not first say what happens")
	}
	if store.data.restored != "" {
		t.Fatal("restored before the owner confirmed")
	}
	// What the backup holds: a client the current book does not list yet.
	mustCreate(t, store, model.Client{Name: "Zara Ali"})
	tapButton(t, u, "Restore")
	if store.data.restored != "/tmp/shop/backups/clients-2026-11-22.db" {
		t.Fatalf("restored %q", store.data.restored)
	}
	if got := listed(u); len(got) != 2 {
		t.Errorf("after restoring the list shows %q; the views were not read again", got)
	}
	if !strings.Contains(shownText(u), "/tmp/shop/clients-before-restore.db") {
		t.Error("the owner is not told where the book as it was is kept")
	}
}

func TestRestoreFailureSaysNothingChanged(t *testing.T) {
	store := newMemStore(today)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	store.data.backups = []model.BackupInfo{{Path: "/tmp/shop/backups/clients-2026-11-22.db", Day: today}}
	u := newTestUI(t, store)
	v := u.openRestore()
	v.list.Select(0)
	test.Tap(v.restore)
	store.failNext = errors.New("file is not a database")
	tapButton(t, u, "Restore")
	if !strings.Contains(shownText(u), "Could not restore the backup. The client book was not changed.") {
		t.Error("a failed restore is not explained")
	}
}

func TestReadOnlyBanner(t *testing.T) {
	const banner = "Read-only: this book is open in another window. Changes cannot be saved here."
	store := newMemStore(today)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	if u.readOnlyBanner() != nil || strings.Contains(shownText(u), banner) {
		t.Error("a writable book shows the read-only banner")
	}

	store.data.readOnly = true
	u = newTestUI(t, store)
	if !strings.Contains(shownText(u), banner) {
		t.Fatal("a read-only book does not say so")
	}
	u.showClients()
	if !strings.Contains(shownText(u), banner) {
		t.Error("the banner went away when the view changed")
	}
	if u.openRestore() != nil {
		t.Error("restore offered in a read-only window")
	}
}

// foreground brings the window to the front, as the desktop would.
func foreground(t *testing.T, a fyne.App) {
	t.Helper()
	lc, ok := a.Lifecycle().(interface{ OnEnteredForeground() func() })
	if !ok || lc.OnEnteredForeground() == nil {
		t.Fatal("the window does not watch for coming to the front")
	}
	lc.OnEnteredForeground()()
}

func TestFocusReloadsWhenAnotherWindowChangedTheBook(t *testing.T) {
	store := newMemStore(today)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)

	mustCreate(t, store, model.Client{Name: "Zara Ali"}) // written by this window's own code path
	foreground(t, u.app)
	if got := listed(u); len(got) != 1 {
		t.Errorf("reloaded although the data version did not change: %q", got)
	}
	store.data.version++ // another window committed
	foreground(t, u.app)
	if got := listed(u); len(got) != 2 {
		t.Errorf("after another window changed the book, the list shows %q", got)
	}
}

func TestFocusOnWelcomeOpensTheBook(t *testing.T) {
	store := newMemStore(today)
	u := newTestUI(t, store)
	if u.view != u.welcome.content {
		t.Fatal("an empty book should open on the welcome screen")
	}
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	store.data.version++
	foreground(t, u.app)
	if u.view != u.tabs {
		t.Error("clients added in another window do not replace the welcome screen")
	}
}

// TestDamagedBookOffersNewestBackup: the check run after the window opened
// found damage; the window says so and restores the newest copy once the
// owner confirms, or lets them keep working.
func TestDamagedBookOffersNewestBackup(t *testing.T) {
	store := newMemStore(today)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	store.data.backups = []model.BackupInfo{
		{Path: "/tmp/shop/backups/clients-2026-11-22.db", Day: day(22)},
		{Path: "/tmp/shop/backups/clients-2026-11-20.db", Day: day(20)},
	}
	u := newTestUI(t, store)
	problems := []string{"Tree 7 page 12: btree page has wrong parent", "row 3 missing from index clients_by_name"}

	v := u.openDamaged(problems)
	shown := shownText(u)
	for _, want := range []string{"The client book is damaged", "btree page has wrong parent", "missing from index", "Changes made after 22 Nov 2026"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the damage dialog does not show %q", want)
		}
	}
	if v.restore == nil || v.restore.Text != "Restore the backup of 22 Nov 2026" {
		t.Fatalf("restore button %v, want the newest backup offered", v.restore)
	}
	test.Tap(v.restore)
	if store.data.restored != "" {
		t.Fatal("restored before the owner confirmed")
	}
	tapButton(t, u, "Restore")
	if store.data.restored != "/tmp/shop/backups/clients-2026-11-22.db" {
		t.Fatalf("restored %q, want the newest backup", store.data.restored)
	}

	// Without backups: the dialog says there is none and only closes.
	store.data.backups = nil
	v = u.openDamaged(problems)
	if v.restore != nil || !strings.Contains(shownText(u), "There is no backup copy to restore") {
		t.Error("without a backup the dialog still offers one")
	}
	test.Tap(v.keep)
	if strings.Contains(shownText(u), "There is no backup copy to restore") {
		t.Error("Keep working does not close the dialog")
	}
}
