package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/api"
	"github.com/csto/csto/drafts"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/search"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/translog"
	"github.com/csto/csto/web"
)

func cmdServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "serve")
	var c common
	c.register(fs, env, false)
	def := env.Getenv("CSTO_ADDR")
	if def == "" {
		def = "localhost:8080"
	}
	addr := fs.String("addr", def, "listen address HOST:PORT (env CSTO_ADDR)")
	secure := fs.Bool("secure-cookies", env.Getenv("CSTO_SECURE_COOKIES") == "1", "mark session cookies Secure: set it when csto is served over HTTPS, e.g. behind a TLS proxy (env CSTO_SECURE_COOKIES=1)")
	demo := fs.Bool("demo", false, "create a delegate account per member state and a Secretariat account, and print their credentials")
	checkMem := fs.Int("signin-memory", account.DefaultCheckMemory, "MiB that password checks may take at once (each takes 64 MiB); sign-ins beyond get 429 at once")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usagef("--addr: %q is not HOST:PORT", *addr)
	}
	if *checkMem < 1 {
		return usagef("--signin-memory: %d is not a positive number of MiB", *checkMem)
	}
	a, err := open(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	a.accounts.SetCheckMemory(*checkMem)
	if *demo {
		if err := demoAccounts(ctx, env, a); err != nil {
			return err
		}
	}
	log := slog.New(slog.NewJSONHandler(env.Stderr, nil))
	releaseReplay(ctx, log, a.reg, releaseAfter)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usagef("--addr: %v", err)
	}
	apiSrv := api.New(a.reg, a.accounts, log, env.Now)
	ds, err := drafts.Open(ctx, a.db, a.pg != nil, a.reg)
	if err != nil {
		return err
	}
	apiSrv.SetDrafts(ds)
	sx, err := search.Open(ctx, a.db, a.pg != nil)
	if err != nil {
		return err
	}
	apiSrv.SetSearch(sx)                // caught up by the first search after each write,
	go keepIndexed(ctx, log, sx, a.reg) // and in the background, so that `csto search` beside it reads only
	signer, err := translog.LoadKey(c.dataDir)
	if err != nil {
		return &failure{err.Error()}
	}
	apiSrv.SetSigner(signer) // GET /api/v1/checkpoint, signed as csto checkpoint signs
	webSrv := web.New(a.reg, a.accounts, log, env.Now)
	webSrv.SetDrafts(ds)
	webSrv.SetSearch(sx)
	apiSrv.SecureCookies, webSrv.SecureCookies = *secure, *secure
	mux := http.NewServeMux()
	for _, p := range []string{"/api/", "/healthz", "/readyz", "/metrics"} {
		mux.Handle(p, apiSrv)
	}
	mux.Handle("/", webSrv)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	if a.pg != nil {
		go follow(ctx, log, func(ctx context.Context) error { return followOnce(ctx, a, log) })
	} else if h, ok := a.store.(header); ok {
		go follow(ctx, log, func(ctx context.Context) error { return pollOnce(ctx, a, h, log) })
	}
	fmt.Fprintf(env.Stdout, "csto: serving http://%s (data %s)\n", ln.Addr(), c.dataDir)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Finish the requests in flight: a write acknowledged to a client was
	// committed before its response was written.
	apiSrv.SetReady(false)
	shut, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	// The model as it stands, for a start that replays only what follows.
	if err := a.reg.SaveSnapshot(1); err != nil {
		log.Warn("snapshot not written", "err", err)
	}
	fmt.Fprintln(env.Stdout, "csto: stopped")
	return nil
}

// releaseAfter is how many replayed events make a server reload its
// model from the snapshot before it serves.
const releaseAfter = 50_000

// releaseReplay, after a start that replayed much of the log (a new build,
// or no snapshot yet), swaps the replayed model for the one its snapshot
// holds and returns the difference to the system. A replayed model holds
// more than the same model loaded from a snapshot, and the replay grew the
// heap to about twice it: at 1 M events a server served at 870 MiB for as
// long as it ran, and at 388 MiB after the reload. A process
// that stops soon after (the CLI) does not need it.
func releaseReplay(ctx context.Context, log *slog.Logger, reg *registry.Registry, after int64) {
	if reg.Replayed() < after {
		return
	}
	if err := reg.Reload(ctx); err != nil {
		log.Warn("model not reloaded from its snapshot after the replay", "err", err)
		return
	}
	debug.FreeOSMemory()
}

