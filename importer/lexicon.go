package importer

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// lang is a set of languages whose words a lexicon lookup accepts.
type lang uint8

const (
	langAr lang = 1 << iota
	langEn
	langRu
	langAll = langAr | langEn | langRu
)

// langsFor returns the languages Options.Lang enables: one language, or
// every language for "" (each word's script tells which it is).
func langsFor(code string) lang {
	switch strings.ToLower(code) {
	case "ar":
		return langAr
	case "en":
		return langEn
	case "ru":
		return langRu
	}
	return langAll
}

// flag is a grammatical role of a date word.
type flag uint32

const (
	fYearWord  flag = 1 << iota // عام سنة year: before a year number
	fYearAfter                  // года году г.: after a year number (Russian)
	fMonthWord                  // شهر month
	fDayWord                    // يوم day; with the article, اليوم is "today"
	fFrom                       // من from с
	fTo                         // إلى حتى لغاية to until through по до
	fBetween                    // بين between между
	fAnd                        // و and и
	fPeriod                     // الفترة period
	fSince                      // منذ since с
	fIn                         // في خلال in during в: allows a bare year after it
	fOf                         // من of: between a day and its month
	fGreg                       // م ميلادي AD CE: a Gregorian year follows or precedes
	fHijriMark                  // هـ هجري AH: the year is Hijri
	fLast                       // الماضي last прошлом
	fNext                       // المقبل القادم next следующем
	fThis                       // الجاري الحالي this
	fToday                      // today сегодня (Arabic: اليوم, fDayWord with the article)
	fYesterday                  // أمس البارحة yesterday вчера
	fTomorrow                   // غدا tomorrow завтра
	fThe                        // the: skipped before date words
	fOrdSuffix                  // st nd rd th
	fCentury                    // القرن century
	fTeen                       // عشر: the "-teen" of an Arabic ordinal (الحادي عشر = 11th)
)

// Parts of a period: early, mid, late.
const (
	partNone int8 = iota
	partEarly
	partMid
	partLate
)

// wordInfo is what the lexicon knows about one folded word. A word can
// have several roles (من is both fFrom and fOf; ربيع is spring and the
// head of the Hijri month names ربيع الأول and ربيع الثاني).
type wordInfo struct {
	flags   flag
	month   int8 // Gregorian month 1–12
	hijri   int8 // Hijri month 1–12 (one-word names)
	season  int8 // EDTF season 21–24
	weekday int8 // 1 (Sunday) – 7 (Saturday)
	ordinal int8 // Arabic ordinal: 1–10, 20, 30; -1 for الحادي (only in 11, 21, 31)
	part    int8 // partEarly, partMid, partLate
	decade  int8 // 2–9 for عشرينيات … تسعينيات
	head    int8 // first word of a two-word Arabic month name: headKanun …
	lang    lang
	capital bool // an English month name, a date word only when capitalised
}

func (w wordInfo) has(f flag) bool { return w.flags&f != 0 }

// lexicon maps folded words (Arabic without clitics or article) to their roles.
var lexicon = map[string]wordInfo{}

func add(l lang, words string, set func(*wordInfo)) {
	for _, w := range strings.Fields(words) {
		w = Fold(w)
		wi := lexicon[w]
		var n wordInfo
		set(&n)
		wi.flags |= n.flags
		wi.lang |= l
		for _, p := range []struct{ dst, src *int8 }{
			{&wi.month, &n.month}, {&wi.hijri, &n.hijri}, {&wi.season, &n.season},
			{&wi.weekday, &n.weekday}, {&wi.ordinal, &n.ordinal}, {&wi.part, &n.part}, {&wi.decade, &n.decade},
			{&wi.head, &n.head},
		} {
			if *p.src != 0 {
				*p.dst = *p.src
			}
		}
		wi.capital = wi.capital || n.capital
		lexicon[w] = wi
	}
}

func flags(f flag) func(*wordInfo) { return func(w *wordInfo) { w.flags |= f } }

// roles lists words of one grammatical role in the three languages.
type roles struct {
	f          flag
	ar, en, ru string
}

