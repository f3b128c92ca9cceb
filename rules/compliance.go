package rules

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// ComplianceReport is what the rules find in the recorded history.
type ComplianceReport struct {
	Findings []Finding `json:"findings"`
}

// Finding is a recorded fact that breaks, or may break, a rule of the
// Treaty or the Charter: the rule (cited by article), the states, when,
// how certain, the events it rests on and their sources.
type Finding struct {
	Rule      string               `json:"rule"` // "CST Art. 1", "Charter: consensus"
	Kind      string               `json:"kind"` // force-between-members, noothall, operation-without-decision, decision-rule
	States    []string             `json:"states"`
	Orgs      []string             `json:"orgs,omitempty"`
	Date      string               `json:"date"`
	Certainty csto.Certainty       `json:"certainty"`
	Summary   string               `json:"summary"`
	Events    []EventRef           `json:"events"`
	Sources   []registry.SourceRef `json:"sources"`
	// Readings are the dates a noothall finding was evaluated under: the
	// preferred one and every claim, each with the overlap it gives.
	Readings []Reading `json:"readings,omitempty"`

	day edtf.Day // for ordering
}

// EventRef is an event of the record a finding or a step rests on.
type EventRef struct {
	Seq     int64                `json:"seq"`
	ID      string               `json:"id"`
	Type    string               `json:"type"`
	Kind    string               `json:"kind,omitempty"`
	Date    string               `json:"date"`
	Text    string               `json:"text,omitempty"`
	Outcome string               `json:"outcome,omitempty"` // of a decision
	Sources []string             `json:"sources"`
	Claims  []registry.ClaimView `json:"claims,omitempty"`
}

// Reading is one reading of a contested date and what it gives.
type Reading struct {
	Basis   string   `json:"basis"` // preferred, claim
	Event   string   `json:"event"` // the command whose date is read
	Date    string   `json:"date"`  // the date read
	Overlap string   `json:"overlap,omitempty"`
	Sources []string `json:"sources,omitempty"` // the claim's
}

// The kinds of finding.
const (
	KindForce     = "force-between-members"
	KindNoOthAll  = "noothall"
	KindOperation = "operation-without-decision"
	KindDecision  = "decision-rule"
)

// ruleConsensus is the Charter's rule for the Council's decisions, named
// as the registry names it.
const ruleConsensus = "Charter: consensus"

// Compliance runs the rules over the recorded history and returns every
// finding, in date order.
func Compliance(model *registry.Model, lang csto.Lang) (ComplianceReport, error) {
	m := &reader{Model: model}
	var fs []Finding
	for _, org := range curatedOrgs(m.Model) {
		fs = append(fs, forceBetweenMembers(m, org, lang)...)
	}
	fs = append(fs, noOtherAlliances(m, lang)...)
	fs = append(fs, operationsWithoutDecision(m, lang)...)
	fs = append(fs, decisionRules(m, lang)...)
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.day, b.day), strings.Compare(a.Rule, b.Rule), strings.Compare(strings.Join(a.States, ","), strings.Join(b.States, ",")))
	})
	if fs == nil {
		fs = []Finding{}
	}
	if m.err != nil {
		return ComplianceReport{}, m.err
	}
	return ComplianceReport{Findings: fs}, nil
}

// provisionCite returns the article that makes a provision of one of
// kinds (and carrying code, when code is set) in org on at.
func provisionCite(m *registry.Model, org string, at edtf.Date, code string, kinds ...string) (string, bool) {
	for _, p := range ProvisionsInForce(m, org, at) {
		if slices.Contains(kinds, p.Kind) && (code == "" || p.Has(code)) {
			return p.Cite, true
		}
	}
	return "", false
}

