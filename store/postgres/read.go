package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/store/internal/sqlstore"
)

const selectEvents = `SELECT seq, command_id, type, date, recorded, actor, body, prev_hash, hash FROM events`

func collectEvents(rows pgx.Rows) ([]csto.Event, error) {
	var evs []csto.Event
	err := scanEvents(rows, func(e csto.Event) error {
		evs = append(evs, e)
		return nil
	})
	return evs, err
}

// scanEvents calls fn for each row of rows, a query of selectEvents, and
// closes rows.
func scanEvents(rows pgx.Rows, fn func(csto.Event) error) error {
	defer rows.Close()
	for rows.Next() {
		var (
			e    csto.Event
			date string
		)
		if err := rows.Scan(&e.Seq, &e.CommandID, &e.Type, &date, &e.Recorded, &e.Actor, &e.Body, &e.PrevHash, &e.Hash); err != nil {
			return err
		}
		if date != "" {
			var err error
			if e.Date, err = edtf.Parse(date); err != nil {
				return fmt.Errorf("event %d: stored date: %w", e.Seq, err)
			}
		}
		e.Recorded = e.Recorded.UTC()
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Events implements csto.Store. The events come from one snapshot of the
// log. (A failed connection is retried only when nothing was sent, so fn
// never sees an event twice.)
func (s *Store) Events(ctx context.Context, after int64, fn func(csto.Event) error) error {
	return retry(ctx, func() error {
		return s.withConn(ctx, func(c *pgx.Conn) error {
			rows, err := c.Query(ctx, selectEvents+` WHERE seq > $1 ORDER BY seq`, after)
			if err != nil {
				return err
			}
			return scanEvents(rows, fn)
		})
	})
}

// EventsPage calls fn for at most limit events with Seq > after, in
// order: one page of the log, read with an SQL LIMIT, so a page costs the
// same whatever the log's length (without it the server would send the
// whole rest of the log, which the driver drains when fn stops early).
func (s *Store) EventsPage(ctx context.Context, after int64, limit int, fn func(csto.Event) error) error {
	return retry(ctx, func() error {
		return s.withConn(ctx, func(c *pgx.Conn) error {
			rows, err := c.Query(ctx, selectEvents+` WHERE seq > $1 ORDER BY seq LIMIT $2`, after, limit)
			if err != nil {
				return err
			}
			return scanEvents(rows, fn)
		})
	})
}

// EventsAt calls fn for the events at the positions seqs (at most
// csto.MaxEventsAt of them), in log order; a position the log does
// not hold is skipped. Each costs one lookup by key.
func (s *Store) EventsAt(ctx context.Context, seqs []int64, fn func(csto.Event) error) error {
	if len(seqs) == 0 {
		return nil
	}
	if len(seqs) > csto.MaxEventsAt {
		return fmt.Errorf("events at %d positions: at most %d at a time", len(seqs), csto.MaxEventsAt)
	}
	return retry(ctx, func() error {
		return s.withConn(ctx, func(c *pgx.Conn) error {
			rows, err := c.Query(ctx, selectEvents+` WHERE seq = ANY($1) ORDER BY seq`, seqs)
			if err != nil {
				return err
			}
			return scanEvents(rows, fn)
		})
	})
}

// Verify implements csto.Store: it recomputes every hash and checks that
// sequence numbers run without gaps and each event links to the previous.
func (s *Store) Verify(ctx context.Context) error {
	var chain sqlstore.Chain
	return s.Events(ctx, 0, func(e csto.Event) error { return chain.Next(&e) })
}
