package registry

import (
	"fmt"
	"slices"

	"github.com/csto/csto"
)

// apply changes m (a private clone) by one event, and returns the
// membership pairs whose spells changed. It first checks that everything
// the event refers to is in m (references): a stored event is untrusted,
// and one that refers to nothing is an error naming the reference, with m
// unchanged.
func (m *Model) apply(e *csto.Event, c *csto.Command, p any) ([]csto.Pair, error) {
	if err := m.references(c, p); err != nil {
		return nil, err
	}
	m.Seq, m.Head = e.Seq, e.Hash
	m.setCommand(c.ID, e.Seq)
	m.recorded = append(m.recorded, unixNano(e.Recorded))
	fromStore := false // an event read from the store: read back from it when needed
	switch {
	case m.rederiving: // rebuildWith keeps the log
	case m.replaying && m.store != nil && len(m.log) == 0 && e.Seq == m.stored+1:
		m.stored, m.storedHead, fromStore = e.Seq, e.Hash, true
	default:
		m.log = append(m.log, logged{ev: csto.Event{Seq: e.Seq, CommandID: e.CommandID, Type: e.Type, Date: e.Date, Recorded: e.Recorded, Actor: e.Actor, Hash: e.Hash}, cmd: *c, p: p})
	}
	var (
		pairs    []csto.Pair
		incident *Incident // shares its entry's tags and date
	)
	entry := Entry{Seq: e.Seq}
	kind, states, orgs := c.Type, []string(nil), []string(nil)
	entry.sum, _ = digestOf(e.Hash)       // none yet for a write being checked: stampEntries
	hold := !fromStore || m.keepsBodies() // its body, if it makes an entry

	switch p := p.(type) {
	case *csto.SourceAdd:
		w(m, ownSources, &m.Sources)[p.ID] = p
	case *csto.StateAdd:
		w(m, ownStates, &m.States)[p.Code] = &State{StateAdd: *p, Seq: e.Seq}
	case *csto.OrgAdd:
		w(m, ownOrgs, &m.Orgs)[p.ID] = &Org{OrgAdd: *p, Founded: c.Date, Seq: e.Seq}
		orgs = []string{p.ID}
	case *csto.InstrumentAdd:
		w(m, ownInstruments, &m.Instruments)[p.ID] = &Instrument{InstrumentAdd: *p, Adopted: c.Date, Seq: e.Seq}
		orgs = []string{p.Org}
	case *csto.InstrumentInForce:
		in := *m.Instruments[p.Instrument]
		in.InForce = c.Date
		w(m, ownInstruments, &m.Instruments)[p.Instrument] = &in
		orgs = []string{in.Org}
		if o := m.Orgs[in.Org]; o != nil && o.MembershipInstrument == in.ID {
			for pair := range m.facts {
				if pair.Org == in.Org {
					pairs = append(pairs, pair)
				}
			}
		}
	case *csto.BodyAdd:
		w(m, ownBodies, &m.Bodies)[p.ID] = &Body{BodyAdd: *p, Established: c.Date}
		orgs = []string{p.Org}
	case *csto.ForceAdd:
		w(m, ownForces, &m.Forces)[p.ID] = &Force{ForceAdd: *p, Established: c.Date}
		orgs, states = []string{p.Org}, p.Members
	case *csto.OfficeTerm:
		m.Terms = append(m.Terms, Term{OfficeTerm: *p, Start: c.Date, Seq: e.Seq})
		orgs, states = []string{p.Org}, []string{p.State}
	case *csto.ChairRecord:
		m.Chairs = append(m.Chairs, Chair{ChairRecord: *p, Start: c.Date, Sources: c.Sources, Seq: e.Seq})
		orgs, states = []string{p.Org}, []string{p.State}
	case *csto.PartyAction:
		in := m.Instruments[p.Instrument]
		m.Acts = append(m.Acts, Act{Type: c.Type, State: p.State, Instrument: p.Instrument, Date: c.Date, Seq: e.Seq})
		orgs, states = []string{in.Org}, []string{p.State}
		if o := m.Orgs[in.Org]; o != nil && o.MembershipInstrument == in.ID {
			pair := csto.Pair{State: p.State, Org: in.Org}
			m.addFact(pair, fact{Type: c.Type, Date: c.Date, Seq: e.Seq})
			pairs = append(pairs, pair)
		}
	case *csto.MembershipChange:
		orgs, states = []string{p.Org}, []string{p.State}
		pair := csto.Pair{State: p.State, Org: p.Org}
		m.addFact(pair, fact{Type: c.Type, Date: c.Date, Seq: e.Seq})
		if c.Type == csto.CmdNotice {
			// The withdrawal takes effect by itself on the effective date.
			m.addFact(pair, fact{Type: csto.CmdWithdraw, Date: p.Effective, Seq: e.Seq})
		}
		pairs = append(pairs, pair)
	case *csto.SessionHold, *csto.SessionConvene, *csto.SessionAttend, *csto.SessionClose,
		*csto.DecisionRecord, *csto.DecisionPropose, *csto.DecisionPosition, *csto.DecisionClose:
		states, orgs = m.applyCouncil(c, p, e.Seq)
	case *csto.RequestFile:
		w(m, ownRequests, &m.Requests)[p.ID] = &Request{RequestFile: *p, Date: c.Date, Seq: e.Seq}
		orgs, states = []string{p.Org}, []string{p.State}
	case *csto.OperationCreate:
		w(m, ownOperations, &m.Operations)[p.ID] = &Operation{OperationCreate: *p, Decided: c.Date, Seq: e.Seq}
		orgs, states = []string{p.Org}, []string{p.Host}
	case *csto.OperationContingent:
		op := m.operationCopy(p.Operation)
		op.Contingents = append(op.Contingents, *p)
		orgs, states = []string{op.Org}, []string{p.State, op.Host}
	case *csto.OperationPhase:
		op := m.operationCopy(p.Operation)
		op.Phases = append(op.Phases, Phase{Phase: p.Phase, Date: c.Date})
		orgs, states = []string{op.Org}, []string{op.Host}
	case *csto.OperationReport:
		op := m.operationCopy(p.Operation)
		op.Reported = *p
		orgs, states = []string{op.Org}, []string{op.Host}
	case *csto.ExerciseHold:
		// references keeps the counts within an int32.
		entry.ex = &Exercise{Seq: e.Seq, tags: m.tags.exerciseTagsOf(p.Org, p.Series, p.Levels, p.Participants),
			date: m.tags.dateOf(c.Date), troops: int32(p.Troops), aircraft: int32(p.Aircraft)}
		m.Exercises.set(m, p.ID, entry.ex)
		orgs, states = []string{p.Org}, p.Participants
	case *csto.IncidentRecord:
		incident = &Incident{ID: p.ID, Seq: e.Seq}
		kind, states = p.Kind, p.Parties
	case *csto.EventRecord:
		kind, states, orgs = p.Kind, p.States, p.Orgs
	case *csto.InstrumentArticles:
		m.applyArticles(p)
	case *csto.OrgContrary:
		m.Contrary = append(m.Contrary, Contrary{OrgContrary: *p, Since: c.Date, Sources: c.Sources, Seq: e.Seq})
	case *csto.AllianceAdd:
		w(m, ownAlliances, &m.Alliances)[p.ID] = &Alliance{AllianceAdd: *p, Begin: c.Date, Sources: c.Sources, Seq: e.Seq}
	case *csto.AllianceMember:
		m.addAllianceMember(AllianceMember{AllianceMember: *p, Entry: c.Date, Seq: e.Seq})
	case *csto.Correction:
		return m.applyCorrection(e, c, p)
	default:
		return nil, fmt.Errorf("no apply for %T", p)
	}
	if !csto.IsReference(c.Type) {
		entry.tags, entry.date = m.tags.tagsOf(c.Type, kind, states, orgs), m.tags.dateOf(c.Date)
		m.Entries = append(m.Entries, entry)
		if hold {
			m.held = append(m.held, heldBody{e.Seq, bodyOf(c, p)})
		}
	}
	if incident != nil {
		incident.tags, incident.date = entry.tags, entry.date
		m.Incidents.set(m, incident.ID, incident)
	}
	for _, pair := range pairs {
		m.rederive(pair)
	}
	return pairs, nil
}

func (m *Model) addFact(p csto.Pair, f fact) {
	w(m, ownFacts, &m.facts)[p] = append(slices.Clip(m.facts[p]), f)
}

// operationCopy replaces the operation id with a copy whose slices can be
// appended to, and returns the copy.
func (m *Model) operationCopy(id string) *Operation {
	op := *m.Operations[id]
	op.Contingents = slices.Clone(op.Contingents)
	op.Phases = slices.Clone(op.Phases)
	w(m, ownOperations, &m.Operations)[id] = &op
	return &op
}
