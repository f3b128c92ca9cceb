package dataset_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/csto/csto/registry"
)

// TestArticleOnlyFactsGotIndependentSources: four facts that rested on
// the Al Jazeera article alone (whose address is not found) now also cite
// a specific page, added by a correction, so they are no longer weakly
// sourced; the two left (Bordyuzha on Iran, 2007-05; the article's
// reading of GUAM) are still listed as weak, honestly.
func TestArticleOnlyFactsGotIndependentSources(t *testing.T) {
	m := loaded(t).Model()
	for id, src := range map[string]string{
		"event:2013-09-23-sochi-summit":        "kremlin-19271",                  // Putin's press statement, Sochi, 23 September 2013
		"event:2015-03-19-donbas-peacekeepers": "news2-447704-bordyuzha-donbas",  // Bordyuzha: peacekeepers if the UN decides
		"event:2007-10-06-dushanbe-summit":     "asiaplustj-2007-10-01-csto-sco", // the CSTO–SCO memorandum, Dushanbe
		"event:1999-2000-southern-kyrgyzstan":  "iwpr-batken-returns",            // Batken raided a second year running
	} {
		i := slices.IndexFunc(m.Entries, func(e registry.Entry) bool { return e.ID == id })
		if i < 0 {
			t.Errorf("%s is not in the timeline", id)
			continue
		}
		e := m.Entries[i]
		if !slices.Contains(e.Sources, src) || !slices.Contains(e.Sources, "aljazeera-2022-01-06") {
			t.Errorf("%s cites %v; want %s beside the article", id, e.Sources, src)
		}
		if s := m.Sources[src]; s == nil || !strings.HasPrefix(s.URL, "http") {
			t.Errorf("%s: source %s has no page", id, src)
		}
	}
	var weak []string
	for _, w := range m.CheckSources().Weak {
		weak = append(weak, w.ID)
	}
	slices.Sort(weak)
	if got := strings.Join(weak, " "); got != "event:2007-05-iran-proposal org.contrary:guam:csto" {
		t.Errorf("weakly sourced facts: %s", got)
	}
}
