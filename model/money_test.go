package model

import (
	"errors"
	"testing"
)

var (
	fmtDefault = DefaultMoneyFormat         // 12.50
	fmtRO      = MoneyFormatForLocale("ro") // 12,50 lei
	fmtHY      = MoneyFormatForLocale("hy") // 12 ֏, no minor units
	fmtUS      = MoneyFormatForLocale("en") // $ 12.50
	fmtMilli   = MoneyFormat{Decimal: ",", Decimals: 3}
	allFormats = []MoneyFormat{fmtDefault, fmtRO, fmtHY, fmtUS, fmtMilli, MoneyFormatForLocale("ka"), MoneyFormatForLocale("ro-MD"), {}}
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		name string
		in   string
		f    MoneyFormat
		want Money
		err  error
	}{
		{"Empty", "", fmtDefault, 0, nil},
		{"Blank", "  ", fmtRO, 0, nil},
		{"Whole", "12", fmtDefault, 1200, nil},
		{"OneDecimal", "12.5", fmtDefault, 1250, nil},
		{"CommaDecimalInDotFormat", "12,50", fmtDefault, 1250, nil},
		{"DotDecimalInCommaFormat", "12.50", fmtRO, 1250, nil},
		{"CommaDecimal", "12,50", fmtRO, 1250, nil},
		{"SpaceGroupsCommaDecimal", "1 234,56", fmtRO, 123456, nil},
		{"SpaceGroupsInDotFormat", "1 234,56", fmtDefault, 123456, nil},
		{"CommaGroupsDotDecimal", "1,234.56", fmtDefault, 123456, nil},
		{"CommaGroupsDotDecimalInCommaFormat", "1,234.56", fmtRO, 123456, nil},
		{"DotGroupsCommaDecimal", "1.234,56", fmtRO, 123456, nil},
		{"DotGroupsMillions", "1.234.567", fmtRO, 123456700, nil},
		{"CommaGroupsMillions", "1,234,567", fmtDefault, 123456700, nil},
		{"ThinSpaceGroups", "1\u202f234,50", fmtRO, 123450, nil},
		{"NoBreakSpaceGroups", "1\u00a0234.50", fmtDefault, 123450, nil},
		{"ApostropheGroups", "1'234.50", fmtDefault, 123450, nil},
		{"SymbolBefore", "lei 12,50", fmtRO, 1250, nil},
		{"SymbolAfter", "12,50 lei", fmtRO, 1250, nil},
		{"SymbolOnly", "lei", fmtRO, 0, nil},
		{"DollarSymbol", "$1,234.50", fmtUS, 123450, nil},
		{"DramWhole", "15 000", fmtHY, 15000, nil},
		{"DramSymbol", "15000 ֏", fmtHY, 15000, nil},
		{"LeadingDecimal", ".5", fmtDefault, 50, nil},
		{"TrailingDecimal", "5.", fmtDefault, 500, nil},
		{"LeadingZeros", "0007.05", fmtDefault, 705, nil},
		{"ZeroWithDecimals", "0,00", fmtRO, 0, nil},
		{"Surrounded", "  7  ", fmtDefault, 700, nil},
		{"ThreeDecimals", "1,234", fmtMilli, 1234, nil},
		{"Max", "1 000 000 000", fmtDefault, fmtDefault.Max(), nil},
		{"MaxWithCents", "999 999 999,99", fmtRO, fmtRO.Max() - 1, nil},
		// One separator followed by three digits groups thousands when the
		// format's decimal separator is the other one.
		{"LoneCommaGroupsInDotFormat", "1,234", fmtDefault, 123400, nil},
		{"LoneDotGroupsInCommaFormat", "1.234", fmtRO, 123400, nil},

		{"ErrNegative", "-5", fmtDefault, 0, ErrMoneyNegative},
		{"ErrNegativeWithSymbol", "lei -5", fmtRO, 0, ErrMoneyNegative},
		{"ErrDoubleMinus", "--5", fmtDefault, 0, ErrMoneyNegative},
		{"ErrLetters", "abc", fmtDefault, 0, ErrMoneySyntax},
		{"ErrOtherCurrency", "12,50 lei", fmtDefault, 0, ErrMoneySyntax},
		{"ErrExponent", "1e3", fmtDefault, 0, ErrMoneySyntax},
		{"ErrPlus", "+5", fmtDefault, 0, ErrMoneySyntax},
		{"ErrTrailingMinus", "5-", fmtDefault, 0, ErrMoneySyntax},
		{"ErrSeparatorOnly", ".", fmtDefault, 0, ErrMoneySyntax},
		{"ErrArabicDigits", "١٢", fmtDefault, 0, ErrMoneySyntax},
		{"ErrMixedGroups", "1,234.567.89", fmtDefault, 0, ErrMoneySyntax},
		{"ErrTooManyDecimals", "12.345", fmtDefault, 0, ErrMoneyDecimals},
		{"ErrLoneDotThreeDigitsInDotFormat", "1.234", fmtDefault, 0, ErrMoneyDecimals},
		{"ErrLoneCommaThreeDigitsInCommaFormat", "1,234", fmtRO, 0, ErrMoneyDecimals},
		{"ErrDecimalsInDram", "12.5", fmtHY, 0, ErrMoneyDecimals},
		{"ErrZeroDecimalsInDram", "12.00", fmtHY, 0, ErrMoneyDecimals},
		{"ErrTooLarge", "1000000000.01", fmtDefault, 0, ErrMoneyTooLarge},
		{"ErrTooLargeDigits", "99999999999", fmtDefault, 0, ErrMoneyTooLarge},
		{"ErrTooLargeHuge", "123456789012345678901234567890", fmtDefault, 0, ErrMoneyTooLarge},
		{"ErrTooLargeDram", "1 000 000 001", fmtHY, 0, ErrMoneyTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMoney(tt.in, tt.f)
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Errorf("ParseMoney(%q, %+v) = %d, %v; want %d, %v", tt.in, tt.f, got, err, tt.want, tt.err)
			}
		})
	}
}

