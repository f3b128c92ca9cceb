package registry

import (
	"context"
	"strconv"

	"github.com/csto/csto"
	"golang.org/x/mod/sumdb/tlog"
)

// Proofs from the Merkle tree stored beside the log (tlog's stored
// hashes, package translog): that an event is in a tree (inclusion) and
// that a tree extends a smaller one (consistency), for any tree size up
// to the one the current model answers from (Model.Tree). A client checks
// them with tlog.CheckRecord and tlog.CheckTree against a signed
// checkpoint; it never needs to trust the server that serves them.

// treeStore is a store that keeps the tree beside the log (both do).
type treeStore interface {
	ReadTreeHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
}

// Inclusion proves that event Seq is leaf Seq-1 of the tree of Size events.
type Inclusion struct {
	Seq, Size int64
	Leaf      tlog.Hash // the event's record hash (translog.LeafOf its chain hash)
	Root      tlog.Hash // the root of the tree of Size events
	Proof     tlog.RecordProof
}

// Consistency proves that the tree of To events extends the tree of
// From events.
type Consistency struct {
	From, To         int64
	FromRoot, ToRoot tlog.Hash
	Proof            tlog.TreeProof
}

func (r *Registry) treeHashes(ctx context.Context) (tlog.HashReader, error) {
	ts, ok := r.store.(treeStore)
	if !ok {
		return nil, csto.Errorf(csto.Internal, "", "the store keeps no tree")
	}
	return tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) { return ts.ReadTreeHashes(ctx, idx) }), nil
}

// treeSize is the size of the tree the current model answers from.
func (r *Registry) treeSize(ctx context.Context) (int64, error) {
	m, err := r.Fresh(ctx)
	if err != nil {
		return 0, err
	}
	return m.Tree().Size, nil
}

// sizeIn refuses a tree size outside [lo, hi], naming param.
func sizeIn(param string, n, lo, hi int64, what string) error {
	if n < lo || n > hi {
		return csto.Errorf(csto.Invalid, param, "%s is not %s (between %d and %d)", strconv.FormatInt(n, 10), what, lo, hi)
	}
	return nil
}

// InclusionProof proves that event seq is in the tree of size events;
// size 0 means the current tree.
func (r *Registry) InclusionProof(ctx context.Context, seq, size int64) (Inclusion, error) {
	cur, err := r.treeSize(ctx)
	if err != nil {
		return Inclusion{}, err
	}
	if size == 0 {
		size = cur
	}
	if err := sizeIn("size", size, 1, cur, "a tree size of the log"); err != nil {
		return Inclusion{}, err
	}
	if err := sizeIn("seq", seq, 1, size, "an event of that tree"); err != nil {
		return Inclusion{}, err
	}
	h, err := r.treeHashes(ctx)
	if err != nil {
		return Inclusion{}, err
	}
	in := Inclusion{Seq: seq, Size: size}
	leaf, err := h.ReadHashes([]int64{tlog.StoredHashIndex(0, seq-1)})
	if err != nil {
		return Inclusion{}, err
	}
	in.Leaf = leaf[0]
	if in.Root, err = tlog.TreeHash(size, h); err != nil {
		return Inclusion{}, err
	}
	if in.Proof, err = tlog.ProveRecord(size, seq-1, h); err != nil {
		return Inclusion{}, err
	}
	return in, nil
}

// ConsistencyProof proves that the tree of to events extends the tree of
// from events; to 0 means the current tree.
func (r *Registry) ConsistencyProof(ctx context.Context, from, to int64) (Consistency, error) {
	cur, err := r.treeSize(ctx)
	if err != nil {
		return Consistency{}, err
	}
	if to == 0 {
		to = cur
	}
	if err := sizeIn("to", to, 1, cur, "a tree size of the log"); err != nil {
		return Consistency{}, err
	}
	if err := sizeIn("from", from, 1, to, "a tree size up to to"); err != nil {
		return Consistency{}, err
	}
	h, err := r.treeHashes(ctx)
	if err != nil {
		return Consistency{}, err
	}
	c := Consistency{From: from, To: to}
	if c.FromRoot, err = tlog.TreeHash(from, h); err != nil {
		return Consistency{}, err
	}
	if c.ToRoot, err = tlog.TreeHash(to, h); err != nil {
		return Consistency{}, err
	}
	if c.Proof, err = tlog.ProveTree(to, from, h); err != nil {
		return Consistency{}, err
	}
	return c, nil
}
