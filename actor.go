package csto

import (
	"fmt"
	"strings"
)

// Role is what an actor may do.
type Role string

// The roles.
const (
	RolePublic      Role = "public"      // reads only
	RoleDelegate    Role = "delegate"    // acts for one member state
	RoleSecretariat Role = "secretariat" // keeps the record, convenes for the chair, records decisions
	RoleAdmin       Role = "admin"       // accounts and reference data; never acts for a state
	RoleSystem      Role = "system"      // csto itself: the default history, importers
)

// Actor is who submits a command: a role, the state a delegate acts for,
// and the account, when there is one. Every event records its actor.
type Actor struct {
	Role    Role
	State   string // delegates only
	Account string // optional
}

// String renders the actor as events record it: "delegate:KAZ",
// "secretariat", "system:history", with "@account" when known.
func (a Actor) String() string {
	s := string(a.Role)
	switch {
	case a.Role == RoleDelegate:
		s += ":" + a.State
	case a.Role == RoleSystem && a.State != "":
		s += ":" + a.State
	}
	if a.Account != "" {
		s += "@" + a.Account
	}
	return s
}

// ParseActor parses the form String writes. A delegate needs a state code.
func ParseActor(s string) (Actor, error) {
	var a Actor
	s, a.Account, _ = strings.Cut(s, "@")
	role, rest, _ := strings.Cut(s, ":")
	a.Role = Role(role)
	switch a.Role {
	case RoleDelegate:
		a.State = strings.ToUpper(rest)
		if len(a.State) != 3 {
			return Actor{}, Errorf(Invalid, "actor", "a delegate acts for a state: delegate:ISO3 (got %q)", s)
		}
	case RoleSystem:
		a.State = rest // the subsystem: "history", "import"
	case RolePublic, RoleSecretariat, RoleAdmin:
		if rest != "" {
			return Actor{}, Errorf(Invalid, "actor", "%q takes no qualifier", role)
		}
	default:
		return Actor{}, Errorf(Invalid, "actor", "unknown role %q (public, delegate:ISO3, secretariat, admin)", role)
	}
	return a, nil
}

// MustActor is ParseActor for literals; it panics on a bad actor.
func MustActor(s string) Actor {
	a, err := ParseActor(s)
	if err != nil {
		panic(fmt.Sprint(err))
	}
	return a
}
