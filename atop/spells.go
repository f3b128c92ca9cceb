package atop

import "github.com/csto/csto/edtf"

// A span of shared or single membership in one alliance, as the
// state-year and dyad-year expansions see it: the years it touches and the
// dates it starts and ends (End zero while in effect).
type span struct {
	atopid     int
	a, b       int // the state (b 0), or the two states of a pair (a < b)
	start, end edtf.Date
	from, to   int // first and last year touched
}

// spanKey identifies the dates spans of one state or pair in one alliance
// start and end on.
type spanKey struct {
	atopid, a, b int
	date         edtf.Date
}

// transitions decides, for each span, whether its start and its end are
// real, that is whether membership (of the state, or shared by the pair)
// begins or ends there, rather than carrying on into another phase of
// the same alliance. A span continues another when one ends on the very
// date (same EDTF value) the other starts: ATOP ends a phase on the day
// the next one begins. An open end (in effect at DatasetEnd) is never
// real. TRANSYR is set in the years of real starts and ends.
func transitions(spans []span) (starts, ends []bool) {
	startAt := make(map[spanKey]bool, len(spans))
	endAt := make(map[spanKey]bool, len(spans))
	for _, s := range spans {
		startAt[spanKey{s.atopid, s.a, s.b, s.start}] = true
		if !s.end.IsZero() {
			endAt[spanKey{s.atopid, s.a, s.b, s.end}] = true
		}
	}
	starts = make([]bool, len(spans))
	ends = make([]bool, len(spans))
	for i, s := range spans {
		starts[i] = !endAt[spanKey{s.atopid, s.a, s.b, s.start}]
		ends[i] = !s.end.IsZero() && !startAt[spanKey{s.atopid, s.a, s.b, s.end}]
	}
	return starts, ends
}

// addID adds id to a small set kept as a slice; it returns the set and
// the index of id in it.
func addID(ids []int, id int) ([]int, int) {
	for i, x := range ids {
		if x == id {
			return ids, i
		}
	}
	return append(ids, id), len(ids)
}
