package db

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"clienttracker/model"
)

// BenchmarkDueWhole describes every row of the due list of the sample
// database, as `clienttracker due --all` does. The anchors read the id,
// name, due day, channel and email of clients and drop them:
// "naive-overdue" of the overdue ones in due order, "naive-listed" of the
// clients of the list in list order. "list" is DueList without a limit,
// every row held in memory at once; "stream" is EachDue, as the command
// reads it, each row dropped once described.
func BenchmarkDueWhole(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	today := model.Day(fixedNow)
	naive := func(b *testing.B, query string) {
		b.ReportAllocs()
		defer reportCPU(b)()
		var n int
		for range b.N {
			n = 0
			tx, err := db.beginRead(ctx)
			if err != nil {
				b.Fatal(err)
			}
			err = queryEach(ctx, tx, query, nil, func(rows *sql.Rows) error {
				var id int64
				var name, due, channel, email string
				n++
				return rows.Scan(&id, &name, &due, &channel, &email)
			})
			if err != nil {
				b.Fatal(err)
			}
			if err := tx.Rollback(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "rows")
	}
	b.Run("naive-overdue", func(b *testing.B) {
		naive(b, `SELECT id, name, next_due, channel, email FROM clients
			WHERE next_due <= '`+model.FormatDate(today)+`' ORDER BY next_due`)
	})
	b.Run("naive-listed", func(b *testing.B) {
		naive(b, `SELECT id, name, next_due, channel, email FROM clients
			WHERE due_key IS NOT NULL ORDER BY due_key, sort_key, id`)
	})
	b.Run("list", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		var n int
		for range b.N {
			page, err := db.DueList(ctx, today, model.DueQuery{})
			if err != nil {
				b.Fatal(err)
			}
			n = len(page.Items)
		}
		b.ReportMetric(float64(n), "rows")
	})
	b.Run("stream", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		var n int
		for range b.N {
			n = 0
			_, err := db.EachDue(ctx, today, model.DueQuery{}, func(*model.DuePage, *model.DueItem) error {
				n++
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "rows")
	})
}

// viewPageRows is how many rows the check-ins view asks for at a time
// (gui's duePageRows; 100 until the view asked for 50).
const viewPageRows = 50

// BenchmarkCheckinsView loads what the check-ins view reads when it opens:
// the counts and the first page of viewPageRows rows, then the shop's
// promise-keeping score.
func BenchmarkCheckinsView(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	today := model.Day(fixedNow)
	b.ReportAllocs()
	defer reportCPU(b)()
	for range b.N {
		page, err := db.DueList(ctx, today, model.DueQuery{Limit: viewPageRows})
		if err != nil || len(page.Items) == 0 {
			b.Fatalf("%d rows: %v", len(page.Items), err)
		}
		if _, due, err := db.PromiseScore(ctx, 0, today); err != nil || due == 0 {
			b.Fatalf("%d promises due: %v", due, err)
		}
	}
}

// BenchmarkSampleBook makes a new book of sample clients, as
// `clienttracker demo --clients N` does (BuildNewBook, InsertRecords): one
// op is one whole book.
func BenchmarkSampleBook(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			if testing.Short() && n > 10_000 {
				b.Skip("a 100,000-client book takes tens of seconds; not with -short")
			}
			ctx := context.Background()
			defer reportCPU(b)()
			for i := range b.N {
				var got int
				err := BuildNewBook(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("sample%d.db", i)), func(db *DB) (err error) {
					got, err = db.InsertRecords(ctx, model.SampleRecords(n, benchSeed, model.Day(fixedNow)), nil)
					return err
				}, WithClock(func() time.Time { return fixedNow }))
				if err != nil || got != n {
					b.Fatalf("%d of %d clients: %v", got, n, err)
				}
			}
		})
	}
}
