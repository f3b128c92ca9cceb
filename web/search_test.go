package web_test

import (
	"encoding/csv"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

var resultRE = regexp.MustCompile(`<li data-kind="([^"]*)" data-ref="([^"]*)">(?:<a href="([^"]*)")?`)

type result struct{ kind, ref, href string }

// results reads the results a search page lists, in its order.
func results(body string) []result {
	var out []result
	for _, m := range resultRE.FindAllStringSubmatch(body, -1) {
		out = append(out, result{m[1], m[2], strings.ReplaceAll(m[3], "&amp;", "&")})
	}
	return out
}

func searchURL(base, q, lang string) string {
	return base + "/search?" + url.Values{"q": {q}, "lang": {lang}}.Encode()
}

// TestSearchPage: the record's states are found by any spelling a reader
// types — Arabic with or without hamza, Russian in any case — in every
// language, the state first, grouped by kind, each linking its page in
// the page's language; the download holds the rows the page lists.
func TestSearchPage(t *testing.T) {
	srv := server(t)
	var first []result
	for _, c := range []struct{ q, lang string }{
		{"أوزبكستان", "ar"}, {"اوزبكستان", "ar"}, {"اوزبكستان", "en"}, {"Uzbekistan", "en"}, {"Узбекистана", "ru"},
	} {
		t.Run(c.q+"/"+c.lang, func(t *testing.T) {
			resp, body := get(t, searchURL(srv.URL, c.q, c.lang))
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			rs := results(body)
			if len(rs) == 0 || rs[0] != (result{"state", "UZB", "/states/UZB?lang=" + c.lang}) {
				t.Fatalf("the first result is %v", rs)
			}
			// Grouped: a kind's results are together.
			var kinds []string
			for _, r := range rs {
				if n := len(kinds); n == 0 || kinds[n-1] != r.kind {
					if slices.Contains(kinds, r.kind) {
						t.Errorf("the %s results are not together: %v", r.kind, rs)
					}
					kinds = append(kinds, r.kind)
				}
			}
			if !strings.Contains(body, `value="`+c.q+`"`) {
				t.Error("the box does not keep the query")
			}
			if c.lang == "ar" {
				// The same record, whichever hamza the reader types.
				if first == nil {
					first = rs
				} else if !slices.Equal(first, rs) {
					t.Errorf("with and without hamza the results differ:\n%v\n%v", first, rs)
				}
			}
			// The download lists what the page lists.
			_, b := get(t, searchURL(srv.URL, c.q, c.lang)+"&format=csv")
			recs, err := csv.NewReader(strings.NewReader(b)).ReadAll()
			if err != nil || len(recs) != len(rs)+1 || recs[0][1] != "kind" || recs[1][2] != "UZB" {
				t.Errorf("the CSV holds %d rows for %d results (%v)", len(recs)-1, len(rs), err)
			}
		})
	}
	// Results of other kinds link their own pages.
	_, body := get(t, searchURL(srv.URL, "Rubezh 2004", "en"))
	rs := results(body)
	if !slices.ContainsFunc(rs, func(r result) bool {
		return r.kind == "exercise" && strings.HasPrefix(r.href, "/exercises?lang=en&year=2004#")
	}) {
		t.Errorf("Rubezh 2004: %v", rs)
	}
	for _, r := range rs {
		if r.href != "" && !strings.HasPrefix(r.href, "http") {
			if resp, _ := get(t, srv.URL+r.href); resp.StatusCode != 200 {
				t.Errorf("%s links %s: status %d", r.ref, r.href, resp.StatusCode)
			}
		}
	}
}

// TestSearchPageMistakes: an empty box shows the form; a query with no
// word, or too long, is refused in the page's language with the box kept.
func TestSearchPageMistakes(t *testing.T) {
	srv := server(t)
	resp, body := get(t, srv.URL+"/search?lang=ar")
	if resp.StatusCode != 200 || !strings.Contains(body, `id="search-q"`) || strings.Contains(body, `id="search-count"`) {
		t.Errorf("the empty search page: status %d", resp.StatusCode)
	}
	for _, c := range []struct{ q, lang, want string }{
		{"!!!", "ar", "لا يحوي نص البحث كلمة"},
		{"!!!", "en", "the query has no word"},
		{strings.Repeat("كازاخستان ", 60), "ar", "أطول من 512"},
		{strings.Repeat("kazakhstan ", 60), "ru", "длиннее 512"},
	} {
		resp, body := get(t, searchURL(srv.URL, c.q, c.lang))
		if resp.StatusCode != 400 || !strings.Contains(body, c.want) || !strings.Contains(body, `id="search-q"`) {
			t.Errorf("%.20s/%s: status %d, want 400 saying %q", c.q, c.lang, resp.StatusCode, c.want)
		}
	}
}

// TestSearchBoxOnEveryPage: every page's header holds the search box, in
// the page's language.
func TestSearchBoxOnEveryPage(t *testing.T) {
	srv := server(t)
	for _, pg := range pages {
		for _, lang := range []string{"ar", "en", "ru"} {
			_, body := get(t, srv.URL+pg.path+sep(pg.path)+"lang="+lang)
			if !strings.Contains(body, `<form class="site-search" role="search" method="get" action="/search" id="site-search"><input type="hidden" name="lang" value="`+lang+`">`) {
				t.Errorf("%s in %s has no search box", pg.path, lang)
			}
		}
	}
}

// TestBrowserSearch: a reader types أوزبكستان without its hamza into the
// header's box, in Arabic and in English, and reaches Uzbekistan's page.
func TestBrowserSearch(t *testing.T) {
	srv := server(t)
	ctx := browser(t)
	for _, c := range []struct{ lang, q, h1 string }{{"ar", "اوزبكستان", "أوزبكستان"}, {"en", "اوزبكستان", "Uzbekistan"}} {
		t.Run(c.lang, func(t *testing.T) {
			tb := newTab(t, ctx)
			tb.open(t, srv.URL+"/timeline?lang="+c.lang)
			tb.typeIn(t, "#site-q", c.q)
			if st := tb.submit(t, "#site-search"); st != 200 {
				t.Fatalf("status %d", st)
			}
			if got := tb.path(t); got != "/search" {
				t.Fatalf("the box leads to %s", got)
			}
			if got := eval[string](t, tb, `document.documentElement.lang`); got != c.lang {
				t.Errorf("the results are in %q", got)
			}
			first := eval[string](t, tb, `(() => { const a = document.querySelector("section.search-group ol.results a"); return a ? a.getAttribute("href") : "" })()`)
			if first != "/states/UZB?lang="+c.lang {
				t.Fatalf("the first result links %q", first)
			}
			if got := eval[string](t, tb, `document.querySelector("section.search-group").dataset.kind`); got != "state" {
				t.Errorf("the first group is %q", got)
			}
			if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("section.search-group ol.results a"))); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tb.ctx, chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
				t.Fatal(err)
			}
			if got := tb.text(t, "h1"); !strings.Contains(got, c.h1) {
				t.Errorf("the result opens %q", got)
			}
			tb.noErrors(t)
		})
	}
}

