package model

import (
	"strings"
	"unicode"
)

// Money is an amount in minor units (cents, bani, luma): integer arithmetic
// never loses a cent to floating point.
type Money int64

// MaxMajorUnits is the largest amount, in whole currency units, that a single
// purchase may carry. Anything above it is a typing mistake, not a sale.
const MaxMajorUnits = 1_000_000_000

// MoneyFormat says how amounts are written for the owner: the currency symbol,
// where it goes, the decimal separator and how many minor digits there are.
type MoneyFormat struct {
	Symbol      string // "lei", "€", "֏"; empty for none
	SymbolFirst bool   // "$ 5.00" rather than "5,00 lei"
	Decimal     string // "." or ","
	Decimals    int    // 0 to 3 minor digits
}

// DefaultMoneyFormat is used when nothing better is known: a dot and no symbol.
var DefaultMoneyFormat = MoneyFormat{Decimal: ".", Decimals: 2}

// MoneyFormatForLocale guesses the owner's money format from a BCP 47 locale
// such as "ro-RO" or "hy"; unknown locales get DefaultMoneyFormat.
func MoneyFormatForLocale(locale string) MoneyFormat {
	locale = strings.ReplaceAll(locale, "_", "-")
	lang, region, _ := strings.Cut(strings.ToLower(locale), "-")
	if i := strings.IndexByte(region, '.'); i >= 0 { // "ro_RO.UTF-8"
		region = region[:i]
	}
	switch lang {
	case "ro":
		if region == "md" {
			return MoneyFormat{Symbol: "MDL", Decimal: ",", Decimals: 2}
		}
		return MoneyFormat{Symbol: "lei", Decimal: ",", Decimals: 2}
	case "hy":
		return MoneyFormat{Symbol: "֏", Decimal: ".", Decimals: 0}
	case "ka":
		return MoneyFormat{Symbol: "₾", Decimal: ",", Decimals: 2}
	case "ru":
		return MoneyFormat{Symbol: "₽", Decimal: ",", Decimals: 2}
	case "uk":
		return MoneyFormat{Symbol: "₴", Decimal: ",", Decimals: 2}
	case "de", "fr", "it", "es", "nl", "pt", "fi", "el", "sk", "sl", "et", "lv", "lt":
		return MoneyFormat{Symbol: "€", Decimal: ",", Decimals: 2}
	case "en":
		switch region {
		case "us", "":
			return MoneyFormat{Symbol: "$", SymbolFirst: true, Decimal: ".", Decimals: 2}
		case "gb":
			return MoneyFormat{Symbol: "£", SymbolFirst: true, Decimal: ".", Decimals: 2}
		case "ie":
			return MoneyFormat{Symbol: "€", SymbolFirst: true, Decimal: ".", Decimals: 2}
		}
	}
	return DefaultMoneyFormat
}

func (f MoneyFormat) decimals() int {
	if f.Decimals < 0 || f.Decimals > 3 {
		return 2
	}
	return f.Decimals
}

func (f MoneyFormat) sep() string {
	if f.Decimal == "," {
		return ","
	}
	return "."
}

func (f MoneyFormat) unit() int64 {
	u := int64(1)
	for range f.decimals() {
		u *= 10
	}
	return u
}

// Max is the largest amount accepted in this format, in minor units.
func (f MoneyFormat) Max() Money { return Money(MaxMajorUnits * f.unit()) }

// Number writes m without the symbol, e.g. "1 234,50", with a thin space
// between thousands so it reads well in any locale.
func (f MoneyFormat) Number(m Money) string {
	neg := m < 0
	if neg {
		m = -m
	}
	u := f.unit()
	major, minor := int64(m)/u, int64(m)%u
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString(GroupThousands(major))
	if n := f.decimals(); n > 0 {
		b.WriteString(f.sep())
		s := itoa(minor)
		b.WriteString(strings.Repeat("0", n-len(s)) + s)
	}
	return b.String()
}

// Format writes m with the currency symbol, e.g. "1 234,50 lei" or "$ 12.00".
func (f MoneyFormat) Format(m Money) string {
	n := f.Number(m)
	switch {
	case f.Symbol == "":
		return n
	case f.SymbolFirst:
		return f.Symbol + "\u00a0" + n
	default:
		return n + "\u00a0" + f.Symbol
	}
}

