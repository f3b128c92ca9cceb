package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/csto/csto"
	"github.com/csto/csto/account"
	"github.com/csto/csto/drafts"
	"github.com/csto/csto/edtf"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/sqlite"
)

// `csto migrate --from sqlite:PATH --to postgres://…` moves a deployment
// from its SQLite file to PostgreSQL:
//
//   - the event log verbatim — the same positions, command IDs, bodies,
//     recorded times and hashes — after checking the source's chain (a
//     broken log is not copied) and that every recorded time survives
//     PostgreSQL's microsecond precision (see below);
//   - the tables beside the log (accounts, tokens, web sessions, import
//     drafts, …) row for row, identity sequences moved past the copied ids;
//   - all in one transaction on the target, holding the log's write lock,
//     into a target that has no event and no row in those tables: it
//     refuses a non-empty one;
//   - then the projections are re-derived from the copied log (Rebuild),
//     and the chain, the head and every table's row count are checked on
//     arrival.
//
// Recorded times. The hash covers the recorded time as RFC 3339 with
// nanoseconds; store/sqlite keeps the clock's nanoseconds, PostgreSQL's
// timestamptz keeps microseconds (store/postgres truncates before
// hashing). An event recorded at .123456789 would be stored as .123456
// and no longer match its hash. So migrate refuses such a log by default,
// naming the first such event; with --rehash it truncates every recorded
// time to the microsecond and recomputes the chain from there: the target
// is then a new chain (same events, positions and bodies, new hashes),
// and both heads are printed so that the change is on record. Logs whose
// recorded times are whole microseconds copy verbatim.
//
// The copy reads the source in one transaction (which also keeps its
// writers waiting), but processes writing to the source afterwards are
// not followed: stop every csto on the source first.

func init() {
	commands["migrate"] = command{"copy a SQLite log, its accounts and drafts into an empty PostgreSQL database: csto migrate --from sqlite:PATH --to postgres://…", cmdMigrate}
}

// pgWriteLock is store/postgres's write lock: holding it, the copy
// excludes every Store.Append and Rebuild on the target database.
const pgWriteLock = postgres.WriteLock

// storeTables are the tables of the event store itself: the log is copied
// on its own, projections are re-derived, and each side keeps its own
// schema versions.
func storeTable(name string) bool {
	return name == "events" || name == "schema_migrations" || strings.HasPrefix(name, "p_")
}

func cmdMigrate(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "migrate")
	from := fs.String("from", "", "the source: sqlite:PATH (a data directory or its csto.db file)")
	to := fs.String("to", "", "the target: a postgres:// URL of an empty database")
	rehash := fs.Bool("rehash", false, "truncate recorded times finer than a microsecond and recompute the chain (new hashes)")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	path, err := sourcePath(*from)
	if err != nil {
		return err
	}
	if *to == "" {
		return usagef("--to: required: the postgres:// URL of the target database")
	}
	if !strings.HasPrefix(*to, "postgres://") && !strings.HasPrefix(*to, "postgresql://") {
		return usagef("--to: %q is not a postgres:// URL", redact(*to))
	}
	cfg, err := pgx.ParseConfig(*to)
	if err != nil {
		return usagef("--to: %v", err)
	}
	target := fmt.Sprintf("database %s on %s", cfg.Database, cfg.Host)

	src, err := readSource(ctx, path)
	if err != nil {
		return err
	}
	oldHead, resealed := src.head(), false
	if i := slices.IndexFunc(src.events, func(e sourceEvent) bool { return e.Recorded.Nanosecond()%1000 != 0 }); i >= 0 {
		if !*rehash {
			e := src.events[i]
			return usagef("--from: event %d was recorded at %s, finer than the microsecond PostgreSQL keeps (as are %d of the %d events), "+
				"so its hash would not verify there; --rehash truncates the recorded times and recomputes the chain (new hashes)",
				e.Seq, e.Recorded.Format(time.RFC3339Nano), src.subMicro(), len(src.events))
		}
		src.reseal()
		resealed = true
	}

	if err := copyToPostgres(ctx, *to, src); err != nil {
		return err
	}

	// On arrival: projections from the copied log, chain, head, counts.
	st, err := postgres.Open(ctx, *to)
	if err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	defer st.Close()
	reg, err := registry.Open(ctx, st)
	if err != nil {
		return &failure{fmt.Sprintf("the log was copied to %s but does not replay: %v", target, err)}
	}
	if err := reg.Rebuild(ctx); err != nil {
		return &failure{fmt.Sprintf("the log was copied to %s but its projections were not rebuilt (run csto db rebuild --db URL): %v", target, err)}
	}
	if err := st.Verify(ctx); err != nil {
		return &failure{fmt.Sprintf("the log copied to %s does not verify: %v", target, err)}
	}
	m := reg.Model()
	if m.Seq != int64(len(src.events)) || m.Head != src.head() {
		return &failure{fmt.Sprintf("the log copied to %s ends at event %d (head %s); the source at %d (head %s)", target, m.Seq, m.Head, len(src.events), src.head())}
	}
	counts, err := countRows(ctx, *to, src.tables)
	if err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	for _, t := range src.tables {
		if !t.skipped && counts[t.name] != len(t.rows) {
			return &failure{fmt.Sprintf("%s holds %d rows of %s; the source %d", target, counts[t.name], t.name, len(t.rows))}
		}
	}

	if resealed {
		fmt.Fprintf(env.Stdout, "events: %d copied to %s with recorded times truncated to the microsecond; new chain verified, head %s (the source's head is %s)\n",
			len(src.events), target, src.head(), oldHead)
	} else {
		fmt.Fprintf(env.Stdout, "events: %d copied verbatim to %s; chain verified, head %s\n", len(src.events), target, src.head())
	}
	for _, t := range src.tables {
		if !t.skipped {
			fmt.Fprintf(env.Stdout, "%s: %d rows\n", t.name, len(t.rows))
		}
	}
	fmt.Fprintf(env.Stdout, "projections: rebuilt from %d events\n", m.Seq)
	return nil
}

