package dataset_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/csto/csto"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// addedThisRelease are the history files this release adds. A data
// directory created by the previous release holds the commands of every
// other file and none of these.
var addedThisRelease = []string{"97-sources-2022-2026.json", "98-record-2022-2026.json", "99-corrections-2026-12.json"}

// previousRelease returns the history as the previous release shipped it.
func previousRelease(t *testing.T) []csto.Command {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("history", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, n := range names {
		if slices.Contains(addedThisRelease, filepath.Base(n)) {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		fsys["history/"+filepath.Base(n)] = &fstest.MapFile{Data: b}
	}
	cmds, err := dataset.Read(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cmds {
		if c.Type == csto.CmdCorrect {
			t.Fatalf("%s: a correction outside this release's files", c.ID)
		}
	}
	return cmds
}

// TestUpgradeReachesAnOldDataDirectory opens a data directory written by
// the previous release, lets this release load its history on start (as
// `csto` does), and checks that the corrections and the new facts arrive
// without touching an existing event, and that the record then reads
// exactly as in a data directory created by this release.
func TestUpgradeReachesAnOldDataDirectory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "csto.db")
	old := previousRelease(t)

	st, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := reg.SubmitNew(ctx, dataset.Actor, old...); err != nil {
		t.Fatalf("the previous release's history: %v", err)
	}
	oldBodies := map[string]string{}
	reg.Events(ctx, 0, func(e csto.Event) error { oldBodies[e.CommandID] = string(e.Body); return nil })
	st.Close()

	// The new release starts on the old directory.
	st, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg, err = registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	n, err := dataset.Load(ctx, reg)
	if err != nil {
		t.Fatalf("upgrading: %v", err)
	}
	all, _ := dataset.Commands()
	if n != len(all)-len(old) {
		t.Errorf("the upgrade added %d commands; want %d", n, len(all)-len(old))
	}
	corrections := 0
	for _, c := range all {
		if c.Type == csto.CmdCorrect {
			corrections++
		}
	}
	if corrections == 0 {
		t.Fatal("this release ships no correction")
	}
	if err := reg.Verify(ctx); err != nil {
		t.Fatalf("the chain after the upgrade: %v", err)
	}
	kept := 0
	reg.Events(ctx, 0, func(e csto.Event) error {
		if b, ok := oldBodies[e.CommandID]; ok {
			kept++
			if b != string(e.Body) {
				t.Errorf("the upgrade changed event %s", e.CommandID)
			}
		}
		return nil
	})
	if kept != len(oldBodies) {
		t.Errorf("%d of %d old events kept", kept, len(oldBodies))
	}
	if n, err := dataset.Load(ctx, reg); err != nil || n != 0 {
		t.Errorf("a second start added %d (%v); want 0", n, err)
	}

	upgraded, fresh := reg.Model(), loaded(t).Model()
	for _, c := range all {
		var p csto.Correction
		if c.Type != csto.CmdCorrect || json.Unmarshal(c.Data, &p) != nil {
			continue
		}
		orig, _, err1 := upgraded.Original(t.Context(), p.Target)
		eff, _, err2 := upgraded.Effective(t.Context(), p.Target)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		if a, b := fmt.Sprint(orig), fmt.Sprint(eff); a == b || len(upgraded.Fixes(p.Target)) == 0 {
			t.Errorf("after the upgrade %s still reads as before %s", p.Target, c.ID)
		}
	}
	for _, e := range entries(t, upgraded) {
		if e.ID == "incident:kaz-unrest-2022-01" && (e.Date().String() != "2022-01-02" || len(e.Corrections) == 0) {
			t.Errorf("after the upgrade the Kazakhstan unrest begins %s (corrections %v); want 2022-01-02", e.Date(), e.Corrections)
		}
	}
	if a, b := readout(t, upgraded), readout(t, fresh); a != b {
		t.Errorf("the upgraded record differs from a new one:\n%s", firstDiff(a, b))
	}
	// And after a restart, replaying the log.
	st.Close()
	st2, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	reg2, err := registry.Open(ctx, st2)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := readout(t, reg2.Model()), readout(t, fresh); a != b {
		t.Errorf("the upgraded record read back differs from a new one:\n%s", firstDiff(a, b))
	}
}

// readout renders what a reader sees: every timeline entry (without its
// log position), members at many dates, decisions' outcomes and
// requests' states.
func readout(t *testing.T, m *registry.Model) string {
	t.Helper()
	var lines []string
	for _, e := range entries(t, m) {
		claims, _ := json.Marshal(e.Claims)
		var fixes []string
		for _, f := range e.Corrections {
			fixes = append(fixes, f.ID+":"+f.Err)
		}
		lines = append(lines, fmt.Sprintf("entry %s %s %s %v %s %s %v", e.ID, e.Type(), e.Date(), e.Sources, e.Text.EN+e.Text.AR+e.Text.RU, claims, fixes))
	}
	for y := 1992; y <= 2026; y++ {
		for _, md := range []string{"-01-01", "-07-01"} {
			l, err := m.Members("csto", edtf.MustParse(fmt.Sprint(y)+md), csto.English)
			if err != nil {
				continue
			}
			for _, r := range l.Members.All() {
				lines = append(lines, fmt.Sprintf("member %d%s %s %s %s %s", y, md, r.State, r.Status, r.Since, r.Certainty))
			}
		}
	}
	for id, d := range m.Decisions {
		lines = append(lines, fmt.Sprintf("decision %s %s %s %v", id, d.Date, d.Outcome, d.Bound))
	}
	for id, r := range m.Requests {
		lines = append(lines, fmt.Sprintf("request %s %s", id, m.RequestState(r)))
	}
	for id, in := range m.Instruments {
		lines = append(lines, fmt.Sprintf("instrument %s %s %s", id, in.Adopted, in.InForce))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "upgraded: " + al[i] + "\nnew:      " + bl[i]
		}
	}
	return fmt.Sprintf("%d lines vs %d", len(al), len(bl))
}