// forceBetweenMembers: CST Art. 1, the parties refrain from force or the
// threat of force among themselves. An armed clash or an aggression whose
// parties include two or more states bound by the Treaty on its date is a
// finding (the Kyrgyz–Tajik border clashes of 2021 and 2022).
func forceBetweenMembers(m *reader, org string, lang csto.Lang) []Finding {
	var out []Finding
	for _, inc := range sortedIncidents(m.Model) {
		if inc.Kind() != "armed-clash" && inc.Kind() != "aggression" {
			continue
		}
		cite, ok := provisionCite(m.Model, org, inc.Date(), "", "non-use-of-force", "nonaggression")
		if !ok {
			continue
		}
		var bound []string
		certain := true
		for _, s := range inc.Parties() {
			st := m.StatusAt(s, org, inc.Date())
			if memberLike(st.Status) {
				bound = append(bound, s)
				certain = certain && st.Certainty == csto.Certain
			}
		}
		if len(bound) < 2 {
			continue
		}
		slices.Sort(bound)
		f := Finding{Rule: cite, Kind: KindForce, States: bound, Orgs: []string{org}, Date: inc.Date().String(),
			Certainty: csto.Certain, day: inc.Date().Earliest()}
		if !certain {
			f.Certainty = csto.Possible
		}
		f.Summary = say(lang, "force", stateNames(m.Model, bound, lang), i18n.Cite(lang, cite))
		f.addEvents(m, lang, inc.Seq)
		out = append(out, f)
	}
	return out
}

func sortedIncidents(m *registry.Model) []*registry.Incident {
	out := make([]*registry.Incident, 0, m.Incidents.Len())
	for _, inc := range m.Incidents.All() {
		out = append(out, inc)
	}
	slices.SortFunc(out, func(a, b *registry.Incident) int {
		return cmp.Or(edtf.Compare(a.Date(), b.Date()), cmp.Compare(a.Seq, b.Seq))
	})
	return out
}

// addEvents adds the events of seqs (those with a timeline entry) and
// their sources.
func (f *Finding) addEvents(m *reader, lang csto.Lang, seqs ...int64) {
	var srcs []string
	for _, r := range f.Sources {
		srcs = append(srcs, r.ID)
	}
	for _, seq := range seqs {
		if slices.ContainsFunc(f.Events, func(e EventRef) bool { return e.Seq == seq }) {
			continue
		}
		e, ok := eventRef(m, seq, lang)
		if !ok {
			continue
		}
		f.Events = append(f.Events, e)
		for _, s := range e.Sources {
			srcs = appendNew(srcs, s)
		}
	}
	slices.SortStableFunc(f.Events, func(a, b EventRef) int { return cmp.Compare(a.Seq, b.Seq) })
	f.Sources = m.SourceRefs(srcs)
}

// eventRef describes event seq, if it has a timeline entry.
func eventRef(m *reader, seq int64, lang csto.Lang) (EventRef, bool) {
	e, b, ok := m.entry(seq)
	if !ok {
		return EventRef{}, false
	}
	r := EventRef{Seq: e.Seq, ID: b.ID, Type: e.Type(), Date: e.Date().String(), Text: b.Text.In(lang), Sources: b.Sources}
	if e.Kind() != e.Type() {
		r.Kind = e.Kind()
	}
	if r.Sources == nil {
		r.Sources = []string{}
	}
	for _, c := range b.Claims {
		r.Claims = append(r.Claims, registry.ClaimView{Field: c.Field, Value: c.Value, Sources: m.SourceRefs(c.Sources), Note: c.Note.In(lang)})
	}
	return r, true
}

// dayRange is a span of days [lo, hi): possibly (p) and certainly (c).
type dayRange struct{ pLo, pHi, cLo, cHi edtf.Day }

func (r dayRange) possible() bool { return r.pLo < r.pHi }
func (r dayRange) certain() bool  { return r.cLo < r.cHi }

func (r dayRange) and(o dayRange) dayRange {
	return dayRange{max(r.pLo, o.pLo), min(r.pHi, o.pHi), max(r.cLo, o.cLo), min(r.cHi, o.cHi)}
}

