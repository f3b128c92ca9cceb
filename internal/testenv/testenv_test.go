package testenv

import (
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records how a helper ended the test.
type recorder struct {
	testing.TB
	how, msg string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatal(args ...any) {
	r.how, r.msg = "fail", args[0].(string)
	runtime.Goexit()
}
func (r *recorder) Skip(args ...any) {
	r.how, r.msg = "skip", args[0].(string)
	runtime.Goexit()
}

// ends runs f on a recorder in its own goroutine (f may end it).
func ends(f func(tb testing.TB)) *recorder {
	r := &recorder{}
	done := make(chan struct{})
	go func() { defer close(done); f(r) }()
	<-done
	return r
}

// A missing shared file skips outside CI and fails under CI, naming the
// folder both times; a present one returns its path.
func TestSharedMissing(t *testing.T) {
	for _, ci := range []string{"", "true"} {
		t.Setenv("CI", ci)
		t.Setenv("CSTO_SHARED", t.TempDir())
		r := ends(func(tb testing.TB) { Shared(tb, "data/atop/atop5_1m.csv") })
		want := map[string]string{"": "skip", "true": "fail"}[ci]
		if r.how != want || !strings.Contains(r.msg, SharedDir()) || !strings.Contains(r.msg, "../shared") {
			t.Errorf("CI=%q: %s %q; want %s naming the folder", ci, r.how, r.msg, want)
		}
	}
	t.Setenv("CSTO_SHARED", "testdata")
	if p := Shared(t, "present.txt"); !strings.HasSuffix(p, "present.txt") {
		t.Errorf("Shared = %q", p)
	}
}

// Without a server the PostgreSQL tests skip outside CI, fail under CI,
// and say why the recipe failed when it did.
func TestPostgresMissing(t *testing.T) {
	t.Setenv("CSTO_TEST_POSTGRES", "")
	t.Setenv("CSTO_SKIP_POSTGRES", "")
	t.Setenv("CSTO_TEST_POSTGRES_ERROR", "needs root")
	for ci, want := range map[string]string{"": "skip", "true": "fail"} {
		t.Setenv("CI", ci)
		r := ends(func(tb testing.TB) { Postgres(tb) })
		if r.how != want || !strings.Contains(r.msg, ".ci/postgres.sh failed: needs root") || !strings.Contains(r.msg, PostgresRecipe) {
			t.Errorf("CI=%q: %s %q; want %s with the reason and the recipe", ci, r.how, r.msg, want)
		}
	}
	t.Setenv("CSTO_SKIP_POSTGRES", "1")
	if r := ends(func(tb testing.TB) { Postgres(tb) }); r.how != "skip" {
		t.Errorf("CSTO_SKIP_POSTGRES=1 under CI: %s, want skip", r.how)
	}
	t.Setenv("CSTO_TEST_POSTGRES", "postgres://x")
	if u := Postgres(t); u != "postgres://x" {
		t.Errorf("Postgres = %q", u)
	}
}
