package registry

// The exercises' index (issue 12): ExercisePage, ExerciseYears and
// ExerciseCount answer from the entry index (index.go) instead of walking
// and sorting every exercise per request. An exercise's entry (type
// exercise.hold, pointing to it) is posted under its organization
// ('x') and under its organization and each of its levels ('l'), in the
// timeline's order; the counts a page shows are kept beside the lists and
// grow with them, O(new exercises) per write.

import (
	"context"
	"maps"
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// exerciseKey names the posting list of org's exercises, or of those of
// one level.
func exerciseKey(org, level string) indexKey {
	if level == "" {
		return indexKey{'x', org}
	}
	return indexKey{'l', org + "\x00" + level}
}

// exerciseCounts are the numbers the exercise pages show without a
// scan. Indexes share them until one adds exercises (then it copies them).
type exerciseCounts struct {
	inYear map[yearKey]int   // exercises of at most longSpan years that may fall in a year
	long   []*Exercise       // those of longer spans (open or unknown ends, no date): rare
	began  map[string][]int  // org → the years its exercises began in, sorted
	took   map[[2]string]int // {org, state} → exercises the state took part in
}

// yearKey counts the exercises of an organization (of a level; "" all)
// that may fall in a year.
type yearKey struct {
	org, level string
	year       int
}

// longSpan is the most years an exercise may span and still be counted
// in each (a decade's "201X" spans ten).
const longSpan = 12

// exerciseOf returns the Exercise an entry records, if it records one.
func (m *Model) exerciseOf(e *Entry) (*Exercise, bool) {
	return e.ex, e.ex != nil
}

// ExerciseAt returns the exercise the event at log position seq
// recorded, if it recorded one.
func (m *Model) ExerciseAt(seq int64) (*Exercise, bool) {
	e, ok := m.entryAt(seq)
	if !ok {
		return nil, false
	}
	return m.exerciseOf(e)
}

// addExercises adds the exercises among the new entries add (positions,
// in timeline order) to byKey and to counts copied from base's.
func (m *Model) addExercises(add []int32, byKey map[indexKey][]int32, base exerciseCounts) exerciseCounts {
	c := base
	copied := false
	for _, p := range add {
		x, _ := m.exerciseOf(&m.Entries[p])
		if x == nil {
			continue
		}
		if !copied {
			c = exerciseCounts{inYear: maps.Clone(base.inYear), long: slices.Clip(base.long),
				began: maps.Clone(base.began), took: maps.Clone(base.took)}
			if c.began == nil {
				c = newExerciseCounts()
			}
			copied = true
		}
		levels := uniq(x.Levels())
		byKey[exerciseKey(x.Org(), "")] = append(byKey[exerciseKey(x.Org(), "")], p)
		for _, l := range levels {
			byKey[exerciseKey(x.Org(), l)] = append(byKey[exerciseKey(x.Org(), l)], p)
		}
		c.count(x, levels)
	}
	return c
}

// countExercises returns the counts of the exercises in xs (nil: none),
// in any order: a snapshot's, whose posting lists it carries.
func countExercises(xs []*Exercise) exerciseCounts {
	var c exerciseCounts
	for _, x := range xs {
		if x == nil {
			continue
		}
		if c.began == nil {
			c = newExerciseCounts()
		}
		c.count(x, uniq(x.Levels()))
	}
	return c
}

func newExerciseCounts() exerciseCounts {
	return exerciseCounts{inYear: map[yearKey]int{}, began: map[string][]int{}, took: map[[2]string]int{}}
}

// count adds x, whose levels without repeats are levels, to c (whose maps
// are c's own).
func (c *exerciseCounts) count(x *Exercise, levels []string) {
	if lo, hi := yearOf(x.Date().Earliest()), yearOf(x.Date().Latest()); hi-lo < longSpan {
		for y := lo; y <= hi; y++ {
			c.inYear[yearKey{x.Org(), "", y}]++
			for _, l := range levels {
				c.inYear[yearKey{x.Org(), l, y}]++
			}
		}
	} else {
		c.long = append(c.long, x)
	}
	ys, y := c.began[x.Org()], yearOf(x.Date().Earliest())
	if i, found := slices.BinarySearch(ys, y); !found {
		c.began[x.Org()] = slices.Insert(slices.Clip(ys), i, y)
	}
	for _, s := range uniq(x.Participants()) {
		c.took[[2]string{x.Org(), s}]++
	}
}

// uniq returns ss without repeats, in their order: ss itself when it has
// none (the common case: no copy), which the caller must not change.
func uniq(ss []string) []string {
	repeats := false
	for i := 1; i < len(ss) && !repeats; i++ {
		repeats = slices.Contains(ss[:i], ss[i])
	}
	if !repeats {
		return ss
	}
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// ExerciseYears returns the years an organization's exercises began
// in, in order, without building their views.
func (m *Model) ExerciseYears(org string) []int {
	return slices.Clone(m.index().exercises.began[org])
}

// ExerciseCount returns how many of an organization's exercises a state
// took part in, without building their views.
func (m *Model) ExerciseCount(org, state string) int {
	return m.index().exercises.took[[2]string{org, state}]
}

// ExercisePage returns the page of exercises f selects, in date order
// (then log order), building views for the page only. It reads the
// organization's (or level's) posting list from the cursor on and stops
// at the page's end. The list is exactly what f selects unless f names a
// year, so its length is the total; a year's total is counted as the
// lists grew (inYear, and the few long exercises checked).
func (m *Model) ExercisePage(f ExerciseFilter, lang csto.Lang) (ExercisePage, error) {
	if f.Offset < 0 || f.Limit < 0 {
		return ExercisePage{}, csto.Errorf(csto.Invalid, "limit", "%d is negative", min(f.Offset, f.Limit))
	}
	// selects is ExerciseFilter's one definition; the list and the year's
	// span only narrow the candidates.
	selects := func(x *Exercise) bool {
		return x.Org() == f.Org && (f.Year == 0 || yearOf(x.Date().Earliest()) <= f.Year && f.Year <= yearOf(x.Date().Latest())) &&
			(f.Level == "" || slices.Contains(x.Levels(), f.Level))
	}
	var after *Entry
	if f.After != 0 {
		e, ok := m.entryAt(f.After)
		var x *Exercise
		if ok {
			x, ok = m.exerciseOf(e)
		}
		if !ok || !selects(x) {
			return ExercisePage{}, csto.Errorf(csto.Invalid, "after", "%d is not the position of one of these exercises", f.After)
		}
		after = e
	}
	ix := m.index()
	list := ix.keys[exerciseKey(f.Org, f.Level)]
	if list == nil {
		list = &postings{}
	}
	pg := ExercisePage{Exercises: []ExerciseView{}, Total: list.len()}
	var from, to edtf.Date
	if f.Year != 0 {
		// The year's span narrows the scan (a year past edtf's calendar
		// gives zero dates: no narrowing, and selects finds nothing).
		from, to = edtf.FromDay(edtf.DayOf(f.Year, 1, 1)), edtf.FromDay(edtf.DayOf(f.Year, 12, 31))
		pg.Total = ix.exercises.inYear[yearKey{f.Org, f.Level, f.Year}]
		for _, x := range ix.exercises.long {
			if selects(x) {
				pg.Total++
			}
		}
	}
	skip := f.Offset
	var page []*Exercise
	var entries []*Entry
	m.scan(list, from, to, after, func(p int32) bool {
		x, ok := m.exerciseOf(&m.Entries[p])
		switch {
		case !ok || !selects(x):
		case skip > 0:
			skip--
		case f.Limit > 0 && len(page) == f.Limit:
			pg.Next = page[len(page)-1].Seq
			return false
		default:
			page, entries = append(page, x), append(entries, &m.Entries[p])
		}
		return true
	})
	// The page's texts, read back in one pass; a page longer than a
	// statement's worth (an export's) is not cached, so that it does not
	// flush the pages readers look at.
	bodies, err := m.readBodies(context.Background(), entries, len(entries) <= csto.MaxEventsAt)
	if err != nil {
		return ExercisePage{}, err
	}
	for i, x := range page {
		pg.Exercises = append(pg.Exercises, m.exerciseView(x, bodies[i], lang))
	}
	return pg, nil
}
