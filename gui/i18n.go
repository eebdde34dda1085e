package gui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"
	_ "unsafe" // for go:linkname, see setLocalizer

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"
	xlanguage "golang.org/x/text/language"

	"clienttracker/assets"
	"clienttracker/model"
)

// language is one language the app's text is translated into.
type language struct {
	tag  string // BCP 47 tag, also the name of its file in assets/translations
	name string // the language's name in itself, as its speakers look for it
}

// languages are the languages the owner can choose in the settings. The
// names are not translated: a person looks for their own language by its
// own name.
var languages = []language{
	{"en", "English"},
	{"ro", "Română"},
	{"hy", "Հայերեն"},
	{"ka", "ქართული"},
	{"ru", "Русский"},
}

// languageKey is a translation key whose text, in each file, is that file's
// own language tag. Asking for it tells which file the text on screen comes
// from, also when the language follows the OS and fyne did the choosing.
const languageKey = "language.tag"

// shownLanguage is the tag of the language the window's text is in, as
// loadTranslations set Fyne's localizer: read from it, so that the window
// keeps no copy of its own that could disagree.
func shownLanguage() string { return lang.X(languageKey, "en") }

// savedLanguage returns the language chosen in the shop's settings; "" (follow
// the OS) if none was chosen or the settings cannot be read.
func savedLanguage(store languageStore) string {
	s, err := store.Settings(context.Background())
	switch {
	case err != nil:
		fyne.LogError("read the language setting", err)
		return ""
	case s.Language != "" && !offered(s.Language):
		fyne.LogError("read the language setting", fmt.Errorf("no %q translation", s.Language))
		return ""
	}
	return s.Language
}

