package registry

import (
	"context"
	"fmt"
	"math"
	"runtime/debug"

	"github.com/csto/csto"
	"github.com/csto/csto/translog"
)

// ReplayError reports a stored event that cannot be applied to the record
// the events before it built: its body does not decode, or it refers to
// something the log does not hold at that point (an unknown operation,
// session, state …). The log is untrusted input to replay: someone may
// have edited, reordered or deleted rows behind csto's back.
type ReplayError struct {
	Seq       int64
	CommandID string
	Type      string
	Reason    string // e.g. `data.operation: unknown operation "op-x"`
}

func (e *ReplayError) Error() string {
	if e.CommandID == "" {
		return fmt.Sprintf("event %d: %s", e.Seq, e.Reason)
	}
	return fmt.Sprintf("event %d (%s %q) does not apply: %s", e.Seq, e.Type, e.CommandID, e.Reason)
}

// applyEvent decodes and applies a stored event. It never panics: a body
// that does not decode, a dangling reference or any other failure to
// apply is a *ReplayError naming the event. On error m may be partly
// changed and must be discarded.
func (m *Model) applyEvent(e *csto.Event) (err error) {
	fail := func(reason string) error {
		return &ReplayError{Seq: e.Seq, CommandID: e.CommandID, Type: e.Type, Reason: reason}
	}
	defer func() {
		if p := recover(); p != nil {
			err = fail(fmt.Sprintf("apply panicked: %v\n%s", p, debug.Stack()))
		}
	}()
	c, err := e.Command()
	if err != nil {
		return fail("body: " + err.Error())
	}
	if c.ID != e.CommandID || c.Type != e.Type {
		return fail(fmt.Sprintf("body names command %q of type %q, the row %q of type %q", c.ID, c.Type, e.CommandID, e.Type))
	}
	p, err := c.Payload()
	if err != nil {
		return fail(err.Error())
	}
	if c.Type != csto.CmdCorrect {
		// The corrections before this event re-derive the model now, as
		// they did when they were recorded, and this event applies to the
		// corrected record, as it was accepted: one re-derivation per run
		// of consecutive corrections, over the events before them only.
		if err := m.settle(); err != nil {
			return err // the store's, not the event's: the replay fails
		}
	}
	m.replaying = true
	_, err = m.apply(e, &c, p)
	m.replaying = false
	if err != nil {
		if csto.ErrorKind(err) == csto.Unavailable {
			return err // the store's (a reference read back, CommandSeq), not the event's: the replay fails
		}
		return fail(err.Error())
	}
	m.tree = m.tree.Append(translog.LeafHash(e))
	return nil
}

