package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/csto/csto"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// `csto sources check` reports how far a reader can check each source
// (a specific page, a home page, a placeholder, or reviewed and marked
// unverified) and which facts rest only on weak sources.
//
// Exit status: 0 when every source is a specific page, the registry's own
// record, or explicitly marked unverified with a reason; 1 when any source
// is an unreviewed home page or placeholder (a regression CI should catch),
// and with --strict also when any fact rests only on weak sources; 2 for
// bad usage.

func init() {
	commands["sources"] = command{"check the sources: csto sources check [--all] [--strict] [--json]; exit 1 on a home page or placeholder", cmdSources}
}

func cmdSources(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "check" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.Stderr, "usage: csto sources check [--all] [--strict] [--json] [--lang ar|en|ru]")
			return nil
		}
		return usagef("give a subcommand: csto sources check")
	}
	fs := newFlagSet(env, "sources check")
	var c common
	c.register(fs, env, true)
	all := fs.Bool("all", false, "list every source, not only the weak ones")
	strict := fs.Bool("strict", false, "exit 1 also when any fact rests only on weak sources (unverified ones included)")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	lang, err := c.language()
	if err != nil {
		return err
	}
	a, err := openRead(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	sc, err := a.reg.Model().CheckSources()
	if err != nil {
		return err
	}
	if c.json {
		if err := printJSON(env.Stdout, sc); err != nil {
			return err
		}
	} else {
		printSourceCheck(env, lang, sc, *all)
	}
	if n := sc.Count[csto.HomePage] + sc.Count[csto.Placeholder]; n > 0 {
		return &failure{i18n.Tf(lang, "sources.fail.unreviewed", n)}
	}
	if *strict && len(sc.Weak) > 0 {
		return &failure{i18n.Tf(lang, "sources.fail.weak", len(sc.Weak))}
	}
	return nil
}

func printSourceCheck(env *Env, lang csto.Lang, sc registry.SourceCheck, all bool) {
	var counts []string
	for _, s := range csto.Specificities {
		counts = append(counts, fmt.Sprintf("%s %d", i18n.T(lang, "specificity."+string(s)), sc.Count[s]))
	}
	fmt.Fprintln(env.Stdout, i18n.Tf(lang, "sources.summary", len(sc.Sources), strings.Join(counts, ", ")))
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, s := range sc.Sources {
		if !all && !s.Specificity.Weak() {
			continue
		}
		where := s.URL
		if s.Unverified != "" {
			where = s.Unverified
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", s.ID, i18n.T(lang, "specificity."+string(s.Specificity)), s.Cited, oneLine(where))
	}
	tw.Flush()
	fmt.Fprintln(env.Stdout)
	fmt.Fprintln(env.Stdout, i18n.Tf(lang, "sources.weak-facts", len(sc.Weak)))
	tw = tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, f := range sc.Weak {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", f.Date, f.ID, strings.Join(f.Sources, " "), oneLine(f.Text.In(lang)))
	}
	tw.Flush()
}
