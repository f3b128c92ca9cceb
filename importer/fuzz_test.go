package importer

import (
	"github.com/csto/csto/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto/edtf"
)

// fuzzBudget is the time any one input may take. Inputs are small (the
// fuzzer's default is at most a few KB), so this is generous by three
// orders of magnitude: exceeding it means a hang or quadratic path.
const fuzzBudget = 2 * time.Second

// FuzzParse checks that Parse and ParseDate never panic, finish quickly,
// and return well-formed drafts for any input.
//
//	go test -run '^$' -fuzz FuzzParse -fuzztime 60s ./importer
func FuzzParse(f *testing.F) {
	for _, tt := range dateTests {
		f.Add(tt.in)
	}
	for _, tt := range kindTests {
		f.Add("- 2008: " + tt.text)
	}
	for _, l := range labelledSet {
		f.Add(l.line)
	}
	if b, err := os.ReadFile(filepath.Join(testenv.SharedDir(), seedArticle)); err == nil {
		f.Add(string(b))
	}
	f.Add("عام 1992\nمايو/أيار\n- 15: x\n- y")
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Now()
		drafts := Parse(s, testGazetteer, Options{Published: published})
		_ = Parse(s, testGazetteer, Options{})
		d, match, ok := ParseDate(s, Options{Published: published})
		if el := time.Since(start); el > fuzzBudget {
			t.Fatalf("%d bytes took %v", len(s), el)
		}
		if ok {
			if _, err := edtf.Parse(d.String()); err != nil || !strings.Contains(s, match) || match == "" {
				t.Fatalf("ParseDate(%q) = %q, %q: %v", s, d, match, err)
			}
		}
		lines := strings.Split(s, "\n")
		last := 0
		for _, d := range drafts {
			if d.Line <= last || d.Line > len(lines) {
				t.Fatalf("line %d after %d, of %d", d.Line, last, len(lines))
			}
			last = d.Line
			if d.Raw != strings.TrimSuffix(lines[d.Line-1], "\r") || !strings.Contains(d.Raw, d.Text) {
				t.Fatalf("line %d: raw %q text %q", d.Line, d.Raw, d.Text)
			}
			if d.Date != nil {
				if _, err := edtf.Parse(*d.Date); err != nil {
					t.Fatalf("line %d: date %q: %v", d.Line, *d.Date, err)
				}
			}
			if d.Confidence < 0 || d.Confidence > 1 || d.Kind == "" || d.States == nil || d.Orgs == nil {
				t.Fatalf("line %d: %+v", d.Line, d)
			}
			if (d.Date == nil) != (d.Command == "") {
				t.Fatalf("line %d: date %v command %q", d.Line, d.Date, d.Command)
			}
		}
	})
}
