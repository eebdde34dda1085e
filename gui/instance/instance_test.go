package instance

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// serving is a window serving the book named name in a folder of its own,
// counting the asks to show it answered, until the test ends.
func serving(t *testing.T, name string) (r Rendezvous, book string, shown *atomic.Int32) {
	t.Helper()
	r, book, shown = Rendezvous(t.TempDir()), filepath.Join(t.TempDir(), name), new(atomic.Int32)
	stop, err := r.Serve(book, Handlers{Show: func() { shown.Add(1) }, Quit: func() { t.Error("asked to quit") }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return r, book, shown
}

func TestActivateShowsTheWindowThatServesTheBook(t *testing.T) {
	r, book, shown := serving(t, "Магазин Ани.db")
	if !r.Activate(book) {
		t.Fatal("Activate found no window on the book a window serves")
	}
	if !r.Activate(book) {
		t.Fatal("a second Activate got no answer")
	}
	if got := shown.Load(); got != 2 {
		t.Errorf("show was called %d times for two asks, want 2", got)
	}
}

func TestActivateFindsNothingForAnotherBook(t *testing.T) {
	r, book, shown := serving(t, "shop.db")
	if r.Activate(filepath.Join(filepath.Dir(book), "other.db")) {
		t.Error("Activate on another book reached the window of shop.db")
	}
	if shown.Load() != 0 {
		t.Error("the window was shown for another book")
	}
}

func TestStopEndsServingAndRemovesTheFile(t *testing.T) {
	r := Rendezvous(t.TempDir())
	book := filepath.Join(t.TempDir(), "shop.db")
	stop, err := r.Serve(book, Handlers{Show: func() {}, Quit: func() {}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(r.file(book)); err != nil {
		t.Fatalf("Serve wrote no rendezvous file: %v", err)
	}
	stop()
	stop() // twice is harmless
	if _, err := os.Stat(r.file(book)); !os.IsNotExist(err) {
		t.Errorf("the rendezvous file outlived Stop: %v", err)
	}
	if r.Activate(book) {
		t.Error("Activate was answered after Stop")
	}
}

// A window that crashed leaves its file. Whatever then listens on its
// port (here a web server) is not the window, and neither is anything a
// file names off this computer, or a file that is not one Serve wrote.
func TestActivateTrustsOnlyAWindowOnThisComputer(t *testing.T) {
	r := Rendezvous(t.TempDir())
	book := filepath.Join(t.TempDir(), "shop.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var asked atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			asked.Add(1)
			c.Write([]byte("HTTP/1.0 400 Bad Request\r\n\r\n"))
			c.Close()
		}
	}()
	const token = "0123456789abcdef0123456789abcdef"
	for _, tc := range []struct {
		name, content string
		asks          int32 // connections Activate makes to the web server
	}{
		{"stale file, port taken", ln.Addr().String() + " " + token + "\n", 1},
		{"nobody listens", "127.0.0.1:1 " + token + "\n", 0},
		{"off this computer", "192.0.2.1:80 " + token + "\n", 0},
		{"no token", ln.Addr().String() + "\n", 0},
		{"not an address", "shop " + token + "\n", 0},
		{"empty", "", 0},
	} {
		asked.Store(0)
		if err := os.WriteFile(r.file(book), []byte(tc.content), 0o600); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if r.Activate(book) {
			t.Errorf("%s: Activate reported a window", tc.name)
		}
		if d := time.Since(start); d > Timeout+time.Second {
			t.Errorf("%s: Activate took %v", tc.name, d)
		}
		if got := asked.Load(); got != tc.asks {
			t.Errorf("%s: Activate connected to the web server %d times, want %d", tc.name, got, tc.asks)
		}
	}
}

// A window's answer needs the token of its file: an ask without it (a port
// scan, a program that guessed the port) shows nothing.
func TestServeIgnoresAnAskWithoutTheToken(t *testing.T) {
	r, book, shown := serving(t, "shop.db")
	b, err := os.ReadFile(r.file(book))
	if err != nil {
		t.Fatal(err)
	}
	addr, _, _ := strings.Cut(string(b), " ")
	for _, line := range []string{"show wrong\n", "show \n", "quit wrong\n", strings.Repeat("x", 4*maxLine) + "\n", "hello"} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(2 * Timeout))
		c.Write([]byte(line))
		if cw, ok := c.(*net.TCPConn); ok {
			cw.CloseWrite()
		}
		reply := make([]byte, 8)
		n, _ := c.Read(reply)
		c.Close()
		if n > 0 {
			t.Errorf("ask %.20q got the reply %q", line, reply[:n])
		}
	}
	if shown.Load() != 0 {
		t.Errorf("the window was shown %d times for asks without its token", shown.Load())
	}
	if !r.Activate(book) {
		t.Error("after the bad asks, a real one got no answer")
	}
}

// TestQuitAllEndsEveryWindow is the installer closing the app before it
// replaces the program: every window that answers ends, each once; files
// nobody answers for stay as they are.
func TestQuitAllEndsEveryWindow(t *testing.T) {
	r := Rendezvous(t.TempDir())
	dir := t.TempDir()
	var quits atomic.Int32
	for _, name := range []string{"shop.db", "Магазин Ани.db"} {
		stopc := make(chan func(), 1)
		stop, err := r.Serve(filepath.Join(dir, name), Handlers{
			Show: func() { t.Error("asked to show") },
			// As the app does: quitting closes the window, which stops.
			Quit: func() { quits.Add(1); go func() { (<-stopc)() }() },
		})
		if err != nil {
			t.Fatal(err)
		}
		stopc <- stop
		t.Cleanup(stop)
	}
	stale := filepath.Join(string(r), "clienttracker-0000000000000000.window")
	if err := os.WriteFile(stale, []byte("127.0.0.1:1 0123456789abcdef 99999999\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := r.QuitAll(10 * time.Second)
	if err != nil || n != 2 {
		t.Fatalf("QuitAll = %d, %v; want the two windows", n, err)
	}
	if got := quits.Load(); got != 2 {
		t.Errorf("%d windows asked to quit, want 2", got)
	}
	if gone(stale) {
		t.Error("QuitAll removed a file no window answered for")
	}
	if n, err := r.QuitAll(time.Second); err != nil || n != 0 {
		t.Errorf("with no window left, QuitAll = %d, %v", n, err)
	}
}

// A window that answers but does not end fails QuitAll within its wait,
// naming the process: the installer would otherwise write over a program
// still running.
func TestQuitAllSaysWhichWindowStaysUp(t *testing.T) {
	r := Rendezvous(t.TempDir())
	stop, err := r.Serve(filepath.Join(t.TempDir(), "shop.db"), Handlers{Show: func() {}, Quit: func() {}})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	start := time.Now()
	n, err := r.QuitAll(300 * time.Millisecond)
	if err == nil || n != 0 || !strings.Contains(err.Error(), "still running") {
		t.Errorf("QuitAll = %d, %v; want an error about the window still running", n, err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("QuitAll took %v with a wait of 300ms", d)
	}
}
