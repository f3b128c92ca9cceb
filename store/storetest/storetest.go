// Package storetest is the behaviour every csto.Store must have, as a
// test suite each implementation runs against a real database.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// Backend opens stores for the suite.
type Backend struct {
	// Open returns a new, empty store; a second call with the same
	// handle name returns another handle on the same database.
	Open func(t *testing.T) (store csto.Store, reopen func() csto.Store)
	// Tamper changes the stored body of event seq, bypassing the store's
	// append-only guard, as an attacker with file access would.
	Tamper func(t *testing.T, s csto.Store, seq int64)
	// Count returns the number of rows in a table of the store's database.
	Count func(t *testing.T, s csto.Store, table string) int
}

// Run runs the suite.
func Run(t *testing.T, b Backend) {
	if b.Open == nil || b.Tamper == nil || b.Count == nil {
		t.Fatal("storetest: a Backend needs Open, Tamper and Count")
	}
	t.Run("AppendAndRead", func(t *testing.T) { testAppendAndRead(t, b) })
	t.Run("ChainLinks", func(t *testing.T) { testChainLinks(t, b) })
	t.Run("VerifyDetectsTampering", func(t *testing.T) { testTamper(t, b) })
	t.Run("ErrDuplicateCommand", func(t *testing.T) { testDuplicate(t, b) })
	t.Run("RefusedAppendWritesNothing", func(t *testing.T) { testRefused(t, b) })
	t.Run("TailFromOtherHandle", func(t *testing.T) { testTail(t, b) })
	t.Run("ConcurrentWritersOneChain", func(t *testing.T) { testConcurrent(t, b) })
	t.Run("CancelledContextLeavesStoreUsable", func(t *testing.T) { testCancel(t, b) })
	t.Run("CancelWhileWaitingForWriter", func(t *testing.T) { testCancelWaiting(t, b) })
	t.Run("EmptyAppendWritesNothing", func(t *testing.T) { testEmpty(t, b) })
	t.Run("AppendAfterUnknownPositionFails", func(t *testing.T) { testUnknownPosition(t, b) })
	t.Run("ProjectionsFollowTheLog", func(t *testing.T) { testProjections(t, b) })
	t.Run("EventsPage", func(t *testing.T) { testEventsPage(t, b) })
	t.Run("EventsAt", func(t *testing.T) { testEventsAt(t, b) })
	t.Run("TreeFollowsTheLog", func(t *testing.T) { testTreeFollowsTheLog(t, b) })
}

// PointReader is what a store offers for reading events by position
// (both csto stores).
type PointReader interface {
	EventsAt(ctx context.Context, seqs []int64, fn func(csto.Event) error) error
}

