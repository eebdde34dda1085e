package gui

import (
	"context"
	"iter"
	"slices"
	"strings"
	"sync"
	"time"

	"clienttracker/model"
)

// memStore is an in-memory Store for the view tests. It applies the same
// model rules as the real store (Normalize, Validate) so a test that types
// bad input sees the same errors, and it records what was saved so tests can
// assert on it. The real SQL store has its own tests in package db.
type memStore struct {
	mu         sync.Mutex
	now        time.Time
	nextID     int64
	clients    map[int64]*model.Client
	prefs      map[int64]*model.Preference
	purchases  map[int64]*model.Purchase
	settings   *model.Settings
	contacts   []model.Interaction
	promises   []model.Promise
	complaints []model.Complaint
	moves      []model.StageChange     // every move on the ladder, oldest first
	rungs      map[int64]model.Stage   // the rung each client was last placed on
	ladder     *model.LadderSettings   // nil: the defaults
	schedule   *model.ScheduleSettings // nil: the defaults
	failNext   error                   // returned once by the next write, to test error paths
	data       memData                 // imports, exports, backups (store_data_test.go)
}

func newMemStore(now time.Time) *memStore {
	return &memStore{now: now, clients: map[int64]*model.Client{}, prefs: map[int64]*model.Preference{},
		purchases: map[int64]*model.Purchase{}, rungs: map[int64]model.Stage{}}
}

func (s *memStore) Path() string { return "/tmp/shop/clients.db" }

func (s *memStore) id() int64 { s.nextID++; return s.nextID }

func (s *memStore) takeFail() error {
	err := s.failNext
	s.failNext = nil
	return err
}

func (s *memStore) CountClients(context.Context) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients), nil
}

func (s *memStore) summary(id int64) model.PurchaseSummary {
	var ps []model.Purchase
	for _, p := range s.purchases {
		if p.ClientID == id {
			ps = append(ps, *p)
		}
	}
	return model.ComputeStats(ps, s.now).PurchaseSummary
}

func (s *memStore) copyClient(c *model.Client) *model.Client {
	cp := *c
	cp.Phones = slices.Clone(c.Phones)
	cp.Tags = slices.Clone(c.Tags)
	cp.Summary = s.summary(c.ID)
	if r, ok := s.clients[c.ReferredBy]; ok {
		cp.ReferredByName = r.Name
	}
	s.stand(&cp)
	return &cp
}

// matches is a plain version of the store's search: every word starts a
// word of the record, or the digits occur in a phone.
func matches(c *model.Client, q string) bool {
	t := model.ParseSearch(q)
	if t.Empty() {
		return true
	}
	if t.Digits != "" {
		for _, p := range c.Phones {
			if strings.Contains(model.PhoneDigits(p), t.Digits) {
				return true
			}
		}
	}
	text := strings.ToLower(strings.Join(append([]string{c.Name, c.Email, c.City, c.Company, c.Notes}, c.Tags...), " "))
	words := model.ParseSearch(text).Words
	for _, w := range t.Words {
		if !slices.ContainsFunc(words, func(x string) bool { return strings.HasPrefix(x, strings.ToLower(w)) }) {
			return false
		}
	}
	return len(t.Words) > 0
}

func (s *memStore) ListClients(_ context.Context, f model.ClientFilter) ([]*model.Client, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []*model.Client
	for _, c := range s.clients {
		if matches(c, f.Search) {
			all = append(all, s.copyClient(c))
		}
	}
	slices.SortFunc(all, func(a, b *model.Client) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	total := len(all)
	all = all[min(f.Offset, total):]
	if f.Limit > 0 && len(all) > f.Limit {
		all = all[:f.Limit]
	}
	return all, total, nil
}

func (s *memStore) GetClient(_ context.Context, id int64) (*model.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[id]
	if !ok {
		return nil, model.ErrNotFound
	}
	return s.copyClient(c), nil
}

func (s *memStore) CreateClient(_ context.Context, c *model.Client) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.takeFail(); err != nil {
		return err
	}
	c.Normalize()
	if err := c.Validate(s.now); err != nil {
		return err
	}
	c.ID = s.id()
	c.CreatedAt, c.UpdatedAt = s.now, s.now
	s.clients[c.ID] = s.copyClient(c)
	s.restage(c.ID, c.ReferredBy)
	return nil
}

