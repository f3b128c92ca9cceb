package dataset_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/csto/csto"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// revisions is the file of corrected source records (see README.md).
const revisions = "history/98-source-revisions.json"

// TestSourcesAreSpecificPages fails when any source of the default history
// is a site's home page or a placeholder without a URL. A source reviewed
// and marked unverified, with the reason, is allowed: it is counted and
// reported with the facts resting only on weak sources.
func TestSourcesAreSpecificPages(t *testing.T) {
	sc, err := loaded(t).Model().CheckSources()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sc.Sources {
		switch s.Specificity {
		case csto.HomePage:
			t.Errorf("source %s cites a home page, %s: find the page itself, or mark it unverified and say why", s.ID, s.URL)
		case csto.Placeholder:
			t.Errorf("source %s has no URL: find the page, or mark it unverified and say why", s.ID)
		case csto.Unverified:
			if len(strings.Fields(s.Unverified)) < 5 {
				t.Errorf("source %s is marked unverified without saying why (%q)", s.ID, s.Unverified)
			}
		case csto.SpecificPage:
			if s.Publisher == "" || s.Lang == "" {
				t.Errorf("source %s: a specific page names its publisher and language (publisher %q, lang %q)", s.ID, s.Publisher, s.Lang)
			}
		}
	}
	t.Logf("sources: %v; facts resting only on weak sources: %d", sc.Count, len(sc.Weak))
	for _, f := range sc.Weak {
		t.Logf("  weakly sourced: %s %s (%s)", f.Date, f.ID, strings.Join(f.Sources, " "))
	}
}

// TestSourceRevisionsReachAnOldDataDirectory loads the history as older
// versions shipped it — without the source revisions, and with only their
// first revisions — then upgrades: the new revisions are appended as new
// events, the old events stay as they were (the hash chain verifies), and
// the sources end as a new data directory has them.
func TestSourceRevisionsReachAnOldDataDirectory(t *testing.T) {
	disk := os.DirFS(".")
	var revs []json.RawMessage
	if err := json.Unmarshal(must(fs.ReadFile(disk, revisions)), &revs); err != nil {
		t.Fatal(err)
	}
	firsts := 0
	for _, r := range revs {
		var c csto.Command
		if err := json.Unmarshal(r, &c); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(c.ID, ":r1") {
			firsts++
		}
	}
	if firsts == 0 || firsts == len(revs) {
		t.Fatalf("%d of %d revisions are first revisions; the test needs both kinds", firsts, len(revs))
	}
	for _, tc := range []struct {
		name    string
		shipped int // revisions the older version shipped
	}{{"without revisions", 0}, {"with first revisions only", firsts}} {
		t.Run(tc.name, func(t *testing.T) { upgradeFrom(t, disk, revs[:tc.shipped], len(revs)-tc.shipped) })
	}
}

func upgradeFrom(t *testing.T, disk fs.FS, shipped []json.RawMessage, want int) {
	ctx := context.Background()
	old := fstest.MapFS{}
	names, err := fs.Glob(disk, "history/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if n == revisions {
			b, err := json.Marshal(shipped)
			if err != nil {
				t.Fatal(err)
			}
			old[n] = &fstest.MapFile{Data: b}
			continue
		}
		old[n] = &fstest.MapFile{Data: must(fs.ReadFile(disk, n))}
	}
	oldCmds, err := dataset.Read(old)
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.SubmitNew(ctx, dataset.Actor, oldCmds...); err != nil {
		t.Fatalf("the older history: %v", err)
	}
	before := reg.Model()
	n, err := dataset.Load(ctx, reg)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	if n != want {
		t.Errorf("upgrade added %d events; want the %d new source revisions", n, want)
	}
	if err := reg.Verify(ctx); err != nil {
		t.Errorf("the upgraded log does not verify: %v", err)
	}
	after := reg.Model()
	err = before.CommandIDs(ctx, func(id string, seq int64) error {
		if now, ok, err := after.CommandSeq(ctx, id); err != nil || !ok || now != seq {
			t.Errorf("command %s moved from event %d to %d (%v)", id, seq, now, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fresh := loaded(t).Model()
	if !reflect.DeepEqual(after.Sources, fresh.Sources) {
		t.Error("the upgraded data directory's sources differ from a new one's")
	}
	changed := 0
	for id, s := range after.Sources {
		if !reflect.DeepEqual(s, before.Sources[id]) {
			changed++
		}
	}
	if changed == 0 {
		t.Error("the upgrade changed no source")
	}
	t.Logf("upgrade: %d revisions appended, %d sources changed", n, changed)
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
