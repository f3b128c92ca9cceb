// Command scale grows csto logs to many events of a realistic mix and
// measures what issue 12 tracks at each size: start (replay) and peak RSS
// of a CLI process, a month of the timeline, a state's record, a durable
// submit, and verify. See tools/scale/README.md.
//
//	go run ./tools/scale grow -data DIR [-db URL] -n 100000
//	go run ./tools/scale table [-sizes 10000,100000] [-postgres URL]
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/service"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/sqlite"
	"github.com/csto/csto/tools/internal/pgscratch"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out, logw io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: scale grow|table [flags] (-h for each)")
	}
	switch args[0] {
	case "grow":
		return cmdGrow(ctx, args[1:], out, logw)
	case "table":
		return cmdTable(ctx, args[1:], out, logw)
	}
	return fmt.Errorf("unknown subcommand %q: grow or table", args[0])
}

// opened is a store with its registry, as the CLI opens them.
type opened struct {
	store csto.Store
	reg   *registry.Registry
}

// openLog opens the data directory's SQLite file, or the PostgreSQL
// database at db, replays it, and loads the default history it lacks.
func openLog(ctx context.Context, dir, db string) (*opened, error) {
	var st csto.Store
	var err error
	if db == "" || db == "sqlite" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
		st, err = sqlite.Open(ctx, filepath.Join(dir, "csto.db"))
	} else {
		st, err = postgres.Open(ctx, db)
	}
	if err != nil {
		return nil, err
	}
	reg, err := registry.Open(ctx, st)
	if err == nil {
		_, err = dataset.Load(ctx, reg)
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return &opened{st, reg}, nil
}

func cmdGrow(ctx context.Context, args []string, out, logw io.Writer) error {
	fs := flag.NewFlagSet("grow", flag.ContinueOnError)
	dir := fs.String("data", "", "data directory (its csto.db is grown; created if missing)")
	db := fs.String("db", "", "a postgres:// URL to grow instead of the SQLite file")
	n := fs.Int64("n", 10_000, "grow the log to this many events")
	atopDir := fs.String("atop", "../shared/data", "folder with atop/ and cow/ (ATOP 5.1, COW) imported once; empty: none")
	seed := fs.Uint64("seed", 1, "seed of the mix")
	measure := fs.Bool("measure", false, "then measure the reads and a durable submit in process; print them as JSON on stdout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" && (*db == "" || *db == "sqlite") {
		return errors.New("-data: required for SQLite")
	}
	if *n < 1 || *n > 10_000_000 {
		return fmt.Errorf("-n: %d: between 1 and 10,000,000", *n)
	}
	o, err := openLog(ctx, *dir, *db)
	if err != nil {
		return err
	}
	defer o.store.Close()
	g, err := newGenerator(o.reg, *seed)
	if err != nil {
		return err
	}
	start := time.Now()
	if err := g.growTo(ctx, *atopDir, *n, logw); err != nil {
		return err
	}
	fmt.Fprintf(logw, "scale: %d events in %.1fs; appended %s\n", o.reg.Model().Seq, time.Since(start).Seconds(), g.mix())
	if !*measure {
		return nil
	}
	var r inProcess
	if r.Timeline, r.State, err = measureReads(o.reg.Model()); err != nil {
		return err
	}
	if r.Submit, err = measureSubmit(ctx, o.reg); err != nil {
		return err
	}
	r.Events = o.reg.Model().Seq
	return json.NewEncoder(out).Encode(r)
}

// inProcess is what grow -measure prints.
type inProcess struct {
	Events                  int64
	Timeline, State, Submit time.Duration
}

// growTo imports ATOP once (when atopDir has it) and grows the log to n.
func (g *generator) growTo(ctx context.Context, atopDir string, n int64, logw io.Writer) error {
	if atopDir != "" {
		if _, err := os.Stat(filepath.Join(atopDir, "atop")); err != nil {
			fmt.Fprintf(logw, "scale: no ATOP under %s; growing without it\n", atopDir)
		} else if _, err := g.importATOP(ctx, atopDir); err != nil {
			return fmt.Errorf("ATOP import: %w", err)
		}
	}
	last := time.Now()
	return g.grow(ctx, n, func(seq int64) {
		if time.Since(last) > 10*time.Second {
			fmt.Fprintf(logw, "scale: %d events\n", seq)
			last = time.Now()
		}
	})
}

func (g *generator) mix() string {
	var parts []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range g.counts {
			if !yield(k) {
				return
			}
		}
	}) {
		parts = append(parts, fmt.Sprintf("%s %d", k, g.counts[k]))
	}
	return strings.Join(parts, ", ")
}

