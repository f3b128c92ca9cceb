package registry

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/internal/iox"
	"github.com/csto/csto/registry/internal/hugepages"
	"github.com/csto/csto/translog"
)

// Snapshots of the model let a Registry start without replaying the whole
// log: Open loads the latest snapshot, checks it against the log, and
// replays only the events after it. A snapshot is a cache and the log
// stays the truth: a snapshot that is missing, unreadable, written by
// another build of csto, or that does not match the log (another event at
// its position, another tree) is ignored with a log line and the model is
// rebuilt from the log, which writes a new one. csto verify never reads
// snapshots.
//
// What a snapshot cannot catch is an event altered behind csto's back
// before the snapshot's position with its stored hash left as it was:
// replaying from the start would find it (the record would open
// degraded), a start from the snapshot does not. csto verify does.

// Snapshots says where and how often a Registry snapshots its model.
type Snapshots struct {
	Cache SnapshotCache
	// Every is how many new events make the snapshot stale: a snapshot
	// is written in the background when the model is that many events
	// past the last one (and holds at least that many). 0 means
	// DefaultSnapshotEvery.
	Every int64
	// Log receives a line for each snapshot ignored or written and each
	// failure to write one (slog.Default when nil).
	Log *slog.Logger
}

// DefaultSnapshotEvery is Snapshots.Every when unset.
const DefaultSnapshotEvery = 10_000

// OpenCached is Open with snapshots: it starts from the latest snapshot
// in snaps.Cache that matches the log, replays the events after it, and
// keeps the snapshot fresh (see Snapshots and SaveSnapshot).
func OpenCached(ctx context.Context, store csto.Store, snaps Snapshots) (*Registry, error) {
	if snaps.Every <= 0 {
		snaps.Every = DefaultSnapshotEvery
	}
	if snaps.Log == nil {
		snaps.Log = slog.Default()
	}
	r := &Registry{store: store, MaxAge: 100 * time.Millisecond, snaps: &snaps}
	base, err := r.loadSnapshot(ctx)
	switch {
	case err == nil:
		r.snapSeq.Store(base.Seq)
		r.recorded.checkpoint(base) // open clones it: it stays as loaded
	case errors.Is(err, fs.ErrNotExist):
		base = newModel()
	default:
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		snaps.Log.Warn("snapshot ignored; replaying the log", "err", err)
		base = newModel()
	}
	return open(ctx, r, base)
}

// SnapshotSeq returns the position of the snapshot the registry started
// from or last wrote (0: none).
func (r *Registry) SnapshotSeq() int64 { return r.snapSeq.Load() }

// snapshotLater writes m in the background when it is Every events past
// the last snapshot and no snapshot is being written. Models are
// immutable, so encoding one needs no lock.
func (r *Registry) snapshotLater(m *Model) {
	r.recorded.checkpoint(m) // a base for AsRecorded's replays (asrecorded.go)
	s := r.snaps
	if s == nil || r.Degraded() != nil || m.Seq < s.Every || m.Seq-r.snapSeq.Load() < s.Every {
		return
	}
	if !r.snapping.CompareAndSwap(false, true) {
		return
	}
	r.snapWG.Add(1)
	go func() {
		defer r.snapWG.Done()
		defer r.snapping.Store(false)
		if err := r.writeSnapshot(m); err != nil {
			s.Log.Warn("snapshot not written", "seq", m.Seq, "err", err)
		}
	}()
}

// SaveSnapshot waits for a snapshot being written in the background, then
// writes one of the current model when it is at least minNew events past
// the last snapshot (and holds at least Every events). A server calls it
// with 1 when it stops; a short-lived process with Every, so that a
// process that appended a few events does not pay for a snapshot.
func (r *Registry) SaveSnapshot(minNew int64) error {
	if r.snaps == nil {
		return nil
	}
	r.snapWG.Wait()
	m := r.Model()
	if r.Degraded() != nil || m.Seq < r.snaps.Every || m.Seq-r.snapSeq.Load() < max(minNew, 1) {
		return nil
	}
	return r.writeSnapshot(m)
}

// Reload replaces the model with the one its snapshot holds, writing the
// snapshot first if none is at the model's position, then replays what
// the log holds past it. A model replayed from the log holds more memory
// than the same model loaded from its snapshot, whose tables are sized
// once and share what they repeat: at 1 M events, a server at 870 MiB
// against 388 after Reload. A server calls it after a start that replayed
// much of the log, before it serves. The as-recorded cache's past models,
// which hold parts of the replayed model, are dropped: it starts again
// from the loaded one, as after a start from the snapshot. Without
// snapshots, or on a degraded record, Reload does nothing.
func (r *Registry) Reload(ctx context.Context) error {
	if r.snaps == nil || r.Degraded() != nil {
		return nil
	}
	r.mu.Lock() // no write of this process between the snapshot and the swap
	defer r.mu.Unlock()
	if err := r.writeSnapshot(r.Model()); err != nil {
		return err
	}
	base, err := r.loadSnapshot(ctx)
	if err != nil {
		return err
	}
	m, err := r.replayInto(ctx, base)
	if err != nil {
		return err
	}
	r.recorded.reset()
	r.recorded.checkpoint(base)
	r.snapSeq.Store(base.Seq)
	r.cur.Store(m)
	return nil
}

