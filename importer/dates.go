package importer

// The date grammar shared by the three languages. A scanner reads the
// tokens of one line; exprAt tries, at one token, every form a date
// expression can take, and returns the longest it recognises. Every form
// looks at most a dozen tokens ahead, so scanning a line is linear in its
// length. What the grammar returns (a dexpr) is a date as written; resolve
// (resolve.go) completes it from context and turns it into EDTF.

// pdate is a date as written, before context fills its gaps; zero fields
// are absent.
type pdate struct {
	y, m, d int
	season  int  // EDTF season 21–24
	decade  bool // y is the first year of a decade ("199X")
	hijri   bool // y, m, d are in the Hijri calendar
	numeric bool // written in digits only ("15/5/1992"), read day first
	// sameMonth: a day of the month the context is in ("في الخامس من
	// الشهر", "الـ29 من ذات الشهر"); resolve takes month and year from it.
	sameMonth bool
	rel       rel // a date relative to the article's date
}

// relUnit is what a relative date counts.
type relUnit int8

const (
	relNone      relUnit = iota
	relDay               // أمس, today: n days from the article's day
	relMonth             // الشهر الماضي: n months from the article's month
	relYear              // العام المقبل: n years from the article's year
	relMonthName         // مايو الماضي: the month val before (n<0), after (n>0) or of (n=0) the article's month
	relWeekday           // الخميس الماضي: the weekday val before (n<0) or after (n>0) the article's day
)

type rel struct {
	unit relUnit
	n    int
	val  int
}

// ekind is the shape of a date expression.
type ekind int8

const (
	eSingle ekind = iota // one date
	eRange               // an interval a/b: الفترة 1999-2000, من … إلى …
	ePair                // two days or years joined by "and": 19 و20 ديسمبر; the date is a, the range is noted
	eSince               // منذ, since: a/..
)

// dexpr is one date expression: the tokens [i, j) of a line.
type dexpr struct {
	i, j    int
	kind    ekind
	a, b    pdate // b for eRange and ePair
	part    int8  // partEarly, partMid, partLate
	anchor  bool  // "today" followed by an explicit day: the article's own date
	weekday int8  // a weekday named with the date, 1 = Sunday
}

// scanner reads date expressions in the tokens of one line.
type scanner struct {
	toks  []token
	infos []wordInfo
	cls   []clitic
	langs lang
	start int // the first token of the line's content: a bare year there is a date
	// slips are the paired month names that disagree (ديسمبر/كانون ثاني),
	// read as the transliterated name; the line's notes flag them.
	slips []slip
}

// slip is a pair of month names, tokens [i, j), that name different
// months: the writer's slip is read as the transliterated name's month.
type slip struct {
	i, j int
	kept int
}

func newScanner(toks []token, langs lang) *scanner {
	sc := &scanner{toks: toks, infos: make([]wordInfo, len(toks)), cls: make([]clitic, len(toks)), langs: langs}
	for i := range toks {
		sc.infos[i], sc.cls[i], _ = lookup(&toks[i], langs)
	}
	return sc
}

func (sc *scanner) tok(i int) *token {
	if i < 0 || i >= len(sc.toks) {
		return nil
	}
	return &sc.toks[i]
}

func (sc *scanner) info(i int) wordInfo {
	if i < 0 || i >= len(sc.infos) {
		return wordInfo{}
	}
	return sc.infos[i]
}

func (sc *scanner) cl(i int) clitic {
	if i < 0 || i >= len(sc.cls) {
		return 0
	}
	return sc.cls[i]
}

func (sc *scanner) isPunct(i int, p string) bool {
	t := sc.tok(i)
	return t != nil && t.kind == tokPunct && t.s == p
}

// word reports whether token i is a word with flag f.
func (sc *scanner) word(i int, f flag) bool {
	t := sc.tok(i)
	return t != nil && t.kind == tokWord && sc.infos[i].has(f)
}

// next returns the first date expression starting at token i or later.
func (sc *scanner) next(i int) (dexpr, bool) {
	for ; i < len(sc.toks); i++ {
		if e, ok := sc.exprAt(i); ok {
			return e, true
		}
	}
	return dexpr{}, false
}

