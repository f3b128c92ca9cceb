package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// queryFlags parses a query's flags: the common ones, --org, and extra.
func queryFlags(env *Env, name string, args []string, extra func(*flag.FlagSet)) (*common, *string, []string, csto.Lang, error) {
	fs := newFlagSet(env, name)
	var c common
	c.register(fs, env, true)
	org := fs.String("org", "csto", "organization")
	if extra != nil {
		extra(fs)
	}
	pos, err := parse(fs, args)
	if err != nil {
		return nil, nil, nil, "", err
	}
	lang, err := c.language()
	if err != nil {
		return nil, nil, nil, "", err
	}
	*org = strings.ToLower(*org)
	return &c, org, pos, lang, nil
}

// openModel opens the data directory and returns its current model.
func openModel(ctx context.Context, env *Env, c *common) (*registry.Model, func(), error) {
	a, err := openRead(ctx, env, c)
	if err != nil {
		return nil, nil, err
	}
	m, err := a.reg.Read(ctx, time.Time{})
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return m, func() { a.Close() }, nil
}

func yearFlag(name, v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(edtf.ASCIIDigits(v))
	if err != nil || y < 1 || y > 9998 {
		return 0, usagef("--%s: %q is not a year", name, v)
	}
	return y, nil
}

// cmdChair: csto chair [--year Y | --all]
func cmdChair(ctx context.Context, env *Env, args []string) error {
	var yearS string
	var all bool
	c, org, pos, lang, err := queryFlags(env, "chair", args, func(fs *flag.FlagSet) {
		fs.StringVar(&yearS, "year", "", "year (default: this year)")
		fs.BoolVar(&all, "all", false, "every year from the first chair on record to next year")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	year, err := yearFlag("year", yearS)
	if err != nil {
		return err
	}
	if year == 0 {
		year = env.Now().UTC().Year()
	}
	m, done, err := openModel(ctx, env, c)
	if err != nil {
		return err
	}
	defer done()
	years := []int{year}
	if all {
		years = nil
		first, err := m.FirstChairYear(*org)
		if err != nil {
			return err
		}
		for y := first; y <= env.Now().UTC().Year()+1; y++ {
			years = append(years, y)
		}
	}
	var rows []registry.ChairYear
	for _, y := range years {
		if all {
			// Every chair of the year: a term that began and ended within
			// a year (Armenia, 2008-09-05 → 2009-06-14) is shown too.
			rs, err := m.ChairsInYear(*org, y)
			if err != nil {
				if csto.ErrorKind(err) == csto.NotFound {
					continue
				}
				return err
			}
			rows = append(rows, rs...)
			continue
		}
		r, err := m.ChairForYear(*org, y)
		if err != nil {
			return err
		}
		rows = append(rows, r)
	}
	if c.json {
		if all {
			return printJSON(env.Stdout, map[string]any{"org": *org, "chairs": rows})
		}
		return printJSON(env.Stdout, rows[0])
	}
	for _, r := range rows {
		line := fmt.Sprintf("%d  %s %s (%s)", r.Year, r.Chair, m.States[r.Chair].Name.In(lang), i18n.T(lang, "chair."+r.Source))
		if r.From != "" {
			line += "  " + r.From
			if r.To != "" {
				line += " → " + r.To
			}
		}
		if r.Temporary && r.InPlaceOf != "" {
			line += "  " + i18n.Tf(lang, "chair.temporary", m.States[r.InPlaceOf].Name.In(lang))
		}
		if r.Deviation {
			line += fmt.Sprintf("  — %s; %s: %s", i18n.T(lang, "chair.deviation"), i18n.T(lang, "chair.expected"), r.Expected)
		}
		fmt.Fprintln(env.Stdout, line)
	}
	return nil
}

// cmdOfficers: csto officers [--at DATE]
func cmdOfficers(ctx context.Context, env *Env, args []string) error {
	var atS string
	c, org, pos, lang, err := queryFlags(env, "officers", args, func(fs *flag.FlagSet) {
		fs.StringVar(&atS, "at", "", "date (EDTF); default today")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	at, err := dateFlag(env, "at", atS)
	if err != nil {
		return err
	}
	m, done, err := openModel(ctx, env, c)
	if err != nil {
		return err
	}
	defer done()
	terms, err := m.Officers(*org, at, lang)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, map[string]any{"org": *org, "at": at.String(), "officers": terms})
	}
	if len(terms) == 0 {
		fmt.Fprintln(env.Stdout, i18n.T(lang, "officers.none"))
	}
	for _, t := range terms {
		acting := ""
		if t.Acting {
			acting = " (" + i18n.T(lang, "acting") + ")"
		}
		to := ""
		if t.To != "" {
			to = " → " + t.To
		}
		fmt.Fprintf(env.Stdout, "%s: %s%s, %s, %s%s\n", i18n.T(lang, "office."+t.Office), t.Person, acting, t.State, t.From, to)
	}
	return nil
}

// cmdSessions: csto sessions [--year Y]
func cmdSessions(ctx context.Context, env *Env, args []string) error {
	var yearS string
	c, org, pos, lang, err := queryFlags(env, "sessions", args, func(fs *flag.FlagSet) {
		fs.StringVar(&yearS, "year", "", "only this year")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	year, err := yearFlag("year", yearS)
	if err != nil {
		return err
	}
	m, done, err := openModel(ctx, env, c)
	if err != nil {
		return err
	}
	defer done()
	ss, err := m.SessionList(*org, year, lang)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, map[string]any{"org": *org, "sessions": ss})
	}
	for _, s := range ss {
		printSession(env.Stdout, lang, s)
	}
	return nil
}

func printSession(w io.Writer, lang csto.Lang, s registry.SessionView) {
	fmt.Fprintf(w, "%s  %s  %s", s.Date, s.ID, i18n.T(lang, "kind."+s.Kind))
	if s.Place != "" {
		fmt.Fprintf(w, ", %s", s.Place)
	}
	if s.Chair != "" {
		fmt.Fprintf(w, "  [%s: %s]", i18n.T(lang, "org.chair"), s.Chair)
	}
	fmt.Fprintf(w, "  (%s)\n", i18n.T(lang, "session."+s.Status))
	for _, a := range s.Attendance {
		if a.Presence == "present" {
			continue
		}
		r := ""
		if a.Reason != "" {
			r = ": " + a.Reason
		}
		fmt.Fprintf(w, "    %s %s%s\n", a.State, i18n.T(lang, "presence."+a.Presence), r)
	}
	for _, d := range s.Documents {
		fmt.Fprintf(w, "    • %s\n", d)
	}
	for _, d := range s.Decisions {
		printDecision(w, lang, "    ", d)
	}
}

func printDecision(w io.Writer, lang csto.Lang, indent string, d registry.DecisionView) {
	basis := ""
	if d.Basis != "" {
		basis = " (" + i18n.Cite(lang, d.Basis) + ")"
	}
	fmt.Fprintf(w, "%s%s  %s%s — %s\n", indent, d.ID, d.Title, basis, i18n.T(lang, "outcome."+d.Outcome))
	if d.Subject != nil {
		fmt.Fprintf(w, "%s    %s: %s\n", indent, i18n.T(lang, "decides"), i18n.Subject(lang, d.Subject, func(code string) string { return code }))
	}
	for _, p := range d.Positions {
		fmt.Fprintf(w, "%s    %s: %s\n", indent, p.State, i18n.T(lang, "position."+p.Position))
	}
	if len(d.Bound) > 0 {
		fmt.Fprintf(w, "%s    %s: %s\n", indent, i18n.T(lang, "bound"), strings.Join(d.Bound, " "))
	}
}

// cmdRequests: csto requests
func cmdRequests(ctx context.Context, env *Env, args []string) error {
	c, _, pos, lang, err := queryFlags(env, "requests", args, nil)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	m, done, err := openModel(ctx, env, c)
	if err != nil {
		return err
	}
	defer done()
	rs := m.RequestList(lang)
	if c.json {
		return printJSON(env.Stdout, map[string]any{"requests": rs})
	}
	for _, r := range rs {
		fmt.Fprintf(env.Stdout, "%s  %s  %s — %s (%s) — %s %s\n", r.Date, r.ID, r.Name, i18n.T(lang, "request.kind."+r.Kind), i18n.Cite(lang, r.Article),
			i18n.T(lang, "request."+string(r.Status)), strings.Join(r.Answers, " "))
	}
	return nil
}

// cmdOperations: csto operations
func cmdOperations(ctx context.Context, env *Env, args []string) error {
	c, _, pos, lang, err := queryFlags(env, "operations", args, nil)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	m, done, err := openModel(ctx, env, c)
	if err != nil {
		return err
	}
	defer done()
	ops := m.OperationList(lang)
	if c.json {
		return printJSON(env.Stdout, map[string]any{"operations": ops})
	}
	for _, op := range ops {
		printOperation(env.Stdout, lang, op)
	}
	return nil
}

// showOperation: csto operation ID
func showOperation(ctx context.Context, env *Env, args []string) error {
	c, _, pos, lang, err := queryFlags(env, "operation", args, nil)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: csto operation ID | csto operation create|contingent|phase|report …")
	}
	m, done, err := openModel(ctx, env, c)
	if err != nil {
		return err
	}
	defer done()
	op, err := m.Operation(pos[0], lang)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, op)
	}
	printOperation(env.Stdout, lang, op)
	return nil
}

