package account_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
)

// fast are argon2id costs low enough for tests.
var fast = account.Params{Memory: 1024, Time: 1, Threads: 1}

func open(t *testing.T) (*account.Service, *sql.DB) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "a.db")+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := account.Open(context.Background(), db, account.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	s.Params = fast
	return s, db
}

func TestPasswordHash(t *testing.T) {
	h, err := account.HashPassword("correct horse battery", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string", h)
	}
	if !account.VerifyPassword(h, "correct horse battery") || account.VerifyPassword(h, "correct horse batterY") {
		t.Error("verification is wrong")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA", h[:len(h)-3]} {
		if account.VerifyPassword(bad, "x") {
			t.Errorf("malformed hash %q verified", bad)
		}
	}
}

func TestAccounts(t *testing.T) {
	s, db := open(t)
	ctx := context.Background()
	if _, err := s.Add(ctx, "kaz-delegate", csto.RoleDelegate, "KAZ", "a long enough password"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, acct, state, pw string
		role                  csto.Role
		field                 string
	}{
		{"ErrShortPassword", "x1", "", "short", csto.RoleSecretariat, "password"},
		{"ErrDelegateWithoutState", "x2", "", "a long enough password", csto.RoleDelegate, "state"},
		{"ErrSecretariatWithState", "x3", "KAZ", "a long enough password", csto.RoleSecretariat, "state"},
		{"ErrBadRole", "x4", "", "a long enough password", "king", "role"},
		{"ErrBadName", "Bad Name", "", "a long enough password", csto.RoleAdmin, "name"},
		{"ErrDuplicate", "kaz-delegate", "KAZ", "a long enough password", csto.RoleDelegate, "name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Add(ctx, tc.acct, tc.role, tc.state, tc.pw)
			if ce, ok := err.(*csto.Error); !ok || ce.Field != tc.field {
				t.Fatalf("Add = %v; want an error on %q", err, tc.field)
			}
		})
	}
	a, err := s.Authenticate(ctx, "kaz-delegate", "a long enough password")
	if err != nil || a.Actor().String() != "delegate:KAZ@kaz-delegate" {
		t.Fatalf("Authenticate = %+v, %v", a, err)
	}
	for _, c := range [][2]string{{"kaz-delegate", "wrong password!"}, {"nobody", "a long enough password"}} {
		if _, err := s.Authenticate(ctx, c[0], c[1]); err != account.ErrBadCredentials {
			t.Errorf("Authenticate(%q) = %v; want bad credentials", c[0], err)
		}
	}
	var stored string
	db.QueryRow(`SELECT password_hash FROM accounts WHERE name = 'kaz-delegate'`).Scan(&stored)
	if strings.Contains(stored, "password") {
		t.Error("the password is stored in clear")
	}
}

func TestTokens(t *testing.T) {
	s, db := open(t)
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	if _, err := s.Add(ctx, "secretariat", csto.RoleSecretariat, "", "a long enough password"); err != nil {
		t.Fatal(err)
	}
	sec, tok, err := s.CreateToken(ctx, "secretariat", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM tokens WHERE hash = ? OR id = ?`, sec, sec).Scan(&n)
	if n != 0 {
		t.Error("the token secret is stored in clear")
	}
	if a, err := s.TokenAccount(ctx, sec); err != nil || a.Name != "secretariat" {
		t.Fatalf("TokenAccount = %+v, %v", a, err)
	}
	if _, err := s.TokenAccount(ctx, sec+"x"); err != account.ErrBadCredentials {
		t.Error("a forged token was accepted")
	}
	now = now.Add(2 * time.Hour)
	if _, err := s.TokenAccount(ctx, sec); err != account.ErrBadCredentials {
		t.Error("an expired token was accepted")
	}
	now = now.Add(-2 * time.Hour)
	if err := s.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TokenAccount(ctx, sec); err != account.ErrBadCredentials {
		t.Error("a revoked token was accepted")
	}
	ts, err := s.Tokens(ctx, "secretariat")
	if err != nil || len(ts) != 1 || !ts[0].Revoked {
		t.Fatalf("Tokens = %+v, %v", ts, err)
	}
}

func TestSessions(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	s.Add(ctx, "arm-delegate", csto.RoleDelegate, "ARM", "a long enough password")
	sec, sess, err := s.CreateSession(ctx, "arm-delegate", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.SessionBySecret(ctx, sec)
	if err != nil || got.CSRF != sess.CSRF || got.Account.State != "ARM" {
		t.Fatalf("SessionBySecret = %+v, %v", got, err)
	}
	s.EndSession(ctx, sec)
	if _, err := s.SessionBySecret(ctx, sec); err != account.ErrBadCredentials {
		t.Error("a signed-out session still works")
	}
}
