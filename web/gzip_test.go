package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestGzip: pages, downloads and text assets are compressed for a client
// that accepts gzip, and only for one; every answer says it varies with
// Accept-Encoding.
func TestGzip(t *testing.T) {
	srv := server(t)
	fetch := func(path, accept string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept) // set by hand: the client then leaves the body alone
		} else {
			req.Header.Set("Accept-Encoding", "identity")
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	for _, tc := range []struct {
		path, accept string
		gzipped      bool
		want         string
	}{
		{"/members?lang=ar", "gzip, deflate, br", true, `<html lang="ar" dir="rtl">`},
		{"/members?lang=en&at=2013&format=csv", "br;q=1.0, gzip;q=0.8", true, "UZB,Uzbekistan,suspended"},
		{"/obligations?target=ARM&aggressor=AZE&at=2022-09-13&format=json", "*", true, `"target": "ARM"`},
		{"/assets/style.css", "gzip", true, ":root"},
		{"/members?lang=en", "gzip;q=0", false, "<html"},
		{"/members?lang=en", "", false, "<html"},
		{"/no-such-page", "gzip", true, "<html"},
	} {
		resp, body := fetch(tc.path, tc.accept)
		if got := resp.Header.Get("Content-Encoding") == "gzip"; got != tc.gzipped {
			t.Errorf("%s with Accept-Encoding %q: gzipped %v, want %v", tc.path, tc.accept, got, tc.gzipped)
			continue
		}
		if !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Accept-Encoding") {
			t.Errorf("%s: Vary %q lacks Accept-Encoding", tc.path, resp.Header.Values("Vary"))
		}
		if tc.gzipped {
			zr, err := gzip.NewReader(strings.NewReader(string(body)))
			if err != nil {
				t.Fatalf("%s: %v", tc.path, err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%s: %v", tc.path, err)
			}
		}
		if !strings.Contains(string(body), tc.want) {
			t.Errorf("%s: the body lacks %q", tc.path, tc.want)
		}
	}
	// An unchanged asset answers 304 without a body, uncompressed.
	req, _ := http.NewRequest("GET", srv.URL+"/assets/style.css", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, _ := fetch("/assets/style.css", "gzip")
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified || resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("a revalidated asset: status %d, Content-Encoding %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
}
