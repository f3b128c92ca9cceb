// Package web serves csto's pages: server-rendered HTML in Arabic,
// English or Russian, with every asset embedded in the binary and no
// request to any other host (the Content-Security-Policy allows only the
// page's own origin). Pages work without JavaScript; one small script
// moves the members map along a time slider.
//
// One file per page family: overview.go (/), members.go (/members: the
// chart and the map), timeline.go, instruments.go, institutions.go
// (chairs, officers, sessions, decisions), operations.go (operations,
// requests, exercises), states.go, audit.go (the event log and its hash
// chain); format.go writes dates. Templates are templates/<page>.html on
// the shared templates/layout.html; the procedure forms are blocks of
// templates/forms.html.
//
// The signed-in part: session.go (sign-in, sign-out, the session cookie
// shared with the API), forms.go (how a form is checked, carried out and,
// when refused, shown again with its messages), acts.go (one handler per
// procedure step, each calling the service the CLI and the API call),
// delegation.go (/account: what the signed-in delegation or the
// Secretariat can do now), imports.go (/imports: the Secretariat's
// import of articles and review of their drafts). The registry decides what is allowed; the
// pages only choose which forms to show.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/drafts"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/importer"
	"github.com/csto/csto/internal/httpx"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/search"
	"github.com/csto/csto/service"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets/*.css assets/*.js assets/*.svg
var assetFS embed.FS

// csp allows the page's own styles, scripts, images and form targets and
// nothing else: no inline script, no inline style, no other host.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Server serves the web pages of one registry.
type Server struct {
	reg      *registry.Registry
	accounts *account.Service // nil: no sign-in; the pages only read
	svc      *service.Service
	search   *search.Index   // nil: /search says it is not configured (SetSearch)
	drafts   *drafts.Service // nil: no /imports (SetDrafts)
	log      *slog.Logger
	now      func() time.Time
	pages    map[string]*template.Template // page name → layout + page
	assets   map[string]asset
	mux      *http.ServeMux
	handler  http.Handler // mux with the shared middleware (httpx)

	// SecureCookies marks cookies Secure on plain HTTP requests too, for
	// a server behind a proxy that terminates TLS. (Requests that arrive
	// over TLS get Secure cookies anyway.)
	SecureCookies bool
	// Expensive limits the searches of each client that is not signed in
	// (httpx.DefaultExpensiveLimit); past it, the 429 page with
	// Retry-After.
	Expensive *httpx.Limiter
}

type asset struct {
	body  []byte
	ctype string
	hash  string // first 12 hex digits of the sha-256: the cache-busting version
}

// New returns the web handler. accounts signs users in (nil: the pages
// only read, with no sign-in); now gives "today" (the default date of
// every page and of every act without a date); tests fix it.
func New(reg *registry.Registry, accounts *account.Service, log *slog.Logger, now func() time.Time) *Server {
	s := &Server{reg: reg, accounts: accounts, svc: service.New(reg), log: log, now: now,
		mux: http.NewServeMux(), assets: map[string]asset{}, Expensive: httpx.NewLimiter(httpx.DefaultExpensiveLimit, nil)}
	s.loadAssets()
	s.parseTemplates()
	s.routes()
	s.handler = httpx.Secure(httpx.Headers{CSP: csp, Referrer: "same-origin"}, httpx.Gzip(httpx.Recover(log, s.panicked, s.mux)))
	return s
}

func (s *Server) routes() {
	for _, r := range []struct {
		pattern string
		h       http.HandlerFunc
	}{
		{"GET /{$}", s.overview},
		{"GET /members", s.members},
		{"GET /obligations", s.obligations},
		{"GET /timeline", s.timeline},
		{"GET /instruments", s.instruments},
		{"GET /instruments/{id}", s.instrument},
		{"GET /institutions", s.institutions},
		{"GET /sessions/{id}", s.session},
		{"GET /decisions/{id}", s.decision},
		{"GET /operations", s.operations},
		{"GET /operations/{id}", s.operation},
		{"GET /exercises", s.exercises},
		{"GET /states/{code}", s.state},
		{"GET /requests/{id}", s.request},
		{"GET /audit", s.audit},
		{"GET /search", s.searchPage},
		{"GET /assets/{name}", s.asset},
		{"GET /", s.notFound},

		// Signing in and out; the signed-in account's page.
		{"GET /signin", s.signinForm},
		{"POST /signin", s.signin},
		{"POST /signout", s.signout},
		{"GET /account", s.account},

		// The procedure steps: one form each, posted here.
		{"POST /requests", s.act(fileRequest)},
		{"POST /sessions", s.act(convene)},
		{"POST /sessions/{id}/attendance", s.act(attend)},
		{"POST /sessions/{id}/decisions", s.act(propose)},
		{"POST /sessions/{id}/close", s.act(closeSession)},
		{"POST /decisions/{id}/positions", s.act(position)},
		{"POST /decisions/{id}/close", s.act(closeDecision)},
		{"POST /operations", s.act(createOperation)},
		{"POST /operations/{id}/contingents", s.act(contingent)},
		{"POST /operations/{id}/phases", s.act(phase)},
		{"POST /operations/{id}/reports", s.act(report)},
		{"POST /membership", s.act(membership)},

		// The Secretariat's review of imported articles (imports.go).
		{"GET /imports", s.imports},
		{"POST /imports", s.importPost},
		{"GET /imports/{batch}", s.importBatch},
		{"POST /drafts/{id}/edit", s.act(draftEdit)},
		{"POST /drafts/{id}/accept", s.act(draftAccept)},
		{"POST /drafts/{id}/reject", s.act(draftReject)},
	} {
		s.mux.HandleFunc(r.pattern, r.h)
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// panicked answers a request whose handler panicked (httpx.Recover has
// logged the stack): the 500 page, in the reader's language.
func (s *Server) panicked(w http.ResponseWriter, r *http.Request) {
	// Nothing of the request is trusted to work again: not the session
	// lookup, not the clock the pages are given.
	p := &page{Lang: httpx.Lang(r), m: s.reg.Model(), r: r, today: edtf.FromDay(edtf.DayFromTime(time.Now().UTC())), s: s}
	s.failStatus(w, p, http.StatusInternalServerError, p.T("web.error.500"))
}

func (s *Server) loadAssets() {
	types := map[string]string{".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml"}
	entries, _ := fs.ReadDir(assetFS, "assets")
	for _, e := range entries {
		b, err := assetFS.ReadFile("assets/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		s.assets[e.Name()] = asset{body: b, ctype: types[path.Ext(e.Name())], hash: hex.EncodeToString(sum[:])[:12]}
	}
}

// asset serves an embedded file. Pages link assets with their hash as
// ?v=, so a changed file gets a new address and can be cached for long.
func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	a, ok := s.assets[r.PathValue("name")]
	if !ok || a.ctype == "" {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", `"`+a.hash+`"`)
	if r.URL.Query().Get("v") == a.hash {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if r.Header.Get("If-None-Match") == `"`+a.hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(a.body)
}

func (s *Server) assetURL(name string) string {
	return "/assets/" + name + "?v=" + s.assets[name].hash
}

func (s *Server) parseTemplates() {
	funcs := template.FuncMap{
		"asset": s.assetURL,
		"add":   func(a, b int) int { return a + b },
		"join":  strings.Join,
	}
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/forms.html"))
	names, _ := fs.Glob(templateFS, "templates/*.html")
	s.pages = map[string]*template.Template{}
	for _, n := range names {
		name := path.Base(n)
		if name == "layout.html" || name == "forms.html" {
			continue
		}
		s.pages[strings.TrimSuffix(name, ".html")] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
	}
}

// newPage starts a page for the request: its language, the signed-in
// account, the current model, today.
func (s *Server) newPage(w http.ResponseWriter, r *http.Request, nav string) *page {
	l := httpx.Lang(r) // ?lang=, the cookie, Accept-Language (httpx)
	httpx.RememberLang(w, r, s.secure(r))
	p := &page{Lang: l, Nav: nav, m: s.reg.Model(), r: r, today: edtf.FromDay(edtf.DayFromTime(s.now().UTC())), s: s}
	s.lookupSession(p, w)
	return p
}

// render writes the page with status. Pages are rendered into a buffer
// first, so a template error becomes a clean 500, not half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, p *page) {
	t := s.pages[name]
	p.name = name
	if status == http.StatusOK && s.serveDownload(w, p) {
		return
	}
	// The content first: the layout's alert about a refused form depends
	// on whether the content showed the form.
	var buf bytes.Buffer
	err := t.ExecuteTemplate(&buf, "content", p)
	if err == nil {
		p.Content = template.HTML(buf.String())
		buf.Reset()
		err = t.ExecuteTemplate(&buf, "layout", p)
	}
	if err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Add("Vary", "Cookie, Accept-Language")
	if p.Account != nil { // the page names the account and holds its CSRF token
		h.Set("Cache-Control", "private, no-store")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail answers a request that cannot be served with the status of the
// error's kind (httpx's table, as the API answers it): 400 for bad input,
// 404 for an unknown entity, 401, 403 and 409 for a refusal, 500 (with a
// generic message, the detail logged) for csto's own faults.
// A refusal (401, 403, 409) says why in the page's language, with the
// registry's words beside it.
func (s *Server) fail(w http.ResponseWriter, p *page, err error) {
	status := httpx.StatusOf(err)
	if status >= 500 {
		s.log.Error("page", "path", p.r.URL.Path, "err", err)
	}
	var ce *csto.Error
	if errors.As(err, &ce) && (status == http.StatusUnauthorized || status == http.StatusForbidden || status == http.StatusConflict) {
		p.Refusal = p.problemOf(ce)
		s.failStatus(w, p, status, "")
		return
	}
	s.failStatus(w, p, status, p.errorMessage(err))
}

func (s *Server) failStatus(w http.ResponseWriter, p *page, status int, msg string) {
	p.Status, p.Error = status, msg
	switch status {
	case http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusConflict, http.StatusTooManyRequests:
		p.Title = p.T("web.error." + strconv.Itoa(status))
	default:
		p.Title = p.T("web.error.500")
	}
	s.render(w, status, "error", p)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "")
	s.failStatus(w, p, http.StatusNotFound, r.URL.Path)
}

// badParam is a 400 error naming a query parameter.
func badParam(name string, err error) error {
	if e, ok := err.(*edtf.Error); ok {
		return csto.Errorf(csto.Invalid, name, "%q is not a date csto reads (%s): write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-09-13), or a period as YYYY-MM/YYYY-MM", e.Input, e.Msg)
	}
	return &csto.Error{Kind: csto.Invalid, Field: name, Message: err.Error()}
}

// typed is a date or number as a reader typed it, trimmed, with
// Arabic-Indic and Persian digits read as ASCII ones ("٢٠٢٢-٠٩-١٣").
func typed(s string) string { return importer.ASCIIDigits(strings.TrimSpace(s)) }

// dateParam reads an EDTF date from the query; empty gives def.
func dateParam(r *http.Request, name string, def edtf.Date) (edtf.Date, error) {
	v := typed(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	d, err := edtf.ParseInput(v)
	if err != nil {
		return def, badParam(name, err)
	}
	return d, nil
}
