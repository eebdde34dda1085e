package gui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"clienttracker/model"
)

// openTestSettings opens the Settings dialog over store, as the owner
// does with the toolbar's gear button.
func openTestSettings(t *testing.T, store Store) (*UI, *settingsView) {
	t.Helper()
	u := newTestUI(t, store)
	v := u.openSettings()
	if v.r == nil || u.dialog != v.r {
		t.Fatal("the settings dialog did not open")
	}
	return u, v
}

// retype replaces what an input holds by typing, as the owner would.
func retype(e *textEntry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// fieldError returns the message shown under the field called name.
func fieldError(t *testing.T, v *settingsView, name string) string {
	t.Helper()
	f := v.r.fields.field(name)
	if f == nil {
		t.Fatalf("the settings have no field %q", name)
	}
	if !f.err.Visible() {
		return ""
	}
	return f.err.Text
}

func TestSettingsBadIntervalNotSaved(t *testing.T) {
	store := newTestStore(t)
	before, _ := store.Settings(t.Context())
	u, v := openTestSettings(t, store)

	v.themeChoice.SetSelected("Dark")
	retype(v.keepDaily, "14")
	retype(v.intervals[model.StageLoyal], "three weeks")
	retype(v.intervals[model.StageVIP], "-7")
	v.tabs.SelectIndex(0)
	tapSave(t, u)

	if got := fieldError(t, v, model.FieldInterval(model.StageLoyal)); got != "Write a whole number, for example 30." {
		t.Errorf("under the loyal interval: %q", got)
	}
	if got := fieldError(t, v, model.FieldInterval(model.StageVIP)); !strings.Contains(got, "0 for no regular check-ins") {
		t.Errorf("under the VIP interval: %q", got)
	}
	if got := fieldError(t, v, model.FieldInterval(model.StageBuyer)); got != "" {
		t.Errorf("a valid interval shows %q", got)
	}
	if v.tabs.Selected().Text != "Check-ins" {
		t.Errorf("the %q tab is in front, want the one with the problem", v.tabs.Selected().Text)
	}
	if u.dialog != v.r {
		t.Error("the dialog closed with a problem in it")
	}
	if sc := store.mustSchedule(t); !reflect.DeepEqual(sc, model.DefaultScheduleSettings()) {
		t.Errorf("the schedule was saved: %+v", sc)
	}
	if after, _ := store.Settings(t.Context()); after != before {
		t.Errorf("the settings were saved with a bad interval: %+v", after)
	}

	// Fixed, it saves, and the message goes.
	retype(v.intervals[model.StageLoyal], "21")
	retype(v.intervals[model.StageVIP], "7")
	tapSave(t, u)
	if u.dialog != nil {
		t.Fatalf("the dialog stayed open: %q", fieldError(t, v, model.FieldInterval(model.StageLoyal)))
	}
	if sc := store.mustSchedule(t); sc.Intervals[model.StageLoyal] != 21 || sc.Intervals[model.StageVIP] != 7 {
		t.Errorf("schedule saved as %+v", sc)
	}
}

func TestSettingsBadBackupRetention(t *testing.T) {
	store := newTestStore(t)
	u, v := openTestSettings(t, store)
	retype(v.keepDaily, "0")
	retype(v.backupDir, "backups")
	tapSave(t, u)
	if got := fieldError(t, v, model.FieldKeepDaily); got != "Keep between 1 and 60 daily copies." {
		t.Errorf("under daily copies: %q", got)
	}
	if got := fieldError(t, v, model.FieldBackupDir); got == "" {
		t.Error("a relative backup folder shows no message")
	}
	if v.tabs.Selected().Text != "Backups" {
		t.Errorf("the %q tab is in front, want Backups", v.tabs.Selected().Text)
	}
	if s, _ := store.Settings(t.Context()); s.Backup != model.DefaultBackupSettings() {
		t.Errorf("backup settings saved as %+v", s.Backup)
	}
}

func TestSettingsSaveEveryTab(t *testing.T) {
	store := newTestStore(t)
	u, v := openTestSettings(t, store)
	backups := t.TempDir()

	v.language.SetSelected("Հայերեն")
	v.themeChoice.SetSelected("Dark")
	retype(v.symbol, "֏")
	retype(v.intervals[model.StageLoyal], "21")
	retype(v.followUp, "5")
	retype(v.vipSpend, "5000")
	retype(v.nearVIP, "80")
	retype(v.discounts[model.StageVIP], "12")
	retype(v.discounts[model.StageBuyer], "")
	retype(v.backupDir, backups)
	retype(v.keepDaily, "14")
	retype(v.keepWeekly, "8")
	// Enter in an input saves, as in every form.
	v.keepWeekly.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	if u.dialog != nil {
		t.Fatal("Enter did not save and close the dialog")
	}
	s, _ := store.Settings(t.Context())
	if s.Language != "hy" || s.Theme != model.ThemeDark || s.Money.Symbol != "֏" ||
		s.Backup != (model.BackupSettings{Dir: backups, KeepDaily: 14, KeepWeekly: 8}) {
		t.Errorf("settings saved as %+v", s)
	}
	if u.settings != s {
		t.Errorf("the window uses %+v, want the saved %+v", u.settings, s)
	}
	if sc := store.mustSchedule(t); sc.Intervals[model.StageLoyal] != 21 || sc.FollowUpDays != 5 ||
		sc.Intervals[model.StageNewbie] != model.DefaultScheduleSettings().Intervals[model.StageNewbie] {
		t.Errorf("schedule saved as %+v", sc)
	}
	l, err := store.LadderSettings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if l.VIPSpend12m != 500000 || l.NearVIPPercent != 80 || l.Discounts[model.StageVIP] != 12 ||
		l.Discounts[model.StageBuyer] != 0 || l.Discounts[model.StageLoyal] != 5 {
		t.Errorf("ladder saved as %+v", l)
	}
	// The theme changes at once: whatever variant the system asks for,
	// the colours are the dark ones.
	bg := u.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	if want := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark); !themeSameColor(bg, want) {
		t.Errorf("after choosing Dark the background is %v, want %v", bg, want)
	}
}

