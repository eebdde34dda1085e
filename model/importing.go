package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ImportMemoryLimit is the Go memory an import (the command's, the
// window's) aims to stay under while it runs, set as the runtime's soft
// limit: Go collects before its heap doubles rather than after, and goes
// past the limit rather than spend more than half its time collecting.
// 128 MB made the import of the benchmark book's 100,000 clients 20-35 %
// slower: it keeps about 100 MB of keys and results by its end, and Go
// collected without end.
const ImportMemoryLimit = 144 << 20

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
	// Replace lets an updating row replace a stored client's name, email
	// and phones where they differ (the owner's explicit choice). Without
	// it the stored ones stay and the row's new phone or email is added
	// beside them (see UpdateFrom).
	Replace bool
	// Source names the file imported, for the undo offer ("Undo the
	// import of contacts.vcf").
	Source string
}

// MatchRule is the rule that found an incoming row's client in the book.
// The rules are tried in this order.
type MatchRule string

const (
	MatchNone  MatchRule = ""
	MatchID    MatchRule = "id"    // the client number of our own export
	MatchEmail MatchRule = "email" // the same email, ignoring case
	MatchPhone MatchRule = "phone" // the same phone number (PhoneKey: the whole E.164 number)
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
	// Changes are the stored client's name, email and phones the row
	// differs in, old and new, for an updated (or, in a dry run,
	// to-be-updated) row; each says whether it was replaced or kept.
	Changes []FieldChange
	// SharesPhoneWith is, for a created row, the client whose phone it
	// has but whose name and email both differ: another person (a family
	// sharing a number), or a question for the owner; 0 otherwise.
	SharesPhoneWith int64
	// SharesPhoneName is that client's name.
	SharesPhoneName string
	// Warnings are the fields of the row left out because they could not
	// be read (ImportRow.Warnings).
	Warnings *ValidationError
}

// FieldChange is a field of a stored client that an incoming row says
// otherwise: Old as stored, New as in the row.
type FieldChange struct {
	Field    string // FieldName, FieldEmail or FieldPhones
	Old, New string
	// Replaced is true when New took Old's place; false when Old was kept
	// and New added beside it (a phone, an email in the notes) or, for a
	// name, kept in the notes.
	Replaced bool
}

// ImportResult counts what an import did, row by row.
type ImportResult struct {
	Created, Updated, Skipped, Invalid int
	// Kept counts the updated rows that differed in a name, email or
	// phone and kept the stored one (ImportOptions.Replace not set);
	// Replaced those that replaced it.
	Kept, Replaced int
	// LeftOut counts the fields left out of imported rows because they
	// could not be read.
	LeftOut int
	Rows    []ImportRowResult // in file order
	// Problems are the invalid rows, with their problems, in file order.
	Problems []ImportRow
	DryRun   bool
}

