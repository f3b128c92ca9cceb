package web

import (
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// /timeline: the dated events, filtered by organization, kind, state and
// period (a GET form), each with its sources and, for a contested fact,
// every claim with its sources and the preferred one with the reason.
// ?org= absent means the CSTO; present and empty means every
// organization. Fifty events a page keep a page small.

const timelinePage = 50

type timelineData struct {
	Org, Kind, State, From, To string
	Orgs, Kinds, States        []option
	Events                     []entryRow
	Years                      []yearGroup // Events under a heading per year
	Total, Page, Pages         int
	First, Last                int
	PrevURL, NextURL           string
}

type yearGroup struct {
	Year   string
	Events []entryRow
}

// yearLabel is the year an EDTF date starts in, as text; "" for none.
func yearLabel(date string) string {
	d, err := edtf.Parse(date)
	if err != nil || d.IsZero() {
		return ""
	}
	return strconv.Itoa(yearOf(d))
}

// filterName makes a file name's tail of a page's filters.
func filterName(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p != "" {
			b.WriteString("-" + strings.ToLower(p))
		}
	}
	return b.String()
}

func sourceIDs(refs []registry.SourceRef) string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return strings.Join(ids, " ")
}

type entryRow struct {
	registry.EntryView
	Claims []claimRow
	// PreferredValue is the record's own value of the contested field.
	PreferredValue string
	PreferredField string
}

type claimRow struct {
	Field, Value, Note string
	Sources            []registry.SourceRef
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "timeline")
	p.Title = p.T("timeline.title")
	q := r.URL.Query()
	d := timelineData{Org: org, Kind: q.Get("kind"), State: strings.ToUpper(q.Get("state")), From: q.Get("from"), To: q.Get("to")}
	if q.Has("org") {
		d.Org = strings.ToLower(q.Get("org"))
	}
	f := registry.TimelineFilter{Org: d.Org, State: d.State, Kind: d.Kind}
	var err error
	if f.From, err = dateParam(r, "from", edtf.Date{}); err == nil {
		f.To, err = dateParam(r, "to", edtf.Date{})
	}
	if err == nil && d.Org != "" && p.m.Orgs[d.Org] == nil {
		err = csto.Errorf(csto.Invalid, "org", "unknown organization %q", d.Org)
	}
	if err == nil && d.State != "" && p.m.States[d.State] == nil {
		err = csto.Errorf(csto.Invalid, "state", "unknown state %q", d.State)
	}
	// A numbered page builds the views of its own events only; the rest
	// are counted (TimelineWindow). A download holds every event the
	// filter gives, so it asks for them all.
	download := q.Get("format") != ""
	d.Page = 1
	badPage := false
	if v := q.Get("page"); v != "" {
		n, perr := strconv.Atoi(v)
		badPage = perr != nil || n < 1 || n > math.MaxInt/timelinePage
		if !badPage {
			d.Page = n
		}
	}
	var tl registry.Timeline
	if err == nil {
		if download {
			tl, err = p.m.Timeline(f, p.Lang)
			d.Total = len(tl.Events)
		} else {
			f.Limit = timelinePage
			tl, d.Total, err = p.m.TimelineWindow(f, (d.Page-1)*timelinePage, p.Lang)
		}
	}
	d.Orgs = p.orgOptions(d.Org, true)
	d.Kinds = p.kindOptions(d.Kind)
	d.States = p.stateOptions(d.State)
	if err != nil {
		// A filter the registry refuses is the reader's to correct: the form
		// stays, with the message.
		p.Error = p.errorMessage(err)
		p.Data = d
		s.render(w, http.StatusBadRequest, "timeline", p)
		return
	}
	d.Pages = max(1, (d.Total+timelinePage-1)/timelinePage)
	if badPage || d.Page > d.Pages {
		s.fail(w, p, csto.Errorf(csto.Invalid, "page", "%q is not a page of this list (1–%d)", q.Get("page"), d.Pages))
		return
	}
	page := tl.Events
	if download {
		lo, hi := (d.Page-1)*timelinePage, min(d.Page*timelinePage, d.Total)
		page = tl.Events[lo:hi]
	}
	d.First, d.Last = (d.Page-1)*timelinePage+1, (d.Page-1)*timelinePage+len(page)
	for _, e := range page {
		row := p.entryRow(e)
		d.Events = append(d.Events, row)
		y := yearLabel(e.Date)
		if n := len(d.Years); n == 0 || d.Years[n-1].Year != y {
			d.Years = append(d.Years, yearGroup{Year: y})
		}
		d.Years[len(d.Years)-1].Events = append(d.Years[len(d.Years)-1].Events, row)
	}
	// The download holds every event the filter gives, not only this
	// page's; the page itself says how many.
	t := &table{name: "events", label: p.Title, header: []string{"seq", "id", "date", "kind", "text", "states", "orgs", "sources"}, count: d.Total}
	if download {
		t.rows = make([][]string, 0, len(tl.Events))
		for _, e := range tl.Events {
			t.rows = append(t.rows, []string{strconv.FormatInt(e.Seq, 10), e.ID, e.Date, e.Kind, e.Text, strings.Join(e.States, " "), strings.Join(e.Orgs, " "), sourceIDs(e.Sources)})
		}
	}
	p.offer("timeline"+filterName(d.Org, d.Kind, d.State, d.From, d.To), "", tl, t)
	if d.Page > 1 {
		d.PrevURL = pageURL(r.URL, d.Page-1)
	}
	if d.Page < d.Pages {
		d.NextURL = pageURL(r.URL, d.Page+1)
	}
	p.Data = d
	s.render(w, http.StatusOK, "timeline", p)
}

