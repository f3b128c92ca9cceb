package importer

import (
	"fmt"
	"strconv"
	"time"

	"github.com/csto/csto/edtf"
)

// dateCtx is what a date expression is completed from: the article's
// date for relative words, and the year and month of the header lines
// above it.
type dateCtx struct {
	ref         edtf.Date // the article's date; zero when unknown
	year, month int       // from the header or the dated entry above; 0 when none
	// entry is the line of the dated entry year and month come from; 0
	// when they come from a header.
	entry int
}

// yearNote is the note for a year taken from the context.
func (c dateCtx) yearNote() string {
	if c.entry != 0 {
		return "year from the entry of line " + strconv.Itoa(c.entry) + ": " + strconv.Itoa(c.year)
	}
	return "year from header: " + strconv.Itoa(c.year)
}

// Reasons a date expression gives no date.
const (
	whyNoYear    = "no year"
	whyNoRef     = "relative date without the article's date"
	whyInvalid   = "not a calendar date"
	whyHijriFail = "Hijri date out of range"
)

// resolved is a date expression turned into a date.
type resolved struct {
	date    edtf.Date
	first   pdate    // the first date, completed (for header context and notes)
	notes   []string // what was done: "range kept: …", "hijri converted …"
	derived bool     // completed from a header, resolved from a relative word, or converted from Hijri
	why     string   // when there is no date: whyNoYear …
}

// resolve turns a date expression into an EDTF date, completing it from ctx.
func resolve(e dexpr, ctx dateCtx) resolved {
	a, b := e.a, e.b
	var r resolved
	if a.rel.unit != relNone {
		var note string
		m0, d0, unit := a.m, a.d, a.rel.unit
		a, note, r.why = resolveRel(a.rel, ctx.ref)
		if unit == relYear && m0 != 0 { // "يناير من العام الجاري": the month of that year
			a.m, a.d = m0, d0
		}
		if r.why != "" {
			r.first = e.a
			return r
		}
		r.notes = append(r.notes, note)
		r.derived = true
	}
	if a.sameMonth {
		if ctx.year == 0 || ctx.month == 0 {
			r.first, r.why = a, whyNoYear
			return r
		}
		a.y, a.m, r.derived = ctx.year, ctx.month, true
		r.notes = append(r.notes, fmt.Sprintf("the month of the text: %d-%02d", ctx.year, ctx.month))
	}
	for _, p := range []*pdate{&a, &b} {
		if p.y == 0 && (p.m != 0 || p.d != 0) && ctx.year != 0 && !p.hijri {
			p.y = ctx.year
			if p.m == 0 && p.d != 0 {
				p.m = ctx.month
			}
			if p == &a {
				r.notes = append(r.notes, ctx.yearNote())
				r.derived = true
			}
		}
	}
	r.first = a
	if a.y == 0 || (e.kind != eSingle && e.kind != eSince && b.y == 0) {
		r.why = whyNoYear
		return r
	}
	alo, ahi, ok := a.bounds()
	if !ok {
		r.why = whyHijriFail
		return r
	}
	var s string
	switch e.kind {
	case eSingle:
		s = joinBounds(alo, ahi)
		if e.part != partNone {
			ps, note := partRange(a, e.part)
			if ps != "" {
				s = ps
			}
			r.notes = append(r.notes, note)
		}
	case eSince:
		s = alo + "/.."
	case eRange, ePair:
		_, bhi, ok := b.bounds()
		if !ok {
			r.why = whyHijriFail
			return r
		}
		rng := alo + "/" + bhi
		if _, err := edtf.Parse(rng); err != nil {
			r.why = whyInvalid
			return r
		}
		if e.kind == eRange {
			s = rng
		} else {
			s = joinBounds(alo, ahi)
			r.notes = append(r.notes, "range kept: "+rng)
		}
	}
	d, err := edtf.Parse(s)
	if err != nil {
		r.why = whyInvalid
		return r
	}
	if a.hijri {
		r.notes = append(r.notes, "hijri converted (tabular calendar, ±1–2 days): "+a.hijriString())
		r.derived = true
	}
	if a.numeric {
		r.notes = append(r.notes, "numeric date read day first")
	}
	if a.hijri && e.weekday != 0 && e.kind == eSingle && d.Precision() == edtf.PrecisionDay && !d.IsInterval() {
		// The tabular calendar is a day or two off the calendars in use;
		// the weekday the text names says which day is meant.
		for _, off := range []edtf.Day{0, -1, 1, -2, 2} {
			x := d.Earliest() + off
			if int(x.Time().Weekday())+1 == int(e.weekday) {
				if fixed, err := edtf.Parse(x.String()); err == nil {
					d = fixed
					r.notes = append(r.notes, "the weekday named fixes the Hijri conversion: "+x.String())
				}
				break
			}
		}
	}
	if e.weekday != 0 && d.Precision() == edtf.PrecisionDay && !d.IsInterval() {
		if got := int(d.Earliest().Time().Weekday()) + 1; got != int(e.weekday) {
			r.notes = append(r.notes, fmt.Sprintf("weekday mismatch: the text names %s, %s is a %s",
				time.Weekday(e.weekday-1), d, time.Weekday(got-1)))
		}
	}
	r.date = d
	return r
}

func joinBounds(lo, hi string) string {
	if lo == hi {
		return lo
	}
	return lo + "/" + hi
}

