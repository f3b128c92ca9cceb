package registry

import "slices"

// The value lists of the procedures, each kept here once: the checks
// refuse any other value, naming the field and the list, and the
// surfaces offer these, in this order (the web's forms, the CLI's usage).
// The accessors return copies: the lists cannot be changed from outside.
var (
	requestKinds = []string{"assistance", "consultations"}
	sessionKinds = []string{"regular", "extraordinary", "informal", "online"}
	presences    = []string{"present", "absent", "boycott"}
	positions    = []string{"for", "objects", "abstains", "not-interested", "absent"}
	phases       = []string{"deployment-start", "deployment-complete", "withdrawal-start", "withdrawal-complete"}
	bases        = []string{ruleArt4, ruleArt2} // a decision's legal basis, when it names one
)

// RequestKinds returns the kinds of request a member state files:
// assistance (CST Art. 4) and consultations (CST Art. 2).
func RequestKinds() []string { return slices.Clone(requestKinds) }

// SessionKinds returns the kinds of session of a body.
func SessionKinds() []string { return slices.Clone(sessionKinds) }

// Presences returns the ways a state attends a session.
func Presences() []string { return slices.Clone(presences) }

// Positions returns the positions a member states on a draft decision:
// every position but "absent", which a session's attendance records.
func Positions() []string {
	return slices.DeleteFunc(slices.Clone(positions), func(p string) bool { return p == "absent" })
}

// Phases returns an operation's phases, in the order it passes them.
func Phases() []string { return slices.Clone(phases) }

// Bases returns the legal bases a decision may name.
func Bases() []string { return slices.Clone(bases) }
