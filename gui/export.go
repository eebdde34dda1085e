package gui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
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

// exportView is the "export everything" dialog: how the CSV files are
// written, a folder to write them to, and the export under way.
type exportView struct {
	u *UI

	sep      *widget.RadioGroup
	bom      *widget.Check
	progress *widget.ProgressBar
	status   *widget.Label
	export   *widget.Button
	cancel   *widget.Button
	open     *widget.Button
	dlg      *dialog.CustomDialog

	stop   context.CancelFunc // cancels the export under way
	dir    string             // the folder written, once done
	result model.ExportResult
}

// exportSeps are the separators offered, in the order the radio group
// lists them.
var exportSeps = []rune{',', ';'}

// showExport asks how and where to export every table of the book as CSV
// files, then writes them with a progress bar and a Cancel button.
func (u *UI) showExport() { u.openExport() }

// openExport shows the export dialog and returns it, for tests.
func (u *UI) openExport() *exportView {
	v := &exportView{u: u}
	def := model.DefaultCSVOptions(u.settings.Money.Decimal)
	v.sep = widget.NewRadioGroup([]string{lang.L("Comma (,)"), lang.L("Semicolon (;)")}, nil)
	v.sep.Required = true
	v.sep.Horizontal = true
	v.sep.SetSelected(v.sep.Options[max(0, slices.Index(exportSeps, def.Sep))])
	v.bom = widget.NewCheck(lang.L("Mark the files as UTF-8 (BOM)"), nil)
	v.bom.SetChecked(def.BOM)
	bomHint := widget.NewLabel(lang.L("Needed for Excel on Windows to show every letter correctly."))
	bomHint.SizeName = theme.SizeNameCaptionText
	bomHint.Wrapping = fyne.TextWrapWord
	sepHint := widget.NewLabel(lang.L("Where numbers are written as 12,50, Excel expects semicolons."))
	sepHint.SizeName = theme.SizeNameCaptionText
	sepHint.Wrapping = fyne.TextWrapWord
	intro := widget.NewLabel(lang.L("Every client, preference, purchase, contact, promise and complaint is written as a CSV file that spreadsheets open. Choose a folder: the files go into a new folder inside it."))
	intro.Wrapping = fyne.TextWrapWord

	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapBreak
	v.export = widget.NewButtonWithIcon(lang.L("Choose a folder and export…"), theme.DocumentSaveIcon(), v.onExport)
	v.export.Importance = widget.HighImportance
	v.cancel = widget.NewButton(lang.L("Cancel"), v.onCancel)
	v.open = widget.NewButtonWithIcon(lang.L("Open the folder"), theme.FolderOpenIcon(), v.onOpen)

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Separator"), container.NewVBox(v.sep, sepHint)),
		widget.NewFormItem(lang.L("Excel"), container.NewVBox(v.bom, bomHint)),
	)
	content := container.NewVBox(intro, form, v.progress, v.status)
	v.dlg = dialog.NewCustomWithoutButtons(lang.L("Export everything"), content, u.win)
	v.dlg.SetButtons([]fyne.CanvasObject{v.cancel, v.export})
	v.dlg.Resize(fyne.NewSize(600, 0))
	v.dlg.Show()
	return v
}

// options are the CSV options chosen.
func (v *exportView) options() model.CSVOptions {
	o := model.DefaultCSVOptions(v.u.settings.Money.Decimal)
	if i := slices.Index(v.sep.Options, v.sep.Selected); i >= 0 {
		o.Sep = exportSeps[i]
	}
	o.BOM = v.bom.Checked
	return o
}

func (v *exportView) onExport() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			v.u.showError(lang.L("Could not open the folder."), err)
			return
		}
		if dir != nil {
			v.exportTo(dir.Path())
		}
	}, v.u.win)
	d.Resize(fileDialogSize(v.u.win))
	d.Show()
}

// exportTo writes the files into a new folder inside parent.
func (v *exportView) exportTo(parent string) {
	opts := model.ExportOptions{CSV: v.options()}
	ctx, cancel := context.WithCancel(context.Background())
	v.stop = cancel
	v.export.Disable()
	v.sep.Disable()
	v.bom.Disable()
	v.progress.SetValue(0)
	v.progress.Show()
	v.status.SetText(lang.L("Exporting…"))
	day := model.FormatDate(v.u.today())
	var dir string
	var res model.ExportResult
	v.u.run(func(context.Context) (err error) {
		if dir, err = newExportDir(parent, day); err != nil {
			return err
		}
		res, err = v.u.storeExport().Export(ctx, dir, opts, progressTo(v.progress))
		if err != nil {
			os.Remove(dir) // only if the store left it empty
		}
		return err
	}, func(err error) {
		cancel()
		v.stop = nil
		v.progress.Hide()
		switch {
		case errors.Is(err, context.Canceled):
			v.ended(lang.L("The export was cancelled. No files were left behind."))
			return
		case err != nil:
			v.ended("")
			v.u.showError(lang.L("Could not export the client book. Check that the folder can be written to and the disk is not full."), err)
			return
		}
		v.dir, v.result = dir, res
		v.ended(lang.L("Exported {{.What}} to {{.Folder}}",
			map[string]any{"What": exportedRows(res), "Folder": dir}))
		v.dlg.SetButtons([]fyne.CanvasObject{v.cancel, v.open})
	})
}

