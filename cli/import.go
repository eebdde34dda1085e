package cli

// The import command: a client list (CSV from a spreadsheet, Google or
// Outlook contacts, or our own clients.csv), contacts from a phone (vCard),
// or a whole export folder into an empty book.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"clienttracker/db"
	"clienttracker/model"
)

func runImport(args []string, stdout io.Writer) error {
	const synopsis = "clienttracker import --db FILE [--dry-run] [--on-duplicate update|skip|create] [--replace] [--skip-invalid] FILE.csv|FILE.vcf|FOLDER\n       clienttracker import --undo --db FILE"
	fs := newFlags("import", synopsis, stdout)
	path := fs.String("db", "", "database `FILE` to import into (created if missing)")
	dryRun := fs.Bool("dry-run", false, "check everything and print what would happen, without changing the database")
	onDup := fs.String("on-duplicate", "update", "what to do with a row that matches a client already in the book (same client number, email, phone or name): `update`, skip or create")
	skipInvalid := fs.Bool("skip-invalid", false, "import the rows that can be imported and leave out the rows with no name, phone or email to know the client by, instead of importing nothing (a field that cannot be read is always left out, with a warning)")
	replace := fs.Bool("replace", false, "let a matched row replace the stored name, email and phones where they differ (without it they are kept, and a new phone or email is added beside them)")
	undo := fs.Bool("undo", false, "undo the last import, if nothing else has changed the book since")
	// The file comes after the flags: parse stops at the first argument
	// that is not a flag, so take it from the end as well as from there.
	var file string
	if n := len(args); n > 0 && !strings.HasPrefix(args[n-1], "-") && (n == 1 || !wantsValue(args[n-2])) {
		file, args = args[n-1], args[:n-1]
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if *undo {
		if file != "" {
			return usageError{"import: --undo takes no file: it undoes the last import into --db"}
		}
		return runUndoImport(*path, stdout)
	}
	if file == "" {
		return usageError{"import: name the file or folder to import (see 'import --help')"}
	}
	action, err := model.ParseDuplicateAction(*onDup)
	if err != nil {
		return usageError{"import: --on-duplicate: " + err.Error()}
	}
	info, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("import: %s: no such file or folder: %w", file, os.ErrNotExist)
	}

	ctx, stop := interruptible()
	defer stop()
	return withBook(ctx, *path, forCreating, func(store *db.DB) error {
		if info.IsDir() {
			if *dryRun {
				return usageError{"import: --dry-run is for a client list; a folder is read whole into an empty book"}
			}
			counts, err := store.ImportFolder(ctx, file, nil)
			if err != nil {
				return fmt.Errorf("import: %w", err)
			}
			fmt.Fprintf(stdout, "imported %d clients with %d purchases, %d contacts, %d preferences, %d promises and %d complaints from %s\n",
				counts["clients"], counts["purchases"], counts["interactions"], counts["preferences"], counts["promises"], counts["complaints"], file)
			return nil
		}

		// The import holds little per row (see ImportClientsFrom); a soft
		// limit has Go collect before its heap doubles, rather than after:
		// 100,000 new clients then take 240 MB at the peak instead of 280.
		// Matching against a book of 100,000 clients keeps about 100 MB of
		// keys, so a lower limit only makes the collector run without end.
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(model.ImportMemoryLimit))
		rows, closeFile, err := readImportFile(file, model.Day(store.Now()))
		if err != nil {
			return err
		}
		defer closeFile()
		opts := model.ImportOptions{OnDuplicate: action, SkipInvalid: *skipInvalid, DryRun: *dryRun, Replace: *replace,
			Source: filepath.Base(file)}
		res, err := store.ImportClientsFrom(ctx, rows, opts, nil)
		if ie := (*model.ImportError)(nil); errors.As(err, &ie) {
			return readError(file, err) // found part way through the file; nothing was imported
		}
		for _, row := range res.Problems {
			fmt.Fprintln(stdout, row.ProblemText())
			if w := row.WarningText(); w != "" {
				fmt.Fprintln(stdout, w)
			}
		}
		printImportRows(stdout, res, store)
		if errors.Is(err, model.ErrInvalidRows) {
			return usageError{fmt.Sprintf("import: %d of %d rows are not valid (listed above); nothing was imported. Fix them in the file, or run again with --skip-invalid", res.Invalid, len(res.Rows))}
		}
		if err != nil {
			return err // the store's error says "import: ..." already
		}
		prefix := ""
		if *dryRun {
			prefix = "dry run, nothing changed: would have "
		}
		fmt.Fprintln(stdout, prefix+res.Summary())
		if !*dryRun && res.Created+res.Updated > 0 {
			fmt.Fprintf(stdout, "to undo it: clienttracker import --undo --db %s\n", quoteArg(*path))
		}
		return nil
	})
}

