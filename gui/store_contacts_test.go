package gui

import (
	"cmp"
	"context"
	"slices"
	"time"

	"clienttracker/model"
)

// The memStore's contacts, promises and complaints, with the schedule worked
// out by the same model rules the real store uses.

func (s *memStore) LogContact(_ context.Context, i *model.Interaction, p *model.Promise) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i.Normalize()
	if err := i.Validate(s.now); err != nil {
		return err
	}
	if p != nil {
		p.ClientID = i.ClientID
		p.Normalize()
		if err := p.Validate(s.now); err != nil {
			return err
		}
	}
	if _, ok := s.clients[i.ClientID]; !ok {
		return model.ErrNotFound
	}
	i.ID = s.id()
	s.contacts = append(s.contacts, *i)
	if p != nil {
		p.ID = s.id()
		s.promises = append(s.promises, *p)
	}
	s.restage(i.ClientID)
	return nil
}

func (s *memStore) ListInteractions(_ context.Context, clientID int64) ([]model.Interaction, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []model.Interaction
	for _, c := range s.contacts {
		if c.ClientID == clientID {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b model.Interaction) int { return b.At.Compare(a.At) })
	return out, nil
}

func (s *memStore) DeleteInteraction(_ context.Context, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var clientID int64
	s.contacts = slices.DeleteFunc(s.contacts, func(c model.Interaction) bool {
		if c.ID == id {
			clientID = c.ClientID
		}
		return c.ID == id
	})
	s.restage(clientID)
	return nil
}

func (s *memStore) CreatePromise(_ context.Context, p *model.Promise) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.Status == "" {
		p.Status = model.PromiseOpen
	}
	p.Normalize()
	if err := p.Validate(s.now); err != nil {
		return err
	}
	p.ID = s.id()
	s.promises = append(s.promises, *p)
	return nil
}

func (s *memStore) UpdatePromise(_ context.Context, p *model.Promise) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.Normalize()
	if err := p.Validate(s.now); err != nil {
		return err
	}
	for i := range s.promises {
		if s.promises[i].ID == p.ID {
			s.promises[i] = *p
			return nil
		}
	}
	return model.ErrNotFound
}

func (s *memStore) KeepPromise(ctx context.Context, promiseID int64, contact *model.Interaction) error {
	s.mu.Lock()
	var clientID int64
	for i := range s.promises {
		if s.promises[i].ID == promiseID {
			if s.promises[i].Status != model.PromiseOpen {
				s.mu.Unlock()
				return model.ErrConflict
			}
			s.promises[i].Status, s.promises[i].KeptOn = model.PromiseKept, model.Day(contact.At)
			clientID = s.promises[i].ClientID
		}
	}
	s.mu.Unlock()
	if clientID == 0 {
		return model.ErrNotFound
	}
	contact.ClientID, contact.PromiseID = clientID, promiseID
	return s.LogContact(ctx, contact, nil)
}

func (s *memStore) ListPromises(_ context.Context, clientID int64) ([]model.Promise, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []model.Promise
	for _, p := range s.promises {
		if p.ClientID == clientID {
			out = append(out, p)
		}
	}
	return out, nil
}

func (s *memStore) CreateComplaint(_ context.Context, c *model.Complaint) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.Status == "" {
		c.Status = model.ComplaintOpen
	}
	c.Normalize()
	if err := c.Validate(s.now); err != nil {
		return err
	}
	c.ID = s.id()
	s.complaints = append(s.complaints, *c)
	return nil
}

func (s *memStore) UpdateComplaint(_ context.Context, c *model.Complaint) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.Normalize()
	if err := c.Validate(s.now); err != nil {
		return err
	}
	for i := range s.complaints {
		if s.complaints[i].ID == c.ID {
			s.complaints[i] = *c
			return nil
		}
	}
	return model.ErrNotFound
}

