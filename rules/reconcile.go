package rules

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// Reconciliation lists every difference between ATOP's record of an
// alliance and csto's curated record of it, each with both sides and
// their sources.
type Reconciliation struct {
	ATOPID      int          `json:"atopid"`
	Alliance    string       `json:"alliance"` // the imported ATOP alliance, atop-4220
	Org         string       `json:"org"`      // the curated organization, csto
	Differences []Difference `json:"differences"`
	lang        csto.Lang
}

// Difference is one point on which the two records differ.
type Difference struct {
	Kind    string `json:"kind"` // in-force, phase, member-entry, member-exit, member-span, provision, condition
	State   string `json:"state,omitempty"`
	ATOP    Side   `json:"atop"`
	Curated Side   `json:"curated"`
	Note    string `json:"note,omitempty"`
}

// Side is what one record says, where, and on whose authority.
type Side struct {
	Value   string   `json:"value"`   // a date, a span, a provision; "" when the record has nothing
	Events  []string `json:"events"`  // the commands that record it
	Sources []string `json:"sources"` // their sources
	Article string   `json:"article,omitempty"`
}

// v is a value of a difference in the reconciliation's language
// (reconcile.v.* in i18n; the English is the API's original wording).
func (rc *Reconciliation) v(key string, args ...any) string {
	return i18n.Tf(rc.lang, "reconcile.v."+key, args...)
}

// kind names a provision kind: its code in English (as the API always
// gave it), its name in Arabic and Russian.
func (rc *Reconciliation) kind(k string) string {
	if rc.lang == csto.English {
		return k
	}
	return i18n.T(rc.lang, "provision."+k)
}

// ReconcileATOP compares ATOP alliance atopid (imported) with the curated
// organization csto keeps for it (CuratedOf). It returns a NotFound error
// when the alliance is not imported.
func ReconcileATOP(m *registry.Model, atopid int, lang csto.Lang) (Reconciliation, error) {
	org := CuratedOf[atopid]
	if org == "" {
		return Reconciliation{}, csto.Errorf(csto.NotFound, "atopid", "csto keeps no curated record of ATOP alliance %d", atopid)
	}
	a, ok := m.AllianceByATOPID(atopid)
	if !ok {
		return Reconciliation{}, csto.Errorf(csto.NotFound, "atopid", "ATOP alliance %d is not imported: run `csto import atop --members PATH/atop5_1m.csv`", atopid)
	}
	rc := Reconciliation{ATOPID: atopid, Alliance: a.ID, Org: org, Differences: []Difference{}, lang: lang}
	rd := &reader{Model: m}
	rc.inForce(rd, a, org)
	rc.phases(rd, a, org)
	rc.members(rd, a, org)
	rc.provisions(rd, a, org)
	if rd.err != nil {
		return Reconciliation{}, rd.err
	}
	return rc, nil
}

func atopSide(value string, events ...string) Side {
	return Side{Value: value, Events: events, Sources: []string{ATOPSource}}
}

// curatedSide names the events of seqs and their sources.
func curatedSide(m *reader, value string, seqs ...int64) Side {
	s := Side{Value: value, Events: []string{}, Sources: []string{}}
	for _, seq := range seqs {
		if seq <= 0 {
			continue
		}
		if _, b, ok := m.entry(seq); ok {
			s.Events = append(s.Events, b.ID)
			for _, src := range b.Sources {
				s.Sources = appendNew(s.Sources, src)
			}
			continue
		}
		if id, ok := m.commandAt(seq); ok {
			s.Events = append(s.Events, id)
		}
	}
	return s
}

// membershipInstrument returns the instrument whose parties are org's
// members.
func membershipInstrument(m *registry.Model, org string) *registry.Instrument {
	if o := m.Orgs[org]; o != nil {
		return m.Instruments[o.MembershipInstrument]
	}
	return nil
}

// inForce: ATOP dates a membership from the signature; csto binds a
// state from the treaty's entry into force (before it, a signatory).
func (rc *Reconciliation) inForce(m *reader, a *registry.Alliance, org string) {
	in := membershipInstrument(m.Model, org)
	if in == nil || in.InForce.IsZero() || edtf.Compare(in.InForce, a.Begin) == 0 {
		return
	}
	rc.Differences = append(rc.Differences, Difference{Kind: "in-force",
		ATOP:    atopSide(a.Begin.String(), "atop:alliance:"+fmt.Sprint(a.ATOPID)),
		Curated: curatedSide(m, in.InForce.String(), in.Seq, inForceSeq(m, in)),
		Note:    i18n.Tf(rc.lang, "reconcile.in-force", a.Begin, in.InForce)})
}

