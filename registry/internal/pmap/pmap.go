// Package pmap is a persistent hash map: a hash array mapped trie (HAMT)
// whose versions share structure. Setting a key in a version copies only
// the path from the root to the key (at most ⌈64/5⌉ nodes of at most 32
// slots), so a write costs O(log₃₂ n) whatever the map's size, and every
// older version stays as it was: readers of a published version need no
// lock.
//
// A version being built may be changed in place: Set with an Owner
// mutates the nodes that Owner created and copies the others (stamping
// the copies with it). The registry gives each model it builds an Owner
// of its own, so replaying a million events into one model does not copy
// a path per event, and a published model's nodes, made by an Owner no
// one uses any more, are never written again.
package pmap

import (
	"cmp"
	"hash/maphash"
	"iter"
	"math/bits"
	"slices"
)

// Owner marks the nodes one version under construction may change in
// place. Its zero value is ready; compare by address. The field keeps
// the type from being zero-sized (distinct zero-sized allocations may
// share an address).
type Owner struct{ _ byte }

// Map is a persistent map from K to V. The zero Map is empty and ready.
// Copying a Map copies a version: Set on the copy with another Owner (or
// none) leaves the original unchanged.
type Map[K comparable, V any] struct {
	root *node[K, V]
	n    int
}

var seed = maphash.MakeSeed()

const (
	bitsPerLevel = 5
	fanout       = 1 << bitsPerLevel
)

type node[K comparable, V any] struct {
	owner  *Owner
	bitmap uint32 // which of the 32 slots are present; slots holds them in order
	slots  []slot[K, V]
}

// slot is a subtree (sub != nil) or a leaf: the keys with one hash, k
// and, only when two keys' 64-bit hashes collide, more. The first key is
// held in the slot itself: a map of a million keys is a million fewer
// allocations.
type slot[K comparable, V any] struct {
	sub  *node[K, V]
	hash uint64
	k    K
	v    V
	more *[]kv[K, V] // never changed in place: it may be shared
}

type kv[K comparable, V any] struct {
	k K
	v V
}

func hashOf[K comparable](k K) uint64 { return maphash.Comparable(seed, k) }

// Len returns the number of keys.
func (m Map[K, V]) Len() int { return m.n }

// Get returns the value of k and whether m holds it.
func (m Map[K, V]) Get(k K) (V, bool) { return m.get(k, hashOf(k)) }

// get is Get of k, whose hash is h.
func (m Map[K, V]) get(k K, h uint64) (V, bool) {
	n := m.root
	for shift := uint(0); n != nil; shift += bitsPerLevel {
		bit := uint32(1) << ((h >> shift) & (fanout - 1))
		if n.bitmap&bit == 0 {
			break
		}
		s := &n.slots[bits.OnesCount32(n.bitmap&(bit-1))]
		if s.sub != nil {
			n = s.sub
			continue
		}
		if s.hash == h {
			if s.k == k {
				return s.v, true
			}
			if s.more != nil {
				for i := range *s.more {
					if (*s.more)[i].k == k {
						return (*s.more)[i].v, true
					}
				}
			}
		}
		break
	}
	var zero V
	return zero, false
}

// At returns the value of k, or the zero V when m does not hold it (as
// indexing a Go map does).
func (m Map[K, V]) At(k K) V {
	v, _ := m.Get(k)
	return v
}

// Has reports whether m holds k.
func (m Map[K, V]) Has(k K) bool {
	_, ok := m.Get(k)
	return ok
}

// Set maps k to v in m. It changes in place only the nodes own created
// (none when own is nil) and copies the others, so every other version
// sharing them is unchanged.
func (m *Map[K, V]) Set(k K, v V, own *Owner) {
	if m.root == nil {
		m.root = &node[K, V]{owner: own}
	}
	root, added := m.root.set(k, v, hashOf(k), 0, own)
	m.root = root
	if added {
		m.n++
	}
}

// editable returns n itself when own created it, else a copy own may change.
func (n *node[K, V]) editable(own *Owner) *node[K, V] {
	if own != nil && n.owner == own {
		return n
	}
	c := &node[K, V]{owner: own, bitmap: n.bitmap, slots: make([]slot[K, V], len(n.slots), len(n.slots)+1)}
	copy(c.slots, n.slots)
	return c
}

