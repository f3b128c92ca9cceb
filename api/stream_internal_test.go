package api

import (
	"net/http"
	"runtime"
	"testing"

	"github.com/csto/csto/atop"
)

// discard is a ResponseWriter that keeps nothing and notes its largest
// write.
type discard struct {
	h   http.Header
	max int
}

func (d *discard) Header() http.Header { return d.h }
func (d *discard) WriteHeader(int)     {}
func (d *discard) Write(b []byte) (int, error) {
	d.max = max(d.max, len(b))
	return len(b), nil
}

// BenchmarkDyadYearAnswer writes an answer the size of all of ATOP's
// directed dyad-years (273,296 rows, synthetic) encoded whole (writeJSON,
// as before) and streamed (writeRows), side by side. peak-heap-MiB is the
// heap in use after the answer was written and before it is collected:
// what a request holds beside its rows.
func BenchmarkDyadYearAnswer(b *testing.B) {
	rows := make([]atop.DyadYear, 273_296)
	for i := range rows {
		rows[i] = atop.DyadYear{StateA: 365, StateB: 700 + i%100, Year: 1815 + i%200, Number: 2, MultiNo: 2,
			ATOPIDs: []int{4220, 9220}, Version: "5.1"}
	}
	x := DyadYearsResponse{Source: "atop", From: 1815, To: 2018, Directed: true, Rows: rows}
	for _, tc := range []struct {
		name  string
		write func(w http.ResponseWriter)
	}{
		{"Whole", func(w http.ResponseWriter) { writeJSON(w, 200, x) }},
		{"Streamed", func(w http.ResponseWriter) { x.stream(w) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var peak uint64
			var ms runtime.MemStats
			for range b.N {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				base := ms.HeapAlloc
				d := &discard{h: http.Header{}}
				tc.write(d)
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc-min(base, ms.HeapAlloc))
				b.ReportMetric(float64(d.max), "max-write-bytes")
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}
