package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/rules"
)

// The world's alliances: `csto import atop` brings ATOP 5.1 into the
// record, `csto export` writes ATOP's derived files from it (ATOP, the
// curated CSTO, or both), `csto reconcile atop` compares ATOP's CSTO with
// csto's. See docs/ATOP.md.

func init() {
	importers["atop"] = cmdImportATOP
	commands["export"] = command{"research exports in ATOP's layouts: csto export state-year|dyad-year --source atop|curated|all --format csv|json", cmdExport}
	commands["reconcile"] = command{"compare ATOP's record of the CSTO (4220) with csto's: csto reconcile atop", cmdReconcile}
}

// importActor is the actor recorded on imported events.
var importActor = csto.Actor{Role: csto.RoleSystem, State: "import"}

// cmdImportATOP: csto import atop --members PATH [--alliances PATH] [--phases PATH] [--cow PATH] [--skip-bad]
func cmdImportATOP(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "import atop")
	var c common
	c.register(fs, env, true)
	members := fs.String("members", "", "ATOP's member-level file, atop5_1m.csv (required)")
	alliances := fs.String("alliances", "", "ATOP's alliance-level file, atop5_1a.csv")
	phases := fs.String("phases", "", "ATOP's alliance-phase-level file, atop5_1aph.csv")
	cow := fs.String("cow", "", "the COW state list, states2016.csv (names and existence dates of new states)")
	skipBad := fs.Bool("skip-bad", false, "skip malformed rows (each reported with its line) instead of refusing the import")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	if *members == "" {
		return usagef("--members: give ATOP's member-level file (atop5_1m.csv)")
	}
	opts := atop.Options{SkipBad: *skipBad}
	var d rules.ATOPData
	var skipped []*atop.RowError
	read := func(flag, path string, f func(io.Reader) ([]*atop.RowError, error)) error {
		if path == "" {
			return nil
		}
		fh, err := os.Open(path)
		if err != nil {
			return usagef("--%s: %v", flag, err)
		}
		defer fh.Close()
		sk, err := f(fh)
		if err != nil {
			var re *atop.RowError
			if errors.As(err, &re) {
				return usagef("--%s: %v (nothing imported)", flag, re)
			}
			return usagef("--%s: %v", flag, err)
		}
		skipped = append(skipped, sk...)
		return nil
	}
	if err := read("members", *members, func(r io.Reader) (sk []*atop.RowError, err error) {
		d.Members, sk, err = opts.ReadMembers(r)
		return
	}); err != nil {
		return err
	}
	if err := read("alliances", *alliances, func(r io.Reader) (sk []*atop.RowError, err error) {
		d.Alliances, sk, err = opts.ReadAlliances(r)
		return
	}); err != nil {
		return err
	}
	if err := read("phases", *phases, func(r io.Reader) (sk []*atop.RowError, err error) {
		d.Phases, sk, err = opts.ReadPhases(r)
		return
	}); err != nil {
		return err
	}
	if err := read("cow", *cow, func(r io.Reader) (sk []*atop.RowError, err error) {
		d.COW, sk, err = opts.ReadCOW(r)
		return
	}); err != nil {
		return err
	}
	for _, re := range skipped {
		fmt.Fprintf(env.Stderr, "csto import atop: skipped %v\n", re)
	}
	// The three levels must agree; with rows skipped they cannot.
	if len(d.Alliances) > 0 && len(d.Phases) > 0 && len(skipped) == 0 {
		if _, err := atop.NewDataset(d.Alliances, d.Phases, d.Members); err != nil {
			return usagef("the ATOP files disagree: %v (nothing imported)", err)
		}
	}
	a, err := open(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	imp, err := rules.ATOPCommands(a.reg.Model(), d)
	if err != nil {
		return err
	}
	evs, err := a.reg.SubmitNew(ctx, importActor, imp.Commands...)
	if err != nil {
		return err
	}
	if len(evs) == 0 {
		fmt.Fprintf(env.Stdout, "ATOP: nothing new (%d member rows of %d alliances already imported)\n", imp.Members, imp.Alliances)
		return nil
	}
	fmt.Fprintf(env.Stdout, "ATOP: imported %d events in one batch: %d states, %d alliances, %d member rows (%d rows skipped)\n",
		len(evs), imp.States, imp.Alliances, imp.Members, len(skipped))
	return nil
}

