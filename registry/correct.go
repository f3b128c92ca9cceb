package registry

// Corrections (record.correct). The log is append-only and the history is
// loaded with SubmitNew, which skips the IDs a log already holds: editing a
// shipped command would change only data directories created afterwards.
// A correction is therefore a new event naming the command it corrects and
// a merge patch on it (csto.Correction). The model is derived as if the
// target had been accepted with every correction of it merged in, in log
// order: a correction recorded today changes what the record says of 2022,
// and the corrected entry lists its corrections with their reasons and
// sources. The original event stays in the log, unchanged and verifiable.
//
// A correction is checked like the command it corrects, at the target's
// position in the log: the corrected command must pass the rules against
// the record as it stood just before the target. The rest of the log is
// then replayed on the corrected record; if that fails, the correction is
// refused and nothing is written.
//
// Cost: accepting or replaying a correction re-derives the model from the
// log, read back from the store (the model keeps in memory only the
// commands the store does not hold yet: those of the write being checked;
// see logged). Corrections are rare, so this is a cost per correction,
// not per write; see docs/PERFORMANCE.md.

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/csto/csto"
)

const ruleCorrection = "correction"

// logged is one accepted event as the model keeps it: the event without
// its body, and the command as accepted (before any correction).
type logged struct {
	ev  csto.Event
	cmd csto.Command
	p   any // nil in a model loaded from a snapshot: see payload
}

// payload returns the command's decoded payload: the one decoded when it
// was applied, or, in a model loaded from a snapshot (which does not keep
// them), decoded again. A command in the model was accepted, so it decodes.
func (l *logged) payload() any {
	if l.p != nil {
		return l.p
	}
	p, _ := l.cmd.Payload()
	return p
}

// Fix is one correction of a command, as the corrected entry shows it.
type Fix struct {
	Seq     int64           // the correction's event
	ID      string          // the correction's command ID
	Fields  []string        // what it changed: "date", "data.positions", …
	Reason  csto.Text       // why
	Sources []string        // who supports the corrected values
	Patch   json.RawMessage // the merge patch itself
	// Err is set when the correction could not be applied on replay (a
	// log written by another version of csto); the record then shows the
	// command as it was before the correction.
	Err string `json:",omitempty"`
}

// Fixes returns the corrections of the command id, in log order.
func (m *Model) Fixes(id string) []Fix { return m.fixes[id] }

// Original returns the command id as it was accepted, before any
// correction, and whether the log holds it.
func (m *Model) Original(ctx context.Context, id string) (csto.Command, bool, error) {
	l, ok, err := m.logged(ctx, id)
	return l.cmd, ok, err
}

// Effective returns the command id as the record now reads it: the
// original with its corrections merged in.
func (m *Model) Effective(ctx context.Context, id string) (csto.Command, bool, error) {
	l, ok, err := m.logged(ctx, id)
	if !ok || err != nil {
		return csto.Command{}, ok, err
	}
	c, _, err := effective(l.cmd, l.payload(), m.fixes[id])
	if err != nil {
		return l.cmd, true, nil
	}
	return c, true, nil
}

// The log a correction re-derives the model from is events 1…Seq: those
// the store holds, 1…stored, read back from it (store), then those it
// does not hold yet, kept in memory (log). A registry's model keeps only
// the commands of the write being checked there: a replay from the store
// and a published model keep none (markStored), so the model does not
// carry a second copy of the log. A model built without a store (in
// memory, by the tests) keeps every command in log.

// errLog is a log the model cannot read back whole: a store that fails,
// or an event the store no longer holds as it was.
var errLog = errors.New("the stored log")

// useStore makes m read the events it holds back from st: every one of
// them, when m keeps none in memory (a new model, or one loaded from a
// snapshot of the log st holds).
func (m *Model) useStore(st csto.Store) {
	if m.store == nil && len(m.log) == 0 {
		m.store, m.stored, m.storedHead = st, m.Seq, m.Head
		if m.cache == nil {
			m.cache = newBodyCache()
		}
	}
}

// markStored records that the store now holds every event m holds (a
// write committed), dropping the ones m kept in memory.
func (m *Model) markStored() {
	if m.store != nil {
		m.log, m.stored, m.storedHead = nil, m.Seq, m.Head
	}
}

// logged returns the accepted command id as logged, and whether the log
// holds it.
func (m *Model) logged(ctx context.Context, id string) (logged, bool, error) {
	seq, ok, err := m.CommandSeq(ctx, id)
	if err != nil || !ok {
		return logged{}, false, err
	}
	if seq > m.stored {
		if i := int(seq - m.stored - 1); i < len(m.log) && m.log[i].cmd.ID == id {
			return m.log[i], true, nil
		}
		for i := range m.log { // positions are provisional during a write
			if m.log[i].cmd.ID == id {
				return m.log[i], true, nil
			}
		}
		return logged{}, false, nil
	}
	var l logged
	err = m.readLog(ctx, seq-1, seq, func(x *logged) error { l = *x; return nil })
	if err == nil && l.cmd.ID != id {
		err = fmt.Errorf("%w: event %d is %q, not %q", errLog, seq, l.cmd.ID, id)
	}
	if err != nil {
		return logged{}, false, err
	}
	return l, true, nil
}

