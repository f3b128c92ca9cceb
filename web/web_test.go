package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/drafts"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/search"
	"github.com/csto/csto/store/sqlite"
	"github.com/csto/csto/web"
)

// today is the date the tests' server takes as today.
var today = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

// env is a web server on a temporary SQLite file loaded with the default
// history, keeping imported drafts on the same file, with the accounts
// `csto serve --demo` makes: a delegate per state with a status in the
// CSTO today (delegate-<iso>) and the Secretariat, each with the password
// password. Its clock stands at today until a test moves it.
type env struct {
	h     *web.Server
	st    *sqlite.Store
	reg   *registry.Registry
	acc   *account.Service
	ds    *drafts.Service
	clock *clock
}

const password = "correct horse battery staple"

// clock is a settable clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newEnv(tb testing.TB) *env {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "csto.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	reg, err := registry.Open(ctx, st)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := dataset.Load(ctx, reg); err != nil {
		tb.Fatal(err)
	}
	acc, err := account.Open(ctx, st.DB(), account.SQLite)
	if err != nil {
		tb.Fatal(err)
	}
	c := &clock{t: today}
	reg.Now = c.Now // one clock: the registry's, the accounts', the pages'
	acc.Now, acc.Params = c.Now, account.Params{Memory: 1024, Time: 1, Threads: 1}
	list, err := reg.Model().Members("csto", edtf.FromDay(edtf.DayFromTime(today)), csto.English)
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range list.Members.All() {
		if _, err := acc.Add(ctx, "delegate-"+strings.ToLower(r.State), csto.RoleDelegate, r.State, password); err != nil {
			tb.Fatal(err)
		}
	}
	for _, a := range []struct {
		name string
		role csto.Role
	}{{"secretariat", csto.RoleSecretariat}, {"admin", csto.RoleAdmin}} {
		if _, err := acc.Add(ctx, a.name, a.role, "", password); err != nil {
			tb.Fatal(err)
		}
	}
	ds, err := drafts.Open(ctx, st.DB(), false, reg)
	if err != nil {
		tb.Fatal(err)
	}
	ds.Now = c.Now
	sx, err := search.Open(ctx, st.DB(), false)
	if err != nil {
		tb.Fatal(err)
	}
	h := web.New(reg, acc, slog.New(slog.NewTextHandler(io.Discard, nil)), c.Now)
	h.SetDrafts(ds)
	h.SetSearch(sx)
	return &env{h: h, st: st, reg: reg, acc: acc, ds: ds, clock: c}
}

var (
	sharedOnce     sync.Once
	sharedSrv      *httptest.Server
	sharedCleanups []func()
)

// server is one test server shared by the package's tests: loading the
// history takes a moment, and no test changes its record. It lives until
// every test has run (TestMain closes it), not only the first that asked.
func server(t *testing.T) *httptest.Server {
	t.Helper()
	sharedOnce.Do(func() {
		sharedSrv = httptest.NewServer(newEnv(packageLife{t}).h)
		sharedCleanups = append(sharedCleanups, sharedSrv.Close)
	})
	if sharedSrv == nil {
		t.Fatal("the shared test server failed to start")
	}
	return sharedSrv
}

// packageLife is a test whose files and cleanups last until TestMain
// ends.
type packageLife struct{ *testing.T }

func (packageLife) TempDir() string {
	dir, err := os.MkdirTemp("", "csto-web-test")
	if err != nil {
		panic(err)
	}
	sharedCleanups = append(sharedCleanups, func() { os.RemoveAll(dir) })
	return dir
}

