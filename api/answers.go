package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"
)

// Answers of the public read routes are a function of the log position
// (the model's seq and head), the address, the language and the day: the
// same request between two writes gets the same bytes. answers keeps the
// encoded answers of anonymous GETs for the current log position, so a
// repeated read neither queries the model nor encodes again; the first
// read after a write finds a newer position and starts afresh. Routes
// whose answer depends on anything else are marked Live (the checkpoint's
// signing time, the search index and the drafts beside the log, the
// chain verification, which must read the store each time).
type answers struct {
	mu    sync.Mutex
	seq   int64
	head  string
	byKey map[string][]byte
	size  int
}

// Bounds: an answer larger than maxAnswer is not kept (exports are
// streamed or large), and the whole cache keeps at most maxAnswers bytes,
// then stops adding until the log moves.
const (
	maxAnswer  = 256 << 10
	maxAnswers = 32 << 20
)

// get returns the answer kept for key at the log position seq/head.
func (c *answers) get(seq int64, head, key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq != seq || c.head != head {
		return nil, false
	}
	b, ok := c.byKey[key]
	return b, ok
}

// put keeps b as the answer for key at seq/head. An answer for an older
// position than the one kept is dropped; a newer one starts afresh.
func (c *answers) put(seq int64, head, key string, b []byte) {
	if len(b) > maxAnswer {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case seq < c.seq:
		return
	case seq != c.seq || head != c.head || c.byKey == nil:
		c.seq, c.head, c.byKey, c.size = seq, head, map[string][]byte{}, 0
	}
	if c.size+len(b) > maxAnswers {
		return
	}
	if _, ok := c.byKey[key]; !ok {
		c.byKey[key] = b
		c.size += len(b)
	}
}

// encodeJSON is the body writeJSON writes for v.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeBody writes an encoded JSON answer.
func writeBody(w http.ResponseWriter, status int, b []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}
