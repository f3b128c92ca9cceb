package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/service"
)

// The procedure forms, walked through as the delegations and the
// Secretariat would on 28 November 2026 (Russia chairs the Council):
// Kazakhstan asks for assistance; Russia's delegation convenes the
// Council and puts a draft; positions; the Secretariat closes the vote,
// creates the operation, records its phases and strength; contingents;
// the session closes; membership steps. Every form is taken once as it
// should succeed and at least once as the registry or the form refuses
// it, and the refusal is shown on the page the form was on, naming the
// field or the rule.

const (
	reqID = "req-kaz-2026-11-28"
	sesID = "csc-2026-11-28"
	decID = "dec-csc-2026-11-28"
	opID  = "op-kaz-2026"
)

type step struct {
	name   string
	as     string // the account
	page   string // the page the form is on (loaded first, for the CSRF token)
	hidden bool   // the page does not offer the form to this account
	path   string // where it posts
	form   url.Values
	status int
	loc    string   // where a success goes (303)
	want   []string // what the answer (or, after a 303, the resulting page) shows
	lang   string
}

func (s step) run(t *testing.T, clients map[string]*client) {
	t.Helper()
	c := clients[s.as]
	c.lang = "en"
	if s.lang != "" {
		c.lang = s.lang
	}
	resp, body := c.get(s.page)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: status %d", s.page, resp.StatusCode)
	}
	action := `action="` + s.path + `?lang=` + c.lang + `"`
	offered := strings.Contains(body, action)
	if offered == s.hidden {
		t.Errorf("%s offers the form %s to %s: %v, want %v", s.page, s.path, s.as, offered, !s.hidden)
	}
	// Irreversible steps are posted as confirmed (TestConfirm posts them
	// unconfirmed first).
	form := url.Values{"from": {pageName(s.page)}, "confirm": {"yes"}}
	for k, v := range s.form {
		form[k] = v
	}
	resp, body = c.submit(s.path, form)
	wantStatus(t, resp, s.status, body)
	if s.status == http.StatusSeeOther {
		loc := resp.Header.Get("Location")
		if u, err := url.Parse(loc); err != nil || u.Path != s.loc || u.Query().Get("done") == "" || u.Query().Get("lang") != c.lang {
			t.Fatalf("Location %q, want %q with the success notice, in %s", loc, s.loc, c.lang)
		}
		_, body = c.get(loc)
		wantIn(t, body, `<p class="success" role="status" id="done">`, `href="`+s.loc+`?lang=`+c.lang+`">This is the new record</a>`)
	} else {
		// A refusal shows the page again: the form with its messages and
		// an alert pointing to it; or, when the page does not offer the
		// form to this account, the messages in the alert.
		wantIn(t, body, `role="alert"`)
		if !s.hidden {
			wantIn(t, body, action, `</strong> <a href="#f-`)
		}
		if !strings.Contains(body, `aria-invalid="true"`) && !strings.Contains(body, `class="refusal"`) {
			t.Error("the refusal marks neither a field nor the form")
		}
	}
	wantIn(t, body, s.want...)
}

// pageName is the page family of an address, as forms name it in "from".
func pageName(path string) string {
	switch p := strings.Trim(path, "/"); {
	case strings.HasPrefix(p, "sessions/"):
		return "session"
	case strings.HasPrefix(p, "decisions/"):
		return "decision"
	case strings.HasPrefix(p, "operations/"):
		return "operation"
	default:
		return p
	}
}

func signedIn(t *testing.T, srv *httptest.Server, names ...string) map[string]*client {
	clients := map[string]*client{}
	for _, n := range names {
		c := newClient(t, srv)
		c.signIn(n)
		clients[n] = c
	}
	return clients
}

