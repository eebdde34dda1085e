package gui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/image/font/sfnt"

	"clienttracker/assets"
	"clienttracker/model"
)

// pluralForms are the CLDR plural categories of integer counts in each
// language, as go-i18n picks them: every plural message needs them all.
var pluralForms = map[string][]string{
	"en": {"one", "other"},
	"ro": {"one", "few", "other"},
	"ru": {"one", "few", "many", "other"},
	"hy": {"one", "other"},
	"ka": {"one", "other"},
}

// useLanguage switches the text to language for one test and back to
// English after it: every test in the package shares fyne's translator.
func useLanguage(t *testing.T, language string) {
	t.Helper()
	if err := loadTranslations(language); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := loadTranslations("en"); err != nil {
			t.Error(err)
		}
	})
}

// osLanguage makes the OS language be locale for one test, and skips the
// test where it cannot.
func osLanguage(t *testing.T, locale string) {
	t.Helper()
	if !setOSLanguage(t, locale) {
		t.Skip("the OS language is read from the environment only on Linux")
	}
}

// setOSLanguage makes the OS language, as fyne reads it on Linux, be locale
// for one test; elsewhere it reports false and changes nothing.
func setOSLanguage(t *testing.T, locale string) bool {
	t.Helper()
	if runtime.GOOS != "linux" {
		return false
	}
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", locale)
	return true
}

func TestLanguageOverride(t *testing.T) {
	clients := func(n int) string {
		return lang.N("{{.Count}} clients", n, map[string]any{"Count": n})
	}
	t.Run("FollowsTheOS", func(t *testing.T) {
		osLanguage(t, "ru_RU.UTF-8")
		useLanguage(t, "")
		if got := lang.L("Cancel"); got != "Отмена" {
			t.Errorf("Cancel on a Russian OS reads %q", got)
		}
		if shownLanguage() != "ru" {
			t.Errorf("the shown language is %q, want ru", shownLanguage())
		}
	})
	t.Run("ChosenLanguageWinsOverTheOS", func(t *testing.T) {
		osLanguage(t, "ru_RU.UTF-8")
		useLanguage(t, "ka")
		if got, want := lang.L("Check-ins"), translation(t, "ka", "Check-ins"); got != want {
			t.Errorf("Check-ins reads %q, want %q", got, want)
		}
		if got, want := lang.L("Cancel"), translation(t, "ka", "Cancel"); got != want {
			t.Errorf("fyne's own Cancel reads %q, want %q", got, want)
		}
	})
	t.Run("EnglishOnARussianOS", func(t *testing.T) {
		osLanguage(t, "ru_RU.UTF-8")
		useLanguage(t, "en")
		for n, want := range map[int]string{1: "1 client", 21: "21 clients", 3: "3 clients"} {
			if got := clients(n); got != want {
				t.Errorf("%d clients read %q, want %q", n, got, want)
			}
		}
		if got := lang.L("Cancel"); got != "Cancel" {
			t.Errorf("Cancel reads %q", got)
		}
	})
	// Plural forms follow the chosen language, not the OS one: the reason
	// the override sets fyne's localizer rather than re-filing messages.
	t.Run("PluralsFollowTheChosenLanguage", func(t *testing.T) {
		osLanguage(t, "en_US.UTF-8")
		for _, c := range []struct {
			language string
			n        int
			form     string
		}{
			{"ro", 1, "one"}, {"ro", 5, "few"}, {"ro", 19, "few"}, {"ro", 20, "other"}, {"ro", 101, "few"},
			{"ru", 1, "one"}, {"ru", 21, "one"}, {"ru", 3, "few"}, {"ru", 5, "many"}, {"ru", 11, "many"},
			{"hy", 0, "one"}, {"hy", 1, "one"}, {"hy", 2, "other"},
			{"ka", 1, "one"}, {"ka", 2, "other"},
		} {
			useLanguage(t, c.language)
			forms := pluralTranslation(t, c.language, "{{.Count}} clients")
			want := strings.ReplaceAll(forms[c.form], "{{.Count}}", strconv.Itoa(c.n))
			if got := clients(c.n); got != want {
				t.Errorf("%s: %d clients read %q, want the %s form %q", c.language, c.n, got, c.form, want)
			}
		}
	})
	t.Run("UnknownLanguage", func(t *testing.T) {
		if err := loadTranslations("xx"); err == nil {
			t.Error("an unknown language was accepted")
		}
	})
}

