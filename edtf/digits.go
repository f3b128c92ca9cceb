package edtf

import "strings"

// ASCIIDigits returns s with every Arabic-Indic digit (٠–٩, U+0660–0669)
// and Extended Arabic-Indic digit (۰–۹, U+06F0–06F9, as in Persian and
// Urdu) replaced by the ASCII digit of the same value, and nothing else
// changed: "٢٠٢٢-٠١-٠٥" → "2022-01-05", "١٥٠" → "150". It is the one
// normalisation for what a person types where csto reads a date or a
// number (CLI flags, query parameters, form fields); the log and the API's
// JSON keep the canonical ASCII forms that Parse alone accepts.
func ASCIIDigits(s string) string {
	if !strings.ContainsFunc(s, isArabicDigit) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '\u0660' && r <= '\u0669':
			return '0' + (r - '\u0660')
		case r >= '\u06F0' && r <= '\u06F9':
			return '0' + (r - '\u06F0')
		}
		return r
	}, s)
}

func isArabicDigit(r rune) bool {
	return (r >= '\u0660' && r <= '\u0669') || (r >= '\u06F0' && r <= '\u06F9')
}

// ParseInput parses a date as a person types it: ASCIIDigits, then Parse.
// An error names the input as typed.
func ParseInput(s string) (Date, error) {
	d, err := Parse(ASCIIDigits(s))
	if e, ok := err.(*Error); ok && e.Input != s {
		return Date{}, &Error{Input: s, Msg: e.Msg}
	}
	return d, err
}
