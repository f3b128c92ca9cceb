package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/csto/csto"
	"github.com/csto/csto/store/storetest"
)

// failInserts makes the server refuse the first n inserts into events
// with SQLSTATE code. A sequence counts them: nextval survives the
// rollback of the transaction it failed.
func failInserts(t *testing.T, s csto.Store, code string, n int) {
	query(t, s, `CREATE SEQUENCE failures`, nil)
	query(t, s, fmt.Sprintf(`CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN
			IF nextval('failures') <= %d THEN
				RAISE EXCEPTION 'injected failure' USING ERRCODE = '%s';
			END IF;
			RETURN NEW;
		END $$`, n, code), nil)
	query(t, s, `CREATE TRIGGER fail_insert BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION fail_insert()`, nil)
}

// countingAppend appends one event and returns how often fn ran.
func countingAppend(t *testing.T, s csto.Store) (int, error) {
	calls := 0
	_, err := s.Append(context.Background(), 0, func([]csto.Event) ([]csto.Event, csto.Projection, error) {
		calls++
		return []csto.Event{storetest.Event("a")}, csto.Projection{}, nil
	})
	return calls, err
}

func TestAppendRetriesTransientFailures(t *testing.T) {
	for _, code := range []string{"40001", "40P01"} {
		t.Run(code, func(t *testing.T) {
			s := mustOpen(t, newDatabase(t))
			failInserts(t, s, code, 2)
			calls, err := countingAppend(t, s)
			if err != nil {
				t.Fatalf("append after two %s failures: %v", code, err)
			}
			if calls != 3 {
				t.Errorf("fn ran %d times, want 3", calls)
			}
			if err := s.Verify(context.Background()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestAppendGivesUpAfterBoundedRetries(t *testing.T) {
	s := mustOpen(t, newDatabase(t))
	failInserts(t, s, "40001", 99)
	calls, err := countingAppend(t, s)
	if csto.ErrorKind(err) != csto.Conflict {
		t.Fatalf("append failing every time: %v; want a conflict", err)
	}
	if calls != 5 { // maxAttempts
		t.Errorf("fn ran %d times, want 5", calls)
	}
	var n int
	query(t, s, `SELECT count(*) FROM events`, &n)
	if n != 0 {
		t.Errorf("%d events after the failed append, want 0", n)
	}
}
