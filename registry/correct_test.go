package registry_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

func correction(id, target, patch string, sources ...string) csto.Command {
	c := cmd(id, csto.CmdCorrect, "", csto.Correction{Target: target, Patch: json.RawMessage(patch), Reason: name("why")})
	c.Sources = sources
	return c
}

// TestCorrectionChangesTheRecordNotTheLog: a correction of a date
// re-derives membership as if the target had been recorded right, keeps the
// original event as it was, survives a reopen (replay) and is invisible to
// the model as recorded before it.
func TestCorrectionChangesTheRecordNotTheLog(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/csto.db"
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	load(t, reg, fixture()...)
	if got := members(t, reg.Model(), "2013-01-01"); got != "ARM:member:1994-04-20:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:suspended:2012-12-19:certain" {
		t.Fatalf("before: %s", got)
	}
	orig := registry.SeqOf(reg.Model(), "freeze:UZB")
	var body []byte
	reg.Events(ctx, orig-1, func(e csto.Event) error {
		if e.Seq == orig {
			body = e.Body
		}
		return nil
	})
	before := time.Now()
	time.Sleep(2 * time.Millisecond)
	load(t, reg, correction("fix:1", "freeze:UZB", `{"date":"2012-06-28","text":{"en":"corrected"}}`, "src"))

	check := func(m *registry.Model) {
		t.Helper()
		if got := members(t, m, "2012-06-25"); got != "ARM:member:1994-04-20:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:member:2006-06-23:certain" {
			t.Errorf("2012-06-25 after the correction: %s", got)
		}
		if a := m.StatusAt("UZB", "csto", edtf.MustParse("2012-07-01")); a.Status != csto.ParticipationFrozen || a.Since.String() != "2012-06-28" {
			t.Errorf("UZB on 2012-07-01: %s since %s; want participation-frozen since 2012-06-28", a.Status, a.Since)
		}
		var found bool
		for _, en := range m.Entries {
			if en.Seq == registry.SeqOf(m, "freeze:UZB") {
				found = true
				_, e, _, err := m.ReadEntry(en.Seq)
				if err != nil {
					t.Fatal(err)
				}
				if en.Date().String() != "2012-06-28" || e.Text.EN != "corrected" || e.Text.RU != text.RU {
					t.Errorf("entry %s %+v; want the corrected date and English, the Russian kept", en.Date(), e.Text)
				}
				if len(e.Corrections) != 1 || e.Corrections[0].ID != "fix:1" || e.Corrections[0].Reason.EN != "why" {
					t.Errorf("entry's corrections %+v", e.Corrections)
				}
			}
		}
		if !found {
			t.Error("the corrected entry is gone")
		}
		if o, ok, err := m.Original(t.Context(), "freeze:UZB"); !ok || err != nil || o.Date.String() != "2012-06-20" {
			t.Errorf("original date %s (%v, %v); want 2012-06-20", o.Date, ok, err)
		}
	}
	check(reg.Model())
	// The original event is in the log unchanged, and the chain holds.
	reg.Events(ctx, orig-1, func(e csto.Event) error {
		if e.Seq == orig && string(e.Body) != string(body) {
			t.Errorf("the corrected event's body changed:\n%s\n%s", body, e.Body)
		}
		return nil
	})
	if err := reg.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	// The spells projection follows the correction.
	var from string
	if err := st.DB().QueryRow(`SELECT from_date FROM p_memberships WHERE state = 'UZB' AND status = 'participation-frozen'`).Scan(&from); err != nil || from != "2012-06-28" {
		t.Errorf("p_memberships: frozen from %q (%v); want 2012-06-28", from, err)
	}
	st.Close()

	st, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err = registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	check(reg.Model())
	old, err := reg.AsRecorded(ctx, before)
	if err != nil {
		t.Fatal(err)
	}
	if a := old.StatusAt("UZB", "csto", edtf.MustParse("2012-06-25")); a.Status != csto.ParticipationFrozen {
		t.Errorf("as recorded before the correction, UZB on 2012-06-25 is %s; want participation-frozen", a.Status)
	}
}

