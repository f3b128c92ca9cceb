// Package registry keeps the CSTO's record: it validates commands against
// the record, turns accepted commands into events through a csto.Store,
// and answers queries from an immutable in-memory model of the log.
package registry

import (
	"maps"
	"slices"
	"sync/atomic"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry/internal/pmap"
	"github.com/csto/csto/translog"
)

// Model is the record as of one log position. A Model is immutable once
// published: writers clone it, apply events to the clone, and swap it in,
// so readers never wait for writes. A clone shares nearly everything with
// its model and copies only what the write changes (see clone and
// docs/ARCHITECTURE.md, "Writes"): whoever holds a Model must not change
// its maps or the elements of its slices.
type Model struct {
	Seq      int64             // log position: the last applied event
	Head     string            // hash of the last applied event
	Commands Commands          // command ID → seq
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
	Exercises   Exercises      // persistent: it grows with the log
	Incidents   Map[*Incident] // persistent: it grows with the log
	Terms       []Term         // office terms, in log order
	Chairs      []Chair        // chairmanships, in log order
	Entries     []Entry        // dated events, in log order
	Acts        []Act          // party actions on instruments, in log order

	// The world's alliances (alliances.go) and the sources' readings of
	// organizations as contrary to others (org.contrary).
	Alliances       map[string]*Alliance
	AllianceMembers []AllianceMember // in log order
	Contrary        []Contrary       // in log order
	allianceRows    map[string][]int // alliance ID → indexes into AllianceMembers
	stateRows       map[string][]int // state → indexes into AllianceMembers

	facts  map[csto.Pair][]fact       // membership facts per pair
	spells map[csto.Pair][]csto.Spell // derived from facts

	// The accepted commands, and the corrections of each (record.correct,
	// correct.go): a correction re-derives the model from them. The store
	// holds events 1…stored and is read back when a correction needs them;
	// log keeps the rest (stored+1…Seq) in memory: the write being checked,
	// or, in a model built without a store, all of them.
	store      csto.Store
	stored     int64
	storedHead string  // the hash of event stored, which the events read back must lead to
	recorded   []int64 // each event's recorded time (Unix ns), by position: AsRecorded's prefix
	log        []logged
	fixes      map[string][]Fix // target command ID → its corrections, in log order
	rederiving bool
	replaying  bool     // applying stored events: corrections wait for settle
	history    bool     // checking a command that records history (IsHistory), not an act
	pending    []string // targets of corrections waiting for settle, in log order
	trial      *trial   // the model the last correction's check derived

	held  []heldBody // the bodies in memory, by position (bodies.go)
	cache *bodyCache // the entries' bodies last read back (bodies.go)
	tags  *tagTable  // the tags and dates its entries share (entrytags.go)

	ix *lazyIndex // the index of Entries and spells, built by the first query (index.go)

	// What this model may change in place while it is being built (see
	// clone): the persistent maps' nodes edit made, the Go maps whose bit
	// is in own, and its slices past its model's length when its model's
	// tail was claimed for it. tail is claimed by the first clone made of
	// this model that may append in place.
	edit *pmap.Owner
	own  owned
	tail *atomic.Bool
}

// setCommand records that the log holds the command id at seq.
func (m *Model) setCommand(id string, seq int64) { m.Commands.set(m, id, seq) }

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

// Exercise is an exercise held over a date or interval, as the model
// selects and counts it. What it is called, where it was held, its themes
// and the claims that contest it are its entry's body (EntryBody.Exercise),
// read back from the store with a page of views: a record of hundreds of
// thousands of exercises does not hold their texts (issue 12). Its
// organization, series, levels and participants, and its date, it shares
// with the exercises that have the same (entrytags.go): 48 bytes each,
// not 168.
type Exercise struct {
	Seq int64 // its ID is its entry's body's (Exercises)

	tags             *exerciseTags // never nil in a model's exercises; nil reads as none
	date             *edtf.Date    // shared like an entry's (entrytags.go)
	troops, aircraft int32         // 0 … maxCount (checkCount)
}

