package main

import (
	"context"
	"io"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/internal/testenv"
	"github.com/csto/csto/tools/internal/pgscratch"
)

// The generator grows a real log through the registry's rules: every kind
// of the mix lands, procedures run to the end, the grown log verifies and
// replays to the same head in a new process's registry, and growing again
// continues it with IDs of its own.
func TestGrowSQLite(t *testing.T) { testGrow(t, t.TempDir(), "") }

func TestGrowPostgres(t *testing.T) {
	admin := testenv.Postgres(t)
	db, drop, err := pgscratch.Create(context.Background(), admin, "csto_scale_test_")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	testGrow(t, t.TempDir(), db)
}

func testGrow(t *testing.T, dir, db string) {
	ctx := context.Background()
	o, err := openLog(ctx, dir, db)
	if err != nil {
		t.Fatal(err)
	}
	base := o.reg.Model().Seq
	g, err := newGenerator(o.reg, 7)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1500
	if err := g.growTo(ctx, "", base+n, io.Discard); err != nil {
		t.Fatal(err)
	}
	m := o.reg.Model()
	if m.Seq < base+n {
		t.Fatalf("grown to %d events, want at least %d", m.Seq, base+n)
	}
	for _, k := range []string{csto.CmdEventRecord, csto.CmdExerciseHold, csto.CmdIncidentRecord, "procedure step"} {
		if g.counts[k] == 0 {
			t.Errorf("no %s in the mix: %s", k, g.mix())
		}
	}
	done := 0
	for _, op := range m.Operations {
		if n := len(op.Phases); n > 0 && op.Phases[n-1].Phase == "withdrawal-complete" && len(op.Contingents) == 2 {
			done++
		}
	}
	if done < 2 {
		t.Errorf("%d operations ran to their withdrawal with two contingents; want one per batch", done)
	}
	if err := o.store.Verify(ctx); err != nil {
		t.Fatal(err)
	}
	o.store.Close()

	again, err := openLog(ctx, dir, db)
	if err != nil {
		t.Fatal(err)
	}
	defer again.store.Close()
	if r := again.reg.Model(); r.Seq != m.Seq || r.Head != m.Head || again.reg.Degraded() != nil {
		t.Fatalf("replayed to %d %s (degraded %v), want %d %s", r.Seq, r.Head, again.reg.Degraded(), m.Seq, m.Head)
	}
	g2, err := newGenerator(again.reg, 7) // the same seed: IDs must still be new
	if err != nil {
		t.Fatal(err)
	}
	if err := g2.growTo(ctx, "", m.Seq+600, io.Discard); err != nil {
		t.Fatalf("growing again: %v", err)
	}
}
