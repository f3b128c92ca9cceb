package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// TestUserDisableEnableDelete: disabling ends an account's sessions and
// revokes its tokens at once; enabling does not revive them; deleting
// keeps the name taken; bad input is one line and exit 2.
func TestUserDisableEnableDelete(t *testing.T) {
	dir := t.TempDir()
	mustRun(t, dir, "user", "add", "delegate-kgz", "--role", "delegate", "--state", "KGZ")
	tok := mustRun(t, dir, "token", "create", "--user", "delegate-kgz", "--json")
	if !strings.Contains(tok, `"token"`) {
		t.Fatalf("token create: %s", tok)
	}
	if out := mustRun(t, dir, "user", "disable", "delegate-kgz"); !strings.Contains(out, "disabled delegate-kgz") {
		t.Errorf("disable: %q", out)
	}
	if out := mustRun(t, dir, "user", "list"); !strings.Contains(out, "disabled") {
		t.Errorf("user list does not show the account disabled:\n%s", out)
	}
	if out := mustRun(t, dir, "token", "list", "--user", "delegate-kgz"); !strings.Contains(out, "revoked") || strings.Contains(out, "active") {
		t.Errorf("tokens after disable:\n%s", out)
	}
	mustRun(t, dir, "user", "enable", "delegate-kgz")
	if out := mustRun(t, dir, "token", "list", "--user", "delegate-kgz"); strings.Contains(out, "active") {
		t.Errorf("enable revived a token:\n%s", out)
	}
	mustRun(t, dir, "user", "delete", "delegate-kgz")
	for _, args := range [][]string{
		{"user", "add", "delegate-kgz", "--role", "delegate", "--state", "KGZ"},
		{"user", "disable", "nobody"},
		{"user", "delete"},
		{"user", "frobnicate", "x"},
	} {
		out, errs, code := run(t, dir, args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("csto %s: exit %d, stdout %q, stderr %q; want exit 2 and one line", strings.Join(args, " "), code, out, errs)
		}
	}
}

// TestDemoRevokesItsEarlierTokens: every `serve --demo` start leaves one
// live token per demo account, not one more each time.
func TestDemoRevokesItsEarlierTokens(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	env := &Env{Stdout: io.Discard, Stderr: io.Discard, Now: func() time.Time { return today },
		Getenv: func(k string) string {
			if k == "CSTO_DATA_DIR" {
				return dir
			}
			return ""
		}}
	for range 3 {
		var c common
		fs := newFlagSet(env, "test")
		c.register(fs, env, false)
		fs.Parse(nil)
		a, err := open(ctx, env, &c)
		if err != nil {
			t.Fatal(err)
		}
		a.accounts.Params.Memory, a.accounts.Params.Time = 1024, 1
		var out bytes.Buffer
		env.Stdout = &out
		if err := demoAccounts(ctx, env, a); err != nil {
			t.Fatal(err)
		}
		a.Close()
	}
	out := mustRun(t, dir, "token", "list")
	if n, m := strings.Count(out, "active"), strings.Count(out, "delegate-kaz"); n == 0 || m != 3 || strings.Count(out, "secretariat") != 3 {
		t.Fatalf("token list after three demo starts:\n%s", out)
	}
	for _, name := range []string{"delegate-kaz", "secretariat"} {
		var live int
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, " "+name+" ") && strings.Contains(l, "active") {
				live++
			}
		}
		if live != 1 {
			t.Errorf("%s has %d live tokens after three demo starts; want 1", name, live)
		}
	}
}

// TestPanicExitsOneWithItsStack: a panic is a bug, not bad input: exit 1
// (the runtime's 2 would read as bad input), with the stack on stderr.
func TestPanicExitsOneWithItsStack(t *testing.T) {
	commands["test-panic"] = command{"panics", func(context.Context, *Env, []string) error { panic("boom") }}
	defer delete(commands, "test-panic")
	_, errs, code := run(t, t.TempDir(), "test-panic")
	if code != 1 || !strings.Contains(errs, "panic: boom") || !strings.Contains(errs, "accounts_test.go") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 with the panic and its stack", code, errs)
	}
}
