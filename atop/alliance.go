package atop

import (
	"io"
	"strconv"
	"strings"

	"github.com/csto/csto/edtf"
)

// The names of ATOP 5.1's alliance-level and alliance-phase-level files.
const (
	AlliancesFile = "atop5_1a.csv"
	PhasesFile    = "atop5_1aph.csv"
)

// Alliance is one row of the alliance-level file (codebook 2.4): an
// alliance over its whole life. Obligations, Conditions and Promises are
// those of any member in any phase.
type Alliance struct {
	ATOPID int `json:"atopid"`

	// Formation and end as ATOP writes them (month and day 0 when
	// unknown; the end all 0 while in effect), and as EDTF dates: Begin is
	// the day at least two members had signed; End is zero when InEffect.
	BegYr    int       `json:"begyr"`
	BegMo    int       `json:"begmo"`
	BegDay   int       `json:"begday"`
	EndYr    int       `json:"endyr"`
	EndMo    int       `json:"endmo"`
	EndDay   int       `json:"endday"`
	Begin    edtf.Date `json:"begin"`
	End      edtf.Date `json:"end,omitzero"`
	InEffect bool      `json:"ineffect"`

	Obligations
	Conditions
	Promises
	Terms

	// Members are MEM1…MEMn: the COW codes of every state that was ever a
	// member, in ascending order, whether or not they were members at the
	// same time.
	Members []int `json:"members"`

	// Cells are the row's cells as read, by lower-case column name, for
	// the columns csto carries rather than derives (see AllianceColumns).
	Cells map[string]string `json:"-"`

	Line int `json:"-"` // line of the row in its file, 0 if not read from one
}

// Spell returns the alliance's life as an EDTF interval, "Begin/End" or
// "Begin/.." while in effect at DatasetEnd; as for Member.Spell, End is
// the day it ended.
func (a *Alliance) Spell() edtf.Date {
	end := ".."
	if !a.End.IsZero() {
		end = a.End.String()
	}
	d, err := edtf.Parse(a.Begin.String() + "/" + end)
	if err != nil {
		return edtf.Date{}
	}
	return d
}

// Phase is one row of the alliance-phase-level file: an alliance during
// one phase, that is while its written terms stayed the same (codebook
// 1.53). An alliance that never changed has one phase, numbered 0.
type Phase struct {
	Alliance
	Phase       int    `json:"phase"`
	ATOPIDPhase string `json:"atopidphase"` // "1350.2" for phase 2 of 1350, "1005" for phase 0
}

var allianceColumns = concat(
	[]column[Alliance]{
		number("atopid", 1000, 7999, func(a *Alliance) *int { return &a.ATOPID }),
		year("begyr", false, func(a *Alliance) *int { return &a.BegYr }),
		datePart("begmo", 12, func(a *Alliance) *int { return &a.BegMo }),
		datePart("begday", 31, func(a *Alliance) *int { return &a.BegDay }),
		year("endyr", true, func(a *Alliance) *int { return &a.EndYr }),
		datePart("endmo", 12, func(a *Alliance) *int { return &a.EndMo }),
		datePart("endday", 31, func(a *Alliance) *int { return &a.EndDay }),
		flag("ineffect", func(a *Alliance) *bool { return &a.InEffect }),
	},
	within(obligationColumns, func(a *Alliance) *Obligations { return &a.Obligations }),
	within(conditionColumns, func(a *Alliance) *Conditions { return &a.Conditions }),
	within(promiseColumns, func(a *Alliance) *Promises { return &a.Promises }),
	within(termColumns, func(a *Alliance) *Terms { return &a.Terms }),
)

var allianceTable = &table[Alliance]{
	cols:     allianceColumns,
	bind:     bindMembers(func(a *Alliance) *[]int { return &a.Members }),
	check:    checkAlliance,
	setLine:  func(a *Alliance, line int) { a.Line = line },
	setCells: func(a *Alliance, cells map[string]string) { a.Cells = cells },
}

var phaseTable = &table[Phase]{
	cols: append(within(allianceColumns, func(p *Phase) *Alliance { return &p.Alliance }),
		number("phase", 0, 9, func(p *Phase) *int { return &p.Phase }),
		text("atopidphase", func(p *Phase) *string { return &p.ATOPIDPhase }),
	),
	bind:     bindMembers(func(p *Phase) *[]int { return &p.Members }),
	check:    checkPhase,
	setLine:  func(p *Phase, line int) { p.Line = line },
	setCells: func(p *Phase, cells map[string]string) { p.Cells = cells },
}

