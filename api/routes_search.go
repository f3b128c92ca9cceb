package api

import (
	"strconv"

	"github.com/csto/csto"
	"github.com/csto/csto/search"
)

// Search across the record (package search): a public read.

// SearchResponse is the answer of GET /api/v1/search.
type SearchResponse struct {
	Query string       `json:"query"`
	Hits  []search.Hit `json:"hits"`
}

// SetSearch gives the server the search index beside the log; without it
// /api/v1/search answers 500.
func (s *Server) SetSearch(x *search.Index) { s.search = x }

func init() {
	moreRoutes = append(moreRoutes,
		Route{Method: "GET", Pattern: "/api/v1/search", Tag: "search",
			Summary: "Find states, organizations, instruments, sessions, decisions, exercises, operations, sources and events by their words, in Arabic, English or Russian (hamza, ta marbuta, diacritics, tatweel and Arabic-Indic digits folded; Russian case endings matched by stem); every word must match, best first",
			Params: []Param{{"q", "string", "the words to look for (at most 512 bytes)"},
				{"limit", "integer", "at most this many results (default 20, at most 100)"}},
			Resp: SearchResponse{}, Public: true, Live: true, Expensive: true, Handle: getSearch},
	)
}

func getSearch(r *request) (any, error) {
	if r.s.search == nil {
		return nil, csto.Errorf(csto.Internal, "", "search is not configured")
	}
	q := r.URL.Query()
	limit := 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, csto.Errorf(csto.Invalid, "limit", "%q is not a positive number", v)
		}
		limit = n
	}
	// The index catches up to the model the answer is kept under (an
	// anonymous read's), else to the current one.
	m := r.current
	if m == nil {
		m = r.s.reg.Model()
	}
	if err := r.s.search.Fresh(r.Context(), r.s.reg.EventsPage, m.Seq); err != nil {
		return nil, err
	}
	hits, err := r.s.search.Search(r.Context(), q.Get("q"), limit)
	if err != nil {
		return nil, err
	}
	return SearchResponse{Query: q.Get("q"), Hits: hits}, nil
}
