package api

import (
	"crypto/subtle"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
)

// SessionCookie is the name of the web session cookie.
const SessionCookie = "csto_session"

// authenticate identifies the caller by a bearer token or a session
// cookie. No credentials is anonymous (public); bad credentials are an
// error, never silently anonymous.
func (s *Server) authenticate(r *request) error {
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return &csto.Error{Kind: csto.Unauthenticated, Field: "Authorization", Message: "use Authorization: Bearer <token>"}
		}
		a, err := s.accounts.TokenAccount(r.Context(), strings.TrimSpace(tok))
		if err != nil {
			return err
		}
		r.account = &a
		return nil
	}
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		sess, err := s.accounts.SessionBySecret(r.Context(), c.Value)
		if err != nil {
			return err
		}
		r.account, r.session, r.secret = &sess.Account, &sess, c.Value
	}
	return nil
}

func validCSRF(r *http.Request, want string) bool {
	got := r.Header.Get("X-CSRF-Token")
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// SignIn is the body of POST /api/v1/session.
type SignIn struct {
	Name     string `json:"name"`
	Password string `json:"password"`
}

// Me describes the signed-in account.
type Me struct {
	Name  string    `json:"name"`
	Role  csto.Role `json:"role"`
	State string    `json:"state,omitempty"`
	Actor string    `json:"actor"`
	CSRF  string    `json:"csrf,omitempty"` // for cookie sessions: echo it in X-CSRF-Token
}

func me(a account.Account, csrf string) Me {
	return Me{Name: a.Name, Role: a.Role, State: a.State, Actor: a.Actor().String(), CSRF: csrf}
}

// signIn checks a password, rate-limited per account name and per client
// address, and starts a cookie session.
func (s *Server) signIn(r *request) (any, error) {
	w := r.w
	var in SignIn
	if err := r.body(&in); err != nil {
		return nil, err
	}
	ip := clientIP(r.Request)
	if !s.Limiter.Allow("name:"+in.Name) || !s.Limiter.Allow("ip:"+ip) {
		return nil, &httpError{status: http.StatusTooManyRequests, kind: "rate-limited", msg: "too many failed sign-ins; try again in 15 minutes"}
	}
	a, err := s.accounts.Authenticate(r.Context(), in.Name, in.Password)
	if err != nil {
		s.Limiter.Fail("name:" + in.Name)
		s.Limiter.Fail("ip:" + ip)
		return nil, err
	}
	s.Limiter.Reset("name:" + in.Name)
	sec, sess, err := s.accounts.CreateSession(r.Context(), a.Name, 12*time.Hour)
	if err != nil {
		return nil, err
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: sec, Path: "/", HttpOnly: true, Secure: s.SecureCookies,
		SameSite: http.SameSiteStrictMode, MaxAge: int(sess.Expires.Sub(s.now()).Seconds())})
	return me(a, sess.CSRF), nil
}

func (s *Server) signOut(r *request) (any, error) {
	w := r.w
	if r.secret != "" {
		if err := s.accounts.EndSession(r.Context(), r.secret); err != nil {
			return nil, err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteStrictMode})
	return nil, nil
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
