package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// TestSourcesCheck runs `csto sources check` on the default history: no
// home page or placeholder is left (exit 0), no fact rests only on weak
// sources (so --strict exits 0 too), and --json carries every source
// with its specificity. TestSourcesCheckStrictOnAWeakFact shows a weak
// fact listed and failing --strict.
func TestSourcesCheck(t *testing.T) {
	dir := sharedDir(t)
	out := mustRun(t, dir, "sources", "check")
	if !strings.Contains(out, "home page 0") || !strings.Contains(out, "placeholder 0") {
		t.Errorf("summary does not report zero home pages and placeholders:\n%s", firstLines(out, 2))
	}
	js := mustRun(t, dir, "sources", "check", "--json")
	var sc registry.SourceCheck
	if err := json.Unmarshal([]byte(js), &sc); err != nil {
		t.Fatal(err)
	}
	if len(sc.Sources) < 200 || sc.Count[csto.HomePage] != 0 || sc.Count[csto.Placeholder] != 0 {
		t.Errorf("%d sources, counts %v", len(sc.Sources), sc.Count)
	}
	byID := map[string]registry.SourceStatus{}
	for _, s := range sc.Sources {
		byID[s.ID] = s
	}
	// The Kazakhstan contingents rested only on placeholders before the
	// revisions; now People's Daily is a page a reader can open.
	if s := byID["people-cn-kaz-2022"]; s.Specificity != csto.SpecificPage || s.Revision != 1 || s.Reason == "" {
		t.Errorf("people-cn-kaz-2022: %+v", s)
	}
	if s := byID["aljazeera-2022-01-06"]; s.Specificity != csto.Unverified || s.Unverified == "" {
		t.Errorf("the source article is %s (%q); want unverified with the reason", s.Specificity, s.Unverified)
	}
	if len(sc.Weak) != 0 {
		t.Errorf("weakly sourced facts in the default history: %+v", sc.Weak)
	}
	if _, errs, code := run(t, dir, "sources", "check", "--strict"); code != 0 {
		t.Errorf("--strict on the default history: exit %d, stderr %q; want 0", code, errs)
	}
	for _, args := range [][]string{{"sources"}, {"sources", "list"}, {"sources", "check", "extra"}, {"sources", "check", "--lang", "fr"}} {
		if _, errs, code := run(t, dir, args...); code != 2 || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("csto %s: exit %d, stderr %q; want 2 and one line", strings.Join(args, " "), code, errs)
		}
	}
	ar := mustRun(t, dir, "sources", "check", "--lang", "ar")
	if !strings.Contains(ar, "المصادر") {
		t.Errorf("--lang ar summary is not in Arabic: %s", firstLines(ar, 1))
	}
}

// TestSourcesCheckFailsOnAHomePage shows the exit status CI relies on: a
// source added as a site's front page makes the check exit 1.
func TestSourcesCheckFailsOnAHomePage(t *testing.T) {
	data, _ := json.Marshal(csto.SourceAdd{ID: "home-page-test", Title: "A site", URL: "https://example.org/"})
	dir := historyWith(t, csto.Command{ID: "source:home-page-test", Type: csto.CmdSourceAdd, Data: data})
	out, errs, code := run(t, dir, "sources", "check")
	if code != 1 || !strings.Contains(out, "home-page-test") || !strings.Contains(errs, "unreviewed home page") {
		t.Errorf("exit %d, stderr %q; want 1 listing home-page-test", code, errs)
	}
}

// TestSourcesCheckStrictOnAWeakFact: a dated event citing only the source
// article (unverified: its address was not found) is listed as weakly
// sourced, and --strict exits 1 naming it.
func TestSourcesCheckStrictOnAWeakFact(t *testing.T) {
	data, _ := json.Marshal(csto.EventRecord{Kind: "statement", States: []string{"KAZ"}})
	dir := historyWith(t, csto.Command{ID: "event:weak-test", Type: csto.CmdEventRecord, Date: edtf.MustParse("2022-01-07"), History: true,
		Sources: []string{"aljazeera-2022-01-06"}, Text: csto.Text{AR: "بيان", EN: "A statement", RU: "Заявление"}, Data: data})
	out, errs, code := run(t, dir, "sources", "check", "--strict")
	if code != 1 || !strings.Contains(out, "event:weak-test") || !strings.Contains(errs, "rest only on weak sources") {
		t.Errorf("exit %d, stderr %q; want 1 listing event:weak-test", code, errs)
	}
}

// historyWith returns a data directory holding the default history and
// then c, recorded by the Secretariat as history.
func historyWith(t *testing.T, c csto.Command) string {
	t.Helper()
	dir := t.TempDir()
	st, reg := withHistory(t, dir)
	defer st.Close()
	if _, err := reg.Submit(context.Background(), dataset.Actor, c); err != nil {
		t.Fatal(err)
	}
	return dir
}

// withHistory opens a SQLite store in dir and loads the default history
// into it through a registry without snapshots; the caller closes the
// store.
func withHistory(t *testing.T, dir string) (*sqlite.Store, *registry.Registry) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.Open(ctx, st)
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	if _, err := dataset.Load(ctx, reg); err != nil {
		st.Close()
		t.Fatal(err)
	}
	return st, reg
}

func firstLines(s string, n int) string {
	l := strings.SplitN(s, "\n", n+1)
	if len(l) > n {
		l = l[:n]
	}
	return strings.Join(l, "\n")
}
