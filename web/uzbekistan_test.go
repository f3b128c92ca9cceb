package web_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestUzbekistanShownAlike: the web shows Uzbekistan as the command line
// does (cmd/csto's TestUzbekistanShownAlike): the Council suspended its
// membership on 2012-12-19 (csto:suspend:uzb:2012, source tass-687141)
// and it has taken no part since. On the members list and the map, the
// overview, and the obligations page it is "suspended since 19 December
// 2012", and never among the allies an obligation binds.
func TestUzbekistanShownAlike(t *testing.T) {
	srv := server(t)
	row := regexp.MustCompile(`<tr data-state="UZB"><th scope="row"><a href="/states/UZB\?lang=en">Uzbekistan</a></th><td class="status"><span class="dot st-([a-z-]+)"[^>]*></span><span class="t">([^<]*)</span></td><td class="since">([^<]*)</td>`)
	mapPath := regexp.MustCompile(`data-state="UZB" class="country st-([a-z-]+)"`)
	bound := regexp.MustCompile(`(?s)<p class="headline">.*?</p>`)
	for _, at := range []string{"2013-01-01", "2019-06-01", "2026-11-28"} {
		_, body := get(t, srv.URL+"/members?lang=en&at="+at)
		if m := row.FindStringSubmatch(body); m == nil || m[1] != "suspended" || m[2] != "suspended" || m[3] != "19 December 2012" {
			t.Errorf("/members at %s: Uzbekistan's row %q; want suspended since 19 December 2012", at, m)
		}
		if m := mapPath.FindStringSubmatch(body); m == nil || m[1] != "suspended" {
			t.Errorf("/members at %s: Uzbekistan on the map %q; want suspended", at, m)
		}
		_, body = get(t, srv.URL+"/obligations?lang=en&target=KAZ&at="+at)
		if !strings.Contains(body, `<a href="/states/UZB?lang=en">Uzbekistan</a> (suspended, since 19 December 2012)`) {
			t.Errorf("/obligations at %s does not give Uzbekistan's standing as suspended since 19 December 2012", at)
		}
		heads := bound.FindAllString(body, -1)
		if len(heads) == 0 {
			t.Errorf("/obligations at %s: no obligation", at)
		}
		for _, h := range heads {
			if strings.Contains(h, "/states/UZB") {
				t.Errorf("/obligations at %s: Uzbekistan among the allies bound: %s", at, h)
			}
		}
	}
	_, body := get(t, srv.URL+"/?lang=en")
	if !strings.Contains(body, `<a href="/states/UZB?lang=en">Uzbekistan</a></th><td><span class="dot st-suspended" aria-hidden="true"></span>suspended</td><td>19 December 2012</td>`) {
		t.Error("the overview does not show Uzbekistan suspended since 19 December 2012")
	}
}
