package service

import (
	"context"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// RequestInput files a request (CST Art. 4 assistance or Art. 2
// consultations) for State (default: the acting delegation's).
type RequestInput struct {
	ID        string    `json:"id,omitempty"`
	Org       string    `json:"org,omitempty"` // default csto
	State     string    `json:"state,omitempty"`
	Kind      string    `json:"kind"` // assistance, consultations
	Date      edtf.Date `json:"date,omitzero"`
	Statement csto.Text `json:"statement,omitzero"`
}

// FileRequest files a request and returns it.
func (s *Service) FileRequest(ctx context.Context, actor csto.Actor, lang csto.Lang, in RequestInput) (registry.RequestView, error) {
	if err := need("kind", in.Kind); err != nil {
		return registry.RequestView{}, err
	}
	state, date, org := stateOf(in.State, actor), s.date(in.Date), orDefault(in.Org, "csto")
	id := in.ID
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		if id = in.ID; id == "" {
			id = nextID("req-"+strings.ToLower(state)+"-"+dayID(date), func(x string) bool { return m.Requests[x] != nil })
		}
		return command(csto.CmdRequestFile, "request.file:"+id, date, i18n.Sentence("ev.request."+in.Kind, name(m, state)),
			csto.RequestFile{ID: id, Org: org, State: state, Kind: in.Kind, Statement: in.Statement})
	})
	if err != nil {
		return registry.RequestView{}, err
	}
	return m.Request(id, lang)
}

// ConveneInput convenes a session of a body.
type ConveneInput struct {
	ID     string      `json:"id,omitempty"`
	Org    string      `json:"org,omitempty"`  // default csto
	Body   string      `json:"body,omitempty"` // default csc
	Kind   string      `json:"kind"`           // regular, extraordinary, informal, online
	Date   edtf.Date   `json:"date,omitzero"`
	Place  csto.Text   `json:"place,omitzero"`
	Agenda []csto.Text `json:"agenda,omitempty"`
}

// Convene convenes a session and returns it.
func (s *Service) Convene(ctx context.Context, actor csto.Actor, lang csto.Lang, in ConveneInput) (registry.SessionView, error) {
	if err := need("kind", in.Kind); err != nil {
		return registry.SessionView{}, err
	}
	date, org, body, id := s.date(in.Date), orDefault(in.Org, "csto"), orDefault(in.Body, "csc"), in.ID
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		if id = in.ID; id == "" {
			id = nextID(body+"-"+dayID(date), func(x string) bool { return m.Sessions[x] != nil })
		}
		bodyName := func(l csto.Lang) string {
			if b := m.Bodies[body]; b != nil {
				return b.Name.In(l)
			}
			return body
		}
		return command(csto.CmdSessionConvene, "session.convene:"+id, date, i18n.Sentence("ev.session.convene", label("kind.", in.Kind), bodyName),
			csto.SessionConvene{ID: id, Org: org, Body: body, Kind: in.Kind, Place: in.Place, Agenda: in.Agenda})
	})
	if err != nil {
		return registry.SessionView{}, err
	}
	return m.Session(id, lang)
}

// AttendInput records a state's presence at an open session.
type AttendInput struct {
	Session  string    `json:"session,omitempty"`
	State    string    `json:"state,omitempty"`
	Presence string    `json:"presence"` // present, absent, boycott
	Reason   csto.Text `json:"reason,omitzero"`
	Date     edtf.Date `json:"date,omitzero"`
}

// Attend records attendance and returns the session.
func (s *Service) Attend(ctx context.Context, actor csto.Actor, lang csto.Lang, in AttendInput) (registry.SessionView, error) {
	if err := need("session", in.Session); err != nil {
		return registry.SessionView{}, err
	}
	state, date := stateOf(in.State, actor), s.date(in.Date)
	if err := need("state", state); err != nil {
		return registry.SessionView{}, err
	}
	presence := orDefault(in.Presence, "present")
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		return command(csto.CmdSessionAttend, "session.attend:"+in.Session+":"+state+":"+nonce(), date,
			i18n.Sentence("ev.session.attend", name(m, state), i18n.Same(in.Session), label("presence.", presence)),
			csto.SessionAttend{Session: in.Session, State: state, Presence: presence, Reason: in.Reason})
	})
	if err != nil {
		return registry.SessionView{}, err
	}
	return m.Session(in.Session, lang)
}

