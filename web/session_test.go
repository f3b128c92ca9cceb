package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto/api"
)

// client is a browser without a browser: a cookie jar, no redirects
// followed, and the CSRF token of the last page it saw.
type client struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
	lang string // asked of every page, as a reader who follows its links does
}

func newClient(t *testing.T, srv *httptest.Server) *client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: srv.URL, lang: "en", http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]*)"`)

// do sends a request and returns the response and its body; it keeps the
// page's CSRF token.
func (c *client) do(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
		if q := req.URL.Query(); q.Get("lang") == "" {
			q.Set("lang", c.lang)
			req.URL.RawQuery = q.Encode()
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if m := csrfField.FindStringSubmatch(string(b)); m != nil {
		c.csrf = html.UnescapeString(m[1])
	}
	return resp, string(b)
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req)
}

// post sends a form as is: no CSRF token is added.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

// submit posts a form with the CSRF token of the last page seen.
func (c *client) submit(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	f := url.Values{}
	for k, v := range form {
		f[k] = v
	}
	f.Set("csrf", c.csrf)
	return c.post(path, f)
}

// signIn signs in through the form and fails the test if it does not
// succeed.
func (c *client) signIn(name string) {
	c.t.Helper()
	if resp, body := c.tryPassword(name, password); resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("sign-in as %s: status %d\n%s", name, resp.StatusCode, body)
	}
	c.get("/account") // the session's CSRF token
}

// tryPassword fetches the sign-in form and posts name and pw.
func (c *client) tryPassword(name, pw string) (*http.Response, string) {
	c.t.Helper()
	c.get("/signin")
	return c.submit("/signin", url.Values{"name": {name}, "password": {pw}})
}

// cookie is the cookie the browser would send to /signin (which sees
// the site's cookies and the sign-in form's own).
func (c *client) cookie(name string) *http.Cookie {
	u, _ := url.Parse(c.base + "/signin")
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == name {
			return ck
		}
	}
	return nil
}

func wantStatus(t *testing.T, resp *http.Response, status int, body string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d\n%s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, status, excerpt(body))
	}
}

func wantIn(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q\n%s", w, excerpt(body))
		}
	}
}

func wantNotIn(t *testing.T, body string, nots ...string) {
	t.Helper()
	for _, w := range nots {
		if strings.Contains(body, w) {
			t.Errorf("page shows %q", w)
		}
	}
}

// excerpt is the page's main part, for failure messages.
func excerpt(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000] + "…"
	}
	return body
}

