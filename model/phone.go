package model

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
)

// Phone numbers are stored as the owner typed them, and searched by their
// digits alone, so "+374 10 12-34-56", "(010) 12 34 56" and "37410123456"
// all meet.

const (
	minPhoneDigits = 5
	maxPhoneDigits = 15 // E.164
)

// PhoneDigits returns only the ASCII digits of s, in order. Other Unicode
// digits (Arabic-Indic, Devanagari) are mapped to ASCII so a number pasted
// from a phone in another script still matches.
func PhoneDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if d, ok := digitValue(r); ok {
			b.WriteByte(byte('0' + d))
		}
	}
	return b.String()
}

// digitValue maps the decimal digits of the common scripts to 0-9.
func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '\u0660' && r <= '\u0669': // Arabic-Indic
		return int(r - '\u0660'), true
	case r >= '\u06f0' && r <= '\u06f9': // Extended Arabic-Indic
		return int(r - '\u06f0'), true
	case r >= '\u0966' && r <= '\u096f': // Devanagari
		return int(r - '\u0966'), true
	case r >= '\uff10' && r <= '\uff19': // full-width
		return int(r - '\uff10'), true
	}
	return 0, false
}

// phoneExtra lists the characters people put between digits.
const phoneExtra = " +-()./\u00a0\u2010\u2011\u2012\u2013"

// ValidatePhone checks a number as typed: digits with the usual separators,
// an optional leading "+", and between 5 and 15 digits. It returns the
// owner-facing message and its data, or "" when the number is fine.
func ValidatePhone(s string) (string, map[string]any) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) {
		return "The phone number has characters that cannot be read.", nil
	}
	for i, r := range s {
		if _, ok := digitValue(r); ok {
			continue
		}
		if r == '+' && strings.TrimLeft(s[:i], "( ") != "" {
			return "A \"+\" may only start a phone number, before the country code.", nil
		}
		if !strings.ContainsRune(phoneExtra, r) {
			return "A phone number may only hold digits, spaces and + - ( ) . / — remove \"{{.Char}}\".", map[string]any{"Char": string(r)}
		}
	}
	if utf8.RuneCountInString(s) > MaxShortLen {
		return "The phone number is too long; keep it under {{.Max}} characters.", map[string]any{"Max": MaxShortLen}
	}
	n := len(PhoneDigits(s))
	if n < minPhoneDigits {
		return "The phone number is too short: it needs at least {{.Min}} digits.", map[string]any{"Min": minPhoneDigits}
	}
	if n > maxPhoneDigits {
		return "The phone number is too long: at most {{.Max}} digits.", map[string]any{"Max": maxPhoneDigits}
	}
	return "", nil
}

// LooksLikePhone reports whether a search text is a phone number in any
// format: at least three digits and nothing but digits and phone separators.
func LooksLikePhone(s string) bool {
	s = strings.TrimSpace(s)
	digits := 0
	for _, r := range s {
		if _, ok := digitValue(r); ok {
			digits++
			continue
		}
		if !strings.ContainsRune(phoneExtra, r) {
			return false
		}
	}
	return digits >= 3
}

// Phone identity. Two numbers are the same number when the phone-number
// library (github.com/nyaruka/phonenumbers, Google's libphonenumber rules)
// reads both as the same E.164 number: "8 915 018-27-52" in a Russian shop
// and "+7 915 018 27 52" are one number, "+40 721 123 456" and
// "+33 6 21 12 34 56" are two, however many digits they share. A number
// written without its country code is read in the shop's home country
// (Settings.HomeCountry). A number the library cannot read as a real one
// is only ever the same as a number with exactly the same digits.

// PhoneForms are the forms of one phone number that matching and search
// need, read with one call of the library (ReadPhone): reading a number
// costs about 20 µs, so a bulk import reads each number once.
type PhoneForms struct {
	// E164 is the number as PhoneE164 returns it; "" when the library
	// cannot read it as a valid number.
	E164 string
	// National is the digits of the number written as its country writes
	// it ("095430752", "89150182752"); "" with E164.
	National string
}

// ReadPhone reads typed in region once, for PhoneForms.Key and
// PhoneForms.SearchDigits.
func ReadPhone(typed, region string) PhoneForms {
	n, ok := parsePhone(typed, region)
	if !ok {
		return PhoneForms{}
	}
	return PhoneForms{E164: phonenumbers.Format(n, phonenumbers.E164),
		National: PhoneDigits(phonenumbers.Format(n, phonenumbers.NATIONAL))}
}

