package registry

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"math/bits"

	"github.com/csto/csto"
	"github.com/csto/csto/registry/internal/hugepages"
	"github.com/csto/csto/registry/internal/pmap"
)

// Commands maps the log's command IDs to their positions: what tells a
// write whose ID the log already holds, and a correction the event it
// corrects.
//
// The IDs of a snapshot's entries — a million strings at a million
// events, a fifth of the model — are not kept in memory: the log holds
// them (each event names its command), and the model holds the 64-bit
// keyed hash of each (idTable) and finds a position by it. A hash that
// matches is only a candidate, confirmed by reading the event back
// (Model.CommandSeq), so an answer is exact; a write with a new ID, whose
// hash matches none, reads nothing. The commands added since the
// snapshot, and all of a replayed model's, are in a persistent map by ID.
type Commands struct {
	base *idTable // the snapshot's entries' IDs; nil: none
	more pmap.Map[string, int64]
}

// Len returns the number of commands.
func (c Commands) Len() int { return c.base.len() + c.more.Len() }

// get returns the position of id when the map holds it, and whether it
// is only a candidate to confirm: an entry of the snapshot whose ID has
// the same hash.
func (c Commands) get(id string) (seq int64, candidate, ok bool) {
	if seq, ok := c.more.Get(id); ok {
		return seq, false, true
	}
	if c.base == nil {
		return 0, false, false
	}
	for i := range c.base.candidates(c.base.hash(id)) {
		return c.base.seq(i), true, true // a second, if any, is found by CommandSeq
	}
	return 0, false, false
}

func (c *Commands) set(m *Model, id string, seq int64) { c.more.Set(id, seq, m.edit) }

// CommandSeq returns the position of the command id in the log, and
// whether the log holds it (CommandSeqs).
func (m *Model) CommandSeq(ctx context.Context, id string) (int64, bool, error) {
	seqs, err := m.CommandSeqs(ctx, []string{id})
	if err != nil {
		return 0, false, err
	}
	return seqs[0], seqs[0] != 0, nil
}

// HasCommand reports whether the log holds the command id (CommandSeqs).
func (m *Model) HasCommand(ctx context.Context, id string) (bool, error) {
	_, ok, err := m.CommandSeq(ctx, id)
	return ok, err
}

// CommandSeqs returns the position in the log of each of ids, 0 for one
// the log does not hold. An ID found by its hash alone is confirmed by
// reading its event back, all of them in one go: a check of the default
// history's 440 commands is one read of the store, not 440. An error is
// the store's, or an event altered since the model read it.
func (m *Model) CommandSeqs(ctx context.Context, ids []string) ([]int64, error) {
	out := make([]int64, len(ids))
	var rest []int // indexes into ids of those the map does not hold
	for k, id := range ids {
		if seq, ok := m.Commands.more.Get(id); ok {
			out[k] = seq
		} else {
			rest = append(rest, k)
		}
	}
	t := m.Commands.base
	if t == nil || len(rest) == 0 {
		return out, nil
	}
	found, err := m.lookUp(ctx, t, func(k int) string { return ids[rest[k]] }, len(rest), commandID)
	if err != nil {
		return nil, err
	}
	for k, i := range found {
		if i >= 0 {
			out[rest[k]] = t.seq(i)
		}
	}
	return out, nil
}

func commandID(ev *csto.Event) (string, error) { return ev.CommandID, nil }

// CommandIDs calls fn with each command ID the model holds and its
// position: those of the snapshot's entries read back from the log, the
// others from memory. It reads the whole log when the model started from
// a snapshot; it is for checks and tools, not for a request.
func (m *Model) CommandIDs(ctx context.Context, fn func(id string, seq int64) error) error {
	for id, seq := range m.Commands.more.All() {
		if err := fn(id, seq); err != nil {
			return err
		}
	}
	t := m.Commands.base
	return m.eachID(ctx, t, commandID, func(i int, id string) error { return fn(id, t.seq(i)) })
}

