package registry

import (
	"cmp"
	"context"
	"encoding/json"
	"math"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// MemberList answers "who were the members of an organization on a date".
type MemberList struct {
	Org     string     `json:"org"`
	At      string     `json:"at"`
	Members MemberRows `json:"members"`
}

// MemberRow is one state in a MemberList.
type MemberRow struct {
	State     string         `json:"state"`
	Name      string         `json:"name"`
	Status    csto.Status    `json:"status"`
	Since     string         `json:"since"`
	Certainty csto.Certainty `json:"certainty"`
}

// Members lists the states with a status in org at the date at (former
// members are absent), sorted by state code, names in lang. The rows are
// kept per model and period and shared between callers (asof.go): a
// question answered before costs two binary searches.
func (m *Model) Members(org string, at edtf.Date, lang csto.Lang) (MemberList, error) {
	if m.Orgs[org] == nil {
		return MemberList{}, csto.Errorf(csto.NotFound, "org", "unknown organization %q", org)
	}
	out := MemberList{Org: org, At: at.String()}
	if om := m.index().members[org]; om != nil {
		out.Members = om.rows(m, at, lang)
	}
	return out, nil
}

func (m *Model) stateName(code string, lang csto.Lang) string {
	if s := m.States[code]; s != nil {
		return s.Name.In(lang)
	}
	return code
}

func (m *Model) orgName(id string, lang csto.Lang) string {
	if o := m.Orgs[id]; o != nil {
		return o.Name.In(lang)
	}
	return id
}

// SourceRef is a cited source as queries show it.
type SourceRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
	// Specificity says how far a reader can check it (sources.go).
	Specificity csto.Specificity `json:"specificity"`
}

// ClaimView is a contested claim as queries show it.
type ClaimView struct {
	Field   string          `json:"field"`
	Value   json.RawMessage `json:"value"`
	Sources []SourceRef     `json:"sources"`
	Note    string          `json:"note,omitempty"`
}

// EntryView is a timeline entry in one language.
type EntryView struct {
	Seq       int64       `json:"seq"`
	ID        string      `json:"id"`
	Type      string      `json:"type"`
	Kind      string      `json:"kind"`
	Date      string      `json:"date"`
	Text      string      `json:"text"`
	States    []string    `json:"states,omitempty"`
	Orgs      []string    `json:"orgs,omitempty"`
	Sources   []SourceRef `json:"sources"`
	Claims    []ClaimView `json:"claims,omitempty"`
	Preferred string      `json:"preferred,omitempty"`
	// WeaklySourced: every source of the entry is weak (csto sources check).
	WeaklySourced bool `json:"weakly_sourced,omitempty"`
	// Corrections are the record.correct events that changed this entry
	// (correct.go); the entry shows the corrected values.
	Corrections []CorrectionView `json:"corrections,omitempty"`
}

// CorrectionView is one correction of an entry as queries show it.
type CorrectionView struct {
	Seq     int64       `json:"seq"`
	ID      string      `json:"id"`
	Fields  []string    `json:"fields"`
	Reason  string      `json:"reason"`
	Sources []SourceRef `json:"sources"`
	Error   string      `json:"error,omitempty"` // set when it could not be applied
}

func (m *Model) sourceRefs(ids []string) []SourceRef {
	out := make([]SourceRef, 0, len(ids))
	for _, id := range ids {
		r := SourceRef{ID: id, Specificity: m.SourceSpecificity(id)}
		if s := m.Sources[id]; s != nil {
			r.Title, r.URL = s.Title, s.URL
		}
		out = append(out, r)
	}
	return out
}

// View returns the view of e, one of m's entries, in lang, its body read
// back from the store when m does not hold it.
func (m *Model) View(e *Entry, lang csto.Lang) (EntryView, error) {
	b, err := m.Body(e)
	if err != nil {
		return EntryView{}, err
	}
	return m.view(e, &b, lang), nil
}

// views returns the views of es, their bodies read in one go.
func (m *Model) views(es []*Entry, lang csto.Lang) ([]EntryView, error) {
	bs, err := m.bodies(context.Background(), es)
	if err != nil {
		return nil, err
	}
	vs := make([]EntryView, len(es))
	for i, e := range es {
		vs[i] = m.view(e, bs[i], lang)
	}
	return vs, nil
}

