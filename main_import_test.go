package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	bad := writeFile(t, dir, "bad.csv", "Name;Email;Phone\nAna Popescu;ana@example.ro;0721 000 111\nBob;bob@;\nNino;nino@example.ge;\n")

	code, out, errOut := runCLI(t, "import", "--db", path, bad)
	if code != exitUsage || !strings.Contains(out, `row 3: email: "bob@"`) || !strings.Contains(errOut, "nothing was imported") {
		t.Fatalf("exit %d\n%s%s: want exit 2, the row's problem and 'nothing was imported'", code, out, errOut)
	}
	if _, clients, _ := runCLI(t, "clients", "--db", path); strings.Count(clients, "\n") != 1 {
		t.Fatalf("clients after a refused import:\n%s", clients)
	}

	code, out, errOut = runCLI(t, "import", "--db", path, "--dry-run", "--skip-invalid", bad)
	if code != 0 || !strings.Contains(out, "dry run, nothing changed: would have imported 2, updated 0, skipped 0, invalid 1") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "import", "--db", path, "--skip-invalid", bad)
	if code != 0 || !strings.Contains(out, "imported 2, updated 0, skipped 0, invalid 1") {
		t.Fatalf("skip invalid: exit %d\n%s%s", code, out, errOut)
	}
	// The same file again: the two clients are found by email and skipped.
	code, out, _ = runCLI(t, "import", "--db", path, "--on-duplicate", "skip", "--skip-invalid", bad)
	if code != 0 || !strings.Contains(out, "imported 0, updated 0, skipped 2") {
		t.Fatalf("second import: exit %d\n%s", code, out)
	}
	// A phone's contacts.
	code, out, errOut = runCLI(t, "import", "--db", path, filepath.Join("testdata", "import", "monica-stub.vcf"))
	if code != 0 || !strings.Contains(out, "imported 3") {
		t.Fatalf("vCard: exit %d\n%s%s", code, out, errOut)
	}
	if _, clients, _ := runCLI(t, "clients", "--db", path); !strings.Contains(clients, "Johnny") || strings.Count(clients, "\n") != 6 {
		t.Errorf("clients after the imports:\n%s", clients)
	}
	if code, _, errOut := runCLI(t, "import", "--db", path, "--on-duplicate", "merge", bad); code != exitUsage || !strings.Contains(errOut, "update, skip or create") {
		t.Errorf("a bad --on-duplicate: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "import", "--db", path, filepath.Join(dir, "missing.csv")); code != exitUsage {
		t.Errorf("a missing file: exit %d, %s", code, errOut)
	}
}

// Export everything, import the folder into a new book, export again: the
// files are the same.
func TestImportFolderCommandRoundTrip(t *testing.T) {
	path := mustDemo(t, "60")
	first := filepath.Join(t.TempDir(), "first")
	if code, _, errOut := runCLI(t, "export", "--db", path, "--out", first); code != 0 {
		t.Fatal(errOut)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	code, out, errOut := runCLI(t, "import", "--db", copyPath, first)
	if code != 0 || !strings.Contains(out, "imported 60 clients") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	second := filepath.Join(t.TempDir(), "second")
	if code, _, errOut := runCLI(t, "export", "--db", copyPath, "--out", second); code != 0 {
		t.Fatal(errOut)
	}
	names := exportedFiles(t, first)
	if len(names) < 8 {
		t.Fatalf("exported %v", names)
	}
	for _, name := range names {
		a, _ := os.ReadFile(filepath.Join(first, name))
		b, _ := os.ReadFile(filepath.Join(second, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs after export, import and export", name)
		}
	}
	// A folder fills only an empty book.
	if code, _, errOut := runCLI(t, "import", "--db", copyPath, first); code == 0 || !strings.Contains(errOut, "not empty") {
		t.Errorf("importing a folder twice: exit %d, %s", code, errOut)
	}
}
