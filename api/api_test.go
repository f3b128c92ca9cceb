package api_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"fmt"
	"github.com/csto/csto/internal/testenv"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for the account tables on PostgreSQL
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/api"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/sqlite"
	"github.com/csto/csto/translog"
)

// today is the tests' clock, the registry's and the accounts': Russia
// chairs the Council in 2026 (Kazakhstan did in 2024), Armenia's
// participation is frozen.
var today = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// env is a running API on a fresh database (a SQLite file, or a
// PostgreSQL database of its own) with the default history, and an
// account with a token per role.
type env struct {
	t      *testing.T
	srv    *httptest.Server
	api    *api.Server
	reg    *registry.Registry
	acc    *account.Service
	tokens map[string]string // role key → bearer token
	v      validator.Validator
	pubKey string // the checkpoints' verifier key
}

var spec validator.Validator

// newEnv returns an env on SQLite.
func newEnv(t *testing.T) *env { return newEnvOn(t, "sqlite") }

// backends are the stores the API tests run on; onEachBackend runs a
// test as one subtest per backend.
var backends = []string{"sqlite", "postgres"}

func onEachBackend(t *testing.T, fn func(t *testing.T, backend string)) {
	for _, b := range backends {
		t.Run(b, func(t *testing.T) { fn(t, b) })
	}
}

// newEnvOn returns an env on backend: "sqlite", or "postgres" (a database
// of its own on the server CSTO_TEST_POSTGRES names, dropped at the end).
func newEnvOn(t *testing.T, backend string) *env {
	t.Helper()
	dbURL := ""
	if backend == "postgres" {
		dbURL = newPostgresDB(t)
	}
	st, db, dialect := openBackend(t, backend, dbURL)
	reg, acc := openServices(t, st, db, dialect)
	return serveEnv(t, reg, acc, populate(t, reg, acc))
}

// envMaker returns a function that makes a fresh env on backend for a
// subtest of t, for tests that need many. On PostgreSQL each env is a
// database of its own copied from a template that t prepares once (the
// history and the accounts loaded), which is much faster than loading
// each afresh; the template is dropped when t ends.
func envMaker(t *testing.T, backend string) func(*testing.T) *env {
	t.Helper()
	if backend != "postgres" {
		return func(t *testing.T) *env { return newEnvOn(t, backend) }
	}
	tplURL := newPostgresDB(t)
	st, db, dialect := openBackend(t, backend, tplURL)
	reg, acc := openServices(t, st, db, dialect)
	tokens := populate(t, reg, acc)
	st.Close() // a template database must have no connections
	db.Close()
	tpl, err := url.Parse(tplURL)
	if err != nil {
		t.Fatal(err)
	}
	tplName := strings.TrimPrefix(tpl.Path, "/")
	return func(t *testing.T) *env {
		t.Helper()
		dbURL := newPostgresDB(t, tplName)
		st, db, dialect := openBackend(t, backend, dbURL)
		reg, acc := openServices(t, st, db, dialect)
		return serveEnv(t, reg, acc, tokens)
	}
}

