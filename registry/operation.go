package registry

import (
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// Operations (CST Art. 4 and 6; the 2007 peacekeeping agreement): an
// operation exists only by an adopted decision of the Council; its host
// is a member state (the requesting state, when the decision answers a
// request); member states contribute contingents; it passes through its
// phases in order — deployment start, deployment complete, withdrawal
// start, withdrawal complete — and takes no contingent once withdrawn.

func (op *Operation) phase(name string) (edtf.Date, bool) {
	for _, p := range op.Phases {
		if p.Phase == name {
			return p.Date, true
		}
	}
	return edtf.Date{}, false
}

// Stage returns the last phase the operation reached, or "decided".
func (op *Operation) Stage() string {
	if n := len(op.Phases); n > 0 {
		return op.Phases[n-1].Phase
	}
	return "decided"
}

func (m *Model) checkOperation(c *csto.Command, p any) error {
	d := c.Date
	switch p := p.(type) {
	case *csto.OperationCreate:
		if !csto.ValidID(p.ID) {
			return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid operation id", p.ID)
		}
		if m.Operations[p.ID] != nil {
			return refuse(ruleUnique, "operation %s is already recorded", p.ID)
		}
		if err := m.needOrg("data.org", p.Org); err != nil {
			return err
		}
		if p.Decision == "" {
			return refuse(ruleOperation, "an operation is created only by a decision of the Council (data.decision)")
		}
		if err := m.needState("data.host", p.Host, d); err != nil {
			return err
		}
		// The Treaty's own rule first: assistance goes to the state that
		// asked for it.
		if dec := m.Decisions[p.Decision]; dec != nil {
			if r := m.Requests[dec.Request]; r != nil && r.State != p.Host {
				return refuse(ruleArt4, "decision %s answers %s's request; the operation's host must be %s, not %s", dec.ID, r.State, r.State, p.Host)
			}
		}
		want, _ := DecidedBy(c.Type, p)
		if _, err := m.decisionFor(ruleOperation, p.Decision, p.Org, want, d); err != nil {
			return err
		}
		if at := m.StatusAt(p.Host, p.Org, d); at.Status != csto.Member {
			return refuse(ruleArt4, "the host of an operation under the Treaty is a member state; %s is %s", p.Host, at.Standing())
		}
		if p.Force != "" && m.Forces[p.Force] == nil {
			return csto.Errorf(csto.NotFound, "data.force", "unknown force %q", p.Force)
		}
		if err := p.Name.Check("data.name"); err != nil {
			return err
		}
		if !p.Until.IsZero() && before(p.Until, d) {
			return csto.Errorf(csto.Invalid, "data.until", "the mandate cannot end (%s) before it begins (%s)", p.Until, d)
		}
	case *csto.OperationContingent:
		op := m.Operations[p.Operation]
		if op == nil {
			return csto.Errorf(csto.NotFound, "data.operation", "unknown operation %q", p.Operation)
		}
		if err := m.needState("data.state", p.State, d); err != nil {
			return err
		}
		if err := goodStanding(c.Type, "", p.State, m.StatusAt(p.State, op.Org, d)); err != nil {
			return err
		}
		if ph, ok := op.phase("withdrawal-complete"); ok && !before(d, ph) {
			return refuse(ruleOperation, "%s completed its withdrawal on %s", op.ID, ph)
		}
		if before(d, op.Decided) {
			return refuse(ruleChronology, "a contingent (%s) cannot precede the decision (%s)", d, op.Decided)
		}
		if slices.ContainsFunc(op.Contingents, func(x csto.OperationContingent) bool { return x.State == p.State }) {
			return refuse(ruleUnique, "%s already has a contingent in %s", p.State, op.ID)
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
		if n := len(op.Phases); n > 0 && before(d, op.Phases[n-1].Date) {
			return refuse(ruleChronology, "%s (%s) cannot precede %s (%s)", p.Phase, d, op.Phases[n-1].Phase, op.Phases[n-1].Date)
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
	}
	return nil
}
