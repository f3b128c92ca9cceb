package strictjson_test

import (
	"errors"
	"testing"

	"github.com/csto/csto/edtf"
	"github.com/csto/csto/internal/strictjson"
)

type inner struct {
	EN string `json:"en"`
}

type body struct {
	Kind  string         `json:"kind"`
	Date  edtf.Date      `json:"date,omitzero"`
	Name  inner          `json:"name"`
	List  []inner        `json:"list"`
	Tags  map[string]int `json:"tags"`
	Plain string         // no tag: its Go name
	Skip  string         `json:"-"`
	Any   any            `json:"any"`
	Ptr   *inner         `json:"ptr"`
}

func TestDecode(t *testing.T) {
	var ok body
	if err := strictjson.Decode([]byte(`{"kind":"a","date":"2022-01-06","name":{"en":"x"},"list":[{"en":"y"}],"tags":{"K":1},"Plain":"p","any":{"KIND":1},"ptr":{"en":"z"}}`), &ok); err != nil {
		t.Fatal(err)
	}
	if ok.Kind != "a" || ok.Name.EN != "x" || ok.List[0].EN != "y" || ok.Ptr.EN != "z" || ok.Date.String() != "2022-01-06" {
		t.Errorf("decoded %+v", ok)
	}
	for _, tc := range []struct{ name, json, field string }{
		{"CaseVariantBesideTheKey", `{"kind":"a","KIND":"b"}`, "KIND"},
		{"CaseVariantAlone", `{"Kind":"a"}`, "Kind"},
		{"Twice", `{"kind":"a","kind":"b"}`, "kind"},
		{"Unknown", `{"colour":"red"}`, "colour"},
		{"NestedCase", `{"name":{"EN":"x"}}`, "name.EN"},
		{"InArray", `{"list":[{"en":"y"},{"En":"z"}]}`, "list[1].En"},
		{"SkippedField", `{"Skip":"x"}`, "Skip"},
		{"BadDate", `{"date":"2022-13-01"}`, "date"},
		{"DateNotString", `{"date":7}`, "date"},
		{"WrongType", `{"kind":7}`, "kind"},
		{"ObjectForString", `{"kind":{}}`, "kind"},
		{"ArrayForStruct", `{"name":[]}`, "name"},
		{"Null", `null`, ""},
		{"Empty", ``, ""},
		{"Trailing", `{} {}`, ""},
		{"Malformed", `{"kind":`, ""},
		{"NotAnObject", `[]`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v body
			err := strictjson.Decode([]byte(tc.json), &v)
			var se *strictjson.Error
			if !errors.As(err, &se) || se.Field != tc.field {
				t.Fatalf("Decode(%s) = %v; want an error on %q", tc.json, err, tc.field)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"kind":"a","KIND":"b"}`, `{"list":[{"en":"y"}]}`, `null`, `{"date":"2022-21"}`, `{"tags":{"a":1,"a":2}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v body
		if err := strictjson.Decode([]byte(s), &v); err != nil {
			var se *strictjson.Error
			if !errors.As(err, &se) {
				t.Fatalf("Decode(%q) = %v, not an *Error", s, err)
			}
		}
	})
}
