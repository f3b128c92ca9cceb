package registry

import (
	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// Who may do what. No one acts in a state's name but that state's
// delegates: not the Secretariat, not an administrator. The chair's
// powers (convening the Council, putting and closing a vote) belong to
// the delegates of the state that chairs on the day of the act, derived
// from the chairmanship record, or to the Secretariat acting on the
// chair's behalf. The Secretariat keeps the record: institutions,
// sessions, decisions, operations, exercises, sources. Administrators
// keep the reference data. csto itself (the default history, importers)
// records what the sources say.

const ruleAuthority = "authority"

// ActReviewDrafts is the act of importing articles and reviewing the
// drafts they give (drafts/): no command, the Secretariat's working
// material, asked of Permit like every act.
const ActReviewDrafts = "drafts.review"

// forbid refuses an actor: a Forbidden error naming the authority rule.
func forbid(format string, args ...any) error {
	e := csto.Refusef(ruleAuthority, format, args...)
	e.Kind = csto.Forbidden
	return e
}

// stateActs are the acts a state takes in its own name: only its
// delegates take them.
var stateActs = map[string]bool{
	csto.CmdRequestFile: true, csto.CmdDecisionPosition: true, csto.CmdOperationContingent: true,
	csto.CmdPartySign: true, csto.CmdPartyRatify: true,
	csto.CmdApply: true, csto.CmdNotice: true, csto.CmdWithdraw: true, csto.CmdFreeze: true,
}

// chairActs exercise the chair's powers over an organization's body.
var chairActs = map[string]bool{
	csto.CmdSessionConvene: true, csto.CmdSessionClose: true, csto.CmdDecisionPropose: true, csto.CmdDecisionClose: true,
}

// target returns what c acts on, as Permit takes it: the state in whose
// name it acts (or whose presence it records), or the organization whose
// chair's powers it exercises.
func (m *Model) target(c *csto.Command, p any) string {
	switch p := p.(type) {
	case *csto.RequestFile:
		return p.State
	case *csto.DecisionPosition:
		return p.State
	case *csto.OperationContingent:
		return p.State
	case *csto.PartyAction:
		return p.State
	case *csto.MembershipChange:
		return p.State
	case *csto.SessionAttend:
		return p.State
	case *csto.SessionConvene:
		return p.Org
	case *csto.SessionClose:
		if s := m.Sessions[p.Session]; s != nil {
			return s.Org
		}
	case *csto.DecisionPropose:
		if s := m.Sessions[p.Session]; s != nil {
			return s.Org
		}
	case *csto.DecisionClose:
		if d := m.Decisions[p.Decision]; d != nil {
			return d.Org
		}
	}
	return ""
}

// referenceData are the commands that register what the record refers to.
var referenceData = map[string]bool{
	csto.CmdSourceAdd: true, csto.CmdStateAdd: true, csto.CmdOrgAdd: true, csto.CmdInstrumentAdd: true,
	csto.CmdInForce: true, csto.CmdBodyAdd: true, csto.CmdForceAdd: true,
	csto.CmdInstrumentArticles: true, csto.CmdOrgContrary: true, csto.CmdAllianceAdd: true, csto.CmdAllianceMember: true,
}

// authorize decides whether actor a may submit c. It runs after c's form
// and time were checked and before the record rules, so a refusal names
// authority first. History confers nothing: whoever may record it
// (checkTime) records it without the powers of the office it describes.
func (m *Model) authorize(a csto.Actor, c *csto.Command, p any) error {
	if IsHistory(a, c) {
		return nil
	}
	return m.Permit(a, c.Type, m.target(c, p), c.Date)
}

// Permit answers whether actor a may take act (a command type) on target
// on day d, the day it is taken: nil, or a Forbidden error under the
// authority rule that says who may. target is the state in whose name a
// state's act is taken (a request, a position, a contingent, a
// signature, an application, a notice, a withdrawal, a freeze) or whose
// presence is recorded, and the organization over whose body the chair's
// powers are exercised (convening, putting a draft, closing a vote or a
// session); other acts ignore it. The registry asks it of every act; the
// web forms and the CLI ask it before offering one, so all surfaces give
// the same answer.
func (m *Model) Permit(a csto.Actor, act, target string, d edtf.Date) error {
	if a.Role == csto.RoleSystem {
		return nil
	}
	switch {
	case act == ActReviewDrafts:
		if a.Role == csto.RoleSecretariat {
			return nil
		}
		return forbid("the Secretariat reviews imported drafts; %s may not", a)
	case act == csto.CmdPartyNonRenewal:
		// A party ceases by the treaty's own terms: the Secretariat records it.
	case stateActs[act]:
		if a.Role == csto.RoleDelegate && a.State == target {
			return nil
		}
		return forbid("only %s's delegates act in its name; %s may not", target, a)
	case act == csto.CmdSessionAttend:
		// Presence is recorded by the Secretariat, or announced by the
		// delegation itself.
		if a.Role == csto.RoleSecretariat || a.Role == csto.RoleDelegate && a.State == target {
			return nil
		}
		return forbid("%s's presence is recorded by the Secretariat or announced by its own delegates; %s may not", target, a)
	case chairActs[act]:
		if a.Role == csto.RoleSecretariat {
			return nil
		}
		if a.Role == csto.RoleDelegate {
			ch, held := m.ChairAt(target, d)
			if held && ch.State == a.State {
				return nil
			}
			chair := "no state"
			if held {
				chair = ch.State
			}
			return forbid("the chair's powers belong to the chairing state's delegates (%s on %s) or the Secretariat; %s may not", chair, d, a)
		}
		return forbid("%s may not exercise the chair's powers", a)
	}
	switch a.Role {
	case csto.RoleSecretariat:
		return nil
	case csto.RoleAdmin:
		if referenceData[act] {
			return nil
		}
		return forbid("an administrator keeps reference data; %s is the Secretariat's or a delegation's", act)
	case csto.RoleDelegate:
		return forbid("%s is recorded by the Secretariat, not by a delegation", act)
	}
	return forbid("%s may not change the record", a)
}

// MayTake answers, before the command is read, whether actor a may take
// act on any target at all: nil, or the refusal Permit gives a for
// every target and day. The API asks it before it decodes a request's
// body, so that an account that may never take the act is refused (403)
// before anything it sent is parsed; Permit, on the command, decides the
// rest. A delegate may exercise the chair's powers if its state chairs
// the organization the command names on its day, which only the command
// says; a state's act may be taken by that state's delegates, so a
// delegate passes here and Permit checks the state the command names.
func (m *Model) MayTake(a csto.Actor, act string) error {
	if chairActs[act] && a.Role == csto.RoleDelegate {
		return nil
	}
	target := a.State
	if target == "" {
		target = "a state"
	}
	return m.Permit(a, act, target, edtf.Date{})
}

// goodStanding is the one test of the acts a state takes as a member in
// good standing — requests (request.go, CST Art. 2 and 4), positions on a
// decision (council.go) and contingents (operation.go) — asked by their
// checks and by Offer: nil when at, the state's status on the act's day,
// is membership in good standing (not suspended, not frozen, not former),
// or when act is not one of them; otherwise the refusal of the act's rule.
// kind is what a request asks (assistance or consultations); the other
// acts ignore it.
func goodStanding(act, kind, state string, at At) error {
	if at.Status == csto.Member {
		return nil
	}
	switch act {
	case csto.CmdRequestFile:
		rule, what := ruleArt4, csto.Phrase{EN: "assistance", AR: "المساعدة", RU: "помощи"}
		if kind == "consultations" {
			rule, what = ruleArt2, csto.Phrase{EN: "consultations", AR: "المشاورات", RU: "консультациях"}
		}
		return refuse(rule, "only a member state may request %s; %s is %s", what, state, at.Standing())
	case csto.CmdDecisionPosition:
		return refuse(ruleConsensus, "only a member in good standing takes part in a decision; %s is %s", state, at.Standing())
	case csto.CmdOperationContingent:
		return refuse(ruleOperation, "only a member state contributes a contingent; %s is %s", state, at.Standing())
	}
	return nil
}

// Offer answers whether a surface should offer actor a the act on target
// on day d, in organization org: Permit's answer, then the standing the
// act's rule requires of target on d — for the acts a state takes as a
// member, goodStanding; for a membership step, membershipStanding — the
// same functions the acts' checks ask. The web pages ask it, in one call, for each form and step
// they might show, so a delegation is offered only what the record would
// accept of it (Armenia, participation frozen, and Uzbekistan, suspended,
// are not offered a position or a request; a member is not offered to
// apply). The rules themselves still decide when the act is submitted.
func (m *Model) Offer(a csto.Actor, act, target, org string, d edtf.Date) error {
	if err := m.Permit(a, act, target, d); err != nil {
		return err
	}
	if a.Role == csto.RoleSystem || m.States[target] == nil {
		return nil
	}
	at := m.StatusAt(target, org, d)
	if err := goodStanding(act, "assistance", target, at); err != nil {
		return err
	}
	return membershipStanding(act, target, org, at)
}
