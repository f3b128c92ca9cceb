package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/csto/csto"
	"github.com/csto/csto/store/storetest"
)

// BenchmarkDurableAppend compares, on one server, the appends per second
// of Store.Append (one event per transaction: lock, tail read, insert,
// projection, notify, commit) with a bare single-row INSERT per
// autocommit transaction of the same body into a scratch table. Both wait
// for the commit to be flushed (synchronous_commit as the server has it).
//
//	go test ./store/postgres -run '^$' -bench DurableAppend -benchtime 3s
func BenchmarkDurableAppend(b *testing.B) {
	ctx := context.Background()
	body := storetest.Event("x").Body
	b.Run("Append", func(b *testing.B) {
		s := mustOpen(b, newDatabase(b))
		var after int64
		for b.Loop() {
			evs, err := s.Append(ctx, after, func([]csto.Event) ([]csto.Event, csto.Projection, error) {
				return []csto.Event{storetest.Event(fmt.Sprintf("b%d", after+1))}, csto.Projection{}, nil
			})
			if err != nil {
				b.Fatal(err)
			}
			after = evs[0].Seq
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "appends/s")
	})
	b.Run("RawInsert", func(b *testing.B) {
		c, err := pgx.Connect(ctx, newDatabase(b))
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `CREATE TABLE scratch (id bigint PRIMARY KEY, body text NOT NULL)`); err != nil {
			b.Fatal(err)
		}
		var id int64
		for b.Loop() {
			id++
			if _, err := c.Exec(ctx, `INSERT INTO scratch (id, body) VALUES ($1, $2)`, id, string(body)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "appends/s")
	})
}
