// Package edtf parses, formats and compares dates written in the Extended
// Date/Time Format (EDTF, ISO 8601-2, Library of Congress EDTF
// specification): all of level 0 and the level-1 features a historical
// registry needs.
//
// Accepted forms (see Parse for details):
//
//	1992  1992-05  1992-05-15  1992-05-15T10:30:00  1992-05-15T10:30:00Z  1992-05-15T10:30:00+02:00
//	1992?  1992-05~  1992-05-15%                     qualifiers (level 1)
//	201X  19XX  1XXX  XXXX  2004-XX  2004-06-XX  2004-XX-XX   unspecified digits (level 1)
//	2001-21 .. 2001-24                               seasons (level 1)
//	1964/2008  2004-06~/2004-08?  ../2000  1999/..  /2000  1999/   intervals
//
// Every Date covers a range of calendar days, [Earliest, Latest], derived
// from what was written and its precision only: "1992" covers 1992-01-01 to
// 1992-12-31, "201X" covers 2010-01-01 to 2019-12-31. Qualifiers (?, ~, %)
// never widen or narrow that range; they are reported by Uncertain and
// Approximate. Times of day never narrow it either: a date-time covers its
// whole calendar day as written, whatever its time zone offset.
package edtf

import (
	"strings"
	"time"
)

// Precision is the precision of a single date. The zero value means none
// (the zero Date, or an interval whose start is open or unknown). It is a
// byte: a record keeps millions of dates.
type Precision uint8

// Precisions, from coarsest to finest.
const (
	PrecisionNone   Precision = iota
	PrecisionYear             // 1992, 19XX
	PrecisionSeason           // 1992-21
	PrecisionMonth            // 1992-05, 1992-XX
	PrecisionDay              // 1992-05-15, 1992-05-XX, 1992-05-15T10:30:00
)

// String returns "year", "season", "month", "day" or "" for PrecisionNone.
func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionSeason:
		return "season"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return ""
}

type kind uint8

const (
	kindNone kind = iota
	kindSingle
	kindInterval
)

// endState says what one end of an interval is.
type endState uint8

const (
	stateDate    endState = iota // a date
	stateOpen                    // ".." : open, the range continues without limit
	stateUnknown                 // "" : unknown
)

// qualifier bits.
const (
	qUncertain   uint8 = 1 << iota // ?
	qApproximate                   // ~
)

// point is one parsed date (or interval end).
type point struct {
	lo, hi Day
	prec   Precision
	qual   uint8
	state  endState
}

// Date is an EDTF value: a single date or an interval. Its zero value is
// "no date" (IsZero reports true, String returns ""). Dates are comparable
// with ==, which agrees with Equal.
type Date struct {
	text       string // canonical EDTF
	sep        int32  // index of '/' in text for intervals, else 0
	kind       kind
	start, end point // end is used only by intervals
}

// String returns the canonical EDTF form of d: the text it was parsed from
// (Parse accepts canonical forms only, so nothing needs normalizing: X
// digits, qualifiers, "..", seasons and time parts are kept as written).
// Parse(d.String()) returns a Date equal to d. The zero Date returns "".
func (d Date) String() string { return d.text }

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.kind == kindNone }

// IsInterval reports whether d is an interval ("A/B").
func (d Date) IsInterval() bool { return d.kind == kindInterval }

// Earliest returns the first day of any reading of d: for a single date the
// first day its precision allows; for an interval the Earliest of its start,
// or MinDay if the start is open ("../X") or unknown ("/X"). Qualifiers do
// not affect it. The zero Date returns MinDay.
func (d Date) Earliest() Day {
	if d.kind == kindNone || d.start.state != stateDate {
		return MinDay
	}
	return d.start.lo
}

// Latest returns the last day of any reading of d: for a single date the
// last day its precision allows; for an interval the Latest of its end, or
// MaxDay if the end is open ("X/..") or unknown ("X/"). Qualifiers do not
// affect it. The zero Date returns MaxDay. Earliest() <= Latest() always.
func (d Date) Latest() Day {
	switch d.kind {
	case kindSingle:
		return d.start.hi
	case kindInterval:
		if d.end.state == stateDate {
			return d.end.hi
		}
	}
	return MaxDay
}

