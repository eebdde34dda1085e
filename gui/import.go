package gui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// importView is the import screen. It takes the whole window, because a
// contact file can have sixty columns: first the owner matches each column
// of a CSV file to a client field, watching a preview of the first rows as
// they will be stored; then a dry run says how many clients would be new,
// updated or skipped and lists the rows with problems; only the Import
// button writes anything. A vCard file has no columns to match and starts
// at the second step.
type importView struct {
	u    *UI
	prev fyne.CanvasObject // the view to go back to
	name string            // the file's name, for the title

	// A CSV file is held as it was read and read again, a row at a time,
	// for each dry run and for the import; only its first rows are held
	// as cells (table) and as clients (preview, rows).
	data    []byte            // the CSV file; nil for a vCard file
	table   *model.Table      // the CSV file's header and first rows; nil for a vCard file
	total   int               // the rows of the CSV file, or the vCard file's cards
	mapping model.Mapping     // the field of each column of table
	cards   []model.ImportRow // the vCard file's cards

	// Step 1: match the columns.
	fields   []*widget.Select // one per column of table, in column order
	heads    []*widget.Label  // the column headers, dimmed while ignored
	preview  []model.ImportRow
	samples  *widget.Table // preview of the first rows
	rowsNote *widget.Label

	// Step 2: check and import.
	rows     []model.ImportRow // the first rows, as made from the mapping checked
	checkMap model.Mapping     // the mapping of the last dry run, which the import uses
	dry      model.ImportResult
	dup      *widget.RadioGroup
	replace  *widget.Check // replace the book's names, emails and phones that differ
	summary  *widget.Label
	problems []string // one line per problem of the dry run
	probHead *widget.Label
	probList *widget.List
	probBox  *fyne.Container
	skip     *widget.Check
	fix      *widget.Label // "or cancel and correct the file"
	checked  *widget.Table // preview of the rows checked

	progress  *widget.ProgressBar
	status    *widget.Label
	backBtn   *widget.Button
	cancelBtn *widget.Button
	checkBtn  *widget.Button
	importBtn *widget.Button
	doneBtn   *widget.Button
	undoBtn   *widget.Button

	title, info *widget.Label
	step        *widget.Label
	columnsStep fyne.CanvasObject // step 1, built once
	checkTop    fyne.CanvasObject // the summary and duplicate choice of step 2
	body        *fyne.Container
	buttons     *fyne.Container
	foot        *fyne.Container // the progress bar, status and buttons
	content     fyne.CanvasObject

	busy   bool
	cancel context.CancelFunc // stops the dry run or import under way
	gen    int                // identifies the latest dry run
	done   bool               // the import was made
}

// importPreviewRows is how many rows the previews show.
const importPreviewRows = 20

// importHeadRows is how many rows of a CSV file the import screen holds as
// cells: the preview's and, for the sample values of each column, more.
const importHeadRows = 200

// importSamples is how many values of each column the matching step shows.
const importSamples = 3

// importExtensions are the files the file dialog offers.
var importExtensions = []string{".csv", ".txt", ".vcf"}

// duplicateActions are the choices for a row that matches a client in the
// book, in the order the radio group offers them.
var duplicateActions = []model.DuplicateAction{model.DuplicateUpdate, model.DuplicateSkip, model.DuplicateCreate}

// showImport asks for a contact file (CSV from a spreadsheet, Google,
// Outlook or Thunderbird, or a vCard file from a phone) and opens the
// import screen on it.
func (u *UI) showImport() {
	if u.refuseReadOnly() {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(lang.L("Could not open the file."), err)
			return
		}
		if r == nil {
			return // the owner closed the dialog
		}
		u.importFrom(r.URI().Name(), r)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(importExtensions))
	d.Resize(fileDialogSize(u.win))
	d.Show()
}

// fileDialogSize is a size for the file dialogs: Fyne's default is too
// small to read long file names.
func fileDialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(min(900, s.Width-40), min(600, s.Height-40))
}

