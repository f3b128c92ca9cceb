package rules

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// The member, alliance and phase levels of ATOP (atop5_1m, atop5_1a,
// atop5_1aph) written from the record. Each column is either derived from
// what csto records (the dates, the members, the obligations and their
// conditions, the phases' BILAT and ASYMM, …; the *Derived sets) or
// carried: the importer keeps ATOP's own cells of the columns csto does
// not model (how the alliance was formed, its duration clauses, its
// institutions, …) verbatim in the command (Cells), and the export writes
// them back. For the curated CSTO, which ATOP's coders never saw in csto's
// form, a carried column is empty: ATOP's missing value (the codebook's
// -9, "converted … to system missing before release").

// memberDerived are the member-level columns csto derives.
var memberDerived = set("atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
	"ineffect", "bilat", "maxphase", "defense", "offense", "neutral", "nonagg", "consul", "active",
	"conditio", "defcon", "offcon", "neucon", "concon",
	"defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr",
	"offcoadv", "offcoloc", "offcocon", "offconum", "offcodem",
	"neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt",
	"concoadv", "concoloc", "concocon", "concoreq", "olimob", "asymm", "obvary", "version")

// allianceDerived are the alliance- and phase-level columns csto derives;
// MEM1…MEMn too (see isMem).
var allianceDerived = set("atopid", "atopidphase", "begyr", "begmo", "begday", "endyr", "endmo", "endday",
	"ineffect", "bilat", "phase", "maxphase", "defense", "offense", "neutral", "nonagg", "consul", "active",
	"asymm", "version")

func set(names ...string) map[string]bool {
	out := make(map[string]bool, len(names))
	for _, n := range names {
		out[n] = true
	}
	return out
}

func isMem(col string) bool {
	if len(col) < 4 || col[:3] != "mem" {
		return false
	}
	_, err := strconv.Atoi(col[3:])
	return err == nil
}

// carried returns the cells of the columns csto does not derive.
func carried(cells map[string]string, derived map[string]bool) map[string]string {
	var out map[string]string
	for k, v := range cells {
		if derived[k] || isMem(k) {
			continue
		}
		if out == nil {
			out = make(map[string]string, len(cells))
		}
		out[k] = v
	}
	return out
}

// conditionCodes are the detailed conditions of each obligation, as the
// importer codes them on its provision (memberProvisions).
var conditionCodes = map[string][]string{
	"defense":      {"defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr"},
	"offense":      {"offcoadv", "offcoloc", "offcocon", "offconum", "offcodem"},
	"neutrality":   {"neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt"},
	"consultation": {"concoadv", "concoloc", "concocon", "concoreq"},
}

// summaryOf names the summary condition of each obligation.
var summaryOf = map[string]string{"defense": "defcon", "offense": "offcon", "neutrality": "neucon", "consultation": "concon"}

// dateCells writes an EDTF day, month or year as ATOP's year, month and
// day columns (month or day empty when unknown; "0,0,0" for no date when
// zero is set).
func dateCells(d edtf.Date, zero bool) (y, mo, day string) {
	if d.IsZero() {
		if zero {
			return "0", "0", "0"
		}
		return "", "", ""
	}
	yy, mm, dd := d.Earliest().Date()
	ly, lm, ld := d.Latest().Date()
	y, mo, day = strconv.Itoa(yy), "", ""
	if yy == ly && mm == lm {
		mo = strconv.Itoa(mm)
		if dd == ld {
			day = strconv.Itoa(dd)
		}
	}
	return y, mo, day
}

// memberCells derives a member row's cells: r's row of alliance a, in
// its phase, whose rows are phaseRows (for ACTIVE).
func memberCells(a *registry.Alliance, atopid int, r *registry.AllianceMember, bilat, asymm bool, maxPhase int, active bool, version string) map[string]string {
	c := map[string]string{}
	c["atopid"], c["member"], c["phase"] = strconv.Itoa(atopid), strconv.Itoa(r.COW), strconv.Itoa(r.Phase)
	c["yrent"], c["moent"], c["dayent"] = dateCells(r.Entry, false)
	c["yrexit"], c["moexit"], c["dayexit"] = dateCells(r.Exit, true)
	c["ineffect"] = b(r.Exit.IsZero())
	c["bilat"], c["asymm"], c["obvary"] = b(bilat), b(asymm), b(r.ObVary)
	c["maxphase"], c["active"], c["version"] = strconv.Itoa(maxPhase), b(active), version
	o := obligationsOf(r.Provisions)
	c["defense"], c["offense"], c["neutral"], c["nonagg"], c["consul"] = b(o.Defense), b(o.Offense), b(o.Neutral), b(o.Nonagg), b(o.Consul)
	codes := map[string]bool{}
	for _, p := range r.Provisions {
		for _, code := range p.Codes {
			codes[code] = true
			if slices.Contains(conditionCodes[p.Kind], code) {
				codes[summaryOf[p.Kind]] = true
			}
		}
	}
	any := false
	for kind, cols := range conditionCodes {
		for _, col := range cols {
			c[col] = b(codes[col])
			any = any || codes[col]
		}
		c[summaryOf[kind]] = b(codes[summaryOf[kind]])
	}
	c["olimob"] = b(codes["olimob"])
	c["conditio"] = b(any || codes["olimob"])
	return c
}

