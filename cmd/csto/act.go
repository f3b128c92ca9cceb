package main

import (
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/service"
)

// Acting: the procedure commands. Each takes --as (the actor: a state's
// ISO code for its delegation, or "secretariat"), --date (EDTF; default
// today) and --id (the new record's ID; by default one is derived). They
// call the same service as the API. Until accounts exist on the command
// line, --as is trusted as given: the CLI is the operator's own tool on
// the data directory; over the network the API derives the actor from
// the signed-in account.

type actFlags struct {
	common
	as   string
	date string
	id   string
}

func (f *actFlags) register(fs *flag.FlagSet, env *Env) {
	f.common.register(fs, env, true)
	fs.StringVar(&f.as, "as", "", "act as: a state's ISO code (its delegation), secretariat or admin (required)")
	fs.StringVar(&f.date, "date", "", "when it happens (EDTF); default today")
	fs.StringVar(&f.id, "id", "", "ID of the new record (default: derived)")
}

func (f *actFlags) actor() (csto.Actor, error) {
	switch s := strings.TrimSpace(f.as); {
	case s == "":
		return csto.Actor{}, usagef("--as: say who acts: a state's ISO code (e.g. KAZ) or secretariat")
	case strings.EqualFold(s, "secretariat"):
		return csto.Actor{Role: csto.RoleSecretariat}, nil
	case strings.EqualFold(s, "admin"):
		return csto.Actor{Role: csto.RoleAdmin}, nil
	case len(s) == 3:
		return csto.Actor{Role: csto.RoleDelegate, State: strings.ToUpper(s)}, nil
	default:
		return csto.Actor{}, usagef("--as: %q is neither a state's ISO code nor secretariat", s)
	}
}

// action is a parsed procedure command.
type action struct {
	env   *Env
	flags actFlags
	actor csto.Actor
	date  edtf.Date
	lang  csto.Lang
}

func parseAction(env *Env, name string, args []string, extra func(fs *flag.FlagSet)) (*action, []string, error) {
	fs := newFlagSet(env, name)
	a := &action{env: env}
	a.flags.register(fs, env)
	if extra != nil {
		extra(fs)
	}
	pos, err := parse(fs, args)
	if err != nil {
		return nil, nil, err
	}
	if a.lang, err = a.flags.language(); err != nil {
		return nil, nil, err
	}
	if a.actor, err = a.flags.actor(); err != nil {
		return nil, nil, err
	}
	if a.date, err = dateFlag(env, "date", a.flags.date); err != nil {
		return nil, nil, err
	}
	return a, pos, nil
}

// run opens the data directory, calls do with the service, and prints
// the resulting state: as JSON, or as text.
func (a *action) run(ctx context.Context, do func(s *service.Service) (any, error), text func(v any) string) error {
	app, err := open(ctx, a.env, &a.flags.common)
	if err != nil {
		return err
	}
	defer app.Close()
	svc := service.New(app.reg)
	v, err := do(svc)
	if err != nil {
		return err
	}
	if a.flags.json {
		return printJSON(a.env.Stdout, v)
	}
	fmt.Fprintln(a.env.Stdout, strings.TrimRight(text(v), "\n"))
	return nil
}

// inLang returns s as a text in the action's language only.
func (a *action) inLang(s string) csto.Text {
	var t csto.Text
	switch a.lang {
	case csto.Arabic:
		t.AR = s
	case csto.Russian:
		t.RU = s
	default:
		t.EN = s
	}
	return t
}

// title returns a title typed in one language as the text in every
// language, so that the record has one in each; translations can follow.
func title(s string) csto.Text { return csto.Text{AR: s, EN: s, RU: s} }

func noArgs(pos []string) error {
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	return nil
}

func (a *action) showRequest(v any) string {
	r := v.(registry.RequestView)
	return fmt.Sprintf("%s: %s — %s (%s) — %s", r.ID, r.Name, r.Kind, r.Article, i18n.T(a.lang, "request."+string(r.Status)))
}

func (a *action) showSession(v any) string {
	var b strings.Builder
	printSession(&b, a.lang, v.(registry.SessionView))
	return b.String()
}

func (a *action) showDecision(v any) string {
	var b strings.Builder
	printDecision(&b, a.lang, "", v.(registry.DecisionView))
	return b.String()
}

func (a *action) showOperation(v any) string {
	var b strings.Builder
	printOperation(&b, a.lang, v.(registry.OperationView))
	return b.String()
}

