package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/internal/httpx"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/rules"
)

// /obligations: "if this state is attacked by that one on this date, who
// must help?" The reader picks a target, an aggressor (optional) and a
// date; the page answers from the rules engine (rules.Obligations and,
// with an aggressor, rules.AggressionScenario): who is bound under which
// article, that article's wording in force on the date in the reader's
// language, on what conditions, the conflicts, and the steps the Treaty
// requires with what the record shows was done. Nothing is derived here.

type obligationsData struct {
	Target, Aggressor string
	At                string // as typed
	AtText            string
	Targets           []option
	Aggressors        []option
	Asked             bool
	Report            rules.Report
	Scenario          *rules.Scenario
	Obligations       []obligationView
	Curated           []obligationView // the CSTO's (the treaty csto keeps a record of)
	ATOP              []obligationView // other alliances, from ATOP
	Conflicts         []rules.Conflict
	Steps             []stepView
	Examples          []example
}

type obligationView struct {
	rules.Obligation
	Kind    string                // the obligation (rules.Obligation.Obligation, which the embedding hides)
	Name    string                // the alliance's name
	Wording *rules.ArticleInForce // the article's wording in force (curated)
	Amended string                // the amending instrument's name
}

type stepView struct {
	rules.Step
	Name    string // the step (rules.Step.Step, which the embedding hides)
	Records []recordView
}

type recordView struct {
	rules.EventRef
	Href string
}

type example struct {
	Text, Href string
}

func (s *Server) obligations(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "obligations")
	m := p.m
	q := r.URL.Query()
	d := obligationsData{Target: strings.ToUpper(strings.TrimSpace(q.Get("target"))), Aggressor: strings.ToUpper(strings.TrimSpace(q.Get("aggressor"))),
		At: typed(q.Get("at"))}
	p.Title = p.T("web.obl.title")
	status := http.StatusOK
	at, err := dateParam(r, "at", p.today)
	if err != nil {
		p.Error, status = p.errorMessage(err), http.StatusBadRequest
	}
	if d.At == "" || err != nil {
		d.At = at.String()
		if err != nil {
			d.At = q.Get("at")
		}
	}
	d.AtText = p.DateOf(at)
	d.Targets = p.stateChoice(d.Target, false)
	d.Aggressors = p.stateChoice(d.Aggressor, true)
	d.Examples = []example{
		{p.T("web.obl.example.arm"), "/obligations?target=ARM&aggressor=AZE&at=2022-09-13"},
		{p.T("web.obl.example.kaz"), "/obligations?target=KAZ&at=2022-01-05"},
		{p.T("web.obl.example.today"), "/obligations?target=TJK&aggressor=AFG"},
	}
	if d.Target != "" && err == nil {
		d.Asked = true
		rq := rules.Query{Target: d.Target, Aggressor: d.Aggressor, At: at, Lang: p.Lang}
		var rep rules.Report
		var sc rules.Scenario
		var qerr error
		if d.Aggressor != "" {
			sc, qerr = rules.AggressionScenario(m, rules.ScenarioQuery{Query: rq})
			rep = sc.Obligations
			d.Scenario = &sc
		} else {
			rep, qerr = rules.Obligations(m, rq)
		}
		if qerr != nil {
			p.Error, status, d.Asked = p.errorMessage(qerr), httpx.StatusOf(qerr), false
		} else {
			d.Report = rep
			p.Title = p.obligationsTitle(d.Target, d.Aggressor, at)
			for _, o := range rep.Obligations {
				v := p.obligationView(o, at)
				if o.Source == "curated" {
					d.Curated = append(d.Curated, v)
				} else {
					d.ATOP = append(d.ATOP, v)
				}
			}
			d.Conflicts = rep.Conflicts
			if d.Scenario != nil {
				for _, st := range d.Scenario.Steps {
					sv := stepView{Step: st, Name: st.Step}
					for _, e := range st.Record {
						sv.Records = append(sv.Records, recordView{EventRef: e, Href: recordHref(m, e)})
					}
					d.Steps = append(d.Steps, sv)
				}
			}
			var v any = rep
			if d.Scenario != nil {
				v = d.Scenario
			}
			p.offer("obligations-"+strings.ToLower(d.Target)+aggressorPart(d.Aggressor)+"-"+at.String(), at.String(), v, &table{name: "obligations", label: p.Title, header: obligationsHeader, rows: obligationsRows(rep)})
		}
	}
	p.Data = d
	s.render(w, status, "obligations", p)
}