func TestForms(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	clients := signedIn(t, srv, "delegate-kaz", "delegate-rus", "delegate-uzb", "delegate-arm", "delegate-kgz", "secretariat")
	const (
		kaz, rus, uzb, arm, kgz, sec = "delegate-kaz", "delegate-rus", "delegate-uzb", "delegate-arm", "delegate-kgz", "secretariat"
		session, decision, operation = "/sessions/" + sesID, "/decisions/" + decID, "/operations/" + opID
	)
	v := func(kv ...string) url.Values {
		f := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			f.Add(kv[i], kv[i+1])
		}
		return f
	}
	// refusedUnder: the rule's name in the page's language, then the
	// registry's words, which start with the rule.
	refusedUnder := func(name, rule, detail string) []string {
		return []string{"The record refuses this step under the rule:", `<span class="rule">` + name + `</span>`,
			`<p class="detail" lang="en" dir="ltr">` + rule + ": " + detail}
	}
	forbidden := func(detail string) []string {
		return []string{"This account may not take this step, under the rule:", `<span class="rule">authority (who may act)</span>`,
			`<p class="detail" lang="en" dir="ltr">authority: ` + detail}
	}
	for _, s := range []step{
		// A request: the delegation's own state, under Art. 4 or Art. 2.
		{name: "Request/ErrRequired", as: kaz, page: "/operations", path: "/requests", form: v("kind", ""), status: 400,
			want: []string{`id="f-request-kind-err"><strong>This field is required.</strong>`, `aria-describedby="f-request-kind-err"`, "The form “File a request” was not carried out.", `href="#f-request"`}},
		// The forms offer no date (an act is dated the day it is
		// recorded), but a posted one is still read and checked.
		{name: "Request/ErrBadDate", as: kaz, page: "/account", path: "/requests", form: v("kind", "assistance", "date", "2026-13-01", "statement", "Kept"), status: 400,
			want: []string{"<h1>My delegation: Kazakhstan</h1>", "Check this field:", "month 13 out of range", `id="f-request-date-err"`, ">Kept</textarea>"}},
		{name: "Request/ErrSuspendedMember", as: uzb, hidden: true, page: "/operations", path: "/requests", form: v("kind", "assistance", "statement", "Help"), status: 409,
			want: refusedUnder("Collective Security Treaty, Article 4", "CST Art. 4", "only a member state may request assistance; UZB is suspended since 2012-12-19")},
		{name: "Request/ErrSuspendedMemberArabic", as: uzb, hidden: true, page: "/operations", path: "/requests", form: v("kind", "assistance"), status: 409, lang: "ar",
			want: []string{`<html lang="ar" dir="rtl">`, "رفض السجل هذه الخطوة بموجب القاعدة:", "المادة 4 من معاهدة الأمن الجماعي", `lang="ar" dir="rtl">المادة 4 من معاهدة الأمن الجماعي: لا يطلب المساعدة إلا دولة عضو؛ ووضع UZB هو عضوية معلّقة منذ 2012-12-19</p>`}},
		{name: "Request/OK", as: kaz, page: "/operations", path: "/requests", form: v("kind", "assistance", "statement", "Unrest in Almaty"), status: 303,
			loc: "/requests/" + reqID, want: []string{"request for assistance: Kazakhstan", "«Unrest in Almaty»", "pending"}},

		// The chair's delegation (Russia in 2026) or the Secretariat convenes.
		{name: "Convene/ErrNotChair", as: kaz, page: "/institutions", hidden: true, path: "/sessions", form: v("kind", "extraordinary"), status: 403,
			want: forbidden("the chair&#39;s powers belong to the chairing state&#39;s delegates (RUS on 2026-11-28)")},
		{name: "Convene/ErrKind", as: rus, page: "/institutions", path: "/sessions", form: v("body", "csc", "kind", "secret"), status: 400,
			want: []string{`id="f-convene-kind-err"`, "unknown session kind"}},
		{name: "Convene/OK", as: rus, page: "/institutions", path: "/sessions", form: v("body", "csc", "kind", "extraordinary", "place", "Moscow", "agenda", "Kazakhstan's request\nAny other business"), status: 303,
			loc: "/sessions/" + sesID, want: []string{"extraordinary, Moscow", "<li>Kazakhstan&#39;s request</li><li>Any other business</li>", "open"}},

		// Attendance: the Secretariat records, a delegation announces its own.
		{name: "Attend/ErrOtherState", as: kaz, page: session, path: session + "/attendance", form: v("state", "BLR", "presence", "present"), status: 403,
			want: forbidden("BLR&#39;s presence is recorded by the Secretariat or announced by its own delegates; delegate:KAZ@delegate-kaz may not")},
		{name: "Attend/ErrNoSeat", as: sec, page: session, path: session + "/attendance", form: v("state", "AZE", "presence", "present"), status: 409,
			want: refusedUnder("membership", "membership", "AZE is not a member of csto")},
		{name: "Attend/OK", as: sec, page: session, path: session + "/attendance", form: v("state", "ARM", "presence", "absent", "reason", "boycott of the Council"), status: 303,
			loc: session, want: []string{"boycott of the Council"}},
		{name: "Attend/OwnDelegation", as: kaz, page: session, path: session + "/attendance", form: v("presence", "present"), status: 303, loc: session},

		// The draft, answering Kazakhstan's request.
		{name: "Propose/ErrNoTitle", as: rus, page: session, path: session + "/decisions", form: v("basis", "CST Art. 4", "request", reqID), status: 400,
			want: []string{`id="f-propose-csc-2026-11-28-title-err"`, "text is required in ar", `aria-describedby="f-propose-csc-2026-11-28-title-err"`}},
		{name: "Propose/OK", as: rus, page: session, path: session + "/decisions", form: v("title_en", "Assistance to Kazakhstan", "title_ru", "О помощи Казахстану", "basis", "CST Art. 4", "request", reqID, "subject", "establish-operation KAZ"), status: 303,
			loc: decision, want: []string{"<h1>Assistance to Kazakhstan</h1>", "open"}},

		// Positions: members in good standing, present. The pages offer
		// neither a request nor a position to a suspended or frozen member
		// (registry.Model.Offer); posted anyway, the rule refuses them.
		{name: "Position/ErrSuspended", as: uzb, hidden: true, page: decision, path: decision + "/positions", form: v("position", "for"), status: 409,
			want: refusedUnder("Charter: consensus", "Charter: consensus", "only a member in good standing takes part in a decision; UZB is suspended since 2012-12-19")},
		{name: "Position/ErrFrozen", as: arm, hidden: true, page: decision, path: decision + "/positions", form: v("position", "objects"), status: 409,
			want: refusedUnder("Charter: consensus", "Charter: consensus", "only a member in good standing takes part in a decision; ARM is participation-frozen since 2024-02-22")},
		{name: "Position/OK", as: kaz, page: "/account", path: decision + "/positions", form: v("position", "for"), status: 303,
			loc: decision, want: []string{`<td>for</td>`}},

		// The vote closes; the outcome is computed.
		{name: "CloseVote/ErrNotChair", as: kgz, page: decision, hidden: true, path: decision + "/close", status: 403,
			want: forbidden("the chair&#39;s powers belong to the chairing state&#39;s delegates")},
		{name: "CloseVote/OK", as: sec, page: decision, path: decision + "/close", status: 303,
			loc: decision, want: []string{`<span class="outcome-adopted">adopted</span>`}},

		// The operation: from the adopted decision, hosted by the requester.
		{name: "Operation/ErrWrongHost", as: sec, page: "/operations", path: "/operations", form: v("decision", decID, "host", "BLR", "name_en", "Wrong"), status: 409,
			want: refusedUnder("Collective Security Treaty, Article 4", "CST Art. 4", "decision dec-csc-2026-11-28 answers KAZ&#39;s request; the operation&#39;s host must be KAZ, not BLR")},
		{name: "Operation/ErrUntil", as: sec, page: "/operations", path: "/operations", form: v("decision", decID, "host", "KAZ", "name_en", "Op", "until", "soon"), status: 400,
			want: []string{`id="f-operation-until-err"`}},
		{name: "Operation/OK", as: sec, page: "/operations", path: "/operations", form: v("decision", decID, "host", "KAZ", "force", "cpf", "name_en", "Peacekeeping in Kazakhstan", "name_ru", "Миротворческая операция в Казахстане", "until", "2027-01-31"), status: 303,
			loc: operation, want: []string{"<h1>Peacekeeping in Kazakhstan</h1>", "Collective Peacekeeping Forces"}},

		// Contingents: each pledged by its own delegation, once.
		{name: "Contingent/ErrNumber", as: kgz, page: operation, path: operation + "/contingents", form: v("troops", "many"), status: 400,
			want: []string{`id="f-contingent-op-kaz-2026-troops-err"`, "is not a whole number", `value="many"`}},
		{name: "Contingent/OK", as: kgz, page: operation, path: operation + "/contingents", form: v("troops", "١٥٠", "approx", "1", "units", "a peacekeeping battalion"), status: 303, // Arabic-Indic digits, read as 150
			loc: operation, want: []string{"~150", "a peacekeeping battalion"}},
		{name: "Contingent/ErrTwice", as: kgz, page: operation, hidden: true, path: operation + "/contingents", form: v("troops", "20"), status: 409,
			want: []string{"This step clashes with the record:", `<p class="detail" lang="en" dir="ltr">id: command &#34;operation.contingent:op-kaz-2026:KGZ&#34; is already in the log`}},

		// Phases and strength: the Secretariat's record.
		{name: "Phase/ErrDelegate", as: kaz, page: operation, hidden: true, path: operation + "/phases", form: v("phase", "deployment-start"), status: 403,
			want: forbidden("operation.phase is recorded by the Secretariat")},
		{name: "Phase/OK", as: sec, page: operation, path: operation + "/phases", form: v("phase", "deployment-start"), status: 303,
			loc: operation, want: []string{"deployment begins"}},
		{name: "Phase/ErrTwice", as: sec, page: operation, path: operation + "/phases", form: v("phase", "deployment-start"), status: 409,
			want: []string{"This step clashes with the record:", "operation.phase:op-kaz-2026:deployment-start&#34; is already in the log"}},
		// An act takes effect the day it is recorded: a phase dated
		// yesterday is refused before any rule of the operation is asked.
		{name: "Phase/ErrBackDated", as: sec, page: operation, path: operation + "/phases", form: v("phase", "withdrawal-complete", "date", "2026-11-27"), status: 400,
			want: []string{"act-date: an act takes effect when it is recorded, so its date is today, 2026-11-28 (or none); 2026-11-27 is not."}},
		{name: "Report/ErrNegative", as: sec, page: operation, path: operation + "/reports", form: v("troops", "-5"), status: 400,
			want: []string{`id="f-report-op-kaz-2026-troops-err"`}},
		{name: "Report/OK", as: sec, page: operation, path: operation + "/reports", form: v("troops", "2030", "vehicles", "250"), status: 303,
			loc: operation, want: []string{"2,030", "250"}},

		// The session closes.
		{name: "CloseSession/ErrNotChair", as: kaz, page: session, path: session + "/close", status: 403, hidden: true,
			want: forbidden("the chair&#39;s powers belong to the chairing state&#39;s delegates")},
		{name: "CloseSession/OK", as: sec, page: session, path: session + "/close", form: v("documents", "Joint statement"), status: 303,
			loc: session, want: []string{"Joint statement", "closed"}},
		{name: "Attend/ErrClosed", as: sec, page: session, hidden: true, path: session + "/attendance", form: v("state", "KAZ", "presence", "present"), status: 409,
			want: refusedUnder("Charter: the Council&#39;s procedure", "Charter: Council procedure", "session csc-2026-11-28 closed on 2026-11-28")},

		// Membership: a state's own steps; the Council's, recorded by the Secretariat.
		{name: "Membership/ErrFrozenTwice", as: arm, page: "/account", path: "/membership", form: v("verb", "freeze"), status: 409,
			want: refusedUnder("membership", "membership", "only a member can declare its participation frozen; ARM is participation-frozen since 2024-02-22")},
		{name: "Membership/ErrNoticeWithoutDate", as: kaz, page: "/account", path: "/membership", form: v("verb", "notice"), status: 400,
			want: []string{`id="f-membership-effective-err"`, "a notice of withdrawal says when the withdrawal takes effect"}},
		// Messages in the reader's language, with no English beside them;
		// a date typed in Arabic-Indic digits read as ASCII.
		{name: "Membership/ErrNoticeWithoutDateArabic", as: kaz, page: "/account", path: "/membership", form: v("verb", "notice"), status: 400, lang: "ar",
			want: []string{`id="f-membership-effective-err"><strong>إشعار الانسحاب يذكر متى يسري الانسحاب</strong></p>`}},
		{name: "Membership/ErrNoticeBadDateRussian", as: kaz, page: "/account", path: "/membership", form: v("verb", "notice", "effective", "٢٠٢٧-١٣-٠١"), status: 400, lang: "ru",
			want: []string{`id="f-membership-effective-err"><strong>«2027-13-01» — не дата: напишите ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД`}},
		{name: "Membership/ErrNoticeBeforeTodayArabic", as: kaz, page: "/account", path: "/membership", form: v("verb", "notice", "effective", "٢٠٢٦-٠١-٠١"), status: 400, lang: "ar",
			want: []string{`<strong>لا يسري الانسحاب (2026-01-01) قبل إشعاره (2026-11-28)</strong></p>`}},
		{name: "Membership/Notice", as: kaz, page: "/account", path: "/membership", form: v("verb", "notice", "effective", "٢٠٢٧-٠٦-٠١"), status: 303,
			loc: "/states/KAZ", want: []string{"notice of withdrawal"}},
		{name: "Membership/ErrSuspensionWithoutDecision", as: sec, page: "/account", path: "/membership", form: v("verb", "suspend", "state", "KGZ"), status: 409,
			want: refusedUnder("Charter: suspension", "Charter: suspension", "suspension needs a decision of the Council")},
		{name: "Membership/ErrDelegateForOther", as: kaz, page: "/account", path: "/membership", form: v("verb", "withdraw", "state", "BLR"), status: 403,
			want: forbidden("only BLR&#39;s delegates act in its name")},
		// The Kazakhstan decision decided an operation, not Uzbekistan's
		// reinstatement (issue 15); the suspension's decision either.
		{name: "Membership/ErrReinstateByAnotherDecision", as: sec, page: "/account", path: "/membership", form: v("verb", "reinstate", "state", "UZB", "decision", decID), status: 409,
			want: []string{"decision " + decID + " decided establish operation in KAZ, not reinstate UZB"}},
	} {
		ok := t.Run(s.name, func(t *testing.T) { s.run(t, clients) })
		if !ok && s.status == http.StatusSeeOther {
			t.Fatalf("%s failed; the steps after it depend on it", s.name)
		}
	}
	if err := e.reg.Verify(t.Context()); err != nil {
		t.Errorf("the chain after the forms: %v", err)
	}
}

