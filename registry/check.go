package registry

import (
	"fmt"
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// Rule names used in refusals. Rules of the Treaty and the Charter are
// cited by article; the registry's own integrity rules by a short name.
const (
	ruleUnique        = "unique-id"
	ruleReference     = "known-reference"
	ruleStateExists   = "state-existence"
	ruleChronology    = "chronology"
	ruleDupSignature  = "duplicate-signature"
	ruleMembership    = "membership"
	ruleWithdrawal    = "withdrawal"
	ruleSuspension    = "Charter: suspension"
	ruleChair         = "chairmanship"
	ruleArt4          = "CST Art. 4"
	ruleArt2          = "CST Art. 2"
	ruleOperation     = "operation"
	ruleProtocolParty = "party-to-protocol"
)

// check decides whether c (with its decoded payload p) may be applied to
// m. It returns nil or a *csto.Error naming the field or the rule.
func (m *Model) check(c *csto.Command, p any) error {
	if seq, ok := m.Commands[c.ID]; ok {
		return csto.Errorf(csto.Conflict, "id", "command %q is already in the log (event %d)", c.ID, seq)
	}
	for i, s := range c.Sources {
		if m.Sources[s] == nil {
			return csto.Errorf(csto.NotFound, fmt.Sprintf("sources[%d]", i), "unknown source %q", s)
		}
	}
	for i, cl := range c.Claims {
		for j, s := range cl.Sources {
			if m.Sources[s] == nil {
				return csto.Errorf(csto.NotFound, fmt.Sprintf("claims[%d].sources[%d]", i, j), "unknown source %q", s)
			}
		}
	}
	if !csto.IsReference(c.Type) && len(c.Sources) == 0 {
		return csto.Errorf(csto.Invalid, "sources", "a dated fact needs at least one source")
	}
	d := c.Date
	switch p := p.(type) {
	case *csto.SourceAdd:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid source id", p.ID)
		}
		if p.Title == "" {
			return csto.Errorf(csto.Invalid, "data.title", "a source needs a title")
		}
		if m.Sources[p.ID] != nil {
			return refuse(ruleUnique, "source %q is already registered", p.ID)
		}
	case *csto.StateAdd:
		if !isStateCode(p.Code) {
			return csto.Errorf(csto.Invalid, "data.code", "%q is not an ISO 3166-1 alpha-3 code", p.Code)
		}
		if err := p.Name.Check("data.name"); err != nil {
			return err
		}
		if p.ExistsFrom.IsZero() {
			return csto.Errorf(csto.Invalid, "data.exists_from", "a state needs the date it came into being")
		}
		if m.States[p.Code] != nil {
			return refuse(ruleUnique, "state %s is already registered", p.Code)
		}
	case *csto.OrgAdd:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid organization id", p.ID)
		}
		if err := p.Name.Check("data.name"); err != nil {
			return err
		}
		if m.Orgs[p.ID] != nil {
			return refuse(ruleUnique, "organization %s is already registered", p.ID)
		}
	case *csto.InstrumentAdd:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid instrument id", p.ID)
		}
		if err := p.Name.Check("data.name"); err != nil {
			return err
		}
		if m.Instruments[p.ID] != nil {
			return refuse(ruleUnique, "instrument %s is already registered", p.ID)
		}
		if err := m.needOrg("data.org", p.Org); err != nil {
			return err
		}
		for i, a := range p.Amends {
			if m.Instruments[a] == nil {
				return csto.Errorf(csto.NotFound, fmt.Sprintf("data.amends[%d]", i), "unknown instrument %q", a)
			}
		}
		for i, a := range p.Articles {
			if a.Num == "" {
				return csto.Errorf(csto.Invalid, fmt.Sprintf("data.articles[%d].num", i), "an article needs its number")
			}
			if err := a.Text.Check(fmt.Sprintf("data.articles[%d].text", i)); err != nil {
				return err
			}
			for j, pr := range a.Provisions {
				if !slices.Contains(csto.ProvisionKinds, pr.Kind) {
					return csto.Errorf(csto.Invalid, fmt.Sprintf("data.articles[%d].provisions[%d].kind", i, j),
						"unknown provision %q (one of %v)", pr.Kind, csto.ProvisionKinds)
				}
			}
		}
	case *csto.InstrumentInForce:
		in := m.Instruments[p.Instrument]
		if in == nil {
			return csto.Errorf(csto.NotFound, "data.instrument", "unknown instrument %q", p.Instrument)
		}
		if !in.InForce.IsZero() {
			return refuse(ruleUnique, "%s already entered into force on %s", in.ID, in.InForce)
		}
		if before(d, in.Adopted) {
			return refuse(ruleChronology, "%s cannot enter into force (%s) before it was adopted (%s)", in.ID, d, in.Adopted)
		}
	case *csto.BodyAdd:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid body id", p.ID)
		}
		if m.Bodies[p.ID] != nil {
			return refuse(ruleUnique, "body %s is already registered", p.ID)
		}
		if err := p.Name.Check("data.name"); err != nil {
			return err
		}
		return m.needOrg("data.org", p.Org)
	case *csto.ForceAdd:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid force id", p.ID)
		}
		if m.Forces[p.ID] != nil {
			return refuse(ruleUnique, "force %s is already registered", p.ID)
		}
		if err := m.needOrg("data.org", p.Org); err != nil {
			return err
		}
		return m.needStates("data.members", p.Members, d)
	case *csto.OfficeTerm:
		if err := m.needOrg("data.org", p.Org); err != nil {
			return err
		}
		if p.Office == "" {
			return csto.Errorf(csto.Invalid, "data.office", "an office term needs the office")
		}
		if err := p.Person.Check("data.person"); err != nil {
			return err
		}
		if err := m.needState("data.state", p.State, d); err != nil {
			return err
		}
		return endAfterStart("data.end", d, p.End)
	case *csto.ChairRecord:
		if err := m.needBody(p.Org, p.Body); err != nil {
			return err
		}
		if err := m.needState("data.state", p.State, d); err != nil {
			return err
		}
		if at := m.StatusAt(p.State, p.Org, d); at.Status != csto.Member {
			return refuse(ruleChair, "only a member state in good standing chairs; %s is %s on %s", p.State, describe(at), d)
		}
		if p.InPlaceOf != "" {
			if err := m.needState("data.in_place_of", p.InPlaceOf, d); err != nil {
				return err
			}
		}
		return endAfterStart("data.end", d, p.End)
	case *csto.PartyAction:
		return m.checkPartyAction(c, p)
	case *csto.MembershipChange:
		return m.checkMembershipChange(c, p)
	case *csto.SessionHold:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid session id", p.ID)
		}
		if m.Sessions[p.ID] != nil {
			return refuse(ruleUnique, "session %s is already recorded", p.ID)
		}
		if err := m.needBody(p.Org, p.Body); err != nil {
			return err
		}
		if !slices.Contains(sessionKinds, p.Kind) {
			return csto.Errorf(csto.Invalid, "data.kind", "unknown session kind %q (one of %v)", p.Kind, sessionKinds)
		}
		if p.Chair != "" {
			if err := m.needState("data.chair", p.Chair, d); err != nil {
				return err
			}
		}
		for i, a := range p.Attendance {
			f := fmt.Sprintf("data.attendance[%d]", i)
			if err := m.needState(f+".state", a.State, d); err != nil {
				return err
			}
			if !slices.Contains(presences, a.Presence) {
				return csto.Errorf(csto.Invalid, f+".presence", "unknown presence %q (one of %v)", a.Presence, presences)
			}
			if !m.StatusAt(a.State, p.Org, d).Status.Listed() {
				return refuse(ruleMembership, "%s is not a member of %s on %s and has no seat at the session", a.State, p.Org, d)
			}
		}
	case *csto.DecisionAdopt:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid decision id", p.ID)
		}
		if m.Decisions[p.ID] != nil {
			return refuse(ruleUnique, "decision %s is already recorded", p.ID)
		}
		if err := m.needBody(p.Org, p.Body); err != nil {
			return err
		}
		if err := p.Title.Check("data.title"); err != nil {
			return err
		}
		if p.Session != "" && m.Sessions[p.Session] == nil {
			return csto.Errorf(csto.NotFound, "data.session", "unknown session %q", p.Session)
		}
		if p.Request != "" {
			r := m.Requests[p.Request]
			if r == nil {
				return csto.Errorf(csto.NotFound, "data.request", "unknown request %q", p.Request)
			}
			if before(d, r.Date) {
				return refuse(ruleChronology, "a decision (%s) cannot answer a request filed later (%s)", d, r.Date)
			}
		}
		for i, pos := range p.Positions {
			f := fmt.Sprintf("data.positions[%d]", i)
			if err := m.needState(f+".state", pos.State, d); err != nil {
				return err
			}
			if !slices.Contains(positions, pos.Position) {
				return csto.Errorf(csto.Invalid, f+".position", "unknown position %q (one of %v)", pos.Position, positions)
			}
		}
	case *csto.RequestFile:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid request id", p.ID)
		}
		if m.Requests[p.ID] != nil {
			return refuse(ruleUnique, "request %s is already recorded", p.ID)
		}
		if err := m.needOrg("data.org", p.Org); err != nil {
			return err
		}
		if err := m.needState("data.state", p.State, d); err != nil {
			return err
		}
		rule, what := ruleArt4, "assistance"
		switch p.Kind {
		case "assistance":
		case "consultations":
			rule, what = ruleArt2, "consultations"
		default:
			return csto.Errorf(csto.Invalid, "data.kind", "unknown request kind %q (assistance or consultations)", p.Kind)
		}
		if at := m.StatusAt(p.State, p.Org, d); at.Status != csto.Member {
			return refuse(rule, "only a member state may request %s; %s is %s", what, p.State, describe(at))
		}
	case *csto.OperationCreate:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid operation id", p.ID)
		}
		if m.Operations[p.ID] != nil {
			return refuse(ruleUnique, "operation %s is already recorded", p.ID)
		}
		dec := m.Decisions[p.Decision]
		if dec == nil {
			return refuse(ruleOperation, "an operation is created only by a recorded decision; %q is unknown", p.Decision)
		}
		if before(d, dec.Date) {
			return refuse(ruleChronology, "the operation (%s) cannot precede its decision (%s)", d, dec.Date)
		}
		if err := m.needState("data.host", p.Host, d); err != nil {
			return err
		}
		if p.Force != "" && m.Forces[p.Force] == nil {
			return csto.Errorf(csto.NotFound, "data.force", "unknown force %q", p.Force)
		}
		if err := p.Name.Check("data.name"); err != nil {
			return err
		}
	case *csto.OperationContingent:
		op := m.Operations[p.Operation]
		if op == nil {
			return csto.Errorf(csto.NotFound, "data.operation", "unknown operation %q", p.Operation)
		}
		if err := m.needState("data.state", p.State, d); err != nil {
			return err
		}
		if at := m.StatusAt(p.State, op.Org, d); at.Status != csto.Member {
			return refuse(ruleOperation, "only a member state contributes a contingent; %s is %s", p.State, describe(at))
		}
		if ph, ok := op.phase("withdrawal-complete"); ok && !before(d, ph) {
			return refuse(ruleOperation, "%s completed its withdrawal on %s", op.ID, ph)
		}
		if p.Troops < 0 || p.Vehicles < 0 {
			return csto.Errorf(csto.Invalid, "data.troops", "numbers cannot be negative")
		}
	case *csto.OperationPhase:
		op := m.Operations[p.Operation]
		if op == nil {
			return csto.Errorf(csto.NotFound, "data.operation", "unknown operation %q", p.Operation)
		}
		i := slices.Index(phases, p.Phase)
		if i < 0 {
			return csto.Errorf(csto.Invalid, "data.phase", "unknown phase %q (one of %v)", p.Phase, phases)
		}
		if _, ok := op.phase(p.Phase); ok {
			return refuse(ruleOperation, "%s already reached phase %s", op.ID, p.Phase)
		}
		for _, later := range phases[i+1:] {
			if _, ok := op.phase(later); ok {
				return refuse(ruleOperation, "%s cannot reach %s after %s", op.ID, p.Phase, later)
			}
		}
		if before(d, op.Decided) {
			return refuse(ruleChronology, "a phase (%s) cannot precede the decision (%s)", d, op.Decided)
		}
	case *csto.OperationReport:
		if m.Operations[p.Operation] == nil {
			return csto.Errorf(csto.NotFound, "data.operation", "unknown operation %q", p.Operation)
		}
		if p.Troops < 0 || p.Vehicles < 0 {
			return csto.Errorf(csto.Invalid, "data.troops", "numbers cannot be negative")
		}
	case *csto.ExerciseHold:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid exercise id", p.ID)
		}
		if m.Exercises[p.ID] != nil {
			return refuse(ruleUnique, "exercise %s is already recorded", p.ID)
		}
		if err := m.needOrg("data.org", p.Org); err != nil {
			return err
		}
		if err := p.Name.Check("data.name"); err != nil {
			return err
		}
		for i, l := range p.Levels {
			if !slices.Contains(levels, l) {
				return csto.Errorf(csto.Invalid, fmt.Sprintf("data.levels[%d]", i), "unknown level %q (one of %v)", l, levels)
			}
		}
		return m.needStates("data.participants", p.Participants, d)
	case *csto.IncidentRecord:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid incident id", p.ID)
		}
		if m.Incidents[p.ID] != nil {
			return refuse(ruleUnique, "incident %s is already recorded", p.ID)
		}
		if len(p.Parties) == 0 {
			return csto.Errorf(csto.Invalid, "data.parties", "an incident needs its parties")
		}
		return m.needStates("data.parties", p.Parties, d)
	case *csto.EventRecord:
		if p.Kind == "" {
			return csto.Errorf(csto.Invalid, "data.kind", "an event needs a kind")
		}
		for i, o := range p.Orgs {
			if err := m.needOrg(fmt.Sprintf("data.orgs[%d]", i), o); err != nil {
				return err
			}
		}
		return m.needStates("data.states", p.States, d)
	}
	return nil
}