// TestCorrectionsCompose: two corrections of one command apply in order;
// a payload field can be changed alone.
func TestCorrectionsCompose(t *testing.T) {
	reg, _ := open(t)
	load(t, reg, fixture()...)
	load(t, reg,
		correction("fix:a", "dec:uzb", `{"data":{"title":{"en":"Suspension of Uzbekistan"}}}`),
		correction("fix:b", "dec:uzb", `{"text":{"ru":"исправлено"}}`))
	d := reg.Model().Decisions["dec-uzb"]
	if d.Title.EN != "Suspension of Uzbekistan" || d.Title.RU != "Suspension-ru" {
		t.Errorf("title %+v", d.Title)
	}
	e, _, err := reg.Model().Effective(t.Context(), "dec:uzb")
	if err != nil {
		t.Fatal(err)
	}
	if e.Text.RU != "исправлено" || e.Text.EN != text.EN {
		t.Errorf("effective text %+v", e.Text)
	}
	if n := len(reg.Model().Fixes("dec:uzb")); n != 2 {
		t.Errorf("%d corrections listed; want 2", n)
	}
}

func TestCorrectionRefusals(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cmd   csto.Command
		kind  csto.Kind
		field string
		rule  string
	}{
		{"ErrUnknownTarget", correction("fix:x", "no-such", `{"date":"2000"}`, "src"), csto.NotFound, "data.target", ""},
		{"ErrChangesID", correction("fix:x", "freeze:UZB", `{"id":"other"}`, "src"), csto.Invalid, "data.patch.id", ""},
		{"ErrChangesType", correction("fix:x", "freeze:UZB", `{"type":"membership.suspend"}`, "src"), csto.Invalid, "data.patch.type", ""},
		{"ErrEmptyPatch", correction("fix:x", "freeze:UZB", `{}`, "src"), csto.Invalid, "data.patch", ""},
		{"ErrPatchNotObject", correction("fix:x", "freeze:UZB", `[1]`, "src"), csto.Invalid, "data.patch", ""},
		{"ErrFactWithoutSource", correction("fix:x", "freeze:UZB", `{"date":"2012-06-28"}`), csto.Invalid, "sources", ""},
		{"ErrUnknownPayloadField", correction("fix:x", "freeze:UZB", `{"data":{"bogus":1}}`, "src"), csto.Invalid, "data.patch.data.bogus", ""},
		{"ErrDropsArabic", correction("fix:x", "freeze:UZB", `{"text":{"ar":null}}`), csto.Invalid, "data.patch.text.ar", ""},
		{"ErrNoReason", func() csto.Command {
			c := correction("fix:x", "freeze:UZB", `{"date":"2012-06-28"}`, "src")
			c.Data = json.RawMessage(`{"target":"freeze:UZB","patch":{"date":"2012-06-28"}}`)
			return c
		}(), csto.Invalid, "data.reason.ar", ""},
		// The corrected command is checked where it stands in the log:
		// Armenia's freeze moved before Armenia existed is refused.
		{"ErrCorrectedCommandBreaksARule", correction("fix:x", "freeze:ARM", `{"date":"1990-01-01"}`, "src"), csto.Conflict, "", "state-existence"},
		// Later events refer to the decision by its ID.
		{"ErrChangesEntityID", correction("fix:x", "dec:uzb", `{"data":{"id":"dec-uzb-2"}}`, "src"), csto.Conflict, "", "correction"},
		{"ErrCorrectingACorrection", correction("fix:y", "fix:ok", `{"text":{"en":"x"}}`, "src"), csto.Conflict, "", "correction"},
		// A date, unlike a title, is a fact: it needs a source.
		{"ErrPayloadFactWithoutSource", correction("fix:x", "dec:uzb", `{"data":{"positions":[{"state":"ARM","position":"objects"}]}}`), csto.Invalid, "sources", ""},
		{"ErrUnknownSource", correction("fix:x", "freeze:UZB", `{"date":"2012-06-28"}`, "nowhere"), csto.NotFound, "sources[0]", ""},
		// The bounds of a date and a number hold for a corrected command
		// as for a new one.
		{"ErrCorrectedTroopsImplausible", correction("fix:x", "x:1", `{"data":{"troops":1000000000000000000}}`, "src"), csto.Invalid, "data.patch.data.troops", "plausibility"},
		{"ErrCorrectedAircraftNegative", correction("fix:x", "x:1", `{"data":{"aircraft":-1}}`, "src"), csto.Invalid, "data.patch.data.aircraft", "plausibility"},
		{"ErrCorrectedBeforeTheOrg", correction("fix:x", "x:1", `{"date":"1950-01-01"}`, "src"), csto.Invalid, "data.patch.date", "plausibility"},
		{"ErrCorrectedLevel", correction("fix:x", "x:1", `{"data":{"levels":["galactic"]}}`, "src"), csto.Invalid, "data.patch.data.levels[0]", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg, st := open(t)
			load(t, reg, fixture()...)
			load(t, reg, correction("fix:ok", "freeze:ARM", `{"text":{"en":"reworded"}}`),
				cmd("x:1", csto.CmdExerciseHold, "2020-01-01", csto.ExerciseHold{ID: "x-1", Org: "csto", Name: name("Drill"), Troops: 100}))
			before := dump(t, st.DB())
			_, err := reg.Submit(context.Background(), system, tc.cmd)
			var ce *csto.Error
			if !errors.As(err, &ce) {
				t.Fatalf("Submit = %v; want a *csto.Error", err)
			}
			if ce.Kind != tc.kind || ce.Field != tc.field || ce.Rule != tc.rule {
				t.Errorf("error %q: kind %s field %q rule %q; want kind %s field %q rule %q", ce, ce.Kind, ce.Field, ce.Rule, tc.kind, tc.field, tc.rule)
			}
			if after := dump(t, st.DB()); after != before {
				t.Error("a refused correction changed the database")
			}
		})
	}
}

