package gui

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"clienttracker/db"
	"clienttracker/model"
)

// This file is the view tests' one door to package db, as main.go (through
// cli.Books) is the program's: the views depend on the interfaces they
// declare, and the tests drive them over the real store, then assert on
// what it stored.

// realDB is the store the program opens for the window.
type realDB = db.DB

// openRealDB opens (making it if need be) the book at path, read-only if
// readOnly, in locale (the program's default when "") and on clock (the
// real one when nil), and closes it when the test ends.
func openRealDB(t testing.TB, path, locale string, clock func() time.Time, readOnly bool) *realDB {
	t.Helper()
	var opts []db.Option
	if locale != "" {
		opts = append(opts, db.WithLocale(locale))
	}
	if clock != nil {
		opts = append(opts, db.WithClock(clock))
	}
	open := db.Open
	if readOnly {
		open = db.OpenReadOnly
	}
	store, err := open(context.Background(), path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := store.Close(); err != nil {
			t.Error(err)
		}
	})
	return store
}

// testStore is a real book in a temporary folder for the view tests, with
// a clock the test can move (a client recorded days ago, a reminder at an
// hour).
type testStore struct {
	*realDB
	now atomic.Int64 // unix nanoseconds
}

// newTestStore opens a real, empty book on the view tests' clock (today)
// in a Romanian locale (amounts in lei with a decimal comma), for a test to
// drive the window over and then assert on what was stored.
func newTestStore(t *testing.T) *testStore { return newTestStoreAt(t, today) }

// newTestStoreAt is newTestStore with the clock at now.
func newTestStoreAt(t *testing.T, now time.Time) *testStore {
	t.Helper()
	s := &testStore{}
	s.setNow(now)
	s.realDB = openRealDB(t, filepath.Join(t.TempDir(), "clients.db"), "ro-RO", s.clock, false)
	return s
}

func (s *testStore) clock() time.Time { return time.Unix(0, s.now.Load()).In(time.UTC) }

// setNow moves the store's clock.
func (s *testStore) setNow(t time.Time) { s.now.Store(t.UnixNano()) }

// mustSaveSchedule stores the check-in settings for a test.
func (s *testStore) mustSaveSchedule(t *testing.T, sc model.ScheduleSettings) {
	t.Helper()
	if err := s.SaveScheduleSettings(t.Context(), sc); err != nil {
		t.Fatal(err)
	}
}

// mustSchedule reads the stored check-in settings.
func (s *testStore) mustSchedule(t *testing.T) model.ScheduleSettings {
	t.Helper()
	sc, err := s.ScheduleSettings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// clientCreator is what mustCreate needs of a store.
type clientCreator interface {
	CreateClient(ctx context.Context, c *model.Client) error
}

// readOnlyTwin opens the same book read-only, as a second window does
// while this one edits it.
func (s *testStore) readOnlyTwin(t *testing.T) *realDB {
	t.Helper()
	return openRealDB(t, s.Path(), "ro-RO", s.clock, true)
}

// twin opens the same book a second time, writable, as another program
// writing to it would.
func (s *testStore) twin(t *testing.T) *realDB {
	t.Helper()
	return openRealDB(t, s.Path(), "ro-RO", s.clock, false)
}

// inline is opts with the store calls run on the test's goroutine: Fyne's
// test driver has no UI goroutine to hand results back to.
func inline(opts Options) Options {
	opts.Inline = true
	return opts
}
