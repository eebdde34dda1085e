package gui

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clienttracker/model"
)

// sortLanguages are the alphabets the client list can follow; "" is the
// Unicode default, which already sorts every script sensibly.
var sortLanguages = []struct{ tag, name string }{
	{"", "Standard (all scripts)"},
	{"ro", "Romanian"},
	{"hy", "Armenian"},
	{"ka", "Georgian"},
	{"ru", "Russian"},
	{"en", "English"},
}

// themeValues are the themes the Theme choice offers, in its order; ""
// follows the system.
var themeValues = []string{"", model.ThemeLight, model.ThemeDark}

// LastDatabaseKey is the preference under which the window keeps the path
// of the database it works on after "Open another database…" or "Move
// database…", for main to open next time.
const LastDatabaseKey = "lastDatabase"

// settingsView is the Settings dialog: every choice of the owner's in one
// place, in tabs (General, Check-ins, Ladder, Backups, Database), each
// scrolling on its own so the dialog fits a small screen. Nothing is saved
// until every field is valid; each problem shows under its field, and the
// tab holding the first one comes to the front.
type settingsView struct {
	u        *UI
	r        *recordDialog
	tabs     *container.AppTabs
	tabOf    map[string]*container.TabItem // field name → the tab that shows it
	progress *widget.ProgressBarInfinite
	status   *widget.Label

	// What the dialog opened with, so that only what changed is saved:
	// saving the schedule or the ladder places every client again.
	settings model.Settings
	schedule model.ScheduleSettings
	ladder   model.LadderSettings
	// templates are the owner's message wording as read (reach_settings.go).
	templates model.Templates
	msgs      *templatesTab

	// General
	language, themeChoice, sortBy *widget.Select
	country                       *countryChoice
	symbol                        *textEntry
	position, decimal             *widget.RadioGroup
	preview                       *widget.Label
	// Check-ins
	intervals map[model.Stage]*textEntry
	capacity  *textEntry
	followUp  *textEntry
	overdue   *textEntry // the overdue factor, "1.5"
	followWin *textEntry
	occasion  *textEntry
	firstDays *textEntry
	// Ladder
	vipSpend, debtDays, lapsedDays, nearVIP *textEntry
	discounts                               map[model.Stage]*textEntry
	// Backups
	backupDir, keepDaily, keepWeekly *textEntry
	// Database
	path                *widget.Label
	openOther, moveBook *widget.Button
}

// discountStages are the rungs that can have a loyalty discount: not the
// black list, whose clients get no credit.
var discountStages = []model.Stage{model.StageNewbie, model.StageProspect, model.StageBuyer,
	model.StageLoyal, model.StageAdvocate, model.StageVIP}

func (u *UI) showSettings() { u.openSettings() }

// openSettings reads the schedule and ladder settings and opens the
// Settings dialog on them. It returns the view (for tests), filled in once
// the settings are read.
func (u *UI) openSettings() *settingsView {
	v := &settingsView{u: u, settings: u.settings}
	u.run(func(ctx context.Context) (err error) {
		if v.schedule, err = u.storeSettings().ScheduleSettings(ctx); err != nil {
			return err
		}
		if v.templates, err = u.storeSettings().MessageTemplates(ctx); err != nil {
			return err
		}
		v.ladder, err = u.storeSettings().LadderSettings(ctx)
		return err
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not read the settings. Try again, and if it keeps failing, restart the app."), err)
			return
		}
		v.build()
		v.r.show()
	})
	return v
}

