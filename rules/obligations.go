package rules

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// CuratedOf maps the ATOP alliances csto keeps a curated record of to
// that record's organization: the Collective Security Treaty (ATOP 4220)
// is the CSTO. Wherever both describe the alliance, the curated record is
// read and ATOP's row is not (docs/ATOP.md).
var CuratedOf = map[int]string{4220: "csto"}

// Query asks for the obligations toward a target on a date, and the
// conflicts with an aggressor when one is named.
type Query struct {
	Target    string
	Aggressor string // optional
	At        edtf.Date
	Lang      csto.Lang
}

// Report is the obligations of every alliance in force for the target.
type Report struct {
	Target      string       `json:"target"`
	Aggressor   string       `json:"aggressor,omitempty"`
	At          string       `json:"at"`
	Obligations []Obligation `json:"obligations"`
	Conflicts   []Conflict   `json:"conflicts"`
}

// Obligation is what the allies of one alliance owe the target of one
// kind: who is bound, under which article, on what conditions.
type Obligation struct {
	Alliance   string `json:"alliance"` // "csto", or an ATOP alliance "atop-3740"
	Source     string `json:"source"`   // "curated" or "atop"
	Obligation string `json:"obligation"`
	Article    string `json:"article,omitempty"`    // the article that makes it (curated)
	AmendedBy  string `json:"amended_by,omitempty"` // the amending instrument whose wording is in force
	// Allies are the states bound toward the target and in good standing;
	// AlliesStatus the members bound by the Treaty whose standing is not
	// good (suspended, participation frozen), with their status: shown,
	// neither dropped nor counted among the allies.
	Allies       []string      `json:"allies"`
	AlliesStatus []StateStatus `json:"allies_status,omitempty"`
	// TargetStatus is the target's own status when it is not a member in
	// good standing.
	TargetStatus csto.Status    `json:"target_status,omitempty"`
	Conditions   []string       `json:"conditions"`
	Certainty    csto.Certainty `json:"certainty"`
	Note         string         `json:"note,omitempty"`
}

// StateStatus is a state's membership status since a date.
type StateStatus struct {
	State  string      `json:"state"`
	Status csto.Status `json:"status"`
	Since  string      `json:"since"`
}

// Conflict is a tie that cuts across the obligations: the aggressor is a
// member of an alliance of the target's (which then forbids its attack:
// CST Art. 1), or an ally is bound to the aggressor as well.
type Conflict struct {
	Kind        string         `json:"kind"`  // aggressor-is-member, ally-bound-to-aggressor
	State       string         `json:"state"` // the aggressor, or the ally
	Alliance    string         `json:"alliance"`
	Source      string         `json:"source"`
	Obligations []string       `json:"obligations"` // what the state owes there (to the aggressor, for an ally)
	Article     string         `json:"article,omitempty"`
	Certainty   csto.Certainty `json:"certainty"`
}

// memberLike reports whether a status binds a state by the Treaty.
func memberLike(s csto.Status) bool {
	return s == csto.Member || s == csto.Suspended || s == csto.ParticipationFrozen
}

// Obligations answers q: every alliance in force for the target on q.At,
// the allies it binds toward the target and under which article and
// conditions, and, with an aggressor, the conflicts. It returns a
// NotFound error for an unknown state and an Invalid one for a target
// that is its own aggressor.
func Obligations(m *registry.Model, q Query) (Report, error) {
	q.Target, q.Aggressor = strings.ToUpper(q.Target), strings.ToUpper(q.Aggressor)
	if m.States[q.Target] == nil {
		return Report{}, csto.Errorf(csto.NotFound, "target", "unknown state %q", q.Target)
	}
	if q.Aggressor != "" && m.States[q.Aggressor] == nil {
		return Report{}, csto.Errorf(csto.NotFound, "aggressor", "unknown state %q", q.Aggressor)
	}
	if q.Aggressor == q.Target && q.Target != "" {
		return Report{}, csto.Errorf(csto.Invalid, "aggressor", "the target cannot be its own aggressor")
	}
	if q.At.IsZero() {
		return Report{}, csto.Errorf(csto.Invalid, "at", "give the date of the attack")
	}
	rep := Report{Target: q.Target, Aggressor: q.Aggressor, At: q.At.String(), Obligations: []Obligation{}, Conflicts: []Conflict{}}
	for _, org := range curatedOrgs(m) {
		rep.Obligations = append(rep.Obligations, curatedObligations(m, org, q)...)
	}
	rep.Obligations = append(rep.Obligations, atopObligations(m, q)...)
	if q.Aggressor != "" {
		rep.Conflicts = conflicts(m, q, rep.Obligations)
	}
	return rep, nil
}

