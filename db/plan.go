package db

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"clienttracker/model"
)

// quietJSON is how a contact plan's quiet months and ranges are stored in
// clients.quiet: one JSON object, NULL when there are none. They are only
// ever read and written whole, with the client, so a child table would
// cost a lookup per client in every list page for nothing.
type quietJSON struct {
	Months []int        `json:"months,omitempty"`
	Ranges []quietRange `json:"ranges,omitempty"`
}

type quietRange struct {
	From string `json:"from"` // 'YYYY-MM-DD'
	To   string `json:"to"`
}

// encodeQuiet returns the clients.quiet value of plan p.
func encodeQuiet(p model.ContactPlan) any {
	if len(p.QuietMonths) == 0 && len(p.QuietRanges) == 0 {
		return nil
	}
	var q quietJSON
	for _, m := range p.QuietMonths {
		q.Months = append(q.Months, int(m))
	}
	for _, r := range p.QuietRanges {
		q.Ranges = append(q.Ranges, quietRange{From: model.FormatDate(r.From), To: model.FormatDate(r.To)})
	}
	b, err := json.Marshal(q)
	if err != nil {
		panic(err) // a struct of ints and strings always marshals
	}
	return string(b)
}

// decodeQuiet reads clients.quiet into p.
func decodeQuiet(s sql.NullString, p *model.ContactPlan) error {
	p.QuietMonths, p.QuietRanges = nil, nil
	if !s.Valid {
		return nil
	}
	var q quietJSON
	if err := json.Unmarshal([]byte(s.String), &q); err != nil {
		return fmt.Errorf("quiet: %w", err)
	}
	for _, m := range q.Months {
		p.QuietMonths = append(p.QuietMonths, time.Month(m))
	}
	for _, r := range q.Ranges {
		from, err1 := model.ParseDate(r.From)
		to, err2 := model.ParseDate(r.To)
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("quiet: %w", err)
		}
		p.QuietRanges = append(p.QuietRanges, model.DateRange{From: from, To: to})
	}
	return nil
}

// lostPlanArgs are the values of the lost_* and plan columns of client c,
// in the order lost_reason, lost_text, lost_on, check_in_days,
// do_not_contact, quiet, snoozed_until.
func lostPlanArgs(c *model.Client) []any {
	return append(lostArgs(c.Lost), c.Plan.CheckInDays, c.Plan.DoNotContact, encodeQuiet(c.Plan), nullDate(c.Plan.SnoozedUntil))
}

// lostArgs are the values of lost_reason (NULL while a client), lost_text
// and lost_on.
func lostArgs(l model.Lost) []any {
	var reason any
	if l.IsLost() {
		reason = string(l.Reason)
	}
	return []any{reason, l.Text, nullDate(l.On)}
}

// lostPlanColumns scans the columns lostPlanArgs writes.
type lostPlanColumns struct {
	reason, on, quiet, snoozed sql.NullString
	text                       string
	checkIn                    int
	dnc                        bool
}

func (l *lostPlanColumns) dest() []any {
	return []any{&l.reason, &l.text, &l.on, &l.checkIn, &l.dnc, &l.quiet, &l.snoozed}
}

// decode fills c.Lost and c.Plan.
func (l *lostPlanColumns) decode(c *model.Client) error {
	var err error
	c.Lost = model.Lost{Reason: model.LostReason(l.reason.String), Text: l.text}
	if c.Lost.On, err = model.ParseDate(l.on.String); err != nil {
		return fmt.Errorf("lost_on: %w", err)
	}
	c.Plan = model.ContactPlan{CheckInDays: l.checkIn, DoNotContact: l.dnc}
	if c.Plan.SnoozedUntil, err = model.ParseDate(l.snoozed.String); err != nil {
		return fmt.Errorf("snoozed_until: %w", err)
	}
	return decodeQuiet(l.quiet, &c.Plan)
}
