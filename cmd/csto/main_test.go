package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csto/csto/edtf"
	_ "modernc.org/sqlite"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestMain lets tests run this binary as the real csto in a subprocess.
func TestMain(m *testing.M) {
	if os.Getenv("CSTO_TEST_MAIN") == "1" {
		main()
		return
	}
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	dropShared()
	os.Exit(code)
}

// today is the fixed clock of the tests.
var today = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

// run runs the CLI in-process on data directory dir (and on its
// PostgreSQL database when postgresDir made it). Its clock is today, or
// noon of the day a --date flag names: an act takes effect on the day it
// is recorded, so a test replaying a procedure of the past acts on that
// day. runAt runs it with a clock of the test's own.
func run(t testing.TB, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	now := today
	for i, a := range args {
		if a == "--date" && i+1 < len(args) {
			if d, err := edtf.Parse(args[i+1]); err == nil && d.Earliest() == d.Latest() {
				now = d.Earliest().Time().Add(12 * time.Hour)
			}
		}
	}
	return runAt(t, now, dir, args...)
}

// runAt runs the CLI in-process with its clock at now.
func runAt(t testing.TB, now time.Time, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	db := dbOf(dir)
	env := &Env{Stdout: &out, Stderr: &errb, Now: func() time.Time { return now },
		Getenv: func(k string) string {
			switch k {
			case "CSTO_DATA_DIR":
				return dir
			case "CSTO_DB":
				return db
			}
			return ""
		}}
	code = env.Run(context.Background(), args)
	return out.String(), errb.String(), code
}

// mustRun runs the CLI and fails the test unless it exits 0.
func mustRun(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, errs, code := run(t, dir, args...)
	if code != 0 {
		t.Fatalf("csto %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

// shared is one initialised data directory for read-only tests.
var shared struct {
	once sync.Once
	dir  string
}

func sharedDir(t testing.TB) string {
	shared.once.Do(func() {
		d, err := os.MkdirTemp("", "csto-cli-test")
		if err != nil {
			t.Fatal(err)
		}
		shared.dir = d
	})
	return shared.dir
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/csto -update to create it, then review it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (review the change, then -update):\n%s", path, diff(string(want), got))
	}
}

// diff shows the first differing lines.
func diff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\nwant %s\n got %s", i+1, w, g)
		}
	}
	return ""
}

func TestGoldenJSON(t *testing.T) {
	for _, backend := range backends {
		t.Run(backend, func(t *testing.T) { goldenJSON(t, sharedOn(t, backend)) })
	}
}

// goldenJSON checks the JSON answers on dir against the golden files,
// which are the same for every backend.
func goldenJSON(t *testing.T, dir string) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"members-2008-07-22", []string{"members", "--at", "2008-07-22", "--json"}},
		{"members-1993", []string{"members", "--at", "1993", "--json"}},
		{"members-1999-04-21", []string{"members", "--at", "1999-04-21", "--json"}},
		{"members-2013", []string{"members", "--at", "2013-01-01", "--json"}},
		{"members-today-ar", []string{"members", "--json", "--lang", "ar"}},
		{"members-guam-2000", []string{"members", "--org", "guam", "--at", "2000", "--json"}},
		{"state-UZB", []string{"state", "UZB", "--json"}},
		{"timeline-2022-01", []string{"timeline", "--from", "2022-01", "--to", "2022-01", "--json"}},
		{"org-csto", []string{"org", "csto", "--json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name+".json", mustRun(t, dir, tc.args...))
		})
	}
}

func TestGoldenText(t *testing.T) {
	dir := sharedDir(t)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"members-2008-07-22-en", []string{"members", "--at", "2008-07-22"}},
		{"members-2008-07-22-ar", []string{"members", "--at", "2008-07-22", "--lang", "ar"}},
		{"members-2008-07-22-ru", []string{"members", "--at", "2008-07-22", "--lang", "ru"}},
		{"timeline-1993-en", []string{"timeline", "--from", "1993", "--to", "1993"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			golden(t, tc.name+".txt", mustRun(t, dir, tc.args...))
		})
	}
}