// cmdRequest: csto request assistance|consultations --as STATE [--org csto] [--text …]
func cmdRequest(ctx context.Context, env *Env, args []string) error {
	var org, text string
	a, pos, err := parseAction(env, "request", args, func(fs *flag.FlagSet) {
		fs.StringVar(&org, "org", "csto", "organization")
		fs.StringVar(&text, "text", "", "the request's own words (in the --lang language)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 || !slices.Contains(registry.RequestKinds(), pos[0]) {
		return usagef("usage: csto request %s --as STATE [--date D] [--text …]", strings.Join(registry.RequestKinds(), "|"))
	}
	if a.actor.Role != csto.RoleDelegate {
		return usagef("--as: a request is made by a member state's delegation (--as ISO3)")
	}
	return a.run(ctx, func(s *service.Service) (any, error) {
		return s.FileRequest(ctx, a.actor, a.lang, service.RequestInput{ID: a.flags.id, Org: org, Kind: pos[0], Date: a.date, Statement: a.inLang(text)})
	}, a.showRequest)
}

// cmdSession: csto session convene|attend|close …
func cmdSession(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("usage: csto session convene|attend|close --as … (see csto session convene -h)")
	}
	switch args[0] {
	case "convene":
		var org, body, kind, place, agenda string
		a, pos, err := parseAction(env, "session convene", args[1:], func(fs *flag.FlagSet) {
			fs.StringVar(&org, "org", "csto", "organization")
			fs.StringVar(&body, "body", "csc", "body")
			fs.StringVar(&kind, "kind", "regular", "regular, extraordinary, informal or online")
			fs.StringVar(&place, "place", "", "where (in the --lang language)")
			fs.StringVar(&agenda, "agenda", "", "agenda item (in the --lang language)")
		})
		if err != nil {
			return err
		}
		if err := noArgs(pos); err != nil {
			return err
		}
		in := service.ConveneInput{ID: a.flags.id, Org: org, Body: body, Kind: kind, Date: a.date, Place: a.inLang(place)}
		if agenda != "" {
			in.Agenda = []csto.Text{a.inLang(agenda)}
		}
		return a.run(ctx, func(s *service.Service) (any, error) { return s.Convene(ctx, a.actor, a.lang, in) }, a.showSession)
	case "attend":
		var session, presence, reason, state string
		a, pos, err := parseAction(env, "session attend", args[1:], func(fs *flag.FlagSet) {
			fs.StringVar(&session, "session", "", "session ID (required)")
			fs.StringVar(&presence, "presence", "present", "present, absent or boycott")
			fs.StringVar(&reason, "reason", "", "reason, for an absence or boycott")
			fs.StringVar(&state, "state", "", "the state (default: the --as delegation's)")
		})
		if err != nil {
			return err
		}
		if len(pos) > 0 || session == "" {
			return usagef("usage: csto session attend --as STATE|secretariat --session ID [--state S] [--presence present|absent|boycott]")
		}
		return a.run(ctx, func(s *service.Service) (any, error) {
			return s.Attend(ctx, a.actor, a.lang, service.AttendInput{Session: session, State: state, Presence: presence, Reason: a.inLang(reason), Date: a.date})
		}, a.showSession)
	case "close":
		var session, document string
		a, pos, err := parseAction(env, "session close", args[1:], func(fs *flag.FlagSet) {
			fs.StringVar(&session, "session", "", "session ID (required)")
			fs.StringVar(&document, "document", "", "a document the session adopted (in the --lang language)")
		})
		if err != nil {
			return err
		}
		if len(pos) > 0 || session == "" {
			return usagef("usage: csto session close --as CHAIR|secretariat --session ID")
		}
		in := service.CloseSessionInput{Session: session, Date: a.date}
		if document != "" {
			in.Documents = []csto.Text{a.inLang(document)}
		}
		return a.run(ctx, func(s *service.Service) (any, error) { return s.CloseSession(ctx, a.actor, a.lang, in) }, a.showSession)
	}
	return usagef("usage: csto session convene|attend|close …")
}

// cmdDecision: csto decision propose|close …
func cmdDecision(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("usage: csto decision propose|close --as … (see csto decision propose -h)")
	}
	switch args[0] {
	case "propose":
		var session, ttl, basis, request, subject string
		a, pos, err := parseAction(env, "decision propose", args[1:], func(fs *flag.FlagSet) {
			fs.StringVar(&subject, "subject", "", `the act it decides, e.g. "admit SRB", "reinstate UZB", "establish-operation KAZ"`)
			fs.StringVar(&session, "session", "", "session ID (required)")
			fs.StringVar(&ttl, "title", "", "the draft's title (required)")
			fs.StringVar(&basis, "basis", "", `legal basis, e.g. "CST Art. 4"`)
			fs.StringVar(&request, "request", "", "the request the decision answers")
		})
		if err != nil {
			return err
		}
		if len(pos) > 0 || session == "" || ttl == "" {
			return usagef("usage: csto decision propose --as CHAIR|secretariat --session ID --title … [--basis …] [--request ID] [--subject \"ACT STATE\"]")
		}
		var subj *csto.Subject
		if subject != "" {
			if subj, err = csto.ParseSubject("--subject", subject); err != nil {
				return err
			}
		}
		return a.run(ctx, func(s *service.Service) (any, error) {
			return s.Propose(ctx, a.actor, a.lang, service.ProposeInput{ID: a.flags.id, Session: session, Title: title(ttl), Basis: basis, Request: request, Subject: subj, Date: a.date})
		}, a.showDecision)
	case "close":
		var decision string
		a, pos, err := parseAction(env, "decision close", args[1:], func(fs *flag.FlagSet) {
			fs.StringVar(&decision, "decision", "", "decision ID (required)")
		})
		if err != nil {
			return err
		}
		if len(pos) > 0 || decision == "" {
			return usagef("usage: csto decision close --as CHAIR|secretariat --decision ID")
		}
		return a.run(ctx, func(s *service.Service) (any, error) {
			return s.CloseDecision(ctx, a.actor, a.lang, service.CloseDecisionInput{Decision: decision, Date: a.date})
		}, a.showDecision)
	}
	return usagef("usage: csto decision propose|close …")
}

