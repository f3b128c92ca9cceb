package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/api"
	"github.com/csto/csto/edtf"
)

// An export is built once per model and query: readers asking for it at
// once wait for one build and get the same bytes, a reader asking again
// gets it without a build, its companion file comes from the same
// build, a write (a new model) builds it anew, and only the last few
// are kept. Refusals are not kept.
func TestExportsBuiltOnce(t *testing.T) {
	e := newEnv(t)
	const path = "/api/v1/exports/dyad-year.csv?source=curated&from=1990&to=2025"
	get := func(path string) (int, string) {
		resp, err := http.Get(e.srv.URL + path)
		if err != nil {
			t.Error(err)
			return 0, ""
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Error(err)
		}
		return resp.StatusCode, string(b)
	}
	builds := e.api.ExportBuilds()
	const readers = 8
	bodies := make([]string, readers)
	var wg sync.WaitGroup
	for i := range readers {
		wg.Go(func() {
			status, body := get(path)
			if status != 200 {
				t.Errorf("reader %d: status %d: %.200s", i, status, body)
			}
			bodies[i] = body
		})
	}
	wg.Wait()
	if n := e.api.ExportBuilds() - builds; n != 1 {
		t.Fatalf("%d readers at once: %d builds, want 1", readers, n)
	}
	if len(bodies[0]) < 10_000 {
		t.Fatalf("the export is %d bytes: too small to tell", len(bodies[0]))
	}
	for i := range bodies {
		if bodies[i] != bodies[0] {
			t.Fatalf("reader %d got %d bytes, reader 0 %d", i, len(bodies[i]), len(bodies[0]))
		}
	}
	if _, body := get(path); body != bodies[0] || e.api.ExportBuilds()-builds != 1 {
		t.Fatalf("asked again: %d builds in all, same bytes %v", e.api.ExportBuilds()-builds, body == bodies[0])
	}
	if status, _ := get("/api/v1/exports/dyad-year.cells.csv?source=curated&from=1990&to=2025"); status != 200 || e.api.ExportBuilds()-builds != 1 {
		t.Fatalf("the companion: status %d, %d builds in all, want the same build", status, e.api.ExportBuilds()-builds)
	}

	// A write publishes a new model: the next request builds from it.
	data, _ := json.Marshal(csto.EventRecord{Kind: "statement", States: []string{"KAZ"}})
	c := csto.Command{ID: "test:export-cache", Type: csto.CmdEventRecord, Data: data, Date: edtf.MustParse("2019-05-05"),
		Text: csto.Text{AR: "بيان", EN: "A statement", RU: "Заявление"}, Sources: []string{"aljazeera-2022-01-06"}, History: true}
	if _, err := e.reg.Submit(context.Background(), csto.Actor{Role: csto.RoleSecretariat, Account: "secretariat"}, c); err != nil {
		t.Fatal(err)
	}
	if _, body := get(path); body != bodies[0] || e.api.ExportBuilds()-builds != 2 {
		t.Fatalf("after a write: %d builds in all (want 2), same rows %v", e.api.ExportBuilds()-builds, body == bodies[0])
	}

	// Four kept: five other queries push the first out.
	for y := range 5 {
		if status, _ := get(fmt.Sprintf("/api/v1/exports/state-year.csv?source=curated&from=%d&to=%d", 2000+y, 2000+y)); status != 200 {
			t.Fatalf("state-year %d: status %d", 2000+y, status)
		}
	}
	before := e.api.ExportBuilds()
	if _, body := get(path); body != bodies[0] || e.api.ExportBuilds() != before+1 {
		t.Fatalf("after five other exports: %d builds (want 1), same rows %v", e.api.ExportBuilds()-before, body == bodies[0])
	}

	// The JSON panels too: readers at once share one build.
	panels := e.api.PanelBuilds()
	jsonBodies := make([]string, 4)
	for i := range jsonBodies {
		wg.Go(func() {
			status, body := get("/api/v1/exports/dyad-year?source=curated&from=1990&to=2025&directed=true")
			if status != 200 {
				t.Errorf("JSON reader %d: status %d", i, status)
			}
			jsonBodies[i] = body
		})
	}
	wg.Wait()
	if n := e.api.PanelBuilds() - panels; n != 1 || jsonBodies[0] != jsonBodies[3] || len(jsonBodies[0]) < 10_000 {
		t.Errorf("4 JSON readers at once: %d builds (want 1), %d bytes", n, len(jsonBodies[0]))
	}

	// A refusal is given again, not kept.
	for range 2 {
		if status, _ := get("/api/v1/exports/package.zip?source=curated&reading=all"); status != 400 {
			t.Fatalf("reading=all: status %d, want 400", status)
		}
	}
	if n := e.api.ExportBuilds() - before - 1; n != 2 {
		t.Errorf("two refused exports: %d builds, want 2 (a refusal is not kept)", n)
	}
}