func TestDatesFollowTheLanguage(t *testing.T) {
	day := time.Date(2026, time.November, 23, 0, 0, 0, 0, time.UTC)
	may := time.Date(2026, time.May, 2, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ language, nov, may string }{
		{"en", "23 Nov 2026", "2 May 2026"},
		{"ro", "23 nov. 2026", "2 mai 2026"},
		{"ru", "23 нояб. 2026 г.", "2 мая 2026 г."},
		{"hy", "23 նոյ, 2026 թ.", "2 մյս, 2026 թ."},
		{"ka", "23 ნოე. 2026", "2 მაი. 2026"},
	} {
		t.Run(c.language, func(t *testing.T) {
			useLanguage(t, c.language)
			if got := formatDate(day); got != c.nov {
				t.Errorf("got %q, want %q", got, c.nov)
			}
			if got := formatDate(may); got != c.may {
				t.Errorf("got %q, want %q", got, c.may)
			}
		})
	}
	t.Run("Birthdays", func(t *testing.T) {
		for _, c := range []struct{ language, withYear, noYear string }{
			{"en", "23 May 1990", "23 May"},
			{"ro", "23 mai 1990", "23 mai"},
			{"ru", "23 мая 1990 г.", "23 мая"},
			{"hy", "23 մայիսի, 1990 թ.", "23 մայիսի"},
			{"ka", "23 მაისი, 1990", "23 მაისი"},
		} {
			useLanguage(t, c.language)
			if got := formatBirthday(model.Birthday{Day: 23, Month: time.May, Year: 1990}); got != c.withYear {
				t.Errorf("%s: got %q, want %q", c.language, got, c.withYear)
			}
			if got := formatBirthday(model.Birthday{Day: 23, Month: time.May}); got != c.noYear {
				t.Errorf("%s: got %q, want %q", c.language, got, c.noYear)
			}
		}
	})
}

// TestLadderInEveryLanguage shows the ladder the way an owner who chose
// Armenian, Georgian, Romanian or Russian sees it.
func TestLadderInEveryLanguage(t *testing.T) {
	for _, language := range []string{"hy", "ka", "ro", "ru"} {
		t.Run(language, func(t *testing.T) {
			store, _ := ladderBook(t)
			u := newTestUIIn(t, store, language)
			openLadder(u)
			shown := shownTexts(u.win.Canvas().Content())
			for _, st := range model.Stages {
				want := translation(t, language, st.Label())
				if !slices.Contains(shown, want) {
					t.Errorf("the ladder does not show the rung %s as %q; it shows %q", st.Label(), want, shown)
				}
			}
			advice := translation(t, language, model.StageBuyer.Advice())
			if !slices.Contains(shown, advice) {
				t.Errorf("the Buyer rung's advice %q is not shown", advice)
			}
			for _, english := range []string{"Buyer", "Ladder", "Check-ins", "Clients"} {
				if slices.Contains(shown, english) {
					t.Errorf("%q is shown in English", english)
				}
			}
		})
	}
}

// TestWindowFitsInEveryLanguage checks that longer words do not push the
// window wider than it opens, with a realistic client book on screen.
func TestWindowFitsInEveryLanguage(t *testing.T) {
	for _, l := range languages {
		t.Run(l.tag, func(t *testing.T) {
			store := newTestStore(t)
			if _, err := store.InsertRecords(t.Context(), model.SampleRecords(300, 1, today), nil); err != nil {
				t.Fatal(err)
			}
			u := newTestUIIn(t, store, l.tag)
			for _, tab := range []*container.TabItem{u.dueTab, u.clientsTab, u.ladderTab} {
				u.tabs.Select(tab)
				if w := u.win.Canvas().Content().MinSize().Width; w > defaultWindowSize.Width {
					t.Errorf("the %q tab needs a window %.0f wide; it opens %.0f wide", tab.Text, w, defaultWindowSize.Width)
				}
			}
		})
	}
}

