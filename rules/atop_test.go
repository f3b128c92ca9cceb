package rules_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/rules"
)

// row builds an ATOP member row: entry and exit ("" while in effect) as
// EDTF, obligations by ATOP's names (defense, offense, neutral, nonagg,
// consul) and detailed conditions (defcoloc, concoreq, …).
func row(atopid, phase, cow int, entry, exit string, flags ...string) atop.Member {
	m := atop.Member{ATOPID: atopid, Phase: phase, State: cow, Entry: edtf.MustParse(entry), InEffect: exit == ""}
	m.YrEnt, _, _ = m.Entry.Earliest().Date()
	if exit != "" {
		m.Exit = edtf.MustParse(exit)
		m.YrExit, _, _ = m.Exit.Earliest().Date()
	}
	m.Version, m.NoOthAll = "5.1", 0
	for _, f := range flags {
		switch f {
		case "defense":
			m.Defense = true
		case "offense":
			m.Offense = true
		case "neutral":
			m.Neutral = true
		case "nonagg":
			m.Nonagg = true
		case "consul":
			m.Consul = true
		case "defcoloc":
			m.DefCoLoc, m.DefCon, m.Conditio = true, true, true
		case "concoreq":
			m.ConCoReq, m.ConCon, m.Conditio = true, true, true
		case "noothall":
			m.NoOthAll = 1
		case "bilat":
			m.Bilat = true
		case "asymm":
			m.Asymm = true
		}
	}
	return m
}

// fixture is a small ATOP: a bilateral Russian–Kazakh defence pact (1001),
// a consultation pact of Kazakhstan, Azerbaijan and Turkey (1002, ended
// 2010), ATOP's own CSTO (4220, which csto's record replaces), Yugoslavia
// before and after the war (1003: COW 345), the two Germanies (1004: 255
// and 260), and Annam (8152).
func fixture() []atop.Member {
	return []atop.Member{
		row(1001, 0, 365, "1995-03-01", "", "defense", "defcoloc", "bilat"),
		row(1001, 0, 705, "1995-03-01", "", "defense", "bilat"),
		row(1002, 0, 705, "2000-01-01", "2010-06-30", "consul", "concoreq", "noothall"),
		row(1002, 0, 373, "2000-01-01", "2010-06-30", "consul"),
		row(1002, 0, 640, "2000-01-01", "2010-06-30", "consul"),
		row(4220, 1, 365, "1992-05-15", "2002-10-07", "defense", "nonagg", "consul", "noothall"),
		row(4220, 1, 705, "1992-05-15", "2002-10-07", "defense", "nonagg", "consul", "noothall"),
		row(4220, 2, 365, "2002-10-07", "", "defense", "nonagg", "consul", "noothall"),
		row(4220, 2, 705, "2002-10-07", "", "defense", "nonagg", "consul", "noothall"),
		row(1003, 0, 345, "1921-06-07", "1940-08-30", "defense"),
		row(1003, 0, 290, "1921-06-07", "1940-08-30", "defense"),
		row(1005, 0, 345, "1996-04-08", "", "nonagg"),
		row(1005, 0, 344, "1996-04-08", "", "nonagg"),
		row(1004, 0, 260, "1957-03-25", "1990-10-03", "nonagg"),
		row(1004, 0, 255, "1990-10-03", "", "nonagg"),
		row(1004, 0, 220, "1957-03-25", "", "nonagg"),
		row(1006, 0, 220, "1874-03-15", "1883-08", "defense", "bilat"),
		row(1006, 0, 8152, "1874-03-15", "1883-08", "neutral", "bilat"),
	}
}

// importFixture loads the default history and the fixture, in one
// batch, on a fresh registry.
func importFixture(t *testing.T) (*registry.Registry, rules.ATOPImport) {
	t.Helper()
	reg := openRegistry(t)
	imp, err := rules.ATOPCommands(reg.Model(), rules.ATOPData{Members: fixture()})
	if err != nil {
		t.Fatal(err)
	}
	evs, err := reg.SubmitNew(context.Background(), csto.Actor{Role: csto.RoleSystem, State: "import"}, imp.Commands...)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != len(imp.Commands) {
		t.Fatalf("%d events for %d commands", len(evs), len(imp.Commands))
	}
	return reg, imp
}

