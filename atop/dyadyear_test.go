package atop

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// dyString writes a dyad-year as "A B YEAR OBLIGATIONS [IDS] TRANSYR
// bBILATNO/mMULTINO FLAGS", flags S (shareob), Y (asymm), V (obvary).
func dyString(r DyadYear) string {
	flags := ""
	for _, f := range []struct {
		set bool
		c   string
	}{{r.ShareOb, "S"}, {r.Asymm, "Y"}, {r.ObVary, "V"}} {
		if f.set {
			flags += f.c
		}
	}
	return fmt.Sprintf("%d %d %d %s %v %s b%d/m%d %s", r.StateA, r.StateB, r.Year, obs(r.Obligations), r.ATOPIDs, tr(r.TransYr), r.BilatNo, r.MultiNo, flags)
}

func dyIndex(rows []DyadYear) map[[3]int]string {
	m := make(map[[3]int]string, len(rows))
	for _, r := range rows {
		m[[3]int{r.StateA, r.StateB, r.Year}] = dyString(r)
	}
	return m
}

func checkDyads(t *testing.T, got map[[3]int]string, want []string) {
	t.Helper()
	for _, w := range want {
		var a, b, y int
		fmt.Sscan(w, &a, &b, &y)
		if g := got[[3]int{a, b, y}]; g != w {
			t.Errorf("got %q, want %q", g, w)
		}
	}
}

// The expectations below are worked out by hand from the rows of
// testdata/members.csv and the rules of DyadYears.
func TestDyadYearsFixture(t *testing.T) {
	ms := fixtureMembers(t)
	rows := DyadYears(ms, FirstYear, LastYear, false)
	// 2100: 3 pairs × 5 years; 3100: 382 (see below); 3200: 9; 3300 adds
	// 5 years to 2–20 and to 20–200; 4100: 14 + 27 + 14; 4200: 5.
	if len(rows) != 476 {
		t.Errorf("%d dyad-years, want 476", len(rows))
	}
	if !slices.IsSortedFunc(rows, func(a, b DyadYear) int {
		return cmpInts(a.StateA, b.StateA, a.StateB, b.StateB, a.Year, b.Year)
	}) {
		t.Error("dyad-years are not ordered")
	}
	for _, r := range rows {
		if r.StateA >= r.StateB || r.Number != len(r.ATOPIDs) || r.Number != r.BilatNo+r.MultiNo || r.ID() != r.StateA*1000+r.StateB {
			t.Errorf("inconsistent %s", dyString(r))
		}
	}
	got := dyIndex(rows)
	checkDyads(t, got, []string{
		// 2100: 200 and 220 defend 380 (OBVARY); from member rows they
		// also get defense toward each other, flagged V.
		"200 220 1921 D---C [2100] T b0/m1 YV",
		"200 380 1923 D---C [2100] - b0/m1 YV",
		"220 380 1925 D---C [2100] T b0/m1 YV",
		// 3100: phase 1 to phase 2 on the same day is one shared membership.
		"2 200 1951 ---A- [3100] T b0/m1 ",
		"2 200 1955 D--A- [3100] - b0/m1 Y",
		"2 200 1956 D---- [3100] - b0/m1 Y",
		"2 20 1955 ---A- [3100] T b0/m1 ",
		"20 200 1955 ---A- [3100] T b0/m1 ",
		"2 390 1960 D--A- [3100] T b0/m1 Y",
		"2 260 1957 D---- [3100] T b0/m1 Y",
		"2 260 1990 D---- [3100] T b0/m1 Y",
		"2 255 1990 D---- [3100] T b0/m1 Y",
		"260 390 1990 D--A- [3100] T b0/m1 Y",
		"255 390 2018 D--A- [3100] - b0/m1 Y",
		// 3300: 2 guarantees 20 and 200, who owe each other nothing.
		"2 200 1980 D---- [3100 3300] T b0/m2 Y",
		"2 200 1984 D---- [3100 3300] T b0/m2 Y",
		"2 200 1985 D---- [3100] - b0/m1 Y",
		"2 20 1982 D---- [3300] - b0/m1 Y",
		"20 200 1982 ----- [3300] - b0/m1 SY",
		// 3200, bilateral, ends on 1 January 1970.
		"2 740 1962 D---- [3200] T b1/m0 Y",
		"2 740 1970 D---- [3200] T b1/m0 Y",
		// 4100 and 4200.
		"365 704 1997 D--AC [4100] T b0/m1 ",
		"365 704 2003 D--AC [4100] T b0/m1 ",
		"365 704 2010 D--AC [4100] T b0/m1 ",
		"704 705 2004 D--AC [4100] - b0/m1 ",
		"2 704 2001 ----C [4200] T b1/m0 ",
		"2 704 2003 ----C [4200] - b1/m0 ",
	})
	for _, k := range [][3]int{
		{255, 260, 1990},  // 260 leaves on the day 255 joins: never together
		{220, 8152, 1880}, // Annam has no COW code: dropped as ATOP drops it
		{365, 704, 1998}, {365, 704, 2002}, {365, 704, 2011},
		{2, 20, 1956}, {20, 200, 1979},
	} {
		if g, ok := got[k]; ok {
			t.Errorf("unexpected %s", g)
		}
	}
}

func TestDirectedDyadYearsFixture(t *testing.T) {
	ms := fixtureMembers(t)
	rows := DyadYears(ms, FirstYear, LastYear, true)
	if len(rows) != 2*476 {
		t.Errorf("%d directed dyad-years, want %d", len(rows), 2*476)
	}
	if !slices.IsSortedFunc(rows, func(a, b DyadYear) int {
		return cmpInts(a.StateA, b.StateA, a.StateB, b.StateB, a.Year, b.Year)
	}) {
		t.Error("directed dyad-years are not ordered")
	}
	checkDyads(t, dyIndex(rows), []string{
		// What A owes B.
		"2 740 1965 D---- [3200] - b1/m0 Y",
		"740 2 1965 ----- [3200] - b1/m0 Y", // owes nothing, but 2 owes it: not SHAREOB
		"2 390 1970 D---- [3100] - b0/m1 Y",
		"390 2 1970 ---A- [3100] - b0/m1 Y",
		"380 200 1923 ----C [2100] - b0/m1 YV",
		"200 380 1923 D---C [2100] - b0/m1 YV",
		"20 200 1982 ----- [3300] - b0/m1 SY",
		"200 20 1982 ----- [3300] - b0/m1 SY",
	})
}

func TestDyadYearsRange(t *testing.T) {
	ms := fixtureMembers(t)
	var got []string
	for _, r := range DyadYears(ms, 1955, 1955, false) {
		got = append(got, dyString(r))
	}
	want := []string{
		"2 20 1955 ---A- [3100] T b0/m1 ",
		"2 200 1955 D--A- [3100] - b0/m1 Y",
		"20 200 1955 ---A- [3100] T b0/m1 ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("1955:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rows := DyadYears(ms, 2019, 2030, true); rows != nil {
		t.Errorf("after 2018: %d rows", len(rows))
	}
}