// LevelRows returns the member-, alliance- or phase-level file of source
// (level "member", "alliance" or "phase") as records in ATOP's column
// order (atop.MemberColumns, AllianceColumns, PhaseColumns), rows in
// ATOPID order, then phase, then log order. With nna, the alliances that
// are solely nonaggression pacts are left out (codebook 2.2).
func LevelRows(m *registry.Model, source, level string, thisYear int, nna bool) ([]string, [][]string, error) {
	var cols []string
	switch level {
	case "member":
		cols = atop.MemberColumns
	case "alliance":
		cols = atop.AllianceColumns
	case "phase":
		cols = atop.PhaseColumns
	default:
		return nil, nil, csto.Errorf(csto.Invalid, "level", "unknown level %q (member, alliance or phase)", level)
	}
	var groups []levelAlliance
	switch source {
	case SourceATOP, SourceAll:
		skip := map[int]string(nil)
		if source == SourceAll {
			skip = CuratedOf
		}
		as := importedAlliances(m, skip)
		if len(as) == 0 {
			return nil, nil, csto.Errorf(csto.NotFound, "source", "ATOP is not imported: run `csto import atop --members PATH/atop5_1m.csv`")
		}
		for _, a := range as {
			groups = append(groups, levelAlliance{a: a, atopid: a.ATOPID, rows: m.AllianceRows(a.ID), version: a.Version})
		}
		if source == SourceATOP {
			break
		}
		fallthrough
	case SourceCurated:
		g, err := curatedLevel(m, thisYear)
		if err != nil {
			return nil, nil, err
		}
		groups = append(groups, g)
	default:
		return nil, nil, csto.Errorf(csto.Invalid, "source", "unknown source %q (atop, curated or all)", source)
	}
	var out [][]string
	for _, g := range groups {
		if nna && g.nonaggOnly() {
			continue
		}
		for _, cells := range g.cells(level) {
			rec := make([]string, len(cols))
			for i, col := range cols {
				rec[i] = cells[col]
			}
			out = append(out, rec)
		}
	}
	return cols, out, nil
}

// levelAlliance is one alliance of a level export: its record (nil for
// the curated CSTO), its number and its member rows.
type levelAlliance struct {
	a       *registry.Alliance
	atopid  int
	rows    []registry.AllianceMember
	phases  []csto.AlliancePhase // the curated CSTO's; else a.Phases
	version string
}

func (g *levelAlliance) phaseList() []csto.AlliancePhase {
	if g.a != nil {
		return g.a.Phases
	}
	return g.phases
}

func (g *levelAlliance) nonaggOnly() bool {
	var o atop.Obligations
	for i := range g.rows {
		o = o.Or(obligationsOf(g.rows[i].Provisions))
	}
	return o.Nonagg && !o.Defense && !o.Offense && !o.Neutral && !o.Consul
}

// curatedLevel is the curated CSTO as one alliance (CuratedATOPID) with
// one phase, its rows those of CuratedRows with their provisions.
func curatedLevel(m *registry.Model, thisYear int) (levelAlliance, error) {
	rows, err := CuratedRows(m, "csto", CuratedATOPID, thisYear)
	if err != nil {
		return levelAlliance{}, err
	}
	g := levelAlliance{atopid: CuratedATOPID, version: ExportVersion}
	var begin edtf.Date
	for _, r := range rows {
		var ps []csto.Provision
		for _, k := range []struct {
			on   bool
			kind string
		}{{r.Defense, "defense"}, {r.Offense, "offense"}, {r.Neutral, "neutrality"}, {r.Nonagg, "nonaggression"}, {r.Consul, "consultation"}} {
			if k.on {
				ps = append(ps, csto.Provision{Kind: k.kind})
			}
		}
		g.rows = append(g.rows, registry.AllianceMember{AllianceMember: csto.AllianceMember{Alliance: "csto", State: "", COW: r.State, Exit: r.Exit, Provisions: ps}, Entry: r.Entry})
		if begin.IsZero() || edtf.Compare(r.Entry, begin) < 0 {
			begin = r.Entry
		}
	}
	g.phases = []csto.AlliancePhase{{Phase: 0, Begin: begin}}
	return g, nil
}