func cmdTable(ctx context.Context, args []string, out, logw io.Writer) error {
	fs := flag.NewFlagSet("table", flag.ContinueOnError)
	sizes := fs.String("sizes", "10000,100000", "log sizes to measure, ascending (each grows the one before)")
	pg := fs.String("postgres", os.Getenv("CSTO_TEST_POSTGRES"), "PostgreSQL server whose role may create databases (default $CSTO_TEST_POSTGRES); empty: SQLite only")
	only := fs.String("only", "", "sqlite or postgres: measure one backend")
	atopDir := fs.String("atop", "../shared/data", "folder with atop/ and cow/ imported once; empty: none")
	runs := fs.Int("runs", 3, "runs of each measured process (start, verify); the median is shown")
	bin := fs.String("csto", "", "the csto binary (default: go build ./cmd/csto; run from the repository's root)")
	work := fs.String("work", "", "where the data directories go (default: a temporary folder, removed at the end)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var ns []int64
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || n < 1000 || (len(ns) > 0 && n <= ns[len(ns)-1]) {
			return fmt.Errorf("-sizes: %q: ascending numbers of events, each at least 1000", *sizes)
		}
		ns = append(ns, n)
	}
	if *runs < 1 || *runs > 20 {
		return fmt.Errorf("-runs: %d: between 1 and 20", *runs)
	}
	tmp, err := os.MkdirTemp(*work, "csto-scale")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if *bin == "" {
		*bin = filepath.Join(tmp, "csto")
		build := exec.CommandContext(ctx, "go", "build", "-o", *bin, "./cmd/csto")
		build.Stdout, build.Stderr = logw, logw
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/csto (run from the repository's root, or pass -csto): %w", err)
		}
	}
	backends := []string{"sqlite"}
	if *pg != "" {
		backends = append(backends, "postgres")
	}
	if *only != "" {
		if !slices.Contains(backends, *only) {
			return fmt.Errorf("-only: %q is not one of %v", *only, backends)
		}
		backends = []string{*only}
	}
	fmt.Fprintf(out, "| backend | events | start, replay | peak RSS | start, snapshot | peak RSS | timeline one month | state KAZ | durable submit | verify |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, b := range backends {
		dir, db := filepath.Join(tmp, b), ""
		if b == "postgres" {
			u, drop, err := pgscratch.Create(ctx, *pg, "csto_scale_")
			if err != nil {
				return err
			}
			defer drop()
			db = u
		}
		if err := measureBackend(ctx, b, dir, db, *bin, *atopDir, ns, *runs, out, logw); err != nil {
			return fmt.Errorf("%s: %w", b, err)
		}
		os.RemoveAll(dir)
	}
	return nil
}