// sourcePath returns the SQLite file --from names: sqlite:DIR (a data
// directory) or sqlite:FILE.
func sourcePath(from string) (string, error) {
	if from == "" {
		return "", usagef("--from: required: sqlite:PATH, the data directory or its csto.db")
	}
	path, ok := strings.CutPrefix(from, "sqlite:")
	if !ok || path == "" {
		return "", usagef("--from: %q is not sqlite:PATH", from)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", usagef("--from: %v", err)
	}
	if fi.IsDir() {
		path = filepath.Join(path, "csto.db")
		if _, err := os.Stat(path); err != nil {
			return "", usagef("--from: %v", err)
		}
	}
	return path, nil
}

// redact drops the password of a URL for messages.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "…"
	}
	return u.Redacted()
}

// sourceEvent is an event as the SQLite log stores it, with the day
// columns copied as stored.
type sourceEvent struct {
	csto.Event
	earliest, latest sql.NullInt64
}

// sideTable is a table beside the log, read whole.
type sideTable struct {
	name    string
	cols    []string
	rows    [][]any
	refs    []string // tables its foreign keys reference
	skipped bool     // the target holds the same rows already (a version table)
}

type source struct {
	events []sourceEvent
	tables []*sideTable // in an order that inserts referenced rows first
}

func (s *source) head() string {
	if len(s.events) == 0 {
		return ""
	}
	return s.events[len(s.events)-1].Hash
}

func (s *source) subMicro() int {
	n := 0
	for _, e := range s.events {
		if e.Recorded.Nanosecond()%1000 != 0 {
			n++
		}
	}
	return n
}

// reseal truncates the recorded times to the microsecond and recomputes
// every link and hash.
func (s *source) reseal() {
	prev := ""
	for i := range s.events {
		e := &s.events[i].Event
		e.Recorded, e.PrevHash = e.Recorded.Truncate(time.Microsecond), prev
		e.Hash = e.ComputeHash()
		prev = e.Hash
	}
}