// checkAlliance sets Begin and End and applies the rules between columns:
// the date rules of the package documentation (with INEFFECT 1 exactly
// when the end year is 0), ACTIVE is DEFENSE or OFFENSE, and conditions
// match their obligations. (CONDITIO is not required to summarize the
// four conditions here: at this level it also reflects OLIMOB, which the
// file does not carry.)
func checkAlliance(a *Alliance) *fieldError {
	var err error
	if a.Begin, err = Date(a.BegYr, a.BegMo, a.BegDay); err != nil {
		return dateErrorIn("begyr", "begmo", "begday", a.BegMo, a.BegDay, err)
	}
	a.End = edtf.Date{}
	switch {
	case a.EndYr == 0 && (a.EndMo != 0 || a.EndDay != 0):
		return errorf("endyr", "0 (in effect), but endmo/endday are %d/%d", a.EndMo, a.EndDay)
	case a.EndYr == 0 && !a.InEffect:
		return errorf("ineffect", "0, but there is no end date (endyr 0)")
	case a.EndYr != 0 && a.InEffect:
		return errorf("ineffect", "1, but the alliance ended in %d", a.EndYr)
	case a.EndYr != 0:
		if a.End, err = Date(a.EndYr, a.EndMo, a.EndDay); err != nil {
			return dateErrorIn("endyr", "endmo", "endday", a.EndMo, a.EndDay, err)
		}
		if a.End.Latest() < a.Begin.Earliest() {
			return errorf("endyr", "the end %s is before the beginning %s", a.End, a.Begin)
		}
	}
	if a.Active != (a.Defense || a.Offense) {
		return errorf("active", "%s, but defense/offense are %s/%s", b01(a.Active), b01(a.Defense), b01(a.Offense))
	}
	if fe := checkConditions(a.Conditions, a.Obligations); fe != nil {
		return fe
	}
	return checkTerms(&a.Terms)
}

// checkPhase is checkAlliance, and PHASE agrees with MAXPHASE and
// ATOPIDPHASE.
func checkPhase(p *Phase) *fieldError {
	if fe := checkAlliance(&p.Alliance); fe != nil {
		return fe
	}
	switch {
	case p.Phase == 0 && p.MaxPhase != 0:
		return errorf("phase", "0, but the alliance has %d phases", p.MaxPhase)
	case p.Phase != 0 && p.Phase > p.MaxPhase:
		return errorf("phase", "%d, but maxphase is %d", p.Phase, p.MaxPhase)
	}
	want := strconv.Itoa(p.ATOPID)
	if p.Phase != 0 {
		want += "." + strconv.Itoa(p.Phase)
	}
	if p.ATOPIDPhase != want {
		return errorf("atopidphase", "%q, but atopid %d phase %d is %q", p.ATOPIDPhase, p.ATOPID, p.Phase, want)
	}
	return nil
}

// bindMembers finds MEM1…MEMn in a header and returns the parser that
// stores them: COW codes, ascending, without gaps, at least two.
func bindMembers[T any](get func(*T) *[]int) func(map[string]int) (func(*T, []string) *fieldError, *fieldError) {
	return func(header map[string]int) (func(*T, []string) *fieldError, *fieldError) {
		var idx []int
		for k := 1; ; k++ {
			i, ok := header["mem"+strconv.Itoa(k)]
			if !ok {
				break
			}
			idx = append(idx, i)
		}
		stray := 0 // the lowest memK beyond the run mem1…memN
		for name := range header {
			if k, ok := parseUint(strings.TrimPrefix(name, "mem")); ok && strings.HasPrefix(name, "mem") && k > len(idx) && (stray == 0 || k < stray) {
				stray = k
			}
		}
		if stray != 0 {
			return nil, errorf("mem"+strconv.Itoa(stray), "the column comes without mem%d", len(idx)+1)
		}
		if len(idx) < 2 {
			return nil, errorf("mem"+strconv.Itoa(len(idx)+1), "the column is missing from the header")
		}
		return func(row *T, rec []string) *fieldError {
			var mems []int
			for k, i := range idx {
				s := rec[i]
				name := "mem" + strconv.Itoa(k+1)
				if s == "" {
					if k < 2 {
						return errorf(name, "value is missing: an alliance has at least two members")
					}
					continue
				}
				n, ok := parseUint(s)
				switch {
				case !ok || n == 0:
					return errorf(name, "%q is not a COW country code", s)
				case len(mems) < k:
					return errorf(name, "%d follows an empty mem%d", n, len(mems)+1)
				case len(mems) > 0 && n <= mems[len(mems)-1]:
					return errorf(name, "%d is not after mem%d %d (members are sorted by COW code)", n, k, mems[len(mems)-1])
				}
				mems = append(mems, n)
			}
			*get(row) = mems
			return nil
		}, nil
	}
}

// ReadAlliances reads the alliance-level file (atop5_1a.csv) strictly, as
// ReadMembers does.
func ReadAlliances(r io.Reader) ([]Alliance, error) {
	as, _, err := Options{}.ReadAlliances(r)
	return as, err
}

// ReadAlliances reads the alliance-level file following o.
func (o Options) ReadAlliances(r io.Reader) (as []Alliance, skipped []*RowError, err error) {
	return allianceTable.read(r, o)
}

// ReadPhases reads the alliance-phase-level file (atop5_1aph.csv)
// strictly, as ReadMembers does.
func ReadPhases(r io.Reader) ([]Phase, error) {
	ps, _, err := Options{}.ReadPhases(r)
	return ps, err
}

// ReadPhases reads the alliance-phase-level file following o.
func (o Options) ReadPhases(r io.Reader) (ps []Phase, skipped []*RowError, err error) {
	return phaseTable.read(r, o)
}
