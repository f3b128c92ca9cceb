package registry

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A server writes a snapshot every Every events and thins them after
// each: what is left is the latest, at most pastKept before it, spread so
// that no gap is more than about twice the even spacing.
func TestThinnedKeepsThemSpread(t *testing.T) {
	if got := thinned([]int64{5, 10, 15}); got != nil {
		t.Fatalf("thinned three: dropped %v", got)
	}
	const every = 10_000
	var kept []int64
	for seq := int64(every); seq <= 1_000_000; seq += every {
		kept = append(kept, seq)
		drop := thinned(kept)
		kept = slices.DeleteFunc(kept, func(s int64) bool { _, found := slices.BinarySearch(drop, s); return found })
		if len(kept) > pastKept+1 || kept[len(kept)-1] != seq {
			t.Fatalf("after %d: kept %v: more than %d before the latest, or not the latest", seq, kept, pastKept)
		}
		prev, gap := int64(0), int64(0)
		for _, s := range kept {
			gap, prev = max(gap, s-prev), s
		}
		if even := seq / pastKept; seq > every*pastKept && gap > 2*even+every {
			t.Fatalf("after %d: kept %v: a gap of %d, past twice the even spacing %d", seq, kept, gap, even)
		}
	}
	if len(kept) != pastKept+1 {
		t.Errorf("kept %d at 1 M, want %d", len(kept), pastKept+1)
	}
}

// SnapshotDir lists only the files it names, in order; a missing one is
// fs.ErrNotExist to load and nothing to remove; a position that is none
// is refused.
func TestSnapshotDir(t *testing.T) {
	dir := t.TempDir()
	d := SnapshotDir(filepath.Join(dir, "snapshots"))
	if seqs, err := d.List(); err != nil || seqs != nil {
		t.Fatalf("List before any: %v, %v", seqs, err)
	}
	for _, seq := range []int64{30, 5, 100} {
		if err := d.Save(seq, func(w io.WriteSeeker) error { _, err := w.Write([]byte{byte(seq)}); return err }); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"x.snap", "007.snap", "-1.snap", "0.snap", "+8.snap", "12.snap.tmp", "12.1234.tmp", "snapshot"} {
		if err := os.WriteFile(filepath.Join(string(d), name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(string(d), "9.snap"), 0o700); err != nil {
		t.Fatal(err)
	}
	if seqs, err := d.List(); err != nil || !slices.Equal(seqs, []int64{5, 30, 100}) {
		t.Fatalf("List: %v, %v; want [5 30 100]", seqs, err)
	}
	f, err := d.Load(30)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	if !slices.Equal(b, []byte{30}) {
		t.Errorf("Load(30) read %v", b)
	}
	if _, err := d.Load(31); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(31): %v, want fs.ErrNotExist", err)
	}
	if err := d.Remove(30); err != nil {
		t.Fatal(err)
	}
	if err := d.Remove(30); err != nil {
		t.Errorf("Remove of none: %v", err)
	}
	if err := d.Save(0, func(io.WriteSeeker) error { return nil }); err == nil {
		t.Error("Save(0): no error")
	}
	if seqs, _ := d.List(); !slices.Equal(seqs, []int64{5, 100}) {
		t.Errorf("List after removing 30: %v", seqs)
	}
}
