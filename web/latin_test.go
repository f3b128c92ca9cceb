package web_test

import (
	"html"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/csto/csto/i18n/latin"
	"github.com/csto/csto/registry"
)

// TestNoLatinOnPages renders every page of the site in Arabic and Russian
// — every data page, every record's own page, each page of the timeline
// and the audit, the sign-in page, and the pages and forms a signed-in
// Secretariat sees — strips the markup and fails on any Latin word in
// the visible text (text, and the title, aria-label, placeholder and alt
// a reader sees or hears) that is not a code: an ISO 3166 code, an
// identifier of the record or a token of the reviewed list
// i18n/latin/allowed.txt. A source's title, a link to it and a quoted
// article stand in their own language (marked with its lang).
func TestNoLatinOnPages(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	m := e.reg.Model()
	check, err := latin.ForRecord(m)
	if err != nil {
		t.Fatal(err)
	}
	paths := sitePaths(m)
	sec := newClient(t, srv)
	sec.signIn("secretariat")
	pages := 0
	for _, lang := range []string{"ar", "ru"} {
		anon := newClient(t, srv)
		for _, who := range []struct {
			name string
			c    *client
			only []string // nil: every path
		}{{"reader", anon, nil}, {"secretariat", sec, append([]string{"/account", "/imports"}, signedInPaths...)}} {
			todo := paths
			if who.only != nil {
				todo = who.only
			}
			seen := map[string]bool{}
			for len(todo) > 0 {
				path := todo[0]
				todo = todo[1:]
				u := path + sep(path) + "lang=" + lang
				if seen[u] {
					continue
				}
				seen[u] = true
				resp, body := who.c.get(u)
				if resp.StatusCode != 200 {
					t.Errorf("%s %s: status %d", who.name, u, resp.StatusCode)
					continue
				}
				pages++
				for _, line := range visibleText(body) {
					if bad := check.Words(line); len(bad) > 0 {
						t.Errorf("%s %s: Latin text %q in %q", who.name, u, bad, line)
					}
				}
				if !strings.Contains(body, `<html lang="`+lang+`"`) {
					t.Errorf("%s %s is not in %s", who.name, u, lang)
				}
				// The timeline's and the audit's further pages.
				if next := nextRE.FindStringSubmatch(body); next != nil && who.only == nil {
					todo = append(todo, html.UnescapeString(next[1]))
				}
			}
		}
	}
	if want := 2 * len(paths); pages < want {
		t.Errorf("%d pages checked; want at least %d", pages, want)
	}
	t.Logf("%d pages checked in Arabic and Russian", pages)
}

// signedInPaths are the pages whose forms a signed-in Secretariat sees.
var signedInPaths = []string{"/", "/members", "/operations", "/operations/op-kaz-2022", "/sessions/csc-2012-12-19",
	"/decisions/dec-csc-2022-11-23-armenia-assistance", "/requests/req-kaz-2022-01-05", "/states/ARM", "/institutions"}

var nextRE = regexp.MustCompile(`<a href="([^"]*)" rel="next"`)

// sitePaths are every page of the site: the data pages, and each record's
// own page (instrument, session, decision, operation, state, request).
func sitePaths(m *registry.Model) []string {
	paths := append([]string{"/signin", "/obligations?target=KAZ&at=2022-01-05", "/obligations?target=TJK&aggressor=AFG&at=2021-07-07",
		"/obligations?target=ARM&aggressor=AZE&at=2016-04-02",
		// A search in Arabic (a Latin query is echoed as the reader typed it).
		"/search?q=%D8%B7%D8%B4%D9%82%D9%86%D8%AF", "/search?q=%D9%83%D8%A7%D8%B2%D8%A7%D8%AE%D8%B3%D8%AA%D8%A7%D9%86"}, dataPages...)
	add := func(prefix string, keys func(func(string) bool)) {
		var ks []string
		for k := range keys {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		for _, k := range ks {
			paths = append(paths, prefix+k)
		}
	}
	add("/instruments/", mapKeys(m.Instruments))
	add("/sessions/", mapKeys(m.Sessions))
	add("/decisions/", mapKeys(m.Decisions))
	add("/operations/", mapKeys(m.Operations))
	add("/states/", mapKeys(m.States))
	add("/requests/", mapKeys(m.Requests))
	return paths
}

var (
	// Not text: scripts, styles, comments; and what the page marks as
	// code — identifiers, hashes, command types (<code>), citations in
	// BibTeX and CSL-JSON (<pre>).
	hiddenRE = regexp.MustCompile(`(?is)<(script|style|template)\b[^>]*>.*?</(?:script|style|template)>|<!--.*?-->|<code\b[^>]*>[^<]*</code>|<pre\b[^>]*>.*?</pre>`)
	// Text a source gives in its own language: a source's title (a link
	// to it, or a cite), a quoted article.
	quotedRE = regexp.MustCompile(`(?is)<(a|cite|blockquote|label|span)\b[^>]*\slang="[a-z-]+"[^>]*>.*?</(?:a|cite|blockquote|label|span)>`)
	attrRE   = regexp.MustCompile(`\s(?:title|aria-label|placeholder|alt)="([^"]*)"`)
	timeRE   = regexp.MustCompile(`\b\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?`) // RFC 3339
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
	blockRE  = regexp.MustCompile(`(?i)<(?:/?(?:p|div|li|tr|td|th|h[1-6]|br|option|label|dt|dd|caption|section|article|nav|header|footer|text|title|button|legend|summary|figcaption|pre|code)\b)`)
)

// visibleText is what a reader of the page sees or hears, a line per
// block.
func visibleText(body string) []string {
	body = hiddenRE.ReplaceAllString(body, " ")
	body = quotedRE.ReplaceAllString(body, " ")
	var lines []string
	for _, a := range attrRE.FindAllStringSubmatch(body, -1) {
		lines = append(lines, html.UnescapeString(a[1]))
	}
	body = blockRE.ReplaceAllStringFunc(body, func(s string) string { return "\n" + s })
	for _, l := range strings.Split(tagRE.ReplaceAllString(body, " "), "\n") {
		if l = strings.Join(strings.Fields(timeRE.ReplaceAllString(html.UnescapeString(l), " ")), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
