package registry

import (
	"context"
	"time"
)

// Read returns the model a query answers from, on every surface (the
// API, the CLI, the exports): with recorded zero, the current model, at
// most MaxAge behind the store (Fresh: it never waits for a writer); else
// the record as csto held it at the recorded time (AsRecorded). The model
// is immutable; its Seq, Head and Tree() are the log position the answer
// cites. The web pages read Model(), which csto serve's follower keeps
// within a poll of the store.
func (r *Registry) Read(ctx context.Context, recorded time.Time) (*Model, error) {
	if recorded.IsZero() {
		return r.Fresh(ctx)
	}
	return r.AsRecorded(ctx, recorded)
}
