package model

import (
	"net/url"
	"strings"
	"testing"
)

func urlQuery(s string) (url.Values, error) {
	_, q, _ := strings.Cut(s, "?")
	return url.ParseQuery(q)
}

// Every kind of message has a default in every language, each with the
// client's name and without English left in the others.
func TestDefaultTemplatesAreComplete(t *testing.T) {
	for _, lang := range MessageLanguages {
		for _, k := range MessageKinds {
			s := DefaultTemplate(k, lang)
			if !strings.Contains(s, "{name}") {
				t.Errorf("%s %s does not greet the client by name: %q", lang, k, s)
			}
			if lang != "en" && s == DefaultTemplate(k, "en") {
				t.Errorf("%s %s is the English text", lang, k)
			}
			if err := (Templates{TemplateKey(k, lang): s}).Validate(); err != nil {
				t.Errorf("%s %s: %v", lang, k, err)
			}
		}
	}
}

func TestFillMessage(t *testing.T) {
	for _, tc := range []struct {
		name, tmpl string
		d          MessageData
		want       string
	}{
		{"FirstName", "Hello {name}! ({fullname})", MessageData{Name: "Թամար Տիգրանյան"}, "Hello Թամար! (Թամար Տիգրանյան)"},
		{"Item", DefaultTemplate(MessageFollowUp, "ru"), MessageData{Name: "Ирина Павлова", Item: "зимние сапоги"},
			"Здравствуйте, Ирина! Спасибо за покупку: зимние сапоги. Всё ли в порядке? Если что-то не так, скажите, и я всё исправлю."},
		{"NoYearsDropsTheBrackets", "{name}, another year (years together: {years}).", MessageData{Name: "Ana"}, "Ana, another year (years together)."},
		{"NoWhat", "I am sorry ({what}). Call me.", MessageData{Name: "Ana"}, "I am sorry. Call me."},
		{"Years", DefaultTemplate(MessageAnniversary, "en"), MessageData{Name: "Ana Pop", Years: 3},
			"Ana, today marks another year since you became our client (years together: 3). Thank you for your trust! How could we serve you even better?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FillMessage(tc.tmpl, tc.d); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestTemplatesOwnWordingAndLanguage(t *testing.T) {
	own := Templates{TemplateKey(MessageBirthday, "ka"): "{name}, გილოცავ!"}
	if got := own.Text(MessageBirthday, "ka"); got != "{name}, გილოცავ!" {
		t.Errorf("own wording: %q", got)
	}
	if got := own.Text(MessageBirthday, "hy"); got != DefaultTemplate(MessageBirthday, "hy") {
		t.Errorf("no own wording in hy: %q", got)
	}
	for in, want := range map[string]string{"ka": "ka", "ru-RU": "ru", "Georgian": "ka", "ქართული": "ka", "հայերեն": "hy",
		"Română": "ro", "fr": "en", "": "en"} {
		if got := MessageLanguage(in, "en"); got != want {
			t.Errorf("MessageLanguage(%q) = %q, want %q", in, got, want)
		}
	}
	if MessageKindFor([]Reason{{Kind: ReasonFollowUp}, {Kind: ReasonCheckIn}}) != MessageFollowUp {
		t.Error("a follow-up is thanked for")
	}
}

func TestTemplatesValidate(t *testing.T) {
	t.Run("ErrUnknownPlaceholder", func(t *testing.T) {
		err := Templates{TemplateKey(MessageCheckIn, "en"): "Hi {nmae}"}.Validate()
		ve, ok := AsValidation(err)
		if !ok || len(ve.Fields) != 1 || ve.Fields[0].Field != FieldTemplate(MessageCheckIn, "en") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrTooLong", func(t *testing.T) {
		if err := (Templates{TemplateKey(MessageCheckIn, "ro"): strings.Repeat("a", MaxTemplateLen+1)}).Validate(); err == nil {
			t.Error("a long message passes")
		}
	})
	t.Run("OK", func(t *testing.T) {
		if err := (Templates{TemplateKey(MessageCheckIn, "ro"): "Bună, {name}! {amount} {years}"}).Validate(); err != nil {
			t.Error(err)
		}
	})
}
