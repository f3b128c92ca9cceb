package registry_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// snapLog is a slog logger into a buffer, to read what the registry said
// about its snapshots. The registry writes snapshots (and logs) in the
// background, so the buffer is locked.
func snapLog() (*slog.Logger, *logBuffer) {
	b := new(logBuffer)
	return slog.New(slog.NewTextHandler(b, nil)), b
}

type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuffer) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Len()
}

func (l *logBuffer) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b.Reset()
}

func openStore(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// sameAnswers checks that got answers as the model replayed from the
// whole log does, and with strict that it holds the same in every field. (A
// model that accepted commands itself keeps them as submitted — a claim's
// JSON as typed, not compacted — where a replay keeps the log's canonical
// form: the same answers, other bytes.)
func sameAnswers(t *testing.T, got *registry.Model, st csto.Store, strict bool) {
	t.Helper()
	full, err := registry.Open(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	want := full.Model()
	if got.Seq != want.Seq || got.Head != want.Head || got.Tree() != want.Tree() {
		t.Fatalf("at %d %.12s, tree %v; the log's replay is at %d %.12s, tree %v", got.Seq, got.Head, got.Tree(), want.Seq, want.Head, want.Tree())
	}
	if err := registry.SameModel(got, want); strict && err != nil {
		t.Error(err)
	}
	answers := func(m *registry.Model) string {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		for _, at := range []string{"1995-01-01", "2008-07-22", "2024-06-01"} {
			l, err := m.Members("csto", edtf.MustParse(at), csto.English)
			enc.Encode(l)
			enc.Encode(err)
		}
		tl, _ := m.Timeline(registry.TimelineFilter{}, csto.Arabic)
		enc.Encode(tl)
		for _, s := range []string{"KAZ", "UZB", "ARM"} {
			v, err := m.State(s, registry.Page{}, csto.Russian)
			enc.Encode(v)
			enc.Encode(err)
		}
		return b.String()
	}
	if a, b := answers(got), answers(want); a != b {
		t.Errorf("the answers differ from the replay's:\n%.400s\n%.400s", a, b)
	}
}

// withHistory returns a SQLite store in dir holding the default history
// (≈640 events, corrections among them), written by a registry without
// snapshots, and that registry.
func withHistory(t *testing.T, dir string) (*sqlite.Store, *registry.Registry) {
	t.Helper()
	st := openStore(t, filepath.Join(dir, "csto.db"))
	reg, err := registry.Open(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.Load(context.Background(), reg); err != nil {
		t.Fatal(err)
	}
	return st, reg
}

// A registry started from a snapshot and the tail of the log holds what a
// replay of the whole log holds, down to every field; the snapshot is
// written in the background once the log is Every events past it.
func TestSnapshotStartEqualsReplay(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, _ := withHistory(t, dir)
	log, logs := snapLog()
	snaps := registry.Snapshots{Cache: registry.SnapshotDir(filepath.Join(dir, "snapshots")), Every: 200, Log: log}
	reg, err := registry.OpenCached(ctx, st, snaps) // no snapshot yet: replays, then writes one
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.SaveSnapshot(snaps.Every); err != nil { // waits for the background write
		t.Fatal(err)
	}
	at := reg.SnapshotSeq()
	if at != reg.Model().Seq || !strings.Contains(logs.String(), "snapshot written") {
		t.Fatalf("snapshot at %d, model at %d; log: %s", at, reg.Model().Seq, logs)
	}
	// A tail after the snapshot: acts of today.
	secretariat := csto.Actor{Role: csto.RoleSecretariat}
	for _, id := range []string{"snap-a", "snap-b", "snap-c"} {
		if _, err := reg.Submit(ctx, secretariat, convene(reg, id)); err != nil {
			t.Fatal(err)
		}
	}
	logs.Reset()
	again, err := registry.OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	if again.SnapshotSeq() != at || again.Model().Seq != at+3 || logs.Len() != 0 {
		t.Fatalf("started from the snapshot at %d (want %d) and replayed to %d (want %d); log: %s",
			again.SnapshotSeq(), at, again.Model().Seq, at+3, logs)
	}
	sameAnswers(t, again.Model(), st, true)
	// It writes as a replayed registry does.
	if _, err := again.Submit(ctx, secretariat, convene(again, "snap-d")); err != nil {
		t.Fatal(err)
	}
	sameAnswers(t, again.Model(), st, false)
	// A snapshot written by a registry that started from one (its
	// commands partly found through the first snapshot's entries) starts
	// a third that holds every command at its position.
	if err := again.SaveSnapshot(1); err != nil {
		t.Fatal(err)
	}
	third, err := registry.OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	replayed, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if third.SnapshotSeq() != at+4 || !maps.Equal(registry.CommandMap(third.Model()), registry.CommandMap(replayed.Model())) ||
		!reflect.DeepEqual(registry.ExerciseMap(third.Model()), registry.ExerciseMap(replayed.Model())) {
		t.Errorf("the third start: snapshot at %d (want %d), %d commands and %d exercises; the replay holds %d and %d",
			third.SnapshotSeq(), at+4, third.Model().Commands.Len(), third.Model().Exercises.Len(), replayed.Model().Commands.Len(), replayed.Model().Exercises.Len())
	}
	sameAnswers(t, third.Model(), st, false)
}

// A registry started from a snapshot finds each exercise of the history
// by its ID, which it does not keep in memory (it reads the ID back from
// the exercise's event), where a replay finds it; and it refuses a second
// exercise of an ID the snapshot holds.
func TestSnapshotExercisesByID(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, replayed := withHistory(t, dir)
	loaded := startFromSnapshot(t, st, dir)
	var ids []string
	if err := replayed.Model().ExerciseIDs(ctx, func(id string) error { ids = append(ids, id); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ids) < 10 || len(ids) != loaded.Model().Exercises.Len() {
		t.Fatalf("the history's exercises: %d replayed, %d loaded", len(ids), loaded.Model().Exercises.Len())
	}
	for _, id := range ids {
		want, _, _ := replayed.Model().Exercise(ctx, id)
		got, ok, err := loaded.Model().Exercise(ctx, id)
		if !ok || err != nil || got.Seq != want.Seq || got.Troops() != want.Troops() || got.Date() != want.Date() {
			t.Errorf("exercise %s: loaded %+v, %v, %v; replayed %+v", id, got, ok, err, want)
		}
	}
	if x, ok, err := loaded.Model().Exercise(ctx, "no-such-exercise"); ok || err != nil {
		t.Errorf("no-such-exercise: %+v, %v, %v", x, ok, err)
	}
	cmds, err := dataset.Commands()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(cmds, func(c csto.Command) bool { return c.Type == csto.CmdExerciseHold })
	again := cmds[i]
	again.ID += ":again"
	if _, err := loaded.Submit(ctx, dataset.Actor, again); err == nil || !strings.Contains(err.Error(), "is already recorded") {
		t.Errorf("a second exercise of an ID the snapshot holds: %v", err)
	}
}

// convene is the Secretariat's act of convening session id of the CSTO's
// Council today.
func convene(reg *registry.Registry, id string) csto.Command {
	b, _ := json.Marshal(csto.SessionConvene{ID: id, Org: "csto", Body: "csc", Kind: "extraordinary"})
	return csto.Command{ID: "session.convene:" + id, Type: csto.CmdSessionConvene, Date: reg.Today(),
		Sources: []string{csto.RecordSource}, Text: text, Data: b}
}

// A correction needs the logged commands' payloads, which a snapshot does
// not keep: accepted after a start from a snapshot, it derives what it
// derives after a replay.
func TestSnapshotThenCorrection(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, filepath.Join(dir, "csto.db"))
	first, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	load(t, first, fixture()...)
	again := startFromSnapshot(t, st, dir)
	load(t, again, correction("fix:1", "freeze:UZB", `{"date":"2012-06-28","text":{"en":"corrected"}}`, "src"))
	if a := again.Model().StatusAt("UZB", "csto", edtf.MustParse("2012-07-01")); a.Status != csto.ParticipationFrozen || a.Since.String() != "2012-06-28" {
		t.Errorf("UZB on 2012-07-01: %s since %s; want participation-frozen since 2012-06-28", a.Status, a.Since)
	}
	sameAnswers(t, again.Model(), st, false)
}

// startFromSnapshot writes a snapshot of st's log in dir and returns a
// registry started from it.
func startFromSnapshot(t *testing.T, st csto.Store, dir string) *registry.Registry {
	t.Helper()
	ctx := context.Background()
	snaps := registry.Snapshots{Cache: registry.SnapshotDir(filepath.Join(dir, "snapshots")), Every: 5}
	snaps.Log, _ = snapLog()
	reg, err := registry.OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	if err := reg.SaveSnapshot(1); err != nil {
		t.Fatal(err)
	}
	again, err := registry.OpenCached(ctx, st, snaps)
	if err != nil || again.SnapshotSeq() != again.Model().Seq {
		t.Fatalf("start from the snapshot: %v (snapshot %d, model %d)", err, again.SnapshotSeq(), again.Model().Seq)
	}
	return again
}

// A snapshot is untrusted input: truncated, altered, garbage, or built
// from another log, it is ignored with a log line, the model is replayed
// from the log, and a good snapshot replaces it.
func TestBadSnapshotIsIgnored(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, filepath.Join(dir, "csto.db"))
	snaps := registry.Snapshots{Cache: registry.SnapshotDir(filepath.Join(dir, "snapshots")), Every: 5}
	snaps.Log, _ = snapLog()
	reg, err := registry.OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	load(t, reg, fixture()...)
	if err := reg.SaveSnapshot(1); err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("%d.snap", reg.Model().Seq)
	path := filepath.Join(dir, "snapshots", name)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A snapshot of another log with as many events: same position, other head.
	otherDir := t.TempDir()
	other := openStore(t, filepath.Join(otherDir, "csto.db"))
	oreg, err := registry.OpenCached(ctx, other, registry.Snapshots{Cache: registry.SnapshotDir(filepath.Join(otherDir, "snapshots")), Every: 5, Log: snaps.Log})
	if err != nil {
		t.Fatal(err)
	}
	fx := fixture()
	fx[0].Text = csto.Text{AR: "آخر", EN: "another", RU: "другой"}
	load(t, oreg, fx...)
	if err := oreg.SaveSnapshot(1); err != nil {
		t.Fatal(err)
	}
	foreign, err := os.ReadFile(filepath.Join(otherDir, "snapshots", name)) // as many events: the same position
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x40
	for name, tc := range map[string]struct {
		data []byte
		says string
	}{
		"truncated":   {good[:len(good)/3], "checksum"},
		"altered":     {flipped, "checksum"},
		"empty":       {nil, "not a csto snapshot"},
		"garbage":     {bytes.Repeat(good[:bytes.IndexByte(good, '\n')+1], 9), "checksum"}, // this form's magic line, and no checksum
		"another log": {foreign, "stale"},
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			log, logs := snapLog()
			s := snaps
			// No snapshot written in the background: it would race the
			// check that the start used none (SnapshotSeq 0).
			s.Log, s.Every = log, 1<<20
			r, err := registry.OpenCached(ctx, st, s)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(logs.String(), "snapshot ignored") || !strings.Contains(logs.String(), tc.says) || r.SnapshotSeq() != 0 {
				t.Errorf("log %q (want it to say %q), started from %d", logs, tc.says, r.SnapshotSeq())
			}
			sameAnswers(t, r.Model(), st, true)
			// The start removed the bad snapshot (it holds the place of a
			// good one); started again as a server is, it writes one.
			s.Every = snaps.Every
			if r, err = registry.OpenCached(ctx, st, s); err != nil {
				t.Fatal(err)
			}
			if err := r.SaveSnapshot(1); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(path); !bytes.Equal(b[:16], good[:16]) || r.SnapshotSeq() != r.Model().Seq {
				t.Errorf("no good snapshot written after the bad one (at %d)", r.SnapshotSeq())
			}
		})
	}
}

