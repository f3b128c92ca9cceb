package registry

// The packed form of what a snapshot holds a million of (snapshot.go):
// the timeline's entries, the exercises and the incidents. gob, which
// encodes the rest, spends most of a start reflecting over these and
// allocating each string of each; packed, an item is a few varints, the
// strings that repeat (types, kinds, codes, dates, lists of participants)
// are written once and named by their number after, and decoding shares
// them. The form:
//
//	word:  0 then a new string (len, bytes), numbered in order; or its number+1
//	date:  the same, in a dictionary of dates, as EDTF text ("": no date)
//	list:  0 nil; 1 then a new list (len, words), numbered in order; or its number+2
//	entry: seq-previous (≥ 1), 8 bytes of its ID's hash (idHash, big-endian),
//	       type word, kind word, ref (0 none, 1 then 8 bytes of its exercise's
//	       ID's hash), date, states list, orgs list, 16 bytes of digest,
//	       then what it recorded: 0 nothing; 1 its exercise's fields (the
//	       hash of the exercise's ID is the entry's ref, its seq the entry's); 2 its
//	       incident's fields (its seq the entry's)
//	exercise fields: org word, series word, levels list, participants list,
//	       troops, aircraft (signed), date
//	incident fields: ID, kind word, parties list, date
//
// The dictionaries run over the whole snapshot, chunk after chunk. The
// packed bytes are untrusted input like the rest: every length is checked
// against what is left, and nothing decoded sizes an allocation beyond the
// bytes that carry it.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

type packer struct {
	buf   []byte
	words map[string]uint64
	dates map[string]uint64
	lists map[string]uint64
	key   []byte
	seq   int64 // the last entry's
}

func newPacker() *packer {
	return &packer{words: map[string]uint64{}, dates: map[string]uint64{}, lists: map[string]uint64{}}
}

func (p *packer) uvarint(v uint64) { p.buf = binary.AppendUvarint(p.buf, v) }
func (p *packer) varint(v int64)   { p.buf = binary.AppendVarint(p.buf, v) }

func (p *packer) str(s string) {
	p.uvarint(uint64(len(s)))
	p.buf = append(p.buf, s...)
}

// dict writes s as a dictionary item of d.
func (p *packer) dict(d map[string]uint64, s string) {
	if i, ok := d[s]; ok {
		p.uvarint(i + 1)
		return
	}
	d[s] = uint64(len(d))
	p.uvarint(0)
	p.str(s)
}

func (p *packer) word(s string)    { p.dict(p.words, s) }
func (p *packer) date(d edtf.Date) { p.dict(p.dates, d.String()) }
func (p *packer) list(l []string) {
	if len(l) == 0 {
		p.uvarint(0)
		return
	}
	p.key = p.key[:0]
	for _, s := range l {
		p.key = append(append(p.key, s...), 0)
	}
	if i, ok := p.lists[string(p.key)]; ok {
		p.uvarint(i + 2)
		return
	}
	p.lists[string(p.key)] = uint64(len(p.lists))
	p.uvarint(1)
	p.uvarint(uint64(len(l)))
	for _, s := range l {
		p.word(s)
	}
}

// entry writes e, h the hash of its ID, and the exercise (e.ex, xh the
// hash of its ID) or incident (i) it recorded, at most one (nil when
// none), which it carries.
func (p *packer) entry(e *Entry, h uint64, xh uint64, i *Incident) {
	p.uvarint(uint64(e.Seq - p.seq))
	p.seq = e.Seq
	p.buf = binary.BigEndian.AppendUint64(p.buf, h)
	p.word(e.Type())
	p.word(e.Kind())
	if e.ex != nil {
		p.uvarint(1)
		p.buf = binary.BigEndian.AppendUint64(p.buf, xh)
	} else {
		p.uvarint(0)
	}
	p.date(e.Date())
	p.list(e.States())
	p.list(e.Orgs())
	p.buf = append(p.buf, e.sum[:]...)
	switch {
	case e.ex != nil:
		p.uvarint(1)
		p.exerciseFields(e.ex)
	case i != nil:
		p.uvarint(2)
		p.incidentFields(i)
	default:
		p.uvarint(0)
	}
}