// readSource opens the SQLite file (bringing its schemas up to date, as
// any csto command does), reads the log and the tables beside it in one
// transaction, and checks the chain.
func readSource(ctx context.Context, path string) (*source, error) {
	if err := isCstoDatabase(ctx, path); err != nil {
		return nil, err
	}
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, &failure{fmt.Sprintf("--from: %v", err)}
	}
	defer st.Close()
	db := st.DB()
	if _, err := account.Open(ctx, db, account.SQLite); err != nil {
		return nil, &failure{fmt.Sprintf("--from: %v", err)}
	}
	if _, err := drafts.Open(ctx, db, false, nil); err != nil {
		return nil, &failure{fmt.Sprintf("--from: %v", err)}
	}
	tx, err := db.BeginTx(ctx, nil) // immediate: writers wait until the copy is read
	if err != nil {
		return nil, &failure{fmt.Sprintf("--from: %v", err)}
	}
	defer tx.Rollback()
	src := &source{}
	if src.events, err = readEvents(ctx, tx); err != nil {
		return nil, &failure{fmt.Sprintf("--from: %v", err)}
	}
	if err := checkChain(src.events); err != nil {
		return nil, &failure{fmt.Sprintf("--from: chain broken at %v; only an intact log is copied (see csto verify)", err)}
	}
	if src.tables, err = readSideTables(ctx, tx); err != nil {
		return nil, &failure{fmt.Sprintf("--from: %v", err)}
	}
	return src, nil
}

// isCstoDatabase refuses a file that is not a csto SQLite database,
// without changing it.
func isCstoDatabase(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return &failure{fmt.Sprintf("--from: %v", err)}
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'`).Scan(&n); err != nil {
		return usagef("--from: %s is not a SQLite database: %v", path, err)
	}
	if n == 0 {
		return usagef("--from: %s is not a csto database (it has no events table)", path)
	}
	return nil
}

