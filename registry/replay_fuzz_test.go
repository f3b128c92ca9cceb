package registry

import (
	"encoding/binary"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// historyEvents returns the default history (../dataset/history, read as
// files: the dataset package imports this one) accepted into events, as a
// fresh log would hold them.
var historyEvents = sync.OnceValues(func() ([]csto.Event, error) {
	names, err := filepath.Glob("../dataset/history/*.json")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var cmds []csto.Command
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var cs []csto.Command
		if err := json.Unmarshal(b, &cs); err != nil {
			return nil, err
		}
		cmds = append(cmds, cs...)
	}
	evs, _, _, err := newModel().accept(csto.Actor{Role: csto.RoleSystem, State: "history"}, cmds, time.Now())
	return evs, err
})

// FuzzReplay replays the default history mutated as someone editing the
// database behind csto's back would: events deleted, moved, their bodies
// altered byte by byte or replaced. Replay must never panic — every
// failure is a ReplayError naming the event, and never one apply's
// recover caught — and the model of the good prefix must answer queries.
func FuzzReplay(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 10, 0})                             // delete an early event (a state)
	f.Add([]byte{1, 0, 200, 0, 5, 0})                   // move a late event to the front
	f.Add([]byte{2, 1, 44, 0, 30, 0, '"'})              // overwrite a body byte
	f.Add([]byte{3, 1, 80, 0, '{', '"', 'd', '"', '}'}) // replace a body
	f.Add([]byte("\x03\x01\x90\x00{\"id\":\"x\",\"type\":\"operation.phase\",\"data\":{\"operation\":\"nope\"}}"))
	evs, err := historyEvents()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		log := slices.Clone(evs)
		mutate(log, ops)
		m := newModel()
		n := 0
		for i := range log {
			e := log[i]
			e.Seq = int64(i + 1)
			err := m.applyEvent(&e)
			if err == nil {
				n++
				continue
			}
			re, ok := err.(*ReplayError)
			if !ok || re.Seq != e.Seq {
				t.Fatalf("event %d: %v; want a ReplayError naming it", e.Seq, err)
			}
			if strings.Contains(re.Reason, "panicked") {
				t.Fatalf("apply panicked on a stored event: %v", re)
			}
			break
		}
		// The good prefix, as Registry.Open serves it: m itself when the
		// whole log applied (replaying it again would halve the execs),
		// with the corrections the replay deferred applied (settle), which
		// must not panic either: a correction that no longer fits its
		// target is marked with its error.
		prefix := m
		if n < len(log) {
			prefix = newModel()
			for i := range log[:n] {
				e := log[i]
				e.Seq = int64(i + 1)
				if err := prefix.applyEvent(&e); err != nil {
					t.Fatalf("the prefix does not replay: %v", err)
				}
			}
		}
		if err := prefix.settle(); err != nil {
			t.Fatal(err)
		}
		query(t, prefix)
	})
}

// mutate applies ops to log in place: each op is a kind byte, a 16-bit
// event index and an argument.
func mutate(log []csto.Event, ops []byte) {
	for len(ops) >= 3 && len(log) > 0 {
		kind, i := ops[0]%4, int(binary.LittleEndian.Uint16(ops[1:3]))%len(log)
		ops = ops[3:]
		switch kind {
		case 0: // delete event i
			copy(log[i:], log[i+1:])
			log[len(log)-1] = csto.Event{Body: []byte("{}")}
		case 1: // swap event i with event j
			if len(ops) < 2 {
				return
			}
			j := int(binary.LittleEndian.Uint16(ops)) % len(log)
			ops = ops[2:]
			log[i], log[j] = log[j], log[i]
		case 2: // overwrite one byte of event i's body
			if len(ops) < 3 || len(log[i].Body) == 0 {
				return
			}
			b := slices.Clone(log[i].Body)
			b[int(binary.LittleEndian.Uint16(ops))%len(b)] = ops[2]
			log[i].Body, ops = b, ops[3:]
		case 3: // replace event i's body with the rest
			log[i].Body, ops = slices.Clone(ops), nil
			var c csto.Command
			if json.Unmarshal(log[i].Body, &c) == nil {
				log[i].CommandID, log[i].Type = c.ID, c.Type // a consistent forgery
			}
		}
	}
}

// query runs the model's queries over everything it holds.
func query(t *testing.T, m *Model) {
	days := []string{"1992-05-15", "1999", "2012-12", "2022-01-06", "2026"}
	for _, org := range slices.Sorted(maps.Keys(m.Orgs)) {
		for _, d := range days {
			at := edtf.MustParse(d)
			m.Members(org, at, csto.Arabic)
			m.Org(org, at, csto.English)
			m.Officers(org, at, csto.Russian)
		}
		m.ChairForYear(org, 1)
		m.ChairForYear(org, 2024)
		m.SessionList(org, 0, csto.English)
		m.ExerciseList(org, 0, csto.English)
	}
	for code := range m.States {
		m.State(code, Page{}, csto.Arabic)
	}
	m.Timeline(TimelineFilter{}, csto.English)
	for id := range m.Requests {
		m.Request(id, csto.English)
	}
	for id := range m.Decisions {
		m.Decision(id, csto.English)
	}
	for id := range m.Sessions {
		m.Session(id, csto.English)
	}
	for id := range m.Operations {
		m.Operation(id, csto.English)
	}
	m.RequestList(csto.English)
	m.OperationList(csto.English)
}
