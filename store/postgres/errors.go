package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/csto/csto"
)

// SQLSTATE codes the store acts on. Errors are told apart by these codes,
// never by message text, which depends on the server's lc_messages.
const (
	uniqueViolation      = "23505"
	serializationFailure = "40001"
	deadlockDetected     = "40P01"
	queryCanceled        = "57014"
)

// maxAttempts bounds how often a transaction is run when the server
// reports a serialization failure or deadlock, or the connection failed
// before anything was sent.
const maxAttempts = 5

// sqlState returns err's SQLSTATE, or "" when it did not come from the
// server.
func sqlState(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// retryable reports whether running the transaction again may succeed
// and cannot apply it twice.
func retryable(err error) bool {
	switch sqlState(err) {
	case serializationFailure, deadlockDetected:
		return true
	}
	return pgconn.SafeToRetry(err)
}

// retry runs fn until it succeeds, fails with an error retryable does not
// accept, or maxAttempts runs failed, waiting a little longer after each.
// The error is translated.
func retry(ctx context.Context, fn func() error) error {
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || !retryable(err) || attempt == maxAttempts {
			return translate(ctx, err)
		}
		select {
		case <-time.After(time.Duration(attempt) * 20 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// translate maps driver errors to what callers of a csto.Store expect:
// the context's own error when the context ended, a Conflict for a
// unique violation (a duplicate command ID is reported before this, with
// the ID) or for contention that outlasted the retries.
func translate(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil &&
		(errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || sqlState(err) == queryCanceled) {
		return ctxErr
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	switch pe.Code {
	case uniqueViolation:
		return &csto.Error{Kind: csto.Conflict, Message: "the write clashes with a stored row (" + pe.ConstraintName + ")"}
	case serializationFailure, deadlockDetected:
		return &csto.Error{Kind: csto.Conflict, Message: "the database is busy; try again"}
	}
	return err
}