// The import registers the states csto does not know (names from the
// atop package, existence from their first entry), one alliance per
// ATOPID and one membership per row, citing ATOP; COW 345 is Yugoslavia
// before the war and Serbia (as csto registers it, from 1944-10-20)
// after; 255 and 260 are both Germany; importing again adds nothing.
func TestATOPImportFixture(t *testing.T) {
	reg, imp := importFixture(t)
	if imp.States != 7 || imp.Alliances != 7 || imp.Members != 18 {
		t.Errorf("%d states, %d alliances, %d members; want 7, 7, 18", imp.States, imp.Alliances, imp.Members)
	}
	m := reg.Model()
	for code, want := range map[string]struct {
		cow    int
		exists string
		en     string
	}{
		"YUG": {345, "1921-06-07", "Yugoslavia"}, "DEU": {255, "1957-03-25", "Germany"}, "FRA": {220, "1874-03-15", "France"},
		"TUR": {640, "2000-01-01", "Turkey"}, "ATOP-8152": {8152, "1874-03-15", "Annam"},
	} {
		s := m.States[code]
		if s == nil || s.COW != want.cow || s.ExistsFrom.String() != want.exists || s.Name.EN != want.en || s.Name.Check("name") != nil {
			t.Errorf("%s: %+v, want %+v", code, s, want)
		}
	}
	states := func(alliance string) []string {
		var out []string
		for _, r := range m.AllianceRows(alliance) {
			out = append(out, r.State)
		}
		return out
	}
	if got := states("atop-1003"); !slices.Equal(got, []string{"YUG", "POL"}) {
		t.Errorf("1003 (1921): %v", got)
	}
	if got := states("atop-1005"); !slices.Equal(got, []string{"SRB", "HRV"}) {
		t.Errorf("1005 (1996): %v", got)
	}
	if got := states("atop-1004"); !slices.Equal(got, []string{"DEU", "DEU", "FRA"}) {
		t.Errorf("1004: %v", got)
	}
	r := m.AllianceRows("atop-1001")[0]
	if r.State != "RUS" || r.COW != 365 || r.Entry.String() != "1995-03-01" || !r.Exit.IsZero() || len(r.Provisions) != 1 ||
		!slices.Equal(r.Provisions[0].Codes, []string{"defcoloc"}) || r.Provisions[0].Conditions[0].Check("c") != nil {
		t.Errorf("1001 row: %+v", r)
	}
	if a := m.Alliances["atop-4220"]; a == nil || len(a.Phases) != 2 || a.Begin.String() != "1992-05-15" || !a.End.IsZero() ||
		a.Observed.String() != "2018-12-31" || a.Phases[1].Begin.String() != "2002-10-07" {
		t.Errorf("4220: %+v", a)
	}
	seq := m.Seq
	err := reg.Events(context.Background(), seq-int64(len(imp.Commands)), func(e csto.Event) error {
		c, _ := e.Command()
		if !slices.Equal(c.Sources, []string{rules.ATOPSource}) || e.Actor != "system:import" {
			t.Errorf("event %d (%s): sources %v, actor %s", e.Seq, e.CommandID, c.Sources, e.Actor)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	again, err := rules.ATOPCommands(m, rules.ATOPData{Members: fixture()})
	if err != nil {
		t.Fatal(err)
	}
	if again.States != 0 {
		t.Errorf("second build plans %d states", again.States)
	}
	evs, err := reg.SubmitNew(context.Background(), csto.Actor{Role: csto.RoleSystem, State: "import"}, again.Commands...)
	if err != nil || len(evs) != 0 || reg.Model().Seq != seq {
		t.Errorf("second import: %d events, %v", len(evs), err)
	}
}

func TestATOPImportRefusals(t *testing.T) {
	reg := openRegistry(t)
	m := reg.Model()
	bad := fixture()
	bad[3].State = 999
	if _, err := rules.ATOPCommands(m, rules.ATOPData{Members: bad}); csto.ErrorKind(err) != csto.Invalid {
		t.Errorf("COW 999: %v", err)
	}
	if _, err := rules.ATOPCommands(m, rules.ATOPData{}); csto.ErrorKind(err) != csto.Invalid {
		t.Errorf("no rows: %v", err)
	}
	for _, c := range []struct {
		name string
		cmd  csto.Command
		want string // field or rule
	}{
		{"ErrUnknownAlliance", cmd(t, "m1", "alliance.member", "2000-01-01", csto.AllianceMember{Alliance: "atop-1", State: "RUS", COW: 365}), "data.alliance"},
		{"ErrCOWCodeIsStateCode", cmd(t, "s1", "state.add", "", csto.StateAdd{Code: "cow-bav", Name: text("Bavaria"), ExistsFrom: date("1816")}), "data.code"},
		{"ErrNoPhase", cmd(t, "a1", "alliance.add", "2000", csto.AllianceAdd{ID: "atop-1"}), "data.phases"},
		{"ErrBadConditionCode", cmd(t, "a2", "instrument.articles", "", csto.InstrumentArticles{Instrument: "cst", Articles: []csto.Article{
			{Num: "4", Text: text("Art. 4"), Provisions: []csto.Provision{{Kind: "defense", Codes: []string{"whim"}}}}}}), "data.articles[0].provisions[0].codes[0]"},
		{"ErrContraryToItself", cmd(t, "c1", "org.contrary", "2000", csto.OrgContrary{Org: "guam", Of: "guam", Reason: text("r")}), "data.of"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := reg.Model().Seq
			_, err := reg.Submit(context.Background(), csto.Actor{Role: csto.RoleSystem, State: "test"}, c.cmd)
			var ce *csto.Error
			if !errors.As(err, &ce) || (ce.Field != c.want && ce.Rule != c.want) {
				t.Errorf("%v; want a refusal naming %s", err, c.want)
			}
			if reg.Model().Seq != before {
				t.Error("a refused command changed the log")
			}
		})
	}
	// The atop package's codes for states ISO never coded are state codes.
	submit(t, reg, cmd(t, "state:cow-bav", "state.add", "", csto.StateAdd{Code: "COW-BAV", Name: text("Bavaria"), ExistsFrom: date("1816")}),
		cmd(t, "state:atop-8152", "state.add", "", csto.StateAdd{Code: "ATOP-8152", Name: text("Annam"), ExistsFrom: date("1874")}))
	// A membership may not end before it began.
	submit(t, reg, cmd(t, "a3", "alliance.add", "2000", csto.AllianceAdd{ID: "atop-2", ATOPID: 2, Phases: []csto.AlliancePhase{{Phase: 0, Begin: date("2000")}}}))
	_, err := reg.Submit(context.Background(), csto.Actor{Role: csto.RoleSystem, State: "test"},
		cmd(t, "m2", "alliance.member", "2000-05-01", csto.AllianceMember{Alliance: "atop-2", State: "RUS", COW: 365, Exit: date("1999")}))
	if ce := (*csto.Error)(nil); !errors.As(err, &ce) || ce.Rule != "chronology" {
		t.Errorf("exit before entry: %v", err)
	}
}

func years(rows []atop.StateYear, cow int) map[int]atop.StateYear {
	out := map[int]atop.StateYear{}
	for _, r := range rows {
		if r.State == cow {
			out[r.Year] = r
		}
	}
	return out
}

// The exports: ATOP as imported gives what ATOP's own expansion of the
// same rows gives; the curated CSTO counts the years a state is bound and
// takes part (from the entry into force, 1994; Uzbekistan out from 1999
// to 2006 and suspended from 2012; Armenia's frozen participation
// counted), on to this year; all puts the curated CSTO (9220) in place of
// ATOP's 4220.
func TestExportsFixture(t *testing.T) {
	reg, _ := importFixture(t)
	m := reg.Model()
	got, err := rules.StateYears(m, rules.SourceATOP, 0, 0, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if want := atop.StateYears(fixture(), 1815, 2018); pretty(got) != pretty(want) {
		t.Errorf("atop state-years differ from atop.StateYears of the same rows")
	}
	for _, directed := range []bool{false, true} {
		got, err := rules.DyadYears(m, rules.SourceATOP, 0, 0, 2026, directed)
		if err != nil {
			t.Fatal(err)
		}
		if want := atop.DyadYears(fixture(), 1815, 2018, directed); pretty(got) != pretty(want) {
			t.Errorf("atop dyad-years (directed %v) differ from atop.DyadYears", directed)
		}
	}

	cur, err := rules.StateYears(m, rules.SourceCurated, 0, 0, 2026)
	if err != nil {
		t.Fatal(err)
	}
	uzb := years(cur, 704)
	for y := 1990; y <= 2026; y++ {
		in := (y >= 1994 && y <= 1999) || (y >= 2006 && y <= 2012)
		if _, ok := uzb[y]; ok != in {
			t.Errorf("UZB %d: in the CSTO %v, want %v", y, ok, in)
		}
	}
	for y, trans := range map[int]bool{1994: true, 1995: false, 1999: true, 2006: true, 2010: false, 2012: true} {
		if uzb[y].TransYr != trans {
			t.Errorf("UZB %d: transyr %v, want %v", y, uzb[y].TransYr, trans)
		}
	}
	kaz := years(cur, 705)
	if r := kaz[2022]; r.Number != 1 || !slices.Equal(r.ATOPIDs, []int{rules.CuratedATOPID}) || !r.Defense || !r.Consul || !r.Nonagg ||
		r.Offense || r.Neutral || r.TransYr || r.Version != rules.ExportVersion {
		t.Errorf("KAZ 2022: %+v", r)
	}
	if _, ok := kaz[1993]; ok {
		t.Error("KAZ 1993: a signatory is not yet bound")
	}
	if r, ok := years(cur, 371)[2025]; !ok || r.TransYr {
		t.Errorf("ARM 2025 (participation frozen): %+v %v", r, ok)
	}
	if _, ok := years(cur, 373)[2000]; ok {
		t.Error("AZE 2000: out since 1999")
	}

	all, err := rules.StateYears(m, rules.SourceAll, 0, 0, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if r := years(all, 705)[2000]; !slices.Equal(r.ATOPIDs, []int{1001, 1002, rules.CuratedATOPID}) || r.Version != "5.1" {
		t.Errorf("all: KAZ 2000: %+v", r)
	}
	if _, ok := years(all, 705)[2019]; ok {
		t.Error("all: 2019 is past ATOP's years by default")
	}

	dy, err := rules.DyadYears(m, rules.SourceCurated, 2020, 2020, 2026, true)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []int
	for _, d := range dy {
		pairs = append(pairs, d.ID())
	}
	if !slices.Contains(pairs, 365705) || !slices.Contains(pairs, 705365) || slices.Contains(pairs, 371704) {
		t.Errorf("curated directed dyads 2020: %v", pairs)
	}

	if _, err := rules.StateYears(m, "world", 0, 0, 2026); csto.ErrorKind(err) != csto.Invalid {
		t.Errorf("unknown source: %v", err)
	}
	if _, err := rules.StateYears(m, rules.SourceATOP, 2000, 1990, 2026); csto.ErrorKind(err) != csto.Invalid {
		t.Errorf("to before from: %v", err)
	}
	if _, err := rules.StateYears(history(t), rules.SourceATOP, 0, 0, 2026); csto.ErrorKind(err) != csto.NotFound {
		t.Errorf("ATOP not imported: %v", err)
	}
	var buf bytes.Buffer
	if err := atop.WriteStateYearsCSV(&buf, cur, 1); err != nil || !strings.HasPrefix(buf.String(), "state,year,atopally,defense,offense,neutral,nonagg,consul,number,transyr,atopid1,version\r\n") {
		t.Errorf("CSV: %v %.120s", err, buf.String())
	}
}

// With ATOP: Kazakhstan's ATOP alliances bind their members beside the
// curated CSTO (ATOP's own CSTO, 4220, is not read again); an aggressor
// in one of them is a conflict; after 2018 an ATOP alliance still in
// force is only possibly so.
func TestObligationsWithATOP(t *testing.T) {
	reg, _ := importFixture(t)
	m := reg.Model()
	rep, err := rules.Obligations(m, rules.Query{Target: "KAZ", Aggressor: "AZE", At: date("2005-06-01"), Lang: csto.English})
	if err != nil {
		t.Fatal(err)
	}
	d := obligation(t, rep, "atop-1001", "defense")
	if !slices.Equal(d.Allies, []string{"RUS"}) || d.Source != "atop" || d.Certainty != csto.Certain ||
		!slices.Equal(d.Conditions, []string{"only for a conflict in a particular location"}) {
		t.Errorf("1001: %s", pretty(d))
	}
	if c := obligation(t, rep, "atop-1002", "consultation"); !slices.Equal(c.Allies, []string{"AZE", "TUR"}) {
		t.Errorf("1002: %s", pretty(c))
	}
	for _, o := range rep.Obligations {
		if o.Alliance == "atop-4220" {
			t.Errorf("ATOP's CSTO read beside the curated one: %s", pretty(o))
		}
	}
	found := false
	for _, c := range rep.Conflicts {
		if c.Kind == "aggressor-is-member" && c.Alliance == "atop-1002" && c.State == "AZE" && slices.Equal(c.Obligations, []string{"consultation"}) {
			found = true
		}
	}
	if !found {
		t.Errorf("conflicts %s lack Azerbaijan in 1002", pretty(rep.Conflicts))
	}
	late, _ := rules.Obligations(m, rules.Query{Target: "KAZ", At: date("2020-06-01"), Lang: csto.English})
	if d := obligation(t, late, "atop-1001", "defense"); d.Certainty != csto.Possible || !strings.Contains(d.Note, "2018-12-31") {
		t.Errorf("2020: %s", pretty(d))
	}
	for _, o := range late.Obligations {
		if o.Alliance == "atop-1002" {
			t.Errorf("2020: 1002 ended in 2010: %s", pretty(o))
		}
	}
}

// Reconciling a fixture 4220 with the curated CSTO: the Treaty's entry
// into force, the Charter's phase, the 2010 amendment ATOP has no phase
// for, the members ATOP's fixture lacks, the conditions csto reads in
// Arts. 4 and 6.
func TestReconcileFixture(t *testing.T) {
	if _, err := rules.ReconcileATOP(history(t), 4220, csto.English); csto.ErrorKind(err) != csto.NotFound {
		t.Errorf("before the import: %v", err)
	}
	reg, _ := importFixture(t)
	m := reg.Model()
	if _, err := rules.ReconcileATOP(m, 1001, csto.English); csto.ErrorKind(err) != csto.NotFound {
		t.Errorf("1001 has no curated record: %v", err)
	}
	rc, err := rules.ReconcileATOP(m, 4220, csto.English)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range rc.Differences {
		got = append(got, d.Kind+" "+d.State)
		if len(d.ATOP.Sources) == 0 && d.ATOP.Value != "" {
			t.Errorf("%s %s: ATOP side without its source", d.Kind, d.State)
		}
	}
	want := []string{"in-force ", "phase ", "phase ", "member-span ARM", "member-span AZE", "member-span BLR", "member-span GEO",
		"member-span KGZ", "member-span TJK", "member-span UZB", "member-span UZB", "condition ", "condition "}
	if !slices.Equal(got, want) {
		t.Errorf("differences\n%v\nwant\n%v", got, want)
	}
}