func (p *packer) exerciseFields(x *Exercise) {
	p.word(x.Org())
	p.word(x.Series())
	p.list(x.Levels())
	p.list(x.Participants())
	p.varint(int64(x.troops))
	p.varint(int64(x.aircraft))
	p.date(x.Date())
}

func (p *packer) incidentFields(x *Incident) {
	p.str(x.ID)
	p.word(x.Kind())
	p.list(x.Parties())
	p.date(x.Date())
}

// unpacker reads what a packer wrote, chunk after chunk (more). The first
// error stops it; what it returns after is zero.
type unpacker struct {
	b     []byte
	err   error
	words []string
	dates []*edtf.Date // nil: no date
	lists [][]string
	tags  map[tagKey]*entryTags
	// exercises: an exercise's tags, named by the numbers of its org,
	// series, levels and participants
	exercises map[tagKey]*exerciseTags
	dated     int32  // the index in dates of the last date read
	exHash    uint64 // the hash of the ID of the last exercise read
	seq       int64  // the last entry's
	max       int64  // the last position an item may have: the snapshot's Seq
}

var errPacked = errors.New("packed items: malformed")

func (u *unpacker) fail(what string) {
	if u.err == nil {
		u.err = fmt.Errorf("%w: %s", errPacked, what)
	}
}

// more starts the next chunk's bytes.
func (u *unpacker) more(b []byte) { u.b = b }

// done reports the chunk's bytes used up exactly.
func (u *unpacker) done() error {
	if u.err == nil && len(u.b) != 0 {
		u.fail(fmt.Sprintf("%d bytes after the last item", len(u.b)))
	}
	return u.err
}

func (u *unpacker) uvarint() uint64 { return number(u, binary.Uvarint) }
func (u *unpacker) varint() int64   { return number(u, binary.Varint) }

// number reads a varint with read (binary.Uvarint or binary.Varint).
func number[T uint64 | int64](u *unpacker, read func([]byte) (T, int)) T {
	if u.err != nil {
		return 0
	}
	v, n := read(u.b)
	if n <= 0 {
		u.fail("a number cut short or too long")
		return 0
	}
	u.b = u.b[n:]
	return v
}

// int32 reads a count: an exercise's troops or aircraft.
func (u *unpacker) int32() int32 {
	v := u.varint()
	if int64(int32(v)) != v {
		u.fail("a count out of range")
		return 0
	}
	return int32(v)
}

func (u *unpacker) str() string {
	n := u.uvarint()
	if n > uint64(len(u.b)) {
		u.fail("a string longer than what is left")
		return ""
	}
	s := string(u.b[:n])
	u.b = u.b[n:]
	return s
}

func (u *unpacker) word() string { s, _ := u.wordAt(); return s }

// wordAt reads a word and returns its number in the dictionary too (-1
// after an error).
func (u *unpacker) wordAt() (string, int32) {
	i := u.uvarint()
	if i == 0 {
		s := u.str()
		if u.err != nil {
			return "", -1
		}
		u.words = append(u.words, s)
		return s, int32(len(u.words) - 1)
	}
	if i-1 >= uint64(len(u.words)) {
		u.fail("a word not yet defined")
		return "", -1
	}
	return u.words[i-1], int32(i - 1)
}

// datePtr reads a date and returns the dictionary's, held once (nil for
// no date or after an error); u.dated is then its number.
func (u *unpacker) datePtr() *edtf.Date {
	i := u.uvarint()
	if i == 0 {
		s := u.str()
		var d *edtf.Date
		if s != "" && u.err == nil {
			p, err := edtf.Parse(s)
			if err != nil {
				u.fail(fmt.Sprintf("date %q: %v", s, err))
				return nil
			}
			d = &p
		}
		if u.err != nil {
			return nil
		}
		u.dated = int32(len(u.dates))
		u.dates = append(u.dates, d)
		return d
	}
	if i-1 >= uint64(len(u.dates)) {
		u.fail("a date not yet defined")
		return nil
	}
	u.dated = int32(i - 1)
	return u.dates[i-1]
}

func (u *unpacker) list() []string { l, _ := u.listAt(); return l }