// TestFormsByRole: each account sees the forms it has a use for, and no
// others (the registry decides in the end; TestForms posts the hidden
// ones too).
func TestFormsByRole(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	clients := signedIn(t, srv, "delegate-kaz", "delegate-rus", "delegate-arm", "secretariat", "admin")
	anon := newClient(t, srv)
	for _, tc := range []struct {
		as, page  string
		want, not []string
	}{
		{"", "/operations", nil, []string{`method="post" action="/requests?lang=en"`, `action="/operations?lang=en"`}},
		{"delegate-kaz", "/operations", []string{`action="/requests?lang=en"`, "In the name of Kazakhstan"}, []string{`action="/operations?lang=en"`}},
		{"secretariat", "/operations", []string{`action="/operations?lang=en"`, `<option value="dec-csc-2022-09-13-armenia-mission">`}, []string{`action="/requests?lang=en"`}},
		{"delegate-kaz", "/institutions", nil, []string{`action="/sessions?lang=en"`}},
		{"delegate-rus", "/institutions", []string{`action="/sessions?lang=en"`, `<option value="csc" selected>`}, nil},
		{"secretariat", "/institutions", []string{`action="/sessions?lang=en"`}, nil},
		{"admin", "/institutions", nil, []string{`action="/sessions?lang=en"`}},
		{"delegate-kaz", "/account", []string{"<h1>My delegation: Kazakhstan</h1>", "member since", `action="/requests?lang=en"`, `action="/membership?lang=en"`, `<option value="notice">give notice of withdrawal</option>`},
			[]string{`action="/sessions?lang=en"`, `<option value="suspend">`, `<option value="apply">`}},
		// Armenia's participation is frozen: it may give notice or
		// withdraw, not freeze again, apply or request.
		{"delegate-arm", "/account", []string{`action="/membership?lang=en"`, `<option value="notice">`, `<option value="withdraw">`},
			[]string{`<option value="freeze">`, `<option value="apply">`, `action="/requests?lang=en"`}},
		{"delegate-rus", "/account", []string{"your delegation chairs", `action="/sessions?lang=en"`}, nil},
		{"secretariat", "/account", []string{"<h1>Secretariat: what is under way</h1>", `action="/sessions?lang=en"`, `<option value="suspend">suspend membership</option>`, `name="state"`},
			[]string{`action="/requests?lang=en"`, `<option value="freeze">`}},
		{"admin", "/account", []string{"An administrator keeps the reference data"}, []string{`action="/membership?lang=en"`}},
		// A finished operation takes no contingent and no phase.
		{"delegate-kaz", "/operations/op-kaz-2022", nil, []string{"/contingents", "/phases"}},
		{"secretariat", "/operations/op-kaz-2022", []string{`action="/operations/op-kaz-2022/reports?lang=en"`}, []string{"/phases"}},
		// A closed session and a closed vote take no forms.
		{"secretariat", "/sessions/csc-2012-12-19", nil, []string{`method="post" action="/sessions/`}},
		{"delegate-rus", "/decisions/dec-csc-2022-11-23-armenia-assistance", nil, []string{"/positions", "/close"}},
	} {
		t.Run(tc.as+tc.page, func(t *testing.T) {
			c := anon
			if tc.as != "" {
				c = clients[tc.as]
			}
			resp, body := c.get(tc.page)
			wantStatus(t, resp, 200, body)
			wantIn(t, body, tc.want...)
			wantNotIn(t, body, tc.not...)
		})
	}
}

