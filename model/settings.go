package model

import (
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Settings are the owner's choices that the rules and the window depend
// on. They live in the database so a backup carries them; only the window
// size and the last opened file stay with the computer.
type Settings struct {
	Money        MoneyFormat
	SortLanguage string // BCP 47 tag used to sort names
	// Language is the BCP 47 tag of the window's language ("ro", "hy");
	// "" follows the operating system. It takes effect on the next start.
	Language string
	// Theme is ThemeLight or ThemeDark to force one, ThemeSystem (or "")
	// to follow the operating system.
	Theme  string
	Backup BackupSettings
	// HomeCountry is the ISO 3166 code of the shop's country ("AM"): a
	// phone number typed without its country code is read as one of this
	// country (PhoneE164). "" reads only numbers typed with their code.
	HomeCountry string
}

// The themes the window offers.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
)

// BackupSettings say where the daily automatic copies of the database go
// and how many are kept.
type BackupSettings struct {
	// Dir is the folder of the copies, an absolute path; "" is a "backups"
	// folder next to the database, which moves with it.
	Dir string
	// KeepDaily is how many of the newest copies are kept whatever their
	// age, so that an owner back after a break still has copies from
	// before it.
	KeepDaily int
	// KeepWeekly is how many ISO weeks, up to the current one, keep their
	// newest older copy.
	KeepWeekly int
}

// The retention the owner may choose: a copy a day for two months at most,
// a copy a week for a year.
const (
	MaxKeepDaily  = 60
	MaxKeepWeekly = 52
)

// DefaultBackupSettings returns the retention of a new database: a week
// of daily copies and a month of weekly ones.
func DefaultBackupSettings() BackupSettings {
	return BackupSettings{KeepDaily: 7, KeepWeekly: 4}
}

// Field names of the settings in validation errors.
const (
	FieldCurrencySymbol = "symbol"
	FieldAppLanguage    = "app_language"
	FieldTheme          = "theme"
	FieldBackupDir      = "backup_dir"
	FieldKeepDaily      = "backup_keep_daily"
	FieldKeepWeekly     = "backup_keep_weekly"
	FieldFollowUpDays   = "follow_up_days"
	FieldHomeCountry    = "home_country"
	FieldFollowUpWindow = "follow_up_window_days"
	FieldOccasionWindow = "occasion_window_days"
	FieldFirstCheckIn   = "first_check_in_days"
	FieldOverdueFactor  = "overdue_factor"
)

// FieldInterval names the check-in interval of rung st in validation
// errors.
func FieldInterval(st Stage) string { return "interval_" + string(st) }

// maxSymbolLen is the longest currency symbol: "lei" and "USD" fit, a
// sentence does not.
const maxSymbolLen = 8

// DefaultSettings returns the settings for a new database on a machine whose
// OS locale is locale (e.g. "ro-RO"; "" if unknown).
func DefaultSettings(locale string) Settings {
	lang, _, _ := strings.Cut(strings.ReplaceAll(locale, "_", "-"), "-")
	return Settings{Money: MoneyFormatForLocale(locale), SortLanguage: strings.ToLower(lang),
		Backup: DefaultBackupSettings(), HomeCountry: RegionForLocale(locale)}
}

// Validate returns a *ValidationError listing every setting out of range,
// or nil.
func (s Settings) Validate() error {
	ve := &ValidationError{}
	if utf8.RuneCountInString(s.Money.Symbol) > maxSymbolLen {
		ve.add(FieldCurrencySymbol, "Keep the currency symbol short: at most {{.Max}} characters.", "Max", maxSymbolLen)
	}
	if s.Language != "" {
		if _, err := language.Parse(s.Language); err != nil {
			ve.add(FieldAppLanguage, "Choose a language from the list.")
		}
	}
	if s.HomeCountry != "" && NormalizeRegion(s.HomeCountry) != s.HomeCountry {
		ve.add(FieldHomeCountry, "Choose the shop's country from the list.")
	}
	switch s.Theme {
	case "", ThemeSystem, ThemeLight, ThemeDark:
	default:
		ve.add(FieldTheme, "Choose System, Light or Dark.")
	}
	ve.Merge(s.Backup.Validate())
	return ve.err()
}

// Validate returns a *ValidationError for a folder that is not a whole
// path or a retention out of range, or nil.
func (b BackupSettings) Validate() error {
	ve := &ValidationError{}
	// A relative folder would depend on where the app was started from.
	if b.Dir != "" && !filepath.IsAbs(b.Dir) {
		ve.add(FieldBackupDir, "Choose the folder with the Choose button, or leave it empty for a backups folder next to the database.")
	}
	if b.KeepDaily < 1 || b.KeepDaily > MaxKeepDaily {
		ve.add(FieldKeepDaily, "Keep between 1 and {{.Max}} daily copies.", "Max", MaxKeepDaily)
	}
	if b.KeepWeekly < 0 || b.KeepWeekly > MaxKeepWeekly {
		ve.add(FieldKeepWeekly, "Keep between 0 and {{.Max}} weekly copies.", "Max", MaxKeepWeekly)
	}
	return ve.err()
}

// Validate returns a *ValidationError for a check-in interval or a
// follow-up delay out of range, or nil. An interval of 0 means the rung
// gets no regular check-ins (the black list's default).
func (s ScheduleSettings) Validate() error {
	ve := &ValidationError{}
	for _, st := range Stages {
		if d := s.Intervals[st]; d < 0 || d > maxSettingDays {
			ve.add(FieldInterval(st), "Enter a number of days from 1 to {{.Max}}, or 0 for no regular check-ins.", "Max", maxSettingDays)
		}
	}
	if s.DailyCapacity < 1 || s.DailyCapacity > MaxDailyCapacity {
		ve.add(FieldDailyCapacity, "Enter how many clients you can contact in a day, from 1 to {{.Max}}.", "Max", MaxDailyCapacity)
	}
	if s.FollowUpDays < 0 || s.FollowUpDays > maxSettingDays {
		ve.add(FieldFollowUpDays, "Enter a number of days from 0 (no follow-up) to {{.Max}}.", "Max", maxSettingDays)
	}
	for _, w := range []struct {
		field string
		days  int
	}{{FieldFollowUpWindow, s.FollowUpWindowDays}, {FieldOccasionWindow, s.OccasionWindowDays}, {FieldFirstCheckIn, s.FirstCheckInDays}} {
		if w.days < 0 || w.days > maxSettingDays {
			ve.add(w.field, "Enter a number of days from 0 to {{.Max}}.", "Max", maxSettingDays)
		}
	}
	if !(s.OverdueFactor >= 1 && s.OverdueFactor <= 10) {
		ve.add(FieldOverdueFactor, "Enter a number from 1 to 10, for example 1.5.")
	}
	return ve.err()
}