func (r *Registry) writeSnapshot(m *Model) error {
	r.snapMu.Lock()
	defer r.snapMu.Unlock()
	if m.Seq <= r.snapSeq.Load() {
		return nil
	}
	if err := r.saveSnapshot(m); err != nil {
		return err
	}
	r.snapSeq.Store(m.Seq)
	return nil
}

// saveSnapshot stores m's snapshot beside those kept, then thins them
// (thinned). r.snapMu is held.
func (r *Registry) saveSnapshot(m *Model) error {
	start := time.Now()
	var size int64
	err := r.snaps.Cache.Save(m.Seq, func(w io.WriteSeeker) (err error) {
		size, err = encodeSnapshot(w, m)
		return err
	})
	if err != nil {
		return err
	}
	r.snaps.Log.Info("snapshot written", "seq", m.Seq, "bytes", size, "took", time.Since(start).Round(time.Millisecond).String())
	seqs, err := r.snaps.Cache.List()
	if err != nil {
		return err
	}
	for _, seq := range thinned(seqs) {
		if err := r.snaps.Cache.Remove(seq); err != nil {
			return err
		}
	}
	return nil
}

// savePast keeps m, a prefix of the log replayed for AsRecorded, as a
// past snapshot when none kept is within pastSpacing of it: the base of
// the next process's replays of prefixes after it. It is written in the
// background, beside the replay (SaveSnapshot waits for it), one at a
// time: a model offered while one is being written waits for it, so the
// replay runs on while a snapshot is encoded and stops only when it is
// faster. Failing to write one costs only that, so it is logged, not
// returned.
func (r *Registry) savePast(m *Model) {
	if r.snaps == nil || r.Degraded() != nil || m.Seq < r.snaps.Every {
		return
	}
	r.pastMu.Lock() // unlocked by the writer below, when done
	r.snapWG.Add(1)
	go func() {
		defer r.snapWG.Done()
		defer r.pastMu.Unlock()
		r.snapMu.Lock()
		defer r.snapMu.Unlock()
		seqs, err := r.snaps.Cache.List()
		if err == nil {
			d := pastSpacing(r.snaps.Every, max(r.snapSeq.Load(), m.Seq))
			i, _ := slices.BinarySearch(seqs, m.Seq)
			if i < len(seqs) && seqs[i]-m.Seq < d || i > 0 && m.Seq-seqs[i-1] < d {
				return
			}
			err = r.saveSnapshot(m)
		}
		if err != nil {
			r.snaps.Log.Warn("past snapshot not written", "seq", m.Seq, "err", err)
		}
	}()
}

// pastSnapshot returns the model of the latest snapshot kept after
// position after and at or before k that matches the log, or nil when
// none does (each that does not is logged and removed).
func (r *Registry) pastSnapshot(ctx context.Context, after, k int64) *Model {
	if r.snaps == nil {
		return nil
	}
	seqs, err := r.snaps.Cache.List()
	if err != nil {
		r.snaps.Log.Warn("past snapshots not listed", "err", err)
		return nil
	}
	for i := len(seqs) - 1; i >= 0 && seqs[i] > after; i-- {
		if seqs[i] > k {
			continue
		}
		m, err := r.loadSnapshotAt(ctx, seqs[i])
		if err == nil {
			return m
		}
		if ctx.Err() != nil {
			return nil
		}
		// Unusable (another build's, after an upgrade; stale; damaged),
		// it would take the place of one this build can use: savePast
		// writes none within the spacing of it, thinning keeps it.
		if !r.dropUnusable(seqs[i], err) && !errors.Is(err, fs.ErrNotExist) { // not there: another process thinned
			r.snaps.Log.Warn("past snapshot not read", "seq", seqs[i], "err", err)
		}
	}
	return nil
}

// The snapshot's form: snapshotMagic, the SHA-256 of the rest, then a
// gob message of the snapshot, the chunks of what grows with the log, the
// last marked, and the frames of the entries' index, the last marked
// (snappack.go). (Form 1 was one message of everything; form 2 listed
// every command beside the entries that name them, and gob-encoded the
// entries, exercises and incidents; form 4 packed the exercises and
// incidents apart from their entries; form 5 had no index; form 6 wrote
// the exercises and incidents no entry carried, of which there are none;
// form 7 gob-encoded the recorded times as a slice of integers; form 8
// carried each entry's ID, where form 9 carries its keyed hash; form 9
// wrote the chunks and the index as gob messages.)
const snapshotMagic = "csto snapshot 10\n"