// curatedOrgs returns the organizations whose instruments make
// provisions, sorted: those the engine reads from the curated record.
func curatedOrgs(m *registry.Model) []string {
	seen := map[string]bool{}
	for _, in := range m.Instruments {
		if seen[in.Org] {
			continue
		}
		for _, a := range in.Articles {
			if len(a.Provisions) > 0 {
				seen[in.Org] = true
				break
			}
		}
	}
	out := make([]string, 0, len(seen))
	for o := range seen {
		out = append(out, o)
	}
	slices.Sort(out)
	return out
}

// curatedObligations are the obligations of a curated organization's
// provisions in force toward the target: one per kind, cited by the
// first article that makes it, with the conditions of every article that
// makes or conditions it.
func curatedObligations(m *registry.Model, org string, q Query) []Obligation {
	ts := m.StatusAt(q.Target, org, q.At)
	if !memberLike(ts.Status) {
		return nil
	}
	provs := ProvisionsInForce(m, org, q.At)
	if len(provs) == 0 {
		return nil
	}
	allies, others, certain := membersOf(m, org, q.Target, q.At)
	certainty := csto.Certain
	if ts.Certainty != csto.Certain || !certain {
		certainty = csto.Possible
	}
	var out []Obligation
	at := map[string]int{}
	for _, p := range provs {
		i, ok := at[p.Kind]
		if !ok {
			i = len(out)
			at[p.Kind] = i
			o := Obligation{Alliance: org, Source: "curated", Obligation: p.Kind, Article: p.Cite, AmendedBy: p.AmendedBy,
				Allies: allies, AlliesStatus: others, Conditions: []string{}, Certainty: certainty}
			if ts.Status != csto.Member {
				o.TargetStatus = ts.Status
			}
			out = append(out, o)
		}
		for _, c := range p.Conditions {
			s := c.In(q.Lang)
			if p.Cite != out[i].Article {
				s += " (" + i18n.Cite(q.Lang, p.Cite) + ")"
			}
			out[i].Conditions = append(out[i].Conditions, s)
		}
	}
	slices.SortStableFunc(out, func(a, b Obligation) int { return kindOrder(a.Obligation) - kindOrder(b.Obligation) })
	return out
}

// membersOf returns the other members of org on at: in good standing
// (allies), and bound but not in good standing (with their status); and
// whether every status is certain.
func membersOf(m *registry.Model, org, except string, at edtf.Date) (allies []string, others []StateStatus, certain bool) {
	allies, certain = []string{}, true
	for _, s := range m.StatesIn(org) {
		if s == except {
			continue
		}
		st := m.StatusAt(s, org, at)
		switch {
		case st.Status == csto.Member:
			allies = append(allies, s)
		case memberLike(st.Status):
			others = append(others, StateStatus{State: s, Status: st.Status, Since: st.Since.String()})
		default:
			continue
		}
		if st.Certainty != csto.Certain {
			certain = false
		}
	}
	return allies, others, certain
}

// kindOrder orders obligations: defense first, then the rest as
// csto.ProvisionKinds lists them.
func kindOrder(k string) int {
	if i := slices.Index(csto.ProvisionKinds, k); i >= 0 {
		return i
	}
	return len(csto.ProvisionKinds)
}

// coverage says whether a membership [entry, exit) covers the date at:
// possibly (on some day of at, for some reading of the dates) or
// certainly (on every day, for every reading). An open membership is
// certain only up to observed, the last day its source observes.
func coverage(entry, exit, observed, at edtf.Date) (possible, certain bool) {
	lo, hi := at.Earliest(), at.Latest()
	pFrom, cFrom := entry.Earliest(), entry.Latest()
	pTo, cTo := edtf.MaxDay+1, edtf.MaxDay+1
	if !exit.IsZero() {
		pTo, cTo = exit.Latest(), exit.Earliest()
	} else if !observed.IsZero() {
		cTo = observed.Latest() + 1
	}
	return pFrom <= hi && lo < pTo, cFrom <= lo && hi < cTo
}

// rowCoverage is coverage for an alliance row.
func rowCoverage(a *registry.Alliance, r *registry.AllianceMember, at edtf.Date) (possible, certain bool) {
	return coverage(r.Entry, r.Exit, a.Observed, at)
}

