package rules

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/translog"
)

// An export is a set of tables in ATOP's layouts, each with its
// companion, and a Frictionless data package (datapackage.json) that
// describes them: schema, licence, sources and the log position the
// tables were computed from. BuildExport computes it; the CLI writes the
// tables to a directory, the API streams them one by one or as a zip.

// The panels an export can hold, by name, as files of the package.
const (
	PanelStateYear        = "state-year"         // atop5_1sy
	PanelDyadYear         = "dyad-year"          // atop5_1dy
	PanelDirectedDyadYear = "directed-dyad-year" // atop5_1ddyr
	PanelMember           = "member"             // atop5_1m
	PanelAlliance         = "alliance"           // atop5_1a
	PanelPhase            = "phase"              // atop5_1aph
)

// Panels are every panel, in the order an export holds them.
var Panels = []string{PanelStateYear, PanelDyadYear, PanelDirectedDyadYear, PanelMember, PanelAlliance, PanelPhase}

// The readings of the curated record an export is computed under.
const (
	ReadingPreferred = "preferred"  // each fact on its preferred date
	ReadingEachClaim = "each-claim" // and, beside, under each contested claim
)

// ExportQuery selects an export.
type ExportQuery struct {
	Source   string   // SourceATOP, SourceCurated or SourceAll
	From, To int      // years (0: the source's span, see ExportYears)
	ThisYear int      // the current year: the curated record's last
	NNA      bool     // leave out the pure nonaggression pacts (codebook 2.2)
	Reading  string   // ReadingPreferred (default) or ReadingEachClaim
	Panels   []string // nil: every panel
}

// Field is a column of a table as Frictionless Table Schema describes it.
type Field struct {
	Name        string `json:"name"`
	Type        string `json:"type"` // integer, number or string
	Description string `json:"description,omitempty"`
}

// Table is one file of an export.
type Table struct {
	Name       string  // resource name and file stem: state-year, state-year.cells, …
	Title      string  // what it is, and which ATOP file it has the shape of
	Fields     []Field // the columns, in order
	PrimaryKey []string
	Rows       int // data rows (without the header); -1 when only writing counts them (WriteCSV returns the count)
	records    func(yield func([]string) error) error
}

// Path is the table's file name in the package.
func (t *Table) Path() string { return t.Name + ".csv" }

// WriteCSV writes the table as CSV: the header, then the rows, lines
// ended with CRLF as in ATOP's files, missing values empty.
func (t *Table) WriteCSV(w io.Writer) (rows int, err error) {
	cw := atop.NewCSVWriter(w)
	header := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		header[i] = f.Name
	}
	if err := cw.Write(header); err != nil {
		return 0, err
	}
	n := 0
	err = t.records(func(rec []string) error {
		n++
		if n%4096 == 0 {
			cw.Flush()
		}
		return cw.Write(rec)
	})
	if err != nil {
		return n, err
	}
	cw.Flush()
	return n, cw.Error()
}

// Export is a computed export: its tables and what they rest on.
type Export struct {
	Query   ExportQuery   // with From and To resolved
	Seq     int64         // the log position: the last event applied
	Head    string        // the hash of that event
	Tree    translog.Head // the log's Merkle tree at that position
	Tables  []*Table
	Sources []string // every source a cell rests on
	// Changed counts, per claim (event ID and claimed date), the cells
	// that differ from the preferred reading.
	Changed map[string]int
	sources map[string]bool
	diffs   []claimDiff
	m       *registry.Model
}

