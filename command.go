package csto

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/csto/csto/edtf"
)

// Command is a request to change the record, as the CLI, the API, the
// importers and the embedded history all submit it. An accepted command
// becomes one event of the same type in the log.
//
// ID is a stable key chosen by the submitter: a command whose ID is
// already in the log is not applied again, which makes replaying the
// history idempotent. Date is the valid time: when it happened in the
// world. Text says what happened, in three languages, for the timeline.
// Claims keeps other sources' versions of a contested fact; the command's
// own values are the preferred claim and Preferred says why.
//
// History says the command records an act that happened earlier, on
// Date, as the Secretariat keeps the record, with sources; it confers no
// office on whoever enters it. Without it a dated command is an act,
// taking effect when it is recorded: its Date is the recording day, or
// omitted and set by the registry (see registry/time.go).
type Command struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	Date      edtf.Date       `json:"date,omitzero"`
	History   bool            `json:"history,omitempty"`
	Sources   []string        `json:"sources,omitempty"`
	Text      Text            `json:"text,omitzero"`
	Claims    []Claim         `json:"claims,omitempty"`
	Preferred Text            `json:"preferred,omitzero"`
	Data      json.RawMessage `json:"data"`
}

// Claim is one source's version of a field of a fact, kept when sources
// disagree: for example {"field":"date","value":"1997"} for Uzbekistan's
// entry into GUAM, as the source article has it.
type Claim struct {
	Field   string          `json:"field"`
	Value   json.RawMessage `json:"value"`
	Sources []string        `json:"sources"`
	Note    Text            `json:"note,omitzero"`
}

// The command types. Each names its payload type in payloadTypes.
const (
	CmdSourceAdd     = "source.add"
	CmdStateAdd      = "state.add"
	CmdOrgAdd        = "org.add"
	CmdInstrumentAdd = "instrument.add"
	CmdInForce       = "instrument.in_force"
	CmdBodyAdd       = "body.add"
	CmdForceAdd      = "force.add"
	CmdOfficeTerm    = "office.term"
	CmdChairRecord   = "chair.record"

	CmdPartySign       = "party.sign"
	CmdPartyRatify     = "party.ratify"
	CmdPartyNonRenewal = "party.non_renewal"

	CmdJoin      = "membership.join"
	CmdSuspend   = "membership.suspend"
	CmdReinstate = "membership.reinstate"
	CmdFreeze    = "membership.freeze"
	CmdNotice    = "membership.notice"
	CmdWithdraw  = "membership.withdraw"
	CmdObserver  = "membership.observer"
	CmdPartner   = "membership.partner"

	CmdApply = "membership.apply"

	CmdSessionHold         = "session.hold"
	CmdSessionConvene      = "session.convene"
	CmdSessionAttend       = "session.attend"
	CmdSessionClose        = "session.close"
	CmdDecisionRecord      = "decision.record"
	CmdDecisionPropose     = "decision.propose"
	CmdDecisionPosition    = "decision.position"
	CmdDecisionClose       = "decision.close"
	CmdRequestFile         = "request.file"
	CmdOperationCreate     = "operation.create"
	CmdOperationContingent = "operation.contingent"
	CmdOperationPhase      = "operation.phase"
	CmdOperationReport     = "operation.report"
	CmdExerciseHold        = "exercise.hold"
	CmdIncidentRecord      = "incident.record"
	CmdEventRecord         = "event.record"

	// The rules engine and the world's alliances (ATOP).
	CmdInstrumentArticles = "instrument.articles"
	CmdOrgContrary        = "org.contrary"
	CmdAllianceAdd        = "alliance.add"
	CmdAllianceMember     = "alliance.member"
)

