package atop

import (
	"io"

	"github.com/csto/csto/edtf"
)

// MembersFile is the name of ATOP 5.1's member-level file.
const MembersFile = "atop5_1m.csv"

// Member is one row of the member-level file: one state's membership in
// one phase of one alliance (codebook 2.3). A state that leaves a phase
// and joins it again has two rows.
type Member struct {
	ATOPID int  `json:"atopid"`
	State  int  `json:"member"` // COW country code (MEMBER); 8152 is Annam, which COW does not list
	Phase  int  `json:"phase"`  // 0 for an alliance with one phase, else 1…MaxPhase
	COWSys bool `json:"cowsys"` // a COW system member when it signed

	// The entry and exit dates as ATOP writes them: month and day 0 when
	// unknown, all three exit numbers 0 when the membership did not end.
	YrEnt   int `json:"yrent"`
	MoEnt   int `json:"moent"`
	DayEnt  int `json:"dayent"`
	YrExit  int `json:"yrexit"`
	MoExit  int `json:"moexit"`
	DayExit int `json:"dayexit"`
	// Entry is the signature (not ratification) date as an EDTF date;
	// Exit the day the commitment ended, zero when InEffect.
	Entry    edtf.Date `json:"entry"`
	Exit     edtf.Date `json:"exit,omitzero"`
	InEffect bool      `json:"ineffect"` // in force on DatasetEnd

	COWWar   int  `json:"cowwar"`   // COW war the state was in when it joined, 0 none
	TermMode Code `json:"termmode"` // how it left: 0 in effect, 1–6 (codebook 2.32)
	TermCaus Code `json:"termcaus"` // why it left: 0 in effect, 1–8
	ObVary   bool `json:"obvary"`   // its obligations differ between partners

	Obligations
	Conditions
	ConditionDetail
	Promises
	Terms

	// Through is the last year a membership in effect covers in the
	// state-year and dyad-year expansions: 0 means LastYear, ATOP's last
	// year of observation. A record that goes on after 2018 (the curated
	// CSTO) sets it to the last year it observes. Not a column of ATOP's.
	Through int `json:"-"`

	// Cells are the row's cells as read, by lower-case column name, for
	// the columns csto carries rather than derives (see MemberColumns).
	Cells map[string]string `json:"-"`

	Line int `json:"-"` // line of the row in its file, 0 if not read from one
}

// Spell returns the membership as an EDTF interval, "Entry/Exit", or
// "Entry/.." (open) when it was still in effect at DatasetEnd. EDTF
// counts an interval's last day in it, but Exit is the day the commitment
// ended (see the package documentation): read the end as exclusive, as
// csto's own membership spells are. Spell is the zero Date only for a row
// whose exit precedes its entry, which the readers refuse.
func (m *Member) Spell() edtf.Date {
	end := ".."
	if !m.Exit.IsZero() {
		end = m.Exit.String()
	}
	d, err := edtf.Parse(m.Entry.String() + "/" + end)
	if err != nil {
		return edtf.Date{}
	}
	return d
}

// lastYear returns the last year the membership covers: its exit year, or
// when it is in effect Through, or LastYear when Through is unset.
func (m *Member) lastYear() int {
	switch {
	case m.YrExit != 0:
		return m.YrExit
	case m.Through != 0:
		return m.Through
	}
	return LastYear
}

var memberTable = &table[Member]{
	cols: concat(
		[]column[Member]{
			number("atopid", 1000, 7999, func(m *Member) *int { return &m.ATOPID }),
			number("member", 1, 9999, func(m *Member) *int { return &m.State }),
			number("phase", 0, 9, func(m *Member) *int { return &m.Phase }),
			flag("cowsys", func(m *Member) *bool { return &m.COWSys }),
			year("yrent", false, func(m *Member) *int { return &m.YrEnt }),
			datePart("moent", 12, func(m *Member) *int { return &m.MoEnt }),
			datePart("dayent", 31, func(m *Member) *int { return &m.DayEnt }),
			year("yrexit", true, func(m *Member) *int { return &m.YrExit }),
			datePart("moexit", 12, func(m *Member) *int { return &m.MoExit }),
			datePart("dayexit", 31, func(m *Member) *int { return &m.DayExit }),
			flag("ineffect", func(m *Member) *bool { return &m.InEffect }),
			number("cowwar", 0, 9999, func(m *Member) *int { return &m.COWWar }),
			requiredCode("termmode", 0, 6, func(m *Member) *Code { return &m.TermMode }),
			coded("termcaus", 0, 8, func(m *Member) *Code { return &m.TermCaus }),
			flag("obvary", func(m *Member) *bool { return &m.ObVary }),
		},
		within(obligationColumns, func(m *Member) *Obligations { return &m.Obligations }),
		within(conditionColumns, func(m *Member) *Conditions { return &m.Conditions }),
		within(conditionDetailColumns, func(m *Member) *ConditionDetail { return &m.ConditionDetail }),
		within(promiseColumns, func(m *Member) *Promises { return &m.Promises }),
		within(termColumns, func(m *Member) *Terms { return &m.Terms }),
	),
	check:    checkMember,
	setLine:  func(m *Member, line int) { m.Line = line },
	setCells: func(m *Member, cells map[string]string) { m.Cells = cells },
}

