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

// ExportVersion is the VERSION written in every row of every export:
// ATOP's files hold a number there (5.1), which readers load as numeric.
// The rows follow ATOP 5.1's layout and derivation rules whatever their
// source; whose data a row is says its ATOPID (9220 is csto's CSTO) and,
// per cell, the companion file.
const ExportVersion = "5.1"

// Sources are the export sources, for flags and errors.
var Sources = []string{SourceATOP, SourceCurated, SourceAll}

// rowBasis is what one member row of an export rests on: its span as an
// EDTF interval, the sources of the facts that date it, and whether its
// years are certain (no date uncertain, each in one known year).
type rowBasis struct {
	dates   string
	sources []string
	certain bool
	curated bool
}

// exportRows are the member rows of an export source with their bases,
// parallel slices.
type exportRows struct {
	rows  []atop.Member
	basis []rowBasis
}

func (x *exportRows) add(r atop.Member, b rowBasis) {
	x.rows = append(x.rows, r)
	x.basis = append(x.basis, b)
}

// MemberRows returns the member rows of an export source in ATOP's own
// form, the input of ATOP's derived files. ATOP rows come from the
// imported alliances; the curated CSTO's rows are its members' spans of
// membership in good standing or frozen participation (see CuratedRows),
// open ones covering up to thisYear.
func MemberRows(m *registry.Model, source string, thisYear int) ([]atop.Member, error) {
	x, err := memberRows(m, source, thisYear, nil)
	return x.rows, err
}

// spellsFunc returns a state's spells in an organization: the record's, or
// those under a contested claim.
type spellsFunc func(state, org string) []csto.Spell

func memberRows(m *registry.Model, source string, thisYear int, spells spellsFunc) (exportRows, error) {
	var x exportRows
	switch source {
	case SourceATOP, SourceAll:
		skip := map[int]string(nil)
		if source == SourceAll {
			skip = CuratedOf
		}
		if err := atopRows(m, skip, &x); err != nil {
			return x, err
		}
		if source == SourceATOP {
			return x, nil
		}
		fallthrough
	case SourceCurated:
		return x, curatedRows(m, "csto", CuratedATOPID, thisYear, spells, &x)
	}
	return x, csto.Errorf(csto.Invalid, "source", "unknown source %q (atop, curated or all)", source)
}

// ATOPRows returns the member rows of the imported ATOP alliances, by
// ATOPID and then in log order, leaving out the alliances in skip. It
// returns a NotFound error when nothing of ATOP is imported.
func ATOPRows(m *registry.Model, skip map[int]string) ([]atop.Member, error) {
	var x exportRows
	err := atopRows(m, skip, &x)
	return x.rows, err
}

func atopRows(m *registry.Model, skip map[int]string, x *exportRows) error {
	as := importedAlliances(m, skip)
	if len(as) == 0 {
		return csto.Errorf(csto.NotFound, "source", "ATOP is not imported: run `csto import atop --members PATH/atop5_1m.csv`")
	}
	for _, a := range as {
		m.EachAllianceRow(a.ID, func(r *registry.AllianceMember) {
			mem := atopMember(a, r)
			sp := mem.Spell()
			x.add(mem, rowBasis{dates: sp.String(), sources: a.Sources, certain: certainYears(r.Entry) && (r.Exit.IsZero() || certainYears(r.Exit))})
		})
	}
	return nil
}

// importedAlliances returns the imported ATOP alliances in ATOPID order,
// leaving out those in skip.
func importedAlliances(m *registry.Model, skip map[int]string) []*registry.Alliance {
	var as []*registry.Alliance
	for _, a := range m.Alliances {
		if a.ATOPID > 0 && skip[a.ATOPID] == "" {
			as = append(as, a)
		}
	}
	slices.SortFunc(as, func(a, b *registry.Alliance) int { return cmp.Compare(a.ATOPID, b.ATOPID) })
	return as
}

