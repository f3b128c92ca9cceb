package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/drafts"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/importer"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/web"
)

// The Secretariat's import of an article and review of its drafts on the
// pages (/imports), as the API's /api/v1/imports and /api/v1/drafts do
// it: a preview writes nothing; saving keeps a batch; a draft is edited,
// accepted into the record through the registry's rules (its source
// registered with it), or rejected; every refusal is shown next to its
// field or with its rule; and no other account sees any of it.

// article is a timeline of our own, in Arabic: two dated entries, one
// dated by "yesterday" (the article's date resolves it), one undated.
const article = `ـ 15 مايو/أيار 1992: وقعت روسيا وأرمينيا على المعاهدة في طشقند
ـ 7 أكتوبر/تشرين الأول 2002: وقّعت الدول الست ميثاق منظمة معاهدة الأمن الجماعي في كيشيناو
ـ أمس: أرسلت روسيا قوات إلى كازاخستان
ـ ويرى مراقبون أن المنظمة تواجه تحديات`

// articleForm is the import form for article.
func articleForm(do string) url.Values {
	return url.Values{"text": {article}, "source_id": {"test-timeline"}, "source_title": {"خط زمني للاختبار"},
		"source_publisher": {"csto tests"}, "source_published": {"2022-01-06"}, "source_lang": {"ar"}, "do": {do}, "from": {"imports"}}
}

