package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/translog"
)

// Registry validates commands, appends them to the store as events, and
// serves queries from the latest Model. It is safe for concurrent use;
// several processes may share one store, each with its own Registry.
type Registry struct {
	store csto.Store
	mu    sync.Mutex // serializes this process's writers

	queueMu sync.Mutex
	queue   []*request // writes waiting for the writer (group commit, see submit)
	leading bool       // a submitter is leading: the next one queues
	cur     atomic.Pointer[Model]

	degraded  atomic.Pointer[ReplayError] // the event that made the record read-only
	appended  atomic.Int64                // events this process appended
	replayed  int64                       // events Open replayed (after the snapshot, if any)
	refreshed atomic.Int64                // when the model last caught up with the store (Unix nanoseconds)

	// Snapshots (snapshot.go); snaps is nil when the registry keeps none.
	snaps    *Snapshots
	snapMu   sync.Mutex   // one snapshot written at a time
	snapSeq  atomic.Int64 // position of the snapshot loaded or last written
	snapping atomic.Bool  // a snapshot is being written in the background
	pastMu   sync.Mutex   // held while a past snapshot is written (savePast)
	snapWG   sync.WaitGroup

	recorded recordedCache // past models AsRecorded answers from (asrecorded.go)

	// MaxAge is how stale a read may be with respect to other processes'
	// writes (Fresh); this process's own writes are always visible at once.
	MaxAge time.Duration

	// Now is the registry's clock (time.Now when nil): the recorded time
	// of the events it appends and the day its acts take effect, read
	// once per write transaction. Tests set it.
	Now func() time.Time
}

// Appended returns how many events this process appended.
func (r *Registry) Appended() int64 { return r.appended.Load() }

// Replayed returns how many events Open replayed from the log: those
// after the snapshot it started from, or all of them without one.
func (r *Registry) Replayed() int64 { return r.replayed }

// Open replays the store's log into a Registry. A stored event that does
// not follow the chain or does not apply to the events before it does not
// stop Open: the Registry then serves the last good prefix of the log,
// read-only, and Degraded says which event broke it (see ReplayError).
func Open(ctx context.Context, store csto.Store) (*Registry, error) {
	return open(ctx, &Registry{store: store, MaxAge: 100 * time.Millisecond}, newModel())
}

// open replays the store's events after base into r.
func open(ctx context.Context, r *Registry, base *Model) (*Registry, error) {
	m, err := r.replayInto(ctx, base)
	if err != nil {
		return nil, err
	}
	r.replayed = m.Seq - base.Seq
	r.cur.Store(m)
	r.refreshed.Store(time.Now().UnixNano())
	r.snapshotLater(m)
	return r, nil
}

// Degraded returns the error that made the record read-only — the first
// stored event that does not follow the chain or does not apply — or nil
// when the whole log applied. A degraded Registry answers every query from
// the events before that one and refuses every write.
func (r *Registry) Degraded() *ReplayError { return r.degraded.Load() }

// replayInto applies the store's events after base to a clone of base.
// On a ReplayError it records it (the Registry is degraded from then on)
// and returns the model of the events before the bad one.
func (r *Registry) replayInto(ctx context.Context, base *Model) (*Model, error) {
	m, err := replay(ctx, r.store, base, func(csto.Event) bool { return true })
	var re *ReplayError
	if !errors.As(err, &re) {
		return m, err
	}
	r.degraded.CompareAndSwap(nil, re)
	// apply may have changed the clone partly before failing: rebuild the
	// good prefix.
	return replay(ctx, r.store, base, func(e csto.Event) bool { return e.Seq < re.Seq })
}