// SourceAdd registers a publication that facts cite.
type SourceAdd struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Publisher string    `json:"publisher,omitempty"`
	Published edtf.Date `json:"published,omitzero"`
	Lang      string    `json:"lang,omitempty"`
	URL       string    `json:"url,omitempty"`
	Note      string    `json:"note,omitempty"`
	// Unverified, when set, says why no specific page a reader can open
	// was found: the source is weak, and so is every fact resting only on
	// weak sources (see Specificity).
	Unverified string `json:"unverified,omitempty"`
	// Revision 0 registers the source; revision n > 0 supersedes revision
	// n-1 of the same ID, and Reason says what it corrects. A correction
	// is a new command, so a data directory created before it gets it on
	// upgrade without the log being rewritten.
	Revision int    `json:"revision,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

// StateAdd registers a state. ExistsFrom is the day it became a state
// (independence); no action of the state may be dated before it.
type StateAdd struct {
	Code       string    `json:"code"` // ISO 3166-1 alpha-3
	COW        int       `json:"cow,omitempty"`
	Wikidata   string    `json:"wikidata,omitempty"`
	Name       Text      `json:"name"`
	Aliases    Aliases   `json:"aliases,omitzero"`
	ExistsFrom edtf.Date `json:"exists_from"`
}

// OrgAdd registers an organization; Command.Date is its founding.
// MembershipInstrument, when set, is the treaty whose parties are the
// organization's members (the CSTO: "cst").
type OrgAdd struct {
	ID                   string    `json:"id"`
	Name                 Text      `json:"name"`
	Abbr                 Text      `json:"abbr,omitzero"`
	Kind                 string    `json:"kind"` // collective-defence, security-cooperation, political-economic, universal
	Headquarters         Text      `json:"headquarters,omitzero"`
	MembershipInstrument string    `json:"membership_instrument,omitempty"`
	Dissolved            edtf.Date `json:"dissolved,omitzero"`
}

// Article is one article of an instrument, with its text and the
// provisions it makes.
type Article struct {
	Num        string      `json:"num"`
	Title      Text        `json:"title,omitzero"`
	Text       Text        `json:"text"`
	Provisions []Provision `json:"provisions,omitempty"`
}

// ProvisionKinds are the kinds of provision an article can make.
var ProvisionKinds = []string{"defense", "offense", "neutrality", "nonaggression", "consultation", "noothall", "non-use-of-force"}

// Provision is an obligation an article makes, in the ATOP vocabulary
// (defense, offense, neutrality, nonaggression, consultation, noothall)
// plus non-use-of-force among members.
type Provision struct {
	Kind       string `json:"kind"`
	Conditions []Text `json:"conditions,omitempty"`
	// Codes are the conditions as the rules engine reads them, one of
	// ConditionCodes each: ATOP's condition variables (defcoadv … concoreq,
	// olimob) and csto's own for what ATOP does not code.
	Codes []string `json:"codes,omitempty"`
}

// ConditionCodes are the codes a Provision's conditions may carry.
//
// ATOP's (codebook 2.33): the obligation holds only against a particular
// adversary (…coadv), in a particular location (…coloc), in a particular
// ongoing conflict (…cocon), for a number of adversaries (…conum), if
// demands are met (…codem), if the ally did not provoke (…conpr), if the
// ally is attacked (neucoatt), on an ally's request to consult
// (concoreq), or on some other condition (olimob).
//
// csto's: aggression (an act of aggression, or since 2012 an armed
// attack, against a member), threat (a threat to a member's security,
// stability, territorial integrity or sovereignty, or to international
// peace), request (the attacked member asks for it), council-decision (the
// Collective Security Council, the heads of state, decides), un-charter-51
// (as collective self-defence under Article 51 of the UN Charter, the UN
// Security Council being informed).
var ConditionCodes = []string{
	"defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr",
	"offcoadv", "offcoloc", "offcocon", "offconum", "offcodem",
	"neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt",
	"concoadv", "concoloc", "concocon", "concoreq", "olimob",
	"aggression", "threat", "request", "council-decision", "un-charter-51",
}

// InstrumentAdd records the adoption or signing (Command.Date) of a
// treaty, charter, protocol, agreement, declaration or decision.
type InstrumentAdd struct {
	ID        string    `json:"id"`
	Org       string    `json:"org"`
	Kind      string    `json:"kind"` // treaty, charter, protocol, agreement, declaration, decision
	Name      Text      `json:"name"`
	Place     Text      `json:"place,omitzero"`
	Amends    []string  `json:"amends,omitempty"`
	TermYears int       `json:"term_years,omitempty"`
	Renewal   Text      `json:"renewal,omitzero"`
	Articles  []Article `json:"articles,omitempty"`
}

// InstrumentInForce records an instrument's entry into force on
// Command.Date. Signatories of an organization's membership instrument
// become members on that day.
type InstrumentInForce struct {
	Instrument string `json:"instrument"`
}

// BodyAdd registers a body of an organization, its decision rule and,
// for a body with a rotating chair, the rotation rule.
type BodyAdd struct {
	ID           string `json:"id"`
	Org          string `json:"org"`
	Kind         string `json:"kind"` // council, ministers, committee, secretariat, staff, assembly
	Name         Text   `json:"name"`
	DecisionRule string `json:"decision_rule,omitempty"` // consensus, none
	// NotInterestedSince is when a member could first declare itself not
	// interested in a decision, neither blocking it nor bound by it (the
	// Council: December 2010). Zero: never.
	NotInterestedSince edtf.Date `json:"not_interested_since,omitzero"`
	Rotation           *Rotation `json:"rotation,omitempty"`
	Composition        Text      `json:"composition,omitzero"`
}

// Rotation is the rule by which the chair of a body passes among the
// active members: to the next in Order, written in Lang, skipping states
// that are not active members when the turn comes.
type Rotation struct {
	Order string `json:"order"` // "alphabetical"
	Lang  Lang   `json:"lang"`  // the language whose names give the order (the CSTO: ru)
	Term  string `json:"term"`  // "session" (until the next regular session) or "calendar-year"
	// Since is when the rule applies from; chairs before it are shown
	// without an expectation.
	Since edtf.Date `json:"since,omitzero"`
}

// ForceAdd registers a force of an organization (CRDF, CRRF, the
// Collective Peacekeeping Forces) established on Command.Date.
type ForceAdd struct {
	ID      string   `json:"id"`
	Org     string   `json:"org"`
	Kind    string   `json:"kind"` // rapid-deployment, rapid-reaction, peacekeeping, aviation
	Name    Text     `json:"name"`
	Troops  int      `json:"troops,omitempty"`
	Members []string `json:"members,omitempty"`
}

// OfficeTerm records a holder of an office from Command.Date to End
// (open when zero).
type OfficeTerm struct {
	Org    string    `json:"org"`
	Office string    `json:"office"` // secretary-general, chief-of-joint-staff
	Person Text      `json:"person"`
	State  string    `json:"state"`
	Acting bool      `json:"acting,omitempty"`
	End    edtf.Date `json:"end,omitzero"`
}

// ChairRecord records the state chairing a body from Command.Date to End.
type ChairRecord struct {
	Org       string    `json:"org"`
	Body      string    `json:"body"`
	State     string    `json:"state"`
	End       edtf.Date `json:"end,omitzero"`
	Temporary bool      `json:"temporary,omitempty"`
	InPlaceOf string    `json:"in_place_of,omitempty"`
}

// PartyAction is a state's act on an instrument: signature, ratification,
// or ceasing to be a party when a term ends without renewal.
type PartyAction struct {
	State      string `json:"state"`
	Instrument string `json:"instrument"`
}

// MembershipChange is a change of a state's status in an organization
// that is not an act on an instrument: joining (admission, founding
// membership of an organization without a membership instrument),
// suspension and reinstatement by decision, a declared freeze, notice of
// withdrawal and withdrawal, observer and partner status.
type MembershipChange struct {
	State     string    `json:"state"`
	Org       string    `json:"org"`
	Decision  string    `json:"decision,omitempty"`
	Effective edtf.Date `json:"effective,omitzero"` // notice: when the withdrawal takes effect
}

// Attendance is one state's presence at a session.
type Attendance struct {
	State    string `json:"state"`
	Presence string `json:"presence"` // present, absent, boycott
	Reason   Text   `json:"reason,omitzero"`
}

// SessionHold records a past session of a body on Command.Date in one
// command: convened, attended and closed. Live sessions go through
// SessionConvene, SessionAttend and SessionClose.
type SessionHold struct {
	ID         string       `json:"id"`
	Org        string       `json:"org"`
	Body       string       `json:"body"`
	Kind       string       `json:"kind"` // regular, extraordinary, informal, online
	Place      Text         `json:"place,omitzero"`
	Chair      string       `json:"chair,omitempty"`
	Attendance []Attendance `json:"attendance,omitempty"`
	Documents  []Text       `json:"documents,omitempty"`
}

// SessionConvene convenes a session of a body on Command.Date: the
// chair's delegation does, or the Secretariat on the chair's behalf.
type SessionConvene struct {
	ID     string `json:"id"`
	Org    string `json:"org"`
	Body   string `json:"body"`
	Kind   string `json:"kind"` // regular, extraordinary, informal, online
	Place  Text   `json:"place,omitzero"`
	Agenda []Text `json:"agenda,omitempty"`
}

// SessionAttend records a member's presence at an open session.
type SessionAttend struct {
	Session  string `json:"session"`
	State    string `json:"state"`
	Presence string `json:"presence"` // present, absent, boycott
	Reason   Text   `json:"reason,omitzero"`
}

// SessionClose closes a session and lists the documents it adopted.
// Decisions still open in it are closed and their outcomes computed.
type SessionClose struct {
	Session   string `json:"session"`
	Documents []Text `json:"documents,omitempty"`
}

// DecisionPropose puts a draft decision to an open session.
type DecisionPropose struct {
	ID      string `json:"id"`
	Session string `json:"session"`
	Title   Text   `json:"title"`
	Basis   string `json:"basis,omitempty"`
	Request string `json:"request,omitempty"`
	// Subject is the act the decision decides, when it decides one.
	Subject *Subject `json:"subject,omitempty"`
}

// Subject is what a decision decides: an act on a state (admit,
// suspend, reinstate, observer, partner: State) or an operation in a
// host state (establish-operation: Host). An act citing the decision is
// accepted only for that act on that state or host (registry/decides.go).
type Subject struct {
	Act   string `json:"act"`
	State string `json:"state,omitempty"`
	Host  string `json:"host,omitempty"`
}

// String names the subject as refusals write it: "admit SRB",
// "establish operation in KAZ".
func (s *Subject) String() string {
	if s == nil {
		return "no act"
	}
	if s.Act == SubjectOperation {
		return "establish operation in " + s.Host
	}
	return s.Act + " " + s.State
}

// The acts a decision may decide (Subject.Act).
const (
	SubjectAdmit     = "admit"
	SubjectSuspend   = "suspend"
	SubjectReinstate = "reinstate"
	SubjectObserver  = "observer"
	SubjectPartner   = "partner"
	SubjectOperation = "establish-operation"
)

// SubjectActs lists the acts a decision may decide.
var SubjectActs = []string{SubjectAdmit, SubjectSuspend, SubjectReinstate, SubjectObserver, SubjectPartner, SubjectOperation}

// ParseSubject reads a subject written "ACT CODE" ("admit SRB",
// "establish-operation KAZ"); the registry checks the act and the state.
// field names the input in the error.
func ParseSubject(field, s string) (*Subject, error) {
	act, code, ok := strings.Cut(strings.TrimSpace(s), " ")
	code = strings.TrimSpace(code)
	if !ok || act == "" || code == "" || strings.ContainsRune(code, ' ') {
		return nil, Errorf(Invalid, field, "%q is not a subject: write the act and the state, e.g. \"admit SRB\" or \"establish-operation KAZ\"", s)
	}
	if act == SubjectOperation {
		return &Subject{Act: act, Host: code}, nil
	}
	return &Subject{Act: act, State: code}, nil
}

// DecisionPosition records a member's position on an open draft.
type DecisionPosition struct {
	Decision string `json:"decision"`
	State    string `json:"state"`
	Position string `json:"position"` // for, objects, abstains, not-interested
}

// DecisionClose closes the vote on a draft; the outcome is computed from
// the positions under the body's decision rule, never typed in.
type DecisionClose struct {
	Decision string `json:"decision"`
}

// Position is one member's position on a decision.
type Position struct {
	State    string `json:"state"`
	Position string `json:"position"` // for, objects, abstains, not-interested, absent
}

// DecisionRecord records a past decision of a body on Command.Date in one
// command, with the positions the sources report; members not listed are
// taken to have joined the consensus. The outcome is computed from the
// positions under the body's rule (Yerevan 2022: Armenia objected, so
// the declaration was not adopted).
type DecisionRecord struct {
	ID        string     `json:"id"`
	Org       string     `json:"org"`
	Body      string     `json:"body"`
	Session   string     `json:"session,omitempty"`
	Title     Text       `json:"title"`
	Basis     string     `json:"basis,omitempty"` // e.g. "CST Art. 4"
	Request   string     `json:"request,omitempty"`
	Positions []Position `json:"positions,omitempty"`
	Subject   *Subject   `json:"subject,omitempty"` // the act it decides, if any
}

// RequestFile records a member state's request: "assistance" under CST
// Art. 4 or "consultations" under CST Art. 2.
type RequestFile struct {
	ID    string `json:"id"`
	Org   string `json:"org"`
	State string `json:"state"`
	Kind  string `json:"kind"` // assistance, consultations
	// Statement is the request's own words, in the languages it was made in.
	Statement Text `json:"statement,omitzero"`
}

// OperationCreate records an operation mandated by a decision.
type OperationCreate struct {
	ID       string    `json:"id"`
	Org      string    `json:"org"`
	Decision string    `json:"decision"`
	Host     string    `json:"host"`
	Force    string    `json:"force,omitempty"`
	Name     Text      `json:"name"`
	Purpose  Text      `json:"purpose,omitzero"`
	Until    edtf.Date `json:"until,omitzero"` // end of the mandated period, when fixed
}

// OperationContingent records a member state's contingent.
type OperationContingent struct {
	Operation string `json:"operation"`
	State     string `json:"state"`
	Troops    int    `json:"troops,omitempty"` // 0: not reported
	Approx    bool   `json:"approx,omitempty"`
	Vehicles  int    `json:"vehicles,omitempty"`
	Units     Text   `json:"units,omitzero"`
}

// OperationPhase records a phase of an operation reached on Command.Date.
type OperationPhase struct {
	Operation string `json:"operation"`
	Phase     string `json:"phase"` // deployment-start, deployment-complete, withdrawal-start, withdrawal-complete
}

// OperationReport records the reported total strength of an operation.
type OperationReport struct {
	Operation string `json:"operation"`
	Troops    int    `json:"troops,omitempty"`
	Vehicles  int    `json:"vehicles,omitempty"`
}

// ExerciseHold records an exercise held over Command.Date (often an interval).
type ExerciseHold struct {
	ID           string   `json:"id"`
	Org          string   `json:"org"`
	Name         Text     `json:"name"`
	Series       string   `json:"series,omitempty"`
	Levels       []string `json:"levels,omitempty"` // strategic, operational, tactical
	Places       Text     `json:"places,omitzero"`
	Participants []string `json:"participants,omitempty"`
	Troops       int      `json:"troops,omitempty"`
	Aircraft     int      `json:"aircraft,omitempty"`
	Themes       Text     `json:"themes,omitzero"`
}

// IncidentRecord records an armed clash, aggression or crisis.
type IncidentRecord struct {
	ID      string   `json:"id"`
	Kind    string   `json:"kind"` // armed-clash, aggression, crisis, threat
	Parties []string `json:"parties"`
	Place   Text     `json:"place,omitzero"`
}

// EventRecord is a dated fact with no procedure of its own: a UN
// registration, a statement, a proposal. Kind classifies it for filters.
type EventRecord struct {
	Kind   string   `json:"kind"`
	States []string `json:"states,omitempty"`
	Orgs   []string `json:"orgs,omitempty"`
}

// InstrumentArticles records (again) articles of a registered instrument:
// each replaces the instrument's article of the same number, or is added.
// It is how the encoding of an instrument's provisions is corrected or
// extended without editing the event that registered it. An amending
// instrument's articles are the amended instrument's articles in their new
// wording, numbered as there (the 2010 protocol's "4" is CST Art. 4).
type InstrumentArticles struct {
	Instrument string    `json:"instrument"`
	Articles   []Article `json:"articles"`
}

// OrgContrary records that a source holds an organization's purposes
// contrary to those of another, from Command.Date: ATOP's NOOTHALL ("not
// to participate in any alliances with purposes contrary to those of the
// present alliance"), CST Art. 1 ("not … to take part in groupings of
// states … directed against another party"). The rules engine examines a
// party of Of that is a member of Org under Of's noothall provision.
// Reason says why, in three languages; the command's sources say who
// holds it.
type OrgContrary struct {
	Org    string `json:"org"`
	Of     string `json:"of"`
	Reason Text   `json:"reason"`
}

// AllianceAdd registers an alliance of the world's record (ATOP's
// alliance and alliance-phase levels) that began on Command.Date: ID
// "atop-4220", ATOPID 4220. End is the day it ended, zero while in effect
// on Observed, the last day its source observes (ATOP 5.1: 2018-12-31):
// the source says nothing after that day. Phases are numbered as ATOP
// numbers them (one phase 0 for an alliance whose terms never changed).
type AllianceAdd struct {
	ID       string          `json:"id"`
	ATOPID   int             `json:"atopid,omitempty"`
	End      edtf.Date       `json:"end,omitzero"`
	Observed edtf.Date       `json:"observed,omitzero"`
	Phases   []AlliancePhase `json:"phases"`
	Version  string          `json:"version,omitempty"` // of the source data set, e.g. "5.1"
	// Cells are the source's own cells of its alliance-level row that csto
	// does not derive from the record, kept verbatim by column name
	// (ATOP: the codes of atop5_1a.csv; see docs/ATOP.md).
	Cells map[string]string `json:"cells,omitempty"`
}

// AlliancePhase is one phase of an alliance: while its written terms
// stayed the same, from Begin to End (zero while in effect). Bilat: never
// more than two members; Asymm: obligations differ among members.
type AlliancePhase struct {
	Phase int       `json:"phase"`
	Begin edtf.Date `json:"begin"`
	End   edtf.Date `json:"end,omitzero"`
	Bilat bool      `json:"bilat,omitempty"`
	Asymm bool      `json:"asymm,omitempty"`
	// Cells: the source's cells of the phase row csto does not derive.
	Cells map[string]string `json:"cells,omitempty"`
}

// AllianceMember records one state's membership in one phase of an
// alliance (one row of ATOP's member level) from Command.Date, the entry
// (ATOP: the signature), to Exit, the day the commitment ended (zero while
// in effect): the span is [entry, exit). COW is the state's Correlates of
// War code as the source gives it (ATOP's MEMBER), kept because two codes
// may name one state (255 and 260 are both DEU). Provisions are what this
// member promises its allies, in the ATOP vocabulary; ObVary: they differ
// from partner to partner.
type AllianceMember struct {
	Alliance   string      `json:"alliance"`
	Phase      int         `json:"phase"`
	State      string      `json:"state"`
	COW        int         `json:"cow"`
	Exit       edtf.Date   `json:"exit,omitzero"`
	Provisions []Provision `json:"provisions,omitempty"`
	ObVary     bool        `json:"obvary,omitempty"`
	// Cells: the source's cells of the member row csto does not derive.
	Cells map[string]string `json:"cells,omitempty"`
}

// payloadTypes maps a command type to a new zero payload.
var payloadTypes = map[string]func() any{
	CmdSourceAdd:           func() any { return new(SourceAdd) },
	CmdStateAdd:            func() any { return new(StateAdd) },
	CmdOrgAdd:              func() any { return new(OrgAdd) },
	CmdInstrumentAdd:       func() any { return new(InstrumentAdd) },
	CmdInForce:             func() any { return new(InstrumentInForce) },
	CmdBodyAdd:             func() any { return new(BodyAdd) },
	CmdForceAdd:            func() any { return new(ForceAdd) },
	CmdOfficeTerm:          func() any { return new(OfficeTerm) },
	CmdChairRecord:         func() any { return new(ChairRecord) },
	CmdPartySign:           func() any { return new(PartyAction) },
	CmdPartyRatify:         func() any { return new(PartyAction) },
	CmdPartyNonRenewal:     func() any { return new(PartyAction) },
	CmdJoin:                func() any { return new(MembershipChange) },
	CmdSuspend:             func() any { return new(MembershipChange) },
	CmdReinstate:           func() any { return new(MembershipChange) },
	CmdFreeze:              func() any { return new(MembershipChange) },
	CmdNotice:              func() any { return new(MembershipChange) },
	CmdWithdraw:            func() any { return new(MembershipChange) },
	CmdObserver:            func() any { return new(MembershipChange) },
	CmdPartner:             func() any { return new(MembershipChange) },
	CmdApply:               func() any { return new(MembershipChange) },
	CmdSessionHold:         func() any { return new(SessionHold) },
	CmdSessionConvene:      func() any { return new(SessionConvene) },
	CmdSessionAttend:       func() any { return new(SessionAttend) },
	CmdSessionClose:        func() any { return new(SessionClose) },
	CmdDecisionRecord:      func() any { return new(DecisionRecord) },
	CmdDecisionPropose:     func() any { return new(DecisionPropose) },
	CmdDecisionPosition:    func() any { return new(DecisionPosition) },
	CmdDecisionClose:       func() any { return new(DecisionClose) },
	CmdRequestFile:         func() any { return new(RequestFile) },
	CmdOperationCreate:     func() any { return new(OperationCreate) },
	CmdOperationContingent: func() any { return new(OperationContingent) },
	CmdOperationPhase:      func() any { return new(OperationPhase) },
	CmdOperationReport:     func() any { return new(OperationReport) },
	CmdExerciseHold:        func() any { return new(ExerciseHold) },
	CmdIncidentRecord:      func() any { return new(IncidentRecord) },
	CmdEventRecord:         func() any { return new(EventRecord) },

	CmdInstrumentArticles: func() any { return new(InstrumentArticles) },
	CmdOrgContrary:        func() any { return new(OrgContrary) },
	CmdAllianceAdd:        func() any { return new(AllianceAdd) },
	CmdAllianceMember:     func() any { return new(AllianceMember) },
}

// CommandTypes returns every command type, sorted.
func CommandTypes() []string {
	ts := make([]string, 0, len(payloadTypes))
	for t := range payloadTypes {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// referenceTypes are commands that register reference data; they need no
// date or timeline text.
var referenceTypes = map[string]bool{CmdSourceAdd: true, CmdStateAdd: true,
	// The encoding of an instrument's articles, a source's reading of an
	// organization, and the world's alliances as a data set records them:
	// reference for the rules engine and the research exports, not events
	// of the CSTO's chronology. They may carry a date (when the alliance or
	// the membership began) but need no timeline text.
	CmdInstrumentArticles: true, CmdOrgContrary: true, CmdAllianceAdd: true, CmdAllianceMember: true}

// IsReference reports whether commands of type t register reference data
// rather than dated facts.
func IsReference(t string) bool { return referenceTypes[t] }

var (
	idPattern        = regexp.MustCompile(`^[a-z0-9][a-z0-9._:-]{0,127}$`)
	commandIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$`)
)

