package web

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/internal/httpx"
)

// Signing in: /signin shows the form and checks the password (argon2id,
// through account.Service), /signout ends the session. A session is the
// account package's web session, kept in the same HttpOnly cookie as the
// API's (api.SessionCookie), so a sign-in on the pages is valid for the
// API and the other way round. Every POST carries a CSRF token in a
// hidden field: the session's own once signed in; before that, a random
// token the sign-in form echoes from a cookie of its own (so that no other
// site can sign a browser in under an account of its choosing).

const (
	// signinCookie holds the sign-in form's CSRF token.
	signinCookie = "csto_signin"
	sessionTTL   = 12 * time.Hour
	// maxForm is the largest form body accepted.
	maxForm = 64 << 10
)

// lookupSession finds the signed-in account of the request, if any. A cookie
// that names no live session is cleared; a database fault leaves the page
// anonymous (and is logged), so the public pages never fail for it.
func (s *Server) lookupSession(p *page, w http.ResponseWriter) {
	if s.accounts == nil {
		return
	}
	p.SignInOn = true
	secret := httpx.SessionSecret(p.r)
	if secret == "" {
		return
	}
	sess, err := s.accounts.SessionBySecret(p.r.Context(), secret)
	switch {
	case err == nil:
		p.Account, p.CSRF, p.secret = &sess.Account, sess.CSRF, secret
	case csto.ErrorKind(err) == csto.Unauthenticated:
		httpx.ClearSession(w, s.secure(p.r))
	default:
		s.log.Error("session", "err", err)
	}
}

// secure reports whether cookies must be Secure (httpx.SecureCookies).
func (s *Server) secure(r *http.Request) bool { return httpx.SecureCookies(r, s.SecureCookies) }

// csrfRefused answers a form that does not carry the session's CSRF
// token, as the API answers a write without it (httpx.CheckCSRF: 403),
// and reports whether it did.
func (s *Server) csrfRefused(w http.ResponseWriter, p *page) bool {
	err := httpx.CheckCSRF("csrf", p.r.PostForm.Get("csrf"), p.CSRF)
	if err == nil {
		return false
	}
	s.failStatus(w, p, httpx.StatusOf(err), p.T("web.csrf.missing"))
	return true
}

// localPath returns next when it is a path on this site, else def: a
// sign-in never sends the browser to another host.
func localPath(next, def string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return def
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return def
	}
	return next
}

type signinData struct {
	Name, Next, Token string
	Failed            bool // a wrong name or password
	Limited           bool // too many failures
}

// signinForm shows the sign-in form. It sets a fresh sign-in token on
// every visit, unless the browser has one already.
func (s *Server) signinForm(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "")
	if s.accounts == nil {
		s.failStatus(w, p, http.StatusNotFound, r.URL.Path)
		return
	}
	next := localPath(r.URL.Query().Get("next"), "/account")
	if p.Account != nil {
		p.seeOther(w, next)
		return
	}
	s.signinPage(w, p, http.StatusOK, signinData{Next: next})
}

func (s *Server) signinPage(w http.ResponseWriter, p *page, status int, d signinData) {
	d.Token = s.signinToken(w, p.r)
	p.Title = p.T("web.signin.title")
	p.Data = d
	s.render(w, status, "signin", p)
}

// signinToken returns the browser's sign-in token, setting one if it has
// none.
func (s *Server) signinToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(signinCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	b := make([]byte, 32)
	rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: signinCookie, Value: tok, Path: "/signin", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteStrictMode, MaxAge: int(sessionTTL / time.Second)})
	return tok
}

// signin checks a name and password, rate-limited per name and per client
// address, and starts a session: 303 to the page asked for (default: the
// account's own page). A wrong name or password is 401, too many failures
// 429, a missing or wrong sign-in token 403.
func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	formErr := r.ParseForm()
	p := s.newPage(w, r, "")
	if s.accounts == nil {
		s.failStatus(w, p, http.StatusNotFound, r.URL.Path)
		return
	}
	if formErr != nil {
		s.failStatus(w, p, http.StatusBadRequest, formErr.Error())
		return
	}
	var want string
	if c, err := r.Cookie(signinCookie); err == nil {
		want = c.Value
	}
	if err := httpx.CheckCSRF("csrf", r.PostForm.Get("csrf"), want); err != nil {
		s.failStatus(w, p, httpx.StatusOf(err), p.T("web.csrf.signin"))
		return
	}
	name := account.NormalName(r.PostForm.Get("name"))
	d := signinData{Name: name, Next: localPath(r.PostForm.Get("next"), "/account")}
	done, err := s.accounts.SignIn(r.Context(), account.Attempt{Name: name, Password: r.PostForm.Get("password"),
		Addr: account.ClientAddr(r), Device: account.DeviceOf(r), Replace: p.secret, TTL: sessionTTL})
	var limited *account.LimitedError
	switch {
	case errors.As(err, &limited):
		w.Header().Set("Retry-After", strconv.Itoa(limited.RetryAfterSeconds()))
		d.Limited = true
		s.signinPage(w, p, http.StatusTooManyRequests, d)
		return
	case csto.ErrorKind(err) == csto.Unauthenticated:
		d.Failed = true
		s.signinPage(w, p, http.StatusUnauthorized, d)
		return
	case err != nil:
		s.fail(w, p, err)
		return
	}
	account.SetSignedIn(w, done, s.now(), s.secure(r))
	http.SetCookie(w, &http.Cookie{Name: signinCookie, Path: "/signin", MaxAge: -1, HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteStrictMode})
	p.seeOther(w, d.Next)
}

// signout ends the session (POST, with the session's CSRF token) and
// goes to the overview.
func (s *Server) signout(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	formErr := r.ParseForm()
	p := s.newPage(w, r, "")
	switch {
	case s.accounts == nil:
		s.failStatus(w, p, http.StatusNotFound, r.URL.Path)
		return
	case formErr != nil:
		s.failStatus(w, p, http.StatusBadRequest, formErr.Error())
		return
	case p.Account == nil: // signed out already
		p.seeOther(w, "/")
		return
	case s.csrfRefused(w, p):
		return
	}
	if err := httpx.SignOut(r.Context(), w, s.accounts, p.secret, s.secure(r)); err != nil {
		s.fail(w, p, err)
		return
	}
	p.seeOther(w, "/")
}

// RoleName is the signed-in account's role in the page's language, with
// its state for a delegate ("Delegate of Kazakhstan").
func (p *page) RoleName() string {
	a := p.Account
	if a == nil {
		return ""
	}
	if a.Role == csto.RoleDelegate {
		return p.Tf("web.role.delegate_of", p.StateName(a.State))
	}
	return p.Label("web.role.", string(a.Role))
}

// SignInURL is the sign-in page, returning here afterwards.
func (p *page) SignInURL() string {
	if p.r.Method != http.MethodGet || p.r.URL.Path == "/signin" {
		return "/signin"
	}
	return "/signin?next=" + url.QueryEscape(p.r.URL.RequestURI())
}

// the account kinds a page can ask about.
func (p *page) delegate() string {
	if p.Account != nil && p.Account.Role == csto.RoleDelegate {
		return p.Account.State
	}
	return ""
}

func (p *page) secretariat() bool {
	return p.Account != nil && p.Account.Role == csto.RoleSecretariat
}

// actor is the signed-in account as the registry's actor.
func (p *page) actor() csto.Actor {
	if p.Account == nil {
		return csto.Actor{Role: csto.RolePublic}
	}
	return p.Account.Actor()
}
