package registry_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// open returns a registry on a new SQLite file.
func open(t testing.TB) (*registry.Registry, *sqlite.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg, err := registry.Open(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return reg, st
}

var text = csto.Text{AR: "نص", EN: "text", RU: "текст"}

// cmd builds a command citing the fixture source.
func cmd(id, typ, date string, data any) csto.Command {
	b, err := json.Marshal(data)
	if err != nil {
		panic(err)
	}
	c := csto.Command{ID: id, Type: typ, Data: b}
	if !csto.IsReference(typ) {
		c.Date, c.Text, c.Sources = edtf.MustParse(date), text, []string{"src"}
	}
	return c
}

func name(en string) csto.Text { return csto.Text{AR: en + "-ar", EN: en, RU: en + "-ru"} }

// fixture is a small CSTO: a treaty signed by three states in 1992 and a
// fourth in 1993, in force 1994, one state leaving by non-renewal in
// 1999, one rejoining, freezing and being suspended.
func fixture() []csto.Command {
	return []csto.Command{
		cmd("source:src", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "src", Title: "A source"}),
		cmd("state:ARM", csto.CmdStateAdd, "", csto.StateAdd{Code: "ARM", Name: name("Armenia"), ExistsFrom: edtf.MustParse("1991-12-21")}),
		cmd("state:RUS", csto.CmdStateAdd, "", csto.StateAdd{Code: "RUS", Name: name("Russia"), ExistsFrom: edtf.MustParse("1816-01-01")}),
		cmd("state:UZB", csto.CmdStateAdd, "", csto.StateAdd{Code: "UZB", Name: name("Uzbekistan"), ExistsFrom: edtf.MustParse("1991-12-21")}),
		cmd("state:AZE", csto.CmdStateAdd, "", csto.StateAdd{Code: "AZE", Name: name("Azerbaijan"), ExistsFrom: edtf.MustParse("1991-12-21")}),
		cmd("state:KAZ", csto.CmdStateAdd, "", csto.StateAdd{Code: "KAZ", Name: name("Kazakhstan"), ExistsFrom: edtf.MustParse("1991-12-21")}),
		cmd("org:csto", csto.CmdOrgAdd, "1992-05-15", csto.OrgAdd{ID: "csto", Name: name("CSTO"), Kind: "collective-defence", MembershipInstrument: "cst"}),
		cmd("cst", csto.CmdInstrumentAdd, "1992-05-15", csto.InstrumentAdd{ID: "cst", Org: "csto", Kind: "treaty", Name: name("Collective Security Treaty")}),
		cmd("body:csc", csto.CmdBodyAdd, "1992-05-15", csto.BodyAdd{ID: "csc", Org: "csto", Kind: "council", Name: name("Council"), DecisionRule: "consensus"}),
		cmd("sign:ARM", csto.CmdPartySign, "1992-05-15", csto.PartyAction{State: "ARM", Instrument: "cst"}),
		cmd("sign:RUS", csto.CmdPartySign, "1992-05-15", csto.PartyAction{State: "RUS", Instrument: "cst"}),
		cmd("sign:UZB", csto.CmdPartySign, "1992-05-15", csto.PartyAction{State: "UZB", Instrument: "cst"}),
		cmd("sign:KAZ", csto.CmdPartySign, "1992-05-15", csto.PartyAction{State: "KAZ", Instrument: "cst"}),
		cmd("sign:AZE", csto.CmdPartySign, "1993-09-24", csto.PartyAction{State: "AZE", Instrument: "cst"}),
		cmd("cst:in-force", csto.CmdInForce, "1994-04-20", csto.InstrumentInForce{Instrument: "cst"}),
		cmd("nonrenewal:AZE", csto.CmdPartyNonRenewal, "1999-04-21", csto.PartyAction{State: "AZE", Instrument: "cst"}),
		cmd("nonrenewal:UZB", csto.CmdPartyNonRenewal, "1999-04-21", csto.PartyAction{State: "UZB", Instrument: "cst"}),
		cmd("dec:uzb-2006", csto.CmdDecisionRecord, "2006-06-23", csto.DecisionRecord{ID: "dec-uzb-2006", Org: "csto", Body: "csc", Title: name("Admission"), Subject: &csto.Subject{Act: "admit", State: "UZB"}}),
		cmd("rejoin:UZB", csto.CmdJoin, "2006-06-23", csto.MembershipChange{State: "UZB", Org: "csto", Decision: "dec-uzb-2006"}),
		cmd("freeze:UZB", csto.CmdFreeze, "2012-06-20", csto.MembershipChange{State: "UZB", Org: "csto"}),
		cmd("dec:uzb", csto.CmdDecisionRecord, "2012-12-19", csto.DecisionRecord{ID: "dec-uzb", Org: "csto", Body: "csc", Title: name("Suspension"), Subject: &csto.Subject{Act: "suspend", State: "UZB"}}),
		cmd("suspend:UZB", csto.CmdSuspend, "2012-12-19", csto.MembershipChange{State: "UZB", Org: "csto", Decision: "dec-uzb"}),
		cmd("freeze:ARM", csto.CmdFreeze, "2024-02-22", csto.MembershipChange{State: "ARM", Org: "csto"}),
	}
}

