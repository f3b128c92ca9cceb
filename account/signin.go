package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/csto/csto"
)

// Signing in, the same for the web pages and the API: the limiter, the
// bound on password checks and the known-device rule live here once.
//
// A password check costs Params.Memory (64 MiB) for a fraction of a
// second, so an unbounded number of them at once is a denial of service
// that needs no credentials. At most CheckSlots checks run at once; an
// attempt that finds every slot taken is refused at once (LimitedError,
// HTTP 429 with Retry-After), never queued. Browsers and clients that
// signed in to an account before hold a device cookie for it (OWASP's
// "device cookies"); their attempts for that account are throttled on
// their own key and have slots of their own, so that neither a stranger's
// guesses nor a flood of sign-ins can keep a delegation out.

// The throttling policies (see Limiter and docs/SECURITY.md).
var (
	// PolicyName throttles an account name from clients it does not know:
	// 5 failures, then 1 s, 2 s, 4 s … at most 15 minutes between
	// attempts; about 20 failures an hour at most.
	PolicyName = Policy{Free: 5, Base: time.Second, Max: 15 * time.Minute, Forget: time.Hour}
	// PolicyDevice throttles a known device of an account: its owner
	// mistyping. At most one attempt a minute once delayed.
	PolicyDevice = Policy{Free: 5, Base: time.Second, Max: time.Minute, Forget: time.Hour}
	// PolicyAddress throttles a client address from which unknown clients
	// sign in: several people may share it (a delegation behind one NAT).
	PolicyAddress = Policy{Free: 20, Base: time.Second, Max: 15 * time.Minute, Forget: time.Hour}
)

// DeviceTTL is how long a device cookie is honoured.
const DeviceTTL = 90 * 24 * time.Hour

// LimitedError refuses a sign-in attempt before its password is checked:
// too many failures (of the account from unknown clients, of the device,
// or of the address), or every password-check slot in use.
type LimitedError struct {
	RetryAfter time.Duration
	Busy       bool // every check slot was taken, not a failure limit
}

func (e *LimitedError) Error() string {
	if e.Busy {
		return "too many sign-ins at once; try again in a moment"
	}
	return fmt.Sprintf("too many failed sign-ins; try again in %s", e.RetryAfter.Round(time.Second))
}

// RetryAfterSeconds is RetryAfter rounded up to whole seconds, at least 1,
// for a Retry-After header.
func (e *LimitedError) RetryAfterSeconds() int {
	s := int((e.RetryAfter + time.Second - 1) / time.Second)
	return max(s, 1)
}

// ErrDisabled refuses a correct password of a disabled account.
var ErrDisabled = &csto.Error{Kind: csto.Forbidden, Message: "this account is disabled; ask an administrator"}

// Attempt is one sign-in.
type Attempt struct {
	Name, Password string
	Addr           string // the client's address
	Device         string // the device cookie the client sent, if any
	Replace        string // the session secret the client signs in over, ended on success
	TTL            time.Duration
}

// SignedIn is a successful sign-in.
type SignedIn struct {
	Account Account
	Secret  string // the new session's cookie secret
	Session Session
	Device  string // a new device cookie to set; empty when the client's is kept
}

// NormalName is a submitted account name as accounts are named: trimmed,
// lower-case, at most 64 bytes (no account has a longer name, and the
// limiter's keys stay short).
func NormalName(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if len(name) > 64 {
		name = name[:64]
	}
	return name
}

// SetCheckMemory bounds the memory password checks may take at once to
// mib MiB: floor(mib / Params.Memory) checks, at least one, for clients
// the accounts do not know, and as many again (at least one) for known
// devices. Call it before serving.
func (s *Service) SetCheckMemory(mib int) {
	n := max(1, mib*1024/int(max(s.Params.Memory, 1)))
	s.checks = make(chan struct{}, n)
	s.known = make(chan struct{}, max(1, n/2))
}

// CheckSlots is how many password checks may run at once for unknown
// clients.
func (s *Service) CheckSlots() int { return cap(s.checks) }

