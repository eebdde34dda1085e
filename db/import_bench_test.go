package db

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"clienttracker/model"
)

// benchClientsCSV is the benchmark book's clients.csv, as an owner exports
// it, and the ids of its clients.
func benchClientsCSV(b *testing.B) (*bytes.Buffer, []int64) {
	b.Helper()
	ctx := context.Background()
	src := openBench(b)
	ids, err := src.ClientIDs(ctx, model.ClientFilter{})
	if err != nil {
		b.Fatal(err)
	}
	var csv bytes.Buffer
	if err := src.ExportClients(ctx, &csv, ids, model.DefaultCSVOptions(".")); err != nil {
		b.Fatal(err)
	}
	return &csv, ids
}

// BenchmarkImportClients imports the 100,000 clients of the sample
// database, as its own clients.csv (every column, 20 MB), into an empty
// database: reading and decoding the file, mapping its columns, validating
// every row, matching duplicates, and the one transaction that writes the
// clients, their phones, tags and search rows and recomputes everyone's
// schedule. One op is one whole import into a new file.
func BenchmarkImportClients(b *testing.B) {
	ctx := context.Background()
	csv, ids := benchClientsCSV(b)
	dir := b.TempDir()
	b.ResetTimer()
	var res model.ImportResult
	for i := range b.N {
		db := importTarget(b, dir, i)
		b.StartTimer()
		tab, err := model.ReadTable(bytes.NewReader(csv.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		rows := tab.Clients(model.GuessMapping(tab.Header), model.Day(db.now()))
		if res, err = db.ImportClients(ctx, rows, model.ImportOptions{}, nil); err != nil {
			b.Fatalf("%v: %v", err, res.Problems[:min(3, len(res.Problems))])
		}
	}
	b.StopTimer()
	reportCreated(b, res, len(ids))
	b.ReportMetric(float64(csv.Len())/1e6, "MB")
}

// BenchmarkImportClientsFile is BenchmarkImportClients the way the import
// command and the window run it: the file read a row at a time
// (model.TableReader) under a context that can be cancelled, with the
// import's soft memory limit (model.ImportMemoryLimit), and the copy of
// the book kept for undo.
func BenchmarkImportClientsFile(b *testing.B) {
	csv, ids := benchClientsFile(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(model.ImportMemoryLimit))
	dir := b.TempDir()
	defer reportCPU(b)()
	b.ResetTimer()
	var res model.ImportResult
	for i := range b.N {
		db := importTarget(b, dir, i)
		runtime.GC()
		b.StartTimer()
		res = importFileRows(b, ctx, db, csv)
	}
	b.StopTimer()
	reportCreated(b, res, len(ids))
}

// importTarget stops the timer and opens the empty book the i-th import
// of a benchmark writes into, in dir.
func importTarget(b *testing.B, dir string, i int) *DB {
	b.StopTimer()
	return openBenchPath(b, filepath.Join(dir, "import-"+itoa(int64(i))+".db"))
}

// reportCreated fails the benchmark unless the last import created want
// clients, and reports them.
func reportCreated(b *testing.B, res model.ImportResult, want int) {
	b.Helper()
	if res.Created != want {
		b.Fatalf("imported %s, want %d new", res.Summary(), want)
	}
	b.ReportMetric(float64(res.Created), "clients")
}

// benchClientsFile writes the sample database's clients.csv
// (benchClientsCSV) into a file of its own and returns its path and the
// clients' ids: the file benchmarks read it from disk, as the import
// command does, not from 30 MB held in the heap, which an import under
// its soft memory limit would spend its collections on.
func benchClientsFile(b *testing.B) (string, []int64) {
	b.Helper()
	csv, ids := benchClientsCSV(b)
	path := filepath.Join(b.TempDir(), "clients.csv")
	if err := os.WriteFile(path, csv.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	return path, ids
}

// importFileRows imports the CSV file at path into db as the import
// command does: read a row at a time.
func importFileRows(b *testing.B, ctx context.Context, db *DB, path string) model.ImportResult {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	tr, err := model.NewTableReader(f)
	if err != nil {
		b.Fatal(err)
	}
	rows := tr.Clients(model.GuessMapping(tr.Header), model.Day(db.now()))
	res, err := db.ImportClientsFrom(ctx, rows, model.ImportOptions{Source: "clients.csv"}, nil)
	if err != nil {
		b.Fatalf("%v: %v", err, res.Problems[:min(3, len(res.Problems))])
	}
	return res
}

// BenchmarkImportClientsUpdate re-imports the 100,000 clients of the
// sample database, as its own clients.csv, into a copy of it (with its
// purchases and a year of contacts): every row matches its client by
// number and updates it, as when an owner imports the same export again.
// It reads the file row by row (model.TableReader), as the import command
// does, under a context that can be cancelled, as the command's and the
// window's can, with the import's soft memory limit; one op includes the
// copy of the book kept for undo.
func BenchmarkImportClientsUpdate(b *testing.B) {
	csv, ids := benchClientsFile(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(model.ImportMemoryLimit))
	defer reportCPU(b)()
	b.ResetTimer()
	var res model.ImportResult
	for range b.N {
		b.StopTimer()
		path := copyBenchDB(b)
		db, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		db.clock = func() time.Time { return fixedNow }
		b.StartTimer()
		res = importFileRows(b, ctx, db, csv)
		b.StopTimer()
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.RemoveAll(filepath.Dir(path)); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.StopTimer()
	if res.Updated != len(ids) || res.Created != 0 {
		b.Fatalf("imported %s, want %d updated", res.Summary(), len(ids))
	}
	b.ReportMetric(float64(res.Updated), "clients")
}
