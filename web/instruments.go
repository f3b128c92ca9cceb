package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
)

// /instruments and /instruments/{id}: the treaties, the Charter, the
// protocols and agreements, with their articles in the page's language,
// the obligations each article makes, who signed and ratified, and what
// amended what.

type instrumentRow struct {
	ID, Kind, Name, Place, Adopted, InForce string
	Amends                                  []idName
	TermYears                               int
	Renewal                                 string
	Articles, Obliging                      int
	Org                                     string
}

type idName struct{ ID, Name string }

type instrumentData struct {
	instrumentRow
	About     string
	Sources   []registry.SourceRef
	Articles  []articleFacts
	AmendedBy []idName
	Acts      []actRow
}

type actRow struct {
	State, Type, Date string
}

func (p *page) instrumentRow(in *registry.Instrument) instrumentRow {
	row := instrumentRow{ID: in.ID, Kind: in.Kind, Name: in.Name.In(p.Lang), Place: in.Place.In(p.Lang), Adopted: in.Adopted.String(),
		InForce: in.InForce.String(), TermYears: in.TermYears, Renewal: in.Renewal.In(p.Lang), Articles: len(in.Articles), Org: in.Org}
	for _, a := range in.Amends {
		row.Amends = append(row.Amends, idName{a, p.instrumentName(a)})
	}
	for _, a := range in.Articles {
		if len(a.Provisions) > 0 {
			row.Obliging++
		}
	}
	return row
}

func (p *page) instrumentName(id string) string {
	if in := p.m.Instruments[id]; in != nil {
		return in.Name.In(p.Lang)
	}
	return id
}

// sortedInstruments lists the instruments by adoption date, the CSTO's
// first.
func (p *page) sortedInstruments() []*registry.Instrument {
	var out []*registry.Instrument
	for _, in := range p.m.Instruments {
		out = append(out, in)
	}
	slices.SortFunc(out, func(a, b *registry.Instrument) int {
		if c := compareDates(a.Adopted.String(), b.Adopted.String()); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func (s *Server) instruments(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "instruments")
	p.Title = p.T("org.instruments")
	var rows []instrumentRow
	for _, in := range p.sortedInstruments() {
		rows = append(rows, p.instrumentRow(in))
	}
	p.offerInstruments(rows)
	p.Data = rows
	s.render(w, http.StatusOK, "instruments", p)
}

func (s *Server) instrument(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "instruments")
	id := r.PathValue("id")
	in := p.m.Instruments[id]
	if in == nil {
		s.fail(w, p, csto.Errorf(csto.NotFound, "instrument", "unknown instrument %q", id))
		return
	}
	d := instrumentData{instrumentRow: p.instrumentRow(in), Articles: p.instrumentArticles(in)}
	e, ok, err := p.m.ViewAt(in.Seq, p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	if ok {
		d.About, d.Sources = e.Text, e.Sources
	}
	for _, o := range p.sortedInstruments() {
		if slices.Contains(o.Amends, in.ID) {
			d.AmendedBy = append(d.AmendedBy, idName{o.ID, o.Name.In(p.Lang)})
		}
	}
	for _, a := range p.m.Acts {
		if a.Instrument == in.ID {
			d.Acts = append(d.Acts, actRow{State: a.State, Type: a.Type, Date: a.Date.String()})
		}
	}
	slices.SortStableFunc(d.Acts, func(a, b actRow) int { return compareDates(a.Date, b.Date) })
	p.Title = d.Name
	p.offerInstrument(d)
	p.Data = d
	s.render(w, http.StatusOK, "instrument", p)
}
