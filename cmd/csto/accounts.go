package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
)

const userUsage = "usage: csto user add NAME --role delegate|secretariat|admin [--state ISO3] | passwd NAME | disable NAME | enable NAME | delete NAME | list"

// cmdUser: csto user add|passwd|disable|enable|delete|list
func cmdUser(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef(userUsage)
	}
	fs := newFlagSet(env, "user "+args[0])
	var c common
	c.register(fs, env, true)
	role := fs.String("role", "", "delegate, secretariat or admin (add)")
	state := fs.String("state", "", "the state a delegate acts for (ISO alpha-3)")
	pwFile := fs.String("password-file", "", "read the password from this file (default: generate one and print it once)")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	password := func() (string, bool, error) {
		if *pwFile == "" {
			return account.GeneratePassword(), true, nil
		}
		b, err := os.ReadFile(*pwFile)
		if err != nil {
			return "", false, usagef("--password-file: %v", err)
		}
		return strings.TrimRight(string(b), "\r\n"), false, nil
	}
	switch args[0] {
	case "add", "passwd":
		if len(pos) != 1 {
			return usagef("usage: csto user %s NAME", args[0])
		}
		pw, generated, err := password()
		if err != nil {
			return err
		}
		a, err := openAccounts(ctx, env, &c)
		if err != nil {
			return err
		}
		defer a.Close()
		if args[0] == "add" {
			if _, err := a.accounts.Add(ctx, pos[0], csto.Role(*role), strings.ToUpper(*state), pw); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "created %s (%s)\n", pos[0], *role)
		} else {
			if err := a.accounts.SetPassword(ctx, pos[0], pw); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "changed the password of %s; its web sessions are ended\n", pos[0])
		}
		if generated {
			fmt.Fprintf(env.Stdout, "password (shown once): %s\n", pw)
		}
		return nil
	case "disable", "enable", "delete":
		if len(pos) != 1 {
			return usagef("usage: csto user %s NAME", args[0])
		}
		a, err := openAccounts(ctx, env, &c)
		if err != nil {
			return err
		}
		defer a.Close()
		do, done := a.accounts.Disable, "disabled %s: its sessions are ended and its tokens revoked\n"
		switch args[0] {
		case "enable":
			do, done = a.accounts.Enable, "enabled %s (its earlier tokens stay revoked: create new ones)\n"
		case "delete":
			do, done = a.accounts.Delete, "deleted %s with its sessions and tokens; the name stays taken, as the log names it\n"
		}
		if err := do(ctx, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, done, pos[0])
		return nil
	case "list":
		a, err := openAccounts(ctx, env, &c)
		if err != nil {
			return err
		}
		defer a.Close()
		as, err := a.accounts.List(ctx)
		if err != nil {
			return err
		}
		if c.json {
			out := []map[string]any{}
			for _, x := range as {
				out = append(out, map[string]any{"name": x.Name, "role": x.Role, "state": x.State, "disabled": x.Disabled})
			}
			return printJSON(env.Stdout, out)
		}
		for _, x := range as {
			st := ""
			if x.Disabled {
				st = "disabled"
			}
			fmt.Fprintf(env.Stdout, "%-20s %-12s %-4s %s\n", x.Name, x.Role, x.State, st)
		}
		return nil
	}
	return usagef(userUsage)
}

// cmdToken: csto token create|revoke|list
func cmdToken(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("usage: csto token create --user NAME [--ttl 720h] | revoke ID | list [--user NAME]")
	}
	fs := newFlagSet(env, "token "+args[0])
	var c common
	c.register(fs, env, true)
	user := fs.String("user", "", "the account")
	ttl := fs.Duration("ttl", 30*24*time.Hour, "how long the token lives")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	a, err := openAccounts(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	switch args[0] {
	case "create":
		if *user == "" || len(pos) > 0 {
			return usagef("usage: csto token create --user NAME [--ttl 720h]")
		}
		sec, t, err := a.accounts.CreateToken(ctx, *user, *ttl)
		if err != nil {
			return err
		}
		if c.json {
			return printJSON(env.Stdout, map[string]any{"token": sec, "id": t.ID, "account": t.Account, "expires": t.Expires})
		}
		fmt.Fprintf(env.Stdout, "token %s for %s, expires %s\n%s\n(shown once: send it as Authorization: Bearer <token>)\n",
			t.ID, t.Account, t.Expires.Format(time.RFC3339), sec)
		return nil
	case "revoke":
		if len(pos) != 1 {
			return usagef("usage: csto token revoke ID")
		}
		if err := a.accounts.RevokeToken(ctx, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "revoked %s\n", pos[0])
		return nil
	case "list":
		ts, err := a.accounts.Tokens(ctx, *user)
		if err != nil {
			return err
		}
		if c.json {
			return printJSON(env.Stdout, ts)
		}
		for _, t := range ts {
			st := "active"
			switch {
			case t.Revoked:
				st = "revoked"
			case !env.Now().Before(t.Expires):
				st = "expired"
			}
			fmt.Fprintf(env.Stdout, "%s  %-20s %s  expires %s\n", t.ID, t.Account, st, t.Expires.Format(time.RFC3339))
		}
		return nil
	}
	return usagef("usage: csto token create|revoke|list …")
}
