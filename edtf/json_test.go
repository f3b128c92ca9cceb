package edtf

import (
	"encoding"
	"encoding/json"
	"errors"
	"testing"
)

var (
	_ encoding.TextMarshaler   = Date{}
	_ encoding.TextUnmarshaler = (*Date)(nil)
	_ json.Unmarshaler         = (*Date)(nil)
)

type jsonRecord struct {
	Name    string `json:"name"`
	Born    Date   `json:"born"`
	Died    Date   `json:"died,omitzero"`
	Reign   Date   `json:"reign,omitzero"`
	Missing Date   `json:"missing"`
}

func TestJSONMarshal(t *testing.T) {
	r := jsonRecord{Name: "x", Born: MustParse("1992-05-15"), Reign: MustParse("2004-06~/..")}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"x","born":"1992-05-15","reign":"2004-06~/..","missing":""}`
	if string(b) != want {
		t.Errorf("Marshal = %s\nwant      %s", b, want)
	}
	var back jsonRecord
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back != r {
		t.Errorf("round trip = %+v, want %+v", back, r)
	}
}

func TestJSONUnmarshal(t *testing.T) {
	tests := []struct {
		in   string
		want jsonRecord
	}{
		{`{"born":"1992-05-15","died":""}`, jsonRecord{Born: MustParse("1992-05-15")}},
		{`{"born":"201X?","died":"../2000"}`, jsonRecord{Born: MustParse("201X?"), Died: MustParse("../2000")}},
		{`{"born":"","died":null}`, jsonRecord{}},
		{`{"born":"2004-06\u007e","died":null}`, jsonRecord{Born: MustParse("2004-06~")}},
	}
	for _, tt := range tests {
		// Start from non-zero dates: "" and null must reset them.
		got := jsonRecord{Born: MustParse("1900"), Died: MustParse("1901")}
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
			t.Errorf("Unmarshal(%s): %v", tt.in, err)
		}
		if got != tt.want {
			t.Errorf("Unmarshal(%s) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestJSONUnmarshalInvalid(t *testing.T) {
	tests := []struct{ in, msg string }{
		{`{"born":"2022-13-01"}`, "2022-13-01: month 13 out of range"},
		{`{"born":"1999/1998"}`, "1999/1998: interval ends before it starts"},
		{`{"born":1992}`, "1992: a date must be a JSON string"},
		{`{"born":true}`, "true: a date must be a JSON string"},
	}
	for _, tt := range tests {
		var r jsonRecord
		err := json.Unmarshal([]byte(tt.in), &r)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Unmarshal(%s) error = %v (%T), want *Error", tt.in, err, err)
			continue
		}
		if e.Error() != tt.msg {
			t.Errorf("Unmarshal(%s) error = %q, want %q", tt.in, e.Error(), tt.msg)
		}
	}
}

func TestUnmarshalText(t *testing.T) {
	d := MustParse("1999")
	err := d.UnmarshalText([]byte("1999-02-29"))
	var e *Error
	if !errors.As(err, &e) || e.Msg != "day 29 out of range for February 1999" {
		t.Errorf("UnmarshalText error = %v", err)
	}
	if d != MustParse("1999") {
		t.Errorf("failed UnmarshalText changed the Date to %q", d)
	}
	if err := d.UnmarshalText(nil); err != nil || !d.IsZero() {
		t.Errorf("UnmarshalText(nil) = %v, %q", err, d)
	}
	b, err := Date{}.MarshalText()
	if err != nil || len(b) != 0 {
		t.Errorf("zero MarshalText = %q, %v", b, err)
	}
}
