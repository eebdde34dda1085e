package gui

import (
	"context"
	"io"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"clienttracker/model"
)

// The view tests drive the views over the real store and then assert on
// what it stored. They open it as the program does: through Books, which
// main.go wires to cli.Books and which books_test.go (package gui_test,
// which may import cli) hands to these tests as testBooks. No gui file
// imports package db.

// testBooks returns the program's books in locale (the program's default
// when "") on clock (the real one when nil); set by books_test.go.
var testBooks func(locale string, clock func() time.Time) Books

// realDB is the real store as the view tests use it: everything the
// window needs (Store), and the calls the tests set a book up and check it
// with.
type realDB interface {
	Store
	io.Closer
	dailyBackup
	ListInteractions(ctx context.Context, clientID int64) ([]model.Interaction, error)
	ListPromises(ctx context.Context, clientID int64) ([]model.Promise, error)
	ListComplaints(ctx context.Context, clientID int64) ([]model.Complaint, error)
	ListPurchases(ctx context.Context, clientID int64) ([]model.Purchase, error)
	ListPreferences(ctx context.Context, clientID int64) ([]model.Preference, error)
	ListStageChanges(ctx context.Context, clientID int64) ([]model.StageChange, error)
	Recompute(ctx context.Context) error
}

// openRealDB opens (making it if need be) the book at path, read-only if
// readOnly, in locale (the program's default when "") and on clock (the
// real one when nil), and closes it when the test ends.
func openRealDB(t testing.TB, path, locale string, clock func() time.Time, readOnly bool) realDB {
	t.Helper()
	opened, err := testBooks(locale, clock).Open(context.Background(), path, readOnly)
	if err != nil {
		t.Fatal(err)
	}
	store, ok := opened.(realDB)
	if !ok {
		t.Fatalf("the program's store %T lacks a method the view tests use", opened)
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
	realDB
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
func (s *testStore) readOnlyTwin(t *testing.T) realDB {
	t.Helper()
	return openRealDB(t, s.Path(), "ro-RO", s.clock, true)
}

// twin opens the same book a second time, writable, as another program
// writing to it would.
func (s *testStore) twin(t *testing.T) realDB {
	t.Helper()
	return openRealDB(t, s.Path(), "ro-RO", s.clock, false)
}

// inline is opts with the store calls run on the test's goroutine: Fyne's
// test driver has no UI goroutine to hand results back to.
func inline(opts Options) Options {
	opts.Inline = true
	return opts
}
