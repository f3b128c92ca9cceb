package atop

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// Dataset is ATOP held in memory: the alliances, their phases and their
// member rows, checked against each other. It is immutable once built;
// every method returns copies, so it may be shared between goroutines.
type Dataset struct {
	alliances []Alliance // by ATOPID
	phases    []Phase    // by ATOPID, then phase
	members   []Member   // file order
	byID      map[int]int
	byState   map[int][]int // COW code → indexes into members
	byPhase   map[[2]int][]int
}

// Load reads the three ATOP files (MembersFile, AlliancesFile, PhasesFile)
// from dir strictly and builds the Dataset. The first bad row of any file,
// or the first disagreement between the files, is the error.
func Load(dir string) (*Dataset, error) {
	var (
		ms  []Member
		as  []Alliance
		ps  []Phase
		err error
	)
	read := func(name string, f func(*os.File) error) {
		if err != nil {
			return
		}
		var fh *os.File
		if fh, err = os.Open(filepath.Join(dir, name)); err != nil {
			return
		}
		defer fh.Close()
		err = f(fh)
	}
	read(MembersFile, func(f *os.File) (e error) { ms, e = ReadMembers(f); return })
	read(AlliancesFile, func(f *os.File) (e error) { as, e = ReadAlliances(f); return })
	read(PhasesFile, func(f *os.File) (e error) { ps, e = ReadPhases(f); return })
	if err != nil {
		return nil, err
	}
	return NewDataset(as, ps, ms)
}

