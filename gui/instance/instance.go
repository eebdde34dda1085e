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
// The two find each other through a small file in the user's temporary
// folder, named after the book's path: the loopback address the window
// listens on and a random token, which the ask must repeat. Nothing
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
	return filepath.Join(r.dir(), "clienttracker-"+hex.EncodeToString(sum[:8])+".window")
}

// ask is the line a second launch sends, before the token.
const ask = "show "

// maxLine bounds what the window reads of an ask.
const maxLine = 128

// Serve listens for later launches on the book at path and calls show,
// on a goroutine of its own, each time one asks (Activate). Stop ends the
// listening and removes the rendezvous file. An error means no later
// launch can find this window; the window works as before.
func (r Rendezvous) Serve(path string, show func()) (stop func(), err error) {
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
	content := ln.Addr().String() + " " + token + "\n"
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
			go answer(c, token, show)
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

// answer reads one ask from c and, if it carries the token, calls show
// and says so.
func answer(c net.Conn, token string, show func()) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(Timeout))
	line, err := bufio.NewReaderSize(c, maxLine).ReadSlice('\n')
	if err != nil || strings.TrimSpace(string(line)) != ask+token {
		return
	}
	show()
	c.Write([]byte("ok\n"))
}

// Activate asks the window that has the book at path open (Serve) to come
// to the front, and reports whether it answered that it did. It waits at
// most Timeout.
func (r Rendezvous) Activate(path string) bool {
	b, err := os.ReadFile(r.file(path))
	if err != nil {
		return false
	}
	addr, token, ok := strings.Cut(strings.TrimSpace(string(b)), " ")
	if !ok || token == "" {
		return false
	}
	// Only ever this computer, whatever the file says.
	if host, _, err := net.SplitHostPort(addr); err != nil || !net.ParseIP(host).IsLoopback() {
		return false
	}
	c, err := net.DialTimeout("tcp", addr, Timeout)
	if err != nil {
		return false
	}
	defer c.Close()
	allowForeground()
	c.SetDeadline(time.Now().Add(Timeout))
	if _, err := c.Write([]byte(ask + token + "\n")); err != nil {
		return false
	}
	reply, err := bufio.NewReaderSize(c, maxLine).ReadSlice('\n')
	return err == nil && string(reply) == "ok\n"
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
