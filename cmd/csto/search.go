package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/csto/csto/i18n"
	"github.com/csto/csto/search"
	"github.com/csto/csto/store/sqlite"
)

func init() {
	commands["search"] = command{"find states, instruments, sessions, decisions, exercises, operations, sources and events by their words: csto search WORDS", cmdSearch}
}

// SearchResult is what `csto search --json` prints.
type SearchResult struct {
	Query string       `json:"query"`
	Hits  []search.Hit `json:"hits"`
}

func cmdSearch(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "search")
	var c common
	c.register(fs, env, true)
	limit := fs.Int("limit", search.DefaultLimit, "at most this many results (1–"+strconv.Itoa(search.MaxLimit)+")")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("what to look for: csto search WORDS")
	}
	if *limit < 1 || *limit > search.MaxLimit {
		return usagef("--limit: %d is not between 1 and %d", *limit, search.MaxLimit)
	}
	lang, err := c.language()
	if err != nil {
		return err
	}
	a, x, err := openSearch(ctx, env, &c)
	if err != nil {
		return err
	}
	defer a.Close()
	q := strings.Join(pos, " ")
	hits, err := x.Search(ctx, q, *limit)
	if err != nil {
		return err
	}
	if c.json {
		return printJSON(env.Stdout, SearchResult{Query: q, Hits: hits})
	}
	if len(hits) == 0 {
		fmt.Fprintln(env.Stdout, i18n.Tf(lang, "search.none", q))
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, h := range hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", i18n.T(lang, "search.kind."+h.Kind), h.Date, h.Ref, h.Title.In(lang))
	}
	return tw.Flush()
}

// openSearch opens the record and its search index for a query, as
// openRead does: read-only, when the index has caught up with the log
// (`csto serve` keeps it caught up). When its tables need setting up, or
// events were appended since it last caught up (by commands run without
// a server), it indexes them through a writable handle of its own —
// derived rows, the one write a search may cause — while the record
// stays open read-only: it is not opened (replayed) a second time.
func openSearch(ctx context.Context, env *Env, c *common) (*app, *search.Index, error) {
	a, err := openRead(ctx, env, c)
	if err != nil {
		return nil, nil, err
	}
	db, err := a.readDB(c)
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	x, err := search.OpenReader(ctx, db, a.pg != nil)
	if err == nil {
		var indexed int64
		if indexed, err = x.Indexed(ctx); err == nil && indexed >= a.reg.Model().Seq {
			return a, x, nil
		}
	}
	if err != nil && !errors.Is(err, search.ErrNeedsSetup) {
		a.Close()
		return nil, nil, err
	}
	if db, err = a.indexDB(ctx, c); err == nil {
		x, err = a.search(ctx, db)
	}
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	return a, x, nil
}

// indexDB returns a handle on the record's database that may write the
// tables derived from the log (the search index): the writer's when open
// opened the record, else one of its own, closed with a.
func (a *app) indexDB(ctx context.Context, c *common) (*sql.DB, error) {
	if a.writer {
		return a.db, nil
	}
	if a.pg != nil {
		db, err := sql.Open("pgx", c.db)
		if err != nil {
			return nil, &failure{err.Error()}
		}
		a.closers = append(a.closers, db.Close)
		return db, nil
	}
	st, err := sqlite.Open(ctx, filepath.Join(c.dataDir, "csto.db"))
	if err != nil {
		return nil, &failure{err.Error()}
	}
	a.closers = append(a.closers, st.Close)
	return st.DB(), nil
}
