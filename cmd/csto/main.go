// Command csto runs the Collective Security Treaty Organization registry:
// queries of its members, states, organizations and history at any date,
// the integrity checks of its event log, and its web server.
//
// Usage: csto COMMAND [flags]; `csto help` lists the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// Env is what a command runs with: its output streams, the environment
// and the clock. Tests build their own.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Now            func() time.Time
}

// command is one subcommand of the CLI.
type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands is the CLI's command table. Each file adds its commands in an
// init function, so that a new family of commands is one new file.
var commands = map[string]command{}

func init() {
	for name, c := range map[string]command{
		"members":    {"list the members of an organization on a date", cmdMembers},
		"state":      {"show one state's whole history", cmdState},
		"timeline":   {"list dated events in order, with sources and contested claims", cmdTimeline},
		"org":        {"describe an organization: founding, bodies, instruments, members, operations", cmdOrg},
		"db":         {"database maintenance: `db rebuild` recreates the projections from the log", cmdDB},
		"serve":      {"serve the web interface (default http://localhost:8080)", cmdServe},
		"chair":      {"the Council's chair in a year: recorded, and expected by the rotation rule", cmdChair},
		"officers":   {"the Secretary-General and other officers on a date", cmdOfficers},
		"sessions":   {"Council sessions with attendance, documents and decisions", cmdSessions},
		"requests":   {"requests for assistance (CST Art. 4) and consultations (Art. 2) and where they stand", cmdRequests},
		"operations": {"operations with contingents and phases", cmdOperations},
		"operation":  {"one operation (csto operation ID), or act on one: create, contingent, phase, report", cmdOperation},
		"exercises":  {"joint exercises by year", cmdExercises},
		"request":    {"file a request: csto request assistance|consultations --as STATE", cmdRequest},
		"session":    {"convene, attend or close a session: csto session convene --as CHAIR …", cmdSession},
		"decision":   {"put a draft to a session or close its vote: csto decision propose|close …", cmdDecision},
		"position":   {"state a member's position: csto position --as STATE --decision ID for|objects|…", cmdPosition},
		"user":       {"accounts: csto user add NAME --role delegate --state KAZ | passwd | disable | enable | delete NAME | list", cmdUser},
		"token":      {"API tokens: csto token create --user NAME | revoke ID | list", cmdToken},
		"membership": {"membership procedures: apply, notice, withdraw, freeze; admit, suspend, reinstate, observer, partner", cmdMembership},
		"help":       {"show this help", nil},
	} {
		commands[name] = c
	}
}

// Run runs the CLI with args (without the program name) and returns the
// exit code: 0 on success, 2 for bad usage or input (one line on stderr
// naming the argument or the rule), 1 for other failures, panics
// included (with their stack on stderr).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	env := &Env{Stdout: stdout, Stderr: stderr, Getenv: getenv, Now: time.Now}
	return env.Run(ctx, args)
}

// Run runs the CLI in env.
func (env *Env) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok || cmd.run == nil {
		fmt.Fprintf(env.Stderr, "csto: unknown command %q (see `csto help`)\n", args[0])
		return 2
	}
	err := env.runSafely(ctx, cmd, args)
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	msg := oneLine(message(err))
	if !strings.HasPrefix(msg, "refused: ") {
		msg = "csto " + args[0] + ": " + msg
	}
	fmt.Fprintln(env.Stderr, msg)
	return exitCode(err)
}

// runSafely runs cmd, turning a panic into a failure (exit 1, not the
// runtime's 2, which means bad input here) whose stack goes to stderr:
// a panic is csto's bug, and the operator's report needs where it was.
func (env *Env) runSafely(ctx context.Context, cmd command, args []string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			fmt.Fprintf(env.Stderr, "csto %s: internal error (a bug; please report it with this trace): panic: %v\n%s", args[0], p, debug.Stack())
			err = &failure{fmt.Sprintf("internal error: panic: %v", p)}
		}
	}()
	return cmd.run(ctx, env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "csto — the Collective Security Treaty Organization registry")
	fmt.Fprintln(w, "\nUsage: csto COMMAND [flags]   (csto COMMAND -h for a command's flags)")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --data-dir DIR (env CSTO_DATA_DIR); an empty data directory is first")
	fmt.Fprintln(w, "initialised with the default history. Dates are EDTF: 2008-07-22, 2008-07, 2008, 1996-23 (autumn), 1999/2000.")
}

