package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/internal/rss"
)

// TestSignInFloodOnThePages: 48 wrong passwords at once through /signin,
// at the real argon2id cost (64 MiB a check), for one account from 48
// addresses: every attempt is answered at once, 401 when checked and 429
// with Retry-After otherwise, and peak memory grows by the check slots'
// worth, not 48 checks' (see api's TestSignInFlood for the figures).
func TestSignInFloodOnThePages(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.acc.Params = account.DefaultParams
	if _, err := e.acc.Add(ctx, "delegate-target", csto.RoleDelegate, "KAZ", password); err != nil {
		t.Fatal(err)
	}
	e.acc.SetCheckMemory(account.DefaultCheckMemory)
	form := func(ip string) *http.Request {
		get := httptest.NewRequest("GET", "/signin", nil)
		get.RemoteAddr = ip + ":1234"
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, get)
		tok := csrfField.FindStringSubmatch(w.Body.String())[1]
		body := url.Values{"name": {"delegate-target"}, "password": {"wrong password " + ip}, "csrf": {tok}}
		post := httptest.NewRequest("POST", "/signin", strings.NewReader(body.Encode()))
		post.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		post.Header.Set("Cookie", "csto_signin="+tok)
		post.RemoteAddr = ip + ":1234"
		return post
	}
	var reqs []*http.Request
	for i := range 48 {
		reqs = append(reqs, form("198.51.100."+strconv.Itoa(i)))
	}
	debug.FreeOSMemory()
	if err := rss.ResetPeak(); err != nil {
		t.Fatal(err)
	}
	base, _ := rss.Current()
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for _, req := range reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, req)
			if w.Code == http.StatusTooManyRequests && w.Header().Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
			mu.Lock()
			statuses[w.Code]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	peak, _ := rss.Peak()
	grew := (peak - base) >> 20
	t.Logf("48 at once through /signin: %v, peak RSS +%d MiB", statuses, grew)
	if statuses[401] == 0 || statuses[401] > account.PolicyName.Free || statuses[401]+statuses[429] != 48 {
		t.Errorf("statuses %v; want 1–%d checked (401), the rest 429", statuses, account.PolicyName.Free)
	}
	if grew > 12*64 {
		t.Errorf("peak RSS grew %d MiB; want under %d", grew, 12*64)
	}
}
