package db

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"sync"

	"clienttracker/model"
)

// Phone identity in the store. Every stored phone keeps, beside the text
// the owner typed, its E.164 form as the phone-number library reads it in
// the shop's home country (client_phones.e164, see 0005_import_trust.sql).
// The form depends on the home country for numbers typed without a
// country code, so it is computed again when the home country changes;
// NULL marks a phone still to be read.

// homeCountry returns the shop's home country: the stored setting, or the
// country of locale when none is stored yet.
func homeCountry(ctx context.Context, tx *sql.Tx, locale string) (string, error) {
	var v string
	switch err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", keyHomeCountry).Scan(&v); err {
	case nil:
		return model.NormalizeRegion(v), nil
	case sql.ErrNoRows:
		return model.RegionForLocale(locale), nil
	default:
		return "", err
	}
}

// fillPhoneKeys reads every phone whose E.164 form is not known yet (all of
// them after the migration that added it, or after a change of home
// country) and stores it, with the client's phone search row, which
// holds the number's national and international digits. The home country
// is pinned first, so the forms stored follow the country the settings
// show.
func (db *DB) fillPhoneKeys(ctx context.Context, tx *sql.Tx) error {
	var pending int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM client_phones WHERE e164 IS NULL").Scan(&pending); err != nil {
		return fmt.Errorf("phone keys: %w", err)
	}
	if pending == 0 {
		return nil
	}
	region, err := homeCountry(ctx, tx, db.locale)
	if err != nil {
		return fmt.Errorf("phone keys: %w", err)
	}
	if err := putSetting(ctx, tx, keyHomeCountry, region); err != nil {
		return fmt.Errorf("phone keys: %w", err)
	}
	type phone struct {
		client   int64
		position int
		text     string
	}
	var all []phone
	rows, err := tx.QueryContext(ctx, `SELECT client_id, position, phone FROM client_phones
		WHERE client_id IN (SELECT client_id FROM client_phones WHERE e164 IS NULL)
		ORDER BY client_id, position`)
	if err != nil {
		return fmt.Errorf("phone keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p phone
		if err := rows.Scan(&p.client, &p.position, &p.text); err != nil {
			return fmt.Errorf("phone keys: %w", err)
		}
		all = append(all, p)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("phone keys: %w", err)
	}
	ex := &execer{tx: tx, prepare: true, region: region}
	defer ex.close()
	texts := make([]string, len(all))
	for i, p := range all {
		texts[i] = p.text
	}
	forms := readPhones(texts, region)
	for i := 0; i < len(all); {
		// One client's phones: their keys, then their search row.
		j := i
		for ; j < len(all) && all[j].client == all[i].client; j++ {
			p := all[j]
			if _, err := ex.exec(ctx, "UPDATE client_phones SET e164 = ? WHERE client_id = ? AND position = ?",
				forms[j].E164, p.client, p.position); err != nil {
				return fmt.Errorf("phone keys: %w", err)
			}
		}
		id := all[i].client
		if _, err := ex.exec(ctx, "DELETE FROM client_phone_fts WHERE rowid = ?", id); err != nil {
			return fmt.Errorf("phone keys: %w", err)
		}
		if d := phoneDigitsRow(texts[i:j], forms[i:j]); d != "" {
			if _, err := ex.exec(ctx, sqlInsertPhoneFTS, id, d); err != nil {
				return fmt.Errorf("phone keys: %w", err)
			}
		}
		i = j
	}
	return nil
}

// rereadPhones marks every phone to be read again in the home country now
// stored, and reads them: a change of home country changes what a number
// typed without its country code means.
func (db *DB) rereadPhones(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, "UPDATE client_phones SET e164 = NULL"); err != nil {
		return fmt.Errorf("phone keys: %w", err)
	}
	return db.fillPhoneKeys(ctx, tx)
}

// storedPhoneKeys calls fn with the match key (model.PhoneKeyOf) of every
// stored phone, client by client in the order typed.
func storedPhoneKeys(ctx context.Context, tx *sql.Tx, fn func(id int64, typed, key string)) error {
	rows, err := tx.QueryContext(ctx, "SELECT client_id, phone, coalesce(e164, '') FROM client_phones ORDER BY client_id, position")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var phone, e164 string
		if err := rows.Scan(&id, &phone, &e164); err != nil {
			return err
		}
		if k := model.PhoneKeyOf(phone, e164); k != "" {
			fn(id, phone, k)
		}
	}
	return rows.Err()
}

// phoneCache maps a phone as typed to its forms, read once in the home
// country: reading a number with the library costs about 20 µs, and a bulk
// import would otherwise read each number several times.
type phoneCache map[string]model.PhoneForms

// phoneForms returns the forms of phones, from ex.phones where known.
func (ex *execer) phoneForms(phones []string) []model.PhoneForms {
	forms := make([]model.PhoneForms, len(phones))
	for i, p := range phones {
		f, ok := ex.phones[p]
		if !ok {
			f = model.ReadPhone(p, ex.region)
		}
		forms[i] = f
	}
	return forms
}

// readPhones reads every phone of texts in region, on every core: the
// forms of texts[i] are forms[i].
func readPhones(texts []string, region string) []model.PhoneForms {
	forms := make([]model.PhoneForms, len(texts))
	parts := min(runtime.GOMAXPROCS(0), max(1, len(texts)/phonesPerPart))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(texts)/parts, (p+1)*len(texts)/parts
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				forms[i] = model.ReadPhone(texts[i], region)
			}
		})
	}
	wg.Wait()
	return forms
}

// phonesPerPart is the fewest phones worth a goroutine of their own.
const phonesPerPart = 500
