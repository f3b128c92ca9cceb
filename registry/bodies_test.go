package registry_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
)

// said is a statement of the fixture's KAZ with its own text, to tell the
// entries' bodies apart.
func said(i int) csto.Command {
	c := cmd(fmt.Sprintf("said:%d", i), csto.CmdEventRecord, fmt.Sprintf("2013-01-%02d", i+1),
		csto.EventRecord{Kind: "statement", States: []string{"KAZ"}, Orgs: []string{"csto"}})
	c.Text = csto.Text{AR: fmt.Sprintf("قال %d", i), EN: fmt.Sprintf("said %d", i), RU: fmt.Sprintf("сказал %d", i)}
	return c
}

func timelineJSON(t *testing.T, m *registry.Model) string {
	t.Helper()
	tl, err := m.Timeline(registry.TimelineFilter{}, csto.English)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEntryBodiesAreReadBack: a registry on a store holds no entry's body
// in memory once the store holds the event, whether it wrote the event or
// replayed it; the views read the bodies back (with their corrections)
// and say what the commands said.
func TestEntryBodiesAreReadBack(t *testing.T) {
	ctx := context.Background()
	reg, st := open(t)
	load(t, reg, fixture()...)
	for i := range 20 {
		load(t, reg, said(i))
	}
	m := reg.Model()
	if n := registry.HeldBodies(m); n != 0 {
		t.Errorf("%d bodies held in memory after the writes; want none", n)
	}
	for _, seq := range []int64{registry.SeqOf(m, "said:0"), registry.SeqOf(m, "said:19")} {
		v, ok, err := m.ViewAt(seq, csto.Arabic)
		if err != nil || !ok {
			t.Fatalf("event %d: %v, %v", seq, ok, err)
		}
		if want := "قال " + strings.TrimPrefix(v.ID, "said:"); v.Text != want || len(v.Sources) != 1 || v.Sources[0].ID != "src" {
			t.Errorf("event %d reads %q citing %v; want %q citing src", seq, v.Text, v.Sources, want)
		}
	}
	before := timelineJSON(t, m) // the bodies are now in the cache, keyed by their corrections
	load(t, reg, correction("fix:said", "said:3", `{"text":{"en":"corrected"}}`))
	m = reg.Model()
	v, _, err := m.ViewAt(registry.SeqOf(m, "said:3"), csto.English)
	if err != nil {
		t.Fatal(err)
	}
	if v.Text != "corrected" || len(v.Corrections) != 1 || v.Corrections[0].ID != "fix:said" {
		t.Errorf("the corrected entry reads %q with corrections %+v; want the correction", v.Text, v.Corrections)
	}
	live := timelineJSON(t, m)
	if live == before || !strings.Contains(before, `"said 3"`) || strings.Contains(live, `"said 3"`) {
		t.Error("the timeline does not show the correction")
	}
	registry.ForgetBodies(m)
	if again := timelineJSON(t, m); again != live {
		t.Errorf("read back from the store, the timeline differs:\n%s\n---\n%s", again, live)
	}
	reopened, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if n := registry.HeldBodies(reopened.Model()); n != 0 {
		t.Errorf("%d bodies held in memory after a replay; want none", n)
	}
	if again := timelineJSON(t, reopened.Model()); again != live {
		t.Errorf("after a reopen the timeline differs:\n%s\n---\n%s", again, live)
	}
}

// TestAlteredBodyIsNamed: an event altered in the store after the model
// applied it — its body alone, or its body and hash so that it matches
// itself — is not shown: its view fails as unavailable, naming the
// event, and so do the timeline and the checks of sources that read it.
func TestAlteredBodyIsNamed(t *testing.T) {
	for _, rehash := range []bool{false, true} {
		t.Run(fmt.Sprint("rehash=", rehash), func(t *testing.T) {
			ctx := context.Background()
			reg, st := open(t)
			load(t, reg, fixture()...)
			for i := range 5 {
				load(t, reg, said(i))
			}
			m := reg.Model()
			seq := registry.SeqOf(m, "said:2")
			var e csto.Event
			if err := st.EventsAt(ctx, []int64{seq}, func(x csto.Event) error { e = x; return nil }); err != nil {
				t.Fatal(err)
			}
			e.Body = []byte(strings.Replace(string(e.Body), "said 2", "said 9", 1))
			if rehash {
				e.Hash = e.ComputeHash()
			}
			db := st.DB()
			if _, err := db.Exec(`DROP TRIGGER IF EXISTS events_append_only_update`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`UPDATE events SET body = ?, hash = ? WHERE seq = ?`, string(e.Body), e.Hash, seq); err != nil {
				t.Fatal(err)
			}
			registry.ForgetBodies(m)
			named := fmt.Sprintf("event %d ", seq)
			if _, _, err := m.ViewAt(seq, csto.English); csto.ErrorKind(err) != csto.Unavailable || !strings.Contains(err.Error(), named) {
				t.Errorf("the altered event's view: %v; want unavailable, naming %s", err, named)
			}
			if _, err := m.Timeline(registry.TimelineFilter{}, csto.English); csto.ErrorKind(err) != csto.Unavailable || !strings.Contains(err.Error(), named) {
				t.Errorf("the timeline over it: %v; want unavailable, naming %s", err, named)
			}
			if _, err := m.CheckSources(); csto.ErrorKind(err) != csto.Unavailable {
				t.Errorf("the check of sources over it: %v; want unavailable", err)
			}
			if v, _, err := m.ViewAt(registry.SeqOf(m, "said:1"), csto.English); err != nil || v.Text != "said 1" {
				t.Errorf("an event beside it: %q, %v; want it read as it was", v.Text, err)
			}
		})
	}
}

// BenchmarkBodiesReadBack: a page of 100 timeline entries on a 10,000
// event SQLite log, the bodies read back from the store (Cold: the cache
// emptied before each page) or found in the cache (Warm), side by side.
func BenchmarkBodiesReadBack(b *testing.B) {
	reg, _ := open(b)
	load(b, reg, fixture()...)
	var batch []csto.Command
	for i := range 10_000 {
		c := said(i % 28)
		c.ID = fmt.Sprintf("said:%d", i)
		batch = append(batch, c)
		if len(batch) == 1000 {
			load(b, reg, batch...)
			batch = batch[:0]
		}
	}
	m := reg.Model()
	f := registry.TimelineFilter{State: "KAZ", Limit: 100}
	for _, cold := range []bool{true, false} {
		b.Run(map[bool]string{true: "Cold", false: "Warm"}[cold], func(b *testing.B) {
			for b.Loop() {
				if cold {
					registry.ForgetBodies(m)
				}
				if tl, err := m.Timeline(f, csto.English); err != nil || len(tl.Events) != 100 {
					b.Fatal(len(tl.Events), err)
				}
			}
		})
	}
}
