package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/atop"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/internal/iox"
	"github.com/csto/csto/rules"
)

// The world's alliances: `csto import atop` brings ATOP 5.1 into the
// record, `csto export` writes ATOP's derived files from it (ATOP, the
// curated CSTO, or both), `csto reconcile atop` compares ATOP's CSTO with
// csto's. See docs/ATOP.md.

func init() {
	importers["atop"] = cmdImportATOP
	commands["export"] = command{"research exports in ATOP's layouts: csto export [state-year|dyad-year|directed-dyad-year|member|alliance|phase] --source atop|curated|all [--nna] [--reading preferred|each-claim] [--out DIR]", cmdExport}
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

// cmdExport: csto export [PANEL] [--source atop|curated|all] [--from Y] [--to Y] [--nna]
// [--reading preferred|each-claim] [--directed] [--format csv|json] [--out DIR]
//
// With --out, every panel asked for (all of them when none is named) is
// written to DIR with its companion, the readings under each claim when
// asked, and datapackage.json; without, the one panel named goes to
// standard output.
func cmdExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "export")
	var c common
	c.register(fs, env, false)
	source := fs.String("source", rules.SourceATOP, "atop, curated (the CSTO as csto records it) or all (ATOP with the curated CSTO in place of 4220)")
	fromS := fs.String("from", "", "first year (default 1815)")
	toS := fs.String("to", "", "last year (default 2018; this year for curated)")
	format := fs.String("format", "csv", "csv or json (json: state-year and dyad-year on standard output only)")
	directed := fs.Bool("directed", false, "dyad-year: both directions of each pair (the directed-dyad-year panel)")
	nna := fs.Bool("nna", false, "leave out the alliances that are solely nonaggression pacts (ATOP's NNA files, codebook 2.2)")
	reading := fs.String("reading", rules.ReadingPreferred, "preferred, or each-claim: also recompute the panels under each contested claim and list the cells that change (readings.csv)")
	out := fs.String("out", "", "write the panels, their companions and datapackage.json into this directory")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	const usage = "usage: csto export [state-year|dyad-year|directed-dyad-year|member|alliance|phase] [--source atop|curated|all] [--from Y --to Y] [--nna] [--reading preferred|each-claim] [--out DIR | --format csv|json]"
	var panels []string
	for _, p := range pos {
		if !contains(rules.Panels, p) {
			return usagef("%s", usage)
		}
		panels = append(panels, p)
	}
	if !contains(rules.Sources, *source) {
		return usagef("--source: %q is not one of %s", *source, strings.Join(rules.Sources, ", "))
	}
	if *format != "csv" && *format != "json" {
		return usagef("--format: %q is not csv or json", *format)
	}
	if *reading != rules.ReadingPreferred && *reading != rules.ReadingEachClaim {
		return usagef("--reading: %q is not preferred or each-claim", *reading)
	}
	if *directed {
		if len(panels) != 1 || panels[0] != rules.PanelDyadYear {
			return usagef("--directed: only for dyad-year")
		}
		panels[0] = rules.PanelDirectedDyadYear
	}
	if *out == "" && len(panels) != 1 {
		return usagef("%s (name one panel, or give --out DIR for all)", usage)
	}
	if *out != "" && *format != "csv" {
		return usagef("--format: --out writes CSV files and datapackage.json")
	}
	if *format == "json" && (len(panels) != 1 || !contains([]string{rules.PanelStateYear, rules.PanelDyadYear, rules.PanelDirectedDyadYear}, panels[0])) {
		return usagef("--format json: only for state-year, dyad-year and directed-dyad-year")
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
	if *format == "json" {
		if panels[0] == rules.PanelStateYear {
			rows, err := rules.StateYears(m, *source, from, to, year)
			if err != nil {
				return err
			}
			if *nna {
				return usagef("--nna: with --format csv or --out")
			}
			return atop.WriteStateYearsJSON(env.Stdout, rows)
		}
		if *nna {
			return usagef("--nna: with --format csv or --out")
		}
		rows, err := rules.DyadYears(m, *source, from, to, year, panels[0] == rules.PanelDirectedDyadYear)
		if err != nil {
			return err
		}
		return atop.WriteDyadYearsJSON(env.Stdout, rows)
	}
	ex, err := rules.BuildExport(m, rules.ExportQuery{Source: *source, From: from, To: to, ThisYear: year, NNA: *nna,
		Reading: *reading, Panels: panels})
	if err != nil {
		return err
	}
	if *out == "" {
		t, _ := ex.Table(panels[0])
		_, err := t.WriteCSV(env.Stdout)
		return err
	}
	return writeExportDir(env, ex, *out)
}

