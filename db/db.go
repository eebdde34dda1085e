// Package db is Client Tracker's SQLite store: it opens the owner's database
// file (refusing, without touching it, a file that is not a Client Tracker
// database, cannot be written or comes from a newer version), migrates its
// schema, and reads and writes clients, their preferences and purchases and
// the owner's settings.
//
// Every public method runs in one transaction. Writes go through a single
// connection that begins its transactions IMMEDIATE, so two writers queue
// instead of failing half-way; reads use a separate pool of query-only
// connections, which in WAL mode never wait for a writer, so the client list
// stays responsive during a long import.
//
// Full-text search needs SQLite's FTS5: build with -tags sqlite_fts5.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3"

	"clienttracker/model"
)

// Errors Open returns when it refuses a file. The file is left exactly as
// it was. Their text is a lowercase fragment; main turns them into advice.
// They are model's, so that the window can tell them apart without this
// package; see there.
var (
	ErrNotDatabase  = model.ErrNotDatabase
	ErrReadOnly     = model.ErrReadOnly
	ErrTooNew       = model.ErrTooNew
	ErrNeedsUpgrade = model.ErrNeedsUpgrade
)

// ErrClosed is what a method returns once Close was called, as when a
// task behind the window outlives the book it was started on.
var ErrClosed = errors.New("the client book is closed")

// applicationID is written into the database header by the first migration
// ("CTrk"), so that Open can tell its own files from other SQLite files.
const applicationID = 0x4354726B

// sqliteHeader starts every SQLite 3 database file.
const sqliteHeader = "SQLite format 3\x00"

// Connection settings, in the DSN so that every pooled connection gets them.
// WAL lets readers work while a write is in progress and makes commits
// cheaper; synchronous=NORMAL is durable enough in WAL mode (a power cut
// can lose the last commit, never corrupt the file).
const (
	// _stmt_cache_size keeps each connection's last 64 statements
	// prepared: the store builds the same few dozen queries for every
	// click, and preparing them was a third of logging a contact.
	commonParams = "_foreign_keys=on&_busy_timeout=5000&_synchronous=NORMAL&_stmt_cache_size=64"
	// The write connection's page cache: 16 MB, as a read connection's.
	// SQLite keeps the pages it has read up to this ceiling for as long as
	// the connection lives, so the morning's recompute of every client
	// filled 256 MB of it and the window kept them all day (430 MB of
	// memory on a 100,000-client book, 280 MB with 16 MB); the recompute
	// was no slower (1.5 s either way). The bulk work that does gain from
	// more raises it for its transaction (setCache: a sample book, an
	// import).
	writeParams = commonParams + "&_journal_mode=WAL&_txlock=immediate&_cache_size=-16000"
	// query_only makes a read connection refuse writes, so a bug cannot
	// write outside the single write connection.
	readParams = commonParams + "&_query_only=on&_cache_size=-16000"
	// readConns is how many read transactions may run at once.
	readConns = 4
)

// idleConnTime is how long a connection may stay unused before it is
// closed, giving back its page cache: the window's morning recompute
// fills the write connection's 16 MB and the start's check of the file a
// read connection's, which a window left open all day would otherwise
// keep. The next use opens one again. A variable for tests.
var idleConnTime = time.Minute

// DB is an open Client Tracker database. Its methods are safe for
// concurrent use.
type DB struct {
	// clock is the clock used for "today" in validation and for timestamps:
	// time.Now unless WithClock gave another.
	clock func() time.Time
	// locale is the OS locale ("ro-RO"), used for the default settings
	// until the owner saves their own (WithLocale).
	locale string
	// unjournaled: the file is a new book being built (see BuildNewBook).
	unjournaled bool

	path     string
	readOnly bool // opened by OpenReadOnly: w is nil

	// poolMu guards w, r and ver, which RestoreBackup and MoveTo replace
	// when they switch the store to another file.
	poolMu sync.RWMutex
	w      *sql.DB   // the one write connection
	r      *sql.DB   // query-only connections
	ver    *sql.Conn // a read connection kept for PRAGMA data_version

	mu       sync.Mutex // guards coll and collLang
	coll     *model.Collator
	collLang string

	// counted is set once the schema has book_revision: from then on
	// every write transaction advances it (see beginWrite).
	counted atomic.Bool
}

// Option is a setting of Open.
type Option func(*DB)

// WithLocale gives the OS locale ("ro-RO", "ka_GE.UTF-8"), which the
// defaults of the settings (money, sort order, the home country of phone
// numbers) follow until the owner saves their own.
func WithLocale(locale string) Option { return func(db *DB) { db.locale = locale } }

// WithClock gives the clock the store reads "now" and "today" from; tests
// fix it. The default is time.Now.
func WithClock(now func() time.Time) Option { return func(db *DB) { db.clock = now } }

