package gui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

func damaged(restore func() error, cont, quit func()) Recovery {
	return Recovery{
		Path: "/home/ana/Client Tracker/clients.db",
		Problems: []string{
			"*** in database main ***", "Page 12: btree page has wrong parent", "Page 40: never used",
			"row 3 missing from index clients_name", "wrong # of entries in index clients_name",
		},
		Latest:   &model.BackupInfo{Path: "/home/ana/Client Tracker/backups/clients-2026-11-22.db", Day: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)},
		Restore:  restore,
		Continue: cont,
		Quit:     quit,
	}
}

func TestRecoveryRestoresThenOpensTheBook(t *testing.T) {
	a := test.NewTempApp(t)
	var restored, continued, quit bool
	v := newRecoveryWindow(a, damaged(func() error { restored = true; return nil }, func() { continued = true }, func() { quit = true }), true)
	v.w.Show()
	shown := test.RenderToMarkup(v.w.Canvas())
	for _, want := range []string{"The client book is damaged", "clients.db", "btree page has wrong parent", "All 5 problems found"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the recovery window does not show %q", want)
		}
	}
	if strings.Contains(shown, "wrong # of entries") {
		t.Error("every problem is listed up front; the later ones belong under Details")
	}
	if v.restore.Text != "Restore the backup of 22 Nov 2026" {
		t.Errorf("restore button says %q", v.restore.Text)
	}
	test.Tap(v.restore)
	if !restored || !continued || quit {
		t.Errorf("restored %v, continued %v, quit %v; want the book opened", restored, continued, quit)
	}
}

func TestRecoveryRestoreFailureStaysAndExplains(t *testing.T) {
	a := test.NewTempApp(t)
	var continued bool
	v := newRecoveryWindow(a, damaged(func() error { return errors.New("backup is damaged too") }, func() { continued = true }, nil), true)
	v.w.Show()
	test.Tap(v.restore)
	if continued {
		t.Fatal("the book was opened although the restore failed")
	}
	if !v.status.Visible() || !strings.Contains(v.status.Text, "backup is damaged too") {
		t.Errorf("status %q (visible %v)", v.status.Text, v.status.Visible())
	}
	if v.restore.Disabled() || v.quit.Disabled() {
		t.Error("after a failure the owner can neither retry nor quit")
	}

	// A panicking restore is an error too, never a crash.
	v = newRecoveryWindow(a, damaged(func() error { panic("nil map") }, func() { continued = true }, nil), true)
	test.Tap(v.restore)
	if continued || !strings.Contains(v.status.Text, "nil map") {
		t.Errorf("after a panic: continued %v, status %q", continued, v.status.Text)
	}
}

func TestRecoveryWithoutBackupOffersQuit(t *testing.T) {
	a := test.NewTempApp(t)
	var quit bool
	r := damaged(nil, nil, func() { quit = true })
	r.Latest = nil
	v := newRecoveryWindow(a, r, true)
	v.w.Show()
	if v.restore.Visible() {
		t.Error("restore offered without a backup")
	}
	test.Tap(v.quit)
	if !quit {
		t.Error("Quit did not quit")
	}
}

func TestAlreadyOpenOffersReadOnly(t *testing.T) {
	a := test.NewTempApp(t)
	var ro, quit bool
	v := newAlreadyOpenWindow(a, "/home/ana/clients.db", func() { ro = true }, func() { quit = true })
	v.w.Show()
	shown := test.RenderToMarkup(v.w.Canvas())
	if !strings.Contains(shown, "clients.db is already open in another Client Tracker window.") ||
		!strings.Contains(shown, "Only one window can change it at a time.") {
		t.Error("the window does not say why")
	}
	test.Tap(v.readOnly)
	if !ro || quit {
		t.Errorf("read-only %v, quit %v", ro, quit)
	}
	v = newAlreadyOpenWindow(a, "/home/ana/clients.db", func() { ro = false }, func() { quit = true })
	test.Tap(v.quit)
	if !quit {
		t.Error("Quit did not quit")
	}
}