func readEvents(ctx context.Context, tx *sql.Tx) ([]sourceEvent, error) {
	rows, err := tx.QueryContext(ctx, `SELECT seq, command_id, type, date, earliest, latest, recorded, actor, body, prev_hash, hash
		FROM events ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var evs []sourceEvent
	for rows.Next() {
		var (
			e              sourceEvent
			date, recorded string
			body           string
		)
		if err := rows.Scan(&e.Seq, &e.CommandID, &e.Type, &date, &e.earliest, &e.latest, &recorded, &e.Actor, &body, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		if date != "" {
			if e.Date, err = edtf.Parse(date); err != nil {
				return nil, fmt.Errorf("event %d: stored date: %w", e.Seq, err)
			}
		}
		if e.Recorded, err = time.Parse(time.RFC3339Nano, recorded); err != nil {
			return nil, fmt.Errorf("event %d: stored recorded time: %w", e.Seq, err)
		}
		e.Recorded = e.Recorded.UTC()
		e.Body = []byte(body)
		evs = append(evs, e)
	}
	return evs, rows.Err()
}

// checkChain checks positions, links and hashes as csto verify does.
func checkChain(evs []sourceEvent) error {
	var chain csto.Chain
	for i := range evs {
		if err := chain.Next(&evs[i].Event); err != nil {
			return err
		}
	}
	return nil
}

// readSideTables reads every table that is not the event store's, each
// whole, ordered so that a table comes after those it references.
func readSideTables(ctx context.Context, tx *sql.Tx) ([]*sideTable, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, err
		}
		if !storeTable(n) {
			names = append(names, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	byName := map[string]*sideTable{}
	for _, n := range names {
		t := &sideTable{name: n}
		if err := readTable(ctx, tx, t); err != nil {
			return nil, fmt.Errorf("table %s: %w", n, err)
		}
		byName[n] = t
	}
	// Referenced tables first (depth-first over the foreign keys).
	var out []*sideTable
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(n string) error
	visit = func(n string) error {
		switch state[n] {
		case 1:
			return fmt.Errorf("table %s: its foreign keys form a cycle", n)
		case 2:
			return nil
		}
		state[n] = 1
		t := byName[n]
		for _, r := range t.refs {
			if byName[r] != nil && r != n {
				if err := visit(r); err != nil {
					return err
				}
			}
		}
		state[n] = 2
		out = append(out, t)
		return nil
	}
	for _, n := range names {
		if err := visit(n); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func readTable(ctx context.Context, tx *sql.Tx, t *sideTable) error {
	q := pgx.Identifier{t.name}.Sanitize()
	rows, err := tx.QueryContext(ctx, `SELECT * FROM `+q)
	if err != nil {
		return err
	}
	defer rows.Close()
	if t.cols, err = rows.Columns(); err != nil {
		return err
	}
	for rows.Next() {
		vals := make([]any, len(t.cols))
		ptrs := make([]any, len(t.cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		t.rows = append(t.rows, vals)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	refs, err := tx.QueryContext(ctx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, t.name)
	if err != nil {
		return err
	}
	defer refs.Close()
	for refs.Next() {
		var r string
		if err := refs.Scan(&r); err != nil {
			return err
		}
		t.refs = append(t.refs, r)
	}
	return refs.Err()
}

// copyToPostgres creates the schemas on the target and copies the log
// and the side tables into it in one transaction, refusing a target that
// holds events or rows of those tables.
func copyToPostgres(ctx context.Context, to string, src *source) error {
	c, err := pgx.Connect(ctx, to)
	if err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	defer c.Close(context.Background())
	// Refuse before creating anything in a database that holds a log.
	var hasLog bool
	if err := c.QueryRow(ctx, `SELECT to_regclass('events') IS NOT NULL`).Scan(&hasLog); err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	if hasLog {
		if err := refuseNonEmpty(ctx, c, "events"); err != nil {
			return err
		}
	}
	if err := createSchemas(ctx, to); err != nil {
		return err
	}

	tx, err := c.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, pgWriteLock); err != nil {
		return &failure{fmt.Sprintf("--to: take the write lock: %v", err)}
	}
	locked := []string{"events"}
	for _, t := range src.tables {
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, pgx.Identifier{t.name}.Sanitize()).Scan(&exists); err != nil {
			return &failure{fmt.Sprintf("--to: %v", err)}
		}
		if !exists {
			if len(t.rows) > 0 {
				return usagef("--from: table %s (%d rows) has no counterpart in the target; this csto does not know how to copy it", t.name, len(t.rows))
			}
			t.skipped = true
			continue
		}
		locked = append(locked, pgx.Identifier{t.name}.Sanitize())
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE `+strings.Join(locked, ", ")+` IN EXCLUSIVE MODE`); err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	if err := refuseNonEmpty(ctx, tx, "events"); err != nil {
		return err
	}
	for _, t := range src.tables {
		if t.skipped {
			continue
		}
		same, err := sameRows(ctx, tx, t)
		if err != nil {
			return &failure{fmt.Sprintf("--to: table %s: %v", t.name, err)}
		}
		if same {
			t.skipped = true // a version table the target's own migrations wrote
			continue
		}
		if err := refuseNonEmpty(ctx, tx, t.name); err != nil {
			return err
		}
	}

	rows := make([][]any, len(src.events))
	for i, e := range src.events {
		rows[i] = []any{e.Seq, e.CommandID, e.Type, e.Date.String(), e.earliest, e.latest, e.Recorded, e.Actor, string(e.Body), e.PrevHash, e.Hash}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"events"},
		[]string{"seq", "command_id", "type", "date", "earliest", "latest", "recorded", "actor", "body", "prev_hash", "hash"},
		pgx.CopyFromRows(rows)); err != nil {
		return &failure{fmt.Sprintf("--to: copy the events: %v", err)}
	}
	for _, t := range src.tables {
		if t.skipped || len(t.rows) == 0 {
			continue
		}
		if err := copyTable(ctx, tx, t); err != nil {
			return &failure{fmt.Sprintf("--to: copy table %s: %v", t.name, err)}
		}
	}
	if n := len(src.events); n > 0 {
		if _, err := tx.Exec(ctx, `SELECT pg_notify('csto_events', $1)`, fmt.Sprint(src.events[n-1].Seq)); err != nil {
			return &failure{fmt.Sprintf("--to: %v", err)}
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return &failure{fmt.Sprintf("--to: commit: %v", err)}
	}
	return nil
}

// createSchemas brings the target's schemas up to date: the event store,
// the accounts and the drafts, as `csto serve` would.
func createSchemas(ctx context.Context, to string) error {
	st, err := postgres.Open(ctx, to)
	if err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	defer st.Close()
	db, err := sql.Open("pgx", to)
	if err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	defer db.Close()
	if _, err := account.Open(ctx, db, account.Postgres); err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	if _, err := drafts.Open(ctx, db, true, nil); err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	return nil
}