// snapshot is a Model with every field exported for gob. The corrections'
// trial model is not kept (it only serves the write that checked it), nor
// are the logged commands (the store's, read back when a correction needs
// them).
type snapshot struct {
	Build     string // the csto build that wrote it (buildID)
	Seq       int64
	Head      string
	TreeSize  int64
	TreeNodes []tlog.Hash

	Sources         map[string]*csto.SourceAdd
	States          map[string]*State
	Orgs            map[string]*Org
	Instruments     map[string]*Instrument
	Bodies          map[string]*Body
	Forces          map[string]*Force
	Sessions        map[string]*Session
	Decisions       map[string]*Decision
	Requests        map[string]*Request
	Operations      map[string]*Operation
	Terms           []Term
	Chairs          []Chair
	Acts            []Act
	Alliances       map[string]*Alliance
	AllianceMembers []AllianceMember
	Contrary        []Contrary
	AllianceRows    map[string][]int
	StateRows       map[string][]int
	Facts           map[csto.Pair][]fact
	Spells          map[csto.Pair][]csto.Spell
	Fixes           map[string][]Fix
	Recorded        []byte // each event's recorded time (packTimes)
	Entries         int    // how many the chunks hold: at most Seq
	Exercises       int    // how many exercises the entries carry: at most Entries
	Incidents       int    // and how many incidents
	IDSeed          idSeed // the key of the hashes of the entries' and exercises' IDs (Commands, Exercises)
}

// A chunk is one frame of what grows with the log, after the snapshot's
// gob message (writeChunk, snappack.go); the last is marked. It holds at
// most chunkLen items: the commands that made no entry (an entry's ID and
// Seq are its command's), and entries with the exercises and incidents
// they recorded, packed.
type commandPos struct {
	ID  string
	Seq int64
}

// chunkLen is how many items a chunk holds at most.
const chunkLen = 4096

// encodeChunks writes m's growing parts in chunks of chunkLen.
func encodeChunks(w io.Writer, m *Model, seed idSeed) error {
	var (
		cmds    []commandPos // the chunk's commands that made no entry
		entries int          // and how many entries it packs (pk)
	)
	pk := newPacker()
	n := 0
	flush := func(last bool) error {
		if n == 0 && !last {
			return nil
		}
		err := writeChunk(w, cmds, entries, pk.buf, last)
		cmds, entries, n, pk.buf = cmds[:0], 0, 0, pk.buf[:0]
		return err
	}
	add := func() error {
		if n++; n == chunkLen {
			return flush(false)
		}
		return nil
	}
	// The commands of the snapshot m started from (Commands.base) are
	// its entries', known by their hashes, which are carried over; of the
	// map's, those of an entry go with it, hashed (by the entry's index: a
	// replayed model's are a million at 1 M, tens of MB as a map by
	// position), and the others here.
	hashes := make([]uint64, len(m.Entries))
	hashed := make([]bool, len(m.Entries))
	for id, seq := range m.Commands.more.All() {
		if i, ok := m.entryIndex(seq); ok { // an event's command is its entry's
			hashes[i], hashed[i] = idHash(&seed, id), true
			continue
		}
		cmds = append(cmds, commandPos{id, seq})
		if err := add(); err != nil {
			return err
		}
	}
	// An entry carries the exercise or incident it recorded: every
	// exercise and incident has its entry (apply makes both), and a model
	// where one has none is not snapshotted.
	incidentAt := make(map[int64]*Incident, m.Incidents.Len())
	for _, x := range m.Incidents.All() {
		incidentAt[x.Seq] = x
	}
	// The hashes of the exercises' IDs: the snapshot's carried over (its
	// exercises are in its entries' order), the map's hashed.
	exHash := make(map[*Exercise]uint64, m.Exercises.more.Len())
	for id, x := range m.Exercises.more.All() {
		exHash[x] = idHash(&seed, id)
	}
	baseExercise := 0
	var exercises, incidents int
	for i := range m.Entries {
		e := &m.Entries[i]
		var (
			x   *Exercise
			xh  uint64
			inc *Incident
		)
		switch e.Type() {
		case csto.CmdExerciseHold:
			var ok bool
			if x, _ = m.exerciseOf(e); x != nil {
				xh, ok = exHash[x]
				if xs := m.Exercises.xs; !ok && baseExercise < len(xs) && xs[baseExercise] == x {
					xh, ok = m.Exercises.base.hashes[baseExercise], true
					baseExercise++
				}
			}
			if !ok || x.Seq != e.Seq {
				return fmt.Errorf("entry %d: no exercise of its own", e.Seq)
			}
			exercises++
		case csto.CmdIncidentRecord:
			if inc = incidentAt[e.Seq]; inc == nil {
				return fmt.Errorf("entry %d: no incident of its own", e.Seq)
			}
			incidents++
		}
		h, ok := hashes[i], hashed[i]
		if b := m.Commands.base; !ok && i < b.len() && b.seq(i) == e.Seq {
			h, ok = b.hashes[i], true
		}
		if !ok {
			return fmt.Errorf("entry %d: no command", e.Seq)
		}
		pk.entry(e, h, xh, inc)
		entries++
		if err := add(); err != nil {
			return err
		}
	}
	if exercises != m.Exercises.Len() || incidents != m.Incidents.Len() {
		return fmt.Errorf("%d of %d exercises and %d of %d incidents have an entry", exercises, m.Exercises.Len(), incidents, m.Incidents.Len())
	}
	return flush(true)
}

