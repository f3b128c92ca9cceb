package edtf

import (
	"errors"
	"testing"
)

// parseTests lists every accepted form with its bounds, precision and
// qualifiers. Every entry must also round-trip through String.
var parseTests = []struct {
	in        string
	lo, hi    string // Earliest, Latest
	prec      Precision
	unc, appr bool
	interval  bool
}{
	// Level 0: years, months, days.
	{in: "1992", lo: "1992-01-01", hi: "1992-12-31", prec: PrecisionYear},
	{in: "0000", lo: "0000-01-01", hi: "0000-12-31", prec: PrecisionYear},
	{in: "9999", lo: "9999-01-01", hi: "9999-12-31", prec: PrecisionYear},
	{in: "1992-05", lo: "1992-05-01", hi: "1992-05-31", prec: PrecisionMonth},
	{in: "1992-04", lo: "1992-04-01", hi: "1992-04-30", prec: PrecisionMonth},
	{in: "1992-05-15", lo: "1992-05-15", hi: "1992-05-15", prec: PrecisionDay},
	{in: "9999-12-31", lo: "9999-12-31", hi: "9999-12-31", prec: PrecisionDay},
	// Leap years.
	{in: "2000-02", lo: "2000-02-01", hi: "2000-02-29", prec: PrecisionMonth},
	{in: "1900-02", lo: "1900-02-01", hi: "1900-02-28", prec: PrecisionMonth},
	{in: "2000-02-29", lo: "2000-02-29", hi: "2000-02-29", prec: PrecisionDay},
	{in: "2024-02-29", lo: "2024-02-29", hi: "2024-02-29", prec: PrecisionDay},
	{in: "0000-02-29", lo: "0000-02-29", hi: "0000-02-29", prec: PrecisionDay},
	// Level 0: date-times cover their calendar day as written.
	{in: "2004-01-01T10:10:10", lo: "2004-01-01", hi: "2004-01-01", prec: PrecisionDay},
	{in: "2004-01-01T10:10:10Z", lo: "2004-01-01", hi: "2004-01-01", prec: PrecisionDay},
	{in: "2004-01-01T23:59:59+05:00", lo: "2004-01-01", hi: "2004-01-01", prec: PrecisionDay},
	{in: "2004-01-01T00:00:00-12:30", lo: "2004-01-01", hi: "2004-01-01", prec: PrecisionDay},
	// Level 0: intervals.
	{in: "1964/2008", lo: "1964-01-01", hi: "2008-12-31", prec: PrecisionYear, interval: true},
	{in: "2004-06/2006-08", lo: "2004-06-01", hi: "2006-08-31", prec: PrecisionMonth, interval: true},
	{in: "2004-02-01/2005-02-08", lo: "2004-02-01", hi: "2005-02-08", prec: PrecisionDay, interval: true},
	{in: "2004-02-01/2005-02", lo: "2004-02-01", hi: "2005-02-28", prec: PrecisionDay, interval: true},
	{in: "2005/2005", lo: "2005-01-01", hi: "2005-12-31", prec: PrecisionYear, interval: true},
	{in: "2005-06/2005", lo: "2005-06-01", hi: "2005-12-31", prec: PrecisionMonth, interval: true},
	{in: "2004-01-01T10:10:10Z/2004-01-01T09:00:00Z", lo: "2004-01-01", hi: "2004-01-01", prec: PrecisionDay, interval: true},
	// Level 1: qualifiers do not change the bounds.
	{in: "1984?", lo: "1984-01-01", hi: "1984-12-31", prec: PrecisionYear, unc: true},
	{in: "2004-06~", lo: "2004-06-01", hi: "2004-06-30", prec: PrecisionMonth, appr: true},
	{in: "2004-06-11%", lo: "2004-06-11", hi: "2004-06-11", prec: PrecisionDay, unc: true, appr: true},
	{in: "201X?", lo: "2010-01-01", hi: "2019-12-31", prec: PrecisionYear, unc: true},
	{in: "2001-21~", lo: "2001-03-01", hi: "2001-05-31", prec: PrecisionSeason, appr: true},
	// Level 1: unspecified digits.
	{in: "201X", lo: "2010-01-01", hi: "2019-12-31", prec: PrecisionYear},
	{in: "19XX", lo: "1900-01-01", hi: "1999-12-31", prec: PrecisionYear},
	{in: "1XXX", lo: "1000-01-01", hi: "1999-12-31", prec: PrecisionYear},
	{in: "XXXX", lo: "0000-01-01", hi: "9999-12-31", prec: PrecisionYear},
	{in: "2004-XX", lo: "2004-01-01", hi: "2004-12-31", prec: PrecisionMonth},
	{in: "2004-06-XX", lo: "2004-06-01", hi: "2004-06-30", prec: PrecisionDay},
	{in: "2004-02-XX", lo: "2004-02-01", hi: "2004-02-29", prec: PrecisionDay},
	{in: "1900-02-XX", lo: "1900-02-01", hi: "1900-02-28", prec: PrecisionDay},
	{in: "2004-XX-XX", lo: "2004-01-01", hi: "2004-12-31", prec: PrecisionDay},
	// Level 1: seasons.
	{in: "2001-21", lo: "2001-03-01", hi: "2001-05-31", prec: PrecisionSeason},
	{in: "2001-22", lo: "2001-06-01", hi: "2001-08-31", prec: PrecisionSeason},
	{in: "2001-23", lo: "2001-09-01", hi: "2001-11-30", prec: PrecisionSeason},
	{in: "2001-24", lo: "2001-12-01", hi: "2002-02-28", prec: PrecisionSeason},
	{in: "2003-24", lo: "2003-12-01", hi: "2004-02-29", prec: PrecisionSeason},
	{in: "9998-24", lo: "9998-12-01", hi: "9999-02-28", prec: PrecisionSeason},
	// Level 1: open and unknown interval ends.
	{in: "../2000", lo: "0000-01-01", hi: "2000-12-31", prec: PrecisionNone, interval: true},
	{in: "1999/..", lo: "1999-01-01", hi: "9999-12-31", prec: PrecisionYear, interval: true},
	{in: "/2000", lo: "0000-01-01", hi: "2000-12-31", prec: PrecisionNone, interval: true},
	{in: "1999/", lo: "1999-01-01", hi: "9999-12-31", prec: PrecisionYear, interval: true},
	{in: "2004-06-01/..", lo: "2004-06-01", hi: "9999-12-31", prec: PrecisionDay, interval: true},
	{in: "../2004-06-01", lo: "0000-01-01", hi: "2004-06-01", prec: PrecisionNone, interval: true},
	{in: "../2004-06?", lo: "0000-01-01", hi: "2004-06-30", prec: PrecisionNone, unc: true, interval: true},
	// Level 1: qualified and unspecified interval ends.
	{in: "2004-06~/2004-08?", lo: "2004-06-01", hi: "2004-08-31", prec: PrecisionMonth, unc: true, appr: true, interval: true},
	{in: "2004?/2005", lo: "2004-01-01", hi: "2005-12-31", prec: PrecisionYear, unc: true, interval: true},
	{in: "2004/2005~", lo: "2004-01-01", hi: "2005-12-31", prec: PrecisionYear, appr: true, interval: true},
	{in: "201X/2015", lo: "2010-01-01", hi: "2015-12-31", prec: PrecisionYear, interval: true},
	{in: "2001-21/2001-24", lo: "2001-03-01", hi: "2002-02-28", prec: PrecisionSeason, interval: true},
	{in: "2001-24/2002-01", lo: "2001-12-01", hi: "2002-01-31", prec: PrecisionSeason, interval: true},
}

