package gui

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// nov is a day of November 2026 at noon, the day of a backup.
func nov(d int) time.Time { return time.Date(2026, 11, d, 12, 0, 0, 0, time.UTC) }

// mustBackupOn makes the daily backup the store would have made on day, of
// the book as it is now, and returns its path.
func (s *testStore) mustBackupOn(t *testing.T, day time.Time) string {
	t.Helper()
	path, made, err := s.AutoBackup(t.Context(), day)
	if err != nil || !made {
		t.Fatalf("backup of %s: made %v, %v", model.FormatDate(day), made, err)
	}
	return path
}

func TestBackupNowSaysWhere(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	u.backupNow()
	bs, _ := store.Backups(t.Context())
	if len(bs) != 1 {
		t.Fatalf("%d backups made, want 1", len(bs))
	}
	if _, err := os.Stat(bs[0].Path); err != nil {
		t.Fatalf("the backup listed is not there: %v", err)
	}
	shown := shownText(u) + strings.Join(shownTexts(u.win.Canvas().Overlays().Top()), "")
	if !strings.Contains(shown, "A copy of the client book was saved as:") || !strings.Contains(shown, bs[0].Path) {
		t.Error("the owner is not told where the backup copy is")
	}
}

func TestRestoreAsksThenReloads(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	store.mustBackupOn(t, nov(20))
	zara := mustCreate(t, store, model.Client{Name: "Zara Ali"})
	store.mustBackupOn(t, nov(22))
	if err := store.DeleteClient(t.Context(), zara.ID); err != nil { // a mistake the backup undoes
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)
	if got := listed(u); len(got) != 1 {
		t.Fatalf("before restoring the list shows %q", got)
	}

	v := u.openRestore()
	if len(v.backups) != 2 || !v.backups[0].Day.Equal(model.Day(nov(22))) {
		t.Fatalf("backups listed %+v, want the newest first", v.backups)
	}
	shown := shownText(u)
	for _, want := range []string{"22 Nov 2026", "20 Nov 2026", "KB", "Choose another file…"} {
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
	if n, _ := store.CountClients(t.Context()); n != 1 {
		t.Fatal("restored before the owner confirmed")
	}
	tapButton(t, u, "Restore")
	if n, _ := store.CountClients(t.Context()); n != 2 {
		t.Fatalf("after restoring the book holds %d clients, want the backup's 2", n)
	}
	if got := listed(u); len(got) != 2 {
		t.Errorf("after restoring the list shows %q; the views were not read again", got)
	}
	shown = shownText(u) + strings.Join(shownTexts(u.win.Canvas().Overlays().Top()), "")
	var kept []string
	filepath.WalkDir(filepath.Dir(store.Path()), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(shown, p) && p != store.Path() {
			kept = append(kept, p)
		}
		return nil
	})
	if len(kept) != 1 || !strings.Contains(shown, "The book as it was before is kept") {
		t.Errorf("the owner is not told where the book as it was is kept: %q", shownTexts(u.win.Canvas().Overlays().Top()))
	}
}

func TestRestoreFailureSaysNothingChanged(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	backup := store.mustBackupOn(t, nov(22))
	if err := os.WriteFile(backup, []byte("file is not a database"), 0o600); err != nil { // damaged since
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	v := u.openRestore()
	v.list.Select(0)
	test.Tap(v.restore)
	tapButton(t, u, "Restore")
	if !strings.Contains(shownText(u), "Could not restore the backup. The client book was not changed.") {
		t.Error("a failed restore is not explained")
	}
	if n, err := store.CountClients(t.Context()); err != nil || n != 1 {
		t.Errorf("after a failed restore the book holds %d clients (%v)", n, err)
	}
}

func TestReadOnlyBanner(t *testing.T) {
	const banner = "Read-only: this book is open in another window. Changes cannot be saved here."
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	if u.readOnlyBanner() != nil || strings.Contains(shownText(u), banner) {
		t.Error("a writable book shows the read-only banner")
	}

	u = newTestUI(t, store.readOnlyTwin(t))
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
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	u.tabs.Select(u.clientsTab)

	gen := u.clients.gen
	foreground(t, u.app)
	if u.clients.gen != gen {
		t.Error("coming to the front read the list again although nothing changed")
	}
	other := store.twin(t) // another window on the same book
	mustCreate(t, other, model.Client{Name: "Zara Ali"})
	foreground(t, u.app)
	if got := listed(u); len(got) != 2 {
		t.Errorf("after another window changed the book, the list shows %q", got)
	}
}

func TestFocusOnWelcomeOpensTheBook(t *testing.T) {
	store := newTestStore(t)
	u := newTestUI(t, store)
	if u.view != u.welcome.content {
		t.Fatal("an empty book should open on the welcome screen")
	}
	mustCreate(t, store.twin(t), model.Client{Name: "Ana Popescu"})
	foreground(t, u.app)
	if u.view != u.tabs {
		t.Error("clients added in another window do not replace the welcome screen")
	}
}

// TestDamagedBookOffersNewestBackup: the check run after the window opened
// found damage; the window says so and restores the newest copy once the
// owner confirms, or lets them keep working.
func TestDamagedBookOffersNewestBackup(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	store.mustBackupOn(t, nov(20))
	mustCreate(t, store, model.Client{Name: "Zara Ali"})
	store.mustBackupOn(t, nov(22))
	mustCreate(t, store, model.Client{Name: "Ion Rusu"}) // after the last backup
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
	if n, _ := store.CountClients(t.Context()); n != 3 {
		t.Fatal("restored before the owner confirmed")
	}
	tapButton(t, u, "Restore")
	if n, _ := store.CountClients(t.Context()); n != 2 {
		t.Fatalf("the book holds %d clients, want the newest backup's 2", n)
	}

	// Without backups: the dialog says there is none and only closes.
	bare := newTestStore(t)
	mustCreate(t, bare, model.Client{Name: "Ana Popescu"})
	u = newTestUI(t, bare)
	v = u.openDamaged(problems)
	if v.restore != nil || !strings.Contains(shownText(u), "There is no backup copy to restore") {
		t.Error("without a backup the dialog still offers one")
	}
	test.Tap(v.keep)
	if strings.Contains(shownText(u), "There is no backup copy to restore") {
		t.Error("Keep working does not close the dialog")
	}
}