func (packageLife) Cleanup(f func()) { sharedCleanups = append(sharedCleanups, f) }

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(sharedCleanups) - 1; i >= 0; i-- {
		sharedCleanups[i]()
	}
	os.Exit(code)
}

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// pages are the main pages, each a path and what it must show in
// English and in Arabic.
var pages = []struct {
	name, path string
	en, ar     []string
}{
	{"Overview", "/", []string{"Collective Security Treaty Organization", "15 May 1992", "Tashkent", "Article 4", "mutual defence", "Kazakhstan", "participation frozen", `href="/operations/op-kaz-2022?lang=en"`, `href="/states/ARM?lang=en"`},
		[]string{"منظمة معاهدة الأمن الجماعي", "15 مايو/أيار 1992", "طشقند", "المادة 4", "الدفاع المشترك", "كازاخستان", "مشاركة مجمّدة"}},
	{"Members", "/members", []string{"Members over time", `<svg viewBox="0 0 2000`, `id="chart"`, `data-state="UZB"`, `id="slider"`, `id="members-data"`, "Uzbekistan"},
		[]string{"الأعضاء عبر الزمن", "أوزبكستان", "عضوية معلّقة"}},
	{"Timeline", "/timeline", []string{"Timeline", "15 May 1992", "Al Jazeera", "Contested", "Preferred", "why preferred", `rel="next"`},
		[]string{"التسلسل الزمني", "15 مايو/أيار 1992", "سبب الترجيح"}},
	{"Instruments", "/instruments", []string{"Collective Security Treaty", "Charter of the Collective Security Treaty Organization", "20 April 1994"},
		[]string{"معاهدة الأمن الجماعي", "20 أبريل/نيسان 1994"}},
	{"Treaty", "/instruments/cst", []string{"Article 4", "aggression against one party", "mutual defence", "Signatures and ratifications", `id="art-4"`},
		[]string{"المادة 4", "الدفاع المشترك"}},
	{"Institutions", "/institutions", []string{"Chair of the Collective Security Council", "deviation from the rotation", "Nikolai Bordyuzha", "Secretary-General", "Council sessions", "by rotation", "2027"},
		[]string{"خروج عن التناوب", "الأمين العام"}},
	{"Session", "/sessions/csc-2012-12-19", []string{"Decision suspending Uzbekistan", "adopted", "Bound"}, []string{"اعتُمد"}},
	{"Decision", "/decisions/dec-csc-2022-11-23-armenia-assistance", []string{"objects", "not adopted"}, []string{"اعتراض", "لم يُعتمد"}},
	{"Operations", "/operations", []string{"Crises and operations", "request for assistance", "Treaty Art. 4", "granted"},
		[]string{"طلب مساعدة", "المادة 4 من المعاهدة"}},
	{"Operation", "/operations/op-kaz-2022", []string{"from request to withdrawal", "Kazakhstan&#39;s request", "Council decision", "withdrawal complete", "2,030", "~150", `class="seq"`},
		[]string{"طلب كازاخستان", "قرار المجلس", "اكتمال الانسحاب"}},
	{"Exercises", "/exercises", []string{"Exercises", "Rubezh-2004", "2–6 August 2004", "strategic"}, []string{"المناورات", "2–6 أغسطس/آب 2004"}},
	{"State", "/states/UZB", []string{"Uzbekistan", "suspended", "23 June 2006", `id="chart"`, "Memberships"}, []string{"أوزبكستان", "عضوية معلّقة"}},
	{"Request", "/requests/req-kaz-2022-01-05", []string{"request for assistance: Kazakhstan", "Treaty Art. 4", "granted", `href="/decisions/dec-csc-2022-01-06-kazakhstan?lang=en"`, `href="/operations/op-kaz-2022?lang=en"`},
		[]string{"طلب مساعدة: كازاخستان", "لُبّي"}},
	{"SignIn", "/signin", []string{"<h1>Sign in</h1>", `<label for="password">Password</label>`, `action="/signin?lang=en"`}, []string{"تسجيل الدخول", "كلمة المرور"}},
	{"Audit", "/audit", []string{"The event log", "The chain is intact.", "latest first", `rel="next"`, "system:history", "/api/v1/events?after="},
		[]string{"سجل الأحداث", "السلسلة سليمة."}},
}

