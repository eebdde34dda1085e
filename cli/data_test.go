package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"clienttracker/db"
)

// exportedFiles lists the CSV files in dir.
func exportedFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// readCSV reads a file written by export with the given separator,
// without its byte order mark.
func readCSV(t *testing.T, path string, sep rune) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma = sep
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

func TestExportCommand(t *testing.T) {
	path := mustDemo(t, "40")

	t.Run("AllTables", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "export") // created by the command
		code, stdout, stderr := runCLI(t, "export", "--db", path, "--out", out, "--sep", ";")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		lines := strings.Split(strings.TrimRight(stdout, "\n"), "\n")
		if len(lines) != len(db.ExportTables()) {
			t.Fatalf("printed %q, want one line per table", stdout)
		}
		if want := filepath.Join(out, "clients.csv") + ": 40 rows"; lines[0] != want {
			t.Errorf("first line %q, want %q", lines[0], want)
		}
		var want []string
		for _, name := range db.ExportTables() {
			want = append(want, name+".csv")
		}
		slices.Sort(want)
		if got := exportedFiles(t, out); !slices.Equal(got, want) {
			t.Errorf("folder holds %v, want %v", got, want)
		}
		recs := readCSV(t, filepath.Join(out, "clients.csv"), ';')
		if len(recs) != 41 || recs[0][0] != "id" || recs[0][1] != "name" {
			t.Errorf("clients.csv has %d records, header %q", len(recs), recs[0])
		}
		data, _ := os.ReadFile(filepath.Join(out, "purchases.csv"))
		if !bytes.HasPrefix(data, []byte("\ufeffid;client_id;")) {
			t.Errorf("purchases.csv starts %q, want a BOM and ';' between cells", data[:min(len(data), 30)])
		}
	})

	t.Run("OneTableTabNoBOM", func(t *testing.T) {
		out := t.TempDir()
		code, stdout, stderr := runCLI(t, "export", "--db", path, "--out", out, "--table", "purchases", "--sep", "tab", "--no-bom")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if strings.Count(stdout, "\n") != 1 || !strings.HasPrefix(stdout, filepath.Join(out, "purchases.csv")+": ") {
			t.Errorf("printed %q", stdout)
		}
		if got := exportedFiles(t, out); !slices.Equal(got, []string{"purchases.csv"}) {
			t.Errorf("folder holds %v", got)
		}
		data, _ := os.ReadFile(filepath.Join(out, "purchases.csv"))
		if !bytes.HasPrefix(data, []byte("id\tclient_id\t")) {
			t.Errorf("purchases.csv starts %q, want no BOM and tabs", data[:min(len(data), 30)])
		}
	})

	t.Run("TwoTables", func(t *testing.T) {
		out := t.TempDir()
		code, _, stderr := runCLI(t, "export", "--db", path, "--out", out, "--table", "promises,clients", "--table", "complaints")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if got := exportedFiles(t, out); !slices.Equal(got, []string{"clients.csv", "complaints.csv", "promises.csv"}) {
			t.Errorf("folder holds %v", got)
		}
	})
}

// The default separator follows the money format stored in the database:
// a decimal comma gives ';', so that amounts stay one cell in Excel.
func TestExportCommandDefaultSeparator(t *testing.T) {
	for _, tc := range []struct {
		locale string
		header string
	}{
		{"ro_RO.UTF-8", "\ufeffid;client_id;date;"},
		{"en_US.UTF-8", "\ufeffid,client_id,date,"},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			t.Setenv("LC_ALL", tc.locale) // the demo database stores this locale's money format
			path := mustDemo(t, "5")
			out := t.TempDir()
			if code, _, stderr := runCLI(t, "export", "--db", path, "--out", out, "--table", "purchases"); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			data, _ := os.ReadFile(filepath.Join(out, "purchases.csv"))
			if !bytes.HasPrefix(data, []byte(tc.header)) {
				t.Errorf("purchases.csv starts %q, want %q", data[:min(len(data), 30)], tc.header)
			}
		})
	}
}