func TestSignIn(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()

	t.Run("HeaderOffersSignIn", func(t *testing.T) {
		c := newClient(t, srv)
		_, body := c.get("/operations")
		wantIn(t, body, `href="/signin?lang=en&amp;next=%2Foperations%3Flang%3Den">Sign in</a>`)
		wantNotIn(t, body, `action="/signout?lang=en"`)
	})
	t.Run("Form", func(t *testing.T) {
		c := newClient(t, srv)
		resp, body := c.get("/signin?next=/operations")
		wantStatus(t, resp, 200, body)
		wantIn(t, body, `<label for="name">Account name</label>`, `autocomplete="current-password"`, `type="password"`, `name="next" value="/operations"`)
		ck := c.cookie("csto_signin")
		if ck == nil || len(ck.Value) < 32 {
			t.Fatal("the sign-in form sets no sign-in token cookie")
		}
		if !strings.Contains(body, `name="csrf" value="`+ck.Value+`"`) {
			t.Error("the form does not echo the sign-in token")
		}
	})
	t.Run("WrongPassword", func(t *testing.T) {
		c := newClient(t, srv)
		resp, body := c.tryPassword("delegate-kaz", "not the password")
		wantStatus(t, resp, http.StatusUnauthorized, body)
		wantIn(t, body, "Wrong account name or password.", `value="delegate-kaz"`, `aria-invalid="true"`)
		if c.cookie("csto_session") != nil {
			t.Error("a failed sign-in set a session cookie")
		}
	})
	t.Run("UnknownName", func(t *testing.T) {
		c := newClient(t, srv)
		resp, body := c.tryPassword("nobody", password)
		wantStatus(t, resp, http.StatusUnauthorized, body)
		wantIn(t, body, "Wrong account name or password.")
	})
	t.Run("ArabicError", func(t *testing.T) {
		c := newClient(t, srv)
		c.lang = "ar"
		resp, body := c.tryPassword("delegate-kaz", "not the password")
		wantStatus(t, resp, http.StatusUnauthorized, body)
		wantIn(t, body, `dir="rtl"`, "اسم الحساب أو كلمة المرور غير صحيحة.")
	})
	t.Run("OK", func(t *testing.T) {
		c := newClient(t, srv)
		c.get("/signin?next=/operations")
		resp, body := c.submit("/signin", url.Values{"name": {"delegate-kaz"}, "password": {password}, "next": {"/operations"}})
		wantStatus(t, resp, http.StatusSeeOther, body)
		if loc := resp.Header.Get("Location"); loc != "/operations?lang=en" {
			t.Errorf("Location %q, want /operations?lang=en", loc)
		}
		set := strings.Join(resp.Header.Values("Set-Cookie"), "\n")
		for _, w := range []string{"csto_session=sess_", "HttpOnly", "SameSite=Strict", "Path=/"} {
			if !strings.Contains(set, w) {
				t.Errorf("Set-Cookie lacks %q:\n%s", w, set)
			}
		}
		if strings.Contains(set, "Secure") {
			t.Error("a plain-HTTP sign-in set a Secure cookie; the browser would not send it back")
		}
		_, body = c.get("/operations")
		wantIn(t, body, `<span class="name" dir="ltr">delegate-kaz</span> <span class="role">Delegate of Kazakhstan</span>`, `action="/signout?lang=en"`)
		wantNotIn(t, body, ">Sign in</a>")
		// A signed-in page is not cached.
		resp, _ = c.get("/operations")
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
			t.Errorf("Cache-Control %q on a signed-in page", cc)
		}
	})
	t.Run("NextStaysOnThisSite", func(t *testing.T) {
		for _, next := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"} {
			c := newClient(t, srv)
			c.get("/signin")
			resp, _ := c.submit("/signin", url.Values{"name": {"delegate-kaz"}, "password": {password}, "next": {next}})
			if loc := resp.Header.Get("Location"); loc != "/account?lang=en" {
				t.Errorf("next=%q: Location %q, want /account?lang=en", next, loc)
			}
		}
	})
	t.Run("NoTokenIs403", func(t *testing.T) {
		c := newClient(t, srv)
		c.get("/signin")
		resp, body := c.post("/signin", url.Values{"name": {"delegate-kaz"}, "password": {password}})
		wantStatus(t, resp, http.StatusForbidden, body)
		resp, body = c.post("/signin", url.Values{"name": {"delegate-kaz"}, "password": {password}, "csrf": {"forged-token-forged-token-forged-token"}})
		wantStatus(t, resp, http.StatusForbidden, body)
		if c.cookie("csto_session") != nil {
			t.Error("a sign-in without its token set a session")
		}
	})
	t.Run("SecureCookies", func(t *testing.T) {
		e2 := newEnv(t)
		e2.h.SecureCookies = true
		srv2 := httptest.NewServer(e2.h)
		defer srv2.Close()
		resp, _ := newClient(t, srv2).get("/signin")
		if set := resp.Header.Get("Set-Cookie"); !strings.Contains(set, "Secure") {
			t.Errorf("behind a TLS proxy: Set-Cookie %q lacks Secure", set)
		}
		tls := httptest.NewTLSServer(e.h)
		defer tls.Close()
		c := newClient(t, tls)
		c.http.Transport = tls.Client().Transport
		c.get("/signin")
		resp, body := c.submit("/signin", url.Values{"name": {"delegate-kaz"}, "password": {password}})
		wantStatus(t, resp, http.StatusSeeOther, body)
		if set := strings.Join(resp.Header.Values("Set-Cookie"), "\n"); !strings.Contains(set, "csto_session=") || !strings.Contains(set, "Secure") {
			t.Errorf("over TLS: Set-Cookie %q lacks a Secure session cookie", set)
		}
	})
	t.Run("AccountPageNeedsSignIn", func(t *testing.T) {
		resp, _ := newClient(t, srv).get("/account")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin?lang=en&next=%2Faccount" {
			t.Errorf("status %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("PostWithoutSession", func(t *testing.T) {
		resp, body := newClient(t, srv).post("/requests", url.Values{"kind": {"assistance"}})
		wantStatus(t, resp, http.StatusUnauthorized, body)
		wantIn(t, body, "Sign in first to take this step.", `action="/signin?lang=en"`)
	})
}

