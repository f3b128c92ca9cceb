// Package sqlite implements csto.Store on an embedded SQLite file with the
// pure-Go modernc.org/sqlite driver: WAL journal, synchronous=FULL, and
// immediate write transactions so that several processes on one data
// directory serialize their appends instead of corrupting the chain.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/store/internal/sqlstore"
)

// Store is the SQLite event log and projections.
type Store struct {
	db    *sql.DB
	stmts stmtCache     // the write path's, prepared once (stmts.go)
	edge  sqlstore.Edge // the tree's right edge after this store's last append
	// Now returns the recorded time of appended events. Tests set it.
	Now func() time.Time
}

var _ csto.Store = (*Store)(nil)

// Open opens (creating if needed) the database file at path and brings
// its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	// busy_timeout first: the pragmas run in order on each new
	// connection, and switching a new file to WAL while another process
	// does the same is answered SQLITE_BUSY at once unless the timeout is
	// already set.
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	// Two processes setting up one new file at once: SQLite answers some
	// of the first steps (the switch to WAL, the first schema write)
	// SQLITE_BUSY without consulting the busy timeout. Each step is all or
	// nothing, so it is tried again, for a bounded while.
	var err2 error
	for try := 0; try < 50; try++ {
		if err2 = db.PingContext(ctx); err2 == nil {
			err2 = migrate(ctx, db)
		}
		if err2 == nil || !isBusy(err2) || ctx.Err() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err2 != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err2)
	}
	return &Store{db: db, stmts: stmtCache{db: db}, Now: microseconds}, nil
}

// isBusy reports whether err is SQLite's "database is busy" or "locked".
func isBusy(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}

// DB exposes the database for tests and SQL readers of the projections.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.close()
	return s.db.Close()
}

// Append implements csto.Store.
func (s *Store) Append(ctx context.Context, after int64, fn csto.AppendFunc) ([]csto.Event, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, translate(err)
	}
	defer tx.Rollback()

	// The tail and the head's hash in one read: the events from after on,
	// the first of them the head the caller has seen.
	tail, err := readEvents(ctx, tx, max(after-1, 0))
	if err != nil {
		return nil, err
	}
	seq, prev := after, ""
	if after > 0 {
		if len(tail) == 0 || tail[0].Seq != after {
			return nil, fmt.Errorf("read head %d: the log does not hold it", after)
		}
		prev, tail = tail[0].Hash, tail[1:]
	}
	if n := len(tail); n > 0 {
		seq, prev = tail[n-1].Seq, tail[n-1].Hash
	}
	evs, proj, err := fn(tail)
	if err != nil {
		return nil, err
	}
	sqlstore.Seal(evs, seq, prev, s.Now().UTC())
	exec := txExec(tx)
	edge, err := s.appendTree(ctx, tx, seq, prev, evs)
	if err != nil {
		return nil, err
	}
	for i := range evs {
		if err := insertEvent(ctx, tx, &evs[i]); err != nil {
			return nil, err
		}
		if err := sqlstore.ProjectEvent(ctx, exec, &evs[i], sqlstore.Decoded(&proj, i, len(evs))); err != nil {
			return nil, err
		}
	}
	if err := sqlstore.ReplaceSpells(ctx, exec, proj.Pairs, proj.Spells); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		s.edge.Forget()
		return nil, translate(err)
	}
	if n := len(evs); n > 0 {
		s.edge.Set(evs[n-1].Seq, evs[n-1].Hash, edge)
	}
	return evs, nil
}

func insertEvent(ctx context.Context, tx execer, e *csto.Event) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO events
		(seq, command_id, type, date, earliest, latest, recorded, actor, body, prev_hash, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.CommandID, e.Type, e.Date.String(), sqlstore.DayOrNil(e.Date, false), sqlstore.DayOrNil(e.Date, true),
		e.Recorded.Format(time.RFC3339Nano), e.Actor, string(e.Body), e.PrevHash, e.Hash)
	if err != nil {
		if isUnique(err) {
			return csto.Errorf(csto.Conflict, "id", "command %q is already in the log", e.CommandID)
		}
		return fmt.Errorf("insert event %d: %w", e.Seq, err)
	}
	return nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// txExec runs the shared projection statements in tx.