// build makes the widgets, filled in with what was read.
func (v *settingsView) build() {
	u := v.u
	v.r = &recordDialog{u: u}
	v.tabOf = map[string]*container.TabItem{}
	general := v.buildGeneral()
	checkIns, checkInsHint := v.buildCheckIns()
	ladder, ladderHint := v.buildLadder()
	backups, backupsHint := v.buildBackups()
	v.tabs = container.NewAppTabs(
		v.tab(lang.L("General"), theme.SettingsIcon(), general),
		v.tab(lang.L("Check-ins"), theme.ConfirmIcon(), checkIns, checkInsHint),
		v.tab(lang.L("Ladder"), theme.MoveUpIcon(), ladder, ladderHint),
		v.messagesTab(),
		v.tab(lang.L("Backups"), theme.HistoryIcon(), backups, backupsHint),
		container.NewTabItemWithIcon(lang.L("Database"), theme.StorageIcon(), v.scroll(v.buildDatabase())),
	)
	// Tabs down the side, names only: six names across the top fold
	// behind "…" in Armenian and Georgian, and an icon above each name
	// makes the column taller than the dialog.
	for _, t := range v.tabs.Items {
		t.Icon = nil
	}
	v.tabs.SetTabLocation(container.TabLocationLeading)
	for _, f := range v.r.fields {
		if e, ok := f.input.(*textEntry); ok {
			e.OnSubmitted = func(string) { v.onSave() }
		}
	}
	v.backupDir.OnSubmitted = func(string) { v.onSave() }

	v.progress = widget.NewProgressBarInfinite()
	v.progress.Hide()
	v.status = widget.NewLabel("")
	cancel := widget.NewButton(lang.L("Cancel"), func() { v.r.d.Hide() })
	v.r.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), v.onSave)
	v.r.save.Importance = widget.HighImportance
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, v.r.save),
		container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(120, v.progress.MinSize().Height), v.progress), nil, v.status))
	v.r.d = dialog.NewCustomWithoutButtons(lang.L("Settings"), container.NewBorder(nil, buttons, nil, nil, v.tabs), u.win)
	v.r.d.Resize(v.size())
}

// size is the dialog's size: roomy on a 1100x720 window and within a
// 1024x700 one; the tabs scroll when their fields need more height.
func (v *settingsView) size() fyne.Size {
	c := v.u.win.Canvas().Size()
	return fyne.NewSize(min(800, c.Width-48), min(600, c.Height-48))
}

// tab is a tab of fields: they join the dialog's fields and remember
// their tab, so a problem in a hidden tab can bring it to the front.
func (v *settingsView) tab(title string, icon fyne.Resource, fields fieldSet, extra ...fyne.CanvasObject) *container.TabItem {
	content := container.NewVBox(extra...)
	content.Add(fields.layout())
	t := container.NewTabItemWithIcon(title, icon, v.scroll(content))
	for _, f := range fields {
		v.tabOf[f.name] = t
	}
	v.r.fields = append(v.r.fields, fields...)
	return t
}

func (v *settingsView) scroll(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(o))
}

// hint is a line of explanation in a tab.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

func (v *settingsView) buildGeneral() fieldSet {
	s := v.settings
	names := []string{lang.L("System")}
	for _, l := range languages {
		names = append(names, l.name)
	}
	v.language = widget.NewSelect(names, nil)
	v.language.SetSelectedIndex(0)
	for i, l := range languages {
		if l.tag == s.Language {
			v.language.SetSelectedIndex(i + 1)
		}
	}
	v.themeChoice = widget.NewSelect([]string{lang.L("System"), lang.L("Light"), lang.L("Dark")}, nil)
	v.themeChoice.SetSelectedIndex(0)
	for i, t := range themeValues {
		if t != "" && t == s.Theme {
			v.themeChoice.SetSelectedIndex(i)
		}
	}

	v.symbol = newEntry()
	v.symbol.SetText(s.Money.Symbol)
	v.symbol.SetPlaceHolder(lang.L("e.g. lei, €, ֏, ₾"))
	v.position = widget.NewRadioGroup([]string{lang.L("after the amount"), lang.L("before the amount")}, nil)
	v.position.Horizontal = true
	v.position.SetSelected(lang.L("after the amount"))
	if s.Money.SymbolFirst {
		v.position.SetSelected(lang.L("before the amount"))
	}
	v.decimal = widget.NewRadioGroup([]string{lang.L("comma: 12,50"), lang.L("dot: 12.50")}, nil)
	v.decimal.Horizontal = true
	v.decimal.SetSelected(lang.L("dot: 12.50"))
	if s.Money.Decimal == "," {
		v.decimal.SetSelected(lang.L("comma: 12,50"))
	}
	v.preview = widget.NewLabel("")
	sorts := make([]string, len(sortLanguages))
	for i, l := range sortLanguages {
		sorts[i] = lang.L(l.name)
	}
	v.sortBy = widget.NewSelect(sorts, nil)
	v.sortBy.SetSelectedIndex(0)
	for i, l := range sortLanguages {
		if l.tag == s.SortLanguage {
			v.sortBy.SetSelectedIndex(i)
		}
	}
	v.symbol.OnChanged = func(string) { v.onMoneyChanged() }
	v.position.OnChanged = func(string) { v.onMoneyChanged() }
	v.decimal.OnChanged = func(string) { v.onMoneyChanged() }
	v.onMoneyChanged()

	v.country = newCountryChoice(s.HomeCountry, nil)

	return fieldSet{
		newFormField(model.FieldHomeCountry, lang.L("Shop's country"),
			container.NewVBox(v.country.sel, hint(lang.L("Phone numbers written without a country code are read as numbers of this country.")))),
		newFormField(model.FieldAppLanguage, lang.L("Language"),
			container.NewVBox(v.language, hint(lang.L("Takes effect the next time Client Tracker starts.")))),
		newFormField(model.FieldTheme, lang.L("Theme"), v.themeChoice),
		newFormField(model.FieldCurrencySymbol, lang.L("Currency symbol"), v.symbol),
		newFormField("position", lang.L("Symbol goes"), v.position),
		newFormField("decimal", lang.L("Decimal separator"), v.decimal),
		newFormField("preview", lang.L("Amounts look like"), v.preview),
		newFormField("sort", lang.L("Sort names as in"), v.sortBy),
	}
}

