package search

import (
	"iter"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/csto/csto/importer"
)

// The words of a text as the index keeps them and a query looks for them:
// folded as the importer folds them (Arabic hamza and alef forms, ta
// marbuta, alef maqsura, diacritics and tatweel; Arabic-Indic digits;
// Latin and Cyrillic lower case, ё as е), then with their variants:
// an Arabic word also without its clitics (والمنظمة → المنظمه, منظمه), a
// Russian word also as its stem without its case ending (Беларуси →
// беларус), so that a query in any case of the word finds the others by
// prefix.

// maxTerms bounds the words taken from one document or query.
const (
	maxDocTerms   = 4096
	maxQueryTerms = 12
	minPrefix     = 3 // shorter query words match whole words only
)

// words splits folded text into words: runs of letters and digits.
func words(folded string, limit int) []string {
	var out []string
	for w := range wordsOf(folded, limit) {
		out = append(out, w)
	}
	return out
}

// wordsOf yields the first limit words of folded text, as words returns
// them, without collecting them.
func wordsOf(folded string, limit int) iter.Seq[string] {
	return func(yield func(string) bool) {
		n := 0
		for w := range strings.FieldsFuncSeq(folded, notWordRune) {
			if n == limit || !yield(w) {
				return
			}
			n++
		}
	}
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// variants returns w and the other forms it is indexed under.
func variants(w string) []string { return appendVariants(nil, w) }

// appendVariants appends what variants returns to dst.
func appendVariants(dst []string, w string) []string {
	if r, _ := utf8.DecodeRuneInString(w); unicode.Is(unicode.Cyrillic, r) {
		if s := russianStem(w); s != w {
			return append(dst, w, s)
		}
		return append(dst, w)
	}
	return importer.AppendStems(dst, w)
}

// docTerms returns the index's text for a document: its words and their
// variants, space-separated.
func docTerms(text string) string {
	folded := importer.Fold(text)
	// The set of terms seen and the variants' slice are reused from one
	// document to the next, and the text is sized once (the variants
	// seldom add more than half again): allocated word by word, they were
	// most of a catch-up's allocations.
	sc := scratchPool.Get().(*scratch)
	defer func() {
		clear(sc.seen) // hold no document's words between documents
		clear(sc.vs)
		scratchPool.Put(sc)
	}()
	seen := sc.seen
	var b strings.Builder
	b.Grow(len(folded) + len(folded)/2)
	for w := range wordsOf(folded, maxDocTerms) {
		sc.vs = appendVariants(sc.vs[:0], w)
		for _, v := range sc.vs {
			if _, ok := seen[v]; ok {
				continue
			}
			seen[v] = struct{}{}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(v)
		}
	}
	return b.String()
}

// scratch is docTerms' reusable state.
type scratch struct {
	seen map[string]struct{}
	vs   []string
}

var scratchPool = sync.Pool{New: func() any { return &scratch{seen: map[string]struct{}{}} }}

// queryTerm is one word of a query: any of its forms may match.
type queryTerm struct {
	forms []form
}

// form is one form of a query word: a whole word, or (prefix) the
// beginning of the words it matches.
type form struct {
	s      string
	prefix bool
}

// parseQuery returns the words of a query, each with its forms. Every
// word must match (AND); the forms of one word are alternatives (OR).
func parseQuery(q string) []queryTerm {
	var out []queryTerm
	for _, w := range words(importer.Fold(q), maxQueryTerms) {
		prefix := utf8.RuneCountInString(w) >= minPrefix
		var t queryTerm
		for _, v := range variants(w) {
			if utf8.RuneCountInString(v) >= 2 || len(t.forms) == 0 {
				t.forms = append(t.forms, form{v, prefix})
			}
		}
		if r, _ := utf8.DecodeRuneInString(w); unicode.Is(unicode.Cyrillic, r) && len(t.forms) > 1 {
			t.forms = t.forms[1:] // the stem, as a prefix, finds every case of the word
		}
		out = append(out, t)
	}
	return out
}

// russianEndings are the case and number endings of Russian nouns and
// adjectives, longest first: what a light stemmer strips.
var russianEndings = []string{
	"иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ией", "иях",
	"ах", "ях", "ам", "ям", "ой", "ей", "ом", "ем", "ов", "ев", "ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие",
	"ую", "юю", "ым", "им", "ых", "их", "ию", "ия", "ии",
	"а", "я", "ы", "и", "у", "ю", "е", "о", "ь",
}

// russianStem strips one case ending from a folded Russian word when at
// least four letters remain (Беларуси → беларус, Казахстана → казахстан).
func russianStem(w string) string {
	for _, e := range russianEndings {
		if s, ok := strings.CutSuffix(w, e); ok && utf8.RuneCountInString(s) >= 4 {
			return s
		}
	}
	return w
}