// measureBackend grows the log in a process of its own (so that this one
// stays small: a child's peak RSS as the kernel reports it includes its
// parent's at the fork) and measures each size.
func measureBackend(ctx context.Context, backend, dir, db, bin, atopDir string, ns []int64, runs int, out, logw io.Writer) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	env := append(os.Environ(), "CSTO_DATA_DIR="+dir, "CSTO_DB="+db)
	for _, n := range ns {
		grow := exec.CommandContext(ctx, self, "grow", "-data", dir, "-db", db, "-n", strconv.FormatInt(n, 10), "-atop", atopDir, "-measure")
		var stdout strings.Builder
		grow.Stdout, grow.Stderr = &stdout, logw
		if err := grow.Run(); err != nil {
			return fmt.Errorf("grow to %d: %w", n, err)
		}
		var r inProcess
		if err := json.Unmarshal([]byte(stdout.String()), &r); err != nil {
			return fmt.Errorf("grow -measure: %w: %q", err, stdout.String())
		}
		// The first start creates the admin account (argon2id) and writes
		// the model's snapshot (csto writes one when it is 10,000 events
		// stale): not measured.
		if _, err := measureProc(ctx, bin, env, "members"); err != nil {
			return err
		}
		noSnap := append(slices.Clip(env), "CSTO_SNAPSHOT=off")
		var replays, snaps, verifies []procRun
		for range runs {
			r, err := measureProc(ctx, bin, noSnap, "members", "--json")
			if err != nil {
				return err
			}
			replays = append(replays, r)
			if r, err = measureProc(ctx, bin, env, "members", "--json"); err != nil {
				return err
			}
			snaps = append(snaps, r)
			if r, err = measureProc(ctx, bin, env, "verify"); err != nil {
				return err
			}
			verifies = append(verifies, r)
		}
		p, s, v := medianRun(replays), medianRun(snaps), medianRun(verifies)
		fmt.Fprintf(out, "| %s | %d | %s | %d MiB | %s | %d MiB | %s | %s | %s | %s |\n", backend, r.Events,
			secs(p.wall), p.maxRSS>>20, secs(s.wall), s.maxRSS>>20, ms(r.Timeline), ms(r.State), ms(r.Submit), secs(v.wall))
	}
	return nil
}

// procRun is one run of a csto process: its wall time and peak RSS.
type procRun struct {
	wall   time.Duration
	maxRSS int64 // bytes
}

func measureProc(ctx context.Context, bin string, env []string, args ...string) (procRun, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	t0 := time.Now()
	if err := cmd.Run(); err != nil {
		return procRun{}, fmt.Errorf("csto %s: %v: %s", strings.Join(args, " "), err, stderr.String())
	}
	r := procRun{wall: time.Since(t0)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss << 10 // KiB on Linux
	}
	return r, nil
}

func medianRun(rs []procRun) procRun {
	slices.SortFunc(rs, func(a, b procRun) int { return int(a.wall - b.wall) })
	r := rs[len(rs)/2]
	for _, x := range rs {
		r.maxRSS = max(r.maxRSS, x.maxRSS)
	}
	return r
}

// measureReads times, in process, the answers the API gives: January 2022
// of the timeline (every entry) and the first page of Kazakhstan's record
// (the API's, the web page's and the CLI's default of 100 events), each
// encoded as JSON (median of 7).
func measureReads(m *registry.Model) (timeline, state time.Duration, err error) {
	month := monthOf()
	timeline, err = median(7, func() error {
		t, err := m.Timeline(registry.TimelineFilter{From: month, To: month}, "en")
		if err == nil {
			_, err = json.Marshal(t)
		}
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	state, err = median(7, func() error {
		v, err := m.State("KAZ", registry.Page{Limit: 100}, "en")
		if err == nil {
			_, err = json.Marshal(v)
		}
		return err
	})
	return timeline, state, err
}

// measureSubmit times a durable submit through the service (a request for
// consultations by a member's delegation, as POST /api/v1/requests does):
// the median of 15.
func measureSubmit(ctx context.Context, reg *registry.Registry) (time.Duration, error) {
	svc := service.New(reg)
	actor := csto.Actor{Role: csto.RoleDelegate, State: "KAZ"}
	return median(15, func() error {
		_, err := svc.FileRequest(ctx, actor, "en", service.RequestInput{Kind: "consultations"})
		return err
	})
}

func median(n int, f func() error) (time.Duration, error) {
	ds := make([]time.Duration, 0, n)
	for range n {
		t0 := time.Now()
		if err := f(); err != nil {
			return 0, err
		}
		ds = append(ds, time.Since(t0))
	}
	slices.Sort(ds)
	return ds[n/2], nil
}

func ms(d time.Duration) string   { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }
func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