// onMoneyChanged shows an amount as the money settings typed so far
// write it.
func (v *settingsView) onMoneyChanged() {
	mf := v.settings.Money
	v.readMoney(&mf)
	v.preview.SetText(mf.Format(123456))
}

// readMoney reads the money fields into mf.
func (v *settingsView) readMoney(mf *model.MoneyFormat) {
	mf.Symbol = strings.TrimSpace(v.symbol.Text)
	mf.SymbolFirst = v.position.Selected == lang.L("before the amount")
	mf.Decimal = "."
	if v.decimal.Selected == lang.L("comma: 12,50") {
		mf.Decimal = ","
	}
}

func (v *settingsView) buildCheckIns() (fieldSet, fyne.CanvasObject) {
	v.intervals = map[model.Stage]*textEntry{}
	v.capacity = numberEntry(v.schedule.DailyCapacity)
	fields := fieldSet{newFormField(model.FieldDailyCapacity, lang.L("Clients I can contact a day"), v.capacity)}
	for _, st := range model.Stages {
		e := numberEntry(v.schedule.Intervals[st])
		v.intervals[st] = e
		fields = append(fields, newFormField(model.FieldInterval(st), lang.L(st.Label()), e))
	}
	v.followUp = numberEntry(v.schedule.FollowUpDays)
	fields = append(fields, newFormField(model.FieldFollowUpDays, lang.L("Follow-up after a sale, days"), v.followUp))
	v.overdue = newEntry()
	v.overdue.SetText(strconv.FormatFloat(v.schedule.OverdueFactor, 'f', -1, 64))
	v.followWin = numberEntry(v.schedule.FollowUpWindowDays)
	v.occasion = numberEntry(v.schedule.OccasionWindowDays)
	v.firstDays = numberEntry(v.schedule.FirstCheckInDays)
	fields = append(fields,
		newFormField(model.FieldOverdueFactor, lang.L("Overdue after, times the interval"), v.overdue),
		newFormField(model.FieldFollowUpWindow, lang.L("A follow-up stays listed for, days"), v.followWin),
		newFormField(model.FieldOccasionWindow, lang.L("A birthday or anniversary stays listed for, days"), v.occasion),
		newFormField(model.FieldFirstCheckIn, lang.L("Spread first check-ins over, days"), v.firstDays))
	return fields, hint(lang.L("Today's list holds as many clients as you can contact a day, those who matter most first; the rest wait and move up as the days pass.") + " " +
		lang.L("A check-in is overdue once the interval times this number has passed. Follow-ups, birthdays and anniversaries leave the list when their window ends; the first check-ins of clients never contacted, imported ones too, are spread over the given days.") + " " +
		lang.L("Days from the last contact until a client on each rung is due for a check-in; 0 means no regular check-ins. A client's own plan comes first. The follow-up asks, a few days after a sale, how it went; 0 turns it off."))
}

