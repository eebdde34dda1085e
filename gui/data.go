package gui

import (
	"context"
	"io"

	"clienttracker/model"
)

// DataStore is what the File menu's data tools need from the store:
// import, export, backups, duplicates, and knowing when another program
// changed the database.
type DataStore interface {
	// ImportClients adds (or, for duplicates, updates or skips) the valid
	// rows in one transaction. With invalid rows and !opts.SkipInvalid it
	// writes nothing and returns an error wrapping model.ErrInvalidRows,
	// with the result still filled in (Problems lists the rows).
	// opts.DryRun reports what would happen and writes nothing. progress,
	// if not nil, is called with rows done and total.
	ImportClients(ctx context.Context, rows []model.ImportRow, opts model.ImportOptions,
		progress func(done, total int)) (model.ImportResult, error)
	// Export writes every table (or opts.Tables) as NAME.csv into dir.
	Export(ctx context.Context, dir string, opts model.ExportOptions,
		progress func(done, total int)) (model.ExportResult, error)
	// ExportClients writes the clients with these ids, in this order, as
	// one CSV file with the columns of clients.csv.
	ExportClients(ctx context.Context, w io.Writer, ids []int64, opts model.CSVOptions) error
	// ClientIDs returns the ids of the whole list f describes (Offset and
	// Limit ignored), in its order: for "export this list".
	ClientIDs(ctx context.Context, f model.ClientFilter) ([]int64, error)

	// BackupNow makes a backup copy in the backups folder now, even if
	// one was made today, and returns its path.
	BackupNow(ctx context.Context) (string, error)
	// Backups lists the backup copies in the backups folder, newest first.
	Backups(ctx context.Context) ([]model.BackupInfo, error)
	// RestoreBackup checks the backup, keeps a copy of the current
	// database (returned), and swaps the backup in; the store stays open
	// on the restored data.
	RestoreBackup(ctx context.Context, backup string) (kept string, err error)

	// FindDuplicates lists up to limit pairs of clients who are probably
	// the same person.
	FindDuplicates(ctx context.Context, limit int) ([]model.DuplicatePair, error)
	// MergeClients moves all of mergeID's history (purchases, preferences,
	// contacts, promises, complaints, moves, referrals) to keepID, fills
	// keepID's empty fields from mergeID, adds its phones and tags, and
	// deletes mergeID; one transaction.
	MergeClients(ctx context.Context, keepID, mergeID int64) error

	// LastImport returns the last import and whether it can still be
	// undone (nothing has changed the book since).
	LastImport(ctx context.Context) (model.ImportUndo, bool, error)
	// UndoImport puts the book back as it was before the last import,
	// keeping the book as it is now beside it (kept). It returns
	// model.ErrNoImport or model.ErrImportChanged when it cannot.
	UndoImport(ctx context.Context) (u model.ImportUndo, kept string, err error)

	// DataVersion changes whenever the database was changed by another
	// connection or program; the window compares it on focus and reloads.
	DataVersion(ctx context.Context) (int64, error)
	// ReadOnly reports whether the store was opened read-only (another
	// window is editing the file); every write then fails.
	ReadOnly() bool
}
