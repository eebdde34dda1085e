package db

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"clienttracker/model"
)

// Keys of the settings table, one per field of model.Settings.
const (
	keyMoneySymbol      = "money.symbol"
	keyMoneySymbolFirst = "money.symbol_first"
	keyMoneyDecimal     = "money.decimal"
	keyMoneyDecimals    = "money.decimals"
	keySortLanguage     = "sort.language"
	keyLanguage         = "app.language"
	keyTheme            = "app.theme"
	keyBackupDir        = "backup.dir"
	keyBackupKeepDaily  = "backup.keep_daily"
	keyBackupKeepWeekly = "backup.keep_weekly"
	keyHomeCountry      = "phone.home_country"
)

// Settings returns the owner's settings. Those never saved come from
// model.DefaultSettings(db.locale). Errors are wrapped SQLite errors.
func (db *DB) Settings(ctx context.Context) (model.Settings, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return model.Settings{}, storeErr("settings", err)
	}
	defer tx.Rollback()
	s, _, err := loadSettings(ctx, tx, db.locale)
	if err != nil {
		return model.Settings{}, storeErr("settings", err)
	}
	return s, storeErr("settings", tx.Commit())
}

// SaveSettings stores the owner's settings. If the sort language changes,
// every client's sort key is recomputed in the same transaction, so the
// list is never half in one order and half in another; if the home
// country changes, every phone is read again in the new one. It returns a
// *model.ValidationError for settings out of range and wrapped SQLite
// errors otherwise.
func (db *DB) SaveSettings(ctx context.Context, s model.Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("save settings", err)
	}
	defer tx.Rollback()
	old, _, err := loadSettings(ctx, tx, db.locale)
	if err != nil {
		return storeErr("save settings", err)
	}
	if err := saveSettings(ctx, tx, s); err != nil {
		return storeErr("save settings", err)
	}
	if model.NewCollator(old.SortLanguage).Language() != model.NewCollator(s.SortLanguage).Language() {
		if err := resortClients(ctx, tx, db.collator(s.SortLanguage)); err != nil {
			return storeErr("save settings", err)
		}
	}
	if old.HomeCountry != s.HomeCountry {
		if err := db.rereadPhones(ctx, tx); err != nil {
			return storeErr("save settings", err)
		}
	}
	return storeErr("save settings", tx.Commit())
}

// loadSettings reads the stored settings over the defaults for locale and
// reports whether every setting that depends on the locale was stored. The
// language, theme and backups have the same defaults everywhere, so a
// database from before they existed simply reads the defaults.
func loadSettings(ctx context.Context, tx *sql.Tx, locale string) (s model.Settings, complete bool, err error) {
	rows, err := tx.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return s, false, err
	}
	defer rows.Close()
	stored := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return s, false, err
		}
		stored[k] = v
	}
	if err := rows.Err(); err != nil {
		return s, false, err
	}

	s = model.DefaultSettings(locale)
	complete = true
	str := func(key string, dst *string) {
		if v, ok := stored[key]; ok {
			*dst = v
		} else {
			complete = false
		}
	}
	str(keyMoneySymbol, &s.Money.Symbol)
	str(keyMoneyDecimal, &s.Money.Decimal)
	str(keySortLanguage, &s.SortLanguage)
	str(keyHomeCountry, &s.HomeCountry)
	if v, ok := stored[keyMoneySymbolFirst]; ok {
		s.Money.SymbolFirst = v == "1"
	} else {
		complete = false
	}
	if v, ok := stored[keyMoneyDecimals]; ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			return s, false, fmt.Errorf("setting %s: %w", keyMoneyDecimals, err)
		}
		s.Money.Decimals = n
	} else {
		complete = false
	}
	if v, ok := stored[keyLanguage]; ok {
		s.Language = v
	}
	if v, ok := stored[keyTheme]; ok {
		s.Theme = v
	}
	if v, ok := stored[keyBackupDir]; ok {
		s.Backup.Dir = v
	}
	for key, dst := range map[string]*int{keyBackupKeepDaily: &s.Backup.KeepDaily, keyBackupKeepWeekly: &s.Backup.KeepWeekly} {
		if v, ok := stored[key]; ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				return s, false, fmt.Errorf("setting %s: %w", key, err)
			}
			*dst = n
		}
	}
	return s, complete, nil
}

// saveSettings writes every setting.
func saveSettings(ctx context.Context, tx *sql.Tx, s model.Settings) error {
	first := "0"
	if s.Money.SymbolFirst {
		first = "1"
	}
	for _, kv := range [][2]string{
		{keyMoneySymbol, s.Money.Symbol},
		{keyMoneySymbolFirst, first},
		{keyMoneyDecimal, s.Money.Decimal},
		{keyMoneyDecimals, strconv.Itoa(s.Money.Decimals)},
		{keySortLanguage, s.SortLanguage},
		{keyHomeCountry, s.HomeCountry},
		{keyLanguage, s.Language},
		{keyTheme, s.Theme},
		{keyBackupDir, s.Backup.Dir},
		{keyBackupKeepDaily, strconv.Itoa(s.Backup.KeepDaily)},
		{keyBackupKeepWeekly, strconv.Itoa(s.Backup.KeepWeekly)},
	} {
		if err := putSetting(ctx, tx, kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// pinSettings returns the settings and, the first time anything that
// depends on them is written, stores the defaults they came from. Amounts
// are minor units of the stored money format and sort keys follow the
// stored language, so a later change of the OS locale must not change how
// existing data reads.
func pinSettings(ctx context.Context, tx *sql.Tx, locale string) (model.Settings, error) {
	s, complete, err := loadSettings(ctx, tx, locale)
	if err != nil || complete {
		return s, err
	}
	return s, saveSettings(ctx, tx, s)
}

// collator returns a collator for lang, reusing the last one: building a
// collator costs far more than a sort key.
func (db *DB) collator(lang string) *model.Collator {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.coll == nil || db.collLang != lang {
		db.coll, db.collLang = model.NewCollator(lang), lang
	}
	return db.coll
}

// resortClients recomputes every client's sort key with coll.
func resortClients(ctx context.Context, tx *sql.Tx, coll *model.Collator) error {
	type idName struct {
		id   int64
		name string
	}
	// Read everything first: updating rows while a query over the same
	// table is still stepping would be undefined.
	var all []idName
	rows, err := tx.QueryContext(ctx, "SELECT id, name FROM clients")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c idName
		if err := rows.Scan(&c.id, &c.name); err != nil {
			return err
		}
		all = append(all, c)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, "UPDATE clients SET sort_key = ? WHERE id = ?")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, c := range all {
		if _, err := stmt.ExecContext(ctx, coll.Key(c.name), c.id); err != nil {
			return err
		}
	}
	return nil
}
