package edtf

import (
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	for _, tt := range parseErrorTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Input != s || e.Msg == "" || !d.IsZero() {
				t.Fatalf("Parse(%q) = %#v, %#v", s, d, err)
			}
			return
		}
		if d.IsZero() {
			t.Fatalf("Parse(%q) returned the zero Date", s)
		}
		lo, hi := d.Earliest(), d.Latest()
		if lo > hi || lo < MinDay || hi > MaxDay {
			t.Fatalf("Parse(%q): bounds %s..%s", s, lo, hi)
		}
		d2, err := Parse(d.String())
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", s, d.String(), err)
		}
		if d2 != d || !d2.Equal(d) || Compare(d, d2) != 0 || d2.Earliest() != lo || d2.Latest() != hi {
			t.Fatalf("Parse(%q) round trip: %#v != %#v", s, d2, d)
		}
		for _, p := range []Date{d.Start(), d.End()} {
			if p.IsZero() {
				continue
			}
			if p.IsInterval() || p.Earliest() > p.Latest() {
				t.Fatalf("Parse(%q): bad end %#v", s, p)
			}
			if q, err := Parse(p.String()); err != nil || q != p {
				t.Fatalf("Parse(%q): end %q does not round-trip: %v", s, p, err)
			}
		}
		if !d.Contains(lo) || !d.Contains(hi) || !d.Overlaps(d) {
			t.Fatalf("Parse(%q): does not contain its own bounds", s)
		}
		b, err := d.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var d3 Date
		if err := d3.UnmarshalText(b); err != nil || d3 != d {
			t.Fatalf("Parse(%q): text round trip %#v, %v", s, d3, err)
		}
	})
}