// openBackend opens the store and the database/sql handle of the
// account tables: a new SQLite file, or the PostgreSQL database at dbURL.
func openBackend(t testing.TB, backend, dbURL string) (csto.Store, *sql.DB, account.Dialect) {
	t.Helper()
	ctx := context.Background()
	switch backend {
	case "sqlite":
		s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "csto.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s, s.DB(), account.SQLite
	case "postgres":
		s, err := postgres.Open(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		db, err := sql.Open("pgx", dbURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return s, db, account.Postgres
	}
	t.Fatalf("no backend %q", backend)
	return nil, nil, 0
}

// openServices opens the registry on st and the accounts on db, with the
// tests' clock and a cheap password hash.
func openServices(t testing.TB, st csto.Store, db *sql.DB, dialect account.Dialect) (*registry.Registry, *account.Service) {
	t.Helper()
	ctx := context.Background()
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	reg.Now = func() time.Time { return today }
	acc, err := account.Open(ctx, db, dialect)
	if err != nil {
		t.Fatal(err)
	}
	acc.Params = account.Params{Memory: 1024, Time: 1, Threads: 1}
	acc.Now = func() time.Time { return today }
	return reg, acc
}

// populate loads the default history and creates an account with a token
// per role; it returns the tokens by role key.
func populate(t testing.TB, reg *registry.Registry, acc *account.Service) map[string]string {
	t.Helper()
	ctx := context.Background()
	if _, err := dataset.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	tokens := map[string]string{}
	for key, a := range map[string]struct {
		role  csto.Role
		state string
	}{
		"delegate:KGZ": {csto.RoleDelegate, "KGZ"}, "delegate:RUS": {csto.RoleDelegate, "RUS"}, "delegate:KAZ": {csto.RoleDelegate, "KAZ"},
		"delegate:ARM": {csto.RoleDelegate, "ARM"}, "secretariat": {csto.RoleSecretariat, ""}, "admin": {csto.RoleAdmin, ""},
	} {
		name := strings.NewReplacer(":", "-").Replace(strings.ToLower(key))
		if _, err := acc.Add(ctx, name, a.role, a.state, "a long enough password"); err != nil {
			t.Fatal(err)
		}
		tok, _, err := acc.CreateToken(ctx, name, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		tokens[key] = tok
	}
	return tokens
}

// serveEnv starts the API on reg and acc.
func serveEnv(t *testing.T, reg *registry.Registry, acc *account.Service, tokens map[string]string) *env {
	t.Helper()
	e := &env{t: t, reg: reg, acc: acc, tokens: map[string]string{}}
	for k, v := range tokens {
		e.tokens[k] = v
	}
	s := api.New(reg, acc, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return today })
	key, err := translog.LoadKey(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s.SetSigner(key)
	e.api, e.pubKey = s, key.PublicKey()
	e.srv = httptest.NewServer(s)
	t.Cleanup(e.srv.Close)
	e.v = openapiValidator(t)
	return e
}

// newPostgresDB creates a database on the test server for t — empty, or
// a copy of the template database named — dropped when t ends, and
// returns its URL. Without a server it skips t, or fails it under CI=true.
func newPostgresDB(t *testing.T, template ...string) string {
	t.Helper()
	admin := testenv.Postgres(t)
	u, err := url.Parse(admin)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("CSTO_TEST_POSTGRES=%q: want a postgres:// URL", admin)
	}
	name := "csto_t_" + strings.ToLower(rand.Text())
	create := `CREATE DATABASE ` + pgx.Identifier{name}.Sanitize()
	if len(template) > 0 {
		create += ` TEMPLATE ` + pgx.Identifier{template[0]}.Sanitize()
	}
	adminExec(t, admin, create)
	t.Cleanup(func() { dropDatabase(t, admin, name) })
	u.Path = "/" + name
	return u.String()
}

// dropDatabase drops a test's database, trying again for a few seconds
// while the server's own processes (autovacuum) are still connected to
// it: WITH (FORCE) may not end those for a role that is not a superuser.
func dropDatabase(t *testing.T, admin, name string) {
	t.Helper()
	var err error
	for range 50 {
		if err = tryExec(admin, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("drop database %s: %v", name, err)
}

func tryExec(dbURL, sql string) error {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, sql)
	return err
}

func adminExec(t *testing.T, dbURL, sql string) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func openapiValidator(t *testing.T) validator.Validator {
	if spec != nil {
		return spec
	}
	doc, err := libopenapi.NewDocument(api.OpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("the OpenAPI document does not load: %v", errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		for _, e := range verrs {
			t.Errorf("OpenAPI document: %s: %s", e.Message, e.Reason)
		}
		t.FailNow()
	}
	spec = v
	return v
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (r resp) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("response %d is not a JSON object: %v\n%s", r.status, err, r.body)
	}
	return v
}

// do sends a request as who ("" for public), validates the request and
// the response against the OpenAPI document, and returns the response.
func (e *env) do(method, path, who string, body any, hdr ...string) resp {
	e.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		raw, _ = json.Marshal(b)
	}
	req, _ := http.NewRequest(method, e.srv.URL+path, bytes.NewReader(raw))
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[who])
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	hr, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	out, _ := io.ReadAll(hr.Body)
	hr.Body.Close()
	e.validate(req, raw, hr, out)
	return resp{hr.StatusCode, hr.Header, out}
}

// validate checks a well-formed request (2xx or rule refusals) and every
// response against the document.
func (e *env) validate(req *http.Request, body []byte, hr *http.Response, out []byte) {
	e.t.Helper()
	vreq := req.Clone(context.Background())
	vreq.URL.Scheme, vreq.URL.Host, vreq.Host = "", "", ""
	vreq.RequestURI = ""
	vreq.Body = io.NopCloser(bytes.NewReader(body))
	hr.Body = io.NopCloser(bytes.NewReader(out))
	if hr.StatusCode < 300 {
		if ok, errs := e.v.ValidateHttpRequest(vreq); !ok {
			for _, err := range errs {
				e.t.Errorf("%s %s: request does not match the OpenAPI document: %s (%s)", req.Method, req.URL.Path, err.Message, err.Reason)
			}
		}
	}
	vreq.Body = io.NopCloser(bytes.NewReader(body))
	if hr.StatusCode == 404 && strings.Contains(string(out), `"field":"path"`) || hr.StatusCode == 405 {
		return // no such endpoint or method: nothing in the document to match
	}
	if ok, errs := e.v.ValidateHttpResponse(vreq, hr); !ok {
		for _, err := range errs {
			detail := ""
			for _, se := range err.SchemaValidationErrors {
				detail += "\n  " + se.FieldPath + ": " + se.Reason
			}
			e.t.Errorf("%s %s → %d: response does not match the OpenAPI document: %s (%s)%s\n%.600s", req.Method, req.URL.Path, hr.StatusCode, err.Message, err.Reason, detail, out)
		}
	}
}

func (e *env) seq() int64 { return e.reg.Model().Seq }

// TestMembersSameAsCLI checks that the API answers exactly as
// `csto members --json` (the CLI's reviewed golden file).
func TestMembersSameAsCLI(t *testing.T) { onEachBackend(t, membersSameAsCLI) }

func membersSameAsCLI(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	r := e.do("GET", "/api/v1/orgs/csto/members?at=2008-07-22", "", nil)
	if r.status != 200 || r.header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d, type %q", r.status, r.header.Get("Content-Type"))
	}
	want, err := os.ReadFile("../cmd/csto/testdata/members-2008-07-22.json.golden")
	if err != nil {
		t.Fatal(err)
	}
	var a, b any
	if err := json.Unmarshal(r.body, &a); err != nil {
		t.Fatalf("API body: %v: %s", err, r.body)
	}
	if err := json.Unmarshal(want, &b); err != nil {
		t.Fatalf("CLI golden: %v", err)
	}
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("API and CLI differ:\nAPI %s\nCLI %s", r.body, want)
	}
}

