package web

import (
	"testing"

	"github.com/csto/csto"
)

func TestWithLang(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"/states/KAZ", "/states/KAZ?lang=ar"},
		{"/members?at=2008-01-01&org=csto", "/members?at=2008-01-01&lang=ar&org=csto"},
		{"/operations#reqs", "/operations?lang=ar#reqs"},
		{"/timeline?lang=en&kind=crisis", "/timeline?kind=crisis&lang=ar"},
		{"#main", "#main"},
		{"https://example.org/x", "https://example.org/x"},
		{"/assets/style.css?v=1", "/assets/style.css?v=1"},
	} {
		if got := withLang(csto.Arabic, c.in); got != c.want {
			t.Errorf("withLang(ar, %q) = %q; want %q", c.in, got, c.want)
		}
	}
}
