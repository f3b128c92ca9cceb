package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// Acting: the procedure commands. Each takes --as (the actor: a state's
// ISO code for its delegation, or "secretariat"), --date (EDTF; default
// today) and --id (the command's ID; by default one is derived, so that
// running the same creating command twice is refused as a duplicate
// rather than applied twice). Until accounts exist, --as is trusted as
// given on the CLI, which is the operator's own tool; the API will derive
// the actor from the signed-in account.

// actFlags are the flags every procedure command takes.
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
	fs.StringVar(&f.id, "id", "", "command ID (default: derived)")
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

// action is a parsed procedure command, ready to build against the model.
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

// command builds the command of type typ, with its generated text.
func (a *action) command(typ, id string, text csto.Text, data any) (csto.Command, error) {
	b, err := json.Marshal(data)
	if err != nil {
		return csto.Command{}, err
	}
	if a.flags.id != "" {
		id = a.flags.id
	}
	return csto.Command{ID: id, Type: typ, Date: a.date, Sources: []string{"csto-record"}, Text: text, Data: b}, nil
}

// submit opens the data directory, builds the command against the
// current model and submits it; show prints the resulting state.
func (a *action) submit(ctx context.Context, build func(m *registry.Model) (csto.Command, error), show func(m *registry.Model) (any, string, error)) error {
	app, err := open(ctx, a.env, a.flags.dataDir)
	if err != nil {
		return err
	}
	defer app.Close()
	m, err := app.reg.Refresh(ctx)
	if err != nil {
		return err
	}
	c, err := build(m)
	if err != nil {
		return err
	}
	if _, err := app.reg.Submit(ctx, a.actor, c); err != nil {
		return err
	}
	v, text, err := show(app.reg.Model())
	if err != nil {
		return err
	}
	if a.flags.json {
		return printJSON(a.env.Stdout, v)
	}
	fmt.Fprintln(a.env.Stdout, text)
	return nil
}

// name returns a state's name per language, for generated sentences.
func name(m *registry.Model, code string) func(csto.Lang) string {
	return func(l csto.Lang) string {
		if s := m.States[code]; s != nil {
			return s.Name.In(l)
		}
		return code
	}
}

func label(prefix, v string) func(csto.Lang) string {
	return func(l csto.Lang) string { return i18n.T(l, prefix+v) }
}

// nextID returns base, or base-2, base-3… whichever is not taken.
func nextID(base string, taken func(string) bool) string {
	id := base
	for i := 2; taken(id); i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	return id
}

func nonce() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func dayID(d edtf.Date) string {
	return strings.NewReplacer("/", "_", "?", "", "~", "", "%", "", ".", "").Replace(d.String())
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
	if len(pos) != 1 || (pos[0] != "assistance" && pos[0] != "consultations") {
		return usagef("usage: csto request assistance|consultations --as STATE [--date D] [--text …]")
	}
	kind := pos[0]
	if a.actor.Role != csto.RoleDelegate {
		return usagef("--as: a request is made by a member state's delegation (--as ISO3)")
	}
	state := a.actor.State
	var reqID string
	return a.submit(ctx, func(m *registry.Model) (csto.Command, error) {
		reqID = nextID("req-"+strings.ToLower(state)+"-"+dayID(a.date), func(s string) bool { return m.Requests[s] != nil })
		var st csto.Text
		switch a.lang {
		case csto.Arabic:
			st.AR = text
		case csto.Russian:
			st.RU = text
		default:
			st.EN = text
		}
		return a.command(csto.CmdRequestFile, "request.file:"+reqID, i18n.Sentence("ev.request."+kind, name(m, state)),
			csto.RequestFile{ID: reqID, Org: org, State: state, Kind: kind, Statement: st})
	}, func(m *registry.Model) (any, string, error) {
		v, err := m.Request(reqID, a.lang)
		return v, fmt.Sprintf("%s: %s — %s (%s) — %s", v.ID, v.Name, v.Kind, v.Article, i18n.T(a.lang, "request."+string(v.Status))), err
	})
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
		if len(pos) > 0 {
			return usagef("unexpected argument %q", pos[0])
		}
		var id string
		return a.submit(ctx, func(m *registry.Model) (csto.Command, error) {
			id = nextID(body+"-"+dayID(a.date), func(s string) bool { return m.Sessions[s] != nil })
			p := csto.SessionConvene{ID: id, Org: org, Body: body, Kind: kind, Place: a.inLang(place)}
			if agenda != "" {
				p.Agenda = []csto.Text{a.inLang(agenda)}
			}
			bodyName := func(l csto.Lang) string {
				if b := m.Bodies[body]; b != nil {
					return b.Name.In(l)
				}
				return body
			}
			return a.command(csto.CmdSessionConvene, "session.convene:"+id, i18n.Sentence("ev.session.convene", label("kind.", kind), bodyName), p)
		}, a.showSession(&id))
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
			return usagef("usage: csto session attend --as STATE --session ID [--presence present|absent|boycott]")
		}
		if state == "" {
			state = a.actor.State
		}
		state = strings.ToUpper(state)
		return a.submit(ctx, func(m *registry.Model) (csto.Command, error) {
			return a.command(csto.CmdSessionAttend, "session.attend:"+session+":"+state+":"+nonce(),
				i18n.Sentence("ev.session.attend", name(m, state), i18n.Same(session), label("presence.", presence)),
				csto.SessionAttend{Session: session, State: state, Presence: presence, Reason: a.inLang(reason)})
		}, a.showSession(&session))
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
		return a.submit(ctx, func(m *registry.Model) (csto.Command, error) {
			p := csto.SessionClose{Session: session}
			if document != "" {
				p.Documents = []csto.Text{a.inLang(document)}
			}
			return a.command(csto.CmdSessionClose, "session.close:"+session, i18n.Sentence("ev.session.close", i18n.Same(session)), p)
		}, a.showSession(&session))
	}
	return usagef("usage: csto session convene|attend|close …")
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

