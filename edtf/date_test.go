package edtf

import (
	"slices"
	"testing"
	"time"
)

func TestCompareOrder(t *testing.T) {
	// Sorted: zero first, then by Earliest, Latest, String.
	want := []string{
		"",
		"../1990",
		"/1990",
		"XXXX",
		"1990-01-01",
		"1990-01",
		"1990-01~",
		"1990-01-01/1990-06",
		"1990",
		"1990?",
		"199X",
		"1990/",
		"1990/..",
		"1990-02-XX",
		"1990-21",
		"1990-24",
		"1990-24/1991",
		"1991-01",
	}
	dates := make([]Date, len(want))
	for i, s := range want {
		if s != "" {
			dates[i] = MustParse(s)
		}
	}
	shuffled := slices.Clone(dates)
	slices.Reverse(shuffled)
	shuffled[0], shuffled[5] = shuffled[5], shuffled[0]
	slices.SortFunc(shuffled, Compare)
	for i := range shuffled {
		if shuffled[i] != dates[i] {
			t.Errorf("sorted[%d] = %q, want %q", i, shuffled[i], dates[i])
		}
	}
	for i := range dates {
		for j := range dates {
			got, want := Compare(dates[i], dates[j]), 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got != want {
				t.Errorf("Compare(%q, %q) = %d, want %d", dates[i], dates[j], got, want)
			}
		}
	}
}

func TestCompareQualifierOnly(t *testing.T) {
	// Same bounds: ordered by String, never equal.
	a, b := MustParse("2004"), MustParse("2004?")
	if Compare(a, b) != -1 || Compare(b, a) != 1 || a.Equal(b) {
		t.Errorf("Compare(2004, 2004?) = %d", Compare(a, b))
	}
}

