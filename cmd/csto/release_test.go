package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/csto/csto/registry"
)

// A server that replayed at least the threshold's events serves the model
// loaded back from its snapshot (registry.Reload); below it, the one it
// replayed.
func TestServeReloadsAfterAReplay(t *testing.T) {
	ctx := context.Background()
	st, _ := withHistory(t, t.TempDir())
	defer st.Close()
	log := slog.New(slog.DiscardHandler)
	for _, c := range []struct {
		after  int64
		reload bool
	}{{1 << 40, false}, {1, true}} {
		snaps := registry.Snapshots{Cache: registry.SnapshotDir(filepath.Join(t.TempDir(), "snapshots")), Every: 1 << 20, Log: log}
		reg, err := registry.OpenCached(ctx, st, snaps)
		if err != nil {
			t.Fatal(err)
		}
		replayed := reg.Model()
		releaseReplay(ctx, log, reg, c.after)
		if got := reg.Model() != replayed && reg.SnapshotSeq() == replayed.Seq; got != c.reload {
			t.Errorf("after %d replayed events, threshold %d: reloaded %v, want %v (snapshot at %d)", reg.Replayed(), c.after, got, c.reload, reg.SnapshotSeq())
		}
	}
}
