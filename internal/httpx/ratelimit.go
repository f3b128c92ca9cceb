package httpx

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/csto/csto/account"
)

// Limit is a request budget: Burst requests at once, then one every
// Every. The zero Limit allows everything.
type Limit struct {
	Every time.Duration
	Burst int
}

// DefaultExpensiveLimit is the budget of an anonymous client on the
// expensive endpoints (exports, search, proofs): 30 at once, then one a
// second. A signed-in caller or a token is not limited.
var DefaultExpensiveLimit = Limit{Every: time.Second, Burst: 30}

// maxClients bounds the limiter's memory: past it, the clients whose
// budget is whole again are forgotten (they are as if never seen).
const maxClients = 10_000

// Limiter keeps one token bucket per client address (account.ClientAddr:
// the connection's peer). It is the one rate limit of the HTTP surfaces;
// the sign-in throttle is the account service's. Safe for concurrent use.
type Limiter struct {
	limit Limit
	now   func() time.Time

	mu      sync.Mutex
	clients map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

// NewLimiter returns a limiter of budget l per client; now is its clock
// (time.Now when nil).
func NewLimiter(l Limit, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	return &Limiter{limit: l, now: now, clients: map[string]*bucket{}}
}

// Allow takes one request from r's client's budget. Over budget it
// returns a *StatusError 429 (kind rate-limited) whose RetryAfter says
// when the next request is allowed; ProblemFor turns it into the problem
// and the Retry-After header.
func (l *Limiter) Allow(r *http.Request) error {
	if l == nil || l.limit.Burst <= 0 || l.limit.Every <= 0 {
		return nil
	}
	client := account.ClientAddr(r)
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.clients[client]
	if b == nil {
		if len(l.clients) >= maxClients {
			l.forget(now)
		}
		b = &bucket{tokens: float64(l.limit.Burst), at: now}
		l.clients[client] = b
	}
	b.refill(l.limit, now)
	if b.tokens >= 1 {
		b.tokens--
		return nil
	}
	wait := time.Duration((1 - b.tokens) * float64(l.limit.Every))
	secs := max(int((wait+time.Second-1)/time.Second), 1)
	return &StatusError{Status: http.StatusTooManyRequests, Kind: "rate-limited", RetryAfter: secs,
		Msg: fmt.Sprintf("too many requests to the expensive endpoints from %s without credentials (%d at once, then one every %s); try again in %d s, or use an API token",
			client, l.limit.Burst, l.limit.Every, secs)}
}

func (b *bucket) refill(l Limit, now time.Time) {
	if d := now.Sub(b.at); d > 0 {
		b.tokens = min(float64(l.Burst), b.tokens+float64(d)/float64(l.Every))
		b.at = now
	}
}

// forget drops the clients whose budget is whole again.
func (l *Limiter) forget(now time.Time) {
	for k, b := range l.clients {
		b.refill(l.limit, now)
		if b.tokens >= float64(l.limit.Burst) {
			delete(l.clients, k)
		}
	}
}
