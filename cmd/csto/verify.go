package main

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/csto/csto"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/sqlite"
	"github.com/csto/csto/translog"
)

func init() {
	commands["verify"] = command{"audit the event log read-only: recompute its chain and Merkle tree; --checkpoint FILE proves it extends a saved checkpoint, --event N one event's inclusion; exit 1 naming the first bad event", cmdVerify}
	commands["checkpoint"] = command{"print the signed checkpoint (tree size, root, time) of the log; save it to check later with verify --checkpoint", cmdCheckpoint}
}

// auditStore is what verify reads: the events, and the tree stored beside
// them.
type auditStore interface {
	Events(ctx context.Context, after int64, fn func(csto.Event) error) error
	ReadTreeHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
	Close() error
}

// openReadOnly opens the data directory's database as an auditor does:
// read-only, without migrating, without loading the history or building
// the model.
func openReadOnly(ctx context.Context, c *common) (auditStore, error) {
	switch {
	case c.db == "" || c.db == "sqlite":
		st, err := sqlite.OpenReadOnly(ctx, filepath.Join(c.dataDir, "csto.db"))
		if err != nil {
			return nil, &failure{err.Error()}
		}
		return st, nil
	case strings.HasPrefix(c.db, "postgres://") || strings.HasPrefix(c.db, "postgresql://"):
		st, err := postgres.OpenReadOnly(ctx, c.db)
		if err != nil {
			return nil, &failure{err.Error()}
		}
		return st, nil
	}
	return nil, usagef("--db: %q is neither sqlite nor a postgres:// URL", c.db)
}

// cmdVerify is the auditor. It recomputes, from the stored events alone,
// every link of the hash chain and the Merkle tree over them, compares the
// tree with the one stored beside the log, and with --checkpoint proves
// that the log extends a checkpoint saved earlier (a truncated, rewritten
// or forked log does not). It never writes.
func cmdVerify(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "verify")
	var c common
	c.register(fs, env, false)
	cpFile := fs.String("checkpoint", "", "a signed checkpoint saved earlier (csto checkpoint > FILE): prove the log extends it")
	keyFile := fs.String("key", "", "the public key checkpoints are signed with (default: checkpoint.pub in the data directory)")
	event := fs.Int64("event", 0, "prove that event N is included in the tree")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *event < 0 {
		return usagef("--event: %d is not an event number", *event)
	}
	var cp *translog.Checkpoint
	if *cpFile != "" {
		msg, err := os.ReadFile(*cpFile)
		if err != nil {
			return usagef("--checkpoint: %v", err)
		}
		kf := *keyFile
		if kf == "" {
			kf = filepath.Join(c.dataDir, translog.PubKeyFile)
		}
		key, err := os.ReadFile(kf)
		if err != nil {
			return usagef("--key: %v", err)
		}
		got, err := translog.Open(msg, string(key))
		if err != nil {
			return &failure{fmt.Sprintf("--checkpoint %s: %v", *cpFile, err)}
		}
		cp = &got
	}
	st, err := openReadOnly(ctx, &c)
	if err != nil {
		return err
	}
	defer st.Close()

	// Recompute the chain and the tree: the stored hashes tlog would keep,
	// in memory (two per event on average).
	var (
		chain     csto.Chain
		tree      []tlog.Hash
		head      string
		atCP      *tlog.Hash
		eventLeaf tlog.Hash
	)
	read := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(idx))
		for i, x := range idx {
			if x < 0 || x >= int64(len(tree)) {
				return nil, fmt.Errorf("tree hash %d out of range", x)
			}
			out[i] = tree[x]
		}
		return out, nil
	})
	err = st.Events(ctx, 0, func(e csto.Event) error {
		if err := chain.Next(&e); err != nil {
			return err
		}
		n := e.Seq - 1
		leaf := translog.LeafHash(&e)
		hs, err := tlog.StoredHashesForRecordHash(n, leaf, read)
		if err != nil {
			return err
		}
		tree = append(tree, hs...)
		head = e.Hash
		if e.Seq == *event {
			eventLeaf = leaf
		}
		if cp != nil && e.Seq == cp.Size {
			root, err := tlog.TreeHash(e.Seq, read)
			if err != nil {
				return err
			}
			atCP = &root
		}
		return nil
	})
	var ce *csto.ChainError
	if errors.As(err, &ce) {
		return &failure{"chain broken at " + ce.Error()}
	}
	if err != nil {
		return &failure{err.Error()}
	}
	size := chain.Len()
	root, err := tlog.TreeHash(size, read)
	if err != nil {
		return &failure{err.Error()}
	}
	// The tree stored beside the log must be the one recomputed: rows added
	// or removed behind csto's back without their tree hashes show here.
	if err := compareStoredTree(ctx, st, tree, size); err != nil {
		return err
	}
	if cp != nil {
		switch {
		case size < cp.Size:
			return &failure{fmt.Sprintf("truncated: the log has %d events, the checkpoint of %s signed %d (events %d–%d are gone)",
				size, cp.Time.Format("2006-01-02 15:04:05Z"), cp.Size, size+1, cp.Size)}
		case cp.Size > 0 && (atCP == nil || *atCP != cp.Root):
			return &failure{fmt.Sprintf("rewritten: the log's first %d events are not those the checkpoint of %s signed (root %s, now %s)",
				cp.Size, cp.Time.Format("2006-01-02 15:04:05Z"), cp.Root, atCPString(atCP))}
		}
		// A consistency proof, as a client holding only the checkpoint and
		// the new head would check it.
		if cp.Size > 0 {
			proof, err := tlog.ProveTree(size, cp.Size, read)
			if err == nil {
				err = tlog.CheckTree(proof, size, root, cp.Size, cp.Root)
			}
			if err != nil {
				return &failure{fmt.Sprintf("the log does not extend the checkpoint: %v", err)}
			}
		}
	}
	if *event > 0 {
		if *event > size {
			return usagef("--event: the log has %d events", size)
		}
		if err := proveEvent(ctx, st, *event, size, root, eventLeaf); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.Stdout, i18n.Tf(csto.English, "verify.ok", size, head))
	fmt.Fprintf(env.Stdout, "tree: size %d, root %s\n", size, base64.StdEncoding.EncodeToString(root[:]))
	if cp != nil {
		fmt.Fprintf(env.Stdout, "extends the checkpoint of %s by %s (size %d): %d events appended since\n",
			cp.Time.Format("2006-01-02 15:04:05Z"), cp.Origin, cp.Size, size-cp.Size)
	}
	if *event > 0 {
		fmt.Fprintf(env.Stdout, "event %d is included in the tree of size %d (leaf %s)\n", *event, size, eventLeaf)
	}
	return nil
}

