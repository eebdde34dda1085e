package db

import (
	"context"
	"slices"
	"testing"

	"clienttracker/model"
)

// wantSearch fails unless searching for text finds exactly the clients
// named want, in name order.
func wantSearch(t *testing.T, db *DB, text string, want []string) {
	t.Helper()
	cs, total, err := db.ListClients(context.Background(), model.ClientFilter{Search: text})
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	if want == nil {
		want = []string{}
	}
	if got := names(cs); !slices.Equal(got, want) || total != len(want) {
		t.Errorf("search %q = %q (total %d), want %q", text, got, total, want)
	}
}

func TestSearch(t *testing.T) {
	db := mustOpen(t)
	for _, c := range []*model.Client{
		{Name: "Ștefan Popescu", Email: "stefan.popescu@example.ro", City: "Cluj-Napoca",
			Phones: []string{"37410123456"}, Tags: []string{"angro"}},
		{Name: "Ana-Maria Ionescu", City: "Iași", Company: "Florăria Lalele", Phones: []string{"+374 10 12-34-99"},
			Notes: "Vrea mereu trandafiri albi."},
		{Name: "Հովհաննես Պետրոսյան", City: "Երևան", Phones: []string{"+374 10 12-34-56"}, Tags: []string{"VIP"}},
		{Name: "Ерванд Ոսկանյան", Address: "Tumanyan 5"},
		{Name: "ნინო ბერიძე", City: "თბილისი", Phones: []string{"(032) 2 99 88 77"}},
		{Name: "Ольга Ёлкина", City: "Кишинёв", Notes: "Звонить после обеда"},
		{Name: "Łukasz Straße", Email: "lukasz@example.pl", Address: "ul. Długa 5"},
		{Name: "Hovik Sargsyan", Phones: []string{"091 123 456", "099 000 111"}},
	} {
		mustCreateClient(t, db, c)
	}

	for _, tt := range []struct {
		search string
		want   []string
	}{
		{"ștefan", []string{"Ștefan Popescu"}},
		{"stef", []string{"Ștefan Popescu"}},            // no diacritics
		{"STEFAN POP", []string{"Ștefan Popescu"}},      // case, several words
		{"pop stef", []string{"Ștefan Popescu"}},        // any order
		{"popescu ana", nil},                            // every word must match
		{"efan", nil},                                   // a prefix, not a substring
		{"iasi", []string{"Ana-Maria Ionescu"}},         // city without diacritics
		{"maria", []string{"Ana-Maria Ionescu"}},        // hyphenated name
		{"florar", []string{"Ana-Maria Ionescu"}},       // company
		{"trandafiri", []string{"Ana-Maria Ionescu"}},   // notes
		{"angro", []string{"Ștefan Popescu"}},           // tag
		{"vip", []string{"Հովհաննես Պետրոսյան"}},        // tag, other case
		{"example.ro", []string{"Ștefan Popescu"}},      // email
		{"stefan.popescu@", []string{"Ștefan Popescu"}}, // email
		{"cluj", []string{"Ștefan Popescu"}},
		{"tumanyan", []string{"Ерванд Ոսկանյան"}}, // address
		{"Հով", []string{"Hovik Sargsyan", "Հովհաննես Պետրոսյան"}},
		{"հովհ", []string{"Հովհաննես Պետրոսյան"}},
		{"hovh", []string{"Հովհաննես Պետրոսյան"}}, // Latin for Armenian
		{"hov", []string{"Hovik Sargsyan", "Հովհաննես Պետրոսյան"}},
		{"petros", []string{"Հովհաննես Պետրոսյան"}},
		{"yerevan", []string{"Հովհաննես Պետրոսյան"}},
		{"oskan", []string{"Ерванд Ոսկանյան"}}, // both Latin spellings of Ո
		{"voskan", []string{"Ерванд Ոսկանյան"}},
		{"ნინ", []string{"ნინო ბერიძე"}},
		{"nino ber", []string{"ნინო ბერიძე"}},
		{"tbilisi", []string{"ნინო ბერიძე"}},
		{"ольга", []string{"Ольга Ёлкина"}},
		{"ОЛЬГ", []string{"Ольга Ёлкина"}},
		{"елкина", []string{"Ольга Ёлкина"}}, // ё typed as е
		{"ёлк", []string{"Ольга Ёлкина"}},
		{"olga elk", []string{"Ольга Ёлкина"}},
		{"кишин", []string{"Ольга Ёлкина"}},
		{"ерв", []string{"Ерванд Ոսկանյան"}},
		{"lukasz", []string{"Łukasz Straße"}},
		{"łuk", []string{"Łukasz Straße"}},
		{"strasse", []string{"Łukasz Straße"}},
		{"straße", []string{"Łukasz Straße"}},
		{"dluga", []string{"Łukasz Straße"}},
		// Phones: any run of three or more digits, typed in any format.
		{"+374 10 12-34-56", []string{"Ștefan Popescu", "Հովհաննես Պետրոսյան"}},
		{"37410123456", []string{"Ștefan Popescu", "Հովհաննես Պետրոսյան"}},
		{"12-34-56", []string{"Hovik Sargsyan", "Ștefan Popescu", "Հովհաննես Պետրոսյան"}}, // 091 123 456
		{"10 12 34 99", []string{"Ana-Maria Ionescu"}},
		{"3741012", []string{"Ana-Maria Ionescu", "Ștefan Popescu", "Հովհաննես Պետրոսյան"}},
		{"998877", []string{"ნინო ბერიძე"}},
		{"032 2 99", []string{"ნინო ბერიძე"}},
		{"091", []string{"Hovik Sargsyan"}},
		{"٠٩١ ١٢٣", []string{"Hovik Sargsyan"}}, // Arabic-Indic digits
		{"456 099", nil},                        // no run across two numbers
		{"000 111", []string{"Hovik Sargsyan"}}, // the second number
		{"99999", nil},
	} {
		wantSearch(t, db, tt.search, tt.want)
	}

	t.Run("NoSyntaxErrors", func(t *testing.T) {
		for _, s := range []string{
			`"`, `""`, `*`, `AND`, `OR`, `NOT`, `-`, `(`, `)`, `NEAR`, `NEAR(a b)`, `a"b`,
			`"ana`, `ana*`, `^ana`, `name:ana`, `{name}: ana`, `a AND`, `+`, `\`, `'`, `%`, `_`,
			"\u0301", "a\u0301", "\x00", "ana\x00", "--", "/*", ";", "' OR 1=1 --", "🙂", "   ",
		} {
			if _, _, err := db.ListClients(context.Background(), model.ClientFilter{Search: s}); err != nil {
				t.Errorf("search %q: %v", s, err)
			}
		}
	})

	t.Run("Operators", func(t *testing.T) {
		wantSearch(t, db, "and", nil)                                 // not an operator
		wantSearch(t, db, "near", nil)                                // not an operator
		wantSearch(t, db, `"ștefan"`, []string{"Ștefan Popescu"})     // quotes ignored
		wantSearch(t, db, `ștefan* OR ana`, nil)                      // "or" is a word
		wantSearch(t, db, `-ana`, []string{"Ana-Maria Ionescu"})      // not NOT
		wantSearch(t, db, "\u0301", nil)                              // a lone mark matches nothing
		wantSearch(t, db, "", names(mustListAll(t, db)))              // empty: everyone
		wantSearch(t, db, " ,;", names(mustListAll(t, db)))           // nothing to search: everyone
		wantSearch(t, db, "Ștefan\u200d", []string{"Ștefan Popescu"}) // zero-width joiner
		wantSearch(t, db, "S\u0326tefan", []string{"Ștefan Popescu"}) // decomposed
		wantSearch(t, db, "Iași!", []string{"Ana-Maria Ionescu"})     // punctuation
		wantSearch(t, db, "ana maria", []string{"Ana-Maria Ionescu"}) // hyphen
		wantSearch(t, db, "ana-maria", []string{"Ana-Maria Ionescu"}) // hyphen
		wantSearch(t, db, "Ana-Maria 0722", nil)                      // words must all match
		wantSearch(t, db, "ионеску", nil)                             // no reverse transliteration
		wantSearch(t, db, "stefan.popescu@example.ro", []string{"Ștefan Popescu"})
	})
}

// mustListAll returns every client in name order.
func mustListAll(t *testing.T, db *DB) []*model.Client {
	t.Helper()
	cs, _ := mustList(t, db, model.ClientFilter{})
	return cs
}

func TestTransliterate(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"Հովհաննես", "hovhannes", true},
		{"Երևան", "yerevan", true},
		{"Ոսկան", "voskan", true},
		{"Աշոտ", "ashot", true},
		{"Թումանյան", "tumanyan", true},
		{"ნინო", "nino", true},
		{"Ольга", "olga", true},
		{"Щукин", "shchukin", true},
		{"Łukasz", "lukasz", true},
		{"Ștefan", "", false},
		{"Ana", "", false},
		{"ANA2", "", false},
		{"AnaԱ", "anaa", true}, // ASCII first, then a letter to spell
	} {
		got, ok := transliterate(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("transliterate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if got, want := altSpellings("Ерванд Ոսկանյան", "Cluj"), "ervand voskanyan oskanyan"; got != want {
		t.Errorf("altSpellings = %q, want %q", got, want)
	}
}