// inForceSeq returns the position of in's entry into force (0: none).
// The entry's command ID names the instrument; the entries do not keep
// their IDs, so those of the same type, date and organization are read.
func inForceSeq(m *reader, in *registry.Instrument) int64 {
	for i := range m.Entries {
		e := &m.Entries[i]
		if e.Type() == csto.CmdInForce && e.Date() == in.InForce && slices.Contains(e.Orgs(), in.Org) {
			if _, b, ok := m.entry(e.Seq); ok && strings.Contains(b.ID, in.ID) {
				return e.Seq
			}
		}
	}
	return 0
}

// phases: ATOP begins a phase where the written terms change; csto dates
// each instrument's signature and entry into force.
func (rc *Reconciliation) phases(m *reader, a *registry.Alliance, org string) {
	var ins []*registry.Instrument
	for _, in := range m.Instruments {
		if in.Org == org && (len(in.Articles) > 0 || len(in.Amends) > 0) && in.Kind != "agreement" {
			ins = append(ins, in)
		}
	}
	slices.SortFunc(ins, func(x, y *registry.Instrument) int { return edtf.Compare(x.Adopted, y.Adopted) })
	for _, p := range a.Phases {
		matched := false
		for _, in := range ins {
			if edtf.Compare(in.Adopted, p.Begin) == 0 || edtf.Compare(in.InForce, p.Begin) == 0 {
				matched = true
				if !in.InForce.IsZero() && edtf.Compare(in.InForce, p.Begin) != 0 && edtf.Compare(in.Adopted, a.Begin) != 0 {
					rc.Differences = append(rc.Differences, Difference{Kind: "phase",
						ATOP:    atopSide(rc.v("phase", p.Phase, p.Begin), "atop:alliance:"+fmt.Sprint(a.ATOPID)),
						Curated: curatedSide(m, rc.v("signed", in.ID, in.Adopted, in.InForce), in.Seq, inForceSeq(m, in)),
						Note:    i18n.T(rc.lang, "reconcile.phase-signature")})
				}
			}
		}
		if !matched {
			rc.Differences = append(rc.Differences, Difference{Kind: "phase",
				ATOP:    atopSide(rc.v("phase", p.Phase, p.Begin), "atop:alliance:"+fmt.Sprint(a.ATOPID)),
				Curated: Side{Events: []string{}, Sources: []string{}},
				Note:    i18n.T(rc.lang, "reconcile.phase-none")})
		}
	}
	for _, in := range ins {
		if len(in.Amends) == 0 || in.InForce.IsZero() || len(in.Articles) == 0 {
			continue
		}
		inPhase := false
		for _, p := range a.Phases {
			inPhase = inPhase || edtf.Compare(p.Begin, in.InForce) == 0 || edtf.Compare(p.Begin, in.Adopted) == 0
		}
		if inPhase {
			continue
		}
		nums := make([]string, len(in.Articles))
		for i, ar := range in.Articles {
			nums[i] = ar.Num
		}
		rc.Differences = append(rc.Differences, Difference{Kind: "phase",
			ATOP: atopSide("", "atop:alliance:"+fmt.Sprint(a.ATOPID)),
			Curated: curatedSide(m, rc.v("amending", in.ID, in.InForce, strings.Join(in.Amends, i18n.T(rc.lang, "web.comma")),
				strings.Join(nums, i18n.T(rc.lang, "web.comma"))), in.Seq, inForceSeq(m, in)),
			Note: i18n.T(rc.lang, "reconcile.phase-amendment")})
	}
}

// span is a stretch of membership: [entry, exit), exit zero while open,
// with the events that record its ends.
type span struct {
	entry, exit edtf.Date
	entryEvents []int64 // curated
	exitEvents  []int64
	rows        []string // ATOP member commands
	note        string
}

