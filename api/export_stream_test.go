package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/csto/csto/api"
)

// The largest export, every dyad-year of the curated record in both
// directions over the whole span.
const largeExport = "/api/v1/exports/dyad-year?source=curated&from=1&to=9998&directed=true"

// writesRecorder counts the writes of an answer and the largest one.
type writesRecorder struct {
	header      http.Header
	status      int
	writes, max int
	body        []byte
	keep        bool
}

func (w *writesRecorder) Header() http.Header { return w.header }
func (w *writesRecorder) WriteHeader(s int)   { w.status = s }
func (w *writesRecorder) Write(b []byte) (int, error) {
	w.writes++
	w.max = max(w.max, len(b))
	if w.keep {
		w.body = append(w.body, b...)
	}
	return len(b), nil
}

// A JSON export is written as it is encoded, in pieces of at most the
// 64 KiB buffer, not encoded whole and then written: the server's memory
// holds the rows, not also the answer (56 MiB for all of ATOP directed).
// The pieces make the same document as before: the envelope and every row.
func TestLargeExportIsWrittenIncrementally(t *testing.T) {
	e := newEnv(t)
	req := httptest.NewRequest("GET", largeExport, nil)
	req.Header.Set("Authorization", "Bearer "+e.tokens["secretariat"])
	w := &writesRecorder{header: http.Header{}, keep: true}
	e.api.ServeHTTP(w, req)
	var got struct {
		Source   string
		From, To int
		Directed bool
		Rows     []map[string]any
	}
	if err := json.Unmarshal(w.body, &got); err != nil || w.status != 200 || got.Source != "curated" || !got.Directed ||
		got.From != 1815 || got.To != today.Year() {
		t.Fatalf("status %d, %v: %s %d–%d directed %v", w.status, err, got.Source, got.From, got.To, got.Directed)
	}
	if len(w.body) < 4<<16 {
		t.Fatalf("the export is %d bytes; the test needs one of several buffers", len(w.body))
	}
	if w.writes < len(w.body)/(1<<16) || w.max > 1<<16 {
		t.Errorf("%d bytes (%d rows) in %d writes, the largest %d bytes; want pieces of at most 64 KiB",
			len(w.body), len(got.Rows), w.writes, w.max)
	}
	t.Logf("%d bytes, %d rows, %d writes", len(w.body), len(got.Rows), w.writes)
}

// BenchmarkLargeExport serves largeExport to a writer that keeps nothing:
// -benchmem gives the handler's own allocations per answer.
func BenchmarkLargeExport(b *testing.B) {
	st, db, dialect := openBackend(b, "sqlite", "")
	reg, acc := openServices(b, st, db, dialect)
	tokens := populate(b, reg, acc)
	s := api.New(reg, acc, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return today })
	var size int
	b.ResetTimer()
	for range b.N {
		req := httptest.NewRequest("GET", largeExport, nil)
		req.Header.Set("Authorization", "Bearer "+tokens["secretariat"])
		w := &writesRecorder{header: http.Header{}}
		s.ServeHTTP(w, req)
		if w.status != 200 {
			b.Fatalf("status %d", w.status)
		}
		size = w.max
	}
	b.ReportMetric(float64(size), "max-write-bytes")
}
