package main

// The import command: a client list (CSV from a spreadsheet, Google or
// Outlook contacts, or our own clients.csv), contacts from a phone (vCard),
// or a whole export folder into an empty book.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"clienttracker/model"
)

func runImport(args []string, stdout io.Writer) error {
	const synopsis = "clienttracker import --db FILE [--dry-run] [--on-duplicate update|skip|create] [--skip-invalid] FILE.csv|FILE.vcf|FOLDER"
	fs := newFlags("import", synopsis, stdout)
	path := fs.String("db", "", "database `FILE` to import into (created if missing)")
	dryRun := fs.Bool("dry-run", false, "check everything and print what would happen, without changing the database")
	onDup := fs.String("on-duplicate", "update", "what to do with a row that matches a client already in the book (same client number, email, phone or name): `update`, skip or create")
	skipInvalid := fs.Bool("skip-invalid", false, "import the valid rows and leave out the invalid ones, instead of importing nothing")
	// The file comes after the flags: parse stops at the first argument
	// that is not a flag, so take it from the end as well as from there.
	var file string
	if n := len(args); n > 0 && !strings.HasPrefix(args[n-1], "-") && (n == 1 || !wantsValue(args[n-2])) {
		file, args = args[n-1], args[:n-1]
	}
	if err := parse(fs, args); err != nil {
		return err
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
	store, err := openStore(ctx, *path, false)
	if err != nil {
		return err
	}
	defer store.Close()

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

	rows, err := readImportFile(file, model.Day(store.Now()))
	if err != nil {
		return err
	}
	opts := model.ImportOptions{OnDuplicate: action, SkipInvalid: *skipInvalid, DryRun: *dryRun}
	res, err := store.ImportClients(ctx, rows, opts, nil)
	for _, row := range res.Problems {
		fmt.Fprintln(stdout, row.ProblemText())
	}
	if errors.Is(err, model.ErrInvalidRows) {
		return usageError{fmt.Sprintf("import: %d of %d rows are not valid (listed above); nothing was imported. Fix them in the file, or run again with --skip-invalid", res.Invalid, len(rows))}
	}
	if err != nil {
		return err // the store's error says "import: ..." already
	}
	prefix := ""
	if *dryRun {
		prefix = "dry run, nothing changed: would have "
	}
	fmt.Fprintln(stdout, prefix+res.Summary())
	return nil
}

// wantsValue reports whether flag arg takes the next argument as its value.
func wantsValue(arg string) bool {
	name := strings.TrimLeft(arg, "-")
	return !strings.Contains(name, "=") && (name == "db" || name == "on-duplicate")
}

// readImportFile reads a vCard file (.vcf, .vcard) or a CSV file (any
// other name) into rows, mapping CSV columns by their headers.
func readImportFile(file string, today time.Time) ([]model.ImportRow, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(file)) {
	case ".vcf", ".vcard":
		rows, err := model.ReadVCards(f, today)
		if err != nil {
			return nil, usageError{fmt.Sprintf("import: %s: %v", file, err)}
		}
		return rows, nil
	}
	tab, err := model.ReadTable(f)
	if err != nil {
		return nil, usageError{fmt.Sprintf("import: %s: %v", file, err)}
	}
	m := model.GuessMapping(tab.Header)
	if !slices.ContainsFunc(m, func(f model.ImportField) bool { return f != model.ImportIgnore }) {
		return nil, usageError{fmt.Sprintf("import: %s: no column header names a client field (name, phone, email...); add a header row", file)}
	}
	return tab.Clients(m, today), nil
}
