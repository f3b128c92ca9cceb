package api

import (
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/internal/httpx"
)

// SessionCookie is the name of the web session cookie.
const SessionCookie = account.SessionCookie

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
	if secret := httpx.SessionSecret(r.Request); secret != "" {
		sess, err := s.accounts.SessionBySecret(r.Context(), secret)
		if err != nil {
			return err
		}
		r.account, r.session, r.secret = &sess.Account, &sess, secret
	}
	return nil
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

// signIn checks a password under the account service's limiter and
// check slots (shared with the web pages) and starts a cookie session.
func (s *Server) signIn(r *request) (any, error) {
	var in SignIn
	if err := r.body(&in); err != nil {
		return nil, err
	}
	done, err := s.accounts.SignIn(r.Context(), account.Attempt{Name: in.Name, Password: in.Password,
		Addr: account.ClientAddr(r.Request), Device: account.DeviceOf(r.Request), Replace: r.secret})
	if err != nil {
		return nil, err
	}
	account.SetSignedIn(r.w, done, s.now(), httpx.SecureCookies(r.Request, s.SecureCookies))
	return me(done.Account, done.Session.CSRF), nil
}

func (s *Server) signOut(r *request) (any, error) {
	return nil, httpx.SignOut(r.Context(), r.w, s.accounts, r.secret, httpx.SecureCookies(r.Request, s.SecureCookies))
}