func txExec(tx execer) sqlstore.Exec {
	return func(ctx context.Context, query string, args ...any) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	}
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func readEvents(ctx context.Context, q querier, after int64) ([]csto.Event, error) {
	var evs []csto.Event
	err := eachEvent(ctx, q, after, func(e csto.Event) error {
		evs = append(evs, e)
		return nil
	})
	return evs, err
}

func eachEvent(ctx context.Context, q querier, after int64, fn func(csto.Event) error) error {
	return queryEvents(ctx, q, fn, `WHERE seq > ? ORDER BY seq`, after)
}

// queryEvents calls fn for each event the clause (after FROM events)
// selects.
func queryEvents(ctx context.Context, q querier, fn func(csto.Event) error, clause string, args ...any) error {
	rows, err := q.QueryContext(ctx, `SELECT seq, command_id, type, date, recorded, actor, body, prev_hash, hash
		FROM events `+clause, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			e              csto.Event
			date, recorded string
			body           string
		)
		if err := rows.Scan(&e.Seq, &e.CommandID, &e.Type, &date, &recorded, &e.Actor, &body, &e.PrevHash, &e.Hash); err != nil {
			return err
		}
		if date != "" {
			if e.Date, err = edtf.Parse(date); err != nil {
				return fmt.Errorf("event %d: stored date: %w", e.Seq, err)
			}
		}
		if e.Recorded, err = time.Parse(time.RFC3339Nano, recorded); err != nil {
			return fmt.Errorf("event %d: stored recorded time: %w", e.Seq, err)
		}
		e.Body = []byte(body)
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Events implements csto.Store.
func (s *Store) Events(ctx context.Context, after int64, fn func(csto.Event) error) error {
	return eachEvent(ctx, s.db, after, fn)
}

// EventsPage calls fn for at most limit events with Seq > after, in
// order: one page of the log, read with an SQL LIMIT, so a page costs the
// same whatever the log's length.
func (s *Store) EventsPage(ctx context.Context, after int64, limit int, fn func(csto.Event) error) error {
	return queryEvents(ctx, s.db, fn, `WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
}

// EventsAt calls fn for the events at the positions seqs (at most
// MaxEventsAt of them), in log order; a position the log does not hold
// is skipped. Each costs one lookup by key, whatever the log's length.
func (s *Store) EventsAt(ctx context.Context, seqs []int64, fn func(csto.Event) error) error {
	if len(seqs) == 0 {
		return nil
	}
	if len(seqs) > csto.MaxEventsAt {
		return fmt.Errorf("events at %d positions: at most %d at a time", len(seqs), csto.MaxEventsAt)
	}
	args := make([]any, len(seqs))
	for i, q := range seqs {
		args[i] = q
	}
	return queryEvents(ctx, s.db, fn, `WHERE seq IN (?`+strings.Repeat(`,?`, len(seqs)-1)+`) ORDER BY seq`, args...)
}

// Head returns the position of the log's last event, 0 when it is empty:
// one lookup of the largest key, whatever the log's length, for a follower
// polling for the appends of other processes on the same file.
func (s *Store) Head(ctx context.Context) (int64, error) {
	var seq int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM events`).Scan(&seq); err != nil {
		return 0, translate(err)
	}
	return seq, nil
}

// Verify implements csto.Store: it recomputes every hash and checks that
// sequence numbers run without gaps and each event links to the previous.
func (s *Store) Verify(ctx context.Context) error {
	var chain sqlstore.Chain
	return eachEvent(ctx, s.db, 0, func(e csto.Event) error { return chain.Next(&e) })
}

// Rebuild implements csto.Store.
func (s *Store) Rebuild(ctx context.Context, spells []csto.Spell) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	defer tx.Rollback()
	for _, t := range sqlstore.ProjectionTables {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return err
		}
	}
	evs, err := readEvents(ctx, tx, 0)
	if err != nil {
		return err
	}
	exec := txExec(tx)
	for i := range evs {
		if err := sqlstore.ProjectEvent(ctx, exec, &evs[i], nil); err != nil {
			return err
		}
	}
	if err := sqlstore.InsertSpells(ctx, exec, spells); err != nil {
		return err
	}
	if err := rebuildTree(ctx, tx, evs); err != nil {
		return err
	}
	s.edge.Forget() // the tree is rewritten: the next append reads it
	return tx.Commit()
}

