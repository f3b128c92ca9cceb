package search_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/csto/csto"
	"github.com/csto/csto/dataset"
	"github.com/csto/csto/registry"
	"github.com/csto/csto/search"
	"github.com/csto/csto/store/sqlite"
)

// history opens a real SQLite data directory with the default history
// loaded, and the search index beside it, caught up.
func history(t testing.TB) (*registry.Registry, *search.Index) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "csto.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg, err := registry.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	x, err := search.Open(ctx, st.DB(), false)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := x.CatchUp(ctx, reg.EventsPage); err != nil || n == 0 {
		t.Fatalf("catch up: %d events, %v", n, err)
	}
	return reg, x
}

func find(t *testing.T, x *search.Index, q string) []search.Hit {
	t.Helper()
	hits, err := x.Search(context.Background(), q, 0)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return hits
}

func has(hits []search.Hit, kind, ref string) bool {
	for _, h := range hits {
		if h.Kind == kind && h.Ref == ref {
			return true
		}
	}
	return false
}

func TestSearchArabicAware(t *testing.T) {
	_, x := history(t)
	tests := []struct {
		name, q    string
		kind, ref  string // a hit that must be found
		firstState string // when set, the first hit is this state
	}{
		{"HamzaOnAlef", "أوزبكستان", "state", "UZB", "UZB"},
		{"HamzaDropped", "اوزبكستان", "state", "UZB", "UZB"},
		{"TaMarbutaAsHa", "منظمه معاهده الامن الجماعي", "org", "csto", ""},
		{"Diacritics", "مُنَظَّمَة", "org", "csto", ""},
		{"Tatweel", "كازاخـــستان", "state", "KAZ", "KAZ"},
		{"Clitics", "وبكازاخستان", "state", "KAZ", ""},
		{"ArabicIndicDigits", "طشقند ١٩٩٢", "instrument", "cst", ""},
		{"RussianCaseEnding", "Беларуси", "state", "BLR", "BLR"},
		{"RussianGenitive", "Казахстана", "state", "KAZ", "KAZ"},
		{"EnglishPrefix", "Kazakh", "state", "KAZ", "KAZ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := find(t, x, tt.q)
			if !has(hits, tt.kind, tt.ref) {
				t.Errorf("%q: no %s %s among %d hits: %+v", tt.q, tt.kind, tt.ref, len(hits), hits)
			}
			if tt.firstState != "" && (len(hits) == 0 || hits[0].Kind != "state" || hits[0].Ref != tt.firstState) {
				t.Errorf("%q: the first hit is %+v, want the state %s", tt.q, hits[0], tt.firstState)
			}
		})
	}
}

// TestSearchSpellingsAgree: a query spelled with and without hamza,
// diacritics or tatweel finds the same documents in the same order.
func TestSearchSpellingsAgree(t *testing.T) {
	_, x := history(t)
	for _, pair := range [][2]string{
		{"أرمينيا", "ارمينيا"},
		{"إيران", "ايران"},
		{"مُعَاهَدَة", "معاهدة"},
		{"المنظمة", "المنظمه"},
	} {
		a, b := find(t, x, pair[0]), find(t, x, pair[1])
		if len(a) == 0 {
			t.Errorf("%q finds nothing", pair[0])
		}
		if len(a) != len(b) {
			t.Errorf("%q finds %d, %q %d", pair[0], len(a), pair[1], len(b))
			continue
		}
		for i := range a {
			if a[i].Seq != b[i].Seq {
				t.Errorf("%q and %q differ at hit %d: %d vs %d", pair[0], pair[1], i, a[i].Seq, b[i].Seq)
			}
		}
	}
}

// TestSearchEveryKind: each kind the issue names is found by a word of
// its text.
func TestSearchEveryKind(t *testing.T) {
	_, x := history(t)
	for _, tt := range []struct{ q, kind string }{
		{"Kyrgyzstan", "state"},
		{"Charter", "instrument"},
		{"Rubezh", "exercise"},
		{"Kazakhstan peacekeeping", "operation"},
		{"session Moscow", "session"},
		{"TASS", "source"},
		{"Collective Security Council", "org"},
	} {
		hits := find(t, x, tt.q)
		found := false
		for _, h := range hits {
			found = found || h.Kind == tt.kind
		}
		if !found {
			kinds := []string{}
			for _, h := range hits {
				kinds = append(kinds, h.Kind+":"+h.Ref)
			}
			t.Errorf("%q: no %s among %v", tt.q, tt.kind, kinds)
		}
	}
}

