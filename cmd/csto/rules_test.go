package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// `csto obligations --json` answers in the shape the issue gives:
// Kazakhstan on 2022-01-05, CST Art. 4, the five allies in good standing,
// the conditions, Uzbekistan shown as suspended, no conflicts.
func TestObligationsCLI(t *testing.T) {
	dir := sharedDir(t)
	out := mustRun(t, dir, "obligations", "--target", "KAZ", "--at", "2022-01-05", "--json")
	var rep struct {
		Target      string `json:"target"`
		At          string `json:"at"`
		Obligations []struct {
			Alliance     string   `json:"alliance"`
			Obligation   string   `json:"obligation"`
			Article      string   `json:"article"`
			Allies       []string `json:"allies"`
			AlliesStatus []struct {
				State, Status string
			} `json:"allies_status"`
			Conditions []string `json:"conditions"`
		} `json:"obligations"`
		Conflicts []any `json:"conflicts"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	o := rep.Obligations[0]
	if rep.Target != "KAZ" || rep.At != "2022-01-05" || o.Alliance != "csto" || o.Obligation != "defense" || o.Article != "CST Art. 4" ||
		!slices.Equal(o.Allies, []string{"ARM", "BLR", "KGZ", "RUS", "TJK"}) || len(o.Conditions) == 0 ||
		len(o.AlliesStatus) != 1 || o.AlliesStatus[0].State != "UZB" || o.AlliesStatus[0].Status != "suspended" {
		t.Errorf("obligations:\n%s", out)
	}
	if !strings.Contains(out, `"conflicts":[]`) {
		t.Errorf("conflicts is not an empty list:\n%s", out)
	}
	text := mustRun(t, dir, "obligations", "--target", "ARM", "--aggressor", "AZE", "--at", "2024-06-01", "--lang", "ar")
	if !strings.Contains(text, "الالتزامات تجاه ARM") || !strings.Contains(text, "مشاركة مجمّدة") {
		t.Errorf("Arabic text:\n%s", text)
	}
}

// `csto compliance --json` reports the Kyrgyz–Tajik clashes under CST
// Art. 1 with their events and sources, and GUAM under each claimed date.
func TestComplianceCLI(t *testing.T) {
	dir := sharedDir(t)
	var rep struct {
		Findings []struct {
			Rule, Kind, Date, Certainty string
			States                      []string
			Events                      []struct{ ID string }
			Sources                     []struct{ ID string }
			Readings                    []struct{ Basis, Date, Overlap string }
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "compliance", "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	var clashes, guam int
	for _, f := range rep.Findings {
		switch {
		case f.Kind == "force-between-members" && f.Rule == "CST Art. 1" && slices.Equal(f.States, []string{"KGZ", "TJK"}):
			if len(f.Events) == 0 || len(f.Sources) == 0 {
				t.Errorf("clash %s without events or sources", f.Date)
			}
			clashes++
		case f.Kind == "noothall" && slices.Equal(f.States, []string{"UZB"}):
			if f.Certainty != "possible" || len(f.Readings) < 2 || f.Readings[0].Overlap != "" || f.Readings[1].Overlap != "1997-10-10/1999-04-20" {
				t.Errorf("GUAM: %+v", f)
			}
			guam++
		}
	}
	if clashes != 2 || guam != 1 {
		t.Errorf("%d clashes, %d GUAM findings; want 2, 1", clashes, guam)
	}
	if text := mustRun(t, dir, "compliance"); !strings.Contains(text, "2021-04-28/2021-05-01  CST Art. 1  KGZ, TJK  [certain]") {
		t.Errorf("text:\n%s", text)
	}
}

// `csto scenario aggression` shows the steps and the record, and writes
// nothing.
func TestScenarioCLI(t *testing.T) {
	dir := sharedDir(t)
	mustRun(t, dir, "members")
	before := countEvents(t, dir)
	text := mustRun(t, dir, "scenario", "aggression", "--target", "ARM", "--aggressor", "AZE", "--at", "2022-09-13")
	for _, want := range []string{"1. Request for assistance (csto CST Art. 4)", "2022-09-13 request:req-arm-2022-09-13", "chair: ARM",
		"decision:dec-csc-2022-09-13-armenia-mission (adopted)", "decision:dec-csc-2022-11-23-armenia-assistance (not adopted)",
		"event:2022-09-15-armenia-mission", "5. Notice to the UN Security Council (csto CST Art. 4)"} {
		if !strings.Contains(text, want) {
			t.Errorf("scenario lacks %q:\n%s", want, text)
		}
	}
	var sc struct {
		Steps []struct{ Step, Status string } `json:"steps"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, dir, "scenario", "aggression", "--target", "ARM", "--aggressor", "AZE", "--at", "2022-09-13", "--json")), &sc); err != nil || len(sc.Steps) != 5 {
		t.Errorf("JSON: %d steps, %v", len(sc.Steps), err)
	}
	if countEvents(t, dir) != before {
		t.Error("a scenario wrote to the log")
	}
}

func TestRulesBadInput(t *testing.T) {
	dir := sharedDir(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"obligations", "--at", "2022"}, "csto obligations: --target: give the state attacked"},
		{[]string{"obligations", "--target", "KAZ", "--at", "2022-13-01"}, "csto obligations: --at: "},
		{[]string{"obligations", "--target", "XYZ", "--at", "2022"}, `csto obligations: target: unknown state "XYZ"`},
		{[]string{"obligations", "--target", "KAZ", "--aggressor", "KAZ", "--at", "2022"}, "csto obligations: aggressor: the target cannot be its own aggressor"},
		{[]string{"obligations", "--target", "KAZ", "now"}, `csto obligations: unexpected argument "now"`},
		{[]string{"scenario", "aggression", "--target", "ARM", "--at", "2022"}, "csto scenario: --aggressor: give the attacking state"},
		{[]string{"scenario", "blockade", "--target", "ARM", "--aggressor", "AZE"}, "csto scenario: usage: csto scenario aggression"},
		{[]string{"scenario", "aggression", "--target", "ARM", "--aggressor", "AZE", "--within", "0"}, "csto scenario: --within: 0 is not a number of days"},
		{[]string{"compliance", "all"}, `csto compliance: unexpected argument "all"`},
	} {
		out, errs, code := run(t, dir, c.args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, c.want) {
			t.Errorf("csto %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, out, errs, c.want)
		}
	}
}
