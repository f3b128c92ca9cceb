package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/csto/csto"
	"github.com/csto/csto/store/internal/sqlstore"
)

// write runs op on a connection of the cache, retrying as retry does. op
// begins a transaction and, when it succeeds, has committed it; when it
// fails write rolls back what it left open.
func (s *Store) write(ctx context.Context, op func(*pgx.Conn) error) error {
	return retry(ctx, func() error {
		return s.withConn(ctx, func(c *pgx.Conn) error {
			err := op(c)
			if err != nil && !c.IsClosed() && c.PgConn().TxStatus() != 'I' {
				rollback(c) // or put closes c, which ends the transaction too
			}
			return err
		})
	})
}

// rollback ends c's open transaction, waiting at most a second: the
// caller's context may be the reason it failed.
func rollback(c *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	c.Exec(ctx, `ROLLBACK`)
}

// Append implements csto.Store in one transaction of two round trips (see
// pipeline.go): the first takes the log's advisory lock and reads the
// events from position after on; then fn runs, and the second inserts the
// events it returns, their projections, a notification on csto_events
// with the last one's position, and commits. (The Merkle tree's stored
// hashes the append combines with cost two more, a read of the table's
// largest index and of the hashes, only when the log is not as this
// store's last append left it: see sqlstore.Edge.) When the server reports a
// serialization failure or deadlock the transaction runs again (a few
// times at most), so fn may be called more than once; it must depend only
// on the tail it is given.
func (s *Store) Append(ctx context.Context, after int64, fn csto.AppendFunc) ([]csto.Event, error) {
	var evs []csto.Event
	err := s.write(ctx, func(c *pgx.Conn) error {
		var err error
		evs, err = s.appendOnce(ctx, c, after, fn)
		return err
	})
	if err != nil {
		return nil, err
	}
	return evs, nil
}

