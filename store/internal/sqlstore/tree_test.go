package sqlstore

import (
	"context"
	"slices"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

// TestEdgeIsWhatTheNextAppendReads: for every size, the hashes an append
// of one leaf reads are among the edge's, and an append that starts from
// the edge reads nothing else, then leaves the next edge complete.
func TestEdgeIsWhatTheNextAppendReads(t *testing.T) {
	ctx := context.Background()
	var stored []tlog.Hash // the whole tree's stored hashes, by index
	storeRead := func(asked *[]int64) ReadHashes {
		return func(_ context.Context, idx []int64) (map[int64]tlog.Hash, error) {
			*asked = append(*asked, idx...)
			out := map[int64]tlog.Hash{}
			for _, x := range idx {
				if x < int64(len(stored)) {
					out[x] = stored[x]
				}
			}
			return out, nil
		}
	}
	var edge []StoredHash
	for size := int64(0); size < 300; size++ {
		leaf := tlog.RecordHash([]byte{byte(size), byte(size >> 8)})
		var fromStore []int64
		read := storeRead(&fromStore)
		if size > 0 {
			read = ReadFrom(edge, read)
		}
		r := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
			got, err := read(ctx, idx)
			if err != nil {
				return nil, err
			}
			out := make([]tlog.Hash, len(idx))
			for i, x := range idx {
				out[i] = got[x]
			}
			return out, nil
		})
		hs, err := tlog.StoredHashesForRecordHash(size, leaf, r)
		if err != nil {
			t.Fatal(err)
		}
		if len(fromStore) > 0 {
			t.Fatalf("appending to %d leaves read %v beyond the edge %v", size, fromStore, EdgeIndexes(size))
		}
		idx := make([]int64, len(hs))
		for i := range idx {
			idx[i] = int64(len(stored) + i)
		}
		stored = append(stored, hs...)
		if edge, err = NextEdge(ctx, size+1, edge, idx, hs, storeRead(&fromStore)); err != nil {
			t.Fatal(err)
		}
		if len(fromStore) > 0 {
			t.Fatalf("the edge of %d leaves read %v: the previous edge and the new hashes hold it", size+1, fromStore)
		}
		want := EdgeIndexes(size + 1)
		for i, h := range edge {
			if h.Idx != want[i] || h.Hash != stored[h.Idx] {
				t.Fatalf("edge of %d leaves: %d = (%d, %x), want (%d, %x)", size+1, i, h.Idx, h.Hash[:4], want[i], stored[want[i]][:4])
			}
		}
	}
}

// TestEdgeAtOnlyItsOwnHead: an edge answers only for the log it was set
// for — the same size and the same last event.
func TestEdgeAtOnlyItsOwnHead(t *testing.T) {
	var e Edge
	if _, ok := e.At(0, ""); ok {
		t.Error("the zero Edge answers")
	}
	hs := []StoredHash{{Idx: 2, Hash: tlog.Hash{1}}}
	e.Set(3, "h3", hs)
	for _, c := range []struct {
		size int64
		head string
		ok   bool
	}{{3, "h3", true}, {3, "other", false}, {4, "h3", false}, {2, "h3", false}} {
		got, ok := e.At(c.size, c.head)
		if ok != c.ok || ok && !slices.Equal(got, hs) {
			t.Errorf("At(%d, %q) = %v, %v; want %v", c.size, c.head, got, ok, c.ok)
		}
	}
	e.Forget()
	if _, ok := e.At(3, "h3"); ok {
		t.Error("a forgotten Edge answers")
	}
}

// TestNextEdgeNamesAMissingHash: a hash neither known nor stored is an
// error naming it, not a zero hash.
func TestNextEdgeNamesAMissingHash(t *testing.T) {
	_, err := NextEdge(context.Background(), 2, nil, nil, nil, NoHashes)
	if err == nil || err.Error() != "stored tree hash 2 is missing (csto db rebuild recomputes the tree)" {
		t.Fatalf("err = %v", err)
	}
}
