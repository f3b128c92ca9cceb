package web_test

import (
	"net/http/httptest"
	"net/url"
	"testing"
)

// TestBackDatedForms: the attack of issue 11 through the web forms, over
// real HTTP with Kazakhstan's signed-in session. Kazakhstan chaired the
// Council in 2024; on the tests' day Russia does. A session convened
// with a posted date of 2024-06-01 (the forms offer no date, but a posted
// one is read) is refused at once under the act-date rule, and so is
// every later step of the attack — putting a draft, a position, closing
// the vote and the session — tried on a session and a draft that exist.
// The log does not change.
func TestBackDatedForms(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	const kaz, past = "delegate-kaz", "2024-06-01"
	clients := signedIn(t, srv, kaz)
	refused := []string{"act-date: an act takes effect when it is recorded, so its date is today, 2026-11-28 (or none); 2024-06-01 is not."}
	seq := e.reg.Model().Seq
	step{name: "Convene", as: kaz, page: "/institutions", hidden: true, path: "/sessions",
		form: url.Values{"body": {"csc"}, "kind": {"extraordinary"}, "date": {past}}, status: 400, want: refused}.run(t, clients)
	if got := e.reg.Model().Seq; got != seq {
		t.Fatalf("the refused convening changed the log: %d events, was %d", got, seq)
	}

	openCouncil(t, e) // Kazakhstan's request, Russia's session and draft, today
	seq = e.reg.Model().Seq
	session, decision := "/sessions/"+sesID, "/decisions/"+decID
	for _, s := range []step{
		{name: "Propose", as: kaz, page: session, hidden: true, path: session + "/decisions",
			form: url.Values{"title_en": {"Back-dated"}, "title_ru": {"Задним числом"}, "title_ar": {"بأثر رجعي"}, "date": {past}}},
		{name: "Position", as: kaz, page: decision, path: decision + "/positions", form: url.Values{"position": {"for"}, "date": {past}}},
		{name: "CloseVote", as: kaz, page: decision, hidden: true, path: decision + "/close", form: url.Values{"date": {past}}},
		{name: "CloseSession", as: kaz, page: session, hidden: true, path: session + "/close", form: url.Values{"date": {past}}},
	} {
		s.status, s.want = 400, refused
		t.Run(s.name, func(t *testing.T) { s.run(t, clients) })
	}
	if got := e.reg.Model().Seq; got != seq {
		t.Fatalf("the refused steps changed the log: %d events, was %d", got, seq)
	}
	if d := e.reg.Model().Decisions[decID]; d == nil || d.Outcome != "" || len(d.Positions) != 0 {
		t.Errorf("the draft after the refused steps: %+v", d)
	}
}
