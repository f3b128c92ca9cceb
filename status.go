package csto

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
