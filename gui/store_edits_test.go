package gui

import (
	"context"
	"slices"
	"time"

	"clienttracker/model"
)

// The memStore's edits, deletes and undo of the check-ins (CheckInEdits).
// The new GUI tests of these run on the real store (package gui_test);
// these keep the older view tests' fake a whole Store.

func (s *memStore) UpdateInteraction(_ context.Context, i *model.Interaction) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i.Normalize()
	if err := i.Validate(s.now); err != nil {
		return err
	}
	for k := range s.contacts {
		if c := &s.contacts[k]; c.ID == i.ID {
			i.ClientID, i.PromiseID = c.ClientID, c.PromiseID
			*c = *i
			s.restage(i.ClientID)
			return nil
		}
	}
	return model.ErrNotFound
}

// dropContact deletes a contact and returns it; s.mu must be held.
func (s *memStore) dropContact(id int64) (model.Interaction, bool) {
	for k, c := range s.contacts {
		if c.ID == id {
			s.contacts = slices.Delete(s.contacts, k, k+1)
			return c, true
		}
	}
	return model.Interaction{}, false
}

func (s *memStore) UndoLogContact(_ context.Context, contactID, promiseID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.dropContact(contactID)
	if !ok {
		return model.ErrNotFound
	}
	s.promises = slices.DeleteFunc(s.promises, func(p model.Promise) bool { return p.ID == promiseID })
	s.restage(c.ClientID)
	return nil
}

func (s *memStore) UndoKeepPromise(_ context.Context, contactID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.dropContact(contactID)
	if !ok {
		return model.ErrNotFound
	}
	for k := range s.promises {
		if p := &s.promises[k]; p.ID == c.PromiseID {
			p.Status, p.KeptOn = model.PromiseOpen, time.Time{}
		}
	}
	s.restage(c.ClientID)
	return nil
}

func (s *memStore) DeletePromise(_ context.Context, id int64) (model.DeletedPromise, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, p := range s.promises {
		if p.ID == id {
			s.promises = slices.Delete(s.promises, k, k+1)
			d := model.DeletedPromise{Promise: p}
			for j := range s.contacts {
				if c := &s.contacts[j]; c.PromiseID == id {
					d.KeptBy = append(d.KeptBy, c.ID)
					c.PromiseID = 0
				}
			}
			return d, nil
		}
	}
	return model.DeletedPromise{}, model.ErrNotFound
}

func (s *memStore) RestorePromise(_ context.Context, d model.DeletedPromise) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.promises = append(s.promises, d.Promise)
	for j := range s.contacts {
		if c := &s.contacts[j]; slices.Contains(d.KeptBy, c.ID) {
			c.PromiseID = d.Promise.ID
		}
	}
	return nil
}

func (s *memStore) DeleteComplaint(_ context.Context, id int64) (model.Complaint, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, c := range s.complaints {
		if c.ID == id {
			s.complaints = slices.Delete(s.complaints, k, k+1)
			return c, nil
		}
	}
	return model.Complaint{}, model.ErrNotFound
}

func (s *memStore) RestoreComplaint(_ context.Context, c model.Complaint) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.complaints = append(s.complaints, c)
	return nil
}

func (s *memStore) UndoPin(_ context.Context, clientID int64, was model.Pin) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.clients[clientID]
	if !ok {
		return model.ErrNotFound
	}
	c.Pin = was
	s.place(model.StageChange{ByHand: true, Reason: was.Reason}, clientID)
	return nil
}
