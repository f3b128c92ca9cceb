package search_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/search"
)

// TestMigrateWindowPostgres: an index built before search_window (the
// search schema's version 3) is converted by migration 4 into the same
// window table the write path keeps (the same titles, the same words),
// and answers the same hits after as a fresh index does.
func TestMigrateWindowPostgres(t *testing.T) {
	ctx := context.Background()
	reg, _ := history(t)
	base := events(t, reg)
	db := pgSchema(t, "search_test_migrate_window")
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
		DELETE FROM search_schema WHERE version >= 4`); err != nil {
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

// TestWindowPartitionsPostgres: positions far apart land in the
// partitions of search_window their positions name (created as the log
// reaches them, by whichever process writes first), and a query reads
// across partitions newest first.
func TestWindowPartitionsPostgres(t *testing.T) {
	ctx := context.Background()
	reg, _ := history(t)
	var base []csto.Event
	var exercise csto.Event
	if err := reg.Events(ctx, 0, func(e csto.Event) error {
		base = append(base, e)
		if e.Type == csto.CmdExerciseHold && strings.Contains(string(e.Body), `"rubezh-2004`) {
			exercise = e
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	db := pgSchema(t, "search_test_window_parts")

	// The history, then copies of one exercise at positions in the
	// second and the fifth partitions (a sparse log: the index does not
	// ask that positions follow each other).
	far := []int64{199_999, 200_000, 420_017}
	log := paging(func(ctx context.Context, after int64, fn func(csto.Event) error) error {
		for _, e := range base {
			if e.Seq > after {
				if err := fn(e); err != nil {
					return err
				}
			}
		}
		for i, seq := range far {
			e := copyEvent(exercise, "far"+strconv.Itoa(i))
			if e.Seq = seq; seq > after {
				if err := fn(e); err != nil {
					return err
				}
			}
		}
		return nil
	})
	x, err := search.Open(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.CatchUp(ctx, log); err != nil {
		t.Fatal(err)
	}
	rows, err := db.QueryContext(ctx, `SELECT tableoid::regclass::text, min(seq), count(*) FROM search_window GROUP BY 1 ORDER BY 2`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var part string
		var lo, n int64
		if err := rows.Scan(&part, &lo, &n); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s from %d: %d", part, lo, n))
	}
	rows.Close()
	want := []string{"search_window_p1 from 199999: 1", "search_window_p2 from 200000: 1", "search_window_p4 from 420017: 1"}
	if len(got) != 4 || !strings.HasPrefix(got[0], "search_window_p0 from ") || !slices.Equal(got[1:], want) {
		t.Errorf("rows by partition: %q, want p0 then %q", got, want)
	}
	var parts int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM pg_inherits WHERE inhparent = 'search_window'::regclass`).Scan(&parts); err != nil || parts != 5 {
		t.Errorf("search_window has %d partitions (%v), want p0–p4", parts, err)
	}

	// The exercise's name finds the copies in every partition.
	found := func(x *search.Index) []int64 {
		var seqs []int64
		for _, h := range find(t, x, "Rubezh 2004") {
			if strings.Contains(h.Ref, "-far") {
				seqs = append(seqs, h.Seq)
			}
		}
		slices.Sort(seqs)
		return seqs
	}
	if got := found(x); !slices.Equal(got, far) {
		t.Errorf("Rubezh 2004: the copies at %v, want %v", got, far)
	}

	// Another process, which knows of no partition, writes on into one
	// that does not exist yet.
	far = append(far, 1_000_001)
	y, err := search.Open(ctx, db, true)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := y.CatchUp(ctx, log); err != nil || n != 1 {
		t.Fatalf("catch up to position 1000001: %d events, %v", n, err)
	}
	if got := found(y); !slices.Equal(got, far) {
		t.Errorf("Rubezh 2004 after position 1000001: the copies at %v, want %v", got, far)
	}
}
