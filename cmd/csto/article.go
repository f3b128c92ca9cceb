package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/csto/csto"
	"github.com/csto/csto/drafts"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/importer"
)

func init() {
	importers["article"] = cmdImportArticle
	commands["drafts"] = command{"review imported drafts: list, show, edit, accept, reject (the Secretariat)", cmdDrafts}
}

// cmdImportArticle: csto import article FILE [--source-title … --source-date … --lang ar|en] [--json] [--save --as secretariat]
func cmdImportArticle(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "import article")
	var c common
	c.register(fs, env, true)
	title := fs.String("source-title", "", "the article's title (default: its first line)")
	srcDate := fs.String("source-date", "", "when it was published (EDTF); resolves words like أمس and 'last year'")
	srcURL := fs.String("source-url", "", "where it was published")
	srcID := fs.String("source-id", "", "the source ID to register it under (default: derived from the file name)")
	publisher := fs.String("publisher", "", "who published it")
	textLang := fs.String("text-lang", "", "the article's language: ar, en or ru (default: detect)")
	save := fs.Bool("save", false, "store the drafts as a batch for review (needs --as secretariat)")
	as := fs.String("as", "", "who saves: secretariat")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: csto import article FILE [--source-title …] [--source-date DATE] [--json] [--save --as secretariat]")
	}
	b, err := os.ReadFile(pos[0])
	if err != nil {
		return usagef("FILE: %v", err)
	}
	if !utf8.Valid(b) {
		return usagef("FILE: %s is not UTF-8 text", pos[0])
	}
	if *textLang != "" {
		if _, err := csto.ParseLang(*textLang); err != nil {
			return usagef("--text-lang: %q is not ar, en or ru", *textLang)
		}
	}
	published, err := optionalDate("source-date", *srcDate)
	if err != nil {
		return err
	}
	if *save && !strings.EqualFold(*as, "secretariat") {
		return usagef("--save: the Secretariat stores drafts for review (--as secretariat)")
	}
	a, err := open(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	text := string(b)
	ds := importer.Parse(text, drafts.Gazetteer(a.reg.Model()), importer.Options{Lang: *textLang, Published: published})
	res := importer.Result{Drafts: ds}
	if *save {
		src := drafts.Source{ID: *srcID, Title: *title, Publisher: *publisher, Published: published, URL: *srcURL, Lang: *textLang}
		if src.Title == "" {
			src.Title = strings.TrimSpace(strings.SplitN(text, "\n", 2)[0])
		}
		if src.ID == "" {
			src.ID = sourceID(pos[0])
		}
		svc, err := drafts.Open(ctx, a.db, a.pg != nil, a.reg)
		if err != nil {
			return err
		}
		batch, err := svc.Save(ctx, csto.Actor{Role: csto.RoleSecretariat}, src, ds)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "csto: saved %d drafts as batch %d (source %s); review them with `csto drafts list --batch %d`\n", len(ds), batch, src.ID, batch)
	}
	if c.json {
		return printJSON(env.Stdout, res)
	}
	for _, d := range ds {
		date := "—"
		if d.Date != nil {
			date = *d.Date
		}
		fmt.Fprintf(env.Stdout, "%4d  %-22s %-12s %.2f  %s %s  %s\n", d.Line, date, d.Kind, d.Confidence,
			strings.Join(d.States, ","), strings.Join(d.Orgs, ","), d.Text)
	}
	return nil
}

