package atop

import (
	"slices"

	"github.com/csto/csto/edtf"
)

// DyadYear is one row of ATOP's dyad-year file (codebook 2.6) or, when
// directed, of its directed dyad-year file (2.7): two states that shared
// at least one alliance in a year. ATOPALLY, always 1 there, is not kept.
type DyadYear struct {
	// The two COW codes: StateA < StateB (MEM1, MEM2) in an undirected
	// row; in a directed row the state whose obligations are described
	// (STATEA) and the one they are owed to (STATEB).
	StateA int `json:"statea"`
	StateB int `json:"stateb"`
	Year   int `json:"year"`
	// Undirected: an obligation either state had toward the other.
	// Directed: an obligation StateA had toward StateB.
	Obligations
	// ShareOb: members of the same alliance with no obligation toward one
	// another in either direction (ATOP writes it as 1 or missing).
	ShareOb bool  `json:"shareob"`
	TransYr bool  `json:"transyr"` // some shared membership began or ended in the year
	BilatNo int   `json:"bilatno"` // shared bilateral alliances
	MultiNo int   `json:"multino"` // shared multilateral alliances
	Number  int   `json:"number"`  // BilatNo + MultiNo = len(ATOPIDs)
	Asymm   bool  `json:"asymm"`   // some shared alliance has asymmetric obligations
	ATOPIDs []int `json:"atopids"` // the shared alliances, ascending
	// ObVary: in some shared alliance one of the two states has
	// obligations that differ by partner (OBVARY). ATOP corrects such
	// dyads by hand from its codesheets; from member rows the dyad gets
	// the member's obligations toward every partner, which may be more
	// than it owed this one. Not a column of ATOP's files.
	ObVary  bool   `json:"obvary"`
	Version string `json:"version"`
}

// ID returns ATOP's dyad identifier, StateA*1000 + StateB: DYAD for an
// undirected row (lower code first), DDYAD for a directed one.
func (d *DyadYear) ID() int { return d.StateA*1000 + d.StateB }

// DyadYears expands member rows into dyad-years for the years from…to
// (inclusive), ordered by StateA, StateB, then year; directed gives both
// directions of each pair. The rules are the codebook's (2.6, 2.7),
// applied to the member level:
//
//   - Two rows pair when they belong to the same phase of the same
//     alliance and are of different states. Rows of different phases
//     never pair: the Czech Republic and Slovakia each continue
//     Czechoslovakia's bilateral alliances as a phase of its own
//     (footnote 10), and are not allies of each other through them.
//   - The pair shares the alliance in the years both rows cover (see
//     StateYears), except when one state joined after the other had left
//     ("these pairs of states are never members of the alliance
//     simultaneously"): with memberships read as [entry, exit), when the
//     later entry is on or after the earlier exit. With imprecise dates
//     the pair is dropped only when that holds for every reading.
//   - Pairs with a code that is not a three-digit COW code are dropped,
//     as ATOP drops France–Annam (8152, footnote 18).
//   - Directed obligations of A toward B are A's member-level obligations
//     in the shared rows; undirected ones are those of either state. See
//     ObVary for where this differs from ATOP's hand corrections.
//   - BILATNO and MULTINO count shared alliances by the BILAT of their
//     phase rows; an alliance counts as bilateral in a year only if every
//     shared row of it that year is. ASYMM is 1 if any shared row has it.
//   - TRANSYR is 1 when a shared membership began or ended in the year,
//     with phases that follow one another on the same day counting as
//     one membership, as in StateYears.
//   - Years after 2018 only for rows that say they cover them
//     (Member.Through), as in StateYears.
func DyadYears(members []Member, from, to int, directed bool) []DyadYear {
	from, to = max(from, FirstYear), min(to, lastYearOf(members))
	if from > to {
		return nil
	}
	type pair struct{ i, j int } // member indexes, members[i].State < members[j].State
	var pairs []pair
	var spans []span
	groups := make(map[[2]int][]int)
	for i := range members {
		m := &members[i]
		if m.State > 999 {
			continue
		}
		key := [2]int{m.ATOPID, m.Phase}
		groups[key] = append(groups[key], i)
	}
	for _, rows := range groups {
		for x, r := range rows {
			for _, q := range rows[x+1:] {
				i, j := r, q
				if members[i].State > members[j].State {
					i, j = j, i
				}
				mi, mj := &members[i], &members[j]
				if mi.State == mj.State || neverTogether(mi, mj) {
					continue
				}
				pairs = append(pairs, pair{i, j})
				spans = append(spans, span{
					atopid: mi.ATOPID, a: mi.State, b: mj.State,
					start: later(mi.Entry, mj.Entry), end: earlierEnd(mi.Exit, mj.Exit),
					from: max(mi.YrEnt, mj.YrEnt), to: min(mi.lastYear(), mj.lastYear()),
				})
			}
		}
	}
	starts, ends := transitions(spans)

	// Accumulate per pair, over the run of years its spans touch.
	byPair := make(map[int]*pairYears)
	for k, p := range pairs {
		mi, mj, s := &members[p.i], &members[p.j], &spans[k]
		lo, hi := max(s.from, from), min(s.to, to)
		if lo > hi {
			continue
		}
		key := mi.State*1000 + mj.State
		py := byPair[key]
		if py == nil {
			py = &pairYears{a: mi.State, b: mj.State, first: lo, version: mi.Version}
			byPair[key] = py
		}
		py.cover(lo, hi)
		for y := lo; y <= hi; y++ {
			a := &py.years[y-py.first]
			a.shared = true
			a.ab = a.ab.Or(mi.Obligations)
			a.ba = a.ba.Or(mj.Obligations)
			var at int
			if a.ids, at = addID(a.ids, mi.ATOPID); at == len(a.multi) {
				a.multi = append(a.multi, false)
			}
			a.multi[at] = a.multi[at] || !mi.Bilat || !mj.Bilat
			a.asymm = a.asymm || mi.Asymm || mj.Asymm
			a.obVary = a.obVary || mi.ObVary || mj.ObVary
			a.trans = a.trans || (y == s.from && starts[k]) || (y == s.to && ends[k])
		}
	}

	// Emit pairs in order of ATOP's dyad identifier (directed: of each
	// direction's), each pair's years in order.
	order := make([]int, 0, 2*len(byPair))
	n := 0
	for key, py := range byPair {
		order = append(order, key*2)
		if directed {
			order = append(order, (py.b*1000+py.a)*2+1)
		}
		n += len(py.years)
	}
	slices.Sort(order)
	out := make([]DyadYear, 0, n*(1+btoi(directed)))
	for _, o := range order {
		key, reversed := o/2, o%2 == 1
		if reversed {
			key = key%1000*1000 + key/1000
		}
		py := byPair[key]
		for k := range py.years {
			a := &py.years[k]
			if !a.shared {
				continue
			}
			out = append(out, py.row(py.first+k, a, directed, reversed))
		}
	}
	return out
}