func TestSettingsThemeSwitch(t *testing.T) {
	store := newTestStore(t)
	for _, tc := range []struct {
		choose string
		want   fyne.ThemeVariant // given when the system asks for dark
	}{
		{"Light", theme.VariantLight},
		{"Dark", theme.VariantDark},
		{"System", theme.VariantDark},
	} {
		t.Run(tc.choose, func(t *testing.T) {
			u, v := openTestSettings(t, store)
			v.themeChoice.SetSelected(tc.choose)
			tapSave(t, u)
			got := u.app.Settings().Theme().Color(theme.ColorNameForeground, theme.VariantDark)
			if want := theme.DefaultTheme().Color(theme.ColorNameForeground, tc.want); !themeSameColor(got, want) {
				t.Errorf("foreground %v, want variant %d's %v", got, tc.want, want)
			}
		})
	}
	// Opened again, the window starts in the saved theme.
	s, _ := store.Settings(t.Context())
	s.Theme = model.ThemeDark
	if err := store.SaveSettings(t.Context(), s); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)
	got := u.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	if want := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark); !themeSameColor(got, want) {
		t.Errorf("a window opened on a dark book has background %v, want %v", got, want)
	}
}

// Saving without changes writes nothing that would place every client
// again, and Esc closes without saving.
func TestSettingsUnchangedAndEsc(t *testing.T) {
	store := &settingsSpy{testStore: newTestStore(t)}
	u, _ := openTestSettings(t, store)
	tapSave(t, u)
	if store.schedules != 0 || store.ladders != 0 {
		t.Errorf("saving unchanged settings wrote the schedule %d times and the ladder %d times", store.schedules, store.ladders)
	}

	u, v := openTestSettings(t, store)
	v.themeChoice.SetSelected("Dark")
	retype(v.followUp, "9")
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.dialog != nil || u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc did not close the settings")
	}
	if s, _ := store.Settings(t.Context()); s.Theme != "" || store.schedules != 0 {
		t.Errorf("Esc saved: theme %q, the schedule %d times", s.Theme, store.schedules)
	}
}

// TestSettingsFitSmallWindow checks the dialog, tallest tab included, fits
// a 1024x700 window: the tabs scroll instead of growing.
func TestSettingsFitSmallWindow(t *testing.T) {
	u, v := openTestSettings(t, newTestStore(t))
	u.win.Resize(fyne.NewSize(1024, 700))
	c := u.win.Canvas().Size()
	for i := range v.tabs.Items {
		v.tabs.SelectIndex(i)
		if m := v.r.d.MinSize(); m.Width > c.Width || m.Height > c.Height {
			t.Errorf("with the %q tab the dialog needs %v, the window is %v", v.tabs.Items[i].Text, m, c)
		}
	}
	if s := v.size(); s.Width > c.Width || s.Height > c.Height {
		t.Errorf("the dialog is %v in a %v window", s, c)
	}
}

