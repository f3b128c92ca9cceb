package registry

// Indexed reads (issue 12). The timeline (by date range, state,
// organization, kind), a state's history and the members of an
// organization on a date are answered from an index of the model's
// entries instead of sorting or scanning all of them per request.
//
// An index belongs to one model and is built the first time a query asks
// for it (lazyIndex). It is built from the nearest ancestor's index when
// that one was built: a model's entries extend its parent's (a write only
// appends entries), so the new entries are sorted and merged into small
// per-list deltas, O(delta) per write; a delta longer than indexDelta is
// merged into its base, a linear merge, not a sort. A correction
// re-derives the model (correct.go) and with it gets a fresh index, built
// by one sort.
//
// Each posting list (every entry; the entries of a state, of an
// organization, of a kind) is a base and a delta, both sorted in the
// timeline's order (entryOrder), so a query reads the most selective list
// in order and stops at its limit. A date range reads the entries whose
// earliest day is at most the range's last (a prefix of the order), and
// of those that begin before the range only the blocks whose latest day
// reaches into it (run.max), so a month costs its own entries plus a few
// block checks, not the whole log.

import (
	"cmp"
	"maps"
	"slices"
	"sync"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

const (
	indexBlock = 64   // entries per block of a run's latest-day maxima
	indexDelta = 4096 // a delta is merged into its base when it grows past this
)

// run is entry positions (indexes into Model.Entries) in timeline order,
// with the latest day of each block of indexBlock positions.
type run struct {
	pos []int32
	max []edtf.Day
}

func newRun(m *Model, pos []int32) run {
	return runOf(pos, func(p int32) edtf.Day { return m.Entries[p].Date().Latest() })
}

// runOf is the run of pos, where latest gives an entry's latest day.
func runOf(pos []int32, latest func(p int32) edtf.Day) run {
	r := run{pos: pos, max: make([]edtf.Day, (len(pos)+indexBlock-1)/indexBlock)}
	for i, p := range pos {
		if l := latest(p); i%indexBlock == 0 || l > r.max[i/indexBlock] {
			r.max[i/indexBlock] = l
		}
	}
	return r
}

// postings is one posting list: a base and a short delta of the entries
// added since the base was built.
type postings struct{ base, delta run }

// add returns p with the positions add (in timeline order) merged in.
// p is not changed: models share their lists.
func (p *postings) add(m *Model, add []int32) *postings {
	d := mergePos(m, p.delta.pos, add)
	if len(d) > indexDelta {
		return &postings{base: newRun(m, mergePos(m, p.base.pos, d))}
	}
	return &postings{base: p.base, delta: newRun(m, d)}
}

func (p *postings) len() int { return len(p.base.pos) + len(p.delta.pos) }

// entryIndex is the index of one model's entries.
type entryIndex struct {
	seq  int64 // the model's Seq when built
	n    int   // entries indexed: Entries[:n]
	last int64 // Entries[n-1].Seq, 0 when n == 0

	all  *postings
	keys map[indexKey]*postings // a state's, an organization's, a kind's entries

	kinds []string // the entries' kinds, each once, in log order of first use

	// exercises counts what the exercise pages show (exindex.go); their
	// lists are in keys.
	exercises exerciseCounts

	// members answers Members for each organization with spells (asof.go).
	members map[string]*orgMembers
}

// covers reports whether ix indexes m as it is now.
func (ix *entryIndex) covers(m *Model) bool {
	return ix.seq == m.Seq && ix.prefixOf(m) && ix.n == len(m.Entries)
}

// prefixOf reports whether the entries ix indexes are the first of m's.
func (ix *entryIndex) prefixOf(m *Model) bool {
	if ix.n > len(m.Entries) || ix.seq > m.Seq {
		return false
	}
	return ix.n == 0 || m.Entries[ix.n-1].Seq == ix.last
}

// indexKey names a posting list: 's' a state, 'o' an organization, 'k'
// a kind or type.
type indexKey struct {
	of   byte
	name string
}

// lazyIndex holds a model's index once a query built it, and until then
// the index of an ancestor to build it from.
type lazyIndex struct {
	mu     sync.Mutex
	built  *entryIndex
	parent *lazyIndex // nil once built
}

// child returns the lazyIndex of a model cloned from the one l belongs to.
// It refers to l, or to l's own ancestor while l is unbuilt, so a chain of
// models nobody read holds at most one index alive.
func (l *lazyIndex) child() *lazyIndex {
	if l == nil {
		return &lazyIndex{}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.built == nil && l.parent != nil {
		return &lazyIndex{parent: l.parent}
	}
	return &lazyIndex{parent: l}
}

// index returns m's index, building it on first use.
func (m *Model) index() *entryIndex {
	l := m.ix
	if l == nil {
		return buildIndex(m, nil)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.built != nil && l.built.covers(m) {
		return l.built
	}
	base := l.built
	if base == nil && l.parent != nil {
		l.parent.mu.Lock()
		base = l.parent.built
		l.parent.mu.Unlock()
	}
	ix := buildIndex(m, base)
	// A model is only changed before it is published (a writer applying
	// events to its clone); keep the index of the latest state.
	if l.built == nil || l.built.seq <= ix.seq {
		l.built, l.parent = ix, nil
	}
	return ix
}

// buildIndex indexes m, extending base when it indexes a prefix of m's
// entries and the new ones are not too many, else from scratch.
func buildIndex(m *Model, base *entryIndex) *entryIndex {
	n := len(m.Entries)
	if base == nil || !base.prefixOf(m) || n-base.n > max(4*indexDelta, base.n/2) {
		base = &entryIndex{all: &postings{}, keys: map[indexKey]*postings{}}
	}
	ix := &entryIndex{seq: m.Seq, n: n, all: base.all, keys: base.keys, kinds: base.kinds, exercises: base.exercises}
	if n > 0 {
		ix.last = m.Entries[n-1].Seq
	}
	if n > base.n {
		add := make([]int32, 0, n-base.n)
		for i := base.n; i < n; i++ {
			add = append(add, int32(i))
		}
		sortPos(m, add)
		byKey := map[indexKey][]int32{}
		var ks []indexKey
		for i := base.n; i < n; i++ {
			if k := m.Entries[i].Kind(); !slices.Contains(ix.kinds, k) {
				ix.kinds = append(slices.Clip(ix.kinds), k)
			}
		}
		for _, p := range add {
			ks = entryKeys(&m.Entries[p], ks[:0])
			for _, k := range ks {
				byKey[k] = append(byKey[k], p)
			}
		}
		ix.exercises = m.addExercises(add, byKey, base.exercises)
		if base.n == 0 {
			ix.all = &postings{base: newRun(m, add)}
			ix.keys = make(map[indexKey]*postings, len(byKey))
			for k, ps := range byKey {
				ix.keys[k] = &postings{base: newRun(m, ps)}
			}
		} else {
			ix.all = base.all.add(m, add)
			ix.keys = maps.Clone(base.keys)
			for k, ps := range byKey {
				p := ix.keys[k]
				if p == nil {
					p = &postings{}
				}
				ix.keys[k] = p.add(m, ps)
			}
		}
	}
	ix.members = membersOf(m)
	return ix
}

// membersOf returns the as-of membership of each organization with spells
// (asof.go).
func membersOf(m *Model) map[string]*orgMembers {
	pairs := map[string][]csto.Pair{}
	for p := range m.spells {
		pairs[p.Org] = append(pairs[p.Org], p)
	}
	members := make(map[string]*orgMembers, len(pairs))
	for org, ps := range pairs {
		members[org] = newOrgMembers(m, ps)
	}
	return members
}

// Kinds returns the kinds of the timeline's entries, each once, in the
// order they first appear in the log.
func (m *Model) Kinds() []string { return slices.Clone(m.index().kinds) }

// entryKeys appends the posting lists e belongs to, each once, to ks.
func entryKeys(e *Entry, ks []indexKey) []indexKey {
	add := func(of byte, name string) {
		if k := (indexKey{of, name}); !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	for _, s := range e.States() {
		add('s', s)
	}
	for _, o := range e.Orgs() {
		add('o', o)
	}
	add('k', e.Kind())
	add('k', e.Type())
	return ks
}

// sortPos sorts positions in timeline order, comparing the days first
// from a compact copy (the entries are large), the full order on ties.
func sortPos(m *Model, pos []int32) {
	type key struct {
		lo, hi edtf.Day
		zero   bool
		p      int32
	}
	ks := make([]key, len(pos))
	for i, p := range pos {
		d := m.Entries[p].Date()
		ks[i] = key{d.Earliest(), d.Latest(), d.IsZero(), p}
	}
	slices.SortFunc(ks, func(a, b key) int {
		if a.zero != b.zero || a.lo != b.lo || a.hi != b.hi {
			if a.zero != b.zero {
				if a.zero {
					return -1
				}
				return 1
			}
			if a.lo != b.lo {
				return cmp.Compare(a.lo, b.lo)
			}
			return cmp.Compare(a.hi, b.hi)
		}
		return m.order(a.p, b.p)
	})
	for i, k := range ks {
		pos[i] = k.p
	}
}

// order compares the entries at positions a and b in the timeline's order
// (entryOrder).
func (m *Model) order(a, b int32) int { return entryOrder(&m.Entries[a], &m.Entries[b]) }

// mergePos merges two position lists in timeline order into a new one.
func mergePos(m *Model, a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if m.order(a[0], b[0]) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

// list returns the most selective posting list for f: the shortest of the
// lists its state, organization and kind name, or every entry.
func (ix *entryIndex) list(f *TimelineFilter) *postings {
	best := ix.all
	for _, k := range [...]indexKey{{'s', f.State}, {'o', f.Org}, {'k', f.Kind}} {
		if k.name == "" {
			continue // no such filter
		}
		p := ix.keys[k]
		if p == nil {
			return &postings{}
		}
		if p.len() < best.len() {
			best = p
		}
	}
	return best
}

// cursor walks one run in timeline order over the entries that may fall
// in [from, to] (either zero: unbounded) and follow after (nil: all).
type cursor struct {
	m      *Model
	r      *run
	i, end int
	lo     int      // from here on, every entry ends on or after from
	from   edtf.Day // from's earliest day
}

func (m *Model) cursor(r *run, from, to edtf.Date, after *Entry) cursor {
	c := cursor{m: m, r: r, end: len(r.pos), lo: 0}
	if !to.IsZero() {
		last := to.Latest()
		c.end, _ = slices.BinarySearchFunc(r.pos, last, func(p int32, d edtf.Day) int {
			if m.Entries[p].Date().Earliest() > d {
				return 1
			}
			return -1
		})
	}
	if !from.IsZero() {
		c.from = from.Earliest()
		c.lo, _ = slices.BinarySearchFunc(r.pos, c.from, func(p int32, d edtf.Day) int {
			if m.Entries[p].Date().Earliest() >= d {
				return 1
			}
			return -1
		})
	}
	if after != nil {
		c.i, _ = slices.BinarySearchFunc(r.pos, after, func(p int32, a *Entry) int {
			if entryOrder(&m.Entries[p], a) > 0 {
				return 1
			}
			return -1
		})
	}
	c.seek()
	return c
}

// seek moves to the next position at or after i that may fall in range:
// before lo, entries that began before from and end on or after it.
func (c *cursor) seek() {
	for c.i < c.lo && c.i < c.end {
		b := c.i / indexBlock
		if c.r.max[b] < c.from {
			c.i = min((b+1)*indexBlock, c.lo)
			continue
		}
		if c.m.Entries[c.r.pos[c.i]].Date().Latest() >= c.from {
			return
		}
		c.i++
	}
}

func (c *cursor) done() bool  { return c.i >= c.end }
func (c *cursor) peek() int32 { return c.r.pos[c.i] }
func (c *cursor) next()       { c.i++; c.seek() }

// scan calls yield with the positions of p's entries that may fall in
// [from, to] and follow after, in timeline order, until it returns false.
func (m *Model) scan(p *postings, from, to edtf.Date, after *Entry, yield func(int32) bool) {
	a := m.cursor(&p.base, from, to, after)
	b := m.cursor(&p.delta, from, to, after)
	for !a.done() || !b.done() {
		c := &a
		if a.done() || !b.done() && m.order(b.peek(), a.peek()) < 0 {
			c = &b
		}
		if !yield(c.peek()) {
			return
		}
		c.next()
	}
}

// selects reports whether f selects e: the one definition of the
// timeline's filter, which the index only narrows the candidates of.
func (f *TimelineFilter) selects(e *Entry) bool {
	if f.Org != "" && !slices.Contains(e.Orgs(), f.Org) {
		return false
	}
	if f.State != "" && !slices.Contains(e.States(), f.State) {
		return false
	}
	if f.Kind != "" && e.Kind() != f.Kind && e.Type() != f.Kind {
		return false
	}
	if !f.From.IsZero() && e.Date().Latest() < f.From.Earliest() {
		return false
	}
	if !f.To.IsZero() && e.Date().Earliest() > f.To.Latest() {
		return false
	}
	return true
}