// decodeChunks reads the chunks into m, up to the last. A chunk of more
// than chunkLen items is refused: nothing in the file sizes what is
// allocated. The strings, dates and lists the items repeat are shared
// (snappack.go): a snapshot's start holds each once. The chunks are read
// (through the checksum) here and unpacked on a second goroutine, a chunk
// or two behind, so that reading and unpacking share the machine's cores.
//
// It returns what decodeIndex needs beside the entries (chunked), and the
// function that builds the maps of commands, exercises and incidents (run
// beside decodeIndex: it reads only the entries and what they carry).
func decodeChunks(r frameReader, m *Model, seed idSeed, exercises, incidents int) (read chunked, maps func() (chunkMaps, error), err error) {
	type chunk struct {
		packed  []byte
		entries int
		frame   []byte // the buffer it is in, to read another into once unpacked
	}
	// Sized once, as the entries are: grown by append, the lists of a
	// million would leave four times their size behind.
	var (
		xs      = make([]*Exercise, 0, exercises)
		xhashes = make([]uint64, 0, exercises) // of xs[i]'s ID
		is      = make([]*Incident, 0, incidents)
		stop    atomic.Bool // the unpacker is done: read no further
	)
	dates := make([]int32, 0, cap(m.Entries))
	hashes := make([]uint64, 0, cap(m.Entries))
	var dict []*edtf.Date
	todo := make(chan chunk, 2)
	free := make(chan []byte, 4) // the frames' buffers, unpacked: as many as can be in use
	unpacked := beside("unpacking the entries", func() (struct{}, error) {
		defer func() {
			// On an early return (an error, a panic), the reader stops at
			// its next chunk; what it has sent meanwhile is drained.
			stop.Store(true)
			for range todo {
			}
		}()
		u := &unpacker{max: m.Seq}
		for c := range todo {
			u.more(c.packed)
			for range c.entries {
				e, h, inc := u.entry()
				if u.err != nil {
					break
				}
				x := e.ex
				if (x != nil) != (e.Type() == csto.CmdExerciseHold) || (inc != nil) != (e.Type() == csto.CmdIncidentRecord) {
					return struct{}{}, fmt.Errorf("entry %d, %s, carries what it did not record", e.Seq, e.Type())
				}
				if x != nil {
					xs, xhashes = append(xs, x), append(xhashes, u.exHash)
				}
				if inc != nil {
					is = append(is, inc)
				}
				m.Entries, dates, hashes = append(m.Entries, e), append(dates, u.dated), append(hashes, h)
			}
			if err := u.done(); err != nil {
				return struct{}{}, err
			}
			select {
			case free <- c.frame:
			default:
			}
		}
		dict = u.dates
		return struct{}{}, nil
	})
	cmds, rerr := func() ([]commandPos, error) {
		defer close(todo)
		var cmds []commandPos
		for !stop.Load() {
			var buf []byte
			select {
			case buf = <-free:
			default:
			}
			frame, err := readFrame(r, buf)
			if err != nil {
				return nil, err
			}
			h := &unpacker{b: frame}
			var (
				entries int
				last    bool
			)
			if cmds, entries, last, err = h.chunkHead(cmds, m.Seq); err != nil {
				return nil, err
			}
			todo <- chunk{h.b, entries, frame}
			if last {
				return cmds, nil
			}
		}
		return nil, nil // the unpacker's error is the one to report
	}()
	// The unpacker's error comes first: it is about an earlier chunk.
	if _, err := unpacked(); err != nil {
		return chunked{}, nil, err
	}
	if rerr != nil {
		return chunked{}, nil, rerr
	}
	if len(xs) != exercises || len(is) != incidents {
		return chunked{}, nil, fmt.Errorf("%d exercises and %d incidents, the header says %d and %d", len(xs), len(is), exercises, incidents)
	}
	// The maps find the items through tables of them (Map): no map of
	// a million keys is built.
	maps = func() (c chunkMaps, err error) {
		if c.commands, err = commandsOf(seed, m.Entries, hashes, cmds); err != nil {
			return c, err
		}
		if c.exercises, err = exercisesOf(seed, xs, xhashes); err != nil {
			return c, err
		}
		c.incidents, err = listOf("incident", is, func(x *Incident) string { return x.ID })
		return c, err
	}
	return chunked{xs, dates, dict}, maps, nil
}

