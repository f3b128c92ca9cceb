package web_test

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// dataPages are the pages that show data from the record: each must offer
// its tables as CSV, itself as JSON, and a citation naming the log's tree.
var dataPages = []string{"/", "/members", "/obligations?target=ARM&aggressor=AZE&at=2022-09-13", "/timeline", "/instruments",
	"/instruments/cst", "/institutions", "/sessions/csc-2012-12-19", "/decisions/dec-csc-2022-11-23-armenia-assistance",
	"/operations", "/operations/op-kaz-2022", "/exercises", "/states/UZB", "/requests/req-kaz-2022-01-05", "/audit",
	"/search?q=%D8%A7%D9%88%D8%B2%D8%A8%D9%83%D8%B3%D8%AA%D8%A7%D9%86"}

var (
	csvLinkRE  = regexp.MustCompile(`<a href="([^"]*format=csv[^"]*)"[^>]*data-table="([^"]*)"`)
	jsonLinkRE = regexp.MustCompile(`<a href="([^"]*format=json[^"]*)"[^>]*id="dl-json"`)
	treeRE     = regexp.MustCompile(`<code class="hash" dir="ltr" id="cite-root">([^<]*)</code>`)
	tbodyRE    = regexp.MustCompile(`(?s)<tbody>(.*?)</tbody>`)
)

// TestDownloadsOnEveryDataPage: every data page, in Arabic and English,
// offers each of its tables as CSV and itself as JSON, and its citation
// names the tree size and root hash of the log it was answered from.
func TestDownloadsOnEveryDataPage(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	tree := e.reg.Model().Tree()
	for _, path := range dataPages {
		for _, lang := range []string{"ar", "en"} {
			t.Run(path+"/"+lang, func(t *testing.T) {
				resp, body := get(t, srv.URL+path+sep(path)+"lang="+lang)
				if resp.StatusCode != 200 {
					t.Fatalf("status %d", resp.StatusCode)
				}
				if m := treeRE.FindStringSubmatch(body); m == nil || html.UnescapeString(m[1]) != tree.Root.String() {
					t.Errorf("the citation's root is %v, the log's is %s", m, tree.Root)
				}
				if want := strconv.FormatInt(tree.Size, 10); !strings.Contains(body, want) {
					t.Errorf("the citation does not give the tree size %s", want)
				}
				for _, f := range []string{"BibTeX", "CSL-JSON", `id="cite-url"`} {
					if !strings.Contains(body, f) {
						t.Errorf("the citation lacks %s", f)
					}
				}
				links := csvLinkRE.FindAllStringSubmatch(body, -1)
				if len(links) == 0 {
					t.Fatal("no CSV download")
				}
				for _, l := range links {
					href := html.UnescapeString(l[1])
					if !strings.Contains(href, "lang="+lang) {
						t.Errorf("the CSV link %q does not carry the language", href)
					}
					resp, b := get(t, srv.URL+href)
					if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
						t.Errorf("%s: status %d, %s", href, resp.StatusCode, resp.Header.Get("Content-Type"))
						continue
					}
					recs, err := csv.NewReader(strings.NewReader(b)).ReadAll()
					if err != nil || len(recs) == 0 || len(recs[0]) < 2 {
						t.Errorf("%s: %v %q", href, err, b)
					}
					citedAs(t, href, resp.Header, tree.Size, tree.Root.String(), path, lang)
				}
				m := jsonLinkRE.FindStringSubmatch(body)
				if m == nil {
					t.Fatal("no JSON download")
				}
				resp, b := get(t, srv.URL+html.UnescapeString(m[1]))
				var v any
				if resp.StatusCode != 200 || json.Unmarshal([]byte(b), &v) != nil {
					t.Errorf("JSON: status %d, %.200s", resp.StatusCode, b)
				}
				citedAs(t, "JSON", resp.Header, tree.Size, tree.Root.String(), path, lang)
			})
		}
	}
}

// citedAs checks that a download's headers cite it as the page does:
// the log's tree size and root, and the page's address with its
// language (and without ?format=).
func citedAs(t *testing.T, what string, h http.Header, size int64, root, path, lang string) {
	t.Helper()
	if h.Get("Csto-Log-Tree-Size") != strconv.FormatInt(size, 10) || h.Get("Csto-Log-Root") != root {
		t.Errorf("%s: the file names tree %q %q, the log's is %d %s", what, h.Get("Csto-Log-Tree-Size"), h.Get("Csto-Log-Root"), size, root)
	}
	path, _, _ = strings.Cut(path, "?")
	link := h.Get("Link")
	u, ok := strings.CutSuffix(link, `>; rel="cite-as"`)
	if !ok || !strings.HasPrefix(u, "<http") || !strings.Contains(u, "lang="+lang) || strings.Contains(u, "format=") || !strings.Contains(u, path+"?") {
		t.Errorf("%s: Link %q, want the page's address (%s, lang=%s) as cite-as", what, link, path, lang)
	}
}

// TestDownloadTables: an unknown table is refused naming it and the
// tables there are; a named table is the one downloaded.
func TestDownloadTables(t *testing.T) {
	srv := server(t)
	resp, body := get(t, srv.URL+"/institutions?lang=en&format=csv&table=nothing")
	if resp.StatusCode != 400 || !strings.Contains(body, "nothing") || !strings.Contains(body, "chairs") {
		t.Errorf("an unknown table: status %d", resp.StatusCode)
	}
	_, body = get(t, srv.URL+"/institutions?lang=en&format=csv&table=chairs")
	if !strings.HasPrefix(body, "year,chair,name,source,") || !strings.Contains(body, "\n2026,") {
		t.Errorf("the chairs table reads %.300q", body)
	}
}

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
	bodies := func(i ...int) func(*testing.T, string) int {
		return func(_ *testing.T, page string) int {
			tbs := tbodyRE.FindAllStringSubmatch(page, -1)
			n := 0
			for k, tb := range tbs {
				if len(i) == 0 || slices.Contains(i, k) {
					n += strings.Count(tb[1], "<tr")
				}
			}
			return n
		}
	}
	items := func(re string) func(*testing.T, string) int {
		rx := regexp.MustCompile(re)
		return func(_ *testing.T, page string) int { return len(rx.FindAllString(page, -1)) }
	}
	nextRE := regexp.MustCompile(`<a href="([^"]*)" rel="next">`)
	// paged counts the rows count finds on the page and on every page
	// after it, following rel="next".
	paged := func(count func(*testing.T, string) int) func(*testing.T, string) int {
		return func(t *testing.T, page string) int {
			n := 0
			for range 100 {
				n += count(t, page)
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
		rows        func(*testing.T, string) int
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
		{"/audit?before=40", "events", bodies()},
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
				if shown := c.rows(t, body); shown == 0 || len(recs)-1 != shown {
					t.Errorf("the page shows %d rows of %s, %s holds %d", shown, c.table, href, len(recs)-1)
				}
			})
		}
	}
}
