package gui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// A file longer than the rows the screen holds (importHeadRows) is
// counted, checked and imported whole: a problem far below the preview is
// found, a column that only a late row fills is offered for matching, and
// the import uses the mapping the owner checked.
func TestImportLongFileReadAgainForCheckAndImport(t *testing.T) {
	store := mustOpenStore(t, "RO")
	u := newTestUI(t, store)
	const n = 1000
	var b strings.Builder
	b.WriteString("Name,Email,Phone\n")
	for i := 1; i <= n; i++ {
		switch i {
		case 900:
			b.WriteString(",nobody@,\n") // nothing to know the client by
		case 950:
			fmt.Fprintf(&b, "Client %d,c%d@example.com,+40 721 %06d,Cluj\n", i, i, i) // a fourth cell
		default:
			fmt.Fprintf(&b, "Client %d,c%d@example.com,+40 721 %06d\n", i, i, i)
		}
	}
	v := openImport(t, u, writeTemp(t, "long.csv", b.String()))

	thousand := model.GroupThousands(n)
	if got := v.info.Text; !strings.Contains(got, thousand+" rows") {
		t.Errorf("file info says %q, want the whole file's 1,000 rows", got)
	}
	if len(v.table.Rows) > importHeadRows {
		t.Errorf("the screen holds %d rows as cells, want at most %d", len(v.table.Rows), importHeadRows)
	}
	if len(v.fields) != 4 {
		t.Fatalf("%d columns offered, want 4: the unnamed one of row 951 too", len(v.fields))
	}
	if got := v.rowsNote.Text; !strings.Contains(got, "first 20 of "+thousand+" rows") {
		t.Errorf("the preview note says %q", got)
	}
	v.fields[3].SetSelected("City")

	test.Tap(v.checkBtn)
	if got := v.summary.Text; got != "999 new, 0 updated, 0 skipped" {
		t.Errorf("the check says %q", got)
	}
	if len(v.problems) != 1 || !strings.HasPrefix(v.problems[0], "Row 901: Name: ") {
		t.Errorf("problems listed: %q, want row 901's", v.problems)
	}
	if len(v.rows) != importPreviewRows || v.rows[0].Client.Name != "Client 1" {
		t.Errorf("the checked preview holds %d rows starting %+v", len(v.rows), v.rows[0].Client)
	}
	if n, _ := store.CountClients(t.Context()); n != 0 {
		t.Fatalf("the check wrote %d clients", n)
	}

	test.Tap(v.skip)
	test.Tap(v.importBtn)
	if !strings.Contains(v.summary.Text, "Imported: 999 new, 0 updated, 0 skipped.") {
		t.Errorf("the final summary says %q", v.summary.Text)
	}
	if n, _ := store.CountClients(t.Context()); n != 999 {
		t.Errorf("the book holds %d clients, want 999", n)
	}
	var city string
	for _, c := range allClients(t, store) {
		if c.Name == "Client 950" {
			city = c.City
		}
	}
	if city != "Cluj" {
		t.Errorf("Client 950's city is %q: the import did not use the mapping checked", city)
	}
}

// The preview's headings fit their columns in every language: "Row" is
// "სტრიქონი" in Georgian, wider than the column English needs.
func TestImportPreviewHeadingsFit(t *testing.T) {
	for _, language := range []string{"en", "ka", "hy", "ru", "ro"} {
		store := mustOpenStore(t, "GE")
		u := newTestUIIn(t, store, language)
		openImport(t, u, "../testdata/import/google.csv")
		headings := map[string]bool{}
		for _, h := range previewColumns {
			headings[lang.L(h)] = true
		}
		found := 0
		for _, o := range test.LaidOutObjects(u.win.Canvas().Content()) {
			l, ok := o.(*widget.Label)
			if !ok || !l.TextStyle.Bold || !headings[l.Text] || !l.Visible() {
				continue
			}
			found++
			if l.Size().Width < l.MinSize().Width {
				t.Errorf("%s: the preview heading %q is %.0f wide, needs %.0f", language, l.Text, l.Size().Width, l.MinSize().Width)
			}
		}
		if found == 0 {
			t.Errorf("%s: no preview heading found on screen", language)
		}
	}
}