// BuildExport computes the export q selects from the model. Bad
// parameters are Invalid errors naming the field; NotFound when ATOP is
// not imported and the source needs it.
func BuildExport(m *registry.Model, q ExportQuery) (*Export, error) {
	if !slices.Contains(Sources, q.Source) {
		return nil, csto.Errorf(csto.Invalid, "source", "%q is not one of %s", q.Source, strings.Join(Sources, ", "))
	}
	switch q.Reading {
	case "":
		q.Reading = ReadingPreferred
	case ReadingPreferred, ReadingEachClaim:
	default:
		return nil, csto.Errorf(csto.Invalid, "reading", "%q is not preferred or each-claim", q.Reading)
	}
	if len(q.Panels) == 0 {
		q.Panels = Panels
	}
	for _, p := range q.Panels {
		if !slices.Contains(Panels, p) {
			return nil, csto.Errorf(csto.Invalid, "panel", "%q is not one of %s", p, strings.Join(Panels, ", "))
		}
	}
	var err error
	if q.From, q.To, err = ExportYears(q.Source, q.From, q.To, q.ThisYear); err != nil {
		return nil, err
	}
	x, err := memberRows(m, q.Source, q.ThisYear, nil)
	if err != nil {
		return nil, err
	}
	if q.NNA {
		x = nnaRows(x)
	}
	e := &Export{Query: q, Seq: m.Seq, Head: m.Head, Tree: m.Tree(), Changed: map[string]int{}, sources: map[string]bool{}, m: m}
	claims, err := e.claimVariants(x)
	if err != nil {
		return nil, err
	}
	for _, p := range q.Panels {
		switch p {
		case PanelStateYear, PanelDyadYear, PanelDirectedDyadYear:
			e.yearPanel(p, x, claims)
		default:
			cols, rows, err := LevelRows(m, q.Source, p, q.ThisYear, q.NNA)
			if err != nil {
				return nil, err
			}
			e.levelTable(p, cols, rows)
		}
	}
	if q.Reading == ReadingEachClaim {
		e.readingsTable(claims)
	}
	for _, b := range x.basis {
		for _, s := range b.sources {
			e.sources[s] = true
		}
	}
	for s := range e.sources {
		e.Sources = append(e.Sources, s)
	}
	slices.Sort(e.Sources)
	return e, nil
}

// Table returns the export's table of that name.
func (e *Export) Table(name string) (*Table, bool) {
	for _, t := range e.Tables {
		if t.Name == name {
			return t, true
		}
	}
	return nil, false
}

// claim is the curated record under one contested claim: a fact's date
// read as a claim has it.
type claim struct {
	event, date string
	sources     []string
	state       int // the COW code of the state whose rows change
	rows        exportRows
}

func (c *claim) key() string { return c.event + "@" + c.date }

// claimVariants returns the member rows under each contested claim on
// the date of a fact of the curated CSTO's membership (sources curated
// and all; ATOP's rows have no claims).
func (e *Export) claimVariants(base exportRows) ([]*claim, error) {
	if e.Query.Source == SourceATOP {
		return nil, nil
	}
	m, rd := e.m, &reader{Model: e.m}
	var out []*claim
	for _, s := range m.StatesIn("csto") {
		st := m.States[s]
		if st == nil || st.COW == 0 {
			continue
		}
		for _, f := range m.Facts(s, "csto") {
			_, body, ok := rd.entry(f.Seq)
			if !ok {
				continue
			}
			for _, cl := range body.Claims {
				d, ok := claimedDate(cl)
				if !ok || d == f.Date {
					continue
				}
				seq, state := f.Seq, s
				spells := func(s2, org string) []csto.Spell {
					if s2 == state && org == "csto" {
						return m.SpellsWith(state, org, seq, d)
					}
					return m.Spells(s2, org)
				}
				var v exportRows
				if err := curatedRows(m, "csto", CuratedATOPID, e.Query.ThisYear, spells, &v); err != nil {
					continue
				}
				// The variant: base's non-curated rows and the curated rows
				// under the claim.
				var rows exportRows
				for i := range base.rows {
					if !base.basis[i].curated {
						rows.add(base.rows[i], base.basis[i])
					}
				}
				for i := range v.rows {
					rows.add(v.rows[i], v.basis[i])
				}
				if e.Query.NNA {
					rows = nnaRows(rows)
				}
				out = append(out, &claim{event: body.ID, date: d.String(), sources: cl.Sources, state: st.COW, rows: rows})
			}
		}
	}
	return out, rd.err
}

// cellKey names one cell of a year panel: the row's identifier (state,
// dyad or directed dyad), its year and the column.
type cellKey struct {
	id, year int
	col      string
}

// yearRows holds a year panel's rows, of one kind.
type yearRows struct {
	sy []atop.StateYear
	dy []atop.DyadYear
}

