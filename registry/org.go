package registry

import (
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// OrgView is what an organization is: its founding, seat, bodies,
// instruments and their key provisions, its members on a date, forces,
// officers, chair and operations.
type OrgView struct {
	Org          string           `json:"org"`
	Name         string           `json:"name"`
	Abbr         string           `json:"abbr,omitempty"`
	Kind         string           `json:"kind"`
	Founded      string           `json:"founded"`
	Dissolved    string           `json:"dissolved,omitempty"`
	Headquarters string           `json:"headquarters,omitempty"`
	About        string           `json:"about,omitempty"`
	At           string           `json:"at"`
	Members      MemberRows       `json:"members"`
	Chair        *ChairView       `json:"chair,omitempty"`
	Officers     []TermView       `json:"officers"`
	Bodies       []BodyView       `json:"bodies"`
	Instruments  []InstrumentView `json:"instruments"`
	Forces       []ForceView      `json:"forces"`
	Operations   []OperationView  `json:"operations"`
}

// BodyView is a body of an organization.
type BodyView struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind"`
	DecisionRule string `json:"decision_rule,omitempty"`
	Established  string `json:"established"`
}

// InstrumentView is an instrument with its articles' provisions.
type InstrumentView struct {
	ID       string        `json:"id"`
	Kind     string        `json:"kind"`
	Name     string        `json:"name"`
	Adopted  string        `json:"adopted"`
	InForce  string        `json:"in_force,omitempty"`
	Amends   []string      `json:"amends,omitempty"`
	Articles []ArticleView `json:"articles,omitempty"`
}

// ArticleView is an article of an instrument.
type ArticleView struct {
	Num        string          `json:"num"`
	Title      string          `json:"title,omitempty"`
	Text       string          `json:"text"`
	Provisions []ProvisionView `json:"provisions,omitempty"`
}

// ProvisionView is a provision of an article.
type ProvisionView struct {
	Kind       string   `json:"kind"`
	Conditions []string `json:"conditions,omitempty"`
}

// ForceView is a force of an organization.
type ForceView struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	Established string   `json:"established"`
	Troops      int      `json:"troops,omitempty"`
	Members     []string `json:"members,omitempty"`
}

// TermView is a term in an office.
type TermView struct {
	Office string `json:"office"`
	Person string `json:"person"`
	State  string `json:"state"`
	Acting bool   `json:"acting,omitempty"`
	From   string `json:"from"`
	To     string `json:"to,omitempty"`
}

// ChairView is a chairmanship.
type ChairView struct {
	State     string `json:"state"`
	Name      string `json:"name"`
	From      string `json:"from"`
	To        string `json:"to,omitempty"`
	Temporary bool   `json:"temporary,omitempty"`
}

// OperationView is an operation's summary.
type OperationView struct {
	ID                 string           `json:"id"`
	Name               string           `json:"name"`
	Host               string           `json:"host"`
	Force              string           `json:"force,omitempty"`
	Decision           string           `json:"decision"`
	Decided            string           `json:"decided"`
	TotalTroops        int              `json:"total_troops,omitempty"`
	TotalVehicles      int              `json:"total_vehicles,omitempty"`
	Contingents        []ContingentView `json:"contingents"`
	Phases             []PhaseView      `json:"phases"`
	WithdrawalComplete string           `json:"withdrawal_complete,omitempty"`
}

// ContingentView is a state's contingent in an operation.
type ContingentView struct {
	State    string `json:"state"`
	Troops   int    `json:"troops,omitempty"`
	Approx   bool   `json:"approx,omitempty"`
	Vehicles int    `json:"vehicles,omitempty"`
	Units    string `json:"units,omitempty"`
}

// PhaseView is a phase an operation reached.
type PhaseView struct {
	Phase string `json:"phase"`
	Date  string `json:"date"`
}

