package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the command line with args and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, &out, &errOut, Program{Version: "test", ID: "app.clienttracker.test"})
	return code, out.String(), errOut.String()
}

// mustDemo creates a sample database with n clients.
func mustDemo(t *testing.T, n string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop.db")
	if code, out, errOut := runCLI(t, "demo", "--db", path, "--clients", n, "--seed", "3"); code != 0 {
		t.Fatalf("demo exited %d: %s%s", code, out, errOut)
	}
	return path
}

func TestDemoThenClients(t *testing.T) {
	path := mustDemo(t, "50")
	code, out, errOut := runCLI(t, "clients", "--db", path)
	if code != 0 {
		t.Fatalf("clients exited %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 51 {
		t.Fatalf("clients printed %d lines, want a header and 50 clients", len(lines))
	}
	if !strings.HasPrefix(lines[0], "id") || !strings.Contains(lines[0], "phones") {
		t.Errorf("header line is %q", lines[0])
	}

	// The same clients as CSV, and a search that narrows them by a phone typed
	// in another format than it is stored in.
	code, out, _ = runCLI(t, "clients", "--db", path, "--csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 51 {
		t.Fatalf("--csv: exit %d, %d records, err %v", code, len(recs), err)
	}
	var phone, name string
	for _, r := range recs[1:] {
		if r[2] != "" {
			name, phone = r[1], strings.Split(r[2], ", ")[0]
			break
		}
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, phone)
	spaced := digits[:3] + " " + digits[3:6] + "-" + digits[6:]
	code, out, _ = runCLI(t, "clients", "--db", path, "--search", spaced, "--csv")
	if code != 0 || !strings.Contains(out, name) {
		t.Errorf("searching %q (stored as %q) did not find %s:\n%s", spaced, phone, name, out)
	}
}

func TestDemoRefusesAFileWithClients(t *testing.T) {
	path := mustDemo(t, "5")
	code, _, errOut := runCLI(t, "demo", "--db", path, "--clients", "5")
	if code != 2 || !strings.Contains(errOut, "already holds 5 clients") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestBadInputGivesOneLineAndExit2(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(notDB, []byte("shopping list: milk, bread\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := sha256.Sum256([]byte("shopping list: milk, bread\n"))
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"UnknownCommand", []string{"frobnicate"}, "unknown command"},
		{"UnknownFlag", []string{"clients", "--db", notDB, "--colour"}, "flag provided but not defined"},
		{"MissingDB", []string{"clients"}, "--db FILE is required"},
		{"NoSuchFile", []string{"clients", "--db", filepath.Join(dir, "none.db")}, "no such database file"},
		{"NotADatabase", []string{"clients", "--db", notDB}, "is not a Client Tracker database"},
		{"BadCount", []string{"demo", "--db", filepath.Join(dir, "x.db"), "--clients", "-4"}, "--clients must be"},
		{"NotANumber", []string{"demo", "--db", filepath.Join(dir, "x.db"), "--clients", "many"}, "invalid value"},
		{"ExtraArgument", []string{"clients", "--db", notDB, "extra"}, "unexpected argument"},
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
	data, err := os.ReadFile(notDB)
	if err != nil || sha256.Sum256(data) != before {
		t.Error("the file that is not a database was changed")
	}
}

func TestHelpForEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"demo", "--help"}, {"clients", "-h"}} {
		code, out, errOut := runCLI(t, args...)
		if code != 0 || !strings.Contains(out, "Usage") || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if code, out, _ := runCLI(t, "--version"); code != 0 || !strings.Contains(out, "Client Tracker test") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

func TestLogThenDue(t *testing.T) {
	path := mustDemo(t, "30")
	code, out, errOut := runCLI(t, "due", "--db", path, "--csv")
	if code != 0 {
		t.Fatalf("due exited %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("due printed %d records (err %v); sample clients are never contacted, so some must be due", len(recs), err)
	}
	if strings.Join(recs[0], ",") != "id,name,list,reasons,due,days_overdue,channel,phone,email,say,at_risk" {
		t.Errorf("header %q", recs[0])
	}
	first := recs[1]
	if first[3] == "" || first[2] != "today" {
		t.Errorf("a due row must say why: %q", first)
	}

	// Logging a contact with the first client takes them off today's list
	// unless a promise or complaint is still open.
	code, out, errOut = runCLI(t, "log", "--db", path, "--client", first[0], "--channel", "call", "--summary", "asked how the boots fit")
	if code != 0 || !strings.Contains(out, "logged contact") {
		t.Fatalf("log exited %d: %s%s", code, out, errOut)
	}
	_, out, _ = runCLI(t, "due", "--db", path, "--csv", "--all")
	recs, _ = csv.NewReader(strings.NewReader(out)).ReadAll()
	for _, r := range recs[1:] {
		if r[0] == first[0] && (r[2] == "backlog" || r[2] == "today") && !strings.Contains(r[3], "promise") && !strings.Contains(r[3], "complaint") && !strings.Contains(r[3], "payment") {
			t.Errorf("client %s is still due after a logged contact: %q", first[0], r)
		}
	}
}

func TestLogAndDueBadInput(t *testing.T) {
	path := mustDemo(t, "3")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"NoClient", []string{"log", "--db", path, "--channel", "call"}, "--client ID is required"},
		{"UnknownClient", []string{"log", "--db", path, "--client", "999"}, "there is no client 999"},
		{"BadChannel", []string{"log", "--db", path, "--client", "1", "--channel", "pigeon"}, "log:"},
		{"BadTime", []string{"log", "--db", path, "--client", "1", "--at", "yesterday"}, "is not a time"},
		{"BadDate", []string{"due", "--db", path, "--date", "23/11/2026"}, "is not a date"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			if code != 2 || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimRight(errOut, "\n"), "\n") != 0 {
				t.Errorf("exit %d, stderr %q; want 2 and one line containing %q", code, errOut, tc.want)
			}
		})
	}
}
