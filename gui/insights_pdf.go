package gui

import (
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
	"fyne.io/fyne/v2/lang"

	"clienttracker/assets"
	"clienttracker/model"
)

// writeInsightsPDF writes the insights as a one-page A4 report: the
// period, then every figure beside the previous period's, in the app's
// own font so that Armenian, Georgian and Cyrillic names print. Lines
// that would not fit on the page are left out, and the report says so:
// the CSV holds every number.
func writeInsightsPDF(w io.Writer, title string, rows []model.InsightRow) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes("ct", "", assets.FontRegular.Content())
	pdf.AddUTF8FontFromBytes("ct", "B", assets.FontBold.Content())
	pdf.SetTitle(title, true)
	pdf.AddPage()
	const left, figW, valW, lineH, bottom = 12.0, 110.0, 40.0, 4.2, 285.0
	pdf.SetFont("ct", "B", 14)
	pdf.SetXY(left, 12)
	pdf.CellFormat(0, 8, title, "", 1, "L", false, 0, "")
	pdf.SetFont("ct", "B", 8)
	pdf.SetX(left)
	pdf.CellFormat(figW, lineH+1, lang.L("Figure"), "B", 0, "L", false, 0, "")
	pdf.CellFormat(valW, lineH+1, lang.L("This period"), "B", 0, "R", false, 0, "")
	pdf.CellFormat(valW, lineH+1, lang.L("Previous period"), "B", 1, "R", false, 0, "")
	leftOut := 0
	section := ""
	for _, r := range rows {
		if pdf.GetY()+2*lineH > bottom {
			leftOut++
			continue
		}
		if r.Section != section {
			section = r.Section
			pdf.SetFont("ct", "B", 8)
			pdf.SetX(left)
			pdf.SetFillColor(235, 235, 235)
			pdf.CellFormat(figW+2*valW, lineH, lang.L(section), "", 1, "L", true, 0, "")
		}
		pdf.SetFont("ct", "", 7.5)
		pdf.SetX(left)
		text := lang.L(r.Figure)
		if r.Detail != "" {
			text += " · " + rowDetail(r)
		}
		pdf.CellFormat(figW, lineH, text, "", 0, "L", false, 0, "")
		pdf.CellFormat(valW, lineH, r.Current, "", 0, "R", false, 0, "")
		pdf.CellFormat(valW, lineH, r.Previous, "", 1, "R", false, 0, "")
	}
	if leftOut > 0 {
		pdf.SetFont("ct", "", 7)
		pdf.SetXY(left, bottom)
		pdf.CellFormat(0, lineH, lang.L("Lines left out here, in the CSV file: {{.N}}", map[string]any{"N": leftOut}), "", 1, "L", false, 0, "")
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}