func (m *Model) checkPartyAction(c *csto.Command, p *csto.PartyAction) error {
	d := c.Date
	in := m.Instruments[p.Instrument]
	if in == nil {
		return csto.Errorf(csto.NotFound, "data.instrument", "unknown instrument %q", p.Instrument)
	}
	if err := m.needState("data.state", p.State, d); err != nil {
		return err
	}
	if before(d, in.Adopted) {
		return refuse(ruleChronology, "%s cannot act on %s (%s) before it was adopted (%s)", p.State, in.ID, d, in.Adopted)
	}
	org := m.Orgs[in.Org]
	membership := org != nil && org.MembershipInstrument == in.ID
	at := m.StatusAt(p.State, in.Org, d)
	switch c.Type {
	case csto.CmdPartySign:
		if membership {
			if at.Status.Listed() && at.Status != csto.Observer && at.Status != csto.Partner {
				return refuse(ruleDupSignature, "%s already signed %s: it is %s", p.State, in.ID, describe(at))
			}
			return nil
		}
		if m.hasPartyAction(p.State, in.ID, csto.CmdPartySign) {
			return refuse(ruleDupSignature, "%s already signed %s", p.State, in.ID)
		}
		if org != nil && org.MembershipInstrument != "" && !memberLike(at.Status) {
			return refuse(ruleProtocolParty, "only parties sign instruments of %s; %s is %s", in.Org, p.State, describe(at))
		}
	case csto.CmdPartyRatify:
		if !m.hasPartyAction(p.State, in.ID, csto.CmdPartySign) {
			return refuse(ruleMembership, "%s cannot ratify %s: it has not signed it", p.State, in.ID)
		}
		if m.hasPartyAction(p.State, in.ID, csto.CmdPartyRatify) {
			return refuse(ruleUnique, "%s already ratified %s", p.State, in.ID)
		}
	case csto.CmdPartyNonRenewal:
		if !membership {
			return refuse(ruleMembership, "non-renewal applies to %s's membership instrument, not to %s", in.Org, in.ID)
		}
		if !memberLike(at.Status) && at.Status != csto.Signatory {
			return refuse(ruleWithdrawal, "%s is not a party to %s on %s", p.State, in.ID, d)
		}
	}
	return nil
}

