package atop

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestReadMembersFixture(t *testing.T) {
	ms := fixtureMembers(t)
	if len(ms) != 24 {
		t.Fatalf("read %d members, want 24", len(ms))
	}
	annam := ms[1]
	if annam.ATOPID != 1100 || annam.State != 8152 || annam.COWSys || !annam.Neutral || annam.Defense ||
		annam.TermMode != 4 || annam.TermCaus != 2 || annam.Line != 3 {
		t.Errorf("row 2 = %+v", annam)
	}
	for _, c := range []struct {
		i                  int
		entry, exit, spell string
		inEffect           bool
	}{
		{0, "1874-03-15", "1883-08", "1874-03-15/1883-08", false},        // day of exit unknown
		{2, "1921-05", "1925-02-10", "1921-05/1925-02-10", false},        // day of entry unknown
		{8, "1955-07-01", "", "1955-07-01/..", true},                     // in effect at the dataset's end
		{11, "1957-03-25", "1990-10-03", "1957-03-25/1990-10-03", false}, // leaves the day 255 joins
		{21, "2003-09-09", "2010-12", "2003-09-09/2010-12", false},       // the second row of a state that rejoined
	} {
		m := ms[c.i]
		if m.Entry.String() != c.entry || m.Exit.String() != c.exit || m.Spell().String() != c.spell || m.InEffect != c.inEffect {
			t.Errorf("row %d: entry %q exit %q spell %q in effect %v, want %q %q %q %v",
				c.i, m.Entry, m.Exit, m.Spell(), m.InEffect, c.entry, c.exit, c.spell, c.inEffect)
		}
	}
	if m := ms[15]; m.ATOPID != 3300 || m.EstMode != Missing || m.NoOthAll != Missing || m.EstMode.Known() {
		t.Errorf("missing codes of row 16: %+v", m)
	}
	if m := ms[22]; m.ATOPID != 4200 || m.RefOthIO != 2 || m.EstMode != 0 {
		t.Errorf("row 23: refothio %v estmode %v", m.RefOthIO, m.EstMode)
	}
	if m := ms[13]; m.ATOPID != 3200 || !m.DefCon || !m.DefCoLoc || !m.Conditio {
		t.Errorf("conditions of row 14: %+v", m.Conditions)
	}
}

// TestColumnOrder reads the fixture with its columns reversed: columns are
// found by name.
func TestColumnOrder(t *testing.T) {
	recs := records(t, "members.csv")
	for _, r := range recs {
		slices.Reverse(r)
	}
	got, err := readMembersText(t, csvText(t, recs))
	if err != nil {
		t.Fatal(err)
	}
	if want := fixtureMembers(t); !reflect.DeepEqual(got, want) {
		t.Error("reading reversed columns gives other members")
	}
	// Header names are matched without regard to case.
	recs = records(t, "members.csv")
	for i, h := range recs[0] {
		recs[0][i] = strings.ToUpper(h)
	}
	if _, err := readMembersText(t, csvText(t, recs)); err != nil {
		t.Error(err)
	}
}