// Fresh returns a model at most MaxAge behind the store: the current one
// when it caught up recently or another goroutine is catching up now,
// else the result of Refresh. Readers call it; they never queue behind
// each other or behind writers.
func (r *Registry) Fresh(ctx context.Context) (*Model, error) {
	if time.Since(time.Unix(0, r.refreshed.Load())) < r.MaxAge {
		return r.Model(), nil
	}
	if !r.mu.TryLock() {
		return r.Model(), nil // a writer or another reader is catching up
	}
	defer r.mu.Unlock()
	return r.refreshLocked(ctx)
}

// Model returns the current model. It never changes; call Model again
// (or Refresh first) to see later events.
func (r *Registry) Model() *Model { return r.cur.Load() }

// Refresh applies the events other processes appended since the current
// model, and returns the new model.
func (r *Registry) Refresh(ctx context.Context) (*Model, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.refreshLocked(ctx)
}

func (r *Registry) refreshLocked(ctx context.Context) (*Model, error) {
	start := time.Now()
	if r.Degraded() != nil {
		// The prefix is all there is to serve until the log is repaired.
		r.refreshed.Store(start.UnixNano())
		return r.cur.Load(), nil
	}
	m, err := r.replayInto(ctx, r.cur.Load())
	if err != nil {
		return nil, err
	}
	r.cur.Store(m)
	r.refreshed.Store(start.UnixNano())
	r.snapshotLater(m)
	return m, nil
}

// replay applies the store's events after base.Seq to a clone of base,
// stopping at the first event keep rejects. With no new event it returns
// base itself: nothing is cloned. Each event must follow the one before it
// (its position, its link and its own hash) and apply to the model; the
// first that does not is a *ReplayError.
func replay(ctx context.Context, store csto.Store, base *Model, keep func(csto.Event) bool) (*Model, error) {
	var (
		m       *Model
		release = func() {}
	)
	stop := fmt.Errorf("stop")
	err := store.Events(ctx, base.Seq, func(e csto.Event) error {
		if !keep(e) {
			return stop
		}
		if m == nil {
			m, release = base.clone()
			m.useStore(store)
		}
		if err := follows(m, &e); err != nil {
			return err
		}
		return m.applyEvent(&e)
	})
	if err != nil && err != stop {
		release()
		return nil, err
	}
	if m == nil {
		return base, nil
	}
	if err := m.settle(); err != nil {
		release()
		return nil, err
	}
	return m, nil
}

// follows checks that e is the event after m's last one: the next
// position, linked to m's head, and matching its own hash.
func follows(m *Model, e *csto.Event) error {
	chain := csto.ChainAfter(m.Seq, m.Head)
	err := chain.Next(e)
	var ce *csto.ChainError
	if !errors.As(err, &ce) {
		return err
	}
	re := &ReplayError{Seq: ce.Seq, Reason: ce.Reason}
	if ce.Seq == e.Seq {
		re.CommandID, re.Type = e.CommandID, e.Type
	}
	return re
}

// Submit validates cmds in order against the record and appends them as
// events in one transaction: either all are accepted or none is, and the
// error names the command (by index and ID) and the field or rule that
// refused it. actor is recorded on every event.
func (r *Registry) Submit(ctx context.Context, actor csto.Actor, cmds ...csto.Command) ([]csto.Event, error) {
	return r.submit(ctx, actor, false, cmds)
}

// SubmitNew is Submit for the commands whose IDs the log does not hold
// yet, judged inside the write transaction: replaying a file of commands
// from several processes at once appends each command once.
func (r *Registry) SubmitNew(ctx context.Context, actor csto.Actor, cmds ...csto.Command) ([]csto.Event, error) {
	return r.submit(ctx, actor, true, cmds)
}

// A write is a request queued for the writer (group commit): one
// submitter at a time leads, takes every request queued by then, checks
// each against the model as the ones before it left it, and appends the
// accepted ones in one store transaction, so concurrent writers share one
// commit and its fsync. Each request stays all or nothing on its own: a
// refused one changes nothing and the others go on. The leader then
// hands the lead to the oldest request queued meanwhile, and wakes the
// others of its group: every submitter returns only after the
// transaction holding its events committed, and waits at most for the
// commit in progress and its own.
type request struct {
	ctx     context.Context
	actor   csto.Actor
	onlyNew bool
	cmds    []csto.Command
	evs     []csto.Event
	err     error
	wake    chan bool // true: lead; false: done
}

