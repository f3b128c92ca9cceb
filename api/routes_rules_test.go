package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// The rules engine's routes answer as the CLI does, are public reads,
// and are in the OpenAPI document (e.do validates every request and
// response against it).
func TestRulesRoutes(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		path string
		want string // in the body
	}{
		{"/api/v1/obligations?target=KAZ&at=2022-01-05", `"article":"CST Art. 4"`},
		{"/api/v1/obligations?target=KAZ&at=2022-01-05", `"allies_status":[{"state":"UZB","status":"suspended","since":"2012-12-19"}]`},
		{"/api/v1/obligations?target=ARM&aggressor=AZE&at=2024-06-01&lang=ru", `"target_status":"participation-frozen"`},
		{"/api/v1/compliance", `"states":["KGZ","TJK"],"orgs":["csto"],"date":"2021-04-28/2021-05-01"`},
		{"/api/v1/compliance?lang=ar", `"rule":"Charter: consensus"`},
		{"/api/v1/scenarios/aggression?target=ARM&aggressor=AZE&at=2022-09-13", `"id":"request:req-arm-2022-09-13"`},
		{"/api/v1/scenarios/aggression?target=ARM&aggressor=AZE&at=2022-09-13&within=1", `"status":"not-recorded"`},
		{"/api/v1/exports/state-year?source=curated&from=2022&to=2022", `{"state":705,"year":2022`},
		{"/api/v1/exports/state-year?source=curated&from=2022&to=2022&format=json", `"atopids":[9220]`},
		{"/api/v1/exports/dyad-year?source=curated&from=2022&to=2022", `"directed":false`},
		{"/api/v1/exports/dyad-year?source=curated&from=2022&to=2022&directed=true", `"directed":true`},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := e.do("GET", tc.path, "", nil)
			if r.status != 200 || !strings.Contains(string(r.body), tc.want) {
				t.Errorf("status %d; body lacks %s:\n%.600s", r.status, tc.want, r.body)
			}
		})
	}
	var sy struct {
		Source   string
		From, To int
		Rows     []map[string]any
	}
	r := e.do("GET", "/api/v1/exports/state-year?source=curated", "", nil)
	if err := json.Unmarshal(r.body, &sy); err != nil || sy.Source != "curated" || sy.From != 1815 || sy.To != today.Year() || len(sy.Rows) == 0 {
		t.Errorf("curated export: %v %s %d–%d, %d rows", err, sy.Source, sy.From, sy.To, len(sy.Rows))
	}
	// ATOP's layout: 59 ATOPID columns whatever the years asked, CRLF,
	// numeric version.
	r = e.do("GET", "/api/v1/exports/state-year.csv?source=curated&from=2022&to=2022", "", nil)
	header := "state,year,atopally,defense,offense,neutral,nonagg,consul,number,transyr,atopid1," +
		strings.Repeat(",", 0)
	lines := strings.Split(string(r.body), "\r\n")
	if r.status != 200 || r.header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.HasPrefix(lines[0], header) ||
		!strings.HasSuffix(lines[0], ",atopid59,version") || !strings.HasPrefix(lines[1], "365,2022,1,1,0,0,1,1,1,0,9220,,") ||
		!strings.HasSuffix(lines[1], ",,5.1") || r.header.Get("X-Csto-Log-Seq") == "" {
		t.Errorf("CSV: %d %s\n%.300s", r.status, r.header.Get("Content-Type"), r.body)
	}
	// The companion: per cell, certainty, dates and sources.
	r = e.do("GET", "/api/v1/exports/state-year.cells.csv?source=curated&from=2022&to=2022", "", nil)
	if r.status != 200 || !strings.HasPrefix(string(r.body), "state,year,column,value,certainty,dates,sources\r\n") ||
		!strings.Contains(string(r.body), "\r\n365,2022,atopid1,9220,certain,1994-04-20/..,") {
		t.Errorf("cells: %d\n%.600s", r.status, r.body)
	}
	// The zip: every file, datapackage.json last with each file's hash.
	r = e.do("GET", "/api/v1/exports/package.zip?source=curated&panels=state-year,member", "", nil)
	zr, err := zip.NewReader(bytes.NewReader(r.body), int64(len(r.body)))
	if r.status != 200 || err != nil {
		t.Fatalf("zip: %d %v %.200s", r.status, err, r.body)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if strings.Join(names, " ") != "state-year.csv state-year.cells.csv member.csv datapackage.json" {
		t.Errorf("zip holds %v", names)
	}
	rc, _ := zr.File[len(zr.File)-1].Open()
	var dp struct {
		Log struct {
			Seq      int64
			TreeSize int64  `json:"tree_size"`
			Root     string `json:"root"`
		} `json:"csto:log"`
		Resources []struct {
			Path, Hash string
			Schema     struct{ Fields []struct{ Name, Type string } }
		}
	}
	if err := json.NewDecoder(rc).Decode(&dp); err != nil || dp.Log.Seq == 0 || len(dp.Resources) != 3 ||
		!strings.HasPrefix(dp.Resources[0].Hash, "sha256:") || dp.Resources[0].Schema.Fields[0].Name != "state" {
		t.Errorf("datapackage.json: %v %+v", err, dp)
	}
	// The log position names the Merkle tree the export was computed from,
	// as a signed checkpoint does.
	if tree := e.reg.Model().Tree(); dp.Log.TreeSize != tree.Size || dp.Log.Root != tree.Root.String() || tree.Size == 0 {
		t.Errorf("datapackage.json's log position is tree %d %q, the log's is %d %q", dp.Log.TreeSize, dp.Log.Root, tree.Size, tree.Root)
	}
}

