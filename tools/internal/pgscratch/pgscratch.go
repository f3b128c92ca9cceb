// Package pgscratch creates and drops the scratch PostgreSQL databases the
// measuring tools (tools/load, tools/scale) run csto on. It refuses a
// server that is not on this machine: the tools only measure locally.
package pgscratch

import (
	"context"
	"crypto/rand"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Create creates a database named prefix + a random suffix on the server
// at admin (a postgres:// URL whose role may create databases) and returns
// its URL and a function that drops it.
func Create(ctx context.Context, admin, prefix string) (string, func(), error) {
	u, err := url.Parse(admin)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", nil, fmt.Errorf("-postgres: want a postgres:// URL")
	}
	if h := u.Hostname(); h != "" && h != "localhost" && !net.ParseIP(h).IsLoopback() {
		return "", nil, fmt.Errorf("-postgres: %s is not on this machine (the tools measure on the loopback interface only)", h)
	}
	name := prefix + strings.ToLower(rand.Text())
	exec := func(sql string) error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			return err
		}
		defer c.Close(ctx)
		_, err = c.Exec(ctx, sql)
		return err
	}
	if err := exec(`CREATE DATABASE ` + pgx.Identifier{name}.Sanitize()); err != nil {
		return "", nil, fmt.Errorf("create a scratch database: %w", err)
	}
	u.Path = "/" + name
	drop := func() {
		for range 50 {
			if exec(`DROP DATABASE IF EXISTS `+pgx.Identifier{name}.Sanitize()+` WITH (FORCE)`) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		fmt.Fprintf(os.Stderr, "could not drop database %s\n", name)
	}
	return u.String(), drop, nil
}
