package model

import (
	"bytes"
	"slices"
	"sync"
	"testing"
)

func TestParseSearch(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want SearchTerms
	}{
		{"Empty", "", SearchTerms{}},
		{"Blank", "  \t", SearchTerms{}},
		{"Name", "Ana Popescu", SearchTerms{Words: []string{"Ana", "Popescu"}}},
		{"Email", "ana.popescu@example.com", SearchTerms{Words: []string{"ana", "popescu", "example", "com"}}},
		{"RomanianDiacritics", "Ștefan Țurcanu", SearchTerms{Words: []string{"Ștefan", "Țurcanu"}}},
		{"CombiningMarksStayInWord", "S\u0326tefan e\u0301", SearchTerms{Words: []string{"S\u0326tefan", "e\u0301"}}},
		{"Armenian", "Անի Պետրոսյան", SearchTerms{Words: []string{"Անի", "Պետրոսյան"}}},
		{"Georgian", "ნინო, ბერიძე", SearchTerms{Words: []string{"ნინო", "ბერიძე"}}},
		{"Cyrillic", "Ольга-Петрова", SearchTerms{Words: []string{"Ольга", "Петрова"}}},
		{"EmojiAndPunctuation", "😀 O'Brien!", SearchTerms{Words: []string{"O", "Brien"}}},
		{"Phone", "+374 10 12-34-56", SearchTerms{Words: []string{"374", "10", "12", "34", "56"}, Digits: "37410123456"}},
		{"PhoneArabicIndic", "٠٩٤ ١٢٣", SearchTerms{Words: []string{"٠٩٤", "١٢٣"}, Digits: "094123"}},
		{"ShortNumberIsNotPhone", "12", SearchTerms{Words: []string{"12"}}},
		{"NumberAmongWords", "Ana 0721", SearchTerms{Words: []string{"Ana", "0721"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseSearch(tt.in)
			if !slices.Equal(got.Words, tt.want.Words) || got.Digits != tt.want.Digits {
				t.Errorf("ParseSearch(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if got.Empty() != (len(tt.want.Words) == 0 && tt.want.Digits == "") {
				t.Errorf("Empty() = %v", got.Empty())
			}
		})
	}
}

// sortByCollator sorts names by their collation keys, as the store does.
func sortByCollator(c *Collator, names []string) []string {
	out := slices.Clone(names)
	slices.SortStableFunc(out, func(a, b string) int { return bytes.Compare(c.Key(a), c.Key(b)) })
	return out
}

func TestCollatorOrder(t *testing.T) {
	tests := []struct {
		name string
		tag  string
		want []string // in the order a person of that language expects
	}{
		{"RomanianDiacriticLetters", "ro", []string{"Sorin", "Szabo", "Ștefan", "Tudor", "Țurcanu", "Ursu"}},
		{"RomanianAÂÎ", "ro", []string{"Avram", "Ăsta", "Âna", "Bogdan", "Ion", "Îon", "Jana"}},
		{"RomanianCaseInsensitive", "ro", []string{"ana", "Anca", "ANDREI", "bogdan", "Bucur"}},
		{"RootSortsDiacriticsWithBaseLetter", "", []string{"Sorin", "Ștefan", "Szabo", "Tudor"}},
		{"Armenian", "hy", []string{"Անի", "Բաբկեն", "Գոհար", "Դավիթ", "Եվա", "Զարուհի", "Էդգար", "Թորոս", "Ժաննա", "Իրինա", "Լևոն", "Խաչիկ", "Ծովինար", "Կարեն", "Հայկ", "Ձյունիկ", "Ղազար", "Ճանիկ", "Մանե", "Յուրա", "Նարեկ", "Շուշան", "Ոսկան", "Չարենց", "Պետրոս", "Ջիվան", "Ռուբեն", "Սոնա", "Վարդան", "Տիգրան", "Րաֆֆի", "Ցոլակ", "Փառանձեմ", "Քնարիկ", "Օհան", "Ֆրունզե"}},
		{"ArmenianCaseInsensitive", "hy", []string{"աննա", "ԱՐԱՄ", "Արմեն"}},
		{"Georgian", "ka", []string{"ანა", "ბექა", "გიორგი", "დავით", "ეკა", "ვახტანგ", "ზურაბ", "თამარ", "ირაკლი", "კახა", "ლაშა", "მაკა", "ნინო", "ოთარ", "პაატა", "ჟორჟი", "რევაზ", "სალომე", "ტარიელ", "უჩა", "ფრიდონ", "ქეთევან", "ღვთისო", "ყარამან", "შოთა", "ჩიტო", "ცირა", "ძაბა", "წიწო", "ჭაბუკა", "ხათუნა", "ჯაბა", "ჰამლეტ"}},
		{"RussianYoIsE", "ru", []string{"Ежов", "Ёлкин", "Жуков", "Эдуард", "Юрий", "Яковлев"}},
		{"ScriptsApartInRoot", "", []string{"Ana", "Анна"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCollator(tt.tag)
			shuffled := slices.Clone(tt.want)
			slices.Reverse(shuffled)
			if got := sortByCollator(c, shuffled); !slices.Equal(got, tt.want) {
				t.Errorf("sorted for %q:\n got %q\nwant %q", tt.tag, got, tt.want)
			}
		})
	}
}

func TestCollatorEqualKeys(t *testing.T) {
	tests := []struct {
		name, tag, a, b string
	}{
		{"CaseRomanian", "ro", "ștefan", "ȘTEFAN"},
		{"CaseLatin", "ro", "ana", "ANA"},
		{"CaseArmenian", "hy", "ԱՆԻ", "անի"},
		{"CaseCyrillic", "ru", "ольга", "ОЛЬГА"},
		{"ComposedAndDecomposed", "ro", "Ștefan", "S\u0326tefan"},
		{"CommaBelowAndCedilla", "ro", "Ştefan", "Ștefan"}, // old keyboards type ş (cedilla)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewCollator(tt.tag)
			if ka, kb := c.Key(tt.a), c.Key(tt.b); !bytes.Equal(ka, kb) {
				t.Errorf("Key(%q) != Key(%q)", tt.a, tt.b)
			}
		})
	}
}

func TestNewCollatorLanguage(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"ro", "ro"},
		{"hy-AM", "hy-AM"},
		{"ka", "ka"},
		{"", "und"},
		{"not a tag!", "und"},
	}
	for _, tt := range tests {
		t.Run(tt.tag, func(t *testing.T) {
			if got := NewCollator(tt.tag).Language(); got != tt.want {
				t.Errorf("NewCollator(%q).Language() = %q, want %q", tt.tag, got, tt.want)
			}
		})
	}
}

func TestCollatorConcurrent(t *testing.T) {
	c := NewCollator("ro")
	want := c.Key("Ștefan Ionescu")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 200 {
				name := "Ștefan Ionescu"
				if i%2 == 1 {
					name = "Mihai Țurcanu"
				}
				k := c.Key(name)
				if i%2 == 0 && !bytes.Equal(k, want) {
					t.Errorf("concurrent Key gave a different key")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestSortByLabel(t *testing.T) {
	want := map[SortBy]string{SortName: "Name", SortLastPurchase: "Last purchase", SortTotalSpent: "Total spent", "": "Name"}
	for s, label := range want {
		t.Run(string(s), func(t *testing.T) {
			if got := s.Label(); got != label {
				t.Errorf("Label() = %q, want %q", got, label)
			}
		})
	}
}
