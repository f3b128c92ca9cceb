package registry

import (
	"fmt"
	"strings"
	"testing"
)

// hashed returns the hashes of ids under seed.
func hashed(seed idSeed, ids []string) []uint64 {
	hs := make([]uint64, len(ids))
	for i, id := range ids {
		hs[i] = idHash(&seed, id)
	}
	return hs
}

// The commands of a snapshot's start: those of its entries are found by
// the hashes of their IDs, as candidates to confirm (CommandSeqs reads
// them back; TestCommandSeqsReadBack), the others through the map by ID.
func TestCommandsOfEntries(t *testing.T) {
	const n = 50_000 // enough that probes run past full slots
	seed := newIDSeed()
	entries := make([]Entry, n)
	ids := make([]string, n)
	var more []commandPos
	for i := range entries {
		seq := int64(2*i + 1)
		entries[i], ids[i] = Entry{Seq: seq}, fmt.Sprintf("entry:%d", i)
		more = append(more, commandPos{fmt.Sprintf("other:%d", i), seq + 1})
	}
	c, err := commandsOf(seed, entries, hashed(seed, ids), more)
	if err != nil {
		t.Fatal(err)
	}
	if c.Len() != 2*n {
		t.Errorf("Len %d, want %d", c.Len(), 2*n)
	}
	for i, id := range ids {
		if seq, candidate, ok := c.get(id); !ok || !candidate || seq != entries[i].Seq {
			t.Fatalf("get(%q) = %d, %v, %v; want %d, a candidate", id, seq, candidate, ok, entries[i].Seq)
		}
		if seq, candidate, ok := c.get(more[i].ID); !ok || candidate || seq != more[i].Seq {
			t.Fatalf("get(%q) = %d, %v, %v; want %d, not a candidate", more[i].ID, seq, candidate, ok, more[i].Seq)
		}
	}
	for _, id := range []string{"", "entry:", "entry:50000", "other:-1", "Entry:1"} {
		if seq, _, ok := c.get(id); ok {
			t.Errorf("get(%q) = %d; the log does not hold it", id, seq)
		}
	}
	// Another seed finds nothing: the hashes are keyed.
	other := c
	other.base = &idTable{}
	*other.base = *c.base
	other.base.seed = newIDSeed()
	if _, _, ok := other.get(ids[0]); ok {
		t.Error("an ID found under another seed")
	}

	// A model's write adds to its own version only.
	m := newModel()
	m.Commands = c
	k, _ := m.clone()
	k.setCommand("new", 2*n+1)
	if _, _, ok := k.Commands.get("new"); !ok || k.Commands.Len() != 2*n+1 || m.Commands.Len() != 2*n {
		t.Error("a clone's command reached the model it was cloned from")
	}
	if _, _, ok := m.Commands.get("new"); ok {
		t.Error("a clone's command reached the model it was cloned from")
	}

	// A value set again for an ID of the table is the one read, once.
	k.Incidents, _ = listOf("incident", []*Incident{{ID: "x1"}, {ID: "x2"}}, func(x *Incident) string { return x.ID })
	again := &Incident{ID: "x2", Seq: 9}
	k.Incidents.set(k, "x2", again)
	k.Incidents.set(k, "x2", again)
	k.Incidents.set(k, "x3", &Incident{ID: "x3"})
	if got := k.Incidents.Clone(); len(got) != 3 || k.Incidents.Len() != 3 || got["x2"] != again || k.Incidents.At("x2") != again {
		t.Errorf("after x2 set again and x3 added: %d incidents, Len %d, x2 %+v", len(got), k.Incidents.Len(), got["x2"])
	}

	// None from nothing: the zero Commands is empty.
	if c, err := commandsOf(seed, nil, nil, nil); err != nil || c.Len() != 0 {
		t.Errorf("commandsOf(nil, nil) = %d commands, %v", c.Len(), err)
	} else if _, _, ok := c.get("entry:0"); ok {
		t.Error("the empty commands hold entry:0")
	}
}

// Two entries whose IDs have one hash, an ID held twice by the others, or
// an ID of the others with an entry's hash, are refused: the snapshot is
// then ignored and the log replayed.
func TestCommandsOfRefusesAnIDTwice(t *testing.T) {
	seed := newIDSeed()
	entries := []Entry{{Seq: 1}, {Seq: 2}, {Seq: 4}}
	hs := hashed(seed, []string{"a", "b", "c"})
	for _, tc := range []struct {
		name    string
		entries []Entry
		hashes  []uint64
		more    []commandPos
		want    string
	}{
		{"two entries", append(entries[:2:2], Entry{Seq: 5}), append(hs[:2:2], hs[0]), nil, "two entries' IDs of the same hash"},
		{"two others", entries, hs, []commandPos{{"x", 3}, {"x", 5}}, `command "x" twice`},
		{"an entry and another", entries, hs, []commandPos{{"x", 3}, {"c", 5}}, `command "c" and an entry's of the same hash`},
		{"a hash short", entries, hs[:2], nil, "not one each"},
	} {
		_, err := commandsOf(seed, tc.entries, tc.hashes, tc.more)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v; want %q", tc.name, err, tc.want)
		}
	}
	_, err := listOf("incident", []*Incident{{ID: "i"}, {ID: "j"}, {ID: "i"}}, func(x *Incident) string { return x.ID })
	if err == nil || err.Error() != `incident "i" twice` {
		t.Errorf("two incidents i: %v", err)
	}
}

// BenchmarkCommandsGet: a command's lookup among a million, found through
// the hashes of the entries' IDs (a start from a snapshot: a candidate,
// before it is read back) and through the persistent map (a replay), side
// by side.
func BenchmarkCommandsGet(b *testing.B) {
	const n = 1_000_000
	seed := newIDSeed()
	entries := make([]Entry, n)
	ids := make([]string, n)
	for i := range entries {
		entries[i], ids[i] = Entry{Seq: int64(i + 1)}, fmt.Sprintf("event.record:%d", i)
	}
	tab, err := commandsOf(seed, entries, hashed(seed, ids), nil)
	if err != nil {
		b.Fatal(err)
	}
	m := newModel()
	for i := range entries {
		m.setCommand(ids[i], entries[i].Seq)
	}
	for _, bc := range []struct {
		name string
		c    Commands
	}{{"table", tab}, {"map", m.Commands}} {
		b.Run(bc.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, _, ok := bc.c.get(ids[i]); !ok {
					b.Fatal("missing")
				}
				i = (i + 7919) % n
			}
		})
	}
}