// pairYears accumulates the shared alliances of one pair (a < b) over a
// run of years starting at first.
type pairYears struct {
	a, b    int
	first   int
	years   []pairYear
	version string
}

type pairYear struct {
	shared        bool        // the pair shares an alliance this year
	ab, ba        Obligations // of a toward b, of b toward a
	ids           []int
	multi         []bool // parallel to ids: some shared row is multilateral
	asymm, obVary bool
	trans         bool
}

// cover extends the run of years to include lo…hi.
func (p *pairYears) cover(lo, hi int) {
	if lo < p.first {
		p.years = append(make([]pairYear, p.first-lo, p.first-lo+len(p.years)), p.years...)
		p.first = lo
	}
	if need := hi - p.first + 1; need > len(p.years) {
		p.years = append(p.years, make([]pairYear, need-len(p.years))...)
	}
}

// row builds the dyad-year of year from its accumulator: undirected, or
// directed from a to b, or (reversed) from b to a.
func (p *pairYears) row(year int, a *pairYear, directed, reversed bool) DyadYear {
	multi := 0
	for _, m := range a.multi {
		if m {
			multi++
		}
	}
	ids := slices.Clone(a.ids)
	slices.Sort(ids)
	r := DyadYear{
		StateA: p.a, StateB: p.b, Year: year,
		Obligations: a.ab.Or(a.ba),
		ShareOb:     !a.ab.Any() && !a.ba.Any(),
		TransYr:     a.trans,
		BilatNo:     len(ids) - multi, MultiNo: multi, Number: len(ids),
		Asymm: a.asymm, ATOPIDs: ids, ObVary: a.obVary, Version: p.version,
	}
	switch {
	case reversed:
		r.StateA, r.StateB, r.Obligations = p.b, p.a, a.ba
	case directed:
		r.Obligations = a.ab
	}
	return r
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// neverTogether reports whether two memberships of the same phase are
// certainly disjoint: the later one began on or after the last day the
// earlier one can have ended (memberships are [entry, exit)).
func neverTogether(a, b *Member) bool {
	return !a.Exit.IsZero() && b.Entry.Earliest() >= a.Exit.Latest() ||
		!b.Exit.IsZero() && a.Entry.Earliest() >= b.Exit.Latest()
}

// later returns the later of two entry dates.
func later(a, b edtf.Date) edtf.Date {
	if edtf.Compare(a, b) >= 0 {
		return a
	}
	return b
}

// earlierEnd returns the earlier of two exit dates, where zero (in
// effect) is later than any date.
func earlierEnd(a, b edtf.Date) edtf.Date {
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
