package rules

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// ATOPSource is the source every command built from ATOP cites.
const ATOPSource = "atop-5-1"

// ATOPData is what csto imports from ATOP 5.1: the member level, which
// is required, and optionally the alliance and alliance-phase levels (for
// the alliances' own dates and terms) and the COW state list (for the
// names and existence dates of states csto does not know yet).
type ATOPData struct {
	Members   []atop.Member
	Alliances []atop.Alliance
	Phases    []atop.Phase
	COW       []atop.COWState
}

// ATOPImport is the batch of commands that brings ATOP data into a
// record, in the order they must be applied.
type ATOPImport struct {
	Commands  []csto.Command
	States    int // state.add commands: states csto did not know
	Alliances int // alliance.add commands
	Members   int // alliance.member commands
}

// ATOPCommands builds the commands that import d into m's record: a
// state.add for every member state m does not know, then per alliance (in
// ATOPID order) an alliance.add and an alliance.member per member row.
// Command IDs derive from the content (atop:alliance:4220,
// atop:member:4220:1:365:1992-05-15, state:deu), so importing the same
// data again adds nothing. Every command cites ATOPSource.
func ATOPCommands(m *registry.Model, d ATOPData) (ATOPImport, error) {
	var out ATOPImport
	if len(d.Members) == 0 {
		return out, csto.Errorf(csto.Invalid, "members", "no member rows to import")
	}
	cows := map[int]atop.COWState{}
	for _, c := range d.COW {
		cows[c.CCode] = c
	}
	// States.
	type newState struct {
		cow   int
		first edtf.Day
	}
	codes := make([]string, len(d.Members))
	planned := map[string]*newState{}
	for i := range d.Members {
		r := &d.Members[i]
		code, ok := ATOPStateCode(m, r.State, r.Entry)
		if !ok {
			return out, csto.Errorf(csto.Invalid, fmt.Sprintf("members[%d].member", i),
				"%s:%d: COW code %d has no state code csto knows", atop.MembersFile, r.Line, r.State)
		}
		codes[i] = code
		if m.States[code] != nil {
			continue
		}
		ns := planned[code]
		if ns == nil {
			ns = &newState{cow: r.State, first: r.Entry.Earliest()}
			planned[code] = ns
		}
		ns.cow = min(ns.cow, r.State)
		ns.first = min(ns.first, r.Entry.Earliest())
	}
	for _, code := range sortedKeys(planned) {
		ns := planned[code]
		cow := cows[ns.cow]
		exists := ns.first
		if len(cow.Spells) > 0 {
			exists = min(exists, cow.Spells[0].Start.Earliest())
		}
		name := atop.Names(code, cow)
		if err := name.Check("name"); err != nil {
			return out, csto.Errorf(csto.Invalid, "members", "no name in ar, en and ru for state %s (COW %d): give the COW state list (--cow)", code, ns.cow)
		}
		c, err := command("state:"+strings.ToLower(code), csto.CmdStateAdd, edtf.Date{},
			csto.StateAdd{Code: code, COW: ns.cow, Name: name, ExistsFrom: edtf.FromDay(exists)})
		if err != nil {
			return out, err
		}
		out.Commands = append(out.Commands, c)
		out.States++
	}
	// Alliances and their members.
	rows := map[int][]int{}
	for i := range d.Members {
		rows[d.Members[i].ATOPID] = append(rows[d.Members[i].ATOPID], i)
	}
	alliances := map[int]*atop.Alliance{}
	for i := range d.Alliances {
		alliances[d.Alliances[i].ATOPID] = &d.Alliances[i]
	}
	phases := map[int][]atop.Phase{}
	for _, p := range d.Phases {
		phases[p.ATOPID] = append(phases[p.ATOPID], p)
	}
	ids := make([]int, 0, len(rows))
	for id := range rows {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		idx := rows[id]
		add := allianceAdd(id, d.Members, idx, alliances[id], phases[id])
		begin := add.Phases[0].Begin
		for _, p := range add.Phases[1:] {
			if edtf.Compare(p.Begin, begin) < 0 {
				begin = p.Begin
			}
		}
		if a := alliances[id]; a != nil {
			begin = a.Begin
		}
		c, err := command(fmt.Sprintf("atop:alliance:%d", id), csto.CmdAllianceAdd, begin, add)
		if err != nil {
			return out, err
		}
		out.Commands = append(out.Commands, c)
		out.Alliances++
		for _, i := range idx {
			r := &d.Members[i]
			p := csto.AllianceMember{Alliance: add.ID, Phase: r.Phase, State: codes[i], COW: r.State, Exit: r.Exit,
				Provisions: memberProvisions(r), ObVary: r.ObVary, Cells: carried(r.Cells, memberDerived)}
			c, err := command(fmt.Sprintf("atop:member:%d:%d:%d:%s", id, r.Phase, r.State, r.Entry), csto.CmdAllianceMember, r.Entry, p)
			if err != nil {
				return out, err
			}
			out.Commands = append(out.Commands, c)
			out.Members++
		}
	}
	return out, nil
}

