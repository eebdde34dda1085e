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

// testStore is a real book in a temporary folder for the view tests, with
// a clock the test can move (a client recorded days ago, a reminder at an
// hour).
type testStore struct {
	*db.DB
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
	var err error
	s.DB, err = db.Open(context.Background(), filepath.Join(t.TempDir(), "clients.db"),
		db.WithLocale("ro-RO"), db.WithClock(s.clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
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
func (s *testStore) readOnlyTwin(t *testing.T) *db.DB {
	t.Helper()
	ro, err := db.OpenReadOnly(context.Background(), s.Path(), db.WithLocale("ro-RO"), db.WithClock(s.clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := ro.Close(); err != nil {
			t.Error(err)
		}
	})
	return ro
}

// twin opens the same book a second time, writable, as another program
// writing to it would.
func (s *testStore) twin(t *testing.T) *db.DB {
	t.Helper()
	w, err := db.Open(context.Background(), s.Path(), db.WithLocale("ro-RO"), db.WithClock(s.clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return w
}

// inline is opts with the store calls run on the test's goroutine: Fyne's
// test driver has no UI goroutine to hand results back to.
func inline(opts Options) Options {
	opts.Inline = true
	return opts
}