func load(t testing.TB, reg *registry.Registry, cmds ...csto.Command) {
	t.Helper()
	if _, err := reg.Submit(context.Background(), system, cmds...); err != nil {
		t.Fatal(err)
	}
}

// members renders a member list as "ARM:member:1994-04-20:certain ...".
func members(t *testing.T, m *registry.Model, at string) string {
	t.Helper()
	return membersOf(t, m, "csto", at)
}

func membersOf(t *testing.T, m *registry.Model, org, at string) string {
	t.Helper()
	l, err := m.Members(org, edtf.MustParse(at), csto.English)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, r := range l.Members.All() {
		parts = append(parts, fmt.Sprintf("%s:%s:%s:%s", r.State, r.Status, r.Since, r.Certainty))
	}
	return strings.Join(parts, " ")
}

func TestMembersAtDates(t *testing.T) {
	reg, _ := open(t)
	load(t, reg, fixture()...)
	m := reg.Model()
	for _, tc := range []struct{ at, want string }{
		{"1992-05-14", ""},
		{"1992-05-15", "ARM:signatory:1992-05-15:certain KAZ:signatory:1992-05-15:certain RUS:signatory:1992-05-15:certain UZB:signatory:1992-05-15:certain"},
		{"1994-04-19", "ARM:signatory:1992-05-15:certain AZE:signatory:1993-09-24:certain KAZ:signatory:1992-05-15:certain RUS:signatory:1992-05-15:certain UZB:signatory:1992-05-15:certain"},
		{"1994-04-20", "ARM:member:1994-04-20:certain AZE:member:1994-04-20:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:member:1994-04-20:certain"},
		// Non-renewal: the treaty's first term ended on 1999-04-20.
		{"1999-04-20", "ARM:member:1994-04-20:certain AZE:member:1994-04-20:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:member:1994-04-20:certain"},
		{"1999-04-21", "ARM:member:1994-04-20:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain"},
		{"2008-07-22", "ARM:member:1994-04-20:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:member:2006-06-23:certain"},
		{"2012-07-01", "ARM:member:1994-04-20:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:participation-frozen:2012-06-20:certain"},
		{"2013-01-01", "ARM:member:1994-04-20:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:suspended:2012-12-19:certain"},
		{"2024-03-01", "ARM:participation-frozen:2024-02-22:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:suspended:2012-12-19:certain"},
		// An imprecise date: in 1993 AZE was a signatory only from September.
		{"1993", "ARM:signatory:1992-05-15:certain AZE:signatory:1993-09-24:possible KAZ:signatory:1992-05-15:certain RUS:signatory:1992-05-15:certain UZB:signatory:1992-05-15:certain"},
		// 1999 spans the non-renewal: AZE and UZB possibly still members.
		{"1999", "ARM:member:1994-04-20:certain AZE:member:1994-04-20:possible KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:member:1994-04-20:possible"},
	} {
		t.Run(tc.at, func(t *testing.T) {
			if got := members(t, m, tc.at); got != tc.want {
				t.Errorf("members at %s:\n got %s\nwant %s", tc.at, got, tc.want)
			}
		})
	}
}

