package importer

// Relative dates: أمس, اليوم, غدا, العام الماضي, الشهر المقبل, مايو
// الماضي, الخميس المقبل, yesterday, last year, в прошлом году. They are
// resolved against the article's date (Options.Published, or the date
// the article gives for "today").

// relative reads a relative date at i, or "today" followed by an explicit
// date (the anchor: اليوم الخميس السادس من يناير/كانون الثاني 2022).
func (sc *scanner) relative(i int) (dexpr, bool) {
	t := sc.tok(i)
	if t == nil || t.kind != tokWord {
		return dexpr{}, false
	}
	w := sc.infos[i]
	arabic := t.script == scriptArabic
	switch {
	case w.ordinal == 1 && sc.cl(i)&clArt == 0 && sc.word(i+1, fYesterday) && sc.cl(i+1)&clArt == 0: // أول أمس
		return sc.relDay(i, i+2, -2), true
	case w.has(fYesterday) && sc.cl(i)&clArt == 0: // not الأمس, "the past"
		return sc.relDay(i, i+1, -1), true
	case w.has(fTomorrow) && sc.cl(i)&clArt == 0:
		return sc.relDay(i, i+1, +1), true
	case w.has(fToday) || sc.arToday(i):
		return sc.today(i)
	}
	if arabic {
		// العام الماضي, السنة المقبلة, الشهر الجاري: the noun with its article, then the adjective.
		if sc.cl(i)&clArt != 0 && (w.has(fYearWord) || w.has(fMonthWord)) {
			if n, ok := sc.relAdj(i + 1); ok {
				u := relYear
				if w.has(fMonthWord) {
					u = relMonth
				}
				return dexpr{i: i, j: i + 2, a: pdate{rel: rel{unit: u, n: n}}}, true
			}
		}
		// مايو الماضي
		if m, h, k, ok := sc.monthName(i); ok && !h {
			if n, ok := sc.relAdj(k); ok {
				return dexpr{i: i, j: k + 1, a: pdate{rel: rel{unit: relMonthName, n: n, val: m}}}, true
			}
		}
		// الخميس الماضي
		if w.weekday != 0 && sc.cl(i)&clArt != 0 {
			if n, ok := sc.relAdj(i + 1); ok && n != 0 {
				return dexpr{i: i, j: i + 2, a: pdate{rel: rel{unit: relWeekday, n: n, val: int(w.weekday)}}}, true
			}
		}
		return dexpr{}, false
	}
	// last year, next month, this May, last Thursday, в прошлом году.
	n, ok := sc.relAdj(i)
	if !ok {
		return dexpr{}, false
	}
	u := sc.info(i + 1)
	switch {
	case sc.word(i+1, fYearWord) || sc.word(i+1, fYearAfter):
		return dexpr{i: i, j: i + 2, a: pdate{rel: rel{unit: relYear, n: n}}}, true
	case sc.word(i+1, fMonthWord):
		return dexpr{i: i, j: i + 2, a: pdate{rel: rel{unit: relMonth, n: n}}}, true
	case u.month != 0:
		return dexpr{i: i, j: i + 2, a: pdate{rel: rel{unit: relMonthName, n: n, val: int(u.month)}}}, true
	case u.weekday != 0 && n != 0:
		return dexpr{i: i, j: i + 2, a: pdate{rel: rel{unit: relWeekday, n: n, val: int(u.weekday)}}}, true
	}
	return dexpr{}, false
}

// relAdj reads الماضي/last (-1), المقبل/next (+1) or الجاري/this (0) at i.
func (sc *scanner) relAdj(i int) (int, bool) {
	switch {
	case sc.word(i, fLast):
		return -1, true
	case sc.word(i, fNext):
		return +1, true
	case sc.word(i, fThis):
		return 0, true
	}
	return 0, false
}

// relDay is a day n days from the article's day, with the weekday that
// may follow it (وأمس الأربعاء).
func (sc *scanner) relDay(i, k, n int) dexpr {
	e := dexpr{i: i, j: k, a: pdate{rel: rel{unit: relDay, n: n}}}
	if wd := sc.info(k).weekday; wd != 0 {
		e.weekday, e.j = wd, k+1
	}
	return e
}

// today reads "today" at i. Followed by an explicit day ("اليوم الخميس
// السادس من يناير 2022", "today, 6 January 2022") it is that day and the
// article's date (anchor). Followed by a weekday it is the article's day.
// Arabic اليوم alone also means "nowadays" or "the day", so it is a date
// only after a part of the day (صباح اليوم); today and сегодня alone are.
func (sc *scanner) today(i int) (dexpr, bool) {
	k := i + 1
	var wd int8
	if wd = sc.info(k).weekday; wd != 0 {
		k++
	}
	end := k
	if sc.isPunct(k, ",") {
		k++
	}
	if e, ok := sc.simple(k, false, true); ok && e.kind == eSingle && e.a.d != 0 && e.a.y != 0 && !e.a.hijri {
		e.i, e.anchor, e.weekday = i, true, wd
		return e, true
	}
	if wd != 0 || sc.tok(i).script != scriptArabic || sc.arTodayAlone(i) {
		return dexpr{i: i, j: end, a: pdate{rel: rel{unit: relDay}}, weekday: wd}, true
	}
	return dexpr{}, false
}
