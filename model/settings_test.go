package model

import (
	"slices"
	"testing"
)

func TestDefaultSettings(t *testing.T) {
	backup := BackupSettings{KeepDaily: 7, KeepWeekly: 4}
	tests := []struct {
		locale string
		want   Settings
	}{
		{"ro_RO.UTF-8", Settings{Money: MoneyFormat{Symbol: "lei", Decimal: ",", Decimals: 2}, SortLanguage: "ro", Backup: backup, HomeCountry: "RO"}},
		{"hy-AM", Settings{Money: MoneyFormat{Symbol: "֏", Decimal: ".", Decimals: 0}, SortLanguage: "hy", Backup: backup, HomeCountry: "AM"}},
		{"KA-GE", Settings{Money: MoneyFormat{Symbol: "₾", Decimal: ",", Decimals: 2}, SortLanguage: "ka", Backup: backup, HomeCountry: "GE"}},
		{"", Settings{Money: DefaultMoneyFormat, SortLanguage: "", Backup: backup}},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			got := DefaultSettings(tt.locale)
			if got != tt.want {
				t.Errorf("DefaultSettings(%q) = %+v, want %+v", tt.locale, got, tt.want)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("the defaults do not validate: %v", err)
			}
		})
	}
}

// settingsFields returns the fields a Validate result names, in order.
func settingsFields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	ve, ok := AsValidation(err)
	if !ok {
		t.Fatalf("Validate returned %T %v, want a *ValidationError", err, err)
	}
	var fs []string
	for _, f := range ve.Fields {
		fs = append(fs, f.Field)
	}
	return fs
}

func TestSettingsValidate(t *testing.T) {
	abs := t.TempDir()
	tests := []struct {
		name string
		edit func(*Settings)
		want []string
	}{
		{"OK", func(*Settings) {}, nil},
		{"OKEverythingSet", func(s *Settings) {
			s.Language, s.Theme = "hy", ThemeDark
			s.Backup = BackupSettings{Dir: abs, KeepDaily: MaxKeepDaily, KeepWeekly: 0}
		}, nil},
		{"OKSystemTheme", func(s *Settings) { s.Theme = ThemeSystem }, nil},
		{"ErrSymbolTooLong", func(s *Settings) { s.Money.Symbol = "Armenian dram" }, []string{FieldCurrencySymbol}},
		{"OKSymbolOfEightLetters", func(s *Settings) { s.Money.Symbol = "ლარილარი" }, nil},
		{"ErrLanguage", func(s *Settings) { s.Language = "not a language tag" }, []string{FieldAppLanguage}},
		{"ErrTheme", func(s *Settings) { s.Theme = "purple" }, []string{FieldTheme}},
		{"ErrRelativeBackupDir", func(s *Settings) { s.Backup.Dir = "backups" }, []string{FieldBackupDir}},
		{"ErrNoDailyCopies", func(s *Settings) { s.Backup.KeepDaily = 0 }, []string{FieldKeepDaily}},
		{"ErrTooManyDailyCopies", func(s *Settings) { s.Backup.KeepDaily = MaxKeepDaily + 1 }, []string{FieldKeepDaily}},
		{"ErrNegativeWeekly", func(s *Settings) { s.Backup.KeepWeekly = -1 }, []string{FieldKeepWeekly}},
		{"ErrTooManyWeekly", func(s *Settings) { s.Backup.KeepWeekly = MaxKeepWeekly + 1 }, []string{FieldKeepWeekly}},
		{"ErrEveryField", func(s *Settings) {
			s.Money.Symbol, s.Language, s.Theme = "123456789", "??", "blue"
			s.Backup = BackupSettings{Dir: "x", KeepDaily: -3, KeepWeekly: 99}
		}, []string{FieldCurrencySymbol, FieldAppLanguage, FieldTheme, FieldBackupDir, FieldKeepDaily, FieldKeepWeekly}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings("ro-RO")
			tt.edit(&s)
			if got := settingsFields(t, s.Validate()); !slices.Equal(got, tt.want) {
				t.Errorf("Validate names %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBackupSettingsValidateMessage(t *testing.T) {
	err := BackupSettings{KeepDaily: 0, KeepWeekly: 4}.Validate()
	ve, ok := AsValidation(err)
	if !ok {
		t.Fatalf("Validate = %v, want a *ValidationError", err)
	}
	if got, want := ve.Fields[0].Text(), "Keep between 1 and 60 daily copies."; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestScheduleSettingsValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*ScheduleSettings)
		want []string
	}{
		{"OK", func(*ScheduleSettings) {}, nil},
		{"OKNoCheckIns", func(s *ScheduleSettings) { s.Intervals[StageNewbie] = 0 }, nil},
		{"OKNoFollowUp", func(s *ScheduleSettings) { s.FollowUpDays = 0 }, nil},
		{"OKLongest", func(s *ScheduleSettings) { s.Intervals[StageVIP], s.FollowUpDays = maxSettingDays, maxSettingDays }, nil},
		{"ErrNegativeInterval", func(s *ScheduleSettings) { s.Intervals[StageLoyal] = -1 }, []string{FieldInterval(StageLoyal)}},
		{"ErrIntervalTooLong", func(s *ScheduleSettings) { s.Intervals[StageVIP] = maxSettingDays + 1 }, []string{FieldInterval(StageVIP)}},
		{"ErrFollowUp", func(s *ScheduleSettings) { s.FollowUpDays = -2 }, []string{FieldFollowUpDays}},
		{"ErrInLadderOrder", func(s *ScheduleSettings) {
			s.Intervals[StageVIP], s.Intervals[StageNewbie] = -1, -1
		}, []string{FieldInterval(StageNewbie), FieldInterval(StageVIP)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultScheduleSettings()
			tt.edit(&s)
			if got := settingsFields(t, s.Validate()); !slices.Equal(got, tt.want) {
				t.Errorf("Validate names %q, want %q", got, tt.want)
			}
		})
	}
}