// Org describes organization id as of the date at.
func (m *Model) Org(id string, at edtf.Date, lang csto.Lang) (OrgView, error) {
	o := m.Orgs[strings.ToLower(id)]
	if o == nil {
		return OrgView{}, csto.Errorf(csto.NotFound, "org", "unknown organization %q", id)
	}
	members, _ := m.Members(o.ID, at, lang)
	v := OrgView{Org: o.ID, Name: o.Name.In(lang), Abbr: o.Abbr.In(lang), Kind: o.Kind, Founded: o.Founded.String(),
		Dissolved: o.Dissolved.String(), Headquarters: o.Headquarters.In(lang), At: at.String(),
		Members: members.Members, Officers: []TermView{}, Bodies: []BodyView{}, Instruments: []InstrumentView{},
		Forces: []ForceView{}, Operations: []OperationView{}}
	if e, ok := m.entryAt(o.Seq); ok && e.Type() == csto.CmdOrgAdd {
		b, err := m.Body(e)
		if err != nil {
			return OrgView{}, err
		}
		v.About = b.Text.In(lang)
	}
	if c, ok := m.ChairAt(o.ID, at); ok {
		v.Chair = &ChairView{State: c.State, Name: m.stateName(c.State, lang), From: c.Start.String(), To: c.End.String(), Temporary: c.Temporary}
	}
	for _, t := range m.Terms {
		if t.Org == o.ID && spans(t.Start, t.End, at) {
			v.Officers = append(v.Officers, TermView{Office: t.Office, Person: t.Person.In(lang), State: t.State,
				Acting: t.Acting, From: t.Start.String(), To: t.End.String()})
		}
	}
	for _, b := range sortedBy(m.Bodies, func(b *Body) bool { return b.Org == o.ID }, func(b *Body) edtf.Date { return b.Established }) {
		v.Bodies = append(v.Bodies, BodyView{ID: b.ID, Name: b.Name.In(lang), Kind: b.Kind, DecisionRule: b.DecisionRule, Established: b.Established.String()})
	}
	for _, in := range sortedBy(m.Instruments, func(i *Instrument) bool { return i.Org == o.ID }, func(i *Instrument) edtf.Date { return i.Adopted }) {
		v.Instruments = append(v.Instruments, m.instrumentView(in, lang))
	}
	for _, f := range sortedBy(m.Forces, func(f *Force) bool { return f.Org == o.ID }, func(f *Force) edtf.Date { return f.Established }) {
		v.Forces = append(v.Forces, ForceView{ID: f.ID, Name: f.Name.In(lang), Kind: f.Kind, Established: f.Established.String(), Troops: f.Troops, Members: f.Members})
	}
	for _, op := range sortedBy(m.Operations, func(op *Operation) bool { return op.Org == o.ID }, func(op *Operation) edtf.Date { return op.Decided }) {
		v.Operations = append(v.Operations, m.operationView(op, lang))
	}
	return v, nil
}

func (m *Model) instrumentView(in *Instrument, lang csto.Lang) InstrumentView {
	iv := InstrumentView{ID: in.ID, Kind: in.Kind, Name: in.Name.In(lang), Adopted: in.Adopted.String(), InForce: in.InForce.String(), Amends: in.Amends}
	for _, a := range in.Articles {
		av := ArticleView{Num: a.Num, Title: a.Title.In(lang), Text: a.Text.In(lang)}
		for _, p := range a.Provisions {
			pv := ProvisionView{Kind: p.Kind}
			for _, c := range p.Conditions {
				pv.Conditions = append(pv.Conditions, c.In(lang))
			}
			av.Provisions = append(av.Provisions, pv)
		}
		iv.Articles = append(iv.Articles, av)
	}
	return iv
}

func (m *Model) operationView(op *Operation, lang csto.Lang) OperationView {
	ov := OperationView{ID: op.ID, Name: op.Name.In(lang), Host: op.Host, Force: op.Force, Decision: op.Decision,
		Decided: op.Decided.String(), TotalTroops: op.Reported.Troops, TotalVehicles: op.Reported.Vehicles,
		Contingents: []ContingentView{}, Phases: []PhaseView{}}
	for _, c := range op.Contingents {
		ov.Contingents = append(ov.Contingents, ContingentView{State: c.State, Troops: c.Troops, Approx: c.Approx, Vehicles: c.Vehicles, Units: c.Units.In(lang)})
	}
	for _, p := range op.Phases {
		ov.Phases = append(ov.Phases, PhaseView{Phase: p.Phase, Date: p.Date.String()})
		if p.Phase == "withdrawal-complete" {
			ov.WithdrawalComplete = p.Date.String()
		}
	}
	return ov
}

// ChairAt returns the chairmanship of org's highest body recorded as
// holding on the date at: the latest-starting record whose span covers it.
func (m *Model) ChairAt(org string, at edtf.Date) (Chair, bool) {
	var best Chair
	found := false
	for _, c := range m.Chairs {
		if c.Org != org || !spans(c.Start, c.End, at) {
			continue
		}
		if !found || edtf.Compare(best.Start, c.Start) <= 0 {
			best, found = c, true
		}
	}
	return best, found
}

// spans reports whether a term from start to end (exclusive; open when
// zero) may cover the date at.
func spans(start, end, at edtf.Date) bool {
	if start.Earliest() > at.Latest() {
		return false
	}
	return end.IsZero() || end.Latest() >= at.Earliest()
}

// sortedBy returns the values of m that keep selects, by date then ID order
// of insertion.
func sortedBy[V any](m map[string]V, keep func(V) bool, date func(V) edtf.Date) []V {
	return sortedSeq(maps.All(m), keep, date)
}

// sortedSeq is sortedBy over a sequence of IDs and values (a persistent
// Map's All): only the values keep selects are held and sorted.
func sortedSeq[V any](all iter.Seq2[string, V], keep func(V) bool, date func(V) edtf.Date) []V {
	type kv struct {
		k string
		v V
	}
	var out []kv
	for k, v := range all {
		if keep(v) {
			out = append(out, kv{k, v})
		}
	}
	slices.SortFunc(out, func(a, b kv) int {
		if c := edtf.Compare(date(a.v), date(b.v)); c != 0 {
			return c
		}
		return strings.Compare(a.k, b.k)
	})
	vs := make([]V, len(out))
	for i, e := range out {
		vs[i] = e.v
	}
	return vs
}