func TestParseBounds(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got := d.Earliest().String(); got != tt.lo {
				t.Errorf("Earliest = %s, want %s", got, tt.lo)
			}
			if got := d.Latest().String(); got != tt.hi {
				t.Errorf("Latest = %s, want %s", got, tt.hi)
			}
			if got := d.Precision(); got != tt.prec {
				t.Errorf("Precision = %v, want %v", got, tt.prec)
			}
			if got := d.Uncertain(); got != tt.unc {
				t.Errorf("Uncertain = %v, want %v", got, tt.unc)
			}
			if got := d.Approximate(); got != tt.appr {
				t.Errorf("Approximate = %v, want %v", got, tt.appr)
			}
			if got := d.IsInterval(); got != tt.interval {
				t.Errorf("IsInterval = %v, want %v", got, tt.interval)
			}
			if d.IsZero() {
				t.Errorf("IsZero = true")
			}
		})
	}
}

func TestParseRoundTrip(t *testing.T) {
	for _, tt := range parseTests {
		d := MustParse(tt.in)
		if got := d.String(); got != tt.in {
			t.Errorf("Parse(%q).String() = %q", tt.in, got)
		}
		d2, err := Parse(d.String())
		if err != nil {
			t.Errorf("Parse(%q) again: %v", d.String(), err)
			continue
		}
		if !d2.Equal(d) || d2 != d || Compare(d, d2) != 0 {
			t.Errorf("Parse(%q) round trip: %#v != %#v", tt.in, d2, d)
		}
	}
}