func (s *Store) appendOnce(ctx context.Context, c *pgx.Conn, after int64, fn csto.AppendFunc) ([]csto.Event, error) {
	var b pgx.Batch
	beginWrite(&b)
	// From after itself on: its hash is the new events' first link.
	b.Queue(selectEvents+` WHERE seq >= $1 ORDER BY seq`, after)
	br := c.SendBatch(ctx, &b)
	defer br.Close()
	if err := skipBegin(br); err != nil {
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	tail, err := collectEvents(rows)
	if err != nil {
		return nil, err
	}
	if err := br.Close(); err != nil {
		return nil, err
	}
	seq, prev := after, ""
	if after > 0 {
		if len(tail) == 0 || tail[0].Seq != after {
			return nil, fmt.Errorf("append after event %d: the log has no event %d", after, after)
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
	sqlstore.Seal(evs, seq, prev, s.Now().UTC().Truncate(time.Microsecond))
	var p pipeline
	edge, err := s.appendTree(ctx, c, &p, seq, prev, evs)
	if err != nil {
		return nil, err
	}
	for i := range evs {
		queueEvent(&p, &evs[i])
		if err := sqlstore.ProjectEvent(ctx, p.exec, &evs[i], sqlstore.Decoded(&proj, i, len(evs))); err != nil {
			return nil, err
		}
	}
	if err := sqlstore.ReplaceSpells(ctx, p.exec, proj.Pairs, proj.Spells); err != nil {
		return nil, err
	}
	if n := len(evs); n > 0 {
		p.queue(nil, `SELECT pg_notify($1, $2)`, channel, strconv.FormatInt(evs[n-1].Seq, 10))
	}
	if err := p.commit(ctx, c); err != nil {
		s.edge.Forget()
		return nil, err
	}
	if n := len(evs); n > 0 {
		s.edge.Set(evs[n-1].Seq, evs[n-1].Hash, edge)
	}
	return evs, nil
}

// queueEvent queues the insertion of e; a unique violation on its command
// ID is reported as the Conflict of a command already in the log.
func queueEvent(p *pipeline, e *csto.Event) {
	p.queue(func(err error) error {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == uniqueViolation && pe.ConstraintName == "events_command_id_key" {
			return csto.Errorf(csto.Conflict, "id", "command %q is already in the log", e.CommandID)
		}
		return fmt.Errorf("insert event %d: %w", e.Seq, err)
	}, `INSERT INTO events
		(seq, command_id, type, date, earliest, latest, recorded, actor, body, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		e.Seq, e.CommandID, e.Type, e.Date.String(), sqlstore.DayOrNil(e.Date, false), sqlstore.DayOrNil(e.Date, true),
		e.Recorded, e.Actor, string(e.Body), e.PrevHash, e.Hash)
}

// Rebuild implements csto.Store in one transaction of two round trips,
// holding the write lock: appends wait for it and it waits for them.
func (s *Store) Rebuild(ctx context.Context, spells []csto.Spell) error {
	return s.write(ctx, func(c *pgx.Conn) error {
		var b pgx.Batch
		beginWrite(&b)
		for _, t := range sqlstore.ProjectionTables {
			b.Queue(`DELETE FROM ` + t)
		}
		b.Queue(selectEvents + ` ORDER BY seq`)
		br := c.SendBatch(ctx, &b)
		defer br.Close()
		if err := skipBegin(br); err != nil {
			return err
		}
		for _, t := range sqlstore.ProjectionTables {
			if _, err := br.Exec(); err != nil {
				return fmt.Errorf("empty %s: %w", t, err)
			}
		}
		rows, err := br.Query()
		if err != nil {
			return err
		}
		evs, err := collectEvents(rows)
		if err != nil {
			return err
		}
		if err := br.Close(); err != nil {
			return err
		}
		var p pipeline
		for i := range evs {
			if err := sqlstore.ProjectEvent(ctx, p.exec, &evs[i], nil); err != nil {
				return err
			}
		}
		if err := sqlstore.InsertSpells(ctx, p.exec, spells); err != nil {
			return err
		}
		if _, err := queueTree(ctx, &p, 0, evs, nil, sqlstore.NoHashes); err != nil {
			return err
		}
		s.edge.Forget() // the tree is rewritten: the next append reads it
		return p.commit(ctx, c)
	})
}

// appendTree queues the tree hashes of evs, appended after size events
// (the last with hash head), and returns the tree's edge after them. When
// the log is as this store's last append left it (sqlstore.Edge), it reads
// nothing: the hashes the append combines with are the edge's. Otherwise
// it reads the O(log n) stored hashes it needs in one query; when the
// stored tree lags the log (a log from before the tree was stored) it
// queues the whole tree instead.
func (s *Store) appendTree(ctx context.Context, c *pgx.Conn, p *pipeline, size int64, head string, evs []csto.Event) ([]sqlstore.StoredHash, error) {
	read := connHashes(c)
	edge, current := s.edge.At(size, head)
	if current {
		read = sqlstore.ReadFrom(edge, read)
		return queueTree(ctx, p, size, evs, edge, read)
	}
	var maxIdx int64
	if err := c.QueryRow(ctx, `SELECT coalesce(max(idx), -1) FROM tree_hashes`).Scan(&maxIdx); err != nil {
		return nil, fmt.Errorf("read the tree: %w", err)
	}
	if !sqlstore.TreeBehind(maxIdx, size) {
		return queueTree(ctx, p, size, evs, nil, read)
	}
	rows, err := c.Query(ctx, selectEvents+` WHERE seq <= $1 ORDER BY seq`, size)
	if err != nil {
		return nil, err
	}
	old, err := collectEvents(rows)
	if err != nil {
		return nil, err
	}
	return queueTree(ctx, p, 0, append(old, evs...), nil, sqlstore.NoHashes)
}

// queueTree queues the stored hashes evs add to a tree of size leaves,
// reading those it needs through read (edge, the tree's before them, when
// known), and returns the tree's edge after them; from size 0 it first
// empties the table.
func queueTree(ctx context.Context, p *pipeline, size int64, evs []csto.Event, edge []sqlstore.StoredHash, read sqlstore.ReadHashes) ([]sqlstore.StoredHash, error) {
	idx, hs, err := sqlstore.TreeHashes(ctx, size, evs, read)
	if err != nil {
		return nil, err
	}
	if size == 0 {
		p.queue(nil, `DELETE FROM tree_hashes`)
	}
	if err := sqlstore.InsertTreeHashes(ctx, p.exec, idx, hs); err != nil {
		return nil, err
	}
	return sqlstore.NextEdge(ctx, size+int64(len(evs)), edge, idx, hs, read)
}

func connHashes(c *pgx.Conn) sqlstore.ReadHashes {
	return func(ctx context.Context, indexes []int64) (map[int64]tlog.Hash, error) {
		rows, err := c.Query(ctx, `SELECT idx, hash FROM tree_hashes WHERE idx = ANY($1)`, indexes)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var (
			idx []int64
			raw [][]byte
		)
		for rows.Next() {
			var (
				x int64
				b []byte
			)
			if err := rows.Scan(&x, &b); err != nil {
				return nil, err
			}
			idx, raw = append(idx, x), append(raw, b)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		return sqlstore.ToHashes(idx, raw)
	}
}

// ReadTreeHashes returns the stored tree hashes at indexes, in order: the
// tlog.HashReader the proofs read (translog.HashStore).
func (s *Store) ReadTreeHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error) {
	var got map[int64]tlog.Hash
	err := s.withConn(ctx, func(c *pgx.Conn) error {
		var err error
		got, err = connHashes(c)(ctx, indexes)
		return err
	})
	if err != nil {
		return nil, translate(ctx, err)
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
