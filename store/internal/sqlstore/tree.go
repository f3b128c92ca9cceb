package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/csto/csto"
	"github.com/csto/csto/translog"
)

// The transparency log's Merkle tree is stored beside the events as
// tlog's stored hashes: tree_hashes(idx, hash), idx = tlog.StoredHashIndex.
// Each append writes the hashes of its events in the same transaction;
// computing them reads at most O(log n) stored hashes.

// ReadHashes reads the stored hashes at indexes (in any order).
type ReadHashes func(ctx context.Context, indexes []int64) (map[int64]tlog.Hash, error)

// TreeHashes returns the stored hashes that events evs add to a tree of
// size leaves, as (index, hash) pairs in index order, reading the hashes
// already stored through read.
func TreeHashes(ctx context.Context, size int64, evs []csto.Event, read ReadHashes) ([]int64, []tlog.Hash, error) {
	base := tlog.StoredHashIndex(0, size)
	var pending []tlog.Hash // the hashes from index base on
	r := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		return lookup(ctx, idx, func(x int64) (tlog.Hash, bool) {
			if x >= base && x-base < int64(len(pending)) {
				return pending[x-base], true
			}
			return tlog.Hash{}, false
		}, read)
	})
	for i := range evs {
		n := size + int64(i)
		leaf := translog.LeafHash(&evs[i])
		hs, err := tlog.StoredHashesForRecordHash(n, leaf, r)
		if err != nil {
			return nil, nil, err
		}
		pending = append(pending, hs...)
	}
	idx := make([]int64, len(pending))
	for i := range idx {
		idx[i] = base + int64(i)
	}
	return idx, pending, nil
}

// InsertTreeHashes writes the stored hashes, up to treeRows a statement
// (an append of one event writes one or two, so one statement).
func InsertTreeHashes(ctx context.Context, exec Exec, idx []int64, hs []tlog.Hash) error {
	for len(idx) > 0 {
		n := min(len(idx), treeRows)
		args := make([]any, 0, 2*n)
		for i := range n {
			args = append(args, idx[i], hs[i][:])
		}
		if err := exec(ctx, insertTree[n], args...); err != nil {
			return fmt.Errorf("store tree hashes %d…%d: %w", idx[0], idx[n-1], err)
		}
		idx, hs = idx[n:], hs[n:]
	}
	return nil
}

// treeRows bounds the rows of one insert of tree hashes: a few dozen
// fixed statement texts, each prepared once by the stores.
const treeRows = 32

// insertTree[n] inserts n tree hashes.
var insertTree = func() []string {
	q := make([]string, treeRows+1)
	var b strings.Builder
	for n := 1; n <= treeRows; n++ {
		b.Reset()
		b.WriteString(`INSERT INTO tree_hashes (idx, hash) VALUES `)
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "($%d, $%d)", 2*i+1, 2*i+2)
		}
		q[n] = b.String()
	}
	return q
}()

// NoHashes is the reader of an empty tree.
func NoHashes(context.Context, []int64) (map[int64]tlog.Hash, error) {
	return map[int64]tlog.Hash{}, nil
}

// TreeBehind reports whether the stored tree, whose highest index is
// maxIdx (-1 for none), lacks hashes for a log of size events (a log
// written before the tree was stored): the writer then rebuilds it.
func TreeBehind(maxIdx, size int64) bool { return maxIdx != tlog.StoredHashIndex(0, size)-1 }

// ToHashes converts stored rows to hashes, checking their length.
func ToHashes(idx []int64, raw [][]byte) (map[int64]tlog.Hash, error) {
	out := make(map[int64]tlog.Hash, len(idx))
	for i, b := range raw {
		if len(b) != tlog.HashSize {
			return nil, fmt.Errorf("stored tree hash %d has %d bytes", idx[i], len(b))
		}
		out[idx[i]] = tlog.Hash(b)
	}
	return out, nil
}

