package rules

import (
	"cmp"
	"slices"

	"github.com/csto/csto/atop"
	"github.com/csto/csto/edtf"
)

// The state-year and dyad-year expansions of atop.StateYears and
// atop.DyadYears, for years after 2018: the atop package stops at ATOP's
// last year, and the curated CSTO goes on. The rules are the atop
// package's (codebook 2.5–2.7) with one parameter more, the last year an
// open membership covers; tests check that with 2018 they give exactly
// what the atop package gives on the whole of ATOP.

// lastYearOf is the last year a row covers: its exit year, or openLast.
func lastYearOf(r *atop.Member, openLast int) int {
	if r.Exit.IsZero() {
		return openLast
	}
	return r.YrExit
}

type spanKey struct {
	atopid, a, b int
	date         edtf.Date
}

// realTransitions says, for spans (atopid, a, b, start, end), whether each
// start and end is a real one rather than a phase of the same alliance
// following another on the very day.
func realTransitions(keys []spanKey, ends []edtf.Date) (starts, stops []bool) {
	startAt := make(map[spanKey]bool, len(keys))
	endAt := make(map[spanKey]bool, len(keys))
	for i, k := range keys {
		startAt[k] = true
		if !ends[i].IsZero() {
			endAt[spanKey{k.atopid, k.a, k.b, ends[i]}] = true
		}
	}
	starts, stops = make([]bool, len(keys)), make([]bool, len(keys))
	for i, k := range keys {
		starts[i] = !endAt[k]
		stops[i] = !ends[i].IsZero() && !startAt[spanKey{k.atopid, k.a, k.b, ends[i]}]
	}
	return starts, stops
}

// expandStateYears is atop.StateYears with open rows covering up to
// openLast.
func expandStateYears(rows []atop.Member, from, to, openLast int) []atop.StateYear {
	if from > to {
		return nil
	}
	keys := make([]spanKey, len(rows))
	ends := make([]edtf.Date, len(rows))
	for i := range rows {
		keys[i] = spanKey{rows[i].ATOPID, rows[i].State, 0, rows[i].Entry}
		ends[i] = rows[i].Exit
	}
	starts, stops := realTransitions(keys, ends)
	type acc struct {
		ob    atop.Obligations
		ids   []int
		trans bool
		ver   string
	}
	byState := map[int][]acc{}
	for i := range rows {
		r := &rows[i]
		lo, hi := max(r.YrEnt, from), min(lastYearOf(r, openLast), to)
		if lo > hi {
			continue
		}
		ys := byState[r.State]
		if ys == nil {
			ys = make([]acc, to-from+1)
			byState[r.State] = ys
		}
		for y := lo; y <= hi; y++ {
			a := &ys[y-from]
			a.ob = a.ob.Or(r.Obligations)
			if !slices.Contains(a.ids, r.ATOPID) {
				a.ids = append(a.ids, r.ATOPID)
			}
			a.trans = a.trans || (y == r.YrEnt && starts[i]) || (!r.Exit.IsZero() && y == r.YrExit && stops[i])
			if a.ver == "" {
				a.ver = r.Version
			}
		}
	}
	var out []atop.StateYear
	for _, s := range sortedInts(byState) {
		for k, a := range byState[s] {
			if len(a.ids) == 0 {
				continue
			}
			slices.Sort(a.ids)
			out = append(out, atop.StateYear{State: s, Year: from + k, Obligations: a.ob, Number: len(a.ids),
				TransYr: a.trans, ATOPIDs: a.ids, Version: a.ver})
		}
	}
	return out
}

