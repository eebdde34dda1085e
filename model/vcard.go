package model

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// vCard (.vcf) is what phones and address books export: Android writes 2.1
// with quoted-printable UTF-8, iPhone and most programs 3.0, newer ones 4.0.
// The reader below is lenient on purpose: a contact file is read once, and a
// card that can be partly read is worth more than a refusal.

// ReadVCards reads every card of a vCard 2.1, 3.0 or 4.0 file into a client,
// validated as Table.Clients validates rows, with the line of its BEGIN:VCARD
// as Line. The name is FN; else the given, middle and family names of N;
// else NICKNAME; else ORG; else the part of the first email before "@".
// Every TEL is kept; the preferred (else first) EMAIL is the client's and
// the others go to the notes; the preferred (else first) ADR gives the
// address and city and the others go to the notes. ORG gives the company,
// BDAY the birthday, NOTE the notes, CATEGORIES the tags and LANG the
// language. Binary values (PHOTO, SOUND, KEY) are skipped, and so is a card
// nested in another (vCard 2.1 AGENT). It returns ErrEmptyFile,
// ErrFileTooLarge or ErrNoVCards when there are no cards at all.
func ReadVCards(r io.Reader, today time.Time) ([]ImportRow, error) {
	data, err := readLimited(r, MaxImportBytes)
	if err != nil {
		return nil, err
	}
	// Each value may name its own charset, so 8-bit text stays bytes until
	// its property is decoded; only UTF-16 is turned into UTF-8 up front.
	text, _, _, err := sniffUnicode(data)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return nil, ErrEmptyFile
	}
	cards := splitCards(unfoldVCard(text))
	if len(cards) == 0 {
		return nil, ErrNoVCards
	}
	rows := make([]ImportRow, len(cards))
	for i, c := range cards {
		rows[i] = c.draft().row(today)
	}
	return rows, nil
}

// vcardLine is one content line after unfolding.
type vcardLine struct {
	num  int // the file line it starts on
	text []byte
}

// unfoldVCard joins folded lines: a line starting with a space or tab
// continues the previous one (the break and that one character are
// removed), and in a quoted-printable value a line ending in "=" continues
// on the next (vCard 2.1 soft line breaks, where Android does not indent).
// Blank lines are dropped.
func unfoldVCard(data []byte) []vcardLine {
	var out []vcardLine
	for i, l := range bytes.Split(data, []byte("\n")) {
		l = bytes.TrimSuffix(l, []byte("\r"))
		n := len(out)
		switch {
		case n > 0 && softBreak(out[n-1].text) && !isCardBoundary(l):
			prev := out[n-1].text
			out[n-1].text = append(prev[:len(prev)-1], bytes.TrimLeft(l, " \t")...)
		case n > 0 && len(l) > 0 && (l[0] == ' ' || l[0] == '\t'):
			out[n-1].text = append(out[n-1].text, l[1:]...)
		case len(bytes.TrimSpace(l)) == 0:
		default:
			out = append(out, vcardLine{num: i + 1, text: bytes.Clone(l)})
		}
	}
	return out
}

// softBreak reports whether a content line is a quoted-printable value that
// ends in a soft line break.
func softBreak(text []byte) bool {
	if !bytes.HasSuffix(text, []byte("=")) {
		return false
	}
	colon := bytes.IndexByte(text, ':')
	return colon > 0 && bytes.Contains(bytes.ToUpper(text[:colon]), []byte("QUOTED-PRINTABLE"))
}

// isCardBoundary guards against a broken quoted-printable value swallowing
// the end of its card.
func isCardBoundary(l []byte) bool {
	u := bytes.ToUpper(bytes.TrimSpace(l))
	return bytes.HasPrefix(u, []byte("BEGIN:VCARD")) || bytes.HasPrefix(u, []byte("END:VCARD"))
}

// vcardProp is one property: "item1.TEL;TYPE=cell:+374 10 123456".
type vcardProp struct {
	name   string              // upper case, without its group
	params map[string][]string // upper-case keys; values as written
	value  []byte              // raw, still encoded
}

// parseVCardLine splits a content line into its name, parameters and value.
func parseVCardLine(text []byte) (vcardProp, bool) {
	colon := indexUnquoted(string(text), ':')
	if colon <= 0 {
		return vcardProp{}, false
	}
	parts := splitUnquoted(string(text[:colon]), ';')
	name := strings.TrimSpace(parts[0])
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		name = name[dot+1:]
	}
	p := vcardProp{name: strings.ToUpper(name), value: text[colon+1:]}
	for _, param := range parts[1:] {
		p.addParam(param)
	}
	return p, true
}