func testEventsAt(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	p, ok := s.(PointReader)
	if !ok {
		t.Fatalf("%T has no EventsAt", s)
	}
	ctx := context.Background()
	if _, err := appendIDs(ctx, s, 0, "a", "b", "c", "d", "e"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		seqs []int64
		want string
	}{{nil, ""}, {[]int64{3}, "c"}, {[]int64{5, 1, 3}, "ace"}, {[]int64{2, 9, 0, 4}, "bd"}} {
		var got string
		err := p.EventsAt(ctx, c.seqs, func(e csto.Event) error {
			if e.ComputeHash() != e.Hash {
				t.Errorf("event %d read back does not match its hash", e.Seq)
			}
			got += e.CommandID
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("at %v: %q, want %q", c.seqs, got, c.want)
		}
	}
	if err := p.EventsAt(ctx, make([]int64, 100_000), func(csto.Event) error { return nil }); err == nil {
		t.Error("100 000 positions at once: no error")
	}
}

// Pager is what a store offers for pages of the log (both csto stores).
type Pager interface {
	EventsPage(ctx context.Context, after int64, limit int, fn func(csto.Event) error) error
}

func testEventsPage(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	p, ok := s.(Pager)
	if !ok {
		t.Fatalf("%T has no EventsPage", s)
	}
	ctx := context.Background()
	if _, err := appendIDs(ctx, s, 0, "a", "b", "c", "d", "e"); err != nil {
		t.Fatal(err)
	}
	page := func(after int64, limit int) (ids string) {
		t.Helper()
		if err := p.EventsPage(ctx, after, limit, func(e csto.Event) error { ids += e.CommandID; return nil }); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	for _, c := range []struct {
		after int64
		limit int
		want  string
	}{{0, 2, "ab"}, {2, 2, "cd"}, {4, 2, "e"}, {5, 2, ""}, {0, 10, "abcde"}, {1, 1, "b"}} {
		if got := page(c.after, c.limit); got != c.want {
			t.Errorf("after %d, limit %d: %q, want %q", c.after, c.limit, got, c.want)
		}
	}
}

// Event returns a well-formed event for command id, ready to append.
func Event(id string) csto.Event {
	body, _ := json.Marshal(csto.Command{ID: id, Type: csto.CmdEventRecord, Date: edtf.MustParse("2022-01-06"),
		Sources: []string{"test"}, Text: csto.Text{AR: "اختبار", EN: "test", RU: "тест"},
		Data: json.RawMessage(`{"kind":"test"}`)})
	return csto.Event{CommandID: id, Type: "event.record", Date: edtf.MustParse("2022-01-06"), Actor: "test", Body: body}
}

func appendIDs(ctx context.Context, s csto.Store, after int64, ids ...string) ([]csto.Event, error) {
	return s.Append(ctx, after, func(tail []csto.Event) ([]csto.Event, csto.Projection, error) {
		evs := make([]csto.Event, len(ids))
		for i, id := range ids {
			evs[i] = Event(id)
		}
		return evs, csto.Projection{}, nil
	})
}

func all(t *testing.T, s csto.Store) []csto.Event {
	t.Helper()
	var evs []csto.Event
	if err := s.Events(context.Background(), 0, func(e csto.Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return evs
}

func testAppendAndRead(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	ctx := context.Background()
	got, err := appendIDs(ctx, s, 0, "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Seq != 1 || got[1].Seq != 2 {
		t.Fatalf("seqs = %d, %d; want 1, 2", got[0].Seq, got[1].Seq)
	}
	evs := all(t, s)
	if len(evs) != 2 {
		t.Fatalf("read %d events, want 2", len(evs))
	}
	for i, e := range evs {
		w := got[i]
		if e.CommandID != w.CommandID || e.Hash != w.Hash || !e.Recorded.Equal(w.Recorded) || string(e.Body) != string(w.Body) || e.Date != w.Date {
			t.Errorf("event %d read back as %+v, appended %+v", i+1, e, w)
		}
		if e.Recorded.Location() != time.UTC || w.Recorded.Location() != time.UTC {
			t.Errorf("event %d recorded at %v (appended), %v (read back); want UTC", i+1, w.Recorded, e.Recorded)
		}
	}
}

func testChainLinks(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	ctx := context.Background()
	if _, err := appendIDs(ctx, s, 0, "a", "b"); err != nil {
		t.Fatal(err)
	}
	if _, err := appendIDs(ctx, s, 2, "c"); err != nil {
		t.Fatal(err)
	}
	evs := all(t, s)
	prev := ""
	for _, e := range evs {
		if e.PrevHash != prev {
			t.Errorf("event %d links to %q, want %q", e.Seq, e.PrevHash, prev)
		}
		if e.ComputeHash() != e.Hash {
			t.Errorf("event %d hash does not match its content", e.Seq)
		}
		prev = e.Hash
	}
	if err := s.Verify(ctx); err != nil {
		t.Fatalf("Verify on an intact chain: %v", err)
	}
}

func testTamper(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	ctx := context.Background()
	if _, err := appendIDs(ctx, s, 0, "a", "b", "c"); err != nil {
		t.Fatal(err)
	}
	b.Tamper(t, s, 2)
	err := s.Verify(ctx)
	var ce *csto.ChainError
	if !errors.As(err, &ce) || ce.Seq != 2 {
		t.Fatalf("Verify after altering event 2 = %v; want a ChainError for event 2", err)
	}
}

func testDuplicate(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	ctx := context.Background()
	if _, err := appendIDs(ctx, s, 0, "a"); err != nil {
		t.Fatal(err)
	}
	_, err := appendIDs(ctx, s, 1, "a")
	if csto.ErrorKind(err) != csto.Conflict {
		t.Fatalf("appending command a twice: %v; want a conflict", err)
	}
	if n := len(all(t, s)); n != 1 {
		t.Fatalf("%d events after the refused duplicate, want 1", n)
	}
}

func testRefused(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	ctx := context.Background()
	want := errors.New("refused")
	_, err := s.Append(ctx, 0, func([]csto.Event) ([]csto.Event, csto.Projection, error) {
		return nil, csto.Projection{}, want
	})
	if !errors.Is(err, want) {
		t.Fatalf("Append returned %v, want the function's error", err)
	}
	if n := len(all(t, s)); n != 0 {
		t.Fatalf("%d events after a refused append, want 0", n)
	}
}

func testTail(t *testing.T, b Backend) {
	s, reopen := b.Open(t)
	other := reopen()
	ctx := context.Background()
	if _, err := appendIDs(ctx, other, 0, "x", "y"); err != nil {
		t.Fatal(err)
	}
	var tail []string
	evs, err := s.Append(ctx, 0, func(tl []csto.Event) ([]csto.Event, csto.Projection, error) {
		for _, e := range tl {
			tail = append(tail, e.CommandID)
		}
		return []csto.Event{Event("z")}, csto.Projection{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(tail) != "[x y]" {
		t.Errorf("tail = %v, want [x y]", tail)
	}
	if evs[0].Seq != 3 {
		t.Errorf("appended at %d, want 3", evs[0].Seq)
	}
	if err := s.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

func testConcurrent(t *testing.T, b Backend) {
	s, reopen := b.Open(t)
	const writers, each = 4, 10
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		h := reopen()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				// Each writer knows nothing of the others: it always passes 0
				// and receives everything as tail.
				if _, err := appendIDs(ctx, h, 0, fmt.Sprintf("w%d-%d", w, i)); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := len(all(t, s)); n != writers*each {
		t.Fatalf("%d events, want %d", n, writers*each)
	}
	if err := s.Verify(ctx); err != nil {
		t.Fatal(err)
	}
}

func testCancel(t *testing.T, b Backend) {
	s, _ := b.Open(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := appendIDs(ctx, s, 0, "a"); err == nil {
		t.Fatal("append with a cancelled context succeeded")
	}
	// Connections must not stay interrupted afterwards.
	for i := range 5 {
		if _, err := appendIDs(context.Background(), s, int64(i), fmt.Sprintf("b%d", i)); err != nil {
			t.Fatalf("append %d after a cancelled one: %v", i, err)
		}
	}
	if err := s.Verify(context.Background()); err != nil {
		t.Fatal(err)
	}
}
