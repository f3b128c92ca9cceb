package api

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/csto/csto/registry"
)

// metrics are the server's Prometheus metrics, written in the text
// exposition format by hand (one small file instead of a client library).
type metrics struct {
	mu       sync.Mutex
	requests map[[3]string]uint64 // method, route, status → count
	buckets  []float64            // latency histogram upper bounds, seconds
	hist     map[string][]uint64  // route → cumulative counts per bucket (+Inf last)
	sum      map[string]float64
	count    map[string]uint64
}

func newMetrics() *metrics {
	return &metrics{
		requests: map[[3]string]uint64{},
		buckets:  []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5},
		hist:     map[string][]uint64{}, sum: map[string]float64{}, count: map[string]uint64{},
	}
}

func (m *metrics) observe(method, route string, status int, d time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[3]string{method, route, fmt.Sprint(status)}]++
	h := m.hist[route]
	if h == nil {
		h = make([]uint64, len(m.buckets)+1)
		m.hist[route] = h
	}
	s := d.Seconds()
	for i, b := range m.buckets {
		if s <= b {
			h[i]++
		}
	}
	h[len(m.buckets)]++
	m.sum[route] += s
	m.count[route]++
}

func label(s string) string { return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) }

// serve writes the metrics, with the log position and the number of
// events this process appended.
func (m *metrics) serve(reg *registry.Registry) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		m.mu.Lock()
		defer m.mu.Unlock()
		var b strings.Builder
		b.WriteString("# HELP csto_http_requests_total HTTP requests by method, route and status.\n# TYPE csto_http_requests_total counter\n")
		keys := make([][3]string, 0, len(m.requests))
		for k := range m.requests {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return strings.Join(keys[i][:], " ") < strings.Join(keys[j][:], " ") })
		for _, k := range keys {
			fmt.Fprintf(&b, "csto_http_requests_total{method=\"%s\",route=\"%s\",status=\"%s\"} %d\n", label(k[0]), label(k[1]), k[2], m.requests[k])
		}
		b.WriteString("# HELP csto_http_request_duration_seconds HTTP request latency by route.\n# TYPE csto_http_request_duration_seconds histogram\n")
		routes := make([]string, 0, len(m.hist))
		for r := range m.hist {
			routes = append(routes, r)
		}
		sort.Strings(routes)
		for _, rt := range routes {
			h := m.hist[rt]
			for i, ub := range m.buckets {
				fmt.Fprintf(&b, "csto_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %d\n", label(rt), ub, h[i])
			}
			fmt.Fprintf(&b, "csto_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %d\n", label(rt), h[len(m.buckets)])
			fmt.Fprintf(&b, "csto_http_request_duration_seconds_sum{route=\"%s\"} %g\n", label(rt), m.sum[rt])
			fmt.Fprintf(&b, "csto_http_request_duration_seconds_count{route=\"%s\"} %d\n", label(rt), m.count[rt])
		}
		b.WriteString("# HELP csto_events_appended_total Events this process appended to the log.\n# TYPE csto_events_appended_total counter\n")
		fmt.Fprintf(&b, "csto_events_appended_total %d\n", reg.Appended())
		b.WriteString("# HELP csto_log_position The last event this process has applied.\n# TYPE csto_log_position gauge\n")
		fmt.Fprintf(&b, "csto_log_position %d\n", reg.Model().Seq)
		w.Write([]byte(b.String()))
	}
}
