package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"github.com/csto/csto/internal/testenv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// realFile is where the integration tests and benchmarks find ATOP 5.1
// and COW: data/REL in the shared folder (see testenv).
func realFile(t testing.TB, rel string) string {
	t.Helper()
	return testenv.Shared(t, "data/"+rel)
}

// fixtureMembers writes the atop package's fixture member file as
// atop5_1m.csv in a fresh directory, with line (1-based, > 1) changed by
// edit when edit is set, and returns its path.
func fixtureMembers(t *testing.T, line int, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile("../../atop/testdata/members.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	if edit != nil {
		lines[line-1] = edit(lines[line-1])
	}
	p := filepath.Join(t.TempDir(), "atop5_1m.csv")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A malformed row is reported with its file and line, and refuses the
// whole import (exit 2, nothing written); with --skip-bad it is skipped,
// reported, and the rest is imported in one batch.
func TestImportATOPBadRow(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "members")
	before := countEvents(t, dir)
	bad := fixtureMembers(t, 5, func(l string) string { return strings.Replace(l, ",1921,", ",19x2,", 1) })
	out, errs, code := run(t, dir, "import", "atop", "--members", bad)
	if code != 2 || out != "" || strings.Count(errs, "\n") != 1 ||
		!strings.Contains(errs, `csto import: --members: atop5_1m.csv:5: yrent: "19x2" is not a year (nothing imported)`) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if n := countEvents(t, dir); n != before {
		t.Fatalf("a refused import wrote %d events", n-before)
	}
	out, errs, code = run(t, dir, "import", "atop", "--members", bad, "--skip-bad")
	if code != 0 || !strings.Contains(errs, `skipped atop5_1m.csv:5: yrent: "19x2" is not a year`) ||
		!strings.Contains(out, "(1 rows skipped)") {
		t.Fatalf("--skip-bad: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if n := countEvents(t, dir); n <= before {
		t.Fatal("--skip-bad imported nothing")
	}
}

func TestImportATOPUsage(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "atop"}, "csto import: --members: give ATOP's member-level file (atop5_1m.csv)"},
		{[]string{"import", "atop", "--members", filepath.Join(dir, "nowhere.csv")}, "csto import: --members: open "},
		{[]string{"import", "atop", "--members", "x.csv", "extra"}, `csto import: unexpected argument "extra"`},
		{[]string{"export", "state-year", "--source", "world"}, `csto export: --source: "world" is not one of atop, curated, all`},
		{[]string{"export", "state-year", "--directed"}, "csto export: --directed: only for dyad-year"},
		{[]string{"export", "state-year", "--format", "xml"}, `csto export: --format: "xml" is not csv or json`},
		{[]string{"export", "state-year", "--from", "18x5"}, `csto export: --from: "18x5" is not a year`},
		{[]string{"export", "city-year"}, "csto export: usage: csto export [state-year|dyad-year|directed-dyad-year|member|alliance|phase]"},
		{[]string{"export", "state-year", "--reading", "some"}, `csto export: --reading: "some" is not preferred or each-claim`},
		{[]string{"export"}, "csto export: usage: csto export [state-year"},
		{[]string{"reconcile", "nato"}, "csto reconcile: usage: csto reconcile atop"},
	} {
		out, errs, code := run(t, dir, c.args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, c.want) {
			t.Errorf("csto %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, out, errs, c.want)
		}
	}
}

// Importing the same file twice adds nothing the second time; the
// exports and the reconciliation need ATOP and say so before it is there.
func TestImportATOPFixture(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"export", "state-year"},
		{"reconcile", "atop"},
	} {
		_, errs, code := run(t, dir, args...)
		if code != 2 || !strings.Contains(errs, "ATOP") || !strings.Contains(errs, "csto import atop") {
			t.Errorf("csto %s before the import: exit %d, %q", strings.Join(args, " "), code, errs)
		}
	}
	members := fixtureMembers(t, 0, nil)
	out := mustRun(t, dir, "import", "atop", "--members", members)
	if !strings.Contains(out, "ATOP: imported ") || !strings.Contains(out, "7 alliances, 24 member rows (0 rows skipped)") {
		t.Errorf("first import: %q", out)
	}
	n := countEvents(t, dir)
	if out := mustRun(t, dir, "import", "atop", "--members", members); !strings.HasPrefix(out, "ATOP: nothing new") {
		t.Errorf("second import: %q", out)
	}
	if countEvents(t, dir) != n {
		t.Error("the second import wrote events")
	}
	csv := mustRun(t, dir, "export", "state-year")
	if !strings.HasPrefix(csv, "state,year,atopally,defense,offense,neutral,nonagg,consul,number,transyr,atopid1,") ||
		!strings.Contains(csv, "\n704,2001,1,") {
		t.Errorf("state-year CSV:\n%.300s", csv)
	}
	dd := mustRun(t, dir, "export", "dyad-year", "--directed", "--from", "1990", "--to", "1990")
	if !strings.HasPrefix(dd, "ddyad,year,atopally,") || !strings.Contains(dd, "\n260200,1990,") {
		t.Errorf("directed dyad-year CSV:\n%.300s", dd)
	}
	// The projections of the alliances are rebuilt identically from the log.
	live := dumpTables(t, dir, "p_alliances", "p_alliance_members")
	if !strings.Contains(live, "atop-1100") || strings.Count(live, "\n") != 7+24 {
		t.Errorf("projections: %d rows:\n%.300s", strings.Count(live, "\n"), live)
	}
	mustRun(t, dir, "db", "rebuild")
	if rebuilt := dumpTables(t, dir, "p_alliances", "p_alliance_members"); rebuilt != live {
		t.Error("db rebuild changed p_alliances or p_alliance_members")
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, dir, "export", "state-year", "--source", "curated", "--format", "json")), &rows); err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	if len(rows) == 0 || last["year"] != float64(2026) || last["version"] != "5.1" {
		t.Errorf("curated JSON export: %d rows, last %v", len(rows), last)
	}
}

