package db

import (
	"testing"

	"clienttracker/model"
)

// SQLite does not count its allocations (see memstatusErr): with the count
// on, a book opened and searched would have allocated some.
func TestSQLiteMemoryNotCounted(t *testing.T) {
	if memstatusErr != nil {
		t.Fatal(memstatusErr)
	}
	db := mustOpen(t)
	mustCreateClient(t, db, &model.Client{Name: "Ana", Phones: []string{"+374 95 430752"}})
	wantSearch(t, db, "ana", []string{"Ana"})
	if n := sqliteMemoryUsed(); n != 0 {
		t.Errorf("SQLite counted %d bytes allocated: the count is on", n)
	}
}
