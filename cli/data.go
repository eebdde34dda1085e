package cli

// The data commands: export to CSV, backup, and an integrity check.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"clienttracker/db"
	"clienttracker/model"
)

// tableFlag collects --table, given once or more, each naming one table
// or several separated by commas.
type tableFlag []string

func (f *tableFlag) String() string { return strings.Join(*f, ",") }

func (f *tableFlag) Set(s string) error {
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if !slices.Contains(db.ExportTables(), name) {
			return fmt.Errorf("unknown table %q; the tables are %s", name, strings.Join(db.ExportTables(), ", "))
		}
		*f = append(*f, name)
	}
	return nil
}

// separators are the values --sep accepts.
var separators = map[string]rune{",": ',', ";": ';', "tab": '\t', "\t": '\t'}

// interruptible returns a context that Ctrl-C cancels, so that an export
// or a backup stops cleanly (removing its temporary files) instead of the
// process dying half-way.
func interruptible() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

func runExport(args []string, stdout io.Writer) error {
	fs := newFlags("export", "clienttracker export --db FILE --out DIR [--table NAME] [--sep ';'] [--no-bom]", stdout)
	path := fs.String("db", "", "database `FILE` to read")
	out := fs.String("out", "", "`DIR` to write one CSV file per table into (created if missing; files of the same names are replaced)")
	var tables tableFlag
	fs.Var(&tables, "table", "export only table `NAME` (repeat, or separate with commas): "+strings.Join(db.ExportTables(), ", "))
	sep := fs.String("sep", "", "cell separator: ',', ';' or 'tab' (default ';' where amounts are written with a decimal comma, else ',')")
	noBOM := fs.Bool("no-bom", false, "leave out the byte order mark that tells Excel the file is UTF-8")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"export: --out DIR is required"}
	}
	if _, ok := separators[*sep]; !ok && *sep != "" {
		return usageError{fmt.Sprintf("export: --sep %q is not a separator; use ',', ';' or 'tab'", *sep)}
	}
	ctx, stop := interruptible()
	defer stop()
	return withBook(ctx, *path, forReading, func(store *db.DB) error {
		settings, err := store.Settings(ctx)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		opts := db.ExportOptions{Tables: tables, CSV: model.DefaultCSVOptions(settings.Money.Decimal)}
		if *sep != "" {
			opts.CSV.Sep = separators[*sep]
		}
		opts.CSV.BOM = !*noBOM
		if err := os.MkdirAll(*out, 0o700); err != nil {
			return usageError{fmt.Sprintf("export: cannot create the folder: %v", err)}
		}
		res, err := store.Export(ctx, *out, opts, nil)
		if err != nil {
			return err // says "export: ..." already
		}
		for _, file := range res.Files {
			name := strings.TrimSuffix(filepath.Base(file), ".csv")
			fmt.Fprintf(stdout, "%s: %d rows\n", file, res.Rows[name])
		}
		return nil
	})
}

func runBackup(args []string, stdout io.Writer) error {
	fs := newFlags("backup", "clienttracker backup --db FILE --out FILE2", stdout)
	path := fs.String("db", "", "database `FILE` to back up")
	out := fs.String("out", "", "the backup `FILE2` to create; it must not exist yet")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"backup: --out FILE2 is required"}
	}
	if _, err := os.Lstat(*out); err == nil {
		return usageError{fmt.Sprintf("backup: %s already exists; give a new file name so nothing is overwritten", *out)}
	}
	ctx, stop := interruptible()
	defer stop()
	return withBook(ctx, *path, forReading, func(store *db.DB) error {
		if err := store.Backup(ctx, *out); err != nil {
			switch {
			case errors.Is(err, os.ErrExist):
				return usageError{fmt.Sprintf("backup: %s already exists; give a new file name so nothing is overwritten", *out)}
			case errors.Is(err, os.ErrNotExist):
				return usageError{fmt.Sprintf("backup: the folder of %s does not exist", *out)}
			}
			return err // says "backup: ..." already
		}
		size := ""
		if fi, err := os.Stat(*out); err == nil {
			size = fmt.Sprintf(" (%.1f MB)", float64(fi.Size())/1e6)
		}
		fmt.Fprintf(stdout, "backed up %s to %s%s\n", *path, *out, size)
		return nil
	})
}

// errProblems is returned by check for a damaged database: not a usage
// error, so the exit code is 1.
var errProblems = errors.New("the database has problems")

func runCheck(args []string, stdout io.Writer) error {
	fs := newFlags("check", "clienttracker check --db FILE", stdout)
	path := fs.String("db", "", "database `FILE` to check; it is only read, never changed")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *path == "" {
		return usageError{"--db FILE is required"}
	}
	// Not through openStore: opening migrates the file, and a check must
	// not write to a file that may be damaged.
	problems, err := db.Check(context.Background(), *path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s: no such database file: %w", *path, os.ErrNotExist)
	case errors.Is(err, db.ErrNotDatabase), errors.Is(err, db.ErrDamaged):
		return describeOpenError(*path, err)
	case err != nil:
		return err // says "check FILE: ..." already
	case len(problems) > 0:
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
		found := "1 problem"
		if len(problems) != 1 {
			found = fmt.Sprintf("%d problems", len(problems))
		}
		return fmt.Errorf("check: %s has %s; restore a backup made before it was damaged: %w",
			*path, found, errProblems)
	}
	fmt.Fprintln(stdout, "ok")
	return nil
}
