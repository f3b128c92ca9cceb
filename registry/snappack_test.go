package registry

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// packed returns what a packer writes of entries carrying nothing.
func packed(es []Entry) []byte {
	p := newPacker()
	for i := range es {
		p.entry(&es[i], uint64(es[i].Seq), 0, nil)
	}
	return p.buf
}

// Entries, exercises and incidents come back from their packed form as
// they went in (every date form, lists with repeats, refs that are and
// are not the entry's ID, exercises and incidents carried by their
// entries, across chunks sharing the dictionaries), and equal
// lists come back as one list: what a million entries repeat is held
// once.
func TestPackRoundTrip(t *testing.T) {
	g := newGen(3)
	type item struct {
		e  Entry
		h  uint64 // the hash of its ID
		x  *Exercise
		xh uint64 // the hash of the exercise's ID
		i  *Incident
	}
	var items []item
	for n := range 3000 {
		it := item{e: g.entry(), h: uint64(n)*0x9E3779B97F4A7C15 + 1}
		e := &it.e
		e.sum = digest{byte(n), byte(n >> 8), 0xAB}
		switch n % 4 {
		case 0:
			it.x, it.xh = &Exercise{Seq: e.Seq, date: e.date, troops: int32(n * 10), aircraft: int32(-n),
				tags: &exerciseTags{org: "csto", series: []string{"", "Rubezh"}[n%2], levels: g.pick(exerciseLevels, 2), participants: e.States()}}, uint64(n)+7
		case 1:
			it.x, it.xh = &Exercise{Seq: e.Seq, date: dateAt(g.date()),
				tags: &exerciseTags{org: "odkb", participants: g.pick(g.states, 4)}}, ^uint64(n)
		case 2:
			// As apply makes it: its kind and parties are its entry's;
			// every tenth one (as only a forged snapshot could) not.
			e.tags = &entryTags{csto.CmdIncidentRecord, e.Kind(), e.States(), nil}
			it.i = &Incident{ID: fmt.Sprintf("incident-%d", n), Seq: e.Seq, tags: e.tags, date: e.date}
			if n%10 == 2 {
				it.i.tags = &entryTags{csto.CmdIncidentRecord, "crisis", []string{"ARM"}, nil}
			}
		}
		e.ex = it.x
		items = append(items, it)
	}
	// Three chunks from one packer: the later ones' dictionary numbers
	// name what the earlier defined.
	p := newPacker()
	half := len(items) / 2
	for _, it := range items[:half] {
		p.entry(&it.e, it.h, it.xh, it.i)
	}
	cut := len(p.buf)
	for _, it := range items[half:] {
		p.entry(&it.e, it.h, it.xh, it.i)
	}
	u := &unpacker{max: items[len(items)-1].e.Seq}
	var got []item
	for _, part := range []struct {
		b  []byte
		es int
	}{
		{p.buf[:cut], half},
		{nil, 0}, // an empty chunk
		{p.buf[cut:], len(items) - half},
	} {
		u.more(part.b)
		for range part.es {
			e, h, i := u.entry()
			var xh uint64
			if e.ex != nil {
				xh = u.exHash
			}
			got = append(got, item{e, h, e.ex, xh, i})
			// The date read last is the entry's, not its exercise's.
			if d := u.dates[u.dated]; d != e.date {
				t.Fatalf("entry %d: dated %v, its date is %q", e.Seq, d, e.Date())
			}
		}
		if err := u.done(); err != nil {
			t.Fatal(err)
		}
	}
	for n := range items {
		if !reflect.DeepEqual(got[n], items[n]) {
			t.Fatalf("entry %d: got %+v %+v %+v, want %+v %+v %+v", n, got[n].e, got[n].x, got[n].i, items[n].e, items[n].x, items[n].i)
		}
	}
	shared := map[string]*string{}
	for _, it := range got {
		if len(it.e.States()) == 0 {
			continue
		}
		k := fmt.Sprint(it.e.States())
		if p, ok := shared[k]; ok && p != unsafe.SliceData(it.e.States()) {
			t.Fatalf("two lists %s held twice", k)
		}
		shared[k] = unsafe.SliceData(it.e.States())
	}
	// Entries of the same tags share them, and of the same date the date.
	tags, dates := map[string]*entryTags{}, map[string]*edtf.Date{}
	for _, it := range got {
		e := &it.e
		k := fmt.Sprintf("%q %q %q %q", e.Type(), e.Kind(), e.States(), e.Orgs())
		if p, ok := tags[k]; ok && p != e.tags {
			t.Fatalf("tags %s held twice", k)
		}
		tags[k] = e.tags
		if p, ok := dates[e.Date().String()]; ok && p != e.date {
			t.Fatalf("date %q held twice", e.Date())
		}
		dates[e.Date().String()] = e.date
	}
	if len(tags) > len(got)*2/3 || len(dates) > len(got)*2/3 {
		t.Fatalf("%d tags and %d dates for %d entries: the test needs entries that share them", len(tags), len(dates), len(got))
	}
	// And exercises: their tags, and their dates with their entries'.
	xtags, xs := map[string]*exerciseTags{}, 0
	for _, it := range got {
		x := it.x
		if x == nil {
			continue
		}
		xs++
		k := fmt.Sprintf("%q %q %q %q", x.Org(), x.Series(), x.Levels(), x.Participants())
		if p, ok := xtags[k]; ok && p != x.tags {
			t.Fatalf("exercise tags %s held twice", k)
		}
		xtags[k] = x.tags
		if p, ok := dates[x.Date().String()]; ok && p != x.date {
			t.Fatalf("exercise %d: date %q held twice", x.Seq, x.Date())
		}
	}
	if xs == 0 || len(xtags) > xs*2/3 {
		t.Fatalf("%d tags for %d exercises: the test needs exercises that share them", len(xtags), xs)
	}
	// An incident shares its entry's tags and date when they are its own.
	for _, it := range got {
		if x := it.i; x != nil && (x.date != it.e.date || (x.tags == it.e.tags) != (x.Kind() == it.e.Kind() && slices.Equal(x.Parties(), it.e.States()))) {
			t.Fatalf("incident %s: tags %p, date %p; its entry's %p, %p", x.ID, x.tags, x.date, it.e.tags, it.e.date)
		}
	}
}