// exprAt returns the date expression starting at token i, if any.
func (sc *scanner) exprAt(i int) (dexpr, bool) {
	t := sc.tok(i)
	if t == nil || t.kind == tokPunct || (t.kind == tokWord && sc.infos[i] == wordInfo{}) {
		return dexpr{}, false
	}
	if e, ok := sc.relative(i); ok {
		return e, true
	}
	if e, ok := sc.partExpr(i); ok {
		return e, true
	}
	if e, ok := sc.rangeLead(i); ok {
		return e, true
	}
	if e, ok := sc.markedYearRange(i); ok {
		return e, true
	}
	// A weekday before a full date: "السبت 09 ربيع الأول 1432", "الأحد
	// 29/ديسمبر/2013"; the weekday checks (and, for a Hijri date, fixes)
	// the day.
	if wd := sc.info(i).weekday; wd != 0 {
		k := i + 1
		if sc.isPunct(k, ",") {
			k++
		}
		if e, ok := sc.simple(k, false, true); ok && e.kind == eSingle && e.a.d != 0 && e.a.y != 0 {
			e.i, e.weekday = i, wd
			return e, true
		}
	}
	if sc.word(i, fSince) {
		if e, ok := sc.simple(i+1, false, true); ok && e.kind == eSingle {
			e.i, e.kind = i, eSince
			return e, true
		}
	}
	e, ok := sc.simple(i, false, sc.bareOK(i))
	if !ok {
		return dexpr{}, false
	}
	if e.kind == eSingle {
		if r, ok := sc.rangeTail(e); ok {
			return r, true
		}
	}
	return e, true
}

// bareOK reports whether a year written as a bare number at i is a date:
// at the start of the line's content ("1993: …") or after في, خلال, in,
// during, since, в. Elsewhere a 4-digit number is more often a count or a
// name ("رابيز 2008", "1500 troops").
func (sc *scanner) bareOK(i int) bool {
	return i <= sc.start || sc.word(i-1, fIn) || sc.word(i-1, fSince)
}

