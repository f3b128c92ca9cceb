package registry

import (
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
	Pending RequestState = "pending" // no decision has answered it
	Granted RequestState = "granted" // an adopted decision answered it
	Refused RequestState = "refused" // the answering decision was rejected
)

// State returns where r stands in m.
func (m *Model) RequestState(r *Request) RequestState {
	st := Pending
	for _, id := range r.Answered {
		switch m.Decisions[id].Outcome {
		case Adopted:
			return Granted
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
	rule, what := ruleArt4, "assistance"
	switch p.Kind {
	case "assistance":
	case "consultations":
		rule, what = ruleArt2, "consultations"
	default:
		return csto.Errorf(csto.Invalid, "data.kind", "unknown request kind %q (assistance or consultations)", p.Kind)
	}
	if at := m.StatusAt(p.State, p.Org, d); at.Status != csto.Member {
		return refuse(rule, "only a member state may request %s; %s is %s", what, p.State, describe(at))
	}
	return nil
}
