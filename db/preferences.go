package db

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"slices"

	"clienttracker/model"
)

// CreatePreference normalizes, validates and stores p for client
// p.ClientID, and sets p.ID. It returns a *model.ValidationError for
// invalid input, model.ErrNotFound if there is no such client, and wrapped
// SQLite errors otherwise.
func (db *DB) CreatePreference(ctx context.Context, p *model.Preference) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("create preference", err)
	}
	defer tx.Rollback()
	if err := mustExist(ctx, tx, "clients", p.ClientID); err != nil {
		return storeErr("create preference", err)
	}
	res, err := tx.ExecContext(ctx, sqlInsertPreference, preferenceArgs(p)...)
	if err != nil {
		return storeErr("create preference", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return storeErr("create preference", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("create preference", err)
	}
	p.ID = id
	return nil
}

// UpdatePreference normalizes, validates and stores p over the preference
// with its ID. A zero p.ClientID keeps the preference's client (and is set
// from the store); another moves it. It returns a *model.ValidationError
// for invalid input, model.ErrNotFound if there is no such preference or
// client, and wrapped SQLite errors otherwise.
func (db *DB) UpdatePreference(ctx context.Context, p *model.Preference) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("update preference", err)
	}
	defer tx.Rollback()
	if err := mustExist(ctx, tx, "preferences", p.ID); err != nil {
		return storeErr("update preference", err)
	}
	if p.ClientID != 0 {
		if err := mustExist(ctx, tx, "clients", p.ClientID); err != nil {
			return storeErr("update preference", err)
		}
	}
	var clientID int64
	err = tx.QueryRowContext(ctx, `UPDATE preferences SET client_id = coalesce(?, client_id),
		attitude = ?, category = ?, value = ?, note = ? WHERE id = ? RETURNING client_id`,
		nullInt(p.ClientID), string(p.Attitude), string(p.Category), p.Value, p.Note, p.ID).Scan(&clientID)
	if err != nil {
		return storeErr("update preference", err)
	}
	if err := tx.Commit(); err != nil {
		return storeErr("update preference", err)
	}
	p.ClientID = clientID
	return nil
}

// DeletePreference deletes a preference. It returns model.ErrNotFound if
// there is no such preference, and wrapped SQLite errors otherwise.
func (db *DB) DeletePreference(ctx context.Context, id int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("delete preference", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "DELETE FROM preferences WHERE id = ?", id)
	if err := affectedOne(res, err); err != nil {
		return storeErr("delete preference", err)
	}
	return storeErr("delete preference", tx.Commit())
}

// ListPreferences returns a client's preferences: likes first, then by
// category in the order a form offers them, then alphabetically by value
// in the settings' sort language. It returns model.ErrNotFound if there is
// no such client, and wrapped SQLite errors otherwise.
func (db *DB) ListPreferences(ctx context.Context, clientID int64) ([]model.Preference, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("list preferences", err)
	}
	defer tx.Rollback()
	ps, err := listPreferences(ctx, tx, clientID)
	if err != nil {
		return nil, storeErr("list preferences", err)
	}
	if len(ps) == 0 {
		if err := mustExist(ctx, tx, "clients", clientID); err != nil {
			return nil, storeErr("list preferences", err)
		}
	}
	s, _, err := loadSettings(ctx, tx, db.locale)
	if err != nil {
		return nil, storeErr("list preferences", err)
	}
	sortPreferences(ps, db.collator(s.SortLanguage))
	return ps, storeErr("list preferences", tx.Commit())
}

// preferenceColumns are the columns preferenceArgs fills, in order.
const preferenceColumns = "preferences (client_id, attitude, category, value, note)"

var sqlInsertPreference = "INSERT INTO " + preferenceColumns + " VALUES " + placeholders(5)

// preferenceArgs are the values of sqlInsertPreference, in order.
func preferenceArgs(p *model.Preference) []any {
	return []any{p.ClientID, string(p.Attitude), string(p.Category), p.Value, p.Note}
}

// listPreferences returns the preferences of a client in no set order.
func listPreferences(ctx context.Context, tx *sql.Tx, clientID int64) ([]model.Preference, error) {
	rows, err := tx.QueryContext(ctx,
		"SELECT id, client_id, attitude, category, value, note FROM preferences WHERE client_id = ?", clientID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ps := []model.Preference{}
	for rows.Next() {
		var p model.Preference
		var attitude, category string
		if err := rows.Scan(&p.ID, &p.ClientID, &attitude, &category, &p.Value, &p.Note); err != nil {
			return nil, err
		}
		p.Attitude, p.Category = model.Attitude(attitude), model.PrefCategory(category)
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// sortPreferences puts likes first, then orders by the category's place in
// model.PrefCategories (unknown ones last) and by value.
func sortPreferences(ps []model.Preference, coll *model.Collator) {
	rank := func(p model.Preference) int {
		if i := slices.Index(model.PrefCategories, p.Category); i >= 0 {
			return i
		}
		return len(model.PrefCategories)
	}
	keys := make(map[int64][]byte, len(ps))
	for _, p := range ps {
		keys[p.ID] = coll.Key(p.Value)
	}
	slices.SortFunc(ps, func(a, b model.Preference) int {
		if c := cmp.Compare(boolRank(a.Attitude != model.Likes), boolRank(b.Attitude != model.Likes)); c != 0 {
			return c
		}
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		if c := bytes.Compare(keys[a.ID], keys[b.ID]); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// mustExist returns sql.ErrNoRows, reported as model.ErrNotFound, unless
// table has a row with this id.
func mustExist(ctx context.Context, tx *sql.Tx, table string, id int64) error {
	ok, err := exists(ctx, tx, table, id)
	if err == nil && !ok {
		err = sql.ErrNoRows
	}
	return err
}
