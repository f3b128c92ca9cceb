package sqlstore

import (
	"context"
	"fmt"

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
		out := make([]tlog.Hash, len(idx))
		var missing []int64
		for i, x := range idx {
			if x >= base && x-base < int64(len(pending)) {
				out[i] = pending[x-base]
			} else {
				missing = append(missing, x)
			}
		}
		if len(missing) == 0 {
			return out, nil
		}
		got, err := read(ctx, missing)
		if err != nil {
			return nil, err
		}
		for i, x := range idx {
			if x < base || x-base >= int64(len(pending)) {
				h, ok := got[x]
				if !ok {
					return nil, fmt.Errorf("stored tree hash %d is missing (csto db rebuild recomputes the tree)", x)
				}
				out[i] = h
			}
		}
		return out, nil
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

// InsertTreeHashes writes the stored hashes.
func InsertTreeHashes(ctx context.Context, exec Exec, idx []int64, hs []tlog.Hash) error {
	for i := range idx {
		if err := exec(ctx, `INSERT INTO tree_hashes (idx, hash) VALUES ($1, $2)`, idx[i], hs[i][:]); err != nil {
			return fmt.Errorf("store tree hash %d: %w", idx[i], err)
		}
	}
	return nil
}

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
