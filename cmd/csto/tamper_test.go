package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/csto/csto"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/sqlite"
)

// The tamper suite: each way someone with write access to the database
// could bend the log, on both backends. For each, csto verify (the
// auditor, read-only) exits 1 naming what is wrong, and no command
// crashes on the tampered log. docs/SECURITY.md reports the figures.

// tamperCase alters an initialised log and says what verify must report:
// plain (without a checkpoint) and with the checkpoint saved before.
type tamperCase struct {
	name   string
	alter  func(t *testing.T, dir string, first int64)
	plain  string // "" when only a saved checkpoint can tell (exit 0 without it)
	withCP string
}

var tamperCases = []tamperCase{
	{"altered text", func(t *testing.T, dir string, k int64) {
		bypass(t, dir, fmt.Sprintf(`UPDATE events SET body = replace(body, '"en":"', '"en":"Not ') WHERE seq = %d`, k))
	}, "chain broken at event %[1]d: content", "chain broken at event %[1]d: content"},
	{"altered reference", func(t *testing.T, dir string, k int64) {
		bypass(t, dir, fmt.Sprintf(`UPDATE events SET body = replace(body, '"state":"RUS"', '"state":"ARM"') WHERE seq = %d`, k))
	}, "chain broken at event %[1]d: content", "chain broken at event %[1]d: content"},
	{"deletion", func(t *testing.T, dir string, k int64) {
		bypass(t, dir, fmt.Sprintf(`DELETE FROM events WHERE seq = %d`, k))
	}, "chain broken at event %[1]d: missing", "chain broken at event %[1]d: missing"},
	{"reordering", func(t *testing.T, dir string, k int64) {
		bypass(t, dir,
			fmt.Sprintf(`UPDATE events SET seq = 1000000000 WHERE seq = %d`, k),
			fmt.Sprintf(`UPDATE events SET seq = %d WHERE seq = %d`, k, k+1),
			fmt.Sprintf(`UPDATE events SET seq = %d WHERE seq = 1000000000`, k+1))
	}, "chain broken at event %[1]d: previous-hash link", "chain broken at event %[1]d: previous-hash link"},
	{"insertion", func(t *testing.T, dir string, k int64) {
		bypass(t, dir,
			`UPDATE events SET seq = seq + 1000000000 WHERE seq >= `+fmt.Sprint(k),
			`UPDATE events SET seq = seq - 1000000000 + 1 WHERE seq >= 1000000000`,
			fmt.Sprintf(`INSERT INTO events (seq, command_id, type, date, earliest, latest, recorded, actor, body, prev_hash, hash)
				SELECT %d, 'forged', type, date, earliest, latest, recorded, actor, body, prev_hash, hash FROM events WHERE seq = %d`, k, k+1))
	}, "chain broken at event %[1]d: content", "chain broken at event %[1]d: content"},
	{"truncation", func(t *testing.T, dir string, k int64) {
		bypass(t, dir, fmt.Sprintf(`DELETE FROM events WHERE seq >= %d`, k))
	}, "truncated: the tree stored beside the log holds more", "truncated: the tree stored beside the log holds more"},
	{"truncation of the log and its tree", func(t *testing.T, dir string, k int64) {
		// The tree cut to the shorter log too: only a saved checkpoint tells.
		bypass(t, dir, fmt.Sprintf(`DELETE FROM events WHERE seq >= %d`, k),
			fmt.Sprintf(`DELETE FROM tree_hashes WHERE idx >= %d`, tlog.StoredHashIndex(0, k-1)))
	}, "", "truncated: the log has %[2]d events, the checkpoint"},
	{"forged event appended", func(t *testing.T, dir string, k int64) {
		appendForged(t, dir)
	}, "the tree stored beside the log lacks events", "the tree stored beside the log lacks events"},
	{"edit with the whole chain and tree recomputed", func(t *testing.T, dir string, k int64) {
		bypass(t, dir, fmt.Sprintf(`UPDATE events SET body = replace(body, '"en":"', '"en":"Not ') WHERE seq = %d`, k))
		rechain(t, dir, k)
		bypass(t, dir, `DELETE FROM tree_hashes`)
		mustRun(t, dir, "db", "rebuild")
	}, "", "rewritten: the log's first %[3]d events are not those the checkpoint"},
}

func TestTamperSuite(t *testing.T) {
	for _, tc := range tamperCases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			onEachBackend(t, func(t *testing.T, dir string) { tamper(t, dir, tc) })
		})
	}
}

