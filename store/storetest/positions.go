package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/csto/csto"
)

// testCancelWaiting: a writer waiting for another's append gives up when
// its context ends, with the context's error, and its handle still works.
func testCancelWaiting(t *testing.T, b Backend) {
	s, reopen := b.Open(t)
	other := reopen()
	ctx := context.Background()
	holding, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	done := make(chan error, 1)
	go func() {
		_, err := s.Append(ctx, 0, func([]csto.Event) ([]csto.Event, csto.Projection, error) {
			once.Do(func() { close(holding) })
			<-release
			return []csto.Event{Event("first")}, csto.Projection{}, nil
		})
		done <- err
	}()
	<-holding
	wctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	start := time.Now()
	_, err := appendIDs(wctx, other, 0, "waiter")
	waited := time.Since(start)
	cancel()
	close(release)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("append waiting for the writer past its deadline: %v; want %v", err, context.DeadlineExceeded)
	}
	if waited > 5*time.Second {
		t.Errorf("the waiting append returned %v after its deadline", waited-300*time.Millisecond)
	}
	if err := <-done; err != nil {
		t.Fatalf("the holding append: %v", err)
	}
	evs, err := appendIDs(ctx, other, 0, "after")
	if err != nil {
		t.Fatalf("append on the handle whose wait was cancelled: %v", err)
	}
	if evs[0].Seq != 2 {
		t.Errorf("appended at %d, want 2 (after the holder's event)", evs[0].Seq)
	}
	if err := s.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

// testEmpty: an append of no events changes nothing and the next one
// takes the next position.
func testEmpty(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	ctx := context.Background()
	if _, err := appendIDs(ctx, s, 0, "a"); err != nil {
		t.Fatal(err)
	}
	evs, err := appendIDs(ctx, s, 1)
	if err != nil || len(evs) != 0 {
		t.Fatalf("empty append = %v, %v; want no events and no error", evs, err)
	}
	evs, err = appendIDs(ctx, s, 1, "b")
	if err != nil {
		t.Fatal(err)
	}
	if evs[0].Seq != 2 {
		t.Errorf("appended at %d after an empty append, want 2", evs[0].Seq)
	}
	if err := s.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

// testUnknownPosition: a caller claiming a position the log does not
// have yet is refused, and nothing is written.
func testUnknownPosition(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	ctx := context.Background()
	if _, err := appendIDs(ctx, s, 0, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := appendIDs(ctx, s, 5, "b"); err == nil {
		t.Fatal("append after position 5 of a log of 1 event succeeded")
	}
	if n := len(all(t, s)); n != 1 {
		t.Fatalf("%d events after the refused append, want 1", n)
	}
}
