package web_test

import (
	"encoding/base64"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// The answers on the pages, in a real browser: the obligations page
// answers "who must help" in Arabic and English, the members slider keeps
// every caption, label and the address in step, every data page offers a
// download that holds what it shows, and no page is wider than a 390 px
// phone.

// narrowPages are the pages checked at 390 px: the main pages, the
// obligations page with an answer, and the audit log.
var narrowPages = []string{"/", "/members", "/obligations?target=ARM&aggressor=AZE&at=2022-09-13", "/timeline", "/instruments", "/instruments/cst",
	"/institutions", "/operations", "/operations/op-kaz-2022", "/exercises", "/states/UZB", "/requests/req-kaz-2022-01-05",
	"/sessions/csc-2012-12-19", "/decisions/dec-csc-2022-11-23-armenia-assistance", "/audit", "/signin",
	"/search?q=%D8%A7%D9%88%D8%B2%D8%A8%D9%83%D8%B3%D8%AA%D8%A7%D9%86"}

func TestBrowserNarrow(t *testing.T) {
	srv := server(t)
	ctx := browser(t)
	tb := newTab(t, ctx)
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	for _, path := range narrowPages {
		for _, lang := range []string{"ar", "en"} {
			t.Run(path+"/"+lang, func(t *testing.T) {
				tb.open(t, srv.URL+path+sep(path)+"lang="+lang)
				got := eval[[]float64](t, tb, `[document.documentElement.scrollWidth, window.innerWidth]`)
				if got[0] > got[1] {
					wide := eval[string](t, tb, `[...document.querySelectorAll("body *")].filter(e => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 1 || r.left < -1 }).filter(e => !e.parentElement.closest(".scroll")).slice(0, 8).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().width)).join("; ")`)
					t.Errorf("scrollWidth %.0f > innerWidth %.0f; too wide: %s", got[0], got[1], wide)
				}
				// Tables read as records: every cell is wide enough for its
				// words (no wrapping letter by letter, as squeezed columns
				// did) and labelled with its column.
				if narrow := eval[string](t, tb, `[...document.querySelectorAll("td, tbody th")].filter(c => c.offsetParent && c.textContent.trim().length > 3 && c.getBoundingClientRect().width < 64).slice(0, 5).map(c => c.textContent.trim().slice(0, 20) + " " + Math.round(c.getBoundingClientRect().width)).join("; ")`); narrow != "" {
					t.Errorf("at 390 px table cells are squeezed: %s", narrow)
				}
				if unlabelled := eval[int](t, tb, `[...document.querySelectorAll("table:has(thead th) tbody td")].filter(c => c.offsetParent && !c.dataset.label).length`); unlabelled > 0 {
					t.Errorf("at 390 px %d table cells lack their column's label", unlabelled)
				}
				if strings.HasPrefix(path, "/members") || strings.HasPrefix(path, "/states/") {
					// The chart is replaced by its list, which shows.
					if vis := eval[bool](t, tb, `(() => { const l = document.querySelector(".chart-list"); return !!l && l.getBoundingClientRect().height > 0 })()`); !vis {
						t.Error("at 390 px the chart's list does not show")
					}
				}
				tb.noErrors(t)
			})
		}
	}
}

func TestBrowserObligations(t *testing.T) {
	srv := server(t)
	ctx := browser(t)
	for _, c := range []struct {
		lang, ask, bound, russia, recorded string
	}{
		{"ar", "اعرض الجواب", "الملزَمون بالمساعدة بموجب المادة 4 من المعاهدة", "روسيا", "لا شيء مسجَّل"},
		{"en", "Show the answer", "Bound to help under Treaty Art. 4", "Russia", "nothing recorded"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			tb := newTab(t, ctx)
			// From the overview, as a reader finds it.
			tb.open(t, srv.URL+"/?lang="+c.lang)
			if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(`p.ask a[href^="/obligations?lang="]`))); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tb.ctx, chromedp.WaitVisible(chromedp.CSS("#obl-form"))); err != nil {
				t.Fatal(err)
			}
			if got := eval[string](t, tb, `document.documentElement.lang`); got != c.lang {
				t.Fatalf("the obligations page is in %q", got)
			}
			tb.fill(t, "#obl-target", "ARM")
			tb.fill(t, "#obl-aggressor", "AZE")
			tb.fill(t, "#obl-at", "2022-09-13")
			if st := tb.submit(t, "#obl-form"); st != 200 {
				t.Fatalf("status %d", st)
			}
			if got := eval[string](t, tb, `document.querySelector("#obl-form button").textContent`); got != c.ask {
				t.Errorf("the button reads %q", got)
			}
			head := tb.text(t, "#obl-answer .headline")
			if !strings.Contains(head, c.bound) || !strings.Contains(head, c.russia) || strings.Contains(head, "Armenia") {
				t.Errorf("the answer reads %q", head)
			}
			// The article's wording in force: the 2010 protocol's Article 4.
			if n := eval[int](t, tb, `document.querySelectorAll("blockquote.wording").length`); n == 0 {
				t.Error("no article wording")
			}
			// The steps: Armenia's request is on record, the UN notice is not.
			steps := tb.text(t, "ol.steps")
			if !strings.Contains(steps, c.recorded) {
				t.Errorf("the steps do not say what is not recorded: %q", steps)
			}
			if n := eval[int](t, tb, `document.querySelectorAll('ol.steps a[href^="/requests/req-arm-2022-09-13?"]').length`); n != 1 {
				t.Errorf("the request step links Armenia's request %d times", n)
			}
			if got := eval[string](t, tb, `location.search`); !strings.Contains(got, "lang="+c.lang) || !strings.Contains(got, "target=ARM") {
				t.Errorf("the address %q does not carry the question and the language", got)
			}
			tb.noErrors(t)
		})
	}
}