func expandPanel(panel string, rows []atop.Member, from, to int) yearRows {
	switch panel {
	case PanelStateYear:
		return yearRows{sy: stateYears(rows, from, to)}
	case PanelDyadYear:
		return yearRows{dy: dyadYears(rows, from, to, false)}
	}
	return yearRows{dy: dyadYears(rows, from, to, true)}
}

// cells returns the panel's rows as records (k ATOPID columns) keyed by
// their identifier and year.
func (y yearRows) each(k int, fn func(id, year int, rec []string) error) error {
	var rec []string
	var err error
	for i := range y.sy {
		if rec, err = atop.StateYearRecord(rec[:0], &y.sy[i], k); err != nil {
			return err
		}
		if err := fn(y.sy[i].State, y.sy[i].Year, rec); err != nil {
			return err
		}
	}
	for i := range y.dy {
		if rec, err = atop.DyadYearRecord(rec[:0], &y.dy[i], k); err != nil {
			return err
		}
		if err := fn(y.dy[i].ID(), y.dy[i].Year, rec); err != nil {
			return err
		}
	}
	return nil
}

func (y yearRows) maxIDs() int {
	k := 0
	for i := range y.sy {
		k = max(k, len(y.sy[i].ATOPIDs))
	}
	for i := range y.dy {
		k = max(k, len(y.dy[i].ATOPIDs))
	}
	return k
}

// idColumns is the number of ATOPID columns of a panel's file: ATOP
// 5.1's (59 state-year, 9 dyad-year), or more if the source needs more in
// any of its years; never a number that depends on the year filter.
func idColumns(panel string, x exportRows, q ExportQuery) int {
	k := atop.DyadYearIDColumns
	if panel == PanelStateYear {
		k = atop.StateYearIDColumns
	}
	from, to, _ := ExportYears(q.Source, 0, max(q.ThisYear, atop.LastYear), q.ThisYear)
	if panel == PanelStateYear {
		return max(k, expandPanel(panel, x.rows, from, to).maxIDs())
	}
	// An undirected pair shares as many alliances as its directed rows.
	return max(k, expandPanel(PanelDyadYear, x.rows, from, to).maxIDs())
}

// yearPanel adds a year panel and its companion to the export.
func (e *Export) yearPanel(panel string, x exportRows, claims []*claim) {
	q := e.Query
	k := idColumns(panel, x, q)
	rows := expandPanel(panel, x.rows, q.From, q.To)
	var header []string
	switch panel {
	case PanelStateYear:
		header = atop.StateYearHeader(k)
	default:
		header = atop.DyadYearHeader(k, panel == PanelDirectedDyadYear)
	}
	// Cells that some claim changes: possible, not certain.
	changed := map[cellKey]bool{}
	var diffs []claimDiff
	for _, c := range claims {
		d := diffPanel(panel, header, k, x, c, q)
		e.Changed[c.key()] += len(d.cells)
		for _, cell := range d.cells {
			changed[cell.cellKey] = true
		}
		diffs = append(diffs, d)
	}
	n := len(rows.sy) + len(rows.dy)
	t := &Table{Name: panel, Title: panelTitle[panel], Fields: yearFields(header), Rows: n,
		PrimaryKey: []string{header[0], "year"},
		records: func(yield func([]string) error) error {
			return rows.each(k, func(_, _ int, rec []string) error { return yield(rec) })
		}}
	e.Tables = append(e.Tables, t)
	e.Tables = append(e.Tables, e.cellsTable(panel, header, k, rows, x, changed))
	e.diffs = append(e.diffs, diffs...)
}

var panelTitle = map[string]string{
	PanelStateYear:        "State-years in the layout of ATOP 5.1's state-year file (atop5_1sy)",
	PanelDyadYear:         "Dyad-years in the layout of ATOP 5.1's dyad-year file (atop5_1dy)",
	PanelDirectedDyadYear: "Directed dyad-years in the layout of ATOP 5.1's directed dyad-year file (atop5_1ddyr)",
	PanelMember:           "Member rows in the layout of ATOP 5.1's member-level file (atop5_1m)",
	PanelAlliance:         "Alliances in the layout of ATOP 5.1's alliance-level file (atop5_1a)",
	PanelPhase:            "Alliance phases in the layout of ATOP 5.1's alliance-phase-level file (atop5_1aph)",
}