// dateRanks returns each date's rank in the timeline's order of dates
// (edtf.Compare; equal dates have equal ranks) and its latest day.
func dateRanks(dict []*edtf.Date) (rank []int32, latest []edtf.Day, err error) {
	if uint64(len(dict)) >= 1<<31 {
		return nil, nil, fmt.Errorf("index: %d dates", len(dict))
	}
	dates := make([]edtf.Date, len(dict))
	for i, d := range dict {
		if d != nil {
			dates[i] = *d
		}
	}
	order := make([]int32, len(dates))
	latest = make([]edtf.Day, len(dates))
	for i := range dates {
		order[i], latest[i] = int32(i), dates[i].Latest()
	}
	slices.SortFunc(order, func(a, b int32) int { return edtf.Compare(dates[a], dates[b]) })
	rank = make([]int32, len(dates))
	r := int32(0)
	for i, d := range order {
		if i > 0 && edtf.Compare(dates[order[i-1]], dates[d]) != 0 {
			r++
		}
		rank[d] = r
	}
	return rank, latest, nil
}

// chunked is what decodeIndex needs of the chunks beside the entries.
type chunked struct {
	exercises []*Exercise  // the exercises the entries carry, in log order
	dates     []int32      // each entry's date, an index into dict
	dict      []*edtf.Date // the dates the entries' dates are (the unpacker's)
}

// chunkMaps are the maps built from the chunks' items.
type chunkMaps struct {
	commands  Commands
	exercises Exercises
	incidents Map[*Incident]
}

// beside runs f on a goroutine of its own and returns what waits for its
// result. A panic in f (decoding what is stored) is returned as an error
// naming what, not a crash. A result nobody waits for is dropped with the
// goroutine.
func beside[T any](what string, f func() (T, error)) (wait func() (T, error)) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ch <- result{err: fmt.Errorf("%s panicked: %v", what, p)}
			}
		}()
		v, err := f()
		ch <- result{v, err}
	}()
	return func() (T, error) {
		r := <-ch
		return r.v, r.err
	}
}

