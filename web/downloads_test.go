package web_test

import (
	"encoding/csv"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"regexp"
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

// TestDownloadRowsArePageRows: a single-table page's CSV holds as many
// rows as the page's table, and an unknown table is refused naming it.
func TestDownloadRowsArePageRows(t *testing.T) {
	srv := server(t)
	for _, path := range []string{"/instruments", "/audit", "/decisions/dec-csc-2022-11-23-armenia-assistance", "/audit?before=40"} {
		t.Run(path, func(t *testing.T) {
			_, body := get(t, srv.URL+path+sep(path)+"lang=en")
			tb := tbodyRE.FindStringSubmatch(body)
			if tb == nil {
				t.Fatal("no table")
			}
			shown := strings.Count(tb[1], "<tr")
			_, b := get(t, srv.URL+path+sep(path)+"lang=en&format=csv")
			recs, err := csv.NewReader(strings.NewReader(b)).ReadAll()
			if err != nil || len(recs)-1 != shown || shown == 0 {
				t.Errorf("the page shows %d rows, the CSV holds %d (%v)", shown, len(recs)-1, err)
			}
		})
	}
	resp, body := get(t, srv.URL+"/institutions?lang=en&format=csv&table=nothing")
	if resp.StatusCode != 400 || !strings.Contains(body, "nothing") || !strings.Contains(body, "chairs") {
		t.Errorf("an unknown table: status %d", resp.StatusCode)
	}
	_, body = get(t, srv.URL+"/institutions?lang=en&format=csv&table=chairs")
	if !strings.HasPrefix(body, "year,chair,name,source,") || !strings.Contains(body, "\n2026,") {
		t.Errorf("the chairs table reads %.300q", body)
	}
}
