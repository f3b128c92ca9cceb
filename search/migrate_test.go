package search_test

import (
	"context"
	"database/sql"
	"os"
	"slices"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/search"
)

// TestMigrateWindowPostgres: an index built before search_window (the
// search schema's version 3) is converted by migration 4 into the same
// window table the write path keeps (the same titles, the same words),
// and answers the same hits after as a fresh index does.
func TestMigrateWindowPostgres(t *testing.T) {
	url := os.Getenv("CSTO_TEST_POSTGRES")
	if url == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CSTO_TEST_POSTGRES is not set (CI runs .ci/postgres.sh)")
		}
		t.Skip("CSTO_TEST_POSTGRES is not set")
	}
	ctx := context.Background()
	reg, _ := history(t)
	var base []csto.Event
	if err := reg.Events(ctx, 0, func(e csto.Event) error { base = append(base, e); return nil }); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	const schema = "search_test_migrate_window"
	if _, err := db.ExecContext(ctx, `DROP SCHEMA IF EXISTS `+schema+` CASCADE; CREATE SCHEMA `+schema+`; SET search_path TO `+schema); err != nil {
		t.Fatal(err)
	}
	defer db.ExecContext(ctx, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`)
	x, err := search.Open(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.CatchUp(ctx, grown(base, len(base)+1500)); err != nil {
		t.Fatal(err)
	}
	queries := []string{"منظمة معاهدة الأمن الجماعي", "اوزبكستان", "Беларуси", "Rubezh 2004", "peacekeep"}
	before := map[string][]search.Hit{}
	for _, q := range queries {
		before[q] = find(t, x, q)
	}
	window := func() [][3]string {
		rows, err := db.QueryContext(ctx, `SELECT seq::text, title, words::text FROM search_window ORDER BY seq`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out [][3]string
		for rows.Next() {
			var r [3]string
			if err := rows.Scan(&r[0], &r[1], &r[2]); err != nil {
				t.Fatal(err)
			}
			out = append(out, r)
		}
		return out
	}
	written := window()
	if len(written) < 1000 {
		t.Fatalf("the window table has %d rows", len(written))
	}
	// Back to version 3, as an index built before it stood.
	if _, err := db.ExecContext(ctx, `DROP TABLE search_window; CREATE INDEX search_docs_terms ON search_docs USING GIN (terms);
		DELETE FROM search_schema WHERE version = 4`); err != nil {
		t.Fatal(err)
	}
	x, err = search.Open(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	migrated := window()
	if len(migrated) != len(written) {
		t.Fatalf("%d rows migrated, %d written", len(migrated), len(written))
	}
	for i := range written {
		if migrated[i] != written[i] {
			t.Fatalf("position %s: migrated %q, written %q", written[i][0], migrated[i][1:], written[i][1:])
		}
	}
	for _, q := range queries {
		if got := find(t, x, q); !slices.Equal(got, before[q]) {
			t.Errorf("%q: %d hits after the migration, %d before (or in another order)", q, len(got), len(before[q]))
		}
	}
}
