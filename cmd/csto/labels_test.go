package main

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/csto/csto/i18n"
	"github.com/csto/csto/i18n/latin"
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
	{"timeline"}, {"state", "KAZ"}, {"state", "GEO"}, {"org", "guam"}, {"org", "cis"}, {"chair", "--year", "2009"},
	{"scenario", "aggression", "--target", "TJK", "--aggressor", "AFG", "--at", "2021-07-07"},
	{"search", "Tashkent"}, {"search", "طشقند"}, {"sources", "check"},
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
// list i18n/latin/allowed.txt.
func TestNoRawLabels(t *testing.T) {
	dir := sharedDir(t)
	mustRun(t, dir, "members") // initialises the directory before it is read directly
	check := latinChecker(t, dir)
	for _, lang := range []string{"ar", "en", "ru"} {
		for _, v := range labelViews {
			args := append(slices.Clone(v), "--lang", lang)
			out := mustRun(t, dir, args...)
			if lang == "en" {
				continue
			}
			noLatin(t, check, args, out)
		}
	}
	if m := i18n.Missing(); len(m) > 0 {
		t.Errorf("label keys without a translation reached the output: %s", strings.Join(m, ", "))
	}
}

// TestNoLatinWithATOP: the views that read ATOP 5.1 (reconcile, and the
// obligations and scenario that add ATOP's alliances), on a directory
// with the real data imported, in Arabic and Russian.
func TestNoLatinWithATOP(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "import", "atop", "--members", realFile(t, "atop/atop5_1m.csv"), "--alliances", realFile(t, "atop/atop5_1a.csv"),
		"--phases", realFile(t, "atop/atop5_1aph.csv"), "--cow", realFile(t, "cow/states2016.csv"))
	check := latinChecker(t, dir)
	for _, lang := range []string{"ar", "ru"} {
		for _, v := range [][]string{{"reconcile", "atop"}, {"obligations", "--target", "KAZ", "--at", "2010-01-01"},
			{"obligations", "--target", "ARM", "--aggressor", "AZE", "--at", "2016-04-02"},
			{"scenario", "aggression", "--target", "ARM", "--aggressor", "AZE", "--at", "2016-04-02"}, {"state", "RUS"}} {
			args := append(slices.Clone(v), "--lang", lang)
			noLatin(t, check, args, mustRun(t, dir, args...))
		}
	}
}

// latinChecker checks text against the record in dir (latin.ForRecord).
func latinChecker(t *testing.T, dir string) *latin.Checker {
	t.Helper()
	check, err := latin.ForRecord(openRecord(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	return check
}

// noLatin fails on each line of out that has a Latin word not a code.
func noLatin(t *testing.T, check *latin.Checker, args []string, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if bad := check.Words(line); len(bad) > 0 {
			t.Errorf("csto %s: Latin text %q in %q", strings.Join(args, " "), bad, line)
		}
	}
}

// openRecord opens the record in dir, read-only.
func openRecord(t *testing.T, dir string) *registry.Model {
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
	return reg.Model()
}