// checkMember sets Entry and Exit and applies the rules between columns:
// the date rules of the package documentation; INEFFECT is 1 exactly when
// there is no exit, and then TERMMODE and TERMCAUS are 0; PHASE is 0 for a
// one-phase alliance and else 1…MAXPHASE; OBVARY needs ASYMM and a
// multilateral phase; conditions match their obligations and details.
//
// The converse "TERMMODE 0 means in effect" is not required: ATOP 5.1
// codes TERMMODE 0 for two memberships of alliance 4865 that ended in 1999.
func checkMember(m *Member) *fieldError {
	var err error
	if m.Entry, err = Date(m.YrEnt, m.MoEnt, m.DayEnt); err != nil {
		return dateError("ent", m.MoEnt, m.DayEnt, err)
	}
	switch {
	case m.YrExit == 0 && (m.MoExit != 0 || m.DayExit != 0):
		return errorf("yrexit", "0 (no exit), but moexit/dayexit are %d/%d", m.MoExit, m.DayExit)
	case m.YrExit == 0 && !m.InEffect:
		return errorf("ineffect", "0, but there is no exit date (yrexit 0)")
	case m.YrExit != 0 && m.InEffect:
		return errorf("ineffect", "1, but the membership ended in %d", m.YrExit)
	case m.InEffect && (m.TermMode != 0 || m.TermCaus != 0):
		return errorf("termmode", "%s/%s, but a membership in effect has termmode and termcaus 0", m.TermMode, m.TermCaus)
	}
	m.Exit = edtf.Date{}
	if m.YrExit != 0 {
		if m.Exit, err = Date(m.YrExit, m.MoExit, m.DayExit); err != nil {
			return dateError("exit", m.MoExit, m.DayExit, err)
		}
		if m.Exit.Latest() < m.Entry.Earliest() {
			return errorf("yrexit", "the exit %s is before the entry %s", m.Exit, m.Entry)
		}
	}
	switch {
	case m.Phase == 0 && m.MaxPhase != 0:
		return errorf("phase", "0, but the alliance has %d phases", m.MaxPhase)
	case m.Phase != 0 && m.Phase > m.MaxPhase:
		return errorf("phase", "%d, but maxphase is %d", m.Phase, m.MaxPhase)
	case m.ObVary && (!m.Asymm || m.Bilat):
		return errorf("obvary", "1, but obvary needs asymm 1 and bilat 0")
	}
	if fe := checkConditions(m.Conditions, m.Obligations); fe != nil {
		return fe
	}
	if fe := checkConditionDetail(m.ConditionDetail, m.Conditions); fe != nil {
		return fe
	}
	return checkTerms(&m.Terms)
}

// dateError reports a bad entry ("ent") or exit ("exit") date of a member
// row in the column it belongs to; see dateErrorIn.
func dateError(suffix string, month, day int, err error) *fieldError {
	return dateErrorIn("yr"+suffix, "mo"+suffix, "day"+suffix, month, day, err)
}

// dateErrorIn names the column a date error belongs to: the day column
// when a day is given, else the month column when a month is, else the
// year column.
func dateErrorIn(yearCol, monthCol, dayCol string, month, day int, err error) *fieldError {
	col := yearCol
	switch {
	case day != 0:
		col = dayCol
	case month != 0:
		col = monthCol
	}
	return &fieldError{column: col, msg: err.Error()}
}

// ReadMembers reads the member-level file (atop5_1m.csv) strictly: the
// first row that breaks a rule ends the read with a *RowError and no rows.
// Rows come back in file order. Options.ReadMembers reads with options.
func ReadMembers(r io.Reader) ([]Member, error) {
	ms, _, err := Options{}.ReadMembers(r)
	return ms, err
}

// ReadMembers reads the member-level file following o; see Options and
// the package documentation for the rules. skipped is non-empty only with
// SkipBad.
func (o Options) ReadMembers(r io.Reader) (ms []Member, skipped []*RowError, err error) {
	return memberTable.read(r, o)
}

// concat joins column lists.
func concat[T any](lists ...[]column[T]) []column[T] {
	var out []column[T]
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