// TestSearchCatchUpIsIncremental: a second catch-up reads nothing; after
// a write it reads the new event only, and finds it.
func TestSearchCatchUpIsIncremental(t *testing.T) {
	reg, x := history(t)
	ctx := context.Background()
	if n, err := x.CatchUp(ctx, reg.EventsPage); err != nil || n != 0 {
		t.Fatalf("second catch-up read %d events (%v), want 0", n, err)
	}
	c := csto.Command{ID: "source:test-zanzibar", Type: csto.CmdSourceAdd,
		Data: []byte(`{"id":"test-zanzibar","title":"Zanzibarian test record","publisher":"csto tests","lang":"en","url":"https://example.org/zanzibar-test-record"}`)}
	if _, err := reg.Submit(ctx, csto.Actor{Role: csto.RoleAdmin, Account: "admin"}, c); err != nil {
		t.Fatal(err)
	}
	if n, err := x.CatchUp(ctx, reg.EventsPage); err != nil || n != 1 {
		t.Fatalf("catch-up after one write read %d events (%v), want 1", n, err)
	}
	if hits := find(t, x, "zanzibarian"); len(hits) != 1 || hits[0].CommandID != c.ID {
		t.Fatalf("the new source: %+v", hits)
	}

	// A revision of the source supersedes it: the old title finds
	// nothing, the new one finds the source once, as revised.
	rev := csto.Command{ID: "source:test-zanzibar:1", Type: csto.CmdSourceAdd,
		Data: []byte(`{"id":"test-zanzibar","revision":1,"reason":"the page's real title","title":"Pembaland archive record","publisher":"csto tests","lang":"en","url":"https://example.org/zanzibar-test-record"}`)}
	if _, err := reg.Submit(ctx, csto.Actor{Role: csto.RoleAdmin, Account: "admin"}, rev); err != nil {
		t.Fatal(err)
	}
	if _, err := x.CatchUp(ctx, reg.EventsPage); err != nil {
		t.Fatal(err)
	}
	if hits := find(t, x, "zanzibarian"); len(hits) != 0 {
		t.Errorf("the superseded title still finds %+v", hits)
	}
	if hits := find(t, x, "pembaland"); len(hits) != 1 || hits[0].CommandID != rev.ID {
		t.Errorf("the revised source: %+v", hits)
	}
}

// A catch-up reads the log a batch at a time, each read ended before its
// batch is written: the next read begins where the last written one ends.
// (One read held open across a catch-up kept SQLite's WAL from being
// checkpointed: past 3 GB at 1 M events.)
func TestSearchCatchUpReadsInBatches(t *testing.T) {
	reg, _ := history(t)
	base := events(t, reg)
	n := len(base) + 4500
	log := grown(base, n)
	var calls []struct{ after, last int64 }
	most := 0
	paged := func(ctx context.Context, after int64, limit int, fn func(csto.Event) error) error {
		calls = append(calls, struct{ after, last int64 }{after, after})
		read := 0
		return log(ctx, after, limit, func(e csto.Event) error {
			read++
			most = max(most, read)
			calls[len(calls)-1].last = e.Seq
			return fn(e)
		})
	}
	x := benchSQLite(t, "", n)
	got, err := x.CatchUp(context.Background(), paged)
	if err != nil || got != n {
		t.Fatalf("read %d events (%v), want %d", got, err, n)
	}
	if most > 2000 || len(calls) < n/2000+1 {
		t.Errorf("%d reads, the longest %d events: want at most 2,000 each", len(calls), most)
	}
	for i, c := range calls {
		if i > 0 && c.after != calls[i-1].last {
			t.Fatalf("read %d begins after %d; the one before ended at %d", i, c.after, calls[i-1].last)
		}
	}
	if last := calls[len(calls)-1]; last.last != int64(n) {
		t.Errorf("the last read ended at %d of %d", last.last, n)
	}
}

