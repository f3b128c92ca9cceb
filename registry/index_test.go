package registry

import (
	"cmp"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// The index (index.go) must answer exactly what the straightforward scan
// answers: these are the queries as they were before it, sorting or
// scanning every entry.

func scanTimeline(m *Model, f TimelineFilter, lang csto.Lang) Timeline {
	return scanSorted(m, sortEntries(m), f, lang)
}

func sortEntries(m *Model) []Entry {
	sorted := slices.Clone(m.Entries)
	slices.SortStableFunc(sorted, func(a, b Entry) int { return entryOrder(&a, &b) })
	return sorted
}

func scanSorted(m *Model, sorted []Entry, f TimelineFilter, lang csto.Lang) Timeline {
	t := Timeline{Org: f.Org, State: f.State, From: f.From.String(), To: f.To.String(), Events: []EntryView{}}
	if f.After != 0 {
		i := slices.IndexFunc(m.Entries, func(e Entry) bool { return e.Seq == f.After })
		cur := m.Entries[i]
		j := slices.IndexFunc(sorted, func(e Entry) bool { return entryOrder(&e, &cur) > 0 })
		if j < 0 {
			j = len(sorted)
		}
		sorted = sorted[j:]
	}
	for _, e := range sorted {
		if f.Org != "" && !slices.Contains(e.Orgs(), f.Org) {
			continue
		}
		if f.State != "" && !slices.Contains(e.States(), f.State) {
			continue
		}
		if f.Kind != "" && e.Kind() != f.Kind && e.Type() != f.Kind {
			continue
		}
		if !f.From.IsZero() && e.Date().Latest() < f.From.Earliest() {
			continue
		}
		if !f.To.IsZero() && e.Date().Earliest() > f.To.Latest() {
			continue
		}
		if f.Limit > 0 && len(t.Events) == f.Limit {
			t.Next = t.Events[f.Limit-1].Seq
			break
		}
		v, err := m.View(&e, lang)
		if err != nil {
			panic(err)
		}
		t.Events = append(t.Events, v)
	}
	return t
}

func scanMembers(m *Model, org string, at edtf.Date, lang csto.Lang) MemberList {
	var rows []MemberRow
	for pair, spells := range m.spells {
		if pair.Org != org {
			continue
		}
		a := statusAt(spells, at)
		if a.Status == "" {
			continue
		}
		rows = append(rows, MemberRow{State: pair.State, Name: m.stateName(pair.State, lang),
			Status: a.Status, Since: a.Since.String(), Certainty: a.Certainty})
	}
	slices.SortFunc(rows, func(a, b MemberRow) int { return strings.Compare(a.State, b.State) })
	return MemberList{Org: org, At: at.String(), Members: MemberRows{rows: rows}}
}

// perCallMembers is Members as it was before asof.go: the rows built
// per call from the organization's pairs.
func perCallMembers(m *Model, org string, at edtf.Date, lang csto.Lang) MemberList {
	pairs := m.index().members[org].pairs
	out := MemberList{Org: org, At: at.String(), Members: MemberRows{rows: make([]MemberRow, 0, len(pairs))}}
	for _, pair := range pairs {
		a := statusAt(m.spells[pair], at)
		if a.Status == "" {
			continue
		}
		out.Members.rows = append(out.Members.rows, MemberRow{
			State: pair.State, Name: m.stateName(pair.State, lang),
			Status: a.Status, Since: a.Since.String(), Certainty: a.Certainty,
		})
	}
	return out
}

// gen makes entries as the log holds them, with every form of date the
// timeline meets: days, months, years, qualified, unspecified digits,
// seasons, intervals closed, open and unknown at one end, and many ties.
type gen struct {
	rng    *rand.Rand
	seq    int64
	states []string
	orgs   []string
	kinds  []string
	// realistic: mostly days and months, as the record is (the
	// benchmarks); else every form as often (the tests).
	realistic bool
	tags      *tagTable // shared as a model's are
}

func newGen(seed uint64) *gen {
	return &gen{rng: rand.New(rand.NewPCG(seed, 7)), tags: newTagTable(),
		states: []string{"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB", "AZE", "GEO", "NOP"},
		orgs:   []string{"csto", "cis", "sco"},
		kinds:  []string{"exercise.hold", "event.record", "incident.record", "session.convene"},
	}
}

func (g *gen) date() edtf.Date {
	y := 1990 + g.rng.IntN(36)
	mo := 1 + g.rng.IntN(12)
	d := 1 + g.rng.IntN(28)
	forms := []string{
		fmt.Sprintf("%04d-%02d-%02d", y, mo, d),
		fmt.Sprintf("%04d-%02d-%02d", y, mo, d),
		fmt.Sprintf("%04d-%02d", y, mo),
		fmt.Sprintf("%04d", y),
		fmt.Sprintf("%04d?", y),
		fmt.Sprintf("%04d-%02d~", y, mo),
		fmt.Sprintf("%04d-%02d-%02d%%", y, mo, d),
		fmt.Sprintf("%03dX", y/10),
		"19XX",
		fmt.Sprintf("%04d-2%d", y, 1+g.rng.IntN(4)),
		fmt.Sprintf("%04d/%04d", y, y+g.rng.IntN(5)),
		fmt.Sprintf("%04d-%02d-%02d/%04d-%02d", y, mo, d, y+1, mo),
		fmt.Sprintf("%04d-%02d/..", y, mo),
		fmt.Sprintf("../%04d", y),
		fmt.Sprintf("%04d-%02d/", y, mo),
		"2022-01", "2022-01-06", "2022", // ties
	}
	var s string
	if g.realistic && g.rng.IntN(10) < 8 {
		s = forms[g.rng.IntN(3)] // the record is mostly days and months
	} else {
		s = forms[g.rng.IntN(len(forms))]
	}
	dt, err := edtf.Parse(s)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", s, err))
	}
	return dt
}