// A snapshot of a model larger than a chunk (the commands, exercises,
// incidents, entries and kept log go in chunks of 4,096) starts a
// registry with the model the log's replay builds, field for field.
func TestSnapshotInChunks(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, filepath.Join(dir, "csto.db"))
	snaps := registry.Snapshots{Cache: registry.SnapshotDir(filepath.Join(dir, "snapshots")), Every: 5}
	snaps.Log, _ = snapLog()
	reg, err := registry.OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	load(t, reg, fixture()...)
	for k := range 10 {
		var cmds []csto.Command
		for i := range 1000 {
			id := fmt.Sprintf("c%d-%d", k, i)
			if i%2 == 0 {
				cmds = append(cmds, cmd(id, csto.CmdExerciseHold, "2020-01-01", csto.ExerciseHold{ID: id, Org: "csto", Name: name("Exercise " + id), Participants: []string{"RUS"}}))
			} else {
				cmds = append(cmds, cmd(id, csto.CmdEventRecord, "2021-02-03", csto.EventRecord{Kind: "statement", States: []string{"KAZ"}}))
			}
		}
		load(t, reg, cmds...)
	}
	if err := reg.SaveSnapshot(1); err != nil {
		t.Fatal(err)
	}
	m := reg.Model()
	if m.Exercises.Len() <= 4096 || len(m.Entries) <= 2*4096 {
		t.Fatalf("%d exercises and %d entries: the test needs more than a chunk of each", m.Exercises.Len(), len(m.Entries))
	}
	again, err := registry.OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	if again.SnapshotSeq() != m.Seq {
		t.Fatalf("started from the snapshot at %d, want %d", again.SnapshotSeq(), m.Seq)
	}
	sameAnswers(t, again.Model(), st, true)
}