func TestSettingsSwitchDatabase(t *testing.T) {
	first := newTestStore(t)
	mustCreate(t, first, model.Client{Name: "Ana Popescu"})
	second := newTestStore(t)
	mustCreate(t, second, model.Client{Name: "Zara Petrosyan"})
	s, _ := second.Settings(t.Context())
	s.Theme = model.ThemeDark
	if err := second.SaveSettings(t.Context(), s); err != nil {
		t.Fatal(err)
	}
	other := second
	var asked string
	a := test.NewTempApp(t)
	u := newUI(a, first, Options{Now: func() time.Time { return today }, Inline: true, SwitchDatabase: func(path string) (Store, error) {
		asked = path
		return other, nil
	}})
	u.win.Resize(fyne.NewSize(1100, 720))

	u.switchDatabase(other.Path())
	if asked != other.Path() {
		t.Errorf("SwitchDatabase was asked for %q", asked)
	}
	if u.store != Store(other) {
		t.Fatal("the window still works on the first book")
	}
	if got := u.win.Title(); !strings.Contains(got, filepath.Base(other.Path())) || !strings.Contains(got, filepath.Dir(other.Path())) {
		t.Errorf("title %q does not name the new book", got)
	}
	if got := a.Preferences().String(LastDatabaseKey); got != other.Path() {
		t.Errorf("last database remembered as %q", got)
	}
	u.showClients()
	if got := listed(u); len(got) != 1 || got[0] != "Zara Petrosyan" {
		t.Errorf("the client book lists %q", got)
	}
	if u.settings.Theme != model.ThemeDark {
		t.Errorf("the window kept the first book's settings: %+v", u.settings)
	}
}

func TestSettingsMoveDatabase(t *testing.T) {
	store := newTestStore(t)
	mustCreate(t, store, model.Client{Name: "Ana Popescu"})
	was := store.Path()
	taken := filepath.Join(t.TempDir(), "clients.db")
	if err := os.WriteFile(taken, []byte("someone else's file"), 0o600); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, store)

	u.moveDatabase(taken)
	if u.lastErr == nil || store.Path() != was {
		t.Errorf("a move onto an existing file: error %v, path %s", u.lastErr, store.Path())
	}
	if data, _ := os.ReadFile(taken); string(data) != "someone else's file" {
		t.Error("the move overwrote the file that was there")
	}
	if got := u.app.Preferences().String(LastDatabaseKey); got != "" {
		t.Errorf("a refused move remembered %q", got)
	}

	dest := filepath.Join(t.TempDir(), "clients.db") // the folder the owner chose
	u.moveDatabase(dest)
	if store.Path() != dest {
		t.Fatalf("the book is at %s, want %s (error %v)", store.Path(), dest, u.lastErr)
	}
	if _, err := os.Stat(was); !os.IsNotExist(err) {
		t.Errorf("the old file is still there: %v", err)
	}
	if n, _ := store.CountClients(t.Context()); n != 1 {
		t.Errorf("the moved book holds %d clients", n)
	}
	if got := u.win.Title(); !strings.Contains(got, filepath.Dir(dest)) {
		t.Errorf("title %q does not name the new folder", got)
	}
	if got := u.app.Preferences().String(LastDatabaseKey); got != dest {
		t.Errorf("last database remembered as %q", got)
	}
	if !strings.Contains(shownText(u)+strings.Join(shownTexts(u.win.Canvas().Overlays().Top()), ""), dest) {
		t.Error("the window does not say where the book is now")
	}
}

// TestSettingsImage draws each tab of the dialog, light and dark, for a
// person to look at: into docs/ when UPDATE_DOCS=1, else a temporary
// directory.
func TestSettingsImage(t *testing.T) {
	dir := t.TempDir()
	if os.Getenv("UPDATE_DOCS") == "1" {
		dir = filepath.Join("..", "docs")
	}
	for _, choice := range []string{model.ThemeLight, model.ThemeDark} {
		store := newTestStore(t)
		s, _ := store.Settings(t.Context())
		s.Theme = choice
		if err := store.SaveSettings(t.Context(), s); err != nil {
			t.Fatal(err)
		}
		u, v := openTestSettings(t, store)
		retype(v.keepDaily, "0")
		tapSave(t, u)
		for i, tab := range v.tabs.Items {
			v.tabs.SelectIndex(i)
			path := filepath.Join(dir, "settings-"+choice+"-"+strings.ToLower(tab.Text)+".png")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(f, u.win.Canvas().Capture()); err != nil {
				f.Close()
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// settingsSpy is the real store counting the saves of the check-in and
// ladder settings, which place every client again.
type settingsSpy struct {
	*testStore
	schedules, ladders int
}

func (s *settingsSpy) SaveScheduleSettings(ctx context.Context, sc model.ScheduleSettings) error {
	s.schedules++
	return s.testStore.SaveScheduleSettings(ctx, sc)
}

func (s *settingsSpy) SaveLadderSettings(ctx context.Context, l model.LadderSettings) error {
	s.ladders++
	return s.testStore.SaveLadderSettings(ctx, l)
}
