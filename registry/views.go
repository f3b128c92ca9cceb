package registry

import (
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// RequestView is a request and where it stands.
type RequestView struct {
	ID        string       `json:"id"`
	Org       string       `json:"org"`
	State     string       `json:"state"`
	Name      string       `json:"name"`
	Kind      string       `json:"kind"`
	Article   string       `json:"article"`
	Date      string       `json:"date"`
	Statement string       `json:"statement,omitempty"`
	Status    RequestState `json:"status"`
	Answers   []string     `json:"answered_by,omitempty"`
}

// Request returns request id.
func (m *Model) Request(id string, lang csto.Lang) (RequestView, error) {
	r := m.Requests[id]
	if r == nil {
		return RequestView{}, csto.Errorf(csto.NotFound, "request", "unknown request %q", id)
	}
	art := ruleArt4
	if r.Kind == "consultations" {
		art = ruleArt2
	}
	return RequestView{ID: r.ID, Org: r.Org, State: r.State, Name: m.stateName(r.State, lang), Kind: r.Kind, Article: art,
		Date: r.Date.String(), Statement: r.Statement.In(lang), Status: m.RequestState(r), Answers: r.Answered}, nil
}

// RequestList lists every request in date order.
func (m *Model) RequestList(lang csto.Lang) []RequestView {
	out := []RequestView{}
	for _, r := range sortedBy(m.Requests, func(*Request) bool { return true }, func(r *Request) edtf.Date { return r.Date }) {
		v, _ := m.Request(r.ID, lang)
		out = append(out, v)
	}
	return out
}

// DecisionView is a decision with its positions and computed outcome.
type DecisionView struct {
	ID        string          `json:"id"`
	Org       string          `json:"org"`
	Body      string          `json:"body"`
	Session   string          `json:"session,omitempty"`
	Title     string          `json:"title"`
	Basis     string          `json:"basis,omitempty"`
	Request   string          `json:"request,omitempty"`
	Subject   *csto.Subject   `json:"subject,omitempty"` // the act it decides, if any
	Date      string          `json:"date"`
	Positions []csto.Position `json:"positions"`
	Outcome   string          `json:"outcome"` // adopted, rejected, open
	Closed    string          `json:"closed,omitempty"`
	Bound     []string        `json:"bound,omitempty"`
}

// Decision returns decision id.
func (m *Model) Decision(id string, lang csto.Lang) (DecisionView, error) {
	d := m.Decisions[id]
	if d == nil {
		return DecisionView{}, csto.Errorf(csto.NotFound, "decision", "unknown decision %q", id)
	}
	out := string(d.Outcome)
	if out == "" {
		out = "open"
	}
	pos := slices.Clone(d.Positions)
	if pos == nil {
		pos = []csto.Position{}
	}
	return DecisionView{ID: d.ID, Org: d.Org, Body: d.Body, Session: d.Session, Title: d.Title.In(lang), Basis: d.Basis,
		Request: d.Request, Subject: d.Subject, Date: d.Date.String(), Positions: pos, Outcome: out, Closed: d.Closed.String(), Bound: d.Bound}, nil
}

// SessionView is a session with its attendance, documents and decisions.
type SessionView struct {
	ID         string           `json:"id"`
	Org        string           `json:"org"`
	Body       string           `json:"body"`
	Kind       string           `json:"kind"`
	Date       string           `json:"date"`
	Place      string           `json:"place,omitempty"`
	Chair      string           `json:"chair,omitempty"`
	Status     string           `json:"status"` // open, closed
	Agenda     []string         `json:"agenda,omitempty"`
	Attendance []AttendanceView `json:"attendance,omitempty"`
	Documents  []string         `json:"documents,omitempty"`
	Decisions  []DecisionView   `json:"decisions,omitempty"`
	Sources    []SourceRef      `json:"sources,omitempty"`
}

// AttendanceView is a state's presence at a session.
type AttendanceView struct {
	State    string `json:"state"`
	Presence string `json:"presence"`
	Reason   string `json:"reason,omitempty"`
}

// Session returns session id.
func (m *Model) Session(id string, lang csto.Lang) (SessionView, error) {
	s := m.Sessions[id]
	if s == nil {
		return SessionView{}, csto.Errorf(csto.NotFound, "session", "unknown session %q", id)
	}
	v := SessionView{ID: s.ID, Org: s.Org, Body: s.Body, Kind: s.Kind, Date: s.Date.String(), Place: s.Place.In(lang),
		Chair: s.Chair, Status: "open"}
	if !s.Closed.IsZero() {
		v.Status = "closed"
	}
	for _, a := range s.Agenda {
		v.Agenda = append(v.Agenda, a.In(lang))
	}
	for _, a := range s.Attendance {
		v.Attendance = append(v.Attendance, AttendanceView{State: a.State, Presence: a.Presence, Reason: a.Reason.In(lang)})
	}
	for _, d := range s.Documents {
		v.Documents = append(v.Documents, d.In(lang))
	}
	for _, d := range sortedBy(m.Decisions, func(d *Decision) bool { return d.Session == s.ID }, func(d *Decision) edtf.Date { return d.Date }) {
		dv, _ := m.Decision(d.ID, lang)
		v.Decisions = append(v.Decisions, dv)
	}
	if e, ok := m.entryAt(s.Seq); ok {
		b, err := m.Body(e)
		if err != nil {
			return SessionView{}, err
		}
		v.Sources = m.sourceRefs(b.Sources)
	}
	return v, nil
}

// Sessions lists the sessions of org in year (0: every year), by date.
func (m *Model) SessionList(org string, year int, lang csto.Lang) ([]SessionView, error) {
	if m.Orgs[org] == nil {
		return nil, csto.Errorf(csto.NotFound, "org", "unknown organization %q", org)
	}
	out := []SessionView{}
	for _, s := range sortedBy(m.Sessions, func(s *Session) bool {
		return s.Org == org && (year == 0 || yearOf(s.Date.Earliest()) <= year && year <= yearOf(s.Date.Latest()))
	}, func(s *Session) edtf.Date { return s.Date }) {
		v, _ := m.Session(s.ID, lang)
		out = append(out, v)
	}
	return out, nil
}

// Officers lists the office holders of org on the date at (every term
// that may cover it), by office and start.
func (m *Model) Officers(org string, at edtf.Date, lang csto.Lang) ([]TermView, error) {
	if m.Orgs[org] == nil {
		return nil, csto.Errorf(csto.NotFound, "org", "unknown organization %q", org)
	}
	out := []TermView{}
	ts := slices.Clone(m.Terms)
	slices.SortStableFunc(ts, func(a, b Term) int {
		if c := strings.Compare(a.Office, b.Office); c != 0 {
			return c
		}
		return edtf.Compare(a.Start, b.Start)
	})
	for _, t := range ts {
		if t.Org == org && spans(t.Start, t.End, at) {
			out = append(out, TermView{Office: t.Office, Person: t.Person.In(lang), State: t.State, Acting: t.Acting,
				From: t.Start.String(), To: t.End.String()})
		}
	}
	return out, nil
}

// Operation returns operation id.
func (m *Model) Operation(id string, lang csto.Lang) (OperationView, error) {
	op := m.Operations[id]
	if op == nil {
		return OperationView{}, csto.Errorf(csto.NotFound, "operation", "unknown operation %q", id)
	}
	return m.operationView(op, lang), nil
}

// OperationList lists every operation by decision date.
func (m *Model) OperationList(lang csto.Lang) []OperationView {
	out := []OperationView{}
	for _, op := range sortedBy(m.Operations, func(*Operation) bool { return true }, func(op *Operation) edtf.Date { return op.Decided }) {
		out = append(out, m.operationView(op, lang))
	}
	return out
}

// ExerciseView is an exercise.
type ExerciseView struct {
	ID           string      `json:"id"`
	Name         string      `json:"name"`
	Series       string      `json:"series,omitempty"`
	Date         string      `json:"date"`
	Levels       []string    `json:"levels,omitempty"`
	Places       string      `json:"places,omitempty"`
	Participants []string    `json:"participants,omitempty"`
	Troops       int         `json:"troops,omitempty"`
	Aircraft     int         `json:"aircraft,omitempty"`
	Themes       string      `json:"themes,omitempty"`
	Claims       []ClaimView `json:"claims,omitempty"`
}

// ExerciseList lists org's exercises that may fall in year (0: all).
func (m *Model) ExerciseList(org string, year int, lang csto.Lang) []ExerciseView {
	pg, _ := m.ExercisePage(ExerciseFilter{Org: org, Year: year}, lang)
	return pg.Exercises
}

// ExerciseFilter selects an organization's exercises, and a page of them
// in date order (then log order).
type ExerciseFilter struct {
	Org   string
	Year  int    // only those that may fall in this year (0: every year)
	Level string // only those of this level: strategic, operational, tactical ("": all)
	// After is a cursor: the exercises after the one of this log position
	// (ExercisePage.Next). 0: from the first.
	After int64
	// Offset skips this many more (the web's numbered pages).
	Offset int
	// Limit is the most returned (0: all); Next is then set when more follow.
	Limit int
}

// ExercisePage is a page of exercises: their views, how many the filter
// selects in all (After, Offset and Limit aside), and the cursor of the
// next page (0 on the last).
type ExercisePage struct {
	Exercises []ExerciseView `json:"exercises"`
	Total     int            `json:"total"`
	Next      int64          `json:"next,omitempty"`
}

// exerciseView is x's view; b is the body of its entry (its texts).
func (m *Model) exerciseView(x *Exercise, b *EntryBody, lang csto.Lang) ExerciseView {
	v := ExerciseView{Series: x.Series(), Date: x.Date().String(), Levels: x.Levels(),
		Participants: x.Participants(), Troops: x.Troops(), Aircraft: x.Aircraft()}
	if h := b.Exercise; h != nil { // the exercise's ID, which it does not keep, and its texts
		v.ID, v.Name, v.Places, v.Themes = h.ID, h.Name.In(lang), h.Places.In(lang), h.Themes.In(lang)
	}
	for _, c := range b.Claims {
		v.Claims = append(v.Claims, ClaimView{Field: c.Field, Value: c.Value, Sources: m.sourceRefs(c.Sources), Note: c.Note.In(lang)})
	}
	return v
}