func TestBackupAndCheckCommands(t *testing.T) {
	path := mustDemo(t, "30")
	dir := t.TempDir()
	backup := filepath.Join(dir, "copy.db")
	code, stdout, stderr := runCLI(t, "backup", "--db", path, "--out", backup)
	if code != 0 || !strings.HasPrefix(stdout, "backed up "+path+" to "+backup) {
		t.Fatalf("backup: exit %d, %q %q", code, stdout, stderr)
	}
	code, stdout, _ = runCLI(t, "check", "--db", backup)
	if code != 0 || stdout != "ok\n" {
		t.Errorf("check of the backup: exit %d, %q", code, stdout)
	}
	code, stdout, _ = runCLI(t, "clients", "--db", backup, "--csv")
	if code != 0 || strings.Count(stdout, "\n") != 31 {
		t.Errorf("clients of the backup: exit %d, %d lines", code, strings.Count(stdout, "\n"))
	}
	before := sha256.Sum256(mustRead(t, backup))
	code, _, stderr = runCLI(t, "backup", "--db", path, "--out", backup)
	if code != 2 || !strings.Contains(stderr, "already exists") {
		t.Errorf("backup over an existing file: exit %d, %q", code, stderr)
	}
	if sha256.Sum256(mustRead(t, backup)) != before {
		t.Error("the existing backup was changed")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCheckCommandDamaged(t *testing.T) {
	path := mustDemo(t, "300")
	// Junk over the middle of many pages, tables' and indexes'.
	data := mustRead(t, path)
	pageSize := int(binary.BigEndian.Uint16(data[16:])) // from the file's header
	for page := 5; page < 80 && (page+1)*pageSize <= len(data); page++ {
		copy(data[page*pageSize+100:], strings.Repeat("\xa5junk\x00", 100))
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "check", "--db", path)
	if code != 1 || stdout == "" || !strings.Contains(stderr, "problems") || strings.Count(strings.TrimRight(stderr, "\n"), "\n") != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, the problems, and one line", code, stdout, stderr)
	}
	if !bytes.Equal(mustRead(t, path), data) {
		t.Error("check changed the file")
	}
}

func TestDataCommandsBadInput(t *testing.T) {
	dir := t.TempDir()
	path := mustDemo(t, "3")
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte("shopping list: milk, bread\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	aFile := filepath.Join(dir, "a-file")
	if err := os.WriteFile(aFile, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"ExportNoOut", []string{"export", "--db", path}, "--out DIR is required"},
		{"ExportNoDB", []string{"export", "--out", dir}, "--db FILE is required"},
		{"ExportBadSep", []string{"export", "--db", path, "--out", dir, "--sep", "|"}, "is not a separator"},
		{"ExportBadTable", []string{"export", "--db", path, "--out", dir, "--table", "orders"}, `unknown table "orders"`},
		{"ExportNoSuchFile", []string{"export", "--db", filepath.Join(dir, "none.db"), "--out", dir}, "no such database file"},
		{"ExportNotADatabase", []string{"export", "--db", notDB, "--out", dir}, "is not a Client Tracker database"},
		{"ExportOutIsAFile", []string{"export", "--db", path, "--out", aFile}, "cannot create the folder"},
		{"ExportUnknownFlag", []string{"export", "--db", path, "--out", dir, "--colour"}, "flag provided but not defined"},
		{"BackupNoOut", []string{"backup", "--db", path}, "--out FILE2 is required"},
		{"BackupOutExists", []string{"backup", "--db", path, "--out", aFile}, "already exists"},
		{"BackupNoFolder", []string{"backup", "--db", path, "--out", filepath.Join(dir, "none", "b.db")}, "does not exist"},
		{"BackupNotADatabase", []string{"backup", "--db", notDB, "--out", filepath.Join(dir, "b.db")}, "is not a Client Tracker database"},
		{"CheckNoDB", []string{"check"}, "--db FILE is required"},
		{"CheckNoSuchFile", []string{"check", "--db", filepath.Join(dir, "none.db")}, "no such database file"},
		{"CheckNotADatabase", []string{"check", "--db", notDB}, "is not a Client Tracker database"},
		{"CheckExtraArgument", []string{"check", "--db", path, "now"}, "unexpected argument"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			if code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if strings.Count(strings.TrimRight(errOut, "\n"), "\n") != 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr %q, want one line containing %q", errOut, tc.want)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
		})
	}
	if b := mustRead(t, notDB); string(b) != "shopping list: milk, bread\n" {
		t.Error("the file that is not a database was changed")
	}
	if names := exportedFiles(t, dir); !slices.Equal(names, []string{"a-file", "notes.db"}) {
		t.Errorf("folder holds %v after the failed commands", names)
	}
}

func TestDataCommandsHelp(t *testing.T) {
	for _, args := range [][]string{{"export", "--help"}, {"backup", "-h"}, {"check", "--help"}} {
		code, out, errOut := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "Usage: clienttracker "+args[0]) || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	_, out, _ := runCLI(t, "help")
	for _, cmd := range []string{"export", "backup", "check"} {
		if !strings.Contains(out, "clienttracker "+cmd+" --db FILE") {
			t.Errorf("the usage does not list %s", cmd)
		}
	}
}
