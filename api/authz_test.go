package api_test

import (
	"strings"
	"testing"

	"github.com/csto/csto/api"
)

// The roles of the authorization matrix. On the tests' date (2024-06-01)
// Kazakhstan chairs the Council; Kyrgyzstan is the state acted for.
var roles = []string{"public", "delegate:KGZ", "delegate:RUS", "delegate:KAZ", "secretariat", "admin"}

const (
	acting = "delegate:KGZ" // the delegate of the acting state
	other  = "delegate:RUS" // a delegate of another state
	chair  = "delegate:KAZ" // the chair's delegate
)

// matrix lists, for every write route that needs an account, a body
// (and path) and the roles allowed; every other role must be denied.
// TestAuthorizationMatrix fails for a write route missing here, so a new
// route cannot escape the matrix.
var matrix = map[string]struct {
	path    string
	body    string
	allowed []string
}{
	"POST /api/v1/requests":                    {"", `{"kind":"consultations","state":"KGZ"}`, []string{acting}},
	"POST /api/v1/sessions":                    {"", `{"kind":"extraordinary"}`, []string{chair, "secretariat"}},
	"POST /api/v1/sessions/{id}/attendance":    {"/api/v1/sessions/s-open/attendance", `{"state":"KGZ","presence":"present"}`, []string{acting, "secretariat"}},
	"POST /api/v1/sessions/{id}/close":         {"/api/v1/sessions/s-open/close", `{}`, []string{chair, "secretariat"}},
	"POST /api/v1/decisions":                   {"", `{"session":"s-open","title":{"ar":"م","en":"D","ru":"Р"}}`, []string{chair, "secretariat"}},
	"POST /api/v1/decisions/{id}/positions":    {"/api/v1/decisions/d-open/positions", `{"state":"KGZ","position":"for"}`, []string{acting}},
	"POST /api/v1/decisions/{id}/close":        {"/api/v1/decisions/d-open/close", `{}`, []string{chair, "secretariat"}},
	"POST /api/v1/operations":                  {"", `{"decision":"d-open","host":"KGZ","name":{"ar":"ع","en":"Op","ru":"О"}}`, []string{"secretariat"}},
	"POST /api/v1/operations/{id}/contingents": {"/api/v1/operations/op-kaz-2022/contingents", `{"state":"KGZ","troops":10}`, []string{acting}},
	"POST /api/v1/operations/{id}/phases":      {"/api/v1/operations/op-kaz-2022/phases", `{"phase":"deployment-complete"}`, []string{"secretariat"}},
	"POST /api/v1/operations/{id}/reports":     {"/api/v1/operations/op-kaz-2022/reports", `{"troops":1}`, []string{"secretariat"}},
	"POST /api/v1/membership/{verb}":           {"/api/v1/membership/notice", `{"state":"KGZ","effective":"2025-01-01"}`, []string{acting}},
	"POST /api/v1/commands":                    {"", `{"id":"source:new","type":"source.add","data":{"id":"new","title":"A new source"}}`, []string{"secretariat", "admin"}},
	"DELETE /api/v1/session":                   {"", ``, []string{acting, other, chair, "secretariat", "admin"}},
}

// extra asserts the Secretariat's record-keeping verbs of membership are
// its own, not a delegation's — even the state concerned.
var extra = []struct {
	path, body string
	allowed    []string
}{
	{"/api/v1/membership/suspend", `{"state":"KGZ","decision":"d-open"}`, []string{"secretariat"}},
	{"/api/v1/membership/freeze", `{"state":"KGZ"}`, []string{acting}},
}

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
		t.Run(key, func(t *testing.T) { checkRoles(t, newEnv, rt.Method, path, m.body, m.allowed) })
	}
	for _, x := range extra {
		t.Run("POST "+x.path, func(t *testing.T) { checkRoles(t, newEnv, "POST", x.path, x.body, x.allowed) })
	}
}

// checkRoles sends the request as every role, each on a registry (made
// by newEnv) with an open session s-open and an open draft d-open, and
// asserts allow or deny. Each allowed role gets a fresh registry; the
// roles to be denied share one, since a denied request changes nothing
// (each asserts it), which keeps the matrix fast on PostgreSQL, where a
// registry is a database of its own.
func checkRoles(t *testing.T, newEnv func(*testing.T) *env, method, path, body string, allowed []string) {
	denied := newEnv(t)
	setup(t, denied)
	for _, role := range roles {
		t.Run(role, func(t *testing.T) {
			allow := false
			for _, a := range allowed {
				allow = allow || a == role
			}
			e := denied
			if allow {
				e = newEnv(t)
				setup(t, e)
			}
			e.t = t
			who := role
			if role == "public" {
				who = ""
			}
			var b any
			if body != "" {
				b = body
			}
			before := e.seq()
			r := e.do(method, path, who, b)
			switch {
			case role == "public":
				if r.status != 401 {
					t.Fatalf("public: %d, want 401: %s", r.status, r.body)
				}
				if e.seq() != before {
					t.Fatal("an anonymous request changed the log")
				}
			case allow:
				if r.status == 401 || r.status == 403 {
					t.Fatalf("%s denied: %d %s", role, r.status, r.body)
				}
			default:
				if r.status != 403 || !strings.Contains(string(r.body), `"rule":"authority"`) {
					t.Fatalf("%s: %d %s; want 403 under the authority rule", role, r.status, r.body)
				}
				if e.seq() != before {
					t.Fatal("a denied request changed the log")
				}
			}
		})
	}
}

func setup(t *testing.T, e *env) {
	t.Helper()
	for _, s := range []struct{ path, body string }{
		{"/api/v1/sessions", `{"id":"s-open","kind":"extraordinary"}`},
		{"/api/v1/decisions", `{"id":"d-open","session":"s-open","title":{"ar":"م","en":"D","ru":"Р"}}`},
	} {
		if r := e.do("POST", s.path, "secretariat", s.body); r.status != 201 {
			t.Fatalf("setup %s: %d %s", s.path, r.status, r.body)
		}
	}
}
