package edtf

import (
	"encoding/json"
)

// MarshalText implements encoding.TextMarshaler: the canonical EDTF string,
// and "" for the zero Date. In JSON a Date is therefore a string such as
// "1992-05-15"; use the `json:",omitzero"` tag to leave out zero Dates.
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.text), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. Empty text gives the
// zero Date; invalid text gives a *Error and leaves d unchanged.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalBinary implements encoding.BinaryMarshaler with the canonical
// text, so that encoding/gob (which ignores TextMarshaler) keeps Dates.
func (d Date) MarshalBinary() ([]byte, error) { return d.MarshalText() }

// UnmarshalBinary implements encoding.BinaryUnmarshaler: UnmarshalText.
func (d *Date) UnmarshalBinary(b []byte) error { return d.UnmarshalText(b) }

// UnmarshalJSON accepts a JSON string (see UnmarshalText) or null, which
// gives the zero Date. Anything else is a *Error.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	if len(b) == 0 || b[0] != '"' {
		return &Error{Input: string(b), Msg: "a date must be a JSON string"}
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &Error{Input: string(b), Msg: "invalid JSON string"}
	}
	return d.UnmarshalText([]byte(s))
}