// cmdPosition: csto position --as STATE --decision ID for|objects|abstains|not-interested
func cmdPosition(ctx context.Context, env *Env, args []string) error {
	var decision string
	a, pos, err := parseAction(env, "position", args, func(fs *flag.FlagSet) {
		fs.StringVar(&decision, "decision", "", "decision ID (required)")
	})
	if err != nil {
		return err
	}
	if len(pos) != 1 || decision == "" {
		return usagef("usage: csto position --as STATE --decision ID for|objects|abstains|not-interested")
	}
	if a.actor.Role != csto.RoleDelegate {
		return usagef("--as: a position is stated by a member state's delegation (--as ISO3)")
	}
	return a.run(ctx, func(s *service.Service) (any, error) {
		return s.Position(ctx, a.actor, a.lang, service.PositionInput{Decision: decision, Position: pos[0], Date: a.date})
	}, a.showDecision)
}

// cmdOperation: csto operation ID | create | contingent | phase | report
func cmdOperation(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "create", "contingent", "phase", "report":
			return operationAct(ctx, env, args[0], args[1:])
		}
	}
	return showOperation(ctx, env, args)
}

func operationAct(ctx context.Context, env *Env, verb string, args []string) error {
	var decision, host, force, opName, purpose, until, operation, units, phase, state string
	var troops, vehicles int
	var approx bool
	a, pos, err := parseAction(env, "operation "+verb, args, func(fs *flag.FlagSet) {
		if verb == "create" {
			fs.StringVar(&decision, "decision", "", "the adopted decision (required)")
			fs.StringVar(&host, "host", "", "host state (required)")
			fs.StringVar(&force, "force", "", "force, e.g. cpf (Collective Peacekeeping Forces)")
			fs.StringVar(&opName, "name", "", "name (required)")
			fs.StringVar(&purpose, "purpose", "", "purpose of the mandate")
			fs.StringVar(&until, "until", "", "end of the mandated period (EDTF)")
		} else {
			fs.StringVar(&operation, "operation", "", "operation ID (required)")
		}
		switch verb {
		case "contingent":
			fs.StringVar(&state, "state", "", "contributing state (default: the --as delegation's)")
			fs.IntVar(&troops, "troops", 0, "troops")
			fs.IntVar(&vehicles, "vehicles", 0, "vehicles")
			fs.BoolVar(&approx, "approx", false, "the numbers are approximate")
			fs.StringVar(&units, "units", "", "units (in the --lang language)")
		case "phase":
			fs.StringVar(&phase, "phase", "", "one of "+strings.Join(registry.Phases(), ", "))
		case "report":
			fs.IntVar(&troops, "troops", 0, "reported total troops")
			fs.IntVar(&vehicles, "vehicles", 0, "reported total vehicles")
		}
	})
	if err != nil {
		return err
	}
	if err := noArgs(pos); err != nil {
		return err
	}
	var do func(s *service.Service) (any, error)
	switch verb {
	case "create":
		if decision == "" || host == "" || opName == "" {
			return usagef("usage: csto operation create --as secretariat --decision ID --host STATE --name … [--force cpf] [--until DATE]")
		}
		u, err := optionalDate("until", until)
		if err != nil {
			return err
		}
		in := service.OperationInput{ID: a.flags.id, Decision: decision, Host: host, Force: force, Name: title(opName), Purpose: a.inLang(purpose), Until: u, Date: a.date}
		do = func(s *service.Service) (any, error) { return s.CreateOperation(ctx, a.actor, a.lang, in) }
	case "contingent":
		if operation == "" {
			return usagef("usage: csto operation contingent --as STATE --operation ID [--troops N] [--vehicles N] [--units …]")
		}
		in := service.ContingentInput{Operation: operation, State: state, Troops: troops, Vehicles: vehicles, Approx: approx, Units: a.inLang(units), Date: a.date}
		do = func(s *service.Service) (any, error) { return s.Contingent(ctx, a.actor, a.lang, in) }
	case "phase":
		if operation == "" || phase == "" {
			return usagef("usage: csto operation phase --as secretariat --operation ID --phase %s", strings.Join(registry.Phases(), "|"))
		}
		in := service.PhaseInput{Operation: operation, Phase: phase, Date: a.date}
		do = func(s *service.Service) (any, error) { return s.Phase(ctx, a.actor, a.lang, in) }
	default:
		if operation == "" {
			return usagef("usage: csto operation report --as secretariat --operation ID --troops N --vehicles N")
		}
		in := service.ReportInput{Operation: operation, Troops: troops, Vehicles: vehicles, Date: a.date}
		do = func(s *service.Service) (any, error) { return s.Report(ctx, a.actor, a.lang, in) }
	}
	return a.run(ctx, do, a.showOperation)
}

