package registry_test

import (
	"context"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/translog"
)

// TestTreeHeadLiveAndReplayed: the model's tree head is the Merkle tree
// over the log's events, the same whether the model was built by writing
// them or by replaying them.
func TestTreeHeadLiveAndReplayed(t *testing.T) {
	reg, st := open(t)
	if h := reg.Model().Tree(); h.Size != 0 {
		t.Fatalf("empty log: %+v", h)
	}
	load(t, reg, fixture()[:5]...)
	load(t, reg, fixture()[5:]...)
	var f translog.Frontier
	if err := st.Events(context.Background(), 0, func(e csto.Event) error {
		f = f.Append(translog.LeafHash(&e))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	live := reg.Model().Tree()
	if want := f.Head(); live != want || live.Size != reg.Model().Seq {
		t.Fatalf("live tree %+v; the log's %+v (seq %d)", live, want, reg.Model().Seq)
	}
	again, err := registry.Open(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Model().Tree(); got != live {
		t.Fatalf("replayed tree %+v; live %+v", got, live)
	}
}
