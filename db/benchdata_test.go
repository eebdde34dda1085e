package db

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"clienttracker/model"
)

// benchContactsVersion is part of the cached benchmark database's name:
// change it when addBenchContacts changes.
const benchContactsVersion = "contacts-1"

// addBenchContacts gives the sample clients a year of using Client
// Tracker: the owner has followed the schedule for most active clients
// (a contact about every interval of their stage, a few days late), with
// feedback, promises made during contacts (mostly kept, some broken, the
// recent ones open), the odd complaint, clients who stopped buying long
// ago marked lost for the study's reasons, and a few snoozes, opt-outs,
// own intervals and quiet months. It ends with a full recompute.
func addBenchContacts(ctx context.Context, db *DB, seed int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := benchContacts(ctx, tx, seed); err != nil {
		return fmt.Errorf("bench contacts: %w", err)
	}
	if err := db.recompute(ctx, tx, fixedNow); err != nil {
		return err
	}
	return tx.Commit()
}

type benchClient struct {
	id          int64
	since, last time.Time // last purchase; zero if none
	stage       model.Stage
}

func benchContacts(ctx context.Context, tx *sql.Tx, seed int64) error {
	var cs []benchClient
	err := queryEach(ctx, tx, "SELECT id, since, last_purchase, stage FROM clients ORDER BY id", nil, func(rows *sql.Rows) error {
		var c benchClient
		var since, last sql.NullString
		var stage string
		if err := rows.Scan(&c.id, &since, &last, &stage); err != nil {
			return err
		}
		c.since, _ = parseDay(since.String)
		c.last, _ = parseDay(last.String)
		c.stage = model.Stage(stage)
		cs = append(cs, c)
		return nil
	})
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0xC0FFEE))
	today := model.Day(fixedNow)
	appStart := today.AddDate(-1, 0, 0) // the owner started logging a year ago
	intervals := model.DefaultScheduleSettings().Intervals
	ex := &execer{tx: tx, prepare: true}
	defer ex.close()
	contacts := rowInserter{table: "interactions (client_id, at, channel, summary, feedback, feedback_text, promise_id)", width: 7}
	lostReasons := []struct {
		r   model.LostReason
		pct int
	}{{model.LostMovedOrDied, 4}, {model.LostFriendsFamily, 5}, {model.LostCompetitor, 9}, {model.LostQuality, 15}, {model.LostNoContact, 62}, {model.LostOther, 5}}
	channels := model.ContactChannels
	for _, c := range cs {
		var args []any
		// Clients who stopped buying (or never bought) long ago: the owner
		// marked most of them lost.
		lostOn := time.Time{}
		ref := c.last
		if ref.IsZero() {
			ref = c.since
		}
		if today.Sub(ref) > 540*24*time.Hour && r.IntN(100) < 70 {
			lostOn = ref.AddDate(0, 0, 90+r.IntN(200))
			if lostOn.After(today) {
				lostOn = today
			}
			n, reason := r.IntN(100), model.LostOther
			for _, lr := range lostReasons {
				if n < lr.pct {
					reason = lr.r
					break
				}
				n -= lr.pct
			}
			text := ""
			if reason == model.LostOther {
				text = "closed the business"
			}
			if _, err := ex.exec(ctx, "UPDATE clients SET lost_reason = ?, lost_text = ?, lost_on = ? WHERE id = ?",
				string(reason), text, model.FormatDate(lostOn), c.id); err != nil {
				return err
			}
		}
		// A few plans of their own.
		switch n := r.IntN(100); {
		case n < 1:
			if _, err := ex.exec(ctx, "UPDATE clients SET do_not_contact = 1 WHERE id = ?", c.id); err != nil {
				return err
			}
		case n < 4:
			if _, err := ex.exec(ctx, "UPDATE clients SET check_in_days = ? WHERE id = ?", 14+r.IntN(106), c.id); err != nil {
				return err
			}
		case n < 6:
			m := 1 + r.IntN(12)
			if _, err := ex.exec(ctx, "UPDATE clients SET quiet = ? WHERE id = ?", fmt.Sprintf(`{"months":[%d,%d]}`, m, m%12+1), c.id); err != nil {
				return err
			}
		case n < 7:
			if _, err := ex.exec(ctx, "UPDATE clients SET snoozed_until = ? WHERE id = ?", model.FormatDate(today.AddDate(0, 0, 1+r.IntN(14))), c.id); err != nil {
				return err
			}
		}
		// The contacts of the last year: one client in five was never
		// contacted; the others about every interval, a little late.
		if r.IntN(100) < 20 {
			continue
		}
		interval := intervals[c.stage]
		if interval <= 0 {
			interval = 60
		}
		t := appStart
		if c.since.After(t) {
			t = c.since
		}
		t = t.AddDate(0, 0, r.IntN(interval))
		for !t.After(today) && (lostOn.IsZero() || t.Before(lostOn)) {
			at := t.Add(time.Duration(9*3600+r.IntN(9*3600)) * time.Second)
			if at.After(fixedNow) {
				at = fixedNow.Add(-time.Hour)
			}
			feedback, words := "", ""
			switch n := r.IntN(100); {
			case n < 28:
				feedback, words = string(model.FeedbackPositive), "happy with the last order"
			case n < 36:
				feedback = string(model.FeedbackNeutral)
			case n < 40:
				feedback, words = string(model.FeedbackNegative), "delivery was late"
			}
			args = append(args, c.id, formatTimestamp(at), string(channels[r.IntN(len(channels))]), "checked in", feedback, words, nil)
			// One contact in ten promises an update.
			if r.IntN(10) == 0 {
				made := model.Day(at)
				due := made.AddDate(0, 0, 3+r.IntN(18))
				status, kept := model.PromiseOpen, time.Time{}
				if !due.After(today.AddDate(0, 0, -7)) || r.IntN(2) == 0 {
					switch n := r.IntN(100); {
					case n < 80:
						status, kept = model.PromiseKept, due.AddDate(0, 0, r.IntN(5)-3)
						if kept.After(today) {
							kept = today
						}
						if kept.Before(made) {
							kept = made
						}
					case n < 92:
						status = model.PromiseBroken
					case n < 97:
						status = model.PromiseCancelled
					}
				}
				res, err := ex.exec(ctx, "INSERT INTO promises (client_id, what, made_on, due_by, status, kept_on) VALUES (?, ?, ?, ?, ?, ?)",
					c.id, "call when the new stock arrives", model.FormatDate(made), model.FormatDate(due), string(status), nullDate(kept))
				if err != nil {
					return err
				}
				if status == model.PromiseKept {
					pid, err := res.LastInsertId()
					if err != nil {
						return err
					}
					args = append(args, c.id, formatTimestamp(kept.Add(11*time.Hour)), string(model.ContactCall), "the stock arrived", "", "", pid)
				}
			}
			// One contact in two hundred hears a complaint.
			if r.IntN(200) == 0 {
				opened := model.Day(at)
				status, resolution, resolved := model.ComplaintOpen, "", time.Time{}
				if r.IntN(100) < 85 && opened.Before(today) {
					status, resolution, resolved = model.ComplaintResolved, "replaced the item", opened.AddDate(0, 0, r.IntN(5))
					if resolved.After(today) {
						resolved = today
					}
				}
				if _, err := ex.exec(ctx, `INSERT INTO complaints (client_id, opened_on, what, options, apologised, status, resolution, resolved_on)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.id, model.FormatDate(opened), "the zip broke after a week",
					`["replace it","repair it","refund"]`, r.IntN(2), string(status), resolution, nullDate(resolved)); err != nil {
					return err
				}
			}
			t = t.AddDate(0, 0, interval*(80+r.IntN(40))/100+r.IntN(6))
		}
		if err := contacts.insert(ctx, ex, args); err != nil {
			return err
		}
	}
	return contacts.flush(ctx, ex)
}
