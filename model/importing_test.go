package model

import (
	"slices"
	"testing"
	"time"
)

func TestPhoneMatchKey(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"+373 69 123 456", "069123456"},
		{"+40 (721) 000-111", "0721 000 111"},
		{"+374 10 123456", "010 12 34 56"},
	} {
		if ka, kb := PhoneMatchKey(tt.a), PhoneMatchKey(tt.b); ka == "" || ka != kb {
			t.Errorf("PhoneMatchKey(%q) = %q, PhoneMatchKey(%q) = %q: want the same", tt.a, ka, tt.b, kb)
		}
	}
	if k := PhoneMatchKey("0721 555 001"); k == PhoneMatchKey("0721 555 002") {
		t.Errorf("different numbers share the key %q", k)
	}
	if k := PhoneMatchKey("112"); k != "" {
		t.Errorf("a 3-digit number has key %q, want none", k)
	}
}

func TestUpdateFrom(t *testing.T) {
	since := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	stored := Client{ID: 7, Name: "Ana Popescu", Email: "ana@example.ro", City: "Cluj", Phones: []string{"0721 000 111"},
		Tags: []string{"rochii"}, Notes: "size 38", Since: since, Marks: Marks{VIP: true}, ReferredBy: 3}
	in := Client{Name: "Ana P.", City: "Iași", Phones: []string{"+40 721 000 111", "0744 222 333"},
		Tags: []string{"ROCHII", "pantofi"}, Notes: "size 38"}
	got := UpdateFrom(stored, in)
	if got.ID != 7 || got.Name != "Ana P." || got.City != "Iași" || got.Email != "ana@example.ro" ||
		!got.Since.Equal(since) || !got.Marks.VIP || got.ReferredBy != 3 {
		t.Errorf("UpdateFrom = %+v", got)
	}
	if !slices.Equal(got.Phones, []string{"0721 000 111", "0744 222 333"}) || !slices.Equal(got.Tags, []string{"rochii", "pantofi"}) ||
		got.Notes != "size 38" {
		t.Errorf("phones %q tags %q notes %q", got.Phones, got.Tags, got.Notes)
	}
	if len(stored.Phones) != 1 || len(stored.Tags) != 1 {
		t.Error("UpdateFrom changed the stored client's slices")
	}
}

func TestMergeInto(t *testing.T) {
	early := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	keep := Client{ID: 1, Name: "Ana", Email: "", City: "Cluj", Since: early.AddDate(2, 0, 0), Notes: "a"}
	other := Client{ID: 2, Name: "Ana P.", Email: "ana@example.ro", City: "Iași", Since: early, Notes: "b",
		ReferredBy: 1, Marks: Marks{Blacklist: true}, Pin: Pin{Stage: StageLoyal, Reason: "old friend"}}
	got := MergeInto(keep, other)
	if got.Name != "Ana" || got.City != "Cluj" || got.Email != "ana@example.ro" || !got.Since.Equal(early) ||
		got.Notes != "a\nb" || got.ReferredBy != 0 || !got.Marks.Blacklist || got.Pin.Stage != StageLoyal {
		t.Errorf("MergeInto = %+v", got)
	}
}
