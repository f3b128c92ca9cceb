package rules_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"github.com/csto/csto/internal/testenv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/rules"
	"github.com/csto/csto/store/sqlite"
)

// The integration tests import the real ATOP 5.1 and COW files, which are
// not in the repository but in the shared folder: without them the tests
// are skipped, or fail under CI (see testenv).
var realData = filepath.Join(testenv.SharedDir(), "data")

// readATOP reads the four real files strictly.
func readATOP(t testing.TB) rules.ATOPData {
	t.Helper()
	open := func(rel string) *os.File {
		f, err := os.Open(testenv.Shared(t, "data/"+rel))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	var d rules.ATOPData
	var err error
	if d.Members, err = atop.ReadMembers(open("atop/" + atop.MembersFile)); err != nil {
		t.Fatal(err)
	}
	if d.Alliances, err = atop.ReadAlliances(open("atop/" + atop.AlliancesFile)); err != nil {
		t.Fatal(err)
	}
	if d.Phases, err = atop.ReadPhases(open("atop/" + atop.PhasesFile)); err != nil {
		t.Fatal(err)
	}
	if d.COW, err = atop.ReadCOW(open("cow/" + atop.COWFile)); err != nil {
		t.Fatal(err)
	}
	return d
}

// real is the default history with all of ATOP imported, shared by the
// tests that only read it.
var real struct {
	once sync.Once
	dir  string // removed by TestMain
	reg  *registry.Registry
	st   *sqlite.Store
	data rules.ATOPData
	imp  rules.ATOPImport
	n    int // events appended by the import
	err  error
}

// TestMain removes the shared registry's directory, which outlives any
// one test.
func TestMain(m *testing.M) {
	code := m.Run()
	if real.st != nil {
		real.st.Close()
	}
	if real.dir != "" {
		os.RemoveAll(real.dir)
	}
	os.Exit(code)
}

func realRegistry(t testing.TB) (*registry.Registry, *sqlite.Store) {
	t.Helper()
	for _, f := range []string{"atop/" + atop.MembersFile, "atop/" + atop.AlliancesFile, "atop/" + atop.PhasesFile, "cow/" + atop.COWFile} {
		testenv.Shared(t, "data/"+f) // skip (fail under CI) before the once, not inside it
	}
	real.once.Do(func() {
		real.data = readATOP(t)
		ctx := context.Background()
		if real.dir, real.err = os.MkdirTemp("", "csto-rules-real"); real.err != nil {
			return
		}
		if real.st, real.err = sqlite.Open(ctx, filepath.Join(real.dir, "csto.db")); real.err != nil {
			return
		}
		if real.reg, real.err = registry.Open(ctx, real.st); real.err != nil {
			return
		}
		if _, real.err = dataset.Load(ctx, real.reg); real.err != nil {
			return
		}
		if real.imp, real.err = rules.ATOPCommands(real.reg.Model(), real.data); real.err != nil {
			return
		}
		evs, err := real.reg.SubmitNew(ctx, csto.Actor{Role: csto.RoleSystem, State: "import"}, real.imp.Commands...)
		real.n, real.err = len(evs), err
	})
	if real.err != nil {
		t.Fatal(real.err)
	}
	if real.reg == nil {
		t.FailNow()
	}
	return real.reg, real.st
}

// All of ATOP 5.1 loads in one batch with zero rejects: 789 alliances
// (849 phases) and 2,510 member rows, with the 189 states csto did not
// know; importing again adds nothing.
func TestRealImport(t *testing.T) {
	reg, _ := realRegistry(t)
	m := reg.Model()
	if real.imp.Members != 2510 || real.imp.Alliances != 789 || real.imp.States != 189 || real.n != len(real.imp.Commands) {
		t.Errorf("imported %d events: %d members, %d alliances, %d states; want 2510, 789, 189, all %d commands",
			real.n, real.imp.Members, real.imp.Alliances, real.imp.States, len(real.imp.Commands))
	}
	phases := 0
	for _, a := range m.Alliances {
		phases += len(a.Phases)
	}
	if len(m.AllianceMembers) != 2510 || len(m.Alliances) != 789 || phases != 849 {
		t.Errorf("model: %d rows, %d alliances, %d phases", len(m.AllianceMembers), len(m.Alliances), phases)
	}
	for code, cow := range map[string]int{"YUG": 345, "DEU": 255, "DDR": 265, "COW-BAV": 245, "ATOP-8152": 8152, "SUN": 0} {
		s := m.States[code]
		switch {
		case cow == 0 && s != nil:
			t.Errorf("%s registered: Russia and the USSR are one COW state, RUS", code)
		case cow != 0 && (s == nil || s.COW != cow || s.Name.Check("name") != nil):
			t.Errorf("%s: %+v", code, s)
		}
	}
	// COW 345 is Yugoslavia until 1941 and Serbia (csto's SRB) from 1944.
	for _, r := range m.StateAllianceRows("SRB") {
		if r.Entry.Earliest() < date("1944-10-20").Earliest() {
			t.Errorf("SRB row entered %s", r.Entry)
		}
	}
	if n := len(m.StateAllianceRows("SRB")); n != 17 {
		t.Errorf("SRB: %d rows, want 17 (COW 345 from 1945)", n)
	}
	again, err := rules.ATOPCommands(m, real.data)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := reg.SubmitNew(context.Background(), csto.Actor{Role: csto.RoleSystem, State: "import"}, again.Commands...)
	if err != nil || len(evs) != 0 || again.States != 0 {
		t.Errorf("second import: %d events, %d states, %v", len(evs), again.States, err)
	}
}

// The record gives back ATOP: the state-years and dyad-years of the
// imported alliances are exactly what the atop package derives from the
// files.
func TestRealExportsRoundTrip(t *testing.T) {
	reg, _ := realRegistry(t)
	m := reg.Model()
	got, err := rules.StateYears(m, rules.SourceATOP, 0, 0, 2026)
	if err != nil {
		t.Fatal(err)
	}
	want := atop.StateYears(real.data.Members, atop.FirstYear, atop.LastYear)
	if len(got) != len(want) || compact(got) != compact(want) {
		t.Errorf("state-years: %d rows, atop.StateYears %d", len(got), len(want))
	}
	gd, err := rules.DyadYears(m, rules.SourceATOP, 0, 0, 2026, false)
	if err != nil {
		t.Fatal(err)
	}
	wd := atop.DyadYears(real.data.Members, atop.FirstYear, atop.LastYear, false)
	if len(gd) != len(wd) || compact(gd) != compact(wd) {
		t.Errorf("dyad-years: %d rows, atop.DyadYears %d", len(gd), len(wd))
	}
}

// State-years checked by hand against the member rows and codebook 2.5
// (the atop package's own real-data cases), and how the curated CSTO
// changes them in the all export.
func TestRealStateYears(t *testing.T) {
	reg, _ := realRegistry(t)
	m := reg.Model()
	at, _ := rules.StateYears(m, rules.SourceATOP, 0, 0, 2026)
	all, _ := rules.StateYears(m, rules.SourceAll, 0, 0, 2026)
	get := func(rows []atop.StateYear, state, year int) atop.StateYear {
		for _, r := range rows {
			if r.State == state && r.Year == year {
				return r
			}
		}
		return atop.StateYear{}
	}
	obs := func(r atop.StateYear) string {
		b := []byte("-----")
		for i, on := range []bool{r.Defense, r.Offense, r.Neutral, r.Nonagg, r.Consul} {
			if on {
				b[i] = "DONAC"[i]
			}
		}
		return string(b)
	}
	for _, c := range []struct {
		state, year int
		obs         string
		transyr     bool
		n           int
		has, hasNot []int
	}{
		// Russia 2000: 46 alliances, 4220 in phase 1; new 4940, 4957, 4958.
		{365, 2000, "D-NAC", true, 46, []int{3740, 4220, 4940, 4957, 4958}, nil},
		// The United States 1960: 14 alliances; 3220 ends the day 3375 begins.
		{2, 1960, "D--AC", true, 14, []int{3220, 3375}, nil},
		// Uzbekistan 2001: 25 alliances, not the CST, which it left in 1999.
		{704, 2001, "D-NAC", true, 25, []int{4810}, []int{4220}},
		// Uzbekistan 2007: back in 4220 (from 2006-08-17); 33 alliances.
		{704, 2007, "D-NAC", true, 33, []int{4220, 6020, 6025}, nil},
		// Uzbekistan 2008: the same 33, nothing begins or ends.
		{704, 2008, "D-NAC", false, 33, []int{4220}, nil},
	} {
		r := get(at, c.state, c.year)
		if obs(r) != c.obs || r.TransYr != c.transyr || r.Number != c.n || len(r.ATOPIDs) != c.n {
			t.Errorf("%d %d: %s transyr %v number %d; want %s %v %d", c.state, c.year, obs(r), r.TransYr, r.Number, c.obs, c.transyr, c.n)
		}
		for _, id := range c.has {
			if !slices.Contains(r.ATOPIDs, id) {
				t.Errorf("%d %d lacks %d", c.state, c.year, id)
			}
		}
		for _, id := range c.hasNot {
			if slices.Contains(r.ATOPIDs, id) {
				t.Errorf("%d %d has %d", c.state, c.year, id)
			}
		}
		// In the all export the curated CSTO (9220) stands for 4220 where
		// csto binds the state; the other alliances are ATOP's.
		a := get(all, c.state, c.year)
		if slices.Contains(a.ATOPIDs, 4220) {
			t.Errorf("all: %d %d has ATOP's 4220", c.state, c.year)
		}
		if slices.Contains(r.ATOPIDs, 4220) != slices.Contains(a.ATOPIDs, rules.CuratedATOPID) {
			t.Errorf("all: %d %d: 4220 in ATOP %v, 9220 in all %v", c.state, c.year, r.ATOPIDs, a.ATOPIDs)
		}
	}
	// Where csto and ATOP date Uzbekistan's return differently: ATOP from
	// 2006-08-17 to 2012-06-28, csto from 2006-06-23 (the Council's
	// decision) to its suspension on 2012-12-19. Both count 2006 and 2012.
	for _, y := range []int{2006, 2012} {
		if !slices.Contains(get(at, 704, y).ATOPIDs, 4220) || !slices.Contains(get(all, 704, y).ATOPIDs, rules.CuratedATOPID) {
			t.Errorf("UZB %d: %v / %v", y, get(at, 704, y).ATOPIDs, get(all, 704, y).ATOPIDs)
		}
	}
	// Before the Treaty entered into force (1994-04-20) ATOP counts the
	// signatories (from 1992-05-15), csto does not.
	if r := get(all, 705, 1993); slices.Contains(r.ATOPIDs, rules.CuratedATOPID) {
		t.Errorf("all: KAZ 1993 bound by the CSTO: %v", r.ATOPIDs)
	}
}

// The same state-year expansion in plain SQL on the projection of the
// alliance rows gives the same rows as the Go expansion.
func TestRealStateYearsSQL(t *testing.T) {
	reg, st := realRegistry(t)
	got, err := sqlStateYears(st.DB(), 1815, 2018)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := rules.StateYears(reg.Model(), rules.SourceATOP, 0, 0, 2026)
	if len(got) != len(want) {
		t.Fatalf("SQL: %d state-years, Go %d", len(got), len(want))
	}
	for i := range want {
		w := want[i]
		w.Version = ""
		if compact(got[i]) != compact(w) {
			t.Fatalf("row %d: SQL %s\nGo %s", i, pretty(got[i]), pretty(w))
		}
	}
}

// stateYearSQL is the codebook's state-year expansion over the
// p_alliance_members projection: a row per state and year some membership
// covers, ATOP's obligations OR-ed, the alliances counted, and TRANSYR for
// real starts and ends (a phase beginning the day another of the same
// alliance ends is neither).
const stateYearSQL = `
WITH RECURSIVE years(y) AS (SELECT ?1 UNION ALL SELECT y + 1 FROM years WHERE y < ?2),
rows AS (
	SELECT a.atopid, pm.cow AS state, pm.entry_year, pm.exit_year, COALESCE(pm.exit_year, 2018) AS last_year,
		pm.defense, pm.offense, pm.neutral, pm.nonagg, pm.consul,
		NOT EXISTS (SELECT 1 FROM p_alliance_members q WHERE q.alliance = pm.alliance AND q.cow = pm.cow AND q.exit_date = pm.entry) AS real_start,
		(pm.exit_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM p_alliance_members q
			WHERE q.alliance = pm.alliance AND q.cow = pm.cow AND q.entry = pm.exit_date)) AS real_end
	FROM p_alliance_members pm JOIN p_alliances a ON a.id = pm.alliance
	WHERE a.atopid BETWEEN 1000 AND 7999
)
SELECT rows.state, years.y, MAX(defense), MAX(offense), MAX(neutral), MAX(nonagg), MAX(consul),
	COUNT(DISTINCT atopid),
	MAX((years.y = entry_year AND real_start) OR (years.y = exit_year AND real_end)),
	GROUP_CONCAT(DISTINCT atopid)
FROM rows JOIN years ON years.y BETWEEN rows.entry_year AND rows.last_year
GROUP BY rows.state, years.y
ORDER BY rows.state, years.y`

func sqlStateYears(db *sql.DB, from, to int) ([]atop.StateYear, error) {
	rs, err := db.Query(stateYearSQL, from, to)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []atop.StateYear
	for rs.Next() {
		var r atop.StateYear
		var ids string
		if err := rs.Scan(&r.State, &r.Year, &r.Defense, &r.Offense, &r.Neutral, &r.Nonagg, &r.Consul, &r.Number, &r.TransYr, &ids); err != nil {
			return nil, err
		}
		for _, s := range strings.Split(ids, ",") {
			n, _ := strconv.Atoi(s)
			r.ATOPIDs = append(r.ATOPIDs, n)
		}
		slices.Sort(r.ATOPIDs)
		out = append(out, r)
	}
	return out, rs.Err()
}

// Reconciling ATOP's CSTO (4220) with csto's record lists every
// difference with both sides: the entry into force, the Charter's phase
// and the 2010 amendment, Belarus's signature (1993-12-31; ATOP
// 1994-01-03), Uzbekistan's return and suspension, the exits of 1999 a day
// apart, and the conditions csto reads in Arts. 4 (as amended) and 6.
func TestRealReconcile(t *testing.T) {
	reg, _ := realRegistry(t)
	rc, err := rules.ReconcileATOP(reg.Model(), 4220, csto.English)
	if err != nil {
		t.Fatal(err)
	}
	type d struct{ kind, state, atop, curated string }
	var got []d
	for _, x := range rc.Differences {
		got = append(got, d{x.Kind, x.State, x.ATOP.Value, x.Curated.Value})
		if !slices.Contains(x.ATOP.Sources, rules.ATOPSource) {
			t.Errorf("%s %s: ATOP side without its source", x.Kind, x.State)
		}
		if x.Curated.Value != "" && len(x.Curated.Sources) == 0 {
			t.Errorf("%s %s: curated side without sources", x.Kind, x.State)
		}
	}
	want := []d{
		{"in-force", "", "1992-05-15", "1994-04-20"},
		{"phase", "", "phase 2 from 2002-10-07", "charter signed 2002-10-07, in force 2003-09-18"},
		{"phase", "", "", "cst-protocol-2010 in force 2012-12-19, amending cst Arts. 2, 3, 4"},
		{"member-entry", "BLR", "1994-01-03", "1993-12-31"},
		{"member-entry", "UZB", "2006-08-17", "2006-06-23"},
		{"member-exit", "AZE", "1999-04-20", "1999-04-21"},
		{"member-exit", "GEO", "1999-04-20", "1999-04-21"},
		{"member-exit", "UZB", "1999-04-20", "1999-04-21"},
		{"member-exit", "UZB", "2012-06-28", "2012-12-19"},
		{"condition", "", "defense without condition", "defense decision of the heads of state (the Council) (from 1994-04-20)"},
		{"condition", "", "defense without condition", "defense at the request of the member attacked (from 2012-12-19)"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("differences:\n%s\nwant\n%s", pretty(got), pretty(want))
	}
}

// With ATOP imported, the obligations toward Armenia in 2016 include
// ATOP's 4400, of which Azerbaijan is a member too: a conflict.
func TestRealObligations(t *testing.T) {
	reg, _ := realRegistry(t)
	rep, err := rules.Obligations(reg.Model(), rules.Query{Target: "ARM", Aggressor: "AZE", At: date("2016-04-02"), Lang: csto.English})
	if err != nil {
		t.Fatal(err)
	}
	if d := obligation(t, rep, "csto", "defense"); d.Article != "CST Art. 4" {
		t.Errorf("csto: %s", pretty(d))
	}
	if d := obligation(t, rep, "atop-4400", "defense"); !slices.Contains(d.Allies, "AZE") || d.Certainty != csto.Certain {
		t.Errorf("4400: %s", pretty(d))
	}
	ok := false
	for _, c := range rep.Conflicts {
		ok = ok || c.Kind == "aggressor-is-member" && c.Alliance == "atop-4400" && c.State == "AZE"
	}
	if !ok {
		t.Errorf("conflicts lack Azerbaijan in 4400: %s", pretty(rep.Conflicts))
	}
	for _, o := range rep.Obligations {
		if o.Alliance == "atop-4220" {
			t.Errorf("ATOP's own CSTO read: %s", pretty(o))
		}
	}
}

func compact(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
