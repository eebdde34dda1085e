package model

import (
	"slices"
	"strings"
	"testing"
)

// TestPhoneE164 reads numbers as people write them, in each country the
// shops are in or their clients come from, with the home country set.
func TestPhoneE164(t *testing.T) {
	tests := []struct {
		region string
		want   string
		forms  []string
	}{
		{"AM", "+37495430752", []string{"+374 95 430752", "095 430752", "095430752", "(095) 43-07-52", "00374 95 430752", "+374 (95) 43-07-52", "+374-95-43-07-52"}},
		{"AM", "+37410123456", []string{"+374 10 123456", "010 12 34 56", "(010) 12-34-56", "+37410123456"}},
		{"GE", "+995555123456", []string{"+995 555 12 34 56", "555 12 34 56", "555-12-34-56", "00995555123456", "+995 (555) 123-456"}},
		{"RO", "+40721123456", []string{"+40 721 123 456", "0721 123 456", "0721.123.456", "0040 721 123 456", "0721-123-456"}},
		{"MD", "+37369123456", []string{"+373 69 123 456", "069 123 456", "069123456", "+373 (69) 12-34-56"}},
		{"RU", "+79150182752", []string{"+7 915 018 27 52", "8 915 018-27-52", "8 (915) 018-27-52", "89150182752", "+7 (915) 018-27-52"}},
		{"UA", "+380671234567", []string{"+380 67 123 4567", "067 123 4567", "(067) 123-45-67", "+38 (067) 123-45-67"}},
		{"FR", "+33621123456", []string{"+33 6 21 12 34 56", "06 21 12 34 56", "06.21.12.34.56", "0033 6 21 12 34 56"}},
		{"US", "+12125550100", []string{"+1 212 555 0100", "(212) 555-0100", "212-555-0100", "1 212 555 0100", "212.555.0100"}},
		{"GB", "+447911123456", []string{"+44 7911 123456", "07911 123456", "07911 123 456", "+44 (0)7911 123456"}},
		// Digits of other scripts, as pasted from a phone.
		{"AM", "+37495430752", []string{"٠٩٥٤٣٠٧٥٢", "+３７４９５４３０７５２"}},
	}
	for _, tt := range tests {
		for _, form := range tt.forms {
			t.Run(tt.region+"/"+form, func(t *testing.T) {
				if got := PhoneE164(form, tt.region); got != tt.want {
					t.Errorf("PhoneE164(%q, %s) = %q, want %q", form, tt.region, got, tt.want)
				}
				// Written with the country code, the number is the same
				// whatever the home country.
				if strings.HasPrefix(form, "+") {
					for _, other := range []string{"", "AM", "GE", "RO", "US"} {
						if got := PhoneE164(form, other); got != tt.want {
							t.Errorf("PhoneE164(%q, %q) = %q, want %q", form, other, got, tt.want)
						}
					}
				}
			})
		}
	}
}

// TestPhoneKeyNeverAcrossCountries: numbers that share their last eight
// (or more) digits in two countries are two numbers.
func TestPhoneKeyNeverAcrossCountries(t *testing.T) {
	for _, tt := range []struct{ a, b, region string }{
		{"+40 721 123 456", "+33 6 21 12 34 56", "RO"},
		{"+374 95 430752", "+995 595 430 752", "AM"},
		{"+374 95 430752", "+995 595 430 752", "GE"},
		{"+373 69 123 456", "+40 769 123 456", "MD"},
		{"+7 915 018 27 52", "+380 91 501 82 752", "RU"},
		{"0721 123 456", "+33 6 21 12 34 56", "RO"},
		{"0721 555 001", "0721 555 002", "RO"},
	} {
		ka, kb := PhoneKey(tt.a, tt.region), PhoneKey(tt.b, tt.region)
		if ka == "" || kb == "" || ka == kb {
			t.Errorf("PhoneKey(%q) = %q, PhoneKey(%q) = %q in %s: want two different keys", tt.a, ka, tt.b, kb, tt.region)
		}
	}
}