// TestCorrectionIsTheSecretariats: a delegation cannot correct the record,
// not even its own state's acts.
func TestCorrectionIsTheSecretariats(t *testing.T) {
	reg, _ := open(t)
	load(t, reg, fixture()...)
	c := correction("fix:d", "freeze:ARM", `{"text":{"en":"reworded"}}`)
	_, err := reg.Submit(context.Background(), csto.Actor{Role: csto.RoleDelegate, State: "ARM", Account: "d"}, c)
	var ce *csto.Error
	if !errors.As(err, &ce) || ce.Kind != csto.Forbidden {
		t.Fatalf("a delegate's correction: %v; want forbidden", err)
	}
	if _, err := reg.Submit(context.Background(), csto.Actor{Role: csto.RoleSecretariat, Account: "s"}, c); err != nil {
		t.Fatalf("the Secretariat's correction: %v", err)
	}
}

// TestReplayOfCorrectionsEqualsTheLiveRecord: a replay re-derives the
// model at each run of corrections, before the events that follow them,
// as the live registry did when it accepted those events. A position
// Uzbekistan could take only because a correction moved its freeze later
// is replayed onto the corrected record, and the reopened model answers
// as the live one did.
func TestReplayOfCorrectionsEqualsTheLiveRecord(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/csto.db"
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	load(t, reg, fixture()...)
	load(t, reg,
		correction("fix:freeze", "freeze:UZB", `{"date":"2012-06-28"}`, "src"),
		correction("fix:text", "freeze:UZB", `{"text":{"en":"Uzbekistan freezes its participation"}}`, "src"))
	load(t, reg, cmd("dec:mid", csto.CmdDecisionRecord, "2012-06-25", csto.DecisionRecord{ID: "dec-mid", Org: "csto", Body: "csc", Title: name("Mid-year"),
		Positions: []csto.Position{{State: "ARM", Position: "for"}, {State: "KAZ", Position: "for"}, {State: "RUS", Position: "for"}, {State: "UZB", Position: "for"}}}))
	load(t, reg, correction("fix:arm", "freeze:ARM", `{"date":"2024-02-23"}`, "src"))
	load(t, reg, cmd("ev:after", csto.CmdEventRecord, "2024-03-01", csto.EventRecord{Kind: "statement", States: []string{"ARM"}}))

	answers := func(m *registry.Model) string {
		t.Helper()
		var b strings.Builder
		for _, at := range []string{"2012-06-25", "2012-07-01", "2024-02-22", "2024-02-23"} {
			b.WriteString(at + " " + members(t, m, at) + "\n")
		}
		for _, id := range []string{"dec-mid", "dec-uzb"} {
			js, err := json.Marshal(m.Decisions[id])
			if err != nil {
				t.Fatal(err)
			}
			b.Write(js)
			b.WriteByte('\n')
		}
		js, err := json.Marshal(m.Entries)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(js)
		return b.String()
	}
	live := answers(reg.Model())
	if !strings.Contains(live, "2012-06-25 ARM:member:1994-04-20:certain KAZ:member:1994-04-20:certain RUS:member:1994-04-20:certain UZB:member:2006-06-23:certain") {
		t.Fatalf("live record: UZB is not a member on 2012-06-25 after the correction:\n%s", live[:300])
	}
	st.Close()
	st, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err = registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if got := answers(reg.Model()); got != live {
		t.Errorf("the replayed record differs from the live one:\nlive:   %.600s\nreplay: %.600s", live, got)
	}
}

