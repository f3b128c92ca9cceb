package api_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// The attack of issue 11: with Kazakhstan's token (Kazakhstan chaired
// the Council in 2024; Russia chairs it on the tests' day), convene an
// extraordinary session dated 2024-06-01, put a draft in it, state a
// position and close the vote, so that the decision is adopted on
// Kazakhstan's word alone. Each step is refused, the first already,
// under the rule that names why (an act takes effect when it is
// recorded), and the log does not change.

// refusal asserts r is a refusal with status and rule (and field, when
// given), and that the log still holds seq events.
func (e *env) refusal(r resp, status int, rule, field string, seq int64) {
	e.t.Helper()
	if r.status != status {
		e.t.Fatalf("status %d, want %d under %q: %s", r.status, status, rule, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		e.t.Errorf("Content-Type %q, want application/problem+json", ct)
	}
	p := r.json(e.t)
	if p["rule"] != rule {
		e.t.Errorf("rule %v, want %q: %s", p["rule"], rule, r.body)
	}
	if field != "" && !problemNames(p, field) {
		e.t.Errorf("the problem does not name the field %q: %s", field, r.body)
	}
	if got := e.seq(); got != seq {
		e.t.Fatalf("a refused request changed the log: %d events, was %d", got, seq)
	}
}

// problemNames reports whether problem p names field, as its field or
// in its per-field errors.
func problemNames(p map[string]any, field string) bool {
	if p["field"] == field {
		return true
	}
	errs, _ := p["errors"].([]any)
	for _, x := range errs {
		if m, _ := x.(map[string]any); m["field"] == field {
			return true
		}
	}
	b, _ := json.Marshal(p)
	return strings.Contains(string(b), `"field":"`+field+`"`)
}

func TestBackDatedAuthority(t *testing.T) { onEachBackend(t, backDatedAuthority) }

func backDatedAuthority(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	setup(t, e)
	seq := e.seq()
	const kaz, past = "delegate:KAZ", "2024-06-01"

	// The first step of the attack, refused: the date is not today.
	r := e.do("POST", "/api/v1/sessions", kaz, `{"id":"s-kaz-2024","kind":"extraordinary","date":"`+past+`"}`)
	e.refusal(r, 400, "act-date", "date", seq)
	if !strings.Contains(string(r.body), "2026-11-28") || !strings.Contains(string(r.body), "history") {
		t.Errorf("the refusal does not say what the date must be or how the past is recorded: %s", r.body)
	}
	// The remaining steps, tried on a session and a draft that exist:
	// each refused under the same rule.
	for _, s := range []struct{ path, body string }{
		{"/api/v1/decisions", `{"id":"d-kaz-2024","session":"s-open","date":"` + past + `","title":{"ar":"م","en":"D","ru":"Р"}}`},
		{"/api/v1/decisions/d-open/positions", `{"state":"KAZ","position":"for","date":"` + past + `"}`},
		{"/api/v1/decisions/d-open/close", `{"date":"` + past + `"}`},
		{"/api/v1/sessions/s-open/close", `{"date":"` + past + `"}`},
	} {
		t.Run(strings.ReplaceAll(s.path, "/", "_"), func(t *testing.T) {
			e.t = t
			e.refusal(e.do("POST", s.path, kaz, s.body), 400, "act-date", "date", seq)
		})
	}
	e.t = t
	// Undated, the act is Kazakhstan's of today, when it does not chair.
	e.refusal(e.do("POST", "/api/v1/sessions", kaz, `{"kind":"extraordinary"}`), 403, "authority", "", seq)
	// Nor may Kazakhstan record it as history: that is the Secretariat's.
	hist := `{"id":"history:kaz-2024","type":"session.convene","history":true,"date":"` + past + `","sources":["aljazeera-2022-01-06"],` +
		`"text":{"ar":"ب","en":"A session","ru":"З"},"data":{"id":"s-kaz-2024","org":"csto","body":"csc","kind":"extraordinary"}}`
	e.refusal(e.do("POST", "/api/v1/commands", kaz, hist), 403, "authority", "", seq)

	// The Secretariat may record that Kazakhstan convened the Council in
	// 2024; the record confers no office: Kazakhstan may not put a draft
	// in that session today, nor state a position dated then.
	if r := e.do("POST", "/api/v1/commands", "secretariat", hist); r.status != 201 {
		t.Fatalf("the Secretariat records history: %d %s", r.status, r.body)
	}
	seq = e.seq()
	e.refusal(e.do("POST", "/api/v1/decisions", kaz, `{"session":"s-kaz-2024","title":{"ar":"م","en":"D","ru":"Р"}}`), 403, "authority", "", seq)
	e.refusal(e.do("POST", "/api/v1/decisions", kaz, `{"session":"s-kaz-2024","date":"`+past+`","title":{"ar":"م","en":"D","ru":"Р"}}`), 400, "act-date", "date", seq)

	// The draft of setup is still open: nothing was adopted.
	if got := e.do("GET", "/api/v1/decisions/d-open", "", nil).json(t); got["outcome"] == "adopted" {
		t.Errorf("d-open was adopted: %v", got)
	}
}

// TestImplausibleInput: dates to come, dates that name no day or lie
// before the record, the state or the organization, and numbers no
// true record holds, are refused under the rule that says so, whoever
// sends them, for acts and history alike.
func TestImplausibleInput(t *testing.T) { onEachBackend(t, implausibleInput) }

func implausibleInput(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	setup(t, e)
	seq := e.seq()
	history := func(id, typ, date, data string) string {
		return `{"id":"` + id + `","type":"` + typ + `","history":true,"date":"` + date + `","sources":["aljazeera-2022-01-06"],` +
			`"text":{"ar":"ب","en":"A record","ru":"З"},"data":` + data + `}`
	}
	for _, tc := range []struct {
		name, who, path, body string
		status                int
		rule, field           string
	}{
		// Acts dated ahead: the act-date rule (an act is dated today).
		{"Request2099", "delegate:KGZ", "/api/v1/requests", `{"kind":"consultations","state":"KGZ","date":"2099-01-01"}`, 400, "act-date", "date"},
		{"Request9999", "delegate:KGZ", "/api/v1/requests", `{"kind":"consultations","state":"KGZ","date":"9999-12-31"}`, 400, "act-date", "date"},
		{"Session2099", "delegate:RUS", "/api/v1/sessions", `{"kind":"extraordinary","date":"2099-01-01"}`, 400, "act-date", "date"},
		{"Session9999", "secretariat", "/api/v1/sessions", `{"kind":"extraordinary","date":"9999-12-31"}`, 400, "act-date", "date"},
		// History dated ahead: no one records what has not happened.
		{"HistorySession2099", "secretariat", "/api/v1/commands",
			history("h:s-2099", "session.convene", "2099-01-01", `{"id":"s-2099","org":"csto","body":"csc","kind":"extraordinary"}`), 400, "future-date", "date"},
		{"HistoryRequest9999", "secretariat", "/api/v1/commands",
			history("h:r-9999", "request.file", "9999-12-31", `{"id":"r-9999","org":"csto","state":"KGZ","kind":"consultations"}`), 400, "future-date", "date"},
		// Reports dated 0000 or 19XX: as an act, not today; as history,
		// before the record or no day at all.
		{"Report0000", "secretariat", "/api/v1/operations/op-open/reports", `{"troops":5,"date":"0000"}`, 400, "act-date", "date"},
		{"Report19XX", "secretariat", "/api/v1/operations/op-open/reports", `{"troops":5,"date":"19XX"}`, 400, "act-date", "date"},
		{"HistoryReport0000", "secretariat", "/api/v1/commands",
			history("h:rep-0000", "operation.report", "0000", `{"operation":"op-open","troops":5}`), 400, "plausibility", "date"},
		{"HistoryReport19XX", "secretariat", "/api/v1/commands",
			history("h:rep-19xx", "operation.report", "19XX", `{"operation":"op-open","troops":5}`), 400, "plausibility", "date"},
		// Troops of 10^18, pledged or reported.
		{"Contingent1e18", "delegate:KGZ", "/api/v1/operations/op-open/contingents", `{"state":"KGZ","troops":1000000000000000000}`, 400, "plausibility", "troops"},
		{"Report1e18", "secretariat", "/api/v1/operations/op-open/reports", `{"troops":1000000000000000000}`, 400, "plausibility", "troops"},
		// Before the state or the organization existed.
		{"RequestBeforeKazakhstan", "secretariat", "/api/v1/commands",
			history("h:r-1990", "request.file", "1990-01-01", `{"id":"r-1990","org":"csto","state":"KAZ","kind":"assistance"}`), 409, "state-existence", ""},
		{"SessionBeforeAChair", "secretariat", "/api/v1/commands",
			history("h:s-1995", "session.convene", "1995-03-01", `{"id":"s-1995","org":"csto","body":"csc","kind":"extraordinary"}`), 409, "chairmanship", ""},
		{"ExerciseBeforeTheCSTO", "secretariat", "/api/v1/commands",
			history("h:x-1990", "exercise.hold", "1990-03-01", `{"id":"x-1990","org":"csto","name":{"ar":"ت","en":"Drill","ru":"У"},"troops":100}`), 400, "plausibility", "date"},
		{"Exercise1e18", "secretariat", "/api/v1/commands",
			history("h:x-2025", "exercise.hold", "2025-03-01", `{"id":"x-2025","org":"csto","name":{"ar":"ت","en":"Drill","ru":"У"},"troops":1000000000000000000}`), 400, "plausibility", "data.troops"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.t = t
			r := e.do("POST", tc.path, tc.who, tc.body)
			if tc.rule == "" {
				if r.status != tc.status || !problemNames(r.json(t), tc.field) {
					t.Fatalf("%d %s; want %d naming %s", r.status, r.body, tc.status, tc.field)
				}
				if e.seq() != seq {
					t.Fatal("a refused request changed the log")
				}
				return
			}
			e.refusal(r, tc.status, tc.rule, tc.field, seq)
		})
	}
}