// simple reads one date at i: a day, month and year in any of the orders
// and spellings the lexicon knows, a month and year, a season and year, a
// decade, or a year. loose also accepts a day alone or a month alone
// (the first end of a range: "من 15 إلى 20 مايو"). bareOK accepts a year
// written without a year word. A day and month without a year are
// returned: the caller completes them from a header or refuses them.
func (sc *scanner) simple(i int, loose, bareOK bool) (dexpr, bool) {
	i0 := i
	if sc.word(i, fThe) { // "the 15th of May", "the autumn of 1996"
		i++
	}
	if e, ok := sc.numeric(i); ok {
		e.i = i0
		return e, true
	}
	// Arabic ordinal day: الأول من نوفمبر 1995.
	if d, k, ok := sc.arOrdinalDay(i); ok {
		if m, h, k2, ok := sc.monthGroup(k); ok {
			return sc.withYear(dexpr{i: i0, a: pdate{m: m, d: d, hijri: h}}, k2), true
		}
		if k2, ok := sc.sameMonthAt(k-1, true); ok { // الخامس من الشهر
			return dexpr{i: i0, j: k2, a: pdate{d: d, sameMonth: true}}, true
		}
		if k2, ok := sc.sameMonthAt(k, false); ok { // الخامس من ذات الشهر
			return dexpr{i: i0, j: k2, a: pdate{d: d, sameMonth: true}}, true
		}
	}
	// Day first: 15 مايو/أيار 1992, 19 و20 ديسمبر 2019, 15th of May 1992, 15 мая 1992 года.
	if d, k, ok := sc.day(i); ok && !sc.word(k, fHijriMark) { // "12 هـ" is a year
		e := dexpr{i: i0, j: k, a: pdate{d: d}}
		if d2, kind, k2, ok := sc.dayListTail(k); ok {
			if m, h, k3, ok := sc.monthAfterDay(k2); ok {
				e.kind, e.a.m, e.a.hijri, e.b = kind, m, h, pdate{d: d2, m: m, hijri: h}
				return sc.withYear(e, k3), true
			}
		}
		if m, h, k2, ok := sc.monthAfterDay(k); ok {
			e.a.m, e.a.hijri = m, h
			return sc.withYear(e, k2), true
		}
		// 17- دجنبر 2010 (the Maghreb's dash after the day), 25/يناير/ 2011.
		if sc.isPunct(k, "-") || sc.isPunct(k, "/") {
			if m, h, k2, ok := sc.monthGroup(k + 1); ok {
				e.a.m, e.a.hijri = m, h
				return sc.withYear(e, k2), true
			}
		}
		if sc.word(k, fOf) {
			if k2, ok := sc.sameMonthAt(k+1, false); ok { // الـ29 من ذات الشهر
				e.j, e.a.sameMonth = k2, true
				return e, true
			}
		}
		if loose {
			return e, true
		}
		return dexpr{}, false
	}
	// Month first: May 15, 1992 (English).
	if e, ok := sc.enMonthFirst(i); ok {
		e.i = i0
		return e, true
	}
	// Month and year: مايو/أيار 2007, فبراير2019, May 1992, رمضان 1443 هـ.
	if m, h, k, ok := sc.monthGroup(i); ok {
		e := sc.withYear(dexpr{i: i0, j: k, a: pdate{m: m, hijri: h}}, k)
		// A month alone counts after في/in ("وفي أبريل،"): its year comes
		// from the header or the entry above.
		// So does a month alone that starts the line before a colon
		// ("ديسمبر: تنظم فنزويلا انتخابات").
		if e.a.y != 0 || e.a.rel.unit != relNone || loose || (!h && (sc.word(i0-1, fIn) || (i0 <= sc.start && sc.isPunct(k, ":")))) {
			return e, true
		}
	}
	// Season and year: خريف عام 1996, وصيف 1998, autumn 1996, осенью 1996 года.
	if s := sc.info(i).season; s != 0 && !sc.notSeason(i) {
		k := i + 1
		if sc.word(k, fOf) {
			k++
		}
		if y, h, k2, ok := sc.yearPhrase(k, true); ok && !h {
			e := dexpr{i: i0, j: k2, a: pdate{y: y, season: int(s)}}
			if s == 24 && (sc.isPunct(k2, "-") || sc.isPunct(k2, "/")) { // winter 2008-2009 is 2008-24
				if t := sc.tok(k2 + 1); t != nil && t.kind == tokNum && (t.num == y+1 || (t.ndig == 2 && t.num == (y+1)%100)) {
					e.j = k2 + 2
				}
			}
			return e, true
		}
	}
	// Decades: التسعينيات, the 1990s.
	if y, k, ok := sc.arDecade(i); ok {
		return dexpr{i: i0, j: k, a: pdate{y: y, decade: true}}, true
	}
	if y, k, ok := sc.enDecade(i); ok {
		return dexpr{i: i0, j: k, a: pdate{y: y, decade: true}}, true
	}
	// A year: عام 1993, سنة 1974, 1443 هـ, 1993 год, and a bare 1993 where bareOK.
	if y, h, k, ok := sc.yearPhrase(i, bareOK); ok {
		e := dexpr{i: i0, j: k, a: pdate{y: y, hijri: h}}
		// عامي 1999 و2000: the dual "the years 1999 and 2000".
		if t := sc.tok(i); t.kind == tokWord && t.s == "عامي" && sc.word(k, fAnd) {
			if y2, h2, k2, ok := sc.yearNum(k+1, true); ok && h2 == h && y2 > y {
				e.kind, e.b, e.j = ePair, pdate{y: y2, hijri: h}, k2
			}
		}
		return e, true
	}
	return dexpr{}, false
}

// notSeason reports whether the season word at i is not a season: ربيع
// in the Hijri months ربيع الأول/الثاني/الآخر, and الربيع العربي (the Arab
// Spring).
func (sc *scanner) notSeason(i int) bool {
	if sc.info(i).head == headRabi {
		if _, _, _, ok := sc.arTwoWordMonth(i); ok {
			return true
		}
	}
	t := sc.tok(i + 1)
	return t != nil && t.kind == tokWord && (t.s == "العربي" || t.s == "العربيه" || t.s == "عربي")
}