// atopSpans returns each state's memberships of the alliance, phases that
// follow one another on the same day joined.
func atopSpans(m *registry.Model, a *registry.Alliance) map[string][]span {
	byState := map[string][]registry.AllianceMember{}
	m.EachAllianceRow(a.ID, func(r *registry.AllianceMember) { byState[r.State] = append(byState[r.State], *r) })
	out := map[string][]span{}
	for s, rows := range byState {
		slices.SortFunc(rows, func(x, y registry.AllianceMember) int { return edtf.Compare(x.Entry, y.Entry) })
		var spans []span
		for _, r := range rows {
			id := fmt.Sprintf("atop:member:%d:%d:%d:%s", a.ATOPID, r.Phase, r.COW, r.Entry)
			if n := len(spans); n > 0 && !spans[n-1].exit.IsZero() && spans[n-1].exit == r.Entry {
				spans[n-1].exit = r.Exit
				spans[n-1].rows = append(spans[n-1].rows, id)
				continue
			}
			spans = append(spans, span{entry: r.Entry, exit: r.Exit, rows: []string{id}})
		}
		out[s] = spans
	}
	return out
}

// curatedSpans returns each state's runs of binding membership of org
// (member or participation frozen), each entered as ATOP would date it: a
// run that begins at the treaty's entry into force is entered at the
// state's signature.
func curatedSpans(m *registry.Model, org string, lang csto.Lang) map[string][]span {
	out := map[string][]span{}
	in := membershipInstrument(m, org)
	for _, s := range m.StatesIn(org) {
		var spans []span
		var cur *span
		var statuses []string
		for _, sp := range m.Spells(s, org) {
			bound := sp.Status == csto.Member || sp.Status == csto.ParticipationFrozen
			switch {
			case bound && cur == nil:
				cur = &span{entry: sp.From, entryEvents: []int64{sp.Seq}}
				if in != nil && sp.From == in.InForce {
					for _, act := range m.Acts {
						if act.State == s && act.Instrument == in.ID && act.Type == csto.CmdPartySign && edtf.Compare(act.Date, sp.From) <= 0 {
							cur.entry, cur.entryEvents = act.Date, []int64{act.Seq}
						}
					}
				}
				statuses = []string{i18n.Tf(lang, "reconcile.status-from", i18n.T(lang, "status."+string(sp.Status)), sp.From)}
			case bound:
				statuses = append(statuses, i18n.Tf(lang, "reconcile.status-from", i18n.T(lang, "status."+string(sp.Status)), sp.From))
			case cur != nil:
				cur.exit, cur.exitEvents = sp.From, []int64{sp.Seq}
				statuses = append(statuses, i18n.Tf(lang, "reconcile.status-from", i18n.T(lang, "status."+string(sp.Status)), sp.From))
				cur.note = strings.Join(statuses, listSep(lang))
				spans = append(spans, *cur)
				cur = nil
			}
		}
		if cur != nil {
			cur.note = strings.Join(statuses, listSep(lang))
			spans = append(spans, *cur)
		}
		if len(spans) > 0 {
			out[s] = spans
		}
	}
	return out
}

// members compares each state's spans of membership.
func (rc *Reconciliation) members(m *reader, a *registry.Alliance, org string) {
	as, cs := atopSpans(m.Model, a), curatedSpans(m.Model, org, rc.lang)
	states := sortedKeys(as)
	for s := range cs {
		states = appendNew(states, s)
	}
	slices.Sort(states)
	for _, s := range states {
		x, y := as[s], cs[s]
		for i := 0; i < max(len(x), len(y)); i++ {
			switch {
			case i >= len(y):
				rc.Differences = append(rc.Differences, Difference{Kind: "member-span", State: s,
					ATOP:    atopSide(spanString(x[i]), x[i].rows...),
					Curated: Side{Events: []string{}, Sources: []string{}},
					Note:    i18n.T(rc.lang, "reconcile.span-no-curated")})
				continue
			case i >= len(x):
				if !a.Observed.IsZero() && y[i].entry.Earliest() > a.Observed.Latest() {
					continue // after the last day ATOP observes
				}
				rc.Differences = append(rc.Differences, Difference{Kind: "member-span", State: s,
					ATOP:    Side{Events: []string{}, Sources: []string{ATOPSource}},
					Curated: curatedSide(m, spanString(y[i]), append(y[i].entryEvents, y[i].exitEvents...)...),
					Note:    i18n.Tf(rc.lang, "reconcile.span-no-atop", y[i].note)})
				continue
			}
			if x[i].entry != y[i].entry {
				rc.Differences = append(rc.Differences, Difference{Kind: "member-entry", State: s,
					ATOP:    atopSide(x[i].entry.String(), x[i].rows[0]),
					Curated: curatedSide(m, y[i].entry.String(), y[i].entryEvents...),
					Note:    i18n.Tf(rc.lang, "reconcile.csto", y[i].note)})
			}
			xe, ye := x[i].exit, y[i].exit
			if ye.IsZero() == xe.IsZero() && xe == ye {
				continue
			}
			if xe.IsZero() && !a.Observed.IsZero() && ye.Earliest() > a.Observed.Latest() {
				continue // ATOP's membership runs to its last day; csto's ends after it
			}
			atopExit, curExit := xe.String(), ye.String()
			if xe.IsZero() {
				atopExit = rc.v("in-force-on", a.Observed)
			}
			if ye.IsZero() {
				curExit = rc.v("in-force")
			}
			rc.Differences = append(rc.Differences, Difference{Kind: "member-exit", State: s,
				ATOP:    atopSide(atopExit, x[i].rows[len(x[i].rows)-1]),
				Curated: curatedSide(m, curExit, y[i].exitEvents...),
				Note:    rc.exitNote(m, s, org, xe, ye, y[i].note)})
		}
	}
}

