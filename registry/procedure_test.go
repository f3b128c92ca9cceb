package registry_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
)

// submit submits c as actor on the day of c's date: the registry's
// clock is set to that day, so the act is taken then, as the scenario
// has it (an act takes effect on the day it is recorded).
func submit(t *testing.T, reg *registry.Registry, actor string, c csto.Command) error {
	t.Helper()
	if !c.Date.IsZero() {
		reg.Now = func() time.Time { return c.Date.Earliest().Time().Add(12 * time.Hour) }
	}
	_, err := reg.Submit(context.Background(), csto.MustActor(actor), c)
	return err
}

func wantRule(t *testing.T, err error, rule string) {
	t.Helper()
	var ce *csto.Error
	if !errors.As(err, &ce) || ce.Rule != rule {
		t.Fatalf("error %v; want a refusal under %q", err, rule)
	}
}

// council is the fixture plus a chair for 2011 and a session.
func council(t *testing.T) *registryAlias {
	reg, _ := open(t)
	load(t, reg, fixture()...)
	load(t, reg,
		cmd("chair:2011", csto.CmdChairRecord, "2011", csto.ChairRecord{Org: "csto", Body: "csc", State: "KAZ"}),
		cmd("convene", csto.CmdSessionConvene, "2011-05-01", csto.SessionConvene{ID: "s1", Org: "csto", Body: "csc", Kind: "regular"}),
	)
	return reg
}

