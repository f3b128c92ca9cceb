package registry

import (
	"github.com/csto/csto"
)

// Who may do what. No one acts in a state's name but that state's
// delegates: not the Secretariat, not an administrator. The chair's
// powers (convening the Council, putting and closing a vote) belong to
// the delegates of the state that chairs on the command's date, derived
// from the chairmanship record, or to the Secretariat acting on the
// chair's behalf. The Secretariat keeps the record: institutions,
// sessions, decisions, operations, exercises, sources. Administrators
// keep the reference data. csto itself (the default history, importers)
// records what the sources say.

const ruleAuthority = "authority"

// forbid refuses an actor: a Forbidden error naming the authority rule.
func forbid(format string, args ...any) error {
	e := csto.Refusef(ruleAuthority, format, args...)
	e.Kind = csto.Forbidden
	return e
}

// actsFor returns the state in whose name c acts, if any.
func actsFor(c *csto.Command, p any) string {
	switch p := p.(type) {
	case *csto.RequestFile:
		return p.State
	case *csto.DecisionPosition:
		return p.State
	case *csto.OperationContingent:
		return p.State
	case *csto.PartyAction:
		if c.Type != csto.CmdPartyNonRenewal {
			return p.State
		}
	case *csto.MembershipChange:
		switch c.Type {
		case csto.CmdApply, csto.CmdNotice, csto.CmdWithdraw, csto.CmdFreeze:
			return p.State
		}
	}
	return ""
}

// chairPower reports whether c exercises the chair's powers, and over
// which organization's body.
func (m *Model) chairPower(p any) (org string, ok bool) {
	switch p := p.(type) {
	case *csto.SessionConvene:
		return p.Org, true
	case *csto.SessionClose:
		if s := m.Sessions[p.Session]; s != nil {
			return s.Org, true
		}
	case *csto.DecisionPropose:
		if s := m.Sessions[p.Session]; s != nil {
			return s.Org, true
		}
	case *csto.DecisionClose:
		if d := m.Decisions[p.Decision]; d != nil {
			return d.Org, true
		}
	}
	return "", false
}

// referenceData are the commands that register what the record refers to.
var referenceData = map[string]bool{
	csto.CmdSourceAdd: true, csto.CmdStateAdd: true, csto.CmdOrgAdd: true, csto.CmdInstrumentAdd: true,
	csto.CmdInForce: true, csto.CmdBodyAdd: true, csto.CmdForceAdd: true,
	csto.CmdInstrumentArticles: true, csto.CmdOrgContrary: true, csto.CmdAllianceAdd: true, csto.CmdAllianceMember: true,
}

// authorize decides whether actor a may submit c. It runs after c's form
// was checked and before the record rules, so a refusal names authority
// first.
func (m *Model) authorize(a csto.Actor, c *csto.Command, p any) error {
	if a.Role == csto.RoleSystem {
		return nil
	}
	if state := actsFor(c, p); state != "" {
		if a.Role == csto.RoleDelegate && a.State == state {
			return nil
		}
		return forbid("only %s's delegates act in its name; %s may not", state, a)
	}
	if at, ok := p.(*csto.SessionAttend); ok {
		// Presence is recorded by the Secretariat, or announced by the
		// delegation itself.
		if a.Role == csto.RoleSecretariat || a.Role == csto.RoleDelegate && a.State == at.State {
			return nil
		}
		return forbid("%s's presence is recorded by the Secretariat or announced by its own delegates; %s may not", at.State, a)
	}
	if org, ok := m.chairPower(p); ok {
		if a.Role == csto.RoleSecretariat {
			return nil
		}
		if a.Role == csto.RoleDelegate {
			if ch, held := m.ChairAt(org, c.Date); held && ch.State == a.State {
				return nil
			}
			chair := "no state"
			if ch, held := m.ChairAt(org, c.Date); held {
				chair = ch.State
			}
			return forbid("the chair's powers belong to the chairing state's delegates (%s on %s) or the Secretariat; %s may not", chair, c.Date, a)
		}
		return forbid("%s may not exercise the chair's powers", a)
	}
	switch a.Role {
	case csto.RoleSecretariat:
		return nil
	case csto.RoleAdmin:
		if referenceData[c.Type] {
			return nil
		}
		return forbid("an administrator keeps reference data; %s is the Secretariat's or a delegation's", c.Type)
	case csto.RoleDelegate:
		return forbid("%s is recorded by the Secretariat, not by a delegation", c.Type)
	}
	return forbid("%s may not change the record", a)
}