// readLog calls fn with the stored events after position after, up to
// position to, decoded as logged, in order. What is stored is untrusted:
// each event must match its own hash and link to the one before it, and
// the event at stored must be the one this model was built from, so an
// event altered behind csto's back since the model read it is an error
// (errLog), not a record re-derived from it. A nil fn only checks: the
// events are not decoded.
func (m *Model) readLog(ctx context.Context, after, to int64, fn func(*logged) error) error {
	if after >= to {
		return nil
	}
	if m.store == nil {
		return fmt.Errorf("%w: no store holds events %d…%d", errLog, after+1, to)
	}
	done := errors.New("done")
	next := after + 1
	var fnErr error // fn's own, returned as it is; the store's are errLog
	chain := csto.ChainAfter(0, "")
	linked := after == 0 // the first event's link is known only from the log's start
	err := m.store.Events(ctx, after, func(e csto.Event) error {
		if e.Seq != next {
			return fmt.Errorf("%w: event %d where %d was expected", errLog, e.Seq, next)
		}
		if !linked {
			chain, linked = csto.ChainAfter(e.Seq-1, e.PrevHash), true // its own hash only
		}
		if err := chain.Next(&e); err != nil {
			return fmt.Errorf("%w: %w", errLog, err)
		}
		if e.Seq == m.stored && e.Hash != m.storedHead {
			return fmt.Errorf("%w: event %d is not the one this record was built from (its hash changed)", errLog, e.Seq)
		}
		if fn != nil {
			c, err := e.Command()
			if err != nil {
				return fmt.Errorf("%w: event %d: %v", errLog, e.Seq, err)
			}
			p, err := c.Payload()
			if err != nil {
				return fmt.Errorf("%w: event %d: %v", errLog, e.Seq, err)
			}
			e.Body = nil
			if fnErr = fn(&logged{ev: e, cmd: c, p: p}); fnErr != nil {
				return fnErr
			}
		}
		if next++; next > to {
			return done
		}
		return nil
	})
	switch {
	case fnErr != nil:
		return fnErr
	case errors.Is(err, done):
		return nil
	case err != nil && !errors.Is(err, errLog):
		return fmt.Errorf("%w: %w", errLog, err)
	case err == nil && next <= to:
		return fmt.Errorf("%w: the store ends at event %d, before %d", errLog, next-1, to)
	}
	return err
}

// verifyStored reads the stored log back to its end, checking it as
// readLog does, without decoding or deriving anything from it.
func (m *Model) verifyStored(ctx context.Context) error {
	return m.readLog(ctx, 0, m.stored, nil)
}

// eachLogged calls fn with every event m holds, in log order: the stored
// ones read back, then those in memory.
func (m *Model) eachLogged(ctx context.Context, fn func(l *logged, stored bool) error) error {
	if m.stored+int64(len(m.log)) != m.Seq {
		return fmt.Errorf("%w: %d stored and %d in memory for %d events", errLog, m.stored, len(m.log), m.Seq)
	}
	if err := m.readLog(ctx, 0, m.stored, func(l *logged) error { return fn(l, true) }); err != nil {
		return err
	}
	for i := range m.log {
		if err := fn(&m.log[i], false); err != nil {
			return err
		}
	}
	return nil
}

// effective merges fixes (those that applied) into c and decodes the
// result.
func effective(c csto.Command, p any, fixes []Fix) (csto.Command, any, error) {
	var patches []json.RawMessage
	for _, f := range fixes {
		if f.Err == "" {
			patches = append(patches, f.Patch)
		}
	}
	if len(patches) == 0 {
		return c, p, nil
	}
	ec, err := csto.Corrected(c, patches...)
	if err != nil {
		return c, p, err
	}
	ep, err := ec.Payload()
	if err != nil {
		return c, p, err
	}
	return ec, ep, nil
}