// TestSignOut: signing out ends the session in the store; its cookie no
// longer signs anyone in, not even when replayed.
func TestSignOut(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	c := newClient(t, srv)
	c.signIn("delegate-kaz")
	old := *c.cookie("csto_session")

	resp, body := c.post("/signout", url.Values{})
	wantStatus(t, resp, http.StatusForbidden, body)
	resp, body = c.post("/signout", url.Values{"csrf": {"wrong"}})
	wantStatus(t, resp, http.StatusForbidden, body)
	if _, body := c.get("/account"); !strings.Contains(body, "delegate-kaz") {
		t.Fatal("a sign-out without the CSRF token ended the session")
	}

	resp, body = c.submit("/signout", nil)
	wantStatus(t, resp, http.StatusSeeOther, body)
	if loc := resp.Header.Get("Location"); loc != "/?lang=en" {
		t.Errorf("Location %q", loc)
	}
	if c.cookie("csto_session") != nil {
		t.Error("the session cookie is still set")
	}
	if _, err := e.acc.SessionBySecret(context.Background(), old.Value); err == nil {
		t.Error("the session is still live in the store")
	}
	// The old cookie, replayed, is anonymous.
	replay := newClient(t, srv)
	u, _ := url.Parse(srv.URL)
	replay.http.Jar.SetCookies(u, []*http.Cookie{{Name: "csto_session", Value: old.Value, Path: "/"}})
	resp, _ = replay.get("/account")
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("/account with a signed-out cookie: status %d, want 303 to the sign-in", resp.StatusCode)
	}
	_, body = replay.get("/operations")
	wantIn(t, body, ">Sign in</a>")
	resp, body = replay.post("/requests", url.Values{"kind": {"assistance"}, "csrf": {c.csrf}})
	wantStatus(t, resp, http.StatusUnauthorized, body)
}

// TestRateLimit: five failed sign-ins per account name and per client
// address in 15 minutes; the sixth attempt is 429 with a clear message,
// even with the right password; a success resets the name's count.
func TestRateLimit(t *testing.T) {
	e := newEnv(t)
	// attempt signs in from ip, with the device cookie device (if any),
	// and returns the answer.
	attemptWith := func(ip, device, name, pw string) *httptest.ResponseRecorder {
		t.Helper()
		get := httptest.NewRequest("GET", "/signin", nil)
		get.RemoteAddr = ip + ":1234"
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, get)
		tok := csrfField.FindStringSubmatch(w.Body.String())[1]
		form := url.Values{"name": {name}, "password": {pw}, "csrf": {tok}}
		post := httptest.NewRequest("POST", "/signin", strings.NewReader(form.Encode()))
		post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		cookies := "csto_signin=" + tok
		if device != "" {
			cookies += "; csto_device=" + device
		}
		post.Header.Set("Cookie", cookies)
		post.RemoteAddr = ip + ":1234"
		w = httptest.NewRecorder()
		e.h.ServeHTTP(w, post)
		return w
	}
	attempt := func(ip, name, pw string) *httptest.ResponseRecorder { t.Helper(); return attemptWith(ip, "", name, pw) }
	deviceOf := func(w *httptest.ResponseRecorder) string {
		for _, c := range w.Result().Cookies() {
			if c.Name == "csto_device" {
				return c.Value
			}
		}
		return ""
	}
	t.Run("PerNameDelaysNotLocks", func(t *testing.T) {
		for i := range 5 {
			if w := attempt("192.0.2."+string(rune('1'+i)), "delegate-blr", "wrong password!"); w.Code != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d", i+1, w.Code)
			}
		}
		w := attempt("192.0.2.9", "delegate-blr", password)
		if w.Code != http.StatusTooManyRequests {
			t.Fatalf("sixth attempt at once, right password: status %d, want 429", w.Code)
		}
		wantIn(t, w.Body.String(), "Too many sign-in attempts for this account, from this address or at once.")
		if w.Header().Get("Retry-After") != "1" {
			t.Errorf("Retry-After %q after five failures; want 1 (the first delay)", w.Header().Get("Retry-After"))
		}
		// Each further failure doubles the wait: 1 s, 2 s, 4 s.
		for i, wait := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
			e.clock.Add(wait)
			if w := attempt("192.0.2.9", "delegate-blr", "wrong password!"); w.Code != http.StatusUnauthorized {
				t.Fatalf("delayed failure %d: status %d", i+1, w.Code)
			}
			if w := attempt("192.0.2.9", "delegate-blr", password); w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") != strconv.Itoa(int(2*wait/time.Second)) {
				t.Fatalf("after delayed failure %d: status %d, Retry-After %q", i+1, w.Code, w.Header().Get("Retry-After"))
			}
		}
		// Another account from another address is not held back.
		if w := attempt("198.51.100.1", "delegate-kgz", password); w.Code != http.StatusSeeOther {
			t.Errorf("another account: status %d", w.Code)
		}
		e.clock.Add(8 * time.Second)
		if w := attempt("192.0.2.9", "delegate-blr", password); w.Code != http.StatusSeeOther {
			t.Errorf("after the delay: status %d, want 303", w.Code)
		}
	})
	t.Run("KnownDevicePassesAStrangersFlood", func(t *testing.T) {
		w := attempt("192.0.2.60", "delegate-arm", password)
		dev := deviceOf(w)
		if w.Code != http.StatusSeeOther || dev == "" {
			t.Fatalf("first sign-in: status %d, device cookie %q", w.Code, dev)
		}
		// A stranger guesses for an hour, from many addresses.
		for i := range 40 {
			attempt("203.0.113."+strconv.Itoa(100+i), "delegate-arm", "wrong password!")
			e.clock.Add(90 * time.Second)
		}
		if w := attempt("192.0.2.61", "delegate-arm", password); w.Code != http.StatusTooManyRequests {
			t.Fatalf("an unknown client after the flood: status %d, want 429", w.Code)
		}
		if w := attemptWith("192.0.2.60", dev, "delegate-arm", password); w.Code != http.StatusSeeOther {
			t.Fatalf("the delegation's own browser after the flood: status %d, want 303", w.Code)
		}
		// The device cookie is the account's: it buys nothing for another.
		if w := attemptWith("192.0.2.60", dev, "delegate-blr", "wrong password!"); w.Code != http.StatusUnauthorized && w.Code != http.StatusTooManyRequests {
			t.Fatalf("device of another account: status %d", w.Code)
		}
	})
	t.Run("PerAddress", func(t *testing.T) {
		for i := range 20 {
			if w := attempt("203.0.113.7", "guess-"+strconv.Itoa(i), "wrong password!"); w.Code != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d", i+1, w.Code)
			}
		}
		if w := attempt("203.0.113.7", "delegate-tjk", password); w.Code != http.StatusTooManyRequests {
			t.Errorf("21st name from one address: status %d, want 429", w.Code)
		}
		if w := attempt("203.0.113.8", "delegate-tjk", password); w.Code != http.StatusSeeOther {
			t.Errorf("the same account from another address: status %d, want 303", w.Code)
		}
	})
	t.Run("SuccessResetsTheName", func(t *testing.T) {
		for range 4 {
			attempt("192.0.2.50", "delegate-rus", "wrong password!")
		}
		if w := attempt("192.0.2.51", "delegate-rus", password); w.Code != http.StatusSeeOther {
			t.Fatalf("status %d", w.Code)
		}
		for range 4 {
			attempt("192.0.2.52", "delegate-rus", "wrong password!")
		}
		if w := attempt("192.0.2.53", "delegate-rus", password); w.Code != http.StatusSeeOther {
			t.Errorf("four failures after a success: status %d, want 303", w.Code)
		}
	})
}

