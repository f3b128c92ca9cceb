package rules_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/rules"
)

// CST Arts. 2 and 4 in the wording of the 2010 protocol replace the
// original wording from the protocol's entry into force, 2012-12-19; the
// Treaty's articles are in force from 1994-04-20.
func TestArticlesInForceAmendment(t *testing.T) {
	m := history(t)
	find := func(at, cite string) (rules.ArticleInForce, bool) {
		for _, a := range rules.ArticlesInForce(m, "csto", date(at)) {
			if a.Cite == cite {
				return a, true
			}
		}
		return rules.ArticleInForce{}, false
	}
	if _, ok := find("1993-06-01", "CST Art. 4"); ok {
		t.Error("CST Art. 4 in force in 1993, before the Treaty entered into force (1994-04-20)")
	}
	for _, c := range []struct {
		at, cite, amendedBy string
		request             bool
	}{
		{"2012-12-18", "CST Art. 4", "", false},
		{"2012-12-19", "CST Art. 4", "cst-protocol-2010", true},
		{"2022-01-05", "CST Art. 4", "cst-protocol-2010", true},
		{"2005-01-01", "CST Art. 2", "", false},
		{"2022-01-05", "CST Art. 2", "cst-protocol-2010", false},
		{"2022-01-05", "CST Art. 6", "", false},
	} {
		a, ok := find(c.at, c.cite)
		if !ok {
			t.Errorf("%s: %s not in force", c.at, c.cite)
			continue
		}
		if a.AmendedBy != c.amendedBy {
			t.Errorf("%s %s: wording of %q, want %q", c.at, c.cite, a.AmendedBy, c.amendedBy)
		}
		if len(a.Article.Provisions) == 0 {
			t.Errorf("%s %s: no provision", c.at, c.cite)
			continue
		}
		if got := slices.Contains(a.Article.Provisions[0].Codes, "request"); got != c.request {
			t.Errorf("%s %s: on request %v, want %v", c.at, c.cite, got, c.request)
		}
	}
}

func obligation(t *testing.T, rep rules.Report, alliance, kind string) rules.Obligation {
	t.Helper()
	for _, o := range rep.Obligations {
		if o.Alliance == alliance && o.Obligation == kind {
			return o
		}
	}
	t.Fatalf("no %s obligation of %s toward %s on %s: %s", kind, alliance, rep.Target, rep.At, pretty(rep))
	return rules.Obligation{}
}

func hasCondition(o rules.Obligation, sub string) bool {
	return slices.ContainsFunc(o.Conditions, func(c string) bool { return strings.Contains(c, sub) })
}

// CST Art. 4, Kazakhstan, January 2022: the five other members in good
// standing are bound to help, at Kazakhstan's request (the 2010 wording)
// and by decision of the Council (Art. 6); Uzbekistan, suspended since
// 2012-12-19, is shown with its status, not counted among the allies.
func TestObligationsArt4Kazakhstan2022(t *testing.T) {
	m := history(t)
	rep, err := rules.Obligations(m, rules.Query{Target: "KAZ", At: date("2022-01-05"), Lang: csto.English})
	if err != nil {
		t.Fatal(err)
	}
	d := obligation(t, rep, "csto", "defense")
	if d.Article != "CST Art. 4" || d.AmendedBy != "cst-protocol-2010" || d.Source != "curated" || d.Certainty != csto.Certain {
		t.Errorf("defense: %+v", d)
	}
	if want := []string{"ARM", "BLR", "KGZ", "RUS", "TJK"}; !slices.Equal(d.Allies, want) {
		t.Errorf("allies %v, want %v", d.Allies, want)
	}
	if want := []rules.StateStatus{{State: "UZB", Status: csto.Suspended, Since: "2012-12-19"}}; !slices.Equal(d.AlliesStatus, want) {
		t.Errorf("allies_status %v, want %v", d.AlliesStatus, want)
	}
	if d.TargetStatus != "" {
		t.Errorf("target status %q for a member in good standing", d.TargetStatus)
	}
	if !hasCondition(d, "at the request of the member attacked") || !hasCondition(d, "(CST Art. 6)") {
		t.Errorf("conditions %q lack the request (Art. 4 as amended) or the Council's decision (Art. 6)", d.Conditions)
	}
	if c := obligation(t, rep, "csto", "consultation"); c.Article != "CST Art. 2" {
		t.Errorf("consultation under %s, want CST Art. 2", c.Article)
	}
	if n := obligation(t, rep, "csto", "non-use-of-force"); n.Article != "CST Art. 1" {
		t.Errorf("non-use of force under %s, want CST Art. 1", n.Article)
	}
	if len(rep.Conflicts) != 0 {
		t.Errorf("conflicts without an aggressor: %v", rep.Conflicts)
	}
	// In Arabic, the conditions come in Arabic.
	ar, _ := rules.Obligations(m, rules.Query{Target: "KAZ", At: date("2022-01-05"), Lang: csto.Arabic})
	if o := obligation(t, ar, "csto", "defense"); !hasCondition(o, "بناءً على طلب") {
		t.Errorf("Arabic conditions %q", o.Conditions)
	}
}