// TestHintsFitInEveryLanguage checks that the hints of the client book's
// search field and of the new-client form's fields are shown whole, in a
// window of the size it opens at: a hint cut off at its end hid what the
// search looks in, or that the birth year may be left out (Armenian,
// Georgian and Russian were cut at 1024x700).
func TestHintsFitInEveryLanguage(t *testing.T) {
	for _, l := range languages {
		t.Run(l.tag, func(t *testing.T) {
			u := newTestUIIn(t, newTestStore(t), l.tag)
			u.win.Resize(defaultWindowSize)
			u.clients.onNewClient()
			var checked int
			for _, o := range test.LaidOutObjects(u.win.Canvas().Content()) {
				var e *widget.Entry
				switch w := o.(type) {
				case *textEntry:
					e = &w.Entry
				case *widget.DateEntry:
					e = &w.Entry
				case *widget.Entry:
					e = w
				}
				if e == nil || e.PlaceHolder == "" || !e.Visible() {
					continue
				}
				checked++
				hint := fyne.MeasureText(e.PlaceHolder, theme.TextSize(), e.TextStyle).Width
				// The text starts past the entry's inner padding on each
				// side; an icon in the field takes its size and a padding.
				room := e.Size().Width - 2*theme.InnerPadding()
				if e.ActionItem != nil {
					room -= theme.IconInlineSize() + theme.Padding()
				}
				if hint > room {
					t.Errorf("the hint %q is %.0f wide; its field shows %.0f of it", e.PlaceHolder, hint, room)
				}
			}
			if checked < 5 {
				t.Fatalf("checked the hints of %d fields: the search and the new-client form have more", checked)
			}
		})
	}
}

// newTestUIIn opens the window as an owner who chose language in the
// settings sees it on an English OS (on Linux, where the test can set the
// OS language), and switches back to English after the test.
func newTestUIIn(t *testing.T, store Store, language string) *UI {
	t.Helper()
	set, err := store.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	set.Language = language
	if err := store.SaveSettings(t.Context(), set); err != nil {
		t.Fatal(err)
	}
	setOSLanguage(t, "en_US.UTF-8")
	t.Cleanup(func() {
		if err := loadTranslations("en"); err != nil {
			t.Error(err)
		}
	})
	return newTestUI(t, store)
}

// shownTexts returns every visible text drawn in o.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range test.LaidOutObjects(o) {
		if txt, ok := c.(*canvas.Text); ok && txt.Visible() && txt.Text != "" {
			out = append(out, txt.Text)
		}
	}
	return out
}

// translationFile reads assets/translations/<language>.json.
func translationFile(t *testing.T, language string) map[string]json.RawMessage {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/" + language + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s.json: %v", language, err)
	}
	return m
}

// translation returns the text language's file gives key.
func translation(t *testing.T, language, key string) string {
	t.Helper()
	raw, ok := translationFile(t, language)[key]
	if !ok {
		t.Fatalf("%s.json has no %q", language, key)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("%s.json: %q is not a plain text: %v", language, key, err)
	}
	return s
}

// pluralTranslation returns the plural forms language's file gives key.
func pluralTranslation(t *testing.T, language, key string) map[string]string {
	t.Helper()
	raw, ok := translationFile(t, language)[key]
	if !ok {
		t.Fatalf("%s.json has no %q", language, key)
	}
	var forms map[string]string
	if err := json.Unmarshal(raw, &forms); err != nil {
		t.Fatalf("%s.json: %q has no plural forms: %v", language, key, err)
	}
	return forms
}