func (m *Model) checkMembershipChange(c *csto.Command, p *csto.MembershipChange) error {
	d := c.Date
	if err := m.needOrg("data.org", p.Org); err != nil {
		return err
	}
	if err := m.needState("data.state", p.State, d); err != nil {
		return err
	}
	if p.Decision != "" {
		dec := m.Decisions[p.Decision]
		if dec == nil {
			return csto.Errorf(csto.NotFound, "data.decision", "unknown decision %q", p.Decision)
		}
		if dec.Org != p.Org {
			return csto.Errorf(csto.Invalid, "data.decision", "decision %s is of %s, not of %s", dec.ID, dec.Org, p.Org)
		}
	}
	if !p.Effective.IsZero() && c.Type != csto.CmdNotice {
		return csto.Errorf(csto.Invalid, "data.effective", "only a notice of withdrawal has an effective date")
	}
	at := m.StatusAt(p.State, p.Org, d)
	switch c.Type {
	case csto.CmdJoin:
		if memberLike(at.Status) || at.Status == csto.Signatory {
			return refuse(ruleMembership, "%s is already %s of %s", p.State, describe(at), p.Org)
		}
	case csto.CmdSuspend:
		if p.Decision == "" && m.Orgs[p.Org].MembershipInstrument != "" {
			return refuse(ruleSuspension, "suspension needs a decision of the Council (data.decision)")
		}
		if at.Status != csto.Member && at.Status != csto.ParticipationFrozen {
			return refuse(ruleSuspension, "only a member can be suspended; %s is %s", p.State, describe(at))
		}
	case csto.CmdReinstate:
		if at.Status != csto.Suspended {
			return refuse(ruleSuspension, "only a suspended member can be reinstated; %s is %s", p.State, describe(at))
		}
	case csto.CmdFreeze:
		if at.Status != csto.Member {
			return refuse(ruleMembership, "only a member can declare its participation frozen; %s is %s", p.State, describe(at))
		}
	case csto.CmdNotice:
		if !memberLike(at.Status) {
			return refuse(ruleWithdrawal, "notice of withdrawal from a non-member: %s is %s", p.State, describe(at))
		}
		if !p.Effective.IsZero() && before(p.Effective, d) {
			return csto.Errorf(csto.Invalid, "data.effective", "a withdrawal cannot take effect (%s) before its notice (%s)", p.Effective, d)
		}
	case csto.CmdWithdraw:
		if !memberLike(at.Status) && at.Status != csto.Signatory {
			return refuse(ruleWithdrawal, "withdrawal of a non-member: %s is %s", p.State, describe(at))
		}
	case csto.CmdObserver, csto.CmdPartner:
		if memberLike(at.Status) {
			return refuse(ruleMembership, "%s is %s of %s and cannot also be an observer or partner", p.State, describe(at), p.Org)
		}
	}
	return nil
}

