package registry_test

import (
	"strings"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

// decisions is the fixture with Serbia, a second body, and decisions
// of the Council each deciding one act, recorded as history.
func decisions(t *testing.T) *registryAlias {
	t.Helper()
	reg, _ := open(t)
	load(t, reg, fixture()...)
	dec := func(id, date, body string, s *csto.Subject, pos ...csto.Position) csto.Command {
		return cmd("decision:"+id, csto.CmdDecisionRecord, date, csto.DecisionRecord{ID: id, Org: "csto", Body: body, Title: name(id), Subject: s, Positions: pos})
	}
	load(t, reg,
		cmd("state:SRB", csto.CmdStateAdd, "", csto.StateAdd{Code: "SRB", Name: name("Serbia"), ExistsFrom: edtf.MustParse("2006-06-05")}),
		cmd("body:cfm", csto.CmdBodyAdd, "1992-05-15", csto.BodyAdd{ID: "cfm", Org: "csto", Kind: "council", Name: name("Ministers"), DecisionRule: "consensus"}),
		dec("dec-kaz-op", "2022-01-06", "csc", &csto.Subject{Act: "establish-operation", Host: "KAZ"}),
		dec("dec-srb-admit", "2024-01-10", "csc", &csto.Subject{Act: "admit", State: "SRB"}),
		dec("dec-kaz-suspend", "2024-01-10", "csc", &csto.Subject{Act: "suspend", State: "KAZ"}),
		dec("dec-uzb-reinstate", "2024-01-10", "csc", &csto.Subject{Act: "reinstate", State: "UZB"}),
		dec("dec-srb-observer", "2024-01-10", "csc", &csto.Subject{Act: "observer", State: "SRB"}),
		dec("dec-aze-partner", "2024-01-10", "csc", &csto.Subject{Act: "partner", State: "AZE"}),
		dec("dec-cfm-srb", "2024-01-10", "cfm", &csto.Subject{Act: "admit", State: "SRB"}),
		dec("dec-none", "2024-01-10", "csc", nil),
		dec("dec-rejected-srb", "2024-01-10", "csc", &csto.Subject{Act: "admit", State: "SRB"}, csto.Position{State: "RUS", Position: "objects"}),
		dec("dec-later-srb", "2025-01-10", "csc", &csto.Subject{Act: "admit", State: "SRB"}),
	)
	return reg
}

// TestActsCiteTheDecisionThatDecidedThem: for every act that cites a
// decision, the decision that decided it is accepted, with the effect
// the act names, and a decision that decided something else, of another
// body, not adopted or not yet in force is refused under the act's rule,
// naming what the decision did decide, and writing nothing.
func TestActsCiteTheDecisionThatDecidedThem(t *testing.T) {
	const day = "2024-06-01"
	change := func(typ, state, decision string) csto.Command {
		return cmd("act", typ, day, csto.MembershipChange{State: state, Org: "csto", Decision: decision})
	}
	operation := func(host, decision string) csto.Command {
		return cmd("act", csto.CmdOperationCreate, day, csto.OperationCreate{ID: "op-x", Org: "csto", Host: host, Decision: decision, Name: name("Op")})
	}
	status := func(state string, want csto.Status) func(*registryAlias) bool {
		return func(reg *registryAlias) bool {
			return reg.Model().StatusAt(state, "csto", edtf.MustParse(day)).Status == want
		}
	}
	for _, tc := range []struct {
		name string
		c    csto.Command
		rule string // "": accepted
		says string // in the refusal
		done func(*registryAlias) bool
	}{
		{"Admit", change(csto.CmdJoin, "SRB", "dec-srb-admit"), "", "", status("SRB", csto.Member)},
		{"ErrAdmitByTheKazakhstanDecision", change(csto.CmdJoin, "SRB", "dec-kaz-op"), "Charter: admission", "decision dec-kaz-op decided establish operation in KAZ, not admit SRB", nil},
		{"ErrAdmitByAnotherBody", change(csto.CmdJoin, "SRB", "dec-cfm-srb"), "Charter: admission", "Collective Security Council", nil},
		{"ErrAdmitByARejectedDecision", change(csto.CmdJoin, "SRB", "dec-rejected-srb"), "Charter: admission", "not adopted", nil},
		{"ErrAdmitBeforeTheDecision", change(csto.CmdJoin, "SRB", "dec-later-srb"), "Charter: admission", "not in force on 2024-06-01", nil},
		{"ErrAdmitByADecisionOfNoSubject", change(csto.CmdJoin, "SRB", "dec-none"), "Charter: admission", "records no subject", nil},
		{"ErrAdmitAnotherState", change(csto.CmdJoin, "AZE", "dec-srb-admit"), "Charter: admission", "decided admit SRB, not admit AZE", nil},
		{"Suspend", change(csto.CmdSuspend, "KAZ", "dec-kaz-suspend"), "", "", status("KAZ", csto.Suspended)},
		{"ErrSuspendByAnAdmission", change(csto.CmdSuspend, "KAZ", "dec-srb-admit"), "Charter: suspension", "decided admit SRB, not suspend KAZ", nil},
		{"Reinstate", change(csto.CmdReinstate, "UZB", "dec-uzb-reinstate"), "", "", status("UZB", csto.Member)},
		{"ErrReinstateByTheKazakhstanDecision", change(csto.CmdReinstate, "UZB", "dec-kaz-op"), "Charter: suspension", "decided establish operation in KAZ, not reinstate UZB", nil},
		{"ErrReinstateByTheSuspension", change(csto.CmdReinstate, "UZB", "dec-uzb"), "Charter: suspension", "decided suspend UZB, not reinstate UZB", nil},
		{"Observer", change(csto.CmdObserver, "SRB", "dec-srb-observer"), "", "", status("SRB", csto.Observer)},
		{"ErrObserverByAnAdmission", change(csto.CmdObserver, "SRB", "dec-srb-admit"), "Charter: admission", "decided admit SRB, not observer SRB", nil},
		{"Partner", change(csto.CmdPartner, "AZE", "dec-aze-partner"), "", "", status("AZE", csto.Partner)},
		{"ErrPartnerByAnObserverDecision", change(csto.CmdPartner, "SRB", "dec-srb-observer"), "Charter: admission", "decided observer SRB, not partner SRB", nil},
		{"Operation", operation("KAZ", "dec-kaz-op"), "", "", func(reg *registryAlias) bool {
			op := reg.Model().Operations["op-x"]
			return op != nil && op.Host == "KAZ" && op.Decision == "dec-kaz-op"
		}},
		{"ErrOperationInAnotherHost", operation("RUS", "dec-kaz-op"), "operation", "decided establish operation in KAZ, not establish operation in RUS", nil},
		{"ErrOperationByAReinstatement", operation("KAZ", "dec-uzb-reinstate"), "operation", "decided reinstate UZB, not establish operation in KAZ", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := decisions(t)
			seq := reg.Model().Seq
			err := submit(t, reg, "secretariat", tc.c)
			if tc.rule == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if !tc.done(reg) {
					t.Fatalf("accepted, but the record does not show it")
				}
				return
			}
			wantRule(t, err, tc.rule)
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("refusal %q; want it to say %q", err, tc.says)
			}
			if reg.Model().Seq != seq {
				t.Errorf("a refused act wrote to the log")
			}
		})
	}
}

