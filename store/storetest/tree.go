package storetest

import (
	"context"
	"fmt"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/csto/csto"
	"github.com/csto/csto/translog"
)

// TreeReader is what a store offers for reading its Merkle tree's stored
// hashes (both csto stores).
type TreeReader interface {
	ReadTreeHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
}

// testTreeFollowsTheLog appends from two handles on one database, in
// runs of single events and of batches, so that each handle appends
// both right after its own last append (when a store may reuse what it
// wrote) and after the other's; after every append, the stored tree must
// be the one computed from the events alone.
func testTreeFollowsTheLog(t *testing.T, b Backend) {
	s, reopen := b.Open(t)
	other := reopen()
	ctx := context.Background()
	var (
		want []tlog.Hash // every stored hash, by index, computed here
		seq  int64
		n    int
	)
	// Runs on one handle, then the other: 1, 1, 3 (a batch), 1, 2, …
	runs := []struct {
		store csto.Store
		sizes []int
	}{
		{s, []int{1, 1, 1, 3, 1, 1, 2, 1}},
		{other, []int{1, 1, 5, 1}},
		{s, []int{1, 1, 1, 1, 7, 1, 1, 1}},
		{other, []int{1}},
		{s, []int{2, 1, 1, 1, 1, 1, 1, 1, 1, 16, 1}},
	}
	for _, run := range runs {
		for _, size := range run.sizes {
			ids := make([]string, size)
			for i := range ids {
				n++
				ids[i] = fmt.Sprintf("t%d", n)
			}
			evs, err := appendIDs(ctx, run.store, seq, ids...)
			if err != nil {
				t.Fatal(err)
			}
			for i := range evs {
				r := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
					out := make([]tlog.Hash, len(idx))
					for j, x := range idx {
						out[j] = want[x]
					}
					return out, nil
				})
				hs, err := tlog.StoredHashesForRecordHash(evs[i].Seq-1, translog.LeafHash(&evs[i]), r)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, hs...)
			}
			seq = evs[len(evs)-1].Seq
			for _, h := range []csto.Store{s, other} {
				tr, ok := h.(TreeReader)
				if !ok {
					t.Fatalf("%T does not read its tree", h)
				}
				idx := make([]int64, len(want))
				for i := range idx {
					idx[i] = int64(i)
				}
				got, err := tr.ReadTreeHashes(ctx, idx)
				if err != nil {
					t.Fatalf("at %d events: %v", seq, err)
				}
				for i := range want {
					if got[i] != want[i] {
						t.Fatalf("at %d events: stored tree hash %d differs from the one computed from the events", seq, i)
					}
				}
			}
		}
	}
	if seq != int64(n) {
		t.Fatalf("the log holds %d events, not %d", seq, n)
	}
}
