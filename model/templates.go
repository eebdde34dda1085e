package model

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// A message template is the text the app writes for the owner when they
// contact a client in one click (SEEDS: "call them by name, speak their
// language"): a check-in, a thank-you after a sale, birthday and
// anniversary greetings, the update that was promised. Each exists in the
// five languages the app speaks, and the owner may rewrite any of them in
// Settings; the client's own language picks which one is used.

// MessageKind is what a prewritten message is for.
type MessageKind string

// The kinds of message, in the order Settings lists them.
const (
	MessageCheckIn     MessageKind = "check_in"
	MessageFollowUp    MessageKind = "follow_up" // thank-you after a sale
	MessageBirthday    MessageKind = "birthday"
	MessageAnniversary MessageKind = "anniversary"
	MessagePromise     MessageKind = "promise" // the update that was promised
	MessagePayment     MessageKind = "payment"
	MessageComplaint   MessageKind = "complaint"
)

// MessageKinds lists the kinds of message in the order Settings shows them.
var MessageKinds = []MessageKind{MessageCheckIn, MessageFollowUp, MessageBirthday, MessageAnniversary,
	MessagePromise, MessagePayment, MessageComplaint}

// MessageLanguages are the languages templates are written in, as BCP 47
// tags; the first is the fallback.
var MessageLanguages = []string{"en", "ro", "hy", "ka", "ru"}

// Label is the English name of the kind, also its translation key.
func (k MessageKind) Label() string {
	switch k {
	case MessageFollowUp:
		return "Thank-you after a purchase"
	case MessageBirthday:
		return "Birthday"
	case MessageAnniversary:
		return "Anniversary"
	case MessagePromise:
		return "Promised update"
	case MessagePayment:
		return "Payment reminder"
	case MessageComplaint:
		return "Making a complaint right"
	}
	return "Check-in"
}

// MessageKindFor picks the message for a check-in from its first (most
// pressing) reason; a plain check-in when there is none.
func MessageKindFor(reasons []Reason) MessageKind {
	if len(reasons) == 0 {
		return MessageCheckIn
	}
	switch reasons[0].Kind {
	case ReasonComplaint:
		return MessageComplaint
	case ReasonPromise:
		return MessagePromise
	case ReasonPayment:
		return MessagePayment
	case ReasonFollowUp:
		return MessageFollowUp
	case ReasonBirthday:
		return MessageBirthday
	case ReasonAnniversary:
		return MessageAnniversary
	}
	return MessageCheckIn
}

// Templates are the owner's own wording of messages, by TemplateKey; a
// kind and language not in the map uses DefaultTemplate.
type Templates map[string]string

// TemplateKey is the key of one kind of message in one language.
func TemplateKey(k MessageKind, lang string) string { return string(k) + "." + lang }

// MessageLanguage returns the template language for a client who speaks
// lang (a tag or a name as typed, "ka", "ru-RU", "Georgian"), or fallback
// when the app has no templates in it.
func MessageLanguage(lang, fallback string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	for _, tag := range MessageLanguages {
		if l == tag || strings.HasPrefix(l, tag+"-") || strings.HasPrefix(l, tag+"_") {
			return tag
		}
	}
	for tag, names := range languageNames {
		for _, n := range names {
			if l == n {
				return tag
			}
		}
	}
	return fallback
}

// languageNames are the names a client's language may be typed as.
var languageNames = map[string][]string{
	"en": {"english", "engleză", "անգլերեն", "ინგლისური", "английский"},
	"ro": {"romanian", "română", "romana", "ռումիներեն", "რუმინული", "румынский"},
	"hy": {"armenian", "armeană", "հայերեն", "სომხური", "армянский"},
	"ka": {"georgian", "georgiană", "վրացերեն", "ქართული", "грузинский"},
	"ru": {"russian", "rusă", "ռուսերեն", "რუსული", "русский"},
}

// Text returns the template for kind in lang: the owner's own wording if
// they wrote one, else the default.
func (t Templates) Text(k MessageKind, lang string) string {
	if s, ok := t[TemplateKey(k, lang)]; ok && strings.TrimSpace(s) != "" {
		return s
	}
	return DefaultTemplate(k, lang)
}

// DefaultTemplate is the app's own wording of kind in lang (English for a
// language it has none in).
func DefaultTemplate(k MessageKind, lang string) string {
	if m, ok := defaultTemplates[lang]; ok {
		return m[k]
	}
	return defaultTemplates["en"][k]
}

// MessageData fills a template's placeholders.
type MessageData struct {
	Name   string // the client's full name; {name} is the first name
	Item   string // what they bought, for a thank-you
	What   string // what was promised or complained about
	Amount string // what is owed, written in the shop's money format
	Years  int    // years as a client
}

// Placeholders are the words a template may hold in braces.
var Placeholders = []string{"{name}", "{fullname}", "{item}", "{what}", "{amount}", "{years}"}

// FillMessage writes a template out for one client. A placeholder with
// no value is dropped with the brackets around it, if any.
func FillMessage(tmpl string, d MessageData) string {
	first := d.Name
	if f := strings.Fields(d.Name); len(f) > 0 {
		first = f[0]
	}
	years := ""
	if d.Years > 0 {
		years = fmt.Sprint(d.Years)
	}
	vals := map[string]string{"{name}": first, "{fullname}": d.Name, "{item}": d.Item, "{what}": d.What,
		"{amount}": d.Amount, "{years}": years}
	for _, p := range Placeholders {
		if vals[p] == "" {
			tmpl = strings.ReplaceAll(tmpl, " ("+p+")", "")
			tmpl = strings.ReplaceAll(tmpl, ": "+p, "")
		}
	}
	var pairs []string
	for _, p := range Placeholders {
		pairs = append(pairs, p, vals[p])
	}
	return strings.TrimSpace(strings.NewReplacer(pairs...).Replace(tmpl))
}

// MaxTemplateLen is the longest template: a long text message, well
// within what a link can carry.
const MaxTemplateLen = 1000

// FieldTemplate names one template in validation errors.
func FieldTemplate(k MessageKind, lang string) string { return "template." + TemplateKey(k, lang) }

var placeholderRe = regexp.MustCompile(`\{[^{}\s]*\}`)

// Validate reports templates that are too long or hold a word in braces
// that is not a placeholder (a typo such as {nmae} would reach the client).
func (t Templates) Validate() error {
	ve := &ValidationError{}
	for _, k := range MessageKinds {
		for _, lang := range MessageLanguages {
			s, ok := t[TemplateKey(k, lang)]
			if !ok {
				continue
			}
			if utf8.RuneCountInString(s) > MaxTemplateLen {
				ve.add(FieldTemplate(k, lang), "Keep the message under {{.Max}} characters.", "Max", MaxTemplateLen)
				continue
			}
			for _, p := range placeholderRe.FindAllString(s, -1) {
				known := false
				for _, q := range Placeholders {
					known = known || p == q
				}
				if !known {
					ve.add(FieldTemplate(k, lang), "{{.Word}} is not a placeholder; use {name}, {item}, {what}, {amount} or {years}.", "Word", p)
					break
				}
			}
		}
	}
	return ve.err()
}
