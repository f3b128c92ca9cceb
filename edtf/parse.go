package edtf

import (
	"fmt"
	"strings"
	"time"
)

// Error is returned by Parse and UnmarshalText for input that is not a
// supported EDTF value. Msg says what is wrong, e.g. "month 13 out of range".
type Error struct {
	Input string // the whole input
	Msg   string
}

// Error returns Input + ": " + Msg, e.g. "2022-13-01: month 13 out of range".
func (e *Error) Error() string { return e.Input + ": " + e.Msg }

// Parse parses an EDTF value. It accepts, and only accepts, these
// canonical forms:
//
//   - Level 0: YYYY, YYYY-MM, YYYY-MM-DD, and date-times YYYY-MM-DDThh:mm:ss
//     optionally followed by Z or ±hh:mm. Years are 0000–9999.
//   - Qualifiers ?, ~ or % at the end of a date (not of a date-time),
//     applying to the whole date.
//   - Unspecified digits: rightmost X digits of a year standing alone
//     (201X, 19XX, 1XXX, XXXX), an XX month (2004-XX, 2004-XX-XX), an XX
//     day (2004-06-XX).
//   - Seasons YYYY-21 (spring, Mar 1–May 31), -22 (summer, Jun 1–Aug 31),
//     -23 (autumn, Sep 1–Nov 30), -24 (winter, Dec 1 to the end of
//     February of the next year; so 9999-24 is rejected).
//   - Intervals A/B of any of these, where either end (not both) may be
//     open ("..") or unknown (empty). An interval whose start's Earliest
//     is after its end's Latest is rejected.
//
// Errors are *Error values whose message names the problem. Parse does not
// trim spaces or accept lower-case letters.
func Parse(s string) (Date, error) {
	if s == "" {
		return Date{}, &Error{Input: s, Msg: "date is empty"}
	}
	i := strings.IndexByte(s, '/')
	if i < 0 {
		if s == ".." {
			return Date{}, &Error{Input: s, Msg: `open end ".." is allowed only in an interval ("../X" or "X/..")`}
		}
		p, msg := parsePoint(s)
		if msg != "" {
			return Date{}, &Error{Input: s, Msg: msg}
		}
		return Date{text: s, kind: kindSingle, start: p}, nil
	}
	if strings.IndexByte(s[i+1:], '/') >= 0 {
		return Date{}, &Error{Input: s, Msg: `more than one "/"`}
	}
	a, msg := parseEnd(s[:i])
	if msg != "" {
		return Date{}, &Error{Input: s, Msg: msg}
	}
	b, msg := parseEnd(s[i+1:])
	if msg != "" {
		return Date{}, &Error{Input: s, Msg: msg}
	}
	switch {
	case a.state != stateDate && b.state != stateDate:
		return Date{}, &Error{Input: s, Msg: "interval has neither a start nor an end date"}
	case a.state == stateDate && b.state == stateDate && a.lo > b.hi:
		return Date{}, &Error{Input: s, Msg: "interval ends before it starts"}
	}
	return Date{text: s, sep: int32(i), kind: kindInterval, start: a, end: b}, nil
}

