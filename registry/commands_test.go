package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto"
)

// A model started from a snapshot finds the command of one of its entries
// by the hash of its ID, and reads the event back to confirm it: exact for
// the IDs it holds and for those it does not, for an ID whose hash an
// entry shares (a collision, forced here), and an error, not an answer,
// when the event read back is not the one the model applied. The writes'
// checks answer through it.
func TestCommandSeqsReadBack(t *testing.T) {
	ctx := context.Background()
	reg, st, command := kazRecord(t)
	system := csto.Actor{Role: csto.RoleSystem, State: "test"}
	entry := statement(command)
	var cmds []csto.Command
	for i := range 40 {
		cmds = append(cmds, entry(fmt.Sprintf("event:%d", i)))
	}
	if _, err := reg.Submit(ctx, system, cmds...); err != nil {
		t.Fatal(err)
	}
	snaps := Snapshots{Cache: SnapshotDir(filepath.Join(t.TempDir(), "snapshots")), Every: 1, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	writer, err := OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	if err := writer.SaveSnapshot(1); err != nil {
		t.Fatal(err)
	}
	loaded, err := OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	m := loaded.Model()
	if loaded.SnapshotSeq() != m.Seq || m.Commands.base.len() != 40 || m.Commands.Len() != int(m.Seq) {
		t.Fatalf("started at %d of %d with %d entries' commands by hash, %d in all", loaded.SnapshotSeq(), m.Seq, m.Commands.base.len(), m.Commands.Len())
	}

	ids := []string{"source:src", "state:KAZ", "event:0", "event:39", "event:40", "", "Event:1"}
	for i := range cmds {
		ids = append(ids, cmds[i].ID)
	}
	got, err := m.CommandSeqs(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		want, _, _ := reg.Model().CommandSeq(ctx, id) // a replay's, by ID
		if got[i] != want {
			t.Errorf("CommandSeqs: %q at %d; the replayed model says %d", id, got[i], want)
		}
	}

	// The command at a position, read back: one that made no entry names
	// itself; an entry's, or a position past the log, none.
	kazSeq, _, _ := m.CommandSeq(ctx, "state:KAZ")
	event0, _, _ := m.CommandSeq(ctx, "event:0")
	for _, c := range []struct {
		seq  int64
		want string
	}{{kazSeq, "state:KAZ"}, {event0, ""}, {0, ""}, {m.Seq + 1, ""}} {
		if id, ok, err := m.CommandAt(ctx, c.seq); id != c.want || ok != (c.want != "") || err != nil {
			t.Errorf("CommandAt(%d) = %q, %v, %v; want %q", c.seq, id, ok, err, c.want)
		}
	}
	// A write being checked: its event is not stored yet, and is the
	// model's own.
	sub, release := m.clone()
	if _, _, _, err := sub.accept(system, []csto.Command{command("source:tail", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "tail", Title: "Not stored"})}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if id, ok, err := sub.CommandAt(ctx, sub.Seq); id != "source:tail" || !ok || err != nil {
		t.Errorf("CommandAt(%d), not stored yet = %q, %v, %v; want source:tail", sub.Seq, id, ok, err)
	}
	release()

	// An ID the log does not hold, of the hash of an entry's.
	base := m.Commands.base
	hashes := slices.Clone(base.hashes)
	hashes[3] = base.hash("event:not-there")
	forged := *m
	var ok bool
	if forged.Commands.base, ok = newIDTable(base.seed, hashes, base.seq); !ok {
		t.Fatal("the forged table refused")
	}
	if _, candidate, ok := forged.Commands.get("event:not-there"); !ok || !candidate {
		t.Fatal("the forced collision is not one")
	}
	if seq, ok, err := forged.CommandSeq(ctx, "event:not-there"); ok || err != nil {
		t.Errorf("event:not-there, of an entry's hash: at %d, %v, %v; the log does not hold it", seq, ok, err)
	}

	// An event that is not the one the entry was built from.
	forged.Commands.base = base
	forged.Entries = slices.Clone(m.Entries)
	seq5, _, _ := m.CommandSeq(ctx, cmds[5].ID)
	entry5, _ := forged.entryAt(seq5)
	entry5.sum[0] ^= 1
	var e *csto.Error
	if _, _, err := forged.CommandSeq(ctx, cmds[5].ID); !errors.As(err, &e) || e.Kind != csto.Unavailable || !strings.Contains(err.Error(), "altered") {
		t.Errorf("an altered event read back: %v; want the record unavailable, the event named", err)
	}

	// A write of an ID the snapshot's entries hold is refused as such;
	// SubmitNew skips exactly those.
	if _, err := loaded.Submit(ctx, system, cmds[7]); !errors.As(err, &e) || e.Kind != csto.Conflict || !strings.Contains(err.Error(), "already in the log") {
		t.Errorf("event:7 again: %v", err)
	}
	evs, err := loaded.SubmitNew(ctx, system, cmds[8], entry("event:new"), cmds[0])
	if err != nil || len(evs) != 1 || evs[0].CommandID != "event:new" {
		t.Errorf("SubmitNew of two held and one new: %d events, %v", len(evs), err)
	}
	if seq, ok, err := loaded.Model().CommandSeq(ctx, "event:new"); !ok || err != nil || seq != loaded.Model().Seq {
		t.Errorf("event:new at %d, %v, %v", seq, ok, err)
	}

	// A replay that cannot read a reference back fails as the store's
	// failure, not as the event's: the record does not open degraded
	// naming an event that is sound.
	body, _ := json.Marshal(csto.Command{ID: "fix:3", Type: csto.CmdCorrect, Sources: []string{"src"},
		Data: json.RawMessage(`{"target":"event:3","patch":{"text":{"en":"corrected"}},"reason":{"en":"r"}}`)})
	failing := *loaded.Model()
	failing.store = unreadableStore{st}
	ev := csto.Event{Seq: failing.Seq + 1, CommandID: "fix:3", Type: csto.CmdCorrect, Body: body}
	var re *ReplayError
	if err := failing.applyEvent(&ev); errors.As(err, &re) || csto.ErrorKind(err) != csto.Unavailable {
		t.Errorf("a correction whose target cannot be read back: %v; want the store's failure, not the event's", err)
	}
}

// unreadableStore is a store whose events cannot be read back by position.
type unreadableStore struct{ csto.Store }

func (unreadableStore) EventsAt(context.Context, []int64, func(csto.Event) error) error {
	return errors.New("disk on fire")
}
