package web_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The browser tests drive a real headless Chromium (Debian's package,
// installed by .ci/chromium.sh) with chromedp: every page loads in Arabic
// and English without a console error, the Arabic pages run right to
// left, the chart and the map draw, and the slider recolours the map.
// Without Chromium they fail, naming the script: CI runs them.

// chromium returns the browser's path: $CSTO_CHROMIUM, else
// /usr/bin/chromium.
func chromium(t *testing.T) string {
	t.Helper()
	p := os.Getenv("CSTO_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		msg := fmt.Sprintf("Chromium not found at %s (%v): run .ci/chromium.sh, which installs Debian's chromium, or set CSTO_CHROMIUM", p, err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg) // CI installs it: never pass by testing nothing
		}
		t.Skip(msg)
	}
	return p
}

// browser starts one headless Chromium for a test, with a fresh profile
// and everything that would reach for the network turned off (the
// machine's network is closed; Chromium hangs on connections otherwise).
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	// Start the browser now, so a missing library fails here, clearly. (The
	// first Run binds the browser to its context: it must be ctx itself.)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// tab opens a new tab in the browser of ctx, recording every console
// error or warning, uncaught exception and browser log entry of level
// warning or error (a refused load, a CSP violation) it sees.
type tab struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newTab(t *testing.T, parent context.Context, opts ...chromedp.ContextOption) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, opts...)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancel() })
	tb := &tab{ctx: ctx}
	if err := chromedp.Listen(ctx, tb.listen); err != nil {
		t.Fatal(err)
	}
	return tb
}

func (tb *tab) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			msg = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		msg = "exception: " + (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error()
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			msg = fmt.Sprintf("log %s (%s): %s %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	}
	if msg != "" {
		tb.mu.Lock()
		tb.errors = append(tb.errors, msg)
		tb.mu.Unlock()
	}
}

func (tb *tab) takeErrors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	e := tb.errors
	tb.errors = nil
	return e
}

