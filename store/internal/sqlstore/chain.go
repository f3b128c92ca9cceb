package sqlstore

import (
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

// Chain checks a log read in order; see csto.Chain.
type Chain = csto.Chain