func pageURL(u *url.URL, n int) string {
	q := u.Query()
	q.Set("page", strconv.Itoa(n))
	q.Del("lang")
	return u.Path + "?" + q.Encode()
}

// entryRow adds to an entry what a reader needs of its contested claims:
// the values written out, and the record's own value beside the reason
// it is preferred.
func (p *page) entryRow(e registry.EntryView) entryRow {
	row := entryRow{EntryView: e}
	for _, c := range e.Claims {
		row.Claims = append(row.Claims, claimRow{Field: p.Label("web.field.", c.Field), Value: p.claimValue(c.Field, c.Value), Note: c.Note, Sources: c.Sources})
		if row.PreferredField == "" {
			row.PreferredField = c.Field
		}
	}
	if row.PreferredField != "" {
		row.PreferredValue = p.preferredValue(e, row.PreferredField)
		row.PreferredField = p.Label("web.field.", row.PreferredField)
	}
	return row
}

// claimValue writes a claim's JSON value for reading: dates formatted,
// state codes named, lists joined.
func (p *page) claimValue(field string, raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	return p.valueText(field, v)
}

func (p *page) valueText(field string, v any) string {
	switch v := v.(type) {
	case string:
		if field == "date" || field == "end" {
			return p.Date(v)
		}
		if p.m.States[v] != nil {
			return p.StateName(v)
		}
		if p.m.Orgs[v] != nil {
			return p.OrgName(v)
		}
		return i18n.Value(p.Lang, v)
	case float64:
		return p.Num(int(v))
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = p.valueText(field, x)
		}
		return strings.Join(parts, p.comma())
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// preferredValue finds the record's value of a contested field: the
// entry's date, or the field of the exercise, contingent or office term
// the entry recorded. Empty when the model does not keep it.
func (p *page) preferredValue(e registry.EntryView, field string) string {
	m := p.m
	if field == "date" {
		return p.Date(e.Date)
	}
	if x, ok := m.ExerciseAt(e.Seq); ok {
		switch field {
		case "troops":
			return p.Num(x.Troops())
		case "aircraft":
			return p.Num(x.Aircraft())
		case "participants":
			return p.valueText(field, anySlice(x.Participants()))
		}
	}
	for _, t := range m.Terms {
		if t.Seq == e.Seq && field == "end" {
			return p.DateOf(t.End)
		}
	}
	// A contingent's entry names the contributing state, then the host.
	if e.Type == csto.CmdOperationContingent && field == "troops" && len(e.States) == 2 {
		for _, op := range m.Operations {
			for _, c := range op.Contingents {
				if c.State == e.States[0] && op.Host == e.States[1] {
					return p.Num(c.Troops)
				}
			}
		}
	}
	return ""
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// kindOptions lists the kinds of the timeline's events.
func (p *page) kindOptions(selected string) []option {
	out := []option{{Value: "", Label: p.T("web.filter.all_kinds"), Selected: selected == ""}}
	for _, k := range p.m.Kinds() {
		out = append(out, option{Value: k, Label: p.Label("web.kind.", k), Selected: k == selected})
	}
	slices.SortFunc(out[1:], func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	return out
}

// stateOptions lists every state by name.
func (p *page) stateOptions(selected string) []option {
	out := []option{{Value: "", Label: p.T("web.filter.all_states"), Selected: selected == ""}}
	for code := range p.m.States {
		out = append(out, option{Value: code, Label: p.StateName(code), Selected: code == selected})
	}
	slices.SortFunc(out[1:], func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	return out
}

// ClaimValue is claimValue for templates.
func (p *page) ClaimValue(field string, raw json.RawMessage) string { return p.claimValue(field, raw) }