// String renders the possible span as an EDTF interval (last day
// included), open when it runs on.
func (r dayRange) String() string {
	end := ".."
	if r.pHi <= edtf.MaxDay {
		end = edtf.FromDay(r.pHi - 1).String()
	}
	return edtf.FromDay(r.pLo).String() + "/" + end
}

// boundRanges returns the spans of spells whose status keep accepts.
func boundRanges(spells []csto.Spell, keep func(csto.Status) bool) []dayRange {
	var out []dayRange
	for _, sp := range spells {
		if !keep(sp.Status) {
			continue
		}
		r := dayRange{sp.From.Earliest(), edtf.MaxDay + 1, sp.From.Latest(), edtf.MaxDay + 1}
		if !sp.To.IsZero() {
			r.pHi, r.cHi = sp.To.Latest(), sp.To.Earliest()
		}
		if sp.From.Uncertain() || (!sp.To.IsZero() && sp.To.Uncertain()) {
			r.cLo, r.cHi = 0, 0
		}
		out = append(out, r)
	}
	return out
}

// overlaps returns the spans in which a range of as and one of bs overlap,
// each cut to from onward.
func overlaps(as, bs []dayRange, from edtf.Day) []dayRange {
	var out []dayRange
	lim := dayRange{from, edtf.MaxDay + 1, from, edtf.MaxDay + 1}
	for _, a := range as {
		for _, b := range bs {
			if o := a.and(b).and(lim); o.possible() {
				out = append(out, o)
			}
		}
	}
	return out
}

// noOtherAlliances: CST Art. 1, the parties take no part in alliances or
// groupings of states directed against another party (ATOP's NOOTHALL).
// For each organization a source holds contrary to a curated
// organization (org.contrary), a state that was a member of the one while
// bound by the other is a finding. The membership is evaluated under its
// preferred dates and under every claimed date: Uzbekistan's entry into
// GUAM is 1999-04-24, after it left the CST (1999-04-21), but the source
// article's 1997 would make the two overlap.
func noOtherAlliances(m *reader, lang csto.Lang) []Finding {
	var out []Finding
	for _, x := range m.Contrary {
		from, cite, ok := noothallFrom(m.Model, x.Of)
		if !ok {
			continue
		}
		from = max(from, x.Since.Earliest())
		for _, s := range m.StatesIn(x.Org) {
			ySpells := m.Spells(s, x.Of)
			if len(ySpells) == 0 {
				continue
			}
			bound := boundRanges(ySpells, memberLike)
			var readings []Reading
			var best []dayRange
			preferred := overlaps(boundRanges(m.Spells(s, x.Org), memberLike), bound, from)
			pr := Reading{Basis: "preferred", Overlap: joinRanges(preferred)}
			var seqs []int64
			var claimSources []string
			for _, fct := range m.Facts(s, x.Org) {
				seqs = append(seqs, fct.Seq)
				e, b, ok := m.entry(fct.Seq)
				if !ok {
					continue
				}
				if len(b.Claims) > 0 && pr.Event == "" {
					pr.Event, pr.Date = b.ID, e.Date().String()
				}
				for _, cl := range b.Claims {
					d, ok := claimedDate(cl)
					if !ok {
						continue
					}
					ov := overlaps(boundRanges(m.SpellsWith(s, x.Org, fct.Seq, d), memberLike), bound, from)
					readings = append(readings, Reading{Basis: "claim", Event: b.ID, Date: d.String(), Overlap: joinRanges(ov), Sources: cl.Sources})
					if len(ov) > 0 && best == nil {
						best = ov
						claimSources = cl.Sources
					}
				}
			}
			if len(preferred) == 0 && best == nil {
				continue
			}
			f := Finding{Rule: cite, Kind: KindNoOthAll, States: []string{s}, Orgs: []string{x.Org, x.Of}, Certainty: csto.Possible}
			use := best
			if len(preferred) > 0 {
				use = preferred
				if preferred[0].certain() {
					f.Certainty = csto.Certain
				}
			}
			f.Date, f.day = use[0].String(), use[0].pLo
			if len(readings) > 0 {
				f.Readings = append([]Reading{pr}, readings...)
			}
			f.Summary = say(lang, "noothall", m.StateName(s, lang), orgName(m.Model, x.Org, lang), orgName(m.Model, x.Of, lang),
				orgName(m.Model, x.Of, lang), i18n.Cite(lang, cite), f.Date)
			if len(preferred) == 0 {
				f.Summary += "; " + say(lang, "noothall.claim")
			}
			for _, fct := range m.Facts(s, x.Of) {
				// The facts that bound the overlap: up to the one that ends it.
				if fct.Date.Earliest() <= use[0].pHi {
					seqs = append(seqs, fct.Seq)
				}
			}
			f.addEvents(m, lang, seqs...)
			srcs := make([]string, 0, len(f.Sources))
			for _, r := range f.Sources {
				srcs = append(srcs, r.ID)
			}
			for _, id := range append(claimSources, x.Sources...) {
				srcs = appendNew(srcs, id)
			}
			f.Sources = m.SourceRefs(srcs)
			out = append(out, f)
		}
	}
	return out
}

