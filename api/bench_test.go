package api_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/csto/csto/api"
)

// BenchmarkReads serves the members answer the load script asks for
// (GET /api/v1/orgs/csto/members?at=2008-07-22, anonymous) through the
// whole API handler, in process, next to a bare handler writing the same
// bytes: the ratio of their ns/op is the API's overhead without the
// network and the load generator (tools/load measures it over sockets).
func BenchmarkReads(b *testing.B) {
	st, db, dialect := openBackend(b, "sqlite", "")
	reg, acc := openServices(b, st, db, dialect)
	populate(b, reg, acc)
	s := api.New(reg, acc, slog.New(slog.NewTextHandler(io.Discard, nil)), reg.Now)
	const path = "/api/v1/orgs/csto/members?at=2008-07-22"
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	if rec.Code != 200 {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	body := rec.Body.Bytes()
	bare := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	for _, c := range []struct {
		name string
		h    http.Handler
	}{{"bare", bare}, {"api", s}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					w := &discard{h: http.Header{}}
					c.h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
					if w.code != 0 && w.code != 200 || !bytes.HasPrefix(w.first, []byte("{")) {
						b.Fatalf("status %d", w.code)
					}
				}
			})
		})
	}
}

// discard is a ResponseWriter that keeps the status and the first bytes.
type discard struct {
	h     http.Header
	code  int
	first []byte
}

func (d *discard) Header() http.Header { return d.h }
func (d *discard) WriteHeader(c int)   { d.code = c }
func (d *discard) Write(p []byte) (int, error) {
	if d.first == nil {
		d.first = append([]byte(nil), p[:min(len(p), 8)]...)
	}
	return len(p), nil
}

// TestKeptAnswers: an anonymous read answered from the kept answers
// (answers.go) is the answer the model gives: the same bytes again while
// the log stands still, another language's own words, and the new record
// as soon as a write lands.
func TestKeptAnswers(t *testing.T) {
	e := newEnv(t)
	first := e.do("GET", "/api/v1/requests", "", nil)
	again := e.do("GET", "/api/v1/requests", "", nil)
	if first.status != 200 || !bytes.Equal(first.body, again.body) {
		t.Fatalf("status %d; a repeated read differs:\n%s\n%s", first.status, first.body, again.body)
	}
	ar := e.do("GET", "/api/v1/requests?lang=ar", "", nil)
	if bytes.Equal(ar.body, first.body) {
		t.Error("the Arabic answer is the English one")
	}
	ru := e.do("GET", "/api/v1/requests", "", nil, "Accept-Language", "ru")
	if bytes.Equal(ru.body, first.body) || bytes.Equal(ru.body, ar.body) {
		t.Error("the Russian answer (Accept-Language) is another language's")
	}
	filed := e.do("POST", "/api/v1/requests", "delegate:KGZ", map[string]any{"kind": "consultations"})
	if filed.status != 201 {
		t.Fatalf("filing: %d %s", filed.status, filed.body)
	}
	id, _ := filed.json(t)["id"].(string)
	after := e.do("GET", "/api/v1/requests", "", nil)
	if id == "" || !bytes.Contains(after.body, []byte(`"`+id+`"`)) {
		t.Errorf("the read after the write lacks request %q:\n%s", id, after.body)
	}
}
