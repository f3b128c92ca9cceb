package web_test

import (
	"encoding/json"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The signed-in part in a real browser: a delegation signs in through
// the form (a wrong password first), files a request through the form,
// and the Secretariat, signed in in another browser context (its own
// cookies), finds it on its page and on /operations. The same in Arabic,
// right to left, with a refused field on the way. Every POST without the
// session's CSRF token is refused. No console error anywhere.

// submit clicks a form's submit button and waits for the page it leads
// to; it returns the HTTP status of that page's document.
func (tb *tab) submit(t *testing.T, form string) int64 {
	t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(form+` button[type="submit"]`)))
	if err != nil {
		t.Fatalf("submitting %s: %v", form, err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	return resp.Status
}

// typeIn types text into a field, key by key.
func (tb *tab) typeIn(t *testing.T, sel, text string) {
	t.Helper()
	tb.fill(t, sel, "")
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.CSS(sel), text)); err != nil {
		t.Fatalf("typing in %s: %v", sel, err)
	}
}

// fill sets a field's value at once (typing is slow; typeIn proves it
// works).
func (tb *tab) fill(t *testing.T, sel, text string) {
	t.Helper()
	q, _ := json.Marshal(sel)
	v, _ := json.Marshal(text)
	eval[any](t, tb, `document.querySelector(`+string(q)+`).value = `+string(v))
}

func (tb *tab) text(t *testing.T, sel string) string {
	t.Helper()
	return eval[string](t, tb, `(() => { const e = document.querySelector(`+"`"+sel+"`"+`); return e ? e.textContent : "" })()`)
}

func (tb *tab) path(t *testing.T) string {
	t.Helper()
	return eval[string](t, tb, `location.pathname`)
}

// noErrors fails the test on the console errors the tab saw, but for the
// browser's note of an expected error status ("the server responded with
// a status of 401").
func (tb *tab) noErrors(t *testing.T, expected ...int) {
	t.Helper()
next:
	for _, e := range tb.takeErrors() {
		for _, st := range expected {
			if strings.Contains(e, "status of "+strconv.Itoa(st)) {
				continue next
			}
		}
		t.Errorf("%s", e)
	}
}

// signIn signs in through the form in lang.
func (tb *tab) signIn(t *testing.T, base, lang, name, pw string) int64 {
	t.Helper()
	tb.open(t, base+"/signin?lang="+lang)
	tb.typeIn(t, "#name", name)
	tb.fill(t, "#password", pw)
	return tb.submit(t, "form.signin")
}