// atopObligations are the obligations of the ATOP alliances (other than
// those csto keeps a curated record of) toward the target: for each
// alliance phase the target is a member of on at, each other member
// whose row covers at promises what its row says. Allies with the same
// obligation on the same conditions are listed together.
func atopObligations(m *registry.Model, q Query) []Obligation {
	// Obligations are gathered first without their allies, which are kept
	// in one flat list and shared out at the end: a query touches a few
	// hundred rows, and allocating little keeps it fast on a large record.
	type ob struct {
		alliance  *registry.Alliance
		kind      string
		p         *csto.Provision // the first provision of this kind and conditions
		possible  bool
		note      string
		allies, n int // the obligation's allies: ally[allies:allies+n] once shared out
	}
	type ally struct {
		ob    int
		state string
	}
	var (
		obs    = make([]ob, 0, 64)
		allies = make([]ally, 0, 256)
		last   string
		from   int
		start  = map[string]int{}
	)
	m.EachStateAllianceRow(q.Target, func(t *registry.AllianceMember) {
		a := m.Alliances[t.Alliance]
		if a == nil || CuratedOf[a.ATOPID] != "" {
			return
		}
		tp, tc := rowCoverage(a, t, q.At)
		if !tp {
			return
		}
		if a.ID != last {
			f, ok := start[a.ID]
			if !ok {
				f = len(obs)
				start[a.ID] = f
			}
			last, from = a.ID, f
		}
		unobserved := !a.Observed.IsZero() && q.At.Latest() > a.Observed.Latest()
		m.EachAllianceRow(t.Alliance, func(r *registry.AllianceMember) {
			if r.Phase != t.Phase || r.State == q.Target {
				return
			}
			rp, rc := rowCoverage(a, r, q.At)
			if !rp {
				return
			}
			for k := range r.Provisions {
				p := &r.Provisions[k]
				i := -1
				for j := from; j < len(obs); j++ {
					if obs[j].alliance == a && obs[j].kind == p.Kind && slices.Equal(obs[j].p.Codes, p.Codes) {
						i = j
						break
					}
				}
				if i < 0 {
					i = len(obs)
					obs = append(obs, ob{alliance: a, kind: p.Kind, p: p})
				}
				o := &obs[i]
				o.n++
				allies = append(allies, ally{i, r.State})
				if !tc || !rc {
					o.possible = true
				}
				switch {
				case r.ObVary:
					o.note = "obvary"
				case !rc && r.Exit.IsZero() && unobserved && o.note == "":
					o.note = "unobserved"
				}
			}
		})
	})
	// Share out the allies.
	states := make([]string, len(allies))
	next := 0
	for i := range obs {
		obs[i].allies, next = next, next+obs[i].n
		obs[i].n = 0
	}
	for _, a := range allies {
		o := &obs[a.ob]
		states[o.allies+o.n] = a.state
		o.n++
	}
	out := make([]Obligation, len(obs))
	for i := range obs {
		o := &obs[i]
		as := states[o.allies : o.allies+o.n : o.allies+o.n]
		slices.Sort(as)
		conds := make([]string, len(o.p.Conditions))
		for k, c := range o.p.Conditions {
			conds[k] = c.In(q.Lang)
		}
		out[i] = Obligation{Alliance: o.alliance.ID, Source: "atop", Obligation: o.kind, Allies: slices.Compact(as),
			Conditions: conds, Certainty: csto.Certain}
		if o.possible {
			out[i].Certainty = csto.Possible
		}
		if o.note != "" {
			out[i].Note = say(q.Lang, o.note)
		}
	}
	slices.SortStableFunc(out, func(a, b Obligation) int {
		return cmp.Or(cmp.Compare(allianceOrder(a.Alliance), allianceOrder(b.Alliance)), strings.Compare(a.Alliance, b.Alliance),
			kindOrder(a.Obligation)-kindOrder(b.Obligation))
	})
	return out
}

// allianceOrder orders ATOP alliances by their number.
func allianceOrder(id string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "atop-"))
	if err != nil {
		return 1 << 30
	}
	return n
}

