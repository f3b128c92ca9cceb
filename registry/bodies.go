package registry

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/csto/csto"
)

// An entry's body — its text in three languages, its sources, claims and
// corrections — is most of what the timeline weighs, and no index, count
// or rule needs it: only the views of a page do. So a registry's model
// keeps in memory what selects and orders entries (Entry), and reads a
// body back from the store when a view needs it (docs/ARCHITECTURE.md,
// "Entry bodies"). Only the entries of a write being checked keep their
// body in memory, until the store holds them; a model built without a
// store keeps every body.
//
// What is read back is untrusted, as everything the store holds: the
// event must match its own hash, and that hash must be the one the model
// applied (the entry keeps the first half of it, digest). An event
// altered behind csto's back since then, hash and all, is an error that
// names it, not a view of what it now says.

// EntryBody is what an entry says.
type EntryBody struct {
	ID        string // the command's, which the entry does not keep (Commands)
	Text      csto.Text
	Sources   []string
	Claims    []csto.Claim
	Preferred csto.Text
	// Exercise is an exercise.hold's payload: its name, places and
	// themes, which the model's Exercise does not keep.
	Exercise *csto.ExerciseHold
	// Corrections are the record.correct events that changed this entry,
	// in log order; the body shows the corrected values.
	Corrections []Fix
}

// digest is the first half of an event's hash: what an entry keeps to
// know the event it reads back is the one it was built from (128 bits:
// finding another event with the same digest is as hard as a collision
// of SHA-256).
type digest [16]byte

func digestOf(hash string) (d digest, ok bool) {
	if len(hash) < 2*len(d) {
		return d, false
	}
	_, err := hex.Decode(d[:], []byte(hash[:2*len(d)]))
	return d, err == nil
}

// bodyOf returns the body of the entry c, of payload p, makes.
func bodyOf(c *csto.Command, p any) *EntryBody {
	b := &EntryBody{ID: c.ID, Text: c.Text, Sources: c.Sources, Claims: c.Claims, Preferred: c.Preferred}
	if x, ok := p.(*csto.ExerciseHold); ok {
		b.Exercise = x
	}
	return b
}

// keepsBodies reports whether m keeps every entry's body in memory: a
// model built without a store.
func (m *Model) keepsBodies() bool { return m.store == nil }

// Body returns what e, one of m's entries, says.
func (m *Model) Body(e *Entry) (EntryBody, error) {
	bs, err := m.bodies(context.Background(), []*Entry{e})
	if err != nil {
		return EntryBody{}, err
	}
	return *bs[0], nil
}

// bodies returns the bodies of es, one of m's entries each, in their
// order: those in memory or in the cache as they are, the others read
// back from the store, MaxEventsAt at a time.
func (m *Model) bodies(ctx context.Context, es []*Entry) ([]*EntryBody, error) {
	return m.readBodies(ctx, es, true)
}

