package api

import (
	"fmt"
	"sync"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/rules"
)

// kept keeps the last few answers built from a model, by model and key,
// so that an answer asked for again — the next file of the same export,
// the same file by another reader, eight readers at once — is written
// from what was already built instead of building it again: a research
// export holds its panels' rows (all of ATOP's directed dyad-years are
// 273,296), and building them is most of an answer's time and memory.
// Concurrent requests for one answer wait for the one build.
//
// What is kept is immutable (a rules.Export's tables write their rows from
// it and count them as they go, rules.Table.WriteCSV; a slice of rows is
// only read), so writers share it. It is keyed by the model it was built
// from: a write publishes a new model, and the next request builds from
// that one; older entries fall out as new ones come in. At most maxKept
// are kept.
type kept[V any] struct {
	mu      sync.Mutex
	entries []*keptAnswer[V] // least recently used first
	builds  int              // build calls, for the tests
	off     bool             // build every request's answer (the benchmark's "before")
}

const maxKept = 4

type keptAnswer[V any] struct {
	m    *registry.Model
	key  string
	done chan struct{} // closed when v or err is set
	v    V
	err  error
	set  bool
}

// get returns the answer of key over m, calling build only if no request
// built it (or is building it) already.
func (b *kept[V]) get(m *registry.Model, key string, build func() (V, error)) (V, error) {
	b.mu.Lock()
	if b.off {
		b.builds++
		b.mu.Unlock()
		return build()
	}
	for i, e := range b.entries {
		if e.m == m && e.key == key {
			b.entries = append(append(b.entries[:i:i], b.entries[i+1:]...), e) // most recently used last
			b.mu.Unlock()
			<-e.done
			return e.v, e.err
		}
	}
	e := &keptAnswer[V]{m: m, key: key, done: make(chan struct{})}
	if len(b.entries) == maxKept {
		b.entries = append(b.entries[:0:0], b.entries[1:]...)
	}
	b.entries = append(b.entries, e)
	b.builds++
	b.mu.Unlock()

	defer func() {
		if !e.set { // build panicked: the panic goes on, the waiters get an error
			e.err = csto.Errorf(csto.Internal, "", "building the answer failed")
		}
		close(e.done)
		if e.err != nil { // a refusal is cheap to give again, and a failure is not kept
			b.drop(e)
		}
	}()
	e.v, e.err = build()
	e.set = true
	return e.v, e.err
}

func (b *kept[V]) drop(e *keptAnswer[V]) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, x := range b.entries {
		if x == e {
			b.entries = append(b.entries[:i:i], b.entries[i+1:]...)
			return
		}
	}
}

// built keeps the answers of the export routes: the research exports
// (CSV files, descriptor, zip) and the JSON state- and dyad-year panels.
type built struct {
	exports    kept[*rules.Export]
	stateYears kept[[]atop.StateYear]
	dyadYears  kept[[]atop.DyadYear]
}

// export returns the research export of q over m (rules.BuildExport).
func (b *built) export(m *registry.Model, q rules.ExportQuery) (*rules.Export, error) {
	key := fmt.Sprintf("%q|%d|%d|%d|%t|%q|%q", q.Source, q.From, q.To, q.ThisYear, q.NNA, q.Reading, q.Panels)
	return b.exports.get(m, key, func() (*rules.Export, error) { return rules.BuildExport(m, q) })
}