// TestSessionSharedWithAPI: the pages and the API keep one kind of
// session in one cookie, so a sign-in on either is valid on both, as
// `csto serve` mounts them.
func TestSessionSharedWithAPI(t *testing.T) {
	e := newEnv(t)
	apiSrv := api.New(e.reg, e.acc, slog.New(slog.NewTextHandler(io.Discard, nil)), e.clock.Now)
	mux := http.NewServeMux()
	mux.Handle("/api/", apiSrv)
	mux.Handle("/", e.h)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	t.Run("WebToAPI", func(t *testing.T) {
		c := newClient(t, srv)
		c.signIn("delegate-kaz")
		resp, body := c.get("/api/v1/me")
		wantStatus(t, resp, 200, body)
		var me api.Me
		if err := json.Unmarshal([]byte(body), &me); err != nil || me.Name != "delegate-kaz" || me.CSRF != c.csrf {
			t.Errorf("/api/v1/me = %s; want delegate-kaz with the page's CSRF token", body)
		}
	})
	t.Run("APIToWeb", func(t *testing.T) {
		c := newClient(t, srv)
		b, _ := json.Marshal(api.SignIn{Name: "secretariat", Password: password})
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/session", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		resp, body := c.do(req)
		wantStatus(t, resp, 200, body)
		// The API's cookie expires at a time of the tests' clock, which a
		// cookie jar on the real clock may find past: keep it anyway.
		var sess *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == api.SessionCookie {
				sess = ck
			}
		}
		if sess == nil {
			t.Fatalf("the API set no %s cookie", api.SessionCookie)
		}
		u, _ := url.Parse(srv.URL)
		c.http.Jar.SetCookies(u, []*http.Cookie{{Name: sess.Name, Value: sess.Value, Path: "/"}})
		resp, body = c.get("/account")
		wantStatus(t, resp, 200, body)
		wantIn(t, body, "<h1>Secretariat: what is under way</h1>")
	})
}
