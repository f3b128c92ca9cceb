package postgres_test

import (
	"context"
	"testing"
	"time"
)

// An append through one Store reaches a Listener of another within a
// second, with the position of the append's last event.
func TestListenSeesOtherStoresAppends(t *testing.T) {
	dbURL := newDatabase(t)
	reader, writer := mustOpen(t, dbURL), mustOpen(t, dbURL)
	ctx := context.Background()
	l, err := reader.Listen(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for i, id := range []string{"a", "b"} {
		e := appendOne(t, writer, int64(i), id)
		wctx, cancel := context.WithTimeout(ctx, time.Second)
		seq, err := l.Wait(wctx)
		cancel()
		if err != nil {
			t.Fatalf("no notification of event %d within 1s: %v", e.Seq, err)
		}
		if seq != e.Seq {
			t.Errorf("notified %d, want %d", seq, e.Seq)
		}
	}
}

// Wait gives up with the context's error when nothing is appended.
func TestListenWaitEndsWithContext(t *testing.T) {
	s := mustOpen(t, newDatabase(t))
	l, err := s.Listen(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := l.Wait(ctx); err != context.DeadlineExceeded {
		t.Fatalf("Wait with nothing appended = %v, want %v", err, context.DeadlineExceeded)
	}
}
