package registry_test

import (
	"context"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// Read is the one read: now, it answers with what another registry on
// the same store appended (past MaxAge, here 0: every Read catches up);
// with a recorded time, the record as it was held then; and the model it
// returns carries the log position it cites.
func TestRead(t *testing.T) {
	ctx := context.Background()
	writer, st := open(t)
	clock := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	writer.Now = func() time.Time { return clock }
	cmds := fixture()
	load(t, writer, cmds[:len(cmds)-1]...) // everything but Armenia's freeze
	reader, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	reader.MaxAge = 0
	clock = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	load(t, writer, cmds[len(cmds)-1])
	then := edtf.MustParse("2024-03-01")
	now, err := reader.Read(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if got := now.StatusAt("ARM", "csto", then).Status; got != csto.ParticipationFrozen {
		t.Errorf("now: ARM on 2024-03-01 is %s; want participation-frozen (the other registry's write)", got)
	}
	if w := writer.Model(); now.Seq != w.Seq || now.Head != w.Head || now.Tree() != w.Tree() {
		t.Errorf("now: at %d %s; the writer is at %d %s", now.Seq, now.Head, w.Seq, w.Head)
	}
	before, err := reader.Read(ctx, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if got := before.StatusAt("ARM", "csto", then).Status; got != csto.Member || before.Seq != now.Seq-1 {
		t.Errorf("as recorded on 2025-03-01: ARM %s at %d; want member, one event before %d", got, before.Seq, now.Seq)
	}
}
