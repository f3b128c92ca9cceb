package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/csto/csto/registry"
)

// TestPostgresFollowerRecoversAndReports: the LISTEN/NOTIFY follower of
// `csto serve` on PostgreSQL never takes the instance down. A panic in
// its step is logged with its stack and the follower starts again (it
// then applies another process's write); an event that does not apply,
// appended behind csto's back, is reported once as making the record
// read-only, naming the event, the model stays at the events before it,
// and the follower goes on running until the server stops.
func TestPostgresFollowerRecoversAndReports(t *testing.T) {
	dir := postgresDir(t)
	mustRun(t, dir, "members")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env := &Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, Now: func() time.Time { return today }, Getenv: func(string) string { return "" }}
	a, err := open(ctx, env, &common{dataDir: dir, db: dbOf(dir), lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()

	var calls atomic.Int64
	orig := refresh
	refresh = func(ctx context.Context, a *app) (*registry.Model, error) {
		if calls.Add(1) == 1 {
			panic("a bug in the follower's step")
		}
		return orig(ctx, a)
	}
	defer func() { refresh = orig }()
	logs := &lockedWriter{w: &bytes.Buffer{}}
	log := slog.New(slog.NewTextHandler(logs, nil))
	stopped := make(chan struct{})
	go func() {
		follow(ctx, log, func(ctx context.Context) error { return followOnce(ctx, a, log) })
		close(stopped)
	}()
	within := func(what string, ok func() bool) {
		t.Helper()
		for start := time.Now(); time.Since(start) < 20*time.Second; time.Sleep(20 * time.Millisecond) {
			if ok() {
				return
			}
		}
		t.Fatalf("%s: not within 20 s; the log:\n%s", what, logs.String())
	}

	// 1. A panic: logged with its stack, the follower restarted.
	within("the panic logged", func() bool {
		s := logs.String()
		return strings.Contains(s, "follower failed; restarting it") && strings.Contains(s, "a bug in the follower") && strings.Contains(s, "goroutine")
	})
	mustRun(t, dir, "session", "convene", "--as", "secretariat", "--id", "after-the-panic", "--kind", "extraordinary")
	within("another process's write applied after the restart", func() bool { return a.reg.Model().Sessions["after-the-panic"] != nil })
	good := a.reg.Model().Seq

	// 2. An event that does not apply, appended behind csto's back.
	bypass(t, dir, fmt.Sprintf(`INSERT INTO events (seq, command_id, type, date, recorded, actor, body, prev_hash, hash)
		SELECT seq + 1, 'forged', 'operation.phase', date, recorded, actor, '{"id":"forged","type":"operation.phase","data":{"operation":"nope","phase":"deployment-start"}}', hash, 'not a hash'
		FROM events WHERE seq = %d`, good), `NOTIFY csto_events`)
	within("the bad event reported", func() bool {
		return a.reg.Degraded() != nil && strings.Contains(logs.String(), "the record is read-only")
	})
	if bad := a.reg.Degraded(); bad.Seq != good+1 {
		t.Errorf("degraded at event %d, want %d: %v", bad.Seq, good+1, bad)
	}
	if !strings.Contains(logs.String(), fmt.Sprintf("event %d", good+1)) {
		t.Errorf("the report does not name event %d:\n%s", good+1, logs.String())
	}
	if got := a.reg.Model().Seq; got != good {
		t.Errorf("the model is at event %d, want the good prefix's %d", got, good)
	}
	// 3. Still following, reported once, stopping with the server.
	n := calls.Load()
	within("the follower still running", func() bool { return calls.Load() > n+1 })
	if k := strings.Count(logs.String(), "the record is read-only"); k != 1 {
		t.Errorf("reported %d times, want once", k)
	}
	cancel()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the follower did not stop with the server")
	}
}

// String returns what was written, when the writer is a buffer.
func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b, ok := l.w.(*bytes.Buffer); ok {
		return b.String()
	}
	return ""
}
