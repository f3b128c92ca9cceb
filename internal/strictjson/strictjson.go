// Package strictjson decodes JSON into Go values the way a record of
// trust must read it: object keys match a field's JSON name exactly
// (encoding/json matches them case-insensitively, so {"kind":…,"KIND":…}
// would be read as one field), no key twice, no unknown key, no null in
// place of the whole value, nothing after it — and every error names the
// field by its JSON path (data.name.en, sources[2]).
//
// It walks the document once against the target's type, checking keys
// and running the field types' own UnmarshalJSON/UnmarshalText at their
// path (so a bad date is reported as "date", not as the body), then lets
// encoding/json fill the value.
package strictjson

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Error is a decoding error at a JSON path ("" for the whole document).
type Error struct {
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// Decode decodes data, one JSON value, into v, a non-nil pointer.
func Decode(data []byte, v any) error {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Pointer {
		return &Error{Message: "strictjson: Decode needs a pointer"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if first, err := peek(data); err == nil && first == 'n' && needsValue(t.Elem()) {
		return &Error{Message: "null: send a JSON " + kindWord(t.Elem())}
	}
	if err := walk(dec, t.Elem(), ""); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return &Error{Message: "unexpected data after the JSON value"}
	}
	full := json.NewDecoder(bytes.NewReader(data))
	full.DisallowUnknownFields()
	if err := full.Decode(v); err != nil {
		return translate(err)
	}
	return nil
}

func peek(data []byte) (byte, error) {
	s := bytes.TrimLeft(data, " \t\r\n")
	if len(s) == 0 {
		return 0, io.EOF
	}
	return s[0], nil
}

// needsValue reports whether a top-level null would leave t meaningless.
func needsValue(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct, reflect.Map, reflect.Slice, reflect.Array:
		return !hasUnmarshaler(t)
	}
	return false
}

func kindWord(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "array"
	}
	return "object"
}

var (
	rawType       = reflect.TypeFor[json.RawMessage]()
	unmarshalerT  = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshal = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func hasUnmarshaler(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return p.Implements(unmarshalerT) || p.Implements(textUnmarshal) && t.Kind() != reflect.Map
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func syntaxError(err error, path string) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return &Error{Message: fmt.Sprintf("malformed JSON at byte %d", se.Offset)}
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		if path == "" {
			return &Error{Message: "empty body"}
		}
		return &Error{Message: "the JSON ends too early"}
	}
	return &Error{Field: path, Message: err.Error()}
}

// walk checks the value the decoder is at against t.
func walk(dec *json.Decoder, t reflect.Type, path string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == rawType || t.Kind() == reflect.Interface || hasUnmarshaler(t) {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return syntaxError(err, path)
		}
		if t == rawType || t.Kind() == reflect.Interface {
			return nil
		}
		// The type's own parser, at its path.
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return &Error{Field: path, Message: fmt.Sprintf("expected %s, got JSON %s", te.Type, te.Value)}
			}
			return &Error{Field: path, Message: strings.TrimPrefix(err.Error(), "json: ")}
		}
		return nil
	}
	tok, err := dec.Token()
	if err != nil {
		return syntaxError(err, path)
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil // a scalar: encoding/json checks its type, naming the field
	}
	switch d {
	case '{':
		var fields map[string]field
		switch t.Kind() {
		case reflect.Struct:
			fields = fieldsOf(t)
		case reflect.Map:
		default:
			return &Error{Field: path, Message: fmt.Sprintf("expected %s, got a JSON object", t)}
		}
		seen := map[string]bool{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return syntaxError(err, path)
			}
			key := kt.(string)
			at := join(path, key)
			if seen[key] {
				return &Error{Field: at, Message: "the key appears twice"}
			}
			seen[key] = true
			elem := t.Elem
			if fields != nil {
				f, ok := fields[key]
				if !ok {
					return unknown(fields, path, key)
				}
				elem = func() reflect.Type { return f.typ }
			}
			if err := walk(dec, elem(), at); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return syntaxError(err, path)
		}
		return nil
	case '[':
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return &Error{Field: path, Message: fmt.Sprintf("expected %s, got a JSON array", t)}
		}
		for i := 0; dec.More(); i++ {
			if err := walk(dec, t.Elem(), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		if _, err := dec.Token(); err != nil {
			return syntaxError(err, path)
		}
		return nil
	}
	return nil
}

func unknown(fields map[string]field, path, key string) error {
	for name := range fields {
		if strings.EqualFold(name, key) {
			return &Error{Field: join(path, key), Message: fmt.Sprintf("unknown field (names are case-sensitive: %q)", name)}
		}
	}
	return &Error{Field: join(path, key), Message: "unknown field"}
}

type field struct{ typ reflect.Type }

var cache sync.Map // reflect.Type → map[string]field

// fieldsOf returns the JSON names of struct t's fields, as encoding/json
// names them (tags, embedded structs promoted; "-" left out).
func fieldsOf(t reflect.Type) map[string]field {
	if f, ok := cache.Load(t); ok {
		return f.(map[string]field)
	}
	out := map[string]field{}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if sf.Anonymous && name == "" {
				et := sf.Type
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct {
					add(et)
					continue
				}
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			if _, dup := out[name]; !dup {
				out[name] = field{sf.Type}
			}
		}
	}
	add(t)
	cache.Store(t, out)
	return out
}

// translate names the field of an encoding/json error.
func translate(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		return &Error{Field: te.Field, Message: fmt.Sprintf("expected %s, got JSON %s", te.Type, te.Value)}
	case errors.As(err, &se):
		return &Error{Message: fmt.Sprintf("malformed JSON at byte %d", se.Offset)}
	case errors.Is(err, io.EOF):
		return &Error{Message: "empty body"}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return &Error{Field: strings.Trim(name, `"`), Message: "unknown field"}
	}
	return &Error{Message: strings.TrimPrefix(err.Error(), "json: ")}
}