// TestDecisionSubjectIsChecked: a decision's subject names a known act
// and a state (or, for an operation, a host) that exists.
func TestDecisionSubjectIsChecked(t *testing.T) {
	reg := decisions(t)
	for _, tc := range []struct {
		s     csto.Subject
		field string
	}{
		{csto.Subject{Act: "expel", State: "SRB"}, "data.subject.act"},
		{csto.Subject{Act: "admit", State: "XXX"}, "data.subject.state"},
		{csto.Subject{Act: "admit", Host: "SRB"}, "data.subject.host"},
		{csto.Subject{Act: "establish-operation", State: "KAZ"}, "data.subject.state"},
		{csto.Subject{Act: "establish-operation"}, "data.subject.host"},
	} {
		s := tc.s
		err := submit(t, reg, "secretariat", cmd("decision:bad", csto.CmdDecisionRecord, "2024-06-01", csto.DecisionRecord{ID: "dec-bad", Org: "csto", Body: "csc", Title: name("D"), Subject: &s}))
		ce, ok := err.(*csto.Error)
		if !ok || ce.Field != tc.field {
			t.Errorf("subject %+v: %v; want an error naming %s", tc.s, err, tc.field)
		}
	}
}

// TestHistoryMayCiteADecisionWithoutSubject: the Secretariat recording
// history may cite a decision recorded before decisions carried subjects
// (the default history's acts precede their decisions' corrections); an
// act may not (ErrAdmitByADecisionOfNoSubject). A subject that is
// recorded binds history too.
func TestHistoryMayCiteADecisionWithoutSubject(t *testing.T) {
	reg := decisions(t)
	reg.Now = func() time.Time { return time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC) }
	c := cmd("history:srb", csto.CmdJoin, "2024-02-01", csto.MembershipChange{State: "SRB", Org: "csto", Decision: "dec-kaz-op"})
	c.History = true
	_, err := reg.Submit(t.Context(), csto.MustActor("secretariat"), c)
	wantRule(t, err, "Charter: admission")
	c.Data = cmd("history:srb", csto.CmdJoin, "2024-02-01", csto.MembershipChange{State: "SRB", Org: "csto", Decision: "dec-none"}).Data
	if _, err := reg.Submit(t.Context(), csto.MustActor("secretariat"), c); err != nil {
		t.Fatalf("history citing a decision without subject: %v", err)
	}
	if st := reg.Model().StatusAt("SRB", "csto", edtf.MustParse("2024-03-01")).Status; st != csto.Member {
		t.Fatalf("SRB is %q after the recorded admission; want member", st)
	}
}
