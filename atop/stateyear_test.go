package atop

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// obs writes obligations as five letters, '-' where unset: Defense,
// Offense, Neutral, nonAggression, Consultation.
func obs(o Obligations) string {
	b := []byte("-----")
	for i, set := range []bool{o.Defense, o.Offense, o.Neutral, o.Nonagg, o.Consul} {
		if set {
			b[i] = "DONAC"[i]
		}
	}
	return string(b)
}

func tr(b bool) string {
	if b {
		return "T"
	}
	return "-"
}

func syString(r StateYear) string {
	return fmt.Sprintf("%d %d %s %v %s", r.State, r.Year, obs(r.Obligations), r.ATOPIDs, tr(r.TransYr))
}

func syStrings(rows []StateYear, state int) []string {
	var out []string
	for _, r := range rows {
		if r.State == state {
			out = append(out, syString(r))
		}
	}
	return out
}

// The expectations below are worked out by hand from the rows of
// testdata/members.csv and the rules of StateYears.
func TestStateYearsFixture(t *testing.T) {
	rows := StateYears(fixtureMembers(t), FirstYear, LastYear)
	// 2: 68 years, 20: 10, 200: 73, 220: 15, 8152: 10, 380: 5, 390: 59,
	// 260: 34, 255: 29, 740: 9, 365 and 705: 27 each, 704: 16.
	if len(rows) != 382 {
		t.Errorf("%d state-years, want 382", len(rows))
	}
	if !slices.IsSortedFunc(rows, func(a, b StateYear) int {
		return cmpInts(a.State, b.State, a.Year, b.Year)
	}) {
		t.Error("state-years are not ordered by state and year")
	}
	for _, r := range rows {
		if r.Number != len(r.ATOPIDs) || r.Version != "5.1" {
			t.Errorf("%s: number %d, version %q", syString(r), r.Number, r.Version)
		}
	}

	// 704 leaves 4100 in 1997 and rejoins in 2003; 4200 runs 2001–2005.
	want704 := []string{
		"704 1992 D--AC [4100] T",
		"704 1993 D--AC [4100] -",
		"704 1994 D--AC [4100] -",
		"704 1995 D--AC [4100] -",
		"704 1996 D--AC [4100] -",
		"704 1997 D--AC [4100] T",
		"704 2001 ----C [4200] T",
		"704 2002 ----C [4200] -",
		"704 2003 D--AC [4100 4200] T",
		"704 2004 D--AC [4100 4200] -",
		"704 2005 D--AC [4100 4200] T",
		"704 2006 D--AC [4100] -",
		"704 2007 D--AC [4100] -",
		"704 2008 D--AC [4100] -",
		"704 2009 D--AC [4100] -",
		"704 2010 D--AC [4100] T",
	}
	if got := syStrings(rows, 704); !slices.Equal(got, want704) {
		t.Errorf("704:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want704, "\n"))
	}

	// 20 leaves 3100 when phase 1 ends (1955) and promises nothing in 3300:
	// it still has state-years, with every obligation 0.
	want20 := []string{
		"20 1951 ---A- [3100] T",
		"20 1952 ---A- [3100] -",
		"20 1953 ---A- [3100] -",
		"20 1954 ---A- [3100] -",
		"20 1955 ---A- [3100] T",
		"20 1980 ----- [3300] T",
		"20 1981 ----- [3300] -",
		"20 1982 ----- [3300] -",
		"20 1983 ----- [3300] -",
		"20 1984 ----- [3300] T",
	}
	if got := syStrings(rows, 20); !slices.Equal(got, want20) {
		t.Errorf("20:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want20, "\n"))
	}

	// Selected years of 2 and others.
	byKey := map[[2]int]string{}
	for _, r := range rows {
		byKey[[2]int{r.State, r.Year}] = syString(r)
	}
	for _, want := range []string{
		"2 1951 ---A- [3100] T",
		"2 1954 ---A- [3100] -",
		"2 1955 D--A- [3100] -", // phase 1 (nonaggression) gives way to phase 2 (defense) the same day: no transition
		"2 1956 D---- [3100] -",
		"2 1962 D---- [3100 3200] T",
		"2 1970 D---- [3100 3200] T", // 3200 ends on 1 January 1970: the year still counts
		"2 1971 D---- [3100] -",
		"2 1980 D---- [3100 3300] T",
		"2 1984 D---- [3100 3300] T",
		"2 2001 D---C [3100 4200] T",
		"2 2006 D---- [3100] -",
		"2 2018 D---- [3100] -",
		"200 1925 D---C [2100] T",
		"200 1955 D--A- [3100] -",
		"200 1980 D---- [3100 3300] T",
		"220 1874 D---- [1100] T",
		"220 1883 D---- [1100] T",
		"8152 1880 --N-- [1100] -", // Annam has state-years; only the dyad files drop it
		"390 1960 ---A- [3100] T",
		"390 1961 ---A- [3100] -",
		"260 1990 D---- [3100] T",
		"255 1990 D---- [3100] T",
		"740 1966 ----- [3200] -",
		"365 2018 D--AC [4100] -",
	} {
		var s, y int
		fmt.Sscan(want, &s, &y)
		if got := byKey[[2]int{s, y}]; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	for _, k := range [][2]int{{2, 1950}, {20, 1956}, {704, 1998}, {704, 2011}, {260, 1991}, {255, 1989}, {380, 1926}} {
		if got, ok := byKey[k]; ok {
			t.Errorf("unexpected %s", got)
		}
	}
}

func TestStateYearsRange(t *testing.T) {
	ms := fixtureMembers(t)
	var got []string
	for _, r := range StateYears(ms, 1955, 1955) {
		got = append(got, syString(r))
	}
	want := []string{"2 1955 D--A- [3100] -", "20 1955 ---A- [3100] T", "200 1955 D--A- [3100] -"}
	if !slices.Equal(got, want) {
		t.Errorf("1955: %v, want %v", got, want)
	}
	if rows := StateYears(ms, 2019, 2030); rows != nil {
		t.Errorf("after 2018: %d rows", len(rows))
	}
	if rows := StateYears(ms, 1960, 1950); rows != nil {
		t.Errorf("from > to: %d rows", len(rows))
	}
	if rows := StateYears(nil, FirstYear, LastYear); rows != nil {
		t.Errorf("no members: %d rows", len(rows))
	}
}

// cmpInts compares pairs of ints in order.
func cmpInts(pairs ...int) int {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] != pairs[i+1] {
			if pairs[i] < pairs[i+1] {
				return -1
			}
			return 1
		}
	}
	return 0
}
