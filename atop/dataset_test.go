package atop

import (
	"slices"
	"strings"
	"testing"
)

func fixtureDataset(t *testing.T) *Dataset {
	t.Helper()
	d, err := NewDataset(fixtureAlliances(t), fixturePhases(t), fixtureMembers(t))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDatasetLookups(t *testing.T) {
	d := fixtureDataset(t)
	if a, ok := d.Alliance(3100); !ok || a.MaxPhase != 2 {
		t.Errorf("Alliance(3100) = %+v, %v", a, ok)
	}
	if _, ok := d.Alliance(9999); ok {
		t.Error("Alliance(9999) found")
	}
	if ps := d.Phases(3100); len(ps) != 2 || ps[0].Phase != 1 || ps[1].Phase != 2 {
		t.Errorf("Phases(3100) = %+v", ps)
	}
	if ms := d.MembersOf(4100); len(ms) != 4 {
		t.Errorf("MembersOf(4100): %d rows, want 4", len(ms))
	}
	var ids []int
	for _, m := range d.Memberships(704) {
		ids = append(ids, m.ATOPID)
	}
	if !slices.Equal(ids, []int{4100, 4100, 4200}) {
		t.Errorf("Memberships(704) are of %v", ids)
	}
	if got, want := d.States(), []int{2, 20, 200, 220, 255, 260, 365, 380, 390, 704, 705, 740, 8152}; !slices.Equal(got, want) {
		t.Errorf("States() = %v, want %v", got, want)
	}
	// What the dataset returns is a copy.
	as := d.Alliances()
	as[0].Members[0] = 1
	if a, _ := d.Alliance(as[0].ATOPID); a.Members[0] == 1 {
		t.Error("changing a returned alliance changed the dataset")
	}
}

func TestDatasetDisagreements(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(as []Alliance, ps []Phase, ms []Member) ([]Alliance, []Phase, []Member)
		want   []string
	}{
		{"member of an unknown phase", func(as []Alliance, ps []Phase, ms []Member) ([]Alliance, []Phase, []Member) {
			ms[0].Phase = 3
			return as, ps, ms
		}, []string{
			"atop5_1m.csv:2: atopid 1100 phase 3 is not in atop5_1aph.csv",
			"atop5_1aph.csv:2: atopid 1100 phase 0: members [220 8152], but the member rows are of [8152]",
		}},
		{"a member row missing", func(as []Alliance, ps []Phase, ms []Member) ([]Alliance, []Phase, []Member) {
			return as, ps, ms[:len(ms)-1]
		}, []string{
			"atop5_1aph.csv:9: atopid 4200 phase 0: members [2 704], but the member rows are of [2]",
			"atop5_1a.csv:8: atopid 4200: members [2 704], but the member rows are of [2]",
		}},
		{"a phase missing", func(as []Alliance, ps []Phase, ms []Member) ([]Alliance, []Phase, []Member) {
			return as, slices.Delete(ps, 3, 4), ms
		}, []string{
			"atop5_1a.csv:4: atopid 3100 has maxphase 2 but 1 phase rows in atop5_1aph.csv",
			"atop5_1m.csv:10: atopid 3100 phase 2 is not in atop5_1aph.csv",
		}},
		{"obligations", func(as []Alliance, ps []Phase, ms []Member) ([]Alliance, []Phase, []Member) {
			ms[0].Offense = true
			return as, ps, ms
		}, []string{
			"atop5_1aph.csv:2: atopid 1100 phase 0: obligations {Defense:true Offense:false Neutral:true Nonagg:false Consul:false}, but its members promise {Defense:true Offense:true Neutral:true Nonagg:false Consul:false}",
		}},
		{"active", func(as []Alliance, ps []Phase, ms []Member) ([]Alliance, []Phase, []Member) {
			ms[1].Active = false
			return as, ps, ms
		}, []string{"atop5_1m.csv:3: atopid 1100 phase 0: active 0, but the phase has 1"}},
		{"duplicate alliance", func(as []Alliance, ps []Phase, ms []Member) ([]Alliance, []Phase, []Member) {
			return append(as, as[0]), ps, ms
		}, []string{"atop5_1a.csv:2: atopid 1100 appears twice"}},
	} {
		as, ps, ms := c.change(fixtureAlliances(t), fixturePhases(t), fixtureMembers(t))
		_, err := NewDataset(as, ps, ms)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error\n%v\ndoes not say\n%s", c.name, err, w)
			}
		}
	}
}

func TestLoad(t *testing.T) {
	// The fixtures carry their own names; Load wants ATOP's.
	dir := t.TempDir()
	for from, to := range map[string]string{"members.csv": MembersFile, "alliances.csv": AlliancesFile, "phases.csv": PhasesFile} {
		writeFile(t, dir, to, csvText(t, records(t, from)))
	}
	d, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Members()) != 24 || len(d.Alliances()) != 7 {
		t.Errorf("Load: %d members, %d alliances", len(d.Members()), len(d.Alliances()))
	}
	writeFile(t, dir, PhasesFile, csvText(t, withValue(t, records(t, "phases.csv"), 2, "begyr", "19x1")))
	if _, err := Load(dir); err == nil || err.Error() != `atop5_1aph.csv:3: begyr: "19x1" is not a year` {
		t.Errorf("Load with a bad phase: %v", err)
	}
}