func (m *Model) view(e *Entry, b *EntryBody, lang csto.Lang) EntryView {
	v := EntryView{Seq: e.Seq, ID: b.ID, Type: e.Type(), Kind: e.Kind(), Date: e.Date().String(), Text: b.Text.In(lang),
		States: e.States(), Orgs: e.Orgs(), Sources: m.sourceRefs(b.Sources), Preferred: b.Preferred.In(lang),
		WeaklySourced: m.WeaklySourced(b.Sources)}
	for _, c := range b.Claims {
		v.Claims = append(v.Claims, ClaimView{Field: c.Field, Value: c.Value, Sources: m.sourceRefs(c.Sources), Note: c.Note.In(lang)})
	}
	for _, f := range b.Corrections {
		v.Corrections = append(v.Corrections, CorrectionView{Seq: f.Seq, ID: f.ID, Fields: f.Fields, Reason: f.Reason.In(lang), Sources: m.sourceRefs(f.Sources), Error: f.Err})
	}
	return v
}

// TimelineFilter selects timeline entries. Zero fields select everything.
type TimelineFilter struct {
	Org   string
	State string
	Kind  string
	From  edtf.Date // entries that may fall on or after From's earliest day
	To    edtf.Date // entries that may fall on or before To's latest day
	// After is a cursor: only the entries after the entry of this log
	// position in the timeline's order (what Timeline.Next returns). 0:
	// from the first.
	After int64
	// Limit is the most entries returned (0: all); Timeline.Next is then
	// set when more follow.
	Limit int
}

// Timeline is the chronology a filter selects.
type Timeline struct {
	Org    string      `json:"org,omitempty"`
	State  string      `json:"state,omitempty"`
	From   string      `json:"from,omitempty"`
	To     string      `json:"to,omitempty"`
	Events []EntryView `json:"events"`
	// Next is the cursor of the next page (TimelineFilter.After), absent
	// on the last.
	Next int64 `json:"next,omitempty"`
}

// Timeline returns the dated events f selects, in date order (earliest
// day, then latest day, then log order).
func (m *Model) Timeline(f TimelineFilter, lang csto.Lang) (Timeline, error) {
	t, _, err := m.timeline(f, 0, false, lang)
	return t, err
}

// TimelineWindow is Timeline for a page given by its offset: the
// entries from the offset-th (0-based) of those f selects, at most
// f.Limit of them (0: all), and how many f selects in all. Views are
// built for the window only; the rest are counted, not rendered, so a
// numbered page costs its page and one pass of the filter's candidates
// through the index (the web's timeline pages by number).
func (m *Model) TimelineWindow(f TimelineFilter, offset int, lang csto.Lang) (Timeline, int, error) {
	if offset < 0 {
		return Timeline{}, 0, csto.Errorf(csto.Invalid, "offset", "%d is negative", offset)
	}
	return m.timeline(f, offset, true, lang)
}

// TimelineCount returns how many entries f selects (After and Limit
// aside), without building a view.
func (m *Model) TimelineCount(f TimelineFilter) (int, error) {
	_, n, err := m.timeline(f, math.MaxInt, true, "")
	return n, err
}