func (g *gen) pick(from []string, most int) []string {
	var out []string
	for range g.rng.IntN(most + 1) {
		out = append(out, from[g.rng.IntN(len(from))]) // repeats too: an entry lists KAZ twice
	}
	return out
}

func (g *gen) entry() Entry {
	g.seq += 1 + int64(g.rng.IntN(3)) // reference events between: no entry
	k := g.kinds[g.rng.IntN(len(g.kinds))]
	date, states, orgs := g.date(), g.pick(g.states[:9], 3), g.pick(g.orgs, 2)
	kind := k
	switch k {
	case "incident.record":
		kind = []string{"clash", "aggression", "crisis"}[g.rng.IntN(3)]
	case csto.CmdExerciseHold: // an exercise's entry names its organization
		orgs = []string{g.orgs[g.rng.IntN(len(g.orgs))]}
	}
	return Entry{Seq: g.seq, tags: g.tags.tagsOf(k, kind, states, orgs), date: g.tags.dateOf(date)}
}

// grow appends n entries to a clone of m, as a write does: an exercise's
// entry with its exercise, as apply makes them.
func (g *gen) grow(m *Model, n int) *Model {
	c, _ := m.clone()
	for range n {
		e := g.entry()
		b := &EntryBody{Text: csto.Text{EN: fmt.Sprintf("entry %d", e.Seq)}}
		if e.Type() == csto.CmdExerciseHold {
			id := fmt.Sprintf("x%d", e.Seq)
			e.ex = &Exercise{Seq: e.Seq, date: e.date,
				tags: c.tags.exerciseTagsOf(e.Orgs()[0], "", g.pick(exerciseLevels, 2), e.States())}
			c.Exercises.set(c, id, e.ex)
			b.Exercise = &csto.ExerciseHold{ID: id, Name: csto.Text{EN: "Exercise " + id}}
		}
		c.held = append(c.held, heldBody{e.Seq, b})
		c.Entries = append(c.Entries, e)
	}
	c.Seq = g.seq
	return c
}