// usageError is bad usage or input: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// failure is a failure that is not the user's input: exit 1.
type failure struct{ msg string }

func (e *failure) Error() string { return e.msg }

func exitCode(err error) int {
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	var f *failure
	if errors.As(err, &f) {
		return 1
	}
	switch csto.ErrorKind(err) {
	case csto.Invalid, csto.NotFound, csto.Conflict, csto.Forbidden, csto.Unauthenticated:
		return 2
	}
	return 1
}

func message(err error) string {
	var ue *usageError
	var f *failure
	if errors.As(err, &ue) || errors.As(err, &f) {
		return err.Error()
	}
	var ce *csto.Error
	if errors.As(err, &ce) {
		if ce.Rule != "" {
			return "refused: " + ce.Error()
		}
		return ce.Error()
	}
	return err.Error() // internal: the CLI is the operator's own tool
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// common are the flags every data command takes.
type common struct {
	dataDir string
	db      string
	lang    string
	json    bool
}

func (c *common) register(fs *flag.FlagSet, env *Env, withOutput bool) {
	def := env.Getenv("CSTO_DATA_DIR")
	if def == "" {
		def = defaultDataDir(env)
	}
	fs.StringVar(&c.dataDir, "data-dir", def, "data directory (env CSTO_DATA_DIR)")
	fs.StringVar(&c.db, "db", env.Getenv("CSTO_DB"), "database: empty for the data directory's SQLite file, or a postgres:// URL (env CSTO_DB)")
	if withOutput {
		lang := env.Getenv("CSTO_LANG")
		if lang == "" {
			lang = "en"
		}
		fs.StringVar(&c.lang, "lang", lang, "language of names and texts: ar, en or ru (env CSTO_LANG)")
		fs.BoolVar(&c.json, "json", false, "print JSON")
	}
}

func defaultDataDir(env *Env) string {
	if d := env.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "csto")
	}
	if h := env.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "csto")
	}
	return "csto-data"
}

// parse parses args with fs, allowing flags after positional arguments
// (csto state ARM --json), and returns the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	// A bad flag is reported once, in the one line usagef makes; the flag
	// package would print it and every flag's help besides. -h prints the
	// flags' help.
	out := fs.Output()
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	defer fs.SetOutput(out)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(out)
				fmt.Fprintf(out, "Usage of %s:\n", fs.Name())
				fs.PrintDefaults()
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlagSet(env *Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("csto "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

func (c *common) language() (csto.Lang, error) {
	l, err := csto.ParseLang(c.lang)
	if err != nil {
		return "", usagef("--lang: %q is not a language csto speaks (ar, en or ru)", c.lang)
	}
	return l, nil
}

// dateFlag parses an EDTF flag value; empty means today.
func dateFlag(env *Env, name, v string) (edtf.Date, error) {
	if v == "" {
		return edtf.FromDay(edtf.DayFromTime(env.Now().UTC())), nil
	}
	d, err := edtf.ParseInput(v)
	if err != nil {
		return edtf.Date{}, usagef("--%s: %v", name, err)
	}
	return d, nil
}

// optionalDate parses an EDTF flag value; empty means none.
func optionalDate(name, v string) (edtf.Date, error) {
	if v == "" {
		return edtf.Date{}, nil
	}
	d, err := edtf.ParseInput(v)
	if err != nil {
		return edtf.Date{}, usagef("--%s: %v", name, err)
	}
	return d, nil
}

func todayDate(env *Env) edtf.Date { return edtf.FromDay(edtf.DayFromTime(env.Now().UTC())) }
