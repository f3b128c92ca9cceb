package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto/store/sqlite"
)

// TestSQLiteServerSeesCLIWrites: on SQLite, a write by another process —
// the CLI, run as a process of its own on the same data directory — shows
// on a running server's API and web pages without a restart: the server
// polls the log's head and applies the tail (serve.go, pollOnce). The
// delay is logged; the test only bounds it by a generous timeout.
func TestSQLiteServerSeesCLIWrites(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "members") // initialise the directory
	srv := startInstance(t, dir)
	client := &http.Client{Timeout: 5 * time.Second}
	// seen polls u until it answers 200.
	seen := func(u string) (time.Duration, bool) {
		start := time.Now()
		for time.Since(start) < 15*time.Second {
			if status, _, err := apiCall(client, "GET", u, "", ""); err == nil && status == 200 {
				return time.Since(start), true
			}
			time.Sleep(10 * time.Millisecond)
		}
		return time.Since(start), false
	}
	cli := func(args ...string) {
		t.Helper()
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = subprocessEnv(dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("csto %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	for i := range 3 {
		id := fmt.Sprintf("cli-session-%d", i)
		for _, u := range []string{srv.url + "/api/v1/sessions/" + id, srv.url + "/sessions/" + id} {
			if status, _, err := apiCall(client, "GET", u, "", ""); err != nil || status != 404 {
				t.Fatalf("%s before the write: %d %v, want 404", u, status, err)
			}
		}
		cli("session", "convene", "--as", "secretariat", "--id", id, "--kind", "extraordinary")
		// The web page first: the API's reads refresh the model themselves
		// when it is older than MaxAge (Registry.Fresh); the web pages read
		// the model the follower keeps.
		for _, u := range []string{srv.url + "/sessions/" + id, srv.url + "/api/v1/sessions/" + id} {
			if d, ok := seen(u); !ok {
				t.Errorf("%s: not there %v after the CLI's write\n%s", u, d, srv.logs)
			} else {
				t.Logf("%s: seen after %v", u, d)
			}
		}
	}
	// The server catches its search index up in the background too, with
	// no search asked of it, so that `csto search` beside it reads only.
	db := openSQL(t, dir)
	var indexed, head int64
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(50 * time.Millisecond) {
		if err := db.QueryRow(`SELECT (SELECT indexed FROM search_position), (SELECT max(seq) FROM events)`).Scan(&indexed, &head); err != nil {
			t.Fatal(err)
		}
		if indexed == head {
			break
		}
	}
	if indexed != head {
		t.Fatalf("the server's search index is at %d, the log at %d\n%s", indexed, head, srv.logs)
	}
	if out, _, code := run(t, dir, "search", "cli-session-2", "--json"); code != 0 || !strings.Contains(out, "cli-session-2") {
		t.Errorf("csto search beside the server: exit %d, %.300s", code, out)
	}
}

// Head is the position of the last event whoever appended it: a second
// handle on the same file sees the first one's appends at once.
func TestSQLiteHeadAcrossHandles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "csto.db")
	reader, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if h, err := reader.Head(ctx); err != nil || h != 0 {
		t.Fatalf("head of an empty log: %d %v", h, err)
	}
	mustRun(t, dir, "members") // another handle (the CLI's) loads the history
	want := int64(countEvents(t, dir))
	if h, err := reader.Head(ctx); err != nil || h != want || want == 0 {
		t.Fatalf("head after the CLI's appends: %d %v, want %d", h, err, want)
	}
}