// cmdMembership: csto membership apply|notice|withdraw|freeze (by the
// state) or admit|suspend|reinstate|observer|partner (the Secretariat
// recording the Council's decision).
func cmdMembership(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || service.MembershipVerbs[args[0]] == "" {
		return usagef("usage: csto membership apply|notice|withdraw|freeze --as STATE | admit|suspend|reinstate|observer|partner --as secretariat --state S --decision ID")
	}
	var org, state, decision, effective string
	a, pos, err := parseAction(env, "membership "+args[0], args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&org, "org", "csto", "organization")
		fs.StringVar(&state, "state", "", "the state (default: the --as delegation's)")
		fs.StringVar(&decision, "decision", "", "the Council's decision")
		fs.StringVar(&effective, "effective", "", "notice: when the withdrawal takes effect (EDTF)")
	})
	if err != nil {
		return err
	}
	if err := noArgs(pos); err != nil {
		return err
	}
	eff, err := optionalDate("effective", effective)
	if err != nil {
		return err
	}
	if state == "" && a.actor.State == "" {
		return usagef("--state: say which state")
	}
	in := service.MembershipInput{Verb: args[0], Org: org, State: state, Decision: decision, Effective: eff, Date: a.date}
	return a.run(ctx, func(s *service.Service) (any, error) { return s.Membership(ctx, a.actor, in) }, func(v any) string {
		r := v.(service.MembershipResult)
		if r.Status == "" && in.Verb == "apply" {
			// What the state may do next: only the Council admits it.
			return fmt.Sprintf(i18n.T(a.lang, "membership.applied"), r.State, r.Org) +
				fmt.Sprintf("\n  csto membership admit --as secretariat --state %s --decision ID", r.State)
		}
		if r.Status == "" {
			return fmt.Sprintf(i18n.T(a.lang, "membership.not_member"), r.State, r.Org)
		}
		return fmt.Sprintf("%s — %s: %s %s %s", r.State, r.Org, i18n.T(a.lang, "status."+string(r.Status)), i18n.T(a.lang, "since"), r.Since)
	})
}
