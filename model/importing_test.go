package model

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestUpdateFrom(t *testing.T) {
	since := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	stored := Client{ID: 7, Name: "Ana Popescu", Email: "ana@example.ro", City: "Cluj", Phones: []string{"0721 000 111"},
		Tags: []string{"rochii"}, Notes: "size 38", Since: since, Marks: Marks{VIP: true}, ReferredBy: 3}
	in := Client{Name: "Ana P.", Email: "ana.p@example.com", City: "Iași", Phones: []string{"+40 721 000 111", "0744 222 333"},
		Tags: []string{"ROCHII", "pantofi"}, Notes: "size 38"}

	t.Run("KeepsWhoTheClientIs", func(t *testing.T) {
		got, changes := UpdateFrom(stored, in, RegionKeys("RO"), false)
		if got.ID != 7 || got.Name != "Ana Popescu" || got.City != "Iași" || got.Email != "ana@example.ro" ||
			!got.Since.Equal(since) || !got.Marks.VIP || got.ReferredBy != 3 {
			t.Errorf("UpdateFrom = %+v", got)
		}
		// +40 721 000 111 is 0721 000 111 in Romania: only the new number is added.
		if !slices.Equal(got.Phones, []string{"0721 000 111", "0744 222 333"}) || !slices.Equal(got.Tags, []string{"rochii", "pantofi"}) {
			t.Errorf("phones %q tags %q", got.Phones, got.Tags)
		}
		if want := "size 38\nOther name: Ana P.\nOther email: ana.p@example.com"; got.Notes != want {
			t.Errorf("notes %q, want %q", got.Notes, want)
		}
		want := []FieldChange{
			{Field: FieldName, Old: "Ana Popescu", New: "Ana P."},
			{Field: FieldEmail, Old: "ana@example.ro", New: "ana.p@example.com"},
			{Field: FieldPhones, Old: "0721 000 111", New: "0744 222 333"},
		}
		if !reflect.DeepEqual(changes, want) {
			t.Errorf("changes %+v\nwant %+v", changes, want)
		}
		if len(stored.Phones) != 1 || len(stored.Tags) != 1 {
			t.Error("UpdateFrom changed the stored client's slices")
		}
	})
	t.Run("Replace", func(t *testing.T) {
		got, changes := UpdateFrom(stored, in, RegionKeys("RO"), true)
		if got.Name != "Ana P." || got.Email != "ana.p@example.com" || !slices.Equal(got.Phones, in.Phones) {
			t.Errorf("UpdateFrom = %+v", got)
		}
		if want := "size 38\nOther email: ana@example.ro"; got.Notes != want {
			t.Errorf("notes %q, want %q: the replaced email is kept in the notes", got.Notes, want)
		}
		if len(changes) != 3 || !changes[0].Replaced || !changes[1].Replaced || !changes[2].Replaced {
			t.Errorf("changes %+v, want three replaced", changes)
		}
	})
	t.Run("FillsWhatIsEmpty", func(t *testing.T) {
		got, changes := UpdateFrom(Client{ID: 1, Name: "Ion"}, Client{Name: "ion", Email: "ion@example.md", Phones: []string{"069 123 456"}}, RegionKeys("MD"), false)
		if got.Name != "Ion" || got.Email != "ion@example.md" || !slices.Equal(got.Phones, []string{"069 123 456"}) || len(changes) != 0 {
			t.Errorf("UpdateFrom = %+v, changes %+v", got, changes)
		}
	})
	t.Run("AnotherCountrysNumberIsAdded", func(t *testing.T) {
		// The same last eight digits, two countries: two numbers.
		got, changes := UpdateFrom(Client{Name: "Ana", Phones: []string{"+40 721 123 456"}}, Client{Name: "Ana", Phones: []string{"+33 6 21 12 34 56"}}, RegionKeys("RO"), false)
		if len(got.Phones) != 2 || len(changes) != 1 || changes[0].Field != FieldPhones {
			t.Errorf("phones %q, changes %+v", got.Phones, changes)
		}
	})
}

func TestMergeInto(t *testing.T) {
	early := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	keep := Client{ID: 1, Name: "Ana", Email: "", City: "Cluj", Since: early.AddDate(2, 0, 0), Notes: "a"}
	other := Client{ID: 2, Name: "Ana P.", Email: "ana@example.ro", City: "Iași", Since: early, Notes: "b",
		ReferredBy: 1, Marks: Marks{Blacklist: true}, Pin: Pin{Stage: StageLoyal, Reason: "old friend"}}
	got := MergeInto(keep, other, RegionKeys("RO"))
	if got.Name != "Ana" || got.City != "Cluj" || got.Email != "ana@example.ro" || !got.Since.Equal(early) ||
		got.Notes != "a\nb" || got.ReferredBy != 0 || !got.Marks.Blacklist || got.Pin.Stage != StageLoyal {
		t.Errorf("MergeInto = %+v", got)
	}
}

func TestImportUndoneText(t *testing.T) {
	for _, tc := range []struct {
		created, updated int
		want             string
	}{
		{1, 0, "1 new client removed, 0 updated clients put back as they were"},
		{3, 1, "3 new clients removed, 1 updated client put back as they were"},
	} {
		if got := (ImportUndo{Created: tc.created, Updated: tc.updated}).UndoneText(); got != tc.want {
			t.Errorf("%d created, %d updated: %q, want %q", tc.created, tc.updated, got, tc.want)
		}
	}
}
