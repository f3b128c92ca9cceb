package postgres

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// channel is the NOTIFY channel every append signals, with the position
// of its last event as the payload.
const channel = "csto_events"

// Listener receives the positions of events appended through any Store
// on the database, by any process, from the moment Listen returns.
//
// Notifications are a hint for fresh reads, not a delivery guarantee:
// none arrive while no listener is connected (before Listen, after a
// lost connection), so a caller keeping a model current should also poll
// (e.g. read the events after its position every few seconds) and read
// once after each (re)connection. A Listener is for one goroutine.
type Listener struct {
	conn *pgx.Conn
}

// Listen opens a connection of its own and subscribes it to the append
// notifications. The caller must Close the Listener.
func (s *Store) Listen(ctx context.Context) (*Listener, error) {
	c, err := pgx.ConnectConfig(ctx, s.cfg)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", translate(ctx, err))
	}
	if _, err := c.Exec(ctx, "LISTEN "+channel); err != nil {
		closeConn(c)
		return nil, fmt.Errorf("listen: %w", translate(ctx, err))
	}
	return &Listener{conn: c}, nil
}

// Wait blocks until an append commits and returns the position of its
// last event; appends that committed while nobody waited are returned by
// the following calls, in commit order. When ctx ends Wait returns its
// error and the Listener is closed (its connection cannot be reused
// mid-read); so is it after a connection error.
func (l *Listener) Wait(ctx context.Context) (int64, error) {
	n, err := l.conn.WaitForNotification(ctx)
	if err != nil {
		closeConn(l.conn)
		return 0, translate(ctx, err)
	}
	seq, err := strconv.ParseInt(n.Payload, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("notification on %s: payload %q is not a position", channel, n.Payload)
	}
	return seq, nil
}

// Close ends the subscription and closes its connection.
func (l *Listener) Close() error {
	closeConn(l.conn)
	return nil
}