// CloseSessionInput closes a session.
type CloseSessionInput struct {
	Session   string      `json:"session,omitempty"`
	Date      edtf.Date   `json:"date,omitzero"`
	Documents []csto.Text `json:"documents,omitempty"`
}

// CloseSession closes a session (and the votes still open in it).
func (s *Service) CloseSession(ctx context.Context, actor csto.Actor, lang csto.Lang, in CloseSessionInput) (registry.SessionView, error) {
	if err := need("session", in.Session); err != nil {
		return registry.SessionView{}, err
	}
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		return command(csto.CmdSessionClose, "session.close:"+in.Session, s.date(in.Date), i18n.Sentence("ev.session.close", i18n.Same(in.Session)),
			csto.SessionClose{Session: in.Session, Documents: in.Documents})
	})
	if err != nil {
		return registry.SessionView{}, err
	}
	return m.Session(in.Session, lang)
}

// ProposeInput puts a draft decision to an open session.
type ProposeInput struct {
	ID      string    `json:"id,omitempty"`
	Session string    `json:"session"`
	Title   csto.Text `json:"title"`
	Basis   string    `json:"basis,omitempty"`
	Request string    `json:"request,omitempty"`
	// Subject is the act the decision decides, if any: only an act
	// it decided may cite it.
	Subject *csto.Subject `json:"subject,omitempty"`
	Date    edtf.Date     `json:"date,omitzero"`
}

// Propose puts a draft to a session and returns it.
func (s *Service) Propose(ctx context.Context, actor csto.Actor, lang csto.Lang, in ProposeInput) (registry.DecisionView, error) {
	if err := need("session", in.Session); err != nil {
		return registry.DecisionView{}, err
	}
	id := in.ID
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		if id = in.ID; id == "" {
			id = nextID("dec-"+in.Session, func(x string) bool { return m.Decisions[x] != nil })
		}
		return command(csto.CmdDecisionPropose, "decision.propose:"+id, s.date(in.Date), i18n.Sentence("ev.decision.propose", i18n.Same(in.Session), i18n.Of(in.Title)),
			csto.DecisionPropose{ID: id, Session: in.Session, Title: in.Title, Basis: in.Basis, Request: in.Request, Subject: in.Subject})
	})
	if err != nil {
		return registry.DecisionView{}, err
	}
	return m.Decision(id, lang)
}

// PositionInput states a member's position on an open draft.
type PositionInput struct {
	Decision string    `json:"decision,omitempty"`
	State    string    `json:"state,omitempty"`
	Position string    `json:"position"` // for, objects, abstains, not-interested
	Date     edtf.Date `json:"date,omitzero"`
}

// Position records a position and returns the decision.
func (s *Service) Position(ctx context.Context, actor csto.Actor, lang csto.Lang, in PositionInput) (registry.DecisionView, error) {
	if err := need("decision", in.Decision); err != nil {
		return registry.DecisionView{}, err
	}
	if err := need("position", in.Position); err != nil {
		return registry.DecisionView{}, err
	}
	state := stateOf(in.State, actor)
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		return command(csto.CmdDecisionPosition, "decision.position:"+in.Decision+":"+state+":"+nonce(), s.date(in.Date),
			i18n.Sentence("ev.decision.position", name(m, state), i18n.Same(in.Decision), label("position.", in.Position)),
			csto.DecisionPosition{Decision: in.Decision, State: state, Position: in.Position})
	})
	if err != nil {
		return registry.DecisionView{}, err
	}
	return m.Decision(in.Decision, lang)
}

// CloseDecisionInput closes the vote on a draft.
type CloseDecisionInput struct {
	Decision string    `json:"decision,omitempty"`
	Date     edtf.Date `json:"date,omitzero"`
}

