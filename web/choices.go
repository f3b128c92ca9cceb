package web

import (
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/service"
)

// Which forms a page shows, and the choices their lists offer. The
// registry says which (Model.Offer, Model.Permit) and keeps the lists
// (registry.RequestKinds, Positions, …); showing a form is not
// a permission: the registry decides again when the form is posted, and
// a refusal names its rule.

// formActs are the acts the forms take; chair marks those over the
// organization's body (the chair's powers), whose target is the
// organization, not the delegation's state.
var formActs = map[string]struct {
	act   string
	chair bool
}{
	"request": {csto.CmdRequestFile, false}, "position": {csto.CmdDecisionPosition, false},
	"contingent": {csto.CmdOperationContingent, false}, "attend": {csto.CmdSessionAttend, false},
	"convene": {csto.CmdSessionConvene, true}, "propose": {csto.CmdDecisionPropose, true},
	"close-session": {csto.CmdSessionClose, true}, "close-decision": {csto.CmdDecisionClose, true},
	"operation": {csto.CmdOperationCreate, false}, "phase": {csto.CmdOperationPhase, false},
	"report": {csto.CmdOperationReport, false},
}

// Can reports whether the signed-in account has a use for form name
// today: registry.Model.Offer answers, in one call, with the rule of
// authority (registry.Permit) and the standing a member's acts need. The
// membership form is offered when one of its steps is.
func (p *page) Can(name string) bool {
	if p.Account == nil {
		return false
	}
	if name == "membership" {
		return len(p.MembershipVerbs()) > 1 // past the empty first choice
	}
	f, ok := formActs[name]
	if !ok {
		return false
	}
	target := p.delegate()
	if f.chair {
		target = org
	}
	return p.m.Offer(p.actor(), f.act, target, org, p.today) == nil
}

// Chairs reports whether the signed-in delegation's state chairs the
// Council today.
func (p *page) Chairs() bool {
	st := p.delegate()
	if st == "" {
		return false
	}
	ch, ok := p.m.ChairAt(org, p.today)
	return ok && ch.State == st
}

// IsSecretariat and Delegation tell the templates who is signed in.
func (p *page) IsSecretariat() bool { return p.secretariat() }

// Delegation is the signed-in delegation's state, "" for other accounts.
func (p *page) Delegation() string { return p.delegate() }

func (p *page) labelled(prefix string, values ...string) []option {
	out := make([]option, len(values))
	for i, v := range values {
		out[i] = option{Value: v, Label: p.Label(prefix, v)}
	}
	return out
}

// RequestKinds are the two requests a member state may make, after a
// first empty choice: nothing is chosen for the delegation.
func (p *page) RequestKinds() []option {
	return append([]option{p.choose()}, p.labelled("web.request.", registry.RequestKinds()...)...)
}

// choose is the first, empty choice of a list with no default.
func (p *page) choose() option {
	return option{Value: "", Label: p.T("web.act.choose"), Selected: true}
}

// PositionChoices are the positions a member may state.
func (p *page) PositionChoices() []option {
	return p.labelled("web.position.", registry.Positions()...)
}

// Presences are the ways a state attends a session.
func (p *page) Presences() []option { return p.labelled("presence.", registry.Presences()...) }

// SessionKinds are the kinds of session.
func (p *page) SessionKinds() []option {
	return p.labelled("kind.", registry.SessionKinds()...)
}

// Phases are the phases an operation can still reach, in order: those
// after the last it reached.
func (p *page) Phases(op string) []option {
	all := registry.Phases()
	next := 0
	if o := p.m.Operations[op]; o != nil {
		for _, ph := range o.Phases {
			next = max(next, slices.Index(all, ph.Phase)+1)
		}
	}
	var out []option
	for _, ph := range all[next:] {
		out = append(out, option{Value: ph, Label: p.Label("phase.", ph)})
	}
	return out
}

// Bases are the legal bases a draft decision can name.
func (p *page) Bases() []option {
	return append([]option{{Value: "", Label: p.T("web.act.none")}}, p.labelled("web.basis.", registry.Bases()...)...)
}