// encodeSnapshot writes m's snapshot to w as it encodes it: the magic
// line, room for the checksum, the gob body through the hash, then the
// checksum in its room. It returns the bytes written.
func encodeSnapshot(w io.WriteSeeker, m *Model) (int64, error) {
	build, err := buildID()
	if err != nil {
		return 0, err
	}
	// What grows with the log (the commands' positions, the exercises and
	// incidents, the entries) goes in chunks after the rest, so that
	// neither side holds a message the size of the model; the recorded
	// times, 8 bytes an event, stay in the first message. The commands
	// themselves are the log's, read back from the store (correct.go): a
	// model that keeps some in memory is not the store's to snapshot.
	if len(m.log) > 0 || m.stored != m.Seq {
		return 0, fmt.Errorf("snapshot: the model holds %d events the store may not", len(m.log))
	}
	s := snapshot{
		Build: build, Seq: m.Seq, Head: m.Head, TreeSize: m.tree.Size, TreeNodes: m.tree.Nodes(),
		Sources: m.Sources, States: m.States, Orgs: m.Orgs, Instruments: m.Instruments,
		Bodies: m.Bodies, Forces: m.Forces, Sessions: m.Sessions, Decisions: m.Decisions, Requests: m.Requests,
		Operations: m.Operations, Terms: m.Terms, Chairs: m.Chairs, Acts: m.Acts,
		Alliances: m.Alliances, AllianceMembers: m.AllianceMembers, Contrary: m.Contrary,
		AllianceRows: m.allianceRows, StateRows: m.stateRows, Facts: m.facts, Spells: m.spells, Fixes: m.fixes,
		Recorded: packTimes(m.recorded), Entries: len(m.Entries),
		Exercises: m.Exercises.Len(), Incidents: m.Incidents.Len(), IDSeed: newIDSeed(),
	}
	if b := cmp.Or(m.Commands.base, m.Exercises.base); b != nil {
		s.IDSeed = b.seed // its hashes are carried over (both a snapshot's: one seed)
	}
	header := make([]byte, len(snapshotMagic)+sha256.Size)
	copy(header, snapshotMagic)
	if _, err := w.Write(header); err != nil {
		return 0, err
	}
	h := sha256.New()
	cw := &iox.Counter{W: io.MultiWriter(w, h)}
	bw := bufio.NewWriterSize(cw, 1<<16)
	enc := gob.NewEncoder(bw)
	if err := enc.Encode(&s); err != nil {
		return 0, fmt.Errorf("encode the snapshot: %w", err)
	}
	if err := encodeChunks(bw, m, s.IDSeed); err != nil {
		return 0, fmt.Errorf("encode the snapshot: %w", err)
	}
	if err := encodeIndex(bw, m, m.index()); err != nil {
		return 0, fmt.Errorf("encode the snapshot: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	if _, err := w.Seek(int64(len(snapshotMagic)), io.SeekStart); err != nil {
		return 0, err
	}
	if _, err := w.Write(h.Sum(nil)); err != nil {
		return 0, err
	}
	if _, err := w.Seek(0, io.SeekEnd); err != nil {
		return 0, err
	}
	return int64(len(header)) + cw.N, nil
}

// decodeSnapshot reads a snapshot from r as untrusted input: its form,
// its checksum and its build are checked, and nothing in it may panic.
// The body is decoded as it is read, through the hash, and the model is
// kept only when the checksum of every byte after the header matches: a
// truncated or altered file is refused as such, whatever the decoder made
// of it.
func decodeSnapshot(r io.Reader) (m *Model, err error) {
	defer func() {
		if p := recover(); p != nil {
			m, err = nil, fmt.Errorf("snapshot: decoding panicked: %v", p)
		}
	}()
	header := make([]byte, len(snapshotMagic)+sha256.Size)
	if _, err := io.ReadFull(r, header); err != nil || string(header[:len(snapshotMagic)]) != snapshotMagic {
		return nil, errors.New("snapshot: not a csto snapshot of this format")
	}
	h := sha256.New()
	body := bufio.NewReaderSize(io.TeeReader(r, h), 1<<16) // gob reads no further than its message: the frames follow
	m, derr := decodeSnapshotBody(body)
	if _, err := io.Copy(io.Discard, body); err != nil { // the rest, through the hash
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if !bytes.Equal(h.Sum(nil), header[len(snapshotMagic):]) {
		return nil, errors.New("snapshot: checksum mismatch (truncated or altered)")
	}
	return m, derr
}

// decodeSnapshotBody decodes the gob body and checks what it says.
func decodeSnapshotBody(body frameReader) (m *Model, err error) {
	// The build's ID hashes the executable: beside the header's decoding.
	buildOf := beside("the build's ID", buildID)
	m = newModel()
	// Decoding into the new model's maps keeps the empty ones non-nil.
	s := snapshot{
		Sources: m.Sources, States: m.States, Orgs: m.Orgs, Instruments: m.Instruments,
		Bodies: m.Bodies, Forces: m.Forces, Sessions: m.Sessions, Decisions: m.Decisions, Requests: m.Requests,
		Operations: m.Operations, Alliances: m.Alliances,
		AllianceRows: m.allianceRows, StateRows: m.stateRows, Facts: m.facts, Spells: m.spells, Fixes: m.fixes,
	}
	dec := gob.NewDecoder(body)
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	// Another build's snapshot is refused before its items are read.
	build, err := buildOf()
	if err != nil {
		return nil, err
	}
	if s.Build != build {
		return nil, fmt.Errorf("snapshot: written by another build of csto (%.12s, this is %.12s)", s.Build, build)
	}
	// The recorded times, one an event, are in hand: at most as many
	// entries as events are made room for.
	recorded, err := unpackTimes(s.Recorded, s.Seq)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if s.Entries < 0 || int64(s.Entries) > s.Seq || s.Exercises < 0 || s.Incidents < 0 || s.Exercises+s.Incidents > s.Entries {
		return nil, fmt.Errorf("snapshot: %d entries (%d exercises, %d incidents) for %d events", s.Entries, s.Exercises, s.Incidents, s.Seq)
	}
	m.Entries = make([]Entry, 0, s.Entries)
	// Best effort: filled in order, a page fault each 2 MiB, not each 4 KiB.
	_ = hugepages.Advise(m.Entries)
	m.Seq = s.Seq // the bound of the items' positions
	read, maps, err := decodeChunks(body, m, s.IDSeed, s.Exercises, s.Incidents)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	built := beside("building the maps", maps)
	// On an early return it finishes into the buffer and is dropped.
	if len(m.Entries) != s.Entries {
		return nil, fmt.Errorf("snapshot: %d entries, its header says %d", len(m.Entries), s.Entries)
	}
	if m.tree, err = translog.FrontierOf(s.TreeSize, s.TreeNodes); err != nil {
		return nil, fmt.Errorf("snapshot: tree: %w", err)
	}
	m.Seq, m.Head = s.Seq, s.Head
	m.Sources, m.States, m.Orgs, m.Instruments = s.Sources, s.States, s.Orgs, s.Instruments
	m.Bodies, m.Forces, m.Sessions, m.Decisions, m.Requests = s.Bodies, s.Forces, s.Sessions, s.Decisions, s.Requests
	m.Operations = s.Operations
	m.Terms, m.Chairs, m.Acts = s.Terms, s.Chairs, s.Acts
	m.Alliances, m.AllianceMembers, m.Contrary = s.Alliances, s.AllianceMembers, s.Contrary
	m.allianceRows, m.stateRows, m.facts, m.spells, m.fixes = s.AllianceRows, s.StateRows, s.Facts, s.Spells, s.Fixes
	m.recorded = recorded
	if m.tree.Size != m.Seq {
		return nil, fmt.Errorf("snapshot: a tree of %d leaves for %d events", m.tree.Size, m.Seq)
	}
	if err := decodeIndex(body, m, read); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	b, err := built()
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	// Every command's position is in range (decodeChunks, the unpacker):
	// as many as events means one a position.
	m.Commands, m.Exercises, m.Incidents = b.commands, b.exercises, b.incidents
	for _, n := range []int{m.Commands.Len(), len(m.recorded)} {
		if int64(n) != m.Seq {
			return nil, fmt.Errorf("snapshot: %d commands or recorded times for %d events", n, m.Seq)
		}
	}
	m.stored, m.storedHead = m.Seq, m.Head // the store's events, read back (loadSnapshot checks it holds them)
	return m, nil
}

// treeReader is a store that keeps the Merkle tree's hashes beside the
// log (both csto stores do).
type treeReader interface {
	ReadTreeHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
}

// loadSnapshot returns the latest snapshot kept that matches the log:
// the event at its position is the one it was built from (same hash),
// and, when the store keeps the tree, the tree of that size has its root.
// One that does not is removed (dropUnusable) and the one before it
// tried: after a log restored from an older backup, the snapshots past
// its end are stale and an earlier one still matches. With none left, the
// latest's error is returned.
func (r *Registry) loadSnapshot(ctx context.Context) (*Model, error) {
	seqs, err := r.snaps.Cache.List()
	if err != nil {
		return nil, err
	}
	if len(seqs) == 0 {
		return nil, fmt.Errorf("snapshot: none kept: %w", fs.ErrNotExist)
	}
	var first error
	for i := len(seqs) - 1; i >= 0; i-- {
		m, err := r.loadSnapshotAt(ctx, seqs[i])
		if err == nil {
			return m, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if first == nil {
			first = err
		}
		if !r.dropUnusable(seqs[i], err) && !errors.Is(err, fs.ErrNotExist) {
			return nil, first // the store's error, or the file's: not the snapshot's
		}
	}
	return nil, first
}

// unusable is why a snapshot kept cannot be used by this build on this
// log (not why it could not be read: a store's error, a file not there),
// so that it is removed and one that can takes its place.
type unusable struct{ error }

func (u unusable) Unwrap() error { return u.error }

// dropUnusable removes the snapshot at seq when err says it is unusable,
// logging it; and reports whether it was.
func (r *Registry) dropUnusable(seq int64, err error) bool {
	var u unusable
	if !errors.As(err, &u) {
		return false
	}
	r.snaps.Log.Warn("snapshot ignored and removed", "seq", seq, "err", err)
	if err := r.snaps.Cache.Remove(seq); err != nil {
		r.snaps.Log.Warn("snapshot not removed", "seq", seq, "err", err)
	}
	return true
}

// loadSnapshotAt is loadSnapshot of the snapshot at position seq.
func (r *Registry) loadSnapshotAt(ctx context.Context, seq int64) (*Model, error) {
	f, err := r.snaps.Cache.Load(seq)
	if err != nil {
		return nil, err
	}
	m, err := decodeSnapshot(f)
	f.Close()
	if err != nil {
		return nil, unusable{err}
	}
	if m.Seq != seq {
		return nil, unusable{fmt.Errorf("snapshot: the one kept as of event %d is of event %d", seq, m.Seq)}
	}
	var at *csto.Event
	err = r.EventsPage(ctx, m.Seq-1, 1, func(e csto.Event) error {
		at = &e
		return nil
	})
	if err != nil {
		return nil, err
	}
	if at == nil || at.Seq != m.Seq || at.Hash != m.Head {
		return nil, unusable{fmt.Errorf("snapshot: stale: built from event %d with hash %.12s, which the log does not hold", m.Seq, m.Head)}
	}
	if tr, ok := r.store.(treeReader); ok {
		root, err := tlog.TreeHash(m.Seq, tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
			return tr.ReadTreeHashes(ctx, idx)
		}))
		if err != nil {
			return nil, fmt.Errorf("snapshot: the log's tree of %d: %w", m.Seq, err)
		}
		if root != m.tree.Head().Root {
			return nil, unusable{fmt.Errorf("snapshot: its tree of %d events is not the log's", m.Seq)}
		}
	}
	m.store, m.cache = r.store, newBodyCache()
	return m, nil
}

var build struct {
	once sync.Once
	id   string
	err  error
}

// buildID identifies the running csto build: the SHA-256 of its
// executable. A snapshot is the model as this build derives it from the
// log; another build may derive another (a rule or a field added), so it
// rebuilds from the log.
func buildID() (string, error) {
	build.once.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			build.err = fmt.Errorf("snapshot: which build is running: %w", err)
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			build.err = fmt.Errorf("snapshot: which build is running: %w", err)
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			build.err = fmt.Errorf("snapshot: which build is running: %w", err)
			return
		}
		build.id = hex.EncodeToString(h.Sum(nil))
	})
	return build.id, build.err
}

