package account

import (
	"net"
	"net/http"
	"time"
)

// The cookies the web pages and the API share: one session (so a sign-in
// on the pages is valid for the API and the other way round) and one
// device cookie (see SignIn). Both are HttpOnly and SameSite=Strict.
const (
	SessionCookie = "csto_session"
	DeviceCookie  = "csto_device"
)

// Cookie returns the cookie name = secret for path /, living ttl
// (relative Max-Age, so a browser whose clock is off keeps it as long as
// the server does), or clearing it when secret is empty.
func Cookie(name, secret string, ttl time.Duration, secure bool) *http.Cookie {
	c := &http.Cookie{Name: name, Value: secret, Path: "/", HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode,
		MaxAge: int(ttl / time.Second)}
	if secret == "" {
		c.MaxAge = -1
	}
	return c
}

// SetSignedIn sets the cookies of a successful sign-in: the session's,
// and the device's when it is new.
func SetSignedIn(w http.ResponseWriter, in SignedIn, now time.Time, secure bool) {
	http.SetCookie(w, Cookie(SessionCookie, in.Secret, in.Session.Expires.Sub(now), secure))
	if in.Device != "" {
		http.SetCookie(w, Cookie(DeviceCookie, in.Device, DeviceTTL, secure))
	}
}

// ClientAddr is the address the limiter counts: the connection's peer.
func ClientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// DeviceOf returns the device cookie r carries, if any.
func DeviceOf(r *http.Request) string {
	if c, err := r.Cookie(DeviceCookie); err == nil {
		return c.Value
	}
	return ""
}
