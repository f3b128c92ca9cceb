package api_test

import (
	"encoding/json"
	"fmt"
	"testing"
)

// The log read a page at a time: following next from the first page to
// the last visits every event once, in order, and the last page has no
// next; a page past the end is empty.
func TestEventsPages(t *testing.T) { onEachBackend(t, eventsPages) }

func eventsPages(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	head := e.reg.Model().Seq
	var after, seen int64
	pages := 0
	for {
		r := e.do("GET", fmt.Sprintf("/api/v1/events?after=%d&limit=97", after), "", nil)
		var page struct {
			Events []struct{ Seq int64 }
			Next   int64
		}
		if r.status != 200 || json.Unmarshal(r.body, &page) != nil {
			t.Fatalf("after %d: %d %.200s", after, r.status, r.body)
		}
		pages++
		for _, ev := range page.Events {
			if ev.Seq != seen+1 {
				t.Fatalf("after %d: event %d follows %d", after, ev.Seq, seen)
			}
			seen = ev.Seq
		}
		if page.Next == 0 {
			if len(page.Events) == 0 && after != head {
				t.Fatalf("an empty last page after %d, the log ends at %d", after, head)
			}
			break
		}
		if len(page.Events) != 97 || page.Next != seen {
			t.Fatalf("after %d: %d events and next %d (last seen %d)", after, len(page.Events), page.Next, seen)
		}
		after = page.Next
	}
	if seen != head || int64(pages) != (head+96)/97 {
		t.Errorf("read %d of %d events in %d pages", seen, head, pages)
	}
	r := e.do("GET", fmt.Sprintf("/api/v1/events?after=%d", head), "", nil)
	if r.status != 200 || string(r.body) != `{"events":[]}`+"\n" && string(r.body) != `{"events":[]}` {
		t.Errorf("past the end: %d %s", r.status, r.body)
	}
}
