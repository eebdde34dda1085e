package db

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"clienttracker/model"
)

// BenchmarkExport exports every table of the 100,000-client sample
// database (about 2.6 million rows) to CSV files; one op is the whole
// export, files synced.
func BenchmarkExport(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	opts := ExportOptions{CSV: model.DefaultCSVOptions(",")}
	var res ExportResult
	dir := b.TempDir() // each export replaces the files of the one before
	b.ResetTimer()
	for range b.N {
		var err error
		if res, err = db.Export(ctx, dir, opts, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	rows, size := 0, int64(0)
	for _, n := range res.Rows {
		rows += n
	}
	for _, f := range res.Files {
		fi, err := os.Stat(f)
		if err != nil {
			b.Fatal(err)
		}
		size += fi.Size()
	}
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}

// BenchmarkExportClients exports the whole client list, newest first, to
// a file, as the client view's "export this list" does.
func BenchmarkExportClients(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	ids := make([]int64, benchClients)
	for i := range ids {
		ids[i] = int64(benchClients - i)
	}
	f, err := os.Create(filepath.Join(b.TempDir(), "list.csv"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	b.ResetTimer()
	for range b.N {
		if _, err := f.Seek(0, 0); err != nil {
			b.Fatal(err)
		}
		if err := db.ExportClients(ctx, f, ids, model.DefaultCSVOptions(",")); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ids)), "rows")
}

// BenchmarkBackup backs up the 100,000-client sample database to a new
// file; one op is one backup, synced.
func BenchmarkBackup(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	dir := b.TempDir()
	b.ResetTimer()
	for i := range b.N {
		dest := filepath.Join(dir, "backup.db")
		if err := db.Backup(ctx, dest); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if i == b.N-1 {
			if fi, err := os.Stat(dest); err == nil {
				b.ReportMetric(float64(fi.Size())/1e6, "MB")
			}
		}
		if err := os.Remove(dest); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
