package csto

import "github.com/csto/csto/edtf"

// Status is a state's membership status in an organization at a date.
type Status string

// The statuses. Former members are absent from a date's member list.
const (
	Signatory           Status = "signatory"            // signed; not yet bound
	Member              Status = "member"               // bound by the membership instrument, or admitted
	Suspended           Status = "suspended"            // membership suspended by decision
	ParticipationFrozen Status = "participation-frozen" // declared by the state; no legal act
	Observer            Status = "observer"
	Partner             Status = "partner"
	Former              Status = "former"
)

// Active reports whether a state with this status takes part in the
// organization's work as a member: member status only.
func (s Status) Active() bool { return s == Member }

// Listed reports whether the status appears in a date's member list.
func (s Status) Listed() bool { return s != "" && s != Former }

// Certainty says whether a status holds for every reading of the
// imprecise dates it rests on (certain), or only for some (possible).
type Certainty string

// The certainties.
const (
	Certain  Certainty = "certain"
	Possible Certainty = "possible"
)

// Standing is a state's status in an organization and the date it holds
// from, as a refusal names it: "suspended since 2012-12-19", "not a
// member". i18n says it in Arabic and Russian; String is the English.
type Standing struct {
	Status Status
	Since  edtf.Date
}

// String says the standing in English.
func (s Standing) String() string {
	switch s.Status {
	case "":
		return "not a member"
	case Member:
		return "a member since " + s.Since.String()
	case Signatory:
		return "a signatory since " + s.Since.String()
	case Observer, Partner:
		return "an " + string(s.Status) + " since " + s.Since.String()
	}
	return string(s.Status) + " since " + s.Since.String()
}
