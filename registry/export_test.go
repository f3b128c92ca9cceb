package registry

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"reflect"
	"time"

	"github.com/csto/csto"
)

// SameModel returns nil when a and b hold the same record, or names the
// first field in which they differ. What a snapshot does not keep is left
// out: the decoded payloads of the logged commands and their links, the corrections'
// trial model, the index (a cache of the entries, index.go) and the
// bodies read back (bodies.go).
func SameModel(a, b *Model) error {
	fa, fb := fieldsOf(a), fieldsOf(b)
	for i := range fa {
		if !reflect.DeepEqual(fa[i].v, fb[i].v) && !bothEmpty(fa[i].v, fb[i].v) {
			return fmt.Errorf("the models differ in %s", fa[i].name)
		}
	}
	// + trial, ix (a cache of the entries), store (where the log is read
	// back from, not the record), cache (of bodies read back), tags (what
	// the entries share, which the entries compared hold), and what a model
	// under construction may change in place (edit, own, tail)
	if n := reflect.TypeFor[Model]().NumField(); n != len(fa)+8 {
		return fmt.Errorf("Model has %d fields; SameModel compares %d and leaves out trial, ix, store, cache, tags, edit, own and tail: add the new ones", n, len(fa))
	}
	return nil
}

// bothEmpty reports whether a and b are slices of no items: a list sized
// once (a snapshot's) and a list never appended to (a replay's) hold the
// same nothing.
func bothEmpty(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	return va.Kind() == reflect.Slice && vb.Kind() == reflect.Slice && va.Len() == 0 && vb.Len() == 0
}

type field struct {
	name string
	v    any
}

func fieldsOf(m *Model) []field {
	log := make([]logged, len(m.log))
	for i, l := range m.log {
		log[i] = logged{ev: l.ev, cmd: l.cmd}
		// The link is not kept with the logged events; the hash,
		// compared, covers it.
		log[i].ev.PrevHash = ""
	}
	return []field{
		{"Seq", m.Seq}, {"Head", m.Head}, {"Commands", commandMap(m)}, {"tree", m.tree},
		{"Sources", m.Sources}, {"States", m.States}, {"Orgs", m.Orgs}, {"Instruments", m.Instruments},
		{"Bodies", m.Bodies}, {"Forces", m.Forces}, {"Sessions", m.Sessions}, {"Decisions", m.Decisions},
		{"Requests", m.Requests}, {"Operations", m.Operations}, {"Exercises", exerciseMap(m)}, {"Incidents", m.Incidents.Clone()},
		{"Terms", m.Terms}, {"Chairs", m.Chairs}, {"Entries", m.Entries}, {"Acts", m.Acts},
		{"Alliances", m.Alliances}, {"AllianceMembers", m.AllianceMembers}, {"Contrary", m.Contrary},
		{"allianceRows", m.allianceRows}, {"stateRows", m.stateRows}, {"facts", m.facts}, {"spells", m.spells},
		{"log", log}, {"stored", m.stored}, {"storedHead", m.storedHead}, {"recorded", m.recorded}, {"fixes", m.fixes}, {"rederiving", m.rederiving}, {"replaying", m.replaying}, {"history", m.history}, {"pending", m.pending}, {"held", heldOf(m)},
	}
}

// AsRecordedReplay is AsRecorded as it was before its cache: the log
// replayed from the first event up to the first recorded after t.
func (r *Registry) AsRecordedReplay(ctx context.Context, t time.Time) (*Model, error) {
	return replay(ctx, r.store, newModel(), func(e csto.Event) bool { return !e.Recorded.After(t) })
}

// Copy returns a deep copy of m (through its snapshot), to compare m with
// later: SameModel(m, Copy(m)) until someone changes m.
func Copy(m *Model) *Model {
	var f memFile
	if _, err := encodeSnapshot(&f, m); err != nil {
		panic(err)
	}
	c, err := decodeSnapshot(bytes.NewReader(f.b))
	if err != nil {
		panic(err)
	}
	c.store = m.store // which holds the IDs of its entries' commands
	return c
}

