package api

import (
	"fmt"
	"sync"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/rules"
)

// builtExports keeps the last few research exports built, by model and
// query, so that a file asked for again — the next file of the same
// export, the same file by another reader, eight readers at once — is
// written from the rows already built instead of building them again:
// an export holds its panels' rows (all of ATOP's directed dyad-years
// are 273,296), and building them is most of an answer's time and
// memory. Concurrent requests for one export wait for the one build.
//
// A built export is immutable (its tables write their rows from it and
// count them as they go, rules.Table.WriteCSV), so writers share it. It
// is keyed by the model it was built from: a write publishes a new model,
// and the next request builds from that one; the entries of older models
// fall out as new ones come in. At most maxBuiltExports are kept.
type builtExports struct {
	mu      sync.Mutex
	entries []*builtExport // least recently used first
	builds  int            // BuildExport calls, for the tests
	off     bool           // build every request's export (the benchmark's "before")
}

const maxBuiltExports = 4

type builtExport struct {
	m    *registry.Model
	key  string
	done chan struct{} // closed when ex or err is set
	ex   *rules.Export
	err  error
}

// build returns the export of q over m, building it only if no request
// built it (or is building it) already.
func (b *builtExports) build(m *registry.Model, q rules.ExportQuery) (*rules.Export, error) {
	key := fmt.Sprintf("%q|%d|%d|%d|%t|%q|%q", q.Source, q.From, q.To, q.ThisYear, q.NNA, q.Reading, q.Panels)
	b.mu.Lock()
	if b.off {
		b.builds++
		b.mu.Unlock()
		return rules.BuildExport(m, q)
	}
	for i, e := range b.entries {
		if e.m == m && e.key == key {
			b.entries = append(append(b.entries[:i:i], b.entries[i+1:]...), e) // most recently used last
			b.mu.Unlock()
			<-e.done
			return e.ex, e.err
		}
	}
	e := &builtExport{m: m, key: key, done: make(chan struct{})}
	if len(b.entries) == maxBuiltExports {
		b.entries = append(b.entries[:0:0], b.entries[1:]...)
	}
	b.entries = append(b.entries, e)
	b.builds++
	b.mu.Unlock()

	defer func() {
		if e.ex == nil && e.err == nil { // BuildExport panicked: the panic goes on, the waiters get an error
			e.err = csto.Errorf(csto.Internal, "", "building the export failed")
		}
		close(e.done)
		if e.err != nil { // a refusal is cheap to give again, and a failure is not kept
			b.drop(e)
		}
	}()
	e.ex, e.err = rules.BuildExport(m, q)
	return e.ex, e.err
}

func (b *builtExports) drop(e *builtExport) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, x := range b.entries {
		if x == e {
			b.entries = append(b.entries[:i:i], b.entries[i+1:]...)
			return
		}
	}
}
