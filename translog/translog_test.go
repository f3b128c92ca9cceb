package translog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// TestFrontierMatchesTlog: the root the frontier keeps equals
// tlog.TreeHash over the stored hashes, at every size.
func TestFrontierMatchesTlog(t *testing.T) {
	var stored []tlog.Hash
	read := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			out[i] = stored[x]
		}
		return out, nil
	})
	var f Frontier
	for n := range int64(300) {
		leaf := LeafOf(fmt.Sprintf("%064x", n))
		hs, err := tlog.StoredHashes(n, []byte(fmt.Sprintf("%064x", n)), read)
		if err != nil {
			t.Fatal(err)
		}
		stored = append(stored, hs...)
		if hs[0] != leaf {
			t.Fatalf("leaf %d: tlog stores %v, LeafOf gives %v", n, hs[0], leaf)
		}
		g := f.Append(leaf)
		if f.Size != n {
			t.Fatal("Append changed its receiver")
		}
		f = g
		want, err := tlog.TreeHash(n+1, read)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Head(); got.Size != n+1 || got.Root != want {
			t.Fatalf("size %d: frontier root %v, tlog %v", n+1, got.Root, want)
		}
	}
}

func TestCheckpointSignAndOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := LoadKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadKey(dir)
	if err != nil || again.PublicKey() != s.PublicKey() {
		t.Fatalf("second LoadKey: %v, %q vs %q", err, again.PublicKey(), s.PublicKey())
	}
	pub, err := os.ReadFile(filepath.Join(dir, PubKeyFile))
	if err != nil || strings.TrimSpace(string(pub)) != s.PublicKey() {
		t.Fatalf("public key file %q, %v", pub, err)
	}
	if fi, _ := os.Stat(filepath.Join(dir, KeyFile)); fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v", fi.Mode())
	}
	h := (Frontier{}).Append(LeafOf("a")).Append(LeafOf("b")).Head()
	at := time.Date(2026, 12, 2, 16, 0, 0, 0, time.UTC)
	msg, err := s.Sign(h, at)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Open(msg, s.PublicKey())
	if err != nil || c.Head != h || !c.Time.Equal(at) || c.Origin != s.Name() {
		t.Fatalf("Open: %+v, %v", c, err)
	}
	forged := strings.Replace(string(msg), "\n2\n", "\n3\n", 1)
	if _, err := Open([]byte(forged), s.PublicKey()); err == nil {
		t.Error("a checkpoint with an altered size verified")
	}
	other, _ := LoadKey(t.TempDir())
	if _, err := Open(msg, other.PublicKey()); err == nil {
		t.Error("a checkpoint verified with another instance's key")
	}
}
