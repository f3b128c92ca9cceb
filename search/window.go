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
// backwards in spans until it has them or reaches the start, each span
// one of two ways. Newest first by the primary key, each row's vector
// checked: the cost of the rows read, whatever the words; the first span
// (two windows) is read so, and the spans after it while the words match
// one position in 16 or more (the CSTO's name, in a fifth of the texts),
// each as long as the density seen says the window needs. Through the GIN
// index otherwise, also as long as that density says (half again), or,
// while nothing has matched, 16 windows, then four times what was read:
// a word's posting lists are merged whole before any match is returned, a
// cost that grows with the log for a common word but is small for a rare
// one. The planner cannot choose between the two (it estimates an AND of
// common words as rare), so the density read so far does. Either way a
// query reads about the window's rows, not every match of the log.
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
	byKey, span := true, int64(2*window)
	for hi := head; hi > 0 && len(docs) < window; {
		lo := max(hi-span, 0)
		match := "words @@ " + q
		if byKey {
			match = "coalesce(words, '') @@ " + q // an expression the GIN index does not answer
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
		hi = lo
		read, found := head-hi, int64(len(docs))
		if found == 0 { // no density to go by: wider each time
			byKey, span = false, max(16*window, 4*read)
		} else { // what the density seen says the rest of the window needs, and half again
			byKey, span = found*16 >= read, (window-found)*read/found*3/2+1
		}
	}
	return docs, nil
}