// lookUp returns, for each of the n IDs id(k), the index of the item of t
// whose ID it is, -1 for none. An item whose ID's hash is the ID's is a
// candidate, confirmed by reading its event back: it must be the event
// the model applied (its entry's digest), and idOf must take the ID from
// it. All the candidates are read in one go.
func (m *Model) lookUp(ctx context.Context, t *idTable, id func(k int) string, n int, idOf func(*csto.Event) (string, error)) ([]int, error) {
	out := make([]int, n)
	var w wanted         // a candidate's position → indexes into out
	var at map[int64]int // a candidate's position → its index in t
	for k := range n {
		out[k] = -1
		for i := range t.candidates(t.hash(id(k))) {
			if seq := t.seq(i); w.add(seq, k) {
				if at == nil {
					at = map[int64]int{}
				}
				at[seq] = i
			}
		}
	}
	if len(w.seqs) == 0 {
		return out, nil // a new ID, as a write's mostly is: nothing to read
	}
	err := m.readBack(ctx, w.seqs, func(ev *csto.Event) error {
		got, err := m.idOfApplied(ev, idOf)
		if err != nil {
			return err
		}
		for _, k := range w.by[ev.Seq] {
			if got == id(k) {
				out[k] = at[ev.Seq]
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachID calls fn with each item of t and its ID, read back from its
// event in the log (idOfApplied), in the items' order.
func (m *Model) eachID(ctx context.Context, t *idTable, idOf func(*csto.Event) (string, error), fn func(i int, id string) error) error {
	for i := 0; i < t.len(); i += csto.MaxEventsAt {
		n := min(t.n-i, csto.MaxEventsAt)
		seqs := make([]int64, n)
		for k := range seqs {
			seqs[k] = t.seq(i + k)
		}
		ids := make([]string, 0, n)
		err := m.readBack(ctx, seqs, func(ev *csto.Event) error {
			id, err := m.idOfApplied(ev, idOf)
			ids = append(ids, id)
			return err
		})
		if err != nil {
			return err
		}
		for k, id := range ids {
			if err := fn(i+k, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// idOfApplied takes an ID from ev, read back, with idOf, after checking
// that ev is the event the model's entry at its position was built from.
func (m *Model) idOfApplied(ev *csto.Event, idOf func(*csto.Event) (string, error)) (string, error) {
	if e, ok := m.entryAt(ev.Seq); !ok || !sameEvent(ev, e) {
		return "", altered(ev.Seq)
	}
	id, err := idOf(ev)
	if err != nil {
		return "", fmt.Errorf("%w: event %d: %v", errLog, ev.Seq, err)
	}
	return id, nil
}

// idSeed keys the hashes of a snapshot's command and exercise IDs
// (idHash), so that IDs cannot be chosen to collide in the tables. It is drawn when a model
// is first snapshotted and kept by the snapshots after: their hashes are
// carried over, not computed again.
type idSeed [16]byte

func newIDSeed() (s idSeed) {
	rand.Read(s[:]) // never fails (crypto/rand)
	return s
}

// idHash is the first 64 bits of SHA-256(seed ‖ id).
func idHash(seed *idSeed, id string) uint64 {
	var buf [128]byte
	b := append(append(buf[:0], seed[:]...), id...)
	sum := sha256.Sum256(b)
	return binary.BigEndian.Uint64(sum[:8])
}

// idTable finds the items of a snapshot (its entries' commands, its
// exercises) by the hashes of their IDs: an open-addressing table (linear
// probing, at most half full) of their indexes, a probe comparing the hash
// it looks for with the item's. 16 bytes an item with its hash, against
// some 60 for its ID as a string.
type idTable struct {
	seed   idSeed
	n      int
	seq    func(i int) int64 // the position of item i's event
	hashes []uint64          // of item i's ID
	slots  []uint32          // index+1; 0: empty
}

func (t *idTable) len() int {
	if t == nil {
		return 0
	}
	return t.n
}

func (t *idTable) hash(id string) uint64 { return idHash(&t.seed, id) }

// candidates yields the indexes of the items whose IDs have hash h.
func (t *idTable) candidates(h uint64) func(yield func(int) bool) {
	return func(yield func(int) bool) {
		mask := uint64(len(t.slots) - 1)
		for j := h & mask; t.slots[j] != 0; j = (j + 1) & mask {
			if i := int(t.slots[j]) - 1; t.hashes[i] == h && !yield(i) {
				return
			}
		}
	}
}

// newIDTable returns the table of the items (fewer than 1<<31) at
// positions seq(i), hashes[i] the hash of item i's ID under seed, and
// whether no hash is there twice: two IDs of the same hash are refused (a
// snapshot altered, or a collision of 64 bits, which a replay then
// serves). seq must answer the same for as long as the table lives: the
// items are a snapshot's, which no model changes.
func newIDTable(seed idSeed, hashes []uint64, seq func(int) int64) (*idTable, bool) {
	n := len(hashes)
	if n == 0 {
		return nil, true
	}
	t := &idTable{seed: seed, n: n, seq: seq, hashes: hashes[:n:n], slots: make([]uint32, 1<<bits.Len(uint(2*n-1)))}
	_ = hugepages.Advise(t.slots) // best effort: written and read at random, a TLB miss a probe with small pages
	mask := uint64(len(t.slots) - 1)
	for i, h := range t.hashes {
		j := h & mask
		for ; t.slots[j] != 0; j = (j + 1) & mask {
			if t.hashes[t.slots[j]-1] == h {
				return nil, false
			}
		}
		t.slots[j] = uint32(i + 1)
	}
	return t, true
}

// commandsOf returns the commands of a snapshot: those of its entries,
// hashes[i] the hash of entries[i]'s ID under seed, and more, the commands
// that made no entry.
func commandsOf(seed idSeed, entries []Entry, hashes []uint64, more []commandPos) (Commands, error) {
	if uint64(len(entries)) >= 1<<31 || len(hashes) != len(entries) {
		return Commands{}, fmt.Errorf("%d entries, %d hashes of their IDs: more than a table holds, or not one each", len(entries), len(hashes))
	}
	m, dup, ok := pmap.Bulk(len(more), func(i int) (string, int64) { return more[i].ID, more[i].Seq }, new(pmap.Owner))
	if !ok {
		return Commands{}, fmt.Errorf("command %q twice", dup)
	}
	es := entries[:len(entries):len(entries)]
	t, ok := newIDTable(seed, hashes, func(i int) int64 { return es[i].Seq })
	if !ok {
		return Commands{}, errors.New("two entries' IDs of the same hash")
	}
	if t != nil {
		for id := range m.Keys() { // the smaller: looked up in the table, not the table's in it
			for range t.candidates(t.hash(id)) {
				return Commands{}, fmt.Errorf("command %q and an entry's of the same hash", id)
			}
		}
	}
	return Commands{base: t, more: m}, nil
}

// CommandAt returns the ID of the command at seq when it made no entry
// (an entry's is its body's), and whether there is one. It reads the
// event back and takes its ID when the model maps that ID to seq: the
// model keeps no map from positions to IDs. An event not stored yet (the
// write being checked) is the model's own; a model without a store looks
// through the commands it holds.
func (m *Model) CommandAt(ctx context.Context, seq int64) (string, bool, error) {
	if _, ok := m.entryAt(seq); ok || seq < 1 || seq > m.Seq {
		return "", false, nil
	}
	if i := seq - m.stored - 1; i >= 0 && i < int64(len(m.log)) && m.log[i].ev.Seq == seq {
		return m.log[i].ev.CommandID, true, nil
	}
	if m.store == nil {
		for id, s := range m.Commands.more.All() {
			if s == seq {
				return id, true, nil
			}
		}
		return "", false, nil
	}
	var id string
	err := m.readBack(ctx, []int64{seq}, func(ev *csto.Event) error {
		id = ev.CommandID
		return nil
	})
	if err != nil {
		return "", false, err
	}
	if s, ok := m.Commands.more.Get(id); !ok || s != seq {
		return "", false, unreadable(altered(seq))
	}
	return id, true, nil
}

// Exercises maps exercise IDs to the exercises, as Commands maps command
// IDs: a snapshot's exercises by the keyed hashes of their IDs, read back
// from their events to be confirmed (Model.Exercise); those added since,
// and all of a replayed model's, in a persistent map by ID.
type Exercises struct {
	base *idTable    // the snapshot's exercises' IDs; nil: none
	xs   []*Exercise // the table's items
	more pmap.Map[string, *Exercise]
}

// Len returns the number of exercises.
func (x Exercises) Len() int { return x.base.len() + x.more.Len() }

func (x *Exercises) set(m *Model, id string, v *Exercise) { x.more.Set(id, v, m.edit) }

// Exercise returns the exercise id, and whether the record holds it. An
// exercise found by its ID's hash alone is confirmed by reading its event
// back; an error is the store's.
func (m *Model) Exercise(ctx context.Context, id string) (*Exercise, bool, error) {
	if x, ok := m.Exercises.more.Get(id); ok {
		return x, true, nil
	}
	t := m.Exercises.base
	if t == nil {
		return nil, false, nil
	}
	found, err := m.lookUp(ctx, t, func(int) string { return id }, 1, exerciseID)
	if err != nil || found[0] < 0 {
		return nil, false, err
	}
	return m.Exercises.xs[found[0]], true, nil
}

// ExerciseIDs calls fn with the ID of each exercise the model holds: those
// of the snapshot read back from the log (CommandIDs).
func (m *Model) ExerciseIDs(ctx context.Context, fn func(id string) error) error {
	for id := range m.Exercises.more.Keys() {
		if err := fn(id); err != nil {
			return err
		}
	}
	return m.eachID(ctx, m.Exercises.base, exerciseID, func(_ int, id string) error { return fn(id) })
}

// exerciseID takes an exercise's ID from the event that recorded it.
func exerciseID(ev *csto.Event) (string, error) {
	c, err := ev.Command()
	if err != nil {
		return "", err
	}
	p, err := c.Payload()
	if err != nil {
		return "", err
	}
	x, ok := p.(*csto.ExerciseHold)
	if !ok {
		return "", fmt.Errorf("a %s, not an exercise", c.Type)
	}
	return x.ID, nil
}

// exercisesOf returns the exercises of a snapshot, hashes[i] the hash of
// xs[i]'s ID under seed.
func exercisesOf(seed idSeed, xs []*Exercise, hashes []uint64) (Exercises, error) {
	if uint64(len(xs)) >= 1<<31 || len(hashes) != len(xs) {
		return Exercises{}, fmt.Errorf("%d exercises, %d hashes of their IDs: more than a table holds, or not one each", len(xs), len(hashes))
	}
	xs = xs[:len(xs):len(xs)]
	t, ok := newIDTable(seed, hashes, func(i int) int64 { return xs[i].Seq })
	if !ok {
		return Exercises{}, errors.New("two exercises' IDs of the same hash")
	}
	return Exercises{base: t, xs: xs}, nil
}

// All yields every exercise, in no particular order (their IDs are their
// events': ExerciseIDs).
func (x Exercises) All() iter.Seq[*Exercise] {
	return func(yield func(*Exercise) bool) {
		for _, v := range x.xs {
			if !yield(v) {
				return
			}
		}
		for _, v := range x.more.All() {
			if !yield(v) {
				return
			}
		}
	}
}