// cmdExport: csto export state-year|dyad-year [--source atop|curated|all] [--from Y] [--to Y] [--format csv|json] [--directed]
func cmdExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "export")
	var c common
	c.register(fs, env, false)
	source := fs.String("source", rules.SourceATOP, "atop, curated (the CSTO as csto records it) or all (ATOP with the curated CSTO in place of 4220)")
	fromS := fs.String("from", "", "first year (default 1815)")
	toS := fs.String("to", "", "last year (default 2018; this year for curated)")
	format := fs.String("format", "csv", "csv or json")
	directed := fs.Bool("directed", false, "dyad-year: both directions of each pair (ATOP's directed dyad-year file)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || (pos[0] != "state-year" && pos[0] != "dyad-year") {
		return usagef("usage: csto export state-year|dyad-year [--source atop|curated|all] [--from Y --to Y] [--format csv|json]")
	}
	if !contains(rules.Sources, *source) {
		return usagef("--source: %q is not one of %s", *source, strings.Join(rules.Sources, ", "))
	}
	if *format != "csv" && *format != "json" {
		return usagef("--format: %q is not csv or json", *format)
	}
	if *directed && pos[0] != "dyad-year" {
		return usagef("--directed: only for dyad-year")
	}
	from, err := yearFlag("from", *fromS)
	if err != nil {
		return err
	}
	to, err := yearFlag("to", *toS)
	if err != nil {
		return err
	}
	m, done, err := openModel(ctx, env, &c)
	if err != nil {
		return err
	}
	defer done()
	year := env.Now().UTC().Year()
	if pos[0] == "state-year" {
		rows, err := rules.StateYears(m, *source, from, to, year)
		if err != nil {
			return err
		}
		if *format == "json" {
			return atop.WriteStateYearsJSON(env.Stdout, rows)
		}
		return atop.WriteStateYearsCSV(env.Stdout, rows, atop.StateYearIDColumns)
	}
	rows, err := rules.DyadYears(m, *source, from, to, year, *directed)
	if err != nil {
		return err
	}
	if *format == "json" {
		return atop.WriteDyadYearsJSON(env.Stdout, rows)
	}
	return atop.WriteDyadYearsCSV(env.Stdout, rows, atop.DyadYearIDColumns, *directed)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// cmdReconcile: csto reconcile atop [--atopid 4220] [--json]
func cmdReconcile(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "reconcile")
	var c common
	c.register(fs, env, true)
	id := fs.Int("atopid", 4220, "the ATOP alliance to compare with csto's curated record of it")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "atop" {
		return usagef("usage: csto reconcile atop [--atopid 4220] [--json]")
	}
	m, done, err := openModel(ctx, env, &c)
	if err != nil {
		return err
	}
	defer done()
	rc, err := rules.ReconcileATOP(m, *id)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, rc)
	}
	w := env.Stdout
	fmt.Fprintf(w, "ATOP %d (%s) and csto's %s: %d differences\n", rc.ATOPID, rc.Alliance, rc.Org, len(rc.Differences))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, d := range rc.Differences {
		state := d.State
		if state == "" {
			state = "-"
		}
		fmt.Fprintf(tw, "\n%s\t%s\n", d.Kind, state)
		fmt.Fprintf(tw, "  ATOP\t%s\t%s\n", orNone(d.ATOP.Value), strings.Join(append(d.ATOP.Events, d.ATOP.Sources...), ", "))
		cur := orNone(d.Curated.Value)
		if d.Curated.Article != "" {
			cur += " (" + d.Curated.Article + ")"
		}
		fmt.Fprintf(tw, "  csto\t%s\t%s\n", cur, strings.Join(append(d.Curated.Events, d.Curated.Sources...), ", "))
		if d.Note != "" {
			fmt.Fprintf(tw, "  \t%s\n", d.Note)
		}
	}
	return tw.Flush()
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
