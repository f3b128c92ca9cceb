package registry

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/csto/csto/internal/iox"
)

// SnapshotCache is where snapshots are kept, each by the position of the
// log it was built from. The latest is where a start begins; the earlier
// ones are bases for the record as recorded at a past time (AsRecorded),
// so that a process that never built those models replays from the
// nearest one, not from the first event. A snapshot is as large as the
// model (tens of MB at 1 M events), so it is written and read as a
// stream, never held whole in memory beside the model.
type SnapshotCache interface {
	// List returns the positions of the snapshots kept, ascending.
	List() ([]int64, error)
	// Load opens the snapshot at position seq for reading; an error
	// wrapping fs.ErrNotExist when there is none.
	Load(seq int64) (io.ReadCloser, error)
	// Save stores what write writes as the snapshot at position seq,
	// atomically: a reader sees none or the whole. write may seek (the
	// checksum goes before the body it covers).
	Save(seq int64, write func(io.WriteSeeker) error) error
	// Remove drops the snapshot at seq; none there is no error.
	Remove(seq int64) error
}

// SnapshotDir keeps snapshots in a directory, one file each, named by
// its position (SEQ.snap). A file is written beside its name, synced and
// renamed into place; other names in the directory are ignored.
type SnapshotDir string

const snapExt = ".snap"

func (d SnapshotDir) path(seq int64) string {
	return filepath.Join(string(d), strconv.FormatInt(seq, 10)+snapExt)
}

// List implements SnapshotCache. A directory not made yet holds none.
func (d SnapshotDir) List() ([]int64, error) {
	des, err := os.ReadDir(string(d))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var seqs []int64
	for _, de := range des {
		name, ok := strings.CutSuffix(de.Name(), snapExt)
		if !ok || !de.Type().IsRegular() {
			continue
		}
		// Only the names Save gives: digits, no sign, no leading zero.
		seq, err := strconv.ParseInt(name, 10, 64)
		if err != nil || seq <= 0 || strconv.FormatInt(seq, 10) != name {
			continue
		}
		seqs = append(seqs, seq)
	}
	slices.Sort(seqs)
	return seqs, nil
}

// Load implements SnapshotCache.
func (d SnapshotDir) Load(seq int64) (io.ReadCloser, error) { return os.Open(d.path(seq)) }

// Save implements SnapshotCache.
func (d SnapshotDir) Save(seq int64, write func(io.WriteSeeker) error) error {
	if seq <= 0 {
		return fmt.Errorf("snapshot: position %d: not a position of the log", seq)
	}
	if err := os.MkdirAll(string(d), 0o700); err != nil {
		return err
	}
	return iox.PlaceSynced(string(d), strconv.FormatInt(seq, 10)+".*.tmp", write, func(tmp string) error {
		return os.Rename(tmp, d.path(seq))
	})
}

// Remove implements SnapshotCache.
func (d SnapshotDir) Remove(seq int64) error {
	err := os.Remove(d.path(seq))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// pastKept is how many snapshots before the latest a cache keeps. Each is
// a model as large as its position (65 bytes an event), so kept evenly
// spread they hold about pastKept/2 times the latest's bytes, and a past
// prefix replays at most about 2/pastKept of the log from the nearest.
const pastKept = 16

// thinned returns which of the positions kept (ascending) to remove so
// that at most pastKept are left before the latest: each time the one
// whose removal leaves the smallest gap between its neighbours (the first
// event's position before the first), so that those left stay spread
// over the log. The latest is never removed.
func thinned(seqs []int64) []int64 {
	if len(seqs) <= pastKept+1 {
		return nil
	}
	left := slices.Clone(seqs)
	var drop []int64
	for len(left) > pastKept+1 {
		best, gap := 0, int64(-1)
		for i := 0; i < len(left)-1; i++ {
			prev := int64(0)
			if i > 0 {
				prev = left[i-1]
			}
			if g := left[i+1] - prev; gap < 0 || g < gap {
				best, gap = i, g
			}
		}
		drop = append(drop, left[best])
		left = slices.Delete(left, best, best+1)
	}
	slices.Sort(drop)
	return drop
}

// pastSpacing is how far apart a past snapshot is worth writing beside
// the ones kept, whose latest is at latest: closer, thinning would remove
// one of the two again.
func pastSpacing(every, latest int64) int64 {
	return max(every, latest/pastKept)
}