func TestReads(t *testing.T) { onEachBackend(t, reads) }

func reads(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	for _, tc := range []struct {
		path string
		want string // in the body
	}{
		{"/api/v1/orgs/csto", `"org":"csto"`},
		{"/api/v1/orgs/csto?lang=ar", `منظمة معاهدة الأمن الجماعي`},
		{"/api/v1/orgs/csto/members?at=1993", `"certainty":"possible"`},
		{"/api/v1/orgs/guam/members?at=2000", `"UZB"`},
		{"/api/v1/orgs/csto/chair?year=2009", `"expected":"BLR"`},
		{"/api/v1/orgs/csto/officers?at=2020-06-01", `"secretary-general"`},
		{"/api/v1/orgs/csto/sessions?year=2022", `csc-2022-11-23`},
		{"/api/v1/orgs/csto/exercises?year=2008", `rubezh`},
		{"/api/v1/sessions/csc-2009-06-14", `boycott`},
		{"/api/v1/decisions/dec-csc-2022-11-23-armenia-assistance", `"outcome":"rejected"`},
		{"/api/v1/requests", `req-kaz-2022-01-05`},
		{"/api/v1/requests/req-kaz-2022-01-05", `"status":"granted"`},
		{"/api/v1/operations", `"total_troops":2030`},
		{"/api/v1/operations/op-kaz-2022", `"host":"KAZ"`},
		{"/api/v1/states/UZB", `"suspended"`},
		{"/api/v1/timeline?from=2022-01&to=2022-01&org=csto", `req-kaz-2022-01-05`},
		{"/api/v1/events?limit=2", `"next":2`},
		{"/api/v1/verify", `"ok":true`},
		{"/api/v1/orgs/csto/members?recorded=2999-01-01", `"ARM"`},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := e.do("GET", tc.path, "", nil)
			if r.status != 200 || !strings.Contains(string(r.body), tc.want) {
				t.Errorf("status %d; body lacks %s:\n%.400s", r.status, tc.want, r.body)
			}
		})
	}
	r := e.do("GET", "/api/v1/orgs/csto/members", "", nil, "Accept-Language", "ru-RU,ru;q=0.9")
	if !strings.Contains(string(r.body), "Россия") {
		t.Errorf("Accept-Language ru ignored: %.200s", r.body)
	}
}

