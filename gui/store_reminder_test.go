package gui

import (
	"context"
	"time"

	"clienttracker/model"
)

// CountPromisesDue counts the open promises due by today, as the store does.
func (s *memStore) CountPromisesDue(_ context.Context, today time.Time) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.promises {
		if p.Status == model.PromiseOpen && !p.DueBy.After(model.Day(today)) {
			n++
		}
	}
	return n, nil
}
