package dataset_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/csto/csto/registry"
)

// TestArticleOnlyFactsGotIndependentSources: the six facts that rested on
// the Al Jazeera article alone (whose address is not found) now also cite
// a specific page, added by a correction, so none is weakly sourced.
func TestArticleOnlyFactsGotIndependentSources(t *testing.T) {
	m := loaded(t).Model()
	for id, src := range map[string]string{
		"event:2013-09-23-sochi-summit":        "kremlin-19271",                  // Putin's press statement, Sochi, 23 September 2013
		"event:2015-03-19-donbas-peacekeepers": "news2-447704-bordyuzha-donbas",  // Bordyuzha: peacekeepers if the UN decides
		"event:2007-10-06-dushanbe-summit":     "asiaplustj-2007-10-01-csto-sco", // the CSTO–SCO memorandum, Dushanbe
		"event:1999-2000-southern-kyrgyzstan":  "iwpr-batken-returns",            // Batken raided a second year running
		"event:2007-05-iran-proposal":          "iwpr-2007-05-iran-csto",         // Bordyuzha on Iran, 14 May 2007
	} {
		seq, ok, err := m.CommandSeq(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		_, e, isEntry, err := m.ReadEntry(seq)
		if err != nil {
			t.Fatal(err)
		}
		if !ok || !isEntry {
			t.Errorf("%s is not in the timeline", id)
			continue
		}
		if !slices.Contains(e.Sources, src) || !slices.Contains(e.Sources, "aljazeera-2022-01-06") {
			t.Errorf("%s cites %v; want %s beside the article", id, e.Sources, src)
		}
		if s := m.Sources[src]; s == nil || !strings.HasPrefix(s.URL, "http") {
			t.Errorf("%s: source %s has no page", id, src)
		}
	}
	iran, _, _ := m.CommandSeq(context.Background(), "event:2007-05-iran-proposal")
	if e, _, ok, err := m.ReadEntry(iran); err != nil || !ok || e.Date().String() != "2007-05-14" {
		t.Errorf("Bordyuzha's statement on Iran is not dated 14 May 2007 as IWPR dates it")
	}
	i := slices.IndexFunc(m.Contrary, func(c registry.Contrary) bool { return c.Org == "guam" && c.Of == "csto" })
	if i < 0 {
		t.Fatal("GUAM is no longer read as contrary to the CSTO")
	}
	for _, src := range []string{"aljazeera-2022-01-06", "jamestown-edm-2005-guam-summit", "eurasianet-2017-guam-comeback"} {
		if !slices.Contains(m.Contrary[i].Sources, src) {
			t.Errorf("GUAM's reading cites %v; want %s", m.Contrary[i].Sources, src)
		}
	}
	var weak []string
	sc, err := m.CheckSources()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range sc.Weak {
		weak = append(weak, w.ID)
	}
	if len(weak) > 0 {
		t.Errorf("weakly sourced facts: %s", strings.Join(weak, " "))
	}
}
