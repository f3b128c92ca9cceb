package registry

import (
	"encoding/binary"
	"sync"

	"github.com/csto/csto/edtf"
)

// entryTags is what selects an entry beside its date and what many
// entries share: their type, kind, and the states and organizations they
// name. A model holds each distinct set once (tagTable, and a snapshot's
// dictionaries, snappack.go) and its entries point to it; it is never
// changed once made.
type entryTags struct {
	typ, kind    string // kind: EventRecord kind, incident kind, …; else the type
	states, orgs []string
}

// Type is the command type of the event that made e.
func (e *Entry) Type() string {
	if e.tags == nil {
		return ""
	}
	return e.tags.typ
}

// Kind is e's kind: an EventRecord's or an incident's kind, else its type.
func (e *Entry) Kind() string {
	if e.tags == nil {
		return ""
	}
	return e.tags.kind
}

// States are the states e names; shared, not to be changed.
func (e *Entry) States() []string {
	if e.tags == nil {
		return nil
	}
	return e.tags.states
}

// Orgs are the organizations e names; shared, not to be changed.
func (e *Entry) Orgs() []string {
	if e.tags == nil {
		return nil
	}
	return e.tags.orgs
}

// Date is the date e is on.
func (e *Entry) Date() edtf.Date { return dateOf(e.date) }

// exerciseTags is what an exercise shares with many others: its
// organization, series, levels and participants. Held and never changed
// like entryTags.
type exerciseTags struct {
	org, series          string
	levels, participants []string
}

// Org is the organization that held x.
func (x *Exercise) Org() string {
	if x.tags == nil {
		return ""
	}
	return x.tags.org
}

// Series is the series x belongs to ("": none).
func (x *Exercise) Series() string {
	if x.tags == nil {
		return ""
	}
	return x.tags.series
}

// Levels are x's levels (strategic, operational, tactical); shared, not to
// be changed.
func (x *Exercise) Levels() []string {
	if x.tags == nil {
		return nil
	}
	return x.tags.levels
}

// Participants are the states that took part in x; shared, not to be
// changed.
func (x *Exercise) Participants() []string {
	if x.tags == nil {
		return nil
	}
	return x.tags.participants
}

// Troops is how many troops took part in x (0: not stated).
func (x *Exercise) Troops() int { return int(x.troops) }

// Aircraft is how many aircraft took part in x (0: not stated).
func (x *Exercise) Aircraft() int { return int(x.aircraft) }

// Date is the date or interval x was held over.
func (x *Exercise) Date() edtf.Date { return dateOf(x.date) }

// Kind is the kind of incident: armed-clash, aggression, crisis …
func (x *Incident) Kind() string {
	if x.tags == nil {
		return ""
	}
	return x.tags.kind
}

// Parties are the states the incident involved; shared, not to be
// changed.
func (x *Incident) Parties() []string {
	if x.tags == nil {
		return nil
	}
	return x.tags.states
}

// Date is the date of the incident.
func (x *Incident) Date() edtf.Date { return dateOf(x.date) }

// dateOf reads a shared date; nil reads as the zero date.
func dateOf(d *edtf.Date) edtf.Date {
	if d == nil {
		return edtf.Date{}
	}
	return *d
}

// maxInterned bounds each of a tagTable's maps: past it, new tags and
// dates are made for their entry alone (what a record repeats is met
// early; a log of distinct tags costs what it did before sharing).
const maxInterned = 1 << 16

// tagTable shares entries' tags and dates among the models of one chain
// (clones share it). A nil table shares nothing. Safe for concurrent use:
// a model's clone may apply events beside its writer's.
type tagTable struct {
	mu        sync.Mutex
	tags      map[string]*entryTags
	exercises map[string]*exerciseTags
	dates     map[string]*edtf.Date
	key       []byte
}

func newTagTable() *tagTable {
	return &tagTable{tags: map[string]*entryTags{}, exercises: map[string]*exerciseTags{}, dates: map[string]*edtf.Date{}}
}

// tagsOf returns the tags of an entry of type typ and kind that names
// states and orgs: the table's own when it holds them (equal strings,
// equal lists), else new ones, kept while the table has room.
func (t *tagTable) tagsOf(typ, kind string, states, orgs []string) *entryTags {
	if t == nil {
		return &entryTags{typ, kind, states, orgs}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return held(t, t.tags, typ, kind, states, orgs, func() *entryTags { return &entryTags{typ, kind, states, orgs} })
}

// exerciseTagsOf is tagsOf for an exercise's tags.
func (t *tagTable) exerciseTagsOf(org, series string, levels, participants []string) *exerciseTags {
	if t == nil {
		return &exerciseTags{org, series, levels, participants}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return held(t, t.exercises, org, series, levels, participants, func() *exerciseTags {
		return &exerciseTags{org, series, levels, participants}
	})
}

// held returns the tags in in under the key of words a, b and lists x, y,
// or makes them with mk, keeping them while in has room. t.mu is locked.
func held[T any](t *tagTable, in map[string]*T, a, b string, x, y []string, mk func() *T) *T {
	// Each part follows its length, so different tags have different keys.
	k := appendPart(t.key[:0], a)
	k = appendPart(k, b)
	k = appendList(k, x)
	k = appendList(k, y)
	t.key = k
	if g, ok := in[string(k)]; ok {
		return g
	}
	g := mk()
	if len(in) < maxInterned {
		in[string(k)] = g
	}
	return g
}

// dateOf returns d held once: the table's when it holds an equal date
// (the same canonical text), else a new one; nil for the zero date.
func (t *tagTable) dateOf(d edtf.Date) *edtf.Date {
	if d.IsZero() {
		return nil
	}
	if t == nil {
		return &d
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if p, ok := t.dates[d.String()]; ok {
		return p
	}
	p := &d
	if len(t.dates) < maxInterned {
		t.dates[d.String()] = p
	}
	return p
}

func appendPart(k []byte, s string) []byte {
	k = appendLen(k, len(s))
	return append(k, s...)
}

func appendList(k []byte, l []string) []byte {
	k = appendLen(k, len(l))
	for _, s := range l {
		k = appendPart(k, s)
	}
	return k
}

func appendLen(k []byte, n int) []byte { return binary.AppendUvarint(k, uint64(n)) }