// ValidID reports whether s is a well-formed identifier: lower-case
// letters, digits and . _ : - , at most 128 characters.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Payload decodes the command's data into its typed payload, rejecting
// unknown fields. It checks the form of the envelope (id, type, date,
// texts) but not the record: that is the registry's work.
func (c *Command) Payload() (any, error) {
	if !commandIDPattern.MatchString(c.ID) {
		return nil, Errorf(Invalid, "id", "%q is not a valid command id (letters, digits and . _ : -, at most 128)", c.ID)
	}
	newp, ok := payloadTypes[c.Type]
	if !ok {
		return nil, Errorf(Invalid, "type", "unknown command type %q", c.Type)
	}
	if !IsReference(c.Type) {
		if c.Date.IsZero() {
			return nil, Errorf(Invalid, "date", "a %s command needs a date", c.Type)
		}
		if err := c.Text.Check("text"); err != nil {
			return nil, err
		}
	}
	for i, cl := range c.Claims {
		if cl.Field == "" || len(cl.Value) == 0 {
			return nil, Errorf(Invalid, fmt.Sprintf("claims[%d]", i), "a claim needs a field and a value")
		}
		if len(cl.Sources) == 0 {
			return nil, Errorf(Invalid, fmt.Sprintf("claims[%d].sources", i), "a claim needs at least one source")
		}
	}
	if len(c.Claims) > 0 {
		if err := c.Preferred.Check("preferred"); err != nil {
			return nil, Errorf(Invalid, "preferred", "a contested fact needs the reason its preferred claim is preferred, in ar, en and ru")
		}
	}
	p := newp()
	if len(c.Data) == 0 {
		return nil, Errorf(Invalid, "data", "a %s command needs data", c.Type)
	}
	if err := decodeStrict("data", c.Data, p); err != nil { // exact keys, each once (input.go)
		return nil, err
	}
	return p, nil
}