// cells returns the level's rows of the alliance as cells by column.
func (g *levelAlliance) cells(level string) []map[string]string {
	phases := g.phaseList()
	maxPhase := len(phases)
	if maxPhase == 1 && phases[0].Phase == 0 {
		maxPhase = 0
	}
	activeOf := map[int]bool{}
	obsOf := map[int]atop.Obligations{}
	memsOf := map[int][]int{}
	var all atop.Obligations
	var allMems []int
	for i := range g.rows {
		r := &g.rows[i]
		o := obligationsOf(r.Provisions)
		obsOf[r.Phase] = obsOf[r.Phase].Or(o)
		activeOf[r.Phase] = activeOf[r.Phase] || o.Defense || o.Offense
		memsOf[r.Phase] = append(memsOf[r.Phase], r.COW)
		all = all.Or(o)
		allMems = append(allMems, r.COW)
	}
	phaseOf := func(n int) csto.AlliancePhase {
		for _, p := range phases {
			if p.Phase == n {
				return p
			}
		}
		return csto.AlliancePhase{}
	}
	var out []map[string]string
	switch level {
	case "member":
		for i := range g.rows {
			r := &g.rows[i]
			p := phaseOf(r.Phase)
			c := memberCells(g.a, g.atopid, r, p.Bilat, p.Asymm, maxPhase, activeOf[r.Phase], g.version)
			for k, v := range r.Cells {
				c[k] = v
			}
			if g.a == nil {
				// csto codes the CSTO's conditions its own way (see
				// reconcile); ATOP's detailed conditions stay missing.
				for k := range c {
					if k == "conditio" || k == "olimob" || conditionColumn(k) {
						c[k] = ""
					}
				}
			}
			out = append(out, c)
		}
	case "alliance":
		c := map[string]string{}
		begin, end := phases[0].Begin, edtf.Date{}
		// BILAT, ASYMM: 1 when some phase has it, as ATOP 5.1's
		// alliance rows code them (3260: multilateral, then bilateral,
		// BILAT 1).
		open, bilat, asymm := false, false, false
		for _, p := range phases {
			if edtf.Compare(p.Begin, begin) < 0 {
				begin = p.Begin
			}
			open = open || p.End.IsZero()
			if !p.End.IsZero() && (end.IsZero() || edtf.Compare(p.End, end) > 0) {
				end = p.End
			}
			bilat, asymm = bilat || p.Bilat, asymm || p.Asymm
		}
		if g.a != nil {
			begin, end, open = g.a.Begin, g.a.End, g.a.End.IsZero()
			for k, v := range g.a.Cells {
				c[k] = v
			}
		}
		if open {
			end = edtf.Date{}
		}
		g.levelCells(c, begin, end, bilat, asymm, maxPhase, all, allMems, atop.AllianceMemColumns)
		out = append(out, c)
	case "phase":
		for _, p := range phases {
			c := map[string]string{}
			for k, v := range p.Cells {
				c[k] = v
			}
			c["phase"] = strconv.Itoa(p.Phase)
			c["atopidphase"] = strconv.Itoa(g.atopid)
			if p.Phase > 0 {
				c["atopidphase"] = fmt.Sprintf("%d.%d", g.atopid, p.Phase)
			}
			g.levelCells(c, p.Begin, p.End, p.Bilat, p.Asymm, maxPhase, obsOf[p.Phase], memsOf[p.Phase], atop.PhaseMemColumns)
			out = append(out, c)
		}
	}
	return out
}

// levelCells sets the derived cells an alliance row and a phase row share.
func (g *levelAlliance) levelCells(c map[string]string, begin, end edtf.Date, bilat, asymm bool, maxPhase int, o atop.Obligations, mems []int, k int) {
	c["atopid"] = strconv.Itoa(g.atopid)
	c["begyr"], c["begmo"], c["begday"] = dateCells(begin, false)
	c["endyr"], c["endmo"], c["endday"] = dateCells(end, true)
	c["ineffect"] = b(end.IsZero())
	c["bilat"], c["asymm"], c["maxphase"], c["version"] = b(bilat), b(asymm), strconv.Itoa(maxPhase), g.version
	c["defense"], c["offense"], c["neutral"], c["nonagg"], c["consul"] = b(o.Defense), b(o.Offense), b(o.Neutral), b(o.Nonagg), b(o.Consul)
	c["active"] = b(o.Defense || o.Offense)
	mems = slices.Clone(mems)
	slices.Sort(mems)
	mems = slices.Compact(mems)
	for i := range k {
		v := ""
		if i < len(mems) {
			v = strconv.Itoa(mems[i])
		}
		c["mem"+strconv.Itoa(i+1)] = v
	}
}

func conditionColumn(k string) bool {
	for kind, cols := range conditionCodes {
		if k == summaryOf[kind] || slices.Contains(cols, k) {
			return true
		}
	}
	return false
}
