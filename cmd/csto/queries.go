package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/csto/csto"
	"github.com/csto/csto/i18n"
	"github.com/csto/csto/registry"
)

// printJSON writes v as one compact line of JSON (a command's --json
// answer; `| jq .` shows it indented).
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func cmdMembers(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "members")
	var c common
	c.register(fs, env, true)
	org := fs.String("org", "csto", "organization")
	atS := fs.String("at", "", "date (EDTF); default today")
	recS := fs.String("recorded", "", "as recorded at this time (RFC 3339 or YYYY-MM-DD); default now")
	pos, err := parse(fs, args)
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
	at, err := dateFlag(env, "at", *atS)
	if err != nil {
		return err
	}
	a, err := openRead(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	var rec time.Time // zero: now
	if *recS != "" {
		if rec, err = parseRecorded(*recS); err != nil {
			return err
		}
	}
	m, err := a.reg.Read(ctx, rec)
	if err != nil {
		return err
	}
	if _, ok := m.Orgs[strings.ToLower(*org)]; !ok && *recS != "" {
		return notYetRecorded(ctx, a, strings.ToLower(*org), *recS)
	}
	list, err := m.Members(strings.ToLower(*org), at, lang)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, list)
	}
	fmt.Fprintln(env.Stdout, i18n.Tf(lang, "members.title", m.Orgs[list.Org].Name.In(lang), list.At))
	if list.Members.Len() == 0 {
		fmt.Fprintln(env.Stdout, i18n.T(lang, "members.none"))
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, r := range list.Members.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s %s\t%s\n", r.State, r.Name, i18n.T(lang, "status."+string(r.Status)),
			i18n.T(lang, "since"), r.Since, i18n.T(lang, "certainty."+string(r.Certainty)))
	}
	return tw.Flush()
}

// notYetRecorded explains an organization missing from the record as held
// at --recorded when the record knows it now: nothing about it had been
// recorded yet at that time.
func notYetRecorded(ctx context.Context, a *app, org, recorded string) error {
	if _, ok := a.reg.Model().Orgs[org]; !ok {
		return csto.Errorf(csto.NotFound, "org", "unknown organization %q", org)
	}
	first := ""
	stop := errors.New("stop")
	if err := a.reg.Events(ctx, 0, func(e csto.Event) error {
		// Nanoseconds: in whole seconds the first event can seem to be
		// at the very time asked.
		first = e.Recorded.UTC().Format(time.RFC3339Nano)
		return stop
	}); err != nil && err != stop {
		return err
	}
	return usagef("--recorded: %s: nothing about %q had been recorded yet at that time (csto's record begins at %s)", recorded, org, first)
}

func parseRecorded(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Add(24*time.Hour - time.Nanosecond), nil // the end of that day
	}
	return time.Time{}, usagef("--recorded: %q is not an RFC 3339 time or a YYYY-MM-DD date", s)
}

func cmdState(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "state")
	var c common
	c.register(fs, env, true)
	var pg pageFlags
	pg.register(fs, "events")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	page, err := pg.page()
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("CODE: give one state code, e.g. `csto state ARM`")
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
	v, err := a.reg.Model().State(pos[0], page, lang)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, v)
	}
	w := env.Stdout
	fmt.Fprintf(w, "%s — %s (COW %d, %s %s)\n", v.State, v.Name, v.COW, i18n.T(lang, "state.exists_from"), v.ExistsFrom)
	fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "state.memberships"))
	for _, mv := range v.Memberships {
		fmt.Fprintf(w, "  %s\n", mv.Name)
		for _, sp := range mv.Spells {
			to := ""
			if sp.To != "" {
				to = " → " + sp.To
			}
			fmt.Fprintf(w, "    %s%s  %s\n", sp.From, to, i18n.T(lang, "status."+string(sp.Status)))
		}
	}
	fmt.Fprintf(w, "\n%s\n", i18n.T(lang, "state.events"))
	printEntries(w, lang, v.Events)
	printMore(w, lang, v.Next)
	return nil
}

// pageFlags are a list's --after and --limit: a page of it in the
// timeline's order, as the API's ?after= and ?limit= give one.
type pageFlags struct {
	after int64
	limit int
}

// defaultLimit is how many entries a list prints unless --limit says
// otherwise (the API's default page).
const defaultLimit = 100

func (pg *pageFlags) register(fs *flag.FlagSet, what string) {
	fs.Int64Var(&pg.after, "after", 0, "print the "+what+" after the one of this log position (the cursor the previous page printed)")
	fs.IntVar(&pg.limit, "limit", defaultLimit, "print at most this many "+what+" (0: all)")
}