// TestTranslationsAreComplete checks that every text the window can show has
// a translation in every language file: the keys the gui code passes to
// lang, the model's texts the gui translates (rung names, advice, labels,
// validation messages) and fyne's own words, which fyne does not translate
// into Romanian, Armenian or Georgian.
func TestTranslationsAreComplete(t *testing.T) {
	keys := collectKeys(t)
	fyneDir := fyneTranslations(t)
	fyneBase := readJSON(t, filepath.Join(fyneDir, "base.en.json"))
	for k := range fyneBase {
		if _, ok := keys.plain[k]; !ok {
			keys.plain[k] = "fyne " + k
		}
	}
	keys.plain[languageKey] = "i18n.go"
	t.Logf("%d texts and %d plural texts", len(keys.plain), len(keys.plural))
	if path := os.Getenv("I18N_KEYS"); path != "" { // for translators: every key and where it is used
		data, err := json.MarshalIndent(map[string]any{"texts": keys.plain, "plurals": keys.plural}, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	for _, l := range languages {
		file := translationFile(t, l.tag)
		var ownBase map[string]json.RawMessage // fyne's own translation, if it has one
		if l.tag != "en" {
			if _, err := os.Stat(filepath.Join(fyneDir, "base."+l.tag+".json")); err == nil {
				ownBase = readJSON(t, filepath.Join(fyneDir, "base."+l.tag+".json"))
			}
		}
		var missing []string
		for _, k := range slices.Sorted(maps.Keys(keys.plain)) {
			raw, ok := file[k]
			if !ok && ownBase != nil && fyneBase[k] != nil {
				raw, ok = ownBase[k]
			}
			switch {
			case !ok && l.tag == "en":
				// English text is its own key.
			case !ok:
				missing = append(missing, k)
			default:
				checkPlain(t, l.tag, k, raw)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(keys.plural)) {
			raw, ok := file[k]
			if !ok {
				missing = append(missing, k+" (plural)")
				continue
			}
			checkPlural(t, l.tag, k, raw)
		}
		if len(missing) > 0 {
			t.Errorf("%s.json lacks %d texts:\n%s", l.tag, len(missing), quoteLines(missing))
		}
		var unused []string
		for k := range file {
			if _, ok := keys.plain[k]; !ok {
				if _, ok := keys.plural[k]; !ok {
					unused = append(unused, k)
				}
			}
		}
		if len(unused) > 0 {
			slices.Sort(unused)
			t.Logf("%s.json has %d texts nothing shows (left over?):\n%s", l.tag, len(unused), quoteLines(unused))
		}
	}
	if len(keys.unknown) > 0 {
		t.Errorf("lang is given texts this test cannot list, so their translations cannot be checked; "+
			"pass a literal, or teach collectKeys where they come from:\n%s", strings.Join(keys.unknown, "\n"))
	}
}

func quoteLines(ss []string) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString("\t" + strconv.Quote(s) + "\n")
	}
	return b.String()
}

var placeholderRE = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// placeholders returns the template fields a text uses, e.g. {Count}.
func placeholders(s string) map[string]bool {
	out := map[string]bool{}
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		out[m[1]] = true
	}
	return out
}

// checkText checks that a translation of key is a valid template that uses
// the key's placeholders (all of them, unless some may be left out, as a
// plural form may say "one client" without the count).
func checkText(t *testing.T, language, key, text string, mayOmit bool) {
	t.Helper()
	if strings.TrimSpace(text) == "" && strings.TrimSpace(key) != "" {
		t.Errorf("%s.json: %q is empty", language, key)
	}
	if _, err := template.New(key).Parse(text); err != nil {
		t.Errorf("%s.json: %q: %v", language, key, err)
	}
	want, got := placeholders(key), placeholders(text)
	for p := range got {
		if !want[p] {
			t.Errorf("%s.json: %q uses {{.%s}}, which the key has not", language, key, p)
		}
	}
	if !mayOmit {
		for p := range want {
			if !got[p] {
				t.Errorf("%s.json: %q leaves out {{.%s}}", language, key, p)
			}
		}
	}
}

// reservedKeys are the words go-i18n reads as fields of a message
// ("other", "description"...): a key that is one of them, such as the label
// "Other", must be written {"Other": {"other": "..."}} or the file is refused.
var reservedKeys = []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}

func checkPlain(t *testing.T, language, key string, raw json.RawMessage) {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if slices.Contains(reservedKeys, strings.ToLower(key)) {
			t.Errorf("%s.json: write %q as {\"other\": %q}: go-i18n refuses the whole file otherwise", language, key, s)
		}
		checkText(t, language, key, s, false)
		return
	}
	var forms map[string]string // fyne writes some plain texts as {"other": ...}
	if err := json.Unmarshal(raw, &forms); err != nil || forms["other"] == "" {
		t.Errorf("%s.json: %q is neither a text nor {\"other\": text}", language, key)
		return
	}
	checkText(t, language, key, forms["other"], false)
}

func checkPlural(t *testing.T, language, key string, raw json.RawMessage) {
	t.Helper()
	var forms map[string]string
	if err := json.Unmarshal(raw, &forms); err != nil {
		t.Errorf("%s.json: %q is counted, so it needs plural forms %v: %v", language, key, pluralForms[language], err)
		return
	}
	for _, f := range pluralForms[language] {
		text, ok := forms[f]
		if !ok {
			t.Errorf("%s.json: %q lacks the plural form %q (needs %v)", language, key, f, pluralForms[language])
			continue
		}
		checkText(t, language, key, text, true)
	}
	for f := range forms {
		if !slices.Contains(pluralForms[language], f) {
			t.Errorf("%s.json: %q has a plural form %q that %s does not use", language, key, f, language)
		}
	}
}

