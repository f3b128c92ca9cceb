package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/store/sqlite"
)

// TestGroupCommit: writes queued while another holds the writer are
// committed together, in one transaction (one recorded time), and each
// stays all or nothing on its own: a refused write in the group is
// refused alone, and a write after it in the group still sees the ones
// before. What each submitter got back is on disk: a registry opened
// afresh on the file holds exactly the accepted events.
func TestGroupCommit(t *testing.T) {
	ctx := context.Background()
	reg, st, command := kazRecord(t)
	system := csto.Actor{Role: csto.RoleSystem, State: "test"}
	entry := statement(command)
	type result struct {
		evs []csto.Event
		err error
	}
	const n = 8
	writes := make([][]csto.Command, n)
	for i := range n {
		writes[i] = []csto.Command{entry(fmt.Sprintf("w%d:a", i)), entry(fmt.Sprintf("w%d:b", i))}
	}
	writes[3] = []csto.Command{entry("w3:a"), entry("state:KAZ")} // an ID the log holds: refused, w3:a with it
	writes[5] = []csto.Command{entry("w5:a"), entry("w4:a")}      // w4's, queued before it in the group
	results := make([]result, n)

	reg.mu.Lock() // a writer busy: the writes queue
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			evs, err := reg.Submit(ctx, system, writes[i]...)
			results[i] = result{evs, err}
		}()
		for queued := 0; queued <= i; { // queue them in order
			reg.queueMu.Lock()
			queued = len(reg.queue)
			reg.queueMu.Unlock()
		}
	}
	reg.mu.Unlock()
	wg.Wait()

	var recorded []string
	for i, r := range results {
		switch i {
		case 3, 5:
			var e *csto.Error
			if !errors.As(r.err, &e) || e.Kind != csto.Conflict || len(r.evs) != 0 {
				t.Errorf("write %d: %v, %d events; want a conflict and none", i, r.err, len(r.evs))
			}
			continue
		}
		if r.err != nil || len(r.evs) != 2 || r.evs[0].CommandID != writes[i][0].ID || r.evs[1].CommandID != writes[i][1].ID || r.evs[1].Seq != r.evs[0].Seq+1 {
			t.Errorf("write %d: %v, %+v", i, r.err, r.evs)
			continue
		}
		recorded = append(recorded, r.evs[0].Recorded.String())
	}
	for _, at := range recorded {
		if at != recorded[0] {
			t.Errorf("the writes were recorded at %v: not one transaction", recorded)
			break
		}
	}
	again, err := Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	m := again.Model()
	if m.Seq != 2+2*(n-2) || m.Seq != reg.Model().Seq || m.Head != reg.Model().Head {
		t.Errorf("the log holds %d events (head %.8s), the writer's model %d (%.8s); want %d", m.Seq, m.Head, reg.Model().Seq, reg.Model().Head, 2+2*(n-2))
	}
	for _, id := range []string{"w3:a", "w5:a"} {
		if HasCommand(m, id) || HasCommand(reg.Model(), id) {
			t.Errorf("%s, of a refused write, is in the record", id)
		}
	}
	if !maps.Equal(commandMap(m), commandMap(reg.Model())) || !reflect.DeepEqual(m.Entries, reg.Model().Entries) {
		t.Error("the writer's model holds other commands or entries than the log")
	}
}

// statement returns a maker of Kazakhstan's statements, timeline
// entries of ID id, from kazRecord's maker of commands.
func statement(command func(id, typ, date string, data any) csto.Command) func(id string) csto.Command {
	return func(id string) csto.Command {
		return command(id, csto.CmdEventRecord, "2020-01-01", csto.EventRecord{Kind: "statement", States: []string{"KAZ"}})
	}
}

// kazRecord opens a registry on a new SQLite file holding a source and
// Kazakhstan, and returns it with its store and a maker of commands
// (dated ones get a text and that source).
func kazRecord(t *testing.T) (*Registry, *sqlite.Store, func(id, typ, date string, data any) csto.Command) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg, err := Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	command := func(id, typ, date string, data any) csto.Command {
		b, _ := json.Marshal(data)
		c := csto.Command{ID: id, Type: typ, Data: b}
		if !csto.IsReference(typ) {
			c.Date, c.Text, c.Sources = edtf.MustParse(date), csto.Text{AR: "نص", EN: "text", RU: "текст"}, []string{"src"}
		}
		return c
	}
	if _, err := reg.Submit(ctx, csto.Actor{Role: csto.RoleSystem, State: "test"},
		command("source:src", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "src", Title: "A source"}),
		command("state:KAZ", csto.CmdStateAdd, "", csto.StateAdd{Code: "KAZ", Name: csto.Text{AR: "k", EN: "Kazakhstan", RU: "k"}, ExistsFrom: edtf.MustParse("1991-12-16")})); err != nil {
		t.Fatal(err)
	}
	return reg, st, command
}