// TestRequestSeenByTheSecretariat: a request a delegation files shows on
// the Secretariat's page and on /operations, for anyone.
func TestRequestSeenByTheSecretariat(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	clients := signedIn(t, srv, "delegate-tjk", "secretariat")
	tjk := clients["delegate-tjk"]
	tjk.get("/account")
	resp, body := tjk.submit("/requests", url.Values{"kind": {"consultations"}, "statement": {"Border incident"}, "from": {"account"}})
	wantStatus(t, resp, 303, body)
	id, _, _ := strings.Cut(strings.TrimPrefix(resp.Header.Get("Location"), "/requests/"), "?")
	_, body = clients["secretariat"].get("/account")
	wantIn(t, body, `<tr data-request="`+id+`">`, "«Border incident»", "request for consultations")
	_, body = newClient(t, srv).get("/operations")
	wantIn(t, body, `<tr data-request="`+id+`">`)
	_, body = tjk.get("/account")
	wantIn(t, body, `<tr data-request="`+id+`">`, "Requests of Tajikistan")
}

// TestCSRF: every form's POST needs the session's CSRF token; without it,
// or with another, the answer is 403 and the record does not change.
func TestCSRF(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	c := signedIn(t, srv, "secretariat")["secretariat"]
	other := signedIn(t, srv, "delegate-rus")["delegate-rus"]
	seq := e.reg.Model().Seq
	for _, path := range []string{"/requests", "/sessions", "/sessions/x/attendance", "/sessions/x/decisions", "/sessions/x/close",
		"/decisions/x/positions", "/decisions/x/close", "/operations", "/operations/x/contingents", "/operations/x/phases",
		"/operations/x/reports", "/membership", "/signout"} {
		for _, tc := range []struct {
			name string
			csrf []string
		}{{"Missing", nil}, {"Empty", []string{""}}, {"Wrong", []string{c.csrf + "x"}}, {"AnotherSessions", []string{other.csrf}}} {
			t.Run(strings.ReplaceAll(path, "/", "_")+"/"+tc.name, func(t *testing.T) {
				form := url.Values{"kind": {"regular"}, "body": {"csc"}}
				if tc.csrf != nil {
					form["csrf"] = tc.csrf
				}
				resp, body := c.post(path, form)
				wantStatus(t, resp, http.StatusForbidden, body)
				wantIn(t, body, "The form did not carry your session&#39;s security token (CSRF)")
			})
		}
	}
	if got := e.reg.Model().Seq; got != seq {
		t.Errorf("the log grew from %d to %d events", seq, got)
	}
	if _, body := c.get("/account"); !strings.Contains(body, "Secretariat: what is under way") {
		t.Error("a forged sign-out ended the session")
	}
}

