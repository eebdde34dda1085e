package model

// Lateness templates: how late a row is, in the unit a person would use.
// They are plural translation keys (filled with Count) except LateOverAYear.
const (
	LateDays      = "{{.Count}} days late"
	LateWeeks     = "{{.Count}} weeks late"
	LateMonths    = "{{.Count}} months late"
	LateOverAYear = "over a year late"
)

// Lateness says how late something days overdue is: in days up to two
// weeks, then in whole weeks up to two months, then in whole months, and
// past a year only that ("2136 days" says nothing a person can use). It
// returns the template and the count that fills it; days <= 0 is not
// late and returns "".
func Lateness(days int) (template string, count int) {
	switch {
	case days <= 0:
		return "", 0
	case days < 14:
		return LateDays, days
	case days < 60:
		return LateWeeks, days / 7
	case days < 365:
		return LateMonths, days / 30
	}
	return LateOverAYear, 0
}
