package registry

import (
	"context"
	"slices"

	"github.com/csto/csto"
)

// checkSourceRevision checks a source.add against the registered version
// of its source, prev (nil when there is none): revision 0 registers a
// new source, revision n supersedes revision n-1 and says why.
func checkSourceRevision(prev, p *csto.SourceAdd) error {
	switch {
	case p.Revision < 0:
		return csto.Errorf(csto.Invalid, "data.revision", "a revision is 0 (a new source) or more (a correction), not %d", p.Revision)
	case p.Revision == 0 && prev != nil:
		return refuse(ruleUnique, "source %q is already registered (a correction is a new revision of it)", p.ID)
	case p.Revision > 0 && prev == nil:
		return csto.Errorf(csto.NotFound, "data.id", "revision %d of unknown source %q", p.Revision, p.ID)
	case p.Revision > 0 && p.Revision != prev.Revision+1:
		return refuse(ruleUnique, "source %q is at revision %d; the next revision is %d, not %d", p.ID, prev.Revision, prev.Revision+1, p.Revision)
	case p.Revision > 0 && p.Reason == "":
		return csto.Errorf(csto.Invalid, "data.reason", "a revision of a source says what it corrects")
	}
	return nil
}

// SourceCheck is how far a reader can check each source, and which facts
// rest only on weak ones.
type SourceCheck struct {
	Count   map[csto.Specificity]int `json:"counts"`
	Sources []SourceStatus           `json:"sources"`    // by ID
	Weak    []WeakFact               `json:"weak_facts"` // in log order
}

// SourceStatus is one source's specificity and the facts citing it.
type SourceStatus struct {
	*csto.SourceAdd
	Specificity csto.Specificity `json:"specificity"`
	Cited       int              `json:"cited"` // facts citing it (sources or claims)
}

// WeakFact is a fact (a dated event, or a source's reading of an
// organization) whose own sources are all weak. Claims kept beside the
// preferred value are not counted: their sources are listed with them.
type WeakFact struct {
	ID      string    `json:"id"`
	Date    string    `json:"date,omitempty"`
	Text    csto.Text `json:"text,omitzero"`
	Sources []string  `json:"sources"`
}

// SourceSpecificity is how far a reader can check source id; an unknown
// ID counts as a placeholder.
func (m *Model) SourceSpecificity(id string) csto.Specificity {
	if s := m.Sources[id]; s != nil {
		return s.Specificity()
	}
	return csto.Placeholder
}

// WeaklySourced reports whether a fact citing srcs rests only on weak
// sources (home pages, placeholders, unverified).
func (m *Model) WeaklySourced(srcs []string) bool {
	return len(srcs) > 0 && !slices.ContainsFunc(srcs, func(id string) bool { return !m.SourceSpecificity(id).Weak() })
}

// CheckSources classifies every registered source and finds the facts
// resting only on weak sources. It reads every entry's body: a pass over
// the log, a page of entries at a time, which the body cache does not
// keep.
func (m *Model) CheckSources() (SourceCheck, error) {
	spec, weakOnly := m.SourceSpecificity, m.WeaklySourced
	sc := SourceCheck{Count: map[csto.Specificity]int{}}
	for _, k := range csto.Specificities {
		sc.Count[k] = 0 // every kind is reported, zero included
	}
	cited := map[string]int{}
	page := make([]*Entry, 0, csto.MaxEventsAt)
	for i := 0; i < len(m.Entries); i += csto.MaxEventsAt {
		page = page[:0]
		for j := i; j < min(i+csto.MaxEventsAt, len(m.Entries)); j++ {
			page = append(page, &m.Entries[j])
		}
		bs, err := m.readBodies(context.Background(), page, false)
		if err != nil {
			return SourceCheck{}, err
		}
		for k, e := range page {
			b := bs[k]
			for _, s := range b.Sources {
				cited[s]++
			}
			for _, cl := range b.Claims {
				for _, s := range cl.Sources {
					cited[s]++
				}
			}
			if weakOnly(b.Sources) {
				sc.Weak = append(sc.Weak, WeakFact{ID: b.ID, Date: e.Date().String(), Text: b.Text, Sources: b.Sources})
			}
		}
	}
	for _, c := range m.Contrary {
		for _, s := range c.Sources {
			cited[s]++
		}
		if weakOnly(c.Sources) {
			sc.Weak = append(sc.Weak, WeakFact{ID: "org.contrary:" + c.Org + ":" + c.Of, Date: c.Since.String(), Text: c.Reason, Sources: c.Sources})
		}
	}
	ids := make([]string, 0, len(m.Sources))
	for id := range m.Sources {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		st := SourceStatus{SourceAdd: m.Sources[id], Specificity: spec(id), Cited: cited[id]}
		sc.Count[st.Specificity]++
		sc.Sources = append(sc.Sources, st)
	}
	return sc, nil
}
