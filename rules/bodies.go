package rules

import (
	"context"

	"github.com/csto/csto/registry"
)

// reader is the model with a way to read the bodies of the entries a
// report cites (registry.Model.ReadEntry: from the store, which can
// fail). The first failure sticks, as bufio.Scanner's does: later reads
// find nothing, and the function that builds the report returns the
// failure instead of the report (err).
type reader struct {
	*registry.Model
	err error
}

// entry returns the entry of event seq and its body; ok is false when
// the event made none, or once a read has failed.
func (r *reader) entry(seq int64) (registry.Entry, registry.EntryBody, bool) {
	if r.err != nil {
		return registry.Entry{}, registry.EntryBody{}, false
	}
	e, b, ok, err := r.ReadEntry(seq)
	if err != nil {
		r.err = err
	}
	return e, b, ok
}

// commandAt returns the ID of the command at seq when it made no entry
// (Model.CommandAt); ok is false once a read has failed.
func (r *reader) commandAt(seq int64) (string, bool) {
	if r.err != nil {
		return "", false
	}
	id, ok, err := r.CommandAt(context.Background(), seq)
	if err != nil {
		r.err = err
	}
	return id, ok
}
