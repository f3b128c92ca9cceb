package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/csto/csto"
	"github.com/csto/csto/internal/httpx"
	"github.com/csto/csto/internal/strictjson"
)

// decode reads a JSON request body into v strictly: the media type must
// be application/json (415), the body at most limit bytes (413), fields
// must be known, the types right, and nothing may follow the value.
func decode(r *http.Request, limit int64, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &httpx.StatusError{Status: http.StatusUnsupportedMediaType, Kind: "unsupported-media-type",
			Msg: "send the body as application/json"}
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, limit))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &httpx.StatusError{Status: http.StatusRequestEntityTooLarge, Kind: "too-large", Msg: fmt.Sprintf("the body exceeds %d bytes", limit)}
		}
		return csto.Errorf(csto.Invalid, "body", "unreadable body")
	}
	return decodeBytes(body, v)
}

// decodeBytes is decode's JSON half, shared with the fuzz tests: keys
// matched exactly and once each, no unknown key, no null body, nothing
// after the value, no invisible control character in any string, and
// every error naming its field ("body" for the whole).
func decodeBytes(body []byte, v any) error {
	if err := strictjson.Decode(body, v); err != nil {
		var se *strictjson.Error
		if !errors.As(err, &se) {
			return csto.Errorf(csto.Invalid, "body", "%v", err)
		}
		field := se.Field
		if field == "" {
			field = "body"
		}
		return csto.Errorf(csto.Invalid, field, "%s", se.Message)
	}
	// The registry refuses invisible controls in every command; refusing
	// them here too names the field as the caller wrote it.
	return csto.CheckJSONText("", body)
}
