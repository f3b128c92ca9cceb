package registry

import (
	"maps"
	"slices"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// fact is one recorded act bearing on a state's membership in an
// organization: a party action on its membership instrument or a
// membership change.
type fact struct {
	Type string // the command type
	Date edtf.Date
	Seq  int64
}

// The status a membership change leads to; party actions are handled in
// derive because they depend on whether the instrument is in force.
var changeStatus = map[string]csto.Status{
	csto.CmdJoin:            csto.Member,
	csto.CmdSuspend:         csto.Suspended,
	csto.CmdReinstate:       csto.Member,
	csto.CmdFreeze:          csto.ParticipationFrozen,
	csto.CmdWithdraw:        csto.Former,
	csto.CmdObserver:        csto.Observer,
	csto.CmdPartner:         csto.Partner,
	csto.CmdPartyNonRenewal: csto.Former,
}

// derive computes the spells of a pair from its facts and the entry into
// force of the organization's membership instrument (zero if none or not
// yet in force). Facts are taken in date order (earliest day, then log
// order):
//   - a signature makes a signatory; a signatory becomes a member when the
//     instrument enters into force, or on ratifying after that;
//   - the other changes lead to the status in changeStatus; a notice of
//     withdrawal changes nothing by itself.
//
// Consecutive spells of the same status are merged, so a spell's From is
// the day its status began.
func derive(p csto.Pair, facts []fact, inForce edtf.Date) []csto.Spell {
	fs := slices.Clone(facts)
	if !inForce.IsZero() {
		fs = append(fs, fact{Type: csto.CmdInForce, Date: inForce})
	}
	slices.SortStableFunc(fs, func(a, b fact) int {
		if c := edtf.Compare(a.Date, b.Date); c != 0 {
			return c
		}
		return int(a.Seq - b.Seq)
	})
	var (
		spells []csto.Spell
		cur    csto.Status
	)
	set := func(s csto.Status, f fact) {
		if s == cur {
			return
		}
		if n := len(spells); n > 0 {
			spells[n-1].To = f.Date
		}
		spells = append(spells, csto.Spell{State: p.State, Org: p.Org, Status: s, From: f.Date, Seq: f.Seq})
		cur = s
	}
	inForceBy := func(d edtf.Date) bool { return !inForce.IsZero() && edtf.Compare(inForce, d) <= 0 }
	for _, f := range fs {
		switch f.Type {
		case csto.CmdPartySign:
			if cur == "" || cur == csto.Former {
				set(csto.Signatory, f)
			}
		case csto.CmdInForce:
			if cur == csto.Signatory {
				set(csto.Member, f)
			}
		case csto.CmdPartyRatify:
			if cur == csto.Signatory && inForceBy(f.Date) {
				set(csto.Member, f)
			}
		case csto.CmdNotice, csto.CmdApply:
		default:
			set(changeStatus[f.Type], f)
		}
	}
	return spells
}

// At is a state's status in an organization at a date.
type At struct {
	Status    csto.Status
	Since     edtf.Date
	Certainty csto.Certainty
}

// statusAt returns the status the spells give at the date at, which may
// itself be imprecise. A status is certain when it holds on every day of
// at for every reading of the dates it rests on (and none is marked
// uncertain), possible when it holds on some day for some reading. When
// several statuses are possible, the most recent one other than former is
// reported: a state that may have been a member on some day of at is
// listed. The zero At means no status (never or no longer a member).
func statusAt(spells []csto.Spell, at edtf.Date) At {
	lo, hi := at.Earliest(), at.Latest()
	var best At
	for _, sp := range spells {
		// Possible range: from the earliest reading of From up to the latest
		// reading of To (exclusive). Certain range: from the latest reading
		// of From up to the earliest reading of To (exclusive).
		pFrom, cFrom := sp.From.Earliest(), sp.From.Latest()
		pTo, cTo := edtf.MaxDay, edtf.MaxDay
		if !sp.To.IsZero() {
			pTo, cTo = sp.To.Latest(), sp.To.Earliest()
		}
		if sp.To.IsZero() {
			pTo++ // open: inclusive of MaxDay
			cTo++
		}
		if !(pFrom <= hi && lo < pTo) {
			continue
		}
		a := At{Status: sp.Status, Since: sp.From, Certainty: csto.Possible}
		uncertain := sp.From.Uncertain() || (!sp.To.IsZero() && sp.To.Uncertain())
		if !uncertain && cFrom <= lo && hi < cTo {
			a.Certainty = csto.Certain
			return listed(a)
		}
		if a.Status != csto.Former {
			best = a // later spells win among the possible
		}
	}
	return best
}

// listed hides former status: a former member has no status at the date.
func listed(a At) At {
	if a.Status == csto.Former {
		return At{}
	}
	return a
}

// StatusAt returns the status of state in org at the date at.
func (m *Model) StatusAt(state, org string, at edtf.Date) At {
	return statusAt(m.spells[csto.Pair{State: state, Org: org}], at)
}

// Spells returns the membership spells of state in org, in date order.
func (m *Model) Spells(state, org string) []csto.Spell {
	return m.spells[csto.Pair{State: state, Org: org}]
}

// AllSpells returns every spell of every pair, for projections.
func (m *Model) AllSpells() []csto.Spell {
	var out []csto.Spell
	for _, p := range slices.SortedFunc(maps.Keys(m.spells), comparePairs) {
		out = append(out, m.spells[p]...)
	}
	return out
}

func comparePairs(a, b csto.Pair) int {
	if a.Org != b.Org {
		if a.Org < b.Org {
			return -1
		}
		return 1
	}
	switch {
	case a.State < b.State:
		return -1
	case a.State > b.State:
		return 1
	}
	return 0
}

// membershipInstrumentInForce returns when org's membership instrument
// entered into force, or the zero Date.
func (m *Model) membershipInstrumentInForce(org string) edtf.Date {
	o := m.Orgs[org]
	if o == nil || o.MembershipInstrument == "" {
		return edtf.Date{}
	}
	if in := m.Instruments[o.MembershipInstrument]; in != nil {
		return in.InForce
	}
	return edtf.Date{}
}

// rederive recomputes the spells of p.
func (m *Model) rederive(p csto.Pair) {
	w(m, ownSpells, &m.spells)[p] = derive(p, m.facts[p], m.membershipInstrumentInForce(p.Org))
}
