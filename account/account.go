// Package account keeps csto's accounts, API tokens and web sessions:
// who may sign in, with which role, for which state. Accounts are not
// part of the CSTO's record: they live beside the event log, in tables of
// their own with their own migrations, and never appear in the log
// except as the actor of the events their holders submit.
//
// Passwords are hashed with argon2id; API tokens and session secrets are
// random 256-bit values shown once and stored as SHA-256 digests, so a
// copy of the database gives no usable credential.
package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/internal/sidedb"
)

// Account is a person or system that signs in.
type Account struct {
	ID       int64
	Name     string
	Role     csto.Role
	State    string // delegates only
	Created  time.Time
	Disabled bool
}

// Actor is the actor the account's acts are recorded under.
func (a Account) Actor() csto.Actor {
	return csto.Actor{Role: a.Role, State: a.State, Account: a.Name}
}

// Token is an API token's metadata; the secret is shown once, at creation.
type Token struct {
	ID      string    `json:"id"`
	Account string    `json:"account"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
	Revoked bool      `json:"revoked"`
}

// Service manages accounts on a database/sql handle (the SQLite file of
// the data directory, or PostgreSQL).
type Service struct {
	db      *sql.DB
	dialect Dialect
	Now     func() time.Time
	Params  Params // argon2id cost; tests lower it
	// Limiter throttles failed sign-ins (see SignIn); the web pages and
	// the API share it through the service.
	Limiter *Limiter
	checks  chan struct{} // password-check slots for unknown clients
	known   chan struct{} // and for known devices
}

// Dialect is the SQL flavour of the database.
type Dialect int

// The dialects.
const (
	SQLite Dialect = iota
	Postgres
)

// DefaultCheckMemory is the memory, in MiB, that password checks may take
// at once unless SetCheckMemory says otherwise: four checks of 64 MiB.
const DefaultCheckMemory = 256

// Open prepares the account tables on db and returns the service.
func Open(ctx context.Context, db *sql.DB, d Dialect) (*Service, error) {
	s := &Service{db: db, dialect: d, Now: time.Now, Params: DefaultParams}
	s.Limiter = NewLimiter(func() time.Time { return s.Now() })
	s.SetCheckMemory(DefaultCheckMemory)
	if err := s.migrate(ctx); err != nil {
		return nil, fmt.Errorf("accounts: %w", err)
	}
	return s, nil
}

// q rewrites ? placeholders for the dialect.
func (s *Service) q(query string) string { return sidedb.Rebind(query, s.dialect == Postgres) }

var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// ErrBadCredentials is returned for any failed sign-in or token check,
// without saying which part was wrong.
var ErrBadCredentials = &csto.Error{Kind: csto.Unauthenticated, Message: "invalid credentials"}

// Add creates an account. A delegate needs the ISO code of its state.
func (s *Service) Add(ctx context.Context, name string, role csto.Role, state, password string) (Account, error) {
	if !namePattern.MatchString(name) {
		return Account{}, csto.Errorf(csto.Invalid, "name", "%q is not a valid account name (2–64 lower-case letters, digits, . _ -)", name)
	}
	switch role {
	case csto.RoleDelegate:
		if len(state) != 3 || strings.ToUpper(state) != state {
			return Account{}, csto.Errorf(csto.Invalid, "state", "a delegate account needs its state's ISO alpha-3 code")
		}
	case csto.RoleSecretariat, csto.RoleAdmin:
		if state != "" {
			return Account{}, csto.Errorf(csto.Invalid, "state", "only delegates act for a state")
		}
	default:
		return Account{}, csto.Errorf(csto.Invalid, "role", "role must be delegate, secretariat or admin")
	}
	if len(password) < 12 {
		return Account{}, csto.Errorf(csto.Invalid, "password", "a password needs at least 12 characters")
	}
	hash, err := HashPassword(password, s.Params)
	if err != nil {
		return Account{}, err
	}
	if s.retired(ctx, name) {
		return Account{}, csto.Errorf(csto.Conflict, "name", "the name %q belonged to a deleted account; the log's actors name one account each, so choose another", name)
	}
	now := s.Now().UTC()
	_, err = s.db.ExecContext(ctx, s.q(`INSERT INTO accounts (name, role, state, password_hash, created) VALUES (?, ?, ?, ?, ?)`),
		name, string(role), state, hash, now.Format(time.RFC3339Nano))
	if err != nil {
		if s.isUnique(err) {
			return Account{}, csto.Errorf(csto.Conflict, "name", "account %q exists", name)
		}
		return Account{}, err
	}
	return s.ByName(ctx, name)
}

// ByName returns the account called name.
func (s *Service) ByName(ctx context.Context, name string) (Account, error) {
	var (
		a       Account
		role    string
		created string
	)
	err := s.db.QueryRowContext(ctx, s.q(`SELECT id, name, role, state, created, disabled FROM accounts WHERE name = ?`), name).
		Scan(&a.ID, &a.Name, &role, &a.State, &created, &a.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, csto.Errorf(csto.NotFound, "name", "no account %q", name)
	}
	if err != nil {
		return Account{}, err
	}
	a.Role = csto.Role(role)
	a.Created, _ = time.Parse(time.RFC3339Nano, created)
	return a, nil
}

// List returns every account by name.
func (s *Service) List(ctx context.Context) ([]Account, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM accounts ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		names = append(names, n)
	}
	rows.Close()
	out := make([]Account, 0, len(names))
	for _, n := range names {
		a, err := s.ByName(ctx, n)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// Count returns the number of accounts.
func (s *Service) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM accounts`).Scan(&n)
	return n, err
}

