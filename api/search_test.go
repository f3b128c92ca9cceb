package api_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/csto/csto/api"
	"github.com/csto/csto/search"
)

// TestSearchOverAPI: the search endpoint answers the same hits for two
// spellings of a name, in the documented shape, and refuses bad input
// with a problem naming the parameter.
func TestSearchOverAPI(t *testing.T) {
	e, db := newEnv(t), openDB(t)
	x, err := search.Open(context.Background(), db, false)
	if err != nil {
		t.Fatal(err)
	}
	srv := api.New(e.reg, e.acc, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return today })
	srv.SetSearch(x)
	e.srv = httptest.NewServer(srv)
	t.Cleanup(e.srv.Close)

	first := func(q string) (kind, ref string, n int) {
		r := e.do("GET", "/api/v1/search?q="+url.QueryEscape(q), "", nil)
		if r.status != 200 {
			t.Fatalf("search %q: %d %s", q, r.status, r.body)
		}
		hits, _ := r.json(t)["hits"].([]any)
		if len(hits) == 0 {
			t.Fatalf("search %q: no hits: %s", q, r.body)
		}
		h := hits[0].(map[string]any)
		return h["kind"].(string), h["ref"].(string), len(hits)
	}
	k1, r1, n1 := first("أوزبكستان")
	k2, r2, n2 := first("اوزبكستان")
	if k1 != "state" || r1 != "UZB" || k2 != k1 || r2 != r1 || n1 != n2 {
		t.Errorf("hamza: %s %s (%d) vs %s %s (%d), want the state UZB both times", k1, r1, n1, k2, r2, n2)
	}
	if k, r, _ := first("Казахстана"); k != "state" || r != "KAZ" {
		t.Errorf("Казахстана: first hit %s %s, want the state KAZ", k, r)
	}
	for _, tt := range []struct{ query, field string }{
		{"q=", "q"},
		{"q=Armenia&limit=abc", "limit"},
		{"q=Armenia&limit=500", "limit"},
	} {
		r := e.do("GET", "/api/v1/search?"+tt.query, "", nil)
		p := r.json(t)
		if r.status != 400 || p["kind"] != "invalid" || !hasField(p, tt.field) {
			t.Errorf("%s: %d %s, want 400 naming %s", tt.query, r.status, r.body, tt.field)
		}
	}
}

// hasField reports whether a problem names field, as its errors list or
// its detail.
func hasField(p map[string]any, field string) bool {
	errs, _ := p["errors"].([]any)
	for _, x := range errs {
		if m, ok := x.(map[string]any); ok && m["field"] == field {
			return true
		}
	}
	return false
}