// Arabic-Indic digits are read as the same date and year.
func TestArabicIndicDigits(t *testing.T) {
	dir := sharedDir(t)
	for _, args := range [][2][]string{
		{{"members", "--at", "٢٠٠٨-٠٧-٢٢", "--json"}, {"members", "--at", "2008-07-22", "--json"}},
		{{"chair", "--year", "٢٠٠٩", "--json"}, {"chair", "--year", "2009", "--json"}},
	} {
		if got, want := mustRun(t, dir, args[0]...), mustRun(t, dir, args[1]...); got != want {
			t.Errorf("%v answers\n%s\nnot as %v:\n%s", args[0], got, args[1], want)
		}
	}
	if _, errs, code := run(t, dir, "members", "--at", "٢٠٢٢-١٣"); code != 2 || !strings.Contains(errs, "--at: ٢٠٢٢-١٣: month 13 out of range") {
		t.Errorf("exit %d, %q; want 2 naming the input as typed", code, errs)
	}
}

func TestBadInput(t *testing.T) {
	dir := sharedDir(t)
	for _, tc := range []struct {
		name string
		args []string
		want string // in the one line on stderr
	}{
		{"ErrMonthOutOfRange", []string{"members", "--at", "2022-13-01"}, "--at: 2022-13-01: month 13 out of range"},
		{"ErrBadFrom", []string{"timeline", "--from", "1992-05-15x"}, "--from: 1992-05-15x"},
		{"ErrToBeforeFrom", []string{"timeline", "--from", "2000", "--to", "1999"}, "to: the end of the period"},
		{"ErrUnknownState", []string{"state", "XYZ"}, `state: unknown state "XYZ"`},
		{"ErrNoStateCode", []string{"state"}, "CODE"},
		{"ErrUnknownOrg", []string{"members", "--org", "nowhere"}, `org: unknown organization "nowhere"`},
		{"ErrUnknownLang", []string{"members", "--lang", "fr"}, "--lang"},
		{"ErrUnknownFlag", []string{"members", "--bogus"}, "bogus"},
		{"ErrUnknownCommand", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"ErrExtraArgument", []string{"members", "extra"}, `unexpected argument "extra"`},
		{"ErrBadRecorded", []string{"members", "--recorded", "yesterday"}, "--recorded"},
		{"ErrRecordedBeforeTheRecord", []string{"members", "--recorded", "2020-01-01"}, `--recorded: 2020-01-01: nothing about "csto" had been recorded yet at that time`},
		{"ErrNegativeLimit", []string{"timeline", "--limit", "-1"}, "--limit: -1 is negative"},
		{"ErrNegativeAfter", []string{"state", "KAZ", "--after", "-5"}, "--after: -5 is not a log position"},
		{"ErrAfterNoEntry", []string{"timeline", "--after", "5"}, "after: 5 is not the position of a timeline entry"},
		{"ErrDBSubcommand", []string{"db", "drop"}, "csto db rebuild"},
		{"ErrBadAddr", []string{"serve", "--addr", "nonsense"}, "--addr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errs, code := run(t, dir, tc.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2 (stdout %q, stderr %q)", code, out, errs)
			}
			lines := strings.Split(strings.TrimSpace(errs), "\n")
			last := lines[len(lines)-1]
			if !strings.Contains(last, tc.want) {
				t.Errorf("stderr %q; want a line containing %q", errs, tc.want)
			}
		})
	}
}

