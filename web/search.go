package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/csto/csto"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/internal/httpx"
	"github.com/csto/csto/search"
)

// /search?q=: the record's states, organizations, instruments, sessions,
// decisions, exercises, operations, sources and events that hold every
// word asked, found by package search (the database's own full-text
// engine, with Arabic hamza/alef, ta marbuta, diacritics, tatweel and
// digits folded and Russian endings stemmed, so "اوزبكستان" finds
// أوزبكستان). The results keep the index's ranking and are grouped by
// kind, the group of the best result first; each links to its page. Every
// page's header holds the search box.

// SetSearch gives the pages the search index beside the log; without it
// /search says search is not configured.
func (s *Server) SetSearch(x *search.Index) { s.search = x }

type searchData struct {
	Q      string
	Groups []searchGroup
	Total  int
	Asked  bool
}

type searchGroup struct {
	Kind, Label string
	Hits        []searchRow
}

type searchRow struct {
	search.Hit
	Rank int    // its place in the index's ranking, from 1
	Text string // the title in the page's language
	Href string // its page, "" when it has none
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(w, r, "")
	p.Title = p.T("search.title")
	d := searchData{Q: strings.TrimSpace(r.URL.Query().Get("q"))}
	if d.Q == "" {
		p.Data = d
		s.render(w, http.StatusOK, "search", p)
		return
	}
	d.Asked = true
	if p.Account == nil {
		var se *httpx.StatusError
		if err := s.Expensive.Allow(r); errors.As(err, &se) {
			w.Header().Set("Retry-After", strconv.Itoa(se.RetryAfter))
			s.failStatus(w, p, se.Status, p.Tf("web.search.limited", se.RetryAfter))
			return
		}
	}
	if s.search == nil {
		s.fail(w, p, csto.Errorf(csto.Internal, "", "search is not configured"))
		return
	}
	if err := s.search.Fresh(r.Context(), s.reg.EventsPage, p.m.Seq); err != nil {
		s.fail(w, p, err)
		return
	}
	hits, err := s.search.Search(r.Context(), d.Q, search.MaxLimit)
	if err != nil {
		if csto.ErrorKind(err) != csto.Invalid {
			s.fail(w, p, err)
			return
		}
		// A query the index refuses is the reader's to correct: the box
		// stays, with the message.
		p.Error = p.searchError(err, d.Q)
		p.Data = d
		s.render(w, http.StatusBadRequest, "search", p)
		return
	}
	p.Title = p.Tf("web.search.title_q", d.Q)
	at := map[string]int{}
	t := newTable("results", p.Title, "rank", "kind", "ref", "title", "date", "seq", "url")
	for i, h := range hits {
		row := searchRow{Hit: h, Rank: i + 1, Text: h.Title.In(p.Lang), Href: p.hitHref(h)}
		if row.Text == "" {
			row.Text = h.Ref
		}
		g, ok := at[h.Kind]
		if !ok {
			g = len(d.Groups)
			at[h.Kind] = g
			d.Groups = append(d.Groups, searchGroup{Kind: h.Kind, Label: p.Label("web.search.group.", h.Kind)})
		}
		d.Groups[g].Hits = append(d.Groups[g].Hits, row)
	}
	d.Total = len(hits)
	// The download lists the results as the page does: group by group.
	for _, g := range d.Groups {
		for _, h := range g.Hits {
			t.add(strconv.Itoa(h.Rank), h.Kind, h.Ref, h.Text, h.Date, strconv.FormatInt(h.Seq, 10), h.Href)
		}
	}
	p.offer("search-"+searchFileName(d.Q), "", nil, t)
	p.Data = d
	s.render(w, http.StatusOK, "search", p)
}

// searchError words a refused query in the page's language.
func (p *page) searchError(err error, q string) string {
	if e, ok := err.(*csto.Error); ok && e.Field == "q" {
		if len(q) > search.MaxQueryLen {
			return p.Tf("web.search.too_long", search.MaxQueryLen)
		}
		return p.T("web.search.no_word")
	}
	return p.errorMessage(err)
}

// searchFileName is the query as a file name's tail: letters and digits,
// the rest as dashes, at most 40 runes.
func searchFileName(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.ToLower(q) {
		if n == 40 {
			break
		}
		if r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
		n++
	}
	return b.String()
}

// hitHref is the page a result is told on, "" for one that has no page
// of its own (the template gives it the page's language).
func (p *page) hitHref(h search.Hit) string {
	m := p.m
	ref := url.PathEscape(h.Ref)
	switch h.Kind {
	case "state", "membership":
		if m.States[h.Ref] != nil {
			return "/states/" + ref
		}
	case "org":
		switch {
		case h.Ref == org:
			return "/"
		case m.Orgs[h.Ref] != nil:
			return "/members?org=" + url.QueryEscape(h.Ref)
		case m.Bodies[h.Ref] != nil:
			return "/institutions#bodies"
		case m.Forces[h.Ref] != nil:
			return "/institutions#forces"
		}
	case "instrument":
		if m.Instruments[h.Ref] != nil {
			return "/instruments/" + ref
		}
	case "session":
		if m.Sessions[h.Ref] != nil {
			return "/sessions/" + ref
		}
	case "decision":
		if m.Decisions[h.Ref] != nil {
			return "/decisions/" + ref
		}
	case "exercise":
		// A store that cannot confirm the exercise leaves it without a link.
		if x, ok, _ := m.Exercise(context.Background(), h.Ref); ok {
			return "/exercises?year=" + strconv.Itoa(yearOf(x.Date())) + "#" + ref
		}
	case "operation":
		if m.Requests[h.Ref] != nil {
			return "/requests/" + ref
		}
		if m.Operations[h.Ref] != nil {
			return "/operations/" + ref
		}
	case "source":
		if src := m.Sources[h.Ref]; src != nil && (strings.HasPrefix(src.URL, "https://") || strings.HasPrefix(src.URL, "http://")) {
			return src.URL
		}
	}
	// An event, or what has no page: the timeline on its date, at it.
	if d, err := edtf.Parse(h.Date); err == nil && !d.IsZero() {
		q := url.Values{"org": {""}, "from": {h.Date}, "to": {h.Date}}
		return "/timeline?" + q.Encode() + "#e" + strconv.FormatInt(h.Seq, 10)
	}
	return ""
}

// External reports whether a result links out of csto (a source's page).
func (r searchRow) External() bool { return strings.HasPrefix(r.Href, "http") }

// SearchQuery is the query the header's box shows: the one asked on the
// search page, else nothing.
func (p *page) SearchQuery() string {
	if d, ok := p.Data.(searchData); ok {
		return d.Q
	}
	return ""
}