// Now is the time by the store's clock.
func (db *DB) Now() time.Time { return db.now() }

// Open opens the database at path, creating it (and its folder) if it does
// not exist, and migrates it to the schema this version knows.
//
// Before SQLite writes anything, Open checks the file and returns, leaving
// it untouched, ErrNotDatabase for a file that is not a Client Tracker
// database, ErrReadOnly for a file or folder that cannot be written (a file
// whose permission bits allow no writing counts as read-only even when the
// process could override them, as root or an administrator can), and
// ErrTooNew for a database written by a newer version. Other errors are
// wrapped I/O or SQLite errors.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	if path == "" {
		return nil, errors.New("open database: no path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		if isPermission(err) {
			return nil, fmt.Errorf("open %s: %w", path, ErrReadOnly)
		}
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := checkFile(ctx, abs); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}

	removeLeftovers(filepath.Dir(abs))
	removeLeftovers(filepath.Join(filepath.Dir(abs), backupFolder))
	created, err := createPrivate(abs)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := newDB(path, opts)
	if err := db.openPools(ctx, abs); err != nil {
		if created {
			err = errors.Join(err, removeUnborn(abs))
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// newDB is a store of the book at path with opts applied, not yet open.
func newDB(path string, opts []Option) *DB {
	db := &DB{clock: time.Now, path: path}
	for _, o := range opts {
		o(db)
	}
	return db
}

// openPools opens the write connection and the read pool on the file at
// abs, and migrates it. On error nothing is left open.
func (db *DB) openPools(ctx context.Context, abs string) (err error) {
	if db.w, err = sql.Open("sqlite3", dsn(abs, db.writeParams())); err != nil {
		return err
	}
	// One writer: SQLite allows one write transaction at a time anyway, and
	// queuing in Go honours the caller's context while waiting.
	db.w.SetMaxOpenConns(1)
	db.w.SetConnMaxIdleTime(idleConnTime)
	if err := db.migrate(ctx); err != nil {
		return errors.Join(err, db.closePools())
	}
	if err := db.afterMigrate(ctx); err != nil {
		return errors.Join(err, db.closePools())
	}
	db.counted.Store(true)
	if db.r, err = sql.Open("sqlite3", dsn(abs, readParams)); err != nil {
		return errors.Join(err, db.closePools())
	}
	// One more than readConns: DataVersion keeps a connection of its own.
	db.r.SetMaxOpenConns(readConns + 1)
	db.r.SetMaxIdleConns(readConns + 1)
	db.r.SetConnMaxIdleTime(idleConnTime)
	if err := db.r.PingContext(ctx); err != nil {
		return errors.Join(err, db.closePools())
	}
	return nil
}

// OpenReadOnly opens the database at path for reading only, as a second
// window does while another one is editing the file: nothing is migrated
// or written, and every write method returns ErrReadOnly. The file must
// exist and be a Client Tracker database of this version's schema
// (ErrNotDatabase, ErrTooNew, or ErrNeedsUpgrade for an older schema that
// only a writable open can migrate).
func OpenReadOnly(ctx context.Context, path string, opts ...Option) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := checkComplete(abs); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := checkHeader(abs); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if _, err := checkVersion(ctx, abs); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := newDB(path, opts)
	db.readOnly = true
	if db.r, err = sql.Open("sqlite3", dsn(abs, readParams+"&"+roParams(abs))); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.r.SetMaxOpenConns(readConns + 1)
	db.r.SetMaxIdleConns(readConns + 1)
	db.r.SetConnMaxIdleTime(idleConnTime)
	var version int
	if err := db.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return nil, errors.Join(fmt.Errorf("open %s: %w", path, err), db.Close())
	}
	if version != len(migrations) {
		return nil, errors.Join(fmt.Errorf("open %s: %w", path, ErrNeedsUpgrade), db.Close())
	}
	return db, nil
}

// switchTo makes the store use the database file at path from now on: it
// opens (and migrates) the new file first, and only then closes the old
// connections, so on error the store is unchanged. Transactions still
// open on the old connections fail; callers switch when the window is
// idle. Not for read-only stores.
func (db *DB) switchTo(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	n := &DB{clock: db.clock, locale: db.locale, path: path}
	if err := n.openPools(ctx, abs); err != nil {
		return err
	}
	db.poolMu.Lock()
	defer db.poolMu.Unlock()
	cerr := db.closePools()
	db.w, db.r, db.path = n.w, n.r, path
	db.mu.Lock()
	db.coll, db.collLang = nil, ""
	db.mu.Unlock()
	return cerr
}

// Close closes the database; the DB must not be used afterwards. The last
// connection to close checkpoints the write-ahead log into the main file.
// Errors are wrapped SQLite errors.
func (db *DB) Close() error {
	db.poolMu.Lock()
	defer db.poolMu.Unlock()
	return db.closePools()
}

