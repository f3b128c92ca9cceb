package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/api"
	"github.com/csto/csto/internal/rss"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/sqlite"
)

// TestSignInFlood: 48 wrong passwords at once, at the real argon2id cost
// (64 MiB a check), for one account and for 48 names from 48 addresses.
// Every attempt is answered at once — 401 when checked, 429 with
// Retry-After otherwise — and the process's peak memory grows by the
// check slots' worth, not 48 checks' (3 GiB before the slots existed).
// CSTO_FLOOD_COMPARE=1 also runs the flood with a slot per attempt, for
// docs/SECURITY.md's side-by-side figure.
func TestSignInFlood(t *testing.T) {
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
	acc, err := account.Open(ctx, st.DB(), account.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := acc.Add(ctx, "delegate-kaz", csto.RoleDelegate, "KAZ", "a long enough password"); err != nil {
		t.Fatal(err)
	}
	s := api.New(reg, acc, slog.New(slog.NewTextHandler(io.Discard, nil)), time.Now)
	flood := func(t *testing.T, slotsMiB int, name func(i int) string, addr func(i int) string) (map[int]int, int64) {
		acc.SetCheckMemory(slotsMiB)
		acc.Limiter = account.NewLimiter(time.Now)
		debug.FreeOSMemory() // so that the heap a previous flood left is not counted as free room
		if err := rss.ResetPeak(); err != nil {
			t.Fatal(err)
		}
		base, _ := rss.Current()
		var wg sync.WaitGroup
		var mu sync.Mutex
		statuses := map[int]int{}
		start := make(chan struct{})
		for i := range 48 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body := fmt.Sprintf(`{"name":%q,"password":"wrong password %d"}`, name(i), i)
				req := httptest.NewRequest("POST", "/api/v1/session", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.RemoteAddr = addr(i) + ":4000"
				w := httptest.NewRecorder()
				<-start
				s.ServeHTTP(w, req)
				if w.Code == http.StatusTooManyRequests && w.Header().Get("Retry-After") == "" {
					t.Errorf("429 without Retry-After")
				}
				mu.Lock()
				statuses[w.Code]++
				mu.Unlock()
			}()
		}
		close(start)
		wg.Wait()
		peak, _ := rss.Peak()
		return statuses, peak - base
	}
	const mib = 1 << 20
	t.Run("OneAccount", func(t *testing.T) {
		got, grew := flood(t, account.DefaultCheckMemory, func(int) string { return "delegate-kaz" }, func(int) string { return "192.0.2.1" })
		t.Logf("48 at once for one account: %v, peak RSS +%d MiB", got, grew/mib)
		if got[401] > account.PolicyName.Free || got[401]+got[429] != 48 {
			t.Errorf("statuses %v; want at most %d checked (401), the rest 429", got, account.PolicyName.Free)
		}
	})
	t.Run("ManyNamesAndAddresses", func(t *testing.T) {
		got, grew := flood(t, account.DefaultCheckMemory, func(i int) string { return fmt.Sprintf("guess-%d", i) },
			func(i int) string { return fmt.Sprintf("198.51.100.%d", i) })
		t.Logf("48 at once, 48 names and addresses, %d slots: %v, peak RSS +%d MiB", acc.CheckSlots(), got, grew/mib)
		if got[401] == 0 || got[429] == 0 || got[401]+got[429] != 48 {
			t.Errorf("statuses %v; want some checked (401) and the rest 429", got)
		}
		// Four checks of 64 MiB at once, and the garbage collector's slack
		// (up to as much again): well under 48 checks' 3 GiB.
		if limit := int64(12 * 64 * mib); grew > limit {
			t.Errorf("peak RSS grew %d MiB under the flood; want under %d MiB", grew/mib, limit/mib)
		}
	})
	if os.Getenv("CSTO_FLOOD_COMPARE") == "1" {
		t.Run("Unbounded", func(t *testing.T) {
			got, grew := flood(t, 48*64, func(i int) string { return fmt.Sprintf("other-%d", i) },
				func(i int) string { return fmt.Sprintf("203.0.113.%d", i) })
			t.Logf("the same with 48 slots (as before): %v, peak RSS +%d MiB", got, grew/mib)
		})
	}
}

// TestWrongMethodNamesTheAllowedOnes: 405 with Allow, as problem+json.
func TestWrongMethodNamesTheAllowedOnes(t *testing.T) {
	e := newEnv(t)
	for path, allow := range map[string]string{"/api/v1/requests": "GET, POST", "/api/v1/session": "POST, DELETE", "/healthz": "GET"} {
		r := e.do("PATCH", path, "", nil)
		if r.status != 405 || r.header.Get("Allow") != allow || r.header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("PATCH %s: %d, Allow %q, %s; want 405, Allow %q, problem+json", path, r.status, r.header.Get("Allow"), r.header.Get("Content-Type"), allow)
		}
	}
}