// A registry that replayed the log (no snapshot yet) and then reloads
// serves the model its snapshot holds: the same answers, the snapshot at
// its position, writes and as-recorded reads as before; and a write of
// another process beside it is not lost across the reload.
func TestReloadServesTheSnapshotsModel(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, first := withHistory(t, dir)
	log, _ := snapLog()
	snaps := registry.Snapshots{Cache: registry.SnapshotDir(filepath.Join(dir, "snapshots")), Every: 1 << 20, Log: log}
	reg, err := registry.OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	n := reg.Model().Seq
	if reg.Replayed() != n || reg.SnapshotSeq() != 0 {
		t.Fatalf("replayed %d of %d events, snapshot at %d: want the whole log and none", reg.Replayed(), n, reg.SnapshotSeq())
	}
	replayed := reg.Model()
	before := time.Now() // after the history's events, before the next two
	// Another process appends before the reload: the reload replays it.
	secretariat := csto.Actor{Role: csto.RoleSecretariat}
	if _, err := first.Submit(ctx, secretariat, convene(first, "reload-a")); err != nil {
		t.Fatal(err)
	}
	if err := reg.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	got := reg.Model()
	if got == replayed || reg.SnapshotSeq() != n || got.Seq != n+1 {
		t.Fatalf("after the reload: the same model %v, snapshot at %d (want %d), model at %d (want %d)",
			got == replayed, reg.SnapshotSeq(), n, got.Seq, n+1)
	}
	sameAnswers(t, got, st, false)
	if _, err := reg.Submit(ctx, secretariat, convene(reg, "reload-b")); err != nil {
		t.Fatal(err)
	}
	sameAnswers(t, reg.Model(), st, false)
	// As recorded before the last two acts: the log's first n events.
	past, err := reg.AsRecorded(ctx, before)
	if err != nil {
		t.Fatal(err)
	}
	if past.Seq != n {
		t.Errorf("as recorded at the replay's last event: %d events, want %d", past.Seq, n)
	}
	// A start from the snapshot the reload used holds the same.
	again, err := registry.OpenCached(ctx, st, snaps)
	if err != nil {
		t.Fatal(err)
	}
	if again.SnapshotSeq() != n || again.Replayed() != 2 {
		t.Errorf("a start after the reload: snapshot at %d (want %d), replayed %d (want 2)", again.SnapshotSeq(), n, again.Replayed())
	}
}

