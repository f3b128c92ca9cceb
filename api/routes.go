package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/service"
)

// Route is one endpoint: how it is called, what it takes and returns (for
// the OpenAPI document), who may call it, and its handler.
type Route struct {
	Method  string
	Pattern string // net/http pattern, e.g. /api/v1/states/{code}
	Summary string
	Tag     string
	Params  []Param // query parameters; path parameters come from Pattern
	Body    any     // a value of the request body's type; nil: none
	Resp    any     // a value of the response's type; nil: 204
	Write   bool    // changes the record (or the caller's session)
	// Live marks a read whose answer depends on more than the model's
	// position, the address, the language and the day (the search index)
	// or that audits what is stored (the events as stored, the chain, the
	// proofs from the tree beside the log): it is never answered from the
	// kept answers (answers.go).
	Live    bool
	Public  bool // callable without credentials
	Created bool // answers 201
	// May, when set, says whether the caller may call the route at all;
	// it is asked before the body is read, so that a caller who may not
	// is refused (403) whatever it sent. The handler (the registry's
	// rules) decides the rest.
	May    func(r *request) error
	Handle func(r *request) (any, error)
	// Raw, when set, writes the response itself (text or a fixed
	// document) instead of Handle; RawType is its media type.
	Raw     func(s *Server) http.HandlerFunc
	RawType string
	// Expensive routes (exports, search, proofs) cost far more than a
	// read of the model: a caller without credentials is held to the
	// server's Expensive limiter per client (429 with Retry-After past it).
	Expensive bool
}

// Param is a query parameter.
type Param struct {
	Name, Type, Description string
}

var (
	pAt       = Param{"at", "edtf", "the date (EDTF, e.g. 2008-07-22, 2008, 1996-23); default today"}
	pRecorded = Param{"recorded", "string", "answer as csto held the record at this time (RFC 3339 or YYYY-MM-DD)"}
	pLang     = Param{"lang", "lang", "language of names and texts: ar, en or ru (else Accept-Language)"}
	pYear     = Param{"year", "integer", "a calendar year"}
)

// Responses of list endpoints.
type (
	// OfficersResponse lists office holders on a date.
	OfficersResponse struct {
		Org      string              `json:"org"`
		At       string              `json:"at"`
		Officers []registry.TermView `json:"officers"`
	}
	// SessionsResponse lists sessions.
	SessionsResponse struct {
		Org      string                 `json:"org"`
		Sessions []registry.SessionView `json:"sessions"`
	}
	// ExercisesResponse is a page of an organization's exercises in date
	// order: how many there are in all, and the cursor of the next page.
	ExercisesResponse struct {
		Org       string                  `json:"org"`
		Exercises []registry.ExerciseView `json:"exercises"`
		Total     int                     `json:"total"`
		Next      int64                   `json:"next,omitempty"`
	}
	// RequestsResponse lists requests.
	RequestsResponse struct {
		Requests []registry.RequestView `json:"requests"`
	}
	// OperationsResponse lists operations.
	OperationsResponse struct {
		Operations []registry.OperationView `json:"operations"`
	}
	// EventView is an event of the log with its hashes.
	EventView struct {
		Seq       int64           `json:"seq"`
		CommandID string          `json:"command_id"`
		Type      string          `json:"type"`
		Date      string          `json:"date"`
		Recorded  time.Time       `json:"recorded"`
		Actor     string          `json:"actor"`
		Command   json.RawMessage `json:"command"`
		PrevHash  string          `json:"prev_hash"`
		Hash      string          `json:"hash"`
	}
	// EventsPage is a page of the log.
	EventsPage struct {
		Events []EventView `json:"events"`
		Next   int64       `json:"next,omitempty"` // pass as ?after= for the next page; absent at the end
	}
	// Health is the answer of /healthz and /readyz.
	Health struct {
		Status      string `json:"status"`
		LogPosition int64  `json:"log_position,omitempty"`
		Detail      string `json:"detail,omitempty"` // degraded: the stored event that does not apply
	}
	// VerifyResult is the state of the hash chain.
	VerifyResult struct {
		OK       bool   `json:"ok"`
		Events   int64  `json:"events"`
		Head     string `json:"head"`
		BadEvent int64  `json:"bad_event,omitempty"`
		Reason   string `json:"reason,omitempty"`
	}
)