// importBatch saves article and twenty more dated lines as batch 1,
// through the drafts service, so that a batch's page has two pages.
func importBatch(tb testing.TB, e *env) int64 {
	tb.Helper()
	text := article
	for day := 1; day <= 20; day++ {
		text += fmt.Sprintf("\nـ %d مارس/آذار 2003: اجتمع وزراء خارجية روسيا وبيلاروس في مينسك", day)
	}
	src := drafts.Source{ID: "test-timeline", Title: "خط زمني للاختبار", Published: edtf.MustParse("2022-01-06"), Lang: "ar"}
	ds := importer.Parse(text, drafts.Gazetteer(e.reg.Model()), importer.Options{Lang: "ar", Published: src.Published})
	b, err := e.ds.Save(context.Background(), csto.Actor{Role: csto.RoleSecretariat, Account: "secretariat"}, src, ds)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// draftsOf lists the drafts of batch b, by line.
func draftsOf(t *testing.T, e *env, b int64) []drafts.Draft {
	t.Helper()
	ds, err := e.ds.List(t.Context(), drafts.Filter{Batch: b})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestImportPreviewWritesNothing(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	c := signedIn(t, srv, "secretariat")["secretariat"]
	resp, body := c.get("/imports")
	wantStatus(t, resp, 200, body)
	wantIn(t, body, "<h1>Import articles and review their drafts</h1>", `<form method="post" action="/imports?lang=en">`,
		`name="do" value="preview"`, `name="do" value="save"`, "No batch saved yet.")
	seq := e.reg.Model().Seq

	resp, body = c.submit("/imports", articleForm("preview"))
	wantStatus(t, resp, 200, body)
	wantIn(t, body, "Preview: nothing is saved", "4 drafts.",
		// The web's dates, the raw lines, the names the gazetteer found.
		`<tr data-line="1"><td class="num">1</td><td>15 May 1992 <code dir="ltr">1992-05-15</code></td>`,
		`<td dir="auto" lang="ar">ـ 15 مايو/أيار 1992: وقعت روسيا وأرمينيا على المعاهدة في طشقند</td>`,
		`<a href="/states/RUS?lang=en">Russia</a>, <a href="/states/ARM?lang=en">Armenia</a>`, "<td>signature<br><code dir=\"ltr\">party.sign</code></td>", "90%",
		"Collective Security Treaty Organization", "5 January 2022", "relative to the article&#39;s date 2022-01-06",
		`<tr data-line="4"><td class="num">4</td><td><span class="note">undated</span></td>`,
		// The form shows what was posted.
		`value="test-timeline"`, `<option value="ar" selected>`, ">ـ 15 مايو/أيار 1992")
	if got := e.reg.Model().Seq; got != seq {
		t.Errorf("a preview wrote %d events", got-seq)
	}
	if bs, _ := e.ds.Batches(t.Context()); len(bs) != 0 {
		t.Errorf("a preview saved %d batches", len(bs))
	}

	t.Run("Arabic", func(t *testing.T) {
		c.lang = "ar"
		defer func() { c.lang = "en" }()
		c.get("/imports")
		resp, body := c.submit("/imports", articleForm("preview"))
		wantStatus(t, resp, 200, body)
		wantIn(t, body, `<html lang="ar" dir="rtl">`, "معاينة: لم يُحفظ شيء", "15 مايو/أيار 1992", "روسيا", "بلا تاريخ")
	})
	t.Run("ErrNoText", func(t *testing.T) {
		f := articleForm("preview")
		f.Set("text", "  ")
		resp, body := c.submit("/imports", f)
		wantStatus(t, resp, 400, body)
		wantIn(t, body, `id="f-import-text-err"><strong>This field is required.</strong>`, `value="test-timeline"`)
	})
	t.Run("ErrBadPublished", func(t *testing.T) {
		f := articleForm("preview")
		f.Set("source_published", "2022-13-06")
		resp, body := c.submit("/imports", f)
		wantStatus(t, resp, 400, body)
		wantIn(t, body, `id="f-import-source_published-err"`, "Check this field:", "month 13 out of range", `value="2022-13-06"`)
	})
}

func TestImportSave(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	c := signedIn(t, srv, "secretariat")["secretariat"]
	c.get("/imports")
	seq := e.reg.Model().Seq

	t.Run("ErrNoSourceID", func(t *testing.T) {
		f := articleForm("save")
		f.Del("source_id")
		resp, body := c.submit("/imports", f)
		wantStatus(t, resp, 400, body)
		wantIn(t, body, `id="f-import-source_id-err"`, "is not a valid source id", `aria-describedby="f-import-source_id-err"`)
		if bs, _ := e.ds.Batches(t.Context()); len(bs) != 0 {
			t.Errorf("a refused save kept %d batches", len(bs))
		}
	})
	resp, body := c.submit("/imports", articleForm("save"))
	wantStatus(t, resp, http.StatusSeeOther, body)
	if loc := resp.Header.Get("Location"); loc != "/imports/1?lang=en" {
		t.Fatalf("Location %q", loc)
	}
	bs, err := e.ds.Batches(t.Context())
	if err != nil || len(bs) != 1 || bs[0].Drafts != 4 || bs[0].Source.ID != "test-timeline" || bs[0].Actor != "secretariat@secretariat" {
		t.Fatalf("batches %+v, %v", bs, err)
	}
	if got := e.reg.Model().Seq; got != seq {
		t.Errorf("saving drafts wrote %d events to the log", got-seq)
	}
	resp, body = c.get("/imports/1")
	wantStatus(t, resp, 200, body)
	wantIn(t, body, "<h1 dir=\"auto\">Batch 1: خط زمني للاختبار</h1>", `<code dir="ltr">test-timeline</code>`, "6 January 2022",
		`aria-current="page">all (4)</a>`, "pending (4)", "accepted (0)", `data-draft="1"`, `data-draft="4"`,
		`<form method="post" action="/drafts/1/edit?lang=en"`, `formaction="/drafts/1/accept?lang=en"`, `action="/drafts/1/reject?lang=en"`,
		`<textarea id="f-draft-1-text_ar" name="text_ar" rows="2" lang="ar" dir="rtl">`, `<label for="f-draft-1-text_ru">In Russian</label>`,
		`id="f-draft-1-date" name="date" value="1992-05-15"`, `id="f-draft-1-states" name="states" value="RUS, ARM"`,
		`<option value="signature" selected>signature</option>`)
	resp, body = c.get("/imports")
	wantStatus(t, resp, 200, body)
	wantIn(t, body, `<tr data-batch="1">`, `<a href="/imports/1?lang=en" dir="auto">خط زمني للاختبار</a>`, `<td class="num">4</td><td class="num">4</td><td class="num">0</td><td class="num">0</td>`)
}

func TestDraftReview(t *testing.T) {
	e := newEnv(t)
	b := importBatch(t, e)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	c := signedIn(t, srv, "secretariat")["secretariat"]
	ds := draftsOf(t, e, b)
	sign, charter, undated := ds[0], ds[1], ds[3]
	if undated.Date != "" {
		t.Fatalf("line 4 is dated %q", undated.Date)
	}
	path := func(d drafts.Draft, verb string) string { return "/drafts/" + strconv.FormatInt(d.ID, 10) + "/" + verb }
	texts := url.Values{"text_ar": {"وقّعت ست دول معاهدة الأمن الجماعي في طشقند"},
		"text_en": {"Six states sign the Collective Security Treaty in Tashkent"},
		"text_ru": {"Шесть государств подписывают Договор о коллективной безопасности в Ташкенте"}}
	form := func(d drafts.Draft, kv ...string) url.Values {
		f := url.Values{"from": {"import"}, "date": {d.Date}, "states": {strings.Join(d.States, ",")}, "orgs": {strings.Join(d.Orgs, ",")}, "kind": {d.Kind}}
		for i := 0; i+1 < len(kv); i += 2 {
			f.Set(kv[i], kv[i+1])
		}
		return f
	}
	get := func(d drafts.Draft) drafts.Draft {
		t.Helper()
		x, err := e.ds.Get(t.Context(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	c.get("/imports/1")

	t.Run("Edit", func(t *testing.T) {
		resp, body := c.submit(path(charter, "edit"), form(charter, "date", "2002-10-07", "states", "arm, blr ، kaz;kgz rus tjk", "text_en", "The Charter is signed in Chisinau"))
		wantStatus(t, resp, http.StatusSeeOther, body)
		if loc := resp.Header.Get("Location"); loc != "/imports/1?done=draft&lang=en#d2" {
			t.Errorf("Location %q", loc)
		}
		x := get(charter)
		if got := strings.Join(x.States, ","); got != "ARM,BLR,KAZ,KGZ,RUS,TJK" || x.Text.EN != "The Charter is signed in Chisinau" || x.Text.AR != "" || x.Status != drafts.Pending {
			t.Errorf("after the edit: %+v", x)
		}
		_, body = c.get("/imports/1")
		wantIn(t, body, `value="ARM, BLR, KAZ, KGZ, RUS, TJK"`, `lang="en" dir="ltr">The Charter is signed in Chisinau</textarea>`)
	})
	t.Run("ErrBadDate", func(t *testing.T) {
		resp, body := c.submit(path(sign, "edit"), form(sign, "date", "1992-13-15", "text_en", "Kept"))
		wantStatus(t, resp, 400, body)
		wantIn(t, body, `id="f-draft-1-date-err"><strong>Check this field:</strong>`, "month 13 out of range", `value="1992-13-15"`,
			`aria-describedby="f-draft-1-date-err"`, ">Kept</textarea>", "The form “Review the draft” was not carried out.", `href="#f-draft-1"`)
		if x := get(sign); x.Date != "1992-05-15" || x.Text.EN != "" {
			t.Errorf("a refused edit changed the draft: %+v", x)
		}
	})
	t.Run("ErrAcceptUndated", func(t *testing.T) {
		seq := e.reg.Model().Seq
		f := form(undated)
		for k, v := range texts {
			f[k] = v
		}
		resp, body := c.submit(path(undated, "accept"), f)
		wantStatus(t, resp, 400, body)
		wantIn(t, body, `id="f-draft-4-date-err"><strong>An undated draft cannot enter the record: give it a date first.</strong>`,
			`<span lang="en" dir="ltr">an undated draft cannot enter the record`)
		if e.reg.Model().Seq != seq {
			t.Error("the log grew")
		}
		// The texts were kept, for the next try.
		if x := get(undated); x.Text.RU != texts.Get("text_ru") || x.Status != drafts.Pending {
			t.Errorf("after the refusal: %+v", x)
		}
	})
	t.Run("ErrAcceptWithoutArabic", func(t *testing.T) {
		seq := e.reg.Model().Seq
		resp, body := c.submit(path(sign, "accept"), form(sign, "text_en", "Six states sign", "text_ru", "Шесть государств"))
		wantStatus(t, resp, 400, body)
		wantIn(t, body, `id="f-draft-1-text_ar-err"><strong>Write the event&#39;s text in this language before accepting.</strong>`,
			`id="f-draft-1-text_ar" name="text_ar" aria-invalid="true" aria-describedby="f-draft-1-text_ar-err"`, ">Six states sign</textarea>")
		if e.reg.Model().Seq != seq {
			t.Error("the log grew")
		}
	})
	t.Run("ErrAcceptRuleRussian", func(t *testing.T) {
		// Armenia as a state did not exist in 1990: the registry's rule,
		// named in the page's language.
		c.lang = "ru"
		defer func() { c.lang = "en" }()
		seq := e.reg.Model().Seq
		f := form(sign, "date", "1990-01-01")
		for k, v := range texts {
			f[k] = v
		}
		resp, body := c.submit(path(sign, "accept"), f)
		wantStatus(t, resp, http.StatusConflict, body)
		wantIn(t, body, `<html lang="ru" dir="ltr">`, "Реестр отклоняет этот шаг по правилу:", `<span class="rule">существование государства</span>`,
			`<p class="detail" lang="en" dir="ltr">state-existence: `, `value="1990-01-01"`, `action="/drafts/1/edit?lang=ru"`)
		if e.reg.Model().Seq != seq {
			t.Error("the log grew")
		}
		if x := get(sign); x.Status != drafts.Pending {
			t.Errorf("the draft is %s", x.Status)
		}
	})
	t.Run("Accept", func(t *testing.T) {
		seq := e.reg.Model().Seq
		if e.reg.Model().Sources["test-timeline"] != nil {
			t.Fatal("the batch's source is registered before any draft is accepted")
		}
		f := form(sign, "date", "1992-05-15")
		for k, v := range texts {
			f[k] = v
		}
		resp, body := c.submit(path(sign, "accept"), f)
		wantStatus(t, resp, http.StatusSeeOther, body)
		if loc := resp.Header.Get("Location"); loc != "/imports/1?done=draft&lang=en#d1" {
			t.Errorf("Location %q", loc)
		}
		m := e.reg.Model()
		if m.Seq != seq+2 {
			t.Fatalf("accepting wrote %d events; want the source and the event", m.Seq-seq)
		}
		if src := m.Sources["test-timeline"]; src == nil || src.Title != "خط زمني للاختبار" || src.Lang != "ar" {
			t.Errorf("the source on record: %+v", src)
		}
		x := get(sign)
		if x.Status != drafts.Accepted || x.Event != m.Seq {
			t.Fatalf("the draft: %+v", x)
		}
		day := edtf.MustParse("1992-05-15")
		tl, err := m.Timeline(registry.TimelineFilter{From: day, To: day}, csto.English)
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, ev := range tl.Events {
			if ev.Seq == x.Event {
				found = true
				if ev.Text != texts.Get("text_en") || len(ev.Sources) != 1 || ev.Sources[0].ID != "test-timeline" || strings.Join(ev.States, ",") != "RUS,ARM" || ev.Kind != "signature" {
					t.Errorf("the entry: %+v", ev)
				}
			}
		}
		if !found {
			t.Fatal("the event is not on the timeline")
		}
		_, body = c.get("/imports/1?status=accepted")
		link := fmt.Sprintf(`/timeline?from=1992-05-15&amp;lang=en&amp;org=&amp;to=1992-05-15#e%d`, x.Event)
		wantIn(t, body, `aria-current="page">accepted (1)</a>`, `data-draft="1"`, fmt.Sprintf("In the record: event %d.", x.Event), `href="`+link+`"`,
			texts.Get("text_en"))
		wantNotIn(t, body, `data-draft="2"`, `action="/drafts/1/edit?lang=en"`)
		_, body = c.get(strings.ReplaceAll(strings.SplitN(link, "#", 2)[0], "&amp;", "&"))
		wantIn(t, body, fmt.Sprintf(`<li id="e%d">`, x.Event), texts.Get("text_en"), "خط زمني للاختبار")

		// The source is on record now: the next draft adds one event.
		seq = e.reg.Model().Seq
		f = form(charter, "text_ar", "توقيع ميثاق المنظمة في كيشيناو", "text_ru", "Подписание Устава в Кишинёве")
		resp, body = c.submit(path(charter, "accept"), f)
		wantStatus(t, resp, http.StatusSeeOther, body)
		if got := e.reg.Model().Seq; got != seq+1 {
			t.Errorf("the second acceptance wrote %d events", got-seq)
		}
	})
	t.Run("Reject", func(t *testing.T) {
		third := ds[2]
		resp, body := c.submit(path(third, "reject"), url.Values{"from": {"import"}, "reason": {"a deployment the record holds already"}})
		wantStatus(t, resp, http.StatusSeeOther, body)
		if x := get(third); x.Status != drafts.Rejected || x.Reason != "a deployment the record holds already" {
			t.Errorf("the draft: %+v", x)
		}
		_, body = c.get("/imports/1?status=rejected")
		wantIn(t, body, `data-draft="3"`, `Rejected: <span dir="auto">a deployment the record holds already</span>`)
		// Reviewed once: a second review is refused under its rule, and
		// the page (which offers no form for it) says so.
		resp, body = c.submit(path(third, "accept"), url.Values{"from": {"import"}})
		wantStatus(t, resp, http.StatusConflict, body)
		wantIn(t, body, `class="refusal" role="alert"`, `<span class="rule">review of drafts</span>`, "draft 3 is already rejected")
	})
	t.Run("Pages", func(t *testing.T) {
		// 24 drafts, 20 a page; a draft on the second page is answered there.
		_, body := c.get("/imports/1")
		wantIn(t, body, "Drafts 1–20 of 24", `rel="next"`)
		_, body = c.get("/imports/1?page=2")
		wantIn(t, body, "Drafts 21–24 of 24", `data-draft="24"`)
		last := ds[len(ds)-1]
		resp, body := c.submit(path(last, "edit"), form(last, "kind", "summit"))
		wantStatus(t, resp, http.StatusSeeOther, body)
		if loc := resp.Header.Get("Location"); loc != "/imports/1?done=draft&lang=en&page=2#d24" {
			t.Errorf("Location %q", loc)
		}
		resp, body = c.submit(path(last, "edit"), form(last, "date", "soon"))
		wantStatus(t, resp, 400, body)
		wantIn(t, body, "Drafts 21–24 of 24", `id="f-draft-24-date-err"`)
	})
	t.Run("BadAddresses", func(t *testing.T) {
		for _, tc := range []struct {
			path   string
			status int
			want   string
		}{
			{"/imports/99", 404, "no batch 99"},
			{"/imports/x", 404, "no batch"},
			{"/imports/1?status=lost", 400, "is not pending, accepted or rejected"},
			{"/imports/1?page=9", 400, "is not a page of this list"},
		} {
			resp, body := c.get(tc.path)
			wantStatus(t, resp, tc.status, body)
			wantIn(t, body, tc.want)
		}
		resp, body := c.submit("/drafts/999/edit", url.Values{"from": {"import"}, "date": {"2000"}})
		wantStatus(t, resp, 404, body)
		wantIn(t, body, "no draft 999")
	})
	if err := e.reg.Verify(t.Context()); err != nil {
		t.Errorf("the chain after the review: %v", err)
	}
}

// TestImportsAuthority: the import pages and forms are the Secretariat's.
// Another account gets 403 naming the rule of authority, without a draft
// shown; an anonymous reader is sent to sign in.
func TestImportsAuthority(t *testing.T) {
	e := newEnv(t)
	importBatch(t, e)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	clients := signedIn(t, srv, "delegate-kaz", "admin", "secretariat")
	seq := e.reg.Model().Seq
	for _, as := range []string{"delegate-kaz", "admin"} {
		c := clients[as]
		actor := map[string]string{"delegate-kaz": "delegate:KAZ@delegate-kaz", "admin": "admin@admin"}[as]
		for _, tc := range []struct {
			method, path string
			form         url.Values
		}{
			{"GET", "/imports", nil},
			{"GET", "/imports/1", nil},
			{"POST", "/imports", articleForm("save")},
			{"POST", "/imports", articleForm("preview")},
			{"POST", "/drafts/1/edit", url.Values{"date": {"1993"}}},
			{"POST", "/drafts/1/accept", url.Values{}},
			{"POST", "/drafts/1/reject", url.Values{"reason": {"no"}}},
		} {
			t.Run(as+"/"+tc.method+tc.path+tc.form.Get("do"), func(t *testing.T) {
				var resp *http.Response
				var body string
				if tc.method == "GET" {
					resp, body = c.get(tc.path)
				} else {
					resp, body = c.submit(tc.path, tc.form)
				}
				wantStatus(t, resp, http.StatusForbidden, body)
				wantIn(t, body, "This account may not open this page or send its forms.", "This account may not take this step, under the rule:",
					`<span class="rule">authority (who may act)</span>`, "authority: the Secretariat reviews imported drafts; "+actor+" may not")
				wantNotIn(t, body, "طشقند", "test-timeline", `<a class="imports" href=`, `id="imports-link"`)
			})
		}
	}
	if e.reg.Model().Seq != seq {
		t.Error("the log grew")
	}
	if bs, _ := e.ds.Batches(t.Context()); len(bs) != 1 {
		t.Errorf("%d batches", len(bs))
	}
	if d, _ := e.ds.Get(t.Context(), 1); d.Status != drafts.Pending || d.Date != "1992-05-15" {
		t.Errorf("draft 1 after the refusals: %+v", d)
	}
	t.Run("Arabic", func(t *testing.T) {
		c := clients["delegate-kaz"]
		c.lang = "ar"
		resp, body := c.get("/imports")
		wantStatus(t, resp, http.StatusForbidden, body)
		wantIn(t, body, "لا يحق لهذا الحساب فتح هذه الصفحة", "الصلاحية (من يحق له التصرف)")
	})
	t.Run("Anonymous", func(t *testing.T) {
		anon := newClient(t, srv)
		for _, p := range []string{"/imports", "/imports/1"} {
			resp, body := anon.get(p)
			wantStatus(t, resp, http.StatusSeeOther, body)
			if loc := resp.Header.Get("Location"); loc != "/signin?lang=en&next="+url.QueryEscape(p+"?lang=en") {
				t.Errorf("%s: Location %q", p, loc)
			}
		}
		resp, body := anon.post("/drafts/1/accept", url.Values{})
		wantStatus(t, resp, http.StatusUnauthorized, body)
	})
	t.Run("Links", func(t *testing.T) {
		// The Secretariat finds /imports in the header and on its page;
		// no one else is pointed there.
		_, body := clients["secretariat"].get("/account")
		wantIn(t, body, `<a class="imports" href="/imports?lang=en">Imported drafts</a>`, `<a href="/imports?lang=en" id="imports-link">Import articles and review drafts (24 pending)</a>`)
		_, body = clients["secretariat"].get("/imports")
		wantIn(t, body, `<a class="imports" href="/imports?lang=en" aria-current="page">`)
		for _, as := range []string{"delegate-kaz", "admin"} {
			_, body := clients[as].get("/account")
			wantNotIn(t, body, `href="/imports?lang=en"`)
		}
	})
}

// TestImportsCSRF: every import and review POST needs the session's CSRF
// token; without it, nothing is saved, changed or accepted.
func TestImportsCSRF(t *testing.T) {
	e := newEnv(t)
	importBatch(t, e)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	clients := signedIn(t, srv, "secretariat", "delegate-rus")
	c, other := clients["secretariat"], clients["delegate-rus"]
	seq := e.reg.Model().Seq
	texts := url.Values{"text_ar": {"نص"}, "text_en": {"text"}, "text_ru": {"текст"}, "date": {"1992-05-15"}}
	for _, path := range []string{"/imports", "/drafts/1/edit", "/drafts/1/accept", "/drafts/1/reject"} {
		for _, tc := range []struct {
			name string
			csrf []string
		}{{"Missing", nil}, {"Empty", []string{""}}, {"Wrong", []string{c.csrf + "x"}}, {"AnotherSessions", []string{other.csrf}}} {
			t.Run(strings.ReplaceAll(path, "/", "_")+"/"+tc.name, func(t *testing.T) {
				form := articleForm("save")
				for k, v := range texts {
					form[k] = v
				}
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
	if bs, _ := e.ds.Batches(t.Context()); len(bs) != 1 {
		t.Errorf("%d batches, want importBatch's", len(bs))
	}
	if d, _ := e.ds.Get(t.Context(), 1); d.Status != drafts.Pending || d.Text.EN != "" {
		t.Errorf("draft 1: %+v", d)
	}
}

// TestImportsPageSize: a batch's page with twenty pending drafts, each
// with its forms, stays under 200 KB in every language, and its ids are
// unique.
func TestImportsPageSize(t *testing.T) {
	e := newEnv(t)
	importBatch(t, e)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	c := signedIn(t, srv, "secretariat")["secretariat"]
	for _, lang := range []string{"ar", "en", "ru"} {
		c.lang = lang
		for _, p := range []string{"/imports", "/imports/1"} {
			resp, body := c.get(p)
			wantStatus(t, resp, 200, body)
			if n := strings.Count(body, `class="draft-form"`); p == "/imports/1" && n != 20 {
				t.Errorf("%s: %d draft forms, want 20", p, n)
			}
			if len(body) > 200<<10 {
				t.Errorf("%s in %s: %d bytes", p, lang, len(body))
			}
			t.Logf("%s %s %d bytes", p, lang, len(body))
		}
	}
	c.lang = "en"
	c.get("/imports")
	resp, body := c.submit("/imports", articleForm("preview"))
	wantStatus(t, resp, 200, body)
	seen := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(body, -1) {
		if seen[m[1]] {
			t.Errorf("id %q twice on the preview", m[1])
		}
		seen[m[1]] = true
	}
}

// TestImportsNotConfigured: a server without a drafts service (web.New
// alone) has no /imports, and links none.
func TestImportsNotConfigured(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(web.New(e.reg, e.acc, slog.New(slog.NewTextHandler(io.Discard, nil)), e.clock.Now))
	defer srv.Close()
	c := signedIn(t, srv, "secretariat")["secretariat"]
	_, body := c.get("/account")
	wantNotIn(t, body, `href="/imports?lang=en"`)
	resp, body := c.get("/imports")
	wantStatus(t, resp, http.StatusNotFound, body)
	resp, body = c.submit("/imports", articleForm("preview"))
	wantStatus(t, resp, http.StatusNotFound, body)
	resp, body = c.submit("/drafts/1/accept", url.Values{})
	wantStatus(t, resp, http.StatusNotFound, body)
}