func TestPages(t *testing.T) {
	srv := server(t)
	for _, pg := range pages {
		for _, lc := range []struct {
			lang, dir string
			want      []string
		}{{"en", "ltr", pg.en}, {"ar", "rtl", pg.ar}, {"ru", "ltr", nil}} {
			t.Run(pg.name+"/"+lc.lang, func(t *testing.T) {
				resp, body := get(t, srv.URL+pg.path+sep(pg.path)+"lang="+lc.lang)
				if resp.StatusCode != 200 {
					t.Fatalf("status %d", resp.StatusCode)
				}
				if want := `<html lang="` + lc.lang + `" dir="` + lc.dir + `">`; !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
				for _, w := range lc.want {
					if !strings.Contains(body, w) {
						t.Errorf("page lacks %q", w)
					}
				}
				// A label key shows instead of its text when it is missing.
				if k := regexp.MustCompile(`\bweb\.[a-z_]+\.[a-z_.-]+`).FindString(stripURLs(body)); k != "" {
					t.Errorf("page shows the label key %q", k)
				}
				h := resp.Header
				if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
					t.Errorf("CSP = %q", csp)
				}
				if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
			})
		}
	}
}

// stripURLs drops addresses, which may contain "web." legitimately.
func stripURLs(s string) string {
	return regexp.MustCompile(`(href|src)="[^"]*"`).ReplaceAllString(s, "")
}

func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}

// TestNoOtherHost checks that no page loads anything from another host:
// every src, stylesheet and form action is local. Links to sources may
// point anywhere; they are navigation, not loads.
func TestNoOtherHost(t *testing.T) {
	srv := server(t)
	load := regexp.MustCompile(`(?:src|action)="([^"]*)"|<link[^>]+href="([^"]*)"`)
	for _, pg := range pages {
		_, body := get(t, srv.URL+pg.path)
		for _, m := range load.FindAllStringSubmatch(body, -1) {
			u := m[1] + m[2]
			if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
				t.Errorf("%s loads %q from another host", pg.path, u)
			}
		}
		if strings.Contains(body, "<script>") || regexp.MustCompile(`<script(?: [^>]*)?>[^<]`).MatchString(strings.ReplaceAll(body, `<script type="application/json" id="members-data">`, "")) {
			t.Errorf("%s has an inline script", pg.path)
		}
		if regexp.MustCompile(` style="`).MatchString(body) {
			t.Errorf("%s has an inline style attribute, which the CSP refuses", pg.path)
		}
	}
}