func TestOverlaps(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"1992", "1992-05-15", true},
		{"1992", "1993", false},
		{"1992-12-31", "1993-01-01", false},
		{"1992/1993", "1993-12-31", true},
		{"1992/1993", "1994", false},
		{"1999/..", "9999-12-31", true},
		{"1999/..", "1998-12-31", false},
		{"1999/..", "1999-01-01", true},
		{"../2000", "0000-01-01", true},
		{"../2000", "2001", false},
		{"../2000", "1999/..", true},
		{"../1998", "1999/..", false},
		{"1999/", "2050", true},
		{"/2000", "1000", true},
		{"/2000", "2000-12-31/..", true},
		{"201X", "2015-06-01", true},
		{"201X", "2020", false},
		{"2001-24", "2002-02-28", true},
		{"2001-24", "2002-03", false},
		{"2004-06~/2004-08?", "2004-08-31", true},
		{"2004-06~/2004-08?", "2004-05-31", false},
		{"XXXX", "0000-01-01", true},
	}
	for _, tt := range tests {
		a, b := MustParse(tt.a), MustParse(tt.b)
		if got := a.Overlaps(b); got != tt.want {
			t.Errorf("%q.Overlaps(%q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := b.Overlaps(a); got != tt.want {
			t.Errorf("%q.Overlaps(%q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
		if !a.Overlaps(a) {
			t.Errorf("%q does not overlap itself", tt.a)
		}
	}
}

func TestContains(t *testing.T) {
	tests := []struct {
		d    string
		day  Day
		want bool
	}{
		{"1992", DayOf(1992, 1, 1), true},
		{"1992", DayOf(1992, 12, 31), true},
		{"1992", DayOf(1993, 1, 1), false},
		{"1992", DayOf(1991, 12, 31), false},
		{"2000-02", DayOf(2000, 2, 29), true},
		{"1999/..", MaxDay, true},
		{"../1999", MinDay, true},
		{"/1999", MinDay, true},
		{"1999/", MaxDay, true},
		{"2004-01-01T23:00:00-05:00", DayOf(2004, 1, 1), true},
		{"2004-01-01T23:00:00-05:00", DayOf(2004, 1, 2), false},
	}
	for _, tt := range tests {
		if got := MustParse(tt.d).Contains(tt.day); got != tt.want {
			t.Errorf("%q.Contains(%s) = %v, want %v", tt.d, tt.day, got, tt.want)
		}
	}
}

func TestStartEnd(t *testing.T) {
	tests := []struct {
		in, start, end string
		openS, openE   bool
		unkS, unkE     bool
	}{
		{in: "1992", start: "1992", end: "1992"},
		{in: "1964/2008", start: "1964", end: "2008"},
		{in: "2004-06~/2004-08?", start: "2004-06~", end: "2004-08?"},
		{in: "../2000", start: "", end: "2000", openS: true},
		{in: "1999/..", start: "1999", end: "", openE: true},
		{in: "/2000", start: "", end: "2000", unkS: true},
		{in: "1999/", start: "1999", end: "", unkE: true},
		{in: "2004-01-01T10:10:10Z/2004-01-02", start: "2004-01-01T10:10:10Z", end: "2004-01-02"},
	}
	for _, tt := range tests {
		d := MustParse(tt.in)
		s, e := d.Start(), d.End()
		if s.String() != tt.start || e.String() != tt.end {
			t.Errorf("%q: Start, End = %q, %q; want %q, %q", tt.in, s, e, tt.start, tt.end)
		}
		// Endpoints are equal to the same text parsed on its own.
		if tt.start != "" && s != MustParse(tt.start) {
			t.Errorf("%q: Start() = %#v, want %#v", tt.in, s, MustParse(tt.start))
		}
		if tt.end != "" && e != MustParse(tt.end) {
			t.Errorf("%q: End() = %#v, want %#v", tt.in, e, MustParse(tt.end))
		}
		if tt.start == "" && !s.IsZero() || tt.end == "" && !e.IsZero() {
			t.Errorf("%q: open or unknown end is not the zero Date", tt.in)
		}
		if d.OpenStart() != tt.openS || d.OpenEnd() != tt.openE || d.UnknownStart() != tt.unkS || d.UnknownEnd() != tt.unkE {
			t.Errorf("%q: OpenStart, OpenEnd, UnknownStart, UnknownEnd = %v %v %v %v", tt.in,
				d.OpenStart(), d.OpenEnd(), d.UnknownStart(), d.UnknownEnd())
		}
	}
}

func TestHasTime(t *testing.T) {
	for in, want := range map[string]bool{
		"2004-01-01":                 false,
		"2004-01-01T10:10:10":        true,
		"1999/2004-01-01T10:10:10Z":  true,
		"2004-06~/2004-08?":          false,
		"2004-01-01T10:10:10+01:00/": true,
	} {
		if got := MustParse(in).HasTime(); got != want {
			t.Errorf("%q.HasTime() = %v, want %v", in, got, want)
		}
	}
}

func TestZeroDate(t *testing.T) {
	var z Date
	if !z.IsZero() || z.String() != "" || z.IsInterval() || z.Uncertain() || z.Approximate() || z.HasTime() {
		t.Errorf("zero Date: %#v", z)
	}
	if z.Precision() != PrecisionNone {
		t.Errorf("zero Date Precision = %v", z.Precision())
	}
	if z.Earliest() != MinDay || z.Latest() != MaxDay {
		t.Errorf("zero Date bounds = %s..%s", z.Earliest(), z.Latest())
	}
	if z.Contains(0) || z.Overlaps(MustParse("1999/..")) || MustParse("XXXX").Overlaps(z) || z.Overlaps(z) {
		t.Errorf("zero Date contains or overlaps something")
	}
	if !z.Start().IsZero() || !z.End().IsZero() {
		t.Errorf("zero Date Start/End not zero")
	}
	if !z.Equal(Date{}) || Compare(z, Date{}) != 0 || Compare(z, MustParse("../0000")) != -1 || Compare(MustParse("0000"), z) != 1 {
		t.Errorf("zero Date ordering")
	}
}

func TestFromDay(t *testing.T) {
	d := FromDay(DayOf(2022, 1, 6))
	if d.String() != "2022-01-06" || d != MustParse("2022-01-06") || d.Precision() != PrecisionDay {
		t.Errorf("FromDay = %#v", d)
	}
	for _, day := range []Day{MinDay, MaxDay, 0, -1} {
		if got := FromDay(day); got != MustParse(day.String()) || got.Earliest() != day || got.Latest() != day {
			t.Errorf("FromDay(%s) = %#v", day, got)
		}
	}
	if !FromDay(MinDay-1).IsZero() || !FromDay(MaxDay+1).IsZero() {
		t.Errorf("FromDay out of range is not zero")
	}
}

func TestToday(t *testing.T) {
	before := DayFromTime(time.Now().UTC())
	d := Today()
	after := DayFromTime(time.Now().UTC())
	if d.Precision() != PrecisionDay || d.Earliest() < before || d.Earliest() > after || d != MustParse(d.String()) {
		t.Errorf("Today() = %#v, want a day between %s and %s", d, before, after)
	}
}