// TestPhoneKeyUnreadable: a number the library cannot read matches only
// the same digits exactly, and a very short one nothing.
func TestPhoneKeyUnreadable(t *testing.T) {
	for _, tt := range []struct {
		typed, region, want string
	}{
		{"12345", "", "12345"},
		{"0721123456", "", "0721123456"}, // no home country: a national number cannot be read
		{"+999 123 456 789", "AM", "999123456789"},
		{"07911 123456", "RO", "07911123456"}, // a British number typed the British way in a Romanian shop
		{"112", "AM", ""},
		{"", "AM", ""},
	} {
		if got := PhoneKey(tt.typed, tt.region); got != tt.want {
			t.Errorf("PhoneKey(%q, %q) = %q, want %q", tt.typed, tt.region, got, tt.want)
		}
	}
	if PhoneKey("0721123456", "") == PhoneKey("721123456", "") {
		t.Error("unreadable numbers with different digits share a key")
	}
}

func TestPhoneSearchDigits(t *testing.T) {
	got := PhoneSearchDigits("+7 915 018 27 52", "AM")
	for _, want := range []string{"79150182752", "89150182752"} {
		if !slices.Contains(got, want) {
			t.Errorf("PhoneSearchDigits = %q, want %q among them", got, want)
		}
	}
	got = PhoneSearchDigits("095430752", "AM")
	for _, want := range []string{"095430752", "37495430752"} {
		if !slices.Contains(got, want) {
			t.Errorf("PhoneSearchDigits = %q, want %q among them", got, want)
		}
	}
	if got := PhoneSearchDigits("12-34", "AM"); !slices.Equal(got, []string{"1234"}) {
		t.Errorf("PhoneSearchDigits(12-34) = %q", got)
	}
	// A form inside another finds nothing the other does not: left out.
	for _, c := range []struct {
		typed, region string
		want          []string
	}{
		{"+995 597 189 385", "GE", []string{"995597189385"}},
		{"597 18 93 85", "GE", []string{"995597189385"}},
		{"0721 123 456", "RO", []string{"40721123456"}},
		{"+374 95 430752", "AM", []string{"37495430752", "095430752"}},
		{"00374 95 430752", "AM", []string{"0037495430752", "095430752"}},
	} {
		if got := PhoneSearchDigits(c.typed, c.region); !slices.Equal(got, c.want) {
			t.Errorf("PhoneSearchDigits(%q, %s) = %q, want %q", c.typed, c.region, got, c.want)
		}
	}
}

func TestRegionForLocale(t *testing.T) {
	for locale, want := range map[string]string{
		"ka_GE.UTF-8": "GE", "hy_AM.UTF-8": "AM", "ro_RO": "RO", "ro-MD": "MD", "ru_RU.UTF-8": "RU",
		"en_US.UTF-8": "US", "hy": "AM", "ka": "GE", "C": "", "": "", "C.UTF-8": "", "POSIX": "", "xx_QQ": "",
	} {
		if got := RegionForLocale(locale); got != want {
			t.Errorf("RegionForLocale(%q) = %q, want %q", locale, got, want)
		}
	}
}

// FuzzPhoneKey: any text gives a key without panicking; an E.164 number
// read back is itself in every home country; a key is never a suffix of
// another country's number.
func FuzzPhoneKey(f *testing.F) {
	for _, s := range []string{"+374 95 430752", "095430752", "8 915 018-27-52", "0/0/00", "+", "00", "+0", "٠٩٥", "(0)", "1601", "+1 (800) FLOWERS", "+44 (0)7911 123456"} {
		f.Add(s, "AM")
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, s, region string) {
		e := PhoneE164(s, region)
		k := PhoneKey(s, region)
		if e != "" {
			if !strings.HasPrefix(e, "+") || k != e {
				t.Fatalf("PhoneE164(%q) = %q, PhoneKey = %q", s, e, k)
			}
			for _, r := range []string{"", "AM", "US"} {
				if again := PhoneE164(e, r); again != e {
					t.Fatalf("PhoneE164(%q, %q) = %q, want itself", e, r, again)
				}
			}
		}
		if k != "" && !strings.HasPrefix(k, "+") && k != PhoneDigits(s) {
			t.Fatalf("PhoneKey(%q) = %q: an unreadable number's key must be its digits", s, k)
		}
		_ = PhoneSearchDigits(s, region)
	})
}