func readJSON(t *testing.T, path string) map[string]json.RawMessage {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// fyneTranslations finds the folder of fyne's own translations: next to the
// source of its lang package, or in the module cache.
func fyneTranslations(t *testing.T) string {
	t.Helper()
	pc := reflect.ValueOf(lang.AddTranslationsFS).Pointer()
	file, _ := runtime.FuncForPC(pc).FileLine(pc)
	dir := filepath.Join(filepath.Dir(file), "translations")
	if _, err := os.Stat(filepath.Join(dir, "base.en.json")); err == nil {
		return dir
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("cannot find fyne's source for its translations: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "lang", "translations")
}

// shownKeys are the translation keys of the app.
type shownKeys struct {
	plain   map[string]string // key: where it is used
	plural  map[string]string
	unknown []string // lang calls whose key cannot be listed
}

// goSource is the parsed non-test Go files of one package folder.
type goSource struct {
	fset   *token.FileSet
	files  []*ast.File
	consts map[string]string        // string constants by name
	funcs  map[string]*ast.FuncDecl // functions (not methods) by name
}

func parseSource(t *testing.T, dir string) *goSource {
	t.Helper()
	src := &goSource{fset: token.NewFileSet(), consts: map[string]string{}, funcs: map[string]*ast.FuncDecl{}}
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(src.fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		src.files = append(src.files, f)
	}
	// Constants first, as they may be built from each other.
	for range 3 {
		for _, f := range src.files {
			for _, d := range f.Decls {
				if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.CONST {
					for _, s := range g.Specs {
						vs := s.(*ast.ValueSpec)
						for i, n := range vs.Names {
							if i < len(vs.Values) {
								if v, ok := src.str(vs.Values[i], nil); ok {
									src.consts[n.Name] = v
								}
							}
						}
					}
				}
			}
		}
	}
	for _, f := range src.files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				src.funcs[fd.Name.Name] = fd
			}
		}
	}
	return src
}

// str evaluates a constant string expression: literals, their sums and
// constants of this package or of other (by package name).
func (src *goSource) str(e ast.Expr, other map[string]*goSource) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		}
	case *ast.ParenExpr:
		return src.str(e.X, other)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, ok1 := src.str(e.X, other)
			b, ok2 := src.str(e.Y, other)
			return a + b, ok1 && ok2
		}
	case *ast.Ident:
		s, ok := src.consts[e.Name]
		return s, ok
	case *ast.SelectorExpr:
		if pkg, ok := e.X.(*ast.Ident); ok && other[pkg.Name] != nil {
			s, ok := other[pkg.Name].consts[e.Sel.Name]
			return s, ok
		}
	}
	return "", false
}

func (src *goSource) pos(n ast.Node) string {
	p := src.fset.Position(n.Pos())
	return filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line)
}

// returned lists the constant strings fd returns as its first result.
func (src *goSource) returned(fd *ast.FuncDecl) []string {
	var out []string
	ast.Inspect(fd, func(n ast.Node) bool {
		if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) > 0 {
			if s, ok := src.str(r.Results[0], nil); ok && s != "" {
				out = append(out, s)
			}
		}
		return true
	})
	return out
}

// methodReturns lists the constant strings every method called name
// returns: the English labels of model's types are their translation keys.
func (src *goSource) methodReturns(name string) []string {
	var out []string
	for _, f := range src.files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.Name == name {
				out = append(out, src.returned(fd)...)
			}
		}
	}
	return out
}

// messages lists the validation and reason messages a package writes: the
// message of every add/Add(field, msg) call, every Message: field, every
// msg*/Hint* constant and what its validate* functions return.
func (src *goSource) messages() []string {
	var out []string
	for name, v := range src.consts {
		if strings.HasPrefix(name, "msg") || strings.HasPrefix(name, "Hint") {
			out = append(out, v)
		}
	}
	for name, fd := range src.funcs {
		if strings.HasPrefix(strings.ToLower(name), "validate") {
			out = append(out, src.returned(fd)...)
		}
	}
	for _, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Recv != nil && strings.HasPrefix(n.Name.Name, "validate") {
					out = append(out, src.returned(n)...)
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "add" || sel.Sel.Name == "Add") && len(n.Args) >= 2 {
					if s, ok := src.str(n.Args[1], nil); ok {
						out = append(out, s)
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Message" {
					if s, ok := src.str(n.Value, nil); ok {
						out = append(out, s)
					}
				}
			}
			return true
		})
	}
	return out
}

