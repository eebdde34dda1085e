package gui

import (
	"context"
	"fmt"
	"io/fs"
)

// MoveTo is a memStore's "Move database…": the memStore has no file, so
// it moves nowhere; tests that follow the path use a movingStore.
func (s *memStore) MoveTo(context.Context, string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.takeFail()
}

// movingStore is a memStore at a path of its own that MoveTo changes, as
// the real store's does, refusing a destination that exists.
type movingStore struct {
	*memStore
	path   string
	exists map[string]bool // files there are already
	moves  []string        // every destination moved to
}

func newMovingStore(ms *memStore, path string) *movingStore {
	return &movingStore{memStore: ms, path: path, exists: map[string]bool{path: true}}
}

func (s *movingStore) Path() string { return s.path }

func (s *movingStore) MoveTo(_ context.Context, dest string) error {
	if s.exists[dest] {
		return fmt.Errorf("move database: %s: %w", dest, fs.ErrExist)
	}
	s.exists[dest], s.path = true, dest
	s.moves = append(s.moves, dest)
	return nil
}