// importFile opens the import screen on the file at path.
func (u *UI) importFile(path string) *importView {
	f, err := os.Open(path)
	if err != nil {
		u.showError(lang.L("Could not open the file."), err)
		return nil
	}
	return u.importFrom(filepath.Base(path), f)
}

// importFrom reads r (then closes it) off the UI goroutine and opens the
// import screen on it. name decides the format: ".vcf" is read as vCards,
// anything else as CSV, unless the text starts like a vCard.
func (u *UI) importFrom(name string, r io.ReadCloser) *importView {
	v := &importView{u: u, prev: u.view, name: name}
	today := u.today()
	u.run(func(context.Context) error {
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, model.MaxImportBytes+1))
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if len(data) > model.MaxImportBytes {
			return model.ErrFileTooLarge
		}
		if isVCard(name, data) {
			v.cards, err = model.ReadVCards(bytes.NewReader(data), today)
			v.total = len(v.cards)
			return err
		}
		v.data = data
		v.table, v.total, err = model.ReadTableHead(bytes.NewReader(data), importHeadRows)
		return err
	}, func(err error) {
		var ie *model.ImportError
		switch {
		case errors.As(err, &ie):
			u.showError(lang.L(ie.Message()), err)
		case err != nil:
			u.showError(lang.L("Could not read {{.File}}. Check that it is a CSV or vCard (.vcf) file.",
				map[string]any{"File": name}), err)
		case v.table != nil && v.total == 0:
			u.showError(lang.L("{{.File}} names its columns but has no rows below them: there is nobody to import.",
				map[string]any{"File": name}), errors.New("no rows"))
		default:
			v.build()
			u.setContent(v.content)
		}
	})
	return v
}

// isVCard tells a vCard file by its name or its first line.
func isVCard(name string, data []byte) bool {
	if strings.EqualFold(filepath.Ext(name), ".vcf") || strings.EqualFold(filepath.Ext(name), ".vcard") {
		return true
	}
	head := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	return len(head) >= 11 && strings.EqualFold(string(head[:11]), "BEGIN:VCARD")
}

// build lays out the screen and shows its first step.
func (v *importView) build() {
	v.title = boldLabel(lang.L("Import clients from {{.File}}", map[string]any{"File": v.name}))
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.info = widget.NewLabel(v.fileInfo())
	v.info.Truncation = fyne.TextTruncateEllipsis
	v.step = widget.NewLabel("")
	v.step.Importance = widget.HighImportance

	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.status = widget.NewLabel("")
	v.status.Truncation = fyne.TextTruncateEllipsis
	v.backBtn = widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), v.onBack)
	v.cancelBtn = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), v.onCancel)
	v.checkBtn = widget.NewButtonWithIcon(lang.L("Next: check the rows"), theme.NavigateNextIcon(), v.showCheck)
	v.checkBtn.Importance = widget.HighImportance
	v.importBtn = widget.NewButtonWithIcon(lang.L("Import"), theme.DownloadIcon(), v.onImport)
	v.importBtn.Importance = widget.HighImportance
	v.doneBtn = widget.NewButtonWithIcon(lang.L("Done"), theme.ConfirmIcon(), v.onDone)
	v.doneBtn.Importance = widget.HighImportance
	v.undoBtn = widget.NewButtonWithIcon(lang.L("Undo this import"), theme.ContentUndoIcon(), v.onUndo)
	v.buttons = container.NewHBox()

	v.body = container.NewStack()
	head := container.NewVBox(v.title, container.NewBorder(nil, nil, nil, v.step, v.info), widget.NewSeparator())
	v.foot = container.NewBorder(nil, nil, nil, v.buttons, container.NewVBox(v.progress, v.status))
	v.content = container.NewPadded(container.NewBorder(head, container.NewVBox(widget.NewSeparator(), v.foot), nil, nil, v.body))

	if v.table != nil {
		v.showColumns()
	} else {
		v.rows = v.cards[:min(importPreviewRows, len(v.cards))]
		v.showCheck()
	}
}

