package db

/*
// SQLite's own declarations (sqlite3.h). The library is the one
// github.com/mattn/go-sqlite3 compiles in (or, built with its libsqlite3
// tag, the system's), so these are its functions.
int sqlite3_config(int, ...);
long long sqlite3_memory_used(void);

// memstatusOff is sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0): a variadic
// function cannot be called from Go.
static int memstatusOff(void) { return sqlite3_config(9, 0); }
*/
import "C"

import "fmt"

// SQLite counts the bytes it has allocated by default, and takes a global
// mutex around every allocation and free to do it. Nothing here reads the
// count (sqlite3_memory_used, a soft heap limit), and a bulk insert
// allocates for every row: with the count off, `clienttracker demo
// --clients 10000` took 2.17 s instead of 2.42 s (medians of 6 alternating
// runs on 2 cores). It must be set before SQLite is initialised, which
// the first connection does: package db opens none before its init.
var memstatusErr = func() error {
	if rc := C.memstatusOff(); rc != 0 {
		return fmt.Errorf("sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0): error %d", int(rc))
	}
	return nil
}()

// sqliteMemoryUsed is SQLite's count of the bytes it has allocated, 0
// while the count is off.
func sqliteMemoryUsed() int64 { return int64(C.sqlite3_memory_used()) }
