package httpx

import (
	"context"
	"crypto/subtle"
	"net/http"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
)

// Sessions: the web pages and the API keep one kind of session (the
// account package's) in one HttpOnly cookie, so a sign-in on either is
// valid on both; every write of a cookie session carries the session's
// CSRF token, in a form field on the pages and the X-CSRF-Token header
// on the API, checked here for both.

// SecureCookies reports whether cookies set in answer to r must be
// Secure: r came over TLS, or the server says so (behind a TLS proxy).
func SecureCookies(r *http.Request, configured bool) bool { return r.TLS != nil || configured }

// SessionSecret is the session cookie's secret r carries ("" when none).
func SessionSecret(r *http.Request) string {
	if c, err := r.Cookie(account.SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// ClearSession clears the session cookie.
func ClearSession(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, account.Cookie(account.SessionCookie, "", 0, secure))
}

// SignOut ends the session of secret (when there is one) and clears the
// cookie.
func SignOut(ctx context.Context, w http.ResponseWriter, accounts *account.Service, secret string, secure bool) error {
	if secret != "" {
		if err := accounts.EndSession(ctx, secret); err != nil {
			return err
		}
	}
	ClearSession(w, secure)
	return nil
}

// CheckCSRF compares the token a write carried (in field: "csrf" on a
// form, "X-CSRF-Token" on the API) with the session's, in constant time;
// an empty token never matches. A mismatch is a Forbidden error naming
// the field: 403 on both surfaces.
func CheckCSRF(field, got, want string) error {
	if got != "" && want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1 {
		return nil
	}
	return &csto.Error{Kind: csto.Forbidden, Field: field, Message: "missing or wrong CSRF token"}
}
