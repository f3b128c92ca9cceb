package web

import (
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// Dates are written as each language's press writes them: Arabic with
// both month names, the Gregorian transliterated and the Levantine one,
// as the source article does ("15 مايو/أيار 1992"); Russian with the
// genitive month and "г." ("15 мая 1992 г."); English day-month-year
// ("15 May 1992"). Lower precisions drop what is not known: a year, a
// month and year, a season. Qualifiers are spelled out after the date.

var monthNames = map[csto.Lang][12]string{
	csto.Arabic: {"يناير/كانون الثاني", "فبراير/شباط", "مارس/آذار", "أبريل/نيسان", "مايو/أيار", "يونيو/حزيران",
		"يوليو/تموز", "أغسطس/آب", "سبتمبر/أيلول", "أكتوبر/تشرين الأول", "نوفمبر/تشرين الثاني", "ديسمبر/كانون الأول"},
	csto.English: {"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"},
	csto.Russian: {"январь", "февраль", "март", "апрель", "май", "июнь",
		"июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
}

// ruGenitive is the Russian month after a day number: "15 мая".
var ruGenitive = [12]string{"января", "февраля", "марта", "апреля", "мая", "июня",
	"июля", "августа", "сентября", "октября", "ноября", "декабря"}

// seasonNames are EDTF's seasons 21–24: spring, summer, autumn, winter.
var seasonNames = map[csto.Lang][4]string{
	csto.Arabic:  {"ربيع", "صيف", "خريف", "شتاء"},
	csto.English: {"spring", "summer", "autumn", "winter"},
	csto.Russian: {"весна", "лето", "осень", "зима"},
}

var qualifierWords = map[csto.Lang][3]string{ // uncertain, approximate, both
	csto.Arabic:  {"(غير مؤكد)", "(تقريبي)", "(غير مؤكد وتقريبي)"},
	csto.English: {"(uncertain)", "(approximate)", "(uncertain, approximate)"},
	csto.Russian: {"(не точно)", "(приблизительно)", "(не точно, приблизительно)"},
}

var intervalWords = map[csto.Lang]struct{ since, until, unknown string }{
	csto.Arabic:  {"منذ", "حتى", "غير معروف"},
	csto.English: {"since", "until", "unknown"},
	csto.Russian: {"с", "до", "неизвестно"},
}

// MonthName returns the name of month m (1–12) standing alone in lang:
// "مايو/أيار", "May", "май".
func MonthName(lang csto.Lang, m int) string {
	return names(lang)[m-1]
}

func names(lang csto.Lang) [12]string {
	if n, ok := monthNames[lang]; ok {
		return n
	}
	return monthNames[csto.English]
}

// point is one date (not an interval) split into what was written.
type point struct {
	year       string // "1992", "199X"
	month      int    // 1–12; 0 when not written or XX
	season     int    // 21–24; 0 when none
	day        int    // 0 when not written or XX
	clock      string // "10:30" when a time of day was written
	uncertain  bool
	approx     bool
	monthKnown bool // written and not XX
}

func splitPoint(d edtf.Date) point {
	s := d.String()
	var p point
	p.uncertain, p.approx = d.Uncertain(), d.Approximate()
	s = strings.TrimRight(s, "?~%")
	date, clock, _ := strings.Cut(s, "T")
	if len(clock) >= 5 {
		p.clock = clock[:5]
	}
	parts := strings.Split(date, "-")
	p.year = parts[0]
	if len(parts) > 1 {
		if n, err := strconv.Atoi(parts[1]); err == nil {
			if n >= 21 && n <= 24 {
				p.season = n
			} else {
				p.month, p.monthKnown = n, true
			}
		}
	}
	if len(parts) > 2 && p.monthKnown {
		if n, err := strconv.Atoi(parts[2]); err == nil {
			p.day = n
		}
	}
	return p
}

// yearText is a year as written, with unspecified digits as a span of
// years: "199X" → "1990–1999"; "XXXX" → "unknown".
func yearText(lang csto.Lang, y string) string {
	if !strings.Contains(y, "X") {
		return y
	}
	if y == "XXXX" {
		return intervalWords[langOr(lang)].unknown
	}
	return strings.ReplaceAll(y, "X", "0") + "–" + strings.ReplaceAll(y, "X", "9")
}

func langOr(l csto.Lang) csto.Lang {
	if _, ok := monthNames[l]; ok {
		return l
	}
	return csto.English
}

// body formats a point without its qualifier and without Russian "г.".
func (p point) body(lang csto.Lang) string {
	y := yearText(lang, p.year)
	switch {
	case p.season != 0:
		return seasonNames[lang][p.season-21] + " " + y
	case p.day != 0:
		m := names(lang)[p.month-1]
		if lang == csto.Russian {
			m = ruGenitive[p.month-1]
		}
		s := strconv.Itoa(p.day) + " " + m + " " + y
		return s
	case p.monthKnown:
		return names(lang)[p.month-1] + " " + y
	}
	return y
}

// full formats a point in lang with its year suffix, time and qualifier.
func (p point) full(lang csto.Lang) string {
	s := p.body(lang) + yearSuffix(lang, p.year)
	if p.clock != "" {
		s += " " + p.clock
	}
	return s + p.qual(lang)
}

func yearSuffix(lang csto.Lang, y string) string {
	if lang == csto.Russian && !strings.Contains(y, "X") {
		return " г."
	}
	if lang == csto.Russian && y != "XXXX" {
		return " гг."
	}
	return ""
}

func (p point) qual(lang csto.Lang) string {
	w := qualifierWords[lang]
	switch {
	case p.uncertain && p.approx:
		return " " + w[2]
	case p.uncertain:
		return " " + w[0]
	case p.approx:
		return " " + w[1]
	}
	return ""
}

// FormatDate writes an EDTF date in lang as a reader of that language
// expects it: "15 مايو/أيار 1992", "15 May 1992", "15 мая 1992 г.";
// "خريف 1996", "autumn 1996", "осень 1996 г."; intervals as a range
// ("2–6 August 2004", "1999–2000"), open ones with "since"/"until";
// uncertain (?) and approximate (~) dates marked after the date. The
// zero Date gives "".
func FormatDate(lang csto.Lang, d edtf.Date) string {
	lang = langOr(lang)
	if d.IsZero() {
		return ""
	}
	if !d.IsInterval() {
		return splitPoint(d).full(lang)
	}
	w := intervalWords[lang]
	switch {
	case d.OpenEnd():
		return w.since + " " + splitPoint(d.Start()).full(lang)
	case d.OpenStart():
		return w.until + " " + splitPoint(d.End()).full(lang)
	case d.UnknownEnd():
		return splitPoint(d.Start()).full(lang) + " – " + w.unknown
	case d.UnknownStart():
		return w.unknown + " – " + splitPoint(d.End()).full(lang)
	}
	a, b := splitPoint(d.Start()), splitPoint(d.End())
	plain := !a.uncertain && !a.approx && !b.uncertain && !b.approx && a.clock == "" && b.clock == "" &&
		!strings.Contains(a.year+b.year, "X")
	if plain && a.year != b.year && a.season == 0 && b.season == 0 && !a.monthKnown && !b.monthKnown {
		// 1999/2000 → "1999–2000" ("1999–2000 гг.").
		s := a.year + "–" + b.year
		if lang == csto.Russian {
			s += " гг."
		}
		return s
	}
	if plain && a.year == b.year && a.day != 0 && b.day != 0 {
		y := yearSuffix(lang, a.year)
		if a.month == b.month {
			// "2–6 August 2004", "2–6 августа 2004 г.".
			return strconv.Itoa(a.day) + "–" + b.body(lang) + y
		}
		// "28 April – 1 May 2021": the year once, at the end.
		return strings.TrimSuffix(a.body(lang), " "+a.year) + " – " + b.body(lang) + y
	}
	return a.full(lang) + " – " + b.full(lang)
}

// formatDateString formats an EDTF date given as text (as the registry's
// views carry it); text that is not EDTF is returned as it is.
func formatDateString(lang csto.Lang, s string) string {
	if s == "" {
		return ""
	}
	d, err := edtf.Parse(s)
	if err != nil {
		return s
	}
	return FormatDate(lang, d)
}

// yearOf is the year of a date's earliest day.
func yearOf(d edtf.Date) int {
	y, _, _ := d.Earliest().Date()
	return y
}

// compareDates orders two EDTF texts as edtf.Compare does; text that is
// not EDTF sorts first.
func compareDates(a, b string) int {
	da, _ := edtf.Parse(a)
	db, _ := edtf.Parse(b)
	return edtf.Compare(da, db)
}
