package api

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/internal/httpx"
	"github.com/csto/csto/translog"
	"golang.org/x/mod/sumdb/tlog"
)

// The transparency log (package translog): the signed checkpoint of the
// tree over the events, and proofs of inclusion and consistency from
// the tree stored beside the log. Public reads: anyone may audit.

// InclusionProof is the answer of GET /api/v1/proof/inclusion: event
// seq is leaf seq-1 of the tree of size events. Hashes are base64, as in
// checkpoints; check with tlog.CheckRecord(proof, size, root, seq-1, leaf),
// where leaf is tlog.RecordHash of the event's hash (GET /api/v1/events).
type InclusionProof struct {
	Seq   int64    `json:"seq"`
	Size  int64    `json:"size"`
	Leaf  string   `json:"leaf"`
	Root  string   `json:"root"`
	Proof []string `json:"proof"`
}

// ConsistencyProof is the answer of GET /api/v1/proof/consistency: the
// tree of to events extends the tree of from events. Check with
// tlog.CheckTree(proof, to, to_root, from, from_root).
type ConsistencyProof struct {
	From     int64    `json:"from"`
	To       int64    `json:"to"`
	FromRoot string   `json:"from_root"`
	ToRoot   string   `json:"to_root"`
	Proof    []string `json:"proof"`
}

// SetSigner gives the server the key its checkpoints are signed with
// (translog.LoadKey of the data directory); without it
// /api/v1/checkpoint answers 500.
func (s *Server) SetSigner(k *translog.Signer) { s.signer = k }

func init() {
	moreRoutes = append(moreRoutes,
		Route{Method: "GET", Pattern: "/api/v1/checkpoint", Tag: "audit",
			Summary: "The signed checkpoint of the log: origin, tree size, base64 root hash and time, in the signed-note format (Ed25519); save it to check later that the log only grew",
			Public:  true, Raw: func(s *Server) http.HandlerFunc { return s.checkpoint }, RawType: "text/plain"},
		Route{Method: "GET", Pattern: "/api/v1/proof/inclusion", Tag: "audit",
			Summary: "Proof that an event is in the tree of a size (RFC 6962), from the tree stored beside the log",
			Params: []Param{{"seq", "integer", "the event's position in the log (required)"},
				{"size", "integer", "the tree size, as a checkpoint gives it (default: the current tree)"}},
			Resp: InclusionProof{}, Public: true, Live: true, Expensive: true, Handle: getInclusion},
		Route{Method: "GET", Pattern: "/api/v1/proof/consistency", Tag: "audit",
			Summary: "Proof that the tree of one size extends the tree of a smaller one (RFC 6962): the log between two checkpoints only grew",
			Params: []Param{{"from", "integer", "the smaller tree size, an earlier checkpoint's (required)"},
				{"to", "integer", "the larger tree size (default: the current tree)"}},
			Resp: ConsistencyProof{}, Public: true, Live: true, Expensive: true, Handle: getConsistency},
	)
}

// checkpoint writes the signed checkpoint of the tree the current model
// answers from.
func (s *Server) checkpoint(w http.ResponseWriter, r *http.Request) {
	fail := func(err error) { httpx.WriteProblem(w, httpx.ProblemFor(err, requestID(r.Context()))) }
	if s.signer == nil {
		fail(csto.Errorf(csto.Internal, "", "no checkpoint key is configured"))
		return
	}
	m, err := s.reg.Read(r.Context(), time.Time{})
	if err != nil {
		fail(err)
		return
	}
	msg, err := s.signer.Sign(m.Tree(), s.now())
	if err != nil {
		fail(err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(msg)
}

// count parses the query parameter name as a whole number; 0 when absent
// unless required.
func (r *request) count(name string, required bool) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		if required {
			return 0, csto.Errorf(csto.Invalid, name, "required")
		}
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, csto.Errorf(csto.Invalid, name, "%q is not a positive whole number", v)
	}
	return n, nil
}

func hashes(hs []tlog.Hash) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = b64(h)
	}
	return out
}

func b64(h tlog.Hash) string { return base64.StdEncoding.EncodeToString(h[:]) }

func getInclusion(r *request) (any, error) {
	seq, err := r.count("seq", true)
	if err != nil {
		return nil, err
	}
	size, err := r.count("size", false)
	if err != nil {
		return nil, err
	}
	p, err := r.s.reg.InclusionProof(r.Context(), seq, size)
	if err != nil {
		return nil, err
	}
	return InclusionProof{Seq: p.Seq, Size: p.Size, Leaf: b64(p.Leaf), Root: b64(p.Root), Proof: hashes(p.Proof)}, nil
}

func getConsistency(r *request) (any, error) {
	from, err := r.count("from", true)
	if err != nil {
		return nil, err
	}
	to, err := r.count("to", false)
	if err != nil {
		return nil, err
	}
	p, err := r.s.reg.ConsistencyProof(r.Context(), from, to)
	if err != nil {
		return nil, err
	}
	return ConsistencyProof{From: p.From, To: p.To, FromRoot: b64(p.FromRoot), ToRoot: b64(p.ToRoot), Proof: hashes(p.Proof)}, nil
}
