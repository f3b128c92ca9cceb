package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestCrashLosesNoAcknowledgedWrite is the crash suite: `csto serve`
// is killed with SIGKILL while four clients write through it, rounds
// times, and restarted on the same data. Every write it acknowledged
// (201) must be in the log exactly once after each crash, and the chain
// and tree must verify. A write cut off by the kill may or may not be
// there; it is never there twice. docs/SECURITY.md reports the figures
// (go test ./cmd/csto -run TestCrashLosesNoAcknowledgedWrite -v).
func TestCrashLosesNoAcknowledgedWrite(t *testing.T) { onEachBackend(t, crashLosesNoAcknowledgedWrite) }

func crashLosesNoAcknowledgedWrite(t *testing.T, dir string) {
	const (
		rounds  = 3
		writers = 4
		load    = 400 * time.Millisecond // writing before the kill
	)
	mustRun(t, dir, "members")
	states := []string{"KAZ", "KGZ", "TJK", "BLR"}
	tokens := make([]string, writers)
	for w := range writers {
		tokens[w] = tokenFor(t, dir, fmt.Sprintf("crash-%d", w), states[w])
	}
	acked := map[string]bool{}
	tried := 0
	for round := range rounds {
		in := startInstance(t, dir)
		var (
			mu   sync.Mutex
			stop atomic.Bool
			wg   sync.WaitGroup
		)
		for w := range writers {
			wg.Go(func() {
				client := &http.Client{Timeout: 10 * time.Second}
				for k := 0; !stop.Load(); k++ {
					id := fmt.Sprintf("crash-%d-%d-%d", round, w, k)
					status, _, err := apiCall(client, "POST", in.url+"/api/v1/requests", tokens[w], fmt.Sprintf(`{"id":%q,"kind":"consultations"}`, id))
					mu.Lock()
					tried++
					if err == nil && status == http.StatusCreated {
						acked[id] = true
					}
					mu.Unlock()
					if err != nil {
						return // the server is gone
					}
				}
			})
		}
		time.Sleep(load)
		in.cmd.Process.Kill() // SIGKILL: no shutdown, no flush
		stop.Store(true)
		<-in.done
		in.done = nil
		wg.Wait()

		// The log after the crash: every acknowledged write, once.
		rows, err := openSQL(t, dir).Query(`SELECT command_id, count(*) FROM events WHERE command_id LIKE 'request.file:crash-%' GROUP BY command_id`)
		if err != nil {
			t.Fatal(err)
		}
		logged := map[string]int{}
		for rows.Next() {
			var id string
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				t.Fatal(err)
			}
			logged[strings.TrimPrefix(id, "request.file:")] = n
		}
		rows.Close()
		lost := 0
		for id := range acked {
			if logged[id] == 0 {
				lost++
				t.Errorf("round %d: acknowledged write %s is not in the log", round, id)
			}
		}
		for id, n := range logged {
			if n != 1 {
				t.Errorf("round %d: %s is in the log %d times", round, id, n)
			}
		}
		if out, errs, code := run(t, dir, "verify"); code != 0 {
			t.Fatalf("round %d: verify after the crash: exit %d %s %s", round, code, out, errs)
		}
		t.Logf("round %d: %d writes tried, %d acknowledged, %d in the log, %d acknowledged lost", round, tried, len(acked), len(logged), lost)
	}
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged before the kills: the suite tested nothing")
	}
}
