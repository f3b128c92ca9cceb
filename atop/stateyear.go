package atop

import "slices"

// StateYear is one row of ATOP's state-year file (codebook 2.5): a state
// in a year in which it had at least one alliance commitment. ATOPALLY,
// always 1 in that file, is not kept.
type StateYear struct {
	State int `json:"state"` // COW country code
	Year  int `json:"year"`
	// Obligations the state undertook toward any ally in any of its
	// alliances during the year (what it promised, not what it was
	// promised).
	Obligations
	Number  int    `json:"number"`  // alliances it was a member of: len(ATOPIDs)
	TransYr bool   `json:"transyr"` // some membership began or ended in the year
	ATOPIDs []int  `json:"atopids"` // those alliances, ascending
	Version string `json:"version"` // the member rows' VERSION
}

// StateYears expands member rows into state-years for the years from…to
// (inclusive), ordered by state, then year. The rules are the codebook's
// (section 2.5), applied to the member level:
//
//   - A member row covers every year from its entry year to its exit year,
//     both included, or to 2018 (LastYear) when it is in effect: the state
//     "has an active alliance commitment" for at least part of each of
//     those years. So an exit on 1 January still counts its year (TRANSYR
//     marks such years as not fully covered), and no year after 2018 is
//     produced for ATOP's rows, because ATOP does not observe it. A row
//     of a record that goes on (Member.Through) covers up to that year:
//     one expansion serves ATOP and the curated CSTO.
//   - The row for a state and year exists when at least one member row of
//     the state covers the year. ATOPIDs lists each alliance once however
//     many phases or rows of it cover the year; NUMBER is their count.
//   - DEFENSE … CONSUL are 1 when any covering row has them. Because a
//     phase's row covers its whole years, a year in which an alliance
//     changed phase carries the obligations of both phases.
//   - TRANSYR is 1 when a membership of the state began or ended in the
//     year. A phase ending on the day the state's next phase of the same
//     alliance begins is not a beginning or an end (the commitment
//     continues on new terms); leaving and joining again are.
//
// The state may be any code the rows carry, including 8152 (Annam), which
// has no COW code: the codebook excludes it from the dyad-year files only.
func StateYears(members []Member, from, to int) []StateYear {
	from, to = max(from, FirstYear), min(to, lastYearOf(members))
	if from > to {
		return nil
	}
	spans := make([]span, len(members))
	for i := range members {
		m := &members[i]
		spans[i] = span{atopid: m.ATOPID, a: m.State, start: m.Entry, end: m.Exit, from: m.YrEnt, to: m.lastYear()}
	}
	starts, ends := transitions(spans)

	// Accumulate per state in a slice indexed by year - from.
	type acc struct {
		ob    Obligations
		ids   []int
		trans bool
		ver   string
	}
	byState := make(map[int][]acc)
	for i := range members {
		m := &members[i]
		lo, hi := max(m.YrEnt, from), min(m.lastYear(), to)
		if lo > hi {
			continue
		}
		years := byState[m.State]
		if years == nil {
			years = make([]acc, to-from+1)
			byState[m.State] = years
		}
		for y := lo; y <= hi; y++ {
			a := &years[y-from]
			a.ob = a.ob.Or(m.Obligations)
			a.ids, _ = addID(a.ids, m.ATOPID)
			a.trans = a.trans || (y == m.YrEnt && starts[i]) || (y == m.YrExit && ends[i])
			if a.ver == "" {
				a.ver = m.Version
			}
		}
	}
	states := make([]int, 0, len(byState))
	for s := range byState {
		states = append(states, s)
	}
	slices.Sort(states)
	var out []StateYear
	for _, s := range states {
		for k, a := range byState[s] {
			if len(a.ids) == 0 {
				continue
			}
			slices.Sort(a.ids)
			out = append(out, StateYear{State: s, Year: from + k, Obligations: a.ob, Number: len(a.ids),
				TransYr: a.trans, ATOPIDs: a.ids, Version: a.ver})
		}
	}
	return out
}

// lastYearOf returns the last year any of the rows covers (LastYear at
// least): the expansions stop there.
func lastYearOf(members []Member) int {
	last := LastYear
	for i := range members {
		last = max(last, members[i].lastYear())
	}
	return last
}
