package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"fmt"
	"github.com/csto/csto/internal/testenv"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/store/postgres"
)

// The CLI tests run on both backends: SQLite always, PostgreSQL when
// CSTO_TEST_POSTGRES names a server whose role may create databases. A
// test's data directory stands for its backend: run (and every helper
// built on it) passes CSTO_DB for a directory made by postgresDir, so the
// tests read the same on either.

// postgresAdmin returns the URL of the test server, or skips t (fails it
// under CI=true) when there is none.
func postgresAdmin(t testing.TB) string {
	t.Helper()
	return testenv.Postgres(t)
}

// createDatabase creates an empty database on the test server and
// returns its URL and a function that drops it.
func createDatabase(admin string) (string, func() error, error) {
	u, err := url.Parse(admin)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", nil, fmt.Errorf("CSTO_TEST_POSTGRES=%q: want a postgres:// URL", admin)
	}
	name := "csto_t_" + strings.ToLower(rand.Text())
	if err := adminExec(admin, `CREATE DATABASE `+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	// The server's own processes (autovacuum) may still be connected to
	// the database, and WITH (FORCE) may not end those for a role that is
	// not a superuser: try again for a few seconds.
	drop := func() error {
		var err error
		for range 50 {
			if err = adminExec(admin, `DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`); err == nil {
				return nil
			}
			time.Sleep(100 * time.Millisecond)
		}
		return err
	}
	return u.String(), drop, nil
}

func adminExec(dbURL, sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, sql); err != nil {
		return fmt.Errorf("%s: %w", sql, err)
	}
	return nil
}

// newPostgresDB creates a database for t, dropped when t ends.
func newPostgresDB(t testing.TB) string {
	t.Helper()
	dbURL, drop, err := createDatabase(postgresAdmin(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Error(err)
		}
	})
	return dbURL
}

// dbURLs maps the data directories of PostgreSQL tests to their
// database URL.
var dbURLs sync.Map

// dbOf returns the PostgreSQL URL of data directory dir, or "" for SQLite.
func dbOf(dir string) string {
	if u, ok := dbURLs.Load(dir); ok {
		return u.(string)
	}
	return ""
}

// postgresDir returns a data directory whose commands run on a new
// PostgreSQL database of their own.
func postgresDir(t testing.TB) string {
	t.Helper()
	dbURL := newPostgresDB(t)
	dir := t.TempDir()
	dbURLs.Store(dir, dbURL)
	t.Cleanup(func() { dbURLs.Delete(dir) })
	return dir
}

// onEachBackend runs fn as the subtests "sqlite" and "postgres", each on
// a fresh data directory.
func onEachBackend(t *testing.T, fn func(t *testing.T, dir string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, t.TempDir()) })
	t.Run("postgres", func(t *testing.T) { fn(t, postgresDir(t)) })
}

// backends are the names onEachBackend runs under.
var backends = []string{"sqlite", "postgres"}

// sharedPG is one initialised PostgreSQL database for read-only tests,
// dropped by TestMain.
var sharedPG struct {
	once sync.Once
	dir  string
	drop func() error
	err  error
}

// sharedOn returns the shared read-only data directory of backend.
func sharedOn(t *testing.T, backend string) string {
	t.Helper()
	if backend == "sqlite" {
		return sharedDir(t)
	}
	admin := postgresAdmin(t)
	sharedPG.once.Do(func() {
		var dbURL string
		dbURL, sharedPG.drop, sharedPG.err = createDatabase(admin)
		if sharedPG.err != nil {
			return
		}
		sharedPG.dir, sharedPG.err = os.MkdirTemp("", "csto-cli-test-pg")
		dbURLs.Store(sharedPG.dir, dbURL)
	})
	if sharedPG.err != nil {
		t.Fatal(sharedPG.err)
	}
	return sharedPG.dir
}

