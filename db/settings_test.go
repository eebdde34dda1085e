package db

import (
	"context"
	"slices"
	"testing"

	"clienttracker/model"
)

func TestSettings(t *testing.T) {
	ctx := context.Background()

	t.Run("DefaultsFromLocale", func(t *testing.T) {
		db := mustOpen(t)
		for _, locale := range []string{"ro-RO", "hy-AM", "en-US", ""} {
			db.Locale = locale
			got, err := db.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if want := model.DefaultSettings(locale); got != want {
				t.Errorf("Settings with locale %q = %+v, want %+v", locale, got, want)
			}
		}
	})

	t.Run("RoundTrip", func(t *testing.T) {
		db := mustOpen(t)
		want := model.Settings{
			Money:        model.MoneyFormat{Symbol: "֏", SymbolFirst: true, Decimal: ",", Decimals: 0},
			SortLanguage: "hy",
		}
		if err := db.SaveSettings(ctx, want); err != nil {
			t.Fatal(err)
		}
		db.Locale = "en-US" // stored settings win over the locale
		got, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Settings = %+v, want %+v", got, want)
		}
	})

	// The first write that depends on the settings stores them, so a later
	// change of OS locale cannot reinterpret amounts or sort keys.
	t.Run("PinnedOnFirstWrite", func(t *testing.T) {
		db := mustOpen(t)
		mustCreateClient(t, db, &model.Client{Name: "Ana"})
		db.Locale = "hy-AM"
		got, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := model.DefaultSettings("ro-RO"); got != want {
			t.Errorf("Settings = %+v, want the ro-RO defaults %+v", got, want)
		}
	})

	t.Run("SortLanguageChangeResorts", func(t *testing.T) {
		db := mustOpen(t)
		for _, name := range []string{"Tudor", "Ștefan", "Szabo", "Sorin"} {
			mustCreateClient(t, db, &model.Client{Name: name})
		}
		order := func() []string {
			cs, _ := mustList(t, db, model.ClientFilter{Sort: model.SortName})
			return names(cs)
		}
		if got, want := order(), []string{"Sorin", "Szabo", "Ștefan", "Tudor"}; !slices.Equal(got, want) {
			t.Fatalf("Romanian order %q, want %q", got, want)
		}
		s, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s.SortLanguage = "en"
		if err := db.SaveSettings(ctx, s); err != nil {
			t.Fatal(err)
		}
		// In English Ș is an S with an accent, so Ștefan sorts as Stefan.
		if got, want := order(), []string{"Sorin", "Ștefan", "Szabo", "Tudor"}; !slices.Equal(got, want) {
			t.Errorf("English order %q, want %q", got, want)
		}
		// New clients get keys in the new language too.
		mustCreateClient(t, db, &model.Client{Name: "Șerban"})
		if got, want := order(), []string{"Șerban", "Sorin", "Ștefan", "Szabo", "Tudor"}; !slices.Equal(got, want) {
			t.Errorf("after adding Șerban: %q, want %q", got, want)
		}
	})
}
