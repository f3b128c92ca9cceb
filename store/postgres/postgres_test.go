package postgres_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/csto/csto"
	"github.com/csto/csto/store/postgres"
	"github.com/csto/csto/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T) (csto.Store, func() csto.Store) {
			dbURL := newDatabase(t)
			return mustOpen(t, dbURL), func() csto.Store { return mustOpen(t, dbURL) }
		},
		Tamper: func(t *testing.T, s csto.Store, seq int64) {
			query(t, s, `ALTER TABLE events DISABLE TRIGGER events_append_only`, nil)
			query(t, s, `UPDATE events SET body = replace(body, 'test', 'forged') WHERE seq = $1`, nil, seq)
		},
		Count: func(t *testing.T, s csto.Store, table string) int {
			var n int
			query(t, s, `SELECT count(*) FROM `+table, &n)
			return n
		},
	})
}

func appendOne(t *testing.T, s *postgres.Store, after int64, id string) csto.Event {
	t.Helper()
	evs, err := s.Append(context.Background(), after, func([]csto.Event) ([]csto.Event, csto.Projection, error) {
		return []csto.Event{storetest.Event(id)}, csto.Projection{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return evs[0]
}

func TestEventsAreAppendOnly(t *testing.T) {
	s := mustOpen(t, newDatabase(t))
	appendOne(t, s, 0, "a")
	for _, q := range []string{`UPDATE events SET actor = 'mallory'`, `DELETE FROM events`, `TRUNCATE events`} {
		dbURL, _ := stores.Load(s)
		c, err := pgconn.Connect(context.Background(), dbURL.(string))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Exec(context.Background(), q).ReadAll()
		c.Close(context.Background())
		var pe *pgconn.PgError
		if !errors.As(err, &pe) || pe.Code != "23000" {
			t.Errorf("%s: %v; want the append-only trigger's integrity_constraint_violation (23000)", q, err)
		}
	}
	if err := s.Verify(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	dbURL := newDatabase(t)
	s := mustOpen(t, dbURL)
	query(t, s, `INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')`, nil)
	s.Close()
	if s, err := postgres.Open(context.Background(), dbURL); err == nil {
		s.Close()
		t.Fatal("opened a database whose schema is newer than the binary")
	}
}

// Processes starting at once on an empty database migrate it once.
func TestConcurrentOpenersMigrateOnce(t *testing.T) {
	dbURL := newDatabase(t)
	const openers = 6
	var wg sync.WaitGroup
	errs := make(chan error, openers)
	for range openers {
		wg.Go(func() {
			s, err := postgres.Open(context.Background(), dbURL)
			if err != nil {
				errs <- err
				return
			}
			s.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := mustOpen(t, dbURL)
	var n int
	query(t, s, `SELECT count(*) FROM schema_migrations`, &n)
	files, err := fs.Glob(os.DirFS("migrations"), "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if n != len(files) {
		t.Fatalf("schema_migrations has %d rows, want %d (one per migration)", n, len(files))
	}
}

// The recorded time is kept to the microsecond in UTC, whatever the
// clock's zone and precision, and hashed as kept.
func TestRecordedTimeRoundTrips(t *testing.T) {
	s := mustOpen(t, newDatabase(t))
	clock := time.Date(2024, 2, 22, 15, 4, 5, 123456789, time.FixedZone("AMT", 4*3600))
	s.Now = func() time.Time { return clock }
	got := appendOne(t, s, 0, "a")
	want := time.Date(2024, 2, 22, 11, 4, 5, 123456000, time.UTC)
	if !got.Recorded.Equal(want) || got.Recorded.Location() != time.UTC {
		t.Errorf("appended event recorded %v, want %v", got.Recorded, want)
	}
	var read csto.Event
	if err := s.Events(context.Background(), 0, func(e csto.Event) error { read = e; return nil }); err != nil {
		t.Fatal(err)
	}
	if !read.Recorded.Equal(want) || read.Recorded.Location() != time.UTC || read.Hash != got.Hash {
		t.Errorf("read back recorded %v hash %s; appended %v %s", read.Recorded, read.Hash, got.Recorded, got.Hash)
	}
	if err := s.Verify(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// A failed Open says which database it tried, never the password.
func TestOpenUnreachable(t *testing.T) {
	_, err := postgres.Open(context.Background(), "postgres://csto:s3cret@127.0.0.1:1/nowhere?connect_timeout=2")
	if err == nil {
		t.Fatal("opened a database on a closed port")
	}
	if msg := err.Error(); !strings.Contains(msg, "nowhere") || strings.Contains(msg, "s3cret") {
		t.Errorf("error %q: want the database named and the password left out", msg)
	}
}
