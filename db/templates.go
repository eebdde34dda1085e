package db

import (
	"context"
	"database/sql"
	"strings"

	"clienttracker/model"
)

// keyTemplatePrefix starts the settings key of each message template the
// owner rewrote: "template.birthday.ka". Only rewritten ones are stored,
// so a better default in a later version reaches all the others.
const keyTemplatePrefix = "template."

// MessageTemplates returns the owner's own wording of the one-click
// contact messages (model.Templates); the ones not rewritten are not in
// it. Errors are wrapped SQLite errors.
func (db *DB) MessageTemplates(ctx context.Context) (model.Templates, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("message templates", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?", len(keyTemplatePrefix), keyTemplatePrefix)
	if err != nil {
		return nil, storeErr("message templates", err)
	}
	defer rows.Close()
	ts := model.Templates{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, storeErr("message templates", err)
		}
		ts[strings.TrimPrefix(k, keyTemplatePrefix)] = v
	}
	if err := rows.Err(); err != nil {
		return nil, storeErr("message templates", err)
	}
	return ts, storeErr("message templates", tx.Commit())
}

// SaveMessageTemplates stores the owner's wording of the messages in one
// transaction: a template left empty or equal to the default goes back to
// following the default. It returns a *model.ValidationError for a
// template that is too long or holds an unknown placeholder, and wrapped
// SQLite errors otherwise.
func (db *DB) SaveMessageTemplates(ctx context.Context, ts model.Templates) error {
	if err := ts.Validate(); err != nil {
		return err
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("save message templates", err)
	}
	defer tx.Rollback()
	if err := saveTemplates(ctx, tx, ts); err != nil {
		return storeErr("save message templates", err)
	}
	return storeErr("save message templates", tx.Commit())
}

func saveTemplates(ctx context.Context, tx *sql.Tx, ts model.Templates) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM settings WHERE substr(key, 1, ?) = ?", len(keyTemplatePrefix), keyTemplatePrefix); err != nil {
		return err
	}
	for _, k := range model.MessageKinds {
		for _, lang := range model.MessageLanguages {
			key := model.TemplateKey(k, lang)
			v, ok := ts[key]
			if !ok || strings.TrimSpace(v) == "" || v == model.DefaultTemplate(k, lang) {
				continue
			}
			if err := putSetting(ctx, tx, keyTemplatePrefix+key, v); err != nil {
				return err
			}
		}
	}
	return nil
}
