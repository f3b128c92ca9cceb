package sqlstore

import (
	"time"

	"github.com/csto/csto"
)

// Seal places evs after the event at position seq whose hash is prev:
// it sets each event's Seq, Recorded (now, unless the caller's clock set
// it: the registry's), PrevHash and Hash. The recorded time must already
// have the precision the store keeps, so that the hash verifies after the
// event is read back.
func Seal(evs []csto.Event, seq int64, prev string, now time.Time) {
	for i := range evs {
		seq++
		e := &evs[i]
		if e.Recorded.IsZero() {
			e.Recorded = now
		}
		e.Seq, e.Recorded, e.PrevHash = seq, e.Recorded.UTC(), prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
	}
}

// Chain checks a log read in order; see csto.Chain.
type Chain = csto.Chain
