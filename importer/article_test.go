package importer

import (
	"github.com/csto/csto/internal/testenv"
	"slices"
	"strings"
	"testing"

	"github.com/csto/csto/edtf"
)

// seedArticle is the source article: Al Jazeera, 2022-01-06, on the CSTO's
// first deployment to Kazakhstan, with a timeline of the organization.
const seedArticle = "seed/000_3ce35895901f5b79.txt"

func readSeed(t testing.TB) string {
	t.Helper()
	return string(testenv.ReadShared(t, seedArticle))
}

// articleWant is one dated draft of the article, in article order.
type articleWant struct {
	line   int
	date   string
	states string // the full set of states the line names, space-separated
	brief  string // the states the issue lists for the entry, when fewer (they must be among states)
	orgs   string
	kind   string // "" = not checked
	note   string // a note the draft must carry
}

var articleWants = []articleWant{
	{line: 7, date: "2022-01-06", states: "RUS KAZ", orgs: "csto", kind: KindDeployment},
	{line: 15, date: "2022-01-05", states: "KAZ", orgs: "csto", kind: KindRequest},
	{line: 23, date: "1992-05-15", states: "RUS ARM KAZ KGZ TJK UZB", orgs: "cis", kind: KindSignature},
	{line: 25, date: "1993", states: "AZE BLR GEO", kind: KindSignature},
	{line: 27, date: "1994-04-20"},
	{line: 29, date: "1995-11-01", orgs: "un"},
	// Uzbekistan joined GUAM, "which Georgia, Ukraine, Azerbaijan and
	// Moldova founded", "to counter Russian influence": every state named
	// is kept, in order of mention, the actor first.
	{line: 35, date: "1997", states: "UZB GEO UKR AZE MDA RUS", brief: "UZB", orgs: "guam", kind: KindAccession},
	{line: 37, date: "1996-23", states: "AFG", orgs: "csto", note: "also dated: 1998-22 «وصيف 1998»"},
	{line: 39, date: "1999-04-02", kind: KindSignature},
	{line: 45, date: "1999/2000", states: "UZB KGZ", orgs: "csto"},
	{line: 47, date: "2002-10-07", orgs: "csto", kind: KindSignature},
	{line: 49, date: "2004-12-02", orgs: "un csto", kind: KindObserver},
	{line: 51, date: "2005", states: "UZB", orgs: "guam", kind: KindWithdrawal},
	{line: 53, date: "2006", states: "UZB", orgs: "csto", kind: KindAccession},
	{line: 55, date: "2007-05", states: "IRN", orgs: "csto", kind: KindEvent},
	{line: 59, date: "2007-10-06", states: "KAZ KGZ RUS TJK UZB CHN IND MNG IRN PAK", orgs: "csto sco", kind: KindSummit},
	{line: 65, date: "2008-03-28", states: "UZB", orgs: "csto", kind: KindRatification},
	{line: 69, date: "2008-07", states: "ARM", orgs: "csto", kind: KindExercise},
	{line: 75, date: "2009-06-14", states: "BLR RUS", orgs: "csto", kind: KindSummit},
	{line: 79, date: "2010-12-10", orgs: "csto"},
	{line: 81, date: "2011", states: "RUS", kind: KindExercise},
	{line: 83, date: "2012-06-28", states: "UZB USA AFG", orgs: "csto", kind: KindSuspension},
	{line: 85, date: "2013", states: "AFG SRB", orgs: "csto", kind: KindObserver},
	// "… the summit in the Russian resort of Sochi … the Afghan file".
	{line: 87, date: "2013-09-23", states: "RUS AFG", brief: "RUS", orgs: "csto", kind: KindSummit},
	{line: 89, date: "2014-08", states: "KAZ", orgs: "csto", kind: KindExercise},
	{line: 91, date: "2015-03-19", states: "UKR", orgs: "un csto"},
	{line: 93, date: "2021-07", states: "TJK AFG", orgs: "csto", kind: KindRequest},
	{line: 95, date: "2021-09-16", states: "TJK AFG", orgs: "csto", kind: KindSummit, note: "also dated: 2021-10 «أكتوبر/تشرين الأول 2021»"},
}