// closePools closes the connections; poolMu must be held.
func (db *DB) closePools() error {
	var errs []error
	if db.ver != nil {
		errs = append(errs, db.ver.Close())
		db.ver = nil
	}
	if db.r != nil {
		errs = append(errs, db.r.Close())
		db.r = nil
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
		db.w = nil
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// Path returns the path the database was opened with.
func (db *DB) Path() string {
	db.poolMu.RLock()
	defer db.poolMu.RUnlock()
	return db.path
}

// now returns the current time from the replaceable clock.
func (db *DB) now() time.Time {
	if db.clock == nil {
		return time.Now()
	}
	return db.clock()
}

// beginWrite starts a transaction on the write connection; its BEGIN is
// IMMEDIATE, so it holds the write lock from the first statement. On a
// store opened read-only it returns ErrReadOnly.
func (db *DB) beginWrite(ctx context.Context) (*sql.Tx, error) {
	db.poolMu.RLock()
	w := db.w
	db.poolMu.RUnlock()
	if w == nil {
		return nil, db.noWrites()
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil || !db.counted.Load() {
		return tx, err
	}
	// Every change the owner makes advances the book's revision, so that
	// an import can tell whether anything changed since it (UndoImport).
	if _, err := tx.ExecContext(ctx, "UPDATE book_revision SET n = n + 1"); err != nil {
		return nil, errors.Join(err, tx.Rollback())
	}
	return tx, nil
}

// beginQuietWrite is beginWrite for work that changes only what the store
// derives (the schedules of a new day, phone keys): it leaves the
// revision as it is.
func (db *DB) beginQuietWrite(ctx context.Context) (*sql.Tx, error) {
	db.poolMu.RLock()
	w := db.w
	db.poolMu.RUnlock()
	if w == nil {
		return nil, db.noWrites()
	}
	return w.BeginTx(ctx, nil)
}

// afterMigrate does what the schema's migrations leave to Go, in a
// transaction of its own: reading the phones no E.164 form is known for.
func (db *DB) afterMigrate(ctx context.Context) error {
	tx, err := db.beginQuietWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := db.fillPhoneKeys(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// beginRead starts a transaction on a query-only connection: every query in
// it sees the same snapshot of the database.
func (db *DB) beginRead(ctx context.Context) (*sql.Tx, error) {
	db.poolMu.RLock()
	r := db.r
	db.poolMu.RUnlock()
	if r == nil {
		return nil, ErrClosed
	}
	return r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
}

// noWrites is why there is no write connection: the store was opened
// read-only, or it is closed.
func (db *DB) noWrites() error {
	if db.readOnly {
		return ErrReadOnly
	}
	return ErrClosed
}

// ReadOnly reports whether the store was opened with OpenReadOnly: every
// write then fails with ErrReadOnly.
func (db *DB) ReadOnly() bool { return db.readOnly }

// DataVersion returns a number that changes whenever a transaction that
// changed the database was committed through another connection (this
// store's own writes included, and any other program's), so a window can
// tell on focus whether to read again. It reads SQLite's PRAGMA
// data_version on one connection kept for the purpose.
func (db *DB) DataVersion(ctx context.Context) (int64, error) {
	db.poolMu.Lock()
	defer db.poolMu.Unlock()
	if db.r == nil {
		return 0, ErrClosed
	}
	if db.ver == nil {
		c, err := db.r.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("data version: %w", err)
		}
		db.ver = c
	}
	var v int64
	if err := db.ver.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("data version: %w", err)
	}
	return v, nil
}

// dsn builds a SQLite URI for the file at the absolute path abs. The path
// is percent-encoded byte by byte, so spaces, '?', '#', '%' and non-ASCII
// names reach the file system unchanged.
func dsn(abs, params string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // "C:/Users/…" becomes "file:///C:/Users/…"
	}
	var b strings.Builder
	b.WriteString("file://")
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '/', c == '-', c == '.', c == '_', c == '~', c == ':':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	b.WriteByte('?')
	b.WriteString(params)
	return b.String()
}

// checkFile decides, without writing to it, whether the file at abs may be
// opened read-write: it is missing (a new book), or it is ours and whole
// (not empty, not cut short: checkComplete), it and its folder
// are writable, and its schema is not newer than this binary's.
func checkFile(ctx context.Context, abs string) error {
	dir := filepath.Dir(abs)
	fi, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return checkDirWritable(dir)
	}
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return ErrNotDatabase
	}
	if err := checkComplete(abs); err != nil {
		return err
	}
	if err := checkHeader(abs); err != nil {
		return err
	}
	if err := checkFileWritable(abs, fi); err != nil {
		return err
	}
	// SQLite keeps the write-ahead log and its index next to the file.
	if err := checkDirWritable(dir); err != nil {
		return err
	}
	_, err = checkVersion(ctx, abs)
	return err
}

