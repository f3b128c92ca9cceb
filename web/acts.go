package web

import (
	"context"
	"net/url"
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/service"
)

// The procedure steps, one form each. Every form reads its fields,
// calls the service method the CLI and the API call, as the signed-in
// account, and names the page to go to: the request, session, decision
// or operation the step made or changed. Nothing here decides who may do
// what: the registry does, and refuses.

// irreversibleVerbs are the membership steps a confirmation page states
// the consequence of before they are recorded.
var irreversibleVerbs = []string{"notice", "withdraw", "freeze", "suspend"}

func pagePath(parts ...string) string {
	s := ""
	for i, p := range parts {
		if i%2 == 1 {
			p = url.PathEscape(p)
		}
		s += p
	}
	return s
}

func fixed(p string) func(string) string { return func(string) string { return p } }

func under(prefix, suffix string) func(string) string {
	return func(key string) string { return prefix + key + suffix }
}

var fileRequest = &form{
	name: "request", title: "web.act.request", fields: []string{"kind", "statement", "date"},
	pages: []string{"operations", "account"}, action: fixed("/requests"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		rv, err := p.s.svc.FileRequest(ctx, p.actor(), p.Lang, service.RequestInput{Kind: in.Get("kind"), Date: date, Statement: in.text("statement")})
		if err != nil {
			return "", err
		}
		return pagePath("/requests/", rv.ID), nil
	},
}

var convene = &form{
	name: "convene", title: "web.act.convene", fields: []string{"body", "kind", "place", "agenda", "date"},
	pages: []string{"institutions", "account"}, action: fixed("/sessions"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		sv, err := p.s.svc.Convene(ctx, p.actor(), p.Lang, service.ConveneInput{Body: in.Get("body"), Kind: in.Get("kind"), Date: date,
			Place: in.text("place"), Agenda: in.texts("agenda")})
		if err != nil {
			return "", err
		}
		return pagePath("/sessions/", sv.ID), nil
	},
}

var attend = &form{
	name: "attend", title: "web.act.attend", fields: []string{"state", "presence", "reason", "date"},
	pages: []string{"session"}, action: under("/sessions/", "/attendance"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		// A delegation announces its own presence: no state field, the
		// service takes the account's.
		sv, err := p.s.svc.Attend(ctx, p.actor(), p.Lang, service.AttendInput{Session: in.id, State: in.Get("state"),
			Presence: in.Get("presence"), Reason: in.text("reason"), Date: date})
		if err != nil {
			return "", err
		}
		return pagePath("/sessions/", sv.ID), nil
	},
}

var propose = &form{
	name: "propose", title: "web.act.propose", fields: []string{"title", "basis", "request", "subject", "date"},
	pages: []string{"session"}, action: under("/sessions/", "/decisions"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		var subject *csto.Subject
		if s := in.Get("subject"); s != "" {
			if subject, err = csto.ParseSubject("subject", s); err != nil {
				return "", err
			}
		}
		dv, err := p.s.svc.Propose(ctx, p.actor(), p.Lang, service.ProposeInput{Session: in.id, Title: in.trilingual("title"),
			Basis: in.Get("basis"), Request: in.Get("request"), Subject: subject, Date: date})
		if err != nil {
			return "", err
		}
		return pagePath("/decisions/", dv.ID), nil
	},
}

var closeSession = &form{
	name: "close-session", title: "web.act.close_session", fields: []string{"documents", "date"},
	pages: []string{"session"}, action: under("/sessions/", "/close"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		sv, err := p.s.svc.CloseSession(ctx, p.actor(), p.Lang, service.CloseSessionInput{Session: in.id, Date: date, Documents: in.texts("documents")})
		if err != nil {
			return "", err
		}
		return pagePath("/sessions/", sv.ID), nil
	},
}

var position = &form{
	name: "position", title: "web.act.position", fields: []string{"position", "date"},
	pages: []string{"decision", "account"}, action: under("/decisions/", "/positions"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		dv, err := p.s.svc.Position(ctx, p.actor(), p.Lang, service.PositionInput{Decision: in.id, Position: in.Get("position"), Date: date})
		if err != nil {
			return "", err
		}
		return pagePath("/decisions/", dv.ID), nil
	},
}

