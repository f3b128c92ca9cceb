package search

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/csto/csto/internal/sidedb"
)

// A query's word of three letters or more matches as a prefix (Kazakh
// finds Kazakhstan; a Russian stem finds every case of the word). Both
// engines match a prefix by merging the matches of every word it begins,
// all of them, before the newest are taken: the cost of a common word
// grows with the log. So the index keeps its words (search_terms, written
// with the documents), and a query's prefix becomes the whole words it
// begins, which the engines read newest first and stop. A prefix that
// begins more than maxExpand words (a short one: "kaz") stays a prefix.
const maxExpand = 32

// addTerms adds the words of docs to the index's words.
func (x *Index) addTerms(ctx context.Context, tx *sql.Tx, docs []document) error {
	seen := map[string]bool{}
	var all []string
	for _, d := range docs {
		for _, s := range []string{d.titleTerms, d.terms} {
			for w := range strings.FieldsSeq(s) {
				if !seen[w] {
					seen[w] = true
					all = append(all, w)
				}
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	b, err := json.Marshal(all)
	if err != nil {
		return err
	}
	q := `INSERT OR IGNORE INTO search_terms (term) SELECT value FROM json_each(?)`
	if x.postgres {
		q = `INSERT INTO search_terms (term) SELECT jsonb_array_elements_text($1::jsonb) ON CONFLICT DO NOTHING`
	}
	_, err = tx.ExecContext(ctx, q, string(b))
	return err
}

// expand returns terms with each prefix form replaced by the words of the
// index it begins, when there are at most maxExpand; nil when a word of
// the query matches no word of the index (no document can match).
func (x *Index) expand(ctx context.Context, terms []queryTerm) ([]queryTerm, error) {
	var parts []string
	var args []any
	for i, t := range terms {
		for j, f := range t.forms {
			if !f.prefix {
				continue
			}
			// The words from f up to f followed by the last code point:
			// every word that begins with f (the columns compare bytes).
			parts = append(parts, `SELECT `+strconv.Itoa(i)+`, `+strconv.Itoa(j)+`, term FROM (SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT `+strconv.Itoa(maxExpand+1)+`) w`+strconv.Itoa(len(parts)))
			args = append(args, f.s, f.s+"\U0010FFFF")
		}
	}
	if len(parts) == 0 {
		return terms, nil
	}
	rows, err := x.db.QueryContext(ctx, sidedb.Rebind(strings.Join(parts, " UNION ALL "), x.postgres), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type key struct{ i, j int }
	found := map[key][]string{}
	for rows.Next() {
		var k key
		var w string
		if err := rows.Scan(&k.i, &k.j, &w); err != nil {
			return nil, err
		}
		found[k] = append(found[k], w)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]queryTerm, len(terms))
	for i, t := range terms {
		seen := map[form]bool{}
		add := func(f form) {
			if !seen[f] {
				seen[f] = true
				out[i].forms = append(out[i].forms, f)
			}
		}
		for j, f := range t.forms {
			ws := found[key{i, j}]
			switch {
			case !f.prefix, len(ws) > maxExpand:
				add(f)
			default:
				for _, w := range ws {
					add(form{w, false})
				}
			}
		}
		if len(out[i].forms) == 0 {
			return nil, nil
		}
	}
	return out, nil
}