// ATOPStateCode returns the code csto keys the state of a member row by:
// that of a registered state with the row's COW code that existed by the
// entry (the latest-existing of them), else atop.StateCode's. So COW 345
// is SRB from 1944-10-20, as csto registers Serbia (COW 345, from COW's
// second spell of Yugoslavia), and YUG before (the Kingdom of Serbia and
// interwar Yugoslavia, as the atop package names COW 345); every other
// code is atop.StateCode's.
func ATOPStateCode(m *registry.Model, ccode int, entry edtf.Date) (string, bool) {
	best := ""
	var bestFrom edtf.Day
	for code, s := range m.States {
		if s.COW != ccode || s.ExistsFrom.Earliest() > entry.Earliest() {
			continue
		}
		if from := s.ExistsFrom.Earliest(); best == "" || from > bestFrom || from == bestFrom && code < best {
			best, bestFrom = code, from
		}
	}
	if best != "" {
		return best, true
	}
	code, _, ok := atop.StateCode(ccode)
	return code, ok
}

// allianceAdd builds the alliance.add payload of ATOP alliance id from its
// alliance and phase rows when given, else from its member rows: a phase
// begins with its earliest entry and ends with its latest exit, or runs
// on while a row does.
func allianceAdd(id int, ms []atop.Member, idx []int, a *atop.Alliance, ps []atop.Phase) csto.AllianceAdd {
	add := csto.AllianceAdd{ID: fmt.Sprintf("atop-%d", id), ATOPID: id, Observed: atop.DatasetEnd, Version: ms[idx[0]].Version}
	if len(ps) > 0 {
		for _, p := range ps {
			add.Phases = append(add.Phases, csto.AlliancePhase{Phase: p.Phase, Begin: p.Begin, End: p.End, Bilat: p.Bilat, Asymm: p.Asymm,
				Cells: carried(p.Cells, allianceDerived)})
		}
	} else {
		byPhase := map[int]*csto.AlliancePhase{}
		open := map[int]bool{}
		var order []int
		for _, i := range idx {
			r := &ms[i]
			p := byPhase[r.Phase]
			if p == nil {
				p = &csto.AlliancePhase{Phase: r.Phase, Begin: r.Entry, End: r.Exit, Bilat: r.Bilat, Asymm: r.Asymm}
				byPhase[r.Phase] = p
				order = append(order, r.Phase)
			}
			if edtf.Compare(r.Entry, p.Begin) < 0 {
				p.Begin = r.Entry
			}
			if r.Exit.IsZero() {
				open[r.Phase] = true
			} else if p.End.IsZero() || edtf.Compare(r.Exit, p.End) > 0 {
				p.End = r.Exit
			}
		}
		slices.Sort(order)
		for _, n := range order {
			p := *byPhase[n]
			if open[n] {
				p.End = edtf.Date{}
			}
			add.Phases = append(add.Phases, p)
		}
	}
	slices.SortFunc(add.Phases, func(a, b csto.AlliancePhase) int { return cmp.Compare(a.Phase, b.Phase) })
	switch {
	case a != nil:
		add.End = a.End
		add.Cells = carried(a.Cells, allianceDerived)
	default:
		for _, p := range add.Phases {
			if p.End.IsZero() {
				add.End = edtf.Date{}
				break
			}
			if add.End.IsZero() || edtf.Compare(p.End, add.End) > 0 {
				add.End = p.End
			}
		}
	}
	return add
}

// memberProvisions translates a member row's obligations into
// provisions: the five primary obligations with their conditions (the
// detailed variables; OLIMOB, which ATOP does not tie to one obligation,
// is attached to each), and NOOTHALL.
func memberProvisions(r *atop.Member) []csto.Provision {
	var out []csto.Provision
	add := func(kind string, on bool, conds ...string) {
		if !on {
			return
		}
		p := csto.Provision{Kind: kind}
		for i := 0; i+1 < len(conds); i += 2 {
			if conds[i+1] == "1" {
				p.Codes = append(p.Codes, conds[i])
				p.Conditions = append(p.Conditions, conditionText(conds[i]))
			}
		}
		if r.OliMob {
			p.Codes = append(p.Codes, "olimob")
			p.Conditions = append(p.Conditions, conditionText("olimob"))
		}
		out = append(out, p)
	}
	c := &r.ConditionDetail
	add("defense", r.Defense, "defcoadv", b(c.DefCoAdv), "defcoloc", b(c.DefCoLoc), "defcocon", b(c.DefCoCon),
		"defconum", b(c.DefCoNum), "defcodem", b(c.DefCoDem), "defconpr", b(c.DefCoNPr))
	add("offense", r.Offense, "offcoadv", b(c.OffCoAdv), "offcoloc", b(c.OffCoLoc), "offcocon", b(c.OffCoCon),
		"offconum", b(c.OffCoNum), "offcodem", b(c.OffCoDem))
	add("neutrality", r.Neutral, "neucoadv", b(c.NeuCoAdv), "neucoloc", b(c.NeuCoLoc), "neucocon", b(c.NeuCoCon),
		"neuconum", b(c.NeuCoNum), "neucodem", b(c.NeuCoDem), "neuconpr", b(c.NeuCoNPr), "neucoatt", b(c.NeuCoAtt))
	add("nonaggression", r.Nonagg)
	add("consultation", r.Consul, "concoadv", b(c.ConCoAdv), "concoloc", b(c.ConCoLoc), "concocon", b(c.ConCoCon),
		"concoreq", b(c.ConCoReq))
	if r.NoOthAll == 1 {
		out = append(out, csto.Provision{Kind: "noothall"})
	}
	return out
}

func b(v bool) string {
	if v {
		return "1"
	}
	return "0"
}

// command builds an importer command citing ATOPSource.
func command(id, typ string, date edtf.Date, data any) (csto.Command, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return csto.Command{}, err
	}
	return csto.Command{ID: id, Type: typ, Date: date, Sources: []string{ATOPSource}, Data: raw}, nil
}
