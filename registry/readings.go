package registry

import (
	"cmp"
	"slices"
	"sort"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// What the rules engine needs of membership beyond the current status:
// the facts a state's status rests on, and the spells under another
// reading of one fact's date (a contested claim), so that a rule can be
// evaluated under each claimed date and not only the preferred one.

// Fact is one recorded act bearing on a state's membership in an
// organization (see derive).
type Fact struct {
	Type string // the command type
	Date edtf.Date
	Seq  int64 // the event
}

// Facts returns the facts of state in org, in log order.
func (m *Model) Facts(state, org string) []Fact {
	fs := m.facts[csto.Pair{State: state, Org: org}]
	out := make([]Fact, len(fs))
	for i, f := range fs {
		out[i] = Fact(f)
	}
	return out
}

// SpellsWith returns the spells of state in org as they would be if the
// fact recorded by event seq had happened on date instead: the spells
// under a claim that contests that fact's date.
func (m *Model) SpellsWith(state, org string, seq int64, date edtf.Date) []csto.Spell {
	p := csto.Pair{State: state, Org: org}
	fs := slices.Clone(m.facts[p])
	for i := range fs {
		if fs[i].Seq == seq {
			fs[i].Date = date
		}
	}
	return derive(p, fs, m.membershipInstrumentInForce(org))
}

// StatusIn returns the status the spells give at the date at, with the
// rules of StatusAt.
func StatusIn(spells []csto.Spell, at edtf.Date) At { return statusAt(spells, at) }

// StatesIn returns the states with a membership history in org, sorted.
func (m *Model) StatesIn(org string) []string {
	var out []string
	for p, sp := range m.spells {
		if p.Org == org && len(sp) > 0 {
			out = append(out, p.State)
		}
	}
	sort.Strings(out)
	return out
}

// EntryBySeq returns the timeline entry of event seq; reference events
// (source.add, state.add, …) have none.
func (m *Model) EntryBySeq(seq int64) (Entry, bool) {
	if e, ok := m.entryAt(seq); ok {
		return *e, true
	}
	return Entry{}, false
}

// entryAt returns the entry of log position seq in m.Entries, if the
// log's event there made one. Entries are in log order, so ascending by
// Seq.
func (m *Model) entryAt(seq int64) (*Entry, bool) {
	i, ok := m.entryIndex(seq)
	if !ok {
		return nil, false
	}
	return &m.Entries[i], true
}

// entryIndex returns the index in m.Entries of the entry at seq, and
// whether there is one.
func (m *Model) entryIndex(seq int64) (int, bool) {
	return slices.BinarySearchFunc(m.Entries, seq, func(e Entry, s int64) int { return cmp.Compare(e.Seq, s) })
}

// SourceRefs returns the cited sources as queries show them.
func (m *Model) SourceRefs(ids []string) []SourceRef { return m.sourceRefs(ids) }

// StateName returns a state's name in lang, or its code.
func (m *Model) StateName(code string, lang csto.Lang) string { return m.stateName(code, lang) }