// failingStore is a SQLite store whose Events fails for reads that begin
// before position from (0: never) — the log read back for a correction,
// not the registry's catching up with the log's end — and, with nested
// set, for a read made while another is going on: the read-back of a
// replay settling its corrections.
type failingStore struct {
	csto.Store
	from   atomic.Int64
	nested atomic.Bool
	active atomic.Int32
}

func (s *failingStore) Events(ctx context.Context, after int64, fn func(csto.Event) error) error {
	defer s.active.Add(-1)
	if s.active.Add(1) > 1 && s.nested.Load() || after < s.from.Load() {
		return errors.New("the disk is gone")
	}
	return s.Store.Events(ctx, after, fn)
}

// TestCorrectionReadsTheLogBack: a registry's model keeps none of the
// log's commands in memory — after a replay, writes, a correction and a
// start from a snapshot, the store holds them all — and a correction
// reads them back. When the store cannot be read back, the correction is
// refused as unavailable and nothing is written.
func TestCorrectionReadsTheLogBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := &failingStore{Store: openStore(t, filepath.Join(dir, "csto.db"))}
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	kept := func(when string, m *registry.Model) {
		t.Helper()
		if n, stored := registry.KeptInMemory(m); n != 0 || stored != m.Seq {
			t.Errorf("%s: %d events kept in memory, %d of %d read back from the store", when, n, stored, m.Seq)
		}
	}
	load(t, reg, fixture()...)
	kept("after the writes", reg.Model())

	seq := reg.Model().Seq
	st.from.Store(seq)
	fix := correction("fix:1", "freeze:UZB", `{"date":"2012-06-28"}`, "src")
	if _, err := reg.Submit(ctx, system, fix); csto.ErrorKind(err) != csto.Unavailable || !strings.Contains(err.Error(), "freeze:UZB") {
		t.Fatalf("a correction with the store unreadable: %v; want unavailable, naming its target", err)
	}
	if got := reg.Model().Seq; got != seq || registry.HasCommand(reg.Model(), "fix:1") {
		t.Fatalf("the refused correction changed the record: %d events, was %d", got, seq)
	}
	st.from.Store(0)
	load(t, reg, fix)
	frozen := func(m *registry.Model) {
		t.Helper()
		if a := m.StatusAt("UZB", "csto", edtf.MustParse("2012-07-01")); a.Status != csto.ParticipationFrozen || a.Since.String() != "2012-06-28" {
			t.Errorf("UZB on 2012-07-01: %s since %s; want participation-frozen since 2012-06-28", a.Status, a.Since)
		}
	}
	frozen(reg.Model())
	kept("after the correction", reg.Model())
	load(t, reg, cmd("after", csto.CmdEventRecord, "2013-01-01", csto.EventRecord{Kind: "statement", States: []string{"KAZ"}, Orgs: []string{"csto"}}))
	kept("after a write after the correction", reg.Model())

	// A replay settles the correction by reading the log back: when that
	// read fails, the start fails, rather than serve the record without
	// its correction.
	st.nested.Store(true)
	if _, err := registry.Open(ctx, st); err == nil || !strings.Contains(err.Error(), "the disk is gone") {
		t.Fatalf("a replay that cannot read the log back for its correction: %v; want the store's error", err)
	}
	st.nested.Store(false)
	again, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	frozen(again.Model())
	kept("after a replay", again.Model())
	fromSnap := startFromSnapshot(t, st, dir)
	kept("after a start from a snapshot", fromSnap.Model())
	// A second correction of the same command, on the model from the
	// snapshot: read back from the store, both corrections merged.
	load(t, fromSnap, correction("fix:2", "freeze:UZB", `{"text":{"en":"corrected again"}}`))
	frozen(fromSnap.Model())
	if c, ok, err := fromSnap.Model().Effective(ctx, "freeze:UZB"); err != nil || !ok || c.Date.String() != "2012-06-28" || c.Text.EN != "corrected again" {
		t.Errorf("freeze:UZB as corrected twice: %+v, %v, %v", c, ok, err)
	}
	kept("after a correction on the model from the snapshot", fromSnap.Model())
}