// openCouncil files Kazakhstan's request and opens a session of the
// Council with a draft answering it, through the service (as the CLI and
// the API would), so that the pages show their forms.
func openCouncil(tb testing.TB, e *env) {
	tb.Helper()
	ctx := context.Background()
	svc := service.New(e.reg) // acting on the registry's clock, the env's
	kaz := csto.Actor{Role: csto.RoleDelegate, State: "KAZ", Account: "delegate-kaz"}
	rus := csto.Actor{Role: csto.RoleDelegate, State: "RUS", Account: "delegate-rus"}
	if _, err := svc.FileRequest(ctx, kaz, csto.English, service.RequestInput{Kind: "assistance"}); err != nil {
		tb.Fatal(err)
	}
	if _, err := svc.Convene(ctx, rus, csto.English, service.ConveneInput{Kind: "extraordinary"}); err != nil {
		tb.Fatal(err)
	}
	title := csto.Text{AR: "المساعدة لكازاخستان", EN: "Assistance to Kazakhstan", RU: "О помощи Казахстану"}
	if _, err := svc.Propose(ctx, rus, csto.English, service.ProposeInput{Session: sesID, Title: title, Basis: "CST Art. 4", Request: reqID}); err != nil {
		tb.Fatal(err)
	}
}

// signedInPages are the pages with forms, each looked at by the accounts
// that get forms there.
var signedInPages = []struct {
	path string
	as   []string
}{
	{"/account", []string{"delegate-kaz", "delegate-rus", "secretariat", "admin"}},
	{"/operations", []string{"delegate-kaz", "secretariat"}},
	{"/institutions", []string{"delegate-rus", "secretariat"}},
	{"/sessions/" + sesID, []string{"delegate-kaz", "delegate-rus", "secretariat"}},
	{"/decisions/" + decID, []string{"delegate-kaz", "secretariat"}},
	{"/operations/op-kaz-2022", []string{"secretariat"}},
	{"/imports", []string{"secretariat"}},
	{"/imports/1", []string{"secretariat"}}, // importBatch's
}

