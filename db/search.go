package db

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"clienttracker/model"
)

// The client list's search runs on two FTS5 tables (see 0001_init.sql):
// client_fts finds words by prefix in a client's text, client_phone_fts
// finds any run of three or more digits in their phone numbers.

// phoneProbeDigits is how many of the last digits of a long phone search
// are looked up in the trigram index.
const phoneProbeDigits = 7

// matchSQL returns a query for the ids (column id) of the clients that
// match t, and its arguments; t must not be empty. Every word must start a
// word somewhere in the client's text (the words are ANDed); a phone-like
// search also finds every client with a phone containing its digits, and
// every client with the same number when the library reads it as a whole
// number in region, the home country (so "8 915 018-27-52" finds
// "+7 915 018 27 52" and the other way round); a whole number is looked up
// by that identity alone.
func matchSQL(t model.SearchTerms, region string) (string, []any) {
	var parts []string
	var args []any
	if q := wordsQuery(t.Words); q != "" {
		parts = append(parts, "SELECT rowid AS id FROM client_fts WHERE client_fts MATCH ?")
		args = append(args, q)
	}
	whole := model.PhoneE164(t.Phone, region)
	if whole != "" {
		// "e164 <> ''" lets SQLite use the partial index: it cannot know
		// that a bound value is not ''.
		parts = append(parts, "SELECT client_id AS id FROM client_phones WHERE e164 = ? AND e164 <> ''",
			"SELECT client_id AS id FROM client_phones WHERE digits IN (?, ?) AND e164 = ''")
		args = append(args, whole, strings.TrimPrefix(whole, "+"), t.Digits)
	}
	switch d := t.Digits; {
	case whole != "" && len(d) > phoneProbeDigits:
		// A whole number is found by its identity, whichever way it was
		// typed, and a stored number the library cannot read by exactly
		// its digits; the digit index is for parts of numbers (and was
		// 30 % slower on top of the lookups at 100,000 clients).
	case len(d) < 3: // a trigram index cannot look for less
	case len(d) <= phoneProbeDigits:
		parts = append(parts, "SELECT rowid AS id FROM client_phone_fts WHERE client_phone_fts MATCH ?")
		args = append(args, ftsString(d))
	default:
		// A trigram search reads the rows of every trigram, and those of
		// a country code ("374", "995") run to thousands. The last digits
		// of a number are its most distinctive: look those up, then check
		// the whole run against the phones of the few clients found: as
		// typed or in E.164 (client_phones), else in the other forms
		// search knows them by (model.PhoneSearchDigits), which only the
		// trigram index holds: "09543075", most of the national form of
		// +374 95 430752, is in neither of the first two.
		parts = append(parts, `SELECT f.rowid AS id FROM client_phone_fts AS f WHERE f.client_phone_fts MATCH ?
			AND (EXISTS (SELECT 1 FROM client_phones AS p WHERE p.client_id = f.rowid
					AND (instr(p.digits, ?) > 0 OR instr(p.e164, ?) > 0))
				OR EXISTS (SELECT 1 FROM client_phone_fts AS g WHERE g.client_phone_fts MATCH ? AND g.rowid = f.rowid))`)
		args = append(args, ftsString(d[len(d)-phoneProbeDigits:]), d, d, ftsString(d))
	}
	if len(parts) == 0 {
		// Nothing searchable (a lone combining mark, say): match nothing
		// rather than everything, as any other unmatched search does.
		return "SELECT NULL AS id WHERE 0", nil
	}
	return strings.Join(parts, " UNION "), args
}

// wordsQuery builds an FTS5 query that requires every word as a prefix.
// Each word is quoted as an FTS5 string, so nothing the owner types (", *,
// AND, NEAR, -, parentheses) can be FTS5 syntax. A word in another script
// also matches its Latin transliteration, which the alt column holds: "Հով"
// finds "Hovik" typed in Latin, "lukasz" finds "Łukasz".
func wordsQuery(words []string) string {
	var terms []string
	for _, w := range words {
		if !hasLetterOrDigit(w) {
			continue // the tokenizer would drop it, leaving an empty phrase
		}
		term := ftsString(w) + "*"
		if alt, ok := transliterate(w); ok {
			term = "(" + term + " OR " + ftsString(alt) + "*)"
		}
		terms = append(terms, term)
	}
	return strings.Join(terms, " AND ")
}