func TestParseQualifiersKeepBounds(t *testing.T) {
	for _, base := range []string{"1984", "2004-06", "2004-06-11", "201X", "2004-XX", "2001-24"} {
		plain := MustParse(base)
		for _, q := range []string{"?", "~", "%"} {
			d := MustParse(base + q)
			if d.Earliest() != plain.Earliest() || d.Latest() != plain.Latest() || d.Precision() != plain.Precision() {
				t.Errorf("%s%s: bounds %s..%s (%v), want %s..%s (%v)", base, q,
					d.Earliest(), d.Latest(), d.Precision(), plain.Earliest(), plain.Latest(), plain.Precision())
			}
			if d.Equal(plain) {
				t.Errorf("%s%s equals %s", base, q, base)
			}
		}
	}
}

func TestParsePrecisionString(t *testing.T) {
	want := map[Precision]string{PrecisionNone: "", PrecisionYear: "year", PrecisionSeason: "season", PrecisionMonth: "month", PrecisionDay: "day"}
	for p, s := range want {
		if p.String() != s {
			t.Errorf("Precision(%d).String() = %q, want %q", p, p.String(), s)
		}
	}
}

// parseErrorTests lists rejected input with the exact error message.
var parseErrorTests = []struct{ in, msg string }{
	{"", ": date is empty"},
	// Years.
	{"92", `92: year "92" must have 4 digits`},
	{"19920", "19920: year 19920 out of range (0000–9999)"},
	{"12345-01-01", "12345-01-01: year 12345 out of range (0000–9999)"},
	{"-0001", "-0001: negative years are not supported"},
	{"Y170000002", "Y170000002: Y-prefixed years are not supported (years are 0000–9999)"},
	{"abcd", `abcd: expected a 4-digit year, found "abcd"`},
	{" 1992", ` 1992: expected a 4-digit year, found " 1992"`},
	{"20X4", `20X4: year "20X4": unspecified digits (X) must be the rightmost digits`},
	{"X999", `X999: year "X999": unspecified digits (X) must be the rightmost digits`},
	{"201XX", `201XX: year "201XX" must have 4 digits`},
	{"201x", `201x: year "201" must have 4 digits`},
	{"201X-05", "201X-05: a year with unspecified digits (X) cannot have a month, season or day"},
	{"19XX-XX", "19XX-XX: a year with unspecified digits (X) cannot have a month, season or day"},
	// Months and seasons.
	{"2022-13-01", "2022-13-01: month 13 out of range"},
	{"2022-13", "2022-13: month 13 out of range"},
	{"2022-00", "2022-00: month 00 out of range"},
	{"2022-20", "2022-20: month 20 out of range"},
	{"2022-25", "2022-25: season 25 out of range (21–24)"},
	{"2022-99", "2022-99: season 99 out of range (21–24)"},
	{"2022-1", `2022-1: expected a 2-digit month after the year, found "1"`},
	{"2022-", `2022-: expected a 2-digit month after the year, found ""`},
	{"2022-X1", `2022-X1: expected a 2-digit month after the year, found "X1"`},
	{"2022-123", `2022-123: unexpected "3" after the date`},
	{"2001-21-05", "2001-21-05: a season cannot have a day"},
	{"9999-24", "9999-24: winter 9999 (season 24) ends after 9999-12-31, the latest supported day"},
	// Days.
	{"2022-02-30", "2022-02-30: day 30 out of range for February 2022"},
	{"2022-02-29", "2022-02-29: day 29 out of range for February 2022"},
	{"1900-02-29", "1900-02-29: day 29 out of range for February 1900"},
	{"2022-04-31", "2022-04-31: day 31 out of range for April 2022"},
	{"2022-01-00", "2022-01-00: day 00 out of range for January 2022"},
	{"2022-01-32", "2022-01-32: day 32 out of range for January 2022"},
	{"2022-01-1", `2022-01-1: expected a 2-digit day after the month, found "1"`},
	{"2022-01-X1", `2022-01-X1: expected a 2-digit day after the month, found "X1"`},
	{"2004-XX-15", "2004-XX-15: day must be XX when the month is unspecified (XX)"},
	// Trailing garbage and qualifiers.
	{"1992-05-15x", `1992-05-15x: unexpected "x" after the date`},
	{"1992-05-15 ", `1992-05-15 : unexpected " " after the date`},
	{"1992?~", `1992?~: unexpected "~" after the date`},
	{"1992??", `1992??: unexpected "?" after the date`},
	{"2004?-06-11", `2004?-06-11: unexpected "-06-11" after the date`},
	{"1992-05-15-01", `1992-05-15-01: unexpected "-01" after the date`},
	{"1992-05-15xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", `1992-05-15xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: unexpected "xxxxxxxxxxxxxxxxxxxxxxxx"… after the date`},
	// Times.
	{"2004-01-01T", `2004-01-01T: expected a time hh:mm:ss after "T", found ""`},
	{"2004-01-01T10:10", `2004-01-01T10:10: expected a time hh:mm:ss after "T", found "10:10"`},
	{"2004-01-01T10-10-10", `2004-01-01T10-10-10: expected a time hh:mm:ss after "T", found "10-10-10"`},
	{"2004-01-01T24:00:00", "2004-01-01T24:00:00: hour 24 out of range"},
	{"2004-01-01T10:60:00", "2004-01-01T10:60:00: minute 60 out of range"},
	{"2004-01-01T10:10:61", "2004-01-01T10:10:61: second 61 out of range"},
	{"2004-01-01T10:10:10.5", `2004-01-01T10:10:10.5: unexpected ".5" after the date`},
	{"2004-01-01T10:10:10+5", `2004-01-01T10:10:10+5: expected a time zone offset ±hh:mm, found "+5"`},
	{"2004-01-01T10:10:10+0500", `2004-01-01T10:10:10+0500: expected a time zone offset ±hh:mm, found "+0500"`},
	{"2004-01-01T10:10:10+24:00", "2004-01-01T10:10:10+24:00: time zone offset hour 24 out of range"},
	{"2004-01-01T10:10:10+05:60", "2004-01-01T10:10:10+05:60: time zone offset minute 60 out of range"},
	{"2004-01-01T10:10:10Zx", `2004-01-01T10:10:10Zx: unexpected "x" after the date`},
	{"2004-01-01T10:10:10?", `2004-01-01T10:10:10?: a date-time cannot have a qualifier ("?")`},
	{"2004-01-01T10:10:10Z~", `2004-01-01T10:10:10Z~: a date-time cannot have a qualifier ("~")`},
	{"2004-01T10:10:10", "2004-01T10:10:10: a time needs a complete date (YYYY-MM-DDThh:mm:ss)"},
	{"2004-01-XXT10:10:10", "2004-01-XXT10:10:10: a time needs a complete date (YYYY-MM-DDThh:mm:ss)"},
	{"2004-01-01t10:10:10", `2004-01-01t10:10:10: unexpected "t10:10:10" after the date`},
	// Intervals.
	{"1999/1998", "1999/1998: interval ends before it starts"},
	{"2004-06-02/2004-06-01", "2004-06-02/2004-06-01: interval ends before it starts"},
	{"2005/2004-06", "2005/2004-06: interval ends before it starts"},
	{"..", `..: open end ".." is allowed only in an interval ("../X" or "X/..")`},
	{"../..", "../..: interval has neither a start nor an end date"},
	{"/", "/: interval has neither a start nor an end date"},
	{"../", "../: interval has neither a start nor an end date"},
	{"/..", "/..: interval has neither a start nor an end date"},
	{"1999/2000/2001", `1999/2000/2001: more than one "/"`},
	{"1999/2000-13", "1999/2000-13: month 13 out of range"},
	{"1999-13/2000", "1999-13/2000: month 13 out of range"},
	{"1999/...", `1999/...: expected a 4-digit year, found "..."`},
	{"1999 / 2000", `1999 / 2000: unexpected " " after the date`},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range parseErrorTests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %q, want error %q", tt.in, d, tt.msg)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q) error %T is not *Error", tt.in, err)
			}
			if e.Input != tt.in {
				t.Errorf("Error.Input = %q, want %q", e.Input, tt.in)
			}
			if got := err.Error(); got != tt.msg {
				t.Errorf("Parse(%q) error\n got %s\nwant %s", tt.in, got, tt.msg)
			}
			if got := e.Input + ": " + e.Msg; got != err.Error() {
				t.Errorf("Error() = %q, want Input + \": \" + Msg = %q", err.Error(), got)
			}
			if !d.IsZero() {
				t.Errorf("Parse(%q) returned non-zero Date %q with an error", tt.in, d)
			}
		})
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		r := recover()
		if _, ok := r.(*Error); !ok {
			t.Errorf("MustParse panicked with %v (%T), want *Error", r, r)
		}
	}()
	MustParse("2022-13")
}

func BenchmarkParse(b *testing.B) {
	for _, in := range []string{
		"1992",
		"1992-05-15",
		"2004-01-01T10:10:10Z",
		"2004-06~/2004-08?",
		"1999/..",
		"2022-13-01", // error path
	} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Parse(in)
			}
		})
	}
}