// fileInfo says what was found in the file: rows, separator, encoding.
func (v *importView) fileInfo() string {
	if v.table == nil {
		return lang.LocalizePlural("{{.Count}} contact cards", len(v.cards),
			map[string]any{"Count": model.GroupThousands(int64(len(v.cards)))})
	}
	n := v.total
	rows := lang.LocalizePlural("{{.Count}} rows", n, map[string]any{"Count": model.GroupThousands(int64(n))})
	return lang.L("{{.Rows}} · columns separated by {{.Sep}} · text encoding {{.Encoding}}",
		map[string]any{"Rows": rows, "Sep": separatorName(v.table.Sep), "Encoding": v.table.Encoding})
}

// separatorName names a CSV separator in words.
func separatorName(sep rune) string {
	switch sep {
	case ';':
		return lang.L("semicolons (;)")
	case '\t':
		return lang.L("tabs")
	}
	return lang.L("commas (,)")
}

// setButtons shows these buttons at the bottom right.
func (v *importView) setButtons(bs ...fyne.CanvasObject) {
	v.buttons.Objects = bs
	v.foot.Refresh() // lays out the buttons' new width
}

// showColumns is step 1: one row per column of the file, with its header,
// a few of its values and the field it fills; the preview below follows
// every change.
func (v *importView) showColumns() {
	if v.fields == nil {
		v.mapping = model.GuessMapping(v.table.Header)
		labels := make([]string, len(model.ImportFields))
		for i, f := range model.ImportFields {
			labels[i] = lang.L(f.Label())
		}
		rows := container.NewVBox()
		for col := range v.table.Header {
			sel := widget.NewSelect(labels, nil)
			sel.SetSelectedIndex(max(0, slices.Index(model.ImportFields, v.mapping[col])))
			sel.OnChanged = func(string) { v.onFieldChanged(col) }
			v.fields = append(v.fields, sel)
			rows.Add(v.columnRow(col, sel))
		}
		v.samples = newPreviewTable(func() []model.ImportRow { return v.preview })
		v.rowsNote = widget.NewLabel("")
		v.rowsNote.Truncation = fyne.TextTruncateEllipsis
		v.updatePreview()

		hint := widget.NewLabel(lang.L("Choose what each column of the file holds. Columns set to \"(ignore)\" are left out."))
		hint.Truncation = fyne.TextTruncateEllipsis
		heads := container.New(&ratioLayout{weights: mappingWeights},
			boldLabel(lang.L("Column in the file")), boldLabel(lang.L("Values in the first rows")), boldLabel(lang.L("Goes into")))
		columns := container.NewBorder(container.NewVBox(hint, heads), nil, nil, nil, container.NewVScroll(rows))
		preview := container.NewBorder(container.NewBorder(nil, nil, boldLabel(lang.L("Preview")), nil, v.rowsNote),
			nil, nil, nil, v.samples)
		split := container.NewVSplit(columns, preview)
		split.Offset = 0.55
		v.columnsStep = split
	}
	v.step.SetText(lang.L("Step 1 of 2: match the columns"))
	v.body.Objects = []fyne.CanvasObject{v.columnsStep}
	v.body.Refresh()
	v.status.SetText("")
	v.setButtons(v.cancelBtn, v.checkBtn)
}

// mappingWeights share a column row between the header, its values and
// the field chosen.
var mappingWeights = []float32{3, 4, 3}

// columnRow is one line of step 1.
func (v *importView) columnRow(col int, sel *widget.Select) fyne.CanvasObject {
	h := strings.TrimSpace(v.table.Header[col])
	if h == "" {
		h = lang.L("Column {{.N}}", map[string]any{"N": col + 1})
	}
	head := boldLabel(h)
	head.Truncation = fyne.TextTruncateEllipsis
	v.heads = append(v.heads, head)
	dimIgnored(head, v.mapping[col])
	vals := widget.NewLabel(v.sampleValues(col))
	vals.Truncation = fyne.TextTruncateEllipsis
	if vals.Text == "" {
		vals.SetText(lang.L("(empty)"))
		vals.Importance = widget.LowImportance
	}
	return container.New(&ratioLayout{weights: mappingWeights}, head, vals, sel)
}