// expandDyadYears is atop.DyadYears with open rows covering up to
// openLast.
func expandDyadYears(rows []atop.Member, from, to, openLast int, directed bool) []atop.DyadYear {
	if from > to {
		return nil
	}
	type pair struct{ i, j int }
	var pairs []pair
	var keys []spanKey
	var ends []edtf.Date
	var yfrom, yto []int
	groups := map[[2]int][]int{}
	var order [][2]int
	for i := range rows {
		if rows[i].State > 999 {
			continue
		}
		k := [2]int{rows[i].ATOPID, rows[i].Phase}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	for _, g := range order {
		idx := groups[g]
		for x, p := range idx {
			for _, q := range idx[x+1:] {
				i, j := p, q
				if rows[i].State > rows[j].State {
					i, j = j, i
				}
				a, b := &rows[i], &rows[j]
				if a.State == b.State || disjoint(a, b) {
					continue
				}
				pairs = append(pairs, pair{i, j})
				keys = append(keys, spanKey{a.ATOPID, a.State, b.State, laterDate(a.Entry, b.Entry)})
				ends = append(ends, earlierExit(a.Exit, b.Exit))
				yfrom = append(yfrom, max(a.YrEnt, b.YrEnt))
				yto = append(yto, min(lastYearOf(a, openLast), lastYearOf(b, openLast)))
			}
		}
	}
	starts, stops := realTransitions(keys, ends)
	type acc struct {
		shared        bool
		ab, ba        atop.Obligations
		ids           []int
		multi         []bool
		asymm, obVary bool
		trans         bool
	}
	type run struct {
		a, b, first int
		years       []acc
		version     string
	}
	byPair := map[int]*run{}
	for k, p := range pairs {
		a, b := &rows[p.i], &rows[p.j]
		lo, hi := max(yfrom[k], from), min(yto[k], to)
		if lo > hi {
			continue
		}
		key := a.State*1000 + b.State
		r := byPair[key]
		if r == nil {
			r = &run{a: a.State, b: b.State, first: lo, version: a.Version}
			byPair[key] = r
		}
		// Cover lo…hi: the run holds only the years its pair shares.
		if lo < r.first {
			r.years = append(make([]acc, r.first-lo, r.first-lo+len(r.years)), r.years...)
			r.first = lo
		}
		if need := hi - r.first + 1; need > len(r.years) {
			r.years = append(r.years, make([]acc, need-len(r.years))...)
		}
		for y := lo; y <= hi; y++ {
			x := &r.years[y-r.first]
			x.shared = true
			x.ab, x.ba = x.ab.Or(a.Obligations), x.ba.Or(b.Obligations)
			at := slices.Index(x.ids, a.ATOPID)
			if at < 0 {
				at = len(x.ids)
				x.ids, x.multi = append(x.ids, a.ATOPID), append(x.multi, false)
			}
			x.multi[at] = x.multi[at] || !a.Bilat || !b.Bilat
			x.asymm = x.asymm || a.Asymm || b.Asymm
			x.obVary = x.obVary || a.ObVary || b.ObVary
			x.trans = x.trans || (y == yfrom[k] && starts[k]) || (!ends[k].IsZero() && y == yto[k] && stops[k])
		}
	}
	// Emit in order of the (directed) dyad identifier, each pair's years
	// in order.
	type emit struct {
		id, key  int
		reversed bool
	}
	emitOrder := make([]emit, 0, 2*len(byPair))
	for key, r := range byPair {
		emitOrder = append(emitOrder, emit{id: key, key: key})
		if directed {
			emitOrder = append(emitOrder, emit{id: r.b*1000 + r.a, key: key, reversed: true})
		}
	}
	slices.SortFunc(emitOrder, func(a, b emit) int { return cmp.Compare(a.id, b.id) })
	var out []atop.DyadYear
	for _, o := range emitOrder {
		r := byPair[o.key]
		for k := range r.years {
			x := &r.years[k]
			if !x.shared {
				continue
			}
			multi := 0
			for _, m := range x.multi {
				if m {
					multi++
				}
			}
			ids := slices.Clone(x.ids)
			slices.Sort(ids)
			row := atop.DyadYear{StateA: r.a, StateB: r.b, Year: r.first + k, Obligations: x.ab.Or(x.ba),
				ShareOb: !x.ab.Any() && !x.ba.Any(), TransYr: x.trans, BilatNo: len(ids) - multi, MultiNo: multi,
				Number: len(ids), Asymm: x.asymm, ATOPIDs: ids, ObVary: x.obVary, Version: r.version}
			switch {
			case o.reversed:
				row.StateA, row.StateB, row.Obligations = r.b, r.a, x.ba
			case directed:
				row.Obligations = x.ab
			}
			out = append(out, row)
		}
	}
	return out
}

// disjoint reports whether two memberships of a phase certainly never
// overlap: one began on or after the last day the other can have ended.
func disjoint(a, b *atop.Member) bool {
	return !a.Exit.IsZero() && b.Entry.Earliest() >= a.Exit.Latest() ||
		!b.Exit.IsZero() && a.Entry.Earliest() >= b.Exit.Latest()
}

func laterDate(a, b edtf.Date) edtf.Date {
	if edtf.Compare(a, b) >= 0 {
		return a
	}
	return b
}

func earlierExit(a, b edtf.Date) edtf.Date {
	switch {
	case a.IsZero():
		return b
	case b.IsZero():
		return a
	case edtf.Compare(a, b) <= 0:
		return a
	}
	return b
}

func sortedInts[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