// Armenia: a member in good standing on 2022-09-13 (the Azerbaijani
// attack); its participation frozen by declaration from 2024-02-22, shown
// as its status, as target and as an ally.
func TestObligationsArmeniaFrozen(t *testing.T) {
	m := history(t)
	rep, err := rules.Obligations(m, rules.Query{Target: "ARM", Aggressor: "AZE", At: date("2022-09-13"), Lang: csto.English})
	if err != nil {
		t.Fatal(err)
	}
	d := obligation(t, rep, "csto", "defense")
	if want := []string{"BLR", "KAZ", "KGZ", "RUS", "TJK"}; !slices.Equal(d.Allies, want) || d.TargetStatus != "" {
		t.Errorf("2022: allies %v target status %q", d.Allies, d.TargetStatus)
	}
	if len(rep.Conflicts) != 0 {
		t.Errorf("2022: Azerbaijan is not a member of the CSTO (since 1999), yet conflicts %v", rep.Conflicts)
	}
	rep, _ = rules.Obligations(m, rules.Query{Target: "ARM", At: date("2024-06-01"), Lang: csto.English})
	if d := obligation(t, rep, "csto", "defense"); d.TargetStatus != csto.ParticipationFrozen {
		t.Errorf("2024: target status %q, want participation-frozen", d.TargetStatus)
	}
	rep, _ = rules.Obligations(m, rules.Query{Target: "KAZ", At: date("2024-06-01"), Lang: csto.English})
	d = obligation(t, rep, "csto", "defense")
	if slices.Contains(d.Allies, "ARM") ||
		!slices.Contains(d.AlliesStatus, rules.StateStatus{State: "ARM", Status: csto.ParticipationFrozen, Since: "2024-02-22"}) {
		t.Errorf("2024: allies %v, allies_status %v; want Armenia shown as participation-frozen", d.Allies, d.AlliesStatus)
	}
}

// Uzbekistan: a party from the Treaty's entry into force until its
// non-renewal (1999-04-21), again from 2006-06-23, suspended by the
// Council from 2012-12-19.
func TestObligationsUzbekistanSuspended(t *testing.T) {
	m := history(t)
	for _, c := range []struct {
		at     string
		n      int
		status csto.Status
	}{
		{"1993-06-01", 0, ""}, // a signatory: the Treaty is not in force
		{"1998-01-01", 4, ""},
		{"2001-01-01", 0, ""}, // left in 1999
		{"2010-01-01", 4, ""},
		{"2015-01-01", 4, csto.Suspended},
	} {
		rep, err := rules.Obligations(m, rules.Query{Target: "UZB", At: date(c.at), Lang: csto.English})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Obligations) != c.n {
			t.Errorf("UZB %s: %d obligations, want %d", c.at, len(rep.Obligations), c.n)
			continue
		}
		if c.n > 0 && rep.Obligations[0].TargetStatus != c.status {
			t.Errorf("UZB %s: target status %q, want %q", c.at, rep.Obligations[0].TargetStatus, c.status)
		}
	}
}

// CST Art. 1: an aggressor that is itself a member breaks the Treaty's
// non-use of force among members (Tajikistan and Kyrgyzstan, 2022).
func TestObligationsAggressorIsMember(t *testing.T) {
	m := history(t)
	rep, err := rules.Obligations(m, rules.Query{Target: "KGZ", Aggressor: "TJK", At: date("2022-09-14"), Lang: csto.English})
	if err != nil {
		t.Fatal(err)
	}
	want := rules.Conflict{Kind: "aggressor-is-member", State: "TJK", Alliance: "csto", Source: "curated",
		Obligations: []string{"non-use-of-force"}, Article: "CST Art. 1", Certainty: csto.Certain}
	if len(rep.Conflicts) != 1 || pretty(rep.Conflicts[0]) != pretty(want) {
		t.Errorf("conflicts %s, want %s", pretty(rep.Conflicts), pretty(want))
	}
	if d := obligation(t, rep, "csto", "defense"); slices.Contains(d.Allies, "KGZ") || !slices.Contains(d.Allies, "TJK") {
		t.Errorf("allies %v", d.Allies)
	}
}

