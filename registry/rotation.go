package registry

import (
	"fmt"
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// The chairmanship: the recorded chairs of a body and the chair its
// rotation rule expects. The CSTO's Council passes the chair among the
// active members in the Russian alphabetical order of their names; a
// state that is not an active member when its turn comes is skipped. A
// record that differs from the expectation is a deviation, shown, not
// hidden (2009: Russia chaired temporarily in place of Belarus).

// ChairYear is the chairmanship of a body for one calendar year.
type ChairYear struct {
	Org       string `json:"org"`
	Body      string `json:"body"`
	Year      int    `json:"year"`
	Chair     string `json:"chair"`              // the recorded chair, else the expected one
	Expected  string `json:"expected,omitempty"` // by the rotation rule; empty before it applies
	Source    string `json:"source"`             // "recorded" or "rotation"
	Deviation bool   `json:"deviation"`          // a recorded chair other than the expected one
	From      string `json:"from,omitempty"`     // the recorded term
	To        string `json:"to,omitempty"`
	Temporary bool   `json:"temporary,omitempty"`
	InPlaceOf string `json:"in_place_of,omitempty"`
}

// rotatingBody returns org's body with a rotation rule (its highest
// council), or nil.
func (m *Model) rotatingBody(org string) *Body {
	for _, b := range sortedBy(m.Bodies, func(b *Body) bool { return b.Org == org && b.Rotation != nil }, func(b *Body) edtf.Date { return b.Established }) {
		return b
	}
	return nil
}

// chairsOf returns the chair records of body, by start date.
func (m *Model) chairsOf(org, body string) []Chair {
	var cs []Chair
	for _, c := range m.Chairs {
		if c.Org == org && c.Body == body {
			cs = append(cs, c)
		}
	}
	slices.SortStableFunc(cs, func(a, b Chair) int { return edtf.Compare(a.Start, b.Start) })
	return cs
}

// next returns the state whose turn follows after in the rotation on d:
// the first active member whose name, in the rule's language and
// collation, sorts after after's name, wrapping around.
func (m *Model) next(org string, r *csto.Rotation, after string, d edtf.Date) string {
	active := m.membersInGoodStanding(org, d)
	if len(active) == 0 {
		return ""
	}
	col := collate.New(language.Make(string(r.Lang)))
	name := func(s string) string { return m.States[s].Name.In(r.Lang) }
	slices.SortFunc(active, func(a, b string) int { return col.CompareString(name(a), name(b)) })
	if m.States[after] == nil {
		return active[0]
	}
	for _, s := range active {
		if col.CompareString(name(s), name(after)) > 0 {
			return s
		}
	}
	return active[0]
}

// expectedAfter returns whom the rule expects to follow the record prev
// on d: the state prev stood in for, when prev was a temporary chair;
// else the next in the rotation after prev's state.
func (m *Model) expectedAfter(org string, r *csto.Rotation, prev Chair, d edtf.Date) string {
	if prev.Temporary && prev.InPlaceOf != "" && m.StatusAt(prev.InPlaceOf, org, d).Status == csto.Member {
		return prev.InPlaceOf
	}
	return m.next(org, r, prev.State, d)
}

// ChairForYear returns the chairmanship of org's rotating body in year:
// the recorded chair who held the office longest that year, with the
// chair the rotation expected; for a year with no record, the chair the
// rotation expects after the last record, year by year.
func (m *Model) ChairForYear(org string, year int) (ChairYear, error) {
	if m.Orgs[org] == nil {
		return ChairYear{}, csto.Errorf(csto.NotFound, "org", "unknown organization %q", org)
	}
	if year < 1 || year > 9998 {
		return ChairYear{}, csto.Errorf(csto.Invalid, "year", "%d is not a year", year)
	}
	b := m.rotatingBody(org)
	if b == nil {
		return ChairYear{}, csto.Errorf(csto.NotFound, "org", "%s has no body with a rotating chair on record", org)
	}
	out := ChairYear{Org: org, Body: b.ID, Year: year}
	cs := m.chairsOf(org, b.ID)
	if len(cs) == 0 {
		return ChairYear{}, csto.Errorf(csto.NotFound, "year", "no chair of %s is on record", b.ID)
	}
	first, last := edtf.DayOf(year, 1, 1), edtf.DayOf(year, 12, 31)
	best, bestDays := -1, 0
	for i, c := range cs {
		lo := max(c.Start.Earliest(), first)
		hi := last
		if !c.End.IsZero() {
			hi = min(c.End.Earliest()-1, last)
		} else if i+1 < len(cs) {
			hi = min(cs[i+1].Start.Earliest()-1, last)
		} else if b.Rotation.Term == "calendar-year" {
			// The last chair on record holds its own calendar year only.
			hi = min(edtf.DayOf(yearOf(c.Start.Latest()), 12, 31), last)
		}
		if days := int(hi-lo) + 1; days > 0 && days >= bestDays {
			best, bestDays = i, days
		}
	}
	yearDate, err := edtf.Parse(fmt.Sprintf("%04d", year))
	if err != nil {
		return ChairYear{}, csto.Errorf(csto.Invalid, "year", "%d is not a year: %v", year, err)
	}
	if best >= 0 {
		return m.recordedChair(out, b, cs, best), nil
	}
	// No record covers the year: before the first record there is nothing
	// to expect; after the last, the rule runs one turn a year.
	lastRec := cs[len(cs)-1]
	if year < yearOf(lastRec.Start.Earliest()) || !m.ruleApplies(b.Rotation, yearDate) {
		return ChairYear{}, csto.Errorf(csto.NotFound, "year", "no chair of %s is on record for %d, and the rotation rule does not reach it", b.ID, year)
	}
	prev := lastRec
	for y := yearOf(lastRec.Start.Latest()) + 1; y <= year; y++ {
		d := edtf.FromDay(edtf.DayOf(y, 1, 1))
		s := m.expectedAfter(org, b.Rotation, prev, d)
		prev = Chair{ChairRecord: csto.ChairRecord{Org: org, Body: b.ID, State: s}, Start: d}
	}
	out.Chair, out.Expected, out.Source = prev.State, prev.State, "rotation"
	return out, nil
}

// recordedChair fills out with the recorded chairmanship cs[i] and the
// chair the rotation expected when it began.
func (m *Model) recordedChair(out ChairYear, b *Body, cs []Chair, i int) ChairYear {
	c := cs[i]
	out.Chair, out.Source = c.State, "recorded"
	out.From, out.To, out.Temporary, out.InPlaceOf = c.Start.String(), c.End.String(), c.Temporary, c.InPlaceOf
	if i > 0 && m.ruleApplies(b.Rotation, c.Start) {
		out.Expected = m.expectedAfter(out.Org, b.Rotation, cs[i-1], c.Start)
		out.Deviation = out.Expected != "" && out.Expected != c.State
	}
	return out
}

// ChairsInYear returns every chairmanship of org's rotating body that
// held the office on some day of year, in order (2008: Kyrgyzstan until
// 5 September, then Armenia), or, for a year no record covers, the chair
// the rotation expects (as ChairForYear).
func (m *Model) ChairsInYear(org string, year int) ([]ChairYear, error) {
	one, err := m.ChairForYear(org, year)
	if err != nil || one.Source != "recorded" {
		return []ChairYear{one}, err
	}
	b := m.rotatingBody(org)
	cs := m.chairsOf(org, b.ID)
	first, last := edtf.DayOf(year, 1, 1), edtf.DayOf(year, 12, 31)
	var out []ChairYear
	for i, c := range cs {
		hi := last
		if !c.End.IsZero() {
			hi = c.End.Earliest() - 1
		} else if i+1 < len(cs) {
			hi = cs[i+1].Start.Earliest() - 1
		}
		if c.Start.Earliest() <= last && hi >= first {
			out = append(out, m.recordedChair(ChairYear{Org: org, Body: b.ID, Year: year}, b, cs, i))
		}
	}
	if len(out) == 0 {
		return []ChairYear{one}, nil
	}
	return out, nil
}

func (m *Model) ruleApplies(r *csto.Rotation, d edtf.Date) bool {
	return r.Since.IsZero() || !before(d, r.Since)
}

func yearOf(d edtf.Day) int {
	y, _, _ := d.Date()
	return y
}

// FirstChairYear returns the year of the first chair on record for org's
// rotating body.
func (m *Model) FirstChairYear(org string) (int, error) {
	b := m.rotatingBody(org)
	if b == nil {
		return 0, csto.Errorf(csto.NotFound, "org", "%s has no body with a rotating chair on record", org)
	}
	cs := m.chairsOf(org, b.ID)
	if len(cs) == 0 {
		return 0, csto.Errorf(csto.NotFound, "org", "no chair of %s is on record", b.ID)
	}
	return yearOf(cs[0].Start.Earliest()), nil
}
