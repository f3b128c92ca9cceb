package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
)

// /institutions: the bodies and their decision rules, the Council's chair
// year by year (the recorded chair beside the one the rotation expects,
// deviations marked), every Secretary-General and Chief of the Joint
// Staff, the forces, and the sessions with their attendance, documents
// and decisions. /sessions/{id} and /decisions/{id} tell one each: the
// positions and the outcome computed from the body's rule.

type institutionsData struct {
	Bodies   []bodyRow
	Chairs   []registry.ChairYear
	Offices  []officeTerms
	Forces   []registry.ForceView
	Sessions []registry.SessionView
	ThisYear int
}

type bodyRow struct {
	registry.BodyView
	Composition, About string
	Rotation           *csto.Rotation
	NotInterested      string
}

type officeTerms struct {
	Office string
	Terms  []registry.TermView
}

func (s *Server) institutions(w http.ResponseWriter, r *http.Request) {
	s.institutionsPage(w, s.newPage(w, r, ""), http.StatusOK)
}

func (s *Server) institutionsPage(w http.ResponseWriter, p *page, status int) {
	p.Nav = "institutions"
	p.Title = p.T("web.nav.institutions")
	m := p.m
	ov, err := m.Org(org, p.today, p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	d := institutionsData{Forces: ov.Forces, ThisYear: yearOf(p.today)}
	for _, b := range ov.Bodies {
		row := bodyRow{BodyView: b}
		if body := m.Bodies[b.ID]; body != nil {
			row.Composition, row.Rotation, row.NotInterested = body.Composition.In(p.Lang), body.Rotation, body.NotInterestedSince.String()
		}
		d.Bodies = append(d.Bodies, row)
	}
	// Chairs from the first on record to next year, every chair of each
	// year (a term that began and ended within a year, Armenia's of
	// 2008-09-05 → 2009-06-14, too, as `csto chair --all` shows it); a
	// year the record and the rule are both silent on is left out.
	if first, err := m.FirstChairYear(org); err == nil {
		for y := first; y <= d.ThisYear+1; y++ {
			cs, err := m.ChairsInYear(org, y)
			if err != nil {
				if csto.ErrorKind(err) == csto.NotFound {
					continue
				}
				s.fail(w, p, err)
				return
			}
			d.Chairs = append(d.Chairs, cs...)
		}
	}
	// Every term in every office, by office then start.
	terms := slices.Clone(m.Terms)
	slices.SortStableFunc(terms, func(a, b registry.Term) int {
		if c := strings.Compare(officeOrder(a.Office), officeOrder(b.Office)); c != 0 {
			return c
		}
		return compareDates(a.Start.String(), b.Start.String())
	})
	for _, t := range terms {
		if t.Org != org {
			continue
		}
		if n := len(d.Offices); n == 0 || d.Offices[n-1].Office != t.Office {
			d.Offices = append(d.Offices, officeTerms{Office: t.Office})
		}
		d.Offices[len(d.Offices)-1].Terms = append(d.Offices[len(d.Offices)-1].Terms, registry.TermView{Office: t.Office,
			Person: t.Person.In(p.Lang), State: t.State, Acting: t.Acting, From: t.Start.String(), To: t.End.String()})
	}
	if d.Sessions, err = m.SessionList(org, 0, p.Lang); err != nil {
		s.fail(w, p, err)
		return
	}
	slices.Reverse(d.Sessions) // the latest first
	p.offerInstitutions(d)
	p.Data = d
	s.render(w, status, "institutions", p)
}

// officeOrder puts the Secretary-General first.
func officeOrder(o string) string {
	if o == "secretary-general" {
		return ""
	}
	return o
}

type sessionData struct {
	registry.SessionView
	Decisions []decisionData
}

func (s *Server) session(w http.ResponseWriter, r *http.Request) {
	s.sessionPage(w, s.newPage(w, r, ""), http.StatusOK)
}

func (s *Server) sessionPage(w http.ResponseWriter, p *page, status int) {
	p.Nav = "institutions"
	sv, err := p.m.Session(p.r.PathValue("id"), p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	d := sessionData{SessionView: sv}
	for _, dv := range sv.Decisions {
		dd, err := p.decisionData(dv)
		if err != nil {
			s.fail(w, p, err)
			return
		}
		d.Decisions = append(d.Decisions, dd)
	}
	p.Title = p.Tf("web.session.title", p.bodyName(sv.Body), p.Date(sv.Date))
	p.offerSession(d)
	p.Data = d
	s.render(w, status, "session", p)
}

// decisionData is a decision with every participant's part in it: the
// position it stated, or that it joined the consensus by saying nothing;
// and whether the decision binds it.
type decisionData struct {
	P *page // the page, for the shared "decision-body" template
	registry.DecisionView
	Rows     []positionRow
	Request  *registry.RequestView
	Body     string
	Sources  []registry.SourceRef
	Operates []registry.OperationView
}

type positionRow struct {
	State, Position string
	Bound           bool
}

func (p *page) decisionData(dv registry.DecisionView) (decisionData, error) {
	d := decisionData{P: p, DecisionView: dv, Body: p.bodyName(dv.Body)}
	stated := map[string]string{}
	for _, ps := range dv.Positions {
		stated[ps.State] = ps.Position
	}
	var states []string
	if dec := p.m.Decisions[dv.ID]; dec != nil {
		if list, err := p.m.Members(dv.Org, dec.Date, p.Lang); err == nil {
			for _, mr := range list.Members.All() {
				if mr.Status == csto.Member {
					states = append(states, mr.State)
				}
			}
		}
		e, ok, err := p.m.ViewAt(dec.Seq, p.Lang)
		if err != nil {
			return d, err
		}
		if ok {
			d.Sources = e.Sources
		}
	}
	for _, ps := range dv.Positions {
		if !slices.Contains(states, ps.State) {
			states = append(states, ps.State)
		}
	}
	for _, st := range states {
		pos, ok := stated[st]
		if !ok {
			pos = "silent"
		}
		d.Rows = append(d.Rows, positionRow{State: st, Position: pos, Bound: slices.Contains(dv.Bound, st)})
	}
	if dv.Request != "" {
		if rv, err := p.m.Request(dv.Request, p.Lang); err == nil {
			d.Request = &rv
		}
	}
	for _, op := range p.m.OperationList(p.Lang) {
		if op.Decision == dv.ID {
			d.Operates = append(d.Operates, op)
		}
	}
	return d, nil
}

func (s *Server) decision(w http.ResponseWriter, r *http.Request) {
	s.decisionPage(w, s.newPage(w, r, ""), http.StatusOK)
}

func (s *Server) decisionPage(w http.ResponseWriter, p *page, status int) {
	p.Nav = "institutions"
	dv, err := p.m.Decision(p.r.PathValue("id"), p.Lang)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	p.Title = dv.Title
	d, err := p.decisionData(dv)
	if err != nil {
		s.fail(w, p, err)
		return
	}
	p.offerDecision(d)
	p.Data = d
	s.render(w, status, "decision", p)
}

func (p *page) bodyName(id string) string {
	if b := p.m.Bodies[id]; b != nil {
		return b.Name.In(p.Lang)
	}
	return id
}

// BodyName is bodyName for templates.
func (p *page) BodyName(id string) string { return p.bodyName(id) }
