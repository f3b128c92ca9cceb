// Package api serves csto's JSON API under /api/v1, its OpenAPI 3.1
// document at /api/openapi.json, and the operational endpoints /healthz,
// /readyz and /metrics. Every route is declared once, in the route table
// (routes.go): the mux, the OpenAPI document and the authorization matrix
// test are all derived from it. Handlers call the same registry queries
// and service methods as the CLI; no rule is written here.
package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/drafts"
	"github.com/csto/csto/internal/httpx"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/search"
	"github.com/csto/csto/service"
	"github.com/csto/csto/translog"
)

// Server is the API handler.
type Server struct {
	reg      *registry.Registry
	svc      *service.Service
	accounts *account.Service
	drafts   *drafts.Service  // nil: the import and review endpoints answer 500
	search   *search.Index    // nil: /api/v1/search answers 500
	signer   *translog.Signer // nil: /api/v1/checkpoint answers 500
	log      *slog.Logger
	now      func() time.Time
	metrics  *metrics
	mux      *http.ServeMux
	handler  http.Handler // mux with httpx's middleware
	ready    atomic.Bool
	answers  answers // encoded anonymous reads at the current log position
	built    built   // research exports and panels, by model and query

	// MaxBody is the largest request body accepted, in bytes.
	MaxBody int64
	// SecureCookies marks session cookies Secure (behind TLS).
	SecureCookies bool
	// AnonymousExportRows is the most rows a dyad-year export answers a
	// caller without credentials (DefaultAnonymousExportRows); a signed-in
	// caller or a token has no limit.
	AnonymousExportRows int
	// Expensive limits the requests of each client without credentials
	// to the Expensive routes (httpx.DefaultExpensiveLimit).
	Expensive *httpx.Limiter
}

// DefaultAnonymousExportRows bounds an anonymous dyad-year export: about
// 8 MB of JSON. All of ATOP, directed, is 273,296 rows (56 MiB).
const DefaultAnonymousExportRows = 50_000

// New returns the API server. It is ready to serve at once; call
// SetReady(false) while shutting down so that /readyz says so.
func New(reg *registry.Registry, accounts *account.Service, log *slog.Logger, now func() time.Time) *Server {
	s := &Server{reg: reg, svc: service.New(reg), accounts: accounts, log: log, now: now,
		metrics: newMetrics(), mux: http.NewServeMux(), MaxBody: 64 << 10, AnonymousExportRows: DefaultAnonymousExportRows,
		Expensive: httpx.NewLimiter(httpx.DefaultExpensiveLimit, nil)}
	s.ready.Store(true)
	s.handler = httpx.Secure(apiHeaders, httpx.Gzip(httpx.Recover(log, s.panicked, s.mux)))
	for _, rt := range Routes() {
		if rt.Raw != nil {
			h := http.Handler(rt.Raw(s))
			if rt.Expensive {
				h = s.limitRaw(h)
			}
			s.mux.Handle(rt.Method+" "+rt.Pattern, h)
			continue
		}
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.endpoint(rt))
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if allow := s.allowed(r); allow != "" {
			httpx.WriteProblem(w, httpx.ProblemFor(&httpx.StatusError{Status: http.StatusMethodNotAllowed, Kind: "method-not-allowed", Allow: allow,
				Msg: fmt.Sprintf("%s does not take %s; it takes %s", r.URL.Path, r.Method, allow)}, requestID(r.Context())))
			return
		}
		httpx.WriteProblem(w, httpx.ProblemFor(csto.Errorf(csto.NotFound, "path", "no such endpoint: %s %s", r.Method, r.URL.Path), requestID(r.Context())))
	})
	return s
}

// allowed returns the methods the route table serves r's path with, for
// the Allow header of a 405 ("" when the path is no endpoint at all).
func (s *Server) allowed(r *http.Request) string {
	var allow []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && pattern != "/" {
			allow = append(allow, m)
		}
	}
	return strings.Join(allow, ", ")
}

// SetReady sets what /readyz reports.
func (s *Server) SetReady(ok bool) { s.ready.Store(ok) }

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if !s.ready.Load() {
		writeJSON(w, http.StatusServiceUnavailable, Health{Status: "shutting down"})
		return
	}
	if _, err := s.reg.Refresh(r.Context()); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, Health{Status: "store unavailable"})
		return
	}
	if bad := s.reg.Degraded(); bad != nil {
		// Reads answer from the events before the bad one; writes are refused.
		writeJSON(w, http.StatusServiceUnavailable, Health{Status: "degraded", LogPosition: s.reg.Model().Seq,
			Detail: "read-only: " + bad.Error()})
		return
	}
	writeJSON(w, http.StatusOK, Health{Status: "ready", LogPosition: s.reg.Model().Seq})
}

type ctxKey int