// TestBrowserAddressCarriesLanguage: a page reached by a link (a state's
// name in a table) is asked with the page's language and shows it in the
// address, and the address opens in that language in a browser that
// never chose one.
func TestBrowserAddressCarriesLanguage(t *testing.T) {
	srv := server(t)
	ctx := browser(t)
	for _, lang := range []string{"ar", "en"} {
		t.Run(lang, func(t *testing.T) {
			tb := newTab(t, ctx, chromedp.WithNewBrowserContext())
			tb.open(t, srv.URL+"/operations?lang="+lang)
			resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(`table tbody a[href^="/states/KAZ?"]`)))
			if err != nil {
				t.Fatal(err)
			}
			// The server's link names the language, before any script runs.
			if !strings.Contains(resp.URL, "lang="+lang) {
				t.Errorf("the link led to %s, without the page's language", resp.URL)
			}
			if err := chromedp.Do(tb.ctx, chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tb.ctx, chromedp.Poll[chromedp.Void](`location.search.includes("lang=`+lang+`")`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
				t.Fatalf("the address after the link is %q", eval[string](t, tb, `location.href`))
			}
			shared := eval[string](t, tb, `location.href`)
			other := newTab(t, ctx, chromedp.WithNewBrowserContext()) // no cookie, no choice made
			other.open(t, shared)
			if got := eval[string](t, other, `document.documentElement.lang`); got != lang {
				t.Errorf("the shared address %s opens in %q", shared, got)
			}
			tb.noErrors(t)
			other.noErrors(t)
		})
	}
}
