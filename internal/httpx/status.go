package httpx

import (
	"net/http"

	"github.com/csto/csto"
)

// statuses is the one table from error kind to HTTP status. The web
// pages and the API both answer a refusal with it, so a conflict is 409
// and a forbidden act 403 on either surface.
var statuses = map[csto.Kind]int{
	csto.Invalid:         http.StatusBadRequest,
	csto.NotFound:        http.StatusNotFound,
	csto.Conflict:        http.StatusConflict,
	csto.Forbidden:       http.StatusForbidden,
	csto.Unauthenticated: http.StatusUnauthorized,
	csto.Internal:        http.StatusInternalServerError,
	csto.Unavailable:     http.StatusServiceUnavailable,
}

// Status is the HTTP status of error kind k; a kind the table does not
// know (none should exist: the test reads every kind from the root
// package) is a 500.
func Status(k csto.Kind) int {
	if st, ok := statuses[k]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// StatusOf is the HTTP status of err: its kind's (an error that is no
// *csto.Error is internal, 500); a *StatusError carries its own; nil is
// 200.
func StatusOf(err error) int {
	if err == nil {
		return http.StatusOK
	}
	if se := asStatusError(err); se != nil {
		return se.Status
	}
	return Status(csto.ErrorKind(err))
}
