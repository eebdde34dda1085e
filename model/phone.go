package model

import (
	"strings"
	"unicode/utf8"
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
