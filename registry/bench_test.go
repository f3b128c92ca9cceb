package registry_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// BenchmarkProcedure runs the whole Art. 4 procedure — request, session,
// draft, six positions, close, operation, two contingents, three phases —
// one durable transaction per command on a SQLite file, side by side with
// durable single-row inserts into the same file (RawInsert), so that
// docs/PERFORMANCE.md can report commands per second as a ratio of the
// raw rate measured in the same run.
func BenchmarkProcedure(b *testing.B) {
	b.Run("Commands", func(b *testing.B) {
		reg, _ := open(b)
		load(b, reg, fixture()...)
		load(b, reg, cmd("chair", csto.CmdChairRecord, "2020", csto.ChairRecord{Org: "csto", Body: "csc", State: "KAZ"}))
		ctx := context.Background()
		n := 0
		for i := 0; b.Loop(); i++ {
			day := edtf.FromDay(edtf.DayOf(2020, 1, 1) + edtf.Day(i%300)).String()
			id := func(s string) string { return fmt.Sprintf("%s-%d", s, i) }
			steps := []struct {
				actor string
				c     csto.Command
			}{
				{"delegate:KAZ", cmd(id("req"), csto.CmdRequestFile, day, csto.RequestFile{ID: id("req"), Org: "csto", State: "KAZ", Kind: "assistance"})},
				{"delegate:KAZ", cmd(id("conv"), csto.CmdSessionConvene, day, csto.SessionConvene{ID: id("s"), Org: "csto", Body: "csc", Kind: "extraordinary"})},
				{"delegate:KAZ", cmd(id("prop"), csto.CmdDecisionPropose, day, csto.DecisionPropose{ID: id("d"), Session: id("s"), Title: name("D"), Basis: "CST Art. 4", Request: id("req")})},
				{"delegate:ARM", cmd(id("pa"), csto.CmdDecisionPosition, day, csto.DecisionPosition{Decision: id("d"), State: "ARM", Position: "for"})},
				{"delegate:RUS", cmd(id("pr"), csto.CmdDecisionPosition, day, csto.DecisionPosition{Decision: id("d"), State: "RUS", Position: "for"})},
				{"delegate:KAZ", cmd(id("close"), csto.CmdDecisionClose, day, csto.DecisionClose{Decision: id("d")})},
				{"secretariat", cmd(id("op"), csto.CmdOperationCreate, day, csto.OperationCreate{ID: id("op"), Org: "csto", Decision: id("d"), Host: "KAZ", Name: name("Op")})},
				{"secretariat", cmd(id("ph1"), csto.CmdOperationPhase, day, csto.OperationPhase{Operation: id("op"), Phase: "deployment-start"})},
				{"delegate:RUS", cmd(id("cr"), csto.CmdOperationContingent, day, csto.OperationContingent{Operation: id("op"), State: "RUS", Troops: 1000})},
				{"delegate:ARM", cmd(id("ca"), csto.CmdOperationContingent, day, csto.OperationContingent{Operation: id("op"), State: "ARM", Troops: 100})},
				{"secretariat", cmd(id("ph2"), csto.CmdOperationPhase, day, csto.OperationPhase{Operation: id("op"), Phase: "withdrawal-start"})},
				{"secretariat", cmd(id("ph3"), csto.CmdOperationPhase, day, csto.OperationPhase{Operation: id("op"), Phase: "withdrawal-complete"})},
			}
			for _, s := range steps {
				if _, err := reg.Submit(ctx, csto.MustActor(s.actor), s.c); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "commands/s")
	})
	b.Run("RawInsert", func(b *testing.B) {
		_, st := open(b)
		db := st.DB()
		if _, err := db.Exec(`CREATE TABLE scratch (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
			b.Fatal(err)
		}
		n := 0
		for i := 0; b.Loop(); i++ {
			if _, err := db.Exec(`INSERT INTO scratch (body) VALUES (?)`, fmt.Sprintf(`{"n":%d}`, i)); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "inserts/s")
	})
}

// BenchmarkSubmitAtScale measures one durable write submitted alone (one
// SQLite transaction) on a record of 10 k and of 100 k events (the
// fixture, then history in batches: timeline entries and exercises): a
// timeline entry, and an exercise. A write's cost should not grow with
// the record (docs/PERFORMANCE.md, "At scale (issue 12)");
// tools/writes-bench.sh runs it on this build and on another, side by
// side. It uses only the registry's public API, so that it runs on older
// builds too.
func BenchmarkSubmitAtScale(b *testing.B) {
	sizes := []int64{10_000, 100_000}
	if os.Getenv("CSTO_BENCH_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, size := range sizes {
		b.Run(fmt.Sprintf("events=%dk", size/1000), func(b *testing.B) {
			reg, st := open(b)
			load(b, reg, fixture()...)
			grow(b, reg, size)
			// A raw durable insert of an event's size, for the ratio: one
			// transaction of one row into a table of its own in the same
			// file (WAL, synchronous=FULL), without csto's checks, chain,
			// projections or model.
			b.Run("raw-insert", func(b *testing.B) {
				insert := rawInsert(b, st)
				n := 0
				for b.Loop() {
					n++
					if err := insert(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "writes/s")
			})
			for _, kind := range []string{"entry", "exercise"} {
				b.Run(kind, func(b *testing.B) {
					ctx := context.Background()
					n := 0
					for b.Loop() {
						n++
						id := fmt.Sprintf("w:%s:%d", kind, written.Add(1))
						c := cmd(id, csto.CmdEventRecord, "2020-01-01", csto.EventRecord{Kind: "statement", States: []string{"KAZ"}})
						if kind == "exercise" {
							c = cmd(id, csto.CmdExerciseHold, "2020-01-01", csto.ExerciseHold{ID: id, Org: "csto", Name: name("Exercise"), Participants: []string{"RUS"}})
						}
						if _, err := reg.Submit(ctx, system, c); err != nil {
							b.Fatal(err)
						}
					}
					if got := reg.Model().Seq; got < size {
						b.Fatalf("the record holds %d events, not %d", got, size)
					}
					b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "writes/s")
				})
			}
		})
	}
}

// written numbers the benchmarks' writes across their runs (-count, and
// the runs that size b.N), so that no command ID is submitted twice.
var written atomic.Int64

// grow submits history to reg until it holds n events: batches of 1,000
// timeline entries and exercises, one transaction each.
func grow(b *testing.B, reg *registry.Registry, n int64) {
	b.Helper()
	for k := 0; reg.Model().Seq < n; k++ {
		cmds := make([]csto.Command, 0, 1000)
		for i := range min(1000, n-reg.Model().Seq) {
			id := fmt.Sprintf("g%d-%d", k, i)
			day := edtf.FromDay(edtf.DayOf(1995, 1, 1) + edtf.Day((k*1000+int(i))%9000)).String()
			if i%10 == 0 {
				cmds = append(cmds, cmd(id, csto.CmdExerciseHold, day, csto.ExerciseHold{ID: id, Org: "csto", Name: name("Exercise " + id), Participants: []string{"RUS", "KAZ"}}))
				continue
			}
			cmds = append(cmds, cmd(id, csto.CmdEventRecord, day, csto.EventRecord{Kind: "statement", States: []string{"ARM"}, Orgs: []string{"csto"}}))
		}
		load(b, reg, cmds...)
	}
}

// BenchmarkConcurrentSubmit: 64 writers each submitting timeline
// entries, one durable write at a time, on a record of 10 k events. It
// reports the writes per second and the p50 and p99 of a write's
// latency, to compare with one writer alone (SubmitAtScale) and with
// another build (tools/writes-bench.sh).
func BenchmarkConcurrentSubmit(b *testing.B) {
	reg, st := open(b)
	load(b, reg, fixture()...)
	grow(b, reg, 10_000)
	ctx := context.Background()
	// 64 writers of raw durable inserts of an event's size (as in
	// SubmitAtScale), each its own transaction, for the ratio.
	b.Run("raw-insert", func(b *testing.B) {
		insert := rawInsert(b, st)
		parallelWrites(b, func(int64) error { return insert() })
	})
	var ids atomic.Int64 // across the runs of the sub-benchmark: an ID is written once
	b.Run("submit", func(b *testing.B) {
		parallelWrites(b, func(int64) error {
			c := cmd(fmt.Sprintf("c:%d", ids.Add(1)), csto.CmdEventRecord, "2020-01-01", csto.EventRecord{Kind: "statement", States: []string{"KAZ"}})
			_, err := reg.Submit(ctx, system, c)
			return err
		})
	})
}

// rawInsert returns a raw durable insert of an event's size — one
// transaction of one row (the body and hash of the log's last timeline
// entry) into a table of its own in st's file — for the benchmarks'
// ratios: what a durable write costs without csto's checks, chain,
// Merkle tree, projections or model.
func rawInsert(b *testing.B, st *sqlite.Store) func() error {
	db := st.DB()
	var body, hash string
	if err := db.QueryRow(`SELECT body, hash FROM events WHERE type = ? ORDER BY seq DESC LIMIT 1`, csto.CmdEventRecord).Scan(&body, &hash); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS raw_inserts (seq INTEGER PRIMARY KEY, body TEXT NOT NULL, hash TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	return func() error {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.Exec(`INSERT INTO raw_inserts (body, hash) VALUES (?, ?)`, body, hash); err != nil {
			return err
		}
		return tx.Commit()
	}
}

// parallelWrites runs write from 64 goroutines and reports the writes
// per second and the p50 and p99 of a write's latency.
func parallelWrites(b *testing.B, write func(n int64) error) {
	var (
		mu   sync.Mutex
		lat  []time.Duration
		next atomic.Int64
	)
	b.SetParallelism(64 / max(1, runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			start := time.Now()
			if err := write(next.Add(1)); err != nil {
				b.Error(err)
				return
			}
			d := time.Since(start)
			mu.Lock()
			lat = append(lat, d)
			mu.Unlock()
		}
	})
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(len(lat))/b.Elapsed().Seconds(), "writes/s")
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}

// BenchmarkCorrectionAtScale: a correction re-derives the model from the
// whole log (correct.go), read back from the store. Beside it, a start by
// replay of the same log (registry.Open), the cost it is measured against:
// a correction costs one re-derivation, not one per write.
func BenchmarkCorrectionAtScale(b *testing.B) {
	for _, size := range []int64{10_000, 100_000} {
		b.Run(fmt.Sprintf("events=%dk", size/1000), func(b *testing.B) {
			reg, st := open(b)
			load(b, reg, fixture()...)
			grow(b, reg, size)
			b.Run("correction", func(b *testing.B) {
				n := 0
				for b.Loop() {
					n++
					fix := cmd(fmt.Sprintf("bench-fix-%d", n), csto.CmdCorrect, "", csto.Correction{Target: "freeze:UZB",
						Patch: json.RawMessage(fmt.Sprintf(`{"text":{"en":"corrected %d"}}`, n)), Reason: name("why")})
					if _, err := reg.Submit(context.Background(), system, fix); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("replay", func(b *testing.B) {
				for b.Loop() {
					if _, err := registry.Open(context.Background(), st); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