// allLangs returns s as the text in every language: for titles typed in
// one language, so that the record has a text in each.
func allLangs(s string) csto.Text { return csto.Text{AR: s, EN: s, RU: s} }

func (a *action) showSession(id *string) func(m *registry.Model) (any, string, error) {
	return func(m *registry.Model) (any, string, error) {
		v, err := m.Session(*id, a.lang)
		if err != nil {
			return nil, "", err
		}
		var b strings.Builder
		printSession(&b, a.lang, v)
		return v, strings.TrimRight(b.String(), "\n"), nil
	}
}

// cmdDecision: csto decision propose|close …
func cmdDecision(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("usage: csto decision propose|close --as … (see csto decision propose -h)")
	}
	switch args[0] {
	case "propose":
		var session, title, basis, request string
		a, pos, err := parseAction(env, "decision propose", args[1:], func(fs *flag.FlagSet) {
			fs.StringVar(&session, "session", "", "session ID (required)")
			fs.StringVar(&title, "title", "", "the draft's title (required)")
			fs.StringVar(&basis, "basis", "", `legal basis, e.g. "CST Art. 4"`)
			fs.StringVar(&request, "request", "", "the request the decision answers")
		})
		if err != nil {
			return err
		}
		if len(pos) > 0 || session == "" || title == "" {
			return usagef("usage: csto decision propose --as CHAIR|secretariat --session ID --title … [--basis …] [--request ID]")
		}
		var id string
		return a.submit(ctx, func(m *registry.Model) (csto.Command, error) {
			id = nextID("dec-"+session, func(s string) bool { return m.Decisions[s] != nil })
			return a.command(csto.CmdDecisionPropose, "decision.propose:"+id, i18n.Sentence("ev.decision.propose", i18n.Same(session), i18n.Same(title)),
				csto.DecisionPropose{ID: id, Session: session, Title: allLangs(title), Basis: basis, Request: request})
		}, a.showDecision(&id))
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
		return a.submit(ctx, func(m *registry.Model) (csto.Command, error) {
			return a.command(csto.CmdDecisionClose, "decision.close:"+decision, i18n.Sentence("ev.decision.close", i18n.Same(decision)),
				csto.DecisionClose{Decision: decision})
		}, a.showDecision(&decision))
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
	state := a.actor.State
	return a.submit(ctx, func(m *registry.Model) (csto.Command, error) {
		return a.command(csto.CmdDecisionPosition, "decision.position:"+decision+":"+state+":"+nonce(),
			i18n.Sentence("ev.decision.position", name(m, state), i18n.Same(decision), label("position.", pos[0])),
			csto.DecisionPosition{Decision: decision, State: state, Position: pos[0]})
	}, a.showDecision(&decision))
}

