package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// bypass lets a test alter the log as only someone bypassing csto can:
// SQLite's append-only triggers are dropped, PostgreSQL's disabled by the
// table's owner.
func bypass(t *testing.T, dir string, queries ...string) {
	t.Helper()
	db := openSQL(t, dir)
	pre := []string{`DROP TRIGGER IF EXISTS events_append_only_update`, `DROP TRIGGER IF EXISTS events_append_only_delete`}
	if dbOf(dir) != "" {
		pre = []string{`ALTER TABLE events DISABLE TRIGGER USER`}
	}
	for _, q := range append(pre, queries...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestDeletedEventDegradesTheRecord: with an event deleted from the middle
// of the log, every command still answers (from the events before the
// gap), says the record is read-only, and nothing is appended: not the
// history's "missing" commands, not a new act.
func TestDeletedEventDegradesTheRecord(t *testing.T) { onEachBackend(t, deletedEventDegradesTheRecord) }

func deletedEventDegradesTheRecord(t *testing.T, dir string) {
	mustRun(t, dir, "members")
	n := countEvents(t, dir)
	bypass(t, dir, `DELETE FROM events WHERE seq = 40`)
	out, errs, code := run(t, dir, "timeline")
	if code != 0 || !strings.Contains(errs, "read-only: event 40: ") || !strings.Contains(errs, "missing") || !strings.Contains(errs, "events 1–39") {
		t.Fatalf("members on a log with a gap: exit %d, stderr %q", code, errs)
	}
	if out == "" {
		t.Error("members printed nothing")
	}
	if got := countEvents(t, dir); got != n-1 {
		t.Fatalf("opening appended to a broken log: %d events, want %d", got, n-1)
	}
	_, errs, code = run(t, dir, "request", "consultations", "--as", "ARM", "--date", "2024-06-01", "--text", "test")
	if code == 0 || !strings.Contains(errs, "read-only") {
		t.Errorf("a write on a degraded record: exit %d, %q", code, errs)
	}
	if got := countEvents(t, dir); got != n-1 {
		t.Fatalf("a write appended to a broken log: %d events, want %d", got, n-1)
	}
}

func TestChairOfAnyYearAnswers(t *testing.T) {
	dir := sharedDir(t)
	for _, y := range []string{"1", "10", "999", "1991", "9998"} {
		if _, errs, code := run(t, dir, "chair", "--year", y); code != 0 && code != 2 {
			t.Errorf("chair --year %s: exit %d %q", y, code, errs)
		}
	}
}

// FuzzQueryFlags runs the read-only commands with fuzzed arguments on an
// initialised data directory: whatever the flags, csto answers or refuses
// in one line with exit 2 (or 1), and never panics.
func FuzzQueryFlags(f *testing.F) {
	for _, seed := range []string{
		"chair\x00--year\x001", "members\x00--at\x0019XX", "state\x00ZZZ", "timeline\x00--from\x002030\x00--to\x001990",
		"org\x00csto\x00--at\x00../..", "officers\x00--at\x000000", "sessions\x00--year\x00-1", "operation\x00nope",
		"exercises\x00--year\x0099999999999999999999", "members\x00--recorded\x00garbage", "requests\x00--lang\x00xx",
	} {
		f.Add(seed)
	}
	queries := map[string]bool{"members": true, "state": true, "timeline": true, "org": true, "chair": true, "officers": true,
		"sessions": true, "requests": true, "operations": true, "operation": true, "exercises": true}
	dir := sharedDir(f)
	mustRun(f, dir, "members")
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\x00")
		if !queries[args[0]] || !utf8.ValidString(s) {
			return
		}
		var out, errb bytes.Buffer
		env := &Env{Stdout: &out, Stderr: &errb, Now: func() time.Time { return today },
			Getenv: func(k string) string {
				if k == "CSTO_DATA_DIR" {
					return dir
				}
				return ""
			}}
		code := env.Run(context.Background(), args)
		if code != 0 && (code > 2 || strings.Count(strings.TrimSpace(errb.String()), "\n") > 0) {
			t.Fatalf("csto %q: exit %d, stderr %q", args, code, errb.String())
		}
	})
}

// TestAccountCommandsDoNotOpenTheRecord: csto user and csto token manage
// the accounts beside the log without opening (replaying) the record. On
// a log with an event deleted, which every record command reports as
// read-only, an administrator still adds, lists and disables accounts and
// creates tokens, and none of them replays the log to say so — at a
// million events a password change does not pay for a start.
func TestAccountCommandsDoNotOpenTheRecord(t *testing.T) {
	onEachBackend(t, accountCommandsDoNotOpenTheRecord)
}

func accountCommandsDoNotOpenTheRecord(t *testing.T, dir string) {
	mustRun(t, dir, "members")
	bypass(t, dir, `DELETE FROM events WHERE seq = 40`)
	if _, errs, _ := run(t, dir, "members"); !strings.Contains(errs, "read-only: event 40") {
		t.Fatalf("a record command on the broken log does not say it is read-only: %q", errs)
	}
	for _, args := range [][]string{
		{"user", "add", "clerk", "--role", "secretariat"},
		{"user", "list"},
		{"token", "create", "--user", "clerk"},
		{"user", "disable", "clerk"},
	} {
		out, errs, code := run(t, dir, args...)
		if code != 0 || strings.Contains(errs, "read-only") {
			t.Fatalf("csto %s: exit %d, stdout %q, stderr %q; want it answered without opening the record", strings.Join(args, " "), code, out, errs)
		}
	}
	if out := mustRun(t, dir, "user", "list"); !strings.Contains(out, "clerk") || !strings.Contains(out, "disabled") {
		t.Errorf("the accounts after the changes: %q", out)
	}
}
