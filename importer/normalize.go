package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	tatweel = 'ـ' // U+0640 ARABIC TATWEEL, a stretching stroke with no meaning
	shadda  = 'ّ' // U+0651 ARABIC SHADDA (gemination): وقّع "signed" vs وقع "happened"
)

// Fold returns the form in which csto compares words: the key of the
// gazetteer and of the date and event-kind lexicons.
//
//   - Arabic: diacritics (harakat, shadda, sukun, dagger alef) and tatweel
//     are removed; أ إ آ ٱ become ا, ى becomes ي, ة becomes ه; the Persian
//     letters ی and ک become ي and ك. Presentation forms (ligatures such as
//     ﻻ, from PDF text) are first decomposed by Unicode NFKC.
//   - Latin and Cyrillic are lower-cased (Unicode simple folding), combining
//     marks removed, and ё becomes е.
//   - Arabic-Indic and Persian digits become ASCII digits.
//
// Everything else (spaces, punctuation) is kept. Fold is idempotent.
func Fold(s string) string {
	if hasPresentationForms(s) {
		s = norm.NFKC.String(s)
	}
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f := foldRune(r); f != 0 {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// isFolded reports whether Fold would return s unchanged.
func isFolded(s string) bool {
	for _, r := range s {
		if foldRune(r) != r {
			return false
		}
	}
	return true
}

// foldRune returns the folded form of r, or 0 when r is dropped.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case 'ء' <= r && r <= 'ي' && r != tatweel && r != 'أ' && r != 'إ' && r != 'آ' && r != 'ى' && r != 'ة':
		return r // the common Arabic letters fold to themselves
	case 'ً' <= r && r <= 'ٟ', r == 'ٰ': // harakat, shadda, sukun, dagger alef
		return 0
	}
	switch r {
	case tatweel:
		return 0
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا'
	case 'ى', 'ی', 'ې':
		return 'ي'
	case 'ة', 'ۀ', 'ۃ':
		return 'ه'
	case 'ک':
		return 'ك'
	case 'ё':
		return 'е'
	case 'Ё':
		return 'е'
	}
	if v, ok := digitValue(r); ok {
		return rune('0' + v)
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	return unicode.ToLower(r)
}

// hasPresentationForms reports whether s holds Arabic presentation forms
// (U+FB50–U+FDFF, U+FE70–U+FEFF), which NFKC maps to ordinary letters.
func hasPresentationForms(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0xEF { // lead byte of U+F000–U+FFFF
			r, _ := utf8.DecodeRuneInString(s[i:])
			if (0xFB50 <= r && r <= 0xFDFF) || (0xFE70 <= r && r <= 0xFEFE) {
				return true
			}
		}
	}
	return false
}