func (s *memStore) UpdateClient(_ context.Context, c *model.Client) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.takeFail(); err != nil {
		return err
	}
	old, ok := s.clients[c.ID]
	if !ok {
		return model.ErrNotFound
	}
	c.Normalize()
	if err := c.Validate(s.now); err != nil {
		return err
	}
	// As in the real store: MarkLost, Snooze and PinStage own these.
	c.Lost, c.Plan.SnoozedUntil, c.Pin = old.Lost, old.Plan.SnoozedUntil, old.Pin
	s.clients[c.ID] = s.copyClient(c)
	s.restage(c.ID, c.ReferredBy, old.ReferredBy)
	return nil
}

func (s *memStore) DeleteClient(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.clients[id]; !ok {
		return model.ErrNotFound
	}
	delete(s.clients, id)
	delete(s.rungs, id)
	s.moves = slices.DeleteFunc(s.moves, func(m model.StageChange) bool { return m.ClientID == id })
	for k, p := range s.prefs {
		if p.ClientID == id {
			delete(s.prefs, k)
		}
	}
	for k, p := range s.purchases {
		if p.ClientID == id {
			delete(s.purchases, k)
		}
	}
	return nil
}

func (s *memStore) ListPreferences(_ context.Context, clientID int64) ([]model.Preference, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []model.Preference
	for _, p := range s.prefs {
		if p.ClientID == clientID {
			out = append(out, *p)
		}
	}
	slices.SortFunc(out, func(a, b model.Preference) int { return int(a.ID - b.ID) })
	return out, nil
}

func (s *memStore) CreatePreference(_ context.Context, p *model.Preference) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if _, ok := s.clients[p.ClientID]; !ok {
		return model.ErrNotFound
	}
	p.ID = s.id()
	cp := *p
	s.prefs[p.ID] = &cp
	return nil
}

func (s *memStore) UpdatePreference(_ context.Context, p *model.Preference) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	cp := *p
	s.prefs[p.ID] = &cp
	return nil
}

func (s *memStore) DeletePreference(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.prefs, id)
	return nil
}

func (s *memStore) ListPurchases(_ context.Context, clientID int64) ([]model.Purchase, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []model.Purchase
	for _, p := range s.purchases {
		if p.ClientID == clientID {
			out = append(out, *p)
		}
	}
	slices.SortFunc(out, func(a, b model.Purchase) int { return b.Date.Compare(a.Date) })
	return out, nil
}

func (s *memStore) CreatePurchase(_ context.Context, p *model.Purchase) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.Normalize()
	if err := p.Validate(s.now, 0); err != nil {
		return err
	}
	p.ID = s.id()
	cp := *p
	s.purchases[p.ID] = &cp
	s.restage(p.ClientID)
	return nil
}

func (s *memStore) UpdatePurchase(_ context.Context, p *model.Purchase) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.Normalize()
	if err := p.Validate(s.now, 0); err != nil {
		return err
	}
	cp := *p
	s.purchases[p.ID] = &cp
	s.restage(p.ClientID)
	return nil
}

func (s *memStore) DeletePurchase(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.purchases[id]; ok {
		delete(s.purchases, id)
		s.restage(p.ClientID)
	}
	return nil
}

func (s *memStore) Settings(context.Context) (model.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.settings == nil {
		d := model.DefaultSettings("ro-RO")
		s.settings = &d
	}
	return *s.settings, nil
}

func (s *memStore) SaveSettings(_ context.Context, set model.Settings) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings = &set
	return nil
}

func (s *memStore) InsertRecords(ctx context.Context, recs iter.Seq[model.ClientRecord], progress func(int)) (int, error) {
	n := 0
	for r := range recs {
		c := r.Client
		if err := s.CreateClient(ctx, &c); err != nil {
			return n, err
		}
		for _, pr := range r.Preferences {
			pr.ClientID = c.ID
			if err := s.CreatePreference(ctx, &pr); err != nil {
				return n, err
			}
		}
		for _, p := range r.Purchases {
			p.ClientID = c.ID
			if err := s.CreatePurchase(ctx, &p); err != nil {
				return n, err
			}
		}
		n++
		if progress != nil && n%100 == 0 {
			progress(n)
		}
	}
	return n, nil
}
