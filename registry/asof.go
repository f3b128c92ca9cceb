package registry

import (
	"encoding/json"
	"iter"
	"slices"
	"strings"
	"sync"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// Members as of a date (issue 12, item 3). An organization's answer for a
// date at depends only on how at's earliest and latest days compare with
// the days where one of its spells' readings may or must begin or end
// (statusAt compares nothing else). Those days, sorted, are the cuts:
// two dates whose earliest days fall between the same two cuts, and whose
// latest days do too, have the same members, the same statuses, the same
// "since" and the same certainty. So Members finds the segments of at by
// binary search and answers with the rows kept for that pair of segments
// (and language), built by the first question that fell there. The rows
// are shared by every caller of the same model, and MemberRows gives them
// out only by value.

// memberCache is the limit of kept answers per organization and model: a
// few languages times the segments asked for; past it, answers are built
// per call (still correct, only slower).
const memberCache = 4096

// orgMembers answers Members for one organization of one model.
type orgMembers struct {
	pairs []csto.Pair // sorted by state
	cuts  []edtf.Day  // sorted, each once

	mu   sync.Mutex
	kept map[memberKey]MemberRows
}

type memberKey struct {
	lo, hi int // segments of at's earliest and latest days
	lang   csto.Lang
}

func newOrgMembers(m *Model, pairs []csto.Pair) *orgMembers {
	slices.SortFunc(pairs, func(a, b csto.Pair) int { return strings.Compare(a.State, b.State) })
	om := &orgMembers{pairs: pairs}
	for _, p := range pairs {
		for _, sp := range m.spells[p] {
			om.cuts = append(om.cuts, sp.From.Earliest(), sp.From.Latest())
			if !sp.To.IsZero() {
				om.cuts = append(om.cuts, sp.To.Earliest(), sp.To.Latest())
			}
		}
	}
	slices.Sort(om.cuts)
	om.cuts = slices.Compact(om.cuts)
	return om
}

// segment returns how many cuts are at or before d: every comparison
// statusAt makes of d with a cut (d < c, d >= c, c <= d) has the same
// result for two days of the same segment. The comparisons with a spell's
// open end (MaxDay + 1) hold for every day.
func (om *orgMembers) segment(d edtf.Day) int {
	i, found := slices.BinarySearch(om.cuts, d)
	if found {
		i++
	}
	return i
}

// rows returns the member rows of org at the date at in lang.
func (om *orgMembers) rows(m *Model, at edtf.Date, lang csto.Lang) MemberRows {
	k := memberKey{om.segment(at.Earliest()), om.segment(at.Latest()), lang}
	om.mu.Lock()
	r, ok := om.kept[k]
	om.mu.Unlock()
	if ok {
		return r
	}
	rows := make([]MemberRow, 0, len(om.pairs))
	for _, pair := range om.pairs {
		a := statusAt(m.spells[pair], at)
		if a.Status == "" {
			continue
		}
		rows = append(rows, MemberRow{
			State: pair.State, Name: m.stateName(pair.State, lang),
			Status: a.Status, Since: a.Since.String(), Certainty: a.Certainty,
		})
	}
	r = MemberRows{rows: slices.Clip(rows)}
	om.mu.Lock()
	defer om.mu.Unlock()
	if om.kept == nil {
		om.kept = map[memberKey]MemberRows{}
	}
	if len(om.kept) < memberCache {
		om.kept[k] = r
	}
	return r
}

// MemberRows is the member rows of a MemberList, in state order. It is
// shared by every caller that asked the same model about the same
// period and cannot be changed: its rows are given out by value.
type MemberRows struct{ rows []MemberRow }

// Len returns the number of rows.
func (r MemberRows) Len() int { return len(r.rows) }

// At returns row i (0 ≤ i < Len).
func (r MemberRows) At(i int) MemberRow { return r.rows[i] }

// All returns the rows with their indexes, in state order.
func (r MemberRows) All() iter.Seq2[int, MemberRow] {
	return func(yield func(int, MemberRow) bool) {
		for i, row := range r.rows {
			if !yield(i, row) {
				return
			}
		}
	}
}

// Slice returns a copy of the rows, for a caller that needs a slice.
func (r MemberRows) Slice() []MemberRow { return slices.Clone(r.rows) }

// MarshalJSON encodes the rows as a JSON array ([] when there are none).
func (r MemberRows) MarshalJSON() ([]byte, error) {
	if r.rows == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(r.rows)
}

// JSONSchemaItems tells the API's OpenAPI generator that MemberRows
// encodes as an array of MemberRow.
func (MemberRows) JSONSchemaItems() any { return MemberRow{} }