// SignIn checks a name and password under the limiter and the check
// slots, and on success starts a session. Failures are ErrBadCredentials
// (wrong name or password), *LimitedError (429), ErrDisabled.
func (s *Service) SignIn(ctx context.Context, at Attempt) (SignedIn, error) {
	name := NormalName(at.Name)
	known := at.Device != "" && s.knownDevice(ctx, name, at.Device)
	limits := []Limit{{"name:" + name, PolicyName}, {"ip:" + at.Addr, PolicyAddress}}
	slots := s.checks
	if known {
		limits = []Limit{{"device:" + digest(at.Device), PolicyDevice}}
		slots = s.known
	}
	res, wait := s.Limiter.Reserve(limits...)
	if res == nil {
		return SignedIn{}, &LimitedError{RetryAfter: wait}
	}
	select {
	case slots <- struct{}{}:
	default:
		res.Cancel()
		return SignedIn{}, &LimitedError{RetryAfter: time.Second, Busy: true}
	}
	a, err := s.authenticate(ctx, name, at.Password)
	<-slots
	switch {
	case errors.Is(err, ErrBadCredentials):
		res.Fail()
		return SignedIn{}, err
	case err != nil:
		res.Cancel()
		return SignedIn{}, err
	}
	res.Succeed()
	if at.Replace != "" {
		if err := s.EndSession(ctx, at.Replace); err != nil {
			return SignedIn{}, err
		}
	}
	ttl := at.TTL
	if ttl <= 0 {
		ttl = 12 * time.Hour
	}
	sec, sess, err := s.CreateSession(ctx, a.Name, ttl)
	if err != nil {
		return SignedIn{}, err
	}
	out := SignedIn{Account: a, Secret: sec, Session: sess}
	if !known {
		if out.Device, err = s.addDevice(ctx, a); err != nil {
			return SignedIn{}, err
		}
	}
	return out, nil
}

// knownDevice reports whether sec is a live device cookie of account name.
func (s *Service) knownDevice(ctx context.Context, name, sec string) bool {
	var created string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT d.created FROM devices d JOIN accounts a ON a.id = d.account_id WHERE d.hash = ? AND a.name = ?`),
		digest(sec), name).Scan(&created)
	if err != nil {
		return false
	}
	t, err := time.Parse(time.RFC3339Nano, created)
	return err == nil && s.Now().Before(t.Add(DeviceTTL))
}

// addDevice records a new device of a and returns its cookie secret,
// forgetting the account's devices older than DeviceTTL.
func (s *Service) addDevice(ctx context.Context, a Account) (string, error) {
	sec := secret("dev_")
	now := s.Now().UTC()
	if _, err := s.db.ExecContext(ctx, s.q(`DELETE FROM devices WHERE account_id = ? AND created < ?`),
		a.ID, now.Add(-DeviceTTL).Format(time.RFC3339Nano)); err != nil {
		return "", err
	}
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO devices (hash, account_id, created) VALUES (?, ?, ?)`),
		digest(sec), a.ID, now.Format(time.RFC3339Nano))
	return sec, err
}

// authenticate checks a name and password; the caller holds a check
// slot. It takes the same time for an unknown name as for a wrong
// password, and says "disabled" only to the holder of the right password.
func (s *Service) authenticate(ctx context.Context, name, password string) (Account, error) {
	var hash string
	var disabled bool
	err := s.db.QueryRowContext(ctx, s.q(`SELECT password_hash, disabled FROM accounts WHERE name = ?`), name).Scan(&hash, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		VerifyPassword(dummyHash(s.Params), password)
		return Account{}, ErrBadCredentials
	}
	if err != nil {
		return Account{}, err
	}
	if !VerifyPassword(hash, password) {
		return Account{}, ErrBadCredentials
	}
	if disabled {
		return Account{}, ErrDisabled
	}
	return s.ByName(ctx, name)
}

// Authenticate checks a name and password without the limiter (for the
// operator's own tools and tests), waiting for a check slot.
func (s *Service) Authenticate(ctx context.Context, name, password string) (Account, error) {
	select {
	case s.checks <- struct{}{}:
	case <-ctx.Done():
		return Account{}, ctx.Err()
	}
	defer func() { <-s.checks }()
	return s.authenticate(ctx, name, password)
}
