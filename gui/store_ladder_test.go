package gui

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"clienttracker/model"
)

// The memStore's customer-type ladder: every client is placed by the same
// model rules the real store applies (ComputeStage over the client's facts,
// then the pin), and every change of rung is recorded, by hand for a pin or
// an unpin, else as the rules' move.

// ladderSettings returns the thresholds in use; s.mu must be held.
func (s *memStore) ladderSettings() model.LadderSettings {
	if s.ladder != nil {
		return *s.ladder
	}
	return model.DefaultLadderSettings()
}

// facts gathers what the ladder rules need to know about c; s.mu must be
// held.
func (s *memStore) facts(c *model.Client) model.StageFacts {
	today := model.Day(s.now)
	yearAgo := today.AddDate(-1, 0, 0)
	f := model.StageFacts{MarkedVIP: c.Marks.VIP, MarkedBlacklist: c.Marks.Blacklist, BuysOnlyHere: c.Marks.BuysOnlyHere}
	for _, i := range s.contacts {
		if i.ClientID == c.ID {
			f.Contacts++
		}
	}
	for _, p := range s.purchases {
		if p.ClientID != c.ID {
			continue
		}
		f.Purchases++
		f.PurchaseDates = append(f.PurchaseDates, p.Date)
		if p.Date.After(yearAgo) && !p.Date.After(today) {
			f.Spend12m += p.Amount
		}
		if p.Unpaid > 0 && !p.DueDate.IsZero() && p.DueDate.Before(today) {
			f.OldestOverdueDebtDays = max(f.OldestOverdueDebtDays, model.DaysBetween(p.DueDate, today))
		}
	}
	for _, o := range s.clients {
		if o.ReferredBy == c.ID && o.ID != c.ID {
			f.Referrals++
		}
	}
	return f
}

// stand fills c's rung, computed rung, Lapsed badge and "ready to move up"
// hint from the rules; s.mu must be held.
func (s *memStore) stand(c *model.Client) {
	set, f := s.ladderSettings(), s.facts(c)
	c.AutoStage = model.ComputeStage(f, set, s.now)
	c.Stage = model.EffectiveStage(c.AutoStage, c.Pin)
	c.Lapsed = model.Lapsed(f.PurchaseDates, s.now, set)
	c.Ready = model.ReadyToMoveUp(c.Stage, f, set, s.now)
}

// restage places the clients ids again after something of theirs changed
// and records the rules' moves; a client placed for the first time has not
// moved. s.mu must be held.
func (s *memStore) restage(ids ...int64) {
	s.place(model.StageChange{}, ids...)
}

// place puts the clients ids on their rungs, recording each move like
// cause (its At, ByHand and Reason); s.mu must be held.
func (s *memStore) place(cause model.StageChange, ids ...int64) {
	for _, id := range ids {
		c, ok := s.clients[id]
		if !ok {
			continue
		}
		cp := *c
		s.stand(&cp)
		old, placed := s.rungs[id]
		s.rungs[id] = cp.Stage
		if placed && old != cp.Stage {
			m := cause
			m.ID, m.ClientID, m.From, m.To, m.At = s.id(), id, old, cp.Stage, s.now
			s.moves = append(s.moves, m)
		}
	}
}

func (s *memStore) PinStage(_ context.Context, clientID int64, pin model.Pin) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.takeFail(); err != nil {
		return err
	}
	pin.Normalize()
	if err := pin.Validate(); err != nil {
		return err
	}
	c, ok := s.clients[clientID]
	if !ok {
		return model.ErrNotFound
	}
	c.Pin = pin
	s.place(model.StageChange{ByHand: true, Reason: pin.Reason}, clientID)
	return nil
}

func (s *memStore) ListStageChanges(_ context.Context, clientID int64) ([]model.StageChange, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []model.StageChange{}
	for _, m := range s.moves {
		if m.ClientID == clientID {
			out = append(out, m)
		}
	}
	// The memStore's clock stands still: the later id is the newer move.
	slices.SortFunc(out, func(a, b model.StageChange) int {
		return cmp.Or(b.At.Compare(a.At), cmp.Compare(b.ID, a.ID))
	})
	return out, nil
}

// onLadder returns every client on the ladder (the lost are not), with
// their standing filled in; s.mu must be held.
func (s *memStore) onLadder() []*model.Client {
	var out []*model.Client
	for _, c := range s.clients {
		if !c.Lost.IsLost() {
			out = append(out, s.copyClient(c))
		}
	}
	return out
}

func (s *memStore) LadderSummary(_ context.Context, moveDays int) (model.LadderSummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sum := model.LadderSummary{MoveDays: moveDays, Rungs: make([]model.RungStat, len(model.Stages))}
	for i, st := range model.Stages {
		sum.Rungs[i].Stage = st
	}
	for _, c := range s.onLadder() {
		i := slices.Index(model.Stages, c.Stage)
		if i < 0 {
			continue
		}
		r := &sum.Rungs[i]
		r.Clients++
		r.Spend += c.Summary.Total
		if c.Lapsed {
			r.Lapsed++
		}
		if c.Ready != "" {
			r.Ready++
		}
	}
	if moveDays > 0 {
		since := s.now.AddDate(0, 0, -moveDays)
		counts := map[[2]model.Stage]int{}
		for _, m := range s.moves {
			if !m.At.Before(since) {
				counts[[2]model.Stage{m.From, m.To}]++
			}
		}
		for k, n := range counts {
			sum.Moves = append(sum.Moves, model.MoveCount{From: k[0], To: k[1], Count: n})
		}
		slices.SortFunc(sum.Moves, func(a, b model.MoveCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), strings.Compare(string(a.From), string(b.From)),
				strings.Compare(string(a.To), string(b.To)))
		})
	}
	return sum, nil
}

func (s *memStore) ListLadder(_ context.Context, q model.LadderQuery) ([]*model.Client, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	all := slices.DeleteFunc(s.onLadder(), func(c *model.Client) bool {
		return c.Stage != q.Stage || (q.ReadyOnly && c.Ready == "") || (q.LapsedOnly && !c.Lapsed)
	})
	slices.SortFunc(all, func(a, b *model.Client) int {
		return cmp.Or(cmp.Compare(b.Summary.Total, a.Summary.Total), strings.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	total := len(all)
	all = all[min(max(q.Offset, 0), total):]
	if q.Limit > 0 && len(all) > q.Limit {
		all = all[:q.Limit]
	}
	return all, total, nil
}

func (s *memStore) LadderSettings(context.Context) (model.LadderSettings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ladderSettings(), nil
}

func (s *memStore) SaveLadderSettings(_ context.Context, set model.LadderSettings) error {
	if err := set.Validate(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ladder = &set
	return nil
}
