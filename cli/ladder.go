package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"clienttracker/db"
	"clienttracker/model"
)

// runLadder prints the ladder: clients, spend, lapsed and ready per rung,
// or with --clients one line per client with the computed rung, the
// pinned one and the badges.
func runLadder(args []string, stdout io.Writer) error {
	fs := newFlags("ladder", "clienttracker ladder --db FILE [--recompute] [--clients] [--csv]", stdout)
	path := fs.String("db", "", "database `FILE` to read")
	perClient := fs.Bool("clients", false, "one line per client: rung, computed rung, pinned rung, badges")
	asCSV := fs.Bool("csv", false, "print CSV with a header row")
	recompute := fs.Bool("recompute", false, "place every client on the ladder again first (moves are recorded)")
	if err := parse(fs, args); err != nil {
		return err
	}
	return withBook(context.Background(), *path, forReading, func(store *db.DB) error {
		ctx := context.Background()
		if *recompute {
			if err := store.Recompute(ctx); err != nil {
				return fmt.Errorf("ladder: %w", err)
			}
		}
		if !*perClient {
			sum, err := store.LadderSummary(ctx, 0)
			if err != nil {
				return fmt.Errorf("ladder: %w", err)
			}
			set, err := store.Settings(ctx)
			if err != nil {
				return fmt.Errorf("ladder: %w", err)
			}
			rows := make([][]string, len(sum.Rungs))
			for i, r := range sum.Rungs {
				rows[i] = []string{string(r.Stage), strconv.Itoa(r.Clients), set.Money.Number(r.Spend),
					strconv.Itoa(r.Lapsed), strconv.Itoa(r.Ready)}
			}
			return printTable(stdout, []string{"stage", "clients", "spend", "lapsed", "ready"}, rows, *asCSV)
		}
		header := []string{"id", "name", "stage", "computed", "pinned", "badges"}
		var rows [][]string
		for _, st := range model.Stages {
			cs, _, err := store.ListLadder(ctx, model.LadderQuery{Stage: st})
			if err != nil {
				return fmt.Errorf("ladder: %w", err)
			}
			for _, c := range cs {
				var badges []string
				if c.Lapsed {
					badges = append(badges, "lapsed")
				}
				if c.Ready != "" {
					badges = append(badges, "ready: "+c.Ready)
				}
				rows = append(rows, []string{strconv.FormatInt(c.ID, 10), c.Name, string(c.Stage), string(c.AutoStage),
					string(c.Pin.Stage), strings.Join(badges, "; ")})
			}
		}
		return printTable(stdout, header, rows, *asCSV)
	})
}
