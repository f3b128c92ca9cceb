package search

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/csto/csto"
)

// A document is what one event contributes to the index: the words of
// every text it carries (in the three languages), its title, and what it
// is about. Events are read from their stored body as untrusted JSON: a
// body that does not decode, or has no text, contributes nothing.
type document struct {
	seq       int64
	commandID string
	typ       string
	date      string
	kind      string // state, org, instrument, source, session, decision, exercise, operation, membership, event
	ref       string // the ID of what it is about: a state's code, an instrument's ID, …
	title     csto.Text
	terms     string // the words of all its texts, with their variants
	// titleTerms are the words of its title and ref: a match there ranks
	// above a mention in the text.
	titleTerms string
}

// kindOf maps a command type to the kind of thing it records.
func kindOf(typ string) string {
	switch {
	case typ == csto.CmdStateAdd:
		return "state"
	case typ == csto.CmdOrgAdd, typ == csto.CmdOrgContrary, typ == csto.CmdBodyAdd, typ == csto.CmdForceAdd:
		return "org"
	case typ == csto.CmdInstrumentAdd, typ == csto.CmdInForce, typ == csto.CmdInstrumentArticles:
		return "instrument"
	case typ == csto.CmdSourceAdd:
		return "source"
	case strings.HasPrefix(typ, "session."):
		return "session"
	case strings.HasPrefix(typ, "decision."):
		return "decision"
	case typ == csto.CmdExerciseHold:
		return "exercise"
	case strings.HasPrefix(typ, "operation."), typ == csto.CmdRequestFile:
		return "operation"
	case strings.HasPrefix(typ, "membership."), strings.HasPrefix(typ, "party."):
		return "membership"
	case strings.HasPrefix(typ, "alliance."):
		return "alliance"
	}
	return "event"
}

// refKeys are the payload fields that name what an event of a kind is
// about, in order of preference.
var refKeys = map[string][]string{
	"state": {"code", "id"}, "org": {"id", "code", "org"}, "instrument": {"instrument", "id"},
	"source": {"id"}, "session": {"session", "id"}, "decision": {"decision", "id"},
	"exercise": {"id"}, "operation": {"operation", "id", "request"}, "membership": {"state", "org"},
	"alliance": {"alliance", "id"}, "event": {"id", "state"},
}

// kindWeight ranks what a reader most often looks for first: a state or
// an organization before the instruments, sessions and events that name
// it.
var kindWeight = map[string]float64{
	"state": 3, "org": 2.5, "instrument": 2, "session": 1.5, "decision": 1.5, "exercise": 1.5,
	"operation": 1.3, "source": 1.2, "membership": 1.1, "alliance": 1, "event": 1,
}

// documentOf reads the document of an event; ok is false when the event
// carries no text to find.
func documentOf(e *csto.Event) (document, bool) {
	var body map[string]any
	if err := json.Unmarshal(e.Body, &body); err != nil {
		return document{}, false
	}
	d := document{seq: e.Seq, commandID: e.CommandID, typ: e.Type, date: e.Date.String(), kind: kindOf(e.Type)}
	data, _ := body["data"].(map[string]any)
	for _, k := range refKeys[d.kind] {
		if s, ok := data[k].(string); ok && s != "" {
			d.ref = s
			break
		}
	}
	d.title = firstText(data, "name", "title")
	if d.title.IsZero() {
		d.title = firstText(body, "text")
	}
	if d.title.IsZero() {
		if s, ok := data["title"].(string); ok { // a source's title is in its own language
			d.title = csto.Text{AR: s, EN: s, RU: s}
		}
	}
	if d.title.IsZero() {
		// A procedure step with no text of its own (a position, an
		// attendance) is found through the session or decision it belongs
		// to, not on its own.
		return document{}, false
	}
	var b strings.Builder
	collect(&b, body, 0)
	if b.Len() == 0 {
		return document{}, false
	}
	d.terms = docTerms(b.String())
	d.titleTerms = docTerms(d.title.AR + " " + d.title.EN + " " + d.title.RU + " " + d.ref)
	return d, d.terms != ""
}

// firstText returns the first of the keys of m that holds a text in the
// three languages.
func firstText(m map[string]any, keys ...string) csto.Text {
	for _, k := range keys {
		if t, ok := m[k].(map[string]any); ok {
			s := func(l string) string { v, _ := t[l].(string); return v }
			if tx := (csto.Text{AR: s("ar"), EN: s("en"), RU: s("ru")}); !tx.IsZero() {
				return tx
			}
		}
	}
	return csto.Text{}
}

// skipKeys hold strings that are not words a reader searches for.
var skipKeys = map[string]bool{"url": true, "hash": true, "prev_hash": true, "type": true}

// collect appends every string of v (a decoded JSON value) to b, to a
// bounded depth and length.
func collect(b *strings.Builder, v any, depth int) {
	if depth > 8 || b.Len() > 64<<10 {
		return
	}
	switch x := v.(type) {
	case string:
		b.WriteString(x)
		b.WriteByte(' ')
	case []any:
		for _, y := range x {
			collect(b, y, depth+1)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if !skipKeys[k] {
				collect(b, x[k], depth+1)
			}
		}
	}
}
