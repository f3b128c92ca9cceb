package postgres_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"github.com/csto/csto/internal/testenv"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/csto/csto"
	"github.com/csto/csto/store/postgres"
)

// TestMain says how to run these tests when no server is configured. In
// CI (CI=true) that fails the package at once: CI must not pass by testing
// nothing. A developer without PostgreSQL gets the SQLite half of the
// suite elsewhere and this message, and the tests here are skipped.
func TestMain(m *testing.M) {
	if os.Getenv("CSTO_TEST_POSTGRES") == "" {
		fmt.Fprintln(os.Stderr, "store/postgres is tested against a real PostgreSQL server: "+testenv.PostgresMessage())
		if testenv.CI() && !testenv.PostgresSkipKnowingly() {
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// serverURL returns the URL of the test server, CSTO_TEST_POSTGRES, or
// skips t when CSTO_SKIP_POSTGRES=1 said there is none.
func serverURL(t testing.TB) string {
	t.Helper()
	return testenv.Postgres(t)
}

// newDatabase creates an empty database for t on the test server, drops
// it when t ends, and returns its URL.
func newDatabase(t testing.TB) string {
	t.Helper()
	admin := serverURL(t)
	u, err := url.Parse(admin)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("CSTO_TEST_POSTGRES=%q: want a postgres:// URL", admin)
	}
	name := pgx.Identifier{"csto_t_" + strings.ToLower(rand.Text())}.Sanitize()
	adminExec(t, admin, `CREATE DATABASE `+name)
	t.Cleanup(func() { dropDatabase(t, admin, name) })
	u.Path = "/" + strings.Trim(name, `"`)
	return u.String()
}

func adminExec(t testing.TB, dbURL, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// dropDatabase drops a test database, retrying for a few seconds: WITH
// (FORCE) cannot end an autovacuum worker that happens to be connected
// (SQLSTATE 42501 for a non-superuser), which leaves in a moment.
func dropDatabase(t testing.TB, admin, name string) {
	t.Helper()
	ctx := context.Background()
	var err error
	for range 50 {
		var c *pgx.Conn
		if c, err = pgx.Connect(ctx, admin); err == nil {
			_, err = c.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
			c.Close(ctx)
		}
		if err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("drop database %s: %v", name, err)
}

// stores maps each store the tests open to its database URL, for the
// suite's hooks that reach past the store.
var stores sync.Map

func mustOpen(t testing.TB, dbURL string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	stores.Store(s, dbURL)
	t.Cleanup(func() { s.Close() })
	return s
}

// query runs sql on s's database, bypassing the store, and returns the
// first column of the first row when dst is not nil.
func query(t testing.TB, s csto.Store, sql string, dst any, args ...any) {
	t.Helper()
	dbURL, ok := stores.Load(s)
	if !ok {
		t.Fatal("store not opened by mustOpen")
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dbURL.(string))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	if dst == nil {
		_, err = c.Exec(ctx, sql, args...)
	} else {
		err = c.QueryRow(ctx, sql, args...).Scan(dst)
	}
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