func (pg *pageFlags) page() (registry.Page, error) {
	if pg.limit < 0 {
		return registry.Page{}, usagef("--limit: %d is negative (0 prints all)", pg.limit)
	}
	if pg.after < 0 {
		return registry.Page{}, usagef("--after: %d is not a log position", pg.after)
	}
	return registry.Page{After: pg.after, Limit: pg.limit}, nil
}

// printMore says, after a page that is not the last, how to ask for the
// next one.
func printMore(w io.Writer, lang csto.Lang, next int64) {
	if next != 0 {
		fmt.Fprintf(w, "\n%s\n", i18n.Tf(lang, "cli.more", next))
	}
}

func cmdTimeline(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "timeline")
	var c common
	c.register(fs, env, true)
	org := fs.String("org", "", "only events of this organization (e.g. csto)")
	state := fs.String("state", "", "only events involving this state (ISO alpha-3)")
	kind := fs.String("kind", "", "only events of this kind or command type")
	fromS := fs.String("from", "", "from this date (EDTF)")
	toS := fs.String("to", "", "to this date (EDTF)")
	var pg pageFlags
	pg.register(fs, "events")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	page, err := pg.page()
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
	from, err := optionalDate("from", *fromS)
	if err != nil {
		return err
	}
	to, err := optionalDate("to", *toS)
	if err != nil {
		return err
	}
	a, err := openRead(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.reg.Model().Timeline(registry.TimelineFilter{Org: strings.ToLower(*org), State: strings.ToUpper(*state), Kind: *kind, From: from, To: to,
		After: page.After, Limit: page.Limit}, lang)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, t)
	}
	if len(t.Events) == 0 {
		fmt.Fprintln(env.Stdout, i18n.T(lang, "timeline.none"))
		return nil
	}
	printEntries(env.Stdout, lang, t.Events)
	printMore(env.Stdout, lang, t.Next)
	return nil
}

func printEntries(w io.Writer, lang csto.Lang, es []registry.EntryView) {
	for _, e := range es {
		fmt.Fprintf(w, "%-22s %s\n", e.Date, e.Text)
		ids := make([]string, len(e.Sources))
		for i, s := range e.Sources {
			ids[i] = s.ID
		}
		weak := ""
		if e.WeaklySourced {
			weak = " (" + i18n.T(lang, "sources.weakly-sourced") + ")"
		}
		fmt.Fprintf(w, "%-22s   %s: %s%s\n", "", i18n.T(lang, "sources"), strings.Join(ids, ", "), weak)
		for _, cl := range e.Claims {
			ids := make([]string, len(cl.Sources))
			for i, s := range cl.Sources {
				ids[i] = s.ID
			}
			fmt.Fprintf(w, "%-22s   %s (%s = %s%s%s)%s\n", "", i18n.T(lang, "contested"), i18n.T(lang, "web.field."+cl.Field), claimText(lang, cl.Value),
				i18n.T(lang, "web.semicolon"), strings.Join(ids, i18n.T(lang, "web.comma")), noteSuffix(cl.Note))
		}
		if e.Preferred != "" {
			fmt.Fprintf(w, "%-22s   %s: %s\n", "", i18n.T(lang, "preferred"), e.Preferred)
		}
		for _, f := range e.Corrections {
			ids := make([]string, len(f.Sources))
			for i, s := range f.Sources {
				ids[i] = s.ID
			}
			if len(ids) == 0 {
				fmt.Fprintf(w, "%-22s   %s: %s\n", "", i18n.T(lang, "corrected"), f.Reason)
				continue
			}
			fmt.Fprintf(w, "%-22s   %s: %s (%s: %s)\n", "", i18n.T(lang, "corrected"), f.Reason, i18n.T(lang, "sources"), strings.Join(ids, ", "))
		}
	}
}

func noteSuffix(n string) string {
	if n == "" {
		return ""
	}
	return ": " + n
}

func cmdOrg(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "org")
	var c common
	c.register(fs, env, true)
	atS := fs.String("at", "", "as of this date (EDTF); default today")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("unexpected argument %q", pos[1])
	}
	id := "csto"
	if len(pos) == 1 {
		id = pos[0]
	}
	lang, err := c.language()
	if err != nil {
		return err
	}
	at, err := dateFlag(env, "at", *atS)
	if err != nil {
		return err
	}
	a, err := openRead(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	v, err := a.reg.Model().Org(id, at, lang)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, v)
	}
	printOrg(env.Stdout, lang, v)
	return nil
}

