package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// /members: who had which status in an organization, over time (the
// chart) and on a date (the map and the list). ?at= picks the date
// (EDTF; default today), ?org= the organization (default the CSTO).
// Without JavaScript the date form does it; with it, a slider moves the
// map, the list and the chart's marker at once (assets/members.js reads
// the spells the page embeds as JSON).

type membersData struct {
	Org       string
	OrgName   string
	Orgs      []option
	At        string // the date as typed
	AtText    string // formatted
	Rows      []memberRow
	Chart     *chart
	Map       mapView
	Spells    []spellRow // the chart's data, as a table
	JSON      template.JS
	SliderMax int
	SliderAt  int
	List      []chartListRow // the chart as a list, for narrow screens
}

// membersJSON is the members list as the page's JSON download gives it.
type membersJSON struct {
	Org     string       `json:"org"`
	At      string       `json:"at"`
	Members []memberJSON `json:"members"`
}

type memberJSON struct {
	State     string         `json:"state"`
	Name      string         `json:"name"`
	Status    csto.Status    `json:"status"`
	Since     string         `json:"since"`
	Certainty csto.Certainty `json:"certainty"`
}

var membersHeader = []string{"state", "name", "status", "since", "certainty"}

// jsonRows are the rows the list shows on the date: those with a status.
func (d membersData) jsonRows() []memberJSON {
	out := []memberJSON{}
	for _, r := range d.Rows {
		if r.Status != "" {
			out = append(out, memberJSON{State: r.State, Status: r.Status, Since: r.Since, Certainty: r.Certainty})
		}
	}
	return out
}

func (d membersData) csvRows(p *page) [][]string {
	var rows [][]string
	for _, r := range d.jsonRows() {
		rows = append(rows, []string{r.State, p.StateName(r.State), string(r.Status), r.Since, string(r.Certainty)})
	}
	return rows
}

type option struct {
	Value, Label string
	Selected     bool
}

type memberRow struct {
	State     string
	Status    csto.Status
	Since     string
	Certainty csto.Certainty
}

type spellRow struct {
	State  string
	Status csto.Status
	Span   string
}

func (s *Server) members(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "members")
	p.Scripts = []string{"members.js"}
	m := p.m
	status := http.StatusOK
	at, err := dateParam(r, "at", p.today)
	if err != nil {
		p.Error, status = p.errorMessage(err), http.StatusBadRequest
	}
	orgID := strings.ToLower(r.URL.Query().Get("org"))
	if orgID == "" {
		orgID = org
	}
	if m.Orgs[orgID] == nil {
		s.fail(w, p, csto.Errorf(csto.NotFound, "org", "unknown organization %q", orgID))
		return
	}
	// The field shows the date as typed (to correct it, when it is bad),
	// else today.
	d := membersData{Org: orgID, OrgName: p.OrgName(orgID), At: r.URL.Query().Get("at"), AtText: p.DateOf(at)}
	if d.At == "" {
		d.At = at.String()
	}

	// Every state with a spell in the organization, in chart order.
	var series []chartSeries
	byCode := map[string][]csto.Spell{}
	for code := range m.States {
		if sp := m.Spells(code, orgID); len(sp) > 0 {
			series = append(series, chartSeries{Label: p.StateName(code), Href: p.Href("/states/", code), Spells: sp})
			byCode[code] = sp
		}
	}
	sortSeries(series)
	from := firstYear(series, 1992)
	d.Chart = p.newChart(p.Tf("web.members.chart_title", d.OrgName), series, from, at)
	labelled := map[string]bool{}
	for _, sr := range series {
		code := sr.Spells[0].State
		a := statusOrFormer(m.Spells(code, orgID), m.StatusAt(code, orgID, at), at)
		d.Rows = append(d.Rows, memberRow{State: code, Status: a.Status, Since: a.Since.String(), Certainty: a.Certainty})
		labelled[code] = true
		for _, sp := range sr.Spells {
			if sp.Status != csto.Former {
				d.Spells = append(d.Spells, spellRow{State: code, Status: sp.Status, Span: p.spellSpan(sp)})
			}
		}
	}
	d.Map = p.mapShapes(labelled, func(code string) (string, bool) {
		a := statusOrFormer(m.Spells(code, orgID), m.StatusAt(code, orgID, at), at)
		return string(a.Status), a.Certainty == csto.Certain
	})
	for id, o := range m.Orgs {
		for code := range m.States {
			if len(m.Spells(code, id)) > 0 {
				d.Orgs = append(d.Orgs, option{Value: id, Label: o.Name.In(p.Lang), Selected: id == orgID})
				break
			}
		}
	}
	slices.SortFunc(d.Orgs, func(a, b option) int {
		if a.Value == org || b.Value == org { // the CSTO first
			return boolCmp(b.Value == org, a.Value == org)
		}
		return strings.Compare(a.Label, b.Label)
	})
	y, mo, _ := at.Earliest().Date()
	d.SliderMax = (yearOf(p.today)-from)*12 + monthOf(p.today) - 1
	d.SliderAt = min(max((y-from)*12+mo-1, 0), d.SliderMax)
	js, err := json.Marshal(p.membersScriptData(byCode, d.Chart, from, d.OrgName))
	if err != nil {
		s.fail(w, p, err)
		return
	}
	d.JSON = template.JS(js)
	p.Title = p.Tf("web.members.title", d.OrgName)
	d.List = p.chartList(series)
	if status == http.StatusOK {
		p.offer("members-"+orgID+"-"+at.String(), at.String(), membersJSON{Org: orgID, At: at.String(), Members: d.jsonRows()}, &table{name: "members", label: p.Tf("web.members.caption", d.OrgName, d.AtText), header: membersHeader, rows: d.csvRows(p)})
	}
	p.Data = d
	s.render(w, status, "members", p)
}

