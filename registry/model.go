// Package registry keeps the CSTO's record: it validates commands against
// the record, turns accepted commands into events through a csto.Store,
// and answers queries from an immutable in-memory model of the log.
package registry

import (
	"maps"
	"slices"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/translog"
)

// Model is the record as of one log position. A Model is immutable once
// published: writers clone it, apply events to the clone, and swap it in,
// so readers never wait for writes.
type Model struct {
	Seq      int64             // log position: the last applied event
	Head     string            // hash of the last applied event
	Commands map[string]int64  // command ID → seq
	tree     translog.Frontier // the Merkle tree over events 1…Seq (see Tree)

	Sources     map[string]*csto.SourceAdd
	States      map[string]*State
	Orgs        map[string]*Org
	Instruments map[string]*Instrument
	Bodies      map[string]*Body
	Forces      map[string]*Force
	Sessions    map[string]*Session
	Decisions   map[string]*Decision
	Requests    map[string]*Request
	Operations  map[string]*Operation
	Exercises   map[string]*Exercise
	Incidents   map[string]*Incident
	Terms       []Term  // office terms, in log order
	Chairs      []Chair // chairmanships, in log order
	Entries     []Entry // dated events, in log order
	Acts        []Act   // party actions on instruments, in log order

	// The world's alliances (alliances.go) and the sources' readings of
	// organizations as contrary to others (org.contrary).
	Alliances       map[string]*Alliance
	AllianceMembers []AllianceMember // in log order
	Contrary        []Contrary       // in log order
	allianceRows    map[string][]int // alliance ID → indexes into AllianceMembers
	stateRows       map[string][]int // state → indexes into AllianceMembers

	facts  map[csto.Pair][]fact       // membership facts per pair
	spells map[csto.Pair][]csto.Spell // derived from facts

	// The accepted commands as logged, and the corrections of each
	// (record.correct, correct.go): a correction re-derives the model
	// from them.
	log        []logged
	fixes      map[string][]Fix // target command ID → its corrections, in log order
	rederiving bool
	replaying  bool     // applying stored events: corrections wait for settle
	history    bool     // checking a command that records history (IsHistory), not an act
	pending    []string // targets of corrections waiting for settle, in log order
	trial      *trial   // the model the last correction's check derived

	ix *lazyIndex // the index of Entries and spells, built by the first query (index.go)
}

// State is a registered state.
type State struct {
	csto.StateAdd
	Seq int64
}

// Org is a registered organization.
type Org struct {
	csto.OrgAdd
	Founded edtf.Date
	Seq     int64
}

// Instrument is a treaty, charter, protocol, agreement or decision.
type Instrument struct {
	csto.InstrumentAdd
	Adopted edtf.Date
	InForce edtf.Date // zero until in force
	Seq     int64
}

// Body is a body of an organization.
type Body struct {
	csto.BodyAdd
	Established edtf.Date
}

// Force is a force of an organization.
type Force struct {
	csto.ForceAdd
	Established edtf.Date
}

// Term is a holder's term in an office, from Start to End.
type Term struct {
	csto.OfficeTerm
	Start edtf.Date
	Seq   int64
}

// Chair is a state's chairmanship of a body, from Start to End.
type Chair struct {
	csto.ChairRecord
	Start   edtf.Date
	Sources []string
	Seq     int64
}

// Session is a session of a body: convened on Date, open until closed.
type Session struct {
	ID         string
	Org        string
	Body       string
	Kind       string
	Place      csto.Text
	Chair      string // the state chairing the body on Date
	Agenda     []csto.Text
	Attendance []csto.Attendance
	Documents  []csto.Text
	Date       edtf.Date
	Closed     edtf.Date // zero while open
	Seq        int64
}

// Decision is a decision put to a body: proposed (or recorded) on Date,
// with the members' positions; its outcome is computed when it closes.
type Decision struct {
	ID        string
	Org       string
	Body      string
	Session   string
	Title     csto.Text
	Basis     string
	Request   string
	Subject   *csto.Subject // the act it decides; nil: none recorded
	Positions []csto.Position
	Date      edtf.Date
	Closed    edtf.Date // zero while open
	Outcome   Outcome   // "" while open
	Bound     []string  // the members bound by an adopted decision
	Seq       int64
}

// Request is a member state's request for assistance or consultations.
type Request struct {
	csto.RequestFile
	Date     edtf.Date
	Answered []string // decisions that answer it
	Seq      int64
}

