package registry

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"unsafe"
)

// packed returns what a packer writes of entries, exercises and
// incidents, in that order of items as a chunk holds them.
func packed(xs []*Exercise, is []*Incident, es []Entry) []byte {
	p := newPacker()
	for _, x := range xs {
		p.exercise(x)
	}
	for _, x := range is {
		p.incident(x)
	}
	for i := range es {
		p.entry(&es[i])
	}
	return p.buf
}

// Entries, exercises and incidents come back from their packed form as
// they went in (every date form, lists with repeats, refs that are and
// are not the entry's ID, across two chunks sharing the dictionaries),
// and equal lists come back as one list: what a million entries repeat
// is held once.
func TestPackRoundTrip(t *testing.T) {
	g := newGen(3)
	var es []Entry
	var xs []*Exercise
	var is []*Incident
	for i := range 3000 {
		e := g.entry()
		e.body = nil // a snapshot's entries are the store's
		e.sum = digest{byte(i), byte(i >> 8), 0xAB}
		switch i % 3 {
		case 0:
			e.Ref = e.ID
			xs = append(xs, &Exercise{ID: e.ID, Org: "csto", Series: []string{"", "Rubezh"}[i%2], Levels: g.pick(exerciseLevels, 2),
				Participants: e.States, Troops: i * 10, Aircraft: -i, Date: e.Date, Seq: e.Seq})
		case 1:
			e.Ref = fmt.Sprintf("other-%d", i)
			is = append(is, &Incident{ID: e.ID, Kind: e.Kind, Parties: e.States, Date: e.Date, Seq: e.Seq})
		}
		es = append(es, e)
	}
	// Two chunks from one packer: the second's dictionary numbers name
	// what the first defined.
	p := newPacker()
	for _, x := range xs {
		p.exercise(x)
	}
	for _, x := range is {
		p.incident(x)
	}
	half := len(es) / 2
	for i := range es[:half] {
		p.entry(&es[i])
	}
	cut := len(p.buf)
	for i := range es[half:] {
		p.entry(&es[half+i])
	}
	u := &unpacker{max: es[len(es)-1].Seq}
	var got []Entry
	var gotX []*Exercise
	var gotI []*Incident
	for _, part := range []struct {
		b          []byte
		xs, is, es int
	}{
		{p.buf[:cut], len(xs), len(is), half},
		{nil, 0, 0, 0}, // an empty chunk
		{p.buf[cut:], 0, 0, len(es) - half},
	} {
		u.more(part.b)
		for range part.xs {
			gotX = append(gotX, u.exercise())
		}
		for range part.is {
			gotI = append(gotI, u.incident())
		}
		for range part.es {
			got = append(got, u.entry())
		}
		if err := u.done(); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(got, es) {
		for i := range es {
			if !reflect.DeepEqual(got[i], es[i]) {
				t.Fatalf("entry %d: got %+v, want %+v", i, got[i], es[i])
			}
		}
	}
	if !reflect.DeepEqual(gotX, xs) || !reflect.DeepEqual(gotI, is) {
		t.Fatalf("exercises or incidents differ after packing")
	}
	shared := map[string]*string{}
	for _, e := range got {
		if len(e.States) == 0 {
			continue
		}
		k := fmt.Sprint(e.States)
		if p, ok := shared[k]; ok && p != unsafe.SliceData(e.States) {
			t.Fatalf("two lists %s held twice", k)
		}
		shared[k] = unsafe.SliceData(e.States)
	}
}

// FuzzUnpack feeds the unpacker arbitrary bytes: it never panics, and what
// it returns without an error is in log order within the snapshot's
// positions.
func FuzzUnpack(f *testing.F) {
	g := newGen(5)
	var es []Entry
	for range 20 {
		e := g.entry()
		e.body = nil
		es = append(es, e)
	}
	f.Add(packed(nil, nil, es), uint8(0), uint8(0), uint8(20))
	f.Add(packed([]*Exercise{{ID: "x", Org: "csto", Levels: []string{"tactical"}, Date: es[0].Date, Seq: 3}}, nil, es[:2]), uint8(1), uint8(0), uint8(2))
	f.Add([]byte{0, 0, 0, 1, 0}, uint8(0), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, nx, ni, ne uint8) {
		u := &unpacker{max: 1 << 20}
		u.more(b)
		for range nx {
			if x := u.exercise(); u.err == nil && (x == nil || x.Seq < 1 || x.Seq > u.max) {
				t.Fatalf("exercise %+v", x)
			}
		}
		for range ni {
			if x := u.incident(); u.err == nil && (x == nil || x.Seq < 1 || x.Seq > u.max) {
				t.Fatalf("incident %+v", x)
			}
		}
		last := int64(0)
		for range ne {
			e := u.entry()
			if u.err != nil {
				break
			}
			if e.Seq <= last || e.Seq > u.max {
				t.Fatalf("entry at %d after %d (of %d)", e.Seq, last, u.max)
			}
			last = e.Seq
		}
		if err := u.done(); err != nil && !errors.Is(err, errPacked) {
			t.Fatalf("an error not of the packed form: %v", err)
		}
	})
}