// listAt reads a list and returns its number in the dictionary too (-1
// for none or after an error).
func (u *unpacker) listAt() ([]string, int32) {
	switch i := u.uvarint(); {
	case u.err != nil || i == 0:
		return nil, -1
	case i == 1:
		n := u.uvarint()
		if n == 0 || n > uint64(len(u.b)) { // a word is a byte at least
			u.fail("a list's length")
			return nil, -1
		}
		l := make([]string, n)
		for j := range l {
			l[j] = u.word()
		}
		if u.err != nil {
			return nil, -1
		}
		u.lists = append(u.lists, l)
		return l, int32(len(u.lists) - 1)
	case i-2 >= uint64(len(u.lists)):
		u.fail("a list not yet defined")
		return nil, -1
	default:
		return u.lists[i-2], int32(i - 2)
	}
}

// entry reads an entry, the hash of its ID, and the incident it carries
// (nil when none; an exercise it carries is the entry's ex, and u.exHash
// the hash of its ID); u.dated is then the index of the entry's date in
// u.dates.
func (u *unpacker) entry() (Entry, uint64, *Incident) {
	var e Entry
	d := u.uvarint()
	if u.err == nil && (d == 0 || d > uint64(u.max-u.seq)) {
		u.fail(fmt.Sprintf("an entry %d positions after %d, of %d", d, u.seq, u.max))
	}
	if u.err == nil && len(u.b) < 8 {
		u.fail("an entry's hash cut short")
	}
	if u.err != nil {
		return e, 0, nil
	}
	u.seq += int64(d)
	e.Seq = u.seq
	h := binary.BigEndian.Uint64(u.b)
	u.b = u.b[8:]
	typ, ti := u.wordAt()
	kind, ki := u.wordAt()
	var ref bool // it names an exercise, whose ID's hash is xh
	var xh uint64
	switch u.uvarint() {
	case 0:
	case 1:
		if ref = true; len(u.b) < 8 {
			u.fail("an exercise's hash cut short")
		} else {
			xh, u.b = binary.BigEndian.Uint64(u.b), u.b[8:]
		}
	default:
		u.fail("an entry's reference")
	}
	e.date = u.datePtr()
	dated := u.dated
	states, si := u.listAt()
	orgs, oi := u.listAt()
	if u.err == nil && len(u.b) < len(e.sum) {
		u.fail("an entry's digest cut short")
	}
	if u.err != nil {
		return Entry{}, 0, nil
	}
	e.tags = madeOnce(&u.tags, tagKey{ti, ki, si, oi}, func() *entryTags { return &entryTags{typ, kind, states, orgs} })
	copy(e.sum[:], u.b)
	u.b = u.b[len(e.sum):]
	var i *Incident
	switch what := u.uvarint(); {
	case ref && what != 1:
		u.fail("an entry's reference without its exercise")
	case what == 0:
	case what == 1:
		if !ref {
			u.fail("an entry with no reference carries an exercise")
			break
		}
		e.ex = &Exercise{Seq: e.Seq}
		u.exerciseFields(e.ex)
		u.exHash = xh
	case what == 2:
		i = &Incident{Seq: e.Seq}
		u.incidentFields(i, &e)
	default:
		u.fail("what an entry carries")
	}
	if u.err != nil {
		return Entry{}, 0, nil
	}
	u.dated = dated // not the exercise's or incident's
	return e, h, i
}

// tagKey names an entry's tags by the numbers of its type, kind, states
// and orgs in the dictionaries (-1: no list); an exercise's, of its org,
// series, levels and participants.
type tagKey [4]int32

// madeOnce returns the tags in *made named k, made with mk once for all
// the items that have them.
func madeOnce[T any](made *map[tagKey]*T, k tagKey, mk func() *T) *T {
	if g, ok := (*made)[k]; ok {
		return g
	}
	if *made == nil {
		*made = map[tagKey]*T{}
	}
	g := mk()
	(*made)[k] = g
	return g
}

func (u *unpacker) exerciseFields(x *Exercise) {
	org, oi := u.wordAt()
	series, si := u.wordAt()
	levels, li := u.listAt()
	participants, pi := u.listAt()
	x.troops, x.aircraft, x.date = u.int32(), u.int32(), u.datePtr()
	if u.err != nil {
		return
	}
	x.tags = madeOnce(&u.exercises, tagKey{oi, si, li, pi}, func() *exerciseTags {
		return &exerciseTags{org, series, levels, participants}
	})
}