// Start returns the start of an interval as a single Date, or the zero Date
// if the start is open or unknown. For a single date it returns d itself.
func (d Date) Start() Date {
	if d.kind != kindInterval {
		return d
	}
	if d.start.state != stateDate {
		return Date{}
	}
	return Date{text: d.text[:d.sep], kind: kindSingle, start: d.start}
}

// End returns the end of an interval as a single Date, or the zero Date if
// the end is open or unknown. For a single date it returns d itself.
func (d Date) End() Date {
	if d.kind != kindInterval {
		return d
	}
	if d.end.state != stateDate {
		return Date{}
	}
	return Date{text: d.text[d.sep+1:], kind: kindSingle, start: d.end}
}

// OpenStart reports whether d is an interval with an open start ("../X").
func (d Date) OpenStart() bool { return d.kind == kindInterval && d.start.state == stateOpen }

// OpenEnd reports whether d is an interval with an open end ("X/..").
func (d Date) OpenEnd() bool { return d.kind == kindInterval && d.end.state == stateOpen }

// UnknownStart reports whether d is an interval with an unknown start ("/X").
func (d Date) UnknownStart() bool { return d.kind == kindInterval && d.start.state == stateUnknown }

// UnknownEnd reports whether d is an interval with an unknown end ("X/").
func (d Date) UnknownEnd() bool { return d.kind == kindInterval && d.end.state == stateUnknown }

// Uncertain reports whether d, or either end of an interval, carries the
// '?' or '%' qualifier.
func (d Date) Uncertain() bool { return (d.start.qual|d.end.qual)&qUncertain != 0 }

// Approximate reports whether d, or either end of an interval, carries the
// '~' or '%' qualifier.
func (d Date) Approximate() bool { return (d.start.qual|d.end.qual)&qApproximate != 0 }

// Precision returns the precision of a single date as written ("2004-XX" is
// PrecisionMonth). For an interval it is the precision of its start, and
// PrecisionNone if the start is open or unknown.
func (d Date) Precision() Precision {
	if d.kind == kindNone || d.start.state != stateDate {
		return PrecisionNone
	}
	return d.start.prec
}

// HasTime reports whether d, or either end of an interval, was written with
// a time of day.
func (d Date) HasTime() bool { return strings.IndexByte(d.text, 'T') >= 0 }

// Contains reports whether Earliest() <= day <= Latest(). The zero Date
// contains no day.
func (d Date) Contains(day Day) bool {
	return d.kind != kindNone && d.Earliest() <= day && day <= d.Latest()
}

// Overlaps reports whether the day ranges [Earliest, Latest] of d and o
// intersect. Open and unknown ends extend to MinDay/MaxDay, so "1999/.."
// overlaps every date from 1999 on. The zero Date overlaps nothing.
func (d Date) Overlaps(o Date) bool {
	return d.kind != kindNone && o.kind != kindNone &&
		d.Earliest() <= o.Latest() && o.Earliest() <= d.Latest()
}

// Equal reports whether d and o are the same EDTF value (same canonical
// string). It is the same as d == o.
func (d Date) Equal(o Date) bool { return d == o }

// Compare orders dates by Earliest, then Latest, then String, returning
// -1, 0 or +1; it can be used with slices.SortFunc. The zero Date sorts
// before every other Date.
func Compare(a, b Date) int {
	if a.kind == kindNone || b.kind == kindNone {
		return cmpInt(int(min(a.kind, 1)), int(min(b.kind, 1)))
	}
	if c := cmpInt(int(a.Earliest()), int(b.Earliest())); c != 0 {
		return c
	}
	if c := cmpInt(int(a.Latest()), int(b.Latest())); c != 0 {
		return c
	}
	return strings.Compare(a.text, b.text)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// FromDay returns the day-precision Date for d, e.g. "2022-01-06". Days
// outside [MinDay, MaxDay] give the zero Date.
func FromDay(d Day) Date {
	if d < MinDay || d > MaxDay {
		return Date{}
	}
	return Date{text: d.String(), kind: kindSingle, start: point{lo: d, hi: d, prec: PrecisionDay}}
}

// Today returns the day-precision Date of the current day in UTC.
func Today() Date { return FromDay(DayFromTime(time.Now().UTC())) }
