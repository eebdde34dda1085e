package gui_test

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clienttracker/cli"
	"clienttracker/gui"
	"clienttracker/gui/instance"
	"clienttracker/model"
)

// The window's start-up, path by path, through the books the program
// really uses (cli.Books over the store) and a headless app: which window
// comes first, and what it says.

// start starts the window on the book at path in a headless app.
// books are the books on this computer as the program wires them into the
// window (cli.Books over the store); the tests make, lock and open books
// through them too.
var books = cli.Books{Locale: "en-US"}

func start(t *testing.T, path string) (*gui.Session, fyne.App, error) {
	t.Helper()
	a := test.NewTempApp(t)
	s, err := gui.Start(a, books, gui.StartOptions{Path: path, Inline: true})
	t.Cleanup(s.Close)
	return s, a, err
}

// eachVisible calls fn for o and every visible object inside it, widgets'
// parts included, until fn returns false.
func eachVisible(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) bool {
	if o == nil || !o.Visible() {
		return true
	}
	if !fn(o) {
		return false
	}
	var inside []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		inside = v.Objects
	case fyne.Widget:
		inside = test.WidgetRenderer(v).Objects()
	}
	for _, c := range inside {
		if !eachVisible(c, fn) {
			return false
		}
	}
	return true
}

// windowTexts is every label's, button's and text's words in the app's
// windows, one string per window.
func windowTexts(a fyne.App) []string {
	var out []string
	for _, w := range a.Driver().AllWindows() {
		var b strings.Builder
		eachVisible(w.Content(), func(o fyne.CanvasObject) bool {
			switch v := o.(type) {
			case *widget.Label:
				b.WriteString(v.Text + "\n")
			case *widget.Button:
				b.WriteString(v.Text + "\n")
			case *canvas.Text:
				b.WriteString(v.Text + "\n")
			}
			return true
		})
		out = append(out, b.String())
	}
	return out
}