// keepIndexed catches the search index up with the model about once a
// second, until ctx ends: a search then finds the index current, and a
// search on the command line beside the server needs no write.
func keepIndexed(ctx context.Context, log *slog.Logger, x *search.Index, reg *registry.Registry) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		if err := x.Fresh(ctx, reg.EventsPage, reg.Model().Seq); err != nil && ctx.Err() == nil {
			log.Warn("search index not caught up", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// follow keeps this instance's model fresh when other processes append to
// the same log, so that every surface (the web pages, the API) shows their
// writes within a second: on PostgreSQL it refreshes on each notification
// and polls every two seconds in case one is lost (followOnce); on SQLite,
// which has no notifications, it polls the log's head (pollOnce). It never
// takes the server down: a panic is logged with its stack and the follower
// starts again a second later, and a stored event that does not apply
// leaves the model at the events before it (the record is then degraded
// and /readyz says so; see registry.ReplayError).
func follow(ctx context.Context, log *slog.Logger, once func(context.Context) error) {
	for ctx.Err() == nil {
		if err := recovered(func() error { return once(ctx) }); err != nil {
			log.Error("follower failed; restarting it", "err", err)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
		}
	}
}

// recovered runs f, turning a panic into an error with its stack.
func recovered(f func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return f()
}

func followOnce(ctx context.Context, a *app, log *slog.Logger) (err error) {
	var l *postgres.Listener
	defer func() {
		if l != nil {
			l.Close()
		}
	}()
	reported := false
	for ctx.Err() == nil {
		if l == nil {
			if l, err = a.pg.Listen(ctx); err != nil {
				log.Warn("listen for new events", "err", err)
				l = nil
			}
		}
		wait, cancel := context.WithTimeout(ctx, 2*time.Second)
		if l != nil {
			_, err = l.Wait(wait)
		} else {
			<-wait.Done()
		}
		cancel()
		if _, rerr := refresh(ctx, a); rerr != nil && ctx.Err() == nil {
			log.Warn("refresh", "err", rerr)
		}
		if bad := a.reg.Degraded(); bad != nil && !reported {
			log.Error("the record is read-only", "err", bad.Error())
			reported = true
		}
		if l != nil && err != nil && !errors.Is(err, context.DeadlineExceeded) {
			l.Close()
			l = nil // reconnect
		}
	}
	return nil
}

// header is a store that tells the position of its last event cheaply
// (the SQLite store: one lookup of the largest key).
type header interface {
	Head(ctx context.Context) (int64, error)
}

// pollInterval is how often the SQLite follower reads the log's head.
const pollInterval = 200 * time.Millisecond

// pollOnce follows a SQLite log: every pollInterval it reads the position
// of the last event, and when another process (the CLI, another server on
// the same file) appended after this model, applies the tail. The cost of
// a poll does not grow with the log.
func pollOnce(ctx context.Context, a *app, h header, log *slog.Logger) error {
	reported, warned := false, false
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		head, err := h.Head(ctx)
		if err != nil {
			if ctx.Err() == nil && !warned {
				log.Warn("read the log's head", "err", err)
				warned = true // once until it works again: a locked file is not news every 200 ms
			}
			continue
		}
		warned = false
		if head == a.reg.Model().Seq {
			continue
		}
		if _, err := refresh(ctx, a); err != nil && ctx.Err() == nil {
			log.Warn("refresh", "err", err)
		}
		if bad := a.reg.Degraded(); bad != nil && !reported {
			log.Error("the record is read-only", "err", bad.Error())
			reported = true
		}
	}
}

// refresh is the follower's step; tests replace it.
var refresh = func(ctx context.Context, a *app) (*registry.Model, error) { return a.reg.Refresh(ctx) }

// demoAccounts creates (once) a delegate for every state with a status in
// the CSTO today and a Secretariat account, and prints their passwords
// and API tokens so that a new user can run a procedure by hand.
func demoAccounts(ctx context.Context, env *Env, a *app) error {
	m := a.reg.Model()
	today := csto.Lang("en")
	list, err := m.Members("csto", todayDate(env), today)
	if err != nil {
		return err
	}
	type cred struct{ name, role, pw, token string }
	var creds []cred
	add := func(name string, role csto.Role, state string) error {
		pw := account.GeneratePassword()
		_, err := a.accounts.Add(ctx, name, role, state, pw)
		if csto.ErrorKind(err) == csto.Conflict {
			if err := a.accounts.SetPassword(ctx, name, pw); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		// One live token per demo account: the earlier start's are
		// revoked, not left to pile up.
		if _, err := a.accounts.RevokeTokens(ctx, name); err != nil {
			return err
		}
		tok, _, err := a.accounts.CreateToken(ctx, name, 30*24*time.Hour)
		if err != nil {
			return err
		}
		label := string(role)
		if state != "" {
			label += " of " + state
		}
		creds = append(creds, cred{name, label, pw, tok})
		return nil
	}
	for _, r := range list.Members.All() {
		if err := add("delegate-"+strings.ToLower(r.State), csto.RoleDelegate, r.State); err != nil {
			return err
		}
	}
	if err := add("secretariat", csto.RoleSecretariat, ""); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "csto: demo accounts (passwords and tokens reset on every --demo start, the earlier ones revoked; tokens valid 30 days):")
	for _, c := range creds {
		fmt.Fprintf(env.Stdout, "  %-15s %-20s password %s  token %s\n", c.name, c.role, c.pw, c.token)
	}
	return nil
}