var (
	controlID = regexp.MustCompile(`<(?:input|select|textarea) (?:type="(?:checkbox|password)" )?id="([^"]+)"`)
	anyID     = regexp.MustCompile(` id="([^"]+)"`)
)

// TestSignedInPages holds the pages with forms to the read side's bar:
// every control has a label; ids are unique (so each label finds its
// control); no label key shows; no inline style or script; under 200 KB;
// the CSP header; in the three languages.
func TestSignedInPages(t *testing.T) {
	e := newEnv(t)
	openCouncil(t, e)
	importBatch(t, e)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	clients := signedIn(t, srv, "delegate-kaz", "delegate-rus", "secretariat", "admin")
	for _, pg := range signedInPages {
		for _, as := range pg.as {
			for _, lang := range []string{"ar", "en", "ru"} {
				t.Run(as+pg.path+"/"+lang, func(t *testing.T) {
					c := clients[as]
					c.lang = lang
					resp, body := c.get(pg.path)
					wantStatus(t, resp, 200, body)
					if !strings.Contains(body, `<form method="post" action="/`) {
						t.Error("the page shows no form")
					}
					for _, m := range controlID.FindAllStringSubmatch(body, -1) {
						if !strings.Contains(body, `<label for="`+m[1]+`"`) {
							t.Errorf("control %s has no label", m[1])
						}
					}
					seen := map[string]bool{}
					for _, m := range anyID.FindAllStringSubmatch(body, -1) {
						if seen[m[1]] {
							t.Errorf("id %q twice", m[1])
						}
						seen[m[1]] = true
					}
					if k := regexp.MustCompile(`\bweb\.[a-z_]+\.[a-z_.-]+`).FindString(stripURLs(body)); k != "" {
						t.Errorf("page shows the label key %q", k)
					}
					if strings.Contains(body, ` style="`) || strings.Contains(body, "<script>") {
						t.Error("inline style or script")
					}
					if len(body) > 200<<10 {
						t.Errorf("%d bytes", len(body))
					}
					if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self'") {
						t.Errorf("CSP %q", csp)
					}
					linksCarry(t, pg.path, body, lang)
				})
			}
		}
	}
}