// withYear completes e, which ends with a month at k, with the year that
// follows it, if any: "مايو/أيار 1992", "May, 1992", "May of 1992". After
// a Hijri month the year is Hijri, marked or not; after a Gregorian month
// a year marked Hijri is not taken.
func (sc *scanner) withYear(e dexpr, k int) dexpr {
	e.j = k
	if sc.isPunct(k, ",") || sc.isPunct(k, "/") || sc.word(k, fOf) {
		k++
	}
	// "من العام الحالي 2020", "من العام الجاري": the year named, or the
	// article's year (n years from it: الماضي -1, المقبل +1).
	if sc.word(k, fYearWord) && sc.cl(k)&clArt != 0 && !e.a.hijri {
		n, named := 0, false
		switch {
		case sc.word(k+1, fThis):
			named = true
		case sc.word(k+1, fLast):
			n, named = -1, true
		case sc.word(k+1, fNext):
			n, named = 1, true
		}
		if named {
			if y, h, k2, ok := sc.yearNum(k+2, true); ok && !h {
				e.a.y, e.j = y, k2
				return e
			}
			if e.kind == eSingle {
				e.a.rel, e.j = rel{unit: relYear, n: n}, k+2
			}
			return e
		}
	}
	y, h, k2, ok := sc.yearPhrase(k, true)
	if e.a.hijri && (!ok || !h) { // رمضان 1443: after a Hijri month the year is Hijri
		y, h, k2, ok = sc.hijriYear(k)
	}
	if !ok || h != e.a.hijri {
		return e
	}
	e.a.y, e.j = y, k2
	if e.kind != eSingle {
		e.b.y = y
	}
	return e
}

// hijriYear reads an unmarked Hijri year of 3 or 4 digits after a Hijri month.
func (sc *scanner) hijriYear(i int) (int, bool, int, bool) {
	t := sc.tok(i)
	if t == nil || t.kind != tokNum || t.ndig < 3 || t.ndig > 4 || t.num < 1 || t.num > maxHijriYear {
		return 0, false, 0, false
	}
	return t.num, true, i + 1, true
}

// yearPhrase reads "عام 1993", "year 1993" or a year number with its marks.
func (sc *scanner) yearPhrase(i int, bareOK bool) (y int, hijri bool, next int, ok bool) {
	if sc.word(i, fYearWord) {
		return sc.yearNum(i+1, true)
	}
	return sc.yearNum(i, bareOK)
}

// yearNum reads a year number at i and the marks after it: هـ (Hijri), م
// or AD (Gregorian), года/г. (Russian). Unmarked, only a 4-digit year
// 1000–2999 is accepted, and only where bareOK.
func (sc *scanner) yearNum(i int, bareOK bool) (y int, hijri bool, next int, ok bool) {
	t := sc.tok(i)
	if t == nil || t.kind != tokNum || t.num < 1 || t.ndig > 4 {
		return 0, false, 0, false
	}
	y, next = t.num, i+1
	switch {
	case sc.word(next, fHijriMark):
		// "* 12 هـ" at the start of a line, "سنة 37 هـ": the first
		// centuries of the Hijra are written with one or two digits.
		if (t.ndig < 3 && !bareOK) || y > maxHijriYear {
			return 0, false, 0, false
		}
		return y, true, next + 1, true
	case sc.word(next, fGreg), sc.word(next, fYearAfter):
		if t.ndig < 3 || (t.ndig == 3 && !bareOK) {
			return 0, false, 0, false
		}
		next++
		if sc.isPunct(next, ".") && sc.tok(next-1).s == "г" {
			next++
		}
		return y, false, next, true
	}
	if !bareOK || t.ndig != 4 || y < 1000 || y > 2999 {
		return 0, false, 0, false
	}
	return y, false, next, true
}

// day reads a day of the month, 1–31, with an English ordinal suffix
// glued to it ("15th").
func (sc *scanner) day(i int) (d, next int, ok bool) {
	t := sc.tok(i)
	if t == nil || t.kind != tokNum || t.ndig > 2 || t.num < 1 || t.num > 31 {
		return 0, 0, false
	}
	next = i + 1
	if s := sc.tok(next); s != nil && s.start == t.end && sc.word(next, fOrdSuffix) {
		next++
	}
	return t.num, next, true
}

// dayListTail reads a second day after a first: "و20", "and 16" (ePair),
// "-20", "to 16" (eRange).
func (sc *scanner) dayListTail(k int) (d2 int, kind ekind, next int, ok bool) {
	switch {
	case sc.word(k, fAnd):
		kind = ePair
	case sc.isPunct(k, "-"), sc.word(k, fTo):
		kind = eRange
	default:
		return 0, 0, 0, false
	}
	d2, next, ok = sc.day(k + 1)
	return d2, kind, next, ok
}