func tamper(t *testing.T, dir string, tc tamperCase) {
	mustRun(t, dir, "members")
	cp := mustRun(t, dir, "checkpoint")
	cpFile := filepath.Join(t.TempDir(), "checkpoint")
	if err := os.WriteFile(cpFile, []byte(cp), 0o644); err != nil {
		t.Fatal(err)
	}
	total := int64(countEvents(t, dir))
	var k int64 // the first contingent: an event that refers to others
	openSQL(t, dir).QueryRow(`SELECT min(seq) FROM events WHERE type = 'operation.contingent' AND body LIKE '%"state":"RUS"%'`).Scan(&k)
	if k == 0 {
		t.Fatal("no contingent of Russia in the history")
	}
	tc.alter(t, dir, k)
	before := dbState(t, dir)
	for _, v := range []struct {
		args []string
		want string
	}{
		{[]string{"verify"}, tc.plain},
		{[]string{"verify", "--checkpoint", cpFile}, tc.withCP},
	} {
		_, errs, code := run(t, dir, v.args...)
		if v.want == "" {
			if code != 0 {
				t.Errorf("%v: exit %d %q; an undetectable case without a checkpoint", v.args, code, errs)
			}
			continue
		}
		want := v.want
		if strings.Contains(want, "%") {
			want = fmt.Sprintf(want, k, k-1, total)
		}
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("%v after %s: exit %d, %q; want exit 1 saying %q", v.args, tc.name, code, errs, want)
		}
	}
	if after := dbState(t, dir); after != before {
		t.Errorf("verify wrote to the database: %s → %s", before, after)
	}
	// No command crashes on the tampered log; it answers (from the good
	// prefix, saying so) or refuses in one line.
	for _, q := range [][]string{{"members"}, {"timeline"}, {"state", "RUS"}, {"operations"}, {"checkpoint"}} {
		if _, errs, code := run(t, dir, q...); code > 2 || strings.Count(strings.TrimSpace(errs), "\n") > 1 {
			t.Errorf("%v on a tampered log: exit %d %q", q, code, errs)
		}
	}
}

// dbState sums up what verify must not change: the events and the tree.
func dbState(t *testing.T, dir string) string {
	t.Helper()
	var n, m int
	var last string
	db := openSQL(t, dir)
	db.QueryRow(`SELECT count(*), coalesce(max(hash), '') FROM events`).Scan(&n, &last)
	db.QueryRow(`SELECT count(*) FROM tree_hashes`).Scan(&m)
	return fmt.Sprintf("%d events (%s), %d tree hashes", n, last, m)
}

// openStore opens dir's store as csto does, for tests that forge rows.
func openStore(t *testing.T, dir string) csto.Store {
	t.Helper()
	ctx := context.Background()
	var (
		st  csto.Store
		err error
	)
	if u := dbOf(dir); u != "" {
		st, err = postgres.Open(ctx, u)
	} else {
		st, err = sqlite.Open(ctx, filepath.Join(dir, "csto.db"))
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func storedEvents(t *testing.T, st csto.Store) []csto.Event {
	var evs []csto.Event
	if err := st.Events(context.Background(), 0, func(e csto.Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return evs
}

// appendForged appends a copy of the last event under a new ID, chained
// correctly, without its tree hashes: a row added behind csto's back.
func appendForged(t *testing.T, dir string) {
	evs := storedEvents(t, openStore(t, dir))
	e := evs[len(evs)-1]
	e.Seq, e.CommandID, e.PrevHash = e.Seq+1, "forged", e.Hash
	e.Hash = e.ComputeHash()
	insertRow(t, dir, e)
}

// rechain recomputes the links and hashes from event k on, as someone
// covering an edit would.
func rechain(t *testing.T, dir string, k int64) {
	evs := storedEvents(t, openStore(t, dir))
	db := openSQL(t, dir)
	prev := evs[k-2].Hash
	for _, e := range evs[k-1:] {
		e.PrevHash = prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
		q := `UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?`
		if dbOf(dir) != "" {
			q = `UPDATE events SET prev_hash = $1, hash = $2 WHERE seq = $3`
		}
		if _, err := db.Exec(q, e.PrevHash, e.Hash, e.Seq); err != nil {
			t.Fatal(err)
		}
	}
}

func insertRow(t *testing.T, dir string, e csto.Event) {
	t.Helper()
	q := `INSERT INTO events (seq, command_id, type, date, recorded, actor, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
	rec := any(e.Recorded.Format("2006-01-02T15:04:05.999999999Z07:00"))
	if dbOf(dir) != "" {
		q = `INSERT INTO events (seq, command_id, type, date, recorded, actor, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`
		rec = e.Recorded
	}
	if _, err := openSQL(t, dir).Exec(q, e.Seq, e.CommandID, e.Type, e.Date.String(), rec, e.Actor, string(e.Body), e.PrevHash, e.Hash); err != nil {
		t.Fatal(err)
	}
}
