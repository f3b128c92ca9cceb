package atop

import (
	"github.com/csto/csto/internal/testenv"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/csto/csto"
)

// The integration tests read the real ATOP 5.1 and COW files, which are
// not in the repository but in the shared folder: without them the tests
// are skipped, or fail under CI (see testenv).
var realData = filepath.Join(testenv.SharedDir(), "data")

func openReal(t testing.TB, rel string) *os.File {
	t.Helper()
	f, err := os.Open(testenv.Shared(t, "data/"+rel))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

var (
	realOnce    sync.Once
	realDataset *Dataset
	realCOW     []COWState
	realErr     error
)

// loadReal loads the real files once for all tests.
func loadReal(t testing.TB) (*Dataset, []COWState) {
	t.Helper()
	openReal(t, "atop/"+MembersFile) // fail with the message above if absent
	openReal(t, "cow/"+COWFile)
	realOnce.Do(func() {
		if realDataset, realErr = Load(filepath.Join(realData, "atop")); realErr != nil {
			return
		}
		var f *os.File
		if f, realErr = os.Open(filepath.Join(realData, "cow", COWFile)); realErr != nil {
			return
		}
		defer f.Close()
		realCOW, realErr = ReadCOW(f)
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realDataset, realCOW
}

func TestRealFilesParse(t *testing.T) {
	ms, skipped, err := Options{SkipBad: true}.ReadMembers(openReal(t, "atop/"+MembersFile))
	if err != nil || len(skipped) != 0 || len(ms) != 2510 {
		t.Fatalf("%s: %d rows, %d bad, %v; want 2510, 0, nil", MembersFile, len(ms), len(skipped), err)
	}
	as, skipped, err := Options{SkipBad: true}.ReadAlliances(openReal(t, "atop/"+AlliancesFile))
	if err != nil || len(skipped) != 0 || len(as) != 789 {
		t.Fatalf("%s: %d rows, %d bad, %v; want 789, 0, nil", AlliancesFile, len(as), len(skipped), err)
	}
	ps, skipped, err := Options{SkipBad: true}.ReadPhases(openReal(t, "atop/"+PhasesFile))
	if err != nil || len(skipped) != 0 || len(ps) != 849 {
		t.Fatalf("%s: %d rows, %d bad, %v; want 849, 0, nil", PhasesFile, len(ps), len(skipped), err)
	}
	cs, skipped, err := Options{SkipBad: true}.ReadCOW(openReal(t, "cow/"+COWFile))
	if err != nil || len(skipped) != 0 || len(cs) != 217 {
		t.Fatalf("%s: %d states, %d bad, %v; want 217, 0, nil", COWFile, len(cs), len(skipped), err)
	}
}

func TestRealDataset(t *testing.T) {
	d, _ := loadReal(t)
	multi := 0
	inEffect := 0
	for _, a := range d.Alliances() {
		if a.MaxPhase > 0 {
			multi++
		}
		if a.InEffect {
			inEffect++
		}
	}
	if len(d.Alliances()) != 789 || len(d.Members()) != 2510 || len(d.States()) != 208 || multi != 47 || inEffect != 372 {
		t.Errorf("%d alliances (%d with phases, %d in effect), %d member rows, %d states; want 789 (47, 372), 2510, 208",
			len(d.Alliances()), multi, inEffect, len(d.Members()), len(d.States()))
	}
	// The Collective Security Treaty: phase 1 from 1992-05-15, phase 2
	// (the CSTO) from 2002-10-07; Uzbekistan (704) leaves phase 1 on
	// 1999-04-20 and is a member of phase 2 from 2006-08-17 to 2012-06-28.
	var spells []string
	for _, m := range d.Memberships(704) {
		if m.ATOPID == 4220 {
			spells = append(spells, m.Spell().String())
		}
	}
	if want := []string{"1992-05-15/1999-04-20", "2006-08-17/2012-06-28"}; !slices.Equal(spells, want) {
		t.Errorf("704 in 4220: %v, want %v", spells, want)
	}
	if ps := d.Phases(4220); len(ps) != 2 || ps[1].Begin.String() != "2002-10-07" || !ps[1].InEffect {
		t.Errorf("phases of 4220: %+v", ps)
	}
}

// TestRealStateYears checks state-years worked out by hand from the
// member rows (listed in the comments) and the rules of codebook 2.5.
func TestRealStateYears(t *testing.T) {
	d, _ := loadReal(t)
	rows := d.StateYears(FirstYear, LastYear)
	at := map[[2]int]StateYear{}
	for _, r := range rows {
		at[[2]int{r.State, r.Year}] = r
	}
	for _, c := range []struct {
		state, year int
		obs         string
		transyr     bool
		ids         []int
	}{
		// Russia (365) in 2000: 46 alliances. Neutrality from 4010, 4145,
		// …; no offense; new in 2000: 4940 (Feb 9), 4957 (Sep 13), 4958
		// (Sep 14), so TRANSYR. 4220 is in phase 1.
		{365, 2000, "D-NAC", true, []int{3740, 3765, 3775, 3835, 3880, 3890, 4010, 4055, 4115, 4145, 4170, 4220, 4230, 4235,
			4240, 4245, 4255, 4265, 4270, 4300, 4305, 4365, 4385, 4395, 4400, 4415, 4470, 4485, 4500, 4505, 4560, 4568, 4570,
			4605, 4635, 4675, 4810, 4865, 4875, 4885, 4890, 4896, 4897, 4940, 4957, 4958}},
		// The United States in 1960: 14 alliances. The 1951 security treaty
		// with Japan (3220) ends on 1960-01-19, the day its successor (3375)
		// is signed: two alliances, so both count and the year is a
		// transition year.
		{2, 1960, "D--AC", true, []int{3075, 3150, 3180, 3210, 3215, 3220, 3240, 3260, 3270, 3355, 3360, 3365, 3370, 3375}},
		// Uzbekistan in 2001: 25 alliances, not the CST (4220), which it
		// left on 1999-04-20; 4276, 4323 and 4335 ended in 1996–1998.
		// Joins phase 2 of 4810 on 2001-06-15 (it was not in phase 1): a
		// real entry, so TRANSYR.
		{704, 2001, "D-NAC", true, []int{3740, 4097, 4099, 4245, 4392, 4400, 4525, 4560, 4663, 4690, 4720, 4764, 4792, 4810,
			4823, 4825, 4857, 4859, 4860, 4864, 4895, 4898, 4905, 4910, 4951}},
		// Uzbekistan in 2007: back in 4220 (phase 2, from 2006-08-17);
		// 4998, 5020, 5045, 5070, 5075 added since 2002; 6020 (Aug 16) and
		// 6025 (Oct 18) new in 2007. 33 alliances.
		{704, 2007, "D-NAC", true, []int{3740, 4097, 4099, 4220, 4245, 4392, 4400, 4525, 4560, 4663, 4690, 4720, 4764, 4792,
			4810, 4823, 4825, 4857, 4859, 4860, 4864, 4895, 4898, 4905, 4910, 4951, 4998, 5020, 5045, 5070, 5075, 6020, 6025}},
		// Uzbekistan in 2008: the same 33, nothing begins or ends.
		{704, 2008, "D-NAC", false, []int{3740, 4097, 4099, 4220, 4245, 4392, 4400, 4525, 4560, 4663, 4690, 4720, 4764, 4792,
			4810, 4823, 4825, 4857, 4859, 4860, 4864, 4895, 4898, 4905, 4910, 4951, 4998, 5020, 5045, 5070, 5075, 6020, 6025}},
	} {
		r, ok := at[[2]int{c.state, c.year}]
		if !ok {
			t.Errorf("no state-year %d %d", c.state, c.year)
			continue
		}
		if obs(r.Obligations) != c.obs || r.TransYr != c.transyr || !slices.Equal(r.ATOPIDs, c.ids) || r.Number != len(c.ids) {
			t.Errorf("%d %d: %s transyr %v number %d %v\nwant %s transyr %v number %d %v",
				c.state, c.year, obs(r.Obligations), r.TransYr, r.Number, r.ATOPIDs, c.obs, c.transyr, len(c.ids), c.ids)
		}
	}
	// 4220 in the years around Uzbekistan's absence and return.
	for year, want := range map[int]bool{1998: true, 1999: true, 2000: false, 2005: false, 2006: true, 2012: true, 2013: false} {
		if got := slices.Contains(at[[2]int{704, year}].ATOPIDs, 4220); got != want {
			t.Errorf("704 in 4220 in %d: %v, want %v", year, got, want)
		}
	}
	// Russia continues in 4220 from phase 1 to phase 2 on 2002-10-07: no
	// transition on that account (others may set TRANSYR in 2002).
	if r := at[[2]int{365, 2002}]; !slices.Contains(r.ATOPIDs, 4220) {
		t.Errorf("365 2002 lacks 4220: %v", r.ATOPIDs)
	}
}

func TestRealDyadYears(t *testing.T) {
	d, _ := loadReal(t)
	rows := d.DyadYears(FirstYear, LastYear, false)
	at := map[[3]int]DyadYear{}
	for _, r := range rows {
		at[[3]int{r.StateA, r.StateB, r.Year}] = r
	}
	// The German Federal Republic (260) leaves its alliances on 1990-10-03,
	// the day united Germany (255) joins them: never allies; likewise
	// North and South Yemen with united Yemen on 1990-05-22.
	for _, k := range [][3]int{{255, 260, 1990}, {678, 679, 1990}, {679, 680, 1990}} {
		if r, ok := at[k]; ok {
			t.Errorf("unexpected dyad %v: %v", k, r.ATOPIDs)
		}
	}
	// The Czech Republic and Slovakia are each a phase of 3610 with
	// Romania, not allies through it.
	if r := at[[3]int{316, 317, 1993}]; slices.Contains(r.ATOPIDs, 3610) || !slices.Equal(r.ATOPIDs, []int{3740, 4370}) {
		t.Errorf("316-317 1993 share %v, want [3740 4370]", r.ATOPIDs)
	}
	// Annam (8152) appears in no dyad.
	for _, r := range rows {
		if r.StateA > 999 || r.StateB > 999 {
			t.Fatalf("dyad with %d-%d", r.StateA, r.StateB)
		}
	}
	// Russia and Uzbekistan share the CST in 1998 and 2007, not in 2001.
	for year, want := range map[int]bool{1998: true, 2001: false, 2007: true} {
		if got := slices.Contains(at[[3]int{365, 704, year}].ATOPIDs, 4220); got != want {
			t.Errorf("365-704 share 4220 in %d: %v, want %v", year, got, want)
		}
	}
	if dd := d.DyadYears(FirstYear, LastYear, true); len(dd) != 2*len(rows) {
		t.Errorf("%d directed dyad-years for %d dyad-years", len(dd), len(rows))
	}
}

// TestStateCodes: every COW code of the members file has a code; codes
// are unique but for the documented merge; ISO codes are codes CLDR knows
// as current regions, and name the state COW names (13 differences of
// naming, listed); COW-only codes are "COW-" + the COW abbreviation.
func TestStateCodes(t *testing.T) {
	d, cows := loadReal(t)
	cow := map[int]COWState{}
	for _, c := range cows {
		cow[c.CCode] = c
	}
	differentName := map[int]string{
		2: "United States", 52: "Trinidad & Tobago", 57: "St. Vincent & Grenadines", 60: "St. Kitts & Nevis",
		260: "Germany", 316: "Czechia", 346: "Bosnia & Herzegovina", 403: "São Tomé & Príncipe", 437: "Côte d’Ivoire",
		484: "Congo - Brazzaville", 490: "Congo - Kinshasa", 775: "Myanmar (Burma)", 860: "Timor-Leste",
	}
	byCode := map[string][]int{}
	for _, s := range d.States() {
		code, kind, ok := StateCode(s)
		if !ok {
			t.Errorf("COW %d has no code", s)
			continue
		}
		byCode[code] = append(byCode[code], s)
		c, inCOW := cow[s]
		switch kind {
		case ISO:
			if _, ok := isoRegion(code); !ok || len(code) != 3 || !isUpper(code) {
				t.Errorf("COW %d: %q is not a current ISO 3166-1 alpha-3 code", s, code)
			}
			name := Names(code, c).EN
			if want, ok := differentName[s]; ok {
				if name != want {
					t.Errorf("COW %d %s: English name %q, want %q", s, code, name, want)
				}
			} else if name != c.Name {
				t.Errorf("COW %d %s: English name %q, but COW calls it %q", s, code, name, c.Name)
			}
		case ISOFormer:
			if !slices.Contains([]string{"DDR", "CSK", "YUG", "YMD"}, code) {
				t.Errorf("COW %d: %q is not an ISO 3166-3 code of a former state", s, code)
			}
			if _, current := isoRegion(code); current {
				t.Errorf("COW %d: %q is a current ISO code", s, code)
			}
		case COWOnly:
			if !inCOW || code != "COW-"+c.Abb {
				t.Errorf("COW %d: %q, want COW-%s", s, code, c.Abb)
			}
		case ATOPOnly:
			if inCOW || code != "ATOP-8152" {
				t.Errorf("COW %d: %q is for a state COW does not list", s, code)
			}
		}
		if !inCOW && s != 8152 {
			t.Errorf("COW %d is not in %s", s, COWFile)
		}
	}
	for code, ccodes := range byCode {
		if len(ccodes) > 1 && !slices.Equal(ccodes, MergedCodes[code]) {
			t.Errorf("%s is the code of COW %v", code, ccodes)
		}
	}
	if len(byCode) != 207 {
		t.Errorf("%d codes for 208 states, want 207 (255 and 260 share DEU)", len(byCode))
	}
	// The table's extra entries (Papal States, Zanzibar) follow the same rule.
	for _, s := range []int{327, 511} {
		if code, kind, _ := StateCode(s); kind != COWOnly || code != "COW-"+cow[s].Abb {
			t.Errorf("COW %d: %q", s, code)
		}
	}
}

// TestNames: every state of the members file has a name in all three
// languages.
func TestNames(t *testing.T) {
	d, cows := loadReal(t)
	cow := map[int]COWState{}
	for _, c := range cows {
		cow[c.CCode] = c
	}
	used := map[string]bool{}
	for _, s := range d.States() {
		code, _, _ := StateCode(s)
		used[code] = true
		if err := Names(code, cow[s]).Check("name"); err != nil {
			t.Errorf("COW %d %s: %v", s, code, err)
		}
	}
	for code := range formerNames {
		if !used[code] && !slices.Contains([]string{"SUN", "COW-PAP", "COW-ZAN"}, code) {
			t.Errorf("formerNames has %s, which no member has", code)
		}
	}
	for _, c := range []struct {
		code string
		want csto.Text
	}{
		{"ARM", csto.Text{AR: "أرمينيا", EN: "Armenia", RU: "Армения"}},
		{"RUS", csto.Text{AR: "روسيا", EN: "Russia", RU: "Россия"}},
		{"UZB", csto.Text{AR: "أوزبكستان", EN: "Uzbekistan", RU: "Узбекистан"}},
		{"DDR", csto.Text{AR: "جمهورية ألمانيا الديمقراطية", EN: "German Democratic Republic", RU: "Германская Демократическая Республика"}},
		{"YMD", csto.Text{AR: "اليمن الجنوبي", EN: "South Yemen", RU: "Южный Йемен"}},
		{"COW-WRT", csto.Text{AR: "فورتمبيرغ", EN: "Württemberg", RU: "Вюртемберг"}},
	} {
		if got := Names(c.code, COWState{}); got != c.want {
			t.Errorf("Names(%s) = %+v, want %+v", c.code, got, c.want)
		}
	}
	// A code in neither source falls back to COW's English name only.
	if got := Names("XYZ", COWState{Name: "Nowhere"}); got != (csto.Text{EN: "Nowhere"}) {
		t.Errorf("Names(XYZ) = %+v", got)
	}
}
