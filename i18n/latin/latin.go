// Package latin finds Latin words in Arabic and Russian text that are not
// codes: what the tests of every view (the CLI's, the web pages') use to
// catch English left in a translation. One rule for all views: ISO 3166
// alpha-3 codes, EDTF unspecified digits (19XX), the record's identifiers
// and the reviewed tokens of allowed.txt pass; any other Latin word is
// reported.
package latin

import (
	"bufio"
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"iter"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/csto/csto/registry"
)

//go:embed allowed.txt
var allowedTxt string

var (
	wordRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*(?:[-_.:'][A-Za-z0-9]+)*`)
	// A word of an identifier with digits (aljazeera-2022-01-06,
	// csc-2022-01-10) is split by wordRE at the digits' hyphens; the whole
	// identifier is checked first.
	wikidataRE = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	idRE       = regexp.MustCompile(`[A-Za-z0-9][A-Za-z0-9_.:-]*[A-Za-z0-9]`)
)

// Checker reports the Latin words of a text that are not codes.
type Checker struct {
	ids     map[string]bool // the record's identifiers
	allowed map[string]bool // the reviewed list
	quoted  []string        // texts the record keeps in one language, longest first
}

// Quote lets texts stand that the record keeps in one language only and a
// view quotes as they are: a source's title and publisher as the source
// gives them (a citation), and — until source records carry them in
// three languages — a reviewer's note on a source.
func (c *Checker) Quote(texts ...string) {
	for _, t := range texts {
		if len(t) >= 12 { // a title or a note, not a word an identifier could hold
			c.quoted = append(c.quoted, t)
		}
	}
	slices.SortFunc(c.quoted, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
}

// New returns a checker that lets ids (the record's identifiers, what a
// reader types back into csto) and the reviewed list stand. It fails on
// a line of the list without a reason.
func New(ids map[string]bool) (*Checker, error) {
	c := &Checker{ids: ids, allowed: map[string]bool{}}
	sc := bufio.NewScanner(strings.NewReader(allowedTxt))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		tok, reason, _ := strings.Cut(line, " ")
		if strings.TrimSpace(reason) == "" {
			return nil, fmt.Errorf("latin/allowed.txt: %q has no reason", tok)
		}
		c.allowed[tok] = true
	}
	return c, nil
}

// Words returns the Latin words of text that are neither codes nor
// allowed.
func (c *Checker) Words(text string) []string {
	for _, q := range c.quoted {
		text = strings.ReplaceAll(text, q, " ")
	}
	// The longest identifier first: csto:join:uzb:2006 before csto.
	found := idRE.FindAllString(text, -1)
	slices.SortFunc(found, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for _, id := range found {
		if c.ids[id] || c.allowed[id] {
			text = strings.ReplaceAll(text, id, " ")
		}
	}
	var bad []string
	for _, w := range wordRE.FindAllString(text, -1) {
		switch {
		case c.ids[w] || c.allowed[w]:
		case len(w) == 3 && strings.ToUpper(w) == w: // ISO 3166-1 alpha-3
		case strings.Trim(w, "X") == "": // EDTF unspecified digits
		case wikidataRE.MatchString(w): // a Wikidata item
		default:
			bad = append(bad, w)
		}
	}
	return bad
}

// ForRecord returns a checker for the views of the record m: its
// identifiers — commands (events), sources, states, organizations,
// instruments, bodies, forces, sessions, decisions, requests, operations,
// exercises, incidents, alliances, and the names `csto sources check`
// gives a source's reading of an organization (org.contrary:guam:csto) —
// pass, and its sources' texts in one language (title, publisher,
// reviewer's note) are quoted.
func ForRecord(m *registry.Model) (*Checker, error) {
	ids := map[string]bool{}
	add := func(keys iter.Seq[string]) {
		for k := range keys {
			ids[k] = true
		}
	}
	err := m.CommandIDs(context.Background(), func(id string, _ int64) error {
		ids[id] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	add(maps.Keys(m.Sources))
	add(maps.Keys(m.States))
	add(maps.Keys(m.Orgs))
	add(maps.Keys(m.Instruments))
	add(maps.Keys(m.Bodies))
	add(maps.Keys(m.Forces))
	add(maps.Keys(m.Sessions))
	add(maps.Keys(m.Decisions))
	add(maps.Keys(m.Requests))
	add(maps.Keys(m.Operations))
	err = m.ExerciseIDs(context.Background(), func(id string) error {
		ids[id] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	add(m.Incidents.Keys())
	add(maps.Keys(m.Alliances))
	for _, c := range m.Contrary {
		ids["org.contrary:"+c.Org+":"+c.Of] = true
	}
	c, err := New(ids)
	if err != nil {
		return nil, err
	}
	for _, s := range m.Sources {
		c.Quote(s.Title, s.Publisher, s.Unverified)
	}
	return c, nil
}
