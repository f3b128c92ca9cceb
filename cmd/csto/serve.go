package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

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
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return usagef("--addr: %q is not HOST:PORT", *addr)
	}
	a, err := open(ctx, env, c.dataDir)
	if err != nil {
		return err
	}
	defer a.Close()
	log := slog.New(slog.NewTextHandler(env.Stderr, nil))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usagef("--addr: %v", err)
	}
	srv := &http.Server{
		Handler:           web.New(a.reg, log, env.Now),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(env.Stdout, "csto: serving http://%s (data %s)\n", ln.Addr(), c.dataDir)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
