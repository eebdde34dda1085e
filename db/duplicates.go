package db

import (
	"context"
	"database/sql"
	"fmt"

	"clienttracker/model"
)

// FindDuplicates lists up to limit (all for limit <= 0) pairs of clients
// who are probably the same person: the same email ignoring case, then the
// same phone number (model.PhoneKey in the home country: the whole E.164
// number, so two countries' numbers never pair), then exactly the same
// name.
// A pair is listed once, under the first of these it meets; within a
// group of three or more, each later client is paired with the oldest.
// Clients of the same name are paired only when no email or phone tells
// them apart (both have emails that differ, or phones none of which is
// shared).
// Lost clients are included: a lost client who came back under a new
// record is exactly what the owner wants to merge. Errors are wrapped
// SQLite errors.
func (db *DB) FindDuplicates(ctx context.Context, limit int) ([]model.DuplicatePair, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return nil, storeErr("find duplicates", err)
	}
	defer tx.Rollback()
	pairs, err := findDuplicates(ctx, tx, limit)
	if err != nil {
		return nil, storeErr("find duplicates", err)
	}
	return pairs, storeErr("find duplicates", tx.Commit())
}

func findDuplicates(ctx context.Context, tx *sql.Tx, limit int) ([]model.DuplicatePair, error) {
	type key struct {
		rule model.MatchRule
		text string
	}
	first := map[key]int64{} // the oldest client with a key
	type pair struct{ a, b int64 }
	seen := map[pair]bool{}
	var found []pair
	var rules []model.MatchRule
	who := map[int64]identity{}
	add := func(rule model.MatchRule, text string, id int64) {
		if text == "" {
			return
		}
		k := key{rule, text}
		a, ok := first[k]
		if !ok {
			first[k] = id
			return
		}
		p := pair{a, id}
		if a == id || seen[p] {
			return
		}
		seen[p] = true
		found = append(found, p)
		rules = append(rules, rule)
	}

	// The rules in order, each over every client in id order, so the
	// oldest client of a group comes first.
	rows, err := tx.QueryContext(ctx, "SELECT id, name, email FROM clients ORDER BY id")
	if err != nil {
		return nil, err
	}
	type named struct {
		id          int64
		name, email string
	}
	var all []named
	for rows.Next() {
		var n named
		if err := rows.Scan(&n.id, &n.name, &n.email); err != nil {
			rows.Close()
			return nil, err
		}
		all = append(all, n)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for _, n := range all {
		add(model.MatchEmail, model.EmailMatchKey(n.email), n.id)
	}
	err = storedPhoneKeys(ctx, tx, func(id int64, _, k string) {
		add(model.MatchPhone, k, id)
		w := who[id]
		w.phones = append(w.phones, k)
		who[id] = w
	})
	if err != nil {
		return nil, err
	}
	// The same name pairs two clients only when no email or phone tells
	// them apart, as when importing.
	// Here an identity's phones are their keys already.
	byName := map[string][]int64{}
	for _, n := range all {
		who[n.id] = identity{email: model.EmailMatchKey(n.email), phones: who[n.id].phones}
	}
	asKey := func(k string) string { return k }
	for _, n := range all {
		for _, a := range byName[n.name] {
			if p := (pair{a, n.id}); !seen[p] && !who[a].contradicts(who[n.id], asKey) {
				seen[p] = true
				found = append(found, p)
				rules = append(rules, model.MatchName)
				break
			}
		}
		byName[n.name] = append(byName[n.name], n.id)
	}

	if limit > 0 && len(found) > limit {
		found, rules = found[:limit], rules[:limit]
	}
	out := make([]model.DuplicatePair, 0, len(found))
	get, err := tx.PrepareContext(ctx, "SELECT "+clientColumns+" FROM clients c "+referrerJoin+" WHERE c.id = ?")
	if err != nil {
		return nil, err
	}
	defer get.Close()
	for i, p := range found {
		a, err := scanClient(get.QueryRowContext(ctx, p.a))
		if err != nil {
			return nil, err
		}
		b, err := scanClient(get.QueryRowContext(ctx, p.b))
		if err != nil {
			return nil, err
		}
		out = append(out, model.DuplicatePair{A: *a, B: *b, Reason: rules[i]})
	}
	return out, nil
}

// historyTables are the tables whose rows belong to one client and move
// with a merge. Phones and tags are rewritten from the merged client.
var historyTables = []string{"preferences", "purchases", "interactions", "promises", "complaints", "stage_changes"}

// MergeClients merges client mergeID into client keepID, in one
// transaction: every purchase, preference, contact, promise, complaint and
// ladder move of mergeID moves to keepID; clients mergeID referred are
// now referred by keepID; keepID's empty fields are filled from mergeID,
// its phones, tags and notes are put together (model.MergeInto); then
// mergeID is deleted and keepID's standing recomputed. It returns
// model.ErrNotFound if either client does not exist, a
// *model.ValidationError if the merged client would not be valid (say,
// more than ten phones between them), and wrapped SQLite errors.
func (db *DB) MergeClients(ctx context.Context, keepID, mergeID int64) error {
	if keepID == mergeID {
		return fmt.Errorf("merge clients: %w", &model.ValidationError{Fields: []model.FieldError{{Message: "Choose two different clients to merge."}}})
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return storeErr("merge clients", err)
	}
	defer tx.Rollback()
	if err := db.mergeClients(ctx, tx, keepID, mergeID); err != nil {
		return storeErr("merge clients", err)
	}
	return storeErr("merge clients", tx.Commit())
}

func (db *DB) mergeClients(ctx context.Context, tx *sql.Tx, keepID, mergeID int64) error {
	get := "SELECT " + clientColumns + " FROM clients c " + referrerJoin + " WHERE c.id = ?"
	keep, err := scanClient(tx.QueryRowContext(ctx, get, keepID))
	if err != nil {
		return err
	}
	other, err := scanClient(tx.QueryRowContext(ctx, get, mergeID))
	if err != nil {
		return err
	}
	region, err := homeCountry(ctx, tx, db.locale)
	if err != nil {
		return err
	}
	merged := model.MergeInto(*keep, *other, model.RegionKeys(region))
	if merged.ReferredBy == mergeID {
		merged.ReferredBy = 0
	}
	if err := normalizeClient(&merged, db.now()); err != nil {
		return err
	}
	for _, table := range historyTables {
		// The table names are constants of this file.
		if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET client_id = ? WHERE client_id = ?", keepID, mergeID); err != nil {
			return fmt.Errorf("move %s: %w", table, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE clients SET referred_by = ? WHERE referred_by = ? AND id <> ?", keepID, mergeID, keepID); err != nil {
		return fmt.Errorf("move referrals: %w", err)
	}
	if _, _, _, err := db.writeClient(ctx, tx, &merged, nil, nil); err != nil {
		return err
	}
	// The pin and the lost mark are written by their own statements.
	if _, err := tx.ExecContext(ctx, "UPDATE clients SET pinned_stage = ?, pin_reason = ? WHERE id = ?",
		nullString(string(merged.Pin.Stage)), merged.Pin.Reason, keepID); err != nil {
		return err
	}
	if err := db.deleteClient(ctx, tx, mergeID); err != nil {
		return err
	}
	return db.refreshClients(ctx, tx, db.now(), keepID, keep.ReferredBy, merged.ReferredBy, other.ReferredBy)
}
