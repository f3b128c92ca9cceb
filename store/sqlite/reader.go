package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"

	"github.com/csto/csto/store/internal/sqlstore"
)

// ErrNeedsSetup is OpenReader's answer for a file it may not read as it
// is: missing, or with a schema Open would create or migrate.
var ErrNeedsSetup = sqlstore.ErrNeedsSetup

// OpenReader opens the database file at path for queries: it takes no
// lock and begins no write transaction, so another process holding the
// write lock (a long import, a burst of appends) neither waits for it nor
// makes it wait. The connections refuse writes (query_only), and
// transactions begin deferred; in WAL mode a reader sees the last
// committed state. A file that is missing or whose schema is not the
// current one is ErrNeedsSetup: open it with Open, which sets it up.
func OpenReader(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, ErrNeedsSetup
	} else if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	q := url.Values{}
	// No journal_mode pragma: WAL is a property of the file, set by Open,
	// and switching it needs the write lock.
	for _, p := range []string{"busy_timeout(10000)", "query_only(1)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	if err := checkCurrent(ctx, db); err != nil {
		db.Close()
		if err == ErrNeedsSetup {
			return nil, err
		}
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &Store{db: db, stmts: stmtCache{db: db}, Now: microseconds}, nil
}

// checkCurrent answers ErrNeedsSetup unless the schema is the one this
// binary's migrations describe, reading only.
func checkCurrent(ctx context.Context, db *sql.DB) error {
	ms, err := sqlstore.Migrations(migrationFS, "migrations")
	if err != nil {
		return err
	}
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).Scan(&tables); err != nil {
		return translate(err)
	}
	if tables == 0 {
		return ErrNeedsSetup
	}
	var have, count int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0), count(*) FROM schema_migrations`).Scan(&have, &count); err != nil {
		return translate(err)
	}
	ok, err := sqlstore.Current(have, count, ms)
	if err != nil {
		return err
	}
	if !ok {
		return ErrNeedsSetup
	}
	return nil
}