// Incident is an armed clash, aggression or crisis, as the rules read
// it; its place is its entry's body. Its kind and parties are its entry's
// kind and states, and it points to the same tags and date as its entry
// (entrytags.go): 48 bytes, not 112.
type Incident struct {
	ID  string
	Seq int64

	tags *entryTags // never nil in a model's incidents; nil reads as none
	date *edtf.Date
}

// Entry is a dated event of the timeline: what selects and orders it.
// What it says is its body, read with Model.Body (bodies.go). What it
// shares with many others — its type, kind, states and organizations, and
// its date — it points to, held once for all (entrytags.go); its ID the
// log holds (Commands): a record of a million entries holds 48 bytes for
// each, not 192.
type Entry struct {
	Seq int64
	ex  *Exercise // the exercise it recorded, for exercise.hold (exerciseOf)

	tags *entryTags // never nil in a model's entries; nil reads as none
	date *edtf.Date // the same
	sum  digest     // of the event's hash: the event read back must match it
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
		facts:       map[csto.Pair][]fact{},
		spells:      map[csto.Pair][]csto.Spell{},

		Alliances:    map[string]*Alliance{},
		allianceRows: map[string][]int{},
		stateRows:    map[string][]int{},
		fixes:        map[string][]Fix{},
		ix:           &lazyIndex{},
		tags:         newTagTable(),

		edit: new(pmap.Owner),
		own:  ^owned(0),
		tail: new(atomic.Bool),
	}
}

// owned is a set of the model's Go maps: those a clone has copied and
// may change.
type owned uint32

const (
	ownSources owned = 1 << iota
	ownStates
	ownOrgs
	ownInstruments
	ownBodies
	ownForces
	ownSessions
	ownDecisions
	ownRequests
	ownOperations
	ownAlliances
	ownFacts
	ownSpells
	ownAllianceRows
	ownStateRows
	ownFixes
)

// w returns the Go map *p for a write by m: on m's first write to it, a
// copy of it, which replaces it in m. A write thus copies only the maps it
// touches, once each, however many commands it holds; the maps that grow
// with the log (Commands, and Map: Exercises, Incidents) are persistent and
// copy nothing.
func w[K comparable, V any](m *Model, bit owned, p *map[K]V) map[K]V {
	if m.own&bit == 0 {
		c := maps.Clone(*p)
		if c == nil {
			c = map[K]V{}
		}
		*p = c
		m.own |= bit
	}
	return *p
}

// clone returns a copy of m for a writer, to change and publish in m's
// place or to discard; call release when discarding it. Nothing is
// copied here (the cost of a write does not grow with the model):
//
//   - persistent maps (Map) are shared, and the clone's Sets copy the
//     paths they change (its own pmap.Owner);
//   - Go maps are shared, and w copies one on the clone's first write to it;
//   - map values are never changed in place (apply replaces them);
//   - slices are shared: m only ever reads its [:len], and the clone
//     appends past it in the same array. Only one clone of m may do so,
//     the one that claims m's tail; another clone of m (a retried write
//     while the first is alive, say) gets its slices clipped, so that its
//     first append copies. release gives the claim back when the clone is
//     discarded, so the next clone appends in place again.
//
// The elements of m's slices are never changed in place; a clone changes
// only the elements it appended (setRecorded).
func (m *Model) clone() (c *Model, release func()) {
	n := *m
	n.edit, n.own, n.tail = new(pmap.Owner), 0, new(atomic.Bool)
	n.pending = slices.Clip(m.pending)
	n.ix = m.ix.child()
	if m.tail == nil || !m.tail.CompareAndSwap(false, true) {
		n.Terms = slices.Clip(m.Terms)
		n.Chairs = slices.Clip(m.Chairs)
		n.Entries = slices.Clip(m.Entries)
		n.Acts = slices.Clip(m.Acts)
		n.AllianceMembers = slices.Clip(m.AllianceMembers)
		n.Contrary = slices.Clip(m.Contrary)
		n.log = slices.Clip(m.log)
		n.recorded = slices.Clip(m.recorded)
		n.held = slices.Clip(m.held)
		return &n, func() {}
	}
	return &n, func() { m.tail.Store(false) }
}
