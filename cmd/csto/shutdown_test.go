package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestGracefulShutdownLosesNoAcknowledgedWrite starts a real `csto serve
// --demo`, sends writes from several clients, stops the server with
// SIGTERM while they are in flight, and checks that every write the
// server acknowledged (201) is in the log afterwards, and that the server
// exits cleanly.
func TestGracefulShutdownLosesNoAcknowledgedWrite(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "serve", "--demo", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "CSTO_TEST_MAIN=1", "CSTO_DATA_DIR="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// Read the demo credentials and the address from stdout.
	tokens := map[string]string{}
	var base string
	tokRe := regexp.MustCompile(`^\s+delegate-(\w+)\s.*token (csto_\S+)`)
	addrRe := regexp.MustCompile(`serving (http://\S+)`)
	sc := bufio.NewScanner(stdout)
	// A generous bound, not a timing assertion: --demo replays the
	// history and hashes passwords, which takes tens of seconds on a
	// loaded 2-core machine.
	deadline := time.Now().Add(2 * time.Minute)
	for base == "" && sc.Scan() && time.Now().Before(deadline) {
		if m := tokRe.FindStringSubmatch(sc.Text()); m != nil {
			tokens[strings.ToUpper(m[1])] = m[2]
		}
		if m := addrRe.FindStringSubmatch(sc.Text()); m != nil {
			base = m[1]
		}
	}
	go io.Copy(io.Discard, stdout)
	if base == "" || tokens["KGZ"] == "" {
		t.Fatalf("no address or tokens from csto serve --demo (stderr: %s)", stderr.String())
	}

	var (
		mu    sync.Mutex
		acked []string // request IDs the server acknowledged
		wg    sync.WaitGroup
	)
	client := &http.Client{Timeout: 10 * time.Second}
	stop := make(chan struct{})
	for _, st := range []string{"KGZ", "KAZ", "BLR", "TJK"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				body := `{"kind":"consultations"}` // an act of today
				req, _ := http.NewRequest("POST", base+"/api/v1/requests", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+tokens[st])
				resp, err := client.Do(req)
				if err != nil {
					return // the server has stopped listening
				}
				var v struct{ ID string }
				json.NewDecoder(resp.Body).Decode(&v)
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated {
					mu.Lock()
					acked = append(acked, v.ID)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(700 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitErr := make(chan error, 1)
	go func() { waitErr <- cmd.Wait() }()
	select {
	case err := <-waitErr:
		if err != nil {
			t.Fatalf("csto serve exited with %v after SIGTERM: %s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("csto serve did not stop within 30 s of SIGTERM")
	}
	close(stop)
	wg.Wait()
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged before the shutdown; the test proves nothing")
	}
	out := mustRun(t, dir, "requests", "--json")
	for _, id := range acked {
		if !strings.Contains(out, `"id":"`+id+`"`) {
			t.Errorf("request %s was acknowledged but is not in the log", id)
		}
	}
	mustRun(t, dir, "verify")
	t.Logf("%d writes acknowledged before SIGTERM, all in the log", len(acked))
}
