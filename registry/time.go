package registry

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// When a command may be dated, who may record the past, and how large a
// number may be: the rules of time and plausibility, all in this file.
//
// Two kinds of write. An act — a request, a position, a contingent,
// convening, putting a vote, closing, a notice, a freeze, an
// application, a decision the Secretariat records as taken today —
// takes effect when it is recorded: its date is the recording day (the
// Registry's clock), given as that day or omitted and set here, and
// authority is judged on that day. History — an act that happened
// earlier — is recorded by the Secretariat (or csto's own loader,
// system:history) with sources, says so with the command's "history"
// field, and confers nothing on whoever enters it: it is checked by the
// record's rules at its own date, never by the chair's or a delegation's
// powers. No date lies after the recording day, for acts and history
// alike, except the few that look ahead by their nature (futureDates).

// Rule names of this file.
const (
	ruleActDate   = "act-date"
	ruleFuture    = "future-date"
	ruleHistory   = "history"
	rulePlausible = "plausibility"
)

// RecordSource (csto.RecordSource) is the source that acts submitted
// through csto cite: the event in the log is the primary record of an
// act. It cannot be the source of history, which happened before csto
// recorded it.
const RecordSource = csto.RecordSource

// futureDates are the only dates that may lie after the recording day,
// each because its rule names a day to come. Nothing else may: a
// session is convened on the day the chair convenes it (csto has no
// command that schedules one ahead), a request is made on the day it is
// filed.
var futureDates = []struct{ typ, field, why string }{
	{csto.CmdNotice, "data.effective", "a notice of withdrawal names the later day the withdrawal takes effect"},
	{csto.CmdOperationCreate, "data.until", "an operation's mandate runs for a limited period that ends later"},
	{csto.CmdChairRecord, "data.end", "a chairmanship is recorded with the end of its term"},
	{csto.CmdOfficeTerm, "data.end", "an office is held for a term whose end is fixed when it begins"},
}

// FutureDates lists the command fields that may hold a date after the
// recording day, with the reason, as "type field: why".
func FutureDates() []string {
	out := make([]string, len(futureDates))
	for i, f := range futureDates {
		out[i] = f.typ + " " + f.field + ": " + f.why
	}
	return out
}

func mayBeFuture(typ, field string) bool {
	return slices.ContainsFunc(futureDates, func(f struct{ typ, field, why string }) bool {
		return f.typ == typ && f.field == field
	})
}

// earliestRecord is the first day any fact of the record may be dated:
// 1 January 1815, where the world's alliances csto holds (ATOP 5.1)
// begin. The CSTO's own facts are bounded more closely by the founding
// of the organization they concern (orgBound).
var earliestRecord = edtf.DayOf(1815, 1, 1)

// Upper bounds on the numbers a command carries, by JSON field. Every
// number is also non-negative. A bound is set above any true value the
// record can hold, so that only a typing or a forging error meets it:
//   - troops 2,000,000: above the active strength of the largest armed
//     forces in the world (China's, about 2.0 million; Russia's about
//     1.3 million; all CSTO members' together about 1.5 million, IISS
//     Military Balance 2024), so no contingent, exercise or force exceeds
//     it;
//   - aircraft 20,000: above the largest air arm (the United States',
//     about 13,000 aircraft of every service);
//   - vehicles 200,000: above the largest vehicle fleet of any army,
//     armoured and soft-skinned together;
//   - term_years 100: treaties are concluded for 5, 10 or 20 years, or
//     indefinitely (no term).
var numberBounds = map[string]int64{
	"troops":     2_000_000,
	"aircraft":   20_000,
	"vehicles":   200_000,
	"term_years": 100,
}

// dayNeeded are the command types whose date must name one day: the
// procedures' steps happen on a day, and a report dated "19XX" or
// "0000" says nothing a reader can use.
var dayNeeded = map[string]bool{
	csto.CmdRequestFile: true, csto.CmdSessionHold: true, csto.CmdSessionConvene: true, csto.CmdSessionAttend: true,
	csto.CmdSessionClose: true, csto.CmdDecisionRecord: true, csto.CmdDecisionPropose: true,
	csto.CmdDecisionPosition: true, csto.CmdDecisionClose: true, csto.CmdOperationCreate: true,
	csto.CmdOperationContingent: true, csto.CmdOperationPhase: true, csto.CmdOperationReport: true,
}

