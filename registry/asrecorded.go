package registry

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/csto/csto"
)

// The record as it stood at a past recording time (AsRecorded: `csto
// members --recorded`, `?recorded=`) is the model of the longest prefix of
// the log recorded by then. The prefix's length is found in memory (the
// recorded times of the events the current model holds, as a running
// maximum, so a clock that went back changes nothing), and the models of
// past prefixes are kept in a small LRU keyed by that length: a request
// for a time already asked for, or for any time in the same gap between
// two writes, builds nothing. A time after the last event is the current
// model and the store's tail.
//
// A new prefix is replayed from the nearest model at or before it: a
// cached one, or a checkpoint. The registry keeps as checkpoints the
// models it published (snapshotLater sees each) at least checkpointEvery
// events apart, and so does a replay of a new prefix as it passes each
// multiple of checkpointEvery; at most checkpointsKept of them, thinned
// to twice the spacing when full. A model shares nearly everything with
// its successors (clone), so a checkpoint costs the maps the writes after
// it copied, not a whole model. A new prefix thus replays at most the
// spacing (10,000 events, more on a log past 160,000).
//
// A process that started from a snapshot never built the models before
// its position. For a prefix there, it starts from the nearest past
// snapshot kept (SnapshotCache: up to pastKept of them, spread over the
// log), so it replays at most the gap to it: about 2/pastKept of the log
// at worst. With none kept before the prefix (a data directory whose
// snapshots were all written at its latest events), it replays from the
// first event once, and keeps what it passes as past snapshots for the
// processes after it (savePast), as a server keeps the snapshots it wrote
// before its latest.

// recordedModels is how many past models AsRecorded keeps: each is a whole
// model, so they are few.
const recordedModels = 4

const (
	checkpointEvery = 10_000 // events between checkpoints, at least
	checkpointsKept = 16
)

type recordedCache struct {
	mu     sync.Mutex
	maxRec []int64 // maxRec[i]: the latest recorded time of events 1…i+1 (Unix ns)
	models map[int64]*recordedModel
	tick   int64

	marks    []*Model // checkpoints, by Seq
	every    int64    // their spacing: checkpointEvery, doubled when thinned
	replayed int64    // events replayed for new prefixes (the tests' count)
}

// reset drops the checkpoints and the models kept.
func (c *recordedCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.marks, c.models, c.every = nil, nil, 0
}

// checkpoint keeps m (immutable, a prefix of the log) as a base for
// replays, unless a checkpoint lies within the spacing of it.
func (c *recordedCache) checkpoint(m *Model) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.every == 0 {
		c.every = checkpointEvery
	}
	if m.Seq < c.every {
		return
	}
	i, _ := slices.BinarySearchFunc(c.marks, m.Seq, func(x *Model, seq int64) int { return cmp.Compare(x.Seq, seq) })
	if i > 0 && m.Seq-c.marks[i-1].Seq < c.every || i < len(c.marks) && c.marks[i].Seq-m.Seq < c.every {
		return
	}
	c.marks = slices.Insert(c.marks, i, m)
	for len(c.marks) > checkpointsKept {
		c.every *= 2
		kept := c.marks[:1]
		for _, x := range c.marks[1:] {
			if x.Seq-kept[len(kept)-1].Seq >= c.every {
				kept = append(kept, x)
			}
		}
		clear(c.marks[len(kept):])
		c.marks = kept
	}
}

type recordedModel struct {
	done chan struct{}
	m    *Model
	err  error
	used int64
}

// prefix returns how many of cur's first events were recorded by t, or
// false when cur does not keep its events' recorded times.
func (c *recordedCache) prefix(cur *Model, t time.Time) (int64, bool) {
	if int64(len(cur.recorded)) != cur.Seq {
		return 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.maxRec) > len(cur.recorded) {
		c.maxRec = c.maxRec[:0] // another record (a rebuild): start again
	}
	for i := len(c.maxRec); i < len(cur.recorded); i++ {
		r := cur.recorded[i]
		if i > 0 {
			r = max(r, c.maxRec[i-1])
		}
		c.maxRec = append(c.maxRec, r)
	}
	at := unixNano(t)
	return int64(sort.Search(int(cur.Seq), func(i int) bool { return c.maxRec[i] > at })), true
}

