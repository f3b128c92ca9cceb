package account_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
)

func TestLimiterReservesBeforeTheCheck(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := account.NewLimiter(func() time.Time { return now })
	p := account.Policy{Free: 3, Base: time.Second, Max: 8 * time.Second, Forget: time.Hour}
	lim := account.Limit{Key: "name:x", Policy: p}
	// Three attempts in flight at once use the three free ones; a fourth
	// is refused before any of them has ended.
	var rs []*account.Reservation
	for i := range 3 {
		r, wait := l.Reserve(lim)
		if r == nil {
			t.Fatalf("attempt %d refused (wait %v)", i+1, wait)
		}
		rs = append(rs, r)
	}
	if r, wait := l.Reserve(lim); r != nil || wait <= 0 {
		t.Fatalf("fourth attempt in flight admitted (wait %v)", wait)
	}
	for _, r := range rs {
		r.Fail()
	}
	// Then the delay doubles with each failure and stops at Max.
	for i, want := range []time.Duration{1, 2, 4, 8, 8} {
		want *= time.Second
		if r, wait := l.Reserve(lim); r != nil || wait != want {
			t.Fatalf("after %d failures: reservation %v, wait %v; want %v", 3+i, r != nil, wait, want)
		}
		now = now.Add(want)
		r, _ := l.Reserve(lim)
		if r == nil {
			t.Fatalf("after waiting %v: refused", want)
		}
		if r2, _ := l.Reserve(lim); r2 != nil {
			t.Fatal("a delayed key admitted two attempts in flight")
		}
		r.Fail()
	}
	// A cancelled attempt counts nothing; a success forgets the name's
	// failures but not an address's.
	now = now.Add(8 * time.Second)
	addr := account.Limit{Key: "ip:192.0.2.1", Policy: account.Policy{Free: 10, Base: time.Second, Max: time.Minute, Forget: time.Hour}}
	r, _ := l.Reserve(lim, addr)
	r.Cancel()
	if l.Failures("name:x") != 8 || l.Failures("ip:192.0.2.1") != 0 {
		t.Fatalf("after a cancel: %d, %d failures", l.Failures("name:x"), l.Failures("ip:192.0.2.1"))
	}
	r, _ = l.Reserve(addr)
	r.Fail()
	r, _ = l.Reserve(lim, addr)
	r.Succeed()
	if l.Failures("name:x") != 0 || l.Failures("ip:192.0.2.1") != 1 {
		t.Fatalf("after a success: %d, %d failures", l.Failures("name:x"), l.Failures("ip:192.0.2.1"))
	}
	// Failures are forgotten Forget after the last.
	for range 3 {
		r, _ := l.Reserve(lim)
		r.Fail()
	}
	now = now.Add(time.Hour + time.Second)
	if r, _ := l.Reserve(lim); r == nil {
		t.Fatal("failures an hour old still count")
	}
}

func TestPolicyMeetsASVS(t *testing.T) {
	// ASVS 4.0.3 V2.2.1: no more than 100 failed attempts an hour on one
	// account. Count what the name policy admits to a guesser who tries
	// the moment each delay ends, over 24 hours.
	p := account.PolicyName
	var at time.Duration
	fails := 0
	perHour := map[int]int{}
	for at < 24*time.Hour {
		perHour[int(at/time.Hour)]++
		fails++
		at += p.Delay(fails)
	}
	for h, n := range perHour {
		if n > 100 {
			t.Errorf("hour %d: %d failed attempts admitted", h, n)
		}
	}
	t.Logf("first hour: %d attempts; a later hour: %d", perHour[0], perHour[12])
}