func (g *gen) model(n int) *Model {
	m := newModel()
	for _, s := range g.states {
		m.States[s] = &State{StateAdd: csto.StateAdd{Code: s}}
	}
	for _, o := range g.orgs {
		m.Orgs[o] = &Org{OrgAdd: csto.OrgAdd{ID: o}}
	}
	for i, s := range g.states {
		for j, o := range g.orgs {
			if (i+j)%3 == 0 {
				continue
			}
			p := csto.Pair{State: s, Org: o}
			m.spells[p] = derive(p, g.facts(), edtf.Date{})
		}
	}
	return g.grow(m, n)
}

// facts returns a pair's membership history: one to six changes, any of
// them on an imprecise date.
func (g *gen) facts() []fact {
	types := []string{csto.CmdJoin, csto.CmdJoin, csto.CmdSuspend, csto.CmdReinstate, csto.CmdFreeze,
		csto.CmdWithdraw, csto.CmdObserver, csto.CmdPartner}
	fs := []fact{{Type: csto.CmdJoin, Date: g.date(), Seq: 1}}
	for i := range g.rng.IntN(6) {
		fs = append(fs, fact{Type: types[g.rng.IntN(len(types))], Date: g.date(), Seq: int64(i + 2)})
	}
	return fs
}

func (g *gen) filter(m *Model) TimelineFilter {
	var f TimelineFilter
	if g.rng.IntN(3) == 0 {
		f.State = g.states[g.rng.IntN(len(g.states))] // NOP has no entries
	}
	if g.rng.IntN(3) == 0 {
		f.Org = g.orgs[g.rng.IntN(len(g.orgs))]
	}
	if g.rng.IntN(4) == 0 {
		f.Kind = []string{"exercise.hold", "event.record", "clash", "incident.record", "none"}[g.rng.IntN(5)]
	}
	if g.rng.IntN(2) == 0 {
		f.From = g.date()
	}
	if g.rng.IntN(2) == 0 {
		f.To = g.date()
		if !f.From.IsZero() && f.To.Latest() < f.From.Earliest() {
			f.From, f.To = f.To, f.From
			if f.To.Latest() < f.From.Earliest() {
				f.To = edtf.Date{}
			}
		}
	}
	if g.rng.IntN(3) == 0 && len(m.Entries) > 0 {
		f.After = m.Entries[g.rng.IntN(len(m.Entries))].Seq
	}
	if g.rng.IntN(2) == 0 {
		f.Limit = 1 + g.rng.IntN(30)
	}
	return f
}

func checkIndexed(t *testing.T, g *gen, m *Model, queries int) {
	t.Helper()
	sorted := sortEntries(m)
	for range queries {
		f := g.filter(m)
		got, err := m.Timeline(f, "en")
		if err != nil {
			t.Fatalf("Timeline(%+v): %v", f, err)
		}
		if want := scanSorted(m, sorted, f, "en"); !reflect.DeepEqual(got, want) {
			t.Fatalf("Timeline(%+v) on %d entries: %d events (next %d), the scan %d (next %d)\n got %v\nwant %v",
				f, len(m.Entries), len(got.Events), got.Next, len(want.Events), want.Next, seqs(got.Events), seqs(want.Events))
		}
		checkWindow(t, g, m, sorted, f)
	}
	var kinds []string
	for _, e := range m.Entries {
		if !slices.Contains(kinds, e.Kind()) {
			kinds = append(kinds, e.Kind())
		}
	}
	if got := m.Kinds(); !slices.Equal(got, kinds) {
		t.Fatalf("Kinds() = %v, the scan %v", got, kinds)
	}
	checkExercises(t, g, m, queries)
	for _, o := range g.orgs {
		at := g.date()
		got, _ := m.Members(o, at, "en")
		if want := scanMembers(m, o, at, "en"); !sameMembers(got, want) {
			t.Fatalf("Members(%s, %s) = %v, the scan %v", o, at, got, want)
		}
	}
}

