package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/csto/csto"
)

// Registry validates commands, appends them to the store as events, and
// serves queries from the latest Model. It is safe for concurrent use;
// several processes may share one store, each with its own Registry.
type Registry struct {
	store csto.Store
	mu    sync.Mutex // serializes this process's writers
	cur   atomic.Pointer[Model]

	appended  atomic.Int64 // events this process appended
	refreshed atomic.Int64 // when the model last caught up with the store (Unix nanoseconds)

	// MaxAge is how stale a read may be with respect to other processes'
	// writes (Fresh); this process's own writes are always visible at once.
	MaxAge time.Duration
}

// Appended returns how many events this process appended.
func (r *Registry) Appended() int64 { return r.appended.Load() }

// Open replays the store's log into a Registry.
func Open(ctx context.Context, store csto.Store) (*Registry, error) {
	m, err := replay(ctx, store, newModel(), func(csto.Event) bool { return true })
	if err != nil {
		return nil, err
	}
	r := &Registry{store: store, MaxAge: 100 * time.Millisecond}
	r.cur.Store(m)
	r.refreshed.Store(time.Now().UnixNano())
	return r, nil
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
	m, err := replay(ctx, r.store, r.cur.Load(), func(csto.Event) bool { return true })
	if err != nil {
		return nil, err
	}
	r.cur.Store(m)
	r.refreshed.Store(start.UnixNano())
	return m, nil
}

// AsRecorded returns the model as csto held it at the recorded time t:
// built from the events recorded up to t.
func (r *Registry) AsRecorded(ctx context.Context, t time.Time) (*Model, error) {
	return replay(ctx, r.store, newModel(), func(e csto.Event) bool { return !e.Recorded.After(t) })
}

// replay applies the store's events after base.Seq to a clone of base,
// stopping at the first event keep rejects. With no new event it returns
// base itself: nothing is cloned.
func replay(ctx context.Context, store csto.Store, base *Model, keep func(csto.Event) bool) (*Model, error) {
	var m *Model
	stop := fmt.Errorf("stop")
	err := store.Events(ctx, base.Seq, func(e csto.Event) error {
		if !keep(e) {
			return stop
		}
		if m == nil {
			m = base.clone()
		}
		return m.applyEvent(&e)
	})
	if err != nil && err != stop {
		return nil, err
	}
	if m == nil {
		return base, nil
	}
	m.settle()
	return m, nil
}

// applyEvent decodes and applies a stored event.
func (m *Model) applyEvent(e *csto.Event) error {
	c, err := e.Command()
	if err != nil {
		return fmt.Errorf("event %d: %w", e.Seq, err)
	}
	p, err := c.Payload()
	if err != nil {
		return fmt.Errorf("event %d: %w", e.Seq, err)
	}
	m.replaying = true
	m.apply(e, &c, p)
	m.replaying = false
	return nil
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

func (r *Registry) submit(ctx context.Context, actor csto.Actor, onlyNew bool, cmds []csto.Command) ([]csto.Event, error) {
	if actor.Role == "" {
		return nil, csto.Errorf(csto.Invalid, "actor", "every event records its actor")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	base := r.cur.Load()
	var next *Model
	evs, err := r.store.Append(ctx, base.Seq, func(tail []csto.Event) ([]csto.Event, csto.Projection, error) {
		m := base.clone()
		for i := range tail {
			if err := m.applyEvent(&tail[i]); err != nil {
				return nil, csto.Projection{}, err
			}
		}
		m.settle()
		todo := cmds
		if onlyNew {
			todo = nil
			for _, c := range cmds {
				if _, ok := m.Commands[c.ID]; !ok {
					todo = append(todo, c)
				}
			}
		}
		evs, proj, err := m.accept(actor, todo)
		next = m
		return evs, proj, err
	})
	if err != nil {
		return nil, err
	}
	if len(evs) == 0 {
		r.cur.Store(next) // caught up with other writers, if any
		return nil, nil
	}
	// Bring the model's positions and hashes in line with what the store
	// assigned, then publish it.
	for _, e := range evs {
		next.Commands[e.CommandID] = e.Seq
	}
	if n := len(evs); n > 0 {
		next.Seq, next.Head = evs[n-1].Seq, evs[n-1].Hash
		next.setRecorded(evs)
		r.appended.Add(int64(n))
	}
	r.cur.Store(next)
	return evs, nil
}

// accept checks and applies cmds to m, returning the events to append
// and the projection of the membership pairs they touched. Sequence
// numbers are provisional (the store assigns them in the same order).
func (m *Model) accept(actor csto.Actor, cmds []csto.Command) ([]csto.Event, csto.Projection, error) {
	var (
		evs     []csto.Event
		touched = map[csto.Pair]bool{}
	)
	seq := m.Seq
	for i := range cmds {
		c := cmds[i]
		p, err := c.Payload()
		if err == nil {
			err = m.authorize(actor, &c, p)
		}
		if err == nil {
			err = m.check(&c, p)
		}
		if err != nil {
			if len(cmds) == 1 {
				return nil, csto.Projection{}, err
			}
			return nil, csto.Projection{}, commandError(i, c.ID, err)
		}
		// Store the canonical form: the payload re-encoded.
		if c.Data, err = json.Marshal(p); err != nil {
			return nil, csto.Projection{}, err
		}
		body, err := json.Marshal(c)
		if err != nil {
			return nil, csto.Projection{}, err
		}
		seq++
		e := csto.Event{Seq: seq, CommandID: c.ID, Type: c.Type, Date: c.Date, Actor: actor.String(), Body: body}
		for _, pair := range m.apply(&e, &c, p) {
			touched[pair] = true
		}
		evs = append(evs, e)
	}
	var proj csto.Projection
	for pair := range touched {
		proj.Pairs = append(proj.Pairs, pair)
		proj.Spells = append(proj.Spells, m.spells[pair]...)
	}
	return evs, proj, nil
}

// setRecorded stamps the recorded time the store assigned on the
// timeline entries of evs.
func (m *Model) setRecorded(evs []csto.Event) {
	first := evs[0].Seq
	m.stampLog(evs)
	for i := len(m.Entries) - 1; i >= 0 && m.Entries[i].Seq >= first; i-- {
		m.Entries[i].Recorded = evs[0].Recorded
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

// Events calls fn for each event of the log after position after.
func (r *Registry) Events(ctx context.Context, after int64, fn func(csto.Event) error) error {
	return r.store.Events(ctx, after, fn)
}