// monthAfterDay reads the month after a day: "مايو", "من شهر مايو", "of May", "мая".
func (sc *scanner) monthAfterDay(k int) (m int, hijri bool, next int, ok bool) {
	if sc.word(k, fOf) {
		k++
	}
	return sc.monthGroup(k)
}

// monthName reads one month name at i: a Gregorian or Hijri month of one
// word, or a two-word Arabic name. A month name never has the article.
func (sc *scanner) monthName(i int) (m int, hijri bool, next int, ok bool) {
	t := sc.tok(i)
	if t == nil || t.kind != tokWord || sc.cl(i)&clArt != 0 {
		return 0, false, 0, false
	}
	w := sc.infos[i]
	switch {
	case w.head != 0:
		if m, h, n, ok := sc.arTwoWordMonth(i); ok {
			return m, h, n, true
		}
	case w.month != 0:
		if d := sc.tok(i + 1); d != nil && t.script == scriptLatin && d.s == "." && d.start == t.end {
			return int(w.month), false, i + 2, true // Oct.
		}
		return int(w.month), false, i + 1, true
	case w.hijri != 0:
		return int(w.hijri), true, i + 1, true
	}
	return 0, false, 0, false
}

// monthGroup reads a month written with one name or two names of the
// same month in either order and with any spacing: "مايو/أيار",
// "أيار/مايو", "كانون الأول/ديسمبر", "سبتمبر (أيلول)", "مايو أيار",
// optionally after شهر ("شهر مايو").
func (sc *scanner) monthGroup(i int) (m int, hijri bool, next int, ok bool) {
	if sc.word(i, fMonthWord) && sc.cl(i)&clArt == 0 {
		if m, h, n, ok := sc.monthName(i + 1); ok {
			return sc.monthAlt(m, h, n)
		}
	}
	m, hijri, j, ok := sc.monthName(i)
	if !ok {
		return 0, false, 0, false
	}
	return sc.monthAlt(m, hijri, j)
}

// monthAlt reads, after a month name ending at j, a second name of the
// same month: after "/", "-", "," or "(" … ")", or directly. A different
// month is not read ("مايو - يوليو" is a range).
func (sc *scanner) monthAlt(m int, hijri bool, j int) (int, bool, int, bool) {
	k, closing := j, false
	switch {
	case sc.isPunct(j, "/"), sc.isPunct(j, "-"), sc.isPunct(j, ","):
		k = j + 1
	case sc.isPunct(j, "("):
		k, closing = j+1, true
	}
	m2, h2, k2, ok := sc.monthName(k)
	if ok && !hijri && !h2 && m2 != m && k != j && sc.syriac(j-1) != sc.syriac(k) {
		// ديسمبر/كانون ثاني: two names of different months where one
		// month is meant; the transliterated name is the one kept.
		kept := m
		if sc.syriac(j - 1) {
			kept = m2
		}
		if closing && !sc.isPunct(k2, ")") {
			return m, hijri, j, true
		}
		if closing {
			k2++
		}
		first := j - 1
		if sc.info(first-1).head != 0 {
			first--
		}
		sc.slips = append(sc.slips, slip{i: first, j: k2, kept: kept})
		return kept, false, k2, true
	}
	if !ok || h2 != hijri || m2 != m {
		return m, hijri, j, true
	}
	if closing {
		if !sc.isPunct(k2, ")") {
			return m, hijri, j, true
		}
		k2++
	}
	return m, hijri, k2, true
}