// Edge is a writer's copy of the stored hashes on the tree's right edge
// (the roots of its complete subtrees: what the next append combines its
// leaves with), as the writer's last append left them. While the log's
// head is still that append's last event, the next append reads neither
// these hashes nor the table's largest index from the store: the stored
// tree was complete when that append committed, and the hashes at an
// index never change for the same chain (the head's hash commits to every
// event before it). Any other head — another process appended, or this
// is the writer's first append — and the append takes the store's path.
// The zero Edge knows nothing; it is safe for concurrent use.
type Edge struct {
	mu     sync.Mutex
	size   int64  // the tree's leaves after the last append
	head   string // the hash of event size
	hashes []StoredHash
}

// StoredHash is one stored hash of the tree and its index.
type StoredHash struct {
	Idx  int64
	Hash tlog.Hash
}

// At returns the edge's hashes when the log holds size events and the
// last has hash head, as after the writer's last append; otherwise
// false.
func (e *Edge) At(size int64, head string) ([]StoredHash, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.hashes == nil || e.size != size || e.head != head {
		return nil, false
	}
	return e.hashes, true
}

// Set records the edge of a tree of size leaves whose last event has hash
// head (as NextEdge returns it), once its append has committed.
func (e *Edge) Set(size int64, head string, edge []StoredHash) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.size, e.head, e.hashes = size, head, edge
}

// Forget drops the edge: the next append reads the store.
func (e *Edge) Forget() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.hashes = nil
}

// NextEdge returns the edge of the tree of size leaves: each of its
// hashes from those an append writes (idx, in order, and hs), else from
// the previous edge, else read.
func NextEdge(ctx context.Context, size int64, edge []StoredHash, idx []int64, hs []tlog.Hash, read ReadHashes) ([]StoredHash, error) {
	want := EdgeIndexes(size)
	got, err := lookup(ctx, want, func(x int64) (tlog.Hash, bool) {
		if j, ok := slices.BinarySearch(idx, x); ok {
			return hs[j], true
		}
		return inEdge(edge, x)
	}, read)
	if err != nil {
		return nil, err
	}
	out := make([]StoredHash, len(want))
	for i, x := range want {
		out[i] = StoredHash{x, got[i]}
	}
	return out, nil
}

// EdgeIndexes returns the stored-hash indexes of the roots of the complete
// subtrees of a tree of size leaves, largest first: one per one bit of
// size, the hashes appending to it reads.
func EdgeIndexes(size int64) []int64 {
	var idx []int64
	for level := 62; level >= 0; level-- {
		if size>>level&1 == 1 {
			idx = append(idx, tlog.StoredHashIndex(level, size>>level-1))
		}
	}
	return idx
}

// ReadFrom answers reads from hashes first and from read for the rest.
func ReadFrom(hashes []StoredHash, read ReadHashes) ReadHashes {
	return func(ctx context.Context, indexes []int64) (map[int64]tlog.Hash, error) {
		got, err := lookup(ctx, indexes, func(x int64) (tlog.Hash, bool) { return inEdge(hashes, x) }, read)
		if err != nil {
			return nil, err
		}
		out := make(map[int64]tlog.Hash, len(indexes))
		for i, x := range indexes {
			out[x] = got[i]
		}
		return out, nil
	}
}

func inEdge(edge []StoredHash, x int64) (tlog.Hash, bool) {
	for _, h := range edge {
		if h.Idx == x {
			return h.Hash, true
		}
	}
	return tlog.Hash{}, false
}

// lookup returns the hashes at idx, in order: each from known when it has
// it, the rest in one read. A hash neither holds is an error naming it.
func lookup(ctx context.Context, idx []int64, known func(int64) (tlog.Hash, bool), read ReadHashes) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	var missing []int64 // in idx's order; at is where each goes in out
	var at []int
	for i, x := range idx {
		if h, ok := known(x); ok {
			out[i] = h
		} else {
			missing, at = append(missing, x), append(at, i)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	got, err := read(ctx, missing)
	if err != nil {
		return nil, err
	}
	for k, x := range missing {
		h, ok := got[x]
		if !ok {
			return nil, MissingHash(x)
		}
		out[at[k]] = h
	}
	return out, nil
}

// MissingHash is the error of a stored tree hash the table lacks.
func MissingHash(x int64) error {
	return fmt.Errorf("stored tree hash %d is missing (csto db rebuild recomputes the tree)", x)
}