// incidentFields reads x, the incident entry e carries: the tags and date
// it shares with e when they are e's (as apply makes them), else its own.
func (u *unpacker) incidentFields(x *Incident, e *Entry) {
	x.ID = u.str()
	kind, parties, date := u.word(), u.list(), u.datePtr()
	if u.err != nil {
		return
	}
	if x.tags = e.tags; kind != e.Kind() || !slices.Equal(parties, e.States()) || len(e.Orgs()) > 0 {
		x.tags = &entryTags{csto.CmdIncidentRecord, kind, parties, nil}
	}
	x.date = date
}

// packTimes packs the recorded times (Unix ns, one an event) as the
// zigzag varint of each one's difference from the one before: a few bytes
// an event instead of gob's integer each, decoded in one loop.
func packTimes(ts []int64) []byte {
	p := packer{buf: make([]byte, 0, 4*len(ts))}
	last := int64(0)
	for _, t := range ts {
		p.varint(t - last)
		last = t
	}
	return p.buf
}

// unpackTimes is packTimes's inverse, refusing bytes that do not hold
// exactly n times. Nothing in b sizes an allocation beyond n, which the
// snapshot's bounded first message gives, and each time takes at least a
// byte.
func unpackTimes(b []byte, n int64) ([]int64, error) {
	if n < 0 || n > int64(len(b)) {
		return nil, fmt.Errorf("recorded times: %d bytes for %d events", len(b), n)
	}
	u := &unpacker{}
	u.more(b)
	ts := make([]int64, n)
	last := int64(0)
	for i := range ts {
		last += u.varint()
		ts[i] = last
	}
	if err := u.done(); err != nil {
		return nil, fmt.Errorf("recorded times: %w", err)
	}
	return ts, nil
}

// A snapshot's chunks and index (snapshot.go) are frames in the stream
// after gob's first message: a frame is its length (uvarint) and that
// many bytes. gob would allocate each message anew and each []byte in it
// again, twice the snapshot's size in garbage during a start, which sizes
// the heap's peak; a frame is read into a buffer that is used again.
//
//	chunk: last (0 or 1), the number of commands that made no entry, each
//	       its ID (len, bytes) and position (varint), the number of entries,
//	       then the entries, packed (as above)
//	index: last (0 or 1), the number of kinds, each (len, bytes), the number
//	       of lists, each its key's class (a byte's value), its name (len,
//	       bytes), the number of positions, and each position (uvarint)

// frameMax bounds a frame's length; a longer one is refused. Nothing is
// allocated past what has been read (readFrame).
const frameMax = 1 << 30

// writeFrame writes a frame of the parts, one after the other.
func writeFrame(w io.Writer, parts ...[]byte) error {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if _, err := w.Write(binary.AppendUvarint(nil, uint64(n))); err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// frameReader is the stream a snapshot is decoded from: gob reads its
// message from it without reading ahead (an io.ByteReader is not
// buffered again), and the frames follow.
type frameReader interface {
	io.Reader
	io.ByteReader
}

// readFrame reads the next frame into buf's room and returns it. A frame
// of up to frameAtOnce bytes (every chunk; the index's, up to a few
// million entries) is read into room made for all of it; a longer one into
// room that doubles as its bytes come, so that a length that lies
// allocates no more than twice the bytes that are there. The end of the
// stream before a frame or within one is io.ErrUnexpectedEOF: the last
// frame is marked.
func readFrame(r frameReader, buf []byte) ([]byte, error) {
	n, err := binary.ReadUvarint(r)
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, err
	}
	if n > frameMax {
		return nil, fmt.Errorf("a frame of %d bytes", n)
	}
	if room := int(min(n, frameAtOnce)); cap(buf) < room {
		buf = make([]byte, 0, room)
	}
	buf = buf[:0]
	for uint64(len(buf)) < n {
		if len(buf) == cap(buf) {
			more := make([]byte, len(buf), len(buf)+int(min(n-uint64(len(buf)), uint64(len(buf)))))
			buf = more[:copy(more, buf)]
		}
		k := int(min(n-uint64(len(buf)), uint64(cap(buf)-len(buf))))
		got, err := io.ReadFull(r, buf[len(buf):len(buf)+k])
		buf = buf[:len(buf)+got]
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, err
		}
	}
	return buf, nil
}

