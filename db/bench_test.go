package db

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"clienttracker/model"
)

// The benchmarks run on a database of benchClients sample clients (about
// ten purchases and a few preferences each, and a year of contacts,
// promises and complaints: see addBenchContacts), built once with
// InsertRecords and cached in the system's temporary folder, keyed by
// size, seed and a fingerprint of the migrations, of the sample
// generator's output and of benchContactsVersion, so that a later
// `go test -bench` reuses it and a changed generator or schema rebuilds it.
// Delete clienttracker-bench-*.db there to force a rebuild.
const (
	benchClients = 100_000
	benchSeed    = 1
)

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

// benchDB returns the path of the cached sample database, building it if
// needed. Benchmarks that write must work on a copy (copyBenchDB).
func benchDB(b *testing.B) string {
	b.Helper()
	if testing.Short() {
		b.Skip("benchmarks build a 100,000-client database; not with -short")
	}
	benchOnce.Do(func() { benchPath, benchErr = buildBenchDB(b) })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

// buildBenchDB builds the sample database unless a matching one is cached.
func buildBenchDB(b *testing.B) (string, error) {
	h := sha256.New() // writes to a hash never fail
	for _, m := range migrations {
		io.WriteString(h, m.sql)
	}
	for r := range model.SampleRecords(50, benchSeed, fixedNow) {
		fmt.Fprintf(h, "%+v\n", r)
	}
	io.WriteString(h, benchContactsVersion)
	name := fmt.Sprintf("clienttracker-bench-n%d-seed%d-v%d-%s.db",
		benchClients, benchSeed, len(migrations), hex.EncodeToString(h.Sum(nil))[:12])
	path := filepath.Join(os.TempDir(), name)
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}

	// Build under a temporary name and rename, so an interrupted build
	// never leaves a half-filled file to be reused.
	tmp, err := os.MkdirTemp(os.TempDir(), "clienttracker-bench-build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	tmpPath := filepath.Join(tmp, name)
	ctx := context.Background()
	db, err := Open(ctx, tmpPath)
	if err != nil {
		return "", err
	}
	db.clock = func() time.Time { return fixedNow }
	db.locale = "ro-RO"
	start := time.Now()
	n, err := db.InsertRecords(ctx, model.SampleRecords(benchClients, benchSeed, fixedNow), nil)
	elapsed := time.Since(start)
	if err == nil {
		err = addBenchContacts(ctx, db, benchSeed)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("build benchmark database: %w", err)
	}
	fi, err := os.Stat(tmpPath)
	if err != nil {
		return "", err
	}
	b.Logf("built %s: %d clients in %v (InsertRecords %v), %.0f MB",
		path, n, time.Since(start).Round(time.Millisecond), elapsed.Round(time.Millisecond), float64(fi.Size())/1e6)
	return path, os.Rename(tmpPath, path)
}

// openBench opens the cached database read-only in spirit: the benchmarks
// that use it only read.
func openBench(b *testing.B) *DB {
	b.Helper()
	return openBenchPath(b, benchDB(b))
}

// openBenchPath opens the database at path on the sample's clock, closed
// when the benchmark ends.
func openBenchPath(b *testing.B, path string) *DB {
	b.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	db.clock = func() time.Time { return fixedNow }
	b.Cleanup(func() {
		if err := db.Close(); err != nil {
			b.Error(err)
		}
	})
	return db
}

// copyBenchDB copies the cached database into a temporary folder.
func copyBenchDB(b *testing.B) string {
	b.Helper()
	src, err := os.Open(benchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(b.TempDir(), "copy.db")
	dst, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchList runs ListClients b.N times and reports the matches.
func benchList(b *testing.B, db *DB, f model.ClientFilter) {
	b.Helper()
	ctx := context.Background()
	var total, rows int
	b.ResetTimer()
	for range b.N {
		cs, n, err := db.ListClients(ctx, f)
		if err != nil {
			b.Fatal(err)
		}
		total, rows = n, len(cs)
	}
	b.ReportMetric(float64(total), "matches")
	b.ReportMetric(float64(rows), "rows")
}

// sampleClient returns a client of the database chosen by position in the
// name order, to build searches that exist.
func sampleClient(b *testing.B, db *DB, offset int) *model.Client {
	b.Helper()
	cs, _, err := db.ListClients(context.Background(), model.ClientFilter{Offset: offset, Limit: 1})
	if err != nil || len(cs) == 0 {
		b.Fatalf("no client at %d: %v", offset, err)
	}
	return cs[0]
}

func BenchmarkOpen(b *testing.B) {
	path := benchDB(b)
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		db, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchNamePrefix(b *testing.B) {
	db := openBench(b)
	c := sampleClient(b, db, benchClients/2)
	given, family, _ := strings.Cut(c.Name, " ")
	prefix := func(s string, n int) string { return string([]rune(s)[:min(n, len([]rune(s)))]) }
	for _, s := range []string{
		prefix(family, 4),                          // a family name, as typed so far
		prefix(given, 3) + " " + prefix(family, 3), // given and family name
		c.Name, // the full name
		"ana",  // a very common prefix
		"hovh", // Armenian typed in Latin
	} {
		benchSearch(b, db, s)
	}
}

// benchSearch runs a search as the client list does while the owner types:
// the matches counted and the first page of 50 rows (four screens of the
// list) read, then the same with a page of 100.
func benchSearch(b *testing.B, db *DB, s string) {
	for _, limit := range []int{50, 100} {
		b.Run(fmt.Sprintf("%s/page=%d", s, limit), func(b *testing.B) {
			benchList(b, db, model.ClientFilter{Search: s, Limit: limit})
		})
	}
}

func BenchmarkSearchPhoneDigits(b *testing.B) {
	db := openBench(b)
	var phone string
	for off := benchClients / 2; phone == ""; off++ {
		if c := sampleClient(b, db, off); len(c.Phones) > 0 {
			phone = c.Phones[0]
		}
	}
	digits := model.PhoneDigits(phone)
	// Most of a number's national form, typed to find a number stored in
	// international form: a search longer than the digits probed.
	var national string
	for off := benchClients / 2; len(national) <= phoneProbeDigits+1; off++ {
		if c := sampleClient(b, db, off); len(c.Phones) > 0 && strings.HasPrefix(c.Phones[0], "+") {
			national = model.ReadPhone(c.Phones[0], "").National
		}
	}
	for _, s := range []string{
		phone,                      // as stored
		digits[len(digits)-6:],     // the last six digits
		digits[len(digits)-4:],     // the last four: many matches
		national[:len(national)-1], // most of the other form, as typed so far
	} {
		benchSearch(b, db, s)
	}
}

func BenchmarkListPageByLastPurchase(b *testing.B) {
	db := openBench(b)
	for _, offset := range []int{0, benchClients / 2} {
		b.Run(fmt.Sprintf("offset=%d", offset), func(b *testing.B) {
			benchList(b, db, model.ClientFilter{Sort: model.SortLastPurchase, Offset: offset, Limit: 100})
		})
	}
}

func BenchmarkListPage(b *testing.B) {
	db := openBench(b)
	for _, sort := range []model.SortBy{model.SortName, model.SortTotalSpent} {
		for _, offset := range []int{0, benchClients / 2} {
			b.Run(fmt.Sprintf("%s/offset=%d", sort, offset), func(b *testing.B) {
				benchList(b, db, model.ClientFilter{Sort: sort, Offset: offset, Limit: 100})
			})
		}
	}
}

func BenchmarkGetClient(b *testing.B) {
	db := openBench(b)
	id := sampleClient(b, db, benchClients/2).ID
	ctx := context.Background()
	b.ResetTimer()
	for range b.N {
		if _, err := db.GetClient(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInsertRecords inserts batches of 1,000 sample clients into a
// copy of the 100,000-client database; one op is one batch.
func BenchmarkInsertRecords(b *testing.B) {
	db := openBenchCopy(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		if _, err := db.InsertRecords(ctx, model.SampleRecords(1000, int64(1000+i), fixedNow), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*1000), "µs/client")
}

// BenchmarkDueList builds the due list for the sample database's today
// (the schedule already recomputed for that day). "day" is the day's list
// at the default capacity (15 rows, the counts and the clients done
// today), as `clienttracker due` reads it; "view" is what the due
// view asks for when it opens: the counts and the first page
// (viewPageRows); "deep" is such a page from the middle of the list, as when the owner
// scrolls; "risk" is the first page with the at-risk filter; "all"
// describes every row, as `clienttracker due` does (tens of thousands in
// the sample database); "small" is the whole list of a copy where all
// but one client in 25 were marked lost (and their open promises and
// complaints closed), a list of the size a shop works through.
func BenchmarkDueList(b *testing.B) {
	run := func(b *testing.B, db *DB, q model.DueQuery) {
		ctx := context.Background()
		today := model.Day(fixedNow)
		page, err := db.DueList(ctx, today, q) // recomputed for this day already: no write
		if err != nil {
			b.Fatal(err)
		}
		if q.Offset > 0 && q.Offset < page.Counts.Total()/2 {
			q.Offset = page.Counts.Total() / 2
		}
		b.ResetTimer()
		for range b.N {
			if page, err = db.DueList(ctx, today, q); err != nil {
				b.Fatal(err)
			}
		}
		if len(page.Items) == 0 {
			b.Fatal("no rows")
		}
		b.ReportMetric(float64(len(page.Items)), "items")
		b.ReportMetric(float64(page.Counts.Total()), "listed")
	}
	b.Run("day", func(b *testing.B) { run(b, openBench(b), model.DueQuery{Limit: model.DefaultDailyCapacity}) })
	b.Run("view", func(b *testing.B) { run(b, openBench(b), model.DueQuery{Limit: viewPageRows}) })
	b.Run("deep", func(b *testing.B) { run(b, openBench(b), model.DueQuery{Offset: 1, Limit: viewPageRows}) })
	b.Run("risk", func(b *testing.B) { run(b, openBench(b), model.DueQuery{AtRiskOnly: true, Limit: viewPageRows}) })
	b.Run("all", func(b *testing.B) { run(b, openBench(b), model.DueQuery{}) })
	b.Run("small", func(b *testing.B) {
		db := openBenchCopy(b)
		for _, q := range []string{
			`UPDATE clients SET lost_reason = 'no_contact', lost_on = '2026-01-01' WHERE id % 25 <> 0 AND lost_reason IS NULL`,
			`UPDATE promises SET status = 'cancelled' WHERE status = 'open' AND client_id % 25 <> 0`,
			`UPDATE complaints SET status = 'resolved', resolved_on = opened_on, resolution = 'gone' WHERE status = 'open' AND client_id % 25 <> 0`,
		} {
			if _, err := db.w.Exec(q); err != nil {
				b.Fatal(err)
			}
		}
		if err := db.Recompute(context.Background()); err != nil {
			b.Fatal(err)
		}
		run(b, db, model.DueQuery{})
	})
}

// BenchmarkLogContact logs contacts with clients spread over a copy of the
// sample database; one op is one contact, with the client's schedule
// moved on in the same transaction.
func BenchmarkLogContact(b *testing.B) {
	db := openBenchCopy(b)
	ctx := context.Background()
	b.ResetTimer()
	defer reportCPU(b)()
	for i := range b.N {
		c := &model.Interaction{ClientID: int64(1 + (i*7919)%benchClients), At: fixedNow.Add(-time.Minute),
			Channel: model.ContactCall, Summary: "asked about the new stock", Feedback: model.FeedbackPositive}
		if err := db.LogContact(ctx, c, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecompute recomputes every client's stage and next due day on
// a copy of the sample database, as of a day later than the one stored,
// so that the facts are all loaded and the changed rows written.
func BenchmarkRecompute(b *testing.B) {
	db := openBenchCopy(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		day := fixedNow.AddDate(0, 0, 1+i)
		db.clock = func() time.Time { return day }
		if err := db.Recompute(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// openBenchCopy opens a copy of the cached database, for benchmarks that
// write.
func openBenchCopy(b *testing.B) *DB {
	b.Helper()
	return openBenchPath(b, copyBenchDB(b))
}

// BenchmarkPromiseScore computes the whole shop's promise-keeping score
// over the last 90 days, as the due view does each time it loads.
func BenchmarkPromiseScore(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	var kept, due int
	for range b.N {
		var err error
		if kept, due, err = db.PromiseScore(ctx, 0, fixedNow); err != nil {
			b.Fatal(err)
		}
	}
	if due == 0 {
		b.Fatal("no promises due in the sample")
	}
	b.ReportMetric(float64(due), "promises")
	b.ReportMetric(float64(kept), "kept")
}

// BenchmarkLadderSummary reads the counts, spend, lapsed and ready figures
// of every rung and the moves of the last 30 days, as the ladder view
// does when it opens.
func BenchmarkLadderSummary(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	var sum model.LadderSummary
	for range b.N {
		var err error
		if sum, err = db.LadderSummary(ctx, 30); err != nil {
			b.Fatal(err)
		}
	}
	n := 0
	for _, r := range sum.Rungs {
		n += r.Clients
	}
	b.ReportMetric(float64(n), "clients")
}

// BenchmarkListLadderPage reads a page of 100 Buyers, biggest spenders
// first, from the middle of the rung.
func BenchmarkListLadderPage(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	_, total, err := db.ListLadder(ctx, model.LadderQuery{Stage: model.StageBuyer, Limit: 1})
	if err != nil || total == 0 {
		b.Fatalf("no buyers: %v", err)
	}
	b.ResetTimer()
	for range b.N {
		cs, _, err := db.ListLadder(ctx, model.LadderQuery{Stage: model.StageBuyer, Offset: total / 2, Limit: 100})
		if err != nil || len(cs) != 100 {
			b.Fatalf("%d rows: %v", len(cs), err)
		}
	}
	b.ReportMetric(float64(total), "buyers")
}

// BenchmarkCreatePurchase records purchases for clients spread over a copy
// of the sample database; one op is one purchase with the incremental
// recompute of the client's rung, badge, hint and schedule (and the move,
// when there is one) in the same transaction.
func BenchmarkCreatePurchase(b *testing.B) {
	db := openBenchCopy(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := range b.N {
		p := &model.Purchase{ClientID: int64(1 + (i*7919)%benchClients), Date: fixedNow, Item: "scarf", Amount: 4500}
		if err := db.CreatePurchase(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
}
