package registry

import (
	"fmt"
	"maps"
	"strings"
	"testing"
)

// The commands of a snapshot's start: those whose entries carry their ID
// are found through the entries' table, the others through the map, and
// both answer as one Go map of them would.
func TestCommandsOfEntries(t *testing.T) {
	const n = 50_000 // enough that probes run past full slots
	entries := make([]Entry, n)
	want := map[string]int64{}
	var more []commandPos
	for i := range entries {
		seq := int64(2*i + 1)
		entries[i] = Entry{Seq: seq, ID: fmt.Sprintf("entry:%d", i)}
		want[entries[i].ID] = seq
		more = append(more, commandPos{fmt.Sprintf("other:%d", i), seq + 1})
		want[more[i].ID] = seq + 1
	}
	c, err := commandsOf(entries, more)
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != len(want) {
		t.Errorf("Len %d, want %d", c.Len(), len(want))
	}
	if got := c.Clone(); !maps.Equal(got, want) {
		t.Errorf("All yields %d commands; want the %d given", len(got), len(want))
	}
	keys := 0
	for id := range c.Keys() {
		if _, ok := want[id]; !ok {
			t.Fatalf("Keys yields %q", id)
		}
		keys++
	}
	if keys != len(want) {
		t.Errorf("Keys yields %d, want %d", keys, len(want))
	}
	for id, seq := range want {
		if got, ok := c.Get(id); !ok || got != seq || c.At(id) != seq || !c.Has(id) {
			t.Fatalf("Get(%q) = %d, %v; want %d", id, got, ok, seq)
		}
	}
	for _, id := range []string{"", "entry:", "entry:50000", "other:-1", "Entry:1"} {
		if seq, ok := c.Get(id); ok || c.Has(id) || c.At(id) != 0 {
			t.Errorf("Get(%q) = %d, %v; the log does not hold it", id, seq, ok)
		}
	}
	// An early stop stops the iteration.
	for range c.All() {
		break
	}

	// A model's write adds to its own version only.
	m := newModel()
	m.Commands = c
	k, _ := m.clone()
	k.setCommand("new", 2*n+1)
	if !k.Commands.Has("new") || m.Commands.Has("new") || k.Commands.Len() != len(want)+1 || m.Commands.Len() != len(want) {
		t.Error("a clone's command reached the model it was cloned from")
	}

	// A value set again for an ID of the table is the one read, once.
	k.Exercises, _ = listOf("exercise", []*Exercise{{ID: "x1"}, {ID: "x2"}}, func(x *Exercise) string { return x.ID })
	again := &Exercise{ID: "x2", Seq: 9}
	k.Exercises.set(k, "x2", again)
	k.Exercises.set(k, "x2", again)
	k.Exercises.set(k, "x3", &Exercise{ID: "x3"})
	if got := k.Exercises.Clone(); len(got) != 3 || k.Exercises.Len() != 3 || got["x2"] != again || k.Exercises.At("x2") != again {
		t.Errorf("after x2 set again and x3 added: %d exercises, Len %d, x2 %+v", len(got), k.Exercises.Len(), got["x2"])
	}

	// None from nothing: the zero Commands is empty.
	if c, err := commandsOf(nil, nil); err != nil || c.Len() != 0 || c.Has("entry:0") {
		t.Errorf("commandsOf(nil, nil) = %d commands, %v", c.Len(), err)
	}
}

// An ID held twice, by two entries, by two of the others, or by an entry
// and one of the others, is refused and named.
func TestCommandsOfRefusesAnIDTwice(t *testing.T) {
	entries := []Entry{{Seq: 1, ID: "a"}, {Seq: 2, ID: "b"}, {Seq: 4, ID: "c"}}
	for _, tc := range []struct {
		name    string
		entries []Entry
		more    []commandPos
		dup     string
	}{
		{"two entries", append(entries[:2:2], Entry{Seq: 5, ID: "a"}), nil, "a"},
		{"two others", entries, []commandPos{{"x", 3}, {"x", 5}}, "x"},
		{"an entry and another", entries, []commandPos{{"x", 3}, {"c", 5}}, "c"},
	} {
		_, err := commandsOf(tc.entries, tc.more)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q twice", tc.dup)) {
			t.Errorf("%s: %v; want %q named twice", tc.name, err, tc.dup)
		}
	}
	_, err := listOf("incident", []*Incident{{ID: "i"}, {ID: "j"}, {ID: "i"}}, func(x *Incident) string { return x.ID })
	if err == nil || err.Error() != `incident "i" twice` {
		t.Errorf("two incidents i: %v", err)
	}
}

// BenchmarkCommandsGet: a command's lookup among a million, found through
// the entries' table (a start from a snapshot) and through the persistent
// map (a replay), side by side.
func BenchmarkCommandsGet(b *testing.B) {
	const n = 1_000_000
	entries := make([]Entry, n)
	for i := range entries {
		entries[i] = Entry{Seq: int64(i + 1), ID: fmt.Sprintf("event.record:%d", i)}
	}
	tab, err := commandsOf(entries, nil)
	if err != nil {
		b.Fatal(err)
	}
	m := newModel()
	for i := range entries {
		m.setCommand(entries[i].ID, entries[i].Seq)
	}
	for _, bc := range []struct {
		name string
		c    Commands
	}{{"table", tab}, {"map", m.Commands}} {
		b.Run(bc.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, ok := bc.c.Get(entries[i].ID); !ok {
					b.Fatal("missing")
				}
				i = (i + 7919) % n
			}
		})
	}
}
