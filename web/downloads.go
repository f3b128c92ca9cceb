package web

import (
	"strconv"
	"strings"

	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// What each data page offers to download (cite.go makes the files and
// the citation): the tables the page shows, row for row, with codes and
// EDTF dates where the page writes names and dates out, and a name column
// in the page's language beside each state's code. A handler calls one
// of these after it has the page's data and before it renders; nothing
// here computes anything the page did not.

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func num(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func spaced(xs []string) string { return strings.Join(xs, " ") }

// requestsTable is the requests table of /, /operations and a state's
// page.
func (p *page) requestsTable(label string, rows []registry.RequestView) *table {
	t := newTable("requests", label, "id", "date", "state", "name", "kind", "article", "status", "answered_by")
	for _, r := range rows {
		t.add(r.ID, r.Date, r.State, p.StateName(r.State), r.Kind, r.Article, string(r.Status), spaced(r.Answers))
	}
	return t
}

// offerOverview: the members today, the requests, the key dates.
func (p *page) offerOverview(d overviewData) {
	mt := newTable("members", p.Tf("web.members.caption", d.Org.Name, p.Date(d.Org.At)), membersHeader...)
	for _, r := range d.Org.Members.All() {
		mt.add(r.State, p.StateName(r.State), string(r.Status), r.Since, string(r.Certainty))
	}
	kt := newTable("key-dates", p.T("web.overview.key_dates"), "seq", "id", "date", "kind", "text")
	for _, e := range d.KeyDates {
		kt.add(strconv.FormatInt(e.Seq, 10), e.ID, e.Date, e.Kind, e.Text)
	}
	p.offer(org+"-"+p.today.String(), "", nil, mt, p.requestsTable(p.T("web.requests.caption"), d.Requests), kt)
}

func (p *page) offerInstruments(rows []instrumentRow) {
	t := newTable("instruments", p.T("web.instruments.caption"), "id", "kind", "name", "adopted", "place", "in_force", "articles", "obliging", "amends")
	for _, r := range rows {
		var amends []string
		for _, a := range r.Amends {
			amends = append(amends, a.ID)
		}
		t.add(r.ID, r.Kind, r.Name, r.Adopted, r.Place, r.InForce, num(r.Articles), num(r.Obliging), spaced(amends))
	}
	p.offer("instruments", "", nil, t)
}

func (p *page) offerInstrument(d instrumentData) {
	at := newTable("articles", p.T("web.instruments.articles"), "instrument", "article", "title", "text", "provisions", "amended_by")
	for _, a := range d.Articles {
		var kinds, by []string
		for _, pr := range a.Provisions {
			kinds = append(kinds, pr.Kind)
		}
		for _, am := range a.Amended {
			by = append(by, am.Instrument)
		}
		at.add(a.Instrument, a.Num, a.Title, a.Text, spaced(kinds), spaced(by))
	}
	pt := newTable("parties", p.Tf("web.instruments.parties_caption", d.Name), "state", "name", "act", "date")
	for _, a := range d.Acts {
		pt.add(a.State, p.StateName(a.State), a.Type, a.Date)
	}
	p.offer("instrument-"+d.ID, "", nil, at, pt)
}

func (p *page) offerInstitutions(d institutionsData) {
	bt := newTable("bodies", p.T("web.institutions.bodies_caption"), "id", "name", "established", "decision_rule", "composition")
	for _, b := range d.Bodies {
		bt.add(b.ID, b.Name, b.Established, b.DecisionRule, b.Composition)
	}
	ct := newTable("chairs", p.T("web.institutions.chairs_caption"), "year", "chair", "name", "source", "from", "to", "expected", "deviation", "in_place_of")
	for _, c := range d.Chairs {
		ct.add(strconv.Itoa(c.Year), c.Chair, p.StateName(c.Chair), c.Source, c.From, c.To, c.Expected, yesNo(c.Deviation), c.InPlaceOf)
	}
	ot := newTable("officers", p.T("web.institutions.officers"), "office", "person", "state", "acting", "from", "to")
	for _, o := range d.Offices {
		for _, t := range o.Terms {
			ot.add(t.Office, t.Person, t.State, yesNo(t.Acting), t.From, t.To)
		}
	}
	ft := newTable("forces", p.T("org.forces"), "id", "name", "established", "troops", "contributors")
	for _, f := range d.Forces {
		ft.add(f.ID, f.Name, f.Established, num(f.Troops), spaced(f.Members))
	}
	st := newTable("sessions", p.T("web.institutions.sessions_caption"), "id", "date", "body", "kind", "place", "chair", "not_present", "decisions")
	for _, s := range d.Sessions {
		var absent, decs []string
		for _, a := range s.Attendance {
			if a.Presence != "present" {
				absent = append(absent, a.State+":"+a.Presence)
			}
		}
		for _, dv := range s.Decisions {
			decs = append(decs, dv.ID+":"+dv.Outcome)
		}
		st.add(s.ID, s.Date, s.Body, s.Kind, s.Place, s.Chair, spaced(absent), spaced(decs))
	}
	p.offer("institutions-"+p.today.String(), "", nil, ct, ot, bt, ft, st)
}

// positionsTable is a decision's positions, as "decision-body" shows them.
func (p *page) positionsTable(d decisionData, name string) *table {
	t := newTable(name, p.Tf("web.decision.positions", d.Title), "decision", "state", "name", "position", "bound")
	for _, r := range d.Rows {
		t.add(d.ID, r.State, p.StateName(r.State), r.Position, yesNo(r.Bound))
	}
	return t
}

func (p *page) offerSession(d sessionData) {
	at := newTable("attendance", p.T("web.col.attendance"), "state", "name", "presence", "reason")
	for _, a := range d.Attendance {
		at.add(a.State, p.StateName(a.State), a.Presence, a.Reason)
	}
	dt := newTable("decisions", p.T("web.session.decisions"), "id", "title", "basis", "outcome", "closed", "bound")
	pt := newTable("positions", p.T("web.session.decisions"), "decision", "state", "name", "position", "bound")
	for _, dv := range d.Decisions {
		dt.add(dv.ID, dv.Title, dv.Basis, dv.Outcome, dv.Closed, spaced(dv.Bound))
		pt.rows = append(pt.rows, p.positionsTable(dv, "").rows...)
	}
	p.offer("session-"+d.ID, "", nil, at, dt, pt)
}

func (p *page) offerDecision(d decisionData) {
	p.offer("decision-"+d.ID, "", nil, p.positionsTable(d, "positions"))
}

func (p *page) offerOperations(d operationsData) {
	ot := newTable("operations", p.T("org.operations"), "id", "name", "host", "decided", "decision", "troops", "withdrawal_complete", "contingents")
	for _, o := range d.Operations {
		var by []string
		for _, c := range o.Contingents {
			by = append(by, c.State)
		}
		ot.add(o.ID, o.Name, o.Host, o.Decided, o.Decision, num(o.TotalTroops), o.WithdrawalComplete, spaced(by))
	}
	p.offer("operations", "", nil, p.requestsTable(p.T("web.requests.caption"), d.Requests), ot)
}

func (p *page) offerOperation(d operationData) {
	ct := newTable("contingents", p.Tf("web.operation.contingents_caption", d.Name), "state", "name", "troops", "approx", "vehicles", "units")
	for _, c := range d.Contingents {
		ct.add(c.State, p.StateName(c.State), num(c.Troops), yesNo(c.Approx), num(c.Vehicles), c.Units)
	}
	st := newTable("sequence", p.T("web.operation.sequence"), "date", "step", "ref")
	if r := d.Request; r != nil {
		st.add(r.Date, "request", r.ID)
	}
	if dv := d.Decision; dv != nil {
		st.add(dv.Date, "decision", dv.ID)
	}
	for _, ph := range d.Phases {
		st.add(ph.Date, ph.Phase, "")
	}
	p.offer("operation-"+d.ID, "", nil, ct, st)
}

func (p *page) offerExercises(d exercisesData) {
	// The download holds every exercise the filters select (d.all, built
	// only when a download is asked for), not only the page's.
	t := newTable("exercises", p.T("web.nav.exercises"), "id", "year", "date", "name", "series", "levels", "places", "participants", "troops", "aircraft")
	t.count = d.Total
	for _, x := range d.all {
		t.add(x.ID, strconv.Itoa(yearOf(edtf.MustParse(x.Date))), x.Date, x.Name, x.Series, spaced(x.Levels), x.Places, spaced(x.Participants), num(x.Troops), num(x.Aircraft))
	}
	p.offer("exercises"+filterName(d.Year, d.Level), "", nil, t)
}

func (p *page) offerRequest(d requestData) {
	t := p.requestsTable(p.Title, []registry.RequestView{d.RequestView})
	ot := newTable("answers", p.T("web.col.answer"), "decision", "title", "outcome", "operation")
	for _, dv := range d.Decisions {
		op := ""
		for _, o := range d.Operations {
			if o.Decision == dv.ID {
				op = o.ID
			}
		}
		ot.add(dv.ID, dv.Title, dv.Outcome, op)
	}
	p.offer("request-"+d.ID, "", nil, t, ot)
}

func (p *page) offerState(d stateData) {
	mt := newTable("memberships", p.T("state.memberships"), "org", "status", "from", "to")
	for _, mv := range d.Memberships {
		for _, sp := range p.SpellsOf(mv) {
			mt.add(mv.Org, string(sp.Status), sp.From, sp.To)
		}
	}
	rt := newTable("roles", p.T("web.state.roles"), "role", "body_or_office", "person", "acting", "from", "to", "in_place_of")
	for _, c := range d.Chairs {
		rt.add("chair", c.Body, "", "", c.Start.String(), c.End.String(), c.InPlaceOf)
	}
	for _, t := range d.Terms {
		rt.add("office", t.Office, t.Person, yesNo(t.Acting), t.From, t.To, "")
	}
	ct := newTable("contingents", p.T("web.operation.contingents"), "operation", "name", "troops", "approx", "units")
	for _, c := range d.Contingents {
		ct.add(c.Operation, c.Name, num(c.Troops), yesNo(c.Approx), c.Units)
	}
	et := newTable("events", p.T("state.events"), "seq", "id", "date", "kind", "text")
	for _, e := range d.Events {
		et.add(strconv.FormatInt(e.Seq, 10), e.ID, e.Date, e.Kind, e.Text)
	}
	p.offer("state-"+d.State, "", nil, mt, rt, p.requestsTable(p.T("web.requests.caption"), d.Requests), ct, et)
}

func (p *page) offerAudit(d auditData) {
	t := newTable("events", p.Tf("web.audit.caption", d.From, d.To, d.Events), "seq", "recorded", "actor", "type", "date", "hash", "prev_hash")
	for _, r := range d.Rows {
		t.add(strconv.FormatInt(r.Seq, 10), p.RecordedTime(r.Recorded), r.Actor, r.Type, r.Date, r.Hash, r.PrevHash)
	}
	p.offer("audit-"+strconv.FormatInt(d.From, 10)+"-"+strconv.FormatInt(d.To, 10), "", nil, t)
}