func TestLanguage(t *testing.T) {
	srv := server(t)
	for _, tc := range []struct {
		name   string
		path   string
		header []string
		want   string
	}{
		{"Default", "/", nil, `lang="en" dir="ltr"`},
		{"Query", "/?lang=ar", nil, `lang="ar" dir="rtl"`},
		{"AcceptLanguage", "/", []string{"Accept-Language", "ru-RU,ru;q=0.9"}, `lang="ru"`},
		{"AcceptLanguageSecondChoice", "/", []string{"Accept-Language", "de-DE,ar;q=0.8"}, `lang="ar"`},
		{"CookieBeatsAcceptLanguage", "/", []string{"Cookie", "lang=ar", "Accept-Language", "ru"}, `lang="ar"`},
		{"QueryBeatsCookie", "/?lang=ru", []string{"Cookie", "lang=ar"}, `lang="ru"`},
		{"BadCookieIgnored", "/", []string{"Cookie", "lang=xx"}, `lang="en"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, body := get(t, srv.URL+tc.path, tc.header...)
			if !strings.Contains(body, tc.want) {
				t.Errorf("page lacks %q", tc.want)
			}
		})
	}
	t.Run("QuerySetsCookie", func(t *testing.T) {
		resp, _ := get(t, srv.URL+"/timeline?lang=ar")
		c := resp.Header.Get("Set-Cookie")
		if !strings.Contains(c, "lang=ar") || !strings.Contains(c, "HttpOnly") || !strings.Contains(c, "SameSite=Lax") {
			t.Errorf("Set-Cookie = %q", c)
		}
	})
	t.Run("SwitchKeepsTheQuery", func(t *testing.T) {
		_, body := get(t, srv.URL+"/members?at=2008-07-22&lang=en")
		if !strings.Contains(body, `href="/members?at=2008-07-22&amp;lang=ar"`) {
			t.Error("the language switch loses the page's query")
		}
	})
}

func TestMembersAtADate(t *testing.T) {
	srv := server(t)
	for _, tc := range []struct {
		name, query string
		want, not   []string
	}{
		// 2000: Uzbekistan had not renewed the Treaty, a former member,
		// drawn and listed as one (Azerbaijan and Georgia too); China never
		// was a member. 2008: Uzbekistan back as a member.
		{"2000", "at=2000-06", []string{`<tr data-state="UZB">`, `data-state="UZB" class="country st-former"`, `data-state="AZE" class="country st-former"`, `data-state="GEO" class="country st-former"`,
			`data-state="CHN" class="country land"`, "Members of the Collective Security Treaty Organization on June 2000"}, []string{`<tr data-state="UZB" hidden>`}},
		{"2008", "at=2008-07-22", []string{`<tr data-state="UZB">`, "20 April 1994", `data-state="UZB" class="country st-member"`}, nil},
		{"2013", "at=2013", []string{`data-state="UZB" class="country st-suspended"`}, nil},
		{"Armenia2025", "at=2025-01-01", []string{`data-state="ARM" class="country st-participation-frozen"`}, nil},
		{"SCO", "org=sco&at=2010", []string{"Shanghai Cooperation Organisation", `data-state="CHN" class="country st-member"`, `data-state="IND" class="country st-observer"`}, nil},
		// Mongolia became an SCO observer in 2004, a year-precision date:
		// in mid-2004 its status is possible, not certain.
		{"Imprecise", "org=sco&at=2004-06", []string{`data-state="MNG" class="country st-observer possible"`, "bar fuzzy fz-observer"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, srv.URL+"/members?lang=en&"+tc.query)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(body, w) {
					t.Errorf("page shows %q", w)
				}
			}
		})
	}
}

// TestClientErrors: a reader's mistake gets 400 with the message, an
// unknown id 404, never 500.
func TestClientErrors(t *testing.T) {
	srv := server(t)
	for _, tc := range []struct {
		name, path string
		status     int
		want       string
	}{
		{"BadDate", "/members?at=2022-13-01", 400, "month 13 out of range"},
		{"BadDateKeepsTheForm", "/members?at=1992-02-30", 400, `value="1992-02-30"`},
		{"UnknownOrg", "/members?org=nope", 404, "unknown organization"},
		{"TimelineBadFrom", "/timeline?from=20x2", 400, "from: "},
		{"TimelineEndBeforeStart", "/timeline?from=2000&to=1999", 400, "before its start"},
		{"TimelineUnknownState", "/timeline?state=XYZ", 400, "unknown state"},
		{"TimelineUnknownOrg", "/timeline?org=nope", 400, "unknown organization"},
		{"TimelineBadPage", "/timeline?page=99", 400, "page"},
		{"ExercisesBadYear", "/exercises?year=abc", 400, "not a year"},
		{"ExercisesBadLevel", "/exercises?level=galactic", 400, "unknown level"},
		{"UnknownState", "/states/XYZ", 404, "unknown state"},
		{"UnknownInstrument", "/instruments/nope", 404, "unknown instrument"},
		{"UnknownSession", "/sessions/nope", 404, "unknown session"},
		{"UnknownDecision", "/decisions/nope", 404, "unknown decision"},
		{"UnknownOperation", "/operations/nope", 404, "unknown operation"},
		{"UnknownPage", "/nowhere", 404, "/nowhere"},
		{"UnknownAsset", "/assets/nope.css", 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, srv.URL+tc.path)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if !strings.Contains(body, tc.want) {
				t.Errorf("page lacks %q", tc.want)
			}
		})
	}
	t.Run("ArabicErrorPage", func(t *testing.T) {
		resp, body := get(t, srv.URL+"/states/XYZ?lang=ar")
		if resp.StatusCode != 404 || !strings.Contains(body, "غير موجود") || !strings.Contains(body, `dir="rtl"`) {
			t.Errorf("status %d; want an Arabic 404 page", resp.StatusCode)
		}
	})
	t.Run("FilterErrorNamesTheFieldInTheReadersLanguage", func(t *testing.T) {
		for _, tc := range []struct{ path, want, not string }{
			{"/timeline?from=20x2&lang=ar", "من: ", "from: "},
			{"/timeline?from=20x2&lang=ru", "с: ", "from: "},
			{"/exercises?year=abc&lang=ar", "السنة: ", "year: "},
			{"/members?at=2022-13-01&lang=ru", "дата: ", "at: "},
		} {
			resp, body := get(t, srv.URL+tc.path)
			if resp.StatusCode != 400 || !strings.Contains(body, tc.want) || strings.Contains(body, tc.not) {
				t.Errorf("%s: status %d; want 400 naming the field as %q, not %q", tc.path, resp.StatusCode, tc.want, tc.not)
			}
		}
	})
	t.Run("LowerCaseStateRedirects", func(t *testing.T) {
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(srv.URL + "/states/kaz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 301 || resp.Header.Get("Location") != "/states/KAZ" {
			t.Errorf("status %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("PostNotAllowed", func(t *testing.T) {
		resp, err := http.Post(srv.URL+"/members", "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 405 {
			t.Errorf("status %d, want 405", resp.StatusCode)
		}
	})
}

func TestTimelineFilters(t *testing.T) {
	srv := server(t)
	for _, tc := range []struct {
		name, query string
		want, not   []string
	}{
		{"Kazakhstan2022", "state=KAZ&from=2022-01&to=2022-01", []string{"Events 1–", "5 January 2022", "Kazakhstan"}, []string{"15 May 1992"}},
		{"Kind", "kind=party.non_renewal", []string{"21 April 1999"}, []string{"15 May 1992"}},
		{"AllOrgs", "org=&kind=org.add", []string{"Shanghai Cooperation Organisation", "North Atlantic Treaty"}, nil},
		{"ContestedClaim", "kind=membership.freeze", []string{"Contested", "28 June 2012", "Preferred</strong> (date): 20 June 2012"}, nil},
		{"Page2", "page=2", []string{"Events 51–", `rel="prev"`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, srv.URL+"/timeline?lang=en&"+tc.query)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(body, w) {
					t.Errorf("page shows %q", w)
				}
			}
		})
	}
}

// TestPageSize keeps every page under 200 KB, in every language.
func TestPageSize(t *testing.T) {
	srv := server(t)
	const limit = 200 << 10
	for _, pg := range pages {
		for _, l := range []string{"ar", "en", "ru"} {
			_, body := get(t, srv.URL+pg.path+sep(pg.path)+"lang="+l)
			if len(body) > limit {
				t.Errorf("%s in %s is %d bytes, over %d", pg.path, l, len(body), limit)
			}
			t.Logf("%-40s %s %7d bytes", pg.path, l, len(body))
		}
	}
}

func TestAssets(t *testing.T) {
	srv := server(t)
	_, body := get(t, srv.URL+"/members")
	m := regexp.MustCompile(`src="(/assets/members\.js\?v=[0-9a-f]{12})"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("members page has no versioned script")
	}
	resp, js := get(t, srv.URL+m[1])
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || !strings.Contains(js, "statusAt") {
		t.Errorf("script: status %d, type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned asset Cache-Control = %q", cc)
	}
	resp, _ = get(t, srv.URL+m[1], "If-None-Match", resp.Header.Get("ETag"))
	if resp.StatusCode != 304 {
		t.Errorf("conditional GET: status %d, want 304", resp.StatusCode)
	}
}

// BenchmarkPages renders each main page in Arabic (the heaviest, with the
// longest texts) through the handler, without the network; then the
// pages with forms as the accounts that see them, signed in (the session
// is looked up in the database on every request), the Secretariat's
// imports among them.
func BenchmarkPages(b *testing.B) {
	e := newEnv(b)
	openCouncil(b, e)
	importBatch(b, e)
	for _, pg := range pages {
		b.Run(pg.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", pg.path+sep(pg.path)+"lang=ar", nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				e.h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
	for _, pg := range signedInPages {
		for _, as := range pg.as {
			b.Run("SignedIn/"+as+pg.path, func(b *testing.B) {
				sec, _, err := e.acc.CreateSession(context.Background(), as, time.Hour)
				if err != nil {
					b.Fatal(err)
				}
				req := httptest.NewRequest("GET", pg.path+"?lang=ar", nil)
				req.Header.Set("Cookie", "csto_session="+sec)
				for b.Loop() {
					w := httptest.NewRecorder()
					e.h.ServeHTTP(w, req)
					if w.Code != 200 || !strings.Contains(w.Body.String(), `action="/signout?lang=en"`) {
						b.Fatalf("status %d, signed in: %v", w.Code, strings.Contains(w.Body.String(), `action="/signout?lang=en"`))
					}
				}
			})
		}
	}
}

// TestArabicDigits: a date typed with Arabic-Indic (or Persian) digits
// is read as the same date, on every page that takes one.
func TestArabicDigits(t *testing.T) {
	srv := server(t)
	for _, tc := range []struct{ path, want string }{
		{"/members?lang=en&at=٢٠٠٠-٠٦", "Members of the Collective Security Treaty Organization on June 2000"},
		{"/obligations?lang=ar&target=ARM&aggressor=AZE&at=٢٠٢٢-٠٩-١٣", "الملزَمون بالمساعدة بموجب المادة 4 من المعاهدة"},
		{"/timeline?lang=en&from=۱۹۹۹&to=۱۹۹۹", "1999"},
	} {
		resp, body := get(t, srv.URL+tc.path)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d", tc.path, resp.StatusCode)
			continue
		}
		if !strings.Contains(body, tc.want) {
			t.Errorf("%s: the page lacks %q", tc.path, tc.want)
		}
	}
}

// TestDecisionSaysWhatItDecides: a decision's page names the act it
// decided, with the state's name, in the reader's language.
func TestDecisionSaysWhatItDecides(t *testing.T) {
	srv := server(t)
	for _, tc := range []struct{ lang, want string }{
		{"ar", "تعليق عضوية أوزبكستان"},
		{"en", "suspend the membership of Uzbekistan"},
		{"ru", "приостановить членство Узбекистан"},
	} {
		resp, body := get(t, srv.URL+"/decisions/dec-csc-2012-12-19-uzbekistan?lang="+tc.lang)
		if resp.StatusCode != 200 || !strings.Contains(body, "<dd>"+tc.want+"</dd>") {
			t.Errorf("%s: status %d; the page does not say it decided %q", tc.lang, resp.StatusCode, tc.want)
		}
	}
	// A decision recorded without a subject says none.
	_, body := get(t, srv.URL+"/decisions/dec-csc-2022-11-23-armenia-assistance?lang=en")
	if strings.Contains(body, ">Decides<") {
		t.Errorf("a decision without a subject shows one")
	}
}

// TestLinksCarryTheLanguage checks that every same-site link and form on
// the main pages names the page's language, so an address copied from
// any of them opens in the language it was read in (issue #14, item 3).
// TestSignedInPages holds the pages with forms to the same check.
func TestLinksCarryTheLanguage(t *testing.T) {
	srv := server(t)
	for _, pg := range pages {
		for _, lang := range []string{"ar", "ru"} {
			_, body := get(t, srv.URL+pg.path+sep(pg.path)+"lang="+lang)
			linksCarry(t, pg.path+"?lang="+lang, body, lang)
		}
	}
}

var (
	siteAddr = regexp.MustCompile(`<[a-z]+ [^>]*?(?:href|action)="(/[^"]*)"[^>]*>`)
	getForm  = regexp.MustCompile(`(?s)<form [^>]*method="get"[^>]*>.*?</form>`)
)

// linksCarry reports the same-site links and forms of a page in lang
// that do not name lang. Assets and the API's files are the same in every
// language; the language switch (hreflang) names its own. A GET form's
// action loses its query, so such a form carries the language as a field.
func linksCarry(t *testing.T, where, body, lang string) {
	t.Helper()
	for _, f := range getForm.FindAllString(body, -1) {
		if !strings.Contains(f, `<input type="hidden" name="lang" value="`+lang+`">`) {
			t.Errorf("%s has a form without its language: %.80s", where, f)
		}
	}
	hasLang := regexp.MustCompile(`[?&]lang=` + lang + `(?:&|#|$)`)
	for _, m := range siteAddr.FindAllStringSubmatch(getForm.ReplaceAllString(body, ""), -1) {
		u := strings.ReplaceAll(m[1], "&amp;", "&")
		if strings.HasPrefix(u, "/assets/") || strings.HasPrefix(u, "/api/") || strings.Contains(m[0], " hreflang=") {
			continue
		}
		if !hasLang.MatchString(u) {
			t.Errorf("%s links to %q, without its language", where, u)
		}
	}
}
