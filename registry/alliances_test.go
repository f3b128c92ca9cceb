package registry_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// dated is cmd for a reference command that carries a date (alliance.add
// and alliance.member date the alliance's beginning and the entry).
func dated(id, typ, date string, data any) csto.Command {
	c := cmd(id, typ, "", data)
	c.Date, c.Sources = edtf.MustParse(date), []string{"src"}
	return c
}

// The world's alliances are kept beside the organizations: rows by
// alliance and by state, in log order; a model published before an
// import does not see it.
func TestAllianceRows(t *testing.T) {
	reg, _ := open(t)
	load(t, reg, fixture()...)
	before := reg.Model()
	load(t, reg,
		dated("a:1", csto.CmdAllianceAdd, "1995-03-01", csto.AllianceAdd{ID: "atop-1", ATOPID: 1, Observed: edtf.MustParse("2018-12-31"),
			Phases: []csto.AlliancePhase{{Phase: 0, Begin: edtf.MustParse("1995-03-01"), Bilat: true}}}),
		dated("m:1:RUS", csto.CmdAllianceMember, "1995-03-01", csto.AllianceMember{Alliance: "atop-1", State: "RUS", COW: 365,
			Provisions: []csto.Provision{{Kind: "defense", Codes: []string{"defcoloc"}, Conditions: []csto.Text{name("only there")}}}}),
		dated("m:1:KAZ", csto.CmdAllianceMember, "1995-03-01", csto.AllianceMember{Alliance: "atop-1", State: "KAZ", COW: 705,
			Exit: edtf.MustParse("2001")}),
	)
	m := reg.Model()
	if rows := m.AllianceRows("atop-1"); len(rows) != 2 || rows[0].State != "RUS" || rows[1].Exit.String() != "2001" || rows[1].Entry.String() != "1995-03-01" {
		t.Errorf("rows: %+v", rows)
	}
	if rows := m.StateAllianceRows("KAZ"); len(rows) != 1 || rows[0].Alliance != "atop-1" {
		t.Errorf("KAZ: %+v", rows)
	}
	if a, ok := m.AllianceByATOPID(1); !ok || a.ID != "atop-1" || a.Begin.String() != "1995-03-01" {
		t.Errorf("by ATOPID: %+v %v", a, ok)
	}
	if len(before.AllianceMembers) != 0 || len(before.Alliances) != 0 || len(before.StateAllianceRows("RUS")) != 0 {
		t.Error("a published model changed")
	}
	// A reference command: not on the timeline.
	for _, e := range m.Entries {
		if e.Type() == csto.CmdAllianceMember || e.Type() == csto.CmdAllianceAdd {
			t.Errorf("timeline entry at %d", e.Seq)
		}
	}
	for _, c := range []struct {
		name string
		cmd  csto.Command
		want string
	}{
		{"ErrDuplicateRow", dated("m:1:RUS:again", csto.CmdAllianceMember, "1995-03-01", csto.AllianceMember{Alliance: "atop-1", State: "RUS", COW: 365}), "alliance"},
		{"ErrUnknownPhase", dated("m:1:ARM", csto.CmdAllianceMember, "1995-03-01", csto.AllianceMember{Alliance: "atop-1", Phase: 2, State: "ARM", COW: 371}), "data.phase"},
		{"ErrUnknownState", dated("m:1:USA", csto.CmdAllianceMember, "1995-03-01", csto.AllianceMember{Alliance: "atop-1", State: "USA", COW: 2}), "data.state"},
		{"ErrNoCOW", dated("m:1:ARM2", csto.CmdAllianceMember, "1995-03-01", csto.AllianceMember{Alliance: "atop-1", State: "ARM"}), "data.cow"},
		{"ErrNoEntry", cmd("m:1:ARM3", csto.CmdAllianceMember, "", csto.AllianceMember{Alliance: "atop-1", State: "ARM", COW: 371}), "date"},
		{"ErrSameATOPID", dated("a:2", csto.CmdAllianceAdd, "1995", csto.AllianceAdd{ID: "atop-one", ATOPID: 1, Phases: []csto.AlliancePhase{{Begin: edtf.MustParse("1995")}}}), "unique-id"},
		{"ErrPhaseTwice", dated("a:3", csto.CmdAllianceAdd, "1995", csto.AllianceAdd{ID: "atop-3", Phases: []csto.AlliancePhase{{Begin: edtf.MustParse("1995")}, {Begin: edtf.MustParse("1996")}}}), "data.phases[1].phase"},
		{"ErrUnknownProvision", dated("m:1:ARM4", csto.CmdAllianceMember, "1995-03-01", csto.AllianceMember{Alliance: "atop-1", State: "ARM", COW: 371,
			Provisions: []csto.Provision{{Kind: "friendship"}}}), "data.provisions[0].kind"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := reg.Submit(context.Background(), system, c.cmd)
			wantField(t, err, c.want)
		})
	}
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	ce, ok := err.(*csto.Error)
	if !ok || (ce.Field != field && ce.Rule != field) {
		t.Fatalf("%v; want a refusal naming %s", err, field)
	}
}

