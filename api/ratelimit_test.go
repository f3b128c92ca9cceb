package api_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto/internal/httpx"
)

// The expensive routes (exports, search, proofs) hold a client without
// credentials to a budget: past it, 429 problem+json with Retry-After,
// on every expensive route alike (one budget per client); a caller with a
// token is not counted, and cheap reads are not limited. The limiter's
// clock stands still, so the budget does not refill during the test.
func TestExpensiveRoutesLimitAnonymousCallers(t *testing.T) {
	e := newEnv(t)
	now := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	e.api.Expensive = httpx.NewLimiter(httpx.Limit{Every: time.Minute, Burst: 3}, func() time.Time { return now })
	for _, path := range []string{
		"/api/v1/exports/state-year?source=curated&from=2022&to=2022",
		"/api/v1/exports/member.csv?source=curated",
		"/api/v1/proof/inclusion?seq=1",
	} {
		if r := e.do("GET", path, "", nil); r.status != 200 {
			t.Fatalf("%s within the budget: %d %.300s", path, r.status, r.body)
		}
	}
	for _, path := range []string{
		"/api/v1/search?q=Kazakhstan",
		"/api/v1/exports/dyad-year.csv?source=curated&from=2022&to=2022",
	} {
		r := e.do("GET", path, "", nil)
		var p struct{ Kind, Detail string }
		json.Unmarshal(r.body, &p)
		if r.status != 429 || r.header.Get("Content-Type") != "application/problem+json" || p.Kind != "rate-limited" ||
			r.header.Get("Retry-After") != "60" || !strings.Contains(p.Detail, "API token") {
			t.Errorf("%s past the budget: %d %s Retry-After %q %s", path, r.status, r.header.Get("Content-Type"), r.header.Get("Retry-After"), r.body)
		}
	}
	if r := e.do("GET", "/api/v1/exports/dyad-year?source=curated&from=2022&to=2022", "secretariat", nil); r.status != 200 {
		t.Errorf("with a token, past the anonymous budget: %d %.300s", r.status, r.body)
	}
	if r := e.do("GET", "/api/v1/exports/member.csv?source=curated", "secretariat", nil); r.status != 200 {
		t.Errorf("a raw export with a token: %d %.300s", r.status, r.body)
	}
	if r := e.do("GET", "/api/v1/orgs/csto/members?at=2008-07-22", "", nil); r.status != 200 {
		t.Errorf("a cheap read, anonymous, past the expensive budget: %d %.300s", r.status, r.body)
	}
	now = now.Add(time.Minute) // one request's worth of budget back
	if r := e.do("GET", "/api/v1/proof/inclusion?seq=1", "", nil); r.status != 200 {
		t.Errorf("a minute later: %d %.300s", r.status, r.body)
	}
	if r := e.do("GET", "/api/v1/proof/inclusion?seq=1", "", nil); r.status != 429 {
		t.Errorf("the minute's request spent: %d %.300s", r.status, r.body)
	}
}