func TestDisableEnableDelete(t *testing.T) {
	s, db := open(t)
	ctx := context.Background()
	const pw = "a long enough password"
	s.Add(ctx, "delegate-kaz", csto.RoleDelegate, "KAZ", pw)
	sec, _, _ := s.CreateSession(ctx, "delegate-kaz", time.Hour)
	tok, _, _ := s.CreateToken(ctx, "delegate-kaz", time.Hour)
	if err := s.Disable(ctx, "delegate-kaz"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionBySecret(ctx, sec); err != account.ErrBadCredentials {
		t.Error("a session of a disabled account still works")
	}
	if _, err := s.TokenAccount(ctx, tok); err != account.ErrBadCredentials {
		t.Error("a token of a disabled account still works")
	}
	var left int
	db.QueryRow(`SELECT count(*) FROM web_sessions`).Scan(&left)
	if left != 0 {
		t.Errorf("%d sessions left after disabling", left)
	}
	if _, err := s.SignIn(ctx, account.Attempt{Name: "delegate-kaz", Password: pw, Addr: "192.0.2.1"}); err != account.ErrDisabled {
		t.Errorf("sign-in of a disabled account = %v; want ErrDisabled", err)
	}
	if _, err := s.SignIn(ctx, account.Attempt{Name: "delegate-kaz", Password: "wrong password!", Addr: "192.0.2.1"}); err != account.ErrBadCredentials {
		t.Errorf("wrong password of a disabled account = %v; want bad credentials (no hint)", err)
	}
	if err := s.Enable(ctx, "delegate-kaz"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenAccount(ctx, tok); err != account.ErrBadCredentials {
		t.Error("enabling revived a token revoked by disabling")
	}
	if _, err := s.SignIn(ctx, account.Attempt{Name: "delegate-kaz", Password: pw, Addr: "192.0.2.1"}); err != nil {
		t.Errorf("sign-in after enabling: %v", err)
	}
	if err := s.Delete(ctx, "delegate-kaz"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ByName(ctx, "delegate-kaz"); csto.ErrorKind(err) != csto.NotFound {
		t.Errorf("deleted account: %v", err)
	}
	if _, err := s.Add(ctx, "delegate-kaz", csto.RoleDelegate, "KAZ", pw); csto.ErrorKind(err) != csto.Conflict {
		t.Errorf("re-adding a deleted name = %v; want a conflict (the log names it)", err)
	}
	for _, f := range []func(context.Context, string) error{s.Disable, s.Enable, s.Delete} {
		if err := f(ctx, "nobody"); csto.ErrorKind(err) != csto.NotFound {
			t.Errorf("unknown account: %v", err)
		}
	}
}

func TestPasswordChangeEndsSessions(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	s.Add(ctx, "secretariat", csto.RoleSecretariat, "", "a long enough password")
	in, err := s.SignIn(ctx, account.Attempt{Name: "secretariat", Password: "a long enough password", Addr: "192.0.2.1"})
	if err != nil || in.Device == "" {
		t.Fatalf("sign-in: %+v, %v", in, err)
	}
	tok, _, _ := s.CreateToken(ctx, "secretariat", time.Hour)
	if err := s.SetPassword(ctx, "secretariat", "another long password"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionBySecret(ctx, in.Secret); err != account.ErrBadCredentials {
		t.Error("a session begun with the old password survived the change")
	}
	if _, err := s.TokenAccount(ctx, tok); err != nil {
		t.Errorf("tokens are kept across a password change: %v", err)
	}
	if n, err := s.RevokeTokens(ctx, "secretariat"); err != nil || n != 1 {
		t.Errorf("RevokeTokens = %d, %v", n, err)
	}
}

func TestSignInChecksAreBounded(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	// Checks slow enough (16 MiB, 2 passes) that 48 goroutines start
	// while the first two still run.
	s.Params = account.Params{Memory: 16 * 1024, Time: 2, Threads: 1}
	s.SetCheckMemory(32)
	if s.CheckSlots() != 2 {
		t.Fatalf("slots %d", s.CheckSlots())
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for i := range 48 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.SignIn(ctx, account.Attempt{Name: fmt.Sprintf("guess-%d", i), Password: "wrong password!", Addr: fmt.Sprintf("198.51.100.%d", i)})
			var le *account.LimitedError
			k := "other"
			switch {
			case errors.As(err, &le) && le.Busy:
				k = "busy"
			case err == account.ErrBadCredentials:
				k = "checked"
			}
			mu.Lock()
			counts[k]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if counts["other"] != 0 || counts["busy"] == 0 || counts["checked"] == 0 {
		t.Errorf("48 sign-ins at once: %v; want checked and busy only, some of each", counts)
	}
	t.Logf("48 at once on 2 slots: %v", counts)
}