// ended shows msg once the export is over, and Close instead of Cancel.
func (v *exportView) ended(msg string) {
	v.status.SetText(msg)
	v.cancel.SetText(lang.L("Close"))
	v.dlg.Resize(fyne.NewSize(600, 0)) // room for the message
}

// newExportDir makes a new folder for an export inside parent, named after
// the day, so an earlier export is never overwritten.
func newExportDir(parent, day string) (string, error) {
	base := filepath.Join(parent, "Client Tracker "+day)
	for i := 1; i < 100; i++ {
		dir := base
		if i > 1 {
			dir = fmt.Sprintf("%s (%d)", base, i)
		}
		err := os.Mkdir(dir, 0o700)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", fmt.Errorf("make export folder: %w", err)
		}
	}
	return "", fmt.Errorf("make export folder: too many exports named %q", base)
}

// exportTableCounts are the plural messages that count each table's rows.
var exportTableCounts = map[string]string{
	"clients":       "{{.Count}} clients",
	"preferences":   "{{.Count}} preferences",
	"purchases":     "{{.Count}} purchases",
	"interactions":  "{{.Count}} contacts",
	"promises":      "{{.Count}} promises",
	"complaints":    "{{.Count}} complaints",
	"stage_changes": "{{.Count}} ladder moves",
	"settings":      "{{.Count}} settings",
}

// exportedRows says what an export wrote: "12 clients, 30 purchases, …",
// in the order of its files.
func exportedRows(r model.ExportResult) string {
	var parts []string
	for _, f := range r.Files {
		table := strings.TrimSuffix(filepath.Base(f), ".csv")
		n := r.Rows[table]
		data := map[string]any{"Count": model.GroupThousands(int64(n)), "Table": table}
		if msg, ok := exportTableCounts[table]; ok {
			parts = append(parts, lang.LocalizePlural(msg, n, data))
		} else {
			parts = append(parts, lang.L("{{.Count}} rows of {{.Table}}", data))
		}
	}
	return strings.Join(parts, ", ")
}

// onCancel stops the export under way, or closes the dialog.
func (v *exportView) onCancel() {
	if v.stop != nil {
		v.stop()
		return
	}
	v.dlg.Hide()
}

// onOpen shows the exported files in the system's file manager.
func (v *exportView) onOpen() {
	if err := v.u.app.OpenURL(&url.URL{Scheme: "file", Path: filepath.ToSlash(v.dir)}); err != nil {
		v.u.showError(lang.L("Could not open the folder."), err)
	}
}

// exportList exports the client list as the Clients view shows it now
// (its search and order) to one CSV file the owner names.
func (u *UI) exportList() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(lang.L("Could not create the file."), err)
			return
		}
		if w != nil {
			u.exportListTo(w.URI().Path(), w)
		}
	}, u.win)
	d.SetFileName("clients-" + model.FormatDate(u.today()) + ".csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Resize(fileDialogSize(u.win))
	d.Show()
}

// exportListTo writes the listed clients to w (then closes it) and says
// where they went.
func (u *UI) exportListTo(path string, w io.WriteCloser) {
	f := u.clients.filter
	opts := model.DefaultCSVOptions(u.settings.Money.Decimal)
	var n int
	u.run(func(ctx context.Context) error {
		ids, err := u.storeExport().ClientIDs(ctx, f)
		if err != nil {
			w.Close()
			return err
		}
		n = len(ids)
		if err := u.storeExport().ExportClients(ctx, w, ids, opts); err != nil {
			w.Close()
			return err
		}
		return w.Close()
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not export the client list. Check that the folder can be written to and the disk is not full."), err)
			return
		}
		u.showPath(lang.L("Client list exported"), lang.LocalizePlural("Exported {{.Count}} clients, in the order shown, to:", n,
			map[string]any{"Count": model.GroupThousands(int64(n))}), path)
	})
}

// exportStore is what exporting reads.
type exportStore interface {
	// ClientIDs returns the ids of the whole list f describes (Offset and
	// Limit ignored), in its order: for "export this list".
	ClientIDs(ctx context.Context, f model.ClientFilter) ([]int64, error)
	// Export writes every table (or opts.Tables) as NAME.csv into dir.
	Export(ctx context.Context, dir string, opts model.ExportOptions,
		progress func(done, total int)) (model.ExportResult, error)
	// ExportClients writes the clients with these ids, in this order, as
	// one CSV file with the columns of clients.csv.
	ExportClients(ctx context.Context, w io.Writer, ids []int64, opts model.CSVOptions) error
}

// storeExport is the window's store as exportStore: what this file may call.
func (u *UI) storeExport() exportStore { return u.store }
