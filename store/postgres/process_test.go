package postgres_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/storetest"
)

const (
	writerProcesses = 4
	writerAppends   = 25
)

// Writers in separate OS processes — this test binary run again in
// writer mode — open one new database at once (racing to migrate it) and
// append to it; the log ends with every event once, in one intact chain.
func TestProcessesAppendOneChain(t *testing.T) {
	if dbURL := os.Getenv("CSTO_TEST_WRITER_DB"); dbURL != "" {
		writer(t, dbURL, os.Getenv("CSTO_TEST_WRITER_NAME"))
		return
	}
	dbURL := newDatabase(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmds := make([]*exec.Cmd, writerProcesses)
	outs := make([]bytes.Buffer, writerProcesses)
	for i := range cmds {
		cmds[i] = exec.CommandContext(t.Context(), exe, "-test.run=^TestProcessesAppendOneChain$", "-test.count=1")
		cmds[i].Env = append(os.Environ(), "CSTO_TEST_WRITER_DB="+dbURL, fmt.Sprintf("CSTO_TEST_WRITER_NAME=p%d", i))
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("writer process p%d: %v\n%s", i, err, outs[i].Bytes())
		}
	}
	s := mustOpen(t, dbURL)
	var n int
	if err := s.Events(t.Context(), 0, func(csto.Event) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != writerProcesses*writerAppends {
		t.Fatalf("%d events, want %d", n, writerProcesses*writerAppends)
	}
	if err := s.Verify(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// writer appends writerAppends events, each after the last it appended,
// and checks that every tail it is given continues its own last event:
// no gap, no fork, whatever the other processes did in between.
func writer(t *testing.T, dbURL, name string) {
	ctx := context.Background()
	s, err := postgres.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var last csto.Event
	for i := range writerAppends {
		evs, err := s.Append(ctx, last.Seq, func(tail []csto.Event) ([]csto.Event, csto.Projection, error) {
			prev := last
			for _, e := range tail {
				if e.Seq != prev.Seq+1 || e.PrevHash != prev.Hash {
					return nil, csto.Projection{}, fmt.Errorf("tail event %d does not continue event %d", e.Seq, prev.Seq)
				}
				prev = e
			}
			return []csto.Event{storetest.Event(fmt.Sprintf("%s-%d", name, i))}, csto.Projection{}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		last = evs[0]
	}
}