// TestEveryShippedCorrectionChangesItsTarget: a correction that changes
// nothing (its target already reads so) is a mistake in the history.
func TestEveryShippedCorrectionChangesItsTarget(t *testing.T) {
	m := loaded(t).Model()
	cmds, _ := dataset.Commands()
	for _, c := range cmds {
		if c.Type != csto.CmdCorrect {
			continue
		}
		var p csto.Correction
		if err := json.Unmarshal(c.Data, &p); err != nil {
			t.Fatal(err)
		}
		for _, f := range m.Fixes(p.Target) {
			if f.Err != "" {
				t.Errorf("%s did not apply: %s", f.ID, f.Err)
			}
		}
		orig, _, err1 := m.Original(t.Context(), p.Target)
		eff, _, err2 := m.Effective(t.Context(), p.Target)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(orig)
		b, _ := json.Marshal(eff)
		if string(a) == string(b) {
			t.Errorf("%s changes nothing in %s", c.ID, p.Target)
		}
	}
}

// BenchmarkLoadCorrections loads the history into a new SQLite file with
// and without its corrections, side by side: each correction re-derives
// the model (twice on submit: checked, then applied), so the ratio is the
// price of the shipped corrections on a first start.
func BenchmarkLoadCorrections(b *testing.B) {
	all, err := dataset.Commands()
	if err != nil {
		b.Fatal(err)
	}
	var without []csto.Command
	for _, c := range all {
		if c.Type != csto.CmdCorrect {
			without = append(without, c)
		}
	}
	for _, tc := range []struct {
		name string
		cmds []csto.Command
	}{{"with", all}, {"without", without}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				ctx := context.Background()
				st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "csto.db"))
				if err != nil {
					b.Fatal(err)
				}
				reg, err := registry.Open(ctx, st)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := reg.SubmitNew(ctx, dataset.Actor, tc.cmds...); err != nil {
					b.Fatal(err)
				}
				st.Close()
			}
		})
	}
}