// NewDataset builds a Dataset from rows already read and checks that the
// three levels agree, as they do in ATOP 5.1:
//
//   - ATOPIDs are unique among alliances, (ATOPID, phase) among phases;
//   - an alliance with MAXPHASE 0 has one phase, numbered 0, and one with
//     MAXPHASE n has phases 1…n, each with the alliance's MAXPHASE;
//   - every member row belongs to a phase of an alliance;
//   - the MEM1…MEMn of a phase are the states of its member rows, and
//     those of an alliance the states of all its member rows;
//   - a phase's obligations are those of some member row of it, and an
//     alliance's those of some phase; ACTIVE is the same in every row of a
//     phase and says whether any member promises defense or offense.
//
// Every disagreement found is reported, joined in one error; the rows are
// copied, so the caller may reuse its slices.
func NewDataset(alliances []Alliance, phases []Phase, members []Member) (*Dataset, error) {
	d := &Dataset{
		alliances: slices.Clone(alliances),
		phases:    slices.Clone(phases),
		members:   slices.Clone(members),
		byID:      make(map[int]int, len(alliances)),
		byState:   make(map[int][]int),
		byPhase:   make(map[[2]int][]int, len(phases)),
	}
	slices.SortStableFunc(d.alliances, func(a, b Alliance) int { return cmp.Compare(a.ATOPID, b.ATOPID) })
	slices.SortStableFunc(d.phases, func(a, b Phase) int {
		return cmp.Or(cmp.Compare(a.ATOPID, b.ATOPID), cmp.Compare(a.Phase, b.Phase))
	})
	var errs []error
	bad := func(file string, line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...)))
	}
	for i, a := range d.alliances {
		if _, dup := d.byID[a.ATOPID]; dup {
			bad(AlliancesFile, a.Line, "atopid %d appears twice", a.ATOPID)
		}
		d.byID[a.ATOPID] = i
	}
	phaseAt := make(map[[2]int]int, len(d.phases))
	phaseCount := make(map[int]int)
	for i, p := range d.phases {
		key := [2]int{p.ATOPID, p.Phase}
		if _, dup := phaseAt[key]; dup {
			bad(PhasesFile, p.Line, "atopid %d phase %d appears twice", p.ATOPID, p.Phase)
		}
		phaseAt[key] = i
		phaseCount[p.ATOPID]++
		j, ok := d.byID[p.ATOPID]
		switch {
		case !ok:
			bad(PhasesFile, p.Line, "atopid %d is not in %s", p.ATOPID, AlliancesFile)
		case p.MaxPhase != d.alliances[j].MaxPhase:
			bad(PhasesFile, p.Line, "atopid %d: maxphase %d, but %s has %d", p.ATOPID, p.MaxPhase, AlliancesFile, d.alliances[j].MaxPhase)
		}
	}
	for _, a := range d.alliances {
		if want := max(a.MaxPhase, 1); phaseCount[a.ATOPID] != want {
			bad(AlliancesFile, a.Line, "atopid %d has maxphase %d but %d phase rows in %s", a.ATOPID, a.MaxPhase, phaseCount[a.ATOPID], PhasesFile)
		}
	}
	for i, m := range d.members {
		key := [2]int{m.ATOPID, m.Phase}
		if _, ok := phaseAt[key]; !ok {
			bad(MembersFile, m.Line, "atopid %d phase %d is not in %s", m.ATOPID, m.Phase, PhasesFile)
		}
		d.byPhase[key] = append(d.byPhase[key], i)
		d.byState[m.State] = append(d.byState[m.State], i)
	}
	// Members and obligations of each phase, then of each alliance.
	allStates := make(map[int][]int)
	allObs := make(map[int]Obligations)
	for _, p := range d.phases {
		rows := d.byPhase[[2]int{p.ATOPID, p.Phase}]
		var states []int
		var obs Obligations
		for _, i := range rows {
			m := &d.members[i]
			states = append(states, m.State)
			obs = obs.Or(m.Obligations)
			if m.Active != p.Active {
				bad(MembersFile, m.Line, "atopid %d phase %d: active %s, but the phase has %s", p.ATOPID, p.Phase, b01(m.Active), b01(p.Active))
			}
		}
		states = sortedSet(states)
		if !slices.Equal(states, p.Members) {
			bad(PhasesFile, p.Line, "atopid %d phase %d: members %v, but the member rows are of %v", p.ATOPID, p.Phase, p.Members, states)
		}
		if len(rows) > 0 && obs != p.Obligations {
			bad(PhasesFile, p.Line, "atopid %d phase %d: obligations %+v, but its members promise %+v", p.ATOPID, p.Phase, p.Obligations, obs)
		}
		allStates[p.ATOPID] = append(allStates[p.ATOPID], states...)
		allObs[p.ATOPID] = allObs[p.ATOPID].Or(p.Obligations)
	}
	for _, a := range d.alliances {
		if states := sortedSet(allStates[a.ATOPID]); !slices.Equal(states, a.Members) {
			bad(AlliancesFile, a.Line, "atopid %d: members %v, but the member rows are of %v", a.ATOPID, a.Members, states)
		}
		if phaseCount[a.ATOPID] > 0 && allObs[a.ATOPID] != a.Obligations {
			bad(AlliancesFile, a.Line, "atopid %d: obligations %+v, but its phases have %+v", a.ATOPID, a.Obligations, allObs[a.ATOPID])
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return d, nil
}

// sortedSet returns the distinct values of s in ascending order.
func sortedSet(s []int) []int {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// Alliances returns every alliance, in ATOPID order.
func (d *Dataset) Alliances() []Alliance { return cloneAlliances(d.alliances) }

// Alliance returns the alliance with the given ATOPID.
func (d *Dataset) Alliance(atopid int) (Alliance, bool) {
	i, ok := d.byID[atopid]
	if !ok {
		return Alliance{}, false
	}
	return cloneAlliances(d.alliances[i : i+1])[0], true
}

// Phases returns the phases of an alliance in order (one phase, numbered
// 0, for an alliance whose terms never changed); nil for an unknown ATOPID.
func (d *Dataset) Phases(atopid int) []Phase {
	var out []Phase
	for _, p := range d.phases {
		if p.ATOPID == atopid {
			p.Members = slices.Clone(p.Members)
			out = append(out, p)
		}
	}
	return out
}

// Members returns every member row, in the order they were given.
func (d *Dataset) Members() []Member { return slices.Clone(d.members) }

// MembersOf returns the member rows of an alliance, all phases, in the
// order they were given.
func (d *Dataset) MembersOf(atopid int) []Member {
	var out []Member
	for _, p := range d.phases {
		if p.ATOPID == atopid {
			for _, i := range d.byPhase[[2]int{p.ATOPID, p.Phase}] {
				out = append(out, d.members[i])
			}
		}
	}
	return out
}

// Memberships returns the member rows of one state (a COW code), in the
// order they were given.
func (d *Dataset) Memberships(state int) []Member {
	var out []Member
	for _, i := range d.byState[state] {
		out = append(out, d.members[i])
	}
	return out
}

// States returns the COW codes of every state that was ever a member, in
// ascending order.
func (d *Dataset) States() []int {
	out := make([]int, 0, len(d.byState))
	for s := range d.byState {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// StateYears is StateYears over the dataset's member rows.
func (d *Dataset) StateYears(from, to int) []StateYear { return StateYears(d.members, from, to) }

// DyadYears is DyadYears over the dataset's member rows.
func (d *Dataset) DyadYears(from, to int, directed bool) []DyadYear {
	return DyadYears(d.members, from, to, directed)
}

func cloneAlliances(as []Alliance) []Alliance {
	out := slices.Clone(as)
	for i := range out {
		out[i].Members = slices.Clone(out[i].Members)
	}
	return out
}