// PhoneE164 returns typed as an E.164 number ("+37495430752"), reading a
// number without a country code as one of region (an ISO 3166 code such as
// "AM"; "" when unknown), or "" when it cannot be read as a real number:
// the library must find it valid (a number of a range the country uses),
// so that a foreign number typed without its code is not taken for a
// local one, and a made-up one is only ever the same as its own digits.
func PhoneE164(typed, region string) string { return ReadPhone(typed, region).E164 }

// parsePhone reads typed as PhoneE164 describes.
func parsePhone(typed, region string) (*phonenumbers.PhoneNumber, bool) {
	d := PhoneDigits(typed)
	if len(d) < minPhoneDigits || len(d) > maxPhoneDigits+4 {
		return nil, false
	}
	// The library reads ASCII digits and the usual punctuation; other
	// scripts' digits are mapped first, keeping a leading "+".
	s := d
	if i := strings.IndexFunc(typed, func(r rune) bool { _, ok := digitValue(r); return ok || r == '+' }); i >= 0 && typed[i] == '+' {
		s = "+" + d
	}
	n := &phonenumbers.PhoneNumber{}
	if err := phonenumbers.ParseToNumber(s, NormalizeRegion(region), n); err != nil {
		return nil, false
	}
	return n, phonenumbers.IsValidNumber(n)
}

// PhoneKey is what two phone numbers must share to be the same number when
// an import or Find duplicates matches clients: the whole E.164 number
// (PhoneE164), or, for a number the library cannot read, all its digits.
// "" for a number of fewer than five digits, which matches nothing.
func PhoneKey(typed, region string) string { return PhoneKeyOf(typed, PhoneE164(typed, region)) }

// Key is PhoneKey of typed, whose forms f are.
func (f PhoneForms) Key(typed string) string { return PhoneKeyOf(typed, f.E164) }

// PhoneKeyOf is PhoneKey for a phone whose E.164 form (possibly "") is
// already known, so matching reads no number twice.
func PhoneKeyOf(typed, e164 string) string {
	if e164 != "" {
		return e164
	}
	if d := PhoneDigits(typed); len(d) >= minPhoneDigits {
		return d
	}
	return ""
}

// PhoneSearchDigits lists the digit strings a search should find a phone
// by: the digits as typed, and for a number the library can read, its
// international digits ("37495430752") and its national ones as the
// country writes them ("095430752", "89150182752"), so that a number typed
// one way is found by a search typed the other way. A search looks for
// a run of digits inside these strings, so a string inside another is
// left out: a Georgian or Romanian number's national digits are the end
// of its international ones ("597189385" in "995597189385", "0721123456"
// in "40721123456"), and so is a number typed as the library writes it.
// No string is listed twice.
func PhoneSearchDigits(typed, region string) []string {
	return ReadPhone(typed, region).SearchDigits(typed)
}

// SearchDigits is PhoneSearchDigits of typed, whose forms f are.
func (f PhoneForms) SearchDigits(typed string) []string {
	forms := [...]string{PhoneDigits(typed), strings.TrimPrefix(f.E164, "+"), f.National}
	out := make([]string, 0, len(forms))
	for i, d := range forms {
		inside := d == ""
		for j, other := range forms {
			// Of equal strings, the first is kept.
			if j != i && strings.Contains(other, d) && (len(other) > len(d) || j < i) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, d)
		}
	}
	return out
}

// NormalizeRegion returns code as an upper-case ISO 3166 country code the
// phone-number library knows ("am" → "AM"), or "" for anything else.
func NormalizeRegion(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) != 2 || phonenumbers.GetCountryCodeForRegion(code) == 0 {
		return ""
	}
	return code
}

// RegionForLocale returns the country of an OS locale as the default home
// country: "ka_GE.UTF-8" → "GE", "ro-MD" → "MD"; a bare language gets its
// most likely country ("hy" → "AM"); "" when there is none ("C", "").
func RegionForLocale(locale string) string {
	locale, _, _ = strings.Cut(locale, ".")
	locale, _, _ = strings.Cut(locale, "@")
	locale = strings.ReplaceAll(locale, "_", "-")
	if locale == "" || locale == "C" || locale == "POSIX" {
		return ""
	}
	tag, err := language.Parse(locale)
	if err != nil {
		return ""
	}
	r, conf := tag.Region()
	if conf == language.No {
		return ""
	}
	return NormalizeRegion(r.String())
}

// Regions lists the country codes the phone-number library knows, sorted,
// for the home country's choice.
func Regions() []string {
	rs := make([]string, 0, 250)
	for r := range phonenumbers.GetSupportedRegions() {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	return rs
}

// CallingCode returns the international calling code of a region ("AM" →
// 374), 0 for an unknown one.
func CallingCode(region string) int {
	return phonenumbers.GetCountryCodeForRegion(NormalizeRegion(region))
}