// translate maps driver errors to csto errors by SQLite result code.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		if isBusy(err) {
			return &csto.Error{Kind: csto.Conflict, Message: "the database is busy; try again"}
		}
		if se.Code()&0xff == sqlite3.SQLITE_INTERRUPT {
			return context.Canceled
		}
	}
	return err
}

func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// microseconds is the default clock: recorded times keep microseconds, as
// PostgreSQL does, so that a log migrated there verifies unchanged
// (csto migrate refuses finer times unless told to rehash).
func microseconds() time.Time { return time.Now().Truncate(time.Microsecond) }

// appendTree stores the tree hashes of evs, appended after size events
// (the last with hash head), and returns the tree's edge after them. It
// first rebuilds the stored tree when it lags the log (a log from before
// the tree was stored), unless the log is as this store's last append
// left it (sqlstore.Edge): then the tree was complete, and the hashes the
// append combines with are the edge's.
func (s *Store) appendTree(ctx context.Context, tx *wtx, size int64, head string, evs []csto.Event) ([]sqlstore.StoredHash, error) {
	read := txHashes(tx)
	edge, current := s.edge.At(size, head)
	if current {
		read = sqlstore.ReadFrom(edge, read)
	} else {
		var maxIdx int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(idx), -1) FROM tree_hashes`).Scan(&maxIdx); err != nil {
			return nil, fmt.Errorf("read the tree: %w", err)
		}
		if sqlstore.TreeBehind(maxIdx, size) {
			old, err := readEvents(ctx, tx, 0)
			if err != nil {
				return nil, err
			}
			if err := rebuildTree(ctx, tx, old[:min(int64(len(old)), size)]); err != nil {
				return nil, err
			}
		}
	}
	idx, hs, err := sqlstore.TreeHashes(ctx, size, evs, read)
	if err != nil {
		return nil, err
	}
	if err := sqlstore.InsertTreeHashes(ctx, txExec(tx), idx, hs); err != nil {
		return nil, err
	}
	return sqlstore.NextEdge(ctx, size+int64(len(evs)), edge, idx, hs, read)
}

// rebuildTree replaces the stored tree with that of evs, the whole log.
func rebuildTree(ctx context.Context, tx execer, evs []csto.Event) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM tree_hashes`); err != nil {
		return err
	}
	idx, hs, err := sqlstore.TreeHashes(ctx, 0, evs, sqlstore.NoHashes)
	if err != nil {
		return err
	}
	return sqlstore.InsertTreeHashes(ctx, txExec(tx), idx, hs)
}

type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// txHashes reads stored tree hashes, one indexed lookup each (at most
// O(log n) of them per append).
func txHashes(q rowQuerier) sqlstore.ReadHashes {
	return func(ctx context.Context, indexes []int64) (map[int64]tlog.Hash, error) {
		out := map[int64]tlog.Hash{}
		for _, x := range indexes {
			var b []byte
			err := q.QueryRowContext(ctx, `SELECT hash FROM tree_hashes WHERE idx = ?`, x).Scan(&b)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return nil, err
			}
			h, err := sqlstore.ToHashes([]int64{x}, [][]byte{b})
			if err != nil {
				return nil, err
			}
			out[x] = h[x]
		}
		return out, nil
	}
}

// ReadTreeHashes returns the stored tree hashes at indexes, in order: the
// tlog.HashReader the proofs read (translog.HashStore).
func (s *Store) ReadTreeHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error) {
	got, err := txHashes(s.db)(ctx, indexes)
	if err != nil {
		return nil, err
	}
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		h, ok := got[x]
		if !ok {
			return nil, sqlstore.MissingHash(x)
		}
		out[i] = h
	}
	return out, nil
}

// OpenReadOnly opens the database file at path for reading only, as an
// auditor does: the file must exist, nothing is migrated or written, and
// the connection refuses writes (mode=ro, query_only).
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "query_only(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("mode", "ro")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'`).Scan(&n); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if n == 0 {
		db.Close()
		return nil, fmt.Errorf("open %s: not a csto database (no events table)", path)
	}
	return &Store{db: db, stmts: stmtCache{db: db}, Now: microseconds}, nil
}