// Operation is an operation mandated by a decision, with its contingents
// and phases.
type Operation struct {
	csto.OperationCreate
	Decided     edtf.Date
	Contingents []csto.OperationContingent
	Phases      []Phase
	Reported    csto.OperationReport
	Seq         int64
}

// Act is a state's party action on an instrument.
type Act struct {
	Type       string // party.sign, party.ratify, party.non_renewal
	State      string
	Instrument string
	Date       edtf.Date
	Seq        int64
}

// Phase is a phase an operation reached on a date.
type Phase struct {
	Phase string
	Date  edtf.Date
}

// Exercise is an exercise held over a date or interval.
type Exercise struct {
	csto.ExerciseHold
	Date   edtf.Date
	Claims []csto.Claim
	Seq    int64
}

// Incident is an armed clash, aggression or crisis.
type Incident struct {
	csto.IncidentRecord
	Date edtf.Date
	Seq  int64
}

// Entry is a dated event of the timeline.
type Entry struct {
	Seq       int64
	ID        string
	Type      string
	Kind      string // EventRecord kind, incident kind, …; else the type
	Date      edtf.Date
	Recorded  time.Time
	Text      csto.Text
	Sources   []string
	Claims    []csto.Claim
	Preferred csto.Text
	States    []string
	Orgs      []string
	// Corrections are the record.correct events that changed this entry,
	// in log order; the entry shows the corrected values.
	Corrections []Fix
}

// Tree returns the head of the transparency log's Merkle tree over the
// events this model holds: its size (= Seq) and root hash. Cite it with an
// answer — "as of tree size N, root R" — and a signed checkpoint of the
// same size lets anyone check later that the record has not been rewritten
// since (package translog). It costs nothing: the model keeps the tree's
// right edge as it applies events.
func (m *Model) Tree() translog.Head { return m.tree.Head() }

func newModel() *Model {
	return &Model{
		Commands:    map[string]int64{},
		Sources:     map[string]*csto.SourceAdd{},
		States:      map[string]*State{},
		Orgs:        map[string]*Org{},
		Instruments: map[string]*Instrument{},
		Bodies:      map[string]*Body{},
		Forces:      map[string]*Force{},
		Sessions:    map[string]*Session{},
		Decisions:   map[string]*Decision{},
		Requests:    map[string]*Request{},
		Operations:  map[string]*Operation{},
		Exercises:   map[string]*Exercise{},
		Incidents:   map[string]*Incident{},
		facts:       map[csto.Pair][]fact{},
		spells:      map[csto.Pair][]csto.Spell{},

		Alliances:    map[string]*Alliance{},
		allianceRows: map[string][]int{},
		stateRows:    map[string][]int{},
		fixes:        map[string][]Fix{},
		ix:           &lazyIndex{},
	}
}

// clone returns a copy that can be changed without affecting m. Map values
// are never mutated in place (apply replaces them), and slices are
// clipped so that appending to the copy reallocates.
func (m *Model) clone() *Model {
	c := *m
	c.Commands = maps.Clone(m.Commands)
	c.Sources = maps.Clone(m.Sources)
	c.States = maps.Clone(m.States)
	c.Orgs = maps.Clone(m.Orgs)
	c.Instruments = maps.Clone(m.Instruments)
	c.Bodies = maps.Clone(m.Bodies)
	c.Forces = maps.Clone(m.Forces)
	c.Sessions = maps.Clone(m.Sessions)
	c.Decisions = maps.Clone(m.Decisions)
	c.Requests = maps.Clone(m.Requests)
	c.Operations = maps.Clone(m.Operations)
	c.Exercises = maps.Clone(m.Exercises)
	c.Incidents = maps.Clone(m.Incidents)
	c.Terms = slices.Clip(m.Terms)
	c.Chairs = slices.Clip(m.Chairs)
	c.Entries = slices.Clip(m.Entries)
	c.Acts = slices.Clip(m.Acts)
	c.facts = maps.Clone(m.facts)
	c.spells = maps.Clone(m.spells)
	c.Alliances = maps.Clone(m.Alliances)
	c.AllianceMembers = slices.Clip(m.AllianceMembers)
	c.Contrary = slices.Clip(m.Contrary)
	c.allianceRows = maps.Clone(m.allianceRows)
	c.stateRows = maps.Clone(m.stateRows)
	c.log = slices.Clip(m.log)
	c.fixes = maps.Clone(m.fixes)
	c.pending = slices.Clip(m.pending)
	c.ix = m.ix.child()
	return &c
}
