package gui

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"clienttracker/db"
	"clienttracker/model"
)

// newTestStore opens a real, empty book in a temporary folder, on the view
// tests' clock (today) and in a Romanian locale (lei, as the tests expect), for a test to
// drive the window over and then assert on what was stored.
func newTestStore(t *testing.T) *db.DB {
	t.Helper()
	s, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "clients.db"),
		db.WithLocale("ro-RO"), db.WithClock(func() time.Time { return today }))
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

// clientCreator is what mustCreate needs of a store.
type clientCreator interface {
	CreateClient(ctx context.Context, c *model.Client) error
}