// FuzzUnpack feeds the unpacker arbitrary bytes: it never panics, and what
// it returns without an error is in log order within the snapshot's
// positions, each exercise or incident at its entry's.
func FuzzUnpack(f *testing.F) {
	g := newGen(5)
	var es []Entry
	for range 20 {
		e := g.entry()
		es = append(es, e)
	}
	f.Add(packed(es), uint8(20))
	f.Add([]byte{0, 0, 0, 1, 0}, uint8(1))
	p := newPacker()
	held := es[0]
	held.ex = &Exercise{Seq: held.Seq, tags: &exerciseTags{org: "csto", levels: []string{"tactical"}}}
	p.entry(&held, 1, 3, nil)
	p.entry(&es[1], 2, 0, &Incident{ID: "i", Seq: es[1].Seq, tags: &entryTags{typ: csto.CmdIncidentRecord, kind: "crisis"}})
	f.Add(p.buf, uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, ne uint8) {
		u := &unpacker{max: 1 << 20}
		u.more(b)
		last := int64(0)
		for range ne {
			e, _, i := u.entry()
			if u.err != nil {
				break
			}
			x := e.ex
			if e.Seq <= last || e.Seq > u.max || x != nil && x.Seq != e.Seq || i != nil && i.Seq != e.Seq {
				t.Fatalf("entry at %d after %d (of %d), carrying %+v %+v", e.Seq, last, u.max, x, i)
			}
			last = e.Seq
		}
		if err := u.done(); err != nil && !errors.Is(err, errPacked) {
			t.Fatalf("an error not of the packed form: %v", err)
		}
	})
}

