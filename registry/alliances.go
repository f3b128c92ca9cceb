package registry

import (
	"fmt"
	"slices"
	"sort"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// The world's alliances: ATOP's alliances, their phases and member rows,
// kept beside the curated organizations rather than as organizations of
// their own. Their membership is what the data set says (a span per row,
// [entry, exit)), not a status derived from acts and decisions, and it
// carries each member's own obligations; the rules engine reads both
// worlds and prefers the curated record where they describe the same
// alliance (the CSTO, ATOP 4220).
//
// Also here: the encoding of an instrument's articles (instrument.articles)
// and the sources' readings of an organization as contrary to another
// (org.contrary), the two reference commands the rules engine reads.

const ruleAlliance = "alliance"

// Alliance is an alliance of the world's record with its phases.
type Alliance struct {
	csto.AllianceAdd
	Begin   edtf.Date
	Sources []string
	Seq     int64
}

// PhaseOf returns the alliance's phase number n.
func (a *Alliance) PhaseOf(n int) (csto.AlliancePhase, bool) {
	for _, p := range a.Phases {
		if p.Phase == n {
			return p, true
		}
	}
	return csto.AlliancePhase{}, false
}

// AllianceMember is one state's membership in one phase of an alliance,
// from Entry (inclusive) to Exit (exclusive; zero while in effect on the
// alliance's Observed day).
type AllianceMember struct {
	csto.AllianceMember
	Entry edtf.Date
	Seq   int64
}

// Contrary is a source's reading of an organization as contrary to
// another's purposes, from Since.
type Contrary struct {
	csto.OrgContrary
	Since   edtf.Date
	Sources []string
	Seq     int64
}

// AllianceRows returns the member rows of an alliance in log order. The
// slice is the model's own: read it, do not change it.
func (m *Model) AllianceRows(alliance string) []AllianceMember {
	return m.rows(m.allianceRows[alliance])
}

// StateAllianceRows returns a state's rows in every alliance, in log
// order.
func (m *Model) StateAllianceRows(state string) []AllianceMember {
	return m.rows(m.stateRows[state])
}

// EachStateAllianceRow calls fn for each of a state's alliance rows in
// log order, without copying them.
func (m *Model) EachStateAllianceRow(state string, fn func(*AllianceMember)) {
	for _, i := range m.stateRows[state] {
		fn(&m.AllianceMembers[i])
	}
}

// EachAllianceRow calls fn for each row of an alliance in log order,
// without copying them.
func (m *Model) EachAllianceRow(alliance string, fn func(*AllianceMember)) {
	for _, i := range m.allianceRows[alliance] {
		fn(&m.AllianceMembers[i])
	}
}

func (m *Model) rows(idx []int) []AllianceMember {
	out := make([]AllianceMember, len(idx))
	for k, i := range idx {
		out[k] = m.AllianceMembers[i]
	}
	return out
}

// AllianceIDs returns the IDs of every alliance, sorted.
func (m *Model) AllianceIDs() []string {
	ids := make([]string, 0, len(m.Alliances))
	for id := range m.Alliances {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// AllianceByATOPID returns the alliance with ATOP number id.
func (m *Model) AllianceByATOPID(id int) (*Alliance, bool) {
	a := m.Alliances[fmt.Sprintf("atop-%d", id)]
	if a != nil && a.ATOPID == id {
		return a, true
	}
	for _, a := range m.Alliances {
		if a.ATOPID == id {
			return a, true
		}
	}
	return nil, false
}

func (m *Model) addAllianceMember(r AllianceMember) {
	i := len(m.AllianceMembers)
	m.AllianceMembers = append(m.AllianceMembers, r)
	w(m, ownAllianceRows, &m.allianceRows)[r.Alliance] = append(slices.Clip(m.allianceRows[r.Alliance]), i)
	w(m, ownStateRows, &m.stateRows)[r.State] = append(slices.Clip(m.stateRows[r.State]), i)
}

// applyArticles replaces or adds the articles of an instrument.
func (m *Model) applyArticles(p *csto.InstrumentArticles) {
	in := *m.Instruments[p.Instrument]
	arts := slices.Clone(in.Articles)
	for _, a := range p.Articles {
		if i := slices.IndexFunc(arts, func(x csto.Article) bool { return x.Num == a.Num }); i >= 0 {
			arts[i] = a
		} else {
			arts = append(arts, a)
		}
	}
	in.Articles = arts
	w(m, ownInstruments, &m.Instruments)[p.Instrument] = &in
}

func checkProvisions(field string, ps []csto.Provision) error {
	for j, pr := range ps {
		f := fmt.Sprintf("%s[%d]", field, j)
		if !slices.Contains(csto.ProvisionKinds, pr.Kind) {
			return csto.Errorf(csto.Invalid, f+".kind", "unknown provision %q (one of %v)", pr.Kind, csto.ProvisionKinds)
		}
		for k, code := range pr.Codes {
			if !slices.Contains(csto.ConditionCodes, code) {
				return csto.Errorf(csto.Invalid, fmt.Sprintf("%s.codes[%d]", f, k), "unknown condition code %q (one of %v)", code, csto.ConditionCodes)
			}
		}
		for k, t := range pr.Conditions {
			if err := t.Check(fmt.Sprintf("%s.conditions[%d]", f, k)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *Model) checkArticles(c *csto.Command, p *csto.InstrumentArticles) error {
	if m.Instruments[p.Instrument] == nil {
		return csto.Errorf(csto.NotFound, "data.instrument", "unknown instrument %q", p.Instrument)
	}
	if len(c.Sources) == 0 {
		return csto.Errorf(csto.Invalid, "sources", "the encoding of an instrument's articles cites the text it reads")
	}
	if len(p.Articles) == 0 {
		return csto.Errorf(csto.Invalid, "data.articles", "no article given")
	}
	seen := map[string]bool{}
	for i, a := range p.Articles {
		f := fmt.Sprintf("data.articles[%d]", i)
		if a.Num == "" {
			return csto.Errorf(csto.Invalid, f+".num", "an article needs its number")
		}
		if seen[a.Num] {
			return csto.Errorf(csto.Invalid, f+".num", "article %s is given twice", a.Num)
		}
		seen[a.Num] = true
		if err := a.Text.Check(f + ".text"); err != nil {
			return err
		}
		if err := checkProvisions(f+".provisions", a.Provisions); err != nil {
			return err
		}
	}
	return nil
}

func (m *Model) checkContrary(c *csto.Command, p *csto.OrgContrary) error {
	if err := m.needOrg("data.org", p.Org); err != nil {
		return err
	}
	if err := m.needOrg("data.of", p.Of); err != nil {
		return err
	}
	if p.Org == p.Of {
		return csto.Errorf(csto.Invalid, "data.of", "an organization is not contrary to itself")
	}
	if c.Date.IsZero() {
		return csto.Errorf(csto.Invalid, "date", "say from when the source holds %s contrary to %s", p.Org, p.Of)
	}
	if len(c.Sources) == 0 {
		return csto.Errorf(csto.Invalid, "sources", "a reading of an organization as contrary to another needs the source that holds it")
	}
	if err := p.Reason.Check("data.reason"); err != nil {
		return err
	}
	for _, x := range m.Contrary {
		if x.Org == p.Org && x.Of == p.Of {
			return refuse(ruleUnique, "%s is already recorded as contrary to %s (event %d)", p.Org, p.Of, x.Seq)
		}
	}
	return nil
}

func (m *Model) checkAlliance(c *csto.Command, p *csto.AllianceAdd) error {
	if !csto.ValidID(p.ID) {
		return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid alliance id", p.ID)
	}
	if m.Alliances[p.ID] != nil {
		return refuse(ruleUnique, "alliance %s is already registered", p.ID)
	}
	if m.Orgs[p.ID] != nil {
		return refuse(ruleUnique, "%s is an organization's id", p.ID)
	}
	if p.ATOPID < 0 {
		return csto.Errorf(csto.Invalid, "data.atopid", "%d is not an ATOP number", p.ATOPID)
	}
	if p.ATOPID > 0 {
		if a, ok := m.AllianceByATOPID(p.ATOPID); ok {
			return refuse(ruleUnique, "ATOP alliance %d is already registered as %s", p.ATOPID, a.ID)
		}
	}
	if c.Date.IsZero() {
		return csto.Errorf(csto.Invalid, "date", "an alliance needs the date it began")
	}
	if err := endAfterStart("data.end", c.Date, p.End); err != nil {
		return err
	}
	if len(p.Phases) == 0 {
		return csto.Errorf(csto.Invalid, "data.phases", "an alliance has at least one phase")
	}
	seen := map[int]bool{}
	for i, ph := range p.Phases {
		f := fmt.Sprintf("data.phases[%d]", i)
		if ph.Phase < 0 || seen[ph.Phase] {
			return csto.Errorf(csto.Invalid, f+".phase", "phase %d is negative or given twice", ph.Phase)
		}
		seen[ph.Phase] = true
		if ph.Begin.IsZero() {
			return csto.Errorf(csto.Invalid, f+".begin", "a phase needs the date it began")
		}
		if err := endAfterStart(f+".end", ph.Begin, ph.End); err != nil {
			return err
		}
	}
	return nil
}

func (m *Model) checkAllianceMember(c *csto.Command, p *csto.AllianceMember) error {
	a := m.Alliances[p.Alliance]
	if a == nil {
		return csto.Errorf(csto.NotFound, "data.alliance", "unknown alliance %q", p.Alliance)
	}
	if _, ok := a.PhaseOf(p.Phase); !ok {
		return csto.Errorf(csto.NotFound, "data.phase", "%s has no phase %d", a.ID, p.Phase)
	}
	// The state must be registered, but its existence date is not held
	// against the entry: ATOP codes memberships of states that were not
	// yet members of the COW state system (COWSYS 0), and csto registers
	// several states as existing from their entry into that system
	// (Russia, the United States: 1816-01-01), after ATOP's first
	// alliances of 1815.
	if m.States[p.State] == nil {
		return csto.Errorf(csto.NotFound, "data.state", "unknown state %q", p.State)
	}
	if p.COW <= 0 {
		return csto.Errorf(csto.Invalid, "data.cow", "%d is not a COW country code", p.COW)
	}
	if c.Date.IsZero() {
		return csto.Errorf(csto.Invalid, "date", "a membership needs its entry date")
	}
	if !p.Exit.IsZero() && p.Exit.Latest() < c.Date.Earliest() {
		return refuse(ruleChronology, "%s cannot leave %s (%s) before entering it (%s)", p.State, a.ID, p.Exit, c.Date)
	}
	if err := checkProvisions("data.provisions", p.Provisions); err != nil {
		return err
	}
	for _, i := range m.allianceRows[p.Alliance] {
		r := &m.AllianceMembers[i]
		if r.Phase == p.Phase && r.State == p.State && r.COW == p.COW && r.Entry == c.Date {
			return refuse(ruleAlliance, "%s already has a membership of %s phase %d entered on %s (event %d)", p.State, a.ID, p.Phase, c.Date, r.Seq)
		}
	}
	return nil
}