func addRoles(rs []roles) {
	for _, e := range rs {
		add(langAr, e.ar, flags(e.f))
		add(langEn, e.en, flags(e.f))
		add(langRu, e.ru, flags(e.f))
	}
}

// clitic records the Arabic proclitics stripped to find a word.
type clitic uint8

const (
	clConj clitic = 1 << iota // و ف "and"
	clPrep                    // ب ل ك "in, for, like"
	clArt                     // ال "the"
)

// arSplits calls yield with w and each way of reading w as Arabic
// proclitics + stem: an optional conjunction (و ف), an optional
// preposition (ب ل ك), an optional article (ال; ل + ال is written لل).
// w itself comes first. Stems shorter than two letters are not offered.
// It stops when yield returns false.
func arSplits(w string, yield func(stem string, cl clitic) bool) {
	if !yield(w, 0) {
		return
	}
	for _, conj := range [...]string{"", "و", "ف"} {
		if !strings.HasPrefix(w, conj) {
			continue
		}
		w1 := w[len(conj):]
		var c1 clitic
		if conj != "" {
			c1 = clConj
			if longEnough(w1) && !yield(w1, c1) {
				return
			}
		}
		for _, prep := range [...]string{"", "ب", "ل", "ك"} {
			if !strings.HasPrefix(w1, prep) {
				continue
			}
			w2, c2 := w1[len(prep):], c1
			if prep != "" {
				c2 |= clPrep
				if longEnough(w2) && !yield(w2, c2) {
					return
				}
			}
			if strings.HasPrefix(w2, "ال") && longEnough(w2[len("ال"):]) && !yield(w2[len("ال"):], c2|clArt) {
				return
			}
		}
		if strings.HasPrefix(w1, "لل") && longEnough(w1[len("لل"):]) && !yield(w1[len("لل"):], c1|clPrep|clArt) {
			return
		}
	}
}

// longEnough reports whether s has at least two runes.
func longEnough(s string) bool {
	n := 0
	for range s {
		n++
		if n >= 2 {
			return true
		}
	}
	return false
}

// lookup returns the lexicon entry of a word token in one of the enabled
// languages, with the Arabic clitics stripped to find it.
func lookup(t *token, langs lang) (wordInfo, clitic, bool) {
	if t.kind != tokWord {
		return wordInfo{}, 0, false
	}
	if t.script != scriptArabic {
		wi, ok := lexicon[t.s]
		if !ok || wi.lang&langs == 0 {
			return wordInfo{}, 0, false
		}
		if wi.capital && !t.upper {
			wi.month = 0 // "may", "march" in lower case are not months
		}
		return wi, 0, true
	}
	if langs&langAr == 0 {
		return wordInfo{}, 0, false
	}
	var (
		res   wordInfo
		resCl clitic
		found bool
	)
	arSplits(t.s, func(stem string, cl clitic) bool {
		if wi, ok := lexicon[stem]; ok && wi.lang&langAr != 0 {
			res, resCl, found = wi, cl, true
			return false
		}
		return true
	})
	return res, resCl, found
}

// Stems returns the forms under which a folded Arabic word can be found:
// the word itself, then the word without its clitics (و ف, ب ل ك, ال) —
// "والمنظمه" gives "والمنظمه", "المنظمه", "منظمه". Other words give
// themselves. The search index and the gazetteer read words alike.
func Stems(folded string) []string { return AppendStems(nil, folded) }

// AppendStems appends what Stems returns to dst, for a caller that reuses
// one slice across many words.
func AppendStems(dst []string, folded string) []string {
	start := len(dst)
	dst = append(dst, folded)
	if folded == "" || !isArabicWord(folded) {
		return dst
	}
	arSplits(folded, func(stem string, _ clitic) bool {
		if stem != folded && !slices.Contains(dst[start:], stem) {
			dst = append(dst, stem)
		}
		return true
	})
	return dst
}

// isArabicWord reports whether w starts with an Arabic letter.
func isArabicWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return r >= 0x0600 && r <= 0x06FF
}
