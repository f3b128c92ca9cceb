package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
	"github.com/csto/csto/web"
)

func server(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC) }
	srv := httptest.NewServer(web.New(reg, slog.New(slog.NewTextHandler(io.Discard, nil)), now))
	t.Cleanup(srv.Close)
	return srv
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

func TestMembersPage(t *testing.T) {
	srv := server(t)
	for _, tc := range []struct {
		name, path string
		header     []string
		status     int
		want       []string
	}{
		{"EnglishToday", "/", nil, 200, []string{`lang="en" dir="ltr"`, "Russia", "participation frozen", `href="/timeline?lang=en"`}},
		{"ArabicIsRightToLeft", "/?lang=ar", nil, 200, []string{`lang="ar" dir="rtl"`, "روسيا"}},
		{"AcceptLanguageRussian", "/", []string{"Accept-Language", "ru-RU,ru;q=0.9"}, 200, []string{`lang="ru"`, "Россия"}},
		{"At2008", "/?at=2008-07-22", nil, 200, []string{"Uzbekistan", "1994-04-20"}},
		{"ErrBadDate", "/?at=2022-13-01", nil, 400, []string{"month 13 out of range"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := get(t, srv.URL+tc.path, tc.header...)
			if resp.StatusCode != tc.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.status)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("CSP = %q", csp)
			}
		})
	}
}

func TestTimelinePageShowsSourcesAndClaims(t *testing.T) {
	srv := server(t)
	resp, body := get(t, srv.URL+"/timeline?lang=en")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	for _, w := range []string{"1992-05-15", "1994-04-20", "2022-01-06", "Al Jazeera", "other claim", "why preferred"} {
		if !strings.Contains(body, w) {
			t.Errorf("timeline lacks %q", w)
		}
	}
}
