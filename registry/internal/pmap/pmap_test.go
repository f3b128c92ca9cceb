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
func TestCollisions(t *testing.T) {
	var m Map[string, int]
	own := new(Owner)
	// Build the leaf by hand: two keys with the same hash.
	h := hashOf("a")
	m.root = &node[string, int]{owner: own, bitmap: 1 << (h & (fanout - 1)),
		slots: []slot[string, int]{{hash: h, kvs: []kv[string, int]{{"a", 1}, {"b", 2}}}}}
	m.n = 2
	old := m
	m.Set("a", 3, nil)
	if old.At("a") != 1 || m.At("a") != 3 || m.Len() != 2 {
		t.Fatalf("a: old %d, new %d, len %d", old.At("a"), m.At("a"), m.Len())
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