func TestConsensus(t *testing.T) {
	t.Run("AdoptedWhenNoOneObjects", func(t *testing.T) {
		reg := council(t)
		mustSubmit(t, reg, "delegate:KAZ", cmd("p", csto.CmdDecisionPropose, "2011-05-01", csto.DecisionPropose{ID: "d1", Session: "s1", Title: name("D")}))
		mustSubmit(t, reg, "delegate:RUS", cmd("pos:rus", csto.CmdDecisionPosition, "2011-05-01", csto.DecisionPosition{Decision: "d1", State: "RUS", Position: "for"}))
		mustSubmit(t, reg, "delegate:ARM", cmd("pos:arm", csto.CmdDecisionPosition, "2011-05-01", csto.DecisionPosition{Decision: "d1", State: "ARM", Position: "abstains"}))
		mustSubmit(t, reg, "secretariat", cmd("close", csto.CmdDecisionClose, "2011-05-01", csto.DecisionClose{Decision: "d1"}))
		d := reg.Model().Decisions["d1"]
		if d.Outcome != "adopted" || len(d.Bound) != 4 {
			t.Fatalf("outcome %s, bound %v; want adopted, binding ARM KAZ RUS UZB (abstaining is no objection)", d.Outcome, d.Bound)
		}
	})
	t.Run("OneObjectionBlocks", func(t *testing.T) {
		reg := council(t)
		mustSubmit(t, reg, "delegate:KAZ", cmd("p", csto.CmdDecisionPropose, "2011-05-01", csto.DecisionPropose{ID: "d1", Session: "s1", Title: name("D")}))
		mustSubmit(t, reg, "delegate:ARM", cmd("pos:arm", csto.CmdDecisionPosition, "2011-05-01", csto.DecisionPosition{Decision: "d1", State: "ARM", Position: "objects"}))
		mustSubmit(t, reg, "delegate:KAZ", cmd("close", csto.CmdDecisionClose, "2011-05-01", csto.DecisionClose{Decision: "d1"}))
		if o := reg.Model().Decisions["d1"].Outcome; o != "rejected" {
			t.Fatalf("outcome %s; want rejected", o)
		}
		// An operation needs an adopted decision.
		err := submit(t, reg, "secretariat", cmd("op", csto.CmdOperationCreate, "2011-05-02", csto.OperationCreate{ID: "op1", Org: "csto", Decision: "d1", Host: "KAZ", Name: name("Op")}))
		wantRule(t, err, "operation")
	})
	t.Run("AbsentMemberNeitherBlocksNorIsBound", func(t *testing.T) {
		// The 2023–24 decisions taken in Armenia's absence.
		reg := council(t)
		mustSubmit(t, reg, "secretariat", cmd("att", csto.CmdSessionAttend, "2011-05-01", csto.SessionAttend{Session: "s1", State: "ARM", Presence: "absent"}))
		mustSubmit(t, reg, "delegate:KAZ", cmd("p", csto.CmdDecisionPropose, "2011-05-01", csto.DecisionPropose{ID: "d1", Session: "s1", Title: name("D")}))
		err := submit(t, reg, "delegate:ARM", cmd("pos:arm", csto.CmdDecisionPosition, "2011-05-01", csto.DecisionPosition{Decision: "d1", State: "ARM", Position: "objects"}))
		wantRule(t, err, "Charter: consensus")
		mustSubmit(t, reg, "secretariat", cmd("close", csto.CmdSessionClose, "2011-05-01", csto.SessionClose{Session: "s1"}))
		d := reg.Model().Decisions["d1"]
		if d.Outcome != "adopted" || len(d.Bound) != 3 {
			t.Fatalf("outcome %s, bound %v; want adopted, binding KAZ RUS UZB only", d.Outcome, d.Bound)
		}
	})
	t.Run("NotInterestedOnlySinceTheRuleExists", func(t *testing.T) {
		reg := council(t) // the fixture's Council has no not-interested rule
		mustSubmit(t, reg, "delegate:KAZ", cmd("p", csto.CmdDecisionPropose, "2011-05-01", csto.DecisionPropose{ID: "d1", Session: "s1", Title: name("D")}))
		err := submit(t, reg, "delegate:RUS", cmd("pos", csto.CmdDecisionPosition, "2011-05-01", csto.DecisionPosition{Decision: "d1", State: "RUS", Position: "not-interested"}))
		wantRule(t, err, "Charter: consensus")
	})
	t.Run("ErrVoteAfterClose", func(t *testing.T) {
		reg := council(t)
		mustSubmit(t, reg, "delegate:KAZ", cmd("p", csto.CmdDecisionPropose, "2011-05-01", csto.DecisionPropose{ID: "d1", Session: "s1", Title: name("D")}))
		mustSubmit(t, reg, "delegate:KAZ", cmd("close", csto.CmdDecisionClose, "2011-05-01", csto.DecisionClose{Decision: "d1"}))
		err := submit(t, reg, "delegate:RUS", cmd("pos", csto.CmdDecisionPosition, "2011-05-02", csto.DecisionPosition{Decision: "d1", State: "RUS", Position: "objects"}))
		wantRule(t, err, "Charter: Council procedure")
	})
	t.Run("ErrUnknownBasis", func(t *testing.T) {
		// A decision names its legal basis from registry.Bases, or none;
		// an article the Treaty does not give that power is refused,
		// naming the field, and nothing is recorded.
		reg := council(t)
		seq := reg.Model().Seq
		err := submit(t, reg, "delegate:KAZ", cmd("p", csto.CmdDecisionPropose, "2011-05-01", csto.DecisionPropose{ID: "d1", Session: "s1", Title: name("D"), Basis: "CST Art. 99"}))
		wantField(t, err, "data.basis")
		err = submit(t, reg, "secretariat", cmd("r", csto.CmdDecisionRecord, "2011-05-01", csto.DecisionRecord{ID: "d2", Org: "csto", Body: "csc", Title: name("D"), Basis: "art. 4"}))
		wantField(t, err, "data.basis")
		if got := reg.Model().Seq; got != seq {
			t.Fatalf("log at %d after refusals; want %d", got, seq)
		}
		mustSubmit(t, reg, "delegate:KAZ", cmd("p2", csto.CmdDecisionPropose, "2011-05-01", csto.DecisionPropose{ID: "d3", Session: "s1", Title: name("D"), Basis: registry.Bases()[1]}))
	})
	t.Run("ErrProposeInClosedSession", func(t *testing.T) {
		reg := council(t)
		mustSubmit(t, reg, "secretariat", cmd("close", csto.CmdSessionClose, "2011-05-01", csto.SessionClose{Session: "s1"}))
		err := submit(t, reg, "secretariat", cmd("p", csto.CmdDecisionPropose, "2011-05-02", csto.DecisionPropose{ID: "d1", Session: "s1", Title: name("D")}))
		wantRule(t, err, "Charter: Council procedure")
	})
}

