package csto

import (
	"errors"
	"fmt"
)

// Kind classifies an error for clients: the CLI maps it to an exit code,
// the API to an HTTP status. Kinds are only ever appended.
type Kind string

// The error kinds.
const (
	Invalid         Kind = "invalid"         // bad input: a field or a rule
	NotFound        Kind = "not-found"       // an unknown state, organization, event…
	Conflict        Kind = "conflict"        // the command clashes with the record
	Forbidden       Kind = "forbidden"       // the actor may not do this
	Unauthenticated Kind = "unauthenticated" // no or bad credentials
	Internal        Kind = "internal"        // a fault of csto's; details are logged
	Unavailable     Kind = "unavailable"     // csto cannot do this now (a read-only, degraded record)
)

// Error is a domain error safe to show to users. Field names the input
// field at fault and Rule the rule that refused the command (e.g.
// "CST Art. 4"); either may be empty.
type Error struct {
	Kind    Kind
	Field   string
	Rule    string
	Message string

	// format and args are what Errorf or Refusef made Message of, so that
	// a reader's surface can say it in the reader's language
	// (i18n.Message); "" for an Error made otherwise.
	format string
	args   []any
}

// Format returns the format and arguments Message was made of ("" and nil
// for an Error not made by Errorf or Refusef).
func (e *Error) Format() (string, []any) { return e.format, e.args }

func (e *Error) Error() string {
	switch {
	case e.Rule != "":
		return e.Rule + ": " + e.Message
	case e.Field != "":
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Errorf returns an *Error of kind k about field.
func Errorf(k Kind, field, format string, args ...any) *Error {
	return &Error{Kind: k, Field: field, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// Refusef returns a conflict *Error that names the rule that refused a command.
func Refusef(rule, format string, args ...any) *Error {
	return &Error{Kind: Conflict, Rule: rule, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// ErrorKind returns the kind of err: the Kind of the first *Error in its
// chain, else Internal. A nil error has no kind ("").
func ErrorKind(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// ErrorMessage returns the message of err safe to show to users: the
// *Error's text, or a generic sentence for internal faults.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error"
}

// Phrase is an argument of an Error that is a word or phrase of csto's own
// ("assistance", "consultations"), not the caller's input: i18n says it in
// the reader's language; String is the English.
type Phrase Text

// String says the phrase in English.
func (p Phrase) String() string { return Text(p).In(English) }
