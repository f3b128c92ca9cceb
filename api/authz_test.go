package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/csto/csto/api"
)

// The roles of the authorization matrix. On the tests' date (2026-11-28)
// Russia chairs the Council (Kazakhstan chaired it in 2024); Kyrgyzstan
// is the state acted for.
var roles = []string{"public", "delegate:KGZ", "delegate:KAZ", "delegate:RUS", "secretariat", "admin"}

const (
	acting = "delegate:KGZ" // the delegate of the acting state
	other  = "delegate:KAZ" // a delegate of another state, the chair of 2024
	chair  = "delegate:RUS" // the chair's delegate
)

// The matrix's three days: the act's own day (the tests' clock), a past
// day on which Kazakhstan chaired, and a day to come.
const (
	pastDay   = "2024-06-01"
	futureDay = "2099-01-01"
)

// row is one act of the matrix: the path (the route's pattern when
// empty), a body with no date, and the roles allowed to take it today.
// dated says the body takes a "date" (every act does; signing out and
// reference data do not).
type row struct {
	path    string
	body    string
	allowed []string
	dated   bool
}

// matrix lists, for every write route that needs an account, a body
// (and path) and the roles allowed; every other role must be denied.
// TestAuthorizationMatrix fails for a write route missing here, so a new
// route cannot escape the matrix.
var matrix = map[string]row{
	"POST /api/v1/requests":                    {"", `{"kind":"consultations","state":"KGZ"}`, []string{acting}, true},
	"POST /api/v1/sessions":                    {"", `{"kind":"extraordinary"}`, []string{chair, "secretariat"}, true},
	"POST /api/v1/sessions/{id}/attendance":    {"/api/v1/sessions/s-open/attendance", `{"state":"KGZ","presence":"present"}`, []string{acting, "secretariat"}, true},
	"POST /api/v1/sessions/{id}/close":         {"/api/v1/sessions/s-open/close", `{}`, []string{chair, "secretariat"}, true},
	"POST /api/v1/decisions":                   {"", `{"session":"s-open","title":{"ar":"م","en":"D","ru":"Р"}}`, []string{chair, "secretariat"}, true},
	"POST /api/v1/decisions/{id}/positions":    {"/api/v1/decisions/d-open/positions", `{"state":"KGZ","position":"for"}`, []string{acting}, true},
	"POST /api/v1/decisions/{id}/close":        {"/api/v1/decisions/d-open/close", `{}`, []string{chair, "secretariat"}, true},
	"POST /api/v1/operations":                  {"", `{"decision":"d-op2","host":"KGZ","name":{"ar":"ع","en":"Op","ru":"О"}}`, []string{"secretariat"}, true},
	"POST /api/v1/operations/{id}/contingents": {"/api/v1/operations/op-open/contingents", `{"state":"KGZ","troops":10}`, []string{acting}, true},
	"POST /api/v1/operations/{id}/phases":      {"/api/v1/operations/op-open/phases", `{"phase":"deployment-start"}`, []string{"secretariat"}, true},
	"POST /api/v1/operations/{id}/reports":     {"/api/v1/operations/op-open/reports", `{"troops":1}`, []string{"secretariat"}, true},
	"POST /api/v1/membership/{verb}":           {"/api/v1/membership/notice", `{"state":"KGZ","effective":"2027-06-01"}`, []string{acting}, true},
	"POST /api/v1/commands":                    {"", `{"id":"event:new","type":"event.record","sources":["csto-record"],"text":{"ar":"ب","en":"A statement","ru":"З"},"data":{"kind":"statement","states":["KGZ"]}}`, []string{"secretariat"}, true},
	"DELETE /api/v1/session":                   {"", ``, []string{acting, other, chair, "secretariat", "admin"}, false},
}

// extra asserts the Secretariat's record-keeping verbs of membership are
// its own, not a delegation's — even the state concerned — that a
// delegation's own act is its own, that reference data is the
// administrators' and the Secretariat's, and that history is the
// Secretariat's alone: recording that Kazakhstan convened the Council in
// 2024 confers nothing, and no delegate may record it.
var extra = []struct {
	name, path, body string
	allowed          []string
	dated            bool
}{
	{"suspend", "/api/v1/membership/suspend", `{"state":"KGZ","decision":"d-suspend"}`, []string{"secretariat"}, true},
	{"freeze", "/api/v1/membership/freeze", `{"state":"KGZ"}`, []string{acting}, true},
	{"reference", "/api/v1/commands", `{"id":"source:new","type":"source.add","data":{"id":"new","title":"A new source","url":"https://example.org/a/page"}}`, []string{"secretariat", "admin"}, false},
	{"history", "/api/v1/commands", `{"id":"history:kaz-2024","type":"session.convene","history":true,"date":"2024-06-01","sources":["aljazeera-2022-01-06"],"text":{"ar":"ب","en":"A session","ru":"З"},"data":{"id":"s-2024","org":"csto","body":"csc","kind":"extraordinary"}}`, []string{"secretariat"}, false},
}