// open loads url and waits until the document and its deferred script
// have run.
func (tb *tab) open(t *testing.T, url string) {
	t.Helper()
	err := chromedp.Do(tb.ctx,
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
		chromedp.Poll[chromedp.Void](`document.readyState === "complete"`, chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
}

func eval[T any](t *testing.T, tb *tab, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

func TestBrowserPages(t *testing.T) {
	srv := server(t)
	ctx := browser(t)
	tb := newTab(t, ctx)
	for _, pg := range pages {
		for _, lc := range []struct{ lang, dir string }{{"ar", "rtl"}, {"en", "ltr"}} {
			t.Run(pg.name+"/"+lc.lang, func(t *testing.T) {
				tb.open(t, srv.URL+pg.path+sep(pg.path)+"lang="+lc.lang)
				// A short wait lets late errors (a refused asset) arrive.
				if err := chromedp.Do(tb.ctx, chromedp.Sleep(50*time.Millisecond)); err != nil {
					t.Fatal(err)
				}
				for _, e := range tb.takeErrors() {
					t.Errorf("%s", e)
				}
				if got := eval[string](t, tb, `document.documentElement.dir`); got != lc.dir {
					t.Errorf("document.dir = %q, want %q", got, lc.dir)
				}
				if got := eval[string](t, tb, `getComputedStyle(document.querySelector("main")).direction`); got != lc.dir {
					t.Errorf("computed direction of main = %q, want %q", got, lc.dir)
				}
				if got := eval[string](t, tb, `document.documentElement.lang`); got != lc.lang {
					t.Errorf("document lang = %q, want %q", got, lc.lang)
				}
				// Every input and select has a label.
				if n := eval[int](t, tb, `[...document.querySelectorAll("input:not([type=hidden]), select")].filter(e => !e.labels || e.labels.length === 0).length`); n != 0 {
					t.Errorf("%d form fields have no label", n)
				}
				// Every SVG figure is drawn with a size.
				if n := eval[int](t, tb, `[...document.querySelectorAll("figure svg")].filter(s => { const r = s.getBoundingClientRect(); return r.width < 100 || r.height < 20 }).length`); n != 0 {
					t.Errorf("%d SVG figures have no size", n)
				}
			})
		}
	}
}

// TestBrowserMembers checks the chart and the map draw, and that the
// slider recolours the map, the list and the chart's marker at once:
// Uzbekistan, a former party in 2000 (it did not renew the Treaty in
// 1999), suspended in 2013.
func TestBrowserMembers(t *testing.T) {
	srv := server(t)
	ctx := browser(t)
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			tb := newTab(t, ctx)
			tb.open(t, srv.URL+"/members?lang="+lang)
			size := func(sel string) (w, h float64) {
				r := eval[[]float64](t, tb, `(() => { const r = document.querySelector(`+"`"+sel+"`"+`).getBoundingClientRect(); return [r.width, r.height] })()`)
				return r[0], r[1]
			}
			for _, sel := range []string{"#map", "#chart", `#map path[data-state="RUS"]`, `#map path[data-state="ARM"]`, "#chart rect.bar"} {
				if w, h := size(sel); w <= 0 || h <= 0 {
					t.Errorf("%s is %.0f×%.0f", sel, w, h)
				}
			}
			if n := eval[int](t, tb, `document.querySelectorAll("#chart rect.bar").length`); n < 9 {
				t.Errorf("the chart has %d bars", n)
			}
			if hidden := eval[bool](t, tb, `document.getElementById("slider-box").hidden`); hidden {
				t.Fatal("the slider stays hidden: members.js did not run")
			}
			fill := func() string {
				return eval[string](t, tb, `getComputedStyle(document.querySelector('#map path[data-state="UZB"]')).fill`)
			}
			slide := func(year, month int) {
				t.Helper()
				js := fmt.Sprintf(`(() => { const s = document.getElementById("slider"); s.value = (%d - JSON.parse(document.getElementById("members-data").textContent).from) * 12 + %d; s.dispatchEvent(new Event("input", {bubbles: true})); return s.value })()`, year, month-1)
				eval[string](t, tb, js)
			}
			markerX := func() string { return eval[string](t, tb, `document.getElementById("chart-at").getAttribute("x1")`) }

			slide(2000, 6)
			fill2000, row2000, x2000 := fill(), eval[bool](t, tb, `document.querySelector('#member-list tr[data-state="UZB"]').hidden`), markerX()
			if got := eval[string](t, tb, `document.querySelector('#member-list tr[data-state="UZB"] .status .t').textContent`); got != map[string]string{"en": "former member", "ar": "عضو سابق"}[lang] {
				t.Errorf("Uzbekistan's status in the list reads %q in 2000", got)
			}
			if got := eval[string](t, tb, `document.getElementById("at").value`); got != "2000-06" {
				t.Errorf("the date field reads %q after sliding to June 2000", got)
			}
			slide(2013, 6)
			fill2013, row2013, x2013 := fill(), eval[bool](t, tb, `document.querySelector('#member-list tr[data-state="UZB"]').hidden`), markerX()
			if fill2000 == fill2013 {
				t.Errorf("Uzbekistan's fill is %s in 2000 and in 2013; the slider did not recolour the map", fill2000)
			}
			if want := "rgb(181, 80, 26)"; fill2013 != want { // --suspended
				t.Errorf("Uzbekistan's fill in 2013 = %s, want %s (suspended)", fill2013, want)
			}
			if !strings.Contains(fill2000, "mh-former") { // a former member, drawn apart from never-members
				t.Errorf("Uzbekistan's fill in 2000 = %s, want the former members' hatching", fill2000)
			}
			if row2000 || row2013 {
				t.Errorf("Uzbekistan's row hidden: %v in 2000, %v in 2013; want it shown in both (former, suspended)", row2000, row2013)
			}

			if x2000 == x2013 {
				t.Error("the chart's marker did not move")
			}
			// Time runs in the reading direction: 2013 is right of 2000 in
			// English, left of it in Arabic.
			a, _ := strconv.ParseFloat(x2000, 64)
			b, _ := strconv.ParseFloat(x2013, 64)
			if rtl := lang == "ar"; (b < a) != rtl {
				t.Errorf("%s: marker at x=%s in 2000 and x=%s in 2013; time should run in the reading direction", lang, x2000, x2013)
			}
			if got := eval[string](t, tb, `document.querySelector('#member-list tr[data-state="UZB"] .status .t').textContent`); !strings.Contains(got, map[string]string{"en": "suspended", "ar": "معلّقة"}[lang]) {
				t.Errorf("Uzbekistan's status in the list reads %q in 2013", got)
			}
			for _, e := range tb.takeErrors() {
				t.Errorf("%s", e)
			}
		})
	}
}

// TestBrowserKeyboard checks that the skip link is the first stop of the
// keyboard and shows when focused, with a visible outline.
func TestBrowserKeyboard(t *testing.T) {
	srv := server(t)
	ctx := browser(t)
	tb := newTab(t, ctx)
	tb.open(t, srv.URL+"/?lang=ar")
	if err := chromedp.Do(tb.ctx, chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, tb, `document.activeElement.className`); got != "skip" {
		t.Fatalf("the first Tab stop is %q, want the skip link", got)
	}
	if top := eval[float64](t, tb, `document.activeElement.getBoundingClientRect().top`); top < 0 {
		t.Errorf("the focused skip link is off screen (top %.0f)", top)
	}
	if got := eval[string](t, tb, `getComputedStyle(document.activeElement).outlineStyle`); got != "solid" {
		t.Errorf("focus outline style = %q, want solid", got)
	}
}
