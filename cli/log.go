package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"clienttracker/db"
	"clienttracker/model"
)

func runLog(args []string, stdout io.Writer) error {
	fs := newFlags("log", "clienttracker log --db FILE --client ID --channel call [--summary TEXT] [--at TIME]", stdout)
	path := fs.String("db", "", "database `FILE` to write")
	client := fs.Int64("client", 0, "the client's `ID` (see 'clienttracker clients')")
	channel := fs.String("channel", "call", "how: call, message, email, visit or in_shop")
	summary := fs.String("summary", "", "what you talked about")
	at := fs.String("at", "", "when, as `YYYY-MM-DD HH:MM` (local time) or RFC 3339 (default now)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *client <= 0 {
		return usageError{"log: --client ID is required"}
	}
	i := model.Interaction{ClientID: *client, Channel: model.ContactChannel(*channel), Summary: *summary}
	ctx := context.Background()
	return withBook(ctx, *path, forWriting, func(store *db.DB) error {
		var err error
		i.At = store.Now()
		if *at != "" {
			if i.At, err = parseWhen(*at); err != nil {
				return usageError{fmt.Sprintf("log: --at %q is not a time; write it as YYYY-MM-DD HH:MM", *at)}
			}
		}
		if err := store.LogContact(ctx, &i, nil); err != nil {
			if ve, ok := model.AsValidation(err); ok {
				return usageError{"log: " + ve.Fields[0].Text()}
			}
			if errors.Is(err, model.ErrNotFound) {
				return usageError{fmt.Sprintf("log: there is no client %d", *client)}
			}
			return fmt.Errorf("log: %w", err)
		}
		fmt.Fprintf(stdout, "logged contact %d with client %d at %s\n", i.ID, i.ClientID, i.At.Local().Format("2006-01-02 15:04"))
		return nil
	})
}

// parseWhen reads a time typed on the command line.
func parseWhen(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", model.DateLayout} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, nil
		}
	}
	return time.Parse(time.RFC3339, s)
}

// printTable prints rows as aligned text, one a line, or as CSV through
// the writer export uses, so that a cell such as =HYPERLINK(…) typed into a
// client's name never runs as a formula in the spreadsheet it is piped to.
func printTable(w io.Writer, header []string, rows [][]string, asCSV bool) error {
	if asCSV {
		cw := model.NewCSVWriter(w, model.CSVOptions{})
		if err := cw.Write(header); err != nil {
			return err
		}
		for _, r := range rows {
			if err := cw.Write(r); err != nil {
				return err
			}
		}
		return cw.Flush()
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, cols := range rows {
		for i, s := range cols { // one record, one line: tabs and newlines inside must not break it
			cols[i] = strings.Map(func(r rune) rune {
				if r == '\t' || r == '\n' || r == '\r' {
					return ' '
				}
				return r
			}, s)
		}
		fmt.Fprintln(tw, strings.Join(cols, "\t"))
	}
	return tw.Flush()
}
