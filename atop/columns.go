package atop

import (
	"fmt"
	"strconv"
)

// column binds one header name to the parser that stores its value in a
// row of type T. A parser returns "" when the value is good and otherwise
// says what is wrong with it.
type column[T any] struct {
	name  string
	parse func(row *T, s string) string
}

// within adapts a column of an embedded part P of T (Provisions inside
// Member, Alliance inside Phase) to T.
func within[T, P any](cols []column[P], part func(*T) *P) []column[T] {
	out := make([]column[T], len(cols))
	for i, c := range cols {
		out[i] = column[T]{name: c.name, parse: func(row *T, s string) string { return c.parse(part(row), s) }}
	}
	return out
}

// parseUint parses a non-negative decimal integer of at most nine digits,
// without sign, spaces or other characters.
func parseUint(s string) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// isMissing reports whether s is a missing value: empty, or ATOP's missing
// code -9 ("Missing have been converted from -9 to system missing").
func isMissing(s string) bool { return s == "" || s == "-9" }

// flag is a dummy column the codebook never lets be missing: "0" or "1".
func flag[T any](name string, get func(*T) *bool) column[T] {
	return column[T]{name, func(row *T, s string) string {
		switch s {
		case "0":
			*get(row) = false
		case "1":
			*get(row) = true
		default:
			return fmt.Sprintf("%q is not 0 or 1", s)
		}
		return ""
	}}
}

// number is a column holding a required integer in [lo, hi].
func number[T any](name string, lo, hi int, get func(*T) *int) column[T] {
	return column[T]{name, func(row *T, s string) string {
		n, ok := parseUint(s)
		switch {
		case s == "":
			return "value is missing"
		case !ok:
			return fmt.Sprintf("%q is not a whole number", s)
		case n < lo || n > hi:
			return fmt.Sprintf("%d is out of range %d–%d", n, lo, hi)
		}
		*get(row) = n
		return ""
	}}
}

// coded is a column holding a code in [lo, hi] or a missing value.
func coded[T any](name string, lo, hi int, get func(*T) *Code) column[T] {
	return column[T]{name, func(row *T, s string) string {
		if isMissing(s) {
			*get(row) = Missing
			return ""
		}
		n, ok := parseUint(s)
		switch {
		case !ok:
			return fmt.Sprintf("%q is not a code", s)
		case n < lo || n > hi:
			return fmt.Sprintf("%d is not a code of this column (%d–%d)", n, lo, hi)
		}
		*get(row) = Code(n)
		return ""
	}}
}

// requiredCode is like coded, but the codebook gives the column no missing
// value.
func requiredCode[T any](name string, lo, hi int, get func(*T) *Code) column[T] {
	c := coded(name, lo, hi, get)
	return column[T]{name, func(row *T, s string) string {
		if isMissing(s) {
			return "value is missing"
		}
		return c.parse(row, s)
	}}
}

// year is a column holding a four-digit year within ATOP's years, or 0
// when zeroOK (an exit or end year: no exit).
func year[T any](name string, zeroOK bool, get func(*T) *int) column[T] {
	return column[T]{name, func(row *T, s string) string {
		n, ok := parseUint(s)
		switch {
		case s == "":
			return "value is missing"
		case !ok || (len(s) != 4 && s != "0"):
			return fmt.Sprintf("%q is not a year", s)
		case n == 0 && zeroOK:
		case n < FirstYear || n > LastYear:
			return fmt.Sprintf("%d is outside ATOP's years %d–%d", n, FirstYear, LastYear)
		}
		*get(row) = n
		return ""
	}}
}

// datePart is a month (max 12) or day (max 31) column where 0 or a
// missing value means unknown (or, for an exit, none); both become 0.
func datePart[T any](name string, maxValue int, get func(*T) *int) column[T] {
	return column[T]{name, func(row *T, s string) string {
		if isMissing(s) {
			*get(row) = 0
			return ""
		}
		n, ok := parseUint(s)
		switch {
		case !ok:
			return fmt.Sprintf("%q is not a number", s)
		case n > maxValue:
			return fmt.Sprintf("%d is out of range 0–%d", n, maxValue)
		}
		*get(row) = n
		return ""
	}}
}

// version is the VERSION column: a decimal number such as "5.1".
func version[T any](name string, get func(*T) *string) column[T] {
	return column[T]{name, func(row *T, s string) string {
		if !isVersion(s) {
			return fmt.Sprintf("%q is not a version number", s)
		}
		*get(row) = s
		return ""
	}}
}

// isVersion reports whether s is digits, optionally followed by "." and
// digits.
func isVersion(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return s != ""
}

// text is a column holding a required, non-empty string.
func text[T any](name string, get func(*T) *string) column[T] {
	return column[T]{name, func(row *T, s string) string {
		if s == "" {
			return "value is missing"
		}
		*get(row) = s
		return ""
	}}
}

// itoa is strconv.Itoa, short for the writers.
func itoa(n int) string { return strconv.Itoa(n) }
