package web_test

import (
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var auditRow = regexp.MustCompile(`<tr(?: class="bad")?><th scope="row" class="num">(\d+)</th>`)

func auditSeqs(body string) []int {
	var out []int
	for _, m := range auditRow.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

func TestAudit(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	head := int(e.reg.Model().Seq)
	c := newClient(t, srv)

	t.Run("FirstPage", func(t *testing.T) {
		resp, body := c.get("/audit")
		wantStatus(t, resp, 200, body)
		seqs := auditSeqs(body)
		if len(seqs) != 50 || seqs[0] != head || seqs[49] != head-49 {
			t.Fatalf("rows %v; want the 50 latest, %d first", seqs, head)
		}
		wantIn(t, body, "The chain is intact.", strconv.Itoa(head)+" events recomputed just now", e.reg.Model().Head,
			`href="/audit?before=`+strconv.Itoa(head-49)+`&amp;lang=en" rel="next"`,
			`href="/api/v1/events?after=`+strconv.Itoa(head-1)+`&amp;lang=en&amp;limit=1"`, "<code dir=\"ltr\">system:history</code>")
		wantNotIn(t, body, `rel="prev"`)
	})
	t.Run("OlderPage", func(t *testing.T) {
		resp, body := c.get("/audit?before=" + strconv.Itoa(head-49))
		wantStatus(t, resp, 200, body)
		if seqs := auditSeqs(body); len(seqs) != 50 || seqs[0] != head-50 {
			t.Fatalf("rows %v", seqs)
		}
		wantIn(t, body, `href="/audit?lang=en" rel="prev"`, "Page 2 of")
	})
	t.Run("FirstEvent", func(t *testing.T) {
		_, body := c.get("/audit?before=2")
		if seqs := auditSeqs(body); len(seqs) != 1 || seqs[0] != 1 {
			t.Fatalf("rows %v; want event 1 alone", seqs)
		}
		wantNotIn(t, body, `rel="next"`)
		// The first event links to no previous one.
		wantIn(t, body, "— (the first event)", "Events 1–1 of")
	})
	for _, bad := range []string{"0", "1", "abc", strconv.Itoa(head + 2)} {
		t.Run("ErrBefore"+bad, func(t *testing.T) {
			resp, body := c.get("/audit?before=" + bad)
			wantStatus(t, resp, 400, body)
			wantIn(t, body, "before: ")
		})
	}
	t.Run("Actor", func(t *testing.T) {
		d := signedIn(t, srv, "delegate-kgz")["delegate-kgz"]
		resp, body := d.submit("/requests", map[string][]string{"kind": {"consultations"}})
		wantStatus(t, resp, 303, body)
		_, body = c.get("/audit")
		wantIn(t, body, `<th scope="row" class="num">`+strconv.Itoa(head+1)+`</th>`, "<code dir=\"ltr\">delegate:KGZ@delegate-kgz</code>", "request.file")
	})
}

// TestAuditBrokenChain: an event altered behind csto's back (the
// append-only trigger dropped, a body rewritten) breaks the chain there,
// and the page says so, naming the event.
func TestAuditBrokenChain(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	db := e.st.DB()
	if _, err := db.Exec(`DROP TRIGGER events_append_only_update`); err != nil {
		t.Fatal(err)
	}
	var bad int
	if err := db.QueryRow(`SELECT min(seq) FROM events WHERE body LIKE '%Tashkent%'`).Scan(&bad); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE events SET body = replace(body, 'Tashkent', 'Moscow') WHERE seq = ?`, bad); err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv)
	resp, body := c.get("/audit?before=" + strconv.Itoa(bad+1))
	wantStatus(t, resp, 200, body)
	wantIn(t, body, "The chain is broken at event "+strconv.Itoa(bad)+".", "content does not match its hash", `<tr class="bad"><th scope="row" class="num">`+strconv.Itoa(bad)+`</th>`)
	wantNotIn(t, body, "The chain is intact.")
	if !strings.Contains(body, `role="alert"`) {
		t.Error("a broken chain is not an alert")
	}
}