// BenchmarkExportsAtOnce serves the curated record's largest CSV (every
// directed dyad-year, 1815 to today) to 8 readers at once, in process,
// built for each request (as before the server kept them) and kept,
// side by side: ns/op is one round of 8, B/op what the round allocated.
func BenchmarkExportsAtOnce(b *testing.B) {
	const path = "/api/v1/exports/directed-dyad-year.csv?source=curated&from=1&to=9998"
	st, db, dialect := openBackend(b, "sqlite", "")
	reg, acc := openServices(b, st, db, dialect)
	tokens := populate(b, reg, acc)
	for _, mode := range []string{"built-per-request", "kept"} {
		b.Run(mode, func(b *testing.B) {
			s := api.New(reg, acc, slog.New(slog.NewTextHandler(io.Discard, nil)), func() time.Time { return today })
			if mode == "built-per-request" {
				s.BuildEveryExport()
			}
			b.ReportAllocs()
			for b.Loop() {
				var wg sync.WaitGroup
				for range 8 {
					wg.Go(func() {
						w := &writesRecorder{header: http.Header{}}
						req := httptest.NewRequest("GET", path, nil)
						req.Header.Set("Authorization", "Bearer "+tokens["secretariat"]) // not rate-limited
						s.ServeHTTP(w, req)
						if w.status != 0 && w.status != 200 || w.writes == 0 { // a Write without WriteHeader is a 200
							b.Errorf("status %d, %d writes", w.status, w.writes)
						}
					})
				}
				wg.Wait()
			}
			b.ReportMetric(float64(s.ExportBuilds())/float64(b.N), "builds/op")
		})
	}
}

// The exercises are a list like the others: pages of ?limit= after the
// cursor next gave are, one after the other, the whole list, each page
// saying how many there are in all; a cursor that is not one of them is
// refused under its name.
func TestExercisesInPages(t *testing.T) {
	e := newEnv(t)
	type page struct {
		Exercises []struct{ ID string } `json:"exercises"`
		Total     int                   `json:"total"`
		Next      int64                 `json:"next"`
	}
	get := func(q string) page {
		t.Helper()
		r := e.do("GET", "/api/v1/orgs/csto/exercises?"+q, "", nil)
		var p page
		if r.status != 200 || json.Unmarshal(r.body, &p) != nil {
			t.Fatalf("%s: status %d: %s", q, r.status, r.body)
		}
		return p
	}
	all := get("limit=1000")
	if all.Next != 0 || len(all.Exercises) < 10 || all.Total != len(all.Exercises) {
		t.Fatalf("limit=1000: %d exercises of %d, next %d", len(all.Exercises), all.Total, all.Next)
	}
	var got, want []string
	for _, x := range all.Exercises {
		want = append(want, x.ID)
	}
	q := "limit=3"
	for range 100 {
		p := get(q)
		if p.Total != all.Total || len(p.Exercises) > 3 {
			t.Fatalf("%s: %d exercises of %d", q, len(p.Exercises), p.Total)
		}
		for _, x := range p.Exercises {
			got = append(got, x.ID)
		}
		if p.Next == 0 {
			break
		}
		q = fmt.Sprintf("limit=3&after=%d", p.Next)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("pages of 3: %v\nwant %v", got, want)
	}
	if r := e.do("GET", "/api/v1/orgs/csto/exercises?after=3", "", nil); r.status != 400 || !strings.Contains(string(r.body), `"field":"after"`) {
		t.Errorf("after=3: status %d: %s", r.status, r.body)
	}
}