// sampleValues is up to importSamples non-empty values of a column.
func (v *importView) sampleValues(col int) string {
	var vals []string
	for _, row := range v.table.Rows {
		if col < len(row) {
			if s := strings.TrimSpace(row[col]); s != "" {
				vals = append(vals, ellipsis(strings.ReplaceAll(s, "\n", " "), 40))
			}
		}
		if len(vals) == importSamples {
			break
		}
	}
	return strings.Join(vals, " · ")
}

// onFieldChanged takes the field chosen for column col and updates the
// preview.
func (v *importView) onFieldChanged(col int) {
	i := v.fields[col].SelectedIndex()
	if i < 0 || i >= len(model.ImportFields) {
		return
	}
	v.mapping[col] = model.ImportFields[i]
	dimIgnored(v.heads[col], v.mapping[col])
	v.updatePreview()
}

// dimIgnored greys out the header of a column that is not imported, so
// the columns that are stand out.
func dimIgnored(head *widget.Label, f model.ImportField) {
	head.Importance = widget.MediumImportance
	if f == model.ImportIgnore {
		head.Importance = widget.LowImportance
	}
	head.Refresh()
}

// updatePreview makes the first rows into clients with the mapping shown.
// It runs on the UI goroutine: twenty rows take microseconds.
func (v *importView) updatePreview() {
	n := min(importPreviewRows, len(v.table.Rows))
	head := &model.Table{Header: v.table.Header, Rows: v.table.Rows[:n], Lines: v.table.Lines[:min(n, len(v.table.Lines))],
		Sep: v.table.Sep, Encoding: v.table.Encoding}
	v.preview = head.Clients(v.mapping, v.u.today())
	v.samples.Refresh()
	v.rowsNote.SetText(lang.L("how the first {{.Shown}} of {{.Total}} rows will be stored",
		map[string]any{"Shown": n, "Total": model.GroupThousands(int64(v.total))}))
}

// previewColumns head the preview tables; previewWidths are their widths.
var (
	previewColumns = []string{"Row", "Name", "Phones", "Email", "City", "Tags", "Problems"}
	previewWidths  = []float32{56, 180, 150, 190, 110, 130, 400}
)

// newPreviewTable shows rows() as they will be stored.
func newPreviewTable(rows func() []model.ImportRow) *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return len(rows()), len(previewColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			rs := rows()
			if id.Row >= len(rs) {
				l.SetText("")
				return
			}
			l.Importance = widget.MediumImportance
			if id.Col == len(previewColumns)-1 {
				l.Importance = widget.DangerImportance
			}
			l.SetText(previewCell(rs[id.Row], id.Col))
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return boldLabel("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(previewColumns) {
			o.(*widget.Label).SetText(lang.L(previewColumns[id.Col]))
		}
	}
	for i, w := range previewWidths {
		// At least as wide as the heading in the language shown: "Row"
		// is a longer word in Georgian and Armenian.
		t.SetColumnWidth(i, max(w, boldLabel(lang.L(previewColumns[i])).MinSize().Width))
	}
	return t
}

// previewCell is the text of column col of a preview row.
func previewCell(r model.ImportRow, col int) string {
	c := r.Client
	switch col {
	case 0:
		return fmt.Sprint(r.Line)
	case 1:
		return c.Name
	case 2:
		return strings.Join(c.Phones, ", ")
	case 3:
		return c.Email
	case 4:
		return c.City
	case 5:
		return strings.Join(c.Tags, ", ")
	case 6:
		if r.Problems == nil {
			return ""
		}
		msgs := make([]string, len(r.Problems.Fields))
		for i, fe := range r.Problems.Fields {
			msgs[i] = fieldProblem(fe)
		}
		return strings.Join(msgs, " ")
	}
	return ""
}

// fieldProblem is a translated problem with the field it is about, e.g.
// `Email: "bob@" is not an email address; ...`.
func fieldProblem(fe model.FieldError) string {
	if name := fieldName(fe.Field); name != "" {
		return name + ": " + tr(fe)
	}
	return tr(fe)
}

