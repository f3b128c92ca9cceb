package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/csto/csto"
)

// TestLang: ?lang= first, then the cookie, then Accept-Language through
// the matcher (regional and weighted tags), then English.
func TestLang(t *testing.T) {
	for _, tc := range []struct {
		query, cookie, accept string
		want                  csto.Lang
	}{
		{"", "", "", csto.English},
		{"", "", "ar-EG", csto.Arabic},
		{"", "", "ar-EG,ar;q=0.9,en;q=0.8", csto.Arabic},
		{"", "", "ru-RU", csto.Russian},
		{"", "", "fr-FR, ru;q=0.5", csto.Russian},   // a language csto lacks is passed over
		{"", "", "en;q=0.2, ar;q=0.9", csto.Arabic}, // by weight, not by order
		{"", "", "de, fr", csto.English},            // nothing matches
		{"", "", ";;;=garbage", csto.English},       // unreadable
		{"ru", "", "ar-EG", csto.Russian},           // ?lang= overrides Accept-Language
		{"ru", "ar", "ar-EG", csto.Russian},         // and the cookie
		{"", "ar", "ru-RU", csto.Arabic},            // the cookie overrides Accept-Language
		{"xx", "", "ru", csto.Russian},              // an unknown ?lang= is ignored
		{"", "zz", "ar", csto.Arabic},               // and an unknown cookie
	} {
		r := httptest.NewRequest("GET", "/members?lang="+tc.query, nil)
		if tc.accept != "" {
			r.Header.Set("Accept-Language", tc.accept)
		}
		if tc.cookie != "" {
			r.AddCookie(&http.Cookie{Name: LangCookie, Value: tc.cookie})
		}
		if got := Lang(r); got != tc.want {
			t.Errorf("lang=%q cookie=%q Accept-Language=%q: %s, want %s", tc.query, tc.cookie, tc.accept, got, tc.want)
		}
	}
}