func TestImpreciseStartIsPossibleNearIt(t *testing.T) {
	reg, _ := open(t)
	cmds := fixture()[:6]
	cmds = append(cmds,
		cmd("org:sco", csto.CmdOrgAdd, "2001-06-15", csto.OrgAdd{ID: "sco", Name: name("SCO"), Kind: "security-cooperation"}),
		cmd("join:ARM", csto.CmdJoin, "2001-06-15", csto.MembershipChange{State: "ARM", Org: "sco"}),
		cmd("join:KAZ", csto.CmdJoin, "2006-06", csto.MembershipChange{State: "KAZ", Org: "sco"}),
		cmd("join:RUS", csto.CmdJoin, "2007?", csto.MembershipChange{State: "RUS", Org: "sco"}),
	)
	load(t, reg, cmds...)
	m := reg.Model()
	for _, tc := range []struct{ at, want string }{
		{"2006-06-10", "ARM:member:2001-06-15:certain KAZ:member:2006-06:possible"},
		{"2006-07-01", "ARM:member:2001-06-15:certain KAZ:member:2006-06:certain"},
		// An uncertain date ("?") never gives certainty.
		{"2010-01-01", "ARM:member:2001-06-15:certain KAZ:member:2006-06:certain RUS:member:2007?:possible"},
	} {
		if got := membersOf(t, m, "sco", tc.at); got != tc.want {
			t.Errorf("members at %s:\n got %s\nwant %s", tc.at, got, tc.want)
		}
	}
}