// setups are further set-up steps, run after setup on every registry of
// the matrix (the draft review endpoints add theirs).
var setups []func(*testing.T, *env)

func TestAuthorizationMatrix(t *testing.T) { onEachBackend(t, authorizationMatrix) }

func authorizationMatrix(t *testing.T, backend string) {
	newEnv := envMaker(t, backend)
	for _, rt := range api.Routes() {
		if !rt.Write || rt.Public {
			continue
		}
		key := rt.Method + " " + rt.Pattern
		m, ok := matrix[key]
		if !ok {
			t.Errorf("%s is a write route with no row in the authorization matrix", key)
			continue
		}
		path := m.path
		if path == "" {
			path = rt.Pattern
		}
		t.Run(key, func(t *testing.T) { checkRoles(t, newEnv, rt.Method, path, m.body, m.allowed, success(rt), m.dated) })
	}
	for _, x := range extra {
		status := http.StatusOK
		if x.path == "/api/v1/commands" {
			status = http.StatusCreated
		}
		// Subtest names without "#": they name the SQLite files.
		t.Run("POST "+x.path+" "+x.name, func(t *testing.T) { checkRoles(t, newEnv, "POST", x.path, x.body, x.allowed, status, x.dated) })
	}
}

// success is the one status an allowed request answers with.
func success(rt api.Route) int {
	switch {
	case rt.Resp == nil:
		return http.StatusNoContent
	case rt.Created:
		return http.StatusCreated
	}
	return http.StatusOK
}

// checkRoles sends the request as every role, each on a registry (made
// by newEnv) set up by setup, and asserts: an allowed role gets exactly
// the route's success status; any other authenticated role 403 under
// the authority rule; the public 401. For an act (dated), it sends the
// request again as every role dated a past day and a future day, which
// every role is refused (400, under the act-date rule: an act takes
// effect the day it is recorded). Each allowed role gets a fresh
// registry; the refusals share one, since a refused request changes
// nothing (each asserts it), which keeps the matrix fast on PostgreSQL,
// where a registry is a database of its own.
func checkRoles(t *testing.T, newEnv func(*testing.T) *env, method, path, body string, allowed []string, status int, dated bool) {
	denied := newEnv(t)
	setup(t, denied)
	for _, role := range roles {
		t.Run(role, func(t *testing.T) {
			allow := false
			for _, a := range allowed {
				allow = allow || a == role
			}
			who := role
			if role == "public" {
				who = ""
			}
			days := []string{""}
			if dated {
				days = append(days, today.Format("2006-01-02"), pastDay, futureDay)
			}
			for _, day := range days {
				e := denied
				act := day == "" || day == today.Format("2006-01-02")
				if allow && act {
					e = newEnv(t)
					setup(t, e)
				}
				e.t = t
				var b any
				if body != "" {
					b = withDate(t, body, day)
				}
				before := e.seq()
				r := e.do(method, path, who, b)
				on := day
				if on == "" {
					on = "no date"
				}
				switch {
				case role == "public":
					if r.status != 401 {
						t.Fatalf("public (%s): %d, want 401: %s", on, r.status, r.body)
					}
				case !act && !allow && never(path, role, allowed):
					// Refused before the body is read, whatever its date.
					if r.status != 403 || !strings.Contains(string(r.body), `"rule":"authority"`) {
						t.Fatalf("%s dated %s: %d %s; want 403 under the authority rule, before the body is read", role, day, r.status, r.body)
					}
				case !act:
					if r.status != 400 || !strings.Contains(string(r.body), `"rule":"act-date"`) {
						t.Fatalf("%s dated %s: %d %s; want 400 under the act-date rule", role, day, r.status, r.body)
					}
				case allow:
					if r.status != status {
						t.Fatalf("%s (%s): %d %s; want %d", role, on, r.status, r.body, status)
					}
					if dated && e.seq() == before {
						t.Fatalf("%s (%s): %d but the log did not change", role, on, r.status)
					}
					continue
				default:
					if r.status != 403 || !strings.Contains(string(r.body), `"rule":"authority"`) {
						t.Fatalf("%s (%s): %d %s; want 403 under the authority rule", role, on, r.status, r.body)
					}
				}
				if e.seq() != before {
					t.Fatalf("%s (%s): a refused request changed the log", role, on)
				}
			}
		})
	}
}

// never reports whether role may never call path, whatever the body
// says: no role of its kind (delegate, secretariat, admin) is allowed
// it. Such a caller is refused before its body is read; a delegate of
// another state, or any caller of /api/v1/commands (which may carry any
// command), is refused by the registry on the command.
func never(path, role string, allowed []string) bool {
	if path == "/api/v1/commands" {
		return false
	}
	kind, _, _ := strings.Cut(role, ":")
	for _, a := range allowed {
		if k, _, _ := strings.Cut(a, ":"); k == kind {
			return false
		}
	}
	return true
}

