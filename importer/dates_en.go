package importer

// The English date lexicon and the English-only parts of the grammar:
// month-first dates ("May 15, 1992") and decades ("the 1990s").

func init() {
	for m, names := range []string{
		1: "January Jan", 2: "February Feb", 3: "March Mar", 4: "April Apr", 5: "May",
		6: "June Jun", 7: "July Jul", 8: "August Aug", 9: "September Sep Sept",
		10: "October Oct", 11: "November Nov", 12: "December Dec",
	} {
		mm := int8(m)
		add(langEn, names, func(w *wordInfo) { w.month, w.capital = mm, true })
	}
	for s, names := range map[int8]string{21: "spring", 22: "summer", 23: "autumn fall", 24: "winter"} {
		add(langEn, names, func(w *wordInfo) { w.season = s })
	}
	for d, name := range map[int8]string{
		1: "sunday", 2: "monday", 3: "tuesday", 4: "wednesday", 5: "thursday", 6: "friday", 7: "saturday",
	} {
		add(langEn, name, func(w *wordInfo) { w.weekday = d })
	}
	for p, names := range map[int8]string{partEarly: "early beginning start", partMid: "mid middle", partLate: "late end"} {
		add(langEn, names, func(w *wordInfo) { w.part = p })
	}
	addRoles([]roles{
		{f: fYearWord, en: "year"},
		{f: fMonthWord, en: "month"},
		{f: fDayWord, en: "day"},
		{f: fFrom, en: "from"},
		{f: fTo, en: "to until till through thru"},
		{f: fBetween, en: "between"},
		{f: fAnd, en: "and"},
		{f: fPeriod, en: "period"},
		{f: fSince, en: "since"},
		{f: fIn, en: "in during on"},
		{f: fOf, en: "of"},
		{f: fGreg, en: "ad ce"},
		{f: fHijriMark, en: "ah"},
		{f: fLast, en: "last"},
		{f: fNext, en: "next coming"},
		{f: fThis, en: "this"},
		{f: fToday, en: "today"},
		{f: fYesterday, en: "yesterday"},
		{f: fTomorrow, en: "tomorrow"},
		{f: fThe, en: "the"},
		{f: fOrdSuffix, en: "st nd rd th"},
		{f: fCentury, en: "century"},
	})
}

// enMonthFirst reads "May 15, 1992", "May 15–16, 1992", "May 15 and 16,
// 1992" and "May 15" at i (a Latin-script month name). It returns false
// when no day follows the month.
func (sc *scanner) enMonthFirst(i int) (dexpr, bool) {
	t := sc.tok(i)
	if t == nil || t.script != scriptLatin {
		return dexpr{}, false
	}
	m, _, j, ok := sc.monthGroup(i)
	if !ok {
		return dexpr{}, false
	}
	d, k, ok := sc.day(j)
	if !ok {
		return dexpr{}, false
	}
	e := dexpr{i: i, a: pdate{m: m, d: d}}
	e.j = k
	if d2, kind, k2, ok := sc.dayListTail(k); ok {
		e.kind, e.b, e.j = kind, pdate{m: m, d: d2}, k2
	}
	k = e.j
	if sc.isPunct(k, ",") {
		k++
	}
	if y, hijri, k2, ok := sc.yearPhrase(k, true); ok && !hijri {
		e.a.y, e.j = y, k2
		if e.kind != eSingle {
			e.b.y = y
		}
	}
	return e, true
}

// enDecade reads "1990s" (the tokens "1990" and "s") as 1990.
func (sc *scanner) enDecade(i int) (y, next int, ok bool) {
	t, s := sc.tok(i), sc.tok(i+1)
	if t == nil || s == nil || t.kind != tokNum || t.ndig != 4 || t.num%10 != 0 || s.kind != tokWord || s.s != "s" || s.start != t.end {
		return 0, 0, false
	}
	if t.num < 1000 || t.num > 2990 {
		return 0, 0, false
	}
	return t.num, i + 2, true
}
