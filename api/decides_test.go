package api_test

import (
	"strings"
	"testing"
)

// TestActCitesTheDecisionThatDecidedIt: through the API, an act citing a
// decision is accepted only with the decision that decided that act for
// that state (registry/decides.go): Kyrgyzstan's suspension by the
// decision to suspend it, not by the one establishing an operation in
// Kyrgyzstan; Uzbekistan's reinstatement not by the Kazakhstan decision
// of 2022. A refusal is a 409 under the act's rule, saying what the
// decision decided, and writes nothing.
func TestActCitesTheDecisionThatDecidedIt(t *testing.T) { onEachBackend(t, actCitesTheDecision) }

func actCitesTheDecision(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	setup(t, e)
	for _, c := range []struct{ verb, body, rule, says string }{
		{"suspend", `{"state":"KGZ","decision":"d-op"}`, "Charter: suspension", "decision d-op decided establish operation in KGZ, not suspend KGZ"},
		{"reinstate", `{"state":"UZB","decision":"dec-csc-2022-01-06-kazakhstan"}`, "Charter: suspension",
			"decision dec-csc-2022-01-06-kazakhstan decided establish operation in KAZ, not reinstate UZB"},
		{"admit", `{"state":"SRB","decision":"dec-csc-2022-01-06-kazakhstan"}`, "Charter: admission",
			"decision dec-csc-2022-01-06-kazakhstan decided establish operation in KAZ, not admit SRB"},
	} {
		before := e.seq()
		r := e.do("POST", "/api/v1/membership/"+c.verb, "secretariat", c.body)
		if r.status != 409 || !strings.Contains(string(r.body), `"rule":"`+c.rule+`"`) || !strings.Contains(string(r.body), c.says) {
			t.Errorf("%s %s: %d %s; want 409 under %q saying %q", c.verb, c.body, r.status, r.body, c.rule, c.says)
		}
		if e.seq() != before {
			t.Errorf("%s %s: a refused act wrote to the log", c.verb, c.body)
		}
	}
	r := e.do("POST", "/api/v1/membership/suspend", "secretariat", `{"state":"KGZ","decision":"d-suspend"}`)
	if r.status != 200 || !strings.Contains(string(r.body), `"status":"suspended"`) {
		t.Fatalf("suspend KGZ by d-suspend: %d %s; want 200, suspended", r.status, r.body)
	}
	r = e.do("GET", "/api/v1/decisions/d-suspend", "", nil)
	if r.status != 200 || !strings.Contains(string(r.body), `"subject":{"act":"suspend","state":"KGZ"}`) {
		t.Fatalf("the decision's record: %d %s; want its subject", r.status, r.body)
	}
}