// TestParseMoneyMalformedGroups shows a bug: digit groups of the wrong size
// are taken as thousands separators, so a typo silently multiplies the
// amount. "1.234.56" (meant 1 234.56) becomes 123 456.00.
func TestParseMoneyMalformedGroups(t *testing.T) {
	tests := []struct {
		in string
		f  MoneyFormat
	}{
		{"1.2.3", fmtDefault},
		{"1.234.56", fmtDefault},
		{"1,234,56", fmtRO},
		{"12.5.0", fmtDefault},
		{"1,2,3.50", fmtDefault},
		{"1.23.456,00", fmtRO},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got, err := ParseMoney(tt.in, tt.f); !errors.Is(err, ErrMoneySyntax) {
				t.Errorf("ParseMoney(%q) = %d, %v; want ErrMoneySyntax", tt.in, got, err)
			}
		})
	}
}

func TestMoneyFormat(t *testing.T) {
	tests := []struct {
		name   string
		f      MoneyFormat
		m      Money
		number string
		format string
	}{
		{"DefaultZero", fmtDefault, 0, "0.00", "0.00"},
		{"DefaultCents", fmtDefault, 5, "0.05", "0.05"},
		{"DefaultThousands", fmtDefault, 123456, "1\u202f234.56", "1\u202f234.56"},
		{"DefaultMax", fmtDefault, fmtDefault.Max(), "1\u202f000\u202f000\u202f000.00", "1\u202f000\u202f000\u202f000.00"},
		{"DefaultNegative", fmtDefault, -1250, "-12.50", "-12.50"},
		{"Romanian", fmtRO, 123456, "1\u202f234,56", "1\u202f234,56\u00a0lei"},
		{"Moldovan", MoneyFormatForLocale("ro-MD"), 1250, "12,50", "12,50\u00a0MDL"},
		{"Armenian", fmtHY, 15000, "15\u202f000", "15\u202f000\u00a0֏"},
		{"Georgian", MoneyFormatForLocale("ka"), 999, "9,99", "9,99\u00a0₾"},
		{"US", fmtUS, 100000, "1\u202f000.00", "$\u00a01\u202f000.00"},
		{"Milli", fmtMilli, 1234567, "1\u202f234,567", "1\u202f234,567"},
		{"BadDecimalsMeansTwo", MoneyFormat{Decimal: ".", Decimals: 7}, 1234, "12.34", "12.34"},
		{"HundredExactly", fmtDefault, 10000, "100.00", "100.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Number(tt.m); got != tt.number {
				t.Errorf("Number(%d) = %q, want %q", tt.m, got, tt.number)
			}
			if got := tt.f.Format(tt.m); got != tt.format {
				t.Errorf("Format(%d) = %q, want %q", tt.m, got, tt.format)
			}
		})
	}
}

func TestMoneyRoundTrip(t *testing.T) {
	amounts := []Money{0, 1, 9, 10, 99, 100, 101, 1250, 99999, 100000, 123456789, 1_000_000_000}
	for _, f := range allFormats {
		for _, m := range append(amounts, f.Max(), f.Max()-1) {
			if m > f.Max() {
				continue
			}
			t.Run(f.Symbol+f.Decimal+itoa(int64(f.Decimals))+"/"+itoa(int64(m)), func(t *testing.T) {
				for _, s := range []string{f.Format(m), f.Number(m)} {
					got, err := ParseMoney(s, f)
					if err != nil || got != m {
						t.Errorf("ParseMoney(%q) = %d, %v; want %d", s, got, err, m)
					}
				}
			})
		}
	}
}

