package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto/store/postgres"
)

// TestQueriesDoNotWaitForAWriter: while another process holds the store's
// write lock in a long transaction — here the test process, as a long
// import would — the CLI's queries, each a process of its own, answer
// from the committed log without waiting for it (openRead: no migration,
// no write transaction, no lock), and the writer then commits. Before,
// every query opened through the writer's path (migrations in immediate
// transactions, the history check) and waited for the lock: on SQLite
// busy_timeout's 10 s and then "database is busy", on PostgreSQL for as
// long as the lock was held. A generous deadline turns such a wait into a
// failure rather than a hung test; nothing is timed.
func TestQueriesDoNotWaitForAWriter(t *testing.T) { onEachBackend(t, queriesDoNotWaitForAWriter) }

func queriesDoNotWaitForAWriter(t *testing.T, dir string) {
	mustRun(t, dir, "members")          // initialise the directory: the one write a query may cause
	mustRun(t, dir, "search", "Rubezh") // and index the log (csto serve keeps the index caught up)
	mustRun(t, dir, "drafts", "list")   // and make the draft tables
	ctx := context.Background()
	db := openSQL(t, dir)
	if _, err := db.ExecContext(ctx, `CREATE TABLE scratch (n integer)`); err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// The write lock, held until the end of the test.
	if dbOf(dir) == "" {
		_, err = conn.ExecContext(ctx, `BEGIN IMMEDIATE`)
	} else {
		_, err = conn.ExecContext(ctx, `BEGIN`)
		if err == nil {
			// The log's lock, and the lock csto takes to migrate (store/postgres:
			// migrateLock), which every open of the store used to take.
			_, err = conn.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1), pg_advisory_xact_lock($2)`, postgres.WriteLock, int64(0x6373746f_00000002))
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, `INSERT INTO scratch VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"members", "--at", "2008-07-22"}, "UZB"},
		{[]string{"state", "KAZ", "--json"}, `"KAZ"`},
		{[]string{"timeline", "--from", "2022-01", "--to", "2022-01"}, "2022-01"},
		{[]string{"org", "csto"}, "CSTO"},
		{[]string{"chair", "--year", "2022"}, "2022"},
		{[]string{"export", "member", "--source", "curated"}, "9220"},
		{[]string{"sources", "check", "--json"}, "{"},
		{[]string{"search", "اوزبكستان", "--lang", "ar", "--json"}, `"UZB"`},
		{[]string{"drafts", "list", "--json"}, "["},
	} {
		t.Run(tc.args[0], func(t *testing.T) {
			cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(cctx, os.Args[0], tc.args...)
			cmd.Env = subprocessEnv(dir)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil && tc.args[0] != "sources" { // sources check exits 1 on weak sources; its output counts
				t.Fatalf("csto %s while another process holds the write lock: %v\n%s", strings.Join(tc.args, " "), err, stderr.String())
			}
			if !strings.Contains(string(out), tc.want) || strings.Contains(stderr.String(), "busy") {
				t.Errorf("csto %s: output lacks %q; stderr %q\n%.300s", strings.Join(tc.args, " "), tc.want, stderr.String(), out)
			}
		})
	}
	if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
		t.Fatalf("the writer's commit after the queries: %v", err)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM scratch`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the writer's row: %d %v", n, err)
	}
}

// A search after commands appended events without a server (the index
// behind the log) indexes them first, through the writer's path once:
// what was just written is found, and the next search reads only.
func TestSearchAfterAWrite(t *testing.T) { onEachBackend(t, searchAfterAWrite) }

func searchAfterAWrite(t *testing.T, dir string) {
	mustRun(t, dir, "search", "Rubezh")
	mustRun(t, dir, "request", "consultations", "--as", "KAZ", "--date", "2026-11-28", "--text", "Consultations on the Zanzibarite border question")
	if out := mustRun(t, dir, "search", "Zanzibarite", "--json"); !strings.Contains(out, "Zanzibarite") {
		t.Fatalf("the request just filed is not found: %.300s", out)
	}
	db := openSQL(t, dir)
	var indexed, head int64
	if err := db.QueryRow(`SELECT indexed FROM search_position`).Scan(&indexed); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT max(seq) FROM events`).Scan(&head); err != nil {
		t.Fatal(err)
	}
	if indexed != head {
		t.Fatalf("the index is at %d, the log at %d", indexed, head)
	}
}