// readBodies is bodies; the bodies read back go to the cache when keep
// is set (a pass over every entry would only flush it).
func (m *Model) readBodies(ctx context.Context, es []*Entry, keep bool) ([]*EntryBody, error) {
	out := make([]*EntryBody, len(es))
	var w wanted // position → indexes into es
	f := m.fixed()
	for i, e := range es {
		if b := m.heldAt(e.Seq); b != nil {
			out[i] = b
			continue
		}
		if b, ok := m.cache.get(bodyKey{e.Seq, f}); ok {
			out[i] = b
			continue
		}
		w.add(e.Seq, i)
	}
	if len(w.seqs) == 0 {
		return out, nil
	}
	err := m.readBack(ctx, w.seqs, func(ev *csto.Event) error {
		is := w.by[ev.Seq]
		b, err := m.bodyFrom(ev, es[is[0]])
		if err != nil {
			return err
		}
		if keep {
			m.cache.put(bodyKey{es[is[0]].Seq, f}, b)
		}
		for _, i := range is {
			out[i] = b
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// wanted gathers the positions of the events to read back, each with
// the indexes of those that asked for it, in the order first asked.
type wanted struct {
	seqs []int64
	by   map[int64][]int
}

// add records that k asks for the event at seq, and reports whether it
// is the first to.
func (w *wanted) add(seq int64, k int) (first bool) {
	if w.by == nil {
		w.by = map[int64][]int{}
	}
	ks, ok := w.by[seq]
	if !ok {
		w.seqs = append(w.seqs, seq)
	}
	w.by[seq] = append(ks, k)
	return !ok
}

// readBack calls fn with the stored event at each of seqs, MaxEventsAt
// at a time. It sorts seqs, which must differ. An event not asked for, or
// one missing, is an error of the log; every error is the record's,
// unavailable (unreadable).
func (m *Model) readBack(ctx context.Context, seqs []int64, fn func(*csto.Event) error) error {
	slices.Sort(seqs)
	for len(seqs) > 0 {
		n := min(len(seqs), csto.MaxEventsAt)
		k := 0
		err := m.readAt(ctx, seqs[:n], func(ev csto.Event) error {
			switch {
			case k < n && ev.Seq == seqs[k]:
			case k < n && ev.Seq > seqs[k] && slices.Contains(seqs[k:n], ev.Seq):
				return fmt.Errorf("%w: the store does not hold event %d", errLog, seqs[k])
			default:
				return fmt.Errorf("%w: event %d, which was not asked for", errLog, ev.Seq)
			}
			k++
			return fn(&ev)
		})
		if err == nil && k < n {
			err = fmt.Errorf("%w: the store does not hold event %d", errLog, seqs[k])
		}
		if err != nil {
			if !errors.Is(err, errLog) {
				err = fmt.Errorf("%w: %w", errLog, err)
			}
			return unreadable(err)
		}
		seqs = seqs[n:]
	}
	return nil
}

// unreadable is the error of a body that cannot be read back: the
// record is unavailable, not the request wrong.
func unreadable(err error) error {
	return csto.Errorf(csto.Unavailable, "", "the record cannot read back the events it shows: %v", err)
}

// sameEvent reports whether ev, read back at e's position, is the event
// e was built from: it matches its own hash, and that hash is the one
// the model applied (the ID, the payload, every field is under it).
func sameEvent(ev *csto.Event, e *Entry) bool {
	d, _ := digestOf(ev.ComputeHash())
	h, ok := digestOf(ev.Hash)
	return ok && h == d && d == e.sum
}

// altered is the error of an event that is not the one the record was
// built from.
func altered(seq int64) error {
	return fmt.Errorf("%w: event %d is not the one this record was built from (altered since)", errLog, seq)
}

// bodyFrom derives e's body from ev, the event read back at e's
// position, after checking it is the event e was built from.
func (m *Model) bodyFrom(ev *csto.Event, e *Entry) (*EntryBody, error) {
	if !sameEvent(ev, e) {
		return nil, altered(ev.Seq)
	}
	c, err := ev.Command()
	if err != nil {
		return nil, fmt.Errorf("%w: event %d: %v", errLog, ev.Seq, err)
	}
	fx := m.fixes[ev.CommandID]
	var p any
	if len(fx) > 0 || c.Type == csto.CmdExerciseHold { // the payload matters to a correction and an exercise's body
		if p, err = c.Payload(); err != nil {
			return nil, fmt.Errorf("%w: event %d: %v", errLog, ev.Seq, err)
		}
	}
	if len(fx) > 0 {
		if c, p, err = effective(c, p, fx); err != nil {
			return nil, fmt.Errorf("%w: event %d: its corrections: %v", errLog, ev.Seq, err)
		}
	}
	b := bodyOf(&c, p)
	b.Corrections = slices.Clone(fx)
	return b, nil
}

// pointReader is a store that reads events by position (both csto
// stores).
type pointReader interface {
	EventsAt(ctx context.Context, seqs []int64, fn func(csto.Event) error) error
}

// readAt calls fn with the stored events at seqs, ascending.
func (m *Model) readAt(ctx context.Context, seqs []int64, fn func(csto.Event) error) error {
	if m.store == nil {
		return fmt.Errorf("%w: no store holds event %d", errLog, seqs[0])
	}
	if pr, ok := m.store.(pointReader); ok {
		return pr.EventsAt(ctx, seqs, fn)
	}
	stop := errors.New("stop")
	for _, seq := range seqs {
		err := m.store.Events(ctx, seq-1, func(ev csto.Event) error {
			if ev.Seq == seq {
				if err := fn(ev); err != nil {
					return err
				}
			}
			return stop
		})
		if err != nil && err != stop {
			return err
		}
	}
	return nil
}

// stampEntries sets, on the entries of evs (just stored), the digest of
// the hash the store gave each event, and moves their bodies from memory
// to the cache: from now on they are read back like the others.
func (m *Model) stampEntries(evs []csto.Event) {
	first := evs[0].Seq
	for i := len(m.Entries) - 1; i >= 0 && m.Entries[i].Seq >= first; i-- {
		e := &m.Entries[i]
		if k := e.Seq - first; k < int64(len(evs)) {
			e.sum, _ = digestOf(evs[k].Hash)
		}
	}
	if !m.keepsBodies() {
		f := m.fixed()
		for _, h := range m.held {
			m.cache.put(bodyKey{h.seq, f}, h.body)
		}
		m.held = nil // the store holds every event now (markStored)
	}
}

// heldBody is the body of the entry at seq, which a model keeps in memory
// until the store holds its event: an entry of the write being checked,
// or, in a model built without a store, every entry (Model.held).
type heldBody struct {
	seq  int64
	body *EntryBody
}

// heldAt returns the body m keeps in memory for the entry at seq, nil
// when it keeps none.
func (m *Model) heldAt(seq int64) *EntryBody {
	h := m.held
	if len(h) == 0 || seq < h[0].seq || seq > h[len(h)-1].seq {
		return nil // a model with a store holds only a write's, the last
	}
	lo, hi := 0, len(h) // h[lo-1].seq < seq <= h[hi].seq
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if h[mid].seq < seq {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if h[lo].seq != seq {
		return nil
	}
	return h[lo].body
}

// bodyKey names a body in the cache: its entry's position and the
// model's corrections, counted with the last one's position (a correction
// changes a body; corrections are only ever appended). The entry does not
// keep its ID, which names its own corrections, so a correction renames
// every body: corrections are rare, and a body read again costs a read.
// fixed computes the corrections' part once for the bodies of a request.
type bodyKey struct {
	seq int64
	fixed
}

type fixed struct {
	fixes int
	last  int64
}

func (m *Model) fixed() fixed {
	var f fixed
	for _, fx := range m.fixes {
		if len(fx) > 0 {
			f.fixes += len(fx)
			f.last = max(f.last, fx[len(fx)-1].Seq)
		}
	}
	return f
}

// bodyCacheSize is how many bodies a registry keeps from its last reads:
// the pages being read (a page is at most a few hundred entries), a few
// MB.
const bodyCacheSize = 4096

// bodyCache keeps the bodies last read back, for the models of one
// registry (they share one store); the oldest goes first. A nil cache
// keeps nothing.
type bodyCache struct {
	mu   sync.Mutex
	m    map[bodyKey]*EntryBody
	ring []bodyKey // in the order they came; next is the oldest once full
	next int
}

func newBodyCache() *bodyCache { return &bodyCache{m: map[bodyKey]*EntryBody{}} }

func (c *bodyCache) get(k bodyKey) (*EntryBody, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[k]
	return b, ok
}

func (c *bodyCache) put(k bodyKey, b *EntryBody) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; ok {
		c.m[k] = b
		return
	}
	if len(c.ring) < bodyCacheSize {
		c.ring = append(c.ring, k)
	} else {
		delete(c.m, c.ring[c.next])
		c.ring[c.next] = k
		c.next = (c.next + 1) % bodyCacheSize
	}
	c.m[k] = b
}

// ReadEntry returns the timeline entry of event seq with its body; ok is
// false when the event made no entry (reference events: source.add,
// state.add, …).
func (m *Model) ReadEntry(seq int64) (e Entry, b EntryBody, ok bool, err error) {
	p, ok := m.entryAt(seq)
	if !ok {
		return Entry{}, EntryBody{}, false, nil
	}
	if b, err = m.Body(p); err != nil {
		return Entry{}, EntryBody{}, false, err
	}
	return *p, b, true, nil
}

// ViewAt is ReadEntry as a view in lang: the entry of event seq as the
// timeline shows it.
func (m *Model) ViewAt(seq int64, lang csto.Lang) (v EntryView, ok bool, err error) {
	p, ok := m.entryAt(seq)
	if !ok {
		return EntryView{}, false, nil
	}
	v, err = m.View(p, lang)
	return v, err == nil, err
}
