package gui

import (
	"context"
	"maps"
	"sync"

	"clienttracker/model"
)

// The fake store keeps message templates beside its other data.
var (
	memTemplatesMu sync.Mutex
	memTemplates   = map[*memStore]model.Templates{}
)

func (s *memStore) MessageTemplates(context.Context) (model.Templates, error) {
	memTemplatesMu.Lock()
	defer memTemplatesMu.Unlock()
	return maps.Clone(memTemplates[s]), nil
}

func (s *memStore) SaveMessageTemplates(_ context.Context, ts model.Templates) error {
	if err := ts.Validate(); err != nil {
		return err
	}
	memTemplatesMu.Lock()
	defer memTemplatesMu.Unlock()
	memTemplates[s] = maps.Clone(ts)
	return nil
}
