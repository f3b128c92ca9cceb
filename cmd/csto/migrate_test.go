package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/service"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/sqlite"
)

// credentials are secrets issued on a migration's source, to be tried
// on its target.
type credentials struct {
	token, session, password string
}

// migrationSource builds a SQLite data directory as a deployment would
// have it — the history, requests filed, accounts with a token and a web
// session, a saved batch of import drafts — with the store's clock set to
// clock.
func migrationSource(t *testing.T, clock func() time.Time) (string, credentials) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	// The store stamps the recorded times, as csto did before the
	// registry carried the clock, so a clock with nanoseconds makes the
	// log an older csto wrote.
	st.Now = clock
	reg, err := registry.Open(ctx, storeClock{st})
	if err != nil {
		t.Fatal(err)
	}
	reg.Now = clock // the requests' day
	if _, err := dataset.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	svc := service.New(reg)
	for _, state := range []string{"KGZ", "KAZ"} {
		if _, err := svc.FileRequest(ctx, csto.Actor{Role: csto.RoleDelegate, State: state, Account: "delegate-" + strings.ToLower(state)},
			csto.English, service.RequestInput{Kind: "consultations"}); err != nil {
			t.Fatal(err)
		}
	}
	acc, err := account.Open(ctx, st.DB(), account.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	acc.Params = account.Params{Memory: 1024, Time: 1, Threads: 1}
	cred := credentials{password: "a long enough password"}
	for _, a := range []struct {
		name  string
		role  csto.Role
		state string
	}{{"admin", csto.RoleAdmin, ""}, {"secretariat", csto.RoleSecretariat, ""}, {"delegate-kgz", csto.RoleDelegate, "KGZ"}} {
		if _, err := acc.Add(ctx, a.name, a.role, a.state, cred.password); err != nil {
			t.Fatal(err)
		}
	}
	if cred.token, _, err = acc.CreateToken(ctx, "delegate-kgz", 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, meta, err := acc.CreateToken(ctx, "secretariat", 24*time.Hour); err != nil {
		t.Fatal(err)
	} else if err := acc.RevokeToken(ctx, meta.ID); err != nil {
		t.Fatal(err)
	}
	if cred.session, _, err = acc.CreateSession(ctx, "secretariat", 12*time.Hour); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := os.Stat(seedArticle); err == nil { // the drafts' tables, when ../shared is there
		mustRun(t, dir, "import", "article", seedArticle, "--source-date", "2022-01-06", "--save", "--as", "secretariat", "--text-lang", "ar")
	}
	return dir, cred
}

// storeClock is a store whose own clock stamps the recorded time of
// every event appended, whatever the registry's.
type storeClock struct{ csto.Store }

func (s storeClock) Append(ctx context.Context, after int64, fn csto.AppendFunc) ([]csto.Event, error) {
	return s.Store.Append(ctx, after, func(tail []csto.Event) ([]csto.Event, csto.Projection, error) {
		evs, p, err := fn(tail)
		for i := range evs {
			evs[i].Recorded = time.Time{}
		}
		return evs, p, err
	})
}

// microseconds is a clock of whole microseconds, as PostgreSQL keeps them.
func microseconds() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// nanoseconds is a clock with digits beyond the microsecond.
func nanoseconds() time.Time { return time.Date(2026, 11, 1, 9, 30, 0, 123456789, time.UTC) }

// allEvents reads a log whole.
func allEvents(t *testing.T, s csto.Store) []csto.Event {
	t.Helper()
	var evs []csto.Event
	if err := s.Events(context.Background(), 0, func(e csto.Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return evs
}

func sourceEvents(t *testing.T, dir string) []csto.Event {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(dir, "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return allEvents(t, s)
}

func targetEvents(t *testing.T, dbURL string) []csto.Event {
	t.Helper()
	s, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return allEvents(t, s)
}

// TestMigrateCopiesTheLogVerbatim migrates a SQLite deployment whose
// recorded times are whole microseconds: the PostgreSQL log is the same
// event for event (positions, IDs, bodies, recorded times, hashes), the
// projections are rebuilt, every query answers byte for byte as before,
// the accounts' passwords, tokens and sessions work on the target, new
// accounts get fresh ids, and a second migration into it is refused.
func TestMigrateCopiesTheLogVerbatim(t *testing.T) {
	src, cred := migrationSource(t, microseconds)
	target := postgresDir(t)
	dbURL := dbOf(target)

	out := mustRun(t, src, "migrate", "--from", "sqlite:"+src, "--to", dbURL)
	if !strings.Contains(out, "copied verbatim") || !strings.Contains(out, "accounts: 3 rows") || !strings.Contains(out, "tokens: 2 rows") ||
		!strings.Contains(out, "web_sessions: 1 rows") {
		t.Errorf("migrate said:\n%s", out)
	}
	if strings.Contains(out, "csto:csto@") {
		t.Errorf("migrate printed the password of the target's URL:\n%s", out)
	}

	// The log, event for event.
	want, got := sourceEvents(t, src), targetEvents(t, dbURL)
	if len(got) != len(want) {
		t.Fatalf("target has %d events, source %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.Seq != w.Seq || g.CommandID != w.CommandID || g.Type != w.Type || g.Date.String() != w.Date.String() ||
			!g.Recorded.Equal(w.Recorded) || g.Actor != w.Actor || string(g.Body) != string(w.Body) || g.PrevHash != w.PrevHash || g.Hash != w.Hash {
			t.Fatalf("event %d differs:\nsource %+v\ntarget %+v", w.Seq, w, g)
		}
	}
	if a, b := mustRun(t, src, "verify"), mustRun(t, target, "verify"); a != b {
		t.Errorf("verify: source %q, target %q", a, b)
	}

	// Projections rebuilt, queries identical.
	for _, table := range []string{"p_sources", "p_states", "p_orgs", "p_timeline", "p_memberships"} {
		var a, b int
		openSQL(t, src).QueryRow(`SELECT count(*) FROM ` + table).Scan(&a)
		openSQL(t, target).QueryRow(`SELECT count(*) FROM ` + table).Scan(&b)
		if a == 0 || a != b {
			t.Errorf("%s: %d rows on the source, %d on the target", table, a, b)
		}
	}
	for _, q := range [][]string{
		{"members", "--at", "2008-07-22", "--json"},
		// As recorded at the last event: not time.Now in whole seconds,
		// which can fall before a record written within the same second.
		{"members", "--recorded", want[len(want)-1].Recorded.UTC().Format(time.RFC3339Nano), "--json"},
		{"state", "ARM", "--json"},
		{"timeline", "--json"},
		{"org", "csto", "--json"},
		{"requests", "--json"},
		{"user", "list", "--json"},
		{"token", "list", "--json"},
		{"drafts", "list", "--json"},
	} {
		if a, b := mustRun(t, src, q...), mustRun(t, target, q...); a != b {
			t.Errorf("csto %s answers differently after the migration:\n%s", strings.Join(q, " "), diff(a, b))
		}
	}

	// Credentials issued on the source work on the target.
	ctx := context.Background()
	acc, err := account.Open(ctx, openSQL(t, target), account.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	acc.Params = account.Params{Memory: 1024, Time: 1, Threads: 1}
	if a, err := acc.TokenAccount(ctx, cred.token); err != nil || a.Name != "delegate-kgz" {
		t.Errorf("the source's token on the target: %v %v", a.Name, err)
	}
	if s, err := acc.SessionBySecret(ctx, cred.session); err != nil || s.Account.Name != "secretariat" {
		t.Errorf("the source's web session on the target: %v", err)
	}
	if _, err := acc.Authenticate(ctx, "admin", cred.password); err != nil {
		t.Errorf("the source's password on the target: %v", err)
	}
	// Ids continue after the copied ones.
	mustRun(t, target, "user", "add", "newcomer", "--role", "secretariat")
	mustRun(t, target, "token", "create", "--user", "newcomer")

	// A target that is not empty is refused, and left as it was.
	before := countEvents(t, target)
	_, errs, code := run(t, src, "migrate", "--from", "sqlite:"+src, "--to", dbURL)
	if code != 2 || !strings.Contains(errs, "csto migrate: --to: the target is not empty (events holds") {
		t.Errorf("second migration: exit %d, %q; want exit 2 naming --to", code, errs)
	}
	if n := countEvents(t, target); n != before {
		t.Errorf("the refused migration changed the target from %d to %d events", before, n)
	}
}

// TestMigrateRefusesATargetWithAccounts: a database where csto only
// created accounts is not empty either.
func TestMigrateRefusesATargetWithAccounts(t *testing.T) {
	src, _ := migrationSource(t, microseconds)
	target := postgresDir(t)
	ctx := context.Background()
	if _, err := postgres.Open(ctx, dbOf(target)); err != nil {
		t.Fatal(err)
	}
	acc, err := account.Open(ctx, openSQL(t, target), account.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	acc.Params = account.Params{Memory: 1024, Time: 1, Threads: 1}
	if _, err := acc.Add(ctx, "someone", csto.RoleAdmin, "", "a long enough password"); err != nil {
		t.Fatal(err)
	}
	_, errs, code := run(t, src, "migrate", "--from", "sqlite:"+src, "--to", dbOf(target))
	if code != 2 || !strings.Contains(errs, "--to: the target is not empty (accounts holds 1 rows)") {
		t.Errorf("exit %d, %q; want exit 2: accounts not empty", code, errs)
	}
	if n := countEvents(t, target); n != 0 {
		t.Errorf("the refused migration wrote %d events", n)
	}
}

// TestMigrateNanosecondRecordedTimes: a log recorded with nanoseconds
// would not verify on PostgreSQL, which keeps microseconds. migrate
// refuses it, naming the first such event, and writes nothing; with
// --rehash it copies it with the times truncated and a recomputed chain,
// the same events otherwise, and says both heads.
func TestMigrateNanosecondRecordedTimes(t *testing.T) {
	src, _ := migrationSource(t, nanoseconds)
	target := postgresDir(t)
	dbURL := dbOf(target)
	_, errs, code := run(t, src, "migrate", "--from", "sqlite:"+src, "--to", dbURL)
	if code != 2 || !strings.Contains(errs, "csto migrate: --from: event 1 was recorded at 2026-11-01T09:30:00.123456789Z") ||
		!strings.Contains(errs, "--rehash") {
		t.Fatalf("exit %d, %q; want exit 2 naming event 1, its time and --rehash", code, errs)
	}
	var tables int
	openSQL(t, target).QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&tables)
	if tables != 0 {
		t.Errorf("the refused migration created %d tables", tables)
	}

	out := mustRun(t, src, "migrate", "--from", "sqlite:"+src, "--to", dbURL, "--rehash")
	want, got := sourceEvents(t, src), targetEvents(t, dbURL)
	if !strings.Contains(out, "truncated to the microsecond") || !strings.Contains(out, "head "+got[len(got)-1].Hash) ||
		!strings.Contains(out, "the source's head is "+want[len(want)-1].Hash) {
		t.Errorf("migrate --rehash said:\n%s", out)
	}
	if len(got) != len(want) {
		t.Fatalf("target has %d events, source %d", len(got), len(want))
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.Seq != w.Seq || g.CommandID != w.CommandID || string(g.Body) != string(w.Body) || g.Actor != w.Actor ||
			!g.Recorded.Equal(w.Recorded.Truncate(time.Microsecond)) || g.Hash == w.Hash {
			t.Fatalf("event %d: source %s %s %s, target %s %s %s", w.Seq, w.CommandID, w.Recorded.Format(time.RFC3339Nano), w.Hash,
				g.CommandID, g.Recorded.Format(time.RFC3339Nano), g.Hash)
		}
	}
	if out := mustRun(t, target, "verify"); !strings.HasPrefix(out, fmt.Sprintf("chain intact: %d events", len(want))) {
		t.Errorf("verify on the target: %q", out)
	}
	for _, q := range [][]string{{"members", "--at", "2008-07-22", "--json"}, {"timeline", "--json"}, {"requests", "--json"}} {
		if a, b := mustRun(t, src, q...), mustRun(t, target, q...); a != b {
			t.Errorf("csto %s answers differently after the migration:\n%s", strings.Join(q, " "), diff(a, b))
		}
	}
}

// TestMigrateBadInput: bad arguments and unusable sources are refused
// with one line naming the argument, before anything is written (the
// target URLs here lead nowhere: nothing connects to them).
func TestMigrateBadInput(t *testing.T) {
	nowhere := "postgres://csto:secret@127.0.0.1:1/nowhere"
	good := t.TempDir()
	mustRun(t, good, "members")
	notSQLite := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(notSQLite, []byte("not a database at all, just some text that is long enough to look like one"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir() // a SQLite database of something else
	if _, err := openSQL(t, other).Exec(`CREATE TABLE things (x)`); err != nil {
		t.Fatal(err)
	}
	broken := t.TempDir()
	mustRun(t, broken, "members")
	bdb := openSQL(t, broken)
	for _, q := range []string{`DROP TRIGGER events_append_only_update`, `UPDATE events SET actor = 'mallory' WHERE seq = 7`} {
		if _, err := bdb.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	nanos, _ := migrationSource(t, nanoseconds)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"ErrNoFrom", []string{"--to", nowhere}, 2, "csto migrate: --from: required"},
		{"ErrFromWithoutScheme", []string{"--from", good, "--to", nowhere}, 2, "csto migrate: --from: " + fmt.Sprintf("%q", good) + " is not sqlite:PATH"},
		{"ErrFromMissing", []string{"--from", "sqlite:" + filepath.Join(good, "nothing"), "--to", nowhere}, 2, "csto migrate: --from: stat"},
		{"ErrFromNotSQLite", []string{"--from", "sqlite:" + notSQLite, "--to", nowhere}, 2, "csto migrate: --from: " + notSQLite + " is not a SQLite database"},
		{"ErrFromNotCsto", []string{"--from", "sqlite:" + other, "--to", nowhere}, 2, "csto migrate: --from: " + filepath.Join(other, "csto.db") + " is not a csto database"},
		{"ErrNoTo", []string{"--from", "sqlite:" + good}, 2, "csto migrate: --to: required"},
		{"ErrToNotPostgres", []string{"--from", "sqlite:" + good, "--to", "mysql://csto:secret@db/csto"}, 2, `csto migrate: --to: "mysql://csto:xxxxx@db/csto" is not a postgres:// URL`},
		{"ErrExtraArgument", []string{"--from", "sqlite:" + good, "--to", nowhere, "now"}, 2, `csto migrate: unexpected argument "now"`},
		{"ErrBrokenChain", []string{"--from", "sqlite:" + broken, "--to", nowhere}, 1, "csto migrate: --from: chain broken at event 7: content does not match its hash"},
		{"ErrNanoseconds", []string{"--from", "sqlite:" + nanos, "--to", nowhere}, 2, "csto migrate: --from: event 1 was recorded at 2026-11-01T09:30:00.123456789Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := run(t, t.TempDir(), append([]string{"migrate"}, tc.args...)...)
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			if code != tc.code || len(lines) != 1 || !strings.HasPrefix(lines[0], tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and one line starting %q", code, out, errs, tc.code, tc.want)
			}
			if strings.Contains(errs, "secret") {
				t.Errorf("the message shows a password: %q", errs)
			}
		})
	}
}