// frameAtOnce is the longest frame readFrame makes room for at once.
const frameAtOnce = 16 << 20

// flag reads a frame's last mark.
func (u *unpacker) flag() bool {
	switch u.uvarint() {
	case 0:
		return false
	case 1:
		return true
	}
	u.fail("a mark neither 0 nor 1")
	return false
}

// count reads a number of items, each at least a byte of what is left.
func (u *unpacker) count(what string) int {
	n := u.uvarint()
	if n > uint64(len(u.b)) {
		u.fail(fmt.Sprintf("%d %s in %d bytes", n, what, len(u.b)))
		return 0
	}
	return int(n)
}

func boolUvarint(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// writeChunk writes a chunk's frame: cmds, the commands that made no
// entry, and entries entries, packed.
func writeChunk(w io.Writer, cmds []commandPos, entries int, packed []byte, last bool) error {
	h := &packer{}
	h.uvarint(boolUvarint(last))
	h.uvarint(uint64(len(cmds)))
	for _, c := range cmds {
		h.str(c.ID)
		h.varint(c.Seq)
	}
	h.uvarint(uint64(entries))
	return writeFrame(w, h.buf, packed)
}

// chunkHead reads the head of a chunk's frame, as writeChunk wrote it:
// its commands (appended to cmds; each at a position of the max events
// there are), how many entries are packed after it, and whether it is
// the last. A chunk of more than chunkLen items is refused. u is left at
// the packed entries.
func (u *unpacker) chunkHead(cmds []commandPos, max int64) (_ []commandPos, entries int, last bool, err error) {
	last = u.flag()
	nc := u.count("commands")
	if nc > chunkLen {
		return nil, 0, false, fmt.Errorf("a chunk of more than %d items", chunkLen)
	}
	for range nc {
		p := commandPos{u.str(), u.varint()}
		if u.err == nil && (p.Seq < 1 || p.Seq > max) {
			return nil, 0, false, fmt.Errorf("command %q at position %d of %d", p.ID, p.Seq, max)
		}
		cmds = append(cmds, p)
	}
	n := u.uvarint()
	if u.err != nil {
		return nil, 0, false, u.err
	}
	if n > uint64(chunkLen-nc) {
		return nil, 0, false, fmt.Errorf("a chunk of more than %d items", chunkLen)
	}
	return cmds, int(n), last, nil
}

// writeIndexFrame writes an index frame of kinds and lists.
func writeIndexFrame(w io.Writer, kinds []string, lists []postingList, last bool) error {
	h := &packer{}
	h.uvarint(boolUvarint(last))
	h.uvarint(uint64(len(kinds)))
	for _, k := range kinds {
		h.str(k)
	}
	h.uvarint(uint64(len(lists)))
	for _, l := range lists {
		h.uvarint(uint64(l.Of))
		h.str(l.Name)
		h.uvarint(uint64(len(l.Pos)))
		for _, p := range l.Pos {
			h.uvarint(uint64(uint32(p)))
		}
	}
	return writeFrame(w, h.buf)
}

// indexFrame reads an index frame: positions of n entries at most.
func (u *unpacker) indexFrame(n int) (kinds []string, lists []postingList, last bool, err error) {
	last = u.flag()
	kinds = make([]string, u.count("kinds"))
	for i := range kinds {
		kinds[i] = u.str()
	}
	lists = make([]postingList, u.count("lists"))
	for i := range lists {
		l := &lists[i]
		of := u.uvarint()
		if of > 255 {
			u.fail("a list's class out of range")
		}
		l.Of, l.Name = byte(of), u.str()
		l.Pos = make([]int32, u.count("positions"))
		for j := range l.Pos {
			p := u.uvarint()
			if u.err == nil && p >= uint64(n) {
				return nil, nil, false, fmt.Errorf("index: position %d of %d entries", p, n)
			}
			l.Pos[j] = int32(p)
		}
		if u.err != nil {
			break
		}
	}
	return kinds, lists, last, u.done()
}