func TestObligationsErrors(t *testing.T) {
	m := history(t)
	for _, c := range []struct {
		q     rules.Query
		kind  csto.Kind
		field string
	}{
		{rules.Query{Target: "XYZ", At: date("2022")}, csto.NotFound, "target"},
		{rules.Query{Target: "KAZ", Aggressor: "XYZ", At: date("2022")}, csto.NotFound, "aggressor"},
		{rules.Query{Target: "KAZ", Aggressor: "KAZ", At: date("2022")}, csto.Invalid, "aggressor"},
		{rules.Query{Target: "KAZ"}, csto.Invalid, "at"},
	} {
		_, err := rules.Obligations(m, c.q)
		var ce *csto.Error
		if !errors.As(err, &ce) || ce.Kind != c.kind || ce.Field != c.field {
			t.Errorf("%+v: %v; want %s on %s", c.q, err, c.kind, c.field)
		}
	}
}

// compliance is rules.Compliance in English; a failure to read the
// record fails the test.
func compliance(t *testing.T, m *registry.Model) rules.ComplianceReport {
	t.Helper()
	rep, err := rules.Compliance(m, csto.English)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func findings(rep rules.ComplianceReport, kind string, state string) []rules.Finding {
	var out []rules.Finding
	for _, f := range rep.Findings {
		if f.Kind == kind && slices.Contains(f.States, state) {
			out = append(out, f)
		}
	}
	return out
}

// CST Art. 1: the Kyrgyz–Tajik border clashes of April 2021 and
// September 2022 were armed force between members.
func TestComplianceKyrgyzTajikClashes(t *testing.T) {
	m := history(t)
	fs := findings(compliance(t, m), rules.KindForce, "KGZ")
	if len(fs) != 2 {
		t.Fatalf("%d findings of force between members, want 2 (2021, 2022): %s", len(fs), pretty(fs))
	}
	for i, want := range []struct{ date, event, source string }{
		{"2021-04-28/2021-05-01", "incident:kgz-tjk-2021-04", "reuters-2021-05-01"},
		{"2022-09-14/2022-09-19", "incident:kgz-tjk-2022-09", "dpa-2022-09-19"},
	} {
		f := fs[i]
		if f.Rule != "CST Art. 1" || !slices.Equal(f.States, []string{"KGZ", "TJK"}) || f.Date != want.date || f.Certainty != csto.Certain {
			t.Errorf("finding %d: %s", i, pretty(f))
		}
		if len(f.Events) != 1 || f.Events[0].ID != want.event {
			t.Errorf("finding %d: events %s, want %s", i, pretty(f.Events), want.event)
		}
		if !slices.ContainsFunc(f.Sources, func(s registry.SourceRef) bool { return s.ID == want.source }) {
			t.Errorf("finding %d: sources lack %s", i, want.source)
		}
	}
	// Azerbaijan's attacks on Armenia are not force between members:
	// Azerbaijan left the Treaty in 1999.
	if fs := findings(compliance(t, m), rules.KindForce, "AZE"); len(fs) != 0 {
		t.Errorf("Azerbaijan: %s", pretty(fs))
	}
}

// CST Art. 1, no part in groupings directed against another party, for
// GUAM (which the source article describes as countering Russian
// influence). Uzbekistan's preferred entry (1999-04-24) comes after it left
// the CST (1999-04-21): no overlap; the article's 1997 overlaps, so the
// finding is possible and rests on that claim. Azerbaijan and Georgia
// founded GUAM (1997-10-10) while still parties: certain.
func TestComplianceGUAMUnderEachClaimedDate(t *testing.T) {
	m := history(t)
	rep := compliance(t, m)
	uzb := findings(rep, rules.KindNoOthAll, "UZB")
	if len(uzb) != 1 {
		t.Fatalf("UZB: %s", pretty(uzb))
	}
	f := uzb[0]
	if f.Rule != "CST Art. 1" || f.Certainty != csto.Possible || f.Date != "1997-10-10/1999-04-20" {
		t.Errorf("UZB: %s", pretty(f))
	}
	var pref, claim *rules.Reading
	for i := range f.Readings {
		r := &f.Readings[i]
		switch {
		case r.Basis == "preferred":
			pref = r
		case r.Basis == "claim" && r.Event == "guam:join:uzb":
			claim = r
		}
	}
	if pref == nil || pref.Date != "1999-04-24" || pref.Overlap != "" {
		t.Errorf("preferred reading %+v: want 1999-04-24 without overlap", pref)
	}
	if claim == nil || claim.Date != "1997" || claim.Overlap != "1997-10-10/1999-04-20" || !slices.Equal(claim.Sources, []string{"aljazeera-2022-01-06"}) {
		t.Errorf("claimed reading %+v: want 1997 overlapping 1997-10-10/1999-04-20, from the source article", claim)
	}
	for _, s := range []string{"AZE", "GEO"} {
		fs := findings(rep, rules.KindNoOthAll, s)
		if len(fs) != 1 || fs[0].Certainty != csto.Certain || fs[0].Date != "1997-10-10/1999-04-20" {
			t.Errorf("%s: %s", s, pretty(fs))
		}
	}
	for _, s := range []string{"UKR", "MDA"} { // never parties
		if fs := findings(rep, rules.KindNoOthAll, s); len(fs) != 0 {
			t.Errorf("%s: %s", s, pretty(fs))
		}
	}
}

// The recorded history has no operation without a Council decision (the
// Kazakhstan operation was decided by the Council under Art. 4), and the
// decisions adopted in Armenia's absence (2023, 2024) are possible
// findings under the consensus rule.
func TestComplianceHistoryDecisions(t *testing.T) {
	m := history(t)
	rep := compliance(t, m)
	for _, f := range rep.Findings {
		if f.Kind == rules.KindOperation {
			t.Errorf("operation finding in the history: %s", pretty(f))
		}
	}
	fs := findings(rep, rules.KindDecision, "ARM")
	if len(fs) != 2 || fs[0].Date != "2023-11-23" || fs[1].Date != "2024-11-28" {
		t.Fatalf("consensus findings: %s", pretty(fs))
	}
	for _, f := range fs {
		if f.Rule != "Charter: consensus" || f.Certainty != csto.Possible {
			t.Errorf("%s", pretty(f))
		}
	}
	for i := 1; i < len(rep.Findings); i++ {
		if rep.Findings[i].Date < rep.Findings[i-1].Date && rep.Findings[i].Date[:4] < rep.Findings[i-1].Date[:4] {
			t.Errorf("findings out of date order: %s before %s", rep.Findings[i-1].Date, rep.Findings[i].Date)
		}
	}
}

// CST Art. 6 (the heads of state decide on the use of armed forces) and
// CST Art. 4 as amended (assistance at the member's request), on a record
// that breaks them: an operation decided by the Permanent Council, and a
// Council decision under Art. 4 that answers no request.
func TestComplianceOperationAndRequest(t *testing.T) {
	reg := openRegistry(t)
	submit(t, reg,
		cmd(t, "decision:pc-2015", "decision.record", "2015-01-10", map[string]any{
			"id": "dec-pc-2015", "org": "csto", "body": "permanent-council", "title": text("Deploy to Kazakhstan")}),
		cmd(t, "operation:op-pc-2015", "operation.create", "2015-01-11", map[string]any{
			"id": "op-pc-2015", "org": "csto", "decision": "dec-pc-2015", "host": "KAZ", "name": text("An operation")}),
		cmd(t, "decision:csc-2015-art4", "decision.record", "2015-03-01", map[string]any{
			"id": "dec-csc-2015-art4", "org": "csto", "body": "csc", "basis": "CST Art. 4", "title": text("Assistance")}),
		cmd(t, "decision:csc-2005-art4", "decision.record", "2005-03-01", map[string]any{
			"id": "dec-csc-2005-art4", "org": "csto", "body": "csc", "basis": "CST Art. 4", "title": text("Assistance")}),
	)
	rep := compliance(t, reg.Model())
	var op, req []rules.Finding
	for _, f := range rep.Findings {
		switch {
		case f.Kind == rules.KindOperation:
			op = append(op, f)
		case f.Kind == rules.KindDecision && f.Rule == "CST Art. 4":
			req = append(req, f)
		}
	}
	if len(op) != 1 || op[0].Rule != "CST Art. 6" || op[0].Date != "2015-01-11" || !strings.Contains(op[0].Summary, "Permanent Council") ||
		len(op[0].Events) != 2 {
		t.Errorf("operation findings: %s", pretty(op))
	}
	// Before the 2010 wording entered into force (2012-12-19) Art. 4 asked
	// for no request: only the 2015 decision is a finding.
	if len(req) != 1 || req[0].Date != "2015-03-01" {
		t.Errorf("request findings: %s", pretty(req))
	}
}

// What the Treaty requires if Armenia is attacked by Azerbaijan on
// 2022-09-13, and what the record shows: Armenia's request the same day,
// the Council's extraordinary session (chaired by Armenia) and its
// decision to send a mission, the mission of 2022-09-15, the draft on
// assistance not adopted at Yerevan (2022-11-23); nothing recorded of a
// notice to the UN Security Council. Nothing is written.
func TestScenarioArmeniaAzerbaijan2022(t *testing.T) {
	reg := openRegistry(t)
	before := reg.Model().Seq
	sc, err := rules.AggressionScenario(reg.Model(), rules.ScenarioQuery{Query: rules.Query{Target: "arm", Aggressor: "aze", At: date("2022-09-13"), Lang: csto.English}})
	if err != nil {
		t.Fatal(err)
	}
	if reg.Model().Seq != before || reg.Appended() != int64(before) {
		t.Fatalf("the scenario changed the log: %d → %d", before, reg.Model().Seq)
	}
	if sc.Target != "ARM" || sc.Aggressor != "AZE" || sc.Window != "2022-09-13/2022-12-12" {
		t.Errorf("scenario %s %s %s", sc.Target, sc.Aggressor, sc.Window)
	}
	type want struct {
		step, article, chair string
		who                  []string
		record               []string
		outcomes             []string
	}
	allies := []string{"BLR", "KAZ", "KGZ", "RUS", "TJK"}
	all := []string{"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
	wants := []want{
		{"request", "CST Art. 4", "", []string{"ARM"}, []string{"request:req-arm-2022-09-13"}, nil},
		{"consultations", "CST Art. 2", "", all, []string{"session:csc-2022-09-13", "session:csc-2022-10-28"}, nil},
		{"council-decision", "CST Art. 6", "ARM", all, []string{"decision:dec-csc-2022-09-13-armenia-mission", "decision:dec-csc-2022-11-23-armenia-assistance"}, []string{"adopted", "rejected"}},
		{"assistance", "CST Art. 4", "", allies, []string{"event:2022-09-15-armenia-mission"}, nil},
		{"notify-un-security-council", "CST Art. 4", "", allies, nil, nil},
	}
	if len(sc.Steps) != len(wants) {
		t.Fatalf("%d steps, want %d: %s", len(sc.Steps), len(wants), pretty(sc.Steps))
	}
	for i, w := range wants {
		s := sc.Steps[i]
		var ids, outs []string
		for _, e := range s.Record {
			ids = append(ids, e.ID)
			if e.Outcome != "" {
				outs = append(outs, e.Outcome)
			}
		}
		if s.Step != w.step || s.Article != w.article || s.Chair != w.chair || !slices.Equal(s.Who, w.who) ||
			!slices.Equal(ids, w.record) || !slices.Equal(outs, w.outcomes) {
			t.Errorf("step %d: %s %s chair %q who %v record %v %v\nwant %+v", i+1, s.Step, s.Article, s.Chair, s.Who, ids, outs, w)
		}
		if (len(w.record) == 0) != (s.Status == "not-recorded") {
			t.Errorf("step %s: status %s", s.Step, s.Status)
		}
	}
	if d := obligation(t, sc.Obligations, "csto", "defense"); !slices.Equal(d.Allies, allies) {
		t.Errorf("obligations: %v", d.Allies)
	}
	// Before the 2010 wording (in force 2012-12-19) Art. 4 asks for no
	// request: the scenario has no request step.
	old, _ := rules.AggressionScenario(reg.Model(), rules.ScenarioQuery{Query: rules.Query{Target: "ARM", Aggressor: "AZE", At: date("2005-05-01")}})
	if len(old.Steps) == 0 || old.Steps[0].Step == "request" {
		t.Errorf("2005 steps: %s", pretty(old.Steps))
	}
	// A state that is not a member is bound to no one's help.
	none, _ := rules.AggressionScenario(reg.Model(), rules.ScenarioQuery{Query: rules.Query{Target: "AZE", Aggressor: "ARM", At: date("2022-09-13"), Lang: csto.English}})
	if len(none.Steps) != 0 || none.Note == "" {
		t.Errorf("AZE: steps %d, note %q", len(none.Steps), none.Note)
	}
}
