package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/store/sqlite"
	"github.com/csto/csto/store/storetest"
)

// MustOpen opens a store on a new SQLite file in a test directory.
func MustOpen(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T) (csto.Store, func() csto.Store) {
			path := filepath.Join(t.TempDir(), "csto.db")
			return MustOpen(t, path), func() csto.Store { return MustOpen(t, path) }
		},
		Tamper: func(t *testing.T, s csto.Store, seq int64) {
			db := s.(*sqlite.Store).DB()
			if _, err := db.Exec(`DROP TRIGGER events_append_only_update`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(`UPDATE events SET body = replace(body, 'test', 'forged') WHERE seq = ?`, seq); err != nil {
				t.Fatal(err)
			}
		},
		Count: func(t *testing.T, s csto.Store, table string) int {
			var n int
			if err := s.(*sqlite.Store).DB().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		},
	})
}

func TestEventsAreAppendOnly(t *testing.T) {
	s := MustOpen(t, filepath.Join(t.TempDir(), "csto.db"))
	ctx := context.Background()
	if _, err := s.Append(ctx, 0, func([]csto.Event) ([]csto.Event, csto.Projection, error) {
		return []csto.Event{storetest.Event("a")}, csto.Projection{}, nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE events SET actor = 'mallory'`, `DELETE FROM events`} {
		if _, err := s.DB().Exec(q); err == nil {
			t.Errorf("%s succeeded; the log must refuse it", q)
		}
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "csto.db")
	s := MustOpen(t, path)
	if _, err := s.DB().Exec(`INSERT INTO schema_migrations (version, name, applied) VALUES (9999, 'future', '')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := sqlite.Open(context.Background(), path); err == nil {
		t.Fatal("opened a database whose schema is newer than the binary")
	}
}
