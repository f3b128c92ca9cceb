package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx", for the account tables on PostgreSQL

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/search"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/sqlite"
)

// app is an open data directory (and database).
type app struct {
	dir      string
	store    csto.Store
	pg       *postgres.Store // set when the store is PostgreSQL
	reg      *registry.Registry
	accounts *account.Service
	db       *sql.DB // the database/sql handle beside the log: accounts, drafts
	writer   bool    // opened by open: db may write
	closers  []func() error
}

func (a *app) Close() error {
	var first error
	for i := len(a.closers) - 1; i >= 0; i-- {
		if err := a.closers[i](); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// open opens the store — PostgreSQL when c.db is a postgres:// URL, else
// the SQLite file of the data directory — loads the default history's
// commands the log lacks (all of them on first use), and opens the
// account tables beside the log. On a first start it creates the admin
// account and says where its password is.
func open(ctx context.Context, env *Env, c *common) (*app, error) {
	a, db, dialect, err := openWriter(ctx, c)
	if err != nil {
		return nil, err
	}
	reg, err := openRegistry(ctx, env, a.store, c.dataDir)
	if err != nil {
		a.Close()
		return nil, err
	}
	// A process that leaves the model Every events past its snapshot
	// writes a new one as it closes (before the store closes).
	a.closers = append(a.closers, func() error { return reg.SaveSnapshot(registry.DefaultSnapshotEvery) })
	reg.Now = env.Now // the one clock: recorded times and the day acts take effect
	a.reg = reg
	empty := reg.Model().Seq == 0
	n := 0
	if bad := reg.Degraded(); bad != nil {
		// Nothing is appended to a log that does not replay, not even the
		// history's missing commands: they may be missing because someone
		// deleted them.
		fmt.Fprintf(env.Stderr, "csto: warning: the record is read-only: %s; answering from events 1–%d (csto verify names the first bad event)\n",
			oneLine(bad.Error()), reg.Model().Seq)
	} else if n, err = dataset.Load(ctx, reg); err != nil {
		a.Close()
		return nil, fmt.Errorf("loading the default history: %w", err)
	}
	if n > 0 {
		if empty {
			fmt.Fprintf(env.Stderr, "csto: initialised %s with the default history (%d events)\n", a.where(c), n)
		} else {
			fmt.Fprintf(env.Stderr, "csto: added %d new events of the default history to %s\n", n, a.where(c))
		}
	}
	a.db = db
	if a.accounts, err = account.Open(ctx, db, dialect); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.firstAdmin(ctx, env); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// openWriter opens the store for writing — PostgreSQL when c.db is a
// postgres:// URL, else the SQLite file of the data directory, created
// with it — and the database/sql handle beside the log.
func openWriter(ctx context.Context, c *common) (*app, *sql.DB, account.Dialect, error) {
	if c.dataDir == "" {
		return nil, nil, 0, usagef("--data-dir: empty")
	}
	if err := os.MkdirAll(c.dataDir, 0o700); err != nil {
		return nil, nil, 0, usagef("--data-dir: %v", err)
	}
	a := &app{dir: c.dataDir, writer: true}
	switch {
	case c.db == "" || c.db == "sqlite":
		st, err := sqlite.Open(ctx, filepath.Join(c.dataDir, "csto.db"))
		if err != nil {
			return nil, nil, 0, &failure{err.Error()}
		}
		a.store = st
		a.closers = append(a.closers, st.Close)
		return a, st.DB(), account.SQLite, nil
	case strings.HasPrefix(c.db, "postgres://") || strings.HasPrefix(c.db, "postgresql://"):
		st, err := postgres.Open(ctx, c.db)
		if err != nil {
			return nil, nil, 0, &failure{err.Error()}
		}
		a.store, a.pg = st, st
		a.closers = append(a.closers, st.Close)
		db, err := sql.Open("pgx", c.db)
		if err != nil {
			a.Close()
			return nil, nil, 0, &failure{err.Error()}
		}
		a.closers = append(a.closers, db.Close)
		return a, db, account.Postgres, nil
	}
	return nil, nil, 0, usagef("--db: %q is neither sqlite nor a postgres:// URL", c.db)
}

// openAccounts opens the account tables beside the log for the account
// commands (csto user, csto token), which need neither the record's model
// nor the history: the record is not opened (replayed). A log still empty
// — a data directory or database never initialised — goes through open,
// which loads the history and creates the admin account.
func openAccounts(ctx context.Context, env *Env, c *common) (*app, error) {
	a, db, dialect, err := openWriter(ctx, c)
	if err != nil {
		return nil, err
	}
	empty := true
	stop := errors.New("stop")
	if err := a.store.Events(ctx, 0, func(csto.Event) error { empty = false; return stop }); err != nil && err != stop {
		a.Close()
		return nil, &failure{err.Error()}
	}
	if empty {
		a.Close()
		return open(ctx, env, c)
	}
	a.db = db
	if a.accounts, err = account.Open(ctx, db, dialect); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.firstAdmin(ctx, env); err != nil { // as open does: never left without an account
		a.Close()
		return nil, err
	}
	return a, nil
}

// openRegistry opens the registry on the store, starting from the latest
// model snapshot in the data directory's snapshots/ when it matches the
// log (registry snapshot.go): a cache, never the truth, kept unless
// CSTO_SNAPSHOT=off. Warnings about it (a snapshot ignored, one not
// written) go to stderr.
func openRegistry(ctx context.Context, env *Env, store csto.Store, dir string) (*registry.Registry, error) {
	if env.Getenv("CSTO_SNAPSHOT") == "off" {
		return registry.Open(ctx, store)
	}
	// Builds before the snapshots' directory kept one file, DIR/snapshot,
	// which no later build can start from (a snapshot is its build's).
	// Removing it is best effort: left (a directory this process may not
	// write), it costs only its bytes.
	_ = os.Remove(filepath.Join(dir, "snapshot"))
	return registry.OpenCached(ctx, store, registry.Snapshots{
		Cache: registry.SnapshotDir(filepath.Join(dir, "snapshots")),
		Log:   slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
}

func (a *app) where(c *common) string {
	if a.pg != nil {
		return "the PostgreSQL database"
	}
	return c.dataDir
}

// firstAdmin creates the admin account when there is no account at all,
// writing its generated password to a file only the owner can read.
func (a *app) firstAdmin(ctx context.Context, env *Env) error {
	n, err := a.accounts.Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	pw := account.GeneratePassword()
	if _, err := a.accounts.Add(ctx, "admin", csto.RoleAdmin, "", pw); err != nil {
		if csto.ErrorKind(err) == csto.Conflict { // another process was first
			return nil
		}
		return err
	}
	path := filepath.Join(a.dir, "admin-password")
	if err := os.WriteFile(path, []byte(pw+"\n"), 0o600); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "csto: created the account \"admin\"; its password is in %s (readable only by you).\n"+
		"      Sign in, change it with `csto user passwd admin`, then delete the file.\n", path)
	return nil
}

// search opens the search index beside the log on db, a handle that may
// write, and catches it up with the events appended since it last was.
func (a *app) search(ctx context.Context, db *sql.DB) (*search.Index, error) {
	x, err := search.Open(ctx, db, a.pg != nil)
	if err != nil {
		return nil, err
	}
	if err := x.Fresh(ctx, a.reg.EventsPage, a.reg.Model().Seq); err != nil {
		return nil, err
	}
	return x, nil
}
