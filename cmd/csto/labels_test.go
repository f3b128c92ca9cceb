package main

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// The text views a reader asks for, in every language.
var labelViews = [][]string{
	{"members"}, {"members", "--at", "1993"}, {"members", "--org", "guam", "--at", "2000"},
	{"state", "UZB"}, {"state", "ARM"},
	{"timeline", "--from", "2022-01", "--to", "2022-01"}, {"timeline", "--from", "1992", "--to", "1999"},
	{"org", "csto"}, {"chair", "--all"}, {"officers", "--at", "2020-06-01"}, {"officers"},
	{"sessions", "--year", "2022"}, {"sessions", "--year", "2009"}, {"requests"}, {"operations"}, {"operation", "op-kaz-2022"},
	{"exercises", "--year", "2008"}, {"exercises"},
	{"obligations", "--target", "KAZ", "--at", "2022-01-05"}, {"obligations", "--target", "ARM", "--aggressor", "AZE", "--at", "2016-04-02"},
	{"compliance"}, {"scenario", "aggression", "--target", "ARM", "--aggressor", "AZE", "--at", "2022-09-13"},
}

// TestGoldenOrg: `csto org csto` in three languages, reviewed.
func TestGoldenOrg(t *testing.T) {
	dir := sharedDir(t)
	for _, lang := range []string{"ar", "en", "ru"} {
		t.Run(lang, func(t *testing.T) {
			golden(t, "org-csto-"+lang+".txt", mustRun(t, dir, "org", "csto", "--lang", lang))
		})
	}
}

// TestNoRawLabels renders every text view in Arabic, English and Russian
// and fails on a label key that has no translation (a raw key such as
// rule.none reaching the reader), and, in Arabic and Russian, on any Latin
// word that is not a code: an ISO 3166 code, an identifier of the record
// (sources, events, sessions, decisions, …) or a token of the reviewed
// list testdata/latin-allowed.txt.
func TestNoRawLabels(t *testing.T) {
	dir := sharedDir(t)
	mustRun(t, dir, "verify") // initialises the directory before it is read directly
	ids := recordIDs(t, dir)
	allowed := allowedLatin(t)
	for _, lang := range []string{"ar", "en", "ru"} {
		for _, v := range labelViews {
			args := append(slices.Clone(v), "--lang", lang)
			out := mustRun(t, dir, args...)
			if lang == "en" || !latinChecked[v[0]] {
				continue
			}
			for _, line := range strings.Split(out, "\n") {
				if bad := latinWords(line, ids, allowed); len(bad) > 0 {
					t.Errorf("csto %s: Latin text %q in %q", strings.Join(args, " "), bad, line)
				}
			}
		}
	}
	if m := i18n.Missing(); len(m) > 0 {
		t.Errorf("label keys without a translation reached the output: %s", strings.Join(m, ", "))
	}
}

// latinChecked are the views whose Arabic and Russian text is checked for
// Latin words. Not yet: timeline and state (claim field names and values),
// compliance, scenario and obligations (the rules engine's texts cite
// "CST Art. N" and name steps in English).
var latinChecked = map[string]bool{"members": true, "org": true, "chair": true, "officers": true,
	"sessions": true, "requests": true, "operations": true, "operation": true, "exercises": true}

var (
	latinRE = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*(?:[-_.:'][A-Za-z0-9]+)*`)
	// A word of an identifier with digits (aljazeera-2022-01-06,
	// csc-2022-01-10) is split by latinRE at the digits' hyphens; the
	// whole identifier is checked first.
	idRE = regexp.MustCompile(`[a-z0-9][a-z0-9_.:-]*[a-z0-9]`)
)

// latinWords returns the Latin words of line that are not codes.
func latinWords(line string, ids map[string]bool, allowed map[string]bool) []string {
	for _, id := range idRE.FindAllString(line, -1) {
		if ids[id] {
			line = strings.ReplaceAll(line, id, " ")
		}
	}
	var bad []string
	for _, w := range latinRE.FindAllString(line, -1) {
		switch {
		case ids[w] || allowed[w]:
		case len(w) == 3 && strings.ToUpper(w) == w: // ISO 3166-1 alpha-3
		case strings.Trim(w, "X") == "": // EDTF unspecified digits
		default:
			bad = append(bad, w)
		}
	}
	return bad
}

// recordIDs returns every identifier of the record in dir: commands
// (events), sources, states, organizations, instruments, bodies, forces,
// sessions, decisions, requests, operations, exercises, incidents and
// alliances — what a reader types back into csto.
func recordIDs(t *testing.T, dir string) map[string]bool {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	m := reg.Model()
	ids := map[string]bool{}
	add := func(keys func(func(string) bool)) {
		for k := range keys {
			ids[k] = true
		}
	}
	add(mapKeys(m.Commands))
	add(mapKeys(m.Sources))
	add(mapKeys(m.States))
	add(mapKeys(m.Orgs))
	add(mapKeys(m.Instruments))
	add(mapKeys(m.Bodies))
	add(mapKeys(m.Forces))
	add(mapKeys(m.Sessions))
	add(mapKeys(m.Decisions))
	add(mapKeys(m.Requests))
	add(mapKeys(m.Operations))
	add(mapKeys(m.Exercises))
	add(mapKeys(m.Incidents))
	add(mapKeys(m.Alliances))
	return ids
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// allowedLatin reads the reviewed list of Latin tokens that may stand in
// Arabic and Russian text: one token a line, then its reason.
func allowedLatin(t *testing.T) map[string]bool {
	t.Helper()
	f, err := os.Open("testdata/latin-allowed.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ok := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		tok, reason, _ := strings.Cut(line, " ")
		if strings.TrimSpace(reason) == "" {
			t.Fatalf("latin-allowed.txt: %q has no reason", tok)
		}
		ok[tok] = true
	}
	return ok
}