func (n *node[K, V]) set(k K, v V, h uint64, shift uint, own *Owner) (*node[K, V], bool) {
	bit := uint32(1) << ((h >> shift) & (fanout - 1))
	i := bits.OnesCount32(n.bitmap & (bit - 1))
	if n.bitmap&bit == 0 {
		e := n.editable(own)
		e.slots = append(e.slots, slot[K, V]{})
		copy(e.slots[i+1:], e.slots[i:])
		e.slots[i] = slot[K, V]{hash: h, k: k, v: v}
		e.bitmap |= bit
		return e, true
	}
	s := n.slots[i]
	switch {
	case s.sub != nil:
		sub, added := s.sub.set(k, v, h, shift+bitsPerLevel, own)
		if sub == s.sub {
			return n, added // changed in place below
		}
		e := n.editable(own)
		e.slots[i].sub = sub
		return e, added
	case s.hash == h && s.k == k:
		e := n.editable(own)
		e.slots[i].v = v
		return e, false
	case s.hash == h:
		e := n.editable(own)
		// A leaf's colliding keys are never changed in place: they may be
		// shared.
		var more []kv[K, V]
		if s.more != nil {
			more = make([]kv[K, V], len(*s.more), len(*s.more)+1)
			copy(more, *s.more)
		}
		added := true
		for j := range more {
			if more[j].k == k {
				more[j].v, added = v, false
				break
			}
		}
		if added {
			more = append(more, kv[K, V]{k, v})
		}
		e.slots[i].more = &more
		return e, added
	default:
		// Another hash in this slot: push both one level down.
		down := uint32(1) << ((s.hash >> (shift + bitsPerLevel)) & (fanout - 1))
		sub := &node[K, V]{owner: own, bitmap: down, slots: []slot[K, V]{s}}
		sub, _ = sub.set(k, v, h, shift+bitsPerLevel, own)
		e := n.editable(own)
		e.slots[i] = slot[K, V]{sub: sub}
		return e, true
	}
}

// All returns the keys and values, in no particular order (stable for
// one version).
func (m Map[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		if m.root != nil {
			m.root.each(yield)
		}
	}
}

// Keys returns the keys, in the order of All.
func (m Map[K, V]) Keys() iter.Seq[K] {
	return func(yield func(K) bool) {
		for k := range m.All() {
			if !yield(k) {
				return
			}
		}
	}
}

func (n *node[K, V]) each(yield func(K, V) bool) bool {
	for i := range n.slots {
		s := &n.slots[i]
		if s.sub != nil {
			if !s.sub.each(yield) {
				return false
			}
			continue
		}
		if !yield(s.k, s.v) {
			return false
		}
		if s.more != nil {
			for _, e := range *s.more {
				if !yield(e.k, e.v) {
					return false
				}
			}
		}
	}
	return true
}

// Of returns a map holding the entries of the Go map g.
func Of[K comparable, V any](g map[K]V) Map[K, V] {
	var m Map[K, V]
	own := new(Owner)
	for k, v := range g {
		m.Set(k, v, own)
	}
	return m
}

// Clone returns the entries as a Go map.
func (m Map[K, V]) Clone() map[K]V {
	g := make(map[K]V, m.n)
	for k, v := range m.All() {
		g[k] = v
	}
	return g
}

// Bulk returns the map of the n keys and values at(0) … at(n-1), built in
// one pass rather than by n Sets: the keys are ordered by their hashes'
// path through the trie and each node is made once, at its size, so a map
// of a million keys costs a sort instead of a million walks from the
// root. dup is a key given more than once, and ok false, when there is
// one (the map then holds its last value). own owns the nodes.
func Bulk[K comparable, V any](n int, at func(i int) (K, V), own *Owner) (m Map[K, V], dup K, ok bool) {
	items := make([]bulkItem, n)
	for i := range items {
		k, _ := at(i)
		items[i] = bulkItem{h: hashOf(k), i: i}
	}
	return bulk(items, at, own)
}