// errorMessages lists the messages of the package's error values whose
// Message method returns one of their fields (model.ImportError{"...",
// "message"}): the field's value in every composite literal of the type.
func (src *goSource) errorMessages() []string {
	fields := map[string]string{} // type: field Message returns
	for _, f := range src.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Name.Name != "Message" || len(fd.Body.List) != 1 {
				continue
			}
			ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				continue
			}
			sel, ok := ret.Results[0].(*ast.SelectorExpr)
			if !ok {
				continue
			}
			recv := fd.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			if id, ok := recv.(*ast.Ident); ok {
				fields[id.Name] = sel.Sel.Name
			}
		}
	}
	index := map[string]int{} // type: position of that field
	for _, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok || fields[ts.Name.Name] == "" {
				return true
			}
			if st, ok := ts.Type.(*ast.StructType); ok {
				i := 0
				for _, fl := range st.Fields.List {
					for _, name := range fl.Names {
						if name.Name == fields[ts.Name.Name] {
							index[ts.Name.Name] = i
						}
						i++
					}
				}
			}
			return true
		})
	}
	var out []string
	for _, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			id, ok := cl.Type.(*ast.Ident)
			if !ok || fields[id.Name] == "" {
				return true
			}
			for i, e := range cl.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == fields[id.Name] {
						e = kv.Value
					} else {
						continue
					}
				} else if i != index[id.Name] {
					continue
				}
				if s, ok := src.str(e, nil); ok && s != "" {
					out = append(out, s)
				}
			}
			return true
		})
	}
	return out
}

// callArgs lists the constant strings passed as argument i to the function
// called name.
func (src *goSource) callArgs(name string, i int) []string {
	var out []string
	for _, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok && len(c.Args) > i {
				if id, ok := c.Fun.(*ast.Ident); ok && id.Name == name {
					if s, ok := src.str(c.Args[i], nil); ok {
						out = append(out, s)
					}
				}
			}
			return true
		})
	}
	return out
}

// langFuncs are lang's functions, and whether they take a count.
var langFuncs = map[string]bool{
	"L": false, "Localize": false, "X": false, "LocalizeKey": false,
	"N": true, "LocalizePlural": true, "XN": true, "LocalizePluralKey": true,
}

// collectKeys lists the translation keys of the gui package: every key
// passed to lang as a constant, and for keys that are not constants, every
// value they can take.
func collectKeys(t *testing.T) shownKeys {
	t.Helper()
	gui, mdl := parseSource(t, "."), parseSource(t, "../model")
	other := map[string]*goSource{"model": mdl}
	keys := shownKeys{plain: map[string]string{}, plural: map[string]string{}}
	add := func(k, where string) {
		if _, ok := keys.plain[k]; !ok && k != "" {
			keys.plain[k] = where
		}
	}

	var months, monthsAbbr []string
	for m := time.January; m <= time.December; m++ {
		months = append(months, m.String())
		monthsAbbr = append(monthsAbbr, m.String()[:3])
	}
	modelMessages := append(mdl.messages(), model.ScheduleMessages()...)
	// A phone's message is prefixed with the phone, see model.Client.Validate.
	for _, fd := range []string{"ValidatePhone"} {
		for _, m := range mdl.returned(mdl.funcs[fd]) {
			modelMessages = append(modelMessages, "{{.Phone}}: "+m)
		}
	}
	// Where non-constant keys come from, by the shape of the expression.
	dynamic := func(file string, e ast.Expr) ([]string, bool) {
		switch e := e.(type) {
		case *ast.CallExpr:
			switch fun := e.Fun.(type) {
			case *ast.SelectorExpr:
				switch fun.Sel.Name {
				case "Message": // a model.ImportError or MoneyError
					return mdl.errorMessages(), true
				case "Label", "Advice":
					return append(mdl.methodReturns(fun.Sel.Name), gui.methodReturns(fun.Sel.Name)...), true
				case "String": // a time.Month
					return months, true
				}
			case *ast.Ident:
				if fd := gui.funcs[fun.Name]; fd != nil {
					return gui.returned(fd), true
				}
			}
		case *ast.SliceExpr: // m.String()[:3]
			if c, ok := e.X.(*ast.CallExpr); ok {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "String" {
					return monthsAbbr, true
				}
			}
		case *ast.SelectorExpr:
			switch e.Sel.Name {
			case "Message", "Ready": // a model.FieldError, Reason or Client.Ready
				return append(modelMessages, gui.messages()...), true
			}
		}
		switch file + ": " + types.ExprString(e) {
		case "settings_dialog.go: l.name":
			var out []string
			for _, l := range sortLanguages {
				out = append(out, l.name)
			}
			return out, true
		case `i18n.go: "promise." + s.Label()`:
			var out []string
			for _, s := range model.PromiseStatuses {
				out = append(out, "promise."+s.Label())
			}
			return out, true
		case "insights.go: r.Figure", "insights_pdf.go: r.Figure":
			return insightFigures(), true
		case "insights_pdf.go: section":
			return []string{model.SectionPeriod, model.SectionKeeping, model.SectionMoney, model.SectionTouch, model.SectionLeave, model.SectionLadder}, true
		case "import.go: previewColumns[id.Col]", "import.go: previewColumns[i]":
			return previewColumns, true
		case "export.go: msg":
			return slices.Collect(maps.Values(exportTableCounts)), true
		case `i18n.go: "field." + what`: // the field a message names
			var out []string
			for _, w := range mdl.callArgs("checkLen", 2) {
				out = append(out, "field."+w)
			}
			return out, true
		}
		return nil, false
	}

	for _, f := range gui.files {
		ast.Inspect(f, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || len(c.Args) == 0 {
				return true
			}
			sel, ok := c.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
				return true
			}
			plural, ok := langFuncs[sel.Sel.Name]
			if !ok {
				return true
			}
			where := gui.pos(c)
			var ks []string
			if k, ok := gui.str(c.Args[0], other); ok {
				ks = []string{k}
			} else if ks, ok = dynamic(filepath.Base(gui.fset.Position(c.Pos()).Filename), c.Args[0]); !ok {
				keys.unknown = append(keys.unknown, where+": lang."+sel.Sel.Name+"("+types.ExprString(c.Args[0])+")")
				return true
			}
			for _, k := range ks {
				if plural {
					keys.plural[k] = where
				} else {
					add(k, where)
				}
			}
			return true
		})
	}
	// Messages the gui writes into validation errors are shown through tr.
	for _, m := range gui.messages() {
		add(m, "gui message")
	}
	for k := range keys.plural {
		delete(keys.plain, k)
	}
	return keys
}

