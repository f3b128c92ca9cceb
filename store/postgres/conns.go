package postgres

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Why native pgx connections, not database/sql (pgx/v5/stdlib) or
// pgxpool: the store uses pgx's own API for what it needs — the SQLSTATE
// of every error (*pgconn.PgError), pipelined batches (an append is two
// round trips, see pipeline.go), a connection of its own to LISTEN on —
// and both pgx's database/sql driver and pgxpool import jackc/puddle and
// x/sync, which go.mod does not carry. Were they added, pgxpool could
// replace this file. A store's needs are small — one writer at a time by
// design, plus readers — so conns is a small bounded cache of
// connections.

const (
	maxConns = 8 // open connections per Store
	// idleCheck is how long a connection may sit idle before it is pinged
	// on reuse, so a server restart costs a reconnect, not a failed call.
	idleCheck = time.Second
)

var errClosed = errors.New("postgres: store is closed")

// conns is a bounded cache of connections to one database.
type conns struct {
	cfg   *pgx.ConnConfig
	slots chan struct{} // one token per open or opening connection

	mu     sync.Mutex
	idle   []idleConn
	closed bool
}

type idleConn struct {
	c     *pgx.Conn
	since time.Time
}

func newConns(cfg *pgx.ConnConfig) *conns {
	return &conns{cfg: cfg, slots: make(chan struct{}, maxConns)}
}

// get returns an idle connection or opens one, waiting while maxConns are
// in use. The caller must put it back.
func (p *conns) get(ctx context.Context) (*pgx.Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	for {
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			<-p.slots
			return nil, errClosed
		}
		n := len(p.idle)
		if n == 0 {
			p.mu.Unlock()
			break
		}
		ic := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		if time.Since(ic.since) < idleCheck || ic.c.Ping(ctx) == nil {
			return ic.c, nil
		}
		closeConn(ic.c)
		if err := ctx.Err(); err != nil {
			<-p.slots
			return nil, err
		}
	}
	c, err := pgx.ConnectConfig(ctx, p.cfg)
	if err != nil {
		<-p.slots
		return nil, err
	}
	return c, nil
}

// put returns c to the cache, or closes it when it is broken, still in a
// transaction, or the cache is closed.
func (p *conns) put(c *pgx.Conn) {
	defer func() { <-p.slots }()
	p.mu.Lock()
	reuse := !p.closed && !c.IsClosed() && c.PgConn().TxStatus() == 'I'
	if reuse {
		p.idle = append(p.idle, idleConn{c, time.Now()})
	}
	p.mu.Unlock()
	if !reuse {
		closeConn(c)
	}
}

// close closes the idle connections; those in use are closed when they
// are put back.
func (p *conns) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, ic := range idle {
		closeConn(ic.c)
	}
}

// closeConn closes c, waiting at most a second for the server.
func closeConn(c *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	c.Close(ctx)
}