// addParam records "TYPE=cell,pref" (3.0, 4.0) or a bare "CELL" or
// "QUOTED-PRINTABLE" (2.1).
func (p *vcardProp) addParam(param string) {
	k, v, found := strings.Cut(param, "=")
	k = strings.ToUpper(strings.TrimSpace(k))
	if !found {
		v = k
		k = "TYPE"
		switch v {
		case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
			k = "ENCODING"
		}
	}
	if p.params == nil {
		p.params = map[string][]string{}
	}
	for _, x := range splitUnquoted(v, ',') {
		p.params[k] = append(p.params[k], strings.Trim(strings.TrimSpace(x), `"`))
	}
}

func (p vcardProp) param(key string) string {
	if vs := p.params[key]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}

// prefRank orders values by preference: 4.0 PREF=1 (most) to 100, a 2.1 or
// 3.0 "pref" type as 1, and no preference last.
func (p vcardProp) prefRank() int {
	if n, err := strconv.Atoi(p.param("PREF")); err == nil && n >= 1 && n <= 100 {
		return n
	}
	for _, t := range p.params["TYPE"] {
		if strings.EqualFold(t, "pref") {
			return 1
		}
	}
	return 101
}

// text decodes the value's transfer encoding and charset; ok is false for
// binary values.
func (p vcardProp) text() (s string, ok bool) {
	raw := p.value
	switch strings.ToUpper(p.param("ENCODING")) {
	case "B", "BASE64":
		return "", false
	case "QUOTED-PRINTABLE":
		raw = decodeQP(raw)
	}
	return decodeCharset(raw, p.param("CHARSET")), true
}