// references checks that everything c refers to is in m: what apply
// dereferences and the queries later look up. It is the integrity replay
// needs, not the record's rules (check.go): an event accepted under
// yesterday's rules still replays.
func (m *Model) references(c *csto.Command, p any) error {
	var err error
	need := func(field, kind, id string, ok bool) {
		if err == nil && !ok {
			err = fmt.Errorf("%s: unknown %s %q", field, kind, id)
		}
	}
	org := func(f, id string) { need(f, "organization", id, m.Orgs[id] != nil) }
	body := func(org, id string) {
		b := m.Bodies[id]
		need("data.body", "body of "+org, id, b != nil && b.Org == org)
	}
	state := func(f, code string) { need(f, "state", code, m.States[code] != nil) }
	states := func(f string, codes []string) {
		for i, s := range codes {
			state(fmt.Sprintf("%s[%d]", f, i), s)
		}
	}
	instrument := func(id string) { need("data.instrument", "instrument", id, m.Instruments[id] != nil) }
	session := func(id string) { need("data.session", "session", id, m.Sessions[id] != nil) }
	decision := func(id string) { need("data.decision", "decision", id, m.Decisions[id] != nil) }
	operation := func(id string) { need("data.operation", "operation", id, m.Operations[id] != nil) }
	optional := func(id string, check func(string)) {
		if id != "" {
			check(id)
		}
	}
	// A correction replayed into its target may cite a source registered
	// after the target (correct.go judges those against every source).
	for i, s := range c.Sources {
		need(fmt.Sprintf("sources[%d]", i), "source", s, m.Sources[s] != nil || m.rederiving)
	}
	switch p := p.(type) {
	case *csto.InstrumentAdd:
		org("data.org", p.Org)
	case *csto.InstrumentInForce:
		instrument(p.Instrument)
	case *csto.InstrumentArticles:
		instrument(p.Instrument)
	case *csto.BodyAdd:
		org("data.org", p.Org)
	case *csto.ForceAdd:
		org("data.org", p.Org)
		states("data.members", p.Members)
	case *csto.OfficeTerm:
		org("data.org", p.Org)
		optional(p.State, func(s string) { state("data.state", s) })
	case *csto.ChairRecord:
		org("data.org", p.Org)
		body(p.Org, p.Body)
		state("data.state", p.State)
	case *csto.PartyAction:
		state("data.state", p.State)
		instrument(p.Instrument)
	case *csto.MembershipChange:
		state("data.state", p.State)
		org("data.org", p.Org)
		optional(p.Decision, decision)
	case *csto.SessionHold:
		org("data.org", p.Org)
		body(p.Org, p.Body)
		optional(p.Chair, func(s string) { state("data.chair", s) })
		for i, a := range p.Attendance {
			state(fmt.Sprintf("data.attendance[%d].state", i), a.State)
		}
	case *csto.SessionConvene:
		org("data.org", p.Org)
		body(p.Org, p.Body)
	case *csto.SessionAttend:
		session(p.Session)
		state("data.state", p.State)
	case *csto.SessionClose:
		session(p.Session)
	case *csto.DecisionRecord:
		org("data.org", p.Org)
		body(p.Org, p.Body)
		optional(p.Session, session)
		optional(p.Request, func(id string) { need("data.request", "request", id, m.Requests[id] != nil) })
		for i, pos := range p.Positions {
			state(fmt.Sprintf("data.positions[%d].state", i), pos.State)
		}
	case *csto.DecisionPropose:
		session(p.Session)
		optional(p.Request, func(id string) { need("data.request", "request", id, m.Requests[id] != nil) })
	case *csto.DecisionPosition:
		decision(p.Decision)
		state("data.state", p.State)
	case *csto.DecisionClose:
		decision(p.Decision)
	case *csto.RequestFile:
		org("data.org", p.Org)
		state("data.state", p.State)
	case *csto.OperationCreate:
		org("data.org", p.Org)
		state("data.host", p.Host)
		optional(p.Decision, decision)
		optional(p.Force, func(id string) { need("data.force", "force", id, m.Forces[id] != nil) })
	case *csto.OperationContingent:
		operation(p.Operation)
		state("data.state", p.State)
	case *csto.OperationPhase:
		operation(p.Operation)
	case *csto.OperationReport:
		operation(p.Operation)
	case *csto.ExerciseHold:
		org("data.org", p.Org)
		states("data.participants", p.Participants)
		// The model holds an exercise's counts in 32 bits (an Exercise).
		fits := func(f string, n int) {
			if err == nil && (n < math.MinInt32 || n > math.MaxInt32) {
				err = fmt.Errorf("%s: %d is out of the range the record holds (32 bits)", f, n)
			}
		}
		fits("data.troops", p.Troops)
		fits("data.aircraft", p.Aircraft)
	case *csto.IncidentRecord:
		states("data.parties", p.Parties)
	case *csto.EventRecord:
		states("data.states", p.States)
		for i, o := range p.Orgs {
			org(fmt.Sprintf("data.orgs[%d]", i), o)
		}
	case *csto.OrgContrary:
		org("data.org", p.Org)
		org("data.of", p.Of)
	case *csto.Correction:
		ok, herr := m.HasCommand(context.Background(), p.Target)
		if herr != nil {
			return herr
		}
		need("data.target", "command", p.Target, ok)
	case *csto.AllianceMember:
		a := m.Alliances[p.Alliance]
		need("data.alliance", "alliance", p.Alliance, a != nil)
		state("data.state", p.State)
	}
	return err
}