// ftsString quotes s as an FTS5 string literal.
func ftsString(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}

// ftsColumns are the text columns of client_fts for one client, in order.
func ftsColumns(c *model.Client) []any {
	tags := strings.Join(c.Tags, "\n")
	return []any{c.Name, c.Email, c.City, c.Company, c.Address, tags, c.Notes,
		altSpellings(c.Name, c.City, c.Company, c.Address, tags)}
}

// phoneDigitsRow is what client_phone_fts holds for one client: the digit
// strings of each phone (model.PhoneSearchDigits: as typed, and in its
// international and national forms), separated by spaces; "" when the
// client has no phone.
func phoneDigitsRow(phones []string, forms []model.PhoneForms) string {
	ds := make([]string, 0, len(phones))
	for i, p := range phones {
		ds = append(ds, forms[i].SearchDigits(p)...)
	}
	return strings.Join(ds, " ")
}

// altSpellings returns the Latin spellings of the words in texts that have
// letters the unicode61 tokenizer cannot fold to Latin, separated by
// spaces; "" for text that is all Latin, which is most text. Notes are left
// out: they are long and rarely the way a client is looked up.
func altSpellings(texts ...string) string {
	var b strings.Builder
	for _, s := range texts {
		for _, w := range strings.FieldsFunc(s, isWordSeparator) {
			alt, ok := transliterate(w)
			if !ok {
				continue
			}
			b.WriteString(alt)
			b.WriteByte(' ')
			// Armenian names starting with Ե or Ո are written both ways in
			// Latin: Yervand and Ervand, Vostanik and Ostanik.
			if rest, ok := strings.CutPrefix(alt, "ye"); ok && startsWithAny(w, "եԵ") {
				b.WriteString("e" + rest + " ")
			} else if rest, ok := strings.CutPrefix(alt, "vo"); ok && startsWithAny(w, "ոՈ") {
				b.WriteString("o" + rest + " ")
			}
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

func startsWithAny(s, chars string) bool {
	for _, r := range s {
		return strings.ContainsRune(chars, r)
	}
	return false
}

func isWordSeparator(r rune) bool {
	return !(unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r))
}

// transliterate lower-cases word and spells its Armenian, Georgian and
// Cyrillic letters, and the Latin letters that have no accent to strip (ł,
// ø, ß, …), in plain Latin. ok is false when it replaced nothing. The
// spelling is the everyday one people type (Հովհաննես → hovhannes,
// ნინო → nino, Ольга → olga), not a scholarly one.
func transliterate(word string) (alt string, ok bool) {
	if isASCII(word) {
		return "", false // no letter to spell otherwise: most emails and Latin names
	}
	rs := []rune(strings.ToLower(word))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 'ո' && i+1 < len(rs) && rs[i+1] == 'ւ': // ու is one vowel
			b.WriteString("u")
			i++
			ok = true
			continue
		case r == 'ո' && i == 0:
			b.WriteString("vo")
			ok = true
			continue
		case r == 'ե' && i == 0:
			b.WriteString("ye")
			ok = true
			continue
		case r == 'և' && i == 0:
			b.WriteString("yev")
			ok = true
			continue
		}
		if s, found := latin[r]; found {
			b.WriteString(s)
			ok = true
		} else {
			b.WriteRune(r)
		}
	}
	if !ok {
		return "", false
	}
	return b.String(), true
}

// latin spells lower-case letters in Latin.
var latin = map[rune]string{
	// Armenian.
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y",
	'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h",
	'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o",
	'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r",
	'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'և': "ev", 'օ': "o", 'ֆ': "f",
	// Georgian (Mkhedruli; strings.ToLower maps Mtavruli capitals to it).
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t",
	'ი': "i", 'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh",
	'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k", 'ღ': "gh", 'ყ': "q",
	'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j",
	'ჰ': "h",
	// Cyrillic: Russian, Ukrainian, Belarusian, Serbian, Macedonian.
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'ђ': "dj", 'ј': "j",
	'љ': "lj", 'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "g", 'ќ': "k", 'ѕ': "dz",
	// Latin letters whose base letter unicode61 does not recover.
	'ł': "l", 'ø': "o", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'đ': "d", 'ð': "d", 'þ': "th",
	'ı': "i", 'ħ': "h", 'ŀ': "l", 'ŧ': "t",
}

// isASCII reports whether s has only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