// noothallFrom returns the first day org's instruments make a noothall
// provision, and the article that makes it.
func noothallFrom(m *registry.Model, org string) (edtf.Day, string, bool) {
	var days []edtf.Day
	for _, in := range m.Instruments {
		if in.Org == org && !in.InForce.IsZero() {
			days = append(days, in.InForce.Earliest())
		}
	}
	slices.Sort(days)
	for _, d := range days {
		if cite, ok := provisionCite(m, org, edtf.FromDay(d), "", "noothall"); ok {
			return d, cite, true
		}
	}
	return 0, "", false
}

// claimedDate reads a claim on a fact's date.
func claimedDate(cl csto.Claim) (edtf.Date, bool) {
	if cl.Field != "date" {
		return edtf.Date{}, false
	}
	var s string
	if json.Unmarshal(cl.Value, &s) != nil {
		return edtf.Date{}, false
	}
	d, err := edtf.Parse(s)
	return d, err == nil
}

func joinRanges(rs []dayRange) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.String()
	}
	return strings.Join(parts, ", ")
}

func orgName(m *registry.Model, id string, lang csto.Lang) string {
	o := m.Orgs[id]
	if o == nil {
		return id
	}
	if a := o.Abbr.In(lang); a != "" {
		return a
	}
	return o.Name.In(lang)
}