// TestClientMistakes checks that every client mistake gets a problem+json
// 4xx naming the field or rule, and changes nothing.
func TestClientMistakes(t *testing.T) { onEachBackend(t, clientMistakes) }

func clientMistakes(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	big := `{"kind":"assistance","statement":{"en":"` + strings.Repeat("x", 70<<10) + `"}}`
	for _, tc := range []struct {
		name, method, path, who string
		body                    any
		hdr                     []string
		status                  int
		kind, fieldOrRule       string
	}{
		{"ErrBadDate", "GET", "/api/v1/orgs/csto/members?at=2022-13-01", "", nil, nil, 400, "invalid", "at"},
		{"ErrUnknownOrg", "GET", "/api/v1/orgs/nowhere/members", "", nil, nil, 404, "not-found", "org"},
		{"ErrUnknownState", "GET", "/api/v1/states/XYZ", "", nil, nil, 404, "not-found", "state"},
		{"ErrBadYear", "GET", "/api/v1/orgs/csto/chair?year=abc", "", nil, nil, 400, "invalid", "year"},
		{"ErrBadLimit", "GET", "/api/v1/events?limit=0", "", nil, nil, 400, "invalid", "limit"},
		{"ErrNoSuchEndpoint", "GET", "/api/v1/nothing", "", nil, nil, 404, "not-found", "path"},
		{"ErrWriteWithoutCredentials", "POST", "/api/v1/requests", "", map[string]any{"kind": "assistance"}, nil, 401, "unauthenticated", ""},
		{"ErrMalformedJSON", "POST", "/api/v1/requests", "delegate:KGZ", `{"kind": `, nil, 400, "invalid", "body"},
		{"ErrUnknownField", "POST", "/api/v1/requests", "delegate:KGZ", `{"kind":"assistance","urgent":true}`, nil, 400, "invalid", "urgent"},
		{"ErrWrongType", "POST", "/api/v1/requests", "delegate:KGZ", `{"kind":7}`, nil, 400, "invalid", "kind"},
		{"ErrTrailingData", "POST", "/api/v1/requests", "delegate:KGZ", `{"kind":"assistance"} {}`, nil, 400, "invalid", "body"},
		{"ErrInvalidEDTF", "POST", "/api/v1/requests", "delegate:KGZ", `{"kind":"assistance","date":"2024-02-30"}`, nil, 400, "invalid", "date"},
		{"ErrKeyCaseVariant", "POST", "/api/v1/requests", "delegate:KGZ", `{"kind":"consultations","KIND":"assistance"}`, nil, 400, "invalid", "KIND"},
		{"ErrKeyAloneInAnotherCase", "POST", "/api/v1/requests", "delegate:KGZ", `{"Kind":"assistance"}`, nil, 400, "invalid", "Kind"},
		{"ErrKeyTwice", "POST", "/api/v1/requests", "delegate:KGZ", `{"kind":"consultations","kind":"assistance"}`, nil, 400, "invalid", "kind"},
		{"ErrNullBody", "POST", "/api/v1/requests", "delegate:KGZ", `null`, nil, 400, "invalid", "body"},
		{"ErrNullCommand", "POST", "/api/v1/commands", "secretariat", `null`, nil, 400, "invalid", "body"},
		{"ErrCommandKeyCase", "POST", "/api/v1/commands", "secretariat", `{"id":"x:1","type":"event.record","date":"2024","sources":["s"],"text":{"ar":"a","en":"b","ru":"c"},"data":{"kind":"statement","KIND":"x"}}`, nil, 400, "invalid", "data.KIND"},
		{"ErrBidiOverride", "POST", "/api/v1/requests", "delegate:KGZ", `{"kind":"consultations","statement":{"en":"help \u202e"}}`, nil, 400, "invalid", "statement.en"},
		{"ErrBidiIsolateInCommand", "POST", "/api/v1/commands", "secretariat", `{"id":"x:2","type":"event.record","date":"2024","sources":["s"],"text":{"ar":"\u2067a","en":"b","ru":"c"},"data":{"kind":"statement"}}`, nil, 400, "invalid", "text.ar"},
		{"ErrZeroWidthInData", "POST", "/api/v1/commands", "secretariat", `{"id":"x:3","type":"event.record","date":"2024","sources":["s"],"text":{"ar":"a","en":"b","ru":"c"},"data":{"kind":"state\u200bment"}}`, nil, 400, "invalid", "data.kind"},
		{"ErrWrongMethod", "PUT", "/api/v1/requests", "delegate:KGZ", `{}`, nil, 405, "method-not-allowed", ""},
		{"ErrWrongMethodOnHealth", "POST", "/healthz", "", nil, nil, 405, "method-not-allowed", ""},
		{"ErrMissingKind", "POST", "/api/v1/requests", "delegate:KGZ", `{}`, nil, 400, "invalid", "kind"},
		{"ErrOversized", "POST", "/api/v1/requests", "delegate:KGZ", big, nil, 413, "too-large", ""},
		{"ErrWrongContentType", "POST", "/api/v1/requests", "delegate:KGZ", `{"kind":"assistance"}`, []string{"Content-Type", "text/plain"}, 415, "unsupported-media-type", ""},
		{"ErrUnknownStateInBody", "POST", "/api/v1/operations", "secretariat", `{"decision":"dec-csc-2022-01-06-kazakhstan","host":"XYZ","name":{"ar":"x","en":"x","ru":"x"}}`, nil, 404, "not-found", "host"},
		{"ErrOutOfOrder", "POST", "/api/v1/decisions/dec-csc-2022-01-06-kazakhstan/positions", "delegate:KGZ", `{"position":"for"}`, nil, 409, "conflict", "Charter: Council procedure"},
		{"ErrRequestBySuspendedMember", "POST", "/api/v1/requests", "secretariat", `{"kind":"assistance","state":"UZB"}`, nil, 403, "forbidden", "authority"},
		{"ErrForgedToken", "GET", "/api/v1/me", "", nil, []string{"Authorization", "Bearer csto_forged"}, 401, "unauthenticated", ""},
		{"ErrNotBearer", "GET", "/api/v1/me", "", nil, []string{"Authorization", "Basic YWRtaW46eA=="}, 401, "unauthenticated", "Authorization"},
		{"ErrBodyDisagreesWithPath", "POST", "/api/v1/decisions/d1/close", "secretariat", `{"decision":"d2"}`, nil, 400, "invalid", "decision"},
		{"ErrUnknownMembershipStep", "POST", "/api/v1/membership/annex", "secretariat", `{}`, nil, 404, "not-found", "verb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.seq()
			r := e.do(tc.method, tc.path, tc.who, tc.body, tc.hdr...)
			if r.status != tc.status || r.header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("status %d (%s), want %d problem+json: %s", r.status, r.header.Get("Content-Type"), tc.status, r.body)
			}
			p := r.json(t)
			if p["kind"] != tc.kind || p["status"] != float64(tc.status) || p["detail"] == "" {
				t.Errorf("problem %s; want kind %s", r.body, tc.kind)
			}
			if tc.fieldOrRule != "" {
				named := p["rule"] == tc.fieldOrRule
				if errs, ok := p["errors"].([]any); ok && len(errs) > 0 && errs[0].(map[string]any)["field"] == tc.fieldOrRule {
					named = true
				}
				if !named {
					t.Errorf("problem does not name %q: %s", tc.fieldOrRule, r.body)
				}
			}
			if e.seq() != before {
				t.Error("a refused request changed the log")
			}
		})
	}
}