// memberLike reports whether s is a membership, in good standing or not.
func memberLike(s csto.Status) bool {
	return s == csto.Member || s == csto.Suspended || s == csto.ParticipationFrozen
}

func (m *Model) hasPartyAction(state, instrument, typ string) bool {
	return slices.ContainsFunc(m.Acts, func(a Act) bool {
		return a.Type == typ && a.State == state && a.Instrument == instrument
	})
}

// describe renders a status for a refusal: "a member since 1994-04-20",
// "suspended since 2012-12-19", "not a member".
func describe(a At) string {
	switch a.Status {
	case "":
		return "not a member"
	case csto.Member:
		return "a member since " + a.Since.String()
	case csto.Signatory:
		return "a signatory since " + a.Since.String()
	case csto.Observer, csto.Partner:
		return "an " + string(a.Status) + " since " + a.Since.String()
	}
	return string(a.Status) + " since " + a.Since.String()
}

func refuse(rule, format string, args ...any) error { return csto.Refusef(rule, format, args...) }

// before reports whether a certainly ends before b begins.
func before(a, b edtf.Date) bool { return a.Latest() < b.Earliest() }

func endAfterStart(field string, start, end edtf.Date) error {
	if !end.IsZero() && before(end, start) {
		return csto.Errorf(csto.Invalid, field, "the end (%s) is before the start (%s)", end, start)
	}
	return nil
}