func newBook(t *testing.T, path string) {
	t.Helper()
	store, err := books.Open(context.Background(), path, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateClient(context.Background(), &model.Client{Name: "Նարե Սարգսյան", Phones: []string{"+374 95 430752"}}); err != nil {
		t.Fatal(err)
	}
	if err := store.(io.Closer).Close(); err != nil {
		t.Fatal(err)
	}
}

func TestStartOpensTheBookAndHoldsItsLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	newBook(t, path)
	s, _, err := start(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if s.UI() == nil {
		t.Fatal("no client book window")
	}
	if _, err := books.Lock(path); err == nil {
		t.Error("a second window could lock the book the first one has open")
	}
	s.Close()
	unlock, err := books.Lock(path)
	if err != nil {
		t.Fatalf("after Close the lock is still held: %v", err)
	}
	unlock()
}

// servingBooks are the program's books, with their own rendezvous folder,
// telling the test each time a window was asked to come to the front.
type servingBooks struct {
	cli.Books
	shown chan struct{}
}

func newServingBooks(t *testing.T) servingBooks {
	return servingBooks{Books: cli.Books{Locale: "en-US", Rendezvous: instance.Rendezvous(t.TempDir())},
		shown: make(chan struct{}, 4)}
}

func (b servingBooks) Serve(path string, show, quit func()) (func(), error) {
	return b.Books.Serve(path, func() { show(); b.shown <- struct{}{} }, quit)
}

// TestStartOnABookOpenInAWindowBringsThatWindowForward is the usual way an
// owner on Windows opens the app: from its shortcut, while the app started
// at login waits in the tray with the book open. The second start asks the
// running window to come forward and shows nothing of its own; it does not
// ask whether to open the book read-only.
func TestStartOnABookOpenInAWindowBringsThatWindowForward(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	newBook(t, path)
	b := newServingBooks(t)
	a := test.NewTempApp(t)
	first, err := gui.Start(a, b, gui.StartOptions{Path: path, Inline: true})
	t.Cleanup(first.Close)
	if err != nil || first.UI() == nil {
		t.Fatalf("the first window did not open the book: %v", err)
	}
	windows := len(a.Driver().AllWindows())

	second, err := gui.Start(a, b, gui.StartOptions{Path: path, Inline: true})
	t.Cleanup(second.Close)
	if err != nil {
		t.Fatal(err)
	}
	if !second.Activated() {
		t.Fatalf("the second start did not reach the first window; it shows %q", windowTexts(a))
	}
	select {
	case <-b.shown:
	case <-time.After(5 * time.Second):
		t.Fatal("the first window was never asked to come forward")
	}
	if second.UI() != nil || len(a.Driver().AllWindows()) != windows {
		t.Errorf("the second start opened a window of its own: %q", windowTexts(a))
	}

	// Once the first window has ended, a start opens the book itself.
	first.Close()
	third, err := gui.Start(a, b, gui.StartOptions{Path: path, Inline: true})
	t.Cleanup(third.Close)
	if err != nil || third.Activated() || third.UI() == nil {
		t.Fatalf("after the first window ended: activated %v, window %v, %v", third.Activated(), third.UI() != nil, err)
	}
}

// The window answers from the moment it holds the book: while it still
// asks something first (here the recovery window of an empty book), a
// later launch finds it rather than a question of its own. After "Open
// another database…" it answers for the book it switched to, and the
// book it left opens in a new window.
func TestLaterLaunchFindsTheWindowOnWhicheverBookItHas(t *testing.T) {
	dir := t.TempDir()
	b := newServingBooks(t)
	a := test.NewTempApp(t)
	startOn := func(path string) *gui.Session {
		t.Helper()
		s, err := gui.Start(a, b, gui.StartOptions{Path: path, Inline: true})
		t.Cleanup(s.Close)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	recovering := startOn(empty)
	if recovering.UI() != nil {
		t.Fatal("the empty file was opened as a book")
	}
	if s := startOn(empty); !s.Activated() {
		t.Error("a launch while the recovery window is up asked instead of finding it")
	}
	recovering.Close()

	first, second := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	newBook(t, first)
	newBook(t, second)
	w := startOn(first)
	if _, err := w.Switch(second); err != nil {
		t.Fatal(err)
	}
	if s := startOn(second); !s.Activated() {
		t.Error("a launch on the book switched to did not find its window")
	}
	if s := startOn(first); s.Activated() || s.UI() == nil {
		t.Errorf("a launch on the book switched away from: activated %v, window %v", s.Activated(), s.UI() != nil)
	}
}

// A book another program holds without a window to show (here a bare
// lock, as a window that has not finished starting) still gets the
// question: there is nothing to bring forward.
func TestStartOnALockedBookAsksAndOpensReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	newBook(t, path)
	unlock, err := books.Lock(path) // another window edits it
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	s, a, err := start(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if s.UI() != nil {
		t.Fatal("the client book opened on a book another window edits")
	}
	waitForText(t, a, "shop.db is already open in another Client Tracker window")
	tapButton(t, a, "Open read-only")
	if s.UI() == nil {
		t.Fatal("Open read-only opened nothing")
	}
	waitForText(t, a, "Նարե Սարգսյան")
}

func TestStartRefusesABookOfANewerVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	newBook(t, path)
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("PRAGMA user_version = 9999"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	before, _ := os.ReadFile(path)
	s, _, err := start(t, path)
	if err == nil || !strings.Contains(err.Error(), "newer version of Client Tracker") {
		t.Fatalf("start = %v, want the newer-version sentence", err)
	}
	if s.UI() != nil {
		t.Error("the client book opened anyway")
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the newer book was changed")
	}
}

func TestStartOnAnEmptyBookOffersTheBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shop.db")
	newBook(t, path)
	store, err := books.Open(context.Background(), path, false)
	if err != nil {
		t.Fatal(err)
	}
	backup := store.(interface {
		AutoBackup(ctx context.Context, now time.Time) (string, bool, error)
	})
	if _, _, err := backup.AutoBackup(context.Background(), time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	store.(io.Closer).Close()
	if err := os.WriteFile(path, nil, 0o600); err != nil { // a failed sync left 0 bytes
		t.Fatal(err)
	}
	s, a, err := start(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if s.UI() != nil {
		t.Fatal("the empty file was opened as a book")
	}
	texts := strings.Join(windowTexts(a), "\n")
	for _, want := range []string{"The client book is damaged", "Restore the backup of"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the recovery window does not say %q: %q", want, texts)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was written to: %v %v", fi, err)
	}
}

func TestStartOnAReadOnlyBookOpensItReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	newBook(t, path)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	s, a, err := start(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if s.UI() == nil {
		t.Fatal("a read-only book did not open")
	}
	waitForText(t, a, "Նարե Սարգսյան")
	waitForText(t, a, "Read-only: this book's file cannot be written")
	s.Close()
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the read-only book was changed")
	}
}

func TestSwitchLocksTheNewBookBeforeLettingGoOfTheOld(t *testing.T) {
	dir := t.TempDir()
	first, second, busy := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db"), filepath.Join(dir, "c.db")
	newBook(t, first)
	newBook(t, second)
	newBook(t, busy)
	s, _, err := start(t, first)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := books.Lock(busy)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := s.Switch(busy); err == nil || !strings.Contains(err.Error(), "open in another Client Tracker window") {
		t.Errorf("switching to a locked book: %v", err)
	}
	if s.Path() != first {
		t.Errorf("after a failed switch the window is on %s", s.Path())
	}
	if _, err := books.Lock(first); err == nil {
		t.Error("a failed switch let go of the book that stays open")
	}
	if _, err := s.Switch(second); err != nil {
		t.Fatal(err)
	}
	if s.Path() != second {
		t.Errorf("the window is on %s, want %s", s.Path(), second)
	}
	u, err := books.Lock(first)
	if err != nil {
		t.Fatalf("the book switched away from is still locked: %v", err)
	}
	u()
	if _, err := books.Lock(second); err == nil {
		t.Error("the book switched to is not locked")
	}
}

// waitForText waits until a window shows text: the views read the book
// off the UI goroutine.
func waitForText(t *testing.T, a fyne.App, text string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(strings.Join(windowTexts(a), "\n"), text) {
			return
		}
	}
	t.Fatalf("no window says %q; they say %q", text, windowTexts(a))
}

// tapButton taps the visible button with text in any window.
func tapButton(t *testing.T, a fyne.App, text string) {
	t.Helper()
	for _, w := range a.Driver().AllWindows() {
		var found *widget.Button
		eachVisible(w.Content(), func(o fyne.CanvasObject) bool {
			if b, ok := o.(*widget.Button); ok && b.Text == text {
				found = b
			}
			return found == nil
		})
		if found != nil {
			test.Tap(found)
			return
		}
	}
	t.Fatalf("no button %q", text)
}