// checkWindow compares TimelineWindow and TimelineCount with the scan:
// the window at an offset is that slice of the whole answer, with the
// whole answer's length, and Next the last entry of the window when
// more follow it.
func checkWindow(t *testing.T, g *gen, m *Model, sorted []Entry, f TimelineFilter) {
	t.Helper()
	whole := f
	whole.Limit = 0
	all := scanSorted(m, sorted, whole, "en").Events
	n, err := m.TimelineCount(f)
	if err != nil || n != len(all) {
		t.Fatalf("TimelineCount(%+v) = %d, %v; the scan selects %d", f, n, err, len(all))
	}
	for _, offset := range []int{0, g.rng.IntN(len(all) + 2), len(all), len(all) + 5} {
		got, total, err := m.TimelineWindow(f, offset, "en")
		if err != nil {
			t.Fatalf("TimelineWindow(%+v, %d): %v", f, offset, err)
		}
		lo := min(offset, len(all))
		hi := len(all)
		if f.Limit > 0 {
			hi = min(lo+f.Limit, len(all))
		}
		want := all[lo:hi]
		var next int64
		if hi < len(all) {
			next = all[hi-1].Seq
		}
		if total != len(all) || !reflect.DeepEqual(got.Events, append([]EntryView{}, want...)) || got.Next != next {
			t.Fatalf("TimelineWindow(%+v, %d) = %v (next %d) of %d; the scan %v (next %d) of %d",
				f, offset, seqs(got.Events), got.Next, total, seqs(want), next, len(all))
		}
	}
	if _, _, err := m.TimelineWindow(f, -1, "en"); csto.ErrorKind(err) != csto.Invalid {
		t.Fatalf("TimelineWindow at offset -1: %v, want an invalid offset", err)
	}
}

var exerciseLevels = []string{"strategic", "operational", "tactical"}