// The whole of ATOP 5.1 and the COW list import in one batch with zero
// rejects, and the record answers from it.
func TestImportATOPReal(t *testing.T) {
	dir := t.TempDir()
	args := []string{"import", "atop", "--members", realFile(t, "atop/atop5_1m.csv"), "--alliances", realFile(t, "atop/atop5_1a.csv"),
		"--phases", realFile(t, "atop/atop5_1aph.csv"), "--cow", realFile(t, "cow/states2016.csv")}
	out := mustRun(t, dir, args...)
	if out != "ATOP: imported 3488 events in one batch: 189 states, 789 alliances, 2510 member rows (0 rows skipped)\n" {
		t.Errorf("import: %q", out)
	}
	if out := mustRun(t, dir, args...); !strings.HasPrefix(out, "ATOP: nothing new (2510 member rows of 789 alliances") {
		t.Errorf("again: %q", out)
	}
	var rc struct {
		Differences []struct{ Kind, State string } `json:"differences"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "reconcile", "atop", "--json")), &rc); err != nil || len(rc.Differences) != 11 {
		t.Errorf("reconcile: %d differences, %v", len(rc.Differences), err)
	}
	sy := mustRun(t, dir, "export", "state-year", "--source", "all")
	if !strings.Contains(sy, "\n365,2000,1,1,0,1,1,1,46,1,") || !strings.Contains(sy, ",9220,") || strings.Contains(sy, ",4220,") {
		t.Errorf("all export lacks Russia 2000 with the curated CSTO:\n%.400s", sy)
	}
	if text := mustRun(t, dir, "reconcile", "atop"); !strings.Contains(text, "member-entry  BLR") {
		t.Errorf("reconcile text:\n%s", text)
	}
}

// BenchmarkImportATOPCLI is `csto import atop --members atop5_1m.csv` on
// an initialised data directory (a fresh copy per iteration, not timed):
// open, replay the history, read, validate and append in one batch.
func BenchmarkImportATOPCLI(b *testing.B) {
	members := realFile(b, "atop/atop5_1m.csv")
	tmpl := b.TempDir()
	benchRun(b, tmpl, "members")
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		copyDir(b, tmpl, dir)
		b.StartTimer()
		benchRun(b, dir, "import", "atop", "--members", members)
	}
}

// BenchmarkLaterStartWithATOP is BenchmarkLaterStart on a data directory
// holding ATOP too (≈3,500 events more to replay at every start).
func BenchmarkLaterStartWithATOP(b *testing.B) {
	dir := b.TempDir()
	benchRun(b, dir, "import", "atop", "--members", realFile(b, "atop/atop5_1m.csv"))
	for b.Loop() {
		benchRun(b, dir, "members", "--json")
	}
}

func benchRun(b *testing.B, dir string, args ...string) {
	b.Helper()
	env := &Env{Stdout: io.Discard, Stderr: io.Discard, Now: time.Now,
		Getenv: func(k string) string {
			if k == "CSTO_DATA_DIR" {
				return dir
			}
			return ""
		}}
	if code := env.Run(context.Background(), args); code != 0 {
		b.Fatalf("csto %s: exit %d", strings.Join(args, " "), code)
	}
}

// dumpTables returns the rows of the tables, one line each, in key order.
func dumpTables(t *testing.T, dir string, tables ...string) string {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
		}
		rows.Close()
	}
	return b.String()
}

func copyDir(b *testing.B, from, to string) {
	b.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o600); err != nil {
			b.Fatal(err)
		}
	}
}

// A small export, reviewed file by file: the curated CSTO 2011–2013
// (Uzbekistan frozen from 2012-06-20, suspended 2012-12-19), every panel,
// under each claim. datapackage.json's log position is the only part
// masked: it moves with every event of the history.
func TestExportGolden(t *testing.T) {
	dir := sharedDir(t)
	out := filepath.Join(t.TempDir(), "export")
	mustRun(t, dir, "export", "--source", "curated", "--from", "2011", "--to", "2013", "--reading", "each-claim", "--out", out)
	for _, f := range []string{"state-year.csv", "state-year.cells.csv", "dyad-year.csv", "directed-dyad-year.csv", "member.csv",
		"alliance.csv", "phase.csv", "readings.csv", "datapackage.json"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		got := string(b)
		if f == "datapackage.json" {
			got = regexp.MustCompile(`"seq": \d+`).ReplaceAllString(got, `"seq": 0`)
			got = regexp.MustCompile(`"head": "[0-9a-f]+"`).ReplaceAllString(got, `"head": "HEAD"`)
			got = regexp.MustCompile(`"tree_size": \d+`).ReplaceAllString(got, `"tree_size": 0`)
			got = regexp.MustCompile(`"root": "[A-Za-z0-9+/=]+"`).ReplaceAllString(got, `"root": "ROOT"`)
			var dp struct {
				Log struct {
					Seq      int64
					TreeSize int64  `json:"tree_size"`
					Root     string `json:"root"`
				} `json:"csto:log"`
				Resources []struct{ Hash string }
			}
			if err := json.Unmarshal(b, &dp); err != nil || dp.Log.Seq == 0 || dp.Log.TreeSize != dp.Log.Seq || dp.Log.Root == "" || len(dp.Resources) != 10 {
				t.Errorf("datapackage.json: %v, %+v", err, dp)
			}
		}
		golden(t, "export-curated-2011-2013/"+f, got)
	}
}
