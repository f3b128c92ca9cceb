package registry_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// forge appends a row to the log as someone with write access to the
// database file would: bypassing csto, but chaining it correctly (the
// right sequence number, link and hash), so only replay can object.
func forge(t *testing.T, st *sqlite.Store, c csto.Command) int64 {
	t.Helper()
	db := st.DB()
	var e csto.Event
	if err := db.QueryRow(`SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1`).Scan(&e.Seq, &e.PrevHash); err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	e.Seq++
	e.CommandID, e.Type, e.Date, e.Actor, e.Body = c.ID, c.Type, c.Date, "system:history", body
	e.Recorded = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	e.Hash = e.ComputeHash()
	if _, err := db.Exec(`INSERT INTO events (seq, command_id, type, date, recorded, actor, body, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.Seq, e.CommandID, e.Type, e.Date.String(),
		e.Recorded.Format(time.RFC3339Nano), e.Actor, string(body), e.PrevHash, e.Hash); err != nil {
		t.Fatal(err)
	}
	return e.Seq
}

// TestDanglingReferenceDegrades: an event that refers to nothing the log
// holds (here a contingent of an operation that does not exist) opens the
// record read-only, answering from the events before it.
func TestDanglingReferenceDegrades(t *testing.T) {
	for name, tc := range map[string]struct {
		c    csto.Command
		want string
	}{
		"unknown operation": {cmd("forged", csto.CmdOperationContingent, "2022-01-07",
			csto.OperationContingent{Operation: "op-nowhere", State: "ARM", Troops: 100}), `data.operation: unknown operation "op-nowhere"`},
		"unknown instrument": {cmd("forged", csto.CmdPartySign, "1992-05-15",
			csto.PartyAction{State: "ARM", Instrument: "nothing"}), `data.instrument: unknown instrument "nothing"`},
		"unknown state": {cmd("forged", csto.CmdJoin, "2000",
			csto.MembershipChange{State: "XXX", Org: "csto"}), `data.state: unknown state "XXX"`},
		"unknown decision": {cmd("forged", csto.CmdDecisionClose, "2000",
			csto.DecisionClose{Decision: "d-none"}), `data.decision: unknown decision "d-none"`},
		"unknown session": {cmd("forged", csto.CmdSessionClose, "2000",
			csto.SessionClose{Session: "s-none"}), `data.session: unknown session "s-none"`},
		// Counts the model cannot hold (an Exercise's are 32-bit).
		"troops beyond 32 bits": {cmd("forged", csto.CmdExerciseHold, "2000",
			csto.ExerciseHold{ID: "x-forged", Org: "csto", Name: name("Drill"), Troops: 1 << 40}), "data.troops: 1099511627776 is out of the range"},
		"aircraft beyond 32 bits": {cmd("forged", csto.CmdExerciseHold, "2000",
			csto.ExerciseHold{ID: "x-forged", Org: "csto", Name: name("Drill"), Aircraft: -1 << 40}), "data.aircraft: -1099511627776"},
		"undecodable body": {csto.Command{ID: "forged", Type: csto.CmdOperationPhase, Data: json.RawMessage(`{"operation": 7}`)}, "operation"},
	} {
		t.Run(name, func(t *testing.T) {
			reg, st := open(t)
			load(t, reg, fixture()...)
			good := reg.Model()
			seq := forge(t, st, tc.c)

			again, err := registry.Open(context.Background(), st)
			if err != nil {
				t.Fatalf("Open on a log with a bad event: %v; want a degraded registry", err)
			}
			bad := again.Degraded()
			if bad == nil || bad.Seq != seq || bad.CommandID != "forged" || !strings.Contains(bad.Reason, tc.want) {
				t.Fatalf("Degraded() = %v; want event %d \"forged\" about %q", bad, seq, tc.want)
			}
			if got := again.Model(); got.Seq != seq-1 || got.Head != good.Head {
				t.Errorf("degraded model at %d (head %s); want the last good event %d (%s)", got.Seq, got.Head, seq-1, good.Head)
			}
			for _, at := range []string{"1993", "2012-07-01", "2026-01-01"} {
				if a, b := members(t, good, at), members(t, again.Model(), at); a != b {
					t.Errorf("members at %s: %s; the good prefix says %s", at, b, a)
				}
			}
			_, err = again.Submit(context.Background(), system, cmd("e2", csto.CmdEventRecord, "2026-01-01", csto.EventRecord{Kind: "statement"}))
			var ce *csto.Error
			if !errors.As(err, &ce) || ce.Kind != csto.Unavailable || !strings.Contains(ce.Message, "read-only") {
				t.Fatalf("Submit on a degraded record: %v; want an unavailable error", err)
			}
			if err := again.Rebuild(context.Background()); csto.ErrorKind(err) != csto.Unavailable {
				t.Errorf("Rebuild on a degraded record: %v", err)
			}
			if _, err := again.Refresh(context.Background()); err != nil {
				t.Errorf("Refresh on a degraded record: %v", err)
			}
			// The live registry, which appended the good events, learns of
			// the forged one at its next write and refuses it too.
			_, err = reg.Submit(context.Background(), system, cmd("e3", csto.CmdEventRecord, "2026-01-01", csto.EventRecord{Kind: "statement"}))
			if csto.ErrorKind(err) != csto.Unavailable || reg.Degraded() == nil {
				t.Errorf("live Submit after a forged event: %v (degraded %v)", err, reg.Degraded())
			}
			var n int
			st.DB().QueryRow(`SELECT count(*) FROM events`).Scan(&n)
			if int64(n) != seq {
				t.Errorf("the log has %d events after refused writes; want %d", n, seq)
			}
		})
	}
}