// scanExercises is ExercisePage as it was before exindex.go: every
// exercise walked, the selected sorted, the cursor looked up among them.
func scanExercises(m *Model, f ExerciseFilter, lang csto.Lang) (ExercisePage, error) {
	var sel []*Exercise
	for x := range m.Exercises.All() {
		if x.Org() == f.Org && (f.Year == 0 || yearOf(x.Date().Earliest()) <= f.Year && f.Year <= yearOf(x.Date().Latest())) &&
			(f.Level == "" || slices.Contains(x.Levels(), f.Level)) {
			sel = append(sel, x)
		}
	}
	slices.SortFunc(sel, func(a, b *Exercise) int {
		if c := edtf.Compare(a.Date(), b.Date()); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	pg := ExercisePage{Exercises: []ExerciseView{}, Total: len(sel)}
	if f.After != 0 {
		i := slices.IndexFunc(sel, func(x *Exercise) bool { return x.Seq == f.After })
		if i < 0 {
			return ExercisePage{}, csto.Errorf(csto.Invalid, "after", "not one of these")
		}
		sel = sel[i+1:]
	}
	sel = sel[min(f.Offset, len(sel)):]
	if f.Limit > 0 && len(sel) > f.Limit {
		sel = sel[:f.Limit]
		pg.Next = sel[len(sel)-1].Seq
	}
	for _, x := range sel {
		pg.Exercises = append(pg.Exercises, m.exerciseView(x, m.heldAt(x.Seq), lang))
	}
	return pg, nil
}

// checkExercises compares ExercisePage, ExerciseYears and ExerciseCount
// with the scans, on filters of every kind: cursors on exercises the
// filter selects and on ones it does not, offsets past the end, years
// before and after the record, levels no exercise has.
func checkExercises(t *testing.T, g *gen, m *Model, queries int) {
	t.Helper()
	var xs []*Exercise
	for x := range m.Exercises.All() {
		xs = append(xs, x)
	}
	for range queries {
		f := ExerciseFilter{Org: g.orgs[g.rng.IntN(len(g.orgs))]}
		if g.rng.IntN(5) == 0 {
			f.Org = "none"
		}
		if g.rng.IntN(2) == 0 {
			f.Year = 1985 + g.rng.IntN(46)
		}
		if g.rng.IntN(3) == 0 {
			f.Level = append(exerciseLevels, "none")[g.rng.IntN(4)]
		}
		if g.rng.IntN(3) == 0 && len(xs) > 0 {
			f.After = xs[g.rng.IntN(len(xs))].Seq
			if g.rng.IntN(4) == 0 {
				f.After = m.Entries[g.rng.IntN(len(m.Entries))].Seq // mostly not an exercise
			}
		}
		if g.rng.IntN(3) == 0 {
			f.Offset = g.rng.IntN(40)
		}
		if g.rng.IntN(2) == 0 {
			f.Limit = 1 + g.rng.IntN(30)
		}
		got, err := m.ExercisePage(f, "en")
		want, werr := scanExercises(m, f, "en")
		if csto.ErrorKind(err) != csto.ErrorKind(werr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("ExercisePage(%+v) on %d exercises = %d of %d (next %d), %v; the scan %d of %d (next %d), %v",
				f, len(xs), len(got.Exercises), got.Total, got.Next, err, len(want.Exercises), want.Total, want.Next, werr)
		}
	}
	for _, o := range append(slices.Clone(g.orgs), "none") {
		seen := map[int]bool{}
		for _, x := range xs {
			if x.Org() == o {
				seen[yearOf(x.Date().Earliest())] = true
			}
		}
		if got, want := m.ExerciseYears(o), slices.Sorted(maps.Keys(seen)); !slices.Equal(got, want) {
			t.Fatalf("ExerciseYears(%s) = %v, the scan %v", o, got, want)
		}
		for _, s := range g.states {
			n := 0
			for _, x := range xs {
				if x.Org() == o && slices.Contains(x.Participants(), s) {
					n++
				}
			}
			if got := m.ExerciseCount(o, s); got != n {
				t.Fatalf("ExerciseCount(%s, %s) = %d, the scan %d", o, s, got, n)
			}
		}
	}
}

func seqs(es []EntryView) []int64 {
	var out []int64
	for _, e := range es {
		out = append(out, e.Seq)
	}
	return out
}

// TestIndexedTimeline compares the indexed timeline and members with the
// scan on generated models: built at once, then grown write by write
// (each model extending its parent's index, the deltas merged into their
// bases past indexDelta), and read out of order (an older model after a
// newer one).
func TestIndexedTimeline(t *testing.T) {
	g := newGen(1)
	m := g.model(3000)
	checkIndexed(t, g, m, 120)
	old := m
	for step := range 40 {
		m = g.grow(m, 1+g.rng.IntN(400))
		if step%3 == 0 {
			checkIndexed(t, g, m, 40)
		}
	}
	if m.ix.built == nil && m.ix.parent == nil {
		t.Fatal("a grown model has no index to extend")
	}
	checkIndexed(t, g, m, 120)
	checkIndexed(t, g, old, 50) // its own index, still
	// A model changed after its index was built (a writer's clone read
	// while it applies events) is indexed again.
	c := g.grow(m, 0)
	checkIndexed(t, g, c, 10)
	for range 2 {
		e := g.entry()
		c.Entries = append(c.Entries, e)
		c.held = append(c.held, heldBody{e.Seq, &EntryBody{Text: csto.Text{EN: fmt.Sprintf("entry %d", e.Seq)}}})
	}
	c.Seq = g.seq
	checkIndexed(t, g, c, 100)
	// An empty model, and one with one entry.
	e := newGen(2)
	checkIndexed(t, e, e.model(0), 20)
	checkIndexed(t, e, e.model(1), 20)
}

// TestIndexedTimelineWrites checks the index of a model the registry
// derives by writes, corrections included: a correction re-derives the
// entries, and the index with them.
func TestIndexedStateRecord(t *testing.T) {
	g := newGen(3)
	m := g.model(5000)
	for _, s := range g.states {
		got, err := m.Timeline(TimelineFilter{State: s}, "en")
		if err != nil {
			t.Fatal(err)
		}
		if want := scanTimeline(m, TimelineFilter{State: s}, "en"); !reflect.DeepEqual(got, want) {
			t.Fatalf("state %s: %d events, the scan %d", s, len(got.Events), len(want.Events))
		}
	}
}

// Benchmarks of the indexed reads side by side with the scan they
// replace, on generated models of 10 k, 100 k and (with -short unset and
// CSTO_BENCH_1M=1) 1 M entries. The month is January 2022; the state KAZ
// takes part in about one entry in six.

var benchModels = map[int]*Model{}

func benchModel(b *testing.B, n int) *Model {
	if n >= 1_000_000 && os.Getenv("CSTO_BENCH_1M") == "" {
		b.Skip("set CSTO_BENCH_1M=1 to build a model of 1 M entries")
	}
	if m := benchModels[n]; m != nil {
		return m
	}
	g := newGen(9)
	g.realistic = true
	m := g.model(n)
	m.index() // built once: the benchmarks measure reads
	benchModels[n] = m
	return m
}

var benchSizes = []int{10_000, 100_000, 1_000_000}

func BenchmarkIndexedReads(b *testing.B) {
	month, _ := edtf.Parse("2022-01")
	at, _ := edtf.Parse("2022-01-10")
	for _, n := range benchSizes {
		for _, q := range []struct {
			name string
			f    TimelineFilter
		}{
			{"MonthPage", TimelineFilter{From: month, To: month, Limit: 100}}, // the API's default page
			{"Month", TimelineFilter{From: month, To: month}},
			{"StatePage", TimelineFilter{State: "KAZ", Limit: 100}},
		} {
			b.Run(fmt.Sprintf("%s/%dk/Index", q.name, n/1000), func(b *testing.B) {
				m := benchModel(b, n)
				for b.Loop() {
					if _, err := m.Timeline(q.f, "en"); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(fmt.Sprintf("%s/%dk/Scan", q.name, n/1000), func(b *testing.B) {
				m := benchModel(b, n)
				for b.Loop() {
					scanTimeline(m, q.f, "en")
				}
			})
		}
		b.Run(fmt.Sprintf("State/%dk/Index", n/1000), func(b *testing.B) {
			m := benchModel(b, n)
			for b.Loop() {
				if _, err := m.State("KAZ", Page{}, "en"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("StateFirstPage/%dk/Index", n/1000), func(b *testing.B) {
			// The record with the first page of its events (the API's default).
			m := benchModel(b, n)
			for b.Loop() {
				if _, err := m.State("KAZ", Page{Limit: 100}, "en"); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("StateMiddlePage/%dk/Index", n/1000), func(b *testing.B) {
			// A page from the middle of the record, by its cursor.
			m := benchModel(b, n)
			f := TimelineFilter{State: "KAZ"}
			var seqs []int64
			m.scan(m.index().list(&f), f.From, f.To, nil, func(p int32) bool { seqs = append(seqs, m.Entries[p].Seq); return true })
			after := seqs[len(seqs)/2]
			for b.Loop() {
				if _, err := m.State("KAZ", Page{After: after, Limit: 100}, "en"); err != nil {
					b.Fatal(err)
				}
			}
		})
		// The web's timeline, page 3 of 50 of every entry: before, every
		// entry's view built and the page sliced out; now the window
		// (TimelineWindow: the page's views, the rest counted).
		b.Run(fmt.Sprintf("WebPage3/%dk/Whole", n/1000), func(b *testing.B) {
			m := benchModel(b, n)
			for b.Loop() {
				t, err := m.Timeline(TimelineFilter{}, "en")
				if err != nil || len(t.Events[100:150]) != 50 {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("WebPage3/%dk/Window", n/1000), func(b *testing.B) {
			m := benchModel(b, n)
			for b.Loop() {
				t, total, err := m.TimelineWindow(TimelineFilter{Limit: 50}, 100, "en")
				if err != nil || len(t.Events) != 50 || total != len(m.Entries) {
					b.Fatal(err)
				}
			}
		})
		// The web's exercises, page 3 of 100, of all csto's and of one
		// year's: before, every exercise walked and the selected sorted
		// (scanExercises); now the organization's list read to the page
		// (a year's candidates counted to the end).
		for _, q := range []struct {
			name string
			f    ExerciseFilter
		}{
			{"ExercisePage3", ExerciseFilter{Org: "csto", Offset: 200, Limit: 100}},
			{"ExerciseYearPage", ExerciseFilter{Org: "csto", Year: 2012, Limit: 100}},
		} {
			for _, how := range []string{"Index", "Scan"} {
				b.Run(fmt.Sprintf("%s/%dk/%s", q.name, n/1000, how), func(b *testing.B) {
					m := benchModel(b, n)
					page := m.ExercisePage
					if how == "Scan" {
						page = func(f ExerciseFilter, lang csto.Lang) (ExercisePage, error) { return scanExercises(m, f, lang) }
					}
					for b.Loop() {
						if pg, err := page(q.f, "en"); err != nil || len(pg.Exercises) == 0 {
							b.Fatal(err, len(pg.Exercises))
						}
					}
				})
			}
		}
		b.Run(fmt.Sprintf("StateSelect/%dk/Index", n/1000), func(b *testing.B) {
			// The entries of KAZ's record, in order, without their views.
			m := benchModel(b, n)
			f := TimelineFilter{State: "KAZ"}
			for b.Loop() {
				k := 0
				m.scan(m.index().list(&f), f.From, f.To, nil, func(p int32) bool { k++; return true })
			}
		})
		b.Run(fmt.Sprintf("State/%dk/Scan", n/1000), func(b *testing.B) {
			m := benchModel(b, n)
			for b.Loop() {
				scanTimeline(m, TimelineFilter{State: "KAZ"}, "en")
			}
		})
		b.Run(fmt.Sprintf("Members/%dk/Index", n/1000), func(b *testing.B) {
			m := benchModel(b, n)
			for b.Loop() {
				m.Members("csto", at, "en")
			}
		})
		b.Run(fmt.Sprintf("Members/%dk/PerCall", n/1000), func(b *testing.B) {
			// Before the kept rows: the organization's pairs from the
			// index, the rows built per call.
			m := benchModel(b, n)
			for b.Loop() {
				perCallMembers(m, "csto", at, "en")
			}
		})
		b.Run(fmt.Sprintf("Members/%dk/Scan", n/1000), func(b *testing.B) {
			m := benchModel(b, n)
			for b.Loop() {
				scanMembers(m, "csto", at, "en")
			}
		})
		b.Run(fmt.Sprintf("Build/%dk", n/1000), func(b *testing.B) {
			// The index of a model nobody read before: one sort.
			m := benchModel(b, n)
			for b.Loop() {
				buildIndex(m, nil)
			}
		})
		b.Run(fmt.Sprintf("Extend/%dk", n/1000), func(b *testing.B) {
			// A write of one entry, then a read: the new model's index
			// extends its parent's (amortised over the delta merges).
			m := benchModel(b, n)
			g := newGen(10)
			g.seq = m.Seq
			for b.Loop() {
				b.StopTimer()
				m = g.grow(m, 1) // the clone is the write's cost, not the index's
				b.StartTimer()
				m.index()
			}
		})
	}
}

// TestIndexConcurrent reads models whose index is not built yet from
// several goroutines while a writer derives their children (run with
// -race): every reader gets the scan's answer.
func TestIndexConcurrent(t *testing.T) {
	g := newGen(4)
	m := g.model(2000)
	models := []*Model{m}
	for range 5 {
		m = g.grow(m, 50)
		models = append(models, m)
	}
	f := TimelineFilter{State: "KAZ", Limit: 50}
	want := make([]Timeline, len(models))
	for i, m := range models {
		want[i] = scanTimeline(m, f, "en")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for r := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range models {
				j := (i + r) % len(models)
				got, _ := models[j].Timeline(f, "en")
				if !reflect.DeepEqual(got, want[j]) {
					errs <- fmt.Sprintf("model %d: %v, the scan %v", j, seqs(got.Events), seqs(want[j].Events))
				}
			}
		}()
	}
	gw := newGen(5)
	gw.seq = m.Seq
	for range 3 {
		gw.grow(models[len(models)-1], 10).index()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
