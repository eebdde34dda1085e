package model

import (
	"errors"
	"fmt"
	"time"
)

// Importing into the store: what the owner chose, and what happened to each
// row. The rows themselves come from Table.Clients or ReadVCards.

// ErrInvalidRows is returned (wrapped) by an import that found rows with
// problems and was not told to skip them: nothing was written.
var ErrInvalidRows = errors.New("some rows are not valid")

// DuplicateAction is what an import does with a row that matches a client
// already in the book.
type DuplicateAction string

const (
	// DuplicateUpdate fills the client from the row: a non-empty field of
	// the row replaces the stored one, phones and tags are added, notes
	// are appended when they say something new.
	DuplicateUpdate DuplicateAction = "update"
	// DuplicateSkip leaves the stored client as it is.
	DuplicateSkip DuplicateAction = "skip"
	// DuplicateCreate adds the row as a new client anyway.
	DuplicateCreate DuplicateAction = "create"
)

// ParseDuplicateAction reads "update", "skip" or "create".
func ParseDuplicateAction(s string) (DuplicateAction, error) {
	switch a := DuplicateAction(s); a {
	case DuplicateUpdate, DuplicateSkip, DuplicateCreate:
		return a, nil
	}
	return "", fmt.Errorf("%q is not one of update, skip or create", s)
}

// ImportOptions says how an import treats duplicates and invalid rows.
type ImportOptions struct {
	OnDuplicate DuplicateAction // "" means DuplicateUpdate
	// SkipInvalid imports the valid rows and leaves out the others;
	// without it one invalid row stops the whole import.
	SkipInvalid bool
	// DryRun does everything but commit: the result says what would
	// happen, and the book is unchanged.
	DryRun bool
}

// MatchRule is the rule that found an incoming row's client in the book.
// The rules are tried in this order.
type MatchRule string

const (
	MatchNone  MatchRule = ""
	MatchID    MatchRule = "id"    // the client number of our own export
	MatchEmail MatchRule = "email" // the same email, ignoring case
	MatchPhone MatchRule = "phone" // the same phone number (PhoneDigits, ignoring a leading country code)
	MatchName  MatchRule = "name"  // exactly the same name
)

// ImportOutcome is what an import did (or, in a dry run, would do) with a row.
type ImportOutcome string

const (
	OutcomeCreated ImportOutcome = "created"
	OutcomeUpdated ImportOutcome = "updated"
	OutcomeSkipped ImportOutcome = "skipped" // a duplicate left alone
	OutcomeInvalid ImportOutcome = "invalid" // has problems; nothing written
)

// ImportRowResult is what happened to one row.
type ImportRowResult struct {
	Line     int // the file line the row starts on
	Name     string
	Outcome  ImportOutcome
	ClientID int64     // the client created or matched; 0 for invalid rows
	Match    MatchRule // the rule that matched, for updated and skipped rows
}

// ImportResult counts what an import did, row by row.
type ImportResult struct {
	Created, Updated, Skipped, Invalid int
	Rows                               []ImportRowResult // in file order
	// Problems are the invalid rows, with their problems, in file order.
	Problems []ImportRow
	DryRun   bool
}

// Summary is the one-line English report, "imported 3, updated 1,
// skipped 2" (and ", invalid N" when there were invalid rows).
func (r ImportResult) Summary() string {
	s := fmt.Sprintf("imported %d, updated %d, skipped %d", r.Created, r.Updated, r.Skipped)
	if r.Invalid > 0 {
		s += fmt.Sprintf(", invalid %d", r.Invalid)
	}
	return s
}

// DuplicatePair is two clients of the book who are probably the same
// person, and why.
type DuplicatePair struct {
	A, B   Client    // A is the older record (smaller ID)
	Reason MatchRule // MatchEmail, MatchPhone or MatchName
}

// BackupInfo is one backup copy of the database.
type BackupInfo struct {
	Path string
	Day  time.Time // the day in its name
	Size int64     // bytes
}

// ExportOptions says what an export of the whole book writes and how.
type ExportOptions struct {
	// Tables are the names of the tables to export (clients, preferences,
	// purchases, ...), in any order; nil or empty means all of them.
	Tables []string
	// CSV is the separator, byte order mark and decimal separator of the
	// files; see DefaultCSVOptions.
	CSV CSVOptions
}

// ExportResult is what an export wrote.
type ExportResult struct {
	Files []string       // the paths of the files written, in table order
	Rows  map[string]int // the data rows written, by table name
}
