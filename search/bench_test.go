package search_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/search"
)

// BenchmarkSearch measures queries on indexes of 10 k, 100 k and (with
// CSTO_BENCH_1M=1, as docs/PERFORMANCE.md reports) 1 M documents: the
// default history's events repeated with new positions, so the words and
// their frequencies are the record's own.
//
//	go test -run '^$' -bench Search -benchtime 200x ./search/
func BenchmarkSearch(b *testing.B) {
	reg, _ := history(b)
	var base []csto.Event
	if err := reg.Events(context.Background(), 0, func(e csto.Event) error { base = append(base, e); return nil }); err != nil {
		b.Fatal(err)
	}
	sizes := []int{10_000, 100_000}
	if os.Getenv("CSTO_BENCH_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		ctx := context.Background()
		db, err := sql.Open("sqlite", "file:"+filepath.Join(b.TempDir(), "search.db")+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
		if err != nil {
			b.Fatal(err)
		}
		x, err := search.Open(ctx, db, false)
		if err != nil {
			b.Fatal(err)
		}
		events := func(ctx context.Context, after int64, fn func(csto.Event) error) error {
			for i := after; i < int64(n); i++ {
				e := base[i%int64(len(base))]
				e.Seq = i + 1
				e.CommandID += "#" + strconv.FormatInt(i, 10)
				if err := fn(e); err != nil {
					return err
				}
			}
			return nil
		}
		if _, err := x.CatchUp(ctx, events); err != nil {
			b.Fatal(err)
		}
		for _, q := range []string{"اوزبكستان", "Беларуси", "Kazakhstan peacekeeping", "منظمة معاهدة الأمن الجماعي", "Rubezh 2004"} {
			b.Run(fmt.Sprintf("docs=%d/q=%s", n, q), func(b *testing.B) {
				for b.Loop() {
					if _, err := x.Search(ctx, q, search.DefaultLimit); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		db.Close()
	}
}