// DecisionBodies are the organization's bodies that take decisions, the
// Council first.
func (p *page) DecisionBodies() []option {
	var out []option
	for _, b := range p.m.Bodies {
		if b.Org == org && b.DecisionRule != "" && b.DecisionRule != "none" {
			out = append(out, option{Value: b.ID, Label: b.Name.In(p.Lang), Selected: b.ID == "csc"})
		}
	}
	slices.SortFunc(out, func(a, b option) int {
		if a.Value == "csc" || b.Value == "csc" {
			return boolCmp(b.Value == "csc", a.Value == "csc")
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}

// PendingRequests are the requests no decision has answered yet, which
// a draft decision may answer.
func (p *page) PendingRequests() []option {
	out := []option{{Value: "", Label: p.T("web.act.none")}}
	for _, r := range p.m.RequestList(p.Lang) {
		if r.Status == registry.Pending {
			out = append(out, option{Value: r.ID, Label: r.Name + ": " + p.Label("web.request.", r.Kind) + ", " + p.Date(r.Date)})
		}
	}
	return out
}

// AdoptedDecisions are the adopted decisions of the organization, the
// latest first; with noOperation, only those no operation carries out.
func (p *page) AdoptedDecisions(noOperation bool) []option {
	carried := map[string]bool{}
	for _, op := range p.m.Operations {
		carried[op.Decision] = true
	}
	var ds []*registry.Decision
	for _, d := range p.m.Decisions {
		if d.Org == org && d.Outcome == registry.Adopted && !(noOperation && carried[d.ID]) {
			ds = append(ds, d)
		}
	}
	slices.SortFunc(ds, func(a, b *registry.Decision) int {
		if c := compareDates(b.Date.String(), a.Date.String()); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	out := []option{}
	if !noOperation {
		out = append(out, option{Value: "", Label: p.T("web.act.none")})
	}
	for _, d := range ds {
		out = append(out, option{Value: d.ID, Label: p.Date(d.Date.String()) + " — " + d.Title.In(p.Lang)})
	}
	return out
}

// ListedStates are the states with a status in the organization today
// (whose presence at a session can be recorded), by name.
func (p *page) ListedStates() []option {
	var out []option
	if l, err := p.m.Members(org, p.today, p.Lang); err == nil {
		for _, r := range l.Members.All() {
			out = append(out, option{Value: r.State, Label: r.Name})
		}
	}
	return p.byLabel(out)
}

// MemberStates are the members in good standing today: the possible
// hosts of an operation.
func (p *page) MemberStates() []option {
	var out []option
	if l, err := p.m.Members(org, p.today, p.Lang); err == nil {
		for _, r := range l.Members.All() {
			if r.Status == csto.Member {
				out = append(out, option{Value: r.State, Label: r.Name})
			}
		}
	}
	return p.byLabel(out)
}

// AllStates are every state on record, by name.
func (p *page) AllStates() []option {
	out := make([]option, 0, len(p.m.States))
	for code, st := range p.m.States {
		out = append(out, option{Value: code, Label: st.Name.In(p.Lang)})
	}
	return p.byLabel(out)
}

func (p *page) byLabel(opts []option) []option {
	slices.SortFunc(opts, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	return opts
}

// Forces are the organization's forces; an operation names one or none.
func (p *page) Forces() []option {
	out := []option{}
	for _, f := range p.m.Forces {
		if f.Org == org {
			out = append(out, option{Value: f.ID, Label: f.Name.In(p.Lang)})
		}
	}
	return append([]option{{Value: "", Label: p.T("web.act.none")}}, p.byLabel(out)...)
}

// MembershipVerbs are the membership steps of the signed-in account: a
// delegation's own acts, or the Council's decisions the Secretariat
// records.
func (p *page) MembershipVerbs() []option {
	// No step is chosen in advance: the first choice is empty, and the
	// irreversible ones come last. A step is offered when registry.Offer
	// lets the account take it (a delegation its own state's steps, the
	// Secretariat the Council's decisions) and the delegation's state has
	// the standing the step requires (a member does not apply, a state
	// whose participation is frozen does not freeze it again).
	out := []option{p.choose()}
	for _, v := range []string{"apply", "admit", "reinstate", "observer", "partner", "freeze", "notice", "withdraw", "suspend"} {
		act, ok := service.MembershipVerbs[v]
		if !ok || p.Account == nil || p.m.Offer(p.actor(), act, p.delegate(), org, p.today) != nil {
			continue
		}
		out = append(out, option{Value: v, Label: p.Label("web.verb.", v)})
	}
	return out
}