// Summary is the one-line English report, "imported 3, updated 1,
// skipped 2" (and ", invalid N" when there were invalid rows; the name,
// email or phone changes kept or replaced, and the fields left out, when
// there were any).
func (r ImportResult) Summary() string {
	s := fmt.Sprintf("imported %d, updated %d, skipped %d", r.Created, r.Updated, r.Skipped)
	if r.Invalid > 0 {
		s += fmt.Sprintf(", invalid %d", r.Invalid)
	}
	if r.Kept > 0 {
		s += fmt.Sprintf("; %d updated %s kept a stored name, email or phone that differs (listed above; --replace replaces them)",
			r.Kept, plural(r.Kept, "client", "clients"))
	}
	if r.Replaced > 0 {
		s += fmt.Sprintf("; %d updated %s had a name, email or phone replaced", r.Replaced, plural(r.Replaced, "client", "clients"))
	}
	if r.LeftOut > 0 {
		s += fmt.Sprintf("; %d %s that could not be read left out (listed above)", r.LeftOut, plural(r.LeftOut, "field", "fields"))
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ChangeText is an English line for each name, email or phone change of
// the row, `row 7: name: "Ana Pop" → "Ana Popescu" (kept "Ana Pop")`, for
// the command line's dry run and report.
func (r ImportRowResult) ChangeText() string {
	lines := make([]string, len(r.Changes))
	for i, c := range r.Changes {
		how := fmt.Sprintf("kept %q", c.Old)
		switch {
		case c.Replaced:
			how = "replaced"
		case c.Field != FieldName:
			how = fmt.Sprintf("kept %q, added %q beside it", c.Old, c.New)
		}
		lines[i] = fmt.Sprintf("row %d: %s: %q → %q (%s)", r.Line, c.Field, c.Old, c.New, how)
	}
	return strings.Join(lines, "\n")
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

// EmailMatchKey is an email as duplicates are matched: trimmed, in lower
// case; "" for none.
func EmailMatchKey(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// UpdateFrom is the client an import makes of stored when an incoming row
// matches it (DuplicateUpdate), and the name, email and phone changes the
// row asked for.
//
// Who the client is stays as stored unless replace is set: a different
// name is kept in the notes ("Other name: …"), a different email is
// added to the notes ("Other email: …"), and new phones are added after
// the stored ones; with replace the row's name, email and phones take
// their place (the old email is kept in the notes). An empty stored email
// or phone list is simply filled. Every other non-empty field of in
// replaces the stored one; tags of in are added (a tag differing only in
// case is not added twice); notes of in are added on a new line unless
// the stored notes already contain them. Phones are the same number when
// keyOf (RegionKeys of the home country) gives them the same key. What only the store or
// the owner sets (the id, lost mark, contact plan, marks, pin, referrer)
// stays as stored.
func UpdateFrom(stored, in Client, keyOf PhoneKeyFunc, replace bool) (Client, []FieldChange) {
	c := stored
	c.Phones = slices.Clone(stored.Phones)
	c.Tags = slices.Clone(stored.Tags)
	var changes []FieldChange
	set := func(dst *string, v string) {
		if strings.TrimSpace(v) != "" {
			*dst = v
		}
	}
	if strings.TrimSpace(in.Name) != "" && !SameName(stored.Name, in.Name) {
		changes = append(changes, FieldChange{Field: FieldName, Old: stored.Name, New: in.Name, Replaced: replace})
		if replace {
			c.Name = in.Name
		} else {
			c.Notes = addNotes(c.Notes, "Other name: "+in.Name)
		}
	}
	switch {
	case in.Email == "" || EmailMatchKey(in.Email) == EmailMatchKey(stored.Email):
	case stored.Email == "":
		c.Email = in.Email
	default:
		changes = append(changes, FieldChange{Field: FieldEmail, Old: stored.Email, New: in.Email, Replaced: replace})
		other := in.Email
		if replace {
			c.Email, other = in.Email, stored.Email
		}
		if !strings.Contains(strings.ToLower(c.Notes), strings.ToLower(other)) {
			c.Notes = addNotes(c.Notes, "Other email: "+other)
		}
	}
	if added := newPhones(stored.Phones, in.Phones, keyOf); len(added) > 0 {
		if len(stored.Phones) > 0 {
			changes = append(changes, FieldChange{Field: FieldPhones, Old: strings.Join(stored.Phones, ", "),
				New: strings.Join(added, ", "), Replaced: replace})
		}
		if replace {
			c.Phones = slices.Clone(in.Phones)
		} else {
			c.Phones = append(c.Phones, added...)
		}
	}
	set(&c.City, in.City)
	set(&c.Address, in.Address)
	set(&c.Company, in.Company)
	set(&c.Language, in.Language)
	if in.Channel != "" {
		c.Channel = in.Channel
	}
	if !in.Since.IsZero() {
		c.Since = in.Since
	}
	if !in.Birthday.IsZero() {
		c.Birthday = in.Birthday
	}
	c.Tags = addTags(c.Tags, in.Tags)
	c.Notes = addNotes(c.Notes, in.Notes)
	return c, changes
}

// SameName reports whether two names are the same but for case and the
// spaces between words: "ana  POPESCU" and "Ana Popescu" are.
func SameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// MergeInto is the client that remains when other is merged into keep (the
// "find duplicates" tool): keep's fields win, its empty ones are filled
// from other; phones (the same number when keyOf gives them the same key),
// tags and notes are put together as UpdateFrom does;
// a mark set on either is kept; the earlier "client since" day wins.
func MergeInto(keep, other Client, keyOf PhoneKeyFunc) Client {
	c := keep
	c.Phones = append(slices.Clone(keep.Phones), newPhones(keep.Phones, other.Phones, keyOf)...)
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

// PhoneKeyFunc gives a phone's PhoneKey, however it was read.
type PhoneKeyFunc func(typed string) string

// RegionKeys is the PhoneKeyFunc of numbers read in region.
func RegionKeys(region string) PhoneKeyFunc {
	return func(typed string) string { return PhoneKey(typed, region) }
}

// newPhones returns the phones of more that are not already in phones
// (nor earlier in more): the same number by keyOf, or the same text for a
// number too short to have a key. It does not stop at MaxPhones:
// validation then says what to fix, rather than a number being dropped
// unseen.
func newPhones(phones, more []string, keyOf PhoneKeyFunc) []string {
	key := func(p string) string {
		if k := keyOf(p); k != "" {
			return k
		}
		return strings.ToLower(strings.TrimSpace(p))
	}
	have := map[string]bool{}
	for _, p := range phones {
		have[key(p)] = true
	}
	var added []string
	for _, p := range more {
		k := key(p)
		if strings.TrimSpace(p) == "" || have[k] {
			continue
		}
		have[k] = true
		added = append(added, p)
	}
	return added
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

// Errors of undoing an import.
var (
	// ErrNoImport means there is no import to undo.
	ErrNoImport = errors.New("there is no import to undo")
	// ErrImportChanged means the book has changed since the last import,
	// so undoing it would also undo those changes.
	ErrImportChanged = errors.New("the book has changed since the last import")
)

// ImportUndo is the last import, as kept for undoing it.
type ImportUndo struct {
	Snapshot string    // the copy of the book taken just before it
	Revision int64     // the book's revision the import left
	At       time.Time // when it was made
	Source   string    // the file imported
	Created  int       // clients it created
	Updated  int       // clients it updated
}

// UndoneText is an English line for what undoing the import did,
// "1 new client removed, 2 updated clients put back as they were", for the
// command line.
func (u ImportUndo) UndoneText() string {
	return fmt.Sprintf("%d new %s removed, %d updated %s put back as they were",
		u.Created, plural(u.Created, "client", "clients"), u.Updated, plural(u.Updated, "client", "clients"))
}