var closeDecision = &form{
	name: "close-decision", title: "web.act.close_decision", fields: []string{"date"},
	pages: []string{"decision"}, action: under("/decisions/", "/close"),
	confirm: func(p *page, in formInput) string { return p.T("web.act.confirm.close-decision") },
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		dv, err := p.s.svc.CloseDecision(ctx, p.actor(), p.Lang, service.CloseDecisionInput{Decision: in.id, Date: date})
		if err != nil {
			return "", err
		}
		return pagePath("/decisions/", dv.ID), nil
	},
}

var createOperation = &form{
	name: "operation", title: "web.act.operation", fields: []string{"decision", "host", "force", "name", "purpose", "until", "date"},
	pages: []string{"operations"}, action: fixed("/operations"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		until, err := in.date("until")
		if err != nil {
			return "", err
		}
		ov, err := p.s.svc.CreateOperation(ctx, p.actor(), p.Lang, service.OperationInput{Decision: in.Get("decision"), Host: in.Get("host"),
			Force: in.Get("force"), Name: in.trilingual("name"), Purpose: in.text("purpose"), Until: until, Date: date})
		if err != nil {
			return "", err
		}
		return pagePath("/operations/", ov.ID), nil
	},
}

var contingent = &form{
	name: "contingent", title: "web.act.contingent", fields: []string{"troops", "vehicles", "approx", "units", "date"},
	pages: []string{"operation"}, action: under("/operations/", "/contingents"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		troops, err := in.count("troops")
		if err != nil {
			return "", err
		}
		vehicles, err := in.count("vehicles")
		if err != nil {
			return "", err
		}
		ov, err := p.s.svc.Contingent(ctx, p.actor(), p.Lang, service.ContingentInput{Operation: in.id, Troops: troops, Vehicles: vehicles,
			Approx: in.Get("approx") != "", Units: in.text("units"), Date: date})
		if err != nil {
			return "", err
		}
		return pagePath("/operations/", ov.ID), nil
	},
}

var phase = &form{
	name: "phase", title: "web.act.phase", fields: []string{"phase", "date"},
	pages: []string{"operation"}, action: under("/operations/", "/phases"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		ov, err := p.s.svc.Phase(ctx, p.actor(), p.Lang, service.PhaseInput{Operation: in.id, Phase: in.Get("phase"), Date: date})
		if err != nil {
			return "", err
		}
		return pagePath("/operations/", ov.ID), nil
	},
}

var report = &form{
	name: "report", title: "web.act.report", fields: []string{"troops", "vehicles", "date"},
	pages: []string{"operation"}, action: under("/operations/", "/reports"),
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		troops, err := in.count("troops")
		if err != nil {
			return "", err
		}
		vehicles, err := in.count("vehicles")
		if err != nil {
			return "", err
		}
		ov, err := p.s.svc.Report(ctx, p.actor(), p.Lang, service.ReportInput{Operation: in.id, Troops: troops, Vehicles: vehicles, Date: date})
		if err != nil {
			return "", err
		}
		return pagePath("/operations/", ov.ID), nil
	},
}

// membership is both the delegations' own steps (apply, notice,
// withdraw, freeze: no state field, the account's state) and the
// Secretariat's record of the Council's decisions (admit, suspend,
// reinstate, observer, partner: a state and a decision).
var membership = &form{
	name: "membership", title: "web.act.membership", fields: []string{"verb", "state", "decision", "effective", "date"},
	pages: []string{"account"}, action: fixed("/membership"),
	confirm: func(p *page, in formInput) string {
		verb := in.Get("verb")
		if !slices.Contains(irreversibleVerbs, verb) {
			return ""
		}
		state := p.delegate()
		if state == "" {
			state = in.Get("state")
		}
		return p.Tf("web.act.confirm."+verb, p.StateName(state))
	},
	do: func(ctx context.Context, p *page, in formInput) (string, error) {
		date, err := in.date("date")
		if err != nil {
			return "", err
		}
		eff, err := in.date("effective")
		if err != nil {
			return "", err
		}
		res, err := p.s.svc.Membership(ctx, p.actor(), service.MembershipInput{Verb: in.Get("verb"), State: in.Get("state"),
			Decision: in.Get("decision"), Effective: eff, Date: date})
		if err != nil {
			return "", err
		}
		return pagePath("/states/", res.State), nil
	},
}
