package cli

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
	// Row 3 has nothing to know the client by: its only email cannot be read.
	bad := writeFile(t, dir, "bad.csv", "Name;Email;Phone\nAna Popescu;ana@example.ro;0721 000 111\n;bob@;\nNino;nino@example.ge;\n")

	code, out, errOut := runCLI(t, "import", "--db", path, bad)
	if code != exitUsage || !strings.Contains(out, "row 3: name: ") || !strings.Contains(out, `row 3: email: "bob@"`) || !strings.Contains(errOut, "nothing was imported") {
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
	code, out, errOut = runCLI(t, "import", "--db", path, filepath.Join("..", "testdata", "import", "monica-stub.vcf"))
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

// An update shows what it would change, keeps who the client is, and the
// import can be undone until the book changes again.
func TestImportCommandChangesAndUndo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	first := writeFile(t, dir, "first.csv", "Name,Email,Phone,Birthday\nAna Popescu,ana@example.ro,+40 721 000 111,0/0/00\n")
	if code, out, errOut := runCLI(t, "import", "--db", path, first); code != 0 || !strings.Contains(out, "imported 1") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	second := writeFile(t, dir, "second.csv", "Name,Email,Phone\nAna P.,ana@example.ro,+40 744 222 333\nDan,dan@example.ro,\n")
	code, out, errOut := runCLI(t, "import", "--db", path, "--dry-run", second)
	for _, want := range []string{
		`row 2: name: "Ana Popescu" → "Ana P." (kept "Ana Popescu")`,
		`row 2: phones: "+40 721 000 111" → "+40 744 222 333" (kept "+40 721 000 111", added "+40 744 222 333" beside it)`,
		"would have imported 1, updated 1, skipped 0; 1 updated client kept a stored name, email or phone that differs",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run: exit %d, want %q in\n%s%s", code, want, out, errOut)
		}
	}
	if code, out, errOut = runCLI(t, "import", "--db", path, second); code != 0 || !strings.Contains(out, "import --undo --db") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if _, clients, _ := runCLI(t, "clients", "--db", path); !strings.Contains(clients, "Ana Popescu") || !strings.Contains(clients, "Dan") {
		t.Fatalf("after the import:\n%s", clients)
	}
	code, out, errOut = runCLI(t, "import", "--undo", "--db", path)
	if code != 0 || !strings.Contains(out, "undid the import of second.csv") {
		t.Fatalf("undo: exit %d\n%s%s", code, out, errOut)
	}
	if _, clients, _ := runCLI(t, "clients", "--db", path); strings.Contains(clients, "Dan") || strings.Count(clients, "\n") != 2 {
		t.Errorf("after undo:\n%s", clients)
	}
	if code, _, errOut := runCLI(t, "import", "--undo", "--db", path); code != exitUsage || !strings.Contains(errOut, "no import to undo") {
		t.Errorf("a second undo: exit %d, %s", code, errOut)
	}
	// A change after the import: the undo is refused and says what to do.
	if code, _, _ := runCLI(t, "import", "--db", path, second); code != 0 {
		t.Fatal("import failed")
	}
	if code, _, errOut := runCLI(t, "log", "--db", path, "--client", "1", "--channel", "call", "--summary", "called"); code != 0 {
		t.Fatalf("log: %s", errOut)
	}
	if code, _, errOut := runCLI(t, "import", "--undo", "--db", path); code != exitUsage || !strings.Contains(errOut, "has changed since the import") {
		t.Errorf("undo after a change: exit %d, %s", code, errOut)
	}
}

// A CSV file is read as it is imported: a row far down that shows the
// file is no client list refuses the whole file with the reader's
// sentence, and nothing of the rows above it is written.
func TestImportCommandRefusesLateInTheFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	file := writeFile(t, dir, "long.csv", "Name,Phone\n"+strings.Repeat("Ana,0721 000 111\n", 5000)+"Ion,"+strings.Repeat("1,", 1500)+"\n")
	code, out, errOut := runCLI(t, "import", "--db", path, file)
	if code != exitUsage || !strings.Contains(errOut, "long.csv: This file is not a client list") {
		t.Fatalf("exit %d\n%s%s: want exit 2 and the file refused", code, out, errOut)
	}
	if _, clients, _ := runCLI(t, "clients", "--db", path); strings.Count(clients, "\n") != 1 {
		t.Errorf("clients after a refused import:\n%s", clients)
	}
}

// TestImportCommandRefusesAtTheStart: a file refused before its first row
// (empty, one line of 2 MB, no header naming a field, a vCard file with
// no card) gets its one line on stderr and exit 2, and the book is not
// touched.
func TestImportCommandRefusesAtTheStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	for _, tc := range []struct{ name, text, want string }{
		{"empty.csv", "", "empty.csv: "},
		{"oneline.csv", "Name,Phone," + strings.Repeat("x", 2<<20) + "\n", "oneline.csv: This file is not a client list"},
		{"noheader.csv", "Colour,Size\nred,42\n", "noheader.csv: no column header names a client field"},
		{"nocard.vcf", "hello\n", "nocard.vcf: "},
	} {
		file := writeFile(t, dir, tc.name, tc.text)
		code, out, errOut := runCLI(t, "import", "--db", path, file)
		if code != exitUsage || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
			t.Errorf("%s: exit %d\n%s%s: want exit 2 and one line with %q", tc.name, code, out, errOut, tc.want)
		}
	}
	if _, clients, _ := runCLI(t, "clients", "--db", path); strings.Count(clients, "\n") != 1 {
		t.Errorf("clients after refused imports:\n%s", clients)
	}
}