// moreRoutes are routes that other files of the package add in their init
// functions (one file per family of endpoints).
var moreRoutes []Route

// Routes returns the route table.
func Routes() []Route {
	return append(baseRoutes(), moreRoutes...)
}

func baseRoutes() []Route {
	return []Route{
		// Queries.
		{Method: "GET", Pattern: "/api/v1/orgs/{org}/members", Tag: "members", Summary: "Members of an organization on a date, with status, since when and how certain",
			Params: []Param{pAt, pRecorded, pLang}, Resp: registry.MemberList{}, Public: true, Handle: getMembers},
		{Method: "GET", Pattern: "/api/v1/orgs/{org}", Tag: "organizations", Summary: "What an organization is: founding, seat, bodies, instruments, members, operations",
			Params: []Param{pAt, pRecorded, pLang}, Resp: registry.OrgView{}, Public: true, Handle: getOrg},
		{Method: "GET", Pattern: "/api/v1/orgs/{org}/chair", Tag: "institutions", Summary: "The chair in a year: recorded, and expected by the rotation rule",
			Params: []Param{pYear, pRecorded}, Resp: registry.ChairYear{}, Public: true, Handle: getChair},
		{Method: "GET", Pattern: "/api/v1/orgs/{org}/officers", Tag: "institutions", Summary: "Office holders on a date",
			Params: []Param{pAt, pRecorded, pLang}, Resp: OfficersResponse{}, Public: true, Handle: getOfficers},
		{Method: "GET", Pattern: "/api/v1/orgs/{org}/sessions", Tag: "institutions", Summary: "Sessions with attendance, documents and decisions",
			Params: []Param{pYear, pRecorded, pLang}, Resp: SessionsResponse{}, Public: true, Handle: getSessions},
		{Method: "GET", Pattern: "/api/v1/orgs/{org}/exercises", Tag: "operations", Summary: "Joint exercises",
			Params: []Param{pYear, pAfter, pLimit, pRecorded, pLang}, Resp: ExercisesResponse{}, Public: true, Handle: getExercises},
		{Method: "GET", Pattern: "/api/v1/sessions/{id}", Tag: "institutions", Summary: "One session",
			Params: []Param{pRecorded, pLang}, Resp: registry.SessionView{}, Public: true, Handle: withModel(func(r *request, m *registry.Model) (any, error) { return m.Session(r.path("id"), r.lang) })},
		{Method: "GET", Pattern: "/api/v1/decisions/{id}", Tag: "institutions", Summary: "One decision, with positions and its computed outcome",
			Params: []Param{pRecorded, pLang}, Resp: registry.DecisionView{}, Public: true, Handle: withModel(func(r *request, m *registry.Model) (any, error) { return m.Decision(r.path("id"), r.lang) })},
		{Method: "GET", Pattern: "/api/v1/requests", Tag: "procedures", Summary: "Requests for assistance (CST Art. 4) and consultations (Art. 2)",
			Params: []Param{pRecorded, pLang}, Resp: RequestsResponse{}, Public: true, Handle: withModel(func(r *request, m *registry.Model) (any, error) {
				return RequestsResponse{Requests: m.RequestList(r.lang)}, nil
			})},
		{Method: "GET", Pattern: "/api/v1/requests/{id}", Tag: "procedures", Summary: "One request and where it stands",
			Params: []Param{pRecorded, pLang}, Resp: registry.RequestView{}, Public: true, Handle: withModel(func(r *request, m *registry.Model) (any, error) { return m.Request(r.path("id"), r.lang) })},
		{Method: "GET", Pattern: "/api/v1/operations", Tag: "operations", Summary: "Operations with contingents and phases",
			Params: []Param{pRecorded, pLang}, Resp: OperationsResponse{}, Public: true, Handle: withModel(func(r *request, m *registry.Model) (any, error) {
				return OperationsResponse{Operations: m.OperationList(r.lang)}, nil
			})},
		{Method: "GET", Pattern: "/api/v1/operations/{id}", Tag: "operations", Summary: "One operation",
			Params: []Param{pRecorded, pLang}, Resp: registry.OperationView{}, Public: true, Handle: withModel(func(r *request, m *registry.Model) (any, error) { return m.Operation(r.path("id"), r.lang) })},
		{Method: "GET", Pattern: "/api/v1/states/{code}", Tag: "members", Summary: "One state's whole record",
			Params: []Param{pAfter, pLimit, pRecorded, pLang}, Resp: registry.StateView{}, Public: true, Handle: getState},
		{Method: "GET", Pattern: "/api/v1/timeline", Tag: "history", Summary: "Dated events in order, with sources and contested claims",
			Params: []Param{{"org", "string", "only events of this organization"}, {"state", "string", "only events involving this state (ISO alpha-3)"},
				{"kind", "string", "only events of this kind or command type"}, {"from", "edtf", "from this date"}, {"to", "edtf", "to this date"}, pAfter, pLimit, pRecorded, pLang},
			Resp: registry.Timeline{}, Public: true, Handle: getTimeline},
		{Method: "GET", Pattern: "/api/v1/events", Tag: "audit", Summary: "The event log, a page at a time, with hashes and actors",
			Params: []Param{{"after", "integer", "events after this position (default 0)"}, pLimit},
			Resp:   EventsPage{}, Public: true, Live: true, Handle: getEvents},
		{Method: "GET", Pattern: "/api/v1/verify", Tag: "audit", Summary: "Recompute the hash chain", Resp: VerifyResult{}, Public: true, Live: true, Handle: getVerify},

		// Operations.
		{Method: "GET", Pattern: "/healthz", Tag: "operations", Summary: "Liveness: the process answers", Resp: Health{}, Public: true,
			Handle: func(*request) (any, error) { return Health{Status: "ok"}, nil }},
		{Method: "GET", Pattern: "/readyz", Tag: "operations", Summary: "Readiness: the store answers, the whole log applies and the server is not shutting down (503 otherwise; \"degraded\" names the stored event that does not apply, while reads answer from the events before it)",
			Resp: Health{}, Public: true, Raw: func(s *Server) http.HandlerFunc { return s.readyz }, RawType: "application/json"},
		{Method: "GET", Pattern: "/metrics", Tag: "operations", Summary: "Prometheus metrics: requests, latencies, events appended, log position",
			Public: true, Raw: func(s *Server) http.HandlerFunc { return s.metrics.serve(s.reg) }, RawType: "text/plain"},
		{Method: "GET", Pattern: "/api/openapi.json", Tag: "operations", Summary: "This document", Public: true,
			Raw: func(s *Server) http.HandlerFunc { return s.openapi }, RawType: "application/json"},

		// Sign-in.
		{Method: "POST", Pattern: "/api/v1/session", Tag: "accounts", Summary: "Sign in with a name and password; sets an HttpOnly session cookie and returns the CSRF token",
			Body: SignIn{}, Resp: Me{}, Write: true, Public: true, Handle: func(r *request) (any, error) { return r.s.signIn(r) }},
		{Method: "DELETE", Pattern: "/api/v1/session", Tag: "accounts", Summary: "Sign out", Write: true, Handle: func(r *request) (any, error) { return r.s.signOut(r) }},
		{Method: "GET", Pattern: "/api/v1/me", Tag: "accounts", Summary: "The signed-in account", Resp: Me{}, Handle: getMe},

		// Procedures.
		{Method: "POST", Pattern: "/api/v1/requests", Tag: "procedures", Summary: "File a request (a member state's delegation)",
			Params: []Param{pLang}, Body: service.RequestInput{}, Resp: registry.RequestView{}, Write: true, Created: true, May: may(csto.CmdRequestFile), Handle: postRequest},
		{Method: "POST", Pattern: "/api/v1/sessions", Tag: "procedures", Summary: "Convene a session (the chair's delegation, or the Secretariat for the chair)",
			Params: []Param{pLang}, Body: service.ConveneInput{}, Resp: registry.SessionView{}, Write: true, Created: true, May: may(csto.CmdSessionConvene), Handle: postSession},
		{Method: "POST", Pattern: "/api/v1/sessions/{id}/attendance", Tag: "procedures", Summary: "Record a state's presence (the Secretariat, or the state's delegation)",
			Params: []Param{pLang}, Body: service.AttendInput{}, Resp: registry.SessionView{}, Write: true, May: may(csto.CmdSessionAttend), Handle: postAttendance},
		{Method: "POST", Pattern: "/api/v1/sessions/{id}/close", Tag: "procedures", Summary: "Close a session and the votes open in it",
			Params: []Param{pLang}, Body: service.CloseSessionInput{}, Resp: registry.SessionView{}, Write: true, May: may(csto.CmdSessionClose), Handle: postSessionClose},
		{Method: "POST", Pattern: "/api/v1/decisions", Tag: "procedures", Summary: "Put a draft decision to an open session",
			Params: []Param{pLang}, Body: service.ProposeInput{}, Resp: registry.DecisionView{}, Write: true, Created: true, May: may(csto.CmdDecisionPropose), Handle: postDecision},
		{Method: "POST", Pattern: "/api/v1/decisions/{id}/positions", Tag: "procedures", Summary: "State a member's position (its delegation)",
			Params: []Param{pLang}, Body: service.PositionInput{}, Resp: registry.DecisionView{}, Write: true, May: may(csto.CmdDecisionPosition), Handle: postPosition},
		{Method: "POST", Pattern: "/api/v1/decisions/{id}/close", Tag: "procedures", Summary: "Close the vote; the outcome is computed under the body's rule",
			Params: []Param{pLang}, Body: service.CloseDecisionInput{}, Resp: registry.DecisionView{}, Write: true, May: may(csto.CmdDecisionClose), Handle: postDecisionClose},
		{Method: "POST", Pattern: "/api/v1/operations", Tag: "operations", Summary: "Create an operation from an adopted decision",
			Params: []Param{pLang}, Body: service.OperationInput{}, Resp: registry.OperationView{}, Write: true, Created: true, May: may(csto.CmdOperationCreate), Handle: postOperation},
		{Method: "POST", Pattern: "/api/v1/operations/{id}/contingents", Tag: "operations", Summary: "Pledge a contingent (the contributing state's delegation)",
			Params: []Param{pLang}, Body: service.ContingentInput{}, Resp: registry.OperationView{}, Write: true, May: may(csto.CmdOperationContingent), Handle: postContingent},
		{Method: "POST", Pattern: "/api/v1/operations/{id}/phases", Tag: "operations", Summary: "Record a phase the operation reached",
			Params: []Param{pLang}, Body: service.PhaseInput{}, Resp: registry.OperationView{}, Write: true, May: may(csto.CmdOperationPhase), Handle: postPhase},
		{Method: "POST", Pattern: "/api/v1/operations/{id}/reports", Tag: "operations", Summary: "Record the operation's reported strength",
			Params: []Param{pLang}, Body: service.ReportInput{}, Resp: registry.OperationView{}, Write: true, May: may(csto.CmdOperationReport), Handle: postReport},
		{Method: "POST", Pattern: "/api/v1/membership/{verb}", Tag: "procedures", Summary: "A membership step: apply, notice, withdraw, freeze (the state); admit, suspend, reinstate, observer, partner (recording the Council's decision)",
			Body: service.MembershipInput{}, Resp: service.MembershipResult{}, Write: true, May: mayMembership, Handle: postMembership},
		{Method: "POST", Pattern: "/api/v1/commands", Tag: "record", Summary: "Submit any command (the Secretariat's record keeping; importers)",
			Body: csto.Command{}, Resp: EventView{}, Write: true, Created: true, Handle: postCommand},
	}
}