// councilOf returns org's Collective Security Council: its council that
// decides by consensus (the heads of state), not the Permanent Council.
func councilOf(m *registry.Model, org string) string {
	var ids []string
	for _, b := range m.Bodies {
		if b.Org == org && b.Kind == "council" && b.DecisionRule == "consensus" {
			ids = append(ids, b.ID)
		}
	}
	slices.Sort(ids)
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// operationsWithoutDecision: CST Art. 6, the heads of state decide on the
// use of armed forces. An operation not created by an adopted decision of
// the Collective Security Council is a finding. (The registry refuses an
// operation without an adopted decision; it does not check the body.)
func operationsWithoutDecision(m *reader, lang csto.Lang) []Finding {
	var out []Finding
	ops := make([]*registry.Operation, 0, len(m.Operations))
	for _, op := range m.Operations {
		ops = append(ops, op)
	}
	slices.SortFunc(ops, func(a, b *registry.Operation) int {
		return cmp.Or(edtf.Compare(a.Decided, b.Decided), cmp.Compare(a.Seq, b.Seq))
	})
	for _, op := range ops {
		cite, ok := provisionCite(m.Model, op.Org, op.Decided, "council-decision", "defense")
		if !ok {
			continue
		}
		dec := m.Decisions[op.Decision]
		var why string
		switch council := councilOf(m.Model, op.Org); {
		case dec == nil || dec.Outcome != registry.Adopted:
			why = say(lang, "operation.nodecision")
		case dec.Body != council:
			name := dec.Body
			if b := m.Bodies[dec.Body]; b != nil {
				name = b.Name.In(lang)
			}
			why = say(lang, "operation.body", name)
		default:
			continue
		}
		f := Finding{Rule: cite, Kind: KindOperation, States: []string{op.Host}, Orgs: []string{op.Org}, Date: op.Decided.String(),
			Certainty: csto.Certain, day: op.Decided.Earliest(), Summary: say(lang, "operation", op.ID, why)}
		seqs := []int64{op.Seq}
		if dec != nil {
			seqs = append(seqs, dec.Seq)
		}
		f.addEvents(m, lang, seqs...)
		out = append(out, f)
	}
	return out
}

// decisionRules checks adopted decisions against their body's rule:
//   - Charter: consensus. A decision adopted while a member (in good
//     standing, or whose participation is frozen without a legal act) was
//     absent, neither objecting nor declaring itself not interested, is a
//     possible finding: csto's consensus counts the members present (the
//     2023–24 decisions "in limited format" without Armenia), a reading
//     requiring every member's agreement would not.
//   - CST Art. 4 as amended in 2010: assistance at the request of the
//     member attacked. A decision based on the article without a request
//     is a finding.
func decisionRules(m *reader, lang csto.Lang) []Finding {
	decs := make([]*registry.Decision, 0, len(m.Decisions))
	for _, d := range m.Decisions {
		if d.Outcome == registry.Adopted {
			decs = append(decs, d)
		}
	}
	slices.SortFunc(decs, func(a, b *registry.Decision) int {
		return cmp.Or(edtf.Compare(a.Date, b.Date), cmp.Compare(a.Seq, b.Seq))
	})
	var out []Finding
	for _, d := range decs {
		b := m.Bodies[d.Body]
		if b != nil && b.DecisionRule == "consensus" {
			var absent []string
			for _, s := range m.StatesIn(d.Org) {
				st := m.StatusAt(s, d.Org, d.Date).Status
				if st != csto.Member && st != csto.ParticipationFrozen {
					continue
				}
				if decisionAbsent(m.Model, d, s) {
					absent = append(absent, s)
				}
			}
			if len(absent) > 0 {
				f := Finding{Rule: ruleConsensus, Kind: KindDecision, States: absent, Orgs: []string{d.Org}, Date: d.Date.String(),
					Certainty: csto.Possible, day: d.Date.Earliest(), Summary: say(lang, "decision.absent", d.ID, stateNames(m.Model, absent, lang))}
				seqs := []int64{d.Seq}
				if s := m.Sessions[d.Session]; s != nil {
					seqs = append(seqs, s.Seq)
				}
				f.addEvents(m, lang, seqs...)
				out = append(out, f)
			}
		}
		if d.Basis != "" && d.Request == "" {
			if cite, ok := provisionCite(m.Model, d.Org, d.Date, "request", "defense"); ok && cite == d.Basis {
				f := Finding{Rule: cite, Kind: KindDecision, States: []string{}, Orgs: []string{d.Org}, Date: d.Date.String(),
					Certainty: csto.Certain, day: d.Date.Earliest(), Summary: say(lang, "decision.norequest", d.ID, i18n.Cite(lang, cite))}
				f.addEvents(m, lang, d.Seq)
				out = append(out, f)
			}
		}
	}
	return out
}

// decisionAbsent reports whether state s was absent from decision d: by
// its recorded position, or by the attendance of d's session, without
// objecting or declaring itself not interested.
func decisionAbsent(m *registry.Model, d *registry.Decision, s string) bool {
	for _, p := range d.Positions {
		if p.State == s {
			return p.Position == "absent"
		}
	}
	if ses := m.Sessions[d.Session]; ses != nil {
		for _, a := range ses.Attendance {
			if a.State == s {
				return a.Presence != "present"
			}
		}
	}
	return false
}

func stateNames(m *registry.Model, states []string, lang csto.Lang) string {
	names := make([]string, len(states))
	for i, s := range states {
		names[i] = m.StateName(s, lang)
	}
	return strings.Join(names, i18n.T(lang, "web.comma"))
}
