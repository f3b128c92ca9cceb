package importer

import (
	"strings"
	"unicode/utf8"
)

// Entry is a state or an organization and every spelling of its name.
type Entry struct {
	Code  string   // ISO 3166-1 alpha-3 for a state ("RUS"), the registry ID for an org ("csto")
	Kind  string   // "state" or "org"
	Names []string // every spelling in every language: "روسيا", "Russia", "Россия", "ОДКБ"
}

// Gazetteer finds the states and organizations an Arabic, English or
// Russian text names. It is immutable once built and safe for concurrent
// use.
//
// Names are compared word by word in their Fold form (Arabic without
// diacritics and tatweel, with unified alef, ya and ta marbuta; Latin and
// Cyrillic case-insensitive) and the longest name wins ("روسيا البيضاء"
// is Belarus, not Russia). Arabic words are also found behind the
// proclitics و ف ب ل ك and the article (وروسيا, بروسيا, لروسيا, والصين,
// بالصين, للصين); a name written with the article (الصين) needs it, one
// written without (روسيا) takes it or not. A one-word Arabic state name
// also matches its nisba adjective (روسيا: الروسي, روسية, الروسيين;
// كازاخستان: الكازاخستاني). Russian words match across case endings
// (Россия, России, Россией). English drops a possessive 's.
type Gazetteer struct {
	entries []Entry
	index   map[string][]gpat // key of a name's first word -> its names, longest first
}

// gpat is one spelling of one entry, as folded words.
type gpat struct {
	rest    []string // the words after the first (Cyrillic: their stems)
	entry   int
	article bool // Arabic: the first word is written with ال and needs it
	derived bool // a nisba adjective derived from the name
}

// NewGazetteer builds a gazetteer from entries. Names that fold to nothing
// are ignored; a spelling shared by two entries goes to the first.
func NewGazetteer(entries []Entry) *Gazetteer {
	g := &Gazetteer{entries: entries, index: map[string][]gpat{}}
	for ei, e := range entries {
		for _, name := range e.Names {
			words := nameWords(name)
			if len(words) == 0 {
				continue
			}
			key, article := words[0].key, false
			if words[0].script == scriptArabic && strings.HasPrefix(key, "ال") && longEnough(key[len("ال"):]) {
				key, article = key[len("ال"):], true
			}
			rest := make([]string, len(words)-1)
			for k, w := range words[1:] {
				rest[k] = w.key
			}
			g.addPat(key, gpat{rest: rest, entry: ei, article: article})
			if e.Kind == "state" && len(words) == 1 && words[0].script == scriptArabic {
				for _, n := range nisbas(key) {
					g.addPat(n, gpat{entry: ei, derived: true})
				}
			}
		}
	}
	for k, ps := range g.index {
		// Longest first; among equals, spelled names before derived ones.
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && less(ps[j], ps[j-1]); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
		g.index[k] = ps
	}
	return g
}

func less(a, b gpat) bool {
	if len(a.rest) != len(b.rest) {
		return len(a.rest) > len(b.rest)
	}
	return !a.derived && b.derived
}