// yearFields types and describes the columns of a year panel.
func yearFields(header []string) []Field {
	desc := map[string]string{
		"state": "COW country code", "year": "year of observation", "atopally": "1: in an alliance (always 1 here)",
		"dyad": "lower COW code × 1000 + higher", "ddyad": "stateA × 1000 + stateB",
		"defense": "1: a defense obligation in the year (codebook 2.5–2.7)", "offense": "1: an offense obligation",
		"neutral": "1: a neutrality obligation", "nonagg": "1: a nonaggression obligation", "consul": "1: a consultation obligation",
		"number": "alliances in effect", "transyr": "1: some commitment began or ended in the year",
		"shareob": "1: members of one alliance with no obligation to one another; else missing",
		"bilatno": "bilateral alliances shared", "multino": "multilateral alliances shared",
		"asymm": "1: some shared alliance has asymmetric obligations",
		"mem1":  "COW code of the lower member", "mem2": "COW code of the higher member",
		"stateA": "COW code of the state whose obligations the row gives", "stateB": "COW code of the state they are owed to",
		"version": "ATOP version whose layout and rules the row follows",
	}
	out := make([]Field, len(header))
	for i, h := range header {
		f := Field{Name: h, Type: "integer", Description: desc[h]}
		switch {
		case h == "version":
			f.Type = "number"
		case strings.HasPrefix(h, "atopid"):
			f.Description = "ATOPID of an alliance in effect (9220: the CSTO as csto records it); missing when fewer"
		}
		out[i] = f
	}
	return out
}

// levelTable adds a member, alliance or phase table.
func (e *Export) levelTable(panel string, cols []string, rows [][]string) {
	fields := make([]Field, len(cols))
	for i, c := range cols {
		f := Field{Name: c, Type: "integer"}
		switch {
		case c == "version":
			f.Type = "number"
		case c == "atopidphase":
			f.Type = "string"
		case c == "source":
			f.Type = "string"
		case memberDerived[c] || allianceDerived[c] || isMem(c):
			f.Description = "derived from csto's record"
		default:
			f.Description = "ATOP's code, carried from the import (missing for the curated CSTO)"
		}
		fields[i] = f
	}
	key := []string{"atopid", "member", "phase", "yrent", "moent", "dayent"}
	switch panel {
	case PanelAlliance:
		key = []string{"atopid"}
	case PanelPhase:
		key = []string{"atopidphase"}
	}
	if panel == PanelMember {
		key = nil // ATOP's member rows have no key: a state may join a phase twice on dates given only to the month
	}
	e.Tables = append(e.Tables, &Table{Name: panel, Title: panelTitle[panel], Fields: fields, Rows: len(rows), PrimaryKey: key,
		records: func(yield func([]string) error) error {
			for _, r := range rows {
				if err := yield(r); err != nil {
					return err
				}
			}
			return nil
		}})
}