// IsHistory reports whether c, submitted by a, records history rather
// than an act: it says so, or it comes from csto's own loaders, which
// never act.
func IsHistory(a csto.Actor, c *csto.Command) bool {
	return c.History || a.Role == csto.RoleSystem
}

// isAct reports whether c is an act: a dated fact that is not history.
func isAct(a csto.Actor, c *csto.Command) bool {
	return !csto.IsReference(c.Type) && !IsHistory(a, c)
}

// dateAct gives an act with no date the recording day, before the
// command's form is checked.
func dateAct(a csto.Actor, c *csto.Command, today edtf.Day) {
	if isAct(a, c) && c.Date.IsZero() {
		c.Date = edtf.FromDay(today)
	}
}

// checkTime applies the rules of time and plausibility to c (payload p)
// submitted by a on day today.
func (m *Model) checkTime(a csto.Actor, c *csto.Command, p any, today edtf.Day) error {
	if c.History {
		if csto.IsReference(c.Type) {
			return csto.Errorf(csto.Invalid, "history", "%s registers reference data, which is neither an act nor history", c.Type)
		}
		if err := historian(a, c.Type); err != nil {
			return err
		}
	}
	if isAct(a, c) {
		if d := c.Date; d.Earliest() != today || d.Latest() != today {
			e := csto.Refusef(ruleActDate, "an act takes effect when it is recorded, so its date is today, %s (or none); %s is not. "+
				"An act that happened on another day is history, which the Secretariat records with its sources (\"history\": true)", today, d)
			e.Kind, e.Field = csto.Invalid, "date"
			return e
		}
	}
	if IsHistory(a, c) && !csto.IsReference(c.Type) {
		if len(c.Sources) > 0 && !slices.ContainsFunc(c.Sources, func(s string) bool { return s != RecordSource }) {
			e := csto.Refusef(ruleHistory, "history needs the sources that report it; %s is the record of acts taken in csto, not of what happened before", RecordSource)
			e.Kind, e.Field = csto.Invalid, "sources"
			return e
		}
	}
	// Dates: none after today but the named ones; none before the record.
	if err := walkDates(c, p, func(field string, d edtf.Date) error {
		if d.Earliest() > today && !mayBeFuture(c.Type, field) {
			e := csto.Refusef(ruleFuture, "%s (%s) is after today (%s); only %s may lie ahead", field, d, today, futureList())
			e.Kind, e.Field = csto.Invalid, field
			return e
		}
		return nil
	}); err != nil {
		return err
	}
	return nil
}

// checkBounds refuses what no true record holds: a date before the
// record or the organization it concerns, a procedure's step dated by
// less than a day, a number out of bounds. It runs after the record's
// rules, whose refusals (a state that did not exist yet) say more.
func (m *Model) checkBounds(c *csto.Command, p any) error {
	if !csto.IsReference(c.Type) {
		d := c.Date
		if d.Latest() < earliestRecord {
			return implausible("date", "%s is before %s, the earliest day of the record", d, earliestRecord)
		}
		if dayNeeded[c.Type] && d.Earliest() != d.Latest() {
			return implausible("date", "a %s happens on a day; %s is not one", c.Type, d)
		}
		if org := m.orgOf(c, p); org != nil && before(d, org.Founded) {
			return implausible("date", "%s did not exist on %s (founded %s)", org.ID, d, org.Founded)
		}
	}
	return walkNumbers(p, func(field string, n int64) error {
		if n < 0 {
			return implausible(field, "%d: a number of the record cannot be negative", n)
		}
		if max, ok := numberBounds[field[strings.LastIndexByte(field, '.')+1:]]; ok && n > max {
			return implausible(field, "%d is more than any true value (at most %d)", n, max)
		}
		return nil
	})
}

// historian decides whether a may record history with a command of type
// typ: the Secretariat and csto's loaders may; an administrator only for
// the reference data it keeps (an organization's founding, an
// instrument's adoption); a delegation never, for it acts only on the day
// it records.
func historian(a csto.Actor, typ string) error {
	switch a.Role {
	case csto.RoleSecretariat, csto.RoleSystem:
		return nil
	case csto.RoleAdmin:
		if referenceData[typ] {
			return nil
		}
	}
	return forbid("history is recorded by the Secretariat, with its sources, and confers no past office; %s may not record it", a)
}

