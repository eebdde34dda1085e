package db

import (
	"encoding/binary"
	"errors"
	"io"
	"os"

	"clienttracker/model"
)

// A book is recognised before anything writes to it. A failed copy or sync
// leaves a file of 0 bytes, or one cut short; SQLite would take the first
// for a new, empty database and write a fresh schema into it, and the
// second fails somewhere later. Open, OpenReadOnly, Check and the backups
// refuse both, leaving the file as it is, so that the owner is sent to the
// newest good backup instead of an empty book.

var (
	// ErrEmpty is model.ErrEmpty: the file holds 0 bytes.
	ErrEmpty = model.ErrEmpty
	// ErrTruncated is model.ErrTruncated: the end of the file is missing.
	ErrTruncated = model.ErrTruncated
)

// headerSize is the size of SQLite's database header.
const headerSize = 100

// checkComplete returns ErrEmpty for an empty file and ErrTruncated for a
// file that starts like a SQLite database but is shorter than its header
// says. Another program's file is left to checkHeader. A database whose
// write-ahead log is not empty is not judged by its size: a checkpoint
// interrupted by a crash may have grown the header first, and SQLite
// finishes it from the log.
func checkComplete(abs string) error {
	f, err := os.Open(abs)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return ErrEmpty
	}
	buf := make([]byte, headerSize)
	n, err := io.ReadFull(f, buf)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		if n >= len(sqliteHeader) && string(buf[:len(sqliteHeader)]) == sqliteHeader {
			return ErrTruncated
		}
		return nil // not ours: checkHeader says so
	case err != nil:
		return err
	case string(buf[:len(sqliteHeader)]) != sqliteHeader:
		return nil
	}
	pageSize := int64(binary.BigEndian.Uint16(buf[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	changes := binary.BigEndian.Uint32(buf[24:28])
	pages := int64(binary.BigEndian.Uint32(buf[28:32]))
	validFor := binary.BigEndian.Uint32(buf[92:96])
	// The page count is only kept by SQLite 3.7.0 and later, which set
	// validFor to the change counter when they write it.
	if pageSize < 512 || validFor != changes || pages == 0 {
		if fi.Size() < pageSize {
			return ErrTruncated
		}
		return nil
	}
	if fi.Size() >= pages*pageSize {
		return nil
	}
	if wal, err := os.Stat(abs + "-wal"); err == nil && wal.Size() > 0 {
		return nil
	}
	return ErrTruncated
}