// SetPassword replaces an account's password and ends its web sessions
// and forgets its known devices: whoever signed in with the old password
// must sign in with the new one. Its API tokens stay (revoke them with
// RevokeTokens when the password was compromised).
func (s *Service) SetPassword(ctx context.Context, name, password string) error {
	if len(password) < 12 {
		return csto.Errorf(csto.Invalid, "password", "a password needs at least 12 characters")
	}
	hash, err := HashPassword(password, s.Params)
	if err != nil {
		return err
	}
	return s.change(ctx, name, func(tx *sql.Tx, id int64) error {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE accounts SET password_hash = ? WHERE id = ?`), hash, id); err != nil {
			return err
		}
		return s.endAll(ctx, tx, id, false)
	})
}

// Disable disables an account at once: its web sessions end, its API
// tokens are revoked and its known devices forgotten, and it cannot sign
// in or use a token until enabled (with new tokens).
func (s *Service) Disable(ctx context.Context, name string) error {
	return s.change(ctx, name, func(tx *sql.Tx, id int64) error {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE accounts SET disabled = ? WHERE id = ?`), true, id); err != nil {
			return err
		}
		return s.endAll(ctx, tx, id, true)
	})
}

// Enable enables a disabled account. Its old tokens stay revoked.
func (s *Service) Enable(ctx context.Context, name string) error {
	return s.change(ctx, name, func(tx *sql.Tx, id int64) error {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE accounts SET disabled = ? WHERE id = ?`), false, id)
		return err
	})
}

// Delete deletes an account with its tokens, sessions and devices. Its
// name stays retired: the log names it as the actor of what it did, so no
// later account may take it.
func (s *Service) Delete(ctx context.Context, name string) error {
	return s.change(ctx, name, func(tx *sql.Tx, id int64) error {
		for _, q := range []string{`DELETE FROM web_sessions WHERE account_id = ?`, `DELETE FROM tokens WHERE account_id = ?`,
			`DELETE FROM devices WHERE account_id = ?`, `DELETE FROM accounts WHERE id = ?`} {
			if _, err := tx.ExecContext(ctx, s.q(q), id); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO retired_accounts (name, deleted) VALUES (?, ?)`), name, s.Now().UTC().Format(time.RFC3339Nano))
		return err
	})
}

// RevokeTokens revokes every token of account name and returns how many
// were live.
func (s *Service) RevokeTokens(ctx context.Context, name string) (int, error) {
	var n int64
	err := s.change(ctx, name, func(tx *sql.Tx, id int64) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE tokens SET revoked = ? WHERE account_id = ? AND revoked = ?`), true, id, false)
		if err == nil {
			n, _ = res.RowsAffected()
		}
		return err
	})
	return int(n), err
}

// change runs f on account name's id in one transaction.
func (s *Service) change(ctx context.Context, name string, f func(tx *sql.Tx, id int64) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var id int64
	err = tx.QueryRowContext(ctx, s.q(`SELECT id FROM accounts WHERE name = ?`), name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return csto.Errorf(csto.NotFound, "name", "no account %q", name)
	}
	if err != nil {
		return err
	}
	if err := f(tx, id); err != nil {
		return err
	}
	return tx.Commit()
}

// endAll ends account id's web sessions and forgets its devices, and with
// tokens revokes its tokens.
func (s *Service) endAll(ctx context.Context, tx *sql.Tx, id int64, tokens bool) error {
	qs := []string{`DELETE FROM web_sessions WHERE account_id = ?`, `DELETE FROM devices WHERE account_id = ?`}
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, s.q(q), id); err != nil {
			return err
		}
	}
	if tokens {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE tokens SET revoked = ? WHERE account_id = ?`), true, id); err != nil {
			return err
		}
	}
	return nil
}

// retired reports whether name belonged to a deleted account.
func (s *Service) retired(ctx context.Context, name string) bool {
	var n int
	s.db.QueryRowContext(ctx, s.q(`SELECT count(*) FROM retired_accounts WHERE name = ?`), name).Scan(&n)
	return n > 0
}

