package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"clienttracker/db"
	"clienttracker/model"
)

// runOwed prints who owes money: every open balance, the largest sum past
// due first, with the totals.
func runOwed(args []string, stdout io.Writer) error {
	fs := newFlags("owed", "clienttracker owed --db FILE [--csv]", stdout)
	path := fs.String("db", "", "database `FILE` to read")
	asCSV := fs.Bool("csv", false, "print CSV with a header row (amounts as plain numbers)")
	if err := parse(fs, args); err != nil {
		return err
	}
	return withBook(context.Background(), *path, forReading, func(store *db.DB) error {
		var err error
		ctx := context.Background()
		set, err := store.Settings(ctx)
		if err != nil {
			return fmt.Errorf("owed: %w", err)
		}
		bs, err := store.Balances(ctx, store.Now())
		if err != nil {
			return fmt.Errorf("owed: %w", err)
		}
		amount := set.Money.Format
		if *asCSV {
			amount = set.Money.Number
		}
		header := []string{"id", "name", "owed", "past_due", "oldest_due"}
		rows := make([][]string, len(bs))
		for i, b := range bs {
			rows[i] = []string{strconv.FormatInt(b.ClientID, 10), b.Name, amount(b.Owed), amount(b.PastDue), model.FormatDate(b.Oldest)}
		}
		if err := printTable(stdout, header, rows, *asCSV); err != nil {
			return err
		}
		if *asCSV {
			return nil
		}
		owed, pastDue, n := model.BalanceTotals(bs)
		_, err = fmt.Fprintf(stdout, "\ntotal: %s owed by %d clients, of which %s past due\n", amount(owed), n, amount(pastDue))
		return err
	})
}