func spanString(s span) string {
	end := ".."
	if !s.exit.IsZero() {
		end = s.exit.String()
	}
	return s.entry.String() + "/" + end
}

// intrinsic are the conditions a provision's kind implies in ATOP's
// definitions (DEFENSE: "in the event of attack"; CONSUL: "in the event
// of crises"; collective self-defence under the UN Charter): not coded as
// conditions by ATOP, so no difference.
var intrinsic = map[string]bool{"aggression": true, "threat": true, "un-charter-51": true}

// provisions compares the obligations: ATOP's member-level codes of the
// alliance and the provisions of the curated instruments over the same
// years (csto's non-use of force among members is ATOP's NONAGG).
func (rc *Reconciliation) provisions(m *reader, a *registry.Alliance, org string) {
	atopKinds := map[string]string{} // kind → the first row coding it
	atopCodes := map[string]string{} // kind/code → row
	m.EachAllianceRow(a.ID, func(r *registry.AllianceMember) {
		id := fmt.Sprintf("atop:member:%d:%d:%d:%s", a.ATOPID, r.Phase, r.COW, r.Entry)
		for _, p := range r.Provisions {
			k := normalKind(p.Kind)
			if atopKinds[k] == "" {
				atopKinds[k] = id
			}
			for _, c := range p.Codes {
				if atopCodes[k+"/"+c] == "" {
					atopCodes[k+"/"+c] = id
				}
			}
		}
	})
	type seen struct {
		p    Provision
		from edtf.Date
	}
	curKinds := map[string]seen{}
	curCodes := map[string]seen{}
	var days []edtf.Date
	for _, in := range m.Instruments {
		if in.Org == org && !in.InForce.IsZero() {
			days = append(days, in.InForce)
		}
	}
	slices.SortFunc(days, edtf.Compare)
	for _, d := range days {
		for _, p := range ProvisionsInForce(m.Model, org, d) {
			k := normalKind(p.Kind)
			if _, ok := curKinds[k]; !ok {
				curKinds[k] = seen{p, d}
			}
			for _, c := range p.Codes {
				if _, ok := curCodes[k+"/"+c]; !ok {
					curCodes[k+"/"+c] = seen{p, d}
				}
			}
		}
	}
	instrumentSeq := func(p Provision) int64 {
		id := p.AmendedBy
		if id == "" {
			id = p.Instrument
		}
		if in := m.Instruments[id]; in != nil {
			return in.Seq
		}
		return 0
	}
	for _, k := range sortedKeys(curKinds) {
		if atopKinds[k] != "" {
			continue
		}
		sn := curKinds[k]
		rc.Differences = append(rc.Differences, Difference{Kind: "provision",
			ATOP:    atopSide(""),
			Curated: withArticle(curatedSide(m, rc.v("from", rc.kind(k), sn.from), instrumentSeq(sn.p)), sn.p.Cite),
			Note:    i18n.T(rc.lang, "reconcile.provision-no-atop")})
	}
	for _, k := range sortedKeys(atopKinds) {
		if _, ok := curKinds[k]; ok {
			continue
		}
		rc.Differences = append(rc.Differences, Difference{Kind: "provision",
			ATOP:    atopSide(rc.kind(k), atopKinds[k]),
			Curated: Side{Events: []string{}, Sources: []string{}},
			Note:    i18n.T(rc.lang, "reconcile.provision-no-curated")})
	}
	for _, kc := range sortedKeys(curCodes) {
		k, c, _ := strings.Cut(kc, "/")
		if intrinsic[c] || atopCodes[kc] != "" || atopKinds[k] == "" {
			continue
		}
		sn := curCodes[kc]
		text := c
		for i, code := range sn.p.Codes {
			if code == c && i < len(sn.p.Conditions) {
				text = sn.p.Conditions[i].In(rc.lang)
			}
		}
		rc.Differences = append(rc.Differences, Difference{Kind: "condition",
			ATOP:    atopSide(rc.v("unconditional", rc.kind(k)), atopKinds[k]),
			Curated: withArticle(curatedSide(m, rc.v("condition", rc.kind(k), text, sn.from), instrumentSeq(sn.p)), sn.p.Cite),
			Note:    i18n.T(rc.lang, "reconcile.condition-unconditional")})
	}
	for _, kc := range sortedKeys(atopCodes) {
		if _, ok := curCodes[kc]; ok {
			continue
		}
		k, c, _ := strings.Cut(kc, "/")
		rc.Differences = append(rc.Differences, Difference{Kind: "condition",
			ATOP:    atopSide(rc.kind(k)+" "+conditionText(c).In(rc.lang), atopCodes[kc]),
			Curated: Side{Events: []string{}, Sources: []string{}},
			Note:    i18n.T(rc.lang, "reconcile.condition-no-curated")})
	}
	slices.SortStableFunc(rc.Differences, func(x, y Difference) int {
		return cmp.Or(cmp.Compare(diffOrder(x.Kind), diffOrder(y.Kind)), strings.Compare(x.State, y.State))
	})
}