func getMembers(r *request) (any, error) {
	at, err := r.date("at", true)
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	return m.Members(r.org(), at, r.lang)
}

func getOrg(r *request) (any, error) {
	at, err := r.date("at", true)
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	return m.Org(r.org(), at, r.lang)
}

func getChair(r *request) (any, error) {
	y, err := r.year("year")
	if err != nil {
		return nil, err
	}
	if y == 0 {
		y = r.s.now().UTC().Year()
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	return m.ChairForYear(r.org(), y)
}

func getOfficers(r *request) (any, error) {
	at, err := r.date("at", true)
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	ts, err := m.Officers(r.org(), at, r.lang)
	return OfficersResponse{Org: r.org(), At: at.String(), Officers: ts}, err
}

func getSessions(r *request) (any, error) {
	y, err := r.year("year")
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	ss, err := m.SessionList(r.org(), y, r.lang)
	return SessionsResponse{Org: r.org(), Sessions: ss}, err
}

func getExercises(r *request) (any, error) {
	y, err := r.year("year")
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	if m.Orgs[r.org()] == nil {
		return nil, csto.Errorf(csto.NotFound, "org", "unknown organization %q", r.org())
	}
	after, limit, err := r.page()
	if err != nil {
		return nil, err
	}
	pg, err := m.ExercisePage(registry.ExerciseFilter{Org: r.org(), Year: y, After: after, Limit: limit}, r.lang)
	if err != nil {
		return nil, err
	}
	return ExercisesResponse{Org: r.org(), Exercises: pg.Exercises, Total: pg.Total, Next: pg.Next}, nil
}

func getTimeline(r *request) (any, error) {
	from, err := r.date("from", false)
	if err != nil {
		return nil, err
	}
	to, err := r.date("to", false)
	if err != nil {
		return nil, err
	}
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	after, limit, err := r.page()
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	return m.Timeline(registry.TimelineFilter{Org: strings.ToLower(q.Get("org")), State: strings.ToUpper(q.Get("state")),
		Kind: q.Get("kind"), From: from, To: to, After: after, Limit: limit}, r.lang)
}

// getState answers a state's record with a page of its events (the
// timeline's cursor and limits).
func getState(r *request) (any, error) {
	m, err := r.model()
	if err != nil {
		return nil, err
	}
	after, limit, err := r.page()
	if err != nil {
		return nil, err
	}
	return m.State(r.path("code"), registry.Page{After: after, Limit: limit}, r.lang)
}

// The lists' pages: ?after= a cursor (a log position), ?limit= 1–maxPage.
const (
	defaultPage = 100
	maxPage     = 1000
)

var (
	pAfter = Param{"after", "integer", "a cursor: the next of the previous page (default: from the first)"}
	pLimit = Param{"limit", "integer", "at most this many (1–1000, default 100)"}
)

// page parses ?after= and ?limit=, the cursor and the size of a page.
func (r *request) page() (after int64, limit int, err error) {
	q := r.URL.Query()
	limit = defaultPage
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return 0, 0, csto.Errorf(csto.Invalid, "after", "%q is not a log position", v)
		}
		after = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPage {
			return 0, 0, csto.Errorf(csto.Invalid, "limit", "%q is not between 1 and %d", v, maxPage)
		}
		limit = n
	}
	return after, limit, nil
}