func (g *Gazetteer) addPat(key string, p gpat) {
	for _, q := range g.index[key] {
		if q.article == p.article && slicesEqual(q.rest, p.rest) {
			return // the same spelling again, or shared with an earlier entry
		}
	}
	g.index[key] = append(g.index[key], p)
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

type nameWord struct {
	key    string
	script script
}

// nameWords returns the words of a name as gazetteer keys, punctuation
// kept (it must match too: "Guinea-Bissau").
func nameWords(name string) []nameWord {
	var out []nameWord
	for _, t := range tokenize(name, nil) {
		if t.s == "" {
			continue
		}
		out = append(out, nameWord{key: wordKey(&t), script: t.script})
	}
	return out
}

// wordKey is the form in which a token is compared: its fold, and for
// Cyrillic its stem.
func wordKey(t *token) string {
	if t.kind == tokWord && t.script == scriptCyrillic {
		return ruStem(t.s)
	}
	return t.s
}

// nisbas returns the nisba adjectives of a one-word Arabic state name
// (without its article): روسيا -> روسي, روسيه, روسيون, روسيين;
// كازاخستان -> كازاخستاني …; الصين -> صيني …. A name that already is a
// nisba (a demonym spelled in the gazetteer: طاجيكي) gets its feminine
// and plural forms. Names of fewer than three letters give none.
func nisbas(name string) []string {
	if utf8.RuneCountInString(name) < 3 {
		return nil
	}
	if strings.HasSuffix(name, "ي") {
		return []string{name + "ه", name + "ون", name + "ين"}
	}
	base := strings.TrimSuffix(name, "ا")
	if !strings.HasSuffix(base, "ي") {
		base += "ي"
	}
	return []string{base, base + "ه", base + "ون", base + "ين"}
}

// ruEndings are Russian case endings, longest first.
var ruEndings = []string{"ией", "ами", "ями", "ого", "его", "ому", "ему", "ой", "ей", "ом", "ем", "ую", "юю",
	"ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ию", "ия", "ии", "ью", "а", "я", "у", "ю", "е", "и", "ы", "о", "ь", "й"}

// ruStem strips one case ending from a folded Russian word, keeping at
// least three letters: Россия, России, Россией, Россию -> росс.
func ruStem(w string) string {
	n := utf8.RuneCountInString(w)
	for _, e := range ruEndings {
		if strings.HasSuffix(w, e) && n-utf8.RuneCountInString(e) >= 3 {
			return w[:len(w)-len(e)]
		}
	}
	return w
}

// mention is one name found in a token slice: tokens [i, j).
type mention struct {
	entry   int
	i, j    int
	derived bool
}

// find returns the names in toks, left to right, without overlaps; at each
// token the longest name wins.
func (g *Gazetteer) find(toks []token) []mention {
	if g == nil || len(g.index) == 0 {
		return nil
	}
	var out []mention
	for i := 0; i < len(toks); {
		if m, ok := g.matchAt(toks, i); ok {
			out = append(out, m)
			i = m.j
			continue
		}
		i++
	}
	return out
}

// matchAt returns the longest name starting at token i.
func (g *Gazetteer) matchAt(toks []token, i int) (mention, bool) {
	t := &toks[i]
	if t.kind == tokPunct || t.s == "" {
		return mention{}, false
	}
	var best mention
	found := false
	try := func(key string, art bool) {
		for _, p := range g.index[key] {
			if p.article && !art {
				continue
			}
			n := 1 + len(p.rest)
			if found && n <= best.j-best.i {
				return // patterns are longest first
			}
			if i+n > len(toks) || !restMatches(toks[i+1:i+n], p.rest) {
				continue
			}
			best, found = mention{entry: p.entry, i: i, j: i + n, derived: p.derived}, true
			return
		}
	}
	if t.kind == tokWord && t.script == scriptArabic {
		arSplits(t.s, func(stem string, cl clitic) bool {
			try(stem, cl&clArt != 0)
			return true
		})
	} else {
		try(wordKey(t), false)
	}
	return best, found
}

func restMatches(toks []token, rest []string) bool {
	for k, w := range rest {
		if wordKey(&toks[k]) != w {
			return false
		}
	}
	return true
}

// Entities returns the codes of the states and of the organizations text
// names, each in order of first mention and without repeats. Both are
// non-nil.
func (g *Gazetteer) Entities(text string) (states, orgs []string) {
	states, orgs = []string{}, []string{}
	for _, m := range g.find(tokenize(text, nil)) {
		states, orgs = g.addMention(states, orgs, m.entry)
	}
	return states, orgs
}

// addMention appends entry's code to states or orgs unless it is there.
func (g *Gazetteer) addMention(states, orgs []string, entry int) ([]string, []string) {
	e := g.entries[entry]
	if e.Kind == "state" {
		return appendNew(states, e.Code), orgs
	}
	return states, appendNew(orgs, e.Code)
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
