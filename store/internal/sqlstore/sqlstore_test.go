package sqlstore

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/csto/csto"
)

func sealed(n int) []csto.Event {
	evs := make([]csto.Event, n)
	for i := range evs {
		evs[i] = csto.Event{CommandID: string(rune('a' + i)), Type: "event.record", Actor: "test", Body: []byte(`{}`)}
	}
	Seal(evs, 0, "", time.Date(2024, 2, 22, 0, 0, 0, 0, time.UTC))
	return evs
}

func TestChain(t *testing.T) {
	evs := sealed(3)
	var c Chain
	for i := range evs {
		if err := c.Next(&evs[i]); err != nil {
			t.Fatalf("intact event %d: %v", evs[i].Seq, err)
		}
	}
	altered := sealed(3)
	altered[1].Actor = "mallory"
	relinked := sealed(3)
	relinked[2].PrevHash = relinked[0].Hash
	for name, tc := range map[string]struct {
		evs    []csto.Event
		seq    int64
		reason string
	}{
		"gap":     {append(sealed(3)[:1], sealed(3)[2]), 2, "missing"},
		"altered": {altered, 2, "content"},
		"link":    {relinked, 3, "link"},
	} {
		var c Chain
		var err error
		for i := range tc.evs {
			if err = c.Next(&tc.evs[i]); err != nil {
				break
			}
		}
		var ce *csto.ChainError
		if !errors.As(err, &ce) || ce.Seq != tc.seq || !strings.Contains(ce.Reason, tc.reason) {
			t.Errorf("%s: %v; want a ChainError at %d about %q", name, err, tc.seq, tc.reason)
		}
	}
}

func TestMigrations(t *testing.T) {
	ms, err := Migrations(fstest.MapFS{
		"m/0002_b.sql": {Data: []byte("B")},
		"m/0001_a.sql": {Data: []byte("A")},
		"m/README":     {Data: []byte("not a migration")},
	}, "m")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0].Version != 1 || ms[0].SQL != "A" || ms[1].Name != "0002_b.sql" {
		t.Fatalf("migrations = %+v", ms)
	}
	if err := CheckNotNewer(2, ms); err != nil {
		t.Error(err)
	}
	if err := CheckNotNewer(3, ms); err == nil {
		t.Error("schema version 3 accepted by a binary that knows 2")
	}
	for name, fsys := range map[string]fstest.MapFS{
		"duplicate":  {"m/0001_a.sql": {}, "m/0001_b.sql": {}},
		"unnumbered": {"m/a.sql": {}},
		"empty":      {},
	} {
		if _, err := Migrations(fsys, "m"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