type queryer interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// refuseNonEmpty refuses a target whose table holds rows.
func refuseNonEmpty(ctx context.Context, q queryer, table string) error {
	var n int64
	if err := q.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{table}.Sanitize()).Scan(&n); err != nil {
		return &failure{fmt.Sprintf("--to: %v", err)}
	}
	if n > 0 {
		return usagef("--to: the target is not empty (%s holds %d rows); csto migrate copies into an empty database only", table, n)
	}
	return nil
}

// sameRows reports whether the target's table holds exactly the source's
// rows (both non-empty): a schema-version table written by the target's
// own migrations.
func sameRows(ctx context.Context, q queryer, t *sideTable) (bool, error) {
	if len(t.rows) == 0 {
		return false, nil
	}
	rows, err := q.Query(ctx, `SELECT `+quoteCols(t.cols)+` FROM `+pgx.Identifier{t.name}.Sanitize())
	if err != nil {
		return false, err
	}
	var got []string
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			rows.Close()
			return false, err
		}
		got = append(got, render(vals))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return false, err
	}
	if len(got) != len(t.rows) {
		return false, nil
	}
	want := make([]string, len(t.rows))
	for i, r := range t.rows {
		want[i] = render(r)
	}
	sort.Strings(got)
	sort.Strings(want)
	return slices.Equal(got, want), nil
}

func render(vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		if b, ok := v.([]byte); ok {
			v = string(b)
		}
		parts[i] = fmt.Sprint(v)
	}
	return strings.Join(parts, "\x00")
}

func quoteCols(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = pgx.Identifier{c}.Sanitize()
	}
	return strings.Join(q, ", ")
}

// copyTable copies t's rows, converting SQLite's loose types to the
// target columns' (0/1 to booleans, blobs to text), and moves the
// target's identity sequences past the copied ids.
func copyTable(ctx context.Context, tx pgx.Tx, t *sideTable) error {
	types := map[string]string{}
	rows, err := tx.Query(ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1`, t.name)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c, ty string
		if err := rows.Scan(&c, &ty); err != nil {
			rows.Close()
			return err
		}
		types[c] = ty
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range t.cols {
		if types[c] == "" {
			return fmt.Errorf("the target has no column %s", c)
		}
	}
	out := make([][]any, len(t.rows))
	for i, r := range t.rows {
		out[i] = make([]any, len(r))
		for j, v := range r {
			if out[i][j], err = convert(v, types[t.cols[j]]); err != nil {
				return fmt.Errorf("row %d, column %s: %w", i+1, t.cols[j], err)
			}
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(out)); err != nil {
		return err
	}
	// Identity and serial columns: the next id follows the copied ones.
	for _, c := range t.cols {
		var seq *string
		if err := tx.QueryRow(ctx, `SELECT pg_get_serial_sequence($1, $2)`, pgx.Identifier{t.name}.Sanitize(), c).Scan(&seq); err != nil {
			return err
		}
		if seq == nil {
			continue
		}
		if _, err := tx.Exec(ctx, `SELECT setval($1, (SELECT max(`+pgx.Identifier{c}.Sanitize()+`) FROM `+pgx.Identifier{t.name}.Sanitize()+`))`, *seq); err != nil {
			return err
		}
	}
	return nil
}

func convert(v any, pgType string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch pgType {
	case "boolean":
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		}
		return nil, fmt.Errorf("%T %v is not a boolean", v, v)
	case "text", "character varying":
		switch x := v.(type) {
		case []byte:
			return string(x), nil
		case string:
			return x, nil
		}
		return nil, fmt.Errorf("%T %v is not text", v, v)
	}
	return v, nil
}

// countRows returns the number of rows of each table on the target.
func countRows(ctx context.Context, to string, tables []*sideTable) (map[string]int, error) {
	c, err := pgx.Connect(ctx, to)
	if err != nil {
		return nil, err
	}
	defer c.Close(context.Background())
	out := map[string]int{}
	for _, t := range tables {
		if t.skipped {
			continue
		}
		var n int
		if err := c.QueryRow(ctx, `SELECT count(*) FROM `+pgx.Identifier{t.name}.Sanitize()).Scan(&n); err != nil {
			return nil, err
		}
		out[t.name] = n
	}
	return out, nil
}
