// Package search finds states, organizations, instruments and their
// articles, sessions, decisions, exercises, operations, sources and dated
// events by the words of their texts, in Arabic, English and Russian.
//
// The index is a table beside the event log (like the account and draft
// tables), kept in the database's own full-text engine: an FTS5 table on
// SQLite, a tsvector with a GIN index on PostgreSQL. It is derived from
// the log and never written to it: CatchUp indexes the events appended
// since the last indexed one (the work of a write is the work of its own
// events), and an empty index is rebuilt by catching up from the start.
// Words are folded and varied in Go before they reach the engine (see
// terms.go), so both engines see the same words and only match and rank.
package search

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/csto/csto"
	"github.com/csto/csto/internal/sidedb"
)

// Hit is one document a query found, best first.
type Hit struct {
	Seq       int64     `json:"seq"`        // the event's position in the log
	CommandID string    `json:"command_id"` // the event's command
	Type      string    `json:"type"`       // its command type
	Date      string    `json:"date,omitempty"`
	Kind      string    `json:"kind"`          // state, org, instrument, source, session, decision, exercise, operation, membership, alliance, event
	Ref       string    `json:"ref,omitempty"` // what it is about: a state's code, an instrument's ID, …
	Title     csto.Text `json:"title"`
	Score     float64   `json:"score"` // higher is better; comparable within one answer only
}

// Index is the search index of one database.
type Index struct {
	db       *sql.DB
	postgres bool
	mu       sync.Mutex   // serializes this process's catch-ups
	indexed  atomic.Int64 // the last position this process knows indexed
	parts    atomic.Int64 // the last partition of search_window this process knows exists (PostgreSQL)
}

// Limits of a query.
const (
	DefaultLimit = 20
	MaxLimit     = 100
	MaxQueryLen  = 512 // bytes
)

// Open opens (and on first use creates) the index tables in db, the
// database/sql handle beside the log.
func Open(ctx context.Context, db *sql.DB, postgres bool) (*Index, error) {
	ms := sqliteMigrations
	if postgres {
		ms = postgresMigrations
	}
	if err := sidedb.Migrate(ctx, db, postgres, lockKey, "search_schema", "the search tables", ms); err != nil {
		return nil, err
	}
	x := &Index{db: db, postgres: postgres}
	x.parts.Store(-1)
	return x, nil
}

// ErrNeedsSetup is OpenReader's answer when the index's tables are
// missing or older than this csto: Open makes or migrates them.
var ErrNeedsSetup = errors.New("search: the index's tables need setting up")

// OpenReader opens the index for searching only (a query of the command
// line beside a writer): it checks the tables' version by reading it and
// writes nothing; it answers ErrNeedsSetup when Open would change them.
// Search reads; CatchUp, which writes, is the writer's. Indexed says
// whether the index has caught up with the log.
func OpenReader(ctx context.Context, db *sql.DB, postgres bool) (*Index, error) {
	ms := sqliteMigrations
	if postgres {
		ms = postgresMigrations
	}
	ok, err := sidedb.Current(ctx, db, postgres, "search_schema", "the search tables", len(ms))
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if !ok {
		return nil, ErrNeedsSetup
	}
	x := &Index{db: db, postgres: postgres}
	x.parts.Store(-1)
	return x, nil
}

// Indexed returns the log position the index has indexed through.
func (x *Index) Indexed(ctx context.Context) (int64, error) {
	var n int64
	if err := x.db.QueryRowContext(ctx, `SELECT indexed FROM search_position`).Scan(&n); err != nil {
		return 0, fmt.Errorf("search index: %w", err)
	}
	return n, nil
}

// lockKey is the PostgreSQL advisory lock the search tables' schema is
// changed under: their migrations, and a partition of search_window added.
const lockKey = 7305316173