func atCPString(h *tlog.Hash) string {
	if h == nil {
		return "none"
	}
	return h.String()
}

// compareStoredTree checks the stored tree hashes against the recomputed
// ones. A store without the table (never written by this csto) is left
// to the chain.
func compareStoredTree(ctx context.Context, st auditStore, tree []tlog.Hash, size int64) error {
	if size == 0 {
		return nil
	}
	const batch = 4096
	for lo := int64(0); lo < int64(len(tree)); lo += batch {
		hi := min(lo+batch, int64(len(tree)))
		idx := make([]int64, 0, hi-lo)
		for x := lo; x < hi; x++ {
			idx = append(idx, x)
		}
		got, err := st.ReadTreeHashes(ctx, idx)
		if err != nil {
			return &failure{fmt.Sprintf("the tree stored beside the log lacks events the log holds (rows appended behind csto's back?): %v", err)}
		}
		for i, h := range got {
			if h != tree[lo+int64(i)] {
				return &failure{fmt.Sprintf("the tree stored beside the log differs from the log's at event %d (stored hash %d)", recordOf(lo+int64(i)), lo+int64(i))}
			}
		}
	}
	// Hashes beyond the log's: events removed from its end.
	extra, err := st.ReadTreeHashes(ctx, []int64{int64(len(tree))})
	if err == nil && len(extra) == 1 {
		return &failure{fmt.Sprintf("truncated: the tree stored beside the log holds more than the log's %d events", size)}
	}
	return nil
}

// recordOf returns the event (from 1) whose stored hashes include index x.
func recordOf(x int64) int64 {
	lo, hi := int64(0), x+1
	for lo < hi { // the last n with StoredHashIndex(0, n) <= x
		mid := (lo + hi + 1) / 2
		if tlog.StoredHashIndex(0, mid) <= x {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1
}

// proveEvent proves event seq's inclusion from the tree stored beside the
// log (what GET /api/v1/proof/inclusion serves), against the recomputed
// root and leaf.
func proveEvent(ctx context.Context, st auditStore, seq, size int64, root, leaf tlog.Hash) error {
	r := tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) { return st.ReadTreeHashes(ctx, idx) })
	proof, err := tlog.ProveRecord(size, seq-1, r)
	if err == nil {
		err = tlog.CheckRecord(proof, size, root, seq-1, leaf)
	}
	if err != nil {
		return &failure{fmt.Sprintf("event %d: no proof of inclusion: %v", seq, err)}
	}
	return nil
}

// cmdCheckpoint prints the signed checkpoint of the log as it stands.
func cmdCheckpoint(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "checkpoint")
	var c common
	c.register(fs, env, false)
	pub := fs.Bool("public-key", false, "print the public key that verifies the checkpoints instead")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	a, err := openRead(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	signer, err := translog.LoadKey(c.dataDir)
	if err != nil {
		return &failure{err.Error()}
	}
	if *pub {
		fmt.Fprintln(env.Stdout, signer.PublicKey())
		return nil
	}
	m, err := a.reg.Refresh(ctx)
	if err != nil {
		return err
	}
	msg, err := signer.Sign(m.Tree(), env.Now())
	if err != nil {
		return &failure{err.Error()}
	}
	env.Stdout.Write(msg)
	return nil
}
