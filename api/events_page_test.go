package api_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
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

// The timeline read a page at a time (cursor: the last entry's position)
// is the whole timeline, in its order; a cursor that is no entry's is a
// 400 naming it.
func TestTimelinePages(t *testing.T) {
	e := newEnv(t)
	whole, err := e.reg.Model().Timeline(registry.TimelineFilter{Org: "csto"}, csto.English)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	var after int64
	for pages := 0; ; pages++ {
		if pages > len(whole.Events) {
			t.Fatal("the pages do not end")
		}
		r := e.do("GET", fmt.Sprintf("/api/v1/timeline?org=csto&limit=41&after=%d", after), "", nil)
		var page struct {
			Events []struct{ Seq int64 }
			Next   int64
		}
		if r.status != 200 || json.Unmarshal(r.body, &page) != nil || len(page.Events) > 41 {
			t.Fatalf("after %d: %d %.200s", after, r.status, r.body)
		}
		for _, ev := range page.Events {
			got = append(got, ev.Seq)
		}
		if page.Next == 0 {
			break
		}
		after = page.Next
	}
	if len(got) != len(whole.Events) || len(got) < 100 {
		t.Fatalf("%d entries in pages, %d in the timeline", len(got), len(whole.Events))
	}
	for i, ev := range whole.Events {
		if got[i] != ev.Seq {
			t.Fatalf("entry %d: %d in the pages, %d in the timeline", i, got[i], ev.Seq)
		}
	}
	r := e.do("GET", "/api/v1/timeline?after=1", "", nil) // event 1 registers a source: no entry
	if r.status != 400 || !strings.Contains(string(r.body), `"field":"after"`) {
		t.Errorf("a cursor that is no entry's: %d %s", r.status, r.body)
	}
}
