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

// findDuplicates lists up to limit pairs of clients who may be one person
// (all when limit is 0), the oldest client of each pair first.
func findDuplicates(ctx context.Context, tx *sql.Tx, limit int) ([]model.DuplicatePair, error) {
	people, err := loadPeople(ctx, tx)
	if err != nil {
		return nil, err
	}
	found := pairPeople(people)
	if limit > 0 && len(found) > limit {
		found = found[:limit]
	}
	return pairClients(ctx, tx, found)
}

// person is what tells a client apart from the others: their name, and
// their email and phones as match keys.
type person struct {
	id   int64
	name string
	who  identity // phones holds the phones' keys
}

// candidate is a pair of clients who may be one person, and the rule that
// paired them.
type candidate struct {
	a, b int64
	rule model.MatchRule
}

// loadPeople reads every client's name, email and phone keys, in id order.
func loadPeople(ctx context.Context, tx *sql.Tx) ([]person, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, name, email FROM clients ORDER BY id")
	if err != nil {
		return nil, err
	}
	var people []person
	at := map[int64]int{} // a client's index in people
	for rows.Next() {
		var p person
		var email string
		if err := rows.Scan(&p.id, &p.name, &email); err != nil {
			rows.Close()
			return nil, err
		}
		p.who.email = model.EmailMatchKey(email)
		at[p.id] = len(people)
		people = append(people, p)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	err = storedPhoneKeys(ctx, tx, func(id int64, _, k string) {
		if i, ok := at[id]; ok && k != "" {
			people[i].who.phones = append(people[i].who.phones, k)
		}
	})
	return people, err
}

// pairPeople applies the match rules in order, each over every client in
// id order, so the oldest client of a group comes first: the same email,
// the same phone, then the same name when no email or phone tells the two
// apart (as when importing). A pair is listed once, under its first rule.
func pairPeople(people []person) []candidate {
	type key struct {
		rule model.MatchRule
		text string
	}
	type pair struct{ a, b int64 }
	first := map[key]int64{} // the oldest client with a key
	seen := map[pair]bool{}
	var found []candidate
	add := func(rule model.MatchRule, text string, id int64) {
		k := key{rule, text}
		a, ok := first[k]
		if !ok {
			first[k] = id
			return
		}
		if p := (pair{a, id}); a != id && !seen[p] {
			seen[p] = true
			found = append(found, candidate{a, id, rule})
		}
	}
	for _, p := range people {
		if p.who.email != "" {
			add(model.MatchEmail, p.who.email, p.id)
		}
	}
	for _, p := range people {
		for _, k := range p.who.phones {
			add(model.MatchPhone, k, p.id)
		}
	}
	asKey := func(k string) string { return k } // phones are keys already
	byName := map[string][]person{}
	for _, p := range people {
		for _, o := range byName[p.name] {
			if pr := (pair{o.id, p.id}); !seen[pr] && !o.who.contradicts(p.who, asKey) {
				seen[pr] = true
				found = append(found, candidate{o.id, p.id, model.MatchName})
				break
			}
		}
		byName[p.name] = append(byName[p.name], p)
	}
	return found
}

// pairClients reads the two clients of each candidate.
func pairClients(ctx context.Context, tx *sql.Tx, found []candidate) ([]model.DuplicatePair, error) {
	out := make([]model.DuplicatePair, 0, len(found))
	get, err := tx.PrepareContext(ctx, "SELECT "+clientColumns+" FROM clients c "+referrerJoin+" WHERE c.id = ?")
	if err != nil {
		return nil, err
	}
	defer get.Close()
	for _, p := range found {
		a, err := scanClient(get.QueryRowContext(ctx, p.a))
		if err != nil {
			return nil, err
		}
		b, err := scanClient(get.QueryRowContext(ctx, p.b))
		if err != nil {
			return nil, err
		}
		out = append(out, model.DuplicatePair{A: *a, B: *b, Reason: p.rule})
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