// decodeQP decodes quoted-printable "=D0=9E"; an "=" not followed by two
// hex digits is kept as it is.
func decodeQP(raw []byte) []byte {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '=' && i+2 < len(raw) {
			hi, ok1 := unhex(raw[i+1])
			lo, ok2 := unhex(raw[i+2])
			if ok1 && ok2 {
				out = append(out, hi<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return out
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// decodeCharset turns raw into text by the CHARSET parameter; without one,
// or when the bytes are not what it says, valid UTF-8 is taken as it is and
// anything else goes through guessCodePage.
func decodeCharset(raw []byte, charset string) string {
	cm := charsetMap(charset)
	if cm == nil {
		if utf8.Valid(raw) {
			return string(raw)
		}
		cm, _ = guessCodePage(raw)
	}
	s, err := cm.NewDecoder().Bytes(raw)
	if err != nil {
		return string(raw)
	}
	return string(s)
}

// charsetMap maps the charsets old phones and Outlook name to a decoder;
// nil for UTF-8 and for names it does not know. ISO-8859-1 is read as
// Windows-1252, its superset, as browsers do, because Windows programs label
// 1252 text with it.
func charsetMap(name string) *charmap.Charmap {
	switch strings.ToUpper(strings.TrimSpace(name)) {
	case "ISO-8859-1", "ISO8859-1", "LATIN1", "WINDOWS-1252", "CP1252":
		return charmap.Windows1252
	case "WINDOWS-1250", "CP1250":
		return charmap.Windows1250
	case "WINDOWS-1251", "CP1251":
		return charmap.Windows1251
	case "ISO-8859-2", "ISO8859-2", "LATIN2":
		return charmap.ISO8859_2
	case "ISO-8859-5", "ISO8859-5":
		return charmap.ISO8859_5
	case "ISO-8859-15", "ISO8859-15":
		return charmap.ISO8859_15
	case "KOI8-R":
		return charmap.KOI8R
	case "KOI8-U":
		return charmap.KOI8U
	case "IBM866", "CP866":
		return charmap.CodePage866
	}
	return nil
}

// indexUnquoted returns the index of the first c outside double quotes, or -1.
func indexUnquoted(s string, c byte) int {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case c:
			if !quoted {
				return i
			}
		}
	}
	return -1
}

// splitUnquoted splits s at every sep outside double quotes.
func splitUnquoted(s string, sep byte) []string {
	var out []string
	for {
		i := indexUnquoted(s, sep)
		if i < 0 {
			return append(out, s)
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
}

// vcardComponents splits a structured (N, ADR, ORG: sep ';') or list
// (CATEGORIES, NICKNAME: sep ',') value at unescaped separators and
// unescapes each part.
func vcardComponents(s string, sep byte, v21 bool) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			out = append(out, unescapeText(s[start:i], v21))
			start = i + 1
		}
	}
	return append(out, unescapeText(s[start:], v21))
}

// unescapeText undoes the backslash escapes \\ \, \; and, from vCard 3.0,
// \n; vCard 2.1 has no \n, and its text may hold Windows paths.
func unescapeText(s string, v21 bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		switch next := s[i+1]; {
		case next == '\\' || next == ',' || next == ';' || next == ':':
			b.WriteByte(next)
			i++
		case (next == 'n' || next == 'N') && !v21:
			b.WriteByte('\n')
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// vcardCard is the properties of one BEGIN:VCARD … END:VCARD.
type vcardCard struct {
	line  int
	props []vcardProp
}

// splitCards groups the content lines into cards. Lines outside a card and
// cards nested in a card are skipped; a card cut off by the end of the file
// is kept.
func splitCards(lines []vcardLine) []vcardCard {
	var cards []vcardCard
	var cur *vcardCard
	depth := 0
	for _, l := range lines {
		p, ok := parseVCardLine(l.text)
		if !ok {
			continue
		}
		boundary := strings.ToUpper(strings.TrimSpace(string(p.value))) == "VCARD"
		switch {
		case p.name == "BEGIN" && boundary:
			depth++
			if depth == 1 {
				cur = &vcardCard{line: l.num}
			}
		case p.name == "END" && boundary && depth > 0:
			depth--
			if depth == 0 {
				cards = append(cards, *cur)
				cur = nil
			}
		case depth == 1:
			cur.props = append(cur.props, p)
		}
	}
	if cur != nil {
		cards = append(cards, *cur)
	}
	return cards
}

// version returns the card's VERSION, "3.0" when it has none.
func (c vcardCard) version() string {
	for _, p := range c.props {
		if p.name == "VERSION" {
			return strings.TrimSpace(string(p.value))
		}
	}
	return "3.0"
}

// draft reads the card's properties into a contactDraft.
func (c vcardCard) draft() *contactDraft {
	d := &contactDraft{line: c.line}
	v21 := c.version() == "2.1"
	var emails, adrs []vcardProp
	for _, p := range c.props {
		s, ok := p.text()
		if !ok {
			continue
		}
		switch p.name {
		case "FN":
			d.set(ImportName, unescapeText(s, v21))
		case "N":
			d.setN(vcardComponents(s, ';', v21))
		case "NICKNAME":
			d.set(ImportNickname, vcardComponents(s, ',', v21)[0])
		case "ORG":
			d.set(ImportCompany, vcardComponents(s, ';', v21)[0])
		case "TEL":
			d.set(ImportPhone, telNumber(unescapeText(s, v21)))
		case "EMAIL", "ADR":
			p.value = []byte(s) // decoded once; kept with its parameters for ordering
			if p.name == "EMAIL" {
				emails = append(emails, p)
			} else {
				adrs = append(adrs, p)
			}
		case "BDAY":
			d.set(ImportBirthday, s)
		case "NOTE":
			d.set(ImportNotes, unescapeText(s, v21))
		case "CATEGORIES":
			d.c.Tags = append(d.c.Tags, vcardComponents(s, ',', v21)...)
		case "LANG":
			d.set(ImportLanguage, s)
		}
	}
	byPref := func(a, b vcardProp) int { return a.prefRank() - b.prefRank() }
	slices.SortStableFunc(emails, byPref)
	for _, p := range emails {
		e := unescapeText(string(p.value), v21)
		if len(e) >= 7 && strings.EqualFold(e[:7], "mailto:") {
			e = e[7:]
		}
		d.set(ImportEmail, e)
	}
	slices.SortStableFunc(adrs, byPref)
	for i, p := range adrs {
		d.setADR(vcardComponents(string(p.value), ';', v21), i == 0)
	}
	return d
}

// setN reads N: family; given; additional; prefix; suffix.
func (d *contactDraft) setN(parts []string) {
	fields := []ImportField{ImportFamilyName, ImportGivenName, ImportMiddleName}
	for i, f := range fields {
		if i < len(parts) {
			d.set(f, parts[i])
		}
	}
}

// setADR reads ADR: post office box; extended; street; locality; region;
// postal code; country. The first address fills Address (all but the
// locality) and City; later ones are kept whole in the notes.
func (d *contactDraft) setADR(parts []string, first bool) {
	parts = append(parts, make([]string, max(0, 7-len(parts)))...)
	nonEmpty := func(ss ...string) string {
		return strings.Join(slices.DeleteFunc(ss, func(s string) bool { return strings.TrimSpace(s) == "" }), ", ")
	}
	if !first {
		if all := nonEmpty(parts[:7]...); all != "" {
			d.set(ImportNotes, "Other address: "+all)
		}
		return
	}
	d.set(ImportAddress, nonEmpty(parts[0], parts[1], parts[2], parts[4], parts[5], parts[6]))
	d.set(ImportCity, parts[3])
}

// telNumber takes the number out of a 4.0 "tel:+1-555-0100;ext=5" URI.
// The extension is dropped, because a phone field holds only the number.
func telNumber(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "tel:") {
		s, _, _ = strings.Cut(s[4:], ";")
	}
	return s
}