const requestIDKey ctxKey = 0

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// ServeHTTP adds a request ID, metrics and a structured log line around
// every request, and httpx's security headers, gzip and panic recovery.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get("X-Request-Id")
	if !requestIDPattern.MatchString(id) {
		b := make([]byte, 8)
		rand.Read(b)
		id = hex.EncodeToString(b)
	}
	r = r.WithContext(context.WithValue(r.Context(), requestIDKey, id))
	w.Header().Set("X-Request-Id", id)
	w.Header().Set("Cache-Control", "no-store")
	rec := &recorder{ResponseWriter: w, status: 200}
	start := time.Now()
	defer func() {
		_, pattern := s.mux.Handler(r)
		dur := time.Since(start)
		s.metrics.observe(r.Method, pattern, rec.status, dur)
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("request_id", id), slog.String("method", r.Method),
			slog.String("path", r.URL.Path), slog.Int("status", rec.status), slog.Float64("duration_ms", float64(dur.Microseconds())/1000))
	}()
	s.handler.ServeHTTP(rec, r)
}

// apiHeaders are the API's security headers: it serves no document to
// render, so its policy allows nothing.
var apiHeaders = httpx.Headers{CSP: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'", Referrer: "no-referrer"}

// panicked answers a request whose handler panicked (httpx.Recover has
// logged the stack): a 500 problem naming the request ID.
func (s *Server) panicked(w http.ResponseWriter, r *http.Request) {
	httpx.WriteProblem(w, httpx.ProblemFor(nil, requestID(r.Context())))
}

type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := encodeJSON(v)
	if err != nil {
		httpx.WriteProblem(w, httpx.ProblemFor(err, ""))
		return
	}
	writeBody(w, status, b)
}

// limitRaw holds the callers of a raw Expensive route without
// credentials to the Expensive limit; a bad credential is refused as on
// every route.
func (s *Server) limitRaw(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, hr *http.Request) {
		r := &request{Request: hr, s: s, lang: httpx.Lang(hr), w: w}
		err := s.authenticate(r)
		if err == nil && r.account == nil {
			err = s.Expensive.Allow(hr)
		}
		if err != nil {
			httpx.WriteProblem(w, httpx.ProblemFor(err, requestID(hr.Context())))
			return
		}
		h.ServeHTTP(w, hr)
	})
}

// endpoint adapts a route to an http.Handler: it authenticates, checks
// that writes have an authenticated actor (and CSRF for cookie sessions),
// picks the language, runs the handler and writes the answer or problem.
func (s *Server) endpoint(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, hr *http.Request) {
		r := &request{Request: hr, s: s, lang: httpx.Lang(hr), w: w}
		if err := s.authenticate(r); err != nil {
			httpx.WriteProblem(w, httpx.ProblemFor(err, requestID(hr.Context())))
			return
		}
		if rt.Expensive && r.account == nil {
			if err := s.Expensive.Allow(hr); err != nil {
				httpx.WriteProblem(w, httpx.ProblemFor(err, requestID(hr.Context())))
				return
			}
		}
		if !rt.Public && r.account == nil {
			httpx.WriteProblem(w, httpx.ProblemFor(&csto.Error{Kind: csto.Unauthenticated, Message: "sign in or send an API token (Authorization: Bearer …)"}, requestID(hr.Context())))
			return
		}
		if rt.Write && !rt.Public && r.session != nil {
			if err := httpx.CheckCSRF("X-CSRF-Token", hr.Header.Get("X-CSRF-Token"), r.session.CSRF); err != nil {
				httpx.WriteProblem(w, httpx.ProblemFor(err, requestID(hr.Context())))
				return
			}
		}
		if rt.May != nil {
			if err := rt.May(r); err != nil {
				httpx.WriteProblem(w, httpx.ProblemFor(err, requestID(hr.Context())))
				return
			}
		}
		// An anonymous read is answered from the answers kept for the
		// log's current position when the same address was asked
		// before (answers.go).
		var key string
		var at *registry.Model
		if rt.Method == http.MethodGet && !rt.Write && !rt.Live && r.account == nil {
			if m, err := s.reg.Fresh(hr.Context()); err == nil {
				at = m
				r.current = m
				key = string(r.lang) + " " + s.now().UTC().Format(time.DateOnly) + " " + hr.URL.Path + "?" + hr.URL.RawQuery
				if b, ok := s.answers.get(at.Seq, at.Head, key); ok {
					writeBody(w, http.StatusOK, b)
					return
				}
			}
		}
		v, err := rt.Handle(r)
		if err != nil {
			p := httpx.ProblemFor(err, requestID(hr.Context()))
			if p.Status >= 500 {
				s.log.Error("handler", "request_id", requestID(hr.Context()), "route", rt.Pattern, "err", err)
			}
			httpx.WriteProblem(w, p)
			return
		}
		if v == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		status := http.StatusOK
		if rt.Created {
			status = http.StatusCreated
		}
		if st, ok := v.(streamer); ok {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			if err := st.stream(w); err != nil {
				// The status line is sent: the client sees a truncated body.
				s.log.Error("stream", "request_id", requestID(hr.Context()), "route", rt.Pattern, "err", err)
			}
			return
		}
		if at == nil {
			writeJSON(w, status, v)
			return
		}
		b, err := encodeJSON(v)
		if err != nil {
			httpx.WriteProblem(w, httpx.ProblemFor(err, requestID(hr.Context())))
			return
		}
		s.answers.put(at.Seq, at.Head, key, b)
		writeBody(w, status, b)
	})
}