func (r *Registry) submit(ctx context.Context, actor csto.Actor, onlyNew bool, cmds []csto.Command) ([]csto.Event, error) {
	if actor.Role == "" {
		return nil, csto.Errorf(csto.Invalid, "actor", "every event records its actor")
	}
	if err := r.readOnly(); err != nil {
		return nil, err
	}
	req := &request{ctx: ctx, actor: actor, onlyNew: onlyNew, cmds: cmds, wake: make(chan bool, 1)}
	r.queueMu.Lock()
	r.queue = append(r.queue, req)
	lead := !r.leading
	r.leading = true
	r.queueMu.Unlock()
	if !lead && !<-req.wake {
		return req.evs, req.err
	}
	r.lead(ctx)
	return req.evs, req.err
}

// lead commits the queued requests as one group, wakes them, and hands
// the lead on. Even if committing panics, no submitter is left waiting.
func (r *Registry) lead(ctx context.Context) {
	r.mu.Lock()
	r.queueMu.Lock()
	group := r.queue // the leader's request is in it: only the leader takes the queue
	r.queue = nil
	r.queueMu.Unlock()
	for _, q := range group {
		q.err = errInterrupted // until commitGroup sets its result
	}
	defer func() {
		r.mu.Unlock()
		for _, q := range group {
			q.wake <- false // buffered: the leader's own is not read
		}
		r.queueMu.Lock()
		if len(r.queue) > 0 {
			r.queue[0].wake <- true
		} else {
			r.leading = false
		}
		r.queueMu.Unlock()
	}()
	r.commitGroup(ctx, group)
}

var errInterrupted = errors.New("registry: the write was interrupted before its transaction ended")

// commitGroup writes group in one transaction; on a failure of the store
// (not a refusal), each request is tried again alone, so that one
// request's conflict is not another's.
func (r *Registry) commitGroup(ctx context.Context, group []*request) {
	live := group[:0:0]
	for _, q := range group {
		if err := q.ctx.Err(); err != nil {
			q.err = err
			continue
		}
		live = append(live, q)
	}
	if len(live) == 0 {
		return
	}
	if len(live) == 1 {
		ctx = live[0].ctx // its own, not the leader's, which may be gone
	} else {
		// The transaction is the group's: it does not end with the
		// context of the submitter that happens to run it.
		ctx = context.WithoutCancel(ctx)
	}
	err := r.commit(ctx, live)
	if err == nil {
		return
	}
	if len(live) == 1 {
		live[0].err = err
		return
	}
	for _, q := range live {
		if err := r.commit(q.ctx, []*request{q}); err != nil {
			q.err = err
		}
	}
}

// errRefused ends a transaction in which every request was refused.
var errRefused = errors.New("every request refused")

