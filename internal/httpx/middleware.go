package httpx

import (
	"log/slog"
	"net/http"
	"runtime/debug"
)

// Headers are the security headers of every answer of a surface.
type Headers struct {
	CSP      string // Content-Security-Policy
	Referrer string // Referrer-Policy
}

// Secure sets the security headers of every answer: the surface's
// Content-Security-Policy and Referrer-Policy, no MIME sniffing, no
// framing, and HSTS on requests that came over TLS.
func Secure(hd Headers, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hh := w.Header()
		hh.Set("Content-Security-Policy", hd.CSP)
		hh.Set("X-Content-Type-Options", "nosniff")
		hh.Set("X-Frame-Options", "DENY")
		hh.Set("Referrer-Policy", hd.Referrer)
		if r.TLS != nil {
			hh.Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.ServeHTTP(w, r)
	})
}

// Recover serves h and survives its panics: the panic is logged with its
// stack, and fail answers the request (a 500 problem or page) when
// nothing was written yet; when the answer had begun, the connection is
// cut (http.ErrAbortHandler) so the client does not take half an answer
// for a whole one. The server goes on serving other requests.
func Recover(log *slog.Logger, fail func(w http.ResponseWriter, r *http.Request), h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &startedWriter{ResponseWriter: w}
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			log.Error("panic", "method", r.Method, "path", r.URL.Path, "request_id", w.Header().Get("X-Request-Id"),
				"panic", p, "stack", string(debug.Stack()))
			if sw.started {
				panic(http.ErrAbortHandler)
			}
			fail(w, r)
		}()
		h.ServeHTTP(sw, r)
	})
}

// startedWriter notes whether the answer has begun.
type startedWriter struct {
	http.ResponseWriter
	started bool
}

func (s *startedWriter) WriteHeader(code int) {
	s.started = true
	s.ResponseWriter.WriteHeader(code)
}

func (s *startedWriter) Write(b []byte) (int, error) {
	s.started = true
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (s *startedWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }
