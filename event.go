package csto

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"time"

	"github.com/csto/csto/edtf"
)

// Event is an accepted command as the log keeps it. Events are never
// updated or deleted; a correction is a new event.
type Event struct {
	Seq       int64     // position in the log, from 1, without gaps
	CommandID string    // the command's stable ID
	Type      string    // the command type
	Date      edtf.Date // valid time
	Recorded  time.Time // when csto learned it (UTC)
	Actor     string    // who submitted it: "system:history", "delegate:KAZ:…", …
	Body      []byte    // the command as canonical JSON
	PrevHash  string    // hex sha-256 of the previous event; "" for the first
	Hash      string    // hex sha-256 of this event, chaining PrevHash
}

// Command decodes the event's body.
func (e *Event) Command() (Command, error) {
	var c Command
	err := json.Unmarshal(e.Body, &c)
	return c, err
}

// ComputeHash returns the hash of e from its fields and PrevHash; it is
// what the log stores in Hash and what verification recomputes.
func (e *Event) ComputeHash() string {
	h := sha256.New()
	for _, f := range []string{
		e.PrevHash,
		strconv.FormatInt(e.Seq, 10),
		e.CommandID,
		e.Type,
		e.Date.String(),
		e.Recorded.UTC().Format(time.RFC3339Nano),
		e.Actor,
	} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	h.Write(e.Body)
	return hex.EncodeToString(h.Sum(nil))
}

// Spell is a span of one membership status of a state in an
// organization: from From (inclusive) until To (exclusive; zero when it
// still holds). Spells are derived from events, never typed in.
type Spell struct {
	State  string
	Org    string
	Status Status
	From   edtf.Date
	To     edtf.Date
	Seq    int64 // the event that began it
}

// Pair names a state's membership in an organization.
type Pair struct{ State, Org string }

// Projection is what an append changes in the relational projections
// beyond the events themselves: the membership spells of the pairs the
// new events touched, replacing what was stored for those pairs.
type Projection struct {
	Pairs  []Pair
	Spells []Spell
	// Commands, when set, are the new events' commands, one per event and
	// in order, as the caller decoded and encoded them: the store projects
	// them instead of decoding each event's body again.
	Commands []Command
}

// AppendFunc builds the events to append, given the events other writers
// appended since the caller's position (tail). It runs inside the
// store's write transaction; returning an error aborts the append and
// changes nothing.
type AppendFunc func(tail []Event) ([]Event, Projection, error)

// Store is the event log and its relational projections. Implementations:
// store/sqlite (default), later store/postgres. The shared behaviour is
// tested by store/storetest.
type Store interface {
	// Append takes the log's write lock, passes fn the events after
	// position after, then appends the events fn returns (setting Seq,
	// Recorded, PrevHash and Hash) and writes their projections, all in one
	// transaction. It returns the appended events. A duplicate command ID
	// is a Conflict error.
	Append(ctx context.Context, after int64, fn AppendFunc) ([]Event, error)
	// Events calls fn for each event with Seq > after, in order.
	Events(ctx context.Context, after int64, fn func(Event) error) error
	// Verify recomputes the hash chain. It returns nil if the chain is
	// intact, or a *ChainError naming the first bad event.
	Verify(ctx context.Context) error
	// Rebuild replaces every projection with those derived from the whole
	// log: the events as stored plus spells, in one transaction.
	Rebuild(ctx context.Context, spells []Spell) error
	// Close releases the store.
	Close() error
}

// MaxEventsAt is the most positions a store reads in one EventsAt (both
// csto stores offer it): a page's worth of entries, well under SQLite's
// limit on an SQL statement's parameters.
const MaxEventsAt = 500

// ChainError reports the first event whose stored hash or link does not
// match the recomputed chain.
type ChainError struct {
	Seq    int64
	Reason string
}

func (e *ChainError) Error() string {
	return "event " + strconv.FormatInt(e.Seq, 10) + ": " + e.Reason
}

// Chain checks a log read in order, one event at a time. The zero Chain
// expects the first event; ChainAfter one that continues a known prefix.
type Chain struct {
	last int64
	prev string
}

// ChainAfter returns a Chain expecting the event after position seq, whose
// hash is hash.
func ChainAfter(seq int64, hash string) Chain { return Chain{last: seq, prev: hash} }

// Next checks that e follows the events checked before: its sequence
// number is the next, it links to the previous event's hash, and its
// content matches its own hash. The error is a *ChainError.
func (c *Chain) Next(e *Event) error {
	want := c.last + 1
	switch {
	case e.Seq != want:
		return &ChainError{Seq: want, Reason: "missing (next stored event is " + strconv.FormatInt(e.Seq, 10) + ")"}
	case e.PrevHash != c.prev:
		return &ChainError{Seq: e.Seq, Reason: "previous-hash link does not match the event before it"}
	case e.ComputeHash() != e.Hash:
		return &ChainError{Seq: e.Seq, Reason: "content does not match its hash (altered after it was written)"}
	}
	c.last, c.prev = e.Seq, e.Hash
	return nil
}

// Len returns the position of the last event checked.
func (c *Chain) Len() int64 { return c.last }
