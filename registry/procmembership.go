package registry

import (
	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// Membership procedures: signature, ratification and non-renewal of the
// membership instrument (CST Arts. 11 and the 1999 extension protocol),
// application and admission by decision, suspension and reinstatement by
// decision of the Council, a declared freeze (no legal act), notice of
// withdrawal and withdrawal, observer and partner status (the Charter as
// amended in 2018). The statuses these lead to are derived in
// membership.go.

const (
	ruleAdmission  = "Charter: admission"
	ruleNonRenewal = "CST Art. 11"
)

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
				return refuse(ruleDupSignature, "%s already signed %s: it is %s", p.State, in.ID, at.Standing())
			}
			return nil
		}
		if m.hasPartyAction(p.State, in.ID, csto.CmdPartySign) {
			return refuse(ruleDupSignature, "%s already signed %s", p.State, in.ID)
		}
		if org != nil && org.MembershipInstrument != "" && !memberLike(at.Status) {
			return refuse(ruleProtocolParty, "only parties sign instruments of %s; %s is %s", in.Org, p.State, at.Standing())
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
		if in.TermYears > 0 {
			if !m.termEndsBefore(in, d) {
				return refuse(ruleNonRenewal, "a party ceases by non-renewal only when a %d-year term of %s ends (the day after: %s)",
					in.TermYears, in.ID, m.termStarts(in, 3))
			}
		}
	}
	return nil
}

// termStarts returns the first n days on which a new term of in begins:
// its entry into force plus each multiple of its term. The 1999 protocol
// renews the CST automatically for five years at a time, so every term
// after the first has the same length.
func (m *Model) termStarts(in *Instrument, n int) []string {
	var out []string
	if in.InForce.IsZero() {
		return out
	}
	y, mo, dd := in.InForce.Earliest().Date()
	for k := 1; k <= n; k++ {
		out = append(out, edtf.DayOf(y+k*in.TermYears, mo, dd+1).String())
	}
	return out
}

// termEndsBefore reports whether d is the first day after one of in's
// terms ended (for a precise d).
func (m *Model) termEndsBefore(in *Instrument, d edtf.Date) bool {
	if in.InForce.IsZero() || d.Earliest() != d.Latest() {
		return false
	}
	y, mo, dd := in.InForce.Earliest().Date()
	for k := 1; ; k++ {
		start := edtf.DayOf(y+k*in.TermYears, mo, dd+1)
		if start == d.Earliest() {
			return true
		}
		if start > d.Earliest() {
			return false
		}
	}
}

func (m *Model) checkMembershipChange(c *csto.Command, p *csto.MembershipChange) error {
	d := c.Date
	if err := m.needOrg("data.org", p.Org); err != nil {
		return err
	}
	if err := m.needState("data.state", p.State, d); err != nil {
		return err
	}
	var dec *Decision
	if p.Decision != "" {
		want, rule, ok := subjectOf(c.Type, p.State)
		if !ok {
			return csto.Errorf(csto.Invalid, "data.decision", "%s is not an act a decision decides; it cites no decision", c.Type)
		}
		var err error
		if dec, err = m.decisionFor(rule, p.Decision, p.Org, want, d); err != nil {
			return err
		}
	}
	if !p.Effective.IsZero() && c.Type != csto.CmdNotice {
		return csto.Errorf(csto.Invalid, "data.effective", "only a notice of withdrawal has an effective date")
	}
	// Organizations whose membership rests on a treaty (the CSTO) change
	// status only by their Council's decisions; the others (GUAM, SCO, as
	// context) are recorded as the sources report them.
	byDecision := m.Orgs[p.Org].MembershipInstrument != ""
	needDecision := func(rule, what string) error {
		if byDecision && dec == nil {
			return refuse(rule, "%s needs a decision of the Council (data.decision)", what)
		}
		return nil
	}
	if err := membershipStanding(c.Type, p.State, p.Org, m.StatusAt(p.State, p.Org, d)); err != nil {
		return err
	}
	switch c.Type {
	case csto.CmdJoin:
		return needDecision(ruleAdmission, "admission")
	case csto.CmdSuspend:
		return needDecision(ruleSuspension, "suspension")
	case csto.CmdReinstate:
		return needDecision(ruleSuspension, "reinstatement")
	case csto.CmdNotice:
		if p.Effective.IsZero() {
			return csto.Errorf(csto.Invalid, "data.effective", "a notice of withdrawal says when the withdrawal takes effect")
		}
		if before(p.Effective, d) {
			return csto.Errorf(csto.Invalid, "data.effective", "a withdrawal cannot take effect (%s) before its notice (%s)", p.Effective, d)
		}
	case csto.CmdObserver, csto.CmdPartner:
		return needDecision(ruleAdmission, "observer or partner status")
	}
	return nil
}

// membershipStanding is the status a membership step requires of the
// state (at, its status on the step's date): one cannot apply or be
// admitted twice, suspend a non-member, reinstate a member that is not
// suspended, and so on. The check of the step and Model.Offer, which
// decides whether a page offers the step, both ask it.
func membershipStanding(typ, state, org string, at At) error {
	switch typ {
	case csto.CmdApply:
		if memberLike(at.Status) || at.Status == csto.Signatory {
			return refuse(ruleAdmission, "%s is already %s of %s", state, at.Standing(), org)
		}
	case csto.CmdJoin:
		if memberLike(at.Status) || at.Status == csto.Signatory {
			return refuse(ruleMembership, "%s is already %s of %s", state, at.Standing(), org)
		}
	case csto.CmdSuspend:
		if at.Status != csto.Member && at.Status != csto.ParticipationFrozen {
			return refuse(ruleSuspension, "only a member can be suspended; %s is %s", state, at.Standing())
		}
	case csto.CmdReinstate:
		if at.Status != csto.Suspended {
			return refuse(ruleSuspension, "only a suspended member can be reinstated; %s is %s", state, at.Standing())
		}
	case csto.CmdFreeze:
		if at.Status != csto.Member {
			return refuse(ruleMembership, "only a member can declare its participation frozen; %s is %s", state, at.Standing())
		}
	case csto.CmdNotice:
		if !memberLike(at.Status) {
			return refuse(ruleWithdrawal, "notice of withdrawal from a non-member: %s is %s", state, at.Standing())
		}
	case csto.CmdWithdraw:
		if !memberLike(at.Status) && at.Status != csto.Signatory {
			return refuse(ruleWithdrawal, "withdrawal of a non-member: %s is %s", state, at.Standing())
		}
	case csto.CmdObserver, csto.CmdPartner:
		if memberLike(at.Status) {
			return refuse(ruleMembership, "%s is %s of %s and cannot also be an observer or partner", state, at.Standing(), org)
		}
	}
	return nil
}