func TestArticle(t *testing.T) {
	text := readSeed(t)
	for _, tc := range []struct {
		name string
		opt  Options
	}{
		{"PublishedGiven", Options{Published: edtf.MustParse("2022-01-06")}},
		{"PublishedFromToday", Options{}}, // "اليوم الخميس السادس من يناير/كانون الثاني 2022"
		{"LangAr", Options{Lang: "ar", Published: edtf.MustParse("2022-01-06"), Subject: "csto"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			drafts := Parse(text, testGazetteer, tc.opt)
			var dated []Draft
			nonEmpty := 0
			for _, l := range strings.Split(text, "\n") {
				if strings.TrimSpace(l) != "" {
					nonEmpty++
				}
			}
			if len(drafts) != nonEmpty {
				t.Errorf("%d drafts, want one per non-empty line (%d): no line of the article is a date header", len(drafts), nonEmpty)
			}
			for _, d := range drafts {
				if d.Date != nil {
					dated = append(dated, d)
				}
			}
			var got, want []string
			for _, d := range dated {
				got = append(got, *d.Date)
			}
			for _, w := range articleWants {
				want = append(want, w.date)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("dates in article order:\n got %v\nwant %v", got, want)
			}
			for i, w := range articleWants {
				d := dated[i]
				if d.Line != w.line {
					t.Errorf("%s: line %d, want %d", w.date, d.Line, w.line)
				}
				if !sameSet(d.States, w.states) {
					t.Errorf("line %d (%s): states %v, want %s", w.line, w.date, d.States, w.states)
				}
				for _, s := range strings.Fields(w.brief) {
					if !slices.Contains(d.States, s) {
						t.Errorf("line %d: the issue's state %s missing from %v", w.line, s, d.States)
					}
				}
				if !sameSet(d.Orgs, w.orgs) {
					t.Errorf("line %d (%s): orgs %v, want %s", w.line, w.date, d.Orgs, w.orgs)
				}
				if w.kind != "" && d.Kind != w.kind {
					t.Errorf("line %d (%s): kind %q, want %q", w.line, w.date, d.Kind, w.kind)
				}
				if w.note != "" && !slices.Contains(d.Notes, w.note) {
					t.Errorf("line %d: notes %q, want %q among them", w.line, d.Notes, w.note)
				}
				if !strings.Contains(d.Raw, d.Text) || d.Text == "" {
					t.Errorf("line %d: text %q is not inside raw %q", w.line, d.Text, d.Raw)
				}
			}
		})
	}
}

// TestArticleEntryText checks the text and command of a timeline entry:
// the bullet and the date prefix are removed, the raw line is kept.
func TestArticleEntryText(t *testing.T) {
	drafts := Parse(readSeed(t), testGazetteer, Options{})
	d := findLine(t, drafts, 83)
	if want := "علقت أوزبكستان عضويتها في المنظمة"; !strings.HasPrefix(d.Text, want) {
		t.Errorf("text %q, want it to start with %q", d.Text, want)
	}
	if want := "ـ 28 يونيو/حزيران 2012: "; !strings.HasPrefix(d.Raw, want) {
		t.Errorf("raw %q, want it to start with %q", d.Raw, want)
	}
	if d.Command != "membership.suspend" || d.Confidence < 0.8 {
		t.Errorf("command %q confidence %v, want membership.suspend with confidence ≥ 0.8", d.Command, d.Confidence)
	}
	// Refused to sign, and withdrew: not a signature (line 43, undated).
	if d := findLine(t, drafts, 43); d.Kind != KindWithdrawal || d.Date != nil || d.Command != "" {
		t.Errorf("line 43: kind %q date %v command %q, want an undated withdrawal without command", d.Kind, d.Date, d.Command)
	}
	// "Organized crime" is not the Organization (line 107).
	if d := findLine(t, drafts, 107); len(d.Orgs) != 0 {
		t.Errorf("line 107 (الجريمة المنظمة): orgs %v, want none", d.Orgs)
	}
	// Hypothetical: "if Iran joined" is not an accession (line 57).
	if d := findLine(t, drafts, 57); d.Kind != KindEvent {
		t.Errorf("line 57 (في حال لو انضمت): kind %q, want event", d.Kind)
	}
	// "According to observers" is not observer status (line 99).
	if d := findLine(t, drafts, 99); d.Kind == KindObserver {
		t.Errorf("line 99 (وفق مراقبين): kind observer")
	}
}

func findLine(t *testing.T, drafts []Draft, line int) Draft {
	t.Helper()
	for _, d := range drafts {
		if d.Line == line {
			return d
		}
	}
	t.Fatalf("no draft for line %d", line)
	return Draft{}
}

// sameSet reports whether got holds exactly the space-separated codes of want.
func sameSet(got []string, want string) bool {
	w := strings.Fields(want)
	if len(got) != len(w) {
		return false
	}
	for _, x := range w {
		if !slices.Contains(got, x) {
			return false
		}
	}
	return true
}