// shownCalls are the Fyne calls whose text arguments are shown to the
// owner, so they must come from lang: function or method name, and which
// arguments are text (-1: all of them).
var shownCalls = map[string][]int{
	"NewLabel": {0}, "NewLabelWithStyle": {0}, "NewButton": {0}, "NewButtonWithIcon": {0},
	"NewCheck": {0}, "NewHyperlink": {0}, "NewCard": {0, 1}, "NewAccordionItem": {0},
	"NewFormItem": {0}, "NewRichTextWithText": {0}, "NewRichTextFromMarkdown": {0},
	"NewSelect": {0}, "NewRadioGroup": {0}, "NewCheckGroup": {0}, "NewText": {0},
	"SetText": {0}, "SetPlaceHolder": {0}, "SetTitle": {0}, "NewWindow": {0},
	"NewMenuItem": {0}, "NewMenu": {0}, "NewTabItem": {0}, "NewTabItemWithIcon": {0},
	"NewNotification": {0, 1}, "SendNotification": {0},
	"NewConfirm": {0, 1}, "ShowConfirm": {0, 1}, "NewInformation": {0, 1}, "ShowInformation": {0, 1},
	"NewCustom": {0, 1}, "ShowCustom": {0, 1}, "NewCustomConfirm": {0, 1, 2}, "ShowCustomConfirm": {0, 1, 2},
	"NewCustomWithoutButtons": {0}, "ShowCustomWithoutButtons": {0},
	"NewForm": {0, 1, 2}, "ShowForm": {0, 1, 2}, "NewEntryDialog": {0, 1}, "ShowEntryDialog": {0, 1},
	"ShowError": {0}, "NewError": {0}, "NewProgress": {0, 1}, "NewProgressInfinite": {0, 1}, "NewFileOpen": {}, "SetConfirmText": {0},
	"SetDismissText": {0}, "NewTextGridFromString": {0},
	// The gui's own helpers that show their text arguments.
	"showError": {0}, "showPath": {0, 1}, "newFormField": {1}, "boldLabel": {0}, "hint": {0},
	"section": {0}, "menuItem": {0}, "newRecordDialog": {1},
}

// shownFields are struct fields whose text is shown (widget.Button{Text:}).
var shownFields = map[string]bool{"Text": true, "PlaceHolder": true, "Title": true, "Subtitle": true, "Label": true}

