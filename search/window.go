package search

import (
	"context"
	"strconv"
	"strings"
)

// pgWindow returns the newest window matches of words among the
// documents that grow with the log, on PostgreSQL, newest first. It
// reads the log backwards in spans (16 windows, then four times more each
// time) until it has them or reaches the start, each span with the words
// and the span written into the query, so that the planner weighs the
// words' frequencies (from its statistics) against the span's size: a
// common word read newest first by the primary key until the window is
// full, a rarer one through the GIN index within the span. Either way a
// query reads about the window's matches, not every match of the log.
func (x *Index) pgWindow(ctx context.Context, words []queryTerm) ([]int64, error) {
	var head int64
	if err := x.db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM search_docs`).Scan(&head); err != nil {
		return nil, err
	}
	// A literal, not a parameter: a prepared statement's generic plan
	// cannot tell a common word from a rare one. The words are letters
	// and digits (see words); the quotes are doubled all the same.
	q := "to_tsquery('simple', '" + strings.ReplaceAll(tsQuery(words, ""), "'", "''") + "')"
	var seqs []int64
	for hi, span := head, int64(16*window); hi > 0 && len(seqs) < window; hi, span = max(hi-span, 0), span*4 {
		lo := max(hi-span, 0)
		rows, err := x.db.QueryContext(ctx, `SELECT seq FROM search_docs WHERE NOT reference AND seq > `+strconv.FormatInt(lo, 10)+
			` AND seq <= `+strconv.FormatInt(hi, 10)+` AND terms @@ `+q+` ORDER BY seq DESC LIMIT `+strconv.Itoa(window-len(seqs)))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var s int64
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return nil, err
			}
			seqs = append(seqs, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return seqs, nil
}

// pgArray writes seqs as a PostgreSQL array literal.
func pgArray(seqs []int64) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range seqs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(s, 10))
	}
	b.WriteByte('}')
	return b.String()
}