// TestCorrectionChecksTheLogItReadsBack: the log a correction reads back
// is untrusted input. An event altered behind csto's back after the
// registry replayed it refuses the correction as unavailable, naming the
// event the check stopped at, instead of re-deriving the record from it:
// its body (its own hash no longer matches), its body with the hash
// recomputed (the next event's link no longer matches), and the last
// event so rewritten (not the event the record was built from).
func TestCorrectionChecksTheLogItReadsBack(t *testing.T) {
	for _, tc := range []struct {
		name   string
		last   bool // alter the log's last event, else the target
		rehash bool
		named  int64 // the event the refusal names, after the altered one
	}{
		{"body", false, false, 0},
		{"body and hash", false, true, 1},
		{"last event, body and hash", true, true, 0},
	} {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t, filepath.Join(t.TempDir(), "csto.db"))
			reg, err := registry.Open(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			load(t, reg, fixture()...)
			load(t, reg, cmd("after", csto.CmdEventRecord, "2013-01-01", csto.EventRecord{Kind: "statement", States: []string{"KAZ"}, Orgs: []string{"csto"}}))
			alter := registry.SeqOf(reg.Model(), "freeze:UZB")
			if tc.last {
				alter = reg.Model().Seq
			}
			var e csto.Event
			st.Events(ctx, alter-1, func(x csto.Event) error { e = x; return errors.New("one") })
			body := strings.Replace(string(e.Body), "20", "19", 1)
			if body == string(e.Body) {
				t.Fatalf("event %d has no year to alter: %s", alter, e.Body)
			}
			e.Body = []byte(body)
			hash := e.Hash
			if tc.rehash {
				hash = e.ComputeHash()
			}
			db := st.DB()
			if _, err := db.Exec(`DROP TRIGGER IF EXISTS events_append_only_update`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`UPDATE events SET body = ?, hash = ? WHERE seq = ?`, body, hash, alter); err != nil {
				t.Fatal(err)
			}
			seq := reg.Model().Seq
			_, err = reg.Submit(ctx, system, correction("fix:1", "freeze:UZB", `{"text":{"en":"corrected"}}`))
			if named := fmt.Sprintf("event %d", alter+tc.named); csto.ErrorKind(err) != csto.Unavailable || !strings.Contains(err.Error(), named+":") && !strings.Contains(err.Error(), named+" ") {
				t.Fatalf("a correction over an altered event %d: %v; want unavailable, naming %s", alter, err, named)
			}
			if got := reg.Model().Seq; got != seq {
				t.Fatalf("the refused correction changed the record: %d events, was %d", got, seq)
			}
		})
	}
}