func (m *Model) needOrg(field, id string) error {
	if m.Orgs[id] == nil {
		return csto.Errorf(csto.NotFound, field, "unknown organization %q", id)
	}
	return nil
}

func (m *Model) needBody(org, body string) error {
	if err := m.needOrg("data.org", org); err != nil {
		return err
	}
	b := m.Bodies[body]
	if b == nil || b.Org != org {
		return csto.Errorf(csto.NotFound, "data.body", "unknown body %q of %s", body, org)
	}
	return nil
}

// needState checks that code is a registered state that existed on d.
func (m *Model) needState(field, code string, d edtf.Date) error {
	s := m.States[code]
	if s == nil {
		return csto.Errorf(csto.NotFound, field, "unknown state %q", code)
	}
	if !d.IsZero() && before(d, s.ExistsFrom) {
		return refuse(ruleStateExists, "%s did not exist on %s (it exists from %s)", code, d, s.ExistsFrom)
	}
	return nil
}

func (m *Model) needStates(field string, codes []string, d edtf.Date) error {
	for i, c := range codes {
		if err := m.needState(fmt.Sprintf("%s[%d]", field, i), c, d); err != nil {
			return err
		}
	}
	return nil
}

func isStateCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

var (
	sessionKinds = []string{"regular", "extraordinary", "informal", "online"}
	presences    = []string{"present", "absent", "boycott"}
	positions    = []string{"for", "objects", "abstains", "not-interested", "absent"}
	phases       = []string{"deployment-start", "deployment-complete", "withdrawal-start", "withdrawal-complete"}
	levels       = []string{"strategic", "operational", "tactical"}
)

func (op *Operation) phase(name string) (edtf.Date, bool) {
	for _, p := range op.Phases {
		if p.Phase == name {
			return p.Date, true
		}
	}
	return edtf.Date{}, false
}