// TestConfirm: an irreversible act (a notice of withdrawal, a freeze, a
// suspension, closing a vote) is first answered by a confirmation page
// that states its consequence in the page's language and writes nothing;
// posted again from that page, it is recorded. Other acts need no
// confirmation.
func TestConfirm(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	clients := signedIn(t, srv, "delegate-kaz", "delegate-kgz")
	kaz, kgz := clients["delegate-kaz"], clients["delegate-kgz"]
	for _, tc := range []struct {
		c    *client
		lang string
		form url.Values
		want string
	}{
		{kaz, "en", url.Values{"verb": {"notice"}, "effective": {"2027-06-01"}}, "Kazakhstan will give notice of withdrawal from the Treaty. The withdrawal takes effect six months after the notice"},
		{kgz, "ar", url.Values{"verb": {"freeze"}}, "ستجمّد قيرغيزستان مشاركتها في المنظمة"},
		{kaz, "ru", url.Values{"verb": {"withdraw"}}, "Казахстан выйдет из Организации"},
	} {
		seq := e.reg.Model().Seq
		tc.c.lang = tc.lang
		tc.c.get("/account")
		form := url.Values{"from": {"account"}}
		for k, v := range tc.form {
			form[k] = v
		}
		resp, body := tc.c.submit("/membership", form)
		wantStatus(t, resp, http.StatusOK, body)
		wantIn(t, body, `id="confirm-form"`, tc.want, `name="confirm" value="yes"`, `name="verb" value="`+tc.form.Get("verb")+`"`, `class="cancel"`)
		if got := e.reg.Model().Seq; got != seq {
			t.Errorf("%s: the confirmation page wrote %d events", tc.form.Get("verb"), got-seq)
		}
	}
	// Confirmed, the notice is recorded.
	kaz.lang = "en"
	resp, body := kaz.submit("/membership", url.Values{"from": {"account"}, "verb": {"notice"}, "effective": {"2027-06-01"}, "confirm": {"yes"}})
	wantStatus(t, resp, http.StatusSeeOther, body)
	if loc := resp.Header.Get("Location"); loc != "/states/KAZ?done=membership&lang=en" {
		t.Errorf("Location %q", loc)
	}
	// A request is not irreversible: recorded at once.
	seq := e.reg.Model().Seq
	resp, body = kgz.submit("/requests", url.Values{"from": {"account"}, "kind": {"consultations"}})
	wantStatus(t, resp, http.StatusSeeOther, body)
	if e.reg.Model().Seq != seq+1 {
		t.Error("the request was not recorded at once")
	}
}