// CloseDecision closes a vote; the outcome is computed.
func (s *Service) CloseDecision(ctx context.Context, actor csto.Actor, lang csto.Lang, in CloseDecisionInput) (registry.DecisionView, error) {
	if err := need("decision", in.Decision); err != nil {
		return registry.DecisionView{}, err
	}
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		return command(csto.CmdDecisionClose, "decision.close:"+in.Decision, s.date(in.Date), i18n.Sentence("ev.decision.close", i18n.Same(in.Decision)),
			csto.DecisionClose{Decision: in.Decision})
	})
	if err != nil {
		return registry.DecisionView{}, err
	}
	return m.Decision(in.Decision, lang)
}

// OperationInput creates an operation from an adopted decision.
type OperationInput struct {
	ID       string    `json:"id,omitempty"`
	Decision string    `json:"decision"`
	Host     string    `json:"host"`
	Force    string    `json:"force,omitempty"`
	Name     csto.Text `json:"name"`
	Purpose  csto.Text `json:"purpose,omitzero"`
	Until    edtf.Date `json:"until,omitzero"`
	Date     edtf.Date `json:"date,omitzero"`
}

// CreateOperation creates an operation and returns it.
func (s *Service) CreateOperation(ctx context.Context, actor csto.Actor, lang csto.Lang, in OperationInput) (registry.OperationView, error) {
	for f, v := range map[string]string{"decision": in.Decision, "host": in.Host} {
		if err := need(f, v); err != nil {
			return registry.OperationView{}, err
		}
	}
	host, date, id := strings.ToUpper(in.Host), s.date(in.Date), in.ID
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		if id = in.ID; id == "" {
			id = nextID("op-"+strings.ToLower(host)+"-"+itoa(yearOf(date)), func(x string) bool { return m.Operations[x] != nil })
		}
		org := "csto"
		if d := m.Decisions[in.Decision]; d != nil {
			org = d.Org
		}
		return command(csto.CmdOperationCreate, "operation.create:"+id, date, i18n.Sentence("ev.operation.create", i18n.Of(in.Name), name(m, host)),
			csto.OperationCreate{ID: id, Org: org, Decision: in.Decision, Host: host, Force: in.Force, Name: in.Name, Purpose: in.Purpose, Until: in.Until})
	})
	if err != nil {
		return registry.OperationView{}, err
	}
	return m.Operation(id, lang)
}

// ContingentInput pledges a member state's contingent.
type ContingentInput struct {
	Operation string    `json:"operation,omitempty"`
	State     string    `json:"state,omitempty"`
	Troops    int       `json:"troops,omitempty"`
	Vehicles  int       `json:"vehicles,omitempty"`
	Approx    bool      `json:"approx,omitempty"`
	Units     csto.Text `json:"units,omitzero"`
	Date      edtf.Date `json:"date,omitzero"`
}

// Contingent records a contingent and returns the operation.
func (s *Service) Contingent(ctx context.Context, actor csto.Actor, lang csto.Lang, in ContingentInput) (registry.OperationView, error) {
	if err := need("operation", in.Operation); err != nil {
		return registry.OperationView{}, err
	}
	state := stateOf(in.State, actor)
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		return command(csto.CmdOperationContingent, "operation.contingent:"+in.Operation+":"+state, s.date(in.Date),
			i18n.Sentence("ev.operation.contingent", name(m, state), i18n.Same(in.Operation)),
			csto.OperationContingent{Operation: in.Operation, State: state, Troops: in.Troops, Vehicles: in.Vehicles, Approx: in.Approx, Units: in.Units})
	})
	if err != nil {
		return registry.OperationView{}, err
	}
	return m.Operation(in.Operation, lang)
}

// PhaseInput records a phase an operation reached.
type PhaseInput struct {
	Operation string    `json:"operation,omitempty"`
	Phase     string    `json:"phase"`
	Date      edtf.Date `json:"date,omitzero"`
}