// The companion of a year panel: per cell of the derived columns, its
// value, whether it is certain or only possible, and the EDTF spans and
// source IDs of the member rows it rests on.
func (e *Export) cellsTable(panel string, header []string, k int, rows yearRows, x exportRows, changed map[cellKey]bool) *Table {
	idCol := header[0]
	fields := []Field{
		{Name: idCol, Type: "integer", Description: "the row's " + idCol},
		{Name: "year", Type: "integer"},
		{Name: "column", Type: "string", Description: "the column of " + panel + ".csv"},
		{Name: "value", Type: "string", Description: "the cell's value there (empty: missing)"},
		{Name: "certainty", Type: "string", Description: "certain: every reading of every date it rests on gives it; possible: a date's reading or a contested claim may change it"},
		{Name: "dates", Type: "string", Description: "the EDTF intervals of the memberships it rests on, [entry, exit), space-separated"},
		{Name: "sources", Type: "string", Description: "the source IDs those memberships cite, space-separated"},
	}
	byState := map[int][]int{}
	for i := range x.rows {
		byState[x.rows[i].State] = append(byState[x.rows[i].State], i)
	}
	covers := func(i, y int) bool {
		r := &x.rows[i]
		last := r.YrExit
		if last == 0 {
			last = atop.LastYear
			if r.Through != 0 {
				last = r.Through
			}
		}
		return r.YrEnt <= y && y <= last
	}
	return &Table{Name: panel + ".cells", Title: "Certainty and basis of each derived cell of " + panel + ".csv", Fields: fields,
		Rows: -1, PrimaryKey: []string{idCol, "year", "column"},
		records: func(yield func([]string) error) error {
			var basis []int
			return rows.each(k, func(id, year int, rec []string) error {
				a, bState := id, -1
				if panel != PanelStateYear {
					a, bState = id/1000, id%1000
				}
				ids := map[int]bool{}
				for i, h := range header {
					if strings.HasPrefix(h, "atopid") && rec[i] != "" {
						n, _ := strconv.Atoi(rec[i])
						ids[n] = true
					}
				}
				// The rows of the row's states in its alliances covering the year.
				basis = basis[:0]
				for _, s := range []int{a, bState} {
					for _, i := range byState[s] {
						if ids[x.rows[i].ATOPID] && covers(i, year) {
							basis = append(basis, i)
						}
					}
				}
				for i, h := range header {
					if !derivedYearColumn(h) || rec[i] == "" && strings.HasPrefix(h, "atopid") {
						continue
					}
					use := cellBasis(h, rec[i], year, a, panel, basis, x)
					dates, srcs, certain := make([]string, 0, len(use)), []string{}, true
					for _, j := range use {
						dates = append(dates, x.basis[j].dates)
						for _, s := range x.basis[j].sources {
							srcs = appendNew(srcs, s)
						}
						certain = certain && x.basis[j].certain
					}
					c := "certain"
					if !certain || changed[cellKey{id, year, h}] {
						c = "possible"
					}
					if err := yield([]string{strconv.Itoa(id), strconv.Itoa(year), h, rec[i], c, strings.Join(dates, " "), strings.Join(srcs, " ")}); err != nil {
						return err
					}
				}
				return nil
			})
		}}
}

// derivedYearColumn reports whether a year panel's column is derived from
// member rows (and so has a line in the companion): all but the row's
// identifiers, ATOPALLY and VERSION.
func derivedYearColumn(h string) bool {
	switch h {
	case "state", "year", "atopally", "dyad", "ddyad", "mem1", "mem2", "stateA", "stateB", "version":
		return false
	}
	return true
}

// cellBasis returns the member rows (indexes) a cell rests on: for an
// ATOPID, the rows of that alliance; for an obligation coded 1, the rows
// that promise it (in a directed row, those of state A); for TRANSYR 1,
// the rows that begin or end in the year; otherwise every row behind the
// panel row.
func cellBasis(col, value string, year, stateA int, panel string, basis []int, x exportRows) []int {
	var out []int
	pick := func(ok func(r *atop.Member) bool) []int {
		for _, i := range basis {
			if ok(&x.rows[i]) {
				out = append(out, i)
			}
		}
		if len(out) == 0 {
			return basis
		}
		return out
	}
	switch {
	case strings.HasPrefix(col, "atopid") && value != "":
		id, _ := strconv.Atoi(value)
		return pick(func(r *atop.Member) bool { return r.ATOPID == id })
	case value == "1" && obligationColumn[col] != nil:
		get := obligationColumn[col]
		return pick(func(r *atop.Member) bool {
			return get(r.Obligations) && (panel != PanelDirectedDyadYear || r.State == stateA)
		})
	case col == "transyr" && value == "1":
		return pick(func(r *atop.Member) bool { return r.YrEnt == year || (r.YrExit == year && !r.Exit.IsZero()) })
	}
	return basis
}

var obligationColumn = map[string]func(atop.Obligations) bool{
	"defense": func(o atop.Obligations) bool { return o.Defense },
	"offense": func(o atop.Obligations) bool { return o.Offense },
	"neutral": func(o atop.Obligations) bool { return o.Neutral },
	"nonagg":  func(o atop.Obligations) bool { return o.Nonagg },
	"consul":  func(o atop.Obligations) bool { return o.Consul },
}

// claimDiff is what one claim changes in one panel.
type claimDiff struct {
	claim *claim
	panel string
	cells []changedCell
}

type changedCell struct {
	cellKey
	preferred, claimed string
}