func TestReplayedAndRevokedTokens(t *testing.T) { onEachBackend(t, replayedAndRevokedTokens) }

func replayedAndRevokedTokens(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	ctx := context.Background()
	tok, meta, err := e.acc.CreateToken(ctx, "delegate-kgz", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	e.tokens["fresh"] = tok
	if r := e.do("GET", "/api/v1/me", "fresh", nil); r.status != 200 || r.json(t)["actor"] != "delegate:KGZ@delegate-kgz" {
		t.Fatalf("fresh token: %d %s", r.status, r.body)
	}
	e.acc.RevokeToken(ctx, meta.ID)
	if r := e.do("GET", "/api/v1/me", "fresh", nil); r.status != 401 {
		t.Fatalf("revoked token replayed: %d", r.status)
	}
}

func TestSignInCSRFAndRateLimit(t *testing.T) { onEachBackend(t, signInCSRFAndRateLimit) }

func signInCSRFAndRateLimit(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	r := e.do("POST", "/api/v1/session", "", api.SignIn{Name: "delegate-kgz", Password: "a long enough password"})
	if r.status != 200 {
		t.Fatalf("sign-in: %d %s", r.status, r.body)
	}
	csrf := r.json(t)["csrf"].(string)
	var cookie *http.Cookie
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if c.Name == api.SessionCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("session cookie %+v; want HttpOnly, SameSite=Strict", cookie)
	}
	c := api.SessionCookie + "=" + cookie.Value
	body := map[string]any{"kind": "consultations"}
	if r := e.do("POST", "/api/v1/requests", "", body, "Cookie", c); r.status != 403 || r.json(t)["errors"] == nil {
		t.Fatalf("write without CSRF token: %d %s", r.status, r.body)
	}
	if r := e.do("POST", "/api/v1/requests", "", body, "Cookie", c, "X-CSRF-Token", csrf); r.status != 201 {
		t.Fatalf("write with CSRF token: %d %s", r.status, r.body)
	}
	if r := e.do("DELETE", "/api/v1/session", "", nil, "Cookie", c, "X-CSRF-Token", csrf); r.status != 204 {
		t.Fatalf("sign-out: %d %s", r.status, r.body)
	}
	if r := e.do("GET", "/api/v1/me", "", nil, "Cookie", c); r.status != 401 {
		t.Fatalf("signed-out cookie still works: %d", r.status)
	}
	for i := range 5 {
		if r := e.do("POST", "/api/v1/session", "", api.SignIn{Name: "admin", Password: fmt.Sprintf("wrong %d", i)}); r.status != 401 {
			t.Fatalf("failed sign-in %d: %d", i, r.status)
		}
	}
	if r := e.do("POST", "/api/v1/session", "", api.SignIn{Name: "admin", Password: "a long enough password"}); r.status != 429 || r.header.Get("Retry-After") == "" {
		t.Fatalf("sign-in after 5 failures: %d; want 429 with Retry-After", r.status)
	}
}