// conflicts finds the aggressor among the members of the target's
// alliances, and the allies bound to the aggressor by another alliance.
func conflicts(m *registry.Model, q Query, obs []Obligation) []Conflict {
	var out []Conflict
	allies := map[string]bool{}
	for _, o := range obs {
		for _, s := range o.Allies {
			allies[s] = true
		}
		for _, s := range o.AlliesStatus {
			allies[s.State] = true
		}
	}
	// The aggressor in the target's own alliances.
	reported := map[string]bool{}
	for _, org := range curatedOrgs(m) {
		st := m.StatusAt(q.Aggressor, org, q.At)
		if !memberLike(st.Status) || !memberLike(m.StatusAt(q.Target, org, q.At).Status) {
			continue
		}
		c := Conflict{Kind: "aggressor-is-member", State: q.Aggressor, Alliance: org, Source: "curated", Certainty: st.Certainty}
		for _, p := range ProvisionsInForce(m, org, q.At) {
			if p.Kind == "non-use-of-force" || p.Kind == "nonaggression" {
				c.Obligations = appendNew(c.Obligations, p.Kind)
				if c.Article == "" {
					c.Article = p.Cite
				}
			}
		}
		out = append(out, c)
		reported[org] = true
	}
	type phaseKey struct {
		alliance string
		phase    int
	}
	aggressorRows := map[phaseKey]*registry.AllianceMember{} // the aggressor's rows covering at
	m.EachStateAllianceRow(q.Aggressor, func(r *registry.AllianceMember) {
		a := m.Alliances[r.Alliance]
		if a == nil || CuratedOf[a.ATOPID] != "" {
			return
		}
		if p, _ := rowCoverage(a, r, q.At); p {
			aggressorRows[phaseKey{r.Alliance, r.Phase}] = r
		}
	})
	inReport := map[string]bool{}
	for _, o := range obs {
		if o.Source == "atop" {
			inReport[o.Alliance] = true
		}
	}
	m.EachStateAllianceRow(q.Target, func(t *registry.AllianceMember) {
		if !inReport[t.Alliance] || reported[t.Alliance] {
			return
		}
		if p, _ := rowCoverage(m.Alliances[t.Alliance], t, q.At); !p {
			return
		}
		if r, ok := aggressorRows[phaseKey{t.Alliance, t.Phase}]; ok {
			out = append(out, Conflict{Kind: "aggressor-is-member", State: q.Aggressor, Alliance: t.Alliance, Source: "atop",
				Obligations: kinds(r.Provisions), Certainty: rowCertainty(m, r, q.At)})
			reported[t.Alliance] = true
		}
	})
	// Allies bound to the aggressor by another alliance: the curated
	// organizations the aggressor belongs to, and the ATOP alliance phases
	// it is a member of, searched for the target's allies.
	for _, org := range curatedOrgs(m) {
		sg := m.StatusAt(q.Aggressor, org, q.At)
		if reported[org] || !memberLike(sg.Status) {
			continue
		}
		var obligations []string
		for _, p := range ProvisionsInForce(m, org, q.At) {
			obligations = appendNew(obligations, p.Kind)
		}
		for _, ally := range sortedKeys(allies) {
			sa := m.StatusAt(ally, org, q.At)
			if ally == q.Aggressor || !memberLike(sa.Status) {
				continue
			}
			c := Conflict{Kind: "ally-bound-to-aggressor", State: ally, Alliance: org, Source: "curated", Obligations: obligations, Certainty: csto.Certain}
			if sa.Certainty != csto.Certain || sg.Certainty != csto.Certain {
				c.Certainty = csto.Possible
			}
			out = append(out, c)
		}
	}
	for key, g := range aggressorRows {
		if reported[key.alliance] {
			continue
		}
		a := m.Alliances[key.alliance]
		gc := rowCertainty(m, g, q.At)
		m.EachAllianceRow(key.alliance, func(r *registry.AllianceMember) {
			if r.Phase != key.phase || r.State == q.Aggressor || !allies[r.State] || len(r.Provisions) == 0 {
				return
			}
			p, certain := rowCoverage(a, r, q.At)
			if !p {
				return
			}
			c := Conflict{Kind: "ally-bound-to-aggressor", State: r.State, Alliance: r.Alliance, Source: "atop",
				Obligations: kinds(r.Provisions), Certainty: csto.Certain}
			if !certain || gc != csto.Certain {
				c.Certainty = csto.Possible
			}
			out = append(out, c)
		})
	}
	slices.SortStableFunc(out, func(a, b Conflict) int {
		return cmp.Or(strings.Compare(a.Kind, b.Kind), strings.Compare(a.State, b.State),
			cmp.Compare(allianceOrder(a.Alliance), allianceOrder(b.Alliance)), strings.Compare(a.Alliance, b.Alliance))
	})
	out = slices.CompactFunc(out, func(a, b Conflict) bool {
		return a.Kind == b.Kind && a.State == b.State && a.Alliance == b.Alliance
	})
	if out == nil {
		out = []Conflict{}
	}
	return out
}

func rowCertainty(m *registry.Model, r *registry.AllianceMember, at edtf.Date) csto.Certainty {
	if _, c := rowCoverage(m.Alliances[r.Alliance], r, at); c {
		return csto.Certain
	}
	return csto.Possible
}

func kinds(ps []csto.Provision) []string {
	out := []string{}
	for _, p := range ps {
		out = appendNew(out, p.Kind)
	}
	return out
}

func appendNew(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