// bounds returns the EDTF text of the first and last readings of p: the
// same single date for a Gregorian date; for a Hijri date the converted
// first and last day, marked approximate.
func (p pdate) bounds() (lo, hi string, ok bool) {
	if !p.hijri {
		s := p.gregorian()
		return s, s, true
	}
	var first, last edtf.Day
	switch {
	case p.d != 0:
		first, ok = HijriToDay(p.y, p.m, p.d)
		last = first
	case p.m != 0:
		first, ok = HijriToDay(p.y, p.m, 1)
		last = first + edtf.Day(HijriMonthDays(p.y, p.m)-1)
	default:
		first, ok = HijriToDay(p.y, 1, 1)
		last, _ = HijriToDay(p.y, 12, HijriMonthDays(p.y, 12))
	}
	if !ok || first < edtf.MinDay || last > edtf.MaxDay {
		return "", "", false
	}
	return first.String() + "~", last.String() + "~", true
}

// gregorian formats a Gregorian pdate as EDTF: 1992, 1992-05, 1992-05-15,
// 1996-23, 199X.
func (p pdate) gregorian() string {
	switch {
	case p.decade:
		return fmt.Sprintf("%03dX", p.y/10)
	case p.season != 0:
		return fmt.Sprintf("%04d-%02d", p.y, p.season)
	case p.m == 0:
		return fmt.Sprintf("%04d", p.y)
	case p.d == 0:
		return fmt.Sprintf("%04d-%02d", p.y, p.m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", p.y, p.m, p.d)
}

var hijriMonthNames = [...]string{"", "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula",
	"Jumada al-Akhira", "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qada", "Dhu al-Hijja"}

// hijriString writes a Hijri pdate for a note: "1 Ramadan 1443 AH".
func (p pdate) hijriString() string {
	switch {
	case p.d != 0:
		return fmt.Sprintf("%d %s %d AH", p.d, hijriMonthNames[p.m], p.y)
	case p.m != 0:
		return fmt.Sprintf("%s %d AH", hijriMonthNames[p.m], p.y)
	}
	return fmt.Sprintf("%d AH", p.y)
}

// partRange returns the sub-range an early/mid/late period stands for, as
// an interval whose ends are approximate (~): the thirds of a year
// (January–April, May–August, September–December), of a month (days
// 1–10, 11–20, 21–end) and of a decade (0–3, 4–6, 7–9). A season only
// gets the ~ qualifier. "" when p cannot be divided (a day, a Hijri date).
func partRange(p pdate, part int8) (string, string) {
	name := [...]string{"", "early", "mid", "late"}[part]
	var lo, hi string
	switch {
	case p.hijri:
		return "", name + " ignored on a Hijri date"
	case p.decade:
		r := [...][2]int{{}, {0, 3}, {4, 6}, {7, 9}}[part]
		lo, hi = fmt.Sprintf("%04d~", p.y+r[0]), fmt.Sprintf("%04d~", p.y+r[1])
	case p.season != 0:
		return p.gregorian() + "~", name + ": season marked approximate"
	case p.m == 0:
		r := [...][2]int{{}, {1, 4}, {5, 8}, {9, 12}}[part]
		lo, hi = fmt.Sprintf("%04d-%02d~", p.y, r[0]), fmt.Sprintf("%04d-%02d~", p.y, r[1])
	case p.d == 0:
		last := int(edtf.DayOf(p.y, p.m+1, 1) - edtf.DayOf(p.y, p.m, 1)) // days in the month
		r := [...][2]int{{}, {1, 10}, {11, 20}, {21, last}}[part]
		lo, hi = fmt.Sprintf("%04d-%02d-%02d~", p.y, p.m, r[0]), fmt.Sprintf("%04d-%02d-%02d~", p.y, p.m, r[1])
	default:
		return "", name + " ignored on a day"
	}
	return lo + "/" + hi, name + " " + p.gregorian() + " read as the sub-range " + lo + "/" + hi
}

// resolveRel turns a relative date into a calendar date against ref.
func resolveRel(r rel, ref edtf.Date) (p pdate, note, why string) {
	if ref.IsZero() {
		return pdate{}, "", whyNoRef
	}
	day := ref.Earliest()
	y, m, _ := day.Date()
	var d int
	prec := ref.Precision()
	need := edtf.PrecisionDay
	switch r.unit {
	case relYear:
		need = edtf.PrecisionYear
	case relMonth, relMonthName:
		need = edtf.PrecisionMonth
	}
	if prec < need || (prec == edtf.PrecisionSeason && need == edtf.PrecisionMonth) {
		return pdate{}, "", whyNoRef
	}
	switch r.unit {
	case relDay:
		y, m, d = (day + edtf.Day(r.n)).Date()
		p = pdate{y: y, m: m, d: d}
	case relWeekday:
		step := edtf.Day(1)
		if r.n < 0 {
			step = -1
		}
		x := day + step
		for int(x.Time().Weekday())+1 != r.val {
			x += step
		}
		y, m, d = x.Date()
		p = pdate{y: y, m: m, d: d}
	case relMonth:
		y, m, _ = edtf.DayOf(y, m+r.n, 1).Date()
		p = pdate{y: y, m: m}
	case relYear:
		p = pdate{y: y + r.n}
	case relMonthName:
		switch {
		case r.n < 0 && r.val >= m:
			y--
		case r.n > 0 && r.val <= m:
			y++
		}
		p = pdate{y: y, m: r.val}
	}
	return p, "relative to the article's date " + ref.String(), ""
}
