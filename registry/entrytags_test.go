package registry

import (
	"fmt"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/csto/csto/edtf"
)

// testEntry is an entry of type typ and kind at seq, naming nothing, on no
// date.
func testEntry(seq int64, typ, kind string) Entry {
	return Entry{Seq: seq, tags: (*tagTable)(nil).tagsOf(typ, kind, nil, nil)}
}

// dateAt is d as a model holds it: nil for no date.
func dateAt(d edtf.Date) *edtf.Date { return (*tagTable)(nil).dateOf(d) }

// Equal tags are held once; tags that differ anywhere — even where their
// parts joined would read the same — are not.
func TestTagsShared(t *testing.T) {
	tt := newTagTable()
	a := tt.tagsOf("event.record", "statement", []string{"ARM", "KAZ"}, []string{"csto"})
	if b := tt.tagsOf("event.record", "statement", []string{"ARM", "KAZ"}, []string{"csto"}); b != a {
		t.Error("equal tags held twice")
	}
	for _, d := range []*entryTags{
		{"event.record", "statement", []string{"ARM"}, []string{"KAZ", "csto"}},
		{"event.record", "statement", []string{"ARM", "KAZ", "csto"}, nil},
		{"event.record", "statement", []string{"ARMKAZ"}, []string{"csto"}},
		{"event.recordstatement", "", []string{"ARM", "KAZ"}, []string{"csto"}},
		{"event.record", "statement", []string{"KAZ", "ARM"}, []string{"csto"}},
	} {
		if g := tt.tagsOf(d.typ, d.kind, d.states, d.orgs); g == a || g.typ != d.typ || g.kind != d.kind || fmt.Sprint(g.states, g.orgs) != fmt.Sprint(d.states, d.orgs) {
			t.Errorf("%+v: got %+v", d, g)
		}
	}
	e := Entry{tags: a}
	if e.Type() != "event.record" || e.Kind() != "statement" || len(e.States()) != 2 || e.Orgs()[0] != "csto" {
		t.Errorf("entry reads %q %q %v %v", e.Type(), e.Kind(), e.States(), e.Orgs())
	}
	var none Entry
	if none.Type() != "" || none.Kind() != "" || none.States() != nil || none.Orgs() != nil || !none.Date().IsZero() {
		t.Error("an entry with no tags or date does not read as none")
	}
}

// The structs a model holds one of per event, or per exercise or
// incident, keep the sizes the start's memory was measured with
// (docs/PERFORMANCE.md): a field added here costs megabytes at 1 M.
func TestItemSizes(t *testing.T) {
	for _, s := range []struct {
		what      string
		got, want uintptr
	}{
		{"Entry", unsafe.Sizeof(Entry{}), 48},
		{"Exercise", unsafe.Sizeof(Exercise{}), 32},
		{"Incident", unsafe.Sizeof(Incident{}), 40},
	} {
		if s.got != s.want {
			t.Errorf("%s: %d bytes, measured at %d", s.what, s.got, s.want)
		}
	}
}

