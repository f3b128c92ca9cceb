package rules

import (
	"cmp"
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// The sources of the research exports.
const (
	SourceATOP    = "atop"    // the ATOP alliances as imported, 1815–2018
	SourceCurated = "curated" // the CSTO as csto records it
	SourceAll     = "all"     // ATOP, with the curated CSTO in place of ATOP 4220
)

// CuratedATOPID is the number the curated CSTO carries in the exports'
// ATOPID columns: outside ATOP's range (1000–7999), so that it is never
// mistaken for ATOP's own record of the alliance (4220).
const CuratedATOPID = 9220

// CuratedVersion is the VERSION of the curated rows.
const CuratedVersion = "csto"

// Sources are the export sources, for flags and errors.
var Sources = []string{SourceATOP, SourceCurated, SourceAll}

// MemberRows returns the member rows of an export source in ATOP's own
// form, the input of ATOP's derived files. ATOP rows come from the
// imported alliances; the curated CSTO's rows are its members' spans of
// membership in good standing or frozen participation (see CuratedRows).
func MemberRows(m *registry.Model, source string) ([]atop.Member, error) {
	switch source {
	case SourceATOP:
		return ATOPRows(m, nil)
	case SourceCurated:
		return CuratedRows(m, "csto", CuratedATOPID)
	case SourceAll:
		rows, err := ATOPRows(m, CuratedOf)
		if err != nil {
			return nil, err
		}
		cur, err := CuratedRows(m, "csto", CuratedATOPID)
		if err != nil {
			return nil, err
		}
		return append(rows, cur...), nil
	}
	return nil, csto.Errorf(csto.Invalid, "source", "unknown source %q (atop, curated or all)", source)
}

// ATOPRows returns the member rows of the imported ATOP alliances, by
// ATOPID and then in log order, leaving out the alliances in skip. It
// returns a NotFound error when nothing of ATOP is imported.
func ATOPRows(m *registry.Model, skip map[int]string) ([]atop.Member, error) {
	var as []*registry.Alliance
	for _, a := range m.Alliances {
		if a.ATOPID > 0 && skip[a.ATOPID] == "" {
			as = append(as, a)
		}
	}
	if len(as) == 0 {
		return nil, csto.Errorf(csto.NotFound, "source", "ATOP is not imported: run `csto import atop --members PATH/atop5_1m.csv`")
	}
	slices.SortFunc(as, func(a, b *registry.Alliance) int { return cmp.Compare(a.ATOPID, b.ATOPID) })
	out := make([]atop.Member, 0, len(m.AllianceMembers))
	for _, a := range as {
		m.EachAllianceRow(a.ID, func(r *registry.AllianceMember) { out = append(out, atopMember(a, r)) })
	}
	return out, nil
}

// atopMember rebuilds ATOP's member row from the record: what the
// state-year and dyad-year expansions read.
func atopMember(a *registry.Alliance, r *registry.AllianceMember) atop.Member {
	ph, _ := a.PhaseOf(r.Phase)
	mem := atop.Member{ATOPID: a.ATOPID, State: r.COW, Phase: r.Phase, Entry: r.Entry, Exit: r.Exit,
		InEffect: r.Exit.IsZero(), ObVary: r.ObVary, Obligations: obligationsOf(r.Provisions)}
	mem.YrEnt, _, _ = r.Entry.Earliest().Date()
	if !r.Exit.IsZero() {
		mem.YrExit, _, _ = r.Exit.Earliest().Date()
	}
	mem.Bilat, mem.Asymm, mem.MaxPhase, mem.Version = ph.Bilat, ph.Asymm, len(a.Phases), a.Version
	if len(a.Phases) == 1 && a.Phases[0].Phase == 0 {
		mem.MaxPhase = 0
	}
	return mem
}

// obligationsOf maps provisions to ATOP's five obligations; csto's
// non-use of force among members is ATOP's nonaggression (NONAGG: "not to
// use force against one or more alliance partners").
func obligationsOf(ps []csto.Provision) atop.Obligations {
	var o atop.Obligations
	for _, p := range ps {
		switch p.Kind {
		case "defense":
			o.Defense = true
		case "offense":
			o.Offense = true
		case "neutrality":
			o.Neutral = true
		case "nonaggression", "non-use-of-force":
			o.Nonagg = true
		case "consultation":
			o.Consul = true
		}
	}
	return o
}

// CuratedRows returns org as csto records it, as member rows of one
// alliance numbered id with a single phase: per state, one row for each
// run of spells in which it is bound and takes part (member, or
// participation frozen by a declaration without a legal act), from the
// run's first day to the day its status became another (former,
// suspended). Signatories are not yet bound and suspended members do not
// take part, so neither is counted, unlike in ATOP, which counts from the
// signature. A row's obligations are the provisions org's instruments
// make while it runs. States without a COW code are left out.
func CuratedRows(m *registry.Model, org string, id int) ([]atop.Member, error) {
	if m.Orgs[org] == nil {
		return nil, csto.Errorf(csto.NotFound, "org", "unknown organization %q", org)
	}
	var out []atop.Member
	for _, s := range m.StatesIn(org) {
		st := m.States[s]
		if st == nil || st.COW == 0 {
			continue
		}
		var run *atop.Member
		flush := func(end edtf.Date) {
			if run == nil {
				return
			}
			run.Exit, run.InEffect = end, end.IsZero()
			if !end.IsZero() {
				run.YrExit, _, _ = end.Earliest().Date()
			}
			hi := edtf.MaxDay + 1
			if !end.IsZero() {
				hi = end.Earliest()
			}
			for k := range provisionKindsOver(m, org, run.Entry.Earliest(), hi) {
				run.Obligations = run.Obligations.Or(obligationsOf([]csto.Provision{{Kind: k}}))
			}
			out = append(out, *run)
			run = nil
		}
		for _, sp := range m.Spells(s, org) {
			bound := sp.Status == csto.Member || sp.Status == csto.ParticipationFrozen
			switch {
			case bound && run == nil:
				run = &atop.Member{ATOPID: id, State: st.COW, Entry: sp.From}
				run.YrEnt, _, _ = sp.From.Earliest().Date()
				run.Version = CuratedVersion
			case !bound:
				flush(sp.From)
			}
		}
		flush(edtf.Date{})
	}
	return out, nil
}

// ExportYears returns the years an export covers: from…to, where an
// unset from (0) is ATOP's first year and an unset to is ATOP's last for
// ATOP and all, the current year for the curated record (which goes on
// after 2018); ATOP's own rows stop at 2018. An end before the start is
// an Invalid error.
func ExportYears(source string, from, to, thisYear int) (int, int, error) {
	if from == 0 {
		from = atop.FirstYear
	}
	if to == 0 {
		to = atop.LastYear
		if source == SourceCurated {
			to = thisYear
		}
	}
	if to < from {
		return 0, 0, csto.Errorf(csto.Invalid, "to", "%d is before %d", to, from)
	}
	if source == SourceATOP {
		to = min(to, atop.LastYear)
	}
	return from, to, nil
}

// StateYears returns the state-years of source from…to (0: the source's
// default years, see ExportYears) in the layout of ATOP's state-year file.
// Years up to 2018 are expanded by atop.StateYears itself; later years
// (the curated record only: ATOP observes nothing after 2018) by the same
// rules here. The VERSION column says where each row's data come from:
// ATOP's "5.1", "csto" for the curated record, "5.1+csto" for all.
func StateYears(m *registry.Model, source string, from, to, thisYear int) ([]atop.StateYear, error) {
	from, to, err := ExportYears(source, from, to, thisYear)
	if err != nil {
		return nil, err
	}
	rows, err := MemberRows(m, source)
	if err != nil {
		return nil, err
	}
	out := atop.StateYears(rows, from, min(to, atop.LastYear))
	if to > atop.LastYear {
		var later []atop.Member
		for _, r := range rows {
			if r.Version == CuratedVersion {
				later = append(later, r)
			}
		}
		out = append(out, expandStateYears(later, max(from, atop.LastYear+1), to, to)...)
		slices.SortStableFunc(out, func(a, b atop.StateYear) int {
			return cmp.Or(cmp.Compare(a.State, b.State), cmp.Compare(a.Year, b.Year))
		})
	}
	if source == SourceAll {
		for i := range out {
			out[i].Version = atopVersion(rows) + "+" + CuratedVersion
		}
	}
	return out, nil
}

// DyadYears returns the dyad-years of source (directed: both directions
// of each pair) from…to, in the layout of ATOP's dyad-year files, with the
// years and versions of StateYears.
func DyadYears(m *registry.Model, source string, from, to, thisYear int, directed bool) ([]atop.DyadYear, error) {
	from, to, err := ExportYears(source, from, to, thisYear)
	if err != nil {
		return nil, err
	}
	rows, err := MemberRows(m, source)
	if err != nil {
		return nil, err
	}
	out := atop.DyadYears(rows, from, min(to, atop.LastYear), directed)
	if to > atop.LastYear {
		var later []atop.Member
		for _, r := range rows {
			if r.Version == CuratedVersion {
				later = append(later, r)
			}
		}
		out = append(out, expandDyadYears(later, max(from, atop.LastYear+1), to, to, directed)...)
		slices.SortStableFunc(out, func(a, b atop.DyadYear) int {
			return cmp.Or(cmp.Compare(a.ID(), b.ID()), cmp.Compare(a.Year, b.Year))
		})
	}
	if source == SourceAll {
		for i := range out {
			out[i].Version = atopVersion(rows) + "+" + CuratedVersion
		}
	}
	return out, nil
}

func atopVersion(rows []atop.Member) string {
	for _, r := range rows {
		if r.Version != CuratedVersion && r.Version != "" {
			return r.Version
		}
	}
	return "5.1"
}