// printImportRows prints, for the rows imported (or to be, in a dry run),
// the fields left out, the name, email or phone changes, and the rows
// that share a client's phone but are someone else.
func printImportRows(stdout io.Writer, res model.ImportResult, names interface {
	GetClient(context.Context, int64) (*model.Client, error)
}) {
	for i, r := range res.Rows {
		if r.Outcome == model.OutcomeInvalid {
			continue
		}
		if r.Warnings != nil {
			fmt.Fprintln(stdout, model.ImportRow{Line: r.Line, Warnings: r.Warnings}.WarningText())
		}
		if len(r.Changes) > 0 {
			fmt.Fprintln(stdout, res.Rows[i].ChangeText())
		}
		if r.SharesPhoneWith != 0 {
			other := fmt.Sprintf("client %d", r.SharesPhoneWith)
			if c, err := names.GetClient(context.Background(), r.SharesPhoneWith); err == nil {
				other = c.Name
			}
			fmt.Fprintf(stdout, "row %d: %s shares a phone with %s but not the name or email: added as another client (merge them with Find duplicates if they are one person)\n",
				r.Line, r.Name, other)
		}
	}
}

// runUndoImport undoes the last import into the book at path.
func runUndoImport(path string, stdout io.Writer) error {
	ctx, stop := interruptible()
	defer stop()
	return withBook(ctx, path, forWriting, func(store *db.DB) error {
		u, kept, err := store.UndoImport(ctx)
		switch {
		case errors.Is(err, model.ErrNoImport):
			return usageError{"import --undo: there is no import to undo in " + path}
		case errors.Is(err, model.ErrImportChanged):
			return usageError{fmt.Sprintf("import --undo: the book has changed since the import of %s (%s), and undoing it would lose those changes. "+
				"To go back to before the import anyway, restore the copy kept then (File › Restore from backup… in the window): %s",
				u.Source, u.At.Local().Format("2 Jan 15:04"), u.Snapshot)}
		case err != nil:
			return fmt.Errorf("import --undo: %w", err)
		}
		fmt.Fprintf(stdout, "undid the import of %s (%s): %s\n", u.Source, u.At.Local().Format("2 Jan 15:04"), u.UndoneText())
		if kept != "" {
			fmt.Fprintf(stdout, "the book as it was after the import is kept as %s\n", kept)
		}
		return nil
	})
}

// wantsValue reports whether flag arg takes the next argument as its value.
func wantsValue(arg string) bool {
	name := strings.TrimLeft(arg, "-")
	return !strings.Contains(name, "=") && (name == "db" || name == "on-duplicate")
}

// readImportFile reads a vCard file (.vcf, .vcard) or a CSV file (any
// other name) into rows, mapping CSV columns by their headers. A CSV
// file's rows are read as the import takes them, from the file, which
// stays open until closeFile.
func readImportFile(file string, today time.Time) (rows iter.Seq2[model.ImportRow, error], closeFile func(), err error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, fmt.Errorf("import: %w", err)
	}
	// Read only: closing loses nothing. Closed here when the file is
	// refused (closeFile is nil then).
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	closeFile = func() { f.Close() }
	switch strings.ToLower(filepath.Ext(file)) {
	case ".vcf", ".vcard":
		cards, err := model.ReadVCards(f, today)
		if err != nil {
			return nil, nil, readError(file, err)
		}
		return func(yield func(model.ImportRow, error) bool) {
			for _, c := range cards {
				if !yield(c, nil) {
					return
				}
			}
		}, closeFile, nil
	}
	tab, err := model.NewTableReader(f)
	if err != nil {
		return nil, nil, readError(file, err)
	}
	m := model.GuessMapping(tab.Header)
	if !slices.ContainsFunc(m, func(f model.ImportField) bool { return f != model.ImportIgnore }) {
		return nil, nil, usageError{fmt.Sprintf("import: %s: no column header names a client field (name, phone, email...); add a header row", file)}
	}
	return tab.Clients(m, today), closeFile, nil
}

// quoteArg quotes a path for a command line when it holds a space or a
// quote, as shells and cmd.exe both read double quotes.
func quoteArg(s string) string {
	if strings.ContainsAny(s, " \t\"'") {
		return strconv.Quote(s)
	}
	return s
}

// readError says why file could not be read: the reader's sentence for
// the owner when it has one.
func readError(file string, err error) error {
	var ie *model.ImportError
	if errors.As(err, &ie) {
		return usageError{fmt.Sprintf("import: %s: %s", file, ie.Message())}
	}
	return usageError{fmt.Sprintf("import: %s: %v", file, err)}
}
