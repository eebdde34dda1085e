package db

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"clienttracker/model"
)

func TestSettings(t *testing.T) {
	ctx := context.Background()

	t.Run("DefaultsFromLocale", func(t *testing.T) {
		db := mustOpen(t)
		for _, locale := range []string{"ro-RO", "hy-AM", "en-US", ""} {
			db.locale = locale
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
			Language:     "hy",
			Theme:        model.ThemeDark,
			Backup:       model.BackupSettings{Dir: t.TempDir(), KeepDaily: 14, KeepWeekly: 0},
		}
		if err := db.SaveSettings(ctx, want); err != nil {
			t.Fatal(err)
		}
		db.locale = "en-US" // stored settings win over the locale
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
		db.locale = "hy-AM"
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

	// A database from before the language, theme and backup settings
	// existed reads their defaults.
	t.Run("OldDatabaseGetsDefaults", func(t *testing.T) {
		db := mustOpen(t)
		want := model.DefaultSettings("ro-RO")
		changed := want
		changed.Language, changed.Theme = "ru", model.ThemeLight
		changed.Backup = model.BackupSettings{Dir: t.TempDir(), KeepDaily: 30, KeepWeekly: 12}
		if err := db.SaveSettings(ctx, changed); err != nil {
			t.Fatal(err)
		}
		tx, err := db.beginWrite(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE key LIKE 'app.%' OR key LIKE 'backup.%'"); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		got, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Settings = %+v, want the defaults %+v", got, want)
		}
	})

	t.Run("ErrInvalidNotSaved", func(t *testing.T) {
		db := mustOpen(t)
		before, err := db.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		bad := before
		bad.Theme = model.ThemeDark
		bad.Backup.KeepDaily = 0
		err = db.SaveSettings(ctx, bad)
		if ve, ok := model.AsValidation(err); !ok || len(ve.Fields) != 1 || ve.Fields[0].Field != model.FieldKeepDaily {
			t.Fatalf("SaveSettings(KeepDaily 0) = %v, want a validation error for %s", err, model.FieldKeepDaily)
		}
		if got, _ := db.Settings(ctx); got != before {
			t.Errorf("after a refused save Settings = %+v, want %+v", got, before)
		}
	})
}

// TestAutoBackupSettings checks AutoBackup copies into the owner's folder
// and keeps the owner's number of copies.
func TestAutoBackupSettings(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpenPath(t, filepath.Join(dir, "clients.db"))
	backups := filepath.Join(t.TempDir(), "Shop copies")
	s, err := db.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Backup = model.BackupSettings{Dir: backups, KeepDaily: 3, KeepWeekly: 2}
	if err := db.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(backups, 0o700); err != nil {
		t.Fatal(err)
	}
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) // a Monday, ISO week 48
	for i := 1; i <= 20; i++ {
		name := "clients-" + model.FormatDate(today.AddDate(0, 0, -i)) + ".db"
		if err := os.WriteFile(filepath.Join(backups, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path, made, err := db.AutoBackup(ctx, today.Add(9*time.Hour))
	if err != nil || !made {
		t.Fatalf("made %v, error %v", made, err)
	}
	if want := filepath.Join(backups, "clients-2026-11-23.db"); path != want {
		t.Errorf("copy made at %s, want %s", path, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "backups")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a backups folder was made next to the database (%v)", err)
	}
	// The three newest, and the newest older copy of week 47 (the 20th);
	// week 48 has no older copy.
	want := []string{"clients-2026-11-20.db", "clients-2026-11-21.db", "clients-2026-11-22.db", "clients-2026-11-23.db"}
	if got := dirNames(t, backups); !slices.Equal(got, want) {
		t.Errorf("backups folder holds\n%q, want\n%q", got, want)
	}
}