func TestMemberRowErrors(t *testing.T) {
	recs := records(t, "members.csv")
	// Record 7 (line 8): 3100 phase 1, state 20, 1951-01-10 to 1955-07-01.
	// Record 10 (line 11): 3100 phase 2 (of 2), state 200, in effect.
	// Record 14 (line 15): 3200, state 2, bilateral, a located defense condition.
	// Record 16 (line 17): 3300, state 2, 1980-01-15 to 1984-06.
	for _, c := range []struct {
		row      int
		col, val string
		then     [2]string // a second change, if any
		want     string
	}{
		{16, "yrent", "19x2", [2]string{}, `atop5_1m.csv:17: yrent: "19x2" is not a year`},
		{16, "yrent", "1790", [2]string{}, `atop5_1m.csv:17: yrent: 1790 is outside ATOP's years 1815–2018`},
		{16, "yrent", "", [2]string{}, `atop5_1m.csv:17: yrent: value is missing`},
		{7, "moent", "13", [2]string{}, `atop5_1m.csv:8: moent: 13 is out of range 0–12`},
		{7, "dayent", "32", [2]string{}, `atop5_1m.csv:8: dayent: 32 is out of range 0–31`},
		{7, "moent", "2", [2]string{"dayent", "30"}, `atop5_1m.csv:8: dayent: 1951-02 has no day 30`},
		{7, "moexit", "0", [2]string{}, `atop5_1m.csv:8: dayexit: day 1 is given but the month is not`},
		{7, "yrexit", "1950", [2]string{}, `atop5_1m.csv:8: yrexit: the exit 1950-07-01 is before the entry 1951-01-10`},
		{7, "ineffect", "1", [2]string{}, `atop5_1m.csv:8: ineffect: 1, but the membership ended in 1955`},
		{10, "ineffect", "0", [2]string{}, `atop5_1m.csv:11: ineffect: 0, but there is no exit date (yrexit 0)`},
		{10, "moexit", "3", [2]string{}, `atop5_1m.csv:11: yrexit: 0 (no exit), but moexit/dayexit are 3/0`},
		{10, "termmode", "2", [2]string{}, `atop5_1m.csv:11: termmode: 2/0, but a membership in effect has termmode and termcaus 0`},
		{16, "defense", "2", [2]string{}, `atop5_1m.csv:17: defense: "2" is not 0 or 1`},
		{16, "defense", "", [2]string{}, `atop5_1m.csv:17: defense: "" is not 0 or 1`},
		{16, "atopid", "12a", [2]string{}, `atop5_1m.csv:17: atopid: "12a" is not a whole number`},
		{16, "atopid", "999", [2]string{}, `atop5_1m.csv:17: atopid: 999 is out of range 1000–7999`},
		{16, "member", "-2", [2]string{}, `atop5_1m.csv:17: member: "-2" is not a whole number`},
		{16, "estmode", "7", [2]string{}, `atop5_1m.csv:17: estmode: 7 is not a code of this column (0–1)`},
		{16, "natrefal", "5", [2]string{}, `atop5_1m.csv:17: natrefal: 5 is not a code of this column (0–3, 9)`},
		{16, "term", "", [2]string{}, `atop5_1m.csv:17: term: value is missing`},
		{10, "phase", "3", [2]string{}, `atop5_1m.csv:11: phase: 3, but maxphase is 2`},
		{10, "phase", "0", [2]string{}, `atop5_1m.csv:11: phase: 0, but the alliance has 2 phases`},
		{10, "maxphase", "1", [2]string{"phase", "1"}, `atop5_1m.csv:11: maxphase: 1 is not a number of phases (0 for one phase, else 2 or more)`},
		{16, "offcon", "1", [2]string{}, `atop5_1m.csv:17: offcon: 1, but offense is 0: a condition needs its obligation`},
		{14, "conditio", "0", [2]string{}, `atop5_1m.csv:15: conditio: 0, but the detailed conditions it summarizes say 1`},
		{14, "defcoloc", "0", [2]string{}, `atop5_1m.csv:15: defcon: 1, but the detailed conditions it summarizes say 0`},
		{14, "obvary", "1", [2]string{}, `atop5_1m.csv:15: obvary: 1, but obvary needs asymm 1 and bilat 0`},
		{16, "pubsecr", "2", [2]string{}, `atop5_1m.csv:17: secrart: 0, but a secret treaty (pubsecr 2) has secrart 8`},
		{16, "version", "five", [2]string{}, `atop5_1m.csv:17: version: "five" is not a version number`},
	} {
		in := withValue(t, recs, c.row, c.col, c.val)
		if c.then[0] != "" {
			in = withValue(t, in, c.row, c.then[0], c.then[1])
		}
		ms, err := readMembersText(t, csvText(t, in))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s=%q: error %v, want %s", c.col, c.val, err, c.want)
		}
		if ms != nil {
			t.Errorf("%s=%q: a failed read returned %d rows", c.col, c.val, len(ms))
		}
	}
}

func TestMissingValues(t *testing.T) {
	recs := records(t, "members.csv")
	// ATOP's older missing code -9 is read as missing, where missing is allowed.
	ms, err := readMembersText(t, csvText(t, withValue(t, recs, 16, "estmode", "-9")))
	if err != nil || ms[15].EstMode != Missing {
		t.Errorf("estmode -9: %v, %v", err, ms[15].EstMode)
	}
	// An unknown day of entry may be written 0 as well as left empty.
	ms, err = readMembersText(t, csvText(t, withValue(t, recs, 16, "dayent", "0")))
	if err != nil || ms[15].Entry.String() != "1980-01" {
		t.Errorf("dayent 0: %v, entry %v", err, ms[15].Entry)
	}
	// A month of 0 gives a year-precision date.
	in := withValue(t, withValue(t, recs, 16, "dayent", ""), 16, "moent", "0")
	ms, err = readMembersText(t, csvText(t, in))
	if err != nil || ms[15].Entry.String() != "1980" {
		t.Errorf("moent 0: %v, entry %v", err, ms[15].Entry)
	}
}