// SetCheckpointEvery sets the spacing of AsRecorded's checkpoints
// (asrecorded.go), for tests on small logs.
func SetCheckpointEvery(r *Registry, n int64) {
	r.recorded.mu.Lock()
	defer r.recorded.mu.Unlock()
	r.recorded.every = n
}

// RecordedReplayed returns how many events AsRecorded replayed for new
// prefixes so far.
func RecordedReplayed(r *Registry) int64 {
	r.recorded.mu.Lock()
	defer r.recorded.mu.Unlock()
	return r.recorded.replayed
}

// memFile is an io.WriteSeeker in memory, for Copy.
type memFile struct {
	b   []byte
	off int
}

func (f *memFile) Write(p []byte) (int, error) {
	if n := f.off + len(p); n > len(f.b) {
		f.b = append(f.b, make([]byte, n-len(f.b))...)
	}
	f.off += copy(f.b[f.off:], p)
	return len(p), nil
}

func (f *memFile) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
		f.off = int(offset)
	case io.SeekCurrent:
		f.off += int(offset)
	case io.SeekEnd:
		f.off = len(f.b) + int(offset)
	}
	return int64(f.off), nil
}

// KeptInMemory returns how many of m's events m keeps in memory, and how
// many it reads back from its store (correct.go).
func KeptInMemory(m *Model) (kept int, stored int64) { return len(m.log), m.stored }

// HeldBodies counts the entries of m whose body is held in memory, not
// read back from the store (bodies.go).
func HeldBodies(m *Model) int { return len(m.held) }

// ForgetBodies empties the cache of bodies read back, so that the next
// view reads them from the store again.
func ForgetBodies(m *Model) { *m.cache = *newBodyCache() }

// CommandMap returns m's commands, IDs to positions, read back from the
// store for a model started from a snapshot (CommandIDs); a failure to
// read them is the map's one value, under "".
func CommandMap(m *Model) map[string]int64 { return commandMap(m) }

func commandMap(m *Model) map[string]int64 {
	out := map[string]int64{}
	err := m.CommandIDs(context.Background(), func(id string, seq int64) error {
		out[id] = seq
		return nil
	})
	if err != nil {
		return map[string]int64{"": -1, err.Error(): -1}
	}
	return out
}

// HasCommand reports whether m's commands hold id, as a write's check
// finds it (CommandSeq); a failure reads as false.
func HasCommand(m *Model, id string) bool {
	ok, err := m.HasCommand(context.Background(), id)
	return ok && err == nil
}

// SeqOf returns the position of the command id in m's log, 0 when it is
// not there or cannot be read (CommandSeq).
func SeqOf(m *Model, id string) int64 {
	seq, _, _ := m.CommandSeq(context.Background(), id)
	return seq
}

// exerciseMap returns m's exercises by ID, their IDs read back from the
// store for a model started from a snapshot (ExerciseIDs); a failure is
// the map's one item, under its message.
func exerciseMap(m *Model) map[string]Exercise {
	ctx := context.Background()
	out := map[string]Exercise{}
	err := m.ExerciseIDs(ctx, func(id string) error {
		x, ok, err := m.Exercise(ctx, id)
		if err != nil || !ok {
			return fmt.Errorf("exercise %s: %v, found %v", id, err, ok)
		}
		out[id] = *x
		return nil
	})
	if err != nil {
		return map[string]Exercise{err.Error(): {}}
	}
	return out
}

// heldOf is m.held, nil when empty (a write's clone may leave it empty,
// not nil).
func heldOf(m *Model) []heldBody {
	if len(m.held) == 0 {
		return nil
	}
	return m.held
}

// ExerciseMap returns m's exercises by ID (exerciseMap).
func ExerciseMap(m *Model) map[string]Exercise { return exerciseMap(m) }