func (v *settingsView) buildLadder() (fieldSet, fyne.CanvasObject) {
	l, mf := v.ladder, v.settings.Money
	v.vipSpend = newEntry()
	v.vipSpend.SetText(mf.Number(l.VIPSpend12m))
	v.debtDays = numberEntry(l.BlacklistDebtDays)
	v.lapsedDays = numberEntry(l.LapsedMinGapDays)
	v.nearVIP = numberEntry(l.NearVIPPercent)
	v.discounts = map[model.Stage]*textEntry{}
	grid := container.New(layout.NewFormLayout())
	for _, st := range discountStages {
		e := numberEntry(l.Discounts[st])
		v.discounts[st] = e
		grid.Add(widget.NewLabel(lang.L(st.Label())))
		grid.Add(e)
	}
	fields := fieldSet{
		newFormField(model.FieldVIPSpend, lang.L("VIP from a 12-month spend of")+currencySuffix(mf), v.vipSpend),
		newFormField(model.FieldDebtDays, lang.L("Black list when a debt is overdue by, days"), v.debtDays),
		newFormField(model.FieldLapsedDays, lang.L("Lapsed after no purchase for, days"), v.lapsedDays),
		newFormField(model.FieldNearVIPShare, lang.L("Close to VIP from, % of the VIP spend"), v.nearVIP),
		newFormField(model.FieldDiscounts, lang.L("Loyalty discount, %"), grid),
	}
	return fields, hint(lang.L("0 turns the VIP and black list rules off. Saving places every client on the ladder again, which takes a moment with many clients."))
}

func (v *settingsView) buildBackups() (fieldSet, fyne.CanvasObject) {
	b := v.settings.Backup
	v.backupDir = newEntry()
	v.backupDir.SetText(b.Dir)
	v.backupDir.SetPlaceHolder(filepath.Join(filepath.Dir(v.u.storeSettings().Path()), "backups"))
	choose := widget.NewButtonWithIcon(lang.L("Choose…"), theme.FolderOpenIcon(), v.onChooseBackupDir)
	v.keepDaily = numberEntry(b.KeepDaily)
	v.keepWeekly = numberEntry(b.KeepWeekly)
	fields := fieldSet{
		newFormField(model.FieldBackupDir, lang.L("Backup folder"), container.NewVBox(
			container.NewBorder(nil, nil, nil, choose, v.backupDir),
			hint(lang.L("Leave it empty for a backups folder next to the client book.")))),
		newFormField(model.FieldKeepDaily, lang.L("Daily copies to keep"), v.keepDaily),
		newFormField(model.FieldKeepWeekly, lang.L("Weekly copies to keep"), v.keepWeekly),
	}
	return fields, hint(lang.L("A copy of the client book is made each day the app is opened. The newest daily copies are kept, and of older ones, the last copy of each week."))
}

func (v *settingsView) buildDatabase() fyne.CanvasObject {
	v.path = widget.NewLabel(v.u.storeSettings().Path())
	v.path.Wrapping = fyne.TextWrapBreak
	v.path.Selectable = true
	v.path.TextStyle.Bold = true
	v.openOther = widget.NewButtonWithIcon(lang.L("Open another database…"), theme.FolderOpenIcon(), v.onOpenOther)
	if v.u.opts.SwitchDatabase == nil {
		v.openOther.Hide()
	}
	v.moveBook = widget.NewButtonWithIcon(lang.L("Move database…"), theme.MailForwardIcon(), v.onMove)
	return container.NewVBox(
		widget.NewLabel(lang.L("This client book is stored in:")),
		v.path,
		container.NewHBox(v.openOther, v.moveBook),
		hint(lang.L("Move the client book to another folder, for example one that is backed up. The file keeps its name; the old one stays where it was, renamed to end in .moved and the date, until you delete it.")),
	)
}

// numberEntry is an input for a whole number, filled in with n.
func numberEntry(n int) *textEntry {
	e := newEntry()
	e.SetText(strconv.Itoa(n))
	return e
}

// wholeNumber reads the whole number typed into e; when it is not one, it
// records why under field and returns 0.
func wholeNumber(ve *model.ValidationError, e *textEntry, field string) int {
	n, err := strconv.Atoi(strings.TrimSpace(e.Text))
	if err != nil {
		ve.Add(field, "Write a whole number, for example 30.")
		return 0
	}
	return n
}

