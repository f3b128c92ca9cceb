package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/api"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/web"
)

// The tests of what the pages share with the API through internal/httpx:
// statuses of refusals, panic recovery, language negotiation and CSRF.

// TestRefusalsInTheReadersLanguage: a refusal is the status of its kind
// (httpx's table, as the API answers it), never a 500, on a page in the
// reader's language: a disabled account signing in is 403, a form posted
// signed out 401, a step the record refuses 409.
func TestRefusalsInTheReadersLanguage(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	if err := e.acc.Disable(context.Background(), "delegate-kgz"); err != nil {
		t.Fatal(err)
	}

	t.Run("Forbidden", func(t *testing.T) {
		c := newClient(t, srv)
		c.lang = "ar-EG,ar;q=0.9"
		resp, body := c.tryPassword("delegate-kgz", password)
		wantStatus(t, resp, http.StatusForbidden, body)
		wantIn(t, body, `<html lang="ar" dir="rtl">`, "<h1>غير مسموح</h1>", "لا يحق لهذا الحساب فتح هذه الصفحة", "this account is disabled")
		if c.cookie("csto_session") != nil {
			t.Error("a disabled account got a session")
		}
	})
	t.Run("Unauthenticated", func(t *testing.T) {
		c := newClient(t, srv)
		c.lang = "ru-RU"
		c.get("/operations")
		resp, body := c.submit("/requests", url.Values{"kind": {"assistance"}, "from": {"operations"}})
		wantStatus(t, resp, http.StatusUnauthorized, body)
		wantIn(t, body, `<html lang="ru"`, "Сначала войдите, чтобы выполнить этот шаг.")
	})
	t.Run("Conflict", func(t *testing.T) {
		c := newClient(t, srv)
		c.lang = "ar"
		c.signIn("delegate-uzb") // Uzbekistan's membership is suspended: it may not file a request
		seq := e.reg.Model().Seq
		resp, body := c.submit("/requests", url.Values{"kind": {"assistance"}, "from": {"operations"}})
		wantStatus(t, resp, http.StatusConflict, body)
		wantIn(t, body, `<html lang="ar" dir="rtl">`, "رفض السجل هذه الخطوة بموجب القاعدة:")
		if got := e.reg.Model().Seq; got != seq {
			t.Errorf("the log grew from %d to %d", seq, got)
		}
	})
}

// syncBuffer is a log that the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestPanicIsA500Page: a handler that panics (here the clock the pages
// are given) answers the 500 page in the reader's language, its stack is
// logged, and the server goes on serving.
func TestPanicIsA500Page(t *testing.T) {
	e := newEnv(t)
	var panicking atomic.Bool
	now := func() time.Time {
		if panicking.Load() {
			panic("the clock broke")
		}
		return e.clock.Now()
	}
	var logs syncBuffer
	h := web.New(e.reg, e.acc, slog.New(slog.NewTextHandler(&logs, nil)), now)
	srv := httptest.NewServer(h)
	defer srv.Close()
	c := newClient(t, srv)
	c.lang = "ar-EG"

	panicking.Store(true)
	resp, body := c.get("/members")
	wantStatus(t, resp, http.StatusInternalServerError, body)
	wantIn(t, body, `<html lang="ar" dir="rtl">`, "<h1>خطأ داخلي</h1>")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type %q", ct)
	}
	if resp.Header.Get("Content-Security-Policy") == "" {
		t.Error("the 500 page lacks the security headers")
	}
	log := logs.String()
	if !strings.Contains(log, "msg=panic") || !strings.Contains(log, "the clock broke") || !strings.Contains(log, "runtime/debug.Stack") || !strings.Contains(log, "path=/members") {
		t.Errorf("the panic and its stack are not logged:\n%.2000s", log)
	}

	panicking.Store(false)
	resp, body = c.get("/members")
	wantStatus(t, resp, http.StatusOK, body)
}

// TestLanguageNegotiation: Accept-Language is matched (ar-EG is Arabic),
// ?lang= overrides it and is remembered in a cookie for the next pages;
// the API negotiates the same way.
func TestLanguageNegotiation(t *testing.T) {
	srv := server(t)
	c := newClient(t, srv)
	c.lang = "ar-EG,ar;q=0.9,en;q=0.5"
	_, body := c.get("/members")
	wantIn(t, body, `<html lang="ar" dir="rtl">`)
	_, body = c.get("/members?lang=ru")
	wantIn(t, body, `<html lang="ru"`)
	_, body = c.get("/members") // the cookie keeps Russian over Accept-Language
	wantIn(t, body, `<html lang="ru"`)

	c = newClient(t, srv)
	c.lang = "fr-FR, ru;q=0.4" // a language csto lacks is passed over
	_, body = c.get("/timeline")
	wantIn(t, body, `<html lang="ru"`)
}

