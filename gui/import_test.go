package gui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"clienttracker/model"
)

// writeTemp writes a file for a test to import and returns its path.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// openImport opens the import screen on path and checks it is shown.
func openImport(t *testing.T, u *UI, path string) *importView {
	t.Helper()
	v := u.importFile(path)
	if v == nil || v.content == nil || u.view != v.content {
		t.Fatalf("the import screen did not open on %s (last error %v)", path, u.lastErr)
	}
	return v
}

// allClients returns every stored client, by name.
func allClients(t *testing.T, s Store) []*model.Client {
	t.Helper()
	rows, _, err := s.ListClients(t.Context(), model.ClientFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// column returns the index of the file column headed h.
func column(t *testing.T, v *importView, h string) int {
	t.Helper()
	i := slices.Index(v.table.Header, h)
	if i < 0 {
		t.Fatalf("no column %q in %q", h, v.table.Header)
	}
	return i
}

func TestImportGoogleCSVMatchColumnsThenImport(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	v := openImport(t, u, "../testdata/import/google.csv")

	if got := v.info.Text; !strings.Contains(got, "4 rows") || !strings.Contains(got, "commas") || !strings.Contains(got, "UTF-8") {
		t.Errorf("file info says %q, want rows, separator and encoding", got)
	}
	if len(v.fields) != len(v.table.Header) {
		t.Fatalf("%d column rows for %d columns", len(v.fields), len(v.table.Header))
	}
	for h, want := range map[string]string{
		"First Name": "First name", "Last Name": "Last name", "Phone 1 - Value": "Phone",
		"E-mail 1 - Value": "Email", "Organization Name": "Company", "Phone 1 - Label": "(ignore)",
	} {
		if got := v.fields[column(t, v, h)].Selected; got != want {
			t.Errorf("column %q is matched to %q, want %q", h, got, want)
		}
	}
	shown := shownText(u)
	for _, want := range []string{"First Name", "John · Jane · Bob", "John Doe", "+1-555-0123", "john@example.com"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the matching screen does not show %q", want)
		}
	}

	// The address column is left out until the owner says it holds the city.
	addr := column(t, v, "Address 1 - Formatted")
	if v.fields[addr].Selected != "Address" {
		t.Fatalf("address column guessed as %q", v.fields[addr].Selected)
	}
	if v.preview[0].Client.City != "" {
		t.Fatal("city filled before any column was matched to it")
	}
	v.fields[addr].SetSelected("City")
	if got := previewCell(v.preview[0], 4); got != "123 Main St, San Francisco, CA" {
		t.Errorf("after matching the address to City, the preview city is %q", got)
	}
	if !strings.Contains(shownText(u), "123 Main St, San Francisco, CA") {
		t.Error("the preview on screen did not follow the new match")
	}

	test.Tap(v.checkBtn)
	if got := v.summary.Text; got != "4 new, 0 updated, 0 skipped" {
		t.Errorf("the check says %q", got)
	}
	if n, _ := store.CountClients(t.Context()); n != 1 {
		t.Fatalf("the check wrote to the book: %d clients", n)
	}
	if v.importBtn.Disabled() {
		t.Fatal("Import is not available after a clean check")
	}
	test.Tap(v.importBtn)
	if !strings.Contains(v.summary.Text, "Imported: 4 new, 0 updated, 0 skipped.") {
		t.Errorf("the final summary says %q", v.summary.Text)
	}
	cs := allClients(t, store)
	if len(cs) != 5 {
		t.Fatalf("the book holds %d clients, want 1 + 4", len(cs))
	}
	var john *model.Client
	for _, c := range cs {
		if c.Name == "John Doe" {
			john = c
		}
	}
	if john == nil || john.Email != "john@example.com" || john.Company != "Acme Corp" ||
		john.City != "123 Main St, San Francisco, CA" || !slices.Equal(john.Phones, []string{"+1-555-0123"}) {
		t.Errorf("John Doe stored as %+v", john)
	}
	test.Tap(v.doneBtn)
	if u.view != u.tabs || len(listed(u)) != 5 {
		t.Errorf("after Done the window shows %v with %q", u.view == u.tabs, listed(u))
	}
}

func TestImportThunderbirdSemicolonFile(t *testing.T) {
	store := newTestStore(t)
	u := newTestUI(t, store)
	v := openImport(t, u, "../testdata/import/thunderbird-semicolon.csv")
	if !strings.Contains(v.info.Text, "semicolons") {
		t.Errorf("file info %q does not name the separator", v.info.Text)
	}
	test.Tap(v.checkBtn)
	test.Tap(v.importBtn)
	var names []string
	for _, c := range allClients(t, store) {
		names = append(names, c.Name+" <"+c.Email+">")
	}
	if want := []string{"Jane Doe <jane@doe.invalid>", "John Doe <john@doe.invalid>"}; !slices.Equal(names, want) {
		t.Errorf("stored %q, want %q", names, want)
	}
}

func TestImportVCardGoesStraightToCheck(t *testing.T) {
	store := newTestStore(t)
	u := newTestUI(t, store)
	v := openImport(t, u, "../testdata/import/monica-stub.vcf")
	if v.fields != nil || v.summary == nil {
		t.Fatal("a vCard file has no columns to match; it should open on the check")
	}
	if !strings.Contains(v.info.Text, "3 contact cards") {
		t.Errorf("file info says %q", v.info.Text)
	}
	if got := v.summary.Text; got != "3 new, 0 updated, 0 skipped" {
		t.Errorf("the check says %q", got)
	}
	if !strings.Contains(shownText(u), "Johnny") {
		t.Error("the preview does not show the card named only by its nickname")
	}
	test.Tap(v.importBtn)
	var names []string
	for _, c := range allClients(t, store) {
		names = append(names, c.Name)
	}
	if want := []string{"Bono", "John Doe", "Johnny"}; !slices.Equal(names, want) {
		t.Errorf("stored %q, want %q", names, want)
	}
}

func TestImportRowProblemsShownThenSkipped(t *testing.T) {
	store := mustOpenStore(t, "RO")
	u := newTestUI(t, store)
	// Rows 3 and 4 have nothing to know the client by (no name, and an
	// email or phone that cannot be read); Cara's bad phone is left out.
	path := writeTemp(t, "clients.csv", "Name,Email,Phone\n"+
		"Ana Popescu,ana@example.com,+40 721 234 567\n"+
		",bob@,\n"+
		",,12\n"+
		"Cara Lupu,cara@example.com,12\n"+
		"Dan Moraru,dan@example.com,\n")
	v := openImport(t, u, path)
	if got := previewCell(v.preview[1], 6); !strings.Contains(got, "Name: Enter the client's name.") {
		t.Errorf("the preview's problem for row 3 is %q", got)
	}
	test.Tap(v.checkBtn)

	if got := v.summary.Text; got != "3 new, 0 updated, 0 skipped" {
		t.Errorf("the check says %q", got)
	}
	if got := v.probHead.Text; got != "2 rows have problems and cannot be imported as they are:" {
		t.Errorf("problems heading %q", got)
	}
	if len(v.problems) != 3 || !strings.HasPrefix(v.problems[0], "Row 3: Name: ") ||
		!strings.HasPrefix(v.problems[1], "Row 4: Name: ") || !strings.HasPrefix(v.problems[2], "Row 5: Phone: 12: ") ||
		!strings.HasSuffix(v.problems[2], "Left out; the rest of the row is imported.") {
		t.Errorf("problems listed: %q", v.problems)
	}
	if !strings.Contains(shownText(u), "Row 3: Name: Enter the client") {
		t.Error("the row problems are not on screen")
	}
	if !v.importBtn.Disabled() {
		t.Fatal("Import is offered although rows have problems and the owner has not chosen to leave them out")
	}

	test.Tap(v.skip)
	if v.importBtn.Disabled() {
		t.Fatal("Import stays unavailable after choosing to leave the bad rows out")
	}
	test.Tap(v.importBtn)
	var names []string
	cs, _, err := store.ListClients(t.Context(), model.ClientFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		names = append(names, c.Name)
	}
	if want := []string{"Ana Popescu", "Cara Lupu", "Dan Moraru"}; !slices.Equal(names, want) {
		t.Errorf("stored %q, want the three rows with a name", names)
	}
	if want := "Imported: 3 new, 0 updated, 0 skipped. 2 rows with problems were left out. 1 field that could not be read was left out."; v.summary.Text != want {
		t.Errorf("summary %q, want %q", v.summary.Text, want)
	}
}

func TestImportCancelWritesNothing(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	u := newTestUI(t, store)
	before := u.view
	v := openImport(t, u, "../testdata/import/thunderbird.csv")
	test.Tap(v.checkBtn)
	test.Tap(v.backBtn)
	if v.body.Objects[0] != v.columnsStep {
		t.Error("Back did not return to the columns")
	}
	test.Tap(v.cancelBtn)
	if u.view != before {
		t.Error("Cancel did not go back to the view before")
	}
	if n, _ := store.CountClients(t.Context()); n != 1 {
		t.Errorf("the book holds %d clients after cancelling, want 1", n)
	}
}

func TestImportDuplicateChoice(t *testing.T) {
	csv := "Name,Email,Phone,City\nAna P.,ANA@example.com,+40 733 000 111,Cluj\n"
	for _, tc := range []struct {
		choice  string
		summary string
		check   func(t *testing.T, cs []*model.Client)
	}{
		{"Update it with the file's details", "0 new, 1 updated, 0 skipped", func(t *testing.T, cs []*model.Client) {
			if len(cs) != 1 || cs[0].City != "Cluj" || len(cs[0].Phones) != 2 {
				t.Errorf("after update: %+v", cs[0])
			}
		}},
		{"Skip the row", "0 new, 0 updated, 1 skipped", func(t *testing.T, cs []*model.Client) {
			if len(cs) != 1 || cs[0].City != "Iași" || len(cs[0].Phones) != 1 {
				t.Errorf("after skip the client changed: %+v", cs[0])
			}
		}},
		{"Add the row as a new client", "1 new, 0 updated, 0 skipped", func(t *testing.T, cs []*model.Client) {
			if len(cs) != 2 {
				t.Errorf("after add as new the book holds %d clients, want 2", len(cs))
			}
		}},
	} {
		t.Run(tc.choice, func(t *testing.T) {
			store := newTestStore(t)
			mustCreate(t, store, model.Client{Name: "Ana Popescu", Email: "ana@example.com", City: "Iași", Phones: []string{"+40 721 234 567"}})
			u := newTestUI(t, store)
			v := openImport(t, u, writeTemp(t, "ana.csv", csv))
			test.Tap(v.checkBtn)
			v.dup.SetSelected(tc.choice)
			if v.summary.Text != tc.summary {
				t.Errorf("the check says %q, want %q", v.summary.Text, tc.summary)
			}
			if tc.choice == "Skip the row" {
				if !v.importBtn.Disabled() {
					t.Error("Import is offered although it would change nothing")
				}
			} else {
				test.Tap(v.importBtn)
			}
			tc.check(t, allClients(t, store))
		})
	}
}

// TestImportUnreadableFileSaysWhy: a file refused at its start (empty,
// one line of 2 MB, a vCard file with no card) keeps the owner where they
// were, says why, and writes nothing.
func TestImportUnreadableFileSaysWhy(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"empty.csv", "  \n", "The file is empty."},
		{"oneline.csv", "Name,Phone," + strings.Repeat("x", 2<<20) + "\n", "This file is not a client list"},
		{"nocard.vcf", "hello\n", "The file holds no contact cards."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store := newTestStore(t)
			u := newTestUI(t, store)
			before := u.view
			u.importFile(writeTemp(t, tc.name, tc.text))
			if u.view != before {
				t.Errorf("%s opened the import screen", tc.name)
			}
			if shown := shownText(u); !strings.Contains(shown, tc.want) {
				t.Errorf("%s: the owner is not told why (want %q):\n%s", tc.name, tc.want, shown)
			}
			if n := len(allClients(t, store)); n != 0 {
				t.Errorf("%s: %d clients written", tc.name, n)
			}
		})
	}
}

func TestImportRefusedWhenReadOnly(t *testing.T) {
	u := newTestUI(t, newTestStore(t).readOnlyTwin(t))
	u.showImport()
	if !strings.Contains(shownText(u), "cannot be changed here") {
		t.Error("import in a read-only window should say why it cannot")
	}
}