func aggressorPart(a string) string {
	if a == "" {
		return ""
	}
	return "-" + strings.ToLower(a)
}

// obligationsTitle is the question the page answers, in a sentence.
func (p *page) obligationsTitle(target, aggressor string, at edtf.Date) string {
	if aggressor == "" {
		return p.Tf("web.obl.q.target", p.StateName(target), p.DateOf(at))
	}
	return p.Tf("web.obl.q.aggressor", p.StateName(target), p.StateName(aggressor), p.DateOf(at))
}

// stateChoice lists every state on record by name; optional adds a
// first "none" choice.
func (p *page) stateChoice(selected string, optional bool) []option {
	var out []option
	if optional {
		out = append(out, option{Value: "", Label: p.T("web.obl.no_aggressor"), Selected: selected == ""})
	} else {
		out = append(out, option{Value: "", Label: p.T("web.obl.choose"), Selected: selected == ""})
	}
	for _, o := range p.AllStates() {
		o.Selected = o.Value == selected
		out = append(out, o)
	}
	return out
}

func (p *page) obligationView(o rules.Obligation, at edtf.Date) obligationView {
	v := obligationView{Obligation: o, Kind: o.Obligation, Name: p.AllianceName(o.Alliance)}
	if o.Source == "curated" && o.Article != "" {
		for _, a := range rules.ArticlesInForce(p.m, o.Alliance, at) {
			if a.Cite == o.Article {
				a := a
				v.Wording = &a
				break
			}
		}
	}
	if o.AmendedBy != "" {
		if in := p.m.Instruments[o.AmendedBy]; in != nil {
			v.Amended = in.Name.In(p.Lang)
		} else {
			v.Amended = o.AmendedBy
		}
	}
	return v
}

// AllianceName names an alliance of a report: a curated organization by
// its name, an ATOP alliance by its number.
func (p *page) AllianceName(id string) string {
	if p.m.Orgs[id] != nil {
		return p.OrgName(id)
	}
	if n, ok := strings.CutPrefix(id, "atop-"); ok {
		return p.Tf("web.obl.atop_alliance", n)
	}
	return id
}

// ArticleCite writes an article citation ("CST Art. 4") in the page's
// language.
func (p *page) ArticleCite(cite string) string {
	if i18n.Has("web.basis." + cite) {
		return p.T("web.basis." + cite)
	}
	return i18n.Cite(p.Lang, cite)
}

// recordHref is the page of an event a step rests on: the request,
// session, decision or operation it made, else its place in the
// timeline.
func recordHref(m *registry.Model, e rules.EventRef) string {
	id := e.ID
	if i := strings.IndexByte(id, ':'); i >= 0 {
		id = id[i+1:]
	}
	switch {
	case m.Requests[id] != nil:
		return "/requests/" + id
	case m.Decisions[id] != nil:
		return "/decisions/" + id
	case m.Sessions[id] != nil:
		return "/sessions/" + id
	case m.Operations[id] != nil:
		return "/operations/" + id
	}
	return "/timeline#e" + strconv.FormatInt(e.Seq, 10)
}

var obligationsHeader = []string{"alliance", "source", "obligation", "article", "amended_by", "ally", "ally_status", "conditions", "certainty", "note"}

// obligationsRows are the report as a table: one row per ally of each
// obligation (and per member bound but not in good standing).
func obligationsRows(rep rules.Report) [][]string {
	var rows [][]string
	for _, o := range rep.Obligations {
		conds := strings.Join(o.Conditions, "; ")
		for _, a := range o.Allies {
			rows = append(rows, []string{o.Alliance, o.Source, o.Obligation, o.Article, o.AmendedBy, a, string(csto.Member), conds, string(o.Certainty), o.Note})
		}
		for _, a := range o.AlliesStatus {
			rows = append(rows, []string{o.Alliance, o.Source, o.Obligation, o.Article, o.AmendedBy, a.State, string(a.Status), conds, string(o.Certainty), o.Note})
		}
	}
	return rows
}