var sqliteMigrations = []string{`
CREATE TABLE search_docs (
	seq INTEGER PRIMARY KEY,
	command_id TEXT NOT NULL,
	type TEXT NOT NULL,
	date TEXT NOT NULL,
	kind TEXT NOT NULL,
	ref TEXT NOT NULL,
	title_ar TEXT NOT NULL,
	title_en TEXT NOT NULL,
	title_ru TEXT NOT NULL,
	weight REAL NOT NULL
);
CREATE VIRTUAL TABLE search_fts USING fts5(title, terms, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE search_ref_fts USING fts5(title, terms, tokenize = 'unicode61 remove_diacritics 0');
CREATE TABLE search_position (indexed INTEGER NOT NULL);
INSERT INTO search_position (indexed) VALUES (0);
`, `
-- A source revised (source.add again, revision n+1) is found by its
-- newest revision only: drop the older ones already indexed.
CREATE INDEX search_docs_kind_ref ON search_docs (kind, ref, seq);
DELETE FROM search_fts WHERE rowid IN (SELECT seq FROM search_docs WHERE kind = 'source' AND EXISTS (
	SELECT 1 FROM search_docs n WHERE n.kind = 'source' AND n.ref = search_docs.ref AND n.seq > search_docs.seq));
DELETE FROM search_docs WHERE kind = 'source' AND EXISTS (
	SELECT 1 FROM search_docs n WHERE n.kind = 'source' AND n.ref = search_docs.ref AND n.seq > search_docs.seq);
`, `
-- Exercises grow with the log (a few a year; a grown log copies them):
-- ranked among the newest matches, not in full.
INSERT INTO search_fts (rowid, title, terms) SELECT rowid, title, terms FROM search_ref_fts
	WHERE rowid IN (SELECT seq FROM search_docs WHERE kind = 'exercise');
DELETE FROM search_ref_fts WHERE rowid IN (SELECT seq FROM search_docs WHERE kind = 'exercise');
-- (A deleted row's words stay in FTS5's segments until they are merged:
-- merge them, or every query still reads the exercises' matches.)
INSERT INTO search_ref_fts (search_ref_fts) VALUES ('optimize');
-- The words indexed, so that a query's prefix becomes the words it
-- begins (see expand).
CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, search_fts, 'row');
CREATE VIRTUAL TABLE temp.search_ref_vocab USING fts5vocab(main, search_ref_fts, 'row');
INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.search_vocab;
INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.search_ref_vocab;
DROP TABLE temp.search_vocab;
DROP TABLE temp.search_ref_vocab;
`}

var postgresMigrations = []string{`
CREATE TABLE search_docs (
	seq BIGINT PRIMARY KEY,
	command_id TEXT NOT NULL,
	type TEXT NOT NULL,
	date TEXT NOT NULL,
	kind TEXT NOT NULL,
	ref TEXT NOT NULL,
	title_ar TEXT NOT NULL,
	title_en TEXT NOT NULL,
	title_ru TEXT NOT NULL,
	weight DOUBLE PRECISION NOT NULL,
	reference BOOLEAN NOT NULL,
	terms TSVECTOR NOT NULL -- the title's words weighted A, the text's B
);
CREATE INDEX search_docs_terms ON search_docs USING GIN (terms);
CREATE INDEX search_docs_reference ON search_docs (reference, seq);
CREATE TABLE search_position (indexed BIGINT NOT NULL);
INSERT INTO search_position (indexed) VALUES (0);
`, `
-- A source revised (source.add again, revision n+1) is found by its
-- newest revision only: drop the older ones already indexed.
CREATE INDEX search_docs_kind_ref ON search_docs (kind, ref, seq);
DELETE FROM search_docs WHERE kind = 'source' AND EXISTS (
	SELECT 1 FROM search_docs n WHERE n.kind = 'source' AND n.ref = search_docs.ref AND n.seq > search_docs.seq);
`, `
-- Exercises grow with the log (a few a year; a grown log copies them):
-- ranked among the newest matches, not in full. The reference documents
-- have an index of their own, so that a common word's matches among
-- the others do not weigh on ranking them.
UPDATE search_docs SET reference = false WHERE kind = 'exercise';
CREATE INDEX search_docs_terms_reference ON search_docs USING GIN (terms) WHERE reference;
-- The words indexed, so that a query's prefix becomes the words it
-- begins (see expand).
CREATE TABLE search_terms (term TEXT COLLATE "C" PRIMARY KEY);
INSERT INTO search_terms (term) SELECT word FROM ts_stat('SELECT terms FROM search_docs') ON CONFLICT DO NOTHING;
`, `
-- The documents that grow with the log are matched newest first, a
-- row's vector checked at a time: in search_docs that vector (three
-- languages, their variants, positions, weights) is stored out of line,
-- several pages a row, read once to match and again to rank. The window
-- has a table of its own, narrow and kept inline: the words stripped of
-- positions and weights (matching needs neither), and the title's words
-- as text, which the window is ranked by (windowScore, as on SQLite).
CREATE TABLE search_window (
	seq BIGINT PRIMARY KEY,
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	words TSVECTOR NOT NULL
);
ALTER TABLE search_window ALTER COLUMN words SET STORAGE MAIN;
INSERT INTO search_window (seq, kind, title, words)
	SELECT seq, kind, array_to_string(tsvector_to_array(ts_filter(terms, '{a}')), ' '), strip(terms)
	FROM search_docs WHERE NOT reference ORDER BY seq;
CREATE INDEX search_window_words ON search_window USING GIN (words);
-- search_docs' vectors are now matched for the reference documents only
-- (search_docs_terms_reference).
DROP INDEX IF EXISTS search_docs_terms;
ANALYZE search_window;
`, `
-- search_window in partitions of windowPart positions, each with a GIN
-- index of its own: a span read through the index merges the words'
-- posting lists of its partition only, not of the whole log, so that a
-- query's cost stays that of the newest positions as the log grows.
-- windowParts adds a partition when the log reaches it.
ALTER TABLE search_window RENAME TO search_window_old;
ALTER INDEX search_window_pkey RENAME TO search_window_old_pkey;
ALTER INDEX search_window_words RENAME TO search_window_old_words;
CREATE TABLE search_window (
	seq BIGINT PRIMARY KEY,
	kind TEXT NOT NULL,
	title TEXT NOT NULL,
	words TSVECTOR NOT NULL
) PARTITION BY RANGE (seq);
ALTER TABLE search_window ALTER COLUMN words SET STORAGE MAIN;
DO $$ BEGIN
	FOR n IN 0 .. (SELECT coalesce(max(seq), 0) FROM search_window_old) / ` + strconv.Itoa(windowPart) + ` LOOP
		EXECUTE ` + windowPartSQL + `;
	END LOOP;
END $$;
INSERT INTO search_window (seq, kind, title, words) SELECT seq, kind, title, words FROM search_window_old ORDER BY seq;
DROP TABLE search_window_old;
CREATE INDEX search_window_words ON search_window USING GIN (words);
ANALYZE search_window;
`}

