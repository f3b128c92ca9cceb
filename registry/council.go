package registry

import (
	"fmt"
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// The Council's procedure (CST Art. 3 and 6; the Charter's rules on the
// Collective Security Council): the chair convenes a session (or the
// Secretariat on the chair's behalf); members attend; a draft decision is
// put to the session; each member states a position; the outcome follows
// from the body's decision rule when the vote closes; the session closes.
// A past session and its decisions can be recorded in one command each
// (session.hold, decision.record), checked by the same rules.

const (
	ruleCouncil   = "Charter: Council procedure"
	ruleConsensus = "Charter: consensus"
)

// Outcome is the computed result of a decision.
type Outcome string

// The outcomes.
const (
	Adopted  Outcome = "adopted"
	Rejected Outcome = "rejected"
)

func (d *Decision) state() string {
	if d.Outcome == "" {
		return "still open"
	}
	return string(d.Outcome) + " on " + d.Closed.String()
}

func (m *Model) checkCouncil(c *csto.Command, p any) error {
	d := c.Date
	switch p := p.(type) {
	case *csto.SessionHold:
		if err := m.checkNewSession(p.ID, p.Org, p.Body, p.Kind, d); err != nil {
			return err
		}
		if p.Chair != "" {
			if err := m.needState("data.chair", p.Chair, d); err != nil {
				return err
			}
		}
		for i, a := range p.Attendance {
			if err := m.checkAttendance(fmt.Sprintf("data.attendance[%d]", i), p.Org, a, d); err != nil {
				return err
			}
		}
	case *csto.SessionConvene:
		if err := m.checkNewSession(p.ID, p.Org, p.Body, p.Kind, d); err != nil {
			return err
		}
		if _, ok := m.ChairAt(p.Org, d); !ok {
			return refuse(ruleChair, "no chair of %s is on record for %s, so no one can convene its session", p.Body, d)
		}
	case *csto.SessionAttend:
		s, err := m.openSession("data.session", p.Session, d)
		if err != nil {
			return err
		}
		return m.checkAttendance("data", s.Org, csto.Attendance{State: p.State, Presence: p.Presence, Reason: p.Reason}, d)
	case *csto.SessionClose:
		_, err := m.openSession("data.session", p.Session, d)
		return err
	case *csto.DecisionRecord:
		if err := m.checkNewDecision(p.ID, p.Title, p.Basis, p.Request, p.Subject, d); err != nil {
			return err
		}
		if err := m.needBody(p.Org, p.Body); err != nil {
			return err
		}
		var s *Session
		if p.Session != "" {
			if s = m.Sessions[p.Session]; s == nil {
				return csto.Errorf(csto.NotFound, "data.session", "unknown session %q", p.Session)
			}
			if s.Org != p.Org || s.Body != p.Body {
				return csto.Errorf(csto.Invalid, "data.session", "session %s is of %s/%s, not %s/%s", s.ID, s.Org, s.Body, p.Org, p.Body)
			}
		}
		seen := map[string]bool{}
		for i, pos := range p.Positions {
			f := fmt.Sprintf("data.positions[%d]", i)
			if seen[pos.State] {
				return csto.Errorf(csto.Invalid, f+".state", "%s has two positions", pos.State)
			}
			seen[pos.State] = true
			if err := m.checkPosition(f, p.Org, p.Body, s, pos, d); err != nil {
				return err
			}
		}
	case *csto.DecisionPropose:
		if _, err := m.openSession("data.session", p.Session, d); err != nil {
			return err
		}
		if err := m.checkNewDecision(p.ID, p.Title, p.Basis, p.Request, p.Subject, d); err != nil {
			return err
		}
	case *csto.DecisionPosition:
		dec, err := m.openDecision(p.Decision, d)
		if err != nil {
			return err
		}
		s := m.Sessions[dec.Session]
		if err := m.checkPosition("data", dec.Org, dec.Body, s, csto.Position{State: p.State, Position: p.Position}, d); err != nil {
			return err
		}
		if p.Position == "absent" {
			return csto.Errorf(csto.Invalid, "data.position", "a member present to state a position is not absent; record absence with session attend")
		}
	case *csto.DecisionClose:
		_, err := m.openDecision(p.Decision, d)
		return err
	}
	return nil
}

func (m *Model) checkNewSession(id, org, body, kind string, d edtf.Date) error {
	if !csto.ValidID(id) {
		return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid session id", id)
	}
	if m.Sessions[id] != nil {
		return refuse(ruleUnique, "session %s is already recorded", id)
	}
	if err := m.needBody(org, body); err != nil {
		return err
	}
	if !slices.Contains(sessionKinds, kind) {
		return csto.Errorf(csto.Invalid, "data.kind", "unknown session kind %q (one of %v)", kind, sessionKinds)
	}
	if b := m.Bodies[body]; before(d, b.Established) {
		return refuse(ruleChronology, "%s did not exist on %s (established %s)", body, d, b.Established)
	}
	return nil
}

func (m *Model) checkAttendance(f, org string, a csto.Attendance, d edtf.Date) error {
	if err := m.needState(f+".state", a.State, d); err != nil {
		return err
	}
	if !slices.Contains(presences, a.Presence) {
		return csto.Errorf(csto.Invalid, f+".presence", "unknown presence %q (one of %v)", a.Presence, presences)
	}
	if !m.StatusAt(a.State, org, d).Status.Listed() {
		return refuse(ruleMembership, "%s is not a member of %s on %s and has no seat at the session", a.State, org, d)
	}
	return nil
}

func (m *Model) openSession(field, id string, d edtf.Date) (*Session, error) {
	s := m.Sessions[id]
	if s == nil {
		return nil, csto.Errorf(csto.NotFound, field, "unknown session %q", id)
	}
	if !s.Closed.IsZero() {
		return nil, refuse(ruleCouncil, "session %s closed on %s", id, s.Closed)
	}
	if before(d, s.Date) {
		return nil, refuse(ruleChronology, "%s is before session %s was convened (%s)", d, id, s.Date)
	}
	return s, nil
}

func (m *Model) openDecision(id string, d edtf.Date) (*Decision, error) {
	dec := m.Decisions[id]
	if dec == nil {
		return nil, csto.Errorf(csto.NotFound, "data.decision", "unknown decision %q", id)
	}
	if dec.Outcome != "" {
		return nil, refuse(ruleCouncil, "decision %s is closed: %s", id, dec.state())
	}
	if before(d, dec.Date) {
		return nil, refuse(ruleChronology, "%s is before decision %s was proposed (%s)", d, id, dec.Date)
	}
	return dec, nil
}

func (m *Model) checkNewDecision(id string, title csto.Text, basis, request string, subject *csto.Subject, d edtf.Date) error {
	if !csto.ValidID(id) {
		return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid decision id", id)
	}
	if basis != "" && !slices.Contains(bases, basis) {
		return csto.Errorf(csto.Invalid, "data.basis", "unknown legal basis %q (one of %v, or none)", basis, bases)
	}
	if m.Decisions[id] != nil {
		return refuse(ruleUnique, "decision %s is already recorded", id)
	}
	if err := title.Check("data.title"); err != nil {
		return err
	}
	if request != "" {
		r := m.Requests[request]
		if r == nil {
			return csto.Errorf(csto.NotFound, "data.request", "unknown request %q", request)
		}
		if before(d, r.Date) {
			return refuse(ruleChronology, "a decision (%s) cannot answer a request filed later (%s)", d, r.Date)
		}
	}
	return m.checkSubject(subject, d)
}

// checkPosition checks that a member may take a position on a decision of
// body at date d: it is a member in good standing, present at the session
// (when attendance is on record), and "not interested" is only possible
// once the body's rule allows it.
func (m *Model) checkPosition(f, org, body string, s *Session, pos csto.Position, d edtf.Date) error {
	if err := m.needState(f+".state", pos.State, d); err != nil {
		return err
	}
	if !slices.Contains(positions, pos.Position) {
		return csto.Errorf(csto.Invalid, f+".position", "unknown position %q (one of %v)", pos.Position, positions)
	}
	if pos.Position == "absent" {
		return nil
	}
	if err := goodStanding(csto.CmdDecisionPosition, "", pos.State, m.StatusAt(pos.State, org, d)); err != nil {
		return err
	}
	if s != nil {
		if a, ok := attendance(s, pos.State); ok && a.Presence != "present" {
			return refuse(ruleConsensus, "%s was %s at session %s and took no part in its decisions", pos.State, a.Presence, s.ID)
		}
	}
	if pos.Position == "not-interested" {
		b := m.Bodies[body]
		if b.NotInterestedSince.IsZero() || before(d, b.NotInterestedSince) {
			since := "never"
			if !b.NotInterestedSince.IsZero() {
				since = "only since " + b.NotInterestedSince.String()
			}
			return refuse(ruleConsensus, "a member of %s may declare itself not interested %s", body, since)
		}
	}
	return nil
}

func attendance(s *Session, state string) (csto.Attendance, bool) {
	for _, a := range s.Attendance {
		if a.State == state {
			return a, true
		}
	}
	return csto.Attendance{}, false
}

// consensus computes a decision's outcome under the consensus rule: the
// participants are the body's members in good standing on the date who
// were not absent (by the session's attendance or their own position);
// it is adopted when no participant objects, and binds the participants
// except those that declared themselves not interested. A recorded
// decision (recorded=true) counts members with no stated position as
// joining the consensus, as the sources that report an adoption imply; a
// live vote closes with whatever positions were stated, and silence is
// no objection either.
func (m *Model) consensus(dec *Decision, s *Session) (Outcome, []string) {
	pos := map[string]string{}
	for _, p := range dec.Positions {
		pos[p.State] = p.Position
	}
	var bound []string
	objected := false
	for _, state := range m.membersInGoodStanding(dec.Org, dec.Date) {
		if s != nil {
			if a, ok := attendance(s, state); ok && a.Presence != "present" {
				continue
			}
		}
		switch pos[state] {
		case "absent", "not-interested":
		case "objects":
			objected = true
		default:
			bound = append(bound, state)
		}
	}
	if objected || len(bound) == 0 {
		return Rejected, nil
	}
	return Adopted, bound
}

// membersInGoodStanding lists the states with member status in org on d.
func (m *Model) membersInGoodStanding(org string, d edtf.Date) []string {
	var out []string
	for pair, spells := range m.spells {
		if pair.Org == org && statusAt(spells, d).Status == csto.Member {
			out = append(out, pair.State)
		}
	}
	slices.Sort(out)
	return out
}

// applyCouncil applies a council event to m and returns its timeline
// states and orgs.
func (m *Model) applyCouncil(c *csto.Command, p any, seq int64) (states, orgs []string) {
	d := c.Date
	switch p := p.(type) {
	case *csto.SessionHold:
		chair := p.Chair
		if chair == "" {
			if ch, ok := m.ChairAt(p.Org, d); ok {
				chair = ch.State
			}
		}
		w(m, ownSessions, &m.Sessions)[p.ID] = &Session{ID: p.ID, Org: p.Org, Body: p.Body, Kind: p.Kind, Place: p.Place, Chair: chair,
			Attendance: p.Attendance, Documents: p.Documents, Date: d, Closed: d, Seq: seq}
		for _, a := range p.Attendance {
			states = append(states, a.State)
		}
		return addState(states, chair), []string{p.Org}
	case *csto.SessionConvene:
		s := &Session{ID: p.ID, Org: p.Org, Body: p.Body, Kind: p.Kind, Place: p.Place, Agenda: p.Agenda, Date: d, Seq: seq}
		if ch, ok := m.ChairAt(p.Org, d); ok {
			s.Chair = ch.State
		}
		w(m, ownSessions, &m.Sessions)[p.ID] = s
		return addState(nil, s.Chair), []string{p.Org}
	case *csto.SessionAttend:
		s := m.sessionCopy(p.Session)
		s.Attendance = slices.DeleteFunc(s.Attendance, func(a csto.Attendance) bool { return a.State == p.State })
		s.Attendance = append(s.Attendance, csto.Attendance{State: p.State, Presence: p.Presence, Reason: p.Reason})
		return []string{p.State}, []string{s.Org}
	case *csto.SessionClose:
		s := m.sessionCopy(p.Session)
		s.Closed, s.Documents = d, append(s.Documents, p.Documents...)
		for _, dec := range m.Decisions {
			if dec.Session == s.ID && dec.Outcome == "" {
				m.closeDecision(dec.ID, d)
			}
		}
		return nil, []string{s.Org}
	case *csto.DecisionRecord:
		dec := &Decision{ID: p.ID, Org: p.Org, Body: p.Body, Session: p.Session, Title: p.Title, Basis: p.Basis,
			Request: p.Request, Subject: p.Subject, Positions: p.Positions, Date: d, Seq: seq}
		w(m, ownDecisions, &m.Decisions)[p.ID] = dec
		m.closeDecision(p.ID, d)
		for _, pos := range p.Positions {
			states = append(states, pos.State)
		}
		return m.requestStates(states, p.Request), []string{p.Org}
	case *csto.DecisionPropose:
		s := m.Sessions[p.Session]
		w(m, ownDecisions, &m.Decisions)[p.ID] = &Decision{ID: p.ID, Org: s.Org, Body: s.Body, Session: s.ID, Title: p.Title, Basis: p.Basis,
			Request: p.Request, Subject: p.Subject, Date: d, Seq: seq}
		return m.requestStates(nil, p.Request), []string{s.Org}
	case *csto.DecisionPosition:
		dec := m.decisionCopy(p.Decision)
		dec.Positions = slices.DeleteFunc(dec.Positions, func(x csto.Position) bool { return x.State == p.State })
		dec.Positions = append(dec.Positions, csto.Position{State: p.State, Position: p.Position})
		return []string{p.State}, []string{dec.Org}
	case *csto.DecisionClose:
		dec := m.closeDecision(p.Decision, d)
		return m.requestStates(nil, dec.Request), []string{dec.Org}
	}
	return nil, nil
}

func addState(states []string, s string) []string {
	if s != "" && !slices.Contains(states, s) {
		states = append(states, s)
	}
	return states
}

func (m *Model) requestStates(states []string, request string) []string {
	if r := m.Requests[request]; r != nil {
		states = addState(states, r.State)
	}
	return states
}

// closeDecision computes the outcome of decision id on d and, when it
// answers a request, records the answer on the request.
func (m *Model) closeDecision(id string, d edtf.Date) *Decision {
	dec := m.decisionCopy(id)
	dec.Closed = d
	dec.Outcome, dec.Bound = m.consensus(dec, m.Sessions[dec.Session])
	if r := m.Requests[dec.Request]; r != nil {
		rc := *r
		rc.Answered = append(slices.Clip(rc.Answered), dec.ID)
		w(m, ownRequests, &m.Requests)[dec.Request] = &rc
	}
	return dec
}

func (m *Model) sessionCopy(id string) *Session {
	s := *m.Sessions[id]
	s.Attendance, s.Documents = slices.Clone(s.Attendance), slices.Clone(s.Documents)
	w(m, ownSessions, &m.Sessions)[id] = &s
	return &s
}

func (m *Model) decisionCopy(id string) *Decision {
	d := *m.Decisions[id]
	d.Positions = slices.Clone(d.Positions)
	w(m, ownDecisions, &m.Decisions)[id] = &d
	return &d
}