func (m *Model) checkCorrection(c *csto.Command, p *csto.Correction) error {
	if err := p.Reason.Check("data.reason"); err != nil {
		return err
	}
	unreadable := func(err error) error {
		return csto.Errorf(csto.Unavailable, "data.target", "the log cannot be read back to correct %s: %v", p.Target, err)
	}
	// fromLog gives a refusal that rests on what the log holds only once
	// the stored log is known to be the one this record was built from:
	// else the refusal would judge an event altered behind csto's back.
	fromLog := func(refusal error) error {
		if err := m.verifyStored(context.Background()); err != nil {
			return unreadable(err)
		}
		return refusal
	}
	orig, ok, err := m.logged(context.Background(), p.Target)
	if err != nil {
		return unreadable(err)
	}
	if !ok {
		return csto.Errorf(csto.NotFound, "data.target", "no command %q in the log to correct", p.Target)
	}
	if orig.cmd.Type == csto.CmdCorrect {
		return fromLog(refuse(ruleCorrection, "%s is itself a correction; correct %s instead", p.Target, orig.payload().(*csto.Correction).Target))
	}
	fields, err := p.Fields()
	if err != nil {
		return err
	}
	for _, f := range fields {
		if f == "data.id" || f == "data.code" {
			return refuse(ruleCorrection, "the identifier of what %s registered cannot be corrected: later events refer to it", p.Target)
		}
	}
	if !p.Rewording() && len(c.Sources) == 0 {
		return csto.Errorf(csto.Invalid, "sources", "a correction of %s needs the sources that support the corrected values (only a rewording of texts needs none)", csto.FieldList(fields))
	}
	// The correction's event will follow the last one (accept numbers
	// events from m.Seq).
	fix := Fix{Seq: m.Seq + 1, ID: c.ID, Fields: fields, Reason: p.Reason, Sources: c.Sources, Patch: p.Patch}
	_, _, err = effective(orig.cmd, orig.payload(), append(slices.Clip(m.fixes[p.Target]), fix))
	if err != nil {
		if e, ok := err.(*csto.Error); ok && e.Field != "" && e.Field != "data.patch" {
			return fromLog(csto.Errorf(e.Kind, "data.patch."+e.Field, "the corrected %s: %s", p.Target, e.Message))
		}
		return fromLog(csto.Errorf(csto.Invalid, "data.patch", "the corrected %s: %v", p.Target, err))
	}
	fixes := maps.Clone(m.fixes)
	fixes[p.Target] = append(slices.Clip(fixes[p.Target]), fix)
	n, err := m.rebuildWith(fixes, p.Target)
	if errors.Is(err, errLog) {
		return unreadable(err)
	}
	if err != nil {
		if e, ok := err.(*csto.Error); ok {
			ce := *e
			ce.Message = fmt.Sprintf("the corrected %s would be refused: %s", p.Target, e.Message)
			if ce.Field != "" {
				ce.Field = "data.patch." + ce.Field // a field of the corrected command, as effective's
			}
			return fromLog(&ce)
		}
		return fromLog(refuse(ruleCorrection, "the record cannot be replayed with this correction of %s: %v", p.Target, err))
	}
	// Keep the model just derived: applying the correction next adopts it
	// instead of deriving it again.
	m.trial = &trial{id: c.ID, seq: fix.Seq, model: n}
	return nil
}

// trial is the model a correction's check derived, for its apply.
type trial struct {
	id    string
	seq   int64
	model *Model
}

// applyCorrection records the correction and re-derives the model with
// it. It returns the membership pairs whose spells changed. While the log
// is replayed (replaying), the re-derivation waits for settle, which the
// replay calls at the next event that is not a correction and at its end:
// a run of k consecutive corrections re-derives the model once, not k
// times, and over the events before it, not the whole log.
func (m *Model) applyCorrection(e *csto.Event, c *csto.Command, p *csto.Correction) ([]csto.Pair, error) {
	fields, _ := p.Fields()
	fix := Fix{Seq: e.Seq, ID: c.ID, Fields: fields, Reason: p.Reason, Sources: c.Sources, Patch: p.Patch}
	if m.rederiving {
		w(m, ownFixes, &m.fixes)[p.Target] = append(slices.Clip(m.fixes[p.Target]), fix)
		return nil, nil
	}
	if m.replaying {
		w(m, ownFixes, &m.fixes)[p.Target] = append(slices.Clip(m.fixes[p.Target]), fix)
		m.pending = append(slices.Clip(m.pending), p.Target)
		return nil, nil
	}
	if t := m.trial; t != nil && t.id == c.ID && t.seq == e.Seq {
		// The check derived this very model, but for the correction's own
		// event, which is the last logged.
		n := t.model
		n.log = append(n.log, m.log[len(m.log)-1])
		n.recorded = append(n.recorded, m.recorded[len(m.recorded)-1])
		n.setCommand(c.ID, e.Seq)
		return m.adopt(n), nil
	}
	return m.addFix(p.Target, fix)
}

