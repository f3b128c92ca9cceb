package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// A write transaction (Append, Rebuild) costs two round trips to the
// server, whatever its size: the first begins it, takes the write lock and
// reads the log; the second sends every write and the COMMIT as one
// pipelined batch. The server runs a batch's statements in order, each
// with its own READ COMMITTED snapshot, so the read queued after the lock
// sees every append committed before the lock was granted.

// beginWrite queues, at the head of b, the start of a write transaction:
// BEGIN at READ COMMITTED (a REPEATABLE READ snapshot would be as old as
// the transaction's first statement and miss the appends the lock waited
// for) and the log's advisory write lock, held until the transaction ends.
func beginWrite(b *pgx.Batch) {
	b.Queue(`BEGIN ISOLATION LEVEL READ COMMITTED`)
	b.Queue(`SELECT pg_advisory_xact_lock($1)`, WriteLock)
}

// skipBegin consumes the results of the statements beginWrite queued.
func skipBegin(br pgx.BatchResults) error {
	for range 2 {
		if _, err := br.Exec(); err != nil {
			return fmt.Errorf("begin and take the write lock: %w", err)
		}
	}
	return nil
}

// pipeline collects the writes of a transaction and sends them, with the
// COMMIT, in one round trip.
type pipeline struct {
	batch pgx.Batch
	// onErr, per queued statement, turns its error into the one the caller
	// reports; nil keeps the error as it is.
	onErr []func(error) error
}

func (p *pipeline) queue(onErr func(error) error, sql string, args ...any) {
	p.batch.Queue(sql, args...)
	p.onErr = append(p.onErr, onErr)
}

// exec is p as a sqlstore.Exec: it queues the statement, whose error, if
// any, commit returns.
func (p *pipeline) exec(_ context.Context, sql string, args ...any) error {
	p.queue(nil, sql, args...)
	return nil
}

// commit sends the queued writes and the COMMIT on c, in the transaction
// c has open, and returns the first statement's error. After an error the
// server skips the rest of the batch, the COMMIT included, and the
// transaction stays open and failed for the caller to roll back.
func (p *pipeline) commit(ctx context.Context, c *pgx.Conn) error {
	p.queue(nil, `COMMIT`)
	br := c.SendBatch(ctx, &p.batch)
	defer br.Close()
	for i, onErr := range p.onErr {
		tag, err := br.Exec()
		switch {
		case err != nil && onErr != nil:
			return onErr(err)
		case err != nil:
			return err
		case i == len(p.onErr)-1 && tag.String() != "COMMIT":
			return pgx.ErrTxCommitRollback
		}
	}
	return br.Close()
}
