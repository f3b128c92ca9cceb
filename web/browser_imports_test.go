package web_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The Secretariat's import in a real browser, in Arabic: it signs in,
// follows the header's link to /imports, pastes a few timeline lines of
// our own, previews them (nothing is saved), saves them, is refused when
// it accepts a draft it has not written in the three languages (the
// message next to the field), writes the three texts of another, accepts
// it, and follows the link to find it on /timeline. Every field is
// labelled, the Arabic text runs right to left and the others left to
// right, and no page logs a console error.

// timelineLines are three entries of a timeline, written for this test.
const timelineLines = `ـ 15 مايو/أيار 1992: وقعت روسيا وأرمينيا على المعاهدة في طشقند
ـ 20 أبريل/نيسان 1994: دخلت معاهدة الأمن الجماعي حيز التنفيذ
ـ 7 أكتوبر/تشرين الأول 2002: وقّعت الدول الست ميثاق منظمة معاهدة الأمن الجماعي في كيشيناو`

// press clicks the button sel and waits for the page it leads to; it
// returns the HTTP status of that page's document.
func (tb *tab) press(t *testing.T, sel string) int64 {
	t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("pressing %s: %v", sel, err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	return resp.Status
}

// unlabelled counts the page's form fields without a label.
func (tb *tab) unlabelled(t *testing.T) int {
	t.Helper()
	return eval[int](t, tb, `[...document.querySelectorAll("input:not([type=hidden]), select, textarea")].filter(e => !e.labels || e.labels.length === 0).length`)
}

func TestBrowserImport(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	ctx := browser(t)
	sec := newTab(t, ctx, chromedp.WithNewBrowserContext())
	if st := sec.signIn(t, srv.URL, "ar", "secretariat", password); st != 200 {
		t.Fatalf("signing in: status %d", st)
	}
	seq := e.reg.Model().Seq

	t.Run("HeaderLink", func(t *testing.T) {
		if st := sec.press(t, "header a.imports"); st != 200 {
			t.Fatalf("status %d", st)
		}
		if p := sec.path(t); p != "/imports" {
			t.Fatalf("the header's link leads to %s", p)
		}
		if got := sec.text(t, "h1"); got != "استيراد المقالات ومراجعة المسودات" {
			t.Errorf("h1 %q", got)
		}
		if n := sec.unlabelled(t); n != 0 {
			t.Errorf("%d fields without a label", n)
		}
		sec.noErrors(t)
	})
	t.Run("Preview", func(t *testing.T) {
		sec.fill(t, "#f-import-text", timelineLines)
		sec.fill(t, "#f-import-source_title", "خط زمني من إعدادنا")
		sec.typeIn(t, "#f-import-source_id", "browser-timeline")
		sec.typeIn(t, "#f-import-source_published", "2022-01-06")
		eval[any](t, sec, `document.getElementById("f-import-source_lang").value = "ar"`)
		if st := sec.press(t, `#f-import button[value="preview"]`); st != 200 {
			t.Fatalf("status %d", st)
		}
		if n := eval[int](t, sec, `document.querySelectorAll("#preview-drafts tbody tr").length`); n != 3 {
			t.Fatalf("the preview shows %d drafts, want 3", n)
		}
		if got := sec.text(t, `#preview-drafts tr[data-line="1"]`); !strings.Contains(got, "15 مايو/أيار 1992") || !strings.Contains(got, "روسيا") || !strings.Contains(got, "أرمينيا") {
			t.Errorf("line 1 of the preview reads %q", got)
		}
		if got := eval[string](t, sec, `document.getElementById("f-import-text").value`); got != timelineLines {
			t.Errorf("the form lost the text: %q", got)
		}
		if bs, _ := e.ds.Batches(t.Context()); len(bs) != 0 {
			t.Errorf("the preview saved %d batches", len(bs))
		}
		sec.noErrors(t)
	})
	t.Run("Save", func(t *testing.T) {
		if st := sec.press(t, `#f-import button[value="save"]`); st != 200 {
			t.Fatalf("status %d", st)
		}
		if p := sec.path(t); p != "/imports/1" {
			t.Fatalf("after saving: %s", p)
		}
		if n := eval[int](t, sec, `document.querySelectorAll("article.draft form.draft-form").length`); n != 3 {
			t.Errorf("%d drafts with a form, want 3", n)
		}
		if n := sec.unlabelled(t); n != 0 {
			t.Errorf("%d fields without a label", n)
		}
		for sel, dir := range map[string]string{"main": "rtl", "#f-draft-1-text_ar": "rtl", "#f-draft-1-text_en": "ltr", "#f-draft-1-text_ru": "ltr", "#f-draft-1-date": "ltr"} {
			if got := eval[string](t, sec, `getComputedStyle(document.querySelector("`+sel+`")).direction`); got != dir {
				t.Errorf("%s runs %s, want %s", sel, got, dir)
			}
		}
		sec.noErrors(t)
	})
	t.Run("RefusedWithoutTheTexts", func(t *testing.T) {
		if st := sec.press(t, "#f-draft-2 button.accept"); st != 400 {
			t.Fatalf("accepting a draft without its texts: status %d, want 400", st)
		}
		if got := sec.text(t, "#f-draft-2-text_ar-err"); !strings.Contains(got, "اكتب نص الحدث بهذه اللغة قبل القبول.") {
			t.Errorf("the message next to the Arabic text reads %q", got)
		}
		if got := eval[string](t, sec, `document.getElementById("f-draft-2-text_ar").getAttribute("aria-describedby")`); got != "f-draft-2-text_ar-err" {
			t.Errorf("the Arabic text is described by %q", got)
		}
		if e.reg.Model().Seq != seq {
			t.Error("the log grew")
		}
		sec.noErrors(t, 400)
	})
	var event int64
	t.Run("Accept", func(t *testing.T) {
		sec.open(t, srv.URL+"/imports/1")
		sec.fill(t, "#f-draft-1-text_ar", "روسيا وأرمينيا توقّعان معاهدة الأمن الجماعي")
		sec.typeIn(t, "#f-draft-1-text_en", "Russia and Armenia sign the Collective Security Treaty")
		sec.fill(t, "#f-draft-1-text_ru", "Россия и Армения подписывают Договор о коллективной безопасности")
		if st := sec.press(t, "#f-draft-1 button.accept"); st != 200 {
			t.Fatalf("status %d", st)
		}
		if got := eval[string](t, sec, `location.pathname + location.hash`); got != "/imports/1#d1" {
			t.Errorf("after accepting: %s", got)
		}
		m := e.reg.Model()
		if m.Seq != seq+2 {
			t.Fatalf("accepting wrote %d events; want the source and the event", m.Seq-seq)
		}
		event = m.Seq
		if got := sec.text(t, "#d1 .badge"); got != "مقبولة" {
			t.Errorf("draft 1 reads %q", got)
		}
		if n := eval[int](t, sec, `document.querySelectorAll("#d1 form").length`); n != 0 {
			t.Errorf("an accepted draft still has %d forms", n)
		}
		sec.noErrors(t)
	})
	t.Run("OnTheTimeline", func(t *testing.T) {
		if st := sec.press(t, "#d1 .in-record a"); st != 200 {
			t.Fatalf("status %d", st)
		}
		if p := sec.path(t); p != "/timeline" {
			t.Fatalf("the link leads to %s", p)
		}
		got := sec.text(t, fmt.Sprintf("#e%d", event))
		for _, want := range []string{"روسيا وأرمينيا توقّعان معاهدة الأمن الجماعي", "15 مايو/أيار 1992", "خط زمني من إعدادنا", "توقيع"} {
			if !strings.Contains(got, want) {
				t.Errorf("the timeline's entry lacks %q: %q", want, got)
			}
		}
		sec.open(t, srv.URL+"/timeline?lang=en&from=1992-05-15&to=1992-05-15&org=")
		if got := sec.text(t, fmt.Sprintf("#e%d", event)); !strings.Contains(got, "Russia and Armenia sign the Collective Security Treaty") {
			t.Errorf("in English the entry reads %q", got)
		}
		sec.noErrors(t)
	})
}