// read returns the settings as typed, or a *model.ValidationError naming
// every field to fix.
func (v *settingsView) read() (model.Settings, model.ScheduleSettings, model.LadderSettings, error) {
	ve := &model.ValidationError{}

	set := v.settings
	set.Language = ""
	if i := v.language.SelectedIndex(); i > 0 {
		set.Language = languages[i-1].tag
	}
	set.Theme = themeValues[max(v.themeChoice.SelectedIndex(), 0)]
	if set.Theme == "" && v.settings.Theme == model.ThemeSystem {
		set.Theme = model.ThemeSystem // unchanged
	}
	v.readMoney(&set.Money)
	if i := v.sortBy.SelectedIndex(); i >= 0 {
		set.SortLanguage = sortLanguages[i].tag
	}
	set.HomeCountry = v.country.code()
	set.Backup.Dir = strings.TrimSpace(v.backupDir.Text)
	set.Backup.KeepDaily = wholeNumber(ve, v.keepDaily, model.FieldKeepDaily)
	set.Backup.KeepWeekly = wholeNumber(ve, v.keepWeekly, model.FieldKeepWeekly)
	ve.Merge(set.Validate())

	sched := v.schedule
	sched.Intervals = maps.Clone(v.schedule.Intervals)
	if sched.Intervals == nil {
		sched.Intervals = map[model.Stage]int{}
	}
	for _, st := range model.Stages {
		sched.Intervals[st] = wholeNumber(ve, v.intervals[st], model.FieldInterval(st))
	}
	sched.FollowUpDays = wholeNumber(ve, v.followUp, model.FieldFollowUpDays)
	sched.DailyCapacity = wholeNumber(ve, v.capacity, model.FieldDailyCapacity)
	sched.FollowUpWindowDays = wholeNumber(ve, v.followWin, model.FieldFollowUpWindow)
	sched.OccasionWindowDays = wholeNumber(ve, v.occasion, model.FieldOccasionWindow)
	sched.FirstCheckInDays = wholeNumber(ve, v.firstDays, model.FieldFirstCheckIn)
	// "1,5" is how half the owners write it.
	if f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v.overdue.Text), ",", "."), 64); err == nil {
		sched.OverdueFactor = f
	} else {
		ve.Add(model.FieldOverdueFactor, "Enter a number from 1 to 10, for example 1.5.")
	}
	ve.Merge(sched.Validate())

	lad := v.ladder
	lad.Discounts = maps.Clone(v.ladder.Discounts)
	if lad.Discounts == nil {
		lad.Discounts = map[model.Stage]int{}
	}
	// The threshold was written in the money format the dialog opened
	// with; one typed after changing the separator is read in the new one.
	vip, err := model.ParseMoney(v.vipSpend.Text, v.settings.Money)
	if err != nil {
		if vip, err = model.ParseMoney(v.vipSpend.Text, set.Money); err != nil {
			ve.Add(model.FieldVIPSpend, moneyMessage(err))
		}
	}
	lad.VIPSpend12m = vip
	lad.BlacklistDebtDays = wholeNumber(ve, v.debtDays, model.FieldDebtDays)
	lad.LapsedMinGapDays = wholeNumber(ve, v.lapsedDays, model.FieldLapsedDays)
	lad.NearVIPPercent = wholeNumber(ve, v.nearVIP, model.FieldNearVIPShare)
	for _, st := range discountStages {
		d, ok := parsePercent(v.discounts[st].Text)
		if !ok {
			ve.Add(model.FieldDiscounts, "Write each discount as a whole number of percent, e.g. 5, or leave it empty.")
		}
		lad.Discounts[st] = d
	}
	ve.Merge(lad.Validate())
	return set, sched, lad, ve.Err()
}