// GroupThousands writes a non-negative n with a narrow no-break space
// between groups of three digits ("100 000"), which reads well in every
// locale, unlike "," or "." that mean opposite things in different ones.
func GroupThousands(n int64) string {
	digits := itoa(n)
	var b strings.Builder
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

func itoa(v int64) string {
	if v == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for v > 0 {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return string(buf[i:])
}

// MoneyError is why ParseMoney refused an amount.
type MoneyError struct {
	reason  string
	message string
}

func (e *MoneyError) Error() string { return e.reason }

// Message is a sentence that tells the owner what to fix; it is also the
// translation key.
func (e *MoneyError) Message() string { return e.message }

// Errors returned by ParseMoney.
var (
	ErrMoneySyntax   = &MoneyError{"amount is not a number", "Write the amount as a number, for example 12.50."}
	ErrMoneyNegative = &MoneyError{"amount is negative", "The amount cannot be negative."}
	ErrMoneyTooLarge = &MoneyError{"amount is too large", "The amount is too large; check for extra digits."}
	ErrMoneyDecimals = &MoneyError{"amount has too many decimals", "The amount has too many digits after the decimal separator."}
)

// ParseMoney reads an amount typed by the owner: "12", "12.5", "1 234,50",
// "lei 12,50". Either "." or "," is accepted as the decimal separator; when
// both appear, the last one is the decimal separator and the other groups
// thousands. An empty string is zero.
func ParseMoney(s string, f MoneyFormat) (Money, error) {
	s = strings.TrimSpace(s)
	if f.Symbol != "" {
		s = strings.TrimSpace(strings.ReplaceAll(s, f.Symbol, ""))
	}
	if s == "" {
		return 0, nil
	}
	if strings.HasPrefix(s, "-") {
		return 0, ErrMoneyNegative
	}
	// Drop grouping spaces of every kind.
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u202f' || r == '\u00a0' || r == '\'' {
			return -1
		}
		return r
	}, s)
	dec := strings.LastIndexAny(s, ".,")
	intPart, frac := s, ""
	if dec >= 0 {
		sepc := s[dec]
		other := byte(',')
		if sepc == ',' {
			other = '.'
		}
		// "1.234.567" or "1,234": a lone separator followed by exactly three
		// digits, repeated, is grouping when the format's decimal is the other one.
		if strings.Count(s, string(sepc)) > 1 || (len(s)-dec-1 == 3 && f.sep() != string(sepc) && !strings.ContainsRune(s, rune(other))) {
			// A typo such as "1.234.56" must not become 123456.
			if !digitGroups(s, sepc) {
				return 0, ErrMoneySyntax
			}
			intPart = strings.ReplaceAll(s, string(sepc), "")
		} else {
			if strings.IndexByte(s[:dec], other) >= 0 && !digitGroups(s[:dec], other) {
				return 0, ErrMoneySyntax
			}
			intPart, frac = strings.ReplaceAll(s[:dec], string(other), ""), s[dec+1:]
		}
	}
	return minorUnits(intPart, frac, f)
}

// minorUnits turns the digits of an amount's whole and fractional parts,
// grouping removed, into minor units of f: ErrMoneySyntax for anything but
// digits (or no digits at all), ErrMoneyDecimals for more decimals than f
// has, ErrMoneyTooLarge past f.Max().
func minorUnits(intPart, frac string, f MoneyFormat) (Money, error) {
	if intPart == "" && frac == "" {
		return 0, ErrMoneySyntax
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return 0, ErrMoneySyntax
		}
	}
	n := f.decimals()
	if len(frac) > n {
		return 0, ErrMoneyDecimals
	}
	frac += strings.Repeat("0", n-len(frac))
	if len(strings.TrimLeft(intPart, "0")) > 12 {
		return 0, ErrMoneyTooLarge
	}
	var v int64
	for _, r := range intPart + frac {
		v = v*10 + int64(r-'0')
	}
	if Money(v) > f.Max() {
		return 0, ErrMoneyTooLarge
	}
	return Money(v), nil
}

// digitGroups reports whether s is thousands written with sep: one to three
// digits, then groups of exactly three.
func digitGroups(s string, sep byte) bool {
	for i, g := range strings.Split(s, string(sep)) {
		if (i == 0 && (g == "" || len(g) > 3)) || (i > 0 && len(g) != 3) {
			return false
		}
	}
	return true
}