// TestRefusedBeforeTheBody: a caller who may never take a route's act is
// refused before its body is read. An administrator (who keeps only
// reference data) sending a malformed body to every write route that
// takes one gets 403 under the authority rule, not a 400 about the
// body; the public gets 401; and so does each role the matrix denies
// outright. /api/v1/commands (any command: who may depends on it) and
// the sign-in are the exceptions, and say so.
func TestRefusedBeforeTheBody(t *testing.T) {
	e := newEnv(t)
	setup(t, e)
	seq := e.seq()
	const malformed = `{"kind":`
	send := func(who, method, path string) resp {
		t.Helper()
		return e.do(method, path, who, malformed)
	}
	for _, rt := range api.Routes() {
		if !rt.Write || rt.Public || rt.Body == nil || rt.Pattern == "/api/v1/commands" {
			continue
		}
		key := rt.Method + " " + rt.Pattern
		path := matrix[key].path
		if path == "" {
			path = rt.Pattern
		}
		t.Run(strings.ReplaceAll(key, "/", "_"), func(t *testing.T) {
			e.t = t
			if r := send("admin", rt.Method, path); r.status != 403 || !strings.Contains(string(r.body), `"rule":"authority"`) {
				t.Errorf("admin, malformed body: %d %s; want 403 under the authority rule", r.status, r.body)
			}
			if r := send("", rt.Method, path); r.status != 401 {
				t.Errorf("public, malformed body: %d %s; want 401", r.status, r.body)
			}
			for _, role := range roles[1:] {
				if !never(path, role, matrix[key].allowed) {
					continue
				}
				if r := send(role, rt.Method, path); r.status != 403 {
					t.Errorf("%s, malformed body: %d %s; want 403", role, r.status, r.body)
				}
			}
		})
	}
	e.t = t
	for _, tc := range []struct{ who, path string }{
		{"secretariat", "/api/v1/requests"},                    // no one acts in a state's name but its delegates
		{"delegate:KGZ", "/api/v1/operations"},                 // the Secretariat's record
		{"delegate:KGZ", "/api/v1/membership/suspend"},         // the Council's decision, recorded by the Secretariat
		{"secretariat", "/api/v1/membership/notice"},           // the state's own act
		{"delegate:RUS", "/api/v1/drafts/1/edit"},              // the Secretariat's drafts
		{"delegate:RUS", "/api/v1/operations/op-open/reports"}, // the Secretariat's record
	} {
		if r := send(tc.who, "POST", tc.path); r.status != 403 {
			t.Errorf("%s POST %s, malformed body: %d %s; want 403", tc.who, tc.path, r.status, r.body)
		}
	}
	// Who may take the act still gets the body's error, naming it.
	if r := send("delegate:KGZ", "POST", "/api/v1/requests"); r.status != 400 || !strings.Contains(string(r.body), `"field":"body"`) {
		t.Errorf("KGZ's own request, malformed: %d %s; want 400 naming the body", r.status, r.body)
	}
	if e.seq() != seq {
		t.Error("a refused request changed the log")
	}
}

// withDate returns body with "date" set to day (none when day is empty).
func withDate(t *testing.T, body, day string) string {
	t.Helper()
	if day == "" {
		return body
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	v["date"] = day
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// setup opens, as the Secretariat acting today, a session s-open with an
// open draft d-open, and adopts in it d-op (carried out by an operation
// op-open hosted by Kyrgyzstan), d-op2 (for an operation in Kyrgyzstan
// still to be created) and d-suspend (Kyrgyzstan's suspension), each
// deciding the act the matrix then takes.
func setup(t *testing.T, e *env) {
	t.Helper()
	title := `"title":{"ar":"م","en":"D","ru":"Р"}`
	for _, s := range []struct{ path, body string }{
		{"/api/v1/sessions", `{"id":"s-open","kind":"extraordinary"}`},
		{"/api/v1/decisions", `{"id":"d-open","session":"s-open",` + title + `}`},
		{"/api/v1/decisions", `{"id":"d-op","session":"s-open","subject":{"act":"establish-operation","host":"KGZ"},` + title + `}`},
		{"/api/v1/decisions/d-op/close", `{}`},
		{"/api/v1/decisions", `{"id":"d-op2","session":"s-open","subject":{"act":"establish-operation","host":"KGZ"},` + title + `}`},
		{"/api/v1/decisions/d-op2/close", `{}`},
		{"/api/v1/decisions", `{"id":"d-suspend","session":"s-open","subject":{"act":"suspend","state":"KGZ"},` + title + `}`},
		{"/api/v1/decisions/d-suspend/close", `{}`},
		{"/api/v1/operations", `{"id":"op-open","decision":"d-op","host":"KGZ","name":{"ar":"ع","en":"Op","ru":"О"}}`},
	} {
		if r := e.do("POST", s.path, "secretariat", s.body); r.status >= 300 {
			t.Fatalf("setup %s: %d %s", s.path, r.status, r.body)
		}
	}
	for _, f := range setups {
		f(t, e)
	}
}
