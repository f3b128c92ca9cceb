package translog

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/csto/csto/internal/iox"
)

// The key files in the data directory. The private key never leaves it
// (0600, created once); the public key is what auditors need.
const (
	KeyFile    = "checkpoint.key" // note signer key: PRIVATE+KEY+name+hash+key
	PubKeyFile = "checkpoint.pub" // note verifier key: name+hash+key
)

// Checkpoint is a signed tree head: the log it belongs to (Origin, which
// is also the signing key's name), the tree's size and root, and when it
// was signed. Its text is the C2SP tlog-checkpoint body with one extension
// line:
//
//	<origin>
//	<size>
//	<root, base64>
//	time <RFC 3339>
//
// followed by the signed-note signature lines.
type Checkpoint struct {
	Origin string
	Head
	Time time.Time
}

// Text returns the checkpoint's note text (what is signed).
func (c Checkpoint) Text() string {
	return fmt.Sprintf("%s\n%d\n%s\ntime %s\n", c.Origin, c.Size, base64.StdEncoding.EncodeToString(c.Root[:]),
		c.Time.UTC().Format(time.RFC3339))
}

// ParseCheckpoint reads a checkpoint's text (without signatures).
func ParseCheckpoint(text string) (Checkpoint, error) {
	lines := strings.Split(text, "\n")
	if len(lines) < 5 || lines[len(lines)-1] != "" {
		return Checkpoint{}, errors.New("checkpoint: want origin, size, root and time lines")
	}
	var c Checkpoint
	c.Origin = lines[0]
	n, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || n < 0 || lines[1] != strconv.FormatInt(n, 10) {
		return Checkpoint{}, fmt.Errorf("checkpoint: tree size %q is not a number", lines[1])
	}
	c.Size = n
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return Checkpoint{}, fmt.Errorf("checkpoint: root %q is not a base64 SHA-256 hash", lines[2])
	}
	copy(c.Root[:], root)
	ts, ok := strings.CutPrefix(lines[3], "time ")
	if !ok {
		return Checkpoint{}, fmt.Errorf("checkpoint: want a time line, got %q", lines[3])
	}
	if c.Time, err = time.Parse(time.RFC3339, ts); err != nil {
		return Checkpoint{}, fmt.Errorf("checkpoint: time: %v", err)
	}
	return c, nil
}

// Signer signs checkpoints with the instance's Ed25519 key.
type Signer struct {
	signer   note.Signer
	verifier string // the public key, in note verifier format
}

// Name returns the key's name, the checkpoints' origin.
func (s *Signer) Name() string { return s.signer.Name() }

// PublicKey returns the verifier key (name+hash+key) auditors use.
func (s *Signer) PublicKey() string { return s.verifier }

// Sign returns the signed checkpoint of h at t.
func (s *Signer) Sign(h Head, t time.Time) ([]byte, error) {
	c := Checkpoint{Origin: s.signer.Name(), Head: h, Time: t.UTC().Truncate(time.Second)}
	return note.Sign(&note.Note{Text: c.Text()}, s.signer)
}

// LoadKey reads the signing key of data directory dir, creating it on
// first use, and (re)writes its public half beside it. Two processes
// creating it at once agree: the key is written to a temporary file and
// linked into place, which fails for the second.
func LoadKey(dir string) (*Signer, error) {
	path := filepath.Join(dir, KeyFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := createKey(dir); err != nil {
			return nil, fmt.Errorf("checkpoint key: %w", err)
		}
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("checkpoint key: %w", err)
	}
	skey := strings.TrimSpace(string(b))
	signer, err := note.NewSigner(skey)
	if err != nil {
		return nil, fmt.Errorf("checkpoint key %s: %w", path, err)
	}
	vkey, err := publicKey(skey)
	if err != nil {
		return nil, fmt.Errorf("checkpoint key %s: %w", path, err)
	}
	pub := filepath.Join(dir, PubKeyFile)
	if old, err := os.ReadFile(pub); err != nil || strings.TrimSpace(string(old)) != vkey {
		if err := os.WriteFile(pub, []byte(vkey+"\n"), 0o644); err != nil {
			return nil, fmt.Errorf("checkpoint key: %w", err)
		}
	}
	return &Signer{signer: signer, verifier: vkey}, nil
}

// publicKey derives the verifier key from a note signer key
// (PRIVATE+KEY+name+hash+base64(0x01 ‖ Ed25519 seed)).
func publicKey(skey string) (string, error) {
	parts := strings.SplitN(skey, "+", 5)
	if len(parts) != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY" {
		return "", errors.New("not a signer key")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[4])
	if err != nil || len(raw) != 1+ed25519.SeedSize || raw[0] != 1 {
		return "", errors.New("not an Ed25519 signer key")
	}
	pub := ed25519.NewKeyFromSeed(raw[1:]).Public().(ed25519.PublicKey)
	vkey := parts[2] + "+" + parts[3] + "+" + base64.StdEncoding.EncodeToString(append([]byte{1}, pub...))
	if _, err := note.NewVerifier(vkey); err != nil {
		return "", err
	}
	return vkey, nil
}

func createKey(dir string) error {
	var id [4]byte
	rand.Read(id[:])
	skey, _, err := note.GenerateKey(rand.Reader, fmt.Sprintf("csto-%x", id))
	if err != nil {
		return err
	}
	write := func(w io.WriteSeeker) error {
		_, err := io.WriteString(w, skey+"\n")
		return err
	}
	return iox.PlaceSynced(dir, KeyFile+".*", write, func(tmp string) error { // 0600
		// A link, not a rename: a key another process made first stays.
		if err := os.Link(tmp, filepath.Join(dir, KeyFile)); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		return nil
	})
}

// Open verifies a signed checkpoint msg with the verifier key vkey
// (name+hash+key) and returns it.
func Open(msg []byte, vkey string) (Checkpoint, error) {
	v, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("public key: %w", err)
	}
	n, err := note.Open(msg, note.VerifierList(v))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("checkpoint signature: %w", err)
	}
	c, err := ParseCheckpoint(n.Text)
	if err != nil {
		return Checkpoint{}, err
	}
	if c.Origin != v.Name() {
		return Checkpoint{}, fmt.Errorf("checkpoint of %q signed by the key of %q", c.Origin, v.Name())
	}
	return c, nil
}