// instrument.articles re-encodes an article (here adding a condition
// code) or adds one, without touching the instrument's other articles.
func TestInstrumentArticles(t *testing.T) {
	reg, _ := open(t)
	cmds := fixture()
	var in csto.InstrumentAdd
	for i, c := range cmds {
		if c.ID == "cst" {
			if err := json.Unmarshal(c.Data, &in); err != nil {
				t.Fatal(err)
			}
			in.Articles = []csto.Article{{Num: "1", Text: name("Art. 1")}, {Num: "4", Text: name("Art. 4"),
				Provisions: []csto.Provision{{Kind: "defense"}}}}
			cmds[i] = cmd("cst", csto.CmdInstrumentAdd, "1992-05-15", in)
		}
	}
	load(t, reg, cmds...)
	enc := cmd("articles:cst", csto.CmdInstrumentArticles, "", csto.InstrumentArticles{Instrument: "cst", Articles: []csto.Article{
		{Num: "4", Text: name("Art. 4"), Provisions: []csto.Provision{{Kind: "defense", Conditions: []csto.Text{name("by decision")}, Codes: []string{"council-decision"}}}},
		{Num: "6", Text: name("Art. 6")},
	}})
	_, err := reg.Submit(context.Background(), system, enc)
	wantField(t, err, "sources") // an encoding cites the text it reads
	enc.Sources = []string{"src"}
	load(t, reg, enc)
	arts := reg.Model().Instruments["cst"].Articles
	if len(arts) != 3 || arts[0].Num != "1" || arts[1].Num != "4" || arts[2].Num != "6" ||
		!slices.Equal(arts[1].Provisions[0].Codes, []string{"council-decision"}) {
		t.Errorf("articles: %+v", arts)
	}
	_, err = reg.Submit(context.Background(), system, cmd("articles:none", csto.CmdInstrumentArticles, "", csto.InstrumentArticles{Instrument: "nothing",
		Articles: []csto.Article{{Num: "1", Text: name("x")}}}))
	wantField(t, err, "data.instrument")
}

// SpellsWith gives the spells under another reading of one fact's date;
// Facts lists what the spells rest on.
func TestSpellsWithAClaimedDate(t *testing.T) {
	reg, _ := open(t)
	load(t, reg, fixture()...)
	m := reg.Model()
	var nonRenewal int64
	for _, f := range m.Facts("UZB", "csto") {
		if f.Type == csto.CmdPartyNonRenewal {
			nonRenewal = f.Seq
		}
	}
	if nonRenewal == 0 {
		t.Fatal("no non-renewal fact")
	}
	at := edtf.MustParse("2000-06-01")
	if s := registry.StatusIn(m.Spells("UZB", "csto"), at); s.Status != "" {
		t.Errorf("preferred: %s in 2000", s.Status)
	}
	if s := registry.StatusIn(m.SpellsWith("UZB", "csto", nonRenewal, edtf.MustParse("2004-04-21")), at); s.Status != csto.Member {
		t.Errorf("under the claim: %s in 2000", s.Status)
	}
	if got := m.StatesIn("csto"); !slices.Equal(got, []string{"ARM", "AZE", "KAZ", "RUS", "UZB"}) {
		t.Errorf("states in csto: %v", got)
	}
}

// The atop package's codes for states ISO never coded are state codes.
func TestStateCodes(t *testing.T) {
	reg, _ := open(t)
	load(t, reg, fixture()...)
	for code, ok := range map[string]bool{"COW-BAV": true, "ATOP-8152": true, "YUG": true, "COW-": false, "COW-bav": false,
		"ATOP-": false, "ATOP-81x": false, "bav": false, "BAVA": false} {
		_, err := reg.Submit(context.Background(), system, cmd("state:"+code, csto.CmdStateAdd, "", csto.StateAdd{Code: code, Name: name(code), ExistsFrom: edtf.MustParse("1816")}))
		if (err == nil) != ok {
			t.Errorf("%q: %v", code, err)
		}
	}
}