// fieldName is the translated name of a client field of a validation error.
func fieldName(field string) string {
	switch field {
	case "":
		return ""
	case model.FieldPhones:
		return lang.L(model.ImportPhone.Label())
	case model.FieldReferredBy:
		return lang.L("Referred by")
	}
	if f := model.ImportField(field); slices.Contains(model.ImportFields, f) {
		return lang.L(f.Label())
	}
	return field
}

// rowProblems is one translated line per problem of the rows, naming the
// file line: "Row 17: Email: "bob@" is not an email address; ...".
func rowProblems(rows []model.ImportRow) []string {
	var out []string
	for _, r := range rows {
		if r.Problems == nil {
			continue
		}
		for _, fe := range r.Problems.Fields {
			out = append(out, lang.L("Row {{.Line}}: {{.Problem}}", map[string]any{"Line": r.Line, "Problem": fieldProblem(fe)}))
		}
	}
	return out
}

// showCheck is step 2: what the import would do, the rows with problems,
// and the Import button.
func (v *importView) showCheck() {
	if v.summary == nil {
		v.summary = boldLabel("")
		v.summary.Wrapping = fyne.TextWrapWord
		v.dup = widget.NewRadioGroup([]string{
			lang.L("Update it with the file's details"),
			lang.L("Skip the row"),
			lang.L("Add the row as a new client"),
		}, nil)
		v.dup.Required = true
		// One option a line: side by side, Fyne gives each the width of
		// the longest, wider than the window in Armenian and Georgian.
		v.dup.SetSelected(v.dup.Options[0])
		v.dup.OnChanged = func(string) { v.onCheck() }
		v.probHead = widget.NewLabel("")
		v.probHead.Importance = widget.DangerImportance
		v.probHead.Wrapping = fyne.TextWrapWord
		v.probList = widget.NewList(func() int { return len(v.problems) },
			func() fyne.CanvasObject {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis
				return l
			},
			func(id widget.ListItemID, o fyne.CanvasObject) {
				if id < len(v.problems) {
					o.(*widget.Label).SetText(v.problems[id])
				}
			})
		v.replace = widget.NewCheck(lang.L("Replace the book's names, emails and phones where the file differs"), func(bool) { v.onCheck() })
		v.skip = widget.NewCheck(lang.L("Leave these rows out and import the others"), func(bool) { v.updateImportBtn() })
		v.fix = widget.NewLabel(lang.L("Or cancel, correct the file in your spreadsheet and import it again."))
		v.fix.Truncation = fyne.TextTruncateEllipsis
		v.probBox = container.NewBorder(v.probHead, container.NewVBox(v.skip, v.fix), nil, nil, v.probList)
		v.checked = newPreviewTable(func() []model.ImportRow { return v.rows[:min(importPreviewRows, len(v.rows))] })
		dupLine := container.NewBorder(nil, nil, container.NewVBox(widget.NewLabel(lang.L("If a client is already in the book:"))), nil, v.dup)
		v.checkTop = container.NewVBox(v.summary, dupLine, v.replace, widget.NewSeparator())
	}
	v.step.SetText(lang.L("Step 2 of 2: check and import"))
	v.showChecked()
	if v.table != nil {
		v.setButtons(v.backBtn, v.cancelBtn, v.importBtn)
	} else {
		v.setButtons(v.cancelBtn, v.importBtn)
	}
	v.onCheck()
}

// showChecked lays out step 2 for the last dry run: the problems, when
// there are any, above the preview of the rows.
func (v *importView) showChecked() {
	center := fyne.CanvasObject(v.checked)
	if len(v.problems) > 0 {
		split := container.NewVSplit(v.probBox, v.checked)
		split.Offset = 0.6
		center = split
	}
	v.body.Objects = []fyne.CanvasObject{container.NewBorder(v.checkTop, nil, nil, nil, center)}
	v.body.Refresh()
}

