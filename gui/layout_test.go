package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// smallWindow is the smallest window the app is laid out for: a 1024x768
// laptop screen less the taskbar.
var smallWindow = fyne.NewSize(1024, 700)

// openBookIn opens a real book in a temporary folder whose window speaks
// language tag, filled with n sample clients (none for an empty book).
func openBookIn(t *testing.T, tag string, n int) (*UI, realDB) {
	t.Helper()
	return openBookThemed(t, tag, model.ThemeLight, n)
}

// openBookThemed is openBookIn with the window in theme (model.Theme*).
func openBookThemed(t *testing.T, tag, theme string, n int) (*UI, realDB) {
	t.Helper()
	ctx := context.Background()
	store := openRealDB(t, filepath.Join(t.TempDir(), "clients.db"), "en-US", nil, false)
	set, err := store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Language, set.Theme = tag, theme
	set.HomeCountry = "AM"
	if err := store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if n > 0 {
		day := model.Day(today)
		if _, err := store.InsertRecords(ctx, model.SampleRecords(n, day.Unix(), day), nil); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		if err := loadTranslations("en"); err != nil {
			t.Error(err)
		}
	})
	a := test.NewTempApp(t)
	u := newUI(a, store, inline(Options{Now: func() time.Time { return today }, SampleSize: 40}))
	u.win.Resize(smallWindow)
	u.win.Show()
	t.Cleanup(u.win.Close)
	return u, store
}

// checkLayout fails the test for every broken layout on the window now.
func checkLayout(t *testing.T, u *UI, what string) {
	t.Helper()
	c := u.win.Canvas()
	// Lay out what changed since the last frame, as the window would.
	c.Content().Refresh()
	for _, o := range c.Overlays().List() {
		o.Refresh()
	}
	problems := layoutProblems(c, smallWindow)
	const most = 6
	for i, p := range problems {
		if i == most {
			t.Errorf("%s: and %d more", what, len(problems)-most)
			break
		}
		t.Errorf("%s: %s", what, p)
	}
}

// closeOverlays closes every dialog and menu.
func closeOverlays(u *UI) {
	for u.win.Canvas().Overlays().Top() != nil {
		u.win.Canvas().Overlays().Top().Hide()
		u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	}
	u.dialog = nil
}

// Every view and dialog fits a 1024x700 window in every language: no
// button or label is cut off or leaves its container, nothing overlaps,
// no page scrolls sideways and no tab hides behind "…".
func TestLayoutHoldsInEveryLanguage(t *testing.T) {
	for _, l := range languages {
		t.Run(l.tag, func(t *testing.T) {
			u, _ := openBookIn(t, l.tag, 40)
			if shownLanguage() != l.tag {
				t.Fatalf("the window speaks %q, want %q", shownLanguage(), l.tag)
			}
			checkEveryView(t, u)
		})
	}
}

// The dark theme draws the same widgets with other colours and sizes; in
// Georgian, whose words run longest, it fits too. (One language keeps the
// test's time down under -race.)
func TestLayoutHoldsInTheDarkTheme(t *testing.T) {
	for _, tag := range []string{"ka"} {
		t.Run(tag, func(t *testing.T) {
			u, _ := openBookThemed(t, tag, model.ThemeDark, 40)
			if !isDark(u) {
				t.Fatal("the window is not dark")
			}
			checkEveryView(t, u)
		})
	}
}

// The welcome screen of an empty book fits too.
func TestLayoutHoldsOnAnEmptyBook(t *testing.T) {
	for _, l := range languages {
		t.Run(l.tag, func(t *testing.T) {
			u, _ := openBookIn(t, l.tag, 0)
			checkLayout(t, u, "welcome")
		})
	}
}