// dump returns every row of the log and projections, to prove a refused
// command changed nothing.
func dump(t *testing.T, db *sql.DB) string {
	t.Helper()
	var b strings.Builder
	for _, table := range []string{"events", "p_sources", "p_states", "p_orgs", "p_timeline", "p_memberships"} {
		rows, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY 1, 2`)
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
			fmt.Fprintf(&b, "%s %v\n", table, vals)
		}
		rows.Close()
	}
	return b.String()
}

func TestRefusals(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cmd   csto.Command
		kind  csto.Kind
		field string
		rule  string
	}{
		{"ErrWithdrawalOfNonMember", cmd("w:AZE", csto.CmdWithdraw, "2001-01-01", csto.MembershipChange{State: "AZE", Org: "csto"}), csto.Conflict, "", "withdrawal"},
		{"ErrBeforeStateExisted", cmd("s:X", csto.CmdPartySign, "1992-05-15", csto.PartyAction{State: "ARM", Instrument: "cst"}), csto.Conflict, "", "duplicate-signature"},
		{"ErrActionBeforeStateExisted", cmd("j:ARM", csto.CmdEventRecord, "1990-01-01", csto.EventRecord{Kind: "statement", States: []string{"ARM"}}), csto.Conflict, "", "state-existence"},
		{"ErrDuplicateSignature", cmd("s:RUS2", csto.CmdPartySign, "1995-01-01", csto.PartyAction{State: "RUS", Instrument: "cst"}), csto.Conflict, "", "duplicate-signature"},
		{"ErrUnknownState", cmd("s:XXX", csto.CmdPartySign, "1995-01-01", csto.PartyAction{State: "XXX", Instrument: "cst"}), csto.NotFound, "data.state", ""},
		{"ErrUnknownOrg", cmd("j:nato", csto.CmdJoin, "1995-01-01", csto.MembershipChange{State: "RUS", Org: "nato"}), csto.NotFound, "data.org", ""},
		{"ErrUnknownSource", func() csto.Command {
			c := cmd("e:1", csto.CmdEventRecord, "1995-01-01", csto.EventRecord{Kind: "statement"})
			c.Sources = []string{"nowhere"}
			return c
		}(), csto.NotFound, "sources[0]", ""},
		{"ErrNoSource", func() csto.Command {
			c := cmd("e:2", csto.CmdEventRecord, "1995-01-01", csto.EventRecord{Kind: "statement"})
			c.Sources = nil
			return c
		}(), csto.Invalid, "sources", ""},
		{"ErrMissingArabicText", func() csto.Command {
			c := cmd("e:3", csto.CmdEventRecord, "1995-01-01", csto.EventRecord{Kind: "statement"})
			c.Text.AR = ""
			return c
		}(), csto.Invalid, "text.ar", ""},
		{"ErrUnknownField", csto.Command{ID: "e:4", Type: csto.CmdEventRecord, Date: edtf.MustParse("1995"), Text: text, Sources: []string{"src"},
			Data: json.RawMessage(`{"kind":"x","bogus":1}`)}, csto.Invalid, "data.bogus", ""},
		{"ErrUnknownType", csto.Command{ID: "e:5", Type: "state.teleport", Data: json.RawMessage(`{}`)}, csto.Invalid, "type", ""},
		{"ErrDuplicateID", cmd("sign:ARM", csto.CmdEventRecord, "1995-01-01", csto.EventRecord{Kind: "statement"}), csto.Conflict, "id", ""},
		{"ErrSuspensionWithoutDecision", cmd("susp:RUS", csto.CmdSuspend, "2000-01-01", csto.MembershipChange{State: "RUS", Org: "csto"}), csto.Conflict, "", "Charter: suspension"},
		{"ErrRequestBySuspendedMember", cmd("req:UZB", csto.CmdRequestFile, "2014-01-01", csto.RequestFile{ID: "req-uzb", Org: "csto", State: "UZB", Kind: "assistance"}), csto.Conflict, "", "CST Art. 4"},
		{"ErrConsultationsByFormerMember", cmd("req:AZE", csto.CmdRequestFile, "2001-01-01", csto.RequestFile{ID: "req-aze", Org: "csto", State: "AZE", Kind: "consultations"}), csto.Conflict, "", "CST Art. 2"},
		{"ErrChairNotMember", cmd("chair:AZE", csto.CmdChairRecord, "2001", csto.ChairRecord{Org: "csto", Body: "csc", State: "AZE"}), csto.Conflict, "", "chairmanship"},
		{"ErrOperationWithoutDecision", cmd("op:x", csto.CmdOperationCreate, "2022-01-06", csto.OperationCreate{ID: "op-x", Org: "csto", Host: "KAZ", Name: name("Op")}), csto.Conflict, "", "operation"},
		{"ErrOperationByUnknownDecision", cmd("op:x", csto.CmdOperationCreate, "2022-01-06", csto.OperationCreate{ID: "op-x", Org: "csto", Decision: "none", Host: "KAZ", Name: name("Op")}), csto.NotFound, "data.decision", ""},
		{"ErrInForceTwice", cmd("cst:in-force-2", csto.CmdInForce, "1995-01-01", csto.InstrumentInForce{Instrument: "cst"}), csto.Conflict, "", "unique-id"},
		{"ErrRejoinWhileMember", cmd("join:RUS", csto.CmdJoin, "2000-01-01", csto.MembershipChange{State: "RUS", Org: "csto"}), csto.Conflict, "", "membership"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg, st := open(t)
			load(t, reg, fixture()...)
			before, seq := dump(t, st.DB()), reg.Model().Seq
			_, err := reg.Submit(context.Background(), system, tc.cmd)
			var ce *csto.Error
			if !errors.As(err, &ce) {
				t.Fatalf("Submit = %v; want a *csto.Error", err)
			}
			if ce.Kind != tc.kind || ce.Field != tc.field || ce.Rule != tc.rule {
				t.Errorf("error %q: kind %s field %q rule %q; want kind %s field %q rule %q", ce, ce.Kind, ce.Field, ce.Rule, tc.kind, tc.field, tc.rule)
			}
			if after := dump(t, st.DB()); after != before {
				t.Error("a refused command changed the database")
			}
			if reg.Model().Seq != seq {
				t.Error("a refused command changed the model")
			}
		})
	}
}

func TestBatchIsAtomic(t *testing.T) {
	reg, st := open(t)
	load(t, reg, fixture()...)
	before := dump(t, st.DB())
	_, err := reg.Submit(context.Background(), system,
		cmd("ok:1", csto.CmdEventRecord, "1995-01-01", csto.EventRecord{Kind: "statement", States: []string{"ARM"}}),
		cmd("w:AZE", csto.CmdWithdraw, "2001-01-01", csto.MembershipChange{State: "AZE", Org: "csto"}))
	if err == nil || !strings.Contains(err.Error(), `command 2, "w:AZE"`) {
		t.Fatalf("error %v; want one naming command 2", err)
	}
	if dump(t, st.DB()) != before {
		t.Error("the accepted first command of a refused batch was written")
	}
	if registry.HasCommand(reg.Model(), "ok:1") {
		t.Error("the model kept the first command of a refused batch")
	}
}

func TestReopenAnswersTheSame(t *testing.T) {
	reg, st := open(t)
	load(t, reg, fixture()...)
	again, err := registry.Open(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []string{"1993", "1999-04-21", "2012-07-01", "2026-01-01"} {
		if a, b := members(t, reg.Model(), at), members(t, again.Model(), at); a != b {
			t.Errorf("at %s: live %s, replayed %s", at, a, b)
		}
	}
	if reg.Model().Head != again.Model().Head {
		t.Error("replayed model has another head hash")
	}
}

func TestRebuildRestoresProjections(t *testing.T) {
	reg, st := open(t)
	load(t, reg, fixture()...)
	before := dump(t, st.DB())
	if _, err := st.DB().Exec(`DELETE FROM p_memberships; DELETE FROM p_timeline; UPDATE p_states SET name_en = 'garbage'`); err != nil {
		t.Fatal(err)
	}
	if err := reg.Rebuild(context.Background()); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, st.DB()); after != before {
		t.Errorf("projections after rebuild differ from those written live:\n%s\n---\n%s", before, after)
	}
}

func TestAsRecorded(t *testing.T) {
	reg, _ := open(t)
	clock := []string{"2025-01-01T00:00:00Z", "2025-06-01T00:00:00Z"}
	i := 0
	reg.Now = func() (tm timeNow) { tm, _ = parseTime(clock[i]); return tm }
	cmds := fixture()
	load(t, reg, cmds[:len(cmds)-1]...) // everything but Armenia's freeze
	i = 1
	load(t, reg, cmds[len(cmds)-1])
	then, err := reg.AsRecorded(context.Background(), mustTime("2025-03-01T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if got := then.StatusAt("ARM", "csto", edtf.MustParse("2024-03-01")).Status; got != csto.Member {
		t.Errorf("as recorded on 2025-03-01, ARM on 2024-03-01 was %s; want member (the freeze was recorded later)", got)
	}
	if got := reg.Model().StatusAt("ARM", "csto", edtf.MustParse("2024-03-01")).Status; got != csto.ParticipationFrozen {
		t.Errorf("now, ARM on 2024-03-01 is %s; want participation-frozen", got)
	}
}

var system = csto.Actor{Role: csto.RoleSystem, State: "test"}

// TestAsRecordedCached checks that the record as recorded at a time, now
// answered from the current model and a cache of past ones, is the model
// the log replayed up to that time gives — for every time before, at,
// between and after the events, with a clock that once went back (the
// prefix ends at the first event recorded after the time), and with an
// event another process appended since this one's model.
func TestAsRecordedCached(t *testing.T) {
	ctx := context.Background()
	reg, st := open(t)
	day := mustTime("2025-01-01T00:00:00Z")
	var times []time.Time
	for i, c := range fixture() {
		at := day.Add(time.Duration(i) * 24 * time.Hour)
		if i == 5 {
			at = day // the clock went back
		}
		reg.Now = func() time.Time { return at }
		load(t, reg, c)
		times = append(times, at.Add(-time.Second), at, at.Add(time.Hour))
	}
	other, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	last := day.Add(100 * 24 * time.Hour)
	other.Now = func() time.Time { return last }
	load(t, other, cmd("later", csto.CmdEventRecord, "2025-04-11", csto.EventRecord{Kind: "statement", States: []string{"KAZ"}, Orgs: []string{"csto"}}))
	times = append(times, last, last.Add(time.Hour),
		time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(1500, 1, 1, 0, 0, 0, 0, time.UTC)) // past what Unix nanoseconds hold
	for _, tm := range times {
		got, err := reg.AsRecorded(ctx, tm)
		if err != nil {
			t.Fatal(err)
		}
		want, err := reg.AsRecordedReplay(ctx, tm)
		if err != nil {
			t.Fatal(err)
		}
		if err := registry.SameModel(got, want); err != nil {
			t.Fatalf("as recorded at %s (%d events, the replay %d): %v", tm, got.Seq, want.Seq, err)
		}
		// Asked again: the same model, from the cache when it is a past one.
		again, _ := reg.AsRecorded(ctx, tm)
		third, _ := reg.AsRecorded(ctx, tm)
		if again.Seq != got.Seq || third.Seq != got.Seq || third.Seq < reg.Model().Seq && third != again {
			t.Errorf("as recorded at %s again: %d, %d, %d events, or not the cached model", tm, got.Seq, again.Seq, third.Seq)
		}
	}
	if got, _ := reg.AsRecorded(ctx, last); !registry.HasCommand(got, "later") {
		t.Errorf("as recorded at the last event: %d events, without the other process's", got.Seq)
	}
}

// TestAsRecordedCheckpoints: a new past prefix is replayed from the
// nearest checkpoint at or before it (asrecorded.go), never from the first
// event, and gives the full replay's model: in a process that wrote the
// log, and in one that opened it later (its first question replays once,
// leaving checkpoints for the next).
func TestAsRecordedCheckpoints(t *testing.T) {
	ctx := context.Background()
	reg, st := open(t)
	const every = 3
	registry.SetCheckpointEvery(reg, every)
	day := mustTime("2025-01-01T00:00:00Z")
	var times []time.Time
	for i, c := range fixture() {
		at := day.Add(time.Duration(i) * 24 * time.Hour)
		reg.Now = func() time.Time { return at }
		load(t, reg, c)
		times = append(times, at)
	}
	if n := reg.Model().Seq; n < 5*every {
		t.Fatalf("the fixture is %d events: too few to test checkpoints %d apart", n, every)
	}
	later, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	registry.SetCheckpointEvery(later, every)
	for name, r := range map[string]*registry.Registry{"writer": reg, "opened later": later} {
		// From the latest time back: each a new prefix, none cached yet
		// (the LRU keeps four).
		for i := len(times) - 2; i >= 0; i-- {
			before := registry.RecordedReplayed(r)
			got, err := r.AsRecorded(ctx, times[i])
			if err != nil {
				t.Fatal(err)
			}
			want, err := r.AsRecordedReplay(ctx, times[i])
			if err != nil {
				t.Fatal(err)
			}
			if err := registry.SameModel(got, want); err != nil {
				t.Fatalf("%s: as recorded at %s (%d events, the replay %d): %v", name, times[i], got.Seq, want.Seq, err)
			}
			n := registry.RecordedReplayed(r) - before
			if first := name == "opened later" && i == len(times)-2; !first && n > 2*every {
				t.Errorf("%s: as recorded at %s (%d events) replayed %d events; the checkpoints are %d apart", name, times[i], got.Seq, n, every)
			}
		}
	}
}
