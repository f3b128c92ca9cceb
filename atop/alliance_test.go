package atop

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func readFixture[T any](t *testing.T, name string, read func(*os.File) ([]T, error)) []T {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := read(f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func fixtureAlliances(t *testing.T) []Alliance {
	return readFixture(t, "alliances.csv", func(f *os.File) ([]Alliance, error) { return ReadAlliances(f) })
}

func fixturePhases(t *testing.T) []Phase {
	return readFixture(t, "phases.csv", func(f *os.File) ([]Phase, error) { return ReadPhases(f) })
}

func TestReadAlliancesFixture(t *testing.T) {
	as := fixtureAlliances(t)
	if len(as) != 7 {
		t.Fatalf("read %d alliances, want 7", len(as))
	}
	a := as[2] // 3100
	if a.ATOPID != 3100 || a.Begin.String() != "1951-01-10" || !a.End.IsZero() || !a.InEffect ||
		a.Spell().String() != "1951-01-10/.." || a.MaxPhase != 2 || !a.Defense || !a.Nonagg || !a.Active ||
		!slices.Equal(a.Members, []int{2, 20, 200, 255, 260, 390}) || a.Line != 4 {
		t.Errorf("3100 = %+v", a)
	}
	if a := as[0]; a.End.String() != "1883-08" || a.Spell().String() != "1874-03-15/1883-08" || !slices.Equal(a.Members, []int{220, 8152}) {
		t.Errorf("1100 = %+v", a)
	}
}

func TestReadPhasesFixture(t *testing.T) {
	ps := fixturePhases(t)
	if len(ps) != 8 {
		t.Fatalf("read %d phases, want 8", len(ps))
	}
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ATOPIDPhase)
	}
	if want := []string{"1100", "2100", "3100.1", "3100.2", "3200", "3300", "4100", "4200"}; !slices.Equal(ids, want) {
		t.Errorf("atopidphase %v, want %v", ids, want)
	}
	if p := ps[2]; p.Phase != 1 || p.End.String() != "1955-07-01" || !slices.Equal(p.Members, []int{2, 20, 200}) || p.Defense || !p.Nonagg {
		t.Errorf("3100.1 = %+v", p)
	}
}

func TestAllianceRowErrors(t *testing.T) {
	as := records(t, "alliances.csv")
	ps := records(t, "phases.csv")
	read := func(name string, recs [][]string) error {
		o := Options{Name: name}
		var err error
		if name == AlliancesFile {
			_, _, err = o.ReadAlliances(strings.NewReader(csvText(t, recs)))
		} else {
			_, _, err = o.ReadPhases(strings.NewReader(csvText(t, recs)))
		}
		return err
	}
	for _, c := range []struct {
		file     string
		recs     [][]string
		row      int
		col, val string
		want     string
	}{
		{AlliancesFile, as, 3, "mem2", "2", `atop5_1a.csv:4: mem2: 2 is not after mem1 2 (members are sorted by COW code)`},
		{AlliancesFile, as, 3, "mem1", "", `atop5_1a.csv:4: mem1: value is missing: an alliance has at least two members`},
		{AlliancesFile, as, 3, "mem4", "", `atop5_1a.csv:4: mem5: 260 follows an empty mem4`},
		{AlliancesFile, as, 3, "mem3", "x", `atop5_1a.csv:4: mem3: "x" is not a COW country code`},
		{AlliancesFile, as, 7, "active", "1", `atop5_1a.csv:8: active: 1, but defense/offense are 0/0`},
		{AlliancesFile, as, 2, "active", "0", `atop5_1a.csv:3: active: 0, but defense/offense are 1/0`},
		{AlliancesFile, as, 2, "endday", "31", `atop5_1a.csv:3: endday: 1925-02 has no day 31`},
		{AlliancesFile, as, 3, "ineffect", "0", `atop5_1a.csv:4: ineffect: 0, but there is no end date (endyr 0)`},
		{AlliancesFile, as, 2, "begyr", "1926", `atop5_1a.csv:3: endyr: the end 1925-02-10 is before the beginning 1926-05`},
		{PhasesFile, ps, 3, "atopidphase", "3100.2", `atop5_1aph.csv:4: atopidphase: "3100.2", but atopid 3100 phase 1 is "3100.1"`},
		{PhasesFile, ps, 1, "phase", "1", `atop5_1aph.csv:2: phase: 1, but maxphase is 0`},
	} {
		if err := read(c.file, withValue(t, c.recs, c.row, c.col, c.val)); err == nil || err.Error() != c.want {
			t.Errorf("%s %s=%q: error %v, want %s", c.file, c.col, c.val, err, c.want)
		}
	}
	// The header must have mem1, mem2… without a gap.
	bad := withValue(t, as, 0, "mem3", "mem9")
	if err := read(AlliancesFile, bad); err == nil || err.Error() != `atop5_1a.csv:1: mem4: the column comes without mem3` {
		t.Errorf("gap in header: %v", err)
	}
}

func TestReadCOW(t *testing.T) {
	cs := readFixture(t, "cow.csv", func(f *os.File) ([]COWState, error) { return ReadCOW(f) })
	if len(cs) != 3 {
		t.Fatalf("read %d states, want 3", len(cs))
	}
	l := cs[1]
	if l.CCode != 902 || l.Abb != "LIL" || l.Name != "Lilliput" || l.Version != "2016" || len(l.Spells) != 3 ||
		l.Spells[1].Start.String() != "1871-01-02" || l.Spells[2].End.String() != "2016-12-31" {
		t.Errorf("Lilliput = %+v", l)
	}
	recs := records(t, "cow.csv")
	for _, c := range []struct {
		row      int
		col, val string
		want     string
	}{
		{3, "stateabb", "LLP", `states2016.csv:4: stateabb: "LLP", but an earlier row of ccode 902 has "LIL"`},
		{3, "statenme", "Lilliputia", `states2016.csv:4: statenme: "Lilliputia", but an earlier row of ccode 902 has "Lilliput"`},
		{3, "styear", "1860", `states2016.csv:4: styear: the spell starting 1860-01-02 does not follow the one ending 1866-08-20`},
		{5, "stday", "29", `states2016.csv:6: stday: 1900-02 has no day 29`},
		{5, "stateabb", "Bf", `states2016.csv:6: stateabb: "Bf" is not a COW abbreviation (three capital letters)`},
		{1, "endyear", "1815", `states2016.csv:2: endyear: 1815 is out of range 1816–9999`},
		{1, "endyear", "1810", `states2016.csv:2: endyear: 1810 is out of range 1816–9999`},
		{5, "endyear", "1899", `states2016.csv:6: endyear: the spell ends (1899-03-12) before it starts (1900-02-28)`},
	} {
		_, _, err := Options{Name: COWFile}.ReadCOW(strings.NewReader(csvText(t, withValue(t, recs, c.row, c.col, c.val))))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s=%q: error %v, want %s", c.col, c.val, err, c.want)
		}
	}
	// With SkipBad a contradicting row is skipped and the state keeps its
	// other spells.
	cs, skipped, err := Options{SkipBad: true}.ReadCOW(strings.NewReader(csvText(t, withValue(t, recs, 3, "stateabb", "LLP"))))
	if err != nil || len(skipped) != 1 || skipped[0].Line != 4 || len(cs) != 3 || len(cs[1].Spells) != 2 {
		t.Errorf("SkipBad: %v, %v, %+v", err, skipped, cs)
	}
}
