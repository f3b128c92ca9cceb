package search_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/search"
)

// benchQueries are the queries docs/PERFORMANCE.md reports: a state in
// Arabic without its hamza, a state in a Russian case, two English words
// of an operation, the CSTO's Arabic name (in nearly every event's
// Arabic text: the commonest query there is), an exercise and its year.
var benchQueries = []string{"اوزبكستان", "Беларуси", "Kazakhstan peacekeeping", "منظمة معاهدة الأمن الجماعي", "Rubezh 2004"}

// BenchmarkSearch measures queries on indexes of 10 k, 100 k and (with
// CSTO_BENCH_1M=1, as docs/PERFORMANCE.md reports) 1 M events grown as
// tools/scale grows a log (see grown), on SQLite and, with
// CSTO_TEST_POSTGRES set, on PostgreSQL, side by side. The index is built
// directly from the events (CatchUp), not through the registry.
// CSTO_BENCH_DIR keeps the SQLite indexes (and the PostgreSQL schemas)
// between runs, to measure again without building again.
//
//	go test -run '^$' -bench Search -benchtime 200x ./search/
func BenchmarkSearch(b *testing.B) {
	reg, _ := history(b)
	var base []csto.Event
	if err := reg.Events(context.Background(), 0, func(e csto.Event) error { base = append(base, e); return nil }); err != nil {
		b.Fatal(err)
	}
	sizes := []int{10_000, 100_000}
	if os.Getenv("CSTO_BENCH_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	keep := os.Getenv("CSTO_BENCH_DIR")
	for _, n := range sizes {
		events := grown(base, n)
		backends := []struct {
			name string
			open func(testing.TB, int) *search.Index
		}{{"sqlite", func(tb testing.TB, n int) *search.Index { return benchSQLite(tb, keep, n) }}}
		if url := os.Getenv("CSTO_TEST_POSTGRES"); url != "" {
			backends = append(backends, struct {
				name string
				open func(testing.TB, int) *search.Index
			}{"postgres", func(tb testing.TB, n int) *search.Index { return benchPostgres(tb, url, keep, n) }})
		}
		for _, be := range backends {
			ctx := context.Background()
			x := be.open(b, n)
			if _, err := x.CatchUp(ctx, events); err != nil {
				b.Fatal(err)
			}
			for _, q := range benchQueries {
				b.Run(fmt.Sprintf("%s/events=%d/q=%s", be.name, n, q), func(b *testing.B) {
					start := cpuTime()
					for b.Loop() {
						if _, err := x.Search(ctx, q, search.DefaultLimit); err != nil {
							b.Fatal(err)
						}
					}
					// The machine is shared: this process's CPU time per
					// query (on SQLite, the query's work; on PostgreSQL,
					// the client's only) is steadier than the wall time.
					b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
				})
			}
		}
	}
}

// cpuTime returns the CPU time this process has used.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// benchSQLite opens an SQLite index for n events: in a temporary
// directory, or kept in dir.
func benchSQLite(tb testing.TB, dir string, n int) *search.Index {
	if dir == "" {
		dir = tb.TempDir()
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "search-"+strconv.Itoa(n)+".db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	x, err := search.Open(context.Background(), db, false)
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// benchPostgres opens a PostgreSQL index for n events in a schema of its
// own: dropped afterwards, or kept when keep is set.
func benchPostgres(tb testing.TB, url, keep string, n int) *search.Index {
	ctx := context.Background()
	db, err := sql.Open("pgx", url)
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	schema := "search_bench_" + strconv.Itoa(n)
	create := `CREATE SCHEMA IF NOT EXISTS ` + schema
	if keep == "" {
		create = `DROP SCHEMA IF EXISTS ` + schema + ` CASCADE; CREATE SCHEMA ` + schema
		tb.Cleanup(func() { db.ExecContext(ctx, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`) })
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.ExecContext(ctx, create+`; SET search_path TO `+schema); err != nil {
		tb.Fatal(err)
	}
	x, err := search.Open(ctx, db, true)
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

// grown returns the events of a log of n events grown as tools/scale
// grows one (see tools/scale/README.md, "The mix"): the default history
// once (its states, organizations, instruments and sources are not
// repeated), then batches of 500 copies of its timeline entries,
// exercises and incidents, each with IDs of its own and the same texts,
// and after each batch a procedure's steps (copies of the history's
// requests, sessions, decisions and operation steps, as tools/scale runs
// one Art. 4 procedure per batch). The words and their frequencies are
// the record's own; what grows is what grows in a real log.
func grown(base []csto.Event, n int) search.Events {
	var timeline, procedure []csto.Event
	for _, e := range base {
		switch {
		case e.Type == csto.CmdEventRecord, e.Type == csto.CmdExerciseHold, e.Type == csto.CmdIncidentRecord:
			timeline = append(timeline, e)
		case e.Type == csto.CmdRequestFile, strings.HasPrefix(e.Type, "session."), strings.HasPrefix(e.Type, "decision."), strings.HasPrefix(e.Type, "operation."):
			procedure = append(procedure, e)
		}
	}
	const batch, steps = 500, 20
	return paging(func(ctx context.Context, after int64, fn func(csto.Event) error) error {
		rng := rand.New(rand.NewPCG(1, 12))
		for seq := int64(1); seq <= int64(n); seq++ {
			var e csto.Event
			switch i := seq - 1 - int64(len(base)); {
			case i < 0:
				e = base[seq-1]
			case i%(batch+steps) < batch:
				e = timeline[rng.IntN(len(timeline))] // drawn even when skipped: the same log every time
			default:
				e = procedure[int(i)%len(procedure)]
			}
			if seq <= after {
				continue
			}
			if i := seq - 1 - int64(len(base)); i >= 0 {
				e = copyEvent(e, "gen"+strconv.FormatInt(i, 10))
			}
			e.Seq = seq
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// copyEvent returns e recorded again under IDs of its own (the command's
// and the thing's: an exercise, an incident, a session…), as tools/scale
// copies a command.
func copyEvent(e csto.Event, tag string) csto.Event {
	var body map[string]any
	if err := json.Unmarshal(e.Body, &body); err != nil {
		panic(err)
	}
	body["id"] = tag + ":" + e.CommandID
	if data, ok := body["data"].(map[string]any); ok {
		if id, ok := data["id"].(string); ok {
			data["id"] = id + "-" + tag
		}
	}
	b, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	e.CommandID, e.Body = tag+":"+e.CommandID, b
	return e
}

// paging reads a page of at most limit events from all, a reader of every
// event after a position, as a store's SQL LIMIT does.
func paging(all func(ctx context.Context, after int64, fn func(csto.Event) error) error) search.Events {
	return func(ctx context.Context, after int64, limit int, fn func(csto.Event) error) error {
		n := 0
		err := all(ctx, after, func(e csto.Event) error {
			if n == limit {
				return errPageFull
			}
			n++
			return fn(e)
		})
		if errors.Is(err, errPageFull) {
			return nil
		}
		return err
	}
}

var errPageFull = errors.New("page full")

// BenchmarkCatchUp indexes 20,000 events of a grown log into a new
// SQLite index: the work of a server whose index is behind its log (after
// an upgrade, or a log grown elsewhere). It reports events indexed per
// second; -benchmem gives the allocations.
//
//	go test -run '^$' -bench CatchUp -benchtime 3x -benchmem ./search/
func BenchmarkCatchUp(b *testing.B) {
	reg, _ := history(b)
	var base []csto.Event
	if err := reg.Events(context.Background(), 0, func(e csto.Event) error { base = append(base, e); return nil }); err != nil {
		b.Fatal(err)
	}
	const n = 20_000
	events := grown(base, n)
	for b.Loop() {
		b.StopTimer()
		x := benchSQLite(b, "", n)
		b.StartTimer()
		if got, err := x.CatchUp(context.Background(), events); err != nil || got != n {
			b.Fatalf("indexed %d events (%v), want %d", got, err, n)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}
