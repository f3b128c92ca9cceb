package web_test

import (
	"encoding/csv"
	"html"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// TestEveryDownloadHoldsThePageRows: each CSV a data page offers holds
// as many rows as the page shows of that table — the table bodies (or
// list items) the table is drawn as; for the timeline, whose download
// holds every event its filters give, the rows of all its pages — in
// Arabic and English.
func TestEveryDownloadHoldsThePageRows(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	// bodies counts the rows of the page's i-th table bodies (none
	// given: all of them).
	bodies := func(i ...int) func(string) int {
		return func(page string) int {
			tbs := tbodyRE.FindAllStringSubmatch(page, -1)
			n := 0
			for k, tb := range tbs {
				if len(i) == 0 || contains(i, k) {
					n += strings.Count(tb[1], "<tr")
				}
			}
			return n
		}
	}
	items := func(re string) func(string) int {
		rx := regexp.MustCompile(re)
		return func(page string) int { return len(rx.FindAllString(page, -1)) }
	}
	nextRE := regexp.MustCompile(`<a href="([^"]*)" rel="next">`)
	// paged counts the rows count finds on the page and on every page
	// after it, following rel="next".
	paged := func(count func(string) int) func(string) int {
		return func(page string) int {
			n := 0
			for range 100 {
				n += count(page)
				m := nextRE.FindStringSubmatch(page)
				if m == nil {
					return n
				}
				_, page = get(t, srv.URL+html.UnescapeString(m[1]))
			}
			t.Fatal("more than 100 pages")
			return 0
		}
	}
	cases := []struct {
		path, table string
		rows        func(string) int
	}{
		{"/", "members", bodies(0)},
		{"/", "requests", bodies(1)},
		{"/members", "members", bodies(0)},
		{"/members?at=1995-06-01", "members", bodies(0)},
		{"/timeline", "events", paged(items(`<li id="e\d+">`))},
		{"/timeline?state=UZB", "events", paged(items(`<li id="e\d+">`))},
		{"/instruments", "instruments", bodies()},
		{"/instruments/cst", "parties", bodies(0)},
		{"/institutions", "bodies", bodies(0)},
		{"/institutions", "chairs", bodies(1)},
		{"/institutions", "officers", bodies(2, 3)},
		{"/institutions", "forces", bodies(4)},
		{"/institutions", "sessions", bodies(5)},
		{"/sessions/csc-2012-12-19", "positions", bodies()},
		{"/decisions/dec-csc-2022-11-23-armenia-assistance", "positions", bodies()},
		{"/operations", "requests", bodies(0)},
		{"/operations/op-kaz-2022", "contingents", bodies(0)},
		{"/exercises", "exercises", items(`<article class="article" id="`)},
		{"/states/UZB", "memberships", bodies()},
		{"/states/UZB", "events", items(`<li><span class="when">`)},
		{"/audit", "events", bodies()},
		{"/search?q=%D8%A7%D9%88%D8%B2%D8%A8%D9%83%D8%B3%D8%AA%D8%A7%D9%86", "results", items(`<li data-kind="`)},
	}
	for _, c := range cases {
		for _, lang := range []string{"ar", "en"} {
			t.Run(c.path+"/"+c.table+"/"+lang, func(t *testing.T) {
				_, body := get(t, srv.URL+c.path+sep(c.path)+"lang="+lang)
				var href string
				for _, l := range csvLinkRE.FindAllStringSubmatch(body, -1) {
					if l[2] == c.table {
						href = html.UnescapeString(l[1])
					}
				}
				if href == "" {
					t.Fatalf("the page offers no CSV of %s", c.table)
				}
				_, b := get(t, srv.URL+href)
				recs, err := csv.NewReader(strings.NewReader(b)).ReadAll()
				if err != nil {
					t.Fatalf("%s: %v", href, err)
				}
				if shown := c.rows(body); shown == 0 || len(recs)-1 != shown {
					t.Errorf("the page shows %d rows of %s, %s holds %d", shown, c.table, href, len(recs)-1)
				}
			})
		}
	}
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