// A process that started from the latest snapshot answers a past
// recording time from the nearest past snapshot kept, not from the first
// event: the first such process replays from the first event once and
// keeps what it passes as past snapshots; the processes after it replay
// at most the gap between two. A past snapshot that is bad is skipped
// with a log line and the answer is the same.
func TestAsRecordedFromPastSnapshots(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := openStore(t, filepath.Join(dir, "csto.db"))
	writer, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var times []time.Time
	for i, c := range fixture() {
		at := day.Add(time.Duration(i) * 24 * time.Hour)
		writer.Now = func() time.Time { return at }
		load(t, writer, c)
		times = append(times, at)
	}
	n := writer.Model().Seq
	const every = 3
	cache := registry.SnapshotDir(filepath.Join(dir, "snapshots"))
	log, logs := snapLog()
	snaps := registry.Snapshots{Cache: cache, Every: every, Log: log}
	start := func() *registry.Registry {
		t.Helper()
		r, err := registry.OpenCached(ctx, st, snaps)
		if err != nil {
			t.Fatal(err)
		}
		if err := r.SaveSnapshot(1); err != nil {
			t.Fatal(err)
		}
		registry.SetCheckpointEvery(r, every)
		return r
	}
	kept := func() []int64 {
		t.Helper()
		seqs, err := cache.List()
		if err != nil {
			t.Fatal(err)
		}
		return seqs
	}
	asRecorded := func(r *registry.Registry, at time.Time) (*registry.Model, int64) {
		t.Helper()
		before := registry.RecordedReplayed(r)
		got, err := r.AsRecorded(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		want, err := r.AsRecordedReplay(ctx, at)
		if err != nil {
			t.Fatal(err)
		}
		if err := registry.SameModel(got, want); err != nil {
			t.Fatalf("as recorded at %s (%d events, the replay %d): %v", at, got.Seq, want.Seq, err)
		}
		return got, registry.RecordedReplayed(r) - before
	}

	start() // replays the log and writes the latest snapshot: the only one
	if got := kept(); !slices.Equal(got, []int64{n}) {
		t.Fatalf("after the first start: snapshots at %v, want only [%d]", got, n)
	}
	// The first process from it: the record's first events were never
	// built in it and no snapshot lies before them.
	first := start()
	early := times[2*every]
	m, replayed := asRecorded(first, early)
	if replayed != m.Seq {
		t.Fatalf("first process: replayed %d events for a prefix of %d, with no past snapshot", replayed, m.Seq)
	}
	asRecorded(first, times[len(times)-2])
	if err := first.SaveSnapshot(1); err != nil { // waits for the past snapshots written in the background
		t.Fatal(err)
	}
	past := kept()
	if len(past) < 3 || past[len(past)-1] != n {
		t.Fatalf("after the first process's replays: snapshots at %v, want some before the latest (%d)", past, n)
	}
	// The processes after it: at most the gap between two kept.
	gap := past[0]
	for i := 1; i < len(past); i++ {
		gap = max(gap, past[i]-past[i-1])
	}
	later := start()
	for i := len(times) - 2; i >= 0; i-- {
		m, replayed := asRecorded(later, times[i])
		if replayed > gap {
			t.Errorf("a later process: as recorded at %s (%d events) replayed %d; the snapshots kept %v are at most %d apart", times[i], m.Seq, replayed, past, gap)
		}
	}
	// A bad past snapshot: skipped, the answer the same.
	bad := past[len(past)-2]
	if err := os.WriteFile(filepath.Join(dir, "snapshots", fmt.Sprintf("%d.snap", bad)), []byte("csto snapshot 10\nnot one"), 0o600); err != nil {
		t.Fatal(err)
	}
	logs.Reset()
	at := times[len(times)-2]
	again := start()
	if m, _ = asRecorded(again, at); m.Seq < bad {
		t.Fatalf("the prefix at %s is %d events; the test needs it past the bad snapshot's %d", at, m.Seq, bad)
	}
	if !strings.Contains(logs.String(), "snapshot ignored") {
		t.Errorf("no line for the bad past snapshot at %d: %q", bad, logs)
	}
	// Removed, so that one this build can use may take its place.
	if err := again.SaveSnapshot(1); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "snapshots", fmt.Sprintf("%d.snap", bad))); err == nil {
		if f, _ := os.ReadFile(filepath.Join(dir, "snapshots", fmt.Sprintf("%d.snap", bad))); bytes.HasSuffix(f, []byte("not one")) {
			t.Errorf("the bad past snapshot at %d is still kept", bad)
		}
	}
	for _, r := range []*registry.Registry{later, again} { // the past snapshots they write, before the directory goes
		if err := r.SaveSnapshot(1); err != nil {
			t.Fatal(err)
		}
	}

	// A latest snapshot that does not match the log (here: damaged; after
	// a restore from an older backup: past the log's end): a start
	// removes it and starts from the one before, replaying the rest.
	past = kept()
	latest, before := past[len(past)-1], past[len(past)-2]
	if err := os.WriteFile(filepath.Join(dir, "snapshots", fmt.Sprintf("%d.snap", latest)), []byte("csto snapshot 10\nnot one"), 0o600); err != nil {
		t.Fatal(err)
	}
	logs.Reset()
	s := snaps
	s.Every = 1 << 20 // none written in the background: the check below sees what the start left
	restored, err := registry.OpenCached(ctx, st, s)
	if err != nil {
		t.Fatal(err)
	}
	if restored.SnapshotSeq() != before || restored.Replayed() != n-before {
		t.Errorf("with the latest snapshot (%d) bad: started from %d, replayed %d; want %d and %d", latest, restored.SnapshotSeq(), restored.Replayed(), before, n-before)
	}
	if got := kept(); slices.Contains(got, latest) || !strings.Contains(logs.String(), "snapshot ignored") {
		t.Errorf("the bad latest snapshot: kept %v (%d should be gone), log %q", got, latest, logs)
	}
	sameAnswers(t, restored.Model(), st, true)
}