// bulkItem is the i-th key of a Bulk and its hash.
type bulkItem struct {
	path uint64 // h's 5-bit groups, the root's first: the trie's order
	h    uint64
	i    int
}

func bulk[K comparable, V any](items []bulkItem, at func(int) (K, V), own *Owner) (m Map[K, V], dup K, ok bool) {
	for j := range items {
		items[j].path = pathOf(items[j].h)
	}
	// Of equal keys, the last given wins, as with Sets in order.
	items = sortItems(items)
	ok = true
	var kvs []kv[K, V] // one hash's keys, reused
	var build func(items []bulkItem, shift uint) *node[K, V]
	build = func(items []bulkItem, shift uint) *node[K, V] {
		nd := &node[K, V]{owner: own}
		runs := 0
		for j := 0; j < len(items); runs++ {
			j += runLen(items[j:], shift)
		}
		nd.slots = make([]slot[K, V], 0, runs)
		for len(items) > 0 {
			r := runLen(items, shift)
			run := items[:r]
			items = items[r:]
			nd.bitmap |= 1 << ((run[0].h >> shift) & (fanout - 1))
			if run[0].h != run[len(run)-1].h { // more than one hash: a level down
				nd.slots = append(nd.slots, slot[K, V]{sub: build(run, shift+bitsPerLevel)})
				continue
			}
			kvs = kvs[:0]
		keys:
			for _, it := range run {
				k, v := at(it.i)
				for j := range kvs {
					if kvs[j].k == k {
						if ok {
							dup, ok = k, false
						}
						kvs[j].v = v
						continue keys
					}
				}
				kvs = append(kvs, kv[K, V]{k, v})
			}
			s := slot[K, V]{hash: run[0].h, k: kvs[0].k, v: kvs[0].v}
			if len(kvs) > 1 {
				more := slices.Clone(kvs[1:])
				s.more = &more
			}
			m.n += len(kvs)
			nd.slots = append(nd.slots, s)
		}
		return nd
	}
	if len(items) > 0 {
		m.root = build(items, 0)
	}
	return m, dup, ok
}

// sortItems orders items by path, then by i. Hashes are spread evenly, so
// one counting pass on the paths' top bits, stable (items come in the
// order of i), leaves buckets of a few items each to sort: a million keys
// cost two passes over them and a million small sorts, not a comparison
// sort's twenty passes. It returns the sorted items, which may be a new
// slice.
func sortItems(items []bulkItem) []bulkItem {
	byPath := func(a, b bulkItem) int { return cmp.Or(cmp.Compare(a.path, b.path), cmp.Compare(a.i, b.i)) }
	if len(items) < 1<<12 {
		slices.SortFunc(items, byPath)
		return items
	}
	// About eight items a bucket, at most 2¹⁶ buckets.
	b := min(16, bits.Len(uint(len(items)))-3)
	shift := 64 - uint(b)
	start := make([]int, 1<<b+1)
	for _, it := range items {
		start[it.path>>shift+1]++
	}
	for j := 1; j < len(start); j++ {
		start[j] += start[j-1]
	}
	out := make([]bulkItem, len(items))
	next := slices.Clone(start[:1<<b])
	for _, it := range items {
		k := it.path >> shift
		out[next[k]] = it
		next[k]++
	}
	for j := range 1 << b {
		if bucket := out[start[j]:start[j+1]]; len(bucket) > 1 {
			slices.SortFunc(bucket, byPath)
		}
	}
	return out
}

// runLen returns how many of items, ordered by path, share the first's
// slot at the level of shift.
func runLen(items []bulkItem, shift uint) int {
	b := (items[0].h >> shift) & (fanout - 1)
	r := 1
	for r < len(items) && (items[r].h>>shift)&(fanout-1) == b {
		r++
	}
	return r
}

// pathOf returns h's 5-bit groups in the order the trie reads them, the
// lowest (the root's) most significant: 12 groups of 5 bits, then the
// last 4.
func pathOf(h uint64) uint64 {
	var p uint64
	for shift := uint(0); shift < 60; shift += bitsPerLevel {
		p = p<<bitsPerLevel | (h>>shift)&(fanout-1)
	}
	return p<<4 | h>>60
}