func TestMoneyFormatForLocale(t *testing.T) {
	tests := []struct {
		locale string
		want   MoneyFormat
	}{
		{"ro-RO", MoneyFormat{Symbol: "lei", Decimal: ",", Decimals: 2}},
		{"ro_RO.UTF-8", MoneyFormat{Symbol: "lei", Decimal: ",", Decimals: 2}},
		{"ro", MoneyFormat{Symbol: "lei", Decimal: ",", Decimals: 2}},
		{"ro-MD", MoneyFormat{Symbol: "MDL", Decimal: ",", Decimals: 2}},
		{"ro_MD.UTF-8", MoneyFormat{Symbol: "MDL", Decimal: ",", Decimals: 2}},
		{"hy-AM", MoneyFormat{Symbol: "֏", Decimal: ".", Decimals: 0}},
		{"ka-GE", MoneyFormat{Symbol: "₾", Decimal: ",", Decimals: 2}},
		{"ru_RU", MoneyFormat{Symbol: "₽", Decimal: ",", Decimals: 2}},
		{"uk-UA", MoneyFormat{Symbol: "₴", Decimal: ",", Decimals: 2}},
		{"de-DE", MoneyFormat{Symbol: "€", Decimal: ",", Decimals: 2}},
		{"FR-fr", MoneyFormat{Symbol: "€", Decimal: ",", Decimals: 2}},
		{"en", MoneyFormat{Symbol: "$", SymbolFirst: true, Decimal: ".", Decimals: 2}},
		{"en-US", MoneyFormat{Symbol: "$", SymbolFirst: true, Decimal: ".", Decimals: 2}},
		{"en_GB.UTF-8", MoneyFormat{Symbol: "£", SymbolFirst: true, Decimal: ".", Decimals: 2}},
		{"en-IE", MoneyFormat{Symbol: "€", SymbolFirst: true, Decimal: ".", Decimals: 2}},
		{"en-AU", DefaultMoneyFormat},
		{"C", DefaultMoneyFormat},
		{"", DefaultMoneyFormat},
		{"xx-YY", DefaultMoneyFormat},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			if got := MoneyFormatForLocale(tt.locale); got != tt.want {
				t.Errorf("MoneyFormatForLocale(%q) = %+v, want %+v", tt.locale, got, tt.want)
			}
		})
	}
}

func TestMoneyFormatMax(t *testing.T) {
	tests := []struct {
		name string
		f    MoneyFormat
		want Money
	}{
		{"Cents", fmtDefault, 100_000_000_000},
		{"NoMinorUnits", fmtHY, 1_000_000_000},
		{"Milli", fmtMilli, 1_000_000_000_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f.Max(); got != tt.want {
				t.Errorf("Max() = %d, want %d", got, tt.want)
			}
		})
	}
}

func FuzzParseMoney(f *testing.F) {
	seeds := []string{
		"", "12", "12.5", "12,50", "1 234,56", "1,234.56", "lei 12,50", "-5", "abc", "1.2.3",
		"1,234", "1.234", ".5", "5.", ",234", "1e3", "999 999 999,99", "1000000000.01",
		"00000000000000000000001", "1\u202f234,50 lei", "$\u00a01\u202f000.00", "15 000 ֏", "١٢", "1'2'3",
		"lei", "0,001", "1.234.567,891",
		// Found by fuzzing: a symbol between digits, lone separators, odd spaces.
		"1 $000", ",001", "..0.", ",,", "\u1680", "0 000000000000000000000000000000001", "0\x83000,0",
	}
	for i, s := range seeds {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, s string, which uint8) {
		mf := allFormats[int(which)%len(allFormats)]
		m, err := ParseMoney(s, mf)
		if err != nil {
			if m != 0 {
				t.Errorf("ParseMoney(%q) = %d with error %v", s, m, err)
			}
			return
		}
		if m < 0 || m > mf.Max() {
			t.Fatalf("ParseMoney(%q, %+v) = %d, outside 0..%d", s, mf, m, mf.Max())
		}
		out := mf.Format(m)
		back, err := ParseMoney(out, mf)
		if err != nil || back != m {
			t.Fatalf("ParseMoney(%q) = %d; Format = %q; parsed back %d, %v", s, m, out, back, err)
		}
	})
}

func TestGroupThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1\u202f000", 100000: "100\u202f000", 1234567: "1\u202f234\u202f567"} {
		if got := GroupThousands(n); got != want {
			t.Errorf("GroupThousands(%d) = %q, want %q", n, got, want)
		}
	}
}