// loadTranslations loads the app's translations and puts the window's text in
// language, a tag from languages; "" follows the OS language, as fyne does on
// its own. Call it before building any view: text already on screen stays.
//
// Fyne 2.7 has no public way to choose the language: lang matches the OS
// locales against the translation files each time files are added. Filing the
// chosen language's messages under the OS locale (AddTranslationsForLocale)
// would show the right words, but go-i18n picks the plural form by the rules
// of the language it matched, so a Russian window on an English OS would
// count by English rules ("21 клиента", "5 клиента"). Instead, once the
// files are added, setLocalizer points fyne's localizer at the chosen
// language, as fyne's own tests do; its messages, fallbacks and plural rules
// are then the chosen language's.
func loadTranslations(language string) error {
	if language != "" && !offered(language) {
		return fmt.Errorf("load translations: no %q translation", language)
	}
	locales, err := locale.GetLocales()
	if err != nil {
		fyne.LogError("read the OS languages", err) // as fyne does: English then
	}
	// Adding a file also (re)matches the OS language, so a later call
	// with "" undoes an earlier choice. A file that cannot be read leaves
	// its language in English; the others still load.
	var errs []error
	for _, name := range translationFiles(language, locales) {
		data, err := assets.Translations.ReadFile("translations/" + name)
		if err == nil {
			err = lang.AddTranslations(fyne.NewStaticResource(name, data))
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if language != "" {
		setLocalizer(language)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("load translations: %w", err)
	}
	return nil
}

// translationFiles names the files of assets/translations that
// loadTranslations adds for language, where "" follows the OS languages
// locales (most wanted first, as fyne reads them): English, whose file
// holds its plural forms, and the chosen language's file or those of the
// offered languages one of the locales asks for. Fyne then picks among
// these as among all of them. The others are left out: each language's
// messages take about 0.5 MB of memory for as long as the window is open.
// Files added by an earlier call stay added.
func translationFiles(language string, locales []string) []string {
	files := []string{"en.json"}
	add := func(tag string) {
		if name := tag + ".json"; !slices.Contains(files, name) {
			files = append(files, name)
		}
	}
	if language != "" {
		add(language)
		return files
	}
	offered := make([]xlanguage.Tag, len(languages))
	for i, l := range languages {
		offered[i] = xlanguage.Make(l.tag)
	}
	m := xlanguage.NewMatcher(offered)
	for _, l := range locales {
		want, err := xlanguage.Parse(l)
		if err != nil {
			continue // fyne passes over it too ("C")
		}
		if _, i, c := m.Match(want); c != xlanguage.No {
			add(languages[i].tag)
		}
	}
	return files
}

// offered reports whether tag is one of languages.
func offered(tag string) bool {
	for _, l := range languages {
		if l.tag == tag {
			return true
		}
	}
	return false
}

// setLocalizer makes fyne's lang translate into the language tag. It is
// fyne's unexported setupLang (fyne.io/fyne/v2@v2.7.1/lang/lang.go), which
// its own tests use to choose a language. Linking to it ties the app to
// fyne's insides, so go.mod pins fyne: the build fails if an upgrade removes
// the function, and TestLanguageOverride fails if it stops working. Replace
// it with fyne's own setter once lang has one (fyne-io/fyne#5333).
//
//go:linkname setLocalizer fyne.io/fyne/v2/lang.setupLang
func setLocalizer(lang string)

// monthsShort are the abbreviated month names (CLDR, format context) of the
// languages whose dates are written "day month year".
var monthsShort = map[string][12]string{
	"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	"ro": {"ian.", "feb.", "mar.", "apr.", "mai", "iun.", "iul.", "aug.", "sept.", "oct.", "nov.", "dec."},
	"ru": {"янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.", "сент.", "окт.", "нояб.", "дек."},
	"hy": {"հնվ", "փտվ", "մրտ", "ապր", "մյս", "հնս", "հլս", "օգս", "սեպ", "հոկ", "նոյ", "դեկ"},
	"ka": {"იან", "თებ", "მარ", "აპრ", "მაი", "ივნ", "ივლ", "აგვ", "სექ", "ოქტ", "ნოე", "დეკ"},
}

// localDate writes a calendar day the way the window's language writes it
// (CLDR's medium date): "23 Nov 2026", "23 nov. 2026", "23 нояб. 2026 г.",
// "23 նոյ, 2026 թ.", "23 ნოე. 2026". Files keep ISO dates; this is for
// people to read.
func localDate(t time.Time) string {
	return dateIn(shownLanguage(), t)
}

// dateIn writes t as the language tag writes a date; English for a tag
// with no date format here.
func dateIn(tag string, t time.Time) string {
	months, ok := monthsShort[tag]
	if !ok {
		tag, months = "en", monthsShort["en"]
	}
	d, m, y := strconv.Itoa(t.Day()), months[t.Month()-1], strconv.Itoa(t.Year())
	switch tag {
	case "ru":
		return d + " " + m + " " + y + " г."
	case "hy":
		return d + " " + m + ", " + y + " թ."
	case "ka":
		return d + " " + m + ". " + y
	default:
		return d + " " + m + " " + y
	}
}

// monthsOfDay are the full month names as a date says them: in the genitive
// in Russian and Armenian ("23 мая", "23 մայիսի").
var monthsOfDay = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	"ro": {"ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	"hy": {"հունվարի", "փետրվարի", "մարտի", "ապրիլի", "մայիսի", "հունիսի", "հուլիսի", "օգոստոսի", "սեպտեմբերի", "հոկտեմբերի", "նոյեմբերի", "դեկտեմբերի"},
	"ka": {"იანვარი", "თებერვალი", "მარტი", "აპრილი", "მაისი", "ივნისი", "ივლისი", "აგვისტო", "სექტემბერი", "ოქტომბერი", "ნოემბერი", "დეკემბერი"},
}

// localBirthday writes a birthday, with or without its year, as the
// window's language says it (CLDR's long date): "23 May 1990", "23 мая
// 1990 г.", "23 մայիսի, 1990 թ.", "23 მაისი, 1990".
func localBirthday(b model.Birthday) string {
	if b.Month < time.January || b.Month > time.December {
		return ""
	}
	tag := shownLanguage()
	months, ok := monthsOfDay[tag]
	if !ok {
		tag, months = "en", monthsOfDay["en"]
	}
	dm := strconv.Itoa(b.Day) + " " + months[b.Month-1]
	if b.Year == 0 {
		return dm
	}
	y := strconv.Itoa(b.Year)
	switch tag {
	case "ru":
		return dm + " " + y + " г."
	case "hy":
		return dm + ", " + y + " թ."
	case "ka":
		return dm + ", " + y
	default:
		return dm + " " + y
	}
}

// translateWhat translates the name of the field a validation message
// speaks of ("The {{.What}} is too long"): the model writes it in English,
// e.g. "city", and its translation key is "field.city".
func translateWhat(data map[string]any) map[string]any {
	what, ok := data["What"].(string)
	if !ok {
		return data
	}
	out := maps.Clone(data)
	out["What"] = lang.X("field."+what, what)
	return out
}

// promiseStatusText translates the status of a promise. Its key has the
// prefix "promise." because "Open" alone is fyne's Open button, a verb in
// most languages (Romanian "Deschide"), while an open promise is one still
// to keep ("În curs").
func promiseStatusText(s model.PromiseStatus) string {
	return lang.X("promise."+s.Label(), s.Label())
}

// languageStore is what choosing the window's language reads.
type languageStore interface {
	Settings(ctx context.Context) (model.Settings, error)
}