func (a *action) showDecision(id *string) func(m *registry.Model) (any, string, error) {
	return func(m *registry.Model) (any, string, error) {
		v, err := m.Decision(*id, a.lang)
		if err != nil {
			return nil, "", err
		}
		var b strings.Builder
		printDecision(&b, a.lang, "", v)
		return v, strings.TrimRight(b.String(), "\n"), nil
	}
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
		switch verb {
		case "create":
			fs.StringVar(&decision, "decision", "", "the adopted decision (required)")
			fs.StringVar(&host, "host", "", "host state (required)")
			fs.StringVar(&force, "force", "", "force, e.g. cpf (Collective Peacekeeping Forces)")
			fs.StringVar(&opName, "name", "", "name (required)")
			fs.StringVar(&purpose, "purpose", "", "purpose of the mandate")
			fs.StringVar(&until, "until", "", "end of the mandated period (EDTF)")
		default:
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
			fs.StringVar(&phase, "phase", "", "deployment-start, deployment-complete, withdrawal-start or withdrawal-complete")
		case "report":
			fs.IntVar(&troops, "troops", 0, "reported total troops")
			fs.IntVar(&vehicles, "vehicles", 0, "reported total vehicles")
		}
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	var id string
	build := func(m *registry.Model) (csto.Command, error) {
		switch verb {
		case "create":
			if decision == "" || host == "" || opName == "" {
				return csto.Command{}, usagef("usage: csto operation create --as secretariat --decision ID --host STATE --name … [--force cpf] [--until DATE]")
			}
			host = strings.ToUpper(host)
			id = nextID("op-"+strings.ToLower(host)+"-"+strconv.Itoa(yearOfDate(a.date)), func(s string) bool { return m.Operations[s] != nil })
			u, err := optionalDate("until", until)
			if err != nil {
				return csto.Command{}, err
			}
			org := "csto"
			if d := m.Decisions[decision]; d != nil {
				org = d.Org
			}
			return a.command(csto.CmdOperationCreate, "operation.create:"+id, i18n.Sentence("ev.operation.create", i18n.Same(opName), name(m, host)),
				csto.OperationCreate{ID: id, Org: org, Decision: decision, Host: host, Force: force, Name: allLangs(opName), Purpose: a.inLang(purpose), Until: u})
		case "contingent":
			id = operation
			if state == "" {
				state = a.actor.State
			}
			state = strings.ToUpper(state)
			if operation == "" || state == "" {
				return csto.Command{}, usagef("usage: csto operation contingent --as STATE --operation ID [--troops N] [--vehicles N] [--units …]")
			}
			return a.command(csto.CmdOperationContingent, "operation.contingent:"+operation+":"+state, i18n.Sentence("ev.operation.contingent", name(m, state), i18n.Same(operation)),
				csto.OperationContingent{Operation: operation, State: state, Troops: troops, Approx: approx, Vehicles: vehicles, Units: a.inLang(units)})
		case "phase":
			id = operation
			if operation == "" || phase == "" {
				return csto.Command{}, usagef("usage: csto operation phase --as secretariat --operation ID --phase deployment-start|deployment-complete|withdrawal-start|withdrawal-complete")
			}
			return a.command(csto.CmdOperationPhase, "operation.phase:"+operation+":"+phase, i18n.Sentence("ev.operation.phase", i18n.Same(operation), label("phase.", phase)),
				csto.OperationPhase{Operation: operation, Phase: phase})
		default: // report
			id = operation
			if operation == "" {
				return csto.Command{}, usagef("usage: csto operation report --as secretariat --operation ID --troops N --vehicles N")
			}
			return a.command(csto.CmdOperationReport, "operation.report:"+operation+":"+nonce(), i18n.Sentence("ev.operation.phase", i18n.Same(operation), i18n.Same(fmt.Sprintf("%d / %d", troops, vehicles))),
				csto.OperationReport{Operation: operation, Troops: troops, Vehicles: vehicles})
		}
	}
	return a.submit(ctx, build, func(m *registry.Model) (any, string, error) {
		v, err := m.Operation(id, a.lang)
		if err != nil {
			return nil, "", err
		}
		var b strings.Builder
		printOperation(&b, a.lang, v)
		return v, strings.TrimRight(b.String(), "\n"), nil
	})
}

func yearOfDate(d edtf.Date) int {
	y, _, _ := d.Earliest().Date()
	return y
}

// cmdMembership: csto membership apply|notice|withdraw|freeze (by the
// state) or admit|suspend|reinstate|observer|partner (the Secretariat
// recording the Council's decision).
func cmdMembership(ctx context.Context, env *Env, args []string) error {
	verbs := map[string]string{
		"apply": csto.CmdApply, "notice": csto.CmdNotice, "withdraw": csto.CmdWithdraw, "freeze": csto.CmdFreeze,
		"admit": csto.CmdJoin, "suspend": csto.CmdSuspend, "reinstate": csto.CmdReinstate, "observer": csto.CmdObserver, "partner": csto.CmdPartner,
	}
	if len(args) == 0 || verbs[args[0]] == "" {
		return usagef("usage: csto membership apply|notice|withdraw|freeze --as STATE | admit|suspend|reinstate|observer|partner --as secretariat --state S --decision ID")
	}
	typ := verbs[args[0]]
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
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if state == "" {
		state = a.actor.State
	}
	state = strings.ToUpper(state)
	if state == "" {
		return usagef("--state: say which state")
	}
	eff, err := optionalDate("effective", effective)
	if err != nil {
		return err
	}
	return a.submit(ctx, func(m *registry.Model) (csto.Command, error) {
		orgName := func(l csto.Lang) string {
			if o := m.Orgs[org]; o != nil {
				return o.Name.In(l)
			}
			return org
		}
		key := "ev." + strings.Replace(typ, "membership.", "membership.", 1)
		return a.command(typ, typ+":"+strings.ToLower(state)+":"+dayID(a.date)+":"+nonce(), i18n.Sentence(key, name(m, state), orgName),
			csto.MembershipChange{State: state, Org: org, Decision: decision, Effective: eff})
	}, func(m *registry.Model) (any, string, error) {
		v, err := m.State(state, a.lang)
		if err != nil {
			return nil, "", err
		}
		at := m.StatusAt(state, org, a.date)
		st := i18n.T(a.lang, "members.none")
		if at.Status != "" {
			st = fmt.Sprintf("%s %s %s", i18n.T(a.lang, "status."+string(at.Status)), i18n.T(a.lang, "since"), at.Since)
		}
		return v, fmt.Sprintf("%s (%s) — %s: %s", v.Name, v.State, org, st), nil
	})
}