func TestOperations(t *testing.T) { onEachBackend(t, operations) }

func operations(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	if r := e.do("GET", "/healthz", "", nil); r.status != 200 {
		t.Errorf("healthz %d", r.status)
	}
	r := e.do("GET", "/readyz", "", nil)
	if r.status != 200 || !strings.Contains(string(r.body), "log_position") {
		t.Errorf("readyz %d %s", r.status, r.body)
	}
	if r := e.do("POST", "/api/v1/requests", "delegate:KGZ", map[string]any{"kind": "consultations"}); r.status != 201 {
		t.Fatalf("request: %d %s", r.status, r.body)
	}
	// As recorded before anything was recorded, csto knew no organization.
	if r := e.do("GET", "/api/v1/orgs/csto/members?recorded=2000-01-01", "", nil); r.status != 404 {
		t.Errorf("members as recorded in 2000: %d", r.status)
	}
	m := e.do("GET", "/metrics", "", nil)
	for _, want := range []string{
		`csto_http_requests_total{method="GET",route="GET /readyz",status="200"} 1`,
		`csto_http_requests_total{method="POST",route="POST /api/v1/requests",status="201"} 1`,
		`csto_http_request_duration_seconds_bucket{route="POST /api/v1/requests",le="+Inf"} 1`,
		fmt.Sprintf("csto_events_appended_total %d", e.reg.Appended()),
		fmt.Sprintf("csto_log_position %d", e.seq()),
	} {
		if !strings.Contains(string(m.body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	for h, want := range map[string]string{"Content-Security-Policy": "frame-ancestors 'none'", "X-Content-Type-Options": "nosniff", "X-Request-Id": ""} {
		if got := r.header.Get(h); got == "" || !strings.Contains(got, want) {
			t.Errorf("header %s = %q", h, got)
		}
	}
	r = e.do("GET", "/api/v1/verify", "", nil, "X-Request-Id", "trace-123")
	if r.header.Get("X-Request-Id") != "trace-123" {
		t.Errorf("request id not echoed: %q", r.header.Get("X-Request-Id"))
	}
}

func TestOpenAPIDocument(t *testing.T) {
	e := newEnv(t)
	r := e.do("GET", "/api/openapi.json", "", nil)
	var doc map[string]any
	if err := json.Unmarshal(r.body, &doc); err != nil || doc["openapi"] != "3.1.0" {
		t.Fatalf("document: %v %v", err, doc["openapi"])
	}
	paths := doc["paths"].(map[string]any)
	for _, rt := range api.Routes() {
		item, ok := paths[rt.Pattern].(map[string]any)
		if !ok || item[strings.ToLower(rt.Method)] == nil {
			t.Errorf("%s %s is not in the document", rt.Method, rt.Pattern)
		}
	}
}
