package pmap

import (
	"cmp"
	"maps"
	"math/rand/v2"
	"slices"
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

// Bulk builds the map n Sets build: the same keys and values, duplicates
// named and their last value kept, and a map that Sets then extend
// without changing it.
func TestBulk(t *testing.T) {
	keys := make([]string, 20_000)
	for i := range keys {
		keys[i] = "command-" + strconv.Itoa(i*7919%100_003)
	}
	keys[500] = keys[10] // a key twice
	var want Map[string, int]
	own := new(Owner)
	for i, k := range keys {
		want.Set(k, i, own)
	}
	got, dup, ok := Bulk(len(keys), func(i int) (string, int) { return keys[i], i }, new(Owner))
	if ok || dup != keys[10] {
		t.Fatalf("duplicate %q, %v; want %q named", dup, ok, keys[10])
	}
	if got.Len() != want.Len() || !maps.Equal(got.Clone(), want.Clone()) {
		t.Fatalf("Bulk holds %d keys, Sets %d, or other values", got.Len(), want.Len())
	}
	before := got.Clone()
	next := got
	next.Set("new", -1, nil)
	next.Set(keys[3], -3, nil)
	if !maps.Equal(got.Clone(), before) || next.At("new") != -1 || next.At(keys[3]) != -3 || next.Len() != got.Len()+1 {
		t.Fatal("Sets on a bulk-built map changed it, or did not take")
	}
	if m, _, ok := Bulk(0, func(int) (string, int) { return "", 0 }, nil); !ok || m.Len() != 0 || m.Has("") {
		t.Fatal("an empty Bulk is not empty")
	}
	// Hashes chosen: three keys of one hash, hashes that share their
	// lowest groups (one subtree below another), the top bits alone
	// apart.
	hashes := []uint64{0x2a, 0x2a, 0x2a, 0x2a | 1<<5, 0x2a | 2<<5, 0x2a | 1<<62, 7, 0x2a | 1<<5 | 1<<10}
	var items []bulkItem
	var set Map[string, int]
	for i, h := range hashes {
		items = append(items, bulkItem{h: h, i: i})
		if set.root == nil {
			set.root = &node[string, int]{owner: own}
		}
		var added bool
		if set.root, added = set.root.set(strconv.Itoa(i), i, h, 0, own); added {
			set.n++
		}
	}
	b, _, ok := bulk(items, func(i int) (string, int) { return strconv.Itoa(i), i }, nil)
	if !ok || b.Len() != len(hashes) || !maps.Equal(b.Clone(), set.Clone()) {
		t.Fatalf("chosen hashes: %v, %v; want %v", ok, b.Clone(), set.Clone())
	}
	for i, h := range hashes {
		if v, found := b.get(strconv.Itoa(i), h); !found || v != i {
			t.Errorf("key %d (hash %#x): %d, %v", i, h, v, found)
		}
	}
}

// sortItems orders by path, then by position, as a comparison sort
// does: on spread hashes, on hashes that all fall in one bucket, and with
// paths given twice (equal hashes, whose order decides which value wins).
func TestSortItems(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct {
		name string
		n    int
		path func(i int) uint64
	}{
		{"spread", 50_000, func(int) uint64 { return rng.Uint64() }},
		{"one bucket", 20_000, func(int) uint64 { return rng.Uint64() >> 20 }},
		{"repeats", 30_000, func(i int) uint64 { return uint64(i%997) << 50 }},
		{"small", 100, func(int) uint64 { return rng.Uint64() }},
	} {
		items := make([]bulkItem, tc.n)
		for i := range items {
			items[i] = bulkItem{path: tc.path(i), i: i}
		}
		want := slices.Clone(items)
		slices.SortFunc(want, func(a, b bulkItem) int { return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.i, b.i)) })
		if got := sortItems(items); !slices.Equal(got, want) {
			t.Errorf("%s: not in the order of path, then position", tc.name)
		}
	}
}

func BenchmarkBulk(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		keys := make([]string, n)
		for i := range keys {
			keys[i] = "gen" + strconv.Itoa(i) + ":event:2022-01-06-some-event"
		}
		b.Run("Set/"+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				var m Map[string, int64]
				own := new(Owner)
				for i, k := range keys {
					m.Set(k, int64(i), own)
				}
			}
		})
		b.Run("Bulk/"+strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				Bulk(n, func(i int) (string, int64) { return keys[i], int64(i) }, new(Owner))
			}
		})
	}
}