// commit appends the accepted requests of group in one store transaction
// and publishes the model. It sets each request's result unless it
// returns an error, which is the store's or the record's (read-only) and
// applies to the whole group.
func (r *Registry) commit(ctx context.Context, group []*request) error {
	base := r.cur.Load()
	var (
		next    *Model
		release = func() {}
		spans   [][2]int // each request's events in evs
		refused []error
	)
	evs, err := r.store.Append(ctx, base.Seq, func(tail []csto.Event) ([]csto.Event, csto.Projection, error) {
		release() // a store that calls fn again discards the clone it made before
		m, rel := base.clone()
		release = rel
		m.useStore(r.store)
		for i := range tail {
			err := follows(m, &tail[i])
			if err == nil {
				err = m.applyEvent(&tail[i])
			}
			var re *ReplayError
			if errors.As(err, &re) {
				r.degraded.CompareAndSwap(nil, re)
				return nil, csto.Projection{}, r.readOnly()
			}
			if err != nil {
				return nil, csto.Projection{}, err
			}
		}
		if err := m.settle(); err != nil {
			return nil, csto.Projection{}, err
		}
		now := r.now()
		var (
			all     []csto.Event
			done    []csto.Command // all's commands
			touched = map[csto.Pair]bool{}
		)
		spans, refused = make([][2]int, len(group)), make([]error, len(group))
		for i, q := range group {
			todo, err := q.cmds, error(nil)
			if q.onlyNew {
				todo, err = m.newCommands(ctx, q.cmds)
				if err != nil {
					refused[i] = err
					continue
				}
			}
			// A clone per request (it copies nothing): a refused request
			// leaves m as it was.
			sub, subRelease := m.clone()
			evs, cmds, pairs, err := sub.accept(q.actor, todo, now)
			if err != nil {
				subRelease()
				refused[i] = err
				continue
			}
			m = sub
			for _, p := range pairs {
				touched[p] = true
			}
			spans[i] = [2]int{len(all), len(all) + len(evs)}
			all = append(all, evs...)
			done = append(done, cmds...)
		}
		next = m
		if len(group) == 1 && refused[0] != nil {
			return nil, csto.Projection{}, refused[0]
		}
		if len(all) == 0 && slices.ContainsFunc(refused, func(err error) bool { return err != nil }) {
			return nil, csto.Projection{}, errRefused
		}
		proj := csto.Projection{Commands: done}
		for pair := range touched {
			proj.Pairs = append(proj.Pairs, pair)
			proj.Spells = append(proj.Spells, m.spells[pair]...)
		}
		return all, proj, nil
	})
	if err != nil && err != errRefused {
		release()
		return err // a single request's refusal, or the store's failure
	}
	if err == nil && len(evs) > 0 {
		// Bring the model's positions and hashes in line with what the
		// store assigned, then publish it.
		for i, e := range evs {
			next.setCommand(e.CommandID, e.Seq)
			next.tree = next.tree.Append(translog.LeafHash(&evs[i]))
		}
		n := len(evs)
		next.Seq, next.Head = evs[n-1].Seq, evs[n-1].Hash
		next.setRecorded(evs)
		next.stampEntries(evs)
		next.markStored() // the store holds them now: read back, not kept
		r.appended.Add(int64(n))
		r.cur.Store(next)
		r.snapshotLater(next)
	} else if err == nil {
		r.cur.Store(next) // caught up with other writers, if any
	} else {
		release()
	}
	for i, q := range group {
		if q.err = refused[i]; q.err == nil && spans[i][1] > spans[i][0] {
			q.evs = evs[spans[i][0]:spans[i][1]:spans[i][1]]
		}
	}
	return nil
}

// accept checks and applies cmds to m, returning the events to append
// and the membership pairs they touched. Sequence
// numbers are provisional (the store assigns them in the same order).
// now is the transaction's clock: every event's recorded time, and the
// day on which acts take effect.
func (m *Model) accept(actor csto.Actor, cmds []csto.Command, now time.Time) ([]csto.Event, []csto.Command, []csto.Pair, error) {
	var (
		evs     []csto.Event
		done    []csto.Command // evs' commands, as encoded
		touched = map[csto.Pair]bool{}
		today   = edtf.DayFromTime(now)
	)
	seq := m.Seq
	for i := range cmds {
		c := cmds[i]
		dateAct(actor, &c, today)
		p, err := c.Payload()
		if err == nil {
			err = m.checkTime(actor, &c, p, today)
		}
		if err == nil {
			err = m.authorize(actor, &c, p)
		}
		if err == nil {
			m.history = IsHistory(actor, &c)
			err = m.check(&c, p)
			m.history = false
		}
		if err == nil {
			err = m.checkBounds(&c, p)
		}
		if err != nil {
			if len(cmds) == 1 {
				return nil, nil, nil, err
			}
			return nil, nil, nil, commandError(i, c.ID, err)
		}
		// Store the canonical form: the payload re-encoded.
		if c.Data, err = json.Marshal(p); err != nil {
			return nil, nil, nil, err
		}
		body, err := json.Marshal(c)
		if err != nil {
			return nil, nil, nil, err
		}
		seq++
		e := csto.Event{Seq: seq, CommandID: c.ID, Type: c.Type, Date: c.Date, Recorded: now, Actor: actor.String(), Body: body}
		pairs, err := m.apply(&e, &c, p)
		if err != nil {
			return nil, nil, nil, commandError(i, c.ID, err)
		}
		for _, pair := range pairs {
			touched[pair] = true
		}
		evs, done = append(evs, e), append(done, c)
	}
	return evs, done, slices.Collect(maps.Keys(touched)), nil
}

