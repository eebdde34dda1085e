package model

import (
	"errors"
	"fmt"
)

// What can stand in the way of opening a book file. The store returns them
// (wrapped) and the window and the command line tell them apart to say what
// to do; their text is a lowercase fragment.
var (
	// ErrNotDatabase means the file exists, is not empty and is not a
	// Client Tracker database (not SQLite at all, or another program's).
	ErrNotDatabase = errors.New("not a client tracker database")
	// ErrReadOnly means the file, or the folder it is in, cannot be written.
	ErrReadOnly = errors.New("database file is read-only")
	// ErrTooNew means the file was written by a newer Client Tracker whose
	// schema this version does not know.
	ErrTooNew = errors.New("database is from a newer version of client tracker")
	// ErrNeedsUpgrade means a database opened read-only has an older
	// schema, which only a writable open may migrate.
	ErrNeedsUpgrade = errors.New("database needs an upgrade that only a writable window can make")
	// ErrLocked means another window has the book open for editing.
	ErrLocked = errors.New("the database is open in another Client Tracker window")
	// ErrDamaged means the file fails the integrity check, or is empty or
	// cut short (ErrEmpty, ErrTruncated).
	ErrDamaged = errors.New("database file is damaged")
	// ErrEmpty means the database file exists and holds 0 bytes, as a failed
	// copy or sync leaves it. It wraps ErrDamaged.
	ErrEmpty = fmt.Errorf("%w: the file is empty (0 bytes)", ErrDamaged)
	// ErrTruncated means the database file is shorter than its own header
	// says it is: the end of it is missing. It wraps ErrDamaged.
	ErrTruncated = fmt.Errorf("%w: the file is cut short", ErrDamaged)
)