// MustParse is like Parse but panics on error. It is meant for tests and
// literals.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// parseEnd parses one end of an interval: "" (unknown), ".." (open) or a date.
func parseEnd(s string) (point, string) {
	switch s {
	case "":
		return point{state: stateUnknown}, ""
	case "..":
		return point{state: stateOpen}, ""
	}
	return parsePoint(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// num2 parses two decimal digits at s[0:2]; ok is false otherwise.
func num2(s string) (int, bool) {
	if len(s) < 2 || !isDigit(s[0]) || !isDigit(s[1]) {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

// quote quotes s for an error message, shortening long input.
func quote(s string) string {
	const max = 24
	if len(s) > max {
		return fmt.Sprintf("%q…", s[:max])
	}
	return fmt.Sprintf("%q", s)
}

// parsePoint parses a single (non-interval) date. On error it returns a
// non-empty message.
func parsePoint(s string) (point, string) {
	var p point
	switch s[0] {
	case '-':
		return p, "negative years are not supported"
	case 'Y':
		return p, `Y-prefixed years are not supported (years are 0000–9999)`
	}

	// Year: four characters, digits followed by zero or more X.
	n := 0
	for n < len(s) && (isDigit(s[n]) || s[n] == 'X') {
		n++
	}
	switch {
	case n == 0:
		return p, "expected a 4-digit year, found " + quote(s)
	case n > 4 && strings.IndexByte(s[:n], 'X') < 0:
		return p, "year " + s[:n] + " out of range (0000–9999)"
	case n != 4:
		return p, "year " + quote(s[:n]) + " must have 4 digits"
	}
	ylo, yhi, xs := 0, 0, 0
	for i := range 4 {
		c := s[i]
		if c == 'X' {
			xs++
			ylo, yhi = ylo*10, yhi*10+9
			continue
		}
		if xs > 0 {
			return p, "year " + quote(s[:4]) + ": unspecified digits (X) must be the rightmost digits"
		}
		ylo, yhi = ylo*10+int(c-'0'), yhi*10+int(c-'0')
	}
	rest := s[4:]

	if xs > 0 {
		if rest != "" && rest[0] == '-' {
			return p, "a year with unspecified digits (X) cannot have a month, season or day"
		}
		p.lo, p.hi, p.prec = DayOf(ylo, 1, 1), DayOf(yhi, 12, 31), PrecisionYear
		return finish(p, rest)
	}
	y := ylo
	p.lo, p.hi, p.prec = DayOf(y, 1, 1), DayOf(y, 12, 31), PrecisionYear
	if rest == "" || rest[0] != '-' {
		return finish(p, rest)
	}

	// Month, season or XX.
	if strings.HasPrefix(rest, "-XX") {
		rest = rest[3:]
		p.prec = PrecisionMonth
		if rest == "" || rest[0] != '-' {
			return finish(p, rest)
		}
		if !strings.HasPrefix(rest, "-XX") {
			return p, "day must be XX when the month is unspecified (XX)"
		}
		p.prec = PrecisionDay
		return finish(p, rest[3:])
	}
	m, ok := num2(rest[1:])
	if !ok {
		return p, "expected a 2-digit month after the year, found " + quote(rest[1:])
	}
	mtext := rest[1:3]
	rest = rest[3:]
	switch {
	case m >= 21 && m <= 24:
		return season(p, y, m, rest)
	case m > 24:
		return p, "season " + mtext + " out of range (21–24)"
	case m < 1 || m > 12:
		return p, "month " + mtext + " out of range"
	}
	p.lo, p.hi, p.prec = DayOf(y, m, 1), DayOf(y, m, daysIn(y, m)), PrecisionMonth
	if rest == "" || rest[0] != '-' {
		return finish(p, rest)
	}

	// Day or XX.
	p.prec = PrecisionDay
	if strings.HasPrefix(rest, "-XX") {
		return finish(p, rest[3:])
	}
	d, ok := num2(rest[1:])
	if !ok {
		return p, "expected a 2-digit day after the month, found " + quote(rest[1:])
	}
	if d < 1 || d > daysIn(y, m) {
		return p, fmt.Sprintf("day %s out of range for %s %s", rest[1:3], time.Month(m), s[:4])
	}
	p.lo = DayOf(y, m, d)
	p.hi = p.lo
	rest = rest[3:]
	if rest == "" || rest[0] != 'T' {
		return finish(p, rest)
	}
	return timeOfDay(p, rest)
}

// season finishes a date YYYY-21..24.
func season(p point, y, m int, rest string) (point, string) {
	p.prec = PrecisionSeason
	switch m {
	case 21:
		p.lo, p.hi = DayOf(y, 3, 1), DayOf(y, 5, 31)
	case 22:
		p.lo, p.hi = DayOf(y, 6, 1), DayOf(y, 8, 31)
	case 23:
		p.lo, p.hi = DayOf(y, 9, 1), DayOf(y, 11, 30)
	case 24:
		if y == 9999 {
			return p, "winter 9999 (season 24) ends after 9999-12-31, the latest supported day"
		}
		p.lo, p.hi = DayOf(y, 12, 1), DayOf(y+1, 3, 1)-1
	}
	if rest != "" && rest[0] == '-' {
		return p, "a season cannot have a day"
	}
	return finish(p, rest)
}

// timeOfDay parses "Thh:mm:ss" with an optional "Z" or "±hh:mm" and checks
// nothing follows. The day bounds in p are left as they are.
func timeOfDay(p point, rest string) (point, string) {
	t := rest[1:]
	h, ok1 := num2(t)
	mi, ok2 := num2(t[min(3, len(t)):])
	sec, ok3 := num2(t[min(6, len(t)):])
	if !ok1 || !ok2 || !ok3 || t[2] != ':' || t[5] != ':' {
		return p, "expected a time hh:mm:ss after \"T\", found " + quote(t)
	}
	switch {
	case h > 23:
		return p, fmt.Sprintf("hour %02d out of range", h)
	case mi > 59:
		return p, fmt.Sprintf("minute %02d out of range", mi)
	case sec > 59:
		return p, fmt.Sprintf("second %02d out of range", sec)
	}
	rest = t[8:]
	if rest == "" {
		return p, ""
	}
	switch rest[0] {
	case 'Z':
		rest = rest[1:]
	case '+', '-':
		oh, ok1 := num2(rest[1:])
		om, ok2 := num2(rest[min(4, len(rest)):])
		if !ok1 || !ok2 || rest[3] != ':' {
			return p, "expected a time zone offset ±hh:mm, found " + quote(rest)
		}
		if oh > 23 {
			return p, fmt.Sprintf("time zone offset hour %02d out of range", oh)
		}
		if om > 59 {
			return p, fmt.Sprintf("time zone offset minute %02d out of range", om)
		}
		rest = rest[6:]
	}
	if rest != "" {
		if strings.IndexByte("?~%", rest[0]) >= 0 {
			return p, "a date-time cannot have a qualifier (" + quote(rest[:1]) + ")"
		}
		return p, "unexpected " + quote(rest) + " after the date"
	}
	return p, ""
}

// finish parses an optional qualifier and checks nothing else follows.
func finish(p point, rest string) (point, string) {
	if rest == "" {
		return p, ""
	}
	switch rest[0] {
	case '?':
		p.qual = qUncertain
		rest = rest[1:]
	case '~':
		p.qual = qApproximate
		rest = rest[1:]
	case '%':
		p.qual = qUncertain | qApproximate
		rest = rest[1:]
	case 'T':
		return p, "a time needs a complete date (YYYY-MM-DDThh:mm:ss)"
	}
	if rest != "" {
		return p, "unexpected " + quote(rest) + " after the date"
	}
	return p, ""
}