// Phase records a phase and returns the operation.
func (s *Service) Phase(ctx context.Context, actor csto.Actor, lang csto.Lang, in PhaseInput) (registry.OperationView, error) {
	if err := need("operation", in.Operation); err != nil {
		return registry.OperationView{}, err
	}
	if err := need("phase", in.Phase); err != nil {
		return registry.OperationView{}, err
	}
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		return command(csto.CmdOperationPhase, "operation.phase:"+in.Operation+":"+in.Phase, s.date(in.Date),
			i18n.Sentence("ev.operation.phase", i18n.Same(in.Operation), label("phase.", in.Phase)),
			csto.OperationPhase{Operation: in.Operation, Phase: in.Phase})
	})
	if err != nil {
		return registry.OperationView{}, err
	}
	return m.Operation(in.Operation, lang)
}

// ReportInput records an operation's reported total strength.
type ReportInput struct {
	Operation string    `json:"operation,omitempty"`
	Troops    int       `json:"troops,omitempty"`
	Vehicles  int       `json:"vehicles,omitempty"`
	Date      edtf.Date `json:"date,omitzero"`
}

// Report records the reported strength and returns the operation.
func (s *Service) Report(ctx context.Context, actor csto.Actor, lang csto.Lang, in ReportInput) (registry.OperationView, error) {
	if err := need("operation", in.Operation); err != nil {
		return registry.OperationView{}, err
	}
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		return command(csto.CmdOperationReport, "operation.report:"+in.Operation+":"+nonce(), s.date(in.Date),
			i18n.Sentence("ev.operation.report", i18n.Same(in.Operation), i18n.Same(itoa(in.Troops)), i18n.Same(itoa(in.Vehicles))),
			csto.OperationReport{Operation: in.Operation, Troops: in.Troops, Vehicles: in.Vehicles})
	})
	if err != nil {
		return registry.OperationView{}, err
	}
	return m.Operation(in.Operation, lang)
}

// MembershipVerbs maps the membership procedure verbs to command types:
// apply, notice, withdraw and freeze are the state's own acts; admit,
// suspend, reinstate, observer and partner record the Council's decision.
var MembershipVerbs = map[string]string{
	"apply": csto.CmdApply, "notice": csto.CmdNotice, "withdraw": csto.CmdWithdraw, "freeze": csto.CmdFreeze,
	"admit": csto.CmdJoin, "suspend": csto.CmdSuspend, "reinstate": csto.CmdReinstate,
	"observer": csto.CmdObserver, "partner": csto.CmdPartner,
}

// MembershipInput is a membership procedure step.
type MembershipInput struct {
	Verb      string    `json:"-"`
	Org       string    `json:"org,omitempty"` // default csto
	State     string    `json:"state,omitempty"`
	Decision  string    `json:"decision,omitempty"`
	Effective edtf.Date `json:"effective,omitzero"`
	Date      edtf.Date `json:"date,omitzero"`
}

// MembershipResult is a state's status in an organization after a step.
type MembershipResult struct {
	State  string      `json:"state"`
	Org    string      `json:"org"`
	Status csto.Status `json:"status,omitempty"` // empty: no status (former)
	Since  string      `json:"since,omitempty"`
}

// Membership takes a membership procedure step and returns the status.
func (s *Service) Membership(ctx context.Context, actor csto.Actor, in MembershipInput) (MembershipResult, error) {
	typ, ok := MembershipVerbs[in.Verb]
	if !ok {
		return MembershipResult{}, csto.Errorf(csto.Invalid, "verb", "unknown membership step %q", in.Verb)
	}
	state, date, org := stateOf(in.State, actor), s.date(in.Date), orDefault(in.Org, "csto")
	if err := need("state", state); err != nil {
		return MembershipResult{}, err
	}
	m, err := s.submit(ctx, actor, func(m *registry.Model) (csto.Command, error) {
		return command(typ, typ+":"+strings.ToLower(state)+":"+dayID(date)+":"+nonce(), date, i18n.Sentence("ev."+typ, name(m, state), orgName(m, org)),
			csto.MembershipChange{State: state, Org: org, Decision: in.Decision, Effective: in.Effective})
	})
	if err != nil {
		return MembershipResult{}, err
	}
	at := m.StatusAt(state, org, date)
	return MembershipResult{State: state, Org: org, Status: at.Status, Since: at.Since.String()}, nil
}