// TestBrowserDownload downloads the members list as CSV through its link
// and checks it holds what the page shows, and that the citation names
// the log position.
func TestBrowserDownload(t *testing.T) {
	srv := server(t)
	ctx := browser(t)
	for _, lang := range []string{"ar", "en"} {
		t.Run(lang, func(t *testing.T) {
			tb := newTab(t, ctx)
			tb.open(t, srv.URL+"/members?at=2013-06&lang="+lang)
			href := eval[string](t, tb, `document.getElementById("dl-csv").getAttribute("href")`)
			if !strings.Contains(href, "format=csv") || !strings.Contains(href, "at=2013-06") || !strings.Contains(href, "lang="+lang) {
				t.Fatalf("the CSV link is %q", href)
			}
			// Click it, and read the file the browser saved.
			dir, yes := t.TempDir(), true
			done := make(chan string, 1)
			err := chromedp.ListenBrowser(tb.ctx, func(ev any) {
				if e, ok := ev.(*cdpbrowser.EventDownloadProgress); ok && e.State == cdpbrowser.DownloadProgressStateCompleted {
					select {
					case done <- e.GUID:
					default:
					}
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.CallBrowser(tb.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &yes}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS("#dl-csv"))); err != nil {
				t.Fatal(err)
			}
			var guid string
			select {
			case guid = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("the download did not complete")
			}
			b, err := os.ReadFile(filepath.Join(dir, guid))
			if err != nil {
				t.Fatal(err)
			}
			body := string(b)
			if !strings.HasPrefix(body, "state,name,status,since,certainty\n") || !strings.Contains(body, "UZB,") || !strings.Contains(body, ",suspended,2012-12-19,") {
				t.Errorf("the CSV reads:\n%s", body)
			}
			// The file holds the rows the page's list shows, in its order.
			shown := eval[[]string](t, tb, `[...document.querySelectorAll("#member-list tbody tr:not([hidden])")].map(r => r.dataset.state)`)
			recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
			if err != nil || len(recs) != len(shown)+1 || len(shown) == 0 {
				t.Errorf("the page lists %d states, the CSV %d rows (%v)", len(shown), len(recs)-1, err)
			} else {
				for i, st := range shown {
					if recs[i+1][0] != st {
						t.Errorf("row %d: the page lists %s, the CSV %s", i+1, st, recs[i+1][0])
					}
				}
			}
			// The citation's root is the log's tree root, base64 as a signed
			// checkpoint writes it.
			root := tb.text(t, "#cite-root")
			if b, err := base64.StdEncoding.DecodeString(root); err != nil || len(b) != 32 {
				t.Errorf("the citation's root is %q", root)
			}
			if url := tb.text(t, "#cite-url"); !strings.Contains(url, "at=2013-06") || !strings.Contains(url, "lang="+lang) {
				t.Errorf("the citation's address is %q", url)
			}
			// The download link really downloads (Content-Disposition).
			resp, err := http.Get(srv.URL + href)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.HasSuffix(cd, `.csv"`) {
				t.Errorf("Content-Disposition %q", cd)
			}
			tb.noErrors(t)
		})
	}
}

// TestBrowserSliderCaptions moves the slider and checks every caption,
// the map's labels for screen readers and the address follow it.
func TestBrowserSliderCaptions(t *testing.T) {
	srv := server(t)
	ctx := browser(t)
	for _, c := range []struct{ lang, month string }{{"ar", "يونيو/حزيران 2000"}, {"en", "June 2000"}} {
		t.Run(c.lang, func(t *testing.T) {
			tb := newTab(t, ctx)
			tb.open(t, srv.URL+"/members?lang="+c.lang)
			js := `(() => { const s = document.getElementById("slider"); s.value = (2000 - JSON.parse(document.getElementById("members-data").textContent).from) * 12 + 5; s.dispatchEvent(new Event("input", {bubbles: true})); return s.value })()`
			eval[string](t, tb, js)
			// Wait past the address's update.
			if err := chromedp.Do(tb.ctx, chromedp.Sleep(50*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			for _, sel := range []string{"#map-title", "#map-caption", "#list-caption", "#slider-out"} {
				if got := tb.text(t, sel); !strings.Contains(got, c.month) {
					t.Errorf("%s reads %q after sliding to June 2000", sel, got)
				}
			}
			if got := eval[string](t, tb, `location.search`); !strings.Contains(got, "at=2000-06") || !strings.Contains(got, "lang="+c.lang) {
				t.Errorf("the address is %q", got)
			}
			// The citation follows too.
			if got := tb.text(t, "#cite-url"); !strings.Contains(got, "at=2000-06") {
				t.Errorf("the citation's address is %q", got)
			}
			if got := eval[string](t, tb, `document.getElementById("dl-csv").getAttribute("href")`); !strings.Contains(got, "at=2000-06") {
				t.Errorf("the CSV link is %q", got)
			}
			// The moved link downloads the rows the moved list shows.
			// (The page's policy allows no fetch from it: the test fetches.)
			_, file := get(t, eval[string](t, tb, `document.getElementById("dl-csv").href`))
			shown := eval[[]string](t, tb, `[...document.querySelectorAll("#member-list tbody tr:not([hidden])")].map(r => r.dataset.state)`)
			recs, err := csv.NewReader(strings.NewReader(file)).ReadAll()
			if err != nil || len(recs) != len(shown)+1 || recs[0][0] != "state" {
				t.Errorf("after sliding, the page lists %v, the CSV reads %q (%v)", shown, file, err)
			} else {
				for i, st := range shown {
					if recs[i+1][0] != st {
						t.Errorf("after sliding, row %d: the page lists %s, the CSV %s", i+1, st, recs[i+1][0])
					}
				}
			}
			// Uzbekistan did not renew the Treaty in 1999: a former member
			// in 2000, drawn as one and named as one to screen readers.
			label := eval[string](t, tb, `document.querySelector('#map a[href^="/states/UZB?"]').getAttribute("aria-label")`)
			former := map[string]string{"ar": "عضو سابق", "en": "former"}[c.lang]
			if !strings.Contains(label, former) {
				t.Errorf("Uzbekistan's map label reads %q in June 2000", label)
			}
			if fill := eval[string](t, tb, `getComputedStyle(document.querySelector('#map path[data-state="UZB"]')).fill`); !strings.Contains(fill, "mh-former") {
				t.Errorf("Uzbekistan's fill in 2000 is %s, want the former members' hatching", fill)
			}
			// A never-member stays plain land.
			if fill := eval[string](t, tb, `getComputedStyle(document.querySelector('#map path[data-state="CHN"]') || document.querySelector('#map path.land')).fill`); fill != "rgb(226, 226, 226)" {
				t.Errorf("a never-member's fill is %s", fill)
			}
			tb.noErrors(t)
		})
	}
}

// TestBrowserConfirm: a delegation's notice of withdrawal goes through a
// confirmation page that states the consequence in the page's language;
// nothing is preselected, nothing is recorded before the confirmation,
// and the page after it says the act was recorded.
func TestBrowserConfirm(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	ctx := browser(t)
	for _, c := range []struct{ lang, who, consequence, done string }{
		{"ar", "delegate-kgz", "ستُخطر قيرغيزستان بانسحابها من المعاهدة", "تمّ التسجيل"},
		{"en", "delegate-kaz", "Kazakhstan will give notice of withdrawal from the Treaty", "Recorded: A membership step"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			tb := newTab(t, ctx, chromedp.WithNewBrowserContext())
			if st := tb.signIn(t, srv.URL, c.lang, c.who, password); st != 200 {
				t.Fatalf("signing in: status %d", st)
			}
			tb.open(t, srv.URL+"/account?lang="+c.lang)
			if got := eval[string](t, tb, `document.getElementById("f-membership-verb").value`); got != "" {
				t.Errorf("the membership form preselects %q", got)
			}
			eval[any](t, tb, `document.getElementById("f-membership-verb").value = "notice"`)
			tb.fill(t, "#f-membership-effective", "2027-06-01")
			seq := e.reg.Model().Seq
			if st := tb.submit(t, "#f-membership form"); st != 200 {
				t.Fatalf("status %d, want the confirmation page", st)
			}
			if got := tb.text(t, "#consequence"); !strings.Contains(got, c.consequence) {
				t.Errorf("the confirmation reads %q", got)
			}
			if got := e.reg.Model().Seq; got != seq {
				t.Fatalf("the notice was recorded before it was confirmed (%d events)", got-seq)
			}
			if st := tb.submit(t, "#confirm-form"); st != 200 {
				t.Fatalf("confirming: status %d", st)
			}
			if got := e.reg.Model().Seq; got != seq+1 {
				t.Errorf("after confirming, %d events were recorded, want 1", got-seq)
			}
			if got := tb.text(t, "#done"); !strings.Contains(got, c.done) {
				t.Errorf("the page after the act reads %q", got)
			}
			if got := eval[string](t, tb, `document.documentElement.lang`); got != c.lang {
				t.Errorf("the page after the act is in %q", got)
			}
			tb.noErrors(t)
		})
	}
}
