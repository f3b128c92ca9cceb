package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/csto/csto"
)

// withLang is the same-site address u with lang=l set: u's other query
// parameters (?at=, filters) and its fragment are kept. It is the one
// place an in-page link gets the page's language (issue #14, item 3:
// page URLs carry the language). Addresses that are not same-site paths
// (external, fragment-only, assets) are returned unchanged.
func withLang(l csto.Lang, u string) string {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") || strings.HasPrefix(u, "/assets/") {
		return u
	}
	frag := ""
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u, frag = u[:i], u[i:]
	}
	path, query, _ := strings.Cut(u, "?")
	q, _ := url.ParseQuery(query) // the pairs that parse, as Request.URL.Query keeps them
	q.Set("lang", string(l))
	return path + "?" + q.Encode() + frag
}

// Href joins its parts into a same-site address and adds the page's
// language: {{$.Href "/states/" .Code}}.
func (p *page) Href(parts ...any) string {
	var b strings.Builder
	for _, x := range parts {
		fmt.Fprint(&b, x)
	}
	return withLang(p.Lang, b.String())
}

// seeOther sends the browser on to the same-site address loc (303), in
// the page's language: after a form, a sign-in or a sign-out.
func (p *page) seeOther(w http.ResponseWriter, loc string) {
	http.Redirect(w, p.r, withLang(p.Lang, loc), http.StatusSeeOther)
}