// addFix re-derives the model with fix added to target's corrections and
// returns the membership pairs whose spells changed. A correction that
// does not apply is kept marked with why; a log that cannot be read back
// is an error, and m is left as it was.
func (m *Model) addFix(target string, fix Fix) ([]csto.Pair, error) {
	fixes := maps.Clone(m.fixes)
	fixes[target] = append(slices.Clip(fixes[target]), fix)
	n, err := m.rebuildWith(fixes, "")
	if err != nil && !errors.Is(err, errLog) {
		err = cmp.Or(m.verifyStored(context.Background()), err) // not marked from an altered log
	}
	if errors.Is(err, errLog) {
		return nil, err
	}
	if err != nil {
		// Never fail on what is stored: keep the record as it was and say
		// why the correction did not apply.
		fix.Err = err.Error()
		w(m, ownFixes, &m.fixes)[target] = append(slices.Clip(m.fixes[target]), fix)
		return nil, nil
	}
	return m.adopt(n), nil
}

// adopt replaces m by n, a re-derivation of it, keeping m's log position,
// and returns the membership pairs whose spells changed.
func (m *Model) adopt(n *Model) []csto.Pair {
	var pairs []csto.Pair
	for pair, sp := range n.spells {
		if !slices.Equal(sp, m.spells[pair]) {
			pairs = append(pairs, pair)
		}
	}
	for pair := range m.spells {
		if _, ok := n.spells[pair]; !ok {
			pairs = append(pairs, pair)
		}
	}
	seq, head, tree, replaying := m.Seq, m.Head, m.tree, m.replaying
	*m = *n
	m.Seq, m.Head, m.tree, m.replaying = seq, head, tree, replaying
	return pairs
}

// settle applies the corrections whose re-derivation a replay deferred:
// all at once, or, if that fails, one by one, so that each one that cannot
// apply is marked with its error and the others still apply. A log that
// cannot be read back is an error (the replay fails; it does not serve a
// record without its corrections).
func (m *Model) settle() error {
	if len(m.pending) == 0 {
		return nil
	}
	pending := m.pending
	m.pending = nil
	seq, head, tree := m.Seq, m.Head, m.tree
	n, err := m.rebuildWith(m.fixes, "")
	if err == nil {
		*m = *n
		m.Seq, m.Head, m.tree = seq, head, tree
		return nil
	}
	if errors.Is(err, errLog) {
		return err
	}
	// Take the deferred corrections out (they are the last of their
	// targets' lists, in order) and add them back one at a time.
	var fixes []Fix
	for i := len(pending) - 1; i >= 0; i-- {
		t := pending[i]
		l := m.fixes[t]
		fixes = append(fixes, l[len(l)-1])
		w(m, ownFixes, &m.fixes)[t] = slices.Clip(l[:len(l)-1])
	}
	for i := len(pending) - 1; i >= 0; i-- {
		if _, err := m.addFix(pending[i], fixes[len(pending)-1-i]); err != nil {
			return err
		}
	}
	return nil
}

// rebuildWith builds the model again from m's log with fixes merged into their
// targets. With check set, the corrected command of that ID is checked
// against the record as it stood just before it. A panic while replaying
// (a correction that breaks a later event) is returned as an error.
func (m *Model) rebuildWith(fixes map[string][]Fix, check string) (n *Model, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, err = nil, fmt.Errorf("%v", r)
		}
	}()
	n = newModel()
	n.store, n.cache = m.store, m.cache
	n.rederiving = true
	err = m.eachLogged(context.Background(), func(l *logged, stored bool) error {
		c, p := l.cmd, l.payload()
		fx := fixes[c.ID]
		if len(fx) > 0 {
			var err error
			if c, p, err = effective(l.cmd, p, fx); err != nil {
				return fmt.Errorf("%s: %w", l.cmd.ID, err)
			}
			if c.ID == check {
				// Judged where it stands, but against every source the
				// record holds now: a correction may cite a source
				// registered after its target.
				at := *n
				at.Sources = m.Sources
				err := at.check(&c, p)
				if err == nil {
					err = at.checkBounds(&c, p) // a date or a number out of bounds
				}
				if err != nil {
					return err
				}
			}
		}
		e := l.ev
		entries := len(n.Entries)
		if _, err := n.apply(&e, &c, p); err != nil {
			return fmt.Errorf("%s: %w", l.cmd.ID, err)
		}
		if stored {
			n.stored, n.storedHead = e.Seq, e.Hash
		} else {
			n.log = append(n.log, *l)
		}
		if len(n.Entries) > entries { // apply held its body, last
			if last := len(n.held) - 1; stored && !n.keepsBodies() {
				n.held = n.held[:last] // read back with its corrections (n.fixes) when a view needs it
			} else if len(fx) > 0 {
				n.held[last].body.Corrections = slices.Clone(fx)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	n.rederiving = false
	// Corrections that failed on an earlier replay stay listed.
	for id, fx := range fixes {
		if len(n.fixes[id]) != len(fx) {
			w(n, ownFixes, &n.fixes)[id] = fx
		}
	}
	return n, nil
}