// certainYears reports whether a date falls, for every reading, in one
// known year and is not marked uncertain: the years a row covers then do
// not depend on how the date is read.
func certainYears(d edtf.Date) bool {
	y1, _, _ := d.Earliest().Date()
	y2, _, _ := d.Latest().Date()
	return y1 == y2 && !d.Uncertain()
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
// make while it runs; an open row covers up to thisYear. States without a
// COW code are left out.
func CuratedRows(m *registry.Model, org string, id, thisYear int) ([]atop.Member, error) {
	var x exportRows
	err := curatedRows(m, org, id, thisYear, nil, &x)
	return x.rows, err
}

func curatedRows(model *registry.Model, org string, id, thisYear int, spells spellsFunc, x *exportRows) error {
	m := &reader{Model: model}
	if m.Orgs[org] == nil {
		return csto.Errorf(csto.NotFound, "org", "unknown organization %q", org)
	}
	if spells == nil {
		spells = m.Spells
	}
	in := membershipInstrument(m.Model, org)
	for _, s := range m.StatesIn(org) {
		st := m.States[s]
		if st == nil || st.COW == 0 {
			continue
		}
		var run *atop.Member
		var b rowBasis
		flush := func(end edtf.Date, seq int64) {
			if run == nil {
				return
			}
			run.Exit, run.InEffect = end, end.IsZero()
			hi := edtf.MaxDay + 1
			if !end.IsZero() {
				run.YrExit, _, _ = end.Earliest().Date()
				hi = end.Earliest()
				b.certain = b.certain && certainYears(end)
				b.sources = appendSources(m, b.sources, seq)
			}
			for k := range provisionKindsOver(m.Model, org, run.Entry.Earliest(), hi) {
				run.Obligations = run.Obligations.Or(obligationsOf([]csto.Provision{{Kind: k}}))
			}
			// The facts the run rests on: the state's acts dated within
			// it and, for a run that begins at the treaty's entry into
			// force, that entry into force and the acts before it (the
			// signature).
			atInForce := in != nil && !in.InForce.IsZero() && edtf.Compare(run.Entry, in.InForce) == 0
			if atInForce {
				b.sources = appendSources(m, b.sources, inForceSeq(m, in))
			}
			for _, f := range m.Facts(s, org) {
				after := f.Date.Latest() >= run.Entry.Earliest()
				before := end.IsZero() || f.Date.Earliest() <= end.Latest()
				if before && (after || atInForce) {
					b.sources = appendSources(m, b.sources, f.Seq)
				}
			}
			b.dates = run.Spell().String()
			x.add(*run, b)
			run = nil
		}
		for _, sp := range spells(s, org) {
			bound := sp.Status == csto.Member || sp.Status == csto.ParticipationFrozen
			switch {
			case bound && run == nil:
				run = &atop.Member{ATOPID: id, State: st.COW, Entry: sp.From, Through: thisYear}
				run.Version = ExportVersion
				run.YrEnt, _, _ = sp.From.Earliest().Date()
				b = rowBasis{certain: certainYears(sp.From), sources: appendSources(m, nil, sp.Seq), curated: true}
			case !bound:
				flush(sp.From, sp.Seq)
			}
		}
		flush(edtf.Date{}, 0)
	}
	return m.err
}

// appendSources adds the sources of event seq.
func appendSources(m *reader, srcs []string, seq int64) []string {
	if _, b, ok := m.entry(seq); ok {
		for _, id := range b.Sources {
			srcs = appendNew(srcs, id)
		}
	}
	return srcs
}

// ExportYears returns the years an export covers, clamped to the span of
// its source's data: from ATOP's first year (1815) to ATOP's last (2018)
// for atop, to thisYear for curated and all (the curated record goes on;
// ATOP's own rows stop at 2018). An unset from or to (0) is the span's
// end. An end before the start is an Invalid error.
func ExportYears(source string, from, to, thisYear int) (int, int, error) {
	last := atop.LastYear
	if source != SourceATOP {
		last = max(thisYear, atop.LastYear)
	}
	if from == 0 {
		from = atop.FirstYear
	}
	if to == 0 {
		to = last
		if source == SourceAll {
			to = atop.LastYear
		}
	}
	if to < from {
		return 0, 0, csto.Errorf(csto.Invalid, "to", "%d is before %d", to, from)
	}
	return max(from, atop.FirstYear), min(to, last), nil
}

// StateYears returns the state-years of source from…to (0: the source's
// default years, see ExportYears) in the layout of ATOP's state-year
// file, expanded by atop.StateYears (the curated rows' open memberships
// cover up to thisYear). VERSION is ExportVersion in every row.
func StateYears(m *registry.Model, source string, from, to, thisYear int) ([]atop.StateYear, error) {
	from, to, err := ExportYears(source, from, to, thisYear)
	if err != nil {
		return nil, err
	}
	rows, err := MemberRows(m, source, thisYear)
	if err != nil {
		return nil, err
	}
	return stateYears(rows, from, to), nil
}

func stateYears(rows []atop.Member, from, to int) []atop.StateYear {
	out := atop.StateYears(rows, from, to)
	for i := range out {
		out[i].Version = ExportVersion
	}
	return out
}

// DyadYears returns the dyad-years of source (directed: both directions
// of each pair) from…to, in the layout of ATOP's dyad-year files, with the
// years and versions of StateYears.
func DyadYears(m *registry.Model, source string, from, to, thisYear int, directed bool) ([]atop.DyadYear, error) {
	from, to, err := ExportYears(source, from, to, thisYear)
	if err != nil {
		return nil, err
	}
	rows, err := MemberRows(m, source, thisYear)
	if err != nil {
		return nil, err
	}
	return dyadYears(rows, from, to, directed), nil
}

func dyadYears(rows []atop.Member, from, to int, directed bool) []atop.DyadYear {
	out := atop.DyadYears(rows, from, to, directed)
	for i := range out {
		out[i].Version = ExportVersion
	}
	return out
}

// NNA returns the rows without the alliances that are solely
// nonaggression pacts: codebook 2.2, "pacts that require nonaggression,
// but do not include any obligations for active military support,
// neutrality, or consultation in the face of military threat, eliminated.
// Those agreements that include promises for nonaggression in combination
// with other alliance obligations remain". An alliance's obligations are
// those of any of its member rows in any phase.
func NNA(rows []atop.Member) []atop.Member {
	x := exportRows{rows: rows, basis: make([]rowBasis, len(rows))}
	return nnaRows(x).rows
}

func nnaRows(x exportRows) exportRows {
	obs := map[int]atop.Obligations{}
	for i := range x.rows {
		obs[x.rows[i].ATOPID] = obs[x.rows[i].ATOPID].Or(x.rows[i].Obligations)
	}
	var out exportRows
	for i := range x.rows {
		o := obs[x.rows[i].ATOPID]
		if o.Nonagg && !o.Defense && !o.Offense && !o.Neutral && !o.Consul {
			continue
		}
		out.add(x.rows[i], x.basis[i])
	}
	return out
}