// dropShared removes the shared PostgreSQL database and its directory.
func dropShared() {
	if sharedPG.drop != nil {
		if err := sharedPG.drop(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	if sharedPG.dir != "" {
		os.RemoveAll(sharedPG.dir)
	}
}

// openSQL opens the database behind data directory dir: its SQLite file,
// or its PostgreSQL database.
func openSQL(t testing.TB, dir string) *sql.DB {
	t.Helper()
	var (
		db  *sql.DB
		err error
	)
	if u := dbOf(dir); u != "" {
		db, err = sql.Open("pgx", u)
	} else {
		db, err = sql.Open("sqlite", filepath.Join(dir, "csto.db"))
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// subprocessEnv is the environment of a csto subprocess on dir.
func subprocessEnv(dir string, extra ...string) []string {
	env := append(os.Environ(), "CSTO_TEST_MAIN=1", "CSTO_DATA_DIR="+dir)
	if u := dbOf(dir); u != "" {
		env = append(env, "CSTO_DB="+u)
	}
	return append(env, extra...)
}

// instance is a `csto serve` subprocess.
type instance struct {
	url  string
	cmd  *exec.Cmd
	logs *bytes.Buffer
	done chan error
}

var servingAddr = regexp.MustCompile(`^csto: serving (http://\S+) `)

// startInstance starts `csto serve` on dir in a subprocess listening on a free
// loopback port, waits until it serves, and stops it when t ends.
func startInstance(t *testing.T, dir string) *instance {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0")
	cmd.Env = subprocessEnv(dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in := &instance{cmd: cmd, logs: &bytes.Buffer{}, done: make(chan error, 1)}
	cmd.Stderr = &lockedWriter{w: in.logs}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stdout)
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if m := servingAddr.FindStringSubmatch(lines.Text()); m != nil {
				found <- m[1]
			}
		}
		in.done <- cmd.Wait()
	}()
	select {
	case in.url = <-found:
	case err := <-in.done:
		t.Fatalf("csto serve exited before serving: %v\n%s", err, in.logs)
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("csto serve did not start within 30s\n%s", in.logs)
	}
	t.Cleanup(func() { in.stop(t) })
	return in
}

// stop interrupts the instance and waits for it to finish its requests.
func (in *instance) stop(t *testing.T) {
	if in.done == nil {
		return
	}
	in.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-in.done:
		if err != nil {
			t.Errorf("csto serve %s: %v\n%s", in.url, err, in.logs)
		}
	case <-time.After(30 * time.Second):
		in.cmd.Process.Kill()
		t.Errorf("csto serve %s did not stop within 30s", in.url)
	}
	in.done = nil
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// apiCall sends a JSON request to an instance and returns the status and
// body.
func apiCall(client *http.Client, method, u, token, body string) (int, []byte, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		return 0, nil, err
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// tokenFor creates an account (a delegate of state, or the Secretariat
// when state is "") and an API token for it, through the CLI.
func tokenFor(t *testing.T, dir, name, state string) string {
	t.Helper()
	args := []string{"user", "add", name, "--role", "secretariat"}
	if state != "" {
		args = []string{"user", "add", name, "--role", "delegate", "--state", state}
	}
	mustRun(t, dir, args...)
	var tok struct{ Token string }
	if err := json.Unmarshal([]byte(mustRun(t, dir, "token", "create", "--user", name, "--json")), &tok); err != nil || tok.Token == "" {
		t.Fatalf("token create: %v %q", err, tok.Token)
	}
	return tok.Token
}

// TestManyInstancesAppendOneLog runs several `csto serve` processes on one
// PostgreSQL database, each filing requests through its API with tokens
// of its own, all at once. Every write must be acknowledged, and the log
// must end with exactly the history plus one event per acknowledged
// write, each once, in one intact chain: no gap, fork or duplicate.
func TestManyInstancesAppendOneLog(t *testing.T) {
	const (
		instances = 3
		writers   = 4 // concurrent clients per instance
		each      = 10
	)
	dir := postgresDir(t)
	mustRun(t, dir, "members") // the history, once
	history := countEvents(t, dir)
	states := []string{"KAZ", "KGZ", "RUS", "TJK", "BLR"}
	tokens := make([][]string, instances)
	for i := range instances {
		for w := range writers {
			st := states[(i*writers+w)%len(states)]
			tokens[i] = append(tokens[i], tokenFor(t, dir, fmt.Sprintf("writer-%d-%d", i, w), st))
		}
	}
	ins := make([]*instance, instances)
	for i := range ins {
		ins[i] = startInstance(t, dir)
	}
	type ack struct {
		id     string
		status int
		body   string
		err    error
	}
	acks := make(chan ack, instances*writers*each)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, in := range ins {
		for w := range writers {
			wg.Go(func() {
				client := &http.Client{Timeout: 30 * time.Second}
				<-start
				for k := range each {
					id := fmt.Sprintf("mw-%d-%d-%d", i, w, k)
					status, b, err := apiCall(client, "POST", in.url+"/api/v1/requests", tokens[i][w],
						fmt.Sprintf(`{"id":%q,"kind":"consultations"}`, id))
					acks <- ack{id, status, string(b), err}
				}
			})
		}
	}
	close(start)
	wg.Wait()
	close(acks)
	acked := map[string]bool{}
	for a := range acks {
		switch {
		case a.err != nil:
			t.Errorf("request %s: %v", a.id, a.err)
		case a.status != http.StatusCreated:
			t.Errorf("request %s: %d %s", a.id, a.status, a.body)
		default:
			acked[a.id] = true
		}
	}
	for _, in := range ins {
		in.stop(t)
	}
	if len(acked) != instances*writers*each {
		t.Errorf("%d writes acknowledged, want %d", len(acked), instances*writers*each)
	}

	// The log: history + acknowledged writes, each request once, chained.
	if n := countEvents(t, dir); n != history+len(acked) {
		t.Errorf("the log holds %d events; the history is %d and %d writes were acknowledged", n, history, len(acked))
	}
	rows, err := openSQL(t, dir).Query(`SELECT command_id, count(*) FROM events WHERE command_id LIKE 'request.file:mw-%' GROUP BY command_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	logged := 0
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		logged++
		if id := strings.TrimPrefix(id, "request.file:"); !acked[id] || n != 1 {
			t.Errorf("%s is in the log %d times (acknowledged: %v)", id, n, acked[id])
		}
	}
	if logged != len(acked) {
		t.Errorf("%d requests in the log, %d acknowledged", logged, len(acked))
	}
	s, err := postgres.Open(context.Background(), dbOf(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Verify(context.Background()); err != nil {
		t.Fatal(err)
	}
	if out := mustRun(t, dir, "verify"); !strings.HasPrefix(out, fmt.Sprintf("chain intact: %d events", history+len(acked))) {
		t.Errorf("csto verify: %q", out)
	}
}

// TestFreshReadsAcrossInstances writes through one `csto serve` and reads
// the change through another on the same PostgreSQL database within a
// second: the API (which refreshes from the log on each read) and the web
// pages (kept fresh by LISTEN/NOTIFY, polling as a fallback).
func TestFreshReadsAcrossInstances(t *testing.T) {
	dir := postgresDir(t)
	mustRun(t, dir, "members") // initialises the directory (verify, an auditor, never does)
	tokA := tokenFor(t, dir, "secretariat-a", "")
	tokB := tokenFor(t, dir, "delegate-kaz-b", "KAZ")
	a, b := startInstance(t, dir), startInstance(t, dir)
	client := &http.Client{Timeout: 5 * time.Second}
	// seen polls u until it answers 200 or a second has passed.
	seen := func(u string) (time.Duration, bool) {
		start := time.Now()
		for time.Since(start) < time.Second {
			if status, _, err := apiCall(client, "GET", u, "", ""); err == nil && status == 200 {
				return time.Since(start), true
			}
			time.Sleep(5 * time.Millisecond)
		}
		return time.Since(start), false
	}
	for i := range 3 {
		// A session convened through A appears on B's API and web page.
		id := fmt.Sprintf("fresh-session-%d", i)
		if status, body, err := apiCall(client, "POST", a.url+"/api/v1/sessions", tokA, fmt.Sprintf(`{"id":%q,"kind":"extraordinary"}`, id)); err != nil || status != 201 {
			t.Fatalf("convene through A: %d %s %v", status, body, err)
		}
		for _, u := range []string{b.url + "/api/v1/sessions/" + id, b.url + "/sessions/" + id} {
			if d, ok := seen(u); !ok {
				t.Errorf("%s: not there %v after the write through A", u, d)
			} else {
				t.Logf("%s: seen after %v", u, d)
			}
		}
		// And the other way round: a request filed through B appears on A.
		rid := fmt.Sprintf("fresh-request-%d", i)
		if status, body, err := apiCall(client, "POST", b.url+"/api/v1/requests", tokB, fmt.Sprintf(`{"id":%q,"kind":"consultations"}`, rid)); err != nil || status != 201 {
			t.Fatalf("request through B: %d %s %v", status, body, err)
		}
		if d, ok := seen(a.url + "/api/v1/requests/" + rid); !ok {
			t.Errorf("request %s: not on A %v after the write through B", rid, d)
		}
	}
}

// TestDuplicateAccountIsAConflict checks that the account package tells
// a unique violation apart by its code on PostgreSQL as on SQLite: a
// second account of the same name is a Conflict, and the CLI says so
// with exit 2.
func TestDuplicateAccountIsAConflict(t *testing.T) {
	onEachBackend(t, func(t *testing.T, dir string) {
		mustRun(t, dir, "user", "add", "delegate-kgz", "--role", "delegate", "--state", "KGZ")
		out, errs, code := run(t, dir, "user", "add", "delegate-kgz", "--role", "delegate", "--state", "KGZ")
		if code != 2 || !strings.Contains(errs, `account "delegate-kgz" exists`) {
			t.Errorf("second add: exit %d, stdout %q, stderr %q; want exit 2 and the name", code, out, errs)
		}
		var acc *account.Service
		var err error
		if u := dbOf(dir); u != "" {
			acc, err = account.Open(context.Background(), openSQL(t, dir), account.Postgres)
		} else {
			acc, err = account.Open(context.Background(), openSQL(t, dir), account.SQLite)
		}
		if err != nil {
			t.Fatal(err)
		}
		acc.Params = account.Params{Memory: 1024, Time: 1, Threads: 1}
		_, err = acc.Add(context.Background(), "delegate-kgz", csto.RoleDelegate, "KGZ", "a long enough password")
		if csto.ErrorKind(err) != csto.Conflict {
			t.Errorf("Add of an existing name: %v (kind %q); want a conflict", err, csto.ErrorKind(err))
		}
	})
}

// TestSessionOnAnyInstance: the web sessions live in the database, so a
// user signed in through one instance is signed in on every instance,
// and signing out through one signs out everywhere — what lets a load
// balancer send each request to any instance.
func TestSessionOnAnyInstance(t *testing.T) {
	dir := postgresDir(t)
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("a long enough password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, "user", "add", "delegate-kgz", "--role", "delegate", "--state", "KGZ", "--password-file", pw)
	a, b := startInstance(t, dir), startInstance(t, dir)
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Post(a.url+"/api/v1/session", "application/json", strings.NewReader(`{"name":"delegate-kgz","password":"a long enough password"}`))
	if err != nil {
		t.Fatal(err)
	}
	var me struct{ CSRF string }
	json.NewDecoder(resp.Body).Decode(&me)
	resp.Body.Close()
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "csto_session" {
			cookie = c
		}
	}
	if resp.StatusCode != 200 || cookie == nil || me.CSRF == "" {
		t.Fatalf("sign-in through A: %d, cookie %v, csrf %q", resp.StatusCode, cookie, me.CSRF)
	}
	with := func(method, u, body string) int {
		t.Helper()
		var rd io.Reader
		if body != "" {
			rd = strings.NewReader(body)
		}
		req, _ := http.NewRequest(method, u, rd)
		req.AddCookie(cookie)
		req.Header.Set("X-CSRF-Token", me.CSRF)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := with("GET", b.url+"/api/v1/me", ""); s != 200 {
		t.Fatalf("the session from A on B: %d", s)
	}
	if s := with("POST", b.url+"/api/v1/requests", `{"id":"session-on-b","kind":"consultations"}`); s != 201 {
		t.Fatalf("a write on B with the session from A: %d", s)
	}
	if s := with("DELETE", b.url+"/api/v1/session", ""); s != 204 {
		t.Fatalf("sign-out through B: %d", s)
	}
	if s := with("GET", a.url+"/api/v1/me", ""); s != 401 {
		t.Fatalf("the session signed out on B still works on A: %d", s)
	}
}