// TestSkipBad: strictly the first bad row fails the whole read; with
// SkipBad the bad rows are skipped and listed, one error each, in order.
func TestSkipBad(t *testing.T) {
	recs := records(t, "members.csv")
	recs = withValue(t, recs, 2, "yrent", "19x2")  // line 3
	recs = withValue(t, recs, 6, "defense", "yes") // line 7
	recs = withValue(t, recs, 21, "dayexit", "31") // line 22: 1997-04-31
	recs[9] = recs[9][:len(recs[9])-1]             // line 10: a field short
	text := csvText(t, recs)

	ms, err := readMembersText(t, text)
	if want := `atop5_1m.csv:3: yrent: "19x2" is not a year`; err == nil || err.Error() != want || ms != nil {
		t.Errorf("strict: %d rows, error %v; want none and %s", len(ms), err, want)
	}

	ms, skipped, err := Options{SkipBad: true, Name: MembersFile}.ReadMembers(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 20 {
		t.Errorf("SkipBad kept %d rows, want 20", len(ms))
	}
	var got []string
	for _, e := range skipped {
		got = append(got, e.Error())
	}
	want := []string{
		`atop5_1m.csv:3: yrent: "19x2" is not a year`,
		`atop5_1m.csv:7: defense: "yes" is not 0 or 1`,
		`atop5_1m.csv:10: the row has 104 fields, the header has 105`,
		`atop5_1m.csv:22: dayexit: 1997-04 has no day 31`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, m := range ms {
		if m.Line == 3 || m.Line == 7 || m.Line == 10 || m.Line == 22 {
			t.Errorf("bad line %d was kept", m.Line)
		}
	}
}

func TestHeaderErrors(t *testing.T) {
	recs := records(t, "members.csv")
	drop := func(col string) [][]string {
		i := slices.Index(recs[0], col)
		out := make([][]string, len(recs))
		for k, r := range recs {
			out[k] = slices.Delete(slices.Clone(r), i, i+1)
		}
		return out
	}
	for _, c := range []struct {
		name, text, want string
	}{
		{"missing column", csvText(t, drop("yrent")), `atop5_1m.csv:1: yrent: the column is missing from the header`},
		{"duplicate column", csvText(t, withValue(t, recs, 0, "cowid", "atopid")), `atop5_1m.csv:1: atopid: the column appears twice in the header`},
		{"empty file", "", `atop5_1m.csv:1: the file is empty; it needs a header row`},
		{"unnamed column", csvText(t, withValue(t, recs, 0, "cow4id", "")), `atop5_1m.csv:1: column 3 has no name`},
	} {
		// Header errors fail the read even with SkipBad.
		_, _, err := Options{SkipBad: true, Name: MembersFile}.ReadMembers(strings.NewReader(c.text))
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: error %v, want %s", c.name, err, c.want)
		}
	}
	// Unknown columns are ignored, and a UTF-8 byte order mark is skipped.
	extra := slices.Clone(recs)
	for i := range extra {
		extra[i] = append(slices.Clone(extra[i]), "note")
	}
	if _, err := readMembersText(t, "\uFEFF"+csvText(t, extra)); err != nil {
		t.Error(err)
	}
}

// TestFileName: an *os.File names itself in errors; without a name the
// error starts with the line.
func TestFileName(t *testing.T) {
	recs := withValue(t, records(t, "members.csv"), 16, "yrent", "19x2")
	path := filepath.Join(t.TempDir(), "mine.csv")
	if err := os.WriteFile(path, []byte(csvText(t, recs)), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := ReadMembers(f); err == nil || err.Error() != `mine.csv:17: yrent: "19x2" is not a year` {
		t.Errorf("error %v", err)
	}
	if _, err := ReadMembers(strings.NewReader(csvText(t, recs))); err == nil || err.Error() != `line 17: yrent: "19x2" is not a year` {
		t.Errorf("error %v", err)
	}
}
