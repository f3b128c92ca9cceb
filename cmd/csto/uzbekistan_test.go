package main

import (
	"encoding/json"
	"slices"
	"testing"
)

// Uzbekistan has taken no part in the CSTO since its note of June 2012;
// the Collective Security Council suspended its membership on 2012-12-19
// (csto:suspend:uzb:2012, source tass-687141), and no later act restored
// or ended it. The record shows it so everywhere, from one derivation
// (registry.Model.Members): listed with the status "suspended" since
// 2012-12-19, never among the allies an obligation binds, never among
// those who act in a scenario. (The web's list, map and obligations page:
// web's TestUzbekistanShownAlike.)
func TestUzbekistanShownAlike(t *testing.T) {
	dir := sharedDir(t)
	for _, at := range []string{"2013-01-01", "2019-06-01", "2026-11-28"} {
		var list struct {
			Members []struct{ State, Status, Since string } `json:"members"`
		}
		if err := json.Unmarshal([]byte(mustRun(t, dir, "members", "--at", at, "--json")), &list); err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(list.Members, func(m struct{ State, Status, Since string }) bool { return m.State == "UZB" })
		if i < 0 || list.Members[i].Status != "suspended" || list.Members[i].Since != "2012-12-19" {
			t.Errorf("members --at %s: Uzbekistan %+v; want suspended since 2012-12-19", at, list.Members)
		}
		var rep struct {
			Obligations []struct {
				Alliance     string
				Allies       []string
				AlliesStatus []struct{ State, Status string } `json:"allies_status"`
			} `json:"obligations"`
		}
		if err := json.Unmarshal([]byte(mustRun(t, dir, "obligations", "--target", "KAZ", "--at", at, "--json")), &rep); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, o := range rep.Obligations {
			if o.Alliance != "csto" {
				continue
			}
			n++
			if slices.Contains(o.Allies, "UZB") {
				t.Errorf("obligations --at %s: Uzbekistan is among the allies bound", at)
			}
			if !slices.Contains(o.AlliesStatus, struct{ State, Status string }{"UZB", "suspended"}) {
				t.Errorf("obligations --at %s: Uzbekistan's standing %+v; want suspended", at, o.AlliesStatus)
			}
		}
		if n == 0 {
			t.Errorf("obligations --at %s: no CSTO obligation", at)
		}
		var sc struct {
			Steps []struct {
				Step string
				Who  []string
			} `json:"steps"`
		}
		if err := json.Unmarshal([]byte(mustRun(t, dir, "scenario", "aggression", "--target", "KAZ", "--aggressor", "AFG", "--at", at, "--json")), &sc); err != nil {
			t.Fatal(err)
		}
		for _, s := range sc.Steps {
			if slices.Contains(s.Who, "UZB") {
				t.Errorf("scenario at %s: Uzbekistan acts in step %s", at, s.Step)
			}
		}
	}
}
