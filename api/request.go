package api

import (
	"strconv"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"

	"net/http"
)

// request is one API call: the HTTP request, who makes it, in which
// language.
type request struct {
	*http.Request
	s       *Server
	lang    csto.Lang
	account *account.Account // nil: anonymous
	session *account.Session // set when signed in by cookie
	secret  string           // the session cookie's secret
	w       http.ResponseWriter
	// current is the model an anonymous read is answered and cached
	// from (set by the server before the handler runs), so that the
	// answer kept under its position is the answer computed from it.
	current *registry.Model
}

// actor is who the request acts as: the account's actor, or public.
func (r *request) actor() csto.Actor {
	if r.account == nil {
		return csto.Actor{Role: csto.RolePublic}
	}
	return r.account.Actor()
}

// date parses the EDTF query parameter name; empty means today when
// today is set, else the zero Date.
func (r *request) date(name string, today bool) (edtf.Date, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		if today {
			return edtf.FromDay(edtf.DayFromTime(r.s.now().UTC())), nil
		}
		return edtf.Date{}, nil
	}
	d, err := edtf.ParseInput(v)
	if err != nil {
		return edtf.Date{}, csto.Errorf(csto.Invalid, name, "%v", err)
	}
	return d, nil
}

// year parses the query parameter name as a year; 0 when absent.
func (r *request) year(name string) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(edtf.ASCIIDigits(v))
	if err != nil || y < 1 || y > 9998 {
		return 0, csto.Errorf(csto.Invalid, name, "%q is not a year", v)
	}
	return y, nil
}

// model returns the current model, or the model as recorded at the time
// the "recorded" parameter gives (RFC 3339, or a date: its end).
func (r *request) model() (*registry.Model, error) {
	var t time.Time // zero: now
	v := r.URL.Query().Get("recorded")
	if v == "" && r.current != nil {
		return r.current, nil
	}
	if v != "" {
		var err error
		if t, err = time.Parse(time.RFC3339Nano, v); err != nil {
			d, err2 := time.Parse(time.DateOnly, v)
			if err2 != nil {
				return nil, csto.Errorf(csto.Invalid, "recorded", "%q is not an RFC 3339 time or a YYYY-MM-DD date", v)
			}
			t = d.Add(24*time.Hour - time.Nanosecond)
		}
	}
	return r.s.reg.Read(r.Context(), t)
}

// path returns the path parameter name, lower-cased for identifiers.
func (r *request) path(name string) string { return r.PathValue(name) }

func (r *request) org() string { return strings.ToLower(r.PathValue("org")) }

// body decodes the JSON body into v.
func (r *request) body(v any) error { return decode(r.Request, r.s.MaxBody, v) }

// samePath sets *field to the path parameter, refusing a body that names
// another value.
func samePath(field *string, name, path string) error {
	if *field != "" && *field != path {
		return csto.Errorf(csto.Invalid, name, "the body says %q but the path says %q", *field, path)
	}
	*field = path
	return nil
}