// diffPanel recomputes a panel under a claim and returns the cells that
// differ from the preferred reading. Only the rows of the claim's state
// can change: the state-years of that state, the dyads it is part of; so
// only the member rows of its alliances are expanded, for both readings.
func diffPanel(panel string, header []string, k int, base exportRows, c *claim, q ExportQuery) claimDiff {
	subset := func(x exportRows) []atop.Member {
		ids := map[int]bool{}
		for i := range x.rows {
			if x.rows[i].State == c.state {
				ids[x.rows[i].ATOPID] = true
			}
		}
		var out []atop.Member
		for i := range x.rows {
			r := &x.rows[i]
			if panel == PanelStateYear && r.State == c.state || panel != PanelStateYear && ids[r.ATOPID] {
				out = append(out, *r)
			}
		}
		return out
	}
	involves := func(id int) bool {
		if panel == PanelStateYear {
			return id == c.state
		}
		return id/1000 == c.state || id%1000 == c.state
	}
	collect := func(rows []atop.Member) map[[2]int][]string {
		out := map[[2]int][]string{}
		expandPanel(panel, rows, q.From, q.To).each(k, func(id, year int, rec []string) error {
			if involves(id) {
				out[[2]int{id, year}] = slices.Clone(rec)
			}
			return nil
		})
		return out
	}
	pref, alt := collect(subset(base)), collect(subset(c.rows))
	keys := map[[2]int]bool{}
	for key := range pref {
		keys[key] = true
	}
	for key := range alt {
		keys[key] = true
	}
	sorted := make([][2]int, 0, len(keys))
	for key := range keys {
		sorted = append(sorted, key)
	}
	slices.SortFunc(sorted, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	d := claimDiff{claim: c, panel: panel}
	for _, key := range sorted {
		p, a := pref[key], alt[key]
		for i, h := range header {
			var pv, av string
			if p != nil {
				pv = p[i]
			}
			if a != nil {
				av = a[i]
			}
			if pv != av {
				if p == nil {
					pv = "(no row)"
				}
				if a == nil {
					av = "(no row)"
				}
				d.cells = append(d.cells, changedCell{cellKey{key[0], key[1], h}, pv, av})
			}
		}
	}
	return d
}

// readingsTable adds the cells each contested claim changes.
func (e *Export) readingsTable(claims []*claim) {
	fields := []Field{
		{Name: "event", Type: "string", Description: "the event whose date a claim contests"},
		{Name: "claimed", Type: "string", Description: "the claimed date (EDTF)"},
		{Name: "claim_sources", Type: "string", Description: "the claim's source IDs, space-separated"},
		{Name: "file", Type: "string", Description: "the panel"},
		{Name: "id", Type: "integer", Description: "the row's state, dyad or ddyad"},
		{Name: "year", Type: "integer"},
		{Name: "column", Type: "string"},
		{Name: "preferred", Type: "string", Description: "the cell under the preferred reading"},
		{Name: "under_claim", Type: "string", Description: "the cell under the claim"},
	}
	diffs := e.diffs
	n := 0
	for _, d := range diffs {
		n += len(d.cells)
	}
	for _, c := range claims {
		for _, s := range c.sources {
			e.sources[s] = true
		}
	}
	e.Tables = append(e.Tables, &Table{Name: "readings", Title: "The cells each contested claim changes (reading=each-claim)", Fields: fields, Rows: n,
		records: func(yield func([]string) error) error {
			for _, d := range diffs {
				for _, c := range d.cells {
					if err := yield([]string{d.claim.event, d.claim.date, strings.Join(d.claim.sources, " "), d.panel,
						strconv.Itoa(c.id), strconv.Itoa(c.year), c.col, c.preferred, c.claimed}); err != nil {
						return err
					}
				}
			}
			return nil
		}})
}

// DataPackage is the Frictionless data package descriptor of an export
// (https://specs.frictionlessdata.io/data-package/).
type DataPackage struct {
	Profile     string         `json:"profile"`
	Name        string         `json:"name"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Version     string         `json:"version"`
	Created     string         `json:"created,omitempty"`
	Licenses    []License      `json:"licenses"`
	Sources     []PackageSrc   `json:"sources"`
	Log         LogPosition    `json:"csto:log"`
	Query       map[string]any `json:"csto:query"`
	Resources   []Resource     `json:"resources"`
}

// LogPosition is where in the event log an export was computed: the last
// event and, as a reader checks it against a signed checkpoint (csto
// verify --checkpoint), the log's Merkle tree size and root hash (base64,
// as checkpoints write it).
type LogPosition struct {
	Seq      int64  `json:"seq"`       // the last event applied
	Head     string `json:"head"`      // its hash
	TreeSize int64  `json:"tree_size"` // the tree's size: the events it covers
	Root     string `json:"root"`      // the tree's root hash, base64
}

// License is a data package licence.
type License struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

// PackageSrc is a source of the data package.
type PackageSrc struct {
	ID    string `json:"csto:id"`
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

// Resource is one file of the package.
type Resource struct {
	Name      string `json:"name"`
	Path      string `json:"path"`
	Title     string `json:"title"`
	Profile   string `json:"profile"`
	Format    string `json:"format"`
	Mediatype string `json:"mediatype"`
	Encoding  string `json:"encoding"`
	Dialect   struct {
		LineTerminator string `json:"lineTerminator"`
	} `json:"dialect"`
	Rows   int    `json:"csto:rows,omitempty"`
	Bytes  int64  `json:"bytes,omitempty"`
	Hash   string `json:"hash,omitempty"` // sha256:…
	Schema struct {
		Fields        []Field  `json:"fields"`
		MissingValues []string `json:"missingValues"`
		PrimaryKey    []string `json:"primaryKey,omitempty"`
	} `json:"schema"`
}

// FileInfo is the size and hash of a written table, for its resource.
type FileInfo struct {
	Bytes int64
	SHA   string // hex SHA-256
	Rows  int    // data rows, as WriteCSV counted them
}

// Package returns the export's data package descriptor; files gives the
// size and hash of each table written (by name), when known.
func (e *Export) Package(files map[string]FileInfo) DataPackage {
	q := e.Query
	p := DataPackage{Profile: "tabular-data-package", Name: "csto-atop-" + q.Source,
		Title: fmt.Sprintf("csto research export in ATOP 5.1's layouts: %s, %d–%d", q.Source, q.From, q.To),
		Description: "State-, dyad- and directed dyad-years, member, alliance and phase levels in the layouts of ATOP 5.1 " +
			"(Leeds et al.), derived by the codebook's rules from csto's record; each year panel has a companion (.cells) " +
			"giving per cell its certainty and the dates and sources it rests on. ATOPID 9220 is the CSTO as csto records it. " +
			"See docs/ATOP.md.",
		Version: ExportVersion,
		Licenses: []License{{Name: "ATOP-terms", Title: "ATOP 5.1's rows: the ATOP project's terms of use (cite Leeds, Ritter, " +
			"Mitchell and Long 2002, International Interactions 28: 237–260); csto's own rows: those of the csto record"}},
		Log: LogPosition{Seq: e.Seq, Head: e.Head, TreeSize: e.Tree.Size, Root: e.Tree.Root.String()},
		Query: map[string]any{"source": q.Source, "from": q.From, "to": q.To, "nna": q.NNA, "reading": q.Reading,
			"panels": q.Panels},
	}
	for _, id := range e.Sources {
		s := PackageSrc{ID: id, Title: id}
		if src := e.m.Sources[id]; src != nil {
			s.Title, s.Path = src.Title, src.URL
		}
		p.Sources = append(p.Sources, s)
	}
	for _, t := range e.Tables {
		r := Resource{Name: t.Name, Path: t.Path(), Title: t.Title, Profile: "tabular-data-resource", Format: "csv",
			Mediatype: "text/csv", Encoding: "utf-8", Rows: max(t.Rows, 0)}
		if f, ok := files[t.Name]; ok && t.Rows < 0 {
			r.Rows = f.Rows
		}
		r.Dialect.LineTerminator = "\r\n"
		r.Schema.Fields, r.Schema.MissingValues, r.Schema.PrimaryKey = t.Fields, []string{""}, t.PrimaryKey
		if f, ok := files[t.Name]; ok {
			r.Bytes, r.Hash = f.Bytes, "sha256:"+f.SHA
		}
		p.Resources = append(p.Resources, r)
	}
	return p
}

// WritePackage writes the descriptor as indented JSON.
func WritePackage(w io.Writer, p DataPackage) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}
