package importer

// Ranges ("الفترة 1999-2000", "من … إلى …", "between … and …") and
// early/mid/late periods ("مطلع عام 2008", "mid-2008").

// rangeTail reads the end of a range after a complete first date a:
// "1999-2000", "May 1992 – June 1993" (both ends written alike), or
// "… إلى/حتى/لغاية/to/until …" (the first end completed from the second).
func (sc *scanner) rangeTail(a dexpr) (dexpr, bool) {
	k := a.j
	dash := sc.isPunct(k, "-") || sc.isPunct(k, "/")
	if !dash && !sc.word(k, fTo) {
		return dexpr{}, false
	}
	b, ok := sc.simple(k+1, !dash, true)
	if !ok || b.kind != eSingle || (dash && !sameShape(a.a, b.a)) {
		return dexpr{}, false
	}
	fill(&a.a, &b.a)
	return dexpr{i: a.i, j: b.j, kind: eRange, a: a.a, b: b.a}, true
}

// rangeLead reads a range introduced by a word: "الفترة 1999-2000",
// "الفترة من … إلى …", "من … لغاية/إلى/حتى …", "بين عامي 1999 و2000",
// "from … to …", "between … and …", "с … по …".
func (sc *scanner) rangeLead(i int) (dexpr, bool) {
	k := i
	period := sc.word(k, fPeriod)
	if period {
		k++
	}
	if t := sc.tok(k); t != nil && t.kind == tokWord && t.s == "ما" && sc.word(k+1, fBetween) { // ما بين
		k++
	}
	between := sc.word(k, fBetween)
	switch {
	case between, sc.word(k, fFrom):
		k++
	case !period:
		return dexpr{}, false
	}
	a, ok := sc.simple(k, true, true)
	switch {
	case !ok:
		return dexpr{}, false
	case a.kind == eRange, between && a.kind == ePair: // من 15 إلى 20 مايو, بين عامي 1999 و2000
		a.i, a.kind = i, eRange
		return a, true
	case a.kind != eSingle:
		return dexpr{}, false
	}
	k = a.j
	switch {
	case sc.isPunct(k, "-"), sc.isPunct(k, "/"), sc.word(k, fTo):
	case between && sc.word(k, fAnd):
	default:
		return dexpr{}, false
	}
	b, ok := sc.simple(k+1, true, true)
	if !ok || b.kind != eSingle {
		return dexpr{}, false
	}
	fill(&a.a, &b.a)
	return dexpr{i: i, j: b.j, kind: eRange, a: a.a, b: b.a}, true
}

// sameShape reports whether two complete dates are written to the same
// precision in the same calendar.
func sameShape(a, b pdate) bool {
	return a.y != 0 && b.y != 0 && a.hijri == b.hijri && a.decade == b.decade &&
		(a.m != 0) == (b.m != 0) && (a.d != 0) == (b.d != 0) && (a.season != 0) == (b.season != 0)
}

// fill completes each end of a range from the other: "من مايو إلى يوليو
// 2008" gives the first end its year, "من 15 إلى 20 مايو 1999" its month
// and year.
func fill(a, b *pdate) {
	if a.hijri != b.hijri || a.rel.unit != relNone || b.rel.unit != relNone {
		return
	}
	if a.y == 0 {
		a.y = b.y
	}
	if b.y == 0 {
		b.y = a.y
	}
	if a.d != 0 && a.m == 0 {
		a.m = b.m
	}
	if b.d != 0 && b.m == 0 {
		b.m = a.m
	}
}

// partExpr reads an early/mid/late period: "مطلع عام 2008", "منتصف
// التسعينيات", "أواخر مايو 2008", "نهاية العام الماضي", "early 2008",
// "mid-2008", "the end of May 2008", "в конце 2008 года".
func (sc *scanner) partExpr(i int) (dexpr, bool) {
	k := i
	if sc.word(k, fThe) {
		k++
	}
	p := sc.info(k).part
	if p == partNone || sc.tok(k).kind != tokWord {
		return dexpr{}, false
	}
	k++
	if sc.isPunct(k, "-") { // mid-2008
		k++
	}
	if sc.word(k, fOf) {
		k++
	}
	if sc.word(k, fThe) {
		k++
	}
	base, ok := sc.relative(k)
	if ok && base.a.rel.unit != relYear && base.a.rel.unit != relMonth && base.a.rel.unit != relMonthName {
		ok = false
	}
	if !ok {
		base, ok = sc.simple(k, false, true)
	}
	if !ok || base.kind != eSingle || base.a.d != 0 || (base.a.y == 0 && base.a.rel.unit == relNone) {
		return dexpr{}, false
	}
	base.i, base.part = i, p
	return base, true
}
