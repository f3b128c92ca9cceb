package csto

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// CmdCorrect corrects an earlier command of the log. The log is never
// rewritten: the correction is a new event, and the record is derived as if
// the target command had been accepted with the correction merged into it.
// It is how a shipped release reaches data directories created by an older
// one (the history's loader appends only the IDs a log lacks).
const CmdCorrect = "record.correct"

// Correction is the payload of a record.correct command.
//
// Patch is a JSON merge patch (RFC 7386) on the target command's envelope:
// "date", "sources", "text", "claims", "preferred" and "data". Objects merge
// member by member (so {"text":{"ru":"…"}} rewords the Russian text only and
// {"data":{"subject":{…}}} adds a field to the payload), arrays and scalars
// replace, null removes. "id" and "type" cannot change. Several corrections
// of one target apply in log order. Reason says why, in three languages;
// the command's sources say who supports the corrected values.
type Correction struct {
	Target string          `json:"target"`
	Patch  json.RawMessage `json:"patch"`
	Reason Text            `json:"reason"`
}

// correctable are the envelope fields a patch may change.
var correctable = map[string]bool{"date": true, "sources": true, "text": true, "claims": true, "preferred": true, "data": true}

// Fields returns the envelope fields the patch changes, sorted, with the
// payload's top-level fields as "data.NAME": for example ["data.positions",
// "text"]. An error names what is wrong with the patch's form.
func (p *Correction) Fields() ([]string, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(p.Patch, &top); err != nil || top == nil {
		return nil, Errorf(Invalid, "data.patch", "a correction's patch is a JSON object of the fields it changes")
	}
	if len(top) == 0 {
		return nil, Errorf(Invalid, "data.patch", "a correction's patch changes nothing")
	}
	var fields []string
	for k, v := range top {
		if !correctable[k] {
			return nil, Errorf(Invalid, "data.patch."+k, "a correction may change date, sources, text, claims, preferred or data, not %q", k)
		}
		if k != "data" {
			fields = append(fields, k)
			continue
		}
		var data map[string]json.RawMessage
		if err := json.Unmarshal(v, &data); err != nil || data == nil || len(data) == 0 {
			return nil, Errorf(Invalid, "data.patch.data", "the patch's data is an object of the payload's fields it changes")
		}
		for dk := range data {
			fields = append(fields, "data."+dk)
		}
	}
	sort.Strings(fields)
	return fields, nil
}

// Rewording reports whether the patch changes only wording: the command's
// text or preferred, or texts of the payload (objects of ar, en and ru
// strings, such as a decision's title). A rewording needs no source; every
// other correction does.
func (p *Correction) Rewording() bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(p.Patch, &top) != nil {
		return false
	}
	for k, v := range top {
		switch k {
		case "text", "preferred":
		case "data":
			var data map[string]json.RawMessage
			if json.Unmarshal(v, &data) != nil {
				return false
			}
			for _, dv := range data {
				var t map[string]*string
				if json.Unmarshal(dv, &t) != nil || len(t) == 0 {
					return false
				}
				for lang, s := range t {
					if lang != "ar" && lang != "en" && lang != "ru" || s == nil {
						return false
					}
				}
			}
		default:
			return false
		}
	}
	return true
}

// Corrected returns target with the patches merged into it, in order. The
// result is decoded strictly, so a patch that gives a field the wrong form
// (or one the payload does not have) is an error naming it.
func Corrected(target Command, patches ...json.RawMessage) (Command, error) {
	raw, err := json.Marshal(target)
	if err != nil {
		return Command{}, err
	}
	doc, err := decodeJSON(raw)
	if err != nil {
		return Command{}, err
	}
	for _, pt := range patches {
		patch, err := decodeJSON(pt)
		if err != nil {
			return Command{}, Errorf(Invalid, "data.patch", "not JSON: %v", err)
		}
		if o, ok := patch.(map[string]any); ok {
			for _, k := range []string{"id", "type"} {
				if _, ok := o[k]; ok {
					return Command{}, Errorf(Invalid, "data.patch."+k, "a correction cannot change a command's %s", k)
				}
			}
		}
		doc = mergePatch(doc, patch)
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return Command{}, err
	}
	var c Command
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Command{}, Errorf(Invalid, "data.patch", "the corrected command does not decode: %v", err)
	}
	return c, nil
}

// decodeJSON decodes b keeping numbers as written.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return v, nil
}

// mergePatch applies patch to doc as RFC 7386 defines.
func mergePatch(doc, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	d, ok := doc.(map[string]any)
	if !ok {
		d = map[string]any{}
	} else {
		c := make(map[string]any, len(d))
		for k, v := range d {
			c[k] = v
		}
		d = c
	}
	for k, v := range p {
		if v == nil {
			delete(d, k)
			continue
		}
		d[k] = mergePatch(d[k], v)
	}
	return d
}

// FieldList formats fields for messages: "date, data.positions".
func FieldList(fields []string) string { return strings.Join(fields, ", ") }

func init() {
	payloadTypes[CmdCorrect] = func() any { return new(Correction) }
	// A correction is not an event of the chronology: it changes one, and
	// the changed event shows it.
	referenceTypes[CmdCorrect] = true
}