func TestBrowserSignInAndRequest(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	ctx := browser(t)
	kaz := newTab(t, ctx, chromedp.WithNewBrowserContext())

	t.Run("WrongPassword", func(t *testing.T) {
		if st := kaz.signIn(t, srv.URL, "en", "delegate-kaz", "not the password"); st != 401 {
			t.Fatalf("status %d, want 401", st)
		}
		if got := kaz.text(t, "#signin-err"); got != "Wrong account name or password." {
			t.Errorf("message %q", got)
		}
		if got := eval[string](t, kaz, `document.getElementById("name").value`); got != "delegate-kaz" {
			t.Errorf("the name field reads %q after the refusal", got)
		}
		if got := eval[string](t, kaz, `document.getElementById("password").getAttribute("aria-invalid")`); got != "true" {
			t.Errorf("the password field is not marked invalid")
		}
		kaz.noErrors(t, 401)
	})
	t.Run("SignIn", func(t *testing.T) {
		if st := kaz.signIn(t, srv.URL, "en", "delegate-kaz", password); st != 200 {
			t.Fatalf("status %d", st)
		}
		if p := kaz.path(t); p != "/account" {
			t.Fatalf("after signing in: %s, want /account", p)
		}
		if got := kaz.text(t, "h1"); got != "My delegation: Kazakhstan" {
			t.Errorf("h1 %q", got)
		}
		if got := kaz.text(t, ".account .who"); !strings.Contains(got, "delegate-kaz") || !strings.Contains(got, "Delegate of Kazakhstan") {
			t.Errorf("header reads %q", got)
		}
		// The session cookie is out of the page's reach.
		if got := eval[string](t, kaz, `document.cookie`); strings.Contains(got, "csto_session") {
			t.Errorf("document.cookie shows the session: %q", got)
		}
		kaz.noErrors(t)
	})
	t.Run("CSRFRequired", func(t *testing.T) {
		// The form without its token, then with a forged one. (A script
		// could not post it: the CSP allows no connection.)
		for _, js := range []string{`document.querySelector('#f-request input[name="csrf"]').remove()`,
			`document.querySelector('#f-request input[name="csrf"]').value = "forged"`} {
			kaz.open(t, srv.URL+"/account")
			eval[any](t, kaz, js)
			if st := kaz.submit(t, "#f-request form"); st != 403 {
				t.Errorf("%s: status %d, want 403", js, st)
			}
			if got := kaz.text(t, "main .error"); !strings.Contains(got, "security token (CSRF)") {
				t.Errorf("the 403 page reads %q", got)
			}
		}
		if n := len(e.reg.Model().Requests); n != 4 {
			t.Errorf("%d requests on record, want the 4 of the history", n)
		}
		kaz.noErrors(t, 403)
		kaz.open(t, srv.URL+"/account")
	})
	t.Run("FileRequest", func(t *testing.T) {
		// Nothing is chosen in advance, and the act has no date: it is
		// recorded today.
		if got := eval[string](t, kaz, `document.getElementById("f-request-kind").value`); got != "" {
			t.Errorf("the request's kind is %q before anything is chosen", got)
		}
		if n := eval[int](t, kaz, `document.querySelectorAll("#f-request input[name=date]").length`); n != 0 {
			t.Error("the request form has a date field")
		}
		if got := kaz.text(t, "#f-request-today"); !strings.Contains(got, "28 November 2026") {
			t.Errorf("the form says %q about its date", got)
		}
		eval[any](t, kaz, `document.getElementById("f-request-kind").value = "assistance"`)
		kaz.typeIn(t, "#f-request-statement", "Unrest in Almaty")
		if st := kaz.submit(t, "#f-request form"); st != 200 {
			t.Fatalf("status %d", st)
		}
		if p := kaz.path(t); p != "/requests/req-kaz-2026-11-28" {
			t.Fatalf("after filing: %s", p)
		}
		if got := kaz.text(t, "main"); !strings.Contains(got, "«Unrest in Almaty»") || !strings.Contains(got, "pending") {
			t.Errorf("the request page reads %q", got)
		}
		kaz.noErrors(t)
	})

	sec := newTab(t, ctx, chromedp.WithNewBrowserContext())
	t.Run("SecretariatSeesIt", func(t *testing.T) {
		sec.open(t, srv.URL+"/account?lang=en")
		if p := sec.path(t); p != "/signin" {
			t.Fatalf("another browser context is signed in already: %s", p)
		}
		if st := sec.signIn(t, srv.URL, "en", "secretariat", password); st != 200 {
			t.Fatalf("status %d", st)
		}
		if got := sec.text(t, `#request-list tr[data-request="req-kaz-2026-11-28"]`); !strings.Contains(got, "Kazakhstan") || !strings.Contains(got, "Unrest in Almaty") {
			t.Errorf("the Secretariat's requests list reads %q", got)
		}
		sec.open(t, srv.URL+"/operations")
		if got := sec.text(t, `tr[data-request="req-kaz-2026-11-28"]`); !strings.Contains(got, "pending") {
			t.Errorf("/operations reads %q for the new request", got)
		}
		if n := eval[int](t, sec, `document.querySelectorAll('form[action="/requests"]').length`); n != 0 {
			t.Error("the Secretariat is offered the request form")
		}
		sec.noErrors(t)
	})
	t.Run("FormPages", func(t *testing.T) {
		// The Secretariat's pages with forms, in both directions: every
		// field labelled, nothing the CSP refuses, no console error.
		for _, path := range []string{"/account", "/operations", "/institutions", "/operations/op-kaz-2022"} {
			for _, lc := range []struct{ lang, dir string }{{"ar", "rtl"}, {"en", "ltr"}} {
				sec.open(t, srv.URL+path+"?lang="+lc.lang)
				if n := eval[int](t, sec, `document.querySelectorAll("section.act form").length`); n == 0 {
					t.Errorf("%s: no form", path)
				}
				if n := eval[int](t, sec, `[...document.querySelectorAll("input:not([type=hidden]), select, textarea")].filter(e => !e.labels || e.labels.length === 0).length`); n != 0 {
					t.Errorf("%s in %s: %d form fields have no label", path, lc.lang, n)
				}
				if got := eval[string](t, sec, `getComputedStyle(document.querySelector("section.act")).direction`); got != lc.dir {
					t.Errorf("%s in %s: the forms run %s", path, lc.lang, got)
				}
				sec.noErrors(t)
			}
		}
	})

	tjk := newTab(t, ctx, chromedp.WithNewBrowserContext())
	t.Run("Arabic", func(t *testing.T) {
		if st := tjk.signIn(t, srv.URL, "ar", "delegate-tjk", password); st != 200 {
			t.Fatalf("status %d", st)
		}
		tjk.open(t, srv.URL+"/operations")
		if got := eval[string](t, tjk, `getComputedStyle(document.querySelector("#f-request form")).direction`); got != "rtl" {
			t.Errorf("the form runs %s", got)
		}
		tjk.typeIn(t, "#f-request-statement", "حادث على الحدود")
		// The kind left unchosen: refused, in Arabic, beside the field.
		if st := tjk.submit(t, "#f-request form"); st != 400 {
			t.Fatalf("no kind: status %d, want 400", st)
		}
		if got := tjk.text(t, "#f-request-kind-err"); !strings.Contains(got, "هذا الحقل مطلوب.") {
			t.Errorf("the kind's message reads %q", got)
		}
		if got := eval[string](t, tjk, `document.getElementById("f-request-kind").getAttribute("aria-describedby")`); got != "f-request-kind-err" {
			t.Errorf("the kind field is described by %q", got)
		}
		// The form kept what was typed; choose the kind and send again.
		if got := eval[string](t, tjk, `document.getElementById("f-request-statement").value`); got != "حادث على الحدود" {
			t.Errorf("the statement reads %q after the refusal", got)
		}
		eval[any](t, tjk, `document.getElementById("f-request-kind").value = "consultations"`)
		if st := tjk.submit(t, "#f-request form"); st != 200 {
			t.Fatalf("status %d", st)
		}
		if p := tjk.path(t); p != "/requests/req-tjk-2026-11-28" {
			t.Fatalf("after filing: %s", p)
		}
		if got := eval[string](t, tjk, `document.documentElement.dir`); got != "rtl" {
			t.Errorf("dir %q", got)
		}
		if got := tjk.text(t, "h1"); got != "طلب مشاورات: طاجيكستان" {
			t.Errorf("h1 %q", got)
		}
		if got := tjk.text(t, "#done"); !strings.Contains(got, "تمّ التسجيل") {
			t.Errorf("the success notice reads %q", got)
		}
		tjk.noErrors(t, 400)
	})
	t.Run("SignOut", func(t *testing.T) {
		if st := tjk.submit(t, "form.signout"); st != 200 {
			t.Fatalf("status %d", st)
		}
		if got := tjk.text(t, ".account"); !strings.Contains(got, "تسجيل الدخول") {
			t.Errorf("the header reads %q after signing out", got)
		}
		tjk.noErrors(t)
	})
	t.Run("Keyboard", func(t *testing.T) {
		// The request form is reachable and sendable by keyboard alone,
		// each stop with a visible focus ring.
		kaz.open(t, srv.URL+"/operations?lang=en")
		if err := chromedp.Do(kaz.ctx, chromedp.Focus(chromedp.CSS("#f-request-kind"))); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"f-request-statement"} {
			if err := chromedp.Do(kaz.ctx, chromedp.KeyEvent("\t")); err != nil {
				t.Fatal(err)
			}
			if got := eval[string](t, kaz, `document.activeElement.id`); got != want {
				t.Fatalf("Tab went to %q, want %q", got, want)
			}
			if got := eval[string](t, kaz, `getComputedStyle(document.activeElement).outlineStyle`); got != "solid" {
				t.Errorf("%s: focus outline %q", want, got)
			}
		}
		if err := chromedp.Do(kaz.ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, kaz, `document.activeElement.textContent`); got != "File the request" {
			t.Errorf("after the statement, Tab went to %q, want the submit button", got)
		}
		kaz.noErrors(t)
	})
}
