package main

import (
	"strings"
	"testing"
)

// TestSessionsSayWhatADecisionDecides: `csto sessions` prints the act a
// decision decided, in the reader's language, under the decision.
func TestSessionsSayWhatADecisionDecides(t *testing.T) {
	dir := sharedDir(t)
	for _, tc := range []struct{ lang, want string }{
		{"en", "decides: suspend the membership of UZB"},
		{"ar", "يقرّر: تعليق عضوية UZB"},
		{"ru", "решает: приостановить членство UZB"},
	} {
		out := mustRun(t, dir, "sessions", "--year", "2012", "--lang", tc.lang)
		_, after, ok := strings.Cut(out, "dec-csc-2012-12-19-uzbekistan")
		if !ok || !strings.Contains(after, tc.want) {
			t.Errorf("%s: sessions of 2012 lack %q under the decision:\n%s", tc.lang, tc.want, out)
		}
	}
}
