package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
)

// Problem is an RFC 9457 problem detail. Kind is csto's stable error
// kind; Rule names the Treaty's or the registry's rule that refused a
// command; Errors lists per-field errors.
type Problem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail"`
	Kind     string       `json:"kind"`
	Rule     string       `json:"rule,omitempty"`
	Instance string       `json:"instance,omitempty"` // the request ID
	Errors   []FieldError `json:"errors,omitempty"`

	retryAfter int    // seconds, for the Retry-After header of a 429
	allow      string // the Allow header of a 405
}

// FieldError is an error about one input field.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// statusOf is the one table from error kind to HTTP status.
var statusOf = map[csto.Kind]int{
	csto.Invalid:         http.StatusBadRequest,
	csto.NotFound:        http.StatusNotFound,
	csto.Conflict:        http.StatusConflict,
	csto.Forbidden:       http.StatusForbidden,
	csto.Unauthenticated: http.StatusUnauthorized,
	csto.Internal:        http.StatusInternalServerError,
	csto.Unavailable:     http.StatusServiceUnavailable,
}

// httpError is a transport-level client error (wrong method, media type,
// body too large, rate limited) with its own status and kind.
type httpError struct {
	status     int
	kind       string
	msg        string
	retryAfter int    // seconds (429)
	allow      string // the methods allowed (405)
}

func (e *httpError) Error() string { return e.msg }

func problemFor(err error, requestID string) Problem {
	var le *account.LimitedError
	if errors.As(err, &le) {
		err = &httpError{status: http.StatusTooManyRequests, kind: "rate-limited", msg: le.Error(), retryAfter: le.RetryAfterSeconds()}
	}
	var he *httpError
	if errors.As(err, &he) {
		return Problem{Type: "urn:csto:problem:" + he.kind, Title: http.StatusText(he.status), Status: he.status,
			Detail: he.msg, Kind: he.kind, Instance: requestID, retryAfter: he.retryAfter, allow: he.allow}
	}
	var ce *csto.Error
	if !errors.As(err, &ce) {
		ce = &csto.Error{Kind: csto.Internal, Message: "internal error"}
	}
	st := statusOf[ce.Kind]
	if st == 0 {
		st = http.StatusInternalServerError
	}
	p := Problem{Type: "urn:csto:problem:" + string(ce.Kind), Title: http.StatusText(st), Status: st,
		Detail: ce.Error(), Kind: string(ce.Kind), Rule: ce.Rule, Instance: requestID}
	if ce.Kind == csto.Internal {
		p.Detail = "internal error; the request ID identifies it in the logs"
	}
	if ce.Field != "" {
		p.Errors = []FieldError{{Field: ce.Field, Message: ce.Message}}
	}
	return p
}

func writeProblem(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	if p.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(p.retryAfter))
	}
	if p.allow != "" {
		w.Header().Set("Allow", p.allow)
	}
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}