func (s *memStore) ListComplaints(_ context.Context, clientID int64) ([]model.Complaint, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []model.Complaint
	for _, c := range s.complaints {
		if c.ClientID == clientID {
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *memStore) MarkLost(_ context.Context, clientID int64, l model.Lost) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[clientID]
	if !ok {
		return model.ErrNotFound
	}
	c.Lost = l
	return nil
}

func (s *memStore) Snooze(_ context.Context, clientID int64, until time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[clientID]
	if !ok {
		return model.ErrNotFound
	}
	c.Plan.SnoozedUntil = model.Day(until)
	return nil
}

// history builds what the schedule rules need; s.mu must be held.
func (s *memStore) history(c *model.Client) model.History {
	h := model.History{Client: *s.copyClient(c)}
	h.Stage = h.Client.Stage
	for _, i := range s.contacts {
		if i.ClientID == c.ID {
			if i.At.After(h.LastContact) {
				h.LastContact = i.At
				if i.Feedback != model.FeedbackNone {
					h.LastFeedback = i.Feedback
				}
			}
		}
	}
	for _, p := range s.purchases {
		if p.ClientID == c.ID {
			h.PurchaseDates = append(h.PurchaseDates, p.Date)
			if p.Date.After(h.LastPurchase.Date) {
				h.LastPurchase = *p
			}
		}
	}
	for _, p := range s.promises {
		if p.ClientID == c.ID && p.Status == model.PromiseOpen {
			h.OpenPromises = append(h.OpenPromises, p)
		}
	}
	for _, x := range s.complaints {
		if x.ClientID == c.ID && x.Status == model.ComplaintOpen {
			h.OpenComplaints = append(h.OpenComplaints, x)
		}
	}
	for _, p := range s.prefs {
		if p.ClientID == c.ID {
			h.Preferences = append(h.Preferences, *p)
		}
	}
	return h
}

func (s *memStore) History(_ context.Context, clientID int64) (model.History, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[clientID]
	if !ok {
		return model.History{}, model.ErrNotFound
	}
	return s.history(c), nil
}

func (s *memStore) DueList(_ context.Context, today time.Time, q model.DueQuery) (model.DuePage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var hs []model.History
	for _, c := range s.clients {
		hs = append(hs, s.history(c))
	}
	items := model.DueList(hs, model.DefaultScheduleSettings(), today)
	if q.AtRiskOnly {
		items = slices.DeleteFunc(items, func(it model.DueItem) bool { return len(it.AtRisk) == 0 })
	}
	page := model.DuePage{Counts: model.CountDue(items), Offset: q.Offset, Capacity: model.DefaultDailyCapacity}
	if s.schedule != nil {
		page.Capacity = s.schedule.DailyCapacity
	}
	// Done today: the clients with a contact on the list's day, as the
	// store counts them.
	done := map[int64]bool{}
	for _, c := range s.contacts {
		if model.Day(c.At.In(time.Local)).Equal(model.Day(today)) {
			done[c.ClientID] = true
		}
	}
	page.Done = len(done)
	items = items[min(q.Offset, len(items)):]
	if q.Limit > 0 {
		items = items[:min(q.Limit, len(items))]
	}
	page.Items = items
	return page, nil
}

func (s *memStore) ScheduleSettings(context.Context) (model.ScheduleSettings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.schedule != nil {
		return *s.schedule, nil
	}
	return model.DefaultScheduleSettings(), nil
}

func (s *memStore) SaveScheduleSettings(_ context.Context, set model.ScheduleSettings) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.schedule = &set
	return nil
}

func (s *memStore) PromiseScore(_ context.Context, clientID int64, today time.Time) (int, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ps []model.Promise
	for _, p := range s.promises {
		if clientID == 0 || p.ClientID == clientID {
			ps = append(ps, p)
		}
	}
	kept, due := model.PromiseScore(ps, today, 90)
	return kept, due, nil
}

func (s *memStore) LostCounts(context.Context) (map[model.LostReason]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[model.LostReason]int{}
	for _, c := range s.clients {
		if c.Lost.IsLost() {
			out[c.Lost.Reason]++
		}
	}
	return out, nil
}

func (s *memStore) Balances(_ context.Context, today time.Time) ([]model.Balance, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	by := map[int64]*model.Balance{}
	for _, p := range s.purchases {
		if p.Unpaid <= 0 {
			continue
		}
		b := by[p.ClientID]
		if b == nil {
			b = &model.Balance{ClientID: p.ClientID, Name: s.clients[p.ClientID].Name}
			by[p.ClientID] = b
		}
		b.Owed += p.Unpaid
		if !p.DueDate.IsZero() && model.Day(p.DueDate).Before(model.Day(today)) {
			b.PastDue += p.Unpaid
		}
		if !p.DueDate.IsZero() && (b.Oldest.IsZero() || p.DueDate.Before(b.Oldest)) {
			b.Oldest = model.Day(p.DueDate)
		}
	}
	var out []model.Balance
	for _, b := range by {
		out = append(out, *b)
	}
	slices.SortFunc(out, func(a, b model.Balance) int {
		return cmp.Or(cmp.Compare(b.PastDue, a.PastDue), cmp.Compare(b.Owed, a.Owed), cmp.Compare(a.Name, b.Name))
	})
	return out, nil
}