// onSave checks everything typed and saves what changed, off the UI
// goroutine: a new schedule or ladder places every client again, which
// takes a moment on a big book.
func (v *settingsView) onSave() {
	r := v.r
	if r.busy {
		return
	}
	set, sched, lad, err := v.read()
	templates := v.msgs.read()
	if err == nil {
		err = templates.Validate()
	}
	if err != nil {
		v.showErrors(err)
		return
	}
	templatesChanged := v.msgs.changed(v.templates)
	r.fields.showErrors(nil)
	settingsChanged := set != v.settings
	scheduleChanged := sched.FollowUpDays != v.schedule.FollowUpDays || sched.DailyCapacity != v.schedule.DailyCapacity ||
		sched.OverdueFactor != v.schedule.OverdueFactor || sched.FollowUpWindowDays != v.schedule.FollowUpWindowDays ||
		sched.OccasionWindowDays != v.schedule.OccasionWindowDays || sched.FirstCheckInDays != v.schedule.FirstCheckInDays
	ladderChanged := lad.VIPSpend12m != v.ladder.VIPSpend12m || lad.BlacklistDebtDays != v.ladder.BlacklistDebtDays ||
		lad.LapsedMinGapDays != v.ladder.LapsedMinGapDays || lad.NearVIPPercent != v.ladder.NearVIPPercent
	// A rung missing from a map is the same as 0.
	for _, st := range model.Stages {
		scheduleChanged = scheduleChanged || sched.Intervals[st] != v.schedule.Intervals[st]
		ladderChanged = ladderChanged || lad.Discount(st) != v.ladder.Discount(st)
	}

	r.busy = true
	r.save.Disable()
	v.progress.Show()
	v.status.SetText(lang.L("Saving…"))
	if scheduleChanged || ladderChanged {
		v.status.SetText(lang.L("Saving, and placing every client again…"))
	}
	v.u.run(func(ctx context.Context) error {
		if settingsChanged {
			if err := v.u.storeSettings().SaveSettings(ctx, set); err != nil {
				return err
			}
		}
		if scheduleChanged {
			if err := v.u.storeSettings().SaveScheduleSettings(ctx, sched); err != nil {
				return err
			}
		}
		if templatesChanged {
			if err := v.u.storeSettings().SaveMessageTemplates(ctx, templates); err != nil {
				return err
			}
		}
		if ladderChanged {
			return v.u.storeSettings().SaveLadderSettings(ctx, lad)
		}
		return nil
	}, func(err error) {
		r.busy = false
		r.save.Enable()
		v.progress.Hide()
		v.status.SetText("")
		if err != nil {
			if _, ok := model.AsValidation(err); ok {
				v.showErrors(err)
				return
			}
			v.u.showError(lang.L("Could not save every setting. Check them and save again; if it keeps failing, restart the app."), err)
			return
		}
		r.d.Hide()
		v.saved(set)
	})
}

// showErrors shows each problem under its field and brings the tab of the
// first one to the front.
func (v *settingsView) showErrors(err error) {
	if ve, ok := model.AsValidation(err); ok && len(ve.Fields) > 0 {
		if t := v.tabOf[ve.Fields[0].Field]; t != nil {
			v.tabs.Select(t)
		}
	}
	v.r.showErrors(err)
}

// saved puts the new settings into effect: the theme at once, the
// language at the next start, and every view is read again.
func (v *settingsView) saved(set model.Settings) {
	u := v.u
	old := u.settings
	u.settings = set
	if set.Theme != old.Theme {
		u.applyTheme()
	}
	u.reloadShown()
	if set.Language != old.Language {
		dialog.ShowInformation(lang.L("Language"),
			lang.L("Client Tracker will show the new language the next time it starts."), u.win)
	}
}

// onChooseBackupDir lets the owner pick the backup folder.
func (v *settingsView) onChooseBackupDir() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			v.u.showError(lang.L("Could not open that folder."), err)
			return
		}
		if dir != nil {
			v.backupDir.SetText(dir.Path())
		}
	}, v.u.win)
	v.showFileDialog(d, v.backupDir.Text)
}

// onOpenOther lets the owner pick another client book to work on.
func (v *settingsView) onOpenOther() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			v.u.showError(lang.L("Could not open that file."), err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		if err := rc.Close(); err != nil {
			fyne.LogError("close chosen file", err)
		}
		v.r.d.Hide()
		v.u.switchDatabase(path)
	}, v.u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".sqlite3"}))
	v.showFileDialog(d, "")
}

