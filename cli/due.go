package cli

import (
	"context"
	"fmt"
	"io"
	"maps"
	"strconv"
	"strings"

	"clienttracker/db"
	"clienttracker/model"
)

func runDue(args []string, stdout io.Writer) error {
	fs := newFlags("due", "clienttracker due --db FILE [--date YYYY-MM-DD] [--csv] [--all]", stdout)
	path := fs.String("db", "", "database `FILE` to read")
	date := fs.String("date", "", "the day to plan for, as `YYYY-MM-DD` (default today)")
	asCSV := fs.Bool("csv", false, "print CSV with a header row")
	all := fs.Bool("all", false, "print the whole due list (backlog, this week, later), not only the day's list")
	if err := parse(fs, args); err != nil {
		return err
	}
	return withBook(context.Background(), *path, forReading, func(store *db.DB) error {
		var err error
		ctx := context.Background()
		day := model.Day(store.Now())
		if *date != "" {
			if day, err = model.ParseDate(*date); err != nil {
				return usageError{fmt.Sprintf("due: --date %q is not a date; write it as YYYY-MM-DD", *date)}
			}
		}
		q := model.DueQuery{}
		if !*all {
			// The day's list is at most the capacity from the top.
			s, err := store.ScheduleSettings(ctx)
			if err != nil {
				return fmt.Errorf("due: %w", err)
			}
			q.Limit = max(s.DailyCapacity, 1)
		}
		set, err := store.Settings(ctx)
		if err != nil {
			return fmt.Errorf("due: %w", err)
		}
		// The columns of a row in the window: who, which list, why, when, how
		// to reach them, what to say, and the at-risk badges. The rows are
		// streamed (the whole list of a large book is tens of thousands):
		// CSV is written as they come, the table once they are all in.
		header := []string{"id", "name", "list", "reasons", "due", "days_overdue", "channel", "phone", "email", "say", "at_risk"}
		var cw *model.CSVWriter
		if *asCSV {
			cw = model.NewCSVWriter(stdout, model.CSVOptions{})
			if err := cw.Write(header); err != nil {
				return err
			}
		}
		var rows [][]string
		var plan model.DayPlan
		n := 0
		page, err := store.EachDue(ctx, day, q, func(page *model.DuePage, it *model.DueItem) error {
			if n == 0 {
				plan = page.Plan()
			}
			pos := page.Offset + n
			n++
			if !*all && pos >= plan.Today {
				return nil
			}
			r := dueRow(it, set.Money, pos, plan)
			if cw != nil {
				return cw.Write(r)
			}
			rows = append(rows, r)
			return nil
		})
		if err != nil {
			return fmt.Errorf("due: %w", err)
		}
		if *asCSV {
			return cw.Flush()
		}
		if err := printTable(stdout, header, rows, false); err != nil {
			return err
		}
		plan = page.Plan()
		done := "done today"
		if plan.Finished() {
			done = "the day's list is done"
		}
		_, err = fmt.Fprintf(stdout, "\n%s: %d of %d; backlog %d, later %d\n", done, plan.Done, plan.Planned(), plan.Backlog, plan.Later)
		return err
	})
}

// dueRow is the due command's row of it, the pos-th (0-based) of the
// list planned as plan.
func dueRow(it *model.DueItem, mf model.MoneyFormat, pos int, plan model.DayPlan) []string {
	reasons := make([]string, len(it.Reasons))
	for j, r := range it.Reasons {
		reasons[j] = reasonLine(r, mf)
	}
	risk := make([]string, len(it.AtRisk))
	for j, sg := range it.AtRisk {
		risk[j] = string(sg)
	}
	list := sectionName(it.Section)
	if it.Section <= model.SectionToday {
		list = "today"
		if pos >= plan.Today {
			list = "backlog"
		}
	}
	return []string{strconv.FormatInt(it.ClientID, 10), it.Name, list, strings.Join(reasons, "; "),
		model.FormatDate(it.Due), strconv.Itoa(it.DaysOverdue), string(it.Channel), it.Phone, it.Email,
		reasonLine(it.Suggestion, mf), strings.Join(risk, " ")}
}

// reasonLine is a reason's English text, with amounts in the book's money
// format.
func reasonLine(r model.Reason, mf model.MoneyFormat) string {
	if m, ok := r.Data["Amount"].(model.Money); ok {
		r.Data = maps.Clone(r.Data)
		r.Data["Amount"] = mf.Format(m)
	}
	return r.Text()
}

func sectionName(s model.Section) string {
	switch s {
	case model.SectionOverdue:
		return "overdue"
	case model.SectionToday:
		return "today"
	case model.SectionThisWeek:
		return "this week"
	}
	return "later"
}