// TestSearchSourcesOnce: the history revises sources (revision n+1); each
// revised source is found once, by its newest revision's title.
func TestSearchSourcesOnce(t *testing.T) {
	reg, x := history(t)
	revised := 0
	for id, src := range reg.Model().Sources {
		if src.Revision == 0 {
			continue
		}
		revised++
		words := strings.Fields(src.Title)
		q := strings.Join(words[:min(len(words), 4)], " ")
		hits, err := x.Search(context.Background(), q, 100)
		if err != nil {
			t.Errorf("source %s: search %q: %v", id, q, err)
			continue
		}
		n := 0
		for _, h := range hits {
			if h.Kind == "source" && h.Ref == id {
				n++
				if h.Title.EN != src.Title {
					t.Errorf("source %s found under %q, its title is %q", id, h.Title.EN, src.Title)
				}
			}
		}
		if n != 1 {
			t.Errorf("source %s (revision %d): found %d times by %q, want once", id, src.Revision, n, q)
		}
	}
	if revised == 0 {
		t.Fatal("the history revises no source")
	}
}

func TestSearchRefusesBadQueries(t *testing.T) {
	_, x := history(t)
	ctx := context.Background()
	for _, tt := range []struct {
		q     string
		limit int
		field string
	}{
		{"", 0, "q"},
		{"!!! ؟؟ ...", 0, "q"},
		{strings.Repeat("a", 600), 0, "q"},
		{"Armenia", 1000, "limit"},
	} {
		_, err := x.Search(ctx, tt.q, tt.limit)
		e, ok := err.(*csto.Error)
		if !ok || e.Kind != csto.Invalid || e.Field != tt.field {
			t.Errorf("Search(%.20q, %d): %v, want invalid %s", tt.q, tt.limit, err, tt.field)
		}
	}
	// FTS syntax in a query is a word, not an operator.
	for _, q := range []string{`Armenia" OR "x`, "NEAR(a b)", "a* b*", "'; DROP TABLE search_docs; --"} {
		if _, err := x.Search(ctx, q, 0); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
}

// pgURL is CSTO_TEST_POSTGRES: the test is skipped without it, and fails
// in CI, which always starts PostgreSQL.
func pgURL(t *testing.T) string {
	t.Helper()
	url := os.Getenv("CSTO_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CSTO_TEST_POSTGRES is not set (CI runs .ci/postgres.sh)")
		}
		t.Skip("CSTO_TEST_POSTGRES is not set: run `eval \"$(bash .ci/postgres.sh)\"` to test on PostgreSQL")
	}
	return url
}

// pgSchema is one connection to the test server in a schema of its own,
// new and dropped at the test's end, so runs do not meet.
func pgSchema(t *testing.T, schema string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", pgURL(t))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1) // the search_path is the connection's
	if _, err := db.ExecContext(t.Context(), `DROP SCHEMA IF EXISTS `+schema+` CASCADE; CREATE SCHEMA `+schema+`; SET search_path TO `+schema); err != nil {
		db.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.ExecContext(context.Background(), `DROP SCHEMA IF EXISTS `+schema+` CASCADE`)
		db.Close()
	})
	return db
}

