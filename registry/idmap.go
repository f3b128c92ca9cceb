package registry

import (
	"fmt"
	"hash/maphash"
	"iter"
	"maps"
	"math/bits"

	"github.com/csto/csto/registry/internal/hugepages"
	"github.com/csto/csto/registry/internal/pmap"
)

// Map is a persistent map from IDs to V, for what grows with the log:
// every write adds to it without copying it (see clone). Read it with
// Get, At, Has, Len, All and Keys; it cannot be changed from outside the
// registry.
//
// A model started from a snapshot finds what the snapshot held through a
// table (8 bytes an item) of the items it was read into: the commands
// through the entries whose IDs are theirs, the exercises and incidents
// through the lists of them. Only the rest (commands that made no entry),
// and what is added since, are in the persistent map. A model built by a
// replay holds everything in the map.
type Map[V any] struct {
	base     *table[V] // nil: none
	more     pmap.Map[string, V]
	shadowed int // how many of base's IDs more holds too: its values are the ones
}

// Get returns the value of id and whether the map holds it.
func (x Map[V]) Get(id string) (V, bool) {
	if v, ok := x.more.Get(id); ok {
		return v, true
	}
	if i, ok := x.base.find(id); ok {
		return x.base.val(i), true
	}
	var zero V
	return zero, false
}

// At returns the value of id, or the zero V (nil for a pointer) when the
// map does not hold it, as indexing a Go map does.
func (x Map[V]) At(id string) V {
	v, _ := x.Get(id)
	return v
}

// Has reports whether the map holds id.
func (x Map[V]) Has(id string) bool {
	_, ok := x.Get(id)
	return ok
}

// Len returns the number of IDs.
func (x Map[V]) Len() int { return x.base.len() + x.more.Len() - x.shadowed }

// All returns the IDs and their values, in no particular order.
func (x Map[V]) All() iter.Seq2[string, V] {
	return func(yield func(string, V) bool) {
		for i := range x.base.len() {
			id := x.base.id(i)
			if x.shadowed > 0 && x.more.Has(id) {
				continue
			}
			if !yield(id, x.base.val(i)) {
				return
			}
		}
		for id, v := range x.more.All() {
			if !yield(id, v) {
				return
			}
		}
	}
}

// Keys returns the IDs, in no particular order.
func (x Map[V]) Keys() iter.Seq[string] {
	return func(yield func(string) bool) {
		for id := range x.All() {
			if !yield(id) {
				return
			}
		}
	}
}

// Clone returns the entries as a Go map.
func (x Map[V]) Clone() map[string]V { return maps.Collect(x.All()) }

// set maps id to v in m's version of the map.
func (x *Map[V]) set(m *Model, id string, v V) {
	if _, ok := x.base.find(id); ok && !x.more.Has(id) {
		x.shadowed++
	}
	x.more.Set(id, v, m.edit)
}

// tableOf returns the map of n items (fewer than 1<<31), item i's ID
// id(i) and value val(i), and of more: an ID held twice is returned with
// false. id and val must answer the same for as long as the map lives: the
// items are a snapshot's, which no model changes (it may only append past
// them).
func tableOf[V any](n int, id func(int) string, val func(int) V, more pmap.Map[string, V]) (x Map[V], dup string, ok bool) {
	x.more = more
	if n == 0 {
		return x, "", true
	}
	t := &table[V]{n: n, id: id, val: val, slots: make([]uint64, 1<<bits.Len(uint(2*n-1)))}
	_ = hugepages.Advise(t.slots) // best effort: written and read at random, a TLB miss a probe with small pages
	mask := uint64(len(t.slots) - 1)
	for i := range n {
		k := id(i)
		h := maphash.String(tableSeed, k)
		tag := h &^ slotIndex
		j := h & mask
		for ; t.slots[j] != 0; j = (j + 1) & mask {
			if s := t.slots[j]; s&^slotIndex == tag && id(int(s&slotIndex)-1) == k {
				return Map[V]{}, k, false
			}
		}
		t.slots[j] = tag | uint64(i+1)
	}
	// more is the smaller (the commands that made no entry): its keys are
	// looked up in the table, not the table's in it.
	for k := range more.Keys() {
		if _, ok := t.find(k); ok {
			return Map[V]{}, k, false
		}
	}
	x.base = t
	return x, "", true
}

// table finds items by ID: an open-addressing table (linear probing, at
// most half full) of their indexes, each slot beside the top 32 bits of its
// ID's hash, so that a probe reads an item only when those match.
type table[V any] struct {
	n     int
	id    func(int) string
	val   func(int) V
	slots []uint64 // top 32 bits of the hash | index+1; 0: empty
}

const slotIndex = 1<<32 - 1

var tableSeed = maphash.MakeSeed()

// find returns the index of the item whose ID is id.
func (t *table[V]) find(id string) (int, bool) {
	if t == nil {
		return 0, false
	}
	h := maphash.String(tableSeed, id)
	tag := h &^ slotIndex
	mask := uint64(len(t.slots) - 1)
	for j := h & mask; t.slots[j] != 0; j = (j + 1) & mask {
		if s := t.slots[j]; s&^slotIndex == tag {
			if i := int(s&slotIndex) - 1; t.id(i) == id {
				return i, true
			}
		}
	}
	return 0, false
}

func (t *table[V]) len() int {
	if t == nil {
		return 0
	}
	return t.n
}

// listOf returns the map of a snapshot's exercises or incidents, by ID.
func listOf[T any](what string, xs []*T, id func(*T) string) (Map[*T], error) {
	if uint64(len(xs)) >= 1<<31 {
		return Map[*T]{}, fmt.Errorf("%d %ss: more than a table holds", len(xs), what)
	}
	xs = xs[:len(xs):len(xs)]
	x, dup, ok := tableOf(len(xs), func(i int) string { return id(xs[i]) }, func(i int) *T { return xs[i] }, pmap.Map[string, *T]{})
	if !ok {
		return Map[*T]{}, fmt.Errorf("%s %q twice", what, dup)
	}
	return x, nil
}
