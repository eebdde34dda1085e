package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
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

// PhoneMatchKey is what two phone numbers must share to be the same number
// when matching duplicates: their last eight digits, so that "+373 69 123
// 456", "069 123 456" and "(0)69-123-456" meet whether or not the country
// code or trunk prefix was typed. Numbers with fewer than eight digits
// match on all of them; with fewer than five, never ("").
func PhoneMatchKey(p string) string {
	d := PhoneDigits(p)
	switch {
	case len(d) < 5:
		return ""
	case len(d) > 8:
		return d[len(d)-8:]
	}
	return d
}

// EmailMatchKey is an email as duplicates are matched: trimmed, in lower
// case; "" for none.
func EmailMatchKey(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// UpdateFrom is the client an import makes of stored when an incoming row
// matches it (DuplicateUpdate): every non-empty field of in replaces the
// stored one; phones and tags of in are added to the stored ones (a phone
// already there, by PhoneMatchKey, or a tag differing only in case, is not
// added twice); notes of in are added on a new line unless the stored notes
// already contain them. What only the store or the owner sets (the id,
// lost mark, contact plan, marks, pin, referrer) stays as stored.
func UpdateFrom(stored, in Client) Client {
	c := stored
	c.Phones = slices.Clone(stored.Phones)
	c.Tags = slices.Clone(stored.Tags)
	replace := func(dst *string, v string) {
		if strings.TrimSpace(v) != "" {
			*dst = v
		}
	}
	replace(&c.Name, in.Name)
	replace(&c.Email, in.Email)
	replace(&c.City, in.City)
	replace(&c.Address, in.Address)
	replace(&c.Company, in.Company)
	replace(&c.Language, in.Language)
	if in.Channel != "" {
		c.Channel = in.Channel
	}
	if !in.Since.IsZero() {
		c.Since = in.Since
	}
	if !in.Birthday.IsZero() {
		c.Birthday = in.Birthday
	}
	c.Phones = addPhones(c.Phones, in.Phones)
	c.Tags = addTags(c.Tags, in.Tags)
	c.Notes = addNotes(c.Notes, in.Notes)
	return c
}

// MergeInto is the client that remains when other is merged into keep (the
// "find duplicates" tool): keep's fields win, its empty ones are filled
// from other; phones, tags and notes are put together as UpdateFrom does;
// a mark set on either is kept; the earlier "client since" day wins.
func MergeInto(keep, other Client) Client {
	c := keep
	c.Phones = addPhones(slices.Clone(keep.Phones), other.Phones)
	c.Tags = addTags(slices.Clone(keep.Tags), other.Tags)
	c.Notes = addNotes(keep.Notes, other.Notes)
	fill := func(dst *string, v string) {
		if strings.TrimSpace(*dst) == "" {
			*dst = v
		}
	}
	fill(&c.Email, other.Email)
	fill(&c.City, other.City)
	fill(&c.Address, other.Address)
	fill(&c.Company, other.Company)
	fill(&c.Language, other.Language)
	if c.Channel == "" {
		c.Channel = other.Channel
	}
	if c.Birthday.IsZero() {
		c.Birthday = other.Birthday
	}
	if c.Since.IsZero() || (!other.Since.IsZero() && other.Since.Before(c.Since)) {
		c.Since = other.Since
	}
	if c.ReferredBy == 0 && other.ReferredBy != keep.ID {
		c.ReferredBy = other.ReferredBy
	}
	c.Marks.VIP = keep.Marks.VIP || other.Marks.VIP
	c.Marks.Blacklist = keep.Marks.Blacklist || other.Marks.Blacklist
	c.Marks.BuysOnlyHere = keep.Marks.BuysOnlyHere || other.Marks.BuysOnlyHere
	if c.Pin.IsZero() {
		c.Pin = other.Pin
	}
	return c
}

// addPhones appends the phones of more that are not already in phones. It
// does not stop at MaxPhones: validation then says what to fix, rather
// than a number being dropped unseen.
func addPhones(phones, more []string) []string {
	have := map[string]bool{}
	for _, p := range phones {
		have[phoneKeyFor(p)] = true
	}
	for _, p := range more {
		k := phoneKeyFor(p)
		if strings.TrimSpace(p) == "" || have[k] {
			continue
		}
		have[k] = true
		phones = append(phones, p)
	}
	return phones
}

// phoneKeyFor is PhoneMatchKey, or the whole text for a short number.
func phoneKeyFor(p string) string {
	if k := PhoneMatchKey(p); k != "" {
		return k
	}
	return strings.ToLower(strings.TrimSpace(p))
}

// addTags appends the tags of more that differ, ignoring case, from those
// already in tags (past MaxTags too, as addPhones).
func addTags(tags, more []string) []string {
	for _, t := range more {
		if strings.TrimSpace(t) == "" || slices.ContainsFunc(tags, func(h string) bool { return strings.EqualFold(h, t) }) {
			continue
		}
		tags = append(tags, t)
	}
	return tags
}

// addNotes adds more to notes on a new line, unless notes already hold it.
func addNotes(notes, more string) string {
	more = strings.TrimSpace(more)
	switch {
	case more == "" || strings.Contains(notes, more):
		return notes
	case strings.TrimSpace(notes) == "":
		return more
	}
	return notes + "\n" + more
}
