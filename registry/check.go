package registry

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// Rule names used in refusals. Rules of the Treaty and the Charter are
// cited by article; the registry's own integrity rules by a short name.
const (
	ruleUnique        = "unique-id"
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
	if err := csto.CheckInput(c); err != nil { // no invisible controls in any text (input.go)
		return err
	}
	if seq, ok, err := m.CommandSeq(context.Background(), c.ID); err != nil {
		return err
	} else if ok {
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
		if err := checkSourceRevision(m.Sources[p.ID], p); err != nil {
			return err
		}
	case *csto.StateAdd:
		if !isStateCode(p.Code) {
			return csto.Errorf(csto.Invalid, "data.code", "%q is not an ISO 3166-1 alpha-3 code (or COW-XXX, ATOP-NNNN for states ISO never coded)", p.Code)
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
			return refuse(ruleChair, "only a member state in good standing chairs; %s is %s on %s", p.State, at.Standing(), d)
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
	case *csto.SessionHold, *csto.SessionConvene, *csto.SessionAttend, *csto.SessionClose,
		*csto.DecisionRecord, *csto.DecisionPropose, *csto.DecisionPosition, *csto.DecisionClose:
		return m.checkCouncil(c, p)
	case *csto.RequestFile:
		return m.checkRequest(c, p)
	case *csto.OperationCreate, *csto.OperationContingent, *csto.OperationPhase, *csto.OperationReport:
		return m.checkOperation(c, p)
	case *csto.ExerciseHold:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid exercise id", p.ID)
		}
		if _, held, err := m.Exercise(context.Background(), p.ID); err != nil {
			return err
		} else if held {
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
		if m.Incidents.Has(p.ID) {
			return refuse(ruleUnique, "incident %s is already recorded", p.ID)
		}
		if len(p.Parties) == 0 {
			return csto.Errorf(csto.Invalid, "data.parties", "an incident needs its parties")
		}
		return m.needStates("data.parties", p.Parties, d)
	case *csto.InstrumentArticles:
		return m.checkArticles(c, p)
	case *csto.OrgContrary:
		return m.checkContrary(c, p)
	case *csto.AllianceAdd:
		return m.checkAlliance(c, p)
	case *csto.AllianceMember:
		return m.checkAllianceMember(c, p)
	case *csto.Correction:
		return m.checkCorrection(c, p)
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

// memberLike reports whether s is a membership, in good standing or not.
func memberLike(s csto.Status) bool {
	return s == csto.Member || s == csto.Suspended || s == csto.ParticipationFrozen
}

func (m *Model) hasPartyAction(state, instrument, typ string) bool {
	return slices.ContainsFunc(m.Acts, func(a Act) bool {
		return a.Type == typ && a.State == state && a.Instrument == instrument
	})
}

// Standing is the status as a refusal states it, in the reader's
// language: "a member since 1994-04-20", "suspended since 2012-12-19",
// "not a member".
func (a At) Standing() csto.Standing { return csto.Standing{Status: a.Status, Since: a.Since} }

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

// isStateCode reports whether s is a code csto keys states by: an ISO
// 3166-1 (or 3166-3) alpha-3 code; for the states of the world's alliances
// that ISO never coded, "COW-" and the Correlates of War abbreviation
// (COW-BAV, Bavaria), or "ATOP-" and ATOP's number for a member COW does
// not list (ATOP-8152, Annam), as the atop package gives them.
func isStateCode(s string) bool {
	switch {
	case strings.HasPrefix(s, "COW-"):
		return isAlpha3(s[len("COW-"):])
	case strings.HasPrefix(s, "ATOP-"):
		n := s[len("ATOP-"):]
		return len(n) >= 1 && len(n) <= 6 && strings.Trim(n, "0123456789") == ""
	}
	return isAlpha3(s)
}

func isAlpha3(s string) bool {
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

var levels = []string{"strategic", "operational", "tactical"}