// membersScriptData is what members.js needs: the spells with their
// bounds as day numbers (days since 1970-01-01, as edtf.Day counts them),
// the words it writes, and the chart's scale.
func (p *page) membersScriptData(spells map[string][]csto.Spell, c *chart, from int, name string) map[string]any {
	states := map[string][][]any{}
	for code, sps := range spells {
		for _, sp := range sps {
			pTo, cTo := int64(edtf.MaxDay)+1, int64(edtf.MaxDay)+1
			if !sp.To.IsZero() {
				pTo, cTo = int64(sp.To.Latest()), int64(sp.To.Earliest())
			}
			unc := 0
			if sp.From.Uncertain() || (!sp.To.IsZero() && sp.To.Uncertain()) {
				unc = 1
			}
			states[code] = append(states[code], []any{sp.Status, sp.From.Earliest(), sp.From.Latest(), cTo, pTo, unc, p.DateOf(sp.From)})
		}
	}
	status := map[string]string{}
	for _, st := range append(slices.Clone(chartStatuses), csto.Former) {
		status[string(st)] = p.StatusName(st)
	}
	months := make([]string, 12)
	for i := range months {
		months[i] = MonthName(p.Lang, i+1)
	}
	// The captions the slider rewrites, with {date} where the date goes.
	captions := map[string]string{
		"map":  p.Tf("web.members.map_title", name, "{date}"),
		"list": p.Tf("web.members.caption", name, "{date}"),
	}
	suffix := ""
	if p.Lang == csto.Russian {
		suffix = " г."
	}
	return map[string]any{
		"from": from, "months": months, "yearSuffix": suffix, "status": status,
		"certainty": map[string]string{"certain": p.T("certainty.certain"), "possible": p.T("certainty.possible")},
		"captions":  captions,
		"spells":    states,
		"chart":     map[string]any{"d0": c.D0, "d1": c.D1, "x0": c.X0, "x1": c.X1},
	}
}

// statusOrFormer is a state's status at a date (a), or, when it has
// none, "former" if the record holds a former spell over the date: the
// map and the list draw former members apart from states that never were
// members. (The registry's StatusAt reports no status for both.)
func statusOrFormer(spells []csto.Spell, a registry.At, at edtf.Date) registry.At {
	if a.Status != "" {
		return a
	}
	for _, sp := range spells {
		if sp.Status != csto.Former || sp.From.Earliest() > at.Latest() || (!sp.To.IsZero() && sp.To.Latest() <= at.Earliest()) {
			continue
		}
		c := csto.Possible
		if !sp.From.Uncertain() && sp.From.Latest() <= at.Earliest() && (sp.To.IsZero() || sp.To.Earliest() > at.Latest()) {
			c = csto.Certain
		}
		return registry.At{Status: csto.Former, Since: sp.From, Certainty: c}
	}
	return a
}

func monthOf(d edtf.Date) int {
	_, m, _ := d.Earliest().Date()
	return m
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// Org lists for filters: every organization, the CSTO first.
func (p *page) orgOptions(selected string, withAll bool) []option {
	var out []option
	if withAll {
		out = append(out, option{Value: "", Label: p.T("web.filter.all_orgs"), Selected: selected == ""})
	}
	var rest []option
	for id, o := range p.m.Orgs {
		opt := option{Value: id, Label: o.Name.In(p.Lang), Selected: id == selected}
		if id == org {
			out = append(out, opt)
		} else {
			rest = append(rest, opt)
		}
	}
	slices.SortFunc(rest, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	return append(out, rest...)
}
