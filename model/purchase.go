package model

import (
	"sort"
	"strings"
	"time"
)

// Purchase is one sale to a client. Shops that sell on credit record how much
// is still unpaid and by when it is due.
type Purchase struct {
	ID       int64
	ClientID int64
	Date     time.Time // a calendar day
	Item     string
	Category string
	Amount   Money
	Unpaid   Money
	DueDate  time.Time // when the unpaid part is due; zero when nothing is owed
	Note     string
	Discount int // the loyalty discount given, in percent (already in Amount)
}

// Field names used in a purchase's validation errors.
const (
	FieldDate         = "date"
	FieldItem         = "item"
	FieldPurchaseCat  = "purchase_category"
	FieldAmount       = "amount"
	FieldUnpaid       = "unpaid"
	FieldDueDate      = "due_date"
	FieldPurchaseNote = "purchase_note"
	FieldDiscount     = "discount"
)

// Normalize trims text, reduces dates to calendar days and clears the due
// date when nothing is owed.
func (p *Purchase) Normalize() {
	p.Item = strings.TrimSpace(p.Item)
	p.Category = strings.TrimSpace(p.Category)
	p.Note = strings.TrimSpace(p.Note)
	p.Date = Day(p.Date)
	p.DueDate = Day(p.DueDate)
	if p.Unpaid == 0 {
		p.DueDate = time.Time{}
	}
}

// Validate returns a *ValidationError listing every problem, or nil. today
// is the current day: a purchase cannot be dated in the future. max is the
// largest amount accepted (MoneyFormat.Max); 0 means MaxMajorUnits in cents.
func (p *Purchase) Validate(today time.Time, max Money) error {
	if max <= 0 {
		max = DefaultMoneyFormat.Max()
	}
	ve := &ValidationError{}
	switch {
	case p.Date.IsZero():
		ve.add(FieldDate, "Enter the date of the purchase.")
	case Day(p.Date).After(Day(today)):
		ve.add(FieldDate, "The purchase date is in the future; a purchase is recorded on or after the day it happens.")
	case p.Date.Year() < 1900:
		ve.add(FieldDate, "The purchase date is too far in the past; check the year.")
	}
	if p.Item == "" {
		ve.add(FieldItem, "Write what was bought, for example \"winter boots\".")
	} else {
		checkLen(ve, FieldItem, "description", p.Item, MaxShortLen)
	}
	checkLen(ve, FieldPurchaseCat, "category", p.Category, MaxShortLen)
	checkLen(ve, FieldPurchaseNote, "note", p.Note, MaxLongLen)
	switch {
	case p.Amount < 0:
		ve.add(FieldAmount, "The amount cannot be negative; record a refund as a note.")
	case p.Amount > max:
		ve.add(FieldAmount, "The amount is too large; check for extra digits.")
	}
	if p.Discount < 0 || p.Discount > 100 {
		ve.add(FieldDiscount, "The discount is a percentage from 0 to 100.")
	}
	switch {
	case p.Unpaid < 0:
		ve.add(FieldUnpaid, "The unpaid part cannot be negative.")
	case p.Unpaid > p.Amount && p.Amount >= 0:
		ve.add(FieldUnpaid, "The unpaid part cannot be larger than the amount.")
	}
	if p.Unpaid > 0 && !p.DueDate.IsZero() && Day(p.DueDate).Before(Day(p.Date)) {
		ve.add(FieldDueDate, "The payment due date cannot be before the purchase date.")
	}
	return ve.err()
}

// PurchaseSummary is what the client list shows of a client's purchases. The
// store keeps it up to date with every purchase written.
type PurchaseSummary struct {
	Count int
	Total Money
	Owed  Money
	First time.Time // zero when there are no purchases
	Last  time.Time
}

// PurchaseStats adds to the summary what the client page shows.
type PurchaseStats struct {
	PurchaseSummary
	// AverageGapDays is the mean number of days between consecutive
	// purchases; 0 with fewer than two purchases.
	AverageGapDays float64
	// OverdueOwed is the part of Owed whose due date has passed.
	OverdueOwed Money
}

// ComputeStats derives a client's purchase figures from their purchases, in
// any order, as of today.
func ComputeStats(ps []Purchase, today time.Time) PurchaseStats {
	var s PurchaseStats
	if len(ps) == 0 {
		return s
	}
	dates := make([]time.Time, 0, len(ps))
	for _, p := range ps {
		s.Count++
		s.Total += p.Amount
		s.Owed += p.Unpaid
		if p.Unpaid > 0 && !p.DueDate.IsZero() && Day(p.DueDate).Before(Day(today)) {
			s.OverdueOwed += p.Unpaid
		}
		dates = append(dates, Day(p.Date))
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].Before(dates[j]) })
	s.First, s.Last = dates[0], dates[len(dates)-1]
	if len(dates) > 1 {
		s.AverageGapDays = float64(DaysBetween(s.First, s.Last)) / float64(len(dates)-1)
	}
	return s
}
