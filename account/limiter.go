package account

import (
	"sync"
	"time"
)

// Limiter counts failed sign-ins per key in a sliding window: a key is
// an account name ("name:delegate-kaz") or a client address
// ("ip:192.0.2.1"). The web pages and the API can share one, so that a
// guesser gains nothing by switching between them. It is safe for
// concurrent use and keeps nothing on disk: a restart forgets it.
type Limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	fails  map[string][]time.Time
}

// NewLimiter allows max failures per key in any window; now is the clock.
func NewLimiter(max int, window time.Duration, now func() time.Time) *Limiter {
	return &Limiter{max: max, window: window, now: now, fails: map[string][]time.Time{}}
}

// recent returns key's failures inside the window, forgetting older ones.
func (l *Limiter) recent(key string) []time.Time {
	cut := l.now().Add(-l.window)
	ts := l.fails[key]
	i := 0
	for i < len(ts) && !ts[i].After(cut) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.fails, key)
	} else {
		l.fails[key] = ts
	}
	return ts
}

// Allow reports whether key has fewer than max failures in the window.
func (l *Limiter) Allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(key)) < l.max
}

// Fail records a failure of key.
func (l *Limiter) Fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[key] = append(l.recent(key), l.now())
	// Many distinct keys (a scan of names or addresses) would otherwise
	// stay until each is seen again.
	if len(l.fails) > 10000 {
		for k := range l.fails {
			l.recent(k)
		}
	}
}

// Reset forgets key's failures (after a successful sign-in).
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}

// Window is how long a failure counts.
func (l *Limiter) Window() time.Duration { return l.window }