// unixNano is t in Unix nanoseconds, clamped to what an int64 holds
// (1677 to 2262): a recorded time is the registry's clock, but a query's
// may be any.
func unixNano(t time.Time) int64 {
	switch {
	case t.Before(minNano):
		return math.MinInt64
	case t.After(maxNano):
		return math.MaxInt64
	}
	return t.UnixNano()
}

var minNano, maxNano = time.Unix(0, math.MinInt64), time.Unix(0, math.MaxInt64)

// model returns the model of the first k events, from the cache or built
// by replaying from the nearest cached model before it.
func (c *recordedCache) model(k int64, build func(base *Model) (*Model, error)) (*Model, error) {
	c.mu.Lock()
	if c.models == nil {
		c.models = map[int64]*recordedModel{}
	}
	c.tick++
	if e := c.models[k]; e != nil {
		e.used = c.tick
		c.mu.Unlock()
		<-e.done
		return e.m, e.err
	}
	base := newModel()
	for _, x := range c.marks {
		if x.Seq <= k && x.Seq > base.Seq {
			base = x
		}
	}
	for seq, e := range c.models {
		select {
		case <-e.done:
			if e.err == nil && seq <= k && seq > base.Seq {
				base = e.m
			}
		default:
		}
	}
	e := &recordedModel{done: make(chan struct{}), used: c.tick}
	c.models[k] = e
	c.mu.Unlock()

	e.m, e.err = build(base)
	close(e.done)

	c.mu.Lock()
	defer c.mu.Unlock()
	if e.err != nil {
		delete(c.models, k) // asked again, built again
	}
	for len(c.models) > recordedModels {
		var old int64 = -1
		for seq, x := range c.models {
			if old < 0 || x.used < c.models[old].used {
				old = seq
			}
		}
		delete(c.models, old)
	}
	return e.m, e.err
}

// AsRecorded returns the model as csto held it at the recorded time t:
// built from the events recorded up to t (up to the first one recorded
// after t). It is answered from the current model, or from a cached
// model of an earlier prefix (see recordedCache), not by replaying the log
// per request.
func (r *Registry) AsRecorded(ctx context.Context, t time.Time) (*Model, error) {
	bad := r.Degraded()
	keep := func(e csto.Event) bool {
		return !e.Recorded.After(t) && (bad == nil || e.Seq < bad.Seq)
	}
	cur, err := r.Fresh(ctx)
	if err != nil {
		return nil, err
	}
	k, ok := r.recorded.prefix(cur, t)
	if !ok {
		return replay(ctx, r.store, newModel(), keep)
	}
	if k == cur.Seq {
		// Every event this model holds: it, and the store's events after
		// it recorded by t, if any.
		return replay(ctx, r.store, cur, keep)
	}
	return r.recorded.model(k, func(base *Model) (*Model, error) {
		// Far from the nearest model in memory, the nearest past snapshot
		// kept may be nearer (a process that started from the latest one).
		// A loaded model shares nothing with the current one, so the
		// replay from it leaves no checkpoints in memory: only its answer
		// is kept (the LRU).
		mark := true
		if k-base.Seq > r.recorded.spacing() {
			if p := r.pastSnapshot(ctx, base.Seq, k); p != nil {
				base, mark = p, false
			}
		}
		return r.recorded.replayTo(ctx, r.store, base, k, keep, mark, r.savePast)
	})
}

// spacing is the checkpoints' spacing now.
func (c *recordedCache) spacing() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return cmp.Or(c.every, checkpointEvery)
}

// replayTo replays the store's events after base up to position k (those
// keep keeps), stopping at each multiple of the spacing it passes: there
// it leaves a checkpoint when mark is set, and offers the model to save
// (a past snapshot, for the next process), as it does the last.
func (c *recordedCache) replayTo(ctx context.Context, store csto.Store, base *Model, k int64, keep func(csto.Event) bool, mark bool, save func(*Model)) (*Model, error) {
	m := base
	for m.Seq < k {
		every := c.spacing()
		stop := min(k, (m.Seq/every+1)*every)
		next, err := replay(ctx, store, m, func(e csto.Event) bool { return e.Seq <= stop && keep(e) })
		if err != nil {
			return nil, err
		}
		c.mu.Lock()
		c.replayed += next.Seq - m.Seq
		c.mu.Unlock()
		if next.Seq == m.Seq {
			break // keep kept no more
		}
		m = next
		if mark && m.Seq < k {
			c.checkpoint(m)
		}
		save(m)
	}
	return m, nil
}