// checkHeader returns ErrNotDatabase unless the file starts like an SQLite
// database.
func checkHeader(abs string) error {
	f, err := os.Open(abs)
	if err != nil {
		return err
	}
	buf := make([]byte, len(sqliteHeader))
	_, err = io.ReadFull(f, buf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return ErrNotDatabase // shorter than a header
	case err != nil:
		return err
	case string(buf) != sqliteHeader:
		return ErrNotDatabase
	}
	return nil
}

// checkFileWritable returns ErrReadOnly if the file cannot or should not be
// written. Permission bits that allow nobody to write mean the owner made
// the file read-only on purpose (chmod a-w, or the read-only attribute on
// Windows); that is respected even by a process, such as root, that the
// operating system would let write. Opening for writing catches the rest:
// another user's file, a read-only file system, access control lists.
func checkFileWritable(abs string, fi fs.FileInfo) error {
	if fi.Mode().Perm()&0o222 == 0 {
		return ErrReadOnly
	}
	f, err := os.OpenFile(abs, os.O_RDWR, 0)
	if err != nil {
		if isPermission(err) {
			return ErrReadOnly
		}
		return err
	}
	return f.Close()
}

// checkDirWritable returns ErrReadOnly if no file can be created in dir,
// by creating and removing a probe file. As for files, a folder whose
// permission bits allow no writing counts as read-only; not on Windows,
// where the read-only attribute of a folder only marks it as customized.
func checkDirWritable(dir string) error {
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(dir)
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o222 == 0 {
			return ErrReadOnly
		}
	}
	f, err := os.CreateTemp(dir, ".clienttracker-probe-*")
	if err != nil {
		if isPermission(err) {
			return ErrReadOnly
		}
		return err
	}
	return errors.Join(f.Close(), os.Remove(f.Name()))
}

// isPermission reports whether err means "not allowed to write here".
func isPermission(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// NeedsUpgrade reports whether Open would migrate the database at path:
// the file exists, is a Client Tracker database and has an older schema
// than this version's. It reads through a read-only connection and writes
// nothing. Errors: ErrNotDatabase for another program's file, ErrTooNew,
// and wrapped I/O or SQLite errors.
func NeedsUpgrade(ctx context.Context, path string) (bool, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false, err
	}
	if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
		return false, nil // a new book: created at the current schema
	} else if err != nil {
		return false, err
	}
	if err := checkComplete(abs); err != nil {
		return false, err
	}
	if err := checkHeader(abs); err != nil {
		return false, err
	}
	version, err := checkVersion(ctx, abs)
	if err != nil {
		return false, err
	}
	return version < len(migrations), nil
}

// checkVersion reads the header fields through a read-only connection (no
// journal mode is set on it: switching to WAL would write the header) and
// returns ErrNotDatabase for another program's database and ErrTooNew for
// a schema newer than the migrations embedded in this binary; otherwise
// the schema version (user_version).
func checkVersion(ctx context.Context, abs string) (version int, err error) {
	ro, err := sql.Open("sqlite3", dsn(abs, roParams(abs)+"&_busy_timeout=5000"))
	if err != nil {
		return 0, err
	}
	defer func() { err = errors.Join(err, ro.Close()) }()
	var appID, objects int
	if err := ro.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return 0, notDatabase(err)
	}
	if err := ro.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, notDatabase(err)
	}
	if err := ro.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return 0, notDatabase(err)
	}
	switch {
	case appID != applicationID && (appID != 0 || objects > 0 || version > 0):
		// Migration 1 sets the application ID together with the first
		// tables, so anything else with tables belongs to another program.
		return 0, ErrNotDatabase
	case version > len(migrations):
		return 0, ErrTooNew
	}
	return version, nil
}

// notDatabase turns SQLite's "not a database" and "corrupt" into
// ErrNotDatabase.
func notDatabase(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
		return ErrNotDatabase
	}
	return err
}

// IsBusy reports whether err says that another connection (an import, a
// window, another program) held the book's write lock for longer than the
// busy timeout, five seconds, so the operation gave up having changed
// nothing.
func IsBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// storeErr maps an error from a transaction onto the model's errors and
// prefixes it with the operation: sql.ErrNoRows becomes model.ErrNotFound,
// a constraint violation model.ErrConflict (still wrapping the SQLite error
// for logs). Validation errors are returned as they are, for the form.
func storeErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := model.AsValidation(err); ok {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", op, model.ErrNotFound)
	}
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
		return fmt.Errorf("%s: %w: %w", op, model.ErrConflict, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// DefaultPath is the per-user book: %AppData%\ClientTracker on Windows,
// ~/Library/Application Support/ClientTracker on macOS,
// ~/.config/ClientTracker elsewhere.
func DefaultPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "ClientTracker", "clients.db")
}