// sourceID derives a source ID from a file name: lower-case letters,
// digits and dashes.
func sourceID(path string) string {
	base := path[strings.LastIndex(path, "/")+1:]
	base = strings.TrimSuffix(base, ".txt")
	var b strings.Builder
	b.WriteString("import-")
	for _, r := range strings.ToLower(base) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// cmdDrafts: csto drafts list|show|edit|accept|reject
func cmdDrafts(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("usage: csto drafts list [--batch N] [--status pending] | show ID | edit ID … | accept ID | reject ID [--reason …]  (--as secretariat for changes)")
	}
	verb := args[0]
	fs := newFlagSet(env, "drafts "+verb)
	var c common
	c.register(fs, env, true)
	batch := fs.Int64("batch", 0, "only this batch")
	status := fs.String("status", "", "only drafts with this status: pending, accepted, rejected")
	as := fs.String("as", "", "who reviews: secretariat")
	reason := fs.String("reason", "", "why the draft is rejected")
	var e drafts.Edit
	setStr := func(name, usage string, dst **string) {
		fs.Func(name, usage, func(v string) error { *dst = &v; return nil })
	}
	setStr("date", "the event's date (EDTF)", &e.Date)
	setStr("kind", "the event's kind", &e.Kind)
	var text csto.Text
	var textSet bool
	for _, l := range csto.Langs {
		fs.Func("text-"+string(l), "the event's text in "+string(l), func(v string) error {
			textSet = true
			switch l {
			case csto.Arabic:
				text.AR = v
			case csto.English:
				text.EN = v
			default:
				text.RU = v
			}
			return nil
		})
	}
	fs.Func("states", "the states involved, comma-separated ISO codes", func(v string) error {
		ss := strings.Split(v, ",")
		e.States = &ss
		return nil
	})
	fs.Func("orgs", "the organizations involved, comma-separated", func(v string) error {
		ss := strings.Split(v, ",")
		e.Orgs = &ss
		return nil
	})
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	actor := csto.Actor{Role: csto.RolePublic}
	if strings.EqualFold(*as, "secretariat") {
		actor = csto.Actor{Role: csto.RoleSecretariat}
	} else if *as != "" {
		return usagef("--as: drafts are reviewed by the Secretariat (--as secretariat)")
	}
	var id int64
	if verb != "list" {
		if len(pos) != 1 {
			return usagef("usage: csto drafts %s ID", verb)
		}
		if id, err = strconv.ParseInt(pos[0], 10, 64); err != nil {
			return usagef("ID: %q is not a draft number", pos[0])
		}
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	a, svc, err := openDrafts(ctx, env, &c, verb == "list" || verb == "show")
	if err != nil {
		return err
	}
	defer a.Close()
	var out any
	switch verb {
	case "list":
		ds, err := svc.List(ctx, drafts.Filter{Batch: *batch, Status: drafts.Status(*status)})
		if err != nil {
			return err
		}
		if c.json {
			return printJSON(env.Stdout, map[string]any{"drafts": ds})
		}
		for _, d := range ds {
			fmt.Fprintf(env.Stdout, "%5d  batch %d line %-3d %-9s %-22s %s\n", d.ID, d.Batch, d.Line, d.Status, orDash(d.Date), d.Raw)
		}
		return nil
	case "show":
		out, err = svc.Get(ctx, id)
	case "edit":
		if textSet {
			// Keep the languages not given.
			cur, err := svc.Get(ctx, id)
			if err != nil {
				return err
			}
			for _, p := range []struct {
				dst *string
				cur string
			}{{&text.AR, cur.Text.AR}, {&text.EN, cur.Text.EN}, {&text.RU, cur.Text.RU}} {
				if *p.dst == "" {
					*p.dst = p.cur
				}
			}
			e.Text = &text
		}
		if e.Date != nil && *e.Date != "" {
			if _, err := edtf.Parse(*e.Date); err != nil {
				return usagef("--date: %v", err)
			}
		}
		out, err = svc.Update(ctx, actor, id, e)
	case "accept":
		out, err = svc.Accept(ctx, actor, id)
	case "reject":
		out, err = svc.Reject(ctx, actor, id, *reason)
	default:
		return usagef("usage: csto drafts list|show|edit|accept|reject …")
	}
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, out)
	}
	d := out.(drafts.Draft)
	fmt.Fprintf(env.Stdout, "draft %d (batch %d, line %d): %s\n  date  %s\n  raw   %s\n  text  ar: %s\n        en: %s\n        ru: %s\n  states %s  orgs %s  kind %s\n",
		d.ID, d.Batch, d.Line, d.Status, orDash(d.Date), d.Raw, d.Text.AR, d.Text.EN, d.Text.RU, strings.Join(d.States, ","), strings.Join(d.Orgs, ","), d.Kind)
	if d.Event > 0 {
		fmt.Fprintf(env.Stdout, "  event %d\n", d.Event)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// openDrafts opens the record and the drafts: for a reading (list, show)
// read-only, as openRead does, unless the draft tables need setting up;
// for a review's change, through the writer's path.
func openDrafts(ctx context.Context, env *Env, c *common, read bool) (*app, *drafts.Service, error) {
	if read {
		a, err := openRead(ctx, env, c)
		if err != nil {
			return nil, nil, err
		}
		db, err := a.readDB(c)
		if err == nil {
			var svc *drafts.Service
			if svc, err = drafts.OpenReader(ctx, db, a.pg != nil, a.reg); err == nil {
				return a, svc, nil
			}
		}
		a.Close()
		if !errors.Is(err, drafts.ErrNeedsSetup) {
			return nil, nil, err
		}
	}
	a, err := open(ctx, env, c)
	if err != nil {
		return nil, nil, err
	}
	svc, err := drafts.Open(ctx, a.db, a.pg != nil, a.reg)
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return a, svc, nil
}