func printOrg(w io.Writer, lang csto.Lang, v registry.OrgView) {
	t := func(k string) string { return i18n.T(lang, k) }
	fmt.Fprintf(w, "%s (%s)\n", v.Name, v.Abbr)
	if v.About != "" {
		fmt.Fprintln(w, v.About)
	}
	fmt.Fprintf(w, "%s: %s\n", t("org.founded"), v.Founded)
	if v.Headquarters != "" {
		fmt.Fprintf(w, "%s: %s\n", t("org.headquarters"), v.Headquarters)
	}
	if v.Chair != nil {
		fmt.Fprintf(w, "%s: %s (%s %s)\n", t("org.chair"), v.Chair.Name, t("since"), v.Chair.From)
	}
	for _, o := range v.Officers {
		acting := ""
		if o.Acting {
			acting = " (" + t("acting") + ")"
		}
		fmt.Fprintf(w, "%s: %s%s%s%s%s%s %s\n", t("office."+o.Office), o.Person, acting, t("web.comma"), o.State, t("web.comma"), t("since"), o.From)
	}
	fmt.Fprintf(w, "\n%s (%s)\n", t("org.members"), v.At)
	for _, r := range v.Members.All() {
		fmt.Fprintf(w, "  %s %s — %s %s %s\n", r.State, r.Name, t("status."+string(r.Status)), t("since"), r.Since)
	}
	fmt.Fprintf(w, "\n%s\n", t("org.bodies"))
	for _, b := range v.Bodies {
		rule := ""
		if b.DecisionRule != "" {
			rule = " — " + t("decision_rule") + ": " + t("rule."+b.DecisionRule)
		}
		fmt.Fprintf(w, "  %s%s\n", b.Name, rule)
	}
	fmt.Fprintf(w, "\n%s\n", t("org.instruments"))
	for _, in := range v.Instruments {
		force := t("not_in_force")
		if in.InForce != "" {
			force = t("in_force") + " " + in.InForce
		}
		fmt.Fprintf(w, "  %s %s (%s)\n", in.Adopted, in.Name, force)
		for _, a := range in.Articles {
			if len(a.Provisions) == 0 {
				continue
			}
			kinds := make([]string, len(a.Provisions))
			for i, p := range a.Provisions {
				kinds[i] = t("provision." + p.Kind)
			}
			title := ""
			if a.Title != "" {
				title = " " + a.Title
			}
			fmt.Fprintf(w, "    %s %s%s: %s\n", t("article"), a.Num, title, strings.Join(kinds, t("web.comma")))
		}
	}
	if len(v.Forces) > 0 {
		fmt.Fprintf(w, "\n%s\n", t("org.forces"))
		for _, f := range v.Forces {
			fmt.Fprintf(w, "  %s %s\n", f.Established, f.Name)
		}
	}
	if len(v.Operations) > 0 {
		fmt.Fprintf(w, "\n%s\n", t("org.operations"))
		for _, op := range v.Operations {
			fmt.Fprintf(w, "  %s %s — %s %s", op.Decided, op.Name, t("host"), op.Host)
			if op.TotalTroops > 0 {
				fmt.Fprintf(w, "%s%s", t("web.comma"), i18n.Count(lang, "troops", op.TotalTroops))
			}
			fmt.Fprintln(w)
			for _, c := range op.Contingents {
				fmt.Fprintf(w, "    %s\n", contingentLine(lang, c.State, c.Troops, c.Approx, c.Units))
			}
			for _, p := range op.Phases {
				fmt.Fprintf(w, "    %s %s\n", p.Date, t("phase."+p.Phase))
			}
		}
	}
}

func cmdDB(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "rebuild" {
		return usagef("usage: csto db rebuild [--data-dir DIR]")
	}
	fs := newFlagSet(env, "db rebuild")
	var c common
	c.register(fs, env, false)
	if pos, err := parse(fs, args[1:]); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	a, err := open(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.reg.Rebuild(ctx); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.Tf(csto.English, "rebuild.ok", a.reg.Model().Seq))
	return nil
}

// contingentLine is one state's contingent: "ARM 100 troops", "KGZ ~150
// troops", "RUS airborne units", with the count in the language's number
// agreement.
func contingentLine(lang csto.Lang, state string, troops int, approx bool, units string) string {
	parts := []string{state}
	if troops > 0 {
		n := i18n.Count(lang, "troops", troops)
		if approx {
			n = "~" + n
		}
		parts = append(parts, n)
	}
	if units != "" {
		parts = append(parts, units)
	}
	return strings.Join(parts, " ")
}

// claimText is a claim's value as a reader reads it: a date or a number
// as it is, a list joined, a word of the record (an actor) in lang.
func claimText(lang csto.Lang, raw json.RawMessage) string {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	var text func(v any) string
	text = func(v any) string {
		switch v := v.(type) {
		case string:
			return i18n.Value(lang, v)
		case []any:
			parts := make([]string, len(v))
			for i, x := range v {
				parts[i] = text(x)
			}
			return strings.Join(parts, i18n.T(lang, "web.comma"))
		}
		b, _ := json.Marshal(v)
		return string(b)
	}
	return text(v)
}
