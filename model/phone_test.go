package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPhoneDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"+374 10 12-34-56", "37410123456"},
		{"(0721) 234 567", "0721234567"},
		{"094 123456", "094123456"},
		{"+7 (912) 345-67-89", "79123456789"},
		{"+995 555.12.34.56", "995555123456"},
		{"٠٩٤ ١٢٣٤٥٦", "094123456"}, // Arabic-Indic
		{"۰۹۴۱۲۳۴۵۶", "094123456"},  // Extended Arabic-Indic
		{"०९४१२३", "094123"},        // Devanagari
		{"０７２１ ２３４", "0721234"},     // full-width
		{"Ana 0721", "0721"},
		{"½ ² ③", ""}, // numbers, but not decimal digits
		{"\xff12", "12"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := PhoneDigits(tt.in); got != tt.want {
				t.Errorf("PhoneDigits(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestValidatePhone(t *testing.T) {
	tests := []struct {
		name string
		in   string
		msg  string // "" when valid
		data map[string]any
	}{
		{"Armenia", "+374 10 12-34-56", "", nil},
		{"ArmeniaNational", "094 123456", "", nil},
		{"ArmeniaCompact", "+37494123456", "", nil},
		{"Georgia", "+995 555 12 34 56", "", nil},
		{"Romania", "(0721) 234 567", "", nil},
		{"RomaniaDots", "0721.234.567", "", nil},
		{"Moldova", "+373 69 123 456", "", nil},
		{"Russia", "+7 (912) 345-67-89", "", nil},
		{"RussiaTrunk8", "8 495 123-45-67", "", nil},
		{"SlashAndDashes", "022/21-34-56", "", nil},
		{"UnicodeDashes", "0721\u2013234\u2011567", "", nil},
		{"NoBreakSpaces", "0721\u00a0234\u00a0567", "", nil},
		{"SurroundingSpaces", "  0721 234 567  ", "", nil},
		{"ArabicIndicDigits", "٠٩٤ ١٢٣٤٥٦", "", nil},
		{"FiveDigits", "12345", "", nil},
		{"FifteenDigits", "+123 456 789 012 345", "", nil},
		{"ErrTooShort", "1234", "The phone number is too short: it needs at least {{.Min}} digits.", map[string]any{"Min": 5}},
		{"ErrOnlyPlus", "+", "The phone number is too short: it needs at least {{.Min}} digits.", map[string]any{"Min": 5}},
		{"ErrEmpty", "", "The phone number is too short: it needs at least {{.Min}} digits.", map[string]any{"Min": 5}},
		{"ErrTooLong", "1234567890123456", "The phone number is too long: at most {{.Max}} digits.", map[string]any{"Max": 15}},
		{"ErrLetters", "0721 ABC 567", "A phone number may only hold digits, spaces and + - ( ) . / — remove \"{{.Char}}\".", map[string]any{"Char": "A"}},
		{"ErrExtension", "0721 234 567 ext 12", "A phone number may only hold digits, spaces and + - ( ) . / — remove \"{{.Char}}\".", map[string]any{"Char": "e"}},
		{"ErrCyrillicLetter", "0721 234 56О", "A phone number may only hold digits, spaces and + - ( ) . / — remove \"{{.Char}}\".", map[string]any{"Char": "О"}},
		{"ErrTab", "0721\t234567", "A phone number may only hold digits, spaces and + - ( ) . / — remove \"{{.Char}}\".", map[string]any{"Char": "\t"}},
		{"ErrPlusInMiddle", "0721+234567", "A \"+\" may only start a phone number, before the country code.", nil},
		{"ErrDoublePlus", "++374 10 123456", "A \"+\" may only start a phone number, before the country code.", nil},
		{"ErrInvalidUTF8", "0721\xff234567", "The phone number has characters that cannot be read.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg, data := ValidatePhone(tt.in)
			if msg != tt.msg {
				t.Errorf("ValidatePhone(%q) message = %q, want %q", tt.in, msg, tt.msg)
			}
			if len(data) != len(tt.data) {
				t.Fatalf("ValidatePhone(%q) data = %v, want %v", tt.in, data, tt.data)
			}
			for k, v := range tt.data {
				if data[k] != v {
					t.Errorf("ValidatePhone(%q) data[%s] = %v, want %v", tt.in, k, data[k], v)
				}
			}
		})
	}
}

// TestValidatePhoneBracketedCountryCode shows a usability bug: the way many
// Georgian, Armenian and Romanian businesses print numbers, with the country
// code in brackets, is refused.
func TestValidatePhoneBracketedCountryCode(t *testing.T) {
	for _, s := range []string{"(+995) 555 12 34 56", "(+374) 10 12-34-56", "(+40) 721 234 567"} {
		if msg, _ := ValidatePhone(s); msg != "" {
			t.Errorf("ValidatePhone(%q) = %q, want it accepted", s, msg)
		}
	}
}

// TestClientValidatePhoneLength shows a bug: MaxShortLen documents a limit
// for "a phone" but Client.Validate never applies it, so separators can pad
// a phone to any length.
func TestClientValidatePhoneLength(t *testing.T) {
	c := Client{Name: "Ana", Phones: []string{"0721" + strings.Repeat(" ", 5000) + "234567"}}
	if err := c.Validate(testToday); err == nil {
		t.Errorf("a %d-character phone was accepted", utf8.RuneCountInString(c.Phones[0]))
	}
}

func TestLooksLikePhone(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"+374 10 12-34-56", true},
		{"0721", true},
		{"123", true},
		{" 12-3 ", true},
		{"(+995)", true}, // a search, unlike a stored number, may have + anywhere
		{"٠٩٤", true},
		{"12", false},
		{"", false},
		{"+-()", false},
		{"Ana", false},
		{"Ana 0721", false},
		{"0721 ext", false},
		{"2024-05-03", true}, // looks like a phone as much as a date; digits search both
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := LooksLikePhone(tt.in); got != tt.want {
				t.Errorf("LooksLikePhone(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzPhoneDigits(f *testing.F) {
	for _, s := range []string{
		"", "+374 10 12-34-56", "094 123456", "(0721) 234 567", "+7 (912) 345-67-89", "8 495 123-45-67",
		"٠٩٤ ١٢٣٤٥٦", "۰۹۴", "०९४", "０７２１", "0721+234", "++1", "12345", "1234567890123456",
		"\xff\xfe", " \u00a0+12345\u00a0", "+\u2013\u2011(1)2/3.4 5", "0721\t234567", "½²③",
		"\u0085+12345", "\u2028123456",
		// Found by fuzzing: invalid bytes and odd spaces between digits.
		"٠٩٤\xff١٢٣٤٥", "00000000ɚ00000000", "\xd1\xd1２１", " \u00a00\u00a0", "(000 00 00    00 00", "\u202800000 ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := PhoneDigits(s)
		for i := 0; i < len(d); i++ {
			if d[i] < '0' || d[i] > '9' {
				t.Fatalf("PhoneDigits(%q) = %q has a non-ASCII-digit", s, d)
			}
		}
		if again := PhoneDigits(d); again != d {
			t.Fatalf("PhoneDigits not idempotent: %q -> %q -> %q", s, d, again)
		}
		if n := utf8.RuneCountInString(s); len(d) > n {
			t.Fatalf("PhoneDigits(%q) = %q is longer than the %d runes of its input", s, d, n)
		}
		msg, _ := ValidatePhone(s)
		if msg == "" {
			if !LooksLikePhone(s) {
				t.Fatalf("ValidatePhone accepts %q but LooksLikePhone rejects it", s)
			}
			if n := len(d); n < 5 || n > 15 {
				t.Fatalf("ValidatePhone accepts %q with %d digits", s, n)
			}
			if ParseSearch(s).Digits != d {
				t.Fatalf("searching for the valid phone %q does not search its digits %q", s, d)
			}
		}
	})
}
