package api

import (
	"errors"
	"reflect"
	"testing"

	"github.com/csto/csto"
)

// FuzzDecode feeds arbitrary bytes to the strict JSON decoding of every
// request body type of the route table (every command type through
// POST /api/v1/commands): it must never panic, and every failure must be
// a client error that names a field.
func FuzzDecode(f *testing.F) {
	var types []reflect.Type
	for _, rt := range Routes() {
		if rt.Body != nil {
			types = append(types, reflect.TypeOf(rt.Body))
		}
	}
	for _, s := range []string{
		`{"kind":"assistance","date":"2022-01-05","statement":{"en":"help"}}`,
		`{"id":"x","type":"party.sign","date":"1992-05-15","sources":["s"],"text":{"ar":"a","en":"b","ru":"c"},"data":{"state":"ARM","instrument":"cst"}}`,
		`{"decision":"d","host":"KAZ","name":{"ar":"a","en":"b","ru":"c"},"until":"2022-01-19?"}`,
		`{"session":"s","title":{"en":"t"},"date":"2022-21"}`, `[]`, `null`, `{"troops":-1}`, `{"effective":"../2025"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, typ := range types {
			v := reflect.New(typ).Interface()
			err := decodeBytes([]byte(body), v)
			if err == nil {
				continue
			}
			var ce *csto.Error
			if !errors.As(err, &ce) || ce.Kind != csto.Invalid || ce.Field == "" {
				t.Fatalf("decoding %q into %s: %v is not an invalid error naming a field", body, typ, err)
			}
			if c, ok := v.(*csto.Command); ok {
				c.Payload() // must not panic on whatever was decoded
			}
		}
	})
}