// onCheck makes every row into a client with the mapping shown and runs
// the import as a dry run: nothing is written.
func (v *importView) onCheck() {
	v.gen++
	gen := v.gen
	mapping := slices.Clone(v.mapping)
	rows := v.importRows(mapping)
	opts := model.ImportOptions{OnDuplicate: v.action(), SkipInvalid: true, DryRun: true, Replace: v.replace.Checked}
	var res model.ImportResult
	v.dry = model.ImportResult{}
	v.summary.SetText(lang.L("Checking the rows…"))
	v.start()
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	v.u.run(func(context.Context) (err error) {
		// As the import command does: 100,000 rows checked or imported
		// through this screen took 484 MB of memory without the limit,
		// 329 MB with it (the file itself held, 29 MB, and the fonts).
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(model.ImportMemoryLimit))
		res, err = v.u.storeImport().ImportClientsFrom(ctx, rows, opts, v.progressFunc())
		return err
	}, func(err error) {
		cancel()
		if gen != v.gen {
			return
		}
		v.stop()
		v.checkMap = mapping
		if v.table != nil {
			v.rows = v.preview // the first rows, made with this mapping
		}
		switch {
		case errors.Is(err, context.Canceled):
			v.summary.SetText(lang.L("The check was stopped."))
			return
		case err != nil:
			v.summary.SetText(lang.L("Could not check the rows."))
			v.u.showError(lang.L("Could not check the rows against the client book."), err)
			return
		}
		v.dry = res
		notices := importNotices(res)
		v.problems = append(rowProblems(res.Problems), notices...)
		v.summary.SetText(lang.L("{{.New}} new, {{.Updated}} updated, {{.Skipped}} skipped", resultData(res)))
		n := res.Invalid
		if n > 0 {
			v.probHead.Importance = widget.DangerImportance
			v.probHead.SetText(lang.LocalizePlural("{{.Count}} rows have problems and cannot be imported as they are:", n,
				map[string]any{"Count": model.GroupThousands(int64(n))}))
			v.skip.Show()
			v.fix.Show()
		} else {
			v.probHead.Importance = widget.WarningImportance
			v.probHead.SetText(lang.LocalizePlural("Look at {{.Count}} things before you import:", len(notices),
				map[string]any{"Count": model.GroupThousands(int64(len(notices)))}))
			v.skip.Hide()
			v.fix.Hide()
		}
		v.skip.SetChecked(false)
		v.probList.Refresh()
		v.checked.Refresh()
		v.showChecked()
		v.updateImportBtn()
	})
}

// resultData is the counts of an import for a message.
func resultData(r model.ImportResult) map[string]any {
	return map[string]any{
		"New":     model.GroupThousands(int64(r.Created)),
		"Updated": model.GroupThousands(int64(r.Updated)),
		"Skipped": model.GroupThousands(int64(r.Skipped)),
	}
}

// action is the duplicate choice shown.
func (v *importView) action() model.DuplicateAction {
	if i := slices.Index(v.dup.Options, v.dup.Selected); i >= 0 {
		return duplicateActions[i]
	}
	return model.DuplicateUpdate
}

// updateImportBtn allows Import once a dry run is done and either no row
// has a problem or the owner chose to leave those rows out.
func (v *importView) updateImportBtn() {
	ok := !v.busy && !v.done && v.dry.Created+v.dry.Updated > 0 && (v.dry.Invalid == 0 || v.skip.Checked)
	if ok {
		v.importBtn.Enable()
	} else {
		v.importBtn.Disable()
	}
}

// start shows the progress bar and stops the buttons that would start
// other work.
func (v *importView) start() {
	v.busy = true
	v.progress.SetValue(0)
	v.progress.Show()
	for _, b := range []*widget.Button{v.backBtn, v.checkBtn, v.importBtn} {
		b.Disable()
	}
	if v.dup != nil {
		v.dup.Disable()
		v.replace.Disable()
	}
}

// stop hides the progress bar after work ended.
func (v *importView) stop() {
	v.busy = false
	v.cancel = nil
	v.progress.Hide()
	v.backBtn.Enable()
	v.checkBtn.Enable()
	if v.dup != nil && !v.done {
		v.dup.Enable()
		v.replace.Enable()
	}
	v.updateImportBtn()
}