func printOperation(w io.Writer, lang csto.Lang, op registry.OperationView) {
	fmt.Fprintf(w, "%s  %s — %s %s, %s %s (%s)", op.ID, op.Name, i18n.T(lang, "host"), op.Host, i18n.T(lang, "decided"), op.Decided, op.Decision)
	if op.TotalTroops > 0 {
		fmt.Fprintf(w, "%s%s", i18n.T(lang, "web.comma"), i18n.Count(lang, "troops", op.TotalTroops))
	}
	if op.TotalVehicles > 0 {
		fmt.Fprintf(w, "%s%s", i18n.T(lang, "web.comma"), i18n.Count(lang, "vehicles", op.TotalVehicles))
	}
	fmt.Fprintln(w)
	for _, c := range op.Contingents {
		fmt.Fprintf(w, "    %s\n", contingentLine(lang, c.State, c.Troops, c.Approx, c.Units))
	}
	for _, p := range op.Phases {
		fmt.Fprintf(w, "    %s %s\n", p.Date, i18n.T(lang, "phase."+p.Phase))
	}
}

// cmdExercises: csto exercises [--year Y]
func cmdExercises(ctx context.Context, env *Env, args []string) error {
	var yearS string
	var pf pageFlags
	c, org, pos, lang, err := queryFlags(env, "exercises", args, func(fs *flag.FlagSet) {
		fs.StringVar(&yearS, "year", "", "only this year")
		pf.register(fs, "exercises")
	})
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	page, err := pf.page()
	if err != nil {
		return err
	}
	year, err := yearFlag("year", yearS)
	if err != nil {
		return err
	}
	m, done, err := openModel(ctx, env, c)
	if err != nil {
		return err
	}
	defer done()
	pg, err := m.ExercisePage(registry.ExerciseFilter{Org: *org, Year: year, After: page.After, Limit: page.Limit}, lang)
	if err != nil {
		return err
	}
	xs := pg.Exercises
	if c.json {
		out := map[string]any{"org": *org, "exercises": xs, "total": pg.Total}
		if pg.Next != 0 {
			out["next"] = pg.Next
		}
		return printJSON(env.Stdout, out)
	}
	for _, x := range xs {
		fmt.Fprintf(env.Stdout, "%-24s %s — %s", x.Date, x.Name, x.Places)
		if x.Troops > 0 {
			fmt.Fprintf(env.Stdout, "%s%s", i18n.T(lang, "web.comma"), i18n.Count(lang, "troops", x.Troops))
		}
		if len(x.Participants) > 0 {
			fmt.Fprintf(env.Stdout, " [%s]", strings.Join(x.Participants, " "))
		}
		if len(x.Levels) > 0 {
			levels := make([]string, len(x.Levels))
			for i, l := range x.Levels {
				levels[i] = i18n.T(lang, "web.level."+l)
			}
			fmt.Fprintf(env.Stdout, " (%s)", strings.Join(levels, i18n.T(lang, "web.comma")))
		}
		fmt.Fprintln(env.Stdout)
	}
	printMore(env.Stdout, lang, pg.Next)
	return nil
}
