package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// The write path's statements, prepared once. SQLite parses a statement
// on every Exec that passes its text; a write runs a dozen (the log's
// head, the tree's hashes, the event, its projections), and parsing them
// was a sixth of a write's CPU. A statement prepared on the database is
// prepared once on each connection that runs it (database/sql keeps it
// per connection) and then only bound and stepped.

// maxStmts bounds the cache: the write path's statements are a few dozen
// fixed texts; anything past the bound (a text built per call) is run
// unprepared rather than kept.
const maxStmts = 128

type stmtCache struct {
	db *sql.DB
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// get returns the prepared statement of query, or nil when the cache is
// full or the statement does not prepare (the caller runs it unprepared
// and gets its error from there).
func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.m[query]; st != nil {
		return st
	}
	if len(c.m) >= maxStmts {
		return nil
	}
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// wtx is a write transaction that runs its statements prepared: each
// cached statement is bound to the transaction once (the transaction
// closes them as it ends).
type wtx struct {
	*sql.Tx
	c     *stmtCache
	bound map[string]*sql.Stmt
}

func (s *Store) begin(ctx context.Context) (*wtx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &wtx{Tx: tx, c: &s.stmts}, nil
}

func (t *wtx) stmt(ctx context.Context, query string) *sql.Stmt {
	if st := t.bound[query]; st != nil {
		return st
	}
	st := t.c.get(ctx, query)
	if st == nil {
		return nil
	}
	st = t.Tx.StmtContext(ctx, st)
	if t.bound == nil {
		t.bound = map[string]*sql.Stmt{}
	}
	t.bound[query] = st
	return st
}

func (t *wtx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t *wtx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t *wtx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}