// importRows yields the file's rows as clients made with mapping, read
// again from the file held (a CSV file) or from the cards read (a vCard
// file). A CSV file that no longer reads as it did yields the error.
func (v *importView) importRows(mapping model.Mapping) iter.Seq2[model.ImportRow, error] {
	if v.data == nil {
		return func(yield func(model.ImportRow, error) bool) {
			for _, r := range v.cards {
				if !yield(r, nil) {
					return
				}
			}
		}
	}
	data, today := v.data, v.u.today()
	return func(yield func(model.ImportRow, error) bool) {
		tr, err := model.NewTableReader(bytes.NewReader(data))
		if err != nil {
			yield(model.ImportRow{}, err)
			return
		}
		for r, err := range tr.Clients(mapping, today) {
			if !yield(r, err) {
				return
			}
		}
	}
}

// progressFunc returns a progress callback for the store that moves the
// progress bar, at most once per percent, towards the file's rows.
func (v *importView) progressFunc() func(done int) {
	p, total := progressTo(v.progress), v.total
	return func(done int) { p(done, total) }
}

// progressTo returns a store progress callback that moves bar, at most
// once per percent so that a big file does not flood the UI goroutine.
// The callback is called from one goroutine at a time.
func progressTo(bar *widget.ProgressBar) func(done, total int) {
	last := -1
	return func(done, total int) {
		if total <= 0 {
			return
		}
		pct := done * 100 / total
		if pct == last {
			return
		}
		last = pct
		fyne.Do(func() { bar.SetValue(float64(pct) / 100) })
	}
}

// onImport writes the rows: the only step that changes the book.
func (v *importView) onImport() {
	if v.busy || v.done {
		return
	}
	rows := v.importRows(v.checkMap)
	opts := model.ImportOptions{OnDuplicate: v.action(), SkipInvalid: v.skip.Checked, Replace: v.replace.Checked, Source: v.name}
	var res model.ImportResult
	v.summary.SetText(lang.L("Importing…"))
	v.start()
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	v.u.run(func(context.Context) (err error) {
		// See onCheck.
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(model.ImportMemoryLimit))
		res, err = v.u.storeImport().ImportClientsFrom(ctx, rows, opts, v.progressFunc())
		return err
	}, func(err error) {
		cancel()
		v.stop()
		switch {
		case errors.Is(err, context.Canceled):
			v.summary.SetText(lang.L("The import was stopped. Nothing was changed."))
			return
		case errors.Is(err, model.ErrInvalidRows):
			v.u.showError(lang.L("Some rows have problems, so nothing was imported. Leave those rows out, or correct the file and try again."), err)
			v.summary.SetText(lang.L("Nothing was imported."))
			return
		case err != nil:
			v.u.showError(lang.L("Could not import the clients. Nothing was changed."), err)
			v.summary.SetText(lang.L("Nothing was imported."))
			return
		}
		v.finish(res)
	})
}

// finish shows what the import did.
func (v *importView) finish(res model.ImportResult) {
	v.done = true
	v.dup.Disable()
	v.replace.Disable()
	v.skip.Disable()
	v.fix.Hide()
	msg := lang.L("Imported: {{.New}} new, {{.Updated}} updated, {{.Skipped}} skipped.", resultData(res))
	if res.Invalid > 0 {
		msg += " " + lang.LocalizePlural("{{.Count}} rows with problems were left out.", res.Invalid,
			map[string]any{"Count": model.GroupThousands(int64(res.Invalid))})
	}
	if res.LeftOut > 0 {
		msg += " " + lang.LocalizePlural("{{.Count}} fields that could not be read were left out.", res.LeftOut,
			map[string]any{"Count": model.GroupThousands(int64(res.LeftOut))})
	}
	v.summary.SetText(msg)
	v.status.SetText("")
	if res.Created+res.Updated > 0 {
		v.setButtons(v.undoBtn, v.doneBtn)
		return
	}
	v.setButtons(v.doneBtn)
}