func withArticle(s Side, cite string) Side { s.Article = cite; return s }

// normalKind maps csto's non-use of force to ATOP's nonaggression.
func normalKind(k string) string {
	if k == "non-use-of-force" {
		return "nonaggression"
	}
	return k
}

func diffOrder(kind string) int {
	return slices.Index([]string{"in-force", "phase", "member-entry", "member-exit", "member-span", "provision", "condition"}, kind)
}

// exitNote explains a difference of exit dates. Two differences are not
// disagreements on the facts, and say so:
//
//   - csto's exit the day after ATOP's: ATOP dates the exit on the day the
//     commitment's term expired, csto on the first day out (the 1999
//     departures: the Treaty's first term expired 1999-04-20; csto's
//     1999-04-21 is the first day of the extended Treaty they did not join).
//   - ATOP's exit on a date the record holds as a contested claim on a fact
//     of the state (Uzbekistan 2012: the day its note was made public, which
//     csto records as the freeze's claimed date), while csto ends the
//     membership at the Council's decision.
func (rc *Reconciliation) exitNote(m *reader, state, org string, atopExit, curExit edtf.Date, statuses string) string {
	if !atopExit.IsZero() && !curExit.IsZero() && atopExit.Earliest() == atopExit.Latest() &&
		curExit.Earliest() == curExit.Latest() && curExit.Earliest() == atopExit.Earliest()+1 {
		return i18n.Tf(rc.lang, "reconcile.exit-expiry", atopExit, curExit, statuses)
	}
	if !atopExit.IsZero() && !curExit.IsZero() {
		for _, f := range m.Facts(state, org) {
			_, b, ok := m.entry(f.Seq)
			if !ok {
				continue
			}
			for _, cl := range b.Claims {
				if d, ok := claimedDate(cl); ok && d == atopExit {
					return i18n.Tf(rc.lang, "reconcile.exit-publication", atopExit, b.ID, curExit, statuses)
				}
			}
		}
	}
	return i18n.Tf(rc.lang, "reconcile.exit", statuses)
}

// listSep is the separator of a list in lang (Arabic writes its own comma).
func listSep(lang csto.Lang) string {
	if lang == csto.Arabic {
		return "، "
	}
	return ", "
}