// events are the registry's log, in order.
func events(t *testing.T, reg *registry.Registry) []csto.Event {
	t.Helper()
	var out []csto.Event
	if err := reg.Events(t.Context(), 0, func(e csto.Event) error { out = append(out, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSearchPostgres runs the same index on PostgreSQL: the same hits for
// the same queries as SQLite.
func TestSearchPostgres(t *testing.T) {
	ctx := context.Background()
	reg, lite := history(t)
	db := pgSchema(t, "search_test_"+strings.ReplaceAll(strings.ToLower(t.Name()), "/", "_"))
	pg, err := search.Open(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pg.CatchUp(ctx, reg.EventsPage); err != nil {
		t.Fatal(err)
	}
	// The engines rank by different formulas (bm25, ts_rank): they must
	// find the same documents, and agree on the first where a state's name
	// is asked for.
	for _, tt := range []struct {
		q     string
		state bool
	}{{"أوزبكستان", true}, {"اوزبكستان", true}, {"Беларуси", true}, {"Kazakh", true}, {"طشقند ١٩٩٢", false}, {"وبكازاخستان", true}} {
		q := tt.q
		a, b := find(t, lite, q), find(t, pg, q)
		if len(a) == 0 || len(b) == 0 {
			t.Errorf("%q: %d hits on SQLite, %d on PostgreSQL", q, len(a), len(b))
			continue
		}
		if tt.state && (a[0].Kind != b[0].Kind || a[0].Ref != b[0].Ref) {
			t.Errorf("%q: first hit %s %s on SQLite, %s %s on PostgreSQL", q, a[0].Kind, a[0].Ref, b[0].Kind, b[0].Ref)
		}
		sa, sb := map[int64]bool{}, map[int64]bool{}
		for _, h := range a {
			sa[h.Seq] = true
		}
		for _, h := range b {
			sb[h.Seq] = true
		}
		if len(a) < search.DefaultLimit && len(sa) != len(sb) {
			t.Errorf("%q: %d documents on SQLite, %d on PostgreSQL", q, len(sa), len(sb))
		}
	}
}

// TestSearchWindow: on a log grown past the ranking's window (copies of
// the history's timeline, as tools/scale grows one), the reference
// documents are still ranked in full and first, the others are the
// newest matches, and a prefix finds the words it begins, expanded or
// (when it begins too many) as the engine's own prefix. On SQLite, and on
// PostgreSQL when CSTO_TEST_POSTGRES is set.
func TestSearchWindow(t *testing.T) {
	reg, _ := history(t)
	base := events(t, reg)
	n := len(base) + 6000
	t.Run("sqlite", func(t *testing.T) { testWindow(t, benchSQLite(t, "", n), base, n) })
	t.Run("postgres", func(t *testing.T) { testWindow(t, benchPostgres(t, pgURL(t), "", n), base, n) })
}

func testWindow(t *testing.T, x *search.Index, base []csto.Event, n int) {
	ctx := context.Background()
	if _, err := x.CatchUp(ctx, grown(base, n)); err != nil {
		t.Fatal(err)
	}
	// The CSTO's Arabic name is in more event texts than the window
	// holds: the organization first, then the newest events only. (Were
	// the window not applied, the history's own events would rank above
	// their copies: the same text, without the copy's tag.)
	hits := find(t, x, "منظمة معاهدة الأمن الجماعي")
	if len(hits) == 0 || hits[0].Kind != "org" || hits[0].Ref != "csto" {
		t.Fatalf("the first hit is not the CSTO: %+v", hits[:min(len(hits), 1)])
	}
	events := 0
	for _, h := range hits {
		if h.Kind == "state" || h.Kind == "org" || h.Kind == "instrument" || h.Kind == "alliance" {
			continue
		}
		events++
		if h.Seq <= int64(len(base)) {
			t.Errorf("%s %s (position %d) is the history's own, older than the window's matches", h.Kind, h.Ref, h.Seq)
		}
	}
	if events == 0 {
		t.Errorf("no event among %d hits", len(hits))
	}
	// A state is ranked in full, whatever the events that name it.
	for q, want := range map[string]string{"Беларуси": "BLR", "Kazakh": "KAZ", "اوزبكستان": "UZB"} {
		if hits := find(t, x, q); len(hits) == 0 || hits[0].Kind != "state" || hits[0].Ref != want {
			t.Errorf("%q: the first hit is %+v, want the state %s", q, hits[:min(len(hits), 1)], want)
		}
	}
	// Exercises grow with the log (they are ranked among the newest
	// matches, with the events): still first for their name.
	hits = find(t, x, "Rubezh 2004")
	if len(hits) == 0 || hits[0].Kind != "exercise" || !strings.HasPrefix(hits[0].Ref, "rubezh-2004") {
		t.Errorf("Rubezh 2004: the first hit is %+v, want a copy of the exercise", hits[:min(len(hits), 1)])
	}
	// A prefix expanded to the words it begins: "peacekeep" finds
	// "peacekeeping".
	if hits := find(t, x, "peacekeep"); len(hits) == 0 {
		t.Error("peacekeep finds nothing")
	}
	// A prefix that begins more words than are expanded (gen1, gen10,
	// gen100…) is the engine's prefix: it finds those words and no other.
	hits = find(t, x, "gen1")
	if len(hits) == 0 {
		t.Error("gen1 finds nothing")
	}
	for _, h := range hits {
		if !strings.HasPrefix(h.CommandID, "gen1") {
			t.Errorf("gen1 finds %s", h.CommandID)
		}
	}
	// A word no document has finds nothing.
	if hits := find(t, x, "Zanzibarian"); len(hits) != 0 {
		t.Errorf("Zanzibarian finds %+v", hits)
	}
}