// onUndo undoes the import just made, after asking.
func (v *importView) onUndo() {
	v.u.showUndoImport()
}

// importNotices is one translated line for each thing of a dry run the
// owner should see before importing: fields left out because they could
// not be read, names, emails and phones that differ from the book's, and
// rows that share a client's phone but are someone else.
func importNotices(res model.ImportResult) []string {
	var out []string
	for _, r := range res.Rows {
		if r.Outcome == model.OutcomeInvalid {
			continue
		}
		line := map[string]any{"Line": r.Line}
		if r.Warnings != nil {
			for _, fe := range r.Warnings.Fields {
				out = append(out, lang.L("Row {{.Line}}: {{.Problem}} Left out; the rest of the row is imported.",
					map[string]any{"Line": r.Line, "Problem": fieldProblem(fe)}))
			}
		}
		for _, c := range r.Changes {
			data := map[string]any{"Line": r.Line, "Field": fieldName(c.Field), "Old": c.Old, "New": c.New}
			switch {
			case c.Replaced:
				out = append(out, lang.L("Row {{.Line}}: {{.Field}} \"{{.Old}}\" is replaced by \"{{.New}}\".", data))
			case c.Field == model.FieldName:
				out = append(out, lang.L("Row {{.Line}}: the file says \"{{.New}}\"; the name in the book, \"{{.Old}}\", is kept.", data))
			default:
				out = append(out, lang.L("Row {{.Line}}: {{.Field}} \"{{.New}}\" is added beside \"{{.Old}}\", which is kept.", data))
			}
		}
		if r.SharesPhoneWith != 0 {
			line["Name"], line["Other"] = r.Name, r.SharesPhoneName
			out = append(out, lang.L("Row {{.Line}}: {{.Name}} has the phone of {{.Other}} but another name and email: added as another client.", line))
		}
	}
	return out
}

func (v *importView) onBack() {
	if v.busy || v.table == nil {
		return
	}
	v.gen++ // a dry run still under way is of no interest any more
	v.showColumns()
}

// onCancel stops the work under way, or leaves the screen.
func (v *importView) onCancel() {
	if v.cancel != nil {
		v.cancel()
		return
	}
	v.gen++
	v.u.setContent(v.prev)
}

// onDone leaves the screen and reads every view again.
func (v *importView) onDone() { v.u.refreshStart() }

// ratioLayout lays its objects side by side, sharing the width by weight,
// so the column rows of step 1 line up under their headings.
type ratioLayout struct{ weights []float32 }

func (l *ratioLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var sum float32
	for i := range objs {
		sum += l.weight(i)
	}
	pad := theme.Padding()
	free := size.Width - pad*float32(max(0, len(objs)-1))
	x := float32(0)
	for i, o := range objs {
		w := free * l.weight(i) / sum
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
		x += w + pad
	}
}

func (l *ratioLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width += m.Width
		if i > 0 {
			s.Width += theme.Padding()
		}
		s.Height = max(s.Height, m.Height)
	}
	return s
}

func (l *ratioLayout) weight(i int) float32 {
	if i < len(l.weights) {
		return l.weights[i]
	}
	return 1
}

var _ fyne.Layout = (*ratioLayout)(nil)

// importStore is what importing writes.
type importStore interface {
	// ImportClientsFrom adds (or, for duplicates, updates or skips) the
	// valid rows, read as they come, in one transaction. With invalid
	// rows and !opts.SkipInvalid it writes nothing and returns an error
	// wrapping model.ErrInvalidRows, with the result still filled in
	// (Problems lists the rows). opts.DryRun reports what would happen and
	// writes nothing. progress, if not nil, is called with the rows done.
	ImportClientsFrom(ctx context.Context, rows iter.Seq2[model.ImportRow, error], opts model.ImportOptions,
		progress func(done int)) (model.ImportResult, error)
}

// storeImport is the window's store as importStore: what this file may call.
func (u *UI) storeImport() importStore { return u.store }