func TestRulesRoutesMistakes(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		path        string
		status      int
		kind, field string
	}{
		{"/api/v1/obligations?at=2022", 400, "invalid", "target"},
		{"/api/v1/obligations?target=XYZ", 404, "not-found", "target"},
		{"/api/v1/obligations?target=KAZ&at=2022-13-01", 400, "invalid", "at"},
		{"/api/v1/scenarios/aggression?target=ARM", 400, "invalid", "aggressor"},
		{"/api/v1/scenarios/aggression?target=ARM&aggressor=AZE&within=0", 400, "invalid", "within"},
		{"/api/v1/exports/state-year?source=world", 400, "invalid", "source"},
		{"/api/v1/exports/dyad-year?source=curated&directed=maybe", 400, "invalid", "directed"},
		{"/api/v1/exports/state-year?format=csv", 400, "invalid", "format"},
		{"/api/v1/exports/state-year?from=2000&to=1990", 400, "invalid", "to"},
		{"/api/v1/exports/state-year", 404, "not-found", "source"},
		{"/api/v1/exports/state-year.csv?source=atop", 404, "not-found", "source"},
		{"/api/v1/exports/package.zip?source=curated&reading=all", 400, "invalid", "reading"},
		{"/api/v1/exports/package.zip?source=curated&panels=city-year", 400, "invalid", "panel"},
		{"/api/v1/exports/datapackage.json?source=curated&nna=1", 400, "invalid", "nna"},
		{"/api/v1/reconcile/atop", 404, "not-found", "atopid"},
		{"/api/v1/reconcile/atop?atopid=x", 400, "invalid", "atopid"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := e.do("GET", tc.path, "", nil)
			if r.status != tc.status || r.header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("status %d (%s), want %d problem+json: %s", r.status, r.header.Get("Content-Type"), tc.status, r.body)
			}
			p := r.json(t)
			named := false
			if errs, ok := p["errors"].([]any); ok && len(errs) > 0 && errs[0].(map[string]any)["field"] == tc.field {
				named = true
			}
			if p["kind"] != tc.kind || !named {
				t.Errorf("problem %s; want kind %s naming %s", r.body, tc.kind, tc.field)
			}
		})
	}
}

// A dyad-year export is bounded for anonymous callers (the size of the
// answer, not the years asked: they are clamped to the data's span); with
// credentials it is not.
func TestDyadYearLimitForAnonymous(t *testing.T) {
	e := newEnv(t)
	const path = "/api/v1/exports/dyad-year?source=curated&from=1&to=9998&directed=true"
	var all struct {
		From, To int
		Rows     []map[string]any
	}
	r := e.do("GET", path, "secretariat", nil)
	if err := json.Unmarshal(r.body, &all); r.status != 200 || err != nil || all.From != 1815 || all.To != today.Year() || len(all.Rows) < 2 {
		t.Fatalf("with a token: %d %v, %d–%d, %d rows", r.status, err, all.From, all.To, len(all.Rows))
	}
	e.api.AnonymousExportRows = len(all.Rows) - 1
	r = e.do("GET", path, "", nil)
	if r.status != 400 || !strings.Contains(string(r.body), `"field":"to"`) || !strings.Contains(string(r.body), "anonymous") {
		t.Errorf("anonymous, one row over the limit: %d %s", r.status, r.body)
	}
	e.api.AnonymousExportRows = len(all.Rows)
	if r = e.do("GET", path, "", nil); r.status != 200 {
		t.Errorf("anonymous, at the limit: %d %.200s", r.status, r.body)
	}
}
