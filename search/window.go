package search

import (
	"context"
	"strconv"
	"strings"
)

// A windowDoc is one of the window's matches on PostgreSQL.
type windowDoc struct {
	seq   int64
	kind  string
	title string // the title's words, space-separated (windowScore)
}

// pgWindow returns the newest window matches of words among the
// documents that grow with the log, on PostgreSQL, newest first, from
// search_window (narrow rows, their vectors inline). It reads the log
// backwards in spans until it has them or reaches the start. The first
// span (16 windows) is read newest first by the primary key, each row's
// vector checked, whatever the words: a common word (the CSTO's name, in
// a fifth of the texts) fills the window after a few hundred rows, where
// its GIN posting lists (every match in the log, merged before any is
// returned) would cost more the longer the log; a rare word costs a scan
// of the span, a few thousand narrow rows. The wider spans after it (four
// times more each time) hold the rarer words' matches: those spans are
// queried with the words and the span written into the query, so that
// the planner weighs the words' frequencies (from its statistics) against
// the span's size. Either way a query reads about the window's rows, not
// every match of the log.
func (x *Index) pgWindow(ctx context.Context, words []queryTerm) ([]windowDoc, error) {
	var head int64
	if err := x.db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM search_window`).Scan(&head); err != nil {
		return nil, err
	}
	// A literal, not a parameter: a prepared statement's generic plan
	// cannot tell a common word from a rare one. The words are letters
	// and digits (see words); the quotes are doubled all the same.
	q := "to_tsquery('simple', '" + strings.ReplaceAll(tsQuery(words, ""), "'", "''") + "')"
	var docs []windowDoc
	for hi, span := head, int64(16*window); hi > 0 && len(docs) < window; hi, span = max(hi-span, 0), span*4 {
		lo := max(hi-span, 0)
		match := "words @@ " + q
		if hi == head {
			match = "(words || '') @@ " + q // not through the GIN index (see above)
		}
		rows, err := x.db.QueryContext(ctx, `SELECT seq, kind, title FROM search_window WHERE seq > `+strconv.FormatInt(lo, 10)+
			` AND seq <= `+strconv.FormatInt(hi, 10)+` AND `+match+` ORDER BY seq DESC LIMIT `+strconv.Itoa(window-len(docs)))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var d windowDoc
			if err := rows.Scan(&d.seq, &d.kind, &d.title); err != nil {
				rows.Close()
				return nil, err
			}
			docs = append(docs, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return docs, nil
}
