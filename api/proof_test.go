package api_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/csto/csto/translog"
)

// checkpoint fetches and opens the served checkpoint with the instance's
// public key.
func (e *env) checkpoint() translog.Checkpoint {
	e.t.Helper()
	r := e.do("GET", "/api/v1/checkpoint", "", nil)
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		e.t.Fatalf("checkpoint: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
	}
	c, err := translog.Open(r.body, e.pubKey)
	if err != nil {
		e.t.Fatalf("the served checkpoint does not open with the instance's key: %v\n%s", err, r.body)
	}
	return c
}

// leaf is the record hash of event seq, from the log as GET /api/v1/events
// shows it: what a client computes itself.
func (e *env) leaf(seq int64) tlog.Hash {
	e.t.Helper()
	var page struct {
		Events []struct {
			Seq  int64  `json:"seq"`
			Hash string `json:"hash"`
		} `json:"events"`
	}
	r := e.do("GET", fmt.Sprintf("/api/v1/events?after=%d&limit=1", seq-1), "", nil)
	if err := json.Unmarshal(r.body, &page); err != nil || len(page.Events) != 1 || page.Events[0].Seq != seq {
		e.t.Fatalf("event %d: %v %s", seq, err, r.body)
	}
	return translog.LeafOf(page.Events[0].Hash)
}

func unb64(t *testing.T, ss ...string) []tlog.Hash {
	t.Helper()
	out := make([]tlog.Hash, len(ss))
	for i, s := range ss {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) != tlog.HashSize {
			t.Fatalf("%q is not a base64 hash", s)
		}
		copy(out[i][:], b)
	}
	return out
}

// TestProofs checks the transparency log's endpoints as an auditor who
// trusts nothing the server says but its signed checkpoint: every
// inclusion proof served verifies with tlog.CheckRecord against the
// checkpoint's root and a leaf computed from the event, and the
// consistency proof between two checkpoints with tlog.CheckTree; a leaf
// or root changed by one bit does not verify; bad parameters are
// problems naming the parameter.
func TestProofs(t *testing.T) { onEachBackend(t, proofs) }

func proofs(t *testing.T, backend string) {
	e := newEnvOn(t, backend)
	c1 := e.checkpoint()
	if c1.Size != e.seq() || c1.Size == 0 {
		t.Fatalf("checkpoint of size %d; the log has %d events", c1.Size, e.seq())
	}
	type incl struct {
		Seq, Size  int64
		Leaf, Root string
		Proof      []string
	}
	include := func(seq, size int64, root tlog.Hash) {
		t.Helper()
		var p incl
		r := e.do("GET", fmt.Sprintf("/api/v1/proof/inclusion?seq=%d&size=%d", seq, size), "", nil)
		if r.status != 200 || json.Unmarshal(r.body, &p) != nil {
			t.Fatalf("inclusion of %d in %d: %d %s", seq, size, r.status, r.body)
		}
		leaf := e.leaf(seq)
		if got := unb64(t, p.Leaf)[0]; got != leaf {
			t.Errorf("event %d: served leaf %s, computed %s", seq, got, leaf)
		}
		if got := unb64(t, p.Root)[0]; got != root {
			t.Errorf("inclusion of %d: served root %s, the checkpoint's %s", seq, got, root)
		}
		proof := tlog.RecordProof(unb64(t, p.Proof...))
		if err := tlog.CheckRecord(proof, size, root, seq-1, leaf); err != nil {
			t.Errorf("event %d in the tree of %d: %v", seq, size, err)
		}
		bad := leaf
		bad[0] ^= 1
		if tlog.CheckRecord(proof, size, root, seq-1, bad) == nil {
			t.Errorf("event %d: a changed leaf verifies", seq)
		}
	}
	for _, seq := range []int64{1, 2, c1.Size / 3, c1.Size - 1, c1.Size} {
		include(seq, c1.Size, c1.Root)
	}

	// The log grows; the later checkpoint extends the earlier one.
	setup(t, e)
	c2 := e.checkpoint()
	if c2.Size <= c1.Size {
		t.Fatalf("after the set-up the tree has %d events, before %d", c2.Size, c1.Size)
	}
	include(c1.Size+1, c2.Size, c2.Root)
	include(3, c2.Size, c2.Root)
	for _, q := range []string{fmt.Sprintf("from=%d&to=%d", c1.Size, c2.Size), fmt.Sprintf("from=%d", c1.Size)} {
		var p struct {
			From, To         int64
			FromRoot, ToRoot string `json:"-"`
			Proof            []string
		}
		var roots struct {
			From string `json:"from_root"`
			To   string `json:"to_root"`
		}
		r := e.do("GET", "/api/v1/proof/consistency?"+q, "", nil)
		if r.status != 200 || json.Unmarshal(r.body, &p) != nil || json.Unmarshal(r.body, &roots) != nil {
			t.Fatalf("consistency %s: %d %s", q, r.status, r.body)
		}
		if p.From != c1.Size || p.To != c2.Size || unb64(t, roots.From)[0] != c1.Root || unb64(t, roots.To)[0] != c2.Root {
			t.Errorf("consistency %s: %s; want from %d to %d with the checkpoints' roots", q, r.body, c1.Size, c2.Size)
		}
		proof := tlog.TreeProof(unb64(t, p.Proof...))
		if err := tlog.CheckTree(proof, c2.Size, c2.Root, c1.Size, c1.Root); err != nil {
			t.Errorf("the tree of %d does not extend the tree of %d: %v", c2.Size, c1.Size, err)
		}
		forged := c1.Root
		forged[5] ^= 1
		if tlog.CheckTree(proof, c2.Size, c2.Root, c1.Size, forged) == nil {
			t.Error("a consistency proof verifies against a forged earlier root")
		}
	}

	// Bad parameters: 400 problems naming the parameter; nothing else.
	n := c2.Size
	for _, tc := range []struct{ path, param string }{
		{"/api/v1/proof/inclusion", "seq"},
		{"/api/v1/proof/inclusion?seq=abc", "seq"},
		{"/api/v1/proof/inclusion?seq=-1", "seq"},
		{"/api/v1/proof/inclusion?seq=0", "seq"},
		{fmt.Sprintf("/api/v1/proof/inclusion?seq=%d", n+1), "seq"},
		{fmt.Sprintf("/api/v1/proof/inclusion?seq=5&size=%d", n+1), "size"},
		{"/api/v1/proof/inclusion?seq=5&size=4", "seq"},
		{"/api/v1/proof/inclusion?seq=5&size=1e3", "size"},
		{"/api/v1/proof/consistency", "from"},
		{"/api/v1/proof/consistency?from=0", "from"},
		{"/api/v1/proof/consistency?from=x", "from"},
		{fmt.Sprintf("/api/v1/proof/consistency?from=%d", n+1), "from"},
		{fmt.Sprintf("/api/v1/proof/consistency?from=1&to=%d", n+1), "to"},
		{"/api/v1/proof/consistency?from=9&to=8", "from"},
		{"/api/v1/proof/consistency?from=1&to=99999999999999999999", "to"},
	} {
		r := e.do("GET", tc.path, "", nil)
		if r.status != 400 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
			t.Errorf("%s: %d %s; want a 400 problem", tc.path, r.status, r.body)
			continue
		}
		if !problemNames(r.json(t), tc.param) {
			t.Errorf("%s: the problem does not name %q: %s", tc.path, tc.param, r.body)
		}
	}
}
