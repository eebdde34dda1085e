package gui

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// The Insights view over the real store: Ctrl+4 opens it on this month
// beside the last, the table shows what the store counted, the arrows move
// the period, and hovering a bar reads its number.
func TestInsightsViewWithRealStore(t *testing.T) {
	ctx := context.Background()
	store := openRealDB(t, filepath.Join(t.TempDir(), "shop.db"), "", func() time.Time { return today }, false)
	ani := &model.Client{Name: "Անի Պետրոսյան"}
	nino := &model.Client{Name: "ნინო ბერიძე"}
	for _, c := range []*model.Client{ani, nino} {
		if err := store.CreateClient(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []model.Purchase{
		{ClientID: ani.ID, Date: day("2026-10-10"), Item: "boots", Amount: 4000},
		{ClientID: ani.ID, Date: day("2026-11-01"), Item: "scarf", Amount: 1500},
		{ClientID: nino.ID, Date: day("2026-11-20"), Item: "coat", Amount: 9000},
	} {
		if err := store.CreatePurchase(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.LogContact(ctx, &model.Interaction{ClientID: nino.ID, At: today, Channel: model.ContactCall}, nil); err != nil {
		t.Fatal(err)
	}

	u := newTestUI(t, store)
	press(u, fyne.Key4)
	if u.tabs.Selected() != u.insightsTab {
		t.Fatal("Ctrl+4 did not open the Insights view")
	}
	v := u.insights
	if v.label.Text != "1 Nov 2026 – 30 Nov 2026" {
		t.Errorf("period shown %q, want this month", v.label.Text)
	}
	// November: Ani returning (retained from October), Nino new; the
	// table reads 2 buyers, 1 new, 100 % retention, 105.00 revenue.
	for figure, want := range map[string][2]string{
		"Clients who bought": {"2", "1"},
		"New clients":        {"1", "1"},
		"Retention":          {"100 %", "0 %"},
		"Revenue":            {u.money(10500), u.money(4000)},
	} {
		if got := shownRow(t, v, figure); got != want {
			t.Errorf("%s: %v, want %v", figure, got, want)
		}
	}
	if !strings.Contains(shownText(u), "Clients who bought") {
		t.Error("the table is not on screen")
	}

	// One step back shows October beside September.
	v.onStep(-1)
	if v.label.Text != "1 Oct 2026 – 31 Oct 2026" || shownRow(t, v, "Clients who bought") != [2]string{"1", "0"} {
		t.Errorf("October: %q %v", v.label.Text, shownRow(t, v, "Clients who bought"))
	}
	v.onStep(1)

	// The contacts chart: hovering the first bar (calls, this period)
	// reads its number.
	c := v.contacts
	c.Resize(fyne.NewSize(400, 240))
	x, _, w, h := chartArea(c.Size())
	c.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x+w/float32(len(c.labels))*0.2, h)}})
	if !strings.HasSuffix(c.shown, ": 1") || !strings.HasPrefix(c.shown, "Call") {
		t.Errorf("hovering the calls bar shows %q", c.shown)
	}
}

// The PDF report prints the period's figures with the client's Armenian
// name in the embedded font, and its CSV holds the same rows.
func TestInsightsReportPDF(t *testing.T) {
	p := model.MonthOf(today)
	f := model.Figures{Period: p, ByMonth: model.EmptyMonths(p)}
	model.SummarizeClients(&f, []model.ClientPeriod{{ClientID: 1, Stage: model.StageBuyer, New: true, Count: 1, Spend: 4200}}, 0, 0)
	f.Top[0].Name = "Անի Պետրոսյան"
	in := model.Insights{Current: f, Previous: model.Figures{Period: p.Previous()}}
	rows := in.Rows(model.DefaultMoneyFormat)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeInsightsPDF(out, "Insights "+p.String(), rows); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	var csvBuf bytes.Buffer
	if err := writeInsightsCSV(&csvBuf, rows); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(csvBuf.String(), "\n"); n != len(rows)+1 {
		t.Errorf("CSV has %d lines for %d rows", n, len(rows))
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; the PDF's text is not checked")
	}
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"Insights 2026-11-01", "Clients who bought", "Անի Պետրոսյան", "42.00"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the PDF does not read %q:\n%s", want, text)
		}
	}
}

// shownRow returns the this-period and previous-period cells of the table
// row whose figure column reads figure.
func shownRow(t *testing.T, v *insightsView, figure string) [2]string {
	t.Helper()
	rows, _ := v.tableSize()
	for i := range rows {
		cells := [3]string{}
		for col := range 3 {
			l := widget.NewLabel("")
			v.updateCell(widget.TableCellID{Row: i, Col: col}, l)
			cells[col] = l.Text
		}
		if cells[0] == figure {
			return [2]string{cells[1], cells[2]}
		}
	}
	t.Fatalf("no row %q in the table", figure)
	return [2]string{}
}

func day(s string) time.Time {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
