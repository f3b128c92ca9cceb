package registry

import (
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// What a decision decides. A decision records its subject (csto.Subject:
// admit SRB, suspend UZB, establish operation in KAZ …), and an act that
// cites a decision as its authority is accepted only when that decision
// decided that act for that state or host, was taken by the body the
// Charter names for it — the Collective Security Council (Charter
// Art. 13: its highest body; admission, suspension and the Treaty's
// collective measures are its decisions) — was adopted, and was in force
// on the act's date. decisionFor is the one place that rule lives; every
// act citing a decision (membership changes, operations) calls it.

// councilBody is the body of the Charter that decides the acts of
// csto.SubjectActs: the Collective Security Council.
const councilBody = "csc"

// checkSubject checks the subject of a decision being recorded on d.
func (m *Model) checkSubject(s *csto.Subject, d edtf.Date) error {
	if s == nil {
		return nil
	}
	if !slices.Contains(csto.SubjectActs, s.Act) {
		return csto.Errorf(csto.Invalid, "data.subject.act", "unknown act %q (one of %v)", s.Act, csto.SubjectActs)
	}
	if s.Act == csto.SubjectOperation {
		if s.State != "" {
			return csto.Errorf(csto.Invalid, "data.subject.state", "an operation's subject names its host (data.subject.host), not a state")
		}
		return m.needState("data.subject.host", s.Host, d)
	}
	if s.Host != "" {
		return csto.Errorf(csto.Invalid, "data.subject.host", "only an operation has a host; %s names a state (data.subject.state)", s.Act)
	}
	return m.needState("data.subject.state", s.State, d)
}

// decisionFor returns decision id of org if it authorizes want on date d,
// or an error under rule naming what is wrong. An act recorded as
// history (m.history) may cite a decision recorded without a subject:
// the default history's decisions were recorded before decisions carried
// subjects, and their subjects follow as corrections
// (dataset/history/99-decision-subjects.json); an act never may.
func (m *Model) decisionFor(rule, id, org string, want csto.Subject, d edtf.Date) (*Decision, error) {
	dec := m.Decisions[id]
	if dec == nil {
		return nil, csto.Errorf(csto.NotFound, "data.decision", "unknown decision %q", id)
	}
	if dec.Org != org {
		return nil, csto.Errorf(csto.Invalid, "data.decision", "decision %s is of %s, not of %s", dec.ID, dec.Org, org)
	}
	// History records what happened, even against the Charter: an
	// operation a lesser body decided is recorded, and the compliance
	// report names it (CST Art. 6). An act today needs the Council.
	if dec.Body != councilBody && !m.history {
		return nil, refuse(rule, "decision %s was taken by %s; %s is decided by the Collective Security Council (%s)", dec.ID, dec.Body, &want, councilBody)
	}
	if dec.Outcome != Adopted {
		return nil, refuse(rule, "decision %s was not adopted (%s); it cannot authorize %s", dec.ID, dec.state(), &want)
	}
	if in := dec.Closed; !in.IsZero() && before(d, in) {
		return nil, refuse(rule, "decision %s was adopted on %s; it was not in force on %s", dec.ID, in, d)
	}
	if dec.Subject == nil {
		if m.history {
			return dec, nil
		}
		return nil, refuse(rule, "decision %s records no subject: it decided no act, not %s", dec.ID, &want)
	}
	if *dec.Subject != want {
		return nil, refuse(rule, "decision %s decided %s, not %s", dec.ID, dec.Subject, &want)
	}
	return dec, nil
}

// DecidedBy returns the subject that the decision an act cites must have
// decided: the act of type typ with payload p. ok is false for an act no
// decision decides (an application, a freeze, a notice, a withdrawal).
func DecidedBy(typ string, p any) (s csto.Subject, ok bool) {
	switch p := p.(type) {
	case *csto.MembershipChange:
		s, _, ok = subjectOf(typ, p.State)
	case *csto.OperationCreate:
		s, ok = csto.Subject{Act: csto.SubjectOperation, Host: p.Host}, true
	}
	return s, ok
}

// subjectOf is the subject a membership change of type typ needs from
// the decision it cites, and the rule it falls under.
func subjectOf(typ, state string) (s csto.Subject, rule string, ok bool) {
	switch typ {
	case csto.CmdJoin:
		return csto.Subject{Act: csto.SubjectAdmit, State: state}, ruleAdmission, true
	case csto.CmdSuspend:
		return csto.Subject{Act: csto.SubjectSuspend, State: state}, ruleSuspension, true
	case csto.CmdReinstate:
		return csto.Subject{Act: csto.SubjectReinstate, State: state}, ruleSuspension, true
	case csto.CmdObserver:
		return csto.Subject{Act: csto.SubjectObserver, State: state}, ruleAdmission, true
	case csto.CmdPartner:
		return csto.Subject{Act: csto.SubjectPartner, State: state}, ruleAdmission, true
	}
	return csto.Subject{}, "", false
}
