package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
)

// /states/{code}: one state's whole record — its names, its status in
// every organization over time (a chart and the spells), the chairs and
// offices it held, the requests it made, the contingents it sent, and
// the events it took part in (the first stateEvents; the timeline pages
// the rest). Every state name on every page links here.

type stateData struct {
	registry.StateView
	Chart       *chart
	Aliases     []string
	Chairs      []registry.Chair
	Terms       []registry.TermView
	Requests    []registry.RequestView
	Contingents []stateContingent
	Exercises   int
	OtherNames  []langName
	List        []chartListRow // the chart as a list, for narrow screens
	// AllEvents is how many events the state takes part in when the page
	// shows only the first stateEvents of them (0 when it shows all).
	AllEvents int
}

// stateEvents is how many of a state's events its page lists; the
// timeline, filtered by the state, pages through the rest.
const stateEvents = 100

type langName struct {
	Lang csto.Lang
	Name string
}

type stateContingent struct {
	Operation, Name string
	registry.ContingentView
}

func (s *Server) state(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "")
	m := p.m
	code := r.PathValue("code")
	sv, err := m.State(code, registry.Page{Limit: stateEvents}, p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	if code != sv.State { // /states/kaz → /states/KAZ, the query kept
		u := "/states/" + sv.State
		if r.URL.RawQuery != "" {
			u += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, u, http.StatusMovedPermanently)
		return
	}
	d := stateData{StateView: sv}
	if sv.Next != 0 {
		// The page shows the first events; the timeline pages the rest.
		d.AllEvents, _ = m.TimelineCount(registry.TimelineFilter{State: sv.State})
	}
	for _, l := range csto.Langs {
		if l != p.Lang {
			d.OtherNames = append(d.OtherNames, langName{l, sv.Names.In(l)})
		}
	}
	switch p.Lang {
	case csto.Arabic:
		d.Aliases = sv.Aliases.AR
	case csto.Russian:
		d.Aliases = sv.Aliases.RU
	default:
		d.Aliases = sv.Aliases.EN
	}
	var series []chartSeries
	for _, mv := range sv.Memberships {
		short := ""
		if o := m.Orgs[mv.Org]; o != nil {
			short = o.Abbr.In(p.Lang)
		}
		series = append(series, chartSeries{Label: mv.Name, Short: short, Href: p.Href("/members?org=", mv.Org), Spells: m.Spells(sv.State, mv.Org)})
	}
	if len(series) > 0 {
		d.Chart = p.newChart(p.Tf("web.state.chart_title", sv.Name), series, firstYear(series, 1992), p.today)
		d.List = p.chartList(series)
	}
	for _, c := range m.Chairs {
		if c.State == sv.State {
			d.Chairs = append(d.Chairs, c)
		}
	}
	slices.SortStableFunc(d.Chairs, func(a, b registry.Chair) int { return compareDates(a.Start.String(), b.Start.String()) })
	for _, t := range m.Terms {
		if t.State == sv.State {
			d.Terms = append(d.Terms, registry.TermView{Office: t.Office, Person: t.Person.In(p.Lang), State: t.State, Acting: t.Acting, From: t.Start.String(), To: t.End.String()})
		}
	}
	slices.SortStableFunc(d.Terms, func(a, b registry.TermView) int { return compareDates(a.From, b.From) })
	for _, rq := range m.RequestList(p.Lang) {
		if rq.State == sv.State {
			d.Requests = append(d.Requests, rq)
		}
	}
	for _, op := range m.OperationList(p.Lang) {
		for _, c := range op.Contingents {
			if c.State == sv.State {
				d.Contingents = append(d.Contingents, stateContingent{Operation: op.ID, Name: op.Name, ContingentView: c})
			}
		}
	}
	d.Exercises = m.ExerciseCount(org, sv.State)
	p.Title = sv.Name
	p.offerState(d)
	p.Data = d
	s.render(w, http.StatusOK, "state", p)
}

// Spells lists a membership's spells without the "former" ones, which
// the page words as the end of the one before.
func (p *page) SpellsOf(mv registry.MembershipView) []registry.SpellView {
	var out []registry.SpellView
	for _, sp := range mv.Spells {
		if sp.Status != csto.Former {
			out = append(out, sp)
		}
	}
	return out
}

// Upper is strings.ToUpper, for codes in templates.
func (p *page) Upper(s string) string { return strings.ToUpper(s) }
