// Command load measures csto's API under concurrent load on this machine,
// side by side in one run:
//
//   - a bare net/http handler returning a fixed body of the size of the
//     members answer, the ceiling of what any handler reaches here;
//   - `GET /api/v1/orgs/csto/members?at=…` on csto with SQLite, with
//     PostgreSQL (one instance), and with two instances on one PostgreSQL
//     database, the connections spread over both;
//   - a mixed run on each: reads as above and writes (POST
//     /api/v1/requests as the delegations `csto serve --demo` creates).
//
// It starts every server itself, on 127.0.0.1 ports of its own, and never
// sends a request elsewhere. Each run stops after -duration or -max
// requests, whichever comes first; the whole program after -timeout.
// PostgreSQL runs need -postgres (default $CSTO_TEST_POSTGRES): the URL
// of a server whose role may create databases; the program creates one
// database per configuration and drops it at the end.
//
//	go run ./tools/load -postgres "$CSTO_TEST_POSTGRES"
//
// See README.md in this directory.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/csto/csto/tools/internal/pgscratch"
)

// bareEnv, when set to a size, makes this program the bare server.
const bareEnv = "CSTO_LOAD_BARE_BYTES"

func main() {
	if n := os.Getenv(bareEnv); n != "" {
		if err := bare(n); err != nil {
			fmt.Fprintln(os.Stderr, "load (bare server):", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

type config struct {
	csto     string
	postgres string
	at       string
	duration time.Duration
	max      int
	conns    []int
	mixConns int
	writes   float64
	timeout  time.Duration
	only     string
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	var c config
	var conns string
	fs.StringVar(&c.csto, "csto", "", "the csto binary (default: go build ./cmd/csto into a temporary directory; run from the repository's root)")
	fs.StringVar(&c.postgres, "postgres", os.Getenv("CSTO_TEST_POSTGRES"), "PostgreSQL server URL whose role may create databases (default $CSTO_TEST_POSTGRES); empty: SQLite only")
	fs.StringVar(&c.at, "at", "2008-07-22", "the date of the members query")
	fs.DurationVar(&c.duration, "duration", 5*time.Second, "length of each run")
	fs.IntVar(&c.max, "max", 500_000, "most requests per run")
	fs.StringVar(&conns, "conns", "1,16,64", "connections of the read runs (comma-separated)")
	fs.IntVar(&c.mixConns, "mixed-conns", 64, "connections of the mixed runs")
	fs.Float64Var(&c.writes, "writes", 0.1, "share of writes in the mixed runs")
	fs.DurationVar(&c.timeout, "timeout", 15*time.Minute, "stop everything after this long")
	fs.StringVar(&c.only, "only", "", "run only these configurations (comma-separated: bare, sqlite, postgres, postgres-2)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, s := range strings.Split(conns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 1024 {
			return fmt.Errorf("-conns: %q is not a number of connections (1–1024)", s)
		}
		c.conns = append(c.conns, n)
	}
	if c.duration <= 0 || c.duration > 5*time.Minute {
		return fmt.Errorf("-duration: %v: between 0 and 5m", c.duration)
	}
	if c.max < 1 || c.writes < 0 || c.writes > 1 || c.mixConns < 1 || c.mixConns > 1024 {
		return errors.New("-max must be positive, -writes between 0 and 1, -mixed-conns 1–1024")
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	tmp, err := os.MkdirTemp("", "csto-load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if c.csto == "" {
		c.csto = filepath.Join(tmp, "csto")
		build := exec.CommandContext(ctx, "go", "build", "-o", c.csto, "./cmd/csto")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build ./cmd/csto (run from the repository's root, or pass -csto): %w", err)
		}
	}
	want := func(name string) bool {
		return c.only == "" || slices.Contains(strings.Split(c.only, ","), name)
	}

	r := &report{}
	readPath := "/api/v1/orgs/csto/members?at=" + url.QueryEscape(c.at)

	// The size of the answer, from a csto on SQLite; the bare handler
	// returns as many bytes.
	var procs []*proc
	defer func() {
		for _, p := range procs {
			p.stop()
		}
	}()
	sq, err := startCsto(ctx, c.csto, filepath.Join(tmp, "sqlite"), "", true)
	if err != nil {
		return err
	}
	procs = append(procs, sq)
	body, err := get(ctx, sq.url+readPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "csto load: GET %s answers %d bytes; each run lasts %v or %d requests\n", readPath, len(body), c.duration, c.max)
	fmt.Fprintf(out, "every server and this load generator share this machine's %d cores; load average %s\n\n", runtime.NumCPU(), loadavg())

	if want("bare") {
		b, err := startBare(ctx, len(body))
		if err != nil {
			return err
		}
		procs = append(procs, b)
		for _, n := range c.conns {
			r.add(fmt.Sprintf("bare handler (%d B)", len(body)), "reads", n, load(ctx, c, []string{b.url}, "/", n, 0, nil))
		}
		b.stop()
	}

	type setup struct {
		name      string
		instances []*proc
	}
	var setups []setup
	if want("sqlite") {
		setups = append(setups, setup{"csto sqlite", []*proc{sq}})
	}
	var drops []func()
	defer func() {
		for _, d := range drops {
			d()
		}
	}()
	if c.postgres != "" {
		for _, n := range []int{1, 2} {
			name := "postgres"
			if n > 1 {
				name = fmt.Sprintf("postgres-%d", n)
			}
			if !want(name) {
				continue
			}
			dbURL, drop, err := pgscratch.Create(ctx, c.postgres, "csto_load_")
			if err != nil {
				return err
			}
			drops = append(drops, drop)
			var ins []*proc
			for i := range n {
				p, err := startCsto(ctx, c.csto, filepath.Join(tmp, fmt.Sprintf("%s-%d", name, i)), dbURL, i == 0)
				if err != nil {
					return err
				}
				procs = append(procs, p)
				ins = append(ins, p)
			}
			label := "csto postgres"
			if n > 1 {
				label = fmt.Sprintf("csto postgres ×%d", n)
			}
			setups = append(setups, setup{label, ins})
		}
	} else {
		fmt.Fprintln(out, "(no -postgres and no $CSTO_TEST_POSTGRES: SQLite only)")
	}

	for _, s := range setups {
		urls := make([]string, len(s.instances))
		for i, p := range s.instances {
			urls[i] = p.url
		}
		for _, n := range c.conns {
			r.add(s.name, "reads", n, load(ctx, c, urls, readPath, n, 0, nil))
		}
		tokens, err := writers(ctx, s.instances[0])
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		r.add(s.name, fmt.Sprintf("mixed, %.0f%% writes", c.writes*100), c.mixConns, load(ctx, c, urls, readPath, c.mixConns, c.writes, tokens))
		if ctx.Err() != nil {
			break
		}
	}
	r.print(out)
	fmt.Fprintf(out, "load average at the end: %s\n", loadavg())
	return ctx.Err()
}

// loadavg is the system's 1, 5 and 15-minute load averages, when known:
// other work on the machine skews every number.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// proc is a server this program started.
type proc struct {
	url  string
	cmd  *exec.Cmd
	out  []string // stdout lines up to "serving"
	done chan struct{}
}

func (p *proc) stop() {
	if p.cmd == nil || p.done == nil {
		return
	}
	p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
	p.done = nil
}

var servingLine = regexp.MustCompile(`serving (http://\S+)`)

// start runs cmd and waits for the line saying where it serves.
func start(ctx context.Context, cmd *exec.Cmd) (*proc, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &proc{cmd: cmd, done: make(chan struct{})}
	found := make(chan string, 1)
	go func() {
		served := false
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if served {
				continue
			}
			if m := servingLine.FindStringSubmatch(line); m != nil {
				served = true
				found <- m[1] // p.out is complete: the receiver reads it
				continue
			}
			p.out = append(p.out, line)
		}
		cmd.Wait()
		close(p.done)
	}()
	select {
	case u := <-found:
		p.url = u
		host, _, err := net.SplitHostPort(strings.TrimPrefix(u, "http://"))
		if err != nil || !net.ParseIP(host).IsLoopback() {
			p.stop()
			return nil, fmt.Errorf("%s serves on %s, not on the loopback interface", cmd.Path, u)
		}
		return p, nil
	case <-p.done:
		return nil, fmt.Errorf("%s exited before serving", strings.Join(cmd.Args, " "))
	case <-time.After(60 * time.Second):
		p.stop()
		return nil, fmt.Errorf("%s did not serve within 60s", strings.Join(cmd.Args, " "))
	case <-ctx.Done():
		p.stop()
		return nil, ctx.Err()
	}
}

// startCsto starts `csto serve` on a data directory (and database), with
// the demo accounts when demo is set. Its logs go to a file in dir.
func startCsto(ctx context.Context, bin, dir, dbURL string, demo bool) (*proc, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	args := []string{"serve", "--addr", "127.0.0.1:0"}
	if demo {
		args = append(args, "--demo")
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "CSTO_DATA_DIR="+dir, "CSTO_DB="+dbURL)
	logs, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stderr = logs
	return start(ctx, cmd)
}

// startBare starts this program again as the bare server.
func startBare(ctx context.Context, size int) (*proc, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, self)
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d", bareEnv, size))
	cmd.Stderr = os.Stderr
	return start(ctx, cmd)
}

// bare serves a fixed JSON body of n bytes on a loopback port until
// interrupted.
func bare(n string) error {
	size, err := strconv.Atoi(n)
	if err != nil || size < 2 || size > 16<<20 {
		return fmt.Errorf("%s=%q: want a size in bytes", bareEnv, n)
	}
	body := []byte(`"` + strings.Repeat("x", size-2) + `"`)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}), ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("bare: serving http://%s\n", ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// demoToken is a line of `csto serve --demo`:
// "  delegate-kaz    delegate of KAZ   password …  token csto_…".
var demoToken = regexp.MustCompile(`^\s+(delegate-[a-z]{3})\s.*\stoken (csto_\S+)`)

// writers returns the tokens of the demo delegations that may file a
// request for consultations today (a probe request each; a state whose
// participation is frozen may not).
func writers(ctx context.Context, p *proc) ([]string, error) {
	var toks []string
	for _, line := range p.out {
		if m := demoToken.FindStringSubmatch(line); m != nil {
			body := fmt.Sprintf(`{"id":"load-probe-%s-%s","kind":"consultations"}`, m[1], strings.ToLower(rand.Text()[:8]))
			if status, err := post(ctx, http.DefaultClient, p.url+"/api/v1/requests", m[2], body); err == nil && status == http.StatusCreated {
				toks = append(toks, m[2])
			}
		}
	}
	if len(toks) == 0 {
		return nil, errors.New("no demo delegation could file a request (see `csto serve --demo`)")
	}
	return toks, nil
}

func get(ctx context.Context, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != 200 {
		err = fmt.Errorf("GET %s: %d %.200s", u, resp.StatusCode, b)
	}
	return b, err
}

func post(ctx context.Context, client *http.Client, u, token, body string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", u, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// result is one run's outcome.
type result struct {
	elapsed       time.Duration
	reads, writes []time.Duration // latencies of the successful requests
	readErrs      int
	writeErrs     int
	firstErr      string
}

// load runs conns clients for c.duration (or c.max requests), each with
// a connection of its own to one of the urls (round robin), each
// request a write with probability writes.
func load(ctx context.Context, c config, urls []string, path string, conns int, writes float64, tokens []string) result {
	ctx, cancel := context.WithTimeout(ctx, c.duration)
	defer cancel()
	clients := make([]*http.Client, len(urls))
	for i := range urls {
		clients[i] = &http.Client{Transport: &http.Transport{
			MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true,
			DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		}, Timeout: 30 * time.Second}
	}
	var (
		issued  atomic.Int64
		mu      sync.Mutex
		res     result
		wg      sync.WaitGroup
		writeID atomic.Int64
	)
	run := strings.ToLower(rand.Text()[:6])
	start := time.Now()
	for w := range conns {
		wg.Go(func() {
			client, base := clients[w%len(urls)], urls[w%len(urls)]
			var reads, wr []time.Duration
			var readErrs, writeErrs int
			var firstErr string
			// A deterministic share of writes per client: every k-th request.
			every := 0
			if writes > 0 {
				every = int(1/writes + 0.5)
			}
			for n := 0; ctx.Err() == nil && issued.Add(1) <= int64(c.max); n++ {
				t0 := time.Now()
				if every > 0 && (n+w)%every == 0 {
					id := writeID.Add(1)
					body := fmt.Sprintf(`{"id":"load-%s-%d","kind":"consultations"}`, run, id)
					status, err := post(ctx, client, base+"/api/v1/requests", tokens[int(id)%len(tokens)], body)
					if ctx.Err() != nil {
						break // the run ended mid-request: not counted
					}
					if err != nil || status != http.StatusCreated {
						writeErrs++
						if firstErr == "" {
							firstErr = fmt.Sprintf("write: %d %v", status, err)
						}
						continue
					}
					wr = append(wr, time.Since(t0))
					continue
				}
				req, _ := http.NewRequestWithContext(ctx, "GET", base+path, nil)
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if ctx.Err() != nil {
					break
				}
				if err != nil {
					readErrs++
					if firstErr == "" {
						firstErr = "read: " + err.Error()
					}
					continue
				}
				reads = append(reads, time.Since(t0))
			}
			mu.Lock()
			res.reads = append(res.reads, reads...)
			res.writes = append(res.writes, wr...)
			res.readErrs += readErrs
			res.writeErrs += writeErrs
			if res.firstErr == "" {
				res.firstErr = firstErr
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	for _, cl := range clients {
		cl.CloseIdleConnections()
	}
	return res
}

// percentile returns the p-th percentile (0–100) of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

type row struct {
	setup, kind string
	conns       int
	res         result
}

type report struct{ rows []row }

func (r *report) add(setup, kind string, conns int, res result) {
	r.rows = append(r.rows, row{setup, kind, conns, res})
}

func (r *report) print(out io.Writer) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "server\trun\tconns\treads/s\tread p50\tread p99\twrites/s\twrite p50\twrite p99\terrors\tvs bare\t")
	bare := map[int]float64{}
	for _, x := range r.rows {
		reads, writes := slices.Clone(x.res.reads), slices.Clone(x.res.writes)
		slices.Sort(reads)
		slices.Sort(writes)
		secs := x.res.elapsed.Seconds()
		rps := float64(len(reads)) / secs
		if strings.HasPrefix(x.setup, "bare") {
			bare[x.conns] = rps
		}
		vs := "—"
		if b := bare[x.conns]; b > 0 && !strings.HasPrefix(x.setup, "bare") && x.kind == "reads" {
			vs = fmt.Sprintf("%.2f", rps/b)
		}
		w50, w99, wps := "—", "—", "—"
		if len(writes) > 0 || x.res.writeErrs > 0 {
			wps = fmt.Sprintf("%.0f", float64(len(writes))/secs)
			w50, w99 = ms(percentile(writes, 50)), ms(percentile(writes, 99))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t\n", x.setup, x.kind, x.conns, rps,
			ms(percentile(reads, 50)), ms(percentile(reads, 99)), wps, w50, w99, x.res.readErrs+x.res.writeErrs, vs)
	}
	tw.Flush()
	for _, x := range r.rows {
		if x.res.firstErr != "" {
			fmt.Fprintf(out, "%s %s: first error: %s\n", x.setup, x.kind, x.res.firstErr)
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
