package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/csto/csto/store/internal/sqlstore"
)

// ErrNeedsSetup is OpenReader's answer for a database it may not read as
// it is: without the log's tables, or with a schema Open would migrate.
var ErrNeedsSetup = sqlstore.ErrNeedsSetup

// OpenReader connects to the database at url for queries: nothing is
// migrated, no advisory lock is taken and the session refuses writes
// (default_transaction_read_only), so a writer holding the log's lock
// does not make it wait. A database whose schema is not the current one
// is ErrNeedsSetup: open it with Open, which migrates it.
func OpenReader(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "csto"
	}
	ms, err := sqlstore.Migrations(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	s := &Store{cfg: cfg, conns: newConns(cfg), Now: time.Now}
	current := false
	err = s.withConn(ctx, func(c *pgx.Conn) error {
		var exists bool
		if err := c.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&exists); err != nil || !exists {
			return err
		}
		var have, count int
		if err := c.QueryRow(ctx, `SELECT coalesce(max(version), 0), count(*) FROM schema_migrations`).Scan(&have, &count); err != nil {
			return err
		}
		current, err = sqlstore.Current(have, count, ms)
		return err
	})
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("open database %s on %s: %w", cfg.Database, cfg.Host, translate(ctx, err))
	}
	if !current {
		s.Close()
		return nil, ErrNeedsSetup
	}
	return s, nil
}