// The index a snapshot carries is the index the model builds: every
// posting list, the kinds, the exercises' counts and the members; after
// a grown log's deltas too. A list out of order, a position past the
// entries or a list of every entry short of one is refused.
func TestSnapshotIndex(t *testing.T) {
	g := newGen(9)
	m := g.model(3000)
	m.index()
	for range 3 {
		m = g.grow(m, 700) // deltas on the lists
	}
	built := m.index()
	var buf bytes.Buffer
	if err := encodeIndex(&buf, m, built); err != nil {
		t.Fatal(err)
	}
	// The dates as the unpacker reads them, each once; and each entry's
	// its own (the same date many times: ranks tie).
	once, each := chunked{}, chunked{}
	at := map[string]int32{}
	for i := range m.Entries {
		x, _ := m.exerciseOf(&m.Entries[i])
		d, text := m.Entries[i].date, m.Entries[i].Date().String()
		j, ok := at[text]
		if !ok {
			j, at[text] = int32(len(once.dict)), int32(len(once.dict))
			once.dict = append(once.dict, d)
		}
		if x != nil {
			once.exercises, each.exercises = append(once.exercises, x), append(each.exercises, x)
		}
		once.dates = append(once.dates, j)
		each.dates, each.dict = append(each.dates, int32(i)), append(each.dict, d)
	}
	if len(once.dict) >= len(m.Entries)/2 {
		t.Fatalf("%d dates for %d entries: the test needs entries on one date", len(once.dict), len(m.Entries))
	}
	if err := decodeIndex(bytes.NewReader(buf.Bytes()), m, each); err != nil {
		t.Fatal(err)
	}
	if err := decodeIndex(&buf, m, once); err != nil {
		t.Fatal(err)
	}
	got := m.ix.built
	if got == built || !got.covers(m) {
		t.Fatalf("the decoded index is not installed as m's")
	}
	flat := func(p *postings) []int32 { return mergePos(m, p.base.pos, p.delta.pos) }
	if !slices.Equal(flat(got.all), flat(built.all)) || !slices.Equal(got.kinds, built.kinds) || len(got.keys) != len(built.keys) {
		t.Fatalf("all %d/%d, kinds %v/%v, %d/%d lists", got.all.len(), built.all.len(), got.kinds, built.kinds, len(got.keys), len(built.keys))
	}
	for k, p := range built.keys {
		if q := got.keys[k]; q == nil || !slices.Equal(flat(q), flat(p)) || !reflect.DeepEqual(q.base.max, newRun(m, flat(p)).max) {
			t.Fatalf("list %c %q differs", k.of, k.name)
		}
	}
	// The long exercises are counted, not ordered: an index grown by
	// deltas holds them in the order they were added.
	bySeq := func(xs []*Exercise) []*Exercise {
		return slices.SortedFunc(slices.Values(xs), func(a, b *Exercise) int { return cmp.Compare(a.Seq, b.Seq) })
	}
	ge, be := got.exercises, built.exercises
	ge.long, be.long = bySeq(ge.long), bySeq(be.long)
	if len(be.long) == 0 || len(be.inYear) == 0 || !reflect.DeepEqual(ge, be) || !reflect.DeepEqual(got.members, built.members) {
		t.Fatalf("the exercises' counts (%d long) or the members differ", len(be.long))
	}
	all := flat(built.all)
	for name, lists := range map[string][]postingList{
		"out of order":        {{Pos: append([]int32{all[1], all[0]}, all[2:]...)}},
		"a list out of order": {{Pos: all}, {Of: 's', Name: "KAZ", Pos: []int32{all[5], all[3]}}},
		"past the end":        {{Pos: append(slices.Clone(all[:len(all)-1]), int32(len(m.Entries)))}},
		"short":               {{Pos: all[:len(all)-1]}},
		"a list twice":        {{Pos: all}, {Of: 's', Name: "KAZ", Pos: all[:1]}, {Of: 's', Name: "KAZ", Pos: all[:1]}},
		"no all":              {{Of: 's', Name: "KAZ", Pos: all[:1]}},
	} {
		var buf bytes.Buffer
		if err := writeIndexFrame(&buf, nil, lists, true); err != nil {
			t.Fatal(err)
		}
		if err := decodeIndex(&buf, m, once); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// A date's rank is its place in edtf.Compare's order, equal dates tied:
// the unknown date first, then by earliest day, latest day, and text.
func TestDateRanks(t *testing.T) {
	dates := []edtf.Date{
		edtf.MustParse("2020-01-05"), {}, edtf.MustParse("2020-01"), edtf.MustParse("2019"),
		edtf.MustParse("2020-01-05"), edtf.MustParse("2020-01-05?"), edtf.MustParse("2020-01-01/2020-01-31"),
	}
	dict := make([]*edtf.Date, len(dates))
	for i := range dates {
		if !dates[i].IsZero() {
			dict[i] = &dates[i]
		}
	}
	rank, latest, err := dateRanks(dict)
	if err != nil {
		t.Fatal(err)
	}
	for a := range dates {
		if latest[a] != dates[a].Latest() {
			t.Errorf("the latest day of %q is %v, want %v", dates[a], latest[a], dates[a].Latest())
		}
		for b := range dates {
			if got, want := cmp.Compare(rank[a], rank[b]), edtf.Compare(dates[a], dates[b]); got != want {
				t.Errorf("%q (rank %d) against %q (rank %d): %d, edtf.Compare says %d", dates[a], rank[a], dates[b], rank[b], got, want)
			}
		}
	}
	if rank[1] != 0 || rank[0] != rank[4] || rank[0] == rank[5] {
		t.Errorf("ranks %v", rank)
	}
}

// An exercise.hold entry that carries no exercise, or an entry that
// carries one it did not record, is refused: the maps would not be the
// entries'.
func TestChunksCarryWhatTheyRecorded(t *testing.T) {
	held := testEntry(1, csto.CmdExerciseHold, csto.CmdExerciseHold)
	x := &Exercise{Seq: 1, tags: &exerciseTags{org: "csto"}}
	note := testEntry(2, csto.CmdEventRecord, "statement")
	asApplyMakesThem := func(p *packer) {
		e := held
		e.ex = x
		p.entry(&e, uint64(e.Seq), 7, nil)
		p.entry(&note, 2, 7, nil)
	}
	for _, tc := range []struct {
		name                   string
		entries, xs, incidents int // in the chunk, and as the header counts them
		pack                   func(p *packer)
		ok                     bool
	}{
		{"an exercise without its exercise", 1, 1, 0, func(p *packer) { p.entry(&held, 1, 7, nil) }, false},
		{"an event carrying an incident", 1, 0, 1, func(p *packer) { p.entry(&note, 2, 7, &Incident{ID: "i", Seq: 2}) }, false},
		{"an event carrying an exercise", 1, 1, 0, func(p *packer) {
			e := note
			e.ex = x
			p.entry(&e, uint64(e.Seq), 7, nil)
		}, false},
		{"as apply makes them", 2, 1, 0, asApplyMakesThem, true},
		{"fewer exercises than the header says", 2, 2, 0, asApplyMakesThem, false},
		{"more exercises than the header says", 2, 0, 0, asApplyMakesThem, false},
	} {
		p := newPacker()
		tc.pack(p)
		var buf bytes.Buffer
		if err := writeChunk(&buf, nil, tc.entries, p.buf, true); err != nil {
			t.Fatal(err)
		}
		m := newModel()
		m.Seq = 2
		_, maps, err := decodeChunks(&buf, m, idSeed{}, tc.xs, tc.incidents)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
		if !tc.ok || err != nil {
			continue
		}
		built, err := maps()
		if err != nil || built.exercises.Len() != 1 || built.exercises.xs[0] != m.Entries[0].ex || built.exercises.base.hashes[0] != 7 || built.commands.Len() != 2 || len(m.Entries) != 2 {
			t.Errorf("%s: %v: %d entries, %d commands, %d exercises", tc.name, err, len(m.Entries), built.commands.Len(), built.exercises.Len())
		}
	}
}

// The chunks are unpacked a chunk or two behind their reading: a chunk
// that does not unpack stops the reading and is the error reported,
// whatever follows it; a chunk that cannot be read after good ones is
// reported as such. Neither leaves the two goroutines waiting on each
// other.
func TestChunksUnpackedBehindTheirReading(t *testing.T) {
	note := func(seq int64) *Entry {
		e := testEntry(seq, csto.CmdEventRecord, "statement")
		return &e
	}
	const chunks = 20
	write := func(bad int, truncate bool) *bytes.Buffer {
		var buf bytes.Buffer
		p := newPacker() // one for the snapshot, as encodeChunks does
		for c := range chunks {
			p.buf = p.buf[:0]
			p.entry(note(int64(c+1)), uint64(c+1), 7, nil)
			if c == bad {
				p.buf = append(p.buf, 0xff) // a byte after the last item
			}
			if err := writeChunk(&buf, nil, 1, p.buf, c == chunks-1); err != nil {
				t.Fatal(err)
			}
		}
		if truncate {
			buf.Truncate(buf.Len() - 3)
		}
		return &buf
	}
	for _, tc := range []struct {
		name     string
		bad      int
		truncate bool
		want     string
	}{
		{"the second chunk malformed", 1, false, "after the last item"},
		{"the last chunk malformed", chunks - 1, false, "after the last item"},
		{"the last chunk cut short", -1, true, "unexpected EOF"},
		{"all good", -1, false, ""},
	} {
		m := newModel()
		m.Seq = chunks
		_, maps, err := decodeChunks(write(tc.bad, tc.truncate), m, idSeed{}, 0, 0)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want == "":
			if b, err := maps(); err != nil || b.commands.Len() != chunks || len(m.Entries) != chunks {
				t.Errorf("%s: %v, %d commands, %d entries", tc.name, err, b.commands.Len(), len(m.Entries))
			}
		case err == nil || !strings.Contains(err.Error(), tc.want):
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// A snapshot's body altered anywhere — a byte changed in the header, a
// chunk or the index — is decoded to an error or to a model, never to a
// panic or to goroutines waiting on each other (the checksum, checked
// after, refuses such a body; this is what the decoding itself does with
// it).
func TestAlteredSnapshotBody(t *testing.T) {
	ctx := context.Background()
	reg, _, command := kazRecord(t)
	system := csto.Actor{Role: csto.RoleSystem, State: "test"}
	for k := range 3*chunkLen/1000 + 1 { // several chunks
		cmds := make([]csto.Command, 1000)
		for i := range cmds {
			cmds[i] = command(fmt.Sprintf("e%d-%d", k, i), csto.CmdEventRecord, fmt.Sprintf("20%02d-01-01", i%25), csto.EventRecord{Kind: "statement", States: []string{"KAZ"}})
		}
		if _, err := reg.Submit(ctx, system, cmds...); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "snapshot"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := encodeSnapshot(f, reg.Model()); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	body := good[len(snapshotMagic)+sha256.Size:]
	if _, err := decodeSnapshotBody(bytes.NewReader(body)); err != nil {
		t.Fatalf("the good body: %v", err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	refused := 0
	for range 120 {
		b := bytes.Clone(body)
		b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
		if _, err := decodeSnapshotBody(bytes.NewReader(b)); err != nil {
			refused++
		}
	}
	// The cut: every prefix a truncated file could leave.
	for range 50 {
		if _, err := decodeSnapshotBody(bytes.NewReader(body[:rng.IntN(len(body))])); err == nil {
			t.Fatal("a truncated body decoded")
		}
	}
	t.Logf("%d of 120 altered bodies refused by the decoding alone", refused)
}

// The recorded times come back as they went, going backwards too (a
// clock set back) and at the extremes; bytes that hold more or fewer
// times than the events are refused.
func TestPackTimes(t *testing.T) {
	ts := []int64{1_700_000_000_000_000_000, 1_700_000_000_000_001_000, 1_699_999_999_000_000_000, 0, -1, math.MaxInt64, math.MinInt64, 5}
	b := packTimes(ts)
	got, err := unpackTimes(b, int64(len(ts)))
	if err != nil || !slices.Equal(got, ts) {
		t.Fatalf("%v, %v; want %v", got, err, ts)
	}
	for _, n := range []int64{int64(len(ts)) - 1, int64(len(ts)) + 1, -1} {
		if _, err := unpackTimes(b, n); err == nil {
			t.Errorf("%d bytes read as %d times", len(b), n)
		}
	}
	if _, err := unpackTimes([]byte{0x80}, 1); err == nil {
		t.Error("a cut varint accepted")
	}
	if got, err := unpackTimes(nil, 0); err != nil || len(got) != 0 {
		t.Errorf("no events: %v, %v", got, err)
	}
}

// unpackTimes never panics, and what it accepts packs back to its bytes
// or to bytes that read the same.
func FuzzUnpackTimes(f *testing.F) {
	f.Add(packTimes([]int64{1, 2, 3}), int64(3))
	f.Add([]byte{0xff, 0xff}, int64(1))
	f.Fuzz(func(t *testing.T, b []byte, n int64) {
		ts, err := unpackTimes(b, n)
		if err != nil {
			return
		}
		if again, err := unpackTimes(packTimes(ts), n); err != nil || !slices.Equal(again, ts) {
			t.Fatalf("%v read back as %v, %v", ts, again, err)
		}
	})
}

// A frame reads back as written, into the room of the buffer it is given
// when that is enough; a length that lies neither allocates what it says
// nor reads past the stream, and one past frameMax is refused.
func TestFrames(t *testing.T) {
	var buf bytes.Buffer
	parts := [][]byte{[]byte("head"), bytes.Repeat([]byte{7}, 3000), nil}
	if err := writeFrame(&buf, parts...); err != nil {
		t.Fatal(err)
	}
	if err := writeFrame(&buf); err != nil { // an empty one
		t.Fatal(err)
	}
	r := bytes.NewReader(buf.Bytes())
	room := make([]byte, 0, 4096)
	got, err := readFrame(r, room)
	if err != nil || !bytes.Equal(got, bytes.Join(parts, nil)) || &got[:1][0] != &room[:1][0] {
		t.Fatalf("%d bytes, %v; want the parts, in the room given", len(got), err)
	}
	if got, err := readFrame(r, room); err != nil || len(got) != 0 {
		t.Fatalf("the empty frame: %d bytes, %v", len(got), err)
	}
	if _, err := readFrame(r, room); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("past the last frame: %v, want io.ErrUnexpectedEOF", err)
	}
	if allocs := testing.AllocsPerRun(20, func() {
		r.Reset(buf.Bytes())
		if _, err := readFrame(r, room); err != nil {
			t.Fatal(err)
		}
	}); allocs != 0 {
		t.Errorf("%v allocations a frame read into room enough for it", allocs)
	}

	// A frame longer than frameAtOnce, read as its room doubles.
	long := make([]byte, 2*frameAtOnce+5)
	for i := range long {
		long[i] = byte(i * 7)
	}
	buf.Reset()
	if err := writeFrame(&buf, long[:10], long[10:]); err != nil {
		t.Fatal(err)
	}
	if got, err := readFrame(bytes.NewReader(buf.Bytes()), nil); err != nil || !bytes.Equal(got, long) {
		t.Fatalf("a frame of %d bytes: %d read back, %v", len(long), len(got), err)
	}

	for _, tc := range []struct {
		name  string
		claim uint64
		has   int
		want  string
	}{
		{"cut short", 3000, 100, "unexpected EOF"},
		{"a long lie", 1 << 29, 1 << 10, "unexpected EOF"},
		{"past frameMax", frameMax + 1, 10, "a frame of"},
	} {
		b := append(binary.AppendUvarint(nil, tc.claim), make([]byte, tc.has)...)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := readFrame(bytes.NewReader(b), nil)
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		// At most frameAtOnce for the room, and what other goroutines
		// allocate meanwhile; far from the half GiB the long lie claims.
		if n := after.TotalAlloc - before.TotalAlloc; n > 4*frameAtOnce {
			t.Errorf("%s: %d bytes allocated for a frame of %d bytes that says %d", tc.name, n, tc.has, tc.claim)
		}
	}
}

// An index frame of any bytes decodes or is refused, never past its
// entries: every position it returns is one of n.
func FuzzIndexFrame(f *testing.F) {
	var buf bytes.Buffer
	if err := writeIndexFrame(&buf, []string{"statement", "crisis"}, []postingList{{Pos: []int32{0, 2, 1}}, {Of: 's', Name: "KAZ", Pos: []int32{2}}}, true); err != nil {
		f.Fatal(err)
	}
	frame, err := readFrame(bytes.NewReader(buf.Bytes()), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(frame, uint8(3))
	f.Add([]byte{1, 0, 1, 0, 0, 5, 0, 1, 2, 3, 4}, uint8(5))
	f.Fuzz(func(t *testing.T, b []byte, n uint8) {
		_, lists, _, err := (&unpacker{b: b}).indexFrame(int(n))
		if err != nil {
			return
		}
		for _, l := range lists {
			for _, p := range l.Pos {
				if p < 0 || int(p) >= int(n) {
					t.Fatalf("list %c %q: position %d of %d entries", l.Of, l.Name, p, n)
				}
			}
		}
	})
}
