package importer

import "strings"

// The Arabic date lexicon and the Arabic-only parts of the date grammar:
// two-word month names, ordinal day words, decades, and اليوم.

// Heads of two-word Arabic month names.
const (
	headKanun   int8 = iota + 1 // كانون الثاني (January), كانون الأول (December)
	headTishrin                 // تشرين الأول (October), تشرين الثاني (November)
	headRabi                    // ربيع الأول, ربيع الثاني/الآخر (Hijri 3, 4)
	headJumada                  // جمادى الأولى, جمادى الآخرة/الثانية (Hijri 5, 6)
	headDhu                     // ذو القعدة, ذو الحجة (Hijri 11, 12)
)

// arMonthSecond maps the second word of a two-word month name (without
// its article) to 1 (first), 2 (second) or the Hijri month it names.
var arMonthSecond = map[string]int8{
	"اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "اخر": 2, "اخره": 2, "قعده": 11, "حجه": 12,
}

// arPartOfDay are the words before اليوم that make it "today" on its own
// (صباح اليوم "this morning").
var arPartOfDay = map[string]bool{"صباح": true, "مساء": true, "ظهر": true, "عصر": true, "فجر": true, "ليله": true}

// syriacMonths are the folded one-word Levantine month names (the
// two-word ones, كانون and تشرين, are known by their head).
var syriacMonths = map[string]bool{}

func init() {
	for _, w := range strings.Fields("شباط آذار نيسان أيار حزيران تموز آب أيلول") {
		syriacMonths[Fold(w)] = true
	}
	// Gregorian months: the transliterated names (Egypt, the Gulf), the
	// Levantine (Syriac) names, and the Maghreb forms (Algeria, Tunisia:
	// جانفي فيفري أفريل ماي جوان جويلية أوت; Morocco: يوليوز غشت شتنبر نونبر
	// دجنبر). Two-word Levantine names are read from their head word.
	for m, names := range []string{
		1:  "يناير جانفي جانفييه ينار",
		2:  "فبراير فيفري فبرير شباط",
		3:  "مارس آذار",
		4:  "أبريل إبريل ابريل أفريل نيسان",
		5:  "مايو ماي أيار مايس",
		6:  "يونيو يونيه جوان حزيران",
		7:  "يوليو يوليه جويلية جويليه يوليوز تموز",
		8:  "أغسطس اغسطس أوت آب غشت أغشت",
		9:  "سبتمبر أيلول شتنبر",
		10: "أكتوبر اكتوبر",
		11: "نوفمبر نونبر",
		12: "ديسمبر دجنبر دسمبر",
	} {
		mm := int8(m)
		add(langAr, names, func(w *wordInfo) { w.month = mm })
	}
	for h, names := range map[int8]string{
		headKanun: "كانون", headTishrin: "تشرين", headRabi: "ربيع", headJumada: "جمادى جمادي", headDhu: "ذو ذي",
	} {
		add(langAr, names, func(w *wordInfo) { w.head = h })
	}
	// Hijri months with one-word names.
	for m, name := range map[int8]string{1: "محرم", 2: "صفر", 7: "رجب", 8: "شعبان", 9: "رمضان", 10: "شوال"} {
		add(langAr, name, func(w *wordInfo) { w.hijri = m })
	}
	for s, name := range map[int8]string{21: "ربيع", 22: "صيف", 23: "خريف", 24: "شتاء"} {
		add(langAr, name, func(w *wordInfo) { w.season = s })
	}
	for d, names := range map[int8]string{
		1: "أحد", 2: "اثنين إثنين", 3: "ثلاثاء", 4: "أربعاء", 5: "خميس", 6: "جمعة", 7: "سبت",
	} {
		add(langAr, names, func(w *wordInfo) { w.weekday = d })
	}
	// Ordinal day words: الأول من …, الحادي عشر من …, الثاني والعشرين من …
	for o, name := range map[int8]string{
		1: "أول", 2: "ثاني", 3: "ثالث", 4: "رابع", 5: "خامس", 6: "سادس", 7: "سابع",
		8: "ثامن", 9: "تاسع", 10: "عاشر", 20: "عشرين", 30: "ثلاثين", -1: "حادي",
	} {
		add(langAr, name, func(w *wordInfo) { w.ordinal = o })
	}
	// Decades: التسعينيات = the 1990s.
	for d, names := range map[int8]string{
		2: "عشرينيات عشرينات", 3: "ثلاثينيات ثلاثينات", 4: "أربعينيات أربعينات", 5: "خمسينيات خمسينات",
		6: "ستينيات ستينات", 7: "سبعينيات سبعينات", 8: "ثمانينيات ثمانينات", 9: "تسعينيات تسعينات",
	} {
		add(langAr, names, func(w *wordInfo) { w.decade = d })
	}
	for p, names := range map[int8]string{
		partEarly: "مطلع بداية بدايات أوائل مستهل",
		partMid:   "منتصف أواسط",
		partLate:  "أواخر نهاية نهايات",
	} {
		add(langAr, names, func(w *wordInfo) { w.part = p })
	}
	addRoles([]roles{
		{f: fYearWord, ar: "عام سنة عامي"},
		{f: fMonthWord, ar: "شهر"},
		{f: fDayWord, ar: "يوم"},
		{f: fFrom | fOf, ar: "من"},
		{f: fTo, ar: "إلى الى حتى لغاية غاية"},
		{f: fBetween, ar: "بين"},
		{f: fAnd, ar: "و"},
		{f: fPeriod, ar: "فترة"},
		{f: fSince, ar: "منذ"},
		{f: fIn, ar: "في خلال"},
		{f: fGreg, ar: "م ميلادي ميلادية ميلاد"},
		{f: fHijriMark, ar: "ه هجري هجرية هجرة"},
		{f: fLast, ar: "ماضي ماضية فائت منصرم"},
		{f: fNext, ar: "مقبل مقبلة قادم قادمة"},
		{f: fThis, ar: "جاري جارية حالي حالية"},
		{f: fYesterday, ar: "أمس بارحة"},
		{f: fTomorrow, ar: "غدا"},
		{f: fCentury, ar: "قرن"},
		{f: fTeen, ar: "عشر"},
	})
}

