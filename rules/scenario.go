package rules

import (
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// DefaultWindow is how many days after the attack a scenario looks in the
// record for what was done.
const DefaultWindow = 90

// ScenarioQuery asks what the Treaty requires if Target is attacked by
// Aggressor on At, and what the record shows was done within Window days.
type ScenarioQuery struct {
	Query
	Window int // days; 0: DefaultWindow
}

// Scenario is the answer: the obligations, and for each curated alliance
// binding the target the steps its provisions in force require, who must
// act at each, and what the record shows on those dates. It is computed
// from the record and writes nothing.
type Scenario struct {
	Kind        string `json:"kind"` // aggression
	Target      string `json:"target"`
	Aggressor   string `json:"aggressor"`
	At          string `json:"at"`
	Window      string `json:"window"` // the days searched in the record
	Obligations Report `json:"obligations"`
	Steps       []Step `json:"steps"`
	Note        string `json:"note,omitempty"`
}

// Step is one step the Treaty requires.
type Step struct {
	Alliance string   `json:"alliance"`
	Step     string   `json:"step"` // request, consultations, council-decision, assistance, notify-un-security-council
	Article  string   `json:"article"`
	Requires string   `json:"requires"`
	Who      []string `json:"who"`             // the states that must act
	Chair    string   `json:"chair,omitempty"` // the state chairing the Council on the date, which convenes it
	// Record is what the record shows within the window: requests,
	// sessions, decisions (with their outcome), operations and missions.
	Record []EventRef `json:"record"`
	Status string     `json:"status"` // recorded, not-recorded
}

// AggressionScenario answers q. Errors are those of Obligations, and an
// Invalid error without an aggressor.
func AggressionScenario(model *registry.Model, q ScenarioQuery) (Scenario, error) {
	m := &reader{Model: model}
	if q.Aggressor == "" {
		return Scenario{}, csto.Errorf(csto.Invalid, "aggressor", "a scenario of aggression needs the aggressor")
	}
	if q.Window <= 0 {
		q.Window = DefaultWindow
	}
	rep, err := Obligations(m.Model, q.Query)
	if err != nil {
		return Scenario{}, err
	}
	lo := q.At.Earliest()
	hi := q.At.Latest() + edtf.Day(q.Window)
	sc := Scenario{Kind: "aggression", Target: rep.Target, Aggressor: rep.Aggressor, At: rep.At, Obligations: rep,
		Window: edtf.FromDay(lo).String() + "/" + edtf.FromDay(hi).String(), Steps: []Step{}}
	for _, org := range curatedOrgs(m.Model) {
		ts := m.StatusAt(rep.Target, org, q.At)
		if !memberLike(ts.Status) {
			if org == "csto" {
				sc.Note = say(q.Lang, "scenario.notmember", m.StateName(rep.Target, q.Lang), orgName(m.Model, org, q.Lang), rep.At)
			}
			continue
		}
		sc.Steps = append(sc.Steps, steps(m, org, rep.Target, q, lo, hi)...)
	}
	if m.err != nil {
		return Scenario{}, m.err
	}
	return sc, nil
}

// steps derives the steps from org's provisions in force: a defense
// provision on the attacked member's request gives the request; a
// consultation provision, consultations; a defense provision by decision
// of the Council, the decision; a defense provision, the assistance;
// collective self-defence under UN Charter Art. 51, the notice to the
// UN Security Council.
func steps(m *reader, org, target string, q ScenarioQuery, lo, hi edtf.Day) []Step {
	provs := ProvisionsInForce(m.Model, org, q.At)
	find := func(kind, code string) (Provision, bool) {
		for _, p := range provs {
			if p.Kind == kind && (code == "" || p.Has(code)) {
				return p, true
			}
		}
		return Provision{}, false
	}
	allies, _, _ := membersOf(m.Model, org, target, q.At)
	all := append([]string{}, allies...)
	if m.StatusAt(target, org, q.At).Status == csto.Member {
		all = append(all, target)
		slices.Sort(all)
	}
	in := func(d edtf.Date) bool { return d.Earliest() <= hi && d.Latest() >= lo }
	var out []Step
	add := func(step string, p Provision, who []string, rec []EventRef) {
		s := Step{Alliance: org, Step: step, Article: p.Cite, Requires: say(q.Lang, "step."+step), Who: who, Record: rec, Status: "recorded"}
		if s.Record == nil {
			s.Record, s.Status = []EventRef{}, "not-recorded"
		}
		if s.Who == nil {
			s.Who = []string{}
		}
		out = append(out, s)
	}
	requests := func(kind string) []EventRef {
		var rs []EventRef
		for _, r := range sortedRequests(m.Model) {
			if r.Org == org && r.State == target && (kind == "" || r.Kind == kind) && in(r.Date) {
				if e, ok := eventRef(m, r.Seq, q.Lang); ok {
					rs = append(rs, e)
				}
			}
		}
		return rs
	}
	if p, ok := find("defense", "request"); ok {
		add("request", p, []string{target}, requests("assistance"))
	}
	if p, ok := find("consultation", ""); ok {
		rec := requests("consultations")
		for _, s := range sortedSessions(m.Model) {
			if s.Org == org && in(s.Date) && s.Kind != "regular" {
				if e, ok := eventRef(m, s.Seq, q.Lang); ok {
					rec = append(rec, e)
				}
			}
		}
		add("consultations", p, all, sortRefs(rec))
	}
	if p, ok := find("defense", "council-decision"); ok {
		var rec []EventRef
		for _, d := range sortedDecisions(m.Model) {
			if d.Org != org || !in(d.Date) {
				continue
			}
			r := m.Requests[d.Request]
			if (r != nil && r.State == target) || (d.Basis != "" && d.Basis == p.Cite) {
				if e, ok := eventRef(m, d.Seq, q.Lang); ok {
					e.Outcome = string(d.Outcome)
					rec = append(rec, e)
				}
			}
		}
		s := len(out)
		add("council-decision", p, all, rec)
		if ch, ok := m.ChairAt(org, q.At); ok {
			out[s].Chair = ch.State
		}
	}
	if p, ok := find("defense", ""); ok {
		var rec []EventRef
		for _, op := range m.Operations {
			if op.Org == org && op.Host == target && in(op.Decided) {
				if e, ok := eventRef(m, op.Seq, q.Lang); ok {
					rec = append(rec, e)
				}
			}
		}
		for _, e := range m.Entries {
			if e.Type() == csto.CmdEventRecord && in(e.Date()) && slices.Contains(e.States(), target) && slices.Contains(e.Orgs(), org) {
				if r, ok := eventRef(m, e.Seq, q.Lang); ok {
					rec = append(rec, r)
				}
			}
		}
		add("assistance", p, allies, sortRefs(rec))
	}
	if p, ok := find("defense", "un-charter-51"); ok {
		var rec []EventRef
		for _, e := range m.Entries {
			if e.Kind() == "un-notification" && in(e.Date()) && slices.Contains(e.Orgs(), org) {
				if r, ok := eventRef(m, e.Seq, q.Lang); ok {
					rec = append(rec, r)
				}
			}
		}
		add("notify-un-security-council", p, allies, rec)
	}
	return out
}

func sortRefs(rs []EventRef) []EventRef {
	slices.SortStableFunc(rs, func(a, b EventRef) int {
		if c := edtf.Compare(edtf.MustParse(a.Date), edtf.MustParse(b.Date)); c != 0 {
			return c
		}
		return int(a.Seq - b.Seq)
	})
	return slices.CompactFunc(rs, func(a, b EventRef) bool { return a.Seq == b.Seq })
}

func sortedRequests(m *registry.Model) []*registry.Request {
	out := make([]*registry.Request, 0, len(m.Requests))
	for _, r := range m.Requests {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *registry.Request) int { return int(a.Seq - b.Seq) })
	return out
}

func sortedSessions(m *registry.Model) []*registry.Session {
	out := make([]*registry.Session, 0, len(m.Sessions))
	for _, s := range m.Sessions {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *registry.Session) int { return int(a.Seq - b.Seq) })
	return out
}

func sortedDecisions(m *registry.Model) []*registry.Decision {
	out := make([]*registry.Decision, 0, len(m.Decisions))
	for _, d := range m.Decisions {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b *registry.Decision) int { return int(a.Seq - b.Seq) })
	return out
}
