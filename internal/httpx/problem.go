package httpx

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

// StatusError is a transport-level client error (wrong method, media
// type, body too large, rate limited) with its own status and kind.
type StatusError struct {
	Status     int
	Kind       string
	Msg        string
	RetryAfter int    // seconds (429)
	Allow      string // the methods allowed (405)
}

func (e *StatusError) Error() string { return e.Msg }

// asStatusError returns err's *StatusError, turning the account
// service's rate limit into a 429; nil when err is neither.
func asStatusError(err error) *StatusError {
	var le *account.LimitedError
	if errors.As(err, &le) {
		return &StatusError{Status: http.StatusTooManyRequests, Kind: "rate-limited", Msg: le.Error(), RetryAfter: le.RetryAfterSeconds()}
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se
	}
	return nil
}

// ProblemFor is the problem detail of err for the request requestID. An
// internal fault (any error that is no *csto.Error) says only that the
// request ID identifies it in the logs.
func ProblemFor(err error, requestID string) Problem {
	if se := asStatusError(err); se != nil {
		return Problem{Type: "urn:csto:problem:" + se.Kind, Title: http.StatusText(se.Status), Status: se.Status,
			Detail: se.Msg, Kind: se.Kind, Instance: requestID, retryAfter: se.RetryAfter, allow: se.Allow}
	}
	var ce *csto.Error
	if !errors.As(err, &ce) {
		ce = &csto.Error{Kind: csto.Internal, Message: "internal error"}
	}
	st := Status(ce.Kind)
	p := Problem{Type: "urn:csto:problem:" + string(ce.Kind), Title: http.StatusText(st), Status: st,
		Detail: ce.Error(), Kind: string(ce.Kind), Rule: ce.Rule, Instance: requestID}
	if st == http.StatusInternalServerError {
		p.Detail = "internal error; the request ID identifies it in the logs"
	}
	if ce.Field != "" {
		p.Errors = []FieldError{{Field: ce.Field, Message: ce.Message}}
	}
	return p
}

// WriteProblem writes p as application/problem+json, with Retry-After
// or Allow when it has them.
func WriteProblem(w http.ResponseWriter, p Problem) {
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
