// Package instance lets a second launch of Client Tracker on a book that a
// running window already has open bring that window to the front, instead
// of asking whether to open the book read-only.
//
// On Windows and macOS the app stays in the tray when its window is closed
// and starts there at login (gui/autostart), so the usual way an owner
// opens it, the Start-menu or desktop shortcut, starts a second program
// while the first one holds the book's lock. That program asks the first
// to show its window (Activate) and ends; the first listens for the ask
// (Serve) for as long as it has the book open.
//
// The installer asks every window to close the same way (QuitAll, the
// `quit` command) before it replaces the program, which a running window
// keeps in use on Windows.
//
// They find each other through a small file in the user's temporary
// folder, named after the book's path: the loopback address the window
// listens on, a random token, which an ask must repeat, and the window's
// process id. Nothing
// listens beyond this computer, and a stale file (a window that crashed)
// or another program on its port gets no answer: the second launch then
// asks, as it did before.
package instance

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Timeout is how long Activate waits for the running window's answer.
const Timeout = 2 * time.Second

// Rendezvous is the folder of the files that say where a window listens;
// "" is the user's temporary folder (os.TempDir).
type Rendezvous string

func (r Rendezvous) dir() string {
	if r == "" {
		return os.TempDir()
	}
	return string(r)
}

// file is the rendezvous file of the book at path: one per book, so two
// windows on two books each answer for their own.
func (r Rendezvous) file(path string) string {
	key, err := filepath.Abs(path)
	if err != nil {
		key = path
	}
	key = filepath.Clean(key)
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		// Their file systems ignore case by default: "Shop.db" and
		// "shop.db" are one book, as they are one lock.
		key = strings.ToLower(key)
	}
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(r.dir(), strings.Replace(filePattern, "*", hex.EncodeToString(sum[:8]), 1))
}

// The asks, each followed by the token and a line end.
const (
	askShow = "show "
	askQuit = "quit "
)

// filePattern matches every window's rendezvous file (file).
const filePattern = "clienttracker-*.window"

// Handlers are what a window does when asked (Serve); each is called on a
// goroutine of its own.
type Handlers struct {
	Show func() // come to the front (Activate)
	Quit func() // end the app (QuitAll)
}

// maxLine bounds what the window reads of an ask.
const maxLine = 128

// Serve listens for later launches on the book at path and for the
// installer, and calls h's handler each time one asks. Stop ends the
// listening and removes the rendezvous file. An error means nothing can
// reach this window; the window works as before.
func (r Rendezvous) Serve(path string, h Handlers) (stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("instance: %w", err)
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, errors.Join(fmt.Errorf("instance: %w", err), ln.Close())
	}
	token := hex.EncodeToString(b[:])
	file := r.file(path)
	content := fmt.Sprintf("%s %s %d\n", ln.Addr(), token, os.Getpid())
	if err := writeFile(file, content); err != nil {
		return nil, errors.Join(fmt.Errorf("instance: %w", err), ln.Close())
	}
	var accepting sync.WaitGroup
	accepting.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return // closed by stop
			}
			// Not waited for by stop: an answer ends by its deadline.
			go answer(c, token, h)
		}
	})
	var once sync.Once
	return func() {
		once.Do(func() {
			ln.Close()
			accepting.Wait()
			// Only our own file: a window that took the book after a
			// crash of this one has written its own.
			if got, err := os.ReadFile(file); err == nil && string(got) == content {
				os.Remove(file)
			}
		})
	}, nil
}

// answer reads one ask from c and, if it carries the token, calls its
// handler and says so.
func answer(c net.Conn, token string, h Handlers) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(Timeout))
	line, err := bufio.NewReaderSize(c, maxLine).ReadSlice('\n')
	if err != nil {
		return
	}
	switch strings.TrimSpace(string(line)) {
	case askShow + token:
		h.Show()
	case askQuit + token:
		h.Quit()
	default:
		return
	}
	c.Write([]byte("ok\n"))
}

// Activate asks the window that has the book at path open (Serve) to come
// to the front, and reports whether it answered that it did. It waits at
// most Timeout.
func (r Rendezvous) Activate(path string) bool {
	w, ok := readWindow(r.file(path))
	if !ok {
		return false
	}
	return w.ask(askShow, allowForeground)
}

// window is what a rendezvous file says of the window that wrote it.
type window struct {
	addr, token string
	pid         int // 0: not said
}

// readWindow reads the rendezvous file at path.
func readWindow(path string) (window, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return window{}, false
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return window{}, false
	}
	w := window{addr: f[0], token: f[1]}
	if len(f) > 2 {
		w.pid, _ = strconv.Atoi(f[2])
	}
	// Only ever this computer, whatever the file says.
	if host, _, err := net.SplitHostPort(w.addr); err != nil || !net.ParseIP(host).IsLoopback() {
		return window{}, false
	}
	return w, true
}

// ask sends the window one ask, calling before first once connected, and
// reports whether the window answered that it did as asked.
func (w window) ask(what string, before func()) bool {
	c, err := net.DialTimeout("tcp", w.addr, Timeout)
	if err != nil {
		return false
	}
	defer c.Close()
	before()
	c.SetDeadline(time.Now().Add(Timeout))
	if _, err := c.Write([]byte(what + w.token + "\n")); err != nil {
		return false
	}
	reply, err := bufio.NewReaderSize(c, maxLine).ReadSlice('\n')
	return err == nil && string(reply) == "ok\n"
}

// QuitAll asks every window of the user's that answers (Serve) to end the
// app, and waits until each has ended, at most wait in all: the installer
// runs it (the `quit` command) before it replaces the program, which a
// running window keeps in use on Windows. It returns how many windows
// ended; an error names one that answered but was still running at the
// end. Files no window answers for are left alone.
func (r Rendezvous) QuitAll(wait time.Duration) (int, error) {
	files, err := filepath.Glob(filepath.Join(r.dir(), filePattern))
	if err != nil {
		return 0, fmt.Errorf("instance: %w", err)
	}
	deadline := time.Now().Add(wait)
	var asked []string
	var pids []int
	for _, f := range files {
		w, ok := readWindow(f)
		if ok && w.ask(askQuit, func() {}) {
			asked, pids = append(asked, f), append(pids, w.pid)
		}
	}
	for i, f := range asked {
		// A window's file goes as it closes (stop), its process a
		// moment later, with the program file it kept in use.
		for !gone(f) || !ended(pids[i]) {
			if time.Now().After(deadline) {
				return i, fmt.Errorf("instance: a window (process %d) is still running after %v", pids[i], wait)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	return len(asked), nil
}

// gone reports whether the file at path is no more.
func gone(path string) bool {
	_, err := os.Stat(path)
	return errors.Is(err, os.ErrNotExist)
}

// writeFile writes content to path whole, readable by the user alone: under
// a temporary name first, so a launch reading it never sees half of it.
func writeFile(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, err = tmp.WriteString(content)
	if err = errors.Join(err, tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
