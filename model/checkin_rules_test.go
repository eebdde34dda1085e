package model

import (
	"testing"
	"time"
)

func TestValidateSnooze(t *testing.T) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.Local)
	for _, tc := range []struct {
		name  string
		until time.Time
		ok    bool
	}{
		{"OK", today.AddDate(0, 0, 1), true},
		{"OKLateInTheDay", today.AddDate(0, 0, 1).Add(23 * time.Hour), true},
		{"OKEndsTheSnooze", time.Time{}, true},
		{"ErrToday", today.Add(20 * time.Hour), false},
		{"ErrYesterday", today.AddDate(0, 0, -1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateSnooze(tc.until, today.Add(9*time.Hour))
			if tc.ok != (err == nil) {
				t.Fatalf("ValidateSnooze(%v) = %v, want ok %v", tc.until, err, tc.ok)
			}
			if err != nil {
				ve, ok := AsValidation(err)
				if !ok {
					t.Fatalf("%v is not a *ValidationError", err)
				}
				if _, ok := ve.For(FieldSnooze); !ok {
					t.Errorf("%v does not name %s", err, FieldSnooze)
				}
			}
		})
	}
}

func TestDefaultPromiseDue(t *testing.T) {
	made := time.Date(2026, 12, 28, 15, 4, 0, 0, time.Local)
	if got, want := DefaultPromiseDue(made), time.Date(2027, 1, 4, 0, 0, 0, 0, time.Local); !got.Equal(want) {
		t.Errorf("DefaultPromiseDue(%v) = %v, want %v", made, got, want)
	}
}

func TestContactChannelFor(t *testing.T) {
	for pref, want := range map[Channel]ContactChannel{
		ChannelNone: ContactCall, ChannelPhone: ContactCall, ChannelMessage: ContactMessage,
		ChannelEmail: ContactEmail, ChannelInPerson: ContactInShop,
	} {
		if got := ContactChannelFor(pref); got != want {
			t.Errorf("ContactChannelFor(%q) = %q, want %q", pref, got, want)
		}
	}
}

func TestKeptPromiseContact(t *testing.T) {
	at := time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)
	p := Promise{ID: 7, ClientID: 3, What: "call when the boots arrive"}
	got := KeptPromiseContact(p, at, ChannelEmail)
	want := Interaction{ClientID: 3, PromiseID: 7, At: at, Channel: ContactEmail}
	if got != want {
		t.Errorf("KeptPromiseContact = %+v, want %+v", got, want)
	}
	got.Normalize()
	if err := got.Validate(at); err != nil {
		t.Errorf("the kept-promise contact is not valid: %v", err)
	}
}