// timeline answers Timeline and TimelineWindow: the entries f selects
// from the offset-th, and, when count is set, how many it selects in
// all (the scan then goes on past the page without building views).
func (m *Model) timeline(f TimelineFilter, offset int, count bool, lang csto.Lang) (Timeline, int, error) {
	if f.Org != "" && m.Orgs[f.Org] == nil {
		return Timeline{}, 0, csto.Errorf(csto.NotFound, "org", "unknown organization %q", f.Org)
	}
	if f.State != "" && m.States[f.State] == nil {
		return Timeline{}, 0, csto.Errorf(csto.NotFound, "state", "unknown state %q", f.State)
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Latest() < f.From.Earliest() {
		return Timeline{}, 0, csto.Errorf(csto.Invalid, "to", "the end of the period (%s) is before its start (%s)", f.To, f.From)
	}
	t := Timeline{Org: f.Org, State: f.State, From: f.From.String(), To: f.To.String(), Events: []EntryView{}}
	var after *Entry
	if f.After != 0 {
		var ok bool
		if after, ok = m.entryAt(f.After); !ok {
			return Timeline{}, 0, csto.Errorf(csto.Invalid, "after", "%d is not the position of a timeline entry", f.After)
		}
	}
	ix := m.index()
	list := ix.list(&f)
	// A list is exactly what f selects when f names at most one key and
	// no dates or cursor: its length is the count, and the scan stops at
	// the page's end.
	keys := 0
	for _, k := range []string{f.Org, f.State, f.Kind} {
		if k != "" {
			keys++
		}
	}
	exact := keys <= 1 && f.From.IsZero() && f.To.IsZero() && after == nil
	count = count && !exact
	n := 0 // entries f selects, so far
	if exact && offset >= list.len() {
		return t, list.len(), nil // nothing in the window (TimelineCount)
	}
	var page []*Entry
	m.scan(list, f.From, f.To, after, func(p int32) bool {
		e := &m.Entries[p]
		if !f.selects(e) {
			return true
		}
		n++
		switch {
		case n <= offset:
		case f.Limit > 0 && len(page) == f.Limit:
			if t.Next == 0 {
				t.Next = page[f.Limit-1].Seq
			}
			return count
		default:
			page = append(page, e)
		}
		return true
	})
	if exact {
		n = list.len()
	}
	if len(page) > 0 {
		vs, err := m.views(page, lang)
		if err != nil {
			return Timeline{}, 0, err
		}
		t.Events = vs
	}
	return t, n, nil
}

// entryOrder is the timeline's order: earliest day, then latest day, then
// log order.
func entryOrder(a, b *Entry) int {
	if a.date != b.date { // dates are shared: the same one is equal
		if c := edtf.Compare(a.Date(), b.Date()); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.Seq, b.Seq)
}

// SpellView is a membership spell as queries show it.
type SpellView struct {
	Status csto.Status `json:"status"`
	From   string      `json:"from"`
	To     string      `json:"to,omitempty"`
}

// MembershipView is a state's history in one organization.
type MembershipView struct {
	Org    string      `json:"org"`
	Name   string      `json:"name"`
	Spells []SpellView `json:"spells"`
}

// StateView is one state's whole record.
type StateView struct {
	State       string           `json:"state"`
	Name        string           `json:"name"`
	Names       csto.Text        `json:"names"`
	Aliases     csto.Aliases     `json:"aliases"`
	COW         int              `json:"cow,omitempty"`
	Wikidata    string           `json:"wikidata,omitempty"`
	ExistsFrom  string           `json:"exists_from"`
	Memberships []MembershipView `json:"memberships"`
	// Events are the page of dated events the state takes part in, in
	// the timeline's order.
	Events []EntryView `json:"events"`
	// Next is the cursor of the next page of Events (Page.After), absent
	// on the last.
	Next int64 `json:"next,omitempty"`
}

// Page is a page of a list in the timeline's order: the entries after
// the one of log position After (0: from the first), at most Limit of
// them (0: all).
type Page struct {
	After int64
	Limit int
}

// State returns a state's record: names, its memberships in every
// organization, and the page p of the dated events it takes part in
// (views are built only for the page: the state's entries are read in
// order from the index, index.go).
func (m *Model) State(code string, p Page, lang csto.Lang) (StateView, error) {
	s := m.States[strings.ToUpper(code)]
	if s == nil {
		return StateView{}, csto.Errorf(csto.NotFound, "state", "unknown state %q", code)
	}
	v := StateView{State: s.Code, Name: s.Name.In(lang), Names: s.Name, Aliases: s.Aliases, COW: s.COW,
		Wikidata: s.Wikidata, ExistsFrom: s.ExistsFrom.String(), Memberships: []MembershipView{}}
	orgs := []string{}
	for pair := range m.spells {
		if pair.State == s.Code && len(m.spells[pair]) > 0 {
			orgs = append(orgs, pair.Org)
		}
	}
	slices.SortFunc(orgs, func(a, b string) int {
		return cmp.Or(edtf.Compare(m.Orgs[a].Founded, m.Orgs[b].Founded), strings.Compare(a, b)) // one order for every page
	})
	for _, o := range orgs {
		mv := MembershipView{Org: o, Name: m.orgName(o, lang)}
		for _, sp := range m.Spells(s.Code, o) {
			mv.Spells = append(mv.Spells, SpellView{Status: sp.Status, From: sp.From.String(), To: sp.To.String()})
		}
		v.Memberships = append(v.Memberships, mv)
	}
	tl, err := m.Timeline(TimelineFilter{State: s.Code, After: p.After, Limit: p.Limit}, lang)
	if err != nil {
		return StateView{}, err
	}
	v.Events, v.Next = tl.Events, tl.Next
	return v, nil
}
