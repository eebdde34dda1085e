package cli

import (
	"context"
	"fmt"
	"io"

	"clienttracker/db"
	"clienttracker/model"
)

// runInsights prints the figures of the Insights view for a period beside
// the period before it: by default this calendar month; --from alone runs
// to today, --to alone starts on the first of its month.
func runInsights(args []string, stdout io.Writer) error {
	fs := newFlags("insights", "clienttracker insights --db FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv]", stdout)
	path := fs.String("db", "", "database `FILE` to read")
	fromFlag := fs.String("from", "", "first day of the period, as `YYYY-MM-DD` (default: the first of this month)")
	toFlag := fs.String("to", "", "last day of the period, as `YYYY-MM-DD` (default: today, or the end of this month)")
	asCSV := fs.Bool("csv", false, "print CSV with a header row")
	if err := parse(fs, args); err != nil {
		return err
	}
	return withBook(context.Background(), *path, forReading, func(store *db.DB) error {
		var err error
		today := model.Day(store.Now())
		from, err := model.ParseDate(*fromFlag)
		if err != nil {
			return usageError{fmt.Sprintf("insights: --from %q is not a date; write it as YYYY-MM-DD", *fromFlag)}
		}
		to, err := model.ParseDate(*toFlag)
		if err != nil {
			return usageError{fmt.Sprintf("insights: --to %q is not a date; write it as YYYY-MM-DD", *toFlag)}
		}
		var p model.Period
		switch {
		case from.IsZero() && to.IsZero():
			p = model.MonthOf(today)
		case to.IsZero():
			to = today
			if to.Before(from) {
				to = from
			}
			fallthrough
		default:
			if from.IsZero() {
				from = model.MonthOf(to).From
			}
			if p, err = model.RangePeriod(from, to); err != nil {
				return usageError{fmt.Sprintf("insights: --from %s is after --to %s; put the earlier day first", model.FormatDate(from), model.FormatDate(to))}
			}
		}
		in, err := store.Insights(context.Background(), p)
		if err != nil {
			return fmt.Errorf("insights: %w", err)
		}
		set, err := store.Settings(context.Background())
		if err != nil {
			return fmt.Errorf("insights: %w", err)
		}
		var rows [][]string
		for _, r := range in.Rows(set.Money) {
			rows = append(rows, []string{r.Section, r.Figure, r.Detail, r.Current, r.Previous})
		}
		return printTable(stdout, []string{"section", "figure", "detail", "current", "previous"}, rows, *asCSV)
	})
}
