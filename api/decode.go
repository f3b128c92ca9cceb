package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/csto/csto"
)

// decode reads a JSON request body into v strictly: the media type must
// be application/json (415), the body at most limit bytes (413), fields
// must be known, the types right, and nothing may follow the value.
func decode(r *http.Request, limit int64, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &httpError{status: http.StatusUnsupportedMediaType, kind: "unsupported-media-type",
			msg: "send the body as application/json"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &httpError{status: http.StatusRequestEntityTooLarge, kind: "too-large", msg: fmt.Sprintf("the body exceeds %d bytes", limit)}
		}
		return csto.Errorf(csto.Invalid, "body", "unreadable body")
	}
	return decodeBytes(body, v)
}

// decodeBytes is decode's JSON half, shared with the fuzz tests.
func decodeBytes(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return csto.Errorf(csto.Invalid, "body", "unexpected data after the JSON value")
	}
	if _, err := dec.Token(); err != io.EOF {
		return csto.Errorf(csto.Invalid, "body", "unexpected data after the JSON value")
	}
	return nil
}

// jsonError turns a decoding error into an invalid error naming the field.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	var ce *csto.Error
	switch {
	case errors.As(err, &ce):
		return ce
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "body"
		}
		return csto.Errorf(csto.Invalid, field, "expected %s, got JSON %s", te.Type, te.Value)
	case errors.As(err, &se):
		return csto.Errorf(csto.Invalid, "body", "malformed JSON at byte %d", se.Offset)
	case errors.Is(err, io.EOF):
		return csto.Errorf(csto.Invalid, "body", "empty body")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		if name == "" {
			return csto.Errorf(csto.Invalid, "body", `unknown field ""`)
		}
		return csto.Errorf(csto.Invalid, name, "unknown field")
	}
	// Errors of a field's own UnmarshalText (an EDTF date) carry no field
	// name in encoding/json; say what was wrong.
	return csto.Errorf(csto.Invalid, "body", "%v", err)
}
