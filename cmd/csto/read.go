package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// openRead opens the data directory for a query: the store read-only
// (sqlite.OpenReader, postgres.OpenReader), the model from the snapshot
// and the log, and nothing else — no migration, no write transaction, no
// lock, not the account tables. Another process writing at the same time
// does not make it wait and is not made to wait.
//
// A directory that needs setting up first — no database yet, a schema to
// migrate, commands of the default history the log lacks — is opened by
// open instead, which does that once (the one write a query may cause);
// so the first command on an empty data directory still initialises it.
func openRead(ctx context.Context, env *Env, c *common) (*app, error) {
	if c.dataDir == "" {
		return nil, usagef("--data-dir: empty")
	}
	if _, err := os.Stat(c.dataDir); err != nil {
		return open(ctx, env, c) // it creates the directory, or names the problem
	}
	a := &app{dir: c.dataDir}
	var (
		st  csto.Store
		err error
	)
	switch {
	case c.db == "" || c.db == "sqlite":
		var s *sqlite.Store
		if s, err = sqlite.OpenReader(ctx, filepath.Join(c.dataDir, "csto.db")); err == nil {
			st = s
		}
	case strings.HasPrefix(c.db, "postgres://") || strings.HasPrefix(c.db, "postgresql://"):
		var s *postgres.Store
		if s, err = postgres.OpenReader(ctx, c.db); err == nil {
			st, a.pg = s, s
		}
	default:
		return nil, usagef("--db: %q is neither sqlite nor a postgres:// URL", c.db)
	}
	if errors.Is(err, sqlite.ErrNeedsSetup) || errors.Is(err, postgres.ErrNeedsSetup) {
		return open(ctx, env, c)
	}
	if err != nil {
		return nil, &failure{err.Error()}
	}
	a.store = st
	a.closers = append(a.closers, st.Close)
	reg, err := openRegistry(ctx, env, st, c.dataDir)
	if err != nil {
		a.Close()
		return nil, err
	}
	// As open does: a process that leaves the model Every events past its
	// snapshot writes a new one as it closes (a file, not the database).
	a.closers = append(a.closers, func() error { return reg.SaveSnapshot(registry.DefaultSnapshotEvery) })
	reg.Now = env.Now
	a.reg = reg
	if bad := reg.Degraded(); bad != nil {
		fmt.Fprintf(env.Stderr, "csto: warning: the record is read-only: %s; answering from events 1–%d (csto verify names the first bad event)\n",
			oneLine(bad.Error()), reg.Model().Seq)
		return a, nil
	}
	lacks, err := dataset.Lacks(reg.Model())
	if err != nil {
		a.Close()
		return nil, err
	}
	if lacks { // a newer binary's history: open loads it, once
		a.Close()
		return open(ctx, env, c)
	}
	return a, nil
}

// readDB is the database/sql handle beside the log for a query opened by
// openRead: on SQLite the reader's own connections (query_only), on
// PostgreSQL a handle of its own whose transactions are read-only.
func (a *app) readDB(c *common) (*sql.DB, error) {
	if a.db != nil {
		return a.db, nil // opened by open: the writer's handle
	}
	if a.pg == nil {
		s, ok := a.store.(*sqlite.Store)
		if !ok {
			return nil, fmt.Errorf("no database/sql handle for %T", a.store)
		}
		return s.DB(), nil
	}
	cfg, err := pgx.ParseConfig(c.db)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	db := stdlib.OpenDB(*cfg)
	a.closers = append(a.closers, db.Close)
	a.db = db
	return db, nil
}
