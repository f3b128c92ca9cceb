package rules

import (
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// ArticleInForce is an article of an instrument as it stands on a date:
// in its original wording, or in the wording an amending instrument in
// force by then gave it.
type ArticleInForce struct {
	Instrument string       // the instrument the article belongs to ("cst")
	AmendedBy  string       // the amending instrument whose wording is in force, or ""
	Cite       string       // "CST Art. 4"
	Article    csto.Article // the wording in force
}

// Provision is a provision an article in force makes.
type Provision struct {
	csto.Provision
	Instrument string // the instrument whose article makes it
	Cite       string // the article: "CST Art. 4"
	AmendedBy  string // the amending instrument whose wording is in force, or ""
}

// Has reports whether the provision carries the condition code.
func (p Provision) Has(code string) bool { return slices.Contains(p.Codes, code) }

// citeNames are the short names articles are cited by.
var citeNames = map[string]string{"cst": "CST", "charter": "Charter"}

// Cite returns how an article of an instrument is cited: "CST Art. 4".
func Cite(instrument, num string) string {
	name, ok := citeNames[instrument]
	if !ok {
		name = instrument
	}
	return name + " Art. " + num
}

// inForceBy reports whether an instrument is in force on the first day of
// at: csto reads an article's wording as of that day.
func inForceBy(in *registry.Instrument, at edtf.Date) bool {
	return !in.InForce.IsZero() && in.InForce.Earliest() <= at.Earliest()
}

// ArticlesInForce returns the articles of org's instruments in force on
// the first day of at, in the wording in force that day: an instrument's
// own articles, each replaced by the article of the same number of the
// latest amending instrument in force by then. Amending instruments give
// no articles of their own. Instruments come in order of adoption,
// articles in their order in the instrument.
func ArticlesInForce(m *registry.Model, org string, at edtf.Date) []ArticleInForce {
	var base, amending []*registry.Instrument
	for _, in := range m.Instruments {
		if in.Org != org || !inForceBy(in, at) {
			continue
		}
		if len(in.Amends) > 0 {
			amending = append(amending, in)
		} else {
			base = append(base, in)
		}
	}
	byAdoption := func(a, b *registry.Instrument) int {
		if c := edtf.Compare(a.Adopted, b.Adopted); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	}
	slices.SortFunc(base, byAdoption)
	slices.SortFunc(amending, func(a, b *registry.Instrument) int {
		if c := edtf.Compare(a.InForce, b.InForce); c != 0 {
			return c
		}
		return byAdoption(a, b)
	})
	n := 0
	for _, in := range base {
		n += len(in.Articles)
	}
	out := make([]ArticleInForce, 0, n)
	for _, in := range base {
		for _, a := range in.Articles {
			ar := ArticleInForce{Instrument: in.ID, Cite: Cite(in.ID, a.Num), Article: a}
			for _, am := range amending {
				if !slices.Contains(am.Amends, in.ID) {
					continue
				}
				if i := slices.IndexFunc(am.Articles, func(x csto.Article) bool { return x.Num == a.Num }); i >= 0 {
					ar.Article, ar.AmendedBy = am.Articles[i], am.ID
				}
			}
			out = append(out, ar)
		}
	}
	return out
}

// ProvisionsInForce returns the provisions of org's articles in force on
// the first day of at, in article order.
func ProvisionsInForce(m *registry.Model, org string, at edtf.Date) []Provision {
	arts := ArticlesInForce(m, org, at)
	n := 0
	for _, a := range arts {
		n += len(a.Article.Provisions)
	}
	out := make([]Provision, 0, n)
	for _, a := range arts {
		for _, p := range a.Article.Provisions {
			out = append(out, Provision{Provision: p, Instrument: a.Instrument, Cite: a.Cite, AmendedBy: a.AmendedBy})
		}
	}
	return out
}

// provisionChanges returns the days within [lo, hi) on which org's
// provisions may change: entries into force of its instruments.
func provisionChanges(m *registry.Model, org string, lo, hi edtf.Day) []edtf.Day {
	var out []edtf.Day
	for _, in := range m.Instruments {
		if in.Org == org && !in.InForce.IsZero() {
			if d := in.InForce.Earliest(); d > lo && d < hi {
				out = append(out, d)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// provisionKindsOver returns the kinds of provision org's instruments
// make at any time within [lo, hi).
func provisionKindsOver(m *registry.Model, org string, lo, hi edtf.Day) map[string]bool {
	kinds := map[string]bool{}
	for _, d := range append([]edtf.Day{lo}, provisionChanges(m, org, lo, hi)...) {
		for _, p := range ProvisionsInForce(m, org, edtf.FromDay(d)) {
			kinds[p.Kind] = true
		}
	}
	return kinds
}