// numeric reads dates written in digits: ISO "1992-05-15", and
// "15/5/1992", "15-05-1992", "15.05.1992", read day first as Arabic and
// Russian write them (month first only when the second number cannot be
// a month). The parts must touch.
func (sc *scanner) numeric(i int) (dexpr, bool) {
	var n [3]*token
	for k := range 3 {
		n[k] = sc.tok(i + 2*k)
		if n[k] == nil || n[k].kind != tokNum {
			return dexpr{}, false
		}
	}
	s1, s2 := sc.tok(i+1), sc.tok(i+3)
	touching := s1.start == n[0].end && n[1].start == s1.end && s2.start == n[1].end && n[2].start == s2.end
	// Slashes may be spaced ("2012 / 4 / 29"); dashes and dots must touch,
	// or "1999 - 2000" would be read as one day.
	if s1.kind != tokPunct || s1.s != s2.s || (s1.s != "-" && s1.s != "/" && s1.s != ".") || (!touching && s1.s != "/") {
		return dexpr{}, false
	}
	e := dexpr{i: i, j: i + 5}
	switch {
	case n[0].ndig == 4 && n[1].ndig == 2 && n[2].ndig == 2 && s1.s == "-":
		e.a = pdate{y: n[0].num, m: n[1].num, d: n[2].num}
	case n[0].ndig == 4 && n[1].ndig <= 2 && n[2].ndig <= 2 && s1.s == "/": // 2012/4/29
		e.a = pdate{y: n[0].num, m: n[1].num, d: n[2].num}
	case n[0].ndig <= 2 && n[1].ndig <= 2 && n[2].ndig == 4:
		d, m := n[0].num, n[1].num
		if m > 12 && d <= 12 {
			d, m = m, d
		}
		e.a = pdate{y: n[2].num, m: m, d: d, numeric: true}
	default:
		return dexpr{}, false
	}
	if e.a.m < 1 || e.a.m > 12 || e.a.d < 1 || e.a.d > 31 {
		return dexpr{}, false
	}
	// 21/8/1402هـ is a Hijri date; 13/7/1982م a Gregorian one.
	switch {
	case sc.word(e.j, fHijriMark):
		if e.a.y > maxHijriYear {
			return dexpr{}, false
		}
		e.a.hijri, e.a.numeric = true, false
		e.j++
	case sc.word(e.j, fGreg):
		e.j++
	}
	return e, true
}

// markedYearRange reads two years joined by a dash where the mark after
// the second says the calendar of both: "1325 - 1400 هـ", "1907 - 1980 م"
// (a life's span in the biographies' style).
func (sc *scanner) markedYearRange(i int) (dexpr, bool) {
	t := sc.tok(i)
	if t == nil || t.kind != tokNum || t.ndig < 3 || t.ndig > 4 || !sc.isPunct(i+1, "-") {
		return dexpr{}, false
	}
	if sc.word(i+1, fHijriMark) || sc.word(i+1, fGreg) {
		return dexpr{}, false
	}
	m := sc.tok(i + 3)
	if m == nil || !(sc.word(i+3, fHijriMark) || sc.word(i+3, fGreg)) {
		return dexpr{}, false
	}
	y2, h, k, ok := sc.yearNum(i+2, false)
	if !ok || y2 <= t.num || y2-t.num > 150 {
		return dexpr{}, false
	}
	return dexpr{i: i, j: k, kind: eRange, a: pdate{y: t.num, hijri: h}, b: pdate{y: y2, hijri: h}}, true
}

// sameMonthAt reads "الشهر" (with the article), "ذات الشهر", "نفس
// الشهر", "الشهر نفسه/ذاته" at k — the month the text is in — and
// returns the token after it. atMonth says k is the month word itself
// (after an ordinal day that took من and شهر). "الشهر الماضي/المقبل" is a
// relative month, not this one.
func (sc *scanner) sameMonthAt(k int, atMonth bool) (int, bool) {
	if !atMonth {
		if t := sc.tok(k); t != nil && t.kind == tokWord && (t.s == "ذات" || t.s == "نفس") {
			k++
		}
	}
	if !sc.word(k, fMonthWord) || sc.cl(k)&clArt == 0 {
		return 0, false
	}
	k++
	if t := sc.tok(k); t != nil && t.kind == tokWord && (t.s == "نفسه" || t.s == "ذاته") {
		k++
	}
	if sc.word(k, fLast) || sc.word(k, fNext) || sc.word(k, fThis) {
		return 0, false
	}
	return k, true
}

// syriac reports whether the month name ending at token i is a Levantine
// (Syriac) name: كانون الثاني, شباط … أيلول, تشرين الأول.
func (sc *scanner) syriac(i int) bool {
	t := sc.tok(i)
	if t == nil || t.kind != tokWord {
		return false
	}
	if syriacMonths[t.s] {
		return true
	}
	// The second word of كانون الثاني or تشرين الأول: its head is before it.
	return sc.info(i-1).head == headKanun || sc.info(i-1).head == headTishrin || sc.info(i).head != 0
}
