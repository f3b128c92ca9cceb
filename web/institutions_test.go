package web_test

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

var chairRowRE = regexp.MustCompile(`<tr(?: aria-current="date")?><th scope="row">(\d{4})</th><td><a href="/states/([A-Z]{3})\?lang=en">`)

// TestChairsPageShowsEveryChairOfAYear: /institutions lists, year by
// year, every chair the record holds for the year — as `csto chair --all`
// does — so Armenia's chairmanship of 5 September 2008 to 14 June 2009,
// which neither began nor covered a whole calendar year, shows (the
// record's chair:csc:2008, sources liquisearch-csto and
// armenianclub-2009-06-15).
func TestChairsPageShowsEveryChairOfAYear(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	m := e.reg.Model()
	_, body := get(t, srv.URL+"/institutions?lang=en")
	got := map[int][]string{}
	for _, r := range chairRowRE.FindAllStringSubmatch(body, -1) {
		var y int
		fmt.Sscan(r[1], &y)
		got[y] = append(got[y], r[2])
	}
	first, err := m.FirstChairYear("csto")
	if err != nil {
		t.Fatal(err)
	}
	for y := first; y <= today.Year()+1; y++ {
		cs, err := m.ChairsInYear("csto", y)
		if err != nil {
			continue
		}
		var want []string
		for _, c := range cs {
			want = append(want, c.Chair)
		}
		if strings.Join(got[y], ",") != strings.Join(want, ",") {
			t.Errorf("%d: the page shows chairs %v; the record holds %v", y, got[y], want)
		}
	}
	if g := strings.Join(got[2008], ","); g != "KGZ,ARM" {
		t.Errorf("2008: chairs %s; want Kyrgyzstan then Armenia", g)
	}
	if g := strings.Join(got[2009], ","); g != "ARM,RUS" {
		t.Errorf("2009: chairs %s; want Armenia then Russia", g)
	}
	if !strings.Contains(body, `<a href="/states/ARM?lang=en">Armenia</a></td>
<td>recorded</td><td>5 September 2008 – 14 June 2009</td>`) {
		t.Error("the page does not show Armenia's chairmanship of 5 September 2008 – 14 June 2009")
	}
}
