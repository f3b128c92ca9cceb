package account

import (
	"context"
	"errors"

	"github.com/csto/csto/internal/sidedb"
)

// The account tables. They have their own version table so that the
// event store's migrations and these evolve independently.
var migrations = []string{
	`CREATE TABLE accounts (
		id            INTEGER PRIMARY KEY,
		name          TEXT NOT NULL UNIQUE,
		role          TEXT NOT NULL,
		state         TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		created       TEXT NOT NULL,
		disabled      BOOLEAN NOT NULL DEFAULT FALSE
	);
	CREATE TABLE tokens (
		id         TEXT PRIMARY KEY,
		account_id INTEGER NOT NULL REFERENCES accounts (id),
		hash       TEXT NOT NULL UNIQUE,
		created    TEXT NOT NULL,
		expires    TEXT NOT NULL,
		revoked    BOOLEAN NOT NULL
	);
	CREATE TABLE web_sessions (
		hash       TEXT PRIMARY KEY,
		account_id INTEGER NOT NULL REFERENCES accounts (id),
		csrf       TEXT NOT NULL,
		created    TEXT NOT NULL,
		expires    TEXT NOT NULL
	)`,
	// Known devices (a browser or client that signed in to the account
	// before: see SignIn) and the names of deleted accounts, which stay
	// taken because the log names them as actors.
	`CREATE TABLE devices (
		hash       TEXT PRIMARY KEY,
		account_id INTEGER NOT NULL REFERENCES accounts (id),
		created    TEXT NOT NULL
	);
	CREATE INDEX devices_account ON devices (account_id);
	CREATE INDEX web_sessions_account ON web_sessions (account_id);
	CREATE INDEX tokens_account ON tokens (account_id);
	CREATE TABLE retired_accounts (
		name    TEXT PRIMARY KEY,
		deleted TEXT NOT NULL
	)`,
}

func (s *Service) migrate(ctx context.Context) error {
	return sidedb.Migrate(ctx, s.db, s.dialect == Postgres, 7305316171, "account_schema", "the account tables", migrations)
}

// isUnique reports a unique-constraint violation, by the driver's error
// code: SQLite's extended result code 2067, PostgreSQL's SQLSTATE 23505.
func (s *Service) isUnique(err error) bool {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		return coded.Code() == 2067 || coded.Code() == 1555
	}
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		return pg.SQLState() == "23505"
	}
	return false
}
