package pmap

import (
	"maps"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestVersions checks every version against a Go map as keys are set
// into later versions, with and without an Owner: a version never
// changes once another is derived from it.
func TestVersions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	type version struct {
		m    Map[string, int]
		want map[string]int
	}
	var (
		cur  Map[string, int]
		want = map[string]int{}
		vs   []version
	)
	for round := range 200 {
		own := new(Owner)
		if round%3 == 0 {
			own = nil
		}
		for range rng.IntN(50) + 1 {
			k := strconv.Itoa(rng.IntN(3000))
			v := rng.Int()
			cur.Set(k, v, own)
			want[k] = v
		}
		vs = append(vs, version{cur, maps.Clone(want)})
	}
	for i, v := range vs {
		if v.m.Len() != len(v.want) {
			t.Fatalf("version %d: Len %d, want %d", i, v.m.Len(), len(v.want))
		}
		if got := v.m.Clone(); !maps.Equal(got, v.want) {
			t.Fatalf("version %d changed: %d entries, want %d", i, len(got), len(v.want))
		}
		for k, x := range v.want {
			if y, ok := v.m.Get(k); !ok || y != x {
				t.Fatalf("version %d: Get(%q) = %d, %v; want %d", i, k, y, ok, x)
			}
		}
		if v.m.Has("absent") || v.m.At("absent") != 0 {
			t.Fatalf("version %d holds a key never set", i)
		}
	}
}

// TestCollisions forces every key into one hash: the leaf's key list.
// Keys whose hashes collide share a leaf: the first in the slot, the
// others beside it, which a new version copies rather than change.
func TestCollisions(t *testing.T) {
	var m Map[string, int]
	own := new(Owner)
	const h = 0x2a // every key's hash, here
	set := func(m *Map[string, int], k string, v int, own *Owner) {
		if m.root == nil {
			m.root = &node[string, int]{owner: own}
		}
		root, added := m.root.set(k, v, h, 0, own)
		if m.root = root; added {
			m.n++
		}
	}
	at := func(m Map[string, int], k string) int { v, _ := m.get(k, h); return v }
	for i, k := range []string{"a", "b", "c"} {
		set(&m, k, i+1, own)
	}
	if s := m.root.slots; len(s) != 1 || s[0].sub != nil || s[0].k != "a" || s[0].more == nil || len(*s[0].more) != 2 {
		t.Fatalf("not one leaf of three keys: %+v", s)
	}
	old := m
	set(&m, "a", 10, nil) // the slot's own key
	set(&m, "c", 30, nil) // one beside it
	set(&m, "d", 40, nil) // a new one
	for k, want := range map[string][2]int{"a": {1, 10}, "b": {2, 2}, "c": {3, 30}, "d": {0, 40}} {
		if at(old, k) != want[0] || at(m, k) != want[1] {
			t.Errorf("%s: old %d, new %d; want %v", k, at(old, k), at(m, k), want)
		}
	}
	if old.Len() != 3 || m.Len() != 4 {
		t.Errorf("len old %d, new %d", old.Len(), m.Len())
	}
	if got := m.Clone(); len(got) != 4 || got["a"] != 10 || got["d"] != 40 {
		t.Errorf("All: %v", got)
	}
}

func BenchmarkSet(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			var m Map[string, int64]
			own := new(Owner)
			for i := range n {
				m.Set("cmd-"+strconv.Itoa(i), int64(i), own)
			}
			i := n
			for b.Loop() {
				// One write of a new version, as a registry write does.
				m.Set("cmd-"+strconv.Itoa(i), int64(i), new(Owner))
				i++
			}
		})
	}
}