// withModel is a handler that answers from the model the request reads
// (the current one, or as recorded at ?recorded=).
func withModel(f func(r *request, m *registry.Model) (any, error)) func(*request) (any, error) {
	return func(r *request) (any, error) {
		m, err := r.model()
		if err != nil {
			return nil, err
		}
		return f(r, m)
	}
}

func eventView(e csto.Event) EventView {
	return EventView{Seq: e.Seq, CommandID: e.CommandID, Type: e.Type, Date: e.Date.String(), Recorded: e.Recorded,
		Actor: e.Actor, Command: json.RawMessage(e.Body), PrevHash: e.PrevHash, Hash: e.Hash}
}

func getEvents(r *request) (any, error) {
	after, limit, err := r.page()
	if err != nil {
		return nil, err
	}
	page := EventsPage{Events: []EventView{}}
	// One more than the page: whether there is a next one.
	err = r.s.reg.EventsPage(r.Context(), after, limit+1, func(e csto.Event) error {
		if len(page.Events) == limit {
			page.Next = page.Events[limit-1].Seq
			return nil
		}
		page.Events = append(page.Events, eventView(e))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

func getVerify(r *request) (any, error) {
	m, err := r.s.reg.Refresh(r.Context())
	if err != nil {
		return nil, err
	}
	res := VerifyResult{OK: true, Events: m.Seq, Head: m.Head}
	if err := r.s.reg.Verify(r.Context()); err != nil {
		var ce *csto.ChainError
		if !errors.As(err, &ce) {
			return nil, err
		}
		res.OK, res.BadEvent, res.Reason = false, ce.Seq, ce.Reason
	}
	return res, nil
}

func getMe(r *request) (any, error) {
	csrf := ""
	if r.session != nil {
		csrf = r.session.CSRF
	}
	return me(*r.account, csrf), nil
}

// act decodes the body into in, lets fix apply path parameters, and
// calls do as the request's actor.
func act[T any](r *request, fix func(*T) error, do func(ctx context.Context, in T) (any, error)) (any, error) {
	var in T
	if err := r.body(&in); err != nil {
		return nil, err
	}
	if fix != nil {
		if err := fix(&in); err != nil {
			return nil, err
		}
	}
	return do(r.Context(), in)
}

func postRequest(r *request) (any, error) {
	return act(r, nil, func(ctx context.Context, in service.RequestInput) (any, error) {
		return r.s.svc.FileRequest(ctx, r.actor(), r.lang, in)
	})
}

func postSession(r *request) (any, error) {
	return act(r, nil, func(ctx context.Context, in service.ConveneInput) (any, error) {
		return r.s.svc.Convene(ctx, r.actor(), r.lang, in)
	})
}

func postAttendance(r *request) (any, error) {
	return act(r, func(in *service.AttendInput) error { return samePath(&in.Session, "session", r.path("id")) },
		func(ctx context.Context, in service.AttendInput) (any, error) {
			return r.s.svc.Attend(ctx, r.actor(), r.lang, in)
		})
}

func postSessionClose(r *request) (any, error) {
	return act(r, func(in *service.CloseSessionInput) error { return samePath(&in.Session, "session", r.path("id")) },
		func(ctx context.Context, in service.CloseSessionInput) (any, error) {
			return r.s.svc.CloseSession(ctx, r.actor(), r.lang, in)
		})
}

func postDecision(r *request) (any, error) {
	return act(r, nil, func(ctx context.Context, in service.ProposeInput) (any, error) {
		return r.s.svc.Propose(ctx, r.actor(), r.lang, in)
	})
}

func postPosition(r *request) (any, error) {
	return act(r, func(in *service.PositionInput) error { return samePath(&in.Decision, "decision", r.path("id")) },
		func(ctx context.Context, in service.PositionInput) (any, error) {
			return r.s.svc.Position(ctx, r.actor(), r.lang, in)
		})
}

func postDecisionClose(r *request) (any, error) {
	return act(r, func(in *service.CloseDecisionInput) error { return samePath(&in.Decision, "decision", r.path("id")) },
		func(ctx context.Context, in service.CloseDecisionInput) (any, error) {
			return r.s.svc.CloseDecision(ctx, r.actor(), r.lang, in)
		})
}

func postOperation(r *request) (any, error) {
	return act(r, nil, func(ctx context.Context, in service.OperationInput) (any, error) {
		return r.s.svc.CreateOperation(ctx, r.actor(), r.lang, in)
	})
}

func postContingent(r *request) (any, error) {
	return act(r, func(in *service.ContingentInput) error { return samePath(&in.Operation, "operation", r.path("id")) },
		func(ctx context.Context, in service.ContingentInput) (any, error) {
			return r.s.svc.Contingent(ctx, r.actor(), r.lang, in)
		})
}

func postPhase(r *request) (any, error) {
	return act(r, func(in *service.PhaseInput) error { return samePath(&in.Operation, "operation", r.path("id")) },
		func(ctx context.Context, in service.PhaseInput) (any, error) {
			return r.s.svc.Phase(ctx, r.actor(), r.lang, in)
		})
}

func postReport(r *request) (any, error) {
	return act(r, func(in *service.ReportInput) error { return samePath(&in.Operation, "operation", r.path("id")) },
		func(ctx context.Context, in service.ReportInput) (any, error) {
			return r.s.svc.Report(ctx, r.actor(), r.lang, in)
		})
}

// may is a route's May for the act (a command type) it submits:
// registry.Model.MayTake, the registry's own rule of who acts.
func may(act string) func(r *request) error {
	return func(r *request) error { return r.s.reg.Model().MayTake(r.actor(), act) }
}

// mayMembership is the membership route's May: the step its path names.
func mayMembership(r *request) error {
	if typ, ok := service.MembershipVerbs[r.path("verb")]; ok {
		return may(typ)(r)
	}
	return nil // the handler answers 404
}

func postMembership(r *request) (any, error) {
	verb := r.path("verb")
	if _, ok := service.MembershipVerbs[verb]; !ok {
		return nil, csto.Errorf(csto.NotFound, "verb", "unknown membership step %q", verb)
	}
	return act(r, func(in *service.MembershipInput) error { in.Verb = verb; return nil },
		func(ctx context.Context, in service.MembershipInput) (any, error) {
			return r.s.svc.Membership(ctx, r.actor(), in)
		})
}

func postCommand(r *request) (any, error) {
	return act(r, nil, func(ctx context.Context, c csto.Command) (any, error) {
		evs, err := r.s.reg.Submit(ctx, r.actor(), c)
		if err != nil {
			return nil, err
		}
		return eventView(evs[0]), nil
	})
}
