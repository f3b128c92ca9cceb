package web_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto/internal/httpx"
)

// Searching is held to a budget per client for readers who are not
// signed in (httpx.Limiter, the API's limiter too): past it, the 429
// page in the reader's language, with Retry-After. An empty box costs
// nothing and is not counted; a signed-in reader is not limited. The
// limiter's clock stands still, so the budget does not refill.
func TestSearchLimitForAnonymousReaders(t *testing.T) {
	e := newEnv(t)
	now := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	e.h.Expensive = httpx.NewLimiter(httpx.Limit{Every: time.Minute, Burst: 2}, func() time.Time { return now })
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	anon := newClient(t, srv)
	for range 3 {
		if resp, _ := anon.get("/search?lang=ru"); resp.StatusCode != 200 {
			t.Fatalf("the empty box: %d", resp.StatusCode)
		}
	}
	for _, q := range []string{"Uzbekistan", "Rubezh"} {
		if resp, _ := anon.get("/search?lang=ru&q=" + q); resp.StatusCode != 200 {
			t.Fatalf("search %s within the budget: %d", q, resp.StatusCode)
		}
	}
	resp, body := anon.get("/search?lang=ru&q=Kazakhstan")
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "60" || !strings.Contains(body, "Повторите через 60 с") {
		t.Errorf("past the budget: %d, Retry-After %q\n%.2000s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	signed := newClient(t, srv)
	signed.signIn("secretariat")
	if resp, _ := signed.get("/search?lang=ru&q=Kazakhstan"); resp.StatusCode != 200 {
		t.Errorf("signed in, past the anonymous budget: %d", resp.StatusCode)
	}
}
