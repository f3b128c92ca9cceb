// Package translog makes csto's event log a transparency log in the style
// of RFC 6962 (Certificate Transparency) and the Go checksum database: a
// Merkle tree over the events, whose head — tree size and root hash — is
// published in signed checkpoints, with proofs that one event is in the
// tree (inclusion) and that a later tree extends an earlier one
// (consistency). The hashing and the proofs are golang.org/x/mod/sumdb/tlog's,
// the signatures golang.org/x/mod/sumdb/note's (Ed25519, signed-note
// format); this package only decides what the leaves are and how a
// checkpoint reads.
//
// Leaf i (from 0) is event i+1: its record hash is tlog.RecordHash of the
// event's hash as the log stores and shows it (64 hexadecimal
// characters). The event's hash already covers its fields, its body and
// the hash before it (csto.Event.ComputeHash), so the tree commits to
// everything in the log, and a reader can check a leaf from what
// GET /api/v1/events shows.
package translog

import (
	"fmt"
	"math/bits"
	"slices"

	"github.com/csto/csto"
	"golang.org/x/mod/sumdb/tlog"
)

// LeafHash returns the record hash of e in the tree.
func LeafHash(e *csto.Event) tlog.Hash { return LeafOf(e.Hash) }

// LeafOf returns the record hash of an event whose chain hash is hash.
func LeafOf(hash string) tlog.Hash { return tlog.RecordHash([]byte(hash)) }

// Head is the head of the tree: how many events it holds and its root.
type Head struct {
	Size int64
	Root tlog.Hash
}

// Frontier is the tree's right edge: the roots of the complete subtrees
// that make up a tree of Size leaves, largest first (at most log₂ Size of
// them). It is enough to compute the root and to add leaves, in O(log n)
// time and space, so the model keeps the head current without reading
// anything. The zero Frontier is the empty tree; a Frontier is a value:
// Append returns a new one and never changes the receiver's storage.
type Frontier struct {
	Size  int64
	nodes []tlog.Hash // complete subtrees, largest first
}

// Append returns the frontier with one more leaf.
func (f Frontier) Append(leaf tlog.Hash) Frontier {
	nodes := make([]tlog.Hash, 0, len(f.nodes)+1)
	nodes = append(nodes, f.nodes...)
	nodes = append(nodes, leaf)
	// Merge equal-sized subtrees: one per trailing one bit of the old size.
	for n := f.Size; n&1 == 1; n >>= 1 {
		k := len(nodes)
		nodes = append(nodes[:k-2], tlog.NodeHash(nodes[k-2], nodes[k-1]))
	}
	return Frontier{Size: f.Size + 1, nodes: nodes}
}

// Nodes returns the roots of the frontier's complete subtrees, largest
// first (a copy): with Size, what FrontierOf needs to rebuild it.
func (f Frontier) Nodes() []tlog.Hash { return slices.Clone(f.nodes) }

// FrontierOf returns the frontier of a tree of size leaves whose complete
// subtrees have the roots nodes, largest first (as Nodes returns them). A
// tree of size leaves has one complete subtree per one bit of size; any
// other count of nodes is an error.
func FrontierOf(size int64, nodes []tlog.Hash) (Frontier, error) {
	if size < 0 || len(nodes) != bits.OnesCount64(uint64(size)) {
		return Frontier{}, fmt.Errorf("a tree of %d leaves has %d complete subtrees, not %d", size, bits.OnesCount64(uint64(max(size, 0))), len(nodes))
	}
	return Frontier{Size: size, nodes: slices.Clone(nodes)}, nil
}

// Head returns the size and root hash of the tree. The root of the empty
// tree is the zero hash.
func (f Frontier) Head() Head {
	if len(f.nodes) == 0 {
		return Head{}
	}
	h := f.nodes[len(f.nodes)-1]
	for i := len(f.nodes) - 2; i >= 0; i-- {
		h = tlog.NodeHash(f.nodes[i], h)
	}
	return Head{Size: f.Size, Root: h}
}
