package importer

import (
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tokWord  tokKind = iota + 1 // a run of letters of one script
	tokNum                      // a run of digits (any of the three digit sets)
	tokPunct                    // one punctuation or symbol rune
)

// script is the writing system of a word token.
type script uint8

const (
	scriptOther script = iota
	scriptArabic
	scriptLatin
	scriptCyrillic
)

// token is one word, number or punctuation mark of a line. Offsets are
// byte offsets into the tokenized string, so the original spelling of any
// span of tokens is s[toks[i].start:toks[j-1].end].
type token struct {
	s          string // Fold form; for punctuation a canonical mark ("-" for every dash, "," for ،)
	start, end int
	num        int // tokNum: the value, or -1 when it has more than 9 digits
	ndig       int // tokNum: the number of digits
	kind       tokKind
	script     script
	upper      bool // tokWord: the first letter is upper-case (Latin, Cyrillic)
	shadda     bool // tokWord: the word carries a shadda
}

// isWordRune reports whether r continues a word: a letter, a combining
// mark (Arabic diacritics) or the tatweel.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	case 'ء' <= r && r <= 'ٟ': // Arabic letters, tatweel, harakat
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// isLetter is unicode.IsLetter with a fast path for ASCII and Arabic.
func isLetter(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	case 'ء' <= r && r <= 'ي':
		return r != tatweel
	case tatweel <= r && r <= 'ٟ': // harakat
		return false
	}
	return unicode.IsLetter(r)
}

// scriptOf returns the script of a letter.
func scriptOf(r rune) script {
	switch {
	case r < utf8.RuneSelf:
		return scriptLatin
	case (0x0600 <= r && r <= 0x08FF) || (0xFB50 <= r && r <= 0xFDFF) || (0xFE70 <= r && r <= 0xFEFE):
		return scriptArabic
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	}
	return scriptOther
}

// isIgnorable reports whether r is an invisible format character
// (directional marks, zero-width joiners, BOM) that neither separates nor
// belongs to a token.
func isIgnorable(r rune) bool { return unicode.Is(unicode.Cf, r) }

// tokenize appends the tokens of s to dst and returns it. Words are split
// where the script changes ("فبراير2019" and "CSTOمنظمة" are two tokens
// each); an apostrophe inside a Latin word is kept and a trailing "'s" is
// dropped from its folded form. A word made only of tatweel (the bullet
// "ـ") is a punctuation token "-".
func tokenize(s string, dst []token) []token {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || isIgnorable(r):
			i += size
		case isDigitRune(r):
			j, n, nd := i, 0, 0
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				v, ok := digitValue(r2)
				if !ok {
					break
				}
				if nd < 9 {
					n = n*10 + v
				}
				nd++
				j += sz
			}
			if nd > 9 {
				n = -1
			}
			dst = append(dst, token{kind: tokNum, s: s[i:j], start: i, end: j, num: n, ndig: nd})
			i = j
		case isWordRune(r):
			dst = append(dst, wordToken(s, i))
			i = dst[len(dst)-1].end
		default:
			dst = append(dst, token{kind: tokPunct, s: punctForm(r), start: i, end: i + size})
			i += size
		}
	}
	return dst
}

func isDigitRune(r rune) bool { _, ok := digitValue(r); return ok }

// wordToken reads the word starting at s[i:].
func wordToken(s string, i int) token {
	t := token{kind: tokWord, start: i}
	sc := scriptOther
	j := i
	letters, tatweels := false, false
	for j < len(s) {
		r, sz := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == '\'' || r == '’':
			// Inside a Latin word ("Russia's", "Côte d'Ivoire") only.
			if sc != scriptLatin || j+sz >= len(s) {
				goto done
			}
			if r2, _ := utf8.DecodeRuneInString(s[j+sz:]); !unicode.IsLetter(r2) || scriptOf(r2) != scriptLatin {
				goto done
			}
		case isIgnorable(r):
		case !isWordRune(r):
			goto done
		case isLetter(r):
			rs := scriptOf(r)
			if sc == scriptOther {
				sc = rs
				t.upper = unicode.IsUpper(r)
			} else if rs != sc {
				goto done
			}
			letters = true
		case r == shadda:
			t.shadda = true
		case r == tatweel:
			tatweels = true
		}
		j += sz
	}
done:
	if j == i { // cannot happen: s[i] starts a word; guard against an empty token
		_, sz := utf8.DecodeRuneInString(s[i:])
		j = i + sz
	}
	t.end = j
	t.script = sc
	if !letters { // "ـ" (a tatweel used as a bullet or dash), or stray marks
		t.kind, t.s = tokPunct, ""
		if tatweels {
			t.s = "-"
		}
		return t
	}
	t.s = Fold(s[i:j])
	if sc == scriptLatin {
		t.s = trimPossessive(t.s)
	}
	return t
}

// trimPossessive drops a trailing "'s" or "'" ("russia's" -> "russia") and
// turns the typographic apostrophe into "'".
func trimPossessive(w string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if len(w) > len(suf) && w[len(w)-len(suf):] == suf {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// punctForm returns the canonical form of a punctuation rune.
func punctForm(r rune) string {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', '~':
		return "-"
	case '،', ',', '٫', '‚':
		return ","
	case '؛', ';':
		return ";"
	case ':', '：', '∶':
		return ":"
	case '/', '\\', '⁄', '∕':
		return "/"
	case '(', '[', '{', '（', '﴾':
		return "("
	case ')', ']', '}', '）', '﴿':
		return ")"
	case '"', '“', '”', '«', '»', '„', '″', '\'', '‘', '’':
		return "\""
	case '.', '。', '۔':
		return "."
	}
	return string(r)
}