// readOnly refuses writes to a degraded record.
// newCommands returns those of cmds whose IDs m's log does not hold.
func (m *Model) newCommands(ctx context.Context, cmds []csto.Command) ([]csto.Command, error) {
	ids := make([]string, len(cmds))
	for i := range cmds {
		ids[i] = cmds[i].ID
	}
	seqs, err := m.CommandSeqs(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []csto.Command
	for i, c := range cmds {
		if seqs[i] == 0 {
			out = append(out, c)
		}
	}
	return out, nil
}

func (r *Registry) readOnly() error {
	if re := r.Degraded(); re != nil {
		return &csto.Error{Kind: csto.Unavailable, Rule: "integrity",
			Message: "the record is read-only: " + re.Error() + "; csto verify names the first bad event"}
	}
	return nil
}

// setRecorded stamps the recorded times the store assigned to evs.
func (m *Model) setRecorded(evs []csto.Event) {
	for _, e := range evs {
		if i := e.Seq - 1; i >= 0 && i < int64(len(m.recorded)) {
			m.recorded[i] = unixNano(e.Recorded)
		}
	}
}

// commandError wraps a refusal with the position and ID of the command,
// keeping its kind, field and rule.
func commandError(i int, id string, err error) error {
	if e, ok := err.(*csto.Error); ok {
		ce := *e
		ce.Message = fmt.Sprintf("%s (command %d, %q)", e.Message, i+1, id)
		return &ce
	}
	return fmt.Errorf("command %d (%q): %w", i+1, id, err)
}

// Verify recomputes the log's hash chain.
func (r *Registry) Verify(ctx context.Context) error { return r.store.Verify(ctx) }

// Rebuild recreates the projections from the log and reloads the model.
func (r *Registry) Rebuild(ctx context.Context) error {
	if err := r.readOnly(); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	m, err := replay(ctx, r.store, newModel(), func(csto.Event) bool { return true })
	if err != nil {
		return err
	}
	if err := r.store.Rebuild(ctx, m.AllSpells()); err != nil {
		return err
	}
	r.cur.Store(m)
	return nil
}

// EventsPage calls fn for at most limit events of the log after position
// after, in order. On a store that pages with SQL (both csto stores) the
// cost of a page does not grow with the log.
func (r *Registry) EventsPage(ctx context.Context, after int64, limit int, fn func(csto.Event) error) error {
	if p, ok := r.store.(interface {
		EventsPage(ctx context.Context, after int64, limit int, fn func(csto.Event) error) error
	}); ok {
		return p.EventsPage(ctx, after, limit, fn)
	}
	n := 0
	stop := errors.New("page full")
	err := r.store.Events(ctx, after, func(e csto.Event) error {
		if n == limit {
			return stop
		}
		n++
		return fn(e)
	})
	if err == stop {
		return nil
	}
	return err
}

// Events calls fn for each event of the log after position after.
func (r *Registry) Events(ctx context.Context, after int64, fn func(csto.Event) error) error {
	return r.store.Events(ctx, after, fn)
}