// secret returns a random 256-bit secret with a readable prefix.
func secret(prefix string) string {
	b := make([]byte, 32)
	rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

func digest(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// CreateToken creates an API token for account name, valid for ttl, and
// returns its secret (shown once) and metadata.
func (s *Service) CreateToken(ctx context.Context, name string, ttl time.Duration) (string, Token, error) {
	if ttl <= 0 || ttl > 366*24*time.Hour {
		return "", Token{}, csto.Errorf(csto.Invalid, "expires", "a token lives between 1 second and 366 days")
	}
	a, err := s.ByName(ctx, name)
	if err != nil {
		return "", Token{}, err
	}
	sec := secret("csto_")
	id := "tok_" + digest(sec)[:12]
	now := s.Now().UTC()
	t := Token{ID: id, Account: a.Name, Created: now, Expires: now.Add(ttl)}
	_, err = s.db.ExecContext(ctx, s.q(`INSERT INTO tokens (id, account_id, hash, created, expires, revoked) VALUES (?, ?, ?, ?, ?, ?)`),
		t.ID, a.ID, digest(sec), now.Format(time.RFC3339Nano), t.Expires.Format(time.RFC3339Nano), false)
	if err != nil {
		return "", Token{}, err
	}
	return sec, t, nil
}

// TokenAccount returns the account a token secret belongs to, if the
// token exists, is not revoked or expired, and the account is enabled.
func (s *Service) TokenAccount(ctx context.Context, sec string) (Account, error) {
	if !strings.HasPrefix(sec, "csto_") {
		return Account{}, ErrBadCredentials
	}
	var (
		name, expires, stored string
		revoked, disabled     bool
	)
	err := s.db.QueryRowContext(ctx, s.q(`SELECT a.name, t.expires, t.revoked, a.disabled, t.hash FROM tokens t JOIN accounts a ON a.id = t.account_id WHERE t.hash = ?`),
		digest(sec)).Scan(&name, &expires, &revoked, &disabled, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, ErrBadCredentials
	}
	if err != nil {
		return Account{}, err
	}
	exp, _ := time.Parse(time.RFC3339Nano, expires)
	if subtle.ConstantTimeCompare([]byte(stored), []byte(digest(sec))) != 1 || revoked || disabled || !s.Now().Before(exp) {
		return Account{}, ErrBadCredentials
	}
	return s.ByName(ctx, name)
}

// RevokeToken revokes token id.
func (s *Service) RevokeToken(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE tokens SET revoked = ? WHERE id = ?`), true, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return csto.Errorf(csto.NotFound, "id", "no token %q", id)
	}
	return nil
}

// Tokens lists the tokens of account name, or of every account when name
// is empty, newest first.
func (s *Service) Tokens(ctx context.Context, name string) ([]Token, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT t.id, a.name, t.created, t.expires, t.revoked FROM tokens t JOIN accounts a ON a.id = t.account_id
		WHERE ? = '' OR a.name = ? ORDER BY t.created DESC, t.id`), name, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Token{}
	for rows.Next() {
		var t Token
		var created, expires string
		if err := rows.Scan(&t.ID, &t.Account, &created, &expires, &t.Revoked); err != nil {
			return nil, err
		}
		t.Created, _ = time.Parse(time.RFC3339Nano, created)
		t.Expires, _ = time.Parse(time.RFC3339Nano, expires)
		out = append(out, t)
	}
	return out, rows.Err()
}

// Session is a signed-in web session.
type Session struct {
	Account Account
	CSRF    string // the token forms must echo
	Expires time.Time
}

// CreateSession signs account name in for ttl and returns the session
// secret (for an HttpOnly cookie) and the session.
func (s *Service) CreateSession(ctx context.Context, name string, ttl time.Duration) (string, Session, error) {
	a, err := s.ByName(ctx, name)
	if err != nil {
		return "", Session{}, err
	}
	sec, csrf := secret("sess_"), secret("")
	now := s.Now().UTC()
	_, err = s.db.ExecContext(ctx, s.q(`INSERT INTO web_sessions (hash, account_id, csrf, created, expires) VALUES (?, ?, ?, ?, ?)`),
		digest(sec), a.ID, csrf, now.Format(time.RFC3339Nano), now.Add(ttl).Format(time.RFC3339Nano))
	if err != nil {
		return "", Session{}, err
	}
	return sec, Session{Account: a, CSRF: csrf, Expires: now.Add(ttl)}, nil
}

// SessionBySecret returns the live session a cookie secret names.
func (s *Service) SessionBySecret(ctx context.Context, sec string) (Session, error) {
	var name, csrf, expires string
	var disabled bool
	err := s.db.QueryRowContext(ctx, s.q(`SELECT a.name, w.csrf, w.expires, a.disabled FROM web_sessions w JOIN accounts a ON a.id = w.account_id WHERE w.hash = ?`),
		digest(sec)).Scan(&name, &csrf, &expires, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrBadCredentials
	}
	if err != nil {
		return Session{}, err
	}
	exp, _ := time.Parse(time.RFC3339Nano, expires)
	if disabled || !s.Now().Before(exp) {
		return Session{}, ErrBadCredentials
	}
	a, err := s.ByName(ctx, name)
	if err != nil {
		return Session{}, err
	}
	return Session{Account: a, CSRF: csrf, Expires: exp}, nil
}

// EndSession signs a session out.
func (s *Service) EndSession(ctx context.Context, sec string) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM web_sessions WHERE hash = ?`), digest(sec))
	return err
}