// checkEveryView opens each view and dialog in turn and checks its layout.
func checkEveryView(t *testing.T, u *UI) {
	t.Helper()
	u.tabs.Select(u.dueTab)
	checkLayout(t, u, "check-ins")
	if it := u.due.item(0); it != nil {
		u.showReachMenu(it.ClientID, it.Reasons, u.due.list, nil)
		checkLayout(t, u, "contact menu of a check-in")
		closeOverlays(u)
	}

	u.tabs.Select(u.clientsTab)
	checkLayout(t, u, "client book")
	// The client with the most recorded: the longest page.
	u.clients.selectRow(busiestRow(u))
	p := u.clients.page
	if p.client == nil {
		t.Fatal("selecting a client opened no page")
	}
	checkLayout(t, u, "client page of "+p.client.Name)
	if len(p.reachButtons) > 0 {
		recordLinks(u)
		test.Tap(p.reachButtons[0])
		checkLayout(t, u, "log this contact?")
		closeOverlays(u)
	}

	p.editPurchase(nil)
	checkLayout(t, u, "purchase dialog")
	// The validation messages must push the buttons down, not sit under them.
	fs := topDialogFields(t, u)
	for _, f := range fs {
		if e, ok := f.input.(*dateField); ok {
			e.SetText("31.02.2026")
		}
		if e, ok := f.input.(*textEntry); ok {
			e.SetText(strings.Repeat("x", 300))
		}
	}
	test.Tap(u.dialog.save)
	checkLayout(t, u, "purchase dialog with its messages")
	closeOverlays(u)

	p.editPreference(nil)
	checkLayout(t, u, "preference dialog")
	closeOverlays(u)
	p.editPromise(nil)
	checkLayout(t, u, "promise dialog")
	closeOverlays(u)
	p.editComplaint(nil)
	checkLayout(t, u, "complaint dialog")
	closeOverlays(u)
	p.markLost()
	checkLayout(t, u, "lost dialog")
	closeOverlays(u)
	u.logContact(p.client.ID, p.client.Name, p.client.Channel, nil)
	checkLayout(t, u, "log contact dialog")
	closeOverlays(u)
	p.editClient(p.client)
	checkLayout(t, u, "client form")
	p.closeForm()

	u.tabs.Select(u.ladderTab)
	checkLayout(t, u, "ladder")
	u.tabs.Select(u.insightsTab)
	checkLayout(t, u, "insights")

	v := u.openSettings()
	for _, tab := range v.tabs.Items {
		v.tabs.Select(tab)
		checkLayout(t, u, "settings: "+tab.Text)
	}
	closeOverlays(u)
	u.showOwed()
	checkLayout(t, u, "who owes me")
	closeOverlays(u)
	u.showLostReport()
	checkLayout(t, u, "why clients left")
	closeOverlays(u)

	// Outlook's file: the most columns to match.
	iv := u.importFile("../testdata/import/outlook.csv")
	if iv == nil || u.view != iv.content {
		t.Fatalf("the import screen did not open (last error %v)", u.lastErr)
	}
	checkLayout(t, u, "import: match the columns")
	test.Tap(iv.checkBtn)
	checkLayout(t, u, "import: check the rows")
	iv.onCancel()
}

// busiestRow is the row of the client book with the most purchases.
func busiestRow(u *UI) int {
	best, most := 0, -1
	for i := 0; i < u.clients.length(); i++ {
		if c := u.clients.row(i); c != nil && c.Summary.Count > most {
			best, most = i, c.Summary.Count
		}
	}
	return best
}

// The check finds what it is for: a row of buttons wider than the window,
// a container squeezed below its size, and two objects on top of each
// other.
func TestLayoutCheckCatchesBrokenLayouts(t *testing.T) {
	u, _ := openBookIn(t, "en", 0)
	var buttons []fyne.CanvasObject
	for i := range 12 {
		buttons = append(buttons, widget.NewButton(fmt.Sprintf("A long button number %d", i), nil))
	}
	u.setContent(container.NewHBox(buttons...))
	if got := layoutProblems(u.win.Canvas(), smallWindow); len(got) == 0 {
		t.Error("twelve long buttons in a row fit a 1024 window, says the check")
	}
	a, b := widget.NewLabel("Tamar"), widget.NewLabel("Ana")
	u.setContent(container.NewVBox(a, b))
	u.win.Resize(smallWindow)
	b.Move(a.Position().AddXY(10, 5))
	if got := strings.Join(layoutProblems(u.win.Canvas(), smallWindow), "\n"); !strings.Contains(got, "overlap") {
		t.Errorf("two labels at the same place do not overlap, says the check:\n%s", got)
	}
}

// isDark reports whether the window draws in the dark variant: its
// background is darker than mid-grey.
func isDark(u *UI) bool {
	r, g, b, _ := u.app.Settings().Theme().Color(theme.ColorNameBackground, u.app.Settings().ThemeVariant()).RGBA()
	return r+g+b < 3*0x8000
}