// arTwoWordMonth reads a two-word Arabic month name at i (كانون الثاني,
// تشرين الأول, ربيع الأول, جمادى الآخرة, ذو الحجة).
func (sc *scanner) arTwoWordMonth(i int) (m int, hijri bool, next int, ok bool) {
	h := sc.info(i).head
	t := sc.tok(i + 1)
	if h == 0 || t == nil || t.kind != tokWord || t.script != scriptArabic {
		return 0, false, 0, false
	}
	w := t.s
	if len(w) > len("ال") && w[:len("ال")] == "ال" {
		w = w[len("ال"):]
	}
	second, found := arMonthSecond[w]
	if !found {
		return 0, false, 0, false
	}
	switch {
	case h == headKanun && second == 1:
		return 12, false, i + 2, true
	case h == headKanun && second == 2:
		return 1, false, i + 2, true
	case h == headTishrin && second <= 2:
		return 9 + int(second), false, i + 2, true
	case h == headRabi && second <= 2:
		return 2 + int(second), true, i + 2, true
	case h == headJumada && second <= 2:
		return 4 + int(second), true, i + 2, true
	case h == headDhu && second >= 11:
		return int(second), true, i + 2, true
	}
	return 0, false, 0, false
}

// arOrdinalDay reads an Arabic ordinal day followed by من and an optional
// شهر: "الأول من", "السادس من", "الحادي عشر من", "الثاني والعشرين من شهر".
// next is the index of the month name.
func (sc *scanner) arOrdinalDay(i int) (d, next int, ok bool) {
	o := int(sc.info(i).ordinal)
	if o == 0 {
		return 0, 0, false
	}
	j := i + 1
	unit := o
	if o == -1 {
		unit = 1
	}
	switch {
	case unit <= 9 && sc.info(j).has(fTeen):
		d, j = unit+10, j+1
	case unit <= 9 && sc.isTens(j) > 0 && sc.cl(j)&clConj != 0:
		d, j = unit+sc.isTens(j), j+1
	case unit <= 9 && sc.info(j).has(fAnd) && sc.tok(j).kind == tokWord && sc.isTens(j+1) > 0:
		d, j = unit+sc.isTens(j+1), j+2
	case o == -1:
		return 0, 0, false
	default:
		d = o
	}
	if t := sc.tok(j); t != nil && t.kind == tokWord && t.s == "ايام" { // ثاني أيام شهر يناير
		j++
		if !sc.info(j).has(fMonthWord) {
			return 0, 0, false
		}
		return d, j + 1, true
	}
	if !sc.info(j).has(fOf) {
		return 0, 0, false
	}
	j++
	if sc.info(j).has(fMonthWord) {
		j++
	}
	return d, j, true
}

// isTens returns 20 or 30 for العشرين and الثلاثين at i, else 0.
func (sc *scanner) isTens(i int) int {
	if o := sc.info(i).ordinal; o == 20 || o == 30 {
		return int(o)
	}
	return 0
}

// arDecade reads "التسعينيات [القرن الماضي|القرن العشرين]" as the first
// year of the decade. Without a century the twentieth is meant; القرن
// الحالي/الجاري (this century) or الحادي والعشرين give the 2000s.
func (sc *scanner) arDecade(i int) (y, next int, ok bool) {
	d := int(sc.info(i).decade)
	if d == 0 {
		return 0, 0, false
	}
	y, next = 1900+10*d, i+1
	if sc.info(next).has(fCentury) {
		switch w := sc.info(next + 1); {
		case w.has(fThis):
			y += 100
			next += 2
		case w.ordinal == -1 && sc.isTens(next+2) == 20:
			y += 100
			next += 3
		case w.has(fLast), w.ordinal == 20:
			next += 2
		}
	}
	return y, next, true
}

// arToday reports whether the token at i is اليوم (يوم with the article).
func (sc *scanner) arToday(i int) bool {
	return sc.info(i).has(fDayWord) && sc.cl(i)&clArt != 0 && sc.tok(i).script == scriptArabic
}

// arTodayAlone reports whether اليوم at i means "today" without a weekday
// or a date after it: only after a part of the day (صباح اليوم, مساء اليوم).
// A bare اليوم also means "nowadays" or "the day", so it is not a date.
func (sc *scanner) arTodayAlone(i int) bool {
	t := sc.tok(i - 1)
	return t != nil && t.kind == tokWord && arPartOfDay[t.s]
}