func TestAuthority(t *testing.T) {
	reg := council(t)
	for _, tc := range []struct {
		name, actor string
		c           csto.Command
		allowed     bool
	}{
		{"DelegateRequestsForItself", "delegate:KAZ", cmd("r1", csto.CmdRequestFile, "2011-06-01", csto.RequestFile{ID: "r1", Org: "csto", State: "KAZ", Kind: "consultations"}), true},
		{"ErrDelegateRequestsForAnother", "delegate:RUS", cmd("r2", csto.CmdRequestFile, "2011-06-01", csto.RequestFile{ID: "r2", Org: "csto", State: "KAZ", Kind: "assistance"}), false},
		{"ErrSecretariatRequestsForAState", "secretariat", cmd("r3", csto.CmdRequestFile, "2011-06-01", csto.RequestFile{ID: "r3", Org: "csto", State: "KAZ", Kind: "assistance"}), false},
		{"ErrAdminActsForAState", "admin", cmd("r4", csto.CmdRequestFile, "2011-06-01", csto.RequestFile{ID: "r4", Org: "csto", State: "KAZ", Kind: "assistance"}), false},
		{"ChairConvenes", "delegate:KAZ", cmd("c1", csto.CmdSessionConvene, "2011-06-01", csto.SessionConvene{ID: "s2", Org: "csto", Body: "csc", Kind: "extraordinary"}), true},
		{"SecretariatConvenesForTheChair", "secretariat", cmd("c2", csto.CmdSessionConvene, "2011-06-02", csto.SessionConvene{ID: "s3", Org: "csto", Body: "csc", Kind: "online"}), true},
		{"ErrNonChairConvenes", "delegate:RUS", cmd("c3", csto.CmdSessionConvene, "2011-06-03", csto.SessionConvene{ID: "s4", Org: "csto", Body: "csc", Kind: "online"}), false},
		{"ErrPublicConvenes", "public", cmd("c4", csto.CmdSessionConvene, "2011-06-03", csto.SessionConvene{ID: "s5", Org: "csto", Body: "csc", Kind: "online"}), false},
		{"ErrDelegateRecordsADecision", "delegate:KAZ", cmd("d1", csto.CmdDecisionRecord, "2011-06-01", csto.DecisionRecord{ID: "d9", Org: "csto", Body: "csc", Title: name("D")}), false},
		{"ErrAdminRecordsADecision", "admin", cmd("d2", csto.CmdDecisionRecord, "2011-06-01", csto.DecisionRecord{ID: "d9", Org: "csto", Body: "csc", Title: name("D")}), false},
		{"AdminAddsASource", "admin", cmd("s", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "new", Title: "New"}), true},
		{"ErrDelegateAddsASource", "delegate:KAZ", cmd("s2", csto.CmdSourceAdd, "", csto.SourceAdd{ID: "new2", Title: "New"}), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seq := reg.Model().Seq
			err := submit(t, reg, tc.actor, tc.c)
			if tc.allowed && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tc.allowed {
				wantRule(t, err, "authority")
				if got := reg.Model().Seq; got != seq {
					t.Fatalf("a refused act wrote %d events", got-seq)
				}
			}
			// The act's effect is there exactly when it was allowed.
			if got := recorded(reg.Model(), tc.c); got != tc.allowed {
				t.Fatalf("recorded %v after the act; want %v", got, tc.allowed)
			}
		})
	}
}

// recorded reports whether the model holds what c creates, as c says it:
// the request filed by its state, the session of its body convened, the
// source with its title.
func recorded(m *registry.Model, c csto.Command) bool {
	v, err := c.Payload()
	if err != nil {
		panic(err)
	}
	switch p := v.(type) {
	case *csto.RequestFile:
		r := m.Requests[p.ID]
		return r != nil && r.State == p.State && r.Kind == p.Kind
	case *csto.SessionConvene:
		s := m.Sessions[p.ID]
		return s != nil && s.Body == p.Body && s.Kind == p.Kind
	case *csto.DecisionRecord:
		return m.Decisions[p.ID] != nil
	case *csto.SourceAdd:
		s := m.Sources[p.ID]
		return s != nil && s.Title == p.Title
	}
	panic("recorded: no check for " + c.Type)
}

func TestNoticeTakesEffectByItself(t *testing.T) {
	reg, _ := open(t)
	load(t, reg, fixture()...)
	mustSubmit(t, reg, "delegate:KAZ", cmd("notice", csto.CmdNotice, "2020-01-10", csto.MembershipChange{State: "KAZ", Org: "csto", Effective: edtf.MustParse("2020-07-10")}))
	m := reg.Model()
	if st := m.StatusAt("KAZ", "csto", edtf.MustParse("2020-07-09")).Status; st != csto.Member {
		t.Errorf("before the effective date KAZ is %q; want member", st)
	}
	if st := m.StatusAt("KAZ", "csto", edtf.MustParse("2020-07-10")).Status; st != "" {
		t.Errorf("on the effective date KAZ is %q; want no status (former)", st)
	}
}

func TestNonRenewalOnlyAtATermsEnd(t *testing.T) {
	reg, _ := open(t)
	cmds := fixture()
	// The fixture's treaty has no term; give it five years like the CST.
	cmds[7] = cmd("cst", csto.CmdInstrumentAdd, "1992-05-15", csto.InstrumentAdd{ID: "cst", Org: "csto", Kind: "treaty", Name: name("CST"), TermYears: 5})
	load(t, reg, cmds...)
	err := submit(t, reg, "secretariat", cmd("nr", csto.CmdPartyNonRenewal, "2001-03-01", csto.PartyAction{State: "RUS", Instrument: "cst"}))
	wantRule(t, err, "CST Art. 11")
	mustSubmit(t, reg, "secretariat", cmd("nr2", csto.CmdPartyNonRenewal, "2004-04-21", csto.PartyAction{State: "RUS", Instrument: "cst"}))
}

func mustSubmit(t *testing.T, reg *registryAlias, actor string, c csto.Command) {
	t.Helper()
	if err := submit(t, reg, actor, c); err != nil {
		t.Fatal(err)
	}
}

type registryAlias = registry.Registry