// onMove lets the owner pick the folder to move the client book into.
// A folder rather than a file name: Fyne's save dialog creates (or
// empties) the file it returns, and the move must not write over
// anything.
func (v *settingsView) onMove() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			v.u.showError(lang.L("Could not open that folder."), err)
			return
		}
		if dir == nil {
			return
		}
		v.r.d.Hide()
		v.u.moveDatabase(filepath.Join(dir.Path(), filepath.Base(v.u.storeSettings().Path())))
	}, v.u.win)
	v.showFileDialog(d, "")
}

// showFileDialog shows a file or folder dialog starting in dir, or in the
// database's folder when dir is "".
func (v *settingsView) showFileDialog(d *dialog.FileDialog, dir string) {
	if dir == "" {
		dir = filepath.Dir(v.u.storeSettings().Path())
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
	c := v.u.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, c.Width-32), min(640, c.Height-32)))
	d.Show()
}

// switchDatabase makes the window work on the database at path, through
// Options.SwitchDatabase: the store, the settings and every view change to
// the new book, and the path is remembered for the next start.
func (u *UI) switchDatabase(path string) {
	if u.opts.SwitchDatabase == nil {
		return
	}
	var (
		store  Store
		set    model.Settings
		setErr error
	)
	u.run(func(context.Context) (err error) {
		if store, err = u.opts.SwitchDatabase(path); err != nil {
			return err
		}
		set, setErr = store.Settings(context.Background())
		return nil
	}, func(err error) {
		if err != nil {
			u.showError(lang.L("Could not open that file as a client book. The book open before stays open."), err)
			return
		}
		if setErr != nil {
			fyne.LogError("load settings", setErr)
			set = model.DefaultSettings("")
		}
		u.useStore(store, set)
	})
}

// useStore puts the window on store, whose settings are set.
func (u *UI) useStore(store Store, set model.Settings) {
	u.store = store
	u.settings = set
	u.notSamePairs = nil // they name clients of the other book
	u.applyTheme()
	u.databaseMoved()
	u.clients.closePage() // its client is the other book's
	u.refreshStart()
	u.changed(0)
}

// databaseMoved shows the database's path in the title and remembers it
// for the next start.
func (u *UI) databaseMoved() {
	path := u.storeSettings().Path()
	u.win.SetTitle(windowTitle(path))
	u.app.Preferences().SetString(LastDatabaseKey, path)
}

// moveDatabase moves the database file to dest, showing that it is busy.
func (u *UI) moveDatabase(dest string) {
	busy := dialog.NewCustomWithoutButtons(lang.L("Moving the client book…"), widget.NewProgressBarInfinite(), u.win)
	busy.Show()
	old := u.storeSettings().Path()
	u.run(func(ctx context.Context) error {
		return u.storeSettings().MoveTo(ctx, dest)
	}, func(err error) {
		busy.Hide()
		moved := u.storeSettings().Path() != old
		if moved {
			u.databaseMoved()
		}
		switch {
		case errors.Is(err, fs.ErrExist) && !moved:
			u.showError(lang.L("That folder already has a file of this name. Choose another folder; nothing was moved."), err)
		case err != nil && !moved:
			u.showError(lang.L("Could not move the client book. It stays where it was; check there is room in the folder you chose."), err)
		case err != nil:
			// Moved, but the old file could not be renamed aside.
			u.showError(lang.L("The client book was moved, but the old file could not be renamed. Delete it or keep it as a spare copy, and do not open it by mistake."), err)
		default:
			u.showPath(lang.L("Client book moved"), lang.L("The client book is now stored in:"), u.storeSettings().Path())
		}
	})
}

// settingsStore is what Settings reads and saves.
type settingsStore interface {
	LadderSettings(ctx context.Context) (model.LadderSettings, error)
	MessageTemplates(ctx context.Context) (model.Templates, error)
	MoveTo(ctx context.Context, dest string) error // moves the database file; the store goes on there
	Path() string
	SaveLadderSettings(ctx context.Context, s model.LadderSettings) error
	SaveMessageTemplates(ctx context.Context, ts model.Templates) error
	SaveScheduleSettings(ctx context.Context, s model.ScheduleSettings) error
	SaveSettings(ctx context.Context, s model.Settings) error
	ScheduleSettings(ctx context.Context) (model.ScheduleSettings, error)
	Settings(ctx context.Context) (model.Settings, error)
}

// storeSettings is the window's store as settingsStore: what this file may call.
func (u *UI) storeSettings() settingsStore { return u.store }
