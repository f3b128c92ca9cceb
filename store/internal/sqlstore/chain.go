package sqlstore

import (
	"fmt"
	"time"

	"github.com/csto/csto"
)

// Seal places evs after the event at position seq whose hash is prev:
// it sets each event's Seq, Recorded (now), PrevHash and Hash. now must
// already have the precision the store keeps, so that the hash verifies
// after the event is read back.
func Seal(evs []csto.Event, seq int64, prev string, now time.Time) {
	for i := range evs {
		seq++
		e := &evs[i]
		e.Seq, e.Recorded, e.PrevHash = seq, now, prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
	}
}

// Chain checks a log read in order, one event at a time. The zero Chain
// expects the first event.
type Chain struct {
	last int64
	prev string
}

// Next checks that e follows the events checked before: its sequence
// number is the next, it links to the previous event's hash, and its
// content matches its own hash. The error is a *csto.ChainError.
func (c *Chain) Next(e *csto.Event) error {
	want := c.last + 1
	switch {
	case e.Seq != want:
		return &csto.ChainError{Seq: want, Reason: fmt.Sprintf("missing (next stored event is %d)", e.Seq)}
	case e.PrevHash != c.prev:
		return &csto.ChainError{Seq: e.Seq, Reason: "previous-hash link does not match the event before it"}
	case e.ComputeHash() != e.Hash:
		return &csto.ChainError{Seq: e.Seq, Reason: "content does not match its hash (altered after it was written)"}
	}
	c.last, c.prev = e.Seq, e.Hash
	return nil
}
