package atop

import (
	"fmt"
	"io"

	"github.com/csto/csto/edtf"
)

// COWFile is the name of the COW state system membership file, 2016
// version.
const COWFile = "states2016.csv"

// COWState is a state of the Correlates of War state system: its country
// code, abbreviation and name, and the spells it was a member of the
// system (a state occupied for a time, such as France 1942–1944, has
// several).
type COWState struct {
	CCode   int           `json:"ccode"`
	Abb     string        `json:"stateabb"` // e.g. "UKG"; not an ISO code (COW "AUS" is Austria)
	Name    string        `json:"statenme"` // English, as COW writes it
	Spells  []SystemSpell `json:"spells"`
	Version string        `json:"version"` // "2016"
}

// SystemSpell is a span of state-system membership, from Start to End
// inclusive, as day-precision dates. COW 2016 ends the spells of states
// still in the system on 2016-12-31, the end of its data.
type SystemSpell struct {
	Start edtf.Date `json:"start"`
	End   edtf.Date `json:"end"`
}

// cowRow is one line of states2016.csv: one spell of one state.
type cowRow struct {
	abb, name, version string
	ccode              int
	sy, sm, sd         int
	ey, em, ed         int
	start, end         edtf.Date
}

var cowTable = &table[cowRow]{
	cols: []column[cowRow]{
		{"stateabb", func(r *cowRow, s string) string {
			if len(s) != 3 || !isUpper(s) {
				return fmt.Sprintf("%q is not a COW abbreviation (three capital letters)", s)
			}
			r.abb = s
			return ""
		}},
		number("ccode", 1, 999, func(r *cowRow) *int { return &r.ccode }),
		text("statenme", func(r *cowRow) *string { return &r.name }),
		number("styear", 1816, 9999, func(r *cowRow) *int { return &r.sy }),
		number("stmonth", 1, 12, func(r *cowRow) *int { return &r.sm }),
		number("stday", 1, 31, func(r *cowRow) *int { return &r.sd }),
		number("endyear", 1816, 9999, func(r *cowRow) *int { return &r.ey }),
		number("endmonth", 1, 12, func(r *cowRow) *int { return &r.em }),
		number("endday", 1, 31, func(r *cowRow) *int { return &r.ed }),
		version("version", func(r *cowRow) *string { return &r.version }),
	},
	check: func(r *cowRow) *fieldError {
		var ok bool
		if r.start, ok = calendarDate(r.sy, r.sm, r.sd); !ok {
			return errorf("stday", "%04d-%02d has no day %d", r.sy, r.sm, r.sd)
		}
		if r.end, ok = calendarDate(r.ey, r.em, r.ed); !ok {
			return errorf("endday", "%04d-%02d has no day %d", r.ey, r.em, r.ed)
		}
		if r.end.Earliest() < r.start.Earliest() {
			return errorf("endyear", "the spell ends (%s) before it starts (%s)", r.end, r.start)
		}
		return nil
	},
}

// calendarDate returns the day-precision date y-m-d if the calendar has it.
func calendarDate(y, m, d int) (edtf.Date, bool) {
	day := edtf.DayOf(y, m, d)
	if yy, mm, dd := day.Date(); yy != y || mm != m || dd != d {
		return edtf.Date{}, false
	}
	return edtf.FromDay(day), true
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// ReadCOW reads the COW state list (states2016.csv) strictly, as
// ReadMembers does. Rows of the same country code are the spells of one
// state: they must agree on abbreviation and name, and come in order
// without overlapping. States come back in the order of their first row.
func ReadCOW(r io.Reader) ([]COWState, error) {
	cs, _, err := Options{}.ReadCOW(r)
	return cs, err
}

// ReadCOW reads the COW state list following o. With SkipBad a row that
// contradicts an earlier row of its state is skipped like any bad row.
func (o Options) ReadCOW(r io.Reader) (states []COWState, skipped []*RowError, err error) {
	at := map[int]int{} // ccode → index in states
	t := *cowTable
	t.check = func(row *cowRow) *fieldError {
		if fe := cowTable.check(row); fe != nil {
			return fe
		}
		j, seen := at[row.ccode]
		if !seen {
			at[row.ccode] = len(states)
			states = append(states, COWState{CCode: row.ccode, Abb: row.abb, Name: row.name, Version: row.version,
				Spells: []SystemSpell{{Start: row.start, End: row.end}}})
			return nil
		}
		st := &states[j]
		switch last := st.Spells[len(st.Spells)-1]; {
		case row.abb != st.Abb:
			return errorf("stateabb", "%q, but an earlier row of ccode %d has %q", row.abb, row.ccode, st.Abb)
		case row.name != st.Name:
			return errorf("statenme", "%q, but an earlier row of ccode %d has %q", row.name, row.ccode, st.Name)
		case row.start.Earliest() <= last.End.Earliest():
			return errorf("styear", "the spell starting %s does not follow the one ending %s", row.start, last.End)
		}
		st.Spells = append(st.Spells, SystemSpell{Start: row.start, End: row.end})
		return nil
	}
	if _, skipped, err = t.read(r, o); err != nil {
		return nil, nil, err
	}
	return states, skipped, nil
}
