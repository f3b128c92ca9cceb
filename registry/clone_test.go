package registry

import (
	"testing"

	"github.com/csto/csto"
)

// TestClonesOfOneModel: two clones of one model alive at once (a store
// that retries a write's transaction, a model kept by a caller) must not
// write into each other's slices or maps: only the first claims the
// model's tail and appends in place; the second copies.
func TestClonesOfOneModel(t *testing.T) {
	base := newModel()
	base.Entries = make([]Entry, 10, 20) // room past its length
	for i := range base.Entries {
		base.Entries[i] = Entry{Seq: int64(i + 1)}
	}
	a, releaseA := base.clone()
	b, _ := base.clone()
	a.Entries = append(a.Entries, Entry{Seq: 101})
	b.Entries = append(b.Entries, Entry{Seq: 102})
	a.setCommand("a", 11)
	w(b, ownStates, &b.States)["B"] = &State{StateAdd: csto.StateAdd{Code: "B"}}
	if a.Entries[10].Seq != 101 || b.Entries[10].Seq != 102 || len(base.Entries) != 10 {
		t.Errorf("entries: a's 11th %d, b's %d, base holds %d", a.Entries[10].Seq, b.Entries[10].Seq, len(base.Entries))
	}
	if HasCommand(b, "a") || HasCommand(base, "a") || !HasCommand(a, "a") || a.States["B"] != nil || base.States["B"] != nil {
		t.Error("a clone's write reached its sibling or its model")
	}
	// a is discarded: the next clone may append in place again.
	releaseA()
	c, _ := base.clone()
	c.Entries = append(c.Entries, Entry{Seq: 103})
	if &a.Entries[0] != &base.Entries[0] || &c.Entries[0] != &base.Entries[0] {
		t.Error("the first clone, or the one after it was released, copied the entries")
	}
	if b.Entries[10].Seq != 102 {
		t.Errorf("b's 11th entry is at %d", b.Entries[10].Seq)
	}
}
