package account

import (
	"sync"
	"time"
)

// Limiter throttles failed sign-ins per key: an account name as seen from
// an unknown client ("name:delegate-kaz"), a known device of an account
// ("device:…"), or a client address ("ip:192.0.2.1"). It never locks a
// key out for good: after Policy.Free failures, each further attempt must
// wait Policy.Base × 2^(failures − Free), at most Policy.Max; a key's
// failures are forgotten Policy.Forget after its last one, and a
// successful sign-in forgets them at once.
//
// An attempt is reserved before the password is checked (Reserve), so
// that parallel guesses are counted as they start, not as they end: a key
// has at most Free attempts in flight, and once it waits, at most one.
// The limiter keeps nothing on disk (a restart forgets it) and is safe for
// concurrent use; the web pages and the API share the account service's
// one limiter, so a guesser gains nothing by switching between them.
type Limiter struct {
	mu    sync.Mutex
	now   func() time.Time
	keys  map[string]*keyState
	sweep time.Time // when the map was last swept of forgotten keys
}

// Policy is how a class of key is throttled.
type Policy struct {
	Free   int           // failures before any delay
	Base   time.Duration // the first delay; it doubles with each further failure
	Max    time.Duration // the longest delay
	Forget time.Duration // failures are forgotten this long after the last one
}

// Delay is the wait before the next attempt after fails failures.
func (p Policy) Delay(fails int) time.Duration {
	if fails < p.Free {
		return 0
	}
	d := p.Base
	for i := p.Free; i < fails && d < p.Max; i++ {
		d *= 2
	}
	return min(d, p.Max)
}

type keyState struct {
	fails   int
	last    time.Time // the last failure
	pending int       // attempts reserved and not yet finished
	forget  time.Duration
}

// NewLimiter returns a limiter on the clock now.
func NewLimiter(now func() time.Time) *Limiter {
	return &Limiter{now: now, keys: map[string]*keyState{}}
}

// Limit is one key of an attempt and the policy it is throttled under.
type Limit struct {
	Key    string
	Policy Policy
}

// Reservation is an attempt that passed the limiter; finish it with
// Fail, Succeed or Cancel, exactly once.
type Reservation struct {
	l      *Limiter
	limits []Limit
	done   bool
}

// Reserve reserves an attempt under every limit, atomically: either all
// admit it, or none records it and the longest wait is returned.
func (l *Limiter) Reserve(limits ...Limit) (*Reservation, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.maybeSweep(now, limits)
	var wait time.Duration
	for _, lim := range limits {
		if w := l.wait(now, lim); w > wait {
			wait = w
		}
	}
	if wait > 0 {
		return nil, wait
	}
	for _, lim := range limits {
		l.state(lim.Key).pending++
	}
	return &Reservation{l: l, limits: limits}, 0
}

// wait is how long lim's key must wait before another attempt.
func (l *Limiter) wait(now time.Time, lim Limit) time.Duration {
	st := l.keys[lim.Key]
	if st == nil {
		return 0
	}
	p := lim.Policy
	if st.pending == 0 && now.Sub(st.last) > p.Forget {
		return 0
	}
	if st.fails+st.pending < p.Free {
		return 0
	}
	if st.pending > 0 {
		// A delayed key has one attempt in flight at most; the next may
		// come when it ends (and its delay, if it fails, has passed).
		return max(p.Delay(st.fails+st.pending), time.Second)
	}
	if w := st.last.Add(p.Delay(st.fails)).Sub(now); w > 0 {
		return w
	}
	return 0
}

func (l *Limiter) state(key string) *keyState {
	st := l.keys[key]
	if st == nil {
		st = &keyState{}
		l.keys[key] = st
	}
	return st
}

// maybeSweep forgets keys whose failures are old, once a minute, so that a
// scan of many names or addresses does not grow the map without bound.
func (l *Limiter) maybeSweep(now time.Time, limits []Limit) {
	for _, lim := range limits {
		if st := l.keys[lim.Key]; st != nil && st.pending == 0 && !st.last.IsZero() && now.Sub(st.last) > lim.Policy.Forget {
			delete(l.keys, lim.Key)
		}
	}
	if now.Sub(l.sweep) < time.Minute {
		return
	}
	l.sweep = now
	for k, st := range l.keys {
		if st.pending == 0 && now.Sub(st.last) > st.forget {
			delete(l.keys, k)
		}
	}
}

func (r *Reservation) finish(f func(st *keyState, lim Limit, now time.Time)) {
	if r == nil || r.done {
		return
	}
	r.done = true
	l := r.l
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, lim := range r.limits {
		st := l.state(lim.Key)
		st.pending--
		f(st, lim, now)
		if st.pending == 0 && st.fails == 0 {
			delete(l.keys, lim.Key)
		}
	}
}

// Fail records the attempt as a failure under every limit.
func (r *Reservation) Fail() {
	r.finish(func(st *keyState, lim Limit, now time.Time) {
		if !st.last.IsZero() && now.Sub(st.last) > lim.Policy.Forget {
			st.fails = 0
		}
		st.fails++
		st.last, st.forget = now, lim.Policy.Forget
	})
}

// Succeed records a successful sign-in: the keys that name the account
// (keys starting "name:" or "device:") forget their failures; an address
// keeps its own, so one good password does not buy its neighbours
// more guesses.
func (r *Reservation) Succeed() {
	r.finish(func(st *keyState, lim Limit, now time.Time) {
		if len(lim.Key) > 3 && lim.Key[:3] == "ip:" {
			return
		}
		st.fails = 0
	})
}

// Cancel releases the attempt without counting it (it was never checked).
func (r *Reservation) Cancel() { r.finish(func(*keyState, Limit, time.Time) {}) }

// Failures returns key's recorded failures (for tests and metrics).
func (l *Limiter) Failures(key string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if st := l.keys[key]; st != nil {
		return st.fails
	}
	return 0
}