// windowPart is how many positions of the log one partition of
// search_window holds: partition n holds [n×windowPart, (n+1)×windowPart).
// The bigger, the more of a common word's postings a span through the
// GIN index merges (16.5 ms at 1 M positions); the smaller, the more
// partitions a rare word's query visits.
const windowPart = 100_000

// windowPartSQL is the SQL expression of the statements that create
// partition n (a PL/pgSQL integer) of search_window if it is missing.
var windowPartSQL = `format('CREATE TABLE IF NOT EXISTS search_window_p%1$s PARTITION OF search_window FOR VALUES FROM (%2$s) TO (%3$s); ` +
	`ALTER TABLE search_window_p%1$s ALTER COLUMN words SET STORAGE MAIN', n, n * ` + strconv.Itoa(windowPart) + `, (n + 1) * ` + strconv.Itoa(windowPart) + `)`

// windowParts makes sure search_window has its partitions up to the one
// of position seq, on PostgreSQL. It creates them in a transaction of
// their own, under lockKey, so that a catch-up's writes (and the readers
// the creation locks out) do not wait on it, and two processes do not
// create the same one.
func (x *Index) windowParts(ctx context.Context, seq int64) error {
	last := seq / windowPart
	if !x.postgres || last <= x.parts.Load() {
		return nil
	}
	tx, err := x.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DO $$ BEGIN
		FOR n IN 0 .. `+strconv.FormatInt(last, 10)+` LOOP
			IF to_regclass('search_window_p' || n) IS NULL THEN
				EXECUTE `+windowPartSQL+`;
			END IF;
		END LOOP;
	END $$`); err != nil {
		return fmt.Errorf("search index: partition %d of search_window: %w", last, err)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	x.parts.Store(last)
	return nil
}

// Events is how the index reads the log: fn for each of at most limit
// events after position after, in order (registry.Registry.EventsPage).
type Events func(ctx context.Context, after int64, limit int, fn func(csto.Event) error) error

// Fresh catches the index up when the log's head (the model's position)
// is past what it has indexed; a read that finds nothing new costs no
// query. Readers call it before Search.
func (x *Index) Fresh(ctx context.Context, events Events, head int64) error {
	if x.indexed.Load() >= head {
		return nil
	}
	_, err := x.CatchUp(ctx, events)
	return err
}

// batch is how many events CatchUp reads at a time, and indexes in one
// transaction.
const batch = 2000

// CatchUp indexes the events after the last indexed one and returns how
// many it read. Several processes may catch up at once: a document is
// written once (by sequence number), and the position only moves forward.
func (x *Index) CatchUp(ctx context.Context, events Events) (int, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	var from int64
	if err := x.db.QueryRowContext(ctx, `SELECT indexed FROM search_position`).Scan(&from); err != nil {
		return 0, fmt.Errorf("search index: %w", err)
	}
	n := 0
	var docs []document
	last := from
	flush := func() error {
		if last == from && len(docs) == 0 {
			return nil
		}
		if err := x.write(ctx, docs, last); err != nil {
			return err
		}
		docs, from = docs[:0], last
		return nil
	}
	x.indexed.Store(from)
	// A batch is read, then written, each read ending before its write:
	// a read left open across the whole catch-up would hold SQLite's WAL
	// from being checkpointed (at 1 M events it grew past 3 GB, and every
	// read of it slowed).
	for {
		read := 0
		err := events(ctx, from, batch, func(e csto.Event) error {
			n++
			read++
			last = e.Seq
			if d, ok := documentOf(&e); ok {
				docs = append(docs, d)
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		if err := flush(); err != nil {
			return n, err
		}
		if read < batch {
			return n, nil
		}
	}
}

// write stores docs and moves the position to last, in one transaction.
func (x *Index) write(ctx context.Context, docs []document, last int64) error {
	if len(docs) > 0 {
		if err := x.windowParts(ctx, docs[len(docs)-1].seq); err != nil {
			return err
		}
	}
	tx, err := x.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := x.addTerms(ctx, tx, docs); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	for _, d := range docs {
		if d.kind == "source" && d.ref != "" {
			newest, err := x.supersede(ctx, tx, d)
			if err != nil {
				return fmt.Errorf("search index: event %d: %w", d.seq, err)
			}
			if !newest {
				continue
			}
		}
		w := kindWeight[d.kind]
		if x.postgres {
			_, err = tx.ExecContext(ctx, `INSERT INTO search_docs (seq, command_id, type, date, kind, ref, title_ar, title_en, title_ru, weight, reference, terms)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
					setweight(to_tsvector('simple', $12), 'A') || setweight(to_tsvector('simple', $13), 'B')) ON CONFLICT (seq) DO NOTHING`,
				d.seq, d.commandID, d.typ, d.date, d.kind, d.ref, d.title.AR, d.title.EN, d.title.RU, w, reference[d.kind], d.titleTerms, d.terms)
			if err == nil && !reference[d.kind] {
				// The same words as search_docs' vector, as the
				// migration that made the table derives them from it.
				_, err = tx.ExecContext(ctx, `INSERT INTO search_window (seq, kind, title, words)
					VALUES ($1, $2, array_to_string(tsvector_to_array(to_tsvector('simple', $3)), ' '),
						strip(to_tsvector('simple', $3) || to_tsvector('simple', $4))) ON CONFLICT (seq) DO NOTHING`,
					d.seq, d.kind, d.titleTerms, d.terms)
			}
		} else {
			var res sql.Result
			res, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO search_docs (seq, command_id, type, date, kind, ref, title_ar, title_en, title_ru, weight)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				d.seq, d.commandID, d.typ, d.date, d.kind, d.ref, d.title.AR, d.title.EN, d.title.RU, w)
			if err == nil {
				if k, _ := res.RowsAffected(); k == 1 {
					table := "search_fts"
					if reference[d.kind] {
						table = "search_ref_fts"
					}
					_, err = tx.ExecContext(ctx, `INSERT INTO `+table+` (rowid, title, terms) VALUES (?, ?, ?)`, d.seq, d.titleTerms, d.terms)
				}
			}
		}
		if err != nil {
			return fmt.Errorf("search index: event %d: %w", d.seq, err)
		}
	}
	if _, err := tx.ExecContext(ctx, sidedb.Rebind(`UPDATE search_position SET indexed = ? WHERE indexed < ?`, x.postgres), last, last); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	x.indexed.Store(last)
	return nil
}

// supersede makes d the one document of its source: a source revised is
// found by its newest revision only, not under an older title. It drops
// the older revisions indexed, and says whether d is the newest (another
// process catching up behind this one may bring an older revision after
// the newer one is in).
func (x *Index) supersede(ctx context.Context, tx *sql.Tx, d document) (newest bool, err error) {
	q := func(s string) string { return sidedb.Rebind(s, x.postgres) }
	var n int
	if err := tx.QueryRowContext(ctx, q(`SELECT count(*) FROM search_docs WHERE kind = ? AND ref = ? AND seq > ?`), d.kind, d.ref, d.seq).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	if x.postgres {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_window WHERE seq IN (SELECT seq FROM search_docs WHERE kind = $1 AND ref = $2 AND seq < $3)`, d.kind, d.ref, d.seq); err != nil {
			return false, err
		}
	} else {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_fts WHERE rowid IN (SELECT seq FROM search_docs WHERE kind = ? AND ref = ? AND seq < ?)`, d.kind, d.ref, d.seq); err != nil {
			return false, err
		}
	}
	_, err = tx.ExecContext(ctx, q(`DELETE FROM search_docs WHERE kind = ? AND ref = ? AND seq < ?`), d.kind, d.ref, d.seq)
	return err == nil, err
}

// ErrEmptyQuery is returned for a query with no word in it.
var ErrEmptyQuery = errors.New("empty query")

// Search returns the documents that contain every word of q (each in any
// of its forms; words of three letters or more also as a prefix), best
// first, at most limit (DefaultLimit when 0). It answers from the index as
// it stands: call CatchUp first to include the latest events.
func (x *Index) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	if len(q) > MaxQueryLen {
		return nil, csto.Errorf(csto.Invalid, "q", "the query is longer than %d bytes", MaxQueryLen)
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	if limit > MaxLimit {
		return nil, csto.Errorf(csto.Invalid, "limit", "at most %d results", MaxLimit)
	}
	terms := parseQuery(q)
	if len(terms) == 0 {
		return nil, csto.Errorf(csto.Invalid, "q", "the query has no word to look for")
	}
	// The reference documents are matched and ranked with the query's
	// prefixes (they are few); the others are matched with the words the
	// prefixes begin (see expand).
	words, err := x.expand(ctx, terms)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits := []Hit{}
	if words == nil {
		return hits, nil // a word no document has
	}
	var rows *sql.Rows
	var win []windowDoc // the window on PostgreSQL (pgWindow); on SQLite, sqliteSearch's rows
	if x.postgres {
		if win, err = x.pgWindow(ctx, words); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		rows, err = x.db.QueryContext(ctx, pgSearch, tsQuery(terms, ""), tsQuery(terms, "A"))
	} else {
		m := ftsQuery(terms)
		rows, err = x.db.QueryContext(ctx, sqliteSearch, "{title} : ("+m+")", m, ftsQuery(words), window)
	}
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	// The candidates ranked, then the details of the best only.
	type ranked struct {
		seq   int64
		tier  int
		score float64
	}
	var found []ranked
	for rows.Next() {
		var r ranked
		var kind string
		var score sql.NullFloat64
		var title sql.NullString // the window's title words, where the engine gives no score (SQLite)
		if err := rows.Scan(&r.seq, &kind, &score, &r.tier, &title); err != nil {
			return nil, err
		}
		r.score = score.Float64
		if !score.Valid {
			r.score = windowScore(words, title.String)
		}
		r.score *= kindWeight[kind]
		found = append(found, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	for _, w := range win {
		found = append(found, ranked{seq: w.seq, tier: 1, score: windowScore(words, w.title) * kindWeight[w.kind]})
	}
	slices.SortFunc(found, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.tier, b.tier), cmp.Compare(b.score, a.score), cmp.Compare(a.seq, b.seq))
	})
	found = found[:min(len(found), limit)]
	if len(found) == 0 {
		return hits, nil
	}
	marks, args := make([]string, len(found)), make([]any, len(found))
	for i, r := range found {
		marks[i], args[i] = "?", r.seq
	}
	rows, err = x.db.QueryContext(ctx, sidedb.Rebind(`SELECT seq, command_id, type, date, kind, ref, title_ar, title_en, title_ru
		FROM search_docs WHERE seq IN (`+strings.Join(marks, ", ")+`)`, x.postgres), args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	bySeq := map[int64]Hit{}
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Seq, &h.CommandID, &h.Type, &h.Date, &h.Kind, &h.Ref, &h.Title.AR, &h.Title.EN, &h.Title.RU); err != nil {
			return nil, err
		}
		bySeq[h.Seq] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, r := range found {
		if h, ok := bySeq[r.seq]; ok {
			h.Score = r.score
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// windowScore scores a document of the window, on both engines, as bm25
// with the index's column weights would (a word in the title counts 10,
// in the text 1), with every word's IDF taken as 1 and no length
// normalisation: FTS5 computes the statistics bm25 needs (how many
// documents hold each word) by reading every match of every word, the
// cost the window is there to avoid; PostgreSQL's ts_rank needs the
// positions and weights of the full vector, stored out of line (see
// search_window). title is the title's words, space-separated.
func windowScore(words []queryTerm, title string) float64 {
	title = " " + title + " " // the words, space-separated
	score := 0.0
	for _, t := range words {
		hit := slices.ContainsFunc(t.forms, func(f form) bool {
			if f.prefix {
				return strings.Contains(title, " "+f.s)
			}
			return strings.Contains(title, " "+f.s+" ")
		})
		if hit {
			score += 10
		} else {
			score++
		}
	}
	return score
}

// The ranking, bounded: the reference documents (states, organizations,
// instruments, alliances: as many as the world has, not as the log
// grows) are ranked in full; of the others (sessions, decisions,
// operations, exercises, sources, dated events, which grow with the log)
// the newest window matches are ranked. A reference document whose name
// holds every word comes first (the state for "Казахстана"); then the engine's
// relevance (bm25 on SQLite, ts_rank on PostgreSQL, windowScore for the
// window on both; a title's words count more than the text's), weighted
// by kind. A query's cost is bounded by
// the reference documents and the window, whatever the size of the log,
// once its prefixes are expanded to the words they begin (expand): an
// engine matches a prefix by merging every match of every word it
// begins, and a whole word by reading its newest matches only.
const (
	sqliteSearch = `SELECT d.seq, d.kind, m.score, m.tier, m.title
	FROM (SELECT rowid, max(-rank) AS score, min(tier) AS tier, NULL AS title FROM (
			SELECT rowid, rank, 0 AS tier FROM search_ref_fts WHERE search_ref_fts MATCH ? AND rank MATCH 'bm25(10.0, 1.0)'
			UNION ALL
			SELECT rowid, rank, 1 FROM search_ref_fts WHERE search_ref_fts MATCH ? AND rank MATCH 'bm25(10.0, 1.0)')
		GROUP BY rowid
		UNION ALL
		SELECT rowid, NULL, 1, title FROM (SELECT rowid, title FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?)) m
	JOIN search_docs d ON d.seq = m.rowid`
	// (PostgreSQL's window is read by pgWindow.)
	pgSearch = `WITH q AS (SELECT to_tsquery('simple', $1) AS q, to_tsquery('simple', $2) AS named)
	SELECT d.seq, d.kind, ts_rank(d.terms, q.q) AS score, CASE WHEN d.terms @@ q.named THEN 0 ELSE 1 END AS tier, NULL AS title
	FROM search_docs d, q WHERE d.reference AND d.terms @@ q.q`
)

// window is how many of the newest matches among the documents that grow
// with the log are ranked.
const window = 500

// reference says which kinds are ranked in full: they grow with the
// world, not with the log.
var reference = map[string]bool{"state": true, "org": true, "instrument": true, "alliance": true}

// ftsQuery writes terms as an FTS5 query: each form quoted (so nothing in
// it is FTS5 syntax), a prefix marked with *, forms of a word joined by
// OR, words by AND.
func ftsQuery(terms []queryTerm) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" AND ")
		}
		b.WriteByte('(')
		for j, f := range t.forms {
			if j > 0 {
				b.WriteString(" OR ")
			}
			b.WriteString(`"` + strings.ReplaceAll(f.s, `"`, `""`) + `"`)
			if f.prefix {
				b.WriteByte('*')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// tsQuery writes terms as a PostgreSQL tsquery: each form quoted as a
// lexeme, :* for a prefix, | between forms, & between words; weight
// ("A": the title) restricts where a form may match.
func tsQuery(terms []queryTerm, weight string) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" & ")
		}
		b.WriteByte('(')
		for j, f := range t.forms {
			if j > 0 {
				b.WriteString(" | ")
			}
			b.WriteString("'" + strings.ReplaceAll(f.s, "'", "''") + "'")
			switch {
			case f.prefix:
				b.WriteString(":*" + weight)
			case weight != "":
				b.WriteString(":" + weight)
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}
