package db

import (
	"context"
	"database/sql"
	"time"

	"clienttracker/model"
)

// ClientPage reads everything the client page shows about client id, in
// one read transaction, so the page is one consistent moment of the book
// (and one call instead of eleven). today is the day the promise-keeping
// score counts back from. It returns model.ErrNotFound if there is no such
// client, and wrapped SQLite errors otherwise.
func (db *DB) ClientPage(ctx context.Context, id int64, today time.Time) (model.ClientPage, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return model.ClientPage{}, storeErr("client page", err)
	}
	defer tx.Rollback()
	p, err := readClientPage(ctx, tx, id, today, db.today())
	if err != nil {
		return model.ClientPage{}, storeErr("client page", err)
	}
	return p, storeErr("client page", tx.Commit())
}

// readClientPage reads client id's page; storeToday is the store's calendar
// day, which the standing is computed for.
func readClientPage(ctx context.Context, tx *sql.Tx, id int64, today, storeToday time.Time) (p model.ClientPage, err error) {
	if p.Client, err = scanClient(tx.QueryRowContext(ctx, "SELECT "+clientColumns+" FROM clients c "+referrerJoin+" WHERE c.id = ?", id)); err != nil {
		return p, err
	}
	if p.Preferences, err = listPreferences(ctx, tx, id); err != nil {
		return p, err
	}
	if p.Purchases, err = listPurchases(ctx, tx, id); err != nil {
		return p, err
	}
	if p.Contacts, err = listInteractions(ctx, tx, id); err != nil {
		return p, err
	}
	if p.Promises, err = queryPromises(ctx, tx, `WHERE client_id = ? ORDER BY status <> 'open', due_by, id`, id); err != nil {
		return p, err
	}
	if p.Complaints, err = queryComplaints(ctx, tx, `WHERE client_id = ? ORDER BY status <> 'open', opened_on DESC, id DESC`, id); err != nil {
		return p, err
	}
	if p.Moves, err = listStageChanges(ctx, tx, id); err != nil {
		return p, err
	}
	if p.Ladder, err = loadLadderSettings(ctx, tx); err != nil {
		return p, err
	}
	if p.PromisesKept, p.PromisesDue, err = countPromiseScore(ctx, tx, id, today, promiseScoreDays); err != nil {
		return p, err
	}
	if p.History, err = history(ctx, tx, p.Client, storeToday); err != nil {
		return p, err
	}
	p.Schedule, _, err = loadScheduleSettings(ctx, tx)
	return p, err
}