func countEvents(t *testing.T, dir string) int {
	t.Helper()
	db := openSQL(t, dir)
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM events`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFirstStartInitialisesOnce(t *testing.T) { onEachBackend(t, firstStartInitialisesOnce) }

func firstStartInitialisesOnce(t *testing.T, dir string) {
	_, errs, code := run(t, dir, "members", "--json")
	if code != 0 || !strings.Contains(errs, "initialised") {
		t.Fatalf("first start: exit %d, stderr %q; want it to report the initialisation", code, errs)
	}
	n := countEvents(t, dir)
	// An older build's snapshot file (one file, not the directory): no
	// build after it starts from it, so a start removes it, saying nothing.
	old := filepath.Join(dir, "snapshot")
	if err := os.WriteFile(old, []byte("csto snapshot 10\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errs, code = run(t, dir, "members", "--json")
	if code != 0 || errs != "" {
		t.Fatalf("second start: exit %d, stderr %q; want silence", code, errs)
	}
	if _, err := os.Stat(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the old build's snapshot file is still there: %v", err)
	}
	if m := countEvents(t, dir); m != n {
		t.Fatalf("second start changed the log from %d to %d events", n, m)
	}
}

func TestVerifyNamesTheAlteredEvent(t *testing.T) { onEachBackend(t, verifyNamesTheAlteredEvent) }

func verifyNamesTheAlteredEvent(t *testing.T, dir string) {
	mustRun(t, dir, "members") // initialise: verify only reads
	out := mustRun(t, dir, "verify")
	if !strings.HasPrefix(out, "chain intact:") {
		t.Fatalf("verify on a fresh directory: %q", out)
	}
	db := openSQL(t, dir)
	// Only someone bypassing csto alters the log: SQLite's triggers are
	// dropped, PostgreSQL's disabled by the table's owner.
	bypass := `DROP TRIGGER events_append_only_update`
	if dbOf(dir) != "" {
		bypass = `ALTER TABLE events DISABLE TRIGGER USER`
	}
	for _, q := range []string{
		bypass,
		`UPDATE events SET body = replace(body, '1992-05-15', '1991-05-15') WHERE seq = (SELECT min(seq) FROM events WHERE type = 'party.sign')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var seq int
	db.QueryRow(`SELECT min(seq) FROM events WHERE type = 'party.sign'`).Scan(&seq)
	_, errs, code := run(t, dir, "verify")
	if code != 1 {
		t.Fatalf("verify after tampering: exit %d, want 1", code)
	}
	if want := fmt.Sprintf("event %d:", seq); !strings.Contains(errs, want) {
		t.Fatalf("verify said %q; want it to name %q", errs, want)
	}
}

func TestRebuildAnswersIdentically(t *testing.T) { onEachBackend(t, rebuildAnswersIdentically) }

func rebuildAnswersIdentically(t *testing.T, dir string) {
	queries := [][]string{
		{"members", "--at", "2008-07-22", "--json"},
		{"members", "--at", "2013", "--json"},
		{"state", "ARM", "--json"},
		{"timeline", "--json"},
		{"org", "csto", "--json"},
	}
	var before []string
	for _, q := range queries {
		before = append(before, mustRun(t, dir, q...))
	}
	db := openSQL(t, dir)
	var rows int
	db.QueryRow(`SELECT count(*) FROM p_memberships`).Scan(&rows)
	for _, table := range []string{"p_memberships", "p_timeline", "p_states"} {
		if _, err := db.Exec(`DELETE FROM ` + table); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, dir, "db", "rebuild")
	var after int
	db.QueryRow(`SELECT count(*) FROM p_memberships`).Scan(&after)
	if rows == 0 || after != rows {
		t.Errorf("p_memberships had %d rows, %d after rebuild", rows, after)
	}
	for i, q := range queries {
		if got := mustRun(t, dir, q...); got != before[i] {
			t.Errorf("csto %s answers differently after rebuild:\n%s", strings.Join(q, " "), diff(before[i], got))
		}
	}
}

// TestTwoProcessesOnOneEmptyDirectory starts two real csto processes on
// the same empty data directory (or PostgreSQL database) at once: both
// must succeed, and the log must hold the history once, with an intact
// chain.
func TestTwoProcessesOnOneEmptyDirectory(t *testing.T) {
	onEachBackend(t, twoProcessesOnOneEmptyDirectory)
}

func twoProcessesOnOneEmptyDirectory(t *testing.T, dir string) {
	var wg sync.WaitGroup
	outs := make([]string, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "members", "--json", "--at", "2008-07-22")
			cmd.Env = subprocessEnv(dir)
			var out, errb bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &errb
			errs[i] = cmd.Run()
			outs[i] = out.String()
			if errs[i] != nil {
				errs[i] = fmt.Errorf("%v: %s", errs[i], errb.String())
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("process %d: %v", i, err)
		}
	}
	if outs[0] != outs[1] {
		t.Errorf("the two processes answered differently:\n%s", diff(outs[0], outs[1]))
	}
	single := t.TempDir()
	mustRun(t, single, "members")
	if a, b := countEvents(t, dir), countEvents(t, single); a != b {
		t.Errorf("two concurrent first starts wrote %d events; one start writes %d", a, b)
	}
	mustRun(t, dir, "verify")
}