// The entries' index (index.go) is kept after the last chunk, in frames
// (writeIndexFrame, snappack.go): the kinds, and each posting list's
// positions in timeline order, the list of every entry first. Without it
// the first query after a start sorts every entry (seconds at 1 M); with
// it the start checks each list's order and recomputes the block maxima
// and the exercise counts, one pass over the lists.
type postingList struct {
	Of   byte
	Name string
	Pos  []int32
}

// encodeIndex writes ix, m's index, in frames of about chunkLen·16
// positions.
func encodeIndex(w io.Writer, m *Model, ix *entryIndex) error {
	kinds, lists := ix.kinds, []postingList(nil)
	n := 0
	put := func(of byte, name string, p *postings) error {
		pos := p.base.pos
		if len(p.delta.pos) > 0 {
			pos = mergePos(m, p.base.pos, p.delta.pos)
		}
		lists = append(lists, postingList{of, name, pos})
		if n += len(pos); n < 16*chunkLen {
			return nil
		}
		err := writeIndexFrame(w, kinds, lists, false)
		kinds, lists, n = nil, lists[:0], 0
		return err
	}
	if err := put(0, "", ix.all); err != nil {
		return err
	}
	for k, p := range ix.keys {
		if err := put(k.of, k.name, p); err != nil {
			return err
		}
	}
	return writeIndexFrame(w, kinds, lists, true)
}