// An exercise's tags are held once like an entry's.
func TestExerciseTagsShared(t *testing.T) {
	tt := newTagTable()
	a := tt.exerciseTagsOf("csto", "Rubezh", []string{"operational"}, []string{"KAZ", "KGZ"})
	if b := tt.exerciseTagsOf("csto", "Rubezh", []string{"operational"}, []string{"KAZ", "KGZ"}); b != a {
		t.Error("equal tags held twice")
	}
	for _, d := range []*exerciseTags{
		{"csto", "Rubezh", []string{"operational", "KAZ"}, []string{"KGZ"}},
		{"csto", "Rubezh", nil, []string{"operational", "KAZ", "KGZ"}},
		{"cstoRubezh", "", []string{"operational"}, []string{"KAZ", "KGZ"}},
		{"csto", "Rubezh", []string{"operational"}, []string{"KGZ", "KAZ"}},
	} {
		if g := tt.exerciseTagsOf(d.org, d.series, d.levels, d.participants); g == a || g.org != d.org || g.series != d.series ||
			fmt.Sprint(g.levels, g.participants) != fmt.Sprint(d.levels, d.participants) {
			t.Errorf("%+v: got %+v", d, g)
		}
	}
	// Entries' tags of the same words are not an exercise's.
	if e := tt.tagsOf("csto", "Rubezh", []string{"operational"}, []string{"KAZ", "KGZ"}); e.typ != "csto" || len(tt.tags) != 1 {
		t.Errorf("entry tags %+v; the table holds %d", e, len(tt.tags))
	}
	x := Exercise{tags: a, date: tt.dateOf(edtf.MustParse("2024-09")), troops: 1500, aircraft: 12}
	if x.Org() != "csto" || x.Series() != "Rubezh" || x.Levels()[0] != "operational" || len(x.Participants()) != 2 ||
		x.Troops() != 1500 || x.Aircraft() != 12 || x.Date().String() != "2024-09" {
		t.Errorf("exercise reads %q %q %v %v %d %d %s", x.Org(), x.Series(), x.Levels(), x.Participants(), x.Troops(), x.Aircraft(), x.Date())
	}
	var none Exercise
	if none.Org() != "" || none.Series() != "" || none.Levels() != nil || none.Participants() != nil || !none.Date().IsZero() {
		t.Error("an exercise with no tags or date does not read as none")
	}
}

func TestDatesShared(t *testing.T) {
	tt := newTagTable()
	a := tt.dateOf(edtf.MustParse("2022-01-06"))
	if b := tt.dateOf(edtf.MustParse("2022-01-06")); b != a || a.String() != "2022-01-06" {
		t.Errorf("equal dates: %p %p", a, b)
	}
	if b := tt.dateOf(edtf.MustParse("2022-01-06?")); b == a || b.String() != "2022-01-06?" {
		t.Errorf("a date held as another: %v", b)
	}
	if tt.dateOf(edtf.Date{}) != nil || (*tagTable)(nil).dateOf(edtf.Date{}) != nil {
		t.Error("no date is not nil")
	}
	if d := (*tagTable)(nil).dateOf(edtf.MustParse("1992")); d == nil || d.String() != "1992" {
		t.Errorf("a nil table's date: %v", d)
	}
}

// Past maxInterned a table still answers with the right tags and dates,
// made for the entry alone, and keeps no more.
func TestTagTableBounded(t *testing.T) {
	tt := newTagTable()
	for i := range maxInterned + 10 {
		s := fmt.Sprint(i)
		g := tt.tagsOf("event.record", s, nil, nil)
		if g.kind != s {
			t.Fatalf("tags %d: %+v", i, g)
		}
		if x := tt.exerciseTagsOf("csto", s, nil, nil); x.series != s {
			t.Fatalf("exercise tags %d: %+v", i, x)
		}
		d := edtf.MustParse(time.Date(1900, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly))
		if p := tt.dateOf(d); p.String() != d.String() {
			t.Fatalf("date %d: %v, want %v", i, p, d)
		}
	}
	if len(tt.tags) != maxInterned || len(tt.exercises) != maxInterned || len(tt.dates) != maxInterned {
		t.Errorf("%d tags, %d exercises' and %d dates kept, the bound is %d", len(tt.tags), len(tt.exercises), len(tt.dates), maxInterned)
	}
}

// Clones of a model apply events beside each other: the table they share
// is safe for that (run with -race).
func TestTagTableConcurrent(t *testing.T) {
	tt := newTagTable()
	var wg sync.WaitGroup
	got := make([]*entryTags, 4)
	for w := range got {
		wg.Go(func() {
			for i := range 1000 {
				g := tt.tagsOf("event.record", fmt.Sprint(i%50), []string{"KAZ"}, nil)
				tt.exerciseTagsOf("csto", fmt.Sprint(i%50), nil, []string{"KAZ"})
				tt.dateOf(edtf.MustParse(fmt.Sprintf("2022-01-%02d", 1+i%28)))
				if i == 999 {
					got[w] = g
				}
			}
		})
	}
	wg.Wait()
	for _, g := range got[1:] {
		if g != got[0] {
			t.Fatal("the same tags made twice by two writers")
		}
	}
}