// writeExportDir writes each table of the export and datapackage.json
// into dir (created if need be), each file written to a temporary name
// and renamed, so that a failure leaves no half-written file.
func writeExportDir(env *Env, ex *rules.Export, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usagef("--out: %v", err)
	}
	files := map[string]rules.FileInfo{}
	write := func(name string, fn func(io.Writer) (int, error)) (rules.FileInfo, error) {
		path := filepath.Join(dir, name)
		f, err := os.CreateTemp(dir, "."+name+".*")
		if err != nil {
			return rules.FileInfo{}, usagef("--out: %v", err)
		}
		defer os.Remove(f.Name())
		h := sha256.New()
		cw := &iox.Counter{W: io.MultiWriter(f, h)}
		bw := bufio.NewWriterSize(cw, 1<<16)
		rows, err := fn(bw)
		if err == nil {
			err = bw.Flush()
		}
		if err == nil {
			err = f.Chmod(0o644)
		}
		if err == nil {
			err = f.Close()
		} else {
			f.Close()
		}
		if err == nil {
			err = os.Rename(f.Name(), path)
		}
		return rules.FileInfo{Bytes: cw.N, SHA: hex.EncodeToString(h.Sum(nil)), Rows: rows}, err
	}
	for _, t := range ex.Tables {
		start := time.Now()
		fi, err := write(t.Path(), t.WriteCSV)
		if err != nil {
			return err
		}
		files[t.Name] = fi
		fmt.Fprintf(env.Stdout, "%s\t%d rows\t%d bytes\t%s\n", t.Path(), fi.Rows, fi.Bytes, time.Since(start).Round(time.Millisecond))
	}
	if _, err := write("datapackage.json", func(w io.Writer) (int, error) { return 0, rules.WritePackage(w, ex.Package(files)) }); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "datapackage.json\tlog seq %d, head %s\n", ex.Seq, ex.Head)
	for _, k := range slices.Sorted(maps.Keys(ex.Changed)) {
		if n := ex.Changed[k]; n > 0 {
			fmt.Fprintf(env.Stdout, "claim %s changes %d cells (listed in readings.csv with --reading each-claim)\n", k, n)
		}
	}
	return nil
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
	lang, err := c.language()
	if err != nil {
		return err
	}
	m, done, err := openModel(ctx, env, &c)
	if err != nil {
		return err
	}
	defer done()
	rc, err := rules.ReconcileATOP(m, *id, lang)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, rc)
	}
	w := env.Stdout
	fmt.Fprintln(w, i18n.Tf(lang, "reconcile.heading", rc.ATOPID, rc.Alliance, rc.Org, len(rc.Differences)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, d := range rc.Differences {
		state := d.State
		if state == "" {
			state = "-"
		}
		fmt.Fprintf(tw, "\n%s\t%s\n", i18n.T(lang, "reconcile.kind."+d.Kind), state)
		fmt.Fprintf(tw, "  ATOP\t%s\t%s\n", orNone(d.ATOP.Value), strings.Join(append(d.ATOP.Events, d.ATOP.Sources...), ", "))
		cur := orNone(d.Curated.Value)
		if d.Curated.Article != "" {
			cur += " (" + i18n.Cite(lang, d.Curated.Article) + ")"
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