// decodeIndex reads the index encodeIndex wrote and installs it on m,
// after checking that every position is one of m's entries and every list
// is in the timeline's order (what the answers rest on: a list out of
// order would make a query stop early), and that the list of every entry
// holds each once.
//
// read is what decodeChunks read beside the entries: their exercises, for
// the counts, and their dates as indexes into the dates read, which give
// the timeline's order without reading the entries (a cache miss each, in
// a list's order).
func decodeIndex(r frameReader, m *Model, read chunked) error {
	n := len(m.Entries)
	if len(read.dates) != n {
		return fmt.Errorf("index: %d dates for %d entries", len(read.dates), n)
	}
	// The exercises' counts need only the exercises: they are made while
	// the lists are read and checked.
	xs := read.exercises
	counts := beside("counting the exercises", func() (exerciseCounts, error) { return countExercises(xs), nil })
	// Each entry's date's rank among the dates read (equal dates, equal
	// ranks), and its latest day, for the lists' block maxima. The
	// timeline's order is the dates' order, then the log's (entryOrder),
	// and an entry's position is in log order (the unpacker refuses one
	// that is not after the one before): entry a comes before b when
	// (rank[a], a) < (rank[b], b).
	rankOf, latestOf, err := dateRanks(read.dict)
	if err != nil {
		return err
	}
	dates := read.dates // an index into the dictionary each, as the unpacker made it: in range
	rank := func(p int32) int32 { return rankOf[dates[p]] }
	before := func(a, b int32) bool { ra, rb := rank(a), rank(b); return ra < rb || ra == rb && a < b }
	ix := &entryIndex{seq: m.Seq, n: n, keys: map[indexKey]*postings{}}
	if n > 0 {
		ix.last = m.Entries[n-1].Seq
	}
	first := true
	var members func() (map[string]*orgMembers, error)
	var frame []byte // read again into
	for {
		var err error
		if frame, err = readFrame(r, frame); err != nil {
			return fmt.Errorf("index: %w", err)
		}
		kinds, lists, last, err := (&unpacker{b: frame}).indexFrame(n)
		if err != nil {
			return err
		}
		if first {
			ix.kinds = kinds
		}
		for _, l := range lists {
			// indexFrame refused a position past the entries.
			for i, p := range l.Pos {
				if i > 0 && !before(l.Pos[i-1], p) {
					return fmt.Errorf("index: list %c %q out of the timeline's order at %d", l.Of, l.Name, i)
				}
			}
			ps := &postings{base: runOf(l.Pos, func(p int32) edtf.Day { return latestOf[dates[p]] })}
			switch {
			case first:
				// In order, so each once: as many as entries is all.
				if l.Of != 0 || len(l.Pos) != n {
					return fmt.Errorf("index: the list of every entry holds %d of %d", len(l.Pos), n)
				}
				ix.all, first = ps, false
				// The members need only the list of every entry: they
				// are made while the other lists are checked.
				members = beside("the members' index", func() (map[string]*orgMembers, error) { return membersOf(m), nil })
			case ix.keys[indexKey{l.Of, l.Name}] != nil:
				return fmt.Errorf("index: list %c %q twice", l.Of, l.Name)
			default:
				ix.keys[indexKey{l.Of, l.Name}] = ps
			}
		}
		if last {
			break
		}
	}
	if first {
		return errors.New("index: no list of every entry")
	}
	if ix.exercises, err = counts(); err != nil {
		return err
	}
	if ix.members, err = members(); err != nil {
		return err
	}
	m.ix = &lazyIndex{built: ix}
	return nil
}