// TestNoUntranslatedText fails on a text shown to the owner that is written
// in the code instead of coming from lang.
func TestNoUntranslatedText(t *testing.T) {
	gui := parseSource(t, ".")
	var found []string
	check := func(where string, e ast.Expr) {
		lits := []ast.Expr{e}
		if cl, ok := e.(*ast.CompositeLit); ok { // []string{"a", "b"}
			lits = cl.Elts
		}
		if c, ok := e.(*ast.CallExpr); ok && len(c.Args) > 0 { // errors.New("..."), fmt.Errorf("...")
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "New" || sel.Sel.Name == "Errorf") {
				lits = []ast.Expr{c.Args[0]}
			}
		}
		for _, l := range lits {
			// One letter is not a text: a label measured, a search typed.
			if s, ok := gui.str(l, nil); ok && letters(s) > 1 {
				found = append(found, where+": "+strconv.Quote(s))
			}
		}
	}
	for _, f := range gui.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				var name string
				switch fun := n.Fun.(type) {
				case *ast.SelectorExpr:
					name = fun.Sel.Name
				case *ast.Ident:
					name = fun.Name
				}
				for _, i := range shownCalls[name] {
					if i < len(n.Args) {
						check(gui.pos(n), n.Args[i])
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && shownFields[k.Name] {
					check(gui.pos(n), n.Value)
				}
			}
			return true
		})
	}
	if len(found) > 0 {
		t.Errorf("these texts are shown without a translation; wrap them in lang.L(...):\n%s", strings.Join(found, "\n"))
	}
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// TestTranslationsFitTheFont checks that the embedded font draws every
// letter of every translation, so no text falls back to the system's fonts
// or to boxes.
func TestTranslationsFitTheFont(t *testing.T) {
	for _, res := range []fyne.Resource{assets.FontRegular, assets.FontBold} {
		f, err := sfnt.Parse(res.Content())
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for _, l := range languages {
			data, err := assets.Translations.ReadFile("translations/" + l.tag + ".json")
			if err != nil {
				t.Fatal(err)
			}
			missing := map[rune]bool{}
			for _, r := range string(data) + l.name {
				if r < ' ' || missing[r] {
					continue
				}
				if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
					missing[r] = true
				}
			}
			for r := range missing {
				t.Errorf("%s: %s.json uses %q (%U), which the font cannot draw", res.Name(), l.tag, r, r)
			}
		}
	}
}

// insightFigures lists the figure names of the Insights table: the rows of
// insights with one entry in every list.
func insightFigures() []string {
	p := model.MonthOf(today)
	f := model.Figures{Period: p, ByMonth: model.EmptyMonths(p), Promises: make([]model.MonthPromises, 1),
		Moves: make([]model.MonthMoves, 1), Contacts: make([]model.ChannelCount, 1), Lost: model.LostReport(nil)}
	model.SummarizeClients(&f, []model.ClientPeriod{{ClientID: 1, Count: 1}}, 0, 0)
	in := model.Insights{Current: f, Previous: f, Funnel: make([]model.RungStat, 1)}
	var out []string
	for _, r := range in.Rows(model.DefaultMoneyFormat) {
		if !slices.Contains(out, r.Figure) {
			out = append(out, r.Figure)
		}
	}
	return out
}

// The window adds English and the translations the owner's choice or the
// OS languages ask for, not all five: each language's messages take about
// 0.5 MB for as long as it is open.
func TestTranslationFilesAskedFor(t *testing.T) {
	for _, c := range []struct {
		language string
		locales  []string
		want     []string
	}{
		{"", []string{"hy-AM"}, []string{"en.json", "hy.json"}},
		{"", []string{"ka-GE", "ru-RU", "en-US"}, []string{"en.json", "ka.json", "ru.json"}},
		{"", []string{"ro-MD"}, []string{"en.json", "ro.json"}},
		{"", []string{"de-DE"}, []string{"en.json"}},
		{"", []string{"C"}, []string{"en.json"}},
		{"", nil, []string{"en.json"}},
		{"ka", []string{"ru-RU"}, []string{"en.json", "ka.json"}},
		{"en", []string{"hy-AM"}, []string{"en.json"}},
	} {
		if got := translationFiles(c.language, c.locales); !slices.Equal(got, c.want) {
			t.Errorf("language %q, OS %q: files %q, want %q", c.language, c.locales, got, c.want)
		}
	}
	// Every language the settings offer has its file, found by that name.
	for _, l := range languages {
		for _, name := range translationFiles(l.tag, nil) {
			if _, err := assets.Translations.ReadFile("translations/" + name); err != nil {
				t.Errorf("%s: %v", l.name, err)
			}
		}
	}
}
