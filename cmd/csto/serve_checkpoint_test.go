package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csto/csto/translog"
)

// TestServeSignsCheckpoints: `csto serve` answers GET /api/v1/checkpoint
// with a note signed by the data directory's key, the one `csto
// checkpoint` signs with (checkpoint.pub verifies it), of the whole log.
func TestServeSignsCheckpoints(t *testing.T) { onEachBackend(t, serveSignsCheckpoints) }

func serveSignsCheckpoints(t *testing.T, dir string) {
	mustRun(t, dir, "members")
	in := startInstance(t, dir)
	status, body, err := apiCall(&http.Client{Timeout: 10 * time.Second}, "GET", in.url+"/api/v1/checkpoint", "", "")
	if err != nil || status != 200 {
		t.Fatalf("GET /api/v1/checkpoint: %d %v %s", status, err, body)
	}
	pub, err := os.ReadFile(filepath.Join(dir, translog.PubKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(mustRun(t, dir, "checkpoint", "--public-key")); got != strings.TrimSpace(string(pub)) {
		t.Fatalf("csto checkpoint signs with %q, the data directory's public key is %q", got, pub)
	}
	c, err := translog.Open(body, string(pub))
	if err != nil {
		t.Fatalf("the served checkpoint does not verify with %s: %v\n%s", translog.PubKeyFile, err, body)
	}
	if n := int64(countEvents(t, dir)); c.Size != n {
		t.Errorf("checkpoint of size %d; the log holds %d events", c.Size, n)
	}
}