func futureList() string {
	var parts []string
	for _, f := range futureDates {
		parts = append(parts, f.typ+" "+f.field)
	}
	return strings.Join(parts, ", ")
}

func implausible(field, format string, args ...any) error {
	e := csto.Refusef(rulePlausible, format, args...)
	e.Kind, e.Field = csto.Invalid, field
	return e
}

// orgOf returns the organization a dated fact of c happens in, when its
// date must not precede the organization's founding. An instrument may
// be signed before the organization it founds exists (the UN Charter),
// so it is not bounded here.
func (m *Model) orgOf(c *csto.Command, p any) *Org {
	var id string
	switch p := p.(type) {
	case *csto.InstrumentAdd, *csto.OrgAdd:
		return nil
	case *csto.SessionClose:
		if s := m.Sessions[p.Session]; s != nil {
			id = s.Org
		}
	case *csto.SessionAttend:
		if s := m.Sessions[p.Session]; s != nil {
			id = s.Org
		}
	case *csto.DecisionPropose:
		if s := m.Sessions[p.Session]; s != nil {
			id = s.Org
		}
	case *csto.DecisionPosition:
		if d := m.Decisions[p.Decision]; d != nil {
			id = d.Org
		}
	case *csto.DecisionClose:
		if d := m.Decisions[p.Decision]; d != nil {
			id = d.Org
		}
	case *csto.OperationContingent:
		if op := m.Operations[p.Operation]; op != nil {
			id = op.Org
		}
	case *csto.OperationPhase:
		if op := m.Operations[p.Operation]; op != nil {
			id = op.Org
		}
	case *csto.OperationReport:
		if op := m.Operations[p.Operation]; op != nil {
			id = op.Org
		}
	default:
		if v := reflect.ValueOf(p); v.Kind() == reflect.Pointer && v.Elem().Kind() == reflect.Struct {
			if f := v.Elem().FieldByName("Org"); f.IsValid() && f.Kind() == reflect.String {
				id = f.String()
			}
		}
	}
	return m.Orgs[id]
}

var (
	dateType = reflect.TypeFor[edtf.Date]()
)

// walkDates calls fn for the command's date ("date") and every date its
// payload holds, by the field's path ("data.effective",
// "data.phases[0].end"). Walking the payload's fields rather than listing
// them keeps a date field added later from escaping the rules.
func walkDates(c *csto.Command, p any, fn func(field string, d edtf.Date) error) error {
	if !c.Date.IsZero() {
		if err := fn("date", c.Date); err != nil {
			return err
		}
	}
	return walk(reflect.ValueOf(p), "data", func(field string, v reflect.Value) error {
		if v.Type() == dateType {
			if d := v.Interface().(edtf.Date); !d.IsZero() {
				return fn(field, d)
			}
		}
		return nil
	})
}

// walkNumbers calls fn for every integer the payload holds.
func walkNumbers(p any, fn func(field string, n int64) error) error {
	return walk(reflect.ValueOf(p), "data", func(field string, v reflect.Value) error {
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return fn(field, v.Int())
		}
		return nil
	})
}

// walk visits v and the values it holds (struct fields by their JSON
// names, slice elements by index, pointed-to values).
func walk(v reflect.Value, path string, fn func(string, reflect.Value) error) error {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return walk(v.Elem(), path, fn)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 { // raw JSON
			return nil
		}
		for i := range v.Len() {
			if err := walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn); err != nil {
				return err
			}
		}
		return nil
	case reflect.Struct:
		if err := fn(path, v); err != nil {
			return err
		}
		if v.Type() == dateType {
			return nil
		}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				name = strings.ToLower(f.Name)
			}
			if err := walk(v.Field(i), path+"."+name, fn); err != nil {
				return err
			}
		}
		return nil
	}
	return fn(path, v)
}

// Today returns the recording day by the registry's clock (UTC).
func (r *Registry) Today() edtf.Date { return edtf.FromDay(edtf.DayFromTime(r.now())) }

// now returns the registry's clock, truncated to the microsecond that
// both stores keep, in UTC.
func (r *Registry) now() time.Time {
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	return now().UTC().Truncate(time.Microsecond)
}
