// Package postgres implements csto.Store on PostgreSQL with pgx: one
// hash-chained log that any number of csto processes append to. Appends
// serialize on a transaction-level advisory lock, so the chain has no
// gap, fork or duplicate however many writers there are; every append
// also notifies the channel csto_events, which Listen exposes so that
// other processes learn of new events at once (polling remains their
// fallback; see Listener).
//
// The schema is that of store/sqlite in PostgreSQL types, created and
// upgraded by the embedded migrations in migrations/ when a Store opens.
package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/csto/csto"
	"github.com/csto/csto/store/internal/sqlstore"
)

// Advisory lock keys. They are fixed so that every csto process on a
// database contends for the same locks; PostgreSQL scopes advisory locks
// to a database, so databases on one server do not contend.
const (
	// WriteLock is held by every append and rebuild: another program that
	// must exclude them (csto migrate) takes it too.
	WriteLock   int64 = 0x6373746f_00000001 // "csto"·1: appending to the log, rebuilding projections
	migrateLock int64 = 0x6373746f_00000002 // "csto"·2: migrating the schema
)

// Store is the PostgreSQL event log and projections. It is safe for
// concurrent use.
type Store struct {
	cfg   *pgx.ConnConfig
	conns *conns
	edge  sqlstore.Edge // the tree's right edge after this store's last append
	// Now returns the recorded time of appended events. The store keeps it
	// in UTC to the microsecond, PostgreSQL's precision, and truncates it
	// before hashing so that the hash verifies after reading back. Tests
	// set it.
	Now func() time.Time
}

var _ csto.Store = (*Store)(nil)

// Open connects to the database at url (postgres://user:password@host:port/db?…,
// or any form pgx accepts) and brings its schema up to date. Several
// processes may open one database at once.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "csto"
	}
	s := &Store{cfg: cfg, conns: newConns(cfg), Now: time.Now}
	if err := s.withConn(ctx, func(c *pgx.Conn) error { return migrate(ctx, c) }); err != nil {
		s.Close()
		return nil, fmt.Errorf("open database %s on %s: %w", cfg.Database, cfg.Host, translate(ctx, err))
	}
	return s, nil
}

// OpenReadOnly connects to the database at url for reading only, as an
// auditor does: nothing is migrated, and the session refuses writes
// (default_transaction_read_only). The events table must exist.
func OpenReadOnly(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	cfg.RuntimeParams["default_transaction_read_only"] = "on"
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "csto verify"
	}
	s := &Store{cfg: cfg, conns: newConns(cfg), Now: time.Now}
	var ok bool
	if err := s.withConn(ctx, func(c *pgx.Conn) error {
		return c.QueryRow(ctx, `SELECT to_regclass('events') IS NOT NULL`).Scan(&ok)
	}); err != nil {
		s.Close()
		return nil, fmt.Errorf("open database %s on %s: %w", cfg.Database, cfg.Host, translate(ctx, err))
	}
	if !ok {
		s.Close()
		return nil, fmt.Errorf("open database %s on %s: not a csto database (no events table)", cfg.Database, cfg.Host)
	}
	return s, nil
}

// Close closes the store's connections. Listeners have their own and
// stay open.
func (s *Store) Close() error {
	s.conns.close()
	return nil
}

// withConn runs fn on a connection of the cache.
func (s *Store) withConn(ctx context.Context, fn func(*pgx.Conn) error) error {
	c, err := s.conns.get(ctx)
	if err != nil {
		return err
	}
	defer s.conns.put(c)
	return fn(c)
}
