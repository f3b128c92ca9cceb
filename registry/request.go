package registry

import (
	"slices"

	"github.com/csto/csto"
)

// Requests: a member state asks for assistance under CST Art. 4 (after
// aggression against it) or for consultations under CST Art. 2 (when its
// security is threatened). Only a member in good standing may ask: not a
// non-member, not a suspended member, not a state whose participation is
// frozen. A decision of the Council answers the request.

// RequestState is where a request stands.
type RequestState string

// The request states.
const (
	Pending  RequestState = "pending"  // no decision has answered it
	Granted  RequestState = "granted"  // an adopted decision granted what it asked, on the article it invoked
	Refused  RequestState = "refused"  // a decision answering it was not adopted, and none granted it
	Answered RequestState = "answered" // adopted decisions answered it without granting what it asked
)

// grantingBasis is the article a decision must rest on to grant a request
// of kind k: assistance under CST Art. 4, consultations under Art. 2. A
// decision answering a request on another footing (Armenia, 2022-09-13: a
// mission to assess the situation) answers it without granting it.
func grantingBasis(k string) string {
	if k == "consultations" {
		return ruleArt2
	}
	return ruleArt4
}

// RequestState returns where r stands in m.
func (m *Model) RequestState(r *Request) RequestState {
	st := Pending
	for _, id := range r.Answered {
		d := m.Decisions[id]
		if d == nil {
			continue
		}
		switch d.Outcome {
		case Adopted:
			if d.Basis == grantingBasis(r.Kind) {
				return Granted
			}
			if st == Pending {
				st = Answered
			}
		case Rejected:
			st = Refused
		}
	}
	return st
}

func (m *Model) checkRequest(c *csto.Command, p *csto.RequestFile) error {
	d := c.Date
	if !csto.ValidID(p.ID) {
		return csto.Errorf(csto.Invalid, "data.id", "%q is not a valid request id", p.ID)
	}
	if m.Requests[p.ID] != nil {
		return refuse(ruleUnique, "request %s is already recorded", p.ID)
	}
	if err := m.needOrg("data.org", p.Org); err != nil {
		return err
	}
	if err := m.needState("data.state", p.State, d); err != nil {
		return err
	}
	if !slices.Contains(requestKinds, p.Kind) {
		return csto.Errorf(csto.Invalid, "data.kind", "unknown request kind %q (assistance or consultations)", p.Kind)
	}
	return goodStanding(c.Type, p.Kind, p.State, m.StatusAt(p.State, p.Org, d))
}