// TestCSRFOnBothSurfaces: one session, signed in on the pages, posts to
// the pages and to the API; without its CSRF token, or with a wrong one,
// both refuse it the same way (403, forbidden) and the log does not
// grow; with it, both carry the step out.
func TestCSRFOnBothSurfaces(t *testing.T) {
	e := newEnv(t)
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(e.reg, e.acc, slog.New(slog.NewTextHandler(io.Discard, nil)), e.clock.Now))
	mux.Handle("/", e.h)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := newClient(t, srv)
	c.signIn("delegate-kaz")
	token := c.csrf
	seq := e.reg.Model().Seq

	apiPost := func(tok string) (*http.Response, string) {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/requests", strings.NewReader(`{"kind":"consultations"}`))
		req.Header.Set("Content-Type", "application/json")
		if tok != "" {
			req.Header.Set("X-CSRF-Token", tok)
		}
		return c.do(req)
	}
	for _, tok := range []string{"", token + "x"} {
		resp, body := c.post("/requests", url.Values{"kind": {"consultations"}, "from": {"operations"}, "csrf": {tok}})
		wantStatus(t, resp, http.StatusForbidden, body)
		wantIn(t, body, "The form did not carry your session&#39;s security token (CSRF)")

		resp, body = apiPost(tok)
		wantStatus(t, resp, http.StatusForbidden, body)
		var p struct {
			Kind   string
			Errors []struct{ Field string }
		}
		if err := json.Unmarshal([]byte(body), &p); err != nil || p.Kind != "forbidden" || len(p.Errors) != 1 || p.Errors[0].Field != "X-CSRF-Token" {
			t.Errorf("API without a good token: %s", body)
		}
	}
	if got := e.reg.Model().Seq; got != seq {
		t.Fatalf("the log grew from %d to %d", seq, got)
	}
	resp, body := c.submit("/requests", url.Values{"kind": {"consultations"}, "from": {"operations"}})
	wantStatus(t, resp, http.StatusSeeOther, body)
	resp, body = apiPost(token)
	wantStatus(t, resp, http.StatusCreated, body)
	if got := e.reg.Model().Seq; got != seq+2 {
		t.Errorf("log at %d, want %d (one request from each surface)", got, seq+2)
	}
}

// TestFormsOfferedAreWhatTheRegistryAccepts: a page offers a form exactly
// when registry.Model.Offer allows the act, and what it offers the record
// accepts, what it withholds the record refuses. Armenia (participation
// frozen) and Uzbekistan (suspended) are offered neither a position nor a
// request; Kazakhstan and Russia are; the Secretariat and the
// administrator take no position in a state's name.
func TestFormsOfferedAreWhatTheRegistryAccepts(t *testing.T) {
	e := newEnv(t)
	openCouncil(t, e)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	day := edtf.FromDay(edtf.DayFromTime(today))
	names := []string{"delegate-arm", "delegate-uzb", "delegate-kaz", "delegate-rus", "secretariat", "admin"}
	offered := map[string]bool{}
	for _, name := range names {
		a, err := e.acc.ByName(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		m := e.reg.Model()
		position := m.Offer(a.Actor(), csto.CmdDecisionPosition, a.State, "csto", day) == nil
		request := m.Offer(a.Actor(), csto.CmdRequestFile, a.State, "csto", day) == nil
		offered[name] = position
		c := newClient(t, srv)
		c.signIn(name)
		_, body := c.get("/decisions/" + decID)
		if got := strings.Contains(body, `action="/decisions/`+decID+`/positions?lang=en"`); got != position {
			t.Errorf("%s: the decision page offers a position: %v; Offer says %v", name, got, position)
		}
		_, body = c.get("/operations")
		if got := strings.Contains(body, `action="/requests?lang=en"`); got != request {
			t.Errorf("%s: /operations offers a request: %v; Offer says %v", name, got, request)
		}
		// What was offered is accepted, what was not is refused.
		c.get("/decisions/" + decID)
		seq := e.reg.Model().Seq
		resp, body := c.submit("/decisions/"+decID+"/positions", url.Values{"position": {"for"}, "from": {"decision"}, "confirm": {"yes"}})
		if accepted := resp.StatusCode == http.StatusSeeOther; accepted != position {
			t.Errorf("%s: position offered %v, but the post answered %d\n%s", name, position, resp.StatusCode, excerpt(body))
		}
		if grew := e.reg.Model().Seq != seq; grew != position {
			t.Errorf("%s: position offered %v, the log grew %v", name, position, grew)
		}
	}
	want := map[string]bool{"delegate-arm": false, "delegate-uzb": false, "delegate-kaz": true, "delegate-rus": true, "secretariat": false, "admin": false}
	for name, w := range want {
		if offered[name] != w {
			t.Errorf("%s is offered a position: %v, want %v", name, offered[name], w)
		}
	}
}
